//! `kubetriage-worker`: the analysis in a web worker, so that the page stays responsive and
//! loads the engine only when a paste needs it (see `src/ui/worker.rs` and `src/ui/engine.rs`).
//! Trunk builds it for wasm32 beside `kubetriage-web` (see index.html).

#[cfg(target_arch = "wasm32")]
fn main() {
    kubetriage::ui::worker::serve();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("kubetriage-worker runs in the browser: build it with `trunk build --release`");
    std::process::exit(1);
}
