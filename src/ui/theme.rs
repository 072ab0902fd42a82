//! The colour theme: the system's choice (`prefers-color-scheme`) unless the user picked one.
//!
//! A choice is kept in `localStorage` and shown as `data-theme="light"` or `"dark"` on `<html>`,
//! which the stylesheet reads; without a choice the attribute is absent and the stylesheet's
//! media query follows the system.

/// The `localStorage` key of the user's choice.
const KEY: &str = "kubetriage.theme";

/// One of the two themes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    fn from_name(name: &str) -> Option<Theme> {
        match name {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    /// The other theme.
    pub fn other(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }
}

/// The theme the user picked, if any.
pub fn saved() -> Option<Theme> {
    let storage = web_sys::window()?.local_storage().ok()??;
    Theme::from_name(&storage.get_item(KEY).ok()??)
}

/// The theme the system asks for.
pub fn system() -> Theme {
    let dark = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|query| query.matches());
    if dark {
        Theme::Dark
    } else {
        Theme::Light
    }
}

/// The theme the page shows.
pub fn current() -> Theme {
    saved().unwrap_or_else(system)
}

/// Shows the saved choice, if any; called once before the app renders.
pub fn apply_saved() {
    if let Some(theme) = saved() {
        set_attribute(theme);
    }
}

/// Remembers `theme` as the user's choice and shows it.
pub fn choose(theme: Theme) {
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    if let Some(storage) = storage {
        // Private windows may refuse to store; the choice then lasts until the reload.
        let _ = storage.set_item(KEY, theme.name());
    }
    set_attribute(theme);
}

fn set_attribute(theme: Theme) {
    let root = web_sys::window().and_then(|w| w.document()?.document_element());
    if let Some(root) = root {
        let _ = root.set_attribute("data-theme", theme.name());
    }
}
