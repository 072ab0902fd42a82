//! Taking over a page the build pre-rendered (see `src/site.rs`).
//!
//! Every page the build writes shows its text inside `<div id="prerendered">` before the wasm
//! has loaded. At start the app renders into a fresh element in front of it, and removes it
//! after its own first render, which shows the same page: nothing moves on screen.
//!
//! A guide's or cause's own page (`guides/<slug>.html`) gives the app its body, and the app then
//! lives at its usual address, `index.html#/guides/<slug>`, so that its links and the back
//! button work as everywhere else in it.

use web_sys::{Document, Element};

use crate::kb::{self, Doc, DocKind};
use crate::ui::{docs, engine};

/// The id of the element the build pre-rendered the page into.
const PRERENDERED_ID: &str = "prerendered";

/// Gets the page ready for the app and returns the element to render the app into.
pub fn prepare() -> Option<Element> {
    let window = web_sys::window()?;
    let document = window.document()?;
    docs::read_urls();
    engine::read_worker_url();
    let prerendered = document.get_element_by_id(PRERENDERED_ID);
    if let Some(prerendered) = &prerendered {
        adopt_doc_page(&window, &document, prerendered);
    }
    let root = document.create_element("div").ok()?;
    root.set_id("app");
    let body = document.body()?;
    body.insert_before(&root, prerendered.as_ref().map(|p| p.as_ref())).ok()?;
    Some(root)
}

/// Removes the pre-rendered page, once the app has rendered its own.
pub fn finish() {
    let found = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(PRERENDERED_ID));
    if let Some(prerendered) = found {
        prerendered.remove();
    }
}

/// On a document's own page: keeps its body and moves the address to the app's route for it.
fn adopt_doc_page(window: &web_sys::Window, document: &Document, prerendered: &Element) {
    let Some(article) = prerendered.query_selector("article.doc[data-slug]").ok().flatten() else {
        return;
    };
    let Some(doc) = doc_of(&article) else { return };
    let Ok(here) = document.url() else { return };
    // The page is one folder below the app: `<base>/guides/<slug>.html`.
    let Some(base) = web_sys::Url::new_with_base("../", &here).ok().map(|u| u.href()) else {
        return;
    };
    if let Some(body) = article.query_selector(".doc-body").ok().flatten() {
        docs::adopt_prerendered(doc, &body, &base);
    }
    let hash = window.location().hash().unwrap_or_default();
    let heading = hash.strip_prefix('#').filter(|h| !h.is_empty() && !h.starts_with('/'));
    let mut route = format!("#/{}", docs::key(doc));
    if let Some(heading) = heading {
        route.push('/');
        route.push_str(heading);
    }
    let target = format!("{base}index.html{route}");
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&target));
    }
}

/// The document an `<article class="doc" data-slug data-kind>` shows.
fn doc_of(article: &Element) -> Option<&'static Doc> {
    let slug = article.get_attribute("data-slug")?;
    let kind = match article.get_attribute("data-kind")?.as_str() {
        "guide" => DocKind::Guide,
        "cause" => DocKind::Cause,
        _ => return None,
    };
    kb::docs().iter().find(|d| d.kind == kind && d.slug == slug)
}
