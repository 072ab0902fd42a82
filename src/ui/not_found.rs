//! The page for a hash that names nothing.

use yew::prelude::*;

/// `<main class="not-found" id="main" tabindex="-1">` with a way back to `#/`.
pub fn view() -> Html {
    html! {
        <main class="not-found" id="main" tabindex="-1">
            <h1>{"Page not found"}</h1>
            <p>{"There is no page at this address. It may have moved, or the link may be cut short."}</p>
            <p><a href="#/">{"Go to the guides"}</a>{" or "}<a href="#/analyze">{"analyze a paste"}</a></p>
        </main>
    }
}
