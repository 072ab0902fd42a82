//! The markup of the static pages, element for element what the app's components render (the
//! component each part follows is named on it), with links between the static pages.

use std::fmt::Write as _;

use crate::cause::Cause;
use crate::kb::{self, Doc, DocKind, Group, HOME_LEAD, HOME_TITLE};

use super::{page_path, static_links, Link};

/// `text` with `&`, `<`, `>` and `"` escaped, for text and attribute values alike.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The link from a page at `from` to `doc`'s page.
fn href(doc: &Doc, from: Link) -> String {
    format!("{}{}", from.up(), page_path(doc))
}

/// Follows `SkipLink` and `SiteHeader` (with `SearchBox` and `ThemeToggle`, inert until the
/// app runs).
fn header(from: Link, on_guides: bool) -> String {
    let up = from.up();
    let current = if on_guides { " aria-current=\"page\"" } else { "" };
    format!(
        "<a class=\"skip-link\" href=\"#main\">Skip to the content</a>\
         <header class=\"site-header\">\
         <a class=\"site-header-brand\" href=\"{up}index.html\">kubetriage</a>\
         <nav class=\"site-header-nav\" aria-label=\"Main\">\
         <a class=\"site-header-link\" href=\"{up}index.html\"{current}>Guides</a>\
         <a class=\"site-header-link\" href=\"{up}index.html#/analyze\">Analyze a paste</a></nav>\
         {search}\
         <button type=\"button\" class=\"theme-toggle\" aria-label=\"Switch theme\">\
         <span class=\"theme-toggle-icon\" aria-hidden=\"true\"></span>\
         <span class=\"theme-toggle-text\">Theme</span></button>\
         </header>",
        search = search_box("site-search", false),
    )
}

/// Follows `SearchBox` before anything is typed.
fn search_box(id: &str, large: bool) -> String {
    let class = if large { "search search-large" } else { "search" };
    format!(
        "<div class=\"{class}\"><label class=\"search-label\" for=\"{id}\">Search the guides</label>\
         <div class=\"search-field\"><input id=\"{id}\" class=\"search-input\" type=\"search\" \
         autocomplete=\"off\" spellcheck=\"false\" placeholder=\"Paste an error or type a word\">\
         <kbd class=\"search-key\" aria-hidden=\"true\">/</kbd></div>\
         <p class=\"search-status\" role=\"status\"></p></div>"
    )
}

/// Follows `Home` and `GuideCard`, at the app's folder.
pub fn home(from: Link) -> String {
    let mut out = header(from, true);
    let _ = write!(
        out,
        "<main class=\"home\" id=\"main\" tabindex=\"-1\">\
         <section class=\"home-intro\" aria-labelledby=\"home-title\">\
         <h1 id=\"home-title\" class=\"home-title\">{title}</h1>\
         <p class=\"home-lead\">{lead}</p>{search}</section>",
        title = escape(HOME_TITLE),
        lead = escape(HOME_LEAD),
        search = search_box("home-search", true),
    );
    for group in kb::GROUPS.iter().filter(|g| kb::guides_in(g.id).next().is_some()) {
        home_group(&mut out, group, from);
    }
    out.push_str(
        "<section class=\"home-causes\" aria-labelledby=\"home-causes-title\">\
         <h2 id=\"home-causes-title\" class=\"home-group-title\">Root causes</h2>\
         <p class=\"home-group-blurb\">The analyzer names one of these; each says how to confirm \
         and fix it.</p><ul class=\"home-cause-list\">",
    );
    for doc in kb::cause_entries() {
        let _ = write!(
            out,
            "<li class=\"home-cause\" data-slug=\"{}\"><a href=\"{}\">{}</a></li>",
            escape(doc.slug),
            href(doc, from),
            escape(doc.title)
        );
    }
    out.push_str("</ul></section></main>");
    out
}

fn home_group(out: &mut String, group: &Group, from: Link) {
    let _ = write!(
        out,
        "<section class=\"home-group\" data-group=\"{id}\" aria-labelledby=\"group-{id}\">\
         <h2 id=\"group-{id}\" class=\"home-group-title\">{title}</h2>\
         <p class=\"home-group-blurb\">{blurb}</p><ul class=\"home-guides\">",
        id = escape(group.id),
        title = escape(group.title),
        blurb = escape(group.blurb),
    );
    for doc in kb::guides_in(group.id) {
        let _ = write!(
            out,
            "<li><article class=\"guide-card\" data-slug=\"{slug}\">\
             <h3 class=\"guide-card-title\"><a href=\"{href}\">{title}</a></h3>\
             <p class=\"guide-card-summary\">{summary}</p>\
             <ul class=\"guide-card-seen\" aria-label=\"What you see\">",
            slug = escape(doc.slug),
            href = href(doc, from),
            title = escape(doc.title),
            summary = escape(doc.summary),
        );
        for seen in doc.seen_as {
            let _ = write!(
                out,
                "<li class=\"guide-card-seen-item\" data-where=\"{}\">\
                 <span class=\"guide-card-where\">{}</span>\
                 <code class=\"guide-card-text\">{}</code></li>",
                escape(seen.place),
                escape(seen.label()),
                escape(seen.text)
            );
        }
        out.push_str("</ul>");
        tags(out, doc.tags, "tags");
        out.push_str("</article></li>");
    }
    out.push_str("</ul></section>");
}

fn tags(out: &mut String, tags: &[&str], class: &str) {
    if tags.is_empty() {
        return;
    }
    let _ = write!(out, "<ul class=\"{class}\" aria-label=\"Tags\">");
    for tag in tags {
        let _ = write!(out, "<li class=\"tag\">{}</li>", escape(tag));
    }
    out.push_str("</ul>");
}

/// Follows `DocPage` with `Toc` and `DocRelated`, one folder down.
pub fn doc_page(doc: &Doc, body: &str) -> String {
    let from = Link::Down;
    let mut out = header(from, true);
    out.push_str("<main class=\"doc-page\" id=\"main\" tabindex=\"-1\">");
    toc(&mut out, doc);
    let kind = match doc.kind {
        DocKind::Guide => "guide",
        DocKind::Cause => "cause",
    };
    let _ = write!(
        out,
        "<article class=\"doc\" data-slug=\"{}\" data-kind=\"{kind}\">\
         <h1 class=\"doc-title\">{}</h1><p class=\"doc-summary\">{}</p>",
        escape(doc.slug),
        escape(doc.title),
        escape(doc.summary)
    );
    if let Some(applies) = doc.applies_to {
        let _ = write!(
            out,
            "<p class=\"doc-applies\"><span class=\"doc-applies-label\">Applies to: </span>{}</p>",
            escape(applies)
        );
    }
    tags(&mut out, doc.tags, "tags doc-tags");
    if doc.kind == DocKind::Guide {
        out.push_str(
            "<a class=\"open-analyzer\" href=\"../index.html#/analyze\">Analyze your paste</a>",
        );
    }
    out.push_str("<div class=\"doc-body\">");
    out.push_str(&static_links(body, from));
    out.push_str("</div></article>");
    related(&mut out, doc, from);
    out.push_str("</main>");
    out
}

fn toc(out: &mut String, doc: &Doc) {
    let mut headings = doc.headings.iter().filter(|h| h.level == 2).peekable();
    if headings.peek().is_none() {
        return;
    }
    out.push_str(
        "<nav class=\"toc\" aria-label=\"On this page\"><button type=\"button\" \
         class=\"toc-toggle\" aria-expanded=\"false\" aria-controls=\"toc-list\">On this page\
         </button><p class=\"toc-title\">On this page</p><ol id=\"toc-list\" class=\"toc-list\">",
    );
    for heading in headings {
        let _ = write!(
            out,
            "<li class=\"toc-item\"><a class=\"toc-link\" href=\"#{}\">{}</a></li>",
            escape(heading.id),
            escape(heading.text)
        );
    }
    out.push_str("</ol></nav>");
}

fn related(out: &mut String, doc: &Doc, from: Link) {
    let guides = |slugs: &[&str]| -> Vec<&'static Doc> {
        slugs.iter().filter_map(|slug| kb::guide(slug)).collect()
    };
    let lists: Vec<(&str, &str, Vec<&'static Doc>)> = match doc.kind {
        DocKind::Guide => {
            let causes = doc
                .causes
                .iter()
                .filter_map(|id| Cause::from_id(id).and_then(kb::cause_entry))
                .collect();
            vec![
                ("related-guides", "Related guides", guides(doc.related)),
                ("causes", "Causes in this guide", causes),
            ]
        }
        DocKind::Cause => vec![("guides", "Guides that lead here", guides(doc.guides))],
    };
    if lists.iter().all(|(_, _, links)| links.is_empty()) {
        return;
    }
    out.push_str("<nav class=\"doc-related\" aria-label=\"Related pages\">");
    for (key, title, links) in lists.iter().filter(|(_, _, links)| !links.is_empty()) {
        let _ = write!(
            out,
            "<div class=\"doc-related-list\" data-list=\"{key}\">\
             <h2 class=\"doc-related-title\">{title}</h2><ul>"
        );
        for link in links {
            let _ =
                write!(out, "<li><a href=\"{}\">{}</a></li>", href(link, from), escape(link.title));
        }
        out.push_str("</ul></div>");
    }
    out.push_str("</nav>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        assert_eq!(escape("a <b> & \"c\""), "a &lt;b&gt; &amp; &quot;c&quot;");
    }

    #[test]
    fn a_doc_page_has_its_toc_article_and_related_links() {
        let doc = kb::guide("backoff-limit-exceeded").expect("the first guide");
        let page = doc_page(doc, "<h2 id=\"diagnose\">Diagnose</h2>");
        assert!(page.contains("<a class=\"toc-link\" href=\"#the-exact-error\">"), "{page}");
        assert!(page.contains("data-slug=\"backoff-limit-exceeded\" data-kind=\"guide\""));
        assert!(page.contains("<h2 id=\"diagnose\">Diagnose</h2></div></article>"));
        assert!(page.contains("href=\"../causes/oom-killed.html\""), "causes are listed");
        assert!(page.contains("href=\"../index.html#/analyze\""));
    }
}
