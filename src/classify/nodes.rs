//! A pod on a node that stopped reporting. `kubectl get nodes` shows the node `NotReady`, and
//! the pod's own row (`-o wide`) or describe names that node: the pod did not end by its own
//! failure, the node went away under it (`causes.md`: node loss is `terminated-by-signal`). Its
//! status may still read `Running`, `Error` or `Terminating`: the kubelet that would update it
//! is the one that stopped.

use super::Signal;
use crate::cause::Cause;
use crate::model::Facts;

/// The strength of a pod on a NotReady node: what ended it is plain, why the node went is not.
const ON_A_LOST_NODE: f32 = 0.7;

/// The rule id of [`on_a_node_not_ready`]'s signal.
const RULE: &str = "check-pod-on-node-not-ready";

/// A pod the paste places on a node it also lists `NotReady` (alone or beside
/// `SchedulingDisabled`), unless the pod succeeded.
pub fn on_a_node_not_ready(facts: &Facts) -> Option<Signal> {
    let not_ready = |status: &str| status.split(',').any(|s| s == "NotReady");
    let mut lines = Vec::new();
    for pod in &facts.pods {
        let Some((_, status)) =
            facts.nodes.iter().find(|(n, s)| pod.node.as_ref() == Some(n) && not_ready(&s.value))
        else {
            continue;
        };
        if pod.phase.as_ref().is_some_and(|p| p.value == "Succeeded")
            || pod.status_column.as_ref().is_some_and(|s| s.value == "Completed")
        {
            continue;
        }
        lines.push(status.line);
        lines.extend(pod.status_column.as_ref().map(|s| s.line));
    }
    if lines.is_empty() {
        return None;
    }
    lines.sort_unstable();
    lines.dedup();
    let detail = "the pod's node stopped reporting (NotReady) while the pod was on it";
    Some(Signal::of_check(Cause::TerminatedBySignal, ON_A_LOST_NODE, RULE, lines, Some(detail)))
}
