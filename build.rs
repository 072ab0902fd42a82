//! Compiles `content/` into `$OUT_DIR/content.rs`, the statics `src/kb.rs` includes, and
//! `$OUT_DIR/rules.rs`, the rule table `src/rules.rs` includes (from the causes' `signals`).
//!
//! The checking and rendering live in `src/kb/` (shared with the library's tests through
//! `#[path]`); this file only reads the files, hands them over and writes the result. Any
//! problem fails the build with one `content/<file>: line N: <what is wrong>` line each.

use std::path::{Path, PathBuf};
use std::{env, fs, process};

#[path = "src/kb/advice.rs"]
mod advice;
#[path = "src/cause.rs"]
#[allow(dead_code)]
mod cause;
#[path = "src/kb/compile.rs"]
mod compile;
#[path = "src/kb/front_matter.rs"]
mod front_matter;
#[path = "src/kb/search/index.rs"]
#[allow(dead_code)]
mod index;
#[path = "src/kb/markdown.rs"]
mod markdown;
#[path = "src/rules/pattern.rs"]
#[allow(dead_code)]
mod pattern;
#[path = "src/kb/placeholder.rs"]
#[allow(dead_code)]
mod placeholder;
#[path = "src/kb/signals.rs"]
mod signals;
#[path = "src/kb/search/tokens.rs"]
#[allow(dead_code)]
mod tokens;
#[path = "src/yaml.rs"]
#[allow(dead_code)]
mod yaml;

/// The directories of `content/` whose files are compiled.
const DIRS: &[&str] = &["guides", "causes", "examples", "lint", "fixes", "gaps"];

fn main() {
    for path in ["build.rs", "content", "src/cause.rs", "src/yaml.rs", "src/kb", "src/rules"] {
        println!("cargo:rerun-if-changed={path}");
    }
    let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let sources = match read_sources(&root.join("content")) {
        Ok(sources) => sources,
        Err(message) => fail(&[message]),
    };
    let content = match compile::compile(&sources) {
        Ok(content) => content,
        Err(problems) => fail(&problems),
    };
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default());
    let outputs = [
        ("content.rs", compile::to_rust(&content)),
        ("rules.rs", compile::rules_to_rust(&content)),
    ];
    for (name, text) in outputs {
        let out = out_dir.join(name);
        if let Err(err) = fs::write(&out, text) {
            fail(&[format!("cannot write {}: {err}", out.display())]);
        }
    }
}

/// Every file of the compiled directories (and anything else in `content/`, which `compile`
/// refuses), sorted by path so the output does not depend on the file system's order.
fn read_sources(content: &Path) -> Result<Vec<compile::Source>, String> {
    let mut sources = Vec::new();
    let top = fs::read_dir(content).map_err(|err| format!("content/: cannot read: {err}"))?;
    for entry in top {
        let entry = entry.map_err(|err| format!("content/: cannot read: {err}"))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if DIRS.contains(&name.as_str()) && entry.path().is_dir() {
            let files = fs::read_dir(entry.path())
                .map_err(|err| format!("content/{name}/: cannot read: {err}"))?;
            for file in files {
                let file = file.map_err(|err| format!("content/{name}/: cannot read: {err}"))?;
                let path = format!("{name}/{}", file.file_name().to_string_lossy());
                sources.push(read(&file.path(), path)?);
            }
        } else {
            sources.push(read(&entry.path(), name)?);
        }
    }
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(sources)
}

fn read(file: &Path, path: String) -> Result<compile::Source, String> {
    match fs::read_to_string(file) {
        Ok(text) => Ok(compile::Source { path, text }),
        Err(err) => Err(format!("content/{path}: cannot read: {err}")),
    }
}

/// Ends the build, printing each problem on its own line.
fn fail(problems: &[String]) -> ! {
    for problem in problems {
        eprintln!("{problem}");
    }
    eprintln!("content/ has {} problem(s); see content/README.md for the schema", problems.len());
    process::exit(1);
}
