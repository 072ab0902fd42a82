//! Template matching: how much of a phrase (a `seen_as` string, an alias, a title) a query holds.
//!
//! The phrase and the query are token sequences (see [`super::tokens`]). They are lined up with
//! a local alignment: the best-scoring stretch of the phrase against a stretch of the query,
//! where tokens may be skipped on either side at a cost. That finds
//! `Error: secret "db-creds" not found` inside a pasted event line, and finds `secret not found`
//! in it too, one skipped token apart.
//!
//! Two tokens match when their text is the same; when the phrase has a placeholder; when both
//! are variable parts of a message (quoted names, numbers, generated names), which is how
//! `"db-creds"` matches `"db-credentials"`; and when the query's last token, still being typed,
//! starts the phrase's token. Every match but the first kind counts a little less, so that the
//! same words with the same names win over the same words with other names; another number
//! counts less again, since a number is as often the point (an exit code) as a detail.

use super::tokens::{self, Kind, Token};

/// What a match between two tokens is worth, as a share of the phrase token's weight.
const SAME: f32 = 1.0;
const SIMILAR: f32 = 0.9;
/// Another number: `exit code 126` is not `exit code 127`, but `0/3 nodes` is `0/12 nodes`.
const OTHER_NUMBER: f32 = 0.6;
/// What a phrase token that lines up with a different query token costs, as a share of its
/// weight.
const MISMATCH: f32 = 0.5;
/// What skipping a token costs, as a share of its weight.
const GAP: f32 = 0.25;
/// The shortest query token that may match as the start of a longer word.
const MIN_PREFIX: usize = 2;

/// How a phrase and a query line up.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Alignment {
    /// The weight the best alignment matched, less what its mismatches and gaps cost.
    pub score: f32,
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

    /// The share of the query the phrase explains, from 0 to 1.
    pub fn query_coverage(&self) -> f32 {
        share(self.score, self.query)
    }

    /// One number from 0 to 1: mostly how much of the phrase the query holds, and a little how
    /// much of the query it explains, so that `error` prefers the alias `Error` to
    /// `exec format error`, and a long paste still finds the phrase inside it. The phrase's share
    /// is squared: one word of a two-word title is a hint, not half a match.
    pub fn value(&self) -> f32 {
        let phrase = self.phrase_coverage();
        phrase * phrase * (0.75 + 0.25 * self.query_coverage())
    }
}

fn share(part: f32, whole: f32) -> f32 {
    if whole > 0.0 {
        (part / whole).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// How much a token counts: a word 1, a stop word 0.3, a variable part 0.5.
pub fn weight(token: &Token) -> f32 {
    match token.kind {
        Kind::Word if tokens::is_stop_word(&token.text) => 0.3,
        Kind::Word => 1.0,
        _ => 0.5,
    }
}

/// What the query token `query` is worth against the phrase token `phrase`, as a share of the
/// phrase token's weight; `None` when they do not match. `typing` says the query token is the
/// last one and may be unfinished.
pub fn similarity(phrase: &Token, query: &Token, typing: bool) -> Option<f32> {
    let wildcard =
        phrase.kind == Kind::Placeholder || (phrase.kind.is_variable() && query.kind.is_variable());
    let unfinished = typing
        && phrase.kind == Kind::Word
        && query.kind == Kind::Word
        && query.text.len() >= MIN_PREFIX
        && phrase.text.starts_with(&query.text);
    if phrase.text == query.text {
        Some(SAME)
    } else if phrase.kind == Kind::Number && query.kind == Kind::Number {
        Some(OTHER_NUMBER)
    } else if wildcard || unfinished {
        Some(SIMILAR)
    } else {
        None
    }
}

/// Words that label a message rather than say anything (`Error: secret "x" not found`), and
/// that a user copying the message often leaves out.
const LABELS: &[&str] = &["error", "warning", "fatal"];

/// The best local alignment of `phrase` in `query`. With `typing`, the query's last token may
/// match as the start of a phrase token. A phrase that starts with a label (see [`LABELS`])
/// is also aligned without it, and the better coverage of the two counts.
pub fn align(phrase: &[Token], query: &[Token], typing: bool) -> Alignment {
    let whole = align_all(phrase, query, typing);
    match phrase.split_first() {
        Some((first, rest)) if !rest.is_empty() && LABELS.contains(&first.text.as_str()) => {
            let unlabelled = align_all(rest, query, typing);
            if unlabelled.phrase_coverage() > whole.phrase_coverage() {
                Alignment { query: whole.query, ..unlabelled }
            } else {
                whole
            }
        }
        _ => whole,
    }
}

fn align_all(phrase: &[Token], query: &[Token], typing: bool) -> Alignment {
    let phrase_weights: Vec<f32> = phrase.iter().map(weight).collect();
    let query_weights: Vec<f32> = query.iter().map(weight).collect();
    let last = query.len().saturating_sub(1);
    // One row of the score table per phrase token, one column per query token (plus a zero
    // column), kept two rows at a time.
    let mut above = vec![0.0f32; query.len() + 1];
    let mut row = vec![0.0f32; query.len() + 1];
    let mut best = 0.0f32;
    for (p, phrase_token) in phrase.iter().enumerate() {
        let w = phrase_weights[p];
        row[0] = 0.0;
        for (q, query_token) in query.iter().enumerate() {
            let pair = match similarity(phrase_token, query_token, typing && q == last) {
                Some(share) => w * share,
                None => -w * MISMATCH,
            };
            let diagonal = above[q] + pair;
            let skip_phrase = above[q + 1] - w * GAP;
            let skip_query = row[q] - query_weights[q] * GAP;
            row[q + 1] = diagonal.max(skip_phrase).max(skip_query).max(0.0);
            best = best.max(row[q + 1]);
        }
        std::mem::swap(&mut above, &mut row);
    }
    Alignment {
        score: best,
        phrase: phrase_weights.iter().sum(),
        query: query_weights.iter().sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::search::tokens::tokens;

    /// The alignment of `phrase` in `query`, as (phrase coverage, query coverage) in percent.
    fn check(phrase: &str, query: &str, typing: bool) -> (u32, u32) {
        let found = align(&tokens(phrase), &tokens(query), typing);
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
        let line = "Warning  BackoffLimitExceeded  91s  job-controller  \
                    Job has reached the specified backoff limit";
        let (phrase, query) = check("Job has reached the specified backoff limit", line, false);
        assert_eq!(phrase, 100);
        assert!((40..70).contains(&query), "{query}");
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
        assert_eq!((phrase, query), (96, 64));
        let (phrase, _) = check("Warning: the pod failed", "the pod failed", false);
        assert_eq!(phrase, 100);
        let (phrase, _) =
            check("Job has reached the specified backoff limit", "reached backoff limit", false);
        assert!((45..60).contains(&phrase), "{phrase}");
    }

    #[test]
    fn the_last_token_may_be_unfinished_while_typing() {
        assert_eq!(check("OOMKilled", "oom", true), (90, 90));
        assert_eq!(check("OOMKilled", "oom", false), (0, 0));
        assert_eq!(check("backoff limit", "backoff li", true), (95, 95));
        // Only the last token, and not from one letter.
        assert_eq!(check("backoff limit", "back limit", true).0, 50);
        assert_eq!(check("OOMKilled", "o", true).0, 0);
    }

    #[test]
    fn nothing_in_common_is_zero() {
        assert_eq!(check("exec format error", "ImagePullBackOff", false), (0, 0));
        assert_eq!(check("", "anything", false), (0, 0));
        assert_eq!(check("anything", "", false), (0, 0));
        let found = align(&tokens("a b"), &tokens("c d"), false);
        assert_eq!(found.value(), 0.0);
    }
}
