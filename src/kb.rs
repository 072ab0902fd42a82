//! The knowledge base: error guides and cause entries compiled from `content/` by `build.rs`.
//!
//! The Markdown is parsed, checked and rendered to HTML at build time, so the browser carries only
//! static strings. The submodules here are shared with `build.rs` (through `#[path]`):
//!
//! - `front_matter`: splits and validates a document's YAML front matter;
//! - `markdown`: the one pulldown-cmark set-up, with heading anchors, copy buttons and link checks;
//! - `signals`: the `signals` of a cause entry, checked, and the rule table they become;
//! - `compile`: the whole of `content/` to checked documents, the search index of their text,
//!   and the Rust source they become;
//! - [`placeholder`]: the `{pod}`-style names of fix steps;
//! - [`search`]: the search engine, whose [`search::tokens`] and [`search::index`] are shared too.
//! - `advice`: the short texts of `content/lint/`, `content/fixes/` and `content/gaps/`.
//!
//! Only [`placeholder`] and [`search`] are part of the shipped library; the others are compiled
//! into it under `cfg(test)` so their unit tests run with `cargo test`.

#[cfg(test)]
mod advice;
#[cfg(test)]
mod compile;
#[cfg(test)]
mod front_matter;
#[cfg(test)]
mod markdown;
pub mod placeholder;
pub mod search;
#[cfg(test)]
mod signals;

// The names the shared submodules reach through `super::`, as in `build.rs`.
#[cfg(test)]
use self::search::{index, tokens};
#[cfg(test)]
use crate::{cause, rules::pattern, yaml};

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

/// The home page's heading.
pub const HOME_TITLE: &str = "Why did the Kubernetes Job fail?";

/// The sentence under the home page's heading.
pub const HOME_LEAD: &str = "Guides to the errors Jobs and their pods show, and the causes \
    behind them. Search by the message you see, or paste kubectl output into the analyzer.";

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

/// The cause entries, in the order of [`Cause::all`].
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
    /// What to say instead of `text` once the work completed after all.
    pub completed: Option<&'static str>,
    /// Lower-case words of which the paste must hold one for the step to apply; empty, always.
    pub when: &'static [&'static str],
    /// Lower-case words of which the paste must hold none for the step to apply.
    pub unless: &'static [&'static str],
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

/// Every document: the guides by slug, then the cause entries: the built-in causes in the order
/// of [`Cause::BUILT_IN`], then the causes `content/` adds, by id.
pub fn docs() -> &'static [Doc] {
    DOCS
}

/// The text signals of every cause entry, for search: the cause id, the pattern (lower-case,
/// as the rules hold it) and the strength. The same as the rules' text keys (a test checks).
pub fn search_signals() -> &'static [(&'static str, &'static str, f32)] {
    SEARCH_SIGNALS
}

/// The body of `doc` as trusted HTML (a cause's steps included), compiled from `content/`.
///
/// Native builds and the one-file build (feature `embedded-docs`) carry every body; the browser
/// app gets them from the pages the build writes next to it (see [`crate::site`]).
#[cfg(any(not(target_arch = "wasm32"), feature = "embedded-docs"))]
pub fn doc_html(doc: &Doc) -> &'static str {
    let index = DOCS.iter().position(|d| d.kind == doc.kind && d.slug == doc.slug);
    index.and_then(|i| DOC_HTML.get(i)).copied().unwrap_or_default()
}

impl Cause {
    /// Every cause with an entry: the built-in ids, then those `content/` adds, by id.
    pub fn all() -> &'static [Cause] {
        CAUSES
    }

    /// The cause whose id is exactly `id`: a built-in one or one `content/` adds.
    pub fn from_id(id: &str) -> Option<Cause> {
        CAUSES.iter().copied().find(|c| c.id() == id)
    }
}

/// A cause is read back from its id (the browser app reads reports its worker wrote); an id
/// this build does not know is an error, not a new cause.
impl<'de> serde::Deserialize<'de> for Cause {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Cause, D::Error> {
        let id = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Cause::from_id(&id)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown cause id `{id}`")))
    }
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

/// The names a step's placeholders are filled with; `None` leaves a marker (`POD_NAME`) in place.
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
    /// The service account the pod runs as.
    pub service_account: Option<String>,
    /// The host a dependency was called at.
    pub host: Option<String>,
    /// The CronJob that created the Job: its steps re-run the work from the CronJob.
    pub cronjob: Option<String>,
}

impl Names {
    /// The value for placeholder `name` (without braces), if known and valid where it goes: a
    /// name from a paste goes into a command only when Kubernetes would accept it there.
    pub fn get(&self, name: &str) -> Option<&str> {
        use crate::names::{is_host, is_image, is_label, is_subdomain};
        let (value, valid): (&Option<String>, fn(&str) -> bool) = match name {
            "job" => (&self.job, is_subdomain),
            "pod" => (&self.pod, is_subdomain),
            "container" => (&self.container, is_label),
            "namespace" => (&self.namespace, is_label),
            "node" => (&self.node, is_subdomain),
            "image" => (&self.image, is_image),
            "object" => (&self.object, is_subdomain),
            "serviceaccount" => (&self.service_account, is_subdomain),
            "host" => (&self.host, is_host),
            "cronjob" => (&self.cronjob, is_subdomain),
            "registry" => return self.get("image").and_then(crate::names::registry_of),
            _ => return None,
        };
        value.as_deref().filter(|v| valid(v))
    }
}

/// `template` with `{pod}` and the like replaced by the name, or by its marker (`POD_NAME`) when
/// it is unknown or not a valid name; `kubectl logs {pod}` reads `job/{job}` when only the Job
/// is known, and a Job a CronJob created is re-run from the CronJob, whose template the next
/// runs use, rather than re-created from a file. An unknown container is left out of `-c {container}`:
/// kubectl then picks the pod's default container, which is right for the usual one-container
/// pod, where `-c CONTAINER_NAME` would fail.
pub fn fill(template: &str, names: &Names) -> String {
    let mut template = std::borrow::Cow::Borrowed(template);
    // `kubectl logs job/NAME` reads a pod of the Job: better than a marker when the pod is unknown.
    if names.get("pod").is_none() && names.get("job").is_some() {
        for verb in ["kubectl logs {pod}", "kubectl log {pod}"] {
            if template.contains(verb) {
                template =
                    std::borrow::Cow::Owned(template.replace(verb, "kubectl logs job/{job}"));
            }
        }
    }
    if names.get("cronjob").is_some() && template.contains(RECREATE) {
        template = std::borrow::Cow::Owned(template.replace(RECREATE, RERUN_FROM_CRONJOB));
    }
    if names.get("container").is_none() {
        for flag in [" -c {container}", " --container={container}", " --container {container}"] {
            if template.contains(flag) {
                template = std::borrow::Cow::Owned(template.replace(flag, ""));
            }
        }
    }
    placeholder::fill_marked(&template, |name| names.get(name))
}

/// The command a step re-creates the Job with, and the one that re-runs a CronJob's Job instead:
/// `kubectl create job --from=cronjob/` copies the CronJob's current jobTemplate.
const RECREATE: &str = "kubectl replace --force -f {job}.yaml";
const RERUN_FROM_CRONJOB: &str =
    "kubectl create job {cronjob}-manual --from=cronjob/{cronjob} -n {namespace}";

/// What a step says of the Job's manifest, and what it says instead when a CronJob made the
/// Job: the fix goes into the CronJob's jobTemplate, and the next run starts from the CronJob
/// (as [`RERUN_FROM_CRONJOB`] does), or it repeats the failure.
const FOR_A_CRONJOB: &[(&str, &str)] = &[
    ("the Job's manifest", "the jobTemplate of CronJob {cronjob}"),
    ("the Job's pod template", "the pod template in CronJob {cronjob}'s jobTemplate"),
    ("the Job's template", "CronJob {cronjob}'s jobTemplate"),
    ("re-create the Job", "start a new run from the CronJob"),
    ("Re-create the Job", "Start a new run from the CronJob"),
];

/// Like [`fill`], for prose: when only the Job is known, `{pod}` reads "a pod of Job NAME",
/// as its command reads `kubectl logs job/NAME`, rather than a marker; when a CronJob made the
/// Job, the manifest to change is the CronJob's.
pub fn fill_text(template: &str, names: &Names) -> String {
    let mut text = std::borrow::Cow::Borrowed(template);
    if names.get("cronjob").is_some() {
        for (job, cronjob) in FOR_A_CRONJOB {
            if text.contains(job) {
                text = std::borrow::Cow::Owned(text.replace(job, cronjob));
            }
        }
    }
    if names.get("pod").is_none() && names.get("job").is_some() && text.contains("{pod}") {
        return fill(&text.replace("{pod}", "a pod of Job {job}"), names);
    }
    fill(&text, names)
}

/// The fix steps of `doc` (a cause entry's; a guide has none) as the content writes them.
pub fn doc_steps(doc: &Doc) -> &'static [StepTemplate] {
    let index = DOCS.iter().position(|d| d.kind == doc.kind && d.slug == doc.slug);
    index.and_then(|i| STEPS.get(i)).copied().unwrap_or_default()
}

/// The fix steps of `cause`'s entry with the names filled in; empty if it has no entry. When
/// the work `completed` after all, a step that would re-run it says its `completed` words
/// instead, without its command. A step with `when` words applies only where `mentions` says
/// the paste holds one of them.
pub fn steps_for(
    cause: Cause,
    names: &Names,
    completed: bool,
    mentions: impl Fn(&str) -> bool,
) -> Vec<Step> {
    let steps = cause_entry(cause).map_or(&[][..], doc_steps);
    steps
        .iter()
        .filter(|step| step.when.is_empty() || step.when.iter().any(|w| mentions(w)))
        .filter(|step| !step.unless.iter().any(|w| mentions(w)))
        .map(|step| match step.completed.filter(|_| completed) {
            Some(text) => Step { text: fill_text(text, names), command: None },
            None => Step {
                text: fill_text(step.text, names),
                command: step.command.map(|command| fill(command, names)),
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::path::Path;

    use super::compile::{self, Source};
    use crate::cause::Cause;
    use crate::classify::classify_with;
    use crate::rules::{Key, Rule};
    use crate::text::Paste;

    /// Every file of `content/`, as `build.rs` hands them over, plus `extra`.
    fn content_with(extra: &[Source]) -> Vec<Source> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut sources = vec![Source {
            path: "README.md".into(),
            text: fs::read_to_string(root.join("README.md")).expect("README"),
        }];
        for dir in ["guides", "causes", "examples"] {
            for entry in fs::read_dir(root.join(dir)).expect("content dir").flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let text = fs::read_to_string(entry.path()).expect("readable");
                sources.push(Source { path: format!("{dir}/{name}"), text });
            }
        }
        sources.extend(extra.iter().cloned());
        sources.sort_by(|a, b| a.path.cmp(&b.path));
        sources
    }

    fn leak(text: &str) -> &'static str {
        Box::leak(text.to_owned().into_boxed_str())
    }

    /// The rule table the build would write, as values (the build writes it as Rust source).
    fn rules(content: &compile::Content) -> Vec<Rule> {
        let mut out = Vec::new();
        for doc in &content.docs {
            for s in &doc.front.signals {
                let key = match &s.key {
                    super::signals::Key::Text(p) => Key::Text(leak(p)),
                    super::signals::Key::Terminated(r) => Key::Terminated(leak(r)),
                    super::signals::Key::Waiting(r) => Key::Waiting(leak(r)),
                    super::signals::Key::Status(r) => Key::Status(leak(r)),
                    super::signals::Key::PodReason(r) => Key::PodReason(leak(r)),
                    super::signals::Key::Event(r) => Key::Event(leak(r)),
                    super::signals::Key::ExitCode(c) => Key::Exit(*c),
                };
                let unless: Vec<&'static str> = s.unless.iter().map(|u| leak(u)).collect();
                out.push(Rule {
                    id: leak(&s.id),
                    key,
                    cause: Cause::new(leak(&doc.front.slug)),
                    strength: s.strength as f32 / 100.0,
                    detail: s.detail.as_deref().map(leak),
                    source: leak(&s.source),
                    example: s.example.as_deref().map(leak),
                    unless: Box::leak(unless.into_boxed_slice()),
                });
            }
        }
        out
    }

    /// The extension path of `content/README.md`, end to end: a team's cause entry beside the
    /// shipped content compiles, its signals join the rule table, and the classifier names it.
    #[test]
    fn a_team_cause_is_found_end_to_end() {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/team-cause/ledger-lock-held.md");
        let team = Source {
            path: "causes/ledger-lock-held.md".into(),
            text: fs::read_to_string(fixture).expect("fixture"),
        };
        let content = compile::compile(&content_with(&[team])).expect("content compiles");
        let rust = compile::to_rust(&content);
        assert!(rust.contains("    Cause::new(\"ledger-lock-held\"),\n];"), "listed last");
        let rules = rules(&content);
        assert_eq!(rules.len(), crate::rules::RULES.len() + 2, "the shipped rules and two more");

        let paste = Paste::new(
            "$ kubectl logs billing-export-7xk2p -n billing\n\
             2024-03-04 09:12:00 INFO starting export for 2024-03\n\
             2024-03-04 09:12:00 ERROR LEDGER_LOCK_HELD: lock billing/2024-03 is held by run 41\n",
        );
        let capture = crate::capture::capture(&paste);
        let (facts, _) = crate::extract::extract(&paste, &capture);
        let ranked = classify_with(&rules, &paste, &facts, None);
        let top = ranked.first().expect("a finding");
        assert_eq!(top.cause.id(), "ledger-lock-held");
        assert!(!top.cause.is_built_in());
        assert_eq!(top.signals[0].lines, [3]);
        assert_eq!(top.signals[0].object.as_deref(), Some("billing/2024-03"));
        let doc = content.docs.iter().find(|d| d.front.slug == "ledger-lock-held").expect("doc");
        assert_eq!(doc.front.steps.len(), 2);
    }

    #[test]
    fn search_signals_are_the_rules_text_keys() {
        let from_rules: Vec<(&str, &str, f32)> = crate::rules::RULES
            .iter()
            .filter_map(|rule| match rule.key {
                crate::rules::Key::Text(pattern) => Some((rule.cause.id(), pattern, rule.strength)),
                _ => None,
            })
            .collect();
        let mut listed = search_signals().to_vec();
        let mut want = from_rules;
        let order = |a: &(&str, &str, f32), b: &(&str, &str, f32)| (a.0, a.1).cmp(&(b.0, b.1));
        listed.sort_by(order);
        want.sort_by(order);
        assert_eq!(listed, want);
        assert!(listed.len() > 100, "{} text signals", listed.len());
    }

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
        let all: Vec<&str> = Cause::all().iter().map(|c| c.id()).collect();
        assert_eq!(ids, all);
    }
}
