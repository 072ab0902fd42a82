//! The real-world cases in `../shared/cases/`: the top finding names the expected root cause
//! (or one of `also_accept`), no wrong answer is given with confidence 0.8 or more, and every
//! evidence line stands where its number says.
//!
//! The folder sits beside the checkout (CI puts it there); its absence fails the test.

use std::fs;
use std::path::{Path, PathBuf};

use kubetriage::yaml::{self, Node};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/cases")
}

/// The `root_cause` and `also_accept` ids of an `expected.yaml`.
fn accepted(expected: &str) -> Vec<String> {
    let parsed = yaml::parse(expected);
    let doc = parsed.docs.first().expect("expected.yaml has a document");
    let mut ids: Vec<String> =
        doc.get("root_cause").and_then(Node::as_str).map(str::to_owned).into_iter().collect();
    let also = doc.get("also_accept").map(Node::items).unwrap_or_default();
    ids.extend(also.iter().filter_map(Node::as_str).map(str::to_owned));
    ids
}

/// White space folded, as a reader compares lines.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_real_case_is_diagnosed() {
    let dir = cases_dir();
    let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut cases: Vec<PathBuf> =
        entries.flatten().map(|e| e.path()).filter(|p| p.join("expected.yaml").exists()).collect();
    cases.sort();
    assert!(cases.len() >= 30, "only {} cases in {}", cases.len(), dir.display());
    let mut wrong = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let input = String::from_utf8_lossy(&fs::read(case.join("input.txt")).expect("input.txt"))
            .into_owned();
        let accept =
            accepted(&fs::read_to_string(case.join("expected.yaml")).expect("expected.yaml"));
        assert!(!accept.is_empty(), "{name}: no root_cause");
        let report = kubetriage::analyze(&input);
        let top = report.findings.first().expect("a report always has a finding");
        if !accept.iter().any(|id| id == top.cause.id()) {
            wrong.push(format!("{name}: want {accept:?}, got {} ({})", top.cause, top.confidence));
            assert!(top.confidence < 0.8, "{name}: confidently wrong: {}", top.cause);
        }
        let lines: Vec<&str> = input.split('\n').collect();
        for finding in &report.findings {
            for evidence in &finding.evidence {
                let line =
                    lines.get(evidence.line.wrapping_sub(1)).map(|l| kubetriage::text::clean(l));
                let line = line.unwrap_or_else(|| {
                    panic!("{name}: evidence line {} is past the end", evidence.line)
                });
                assert!(
                    squash(&line).contains(&squash(&evidence.text)),
                    "{name}: line {} is not {:?}",
                    evidence.line,
                    evidence.text
                );
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} cases wrong:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}
