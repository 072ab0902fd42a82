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
            <pre><code ref={code} class={props.class}>{words(&props.command)}</code></pre>
        </div>
    }
}

/// The longest option kept on one line: `-n`, `--previous`, `--container=export`. A longer one
/// (a path or a URL after `=`) may still wrap anywhere, or it would overflow a phone's width.
const SHORT_OPTION: usize = 24;

/// The command as text, with each short option (`-n`) in a `span.option` that does not wrap:
/// a command wraps to fit, and a browser may break a line after any hyphen, which would show
/// `kubectl logs job -` on one line and `n batch` on the next. The text copied is the same.
fn words(command: &str) -> Html {
    let mut parts = Vec::new();
    let mut rest = command;
    while !rest.is_empty() {
        let start = rest.find(|c: char| !c.is_whitespace()).unwrap_or(rest.len());
        let end = rest[start..].find(char::is_whitespace).map_or(rest.len(), |e| start + e);
        let word = &rest[start..end];
        if start > 0 {
            parts.push(Html::from(rest[..start].to_owned()));
        }
        if word.starts_with('-') && word.chars().count() <= SHORT_OPTION {
            parts.push(html! { <span class="option">{word.to_owned()}</span> });
        } else if !word.is_empty() {
            parts.push(Html::from(word.to_owned()));
        }
        rest = &rest[end..];
    }
    parts.into_iter().collect()
}
