//! The root component: owns the reducer, follows the URL hash and picks the page.

use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use yew::prelude::*;

use wasm_bindgen::JsCast;

use crate::cause::Cause;
use crate::kb::{self, Doc};
use crate::ui::analyzer::Analyzer;
use crate::ui::doc_page::{DocPage, DocRef};
use crate::ui::home::{self, Home};
use crate::ui::not_found::NotFound;
use crate::ui::route::Route;
use crate::ui::site_header::{self, SiteHeader};
use crate::ui::skip_link::SkipLink;
use crate::ui::state::{Action, AppState};
use crate::ui::{dom, panic};

/// How long typing must pause before a large paste is analysed, in milliseconds.
const PENDING_DELAY_MS: u32 = 300;

/// The whole app: the skip link, the site header and the page the hash names.
#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState::new(Route::current(), panic::take_saved_paste()));

    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listeners = web_sys::window().map(|window| {
                let hash = EventListener::new(&window, "hashchange", move |_| {
                    dispatcher.dispatch(Action::Navigate(Route::current()));
                });
                // Not passive: the shortcut keeps its `/` out of the field it focuses.
                let options = EventListenerOptions::enable_prevent_default();
                (hash, EventListener::new_with_options(&window, "keydown", options, on_shortcut))
            });
            move || drop(listeners)
        });
    }

    // A large paste is analysed once the user has stopped typing for a moment; a newer paste
    // drops the timer of the older one.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.analysis.clone(), move |analysis| {
            let timer = analysis.pending.then(|| {
                Timeout::new(PENDING_DELAY_MS, move || dispatcher.dispatch(Action::AnalyzePending))
            });
            move || drop(timer)
        });
    }

    let on_input = use_callback(state.dispatcher(), |text, d| d.dispatch(Action::Input(text)));
    let on_large_paste =
        use_callback(state.dispatcher(), |text, d| d.dispatch(Action::LargePaste(text)));
    let on_example = use_callback(state.dispatcher(), |id, d| d.dispatch(Action::LoadExample(id)));
    let on_clear = use_callback(state.dispatcher(), |(), d| d.dispatch(Action::Clear));
    let on_reanalyze = use_callback(state.dispatcher(), |(), d| d.dispatch(Action::Reanalyze));

    let page = match &state.route {
        Route::Home => {
            set_title("Kubernetes Job errors explained");
            html! { <Home /> }
        }
        Route::Analyze => {
            set_title("Analyze a paste");
            let analysis = state.analysis.clone();
            html! { <Analyzer {analysis} {on_input} {on_large_paste} {on_example} {on_clear} {on_reanalyze} /> }
        }
        Route::Guide { slug, heading } => match kb::guide(slug) {
            Some(doc) => doc_page(doc, heading.as_deref()),
            None => not_found(),
        },
        Route::Cause { id, heading } => match Cause::from_id(id).and_then(kb::cause_entry) {
            Some(doc) => doc_page(doc, heading.as_deref()),
            None => not_found(),
        },
        Route::NotFound => not_found(),
    };

    html! {
        <>
            <SkipLink />
            <SiteHeader route={state.route.clone()} />
            {page}
        </>
    }
}

/// `/` anywhere but in a text field goes to the search: the home page's, else the header's.
fn on_shortcut(event: &web_sys::Event) {
    let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
    let modified = key.ctrl_key() || key.meta_key() || key.alt_key();
    if key.key() == "/" && !modified && !dom::takes_text(key.target()) {
        key.prevent_default();
        dom::focus_first_of(&[home::SEARCH_ID, site_header::SEARCH_ID]);
    }
}

fn doc_page(doc: &'static Doc, heading: Option<&str>) -> Html {
    set_title(doc.title);
    let heading = heading.map(|h| AttrValue::from(h.to_owned()));
    html! { <DocPage doc={DocRef(doc)} {heading} /> }
}

fn not_found() -> Html {
    set_title("Page not found");
    html! { <NotFound /> }
}

/// Sets the tab title; a render side effect, but an idempotent one.
fn set_title(page: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{page} · kubetriage"));
    }
}
