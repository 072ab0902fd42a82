//! Where the body of a guide or cause entry comes from in the browser.
//!
//! The bodies are most of the knowledge base, so the app does not carry them: the build writes
//! them beside it, in a page per document and in one bundle (`docs-<hash>.json`, named by the
//! pages' `<meta name="kubetriage-docs">`; see `src/site.rs`). The app keeps every body it has:
//!
//! - the one of the static page it took over, read from that page ([`adopt_prerendered`]);
//! - all of them once the bundle has arrived ([`fetch_all`]), which the app asks for when a page
//!   needs a body it lacks, and otherwise soon after start, so that the guides keep working
//!   when the network goes away.
//!
//! The one-file build (feature `embedded-docs`) has them all compiled in.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

use crate::kb::{Doc, DocKind};

/// A document's body, as far as the app has it.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    /// Trusted HTML compiled from our own `content/`.
    Ready(Rc<str>),
    /// Not here yet: the bundle is on its way, or has not been asked for.
    Loading,
    /// The bundle could not be had; lower-case, for the page to show.
    Failed(Rc<str>),
}

/// How far the bundle has come.
#[derive(Clone, Debug, Default, PartialEq)]
enum Bundle {
    #[default]
    NotAsked,
    Fetching,
    Done,
    Failed(Rc<str>),
}

thread_local! {
    static BODIES: RefCell<HashMap<String, Rc<str>>> = RefCell::new(HashMap::new());
    static BUNDLE: RefCell<Bundle> = const { RefCell::new(Bundle::NotAsked) };
    /// The bundle's absolute URL, read from the page at start (before the URL may change).
    static BUNDLE_URL: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Called when the bundle arrives or fails, so pages waiting for a body render again.
    static WAITING: RefCell<Vec<Box<dyn FnOnce()>>> = RefCell::new(Vec::new());
}

/// The key of `doc`: its route without `#/`, as in the bundle.
pub fn key(doc: &Doc) -> String {
    match doc.kind {
        DocKind::Guide => format!("guides/{}", doc.slug),
        DocKind::Cause => format!("causes/{}", doc.slug),
    }
}

/// The body of `doc`, if the app has it.
pub fn body(doc: &Doc) -> Body {
    #[cfg(feature = "embedded-docs")]
    {
        Body::Ready(Rc::from(crate::kb::doc_html(doc)))
    }
    #[cfg(not(feature = "embedded-docs"))]
    {
        if let Some(found) = BODIES.with(|b| b.borrow().get(&key(doc)).cloned()) {
            return Body::Ready(found);
        }
        match BUNDLE.with(|b| b.borrow().clone()) {
            Bundle::Failed(why) => Body::Failed(why),
            Bundle::Done if BUNDLE_URL.with(|u| u.borrow().is_none()) => {
                Body::Failed("this page does not say where the guides are".into())
            }
            Bundle::Done => Body::Failed("the guides' bundle does not have this page".into()),
            Bundle::NotAsked | Bundle::Fetching => Body::Loading,
        }
    }
}

/// Reads where the bundle is from the page's `<meta name="kubetriage-docs">`; called once at
/// start, before the app changes the URL.
pub fn read_bundle_url() {
    let url = crate::ui::dom::meta_url("kubetriage-docs");
    BUNDLE_URL.with(|u| *u.borrow_mut() = url);
}

/// Keeps the body of the static page the app is taking over, as the body of `doc`. Its links
/// between static pages become the app's routes again (`../guides/x.html#h` to `#/guides/x/h`),
/// resolved against `app_base`, the folder the app lives in.
pub fn adopt_prerendered(doc: &Doc, body: &Element, app_base: &str) {
    if let Ok(links) = body.query_selector_all("a[href]") {
        for i in 0..links.length() {
            let Some(link) =
                links.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlAnchorElement>().ok())
            else {
                continue;
            };
            if let Some(route) = app_route(&link.href(), app_base) {
                let _ = link.set_attribute("href", &route);
            }
        }
    }
    let html: Rc<str> = body.inner_html().into();
    BODIES.with(|b| b.borrow_mut().insert(key(doc), html));
}

/// The app route of `href` (absolute) when it is a page of the app under `app_base`.
fn app_route(href: &str, app_base: &str) -> Option<String> {
    let rest = href.strip_prefix(app_base)?;
    let (path, fragment) = rest.split_once('#').unwrap_or((rest, ""));
    for kind in ["guides/", "causes/"] {
        if let Some(slug) = path.strip_prefix(kind).and_then(|p| p.strip_suffix(".html")) {
            let heading = if fragment.is_empty() { String::new() } else { format!("/{fragment}") };
            return Some(format!("#/{kind}{slug}{heading}"));
        }
    }
    match path {
        "index.html" | "" if fragment.starts_with('/') => Some(format!("#{fragment}")),
        "index.html" | "" => Some("#/".to_owned()),
        _ => None,
    }
}

/// Fetches the bundle once, keeps every body in it, then calls `then` (also when it failed, or
/// when the bundle is already here).
pub fn fetch_all(then: impl FnOnce() + 'static) {
    let state = BUNDLE.with(|b| b.borrow().clone());
    match state {
        Bundle::Done | Bundle::Failed(_) => return then(),
        Bundle::Fetching => return WAITING.with(|w| w.borrow_mut().push(Box::new(then))),
        Bundle::NotAsked => {}
    }
    WAITING.with(|w| w.borrow_mut().push(Box::new(then)));
    BUNDLE.with(|b| *b.borrow_mut() = Bundle::Fetching);
    let url = BUNDLE_URL.with(|u| u.borrow().clone());
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = match url {
            Some(url) => load(&url).await,
            None => Err("this page does not say where the guides are".to_owned()),
        };
        let state = match outcome {
            Ok(bodies) => {
                BODIES.with(|b| {
                    let mut kept = b.borrow_mut();
                    for (key, html) in bodies {
                        kept.entry(key).or_insert(html);
                    }
                });
                Bundle::Done
            }
            Err(why) => Bundle::Failed(why.into()),
        };
        BUNDLE.with(|b| *b.borrow_mut() = state);
        let waiting = WAITING.with(|w| std::mem::take(&mut *w.borrow_mut()));
        for then in waiting {
            then();
        }
    });
}

/// Fetches and reads the bundle: a JSON object of strings.
async fn load(url: &str) -> Result<Vec<(String, Rc<str>)>, String> {
    let offline = "the guides could not be loaded (offline?); reload the page to try again";
    let window = web_sys::window().ok_or(offline)?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| offline)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| offline)?;
    if !response.ok() {
        return Err(format!("the guides could not be loaded (HTTP {})", response.status()));
    }
    let json = JsFuture::from(response.json().map_err(|_| offline)?).await.map_err(|_| offline)?;
    let keys = js_sys::Object::keys(&js_sys::Object::from(json.clone()));
    let mut out = Vec::with_capacity(keys.length() as usize);
    for key in keys.iter() {
        let value = js_sys::Reflect::get(&json, &key).ok().and_then(|v| v.as_string());
        if let (Some(key), Some(value)) = (key.as_string(), value) {
            out.push((key, value.into()));
        }
    }
    Ok(out)
}
