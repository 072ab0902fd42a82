//! The detection rules, as data: what each signal keys on, where that string comes from, and
//! which cause it points to with what strength.
//!
//! The rules are knowledge, so they live in `content/`: each cause entry lists its `signals` in
//! its front matter (see `content/README.md`), and `build.rs` checks them and compiles them into
//! [`RULES`]. Adding a pattern, or a whole cause, is an edit of `content/causes/`, not of Rust.
//!
//! A rule keys on a Kubernetes, runtime or library string, never on a case's wording, and names
//! where that string comes from. Strength is the confidence the rule gives when it is the only
//! evidence: 0.8 or more only for a string that cannot mean anything else. [`crate::classify`]
//! runs the rules and combines them with the structural checks that need the model.

pub mod pattern;

use crate::cause::Cause;

pub use pattern::find;

/// What a rule looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// A case-insensitive pattern on any line (see [`pattern`]); stored lower-case.
    Text(&'static str),
    /// A container's terminated reason (`State` or `Last State`).
    Terminated(&'static str),
    /// A container's waiting reason.
    Waiting(&'static str),
    /// The STATUS column of `kubectl get pods`.
    Status(&'static str),
    /// A pod-level `Reason`/`status.reason`.
    PodReason(&'static str),
    /// An event's reason.
    Event(&'static str),
    /// A terminated container's exit code, when nothing more precise names the cause.
    Exit(i64),
}

/// One signal, as a cause entry declares it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rule {
    /// Unique across `content/`, kebab-case.
    pub id: &'static str,
    pub key: Key,
    pub cause: Cause,
    pub strength: f32,
    /// The finer distinction shown as the finding's `detail`.
    pub detail: Option<&'static str>,
    /// Where the string comes from.
    pub source: &'static str,
    /// For a text rule: a line as the program prints it, which the pattern matches.
    pub example: Option<&'static str>,
    /// For a text rule: lower-case patterns that, on the same line, cancel the match.
    pub unless: &'static [&'static str],
}

include!(concat!(env!("OUT_DIR"), "/rules.rs"));

/// The rule with id `id`, when `content/` declares one.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// Whether a reason-like key (`OOMKilled`, `OutOf*`) matches `value`: exactly, or by prefix when
/// the key ends in `*`.
pub fn reason_matches(key: &str, value: &str) -> bool {
    match key.strip_suffix('*') {
        Some(prefix) => value.starts_with(prefix),
        None => key == value,
    }
}

/// The object of the first text match of `rule` on the lower-case `line`, unless one of the
/// rule's `unless` patterns is on the line too.
pub fn text_match<'a>(rule: &Rule, line: &'a str) -> Option<&'a str> {
    let Key::Text(pattern) = rule.key else { return None };
    let object = find(pattern, line)?;
    rule.unless.iter().all(|u| find(u, line).is_none()).then_some(object)
}

/// Whether one of `rule`'s `unless` patterns is in `text` (a state's message): the message
/// says the reason stands for something else this time.
pub fn cancelled(rule: &Rule, text: &str) -> bool {
    let lower = text.to_lowercase();
    rule.unless.iter().any(|u| find(u, &lower).is_some())
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::cause::Cause;

    #[test]
    fn ids_are_unique_and_fields_in_range() {
        let mut ids = HashSet::new();
        assert!(RULES.len() > 100, "only {} rules: is content/ read?", RULES.len());
        for rule in RULES {
            assert!(ids.insert(rule.id), "duplicate rule id {}", rule.id);
            assert!((0.05..=0.95).contains(&rule.strength), "{}", rule.id);
            assert!(!rule.source.trim().is_empty(), "{}: no source", rule.id);
            assert!(rule.detail.is_none_or(|d| !d.trim().is_empty()), "{}", rule.id);
            if let Key::Text(pattern) = rule.key {
                assert_eq!(pattern, pattern.to_lowercase(), "{}", rule.id);
                assert_eq!(pattern::check(pattern), Ok(()), "{}", rule.id);
                assert!(rule.example.is_some(), "{}: a text rule has an example", rule.id);
            }
        }
    }

    /// The `{object}` of an `auth-failure` step is the Secret that holds the credential, which
    /// no rejection names: a pattern that captured a user, a permission or a database would fill
    /// `kubectl describe secret` with it.
    #[test]
    fn credential_rejections_capture_no_name() {
        let captures = RULES.iter().filter(|r| r.cause == Cause::AuthFailure).filter_map(|r| {
            let example = r.example?.to_lowercase();
            let object = text_match(r, &example)?.to_owned();
            crate::names::is_subdomain(&object).then_some((r.id, object))
        });
        assert_eq!(captures.collect::<Vec<_>>(), []);
    }

    #[test]
    fn every_rule_points_to_a_cause_with_an_entry() {
        for rule in RULES {
            assert_eq!(Cause::from_id(rule.cause.id()), Some(rule.cause), "{}", rule.id);
            assert!(crate::kb::cause_entry(rule.cause).is_some(), "{}", rule.id);
            assert_ne!(rule.cause, Cause::Unknown, "{}", rule.id);
            assert_ne!(rule.cause, Cause::NoFailure, "{}", rule.id);
        }
    }

    #[test]
    fn every_text_rule_matches_its_example_and_not_its_exceptions() {
        for rule in RULES {
            let Some(example) = rule.example else { continue };
            let lower = example.to_lowercase();
            assert!(text_match(rule, &lower).is_some(), "{}: {example:?}", rule.id);
        }
        let rule = Rule {
            id: "t",
            key: Key::Text("connection refused"),
            cause: Cause::NetworkOrDns,
            strength: 0.6,
            detail: None,
            source: "s",
            example: None,
            unless: &["probe failed:"],
        };
        assert_eq!(
            text_match(&rule, "dial tcp 10.0.0.1:5432: connect: connection refused"),
            Some("")
        );
        assert_eq!(text_match(&rule, "readiness probe failed: connection refused"), None);
    }

    /// Each text rule, on its own example line: its cause is found, and a rule strong enough to
    /// be unmistakable (0.8 or more) names it first.
    #[test]
    fn every_example_alone_finds_its_cause() {
        let mut wrong = Vec::new();
        for rule in RULES {
            let (Some(example), true) = (rule.example, rule.strength >= 0.25) else { continue };
            let report = crate::analyze(example);
            let causes: Vec<Cause> = report.findings.iter().map(|f| f.cause).collect();
            let ok = if rule.strength >= 0.8 {
                causes.first() == Some(&rule.cause)
            } else {
                causes.contains(&rule.cause)
            };
            if !ok {
                wrong.push(format!("{}: {example:?} gave {causes:?}", rule.id));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn reason_keys_match_exactly_or_by_prefix() {
        assert!(reason_matches("OOMKilled", "OOMKilled"));
        assert!(!reason_matches("OOMKilled", "OOMKilledX"));
        assert!(reason_matches("OutOf*", "OutOfmemory"));
        assert!(!reason_matches("OutOf*", "Out"));
    }
}
