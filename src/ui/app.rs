//! The root component: owns the reducer, follows the URL hash and picks the page.

use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use yew::prelude::*;

use wasm_bindgen::JsCast;

use crate::cause::Cause;
use crate::kb::{self, Doc};
use crate::ui::analyzer::{self, AnalyzerProps};
use crate::ui::doc_page::{DocPage, DocRef};
use crate::ui::home;
use crate::ui::route::{self, Embed, Route};
use crate::ui::site_header;
use crate::ui::state::{Action, AppState, INSTANT_BYTES};
use crate::ui::{docs, dom, engine, keep, not_found, panic, share_page, skip_link, takeover};

/// How long after start the bundle of guide bodies is fetched, in milliseconds.
const PREFETCH_DELAY_MS: u32 = 2000;

/// How long typing must pause before the paste is kept for a reload, in milliseconds.
const KEEP_DELAY_MS: u32 = 500;

/// How long typing must pause before a large paste is analysed, in milliseconds.
const PENDING_DELAY_MS: u32 = 300;

/// The whole app: the skip link, the site header and the page the hash names; embedded
/// (`#/embed/...`), only the page.
#[function_component]
pub fn App() -> Html {
    let state =
        use_reducer(|| AppState::new(Route::current(), panic::take_saved_paste(), keep::load()));
    let kept = use_state(|| keep::Kept::Empty);
    // Fixed at start: an embedded app stays embedded wherever its links go.
    let embed = use_memo((), |_| Embed::parse(&route::current_hash()));

    // The paste is kept in the tab for a reload, once typing has paused.
    {
        let kept = kept.clone();
        use_effect_with(state.analysis.paste.clone(), move |paste| {
            // Clear forgets at once: a reload right after must not bring the paste back.
            let paste = paste.clone();
            let timer = if paste.is_empty() {
                kept.set(keep::save(""));
                None
            } else {
                Some(Timeout::new(KEEP_DELAY_MS, move || kept.set(keep::save(&paste))))
            };
            move || drop(timer)
        });
    }

    // After the first render: the pre-rendered page goes, and the search index and the bodies
    // of the other guides are fetched while the reader reads, so that they are there when the
    // network is not.
    use_effect_with((), |_| {
        takeover::finish();
        let prefetch = Timeout::new(PREFETCH_DELAY_MS, || {
            docs::fetch_search_index(|| ());
            docs::fetch_bodies(|| ());
            engine::warm_up();
        });
        move || drop(prefetch)
    });

    {
        let dispatcher = state.dispatcher();
        let embed = embed.clone();
        use_effect_with((), move |_| {
            let listeners = web_sys::window().map(|window| {
                let hash = EventListener::new(&window, "hashchange", move |_| {
                    let hash = route::current_hash();
                    match embed.as_ref() {
                        Some(embed) if Embed::parse(&hash).is_none() => {
                            dom::replace_hash(&embed.wrap(&hash));
                        }
                        _ => dispatcher.dispatch(Action::Navigate(Route::parse(&hash))),
                    }
                });
                // Not passive: the shortcut keeps its `/` out of the field it focuses.
                let options = EventListenerOptions::enable_prevent_default();
                (hash, EventListener::new_with_options(&window, "keydown", options, on_shortcut))
            });
            move || drop(listeners)
        });
    }

    // A share link in the address: the engine reads it, and its paste replaces the paste; then
    // the page it names opens, embedded if the app is.
    {
        let dispatcher = state.dispatcher();
        let embed = embed.clone();
        use_effect_with(state.route.clone(), move |route| {
            let cancel = match route {
                Route::Share(token) => Some(share_page::open(token, move |opened| match opened {
                    Ok((paste, route)) => {
                        dispatcher.dispatch(Action::Shared(paste));
                        let hash = shared_route(route);
                        dom::replace_hash(
                            &embed.as_ref().as_ref().map_or(hash.clone(), |e| e.wrap(&hash)),
                        );
                    }
                    Err(why) => dispatcher.dispatch(Action::ShareFailed(why)),
                })),
                _ => None,
            };
            move || cancel.into_iter().for_each(|cancel| cancel())
        });
    }

    // The newest paste goes to the engine: at once when it is small, once typing has paused when
    // it is large. A newer paste drops the timer of an older one; the reducer drops answers to
    // older requests.
    {
        let dispatcher = state.dispatcher();
        let analysis = state.analysis.clone();
        use_effect_with((analysis.request, analysis.reading), move |(request, reading)| {
            let request = *request;
            let timer = reading.then(|| {
                let delay = if analysis.paste.len() > INSTANT_BYTES { PENDING_DELAY_MS } else { 0 };
                let paste = analysis.paste.clone();
                Timeout::new(delay, move || {
                    let done = Callback::from(move |(id, answer)| {
                        dispatcher.dispatch(Action::Answer(id, answer));
                    });
                    engine::analyze(request, paste, done);
                })
            });
            move || drop(timer)
        });
    }

    let on_input = use_callback(state.dispatcher(), |text, d| d.dispatch(Action::Input(text)));
    let on_large_paste =
        use_callback(state.dispatcher(), |text, d| d.dispatch(Action::LargePaste(text)));
    let on_example = use_callback(state.dispatcher(), |id, d| d.dispatch(Action::LoadExample(id)));
    let on_clear = use_callback(state.dispatcher(), |(), d| d.dispatch(Action::Clear));
    let on_undo = use_callback(state.dispatcher(), |(), d| d.dispatch(Action::Undo));
    let on_reanalyze = use_callback(state.dispatcher(), |(), d| d.dispatch(Action::Reanalyze));
    let on_share = use_callback(state.dispatcher(), |step, d| d.dispatch(Action::Share(step)));
    let page = match &state.route {
        Route::Home => {
            set_title("Kubernetes Job errors explained");
            home::view()
        }
        Route::Analyze => {
            set_title("Analyze a paste");
            let (analysis, sharing) = (state.analysis.clone(), state.sharing.clone());
            analyzer::view(&AnalyzerProps {
                analysis,
                kept: *kept,
                sharing,
                on_input,
                on_large_paste,
                on_example,
                on_clear,
                on_undo,
                on_reanalyze,
                on_share,
            })
        }
        Route::Guide { slug, heading } => match kb::guide(slug) {
            Some(doc) => doc_page(doc, heading.as_deref()),
            None => not_found(),
        },
        Route::Cause { id, heading } => match Cause::from_id(id).and_then(kb::cause_entry) {
            Some(doc) => doc_page(doc, heading.as_deref()),
            None => not_found(),
        },
        Route::Share(_) => {
            set_title("Shared paste");
            share_page::view(state.share_failed.as_deref())
        }
        Route::NotFound => not_found(),
    };

    if embed.is_some() {
        return page;
    }
    html! {
        <>
            {skip_link::view()}
            {site_header::view(&state.route)}
            {page}
        </>
    }
}

/// The hash of the page a share link opens: the route it carries when that is a page of the
/// app (not embedded, not another share link), else the analyzer.
fn shared_route(route: Option<String>) -> String {
    let hash = route.map(|route| format!("#{route}")).filter(|h| Embed::parse(h).is_none());
    match hash.as_deref().map(Route::parse) {
        Some(Route::Share(_) | Route::NotFound) | None => "#/analyze".to_owned(),
        Some(_) => hash.unwrap_or_default(),
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
    not_found::view()
}

/// Sets the tab title; a render side effect, but an idempotent one.
fn set_title(page: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{page} · kubetriage"));
    }
}
