//! The site header: the name of the app and the two places to go.

use yew::prelude::*;

use crate::ui::route::Route;

/// The page that is open, to mark its link as current.
#[derive(Properties, PartialEq)]
pub struct SiteHeaderProps {
    pub route: Route,
}

/// `<header class="site-header">` with links to the guide (`#/`) and the analyzer.
#[function_component]
pub fn SiteHeader(props: &SiteHeaderProps) -> Html {
    let on_analyzer = props.route == Route::Analyze;
    let on_doc = matches!(props.route, Route::Guide { .. } | Route::Cause { .. });
    let current = |yes: bool| yes.then_some("page");

    html! {
        <header class="site-header">
            <a class="site-header-brand" href="#/">{"kubetriage"}</a>
            <nav class="site-header-nav" aria-label="Main">
                <a class="site-header-link" href="#/" aria-current={current(on_doc)}>
                    {"Guide"}
                </a>
                <a class="site-header-link" href="#/analyze" aria-current={current(on_analyzer)}>
                    {"Analyze a paste"}
                </a>
            </nav>
        </header>
    }
}
