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

/// Where the message of `line` starts: after what [`line_start`] skips, a klog header
/// (`E0312 10:11:12.123456   1 main.go:42] `) and, on a JSON log record, the opening quote of its
/// message field ([`MESSAGE_KEYS`]).
pub fn message_start(line: &str) -> usize {
    let mut at = line_start(line);
    at += klog_header(&line[at..]).unwrap_or(0);
    at + json_message(&line[at..]).unwrap_or(0)
}

/// Where the messages of `line` start: [`message_start`], then the start of each line of a
/// message that a JSON record carries with its line breaks escaped (`"textPayload": "Traceback
/// (most recent call last):\n  File ...\nKeyError: 'X'"`), after the indentation (spaces and
/// escaped tabs).
pub fn message_starts(line: &str) -> impl Iterator<Item = usize> + '_ {
    let escaped = line.match_indices("\\n").map(move |(at, _)| {
        let mut at = at + 2;
        loop {
            let rest = &line[at..];
            if rest.starts_with(' ') {
                at += 1;
            } else if rest.starts_with("\\t") {
                at += 2;
            } else {
                return at;
            }
        }
    });
    std::iter::once(message_start(line)).chain(escaped)
}

/// Where the text a program printed starts on `line`: after the indentation, the prefix a log
/// tool puts before each line ([`tool_prefix`]), an RFC 3339 time stamp (`kubectl logs
/// --timestamps`) and, after a time stamp, the stream and tag of a CRI log file (`stderr F `,
/// the kubelet's format in `/var/log/pods`) or the labels Loki's `logcli` prints
/// (`{pod="x", container="y"} `).
pub fn line_start(line: &str) -> usize {
    let mut at = line.len() - line.trim_start().len();
    at += airflow_relay(&line[at..]);
    at += procfile_prefix(&line[at..]);
    at += tool_prefix(&line[at..]);
    let rest = &line[at..];
    if let Some(len) = date_and_time(rest) {
        // A collector's `2024-11-12 03:14:47.275027 ` may be followed by the pod and container.
        at += len;
        return at + tool_prefix(&line[at..]);
    }
    let word = rest.split([' ', '\t']).next().unwrap_or_default();
    let stamp = word.len() >= 20
        && word.as_bytes().get(4) == Some(&b'-')
        && word.as_bytes().get(10).is_some_and(|b| *b == b't' || *b == b'T')
        && word.bytes().take(4).all(|b| b.is_ascii_digit());
    if !stamp {
        return at;
    }
    at += word.len();
    at += line[at..].len() - line[at..].trim_start().len();
    let rest = &line.as_bytes()[at..];
    let stream = rest.len() >= 9
        && (rest[..7].eq_ignore_ascii_case(b"stdout ")
            || rest[..7].eq_ignore_ascii_case(b"stderr "))
        && matches!(rest[7], b'F' | b'P' | b'f' | b'p')
        && rest[8] == b' ';
    if stream {
        return at + 9;
    }
    let rest = &line[at..];
    if rest.starts_with('{') {
        if let Some(end) = rest.find("} ").filter(|&end| rest[..end].contains("=\"")) {
            at += end + 2;
        }
    }
    at
}

/// The length of the prefix Airflow's KubernetesPodOperator puts before each line of the pod's
/// output it relays into the task log, at its own INFO level:
/// `[2022-10-19, 15:15:20 UTC] {pod_manager.py:226} INFO - ` (`pod_launcher.py` before the
/// provider split). The line after it is the container's, with its own level.
fn airflow_relay(text: &str) -> usize {
    let Some(rest) = text.strip_prefix('[') else { return 0 };
    let Some(close) = rest.find("] {") else { return 0 };
    let after = &rest[close + 3..];
    let Some(end) = after.find("} info - ").or_else(|| after.find("} INFO - ")) else { return 0 };
    let source = &after[..end];
    let relay = ["pod_manager.py:", "pod_launcher.py:"].iter().any(|s| source.starts_with(s));
    if relay {
        1 + close + 3 + end + "} INFO - ".len()
    } else {
        0
    }
}

/// The length of a date and a time written as two words at the start of `text`, with the spaces
/// after them: `2024-11-12 03:14:47.275027 `, `2024-03-04 09:12:00,114 ` (Python's logging).
fn date_and_time(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let date = digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7) && b.get(7) == Some(&b'-');
    let time = digits(8..10)
        && b.get(10) == Some(&b' ')
        && digits(11..13)
        && b.get(13) == Some(&b':')
        && digits(14..16)
        && b.get(16) == Some(&b':')
        && digits(17..19);
    if !(date && time) {
        return None;
    }
    let mut end = 19;
    if matches!(b.get(end), Some(b'.' | b',')) {
        end += 1;
        while b.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
    }
    if b.get(end) != Some(&b' ') {
        return None;
    }
    Some(end + text[end..].len() - text[end..].trim_start().len())
}

/// The length of the prefix a Procfile runner (foreman, honcho) writes before each line of the
/// processes it runs: the time, the process name and a bar, `12:26:26 worker.1 | `.
fn procfile_prefix(text: &str) -> usize {
    let bytes = text.as_bytes();
    let clock = bytes.len() > 9
        && bytes[2] == b':'
        && bytes[5] == b':'
        && bytes[8] == b' '
        && [0, 1, 3, 4, 6, 7].iter().all(|&i| bytes[i].is_ascii_digit());
    if !clock {
        return 0;
    }
    let rest = &text[9..];
    let name_len = rest.find(' ').unwrap_or(0);
    let name = &rest[..name_len];
    let named = !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    let padding = rest[name_len..].len() - rest[name_len..].trim_start_matches(' ').len();
    match rest[name_len + padding..].strip_prefix("| ") {
        Some(_) if named => 9 + name_len + padding + 2,
        _ => 0,
    }
}

/// The length of the prefix a log tool writes before each line of a pod's log, at the start of
/// `text`: `[pod/name/container] ` (`kubectl logs --prefix`), `[name] ` (kubetail), `name: `
/// (`argo logs`), or the pod and container names stern writes (`name container `, with the
/// namespace first under `--all-namespaces`). Outside brackets a pod name counts only when it
/// ends in the five characters Kubernetes generates for pod names, drawn from consonants and
/// digits (`k8s.io/apimachinery/pkg/util/rand`, `String`), or, before a colon, in the number
/// Argo hashes a workflow node's id to: a line of prose does not start that way.
fn tool_prefix(text: &str) -> usize {
    if let Some(inner) = text.strip_prefix('[') {
        let Some(end) = inner.find("] ") else { return 0 };
        let name = &inner[..end];
        let kubectl = name.contains('/') && !name.contains(' ');
        return if kubectl || generated_pod_name(name) { end + 3 } else { 0 };
    }
    if let Some((name, _)) = text.split_once(": ") {
        if generated_pod_name(name) || argo_pod_name(name) {
            return name.len() + 2;
        }
    }
    // The names, each followed by a space: the message comes after them.
    let words: Vec<&str> = text.splitn(4, ' ').collect();
    match words.as_slice() {
        [ns, pod, container, _] if label(ns) && generated_pod_name(pod) && label(container) => {
            ns.len() + pod.len() + container.len() + 3
        }
        [pod, container, _, ..] if generated_pod_name(pod) && label(container) => {
            pod.len() + container.len() + 2
        }
        _ => 0,
    }
}

/// A pod name with the suffix Kubernetes generates: `export-28911520-x2k9q`.
fn generated_pod_name(word: &str) -> bool {
    const GENERATED: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let Some((stem, suffix)) = word.rsplit_once('-') else { return false };
    !stem.is_empty()
        && label(stem)
        && suffix.len() == 5
        && suffix.bytes().all(|b| GENERATED.contains(&b.to_ascii_lowercase()))
}

/// A pod name as Argo Workflows makes them for a step: the workflow's name (and, from v3.4, the
/// template's) and the node id hashed to a decimal number, `etl-daily-x7k2p-1584470125`
/// (`workflow/util`, `GeneratePodName`).
fn argo_pod_name(word: &str) -> bool {
    let Some((stem, hash)) = word.rsplit_once('-') else { return false };
    stem.contains('-')
        && label(stem)
        && (7..=10).contains(&hash.len())
        && hash.bytes().all(|b| b.is_ascii_digit())
}

/// A name as Kubernetes spells container names and DNS labels (case aside: lines are matched
/// lower-case).
fn label(word: &str) -> bool {
    let b = word.as_bytes();
    !b.is_empty()
        && b.len() <= 253
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'.')
        && b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.last().is_some_and(u8::is_ascii_alphanumeric)
}

/// The length of a klog header at the start of `text` (`I0312 10:11:12.123456   1 file.go:42] `,
/// the format of `k8s.io/klog`), when there is one.
fn klog_header(text: &str) -> Option<usize> {
    klog_severity(text)?;
    let end = text.get(..120.min(text.len())).unwrap_or(text).find("] ")?;
    let location = text[..end].rsplit(' ').next()?;
    let (_, number) = location.rsplit_once(':')?;
    (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())).then_some(end + 2)
}

/// The severity letter (`I`, `W`, `E` or `F`, upper-case) of a klog line that starts at `text`.
pub fn klog_severity(text: &str) -> Option<char> {
    let b = text.as_bytes();
    let letter = b.first()?.to_ascii_uppercase();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let shape = matches!(letter, b'I' | b'W' | b'E' | b'F')
        && digits(1..5)
        && b.get(5) == Some(&b' ')
        && digits(6..8)
        && b.get(8) == Some(&b':');
    shape.then_some(char::from(letter))
}

/// The message fields of JSON log records: Google Cloud Logging's `textPayload` and
/// `jsonPayload.message`, Docker's json-file and Fluent Bit's `log`, the `msg` of zap, logrus and
/// pino, CloudWatch's `message`, Serilog's compact `@m`.
pub const MESSAGE_KEYS: &[&str] = &["textpayload", "message", "msg", "log", "@m"];

/// Where the string value of the first message field of a JSON record at the start of `text`
/// begins, after its opening quote.
fn json_message(text: &str) -> Option<usize> {
    if !text.starts_with(['{', '"']) {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let mut best: Option<usize> = None;
    for key in MESSAGE_KEYS {
        let quoted = format!("\"{key}\"");
        let mut from = 0;
        while let Some(found) = lower[from..].find(&quoted) {
            let after = from + found + quoted.len();
            let rest = lower[after..].trim_start();
            if let Some(value) = rest.strip_prefix(':').map(str::trim_start) {
                if value.starts_with('"') {
                    let at = lower.len() - value.len() + 1;
                    best = Some(best.map_or(at, |b| b.min(at)));
                    break;
                }
            }
            from = after;
        }
    }
    best
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
        message_starts(line).find(|&at| line[at..].starts_with(first))?
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
        message_starts(line).find(|&at| line[at..].starts_with(first))?
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
        assert_eq!(find(pattern, "2024-05-02 10:11:12.123456 panic: x"), Some(""));
        assert_eq!(find(pattern, "2024-05-02 10:11:12,123 panic: x"), Some(""));
        assert_eq!(find(pattern, "2024-05-02 10:11:12 build-q7m2x main panic: x"), Some(""));
        assert_eq!(find(pattern, "12:26:26 worker.1 | panic: x"), Some(""));
        assert_eq!(find(pattern, "12:26:26 system   | panic: x"), Some(""));
        assert_eq!(find(pattern, "12:26:26 a b | panic: x"), None);
        assert_eq!(find(pattern, "12:26 worker.1 | panic: x"), None);
        assert_eq!(find(pattern, "2024-05-02 10:11 panic: x"), None);
        assert_eq!(find(pattern, "2024-05-02 10:11:12 [warn] panic: x"), None);
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
    fn anchors_skip_cri_klog_and_json_frames() {
        let pattern = "^/bin/sh: *: not found";
        for line in [
            "2025-01-16t11:02:03.114z stderr f /bin/sh: 1: ./run.sh: not found",
            "  \"textpayload\": \"/bin/sh: 1: ./run.sh: not found\\n\",",
            "{\"log\":\"/bin/sh: 1: ./run.sh: not found\\n\",\"stream\":\"stderr\"}",
            "{\"level\":\"error\",\"msg\": \"/bin/sh: 1: ./run.sh: not found\"}",
            "e0312 10:11:12.123456       1 main.go:42] /bin/sh: 1: ./run.sh: not found",
        ] {
            assert_eq!(find(pattern, line), Some("1: ./run.sh"), "{line}");
        }
        for line in [
            "{\"level\":\"error\",\"msg\":\"ran /bin/sh: 1: ./run.sh: not found\"}",
            "{\"log\": 12, \"note\": \"/bin/sh: 1: x: not found\"}",
            "e0312 not klog] /bin/sh: 1: x: not found",
        ] {
            assert_eq!(find(pattern, line), None, "{line}");
        }
        assert_eq!(klog_severity("E0312 10:11:12.123456 1 x.go:4] boom"), Some('E'));
        assert_eq!(klog_severity("Error 10:11"), None);
    }

    #[test]
    fn anchors_skip_the_names_log_tools_write() {
        let pattern = "^traceback (most recent call last):";
        for line in [
            "migrate-q7m2x migrate traceback (most recent call last):",
            "billing migrate-q7m2x migrate traceback (most recent call last):",
            "[migrate-q7m2x] traceback (most recent call last):",
            "[2022-10-19, 15:15:20 utc] {pod_manager.py:226} info - traceback (most recent call last):",
            "migrate-q7m2x: traceback (most recent call last):",
            "etl-daily-x7k2p-1584470125: traceback (most recent call last):",
            "2024-05-02t10:11:12.123z {container=\"migrate\", pod=\"migrate-q7m2x\"} traceback (most recent call last):",
        ] {
            assert_eq!(find(pattern, line), Some(""), "{line}");
        }
        for line in [
            // `sync` is no generated suffix; `aeiou` has vowels, which generated names lack.
            "batch-sync worker traceback (most recent call last):",
            "job-aeiou main traceback (most recent call last):",
            "[info] traceback (most recent call last):",
            "[2022-10-19, 15:15:20 utc] {taskinstance.py:1851} info - traceback (most recent call last):",
            // A year is no Argo node hash, and a hash needs a workflow name before it.
            "etl-daily-2024: traceback (most recent call last):",
            "build-1584470125: traceback (most recent call last):",
        ] {
            assert_eq!(find(pattern, line), None, "{line}");
        }
    }

    #[test]
    fn anchors_find_the_lines_of_an_escaped_message() {
        let line =
            "{\"textpayload\": \"traceback (most recent call last):\\n  file \\\"/app/x.py\\\", \
                    line 3\\n\\tkeyerror: 'ledger_url'\\n\"}";
        assert_eq!(find("^keyerror: ", line), Some(""));
        assert_eq!(find("^traceback (most recent call last):", line), Some(""));
        assert_eq!(find("^file ", line), Some(""), "after the indentation");
        assert_eq!(find("^x.py", line), None);
        for line in ["\\n", "a\\n", "a\\n \\t", "\\n\\n\\"] {
            assert!(message_starts(line).all(|at| line.is_char_boundary(at) && at <= line.len()));
        }
    }

    #[test]
    fn message_start_is_total() {
        for line in [
            "",
            " ",
            "[",
            "[a/b]",
            "[a/b] ",
            "2024-",
            "\t\t",
            "é[x/y] z",
            "2024-05-02T10:11:12Z stderr",
            "2024-05-02T10:11:12Z stdout F",
            "E0312 10:1",
            "E0312 10:11:12 é] x",
            "{\"msg\":",
            "{\"msg\": \"",
            "\"log\"",
            "[x-bcdfg]",
            "[x-bcdfg] ",
            "x-bcdfg main",
            "ns x-bcdfg main",
            "ns x-bcdfg main ",
            "x-bcdfg é y",
            "2024-05-02T10:11:12Z {a=\"b\"}",
            "2024-05-02T10:11:12Z {a=\"é\"} z",
        ] {
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
