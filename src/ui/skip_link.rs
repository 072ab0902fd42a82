//! The first link of the page, for keyboard users: it moves focus past the header.

use yew::prelude::*;

use crate::ui::dom;

/// `<a class="skip-link">`, shown only while it has focus.
///
/// The page's `<main id="main" tabindex="-1">` takes the focus. The hash is left alone: it names
/// the page, so following `#main` as a link would leave it.
pub fn view() -> Html {
    let on_click = Callback::from(|event: MouseEvent| {
        event.prevent_default();
        dom::focus_id("main");
    });

    html! { <a class="skip-link" href="#main" onclick={on_click}>{"Skip to the content"}</a> }
}
