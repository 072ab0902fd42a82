//! The panic hook: if the app ever panics, say so, and keep the paste for the reload.
//!
//! After a panic the wasm module is dead (the web profile aborts), so the alert is built with
//! plain DOM calls and its Reload button calls `location.reload` directly, not through Rust.

use std::cell::RefCell;
use std::panic::PanicHookInfo;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Window};

/// The `sessionStorage` key that carries the paste across the reload.
const SAVED_PASTE_KEY: &str = "kubetriage.paste";

thread_local! {
    /// The paste being analysed, mirrored here so the hook finds it on any page.
    static LAST_PASTE: RefCell<Option<Rc<str>>> = const { RefCell::new(None) };
}

/// Installs the hook; Yew keeps it instead of its own.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(on_panic));
}

/// Records the paste the app holds, for the hook to save if a panic follows.
pub fn remember_paste(paste: &Rc<str>) {
    LAST_PASTE.with(|last| {
        if let Ok(mut last) = last.try_borrow_mut() {
            *last = Some(Rc::clone(paste));
        }
    });
}

/// The paste saved by a panic, if the page was reloaded after one; read once.
pub fn take_saved_paste() -> Option<String> {
    let storage = web_sys::window()?.session_storage().ok()??;
    let paste = storage.get_item(SAVED_PASTE_KEY).ok()??;
    let _ = storage.remove_item(SAVED_PASTE_KEY);
    Some(paste)
}

fn on_panic(info: &PanicHookInfo<'_>) {
    console_error_panic_hook::hook(info);
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    save_paste(&window, &document);
    // A second panic (from another event) finds the alert already there.
    if document.get_element_by_id("panic").is_none() {
        let _ = show_alert(&window, &document, &info.to_string());
    }
}

/// Puts the paste in `sessionStorage`, where [`take_saved_paste`] finds it after the reload:
/// the one last remembered, else the textarea's text.
fn save_paste(window: &Window, document: &Document) {
    let remembered = LAST_PASTE.with(|last| last.try_borrow().ok()?.as_deref().map(String::from));
    let paste = remembered.or_else(|| {
        let element = document.get_element_by_id("paste")?;
        Some(element.dyn_into::<web_sys::HtmlTextAreaElement>().ok()?.value())
    });
    let storage = window.session_storage().ok().flatten();
    if let (Some(paste), Some(storage)) = (paste, storage) {
        if !paste.is_empty() {
            let _ = storage.set_item(SAVED_PASTE_KEY, &paste);
        }
    }
}

/// `<div id="panic" role="alert">` at the top of the page, with the message and Reload.
fn show_alert(window: &Window, document: &Document, message: &str) -> Result<(), JsValue> {
    let alert = document.create_element("div")?;
    alert.set_id("panic");
    alert.set_class_name("panic");
    alert.set_attribute("role", "alert")?;

    let text = document.create_element("p")?;
    text.set_class_name("panic-text");
    text.set_text_content(Some(
        "kubetriage hit a bug and stopped. Your paste is kept: reload to carry on. \
         The details below help us fix it.",
    ));
    let details = document.create_element("pre")?;
    details.set_class_name("panic-details");
    details.set_text_content(Some(message));

    let button = document.create_element("button")?;
    button.set_class_name("panic-reload");
    button.set_attribute("type", "button")?;
    button.set_text_content(Some("Reload"));
    let location = JsValue::from(window.location());
    let reload: js_sys::Function = js_sys::Reflect::get(&location, &"reload".into())?.dyn_into()?;
    button.add_event_listener_with_callback("click", &reload.bind0(&location))?;

    alert.append_child(&text)?;
    alert.append_child(&button)?;
    alert.append_child(&details)?;
    let body = document.body().ok_or(JsValue::NULL)?;
    body.insert_before(&alert, body.first_child().as_ref())?;
    Ok(())
}
