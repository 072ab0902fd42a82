//! The few imperative DOM calls the components need: scrolling, flashing and focusing elements,
//! and going to a route.

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{Element, ScrollIntoViewOptions, ScrollLogicalPosition};

/// The class that plays the flash animation on a line of the paste view.
const FLASH_CLASS: &str = "paste-view-flash";

/// Scrolls the paste view to line `line` (from 1) and flashes it.
pub fn show_paste_line(line: usize) {
    let Some(li) = query(&format!("ol.paste-view li[data-line=\"{line}\"]")) else {
        return;
    };
    let options = ScrollIntoViewOptions::new();
    options.set_block(ScrollLogicalPosition::Center);
    // Unwrapped lines scroll sideways: show the line from its number.
    options.set_inline(ScrollLogicalPosition::Start);
    li.scroll_into_view_with_scroll_into_view_options(&options);
    // Removing the class and reading layout restarts the animation on a second click.
    let classes = li.class_list();
    let _ = classes.remove_1(FLASH_CLASS);
    let _ = li.client_width();
    let _ = classes.add_1(FLASH_CLASS);
}

/// Scrolls to the element with id `id`, or to the top of the page when there is none.
pub fn scroll_to_id_or_top(id: Option<&str>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let target = id.and_then(|id| window.document()?.get_element_by_id(id));
    match target {
        Some(element) => element.scroll_into_view(),
        None => window.scroll_to_with_x_and_y(0.0, 0.0),
    }
}

/// Moves keyboard focus to the element with id `id`, if it can take focus.
pub fn focus_id(id: &str) {
    let element = web_sys::window().and_then(|w| w.document()?.get_element_by_id(id));
    if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Moves keyboard focus to the first of the elements with these ids that exists.
pub fn focus_first_of(ids: &[&str]) {
    let document = web_sys::window().and_then(|w| w.document());
    let found = ids.iter().find_map(|id| document.as_ref()?.get_element_by_id(id));
    if let Some(element) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Whether `target` takes typed text (a text field, a textarea, an editable element), so that a
/// key pressed there is not a shortcut.
pub fn takes_text(target: Option<web_sys::EventTarget>) -> bool {
    let Some(element) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return false;
    };
    matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || element.is_content_editable()
}

/// Opens `href` (a `#/...` route) as a link would.
pub fn go_to(href: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(href);
    }
}

/// Goes to `hash` (a `#/...` route) in place of the current address, so that Back skips it.
pub fn replace_hash(hash: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace(hash);
    }
}

/// Whether `node` is `container` or inside it.
pub fn contains(container: &Element, node: Option<web_sys::EventTarget>) -> bool {
    let node = node.and_then(|n| n.dyn_into::<web_sys::Node>().ok());
    container.contains(node.as_ref())
}

/// Selects the text of `element`, so that a copy the browser refused can be done by hand.
pub fn select_contents(element: &Element) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let (Some(document), Ok(Some(selection))) = (window.document(), window.get_selection()) else {
        return;
    };
    if let Ok(range) = document.create_range() {
        if range.select_node_contents(element).is_ok() {
            let _ = selection.remove_all_ranges();
            let _ = selection.add_range(&range);
        }
    }
}

/// Focuses the text field with id `id` and selects all its text, for a copy done by hand. The
/// field may not be in the page yet when asked (the render that adds it can come later): then it
/// looks again on each of the next frames, for about half a second.
pub fn select_field(id: &'static str) {
    select_field_within(id, SELECT_TRIES);
}

/// How many frames [`select_field`] waits for its field.
const SELECT_TRIES: u32 = 30;

fn select_field_within(id: &'static str, tries: u32) {
    let element = web_sys::window().and_then(|w| w.document()?.get_element_by_id(id));
    let field = element.and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
    match field {
        Some(field) if !field.value().is_empty() => {
            let _ = field.focus();
            field.select();
        }
        _ if tries > 0 => {
            Timeout::new(16, move || select_field_within(id, tries - 1)).forget();
        }
        _ => {}
    }
}

fn query(selector: &str) -> Option<Element> {
    web_sys::window()?.document()?.query_selector(selector).ok().flatten()
}

/// The absolute URL that the page's `<meta name="NAME" content="...">` gives, relative to the
/// page: where the build put a file the app loads later.
pub fn meta_url(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let meta = document.query_selector(&format!("meta[name=\"{name}\"]")).ok()??;
    let relative = meta.get_attribute("content")?;
    let base = document.url().ok()?;
    web_sys::Url::new_with_base(&relative, &base).ok().map(|url| url.href())
}
