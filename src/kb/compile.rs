//! All of `content/` to checked documents, and the Rust source `src/kb.rs` includes.
//!
//! The steps, for the files `build.rs` hands over:
//!
//! 1. each document: split its front matter, read it, check its name against the cause
//!    vocabulary (for causes), render its body, check its `##` sections;
//! 2. each example: its `# title:` line and its text;
//! 3. across documents: every cause has an entry, every `causes`/`guides`/`related` reference
//!    resolves and is returned, and every internal link reaches a document and heading;
//! 4. the search index of the documents' plain text ([`search_index`]).
//!
//! Every problem is collected (not only the first) as `content/<file>: line N: <what is wrong>`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::advice;
use super::cause::Cause;
use super::front_matter::{self, FrontMatter, Kind, Spanned};
use super::index::{self, Posting};
use super::markdown::{self, Rendered, Steps};
use super::placeholder;
use super::signals;
use super::tokens;

/// The `##` sections of a guide, in order.
pub const GUIDE_SECTIONS: &[&str] = &[
    "The exact error",
    "What it means",
    "Why it is a symptom",
    "Common causes",
    "Reproduce it",
    "Diagnose",
    "Resolve",
    "Prevent",
    "Related errors",
    "FAQ",
];

/// The `##` sections of a cause entry, in order.
pub const CAUSE_SECTIONS: &[&str] =
    &["What it means", "How to confirm", "How to fix", "How to prevent"];

/// The section of a cause entry that ends with its rendered steps.
pub const STEPS_SECTION: &str = "How to fix";

/// How many built-in examples there may be.
pub const EXAMPLES: std::ops::RangeInclusive<usize> = 3..=5;

/// A file of `content/`, its path relative to `content/` with `/` separators.
#[derive(Clone, Debug)]
pub struct Source {
    pub path: String,
    pub text: String,
}

/// One checked, rendered document.
#[derive(Clone, Debug)]
pub struct Doc {
    pub path: String,
    pub front: FrontMatter,
    pub rendered: Rendered,
}

impl Doc {
    fn route(&self) -> String {
        route(self.front.kind, &self.front.slug)
    }
}

/// A checked built-in example.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    pub id: String,
    pub title: String,
    pub text: String,
}

/// Everything in `content/`, checked: guides by slug, then causes in vocabulary order.
#[derive(Clone, Debug)]
pub struct Content {
    pub docs: Vec<Doc>,
    pub examples: Vec<Example>,
    /// The short texts of `lint/`, `fixes/` and `gaps/` (see `advice`).
    pub texts: Vec<advice::Text>,
}

fn route(kind: Kind, slug: &str) -> String {
    match kind {
        Kind::Guide => format!("#/guides/{slug}"),
        Kind::Cause => format!("#/causes/{slug}"),
    }
}

/// A problem in `path`, at `line` when there is one.
fn problem(path: &str, line: Option<usize>, message: &str) -> String {
    match line {
        Some(line) => format!("content/{path}: line {line}: {message}"),
        None => format!("content/{path}: {message}"),
    }
}

/// Checks and renders every file; returns every problem found when there is any.
pub fn compile(sources: &[Source]) -> Result<Content, Vec<String>> {
    let mut problems = Vec::new();
    let mut docs = Vec::new();
    let mut examples = Vec::new();
    let mut texts = Vec::new();
    // Routes of documents that exist but failed: references to them are not reported again.
    let mut failed = BTreeSet::new();
    for source in sources {
        let (dir, name) = source.path.split_once('/').unwrap_or(("", &source.path));
        match (dir, name.rsplit_once('.')) {
            ("guides", Some((stem, "md"))) | ("causes", Some((stem, "md"))) => {
                let kind = if dir == "guides" { Kind::Guide } else { Kind::Cause };
                match document(source, kind, stem, &mut problems) {
                    Some(doc) => docs.push(doc),
                    None => {
                        failed.insert(route(kind, stem));
                    }
                }
            }
            ("examples", Some((stem, "txt"))) => {
                examples.extend(example(source, stem, &mut problems));
            }
            (dir, Some((stem, "yaml"))) if advice::schema(dir).is_some() => {
                let Some(schema) = advice::schema(dir) else { continue };
                match advice::read(schema, stem, &source.text) {
                    Ok(text) => texts.push(text),
                    Err(found) => problems.extend(
                        found.iter().map(|(line, m)| problem(&source.path, Some(*line), m)),
                    ),
                }
            }
            ("", _) if source.path == "README.md" => {}
            _ => problems.push(problem(
                &source.path,
                None,
                "unexpected file: documents are guides/*.md, causes/*.md, examples/*.txt, \
                 lint/*.yaml, fixes/*.yaml or gaps/*.yaml",
            )),
        }
    }
    docs.sort_by_key(|doc| order(&doc.front));
    examples.sort_by(|a, b| a.id.cmp(&b.id));
    if !EXAMPLES.contains(&examples.len()) {
        let message = format!(
            "there are {} examples; keep {} to {}",
            examples.len(),
            EXAMPLES.start(),
            EXAMPLES.end()
        );
        problems.push(problem("examples/", None, &message));
    }
    cross_check(&docs, &failed, &mut problems);
    if problems.is_empty() {
        Ok(Content { docs, examples, texts })
    } else {
        Err(problems)
    }
}

/// Guides first by slug, then the built-in causes in the order of [`Cause::BUILT_IN`], then the
/// causes content adds, by id.
fn order(front: &FrontMatter) -> (u8, usize, String) {
    match front.kind {
        Kind::Guide => (0, 0, front.slug.clone()),
        Kind::Cause => {
            let index =
                Cause::BUILT_IN.iter().position(|c| c.id() == front.slug).unwrap_or(usize::MAX);
            (1, index, front.slug.clone())
        }
    }
}

fn document(source: &Source, kind: Kind, stem: &str, problems: &mut Vec<String>) -> Option<Doc> {
    let path = &source.path;
    let report = |problems: &mut Vec<String>, line, message: &str| {
        problems.push(problem(path, Some(line), message));
    };
    let split = match front_matter::split(&source.text) {
        Ok(split) => split,
        Err(p) => {
            report(problems, p.line, &p.message);
            return None;
        }
    };
    let front = match front_matter::read(&split, kind, stem) {
        Ok(front) => front,
        Err(found) => {
            found.iter().for_each(|p| report(problems, p.line, &p.message));
            return None;
        }
    };
    if kind == Kind::Cause {
        if let Err(message) = check_cause_id(&front) {
            report(problems, split.yaml_line, &message);
        }
    }
    let items: Vec<markdown::StepItem> = front
        .steps
        .iter()
        .map(|step| (marked(&step.text), step.command.as_deref().map(marked)))
        .collect();
    let steps = (kind == Kind::Cause).then_some(Steps { section: STEPS_SECTION, items: &items });
    let rendered = match markdown::render(split.body, split.body_line, &route(kind, stem), steps) {
        Ok(rendered) => rendered,
        Err(found) => {
            found.iter().for_each(|p| report(problems, p.line, &p.message));
            return None;
        }
    };
    let expected = match kind {
        Kind::Guide => GUIDE_SECTIONS,
        Kind::Cause => CAUSE_SECTIONS,
    };
    let sections: Vec<&str> =
        rendered.headings.iter().filter(|h| h.level == 2).map(|h| h.text.as_str()).collect();
    if sections != expected {
        let message = format!(
            "the `##` sections must be exactly {}, in order; found {}",
            quoted(expected),
            quoted(&sections)
        );
        problems.push(problem(path, None, &message));
    }
    Some(Doc { path: path.clone(), front, rendered })
}

/// A built-in id may take signals (but not the verdicts `unknown` and `no-failure`); an id that
/// content adds must be kebab-case and have signals, or the analyzer could never name it.
fn check_cause_id(front: &FrontMatter) -> Result<(), String> {
    let id = front.slug.as_str();
    match Cause::built_in(id) {
        Some(cause @ (Cause::Unknown | Cause::NoFailure)) if !front.signals.is_empty() => {
            Err(format!("`{cause}` is a verdict of the structural checks; it takes no `signals`"))
        }
        Some(_) => Ok(()),
        None if !is_kebab(id) => Err(format!(
            "`{id}` is not a built-in cause (src/cause.rs), and a new cause id must be \
             kebab-case: a-z, 0-9 and `-`"
        )),
        None if front.signals.is_empty() => Err(format!(
            "`{id}` is not a built-in cause (src/cause.rs); a cause that content adds needs \
             `signals`, or the analyzer can never name it"
        )),
        None => Ok(()),
    }
}

fn is_kebab(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A step template with its placeholders shown as markers (`POD_NAME`), the way the page and
/// the analyzer show a name they do not know.
fn marked(template: &str) -> String {
    placeholder::fill_marked(template, |_| None)
}

fn quoted(list: &[&str]) -> String {
    let items: Vec<String> = list.iter().map(|s| format!("`{s}`")).collect();
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

fn example(source: &Source, stem: &str, problems: &mut Vec<String>) -> Option<Example> {
    let (first, text) = source.text.split_once('\n').unwrap_or((&source.text, ""));
    let Some(title) = first.strip_prefix("# title:").map(str::trim).filter(|t| !t.is_empty())
    else {
        problems.push(problem(
            &source.path,
            Some(1),
            "an example starts with `# title: <short title>`",
        ));
        return None;
    };
    if text.trim().is_empty() {
        problems.push(problem(&source.path, Some(2), "the example has no text after its title"));
        return None;
    }
    Some(Example { id: stem.to_string(), title: title.to_string(), text: text.to_string() })
}

/// Each key that `keys` lists for a document after another listed it: the key, the document's
/// path, the key's line there and the path of the document that listed it last before.
fn repeats(
    docs: &[Doc],
    keys: impl Fn(&Doc) -> Vec<(String, usize)>,
) -> Vec<(String, &str, usize, &str)> {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    let mut out = Vec::new();
    for doc in docs {
        for (key, line) in keys(doc) {
            if let Some(before) = seen.insert(key.clone(), &doc.path) {
                out.push((key, doc.path.as_str(), line, before));
            }
        }
    }
    out
}

/// The checks that need every document: entries for every cause, references both ways, links.
fn cross_check(docs: &[Doc], failed: &BTreeSet<String>, problems: &mut Vec<String>) {
    let by_route: BTreeMap<String, &Doc> = docs.iter().map(|doc| (doc.route(), doc)).collect();
    let find = |kind: Kind, slug: &str| by_route.get(&route(kind, slug)).copied();
    let broken = |kind: Kind, slug: &str| failed.contains(&route(kind, slug));
    for cause in Cause::BUILT_IN {
        if find(Kind::Cause, cause.id()).is_none() && !broken(Kind::Cause, cause.id()) {
            let message =
                format!("missing: every cause id needs an entry, `{}` has none", cause.id());
            problems.push(problem(&format!("causes/{}.md", cause.id()), None, &message));
        }
    }
    let signal_ids = |doc: &Doc| doc.front.signals.iter().map(|s| (s.id.clone(), s.line)).collect();
    for (id, path, line, first) in repeats(docs, signal_ids) {
        let message = format!("signal id `{id}` is also used in {first}");
        problems.push(problem(path, Some(line), &message));
    }
    let cues = |doc: &Doc| doc.front.cues.iter().map(|c| (c.text.clone(), c.line)).collect();
    for (cue, path, line, first) in repeats(docs, cues) {
        let message = format!("the cue `{cue}` is also listed in {first}");
        problems.push(problem(path, Some(line), &message));
    }
    for doc in docs {
        let (refs, other) = match doc.front.kind {
            Kind::Guide => (&doc.front.causes, Kind::Cause),
            Kind::Cause => (&doc.front.guides, Kind::Guide),
        };
        for target in refs {
            let Some(found) = find(other, &target.text) else {
                if broken(other, &target.text) {
                    continue;
                }
                let message = format!("no {} `{}` exists", other.name(), target.text);
                problems.push(problem(&doc.path, Some(target.line), &message));
                continue;
            };
            if !back_refs(&found.front).iter().any(|r| r.text == doc.front.slug) {
                let message = format!(
                    "`{}` is listed here but {} does not list `{}` back",
                    target.text, found.path, doc.front.slug
                );
                problems.push(problem(&doc.path, Some(target.line), &message));
            }
            let link = found.route();
            if !doc
                .rendered
                .links
                .iter()
                .any(|l| l.target == link || l.target.starts_with(&format!("{link}/")))
            {
                let message =
                    format!("`{}` is listed here but the body never links to {link}", target.text);
                problems.push(problem(&doc.path, Some(target.line), &message));
            }
        }
        for related in &doc.front.related {
            if related.text == doc.front.slug || find(Kind::Guide, &related.text).is_none() {
                let message =
                    format!("`related` names `{}`, which is not another guide", related.text);
                problems.push(problem(&doc.path, Some(related.line), &message));
            }
        }
        for link in &doc.rendered.links {
            if let Err(message) = resolve(&link.target, &find, &broken) {
                problems.push(problem(&doc.path, Some(link.line), &message));
            }
        }
    }
}

/// The references a document makes to the other kind: a guide's causes, a cause's guides.
fn back_refs(front: &FrontMatter) -> &[Spanned] {
    match front.kind {
        Kind::Guide => &front.causes,
        Kind::Cause => &front.guides,
    }
}

/// Checks that an internal link reaches a route of the app, and a heading when it names one.
fn resolve<'a>(
    target: &str,
    find: &impl Fn(Kind, &str) -> Option<&'a Doc>,
    broken: &impl Fn(Kind, &str) -> bool,
) -> Result<(), String> {
    let parts: Vec<&str> = target.trim_start_matches("#/").split('/').collect();
    let (kind, slug, heading) = match parts.as_slice() {
        ["analyze"] => return Ok(()),
        ["guides", slug] => (Kind::Guide, *slug, None),
        ["guides", slug, heading] => (Kind::Guide, *slug, Some(*heading)),
        ["causes", slug] => (Kind::Cause, *slug, None),
        ["causes", slug, heading] => (Kind::Cause, *slug, Some(*heading)),
        _ => return Err(format!("link `{target}` is not a route of the app")),
    };
    let Some(doc) = find(kind, slug) else {
        if broken(kind, slug) {
            return Ok(());
        }
        return Err(format!("link `{target}` goes to no {}: `{slug}` does not exist", kind.name()));
    };
    match heading {
        Some(id) if !doc.rendered.headings.iter().any(|h| h.id == id) => {
            Err(format!("link `{target}` names a heading `{id}` that {} does not have", doc.path))
        }
        _ => Ok(()),
    }
}

/// The body index of `docs`, in their order: for every term of every section's plain text, the
/// documents and sections that use it (see `src/kb/search/index.rs` for the format).
pub fn search_index(docs: &[Doc]) -> (String, Vec<u8>) {
    let mut terms: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
    for (number, doc) in docs.iter().enumerate() {
        for (section, text) in doc.rendered.text.iter().enumerate() {
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for term in tokens::terms(text) {
                *counts.entry(term).or_default() += 1;
            }
            for (term, count) in counts {
                terms.entry(term).or_default().push(Posting {
                    doc: number as u32,
                    section: section.min(255) as u8,
                    count: count.min(255) as u8,
                });
            }
        }
    }
    index::encode(&terms)
}

/// The Rust source of the statics `src/kb.rs` includes: `DOCS`, `EXAMPLES` and the search
/// index, `SEARCH_TERMS` and `SEARCH_POSTINGS`.
pub fn to_rust(content: &Content) -> String {
    let mut out = String::from("// Generated by build.rs from content/; do not edit.\n\n");
    out.push_str("static DOCS: &[Doc] = &[\n");
    for doc in &content.docs {
        push_doc(&mut out, doc);
    }
    // The bodies are the bulk of the content: the browser app fetches them from the pages the
    // build writes (see `src/site.rs`), so only native builds, and the one-file build, carry them.
    out.push_str("];\n\n#[cfg(any(not(target_arch = \"wasm32\"), feature = \"embedded-docs\"))]\n");
    out.push_str("static DOC_HTML: &[&str] = &[\n");
    for doc in &content.docs {
        let _ = writeln!(out, "    {:?},", doc.rendered.html);
    }
    // The fix steps, by document, apart from `DOCS`: only the analyzer reads them, so the
    // browser app's page (which runs the analyzer in a worker) leaves them out.
    out.push_str("];\n\nstatic STEPS: &[&[StepTemplate]] = &[\n");
    for doc in &content.docs {
        out.push_str("    &[");
        for step in &doc.front.steps {
            let _ = write!(
                out,
                "StepTemplate {{ text: {:?}, command: {:?}, completed: {:?}, when: &{:?}, \
                 unless: &{:?} }}, ",
                step.text, step.command, step.completed, step.when, step.unless
            );
        }
        out.push_str("],\n");
    }
    out.push_str("];\n\nstatic EXAMPLES: &[Example] = &[\n");
    for example in &content.examples {
        let _ = writeln!(
            out,
            "    Example {{ id: {:?}, title: {:?}, text: {:?} }},",
            example.id, example.title, example.text
        );
    }
    out.push_str("];\n\n/// Every cause: the built-in ids, then those content adds.\n");
    out.push_str("static CAUSES: &[Cause] = &[\n");
    for doc in content.docs.iter().filter(|d| d.front.kind == Kind::Cause) {
        let _ = writeln!(out, "    Cause::new({:?}),", doc.front.slug);
    }
    out.push_str("];\n");
    // The text patterns of the causes' signals, which search matches too: only what it needs,
    // so that the browser app does not carry the analyzer's rule table.
    out.push_str(
        "\n/// The text signals of every cause entry: its id, the pattern, the strength.\n",
    );
    out.push_str("static SEARCH_SIGNALS: &[(&str, &str, f32)] = &[\n");
    for doc in content.docs.iter().filter(|d| d.front.kind == Kind::Cause) {
        for signal in &doc.front.signals {
            if let signals::Key::Text(pattern) = &signal.key {
                let strength = signal.strength as f32 / 100.0;
                let _ = writeln!(out, "    ({:?}, {pattern:?}, {strength:?}),", doc.front.slug);
            }
        }
    }
    out.push_str("];\n");
    // Like the bodies, the body index is fetched by the browser app (see `src/site.rs`).
    let (terms, postings) = search_index(&content.docs);
    let gate = "#[cfg(any(not(target_arch = \"wasm32\"), feature = \"embedded-docs\"))]";
    let _ = writeln!(out, "\n{gate}\nstatic SEARCH_TERMS: &str = {terms:?};");
    let postings = byte_string(&postings);
    let _ = writeln!(out, "\n{gate}\nstatic SEARCH_POSTINGS: &[u8] = b\"{postings}\";");
    out.push('\n');
    out.push_str(&advice::to_rust(&content.texts));
    out
}

/// The inside of a Rust byte string literal holding `bytes`.
fn byte_string(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        match byte {
            b'"' | b'\\' => {
                out.push('\\');
                out.push(char::from(byte));
            }
            b' '..=b'~' => out.push(char::from(byte)),
            _ => {
                let _ = write!(out, "\\x{byte:02x}");
            }
        }
    }
    out
}

/// The Rust source of the rule table `src/rules.rs` includes: the signals of every cause entry,
/// then their cues.
pub fn rules_to_rust(content: &Content) -> String {
    use std::fmt::Write as _;
    let causes = || content.docs.iter().filter(|d| d.front.kind == Kind::Cause);
    let mut out =
        signals::to_rust(causes().map(|d| (d.front.slug.as_str(), d.front.signals.as_slice())));
    out.push_str("\n/// The cues of every cause entry: the cause and the lower-case words.\n");
    out.push_str("pub static CUES: &[(Cause, &str)] = &[\n");
    for doc in causes() {
        for cue in &doc.front.cues {
            let _ = writeln!(out, "    (Cause::new({:?}), {:?}),", doc.front.slug, cue.text);
        }
    }
    out.push_str("];\n");
    out
}

fn texts(list: &[Spanned]) -> Vec<&str> {
    list.iter().map(|s| s.text.as_str()).collect()
}

fn push_doc(out: &mut String, doc: &Doc) {
    let front = &doc.front;
    let kind = match front.kind {
        Kind::Guide => "DocKind::Guide",
        Kind::Cause => "DocKind::Cause",
    };
    let _ = writeln!(out, "    Doc {{");
    let _ = writeln!(out, "        slug: {:?},\n        kind: {kind},", front.slug);
    let _ =
        writeln!(out, "        title: {:?},\n        summary: {:?},", front.title, front.summary);
    let _ = writeln!(out, "        reason: {:?},\n        error: {:?},", front.reason, front.error);
    let _ =
        writeln!(out, "        aliases: &{:?},\n        tags: &{:?},", front.aliases, front.tags);
    let _ = writeln!(out, "        causes: &{:?},", texts(&front.causes));
    let _ = writeln!(out, "        related: &{:?},", texts(&front.related));
    let _ = writeln!(out, "        guides: &{:?},", texts(&front.guides));
    let _ = writeln!(out, "        applies_to: {:?},", front.applies_to);
    let _ = writeln!(out, "        group: {:?},", front.group);
    out.push_str("        seen_as: &[\n");
    for seen in &front.seen_as {
        let _ = writeln!(
            out,
            "            SeenAs {{ place: {:?}, text: {:?} }},",
            seen.place, seen.text
        );
    }
    out.push_str("        ],\n");
    out.push_str("        headings: &[\n");
    for h in &doc.rendered.headings {
        let _ = writeln!(
            out,
            "            Heading {{ level: {}, id: {:?}, text: {:?} }},",
            h.level, h.id, h.text
        );
    }
    let _ = writeln!(out, "        ],");
    out.push_str("    },\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUIDE_BODY: &str = "## The exact error\n\nSee [oom](#/causes/oom-killed/how-to-fix).\n\n\
        ## What it means\n\n## Why it is a symptom\n\n## Common causes\n\n## Reproduce it\n\n\
        ## Diagnose\n\n## Resolve\n\n## Prevent\n\n## Related errors\n\n## FAQ\n";

    /// A minimal valid `content/`: one guide, every cause, three examples. Only `oom-killed`
    /// is discussed by the guide.
    fn sources() -> Vec<Source> {
        let mut out = vec![Source {
            path: "guides/demo.md".into(),
            text: format!(
                "---\nslug: demo\nkind: guide\ntitle: Demo\nsummary: A demo.\naliases: []\n\
                 tags: []\ncauses: [oom-killed]\nrelated: []\napplies_to: all\ngroup: reference\n\
                 seen_as: [{{where: exit-code, text: \"137\"}}]\n---\n{GUIDE_BODY}"
            ),
        }];
        for cause in Cause::BUILT_IN {
            let (guides, link) = if *cause == Cause::OomKilled {
                ("[demo]", "Back to [the guide](#/guides/demo/diagnose).")
            } else {
                ("[]", "No guide.")
            };
            out.push(Source {
                path: format!("causes/{}.md", cause.id()),
                text: format!(
                    "---\nid: {id}\nkind: cause\ntitle: T\nsummary: s\nguides: {guides}\nsteps:\n  \
                     - text: Look at {{pod}}\n    command: kubectl describe pod {{pod}}\n  \
                     - text: Fix it\n---\n## What it means\n\n{link}\n\n## How to confirm\n\n\
                     ## How to fix\n\n## How to prevent\n",
                    id = cause.id()
                ),
            });
        }
        for id in ["a", "b", "c"] {
            let text = format!("# title: Example {id}\nkubectl describe job {id}\n");
            out.push(Source { path: format!("examples/{id}.txt"), text });
        }
        out
    }

    fn problems_with(change: impl FnOnce(&mut Vec<Source>)) -> Vec<String> {
        let mut sources = sources();
        change(&mut sources);
        compile(&sources).err().unwrap_or_default()
    }

    fn edit(sources: &mut [Source], path: &str, from: &str, to: &str) {
        let source = sources.iter_mut().find(|s| s.path == path).expect("path exists");
        assert!(source.text.contains(from), "{from:?} not in {path}");
        source.text = source.text.replace(from, to);
    }

    #[test]
    fn the_minimal_content_compiles_in_order() {
        let content = compile(&sources()).expect("valid");
        assert_eq!(content.docs.len(), 1 + Cause::BUILT_IN.len());
        assert_eq!(content.docs[0].front.slug, "demo");
        assert_eq!(content.docs[1].front.slug, Cause::BUILT_IN[0].id());
        assert_eq!(content.docs.last().map(|d| d.front.slug.as_str()), Some("unknown"));
        let oom = content.docs.iter().find(|d| d.front.slug == "oom-killed").expect("entry");
        assert!(oom.rendered.html.contains("<p>Look at POD_NAME</p>"), "{}", oom.rendered.html);
    }

    #[test]
    fn generated_rust_names_every_doc_and_escapes_strings() {
        let mut sources = sources();
        edit(&mut sources, "examples/a.txt", "kubectl describe job a", "say \"hi\" \\ {pod}");
        let rust = to_rust(&compile(&sources).expect("valid"));
        assert!(rust.contains("slug: \"demo\",\n        kind: DocKind::Guide,"), "{rust}");
        assert!(rust.contains("causes: &[\"oom-killed\"],"));
        assert!(rust.contains("StepTemplate { text: \"Look at {pod}\", command: Some(\"kubectl describe pod {pod}\"), completed: None, when: &[], unless: &[] }"));
        assert!(rust.contains(r#"text: "say \"hi\" \\ {pod}\n""#), "{rust}");
        assert_eq!(rust.matches("    Doc {\n").count(), 1 + Cause::BUILT_IN.len());
    }

    #[test]
    fn the_search_index_lists_each_section_that_uses_a_term() {
        let content = compile(&sources()).expect("valid");
        let (terms, postings) = search_index(&content.docs);
        let index = index::Index::decode(
            Box::leak(terms.into_boxed_str()),
            Box::leak(postings.into_boxed_slice()),
        );
        // `look` is only in the steps of every cause, under its third heading (`How to fix`).
        let look = index.find("look").expect("a term of the steps");
        let found: Vec<Posting> = index.postings(look).collect();
        assert_eq!(found.len(), Cause::BUILT_IN.len());
        assert!(found.iter().all(|p| p.section == 3 && p.count == 1 && p.doc >= 1), "{found:?}");
        let oom = content.docs.iter().position(|d| d.front.slug == "oom-killed").expect("entry");
        let back = index.find("back").expect("in the oom-killed entry");
        assert_eq!(
            index.postings(back).collect::<Vec<_>>(),
            [Posting { doc: oom as u32, section: 1, count: 1 }]
        );
        assert_eq!(index.find("the"), None, "stop words are left out");
    }

    #[test]
    fn byte_strings_escape_what_they_must() {
        assert_eq!(byte_string(b"a\"\\\x00\x7f~ "), "a\\\"\\\\\\x00\\x7f~ ");
        let rust = to_rust(&compile(&sources()).expect("valid"));
        assert!(rust.contains("\nstatic SEARCH_TERMS: &str = \""), "{rust}");
        assert!(rust.contains("\nstatic SEARCH_POSTINGS: &[u8] = b\""));
    }

    #[test]
    fn a_missing_cause_entry_fails() {
        let found = problems_with(|s| s.retain(|s| s.path != "causes/segfault.md"));
        assert_eq!(found, ["content/causes/segfault.md: missing: every cause id needs an entry, `segfault` has none"]);
    }

    /// A cause entry named `id`, with `signals` (YAML lines) in its front matter.
    fn custom_cause(id: &str, signals: &str) -> Source {
        Source {
            path: format!("causes/{id}.md"),
            text: format!(
                "---\nid: {id}\nkind: cause\ntitle: T\nsummary: s\nguides: []\nsteps:\n  \
                 - text: Look at {{pod}}\n  - text: Fix it\n{signals}---\n## What it means\n\n\
                 ## How to confirm\n\n## How to fix\n\n## How to prevent\n"
            ),
        }
    }

    const LEDGER_SIGNALS: &str = "signals:\n  - id: text-ledger-lock\n    text: \"ledger lock \
        held by\"\n    example: \"ERROR ledger lock held by run 41\"\n    strength: 0.8\n    \
        source: our ledger service\n";

    #[test]
    fn a_cause_content_adds_compiles_after_the_built_in_ones() {
        let mut sources = sources();
        sources.push(custom_cause("ledger-lock-held", LEDGER_SIGNALS));
        let content = compile(&sources).expect("valid");
        let last = content.docs.last().expect("docs");
        assert_eq!(last.front.slug, "ledger-lock-held");
        assert_eq!(content.docs[content.docs.len() - 2].front.slug, "unknown");
        let rust = to_rust(&content);
        assert!(rust.contains("static CAUSES: &[Cause] = &[\n    Cause::new(\"app-error\"),"));
        assert!(rust
            .contains("    Cause::new(\"unknown\"),\n    Cause::new(\"ledger-lock-held\"),\n];\n"));
        let rules = rules_to_rust(&content);
        assert!(rules.contains("key: Key::Text(\"ledger lock held by\"),"), "{rules}");
        assert!(rules.contains("cause: Cause::new(\"ledger-lock-held\"),"), "{rules}");
    }

    #[test]
    fn a_cause_content_adds_needs_signals_and_a_kebab_id() {
        let found = problems_with(|s| s.push(custom_cause("oops", "")));
        assert_eq!(
            found,
            ["content/causes/oops.md: line 2: `oops` is not a built-in cause (src/cause.rs); a \
              cause that content adds needs `signals`, or the analyzer can never name it"]
        );
        let found = problems_with(|s| s.push(custom_cause("Oops", LEDGER_SIGNALS)));
        assert_eq!(
            found,
            ["content/causes/Oops.md: line 2: `Oops` is not a built-in cause (src/cause.rs), and \
              a new cause id must be kebab-case: a-z, 0-9 and `-`"]
        );
    }

    #[test]
    fn cues_are_unique_across_causes_and_compile_into_the_rule_table() {
        let cues = "cues: [\"ledger is locked\"]\n";
        let mut sources = sources();
        sources.push(custom_cause("ledger-lock-held", &format!("{cues}{LEDGER_SIGNALS}")));
        let rules = rules_to_rust(&compile(&sources).expect("valid"));
        assert!(
            rules.contains("pub static CUES: &[(Cause, &str)] = &[\n    (Cause::new(\"ledger-lock-held\"), \"ledger is locked\"),\n];"),
            "{rules}"
        );
        let signals = LEDGER_SIGNALS.replace("text-ledger-lock", "text-ledger-lock-again");
        sources.push(custom_cause("ledger-lock-again", &format!("{cues}{signals}")));
        assert_eq!(
            compile(&sources).err().unwrap_or_default(),
            ["content/causes/ledger-lock-held.md: line 10: the cue `ledger is locked` is also \
              listed in causes/ledger-lock-again.md"]
        );
    }

    #[test]
    fn signal_ids_are_unique_and_verdicts_take_none() {
        let found = problems_with(|s| {
            s.push(custom_cause("ledger-lock-held", LEDGER_SIGNALS));
            s.push(custom_cause("ledger-lock-again", LEDGER_SIGNALS));
        });
        assert_eq!(
            found,
            ["content/causes/ledger-lock-held.md: line 11: signal id `text-ledger-lock` is also \
              used in causes/ledger-lock-again.md"]
        );
        let found = problems_with(|s| {
            let unknown = s.iter_mut().find(|s| s.path == "causes/unknown.md").expect("unknown");
            unknown.text = unknown
                .text
                .replace("  - text: Fix it\n", &format!("  - text: Fix it\n{LEDGER_SIGNALS}"));
        });
        assert_eq!(
            found,
            ["content/causes/unknown.md: line 2: `unknown` is a verdict of the structural \
              checks; it takes no `signals`"]
        );
    }

    #[test]
    fn references_must_resolve_and_be_returned() {
        let found = problems_with(|s| {
            edit(
                s,
                "guides/demo.md",
                "causes: [oom-killed]",
                "causes: [oom-killed, segfault, nope]",
            )
        });
        assert_eq!(
            found,
            [
                "content/guides/demo.md: line 8: `segfault` is listed here but causes/segfault.md does not list `demo` back",
                "content/guides/demo.md: line 8: `segfault` is listed here but the body never links to #/causes/segfault",
                "content/guides/demo.md: line 8: no cause `nope` exists",
            ]
        );
        let found = problems_with(|s| edit(s, "guides/demo.md", "related: []", "related: [demo]"));
        assert_eq!(
            found,
            ["content/guides/demo.md: line 9: `related` names `demo`, which is not another guide"]
        );
    }

    #[test]
    fn internal_links_must_reach_a_doc_and_heading() {
        let found = problems_with(|s| {
            edit(s, "guides/demo.md", "## FAQ\n", "## FAQ\n\n[a](#/guides/gone) [b](#/causes/oom-killed/nope)\n[c](#/analyze) [d](#/settings)\n")
        });
        assert_eq!(
            found,
            [
                "content/guides/demo.md: line 36: link `#/guides/gone` goes to no guide: `gone` does not exist",
                "content/guides/demo.md: line 36: link `#/causes/oom-killed/nope` names a heading `nope` that causes/oom-killed.md does not have",
                "content/guides/demo.md: line 37: link `#/settings` is not a route of the app",
            ]
        );
    }

    #[test]
    fn sections_must_be_exact_and_in_order() {
        let found = problems_with(|s| {
            edit(
                s,
                "causes/oom-killed.md",
                "## How to confirm\n\n## How to fix",
                "## How to fix\n\n## How to confirm",
            )
        });
        assert_eq!(
            found,
            ["content/causes/oom-killed.md: the `##` sections must be exactly `What it means`, `How to confirm`, `How to fix`, `How to prevent`, in order; found `What it means`, `How to fix`, `How to confirm`, `How to prevent`"]
        );
    }

    #[test]
    fn examples_need_a_title_and_a_count() {
        let found =
            problems_with(|s| edit(s, "examples/a.txt", "# title: Example a", "# Example a"));
        assert_eq!(
            found,
            [
                "content/examples/a.txt: line 1: an example starts with `# title: <short title>`",
                "content/examples/: there are 2 examples; keep 3 to 5",
            ]
        );
        let content = compile(&sources()).expect("valid");
        assert_eq!(
            content.examples[0],
            Example {
                id: "a".into(),
                title: "Example a".into(),
                text: "kubectl describe job a\n".into()
            }
        );
    }

    #[test]
    fn front_matter_problems_carry_the_path() {
        let found = problems_with(|s| edit(s, "causes/oom-killed.md", "title: T", "title: [T"));
        assert_eq!(found.len(), 1, "only the broken file, not what refers to it: {found:?}");
        assert!(found[0].starts_with("content/causes/oom-killed.md: line 5: "), "{found:?}");
        let found = problems_with(|s| {
            s.push(Source { path: "guides/notes.txt".into(), text: String::new() })
        });
        assert_eq!(found, ["content/guides/notes.txt: unexpected file: documents are guides/*.md, causes/*.md, examples/*.txt, lint/*.yaml, fixes/*.yaml or gaps/*.yaml"]);
    }

    #[test]
    fn short_texts_are_read_and_checked() {
        let lint = |text: &str| Source { path: "lint/no-ttl.yaml".into(), text: text.into() };
        let mut sources = sources();
        sources.push(lint("id: no-ttl\nmessage: M {value}\nfix: F\n"));
        let content = compile(&sources).expect("valid");
        assert_eq!(content.texts.len(), 1);
        assert!(to_rust(&content)
            .contains(r#"LintText { id: "no-ttl", message: "M {value}", fix: "F" },"#));
        let found = problems_with(|s| s.push(lint("id: no-ttl\nmessage: M {pod}\n")));
        assert_eq!(
            found,
            [
                "content/lint/no-ttl.yaml: line 1: missing field `fix`",
                "content/lint/no-ttl.yaml: line 2: unknown placeholder `{pod}` (known: {value}, {container}, {image}, {attempts}, {outcome}, {policy})",
            ]
        );
    }
}
