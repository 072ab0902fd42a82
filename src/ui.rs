//! The single-page app: Yew function components over the engine (wasm32 only).
//!
//! # Code map
//!
//! - [`state`]: the one reducer that owns app state (route, paste, report, sharing); it never
//!   analyses itself: [`app`] sends the newest paste to the [`engine`].
//! - [`route`]: the hash routes (`#/`, `#/guides/<slug>`, `#/causes/<id>`, `#/analyze`,
//!   `#/share/<token>`, and any of them embedded as `#/embed/...?theme=...`) and their parsing;
//!   no router crate.
//! - [`app`]: the root component: wires the reducer, listens to `hashchange` and to the `/`
//!   shortcut, picks the page.
//! - [`dom`], [`clipboard`] and [`theme`]: the few imperative browser calls (scrolling, focus,
//!   copying, the theme and its `localStorage` key), kept out of the components.
//! - [`panic`]: the panic hook that shows an alert and keeps the paste.
//! - [`engine`] and [`worker`]: the two ends of the engine, which the page asks through
//!   [`crate::protocol`]: analyses, and the redaction preview, share links and Markdown reports
//!   of [`share_bar`].
//! - [`sharing`]: the state of the share bar, part of the one reducer.
//! - Everything else is one part of a page per file: a function component where it keeps state
//!   or is worth not re-rendering (the paste box, the result, the paste view), else a plain
//!   function that returns `Html` (each component costs the page's wasm its own machinery).
//!   Search results come from [`crate::kb::search`], called by [`search_box`] as the user types;
//!   the query is local to the box, not app state.
//!
//! # Invariants
//!
//! - Knowledge-base HTML is compiled from our own `content/` and is the only markup inserted as
//!   HTML. Anything derived from a paste or a search query is rendered as text nodes, and so is
//!   anything the engine answers (masks, labels, error messages).
//! - The page's own wasm never redacts, encodes share links or renders Markdown: it asks the
//!   engine, which runs in the worker (or on the page in the one-file build).
//! - The textarea is uncontrolled while the user types: its value is written only when the paste
//!   changes by other means (an example, Clear, coming back to the page), so typing is never lost.

pub mod analyzer;
pub mod app;
pub mod clipboard;
pub mod code_block;
pub mod doc_page;
pub mod doc_related;
pub mod docs;
pub mod dom;
pub mod dropped;
pub mod engine;
pub mod evidence_list;
pub mod finding_card;
pub mod guide_card;
pub mod home;
pub mod keep;
pub mod lint_list;
pub mod next_steps;
pub mod not_found;
pub mod panic;
pub mod paste_box;
pub mod paste_view;
pub mod result_view;
pub mod route;
pub mod search_box;
pub mod search_results;
pub mod share_bar;
pub mod share_page;
pub mod share_preview;
pub mod sharing;
pub mod site_header;
pub mod skip_link;
pub mod state;
pub mod takeover;
pub mod theme;
pub mod theme_toggle;
pub mod timeline_view;
pub mod toc;
pub mod worker;

pub use app::App;

/// Installs the panic hook, shows the saved theme (an embedded app shows the theme its address
/// asks for) and renders the app, taking over the page the build pre-rendered (see [`takeover`]).
pub fn start() {
    panic::install();
    if route::Embed::parse(&route::current_hash()).is_none() {
        theme::apply_saved();
    }
    match takeover::prepare() {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}
