//! Fuzz target `search`: runs `kubetriage::fuzzing::TARGETS`' entry of that name (see `src/fuzzing.rs`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(target) = kubetriage::fuzzing::target("search") {
        (target.run)(data);
    }
});
