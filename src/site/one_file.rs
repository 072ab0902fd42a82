//! The one-file build: the page Trunk built from `one-file.html` (the app with the features
//! `embedded-docs` and `inline-engine`, so it needs no other file and no worker) made into a
//! single HTML file that works opened from disk or attached to a wiki page.
//!
//! [`inline`] puts every file the page names into the page itself:
//!
//! 1. the favicon as a `data:` URL, the stylesheet as a `<style>`, `early.js` as a `<script>`;
//! 2. the wasm, base64, in a data block (`<script type="application/octet-stream">`, which no
//!    browser runs), and the wasm-bindgen module as an inline module script that decodes it and
//!    starts the app with it;
//! 3. Trunk's preload links dropped: there is nothing left to load;
//! 4. a Content-Security-Policy that allows exactly those scripts and that style by their
//!    SHA-256, and no connection at all (`connect-src 'none'`): the page cannot fetch anything,
//!    whatever a bug in it tried.

use std::fmt::Write as _;

use super::sha256::{base64, csp_hash};

/// Where the page's Content-Security-Policy is, up to its value.
const CSP_MARK: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";

/// The id of the data block that holds the wasm.
const WASM_ID: &str = "kubetriage-wasm";

/// The page `html` with every file it names (read by `read`, given the name as the page writes
/// it, e.g. `./app.css`) put inside it.
pub fn inline(
    html: &str,
    read: &dyn Fn(&str) -> Result<Vec<u8>, String>,
) -> Result<String, String> {
    let mut page = Page {
        read,
        out: String::with_capacity(html.len()),
        scripts: Vec::new(),
        styles: Vec::new(),
    };
    let mut rest = html;
    while let Some(at) = next_tag(rest) {
        page.out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find('>').ok_or("one-file: a tag is not closed")? + 1;
        let (tag, after) = rest.split_at(end);
        rest = if tag.starts_with("<script") {
            let close = after.find("</script>").ok_or("one-file: a <script> is not closed")?;
            page.script(tag, &after[..close])?;
            &after[close + "</script>".len()..]
        } else {
            page.link(tag)?;
            after
        };
    }
    page.out.push_str(rest);
    let policy = policy(&page.scripts, &page.styles);
    set_policy(&page.out, &policy)
}

/// Where the next `<link` or `<script` tag starts.
fn next_tag(html: &str) -> Option<usize> {
    let link = html.find("<link ");
    let script = html.find("<script");
    match (link, script) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The page being written, and the hashes of what it runs.
struct Page<'a> {
    read: &'a dyn Fn(&str) -> Result<Vec<u8>, String>,
    out: String,
    scripts: Vec<String>,
    styles: Vec<String>,
}

impl<'a> Page<'a> {
    fn read(&self, name: &str) -> Result<Vec<u8>, String> {
        let inside = name.strip_prefix("./").filter(|n| {
            !n.is_empty() && !n.contains("..") && !n.contains(':') && !n.starts_with('/')
        });
        let Some(file) = inside else {
            return Err(format!("one-file: `{name}` is not a file of the build"));
        };
        (self.read)(file)
    }

    fn read_text(&self, name: &str) -> Result<String, String> {
        String::from_utf8(self.read(name)?).map_err(|_| format!("one-file: `{name}` is not UTF-8"))
    }

    /// A `<link>`: the icon and the stylesheet inlined, preloads dropped, anything else refused.
    fn link(&mut self, tag: &str) -> Result<(), String> {
        let attrs = attributes(tag);
        let href = attr(&attrs, "href").unwrap_or_default();
        match attr(&attrs, "rel").unwrap_or_default() {
            "icon" => {
                let kind = if href.ends_with(".svg") { "image/svg+xml" } else { "image/png" };
                let data = base64(&self.read(href)?);
                let _ = write!(self.out, "<link rel=\"icon\" href=\"data:{kind};base64,{data}\">");
            }
            "stylesheet" => {
                let css = self.read_text(href)?;
                if css.to_ascii_lowercase().contains("</style") {
                    return Err(format!("one-file: `{href}` holds `</style`"));
                }
                self.styles.push(csp_hash(&css));
                let _ = write!(self.out, "<style>{css}</style>");
            }
            "preload" | "modulepreload" => {}
            other => return Err(format!("one-file: cannot inline a <link rel=\"{other}\">")),
        }
        Ok(())
    }

    /// A `<script>`: a classic one inlined, the app's loader replaced by the wasm and the module
    /// that starts it. Inline scripts are refused: the page has none.
    fn script(&mut self, tag: &str, body: &str) -> Result<(), String> {
        let attrs = attributes(tag);
        if let (Some(js), Some(wasm)) =
            (attr(&attrs, "data-kubetriage-js"), attr(&attrs, "data-kubetriage-wasm"))
        {
            let data = base64(&self.read(wasm)?);
            let _ = writeln!(
                self.out,
                "<script type=\"application/octet-stream\" id=\"{WASM_ID}\">{data}</script>"
            );
            let module = start_module(&self.read_text(js)?)?;
            return self.add_script(&module, " type=\"module\"");
        }
        match attr(&attrs, "src") {
            Some(src) if body.trim().is_empty() && attr(&attrs, "type").is_none() => {
                let js = self.read_text(src)?;
                self.add_script(&js, "")
            }
            Some(src) => Err(format!("one-file: cannot inline the script `{src}` as it is")),
            None => Err("one-file: the page has an inline script; it has none to keep".into()),
        }
    }

    fn add_script(&mut self, js: &str, attrs: &str) -> Result<(), String> {
        let lower = js.to_ascii_lowercase();
        if lower.contains("</script") || lower.contains("<!--") {
            return Err("one-file: a script holds `</script` or `<!--`".into());
        }
        self.scripts.push(csp_hash(js));
        let _ = write!(self.out, "<script{attrs}>{js}</script>");
        Ok(())
    }
}

/// The wasm-bindgen module `js` with what starts it: the wasm decoded from the page's data block
/// and handed to the module's default export.
fn start_module(js: &str) -> Result<String, String> {
    let init =
        default_export(js).ok_or("one-file: the wasm-bindgen module has no default export")?;
    Ok(format!(
        "{js}\n// Added by the one-file build (src/site/one_file.rs): the wasm is in the page.\n{{\n\
         const block = document.getElementById(\"{WASM_ID}\");\n\
         const text = atob(block.textContent);\n\
         block.remove();\n\
         const bytes = new Uint8Array(text.length);\n\
         for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);\n\
         await {init}({{ module_or_path: bytes }});\n}}\n"
    ))
}

/// The local name of the default export in the module's last `export { ... }`:
/// `__wbg_init` from `export { initSync, __wbg_init as default };`.
fn default_export(js: &str) -> Option<&str> {
    let start = js.rfind("export {")? + "export {".len();
    let list = &js[start..start + js[start..].find('}')?];
    list.split(',').find_map(|item| {
        let name = item.trim().strip_suffix(" as default")?.trim();
        let ident = !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$');
        ident.then_some(name)
    })
}

/// The policy of the one-file page: its own scripts and style, its wasm, `data:` images (the
/// icon), and nothing else.
fn policy(scripts: &[String], styles: &[String]) -> String {
    let styles = if styles.is_empty() { "'none'".to_owned() } else { styles.join(" ") };
    format!(
        "default-src 'none'; script-src {} 'wasm-unsafe-eval'; style-src {styles}; \
         img-src data:; connect-src 'none'; object-src 'none'; base-uri 'none'; \
         form-action 'none'",
        scripts.join(" ")
    )
}

/// `html` with the value of its Content-Security-Policy `<meta>` replaced by `policy`.
fn set_policy(html: &str, policy: &str) -> Result<String, String> {
    let at = html.find(CSP_MARK).ok_or("one-file: the page has no Content-Security-Policy")?;
    let start = at + CSP_MARK.len();
    let len = html[start..].find('"').ok_or("one-file: the policy's <meta> is not closed")?;
    Ok(format!("{}{policy}{}", &html[..start], &html[start + len..]))
}

/// The attributes of a tag (`<link rel="icon" href="./x.svg"/>`), in order; valueless ones
/// have an empty value.
fn attributes(tag: &str) -> Vec<(&str, &str)> {
    let inner = tag.trim_start_matches('<').trim_end_matches('>').trim_end_matches('/');
    let mut rest = inner.split_once(char::is_whitespace).map_or("", |(_, rest)| rest);
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return out;
        }
        let end = rest.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(rest.len());
        let name = &rest[..end];
        rest = &rest[end..];
        let Some(value) = rest.strip_prefix('=') else {
            out.push((name, ""));
            continue;
        };
        let (value, after) = match value.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let close = value[1..].find(q).map_or(value.len(), |at| at + 1);
                (&value[1..close], value.get(close + 1..).unwrap_or(""))
            }
            _ => value.split_at(value.find(char::is_whitespace).unwrap_or(value.len())),
        };
        out.push((name, value));
        rest = after;
    }
}

fn attr<'t>(attrs: &[(&str, &'t str)], name: &str) -> Option<&'t str> {
    attrs.iter().find(|(n, _)| *n == name).map(|(_, value)| *value)
}

#[cfg(test)]
mod tests;
