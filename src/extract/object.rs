//! Reads Kubernetes objects (Job, Pod, CronJob, Event, List) from YAML or JSON trees.
//!
//! Pasted objects are often trimmed (`| tail -12`, `| grep -A12 podFailurePolicy`, "irrelevant
//! fields removed"): a document without `kind` is taken for a Job or a pod when it has their
//! fields, also when the cut left only the inside of `spec` or `status`, and named after the
//! command that printed it.

use crate::model::{
    Condition, Container, ContainerSpec, CronJob, Event, Facts, Located, Pod, PolicyRule, State,
    StateKind, UNNAMED_POD,
};
use crate::text::Command;
use crate::yaml::Node;

/// Reads one document; `command` names the object when the document does not.
pub fn read(doc: &Node, command: Option<&Command>, facts: &mut Facts) {
    let kind = doc.get("kind").and_then(Node::as_str).unwrap_or_default();
    match kind {
        "List" | "JobList" | "PodList" | "EventList" => {
            let items = doc.get("items").map(Node::items).unwrap_or_default();
            items.iter().for_each(|item| read(item, None, facts));
        }
        "Job" => read_job(doc, Parts::of(doc), None, facts),
        "Pod" => read_pod(doc, doc.get("status"), None, facts),
        "CronJob" => read_cronjob(doc, facts),
        "Event" => read_event(doc, facts),
        "" if looks_like_job(doc) => {
            read_job(doc, Parts::of(doc), command.and_then(named_job), facts)
        }
        "" if is_job_spec(doc) && command.and_then(named_job).is_some() => {
            let parts = Parts { spec: Some(doc), status: None };
            read_job(doc, parts, command.and_then(named_job), facts)
        }
        "" if is_job_status(doc) && command.and_then(named_job).is_some() => {
            let parts = Parts { spec: None, status: Some(doc) };
            read_job(doc, parts, command.and_then(named_job), facts)
        }
        "" if looks_like_pod(doc, command) => {
            read_pod(doc, doc.get("status"), command.and_then(named_pod), facts)
        }
        "" if is_pod_status(doc) && command.and_then(named_pod).is_some() => {
            read_pod(doc, Some(doc), command.and_then(named_pod), facts)
        }
        "" if is_container_statuses(doc) => {
            let name = command.and_then(named_pod).unwrap_or_else(|| UNNAMED_POD.to_owned());
            let pod = facts.pod_mut(&name, doc.line);
            read_statuses(pod, doc.items(), false, &[]);
        }
        "" => {
            if let Some(pod_spec) = cut_pod_spec(doc) {
                facts.loose_containers.extend(container_specs(pod_spec));
            }
        }
        _ => {}
    }
}

/// The pod spec of a manifest cut from the middle: the part the user thought relevant, from
/// `containers:` itself or from a level above it (`spec:`, `template:`, `jobTemplate:`).
fn cut_pod_spec(doc: &Node) -> Option<&Node> {
    const PATHS: &[&[&str]] = &[
        &[],
        &["spec"],
        &["template", "spec"],
        &["spec", "template", "spec"],
        &["jobTemplate", "spec", "template", "spec"],
        &["spec", "jobTemplate", "spec", "template", "spec"],
    ];
    PATHS.iter().filter_map(|path| doc.at(path)).find(|spec| {
        ["containers", "initContainers"]
            .iter()
            .any(|k| spec.get(k).is_some_and(|c| !c.items().is_empty()))
    })
}

/// Where a Job document keeps its `spec` and its `status`.
#[derive(Clone, Copy)]
struct Parts<'a> {
    spec: Option<&'a Node>,
    status: Option<&'a Node>,
}

impl<'a> Parts<'a> {
    fn of(doc: &'a Node) -> Parts<'a> {
        Parts { spec: doc.get("spec"), status: doc.get("status") }
    }
}

/// The inside of a Job's `spec`, cut from its YAML: its own settings at the top.
fn is_job_spec(doc: &Node) -> bool {
    ["podFailurePolicy", "backoffLimit", "activeDeadlineSeconds"]
        .iter()
        .any(|k| doc.get(k).is_some())
}

/// The inside of a pod's `status`, cut from its YAML (`-o yaml | tail`): its phase and reason at
/// the top.
fn is_pod_status(doc: &Node) -> bool {
    doc.get("phase").is_some() && (doc.get("reason").is_some() || doc.get("message").is_some())
        || doc.get("containerStatuses").is_some()
}

fn looks_like_job(doc: &Node) -> bool {
    doc.at(&["spec", "backoffLimit"]).is_some()
        || doc.at(&["spec", "activeDeadlineSeconds"]).is_some()
        || doc.get("status").is_some_and(has_job_conditions)
}

/// Whether a status holds a condition only a Job reports (`Complete`, `Failed`).
fn has_job_conditions(status: &Node) -> bool {
    status.get("conditions").is_some_and(|c| {
        c.items().iter().any(|c| {
            matches!(
                c.get("type").and_then(Node::as_str),
                Some("Failed" | "Complete" | "FailureTarget")
            )
        })
    })
}

/// The inside of a Job's `status`, cut from its YAML (`-o yaml | yq .status`): its conditions,
/// or the pods it has yet to count.
fn is_job_status(doc: &Node) -> bool {
    has_job_conditions(doc) || doc.get("uncountedTerminatedPods").is_some()
}

/// A pod's status without its `kind`: container statuses, or the phase or reason of the pod a
/// `kubectl get pod NAME` command names (`-o yaml | tail`).
fn looks_like_pod(doc: &Node, command: Option<&Command>) -> bool {
    doc.at(&["status", "containerStatuses"]).is_some()
        || (command.and_then(named_pod).is_some()
            && (doc.at(&["status", "phase"]).is_some() || doc.at(&["status", "reason"]).is_some()))
}

/// The pod a `kubectl get pod NAME` command names.
pub fn named_pod(command: &Command) -> Option<String> {
    match command.positional().as_slice() {
        ["get", "pod" | "pods" | "po", name, ..] => Some((*name).to_owned()),
        ["get", name, ..] => name.strip_prefix("pod/").map(str::to_owned),
        _ => None,
    }
}

/// The Job a `kubectl get job NAME` command names.
pub fn named_job(command: &Command) -> Option<String> {
    match command.positional().as_slice() {
        ["get", "job" | "jobs" | "job.batch", name, ..] => Some((*name).to_owned()),
        ["get", name, ..] if name.starts_with("job/") => Some(name[4..].to_owned()),
        _ => None,
    }
}

fn text(node: &Node, path: &[&str]) -> Option<Located<String>> {
    let value = node.at(path)?;
    value.as_str().map(|s| Located::new(s.to_owned(), value.line))
}

fn number<T: std::str::FromStr>(node: &Node, path: &[&str]) -> Option<Located<T>> {
    let value = text(node, path)?;
    value.value.parse().ok().map(|n| Located::new(n, value.line))
}

fn read_job(doc: &Node, parts: Parts, fallback_name: Option<String>, facts: &mut Facts) {
    let name = text(doc, &["metadata", "name"]);
    let name_text = name.as_ref().map(|n| n.value.clone()).or(fallback_name);
    let line = name.as_ref().map_or(doc.line, |n| n.line);
    // A trimmed status block of the one Job already seen belongs to it.
    let name_text = name_text.or_else(|| match facts.jobs.as_slice() {
        [only] => only.name.as_ref().map(|n| n.value.clone()),
        _ => None,
    });
    let job = facts.job_mut(name_text.as_deref(), line);
    job.namespace = text(doc, &["metadata", "namespace"]).or(job.namespace.take());
    if let Some(spec) = parts.spec {
        job.backoff_limit = number(spec, &["backoffLimit"]).or(job.backoff_limit.take());
        job.completions = number(spec, &["completions"]).or(job.completions.take());
        job.active_deadline =
            number(spec, &["activeDeadlineSeconds"]).or(job.active_deadline.take());
        if let Some(pod_spec) = spec.at(&["template", "spec"]) {
            job.restart_policy = text(pod_spec, &["restartPolicy"]).or(job.restart_policy.take());
            job.service_account = service_account(pod_spec).or(job.service_account.take());
            job.containers.extend(container_specs(pod_spec));
        }
        let rules = spec.at(&["podFailurePolicy", "rules"]).map(Node::items).unwrap_or_default();
        job.policy.extend(rules.iter().filter_map(read_rule));
    }
    if let Some(status) = parts.status {
        for condition in status.get("conditions").map(Node::items).unwrap_or_default() {
            job.conditions.push(read_condition(condition));
        }
        job.active = number(status, &["active"]).or(job.active.take());
        job.succeeded = number(status, &["succeeded"]).or(job.succeeded.take());
        job.failed = number(status, &["failed"]).or(job.failed.take());
        job.start_time = text(status, &["startTime"]).or(job.start_time.take());
        job.completion_time = text(status, &["completionTime"]).or(job.completion_time.take());
    }
    if let Some(owner) = owner(doc, "CronJob") {
        job.owner = Some(format!("CronJob/{owner}"));
    }
}

/// A pod spec's `serviceAccountName`, or the older `serviceAccount` it replaced.
fn service_account(pod_spec: &Node) -> Option<Located<String>> {
    text(pod_spec, &["serviceAccountName"]).or_else(|| text(pod_spec, &["serviceAccount"]))
}

fn container_specs(spec: &Node) -> Vec<ContainerSpec> {
    let mut out = Vec::new();
    for (key, init) in [("initContainers", true), ("containers", false)] {
        for c in spec.get(key).map(Node::items).unwrap_or_default() {
            let mut argv = Vec::new();
            for key in ["command", "args"] {
                let words = c.get(key).map(Node::items).unwrap_or_default();
                argv.extend(
                    words
                        .iter()
                        .filter_map(|w| w.as_str().map(|s| Located::new(s.to_owned(), w.line))),
                );
            }
            out.push(ContainerSpec {
                name: c.get("name").and_then(Node::as_str).map(str::to_owned),
                image: text(c, &["image"]),
                argv,
                memory_limit: text(c, &["resources", "limits", "memory"]),
                init,
            });
        }
    }
    out
}

pub fn read_condition(node: &Node) -> Condition {
    Condition {
        kind: node.get("type").and_then(Node::as_str).unwrap_or_default().to_owned(),
        status: node.get("status").and_then(Node::as_str).map(str::to_owned),
        reason: text(node, &["reason"]),
        message: text(node, &["message"]),
        // The line that says which condition it is, not the first of its list item.
        line: node.entry("type").map_or(node.line, |e| e.line),
    }
}

fn read_rule(node: &Node) -> Option<PolicyRule> {
    let action = text(node, &["action"])?;
    let on_conditions = node
        .get("onPodConditions")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .filter_map(|c| text(c, &["type"]))
        .collect();
    let on_exit_codes = node.get("onExitCodes").map(|codes| {
        let operator = codes.get("operator").and_then(Node::as_str).unwrap_or("In").to_owned();
        let values = codes.get("values").map(Node::items).unwrap_or_default();
        (operator, values.iter().filter_map(|v| v.as_str()?.parse().ok()).collect())
    });
    Some(PolicyRule { action, on_conditions, on_exit_codes })
}

fn owner(doc: &Node, kind: &str) -> Option<String> {
    let owners = doc.at(&["metadata", "ownerReferences"]).map(Node::items).unwrap_or_default();
    owners
        .iter()
        .find(|o| o.get("kind").and_then(Node::as_str) == Some(kind))
        .and_then(|o| o.get("name").and_then(Node::as_str))
        .map(str::to_owned)
}

/// The kind of the owner reference that is the object's controller (`controller: true`).
fn controller_kind(doc: &Node) -> Option<String> {
    let owners = doc.at(&["metadata", "ownerReferences"]).map(Node::items).unwrap_or_default();
    let controls = |o: &&Node| o.get("controller").and_then(Node::as_str) == Some("true");
    owners
        .iter()
        .find(controls)
        .and_then(|o| o.get("kind").and_then(Node::as_str))
        .map(str::to_owned)
}

/// A pod's `containerStatuses` list on its own (`-o json | jq '.status.containerStatuses'`):
/// each item a container's name and state.
fn is_container_statuses(doc: &Node) -> bool {
    let items = doc.items();
    !items.is_empty() && items.iter().all(|i| i.get("name").is_some() && i.get("state").is_some())
}

fn read_pod(doc: &Node, status: Option<&Node>, fallback_name: Option<String>, facts: &mut Facts) {
    let name = text(doc, &["metadata", "name"]);
    let fallback = fallback_name.unwrap_or_else(|| UNNAMED_POD.to_owned());
    let (name, line) = name.map_or((fallback, doc.line), |n| (n.value, n.line));
    let labels = ["job-name", "batch.kubernetes.io/job-name"];
    let job = owner(doc, "Job").or_else(|| {
        labels.iter().find_map(|l| text(doc, &["metadata", "labels", l])).map(|l| l.value)
    });
    let status_text = |key: &str| status.and_then(|s| text(s, &[key]));
    let pod = facts.pod_mut(&name, line);
    pod.namespace = text(doc, &["metadata", "namespace"]).or(pod.namespace.take());
    pod.phase = status_text("phase").or(pod.phase.take());
    pod.reason = status_text("reason").or(pod.reason.take());
    pod.message = status_text("message").or(pod.message.take());
    pod.node = text(doc, &["spec", "nodeName"]).map(|n| n.value).or(pod.node.take());
    pod.start_time = status_text("startTime").or(pod.start_time.take());
    pod.created = text(doc, &["metadata", "creationTimestamp"]).or(pod.created.take());
    pod.job = job.or(pod.job.take());
    pod.controller = controller_kind(doc).or(pod.controller.take());
    pod.service_account = doc.get("spec").and_then(service_account).or(pod.service_account.take());
    let conditions = status.and_then(|s| s.get("conditions")).map(Node::items).unwrap_or_default();
    if !conditions.is_empty() {
        pod.conditions = conditions.iter().map(read_condition).collect();
    }
    let limits: Vec<ContainerSpec> = doc.get("spec").map(container_specs).unwrap_or_default();
    for (key, init) in [("initContainerStatuses", true), ("containerStatuses", false)] {
        let statuses = status.and_then(|s| s.get(key)).map(Node::items).unwrap_or_default();
        read_statuses(pod, statuses, init, &limits);
    }
}

/// Reads container statuses into `pod`, with the memory limits of the containers' specs.
fn read_statuses(pod: &mut Pod, statuses: &[Node], init: bool, limits: &[ContainerSpec]) {
    for status in statuses {
        let Some(name) = status.get("name").and_then(Node::as_str) else { continue };
        let container: &mut Container = pod.container_mut(name, init);
        container.state = status.get("state").and_then(read_state);
        container.last_state = status.get("lastState").and_then(read_state);
        container.restart_count = number(status, &["restartCount"]).map(|n| n.value);
        container.image = text(status, &["image"]);
        let spec = limits.iter().find(|s| s.name.as_deref() == Some(name));
        container.memory_limit = spec.and_then(|s| s.memory_limit.clone());
    }
}

/// A container state object: `{terminated: {...}}`, `{running: {...}}` or `{waiting: {...}}`.
pub fn read_state(node: &Node) -> Option<State> {
    let (kind, inner) = [
        ("terminated", StateKind::Terminated),
        ("waiting", StateKind::Waiting),
        ("running", StateKind::Running),
    ]
    .into_iter()
    .find_map(|(key, kind)| node.get(key).map(|inner| (kind, inner)))?;
    Some(State {
        kind,
        line: inner.line,
        reason: text(inner, &["reason"]),
        message: text(inner, &["message"]),
        exit_code: number(inner, &["exitCode"]),
        signal: number(inner, &["signal"]),
        started: text(inner, &["startedAt"]),
        finished: text(inner, &["finishedAt"]),
    })
}

fn read_cronjob(doc: &Node, facts: &mut Facts) {
    facts.cronjobs.push(CronJob {
        name: text(doc, &["metadata", "name"]),
        namespace: text(doc, &["metadata", "namespace"]),
        suspend: text(doc, &["spec", "suspend"]),
        starting_deadline: text(doc, &["spec", "startingDeadlineSeconds"]),
        concurrency: text(doc, &["spec", "concurrencyPolicy"]),
        schedule: text(doc, &["spec", "schedule"]),
        last_schedule: text(doc, &["status", "lastScheduleTime"]),
        active: doc
            .at(&["status", "active"])
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .filter_map(|a| a.get("name").and_then(Node::as_str).map(str::to_owned))
            .collect(),
        active_count: None,
    });
}

fn read_event(doc: &Node, facts: &mut Facts) {
    let Some(reason) = text(doc, &["reason"]) else { return };
    let message = text(doc, &["message"]);
    let object = doc.get("involvedObject").map(|o| {
        let kind = o.get("kind").and_then(Node::as_str).unwrap_or_default().to_lowercase();
        let name = o.get("name").and_then(Node::as_str).unwrap_or_default();
        format!("{kind}/{name}")
    });
    facts.events.push(Event {
        line: message.as_ref().map_or(reason.line, |m| m.line),
        kind: text(doc, &["type"]).map(|t| t.value),
        reason: reason.value,
        object,
        message: message.map(|m| m.value).unwrap_or_default(),
        age: None,
    });
}
