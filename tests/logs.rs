//! Application log lines, as runtimes and libraries print them, and the root cause each names:
//! the table is `tests/data/log-lines.txt`. Each case is analysed as a paste on its own.

use kubetriage::{analyze, Cause};

/// The cases of the table: (line number in the file, expected cause id, the paste).
fn cases() -> Vec<(usize, String, String)> {
    let table = include_str!("data/log-lines.txt");
    let mut out = Vec::new();
    for (i, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (cause, text) = line.split_once(" | ").unwrap_or_else(|| panic!("line {}", i + 1));
        out.push((i + 1, cause.to_owned(), unescape(text)));
    }
    out
}

/// `\n`, `\t` and `\\` of the table to the characters they stand for.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[test]
fn every_log_line_names_its_cause() {
    let cases = cases();
    assert!(cases.len() >= 80, "only {} cases", cases.len());
    let mut wrong = Vec::new();
    for (line, want, paste) in &cases {
        assert!(Cause::from_id(want).is_some(), "line {line}: `{want}` is not a cause");
        let report = analyze(paste);
        let top = &report.findings[0];
        let ok = top.cause.id() == want && (want == "unknown" || top.confidence >= 0.4);
        if !ok {
            let found: Vec<String> = report
                .findings
                .iter()
                .map(|f| format!("{} {:.2}", f.cause, f.confidence))
                .collect();
            wrong.push(format!("line {line}: want {want}, got {}", found.join(", ")));
        }
    }
    assert!(wrong.is_empty(), "{} of {} wrong:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
}

#[test]
fn the_table_covers_every_family_the_analyzer_reads() {
    let cases = cases();
    let count = |cause: &str| cases.iter().filter(|(_, c, _)| c == cause).count();
    for (cause, least) in [
        ("app-error", 10),
        ("missing-config", 5),
        ("auth-failure", 10),
        ("network-or-dns", 10),
        ("tls-certificate", 5),
        ("transient-dependency", 4),
        ("bad-command", 5),
        ("unknown", 5),
    ] {
        assert!(count(cause) >= least, "{cause}: only {} cases", count(cause));
    }
}

#[test]
fn unescape_reads_the_table_escapes() {
    assert_eq!(unescape(r"a\nb\tc\\d\x"), "a\nb\tc\\d\\x");
}
