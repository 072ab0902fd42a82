//! The attempts of a Job in time order, on one axis: the pods it created, when each started and
//! ended, how it ended, the back-off between them, and how much of `backoffLimit` they spent.
//!
//! 1. The Job and its pods: the Job the paste is about, the pods it owns (by owner, label or
//!    name) and the pods its `SuccessfulCreate` events name.
//! 2. Each pod's attempts ([`attempts`]), with the best times the paste gives: `Started` and
//!    `Finished` of a describe or `startedAt`/`finishedAt` of YAML (to the second), else the
//!    pod's start, else its creation (an event's age or the AGE column, as coarse as its unit).
//! 3. One axis (`axis`): timestamps when there are any, ages turned into timestamps when one
//!    pod shows both; ages alone give a relative axis.
//! 4. The count: failed pods against `backoffLimit + 1` with `restartPolicy: Never`, container
//!    restarts against `backoffLimit` with `OnFailure` (the job controller counts both ways).
//! 5. The story ([`story`]): the Job's fate and the attempts' cause, in one sentence.

pub mod attempts;
mod axis;
pub mod chart;
pub mod clock;
mod story;

use attempts::{Draft, Outcome, Raw};
use axis::Axis;

use crate::classify::Headline;
use crate::model::{Event, Facts, Job, Pod};
use crate::report::{Attempt, Deadline, Moment, Timeline};

/// Attempts drawn at most; a longer history keeps its most recent ones.
const MAX_ATTEMPTS: usize = 30;

/// The default `backoffLimit` of `batch/v1` Jobs.
pub const DEFAULT_BACKOFF_LIMIT: u32 = 6;

/// The timeline of the Job the paste is about (`focus`, when the paste shows several:
/// [`crate::names::jobs::focus`]); `None` when it shows no attempt.
pub fn build(facts: &Facts, headline: Option<&Headline>, focus: Option<&str>) -> Option<Timeline> {
    let job = pick_job(facts, focus);
    let job_name = job_name(facts, job, focus);
    let created = created_events(facts, job_name.as_deref());
    let pods = pods_of(facts, job_name.as_deref());
    let mut drafts: Vec<Draft> = Vec::new();
    for pod in &pods {
        drafts.extend(attempts::of_pod(pod, creation(pod, &created)));
    }
    for (name, raw) in &created {
        if !drafts.iter().any(|d| d.pod.as_deref() == Some(name.as_str())) {
            drafts.push(from_event(name, raw.clone()));
        }
    }
    let settled = drafts.iter().any(|d| matches!(d.outcome, Outcome::Failed | Outcome::Succeeded));
    if drafts.is_empty() || (job.is_none() && drafts.len() < 2 && !settled) {
        return None;
    }
    infer_failures(&mut drafts, job);
    reasons_from_events(&mut drafts, facts);
    let job_start = job.and_then(|j| j.start_time.as_ref()).and_then(Raw::stamp);
    let job_end = job_end(facts, job, job_name.as_deref());
    let axis = Axis::choose(&pods, &created, &drafts, job_start.as_ref());
    let mut attempts: Vec<(Attempt, usize)> =
        drafts.into_iter().enumerate().map(|(order, draft)| (axis.attempt(draft), order)).collect();
    // The order breaks ties, so an unstable sort keeps paste order among equal times.
    attempts
        .sort_unstable_by_key(|(a, order)| (a.start.as_ref().map_or(i64::MAX, |m| m.at), *order));
    let mut attempts: Vec<Attempt> = attempts.into_iter().map(|(a, _)| a).collect();
    if attempts.len() > MAX_ATTEMPTS {
        attempts.drain(..attempts.len() - MAX_ATTEMPTS);
    }
    set_gaps(&mut attempts);
    let mut timeline = Timeline {
        job: job_name,
        clock: axis.clock().to_owned(),
        origin: axis.origin_text(),
        job_start: job_start.and_then(|r| axis.moment(r)),
        job_end: job_end.and_then(|r| axis.moment(r)),
        attempts,
        ..Timeline::default()
    };
    count(&mut timeline, job, &pods);
    timeline.deadline = job.and_then(|j| j.active_deadline.as_ref()).map(|d| Deadline {
        seconds: d.value,
        at: timeline.job_start.as_ref().map(|s| s.at.saturating_add_unsigned(d.value)),
        line: d.line,
    });
    timeline.summary = story::tell(&timeline, headline, facts);
    Some(timeline)
}

/// Attempts whose end the paste does not show, when the Job's own counts say every pod it
/// made failed (none active, none succeeded, at least as many failed as attempts).
fn infer_failures(drafts: &mut [Draft], job: Option<&Job>) {
    let Some(job) = job else { return };
    let count = |c: &Option<crate::model::Located<u32>>| c.as_ref().map_or(0, |c| c.value);
    let failed = job.failed.as_ref().map(|f| f.value as usize);
    let all_failed = count(&job.active) == 0
        && count(&job.succeeded) == 0
        && failed.is_some_and(|f| f >= drafts.len());
    if all_failed {
        for draft in drafts.iter_mut().filter(|d| d.outcome == Outcome::Unknown) {
            draft.outcome = Outcome::Failed;
        }
    }
}

/// Event reasons that say how a pod's run ended, from the kubelet, the scheduler, the
/// autoscaler and the taint manager (see `rules.rs` for their sources).
const ENDING_EVENTS: &[&str] =
    &["Evicted", "Preempted", "Preempting", "ScaleDown", "TaintManagerEviction", "OOMKilling"];

/// The reason of attempts the paste shows no container state for, from an event about their
/// pod (`pod/x` in `kubectl get events`), and the event's age as their end: the attempt and
/// the event are the same story.
fn reasons_from_events(drafts: &mut [Draft], facts: &Facts) {
    for draft in drafts.iter_mut().filter(|d| d.reason.is_none() && d.exit_code.is_none()) {
        let Some(pod) = draft.pod.as_deref() else { continue };
        let event = facts.events.iter().find(|e| {
            ENDING_EVENTS.contains(&e.reason.as_str())
                && e.object.as_deref().and_then(|o| o.strip_prefix("pod/")) == Some(pod)
        });
        if let Some(event) = event {
            draft.reason = Some(event.reason.clone());
            draft.lines.push(event.line);
            if draft.end.is_none() {
                draft.end = event.age.as_deref().and_then(|a| Raw::age(a, event.line, "event age"));
            }
            if draft.outcome == Outcome::Unknown {
                draft.outcome = Outcome::Failed;
            }
        }
    }
}

/// The failed Job, else the `focus` (the unnamed Job, when the focus is not among the Jobs the
/// paste shows: never another Job), else the first the paste names.
fn pick_job<'a>(facts: &'a Facts, focus: Option<&str>) -> Option<&'a Job> {
    let failed = facts.jobs.iter().find(|j| j.failed_condition().is_some());
    if let Some(focus) = focus.filter(|_| failed.is_none()) {
        let named = |j: &&Job| j.name.as_ref().is_some_and(|n| n.value == focus);
        return facts
            .jobs
            .iter()
            .find(named)
            .or_else(|| facts.jobs.iter().find(|j| j.name.is_none()));
    }
    failed.or_else(|| facts.jobs.iter().find(|j| j.name.is_some())).or_else(|| facts.jobs.first())
}

/// The Job's name: its own, else the focus, else its pods' owner, else the object of its events
/// (`job/x`).
fn job_name(facts: &Facts, job: Option<&Job>, focus: Option<&str>) -> Option<String> {
    let from_events = || {
        let mut objects = facts.events.iter().filter_map(|e| e.object.as_deref());
        objects.find_map(|o| o.strip_prefix("job/")).map(str::to_owned)
    };
    job.and_then(|j| j.name.as_ref())
        .map(|n| n.value.clone())
        .or_else(|| focus.map(str::to_owned))
        .or_else(|| facts.pods.iter().find_map(|p| p.job.clone()))
        .or_else(from_events)
}

/// The Job a pod belongs to: its owner, else its name without the random suffix.
pub fn group(pod: &Pod) -> Option<String> {
    pod.job.clone().or_else(|| {
        let name = &pod.name.as_ref()?.value;
        let (stem, suffix) = name.rsplit_once('-')?;
        let random = suffix.len() == 5 && suffix.chars().all(|c| c.is_ascii_alphanumeric());
        random.then(|| stem.to_owned())
    })
}

/// The Job's pods, or, when no Job is named, the pods of the first failing pod's Job.
fn pods_of<'a>(facts: &'a Facts, job: Option<&str>) -> Vec<&'a Pod> {
    // Object names have no spaces: `No resources found.` in a table is not a pod.
    let named = |p: &Pod| {
        p.name.as_ref().is_some_and(|n| !n.value.starts_with('(') && !n.value.contains(' '))
    };
    let pods = facts.pods.iter().filter(|p| named(p) || !p.containers.is_empty());
    match job {
        Some(job) => pods
            .filter(|p| {
                let ours = p.job.as_deref() == Some(job)
                    || p.name
                        .as_ref()
                        .is_some_and(|n| crate::names::jobs::named_after(&n.value, job));
                (ours && named(p)) || p.name.as_ref().is_none_or(|n| n.value.starts_with('('))
            })
            .collect(),
        None => {
            let pods: Vec<&Pod> = pods.filter(|p| named(p) || p.name.is_none()).collect();
            let failing = pods.iter().find(|p| attempts::pod_outcome(p) == Outcome::Failed);
            let first = failing.or(pods.first());
            let key = first.and_then(|p| group(p));
            // A pod of the same name in another namespace is another Job's (the same CronJob
            // deployed to staging and prod).
            let namespace = first.and_then(|p| p.namespace.as_ref()).map(|n| n.value.as_str());
            let here = |p: &Pod| {
                p.namespace.as_ref().is_none_or(|n| namespace.is_none_or(|ns| n.value == ns))
            };
            pods.into_iter().filter(|p| group(p) == key && here(p)).collect()
        }
    }
}

/// `Created pod: x` events of the Job, oldest first, with their ages.
fn created_events(facts: &Facts, job: Option<&str>) -> Vec<(String, Raw)> {
    let created = facts.events.iter().filter(|e| e.reason == "SuccessfulCreate");
    let mut out: Vec<(String, Raw)> = created
        .filter_map(|e: &Event| {
            let name = e.message.strip_prefix("Created pod: ")?.trim();
            let fits = job.is_none_or(|j| crate::names::jobs::named_after(name, j));
            let raw = Raw::age(e.age.as_deref()?, e.line, "event age")?;
            (fits && !name.is_empty()).then(|| (name.to_owned(), raw))
        })
        .collect();
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// When `pod` was created: its `creationTimestamp`, else its `Created pod` event, else AGE.
fn creation(pod: &Pod, created: &[(String, Raw)]) -> Option<Raw> {
    let name = pod.name.as_ref().map(|n| n.value.as_str());
    pod.created
        .as_ref()
        .and_then(Raw::stamp)
        .or_else(|| created.iter().find(|(n, _)| Some(n.as_str()) == name).map(|(_, r)| r.clone()))
        .or_else(|| pod.age_column.as_ref().and_then(|a| Raw::age(&a.value, a.line, "pods age")))
}

fn from_event(name: &str, raw: Raw) -> Draft {
    Draft {
        pod: Some(name.to_owned()),
        container: None,
        run: None,
        lines: vec![raw.line],
        start: Some(raw),
        end: None,
        outcome: Outcome::Unknown,
        exit_code: None,
        reason: None,
        memory_limit: None,
    }
}

/// When the Job failed or completed: its failure event's age (not another Job's), else its
/// completion time.
fn job_end(facts: &Facts, job: Option<&Job>, name: Option<&str>) -> Option<Raw> {
    const ENDS: &[&str] =
        &["BackoffLimitExceeded", "DeadlineExceeded", "PodFailurePolicy", "Completed"];
    let ours = |e: &&Event| {
        let other = e.object.as_deref().and_then(|o| o.strip_prefix("job/"));
        other.is_none_or(|o| name.is_none_or(|n| n == o))
    };
    let event = facts.events.iter().filter(ours).find(|e| ENDS.contains(&e.reason.as_str()));
    event
        .and_then(|e| Raw::age(e.age.as_deref()?, e.line, "event age"))
        .or_else(|| job.and_then(|j| j.completion_time.as_ref()).and_then(Raw::stamp))
}

/// The back-off between consecutive attempts that do not overlap, when both times are known
/// to within a few seconds (a back-off is seconds to minutes; an age to the minute hides it).
fn set_gaps(attempts: &mut [Attempt]) {
    let exact = |m: &Option<Moment>| m.as_ref().filter(|m| m.precision <= 5).map(|m| m.at);
    for i in 1..attempts.len() {
        let end = exact(&attempts[i - 1].end);
        let start = exact(&attempts[i].start);
        if let (Some(end), Some(start)) = (end, start) {
            attempts[i - 1].gap_after = (start >= end).then(|| start.saturating_sub(end));
        }
    }
}

/// Attempts spent and allowed: failed pods with `Never`, restarts with `OnFailure`.
fn count(timeline: &mut Timeline, job: Option<&Job>, pods: &[&Pod]) {
    let policy = job.and_then(|j| j.restart_policy.as_ref()).map(|p| p.value.as_str());
    let restarts: u32 = pods
        .iter()
        .map(|p| p.all_containers().filter_map(|c| c.restart_count).max().unwrap_or(0))
        .sum();
    let limit = job.and_then(|j| j.backoff_limit.as_ref()).map(|b| b.value);
    timeline.backoff_limit = limit;
    if policy == Some("OnFailure") || (policy.is_none() && restarts > 0) {
        timeline.counting = "restarts".to_owned();
        timeline.used = Some(restarts);
        timeline.allowed = limit;
        return;
    }
    timeline.counting = "pods".to_owned();
    let failed_seen = timeline.attempts.iter().filter(|a| a.outcome == "failed").count() as u32;
    let reported = job.and_then(|j| j.failed.as_ref()).map(|f| f.value);
    timeline.used = match (reported, failed_seen) {
        (None, 0) => None,
        (reported, seen) => Some(reported.unwrap_or(0).max(seen)),
    };
    timeline.allowed = limit.map(|l| l.saturating_add(1));
}

/// The failed attempts, when there are two or more and all ended the same way (same reason and
/// exit code): a failure retries will not change. Returns how many, and how they ended.
pub fn repeated_failure(timeline: &Timeline) -> Option<(usize, String)> {
    let failed: Vec<&Attempt> =
        timeline.attempts.iter().filter(|a| a.outcome == "failed").collect();
    let first = failed.first()?;
    let same = failed.iter().all(|a| a.exit_code == first.exit_code && a.reason == first.reason);
    // `Error` alone (a STATUS column) says a non-zero exit, not which one.
    let generic = matches!(first.reason.as_deref(), None | Some("Error" | "Failed"));
    let known = first.exit_code.is_some() || !generic;
    (failed.len() >= 2 && same && known).then(|| (failed.len(), story::ending(first)))
}
