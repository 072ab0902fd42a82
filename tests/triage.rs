//! Real-world shapes the analyzer once got wrong, one fixture each under
//! `tests/fixtures/triage/`, written by us after the cases we studied: what the top finding must
//! be, how sure it may be, which lines prove it, and what the summary and commands must (not) say.

use std::fs;
use std::path::Path;

use kubetriage::report::{Finding, Report};
use kubetriage::{analyze, Cause};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/triage").join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn report(name: &str) -> Report {
    analyze(&fixture(name))
}

fn top(report: &Report) -> &Finding {
    report.findings.first().expect("a report always has a finding")
}

/// The top finding's cause and its evidence lines.
fn verdict(report: &Report) -> (Cause, Vec<usize>) {
    let f = top(report);
    (f.cause, f.evidence.iter().map(|e| e.line).collect())
}

#[test]
fn a_complete_job_from_get_job_is_no_failure() {
    let report = report("job-complete-get.txt");
    assert_eq!(verdict(&report), (Cause::NoFailure, vec![3, 6]));
}

#[test]
fn a_complete_job_from_its_describe_is_no_failure() {
    let report = report("job-complete-describe.txt");
    // `Completed At`, one succeeded pod of one completion, the `Completed` event.
    assert_eq!(verdict(&report), (Cause::NoFailure, vec![12, 14, 19]));
}

#[test]
fn a_job_that_completed_after_failed_pods_recovered() {
    let report = report("job-recovered-describe.txt");
    let f = top(&report);
    assert_eq!(f.cause, Cause::TransientDependency);
    assert!(f.confidence < 0.5, "recovery alone is a hint: {}", f.confidence);
    assert!(f.summary.contains("later attempt"), "{}", f.summary);
}

#[test]
fn failed_indexes_beside_succeeded_ones_are_not_a_recovery() {
    let report = report("indexed-failed-indexes.txt");
    assert_eq!(report.top_cause(), Cause::Unknown);
    assert!(report.findings.iter().all(|f| f.cause != Cause::TransientDependency));
}

#[test]
fn oomkilled_with_exit_code_zero_on_complete_jobs_is_no_failure() {
    let report = report("oomkilled-exit-zero.txt");
    let f = top(&report);
    assert_eq!(f.cause, Cause::NoFailure);
    assert!(f.detail.as_deref().is_some_and(|d| d.contains("exit code 0")), "{:?}", f.detail);
    let lines: Vec<usize> = f.evidence.iter().map(|e| e.line).collect();
    for line in [5, 6, 17, 23, 24] {
        assert!(lines.contains(&line), "line {line} not in {lines:?}");
    }
    assert!(report.findings.iter().all(|f| f.cause != Cause::OomKilled), "{:?}", report.findings);
}

#[test]
fn oomkilled_with_exit_137_before_a_success_is_still_the_cause() {
    let report = report("oomkilled-then-recovered.txt");
    assert_eq!(top(&report).cause, Cause::OomKilled);
}
