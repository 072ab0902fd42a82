//! Opening a share link (`#/share/<token>`): the engine reads the token, and the app loads its
//! paste into the analyzer as if it had been pasted (see [`crate::ui::app`]). A token that
//! cannot be read changes nothing the user has: the page only says why.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::protocol::{Reply, Request};
use crate::ui::engine;

/// Asks the engine what `token` carries: `done` gets the paste and its route, or why not. The
/// returned function drops the answer when called before it comes (the reader left the page).
pub fn open(
    token: &str,
    done: impl Fn(Result<(String, Option<String>), Rc<str>>) + 'static,
) -> impl FnOnce() {
    let live = Rc::new(Cell::new(true));
    let still = live.clone();
    let reply = Callback::from(move |reply| {
        if still.get() {
            done(match reply {
                Reply::Opened(paste, route) => Ok((paste, route)),
                Reply::Failed(why) => Err(why.into()),
                _ => Err("the analyzer answered something else".into()),
            });
        }
    });
    engine::ask(Request::Open { token: token.to_owned() }, reply);
    move || live.set(false)
}

/// `<main class="share-open">`: "Opening…", or why the link cannot be opened.
pub fn view(failed: Option<&str>) -> Html {
    html! {
        <main class="share-open" id="main" tabindex="-1">
            <h1 class="share-open-title">{"Shared paste"}</h1>
            if let Some(why) = failed {
                <p class="share-open-failed" role="alert">
                    {format!("This link cannot be opened: {why}.")}
                </p>
                <p>
                    {"Nothing you had in the analyzer has changed. "}
                    <a href="#/analyze">{"Go to the analyzer"}</a>
                </p>
            } else {
                <p class="share-open-pending" role="status">{"Opening the shared paste…"}</p>
            }
        </main>
    }
}
