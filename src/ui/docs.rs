//! The parts of the knowledge base the browser app fetches instead of carrying: the bodies of
//! the guides and cause entries, and the body index of the search.
//!
//! They are most of the knowledge base, so the build writes them beside the app (see
//! `src/site.rs`): the bodies in one bundle, `docs-<hash>.json`, and the index in
//! `search-<hash>.bin`, which every page names in a `<meta>`. The app keeps what it has:
//!
//! - the body of the static page it took over, read from that page ([`adopt_prerendered`]);
//! - each file, fetched once ([`fetch_bodies`], [`fetch_search_index`]) when something needs it,
//!   and otherwise soon after start, so that the guides and the search keep working when the
//!   network goes away.
//!
//! The one-file build (feature `embedded-docs`) has them compiled in and fetches nothing.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::thread::LocalKey;

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

/// How far a fetched file has come.
#[derive(Clone, Debug, Default, PartialEq)]
enum State {
    #[default]
    NotAsked,
    Fetching,
    Done,
    Failed(Rc<str>),
}

/// A file fetched once, and who waits for it.
#[derive(Default)]
struct Fetched {
    state: State,
    /// Its absolute URL, read from the page at start (before the app may change the URL).
    url: Option<String>,
    /// Called when it arrives or fails.
    waiting: Vec<Box<dyn FnOnce()>>,
}

thread_local! {
    static BODIES: RefCell<HashMap<String, Rc<str>>> = RefCell::new(HashMap::new());
    static BUNDLE: RefCell<Fetched> = RefCell::new(Fetched::default());
    static SEARCH_INDEX: RefCell<Fetched> = RefCell::new(Fetched::default());
}

const OFFLINE: &str = "could not be loaded (offline?); reload the page to try again";

/// The key of `doc`: its route without `#/`, as in the bundle.
pub fn key(doc: &Doc) -> String {
    match doc.kind {
        DocKind::Guide => format!("guides/{}", doc.slug),
        DocKind::Cause => format!("causes/{}", doc.slug),
    }
}

/// Reads where the files are from the page's `<meta>`s; called once at start.
pub fn read_urls() {
    for (file, name) in [(&BUNDLE, "kubetriage-docs"), (&SEARCH_INDEX, "kubetriage-search")] {
        let url = crate::ui::dom::meta_url(name);
        file.with(|f| f.borrow_mut().url = url);
    }
}

/// The body of `doc`, if the app has it.
pub fn body(doc: &Doc) -> Body {
    if cfg!(feature = "embedded-docs") {
        return Body::Ready(Rc::from(embedded(doc)));
    }
    if let Some(found) = BODIES.with(|b| b.borrow().get(&key(doc)).cloned()) {
        return Body::Ready(found);
    }
    match BUNDLE.with(|b| b.borrow().state.clone()) {
        State::Failed(why) => Body::Failed(why),
        State::Done => Body::Failed("the guides' bundle does not have this page".into()),
        State::NotAsked | State::Fetching => Body::Loading,
    }
}

#[cfg(feature = "embedded-docs")]
fn embedded(doc: &Doc) -> &'static str {
    crate::kb::doc_html(doc)
}

#[cfg(not(feature = "embedded-docs"))]
fn embedded(_: &Doc) -> &'static str {
    ""
}

/// Keeps the body of the static page the app is taking over, as the body of `doc`. Its links
/// between static pages become the app's routes again (`../guides/x.html#h` to `#/guides/x/h`),
/// resolved against `app_base`, the folder the app lives in.
pub fn adopt_prerendered(doc: &Doc, body: &Element, app_base: &str) {
    if let Ok(links) = body.query_selector_all("a[href]") {
        for i in 0..links.length() {
            let link = links.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlAnchorElement>().ok());
            let Some(link) = link else { continue };
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

/// Fetches the bundle of bodies once, keeps every body in it, then calls `then` (also when it
/// failed, or was already here).
pub fn fetch_bodies(then: impl FnOnce() + 'static) {
    if cfg!(feature = "embedded-docs") {
        return then();
    }
    fetch_once(&BUNDLE, then, |bytes| {
        let text = String::from_utf8(bytes).map_err(|_| "the guides' bundle is damaged")?;
        let json = js_sys::JSON::parse(&text).map_err(|_| "the guides' bundle is damaged")?;
        let keys = js_sys::Object::keys(&js_sys::Object::from(json.clone()));
        BODIES.with(|b| {
            let mut kept = b.borrow_mut();
            for key in keys.iter() {
                let value = js_sys::Reflect::get(&json, &key).ok().and_then(|v| v.as_string());
                if let (Some(key), Some(value)) = (key.as_string(), value) {
                    kept.entry(key).or_insert_with(|| value.into());
                }
            }
        });
        Ok::<(), &str>(())
    });
}

/// Fetches the search's body index once and gives it to the search, then calls `then`.
pub fn fetch_search_index(then: impl FnOnce() + 'static) {
    if cfg!(feature = "embedded-docs") {
        return then();
    }
    fetch_once(&SEARCH_INDEX, then, install_index);
}

#[cfg(not(feature = "embedded-docs"))]
fn install_index(bytes: Vec<u8>) -> Result<(), String> {
    crate::kb::search::install_index(bytes)
}

#[cfg(feature = "embedded-docs")]
fn install_index(_: Vec<u8>) -> Result<(), String> {
    Ok(())
}

/// Fetches `file` once and hands its bytes to `keep`; everyone who asked meanwhile is called
/// back when it is done.
fn fetch_once<E: Into<Rc<str>>>(
    file: &'static LocalKey<RefCell<Fetched>>,
    then: impl FnOnce() + 'static,
    keep: impl FnOnce(Vec<u8>) -> Result<(), E> + 'static,
) {
    let (state, url) = file.with(|f| {
        let f = f.borrow();
        (f.state.clone(), f.url.clone())
    });
    match state {
        State::Done | State::Failed(_) => return then(),
        State::Fetching => return file.with(|f| f.borrow_mut().waiting.push(Box::new(then))),
        State::NotAsked => {}
    }
    file.with(|f| {
        let mut f = f.borrow_mut();
        f.state = State::Fetching;
        f.waiting.push(Box::new(then));
    });
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = match url {
            Some(url) => load(&url).await.and_then(|bytes| keep(bytes).map_err(Into::into)),
            None => Err(Rc::from("this page does not say where its files are")),
        };
        let waiting = file.with(|f| {
            let mut f = f.borrow_mut();
            f.state = match outcome {
                Ok(()) => State::Done,
                Err(why) => State::Failed(why),
            };
            std::mem::take(&mut f.waiting)
        });
        for then in waiting {
            then();
        }
    });
}

/// Fetches `url` (same origin) as bytes.
async fn load(url: &str) -> Result<Vec<u8>, Rc<str>> {
    let offline = || Rc::from(format!("a part of the guides {OFFLINE}"));
    let window = web_sys::window().ok_or_else(offline)?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| offline())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| offline())?;
    if !response.ok() {
        let why = format!("a part of the guides could not be loaded (HTTP {})", response.status());
        return Err(why.into());
    }
    let buffer = response.array_buffer().map_err(|_| offline())?;
    let buffer = JsFuture::from(buffer).await.map_err(|_| offline())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
