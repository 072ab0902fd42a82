//! The site header: the name of the app, the two places to go, the search and the theme.

use yew::prelude::*;

use crate::ui::route::Route;
use crate::ui::search_box::SearchBox;
use crate::ui::theme_toggle::ThemeToggle;

/// The id of the header's search field, which `/` focuses when the page has no other.
pub const SEARCH_ID: &str = "site-search";

/// `<header class="site-header">` with links to the guides (`#/`) and the analyzer, the search
/// box and the theme toggle.
/// `route` is the page that is open, whose link is marked as current.
pub fn view(route: &Route) -> Html {
    let on_analyzer = *route == Route::Analyze;
    let on_guides = matches!(route, Route::Home | Route::Guide { .. } | Route::Cause { .. });
    let current = |yes: bool| yes.then_some("page");

    html! {
        <header class="site-header">
            <a class="site-header-brand" href="#/">{"kubetriage"}</a>
            <nav class="site-header-nav" aria-label="Main">
                <a class="site-header-link" href="#/" aria-current={current(on_guides)}>
                    {"Guides"}
                </a>
                <a class="site-header-link" href="#/analyze" aria-current={current(on_analyzer)}>
                    {"Analyze a paste"}
                </a>
            </nav>
            <SearchBox id={SEARCH_ID} label="Search the guides" />
            <ThemeToggle />
        </header>
    }
}
