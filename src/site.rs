//! The static site the build writes beside the browser app: a real page for every guide and
//! cause entry, the home page pre-rendered into `index.html`, and one bundle of every document's
//! body for the app to read.
//!
//! The pages show their text before the wasm has loaded (and without JavaScript at all); the app
//! then takes the page over (see `src/ui.rs`). Their markup follows the app's components, class
//! for class, so that the hand-over does not move anything on screen; links in them are real
//! page links, so that they also work before the app runs.
//!
//! The steps, for the `index.html` Trunk wrote:
//!
//! 1. [`Shell`]: cut it into the head and the body's opening and closing, and adjust relative
//!    asset URLs for pages one folder down (`guides/`, `causes/`);
//! 2. [`pages`]: render the home page and every document into the shell;
//! 3. the bundle `docs-<hash>.json`, named by its content, which every page names in a
//!    `<meta name="kubetriage-docs">` for the app to fetch.
//!
//! [`one_file`] makes the other build, one HTML file with everything inside.
//!
//! Pasted text never reaches this module: everything here comes from our own `content/`.

mod markup;
pub mod one_file;
mod sha256;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::kb::{self, Doc, DocKind, HOME_LEAD};

pub use markup::escape;

/// The `name` of the `<meta>` that tells the app where the bundle of document bodies is.
pub const DOCS_META: &str = "kubetriage-docs";

/// The `name` of the `<meta>` that tells the app where the search's body index is.
pub const SEARCH_META: &str = "kubetriage-search";

/// The `name` of the `<meta>` that tells the app where the worker's loader is.
pub const WORKER_META: &str = "kubetriage-worker";

/// The `name` of the `<meta>` on `index.html` that lists the documents' pages (`guides/x`).
pub const PAGES_META: &str = "kubetriage-pages";

/// The id of the element that holds the pre-rendered page until the app takes over.
pub const PRERENDERED_ID: &str = "prerendered";

/// A file the build writes, by its path relative to the output folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl Page {
    fn text(path: impl Into<String>, text: String) -> Page {
        Page { path: path.into(), bytes: text.into_bytes() }
    }

    /// The file as text (every file but the search index is).
    pub fn as_text(&self) -> &str {
        std::str::from_utf8(&self.bytes).unwrap_or_default()
    }
}

/// The app's `index.html` cut where the pages put their own parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shell<'a> {
    /// From the start to `</title>`'s start: the title is each page's own.
    before_title: &'a str,
    /// From after `</title>` to the end of `<body ...>`.
    head_rest: &'a str,
    /// From `</body>` to the end.
    end: &'a str,
    /// The path of the worker's loader, when the build has one.
    worker: Option<&'a str>,
    /// The name of the search's body index file.
    search: String,
}

impl<'a> Shell<'a> {
    /// Cuts `index` at its `<title>`, its `<body>` and its `</body>`.
    pub fn new(index: &'a str) -> Result<Shell<'a>, String> {
        let find = |needle: &str, from: usize| {
            index[from..]
                .find(needle)
                .map(|at| at + from)
                .ok_or_else(|| format!("index.html has no `{needle}`"))
        };
        let title = find("<title>", 0)?;
        let title_end = find("</title>", title)? + "</title>".len();
        let body = find("<body", title_end)?;
        let body_end = find(">", body)? + 1;
        let close = index.rfind("</body>").filter(|&at| at >= body_end);
        let close = close.ok_or("index.html has no `</body>` after its `<body>`")?;
        if index[body_end..close].contains(PRERENDERED_ID) {
            return Err("index.html is already pre-rendered".into());
        }
        Ok(Shell {
            before_title: &index[..title],
            head_rest: &index[title_end..body_end],
            end: &index[close..],
            worker: None,
            search: String::new(),
        })
    }

    /// A whole page: this shell with `title`, `description`, the bundle's `<meta>` and `body`.
    /// `depth` is how many folders below the app's folder the page lives.
    fn page(
        &self,
        depth: usize,
        title: &str,
        description: &str,
        bundle: &str,
        body: &str,
    ) -> String {
        let up = "../".repeat(depth);
        let mut out = String::with_capacity(self.head_rest.len() + body.len() + 1024);
        out.push_str(&relocate(&replace_description(self.before_title, description), &up));
        let _ = write!(out, "<title>{}</title>", escape(title));
        let _ = write!(
            out,
            "\n  <meta name=\"{DOCS_META}\" content=\"{up}{bundle}\">",
            up = up,
            bundle = escape(bundle)
        );
        let _ = write!(out, "\n  <meta name=\"{SEARCH_META}\" content=\"{up}{}\">", self.search);
        if let Some(worker) = self.worker {
            let _ =
                write!(out, "\n  <meta name=\"{WORKER_META}\" content=\"{up}{}\">", escape(worker));
        }
        if depth == 0 {
            // The documents that have a page, for `styles/early.js` to send their addresses to.
            let keys: Vec<String> = kb::docs().iter().map(route_key).collect();
            let _ = write!(out, "\n  <meta name=\"{PAGES_META}\" content=\"{}\">", keys.join(" "));
        }
        let head_rest = replace_description(self.head_rest, description);
        out.push_str(&relocate(&without_wasm_preload(&head_rest), &up));
        let _ = write!(out, "\n<div id=\"{PRERENDERED_ID}\">{body}</div>\n");
        out.push_str(self.end);
        out
    }
}

/// The web worker's files as the pages name them: Trunk writes `kubetriage-worker.js` and
/// `kubetriage-worker_bg.wasm` without a content hash, so the build renames them by their
/// content (a browser never mixes an old file with a new one) and adds the loader that starts
/// them, `kubetriage-worker-<hash>-loader.js`, which the app runs as the worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkerFiles {
    pub js: String,
    pub wasm: String,
    pub loader: Page,
}

/// The names of the worker's files built from `js` and `wasm`, and its loader.
pub fn worker_files(js: &[u8], wasm: &[u8]) -> WorkerFiles {
    let hash = fnv1a(js) ^ fnv1a(wasm).rotate_left(1);
    let stem = format!("kubetriage-worker-{hash:016x}");
    let (js, wasm) = (format!("{stem}.js"), format!("{stem}_bg.wasm"));
    let text = format!(
        "// Starts kubetriage's analysis worker (src/ui/worker.rs); written by the build.\n\
         importScripts(\"{js}\");\nwasm_bindgen({{ module_or_path: \"{wasm}\" }});\n"
    );
    WorkerFiles { js, wasm, loader: Page::text(format!("{stem}-loader.js"), text) }
}

/// Every file the build writes beside the app, `index.html` (pre-rendered) included. `worker`
/// is the path of the worker's loader, which every page names for the app.
pub fn pages(index: &str, worker: Option<&str>) -> Result<Vec<Page>, String> {
    let (search_name, search_file) = search_index();
    let shell = Shell { worker, search: search_name.clone(), ..Shell::new(index)? };
    let bundle = bundle();
    let bundle_name = format!("docs-{:016x}.json", fnv1a(bundle.as_bytes()));
    let mut out = Vec::new();
    let home = shell.page(0, "kubetriage", HOME_LEAD, &bundle_name, &markup::home(Link::Root));
    out.push(Page::text("index.html", home));
    for doc in kb::docs() {
        let title = format!("{} · kubetriage", doc.title);
        let body = markup::doc_page(doc, kb::doc_html(doc));
        let text = shell.page(1, &title, doc.summary, &bundle_name, &body);
        out.push(Page::text(page_path(doc), text));
    }
    out.push(Page::text(bundle_name, bundle));
    out.push(Page { path: search_name, bytes: search_file });
    Ok(out)
}

/// The body index file for the browser app's search, named by its content, and its bytes.
pub fn search_index() -> (String, Vec<u8>) {
    let file = kb::search::index_file();
    (format!("search-{:016x}.bin", fnv1a(&file)), file)
}

/// The bundle: every document's body, keyed by its route without `#/` (`guides/oomkilled`).
pub fn bundle() -> String {
    let docs: BTreeMap<String, &str> =
        kb::docs().iter().map(|doc| (route_key(doc), kb::doc_html(doc))).collect();
    // A map of strings to strings always serialises.
    serde_json::to_string(&docs).unwrap_or_default()
}

/// The key of `doc` in the bundle, which is also its page's path without `.html`.
pub fn route_key(doc: &Doc) -> String {
    match doc.kind {
        DocKind::Guide => format!("guides/{}", doc.slug),
        DocKind::Cause => format!("causes/{}", doc.slug),
    }
}

/// The path of `doc`'s page relative to the app's folder.
pub fn page_path(doc: &Doc) -> String {
    format!("{}.html", route_key(doc))
}

/// How the pages link to each other: from the app's folder, or from one folder down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    Root,
    Down,
}

impl Link {
    fn up(self) -> &'static str {
        match self {
            Link::Root => "",
            Link::Down => "../",
        }
    }
}

/// Turns the app's hash routes in `html` into links between the static pages: `#/guides/x/h` to
/// `../guides/x.html#h`, `#/analyze` to `../index.html#/analyze`, `#/` to `../index.html`.
pub fn static_links(html: &str, from: Link) -> String {
    const MARK: &str = "href=\"#/";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at]);
        rest = &rest[at + MARK.len()..];
        let end = rest.find('"').unwrap_or(rest.len());
        let route = &rest[..end];
        rest = &rest[end..];
        let _ = write!(out, "href=\"{}", static_href(route, from));
    }
    out.push_str(rest);
    out
}

/// The static link for route `route` (what follows `#/`).
fn static_href(route: &str, from: Link) -> String {
    let up = from.up();
    let mut parts = route.splitn(3, '/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(kind @ ("guides" | "causes")), Some(slug), heading) if !slug.is_empty() => {
            let anchor = heading.map(|h| format!("#{h}")).unwrap_or_default();
            format!("{up}{kind}/{slug}.html{anchor}")
        }
        (Some(""), None, None) => format!("{up}index.html"),
        _ => format!("{up}index.html#/{route}"),
    }
}

/// `head` without the preload of the app's wasm: on a pre-rendered page it would take the link
/// from the stylesheet that the text waits for. The app's loader asks for the wasm when it runs,
/// once the page is on screen.
fn without_wasm_preload(head: &str) -> String {
    const TAG: &str = "<link rel=\"preload\"";
    let mut out = String::with_capacity(head.len());
    let mut rest = head;
    while let Some(at) = rest.find(TAG) {
        let len = rest[at..].find('>').map_or(rest.len() - at, |end| end + 1);
        let tag = &rest[at..at + len];
        out.push_str(&rest[..at]);
        if !tag.contains("application/wasm") {
            out.push_str(tag);
        }
        rest = &rest[at + len..];
    }
    out.push_str(rest);
    out
}

/// Points the relative URLs (`"./x"`) of `head` at `up` (`"../"` for a page one folder down).
fn relocate(head: &str, up: &str) -> String {
    if up.is_empty() {
        return head.to_owned();
    }
    head.replace("=\"./", &format!("=\"{up}"))
}

/// `head` with the content of its `<meta name="description">` replaced by `description`.
fn replace_description(head: &str, description: &str) -> String {
    const MARK: &str = "<meta name=\"description\" content=\"";
    let Some(at) = head.find(MARK) else { return head.to_owned() };
    let start = at + MARK.len();
    let Some(len) = head[start..].find('"') else { return head.to_owned() };
    format!("{}{}{}", &head[..start], escape(description), &head[start + len..])
}

/// The 64-bit FNV-1a hash: a stable name for the bundle's content.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\n  \
        <meta name=\"description\" content=\"old\">\n  <title>kubetriage</title>\n  \
        <link rel=\"stylesheet\" href=\"./app-1.css\">\n  <script src=\"./early.js\"></script>\n  \
        <link rel=\"modulepreload\" href=\"./app.js\"><link rel=\"preload\" href=\"./app_bg.wasm\" \
        as=\"fetch\" type=\"application/wasm\">\n\
        </head>\n<body>\n  <noscript>x</noscript>\n</body>\n</html>\n";

    #[test]
    fn hash_routes_become_page_links() {
        let html = "<a href=\"#/guides/oomkilled/diagnose\">a</a><a href=\"#/causes/evicted\">b</a>\
                    <a href=\"#/analyze\">c</a><a href=\"#/\">d</a><a href=\"https://k8s.io/\">e</a>";
        assert_eq!(
            static_links(html, Link::Down),
            "<a href=\"../guides/oomkilled.html#diagnose\">a</a>\
             <a href=\"../causes/evicted.html\">b</a><a href=\"../index.html#/analyze\">c</a>\
             <a href=\"../index.html\">d</a><a href=\"https://k8s.io/\">e</a>"
        );
        assert_eq!(
            static_links("<a href=\"#/guides/x\">", Link::Root),
            "<a href=\"guides/x.html\">"
        );
        assert_eq!(static_links("href=\"#/guides", Link::Root), "href=\"index.html#/guides");
    }

    #[test]
    fn a_page_one_folder_down_reaches_the_assets_and_names_the_bundle() {
        let shell = Shell::new(INDEX).expect("a shell");
        let page = shell.page(1, "T <1>", "sum & more", "docs-1.json", "<main>b</main>");
        assert!(page.contains("<title>T &lt;1&gt;</title>"), "{page}");
        assert!(page.contains("<meta name=\"kubetriage-docs\" content=\"../docs-1.json\">"));
        assert!(page.contains("href=\"../app-1.css\"") && page.contains("src=\"../early.js\""));
        assert!(!page.contains("app_bg.wasm"), "the wasm preload is left: {page}");
        assert!(page.contains("<link rel=\"modulepreload\" href=\"../app.js\">\n"), "{page}");
        assert!(page.contains("content=\"sum &amp; more\""), "{page}");
        assert!(page.contains("<div id=\"prerendered\"><main>b</main></div>\n</body>"), "{page}");
        assert!(!page.contains("kubetriage</title>\n  <title>"));
    }

    #[test]
    fn the_worker_is_named_by_its_content() {
        let one = worker_files(b"js", b"wasm");
        assert_eq!(one, worker_files(b"js", b"wasm"));
        assert_ne!(one.js, worker_files(b"js", b"wasm2").js);
        assert!(one.js.starts_with("kubetriage-worker-") && one.wasm.ends_with("_bg.wasm"));
        let loader = one.loader.as_text();
        assert!(loader.contains(&format!("importScripts(\"{}\")", one.js)));
        assert!(loader.contains(&one.wasm) && one.loader.path.ends_with("-loader.js"));
    }

    #[test]
    fn a_damaged_index_file_is_refused() {
        for bad in [&b""[..], b"\x05\0\0\0abc", b"\x02\0\0\0\xff\xfe"] {
            assert!(kb::search::split_index_file(bad).is_err(), "{bad:?}");
        }
        assert_eq!(kb::search::split_index_file(b"\x01\0\0\0a\x07"), Ok(("a", &b"\x07"[..])));
    }

    #[test]
    fn a_shell_needs_its_parts_once() {
        assert!(Shell::new("<html><body></body></html>").unwrap_err().contains("<title>"));
        let twice = Shell::new(INDEX).unwrap().page(0, "t", "d", "b.json", "x");
        assert!(Shell::new(&twice).unwrap_err().contains("already pre-rendered"));
    }

    #[test]
    fn every_document_gets_a_page_and_a_bundle_entry() {
        let pages = pages(INDEX, Some("w-loader.js")).expect("pages");
        let docs = kb::docs();
        assert_eq!(pages.len(), docs.len() + 3, "index, one per document, bundle, index file");
        let bundle = &pages[pages.len() - 2];
        assert!(bundle.path.starts_with("docs-") && bundle.path.ends_with(".json"));
        let parsed: BTreeMap<String, String> =
            serde_json::from_str(bundle.as_text()).expect("the bundle is a JSON map");
        assert_eq!(parsed.len(), docs.len());
        for doc in docs {
            let page = pages.iter().find(|p| p.path == page_path(doc)).expect("a page");
            let text = page.as_text();
            assert!(text.contains(&format!("data-slug=\"{}\"", doc.slug)), "{}", doc.slug);
            assert!(!text.contains("href=\"#/"), "{}: a hash route is left", doc.slug);
            assert_eq!(parsed.get(&route_key(doc)).map(String::as_str), Some(kb::doc_html(doc)));
        }
        let home = pages[0].as_text();
        assert_eq!(pages[0].path, "index.html");
        assert!(home.contains("href=\"guides/backoff-limit-exceeded.html\""));
        assert!(home.contains(&format!("content=\"{}\"", bundle.path)));
        assert!(home.contains("<meta name=\"kubetriage-pages\" content=\"guides/"));
        assert!(home.contains("<meta name=\"kubetriage-worker\" content=\"w-loader.js\">"));
        let down = pages[1].as_text();
        assert!(down.contains("<meta name=\"kubetriage-worker\" content=\"../w-loader.js\">"));
        let search = pages.last().expect("the index file");
        let meta = format!("<meta name=\"kubetriage-search\" content=\"../{}\">", search.path);
        assert!(down.contains(&meta), "{down}");
        let (terms, postings) = kb::search::split_index_file(&search.bytes).expect("readable");
        assert!(terms.contains("\nbackoff\n") && !postings.is_empty());
    }
}
