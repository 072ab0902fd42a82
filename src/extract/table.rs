//! Reads `kubectl get` tables into pods and Jobs, with the header from the command when the
//! paste lost it (`kubectl get pods | grep x`, custom columns).

use crate::capture::table::{self, Row, Table};
use crate::capture::Block;
use crate::model::{CronJob, Facts, Located, State, StateKind, UNNAMED_POD};
use crate::text::{Command, Line, Paste};

/// Reads one table block.
pub fn read(paste: &Paste, block: &Block, command: Option<&Command>, facts: &mut Facts) {
    let lines = &paste.lines[block.start..block.end];
    let Some(first) = lines.first() else { return };
    let (header, body) = if table::is_header(&first.text) {
        let cells = table::cells(&first.text).into_iter();
        let header = cells.map(|c| table::column_name(c).to_owned()).collect();
        (header, &lines[1..])
    } else if let Some(header) = command.and_then(implied_header) {
        (header, lines)
    } else if lines.iter().all(|l| table::pod_row(&l.text).is_some()) {
        read_quoted_pods(lines, command, facts);
        return;
    } else {
        if command.is_some_and(is_job_command) {
            read_headerless_jobs(lines, command, facts);
        }
        return;
    };
    let rows = table::rows(&header, body.iter().map(|l| (l.no, l.text.as_str())));
    let table = Table { header, rows };
    let namespace = command.and_then(|c| c.flag(&["-n", "--namespace"])).map(str::to_owned);
    if table.column("STATE").is_some() && table.header.iter().any(|h| h.contains("IMAGE")) {
        read_container_view(paste, block, &table, facts);
    } else if table.column("SCHEDULE").is_some() {
        read_cronjobs(&table, namespace, facts);
    } else if table.column("READY").is_some() || table.column("RESTARTS").is_some() {
        read_pods(&table, namespace, facts);
    } else if table.column("COMPLETIONS").is_some() || table.column("DESIRED").is_some() {
        read_jobs(&table, namespace, facts);
    } else if table.column("ROLES").is_some() && table.column("VERSION").is_some() {
        read_nodes(&table, facts);
    } else if ["STATUS", "REASON"].iter().any(|c| table.column(c).is_some())
        && is_pod_command(command)
    {
        read_pods(&table, namespace, facts);
    }
}

fn is_pod_command(command: Option<&Command>) -> bool {
    let words = command.map(Command::positional).unwrap_or_default();
    matches!(words.as_slice(), ["get", "pods" | "pod" | "po", ..])
}

/// The header `kubectl get pods` would have printed, from the command's flags.
fn implied_header(command: &Command) -> Option<Vec<String>> {
    if !is_pod_command(Some(command)) {
        return None;
    }
    let output = command.flag(&["-o", "--output"]).unwrap_or_default();
    if let Some(spec) = output.strip_prefix("custom-columns=") {
        return Some(
            spec.split(',').map(|c| c.split(':').next().unwrap_or(c).to_owned()).collect(),
        );
    }
    let mut header = vec!["NAME", "READY", "STATUS", "RESTARTS", "AGE"];
    if output == "wide" {
        header.extend(["IP", "NODE", "NOMINATED NODE", "READINESS GATES"]);
    }
    let all = command.args.iter().any(|a| a == "-A" || a == "--all-namespaces");
    if all {
        header.insert(0, "NAMESPACE");
    }
    Some(header.into_iter().map(str::to_owned).collect())
}

fn read_pods(table: &Table, namespace: Option<String>, facts: &mut Facts) {
    for row in &table.rows {
        let Some(name) = table.cell(row, "NAME") else { continue };
        let Some(name) = resource_name(name, &["pod", "pods"]) else { continue };
        let pod = facts.pod_mut(name, row.line);
        let here = |value: &str| Located::new(value.to_owned(), row.line);
        if let Some(status) = table.cell(row, "STATUS").filter(|s| !s.starts_with('<')) {
            pod.status_column = Some(here(status));
        }
        pod.ready_column = table.cell(row, "READY").map(str::to_owned).or(pod.ready_column.take());
        pod.age_column = table.cell(row, "AGE").map(here).or(pod.age_column.take());
        let restarts = table.cell(row, "RESTARTS").map(str::to_owned);
        pod.restarts_column = restarts.or(pod.restarts_column.take());
        let ns = table.cell(row, "NAMESPACE").map(here).or_else(|| namespace.as_deref().map(here));
        pod.namespace = pod.namespace.take().or(ns);
        if let Some(node) = table.cell(row, "NODE").filter(|n| !n.starts_with('<')) {
            pod.node = Some(node.to_owned());
        }
        if let Some(message) = table.cell(row, "MESSAGE").filter(|m| !m.starts_with('<')) {
            pod.message = Some(here(message));
        }
        // A column of `-o custom-columns=...,REASON:.status.reason`: the pod's own reason.
        if let Some(reason) = table.cell(row, "REASON").filter(|r| !r.starts_with('<')) {
            pod.reason = Some(here(reason));
        }
    }
}

/// Container states as a terminal UI words them (k9s' STATE column), and the state they mean.
const CONTAINER_STATES: &[(&str, StateKind)] = &[
    ("Running", StateKind::Running),
    ("Completed", StateKind::Terminated),
    ("Error", StateKind::Terminated),
    ("OOMKilled", StateKind::Terminated),
    ("Terminated", StateKind::Terminated),
    ("StartError", StateKind::Terminated),
    ("ContainerCannotRun", StateKind::Terminated),
    ("Unknown", StateKind::Terminated),
    ("Waiting", StateKind::Waiting),
    ("PodInitializing", StateKind::Waiting),
    ("ContainerCreating", StateKind::Waiting),
    ("CrashLoopBackOff", StateKind::Waiting),
    ("ImagePullBackOff", StateKind::Waiting),
    ("ErrImagePull", StateKind::Waiting),
    ("CreateContainerConfigError", StateKind::Waiting),
    ("CreateContainerError", StateKind::Waiting),
    ("RunContainerError", StateKind::Waiting),
];

/// A pod's containers as k9s lists them: `NAME  PF  IMAGE  READY  STATE  INIT ...` under a
/// title `Containers(namespace/pod)[n]`. A row's cells do not line up with the header (the PF
/// marker is a cell of its own, RESTARTS and PROBES share one), so the state is the first cell
/// after the name that is a state word, and INIT the cell after it.
fn read_container_view(paste: &Paste, block: &Block, table: &Table, facts: &mut Facts) {
    let title = paste.lines[..block.start].iter().rev().find(|l| !l.text.trim().is_empty());
    let (namespace, pod_name) = title.and_then(|l| view_title(&l.text)).unwrap_or_default();
    let pod_name = if pod_name.is_empty() { UNNAMED_POD.to_owned() } else { pod_name };
    for row in &table.rows {
        let Some(name) = row.cells.first().filter(|n| !n.contains(' ')) else { continue };
        let state_at = row
            .cells
            .iter()
            .skip(1)
            .position(|c| CONTAINER_STATES.iter().any(|(word, _)| word == c));
        let Some(at) = state_at.map(|i| i + 1) else { continue };
        let word = row.cells[at].as_str();
        let kind = CONTAINER_STATES.iter().find(|(w, _)| *w == word).map(|(_, k)| *k);
        let Some(kind) = kind else { continue };
        let init = row.cells.get(at + 1).is_some_and(|c| c == "true");
        let image = row.cells[1..at].iter().find(|c| c.contains('/') || c.contains(':'));
        let pod = facts.pod_mut(&pod_name, 0);
        if pod.namespace.is_none() && !namespace.is_empty() {
            pod.namespace = Some(Located::new(namespace.clone(), 0));
        }
        let container = pod.container_mut(name, init);
        container.image = image.map(|i| Located::new(i.clone(), row.line));
        let reason = (kind != StateKind::Running).then(|| Located::new(word.to_owned(), row.line));
        container.state = Some(State {
            kind,
            line: row.line,
            reason,
            message: None,
            exit_code: None,
            signal: None,
            started: None,
            finished: None,
        });
    }
}

/// `Containers(monitoring/report-1)[3]` to the namespace and the pod.
fn view_title(text: &str) -> Option<(String, String)> {
    let at = text.find("Containers(")? + "Containers(".len();
    let inside = &text[at..];
    let inside = &inside[..inside.find(')')?];
    let (namespace, pod) = inside.split_once('/').unwrap_or(("", inside));
    Some((namespace.to_owned(), pod.to_owned()))
}

/// `kubectl get nodes`: NAME STATUS ROLES AGE VERSION.
fn read_nodes(table: &Table, facts: &mut Facts) {
    for row in &table.rows {
        if let (Some(name), Some(status)) = (table.cell(row, "NAME"), table.cell(row, "STATUS")) {
            let name = name.strip_prefix("node/").unwrap_or(name).to_owned();
            facts.nodes.push((name, Located::new(status.to_owned(), row.line)));
        }
    }
}

fn read_jobs(table: &Table, namespace: Option<String>, facts: &mut Facts) {
    for row in &table.rows {
        let Some(name) = table.cell(row, "NAME") else { continue };
        let Some(name) = resource_name(name, &["job", "job.batch", "jobs"]) else { continue };
        let here = |value: &str| Located::new(value.to_owned(), row.line);
        let ns = table.cell(row, "NAMESPACE").or(namespace.as_deref()).map(here);
        let job = facts.job_mut(Some(name), row.line);
        job.namespace = job.namespace.take().or(ns);
        if let Some(completions) = table.cell(row, "COMPLETIONS") {
            job.completions_column = Some(here(completions));
        }
        // Before kubectl 1.12: DESIRED and SUCCESSFUL instead of COMPLETIONS.
        let old = table.cell(row, "SUCCESSFUL").zip(table.cell(row, "DESIRED"));
        if let Some((done, wanted)) = old.filter(|_| job.completions_column.is_none()) {
            job.completions_column = Some(here(&format!("{done}/{wanted}")));
        }
        if let Some(status) = table.cell(row, "STATUS").filter(|s| !s.starts_with('<')) {
            job.status_column = Some(here(status));
        }
    }
}

/// `kubectl get pods` rows quoted without their header and without the command
/// ([`table::pod_row`]): read under the header kubectl prints, `-o wide` when they have its
/// columns.
fn read_quoted_pods(lines: &[Line], command: Option<&Command>, facts: &mut Facts) {
    let namespace = command.and_then(|c| c.flag(&["-n", "--namespace"])).map(str::to_owned);
    let mut header = vec!["NAME", "READY", "STATUS", "RESTARTS", "AGE"];
    header.extend(["IP", "NODE", "NOMINATED NODE", "READINESS GATES"]);
    let rows = lines
        .iter()
        .filter_map(|l| Some(Row { line: l.no, cells: owned(table::pod_row(&l.text)?) }))
        .collect();
    let header = header.into_iter().map(str::to_owned).collect();
    read_pods(&Table { header, rows }, namespace, facts);
}

fn owned(cells: Vec<&str>) -> Vec<String> {
    cells.into_iter().map(str::to_owned).collect()
}

/// Whether the command lists Jobs: `get jobs`, `get job`, `get cronjob,jobs`.
fn is_job_command(command: &Command) -> bool {
    let words = command.positional();
    let [first, kinds, ..] = words.as_slice() else { return false };
    *first == "get" && kinds.split(',').any(|k| matches!(k, "jobs" | "job" | "job.batch"))
}

/// Rows of `kubectl get jobs` cut from their header by a `grep`: the COMPLETIONS cell (`1/1`) is
/// the second cell, or the third after a STATUS (kubectl 1.28 and later).
fn read_headerless_jobs(lines: &[Line], command: Option<&Command>, facts: &mut Facts) {
    let namespace = command.and_then(|c| c.flag(&["-n", "--namespace"])).map(str::to_owned);
    let is_count = |cell: &str| {
        cell.split_once('/').is_some_and(|(a, b)| {
            [a, b].iter().all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
    };
    for line in lines {
        let cells = table::cells(&line.text);
        let Some(name) =
            cells.first().and_then(|c| resource_name(c, &["job", "job.batch", "jobs"]))
        else {
            continue;
        };
        let at = |i: usize| cells.get(i).copied().filter(|c| is_count(c)).map(|c| (i, c));
        let Some((column, completions)) = at(1).or_else(|| at(2)) else { continue };
        let here = |value: &str| Located::new(value.to_owned(), line.no);
        let job = facts.job_mut(Some(name), line.no);
        job.completions_column = Some(here(completions));
        if column == 2 {
            job.status_column = cells.get(1).map(|s| here(s));
        }
        if job.namespace.is_none() {
            job.namespace = namespace.as_deref().map(here);
        }
    }
}

fn read_cronjobs(table: &Table, namespace: Option<String>, facts: &mut Facts) {
    for row in &table.rows {
        let Some(name) = table.cell(row, "NAME") else { continue };
        let kinds = ["cronjob", "cronjob.batch", "cronjobs", "cj"];
        let Some(name) = resource_name(name, &kinds) else { continue };
        let here = |value: &str| Located::new(value.to_owned(), row.line);
        facts.cronjobs.push(CronJob {
            name: Some(here(name)),
            namespace: table.cell(row, "NAMESPACE").or(namespace.as_deref()).map(here),
            suspend: table.cell(row, "SUSPEND").map(here),
            schedule: table.cell(row, "SCHEDULE").map(here),
            last_schedule: table
                .cell(row, "LAST SCHEDULE")
                .or_else(|| table.cell(row, "LAST-SCHEDULE"))
                .filter(|s| !s.starts_with('<'))
                .map(here),
            active_count: table.cell(row, "ACTIVE").and_then(|n| n.parse().ok()),
            ..CronJob::default()
        });
    }
}

/// `pod/x` to `x` when the prefix is one of `kinds`; a bare name as it is; another kind's
/// row (`service/x` in `kubectl get all`) to `None`.
fn resource_name<'a>(cell: &'a str, kinds: &[&str]) -> Option<&'a str> {
    match cell.split_once('/') {
        Some((kind, name)) => kinds.contains(&kind).then_some(name),
        None => Some(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::capture;

    fn pods(input: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let paste = Paste::new(input);
        let (facts, _) = crate::extract::extract(&paste, &capture(&paste));
        facts
            .pods
            .into_iter()
            .map(|p| {
                let name = p.name.map(|n| n.value).unwrap_or_default();
                (name, p.status_column.map(|s| s.value), p.namespace.map(|n| n.value))
            })
            .collect()
    }

    #[test]
    fn headerless_rows_take_the_command_header() {
        let got = pods("$ kubectl -n kube-system get pods | grep ecr\necr-1   0/1   CrashLoopBackOff   4   2m\n");
        assert_eq!(
            got,
            [("ecr-1".into(), Some("CrashLoopBackOff".into()), Some("kube-system".into()))]
        );
    }

    #[test]
    fn custom_columns_name_the_cells() {
        let got = pods(
            "$ kubectl get pods -A -o custom-columns=NAME:.metadata.name,NAMESPACE:.metadata.namespace,STATUS:.status.reason | grep Evicted\n\
             ceph-tools-1   storage   Evicted\n",
        );
        assert_eq!(got, [("ceph-tools-1".into(), Some("Evicted".into()), Some("storage".into()))]);
    }

    #[test]
    fn get_all_keeps_only_pods_and_jobs() {
        let paste = Paste::new(
            "NAME                  READY   STATUS   RESTARTS      AGE\npod/create-k2v8t   0/1     Error    2 (55s ago)   2m\n\n\
             NAME                 STATUS    COMPLETIONS   DURATION   AGE\njob.batch/create   Running   0/1           2m         2m\n",
        );
        let (facts, _) = crate::extract::extract(&paste, &capture(&paste));
        assert_eq!(facts.pods.len(), 1);
        assert_eq!(facts.jobs.len(), 1);
        assert_eq!(facts.jobs[0].name.as_ref().map(|n| n.value.as_str()), Some("create"));
    }

    #[test]
    fn node_tables_give_each_node_and_its_status() {
        let paste = Paste::new(
            "$ kubectl get nodes\n\
             NAME      STATUS                        ROLES    AGE   VERSION\n\
             worker-1  Ready                         <none>   9d    v1.29.4\n\
             worker-2  NotReady,SchedulingDisabled   <none>   9d    v1.29.4\n\
             \n\
             worker-4  NotReady   not a row of the table\n\
             NAME      READY   STATUS     RESTARTS   AGE\n\
             job-x     0/1     NotReady   0          3m\n",
        );
        let (facts, _) = crate::extract::extract(&paste, &capture(&paste));
        let nodes: Vec<_> = facts
            .nodes
            .iter()
            .map(|(name, status)| (name.as_str(), status.value.as_str(), status.line))
            .collect();
        assert_eq!(
            nodes,
            [("worker-1", "Ready", 3), ("worker-2", "NotReady,SchedulingDisabled", 4)]
        );
        assert_eq!(facts.pods.len(), 1);
    }
}
