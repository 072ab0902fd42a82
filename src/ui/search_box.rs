//! The search box: a text field whose results, guides and cause entries, list as you type.
//!
//! It follows the ARIA combobox pattern: the field owns a listbox of results and names the
//! active one with `aria-activedescendant`, so focus stays in the field. ArrowDown and ArrowUp
//! move through the results, Enter opens the active one (or the first), Escape closes the list
//! and, when it is closed, clears the field. Pasted text keeps its line breaks as spaces.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, HtmlInputElement};
use yew::prelude::*;

use crate::kb::search::{self, Hit, MAX_QUERY_CHARS};
use crate::ui::route;
use crate::ui::search_results::SearchResults;
use crate::ui::{docs, dom};

/// How many results the list shows.
pub const LIMIT: usize = 8;

/// The field's id (the list's is derived from it), its label, and whether it is the large one
/// of the home page.
#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    pub id: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub large: bool,
}

/// `<div class="search">` with `<input type="search" role="combobox">` and its results.
#[function_component]
pub fn SearchBox(props: &SearchBoxProps) -> Html {
    let query = use_state(String::new);
    let active = use_state(|| None::<usize>);
    let open = use_state(|| false);
    let input = use_node_ref();
    let root = use_node_ref();
    // The front matter and headings are searched at once; the bodies once their index is here
    // (fetched on the first search, if the app has not fetched it yet).
    let bodies = use_state(search::has_bodies);
    let hits = use_memo(((*query).clone(), *bodies), |(query, _)| search::search(query, LIMIT));
    {
        let bodies = bodies.clone();
        use_effect_with(query.is_empty(), move |empty| {
            if !*empty && !*bodies {
                docs::fetch_search_index(move || bodies.set(search::has_bodies()));
            }
        });
    }

    let set_query = {
        let (query, active, open) = (query.clone(), active.clone(), open.clone());
        Callback::from(move |text: String| {
            open.set(!text.trim().is_empty());
            active.set(None);
            query.set(text);
        })
    };
    let on_input = {
        let set_query = set_query.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(field) = event.target_dyn_into::<HtmlInputElement>() {
                set_query.emit(field.value());
            }
        })
    };
    let on_paste = {
        let set_query = set_query.clone();
        Callback::from(move |event: Event| {
            let Some(field) = event.target_dyn_into::<HtmlInputElement>() else { return };
            let pasted = event
                .dyn_ref::<ClipboardEvent>()
                .and_then(ClipboardEvent::clipboard_data)
                .and_then(|data| data.get_data("text/plain").ok());
            if let Some(pasted) = pasted {
                event.prevent_default();
                insert_pasted(&field, &pasted);
                set_query.emit(field.value());
            }
        })
    };
    let on_keydown = {
        let list = List { open: open.clone(), active: active.clone() };
        let (query, hits, input) = (query.clone(), hits.clone(), input.clone());
        Callback::from(move |event: KeyboardEvent| {
            if !event.is_composing() {
                on_key(&event, &hits, &list, &query, &input);
            }
        })
    };
    let on_focus = {
        let (query, open) = (query.clone(), open.clone());
        Callback::from(move |_: FocusEvent| open.set(!query.trim().is_empty()))
    };
    let on_focusout = {
        let (open, active, root) = (open.clone(), active.clone(), root.clone());
        Callback::from(move |event: FocusEvent| {
            let inside = root
                .cast::<web_sys::Element>()
                .is_some_and(|root| dom::contains(&root, event.related_target()));
            if !inside {
                open.set(false);
                active.set(None);
            }
        })
    };
    let on_pick = {
        let open = open.clone();
        Callback::from(move |()| open.set(false))
    };

    let list_id = format!("{}-results", props.id);
    let showing = *open && !query.trim().is_empty();
    let active_id = active.filter(|_| showing).map(|at| format!("{}-option-{at}", props.id));
    let class = classes!("search", props.large.then_some("search-large"));
    html! {
        <div {class} ref={root} onfocusout={on_focusout}>
            <label class="search-label" for={props.id.clone()}>{props.label.clone()}</label>
            <div class="search-field">
                <input ref={input} id={props.id.clone()} class="search-input" type="search"
                    role="combobox" aria-autocomplete="list" aria-controls={list_id.clone()}
                    aria-expanded={showing.to_string()} aria-activedescendant={active_id}
                    aria-keyshortcuts="/" autocomplete="off" autocapitalize="off"
                    spellcheck="false" maxlength={MAX_QUERY_CHARS.to_string()}
                    placeholder="Paste an error or type a word"
                    oninput={on_input} onpaste={on_paste} onkeydown={on_keydown}
                    onfocus={on_focus} />
                <kbd class="search-key" aria-hidden="true">{"/"}</kbd>
            </div>
            if showing {
                <SearchResults id={props.id.clone()} list_id={list_id} hits={Rc::clone(&hits)}
                    active={*active} on_pick={on_pick} />
            }
            <p class="search-status" role="status">
                if showing {
                    {status(hits.len())}
                }
            </p>
        </div>
    }
}

/// Whether the results are listed, and which one the keyboard is on.
struct List {
    open: UseStateHandle<bool>,
    active: UseStateHandle<Option<usize>>,
}

/// The keys of the combobox: arrows move, Enter opens, Escape closes and then clears.
fn on_key(
    event: &KeyboardEvent,
    hits: &[Hit],
    list: &List,
    query: &UseStateHandle<String>,
    input: &NodeRef,
) {
    let key = event.key();
    match key.as_str() {
        "ArrowDown" | "ArrowUp" if !hits.is_empty() => {
            event.prevent_default();
            list.open.set(true);
            list.active.set(Some(step(*list.active, hits.len(), key == "ArrowDown")));
        }
        "Enter" if *list.open => {
            let Some(hit) = hits.get(list.active.unwrap_or(0)) else { return };
            event.prevent_default();
            dom::go_to(&route::doc_href(hit.doc, hit.heading.map(|h| h.id)));
            list.open.set(false);
            if let Some(field) = input.cast::<HtmlInputElement>() {
                let _ = field.blur();
            }
        }
        "Escape" if *list.open => {
            event.prevent_default();
            list.open.set(false);
            list.active.set(None);
        }
        "Escape" => {
            if let Some(field) = input.cast::<HtmlInputElement>() {
                field.set_value("");
            }
            query.set(String::new());
        }
        _ => {}
    }
}

/// The result an arrow key moves to from `active`, among `count`, wrapping around.
fn step(active: Option<usize>, count: usize, down: bool) -> usize {
    let count = count.max(1);
    match (active, down) {
        (None, true) => 0,
        (None, false) => count - 1,
        (Some(at), true) => (at + 1) % count,
        (Some(at), false) => (at + count - 1) % count,
    }
}

/// What the status line says, for screen readers, about the results.
fn status(count: usize) -> String {
    match count {
        0 => "No results".to_string(),
        1 => "1 result; press Enter to open it".to_string(),
        n => format!("{n} results; arrow keys choose, Enter opens"),
    }
}

/// Puts `pasted` where the selection of `field` is, line breaks as spaces, and the caret after
/// it. A search field is one line, and browsers would drop the line breaks without a space.
fn insert_pasted(field: &HtmlInputElement, pasted: &str) {
    let text: String =
        pasted.split(['\r', '\n']).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
    let start = field.selection_start().ok().flatten();
    let end = field.selection_end().ok().flatten();
    match (start, end) {
        (Some(start), Some(end)) => {
            let _ = field.set_range_text_with_start_and_end(&text, start, end);
            let caret = start + text.encode_utf16().count() as u32;
            let _ = field.set_selection_range(caret, caret);
        }
        _ => field.set_value(&format!("{}{text}", field.value())),
    }
}
