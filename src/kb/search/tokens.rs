//! Text to search tokens: the one normalizer behind the index and the queries.
//!
//! `build.rs` includes this file (through `#[path]`) to index the bodies of `content/`, and the
//! search engine runs it over every query and front matter field, so both sides always agree.
//!
//! A token is lower-case text and a [`Kind`]. The parts of a Kubernetes message that change from
//! one cluster to the next are told apart from the words around them, so that a pasted message
//! can be matched against a template written with other names:
//!
//! - a quoted string without spaces, `"db-creds"` or `'url'`, is one [`Kind::Quoted`] token;
//! - a number, duration or quantity (`137`, `2m5s`, `512Mi`, `10.0.0.7`) is a [`Kind::Number`],
//!   and so are a count such as `0/1` and the repeat count of an event's age, `(x4 over 50s)`,
//!   each as a whole;
//! - a generated name (`migrate-7kq2x`, `nightly-28901234`) or a long hash is a [`Kind::Name`];
//! - a template placeholder (`<pod>`, `{pod}`) is a [`Kind::Placeholder`];
//! - everything else is split at `-`, `_` and `.` into [`Kind::Word`]s, so `Back-off` is `back`
//!   and `off`. An apostrophe inside a word is dropped: `couldn't` is `couldnt`.

/// What a token stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An ordinary word.
    Word,
    /// A number, a duration or a quantity.
    Number,
    /// A quoted string without spaces, usually the name of an object.
    Quoted,
    /// A generated name or a hash.
    Name,
    /// A placeholder of a template, which stands for any one token.
    Placeholder,
}

impl Kind {
    /// Whether the token is a part of a message that changes between clusters (anything but a
    /// word).
    pub fn is_variable(self) -> bool {
        self != Kind::Word
    }
}

/// One normalized piece of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Lower-case, without quotes, brackets or apostrophes.
    pub text: String,
    pub kind: Kind,
    /// Whether it follows the token before it without a space: `io` in `ghcr.io/team/app:1.2`.
    pub attached: bool,
}

impl Token {
    /// A token that follows the one before it after a space.
    pub fn new(text: impl Into<String>, kind: Kind) -> Token {
        Token { text: text.into(), kind, attached: false }
    }
}

/// Words so common that they carry no meaning of their own: left out of the body index, and
/// worth little in a phrase.
const STOP_WORDS: &[&str] = &[
    "a", "about", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "did", "do",
    "does", "for", "from", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "me",
    "my", "of", "on", "or", "our", "so", "than", "that", "the", "their", "then", "there", "this",
    "to", "was", "we", "were", "what", "when", "which", "why", "will", "with", "you", "your",
];

/// Whether `word` (lower-case) is one of the [`STOP_WORDS`].
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// The longest quoted string or placeholder taken as one token, in characters.
const MAX_QUOTED: usize = 80;

/// The characters of the random suffix Kubernetes gives generated names (no vowels, no `0`, `1`
/// or `3`, so that no word is spelled by chance).
const SUFFIX_ALPHABET: &str = "bcdfghjklmnpqrstvwxz2456789";

/// The tokens of `text`, in order.
pub fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().map(fold_quote).collect();
    let mut out = Vec::new();
    // Where the text after the last token starts, to tell whether the next one is attached.
    let mut after_last = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let after_word = i > 0 && chars[i - 1].is_alphanumeric();
        let attached = !out.is_empty() && !chars[after_last..i].iter().any(|c| c.is_whitespace());
        let whole = |text: String, kind: Kind| Some(Token { text, kind, attached });
        let (token, end) = if (c == '"' || c == '\'') && !after_word {
            match closing(&chars, i, c, |c| !c.is_whitespace()) {
                Some(end) => (whole(lower(&chars[i + 1..end]), Kind::Quoted), end + 1),
                None => (None, i + 1),
            }
        } else if c == '(' {
            match repeat_count(&chars, i) {
                Some(end) => (whole(lower(&chars[i + 1..end]), Kind::Number), end + 1),
                None => (None, i + 1),
            }
        } else if c == '<' || c == '{' {
            let close = if c == '<' { '>' } else { '}' };
            let name = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
            match closing(&chars, i, close, name) {
                Some(end) => (whole(lower(&chars[i + 1..end]), Kind::Placeholder), end + 1),
                None => (None, i + 1),
            }
        } else if c.is_alphanumeric() {
            let end = run_end(&chars, i);
            match count_of(&chars, i, end) {
                Some(after) => (whole(lower(&chars[i..after]), Kind::Number), after),
                None => {
                    push_run(&mut out, &lower(&chars[i..end]), attached);
                    after_last = end;
                    i = end;
                    continue;
                }
            }
        } else {
            (None, i + 1)
        };
        if let Some(token) = token {
            out.push(token);
            after_last = end;
        }
        i = end;
    }
    out
}

/// Typographic quotes read as straight ones.
fn fold_quote(c: char) -> char {
    match c {
        '\u{201c}' | '\u{201d}' => '"',
        '\u{2018}' | '\u{2019}' => '\'',
        other => other,
    }
}

fn lower(chars: &[char]) -> String {
    chars.iter().flat_map(|c| c.to_lowercase()).filter(|c| *c != '\'').collect()
}

/// The index of the `close` that ends the quote or bracket opened at `open`, when every
/// character between is `inside`, there is at least one, and no letter or digit follows.
fn closing(
    chars: &[char],
    open: usize,
    close: char,
    inside: impl Fn(char) -> bool,
) -> Option<usize> {
    let limit = chars.len().min(open + 2 + MAX_QUOTED);
    let end = (open + 1..limit).find(|&j| chars[j] == close || !inside(chars[j]))?;
    let followed = chars.get(end + 1).is_some_and(|c| c.is_alphanumeric());
    (chars[end] == close && end > open + 1 && !followed).then_some(end)
}

/// The index of the `)` that ends the repeat count of an event's age opened at `open`, as
/// `kubectl describe` prints it: `(x4 over 50s)`.
fn repeat_count(chars: &[char], open: usize) -> Option<usize> {
    let rest = chars.get(open + 1..)?;
    let digits = rest.iter().skip(1).take_while(|c| c.is_ascii_digit()).count();
    if rest.first() != Some(&'x') || digits == 0 {
        return None;
    }
    let after = 1 + digits;
    let over: String = rest.iter().skip(after).take(6).collect();
    if over != " over " {
        return None;
    }
    let age = rest.iter().skip(after + 6).take_while(|c| c.is_ascii_alphanumeric()).count();
    let close = open + 1 + after + 6 + age;
    (age > 0 && chars.get(close) == Some(&')')).then_some(close)
}

/// The end of a count `n/m` (`0/1` ready, `0/3 nodes`) whose first number is the run of
/// `start..end`: one number, not two.
fn count_of(chars: &[char], start: usize, end: usize) -> Option<usize> {
    if !chars[start..end].iter().all(char::is_ascii_digit) || chars.get(end) != Some(&'/') {
        return None;
    }
    let digits = chars[end + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
    let after = end + 1 + digits;
    let followed = chars.get(after).is_some_and(|c| c.is_alphanumeric());
    (digits > 0 && !followed).then_some(after)
}

/// The end of the run of letters and digits starting at `start`, joined by single `-`, `_`, `.`
/// or `'` characters that stand between two letters or digits.
fn run_end(chars: &[char], start: usize) -> usize {
    let mut end = start;
    while end < chars.len() {
        let c = chars[end];
        let joins = matches!(c, '-' | '_' | '.' | '\'')
            && end > start
            && chars.get(end + 1).is_some_and(|n| n.is_alphanumeric());
        if !c.is_alphanumeric() && !joins {
            break;
        }
        end += 1;
    }
    end
}

/// Classifies a run (lower-case, apostrophes dropped) and pushes its token or its words, the
/// first `attached` or not, the others attached to it.
fn push_run(out: &mut Vec<Token>, run: &str, attached: bool) {
    if is_generated_name(run) {
        out.push(Token { text: run.to_string(), kind: Kind::Name, attached });
    } else if is_number(run) {
        out.push(Token { text: run.to_string(), kind: Kind::Number, attached });
    } else {
        for (at, part) in run.split(['-', '_', '.']).filter(|p| !p.is_empty()).enumerate() {
            let kind = if is_number(part) { Kind::Number } else { Kind::Word };
            out.push(Token { text: part.to_string(), kind, attached: attached || at > 0 });
        }
    }
}

/// A number, duration, quantity or address: it starts with a digit, and its letters come in
/// groups of at most two between digits (`2m5s`, `512mi`, `1.5gi`, `500ms`, `10.0.0.7`).
fn is_number(run: &str) -> bool {
    if !run.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let mut letters = 0;
    for c in run.chars() {
        if c.is_ascii_digit() || c == '.' {
            letters = 0;
        } else if c.is_ascii_lowercase() {
            letters += 1;
            if letters > 2 {
                return false;
            }
        } else {
            return false;
        }
    }
    true
}

/// A name Kubernetes generated, or a hash: a pod name ending in a random suffix
/// (`migrate-7kq2x`), a CronJob's Job name ending in the scheduled minute (`nightly-28901234`),
/// or a long mix of letters and digits (an image digest, a container id).
fn is_generated_name(run: &str) -> bool {
    if let Some((_, last)) = run.rsplit_once('-') {
        let suffix = last.len() == 5 && last.chars().all(|c| SUFFIX_ALPHABET.contains(c));
        let minute = last.len() >= 6 && last.chars().all(|c| c.is_ascii_digit());
        if suffix || minute {
            return true;
        }
    }
    run.split(['-', '_', '.']).any(|part| {
        part.len() >= 12
            && part.chars().any(|c| c.is_ascii_digit())
            && part.chars().any(|c| c.is_ascii_lowercase())
    })
}

/// The terms of `text` for the body index: its words that are not stop words and its short
/// numbers (exit codes, signal numbers), in order and repeated as often as they occur. A quoted
/// single word counts as a word; generated names, longer numbers and placeholders are left out.
pub fn terms(text: &str) -> Vec<String> {
    tokens(text).into_iter().filter_map(term).collect()
}

/// The body index term of one token, if it has one.
pub fn term(token: Token) -> Option<String> {
    let keep = match token.kind {
        Kind::Word => token.text.chars().count() > 1 && !is_stop_word(&token.text),
        Kind::Number => token.text.len() <= 4 && token.text.chars().all(|c| c.is_ascii_digit()),
        Kind::Quoted => {
            token.text.chars().count() > 1 && token.text.chars().all(char::is_alphabetic)
        }
        Kind::Name | Kind::Placeholder => false,
    };
    (keep && token.text.len() <= MAX_TERM).then_some(token.text)
}

/// The longest term the body index keeps, in bytes.
pub const MAX_TERM: usize = 32;

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokens of `text` as `word`, `#number`, `"quoted"`, `@name` and `<placeholder>`.
    fn shown(text: &str) -> String {
        let shown: Vec<String> = tokens(text)
            .into_iter()
            .map(|t| match t.kind {
                Kind::Word => t.text,
                Kind::Number => format!("#{}", t.text),
                Kind::Quoted => format!("\"{}\"", t.text),
                Kind::Name => format!("@{}", t.text),
                Kind::Placeholder => format!("<{}>", t.text),
            })
            .collect();
        shown.join(" ")
    }

    #[test]
    fn words_are_lower_case_and_split_at_punctuation() {
        assert_eq!(
            shown("Job has reached the specified backoff limit."),
            "job has reached the specified backoff limit"
        );
        assert_eq!(
            shown("Back-off restarting failed container"),
            "back off restarting failed container"
        );
        assert_eq!(
            shown("Error: ImagePullBackOff (job-controller)"),
            "error imagepullbackoff job controller"
        );
        assert_eq!(shown("couldn't find key; DATABASE_URL"), "couldnt find key database url");
        assert_eq!(
            shown("exec /usr/bin/app: exec format error"),
            "exec usr bin app exec format error"
        );
    }

    #[test]
    fn quoted_names_are_one_token() {
        assert_eq!(
            shown(r#"Error: secret "db-creds" not found"#),
            "error secret \"db-creds\" not found"
        );
        assert_eq!(
            shown("<set to the key 'url' in secret 'db-credentials'>"),
            "set to the key \"url\" in secret \"db-credentials\""
        );
        assert_eq!(
            shown("configmap \u{201c}app-config\u{201d} not found"),
            "configmap \"app-config\" not found"
        );
        // A quote holding spaces is a sentence, not a name: its words count.
        assert_eq!(shown(r#"message: "Job was active longer""#), "message job was active longer");
        // An apostrophe after a letter opens nothing.
        assert_eq!(shown("the pod's 'x"), "the pods x");
        assert_eq!(shown(r#""""#), "");
    }

    #[test]
    fn numbers_durations_and_quantities() {
        assert_eq!(shown("exit code 137 after 2m5s"), "exit code #137 after #2m5s");
        assert_eq!(
            shown("limit 512Mi, 1.5Gi, 500ms, 0/3 nodes, 1/2 NotReady, 3/4a"),
            "limit #512mi #1.5gi #500ms #0/3 nodes #1/2 notready #3 #4a"
        );
        assert_eq!(shown("dial tcp 10.0.0.7:5432"), "dial tcp #10.0.0.7 #5432");
        assert_eq!(shown("x509 sha256 v1.29 3rd"), "x509 sha256 v1 #29 #3rd");
        assert_eq!(shown("1abc"), "1abc");
        // The repeat count of an event's age is one number; other brackets are not.
        assert_eq!(shown("Failed  12s (x4 over 50s)  kubelet"), "failed #12s #x4 over 50s kubelet");
        assert_eq!(
            shown("(x4 over)  (x over 5s) (x509 over it"),
            "x4 over x over #5s x509 over it"
        );
    }

    #[test]
    fn generated_names_and_hashes() {
        assert_eq!(shown("Created pod: migrate-7kq2x"), "created pod @migrate-7kq2x");
        assert_eq!(
            shown("job nightly-28901234 and web-5d9c7b8f6-x2kzq"),
            "job @nightly-28901234 and @web-5d9c7b8f6-x2kzq"
        );
        assert_eq!(shown("image@sha256:4b2a1c9e8f7d6a5b"), "image sha256 @4b2a1c9e8f7d6a5b");
        // A five-letter word with a vowel is a word.
        assert_eq!(shown("back-crash job-limit"), "back crash job limit");
    }

    #[test]
    fn tokens_know_whether_a_space_comes_before_them() {
        let text = r#"pull "x": ghcr.io/team/app:1.2 back-off <pod>-x"#;
        let attached: Vec<bool> = tokens(text).iter().map(|t| t.attached).collect();
        let (f, t) = (false, true);
        assert_eq!(attached, [f, f, f, t, t, t, t, f, t, f, t]);
    }

    #[test]
    fn placeholders() {
        assert_eq!(shown("kubectl logs <pod> -n {namespace}"), "kubectl logs <pod> n <namespace>");
        assert_eq!(shown("a < b and {x y}"), "a b and x y");
    }

    #[test]
    fn body_terms_drop_stop_words_names_and_long_numbers() {
        let found =
            terms(r#"The pod migrate-7kq2x exited with code 137 at 1733312345: secret "Never" x"#);
        assert_eq!(found, ["pod", "exited", "code", "137", "secret", "never"]);
        assert!(is_stop_word("the") && !is_stop_word("not"));
    }
}
