//! The Markdown of `content/` to HTML: the one place pulldown-cmark is set up.
//!
//! Rendering is a pipeline over pulldown-cmark's events, in three steps:
//!
//! 1. parse with [`options`] and keep each event's line;
//! 2. check the events: no raw HTML, no images, only `##` and `###` headings, links either
//!    internal (`#/...`, checked later against every document) or to kubernetes.io;
//! 3. rewrite them: heading ids and self-link anchors, a copy button around every code block,
//!    `rel="noopener"` on external links, a cause's fix steps at the end of its fix section;
//! 4. write the HTML, and the plain text of each section for the search index.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The only allowed start of an external link.
pub const EXTERNAL: &str = "https://kubernetes.io/";

/// The Markdown features `content/` may use. Every render path parses through [`parse`], which
/// is the only caller.
fn options() -> Options {
    // Tables for exit-code and field lists. Metadata blocks stay off: the front matter is split
    // before rendering, and the option would also swallow a `---` pair inside the body.
    Options::ENABLE_TABLES
}

/// `text` as events, each with its line (the first line of `text` being `first_line`).
fn parse(text: &str, first_line: usize) -> Vec<(Event<'_>, usize)> {
    let line_at = |range: Range<usize>| {
        let before = text.get(..range.start).unwrap_or(text);
        first_line + before.bytes().filter(|&b| b == b'\n').count()
    };
    Parser::new_ext(text, options())
        .into_offset_iter()
        .map(|(event, range)| (event, line_at(range)))
        .collect()
}

/// A heading of a rendered document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// An internal link (`#/...`) found in a document, for `compile` to resolve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub target: String,
    pub line: usize,
}

/// A problem in the Markdown, at a line of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
}

/// A fix step to render: its text and its command, placeholders already shown as markers
/// (`POD_NAME`).
pub type StepItem = (String, Option<String>);

/// Fix steps to render as an ordered list at the end of the section headed `section`.
#[derive(Clone, Copy, Debug)]
pub struct Steps<'a> {
    pub section: &'a str,
    pub items: &'a [StepItem],
}

/// A rendered document body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    /// Every `h2` and `h3`, in order.
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    /// The plain text of each section, for the search index: item 0 is the text before the first
    /// heading, item `k` the text under the `k`-th heading (without the heading itself).
    pub text: Vec<String>,
}

/// Renders `body` (whose first line is line `first_line` of its file) for the document routed at
/// `route` (like `#/guides/backoff-limit-exceeded`), inserting `steps` when given.
pub fn render(
    body: &str,
    first_line: usize,
    route: &str,
    steps: Option<Steps<'_>>,
) -> Result<Rendered, Vec<Problem>> {
    let events = parse(body, first_line);
    let mut problems = Vec::new();
    let links = check(&events, &mut problems);
    let headings = headings(&events, &mut problems);
    let insert_at = match steps {
        Some(steps) => match steps_position(&events, &headings, steps.section) {
            Some(at) => Some((at, steps.items)),
            None => {
                let message =
                    format!("the steps go at the end of `## {}`, which is missing", steps.section);
                problems.push(Problem { line: first_line, message });
                None
            }
        },
        None => None,
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let rewritten = rewrite(events, &headings, route, insert_at);
    let text = plain_text(&rewritten);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, rewritten.into_iter());
    Ok(Rendered { html, headings, links, text })
}

/// The text of `events` cut at each heading, as [`Rendered::text`] describes; markup and
/// headings left out, a space wherever a block or line ends.
fn plain_text(events: &[Event<'_>]) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut in_heading = false;
    for event in events {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                out.push(String::new());
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            _ if in_heading => {}
            Event::Text(text) | Event::Code(text) => {
                out.last_mut().into_iter().for_each(|last| last.push_str(text))
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => {
                out.last_mut().into_iter().for_each(|last| last.push(' '));
            }
            _ => {}
        }
    }
    out.iter_mut()
        .for_each(|section| *section = section.split_whitespace().collect::<Vec<_>>().join(" "));
    out
}

/// Refuses what `content/` must not contain; returns the internal links.
fn check(events: &[(Event<'_>, usize)], problems: &mut Vec<Problem>) -> Vec<Link> {
    let mut links = Vec::new();
    for (event, line) in events {
        let line = *line;
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                let shown: String = html.trim().chars().take(40).collect();
                problems
                    .push(Problem { line, message: format!("raw HTML `{shown}` is not allowed") });
            }
            Event::Start(Tag::Image { .. }) => {
                problems.push(Problem { line, message: "images are not allowed".into() });
            }
            Event::Start(Tag::Heading { level, .. })
                if !matches!(level, HeadingLevel::H2 | HeadingLevel::H3) =>
            {
                let message = "only `##` and `###` headings are allowed (the title is `#`)".into();
                problems.push(Problem { line, message });
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if dest_url.starts_with("#/") {
                    links.push(Link { target: dest_url.to_string(), line });
                } else if !is_external(dest_url) {
                    let message = format!(
                        "link `{dest_url}` is neither internal (`#/...`) nor under {EXTERNAL}"
                    );
                    problems.push(Problem { line, message });
                }
            }
            _ => {}
        }
    }
    links
}

/// Whether `url` is an allowed external link, made only of characters that need no escaping
/// beyond `&`.
fn is_external(url: &str) -> bool {
    url.starts_with(EXTERNAL)
        && url.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&()*+,;=%".contains(&b))
}

/// The `h2`/`h3` headings with unique ids, in document order.
fn headings(events: &[(Event<'_>, usize)], problems: &mut Vec<Problem>) -> Vec<Heading> {
    let mut out: Vec<Heading> = Vec::new();
    let mut open: Option<(u8, String, usize)> = None;
    for (event, line) in events {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                open = Some((*level as u8, String::new(), *line));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, heading, _)) = open.as_mut() {
                    heading.push_str(text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, heading, _)) = open.as_mut() {
                    heading.push(' ');
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, text, line)) = open.take() else { continue };
                let base = slug(&text);
                if base.is_empty() {
                    let message = "a heading needs text to make its id from".into();
                    problems.push(Problem { line, message });
                }
                let id = unique(&base, &out);
                out.push(Heading { level, id, text });
            }
            _ => {}
        }
    }
    out
}

/// Lower-case ASCII letters and digits, every other run of characters one `-`, none at the ends.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// `base`, or `base-2`, `base-3`, ... when an earlier heading already has that id.
fn unique(base: &str, earlier: &[Heading]) -> String {
    let taken = |id: &str| earlier.iter().any(|h| h.id == id);
    if !taken(base) {
        return base.to_string();
    }
    (2..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).unwrap_or_default()
}

/// The index of the event before which the steps go: the start of the `h2` after the one whose
/// text is `section`, or the end of the document.
fn steps_position(
    events: &[(Event<'_>, usize)],
    headings: &[Heading],
    section: &str,
) -> Option<usize> {
    let target = headings.iter().position(|h| h.level == 2 && h.text == section)?;
    let mut seen = 0;
    let mut inside = false;
    for (index, (event, _)) in events.iter().enumerate() {
        if let Event::Start(Tag::Heading { level, .. }) = event {
            if *level == HeadingLevel::H2 && inside {
                return Some(index);
            }
            let this = seen;
            seen += 1;
            inside = inside || (this == target);
        }
    }
    Some(events.len())
}

/// The checked events with ids, anchors, copy buttons, external-link attributes and steps added.
fn rewrite<'a>(
    events: Vec<(Event<'a>, usize)>,
    headings: &[Heading],
    route: &str,
    steps: Option<(usize, &[StepItem])>,
) -> Vec<Event<'a>> {
    let count = events.len();
    let mut out = Vec::with_capacity(count + 16);
    let mut heading = headings.iter();
    let mut current: Option<&Heading> = None;
    let mut external = false;
    for (index, (event, _)) in events.into_iter().enumerate() {
        if let Some((at, items)) = steps {
            if at == index {
                push_steps(&mut out, items);
            }
        }
        match event {
            Event::Start(Tag::Heading { level, classes, attrs, .. }) => {
                current = heading.next();
                let id = current.map(|h| CowStr::from(h.id.clone()));
                out.push(Event::Start(Tag::Heading { level, id, classes, attrs }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(h) = current.take() {
                    out.push(Event::InlineHtml(anchor(route, &h.id).into()));
                }
                out.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::CodeBlock(kind)) => push_code_start(&mut out, kind),
            Event::End(TagEnd::CodeBlock) => {
                out.push(Event::End(TagEnd::CodeBlock));
                out.push(Event::Html("</div>\n".into()));
            }
            Event::Start(Tag::Link { dest_url, .. }) if !dest_url.starts_with("#/") => {
                external = true;
                let href = dest_url.replace('&', "&amp;");
                out.push(Event::InlineHtml(format!("<a href=\"{href}\" rel=\"noopener\">").into()));
            }
            Event::End(TagEnd::Link) if external => {
                external = false;
                out.push(Event::InlineHtml("</a>".into()));
            }
            other => out.push(other),
        }
    }
    if let Some((at, items)) = steps {
        if at >= count {
            push_steps(&mut out, items);
        }
    }
    out
}

/// The self-link of a heading: a route suffix, since the app routes on the hash.
fn anchor(route: &str, id: &str) -> String {
    format!("<a class=\"anchor\" href=\"{route}/{id}\" aria-label=\"link to this section\">#</a>")
}

fn push_code_start<'a>(out: &mut Vec<Event<'a>>, kind: CodeBlockKind<'a>) {
    let open = "<div class=\"code\"><button class=\"copy-button\" type=\"button\">Copy</button>";
    out.push(Event::Html(open.into()));
    out.push(Event::Start(Tag::CodeBlock(kind)));
}

/// The fix steps as an ordered list; each command a code block with its copy button.
fn push_steps(out: &mut Vec<Event<'_>>, items: &[StepItem]) {
    out.push(Event::Start(Tag::List(Some(1))));
    for (text, command) in items {
        out.push(Event::Start(Tag::Item));
        out.push(Event::Start(Tag::Paragraph));
        out.push(Event::Text(text.clone().into()));
        out.push(Event::End(TagEnd::Paragraph));
        if let Some(command) = command {
            push_code_start(out, CodeBlockKind::Fenced("sh".into()));
            out.push(Event::Text(format!("{command}\n").into()));
            out.push(Event::End(TagEnd::CodeBlock));
            out.push(Event::Html("</div>\n".into()));
        }
        out.push(Event::End(TagEnd::Item));
    }
    out.push(Event::End(TagEnd::List(true)));
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;

    const ROUTE: &str = "#/guides/demo";

    fn check(body: &str, expected: Expect) {
        let rendered = render(body, 1, ROUTE, None).expect("renders");
        expected.assert_eq(&rendered.html);
    }

    fn problems(body: &str) -> Vec<String> {
        match render(body, 10, ROUTE, None) {
            Ok(_) => Vec::new(),
            Err(found) => found.iter().map(|p| format!("line {}: {}", p.line, p.message)).collect(),
        }
    }

    #[test]
    fn headings_get_ids_and_route_anchors() {
        check(
            "## What it means\n\n### What it *means*\n\n## `kubectl` & you!\n",
            expect![[r##"
                <h2 id="what-it-means">What it means<a class="anchor" href="#/guides/demo/what-it-means" aria-label="link to this section">#</a></h2>
                <h3 id="what-it-means-2">What it <em>means</em><a class="anchor" href="#/guides/demo/what-it-means-2" aria-label="link to this section">#</a></h3>
                <h2 id="kubectl-you"><code>kubectl</code> &amp; you!<a class="anchor" href="#/guides/demo/kubectl-you" aria-label="link to this section">#</a></h2>
            "##]],
        );
    }

    #[test]
    fn headings_are_listed_with_plain_text() {
        let rendered = render("## A `b` c\n\ntext\n\n### D\n", 1, ROUTE, None).expect("renders");
        let found: Vec<_> =
            rendered.headings.iter().map(|h| (h.level, h.id.as_str(), h.text.as_str())).collect();
        assert_eq!(found, [(2, "a-b-c", "A b c"), (3, "d", "D")]);
    }

    #[test]
    fn code_blocks_get_a_copy_button() {
        check(
            "```sh\nkubectl get job <job> -o yaml\n```\n",
            expect![[r#"
                <div class="code"><button class="copy-button" type="button">Copy</button>
                <pre><code class="language-sh">kubectl get job &lt;job&gt; -o yaml
                </code></pre>
                </div>
            "#]],
        );
    }

    #[test]
    fn links_internal_and_external() {
        check(
            "See [the guide](#/guides/x/diagnose) and [Jobs](https://kubernetes.io/docs/a?b=1&c=2).\n",
            expect![[r##"
                <p>See <a href="#/guides/x/diagnose">the guide</a> and <a href="https://kubernetes.io/docs/a?b=1&amp;c=2" rel="noopener">Jobs</a>.</p>
            "##]],
        );
        let rendered = render("a\n\n[x](#/causes/oom-killed)\n", 4, ROUTE, None).expect("renders");
        assert_eq!(rendered.links, [Link { target: "#/causes/oom-killed".into(), line: 6 }]);
    }

    #[test]
    fn raw_html_images_and_foreign_links_are_refused_with_their_line() {
        assert_eq!(
            problems("text\n\n<div>x</div>\n\nan <b>inline</b> tag\n"),
            [
                "line 12: raw HTML `<div>x</div>` is not allowed",
                "line 14: raw HTML `<b>` is not allowed",
                "line 14: raw HTML `</b>` is not allowed",
            ]
        );
        assert_eq!(
            problems("![alt](https://kubernetes.io/x.png)\n"),
            ["line 10: images are not allowed"]
        );
        assert_eq!(
            problems("# Title\n\n[a](https://example.com/) [b](guides/x)\n"),
            [
                "line 10: only `##` and `###` headings are allowed (the title is `#`)",
                "line 12: link `https://example.com/` is neither internal (`#/...`) nor under https://kubernetes.io/",
                "line 12: link `guides/x` is neither internal (`#/...`) nor under https://kubernetes.io/",
            ]
        );
    }

    #[test]
    fn a_rule_in_the_body_is_not_front_matter() {
        check(
            "text\n\n---\n\nmore\n",
            expect![[r#"
            <p>text</p>
            <hr />
            <p>more</p>
        "#]],
        );
    }

    #[test]
    fn steps_go_at_the_end_of_their_section() {
        let items = [
            ("Read why <pod> ended".to_string(), Some("kubectl describe pod <pod>".to_string())),
            ("Re-create the Job".to_string(), None),
        ];
        let steps = Steps { section: "How to fix", items: &items };
        let body = "## How to fix\n\nFirst this.\n\n## How to prevent\n\nLater.\n";
        let rendered = render(body, 1, "#/causes/x", Some(steps)).expect("renders");
        expect![[r##"
            <h2 id="how-to-fix">How to fix<a class="anchor" href="#/causes/x/how-to-fix" aria-label="link to this section">#</a></h2>
            <p>First this.</p>
            <ol>
            <li>
            <p>Read why &lt;pod&gt; ended</p>
            <div class="code"><button class="copy-button" type="button">Copy</button>
            <pre><code class="language-sh">kubectl describe pod &lt;pod&gt;
            </code></pre>
            </div>
            </li>
            <li>
            <p>Re-create the Job</p>
            </li>
            </ol>
            <h2 id="how-to-prevent">How to prevent<a class="anchor" href="#/causes/x/how-to-prevent" aria-label="link to this section">#</a></h2>
            <p>Later.</p>
        "##]]
        .assert_eq(&rendered.html);

        let last =
            render("## How to fix\n\nOnly.\n", 1, "#/causes/x", Some(steps)).expect("renders");
        assert!(last.html.ends_with("</ol>\n"), "{}", last.html);
        let missing = render("## Fix\n", 3, "#/causes/x", Some(steps)).expect_err("no section");
        assert_eq!(
            missing[0].message,
            "the steps go at the end of `## How to fix`, which is missing"
        );
    }

    #[test]
    fn plain_text_per_section_for_the_index() {
        let body = "Intro with `code`.\n\n## First *part*\n\nA [link](#/analyze) and\nmore.\n\n\
                    ```sh\nkubectl get pods\n```\n\n### Sub\n\n| a | b |\n|---|---|\n| c | d |\n";
        let rendered = render(body, 1, ROUTE, None).expect("renders");
        assert_eq!(
            rendered.text,
            ["Intro with code.", "A link and more. kubectl get pods", "a b c d"]
        );
        let items = [("Read <pod>".to_string(), Some("kubectl logs <pod>".to_string()))];
        let steps = Steps { section: "How to fix", items: &items };
        let cause =
            render("## How to fix\n\nFirst.\n", 1, "#/causes/x", Some(steps)).expect("renders");
        assert_eq!(cause.text, ["", "First. Read <pod> kubectl logs <pod>"]);
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Why it is a symptom"), "why-it-is-a-symptom");
        assert_eq!(slug("  --FAQ: exit 137?  "), "faq-exit-137");
        assert_eq!(slug("Ünïcode"), "n-code");
        assert_eq!(slug("!!"), "");
    }
}
