//! A knowledge-base page: a guide or a cause entry, with its table of contents.

use std::ptr;

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::kb::{Doc, DocKind};
use crate::ui::toc::Toc;
use crate::ui::{clipboard, doc_related, docs, dom};

/// A document of the knowledge base, compared by identity (documents are `'static`).
#[derive(Clone, Copy)]
pub struct DocRef(pub &'static Doc);

impl PartialEq for DocRef {
    fn eq(&self, other: &DocRef) -> bool {
        ptr::eq(self.0, other.0)
    }
}

/// The document, and the heading to scroll to.
#[derive(Properties, PartialEq)]
pub struct DocPageProps {
    pub doc: DocRef,
    pub heading: Option<AttrValue>,
}

/// `<article class="doc" data-slug data-kind>` with the title, the compiled HTML and its links.
#[function_component]
pub fn DocPage(props: &DocPageProps) -> Html {
    let doc = props.doc.0;
    let is_guide = matches!(doc.kind, DocKind::Guide);

    // Re-rendered when the bundle of bodies arrives (or fails).
    let arrived = use_state(|| 0u32);
    let body = docs::body(doc);
    {
        let arrived = arrived.clone();
        use_effect_with((props.doc, body == docs::Body::Loading), move |(_, loading)| {
            if *loading {
                docs::fetch_bodies(move || arrived.set(*arrived + 1));
            }
        });
    }

    {
        // Scrolls once the body, and so the heading, is there.
        let heading = props.heading.clone();
        let ready = matches!(body, docs::Body::Ready(_));
        use_effect_with((props.doc, heading, ready), |(_, heading, ready)| {
            if *ready {
                dom::scroll_to_id_or_top(heading.as_deref());
            }
        });
    }

    let body = match body {
        // The only HTML inserted as such: compiled at build time from our own `content/`.
        docs::Body::Ready(html) => Html::from_html_unchecked(AttrValue::from(html)),
        docs::Body::Loading => html! { <p class="doc-loading" role="status">{"Loading…"}</p> },
        docs::Body::Failed(why) => html! { <p class="doc-failed" role="alert">{why}</p> },
    };
    let tags = doc.tags.iter().map(|tag| html! { <li class="tag">{*tag}</li> });
    html! {
        <main class="doc-page" id="main" tabindex="-1">
            <Toc doc={props.doc} />
            <article class="doc" data-slug={doc.slug} data-kind={if is_guide { "guide" } else { "cause" }}
                onclick={Callback::from(on_article_click)}>
                <h1 class="doc-title">{doc.title}</h1>
                <p class="doc-summary">{doc.summary}</p>
                if let Some(applies) = doc.applies_to {
                    <p class="doc-applies">
                        <span class="doc-applies-label">{"Applies to: "}</span>{applies}
                    </p>
                }
                if !doc.tags.is_empty() {
                    <ul class="tags doc-tags" aria-label="Tags">{for tags}</ul>
                }
                if is_guide {
                    <a class="open-analyzer" href="#/analyze">{"Analyze your paste"}</a>
                }
                <div class="doc-body">{body}</div>
            </article>
            {doc_related::view(doc)}
        </main>
    }
}

/// Copies the command of a code block when its `.copy-button` is clicked (event delegation:
/// the buttons are part of the compiled HTML, not components).
fn on_article_click(event: MouseEvent) {
    let Some(button) = event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|e| e.closest(".copy-button").ok().flatten())
    else {
        return;
    };
    let code = button.parent_element().and_then(|block| block.query_selector("pre code").ok());
    let Some(code) = code.flatten() else {
        return;
    };
    let text = code.text_content().unwrap_or_default();
    clipboard::copy(&text, move |ok| {
        if !ok {
            dom::select_contents(&code);
        }
        button.set_text_content(Some(if ok { "Copied" } else { "Copy failed" }));
        Timeout::new(clipboard::FEEDBACK_MS, move || button.set_text_content(Some("Copy")))
            .forget();
    });
}
