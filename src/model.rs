//! The typed facts read from a paste: Jobs, pods, containers, events and log lines.
//!
//! Every fact remembers the line it came from, so a finding can show it as evidence. Facts from
//! different parts of a paste (a `kubectl get pods` row, a `describe pod`, a pod's YAML) are
//! merged by name in [`Facts::pod_mut`].

use crate::text::Command;

/// A value and the line (from 1) it was read from; 0 when no line holds it (a pod named only
/// by the `kubectl describe pod NAME` command before its output).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub line: usize,
}

impl<T> Located<T> {
    pub fn new(value: T, line: usize) -> Located<T> {
        Located { value, line }
    }
}

/// Everything the paste says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    pub jobs: Vec<Job>,
    pub pods: Vec<Pod>,
    pub cronjobs: Vec<CronJob>,
    pub events: Vec<Event>,
    /// Commands the user ran, by line.
    pub commands: Vec<Located<Command>>,
    /// The lines that are program output rather than Kubernetes objects (logs, tracebacks).
    pub log_lines: Vec<usize>,
    /// Kubelet log paths the paste names: a container's log file read on the node or by a log
    /// shipper, whose lines follow the path.
    pub log_files: Vec<LogFile>,
    /// The pods kubectl picked for `kubectl logs job/x`, by the line of its `Found 3 pods, using
    /// pod/x-1` note.
    pub chosen_pods: Vec<(usize, String)>,
    /// Nodes a `kubectl get nodes` table lists: each name and its STATUS (`Ready`, `NotReady`,
    /// `NotReady,SchedulingDisabled`), located at its row.
    pub nodes: Vec<(String, Located<String>)>,
    /// Containers of a pod template cut from its manifest (`containers:` and what is under
    /// it, a CronJob's `jobTemplate:`), which no Job or pod of the paste owns for sure.
    pub loose_containers: Vec<ContainerSpec>,
}

/// `/var/log/pods/<namespace>_<pod>_<uid>/<container>/<n>.log` on a line of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogFile {
    pub line: usize,
    pub namespace: String,
    pub pod: String,
    pub container: String,
}

impl LogFile {
    /// Reads a kubelet log path (`pkg/kubelet/kuberuntime/helpers.go`, `BuildPodLogsDirectory`)
    /// anywhere in `text`.
    pub fn parse(text: &str, line: usize) -> Option<LogFile> {
        let at = text.find("/var/log/pods/")? + "/var/log/pods/".len();
        let mut parts = text[at..].split('/');
        let dir = parts.next()?;
        let container = parts.next().filter(|c| !c.is_empty() && !c.contains(' '))?;
        let (namespace, rest) = dir.split_once('_')?;
        let (pod, _uid) = rest.rsplit_once('_')?;
        Some(LogFile {
            line,
            namespace: namespace.to_owned(),
            pod: pod.to_owned(),
            container: container.to_owned(),
        })
    }
}

/// A Job, from `describe job`, its manifest or `-o yaml`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Job {
    pub name: Option<Located<String>>,
    pub namespace: Option<Located<String>>,
    pub backoff_limit: Option<Located<u32>>,
    pub active_deadline: Option<Located<u64>>,
    pub restart_policy: Option<Located<String>>,
    /// The pod template's `serviceAccountName` (or `Service Account:` of describe).
    pub service_account: Option<Located<String>>,
    pub containers: Vec<ContainerSpec>,
    pub conditions: Vec<Condition>,
    pub active: Option<Located<u32>>,
    pub succeeded: Option<Located<u32>>,
    pub failed: Option<Located<u32>>,
    /// `Completions:` of describe, `spec.completions` of YAML: how many pods must succeed.
    pub completions: Option<Located<u32>>,
    /// The COMPLETIONS column of `kubectl get jobs`, e.g. `1/1`.
    pub completions_column: Option<Located<String>>,
    /// The STATUS column of `kubectl get jobs` (kubectl 1.28 and later): `Complete`, `Failed`,
    /// `Running`, `Suspended`.
    pub status_column: Option<Located<String>>,
    /// The line of the job controller's `Completed` event (`Job completed`).
    pub completed_event: Option<usize>,
    pub policy: Vec<PolicyRule>,
    /// `Controlled By: CronJob/x`, or an owner reference.
    pub owner: Option<String>,
    /// `Start Time` of describe, `status.startTime` of YAML, as pasted.
    pub start_time: Option<Located<String>>,
    /// `Completed At` of describe, `status.completionTime` of YAML, as pasted.
    pub completion_time: Option<Located<String>>,
    /// The line of a describe's `Events:  <none>`: the events expired or never were.
    pub no_events: Option<usize>,
}

/// A container as the pod template declares it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContainerSpec {
    pub name: Option<String>,
    pub image: Option<Located<String>>,
    /// Command and args, in order, each with its line.
    pub argv: Vec<Located<String>>,
    pub memory_limit: Option<Located<String>>,
    pub init: bool,
}

/// A Job or pod condition.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Condition {
    pub kind: String,
    pub status: Option<String>,
    pub reason: Option<Located<String>>,
    pub message: Option<Located<String>>,
    pub line: usize,
}

/// One rule of a Job's `podFailurePolicy`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyRule {
    pub action: Located<String>,
    /// `DisruptionTarget` and other pod condition types the rule matches.
    pub on_conditions: Vec<Located<String>>,
    /// `In` or `NotIn` and the exit codes, when the rule matches exit codes.
    pub on_exit_codes: Option<(String, Vec<i64>)>,
}

/// A CronJob, from `describe cronjob` or its YAML.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CronJob {
    pub name: Option<Located<String>>,
    pub namespace: Option<Located<String>>,
    pub suspend: Option<Located<String>>,
    pub starting_deadline: Option<Located<String>>,
    pub concurrency: Option<Located<String>>,
    /// The cron expression: `*/5 * * * *`, `@hourly`.
    pub schedule: Option<Located<String>>,
    /// When it last started a Job: a time (`Last Schedule Time:`, `status.lastScheduleTime`,
    /// old kubectl's LAST-SCHEDULE) or an age (the LAST SCHEDULE column).
    pub last_schedule: Option<Located<String>>,
    /// The Jobs it counts as running: `Active Jobs:` of describe, `status.active` of YAML.
    pub active: Vec<String>,
    /// How many Jobs it counts as running, when only the ACTIVE column says.
    pub active_count: Option<u32>,
}

impl CronJob {
    /// Whether it is suspended: `Suspend: True` of describe, `spec.suspend: true` of YAML, the
    /// SUSPEND column.
    pub fn is_suspended(&self) -> bool {
        self.suspend.as_ref().is_some_and(|s| s.value.eq_ignore_ascii_case("true"))
    }

    /// Whether it counts a Job of its own as running.
    pub fn has_active(&self) -> bool {
        !self.active.is_empty() || self.active_count.is_some_and(|n| n > 0)
    }

    /// Whether `other` is this CronJob seen again (a `get` row and a `describe` of it): the same
    /// name, and no two namespaces that differ.
    fn same_as(&self, other: &CronJob) -> bool {
        fn value(l: &Option<Located<String>>) -> Option<&str> {
            l.as_ref().map(|l| l.value.as_str())
        }
        let (here, there) = (value(&self.namespace), value(&other.namespace));
        self.name.is_some()
            && value(&self.name) == value(&other.name)
            && (here.is_none() || there.is_none() || here == there)
    }

    /// Fills what this one does not say from `other`, the same CronJob seen elsewhere.
    fn absorb(&mut self, other: CronJob) {
        let fields = [
            (&mut self.namespace, other.namespace),
            (&mut self.suspend, other.suspend),
            (&mut self.starting_deadline, other.starting_deadline),
            (&mut self.concurrency, other.concurrency),
            (&mut self.schedule, other.schedule),
            (&mut self.last_schedule, other.last_schedule),
        ];
        for (mine, theirs) in fields {
            if mine.is_none() {
                *mine = theirs;
            }
        }
        for job in other.active {
            if !self.active.contains(&job) {
                self.active.push(job);
            }
        }
        self.active_count = self.active_count.or(other.active_count);
    }
}

/// One CronJob for each the paste shows, however many times it shows it.
pub fn merge_cronjobs(cronjobs: Vec<CronJob>) -> Vec<CronJob> {
    let mut merged: Vec<CronJob> = Vec::with_capacity(cronjobs.len());
    for cronjob in cronjobs {
        match merged.iter_mut().find(|m| m.same_as(&cronjob)) {
            Some(seen) => seen.absorb(cronjob),
            None => merged.push(cronjob),
        }
    }
    merged
}

/// The name given to a pod the paste shows without naming it (a describe cut above its
/// `Name:`, a status list from `jq`): parenthesised, so that no command is filled with it.
pub const UNNAMED_POD: &str = "(unnamed pod)";

/// A pod, merged from every place the paste mentions it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pod {
    pub name: Option<Located<String>>,
    pub namespace: Option<Located<String>>,
    /// `Status:` of describe, `status.phase` of YAML.
    pub phase: Option<Located<String>>,
    /// Pod-level reason (`Evicted`, `DeadlineExceeded`, ...).
    pub reason: Option<Located<String>>,
    pub message: Option<Located<String>>,
    pub node: Option<String>,
    /// The Job that owns it, from `Controlled By`, owner references or the `job-name` label.
    pub job: Option<String>,
    /// The kind of the object that controls it (`MPIJob`, `ReplicaSet`), from `Controlled By`
    /// or the controller's owner reference.
    pub controller: Option<String>,
    /// The STATUS column of `kubectl get pods`.
    pub status_column: Option<Located<String>>,
    /// The READY column, e.g. `1/2`.
    pub ready_column: Option<String>,
    /// The AGE column of `kubectl get pods`, e.g. `5m12s`.
    pub age_column: Option<Located<String>>,
    /// The RESTARTS column, e.g. `2 (55s ago)`.
    pub restarts_column: Option<String>,
    /// `Start Time` of describe, `status.startTime` of YAML, as pasted.
    pub start_time: Option<Located<String>>,
    /// `metadata.creationTimestamp` of YAML, as pasted.
    pub created: Option<Located<String>>,
    /// `spec.serviceAccountName` of YAML, `Service Account:` of describe.
    pub service_account: Option<Located<String>>,
    pub containers: Vec<Container>,
    pub init_containers: Vec<Container>,
    /// `status.conditions` of YAML.
    pub conditions: Vec<Condition>,
}

/// A container's runtime status.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Container {
    pub name: String,
    pub image: Option<Located<String>>,
    pub state: Option<State>,
    pub last_state: Option<State>,
    pub restart_count: Option<u32>,
    pub memory_limit: Option<Located<String>>,
    /// Command and args, when a describe shows them.
    pub argv: Vec<Located<String>>,
}

/// What a container is doing or how it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct State {
    pub kind: StateKind,
    pub line: usize,
    pub reason: Option<Located<String>>,
    pub message: Option<Located<String>>,
    pub exit_code: Option<Located<i64>>,
    pub signal: Option<Located<i64>>,
    /// `Started` of describe, `startedAt` of YAML, as pasted.
    pub started: Option<Located<String>>,
    /// `Finished` of describe, `finishedAt` of YAML, as pasted.
    pub finished: Option<Located<String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateKind {
    Running,
    Waiting,
    Terminated,
}

/// An event, from a describe's events table, `kubectl get events` or an event object.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Event {
    pub line: usize,
    /// `Normal` or `Warning`.
    pub kind: Option<String>,
    pub reason: String,
    /// The object, e.g. `pod/x` or `job/y`, when the table names it.
    pub object: Option<String>,
    pub message: String,
    /// The age column as pasted: `94s`, `2m34s (x4 over 6m11s)`; `None` for event objects.
    pub age: Option<String>,
}

impl Event {
    /// How many times the event happened: the `N` of `(xN over ...)` in its age, else 1.
    pub fn count(&self) -> u32 {
        let Some(age) = self.age.as_deref() else { return 1 };
        let Some(at) = age.find("(x") else { return 1 };
        let digits: String = age[at + 2..].chars().take_while(char::is_ascii_digit).collect();
        digits.parse().unwrap_or(1)
    }
}

impl Facts {
    /// The pod named `name`, if the paste shows it.
    pub fn pod(&self, name: &str) -> Option<&Pod> {
        self.pods.iter().find(|p| p.name.as_ref().is_some_and(|n| n.value == name))
    }

    /// The pod named `name`, created when the paste has not mentioned it yet.
    pub fn pod_mut(&mut self, name: &str, line: usize) -> &mut Pod {
        let at = self.pods.iter().position(|p| p.name.as_ref().is_some_and(|n| n.value == name));
        let at = at.unwrap_or_else(|| {
            let name = Some(Located::new(name.to_owned(), line));
            self.pods.push(Pod { name, ..Pod::default() });
            self.pods.len() - 1
        });
        &mut self.pods[at]
    }

    /// The Job named `name`, created when the paste has not mentioned it yet; `None` names the
    /// one unnamed Job (a trimmed `-o yaml`).
    pub fn job_mut(&mut self, name: Option<&str>, line: usize) -> &mut Job {
        let at = self.jobs.iter().position(|j| j.name.as_ref().map(|n| n.value.as_str()) == name);
        let at = at.unwrap_or_else(|| {
            let name = name.map(|n| Located::new(n.to_owned(), line));
            self.jobs.push(Job { name, ..Job::default() });
            self.jobs.len() - 1
        });
        &mut self.jobs[at]
    }

    /// Whether `line` holds program output (a log), rather than Kubernetes objects.
    pub fn is_log(&self, line: usize) -> bool {
        self.log_lines.binary_search(&line).is_ok()
    }
}

impl Pod {
    /// Init containers first, as they run.
    pub fn all_containers(&self) -> impl Iterator<Item = &Container> {
        self.init_containers.iter().chain(&self.containers)
    }

    /// The container named `name`, created when missing.
    pub fn container_mut(&mut self, name: &str, init: bool) -> &mut Container {
        let list = if init { &mut self.init_containers } else { &mut self.containers };
        let at = list.iter().position(|c| c.name == name).unwrap_or_else(|| {
            list.push(Container { name: name.to_owned(), ..Container::default() });
            list.len() - 1
        });
        &mut list[at]
    }
}

impl Job {
    /// The Job's terminal failure condition, when it has one.
    pub fn failed_condition(&self) -> Option<&Condition> {
        self.conditions
            .iter()
            .find(|c| c.kind == "Failed" && c.status.as_deref() != Some("False"))
            .or_else(|| self.conditions.iter().find(|c| c.kind == "FailureTarget"))
    }

    /// Whether `kubectl get jobs` lists none of the Job's completions done (`0/1`).
    pub fn listed_none_done(&self) -> bool {
        self.completions_column.as_ref().is_some_and(|c| c.value.starts_with("0/"))
    }

    /// Whether `kubectl get jobs` lists the Job's STATUS as `Running`.
    pub fn listed_running(&self) -> bool {
        self.status_column.as_ref().is_some_and(|s| s.value == "Running")
    }

    /// Whether the Job reports `Complete`.
    pub fn is_complete(&self) -> bool {
        !self.completion_lines().is_empty()
    }

    /// The lines that show the Job completed: a `Complete` condition, a completion time (the
    /// job controller sets `status.completionTime` only on success: describe's `Completed At`),
    /// STATUS `Complete` or COMPLETIONS `n/n` of `kubectl get jobs`, or as many succeeded pods
    /// as completions.
    pub fn completion_lines(&self) -> Vec<usize> {
        let mut lines: Vec<usize> = self
            .conditions
            .iter()
            .filter(|c| c.kind == "Complete" && c.status.as_deref() != Some("False"))
            .map(|c| c.line)
            .collect();
        lines.extend(self.completion_time.as_ref().map(|t| t.line));
        lines.extend(self.completed_event);
        lines.extend(self.status_column.as_ref().filter(|s| s.value == "Complete").map(|s| s.line));
        let column = self.completions_column.as_ref().filter(|c| {
            let (done, wanted) = c.value.split_once('/').unwrap_or_default();
            let (done, wanted) = (done.trim().parse::<u32>(), wanted.trim().parse::<u32>());
            matches!((done, wanted), (Ok(d), Ok(w)) if w > 0 && d >= w)
        });
        lines.extend(column.map(|c| c.line));
        if let (Some(done), Some(wanted)) = (&self.succeeded, &self.completions) {
            if wanted.value > 0 && done.value >= wanted.value && self.failed_condition().is_none() {
                lines.push(done.line);
            }
        }
        lines.sort_unstable();
        lines.dedup();
        lines.retain(|&l| l > 0);
        lines
    }
}
