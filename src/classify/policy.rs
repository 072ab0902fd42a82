//! A `podFailurePolicy` rule that did its job: the Job failed because a `FailJob` rule matched a
//! container's exit code, and the message says which container, pod and code
//! (`pkg/controller/job/pod_failure_policy.go`). The rule is not the cause (`causes.md`): the
//! exit code it matched is, read like any other exit code, and the finding mentions the rule.
//!
//! Unless the pod it matched was stopped from outside ([`fails_disruption`]): then the policy
//! itself is what must change, and the cause is `pod-failure-policy`.

use super::{Headline, Signal};
use crate::cause::Cause;
use crate::model::Facts;
use crate::model::Job;
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

/// The index of the rule a job controller message names (`... matching FailJob rule at index 2`).
pub fn rule_index(message: &str) -> Option<usize> {
    let (_, rest) = message.split_once(" rule at index ")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// How sure the policy is the cause when a `FailJob` rule on exit codes failed the Job for a pod
/// the paste shows disrupted: the pasted policy has a rule for `DisruptionTarget` after the one
/// that matched (rules apply in order and the first match wins, so it never applied); it has
/// none; the policy is not in the paste.
const LATER_RULE: f32 = 0.85;
const NO_RULE: f32 = 0.75;
const NOT_PASTED: f32 = 0.65;

/// How far below the policy the disruption it failed the Job on stays.
const BELOW_POLICY: f32 = 0.1;

/// A `FailJob` rule on exit codes that failed the Job for a pod stopped from outside: the pod
/// was drained, evicted, preempted or lost (a disruption signal beside the message), and its
/// container exited on the signal that stopped it (a code above 128: `128 + SIGTERM` is 143).
/// A disruption is no failure of the work, and the policy should have let the Job replace the
/// pod (`causes.md`: the policy itself must change). A pasted rule for `DisruptionTarget` after
/// the matched one is the usual mistake: it comes too late to apply.
pub fn fails_disruption(
    rules: &[Rule],
    facts: &Facts,
    signals: &[Signal],
    headline: Option<&Headline>,
) -> Option<Signal> {
    let headline = headline.filter(|h| h.reason == "PodFailurePolicy")?;
    let found = matched(&headline.message)?;
    let index = rule_index(&headline.message)?;
    let by_code = |id: &str| rules.iter().any(|r| r.id == id && matches!(r.key, Key::Exit(_)));
    let disrupted: Vec<usize> = signals
        .iter()
        .filter(|s| matches!(s.cause, Cause::TerminatedBySignal | Cause::Evicted))
        .filter(|s| !by_code(s.rule))
        .flat_map(|s| s.lines.iter().copied())
        .collect();
    // A kill the runtime names OOMKilled is the memory limit's, not a disruption: the rule
    // matched what it was written for.
    let oom = signals.iter().any(|s| s.cause == Cause::OomKilled && s.strength >= 0.8);
    if disrupted.is_empty() || oom {
        return None;
    }
    let condition = facts.jobs.iter().find_map(|j| j.failed_condition());
    let message_line = condition.and_then(|c| c.message.as_ref()).map(|m| m.line);
    let mut lines: Vec<usize> = message_line.or(headline.line).into_iter().collect();
    lines.extend(disrupted.iter().take(2));
    let job = facts.jobs.iter().find(|j| !j.policy.is_empty());
    let (strength, detail) = match job.map(|j| later_disruption_rule(j, index)) {
        Some(Some((at, action, line))) => {
            lines.push(line);
            let detail = format!(
                "the FailJob rule at index {index} matched exit code {} of a pod stopped from \
                 outside before the {action} rule for DisruptionTarget at index {at} could: rules \
                 apply in order, and the first match wins",
                found.exit_code
            );
            (LATER_RULE, detail)
        }
        _ if found.exit_code <= 128 => return None,
        Some(None) if handles_disruptions(job?) => return None,
        known => {
            let strength = if known.is_some() { NO_RULE } else { NOT_PASTED };
            let detail = format!(
                "the FailJob rule at index {index} failed the Job on exit code {} of a pod stopped \
                 from outside: no rule before it ignores DisruptionTarget",
                found.exit_code
            );
            (strength, detail)
        }
    };
    lines.extend(job.and_then(|j| j.policy.get(index)).map(|r| r.action.line));
    lines.retain(|&l| l > 0);
    lines.sort_unstable();
    lines.dedup();
    Some(Signal {
        cause: Cause::PodFailurePolicy,
        strength,
        rule: "check-policy-fails-disruption",
        detail: Some(detail),
        lines,
        pod: Some(found.pod),
        container: Some(found.container),
        object: None,
    })
}

/// The disruption a `FailJob` rule failed the Job on is the evidence of the policy's mistake,
/// not a cause of its own: it stays below the policy, as a link of the chain the finding names.
pub fn disruption_gives_way(signals: &mut [Signal], policy: f32) {
    let at_most = policy - BELOW_POLICY;
    for signal in signals {
        if matches!(signal.cause, Cause::TerminatedBySignal | Cause::Evicted) {
            signal.strength = signal.strength.min(at_most);
        }
    }
}

/// The first rule after `index` that matches `DisruptionTarget`: its index, action and line.
fn later_disruption_rule(job: &Job, index: usize) -> Option<(usize, String, usize)> {
    job.policy.iter().enumerate().skip(index + 1).find_map(|(at, rule)| {
        let on = rule.on_conditions.iter().any(|c| c.value == "DisruptionTarget");
        on.then(|| (at, rule.action.value.clone(), rule.action.line))
    })
}

/// Whether some rule of the policy matches `DisruptionTarget` at all.
fn handles_disruptions(job: &Job) -> bool {
    job.policy.iter().any(|r| r.on_conditions.iter().any(|c| c.value == "DisruptionTarget"))
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
        assert_eq!(rule_index(message), Some(0));
        assert_eq!(rule_index("matching FailJob rule at index 12"), Some(12));
        assert_eq!(rule_index("matching FailJob rule"), None);
    }
}
