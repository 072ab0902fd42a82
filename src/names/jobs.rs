//! Which Job a paste is about when it shows several, and what the report says when it does.
//!
//! A paste of `kubectl get events -n NS` often covers every Job of the namespace: one that
//! completed beside one whose pod cannot start. The commands a report suggests (`kubectl
//! replace --force` among them) must be for the Job whose pod failed, never for a healthy one.

use crate::model::{Facts, Pod};

use super::{failing, is_label, is_subdomain, named};

/// How many names a notice lists before it says `...`.
const LISTED: usize = 4;

/// The Job the failure is about, as far as the paste's objects say before any rule ran: a Job
/// that reports `Failed`, else the Job that owns the first failing pod, else the Job that owns
/// a pod the Warning events are about, else a Job a Warning event is about. `None` when the
/// paste says none of these.
pub fn focus(facts: &Facts) -> Option<String> {
    let owners = Owners::new(facts);
    let failed = facts.jobs.iter().find(|j| j.failed_condition().is_some());
    let failed = failed.and_then(|j| j.name.as_ref()).map(|n| n.value.clone());
    let from_pods = || {
        facts
            .pods
            .iter()
            .filter(|p| failing(p) && named(p))
            .find_map(|p| owners.of(p.name.as_ref().map(|n| n.value.as_str())?))
    };
    let warnings = || facts.events.iter().filter(|e| e.kind.as_deref() == Some("Warning"));
    let from_pod_events = || {
        warnings()
            .filter_map(|e| e.object.as_deref()?.strip_prefix("pod/"))
            .find_map(|pod| owners.of(pod))
    };
    let from_job_events =
        || warnings().filter_map(|e| e.object.as_deref()).find_map(job_object).map(str::to_owned);
    failed
        .or_else(from_pods)
        .or_else(from_pod_events)
        .or_else(from_job_events)
        .filter(|j| is_subdomain(j))
}

/// How much of a Job's name its pods' names surely keep: the API server cuts a `generateName`
/// to 58 characters before adding 5 random ones.
const MAX_STEM: usize = 52;

/// Which Job owns a pod, by what the paste shows: read once, asked per pod.
pub struct Owners<'a> {
    facts: &'a Facts,
    /// `Created pod: POD` events of the job controller, as (pod, Job).
    created: Vec<(&'a str, &'a str)>,
    known: Vec<String>,
}

impl<'a> Owners<'a> {
    pub fn new(facts: &'a Facts) -> Owners<'a> {
        let created = facts
            .events
            .iter()
            .filter_map(|e| {
                let pod = e.message.strip_prefix("Created pod: ")?.trim();
                Some((pod, job_object(e.object.as_deref()?)?))
            })
            .collect();
        Owners { facts, created, known: all(facts) }
    }

    /// These owners with Job `job` among the Jobs a pod's name may extend, when the paste names
    /// it only where [`all`] does not look (a CronJob's `Active Jobs:`).
    pub fn knowing(mut self, job: &str) -> Owners<'a> {
        if !self.known.iter().any(|k| k == job) {
            self.known.push(job.to_owned());
        }
        self
    }

    /// The Job that owns pod `pod`: the pod's owner reference or `job-name` label, the Job
    /// whose `SuccessfulCreate` event says `Created pod: POD`, else the longest Job name the
    /// paste shows that the pod's name extends by `-SUFFIX` (the job controller names its pods
    /// `JOB-xxxxx`; of a long name, the pods keep only the first [`MAX_STEM`] characters).
    pub fn of(&self, pod: &str) -> Option<String> {
        let fact = self.facts.pod(pod);
        let created = || self.created.iter().find(|(p, _)| *p == pod).map(|(_, j)| (*j).to_owned());
        let by_name = || {
            let extends = |j: &&String| match j.get(..MAX_STEM).filter(|_| j.len() > MAX_STEM) {
                Some(stem) => pod.starts_with(stem),
                None => named_after(pod, j),
            };
            self.known.iter().filter(extends).max_by_key(|j| j.len()).cloned()
        };
        fact.and_then(|p| p.job.clone()).or_else(created).or_else(by_name)
    }

    /// Whether `pod` may be one of Job `job`'s: its owner is `job`, or the paste does not say.
    pub fn may_own(&self, job: &str, pod: &Pod) -> bool {
        let owner = pod.job.clone().or_else(|| self.of(&pod.name.as_ref()?.value));
        owner.is_none_or(|o| o == job)
    }
}

/// `job/x` or `job.batch/x` of an event's OBJECT column to `x`.
pub fn job_object(object: &str) -> Option<&str> {
    object.strip_prefix("job/").or_else(|| object.strip_prefix("job.batch/"))
}

/// Every Job the paste names, in the order it first names them: the Jobs it shows, the objects
/// of its events, the owners of its pods, and the commands the user ran (`kubectl logs job/x`,
/// `kubectl describe job x`, `-l job-name=x`).
pub fn all(facts: &Facts) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let shown = facts.jobs.iter().filter_map(|j| j.name.as_ref()).map(|n| n.value.clone());
    let events = facts.events.iter().filter_map(|e| job_object(e.object.as_deref()?));
    let owners = facts.pods.iter().filter_map(|p| p.job.clone());
    let commands = facts.commands.iter().filter_map(|c| super::subject::job_of_command(&c.value));
    let names = shown.chain(events.map(str::to_owned)).chain(owners).chain(commands);
    for name in names.filter(|n| is_subdomain(n)) {
        if !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

/// Every namespace the paste names: of its pods and Jobs and CronJobs, of the commands' `-n`, of
/// the scheduler's `Successfully assigned NS/POD` and of kubelet log paths.
pub fn namespaces(facts: &Facts) -> Vec<String> {
    let objects = facts
        .pods
        .iter()
        .filter_map(|p| p.namespace.as_ref())
        .chain(facts.jobs.iter().filter_map(|j| j.namespace.as_ref()))
        .chain(facts.cronjobs.iter().filter_map(|c| c.namespace.as_ref()))
        .map(|n| n.value.clone());
    let commands = facts
        .commands
        .iter()
        .filter_map(|c| c.value.flag(&["-n", "--namespace"]))
        .map(str::to_owned);
    let assigned =
        facts.events.iter().filter_map(|e| super::scheduled(&e.message)).map(|(ns, ..)| ns);
    let files = facts.log_files.iter().map(|f| f.namespace.clone());
    let mut found: Vec<String> = Vec::new();
    for name in objects.chain(commands).chain(assigned).chain(files).filter(|n| is_label(n)) {
        if !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

/// What the report says when the paste names more than one Job or namespace: which Job the
/// commands are for, and that each command's namespace is its evidence's, for the user to check;
/// and when its failed pods are all a long-running workload's, that the steps' Job is that
/// workload.
pub fn notices(facts: &Facts, commands_for: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    let jobs = all(facts);
    if jobs.len() > 1 {
        let which = match commands_for {
            Some(job) => format!("the commands are for {job}"),
            None => "the commands name no Job".to_owned(),
        };
        out.push(format!(
            "the paste shows {} Jobs ({}): {which}; check that it is the one you mean",
            jobs.len(),
            listed(&jobs)
        ));
    }
    // Failed pods that a Deployment, StatefulSet or DaemonSet runs, and no Job at all: the
    // causes' steps speak of a Job (its pod template, re-creating it).
    if jobs.is_empty() {
        // By the controller the paste shows (`Controlled By: ReplicaSet/x`), not by the shape
        // of a name: an operator's Job may name its pods as a ReplicaSet would.
        let failing: Vec<&crate::model::Pod> =
            facts.pods.iter().filter(|p| super::failing(p)).collect();
        let serving = |p: &&crate::model::Pod| {
            crate::classify::workloads::serving_controller(p).unwrap_or(false)
        };
        let first = failing.first().filter(|_| failing.iter().all(serving));
        if let Some(pod) = first.and_then(|p| p.name.as_ref()).map(|n| &n.value) {
            out.push(format!(
                "pod {pod} is run by a Deployment, StatefulSet or DaemonSet, not a Job: where a \
                 step speaks of the Job, read it as that workload (change its pod template; its \
                 controller replaces the pod, with no Job to re-create)"
            ));
        }
    }
    let namespaces = namespaces(facts);
    if namespaces.len() > 1 {
        out.push(format!(
            "the paste shows {} namespaces ({}): each command uses the namespace of the lines \
             it is about; check it before you run it",
            namespaces.len(),
            listed(&namespaces)
        ));
    }
    out
}

fn listed(names: &[String]) -> String {
    let shown = names.iter().take(LISTED).map(String::as_str).collect::<Vec<_>>().join(", ");
    if names.len() > LISTED {
        format!("{shown}, ...")
    } else {
        shown
    }
}

/// Whether a pod named `pod` may belong to the Job `job`: the job controller names its pods
/// `<job>-<suffix>`.
pub fn named_after(pod: &str, job: &str) -> bool {
    pod.strip_prefix(job).is_some_and(|rest| rest.starts_with('-'))
}

#[cfg(test)]
mod tests {
    use super::Owners;
    use crate::model::{Facts, Job, Located};

    fn facts_with_job(name: &str) -> Facts {
        let job = Job { name: Some(Located::new(name.to_owned(), 1)), ..Job::default() };
        Facts { jobs: vec![job], ..Facts::default() }
    }

    #[test]
    fn pods_are_owned_by_the_job_their_name_extends() {
        let owners_facts = facts_with_job("nightly-sync");
        let owners = Owners::new(&owners_facts);
        assert_eq!(owners.of("nightly-sync-x2k9q").as_deref(), Some("nightly-sync"));
        assert_eq!(owners.of("nightly-synced-x2k9q"), None);
        assert_eq!(owners.of("train-hp-0"), None);
        // A long Job name: its pods keep only the first 52 characters of it.
        let long = "reporting-warehouse-backfill-for-every-region-and-quarter-2024";
        let long_facts = facts_with_job(long);
        let owners = Owners::new(&long_facts);
        let pod = format!("{}-x2k9q", &long[..52]);
        assert_eq!(owners.of(&pod).as_deref(), Some(long));
    }
}
