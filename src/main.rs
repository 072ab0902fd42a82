//! The web entry point (`kubetriage-web`), built for wasm32 by Trunk from `index.html`.
//!
//! On other targets it only says what it is, so that `cargo build` of the workspace works.

#[cfg(target_arch = "wasm32")]
fn main() {
    kubetriage::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("kubetriage-web is the browser entry point: build it with `trunk build --release`");
    std::process::exit(1);
}
