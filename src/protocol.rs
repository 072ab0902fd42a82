//! What the page asks the engine and what the engine answers: analyse a paste, list what looks
//! secret in it, make a share link or a Markdown report of it, read a share link back.
//!
//! The engine is a web worker (`src/ui/worker.rs`), which gets each [`Request`] as JSON in an
//! [`Envelope`] and posts the [`Reply`] back the same way; in the one-file build it is the page
//! itself, which calls [`answer`] directly. Either way [`answer`] does the work, so the page's own
//! wasm never carries the redaction, the share codec or the Markdown renderer.
//!
//! Everything the page shows of a reply is text: masks, labels and kinds are put in text nodes,
//! and the secrets themselves never leave the engine in a [`Findings`] reply.

use serde::{Deserialize, Serialize};

use crate::redact::{self, Kind};
use crate::report::{markdown, Report};
use crate::share;

/// A message between the page and the worker: a request's number and the request, or that
/// number and the reply; a JSON array `[id, body]`.
pub type Envelope<T> = (u32, T);

/// `envelope` as the bytes that go between the page and its worker (postcard: no field names,
/// so both sides must be built from the same source, which they always are).
pub fn to_bytes<T: Serialize>(envelope: &Envelope<T>) -> Vec<u8> {
    // Strings, numbers, options and vectors always serialise.
    postcard::to_allocvec(envelope).unwrap_or_default()
}

/// The envelope `bytes` hold, or `None` when they hold none (never a panic).
pub fn from_bytes<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Option<Envelope<T>> {
    postcard::from_bytes(bytes).ok()
}

/// What the page asks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// The report of a paste.
    Analyze { paste: String },
    /// What looks secret or private in a paste, for the page to preview before sharing it.
    Findings { paste: String },
    /// A share link of the paste with the findings of the kinds `mask` (ids, as
    /// [`Kind::id`]) masked; `base` is what goes before the token (`.../index.html#/share/`).
    Link { paste: String, mask: Vec<String>, base: String },
    /// The Markdown report of the paste with the kinds `mask` masked, linking back to its share
    /// link (`base` as for [`Request::Link`]) when that is short enough, and to the guides
    /// under `app` when given.
    Report { paste: String, mask: Vec<String>, base: String, app: Option<String> },
    /// What a share token carries.
    Open { token: String },
}

/// What the engine answers; [`Reply::Failed`] for any request that could not be done.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    Report(Box<Report>),
    Findings(Findings),
    /// The whole share link.
    Link(String),
    Markdown(String),
    /// The paste a share link carries, and the app route it names (`/analyze`), if any.
    Opened(String, Option<String>),
    /// Lower-case, for the page to show as it is.
    Failed(String),
}

/// What looks secret or private in a paste, as the page previews it.
///
/// It and its parts go over the wire as JSON arrays rather than objects: reading arrays costs
/// the page's wasm less code.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "(Vec<KindFound>, Vec<Shown>, usize)", into = "(Vec<KindFound>, Vec<Shown>, usize)")]
pub struct Findings {
    /// Each kind found, in the order of [`Kind::ALL`].
    pub kinds: Vec<KindFound>,
    /// The first [`MAX_SHOWN`] findings, in line order.
    pub shown: Vec<Shown>,
    /// How many findings there are in all.
    pub total: usize,
}

/// One kind of finding in a paste.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(String, String, bool, usize)", into = "(String, String, bool, usize)")]
pub struct KindFound {
    /// [`Kind::id`], which a [`Request::Link`] or [`Request::Report`] names to mask it.
    pub id: String,
    /// [`Kind::title`].
    pub title: String,
    /// Whether it is masked unless the user says otherwise ([`Kind::is_default`]).
    pub default: bool,
    pub count: usize,
}

/// One finding, without the value it found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(usize, String, String, String)", into = "(usize, String, String, String)")]
pub struct Shown {
    /// The line, from 1.
    pub line: usize,
    /// [`Kind::id`].
    pub kind: String,
    /// What it is, e.g. `GitHub token`.
    pub label: String,
    /// What replaces it when its kind is masked, e.g. `[REDACTED-TOKEN-1]`.
    pub mask: String,
}

impl From<(Vec<KindFound>, Vec<Shown>, usize)> for Findings {
    fn from((kinds, shown, total): (Vec<KindFound>, Vec<Shown>, usize)) -> Findings {
        Findings { kinds, shown, total }
    }
}

impl From<Findings> for (Vec<KindFound>, Vec<Shown>, usize) {
    fn from(f: Findings) -> Self {
        (f.kinds, f.shown, f.total)
    }
}

impl From<(String, String, bool, usize)> for KindFound {
    fn from((id, title, default, count): (String, String, bool, usize)) -> KindFound {
        KindFound { id, title, default, count }
    }
}

impl From<KindFound> for (String, String, bool, usize) {
    fn from(k: KindFound) -> Self {
        (k.id, k.title, k.default, k.count)
    }
}

impl From<(usize, String, String, String)> for Shown {
    fn from((line, kind, label, mask): (usize, String, String, String)) -> Shown {
        Shown { line, kind, label, mask }
    }
}

impl From<Shown> for (usize, String, String, String) {
    fn from(s: Shown) -> Self {
        (s.line, s.kind, s.label, s.mask)
    }
}

/// The most findings a [`Findings`] reply lists one by one; a paste of names can have thousands.
pub const MAX_SHOWN: usize = 200;

/// The route a share link opens.
pub const SHARED_ROUTE: &str = "/analyze";

/// Does what `request` asks.
pub fn answer(request: Request) -> Reply {
    match request {
        Request::Analyze { paste } => Reply::Report(Box::new(crate::analyze(&paste))),
        Request::Findings { paste } => Reply::Findings(findings(&paste)),
        Request::Link { paste, mask, base } => {
            match share::encode(&masked(&paste, &mask), Some(SHARED_ROUTE)) {
                Ok(token) => Reply::Link(format!("{base}{token}")),
                Err(why) => Reply::Failed(why.to_string()),
            }
        }
        Request::Report { paste, mask, base, app } => {
            let paste = masked(&paste, &mask);
            let report = crate::analyze(&paste);
            let link = share::encode(&paste, Some(SHARED_ROUTE))
                .ok()
                .map(|token| format!("{base}{token}"))
                .filter(|link| link.len() <= share::COMFORTABLE_LINK);
            let links = markdown::Links { triage: link.as_deref(), app: app.as_deref() };
            Reply::Markdown(markdown::render(&report, links))
        }
        Request::Open { token } => match share::decode(&token) {
            Ok(shared) => Reply::Opened(shared.paste, shared.route),
            Err(why) => Reply::Failed(why.to_string()),
        },
    }
}

/// Every finding of `paste`, names included (their kinds are off by default), and the mask of
/// each.
fn findings(paste: &str) -> Findings {
    let found = redact::find(paste, redact::Options { names: true });
    let masks = redact::masks(paste, &found);
    let kinds = Kind::ALL
        .into_iter()
        .filter_map(|kind| {
            let count = found.iter().filter(|f| f.kind == kind).count();
            (count > 0).then(|| KindFound {
                id: kind.id().to_owned(),
                title: kind.title().to_owned(),
                default: kind.is_default(),
                count,
            })
        })
        .collect();
    let shown = found
        .iter()
        .zip(masks)
        .take(MAX_SHOWN)
        .map(|(f, mask)| Shown {
            line: f.line,
            kind: f.kind.id().to_owned(),
            label: f.label.to_owned(),
            mask,
        })
        .collect();
    Findings { kinds, shown, total: found.len() }
}

/// `paste` with the findings of the kinds named by `ids` masked; unknown ids are ignored.
fn masked(paste: &str, ids: &[String]) -> String {
    let kinds: Vec<Kind> =
        Kind::ALL.into_iter().filter(|k| ids.iter().any(|id| id == k.id())).collect();
    if kinds.is_empty() {
        return paste.to_owned();
    }
    let found = redact::find(paste, redact::Options { names: true });
    redact::apply(paste, &found, &kinds)
}

#[cfg(test)]
mod tests;
