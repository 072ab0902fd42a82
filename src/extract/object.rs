//! Reads Kubernetes objects (Job, Pod, CronJob, Event, List) from YAML or JSON trees.
//!
//! Pasted objects are often trimmed (`| tail -12`, "irrelevant fields removed"): a document
//! without `kind` is taken for a Job when it has a Job's fields, and named after the command
//! that printed it.

use crate::model::{
    Condition, Container, ContainerSpec, CronJob, Event, Facts, Located, PolicyRule, State,
    StateKind,
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
        "Job" => read_job(doc, None, facts),
        "Pod" => read_pod(doc, facts),
        "CronJob" => read_cronjob(doc, facts),
        "Event" => read_event(doc, facts),
        "" if looks_like_job(doc) => read_job(doc, command.and_then(named_job), facts),
        "" if doc.at(&["status", "containerStatuses"]).is_some() => read_pod(doc, facts),
        _ => {}
    }
}

fn looks_like_job(doc: &Node) -> bool {
    doc.at(&["spec", "backoffLimit"]).is_some()
        || doc.at(&["spec", "activeDeadlineSeconds"]).is_some()
        || doc.at(&["status", "conditions"]).is_some_and(|c| {
            c.items().iter().any(|c| {
                matches!(
                    c.get("type").and_then(Node::as_str),
                    Some("Failed" | "Complete" | "FailureTarget")
                )
            })
        })
}

/// The Job a `kubectl get job NAME` command names.
fn named_job(command: &Command) -> Option<String> {
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

fn read_job(doc: &Node, fallback_name: Option<String>, facts: &mut Facts) {
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
    job.backoff_limit = number(doc, &["spec", "backoffLimit"]).or(job.backoff_limit.take());
    job.completions = number(doc, &["spec", "completions"]).or(job.completions.take());
    job.active_deadline =
        number(doc, &["spec", "activeDeadlineSeconds"]).or(job.active_deadline.take());
    let pod_spec = doc.at(&["spec", "template", "spec"]);
    if let Some(spec) = pod_spec {
        job.restart_policy = text(spec, &["restartPolicy"]).or(job.restart_policy.take());
        job.containers.extend(container_specs(spec));
    }
    for condition in doc.at(&["status", "conditions"]).map(Node::items).unwrap_or_default() {
        job.conditions.push(read_condition(condition));
    }
    job.active = number(doc, &["status", "active"]).or(job.active.take());
    job.succeeded = number(doc, &["status", "succeeded"]).or(job.succeeded.take());
    job.failed = number(doc, &["status", "failed"]).or(job.failed.take());
    job.start_time = text(doc, &["status", "startTime"]).or(job.start_time.take());
    job.completion_time = text(doc, &["status", "completionTime"]).or(job.completion_time.take());
    let rules = doc.at(&["spec", "podFailurePolicy", "rules"]).map(Node::items).unwrap_or_default();
    job.policy.extend(rules.iter().filter_map(read_rule));
    if let Some(owner) = owner(doc, "CronJob") {
        job.owner = Some(format!("CronJob/{owner}"));
    }
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

fn read_condition(node: &Node) -> Condition {
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

fn read_pod(doc: &Node, facts: &mut Facts) {
    let name = text(doc, &["metadata", "name"]);
    let (name, line) = name.map_or(("(unnamed pod)".to_owned(), doc.line), |n| (n.value, n.line));
    let labels = ["job-name", "batch.kubernetes.io/job-name"];
    let job = owner(doc, "Job").or_else(|| {
        labels.iter().find_map(|l| text(doc, &["metadata", "labels", l])).map(|l| l.value)
    });
    let pod = facts.pod_mut(&name, line);
    pod.namespace = text(doc, &["metadata", "namespace"]).or(pod.namespace.take());
    pod.phase = text(doc, &["status", "phase"]).or(pod.phase.take());
    pod.reason = text(doc, &["status", "reason"]).or(pod.reason.take());
    pod.message = text(doc, &["status", "message"]).or(pod.message.take());
    pod.node = text(doc, &["spec", "nodeName"]).map(|n| n.value).or(pod.node.take());
    pod.start_time = text(doc, &["status", "startTime"]).or(pod.start_time.take());
    pod.created = text(doc, &["metadata", "creationTimestamp"]).or(pod.created.take());
    pod.job = job.or(pod.job.take());
    let limits: Vec<ContainerSpec> = doc.get("spec").map(container_specs).unwrap_or_default();
    for (key, init) in [("initContainerStatuses", true), ("containerStatuses", false)] {
        for status in doc.at(&["status", key]).map(Node::items).unwrap_or_default() {
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
