//! The page side of the analysis: requests go to the `kubetriage-worker` web worker (see
//! [`crate::ui::worker`]), which the page starts on the first paste and keeps.
//!
//! Only the newest paste matters: while the worker reads one, a newer request waits, and an
//! older waiting one is dropped. If the worker stops (a bug in the engine, or its files could not
//! be loaded) the request in hand fails with a message, and the next one starts a new worker.
//!
//! The one-file build (feature `inline-engine`) has no worker: it analyses on the page's thread.

use std::cell::RefCell;
use std::rc::Rc;

use yew::Callback;

use crate::report::Report;

/// What a request comes to.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Report(Rc<Report>),
    /// Lower-case, for the page to show.
    Failed(Rc<str>),
}

thread_local! {
    /// Where the worker's loader is, read from the page at start.
    static WORKER_URL: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Reads where the worker is from the page's `<meta name="kubetriage-worker">`; called once at
/// start, before the app changes the URL.
pub fn read_worker_url() {
    let url = crate::ui::dom::meta_url("kubetriage-worker");
    WORKER_URL.with(|u| *u.borrow_mut() = url);
}

/// Analyses `paste` as request `id`; `done` is called with `id` and what it came to.
pub fn analyze(id: u32, paste: Rc<str>, done: Callback<(u32, Answer)>) {
    imp::analyze(id, paste, done);
}

/// Starts the worker ahead of the first paste, so that its files are loaded while the network is
/// there and the first answer does not wait for them.
pub fn warm_up() {
    imp::warm_up();
}

#[cfg(feature = "inline-engine")]
mod imp {
    use super::*;

    pub fn warm_up() {}

    pub fn analyze(id: u32, paste: Rc<str>, done: Callback<(u32, Answer)>) {
        // After the page has drawn its "reading" notice.
        gloo_timers::callback::Timeout::new(0, move || {
            done.emit((id, Answer::Report(Rc::new(crate::analyze(&paste)))));
        })
        .forget();
    }
}

#[cfg(not(feature = "inline-engine"))]
mod imp {
    use gloo_events::EventListener;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{MessageEvent, Worker};

    use super::*;

    /// The worker and what it is doing.
    struct Engine {
        worker: Worker,
        /// The worker's wasm has started and takes requests.
        ready: bool,
        /// The request the worker is reading.
        busy: Option<u32>,
        /// The newest request, waiting for the worker.
        next: Option<(u32, Rc<str>)>,
        done: Callback<(u32, Answer)>,
        _listeners: [EventListener; 2],
    }

    thread_local! {
        static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
    }

    pub fn analyze(id: u32, paste: Rc<str>, done: Callback<(u32, Answer)>) {
        let started = ENGINE.with(|engine| {
            let mut engine = engine.borrow_mut();
            if let Some(engine) = engine.as_mut() {
                engine.next = Some((id, paste.clone()));
                engine.done = done.clone();
                return true;
            }
            match start(Some((id, paste.clone())), done.clone()) {
                Ok(started) => {
                    *engine = Some(started);
                    true
                }
                Err(()) => false,
            }
        });
        if started {
            pump();
        } else {
            done.emit((id, Answer::Failed(LOAD_FAILED.into())));
        }
    }

    pub fn warm_up() {
        ENGINE.with(|engine| {
            let mut engine = engine.borrow_mut();
            if engine.is_none() {
                *engine = start(None, Callback::noop()).ok();
            }
        });
    }

    const LOAD_FAILED: &str =
        "the analyzer could not be started (offline, or its files are missing); reload to try again";
    const CRASHED: &str = "the analyzer stopped on a bug while reading this paste; your paste is \
        kept, and a change to it is read by a fresh analyzer";

    fn start(next: Option<(u32, Rc<str>)>, done: Callback<(u32, Answer)>) -> Result<Engine, ()> {
        let url = WORKER_URL.with(|u| u.borrow().clone()).ok_or(())?;
        let worker = Worker::new(&url).map_err(|_| ())?;
        let on_message = EventListener::new(&worker, "message", |event| {
            if let Some(event) = event.dyn_ref::<MessageEvent>() {
                on_message(&event.data());
            }
        });
        let on_error = EventListener::new(&worker, "error", |_| on_error());
        Ok(Engine {
            worker,
            ready: false,
            busy: None,
            next,
            done,
            _listeners: [on_message, on_error],
        })
    }

    /// Sends the waiting request when the worker is free.
    fn pump() {
        ENGINE.with(|engine| {
            let mut engine = engine.borrow_mut();
            let Some(engine) = engine.as_mut() else { return };
            if !engine.ready || engine.busy.is_some() {
                return;
            }
            let Some((id, paste)) = engine.next.take() else { return };
            let request = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&request, &"id".into(), &JsValue::from(id));
            let _ = js_sys::Reflect::set(&request, &"paste".into(), &JsValue::from_str(&paste));
            if engine.worker.post_message(&request).is_ok() {
                engine.busy = Some(id);
            }
        });
    }

    fn on_message(data: &JsValue) {
        let field = |name: &str| js_sys::Reflect::get(data, &name.into()).ok();
        if field("ready").is_some_and(|r| r.is_truthy()) {
            ENGINE.with(|e| e.borrow_mut().as_mut().map(|e| e.ready = true));
            return pump();
        }
        let id = field("id").and_then(|id| id.as_f64()).map(|id| id as u32);
        let json = field("report").and_then(|r| r.as_string()).unwrap_or_default();
        let answer = match Report::from_json(&json) {
            Ok(report) => Answer::Report(Rc::new(report)),
            Err(why) => Answer::Failed(why.into()),
        };
        let done = ENGINE.with(|engine| {
            let mut engine = engine.borrow_mut();
            let engine = engine.as_mut()?;
            engine.busy = None;
            Some(engine.done.clone())
        });
        if let (Some(done), Some(id)) = (done, id) {
            done.emit((id, answer));
        }
        pump();
    }

    /// The worker stopped: the request in hand fails, and the next request starts a new one.
    fn on_error() {
        let Some(engine) = ENGINE.with(|engine| engine.borrow_mut().take()) else { return };
        engine.worker.terminate();
        let why = if engine.ready { CRASHED } else { LOAD_FAILED };
        match (engine.busy, engine.next) {
            // The worker stopped on one paste; a newer one waits for a fresh worker.
            (Some(id), Some((next, paste))) => {
                engine.done.emit((id, Answer::Failed(why.into())));
                analyze(next, paste, engine.done);
            }
            (Some(id), None) | (None, Some((id, _))) => {
                engine.done.emit((id, Answer::Failed(why.into())));
            }
            (None, None) => {}
        }
    }
}
