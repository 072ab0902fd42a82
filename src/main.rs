//! The web entry point (built for wasm32 by Trunk).
fn main() {}
