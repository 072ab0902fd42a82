//! The button in the site header that switches between the light and the dark theme.

use yew::prelude::*;

use crate::ui::theme::{self, Theme};

/// `<button class="theme-toggle" data-theme>`: names the theme it switches to.
#[function_component]
pub fn ThemeToggle() -> Html {
    let shown = use_state(theme::current);

    let on_click = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| {
            let next = shown.other();
            theme::choose(next);
            shown.set(next);
        })
    };

    let (label, text) = match shown.other() {
        Theme::Dark => ("Switch to the dark theme", "Dark"),
        Theme::Light => ("Switch to the light theme", "Light"),
    };
    let current = if *shown == Theme::Dark { "dark" } else { "light" };
    html! {
        <button type="button" class="theme-toggle" data-theme={current} aria-label={label}
            title={label} onclick={on_click}>
            <span class="theme-toggle-icon" aria-hidden="true"></span>
            <span class="theme-toggle-text">{text}</span>
        </button>
    }
}
