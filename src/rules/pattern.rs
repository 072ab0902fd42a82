//! The text patterns of signals: how a pattern is written, checked and matched.
//!
//! A pattern is the message as the program prints it, matched without regard to case:
//!
//! - `*` stands for any run of characters (none included); the text the last `*` stood for is
//!   the signal's object (a Secret's name, an image);
//! - a leading `^` anchors the pattern at the start of the line's message, after the prefixes
//!   `kubectl logs --prefix` and `--timestamps` add and after the indentation.
//!
//! This module depends on nothing else: `build.rs` compiles it too (through `#[path]`), to check
//! each pattern and that it matches its example before the build writes the rule table.

/// The longest pattern accepted: a message, not a document.
pub const MAX_LEN: usize = 200;

/// Whether `pattern` is well formed; the problem, in words, when it is not.
pub fn check(pattern: &str) -> Result<(), String> {
    let body = pattern.strip_prefix('^').unwrap_or(pattern);
    if body.trim().is_empty() {
        return Err("the pattern is empty".into());
    }
    if body.len() > MAX_LEN {
        return Err(format!("the pattern is longer than {MAX_LEN} characters"));
    }
    if body.starts_with('*') || body.ends_with('*') {
        return Err("a pattern cannot start or end with `*`: it would match every line".into());
    }
    if body.contains("**") {
        return Err("`**` means nothing more than `*`".into());
    }
    if body.contains('^') {
        return Err("`^` may only open a pattern".into());
    }
    Ok(())
}

/// The pattern as the classifier stores it: lower-case, like the lines it is matched against.
pub fn normalise(pattern: &str) -> String {
    pattern.to_lowercase()
}

/// Where the message of `line` starts: after the indentation, a `[pod/name/container]` prefix
/// (`kubectl logs --prefix`) and an RFC 3339 time stamp (`kubectl logs --timestamps`).
pub fn message_start(line: &str) -> usize {
    let mut at = line.len() - line.trim_start().len();
    let rest = &line[at..];
    if rest.starts_with('[') {
        if let Some(end) = rest.find("] ") {
            if rest[..end].contains('/') && !rest[..end].contains(' ') {
                at += end + 2;
            }
        }
    }
    let rest = &line[at..];
    let word = rest.split([' ', '\t']).next().unwrap_or_default();
    let stamp = word.len() >= 20
        && word.as_bytes().get(4) == Some(&b'-')
        && word.as_bytes().get(10).is_some_and(|b| *b == b't' || *b == b'T')
        && word.bytes().take(4).all(|b| b.is_ascii_digit());
    if stamp {
        at += word.len();
        at += line[at..].len() - line[at..].trim_start().len();
    }
    at
}

/// The text of `line` that the last `*` of `pattern` stood for, when the (lower-case) pattern
/// matches the (lower-case) line; `Some("")` for a match without a wildcard.
pub fn find<'a>(pattern: &str, line: &'a str) -> Option<&'a str> {
    let (anchored, pattern) = match pattern.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, pattern),
    };
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let start = if anchored {
        let at = message_start(line);
        line[at..].starts_with(first).then_some(at)?
    } else {
        line.find(first)?
    };
    let mut at = start + first.len();
    let mut object = "";
    for part in parts {
        let found = line[at..].find(part)?;
        object = &line[at..at + found];
        at += found + part.len();
    }
    Some(object)
}

/// Where in `line` (lower-case, like the pattern) the whole of the first match of `pattern` lies,
/// from the start of its first literal part to the end of its last.
pub fn find_span(pattern: &str, line: &str) -> Option<std::ops::Range<usize>> {
    let (anchored, pattern) = match pattern.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, pattern),
    };
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let start = if anchored {
        let at = message_start(line);
        line[at..].starts_with(first).then_some(at)?
    } else {
        line.find(first)?
    };
    let mut at = start + first.len();
    for part in parts {
        at += line[at..].find(part)? + part.len();
    }
    Some(start..at)
}

/// The byte pairs a text holds, hashed into 256 bits: a cheap test that rules a pattern out.
///
/// A pattern can only match a line whose pairs include every pair of the pattern's literal
/// parts. Matching a few hundred patterns against every line of a large paste is most of the
/// analysis; this test lets almost all of them be skipped without a search.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pairs([u64; 4]);

impl Pairs {
    /// The pairs of `text`.
    pub fn of(text: &str) -> Pairs {
        let mut pairs = Pairs::default();
        for pair in text.as_bytes().windows(2) {
            let slot = (usize::from(pair[0]).wrapping_mul(37) ^ usize::from(pair[1])) & 255;
            pairs.0[slot >> 6] |= 1 << (slot & 63);
        }
        pairs
    }

    /// The pairs every line that `pattern` matches must hold.
    pub fn of_pattern(pattern: &str) -> Pairs {
        let body = pattern.strip_prefix('^').unwrap_or(pattern);
        body.split('*')
            .map(Pairs::of)
            .fold(Pairs::default(), |all, part| Pairs([0, 1, 2, 3].map(|i| all.0[i] | part.0[i])))
    }

    /// Whether every pair of `self` is in `other`.
    pub fn within(self, other: Pairs) -> bool {
        (0..4).all(|i| self.0[i] & !other.0[i] == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_capture_the_last_gap() {
        let line = "error: secrets \"fanout-secret-47\" not found";
        assert_eq!(find("secret* \"*\" not found", line), Some("fanout-secret-47"));
        assert_eq!(find("\"*\" not found", line), Some("fanout-secret-47"));
        assert_eq!(find("exec format error", "exec format error"), Some(""));
        assert_eq!(find("0/* nodes are available", "0/57 nodes are available: 18"), Some("57"));
        assert_eq!(find("a*b", "b a"), None);
    }

    #[test]
    fn spans_cover_the_whole_match() {
        let line = "failed to pull image \"x\": 401 unauthorized";
        assert_eq!(find_span("failed to pull * 401 unauthorized", line), Some(0..line.len()));
        assert_eq!(find_span("401 *unauthorized", line), Some(26..line.len()));
        assert_eq!(find_span("^panic: ", "[pod/a/b] panic: x"), Some(10..17));
        assert_eq!(find_span("no such host", "lookup x"), None);
    }

    #[test]
    fn anchors_skip_log_prefixes_but_nothing_else() {
        let pattern = "^panic: ";
        assert_eq!(find(pattern, "panic: runtime error"), Some(""));
        assert_eq!(find(pattern, "  panic: x"), Some(""));
        assert_eq!(find(pattern, "[pod/worker-1/main] panic: x"), Some(""));
        assert_eq!(find(pattern, "2024-05-02t10:11:12.123456789z panic: x"), Some(""));
        assert_eq!(find(pattern, "[pod/w/main] 2024-05-02t10:11:12z panic: x"), Some(""));
        assert_eq!(find(pattern, "don't panic: retrying"), None);
        assert_eq!(find(pattern, "[warn] panic: x"), None);
        assert_eq!(find("^a*b", "xa b"), None);
    }

    #[test]
    fn pairs_never_rule_out_a_match() {
        let cases = [
            ("secret* \"*\" not found", "error: secrets \"x\" not found"),
            ("^panic: ", "[pod/w/main] panic: x"),
            ("0/* nodes are available", "0/3 nodes are available"),
            ("é*ü", "aé bü"),
        ];
        for (pattern, line) in cases {
            assert!(find(pattern, line).is_some(), "{pattern}");
            assert!(Pairs::of_pattern(pattern).within(Pairs::of(line)), "{pattern}");
        }
        assert!(!Pairs::of_pattern("no such host").within(Pairs::of("connection refused")));
        assert!(Pairs::of_pattern("x").within(Pairs::of("")), "one byte has no pair");
    }

    #[test]
    fn message_start_is_total() {
        for line in ["", " ", "[", "[a/b]", "[a/b] ", "2024-", "\t\t", "é[x/y] z"] {
            assert!(message_start(line) <= line.len(), "{line:?}");
            assert!(line.is_char_boundary(message_start(line)), "{line:?}");
        }
    }

    #[test]
    fn malformed_patterns_are_named() {
        assert!(check("no such host").is_ok());
        assert!(check("^traceback (most recent call last)").is_ok());
        assert!(check("panic: ").is_ok(), "a trailing space can matter");
        for bad in ["", "^", " ", "*x", "x*", "a**b", "a^b"] {
            assert!(check(bad).is_err(), "{bad:?}");
        }
        assert!(check(&"x".repeat(MAX_LEN + 1)).is_err());
    }
}
