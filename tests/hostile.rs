//! Hostile inputs: each is analysed, or refused with a message that says why, and the work it
//! causes is bounded by the design of the parsers, never by a timer:
//!
//! - a paste is read up to `text::MAX_BYTES` (20 MB) and each line up to `text::MAX_LINE`
//!   (64 KB), with a notice for what was cut;
//! - YAML nests at most `yaml::MAX_DEPTH` levels (the strict reader gives up beyond it, the
//!   line-by-line reader reads deeper flow collections as null) and aliases copy at most
//!   `yaml::MAX_ALIAS_BYTES` of text in all; aliases to collections are never expanded;
//! - a share link is refused past `share::MAX_TOKEN` before any work, and inflates to at most
//!   `share::MAX_PASTE`;
//! - a search reads the first `search::MAX_QUERY_CHARS` characters of its query;
//! - every stage passes over the lines a bounded number of times: a run of blank lines, a line of
//!   brackets, a million tiny lines cost time in proportion to their size.
//!
//! The numbers these inputs take in the release build are in the README's benchmark section.
//! Tests named after a bug are regressions: each input hung or crashed before its fix.

use std::fs;
use std::path::{Path, PathBuf};

use kubetriage::kb::search;
use kubetriage::report::Report;
use kubetriage::text::{self, Paste};
use kubetriage::yaml::{self, Node, Value};
use kubetriage::{analyze, cli, redact, share};

/// The report of `input`, after checking what every report promises: a finding, evidence on
/// lines of the paste.
fn analysed(input: &str) -> Report {
    let report = analyze(input);
    assert!(!report.findings.is_empty());
    let lines = text::split_lines(input).count();
    for finding in &report.findings {
        for evidence in &finding.evidence {
            assert!((1..=lines).contains(&evidence.line), "evidence line {}", evidence.line);
        }
    }
    report
}

fn has_notice(report: &Report, words: &str) -> bool {
    report.notices.iter().any(|n| n.contains(words))
}

/// The total size of the scalar text under `nodes`, keys included.
fn text_size(nodes: &[Node]) -> usize {
    let mut stack: Vec<&Node> = nodes.iter().collect();
    let mut size = 0;
    while let Some(node) = stack.pop() {
        if let Value::Scalar(text) = &node.value {
            size += text.len();
        }
        size += node.entries().iter().map(|e| e.key.len()).sum::<usize>();
        stack.extend(node.items());
        stack.extend(node.entries().iter().map(|e| &e.value));
    }
    size
}

#[test]
fn a_yaml_alias_bomb_is_not_expanded() {
    // Nine levels of nine aliases each: 387 million strings if expanded.
    let mut bomb = String::from("apiVersion: v1\nkind: Pod\nmetadata:\n  a: &a [");
    bomb.push_str(&["\"lol\""; 9].join(","));
    bomb.push_str("]\n");
    for (name, prev) in "bcdefghij".chars().zip("abcdefghi".chars()) {
        bomb.push_str(&format!("  {name}: &{name} [{}]\n", vec![format!("*{prev}"); 9].join(",")));
    }
    let parsed = yaml::parse(&bomb);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert!(text_size(&parsed.docs) < bomb.len());
    analysed(&bomb);
}

#[test]
fn aliases_to_a_long_scalar_copy_within_the_budget() {
    let mut input = format!("kind: Pod\nmetadata:\n  a: &a \"{}\"\n", "x".repeat(1000));
    // 20 MB if every alias were copied.
    for i in 0..20_000 {
        input.push_str(&format!("  k{i}: *a\n"));
    }
    let parsed = yaml::parse(&input);
    assert!(text_size(&parsed.docs) <= input.len() + yaml::MAX_ALIAS_BYTES);
    analysed(&input);
}

const DEEP: usize = 100_000;

/// Our loader's message for a document nested too deeply, or the YAML parser's, which counts
/// flow collections as it scans them and stops first on some shapes.
fn refused_as_too_deep(message: &str) -> bool {
    message == format!("nesting deeper than {} levels", yaml::MAX_DEPTH)
        || message == "recursion limit exceeded"
}

#[test]
fn yaml_nested_100_000_deep_is_refused_past_the_depth_limit() {
    for deep in [
        "[".repeat(DEEP),
        format!("{}1{}", "{a: ".repeat(DEEP), "}".repeat(DEEP)),
        format!("{}x", "- ".repeat(DEEP)),
        format!("apiVersion: v1\nkind: Pod\nspec: {}1{}\n", "{a: ".repeat(DEEP), "}".repeat(DEEP)),
    ] {
        let parsed = yaml::parse(&deep);
        assert!(
            parsed.errors.iter().any(|e| refused_as_too_deep(&e.message)),
            "{:?}",
            parsed.errors
        );
        analysed(&deep);
    }
}

#[test]
fn json_nested_100_000_deep_is_refused_past_the_depth_limit() {
    let deep = format!(
        "{{\n  \"kind\": \"Pod\",\n  \"spec\": {}1{}\n}}\n",
        "{\"a\":".repeat(DEEP),
        "}".repeat(DEEP)
    );
    let report = analysed(&deep);
    let read_loosely = |n: &String| {
        n.contains("read line by line")
            && refused_as_too_deep(n.split(['(', ')']).nth(1).unwrap_or_default())
    };
    assert!(report.notices.iter().any(read_loosely), "{:?}", report.notices);
}

/// The line-by-line reader read `[[[...]]]` by recursion, one level per bracket and one pass
/// over the rest of the line per level: 25,000 brackets overflowed the stack.
#[test]
fn loose_reader_flow_nesting_overflowed_the_stack() {
    for n in [2_000, 25_000, DEEP] {
        let deep = format!(
            "{{\n  \"kind\": \"Pod\",\n  \"spec\": {}{}\n}}\n",
            "[".repeat(n),
            "]".repeat(n)
        );
        let report = analysed(&deep);
        assert!(has_notice(&report, "read line by line"), "{:?}", report.notices);
    }
}

#[test]
fn a_20_mb_single_line_is_cut_to_64_kb() {
    let line = "x".repeat(text::MAX_BYTES);
    let report = analysed(&line);
    assert_eq!(report.notices, ["1 very long line was cut to 64 KB"]);
    let over = format!("{line}\nsecond line");
    let report = analysed(&over);
    let notice = "the paste is 21 MB; only the first 20 MB were analysed";
    assert!(report.notices.iter().any(|n| n == notice), "{:?}", report.notices);
    assert_eq!(Paste::new(&over).lines.len(), 1);
}

#[test]
fn binary_bytes_and_invalid_utf8_read_as_the_cli_reads_a_file() {
    let bytes: Vec<u8> = (0..=255u8).cycle().take(1 << 20).collect();
    let text =
        cli::join_inputs(&[bytes, vec![0xff, 0xfe, b'\n', 0xc3], b"Reason: OOMKilled".to_vec()]);
    assert!(text.contains('\u{fffd}'));
    let report = analysed(&text);
    assert_eq!(report.recognised, analyze(&text).recognised, "the analysis is deterministic");
    for line in Paste::new(&text).lines {
        assert!(!line.text.chars().any(|c| c.is_control() && c != '\t'), "{:?}", line.text);
    }
}

#[test]
fn a_million_empty_lines() {
    let input = "\n".repeat(1_000_000);
    let report = analysed(&input);
    assert_eq!(report.findings[0].cause.id(), "unknown");
}

#[test]
fn a_million_tiny_lines() {
    let input = "a\n".repeat(1_000_000);
    let report = analysed(&input);
    assert_eq!(report.findings[0].cause.id(), "unknown");
}

/// A blank line inside a describe or YAML block looked ahead for the next content line, and a
/// run of blank lines did so from each of them: 40,000 blank lines took over a second, a million
/// would have taken hours.
#[test]
fn blank_lines_inside_a_block_were_read_once_per_blank_line() {
    for start in ["Name: x\n", "apiVersion: v1\n"] {
        let input = format!("{start}{}  z: 1\n", "\n".repeat(1_000_000));
        analysed(&input);
    }
}

#[test]
fn share_links_past_the_limits_are_refused_with_a_message() {
    let long = format!("v1.{}", "A".repeat(share::MAX_TOKEN));
    let error = share::decode(&long).expect_err("too long");
    assert_eq!(error.to_string(), "the link is longer than 4 MB and was not read");
    let big = "x".repeat(share::MAX_PASTE + 1);
    assert!(share::encode(&big, None).is_err());
    let bad = share::decode("v1.@@@").expect_err("not base64");
    assert!(bad.to_string().contains("“@”"), "{bad}");
}

#[test]
fn a_huge_query_is_read_up_to_its_limit() {
    let query = "OOMKilled ".repeat(100_000);
    let hits = search::search(&query, 5);
    assert!(hits.len() <= 5);
    let long_word = "a".repeat(1 << 20);
    assert!(search::search(&long_word, 5).len() <= 5);
}

/// A value was taken from each `=` to the end of its run, and `password=password=...` starts
/// a value inside the last at every `=`: 90 KB of them took three seconds, 900 KB minutes (in
/// the release build).
#[test]
fn redaction_read_values_that_start_inside_one_another_once_per_value() {
    for unit in ["password=", "password=\"", "password=/", "authorization=", "accountkey=", "?sig="]
    {
        let paste = unit.repeat(20_000);
        let findings = redact::find(&paste, redact::Options::default());
        assert!(!findings.is_empty(), "{unit}");
        assert_ne!(redact::redact(&paste), paste, "{unit}");
    }
}

/// Findings on one line were checked for overlap against every finding kept on it before: a
/// line of 70,000 tokens (an input of the fuzz corpus, repeated) took seconds, and the time grew
/// with its square.
#[test]
fn redaction_settled_the_findings_of_a_line_pairwise() {
    let paste = "authorization= sk_ECONN/SEDy\u{1} ".repeat(30_000);
    let findings = redact::find(&paste, redact::Options::default());
    assert_eq!(findings.len(), 30_000);
    assert!(findings.windows(2).all(|w| w[0].range.end <= w[1].range.start));
}

#[test]
fn redaction_of_hostile_pastes_keeps_every_line() {
    let bytes: Vec<u8> = (0..=255u8).cycle().take(1 << 18).collect();
    for paste in [
        "x".repeat(1 << 18),
        "a\n".repeat(100_000),
        "-----BEGIN PRIVATE KEY-----\n".repeat(10_000),
        "1.1.1.1.".repeat(30_000),
        "a@".repeat(100_000),
        cli::join_inputs(&[bytes]),
    ] {
        let redacted = redact::redact(&paste);
        assert_eq!(redacted.split('\n').count(), paste.split('\n').count());
    }
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/cases")
}

/// Every shared case cut at every line, and at every character boundary of its first 2 KB: a
/// paste cut short anywhere is still analysed.
#[test]
fn every_shared_case_survives_truncation_anywhere() {
    let dir = cases_dir();
    let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut inputs: Vec<PathBuf> =
        entries.flatten().map(|e| e.path().join("input.txt")).filter(|p| p.exists()).collect();
    inputs.sort();
    assert!(inputs.len() >= 30, "only {} cases in {}", inputs.len(), dir.display());
    // Some 70,000 analyses: two threads share them.
    let (even, odd): (Vec<_>, Vec<_>) = inputs.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let failed: Vec<String> = std::thread::scope(|scope| {
        let workers = [even, odd].map(|half| {
            scope.spawn(move || half.into_iter().flat_map(|(_, path)| bad_cuts(path)).collect())
        });
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|_| vec!["a thread died".into()]))
            .collect::<Vec<String>>()
    });
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// The cuts of the file at `path` whose analysis panics.
fn bad_cuts(path: &Path) -> Vec<String> {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let input = String::from_utf8_lossy(&bytes);
    let line_ends = input.match_indices('\n').map(|(at, _)| at);
    let byte_cuts = (0..=input.len().min(2048)).filter(|&at| input.is_char_boundary(at));
    line_ends
        .chain(byte_cuts)
        .filter(|&at| std::panic::catch_unwind(|| analysed(&input[..at])).is_err())
        .map(|at| format!("{} cut at byte {at}", path.display()))
        .collect()
}
