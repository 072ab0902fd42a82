//! What a finding's own evidence lines are about: the pod an event row names, the namespace of
//! the scheduler's `NS/POD`, the `-n` and target of the command whose output the lines are,
//! the image a pull message quotes. These win over the names the rest of the paste gives, which
//! may be another Job's (a manifest pasted beside events of a different namespace).

use crate::model::Facts;
use crate::text::{Command, Paste};

use super::jobs::Owners;
use super::{is_image, is_label, is_subdomain, quoted_image, scheduled};

/// The names the evidence lines give, each the first line's that gives one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subject {
    pub job: Option<String>,
    pub pod: Option<String>,
    pub container: Option<String>,
    pub namespace: Option<String>,
    pub image: Option<String>,
}

/// The subject of evidence lines `lines`, with `pod` (a signal's own pod, when it names one)
/// taking the place of what the lines say of the pod.
pub fn of(paste: &Paste, facts: &Facts, lines: &[usize], pod: Option<&str>) -> Subject {
    let mut subject = Subject { pod: pod.map(str::to_owned), ..Subject::default() };
    for &line in lines {
        if let Some(object) =
            facts.events.iter().find(|e| e.line == line).and_then(|e| e.object.as_deref())
        {
            if let Some(name) = object.strip_prefix("pod/") {
                set(&mut subject.pod, name, is_subdomain);
            } else if let Some(name) =
                object.strip_prefix("job/").or_else(|| object.strip_prefix("job.batch/"))
            {
                set(&mut subject.job, name, is_subdomain);
            }
        }
        if let Some(image) = paste.line(line).and_then(|l| quoted_image(&l.text)) {
            set(&mut subject.image, &image, is_image);
        }
        match section(facts, line) {
            Some(Section::Command(command)) => {
                if let Some(namespace) = command.flag(&["-n", "--namespace"]) {
                    set(&mut subject.namespace, namespace, is_label);
                }
                if let Some(job) = job_of_command(command) {
                    set(&mut subject.job, &job, is_subdomain);
                }
                if let Some(pod) = pod_of_command(command) {
                    set(&mut subject.pod, &pod, is_subdomain);
                }
                if logs(command) {
                    if let Some(container) = command.flag(&["-c", "--container"]) {
                        set(&mut subject.container, container, is_label);
                    }
                }
            }
            Some(Section::LogFile(file)) => {
                set(&mut subject.namespace, &file.namespace, is_label);
                set(&mut subject.pod, &file.pod, is_subdomain);
                set(&mut subject.container, &file.container, is_label);
            }
            None => {}
        }
    }
    if let Some(pod) = subject.pod.clone() {
        if subject.job.is_none() {
            subject.job = Owners::new(facts).of(&pod).filter(|j| is_subdomain(j));
        }
        // The pod's own namespace first: the scheduler's `NS/POD`, then what its describe said.
        let assigned = facts
            .events
            .iter()
            .filter_map(|e| scheduled(&e.message))
            .find(|(_, p, _)| *p == pod)
            .map(|(ns, ..)| ns);
        let described = facts
            .pods
            .iter()
            .find(|p| p.name.as_ref().is_some_and(|n| n.value == pod))
            .and_then(|p| p.namespace.as_ref())
            .map(|n| n.value.clone());
        if let Some(namespace) = assigned.or(described).filter(|n| is_label(n)) {
            subject.namespace = Some(namespace);
        }
    }
    if subject.namespace.is_none() {
        let job = subject.job.as_deref();
        let fact = facts.jobs.iter().find(|j| j.name.as_ref().map(|n| n.value.as_str()) == job);
        subject.namespace = fact
            .and_then(|j| j.namespace.as_ref())
            .map(|n| n.value.clone())
            .filter(|n| is_label(n));
    }
    subject
}

fn set(slot: &mut Option<String>, value: &str, valid: fn(&str) -> bool) {
    if slot.is_none() && valid(value) {
        *slot = Some(value.to_owned());
    }
}

/// What printed a line: the command before it, or a kubelet log path, whichever is nearer.
enum Section<'a> {
    Command(&'a Command),
    LogFile(&'a crate::model::LogFile),
}

fn section(facts: &Facts, line: usize) -> Option<Section<'_>> {
    let command = facts.commands.iter().filter(|c| c.line < line).max_by_key(|c| c.line);
    let file = facts.log_files.iter().filter(|f| f.line < line).max_by_key(|f| f.line);
    match (command, file) {
        (Some(c), Some(f)) if f.line > c.line => Some(Section::LogFile(f)),
        (Some(c), _) => Some(Section::Command(&c.value)),
        (None, Some(f)) => Some(Section::LogFile(f)),
        (None, None) => None,
    }
}

fn logs(command: &Command) -> bool {
    let kubectl = matches!(command.program.as_str(), "kubectl" | "k" | "oc");
    kubectl && matches!(command.positional().first(), Some(&"logs" | &"log"))
}

/// The Job a command is about: `kubectl logs job/x`, `kubectl describe job x`, `kubectl get
/// job/x`, `-l job-name=x`.
pub fn job_of_command(command: &Command) -> Option<String> {
    let selector = command.flag(&["-l", "--selector"]).and_then(|s| {
        s.split(',').find_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            (k == "job-name" || k == "batch.kubernetes.io/job-name").then(|| v.to_owned())
        })
    });
    selector.or_else(|| target(command, &["job", "jobs", "job.batch"])).filter(|j| is_subdomain(j))
}

/// The pod a command is about: `kubectl logs x`, `kubectl logs pod/x`, `kubectl describe pod
/// x`.
pub fn pod_of_command(command: &Command) -> Option<String> {
    if logs(command) {
        let target = *command.positional().get(1)?;
        return match target.split_once('/') {
            Some(("pod" | "pods" | "po", name)) => Some(name.to_owned()),
            Some(_) => None,
            None => Some(target.to_owned()),
        };
    }
    target(command, &["pod", "pods", "po"])
}

/// The name of the object of one of `kinds` whose logs `kubectl logs KIND/NAME` reads.
pub fn logs_target(command: &Command, kinds: &[&str]) -> Option<String> {
    logs(command).then(|| target(command, kinds)).flatten()
}

/// The name a `kubectl VERB KIND NAME` or `kubectl VERB KIND/NAME` command gives for one of
/// `kinds`; `kubectl logs` takes only the `KIND/NAME` form.
fn target(command: &Command, kinds: &[&str]) -> Option<String> {
    let kubectl = matches!(command.program.as_str(), "kubectl" | "k" | "oc");
    let words = command.positional();
    let (&verb, rest) = words.split_first().filter(|_| kubectl)?;
    let slashed = rest.iter().find_map(|w| {
        let (kind, name) = w.split_once('/')?;
        kinds.contains(&kind).then(|| name.to_owned())
    });
    let spaced = || match rest {
        [kind, name, ..] if kinds.contains(kind) && !matches!(verb, "logs" | "log") => {
            Some((*name).to_owned())
        }
        _ => None,
    };
    slashed.or_else(spaced)
}
