//! The lint checks, one function each, over one Job spec. The ids name the texts of
//! `content/lint/`; [`IDS`] lists them so a test can check both sides.

use super::{Found, Seen, Target};
use crate::timeline::DEFAULT_BACKOFF_LIMIT;
use crate::yaml::Node;

/// Every check id; each has a `content/lint/<id>.yaml`.
#[cfg_attr(not(test), allow(dead_code))]
pub const IDS: &[&str] = &[
    "backoff-limit-default",
    "backoff-limit-retries-repeat",
    "no-active-deadline",
    "deadline-on-pod-only",
    "no-ttl",
    "ttl-zero",
    "restart-always",
    "restart-missing",
    "restart-on-failure",
    "policy-needs-never",
    "per-index-needs-indexed",
    "no-memory-limit",
    "image-floating",
    "job-field-misplaced",
    "pod-field-misplaced",
];

/// Fields of the Job spec that people put in the pod template by mistake.
const JOB_FIELDS: &[&str] = &[
    "backoffLimit",
    "backoffLimitPerIndex",
    "completions",
    "completionMode",
    "parallelism",
    "podFailurePolicy",
    "ttlSecondsAfterFinished",
];

/// Fields of the pod spec that people put in the Job spec by mistake.
const POD_FIELDS: &[&str] =
    &["restartPolicy", "containers", "serviceAccountName", "nodeSelector", "volumes"];

/// Runs every check on `target`.
pub fn run(target: &Target<'_>, seen: &Seen) -> Vec<Found> {
    let mut out = Vec::new();
    backoff_limit(target, seen, &mut out);
    deadline(target, &mut out);
    ttl(target, &mut out);
    restart_policy(target, &mut out);
    per_index(target, &mut out);
    containers(target, &mut out);
    misplaced(target, &mut out);
    out
}

fn field(target: &Target<'_>, path: &str) -> String {
    format!("{}.{path}", target.prefix)
}

/// The pod spec of the template, with the line of its `spec:` key.
fn pod_spec<'a>(target: &Target<'a>) -> Option<(&'a Node, usize)> {
    let entry = target.spec.get("template")?.entry("spec")?;
    Some((&entry.value, entry.line))
}

/// `backoffLimit` unset (the default allows 7 pods), or any retries at all for a failure the
/// paste shows repeating exactly.
fn backoff_limit(target: &Target<'_>, seen: &Seen, out: &mut Vec<Found>) {
    if target.spec.get("backoffLimitPerIndex").is_some() {
        return;
    }
    let entry = target.spec.entry("backoffLimit");
    let value = entry.and_then(|e| e.value.as_str()).and_then(|v| v.parse::<u32>().ok());
    let limit = value.unwrap_or(DEFAULT_BACKOFF_LIMIT);
    let line = entry.map_or(target.spec_line, |e| e.line);
    if let Some((count, outcome)) = seen.repeated.as_ref().filter(|_| limit >= 2) {
        let found = Found::new("backoff-limit-retries-repeat", line, field(target, "backoffLimit"))
            .with("value", limit.to_string())
            .with("attempts", count.to_string())
            .with("outcome", outcome.clone());
        out.push(found);
    } else if entry.is_none() && !target.live && target.complete {
        let found = Found::new("backoff-limit-default", line, field(target, "backoffLimit"))
            .with("value", limit.to_string())
            .with("attempts", limit.saturating_add(1).to_string());
        out.push(found);
    }
}

/// No `activeDeadlineSeconds` on the Job, or only on the pod template.
fn deadline(target: &Target<'_>, out: &mut Vec<Found>) {
    if target.spec.get("activeDeadlineSeconds").is_some() || !target.complete {
        return;
    }
    let on_pod = pod_spec(target).and_then(|(spec, _)| spec.entry("activeDeadlineSeconds"));
    match on_pod {
        Some(entry) => {
            let value = entry.value.as_str().unwrap_or_default();
            let path = "template.spec.activeDeadlineSeconds";
            out.push(
                Found::new("deadline-on-pod-only", entry.line, field(target, path))
                    .with("value", value),
            );
        }
        None => out.push(Found::new(
            "no-active-deadline",
            target.spec_line,
            field(target, "activeDeadlineSeconds"),
        )),
    }
}

/// No `ttlSecondsAfterFinished` on a Job no CronJob cleans up, or `0`.
fn ttl(target: &Target<'_>, out: &mut Vec<Found>) {
    let path = field(target, "ttlSecondsAfterFinished");
    match target.spec.entry("ttlSecondsAfterFinished") {
        Some(entry) if entry.value.as_str() == Some("0") => {
            out.push(Found::new("ttl-zero", entry.line, path).with("value", "0"));
        }
        Some(_) => {}
        None if !target.scheduled && target.complete => {
            out.push(Found::new("no-ttl", target.spec_line, path))
        }
        None => {}
    }
}

/// `restartPolicy` `Always` or missing (rejected for a Job), `OnFailure` (the failed runs'
/// logs go with the pod), and a `podFailurePolicy` without `Never` (rejected).
fn restart_policy(target: &Target<'_>, out: &mut Vec<Found>) {
    let Some((spec, spec_line)) = pod_spec(target) else { return };
    let path = field(target, "template.spec.restartPolicy");
    let entry = spec.entry("restartPolicy");
    let value = entry.and_then(|e| e.value.as_str());
    match (entry, value) {
        (Some(e), Some("Always")) => {
            out.push(Found::new("restart-always", e.line, path).with("value", "Always"));
        }
        (Some(e), Some("OnFailure")) => {
            out.push(Found::new("restart-on-failure", e.line, path).with("value", "OnFailure"));
        }
        (None, _) if !target.live && target.complete => {
            out.push(Found::new("restart-missing", spec_line, path))
        }
        _ => {}
    }
    if let Some(policy) = target.spec.entry("podFailurePolicy") {
        if value != Some("Never") && (value.is_some() || target.complete) {
            let shown = value.unwrap_or("unset, so Always");
            let found =
                Found::new("policy-needs-never", policy.line, field(target, "podFailurePolicy"))
                    .with("policy", shown);
            out.push(found);
        }
    }
}

/// `backoffLimitPerIndex` on a Job that is not `Indexed`.
fn per_index(target: &Target<'_>, out: &mut Vec<Found>) {
    let Some(entry) = target.spec.entry("backoffLimitPerIndex") else { return };
    let mode = target.spec.get("completionMode").and_then(Node::as_str);
    if mode != Some("Indexed") {
        let found = Found::new(
            "per-index-needs-indexed",
            entry.line,
            field(target, "backoffLimitPerIndex"),
        )
        .with("value", mode.unwrap_or("NonIndexed"));
        out.push(found);
    }
}

/// Containers without a memory limit, and images without a fixed tag.
fn containers(target: &Target<'_>, out: &mut Vec<Found>) {
    let Some((spec, _)) = pod_spec(target) else { return };
    for key in ["initContainers", "containers"] {
        for (index, container) in
            spec.get(key).map(Node::items).unwrap_or_default().iter().enumerate()
        {
            let name = container.get("name").and_then(Node::as_str).unwrap_or("(unnamed)");
            let line = container.entry("name").map_or(container.line, |e| e.line);
            let at = format!("template.spec.{key}[{index}]");
            if container.at(&["resources", "limits", "memory"]).is_none() && target.complete {
                let path = field(target, &format!("{at}.resources.limits.memory"));
                out.push(Found::new("no-memory-limit", line, path).with("container", name));
            }
            let image = container.entry("image");
            let text = image.and_then(|e| e.value.as_str()).unwrap_or_default();
            if let (Some(entry), Some(why)) = (image, floating(text)) {
                let path = field(target, &format!("{at}.image"));
                let found = Found::new("image-floating", entry.line, path)
                    .with("container", name)
                    .with("image", text)
                    .with("value", why);
                out.push(found);
            }
        }
    }
}

/// Why `image` may change between attempts: `latest` or no tag; `None` when it is pinned by
/// a tag or digest, or is a template the paste did not render.
fn floating(image: &str) -> Option<&'static str> {
    if image.is_empty() || image.contains('@') || image.contains(['{', '$', ' ']) {
        return None;
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.split_once(':') {
        Some((_, "latest")) => Some("the latest tag"),
        Some(_) => None,
        None => Some("no tag, which means latest"),
    }
}

/// Job fields inside the pod template, and pod fields in the Job spec.
fn misplaced(target: &Target<'_>, out: &mut Vec<Found>) {
    let template = target.spec.get("template");
    let places = [("template", template), ("template.spec", pod_spec(target).map(|(s, _)| s))];
    for (place, node) in places {
        for entry in node.map(Node::entries).unwrap_or_default() {
            if JOB_FIELDS.contains(&entry.key.as_str()) {
                let path = field(target, &format!("{place}.{}", entry.key));
                out.push(
                    Found::new("job-field-misplaced", entry.line, path).with("value", &entry.key),
                );
            }
        }
    }
    for entry in target.spec.entries() {
        if POD_FIELDS.contains(&entry.key.as_str()) {
            let path = field(target, &entry.key);
            out.push(Found::new("pod-field-misplaced", entry.line, path).with("value", &entry.key));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floating_images() {
        assert_eq!(floating("busybox"), Some("no tag, which means latest"));
        assert_eq!(floating("nginx:latest"), Some("the latest tag"));
        assert_eq!(floating("registry:5000/team/app"), Some("no tag, which means latest"));
        assert_eq!(floating("registry:5000/team/app:1.2"), None);
        assert_eq!(floating("app@sha256:abc"), None);
        assert_eq!(floating("{{ .Values.image }}"), None);
    }
}
