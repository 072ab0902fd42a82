//! The names a finding's commands need, gathered from everything the paste shows: the objects
//! it describes, the commands the user ran (`kubectl logs POD -n NS -c C`, `-l job-name=X`), the
//! events (`Successfully assigned NS/POD to NODE`, `Created pod: X`, the OBJECT column), the
//! job controller's messages (`for pod NS/POD`), kubelet log paths, and the error itself (the
//! host that did not resolve, the service account RBAC refused, the image that did not pull).
//!
//! A name goes into a command only when it is one Kubernetes would accept there (DNS-1123, an
//! image reference, a host name): text copied from a paste is not trusted to be a name, and a
//! command with `$(...)` or a space in it is worse than a placeholder.

use crate::cause::Cause;
use crate::classify::{policy, Headline, Ranked};
use crate::join;
use crate::kb::Names;
use crate::model::{Container, Facts, Job, Pod, StateKind};
use crate::text::Paste;

pub mod jobs;
pub(crate) mod subject;

/// The names the paste gives for commands: the Job, its failing pod and container, the
/// namespace, the node, the image and the service account. Each is the first valid one of its
/// sources, the objects the paste shows first. With a `focus` (the Job the failure is about,
/// [`jobs::focus`]) that Job comes first, and the objects of other Jobs give no names: a healthy
/// Job's manifest pasted beside a failing one's events must not name the failing one's pod.
pub fn base(
    paste: &Paste,
    facts: &Facts,
    headline: Option<&Headline>,
    focus: Option<&str>,
) -> Names {
    let owners = jobs::Owners::new(facts);
    let ours = |p: &Pod| focus.is_none_or(|job| owners.may_own(job, p));
    let our_pod = |name: &str| focus.is_none_or(|job| owners.of(name).is_none_or(|o| o == job));
    let our_jobs: Vec<&Job> = facts
        .jobs
        .iter()
        .filter(|j| focus.is_none_or(|f| j.name.as_ref().is_none_or(|n| n.value == f)))
        .collect();
    let pods = || facts.pods.iter().filter(|p| ours(p));
    let pod = pods().find(|p| failing(p) && named(p)).or(pods().find(|p| named(p)));
    let container =
        pod.and_then(|p| p.all_containers().find(|c| failed_container(c)).or(p.containers.first()));
    let spec = our_jobs.iter().flat_map(|j| j.containers.iter()).find(|c| !c.init);
    let message = headline.and_then(|h| policy::matched(&h.message).or_else(|| pod_in(&h.message)));
    let sources: Vec<join::LogSource> =
        join::log_sources(facts).into_iter().filter(|s| our_pod(&s.pod)).collect();
    let assigned: Vec<(String, String, String)> = facts
        .events
        .iter()
        .filter_map(|e| scheduled(&e.message))
        .filter(|(_, p, _)| is_subdomain(p) && our_pod(p))
        .collect();
    let job = focus.map(str::to_owned).into_iter();
    let job = job
        .chain(our_jobs.iter().filter_map(|j| j.name.as_ref()).map(|n| n.value.clone()))
        .chain(pod.and_then(|p| p.job.clone()))
        .chain(job_named(facts))
        .chain(paste.lines.iter().filter_map(|l| job_in_text(&l.text)))
        .chain(pod.and_then(|p| p.name.as_ref()).and_then(|n| job_of_scheduled_pod(&n.value)))
        .chain(sources.iter().find_map(|s| job_of_scheduled_pod(&s.pod)));
    let pods = pod
        .and_then(|p| p.name.as_ref())
        .map(|n| n.value.clone())
        .into_iter()
        .chain(message.as_ref().map(|m| m.pod.clone()))
        .chain(sources.iter().map(|s| s.pod.clone()))
        .chain(assigned.iter().map(|(_, pod, _)| pod.clone()))
        .chain(event_objects(facts, "pod/").find(|p| our_pod(p)))
        .chain(created_pods(facts).find(|p| our_pod(p)));
    let containers = container
        .map(|c| c.name.clone())
        .into_iter()
        .chain(message.as_ref().map(|m| m.container.clone()))
        .chain(sources.iter().filter_map(|s| s.container.clone()))
        .chain(spec.and_then(|s| s.name.clone()));
    let namespaces = pod
        .and_then(|p| p.namespace.as_ref())
        .into_iter()
        .chain(our_jobs.iter().filter_map(|j| j.namespace.as_ref()))
        .chain(facts.cronjobs.iter().filter_map(|c| c.namespace.as_ref()))
        .map(|n| n.value.clone())
        .chain(
            facts
                .commands
                .iter()
                .filter_map(|c| c.value.flag(&["-n", "--namespace"]))
                .map(str::to_owned),
        )
        .chain(message.as_ref().map(|m| m.namespace.clone()))
        .chain(assigned.iter().map(|(ns, _, _)| ns.clone()))
        .chain(facts.log_files.iter().map(|f| f.namespace.clone()));
    let nodes = pod
        .and_then(|p| p.node.clone())
        .into_iter()
        .chain(assigned.iter().map(|(_, _, n)| n.clone()));
    let images = container
        .and_then(|c| c.image.as_ref())
        .or_else(|| spec.and_then(|s| s.image.as_ref()))
        .map(|i| i.value.clone());
    // The account of the pod or Job the failure is about; the paste's own lines only when no
    // object of another Job claims the account they name.
    let foreign: Vec<&str> = facts
        .jobs
        .iter()
        .filter(|j| !our_jobs.iter().any(|o| std::ptr::eq(*o, *j)))
        .filter_map(|j| j.service_account.as_ref())
        .chain(facts.pods.iter().filter(|p| !ours(p)).filter_map(|p| p.service_account.as_ref()))
        .map(|a| a.value.as_str())
        .collect();
    let accounts = pod
        .and_then(|p| p.service_account.as_ref())
        .into_iter()
        .chain(our_jobs.iter().filter_map(|j| j.service_account.as_ref()))
        .map(|a| a.value.clone())
        .chain(service_account(paste).filter(|a| !foreign.contains(&a.as_str())));
    let job = first_valid(job, is_subdomain);
    let cronjob = job.as_deref().and_then(|job| cronjob_of(facts, job));
    Names {
        job,
        pod: first_valid(pods, is_subdomain),
        container: first_valid(containers, is_label),
        namespace: first_valid(namespaces, is_label),
        node: first_valid(nodes, is_subdomain),
        image: first_valid(images, is_image),
        object: None,
        service_account: first_valid(accounts, is_subdomain),
        host: None,
        cronjob,
    }
}

/// The CronJob that created Job `job`: the Job's owner, else a CronJob of the paste whose Jobs
/// are named like it (`NAME-` and the scheduled minute, `pkg/controller/cronjob/utils.go`).
fn cronjob_of(facts: &Facts, job: &str) -> Option<String> {
    let owner = facts
        .jobs
        .iter()
        .filter(|j| j.name.as_ref().is_some_and(|n| n.value == job))
        .find_map(|j| j.owner.as_deref()?.strip_prefix("CronJob/"));
    let scheduled_by = || {
        facts.cronjobs.iter().filter_map(|c| c.name.as_ref()).map(|n| n.value.as_str()).find(|n| {
            job.strip_prefix(n).and_then(|rest| rest.strip_prefix('-')).is_some_and(|minute| {
                !minute.is_empty() && minute.bytes().all(|b| b.is_ascii_digit())
            })
        })
    };
    owner
        .or_else(scheduled_by)
        .or_else(|| named_by_a_schedule(job))
        .filter(|c| is_subdomain(c))
        .map(str::to_owned)
}

/// The Job of a pod named for a scheduled run (`backup-28890300-x7k2q`): the job controller
/// names each pod after its Job and five random characters, and the Job's name carries its
/// schedule ([`named_by_a_schedule`]), so the name alone says which Job it is.
fn job_of_scheduled_pod(pod: &str) -> Option<String> {
    let (job, suffix) = pod.rsplit_once('-')?;
    let random =
        suffix.len() == 5 && suffix.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    (random && named_by_a_schedule(job).is_some()).then(|| job.to_owned())
}

/// The CronJob a Job's own name gives: the controller names each Job `NAME-` and its scheduled
/// time, in minutes since the epoch (eight digits today) or, before Kubernetes 1.21, in seconds
/// (ten digits). Only numbers that fall in the years Kubernetes has run count, so a date
/// (`migrate-20240101`) or a build number is no schedule; and a schedule starts on a minute, so
/// seconds that are not a whole minute are a CI system's timestamp (`deploy-1733300000`).
fn named_by_a_schedule(job: &str) -> Option<&str> {
    const MINUTES: std::ops::Range<u64> = 24_000_000..32_000_000; // 2015 to 2030
    const SECONDS: std::ops::Range<u64> = 1_400_000_000..2_000_000_000; // 2014 to 2033
    let (name, time) = job.rsplit_once('-')?;
    if name.is_empty() || !time.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: u64 = time.parse().ok()?;
    let scheduled = match time.len() {
        8 => MINUTES.contains(&value),
        10 => SECONDS.contains(&value) && value % 60 == 0,
        _ => false,
    };
    scheduled.then_some(name)
}

fn first_valid(
    candidates: impl IntoIterator<Item = String>,
    valid: fn(&str) -> bool,
) -> Option<String> {
    candidates.into_iter().find(|c| valid(c))
}

/// Narrows the names to the Job, pod, container and object the finding is about, and adds what
/// its own evidence names (a host, an image). What the finding's signals and evidence lines
/// name ([`subject`]) wins over the paste-wide names; when they name another Job than the
/// paste-wide one, none of that Job's names are kept.
pub fn refine(names: &mut Names, paste: &Paste, facts: &Facts, ranked: &Ranked) {
    let Some(lead) = ranked.signals.first() else { return };
    let subject = subject_of(paste, facts, ranked);
    let other_job = subject.job.as_ref().filter(|j| names.job.as_ref().is_some_and(|n| n != *j));
    if let Some(job) = other_job.cloned() {
        *names = Names {
            job: Some(job),
            host: names.host.take(),
            object: names.object.take(),
            ..Names::default()
        };
    }
    names.job = names.job.take().or_else(|| subject.job.clone());
    if subject.pod.is_some() && subject.pod != names.pod {
        // The node and container were the other pod's; so was a Job read from its name (one
        // CronJob's runs, listed side by side).
        let job_of = |pod: &Option<String>| pod.as_deref().and_then(job_of_scheduled_pod);
        if names.job.is_some() && names.job == job_of(&names.pod) {
            if let Some(job) = job_of(&subject.pod) {
                names.job = Some(job);
            }
        }
        names.pod.clone_from(&subject.pod);
        names.node = None;
        names.container = None;
    }
    let keep = |new: Option<String>, old: &mut Option<String>, valid: fn(&str) -> bool| {
        if let Some(new) = new.filter(|n| valid(n)) {
            *old = Some(new);
        }
    };
    if let Some(pod) = subject.pod.as_deref().and_then(|n| facts.pod(n)) {
        keep(pod.namespace.as_ref().map(|n| n.value.clone()), &mut names.namespace, is_label);
        keep(pod.node.clone(), &mut names.node, is_subdomain);
        keep(pod.job.clone(), &mut names.job, is_subdomain);
        let failed = pod.all_containers().find(|c| failed_container(c));
        keep(
            failed.and_then(|c| c.image.as_ref()).map(|i| i.value.clone()),
            &mut names.image,
            is_image,
        );
        if names.container.is_none() {
            keep(failed.map(|c| c.name.clone()), &mut names.container, is_label);
        }
    }
    keep(subject.namespace, &mut names.namespace, is_label);
    // The image a pull message quotes is the one that failed to pull.
    keep(subject.image, &mut names.image, is_image);
    let container = ranked.signals.iter().find_map(|s| s.container.clone().filter(|c| is_label(c)));
    keep(container.or(subject.container), &mut names.container, is_label);
    if let Some(object) = ranked.signals.iter().find_map(|s| s.object.clone()) {
        names.object = Some(object);
    }
    let lines =
        || ranked.signals.iter().flat_map(|s| s.lines.iter()).filter_map(|&l| paste.line(l));
    match lead.cause {
        Cause::CronjobNotScheduling => {
            if names.object.is_none() {
                names.object =
                    facts.cronjobs.iter().find_map(|c| c.name.as_ref()).map(|n| n.value.clone());
            }
            // The Job it waits on, when it names one: the steps look at that Job's pods.
            if names.job.is_none() {
                names.job = facts.cronjobs.iter().find_map(|c| c.active.first().cloned());
            }
        }
        Cause::BadImage | Cause::ImagePullAuth => names.object = None,
        Cause::NetworkOrDns | Cause::TransientDependency | Cause::TlsCertificate => {
            names.host = lines().find_map(|l| host_in(&l.text));
        }
        Cause::PermissionDenied => {
            if let Some((ns, account)) = lines().find_map(|l| rbac_account(&l.text)) {
                names.service_account = Some(account);
                names.namespace.get_or_insert(ns);
            }
        }
        Cause::MissingSecretOrConfigMap => {
            // A key missing from an object that exists: the object is the one to look at.
            if let Some((ns, object)) = lines().find_map(|l| keyed_object(&l.text)) {
                names.object = Some(object);
                names.namespace.get_or_insert(ns);
            }
        }
        // The Secret that holds the credential, when the paste names one; no rejection does.
        Cause::AuthFailure if names.object.is_none() => names.object = secret_named(paste, facts),
        Cause::VolumeMount if names.object.is_none() => {
            // The claim a pod mounts, else the claim an event is about (`ProvisioningFailed` on
            // `persistentvolumeclaim/x`).
            let event_claim = || {
                facts.events.iter().find_map(|e| {
                    let name = e.object.as_deref()?.strip_prefix("persistentvolumeclaim/")?;
                    is_subdomain(name).then(|| name.to_owned())
                })
            };
            names.object = paste
                .lines
                .iter()
                .find_map(|l| field(&l.text, &["ClaimName:", "claimName:"]))
                .or_else(event_claim);
        }
        Cause::Evicted if names.container.is_none() => {
            names.container = lines().find_map(|l| largest_user(&l.text)).filter(|c| is_label(c));
        }
        _ => {}
    }
}

/// The namespace and name of the Secret or ConfigMap the kubelet found without a key:
/// `couldn't find key api-key in Secret payments/stripe`.
fn keyed_object(text: &str) -> Option<(String, String)> {
    let rest = &text[text.find("couldn't find key ")?..];
    let (_, rest) = rest.split_once(" in ")?;
    let rest = rest.strip_prefix("Secret ").or_else(|| rest.strip_prefix("ConfigMap "))?;
    let end = rest.find(|c: char| c.is_whitespace() || c == '"' || c == '\'').unwrap_or(rest.len());
    let (ns, name) = rest[..end].split_once('/')?;
    (is_label(ns) && is_subdomain(name)).then(|| (ns.to_owned(), name.to_owned()))
}

/// The container the kubelet's eviction message says used the most (`Container step-build was
/// using 4386212Ki, which exceeds its request of 0.`), of those it names.
fn largest_user(text: &str) -> Option<String> {
    let quantity = |used: &str| crate::fix::quantity::bytes(used);
    text.split("Container ")
        .skip(1)
        .filter_map(|rest| {
            let (name, rest) = rest.split_once(" was using ")?;
            let used = rest.split([',', ' ']).next()?;
            Some((quantity(used)?, name))
        })
        .max_by_key(|&(used, _)| used)
        .map(|(_, name)| name.to_owned())
}

/// What a ranked cause's signals and evidence lines are about.
pub fn subject_of(paste: &Paste, facts: &Facts, ranked: &Ranked) -> subject::Subject {
    let pod = ranked.signals.iter().find_map(|s| s.pod.as_deref().filter(|p| is_subdomain(p)));
    let lines: Vec<usize> = ranked.signals.iter().flat_map(|s| s.lines.iter().copied()).collect();
    subject::of(paste, facts, &lines, pod)
}

fn named(pod: &Pod) -> bool {
    pod.name.as_ref().is_some_and(|n| !n.value.starts_with('('))
}

/// Whether a container failed or is stuck: terminated with a non-zero code, or waiting.
pub fn failed_container(c: &Container) -> bool {
    [&c.state, &c.last_state].into_iter().flatten().any(|s| match s.kind {
        StateKind::Terminated => s.exit_code.as_ref().is_none_or(|e| e.value != 0),
        StateKind::Waiting => true,
        StateKind::Running => false,
    })
}

/// Whether a pod failed or is stuck, by its STATUS column or its containers.
pub fn failing(pod: &Pod) -> bool {
    let status = pod.status_column.as_ref().map(|s| s.value.as_str());
    let bad_status = status.is_some_and(|s| !matches!(s, "Running" | "Completed" | "Succeeded"));
    bad_status || pod.all_containers().any(failed_container)
}

/// The Job the paste names without showing it: an event's object (`job/x`), a label selector
/// (`-l job-name=x`), a `kubectl logs job/x`, or a tool's message (`job x failed: ...`).
fn job_named(facts: &Facts) -> Option<String> {
    event_object(facts, "job/").or_else(|| {
        facts.commands.iter().find_map(|c| {
            let selector = c.value.flag(&["-l", "--selector"]);
            let from_selector = selector.and_then(|s| {
                s.split(',').find_map(|kv| {
                    let (k, v) = kv.split_once('=')?;
                    (k == "job-name" || k == "batch.kubernetes.io/job-name").then(|| v.to_owned())
                })
            });
            let target =
                c.value.positional().get(1).and_then(|t| t.strip_prefix("job/")).map(str::to_owned);
            from_selector.or(target)
        })
    })
}

/// The pod a job controller message names as `NS/POD`: `Pod ns/x has condition
/// DisruptionTarget matching FailJob rule at index 0` (`pkg/controller/job/pod_failure_policy.go`).
fn pod_in(message: &str) -> Option<policy::Matched> {
    let rest = message.trim().strip_prefix("Pod ")?;
    let (target, _) = rest.split_once(" has condition ")?;
    let (namespace, pod) = target.split_once('/')?;
    Some(policy::Matched {
        container: String::new(),
        namespace: namespace.to_owned(),
        pod: pod.to_owned(),
        exit_code: 0,
    })
}

/// The Job a message names: `The Job "x" is invalid` (the API server), `jobs.batch "x"` (an API
/// error), `job x failed:` (Helm), `resource Job/ns/x not ready` (Helm's kstatus wait), `Created
/// job x` and `Saw completed job: x, status: Failed` (the cronjob controller's events).
fn job_in_text(text: &str) -> Option<String> {
    let quoted = |mark: &str| {
        let at = text.find(mark)? + mark.len();
        let rest = &text[at..];
        Some(rest[..rest.find('"')?].to_owned())
    };
    let word_after = |mark: &str| {
        let at = text.find(mark)? + mark.len();
        text[at..].split([' ', ':']).next().map(str::to_owned)
    };
    let name = quoted("The Job \"")
        .or_else(|| quoted("jobs.batch \""))
        .or_else(|| word_after("* job ").filter(|_| text.contains(" failed:")))
        .or_else(|| {
            word_after("resource Job/").and_then(|r| r.rsplit('/').next().map(str::to_owned))
        })
        .or_else(|| {
            let name = word_after("Saw completed job: ").or_else(|| word_after("Created job "));
            name.map(|n| n.trim_end_matches(',').to_owned())
        });
    name.filter(|n| is_subdomain(n))
}

/// The first event object of a kind: `pod/x` or `job/x` of `kubectl get events`.
fn event_object(facts: &Facts, kind: &str) -> Option<String> {
    event_objects(facts, kind).next()
}

/// The event objects of a kind, in paste order.
fn event_objects<'a>(facts: &'a Facts, kind: &'a str) -> impl Iterator<Item = String> + 'a {
    facts
        .events
        .iter()
        .filter_map(|e| e.object.as_deref())
        .filter_map(move |o| o.strip_prefix(kind))
        .map(str::to_owned)
}

/// The pods `SuccessfulCreate` events of the job controller name: `Created pod: x`.
fn created_pods(facts: &Facts) -> impl Iterator<Item = String> + '_ {
    facts
        .events
        .iter()
        .filter_map(|e| e.message.strip_prefix("Created pod: ").map(|p| p.trim().to_owned()))
}

/// `Successfully assigned NS/POD to NODE` (the scheduler's `Scheduled` event, in
/// `pkg/scheduler/schedule_one.go`) to its namespace, pod and node.
fn scheduled(message: &str) -> Option<(String, String, String)> {
    let rest = message.trim().strip_prefix("Successfully assigned ")?;
    let (target, node) = rest.split_once(" to ")?;
    let (namespace, pod) = target.split_once('/')?;
    Some((namespace.to_owned(), pod.to_owned(), node.trim().to_owned()))
}

/// The service accounts a describe's `Service Account:` line or a manifest's
/// `serviceAccountName:` names.
fn service_account(paste: &Paste) -> impl Iterator<Item = String> + '_ {
    paste.lines.iter().filter_map(|l| field(&l.text, &["Service Account:", "serviceAccountName:"]))
}

/// A Secret the paste names: one the user ran `kubectl get|describe secret NAME` on, one an
/// environment variable is set from (describe's `<set to the key 'k' in secret 'NAME'>`), or a
/// volume's `SecretName:`.
fn secret_named(paste: &Paste, facts: &Facts) -> Option<String> {
    let typed = facts.commands.iter().find_map(|c| {
        let words = c.value.positional();
        match words.as_slice() {
            ["get" | "describe" | "edit", "secret" | "secrets", name, ..] => {
                Some((*name).to_owned())
            }
            ["get" | "describe" | "edit", target, ..] => {
                target.strip_prefix("secret/").map(str::to_owned)
            }
            _ => None,
        }
    });
    let from_env = || {
        paste.lines.iter().find_map(|l| {
            let at = l.text.find("in secret '")? + "in secret '".len();
            let rest = &l.text[at..];
            Some(rest[..rest.find('\'')?].to_owned())
        })
    };
    let volume =
        || paste.lines.iter().find_map(|l| field(&l.text, &["SecretName:", "secretName:"]));
    typed.or_else(from_env).or_else(volume).filter(|s| is_subdomain(s))
}

/// The value of the first of `keys` that opens `text` (after its indentation), unquoted.
fn field(text: &str, keys: &[&str]) -> Option<String> {
    let text = text.trim_start();
    let value = keys.iter().find_map(|k| text.strip_prefix(k))?.trim().trim_matches('"');
    is_subdomain(value).then(|| value.to_owned())
}

/// The namespace and service account of an RBAC refusal:
/// `User "system:serviceaccount:NS:SA" cannot ...`.
fn rbac_account(text: &str) -> Option<(String, String)> {
    let at = text.find("system:serviceaccount:")? + "system:serviceaccount:".len();
    let rest = &text[at..];
    let end = rest.find(['"', '\'', ' ']).unwrap_or(rest.len());
    let (ns, account) = rest[..end].split_once(':')?;
    Some((ns.to_owned(), account.to_owned()))
}

/// The image a pull message quotes, case kept: `Failed to pull image "REF": ...`,
/// `Pulling image "REF"`, `Back-off pulling image "REF"`.
pub fn quoted_image(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let at = lower.find("image \"")? + "image \"".len();
    let rest = &text[at..];
    let image = &rest[..rest.find('"')?];
    is_image(image).then(|| image.to_owned())
}

/// The host an unreachable-dependency message names: `lookup HOST on`, `lookup HOST:`,
/// `dial tcp HOST:PORT`, `could not translate host name "HOST"`, `bad address 'HOST'`,
/// `getaddrinfo ENOTFOUND HOST`, `Could not resolve host: HOST`, `connection to server at "HOST"`,
/// else the host of a URL the line holds.
pub fn host_in(text: &str) -> Option<String> {
    const AFTER: &[&str] = &[
        "lookup ",
        "dial tcp ",
        "could not translate host name \"",
        "bad address '",
        "getaddrinfo enotfound ",
        "getaddrinfo eai_again ",
        "could not resolve host: ",
        "connection to server at \"",
        "unknownhostexception: ",
        "unknown mysql server host '",
        "failed to connect to ",
        // A wait loop's probe: `until nc -z postgres.qa.svc 5432`.
        "nc -z ",
        // Last, the URL a client called: `Get "https://vault.corp:8200/v1/sys/health": x509: ...`.
        "https://",
        "http://",
    ];
    let lower = text.to_ascii_lowercase();
    AFTER.iter().find_map(|mark| {
        let at = lower.find(mark)? + mark.len();
        let rest = &text[at..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
            .unwrap_or(rest.len());
        let host = &rest[..end];
        is_host(host).then(|| host.to_owned())
    })
}

/// A DNS-1123 subdomain: the name of a pod, Job, Secret, ConfigMap, node or service account
/// (`k8s.io/apimachinery/pkg/util/validation`, `IsDNS1123Subdomain`).
pub fn is_subdomain(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|part| {
            !part.is_empty()
                && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !part.starts_with('-')
                && !part.ends_with('-')
        })
}

/// A DNS-1123 label: the name of a namespace or a container (`IsDNS1123Label`).
pub fn is_label(name: &str) -> bool {
    name.len() <= 63 && !name.contains('.') && is_subdomain(name)
}

/// An image reference as a pod spec takes it: registry, path, tag and digest characters only.
pub fn is_image(image: &str) -> bool {
    !image.is_empty()
        && image.len() <= 512
        && !image.starts_with(['-', '.', '/', ':'])
        && !image.contains("://")
        && image.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-/:@".contains(&b))
}

/// The registry an image reference pulls from, as `kubectl create secret docker-registry
/// --docker-server` takes it: the reference's first part when it names a host (it has a `.` or
/// a port, or is `localhost`), else Docker Hub's `https://index.docker.io/v1/` (kubectl's default
/// for that flag).
pub fn registry_of(image: &str) -> Option<&str> {
    match image.split_once('/') {
        Some((first, _)) if first.contains(['.', ':']) || first == "localhost" => {
            let host = first.split(':').next().unwrap_or(first);
            let port = first.split_once(':').map(|(_, p)| p);
            let port_ok =
                port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
            (is_host(host) && port_ok).then_some(first)
        }
        _ => Some("https://index.docker.io/v1/"),
    }
}

/// A host name or an IPv4 address.
pub fn is_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|p| !p.is_empty() && !p.starts_with('-') && !p.ends_with('-'))
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && host.bytes().any(|b| b.is_ascii_alphabetic() || b == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_named_for_its_scheduled_time_names_its_cronjob() {
        assert_eq!(named_by_a_schedule("orphan-cleanup-28890120"), Some("orphan-cleanup"));
        assert_eq!(named_by_a_schedule("sitemap-shots-1509523200"), Some("sitemap-shots"));
        let others = [
            "migrate-20240101",
            "build-1234",
            "export-7kq2x",
            "report-99999999",
            "42",
            // Seconds that are no whole minute: a CI system's timestamp.
            "deploy-migrate-1733300000",
        ];
        for other in others {
            assert_eq!(named_by_a_schedule(other), None, "{other}");
        }
        assert_eq!(
            job_of_scheduled_pod("backup-pg-28890300-x7k2q").as_deref(),
            Some("backup-pg-28890300")
        );
        assert_eq!(job_of_scheduled_pod("backup-pg-7d9f6c5b8-x7k2q"), None);
    }

    #[test]
    fn the_container_an_eviction_names_is_the_one_that_used_the_most() {
        let message = "The node was low on resource: ephemeral-storage. Container sidecar was \
                       using 26820Ki, which exceeds its request of 0. Container step-build was \
                       using 4386212Ki, which exceeds its request of 0.";
        assert_eq!(largest_user(message).as_deref(), Some("step-build"));
        assert_eq!(largest_user("Pod The node had condition: [DiskPressure]."), None);
    }

    #[test]
    fn names_are_checked_as_kubernetes_checks_them() {
        assert!(
            is_subdomain("migrate-7kq2x")
                && is_subdomain("ip-10-1-4-22.eu-west-1.compute.internal")
        );
        for bad in ["", "db$(id>/tmp/p)", "(unnamed pod)", "My-Job", "a b", "-x", "x-", "a..b"] {
            assert!(!is_subdomain(bad), "{bad:?}");
        }
        assert!(is_label("wait-for-db") && !is_label("a.b"));
        assert!(is_image("registry.example.com/data/order-exporter:Release-2.41-RC1"));
        assert!(is_image("busybox@sha256:7c3c3cea5d4d"));
        assert!(!is_image("image \"x\": failed") && !is_image("x;rm -rf /"));
        assert!(!is_image("docker-pullable://registry.example.org/a@sha256:3a6e"), "a scheme");
    }

    #[test]
    fn registries_of_images() {
        let cases = [
            ("ghcr.io/acme/tool:v1", Some("ghcr.io")),
            ("registry.example.test:5000/team/app@sha256:ab12", Some("registry.example.test:5000")),
            ("localhost/app:1", Some("localhost")),
            ("acme/tool:latest", Some("https://index.docker.io/v1/")),
            ("busybox", Some("https://index.docker.io/v1/")),
            ("bad_host.example:x/app", None),
        ];
        for (image, registry) in cases {
            assert_eq!(registry_of(image), registry, "{image}");
        }
    }

    #[test]
    fn hosts_and_images_from_messages() {
        let cases = [
            (
                "dial tcp: lookup redis-master.cache on 10.96.0.10:53: no such host",
                "redis-master.cache",
            ),
            ("nc: bad address 'warehouse-db'", "warehouse-db"),
            ("psql: error: could not translate host name \"pg.db\" to address", "pg.db"),
            (
                "connection to server at \"crm-db.crm.svc\" (10.96.44.12), port 5432 failed",
                "crm-db.crm.svc",
            ),
            ("Error: getaddrinfo ENOTFOUND api.internal", "api.internal"),
            (
                "Get \"https://vault.corp:8200/v1/sys/health\": x509: certificate signed by unknown authority",
                "vault.corp",
            ),
        ];
        for (text, host) in cases {
            assert_eq!(host_in(text).as_deref(), Some(host), "{text}");
        }
        assert_eq!(
            quoted_image(
                "Failed to pull image \"ghcr.io/Acme/Ingest:V12\": failed to resolve reference"
            ),
            Some("ghcr.io/Acme/Ingest:V12".to_owned())
        );
        assert_eq!(
            scheduled("Successfully assigned jobs/ingest-9hh2x to node-3"),
            Some(("jobs".into(), "ingest-9hh2x".into(), "node-3".into()))
        );
        assert_eq!(
            rbac_account("secrets is forbidden: User \"system:serviceaccount:platform:cert-rotator\" cannot list"),
            Some(("platform".into(), "cert-rotator".into()))
        );
    }
}
