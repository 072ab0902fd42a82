//! The `signals:` of a cause entry: what the classifier keys on to name the cause, read from the
//! front matter and checked. `compile` turns them into the rule table of [`crate::rules`].
//!
//! ```yaml
//! signals:
//!   - id: terminated-oomkilled          # unique across content/, kebab-case
//!     terminated: OOMKilled             # what it keys on: exactly one of KEYS
//!     strength: 0.93                    # the confidence it gives alone, 0.05 to 0.95
//!     detail: "the kernel OOM killer"   # optional: shown as the finding's detail
//!     source: "containerd pkg/cri/server/helpers.go"   # where the string comes from
//!   - id: text-no-such-host
//!     text: "no such host"              # a message; `*` wildcards, a leading `^` anchor
//!     example: "dial tcp: lookup db on 10.96.0.10:53: no such host"   # required for text
//!     unless: ["probe failed:"]         # optional: on the same line (for a waiting reason, in
//!                                       # the state's message), these cancel the match
//!     strength: 0.8
//!     source: "Go net package (errNoSuchHost)"
//! ```

use super::front_matter::Problem;
use super::pattern;
use super::yaml::{Node, Value};

/// The fields that say what a signal keys on, and what each means.
pub const KEYS: &[(&str, &str)] = &[
    ("text", "a message on any line"),
    ("terminated", "a container's terminated reason"),
    ("waiting", "a container's waiting reason"),
    ("status", "the STATUS column of kubectl get pods"),
    ("pod_reason", "a pod's Reason"),
    ("event", "an event's reason"),
    ("exit_code", "a terminated container's exit code"),
];

/// The other fields a signal may have.
const OTHER_FIELDS: &[&str] = &["id", "strength", "detail", "source", "example", "unless"];

/// The strongest a signal may be, in hundredths: a single string never makes a certainty.
pub const MAX_STRENGTH: u32 = 95;

/// The weakest, in hundredths: below it a signal could not reach a finding.
pub const MIN_STRENGTH: u32 = 5;

/// What a signal keys on, as written (a text pattern is stored lower-case).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    Text(String),
    Terminated(String),
    Waiting(String),
    Status(String),
    PodReason(String),
    Event(String),
    ExitCode(i64),
}

/// One checked signal of a cause entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signal {
    pub id: String,
    pub key: Key,
    /// In hundredths: `0.93` is 93.
    pub strength: u32,
    pub detail: Option<String>,
    pub source: String,
    /// A line as the program prints it, which the text pattern matches.
    pub example: Option<String>,
    /// Lower-case patterns that cancel a text match on the same line.
    pub unless: Vec<String>,
    /// The line of the signal's `id`, for problems found across documents.
    pub line: usize,
}

/// Reads the `signals` list; every problem is returned with its line.
pub fn read(list: &Node) -> (Vec<Signal>, Vec<Problem>) {
    let mut problems = Vec::new();
    if !matches!(list.value, Value::Seq(_)) {
        let message = "`signals` must be a list of maps, one per signal";
        return (Vec::new(), vec![Problem::new(list.line, message)]);
    }
    let signals = list.items().iter().filter_map(|item| signal(item, &mut problems)).collect();
    (signals, problems)
}

fn signal(item: &Node, problems: &mut Vec<Problem>) -> Option<Signal> {
    if !matches!(item.value, Value::Map(_)) {
        problems.push(Problem::new(item.line, "a signal is a map with `id`, a key and more"));
        return None;
    }
    let before = problems.len();
    for entry in item.entries() {
        let known =
            KEYS.iter().any(|(k, _)| *k == entry.key) || OTHER_FIELDS.contains(&&*entry.key);
        if !known {
            let message = format!("unknown field `{}` in a signal", entry.key);
            problems.push(Problem::new(entry.line, message));
        }
    }
    let id = string(item, "id", problems);
    if let Some(id) = &id {
        if !is_kebab(id) {
            let message = format!("signal id `{id}` must be kebab-case: a-z, 0-9 and `-`");
            problems.push(Problem::new(line_of(item, "id"), message));
        }
    }
    let key = key(item, problems);
    let strength = strength(item, problems);
    let source = string(item, "source", problems);
    let detail = item.get("detail").and_then(|_| string(item, "detail", problems));
    let example = item.get("example").and_then(|_| string(item, "example", problems));
    let unless = unless(item, problems);
    if let Some(Key::Text(pattern)) = &key {
        check_example(item, pattern, example.as_deref(), &unless, problems);
    }
    if problems.len() > before {
        return None;
    }
    Some(Signal {
        id: id?,
        key: key?,
        strength: strength?,
        detail,
        source: source?,
        example,
        unless,
        line: line_of(item, "id"),
    })
}

fn is_kebab(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.ends_with('-')
        && !id.contains("--")
}

fn line_of(item: &Node, key: &str) -> usize {
    item.entry(key).map_or(item.line, |e| e.value.line)
}

/// A required non-empty string field.
fn string(item: &Node, key: &str, problems: &mut Vec<Problem>) -> Option<String> {
    let Some(entry) = item.entry(key) else {
        problems.push(Problem::new(item.line, format!("a signal needs `{key}`")));
        return None;
    };
    match entry.value.as_str().map(str::trim) {
        Some(text) if !text.is_empty() => Some(text.to_owned()),
        _ => {
            let message = format!("`{key}` of a signal must be a non-empty string");
            problems.push(Problem::new(entry.value.line, message));
            None
        }
    }
}

fn key(item: &Node, problems: &mut Vec<Problem>) -> Option<Key> {
    let present: Vec<_> =
        item.entries().iter().filter(|e| KEYS.iter().any(|(k, _)| *k == e.key)).collect();
    let entry = match present.as_slice() {
        [one] => *one,
        [] | [_, _, ..] => {
            let names: Vec<String> = KEYS.iter().map(|(k, _)| format!("`{k}`")).collect();
            let message = format!("a signal keys on exactly one of {}", names.join(", "));
            problems.push(Problem::new(item.line, message));
            return None;
        }
    };
    let line = entry.value.line;
    // A pattern keeps its spaces (`panic: `); a reason or code has none to keep.
    let value = entry.value.as_str().map(|v| if entry.key == "text" { v } else { v.trim() });
    let Some(value) = value.filter(|v| !v.trim().is_empty()) else {
        problems.push(Problem::new(line, format!("`{}` must be a non-empty string", entry.key)));
        return None;
    };
    let fail = |problems: &mut Vec<Problem>, message: String| {
        problems.push(Problem::new(line, message));
        None
    };
    match entry.key.as_str() {
        "text" => match pattern::check(value) {
            Ok(()) => Some(Key::Text(pattern::normalise(value))),
            Err(message) => fail(problems, format!("`text` `{value}`: {message}")),
        },
        "exit_code" => match value.parse::<i64>() {
            Ok(code) if (1..=255).contains(&code) => Some(Key::ExitCode(code)),
            _ => fail(problems, format!("`exit_code` is `{value}`; use a number from 1 to 255")),
        },
        name => {
            if !is_reason(value) {
                let message = format!(
                    "`{name}` is `{value}`; a reason is one word as Kubernetes prints it \
                     (letters, digits, `:`), optionally ending in `*` for any rest"
                );
                return fail(problems, message);
            }
            let value = value.to_owned();
            Some(match name {
                "terminated" => Key::Terminated(value),
                "waiting" => Key::Waiting(value),
                "status" => Key::Status(value),
                "pod_reason" => Key::PodReason(value),
                _ => Key::Event(value),
            })
        }
    }
}

fn is_reason(value: &str) -> bool {
    let word = value.strip_suffix('*').unwrap_or(value);
    word.starts_with(|c: char| c.is_ascii_alphabetic())
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == ':' || c == '-')
}

/// `0.93` as 93; two decimals at most, from [`MIN_STRENGTH`] to [`MAX_STRENGTH`] hundredths.
fn strength(item: &Node, problems: &mut Vec<Problem>) -> Option<u32> {
    let entry = item.entry("strength");
    let Some(text) = entry.and_then(|e| e.value.as_str()) else {
        problems.push(Problem::new(line_of(item, "strength"), "a signal needs a `strength`"));
        return None;
    };
    let hundredths = text.strip_prefix("0.").and_then(|digits| match digits.len() {
        1 => digits.parse::<u32>().ok().map(|d| d * 10),
        2 => digits.parse::<u32>().ok(),
        _ => None,
    });
    match hundredths {
        Some(h) if (MIN_STRENGTH..=MAX_STRENGTH).contains(&h) => Some(h),
        _ => {
            let message = format!(
                "`strength` is `{text}`; use 0.05 to 0.95 with two decimals at most \
                 (0.8 or more only for a string that cannot mean anything else)"
            );
            problems.push(Problem::new(line_of(item, "strength"), message));
            None
        }
    }
}

fn unless(item: &Node, problems: &mut Vec<Problem>) -> Vec<String> {
    let Some(entry) = item.entry("unless") else { return Vec::new() };
    let mut out = Vec::new();
    for node in entry.value.items() {
        match node.as_str().map(|p| (p, pattern::check(p))) {
            Some((p, Ok(()))) => out.push(pattern::normalise(p)),
            Some((p, Err(message))) => {
                problems.push(Problem::new(node.line, format!("`unless` `{p}`: {message}")))
            }
            None => problems.push(Problem::new(node.line, "`unless` lists text patterns")),
        }
    }
    if !matches!(entry.value.value, Value::Seq(_)) {
        let message = "`unless` must be a list of patterns, like `[\"probe failed:\"]`";
        problems.push(Problem::new(entry.value.line, message));
    }
    out
}

/// A text signal shows the line it stands for, and the build proves the pattern matches it.
fn check_example(
    item: &Node,
    text: &str,
    example: Option<&str>,
    unless: &[String],
    problems: &mut Vec<Problem>,
) {
    let Some(example) = example else {
        let message = "a `text` signal needs an `example`: a line as the program prints it";
        problems.push(Problem::new(line_of(item, "text"), message));
        return;
    };
    let line = line_of(item, "example");
    let lower = pattern::normalise(example);
    if pattern::find(text, &lower).is_none() {
        let message = format!("the pattern `{text}` does not match its example");
        problems.push(Problem::new(line, message));
    }
    if let Some(cancel) = unless.iter().find(|u| pattern::find(u, &lower).is_some()) {
        let message = format!("the example is cancelled by its own `unless` `{cancel}`");
        problems.push(Problem::new(line, message));
    }
}

/// The Rust source of the rule table `src/rules.rs` includes: every signal of every cause, in
/// the order of the documents, as `Rule` values.
pub fn to_rust<'a>(causes: impl Iterator<Item = (&'a str, &'a [Signal])>) -> String {
    use std::fmt::Write as _;
    let mut out =
        String::from("// Generated by build.rs from content/causes/*.md; do not edit.\n\n");
    out.push_str("/// Every signal of `content/causes/*.md`, in the order of the entries.\n");
    out.push_str("pub static RULES: &[Rule] = &[\n");
    for (cause, signals) in causes {
        for s in signals {
            let key = match &s.key {
                Key::Text(p) => format!("Key::Text({p:?})"),
                Key::Terminated(r) => format!("Key::Terminated({r:?})"),
                Key::Waiting(r) => format!("Key::Waiting({r:?})"),
                Key::Status(r) => format!("Key::Status({r:?})"),
                Key::PodReason(r) => format!("Key::PodReason({r:?})"),
                Key::Event(r) => format!("Key::Event({r:?})"),
                Key::ExitCode(code) => format!("Key::Exit({code})"),
            };
            let _ = writeln!(
                out,
                "    Rule {{\n        id: {:?},\n        key: {key},\n        cause: \
                 Cause::new({cause:?}),\n        strength: 0.{:02},\n        detail: {:?},\n        \
                 source: {:?},\n        example: {:?},\n        unless: &{:?},\n    }},",
                s.id, s.strength, s.detail, s.source, s.example, s.unless
            );
        }
    }
    out.push_str("];\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    /// The problems of reading `text` (a `signals:` value) as `line N: message`.
    fn problems(text: &str) -> Vec<String> {
        let parsed = yaml::parse(&format!("signals:\n{text}"));
        let list = parsed.docs[0].get("signals").expect("signals");
        let (_, found) = read(list);
        found.iter().map(|p| format!("line {}: {}", p.line, p.message)).collect()
    }

    fn signals(text: &str) -> Vec<Signal> {
        let parsed = yaml::parse(&format!("signals:\n{text}"));
        read(parsed.docs[0].get("signals").expect("signals")).0
    }

    #[test]
    fn a_text_signal_reads_lower_case_with_its_example() {
        let found = signals(
            "  - id: text-no-such-host\n    text: \"No such host\"\n    example: \"dial tcp: \
             lookup db: no such host\"\n    strength: 0.8\n    source: Go net\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].key, Key::Text("no such host".into()));
        assert_eq!((found[0].strength, found[0].line), (80, 2));
        assert_eq!(found[0].detail, None);
    }

    #[test]
    fn every_key_kind_reads() {
        let found = signals(
            "  - {id: a, terminated: OOMKilled, strength: 0.9, source: s}\n  \
             - {id: b, waiting: ErrImagePull, strength: 0.5, source: s}\n  \
             - {id: c, status: \"Init:Error\", strength: 0.3, source: s}\n  \
             - {id: d, pod_reason: \"OutOf*\", strength: 0.7, source: s, detail: d}\n  \
             - {id: e, event: FailedMount, strength: 0.6, source: s}\n  \
             - {id: f, exit_code: 139, strength: 0.8, source: s}\n",
        );
        let keys: Vec<Key> = found.into_iter().map(|s| s.key).collect();
        assert_eq!(
            keys,
            [
                Key::Terminated("OOMKilled".into()),
                Key::Waiting("ErrImagePull".into()),
                Key::Status("Init:Error".into()),
                Key::PodReason("OutOf*".into()),
                Key::Event("FailedMount".into()),
                Key::ExitCode(139),
            ]
        );
    }

    #[test]
    fn the_table_is_rust_with_escaped_strings() {
        let found = signals(
            "  - {id: a, text: 'secret \"*\" not found', example: 'secret \"x\" not found', \
             strength: 0.9, source: kubelet}\n  - {id: b, exit_code: 139, strength: 0.8, \
             source: kernel, detail: SIGSEGV}\n",
        );
        let rust = to_rust([("segfault", found.as_slice())].into_iter());
        assert!(rust.contains("key: Key::Text(\"secret \\\"*\\\" not found\"),"), "{rust}");
        assert!(rust.contains("cause: Cause::new(\"segfault\"),\n        strength: 0.90,"));
        assert!(rust.contains("key: Key::Exit(139),"));
        assert!(rust.contains("detail: Some(\"SIGSEGV\"),"));
        assert!(rust.contains("unless: &[],"));
        assert_eq!(rust.matches("    Rule {").count(), 2);
    }

    #[test]
    fn problems_are_named_with_their_line() {
        let found = problems(
            "  - {id: Bad_Id, event: FailedMount, strength: 0.6, source: s}\n  \
             - {id: b, event: FailedMount, exit_code: 1, strength: 0.6, source: s}\n  \
             - {id: c, exit_code: 300, strength: 1.5, source: s, colour: red}\n  \
             - {id: d, text: \"*x\", example: x, strength: 0.5, source: s}\n  \
             - {id: e, text: \"secret * not found\", example: \"nothing\", strength: 0.5}\n  \
             - {id: f, text: refused, example: \"probe failed: refused\", unless: [\"probe failed:\"], strength: 0.5, source: s}\n  \
             - {id: g, text: refused, strength: 0.5, source: s, waiting: \"Two words\"}\n  \
             - plain\n",
        );
        assert_eq!(
            found,
            [
                "line 2: signal id `Bad_Id` must be kebab-case: a-z, 0-9 and `-`",
                "line 3: a signal keys on exactly one of `text`, `terminated`, `waiting`, \
                 `status`, `pod_reason`, `event`, `exit_code`",
                "line 4: unknown field `colour` in a signal",
                "line 4: `exit_code` is `300`; use a number from 1 to 255",
                "line 4: `strength` is `1.5`; use 0.05 to 0.95 with two decimals at most \
                 (0.8 or more only for a string that cannot mean anything else)",
                "line 5: `text` `*x`: a pattern cannot start or end with `*`: it would match \
                 every line",
                "line 6: a signal needs `source`",
                "line 6: the pattern `secret * not found` does not match its example",
                "line 7: the example is cancelled by its own `unless` `probe failed:`",
                "line 8: a signal keys on exactly one of `text`, `terminated`, `waiting`, \
                 `status`, `pod_reason`, `event`, `exit_code`",
                "line 9: a signal is a map with `id`, a key and more",
            ]
        );
        assert_eq!(
            problems("  - {id: x, text: y, strength: 0.5, source: s}\n"),
            ["line 2: a `text` signal needs an `example`: a line as the program prints it"]
        );
        assert_eq!(
            problems("  x: 1\n"),
            ["line 2: `signals` must be a list of maps, one per signal"]
        );
    }
}
