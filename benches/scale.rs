//! How the analysis scales with the size of a paste, and how its scan of a log compares with
//! ripgrep searching the same patterns. Prints numbers; asserts nothing.
//!
//! `cargo bench --bench scale` (add `-- --quick` for one run per size instead of the best of
//! three). The paste is a `kubectl describe` of a Job and its pod followed by application logs
//! (`tests/data/log-lines.txt`, repeated), cut at a line to 1 KB, 100 KB, 1 MB and 20 MB; a cost
//! that grows linearly shows as a flat ns/byte.
//!
//! For the comparison, the text rules' patterns are written as one case-insensitive regex
//! alternation (`*` as `.*`; a `^` anchor is dropped, which only gives ripgrep more to match) and
//! `rg --count` searches the 20 MB of logs for them. The analyzer's side is the rule scan alone
//! (`classify` of the lines with no other facts) and the whole analysis of the same text.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use kubetriage::classify::classify;
use kubetriage::model::Facts;
use kubetriage::rules::{Key, RULES};
use kubetriage::text::Paste;

const SIZES: [(usize, &str); 4] =
    [(1 << 10, "1 KB"), (100 << 10, "100 KB"), (1 << 20, "1 MB"), (20 << 20, "20 MB")];

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let runs = if quick { 1 } else { 3 };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let describe = read(&root.join("tests/fixtures/inputs/describe-job-1.30.txt"));
    let logs = log_text(&read(&root.join("tests/data/log-lines.txt")));

    println!("analyze: a describe and its logs (best of {runs})");
    println!("{:>8} {:>9} {:>10} {:>8}", "size", "lines", "ms", "ns/byte");
    let whole = paste_of(&describe, &logs, SIZES[3].0);
    for (size, label) in SIZES {
        let paste = cut(&whole, size);
        let seconds = best(runs, || {
            kubetriage::analyze(paste);
        });
        let lines = paste.lines().count();
        let per_byte = seconds * 1e9 / paste.len() as f64;
        println!("{label:>8} {lines:>9} {:>10.1} {per_byte:>8.1}", seconds * 1e3);
    }

    let logs = repeat(&logs, SIZES[3].0);
    let log = cut(&logs, SIZES[3].0);
    let patterns = patterns();
    let megabytes = log.len() as f64 / f64::from(1 << 20);
    println!("\nscan of {megabytes:.1} MB of logs for {} text patterns", patterns.len());
    let paste = Paste::new(log);
    let scan = best(runs, || {
        classify(&paste, &Facts::default(), None);
    });
    let whole = best(runs, || {
        kubetriage::analyze(log);
    });
    println!("  kubetriage rule scan   {:>8.1} ms", scan * 1e3);
    println!("  kubetriage analyze     {:>8.1} ms", whole * 1e3);
    match ripgrep(log, &patterns, runs) {
        Some(rg) => {
            println!("  rg -i --count          {:>8.1} ms", rg * 1e3);
            println!("  rule scan / rg = {:.1}, analyze / rg = {:.1}", scan / rg, whole / rg);
        }
        None => println!("  rg is not installed: no comparison"),
    }
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The texts of `tests/data/log-lines.txt` (`<cause> | <text>` with `\n`, `\t` and `\\`
/// escaped), one after another.
fn log_text(file: &str) -> String {
    let mut out = String::new();
    for line in file.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let Some((_, text)) = line.split_once(" | ") else { continue };
        let text = text.replace("\\\\", "\u{0}").replace("\\n", "\n").replace("\\t", "\t");
        out.push_str(&text.replace('\u{0}', "\\"));
        out.push('\n');
    }
    out
}

fn repeat(text: &str, size: usize) -> String {
    text.repeat(size / text.len() + 1)
}

/// The describe, a `kubectl logs` command, then the logs repeated up to `size`.
fn paste_of(describe: &str, logs: &str, size: usize) -> String {
    let mut paste = format!("{describe}\n$ kubectl logs report-28512360-5vx8d -n billing\n");
    paste.push_str(&repeat(logs, size));
    paste
}

/// The first lines of `text` that fit in `size` bytes.
fn cut(text: &str, size: usize) -> &str {
    let end = text[..size.min(text.len())].rfind('\n').map_or(0, |at| at + 1);
    &text[..end]
}

fn best(runs: usize, mut f: impl FnMut()) -> f64 {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64()
        })
        .fold(f64::MAX, f64::min)
}

/// The text rules' patterns as regular expressions.
fn patterns() -> Vec<String> {
    let mut out: Vec<String> = RULES
        .iter()
        .filter_map(|r| match r.key {
            Key::Text(p) => Some(p.strip_prefix('^').unwrap_or(p)),
            _ => None,
        })
        .map(|p| p.split('*').map(escape).collect::<Vec<_>>().join(".*"))
        .collect();
    out.sort();
    out.dedup();
    out
}

fn escape(literal: &str) -> String {
    let mut out = String::new();
    for c in literal.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The best time of `rg -i --count` over `text` for `patterns`, when rg is installed.
fn ripgrep(text: &str, patterns: &[String], runs: usize) -> Option<f64> {
    let dir = std::env::temp_dir().join(format!("kubetriage-bench-{}", std::process::id()));
    fs::create_dir_all(&dir).ok()?;
    let (log, list) = (dir.join("log.txt"), dir.join("patterns.txt"));
    fs::write(&log, text).ok()?;
    fs::write(&list, patterns.join("\n")).ok()?;
    let run = || {
        Command::new("rg")
            .args(["-i", "--count", "--no-config", "-f"])
            .arg(&list)
            .arg(&log)
            .output()
            .is_ok_and(|o| o.status.code().is_some_and(|code| code <= 1))
    };
    let found = run();
    let seconds = found.then(|| {
        best(runs, || {
            run();
        })
    });
    let _ = fs::remove_dir_all(&dir);
    seconds
}
