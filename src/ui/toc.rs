//! The table of contents of a knowledge-base page, from its level-2 headings.

use yew::prelude::*;

use crate::kb::DocKind;
use crate::ui::doc_page::DocRef;
use crate::ui::{dom, route};

/// The document whose headings to list.
#[derive(Properties, PartialEq)]
pub struct TocProps {
    pub doc: DocRef,
}

/// `<nav class="toc">` of links to `#/guides/<slug>/<heading-id>`; nothing without headings.
#[function_component]
pub fn Toc(props: &TocProps) -> Html {
    let doc = props.doc.0;
    let items = doc.headings.iter().filter(|h| h.level == 2).map(|heading| {
        let href = match doc.kind {
            DocKind::Guide => route::guide_href(doc.slug, Some(heading.id)),
            DocKind::Cause => route::cause_href(doc.slug, Some(heading.id)),
        };
        // Clicking the link of the hash already open fires no `hashchange`: scroll here too.
        let onclick = Callback::from(|_: MouseEvent| dom::scroll_to_id_or_top(Some(heading.id)));
        html! { <li class="toc-item"><a class="toc-link" {href} {onclick}>{heading.text}</a></li> }
    });
    if doc.headings.iter().all(|h| h.level != 2) {
        return Html::default();
    }

    html! {
        <nav class="toc" aria-label="On this page">
            <p class="toc-title">{"On this page"}</p>
            <ol class="toc-list">{for items}</ol>
        </nav>
    }
}
