//! The paste box: the textarea, the built-in examples and the Clear button.

use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, DragEvent, HtmlTextAreaElement};
use yew::prelude::*;

use crate::kb;
use crate::text;
use crate::ui::keep::Kept;
use crate::ui::{dom, dropped};

/// Pastes larger than this are held by the app instead of the textarea: a browser takes many
/// seconds to lay out a textarea of 20 MB, while the app only needs the text.
pub const BOX_MAX_BYTES: usize = 1 << 20;

/// The paste to show, when to rewrite the textarea, and what the user does with it.
#[derive(Properties, PartialEq)]
pub struct PasteBoxProps {
    pub paste: Rc<str>,
    /// Changes when the paste changed other than by typing; the textarea then takes `paste`.
    pub revision: u32,
    pub on_input: Callback<String>,
    /// The whole new paste after a paste too large for the textarea ([`BOX_MAX_BYTES`]), or
    /// after files were dropped on it.
    pub on_large_paste: Callback<String>,
    pub on_example: Callback<&'static str>,
    pub on_clear: Callback<()>,
    /// Whether an example or Clear replaced the user's paste, which Undo brings back.
    pub can_undo: bool,
    pub on_undo: Callback<()>,
    /// Whether the paste is kept in the tab for a reload.
    pub kept: Kept,
}

/// `<textarea id="paste">`, `<div class="examples">` and a Clear button.
#[function_component]
pub fn PasteBox(props: &PasteBoxProps) -> Html {
    let textarea = use_node_ref();

    // The textarea is not bound to the state: writing it on every render could drop keys typed
    // between an input event and the render. It is written on mount and on a new revision.
    {
        let textarea = textarea.clone();
        let paste = props.paste.clone();
        use_effect_with(props.revision, move |_| {
            if let Some(element) = textarea.cast::<HtmlTextAreaElement>() {
                let shown = if paste.len() > BOX_MAX_BYTES { "" } else { &paste };
                if element.value() != shown {
                    element.set_value(shown);
                }
            }
        });
    }
    use_effect_with((), |_| dom::focus_id("paste"));
    // While a large paste is held the textarea is empty: typing or deleting there would replace
    // the held text, so only pasting (which adds to it) gets through. Yew has no `beforeinput`.
    {
        let textarea = textarea.clone();
        let is_held = props.paste.len() > BOX_MAX_BYTES;
        use_effect_with(is_held, move |is_held| {
            let listener = is_held.then(|| textarea.get()).flatten().map(|element| {
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&element, "beforeinput", options, |e| {
                    let adds = e.dyn_ref::<web_sys::InputEvent>().is_some_and(|e| {
                        matches!(e.input_type().as_str(), "insertFromPaste" | "insertFromDrop")
                    });
                    if !adds {
                        e.prevent_default();
                    }
                })
            });
            move || drop(listener)
        });
    }

    let on_input = props
        .on_input
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let on_paste = {
        let on_large_paste = props.on_large_paste.clone();
        let held = props.paste.clone();
        Callback::from(move |e: Event| {
            if let Some(text) = large_paste(&e, &held) {
                e.prevent_default();
                on_large_paste.emit(text);
            }
        })
    };
    let held = (props.paste.len() > BOX_MAX_BYTES).then(|| props.paste.len());
    // Files dropped on the box are added to the paste; a refusal is said beside the box.
    let refused = use_state(|| None::<String>);
    let on_dragover = Callback::from(|e: DragEvent| {
        if e.data_transfer().is_some_and(|d| d.types().includes(&"Files".into(), 0)) {
            e.prevent_default();
        }
    });
    let on_drop = {
        let (on_large_paste, paste, refused) =
            (props.on_large_paste.clone(), props.paste.clone(), refused.clone());
        Callback::from(move |e: DragEvent| {
            let Some(files) = dropped::files(&e) else { return };
            e.prevent_default();
            if let Some(why) = dropped::too_large(&files) {
                refused.set(Some(why));
                return;
            }
            let (on_large_paste, paste, refused) =
                (on_large_paste.clone(), paste.to_string(), refused.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match dropped::append(paste, files).await {
                    Ok(text) => {
                        refused.set(None);
                        on_large_paste.emit(text);
                    }
                    Err(why) => refused.set(Some(why)),
                }
            });
        })
    };
    let on_clear = {
        let on_clear = props.on_clear.clone();
        Callback::from(move |_: MouseEvent| {
            on_clear.emit(());
            dom::focus_id("paste");
        })
    };
    let on_undo = {
        let on_undo = props.on_undo.clone();
        Callback::from(move |_: MouseEvent| {
            on_undo.emit(());
            dom::focus_id("paste");
        })
    };
    let examples = kb::examples().iter().map(|example| {
        let on_click = props.on_example.reform(move |_: MouseEvent| example.id);
        html! {
            <button type="button" class="example" data-example={example.id} onclick={on_click}>
                {example.title}
            </button>
        }
    });

    html! {
        <div class="paste-box">
            <label class="paste-box-label" for="paste">
                {"Paste kubectl describe, get, logs or manifests"}
            </label>
            if let Some(bytes) = held {
                <p class="paste-box-held" role="status">
                    {format!(
                        "Your paste of {} is held by the page rather than shown in this box, \
                         which would take the browser a long time to draw. The analysis reads \
                         {}; the lines that matter are shown under Your paste. Paste more to \
                         add to it, or Clear to start again.",
                        size(bytes),
                        if bytes > text::MAX_BYTES {
                            format!("its first {} MB", text::MAX_BYTES >> 20)
                        } else {
                            "all of it".to_owned()
                        }
                    )}
                </p>
            }
            if let Some(why) = &*refused {
                <p class="paste-box-refused" role="alert">{why.clone()}</p>
            }
            <textarea id="paste" class="paste-box-text" ref={textarea} oninput={on_input}
                onpaste={on_paste} ondragover={on_dragover} ondrop={on_drop}
                rows="14" spellcheck="false" autocomplete="off" autocapitalize="off" wrap="off"
                placeholder="kubectl describe job my-job -n my-namespace" />
            <div class="paste-box-actions">
                <div class="examples" role="group" aria-label="Examples">
                    <span class="examples-label">{"Examples:"}</span>
                    {for examples}
                </div>
                <div class="paste-box-edits">
                    if props.can_undo {
                        <button type="button" class="paste-box-undo" onclick={on_undo}
                            title="Bring back the paste the example or Clear replaced">
                            {"Undo"}
                        </button>
                    }
                    <button type="button" class="paste-box-clear" onclick={on_clear}>
                        {"Clear"}
                    </button>
                </div>
            </div>
            {kept_note(props.kept)}
        </div>
    }
}

/// Says whether the paste comes back after a reload; nothing for an empty paste.
fn kept_note(kept: Kept) -> Html {
    let (class, text) = match kept {
        Kept::Empty => return Html::default(),
        Kept::Kept => (
            "paste-box-kept",
            "Kept in this tab for a reload; it never leaves your browser. Clear forgets it.",
        ),
        Kept::NotKept => (
            "paste-box-kept paste-box-kept-not",
            "Too large to keep in this tab: a reload would lose it. It never leaves your browser.",
        ),
    };
    html! { <p class={class} data-kept={(kept == Kept::Kept).to_string()}>{text}</p> }
}

/// The whole new paste when the clipboard text of paste event `e` is too large for the
/// textarea: the clipboard text put in place of the selection, in the paste the app holds.
fn large_paste(e: &Event, held: &str) -> Option<String> {
    let event = e.dyn_ref::<ClipboardEvent>()?;
    let clip = event.clipboard_data()?.get_data("text").ok()?;
    let textarea = e.target()?.dyn_into::<HtmlTextAreaElement>().ok()?;
    let current = textarea.value();
    if clip.len() + current.len() <= BOX_MAX_BYTES && held.len() <= BOX_MAX_BYTES {
        return None;
    }
    if held.len() > BOX_MAX_BYTES {
        // The textarea is empty while a large paste is held: add to the end of it.
        return Some(format!("{held}\n{clip}"));
    }
    let start = textarea.selection_start().ok().flatten().unwrap_or(0);
    let end = textarea.selection_end().ok().flatten().unwrap_or(start);
    Some(text::splice_utf16(&current, start, end, &clip))
}

/// A size for people: `640 KB`, `20.0 MB`. In whole numbers: formatting a float would cost the
/// page's wasm several KB.
pub fn size(bytes: usize) -> String {
    if bytes < 1 << 20 {
        format!("{} KB", bytes.div_ceil(1 << 10))
    } else {
        // Tenths of a MB with integers: formatting a float would add its code to the wasm.
        let tenths = (bytes.saturating_mul(10) + (1 << 19)) >> 20;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}
