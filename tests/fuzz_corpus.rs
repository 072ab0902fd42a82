//! The saved fuzz corpus replayed as an ordinary test: every file of `fuzz/corpus/<target>/`
//! goes through the entry point of that target in `kubetriage::fuzzing`, the same function the
//! fuzz target calls, and none may panic. Every target has a corpus and every corpus a target.
//!
//! Fuzzing itself needs nightly and runs outside CI (`scripts/fuzz`); this test keeps what it
//! found, and the inputs that reach each parser's corners, checked on stable at every change.
//! What a fuzz target found is kept in `tests/fixtures/fuzz/<target>-<what broke>` and replayed
//! by a test named after it.

use std::fs;
use std::panic;
use std::path::{Path, PathBuf};

use kubetriage::fuzzing::{self, TARGETS};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus")
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz")
}

/// Runs the fixture `tests/fixtures/fuzz/<name>` through the target its name starts with.
fn replay(name: &str) {
    let target = name.split('-').next().and_then(fuzzing::target);
    let target = target.unwrap_or_else(|| panic!("`{name}` names no fuzz target"));
    let path = fixtures_dir().join(name);
    (target.run)(&fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())));
}

/// saphyr-parser ends a line at a lone CR, as YAML does, so its line numbers run past a count
/// of `\n`: the target's check counted wrongly, and the module docs now say so.
#[test]
fn yaml_lines_end_at_a_lone_cr() {
    replay("yaml-lone-cr.bin");
}

/// A pod named only by `kubectl describe pod NAME` is on line 0, which the model's docs did not
/// allow for.
#[test]
fn a_pod_named_by_its_command_is_on_line_0() {
    replay("extract-pod-named-by-command.txt");
}

#[test]
fn every_fixture_has_a_target() {
    for file in files(&fixtures_dir()) {
        let name = file.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let target = name.split('-').next().and_then(fuzzing::target);
        assert!(target.is_some(), "tests/fixtures/fuzz/{name} names no target");
        replay(&name);
    }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    files
}

#[test]
fn every_target_has_a_corpus_and_every_corpus_a_target() {
    for target in TARGETS {
        let dir = corpus_dir().join(target.name);
        assert!(!files(&dir).is_empty(), "no corpus for `{}` in {}", target.name, dir.display());
    }
    for dir in files(&corpus_dir()) {
        let name = dir.file_name().unwrap_or_default().to_string_lossy().into_owned();
        assert!(fuzzing::target(&name).is_some(), "fuzz/corpus/{name} has no target");
    }
}

#[test]
fn the_corpus_replays_without_a_panic() {
    let mut failed = Vec::new();
    let mut count = 0;
    for target in TARGETS {
        for file in files(&corpus_dir().join(target.name)) {
            let data = fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            count += 1;
            if panic::catch_unwind(|| (target.run)(&data)).is_err() {
                failed.push(format!("{}: {}", target.name, file.display()));
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {count} inputs panicked:\n{}",
        failed.len(),
        failed.join("\n")
    );
}
