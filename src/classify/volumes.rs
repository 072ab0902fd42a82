//! A pod that waits for its claim waits on the claim's own failure.
//!
//! The scheduler says only that the pod has unbound PersistentVolumeClaims; when the paste also
//! shows why the claim stays unbound (its volume could not be provisioned: a StorageClass that
//! does not exist, a driver out of space), that is the first link of the chain (`causes.md`:
//! PVC problems are `volume-mount`).

use super::Signal;
use crate::cause::Cause;
use crate::text::Paste;

/// The rules that read a claim's volume failing to be provisioned
/// (`content/causes/volume-mount.md`).
const PROVISIONING: &[&str] =
    &["event-provisioning-failed", "text-provisioning-failed", "text-storageclass-not-found"];

/// The most a scheduling failure on unbound claims keeps beside the claim's own failure.
const WAITS_ON_THE_CLAIM: f32 = 0.5;

/// Scheduling signals that stand only on the scheduler's "unbound PersistentVolumeClaims" give
/// way when a claim's provisioning failure is in the paste; so do other causes read from the
/// words of the provisioning failure itself (`mkdir /persistentvolumes/x: permission denied` is
/// the provisioner refused on its share, not the container).
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
    for signal in signals.iter_mut().filter(|s| s.cause != Cause::VolumeMount) {
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
