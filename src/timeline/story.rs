//! The timeline in one sentence, the Job's fate and the attempts' cause kept apart: "the Job
//! gave up after 3 failed attempts of 3 allowed (BackoffLimitExceeded); each of the 3 failed
//! attempts it details ended with OOMKilled (exit code 137) at its 512Mi memory limit".

use crate::classify::Headline;
use crate::model::Facts;
use crate::report::{Attempt, Timeline};

/// The sentence for `timeline`.
pub fn tell(timeline: &Timeline, headline: Option<&Headline>, facts: &Facts) -> String {
    let fate = fate(timeline, headline, facts);
    let cause = cause(timeline, facts);
    match (fate.is_empty(), cause.is_empty()) {
        (_, true) => fate,
        (true, false) => cause,
        (false, false) => format!("{fate}; {cause}"),
    }
}

/// What happened to the Job.
fn fate(timeline: &Timeline, headline: Option<&Headline>, facts: &Facts) -> String {
    let spent = spent(timeline);
    match headline.map(|h| h.reason.as_str()) {
        Some("BackoffLimitExceeded") => {
            format!("the Job gave up after {spent} (BackoffLimitExceeded)")
        }
        Some("DeadlineExceeded") => match &timeline.deadline {
            Some(d) => format!(
                "the Job ran out of time after its activeDeadlineSeconds of {}s, with {spent} \
                 (DeadlineExceeded)",
                d.seconds
            ),
            None => format!("the Job ran out of time with {spent} (DeadlineExceeded)"),
        },
        Some("PodFailurePolicy") => {
            format!("a podFailurePolicy rule failed the Job after {spent} (PodFailurePolicy)")
        }
        Some(other) => format!("the Job failed after {spent} ({other})"),
        None if facts.jobs.iter().any(|j| j.is_complete() && of_the_timeline(timeline, j)) => {
            format!("the Job completed after {spent}")
        }
        None if timeline.used == Some(0) => String::new(),
        None => format!("the paste shows {spent}"),
    }
}

/// Whether `job` is the Job the timeline follows: the one it names, or any when it names none.
fn of_the_timeline(timeline: &Timeline, job: &crate::model::Job) -> bool {
    let name = job.name.as_ref().map(|n| n.value.as_str());
    timeline.job.is_none() || name.is_none() || name == timeline.job.as_deref()
}

/// `3 failed attempts of 7 allowed`, `4 restarts (backoffLimit 6)`, or `2 attempts` when the
/// paste does not say how many failed.
fn spent(timeline: &Timeline) -> String {
    let Some(used) = timeline.used else {
        let n = timeline.attempts.len() as u32;
        return format!("{n} attempt{}", plural(n));
    };
    if timeline.counting == "restarts" {
        let limit = timeline.backoff_limit.map(|l| format!(" (backoffLimit {l})"));
        return format!("{used} restart{}{}", plural(used), limit.unwrap_or_default());
    }
    let allowed = timeline.allowed.map(|a| format!(" of {a} allowed"));
    format!("{used} failed attempt{}{}", plural(used), allowed.unwrap_or_default())
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// How the failed attempts ended, and whether any succeeded.
fn cause(timeline: &Timeline, facts: &Facts) -> String {
    let failed: Vec<&Attempt> = timeline
        .attempts
        .iter()
        .filter(|a| a.outcome == "failed" && (a.reason.is_some() || a.exit_code.is_some()))
        .collect();
    let succeeded = timeline.attempts.iter().filter(|a| a.outcome == "succeeded").count();
    let mut endings: Vec<String> = failed.iter().map(|a| ending(a)).collect();
    // `OOMKilled` where one attempt's exit code is not shown is the same ending as
    // `OOMKilled (exit code 137)`.
    let all = endings.clone();
    endings.retain(|e| !all.iter().any(|other| other.starts_with(&format!("{e} ("))));
    endings.dedup();
    let mut text = match (failed.as_slice(), endings.as_slice()) {
        ([], _) => String::new(),
        ([one], _) => {
            format!("the failed attempt it details ended with {}", with_limit(one, facts))
        }
        ([first, ..], [_]) => {
            // The attempt that shows the most of the shared ending (its exit code too).
            let fullest = failed.iter().max_by_key(|a| ending(a).len()).unwrap_or(first);
            format!(
                "each of the {} failed attempts it details ended with {}",
                failed.len(),
                with_limit(fullest, facts)
            )
        }
        _ => {
            endings.sort_unstable();
            endings.dedup();
            endings.truncate(3);
            format!("the failed attempts ended differently: {}", endings.join(", "))
        }
    };
    if succeeded > 0 {
        let s = if succeeded == 1 { "" } else { "s" };
        let part = format!("{succeeded} attempt{s} succeeded");
        text = if text.is_empty() { part } else { format!("{text}, and {part}") };
    }
    text
}

/// How one attempt ended: `OOMKilled (exit code 137)`, `exit code 1`, `ImagePullBackOff`.
pub fn ending(attempt: &Attempt) -> String {
    match (attempt.reason.as_deref(), attempt.exit_code) {
        (Some("Error") | None, Some(code)) => format!("exit code {code}"),
        (Some(reason), Some(code)) => format!("{reason} (exit code {code})"),
        (Some(reason), None) => reason.to_owned(),
        (None, None) => "no reason shown".to_owned(),
    }
}

/// [`ending`], with the memory limit an OOM kill ran into.
fn with_limit(attempt: &Attempt, facts: &Facts) -> String {
    let ending = ending(attempt);
    if attempt.reason.as_deref() != Some("OOMKilled") {
        return ending;
    }
    let same =
        |name: Option<&str>| attempt.container.is_none() || name == attempt.container.as_deref();
    let limit = facts
        .pods
        .iter()
        .flat_map(|p| p.all_containers())
        .filter(|c| same(Some(&c.name)))
        .find_map(|c| c.memory_limit.as_ref())
        .or_else(|| {
            let specs = facts.jobs.iter().flat_map(|j| &j.containers);
            specs.filter(|s| same(s.name.as_deref())).find_map(|s| s.memory_limit.as_ref())
        });
    match limit {
        Some(limit) => format!("{ending} at its {} memory limit", limit.value),
        None => ending,
    }
}
