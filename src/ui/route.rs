//! Hash routes: the URLs of the app, parsed from and written to `location.hash`.
//!
//! Hash routes keep the app working from any static folder. The shapes are a contract:
//!
//! - `#/` or no hash: the home page, every guide by group and the cause entries;
//! - `#/guides/<slug>` and `#/guides/<slug>/<heading-id>`;
//! - `#/causes/<id>` and `#/causes/<id>/<heading-id>`;
//! - `#/analyze`;
//! - anything else is [`Route::NotFound`].

use crate::kb::{Doc, DocKind};

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
    /// A hash that names no page.
    NotFound,
}

impl Route {
    /// The route named by `hash`, with or without its leading `#`.
    ///
    /// One trailing `/` is accepted (`#/analyze/`); empty segments elsewhere are not.
    pub fn parse(hash: &str) -> Route {
        let path = hash.strip_prefix('#').unwrap_or(hash);
        let path = path.strip_prefix('/').unwrap_or(path);
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
        let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
        Route::parse(&hash)
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
