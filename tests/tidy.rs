//! Source hygiene rules over `src/`, checked on every `cargo test`.
//!
//! - The core (everything under `src/` except `src/ui.rs`, `src/ui/` and `src/main.rs`) never
//!   names a browser crate: `yew`, `web_sys`, `wasm_bindgen`, `js_sys`, `gloo` or a `gloo_*` crate.
//! - Every `.rs` file opens with a `//!` module doc.
//! - No file holds an unfinished-work marker; known shortcomings are written as `FIXME: ...`.
//! - No file is named `mod.rs`: modules are `foo.rs` beside a `foo/` folder.

use std::fs;
use std::path::{Path, PathBuf};

/// Crates only the UI and the web entry point may name.
const BROWSER_CRATES: [&str; 5] = ["yew", "web_sys", "wasm_bindgen", "js_sys", "gloo"];

/// Markers of unfinished work, spelled in pieces so this file does not trip its own rule.
const MARKERS: [&str; 3] =
    [concat!("TO", "DO"), concat!("todo", "!("), concat!("unimplemented", "!(")];

/// One broken rule: where, and what.
#[derive(Debug, PartialEq, Eq)]
struct Violation {
    /// The path from the crate root, with `/` separators, e.g. `src/text.rs`.
    file: String,
    /// The line, counting from 1; 0 for a rule about the whole file.
    line: usize,
    what: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.file, self.what),
            n => write!(f, "{}:{}: {}", self.file, n, self.what),
        }
    }
}

/// Whether `file` (a path from the crate root) may name browser crates.
fn is_browser_side(file: &str) -> bool {
    file == "src/ui.rs" || file.starts_with("src/ui/") || file == "src/main.rs"
}

/// Every rule applied to one file, given its path from the crate root and its text.
fn scan(file: &str, text: &str) -> Vec<Violation> {
    let mut found = Vec::new();
    let mut report = |line: usize, what: String| {
        found.push(Violation { file: file.to_string(), line, what });
    };

    if file.rsplit('/').next() == Some("mod.rs") {
        report(0, "a `mod.rs` file; use `foo.rs` beside a `foo/` folder".to_string());
    }
    for (index, line) in text.lines().enumerate() {
        for marker in MARKERS {
            if line.contains(marker) {
                report(
                    index + 1,
                    format!("`{marker}`; write `FIXME: what is wrong; what would fix it`"),
                );
            }
        }
    }
    if file.ends_with(".rs") {
        let first = text.strip_prefix('\u{feff}').unwrap_or(text).lines().next().unwrap_or("");
        if !first.starts_with("//!") {
            report(1, "the file does not start with a `//!` module doc".to_string());
        }
        if !is_browser_side(file) {
            for (line, ident) in identifiers(text) {
                if BROWSER_CRATES.contains(&ident) || ident.starts_with("gloo_") {
                    report(line, format!("core code names the browser crate `{ident}`"));
                }
            }
        }
    }
    found
}

/// The identifiers of Rust source with their lines, outside comments and literals.
///
/// A small lexer: enough to tell code from comments, strings, raw strings and char literals.
fn identifiers(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            line += 1;
            i += 1;
        } else if bytes[i..].starts_with(b"//") {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if bytes[i..].starts_with(b"/*") {
            i = skip_block_comment(bytes, i, &mut line);
        } else if b == b'"' {
            i = skip_string(bytes, i + 1, &mut line);
        } else if b == b'\'' {
            i = skip_char_or_lifetime(bytes, i);
        } else if b.is_ascii_alphabetic() || b == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            let ident = &text[start..i];
            let raw = matches!(ident, "r" | "br" | "cr");
            if raw && i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'#') {
                i = skip_raw_string(bytes, i, &mut line);
            } else {
                out.push((line, ident));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Skips a (nested) block comment starting at `i`; returns the index after it.
fn skip_block_comment(bytes: &[u8], mut i: usize, line: &mut usize) -> usize {
    let mut depth = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else if bytes[i..].starts_with(b"*/") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            *line += usize::from(bytes[i] == b'\n');
            i += 1;
        }
    }
    i
}

/// Skips the rest of a string literal whose body starts at `i`; returns the index after it.
fn skip_string(bytes: &[u8], mut i: usize, line: &mut usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                *line += usize::from(bytes.get(i + 1) == Some(&b'\n'));
                i += 2;
            }
            b'"' => return i + 1,
            b'\n' => {
                *line += 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    i
}

/// Skips a raw string whose hashes or quote start at `i`; returns the index after it.
fn skip_raw_string(bytes: &[u8], mut i: usize, line: &mut usize) -> usize {
    let hashes = bytes[i..].iter().take_while(|&&b| b == b'#').count();
    i += hashes;
    if bytes.get(i) != Some(&b'"') {
        return i;
    }
    i += 1;
    while i < bytes.len() {
        if bytes[i] == b'"'
            && bytes[i + 1..].iter().take(hashes).filter(|&&b| b == b'#').count() == hashes
        {
            return i + 1 + hashes;
        }
        *line += usize::from(bytes[i] == b'\n');
        i += 1;
    }
    i
}

/// Skips a char literal (`'a'`, `'\n'`) or just the quote of a lifetime (`'a`).
fn skip_char_or_lifetime(bytes: &[u8], i: usize) -> usize {
    if bytes.get(i + 1) == Some(&b'\\') {
        // The escaped character itself may be a quote: the closing quote comes after it.
        let rest = bytes.get(i + 3..).unwrap_or_default();
        let close = rest.iter().position(|&b| b == b'\'' || b == b'\n');
        return close.map_or(bytes.len(), |at| i + 4 + at);
    }
    // One character, possibly several UTF-8 bytes, then a closing quote.
    let width = match bytes.get(i + 1) {
        Some(&b) if b >= 0xf0 => 4,
        Some(&b) if b >= 0xe0 => 3,
        Some(&b) if b >= 0xc0 => 2,
        _ => 1,
    };
    if bytes.get(i + 1 + width) == Some(&b'\'') {
        i + 2 + width
    } else {
        i + 1
    }
}

/// Every file under `dir`, sorted, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(read) => read.filter_map(|entry| entry.ok().map(|e| e.path())).collect(),
        Err(err) => panic!("cannot read `{}`: {err}", dir.display()),
    };
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn sources_follow_the_tidy_rules() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    let files = files_under(&root.join("src"));
    for path in &files {
        let Ok(rel) = path.strip_prefix(root) else { continue };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let bytes = fs::read(path).unwrap_or_else(|err| panic!("cannot read `{rel}`: {err}"));
        found.extend(scan(&rel, &String::from_utf8_lossy(&bytes)));
    }
    assert!(files.iter().any(|p| p.ends_with("lib.rs")), "no `src/lib.rs` found");
    let listed: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert!(listed.is_empty(), "tidy rules broken:\n{}", listed.join("\n"));
}

#[test]
fn scanner_catches_each_rule() {
    let core = format!(
        "//! A core module.\nuse yew::prelude::*;\n#[wasm_bindgen]\nfn f() {{ gloo_timers::x(); }}\n// {}: later\n",
        MARKERS[0]
    );
    let lines: Vec<String> = scan("src/text.rs", &core).iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            format!(
                "src/text.rs:5: `{}`; write `FIXME: what is wrong; what would fix it`",
                MARKERS[0]
            ),
            "src/text.rs:2: core code names the browser crate `yew`".to_string(),
            "src/text.rs:3: core code names the browser crate `wasm_bindgen`".to_string(),
            "src/text.rs:4: core code names the browser crate `gloo_timers`".to_string(),
        ]
    );

    let undocumented = scan("src/ui/paste.rs", "use yew::prelude::*;\n");
    assert_eq!(undocumented.len(), 1, "{undocumented:?}");
    assert_eq!(undocumented[0].what, "the file does not start with a `//!` module doc");

    let module = scan("src/capture/mod.rs", "//! Captures.\n");
    assert_eq!(module.len(), 1, "{module:?}");
    assert_eq!(
        module[0].to_string(),
        "src/capture/mod.rs: a `mod.rs` file; use `foo.rs` beside a `foo/` folder"
    );

    for marker in &MARKERS[1..] {
        let body = format!("//! Rules.\nfn f() {{\n    {marker}\"x\")\n}}\n");
        let found = scan("src/rules.rs", &body);
        assert_eq!(found.len(), 1, "{marker}: {found:?}");
        assert_eq!(found[0].line, 3);
    }
}

#[test]
fn scanner_ignores_comments_strings_and_the_ui() {
    let core = concat!(
        "//! Only `ui` may name `yew` or `web_sys::Window`.\n",
        "/* wasm_bindgen /* nested */ js_sys */\n",
        "const A: &str = \"yew::Html\";\n",
        "const B: &str = r#\"web_sys \" gloo\"#;\n",
        "fn f<'a>(c: char, s: &'a str) -> bool { c == '\"' || c == '\\'' || s.is_empty() }\n",
        "// FIXME: a known gap; a test would pin it\n",
    );
    assert_eq!(scan("src/text.rs", core), []);
    let ui = "//! The paste box.\nuse web_sys::HtmlTextAreaElement;\nuse yew::prelude::*;\n";
    assert_eq!(scan("src/ui/paste.rs", ui), []);
    assert_eq!(scan("src/ui.rs", ui), []);
    assert_eq!(scan("src/main.rs", ui), []);
    assert_eq!(identifiers(core).iter().filter(|(_, id)| *id == "yew").count(), 0);
    assert_eq!(identifiers("fn x() {}\n\nlet yew = 1;").last(), Some(&(3, "yew")));
}
