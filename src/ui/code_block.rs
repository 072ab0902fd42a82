//! A command with its copy button, as the analyzer shows fix steps and next commands.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::ui::{clipboard, dom};

/// What the copy button last did.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Copied {
    Not,
    Yes,
    Failed,
}

/// The command text and the class of its `<code>` (`step-command` or `next-command`).
#[derive(Properties, PartialEq)]
pub struct CodeBlockProps {
    pub command: AttrValue,
    pub class: &'static str,
}

/// `<div class="code"><button class="copy-button">Copy</button><pre><code>…</code></pre></div>`.
#[function_component]
pub fn CodeBlock(props: &CodeBlockProps) -> Html {
    let copied = use_state(|| Copied::Not);
    let code = use_node_ref();

    let on_click = {
        let copied = copied.clone();
        let code = code.clone();
        let command = props.command.clone();
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            let code = code.clone();
            clipboard::copy(&command, move |ok| {
                if let (false, Some(code)) = (ok, code.cast::<web_sys::Element>()) {
                    dom::select_contents(&code);
                }
                copied.set(if ok { Copied::Yes } else { Copied::Failed });
                Timeout::new(clipboard::FEEDBACK_MS, move || copied.set(Copied::Not)).forget();
            });
        })
    };

    let label = match *copied {
        Copied::Not => "Copy",
        Copied::Yes => "Copied",
        Copied::Failed => "Copy failed",
    };
    html! {
        <div class="code">
            <button type="button" class="copy-button" onclick={on_click}>{label}</button>
            <pre><code ref={code} class={props.class}>{props.command.clone()}</code></pre>
        </div>
    }
}
