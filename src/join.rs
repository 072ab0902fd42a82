//! Evidence from different parts of a paste joined together: a log error belongs to the pod
//! whose `kubectl logs` command printed it, an OOM kill to the memory limit its container (or
//! the Job's manifest) declares, a timeline attempt to the log error of its pod.

use crate::cause::Cause;
use crate::classify::Ranked;
use crate::model::{Facts, Located};
use crate::report::Timeline;

/// The log lines one `kubectl logs` command printed, and whose they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogSource {
    /// The lines after the command, up to the next command (exclusive), from 1.
    pub lines: std::ops::Range<usize>,
    pub pod: String,
    pub container: Option<String>,
    /// `--previous`: the run before the current one.
    pub previous: bool,
}

/// Every `kubectl logs <pod>` (or `oc logs`) command of the paste with the lines it printed, and
/// every kubelet log file the paste names with the lines after its path. A source ends where the
/// next command or log path begins. `kubectl logs job/x` is a source of the pod kubectl names in
/// its `Found 3 pods, using pod/x-1` line; without that line the paste does not say which pod.
pub fn log_sources(facts: &Facts) -> Vec<LogSource> {
    let mut starts: Vec<usize> = facts.commands.iter().map(|c| c.line).collect();
    starts.extend(facts.log_files.iter().map(|f| f.line));
    starts.sort_unstable();
    let end_after = |line: usize| starts.iter().copied().find(|&s| s > line).unwrap_or(usize::MAX);
    let mut out = Vec::new();
    for command in &facts.commands {
        let words = command.value.positional();
        let (Some(&verb), Some(&target)) = (words.first(), words.get(1)) else { continue };
        // `argo logs` and `stern` name a workflow or a query, not a pod.
        let kubectl = matches!(command.value.program.as_str(), "kubectl" | "k" | "oc");
        if !kubectl || (verb != "logs" && verb != "log") {
            continue;
        }
        let lines = command.line + 1..end_after(command.line);
        let pod = match target.split_once('/') {
            Some(("pod" | "pods" | "po", name)) => name.to_owned(),
            Some(_) => match chosen_pod(facts, &lines) {
                Some(name) => name,
                None => continue,
            },
            None => target.to_owned(),
        };
        let flags = &command.value.args;
        out.push(LogSource {
            lines,
            pod,
            container: command.value.flag(&["-c", "--container"]).map(str::to_owned),
            previous: flags.iter().any(|a| a == "-p" || a == "--previous"),
        });
    }
    for file in &facts.log_files {
        out.push(LogSource {
            lines: file.line + 1..end_after(file.line),
            pod: file.pod.clone(),
            container: Some(file.container.clone()),
            previous: false,
        });
    }
    out.sort_by_key(|s| s.lines.start);
    out
}

/// The pod of kubectl's `Found 4 pods, using pod/x-1` in the first lines of `lines`.
fn chosen_pod(facts: &Facts, lines: &std::ops::Range<usize>) -> Option<String> {
    facts.chosen_pods.iter().find(|(line, _)| lines.contains(line)).map(|(_, pod)| pod.clone())
}

/// The lines a workload printed, as far as the paste says: the output of every `kubectl logs`
/// (any target, `job/x` included) or `stern` command, up to the next command or log path, and
/// the lines of every kubelet log file the paste names. Tool output (`helm`, `kubectl apply`) is
/// not among them.
pub fn workload_lines(facts: &Facts) -> Vec<std::ops::Range<usize>> {
    let mut starts: Vec<usize> = facts.commands.iter().map(|c| c.line).collect();
    starts.extend(facts.log_files.iter().map(|f| f.line));
    starts.sort_unstable();
    let end_after = |line: usize| starts.iter().copied().find(|&s| s > line).unwrap_or(usize::MAX);
    let mut out = Vec::new();
    for command in &facts.commands {
        let words = command.value.positional();
        let logs = command.value.program == "stern"
            || matches!(words.first(), Some(&"logs") | Some(&"log"));
        if logs {
            out.push(command.line + 1..end_after(command.line));
        }
    }
    out.extend(facts.log_files.iter().map(|f| f.line + 1..end_after(f.line)));
    out
}

/// Of the `ranges` [`workload_lines`] gives, the output of `kubectl logs` commands aimed at a
/// long-running workload (`deploy/x`, `ds/x`, `sts/x`): a controller or a service beside the
/// Job, whose errors are its own.
pub fn serving_logs(
    facts: &Facts,
    ranges: &[std::ops::Range<usize>],
) -> Vec<std::ops::Range<usize>> {
    const KINDS: &[&str] = &[
        "deploy",
        "deployment",
        "deployments",
        "deployment.apps",
        "ds",
        "daemonset",
        "daemonsets",
        "daemonset.apps",
        "sts",
        "statefulset",
        "statefulsets",
        "statefulset.apps",
        "rs",
        "replicaset",
        "replicasets",
        "replicaset.apps",
    ];
    // Unless the workload is the one failing: the paste shows a pod of it failed or stuck
    // (`web-5b96c7d8f4-qj2lm  0/1  CrashLoopBackOff` beside `kubectl logs deploy/web`).
    let failing = |name: &str| {
        facts.pods.iter().filter(|p| crate::names::failing(p)).any(|p| {
            p.name.as_ref().is_some_and(|n| crate::names::jobs::named_after(&n.value, name))
        })
    };
    let serving: Vec<usize> = facts
        .commands
        .iter()
        .filter(|c| {
            crate::names::subject::logs_target(&c.value, KINDS).is_some_and(|n| !failing(&n))
        })
        .map(|c| c.line)
        .collect();
    ranges.iter().filter(|r| serving.contains(&(r.start - 1))).cloned().collect()
}

/// Names the pod (and container) of signals found only in one pod's logs.
pub fn attribute_logs(facts: &Facts, ranked: &mut [Ranked]) {
    let sources = log_sources(facts);
    for signal in ranked.iter_mut().flat_map(|r| r.signals.iter_mut()) {
        if signal.pod.is_some() || signal.lines.is_empty() {
            continue;
        }
        let source = sources.iter().find(|s| signal.lines.iter().all(|l| s.lines.contains(l)));
        if let Some(source) = source.filter(|_| signal.lines.iter().all(|&l| facts.is_log(l))) {
            signal.pod = Some(source.pod.clone());
            if signal.container.is_none() {
                signal.container.clone_from(&source.container);
            }
        }
    }
}

/// How much the first attempt's error gains over a later attempt's, when their logs disagree.
const FIRST_LINK: f32 = 0.04;

/// Names the first link of the chain (`causes.md`): when the paste shows the logs of several
/// attempts of a Job and they fail differently (a migration's real error first, then "dirty" or
/// "already exists" on every retry), the cause the oldest attempt's log shows goes first among
/// causes about as likely.
pub fn first_attempt_first(facts: &Facts, timeline: Option<&Timeline>, ranked: &mut [Ranked]) {
    let Some(timeline) = timeline else { return };
    let sources = log_sources(facts);
    let mut pods: Vec<&str> = Vec::new();
    for attempt in &timeline.attempts {
        let Some(pod) = attempt.pod.as_deref() else { continue };
        if sources.iter().any(|s| s.pod == pod) && !pods.contains(&pod) {
            pods.push(pod);
        }
    }
    let [first, _, ..] = pods.as_slice() else { return };
    let in_pod =
        |pod: &str, line: usize| sources.iter().any(|s| s.pod == pod && s.lines.contains(&line));
    let from = |r: &Ranked, first_pod: bool| {
        r.signals.iter().flat_map(|s| s.lines.iter()).any(|&l| {
            let first_log = in_pod(first, l);
            let later_log = pods.iter().skip(1).any(|p| in_pod(p, l));
            if first_pod {
                first_log
            } else {
                later_log && !first_log
            }
        })
    };
    let firsts: Vec<usize> = (0..ranked.len()).filter(|&i| from(&ranked[i], true)).collect();
    let later_only = ranked.iter().any(|r| !from(r, true) && from(r, false));
    if !later_only {
        return;
    }
    for i in firsts {
        ranked[i].confidence = (ranked[i].confidence + FIRST_LINK).min(0.95);
    }
    ranked.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
}

/// The memory limit of `container` (any container when `None`): the pod's own, else the one the
/// Job's manifest or template declares.
pub fn memory_limit<'a>(facts: &'a Facts, container: Option<&str>) -> Option<&'a Located<String>> {
    let same = |name: Option<&str>| container.is_none() || name == container;
    let pods = facts.pods.iter().flat_map(|p| p.all_containers());
    let from_pod = pods.filter(|c| same(Some(&c.name))).find_map(|c| c.memory_limit.as_ref());
    from_pod.or_else(|| {
        let specs = facts.jobs.iter().flat_map(|j| &j.containers);
        specs.filter(|s| same(s.name.as_deref())).find_map(|s| s.memory_limit.as_ref())
    })
}

/// Adds the memory limit's line to an OOM kill's evidence: the number the kill ran into.
pub fn oom_limits(facts: &Facts, ranked: &mut [Ranked]) {
    for r in ranked.iter_mut().filter(|r| r.cause == Cause::OomKilled) {
        let container = r.signals.iter().find_map(|s| s.container.clone());
        let Some(limit) = memory_limit(facts, container.as_deref()) else { continue };
        let known = r.signals.iter().any(|s| s.lines.contains(&limit.line));
        if let (Some(lead), false) = (r.signals.first_mut(), known || limit.line == 0) {
            lead.lines.push(limit.line);
        }
    }
}

/// Adds to each attempt the lines of the findings' evidence that its pod's logs hold.
pub fn attempts_with_logs(facts: &Facts, ranked: &[Ranked], timeline: &mut Timeline) {
    let sources = log_sources(facts);
    let evidence: Vec<usize> =
        ranked.iter().flat_map(|r| &r.signals).flat_map(|s| s.lines.iter().copied()).collect();
    for attempt in &mut timeline.attempts {
        let Some(pod) = attempt.pod.as_deref() else { continue };
        let mine = sources.iter().filter(|s| s.pod == pod);
        for source in mine {
            let lines = evidence.iter().filter(|l| source.lines.contains(l)).take(2);
            attempt.lines.extend(lines);
        }
        attempt.lines.sort_unstable();
        attempt.lines.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze;

    #[test]
    fn a_logs_command_owns_the_lines_up_to_the_next_command() {
        let input = "$ kubectl logs migrate-7kq2x -c migrate --previous -n shop\nline a\nline b\n\
                     $ kubectl logs job/migrate\nline c\n$ kubectl get pods\n";
        let paste = crate::text::Paste::new(input);
        let capture = crate::capture::capture(&paste);
        let (facts, _) = crate::extract::extract(&paste, &capture);
        assert_eq!(
            log_sources(&facts),
            [LogSource {
                lines: 2..4,
                pod: "migrate-7kq2x".to_owned(),
                container: Some("migrate".to_owned()),
                previous: true,
            }]
        );
        let report = analyze::analyze(
            "$ kubectl logs migrate-7kq2x\npsycopg2.OperationalError: FATAL:  password authentication failed for user \"app\"\n",
        );
        assert!(report.findings[0].summary.contains("pod migrate-7kq2x"), "{:?}", report.findings);
    }
}
