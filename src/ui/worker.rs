//! The worker side of the engine: `kubetriage-worker` answers the page's requests off the page's
//! thread, so that the page stays responsive while a large paste is read, and so that the page
//! does not carry the engine (the analysis, the redaction, the share codec, the Markdown report)
//! until it needs it (see [`crate::ui::engine`] for the page side).
//!
//! Messages are strings of JSON:
//!
//! - from the worker, once its wasm has started: `{"ready":true}` (messages sent before that
//!   would be lost: the wasm registers its handler only when it runs);
//! - to the worker: an [`Envelope`] of a [`Request`];
//! - from the worker: an [`Envelope`] of the [`Reply`], with the request's `id`, in the order
//!   the requests came.
//!
//! A panic in here stops the worker, not the page: the page sees the worker's `error` event.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::protocol::{self, Envelope, Reply, Request};

/// What the worker says once it takes requests.
pub const READY: &str = "{\"ready\":true}";

/// Starts answering requests; called by the worker's `main`.
pub fn serve() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return;
    };
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let bytes = js_sys::Uint8Array::new(&event.data()).to_vec();
        let reply: Envelope<Reply> = match protocol::from_bytes::<Request>(&bytes) {
            Some((id, request)) => (id, protocol::answer(request)),
            None => (0, Reply::Failed("the page's request could not be read".into())),
        };
        let bytes = protocol::to_bytes(&reply);
        let _ = replies.post_message(&js_sys::Uint8Array::from(&bytes[..]));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page needs it; so does its handler.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}
