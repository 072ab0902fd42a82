//! Pods of other workloads pasted beside the Job's. A paste about a failed Job often lists the
//! whole namespace: the Deployment next door in `CreateContainerConfigError`, a database pod
//! restarting, the pod that preempted the Job's waiting for room. When the paste holds failures
//! of the Job's own pods and failures only of other pods (a ReplicaSet's,
//! `<deployment>-<pod-template-hash>-<suffix>`, or, when the paste names the Jobs, pods that are
//! none of theirs), the former are the Job's story and the latter weigh less: they may be a
//! consequence, or unrelated.

use super::Signal;
use crate::cause::Cause;
use crate::model::{Facts, Pod};
use crate::names::jobs::Owners;
use crate::names::subject::{logs_target, pod_of_command};
use crate::text::Paste;

/// What a signal found only on other workloads' pods keeps of its strength.
const ELSEWHERE: f32 = 0.6;

/// What a signal found only on other workloads' pods keeps at most when the Job's own pods failed
/// and the paste does not say why: a hint, below what decides (the answer is then `unknown`).
const BESIDE_AN_UNEXPLAINED_FAILURE: f32 = 0.35;

/// What a signal found only on other workloads' pods keeps at most when the Job's own pods only
/// failed to reach a service: below the unmistakable.
const PERHAPS_CALLED: f32 = 0.75;

/// Whether a pod name is a ReplicaSet's: it ends in `-<hash>-<suffix>`, the hash 6 to 10
/// letters and digits with both in it (`6d9f7c8b5d`), the suffix 5 (`2m4xk`). Before 1.8 the
/// hash was a number of 9 or 10 digits (`3385195378`). A CronJob's Job pods end in
/// `-<minutes>-<suffix>` (8 digits), or, before 1.8, the scheduled time in seconds, a multiple of
/// 60, and stay the Job's.
pub fn is_replicaset_pod(name: &str) -> bool {
    let mut parts = name.rsplit('-');
    let (Some(suffix), Some(hash), Some(_)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let plain = |s: &str| s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let mixed =
        hash.bytes().any(|b| b.is_ascii_digit()) && hash.bytes().any(|b| b.is_ascii_lowercase());
    let numbered = (9..=10).contains(&hash.len()) && hash.parse::<u64>().is_ok_and(|n| n % 60 != 0);
    suffix.len() == 5
        && plain(suffix)
        && (6..=10).contains(&hash.len())
        && plain(hash)
        && (mixed || numbered)
}

/// Kinds that run pods for ever, beside a Job: a pod they control is another workload's.
const SERVING_KINDS: &[&str] = &["ReplicaSet", "StatefulSet", "DaemonSet", "ReplicationController"];

/// Whether the paste shows `pod` controlled by a kind that runs pods for ever
/// ([`SERVING_KINDS`]); `None` when it shows no controller.
pub fn serving_controller(pod: &Pod) -> Option<bool> {
    pod.controller.as_deref().map(|kind| SERVING_KINDS.contains(&kind))
}

/// Whether the pod named `name` is another workload's by its controller, when the paste shows
/// it (`Controlled By:`, an owner reference), else by its name: a batch operator's pods
/// (`MPIJob/x`, `PyTorchJob/x`) end in an ordinal like a StatefulSet's.
pub fn of_a_serving_workload(facts: &Facts, name: &str) -> bool {
    let pod = facts.pods.iter().find(|p| p.name.as_ref().is_some_and(|n| n.value == name));
    pod.and_then(serving_controller)
        .unwrap_or_else(|| is_replicaset_pod(name) || is_statefulset_pod(name))
}

/// Whether a pod name is a StatefulSet's: `<set>-<ordinal>`, the ordinal a number of at most
/// four digits. A Job's pods always end in a random suffix of five letters and digits.
pub fn is_statefulset_pod(name: &str) -> bool {
    name.rsplit_once('-').is_some_and(|(set, ordinal)| {
        !set.is_empty()
            && (1..=4).contains(&ordinal.len())
            && ordinal.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The pods each line of the paste is about, as far as the paste says: a pod's own lines, the
/// output of a command that names one pod (`describe pod x`, `logs x`), an event's object.
fn owners(paste: &Paste, facts: &Facts) -> Vec<Option<String>> {
    let mut owner: Vec<Option<String>> = vec![None; paste.lines.len() + 1];
    let mut set = |line: usize, pod: &str| {
        if let Some(slot) = owner.get_mut(line) {
            *slot = Some(pod.to_owned());
        }
    };
    let mut starts: Vec<usize> = facts.commands.iter().map(|c| c.line).collect();
    starts.sort_unstable();
    for command in &facts.commands {
        let end =
            starts.iter().copied().find(|&s| s > command.line).unwrap_or(paste.lines.len() + 1);
        // A pod picked by a selector (`describe pod -l app=x`) is named by its own events; one
        // of a Job's, by `kubectl logs job/x`, by kubectl's note of the pod it chose, or stands
        // for any pod of that Job (a name only the Job's own extends).
        let Some(pod) = pod_of_command(&command.value)
            .or_else(|| assigned_pod(paste, command.line + 1..end))
            .or_else(|| {
                let chosen =
                    facts.chosen_pods.iter().find(|(l, _)| (command.line + 1..end).contains(l));
                chosen.map(|(_, pod)| pod.clone()).or_else(|| {
                    let job = logs_target(&command.value, &["job", "jobs", "job.batch"]);
                    job.map(|job| format!("{job}-{ANY_POD}"))
                })
            })
        else {
            continue;
        };
        for line in command.line + 1..end {
            set(line, &pod);
        }
    }
    for pod in &facts.pods {
        let Some(name) = pod.name.as_ref() else { continue };
        let lines =
            pod.status_column.iter().map(|s| s.line).chain(pod.reason.iter().map(|r| r.line));
        for line in lines {
            set(line, &name.value);
        }
    }
    for event in &facts.events {
        if let Some(pod) = event.object.as_deref().and_then(|o| o.strip_prefix("pod/")) {
            set(event.line, pod);
        }
    }
    owner
}

/// What stands for the pod of a Job's logs when the paste does not say which it was.
const ANY_POD: &str = "(any pod)";

/// The one pod the scheduler's `Scheduled` events in `lines` name (`Successfully assigned
/// NAMESPACE/POD to NODE`, `pkg/scheduler/schedule_one.go`); `None` when they name none or
/// several.
fn assigned_pod(paste: &Paste, lines: std::ops::Range<usize>) -> Option<String> {
    let mut named: Option<&str> = None;
    for line in lines.filter_map(|no| paste.line(no)) {
        let Some((_, rest)) = line.text.split_once("Successfully assigned ") else { continue };
        let target = rest.split_whitespace().next()?;
        let pod = target.rsplit_once('/').map_or(target, |(_, pod)| pod);
        match named {
            Some(earlier) if earlier != pod => return None,
            _ => named = Some(pod),
        }
    }
    named.map(str::to_owned)
}

/// Lower-case marks of a host name that did not resolve, as resolvers and tools word it.
const UNRESOLVED_MARKS: &[&str] = &[
    "no such host",
    "bad address",
    "name resolution",
    "name or service not known",
    "could not resolve",
    "nodename nor servname",
    "getaddrinfo",
    "unknown host",
];

/// Lower-case marks of a request to the Kubernetes API server: its resource paths, its
/// in-cluster name and its usual port.
/// (`/api/v1/` alone is also the path of many a program's own API.)
const API_SERVER_MARKS: &[&str] = &[
    "/api/v1/namespaces",
    "/api/v1/nodes",
    "/api/v1/pods",
    "/apis/",
    "kubernetes.default",
    ":6443",
    ":443/api",
];

/// Weakens the signals found only on other workloads' pods, when a pod of the Job itself shows
/// a failure other than a service it could not reach.
pub fn demote_other_workloads(paste: &Paste, facts: &Facts, signals: &mut [Signal]) {
    let owner = owners(paste, facts);
    let pods_of = |s: &Signal| -> Vec<String> {
        let mut pods: Vec<String> = s.pod.iter().cloned().collect();
        pods.extend(s.lines.iter().filter_map(|&l| owner.get(l).cloned().flatten()));
        pods
    };
    let jobs: Vec<&str> =
        facts.jobs.iter().filter_map(|j| j.name.as_ref()).map(|n| n.value.as_str()).collect();
    let owners = Owners::new(facts);
    // Another workload's pod: a ReplicaSet's, or, when the paste names its Jobs, one that is
    // none of theirs (the pod that preempted the Job's, say).
    let other = |pod: &str| {
        of_a_serving_workload(facts, pod)
            || (!jobs.is_empty() && owners.of(pod).is_none_or(|o| !jobs.contains(&o.as_str())))
    };
    let elsewhere = |s: &Signal| {
        let pods = pods_of(s);
        !pods.is_empty() && pods.iter().all(|p| other(p))
    };
    unlisted_pods_are_not_certain(facts, signals, &pods_of);
    let own: Vec<&Signal> = signals
        .iter()
        .filter(|s| s.strength >= 0.5 && pods_of(s).iter().any(|p| !other(p)))
        .collect();
    if own.is_empty() {
        // The Job's own pods failed and the paste does not say why: what befell another
        // workload's pod itself (evicted, killed, never scheduled or pulled) is no answer for
        // them either. What another pod logged may be: a server turning the Job away. A paste
        // that shows no Job at all (a DaemonSet's pods beside a Deployment's) has no own pods.
        let shows_a_job = !jobs.is_empty() || facts.pods.iter().any(|p| p.job.is_some());
        if shows_a_job && own_pods_failed(facts, &other) {
            let befell = |s: &Signal| BEFALLS_A_POD.contains(&s.cause);
            for signal in signals.iter_mut().filter(|s| elsewhere(s) && befell(s)) {
                signal.strength = signal.strength.min(BESIDE_AN_UNEXPLAINED_FAILURE);
            }
        }
        return;
    }
    // A Job that only failed to reach a service, beside other workloads failing, may be
    // calling one of them: their failure is then the first link, and keeps its weight, short of
    // certain, since the paste does not say which service the Job called.
    // The Kubernetes API server is no workload of the paste's: a Job that could not reach it
    // called none of them.
    // Nor did a name that does not resolve: a Service's name resolves whether or not its pods
    // run, so the other workloads' failures do not explain it.
    let marked = |s: &Signal, marks: &[&str]| {
        s.every_line(paste, |line| {
            let text = line.text.to_ascii_lowercase();
            marks.iter().any(|m| text.contains(m))
        })
    };
    let unreachable = own.iter().all(|s| {
        matches!(s.cause, Cause::NetworkOrDns | Cause::TransientDependency)
            && !marked(s, API_SERVER_MARKS)
            && !marked(s, UNRESOLVED_MARKS)
    });
    // The service the Job called, where its address names one (`http://lakefs.data.svc:80`):
    // a workload whose pods are named after it is the one that turned the Job away, or answered
    // it with a server error, and how that workload failed (killed by its liveness probe,
    // OOMKilled, its own logged error) is the first link.
    let own_best = own.iter().map(|s| s.strength).fold(0.0, f32::max);
    let any_elsewhere = signals.iter().any(&elsewhere);
    let called: Vec<String> = if !any_elsewhere {
        Vec::new()
    } else if unreachable {
        own.iter()
            .flat_map(|s| s.lines.iter().filter_map(|&no| paste.line(no)))
            .filter_map(|l| called_host(&l.text))
            .collect()
    } else {
        let own_line =
            |no: usize| owner.get(no).and_then(|o| o.as_deref()).is_some_and(|p| !other(p));
        paste
            .lines
            .iter()
            .filter(|l| own_line(l.no) && answered_a_server_error(&l.text))
            .filter_map(|l| called_host(&l.text))
            .collect()
    };
    let calling = unreachable || !called.is_empty();
    let of_the_called = |s: &Signal| {
        pods_of(s).iter().any(|p| {
            called.iter().any(|h| p.strip_prefix(h.as_str()).is_some_and(|r| r.starts_with('-')))
        })
    };
    // Where the address names the service, another workload is not the one called.
    for signal in signals.iter_mut().filter(|s| elsewhere(s)) {
        let called_it = of_the_called(signal);
        signal.strength = if !calling || (!called.is_empty() && !called_it) {
            signal.strength * ELSEWHERE
        } else if called_it {
            signal.strength.max(own_best + CALLED_MARGIN).min(PERHAPS_CALLED)
        } else {
            signal.strength.min(PERHAPS_CALLED)
        };
    }
}

/// Lower-case marks of an HTTP server error a program reports of a call (`500 Server Error`,
/// `HTTP 502`, `status code 503`).
const SERVER_ERRORS: &[&str] = &[
    "500 server error",
    "internal server error",
    "http 500",
    "http 502",
    "http 503",
    "status code 500",
    "status code 502",
    "status code 503",
    "502 bad gateway",
    "503 service unavailable",
];

/// Whether a line reports an HTTP server error answered to a call.
fn answered_a_server_error(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    SERVER_ERRORS.iter().any(|m| lower.contains(m))
}

/// How far the failure of the service a Job called stands above the Job's own refusal.
const CALLED_MARGIN: f32 = 0.05;

/// The first label of the host a line calls, by name (`lakefs` of
/// `Post "http://lakefs.data.svc.cluster.local:80/api"`, of `dial tcp lakefs:80`), in lower
/// case; none for an address, `localhost` or the API server.
fn called_host(text: &str) -> Option<String> {
    let after = |mark: &str| text.split_once(mark).map(|(_, rest)| rest);
    let rest = after("://").or_else(|| after("dial tcp "))?;
    let host = rest.split([':', '/', '"', ' ', '\'']).next()?;
    let label = host.split('.').next()?.to_ascii_lowercase();
    let address = label.bytes().all(|b| b.is_ascii_digit());
    let named = !label.is_empty() && !address && label != "localhost" && label != "kubernetes";
    named.then_some(label)
}

/// Lower-case stems of the pods that add nodes for pods that wait (the Cluster Autoscaler,
/// Karpenter's controller).
const NODE_PROVISIONERS: &[&str] = &["cluster-autoscaler", "karpenter"];

/// Lower-case marks of a pod that waits for room no node has: the scheduler's `Insufficient
/// memory`, `Too many pods`.
const WAITS_FOR_ROOM: &[&str] = &["insufficient ", "too many pods"];

/// How sure the node provisioner's own failure is as the reason pods wait, and what the wait
/// keeps: it is how the failure shows, not why.
const PROVISIONER_FAILED: f32 = 0.7;
const WAIT_FOR_A_NODE: f32 = 0.6;

/// Pods that wait for room no node has, beside the node provisioner (the Cluster Autoscaler,
/// Karpenter) failing with an error of its own: the node that would have made room was never
/// added, and the provisioner's failure is the first link. It outranks the wait, which
/// [`demote_other_workloads`] would otherwise leave on top.
pub fn provisioner_failure_explains_the_wait(paste: &Paste, facts: &Facts, signals: &mut [Signal]) {
    let waits = |s: &Signal| {
        s.cause == Cause::Unschedulable
            && s.lines.iter().any(|&no| {
                paste.line(no).is_some_and(|l| {
                    let lower = l.text.to_lowercase();
                    WAITS_FOR_ROOM.iter().any(|m| lower.contains(m))
                })
            })
    };
    if !signals.iter().any(waits) {
        return;
    }
    let owner = owners(paste, facts);
    let provisioner = |pod: &str| NODE_PROVISIONERS.iter().any(|p| pod.starts_with(p));
    let of_the_provisioner = |s: &Signal| {
        let mut pods = s
            .pod
            .iter()
            .cloned()
            .chain(s.lines.iter().filter_map(|&l| owner.get(l).cloned().flatten()));
        let first = pods.next();
        first.as_deref().is_some_and(provisioner) && pods.all(|p| provisioner(&p))
    };
    let telling = |s: &Signal| {
        s.cause != Cause::Unschedulable && s.cause != Cause::AppError && of_the_provisioner(s)
    };
    if !signals.iter().any(telling) {
        return;
    }
    for signal in signals.iter_mut() {
        if telling(signal) {
            signal.strength = signal.strength.max(PROVISIONER_FAILED);
            signal.detail = Some(
                "the node provisioner that would add a node for the waiting pods fails on its own"
                    .to_owned(),
            );
        } else if signal.cause == Cause::Unschedulable {
            signal.strength = signal.strength.min(WAIT_FOR_A_NODE);
        }
    }
}

/// What a failure that stands only on another Job's lines keeps, when the paste shows the pods
/// of a Job of its own failing.
const ANOTHER_JOBS: f32 = 0.5;

/// A paste about one Job's failed pods (`kube-job-cleaner-...  Error`, their logs; not a
/// ReplicaSet's or a StatefulSet's, which may be the service the other Job waits for) that also
/// shows another Job's trouble (`describe job weekly-export`: `FailedCreate ... exceeded
/// quota`): what stands only on the other Job's lines is that Job's story. It may be related
/// (the failing program may read that Job), but it is not why these pods failed: it stays below
/// what decides. The other Job's lines are the output of a command about it (`describe job X`,
/// `get job X`) and the events whose object it is.
pub fn another_jobs_failure_gives_way(facts: &Facts, signals: &mut [Signal]) {
    let owners = Owners::new(facts);
    // A pod listed as `Pending` has not failed yet: it waits.
    let failed = |p: &Pod| {
        crate::names::failing(p) && p.status_column.as_ref().is_none_or(|s| s.value != "Pending")
    };
    let failed_jobs: Vec<String> = facts
        .pods
        .iter()
        .filter(|p| failed(p))
        .filter(|p| p.name.as_ref().is_some_and(|n| !of_a_serving_workload(facts, &n.value)))
        .filter_map(|p| owners.of(&p.name.as_ref()?.value).or_else(|| crate::timeline::group(p)))
        .collect();
    if failed_jobs.is_empty() {
        return;
    }
    // The Job each line is about, where a command's output (up to the next command) or an
    // event's object says.
    let mut starts: Vec<usize> = facts.commands.iter().map(|c| c.line).collect();
    starts.sort_unstable();
    let outputs: Vec<(std::ops::Range<usize>, String)> = facts
        .commands
        .iter()
        .filter_map(|c| {
            let job = crate::names::subject::job_of_command(&c.value)?;
            let end = starts.iter().copied().find(|&s| s > c.line).unwrap_or(usize::MAX);
            Some((c.line + 1..end, job))
        })
        .collect();
    // A pod's Job: its owner where the paste says, else the Job its name extends; none for a
    // long-running workload's pod, which may be the service the failing Job waits for.
    let job_of_pod = |name: &str| {
        let pod = facts.pod(name);
        let job = owners.of(name).or_else(|| pod.and_then(crate::timeline::group));
        job.filter(|_| !of_a_serving_workload(facts, name))
    };
    let events: Vec<(usize, String)> = facts
        .events
        .iter()
        .filter_map(|e| {
            let object = e.object.as_deref()?;
            let job = match crate::names::jobs::job_object(object) {
                Some(job) => job.to_owned(),
                None => job_of_pod(object.strip_prefix("pod/")?)?,
            };
            Some((e.line, job))
        })
        .collect();
    let job_of = |no: usize| {
        let event = events.iter().find(|(line, _)| *line == no).map(|(_, job)| job.as_str());
        event.or_else(|| outputs.iter().find(|(r, _)| r.contains(&no)).map(|(_, j)| j.as_str()))
    };
    let other = |job: &str| !failed_jobs.iter().any(|f| f == job);
    let elsewhere = |no: usize| job_of(no).is_some_and(other);
    // A pod of another Job that has not failed (one still waiting for a node) is that Job's.
    let other_jobs_pod = |name: &str| {
        facts.pod(name).is_some_and(|p| !failed(p))
            && job_of_pod(name).is_some_and(|job| other(&job))
    };
    for signal in signals.iter_mut() {
        let theirs = match signal.pod.as_deref() {
            Some(pod) => other_jobs_pod(pod) && signal.stands_only_on(elsewhere),
            None => signal.stands_only_on(elsewhere),
        };
        if theirs {
            signal.strength = signal.strength.min(ANOTHER_JOBS);
        }
    }
}

/// Causes that befall a pod itself, not a Job that calls it.
const BEFALLS_A_POD: &[Cause] = &[
    Cause::Evicted,
    Cause::OomKilled,
    Cause::Unschedulable,
    Cause::BadImage,
    Cause::ImagePullAuth,
    Cause::ExecFormat,
    Cause::VolumeMount,
    Cause::MissingSecretOrConfigMap,
];

/// Whether a pod of the Job's own (one `other` does not claim) is listed as failed: STATUS
/// `Error` or a back-off, or phase `Failed`.
fn own_pods_failed(facts: &Facts, other: &dyn Fn(&str) -> bool) -> bool {
    facts.pods.iter().any(|pod| {
        let own = pod.name.as_ref().is_some_and(|n| !other(&n.value));
        let status = pod.status_column.as_ref().map(|s| s.value.as_str());
        own && (matches!(status, Some("Error" | "CrashLoopBackOff")) || super::phase_failed(pod))
    })
}

/// When the paste lists pods (a `kubectl get pods` narrowed to the Job's) and a signal stands
/// only on pods it does not list, nor of the same owner as one it does (another Job's pod in an
/// unfiltered events table), that signal is about work the user did not ask about: a sign,
/// short of certain.
fn unlisted_pods_are_not_certain(
    facts: &Facts,
    signals: &mut [Signal],
    pods_of: &dyn Fn(&Signal) -> Vec<String>,
) {
    let stem = |pod: &str| pod.rsplit_once('-').map_or(pod, |(stem, _)| stem).to_owned();
    let listed: Vec<&str> = facts
        .pods
        .iter()
        .filter(|p| p.status_column.is_some())
        .filter_map(|p| p.name.as_ref().map(|n| n.value.as_str()))
        .collect();
    if listed.is_empty() {
        return;
    }
    let stems: Vec<String> = listed.iter().map(|p| stem(p)).collect();
    let unlisted = |pod: &String| !listed.contains(&pod.as_str()) && !stems.contains(&stem(pod));
    for signal in signals.iter_mut() {
        let pods = pods_of(signal);
        if !pods.is_empty() && pods.iter().all(unlisted) {
            signal.strength = signal.strength.min(PERHAPS_CALLED);
        }
    }
}

/// Drops the mount failures reported for pods that succeeded, or listed after their pod's
/// containers started: a volume-mount failure keeps the containers from starting (the kubelet
/// mounts every volume of a pod before its first container). The kubelet of some releases reports
/// a late `FailedMount` for a pod that has already started or finished (its wait for the volumes
/// times out, or a volume's object is `not registered` as the pod is torn down), and that warning
/// says nothing about the run. A mount failure listed before the start stays: it held the pod up.
pub fn drop_mounts_of_finished_pods(paste: &Paste, facts: &Facts, signals: &mut Vec<Signal>) {
    // The owners of every line are read only when there is a mount failure to place.
    if !signals.iter().any(|s| s.cause == Cause::VolumeMount) {
        return;
    }
    let owner = owners(paste, facts);
    // Older kubelets name the pod in the message: `for pod "NAME_NAMESPACE(UID)"`.
    let named = |line: usize| {
        let text = &paste.line(line)?.text;
        let rest = &text[text.find("for pod \"")? + 9..];
        let name = &rest[..rest.find(['_', '"'])?];
        Some(name.to_owned())
    };
    let pod_of = |line: usize| {
        let object = facts.events.iter().find(|e| e.line == line)?.object.as_deref();
        let named_object = object.and_then(|o| o.strip_prefix("pod/")).map(str::to_owned);
        named_object.or_else(|| owner.get(line).cloned().flatten())
    };
    let started: Vec<(String, usize)> = facts
        .events
        .iter()
        .filter(|e| e.reason == "Started" && e.message.starts_with("Started container"))
        .filter_map(|e| Some((pod_of(e.line)?, e.line)))
        .collect();
    let finished = |line: usize| {
        let pod = pod_of(line).or_else(|| named(line));
        pod.as_ref().is_some_and(|p| started.iter().any(|(s, at)| s == p && *at < line))
            || pod.and_then(|p| facts.pod(&p)).is_some_and(super::succeeded)
    };
    for signal in signals.iter_mut().filter(|s| s.cause == Cause::VolumeMount) {
        signal.lines.retain(|&l| !finished(l));
    }
    signals.retain(|s| !s.lines.is_empty());
}

#[cfg(test)]
mod tests {
    use super::is_replicaset_pod;

    #[test]
    fn replicaset_pods_are_told_from_job_pods() {
        for name in [
            "api-6d9f7c8b5d-2m4xk",
            "shop-web-7b8c9d6f4c-q8wrt",
            "db-5c7d8f9b6-vk2lp",
            "bookshelf-worker-3385195378-xg9r5",
            "imgs-640158079-lq5rg",
        ] {
            assert!(is_replicaset_pod(name), "{name}");
        }
        for name in [
            "migrate-9x7kq",
            "report-28801980-x2k9p",
            "backup-1718923800-2mz9c",
            "hourly-curator-1548252000-7hlpk",
            "indexed-job-3-p8k2d",
            "web-0",
            "train-launcher-x2vvd",
        ] {
            assert!(!is_replicaset_pod(name), "{name}");
        }
    }
}
