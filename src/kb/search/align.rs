//! Template matching: how much of a phrase (a `seen_as` string, an alias, a title) a query holds.
//!
//! The phrase and the query are token sequences (see [`super::tokens`]), each token with a
//! weight (see [`super::weight`]). They are lined up with a local alignment: the best-scoring
//! stretch of the phrase against a stretch of the query, where tokens may be skipped on either
//! side at a cost. That finds `Error: secret "db-creds" not found` inside a pasted event line,
//! and finds `secret not found` in it too, one skipped token apart.
//!
//! Two tokens match when their text is the same; when the phrase has a placeholder; when both
//! are variable parts of a message (quoted names, numbers, generated names), which is how
//! `"db-creds"` matches `"db-credentials"`; and when the query's last token, still being typed,
//! starts the phrase's token. Every match but the first kind counts a little less, so that the
//! same words with the same names win over the same words with other names; another number
//! counts less again, since a number is as often the point (an exit code) as a detail.
//!
//! A word may also match the run of up to [`MAX_JOIN`] words on the other side that spell it:
//! `image pull backoff` holds `ImagePullBackOff`, and `backoff` holds `Back-off`. A placeholder
//! stands for a whole name, with the tokens attached to it (`<image>` for
//! `ghcr.io/team/app:1.2`), and a `*` of a signal's pattern (see [`is_star`]) for any number of
//! tokens, at no cost.

use super::tokens::{self, Kind, Token};

/// What a match between two tokens is worth, as a share of the token's weight.
const SAME: f32 = 1.0;
const SIMILAR: f32 = 0.9;
/// Another number: `exit code 126` is not `exit code 127`, but `0/3 nodes` is `0/12 nodes`.
const OTHER_NUMBER: f32 = 0.6;
/// A word still being typed, against the word it starts: this share for a start of two letters,
/// rising to [`SIMILAR`] as more of the word is typed.
const PREFIX: f32 = 0.65;
/// What a phrase token that lines up with a different query token costs, as a share of its
/// weight.
const MISMATCH: f32 = 0.5;
/// What skipping a token costs, as a share of its weight.
const GAP: f32 = 0.25;
/// The shortest query token that may match as the start of a longer word.
const MIN_PREFIX: usize = 2;
/// The most words that may be joined to match one word on the other side.
pub const MAX_JOIN: usize = 4;
/// The weight of a query beyond which a longer query does not lower a phrase's share of it: a
/// paste of several lines is not held against the one message in it.
const QUERY_CAP: f32 = 6.0;
/// The share of each side a [whole](Alignment::is_whole) match holds, allowing for rounding.
const WHOLE: f32 = 0.99;
/// How much of a phrase's value does not depend on how much of the query it explains.
const QUERY_FLOOR: f32 = 0.25;

/// How a phrase and a query line up.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Alignment {
    /// The weight of the phrase the best alignment matched, less what its mismatches and gaps
    /// cost.
    pub score: f32,
    /// The weight of the query tokens the same alignment matched.
    pub matched: f32,
    /// The weight of all the phrase's tokens.
    pub phrase: f32,
    /// The weight of all the query's tokens.
    pub query: f32,
}

impl Alignment {
    /// The share of the phrase the query holds, from 0 to 1.
    pub fn phrase_coverage(&self) -> f32 {
        share(self.score, self.phrase)
    }

    /// The share of the query the phrase explains, from 0 to 1; of a query heavier than
    /// [`QUERY_CAP`], the share of that much.
    pub fn query_coverage(&self) -> f32 {
        share(self.matched, self.query.min(QUERY_CAP))
    }

    /// Whether the phrase and the query hold the same words, all of each matched.
    pub fn is_whole(&self) -> bool {
        self.phrase > 0.0 && self.score >= WHOLE * self.phrase && self.matched >= WHOLE * self.query
    }

    /// One number from 0 to 1: how much of the phrase the query holds, times how much of the
    /// query the phrase explains. Both shares are squared: one word of a two-word title is a
    /// hint, not half a match, and a phrase that explains one word of a two-word query is half
    /// an answer. A little of the value stands whatever the query's share, so that a paste
    /// still finds the phrase inside it.
    pub fn value(&self) -> f32 {
        let phrase = self.phrase_coverage();
        let query = self.query_coverage();
        phrase * phrase * (QUERY_FLOOR + (1.0 - QUERY_FLOOR) * query * query)
    }
}

fn share(part: f32, whole: f32) -> f32 {
    if whole > 0.0 {
        (part / whole).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// How much a token counts before the corpus is known: a word 1, a stop word 0.3, a variable
/// part 0.5, a `*` nothing.
pub fn weight(token: &Token) -> f32 {
    match token.kind {
        _ if is_star(token) => 0.0,
        Kind::Word if tokens::is_stop_word(&token.text) => 0.3,
        Kind::Word => 1.0,
        _ => 0.5,
    }
}

/// The tokens of `text` with their [`weight`]s.
pub fn weighed(text: &str) -> (Vec<Token>, Vec<f32>) {
    let tokens = tokens::tokens(text);
    let weights = tokens.iter().map(weight).collect();
    (tokens, weights)
}

/// Whether `token` is the `*` of a pattern: a placeholder for any number of tokens.
pub fn is_star(token: &Token) -> bool {
    token.kind == Kind::Placeholder && token.text == "*"
}

/// What the query token `query` is worth against the phrase token `phrase`, as a share of the
/// phrase token's weight; `None` when they do not match. `typing` says the query token is the
/// last one and may be unfinished.
pub fn similarity(phrase: &Token, query: &Token, typing: bool) -> Option<f32> {
    let wildcard =
        phrase.kind == Kind::Placeholder || (phrase.kind.is_variable() && query.kind.is_variable());
    if phrase.text == query.text {
        Some(SAME)
    } else if phrase.kind == Kind::Number && query.kind == Kind::Number {
        Some(OTHER_NUMBER)
    } else if wildcard || is_plural_of(&phrase.text, &query.text) {
        Some(SIMILAR)
    } else if typing && phrase.kind == Kind::Word && query.kind == Kind::Word {
        prefix_share(&phrase.text, &query.text)
    } else {
        None
    }
}

/// Whether one of two words is the other with an `s` added (`codes`, `code`), when both are
/// words of at least three letters: the forms people type without thinking.
fn is_plural_of(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    short.len() >= 3
        && long.len() == short.len() + 1
        && long.ends_with('s')
        && long.starts_with(short)
}

/// What `typed`, the start of a word still being typed, is worth against `word`: from [`PREFIX`]
/// for two letters to [`SIMILAR`] for all but the last; `None` when `word` does not start with it.
fn prefix_share(word: &str, typed: &str) -> Option<f32> {
    if typed.len() < MIN_PREFIX || !word.starts_with(typed) || word.len() <= typed.len() {
        return None;
    }
    let typed_share = typed.chars().count() as f32 / word.chars().count() as f32;
    Some(PREFIX + (SIMILAR - PREFIX) * typed_share)
}

/// Words that label a message rather than say anything (`Error: secret "x" not found`), and
/// that a user copying the message often leaves out.
const LABELS: &[&str] = &["error", "warning", "fatal"];

/// A side of an alignment: the tokens and the weight of each.
#[derive(Clone, Copy, Debug)]
pub struct Side<'a> {
    pub tokens: &'a [Token],
    pub weights: &'a [f32],
}

impl<'a> Side<'a> {
    pub fn new(tokens: &'a [Token], weights: &'a [f32]) -> Side<'a> {
        debug_assert_eq!(tokens.len(), weights.len());
        let len = tokens.len().min(weights.len());
        Side { tokens: &tokens[..len], weights: &weights[..len] }
    }

    fn len(&self) -> usize {
        self.tokens.len()
    }

    fn total(&self) -> f32 {
        self.weights.iter().sum()
    }

    fn rest(&self) -> Side<'a> {
        Side { tokens: &self.tokens[1..], weights: &self.weights[1..] }
    }

    fn weight(&self, start: usize, end: usize) -> f32 {
        self.weights[start..end].iter().sum()
    }
}

/// The best local alignment of `phrase` in `query`. With `typing`, the query's last token may
/// match as the start of a phrase token. A phrase that starts with a label (see [`LABELS`])
/// is also aligned without it, and the better coverage of the two counts.
pub fn align(phrase: Side, query: Side, typing: bool) -> Alignment {
    let whole = align_all(phrase, query, typing);
    match phrase.tokens.split_first() {
        Some((first, rest)) if !rest.is_empty() && LABELS.contains(&first.text.as_str()) => {
            let unlabelled = align_all(phrase.rest(), query, typing);
            if unlabelled.phrase_coverage() > whole.phrase_coverage() {
                unlabelled
            } else {
                whole
            }
        }
        _ => whole,
    }
}

/// One cell of the alignment table: the best score of an alignment ending there, and the
/// weight of the query it matched.
#[derive(Clone, Copy, Debug, Default)]
struct Cell {
    score: f32,
    matched: f32,
}

impl Cell {
    fn plus(self, score: f32, matched: f32) -> Cell {
        Cell { score: self.score + score, matched: self.matched + matched }
    }

    fn best(self, other: Cell) -> Cell {
        if other.score > self.score {
            other
        } else {
            self
        }
    }
}

fn align_all(phrase: Side, query: Side, typing: bool) -> Alignment {
    let width = query.len() + 1;
    let last = query.len().saturating_sub(1);
    // Row `i` holds the alignments that end with the phrase's token `i - 1`, column `j` those
    // that end with the query's token `j - 1`; row and column 0 are empty.
    let mut table = vec![Cell::default(); (phrase.len() + 1) * width];
    let mut best = Cell::default();
    for p in 0..phrase.len() {
        let (token, w) = (&phrase.tokens[p], phrase.weights[p]);
        let star = is_star(token);
        for q in 0..query.len() {
            let at = |i: usize, j: usize| table[i * width + j];
            let (i, j) = (p + 1, q + 1);
            let qw = query.weights[q];
            let pair = match similarity(token, &query.tokens[q], typing && q == last) {
                _ if star => (0.0, 0.0),
                Some(share) => (w * share, qw * share),
                None => (-w * MISMATCH, 0.0),
            };
            // A placeholder stands for a whole name, however many tokens it has without a space
            // (`ghcr.io/team/app:1.2`); a `*` for anything.
            let absorbs = token.kind == Kind::Placeholder && query.tokens[q].attached;
            let skip_query = match () {
                _ if star => (0.0, 0.0),
                _ if absorbs => (0.0, qw * SIMILAR),
                _ => (-qw * GAP, 0.0),
            };
            let mut cell = at(i - 1, j - 1)
                .plus(pair.0, pair.1)
                .best(at(i - 1, j).plus(-w * GAP, 0.0))
                .best(at(i, j - 1).plus(skip_query.0, skip_query.1));
            let unfinished = typing && q == last;
            for k in 2..=MAX_JOIN.min(j) {
                // Query words `q + 1 - k ..= q` spell the phrase's word.
                if let Some(share) = spelled_by(token, &query.tokens[j - k..j], unfinished) {
                    let matched = query.weight(j - k, j) * share;
                    cell = cell.best(at(i - 1, j - k).plus(w * share, matched));
                }
            }
            for k in 2..=MAX_JOIN.min(i) {
                // Phrase words `p + 1 - k ..= p` spell the query's word.
                if let Some(share) = spells(&phrase.tokens[i - k..i], &query.tokens[q], unfinished)
                {
                    let score = phrase.weight(i - k, i) * share;
                    cell = cell.best(at(i - k, j - 1).plus(score, qw * share));
                }
            }
            if cell.score < 0.0 {
                cell = Cell::default();
            }
            table[i * width + j] = cell;
            best = best.best(cell);
        }
    }
    Alignment {
        score: best.score,
        matched: best.matched,
        phrase: phrase.total(),
        query: query.total(),
    }
}

/// What the words `parts` are worth against the one word `word` they spell: all of it, or, when
/// the last part is still being `typed`, the share of the start of `word` they spell.
fn spelled_by(word: &Token, parts: &[Token], typed: bool) -> Option<f32> {
    let (last, first) = parts.split_last()?;
    if word.kind != Kind::Word || parts.iter().any(|part| part.kind != Kind::Word) {
        return None;
    }
    let mut rest = word.text.as_str();
    for part in first {
        rest = rest.strip_prefix(part.text.as_str())?;
    }
    if rest == last.text {
        Some(SAME)
    } else if typed && !last.text.is_empty() && rest.starts_with(&last.text) {
        let spelled = word.text.len() - rest.len() + last.text.len();
        Some(PREFIX + (SIMILAR - PREFIX) * spelled as f32 / word.text.len() as f32)
    } else {
        None
    }
}

/// What the word `word` is worth against the words `parts` it spells: all of it, or, while it is
/// being `typed`, the share of them its start spells, when it reaches into the last of them.
fn spells(parts: &[Token], word: &Token, typed: bool) -> Option<f32> {
    let (last, first) = parts.split_last()?;
    if word.kind != Kind::Word || parts.iter().any(|part| part.kind != Kind::Word) {
        return None;
    }
    let mut rest = word.text.as_str();
    for part in first {
        rest = rest.strip_prefix(part.text.as_str())?;
    }
    if rest == last.text {
        Some(SAME)
    } else if typed && !rest.is_empty() && last.text.starts_with(rest) {
        let whole: usize = parts.iter().map(|part| part.text.len()).sum();
        Some(PREFIX + (SIMILAR - PREFIX) * word.text.len() as f32 / whole as f32)
    } else {
        None
    }
}

/// What a query holds that a phrase needs to match it at all: the first two letters of each
/// word, and whether it has variable parts. Most phrases share none of them with a query, and
/// are left out before any alignment.
#[derive(Clone, Debug, Default)]
pub struct Keys {
    starts: Vec<(char, char)>,
    variable: bool,
}

impl Keys {
    /// The keys of `query`.
    pub fn of(query: &[Token]) -> Keys {
        let mut starts: Vec<(char, char)> = query.iter().filter_map(start).collect();
        starts.sort_unstable();
        starts.dedup();
        Keys { starts, variable: query.iter().any(|t| t.kind.is_variable()) }
    }

    /// Whether `phrase` may match a query with these keys: a word of the phrase starts like a
    /// word of the query (as every match of words, joined or unfinished, does), or both have
    /// variable parts. A placeholder alone never matches enough to count (see `MIN_ALIGNED` in
    /// [`super`]).
    pub fn may_match(&self, phrase: &[Token]) -> bool {
        phrase.iter().any(|token| match start(token) {
            Some(key) => self.starts.binary_search(&key).is_ok(),
            None => self.variable && token.kind.is_variable() && token.kind != Kind::Placeholder,
        })
    }
}

/// The first two letters of a word (the one letter of a one-letter word, twice).
fn start(token: &Token) -> Option<(char, char)> {
    let mut chars = token.text.chars();
    let first = chars.next().filter(|_| token.kind == Kind::Word)?;
    Some((first, chars.next().unwrap_or(first)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aligned(phrase: &str, query: &str, typing: bool) -> Alignment {
        let (phrase, phrase_weights) = weighed(phrase);
        let (query, query_weights) = weighed(query);
        align(Side::new(&phrase, &phrase_weights), Side::new(&query, &query_weights), typing)
    }

    /// The alignment of `phrase` in `query`, as (phrase coverage, query coverage) in percent.
    fn check(phrase: &str, query: &str, typing: bool) -> (u32, u32) {
        let found = aligned(phrase, query, typing);
        let percent = |x: f32| (x * 100.0).round() as u32;
        (percent(found.phrase_coverage()), percent(found.query_coverage()))
    }

    #[test]
    fn the_same_words_match_fully() {
        let message = "Job has reached the specified backoff limit";
        assert_eq!(check(message, message, false), (100, 100));
        assert_eq!(check("OOMKilled", "oomkilled", false), (100, 100));
    }

    #[test]
    fn a_message_is_found_inside_a_pasted_line() {
        let message = "Job has reached the specified backoff limit";
        let line = format!("Warning  BackoffLimitExceeded  91s  job-controller  {message}");
        let (phrase, query) = check(message, &line, false);
        assert_eq!((phrase, query), (100, 93));
        // Beyond a few words, a longer paste is not held against the message in it.
        let paste = format!("Events:  Type  Reason  Age  From  Message  {line}");
        assert_eq!(check(message, &paste, false), (100, 93));
    }

    #[test]
    fn a_phrase_that_explains_more_of_the_query_is_worth_more() {
        let both = aligned("backoff limit", "backoff limit", false);
        let one = aligned("BackOff", "backoff limit", false);
        assert_eq!((both.phrase_coverage(), one.phrase_coverage()), (1.0, 1.0));
        assert_eq!((both.value(), one.value()), (1.0, 0.4375));
    }

    #[test]
    fn quoted_names_numbers_and_pod_names_are_wildcards() {
        let template = r#"Error: secret "db-credentials" not found"#;
        let (phrase, _) = check(template, r#"Error: secret "db-creds" not found"#, false);
        assert_eq!(phrase, 99, "a different name still matches");
        // The label `Error:` may be left out.
        assert_eq!(check(template, r#"secret "db-creds" not found"#, false).0, 99);
        assert_eq!(check("Error: ImagePullBackOff", "Error: x", false).0, 50);
        assert_eq!(check(template, r#"Error: secret "db-credentials" not found"#, false).0, 100);
        let (phrase, _) = check("Created pod: migrate-7kq2x", "Created pod: nightly-b9d4m", false);
        assert!((95..100).contains(&phrase), "{phrase}");
        let (phrase, _) = check("0/3 nodes are available", "0/12 nodes are available", false);
        assert!((90..100).contains(&phrase), "{phrase}");
        assert_eq!(check("kubectl logs <pod>", "kubectl logs migrate-7kq2x", false).0, 98);
    }

    #[test]
    fn same_names_beat_other_names() {
        let exact = check("exit code 137", "exit code 137", false).0;
        let other = check("exit code 1", "exit code 137", false).0;
        assert!(exact > other, "{exact} vs {other}");
        // A word is not a wildcard for a name, nor the other way round; the same text matches.
        assert_eq!(check("secret not found", r#"secret "x" found"#, false).0, 54);
        assert_eq!(check("secret x found", r#"secret "x" found"#, false).0, 100);
    }

    #[test]
    fn skipped_tokens_cost_a_little() {
        let (phrase, query) =
            check("secret not found", r#"Error: secret "db-creds" not found"#, false);
        // `secret`, `not` and `found` of the query's 4.5: the name and `Error` are left over.
        assert_eq!((phrase, query), (96, 67));
        let (phrase, _) = check("Warning: the pod failed", "the pod failed", false);
        assert_eq!(phrase, 100);
        let (phrase, _) =
            check("Job has reached the specified backoff limit", "reached backoff limit", false);
        assert!((45..60).contains(&phrase), "{phrase}");
    }

    #[test]
    fn the_last_token_may_be_unfinished_while_typing() {
        // The more of the word is typed, the more it is worth.
        assert_eq!(check("OOMKilled", "oom", true), (73, 73));
        assert_eq!(check("OOMKilled", "oomki", true), (79, 79));
        assert_eq!(check("OOMKilled", "oom", false), (0, 0));
        assert_eq!(check("backoff limit", "backoff li", true), (88, 88));
        // Only the last token, and not from one letter.
        assert_eq!(check("backoff limit", "back limit", true).0, 50);
        assert_eq!(check("OOMKilled", "o", true).0, 0);
    }

    #[test]
    fn words_match_the_words_that_spell_them() {
        assert_eq!(check("ImagePullBackOff", "image pull backoff", false), (100, 100));
        assert_eq!(
            check("Back-off restarting failed container", "backoff restarting", false).0,
            60
        );
        assert_eq!(
            check("CreateContainerConfigError", "create container config error", false).0,
            100
        );
        // While typing, the last word may stop anywhere in the word they spell.
        assert_eq!(check("ImagePullBackOff", "image pull ba", true), (82, 82));
        assert_eq!(check("ImagePullBackOff", "image pull ba", false), (0, 0));
        assert_eq!(check("back off", "backo", true).0, 83);
        assert_eq!(check("back off", "back", true).0, 50, "`back` is a word of its own");
        // Not more than four words.
        assert_eq!(check("abcde", "a b c d e", false).0, 0);
    }

    #[test]
    fn a_plural_matches_its_singular() {
        assert_eq!(check("exit codes", "exit code", false), (95, 95));
        assert_eq!(check("pod keeps restarting", "pod keep restarting", false).0, 97);
        assert_eq!(check("is", "i", false).0, 0, "not for short words");
    }

    #[test]
    fn a_placeholder_stands_for_a_whole_name() {
        let template = r#"Failed to pull image "<image>": <image>: not found"#;
        let pasted =
            r#"Failed to pull image "ghcr.io/team/app:1.2": ghcr.io/team/app:1.2: not found"#;
        // The quoted name is another name (98%); the one after it is all the placeholder's.
        assert_eq!(check(template, pasted, false).0, 98);
        // Words apart from each other are not one name.
        assert_eq!(check("pull <image> now", "pull ghcr io team now", false).0, 78);
    }

    #[test]
    fn a_star_stands_for_anything() {
        let mut phrase = tokens::tokens("failed to pull");
        phrase.push(Token::new("*", Kind::Placeholder));
        phrase.extend(tokens::tokens("not found"));
        let weights: Vec<f32> = phrase.iter().map(weight).collect();
        let (query, query_weights) =
            weighed(r#"Failed to pull image "x": failed to resolve reference "x": x: not found"#);
        let found = align(Side::new(&phrase, &weights), Side::new(&query, &query_weights), false);
        assert_eq!(found.phrase_coverage(), 1.0);
        assert_eq!(weight(&phrase[3]), 0.0, "a star adds nothing to the phrase");
    }

    #[test]
    fn a_whole_match_holds_all_of_both_sides() {
        assert!(aligned("backoff limit", "Backoff limit", false).is_whole());
        assert!(aligned("backoffLimit", "backoff limit", false).is_whole());
        assert!(!aligned("backoff limit", "backoff limit exceeded", false).is_whole());
        assert!(!aligned("backoff limit exceeded", "backoff limit", false).is_whole());
        assert!(!aligned("backoff limit", "backoff lim", true).is_whole());
        assert!(!aligned("", "", false).is_whole());
    }

    #[test]
    fn keys_leave_out_phrases_that_cannot_match() {
        let keys = |query: &str| Keys::of(&tokens::tokens(query));
        let may = |keys: &Keys, phrase: &str| keys.may_match(&tokens::tokens(phrase));
        let typed = keys("image pull ba");
        assert!(may(&typed, "ImagePullBackOff") && may(&typed, "back-off pulling image"));
        assert!(!may(&typed, "OOMKilled"));
        let code = keys("exit code 137");
        assert!(may(&code, "137") && !may(&keys("exit code"), "137"));
        assert!(!may(&code, "<pod>"), "a placeholder alone cannot make a match");
    }

    #[test]
    fn nothing_in_common_is_zero() {
        assert_eq!(check("exec format error", "ImagePullBackOff", false), (0, 0));
        assert_eq!(check("", "anything", false), (0, 0));
        assert_eq!(check("anything", "", false), (0, 0));
        assert_eq!(aligned("a b", "c d", false).value(), 0.0);
    }
}
