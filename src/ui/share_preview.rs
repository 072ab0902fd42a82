//! The redaction preview before a paste is shared: what looks secret, line by line, and a
//! checkbox per kind to mask it. A non-modal dialog inside the page: focus moves to its title
//! when it opens and back to the button that opened it when it closes; Escape closes it.
//! Everything in it that the engine said (labels, masks) is a text node.

use yew::prelude::*;

use crate::protocol::{Findings, Shown};
use crate::ui::dom;
use crate::ui::sharing::{Purpose, Sharing, Step};

/// `<section class="share-preview" role="dialog">` with the kinds, the findings and the Copy and
/// Cancel buttons.
pub fn preview(sharing: &Sharing, on_step: &Callback<Step>, on_copy: Callback<()>) -> Html {
    let opener = sharing.open.map_or("share-link", Purpose::button_id);
    let close = {
        let on_step = on_step.clone();
        move || {
            on_step.emit(Step::Close);
            dom::focus_id(opener);
        }
    };
    let on_cancel = {
        let close = close.clone();
        Callback::from(move |_: MouseEvent| close())
    };
    let on_keydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            close();
        }
    });
    let what = if sharing.open == Some(Purpose::Link) { "link" } else { "report" };
    let body = match &sharing.findings {
        None => html! { <p class="share-preview-note" role="status">{"Looking for secrets…"}</p> },
        Some(found) if found.total == 0 => html! {
            <p class="share-preview-note">{"Nothing in the paste looks secret or private."}</p>
        },
        Some(found) => found_list(sharing, found, on_step),
    };
    html! {
        <section class="share-preview" id="share-preview" role="dialog" aria-modal="false"
            aria-labelledby="share-title" onkeydown={on_keydown}>
            <h2 class="share-preview-title" id="share-title" tabindex="-1">
                {format!("Copy {what}: check what is masked")}
            </h2>
            {body}
            if let Some(text) = &sharing.refused {
                <label class="share-preview-refused" for="share-text">
                    {"The browser did not let the page copy. The text is selected: press Ctrl+C \
                      (⌘C on a Mac) to copy it."}
                </label>
                <textarea id="share-text" class="share-preview-text" readonly=true rows="6"
                    value={text.to_string()} />
            }
            <div class="share-preview-actions">
                if sharing.refused.is_none() {
                    <button type="button" class="share-preview-copy"
                        onclick={on_copy.reform(|_: MouseEvent| ())}
                        disabled={sharing.findings.is_none() || sharing.making}>
                        {if sharing.making { "Copying…" } else { "Copy" }}
                    </button>
                }
                <button type="button" class="share-preview-cancel" onclick={on_cancel}>
                    {if sharing.refused.is_some() { "Close" } else { "Cancel" }}
                </button>
            </div>
        </section>
    }
}

/// The kinds with their checkboxes, then the findings one by one.
fn found_list(sharing: &Sharing, found: &Findings, on_step: &Callback<Step>) -> Html {
    let masked = |kind: &str| sharing.mask.iter().any(|m| m == kind);
    let kinds = found.kinds.iter().map(|kind| {
        let id = kind.id.clone();
        let on_step = on_step.clone();
        let onchange = Callback::from(move |_: Event| on_step.emit(Step::Toggle(id.clone())));
        html! {
            <label class="share-preview-kind">
                <input type="checkbox" data-kind={kind.id.clone()} checked={masked(&kind.id)}
                    {onchange} />
                {format!(" {} ({})", kind.title, kind.count)}
            </label>
        }
    });
    let items = found.shown.iter().map(|shown| finding(shown, masked(&shown.kind)));
    let more = found.total.saturating_sub(found.shown.len());
    html! {
        <>
            <p class="share-preview-note">
                {"These look secret or private. The checked kinds are masked in what is copied; \
                  the paste itself does not change."}
            </p>
            <fieldset class="share-preview-kinds" disabled={sharing.making}>
                <legend>{"Mask"}</legend>
                {for kinds}
            </fieldset>
            <ul class="share-preview-findings" aria-label="What looks secret">{for items}</ul>
            if more > 0 {
                <p class="share-preview-more">{format!("and {more} more")}</p>
            }
        </>
    }
}

/// One finding: its line, what it is, and its mask, or that it is kept. Never the value.
fn finding(shown: &Shown, masked: bool) -> Html {
    let (class, mask) = if masked {
        ("share-preview-finding", shown.mask.as_str())
    } else {
        ("share-preview-finding share-preview-kept", "kept as it is")
    };
    html! {
        <li {class} data-kind={shown.kind.clone()} data-line={shown.line.to_string()}>
            {format!("line {}: {} → ", shown.line, shown.label)}
            <code class="share-preview-mask">{mask.to_owned()}</code>
        </li>
    }
}
