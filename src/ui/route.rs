//! Hash routes: the URLs of the app, parsed from and written to `location.hash`.
//!
//! Hash routes keep the app working from any static folder. The shapes are a contract:
//!
//! - `#/` or no hash: the home page, every guide by group and the cause entries;
//! - `#/guides/<slug>` and `#/guides/<slug>/<heading-id>`;
//! - `#/causes/<id>` and `#/causes/<id>/<heading-id>`;
//! - `#/analyze`;
//! - `#/share/<token>`: a shared paste (see [`crate::share`]), which opens in the analyzer;
//! - any of these after `#/embed` and with `?theme=light|dark|auto` after them
//!   (`#/embed/guides/<slug>?theme=dark`): the same page framed in another site, without the
//!   site's header (see [`Embed`]);
//! - anything else is [`Route::NotFound`].

use std::rc::Rc;

use crate::kb::{Doc, DocKind};

/// The prefix of embedded routes.
const EMBED: &str = "#/embed";

/// A page of the app, as named by the URL hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The home page.
    Home,
    /// A guide, optionally scrolled to one of its headings.
    Guide { slug: String, heading: Option<String> },
    /// A cause entry, optionally scrolled to one of its headings.
    Cause { id: String, heading: Option<String> },
    /// The paste analyzer.
    Analyze,
    /// A share link's token, to be opened in the analyzer.
    Share(Rc<str>),
    /// A hash that names no page.
    NotFound,
}

impl Route {
    /// The route named by `hash`, with or without its leading `#`.
    ///
    /// One trailing `/` is accepted (`#/analyze/`); empty segments elsewhere are not. An
    /// embedded route names the page it frames.
    pub fn parse(hash: &str) -> Route {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        let path = match hash.strip_prefix(&EMBED[1..]) {
            Some(rest) if rest.is_empty() || rest.starts_with(['/', '?']) => {
                rest.split_once('?').map_or(rest, |(path, _)| path)
            }
            _ => hash,
        };
        let path = path.strip_prefix('/').unwrap_or(path);
        if let Some(token) = path.strip_prefix("share/").filter(|t| !t.is_empty()) {
            return Route::Share(token.into());
        }
        let path = path.strip_suffix('/').unwrap_or(path);
        let segments: Vec<&str> = path.split('/').collect();
        match segments.as_slice() {
            [""] => Route::Home,
            ["analyze"] => Route::Analyze,
            ["guides", slug] if !slug.is_empty() => {
                Route::Guide { slug: (*slug).to_owned(), heading: None }
            }
            ["guides", slug, heading] if !slug.is_empty() && !heading.is_empty() => {
                Route::Guide { slug: (*slug).to_owned(), heading: Some((*heading).to_owned()) }
            }
            ["causes", id] if !id.is_empty() => {
                Route::Cause { id: (*id).to_owned(), heading: None }
            }
            ["causes", id, heading] if !id.is_empty() && !heading.is_empty() => {
                Route::Cause { id: (*id).to_owned(), heading: Some((*heading).to_owned()) }
            }
            _ => Route::NotFound,
        }
    }

    /// The route of the page currently in the address bar.
    pub fn current() -> Route {
        Route::parse(&current_hash())
    }
}

/// The hash of the page in the address bar, with its `#`.
pub fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The app framed in another page (`#/embed/...`): no site header, the theme the frame asks
/// for, and every route it goes to stays embedded. `styles/early.js` applies the theme before
/// the page is drawn and reports the page's height to the frame's parent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Embed {
    /// `light`, `dark` or `auto` (the system's).
    pub theme: &'static str,
}

impl Embed {
    /// The embedding `hash` asks for, if it is an embedded route.
    pub fn parse(hash: &str) -> Option<Embed> {
        let rest = hash.strip_prefix(EMBED)?;
        if !(rest.is_empty() || rest.starts_with(['/', '?'])) {
            return None;
        }
        let query = rest.split_once('?').map_or("", |(_, query)| query);
        let theme = query.split('&').find_map(|pair| match pair {
            "theme=light" => Some("light"),
            "theme=dark" => Some("dark"),
            _ => None,
        });
        Some(Embed { theme: theme.unwrap_or("auto") })
    }

    /// The embedded form of an app route `#/...`.
    pub fn wrap(&self, hash: &str) -> String {
        let path = hash.strip_prefix('#').unwrap_or(hash);
        let path = path.strip_prefix('/').unwrap_or(path);
        format!("{EMBED}/{path}?theme={}", self.theme)
    }
}

/// The link to a document of either kind, or to one of its headings.
pub fn doc_href(doc: &Doc, heading: Option<&str>) -> String {
    match doc.kind {
        DocKind::Guide => guide_href(doc.slug, heading),
        DocKind::Cause => cause_href(doc.slug, heading),
    }
}

/// The link to a guide, or to one of its headings.
pub fn guide_href(slug: &str, heading: Option<&str>) -> String {
    with_heading(format!("#/guides/{slug}"), heading)
}

/// The link to a cause entry, or to one of its headings.
pub fn cause_href(id: &str, heading: Option<&str>) -> String {
    with_heading(format!("#/causes/{id}"), heading)
}

fn with_heading(mut href: String, heading: Option<&str>) -> String {
    if let Some(heading) = heading {
        href.push('/');
        href.push_str(heading);
    }
    href
}
