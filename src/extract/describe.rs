//! Reads `kubectl describe job|pod|cronjob` trees, whole or in fragments, into the model.

use crate::capture::describe::{self, Item, Tree};
use crate::capture::Block;
use crate::model::{Container, ContainerSpec, CronJob, Facts, Job, Located, State, StateKind};
use crate::text::{Command, Paste};

/// The name given to a container whose name the paste cut off.
pub const UNNAMED_CONTAINER: &str = "(unnamed container)";

/// Reads one describe block; `command` is the command it came from, when the paste shows it.
pub fn read(paste: &Paste, block: &Block, command: Option<&Command>, facts: &mut Facts) {
    let tree = describe::tree(paste, block.start, block.end);
    let has = |key: &str| tree.root(key).is_some();
    let cronjob = command.and_then(described_cronjob);
    if has("Schedule") || has("Concurrency Policy") || has("Active Jobs") || cronjob.is_some() {
        read_cronjob(&tree, cronjob, facts);
    } else if has("Pods Statuses") || has("Backoff Limit") || has("Completions") {
        read_job(&tree, facts);
    } else if has("Containers") || has("Init Containers") || has("IP") || has("Node") {
        read_pod(&tree, command.and_then(described_pod), facts);
    } else if tree.items.iter().any(|i| i.key.as_deref() == Some("State")) {
        // A fragment (`describe pod x | sed -n ...`): its pod is the command's, if any.
        read_pod(&tree, command.and_then(described_pod), facts);
    }
}

/// The object of one kind a `kubectl describe KIND NAME` or `kubectl describe KIND/NAME`
/// command names: `kinds` are the words for the kind, `slashed` the prefixes of its `KIND/NAME`
/// form.
fn described(command: &Command, kinds: &[&str], slashed: &[&str]) -> Option<String> {
    match command.positional().as_slice() {
        ["describe", kind, name, ..] if kinds.contains(kind) => Some((*name).to_owned()),
        ["describe", name, ..] => {
            slashed.iter().find_map(|prefix| name.strip_prefix(prefix)).map(str::to_owned)
        }
        _ => None,
    }
}

/// The pod a `kubectl describe pod NAME` command names.
fn described_pod(command: &Command) -> Option<String> {
    described(command, &["pod", "pods", "po"], &["pod/"])
}

/// The CronJob a `kubectl describe cronjob NAME` command names.
fn described_cronjob(command: &Command) -> Option<String> {
    described(
        command,
        &["cronjob", "cronjobs", "cj", "cronjob.batch"],
        &["cronjob/", "cronjob.batch/"],
    )
}

/// The Job a `kubectl describe job NAME` command names.
pub fn described_job(command: &Command) -> Option<String> {
    described(command, &["job", "jobs", "job.batch"], &["job/", "job.batch/"])
}

fn located(item: &Item) -> Located<String> {
    Located::new(item.value.clone(), item.line)
}

fn value_of(tree: &Tree, key: &str) -> Option<Located<String>> {
    tree.root(key).filter(|i| !is_placeholder(&i.value)).map(located)
}

/// `<none>`, `<unset>`, `<unknown>`, `<invalid>` and empty values say nothing.
fn is_placeholder(value: &str) -> bool {
    value.is_empty() || (value.starts_with('<') && value.ends_with('>'))
}

fn read_pod(tree: &Tree, fallback_name: Option<String>, facts: &mut Facts) {
    let name = value_of(tree, "Name").or_else(|| fallback_name.map(|n| Located::new(n, 0)));
    let Some(name) = name else {
        // A fragment of an unnamed pod: still worth its containers.
        read_pod_body(tree, crate::model::UNNAMED_POD, 0, facts);
        return;
    };
    read_pod_body(tree, &name.value, name.line, facts);
}

fn read_pod_body(tree: &Tree, name: &str, line: usize, facts: &mut Facts) {
    let namespace = value_of(tree, "Namespace");
    let controlled_by = value_of(tree, "Controlled By");
    let job = controlled_by
        .as_ref()
        .and_then(|c| c.value.strip_prefix("Job/").map(str::to_owned))
        .or_else(|| label(tree, "job-name"));
    let controller = controlled_by.and_then(|c| c.value.split_once('/').map(|(k, _)| k.to_owned()));
    let pod = facts.pod_mut(name, line);
    pod.namespace = namespace.or(pod.namespace.take());
    pod.phase = value_of(tree, "Status").or(pod.phase.take());
    pod.reason = value_of(tree, "Reason").or(pod.reason.take());
    pod.message = value_of(tree, "Message").or(pod.message.take());
    pod.node = value_of(tree, "Node")
        .map(|n| n.value.split('/').next().unwrap_or_default().to_owned())
        .or(pod.node.take());
    pod.job = job.or(pod.job.take());
    pod.controller = controller.or(pod.controller.take());
    pod.start_time = value_of(tree, "Start Time").or(pod.start_time.take());
    pod.service_account = value_of(tree, "Service Account").or(pod.service_account.take());
    let sections = [("Init Containers", true), ("Containers", false)];
    let mut found = false;
    for (key, init) in sections {
        if let Some(list) = tree.root(key) {
            for item in tree.children(list).filter(|i| i.key.is_some()) {
                read_container(
                    tree,
                    item,
                    pod.container_mut(item.key.as_deref().unwrap_or(""), init),
                );
                found = true;
            }
        }
    }
    if !found {
        // A fragment: containers are the keyed items that hold a State.
        for item in tree.items.iter().filter(|i| tree.child(i, "State").is_some()) {
            read_container(tree, item, pod.container_mut(item.key.as_deref().unwrap_or(""), false));
            found = true;
        }
    }
    if !found && tree.root("State").is_some() {
        // A fragment cut below the container's name (`| grep -A5 State`): its states are roots.
        let container = pod.container_mut(UNNAMED_CONTAINER, false);
        container.state = tree.root("State").and_then(|s| read_state(tree, s));
        container.last_state = tree.root("Last State").and_then(|s| read_state(tree, s));
        container.restart_count = tree.root("Restart Count").and_then(|i| i.value.parse().ok());
    }
}

/// The value of label `key` from `Labels:` (first line or continuation lines).
fn label(tree: &Tree, key: &str) -> Option<String> {
    let labels = tree.root("Labels")?;
    let mut values = std::iter::once(labels.value.as_str())
        .chain(tree.children(labels).map(|i| i.value.as_str()));
    values.find_map(|v| {
        let (k, val) = v.split_once('=')?;
        (k.rsplit('/').next() == Some(key)).then(|| val.to_owned())
    })
}

fn read_container(tree: &Tree, item: &Item, container: &mut Container) {
    let child = |key: &str| tree.child(item, key);
    container.image = child("Image").filter(|i| !i.value.is_empty()).map(located);
    container.state = child("State").and_then(|s| read_state(tree, s));
    container.last_state = child("Last State").and_then(|s| read_state(tree, s));
    container.restart_count = child("Restart Count").and_then(|i| i.value.parse().ok());
    container.memory_limit = child("Limits").and_then(|l| tree.child(l, "memory")).map(located);
    container.argv = argv(tree, item);
}

fn read_state(tree: &Tree, item: &Item) -> Option<State> {
    let kind = match item.value.as_str() {
        "Running" => StateKind::Running,
        "Waiting" => StateKind::Waiting,
        "Terminated" => StateKind::Terminated,
        _ => return None,
    };
    let child = |key: &str| tree.child(item, key).filter(|i| !i.value.is_empty());
    let number =
        |key: &str| child(key).and_then(|i| i.value.parse().ok().map(|n| Located::new(n, i.line)));
    Some(State {
        kind,
        line: item.line,
        reason: child("Reason").map(located),
        message: child("Message").map(located),
        exit_code: number("Exit Code"),
        signal: number("Signal"),
        started: child("Started").map(located),
        finished: child("Finished").map(located),
    })
}

fn read_job(tree: &Tree, facts: &mut Facts) {
    let name = value_of(tree, "Name");
    let line = name.as_ref().map_or(0, |n| n.line);
    let job = facts.job_mut(name.as_ref().map(|n| n.value.as_str()), line);
    job.namespace = value_of(tree, "Namespace").or(job.namespace.take());
    job.backoff_limit = number(tree, "Backoff Limit").or(job.backoff_limit.take());
    job.completions = number(tree, "Completions").or(job.completions.take());
    job.active_deadline = value_of(tree, "Active Deadline Seconds")
        .and_then(|v| v.value.trim_end_matches('s').parse().ok().map(|n| Located::new(n, v.line)))
        .or(job.active_deadline.take());
    job.owner = value_of(tree, "Controlled By").map(|v| v.value).or(job.owner.take());
    job.start_time = value_of(tree, "Start Time").or(job.start_time.take());
    job.completion_time = value_of(tree, "Completed At").or(job.completion_time.take());
    job.no_events = tree.root("Events").filter(|e| e.value == "<none>").map(|e| e.line);
    if let Some(statuses) = tree.root("Pods Statuses") {
        read_pods_statuses(statuses, job);
    }
    if let Some(template) = tree.root("Pod Template") {
        read_template(tree, template, job);
    }
}

fn number<T: std::str::FromStr>(tree: &Tree, key: &str) -> Option<Located<T>> {
    let item = tree.root(key)?;
    item.value.parse().ok().map(|n| Located::new(n, item.line))
}

/// `1 Running / 0 Succeeded / 0 Failed` (before kubectl 1.23) or
/// `0 Active (0 Ready) / 0 Succeeded / 3 Failed`.
fn read_pods_statuses(item: &Item, job: &mut Job) {
    for part in item.value.split('/') {
        let mut words = part.split_whitespace();
        let (Some(count), Some(what)) = (words.next(), words.next()) else { continue };
        let Ok(count) = count.parse() else { continue };
        let value = Some(Located::new(count, item.line));
        match what {
            "Running" | "Active" => job.active = value,
            "Succeeded" => job.succeeded = value,
            "Failed" => job.failed = value,
            _ => {}
        }
    }
}

fn read_template(tree: &Tree, template: &Item, job: &mut Job) {
    let account = tree.child(template, "Service Account").filter(|i| !is_placeholder(&i.value));
    job.service_account = account.map(located).or(job.service_account.take());
    for (key, init) in [("Init Containers", true), ("Containers", false)] {
        let Some(list) = tree.child(template, key) else { continue };
        for item in tree.children(list).filter(|i| i.key.is_some()) {
            let mut spec =
                ContainerSpec { name: item.key.clone(), init, ..ContainerSpec::default() };
            spec.image = tree.child(item, "Image").map(located);
            spec.argv = argv(tree, item);
            spec.memory_limit =
                tree.child(item, "Limits").and_then(|l| tree.child(l, "memory")).map(located);
            job.containers.push(spec);
        }
    }
}

/// The words of `Command:` and `Args:`, in order.
fn argv(tree: &Tree, container: &Item) -> Vec<Located<String>> {
    let mut out = Vec::new();
    for key in ["Command", "Args"] {
        if let Some(words) = tree.child(container, key) {
            out.extend((!words.value.is_empty()).then(|| located(words)));
            out.extend(tree.children(words).map(located));
        }
    }
    out
}

/// Reads a CronJob's describe; `fallback_name` is the command's, for a describe cut before
/// its `Name:` (`describe cronjob x | tail`).
fn read_cronjob(tree: &Tree, fallback_name: Option<String>, facts: &mut Facts) {
    facts.cronjobs.push(CronJob {
        name: value_of(tree, "Name").or_else(|| fallback_name.map(|n| Located::new(n, 0))),
        namespace: value_of(tree, "Namespace"),
        suspend: value_of(tree, "Suspend"),
        starting_deadline: tree.root("Starting Deadline Seconds").map(located),
        concurrency: value_of(tree, "Concurrency Policy"),
        schedule: value_of(tree, "Schedule"),
        last_schedule: value_of(tree, "Last Schedule Time"),
        active: value_of(tree, "Active Jobs")
            .map(|v| {
                let jobs = v.value.split(',').map(str::trim);
                jobs.filter(|j| !j.is_empty() && *j != "<none>").map(str::to_owned).collect()
            })
            .unwrap_or_default(),
        active_count: None,
    });
}
