//! The page side of the engine: requests go to the `kubetriage-worker` web worker (see
//! [`crate::ui::worker`]), which the page starts on the first request (or ahead of it, see
//! [`warm_up`]) and keeps.
//!
//! Two kinds of request share the worker:
//!
//! - analyses ([`analyze`]): only the newest paste matters, so while the worker reads one, a
//!   newer request waits, and an older waiting one is dropped;
//! - one-offs ([`ask`]: the findings to preview, a share link, a Markdown report, opening a
//!   link): each is sent as soon as the worker is ready and answered once, in order.
//!
//! If the worker stops (a bug in the engine, or its files could not be loaded) the requests in
//! hand fail with a message, and the next one starts a new worker.
//!
//! The one-file build (feature `inline-engine`) has no worker: it answers on the page's thread,
//! with the same [`crate::protocol::answer`].

use std::cell::RefCell;
use std::rc::Rc;

use yew::Callback;

use crate::protocol::{Reply, Request};
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

/// Asks the engine `request` (anything but an analysis); `done` gets the reply, or
/// [`Reply::Failed`] when the engine could not answer.
pub fn ask(request: Request, done: Callback<Reply>) {
    imp::ask(request, done);
}

/// Starts the worker ahead of the first paste, so that its files are loaded while the network is
/// there and the first answer does not wait for them.
pub fn warm_up() {
    imp::warm_up();
}

#[cfg(feature = "inline-engine")]
mod imp {
    use super::*;

    use gloo_timers::callback::Timeout;

    pub fn warm_up() {}

    pub fn analyze(id: u32, paste: Rc<str>, done: Callback<(u32, Answer)>) {
        // After the page has drawn its "reading" notice.
        Timeout::new(0, move || {
            done.emit((id, Answer::Report(Rc::new(crate::analyze(&paste)))));
        })
        .forget();
    }

    pub fn ask(request: Request, done: Callback<Reply>) {
        Timeout::new(0, move || done.emit(crate::protocol::answer(request))).forget();
    }
}

#[cfg(not(feature = "inline-engine"))]
mod imp {
    use std::cell::Cell;

    use gloo_events::EventListener;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{MessageEvent, Worker};

    use super::*;
    use crate::protocol;
    use crate::ui::worker::READY;

    /// The worker and what it is doing.
    struct Engine {
        worker: Worker,
        /// The worker's wasm has started and takes requests.
        ready: bool,
        /// The analysis the worker is reading.
        busy: Option<u32>,
        /// The newest analysis, waiting for the worker.
        next: Option<(u32, Rc<str>)>,
        done: Callback<(u32, Answer)>,
        /// One-off requests as bytes (`protocol::to_bytes`), waiting for the worker to be ready.
        queued: Vec<Vec<u8>>,
        /// The one-offs sent or queued, by id, and who waits for each reply.
        waiting: Vec<(u32, Callback<Reply>)>,
        _listeners: [EventListener; 2],
    }

    thread_local! {
        static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
        /// The id of the next one-off: counting down from the top, so that it never meets the
        /// analyses' ids, which count up from 1.
        static NEXT_ONE_OFF: Cell<u32> = const { Cell::new(u32::MAX) };
    }

    pub fn analyze(id: u32, paste: Rc<str>, done: Callback<(u32, Answer)>) {
        let started = with_engine(done.clone(), |engine| {
            engine.next = Some((id, paste.clone()));
            engine.done = done.clone();
        });
        if started {
            pump();
        } else {
            done.emit((id, Answer::Failed(LOAD_FAILED.into())));
        }
    }

    pub fn ask(request: Request, done: Callback<Reply>) {
        let id = NEXT_ONE_OFF.with(|n| n.replace(n.get().wrapping_sub(1)));
        // A request of strings always serialises.
        let bytes = protocol::to_bytes(&(id, request));
        let started = with_engine(Callback::noop(), |engine| {
            engine.queued.push(bytes);
            engine.waiting.push((id, done.clone()));
        });
        if started {
            pump();
        } else {
            done.emit(Reply::Failed(LOAD_FAILED.into()));
        }
    }

    pub fn warm_up() {
        with_engine(Callback::noop(), |_| ());
    }

    /// Runs `change` on the engine, starting one (whose analyses go to `done`) if there is none;
    /// false when none could be started.
    fn with_engine(done: Callback<(u32, Answer)>, change: impl FnOnce(&mut Engine)) -> bool {
        ENGINE.with(|engine| {
            let mut engine = engine.borrow_mut();
            if engine.is_none() {
                *engine = start(done).ok();
            }
            engine.as_mut().map(change).is_some()
        })
    }

    const LOAD_FAILED: &str =
        "the analyzer could not be started (offline, or its files are missing); reload to try again";
    const CRASHED: &str = "the analyzer stopped on a bug while reading this paste; your paste is \
        kept, and a change to it is read by a fresh analyzer";

    fn start(done: Callback<(u32, Answer)>) -> Result<Engine, ()> {
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
            next: None,
            done,
            queued: Vec::new(),
            waiting: Vec::new(),
            _listeners: [on_message, on_error],
        })
    }

    /// Sends the one-offs and, when the worker is free, the waiting analysis.
    fn pump() {
        ENGINE.with(|engine| {
            let mut engine = engine.borrow_mut();
            let Some(engine) = engine.as_mut().filter(|e| e.ready) else { return };
            for bytes in engine.queued.drain(..) {
                let _ = engine.worker.post_message(&js_sys::Uint8Array::from(&bytes[..]));
            }
            if engine.busy.is_some() {
                return;
            }
            let Some((id, paste)) = engine.next.take() else { return };
            let body = Request::Analyze { paste: paste.to_string() };
            let bytes = protocol::to_bytes(&(id, body));
            if engine.worker.post_message(&js_sys::Uint8Array::from(&bytes[..])).is_ok() {
                engine.busy = Some(id);
            }
        });
    }

    fn on_message(data: &JsValue) {
        if data.as_string().as_deref() == Some(READY) {
            ENGINE.with(|e| e.borrow_mut().as_mut().map(|e| e.ready = true));
            return pump();
        }
        let bytes = js_sys::Uint8Array::new(data).to_vec();
        let (id, reply) = match protocol::from_bytes::<Reply>(&bytes) {
            Some((id, reply)) => (Some(id), reply),
            None => (None, Reply::Failed("the analyzer's answer could not be read".into())),
        };
        // A one-off's reply goes to whoever asked; anything else answers the analysis in hand.
        let one_off = ENGINE.with(|engine| {
            let mut engine = engine.borrow_mut();
            let engine = engine.as_mut()?;
            let at = engine.waiting.iter().position(|(waiting, _)| Some(*waiting) == id)?;
            Some(engine.waiting.remove(at).1)
        });
        if let Some(done) = one_off {
            done.emit(reply);
            return;
        }
        let answer = match reply {
            Reply::Report(report) => Answer::Report(Rc::new(*report)),
            Reply::Failed(why) => Answer::Failed(why.into()),
            _ => Answer::Failed("the analyzer answered something else".into()),
        };
        let analysis = ENGINE.with(|engine| {
            let mut engine = engine.borrow_mut();
            let engine = engine.as_mut()?;
            Some((engine.busy.take()?, engine.done.clone()))
        });
        if let Some((id, done)) = analysis {
            done.emit((id, answer));
        }
        pump();
    }

    /// The worker stopped: the requests in hand fail, and the next request starts a new one.
    fn on_error() {
        let Some(engine) = ENGINE.with(|engine| engine.borrow_mut().take()) else { return };
        engine.worker.terminate();
        let why = if engine.ready { CRASHED } else { LOAD_FAILED };
        for (_, done) in engine.waiting {
            done.emit(Reply::Failed(why.into()));
        }
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
