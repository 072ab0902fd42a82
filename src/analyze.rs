//! The pipeline from a paste to a report: the single entry point of the engine.
//!
//! 1. [`Paste::new`]: numbered, cleaned lines.
//! 2. [`capture`]: commands and blocks.
//! 3. [`extract`]: typed facts.
//! 4. [`checks::headline`] and [`classify`]: what Kubernetes says, and why.
//! 5. This module: findings with the user's names filled into the knowledge base's steps, their
//!    evidence lines ([`evidence`]) and the line on what the paste held ([`recognised`]).

use crate::capture::capture;
use crate::cause::Cause;
use crate::classify::{checks, classify, client, Headline, Ranked, Signal};
use crate::extract::extract;
use crate::fix;
use crate::gaps;
use crate::join;
use crate::kb::{self, Names};
use crate::lint;
use crate::model::Facts;
use crate::names;
use crate::report::{self, Evidence, Finding, NextStep, Report};
use crate::text::Paste;
use crate::timeline;

mod evidence;
mod recognised;

/// Findings below this confidence are alternatives; when the best is below it, the paste
/// cannot decide and the answer is `unknown`.
const DECIDES: f32 = 0.4;

/// A second finding this close to the first is named in the first's summary: the paste shows
/// both, and the reader should know the answer is not clear-cut.
const CLOSE: f32 = 0.1;

/// The most an `unknown` finding claims: below the 0.8 of unmistakable evidence.
const UNKNOWN_AT_MOST: f32 = 0.75;

/// How many findings a report lists at most.
const MAX_FINDINGS: usize = 4;

/// Evidence lines a finding lists at most.
const MAX_EVIDENCE_LINES: usize = 8;

/// Analyses a paste of any mix of kubectl output, manifests and logs.
pub fn analyze(input: &str) -> Report {
    let paste = Paste::new(input);
    let capture = capture(&paste);
    let (facts, mut notices) = extract(&paste, &capture);
    let headline = checks::headline(&paste, &facts);
    let first_focus = names::jobs::focus(&facts);
    let mut timeline = timeline::build(&facts, headline.as_ref(), first_focus.as_deref());
    let seen = lint::Seen { repeated: timeline.as_ref().and_then(timeline::repeated_failure) };
    let lint = lint::lint(&paste, &capture, &seen);
    let mut ranked = classify(&paste, &facts, headline.as_ref());
    // A paste that is only the user's kubectl failing says nothing of the Job: no cause, and
    // the next steps say how to get past the error (`classify::client`, `gaps`).
    let own_errors = client::own_errors(&paste, &facts);
    if !own_errors.is_empty() {
        ranked.clear();
    }
    join::attribute_logs(&facts, &mut ranked);
    join::oom_limits(&facts, &mut ranked);
    join::first_attempt_first(&facts, timeline.as_ref(), &mut ranked);
    if let Some(timeline) = timeline.as_mut() {
        join::attempts_with_logs(&facts, &ranked, timeline);
    }
    // The Job the top cause's evidence is about, when it names one, else the one the objects
    // point to: the commands and the timeline are for that Job.
    let focus = ranked
        .first()
        .filter(|r| r.confidence >= DECIDES)
        .and_then(|r| names::subject_of(&paste, &facts, r).job)
        .or(first_focus.clone());
    if focus != first_focus {
        timeline = timeline::build(&facts, headline.as_ref(), focus.as_deref());
        if let Some(timeline) = timeline.as_mut() {
            join::attempts_with_logs(&facts, &ranked, timeline);
        }
    }
    let base = names::base(&paste, &facts, headline.as_ref(), focus.as_deref());
    let completed = work_completed(&facts, headline.as_ref(), &ranked, focus.as_deref());
    // Whether the paste holds a word, for the steps that apply only to some pastes (`when`):
    // the lower-case paste is made once, and only if such a step is reached.
    let lower = std::cell::OnceCell::new();
    let mentions = |word: &str| lower.get_or_init(|| input.to_lowercase()).contains(word);
    let mut findings: Vec<Finding> = ranked
        .iter()
        .filter(|r| r.confidence >= 0.25)
        .take(MAX_FINDINGS)
        .map(|r| finding(&paste, &facts, r, &base, timeline.as_ref(), completed, &mentions))
        .collect();
    if findings.first().is_none_or(|f| f.confidence < DECIDES) {
        let best = findings.first().map_or(0.0, |f| f.confidence);
        findings.insert(0, unknown(&base, headline.is_some(), best));
        findings.truncate(MAX_FINDINGS);
    }
    note_rival(&mut findings);
    note_recovery(&mut findings, &facts, headline.as_ref());
    let mut next = gaps::find(&own_errors, &facts, &base, headline.is_some());
    for step in next_steps(&facts, &findings, &base) {
        if !next.iter().any(|n| same_command(&n.command, &step.command)) {
            next.push(step);
        }
    }
    // Each command once: a step the top finding shows is not repeated as a next command, and a
    // gap's command, which says why this paste needs it, replaces the same collection step.
    if let Some(top) = findings.first_mut() {
        if top.cause == Cause::Unknown {
            top.steps.retain(|s| {
                s.command
                    .as_deref()
                    .is_none_or(|c| !next.iter().any(|n| same_command(c, &n.command)))
            });
        } else {
            let shown: Vec<&str> = top.steps.iter().filter_map(|s| s.command.as_deref()).collect();
            next.retain(|n| !shown.iter().any(|c| same_command(c, &n.command)));
        }
    }
    let mut all_notices = paste.notices.clone();
    all_notices.append(&mut notices);
    all_notices.extend(names::jobs::notices(&facts, base.job.as_deref()));
    Report {
        recognised: recognised::line(&paste, &facts, &findings, focus.as_deref()),
        headline: headline.map(|Headline { reason, message, line }| report::Headline {
            reason,
            message,
            line,
            file: None,
            file_line: None,
        }),
        findings,
        next,
        notices: all_notices,
        timeline,
        lint,
    }
}

/// Says in the top finding's summary that the paste also supports the second, when their
/// confidences are close: conflicting evidence stated, not hidden.
fn note_rival(findings: &mut [Finding]) {
    let [top, second, ..] = findings else { return };
    let close = second.confidence >= DECIDES && top.confidence - second.confidence <= CLOSE;
    if !close || top.cause == Cause::Unknown || second.cause == Cause::Unknown {
        return;
    }
    let title = kb::cause_entry(second.cause).map_or(second.cause.id(), |e| e.title);
    let mut chars = title.chars();
    let title: String =
        chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default();
    let percent = (second.confidence * 100.0).round();
    top.summary.push_str(&format!("; the paste also shows signs that {title} ({percent}%)"));
}

/// Says in the top finding's summary that the Job recovered, when a later attempt succeeded: the
/// cause is what failed the earlier attempts (`causes.md`), and the reader should know the Job
/// got through.
fn note_recovery(findings: &mut [Finding], facts: &Facts, headline: Option<&Headline>) {
    let Some(top) = findings.first_mut() else { return };
    let says_so = [Cause::TransientDependency, Cause::NoFailure];
    if says_so.contains(&top.cause) || checks::recovery(facts, headline).is_none() {
        return;
    }
    top.summary.push_str("; the Job recovered: a later attempt succeeded");
}

/// Whether the work completed after all: a later attempt succeeded, the top cause's failure came
/// and went within the run, or the Job in focus completed. Fix steps then do not re-run it.
fn work_completed(
    facts: &Facts,
    headline: Option<&Headline>,
    ranked: &[Ranked],
    focus: Option<&str>,
) -> bool {
    let ours = |j: &&crate::model::Job| {
        focus.is_none() || j.name.as_ref().map(|n| n.value.as_str()) == focus
    };
    // A Job listed as still running has not completed, whatever its log says went through.
    let listed_unfinished = facts
        .jobs
        .iter()
        .filter(ours)
        .any(|j| !j.is_complete() && (j.listed_none_done() || j.listed_running()));
    let came_and_went = ranked
        .first()
        .is_some_and(|r| r.signals.iter().any(|s| checks::CAME_AND_WENT.contains(&s.rule)));
    (came_and_went && !listed_unfinished)
        || checks::recovery(facts, headline).is_some()
        || facts.jobs.iter().filter(ours).any(|j| j.is_complete())
}

/// The `unknown` finding. Its confidence says how sure the analyzer is that the paste cannot
/// decide: the rest of what the best other finding leaves, never more than [`UNKNOWN_AT_MOST`]
/// (a paste can always hold evidence no rule knows).
fn unknown(names: &Names, has_headline: bool, best_other: f32) -> Finding {
    let entry = kb::cause_entry(Cause::Unknown);
    let summary = entry.map_or("the paste does not show why the pods failed", |e| e.summary);
    let confidence = ((1.0 - best_other) * 100.0).round() / 100.0;
    Finding {
        cause: Cause::Unknown,
        detail: has_headline.then(|| "only the headline is visible".to_owned()),
        confidence: confidence.clamp(0.25, UNKNOWN_AT_MOST),
        summary: summary.to_owned(),
        evidence: Vec::new(),
        steps: kb::steps_for(Cause::Unknown, names, false, |_| true),
        guide: Cause::Unknown.id().to_owned(),
        fix: None,
    }
}

fn finding(
    paste: &Paste,
    facts: &Facts,
    ranked: &Ranked,
    base: &Names,
    timeline: Option<&report::Timeline>,
    completed: bool,
    mentions: &dyn Fn(&str) -> bool,
) -> Finding {
    let lead = ranked.signals.first();
    let mut names = base.clone();
    names::refine(&mut names, paste, facts, ranked);
    // The strongest signals' lines first, so a precise message is never crowded out by rows of
    // `Error`; then in paste order.
    let mut lines: Vec<usize> = Vec::new();
    for line in ranked.signals.iter().flat_map(|s| s.lines.iter().copied()) {
        if lines.len() == MAX_EVIDENCE_LINES {
            break;
        }
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    lines.sort_unstable();
    let evidence = lines
        .into_iter()
        .filter_map(|no| paste.line(no))
        .map(|l| {
            let text = l.text.trim();
            let (text, cut_before, cut_after) =
                evidence::window(text, evidence::matched_span(ranked, l.no, text));
            Evidence { line: l.no, text, cut_before, cut_after, ..Evidence::default() }
        })
        .collect();
    Finding {
        cause: ranked.cause,
        detail: lead.and_then(|s| s.detail.clone()),
        confidence: (ranked.confidence * 100.0).round() / 100.0,
        summary: summary(ranked.cause, lead, &names, facts),
        evidence,
        steps: kb::steps_for(ranked.cause, &names, completed, mentions),
        guide: ranked.cause.id().to_owned(),
        // A liveness kill is a stop from outside that no policy should ignore: the probe is
        // what to change, which the steps say.
        fix: lead
            .filter(|s| s.rule == checks::LIVENESS_KILL)
            .map_or_else(|| fix::for_cause(ranked.cause, facts, timeline, &names), |_| None),
    }
}

/// The oom-killed rules that read a runtime's own out-of-memory error, raised inside the
/// program before the container reached its limit (`content/causes/oom-killed.md`).
const RUNTIME_HEAP_RULES: &[&str] = &[
    "text-java-oom",
    "text-java-heap-space",
    "text-node-heap",
    "text-go-oom",
    "text-python-memory-error",
    "text-numpy-allocate",
    "text-dotnet-oom",
    "text-ruby-no-memory",
    "text-v8-last-gcs",
    "text-rust-alloc-failed",
];

/// The cause's own words from its entry, with what this paste adds.
fn summary(cause: Cause, lead: Option<&Signal>, names: &Names, facts: &Facts) -> String {
    let mut text = kb::cause_entry(cause)
        .map_or_else(|| cause.id().replace('-', " "), |e| e.summary.to_owned());
    if let Some(detail) = lead.and_then(|s| s.detail.as_deref()) {
        text.push_str(&format!(" ({detail})"));
    }
    // A detail that names the container already says which one it is.
    let detail = lead.and_then(|s| s.detail.as_deref()).unwrap_or_default();
    let container = names.container.as_deref().filter(|c| !detail.contains(*c));
    match (container, lead.and_then(|s| s.pod.as_deref())) {
        (Some(c), Some(p)) => text.push_str(&format!(": container {c} of pod {p}")),
        (None, Some(p)) => text.push_str(&format!(": pod {p}")),
        _ => {}
    }
    // A runtime that ran out of its own heap (`Java heap space`) did not reach the container's
    // limit: the limit is no part of that story.
    let own_heap = lead.is_some_and(|s| RUNTIME_HEAP_RULES.contains(&s.rule));
    if cause == Cause::OomKilled && !own_heap {
        if let Some(limit) = join::memory_limit(facts, names.container.as_deref()) {
            text.push_str(&format!(", at its {} memory limit", limit.value));
        }
    }
    text
}

/// Whether two commands are the same request: equal but for how the answer is printed
/// (`-o wide`, `--sort-by=...`), as `kubectl get pods -l job-name=x` and the same with `-o wide`.
fn same_command(a: &str, b: &str) -> bool {
    fn request(command: &str) -> Vec<&str> {
        let mut words = Vec::new();
        let mut it = command.split_whitespace();
        while let Some(word) = it.next() {
            if word == "-o" || word == "--output" {
                it.next();
            } else if !(word.starts_with("-o=")
                || word.starts_with("--output=")
                || word.starts_with("--sort-by"))
            {
                words.push(word);
            }
        }
        words
    }
    request(a) == request(b)
}

/// What to run next besides the gaps: the failed pod's logs when a cause that logs confirm has
/// none in the paste. (When the paste cannot decide, the unknown finding's steps say what to
/// collect.)
fn next_steps(facts: &Facts, findings: &[Finding], names: &Names) -> Vec<NextStep> {
    let top = findings.first().map_or(Cause::Unknown, |f| f.cause);
    let collect = kb::steps_for(Cause::Unknown, names, false, |_| true);
    let as_next = |step: &report::Step| {
        step.command
            .as_ref()
            .map(|command| NextStep { why: step.text.clone(), command: command.clone() })
    };
    if top == Cause::Unknown {
        // The unknown finding's own steps are what to collect.
        return Vec::new();
    }
    let logs_confirm = matches!(
        top,
        Cause::AppError
            | Cause::MissingConfig
            | Cause::AuthFailure
            | Cause::PermissionDenied
            | Cause::NetworkOrDns
            | Cause::TlsCertificate
            | Cause::TransientDependency
            | Cause::Segfault
    );
    if logs_confirm && facts.log_lines.is_empty() {
        let logs =
            collect.iter().filter(|s| s.command.as_deref().is_some_and(|c| c.contains(" logs ")));
        return logs.filter_map(as_next).collect();
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runtime_heap_rules_it_names_are_oom_rules_in_the_content() {
        for id in RUNTIME_HEAP_RULES {
            let rule = crate::rules::by_id(id);
            assert!(rule.is_some_and(|r| r.cause == Cause::OomKilled), "{id}");
        }
    }
}
