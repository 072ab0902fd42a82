//! The entry points of the fuzz targets, shared with the test that replays their corpus.
//!
//! Each function of [`TARGETS`] takes arbitrary bytes, runs one parser (or the whole analysis)
//! on them the way a front end would, and panics when the result breaks a promise of that
//! parser: a line number out of range, a mask that moved a line, a share link that does not read
//! back what it packed. The fuzz targets in `fuzz/fuzz_targets/` each call one of them, and
//! `tests/fuzz_corpus.rs` runs every file of `fuzz/corpus/<name>/` through the one named
//! `<name>`, so the two cannot drift apart.
//!
//! Bytes become text as the command-line tool reads a file: invalid UTF-8 is replaced
//! (`String::from_utf8_lossy`). Not part of the crate's interface; hidden from its docs.

use crate::capture::capture;
use crate::cli;
use crate::extract::extract;
use crate::kb::search;
use crate::redact::{self, Kind};
use crate::report::markdown;
use crate::share;
use crate::text::{self, Paste};
use crate::yaml::{self, Node, Value};

/// One fuzz target: its name (the name of its folder under `fuzz/corpus/`) and what it runs.
pub struct Target {
    pub name: &'static str,
    pub run: fn(&[u8]),
}

/// Every target, by name.
pub const TARGETS: &[Target] = &[
    Target { name: "paste", run: paste },
    Target { name: "yaml", run: yaml },
    Target { name: "extract", run: capture_extract },
    Target { name: "analyze", run: analyze },
    Target { name: "share", run: share_decode },
    Target { name: "redact", run: redact },
    Target { name: "search", run: search },
    Target { name: "cli", run: cli_inputs },
];

/// The target called `name`.
pub fn target(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

fn lossy(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// [`Paste::new`]: one line per `\n`, numbered from 1, cleaned of every control character but
/// tab, none longer than [`text::MAX_LINE`]; commands read from any line.
pub fn paste(data: &[u8]) {
    let input = lossy(data);
    let paste = Paste::new(&input);
    if input.len() <= text::MAX_BYTES {
        assert_eq!(paste.lines.len(), text::split_lines(&input).count());
    }
    for (i, line) in paste.lines.iter().enumerate() {
        assert_eq!(line.no, i + 1);
        assert!(line.text.len() <= text::MAX_LINE);
        assert!(!line.text.chars().any(|c| c.is_control() && c != '\t'), "{:?}", line.text);
        assert_eq!(paste.line(line.no), Some(line));
        if let Some(command) = text::command(&line.text) {
            let _ = command.positional();
            let _ = command.flag(&["-n", "--namespace"]);
        }
    }
    // The paste box's splice, at offsets taken from the input.
    let at = |i: usize| data.get(i).map_or(0, |&b| u32::from(b));
    let spliced = text::splice_utf16(&input, at(0), at(1), "x");
    assert!(spliced.len() <= input.len() + 1);
}

/// [`yaml::parse_from`]: any stream yields documents and diagnostics; lines count from the
/// first line given; nesting stays under [`yaml::MAX_DEPTH`] and aliases add at most
/// [`yaml::MAX_ALIAS_BYTES`] of text.
pub fn yaml(data: &[u8]) {
    let first = data.first().map_or(1, |&b| usize::from(b) + 1);
    let input = lossy(data.get(1..).unwrap_or_default());
    let parsed = yaml::parse_from(&input, first);
    // YAML ends a line at LF, CRLF and a lone CR.
    let breaks = input.bytes().filter(|&b| b == b'\n').count() + input.matches("\r").count()
        - input.matches("\r\n").count();
    let last = first + breaks + 1;
    let mut size = 0;
    for doc in &parsed.docs {
        walk(doc, &mut |node, depth| {
            assert!(depth <= yaml::MAX_DEPTH + 1, "depth {depth}");
            assert!(
                (first..=last).contains(&node.line),
                "line {} not in {first}..={last}",
                node.line
            );
            if let Value::Scalar(text) = &node.value {
                size += text.len();
            }
            for entry in node.entries() {
                size += entry.key.len();
                assert!((first..=last).contains(&entry.line), "key line {}", entry.line);
            }
        });
    }
    // An escape such as `\L` may write more bytes than it takes, never more than twice as many.
    assert!(size <= 2 * input.len() + yaml::MAX_ALIAS_BYTES, "{size} bytes of text");
    for error in &parsed.errors {
        assert!((first..=last).contains(&error.line), "error line {}", error.line);
        assert_eq!(error.message, error.message.to_lowercase());
    }
}

/// Visits `node` and everything under it with its depth (1 for `node`), without recursion.
fn walk(node: &Node, visit: &mut impl FnMut(&Node, usize)) {
    let mut stack = vec![(node, 1)];
    while let Some((node, depth)) = stack.pop() {
        visit(node, depth);
        stack.extend(node.items().iter().map(|n| (n, depth + 1)));
        stack.extend(node.entries().iter().map(|e| (&e.value, depth + 1)));
    }
}

/// [`capture`] then [`extract`]: blocks in order, inside the paste, apart; every fact's line is
/// a line of the paste.
pub fn capture_extract(data: &[u8]) {
    let input = lossy(data);
    let paste = Paste::new(&input);
    let capture = capture(&paste);
    let mut end = 0;
    for block in &capture.blocks {
        assert!(end <= block.start && block.start < block.end && block.end <= paste.lines.len());
        assert!(block.command.is_none_or(|c| c < capture.commands.len()));
        end = block.end;
    }
    let (facts, _) = extract(&paste, &capture);
    // A name only the command gave (`kubectl describe pod x`) is on line 0.
    let names = facts.pods.iter().flat_map(|p| p.name.iter().map(|n| n.line));
    let names: Vec<usize> =
        names.chain(facts.jobs.iter().flat_map(|j| j.name.iter().map(|n| n.line))).collect();
    for line in names {
        assert!(line <= paste.lines.len(), "name on line {line} of {}", paste.lines.len());
    }
    let lines = 1..=paste.lines.len();
    for line in facts.events.iter().map(|e| e.line).chain(facts.log_lines.iter().copied()) {
        assert!(lines.contains(&line), "line {line} of {}", paste.lines.len());
    }
}

/// [`crate::analyze`] and every rendering of its report: evidence on lines of the paste,
/// confidences between 0 and 1, JSON that reads back.
pub fn analyze(data: &[u8]) {
    let input = lossy(data);
    let report = crate::analyze(&input);
    let lines = text::split_lines(&input).count();
    assert!(!report.findings.is_empty());
    for finding in &report.findings {
        assert!((0.0..=1.0).contains(&finding.confidence), "{}", finding.confidence);
        for evidence in &finding.evidence {
            assert!((1..=lines).contains(&evidence.line), "evidence line {}", evidence.line);
        }
    }
    for lint in &report.lint {
        assert!((1..=lines).contains(&lint.line), "lint line {}", lint.line);
    }
    let _ = cli::render_text(&report);
    let _ = markdown::render(&report, markdown::Links::default());
    let json = report.to_json();
    assert_eq!(
        crate::Report::from_json(&json).map(|r| r.findings.len()),
        Ok(report.findings.len())
    );
}

/// [`share::decode`] of the input as a token; and [`share::encode`] of the input as a paste,
/// which must decode to the same paste.
pub fn share_decode(data: &[u8]) {
    let input = lossy(data);
    if let Ok(shared) = share::decode(&input) {
        let again = share::encode(&shared.paste, shared.route.as_deref())
            .and_then(|token| share::decode(&token));
        assert_eq!(again.as_ref(), Ok(&shared));
    }
    if let Ok(token) = share::encode(&input, None) {
        let back = share::decode(&token).map(|s| s.paste);
        assert_eq!(back.as_deref(), Ok(input.as_str()));
    }
}

/// [`redact::find`] (names too when the first byte is odd) and [`redact::apply`] of the kinds
/// the second byte picks: findings on the paste's lines, in order, apart; masking keeps every
/// line in place.
pub fn redact(data: &[u8]) {
    let names = data.first().is_some_and(|b| b & 1 == 1);
    let pick = data.get(1).copied().unwrap_or(0xff);
    let input = lossy(data);
    let lines = redact::lines(&input);
    let findings = redact::find(&input, redact::Options { names });
    let mut last = (0, 0);
    for f in &findings {
        let line = lines.get(f.line.wrapping_sub(1)).unwrap_or_else(|| panic!("line {}", f.line));
        assert!(line.get(f.range.clone()).is_some(), "{f:?} on {line:?}");
        assert!((f.line, f.range.start) >= last, "{f:?} out of order or overlapping");
        last = (f.line, f.range.end);
    }
    assert_eq!(redact::masks(&input, &findings).len(), findings.len());
    let kinds: Vec<Kind> = Kind::ALL
        .into_iter()
        .enumerate()
        .filter(|(i, _)| pick >> (i % 8) & 1 == 1)
        .map(|(_, k)| k)
        .collect();
    let masked = redact::apply(&input, &findings, &kinds);
    assert_eq!(redact::lines(&masked).len(), lines.len());
    assert_eq!(redact::lines(&redact::redact(&input)).len(), lines.len());
}

/// [`search::search`] for the input as a query, with a limit from its first byte: at most that
/// many hits, best first, each with a finite score.
pub fn search(data: &[u8]) {
    let limit = data.first().map_or(0, |&b| usize::from(b % 32));
    let query = lossy(data.get(1..).unwrap_or_default());
    let hits = search::search(&query, limit);
    assert!(hits.len() <= limit);
    assert!(hits.iter().all(|h| h.score.is_finite()));
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score), "not best first");
}

/// [`cli::join_inputs`] of the input cut into files at each 0xFF byte (never part of UTF-8):
/// the files in order, each one that is not empty ended by a newline before the next file; and
/// [`cli::parse_args`] of the input cut into arguments at each NUL.
pub fn cli_inputs(data: &[u8]) {
    let parts: Vec<Vec<u8>> = data.split(|&b| b == 0xff).map(<[u8]>::to_vec).collect();
    let joined = cli::join_inputs(&parts);
    let mut expected = String::new();
    for (i, part) in parts.iter().enumerate() {
        expected.push_str(&String::from_utf8_lossy(part));
        let more = i + 1 < parts.len();
        if more && !expected.is_empty() && !expected.ends_with('\n') {
            expected.push('\n');
        }
    }
    assert_eq!(joined, expected);
    let args = data.split(|&b| b == 0).map(|a| String::from_utf8_lossy(a).into_owned());
    let count = data.split(|&b| b == 0).count();
    if let Ok(Some(options)) = cli::parse_args(args) {
        assert!(options.files.len() <= count);
    }
}
