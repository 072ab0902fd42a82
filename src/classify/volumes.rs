//! A pod that waits for its claim waits on the claim's own failure.
//!
//! The scheduler says only that the pod has unbound PersistentVolumeClaims; when the paste also
//! shows why the claim stays unbound (its volume could not be provisioned: a StorageClass that
//! does not exist, a driver out of space), that is the first link of the chain (`causes.md`:
//! PVC problems are `volume-mount`).

use super::Signal;
use crate::cause::Cause;
use crate::model::Facts;
use crate::text::Paste;

/// The rules that read a claim's volume failing to be provisioned
/// (`content/causes/volume-mount.md`).
const PROVISIONING: &[&str] =
    &["event-provisioning-failed", "text-provisioning-failed", "text-storageclass-not-found"];

/// Rules written for the words of a provisioning failure, which name a cause of their own: the
/// provisioner's helper pod refused at admission (`content/causes/admission-or-quota.md`).
const READ_IN_PROVISIONING: &[&str] = &["text-provisioner-helper-pod-forbidden"];

/// The most a scheduling failure on unbound claims keeps beside the claim's own failure.
const WAITS_ON_THE_CLAIM: f32 = 0.5;

/// Scheduling signals that stand only on the scheduler's "unbound PersistentVolumeClaims" give
/// way when a claim's provisioning failure is in the paste; so do other causes read from the
/// words of the provisioning failure itself (`mkdir /persistentvolumes/x: permission denied` is
/// the provisioner refused on its share, not the container), but for the rules written for
/// those words.
pub fn unbound_claims_give_way_to_provisioning(paste: &Paste, signals: &mut [Signal]) {
    let provisioning: Vec<(f32, Vec<usize>)> = signals
        .iter()
        .filter(|s| PROVISIONING.contains(&s.rule))
        .map(|s| (s.strength, s.lines.clone()))
        .collect();
    let Some(strongest) = provisioning.iter().map(|(s, _)| *s).reduce(f32::max) else {
        return;
    };
    let reported = |no: usize| provisioning.iter().any(|(_, lines)| lines.contains(&no));
    let gives_way =
        |s: &Signal| s.cause != Cause::VolumeMount && !READ_IN_PROVISIONING.contains(&s.rule);
    for signal in signals.iter_mut().filter(|s| gives_way(s)) {
        if signal.stands_only_on(reported) {
            signal.strength = signal.strength.min(strongest - 0.05);
        }
    }
    let unbound = |no: usize| {
        paste.line(no).is_some_and(|l| l.text.contains("unbound immediate PersistentVolumeClaims"))
    };
    for signal in signals.iter_mut().filter(|s| s.cause == Cause::Unschedulable) {
        if signal.stands_only_on(unbound) {
            signal.strength = signal.strength.min(WAITS_ON_THE_CLAIM);
        }
    }
}

/// The rule that reads a Multi-Attach error (`content/causes/volume-mount.md`).
const MULTI_ATTACH: &str = "text-multi-attach";

/// What a Multi-Attach error keeps when the pod that holds the volume is running.
const HELD_BY_A_RUNNING_POD: f32 = 0.6;

/// What the mount failures that follow from such an error keep.
const FOLLOWS_FROM_IT: f32 = 0.3;

/// A Multi-Attach error that names the pod holding the volume (`Volume is already used by
/// pod(s) x`), where the paste shows that pod running: a ReadWriteOnce volume in use by a live
/// pod is the access mode at work, not a fault of the storage. The waiting pod waits on the
/// holder, and why the holder still runs (a retry of a failed attempt, work that overran) is
/// the question; the attach error stays a sign, short of deciding alone, and the mount timeouts
/// that follow from it add nothing of their own.
pub fn held_by_a_running_pod(paste: &Paste, facts: &Facts, signals: &mut [Signal]) {
    let running = |name: &str| {
        facts.pods.iter().any(|p| {
            p.name.as_ref().is_some_and(|n| n.value == name)
                && [&p.phase, &p.status_column].into_iter().flatten().any(|s| s.value == "Running")
        })
    };
    let holder_runs = |no: usize| {
        paste.line(no).is_some_and(|l| {
            l.text.split_once("already used by pod(s) ").is_some_and(|(_, pods)| {
                pods.split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|p| !p.is_empty())
                    .any(|p| running(p.trim_end_matches('.')))
            })
        })
    };
    let held = |s: &Signal| s.rule == MULTI_ATTACH && s.stands_only_on(holder_runs);
    if !signals.iter().any(held) || signals.iter().any(|s| s.rule == MULTI_ATTACH && !held(s)) {
        return;
    }
    for signal in signals.iter_mut().filter(|s| s.cause == Cause::VolumeMount) {
        let most =
            if signal.rule == MULTI_ATTACH { HELD_BY_A_RUNNING_POD } else { FOLLOWS_FROM_IT };
        signal.strength = signal.strength.min(most);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_it_names_are_in_the_content() {
        for id in PROVISIONING.iter().chain(READ_IN_PROVISIONING).chain([&MULTI_ATTACH]) {
            assert!(crate::rules::by_id(id).is_some(), "{id}");
        }
    }
}
