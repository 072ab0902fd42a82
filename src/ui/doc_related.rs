//! The links at the end of a knowledge-base page: a guide's related guides and the causes it
//! discusses, or the guides that discuss a cause.

use yew::prelude::*;

use crate::cause::Cause;
use crate::kb::{self, Doc, DocKind};
use crate::ui::route;

/// `<nav class="doc-related">` with one list per kind of link; nothing when there are none.
pub fn view(doc: &'static Doc) -> Html {
    let guides = |slugs: &[&str]| -> Vec<(String, &'static str)> {
        slugs
            .iter()
            .filter_map(|slug| kb::guide(slug))
            .map(|guide| (route::guide_href(guide.slug, None), guide.title))
            .collect()
    };
    let lists = match doc.kind {
        DocKind::Guide => {
            let causes = doc
                .causes
                .iter()
                .filter_map(|id| Cause::from_id(id).and_then(kb::cause_entry))
                .map(|entry| (route::cause_href(entry.slug, None), entry.title))
                .collect();
            vec![
                ("related-guides", "Related guides", guides(doc.related)),
                ("causes", "Causes in this guide", causes),
            ]
        }
        DocKind::Cause => vec![("guides", "Guides that lead here", guides(doc.guides))],
    };
    if lists.iter().all(|(_, _, links)| links.is_empty()) {
        return Html::default();
    }

    let sections =
        lists.into_iter().filter(|(_, _, links)| !links.is_empty()).map(|(key, title, links)| {
            let items =
                links.into_iter().map(|(href, text)| html! { <li><a {href}>{text}</a></li> });
            html! {
                <div class="doc-related-list" data-list={key}>
                    <h2 class="doc-related-title">{title}</h2>
                    <ul>{for items}</ul>
                </div>
            }
        });
    html! {
        <nav class="doc-related" aria-label="Related pages">
            {for sections}
        </nav>
    }
}
