//! The `recognised` line: what the paste held, in a few words.

use crate::model::{Facts, Pod, StateKind};
use crate::report::Finding;
use crate::text::Paste;

/// One line on what the paste held; first the Job the failure is about (`focus`), when the paste
/// shows other Jobs but names this one only in events or commands.
pub fn line(paste: &Paste, facts: &Facts, findings: &[Finding], focus: Option<&str>) -> String {
    let mut parts = Vec::new();
    let named = |f: &str, same: bool| {
        facts.jobs.iter().any(|j| j.name.as_ref().is_some_and(|n| (n.value == f) == same))
    };
    if let Some(focus) = focus.filter(|f| named(f, false) && !named(f, true)) {
        parts.push(format!("Job {focus}"));
    }
    if facts.jobs.len() > 2 {
        let complete = facts.jobs.iter().filter(|j| j.is_complete()).count();
        let failed = facts.jobs.iter().filter(|j| j.failed_condition().is_some()).count();
        let states: Vec<String> = [(complete, "complete"), (failed, "failed")]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, word)| format!("{n} {word}"))
            .collect();
        let states =
            if states.is_empty() { String::new() } else { format!(" ({})", states.join(", ")) };
        parts.push(format!("{} Jobs{states}", facts.jobs.len()));
    } else {
        parts.extend(facts.jobs.iter().map(job_part));
    }
    let count = |n: usize, one: &str, many: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    };
    let pods = count(facts.pods.len(), "pod", "pods").map(|p| match pod_states(facts) {
        states if states.is_empty() => p,
        states => format!("{p} ({states})"),
    });
    let others = [
        pods,
        count(facts.cronjobs.len(), "CronJob", "CronJobs"),
        count(facts.events.len(), "event", "events"),
        count(facts.log_lines.len(), "log line", "log lines"),
    ];
    parts.extend(others.into_iter().flatten());
    if parts.is_empty() {
        let blank = paste.lines.iter().all(|l| l.text.trim().is_empty());
        let known: usize = findings.iter().map(|f| f.evidence.len()).sum();
        return match (blank, known) {
            (true, _) => "an empty paste".to_owned(),
            (false, 0) => "nothing recognisable".to_owned(),
            (false, 1) => "no kubectl output; 1 line with a known message".to_owned(),
            (false, n) => format!("no kubectl output; {n} lines with known messages"),
        };
    }
    parts.join("; ")
}

/// `Job migrate in shop: 3 failed pods, backoffLimit 2`, or `..: complete, ...`.
fn job_part(job: &crate::model::Job) -> String {
    let mut part = match (&job.name, &job.namespace) {
        (Some(n), Some(ns)) => format!("Job {} in {}", n.value, ns.value),
        (Some(n), None) => format!("Job {}", n.value),
        (None, _) => "a Job".to_owned(),
    };
    let mut details = Vec::new();
    if job.is_complete() {
        details.push("complete".to_owned());
    }
    if let Some(failed) = &job.failed {
        let plural = if failed.value == 1 { "" } else { "s" };
        details.push(format!("{} failed pod{plural}", failed.value));
    }
    if let Some(limit) = &job.backoff_limit {
        details.push(format!("backoffLimit {}", limit.value));
    }
    if let Some(deadline) = &job.active_deadline {
        details.push(format!("activeDeadlineSeconds {}", deadline.value));
    }
    if !details.is_empty() {
        part.push_str(": ");
        part.push_str(&details.join(", "));
    }
    part
}

/// What the pods are, as kubectl's STATUS would say: `2 Error, 1 Completed`, most common first.
fn pod_states(facts: &Facts) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for state in facts.pods.iter().filter_map(pod_state) {
        match counts.iter_mut().find(|(s, _)| *s == state) {
            Some((_, n)) => *n += 1,
            None => counts.push((state, 1)),
        }
    }
    counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    if let [(state, 1)] = counts.as_slice() {
        return state.clone();
    }
    let shown: Vec<String> = counts.iter().take(3).map(|(s, n)| format!("{n} {s}")).collect();
    let more = if counts.len() > 3 { ", ..." } else { "" };
    format!("{}{more}", shown.join(", "))
}

/// A pod's state in one word: its STATUS column, its reason, the state of a container that is
/// stuck or failed (`Init:` for an init container), its phase, or `Completed`.
fn pod_state(pod: &Pod) -> Option<String> {
    if let Some(status) = &pod.status_column {
        return Some(status.value.clone());
    }
    if let Some(reason) = &pod.reason {
        return Some(reason.value.clone());
    }
    let troubled = |c: &crate::model::Container| {
        let state = c.state.as_ref()?;
        let failed = match state.kind {
            StateKind::Waiting => true,
            StateKind::Terminated => state.exit_code.as_ref().is_none_or(|e| e.value != 0),
            StateKind::Running => false,
        };
        // A container waiting with no reason has not started yet (its pod is still `Pending`):
        // the phase says more than a word for a failure.
        let word = match (&state.reason, state.kind) {
            (Some(reason), _) => reason.value.as_str(),
            (None, StateKind::Waiting) => return None,
            (None, _) => "Error",
        };
        failed.then(|| word.to_owned())
    };
    if let Some(word) = pod.init_containers.iter().find_map(troubled) {
        return Some(format!("Init:{word}"));
    }
    if let Some(word) = pod.containers.iter().find_map(troubled) {
        return Some(word);
    }
    if let Some(phase) = &pod.phase {
        return Some(phase.value.clone());
    }
    let done = pod
        .all_containers()
        .any(|c| c.state.as_ref().is_some_and(|s| s.kind == StateKind::Terminated));
    done.then(|| "Completed".to_owned())
}
