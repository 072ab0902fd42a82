//! Structural checks: signals that need the model as a whole rather than one line or state.
//!
//! Each check is a small named function with its own test in `tests/analyze.rs`; strengths
//! follow the same scale as the rules.

use super::{succeeded, Headline, Signal};
use crate::cause::Cause;
use crate::model::{ContainerSpec, Facts, Located, Pod, StateKind};
use crate::names::jobs::named_after;
use crate::text::Paste;
use crate::timeline::attempts::{pod_outcome, Outcome};
use crate::timeline::group;

/// Reasons of a Job's failure condition, in `batch/v1` (`JobReason*` constants).
const JOB_REASONS: &[&str] = &[
    "BackoffLimitExceeded",
    "DeadlineExceeded",
    "PodFailurePolicy",
    "MaxFailedIndexesExceeded",
    "FailedIndexes",
];

/// The messages the job controller writes with them (`pkg/controller/job/job_controller.go`).
const JOB_MESSAGES: &[(&str, &str)] = &[
    ("BackoffLimitExceeded", "job has reached the specified backoff limit"),
    ("DeadlineExceeded", "job was active longer than specified deadline"),
    ("MaxFailedIndexesExceeded", "job has exceeded the specified maximal number of failed indexes"),
    ("FailedIndexes", "job has failed indexes"),
];

/// The length of the shortest line [`headline`] can read a headline from: a message, or
/// `failed: ` and a reason.
const SHORTEST_HEADLINE: usize = {
    let mut shortest = usize::MAX;
    let mut i = 0;
    while i < JOB_REASONS.len() {
        let len = "failed: ".len() + JOB_REASONS[i].len();
        shortest = if len < shortest { len } else { shortest };
        i += 1;
    }
    let mut i = 0;
    while i < JOB_MESSAGES.len() {
        let len = JOB_MESSAGES[i].1.len();
        shortest = if len < shortest { len } else { shortest };
        i += 1;
    }
    shortest
};

/// The Job's failure as Kubernetes reports it: a condition, else an event, else the message
/// anywhere (a tool's wrapper, a controller log).
pub fn headline(paste: &Paste, facts: &Facts) -> Option<Headline> {
    let condition = facts.jobs.iter().find_map(|j| j.failed_condition());
    if let Some(c) = condition.filter(|c| c.reason.is_some()) {
        let reason = c.reason.as_ref()?;
        let message = c.message.as_ref().map(|m| m.value.clone()).unwrap_or_default();
        return Some(Headline { reason: reason.value.clone(), message, line: Some(reason.line) });
    }
    let event = facts.events.iter().find(|e| JOB_REASONS.contains(&e.reason.as_str()));
    if let Some(e) = event {
        return Some(Headline {
            reason: e.reason.clone(),
            message: e.message.clone(),
            line: Some(e.line),
        });
    }
    for line in &paste.lines {
        // Neither a message nor `failed: <reason>` fits in a shorter line (lower-casing never
        // lengthens the ASCII they are made of): most lines of a long log stop here.
        if line.text.len() < SHORTEST_HEADLINE {
            continue;
        }
        let lower = line.text.to_lowercase();
        for (reason, message) in JOB_MESSAGES {
            if let Some(at) = lower.find(message) {
                let text = line.text.get(at..at + message.len()).unwrap_or(message).to_owned();
                return Some(Headline {
                    reason: (*reason).to_owned(),
                    message: text,
                    line: Some(line.no),
                });
            }
        }
        if let Some(headline) = tool_headline(&line.text, line.no) {
            return Some(headline);
        }
    }
    None
}

/// `job failed: BackoffLimitExceeded` or `job x failed: BackoffLimitExceeded`: how Helm reports
/// a hook Job's failure condition (`pkg/kube`, waiting for Jobs), and how other tools copy it.
fn tool_headline(text: &str, no: usize) -> Option<Headline> {
    const FAILED: &str = "failed: ";
    let follows = |reason: &str| {
        text.match_indices(FAILED).any(|(at, _)| text[at + FAILED.len()..].starts_with(reason))
    };
    let reason = JOB_REASONS.iter().find(|r| follows(r))?;
    let message = text.trim().trim_start_matches(['*', ' ']).to_owned();
    Some(Headline { reason: (*reason).to_owned(), message, line: Some(no) })
}

/// Runs every check.
pub fn run(
    paste: &Paste,
    facts: &Facts,
    signals: &[Signal],
    headline: Option<&Headline>,
) -> Vec<Signal> {
    let mut out = Vec::new();
    out.extend(sidecar_never_exits(facts, headline));
    out.extend(injected_container_holds(paste, facts, headline));
    out.extend(policy_counts_disruptions(facts, signals));
    out.extend(policy_ignores_failures(facts));
    out.extend(command_always_fails(facts));
    out.extend(own_exit_status(facts, signals));
    out.extend(command_is_one_string(facts));
    out.extend(shell_flag_joined_to_script(facts));
    out.extend(option_joined_to_its_value(facts));
    out.extend(chmod_as_non_root(paste, facts));
    out.extend(host_name_from_an_empty_setting(paste, facts));
    out.extend(deadline_setting(facts, signals));
    out.extend(failed_then_succeeded(paste, facts, signals, headline));
    out.extend(next_run_succeeded(facts, signals));
    out.extend(recovered_within_the_run(paste, facts, signals, headline));
    out.extend(retried_and_succeeded(paste, facts, signals));
    out.extend(cronjob_settings(facts, signals, headline));
    // A Job that serves forever is why its CronJob waits: the first link of that chain.
    let serving = serves_forever(paste, facts, signals, headline);
    if serving.is_none() {
        out.extend(cronjob_stalled(facts, signals, headline));
    }
    out.extend(cronjob_in_another_zone(paste, facts, signals, headline));
    out.extend(cronjob_ran_in_utc(paste, facts, signals, headline));
    out.extend(runs_skipped(facts));
    out.extend(
        stopped_then_completed(facts)
            .or_else(|| stopped_and_nothing_failed(paste, facts, signals, headline)),
    );
    out.extend(stopped_before_failure(facts, headline));
    out.extend(completes_then_restarts(paste, facts));
    out.extend(serving);
    out.extend(not_scheduled(facts));
    out.extend(pending_a_while(facts, signals));
    out.extend(init_container_waits(paste, facts, signals));
    out.extend(super::env::unresolved_reference(paste));
    out.extend(super::env::unexpanded_in_output(paste, facts));
    out.extend(super::env::service_link_collision(paste, facts));
    let failed = shows_a_failure(facts, headline);
    out.extend(super::env::empty_credential(paste, failed, signals));
    out.extend(super::env::path_on_the_workstation(paste, failed));
    out.extend(nothing_failed(paste, facts, signals, &out, headline));
    out
}

/// The strength of the strongest signal for one of `causes`, if any.
fn strongest(signals: &[Signal], causes: &[Cause]) -> Option<f32> {
    let strengths = signals.iter().filter(|s| causes.contains(&s.cause)).map(|s| s.strength);
    strengths.fold(None, |best, s| Some(best.map_or(s, |b: f32| b.max(s))))
}

fn signal(cause: Cause, strength: f32, rule: &'static str, lines: Vec<usize>) -> Signal {
    Signal::of_check(cause, strength, rule, lines, None)
}

/// A pod whose main container ended with exit 0 while another app container still runs. The
/// finding is about the main container: the steps tell it to stop the sidecar when it is done.
///
/// A main container that failed while another still runs holds the pod the same way: the pod
/// stays `Running`, so the Job counts no failure and waits. Beside the Job's `DeadlineExceeded`
/// that is why it ran out of time (`causes.md`: the deadline gives way to the sidecar); without a
/// deadline the failure itself is the question, and the sidecar only a hint, unless the paste
/// shows the pod's Job still `Running`: then the wait is the question.
fn sidecar_never_exits(facts: &Facts, headline: Option<&Headline>) -> Option<Signal> {
    let deadline = headline.is_some_and(|h| h.reason == "DeadlineExceeded");
    facts.pods.iter().find_map(|pod| {
        let ended = |c: &&crate::model::Container| {
            c.state.as_ref().is_some_and(|s| s.kind == StateKind::Terminated)
        };
        // A container that failed is the one the pod is about, before one that finished well
        // (a fragment may list an init container, `istio-init`, among the others), and one
        // whose end the paste cut off (`grep -A6` keeps `State: Terminated` alone) comes last.
        let with = |test: fn(&crate::model::State) -> bool| {
            pod.containers.iter().find(move |c| c.state.as_ref().is_some_and(test))
        };
        let done = with(failed_state)
            .or_else(|| with(finished_well))
            .or_else(|| pod.containers.iter().find(ended))?;
        if stopped_in_a_shutdown(facts, pod, &done.name) {
            return None;
        }
        let running = pod.containers.iter().find(|c| {
            c.name != done.name && c.state.as_ref().is_some_and(|s| s.kind == StateKind::Running)
        });
        // Where the paste shows only the ended container's state, a pod listed `Running` with
        // some but not all of its containers ready (`1/2`) still runs another.
        let another_runs = || {
            let status = pod.status_column.as_ref().is_some_and(|s| s.value == "Running");
            let ready = pod.ready_column.as_deref().and_then(|r| r.split_once('/'));
            let some_ready = ready.is_some_and(|(up, all)| up != "0" && up != all);
            status && some_ready && done.state.as_ref().is_some_and(finished_well)
        };
        if running.is_none() && !another_runs() {
            return None;
        }
        let state = done.state.as_ref();
        let succeeded = state.is_some_and(finished_well);
        let failed = state.is_some_and(failed_state);
        // kubectl prints `NotReady` only for a pod whose ended container completed while another
        // runs (`printers.go`): it settles an end the paste cut off.
        let not_ready = pod.status_column.as_ref().is_some_and(|s| s.value == "NotReady");
        // A Job the paste shows still running is waiting on this pod: that wait is the question.
        let job_waits = pod.name.as_ref().is_some_and(|name| {
            facts.jobs.iter().any(|job| {
                let named = job.name.as_ref().is_some_and(|j| named_after(&name.value, &j.value));
                named && still_waiting(job)
            })
        });
        // A pod being deleted stops its containers one by one, and one that will not stop (a
        // process stuck in the kernel) outlives the rest: no sidecar the Job waits on. Unless the
        // Job ran out of time: its controller deletes the pods the sidecar held.
        let strength = match (succeeded, failed, deadline) {
            (_, _, false) if being_deleted(pod) => SIDECAR_HINT,
            (true, _, _) => 0.82,
            (false, false, _) if not_ready => 0.82,
            (false, _, true) => 0.6,
            (false, false, false) => 0.6,
            (false, true, false) if job_waits => SIDECAR_HOLDS_THE_JOB,
            (false, true, false) => SIDECAR_HINT,
        };
        let running_state = running.and_then(|r| r.state.as_ref());
        let mut lines: Vec<usize> =
            done.state.iter().chain(running_state).map(|s| s.line).collect();
        lines.extend(pod.status_column.as_ref().map(|s| s.line));
        lines.sort_unstable();
        lines.dedup();
        let mut found = signal(Cause::SidecarNeverExits, strength, "check-sidecar-running", lines);
        found.pod = pod.name.as_ref().map(|n| n.value.clone());
        found.container = Some(done.name.clone());
        let other = running.map_or("another container", |r| r.name.as_str());
        found.detail = Some(if failed {
            format!(
                "{} failed, but {other} kept running, so the pod never ended and the Job waited",
                done.name
            )
        } else {
            format!("{} finished; {other} is still running", done.name)
        });
        Some(found)
    })
}

/// Whether the paste lists Job `job` as still waiting for its pods: `Running`, or, where an
/// older kubectl lists no STATUS, none done and no failure.
fn still_waiting(job: &crate::model::Job) -> bool {
    let unfailed = job.failed_condition().is_none()
        && job.status_column.as_ref().is_none_or(|s| s.value != "Failed");
    job.listed_running() || (job.listed_none_done() && unfailed)
}

/// Whether container `name` of a pod being deleted ([`being_deleted`]) ended because the kubelet
/// stopped it (`Killing`: `Stopping container NAME`): one container stopped beside one still
/// stopping is how a shutdown looks, not a sidecar that outlived the work.
fn stopped_in_a_shutdown(facts: &Facts, pod: &Pod, name: &str) -> bool {
    being_deleted(pod) && facts.events.iter().any(|e| stopped_container(e) == Some(name))
}

/// Whether the paste shows `pod` being deleted: describe's `Status: Terminating (lasts 2m)`, the
/// STATUS column's `Terminating`.
fn being_deleted(pod: &Pod) -> bool {
    [&pod.phase, &pod.status_column]
        .into_iter()
        .flatten()
        .any(|s| s.value.starts_with("Terminating"))
}

/// A Job pod listed `Running` with more containers than the Job's template names, not all
/// ready, beside the Job's `DeadlineExceeded` or its `Running` status: a container added at
/// admission (a service mesh's proxy) kept the pod running after the template's own ended, so
/// the Job waited. The pod's row is all the paste shows of it (`READY 1/2`); which container
/// ended is not in the paste, so the finding stays below certain.
///
/// Without the template, a paste that shows a mesh injecting its proxy (the namespace's
/// `istio-injection=enabled` label, a proxy container named) stands for it: the template named
/// one container fewer than the pod runs.
fn injected_container_holds(
    paste: &Paste,
    facts: &Facts,
    headline: Option<&Headline>,
) -> Option<Signal> {
    let deadline = headline.is_some_and(|h| h.reason == "DeadlineExceeded");
    // The scan of every line for a mesh's mark runs only for a waiting Job with no template.
    let injection = std::cell::OnceCell::new();
    facts.jobs.iter().find_map(|job| {
        let job_name = job.name.as_ref()?.value.as_str();
        if !(deadline || still_waiting(job)) {
            return None;
        }
        if job.containers.is_empty() && injection.get_or_init(|| mesh_injection(paste)).is_none() {
            return None;
        }
        facts.pods.iter().find_map(|pod| {
            let name = pod.name.as_ref()?.value.as_str();
            let own = named_after(name, job_name);
            let status = pod.status_column.as_ref().filter(|s| s.value == "Running")?;
            let (ready, total) = pod.ready_column.as_deref()?.split_once('/')?;
            let (ready, total): (usize, usize) = (ready.parse().ok()?, total.parse().ok()?);
            let templated = match job.containers.len() {
                0 => total.saturating_sub(1),
                n => n,
            };
            if !own || total <= templated || ready == 0 || ready >= total {
                return None;
            }
            let mut lines = vec![status.line];
            if job.containers.is_empty() {
                lines.extend(injection.get().copied().flatten());
            }
            lines.extend(job.containers.iter().filter_map(|c| c.image.as_ref()).map(|i| i.line));
            let mut found =
                signal(Cause::SidecarNeverExits, INJECTED_HOLDS, "check-injected-container", lines);
            found.pod = Some(name.to_owned());
            found.detail = Some(if job.containers.is_empty() {
                format!(
                    "pod {name} is {ready} of {total} ready in a namespace whose pods get a mesh \
                     proxy injected: the Job's own container most likely ended while the proxy kept running"
                )
            } else {
                format!(
                    "pod {name} runs {total} containers where the Job's template names \
                     {templated}: one added at admission (a service mesh proxy?) kept running, \
                     {ready} of {total} ready"
                )
            });
            Some(found)
        })
    })
}

/// Lower-case marks of a service mesh that injects its proxy into pods: the namespace's or
/// pod's injection label, or the injected proxy itself named (its container, its agent).
const MESH_INJECTION: &[&str] = &[
    "istio-injection=enabled",
    "istio.io/rev=",
    "linkerd.io/inject: enabled",
    "linkerd.io/inject=enabled",
    "-c istio-proxy",
    "-c linkerd-proxy",
    "pilot-agent proxy sidecar",
];

/// The first line that shows a mesh injecting its proxy into the namespace's pods.
fn mesh_injection(paste: &Paste) -> Option<usize> {
    paste.lines.iter().find_map(|l| {
        let lower = l.text.to_lowercase();
        MESH_INJECTION.iter().any(|m| lower.contains(m)).then_some(l.no)
    })
}

/// The strength of [`injected_container_holds`]: likely, not certain.
const INJECTED_HOLDS: f32 = 0.65;

/// The strength of the sidecar check when the container that ended had failed, without a
/// deadline: the failure is the question, the sidecar only a hint.
const SIDECAR_HINT: f32 = 0.3;

/// The strength of the sidecar check when the container that ended had failed and the paste
/// shows the pod's Job still `Running`: the pod that never ended is why the Job never does,
/// unless the paste says why the container failed (a message a rule knows): that failure is the
/// first link, and the sidecar that held the pod after it the second.
const SIDECAR_HOLDS_THE_JOB: f32 = 0.55;

/// The STATUS `NotReady` of a pod whose container states the paste also shows gives way to what
/// those states say: when the container that ended had failed, the pod is about that failure,
/// and its STATUS only repeats the hint.
pub fn status_gives_way_to_states(signals: &mut [Signal]) {
    let hinted: Vec<usize> = signals
        .iter()
        .filter(|s| s.rule == "check-sidecar-running" && s.strength <= SIDECAR_HINT)
        .flat_map(|s| s.lines.iter().copied())
        .collect();
    for signal in signals.iter_mut().filter(|s| s.rule == "status-not-ready") {
        if signal.lines.iter().all(|l| hinted.contains(l)) {
            signal.strength = signal.strength.min(SIDECAR_HINT);
        }
    }
}

/// What a webhook that could not be called keeps when the paste shows why its pods do not run.
const WEBHOOK_DOWN: f32 = 0.45;

/// A webhook the API server could not call (`failed calling webhook "x": Post
/// "https://svc.NAMESPACE.svc:443/...": ... connection refused`) is served by pods in NAMESPACE:
/// when the paste shows pods of that namespace failing for a reason of their own (an admission
/// Job whose image cannot be pulled, so the controller never gets its certificate and never
/// starts), that reason is the first link, and the refused call only its consequence.
pub fn webhook_gives_way_to_its_pods(paste: &Paste, facts: &Facts, signals: &mut [Signal]) {
    let namespace_of_webhook = |line: &crate::text::Line| {
        let lower = line.text.to_lowercase();
        let at = lower.find("failed calling webhook")?;
        let rest = &lower[at..];
        let host = &rest[rest.find("https://")? + "https://".len()..];
        let host = &host[..host.find([':', '/', '"']).unwrap_or(host.len())];
        let mut labels = host.split('.');
        let (_service, namespace) = (labels.next()?, labels.next()?);
        (labels.next() == Some("svc")).then(|| namespace.to_owned())
    };
    let of_pods_in = |namespace: &str, signal: &Signal| {
        facts.pods.iter().any(|pod| {
            pod.namespace.as_ref().is_some_and(|n| n.value == namespace)
                && pod.status_column.as_ref().is_some_and(|s| signal.lines.contains(&s.line))
        })
    };
    let webhook = |s: &Signal| matches!(s.cause, Cause::AdmissionOrQuota | Cause::NetworkOrDns);
    let explained: Vec<usize> = signals
        .iter()
        .filter(|s| webhook(s))
        .flat_map(|s| s.lines.iter().copied())
        .filter(|&no| {
            let Some(namespace) = paste.line(no).and_then(namespace_of_webhook) else {
                return false;
            };
            signals.iter().any(|s| !webhook(s) && s.strength >= 0.5 && of_pods_in(&namespace, s))
        })
        .collect();
    for signal in signals.iter_mut().filter(|s| webhook(s)) {
        if signal.stands_only_on(|l| explained.contains(&l)) {
            signal.strength = signal.strength.min(WEBHOOK_DOWN);
        }
    }
}

/// What a failed connection keeps when it is the API server's call to an admission webhook.
const WEBHOOK_CALL: f32 = 0.5;

/// A connection refused, timed out or unresolved on the API server's call to an admission
/// webhook (`failed calling webhook "x": ... connection refused`) is a refusal to create the
/// object, however it was refused (`causes.md`: a webhook that could not be called is
/// `admission-or-quota`): the network failure on that line gives way to the webhook's own
/// signal. A certificate the call could not trust keeps its own id.
pub fn webhook_calls_are_admission(paste: &Paste, signals: &mut [Signal]) {
    if !signals.iter().any(|s| s.cause == Cause::AdmissionOrQuota) {
        return;
    }
    let webhook_call = |l: &crate::text::Line| {
        let lower = l.text.to_lowercase();
        lower.contains("failed calling webhook") || lower.contains("failed to call webhook")
    };
    for signal in signals.iter_mut().filter(|s| s.cause == Cause::NetworkOrDns) {
        if !signal.lines.is_empty() && signal.every_line(paste, webhook_call) {
            signal.strength = signal.strength.min(WEBHOOK_CALL);
        }
    }
}

/// Rules of `content/causes/terminated-by-signal.md` that read an exit code 137 a program or a
/// wrapper quotes.
const QUOTED_KILLS: &[&str] = &["text-exit-code-137", "text-exited-with-137", "text-exitcode-137"];

/// How sure a child killed inside a container that lived on is the OOM killer's work, and what
/// the kill from outside keeps.
const CHILD_OOM: f32 = 0.6;
const CHILD_KILLED_FROM_OUTSIDE: f32 = 0.4;

/// A program's own log quoting a child process that ended with 137 (`wkhtmltopdf ... has exited
/// with code 137`), while its container lived on and ended with a code of its own: the kubelet
/// and the runtime stop whole containers, never one process in them, so the SIGKILL came from
/// inside the node's kernel, the OOM killer at the container's memory limit (cgroup v2 kills
/// the largest process, the child, and the program survives to report it).
pub fn child_killed_inside_a_living_container(facts: &Facts, signals: &mut Vec<Signal>) {
    let quoted = |s: &Signal| QUOTED_KILLS.contains(&s.rule);
    if !signals.iter().any(quoted) {
        return;
    }
    let printed = crate::join::workload_lines(facts);
    let ended = |code: &dyn Fn(i64) -> bool| {
        facts.pods.iter().flat_map(|p| p.all_containers()).any(|c| {
            [&c.state, &c.last_state].into_iter().flatten().any(|s| {
                s.kind == StateKind::Terminated
                    && s.exit_code.as_ref().is_some_and(|e| code(e.value))
            })
        })
    };
    if !ended(&|code| code != 0 && code != 137) || ended(&|code| code == 137) {
        return;
    }
    let in_logs = |s: &Signal| s.stands_only_on(|no| printed.iter().any(|r| r.contains(&no)));
    let mut lines: Vec<usize> = Vec::new();
    for signal in signals.iter_mut().filter(|s| quoted(s) && in_logs(s)) {
        lines.extend(&signal.lines);
        signal.strength = signal.strength.min(CHILD_KILLED_FROM_OUTSIDE);
    }
    if lines.is_empty() {
        return;
    }
    lines.sort_unstable();
    lines.dedup();
    let mut found =
        signal(Cause::OomKilled, CHILD_OOM, "check-child-killed-in-its-container", lines);
    found.detail = Some(
        "a process the program started was killed (137) while its container lived on: the \
         kubelet stops whole containers, so the kernel's OOM killer at the memory limit is the \
         likely sender"
            .to_owned(),
    );
    signals.push(found);
}

/// What the kubelet's word `OOMKilled` keeps in the logs of a pod that failed otherwise.
const OOM_OF_ANOTHER: f32 = 0.45;

/// The rule of `content/causes/oom-killed.md` that reads the word `OOMKilled` in any text.
const KUBELET_WORD: &str = "text-oomkilled";

/// `OOMKilled` is the kubelet's word for a container, never a program's about its own death: in
/// the logs of a pod whose own status says it failed with `Error` (a report that lists other
/// pods' states, `pod api-7f9 OOMKilled`), it is about another pod.
pub fn oom_in_the_logs_of_a_pod_that_failed_otherwise(facts: &Facts, signals: &mut [Signal]) {
    if !signals.iter().any(|s| s.rule == KUBELET_WORD) {
        return;
    }
    let failed_otherwise = |pod: &Pod| {
        let status = pod.status_column.as_ref().is_some_and(|s| s.value == "Error");
        let mut states = pod.all_containers().flat_map(|c| [&c.state, &c.last_state]).flatten();
        status && !states.any(|s| s.reason.as_ref().is_some_and(|r| r.value == "OOMKilled"))
    };
    let sources = crate::join::log_sources(facts);
    let theirs: Vec<&std::ops::Range<usize>> = sources
        .iter()
        .filter(|s| facts.pod(&s.pod).is_some_and(failed_otherwise))
        .map(|s| &s.lines)
        .collect();
    for signal in signals.iter_mut().filter(|s| s.rule == KUBELET_WORD && s.pod.is_none()) {
        if signal.stands_only_on(|no| theirs.iter().any(|r| r.contains(&no))) {
            signal.strength = signal.strength.min(OOM_OF_ANOTHER);
        }
    }
}

/// What a scheduling failure keeps when it came after the Job's pods were stopped from outside.
const AFTER_THE_STOP: f32 = 0.6;

/// A pod that no node takes after the Job's pods were stopped from outside (a taint manager's
/// eviction from a node that went NotReady, a preemption) is the replacement the Job created:
/// the stop is the first link, and the scheduling failure that follows gives way to it. Order
/// is read from the events' ages (the older happened first; of two as old, the one listed first).
pub fn scheduling_gives_way_to_an_earlier_stop(facts: &Facts, signals: &mut [Signal]) {
    use crate::timeline::clock;
    let age = |line: usize| {
        let event = facts.events.iter().find(|e| e.line == line)?;
        clock::first_age(event.age.as_deref()?).map(|(seconds, _)| seconds)
    };
    // The first stop: the oldest, and of two as old, the one listed first (events are listed
    // oldest first, and ages are only as fine as their unit).
    let first_stop = signals
        .iter()
        .filter(|s| s.cause == Cause::TerminatedBySignal && s.strength >= 0.7)
        .flat_map(|s| s.lines.iter().filter_map(|&l| Some((age(l)?, l))))
        .max_by_key(|&(seconds, line)| (seconds, std::cmp::Reverse(line)));
    let Some((stopped_at, stop_line)) = first_stop else { return };
    let after = |line: usize| {
        age(line).is_some_and(|a| a < stopped_at || (a == stopped_at && line > stop_line))
    };
    for signal in signals.iter_mut().filter(|s| s.cause == Cause::Unschedulable) {
        if signal.stands_only_on(after) {
            signal.strength *= AFTER_THE_STOP;
        }
    }
}

/// What a failure to start a pod keeps once the pod got past it.
const GOT_PAST: f32 = 0.25;

/// The events that say a pod got past a failure to start it: a `FailedScheduling` (a claim not
/// yet bound, a node not yet free) is over once the pod is `Scheduled`; a `FailedMount`,
/// `FailedAttachVolume` or `FailedCreatePodSandBox` once a container of it has `Started` (no
/// container starts before its pod's volumes are mounted and its sandbox is up).
const GOT_PAST_BY: &[(&str, &[&str])] = &[
    ("FailedScheduling", &["Scheduled", "Started"]),
    // The cluster autoscaler's word on a pod that waited: over once the pod is placed.
    ("NotTriggerScaleUp", &["Scheduled", "Started"]),
    ("FailedMount", &["Started"]),
    ("FailedAttachVolume", &["Started"]),
    ("FailedCreatePodSandBox", &["Started"]),
];

/// A failure to start a pod that the same pod got past is over: why the Job then fails, if it
/// does, lies further on (a Secret another step creates a moment later is no missing Secret). A
/// scheduling failure is also over when the paste shows its pod placed on a node (listed as
/// `ImagePullBackOff`, `Running`, ...), or, naming no pod, when it shows every pod placed.
/// The later event must be about the same pod (the same OBJECT, or a describe's events with no
/// other pod shown between them) and come after the failure: by the events' ages where both
/// have one, else by the order they are listed in.
///
/// Unless an orchestrator gave up waiting for the pod to start (`Pod never started`): then the
/// wait the pod got past too late is the answer to why it gave up.
pub fn start_failures_give_way_once_past(paste: &Paste, facts: &Facts, signals: &mut [Signal]) {
    use crate::timeline::clock;
    // The lines are read for a launcher's report only when there is a start failure to weigh.
    let start_failures =
        facts.events.iter().any(|e| GOT_PAST_BY.iter().any(|(r, _)| *r == e.reason));
    if !start_failures || paste.lines.iter().any(|l| super::logged::reports_no_start(&l.text)) {
        return;
    }
    let age =
        |e: &crate::model::Event| clock::first_age(e.age.as_deref()?).map(|(seconds, _)| seconds);
    let resolved = |line: usize| {
        let Some((failed, past)) = facts.events.iter().find_map(|e| {
            let (_, past) = GOT_PAST_BY.iter().find(|(reason, _)| *reason == e.reason)?;
            (e.line == line).then_some((e, *past))
        }) else {
            return false;
        };
        let pod_between = |a: usize, b: usize| {
            let (from, to) = (a.min(b), a.max(b));
            facts.pods.iter().filter_map(|p| p.name.as_ref()).any(|n| (from..to).contains(&n.line))
        };
        // A pod listed as anything but `Pending` (or described with a node) has been placed;
        // so has the pod a scheduling failure is about, when it is one of them, or, when the
        // event names none, when every pod the paste shows has been.
        let placed = |pod: &crate::model::Pod| {
            pod.node.is_some()
                || pod.status_column.as_ref().is_some_and(|s| !s.value.starts_with("Pending"))
        };
        let pod_placed = match failed.object.as_deref().and_then(|o| o.strip_prefix("pod/")) {
            Some(name) => facts
                .pods
                .iter()
                .any(|p| p.name.as_ref().is_some_and(|n| n.value == name) && placed(p)),
            None => !facts.pods.is_empty() && facts.pods.iter().all(placed),
        };
        if failed.reason == "FailedScheduling" && pod_placed {
            return true;
        }
        facts.events.iter().any(|e| {
            let later = match age(e).zip(age(failed)) {
                Some((since, before)) => {
                    since < before || (since == before && e.line > failed.line)
                }
                None => e.line > failed.line,
            };
            past.contains(&e.reason.as_str())
                && later
                && e.object == failed.object
                && (e.object.is_some() || !pod_between(failed.line, e.line))
        })
    };
    for signal in signals.iter_mut() {
        if signal.stands_only_on(resolved) {
            signal.strength = signal.strength.min(GOT_PAST);
        }
    }
}

/// The lines of the commands the user typed as `kubectl VERB KIND ...` (or `VERB KIND/name`),
/// for one of `verbs` and `kinds`.
fn typed(facts: &Facts, verbs: &[&str], kinds: &[&str]) -> Vec<usize> {
    let matches = |command: &crate::text::Command| {
        let words = command.positional();
        let kind = words.get(1).map(|k| k.split('/').next().unwrap_or(k));
        words.first().is_some_and(|w| verbs.contains(w)) && kind.is_some_and(|k| kinds.contains(&k))
    };
    facts.commands.iter().filter(|c| matches(&c.value)).map(|c| c.line).collect()
}

/// Whether line `no` answers one of the commands on lines `commands`: it follows the command,
/// perhaps after a line of its own (a header, a warning).
fn answer_to(commands: &[usize], no: usize) -> bool {
    commands.iter().any(|&c| no > c && no <= c + 2)
}

/// What a Secret or ConfigMap the user looked up and did not find keeps when the Job's pods
/// started anyway.
const LOOKED_UP_ONLY: f32 = 0.35;

/// A `kubectl get secret X` (or configmap) the user ran that answers NotFound says only that X
/// does not exist now. When every pod the paste shows got its containers started, none of them
/// was waiting for X (a pod that needs a missing Secret never starts: CreateContainerConfigError,
/// or ContainerCreating on its volume), so X is not why the Job failed; it may be what the Job
/// was to write.
pub fn lookup_gives_way_to_started_pods(paste: &Paste, facts: &Facts, signals: &mut [Signal]) {
    const LOOKED_UP: &[&str] = &["secret", "secrets", "configmap", "configmaps", "cm"];
    let lookups = typed(facts, &["get"], LOOKED_UP);
    let answers = |no: usize| {
        answer_to(&lookups, no) && paste.line(no).is_some_and(|l| l.text.contains("(NotFound)"))
    };
    let started = |pod: &crate::model::Pod| {
        let status = pod.status_column.as_ref().map(|s| s.value.as_str());
        let ran = ["Running", "Completed", "Error", "CrashLoopBackOff", "OOMKilled"];
        status.is_some_and(|s| ran.contains(&s))
            || pod
                .containers
                .iter()
                .any(|c| c.state.as_ref().is_some_and(|s| s.kind != StateKind::Waiting))
    };
    if facts.pods.is_empty() || !facts.pods.iter().all(started) {
        return;
    }
    for signal in signals.iter_mut().filter(|s| s.cause == Cause::MissingSecretOrConfigMap) {
        if signal.stands_only_on(answers) {
            signal.strength = signal.strength.min(LOOKED_UP_ONLY);
        }
    }
}

/// What the answer to the user's own change of a pod keeps.
const HAND_EDIT: f32 = 0.35;

/// A pod the user changed by hand while troubleshooting (`kubectl patch pod x -p ...` to drop a
/// finalizer, `kubectl edit pod`, `label`, `annotate`) answers about that change: `The Pod "x"
/// is invalid: spec.initContainers: Forbidden: pod updates may not add or remove containers` is
/// why the patch was refused, not why the Job failed.
pub fn hand_edits_give_way(paste: &Paste, facts: &Facts, signals: &mut [Signal]) {
    const EDITS: &[&str] = &["patch", "edit", "label", "annotate", "set"];
    let edits = typed(facts, EDITS, &["pod", "pods", "po"]);
    let answers = |no: usize| {
        answer_to(&edits, no) && paste.line(no).is_some_and(|l| !l.text.trim().is_empty())
    };
    for signal in signals.iter_mut() {
        if signal.stands_only_on(answers) {
            signal.strength = signal.strength.min(HAND_EDIT);
        }
    }
}

/// A container that ended in failure: a non-zero exit code, or without one a reason other than
/// `Completed`.
fn failed_state(state: &crate::model::State) -> bool {
    state.kind == StateKind::Terminated
        && match &state.exit_code {
            Some(code) => code.value != 0,
            None => state.reason.as_ref().is_some_and(|r| r.value != "Completed"),
        }
}

/// A container that ended with exit code 0: the code says so, or the reason `Completed`, which
/// the runtime gives only to an exit 0 (containerd `completeExitReason`).
fn finished_well(state: &crate::model::State) -> bool {
    state.kind == StateKind::Terminated
        && match &state.exit_code {
            Some(code) => code.value == 0,
            None => state.reason.as_ref().is_some_and(|r| r.value == "Completed"),
        }
}

/// A `podFailurePolicy` rule that counts `DisruptionTarget` failures, with disruptions in the
/// paste: the policy spent the retry budget on infrastructure.
fn policy_counts_disruptions(facts: &Facts, signals: &[Signal]) -> Option<Signal> {
    let disrupted: Vec<usize> = signals
        .iter()
        .filter(|s| s.cause == Cause::TerminatedBySignal || s.cause == Cause::Evicted)
        .flat_map(|s| s.lines.iter().copied())
        .collect();
    if disrupted.is_empty() {
        return None;
    }
    facts.jobs.iter().find_map(|job| {
        let rule = job.policy.iter().find(|r| {
            r.action.value == "Count"
                && r.on_conditions.iter().any(|c| c.value == "DisruptionTarget")
        })?;
        let mut lines = vec![rule.action.line];
        lines.extend(rule.on_conditions.iter().map(|c| c.line));
        lines.extend(job.backoff_limit.as_ref().map(|b| b.line));
        lines.extend(disrupted.iter().take(2));
        lines.sort_unstable();
        lines.dedup();
        let mut found =
            signal(Cause::PodFailurePolicy, 0.8, "check-policy-counts-disruptions", lines);
        found.detail = Some("a Count rule spends the retry budget on disruptions".to_owned());
        Some(found)
    })
}

/// An `Ignore` rule on `onExitCodes` with `NotIn`: every exit code but the listed ones is
/// ignored, the program's own failures included. An ignored failure is not counted against
/// `backoffLimit` and the pod is replaced, so a deterministic failure makes pods without end
/// while the Job shows no failure (`pkg/controller/job/pod_failure_policy.go`).
fn policy_ignores_failures(facts: &Facts) -> Option<Signal> {
    facts.jobs.iter().find_map(|job| {
        let rule = job.policy.iter().find(|r| {
            r.action.value == "Ignore"
                && r.on_exit_codes.as_ref().is_some_and(|(operator, _)| operator == "NotIn")
        })?;
        let mut found = signal(
            Cause::PodFailurePolicy,
            0.6,
            "check-policy-ignores-failures",
            vec![rule.action.line],
        );
        found.detail = Some(
            "an Ignore rule with NotIn ignores the program's own failures, so the Job retries \
             without end"
                .to_owned(),
        );
        Some(found)
    })
}

/// A container that ended with a status of its own choosing (3 to 125, reason `Error` or none)
/// that no rule knows: the program decided to fail (`causes.md`: a non-zero exit with nothing
/// environmental behind it). 126 and up belong to the shell and the kernel; 1 and 2 have rules.
fn own_exit_status(facts: &Facts, signals: &[Signal]) -> Option<Signal> {
    let known = |line: usize| signals.iter().any(|s| s.lines.contains(&line));
    facts.pods.iter().find_map(|pod| {
        pod.all_containers().find_map(|c| {
            let state = [&c.state, &c.last_state].into_iter().flatten().find(|s| {
                s.kind == StateKind::Terminated
                    && s.reason.as_ref().is_none_or(|r| r.value == "Error")
                    && s.exit_code.as_ref().is_some_and(|e| (3..=125).contains(&e.value))
            })?;
            let exit = state.exit_code.as_ref()?;
            if known(exit.line) {
                return None;
            }
            let mut found = signal(Cause::AppError, 0.4, "check-own-exit-status", vec![exit.line]);
            found.pod = pod.name.as_ref().map(|n| n.value.clone());
            found.container = Some(c.name.clone());
            found.detail = Some(format!("exit {}: a status the program chose", exit.value));
            Some(found)
        })
    })
}

const SHELLS: &[&str] = &["sh", "bash", "ash", "dash", "zsh", "/bin/sh", "/bin/bash", "/bin/ash"];

/// A shell command whose script ends in `exit N` with N not 0: every attempt fails the same.
fn command_always_fails(facts: &Facts) -> Option<Signal> {
    let specs = facts.jobs.iter().flat_map(|j| j.containers.iter());
    specs.into_iter().find_map(|spec| {
        let (code, line) = script_exit(spec)?;
        let mut found = signal(Cause::AppError, 0.5, "check-script-exits-non-zero", vec![line]);
        found.container = spec.name.clone();
        found.detail = Some(format!("the command always ends with exit {code}"));
        Some(found)
    })
}

/// The non-zero `exit N` a shell script (`sh -c "...; exit 1"`) always ends with, or the 1 of
/// `false` run as the command or as the script's last word, and the line it is on.
pub fn script_exit(spec: &ContainerSpec) -> Option<(i64, usize)> {
    let first = spec.argv.first()?;
    // `false` does nothing and exits 1 (coreutils, busybox).
    if FALSE.contains(&first.value.trim()) {
        return Some((1, first.line));
    }
    if !SHELLS.contains(&first.value.as_str()) || !spec.argv.iter().any(|a| a.value == "-c") {
        return None;
    }
    let script = spec.argv.last()?;
    let last = script.value.rsplit(['\n', ';']).map(str::trim).find(|s| !s.is_empty())?;
    // `work && exit 1` exits 1 whenever the work succeeds; `work || exit 1` only when it fails.
    let (before, last) = last.rsplit_once("&&").map_or(("", last), |(b, l)| (b, l.trim()));
    if before.contains("||") {
        return None;
    }
    if FALSE.contains(&last) {
        return Some((1, script.line));
    }
    let code: i64 = last.strip_prefix("exit ")?.trim().parse().ok()?;
    (code != 0).then_some((code, script.line))
}

/// The program that only fails, by the names a command gives it.
const FALSE: &[&str] = &["false", "/bin/false", "/usr/bin/false"];

/// `command: ["exit 1"]`: one word with spaces, which the runtime takes as a program name.
fn command_is_one_string(facts: &Facts) -> Option<Signal> {
    let specs = facts.jobs.iter().flat_map(|j| j.containers.iter());
    specs.into_iter().find_map(|spec| {
        let first = spec.argv.first()?;
        let word = first.value.trim();
        if !word.contains(' ') || SHELLS.contains(&word) || word.starts_with('-') {
            return None;
        }
        let mut found =
            signal(Cause::BadCommand, 0.45, "check-command-one-string", vec![first.line]);
        found.container = spec.name.clone();
        found.detail = Some("the command is one string with spaces".to_owned());
        Some(found)
    })
}

/// Every container's command and args the paste shows, with the container's name: from the
/// Jobs' templates, the pods' describes and the manifests cut from the middle.
fn argvs(facts: &Facts) -> impl Iterator<Item = (Option<String>, &[Located<String>])> {
    let specs = facts.jobs.iter().flat_map(|j| &j.containers).chain(&facts.loose_containers);
    let specs = specs.map(|s| (s.name.clone(), s.argv.as_slice()));
    let pods = facts.pods.iter().flat_map(|p| p.all_containers());
    specs.chain(pods.map(|c| (Some(c.name.clone()), c.argv.as_slice())))
}

/// `["/bin/sh", "-c ls > /out"]`: the shell's `-c` and its script in one argument. A shell reads
/// an argument that starts with `-` as a cluster of options, so it refuses ` `, `l`, `s` as
/// options and exits 2 before running anything.
fn shell_flag_joined_to_script(facts: &Facts) -> Option<Signal> {
    argvs(facts).find_map(|(name, argv)| {
        let [shell, joined, ..] = argv else { return None };
        let script = joined.value.trim().strip_prefix("-c ")?;
        if !SHELLS.contains(&shell.value.trim()) || script.trim().is_empty() {
            return None;
        }
        let mut found =
            signal(Cause::BadCommand, 0.6, "check-shell-flag-joined", vec![joined.line]);
        found.container = name;
        found.detail =
            Some("-c and the script are one argument, which the shell reads as options".to_owned());
        Some(found)
    })
}

/// `args: ["-F c", "-U app"]`: an option and its value in one argument. No shell splits the
/// words of `command` and `args`, so the program reads the option `-F` with the value ` c` (or
/// an option named `-format c`), which it refuses. An argument after another option that has
/// no `=` may be that option's value (`--extra-args`, `"-v 2"`), and is left alone.
fn option_joined_to_its_value(facts: &Facts) -> Option<Signal> {
    argvs(facts).find_map(|(name, argv)| {
        if argv.first().is_none_or(|a| SHELLS.contains(&a.value.trim())) {
            return None;
        }
        let joined = argv.windows(2).find_map(|pair| {
            let before = pair[0].value.trim();
            let (option, value) = pair[1].value.trim().split_once(' ')?;
            let single =
                |o: &str| o.len() == 2 && o.chars().nth(1).is_some_and(|c| c.is_ascii_alphabetic());
            let long = |o: &str| o.len() > 2 && o.starts_with("--") && !o.contains('=');
            let is_option = option.starts_with('-') && (single(option) || long(option));
            let value_of_before = before.starts_with('-') && !before.contains('=');
            (is_option && !value.trim().is_empty() && !value_of_before).then_some(&pair[1])
        })?;
        let mut found =
            signal(Cause::BadCommand, 0.65, "check-option-joined-to-value", vec![joined.line]);
        found.container = name;
        found.detail = Some(format!(
            "\"{}\" is one argument: with no shell to split it, the program gets the option and \
             its value as one word; give each its own item of args (or write --option=value)",
            joined.value.trim()
        ));
        Some(found)
    })
}

/// What DNS failures print before the name they looked up: Go's resolver, Node's
/// `getaddrinfo`, curl, Java.
const LOOKUPS: &[&str] =
    &["lookup ", "getaddrinfo ENOTFOUND ", "Could not resolve host: ", "UnknownHostException: "];

/// A name that did not resolve because it was built from a setting that was empty or unset:
/// `claims-.vault.azure.net`, `db..svc`, `undefined.example.com`. No DNS name has an empty label
/// or a label that starts or ends with `-`, so the lookup could never succeed; the fix is the
/// setting, not the network.
fn host_name_from_an_empty_setting(paste: &Paste, facts: &Facts) -> Option<Signal> {
    let typed = |no: usize| facts.commands.iter().any(|c| c.line == no);
    paste.lines.iter().filter(|l| !typed(l.no)).find_map(|line| {
        let host = LOOKUPS.iter().find_map(|mark| {
            let at = line.text.find(mark)? + mark.len();
            let rest = &line.text[at..];
            let end = rest
                .find(|c: char| c.is_whitespace() || matches!(c, ':' | '"' | '\'' | '\\' | '/'));
            Some(&rest[..end.unwrap_or(rest.len())])
        })?;
        let malformed = host.contains('.')
            && host.split('.').enumerate().any(|(i, label)| {
                let last = i + 1 == host.split('.').count();
                (label.is_empty() && !last)
                    || label.starts_with('-')
                    || label.ends_with('-')
                    || matches!(label, "undefined" | "null" | "none" | "None" | "nil" | "<nil>")
                    || label.contains(['$', '{', '}', '%', '<', '>'])
            });
        if !malformed {
            return None;
        }
        let mut found =
            signal(Cause::MissingConfig, 0.85, "check-host-name-from-empty-setting", vec![line.no]);
        found.detail = Some(format!(
            "the name {host} cannot exist: part of it came from a setting that was empty or unset"
        ));
        found.object = Some(host.to_owned());
        Some(found)
    })
}

/// A failed container whose command changes modes or owners while the pod runs as a
/// non-root user: the change is refused.
fn chmod_as_non_root(paste: &Paste, facts: &Facts) -> Option<Signal> {
    let non_root = paste.lines.iter().find(|l| {
        let t = l.text.trim();
        t.strip_prefix("runAsUser:").is_some_and(|v| v.trim() != "0") || t == "runAsNonRoot: true"
    })?;
    facts.pods.iter().find_map(|pod| {
        let failed = pod.all_containers().find(|c| {
            c.state.as_ref().is_some_and(|s| {
                s.kind == StateKind::Terminated
                    && s.exit_code.as_ref().is_some_and(|e| e.value != 0)
            }) && c
                .argv
                .iter()
                .any(|a| a.value.starts_with("chmod ") || a.value.starts_with("chown "))
        })?;
        let word = failed.argv.iter().find(|a| a.value.starts_with("ch"))?;
        let exit = failed.state.as_ref().and_then(|s| s.exit_code.as_ref()).map(|e| e.line);
        let mut lines = vec![non_root.no, word.line];
        lines.extend(exit);
        lines.sort_unstable();
        let mut found = signal(Cause::PermissionDenied, 0.65, "check-chmod-as-non-root", lines);
        found.pod = pod.name.as_ref().map(|n| n.value.clone());
        found.container = Some(failed.name.clone());
        found.detail = Some("changing file modes as a non-root user".to_owned());
        Some(found)
    })
}

/// The Job's `activeDeadlineSeconds`, as evidence beside a deadline signal.
fn deadline_setting(facts: &Facts, signals: &[Signal]) -> Option<Signal> {
    let strongest = strongest(signals, &[Cause::DeadlineExceeded])?;
    let setting = facts.jobs.iter().find_map(|j| j.active_deadline.as_ref())?;
    let mut found =
        signal(Cause::DeadlineExceeded, strongest, "check-deadline-setting", vec![setting.line]);
    found.detail = Some(format!("activeDeadlineSeconds is {}", setting.value));
    Some(found)
}

/// The strength of a recovery with nothing else to say what failed: below what decides, so the
/// answer stays `unknown` (with the failed attempt's state as the next thing to read) and the
/// recovery is the runner-up.
const ALONE: f32 = 0.35;

/// What the environment gives a Job, that can be missing at first and there a moment later: a
/// service that is not up yet, credentials the metadata server or a webhook has not yet handed
/// out, a Secret or a setting another release step creates.
const NOT_YET_THERE: &[Cause] = &[
    Cause::NetworkOrDns,
    Cause::MissingConfig,
    Cause::MissingSecretOrConfigMap,
    Cause::AuthFailure,
];

/// Exception names that say the code itself went wrong, whatever it was given.
const BUG_MARKS: &[&str] = &[
    "IndexError",
    "KeyError",
    "TypeError",
    "AttributeError",
    "ValueError",
    "NameError",
    "ZeroDivisionError",
    "AssertionError",
    "NullPointerException",
    "IndexOutOfBounds",
    "ClassCastException",
    "panicked at",
    "panic: ",
];

/// What a start the runtime failed counts for, beside a later success of the same Job.
const RUNTIME_CAME_AND_WENT: f32 = 0.55;

/// Failed attempts and a success of the same Job: the work can succeed, so what failed it
/// came and went (`causes.md`: recovery is the evidence `transient-dependency` needs). Alone it
/// is a hint; beside something the environment had not yet given the Job ([`NOT_YET_THERE`]) it
/// says that thing was only briefly missing: the same pod template later found it. Beside an
/// error that says only that the program failed (no rule reads it), it says the same.
fn failed_then_succeeded(
    paste: &Paste,
    facts: &Facts,
    signals: &[Signal],
    headline: Option<&Headline>,
) -> Option<Signal> {
    let mut lines = recovery(facts, headline)?;
    let missing = strongest(signals, NOT_YET_THERE);
    // An error that says only that the program failed, where the same program later succeeded,
    // was no fault of its code: it came and went as well. Not one that names a fault of code (an
    // index out of range): the later attempt may have been given other work.
    let of_code =
        |s: &Signal| s.every_line(paste, |line| BUG_MARKS.iter().any(|m| line.text.contains(m)));
    let generic = signals
        .iter()
        .filter(|s| super::logged::is_generic_error(s) && !of_code(s))
        .map(|s| s.strength)
        .reduce(f32::max);
    // A start the runtime itself failed (a shim, a hook, a task that vanished) is no fault of
    // the pod's, and the same pod template later started.
    let runtime = super::runtime::fault(paste).map(|_| RUNTIME_CAME_AND_WENT);
    let came_and_went = [missing, generic, runtime].into_iter().flatten().reduce(f32::max);
    let strength = came_and_went.map_or(ALONE, |n| (n + 0.05).min(0.85));
    lines.sort_unstable();
    lines.dedup();
    let mut found =
        signal(Cause::TransientDependency, strength, "check-failed-then-succeeded", lines);
    found.detail = Some("a later attempt of the same Job succeeded".to_owned());
    Some(found)
}

/// A run of a CronJob that failed on a dependency (a refused connection, a name that did not
/// resolve, a 503) while a later run of the same CronJob completed, and the latest run did not
/// fail again: the dependency came back, so the failure was transient (`causes.md`: evidence of
/// recovery). Runs are Jobs named
/// `<cronjob>-<scheduled minute>`; the later run has the larger number.
fn next_run_succeeded(facts: &Facts, signals: &[Signal]) -> Option<Signal> {
    let dependency = strongest(signals, &[Cause::NetworkOrDns, Cause::TransientDependency])
        .filter(|&s| s >= 0.5)?;
    let runs: Vec<(&str, u64, bool, usize)> = facts
        .jobs
        .iter()
        .filter_map(|job| {
            let name = job.name.as_ref()?;
            let (stem, minute) = name.value.rsplit_once('-')?;
            let minute: u64 = minute.parse().ok().filter(|_| minute.len() >= 8)?;
            let done = job.completion_lines();
            let line = done.first().copied().or_else(|| {
                let status = job.status_column.as_ref().map(|s| s.line);
                status.or(job.completions_column.as_ref().map(|c| c.line))
            })?;
            Some((stem, minute, !done.is_empty(), line))
        })
        .collect();
    // The latest run of the CronJob failed again: the dependency fails now and then, and has
    // not come back.
    let latest_failed =
        |stem: &str| runs.iter().filter(|r| r.0 == stem).max_by_key(|r| r.1).is_some_and(|r| !r.2);
    let (failed, recovered) = runs.iter().filter(|r| !r.2).find_map(|failed| {
        let later = runs.iter().find(|r| r.2 && r.0 == failed.0 && r.1 > failed.1)?;
        (!latest_failed(failed.0)).then_some((failed.3, later.3))
    })?;
    let mut lines = vec![failed, recovered];
    lines.sort_unstable();
    let strength = (dependency + 0.05).min(0.85);
    let mut found = signal(Cause::TransientDependency, strength, NEXT_RUN_RULE, lines);
    found.detail = Some("a later run of the same CronJob succeeded".to_owned());
    Some(found)
}

/// Whether `kubectl get pods` lists a pod `Running` with every one of its containers ready.
pub(super) fn running_ready(pod: &Pod) -> bool {
    let ready = pod.ready_column.as_deref().and_then(|r| r.split_once('/'));
    ready.is_some_and(|(up, all)| up == all && up != "0")
        && pod.status_column.as_ref().is_some_and(|s| s.value == "Running")
}

/// A dependency the program could not reach (a name that did not resolve, a refused
/// connection) in logs of work that then completed, or of an earlier run of a container that
/// now runs ready, with nothing failed and nothing else failing in the log after it: the program
/// waited or retried until the dependency came up (`still not up ... Waiting 1 second`), so the
/// failure came and went (`causes.md`: recovery is the evidence `transient-dependency` needs).
fn recovered_within_the_run(
    paste: &Paste,
    facts: &Facts,
    signals: &[Signal],
    headline: Option<&Headline>,
) -> Option<Signal> {
    let unfinished = facts.jobs.iter().any(|j| !j.is_complete() && j.listed_none_done());
    if shows_a_failure(facts, headline) || unfinished {
        return None;
    }
    // The logs of an earlier run of a container (`kubectl logs --previous`) whose pod now runs
    // with every container ready: it restarted and came up.
    let previous = facts.commands.iter().any(|c| {
        c.value.positional().first() == Some(&"logs")
            && c.value.args.iter().any(|a| a == "-p" || a == "--previous")
    });
    // Once or twice, and up for a minute since (`1 (3m ago)`): a container in a crash loop is
    // also `Running` for a moment between its crashes.
    let settled = |restarts: &str| {
        let (count, since) = restarts.split_once(' ').unwrap_or((restarts, ""));
        let since = since.trim_matches(['(', ')']).trim_end_matches(" ago");
        let up_a_minute =
            crate::timeline::clock::first_age(since).is_some_and(|(seconds, _)| seconds >= 60);
        matches!(count, "1" | "2") && up_a_minute
    };
    let came_up = |pod: &crate::model::Pod| {
        previous && pod.restarts_column.as_deref().is_some_and(settled) && running_ready(pod)
    };
    let done: Vec<usize> = facts
        .jobs
        .iter()
        .flat_map(|j| j.completion_lines())
        .chain(facts.pods.iter().filter(|p| super::succeeded(p) || came_up(p)).filter_map(|p| {
            p.status_column.as_ref().map(|s| s.line).or(p.phase.as_ref().map(|s| s.line))
        }))
        .collect();
    let dependency = signals
        .iter()
        .filter(|s| s.cause == Cause::NetworkOrDns && s.strength >= 0.5)
        .filter(|s| s.stands_only_on(|l| facts.is_log(l)))
        .max_by(|a, b| a.strength.total_cmp(&b.strength))?;
    // A failure whose retries ran out did not come and go, whatever the exit code.
    if retries_ran_out(paste, dependency) {
        return None;
    }
    // Nor did one in the logs of pods the paste shows neither done nor running ready (an init
    // container that waits on a name that never resolves): what completed beside them is other
    // work.
    let sources = crate::join::log_sources(facts);
    let whose = sources.iter().filter(|s| dependency.lines.iter().any(|l| s.lines.contains(l)));
    let pods: Vec<Option<&crate::model::Pod>> = whose.map(|s| facts.pod(&s.pod)).collect();
    let short_of_done = |p: &Option<&crate::model::Pod>| {
        p.is_some_and(|p| !super::succeeded(p) && !running_ready(p))
    };
    if !pods.is_empty() && pods.iter().all(short_of_done) {
        return None;
    }
    // Another failure the program logged after it (a file it could not write): the work went
    // on past the dependency and exited 0 without recovering (a script that ignores errors).
    let last = *dependency.lines.iter().max()?;
    let failed_later = signals.iter().any(|s| {
        ![Cause::NetworkOrDns, Cause::TransientDependency].contains(&s.cause)
            && s.strength >= 0.5
            && s.stands_only_on(|l| l > last && facts.is_log(l))
    });
    if failed_later {
        return None;
    }
    // Read last, as the one check here that reads every line of the paste: a user who says the
    // success is false ("restore succeeded but the volume is empty") says the failure did not
    // come and go: the work went on without what it could not reach.
    if super::prose::doubts_the_success(&paste.lines, facts).is_some() {
        return None;
    }
    let first_done = *done.iter().min()?;
    let mut lines = dependency.lines.clone();
    lines.push(first_done);
    lines.sort_unstable();
    lines.dedup();
    let strength = (dependency.strength + 0.05).min(0.85);
    let mut found = signal(Cause::TransientDependency, strength, RECOVERED_RULE, lines);
    found.detail =
        Some("the work completed after the program failed to reach its dependency".to_owned());
    Some(found)
}

/// The rules of the checks that find a failure came and went while the work went on to
/// complete.
pub const CAME_AND_WENT: &[&str] = &[RETRIED_RULE, RECOVERED_RULE, NEXT_RUN_RULE];

/// The rule ids of [`recovered_within_the_run`]'s and [`next_run_succeeded`]'s signals.
const RECOVERED_RULE: &str = "check-recovered-within-the-run";
const NEXT_RUN_RULE: &str = "check-next-run-succeeded";

/// Words of a program saying it tries again.
const RETRY_WORDS: &[&str] = &["retry", "retrying", "retries", "attempt", "again"];

/// Lower-case phrases of a program saying its retries ran out: the failure was retried, and
/// stayed.
const GAVE_UP: &[&str] =
    &["gave up retrying", "giving up", "retries exhausted", "max retries exceeded"];

/// Whether a log line says the program stopped retrying the failure it reports.
fn gave_up(text: &str) -> bool {
    let lower = text.to_lowercase();
    GAVE_UP.iter().any(|g| lower.contains(g))
}

/// Whether one of `signal`'s lines says the program stopped retrying ([`gave_up`]): the failure
/// was retried, and stayed.
fn retries_ran_out(paste: &Paste, signal: &Signal) -> bool {
    signal.lines.iter().filter_map(|&no| paste.line(no)).any(|l| gave_up(&l.text))
}

/// Words of a program saying a step went through.
const SUCCESS_WORDS: &[&str] = &[
    "ok",
    "success",
    "successful",
    "successfully",
    "succeeded",
    "done",
    "complete",
    "completed",
    "finished",
    "connected",
    "established",
    "healthy",
    "recovered",
    "reachable",
];

/// Words that turn a line with a success word into a failure (`not connected`).
const NEGATIONS: &[&str] = &["not", "unable", "cannot", "failed", "failure", "never"];

/// Whether `text` says the program tries again: a retry word as a whole word, where an
/// underscore joins a word (`EAI_AGAIN`, the resolver's error code, is no retry).
fn says_retry(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '_')
        .any(|word| RETRY_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w)))
}

/// Whether `text` has one of `words` as a whole word, in any case.
fn says(text: &str, words: &[&str]) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|word| words.iter().any(|w| word.eq_ignore_ascii_case(w)))
}

/// A dependency failure the program retried past: the lines of the failure and of the success.
struct RetriedPast {
    lines: Vec<usize>,
    /// Whether the log reports another error after the success: the work failed later, on
    /// something else.
    failed_after: bool,
}

/// A dependency the program could not use (a name that did not resolve, a refused connection,
/// credentials not yet handed out) in a log that says, on the failure's lines or after them,
/// that it tries again and then that the step went through (`connected to redis`). The log
/// runs to the next blank line or command.
fn retried_past(paste: &Paste, facts: &Facts, signals: &[Signal]) -> Option<RetriedPast> {
    let dependency = signals
        .iter()
        .filter(|s| NOT_YET_THERE.contains(&s.cause) && s.strength >= 0.5)
        .filter(|s| s.stands_only_on(|l| facts.is_log(l)))
        .max_by(|a, b| a.strength.total_cmp(&b.strength))?;
    if retries_ran_out(paste, dependency) {
        return None;
    }
    let after = log_after(paste, facts, &dependency.lines);
    let retried_on_failure =
        dependency.lines.iter().filter_map(|&no| paste.line(no)).any(|l| says_retry(&l.text));
    let retry =
        if retried_on_failure { 0 } else { after.iter().position(|l| says_retry(&l.text))? };
    // The first success after the retry answers the failure; an error after the last success
    // is a failure of its own.
    let success = after[retry..].iter().position(|l| went_through(&l.text))? + retry;
    let last_success = after.iter().rposition(|l| went_through(&l.text)).unwrap_or(success);
    let failed_after = after[last_success..].iter().any(|l| super::logged::is_error(&l.text));
    let mut lines = dependency.lines.clone();
    lines.push(after[success].no);
    lines.sort_unstable();
    lines.dedup();
    Some(RetriedPast { lines, failed_after })
}

/// Whether a log line says a step went through (`connected to redis`, `done in 4m`).
fn went_through(text: &str) -> bool {
    says(text, SUCCESS_WORDS) && !says(text, NEGATIONS) && !super::logged::is_error(text)
}

/// The log lines after the last of `lines`, to the next blank line or command.
fn log_after<'a>(paste: &'a Paste, facts: &Facts, lines: &[usize]) -> Vec<&'a crate::text::Line> {
    let Some(&last) = lines.iter().max() else { return Vec::new() };
    let typed: Vec<usize> = facts.commands.iter().map(|c| c.line).collect();
    paste
        .lines
        .iter()
        .skip_while(|l| l.no <= last)
        .take_while(|l| !l.text.trim().is_empty() && !typed.contains(&l.no))
        .collect()
}

/// Whether the log that holds `signal`'s lines goes on to say the work went through, with no
/// error after: an error the program logged and carried on past.
fn carried_past(paste: &Paste, facts: &Facts, signal: &Signal) -> bool {
    let after = log_after(paste, facts, &signal.lines);
    let Some(last_success) = after.iter().rposition(|l| went_through(&l.text)) else {
        return false;
    };
    !after[last_success..].iter().any(|l| super::logged::is_error(&l.text))
}

/// A dependency failure the program retried past ([`retried_past`]) with no error after: the
/// program went on and the work went through, so the failure came and went (`causes.md`:
/// recovery is the evidence `transient-dependency` needs).
fn retried_and_succeeded(paste: &Paste, facts: &Facts, signals: &[Signal]) -> Option<Signal> {
    let past = retried_past(paste, facts, signals).filter(|p| !p.failed_after)?;
    let mut found = signal(Cause::TransientDependency, RETRIED, RETRIED_RULE, past.lines);
    found.detail = Some("the program tried again and the step went through".to_owned());
    Some(found)
}

/// What a failure the program retried past weighs, and what the failure itself keeps: it came
/// and went, which answers when nothing else failed, and gives way to what did (a sidecar that
/// holds the pod after the work is done, an error logged later).
const RETRIED: f32 = 0.55;
const RETRIED_PAST: f32 = 0.45;

/// The rule id of [`retried_and_succeeded`]'s signal.
const RETRIED_RULE: &str = "check-retried-and-succeeded";

/// A failure the program retried past ([`retried_past`]), whether or not the work failed later
/// on something else, is no longer the answer by itself: its own signals keep at most
/// [`RETRIED_PAST`].
pub fn retried_failures_give_way(paste: &Paste, facts: &Facts, signals: &mut [Signal]) {
    let Some(past) = retried_past(paste, facts, signals) else { return };
    for signal in signals.iter_mut().filter(|s| NOT_YET_THERE.contains(&s.cause)) {
        if signal.stands_only_on(|l| past.lines.contains(&l)) {
            signal.strength = signal.strength.min(RETRIED_PAST);
        }
    }
}

/// A pod as [`recovery`] reads it: its Job, how it ended, its line and its age in seconds.
struct Attempt {
    job: Option<String>,
    outcome: Outcome,
    line: Option<usize>,
    age: Option<i64>,
}

/// The lines that show a Job recovered: a failed pod and a succeeded pod of the same Job, or a
/// completed Job that counts failed pods. `None` when the Job failed in the end (a failure
/// condition or headline): failed and succeeded pods of a failed Job are different work, such
/// as the indexes of an Indexed Job.
pub fn recovery(facts: &Facts, headline: Option<&Headline>) -> Option<Vec<usize>> {
    if headline.is_some() || facts.jobs.iter().any(|j| j.failed_condition().is_some()) {
        return None;
    }
    // A pod still in phase Pending or Running has not ended, whatever its STATUS says (a pod
    // the kubelet blocks shows `AppArmor` while it waits): it is no failed attempt.
    let unfinished = |pod: &crate::model::Pod| {
        pod.phase.as_ref().is_some_and(|p| p.value == "Pending" || p.value == "Running")
    };
    // A pod's AGE, where `kubectl get pods` shows it: a success older than a failure came
    // before it, and is no later attempt that got past it.
    let age = |pod: &crate::model::Pod| {
        let column = pod.age_column.as_ref()?;
        crate::timeline::clock::first_age(&column.value).map(|(seconds, _)| seconds)
    };
    let seen: Vec<Attempt> = facts
        .pods
        .iter()
        .map(|pod| {
            let line = pod.name.as_ref().map(|n| n.line).filter(|&l| l > 0);
            let line = pod.status_column.as_ref().map(|s| s.line).or(line);
            let outcome = match pod_outcome(pod) {
                Outcome::Failed if unfinished(pod) => Outcome::Unknown,
                outcome => outcome,
            };
            Attempt { job: group(pod), outcome, line, age: age(pod) }
        })
        .collect();
    let before = |success: &Attempt, failure: &Attempt| {
        success.age.zip(failure.age).is_some_and(|(success, failure)| success > failure)
    };
    // Pods of the same Job: the paste names it, or their names share its stem.
    let pair = seen.iter().filter(|a| a.outcome == Outcome::Failed && a.job.is_some()).find_map(
        |failed| {
            let success = seen.iter().find(|a| {
                a.outcome == Outcome::Succeeded && a.job == failed.job && !before(a, failed)
            })?;
            Some([failed.line, success.line])
        },
    );
    let lines: Vec<usize> = pair.into_iter().flatten().flatten().collect();
    if lines.len() == 2 {
        return Some(lines);
    }
    // One container that failed, was restarted in its pod (`restartPolicy: OnFailure`) and then
    // exited 0: its last state is the failure, its state the success.
    let restarted = facts.pods.iter().flat_map(|p| p.all_containers()).find_map(|c| {
        let (now, last) = (c.state.as_ref()?, c.last_state.as_ref()?);
        let failed = last.kind == StateKind::Terminated
            && last.exit_code.as_ref().is_some_and(|e| e.value != 0);
        (failed && finished_well(now)).then(|| vec![last.line, now.line])
    });
    if restarted.is_some() {
        return restarted;
    }
    // The same, as `kubectl get pods` shows it: `Completed` after restarts. Not beside a pod of
    // another Job failing now: the recovery is that other Job's (a listing of a namespace where
    // one install Job recovered last week and another crash-loops now).
    let failing_elsewhere = |pod: &crate::model::Pod| {
        facts.pods.iter().any(|p| crate::names::failing(p) && group(p) != group(pod))
    };
    let completed_after_restarts = facts.pods.iter().find_map(|pod| {
        let status = pod.status_column.as_ref().filter(|s| s.value == "Completed")?;
        if failing_elsewhere(pod) {
            return None;
        }
        let restarts = pod.restarts_column.as_deref()?.split_whitespace().next()?;
        (restarts.parse::<u32>().ok()? > 0).then(|| vec![status.line])
    });
    if completed_after_restarts.is_some() {
        return completed_after_restarts;
    }
    let job = facts.jobs.iter().find(|j| j.failed.as_ref().is_some_and(|f| f.value > 0))?;
    let mut lines = job.completion_lines();
    if lines.is_empty() {
        return None;
    }
    lines.extend(job.failed.as_ref().map(|f| f.line));
    Some(lines)
}

/// A CronJob setting that keeps it from creating Jobs: `suspend: true`, or a
/// `startingDeadlineSeconds` so short that a start the controller makes a little late counts as
/// missed and is skipped. The documentation warns below 10 seconds (the controller used to check
/// every 10 seconds); under a minute leaves no room for a controller that is briefly behind.
///
/// When the paste shows a failure (a Job's failure headline or condition, a failed pod), the
/// CronJob did create Jobs, and the question is why they failed: the settings are not the cause.
fn cronjob_settings(
    facts: &Facts,
    signals: &[Signal],
    headline: Option<&Headline>,
) -> Option<Signal> {
    if runs_failed(facts, signals, headline) {
        return None;
    }
    facts.cronjobs.iter().find_map(|cronjob| {
        let (strength, line, detail) = if let Some(suspend) =
            cronjob.suspend.as_ref().filter(|_| cronjob.is_suspended())
        {
            (0.75, suspend.line, "the CronJob is suspended".to_owned())
        } else {
            // A pod of its own that crashes or errs: it does start runs, and they fail.
            let name = cronjob.name.as_ref().map(|n| n.value.as_str());
            let crashing = |p: &&Pod| {
                let status = p.status_column.as_ref().map(|s| s.value.as_str());
                matches!(status, Some("CrashLoopBackOff" | "Error"))
                    || p.all_containers().any(|c| c.state.as_ref().is_some_and(failed_state))
            };
            let ours =
                |p: &&Pod| name.zip(p.name.as_ref()).is_some_and(|(c, o)| named_after(&o.value, c));
            if facts.pods.iter().filter(ours).any(|p| crashing(&p)) {
                return None;
            }
            let deadline = cronjob.starting_deadline.as_ref()?;
            let seconds: u64 = deadline.value.trim().trim_end_matches('s').parse().ok()?;
            let strength = match seconds {
                0..=9 => 0.7,
                10..=59 => 0.5,
                _ => return None,
            };
            let detail = format!(
                "startingDeadlineSeconds is {seconds}: a start the controller makes later than \
                 that is skipped as missed"
            );
            (strength, deadline.line, detail)
        };
        let mut found =
            signal(Cause::CronjobNotScheduling, strength, "check-cronjob-setting", vec![line]);
        found.detail = Some(detail);
        found.object = cronjob.name.as_ref().map(|n| n.value.clone());
        Some(found)
    })
}

/// The zone of a clock the paste shows as `date` prints it (`Wed Nov 13 10:07:42 CST 2019`),
/// with its line, when it is not UTC.
fn local_clock(paste: &Paste) -> Option<(usize, &str)> {
    paste.lines.iter().find_map(|line| {
        let fields: Vec<&str> = line.text.split_whitespace().collect();
        let [day, month, _, time, zone, year] = fields.as_slice() else { return None };
        let words = |w: &str| w.len() == 3 && w.chars().all(|c| c.is_ascii_alphabetic());
        let shaped = words(day)
            && words(month)
            && time.len() == 8
            && time.matches(':').count() == 2
            && year.len() == 4
            && year.bytes().all(|b| b.is_ascii_digit());
        let utc = matches!(*zone, "UTC" | "GMT" | "Z");
        (shaped && !utc && zone.chars().all(|c| c.is_ascii_alphabetic()))
            .then_some((line.no, *zone))
    })
}

/// Whether the paste sets a CronJob's time zone: `timeZone:` of its spec, or `CRON_TZ=` / `TZ=`
/// in its schedule.
fn sets_a_time_zone(paste: &Paste) -> bool {
    paste.lines.iter().any(|l| {
        let lower = l.text.to_lowercase();
        lower.contains("timezone:") || lower.contains("tz=")
    })
}

/// A CronJob that has never started a Job, whose schedule names an hour, in a paste whose clock
/// is not UTC, that sets no time zone and shows no run that failed: the controller reads the
/// schedule in its own zone, UTC unless `spec.timeZone` says otherwise, so a run the user
/// expects at that hour of their clock comes hours later (or came hours earlier) than they think.
fn cronjob_in_another_zone(
    paste: &Paste,
    facts: &Facts,
    signals: &[Signal],
    headline: Option<&Headline>,
) -> Option<Signal> {
    if facts.cronjobs.is_empty() || runs_failed(facts, signals, headline) {
        return None;
    }
    let (clock, zone) = local_clock(paste)?;
    if sets_a_time_zone(paste) {
        return None;
    }
    facts.cronjobs.iter().find_map(|cronjob| {
        let never = cronjob
            .last_schedule
            .as_ref()
            .is_none_or(|l| matches!(l.value.as_str(), "<none>" | "<unset>"));
        let schedule = cronjob.schedule.as_ref()?;
        let hour = schedule.value.split_whitespace().nth(1)?;
        // The TIMEZONE column of `kubectl get cronjob` names the zone on the CronJob's row.
        let row_zone = paste.line(schedule.line).is_some_and(|l| {
            l.text.split_whitespace().any(|w| {
                w.split_once('/').is_some_and(|(area, city)| {
                    area.starts_with(|c: char| c.is_ascii_uppercase())
                        && area.chars().all(|c| c.is_ascii_alphabetic())
                        && !city.is_empty()
                        && city.chars().all(|c| c.is_ascii_alphabetic() || c == '_')
                })
            })
        });
        if !never || row_zone || cronjob.is_suspended() || hour.parse::<u8>().is_err() {
            return None;
        }
        let mut lines = vec![clock, schedule.line];
        lines.sort_unstable();
        let mut found = signal(Cause::CronjobNotScheduling, 0.55, "check-cronjob-time-zone", lines);
        found.object = cronjob.name.as_ref().map(|n| n.value.clone());
        found.detail = Some(format!(
            "the schedule's hour {hour} is read in the controller's time zone (UTC on most \
             clusters) unless spec.timeZone is set, while this clock reads {zone}"
        ));
        Some(found)
    })
}

/// How long an init container must have been running, waiting, before the wait is the answer.
const WAITED: i64 = 5 * 60;

/// Words of a script or a log that waits for something (`until nc -z db 5432`, `waiting`).
const WAIT_WORDS: &[&str] = &["until", "waiting"];

/// An init container still running after [`WAITED`] or more (by the age of its `Started`
/// event), in a pod whose containers wait for it (`PodInitializing`), whose command or log says
/// it waits (`until nc -z postgres 5432; do echo waiting; ...`), with nothing else found: it
/// waits for a dependency it never reaches, and the pod never starts its work.
fn init_container_waits(paste: &Paste, facts: &Facts, signals: &[Signal]) -> Option<Signal> {
    if signals.iter().any(|s| s.strength >= 0.5) {
        return None;
    }
    let waits = |text: &str| says(text, WAIT_WORDS);
    facts.pods.iter().find_map(|pod| {
        let wait = described_wait(facts, pod).or_else(|| listed_wait(facts, pod))?;
        let spec = wait.argv.iter().filter(|a| waits(&a.value)).map(|a| a.line);
        // The lines that wait, those that call a service first (`until nc -z db 5432`).
        let calls = |text: &str| {
            let text = text.to_ascii_lowercase();
            NETWORK_WAITS.iter().any(|m| text.contains(m))
        };
        let mut logged: Vec<(bool, usize)> = paste
            .lines
            .iter()
            .filter(|l| facts.is_log(l.no) && waits(&l.text))
            .map(|l| (!calls(&l.text), l.no))
            .collect();
        logged.sort_unstable();
        // A pod's row says less than its describe: the wait must be seen calling the network.
        let calls_a_service = logged.first().is_some_and(|&(quiet, _)| !quiet);
        if wait.from_row && !calls_a_service {
            return None;
        }
        let logged = logged.into_iter().map(|(_, no)| no).take(2);
        let mut lines: Vec<usize> = spec.chain(logged).collect();
        if lines.is_empty() {
            return None;
        }
        lines.push(wait.line);
        lines.sort_unstable();
        lines.dedup();
        let mut found = signal(Cause::NetworkOrDns, 0.5, "check-init-container-waits", lines);
        found.pod = pod.name.as_ref().map(|n| n.value.clone());
        found.container.clone_from(&wait.container);
        let which = wait
            .container
            .map_or("an init container".to_owned(), |c| format!("init container {c}"));
        found.detail = Some(format!(
            "{which} has waited {} for a dependency it has not reached, and the pod's \
             containers start only after it ends",
            crate::timeline::clock::short(wait.seconds)
        ));
        Some(found)
    })
}

/// An init container's wait, as [`init_container_waits`] reads it.
struct InitWait<'a> {
    /// The container, when the paste names it.
    container: Option<String>,
    /// Its command and arguments, when the paste shows them.
    argv: &'a [Located<String>],
    /// How long it has waited, in seconds.
    seconds: i64,
    /// The line that shows it waiting: its state, or the pod's row.
    line: usize,
    /// Whether only the pod's row shows it (`Init:0/1`).
    from_row: bool,
}

/// Commands a script waits on a service with (`until nc -z db 5432`, `until pg_isready`).
const NETWORK_WAITS: &[&str] =
    &["nc -z", "nslookup", "pg_isready", "curl ", "wget ", "getent hosts", "mysqladmin ping"];

/// The wait a pod's describe shows: an init container `Running` since its `Started` event
/// [`WAITED`] or more ago, the app containers `PodInitializing`.
fn described_wait<'a>(facts: &Facts, pod: &'a Pod) -> Option<InitWait<'a>> {
    let running = pod
        .init_containers
        .iter()
        .find(|c| c.state.as_ref().is_some_and(|s| s.kind == StateKind::Running))?;
    let held = pod.containers.iter().all(|c| {
        let reason = c.state.as_ref().and_then(|s| s.reason.as_ref());
        reason.is_some_and(|r| r.value == "PodInitializing")
    });
    if !held || pod.containers.is_empty() {
        return None;
    }
    let started = format!("Started container {}", running.name);
    let seconds = facts
        .events
        .iter()
        .filter(|e| e.reason == "Started" && e.message.contains(&started))
        .filter_map(|e| crate::timeline::clock::first_age(e.age.as_deref()?))
        .map(|(seconds, _)| seconds)
        .max()
        .filter(|&seconds| seconds >= WAITED)?;
    Some(InitWait {
        container: Some(running.name.clone()),
        argv: &running.argv,
        seconds,
        line: running.state.as_ref()?.line,
        from_row: false,
    })
}

/// The wait a `kubectl get pods` row shows: `Init:0/1` (no init container done, none failed) for
/// [`WAITED`] or more by its AGE, no restart; the container is the one whose logs the paste reads.
fn listed_wait<'a>(facts: &Facts, pod: &'a Pod) -> Option<InitWait<'a>> {
    let status = pod.status_column.as_ref()?;
    let (done, _) = status.value.strip_prefix("Init:")?.split_once('/')?;
    done.parse::<u32>().ok()?;
    let restarts = pod.restarts_column.as_deref().unwrap_or("0");
    let age = pod.age_column.as_ref()?;
    let (seconds, _) = crate::timeline::clock::first_age(&age.value)?;
    if seconds < WAITED || restarts != "0" {
        return None;
    }
    let name = pod.name.as_ref()?.value.as_str();
    let logged = crate::join::log_sources(facts).into_iter().find(|s| s.pod == name);
    Some(InitWait {
        container: logged.and_then(|s| s.container),
        argv: &[],
        seconds,
        line: status.line,
        from_row: true,
    })
}

/// A CronJob whose last start, told in a zone other than UTC (`Last Schedule Time: Fri, 07 Jun
/// 2019 05:00:00 -0700`), fell on its schedule's hour and minute in UTC and not on the clock it
/// is told in, with no time zone set and no run that failed: it started when its schedule says,
/// read in the controller's zone (UTC unless `spec.timeZone` is set), which is not the hour the
/// user reads it in.
fn cronjob_ran_in_utc(
    paste: &Paste,
    facts: &Facts,
    signals: &[Signal],
    headline: Option<&Headline>,
) -> Option<Signal> {
    if runs_failed(facts, signals, headline) || shows_a_failure(facts, headline) {
        return None;
    }
    if sets_a_time_zone(paste) {
        return None;
    }
    facts.cronjobs.iter().find_map(|cronjob| {
        let schedule = cronjob.schedule.as_ref()?;
        let last = cronjob.last_schedule.as_ref()?;
        let mut fields = schedule.value.split_whitespace();
        let minute: u32 = fields.next()?.parse().ok()?;
        let hour: u32 = fields.next()?.parse().ok()?;
        let (local_hour, local_minute, offset) = zoned_clock(&last.value)?;
        let utc_hour = (local_hour as i32 - offset).rem_euclid(24) as u32;
        if offset == 0 || local_minute != minute || utc_hour != hour || local_hour == hour {
            return None;
        }
        let mut found = signal(Cause::NoFailure, 0.6, "check-cronjob-ran-in-utc", vec![last.line]);
        found.object = cronjob.name.as_ref().map(|n| n.value.clone());
        found.detail = Some(format!(
            "it started at {hour:02}:{minute:02} UTC, as its schedule says: the controller reads \
             the schedule in UTC unless spec.timeZone is set, and that was \
             {local_hour:02}:{local_minute:02} on the clock of its last schedule time"
        ));
        Some(found)
    })
}

/// The hour, the minute and the whole-hour UTC offset of a time told with its offset
/// (`Fri, 07 Jun 2019 05:00:00 -0700`).
fn zoned_clock(value: &str) -> Option<(u32, u32, i32)> {
    let words: Vec<&str> = value.split_whitespace().collect();
    let at = words.iter().position(|w| w.len() == 8 && w.matches(':').count() == 2)?;
    let mut parts = words[at].split(':');
    let hour: u32 = parts.next()?.parse().ok()?;
    let minute: u32 = parts.next()?.parse().ok()?;
    let offset = words.get(at + 1)?;
    let (sign, digits) = match offset.split_at_checked(1)? {
        ("+", d) => (1, d),
        ("-", d) => (-1, d),
        _ => return None,
    };
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) || &digits[2..] != "00" {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    (hour < 24 && minute < 60).then_some((hour, minute, sign * hours))
}

/// Whether the paste shows runs that failed: a Job's failure headline or condition, a failed
/// pod, or a failure signal of another cause. A CronJob that created them did start Jobs.
fn runs_failed(facts: &Facts, signals: &[Signal], headline: Option<&Headline>) -> bool {
    shows_a_failure(facts, headline)
        || signals.iter().any(|s| s.strength >= 0.5 && s.cause != Cause::CronjobNotScheduling)
}

/// Whether the paste shows a run that failed: the Job's failure (its headline or condition) or
/// a failed pod.
fn shows_a_failure(facts: &Facts, headline: Option<&Headline>) -> bool {
    headline.is_some()
        || facts.jobs.iter().any(|j| j.failed_condition().is_some())
        || facts.pods.iter().any(|p| pod_outcome(p) == Outcome::Failed)
}

/// How many of its longest waits a CronJob may go without a start before it has stopped.
const MISSED_WAITS: i64 = 3;

/// A CronJob, not suspended and with no failing Job running, that last started a Job longer ago
/// than [`MISSED_WAITS`] of the longest waits its schedule allows ([`crate::cron::longest_gap`]):
/// the controller has stopped starting it (too many missed start times, a controller that was
/// down), or it waits on a run that never ends. How long ago is its
/// LAST SCHEDULE age, or, for a time, how far it lies behind the latest last schedule of the
/// CronJobs the paste lists (the paste's own "now" is at least that).
fn cronjob_stalled(
    facts: &Facts,
    signals: &[Signal],
    headline: Option<&Headline>,
) -> Option<Signal> {
    use crate::timeline::clock;
    if runs_failed(facts, signals, headline) {
        return None;
    }
    // A pod listed as anything but running or done (`CrashLoopBackOff`, `ImagePullBackOff`,
    // `Pending`) is a failure of its own to explain.
    let unwell = |p: &crate::model::Pod| {
        p.status_column
            .as_ref()
            .is_some_and(|s| !["Running", "Completed"].contains(&s.value.as_str()))
    };
    let held_by_a_failure = shows_a_failure(facts, headline) || facts.pods.iter().any(unwell);
    let latest = facts
        .cronjobs
        .iter()
        .filter_map(|c| clock::timestamp(&c.last_schedule.as_ref()?.value))
        .max();
    // Of several, the one that missed the most starts.
    let stalled = facts.cronjobs.iter().filter_map(|cronjob| {
        let schedule = cronjob.schedule.as_ref()?;
        let last = cronjob.last_schedule.as_ref()?;
        let gap = i64::from(crate::cron::longest_gap(&schedule.value)?) * 60;
        let (behind, when) = match clock::timestamp(&last.value) {
            Some(at) => (latest? - at, "before the latest start the paste shows"),
            None => (clock::age(&last.value)?.0, "ago"),
        };
        // One that counts a Job as running and has not started another for as long waits on
        // it (`concurrencyPolicy: Forbid`; with `Allow` it would have started more): when that
        // Job's pods are failing, or not shown with nothing saying Forbid, they are the
        // question, not the controller; when they run and nothing fails, or the CronJob says
        // Forbid, the run that never ends holds the schedule.
        // `concurrencyPolicy: Forbid`, in any view of this CronJob the paste shows (a table row
        // and a describe of the same CronJob are read as two).
        let name = cronjob.name.as_ref().map(|n| n.value.as_str());
        let forbids = facts.cronjobs.iter().any(|c| {
            c.name.as_ref().map(|n| n.value.as_str()) == name
                && c.concurrency.as_ref().is_some_and(|p| p.value == "Forbid")
        });
        let unseen = facts.pods.is_empty() && !forbids;
        let held = cronjob.has_active() && (held_by_a_failure || unseen);
        (!cronjob.is_suspended() && !held && gap > 0 && behind > MISSED_WAITS * gap)
            .then_some((cronjob, schedule, last, gap, behind, when))
    });
    let most = stalled.max_by_key(|&(.., gap, behind, _)| behind / gap);
    most.map(|(cronjob, schedule, last, gap, behind, when)| {
        let lines = vec![last.line];
        let mut found = signal(Cause::CronjobNotScheduling, 0.6, "check-cronjob-stalled", lines);
        let why = if cronjob.has_active() {
            "it waits on the Job it counts as running, which never ends (concurrencyPolicy \
             Forbid skips every start until then)"
        } else {
            "the controller has stopped starting it"
        };
        found.detail = Some(format!(
            "its schedule {} starts a Job at least every {}, but the last start was {} {when}: \
             {why}",
            schedule.value,
            clock::short(gap),
            clock::short(behind)
        ));
        found.object = cronjob.name.as_ref().map(|n| n.value.clone());
        found
    })
}

/// The strength of a pod's own `PodScheduled: False`: what the scheduler wrote on the pod.
const NOT_SCHEDULED: f32 = 0.75;

/// A pod whose `PodScheduled` condition is `False`: the scheduler that owns it (the default
/// scheduler's `Unschedulable`, or another's, like EKS Fargate's) could not place it, or
/// scheduling gates still hold it (`SchedulingGated`, which a queue such as Kueue lifts when it
/// admits the work). The message says why; the reason alone is enough to know where.
fn not_scheduled(facts: &Facts) -> Option<Signal> {
    let (pod, condition) = facts.pods.iter().find_map(|pod| {
        let unscheduled = |c: &&crate::model::Condition| {
            c.kind == "PodScheduled" && c.status.as_deref() == Some("False")
        };
        Some((pod, pod.conditions.iter().find(unscheduled)?))
    })?;
    let reason = condition.reason.as_ref();
    let gated = reason.is_some_and(|r| r.value == "SchedulingGated");
    let mut lines = vec![condition.line];
    lines.extend(reason.map(|r| r.line));
    lines.extend(condition.message.as_ref().map(|m| m.line));
    lines.sort_unstable();
    lines.dedup();
    let strength = if gated { NOT_SCHEDULED - 0.15 } else { NOT_SCHEDULED };
    let mut found = signal(Cause::Unschedulable, strength, "check-pod-not-scheduled", lines);
    found.pod = pod.name.as_ref().map(|n| n.value.clone());
    found.detail = Some(match (reason, condition.message.as_ref()) {
        _ if gated => "scheduling gates hold the pod: the queue or controller that set them has \
                       not admitted it"
            .to_owned(),
        (Some(r), Some(m)) => {
            format!("the scheduler could not place the pod: {} ({})", m.value, r.value)
        }
        (Some(r), None) => format!("the scheduler could not place the pod: {}", r.value),
        (None, _) => "the scheduler could not place the pod".to_owned(),
    });
    Some(found)
}

/// The strength of pods that `kubectl get pods` shows `Pending` for a minute or more.
const PENDING_A_WHILE: f32 = 0.45;

/// Pods that `kubectl get pods` lists as `Pending` a minute or more after they were created have
/// no node: once the scheduler binds a pod, the kubelet shows it as `ContainerCreating`,
/// `Init:0/1` or a waiting reason within seconds. Without the scheduler's events that is a
/// hint, not proof (a node may be slow to report), so it decides only when nothing says more,
/// and it does not say why a deadline ran out (`causes.md`: the deadline gives way only to
/// evidence of why the pod waited). Pods of a Deployment or StatefulSet beside the Job are their
/// own story.
fn pending_a_while(facts: &Facts, signals: &[Signal]) -> Option<Signal> {
    use crate::timeline::clock;
    if strongest(signals, &[Cause::DeadlineExceeded]).is_some() {
        return None;
    }
    let other = |name: &str| super::workloads::of_a_serving_workload(facts, name);
    let lines: Vec<usize> = facts
        .pods
        .iter()
        .filter(|p| p.name.as_ref().is_none_or(|n| !other(&n.value)))
        .filter(|p| p.status_column.as_ref().is_some_and(|s| s.value == "Pending"))
        .filter(|p| {
            let age = p.age_column.as_ref().and_then(|a| clock::first_age(&a.value));
            age.is_some_and(|(seconds, _)| seconds >= 60)
        })
        .filter_map(|p| p.status_column.as_ref().map(|s| s.line))
        .collect();
    let first = *lines.first()?;
    let mut found = signal(Cause::Unschedulable, PENDING_A_WHILE, "check-pending-a-while", lines);
    found.pod = facts
        .pods
        .iter()
        .find(|p| p.status_column.as_ref().is_some_and(|s| s.line == first))
        .and_then(|p| p.name.as_ref().map(|n| n.value.clone()));
    found.detail =
        Some("the pod has been Pending for a minute or more: no node has taken it".to_owned());
    Some(found)
}

/// The strength of a stop from outside that came before the Job failed.
const STOPPED_FIRST: f32 = 0.55;

/// A Job that failed after its pod was stopped from outside: the user deleted the pod (a
/// `kubectl delete pod` the paste shows them typing), or the kubelet stopped its container
/// (`Killing`, `Stopping container C`) before the failure was recorded. A pod being deleted
/// counts as failed, so with a low `backoffLimit` the Job fails at once. Killing events after
/// the failure are the controller's clean-up of the remaining pods, and say nothing.
fn stopped_before_failure(facts: &Facts, headline: Option<&Headline>) -> Option<Signal> {
    let failure = headline.and_then(|h| h.line).or_else(|| {
        facts.jobs.iter().find_map(|j| j.failed_condition()?.reason.as_ref().map(|r| r.line))
    })?;
    let deleted = facts.commands.iter().find(|c| {
        c.value.positional().first() == Some(&"delete")
            && crate::names::subject::pod_of_command(&c.value).is_some()
    });
    let killed = facts.events.iter().find(|e| stopped_container(e).is_some() && e.line < failure);
    let (line, detail) = match (deleted, killed) {
        (Some(command), _) => {
            (command.line, "the pod was deleted while it ran, and a deleted pod counts as failed")
        }
        (None, Some(event)) => {
            (event.line, "the kubelet stopped the container before the Job failed: something deleted the pod or drained its node")
        }
        (None, None) => return None,
    };
    let mut found = signal(
        Cause::TerminatedBySignal,
        STOPPED_FIRST,
        "check-stopped-before-failure",
        vec![line],
    );
    found.detail = Some(detail.to_owned());
    Some(found)
}

/// Lower-case marks of a server that has started and now waits for requests: it will not exit
/// by itself.
const SERVING: &[&str] = &[
    "resuming normal operations",
    "ready to accept connections",
    "now listening on",
    "listening on port",
    "listening at http",
    "running on http",
    "started server on",
    "server started on",
];

/// A Job still running whose program's output says it started a server and waits for requests
/// (Apache's `resuming normal operations`, `Listening on port 8080`): the container runs the
/// image's long-running default (a web server) rather than the task, so the Job never completes.
/// Only when nothing failed and no other signal explains the paste.
fn serves_forever(
    paste: &Paste,
    facts: &Facts,
    signals: &[Signal],
    headline: Option<&Headline>,
) -> Option<Signal> {
    if runs_failed(facts, signals, headline) || signals.iter().any(|s| s.strength >= 0.5) {
        return None;
    }
    let running =
        facts.jobs.iter().any(|j| !j.is_complete() && (j.listed_running() || j.listed_none_done()));
    if !running {
        return None;
    }
    let line = facts.log_lines.iter().filter_map(|&no| paste.line(no)).find(|l| {
        let lower = l.text.to_lowercase();
        SERVING.iter().any(|m| lower.contains(m))
    })?;
    let mut found = signal(Cause::BadCommand, 0.5, "check-serves-forever", vec![line.no]);
    found.detail = Some(
        "the container started a server that waits for requests, so the Job never completes: \
         its command runs the image's long-running default instead of the task"
            .to_owned(),
    );
    Some(found)
}

/// A pod that reads `Completed` although the kubelet stopped its only container (`Killing`,
/// `Stopping container C`): the pod was deleted or drained while it worked, and the program
/// exited 0 on the SIGTERM. A container that ends on its own is never killed, so the event
/// says the work was cut short; the exit code only says the program shut down cleanly.
fn stopped_then_completed(facts: &Facts) -> Option<Signal> {
    facts.events.iter().find_map(|event| {
        let container = stopped_container(event)?;
        let pod = pod_of_event(facts, event)?;
        let one_container = pod.ready_column.as_deref().is_some_and(|r| r.ends_with("/1"))
            || (pod.containers.len() == 1 && pod.containers[0].name == container);
        if !succeeded(pod) || !one_container {
            return None;
        }
        let mut lines = vec![event.line];
        lines.extend(pod.status_column.as_ref().map(|s| s.line));
        lines.sort_unstable();
        let mut found =
            signal(Cause::TerminatedBySignal, 0.6, "check-stopped-then-completed", lines);
        found.pod = pod.name.as_ref().map(|n| n.value.clone());
        found.container = Some(container.to_owned());
        found.detail = Some(format!(
            "the kubelet stopped container {container} (Killing) and it exited 0 on the SIGTERM: \
             the pod reads Completed, but its work was cut short"
        ));
        Some(found)
    })
}

/// The container the kubelet stopped, by its `Killing` event (`Stopping container C`).
fn stopped_container(event: &crate::model::Event) -> Option<&str> {
    let container = event.message.strip_prefix("Stopping container ")?.trim();
    (event.reason == "Killing").then_some(container)
}

/// The pod an event is about: the one its object names (`pod/x`), or the paste's only pod when
/// the events are a describe's own.
fn pod_of_event<'a>(facts: &'a Facts, event: &crate::model::Event) -> Option<&'a Pod> {
    match event.object.as_deref().and_then(|o| o.strip_prefix("pod/")) {
        Some(name) => facts.pod(name),
        None => match facts.pods.as_slice() {
            [only] => Some(only),
            _ => None,
        },
    }
}

/// The strength of a stop from outside that is all the paste shows.
const STOPPED_ONLY: f32 = 0.5;

/// The kubelet stopped a running container (`Killing`, `Stopping container C`) and nothing in
/// the paste shows a failure or a completion: no Job condition, no failed or completed pod, no
/// signal that explains more. A
/// container that ends by itself is never killed, and a failed probe words its `Killing`
/// otherwise (`Container C failed liveness probe`), so the pod was deleted, drained or
/// preempted while it worked; whatever ran it then saw the work end without an error of its own.
fn stopped_and_nothing_failed(
    paste: &Paste,
    facts: &Facts,
    signals: &[Signal],
    headline: Option<&Headline>,
) -> Option<Signal> {
    // Work the paste shows completed had its leftovers stopped (a sidecar after the work):
    // [`stopped_then_completed`] reads a completed pod.
    let completed =
        facts.jobs.iter().any(|j| j.is_complete()) || facts.pods.iter().any(super::succeeded);
    if completed || runs_failed(facts, signals, headline) {
        return None;
    }
    let (event, container) = facts.events.iter().find_map(|e| Some((e, stopped_container(e)?)))?;
    let pod_name = event.object.as_deref().and_then(|o| o.strip_prefix("pod/"));
    let pod = pod_of_event(facts, event);
    let cordoned = pod.and_then(|p| cordoned_node(paste, p));
    let strength = if cordoned.is_some() { STOPPED_ON_A_DRAINED_NODE } else { STOPPED_ONLY };
    let mut lines = vec![event.line];
    lines.extend(cordoned.as_ref().map(|(line, _)| *line));
    let mut found = signal(Cause::TerminatedBySignal, strength, "check-stopped-only", lines);
    found.pod = pod_name.map(str::to_owned);
    found.container = Some(container.to_owned());
    found.detail = Some(match cordoned {
        Some((_, node)) => format!(
            "the kubelet stopped container {container} while it ran (Killing), and its node \
             {node} is cordoned (SchedulingDisabled): the node was being drained"
        ),
        None => format!(
            "the kubelet stopped container {container} while it ran (Killing) and nothing shows \
             it failing: the pod was deleted, or its node drained or scaled down"
        ),
    });
    Some(found)
}

/// The strength of a container that exits 0 at once, silent, and is restarted.
const IDLE_COMMAND: f32 = 0.55;

/// Whether the paste asks for the logs of `pod` and every such command printed nothing (a
/// line that holds only a shell's prompt is no output).
fn printed_nothing(paste: &Paste, facts: &Facts, pod: &str) -> bool {
    let output = |no: usize| {
        paste.line(no).is_some_and(|l| !matches!(l.text.trim(), "" | "$" | "#" | ">" | "%"))
    };
    let sources = crate::join::log_sources(facts);
    let mut of_pod = sources.iter().filter(|s| s.pod == pod).peekable();
    of_pod.peek().is_some()
        && of_pod.all(|s| !s.lines.clone().any(|no| facts.is_log(no) && output(no)))
}

/// A container that ends with exit 0 and is in `CrashLoopBackOff`: its pod restarts it
/// (`restartPolicy: Always`, a bare pod or a Deployment; a Job's pod never restarts a container
/// that succeeded), and the kubelet backs off between the restarts of work that finished. Nothing
/// failed: one-shot work belongs in a Job.
fn completes_then_restarts(paste: &Paste, facts: &Facts) -> Option<Signal> {
    facts.pods.iter().find_map(|pod| {
        let any_failed = pod
            .all_containers()
            .any(|c| [&c.state, &c.last_state].into_iter().flatten().any(failed_state));
        if any_failed {
            return None;
        }
        pod.containers.iter().find_map(|c| {
            let waiting = c.state.as_ref()?;
            let back_off = waiting.reason.as_ref().filter(|r| r.value == "CrashLoopBackOff")?.line;
            let last = c.last_state.as_ref().filter(|s| finished_well(s))?;
            let mut lines = vec![back_off, last.line];
            lines.extend(last.exit_code.as_ref().map(|e| e.line));
            lines.sort_unstable();
            lines.dedup();
            let name = pod.name.as_ref().map(|n| n.value.clone());
            // Ended the second it started, and its logs the paste asked for are empty: no work
            // ran at all. The image's default command does nothing by itself (it wants a
            // command or arguments to start the server or the work).
            let instant = last
                .started
                .as_ref()
                .zip(last.finished.as_ref())
                .is_some_and(|(started, finished)| started.value == finished.value);
            let silent = || name.as_deref().is_some_and(|pod| printed_nothing(paste, facts, pod));
            let (cause, strength, rule, detail) = if instant && silent() {
                let detail = format!(
                    "container {} exits 0 the moment it starts and prints nothing, and its pod \
                     starts it again: the command it runs (the image's default, when the pod \
                     gives none) does no work by itself",
                    c.name
                );
                (Cause::BadCommand, IDLE_COMMAND, "check-exits-at-once", detail)
            } else {
                let detail = format!(
                    "container {} exits 0 and is started again: its pod restarts it \
                     (restartPolicy Always, as for a bare pod or a Deployment), and the back-off \
                     is the kubelet's pause between restarts of work that finished; run one-shot \
                     work as a Job",
                    c.name
                );
                (Cause::NoFailure, 0.6, "check-completes-then-restarts", detail)
            };
            let mut found = signal(cause, strength, rule, lines);
            found.detail = Some(detail);
            found.pod = name;
            found.container = Some(c.name.clone());
            Some(found)
        })
    })
}

/// The strength of a stop from outside on a node the paste shows cordoned.
const STOPPED_ON_A_DRAINED_NODE: f32 = 0.65;

/// The line of a `kubectl get nodes` row that shows the pod's node cordoned
/// (`Ready,SchedulingDisabled`), and the node's name.
fn cordoned_node(paste: &Paste, pod: &Pod) -> Option<(usize, String)> {
    let node = pod.node.as_deref()?.split('/').next()?.trim();
    if node.is_empty() {
        return None;
    }
    paste.lines.iter().find_map(|l| {
        let mut fields = l.text.split_whitespace();
        let named = fields.next() == Some(node);
        let cordoned = fields.next().is_some_and(|s| s.contains("SchedulingDisabled"));
        (named && cordoned).then(|| (l.no, node.to_owned()))
    })
}

/// The rule id of the kubelet's kill after a failed liveness probe
/// (`content/causes/terminated-by-signal.md`).
pub const LIVENESS_KILL: &str = "text-liveness-kill";

/// The exit code (137, 143) of a container the kubelet killed because its liveness probe failed
/// is that kill: the other stops from outside stay below it, so that the kill leads the finding
/// with what it says (the probe, not a drain or a lost node).
pub fn stops_give_way_to_a_liveness_kill(signals: &mut [Signal]) {
    let Some(kill) = signals.iter().find(|s| s.rule == LIVENESS_KILL).map(|s| s.strength) else {
        return;
    };
    let stops = signals.iter_mut().filter(|s| s.cause == Cause::TerminatedBySignal);
    for signal in stops.filter(|s| s.rule != LIVENESS_KILL) {
        signal.strength = signal.strength.min(kill - 0.05);
    }
}

/// The rule id of [`runs_skipped`].
pub const RUNS_SKIPPED: &str = "check-cronjob-runs-skipped";

/// How many skipped starts make a CronJob's own problem, whatever holds its previous Job.
const SKIPPED_RUNS: u32 = 3;

/// A CronJob that keeps skipping its starts (`JobAlreadyActive`, `xN over ...` with N of at least
/// [`SKIPPED_RUNS`]): under `concurrencyPolicy: Forbid` the previous Job is still active, so no
/// new run starts. That the held Job ran out of time, or that its pod hangs in Terminating, is
/// why it is stuck; what the user sees, and must end, is the CronJob running nothing. When the
/// held Job's pod keeps failing, though, the skips give way to that failure
/// ([`skips_give_way_to_the_held_pod`]).
fn runs_skipped(facts: &Facts) -> Option<Signal> {
    let event = facts
        .events
        .iter()
        .filter(|e| e.reason == "JobAlreadyActive" && e.count() >= SKIPPED_RUNS)
        .max_by_key(|e| e.count())?;
    let mut found = signal(Cause::CronjobNotScheduling, 0.75, RUNS_SKIPPED, vec![event.line]);
    let count = event.count();
    found.detail = Some(match held_job(facts) {
        Some(job) if held_pod_fails(facts, &job) => format!(
            "{count} starts were skipped: concurrencyPolicy Forbid, and Job {job} stays active \
             because its pod keeps failing"
        ),
        Some(job) => format!(
            "{count} starts were skipped: concurrencyPolicy Forbid, and Job {job} is still active"
        ),
        None => format!(
            "{count} starts were skipped: concurrencyPolicy Forbid, and the previous Job is still \
             active"
        ),
    });
    found.object = facts.cronjobs.iter().find_map(|c| c.name.as_ref()).map(|n| n.value.clone());
    Some(found)
}

/// What skipped starts keep when the Job that holds them has a pod that keeps failing.
const HELD_BY_A_FAILURE: f32 = 0.5;

/// Skipped starts (`JobAlreadyActive`) whose held Job has a pod in a restart loop, a pull that
/// never succeeds or a failed container are the second link: the first is that pod's failure
/// (`causes.md`), so every signal drawn only from those events weighs at most
/// [`HELD_BY_A_FAILURE`].
pub fn skips_give_way_to_the_held_pod(facts: &Facts, signals: &mut [Signal]) {
    if !held_job(facts).is_some_and(|job| held_pod_fails(facts, &job)) {
        return;
    }
    let skips: Vec<usize> =
        facts.events.iter().filter(|e| e.reason == "JobAlreadyActive").map(|e| e.line).collect();
    for signal in signals.iter_mut().filter(|s| s.cause == Cause::CronjobNotScheduling) {
        if signal.lines.iter().all(|l| skips.contains(l)) {
            signal.strength = signal.strength.min(HELD_BY_A_FAILURE);
        }
    }
}

/// The Job a CronJob counts as active, as its describe or YAML names it.
fn held_job(facts: &Facts) -> Option<String> {
    facts.cronjobs.iter().find_map(|c| c.active.first().cloned())
}

/// Whether a pod of Job `job` failed or is stuck failing, by its STATUS column or its containers.
/// A pod in Terminating is not: it holds the Job without failing.
fn held_pod_fails(facts: &Facts, job: &str) -> bool {
    let owners = crate::names::jobs::Owners::new(facts).knowing(job);
    facts.pods.iter().any(|pod| {
        let name = pod.name.as_ref().map(|n| n.value.as_str());
        let terminating = pod.status_column.as_ref().is_some_and(|s| s.value == "Terminating");
        let owned = name.is_some_and(|n| owners.of(n).as_deref() == Some(job));
        owned && !terminating && crate::names::failing(pod)
    })
}

/// Whether every line of `signal` is a log line at a level below error.
fn calm(paste: &Paste, facts: &Facts, signal: &Signal) -> bool {
    !signal.lines.is_empty()
        && signal.every_line(paste, |l| {
            (facts.is_log(l.no) && super::logged::is_calm(&l.text))
                || super::prose::is_account_line(facts, l)
        })
}

/// Whether a pod ended badly (failed, or lost to the kubelet: `Unknown`) beside a pod of the
/// same Job that succeeded: an attempt failed before the Job completed. The Job recovered, and
/// the question is why that attempt failed (`causes.md`), not whether anything did.
fn failed_before_it_completed(facts: &Facts) -> bool {
    use crate::timeline::attempts::pod_outcome;
    let owners = crate::names::jobs::Owners::new(facts);
    let job_of = |pod: &Pod| pod.name.as_ref().and_then(|n| owners.of(&n.value));
    let done: Vec<String> = facts.pods.iter().filter(|p| succeeded(p)).filter_map(job_of).collect();
    let ended_badly = |pod: &&Pod| {
        let status = pod.status_column.as_ref().map(|s| s.value.as_str());
        !succeeded(pod)
            && (pod_outcome(pod) == Outcome::Failed
                || matches!(status, Some("Unknown" | "ContainerStatusUnknown")))
    };
    facts.pods.iter().filter(ended_badly).filter_map(job_of).any(|job| done.contains(&job))
}

/// What a failure keeps that stands only on a pod its Job counted as a success.
const COUNTED_AS_SUCCEEDED: f32 = 0.2;

/// A Job whose status counts its pods (`succeeded: 1`, and no `failed`, as the job controller
/// leaves out a count of none) completed with as many successes as it has failed pods in the
/// paste, and no pod of it shown succeeded: the Job counted those pods as its successes, and
/// what the pods show now came after (a kubelet that re-ran admission on a finished pod after
/// it restarted: `UnexpectedAdmissionError`). What stands only on those pods gives way to the
/// completion.
pub fn failures_after_the_count_give_way(facts: &Facts, signals: &mut [Signal]) {
    let after = counted_as_succeeded(facts);
    if after.is_empty() {
        return;
    }
    let spans: Vec<_> = after.iter().filter_map(|p| pod_span(p)).collect();
    let names: Vec<&str> =
        after.iter().filter_map(|p| p.name.as_ref()).map(|n| n.value.as_str()).collect();
    for signal in signals.iter_mut() {
        let of_the_pod = signal.pod.as_deref().is_none_or(|p| names.contains(&p));
        if of_the_pod && signal.stands_only_on(|no| spans.iter().any(|s| s.contains(&no))) {
            signal.strength = signal.strength.min(COUNTED_AS_SUCCEEDED);
        }
    }
}

/// The failed pods of a complete Job that counted them as its successes: every pod of the Job
/// the paste shows failed, none succeeded, and its status counts at least as many successes and
/// no failure.
fn counted_as_succeeded(facts: &Facts) -> Vec<&Pod> {
    let owners = crate::names::jobs::Owners::new(facts);
    let job_of = |pod: &Pod| pod.name.as_ref().and_then(|n| owners.of(&n.value));
    let no_failure = |job: &&crate::model::Job| job.failed.as_ref().is_none_or(|f| f.value == 0);
    let counted = |job: &crate::model::Job| {
        let name = &job.name.as_ref()?.value;
        let successes = job.succeeded.as_ref()?.value as usize;
        let pods: Vec<&Pod> =
            facts.pods.iter().filter(|p| job_of(p).as_ref() == Some(name)).collect();
        let failed = pods.iter().filter(|p| pod_outcome(p) == Outcome::Failed).count();
        (failed > 0 && failed == pods.len() && failed <= successes).then_some(pods)
    };
    facts
        .jobs
        .iter()
        .filter(|j| j.is_complete())
        .filter(no_failure)
        .filter_map(counted)
        .flatten()
        .collect()
}

/// The lines from the first to the last that the paste shows of `pod` (its table row, or its
/// object from name to status).
fn pod_span(pod: &Pod) -> Option<std::ops::RangeInclusive<usize>> {
    let mut lines: Vec<usize> = Vec::new();
    lines.extend(pod.name.as_ref().map(|n| n.line));
    lines.extend(pod.phase.as_ref().map(|p| p.line));
    lines.extend(pod.reason.as_ref().map(|r| r.line));
    lines.extend(pod.message.as_ref().map(|m| m.line));
    lines.extend(pod.status_column.as_ref().map(|s| s.line));
    Some(*lines.iter().min()?..=*lines.iter().max()?)
}

/// What a warning keeps beside work that completed.
const CARRIED_ON: f32 = 0.5;

/// When the work completed and nothing else failed, what the program logged below error
/// (`WARN could not write the health file: Read-only file system`) is a warning it carried on
/// past: it stays below the completion.
pub fn warnings_give_way_to_completion(paste: &Paste, facts: &Facts, signals: &mut [Signal]) {
    if !signals.iter().any(|s| s.rule == NOTHING_FAILED) {
        return;
    }
    for signal in signals.iter_mut().filter(|s| s.rule != NOTHING_FAILED) {
        if calm(paste, facts, signal) {
            signal.strength = signal.strength.min(CARRIED_ON);
        }
    }
}

/// The rule id of [`nothing_failed`]'s signal.
const NOTHING_FAILED: &str = "check-nothing-failed";

/// How strong a sign of failure must be to stand against a success the user doubts.
const DOUBTED: f32 = 0.3;

/// No failure signal at all, no Job failure reported (a headline or a failed condition), no Job
/// listed as not done, and something that plainly succeeded: a pod, or a Job that completed.
fn nothing_failed(
    paste: &Paste,
    facts: &Facts,
    signals: &[Signal],
    checks: &[Signal],
    headline: Option<&Headline>,
) -> Option<Signal> {
    // An error line no rule knows, that no `kubectl logs` of the work printed (a wrapper's
    // report, a tool's), says nothing against work that completed.
    let completed =
        facts.jobs.iter().any(|j| j.is_complete()) || facts.pods.iter().any(super::phase_succeeded);
    // Nor does a message the program logged below error (a warning it carried on past), or an
    // error no rule knows that its log goes on past to say the work went through.
    // A Job whose status says it completed, beside a pod that succeeded, outweighs a hint that
    // something in the pod ended badly: a native sidecar (an init container that restarts
    // always) is stopped when the work is done and ends 137 or `Error`, and a client shows the
    // pod as `Init:Error` for it.
    let job_done =
        facts.jobs.iter().any(|j| j.is_complete()) && facts.pods.iter().any(super::succeeded);
    let bar = if job_done { 0.55 } else { 0.3 };
    // Unless the user says the success is false ("says Completed but the cluster is empty"):
    // then any error the paste shows is the question.
    // (Only a completed Job's success can be doubted: otherwise nothing here is excused.)
    let doubted = completed && super::prose::doubts_the_success(&paste.lines, facts).is_some();
    // A user who says the work failed ("job 587 failed after 4s") beside a Job Kubernetes says
    // completed: an error the work's own logs printed answers them, as a doubt would; a
    // launcher's report of the pod it watched does not (it may be what misread the success).
    let reported = completed && super::prose::reports_a_failure(&paste.lines, facts).is_some();
    let printed = if reported { crate::join::workload_lines(facts) } else { Vec::new() };
    let in_the_work_s_logs =
        |s: &Signal| reported && s.stands_only_on(|l| printed.iter().any(|r| r.contains(&l)));
    // Nor, beside a Job that completed with a pod that succeeded, does a program's failure in
    // words no rule reads further that the work's own logs did not print (a launcher's traceback
    // about the pod it watched): the work's logs are in the paste, and they are not it.
    let workload = if job_done { crate::join::workload_lines(facts) } else { Vec::new() };
    let launcher_error = |s: &Signal| {
        !workload.is_empty()
            && super::logged::is_generic_error(s)
            && s.stands_only_on(|l| !workload.iter().any(|r| r.contains(&l)))
    };
    // Even a doubted success excuses a warning the log goes on past to say the work went
    // through: the doubt asks whether it failed, and the log answers.
    let failing = signals.iter().chain(checks).any(|s| {
        // A doubted success, or an error in the work's own logs beside a user who says it
        // failed, counts down to [`DOUBTED`]; anything else must reach the bar.
        let strict = doubted || in_the_work_s_logs(s);
        if s.strength < if strict { DOUBTED } else { bar } {
            return false;
        }
        let past = |s: &Signal| super::logged::is_generic_error(s) && carried_past(paste, facts, s);
        let warned_past = || calm(paste, facts, s) && carried_past(paste, facts, s);
        if strict {
            return !warned_past();
        }
        let excused = super::logged::is_bare_error(s) || calm(paste, facts, s) || past(s);
        !(completed && (excused || launcher_error(s)))
    });
    let failed_job =
        headline.is_some() || facts.jobs.iter().any(|j| j.failed_condition().is_some());
    // A Job listed as not done (`0/1`) beside done ones may be the one that failed, its pods
    // and events gone: the done ones do not answer for it.
    let unfinished = facts.jobs.iter().any(|j| !j.is_complete() && j.listed_none_done());
    if failing || failed_job || unfinished || failed_before_it_completed(facts) {
        return None;
    }
    let mut lines: Vec<usize> = Vec::new();
    let mut oom_marked = false;
    for pod in facts.pods.iter().filter(|p| succeeded(p)) {
        lines.extend(pod.phase.as_ref().map(|p| p.line));
        lines.extend(pod.status_column.as_ref().map(|s| s.line));
        for c in pod.all_containers() {
            let state = c.state.as_ref();
            // A native sidecar (an init container that restarts always) is stopped when the
            // work is done, and ends 143: the success is the other containers' exit 0.
            let exit = state.and_then(|s| s.exit_code.as_ref()).filter(|e| e.value == 0);
            lines.extend(exit.map(|e| e.line));
            let oom = state.and_then(|s| s.reason.as_ref()).filter(|r| r.value == "OOMKilled");
            oom_marked |= oom.is_some();
            lines.extend(oom.map(|r| r.line));
        }
    }
    for job in &facts.jobs {
        lines.extend(job.completion_lines());
    }
    if lines.is_empty() {
        return None;
    }
    lines.sort_unstable();
    lines.dedup();
    let mut found = signal(Cause::NoFailure, 0.7, NOTHING_FAILED, lines);
    // The steps read what the pod that succeeded printed: that pod, not another run's.
    let succeeded_pod = facts.pods.iter().find(|p| succeeded(p) && p.name.is_some());
    found.pod = succeeded_pod.and_then(|p| p.name.as_ref()).map(|n| n.value.clone());
    // Its app container that finished well, not a native sidecar stopped after it.
    let worked = |c: &&crate::model::Container| c.state.as_ref().is_some_and(finished_well);
    let container = succeeded_pod.and_then(|p| p.containers.iter().find(worked));
    found.container = container.map(|c| c.name.clone());
    if let Some(pod) = counted_as_succeeded(facts).first().and_then(|p| p.name.as_ref()) {
        found.detail = Some(format!(
            "pod {} shows a failure, but its Job counts it among its successes: its status \
             changed after it completed",
            pod.value
        ));
    }
    if oom_marked {
        found.detail = Some(
            "OOMKilled with exit code 0: the runtime saw a process of the container killed for \
             memory, but the container itself succeeded"
                .to_owned(),
        );
    }
    Some(found)
}
