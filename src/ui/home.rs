//! The home page: a search box, every guide under its group, and the cause entries.

use yew::prelude::*;

use crate::kb::{self, Group};
use crate::ui::guide_card;
use crate::ui::route;
use crate::ui::search_box::SearchBox;

/// The id of the home page's search field, which `/` focuses first.
pub const SEARCH_ID: &str = "home-search";

/// `<main class="home">`: the groups that have guides, in order, then the causes.
pub fn view() -> Html {
    let groups = kb::GROUPS.iter().filter(|g| kb::guides_in(g.id).next().is_some()).map(group);
    let causes = kb::cause_entries().map(|doc| {
        html! {
            <li class="home-cause" data-slug={doc.slug}>
                <a href={route::cause_href(doc.slug, None)}>{doc.title}</a>
            </li>
        }
    });

    html! {
        <main class="home" id="main" tabindex="-1">
            <section class="home-intro" aria-labelledby="home-title">
                <h1 id="home-title" class="home-title">{kb::HOME_TITLE}</h1>
                <p class="home-lead">{kb::HOME_LEAD}</p>
                <SearchBox id={SEARCH_ID} label="Search the guides" large=true />
            </section>
            {for groups}
            <section class="home-causes" aria-labelledby="home-causes-title">
                <h2 id="home-causes-title" class="home-group-title">{"Root causes"}</h2>
                <p class="home-group-blurb">
                    {"The analyzer names one of these; each says how to confirm and fix it."}
                </p>
                <ul class="home-cause-list">{for causes}</ul>
            </section>
        </main>
    }
}

/// One group's section with its guides.
fn group(group: &'static Group) -> Html {
    let title_id = format!("group-{}", group.id);
    let guides = kb::guides_in(group.id).map(|doc| html! { <li>{guide_card::view(doc)}</li> });
    html! {
        <section class="home-group" data-group={group.id} aria-labelledby={title_id.clone()}>
            <h2 id={title_id} class="home-group-title">{group.title}</h2>
            <p class="home-group-blurb">{group.blurb}</p>
            <ul class="home-guides">{for guides}</ul>
        </section>
    }
}
