//! A guide as the home page lists it: title, summary, what the user sees on screen, tags.

use yew::prelude::*;

use crate::kb::Doc;
use crate::ui::route;

/// `<article class="guide-card" data-slug>` linking to `#/guides/<slug>`.
pub fn view(doc: &'static Doc) -> Html {
    let seen = doc.seen_as.iter().map(|seen| {
        html! {
            <li class="guide-card-seen-item" data-where={seen.place}>
                <span class="guide-card-where">{seen.label()}</span>
                <code class="guide-card-text">{seen.text}</code>
            </li>
        }
    });
    let tags = doc.tags.iter().map(|tag| html! { <li class="tag">{*tag}</li> });

    html! {
        <article class="guide-card" data-slug={doc.slug}>
            <h3 class="guide-card-title">
                <a href={route::guide_href(doc.slug, None)}>{doc.title}</a>
            </h3>
            <p class="guide-card-summary">{doc.summary}</p>
            <ul class="guide-card-seen" aria-label="What you see">{for seen}</ul>
            if !doc.tags.is_empty() {
                <ul class="tags" aria-label="Tags">{for tags}</ul>
            }
        </article>
    }
}
