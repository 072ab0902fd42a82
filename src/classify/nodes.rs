//! A pod on a node that stopped reporting. `kubectl get nodes` shows the node `NotReady`, and
//! the pod's own row (`-o wide`) or describe names that node: the pod did not end by its own
//! failure, the node went away under it (`causes.md`: node loss is `terminated-by-signal`). Its
//! status may still read `Running`, `Error` or `Terminating`: the kubelet that would update it
//! is the one that stopped.

use super::Signal;
use crate::capture::table;
use crate::cause::Cause;
use crate::model::Facts;
use crate::text::Paste;

/// The strength of a pod on a NotReady node: what ended it is plain, why the node went is not.
const ON_A_LOST_NODE: f32 = 0.7;

/// The rule id of [`on_a_node_not_ready`]'s signal.
const RULE: &str = "check-pod-on-node-not-ready";

/// The nodes a `kubectl get nodes` table of the paste lists as `NotReady` (alone or beside
/// `SchedulingDisabled`), with the line of each row.
fn not_ready_nodes(paste: &Paste) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut columns: Option<(usize, usize)> = None;
    for line in &paste.lines {
        let header = table::is_header(&line.text);
        if !header && columns.is_none() {
            continue;
        }
        let cells = table::cells(&line.text);
        if header {
            // A node table: NAME STATUS ROLES AGE VERSION.
            let at = |name: &str| cells.iter().position(|c| *c == name);
            columns = match (at("NAME"), at("STATUS"), at("ROLES"), at("VERSION")) {
                (Some(name), Some(status), Some(_), Some(_)) => Some((name, status)),
                _ => None,
            };
            continue;
        }
        let Some((name, status)) = columns else { continue };
        match (cells.get(name), cells.get(status)) {
            (Some(node), Some(state)) => {
                if state.split(',').any(|s| s == "NotReady") {
                    out.push(((*node).to_owned(), line.no));
                }
            }
            // The table ends at a line that is not one of its rows.
            _ => columns = None,
        }
    }
    out
}

/// A pod the paste places on a node it also shows `NotReady`, unless the pod succeeded.
pub fn on_a_node_not_ready(paste: &Paste, facts: &Facts) -> Option<Signal> {
    let placed = facts.pods.iter().any(|p| p.node.is_some());
    if !placed || !paste.lines.iter().any(|l| l.text.contains("NotReady")) {
        return None;
    }
    let nodes = not_ready_nodes(paste);
    let mut lines = Vec::new();
    for pod in &facts.pods {
        let Some((_, node_line)) = nodes.iter().find(|(n, _)| pod.node.as_deref() == Some(n))
        else {
            continue;
        };
        if pod.phase.as_ref().is_some_and(|p| p.value == "Succeeded")
            || pod.status_column.as_ref().is_some_and(|s| s.value == "Completed")
        {
            continue;
        }
        lines.push(*node_line);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_tables_give_their_not_ready_rows() {
        let paste = Paste::new(
            "$ kubectl get nodes\n\
             NAME      STATUS                        ROLES    AGE   VERSION\n\
             worker-1  Ready                         <none>   9d    v1.29.4\n\
             worker-2  NotReady,SchedulingDisabled   <none>   9d    v1.29.4\n\
             worker-3  NotReady                      <none>   9d    v1.29.4\n\
             \n\
             worker-4  NotReady   not a row of the table\n\
             NAME      READY   STATUS     RESTARTS   AGE\n\
             job-x     0/1     NotReady   0          3m\n",
        );
        let names: Vec<_> = not_ready_nodes(&paste).into_iter().collect();
        assert_eq!(names, [("worker-2".to_owned(), 4), ("worker-3".to_owned(), 5)]);
    }
}
