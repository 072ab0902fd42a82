//! Sharing the paste: "Copy link" and "Copy report". Each first opens a preview of what looks
//! secret in the paste ([`share_preview`]), where the user picks the kinds to mask; the engine
//! then masks them and makes the link or the Markdown report, and the page copies it.
//!
//! Plain functions over the app's state ([`Sharing`]) rather than components of their own: each
//! component costs the page's wasm its own machinery, and the page's wasm is what a first visit
//! waits for.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::protocol::{Reply, Request};
use crate::share;
use crate::ui::sharing::{Purpose, Sharing, Step};
use crate::ui::{clipboard, dom, engine, share_preview};

/// `<div class="share">`: the two buttons, the preview while one is open, and what the last
/// copy came to (`p.share-status`, `share-status-failed` when it failed).
pub fn share_bar(paste: &Rc<str>, sharing: &Rc<Sharing>, on_step: &Callback<Step>) -> Html {
    let button = |purpose: Purpose, text: &'static str| {
        let (paste, on_step) = (paste.clone(), on_step.clone());
        let session = sharing.session.wrapping_add(1);
        let onclick = Callback::from(move |_: MouseEvent| open(purpose, &paste, session, &on_step));
        let expanded = if sharing.open == Some(purpose) { "true" } else { "false" };
        html! {
            <button type="button" id={purpose.button_id()} class="share-button"
                aria-expanded={expanded} {onclick}>{text}</button>
        }
    };
    let (status, failed) = sharing.status.clone().unwrap_or_default();
    let status_class = if failed { "share-status share-status-failed" } else { "share-status" };
    html! {
        <div class="share">
            <div class="share-buttons" role="group" aria-label="Share this paste">
                {button(Purpose::Link, "Copy link")}
                {button(Purpose::Report, "Copy report")}
            </div>
            if sharing.open.is_some() {
                {share_preview::preview(sharing, on_step, copy_callback(sharing, on_step))}
            }
            <p class={status_class} role="status">{status.to_string()}</p>
        </div>
    }
}

/// Opens the preview for `purpose` as session `session`, and asks the engine what looks secret.
/// A paste too large for a link is refused at once, before the user works through the preview.
fn open(purpose: Purpose, paste: &Rc<str>, session: u32, on_step: &Callback<Step>) {
    on_step.emit(Step::Open(purpose, paste.clone()));
    if purpose == Purpose::Link && paste.len() > share::MAX_PASTE {
        let why = share::ShareError::TooLarge(paste.len());
        on_step.emit(Step::Failed(session, format!("Nothing was copied: {why}.").into()));
        return dom::focus_id(purpose.button_id());
    }
    // Once the preview is drawn.
    Timeout::new(0, || dom::focus_id("share-title")).forget();
    let on_step = on_step.clone();
    let done = Callback::from(move |reply| match reply {
        Reply::Findings(found) => on_step.emit(Step::Found(session, Rc::new(found))),
        other => on_step.emit(Step::Failed(session, failure(other))),
    });
    engine::ask(Request::Findings { paste: paste.to_string() }, done);
}

/// What the preview's Copy button does: asks the engine for the link or the report of the
/// paste, masked as chosen, and copies it.
fn copy_callback(sharing: &Rc<Sharing>, on_step: &Callback<Step>) -> Callback<()> {
    let (sharing, on_step) = (sharing.clone(), on_step.clone());
    Callback::from(move |()| {
        let Some(purpose) = sharing.open else { return };
        let (session, paste, mask) =
            (sharing.session, sharing.paste.to_string(), sharing.mask.to_vec());
        let base = share_base();
        let request = match purpose {
            Purpose::Link => Request::Link { paste, mask, base },
            Purpose::Report => Request::Report { paste, mask, base, app: app_base() },
        };
        on_step.emit(Step::Making);
        let on_step = on_step.clone();
        engine::ask(
            request,
            Callback::from(move |reply| copied(reply, purpose, session, &on_step)),
        );
    })
}

/// Copies the engine's text, or says why there is none.
fn copied(reply: Reply, purpose: Purpose, session: u32, on_step: &Callback<Step>) {
    let text: Rc<str> = match reply {
        Reply::Link(text) | Reply::Markdown(text) => text.into(),
        other => {
            on_step.emit(Step::Failed(session, failure(other)));
            return dom::focus_id(purpose.button_id());
        }
    };
    let note = copied_note(purpose, text.chars().count());
    let on_step = on_step.clone();
    clipboard::copy(&text.clone(), move |ok| {
        if ok {
            on_step.emit(Step::Copied(session, note.into()));
            dom::focus_id(purpose.button_id());
        } else {
            on_step.emit(Step::Refused(session, text));
            dom::select_field("share-text");
        }
    });
}

/// What the page says once the text is copied; `length` in characters.
fn copied_note(purpose: Purpose, length: usize) -> String {
    match purpose {
        Purpose::Report => "Report copied as Markdown.".to_owned(),
        Purpose::Link if length > share::COMFORTABLE_LINK => format!(
            "Link copied, but at {length} characters it is longer than some chats and ticket \
             fields keep ({} characters); Copy report travels better.",
            share::COMFORTABLE_LINK
        ),
        Purpose::Link => format!("Link copied ({length} characters)."),
    }
}

/// Why the engine could not do it, from a reply that is not the one asked for.
fn failure(reply: Reply) -> Rc<str> {
    let why = match reply {
        Reply::Failed(why) => why,
        _ => "the analyzer answered something else".to_owned(),
    };
    format!("Nothing was copied: {why}.").into()
}

/// What goes before a share token: the app's `index.html` (in the one-file build, this file
/// itself) and `#/share/`.
fn share_base() -> String {
    let page = page_url();
    let app = if cfg!(feature = "one-file") {
        page
    } else {
        web_sys::Url::new_with_base("index.html", &page).map(|u| u.href()).unwrap_or(page)
    };
    format!("{app}#/share/")
}

/// The app's folder, which the report links the guides under; none in the one-file build,
/// whose address names a file on this computer only.
fn app_base() -> Option<String> {
    if cfg!(feature = "one-file") {
        return None;
    }
    web_sys::Url::new_with_base("./", &page_url()).ok().map(|u| u.href())
}

/// The page's address without its `#...`.
fn page_url() -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_owned()
}
