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
//! - a number, duration or quantity (`137`, `2m5s`, `512Mi`, `10.0.0.7`) is a [`Kind::Number`];
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
}

/// Words so common that they carry no meaning of their own: left out of the body index, and
/// worth little in a phrase.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "has",
    "have", "if", "in", "into", "is", "it", "its", "of", "on", "or", "so", "than", "that", "the",
    "their", "then", "there", "this", "to", "was", "were", "when", "which", "will", "with", "you",
    "your",
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
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let after_word = i > 0 && chars[i - 1].is_alphanumeric();
        if (c == '"' || c == '\'') && !after_word {
            if let Some(end) = closing(&chars, i, c, |c| !c.is_whitespace()) {
                out.push(Token { text: lower(&chars[i + 1..end]), kind: Kind::Quoted });
                i = end + 1;
                continue;
            }
        } else if c == '<' || c == '{' {
            let close = if c == '<' { '>' } else { '}' };
            let name = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
            if let Some(end) = closing(&chars, i, close, name) {
                out.push(Token { text: lower(&chars[i + 1..end]), kind: Kind::Placeholder });
                i = end + 1;
                continue;
            }
        } else if c.is_alphanumeric() {
            let end = run_end(&chars, i);
            push_run(&mut out, &lower(&chars[i..end]));
            i = end;
            continue;
        }
        i += 1;
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

/// Classifies a run (lower-case, apostrophes dropped) and pushes its token or its words.
fn push_run(out: &mut Vec<Token>, run: &str) {
    if is_generated_name(run) {
        out.push(Token { text: run.to_string(), kind: Kind::Name });
    } else if is_number(run) {
        out.push(Token { text: run.to_string(), kind: Kind::Number });
    } else {
        for part in run.split(['-', '_', '.']).filter(|p| !p.is_empty()) {
            let kind = if is_number(part) { Kind::Number } else { Kind::Word };
            out.push(Token { text: part.to_string(), kind });
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
            shown("limit 512Mi, 1.5Gi, 500ms, 0/3 nodes"),
            "limit #512mi #1.5gi #500ms #0 #3 nodes"
        );
        assert_eq!(shown("dial tcp 10.0.0.7:5432"), "dial tcp #10.0.0.7 #5432");
        assert_eq!(shown("x509 sha256 v1.29 3rd"), "x509 sha256 v1 #29 #3rd");
        assert_eq!(shown("1abc"), "1abc");
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
