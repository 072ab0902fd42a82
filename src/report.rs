//! The analysis result that both front ends show, and that `kubetriage --json` prints.
//!
//! Field names are a contract with users' scripts: add fields, do not rename them.
//! [`markdown`] renders a report for a ticket or a chat message.

pub mod markdown;

use serde::{Deserialize, Serialize};

use crate::cause::Cause;

/// What a paste says about a Job: the headline, the root causes and what to collect next.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// One line on what was understood, e.g. `Job migrate in default: 3 failed pods, backoffLimit 2`.
    pub recognised: String,
    /// The Job's (or pod's) own failure reason, when the paste shows one.
    pub headline: Option<Headline>,
    /// Root causes, most likely first. Never empty: the last resort is `unknown`.
    pub findings: Vec<Finding>,
    /// Commands to run besides the top finding's steps: what the paste could not show (expired
    /// events, pods not pasted), or what would confirm the top finding. A command is never both
    /// here and among the top finding's steps; when the paste cannot decide, the `unknown`
    /// finding's steps are the collection steps.
    pub next: Vec<NextStep>,
    /// Problems with the paste itself (too large, unreadable parts), as lower-case sentences.
    pub notices: Vec<String>,
    /// The Job's attempts in time order, when the paste shows any.
    pub timeline: Option<Timeline>,
    /// Problems of the pasted manifests that schema linters do not catch. Never findings: a
    /// manifest's weakness does not outrank the root cause.
    pub lint: Vec<Lint>,
}

/// The failure reason Kubernetes reports: a symptom, not a cause (except `DeadlineExceeded`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headline {
    /// The reason string, e.g. `BackoffLimitExceeded`.
    pub reason: String,
    /// The controller's message, e.g. `Job has reached the specified backoff limit`.
    pub message: String,
    /// The line of the paste it was read from, counting from 1.
    pub line: Option<usize>,
    /// The file and its own line, when the CLI read several (as in [`Evidence`]).
    pub file: Option<String>,
    pub file_line: Option<usize>,
}

/// One candidate root cause with the lines that prove it and the steps that fix it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// A cause id: one of the 26 built-in ones, or one a team's `content/causes/` adds.
    pub cause: Cause,
    /// A finer distinction within the cause, e.g. `init container` or `spot interruption`.
    pub detail: Option<String>,
    /// From 0 to 1; 0.8 or more only when the evidence is unmistakable. For `unknown` it is how
    /// sure the analyzer is that the paste cannot decide: 1 minus the best other finding's
    /// confidence, from 0.25 to 0.75; the CLI and the page show no percentage for it.
    pub confidence: f32,
    /// The cause in plain words, with the user's own names.
    pub summary: String,
    /// Lines of the paste that show the cause, in paste order.
    pub evidence: Vec<Evidence>,
    /// Fix steps from the cause's knowledge-base entry, names filled in.
    pub steps: Vec<Step>,
    /// The slug of the knowledge-base entry for this cause.
    pub guide: String,
    /// A manifest change that fixes this cause, generated with the paste's own names.
    pub fix: Option<Patch>,
}

/// A generated change to the Job's manifest, as YAML to merge into it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Patch {
    /// Which fix this is, e.g. `memory-limit` or `fail-fast`.
    pub id: String,
    /// What it does, in a few words.
    pub title: String,
    /// Why it fits this paste and how to apply it.
    pub why: String,
    /// The fragment of the manifest, from its top-level `spec:`.
    pub yaml: String,
}

/// A manifest problem: where it is, what is wrong and why it matters, what to change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lint {
    /// The check, e.g. `no-active-deadline`.
    pub id: String,
    /// The line of the field, or of the `spec:` that lacks it, counting from 1.
    pub line: usize,
    /// The field's path in the object, e.g. `spec.jobTemplate.spec.backoffLimit`.
    pub field: String,
    /// The object, e.g. `Job/migrate` or `CronJob/report`.
    pub object: String,
    pub message: String,
    pub fix: String,
    /// The file and its own line, when the CLI read several (as in [`Evidence`]).
    pub file: Option<String>,
    pub file_line: Option<usize>,
}

/// The attempts of one Job in time order, on one time axis.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    /// The Job, when the paste names it.
    pub job: Option<String>,
    /// `pods` (restartPolicy Never: every attempt is a new pod) or `restarts` (OnFailure: the
    /// kubelet restarts the container in the same pod).
    pub counting: String,
    /// The attempts spent, as far as the paste shows: failed pods, or container restarts.
    pub used: Option<u32>,
    /// What `backoffLimit` allows: `backoffLimit + 1` pods, or `backoffLimit` restarts.
    pub allowed: Option<u32>,
    pub backoff_limit: Option<u32>,
    /// The Job's `activeDeadlineSeconds`, and where it runs out on the axis.
    pub deadline: Option<Deadline>,
    /// When the Job started, and when it failed or completed, on the axis.
    pub job_start: Option<Moment>,
    pub job_end: Option<Moment>,
    /// `absolute` when the axis comes from timestamps, `relative` when only from ages.
    pub clock: String,
    /// Second 0 of an absolute axis, as RFC 3339.
    pub origin: Option<String>,
    pub attempts: Vec<Attempt>,
    /// The Job's fate and the attempts' cause in one sentence, kept apart: "the Job gave up
    /// after 3 failed attempts (BackoffLimitExceeded); every failed attempt ...".
    pub summary: String,
}

/// A Job's active deadline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub seconds: u64,
    /// Where the deadline falls on the axis, when the Job's start is known.
    pub at: Option<i64>,
    pub line: usize,
}

/// One run of the Job's work: a pod, or one run of a restarted container.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    pub pod: Option<String>,
    pub container: Option<String>,
    /// For a container restarted in place: which run this is, from 1.
    pub run: Option<u32>,
    pub start: Option<Moment>,
    pub end: Option<Moment>,
    /// `failed`, `succeeded`, `running`, `waiting` or `unknown`.
    pub outcome: String,
    pub exit_code: Option<i64>,
    /// The container's reason, e.g. `OOMKilled`, `Error` or `ImagePullBackOff`.
    pub reason: Option<String>,
    /// Seconds from this attempt's end to the next one's start: the back-off before the next.
    pub gap_after: Option<i64>,
    /// The lines of the paste that show this attempt.
    pub lines: Vec<usize>,
}

/// A point on the timeline's axis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moment {
    /// Seconds from the axis' second 0.
    pub at: i64,
    /// How far off `at` may be, in seconds: 1 for a timestamp, up to a day for an old age.
    pub precision: u32,
    /// Where it was read: `describe`, `yaml`, `event age` or `pods age`.
    pub source: String,
    pub line: usize,
    /// The time as pasted, e.g. `Tue, 03 Dec 2024 09:14:34 +0000` or `94s`.
    pub text: String,
}

/// A line of the paste, by number (from 1) and text (cleaned of colour codes and CR).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub line: usize,
    /// The line, or of a long line the part around what matched: always a piece of the line.
    pub text: String,
    /// Whether the line goes on before `text` (a long line cut to the part that matters).
    pub cut_before: bool,
    /// Whether the line goes on after `text`.
    pub cut_after: bool,
    /// The file the line is in, when the CLI read several (`null` otherwise): `line` still
    /// counts in the joined paste, and `file_line` in that file. Always written, so that the
    /// page's compact protocol (`src/protocol.rs`), which has no field names, reads it back.
    pub file: Option<String>,
    pub file_line: Option<usize>,
}

impl Evidence {
    /// The text as a reader sees it: `…` where the line was cut.
    pub fn shown(&self) -> String {
        let before = if self.cut_before { "…" } else { "" };
        let after = if self.cut_after { "…" } else { "" };
        format!("{before}{}{after}", self.text)
    }
}

/// One fix step: what to do, and the command that does it when there is one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub text: String,
    pub command: Option<String>,
}

/// A command to run next and why it would help.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextStep {
    pub why: String,
    pub command: String,
}

impl Report {
    /// The most likely root cause; `unknown` when nothing was found.
    pub fn top_cause(&self) -> Cause {
        self.findings.first().map_or(Cause::Unknown, |f| f.cause)
    }

    /// Reads a report back from [`Report::to_json`]'s text (the browser app gets its reports
    /// from a worker this way); a lower-case message when the text is not one.
    pub fn from_json(json: &str) -> Result<Report, String> {
        serde_json::from_str(json).map_err(|err| format!("not a report: {err}"))
    }

    /// The report as one JSON object, as `kubetriage --json` prints it.
    pub fn to_json(&self) -> String {
        // Serializing plain strings, numbers and vectors cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_else(|_| String::from("{}"))
    }
}
