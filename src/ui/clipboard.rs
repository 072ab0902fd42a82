//! Copying text to the clipboard with `navigator.clipboard.writeText`.

use wasm_bindgen_futures::JsFuture;

/// How long a copy button says "Copied" (or "Copy failed") before it reads "Copy" again.
pub const FEEDBACK_MS: u32 = 1500;

/// Writes `text` to the clipboard, then calls `done` with whether the browser accepted it.
///
/// The browser may refuse: no permission, a page without focus, or an insecure origin (which
/// has no clipboard API at all).
pub fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(window) = web_sys::window() else {
        done(false);
        return;
    };
    // Pages served over plain http (other than localhost) have no `navigator.clipboard`:
    // calling it would throw, so treat it as a refusal and let the caller select the text.
    let navigator = window.navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .is_ok_and(|clipboard| !clipboard.is_undefined() && !clipboard.is_null());
    if !has_clipboard {
        done(false);
        return;
    }
    let promise = navigator.clipboard().write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        done(JsFuture::from(promise).await.is_ok());
    });
}
