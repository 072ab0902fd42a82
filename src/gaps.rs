//! What the paste could not show, and the command that gets it: events that expired, pods the
//! Job made that were not pasted, the log of a run that was restarted, the user's own kubectl
//! failing before it read anything (`classify::client`). The words and commands
//! are in `content/gaps/`; each gap here is the condition that calls for one.

use crate::classify::client::OwnError;
use crate::join;
use crate::kb::{self, Names};
use crate::model::Facts;
use crate::report::NextStep;

/// Every gap id; each has a `content/gaps/<id>.yaml`.
#[cfg_attr(not(test), allow(dead_code))]
pub const IDS: &[&str] = &[
    "events-expired",
    "pods-not-pasted",
    "describe-failed-pods",
    "previous-logs",
    "job-not-found",
    "pod-not-found",
    "kubectl-forbidden",
];

/// The gaps of the paste, as commands to run next, most useful first.
/// `own_errors` are the user's own kubectl errors the paste is made of
/// ([`crate::classify::client::own_errors`]), each the gap of getting past it.
pub fn find(
    own_errors: &[OwnError],
    facts: &Facts,
    names: &Names,
    has_headline: bool,
) -> Vec<NextStep> {
    let mut steps: Vec<NextStep> = own_errors
        .iter()
        .cloned()
        .filter_map(|error| {
            // The names the error gives fill its command: the object kubectl looked for, the
            // namespace it was refused in.
            let mut names = names.clone();
            let id = match error {
                OwnError::JobNotFound(job) => {
                    names.job = Some(job);
                    "job-not-found"
                }
                OwnError::PodNotFound(pod) => {
                    names.pod = Some(pod);
                    "pod-not-found"
                }
                OwnError::Forbidden(namespace) => {
                    names.namespace = namespace.or(names.namespace);
                    "kubectl-forbidden"
                }
            };
            kb::gap_text(id).map(|gap| step(gap, &names))
        })
        .collect();
    let mut ids = Vec::new();
    let job_known = names.job.is_some();
    // A describe with `Events: <none>` and nothing else saying how the Job ended: the events
    // expired (kube-apiserver keeps them an hour by default), the conditions did not.
    let expired = facts.jobs.iter().any(|j| j.no_events.is_some() && j.conditions.is_empty());
    if expired && !has_headline && job_known {
        ids.push("events-expired");
    }
    // The Job counts failed pods the paste does not show.
    let failed = facts.jobs.iter().any(|j| j.failed.as_ref().is_some_and(|f| f.value > 0));
    if failed && facts.pods.is_empty() && job_known {
        ids.extend(["pods-not-pasted", "describe-failed-pods"]);
    }
    // A container that restarted: its failed run's log is one `--previous` away.
    let restarted = facts.pods.iter().flat_map(|p| p.all_containers()).any(|c| {
        c.restart_count.is_some_and(|n| n > 0) && Some(&c.name) == names.container.as_ref()
    });
    let has_previous = join::log_sources(facts).iter().any(|s| s.previous);
    if restarted && !has_previous && names.pod.is_some() {
        ids.push("previous-logs");
    }
    steps.extend(ids.into_iter().filter_map(kb::gap_text).map(|gap| step(gap, names)));
    steps
}

/// Gap `gap` with `names` filled in.
fn step(gap: &kb::GapText, names: &Names) -> NextStep {
    NextStep { why: kb::fill_text(gap.why, names), command: kb::fill(gap.command, names) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_gap_has_its_words_and_every_text_a_gap() {
        let (_, _, texts) = kb::advice_ids();
        for id in IDS {
            assert!(kb::gap_text(id).is_some(), "no content/gaps/{id}.yaml");
        }
        for id in texts {
            assert!(IDS.contains(&id), "content/gaps/{id}.yaml names no gap");
        }
    }
}
