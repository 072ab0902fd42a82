//! The one-file page: every file inside it, every script it runs allowed by its hash and no
//! other, and a clear refusal of pages it cannot make whole.

use std::collections::HashMap;

use super::*;
use crate::site::sha256::csp_hash;

/// A page as Trunk writes it from `one-file.html`.
const PAGE: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n  \
    <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">\n  \
    <title>kubetriage</title>\n  <script src=\"./early.js\"></script>\n\
    <link rel=\"icon\" href=\"./favicon.svg\" integrity=\"sha384-x\"/>\n\
    <link rel=\"stylesheet\" href=\"./app.css\" integrity=\"sha384-y\"/>\n\
    <link rel=\"modulepreload\" href=\"./web.js\" crossorigin=\"anonymous\">\n\
    <link rel=\"preload\" href=\"./web_bg.wasm\" as=\"fetch\" type=\"application/wasm\">\n\
    <script type=\"module\" data-kubetriage-js=\"./web.js\" data-kubetriage-wasm=\"./web_bg.wasm\">\
    </script>\n</head>\n<body>\n  <noscript>needs JavaScript</noscript>\n</body>\n</html>\n";

const BINDGEN: &str = "let wasm;\nasync function __wbg_init(m) { return m; }\n\
    export { initSync, __wbg_init as default };\n";

fn files() -> HashMap<&'static str, Vec<u8>> {
    HashMap::from([
        ("early.js", b"document.documentElement.dataset.x = 1;".to_vec()),
        ("favicon.svg", b"<svg/>".to_vec()),
        ("app.css", b"body { color: red }".to_vec()),
        ("web.js", BINDGEN.as_bytes().to_vec()),
        ("web_bg.wasm", vec![0, b'a', b's', b'm', 1, 0, 0, 0, 0xff]),
    ])
}

fn build(page: &str, files: &HashMap<&'static str, Vec<u8>>) -> Result<String, String> {
    inline(page, &|name| files.get(name).cloned().ok_or_else(|| format!("no file `{name}`")))
}

/// The bodies of the page's scripts that run (not the wasm's data block).
fn scripts(html: &str) -> Vec<&str> {
    html.split("<script")
        .skip(1)
        .filter(|s| !s.starts_with(" type=\"application/octet-stream\""))
        .map(|s| &s[s.find('>').unwrap_or(0) + 1..s.find("</script>").unwrap_or(s.len())])
        .collect()
}

fn policy_of(html: &str) -> &str {
    let start = html.find(CSP_MARK).expect("a policy") + CSP_MARK.len();
    &html[start..start + html[start..].find('"').expect("closed")]
}

#[test]
fn every_file_goes_inside_and_nothing_is_left_to_fetch() {
    let html = build(PAGE, &files()).expect("a page");
    for left in ["href=\"./", "src=\"./", "preload", "integrity"] {
        assert!(!html.contains(left), "`{left}` is left: {html}");
    }
    assert!(html.contains("<style>body { color: red }</style>"), "{html}");
    assert!(html.contains("<link rel=\"icon\" href=\"data:image/svg+xml;base64,PHN2Zy8+\">"));
    let wasm = format!(
        "<script type=\"application/octet-stream\" id=\"kubetriage-wasm\">{}",
        base64(&files()["web_bg.wasm"])
    );
    assert!(html.contains(&wasm), "{html}");
    let run = scripts(&html);
    assert_eq!(run.len(), 2, "{run:?}");
    assert_eq!(run[0], "document.documentElement.dataset.x = 1;");
    assert!(run[1].starts_with(BINDGEN), "{}", run[1]);
    assert!(run[1].contains("await __wbg_init({ module_or_path: bytes });"), "{}", run[1]);
    assert!(html.contains("<script type=\"module\">let wasm;"), "{html}");
    assert!(html.contains("<noscript>needs JavaScript</noscript>"));
}

#[test]
fn the_policy_allows_exactly_the_page_s_scripts_and_style_and_no_connection() {
    let html = build(PAGE, &files()).expect("a page");
    let policy = policy_of(&html);
    let hashes: Vec<String> = scripts(&html).iter().map(|s| csp_hash(s)).collect();
    let want = format!(
        "default-src 'none'; script-src {} {} 'wasm-unsafe-eval'; style-src {}; img-src data:; \
         connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'",
        hashes[0],
        hashes[1],
        csp_hash("body { color: red }")
    );
    assert_eq!(policy, want);
    assert!(!policy.contains("unsafe-inline") && !policy.contains("'self'"), "{policy}");
}

#[test]
fn pages_it_cannot_make_whole_are_refused() {
    let inline_script = PAGE.replace("</title>", "</title><script>alert(1)</script>");
    let cases = [
        (inline_script, files(), "inline script"),
        (PAGE.replace("\"./app.css\"", "\"../app.css\""), files(), "`../app.css` is not a file"),
        (PAGE.replace("\"./app.css\"", "\"https://cdn.example/a.css\""), files(), "is not a file"),
        (PAGE.replace("rel=\"icon\"", "rel=\"manifest\""), files(), "<link rel=\"manifest\">"),
        (PAGE.replace("Content-Security-Policy", "X-Policy"), files(), "no Content-Security"),
        (PAGE.to_owned(), with("web.js", "export { initSync };"), "no default export"),
        (PAGE.to_owned(), with("early.js", "s = '</script>';"), "holds `</script`"),
        (PAGE.to_owned(), with("app.css", "a::after { content: '</STYLE>' }"), "holds `</style`"),
        (PAGE.replace("./early.js", "./gone.js"), files(), "no file `gone.js`"),
    ];
    for (page, files, want) in cases {
        let err = build(&page, &files).expect_err(want);
        assert!(err.contains(want), "want `{want}`, got `{err}`");
    }
}

fn with(name: &'static str, text: &str) -> HashMap<&'static str, Vec<u8>> {
    let mut files = files();
    files.insert(name, text.as_bytes().to_vec());
    files
}

#[test]
fn attributes_in_every_form_html_writes() {
    let got = attributes("<script type=module src='./a b.js' defer data-x=1/>");
    assert_eq!(got, [("type", "module"), ("src", "./a b.js"), ("defer", ""), ("data-x", "1")]);
    assert_eq!(
        attributes("<link rel=\"icon\" href=\"./i.svg\"/>"),
        [("rel", "icon"), ("href", "./i.svg")]
    );
    assert_eq!(attributes("<script>"), []);
}

#[test]
fn the_default_export_is_read_from_the_last_export_list() {
    assert_eq!(default_export(BINDGEN), Some("__wbg_init"));
    assert_eq!(default_export("export { a as default, b };"), Some("a"));
    assert_eq!(default_export("export { a as default };\nexport { x };"), None);
    assert_eq!(default_export("export { f(x) as default };"), None);
}
