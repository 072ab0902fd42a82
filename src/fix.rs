//! Generated fixes: the manifest change a finding calls for, as a YAML fragment filled with the
//! paste's own names, to merge into the Job's (or CronJob's) manifest. The words around it come
//! from `content/fixes/`; the fragment's shape is the Kubernetes API's, so it is built here.
//!
//! - `memory-limit`: an OOM kill at a known limit; the limit doubled, as a starting point.
//! - `fail-fast`: a failure that repeats with the same exit code (seen repeating, written in
//!   the script as `exit N`, or a start failure that cannot pass on retry); a
//!   `podFailurePolicy` that fails the Job on that code and ignores disruptions.
//! - `ignore-disruptions`: pods stopped from outside; a rule that keeps `DisruptionTarget`
//!   failures from counting against `backoffLimit`.
//! - `deadline-guard`: pods that wait forever (no node, no image, no Secret) in a Job without
//!   `activeDeadlineSeconds`; a deadline so the Job fails instead of hanging.

pub(crate) mod quantity;
mod yaml_out;

use yaml_out::Y;

use crate::cause::Cause;
use crate::classify::checks;
use crate::join;
use crate::kb::{self, placeholder, Names};
use crate::model::Facts;
use crate::report::{Patch, Timeline};
use crate::timeline::repeated_failure;

/// Every fix id; each has a `content/fixes/<id>.yaml`.
#[cfg_attr(not(test), allow(dead_code))]
pub const IDS: &[&str] = &["memory-limit", "fail-fast", "ignore-disruptions", "deadline-guard"];

/// Causes whose pods wait without failing, so a Job without a deadline never ends.
const HANGS: &[Cause] = &[
    Cause::Unschedulable,
    Cause::BadImage,
    Cause::ImagePullAuth,
    Cause::VolumeMount,
    Cause::MissingSecretOrConfigMap,
];

/// Causes whose exit code repeats on every retry once it is seen to repeat. Not `exec-format`:
/// its fix is an image for the node's architecture (or a nodeSelector), which the steps give;
/// a rule that fails on its exit code would read as the fix and only cut the retries short.
const DETERMINISTIC: &[Cause] = &[
    Cause::AppError,
    Cause::MissingConfig,
    Cause::BadCommand,
    Cause::PermissionDenied,
    Cause::Segfault,
];

/// Causes that cannot pass on retry even when seen once: the program cannot start.
const CANNOT_START: &[Cause] = &[Cause::BadCommand, Cause::PermissionDenied];

/// The exit codes of a program that could not start: 126 not executable, 127 not found (the
/// shell's), 128 the runtime's start error (`StartError`, `ContainerCannotRun`).
const START_FAILURE_CODES: &[i64] = &[126, 127, 128];

/// The deadline proposed when nothing in the paste says how long the work takes: an hour.
const DEFAULT_DEADLINE: u64 = 3600;

/// The generated fix for `cause`, when one fits what the paste shows.
pub fn for_cause(
    cause: Cause,
    facts: &Facts,
    timeline: Option<&Timeline>,
    names: &Names,
) -> Option<Patch> {
    let target = Target::of(facts, names);
    match cause {
        Cause::OomKilled => memory_limit(facts, &target),
        Cause::TerminatedBySignal | Cause::PodFailurePolicy => ignore_disruptions(&target),
        c if HANGS.contains(&c) => deadline_guard(facts, names, &target),
        c if DETERMINISTIC.contains(&c) => fail_fast(c, facts, timeline, &target),
        _ => None,
    }
}

/// Where the fragment goes: the Job's manifest or its CronJob's, and which container.
struct Target {
    cronjob: bool,
    container: Option<String>,
    init: bool,
}

impl Target {
    fn of(facts: &Facts, names: &Names) -> Target {
        let cronjob = facts
            .jobs
            .iter()
            .any(|j| j.owner.as_deref().is_some_and(|o| o.starts_with("CronJob/")))
            || (!facts.cronjobs.is_empty() && facts.jobs.iter().all(|j| j.name.is_none()))
            || names.cronjob.is_some();
        let container = names.container.clone();
        let name = container.as_deref();
        let init = facts
            .pods
            .iter()
            .any(|p| p.init_containers.iter().any(|c| Some(c.name.as_str()) == name))
            || facts
                .jobs
                .iter()
                .flat_map(|j| &j.containers)
                .any(|s| s.init && s.name.as_deref() == name);
        Target { cronjob, container, init }
    }

    fn kind(&self) -> &'static str {
        if self.cronjob {
            "CronJob"
        } else {
            "Job"
        }
    }

    /// The fragment from the top-level `spec:`, with `job` in the Job spec and `pod` in the
    /// pod template's spec.
    fn fragment(&self, job: Vec<(&str, Y)>, pod: Vec<(&str, Y)>) -> String {
        let mut job_spec = job;
        if !pod.is_empty() {
            job_spec.push(("template", Y::map(vec![("spec", Y::map(pod))])));
        }
        let spec = if self.cronjob {
            Y::map(vec![("jobTemplate", Y::map(vec![("spec", Y::map(job_spec))]))])
        } else {
            Y::map(job_spec)
        };
        yaml_out::write(&Y::map(vec![("spec", spec)]))
    }

    /// The container entry of the pod spec, under `containers` or `initContainers`.
    fn container(&self, name: &str, fields: Vec<(&str, Y)>) -> (&'static str, Y) {
        let mut entry = vec![("name", Y::text(name))];
        entry.extend(fields);
        let key = if self.init { "initContainers" } else { "containers" };
        (key, Y::Seq(vec![Y::map(entry)]))
    }
}

/// The words of fix `id` with `values` filled in, and the fragment.
fn patch(id: &str, values: &[(&str, String)], yaml: String) -> Option<Patch> {
    let text = kb::fix_text(id)?;
    let lookup = |name: &str| values.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str());
    let fill = |t: &str| placeholder::fill_in(t, placeholder::FIX_NAMES, lookup);
    Some(Patch { id: id.to_owned(), title: fill(text.title), why: fill(text.why), yaml })
}

/// The comment of fix `id` with `values` filled in.
fn note(id: &str, values: &[(&str, String)]) -> Option<String> {
    let lookup = |name: &str| values.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str());
    kb::fix_text(id)?.note.map(|n| placeholder::fill_in(n, placeholder::FIX_NAMES, lookup))
}

fn memory_limit(facts: &Facts, target: &Target) -> Option<Patch> {
    // Only a kill at the limit is fixed by raising it: a runtime that ran out of its own heap
    // first (`Java heap space` under a 4Gi limit) needs its heap setting raised instead.
    if !killed_at_the_limit(facts) {
        return None;
    }
    let limit = join::memory_limit(facts, target.container.as_deref())?;
    let suggested = quantity::double(&limit.value)?;
    let container = target.container.clone()?;
    let values = [
        ("container", container.clone()),
        ("limit", limit.value.clone()),
        ("suggested", suggested.clone()),
        ("kind", target.kind().to_owned()),
    ];
    let memory = Y::Scalar(suggested, note("memory-limit", &values));
    let resources = Y::map(vec![("limits", Y::map(vec![("memory", memory)]))]);
    let pod = vec![target.container(&container, vec![("resources", resources)])];
    patch("memory-limit", &values, target.fragment(Vec::new(), pod))
}

/// Whether the paste shows a container the kernel killed at its limit: a state or a STATUS
/// `OOMKilled`.
fn killed_at_the_limit(facts: &Facts) -> bool {
    let oom = |v: &str| v == "OOMKilled";
    facts.pods.iter().any(|pod| {
        pod.status_column.as_ref().is_some_and(|s| oom(&s.value))
            || pod.all_containers().any(|c| {
                [&c.state, &c.last_state]
                    .into_iter()
                    .flatten()
                    .any(|s| s.reason.as_ref().is_some_and(|r| oom(&r.value)))
            })
    })
}

/// The exit codes that keep repeating: those of a repeated failure, or the one exit code of a
/// failure that cannot start.
fn repeating_codes(cause: Cause, facts: &Facts, timeline: Option<&Timeline>) -> Option<Vec<i64>> {
    let signal = |code: i64| code == 0 || code > 128;
    if let Some(t) = timeline.filter(|t| repeated_failure(t).is_some()) {
        let code = t.attempts.iter().find(|a| a.outcome == "failed").and_then(|a| a.exit_code)?;
        return (!signal(code)).then(|| vec![code]);
    }
    if cause == Cause::AppError {
        // A script whose last word is `exit N` fails with N every time.
        let specs = facts.jobs.iter().flat_map(|j| &j.containers);
        let code = specs.filter_map(checks::script_exit).map(|(code, _)| code).next()?;
        return (!signal(code)).then(|| vec![code]);
    }
    if !CANNOT_START.contains(&cause) {
        return None;
    }
    let states =
        facts.pods.iter().flat_map(|p| p.all_containers()).flat_map(|c| [&c.state, &c.last_state]);
    let codes: Vec<i64> = states
        .flatten()
        .filter_map(|s| s.exit_code.as_ref().map(|e| e.value))
        .filter(|&c| !signal(c))
        .collect();
    // One code, however many times it shows. A code a started program exits with (1 for an
    // uncaught error) is no start failure: seen once, it says nothing of the next attempt.
    let first = *codes.first()?;
    let start_failure = START_FAILURE_CODES.contains(&first);
    (codes.iter().all(|&c| c == first) && (start_failure || codes.len() > 1)).then(|| vec![first])
}

fn fail_fast(
    cause: Cause,
    facts: &Facts,
    timeline: Option<&Timeline>,
    target: &Target,
) -> Option<Patch> {
    let codes = repeating_codes(cause, facts, timeline)?;
    let container = target.container.clone();
    let list: Vec<String> = codes.iter().map(i64::to_string).collect();
    let values = [("codes", list.join(", ")), ("kind", target.kind().to_owned())];
    let mut on_exit = Vec::new();
    if let Some(name) = &container {
        on_exit.push(("containerName", Y::text(name)));
    }
    on_exit.push(("operator", Y::text("In")));
    on_exit.push(("values", Y::Flow(list)));
    let fail = Y::map(vec![("action", Y::text("FailJob")), ("onExitCodes", Y::map(on_exit))]);
    let rules = Y::Seq(vec![fail, ignore_rule()]);
    let job = vec![("podFailurePolicy", Y::map(vec![("rules", rules)]))];
    let pod = vec![("restartPolicy", Y::Scalar("Never".to_owned(), note("fail-fast", &values)))];
    patch("fail-fast", &values, target.fragment(job, pod))
}

fn ignore_rule() -> Y {
    let condition = Y::map(vec![("type", Y::text("DisruptionTarget"))]);
    Y::map(vec![("action", Y::text("Ignore")), ("onPodConditions", Y::Seq(vec![condition]))])
}

fn ignore_disruptions(target: &Target) -> Option<Patch> {
    let values = [("kind", target.kind().to_owned())];
    let job = vec![("podFailurePolicy", Y::map(vec![("rules", Y::Seq(vec![ignore_rule()]))]))];
    let pod =
        vec![("restartPolicy", Y::Scalar("Never".to_owned(), note("ignore-disruptions", &values)))];
    patch("ignore-disruptions", &values, target.fragment(job, pod))
}

fn deadline_guard(facts: &Facts, names: &Names, target: &Target) -> Option<Patch> {
    // Only a Job whose spec the paste shows, and shows without a deadline: the finding's Job, not
    // another Job pasted beside it.
    let ours = |j: &&crate::model::Job| {
        let name = j.name.as_ref().map(|n| n.value.as_str());
        name.is_none() || names.job.is_none() || name == names.job.as_deref()
    };
    let job = facts.jobs.iter().filter(ours).find(|j| !j.containers.is_empty())?;
    if job.active_deadline.is_some() {
        return None;
    }
    let values = [("deadline", DEFAULT_DEADLINE.to_string()), ("kind", target.kind().to_owned())];
    let deadline = Y::Scalar(DEFAULT_DEADLINE.to_string(), note("deadline-guard", &values));
    patch(
        "deadline-guard",
        &values,
        target.fragment(vec![("activeDeadlineSeconds", deadline)], Vec::new()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fix_has_its_words_and_every_text_a_fix() {
        let (_, texts, _) = kb::advice_ids();
        for id in IDS {
            assert!(kb::fix_text(id).is_some(), "no content/fixes/{id}.yaml");
        }
        for id in texts {
            assert!(IDS.contains(&id), "content/fixes/{id}.yaml names no fix");
        }
    }
}
