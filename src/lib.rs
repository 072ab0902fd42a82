//! kubetriage: why did this Kubernetes Job fail?
//!
//! The crate is the engine behind both front ends: the command-line tool (`src/bin/kubetriage.rs`)
//! and the single-page app (`src/main.rs` with [`ui`], built for wasm32 by Trunk).
//!
//! # Code map
//!
//! A paste flows through the modules in this order:
//!
//! - [`text`]: the paste as numbered lines, cleaned of terminal noise (ANSI colours, CR, Markdown
//!   fences, shell prompts). Every later stage keeps the original line numbers.
//! - [`yaml`]: YAML and JSON documents to a tree of nodes with line numbers, read strictly. The
//!   only module that names a YAML crate; what it cannot read, `extract::loose` reads line by
//!   line into the same tree.
//! - [`capture`]: the first level of parsing, a faithful capture of what the paste holds: blocks
//!   of `kubectl describe`, `kubectl get` tables, event tables, manifests and objects, log lines.
//! - [`model`]: the typed facts (`Job`, `Pod`, `Container`, `ContainerState`, `Event`) built from
//!   the captures by [`extract`].
//! - [`rules`]: the detection rules as data, compiled by `build.rs` from the `signals` of
//!   `content/causes/*.md`: what each signal keys on, where that string comes from, which cause
//!   it points to. [`cause`] holds the 26 built-in cause ids; content may add more.
//! - [`classify`]: the rules run over the model and the lines; findings ranked, tie-breaks applied.
//! - [`kb`]: the knowledge base compiled from `content/` by `build.rs`: guides, cause entries,
//!   the fix steps the analyzer fills in, and the search over them ([`kb::search`]) with its
//!   index built at build time.
//! - [`timeline`]: the Job's attempts in time order on one axis (describe times, YAML
//!   timestamps, event ages, the AGE column), the back-off between them, the attempts spent.
//! - [`join`]: evidence from different parts of the paste joined (a log to its pod, an OOM kill
//!   to its memory limit).
//! - [`names`]: the names commands need, from everything the paste shows, checked as Kubernetes
//!   checks them before they go into a command.
//! - [`fix`]: generated manifest fixes, as YAML fragments with the paste's names.
//! - [`gaps`]: what the paste could not show, and the command that gets it.
//! - [`lint`]: manifest settings that linters accept but a failing Job pays for; never findings.
//! - [`report`]: the result the front ends show: recognised, headline, findings, next commands,
//!   timeline and lint; [`report::markdown`] renders it for a ticket or a chat, paste escaped.
//! - [`analyze`]: the pipeline from a paste to a [`report::Report`]; the one entry point.
//! - [`redact`]: what looks secret or private in a paste (tokens, passwords, Secret data, keys,
//!   emails, addresses, optionally names), and the paste with the chosen kinds masked, line
//!   numbers kept. Run before anything is copied or shared.
//! - [`share`]: a paste and a route packed into a `v1.` URL fragment (deflate, base64url) and
//!   read back, total and bounded on hostile input.
//! - [`protocol`]: what the browser app asks the engine (analyse, list what looks secret, make
//!   a share link or a Markdown report, open a link) and [`protocol::answer`], which does it:
//!   in the web worker, or on the page in the one-file build. The page's own wasm only sends
//!   requests and reads replies.
//! - `fuzzing` (hidden): the entry points of the fuzz targets in `fuzz/`, which
//!   `tests/fuzz_corpus.rs` also runs over the saved corpus.
//! - [`cli`]: argument handling and the plain-text rendering used by the terminal front end.
//! - [`site`] (native only): the static pages the build writes beside the browser app, one per
//!   document, and the bundle of document bodies the app reads.
//! - [`ui`] (wasm32 only): Yew components; the only module besides `main.rs` that may name `yew`,
//!   `web_sys`, `wasm_bindgen`, `js_sys` or `gloo`.
//!
//! # Invariants
//!
//! - Everything outside [`ui`] is plain Rust and tested natively; `tests/tidy.rs` fails when a core
//!   module imports a browser crate.
//! - Parsing is total: any text, however broken, yields a report. Nothing derived from a paste is
//!   unwrapped, and every loop over pasted data is bounded by its size.
//! - Line numbers count from 1 in the text as it was given, before any cleaning.

pub mod analyze;
pub mod capture;
pub mod cause;
pub mod classify;
pub mod cli;
pub mod cron;
pub mod extract;
pub mod fix;
#[doc(hidden)]
pub mod fuzzing;
pub mod gaps;
pub mod join;
pub mod kb;
pub mod lint;
pub mod model;
pub mod names;
pub mod protocol;
pub mod redact;
pub mod report;
pub mod rules;
pub mod share;
#[cfg(not(target_arch = "wasm32"))]
pub mod site;
pub mod text;
pub mod timeline;
pub mod yaml;

#[cfg(target_arch = "wasm32")]
pub mod ui;

pub use analyze::analyze;
pub use cause::Cause;
pub use report::Report;
