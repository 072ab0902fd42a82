//! Manifest lint over the fixtures in `tests/fixtures/lint/`: each `<name>.txt` paste has its
//! lint items, with their lines and words, in `<name>.expected` (`UPDATE_EXPECT=1` rewrites
//! them). Also: every check has its words in `content/lint/`, and lint stays out of findings.

use std::fmt::Write as _;
use std::path::Path;

use expect_test::expect_file;
use kubetriage::analyze;

/// The lint of `paste`, one item per paragraph: `line  id  field  object`, message, fix.
fn render(paste: &str) -> String {
    let mut out = String::new();
    for item in analyze(paste).lint {
        let _ = writeln!(out, "{}  {}  {}  {}", item.line, item.id, item.field, item.object);
        let _ = writeln!(out, "  {}\n  fix: {}\n", item.message, item.fix);
    }
    out
}

fn check(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint");
    let paste = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("fixture");
    expect_file![dir.join(format!("{name}.expected"))].assert_eq(&render(&paste));
}

#[test]
fn a_manifest_with_every_default_left() {
    check("job-defaults");
}

#[test]
fn fields_in_the_wrong_place() {
    check("job-misplaced");
}

#[test]
fn a_policy_the_api_server_rejects() {
    check("job-policy");
}

#[test]
fn a_cronjob_in_helm_output() {
    check("cronjob-helm");
}

#[test]
fn a_job_read_back_as_json() {
    check("get-job-json");
}

#[test]
fn a_document_cut_by_a_yaml_error_reports_only_what_it_shows() {
    check("broken-yaml");
}

#[test]
fn lint_is_never_a_finding() {
    let paste = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint/job-misplaced.txt"),
    )
    .expect("fixture");
    let report = analyze(&paste);
    assert!(!report.lint.is_empty());
    let lint_ids: Vec<&str> = report.lint.iter().map(|l| l.id.as_str()).collect();
    for finding in &report.findings {
        assert!(!lint_ids.contains(&finding.cause.id()), "{lint_ids:?}");
    }
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).expect("json");
    let first = &json["lint"][0];
    for field in ["id", "line", "field", "object", "message", "fix"] {
        assert!(first.get(field).is_some(), "lint item has no {field}");
    }
}

#[test]
fn retries_for_a_failure_that_repeats() {
    check("repeated-failure");
}

#[test]
fn the_items_of_a_list_read_back_from_the_api() {
    check("job-list");
}
