//! The list of search results under a search box, each a link to the document (and section).

use std::rc::Rc;

use yew::prelude::*;

use crate::kb::search::{self, Field, Hit};
use crate::kb::DocKind;
use crate::ui::route;

/// The hits to list, which one the keyboard is on, and what to do once one is followed.
#[derive(Properties, PartialEq)]
pub struct SearchResultsProps {
    /// The search field's id, which the options' ids start with.
    pub id: AttrValue,
    pub list_id: String,
    pub hits: Rc<Vec<Hit>>,
    pub active: Option<usize>,
    pub on_pick: Callback<()>,
}

/// `<ul role="listbox" class="search-results">` of `<li role="option" class="search-result">`,
/// or a line saying nothing matched.
#[function_component]
pub fn SearchResults(props: &SearchResultsProps) -> Html {
    if props.hits.is_empty() {
        return html! {
            <div id={props.list_id.clone()} class="search-results search-results-empty" role="status">
                {"No guide matches. For a whole paste, try "}
                <a href="#/analyze">{"the analyzer"}</a>{"."}
            </div>
        };
    }

    let items = props.hits.iter().enumerate().map(|(at, hit)| {
        let href = route::doc_href(hit.doc, hit.heading.map(|h| h.id));
        let selected = props.active == Some(at);
        let class = classes!("search-result", selected.then_some("search-result-active"));
        let kind = match hit.doc.kind {
            DocKind::Guide => "guide",
            DocKind::Cause => "cause",
        };
        let on_click = props.on_pick.reform(|_: MouseEvent| ());
        html! {
            <li id={format!("{}-option-{at}", props.id)} {class} role="option"
                aria-selected={selected.to_string()} data-href={href.clone()}
                data-slug={hit.doc.slug} data-kind={kind}>
                <a class="search-result-link" {href} tabindex="-1" onclick={on_click}>
                    <span class="search-result-title">{hit.doc.title}</span>
                    <span class="search-result-kind">{if kind == "guide" { "Guide" } else { "Cause" }}</span>
                    {matched(hit)}
                </a>
            </li>
        }
    });
    html! {
        <ul id={props.list_id.clone()} class="search-results" role="listbox"
            aria-label="Search results">
            {for items}
        </ul>
    }
}

/// What matched, under the title: the string the user sees and where, the section, or else
/// the summary.
fn matched(hit: &Hit) -> Html {
    let doc = hit.doc;
    let labelled = |label: &str, text: &str| {
        html! {
            <span class="search-result-match">
                <span class="search-result-where">{label}{": "}</span><code>{text.to_owned()}</code>
            </span>
        }
    };
    match (hit.field, hit.heading) {
        (Field::SeenAs(seen), _) => labelled(seen.label(), seen.text),
        (Field::Error, _) => labelled("Message", doc.error.unwrap_or_default()),
        (Field::Reason, _) => labelled("Reason", doc.reason.unwrap_or_default()),
        (Field::Alias(alias), _) => labelled("Also known as", alias),
        (Field::Signal(pattern), _) => labelled("Message", &search::shown_pattern(pattern)),
        (Field::Id, _) => labelled("Cause", doc.slug),
        (Field::Tag(tag), _) => labelled("Tag", tag),
        (Field::Heading(heading), _) | (Field::Body, Some(heading)) => html! {
            <span class="search-result-match">
                <span class="search-result-where">{"Section: "}</span>{heading.text}
            </span>
        },
        _ => html! { <span class="search-result-summary">{doc.summary}</span> },
    }
}
