//! The paste box: the textarea, the built-in examples and the Clear button.

use std::rc::Rc;

use yew::prelude::*;

use crate::kb;
use crate::ui::dom;

/// The paste to show, when to rewrite the textarea, and what the user does with it.
#[derive(Properties, PartialEq)]
pub struct PasteBoxProps {
    pub paste: Rc<str>,
    /// Changes when the paste changed other than by typing; the textarea then takes `paste`.
    pub revision: u32,
    pub on_input: Callback<String>,
    pub on_example: Callback<&'static str>,
    pub on_clear: Callback<()>,
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
            if let Some(element) = textarea.cast::<web_sys::HtmlTextAreaElement>() {
                if element.value() != *paste {
                    element.set_value(&paste);
                }
            }
        });
    }
    use_effect_with((), |_| dom::focus_id("paste"));

    let on_input = props
        .on_input
        .reform(|e: InputEvent| e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value());
    let on_clear = {
        let on_clear = props.on_clear.clone();
        Callback::from(move |_: MouseEvent| {
            on_clear.emit(());
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
            <textarea id="paste" class="paste-box-text" ref={textarea} oninput={on_input}
                rows="14" spellcheck="false" autocomplete="off" autocapitalize="off" wrap="off"
                placeholder="kubectl describe job my-job -n my-namespace" />
            <div class="paste-box-actions">
                <div class="examples" role="group" aria-label="Examples">
                    <span class="examples-label">{"Examples:"}</span>
                    {for examples}
                </div>
                <button type="button" class="paste-box-clear" onclick={on_clear}>{"Clear"}</button>
            </div>
        </div>
    }
}
