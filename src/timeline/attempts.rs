//! The attempts one pod holds, before they are put on a common axis: one for a pod that ran
//! once, two for a container restarted in place (its last run and the current one).

use super::clock;
use crate::model::{Container, Located, Pod, State, StateKind};

/// How an attempt ended, or that it has not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Failed,
    Succeeded,
    Running,
    /// Not started or between runs: pulling, waiting for a Secret, back-off.
    Waiting,
    Unknown,
}

impl Outcome {
    /// The word the report uses.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Failed => "failed",
            Outcome::Succeeded => "succeeded",
            Outcome::Running => "running",
            Outcome::Waiting => "waiting",
            Outcome::Unknown => "unknown",
        }
    }
}

/// A time as the paste gives it: a timestamp, or an age counted back from when the command ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    At(i64),
    Ago(i64),
}

/// A time read from one line, before the axis is chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Raw {
    pub when: When,
    pub precision: u32,
    pub source: &'static str,
    pub line: usize,
    pub text: String,
}

impl Raw {
    /// A pasted timestamp; `None` when the text is not one.
    pub fn stamp(located: &Located<String>) -> Option<Raw> {
        let at = clock::timestamp(&located.value)?;
        let text = located.value.trim_matches('"').to_owned();
        // RFC 3339 (YAML, JSON) starts with the year; describe prints RFC 1123.
        let source = if text.as_bytes().get(4) == Some(&b'-') { "yaml" } else { "describe" };
        Some(Raw { when: When::At(at), precision: 1, source, line: located.line, text })
    }

    /// A pasted age; `None` when the text is not one.
    pub fn age(text: &str, line: usize, source: &'static str) -> Option<Raw> {
        let (ago, precision) = clock::first_age(text)?;
        let text = text.split_whitespace().next().unwrap_or(text).to_owned();
        Some(Raw { when: When::Ago(ago), precision, source, line, text })
    }
}

/// One attempt of one pod, its times still as pasted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub pod: Option<String>,
    pub container: Option<String>,
    pub run: Option<u32>,
    pub start: Option<Raw>,
    pub end: Option<Raw>,
    pub outcome: Outcome,
    pub exit_code: Option<i64>,
    pub reason: Option<String>,
    pub lines: Vec<usize>,
    pub memory_limit: Option<String>,
}

/// The attempts of `pod`, oldest first; `created` is when the pod was created, if known.
pub fn of_pod(pod: &Pod, created: Option<Raw>) -> Vec<Draft> {
    let name = pod.name.as_ref().map(|n| n.value.clone()).filter(|n| !n.starts_with('('));
    let mut base = Draft {
        pod: name,
        container: None,
        run: None,
        start: None,
        end: None,
        outcome: Outcome::Unknown,
        exit_code: None,
        reason: None,
        lines: pod.name.iter().map(|n| n.line).filter(|&l| l > 0).collect(),
        memory_limit: None,
    };
    let Some(container) = main_container(pod) else {
        base.start = pod.start_time.as_ref().and_then(Raw::stamp).or(created);
        (base.outcome, base.reason) = from_status(pod);
        base.lines.extend(pod.status_column.iter().chain(&pod.phase).map(|s| s.line));
        return vec![base];
    };
    base.container = Some(container.name.clone());
    base.memory_limit = container.memory_limit.as_ref().map(|m| m.value.clone());
    let restarts = container.restart_count.or_else(|| restarts_column(pod)).unwrap_or(0);
    let mut out = Vec::new();
    let previous = container.last_state.as_ref().filter(|s| s.kind == StateKind::Terminated);
    if let (Some(state), true) = (previous, restarts > 0) {
        let mut draft = with_state(&base, state);
        draft.run = Some(restarts);
        out.push(draft);
    }
    let current = container.state.as_ref();
    let backing_off = previous.is_some() && current.is_some_and(|s| s.kind == StateKind::Waiting);
    if !backing_off {
        let mut draft = current.map_or_else(|| base.clone(), |s| with_state(&base, s));
        if draft.outcome == Outcome::Unknown {
            (draft.outcome, draft.reason) = from_status(pod);
        }
        if restarts > 0 {
            draft.run = Some(restarts.saturating_add(1));
        } else if draft.start.is_none() {
            draft.start = pod.start_time.as_ref().and_then(Raw::stamp).or(created);
        }
        out.push(draft);
    }
    out
}

fn with_state(base: &Draft, state: &State) -> Draft {
    let mut draft = base.clone();
    draft.outcome = state_outcome(state);
    draft.exit_code = state.exit_code.as_ref().map(|e| e.value);
    draft.reason = state.reason.as_ref().map(|r| r.value.clone());
    draft.start = state.started.as_ref().and_then(Raw::stamp);
    draft.end = state.finished.as_ref().and_then(Raw::stamp);
    draft.lines.push(state.line);
    draft.lines.extend(state.exit_code.as_ref().map(|e| e.line));
    draft
}

/// The container whose runs are the attempts: the first that failed, else the first app
/// container.
fn main_container(pod: &Pod) -> Option<&Container> {
    let failed = |c: &&Container| {
        [&c.state, &c.last_state].into_iter().flatten().any(|s| state_outcome(s) == Outcome::Failed)
    };
    let has_state = |c: &&Container| c.state.is_some() || c.last_state.is_some();
    pod.containers
        .iter()
        .find(failed)
        .or_else(|| pod.init_containers.iter().find(failed))
        .or_else(|| pod.containers.iter().find(has_state))
}

fn state_outcome(state: &State) -> Outcome {
    match state.kind {
        StateKind::Running => Outcome::Running,
        StateKind::Waiting => Outcome::Waiting,
        StateKind::Terminated if state.exit_code.as_ref().is_some_and(|e| e.value == 0) => {
            Outcome::Succeeded
        }
        StateKind::Terminated => Outcome::Failed,
    }
}

/// What the pod as a whole says, from its STATUS column or phase, with a reason when failed.
fn from_status(pod: &Pod) -> (Outcome, Option<String>) {
    let reason = pod.reason.as_ref().map(|r| r.value.clone());
    if let Some(status) = &pod.status_column {
        let value = status.value.as_str();
        let outcome = match value {
            "Completed" | "Succeeded" => Outcome::Succeeded,
            "Running" | "Terminating" | "NotReady" => Outcome::Running,
            "Unknown" => Outcome::Unknown,
            "Pending"
            | "ContainerCreating"
            | "PodInitializing"
            | "ErrImagePull"
            | "ImagePullBackOff"
            | "InvalidImageName"
            | "CreateContainerConfigError"
            | "CreateContainerError"
            | "CrashLoopBackOff"
            | "SchedulingGated" => Outcome::Waiting,
            v if v.starts_with("Init:") && !v.contains("Error") => Outcome::Waiting,
            _ => Outcome::Failed,
        };
        return (outcome, reason.or_else(|| Some(value.to_owned())));
    }
    let outcome = match pod.phase.as_ref().map(|p| p.value.as_str()) {
        Some("Failed") => Outcome::Failed,
        Some("Succeeded") => Outcome::Succeeded,
        Some("Running") => Outcome::Running,
        Some("Pending") => Outcome::Waiting,
        _ => Outcome::Unknown,
    };
    (outcome, reason)
}

/// The count of `2 (55s ago)`.
fn restarts_column(pod: &Pod) -> Option<u32> {
    pod.restarts_column.as_deref()?.split_whitespace().next()?.parse().ok()
}

/// How `pod` ended as a whole: failed when any attempt failed and none is still to come,
/// succeeded when its work finished, else what it is doing.
pub fn pod_outcome(pod: &Pod) -> Outcome {
    let drafts = of_pod(pod, None);
    let last = drafts.last().map_or(Outcome::Unknown, |d| d.outcome);
    if last == Outcome::Succeeded || drafts.iter().all(|d| d.outcome != Outcome::Failed) {
        last
    } else {
        Outcome::Failed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each attempt as `run outcome exit start? end?`.
    fn drafts(input: &str) -> Vec<String> {
        let paste = crate::text::Paste::new(input);
        let capture = crate::capture::capture(&paste);
        let (facts, _) = crate::extract::extract(&paste, &capture);
        let show = |d: Draft| {
            let run = d.run.map_or("-".to_owned(), |r| r.to_string());
            let exit = d.exit_code.map_or("-".to_owned(), |e| e.to_string());
            let times =
                format!("{}{}", d.start.map_or("", |_| " start"), d.end.map_or("", |_| " end"));
            format!("{run} {} {exit}{times}", d.outcome.name())
        };
        facts.pods.iter().flat_map(|p| of_pod(p, None)).map(show).collect()
    }

    #[test]
    fn a_restarted_container_gives_its_last_run_and_skips_the_back_off() {
        let input = "Name:  r-1\nContainers:\n  report:\n    State:          Waiting\n      \
                     Reason:       CrashLoopBackOff\n    Last State:     Terminated\n      \
                     Reason:       OOMKilled\n      Exit Code:    137\n      \
                     Started:      Wed, 04 Dec 2024 02:03:41 +0000\n      \
                     Finished:     Wed, 04 Dec 2024 02:04:58 +0000\n    Restart Count:  3\n";
        assert_eq!(drafts(input), ["3 failed 137 start end"]);
    }

    #[test]
    fn a_pod_known_only_from_its_status_column() {
        let input = "NAME      READY   STATUS      RESTARTS   AGE\nj-1   0/1     Error       0          5m\n\
                     j-2   0/1     Completed   0          3m\n";
        assert_eq!(drafts(input), ["- failed -", "- succeeded -"]);
    }
}
