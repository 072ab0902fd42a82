// Starts the app from a file rather than an inline script, so that the page's
// Content-Security-Policy can say `script-src 'self'` with no hash or nonce.
//
// Trunk writes the hashed names of the wasm-bindgen module and of the wasm file into the
// data attributes of the tag that loads this file (`pattern_script` in Trunk.toml); this file
// itself never changes name, so it must stay free of anything build-specific.
const tag = document.querySelector("script[data-kubetriage-js]");
const { default: init } = await import(tag.dataset.kubetriageJs);
await init({ module_or_path: tag.dataset.kubetriageWasm });
