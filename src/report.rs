//! The analysis result that both front ends show, and that `kubetriage --json` prints.
//!
//! Field names are a contract with users' scripts: add fields, do not rename them.

use serde::Serialize;

use crate::cause::Cause;

/// What a paste says about a Job: the headline, the root causes and what to collect next.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// One line on what was understood, e.g. `Job migrate in default: 3 failed pods, backoffLimit 2`.
    pub recognised: String,
    /// The Job's (or pod's) own failure reason, when the paste shows one.
    pub headline: Option<Headline>,
    /// Root causes, most likely first. Never empty: the last resort is `unknown`.
    pub findings: Vec<Finding>,
    /// Commands to run when the paste cannot decide, or to confirm the top finding.
    pub next: Vec<NextStep>,
    /// Problems with the paste itself (too large, unreadable parts), as lower-case sentences.
    pub notices: Vec<String>,
}

/// The failure reason Kubernetes reports: a symptom, not a cause (except `DeadlineExceeded`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Headline {
    /// The reason string, e.g. `BackoffLimitExceeded`.
    pub reason: String,
    /// The controller's message, e.g. `Job has reached the specified backoff limit`.
    pub message: String,
    /// The line of the paste it was read from, counting from 1.
    pub line: Option<usize>,
}

/// One candidate root cause with the lines that prove it and the steps that fix it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// A cause id: one of the 26 built-in ones, or one a team's `content/causes/` adds.
    pub cause: Cause,
    /// A finer distinction within the cause, e.g. `init container` or `spot interruption`.
    pub detail: Option<String>,
    /// From 0 to 1; 0.8 or more only when the evidence is unmistakable.
    pub confidence: f32,
    /// The cause in plain words, with the user's own names.
    pub summary: String,
    /// Lines of the paste that show the cause, in paste order.
    pub evidence: Vec<Evidence>,
    /// Fix steps from the cause's knowledge-base entry, names filled in.
    pub steps: Vec<Step>,
    /// The slug of the knowledge-base entry for this cause.
    pub guide: String,
}

/// A line of the paste, by number (from 1) and text (cleaned of colour codes and CR).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub line: usize,
    pub text: String,
}

/// One fix step: what to do, and the command that does it when there is one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    pub text: String,
    pub command: Option<String>,
}

/// A command to run next and why it would help.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NextStep {
    pub why: String,
    pub command: String,
}

impl Report {
    /// The most likely root cause; `unknown` when nothing was found.
    pub fn top_cause(&self) -> Cause {
        self.findings.first().map_or(Cause::Unknown, |f| f.cause)
    }

    /// The report as one JSON object, as `kubetriage --json` prints it.
    pub fn to_json(&self) -> String {
        // Serializing plain strings, numbers and vectors cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_else(|_| String::from("{}"))
    }
}
