//! The worker side of the analysis: `kubetriage-worker` runs [`crate::analyze`] off the page's
//! thread, so that the page stays responsive while a large paste is read, and so that the page
//! does not carry the engine until a paste needs it (see [`crate::ui::engine`] for the page
//! side).
//!
//! Messages, as plain JavaScript objects:
//!
//! - from the worker, once its wasm has started: `{ready: true}` (messages sent before that
//!   would be lost: the wasm registers its handler only when it runs);
//! - to the worker: `{id, paste}`, a request number and the text;
//! - from the worker: `{id, report}`, the report as JSON ([`crate::Report::to_json`]).
//!
//! A panic in here stops the worker, not the page: the page sees the worker's `error` event.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Starts answering requests; called by the worker's `main`.
pub fn serve() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return;
    };
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let id = js_sys::Reflect::get(&data, &"id".into()).unwrap_or(JsValue::NULL);
        let paste = js_sys::Reflect::get(&data, &"paste".into())
            .ok()
            .and_then(|p| p.as_string())
            .unwrap_or_default();
        let report = crate::analyze(&paste).to_json();
        let reply = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&reply, &"id".into(), &id);
        let _ = js_sys::Reflect::set(&reply, &"report".into(), &report.into());
        let _ = replies.post_message(&reply);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page needs it; so does its handler.
    on_message.forget();

    let ready = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&ready, &"ready".into(), &JsValue::TRUE);
    let _ = scope.post_message(&ready);
}
