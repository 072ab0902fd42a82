//! From facts to ranked causes.
//!
//! 1. Every rule of [`crate::rules`] runs: text rules over the lines, state and status rules
//!    over the pods, event rules over the events. Each match is a [`Signal`].
//! 2. The structural checks in [`checks`] add what needs the model as a whole (a sidecar still
//!    running, a failure policy that counts disruptions, a command that always fails).
//! 3. Signals are grouped by cause: a cause is as strong as its strongest signal, a little more
//!    for each other rule that agrees; then the tie-breaks of `causes.md` apply (the headline
//!    is not the cause, a deadline gives way to what explains the delay).

pub mod checks;
pub mod client;
mod env;
pub mod logged;
mod loopback;
mod nodes;
pub mod policy;
mod prose;
pub mod pull;
pub mod runtime;
pub mod traceback;
mod volumes;
pub mod workloads;
mod wrapped;

use crate::cause::Cause;
use crate::model::{Facts, Pod, StateKind};
use crate::rules::pattern::Pairs;
use crate::rules::{self, reason_matches, Key, Rule, RULES};
use crate::text::Paste;

/// How many levels of JSON escaping a line's quotes are read through.
const MAX_ESCAPES: usize = 3;

/// Evidence lines kept per rule: enough to prove it, few enough to read.
const LINES_PER_RULE: usize = 3;

/// One rule's match.
#[derive(Clone, Debug, PartialEq)]
pub struct Signal {
    pub cause: Cause,
    pub strength: f32,
    pub rule: &'static str,
    pub detail: Option<String>,
    pub lines: Vec<usize>,
    /// The pod and container the signal is about, when it is about one.
    pub pod: Option<String>,
    pub container: Option<String>,
    /// The object named in the message (a Secret, an image).
    pub object: Option<String>,
}

/// A cause with everything that speaks for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    pub cause: Cause,
    pub confidence: f32,
    pub signals: Vec<Signal>,
}

/// The Job's failure reason as Kubernetes reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Headline {
    pub reason: String,
    pub message: String,
    pub line: Option<usize>,
}

impl Signal {
    /// Whether every line the signal stands on passes `test` (true of none).
    fn every_line(&self, paste: &Paste, test: impl Fn(&crate::text::Line) -> bool) -> bool {
        self.lines.iter().all(|&no| paste.line(no).is_some_and(&test))
    }

    /// Whether the signal stands on some lines, and on none but those that pass `test`.
    fn stands_only_on(&self, test: impl Fn(usize) -> bool) -> bool {
        !self.lines.is_empty() && self.lines.iter().all(|&no| test(no))
    }

    /// A check's finding: `cause` at `strength` on `lines`, said in `detail`, about no pod,
    /// container or object in particular.
    fn of_check(
        cause: Cause,
        strength: f32,
        rule: &'static str,
        lines: Vec<usize>,
        detail: Option<&str>,
    ) -> Signal {
        Signal {
            cause,
            strength,
            rule,
            detail: detail.map(str::to_owned),
            lines,
            pod: None,
            container: None,
            object: None,
        }
    }

    fn new(rule: &Rule, lines: Vec<usize>) -> Signal {
        Signal {
            cause: rule.cause,
            strength: rule.strength,
            rule: rule.id,
            detail: rule.detail.map(str::to_owned),
            lines,
            pod: None,
            container: None,
            object: None,
        }
    }
}

/// Runs every rule and check and ranks the causes, most likely first.
pub fn classify(paste: &Paste, facts: &Facts, headline: Option<&Headline>) -> Vec<Ranked> {
    classify_with(RULES, paste, facts, headline)
}

/// [`classify`] with another rule table: the compiled one is [`RULES`]; tests bring their own.
pub fn classify_with(
    rules: &[Rule],
    paste: &Paste,
    facts: &Facts,
    headline: Option<&Headline>,
) -> Vec<Ranked> {
    let mut typed: Vec<usize> = facts.commands.iter().map(|c| c.line).collect();
    typed.sort_unstable();
    let mut signals = text_signals(rules, paste, facts, &typed);
    let from_tracebacks = traceback::adjust(paste, &mut signals);
    signals.extend(from_tracebacks);
    traceback::panics_give_way(&mut signals);
    signals.extend(pod_signals(rules, facts));
    signals.extend(event_signals(rules, facts));
    drop_marks_of_success(rules, paste, facts, &mut signals);
    drop_placeholders(facts, &mut signals);
    workloads::drop_mounts_of_finished_pods(paste, facts, &mut signals);
    logged::drop_waits_of_outcome_reports(paste, &mut signals);
    signals.extend(policy::failjob(rules, facts, headline));
    if let Some(policy) = policy::fails_disruption(rules, facts, &signals, headline) {
        policy::disruption_gives_way(&mut signals, policy.strength);
        signals.push(policy);
    }
    // Before the checks, which weigh what the rules found: a pod got past these.
    checks::start_failures_give_way_once_past(paste, facts, &mut signals);
    runtime::start_faults_give_way(paste, &mut signals);
    runtime::exec_failures_give_way(paste, &mut signals);
    runtime::script_without_shebang(paste, &mut signals);
    runtime::start_on_a_read_only_root(paste, &mut signals);
    runtime::warned_exec_format_gives_way(paste, &mut signals);
    logged::opaque_errors_give_way(paste, &mut signals);
    logged::node_entry_names_its_module(paste, &mut signals);
    logged::usage_after_an_error_gives_way(paste, &mut signals);
    logged::refused_applies_of_the_program(facts, &mut signals);
    pull::registry_answers_in_program_output(paste, facts, &mut signals);
    signals.extend(logged::first_error(paste, facts, &signals, headline));
    checks::failures_after_the_count_give_way(facts, &mut signals);
    signals.extend(checks::run(paste, facts, &signals, headline));
    signals.extend(nodes::on_a_node_not_ready(facts));
    pull::missing_pull_secret(paste, facts, &mut signals);
    pull::air_gapped_pulls(paste, &mut signals);
    pull::credentials_never_fetched(paste, &mut signals);
    pull::unknown_manifest_outweighs_refusal(paste, &mut signals);
    pull::registry_left_out(paste, &mut signals);
    lookups_of_the_program(paste, facts, &mut signals);
    kubelet_unreachable(paste, &mut signals);
    workstation_cannot_reach_the_cluster(paste, facts, &mut signals);
    lookups_found_under_another_suffix(paste, &mut signals);
    probe_output(paste, &mut signals);
    env::unexpanded_host_gives_way(paste, &mut signals);
    loopback::refused_on_its_own_pod(paste, &mut signals);
    env::unexpanded_credential_gives_way(&mut signals);
    checks::status_gives_way_to_states(&mut signals);
    checks::retried_failures_give_way(paste, facts, &mut signals);
    checks::stops_give_way_to_a_liveness_kill(&mut signals);
    checks::warnings_give_way_to_completion(paste, facts, &mut signals);
    checks::skips_give_way_to_the_held_pod(facts, &mut signals);
    checks::scheduling_gives_way_to_an_earlier_stop(facts, &mut signals);
    volumes::unbound_claims_give_way_to_provisioning(paste, &mut signals);
    volumes::held_by_a_running_pod(paste, facts, &mut signals);
    checks::lookup_gives_way_to_started_pods(paste, facts, &mut signals);
    checks::hand_edits_give_way(paste, facts, &mut signals);
    checks::webhook_gives_way_to_its_pods(paste, facts, &mut signals);
    checks::webhook_calls_are_admission(paste, &mut signals);
    checks::oom_in_the_logs_of_a_pod_that_failed_otherwise(facts, &mut signals);
    checks::child_killed_inside_a_living_container(facts, &mut signals);
    workloads::demote_other_workloads(paste, facts, &mut signals);
    workloads::provisioner_failure_explains_the_wait(paste, facts, &mut signals);
    workloads::another_jobs_failure_gives_way(facts, &mut signals);
    // A pull that kept failing (for a rate limit, a route, a certificate) explains a deadline
    // as a missing image does.
    let pulls: Vec<usize> = signals
        .iter()
        .flat_map(|s| s.lines.iter().copied())
        .filter(|&no| paste.line(no).is_some_and(|l| pull::is_pull_line(&l.text.to_lowercase())))
        .collect();
    // Of signals as strong as each other, those on a pod that runs and is ready now (a
    // bystander whose container was OOMKilled last week and restarted) come after the rest:
    // the finding names the pod of the first.
    signals.sort_by_cached_key(|s| {
        s.pod.as_deref().and_then(|p| facts.pod(p)).is_some_and(checks::running_ready)
    });
    rank(signals, headline, &pulls)
}

/// Whether line `no` is a line of source code a runtime quotes over a caret marker (`^` under
/// the throwing expression: Node.js before an uncaught error, Python 3.11 in a traceback's
/// frames): the code that raised, not the message.
fn quoted_source(paste: &Paste, no: usize) -> bool {
    paste.line(no + 1).is_some_and(|next| {
        let marker = next.text.trim();
        marker.contains('^') && marker.chars().all(|c| matches!(c, '^' | '~'))
    })
}

/// How much a text rule keeps on a structured log record at level info or debug.
const CALM_LINE: f32 = 0.6;

/// Matches every text rule against every line but the commands the user typed (a `grep
/// "connection refused"` is a search, not the message); on an image pull line only the causes a
/// pull can have ([`pull`]).
fn text_signals(rules: &[Rule], paste: &Paste, facts: &Facts, typed: &[usize]) -> Vec<Signal> {
    let text_rules: Vec<(&Rule, Pairs)> = rules
        .iter()
        .filter_map(|r| match r.key {
            Key::Text(pattern) => Some((r, Pairs::of_pattern(pattern))),
            _ => None,
        })
        .collect();
    // No pattern matches a line shorter than the shortest one's literal text: most lines of a
    // paste of tiny lines stop there, before the rules are tried one by one.
    let shortest = text_rules.iter().map(|(r, _)| literal_len(r)).min().unwrap_or(usize::MAX);
    let mut found: Vec<Option<Signal>> = vec![None; text_rules.len()];
    // One buffer for the lower-case text and one for the matches, reused line after line.
    let mut lower = String::new();
    let mut own = Vec::new();
    for line in &paste.lines {
        if line.text.is_empty()
            || typed.binary_search(&line.no).is_ok()
            || quoted_source(paste, line.no)
        {
            continue;
        }
        own.clear();
        matches(&text_rules, &line.text, shortest, &mut lower, &mut own);
        // The user's own account of what they saw is not proof of it, and a sentence that
        // denies it ("neither pod was OOMKilled") is proof against it.
        if !own.is_empty() && prose::is_account_line(facts, line) {
            for (_, _, strength) in &mut own {
                *strength *= prose::ACCOUNT;
            }
        }
        for (i, _, strength) in &mut own {
            if prose::denies(&line.text, first_literal(text_rules[*i].0)) {
                *strength *= prose::DENIED;
            }
        }
        // A value wrapped over the next lines is read whole too, for the rules that match only
        // across its breaks (each line alone is read as well, anchored patterns included).
        let mut across_lines = line.no..=line.no;
        let across = wrapped::value_from(paste, facts, line.no).map(|(joined, first, last)| {
            // A folded block's key line holds no words of the message: its own lines do.
            if first > line.no {
                across_lines = first..=last;
            }
            let mut alone = Vec::new();
            for next in (line.no + 1..=last).filter_map(|no| paste.line(no)) {
                matches(&text_rules, &next.text, shortest, &mut lower, &mut alone);
            }
            let mut whole = Vec::new();
            matches(&text_rules, &joined, shortest, &mut lower, &mut whole);
            whole.retain(|(i, ..)| !own.iter().chain(&alone).any(|(j, ..)| j == i));
            whole
        });
        let own_lines = own.len();
        for (k, (i, object, strength)) in
            own.drain(..).chain(across.into_iter().flatten()).enumerate()
        {
            let signal = found[i].get_or_insert_with(|| {
                let mut signal = Signal::new(text_rules[i].0, Vec::new());
                signal.strength = strength;
                signal.object = (!object.is_empty()).then(|| object.trim_matches('"').to_owned());
                signal
            });
            signal.strength = signal.strength.max(strength);
            let lines = if k < own_lines { line.no..=line.no } else { across_lines.clone() };
            for no in lines {
                if signal.lines.len() < LINES_PER_RULE && !signal.lines.contains(&no) {
                    signal.lines.push(no);
                }
            }
        }
    }
    found.into_iter().flatten().collect()
}

/// Adds to `out` the text rules `text` matches: each rule's index, the object it names and its
/// strength on this line. `lower` is a buffer for the lower-case text.
fn matches(
    text_rules: &[(&Rule, Pairs)],
    text: &str,
    shortest: usize,
    lower: &mut String,
    out: &mut Vec<(usize, String, f32)>,
) {
    lower.clear();
    lower.extend(text.chars().flat_map(char::to_lowercase));
    if lower.len() < shortest {
        return;
    }
    // Messages quoted inside JSON log lines escape their quotes, twice when the record of a
    // JSON logger is itself the `log` of Docker's json-file record.
    for _ in 0..MAX_ESCAPES {
        if !lower.contains("\\\"") {
            break;
        }
        *lower = lower.replace("\\\\", "\\").replace("\\\"", "\"");
    }
    let lower = lower.as_str();
    let pairs = Pairs::of(lower);
    let pull = pull::is_pull_line(lower);
    // A message a program logged at level info or debug is part of its normal course.
    // Unless the record relays another program's error line (its stderr, at the wrapper's level).
    let relayed = || logged::relays_an_error(text);
    let calm = if (logged::structured_calm(lower) && !relayed()) || logged::plain_debug(text) {
        CALM_LINE
    } else {
        1.0
    };
    for (i, (rule, needs)) in text_rules.iter().enumerate() {
        if !needs.within(pairs) {
            continue;
        }
        let strength = if pull {
            pull::strength_on_pull_line(rule.cause, rule.strength)
        } else {
            Some(rule.strength * calm)
        };
        let Some(strength) = strength else { continue };
        let Some(object) = rules::text_match(rule, lower) else { continue };
        out.push((i, object.to_owned(), strength));
    }
}

/// The first run of literal text of a text rule's pattern (`failed to pull` of `failed to pull
/// * authorization failed`).
fn first_literal(rule: &Rule) -> &'static str {
    let Key::Text(pattern) = rule.key else { return "" };
    pattern.trim_start_matches('^').split('*').next().unwrap_or("")
}

/// How many bytes of text a line needs at least to match a text rule: its pattern without
/// the `^` and `*` marks.
fn literal_len(rule: &Rule) -> usize {
    let Key::Text(pattern) = rule.key else { return 0 };
    pattern.bytes().filter(|b| !matches!(b, b'^' | b'*')).count()
}

/// Drops evidence that a success contradicts. A text rule does not count on a line the model read
/// as a success (the `Reason:` of a container that exited 0, the phase of a `Succeeded` pod).
/// And when the paste shows `OOMKilled` on a container that exited 0, the bare word says
/// nothing: containerd records that reason on the task's OOM event, when any process of the
/// container's cgroup was killed for memory (`internal/cri/server/events.go`, `TaskOOM`), even
/// when the main process then exits 0. Unless some container shows it with a non-zero exit, or
/// in a pod whose phase is `Failed` (the kill ended the work, whatever code the process left),
/// or on an init container the pod's app containers still wait on, the word alone is dropped.
fn drop_marks_of_success(rules: &[Rule], paste: &Paste, facts: &Facts, signals: &mut Vec<Signal>) {
    // States of pods that did not fail: a failed pod's `OOMKilled` is the kill that ended it.
    let states = facts.pods.iter().filter(|p| !phase_failed(p)).flat_map(|p| p.all_containers());
    let states = states.flat_map(|c| {
        [&c.state, &c.last_state].into_iter().flatten().filter(|s| s.kind == StateKind::Terminated)
    });
    let mut success_lines = Vec::new();
    let mut oom_on_success = false;
    let mut oom_on_failure = facts
        .pods
        .iter()
        .filter(|p| phase_failed(p))
        .any(|p| p.all_containers().any(|c| c.state.as_ref().is_some_and(oom_killed)))
        || facts.pods.iter().any(oom_held_at_init)
        || facts.pods.iter().any(oom_beside_a_failure);
    for state in states {
        let oom = oom_killed(state);
        match state.exit_code.as_ref().map(|e| e.value) {
            // The `Reason: OOMKilled` of a container that exited 0 is no mark of success: the
            // test below keeps it or drops it.
            Some(0) if oom => oom_on_success = true,
            Some(0) => success_lines.extend(state.reason.as_ref().map(|r| r.line)),
            Some(_) => oom_on_failure |= oom,
            None => {}
        }
    }
    for pod in facts.pods.iter().filter(|p| succeeded(p)) {
        success_lines.extend(pod.phase.as_ref().map(|p| p.line));
        success_lines.extend(pod.status_column.as_ref().map(|s| s.line));
    }
    let bare_oom = |line: usize| {
        paste.line(line).is_some_and(|l| l.text.to_ascii_lowercase().contains("oomkilled"))
    };
    for signal in signals.iter_mut() {
        let text_rule = rules.iter().any(|r| r.id == signal.rule && matches!(r.key, Key::Text(_)));
        signal.lines.retain(|&l| {
            let success = text_rule && success_lines.contains(&l);
            let artefact = oom_on_success
                && !oom_on_failure
                && signal.cause == Cause::OomKilled
                && bare_oom(l);
            !success && !artefact
        });
    }
    signals.retain(|s| !s.lines.is_empty());
}

/// What a network failure keeps when it is kubectl's, reaching a node's kubelet.
const KUBELET_UNREACHABLE: f32 = 0.3;

/// A request to a kubelet's port that failed (`kubectl logs` through the API server:
/// `Get "https://10.0.9.12:10250/containerLogs/...": dial tcp ...: i/o timeout`) says the node
/// is gone or cut off, not that the Job could not reach its dependencies.
fn kubelet_unreachable(paste: &Paste, signals: &mut [Signal]) {
    for signal in signals.iter_mut().filter(|s| {
        s.cause == Cause::NetworkOrDns
            && !s.lines.is_empty()
            && s.every_line(paste, |l| l.text.contains(":10250/"))
    }) {
        signal.strength = signal.strength.min(KUBELET_UNREACHABLE);
        signal.detail = Some("kubectl could not reach the kubelet of the pod's node".to_owned());
    }
}

/// What a network failure keeps when the kubectl the user typed printed it.
const WORKSTATION_UNREACHABLE: f32 = 0.4;

/// Verbs whose output is the workload's, not the client's own: the failure a `kubectl logs`
/// shows is the program's.
const WORKLOAD_VERBS: &[&str] = &["logs", "log", "exec", "run", "attach", "debug", "cp"];

/// Lower-case openings of a client's own failure to reach the API server.
const CLIENT_FAILURES: &[&str] = &[
    "unable to connect to the server",
    "the connection to the server ",
    "unexpected error during validation",
];

/// A failure to reach the API server printed right under a client command the user typed
/// (`$ kubectl get nodes` then `Unable to connect to the server: dial tcp ...: i/o timeout`, or
/// `kops validate cluster`'s `error listing nodes`) is the user's own client failing: it says
/// the API server is down or cut off from the workstation, not why the Job failed.
fn workstation_cannot_reach_the_cluster(paste: &Paste, facts: &Facts, signals: &mut [Signal]) {
    let clients: Vec<usize> = facts
        .commands
        .iter()
        .filter(|c| match c.value.program.as_str() {
            "kubectl" | "k" | "oc" => {
                c.value.positional().first().is_some_and(|verb| !WORKLOAD_VERBS.contains(verb))
            }
            "kops" => true,
            _ => false,
        })
        .map(|c| c.line)
        .collect();
    if clients.is_empty() {
        return;
    }
    // A client's own failure, under the command that printed it.
    let printed_by_a_client = |no: usize| {
        let Some(command) = facts.commands.iter().filter(|c| c.line < no).max_by_key(|c| c.line)
        else {
            return false;
        };
        let own = paste.line(no).is_some_and(|l| {
            let lower = l.text.trim_start().to_lowercase();
            CLIENT_FAILURES.iter().any(|f| lower.starts_with(f))
        });
        own && clients.contains(&command.line)
    };
    for signal in signals
        .iter_mut()
        .filter(|s| s.cause == Cause::NetworkOrDns && s.stands_only_on(printed_by_a_client))
    {
        signal.strength = signal.strength.min(WORKSTATION_UNREACHABLE);
        signal.detail = Some(
            "the client you ran could not reach the API server: the cluster's API is down or cut \
             off from your workstation"
                .to_owned(),
        );
    }
}

/// The rule that reads nslookup's `server can't find` (`content/causes/network-or-dns.md`).
const NSLOOKUP_MISS: &str = "text-nslookup-cannot-find";

/// What a name nslookup could not find keeps when the same lookup then found it.
const FOUND_UNDER_ANOTHER_SUFFIX: f32 = 0.2;

/// nslookup tries a short name with each suffix of the pod's search list and prints a `server
/// can't find` for each that has no answer (BusyBox and BIND alike): beside an answer for the same
/// name (`Name:\tledger-db.billing.svc.cluster.local`), those misses are how the search went, not
/// a lookup that failed.
fn lookups_found_under_another_suffix(paste: &Paste, signals: &mut [Signal]) {
    // Most pastes hold no such miss: they stop here, before the paste is read for answers.
    if !signals.iter().any(|s| s.rule == NSLOOKUP_MISS) {
        return;
    }
    let first_label = |name: &str| name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    let answered: Vec<String> = paste
        .lines
        .iter()
        .filter_map(|l| l.text.strip_prefix("Name:"))
        .map(|name| first_label(name.trim()))
        .filter(|label| !label.is_empty())
        .collect();
    if answered.is_empty() {
        return;
    }
    let missed_but_found = |l: &crate::text::Line| {
        let Some((_, rest)) = l.text.split_once("server can't find ") else { return false };
        let name = rest.split([':', ' ']).next().unwrap_or_default();
        answered.contains(&first_label(name))
    };
    for signal in signals
        .iter_mut()
        .filter(|s| s.rule == NSLOOKUP_MISS && s.every_line(paste, missed_but_found))
    {
        signal.strength = signal.strength.min(FOUND_UNDER_ANOTHER_SUFFIX);
        signal.detail = Some(
            "nslookup missed the name under some search suffixes and found it under another"
                .to_owned(),
        );
    }
}

/// What a message keeps when it is only a probe's output.
const PROBE_OUTPUT: f32 = 0.3;

/// What a probe's command or request printed (`Liveness probe failed: cat: can't open
/// '/tmp/healthy'`) is the probe failing, not the program: the kill that follows says what it
/// did to the container (`content/causes/terminated-by-signal.md`).
fn probe_output(paste: &Paste, signals: &mut [Signal]) {
    let probe = |l: &crate::text::Line| {
        ["Liveness probe failed:", "Readiness probe failed:", "Startup probe failed:"]
            .iter()
            .any(|m| l.text.contains(m))
    };
    for signal in signals.iter_mut().filter(|s| !s.lines.is_empty() && s.every_line(paste, probe)) {
        signal.strength = signal.strength.min(PROBE_OUTPUT);
    }
}

/// What a Secret or ConfigMap not found keeps when the program itself looked it up.
const PROGRAMS_LOOKUP: f32 = 0.6;

/// A Secret or ConfigMap not found, in the output `kubectl logs` printed and in the API's own
/// words (`secrets "x" not found`, the plural resource of a client's NotFound): the program
/// asked the API server for it at run time. The pod spec does not name it (the kubelet says
/// `secret "x"`, and the container would not have started), so whether it should exist is the
/// program's business: a sign, short of certain.
fn lookups_of_the_program(paste: &Paste, facts: &Facts, signals: &mut [Signal]) {
    let printed = crate::join::workload_lines(facts);
    let api_words = |l: &crate::text::Line| {
        let lower = l.text.to_ascii_lowercase();
        printed.iter().any(|r| r.contains(&l.no))
            && (lower.contains("secrets \"")
                || lower.contains("configmaps \"")
                || lower.contains("secrets \\\"")
                || lower.contains("configmaps \\\""))
    };
    for signal in signals.iter_mut().filter(|s| {
        matches!(s.rule, "text-secret-not-found" | "text-configmap-not-found")
            && !s.lines.is_empty()
            && s.every_line(paste, api_words)
    }) {
        signal.strength = signal.strength.min(PROGRAMS_LOOKUP);
        signal.detail = Some("the program looked it up through the API at run time".to_owned());
    }
}

/// Whether a pod's phase says it failed.
fn phase_failed(pod: &Pod) -> bool {
    pod.phase.as_ref().is_some_and(|p| p.value == "Failed")
}

/// Whether a pod's phase says it succeeded: every container that must end ended with 0.
pub fn phase_succeeded(pod: &Pod) -> bool {
    pod.phase.as_ref().is_some_and(|p| p.value == "Succeeded")
}

/// Whether a pod that did not succeed shows a container `OOMKilled` beside another that ended
/// with a non-zero code (a Tekton step pod: the step killed for memory exits 0, and the steps
/// after it are failed for it): the kill is the pod's failure, whatever code it left.
fn oom_beside_a_failure(pod: &Pod) -> bool {
    fn terminated(c: &crate::model::Container) -> Option<&crate::model::State> {
        c.state.as_ref().filter(|s| s.kind == StateKind::Terminated)
    }
    let failed = |s: &crate::model::State| {
        !oom_killed(s) && s.exit_code.as_ref().is_some_and(|e| e.value != 0)
    };
    !succeeded(pod)
        && pod.all_containers().filter_map(terminated).any(oom_killed)
        && pod.all_containers().filter_map(terminated).any(failed)
}

fn oom_killed(state: &crate::model::State) -> bool {
    state.reason.as_ref().is_some_and(|r| r.value == "OOMKilled")
}

/// Drops the evidence of states the kubelet wrote for containers that never ran. When a pod
/// ends, the kubelet gives every container it has no status for a terminated state with reason
/// `ContainerStatusUnknown`, exit code 137 and no start time (`pkg/kubelet/kubelet_pods.go`).
/// Beside a container of the same pod that failed on its own (an init container that exited
/// 103, say), that state is a placeholder, not a container stopped from outside.
fn drop_placeholders(facts: &Facts, signals: &mut Vec<Signal>) {
    let mut placeholder_lines = Vec::new();
    for pod in &facts.pods {
        let states =
            || pod.all_containers().flat_map(|c| [&c.state, &c.last_state].into_iter().flatten());
        let unknown = |s: &crate::model::State| {
            s.reason.as_ref().is_some_and(|r| r.value == "ContainerStatusUnknown")
        };
        let own_failure = states().any(|s| {
            s.kind == StateKind::Terminated
                && !unknown(s)
                && s.exit_code.as_ref().is_some_and(|e| e.value != 0)
        });
        if !own_failure {
            continue;
        }
        for state in states().filter(|s| unknown(s) && never_started(s)) {
            placeholder_lines.push(state.line);
            placeholder_lines.extend(state.reason.as_ref().map(|r| r.line));
            placeholder_lines.extend(state.message.as_ref().map(|m| m.line));
            placeholder_lines.extend(state.exit_code.as_ref().map(|e| e.line));
        }
    }
    if placeholder_lines.is_empty() {
        return;
    }
    for signal in signals.iter_mut() {
        signal.lines.retain(|l| !placeholder_lines.contains(l));
    }
    signals.retain(|s| !s.lines.is_empty());
}

/// Whether a terminated state shows no start: no `startedAt`, `null`, or describe's zero time
/// (`Mon, 01 Jan 0001`).
fn never_started(state: &crate::model::State) -> bool {
    state.started.as_ref().is_none_or(|s| {
        let s = s.value.trim();
        s.is_empty() || s == "null" || s.contains("0001")
    })
}

/// Whether a pod plainly succeeded: phase `Succeeded`, STATUS `Completed`, or every container
/// ended with exit 0.
pub fn succeeded(pod: &Pod) -> bool {
    if phase_succeeded(pod) {
        return true;
    }
    let status = pod.status_column.as_ref().map(|s| s.value.as_str());
    if matches!(status, Some("Completed" | "Succeeded")) {
        return true;
    }
    // A pod still running has not succeeded, whatever the containers the paste shows ended
    // with: another one (a proxy beside the work) still runs.
    let phase = pod.phase.as_ref().map(|p| p.value.as_str());
    if status == Some("Running") || phase == Some("Running") {
        return false;
    }
    let states: Vec<_> = pod.all_containers().filter_map(|c| c.state.as_ref()).collect();
    !states.is_empty()
        && states.iter().all(|s| {
            s.kind == StateKind::Terminated && s.exit_code.as_ref().is_some_and(|e| e.value == 0)
        })
}

/// Whether an init container the runtime marked `OOMKilled` holds the pod: its app containers
/// still wait on the init stage (`PodInitializing`), so the kill is where the pod stopped,
/// whatever code the init process left.
fn oom_held_at_init(pod: &crate::model::Pod) -> bool {
    let waiting = |c: &crate::model::Container| {
        let reason = c.state.as_ref().and_then(|s| s.reason.as_ref());
        reason.is_some_and(|r| r.value == "PodInitializing")
    };
    pod.init_containers.iter().any(|c| c.state.as_ref().is_some_and(oom_killed))
        && pod.containers.iter().any(waiting)
}

fn rules_for(rules: &[Rule], matches: impl Fn(&Key) -> bool) -> impl Iterator<Item = &Rule> {
    rules.iter().filter(move |r| matches(&r.key))
}

/// State, exit-code, status-column and pod-reason rules, pod by pod.
fn pod_signals(rules: &[Rule], facts: &Facts) -> Vec<Signal> {
    let mut out = Vec::new();
    for pod in &facts.pods {
        let pod_name = pod.name.as_ref().map(|n| n.value.clone());
        let mut push = |mut signal: Signal, container: Option<&str>| {
            signal.pod = pod_name.clone();
            signal.container = container.map(str::to_owned);
            out.push(signal);
        };
        // In a pod that succeeded, a container that ended non-zero is a sidecar stopped at the
        // end (a native sidecar's 143): the kubelet ignores its code, and so do we.
        let sidecar_stopped = phase_succeeded(pod);
        for container in pod.all_containers() {
            for state in [&container.state, &container.last_state].into_iter().flatten() {
                let reason = state.reason.as_ref();
                // An OOM kill in a pod that failed ended it, whatever code the process left; so
                // did one that holds the pod at its init stage.
                let failed = state.exit_code.as_ref().is_none_or(|e| e.value != 0)
                    || ((phase_failed(pod) || oom_held_at_init(pod)) && oom_killed(state));
                match state.kind {
                    StateKind::Terminated if failed && !sidecar_stopped => {
                        let message = state.message.as_ref().map_or("", |m| m.value.as_str());
                        let by_reason: Vec<(&Rule, usize)> = reason
                            .into_iter()
                            .flat_map(|r| {
                                rules_for(
                                    rules,
                                    |k| matches!(k, Key::Terminated(p) if reason_matches(p, &r.value)),
                                )
                                .map(|rule| (rule, r.line))
                            })
                            .collect();
                        let by_exit = state.exit_code.iter().flat_map(|e| {
                            rules_for(rules, |k| matches!(k, Key::Exit(code) if *code == e.value))
                                .map(|rule| Signal::new(rule, vec![e.line]))
                        });
                        // A precise reason beats the generic meaning of its exit code, and when
                        // its message says it stands for something else, so does the message.
                        let mut found: Vec<Signal> = by_reason
                            .iter()
                            .filter(|(rule, _)| !rules::cancelled(rule, message))
                            .map(|(rule, line)| Signal::new(rule, vec![*line]))
                            .collect();
                        if by_reason.is_empty() {
                            found.extend(by_exit);
                        }
                        for signal in found {
                            push(signal, Some(&container.name));
                        }
                    }
                    StateKind::Waiting => {
                        let Some(reason) = reason else { continue };
                        let message = state.message.as_ref().map_or("", |m| m.value.as_str());
                        for rule in rules_for(
                            rules,
                            |k| matches!(k, Key::Waiting(p) if reason_matches(p, &reason.value)),
                        )
                        .filter(|rule| !rules::cancelled(rule, message))
                        {
                            push(Signal::new(rule, vec![reason.line]), Some(&container.name));
                        }
                    }
                    _ => {}
                }
            }
        }
        if let Some(status) = pod.status_column.as_ref().filter(|_| !succeeded(pod)) {
            let plain = status.value.strip_prefix("Init:").unwrap_or(&status.value);
            let init = plain.len() != status.value.len();
            let matches = |p: &str| reason_matches(p, &status.value) || reason_matches(p, plain);
            // The STATUS repeats a container's reason: the message of that reason may cancel it.
            let messages: Vec<&str> = pod
                .all_containers()
                .flat_map(|c| [&c.state, &c.last_state].into_iter().flatten())
                .filter(|s| s.reason.as_ref().is_some_and(|r| r.value == plain))
                .filter_map(|s| s.message.as_ref().map(|m| m.value.as_str()))
                .collect();
            let rules = rules_for(rules, |k| matches!(k, Key::Status(p) if matches(p)))
                .filter(|rule| !messages.iter().any(|m| rules::cancelled(rule, m)));
            for rule in rules {
                let mut signal = Signal::new(rule, vec![status.line]);
                if init && signal.detail.is_none() {
                    signal.detail = Some("an init container failed".to_owned());
                }
                push(signal, None);
            }
        }
        // `kubectl get pods` shows a pod's own reason (`Evicted`, `DeadlineExceeded`) as its
        // STATUS when the pod has one.
        if let Some(reason) = pod.reason.as_ref().or(pod.status_column.as_ref()) {
            for rule in rules_for(
                rules,
                |k| matches!(k, Key::PodReason(p) if reason_matches(p, &reason.value)),
            ) {
                push(Signal::new(rule, vec![reason.line]), None);
            }
        }
    }
    out
}

fn event_signals(rules: &[Rule], facts: &Facts) -> Vec<Signal> {
    let mut out: Vec<Signal> = Vec::new();
    for event in &facts.events {
        let of_reason =
            rules_for(rules, |k| matches!(k, Key::Event(r) if reason_matches(r, &event.reason)));
        // Like a state's reason, an event's gives way when its message says it stands for
        // something else.
        for rule in of_reason.filter(|rule| !rules::cancelled(rule, &event.message)) {
            match out.iter_mut().find(|s| s.rule == rule.id) {
                Some(signal) if signal.lines.len() < LINES_PER_RULE => {
                    signal.lines.push(event.line)
                }
                Some(_) => {}
                None => {
                    let mut signal = Signal::new(rule, vec![event.line]);
                    signal.pod = event
                        .object
                        .as_deref()
                        .and_then(|o| o.strip_prefix("pod/"))
                        .map(str::to_owned);
                    out.push(signal);
                }
            }
        }
    }
    out
}

/// Causes that explain why a Job ran out of time (`causes.md`: the deadline gives way to them):
/// those that keep a pod waiting, and a refusal to create it at all (quota, policy), or a
/// Secret it cannot start without.
const EXPLAINS_DELAY: &[Cause] = &[
    Cause::SidecarNeverExits,
    Cause::Unschedulable,
    Cause::BadImage,
    Cause::ImagePullAuth,
    Cause::VolumeMount,
    Cause::AdmissionOrQuota,
    Cause::MissingSecretOrConfigMap,
    Cause::DeadlineExceeded,
];

/// The confidence that means the evidence is unmistakable.
const UNMISTAKABLE: f32 = 0.8;

/// Groups signals by cause and orders the causes.
fn rank(signals: Vec<Signal>, headline: Option<&Headline>, pulls: &[usize]) -> Vec<Ranked> {
    let mut ranked: Vec<Ranked> = Vec::new();
    for signal in signals {
        match ranked.iter_mut().find(|r| r.cause == signal.cause) {
            Some(r) => r.signals.push(signal),
            None => {
                ranked.push(Ranked { cause: signal.cause, confidence: 0.0, signals: vec![signal] })
            }
        }
    }
    let deadline = headline.is_some_and(|h| h.reason == "DeadlineExceeded");
    for r in &mut ranked {
        r.signals.sort_by(|a, b| b.strength.total_cmp(&a.strength));
        let best = r.signals.first().map_or(0.0, |s| s.strength);
        let mut rules: Vec<&str> = r.signals.iter().map(|s| s.rule).collect();
        rules.sort_unstable();
        rules.dedup();
        let agreeing = rules.len().saturating_sub(1) as f32;
        // Agreement raises a cause, but only a signal that is unmistakable by itself (0.8 or
        // more) makes it so: weaker ones that agree stay below.
        let ceiling = if best >= UNMISTAKABLE { 0.95 } else { UNMISTAKABLE - 0.01 };
        r.confidence = (best + 0.03 * agreeing).min(ceiling);
        // A CronJob that keeps starting nothing is its own question, whatever deadline its held
        // Job met.
        let skipping = r.signals.iter().any(|s| s.rule == checks::RUNS_SKIPPED);
        if deadline && !explains_delay(r, pulls) && !skipping {
            r.confidence *= 0.6;
        }
    }
    if deadline {
        give_way_to_the_delay(&mut ranked, pulls);
    }
    ranked.sort_by(|a, b| {
        b.confidence.total_cmp(&a.confidence).then_with(|| first_line(a).cmp(&first_line(b)))
    });
    contest(&mut ranked);
    ranked
}

/// When a second cause is as unmistakable as the first, neither is: the paste holds two
/// failures, and which came first is a reading, not a fact. The first keeps its place just
/// below [`UNMISTAKABLE`], the second just below the first.
fn contest(ranked: &mut [Ranked]) {
    let [first, second, ..] = ranked else { return };
    if second.confidence >= UNMISTAKABLE {
        first.confidence = first.confidence.min(UNMISTAKABLE - 0.01);
        second.confidence = second.confidence.min(first.confidence - 0.01);
    }
}

/// How sure a cause that explains a delay must be to take the place of the deadline.
const EXPLAINS: f32 = 0.4;

/// The deadline gives way to a cause whose own evidence explains why the Job ran out of time
/// (`causes.md`): a pull that keeps failing, a pod no node takes, a sidecar that never exits.
fn give_way_to_the_delay(ranked: &mut [Ranked], pulls: &[usize]) {
    let explainer = ranked
        .iter()
        .filter(|r| r.cause != Cause::DeadlineExceeded && explains_delay(r, pulls))
        .map(|r| r.confidence)
        .filter(|&c| c >= EXPLAINS)
        .fold(None, |best: Option<f32>, c| Some(best.map_or(c, |b| b.max(c))));
    let Some(explainer) = explainer else { return };
    for r in ranked.iter_mut().filter(|r| r.cause == Cause::DeadlineExceeded) {
        r.confidence = r.confidence.min(explainer - 0.05);
    }
}

/// Whether a ranked cause explains why a Job ran out of time: one of [`EXPLAINS_DELAY`], or any
/// cause whose evidence is an image pull that kept failing (`lines` on `pulls`).
fn explains_delay(r: &Ranked, pulls: &[usize]) -> bool {
    EXPLAINS_DELAY.contains(&r.cause)
        || r.signals.iter().any(|s| s.stands_only_on(|no| pulls.contains(&no)))
}

fn first_line(r: &Ranked) -> usize {
    r.signals.iter().flat_map(|s| s.lines.iter().copied()).min().unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nslookup_rule_it_names_is_in_the_content() {
        let rule = crate::rules::by_id(NSLOOKUP_MISS);
        assert!(rule.is_some_and(|r| r.cause == Cause::NetworkOrDns), "{NSLOOKUP_MISS}");
    }
}
