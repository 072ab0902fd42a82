//! The front matter of a `content/` document: split from the body, read as YAML, checked.
//!
//! A document starts with a line that is exactly `---`; the front matter runs to the next line
//! that is exactly `---`, and the body follows. Only the top of the file is looked at, so a `---`
//! later in the body is a Markdown thematic break, nothing more.
//!
//! The schema (see `content/README.md`) is checked field by field, and every problem is reported
//! with the line of the file it is on. Checks that need other documents (that a cause id exists,
//! that a linked guide exists) are made by `compile`.

use super::placeholder;
use super::signals::{self, Signal};
use super::yaml::{self, Entry, Node, Value};

/// A problem in one file, at a line counted from 1 in the whole file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    /// Lower-case, without a trailing period.
    pub message: String,
}

impl Problem {
    pub(crate) fn new(line: usize, message: impl Into<String>) -> Problem {
        Problem { line, message: message.into() }
    }
}

/// A file cut into its front matter and its body, with the line each starts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    pub yaml_line: usize,
    pub body: &'a str,
    pub body_line: usize,
}

/// Cuts `source` at the `---` lines that open and close its front matter.
pub fn split(source: &str) -> Result<Split<'_>, Problem> {
    let Some(rest) = source.strip_prefix("---\n") else {
        return Err(Problem::new(
            1,
            "a document must start with a `---` line opening its front matter",
        ));
    };
    let mut offset = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        if line.strip_suffix('\n').unwrap_or(line) == "---" {
            return Ok(Split {
                yaml: &rest[..offset],
                yaml_line: 2,
                body: &rest[offset + line.len()..],
                body_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err(Problem::new(1, "the front matter has no closing `---` line"))
}

/// The two kinds of document, named by the directory they live in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Guide,
    Cause,
}

impl Kind {
    /// The value of the `kind` field.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Guide => "guide",
            Kind::Cause => "cause",
        }
    }

    /// The field that names the document (`slug` or `id`).
    fn name_field(self) -> &'static str {
        match self {
            Kind::Guide => "slug",
            Kind::Cause => "id",
        }
    }

    /// Every field this kind allows, and whether it is required.
    fn fields(self) -> &'static [(&'static str, bool)] {
        match self {
            Kind::Guide => &[
                ("slug", true),
                ("kind", true),
                ("title", true),
                ("summary", true),
                ("reason", false),
                ("error", false),
                ("aliases", true),
                ("tags", true),
                ("causes", true),
                ("related", true),
                ("applies_to", true),
                ("group", true),
                ("seen_as", true),
            ],
            Kind::Cause => &[
                ("id", true),
                ("kind", true),
                ("title", true),
                ("summary", true),
                ("aliases", false),
                ("tags", false),
                ("guides", true),
                ("steps", true),
                ("signals", false),
                ("cues", false),
            ],
        }
    }
}

/// A string of the front matter and the line it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned {
    pub text: String,
    pub line: usize,
}

/// A fix step as written: placeholders still in braces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub text: String,
    pub command: Option<String>,
    /// What to say instead of `text`, and without `command`, when the paste shows the work
    /// completed after all (a later attempt succeeded): re-creating the Job would re-run
    /// finished work.
    pub completed: Option<String>,
    /// Lower-case words of which the paste must hold one for the step to apply (`when: [quota]`
    /// for the step that frees a quota); empty, the step always applies.
    pub when: Vec<String>,
    /// Lower-case words of which the paste must hold none for the step to apply (`unless:
    /// [liveness probe]` for the step about node drains); empty, no word rules it out.
    pub unless: Vec<String>,
    pub line: usize,
}

/// The checked front matter of one document. Fields a kind does not have are empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    pub kind: Kind,
    /// The `slug` of a guide or the `id` of a cause.
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub reason: Option<String>,
    pub error: Option<String>,
    pub aliases: Vec<String>,
    pub tags: Vec<String>,
    pub causes: Vec<Spanned>,
    pub related: Vec<Spanned>,
    pub guides: Vec<Spanned>,
    pub applies_to: Option<String>,
    /// For a guide: one of [`GROUPS`], the home page section it is listed under.
    pub group: Option<String>,
    /// For a guide: what the user sees on screen that this guide explains.
    pub seen_as: Vec<SeenAs>,
    pub steps: Vec<Step>,
    /// For a cause: what the classifier keys on to name it (see [`signals`]).
    pub signals: Vec<Signal>,
    /// For a cause: lower-case words that point to it in an error line no signal knows (`access
    /// denied`); a cue of digits only is a whole number (`429`).
    pub cues: Vec<Spanned>,
}

/// The home page sections a guide can be listed under, in display order.
pub const GROUPS: &[&str] =
    &["job-failure", "pod-failure", "never-finishes", "cronjob", "reference"];

/// Where on screen a user meets a guide's subject (`where` in `seen_as`).
pub const SEEN_WHERE: &[&str] =
    &["message", "status", "event", "reason", "condition", "exit-code", "log"];

/// One thing a user sees that a guide explains: `{where: status, text: OOMKilled}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeenAs {
    /// One of [`SEEN_WHERE`].
    pub place: String,
    /// The exact text, as Kubernetes or the runtime prints it.
    pub text: String,
}

/// The fewest and most fix steps a cause entry may have.
pub const STEPS: std::ops::RangeInclusive<usize> = 2..=6;

/// Reads the front matter `split` holds for a document of `kind` named `stem` (its file name
/// without `.md`). All problems are returned, not only the first.
pub fn read(split: &Split<'_>, kind: Kind, stem: &str) -> Result<FrontMatter, Vec<Problem>> {
    let parsed = yaml::parse_from(split.yaml, split.yaml_line);
    let opening = split.yaml_line.saturating_sub(1);
    let mut problems: Vec<Problem> =
        parsed.errors.iter().map(|d| Problem::new(d.line, d.message.clone())).collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    let root = match parsed.docs.as_slice() {
        [root] => root,
        [] => return Err(vec![Problem::new(opening, "the front matter is empty")]),
        [_, second, ..] => {
            return Err(vec![Problem::new(
                second.line,
                "the front matter holds more than one document",
            )])
        }
    };
    if !matches!(root.value, Value::Map(_)) {
        return Err(vec![Problem::new(root.line, "the front matter must be a mapping of fields")]);
    }

    let mut reader = Reader { problems: &mut problems, root, opening };
    reader.check_keys(kind);
    let front = reader.front_matter(kind, stem);
    if problems.is_empty() {
        Ok(front)
    } else {
        Err(problems)
    }
}

/// Reads typed fields out of the root mapping, collecting problems as it goes.
struct Reader<'a> {
    problems: &'a mut Vec<Problem>,
    root: &'a Node,
    /// The line of the opening `---`, where a missing field is reported.
    opening: usize,
}

impl Reader<'_> {
    fn problem(&mut self, line: usize, message: String) {
        self.problems.push(Problem::new(line, message));
    }

    /// Unknown and repeated keys; missing required ones.
    fn check_keys(&mut self, kind: Kind) {
        let fields = kind.fields();
        let entries = self.root.entries();
        for (index, entry) in entries.iter().enumerate() {
            if !fields.iter().any(|(name, _)| *name == entry.key) {
                let message = format!("unknown field `{}` in a {}", entry.key, kind.name());
                self.problem(entry.line, message);
            } else if entries[..index].iter().any(|e| e.key == entry.key) {
                self.problem(entry.line, format!("field `{}` is given twice", entry.key));
            }
        }
        for (name, required) in fields {
            if *required && self.root.entry(name).is_none() {
                self.problem(self.opening, format!("missing field `{name}`"));
            }
        }
    }

    fn front_matter(&mut self, kind: Kind, stem: &str) -> FrontMatter {
        let name_field = kind.name_field();
        let slug = self.string(name_field).unwrap_or_default();
        if let Some(entry) = self.root.entry(name_field) {
            if !slug.is_empty() && slug != stem {
                let message = format!("`{name_field}` is `{slug}` but the file is `{stem}.md`");
                self.problem(entry.value.line, message);
            }
        }
        if let Some(found) = self.string("kind") {
            if found != kind.name() {
                let line = self.line_of("kind");
                let message = format!("`kind` is `{found}` but the file is a {}", kind.name());
                self.problem(line, message);
            }
        }
        let summary = self.string("summary").unwrap_or_default();
        if kind == Kind::Cause {
            self.check_cause_summary(&summary);
        }
        FrontMatter {
            kind,
            slug,
            title: self.string("title").unwrap_or_default(),
            summary,
            reason: self.string("reason"),
            error: self.string("error"),
            aliases: self.list("aliases").into_iter().map(|s| s.text).collect(),
            tags: self.list("tags").into_iter().map(|s| s.text).collect(),
            causes: self.list("causes"),
            related: self.list("related"),
            guides: self.list("guides"),
            applies_to: self.string("applies_to"),
            group: self.group(),
            seen_as: self.seen_as(),
            steps: self.steps(),
            signals: self.signals(),
            cues: self.cues(),
        }
    }

    /// The `cues` list: each lower-case, at least three characters, with no wildcard (a cue is
    /// found as written, not as a pattern).
    fn cues(&mut self) -> Vec<Spanned> {
        let cues = self.list("cues");
        for cue in &cues {
            let text = &cue.text;
            if text.chars().count() < 3 || text.trim() != text {
                self.problem(cue.line, format!("the cue `{text}` must be three characters or more, without spaces around it"));
            } else if text.to_lowercase() != *text || text.contains('*') {
                self.problem(
                    cue.line,
                    format!("the cue `{text}` must be lower-case words, without `*`"),
                );
            }
        }
        cues
    }

    fn signals(&mut self) -> Vec<Signal> {
        let Some(entry) = self.root.entry("signals") else { return Vec::new() };
        let (found, problems) = signals::read(&entry.value);
        self.problems.extend(problems);
        found
    }

    fn line_of(&self, key: &str) -> usize {
        self.root.entry(key).map_or(self.opening, |e| e.value.line)
    }

    /// The analyzer shows a cause's summary after other words: it reads as a clause.
    fn check_cause_summary(&mut self, summary: &str) {
        let line = self.line_of("summary");
        if summary.chars().next().is_some_and(|c| !c.is_lowercase()) {
            self.problem(line, "a cause's `summary` must start with a lower-case letter".into());
        }
        if summary.ends_with('.') {
            self.problem(line, "a cause's `summary` must not end with a period".into());
        }
    }

    /// A non-empty string field, or `None` when it is absent or wrong (a problem is recorded).
    fn string(&mut self, key: &str) -> Option<String> {
        let entry = self.root.entry(key)?;
        self.scalar(entry, key)
    }

    fn scalar(&mut self, entry: &Entry, what: &str) -> Option<String> {
        match &entry.value.value {
            Value::Scalar(text) if text.trim().is_empty() => {
                self.problem(entry.value.line, format!("`{what}` is empty"));
                None
            }
            Value::Scalar(text) if text.trim() != text => {
                let message = format!("`{what}` has leading or trailing spaces");
                self.problem(entry.value.line, message);
                None
            }
            Value::Scalar(text) => Some(text.clone()),
            Value::Null => {
                self.problem(entry.value.line, format!("`{what}` has no value"));
                None
            }
            Value::Seq(_) | Value::Map(_) => {
                self.problem(entry.value.line, format!("`{what}` must be a string"));
                None
            }
        }
    }

    /// A list of distinct non-empty strings; empty when absent or wrong (a problem is recorded).
    fn list(&mut self, key: &str) -> Vec<Spanned> {
        let Some(entry) = self.root.entry(key) else { return Vec::new() };
        if !matches!(entry.value.value, Value::Seq(_)) {
            let message = format!("`{key}` must be a list of strings, like `[a, b]`");
            self.problem(entry.value.line, message);
            return Vec::new();
        }
        let mut out: Vec<Spanned> = Vec::new();
        for item in entry.value.items() {
            let Some(text) = item.as_str().filter(|t| !t.trim().is_empty()) else {
                self.problem(
                    item.line,
                    format!("every item of `{key}` must be a non-empty string"),
                );
                continue;
            };
            if out.iter().any(|seen| seen.text == text) {
                self.problem(item.line, format!("`{text}` is listed twice in `{key}`"));
                continue;
            }
            out.push(Spanned { text: text.to_string(), line: item.line });
        }
        out
    }

    fn group(&mut self) -> Option<String> {
        let group = self.string("group")?;
        if GROUPS.contains(&group.as_str()) {
            return Some(group);
        }
        let line = self.line_of("group");
        self.problem(line, format!("`group` is `{group}`; use one of {}", GROUPS.join(", ")));
        None
    }

    fn seen_as(&mut self) -> Vec<SeenAs> {
        let Some(entry) = self.root.entry("seen_as") else { return Vec::new() };
        let line = entry.value.line;
        if !matches!(entry.value.value, Value::Seq(_)) || entry.value.items().is_empty() {
            self.problem(line, "`seen_as` must be a non-empty list of `{where, text}` maps".into());
            return Vec::new();
        }
        let mut out = Vec::new();
        for item in entry.value.items() {
            if !matches!(item.value, Value::Map(_)) {
                self.problem(item.line, "a `seen_as` item is a map with `where` and `text`".into());
                continue;
            }
            for field in item.entries() {
                if field.key != "where" && field.key != "text" {
                    self.problem(field.line, format!("unknown field `{}` in `seen_as`", field.key));
                }
            }
            let place = item.entry("where").and_then(|e| self.scalar(e, "where"));
            let text = item.entry("text").and_then(|e| self.scalar(e, "text"));
            match (place, text) {
                (Some(place), Some(text)) if SEEN_WHERE.contains(&place.as_str()) => {
                    out.push(SeenAs { place, text });
                }
                (Some(place), Some(_)) => {
                    let known = SEEN_WHERE.join(", ");
                    self.problem(item.line, format!("`where` is `{place}`; use one of {known}"));
                }
                _ => self.problem(item.line, "a `seen_as` item needs `where` and `text`".into()),
            }
        }
        out
    }

    fn steps(&mut self) -> Vec<Step> {
        let Some(entry) = self.root.entry("steps") else { return Vec::new() };
        if !matches!(entry.value.value, Value::Seq(_)) {
            self.problem(
                entry.value.line,
                "`steps` must be a list of `text:`/`command:` maps".into(),
            );
            return Vec::new();
        }
        let items = entry.value.items();
        if !STEPS.contains(&items.len()) {
            let message = format!(
                "a cause has {} to {} steps, this one has {}",
                STEPS.start(),
                STEPS.end(),
                items.len()
            );
            self.problem(entry.value.line, message);
        }
        items.iter().filter_map(|item| self.step(item)).collect()
    }

    fn step(&mut self, item: &Node) -> Option<Step> {
        if !matches!(item.value, Value::Map(_)) {
            self.problem(
                item.line,
                "a step must be a map with `text` and optional `command`".into(),
            );
            return None;
        }
        for entry in item.entries() {
            if !["text", "command", "completed", "when", "unless"].contains(&entry.key.as_str()) {
                self.problem(entry.line, format!("unknown field `{}` in a step", entry.key));
            }
        }
        let Some(text_entry) = item.entry("text") else {
            self.problem(item.line, "a step needs a `text`".into());
            return None;
        };
        let text = self.step_text(text_entry, "text")?;
        let completed = match item.entry("completed") {
            Some(entry) => Some(self.step_text(entry, "completed")?),
            None => None,
        };
        let command = match item.entry("command") {
            Some(entry) => {
                let command = self.scalar(entry, "command")?;
                self.check_placeholders(&command, entry.value.line);
                Some(command)
            }
            None => None,
        };
        let when = match item.entry("when") {
            Some(entry) => self.words(entry, "when")?,
            None => Vec::new(),
        };
        let unless = match item.entry("unless") {
            Some(entry) => self.words(entry, "unless")?,
            None => Vec::new(),
        };
        Some(Step { text, command, completed, when, unless, line: item.line })
    }

    /// A step's `when` or `unless`: a list of lower-case words, none empty.
    fn words(&mut self, entry: &Entry, field: &str) -> Option<Vec<String>> {
        let message = format!("`{field}` is a list of lower-case words, like `[quota]`");
        if !matches!(entry.value.value, Value::Seq(_)) {
            self.problem(entry.value.line, message.clone());
            return None;
        }
        let words: Vec<String> =
            entry.value.items().iter().filter_map(|i| i.as_str()).map(str::to_owned).collect();
        let bad = |w: &String| w.trim().is_empty() || *w != w.to_lowercase();
        if words.is_empty() || words.len() != entry.value.items().len() || words.iter().any(bad) {
            self.problem(entry.value.line, message);
            return None;
        }
        Some(words)
    }

    /// A step's `text` or `completed`: plain text whose placeholders are known.
    fn step_text(&mut self, entry: &Entry, field: &str) -> Option<String> {
        let text = self.scalar(entry, field)?;
        if text.contains('`') {
            let message = "step text is shown as plain text: no backticks".to_string();
            self.problem(entry.value.line, message);
        }
        self.check_placeholders(&text, entry.value.line);
        Some(text)
    }

    fn check_placeholders(&mut self, template: &str, line: usize) {
        for token in placeholder::unknown(template) {
            let known = placeholder::NAMES.join("}, {");
            let message = format!("unknown placeholder `{token}` (known: {{{known}}})");
            self.problem(line, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUIDE: &str = "---
slug: backoff-limit-exceeded
kind: guide
title: \"Job has reached the specified backoff limit\"
summary: \"The Job gave up.\"
reason: BackoffLimitExceeded
aliases: [\"backoff limit\"]
tags: [jobs]
causes: [app-error, oom-killed]
related: []
applies_to: \"Kubernetes 1.21 and later\"
group: job-failure
seen_as:
  - {where: event, text: BackoffLimitExceeded}
---
## The exact error
";

    const CAUSE: &str = "---
id: oom-killed
kind: cause
title: \"The container ran out of memory\"
summary: \"the container was killed for exceeding its memory limit\"
guides: [backoff-limit-exceeded]
steps:
  - text: \"Read why {pod} ended\"
    command: \"kubectl describe pod {pod} -n {namespace}\"
  - text: \"Raise the memory limit of {container}\"
---
## What it means
";

    /// The problems of reading `source` as a document of `kind` named `stem`, as `line N: ...`.
    fn problems(source: &str, kind: Kind, stem: &str) -> Vec<String> {
        let result = split(source).map_err(|p| vec![p]).and_then(|s| read(&s, kind, stem));
        match result {
            Ok(_) => Vec::new(),
            Err(problems) => {
                problems.iter().map(|p| format!("line {}: {}", p.line, p.message)).collect()
            }
        }
    }

    #[test]
    fn split_finds_the_body_and_its_first_line() {
        let source = "---\na: 1\nb: 2\n---\n## Head\n---\nmore\n";
        let split = split(source).expect("well-formed");
        assert_eq!(split.yaml, "a: 1\nb: 2\n");
        assert_eq!(split.body, "## Head\n---\nmore\n");
        assert_eq!(split.body_line, 5);
    }

    #[test]
    fn split_requires_both_fences_at_the_top() {
        let no_open = split("title: x\n---\n").expect_err("no opening fence");
        assert_eq!(no_open.line, 1);
        assert!(no_open.message.contains("must start with a `---` line"));
        let no_close = split("---\ntitle: x\n--- \n").expect_err("`--- ` is not a fence");
        assert_eq!(no_close.message, "the front matter has no closing `---` line");
        assert!(split(" ---\na: 1\n---\n").is_err());
    }

    #[test]
    fn a_guide_reads_into_typed_fields() {
        let split = split(GUIDE).expect("fences");
        let front = read(&split, Kind::Guide, "backoff-limit-exceeded").expect("valid guide");
        assert_eq!(front.slug, "backoff-limit-exceeded");
        assert_eq!(front.reason.as_deref(), Some("BackoffLimitExceeded"));
        assert_eq!(front.error, None);
        let causes: Vec<_> = front.causes.iter().map(|c| (c.text.as_str(), c.line)).collect();
        assert_eq!(causes, [("app-error", 9), ("oom-killed", 9)]);
        assert!(front.related.is_empty() && front.steps.is_empty());
        assert_eq!(front.group.as_deref(), Some("job-failure"));
        let seen = SeenAs { place: "event".into(), text: "BackoffLimitExceeded".into() };
        assert_eq!(front.seen_as, [seen]);
    }

    #[test]
    fn group_and_seen_as_are_checked() {
        let source = GUIDE.replace("group: job-failure", "group: misc").replace(
            "  - {where: event, text: BackoffLimitExceeded}",
            "  - {where: screen, text: x}\n  - {text: y}\n  - plain\n  - {where: log, text: z, n: 1}",
        );
        assert_eq!(
            problems(&source, Kind::Guide, "backoff-limit-exceeded"),
            [
                "line 12: `group` is `misc`; use one of job-failure, pod-failure, \
                 never-finishes, cronjob, reference",
                "line 14: `where` is `screen`; use one of message, status, event, reason, \
                 condition, exit-code, log",
                "line 15: a `seen_as` item needs `where` and `text`",
                "line 16: a `seen_as` item is a map with `where` and `text`",
                "line 17: unknown field `n` in `seen_as`",
            ]
        );
        let empty = GUIDE
            .replace("seen_as:\n  - {where: event, text: BackoffLimitExceeded}", "seen_as: []");
        assert_eq!(
            problems(&empty, Kind::Guide, "backoff-limit-exceeded"),
            ["line 13: `seen_as` must be a non-empty list of `{where, text}` maps"]
        );
    }

    #[test]
    fn a_cause_reads_its_steps() {
        let split = split(CAUSE).expect("fences");
        let front = read(&split, Kind::Cause, "oom-killed").expect("valid cause");
        assert_eq!(front.steps.len(), 2);
        assert_eq!(
            front.steps[0].command.as_deref(),
            Some("kubectl describe pod {pod} -n {namespace}")
        );
        assert_eq!(front.steps[1].command, None);
        assert_eq!(front.steps[1].line, 10);
    }

    #[test]
    fn a_cause_reads_its_cues_and_checks_them() {
        let source = CAUSE.replace("steps:", "cues: [\"out of memory\", \"503\"]\nsteps:");
        let split = split(&source).expect("fences");
        let front = read(&split, Kind::Cause, "oom-killed").expect("valid cause");
        let cues: Vec<_> = front.cues.iter().map(|c| (c.text.as_str(), c.line)).collect();
        assert_eq!(cues, [("out of memory", 7), ("503", 7)]);
        let bad = CAUSE.replace("steps:", "cues: [\"OOM\", \"ab\", \"out*memory\"]\nsteps:");
        assert_eq!(
            problems(&bad, Kind::Cause, "oom-killed"),
            [
                "line 7: the cue `OOM` must be lower-case words, without `*`",
                "line 7: the cue `ab` must be three characters or more, without spaces around it",
                "line 7: the cue `out*memory` must be lower-case words, without `*`",
            ]
        );
    }

    #[test]
    fn malformed_yaml_reports_the_file_line() {
        let source = "---\nid: oom-killed\ntitle: \"unterminated\nsummary: x\n---\n";
        let found = problems(source, Kind::Cause, "oom-killed");
        assert_eq!(found.len(), 1, "{found:?}");
        let line: usize = found[0]
            .strip_prefix("line ")
            .and_then(|rest| rest.split(':').next())
            .and_then(|n| n.parse().ok())
            .expect("starts with `line N:`");
        assert!((3..=5).contains(&line), "{found:?}");
        assert_eq!(found[0], found[0].to_lowercase(), "lower-case");
        assert!(!found[0].ends_with('.'));
    }

    #[test]
    fn wrong_fields_are_named_with_their_line() {
        let source = GUIDE
            .replace("slug: backoff-limit-exceeded", "slug: backoff-limit")
            .replace("tags: [jobs]", "tags: jobs")
            .replace("related: []", "related: []\nrelatd: []\nreason: Again");
        assert_eq!(
            problems(&source, Kind::Guide, "backoff-limit-exceeded"),
            [
                "line 11: unknown field `relatd` in a guide",
                "line 12: field `reason` is given twice",
                "line 2: `slug` is `backoff-limit` but the file is `backoff-limit-exceeded.md`",
                "line 8: `tags` must be a list of strings, like `[a, b]`",
            ]
        );
    }

    #[test]
    fn missing_fields_are_reported_at_the_opening_fence() {
        let source = GUIDE.replace("applies_to: \"Kubernetes 1.21 and later\"\n", "");
        assert_eq!(
            problems(&source, Kind::Guide, "backoff-limit-exceeded"),
            ["line 1: missing field `applies_to`"]
        );
    }

    #[test]
    fn a_cause_summary_reads_as_a_clause() {
        let source = CAUSE.replace(
            "summary: \"the container was killed for exceeding its memory limit\"",
            "summary: \"The container was killed.\"",
        );
        assert_eq!(
            problems(&source, Kind::Cause, "oom-killed"),
            [
                "line 5: a cause's `summary` must start with a lower-case letter",
                "line 5: a cause's `summary` must not end with a period",
            ]
        );
    }

    #[test]
    fn steps_are_counted_and_their_placeholders_checked() {
        let one_step = CAUSE.replace("  - text: \"Raise the memory limit of {container}\"\n", "");
        assert_eq!(
            problems(&one_step, Kind::Cause, "oom-killed"),
            ["line 8: a cause has 2 to 6 steps, this one has 1"]
        );
        let bad = CAUSE.replace("{container}", "{containr}").replace("{namespace}", "{.spec}");
        let found = problems(&bad, Kind::Cause, "oom-killed");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("line 9: unknown placeholder `{.spec}`"), "{found:?}");
        assert!(found[1].starts_with("line 10: unknown placeholder `{containr}`"), "{found:?}");
    }

    #[test]
    fn kind_must_match_the_directory() {
        let found = problems(CAUSE, Kind::Guide, "oom-killed");
        assert!(found.contains(&"line 3: `kind` is `cause` but the file is a guide".to_string()));
        assert!(found.contains(&"line 2: unknown field `id` in a guide".to_string()));
    }

    #[test]
    fn empty_and_repeated_list_items_are_refused() {
        let source = GUIDE.replace("tags: [jobs]", "tags: [jobs, \"\", jobs]");
        assert_eq!(
            problems(&source, Kind::Guide, "backoff-limit-exceeded"),
            [
                "line 8: every item of `tags` must be a non-empty string",
                "line 8: `jobs` is listed twice in `tags`",
            ]
        );
    }
}
