//! The knowledge base: error guides and cause entries compiled from `content/` by `build.rs`.
//!
//! The Markdown is parsed, checked and rendered to HTML at build time, so the browser carries only
//! static strings. The submodules here are shared with `build.rs` (through `#[path]`):
//!
//! - `front_matter`: splits and validates a document's YAML front matter;
//! - `markdown`: the one pulldown-cmark set-up, with heading anchors, copy buttons and link checks;
//! - `compile`: the whole of `content/` to checked documents, and the Rust source they become;
//! - [`placeholder`]: the `{pod}`-style names of fix steps.
//! - `advice`: the short texts of `content/lint/`, `content/fixes/` and `content/gaps/`.
//!
//! Only [`placeholder`] is part of the shipped library; the others are compiled into it under
//! `cfg(test)` so their unit tests run with `cargo test`.

#[cfg(test)]
mod advice;
#[cfg(test)]
mod compile;
#[cfg(test)]
mod front_matter;
#[cfg(test)]
mod markdown;
pub mod placeholder;

// The names the shared submodules reach through `super::`, as in `build.rs`.
#[cfg(test)]
use crate::{cause, yaml};

use crate::cause::Cause;
use crate::report::Step;

/// Which of the two kinds of document a [`Doc`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    /// An error guide, under `content/guides/`, routed as `#/guides/<slug>`.
    Guide,
    /// A cause entry, under `content/causes/`, routed as `#/causes/<id>`.
    Cause,
}

/// An `h2` or `h3` of a document, with the id its anchor links to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Heading {
    /// 2 or 3.
    pub level: u8,
    /// Unique within the document; the route suffix after `#/guides/<slug>/`.
    pub id: &'static str,
    /// The heading as plain text.
    pub text: &'static str,
}

/// One thing a user sees that a guide explains, such as the STATUS column value `OOMKilled`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeenAs {
    /// Where it shows: `message`, `status`, `event`, `reason`, `condition`, `exit-code` or `log`.
    pub place: &'static str,
    /// The exact text.
    pub text: &'static str,
}

/// A fix step of a cause entry, with `{pod}`-style placeholders (see [`fill`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepTemplate {
    /// What to do, as plain text.
    pub text: &'static str,
    /// The command that does it, when there is one.
    pub command: Option<&'static str>,
}

/// One compiled document of `content/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Doc {
    /// The guide's slug or the cause id; equal to the file name.
    pub slug: &'static str,
    pub kind: DocKind,
    pub title: &'static str,
    /// One sentence; for a cause, lower-case and without a trailing period.
    pub summary: &'static str,
    /// The Kubernetes reason string a guide is about, e.g. `BackoffLimitExceeded`.
    pub reason: Option<&'static str>,
    /// The exact message the user sees.
    pub error: Option<&'static str>,
    /// Strings a user may search for.
    pub aliases: &'static [&'static str],
    pub tags: &'static [&'static str],
    /// For a guide: the cause ids it discusses.
    pub causes: &'static [&'static str],
    /// For a guide: other guides' slugs.
    pub related: &'static [&'static str],
    /// For a cause: the guides that discuss it.
    pub guides: &'static [&'static str],
    /// For a guide: the Kubernetes releases it describes.
    pub applies_to: Option<&'static str>,
    /// For a guide: the home page section it is listed under (`job-failure`, `pod-failure`,
    /// `never-finishes`, `cronjob`, `reference`).
    pub group: Option<&'static str>,
    /// For a guide: what the user sees on screen that it explains.
    pub seen_as: &'static [SeenAs],
    /// Every `h2` and `h3`, in document order.
    pub headings: &'static [Heading],
    /// The body as trusted HTML (a cause's steps included).
    pub html: &'static str,
    /// For a cause: the fix steps the analyzer shows. Empty for a guide.
    pub steps: &'static [StepTemplate],
}

/// A built-in paste for the analyzer's "try an example".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    /// The file name under `content/examples/`, without `.txt`.
    pub id: &'static str,
    /// A short title for the example picker.
    pub title: &'static str,
    /// The paste itself.
    pub text: &'static str,
}

/// The words of a manifest lint check, from `content/lint/<id>.yaml`. Placeholders are those of
/// [`placeholder::LINT_NAMES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LintText {
    pub id: &'static str,
    /// What is wrong and why it matters.
    pub message: &'static str,
    /// What to change.
    pub fix: &'static str,
}

/// The words around a generated fix, from `content/fixes/<id>.yaml`. Placeholders are those of
/// [`placeholder::FIX_NAMES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixText {
    pub id: &'static str,
    /// What the fix does, in a few words.
    pub title: &'static str,
    /// Why it fits this paste, and how to apply it.
    pub why: &'static str,
    /// A comment written into the YAML beside the value to check.
    pub note: Option<&'static str>,
}

/// What to collect when the paste lacks something, from `content/gaps/<id>.yaml`, with the
/// placeholders of fix steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GapText {
    pub id: &'static str,
    /// What is missing and why the command helps.
    pub why: &'static str,
    pub command: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/content.rs"));

/// The words of lint check `id`.
pub fn lint_text(id: &str) -> Option<&'static LintText> {
    LINT_TEXTS.iter().find(|t| t.id == id)
}

/// The words of generated fix `id`.
pub fn fix_text(id: &str) -> Option<&'static FixText> {
    FIX_TEXTS.iter().find(|t| t.id == id)
}

/// The words of gap `id`.
pub fn gap_text(id: &str) -> Option<&'static GapText> {
    GAP_TEXTS.iter().find(|t| t.id == id)
}

/// Every lint, fix and gap text, for the tests that check each is used and each use exists.
pub fn advice_ids() -> (Vec<&'static str>, Vec<&'static str>, Vec<&'static str>) {
    (
        LINT_TEXTS.iter().map(|t| t.id).collect(),
        FIX_TEXTS.iter().map(|t| t.id).collect(),
        GAP_TEXTS.iter().map(|t| t.id).collect(),
    )
}

/// Every document: the guides by slug, then the cause entries in the order of [`Cause::ALL`].
pub fn docs() -> &'static [Doc] {
    DOCS
}

/// The error guides, by slug.
pub fn guides() -> impl Iterator<Item = &'static Doc> {
    DOCS.iter().filter(|doc| doc.kind == DocKind::Guide)
}

/// The guide whose slug is exactly `slug`.
pub fn guide(slug: &str) -> Option<&'static Doc> {
    guides().find(|doc| doc.slug == slug)
}

/// The entry of `cause`; every cause has one (the build checks it).
pub fn cause_entry(cause: Cause) -> Option<&'static Doc> {
    DOCS.iter().find(|doc| doc.kind == DocKind::Cause && doc.slug == cause.id())
}

/// The built-in example pastes, by id.
pub fn examples() -> &'static [Example] {
    EXAMPLES
}

/// The names a step's placeholders are filled with; `None` leaves `<job>`, `<pod>`, ... in place.
#[derive(Clone, Debug, Default)]
pub struct Names {
    pub job: Option<String>,
    pub pod: Option<String>,
    pub container: Option<String>,
    pub namespace: Option<String>,
    pub node: Option<String>,
    pub image: Option<String>,
    /// The Secret, ConfigMap, PVC or other object the cause is about.
    pub object: Option<String>,
}

impl Names {
    /// The value for placeholder `name` (without braces), if known.
    fn get(&self, name: &str) -> Option<&str> {
        let value = match name {
            "job" => &self.job,
            "pod" => &self.pod,
            "container" => &self.container,
            "namespace" => &self.namespace,
            "node" => &self.node,
            "image" => &self.image,
            "object" => &self.object,
            _ => &None,
        };
        value.as_deref()
    }
}

/// `template` with `{pod}` and the like replaced by the name, or by `<pod>` when it is unknown.
pub fn fill(template: &str, names: &Names) -> String {
    placeholder::fill(template, |name| names.get(name))
}

/// The fix steps of `cause`'s entry with the names filled in; empty if it has no entry.
pub fn steps_for(cause: Cause, names: &Names) -> Vec<Step> {
    let steps = cause_entry(cause).map_or(&[][..], |doc| doc.steps);
    steps
        .iter()
        .map(|step| Step {
            text: fill(step.text, names),
            command: step.command.map(|command| fill(command, names)),
        })
        .collect()
}
