//! The table of contents of a knowledge-base page, from its level-2 headings.

use yew::prelude::*;

use crate::ui::doc_page::DocRef;
use crate::ui::{dom, route};

/// The document whose headings to list.
#[derive(Properties, PartialEq)]
pub struct TocProps {
    pub doc: DocRef,
}

/// `<nav class="toc">` of links to `#/guides/<slug>/<heading-id>`; nothing without headings.
///
/// On a narrow screen the list is folded behind a button; on a wide one the stylesheet hides the
/// button and always shows the list beside the text.
#[function_component]
pub fn Toc(props: &TocProps) -> Html {
    let open = use_state(|| false);
    let doc = props.doc.0;

    let on_toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let items = doc.headings.iter().filter(|h| h.level == 2).map(|heading| {
        let href = route::doc_href(doc, Some(heading.id));
        // Clicking the link of the hash already open fires no `hashchange`: scroll here too.
        let open = open.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            open.set(false);
            dom::scroll_to_id_or_top(Some(heading.id));
        });
        html! { <li class="toc-item"><a class="toc-link" {href} {onclick}>{heading.text}</a></li> }
    });
    if doc.headings.iter().all(|h| h.level != 2) {
        return Html::default();
    }

    let list_class = classes!("toc-list", open.then_some("toc-list-open"));
    html! {
        <nav class="toc" aria-label="On this page">
            <button type="button" class="toc-toggle" aria-expanded={open.to_string()}
                aria-controls="toc-list" onclick={on_toggle}>
                {"On this page"}
            </button>
            <p class="toc-title">{"On this page"}</p>
            <ol id="toc-list" class={list_class}>{for items}</ol>
        </nav>
    }
}
