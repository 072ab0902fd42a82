//! A `podFailurePolicy` rule that did its job: the Job failed because a `FailJob` rule matched a
//! container's exit code, and the message says which container, pod and code
//! (`pkg/controller/job/pod_failure_policy.go`). The rule is not the cause (`causes.md`): the
//! exit code it matched is, read like any other exit code, and the finding mentions the rule.

use super::{Headline, Signal};
use crate::cause::Cause;
use crate::model::Facts;
use crate::rules::{Key, Rule};

/// What a matched exit code gives when no rule gives it a meaning: the program's own code for
/// a failure it reports on purpose, which is worth retrying no more than a bug.
const OWN_CODE: f32 = 0.5;

/// The parts of `Container C for pod NS/POD failed with exit code N matching FailJob rule at
/// index I`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matched {
    pub container: String,
    pub namespace: String,
    pub pod: String,
    pub exit_code: i64,
}

/// Reads the job controller's message of a matched exit-code rule.
pub fn matched(message: &str) -> Option<Matched> {
    let rest = message.trim().strip_prefix("Container ")?;
    let (container, rest) = rest.split_once(" for pod ")?;
    let (pod, rest) = rest.split_once(" failed with exit code ")?;
    let (code, rest) = rest.split_once(' ')?;
    rest.strip_prefix("matching FailJob rule")?;
    let (namespace, pod) = pod.split_once('/')?;
    Some(Matched {
        container: container.to_owned(),
        namespace: namespace.to_owned(),
        pod: pod.to_owned(),
        exit_code: code.parse().ok()?,
    })
}

/// The cause behind a Job that a `FailJob` rule failed: the meaning of the matched exit code.
pub fn failjob(rules: &[Rule], facts: &Facts, headline: Option<&Headline>) -> Option<Signal> {
    let headline = headline.filter(|h| h.reason == "PodFailurePolicy")?;
    let found = matched(&headline.message)?;
    // The message names the code; the line of the condition's message, else of the headline.
    let condition = facts.jobs.iter().find_map(|j| j.failed_condition());
    let message_line = condition.and_then(|c| c.message.as_ref()).map(|m| m.line);
    let line = message_line.or(headline.line)?;
    let code = found.exit_code;
    let meaning = rules.iter().find(|r| r.key == Key::Exit(code));
    let (cause, strength, rule) = match meaning {
        Some(rule) => (rule.cause, rule.strength, rule.id),
        None => (Cause::AppError, OWN_CODE, "check-failjob-exit-code"),
    };
    let what = meaning.and_then(|r| r.detail).map(|d| format!(" ({d})")).unwrap_or_default();
    Some(Signal {
        cause,
        strength,
        rule,
        detail: Some(format!(
            "exit code {code}{what} matched a FailJob rule of the podFailurePolicy, which failed \
             the Job at once"
        )),
        lines: vec![line],
        pod: Some(found.pod),
        container: Some(found.container),
        object: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_controller_message_reads() {
        let message = "Container verify for pod qa/verify-9xk2p failed with exit code 42 matching \
                       FailJob rule at index 0";
        assert_eq!(
            matched(message),
            Some(Matched {
                container: "verify".into(),
                namespace: "qa".into(),
                pod: "verify-9xk2p".into(),
                exit_code: 42,
            })
        );
        assert_eq!(matched("Pod qa/x has condition DisruptionTarget matching Ignore rule"), None);
    }
}
