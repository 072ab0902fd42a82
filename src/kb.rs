//! The knowledge base: error guides and cause entries compiled from `content/` by `build.rs`.
//!
//! The Markdown is parsed, checked and rendered to HTML at build time, so the browser carries only
//! static strings. The submodules here are shared with `build.rs` (through `#[path]`):
//!
//! - `front_matter`: splits and validates a document's YAML front matter;
//! - `markdown`: the one pulldown-cmark set-up, with heading anchors, copy buttons and link checks;
//! - `compile`: the whole of `content/` to checked documents, the search index of their text,
//!   and the Rust source they become;
//! - [`placeholder`]: the `{pod}`-style names of fix steps;
//! - [`search`]: the search engine, whose [`search::tokens`] and [`search::index`] are shared too.
//!
//! Only [`placeholder`] and [`search`] are part of the shipped library; the others are compiled
//! into it under `cfg(test)` so their unit tests run with `cargo test`.

#[cfg(test)]
mod compile;
#[cfg(test)]
mod front_matter;
#[cfg(test)]
mod markdown;
pub mod placeholder;
pub mod search;

// The names the shared submodules reach through `super::`, as in `build.rs`.
#[cfg(test)]
use self::search::{index, tokens};
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

impl SeenAs {
    /// Where it shows, as the home page and the search results label it.
    pub fn label(&self) -> &'static str {
        match self.place {
            "message" => "Message",
            "status" => "STATUS column",
            "event" => "Event reason",
            "reason" => "Reason",
            "condition" => "Condition",
            "exit-code" => "Exit code",
            "log" => "Log line",
            _ => "Shown as",
        }
    }
}

/// A section of the home page, which lists the guides whose `group` is its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Group {
    /// The value of `group` in a guide's front matter.
    pub id: &'static str,
    pub title: &'static str,
    /// One sentence under the title.
    pub blurb: &'static str,
}

/// The home page sections, in display order; the build accepts no other `group`.
pub const GROUPS: &[Group] = &[
    Group {
        id: "job-failure",
        title: "The Job failed",
        blurb:
            "The Job has a Failed condition: it gave up, ran out of time or was stopped by a rule.",
    },
    Group {
        id: "pod-failure",
        title: "A pod fails or never starts",
        blurb: "What kubectl get pods and kubectl describe pod show for the Job's pods.",
    },
    Group {
        id: "never-finishes",
        title: "The Job never finishes",
        blurb: "No failure, no success: pods that hang, wait or keep running.",
    },
    Group {
        id: "cronjob",
        title: "CronJobs",
        blurb: "Schedules that create no Jobs, too many, or Jobs at the wrong time.",
    },
    Group {
        id: "reference",
        title: "Reference",
        blurb: "Tables to look things up in, such as what an exit code means.",
    },
];

/// The guides listed under `group`, by slug.
pub fn guides_in(group: &str) -> impl Iterator<Item = &'static Doc> + '_ {
    guides().filter(move |doc| doc.group == Some(group))
}

/// The cause entries, in the order of [`Cause::ALL`].
pub fn cause_entries() -> impl Iterator<Item = &'static Doc> {
    DOCS.iter().filter(|doc| doc.kind == DocKind::Cause)
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

include!(concat!(env!("OUT_DIR"), "/content.rs"));

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_groups_are_the_ones_the_build_accepts() {
        let ids: Vec<&str> = GROUPS.iter().map(|g| g.id).collect();
        assert_eq!(ids, front_matter::GROUPS);
    }

    #[test]
    fn every_place_a_guide_may_name_has_its_own_label() {
        let labels: Vec<&str> = front_matter::SEEN_WHERE
            .iter()
            .map(|place| SeenAs { place, text: "x" }.label())
            .collect();
        assert!(!labels.contains(&"Shown as"), "{labels:?}");
        let distinct: std::collections::BTreeSet<_> = labels.iter().collect();
        assert_eq!(distinct.len(), labels.len(), "{labels:?}");
    }

    #[test]
    fn every_guide_is_in_a_group_and_the_causes_are_listed_in_order() {
        let grouped: usize = GROUPS.iter().map(|g| guides_in(g.id).count()).sum();
        assert_eq!(grouped, guides().count());
        let ids: Vec<&str> = cause_entries().map(|d| d.slug).collect();
        let all: Vec<&str> = Cause::ALL.iter().map(|c| c.id()).collect();
        assert_eq!(ids, all);
    }
}
