//! Manifest lint: settings a schema linter accepts but a failing Job pays for, each with the
//! line it stands on (or the `spec:` that lacks it) and, from `content/lint/`, why it matters and
//! what to change.
//!
//! It reads the Job specs of every YAML or JSON document in the paste: Jobs, the `jobTemplate`
//! of CronJobs, the items of a `List`, several documents of `helm template` output. A document
//! read back from the API (`kubectl get -o yaml`) has its defaults filled in, so a field it
//! lacks is really unset, and one the API always fills (`restartPolicy`) is not reported
//! missing. Lint never becomes a finding: a weak setting does not outrank the root cause.

mod checks;

use crate::capture::{Capture, Kind};
use crate::kb::{self, placeholder};
use crate::report::Lint;
use crate::text::Paste;
use crate::yaml::{self, Node};

/// What the rest of the paste showed, for the checks that depend on it.
#[derive(Clone, Debug, Default)]
pub struct Seen {
    /// Failed attempts that all ended the same way: how many, and how.
    pub repeated: Option<(usize, String)>,
}

/// One Job spec to check.
struct Target<'a> {
    /// `Job/migrate` or `CronJob/report`.
    object: String,
    /// The `JobSpec` mapping.
    spec: &'a Node,
    /// The line of the `spec:` key that opens it.
    spec_line: usize,
    /// Its path in the object: `spec`, or `spec.jobTemplate.spec` for a CronJob.
    prefix: &'static str,
    /// Read back from the API: defaults are filled in.
    live: bool,
    /// Its finished Jobs are cleaned up by a CronJob's history limits.
    scheduled: bool,
    /// The document was read to its end: a field it lacks is really absent, not cut off by a
    /// YAML error further up.
    complete: bool,
}

/// A check's result before its words are filled in.
struct Found {
    id: &'static str,
    line: usize,
    field: String,
    values: Vec<(&'static str, String)>,
}

impl Found {
    fn new(id: &'static str, line: usize, field: String) -> Found {
        Found { id, line, field, values: Vec::new() }
    }

    fn with(mut self, name: &'static str, value: impl Into<String>) -> Found {
        self.values.push((name, value.into()));
        self
    }
}

/// Every lint item of the paste's manifests, by line.
pub fn lint(paste: &Paste, capture: &Capture, seen: &Seen) -> Vec<Lint> {
    let mut out: Vec<Lint> = Vec::new();
    for (doc, complete) in documents(paste, capture) {
        for mut target in targets(&doc) {
            target.complete = complete;
            for found in checks::run(&target, seen) {
                let Some(text) = kb::lint_text(found.id) else { continue };
                let lookup = |name: &str| {
                    found.values.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
                };
                let item = Lint {
                    id: found.id.to_owned(),
                    line: found.line,
                    field: found.field,
                    object: target.object.clone(),
                    message: placeholder::fill_in(text.message, placeholder::LINT_NAMES, lookup),
                    fix: placeholder::fill_in(text.fix, placeholder::LINT_NAMES, lookup),
                    file: None,
                    file_line: None,
                };
                let seen_before = out
                    .iter()
                    .any(|l| l.id == item.id && l.object == item.object && l.field == item.field);
                if !seen_before {
                    out.push(item);
                }
            }
        }
    }
    // By line, checks on one line in the order they ran.
    let mut numbered: Vec<(usize, Lint)> = out.into_iter().enumerate().collect();
    numbered.sort_unstable_by_key(|(order, l)| (l.line, *order));
    numbered.into_iter().map(|(_, l)| l).collect()
}

/// The documents of the paste's YAML blocks, read as `extract` reads them, each with whether it
/// was read to its end.
fn documents(paste: &Paste, capture: &Capture) -> Vec<(Node, bool)> {
    let mut docs = Vec::new();
    for block in capture.blocks.iter().filter(|b| b.kind == Kind::Yaml) {
        let lines = &paste.lines[block.start..block.end.min(paste.lines.len())];
        let first = lines.first().map_or(1, |l| l.no);
        let text: Vec<String> = lines.iter().map(|l| l.text.replace('\t', "        ")).collect();
        let parsed = yaml::parse_from(&crate::extract::dedent(&text.join("\n")), first);
        let cut = parsed.docs.len().saturating_sub(usize::from(!parsed.errors.is_empty()));
        docs.extend(parsed.docs.into_iter().enumerate().map(|(i, doc)| (doc, i < cut)));
    }
    docs
}

/// The Job specs of one document: a Job, a CronJob's template, a List's items.
fn targets(doc: &Node) -> Vec<Target<'_>> {
    let kind = doc.get("kind").and_then(Node::as_str).unwrap_or_default();
    let name = doc.at(&["metadata", "name"]).and_then(Node::as_str).unwrap_or("(unnamed)");
    let status = doc.get("status").is_some_and(|s| !s.entries().is_empty());
    let live = status || doc.at(&["metadata", "uid"]).is_some();
    let owners = doc.at(&["metadata", "ownerReferences"]).map(Node::items).unwrap_or_default();
    let owned = owners.iter().any(|o| o.get("kind").and_then(Node::as_str) == Some("CronJob"));
    match kind {
        "List" | "JobList" | "CronJobList" => {
            doc.get("items").map(Node::items).unwrap_or_default().iter().flat_map(targets).collect()
        }
        "Job" => doc
            .entry("spec")
            .map(|e| Target {
                object: format!("Job/{name}"),
                spec: &e.value,
                spec_line: e.line,
                prefix: "spec",
                live,
                scheduled: owned,
                complete: true,
            })
            .into_iter()
            .collect(),
        "CronJob" => doc
            .at(&["spec", "jobTemplate"])
            .and_then(|t| t.entry("spec"))
            .map(|e| Target {
                object: format!("CronJob/{name}"),
                spec: &e.value,
                spec_line: e.line,
                prefix: "spec.jobTemplate.spec",
                live,
                scheduled: true,
                complete: true,
            })
            .into_iter()
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_check_has_its_words_and_every_text_a_check() {
        let (texts, _, _) = kb::advice_ids();
        for id in checks::IDS {
            assert!(kb::lint_text(id).is_some(), "no content/lint/{id}.yaml");
        }
        for id in texts {
            assert!(checks::IDS.contains(&id), "content/lint/{id}.yaml names no check");
        }
    }
}
