//! The timeline of attempts over the fixtures in `tests/fixtures/timeline/`: each `<name>.txt`
//! has its timeline rendered in `<name>.expected` (`UPDATE_EXPECT=1` rewrites them), one line
//! per attempt with where each time was read and how precise it is.

use std::fmt::Write as _;
use std::path::Path;

use expect_test::expect_file;
use kubetriage::analyze;
use kubetriage::report::{Moment, Timeline};

fn moment(m: &Option<Moment>) -> String {
    match m {
        Some(m) => {
            format!("{}±{}s ({} `{}`, line {})", m.at, m.precision, m.source, m.text, m.line)
        }
        None => "-".to_owned(),
    }
}

fn render(t: &Timeline) -> String {
    let mut out = String::new();
    let or_dash = |v: Option<String>| v.unwrap_or_else(|| "-".to_owned());
    let _ = writeln!(out, "job: {}", or_dash(t.job.clone()));
    let _ = writeln!(out, "clock: {} from {}", t.clock, or_dash(t.origin.clone()));
    let _ = writeln!(
        out,
        "counting: {}, used {} of {} (backoffLimit {})",
        t.counting,
        or_dash(t.used.map(|u| u.to_string())),
        or_dash(t.allowed.map(|a| a.to_string())),
        or_dash(t.backoff_limit.map(|b| b.to_string())),
    );
    let deadline =
        t.deadline.as_ref().map(|d| format!("{}s at {:?}, line {}", d.seconds, d.at, d.line));
    let _ = writeln!(out, "deadline: {}", or_dash(deadline));
    let _ = writeln!(out, "job start: {}\njob end: {}", moment(&t.job_start), moment(&t.job_end));
    for a in &t.attempts {
        let _ = writeln!(
            out,
            "attempt {} {}{}: {} exit {} reason {}\n  start {}\n  end {}\n  gap after {}, lines {:?}",
            or_dash(a.pod.clone()),
            or_dash(a.container.clone()),
            a.run.map(|r| format!(" run {r}")).unwrap_or_default(),
            a.outcome,
            or_dash(a.exit_code.map(|e| e.to_string())),
            or_dash(a.reason.clone()),
            moment(&a.start),
            moment(&a.end),
            or_dash(a.gap_after.map(|g| format!("{g}s"))),
            a.lines,
        );
    }
    let _ = writeln!(out, "summary: {}", t.summary);
    out
}

fn check(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/timeline");
    let paste = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("fixture");
    let report = analyze(&paste);
    let timeline = report.timeline.as_ref().expect("a timeline");
    expect_file![dir.join(format!("{name}.expected"))].assert_eq(&render(timeline));
}

#[test]
fn describe_times_and_event_ages_on_one_axis() {
    check("describe-job-and-pod");
}

#[test]
fn yaml_timestamps_back_off_gaps_and_the_deadline() {
    check("pods-yaml");
}

#[test]
fn the_age_column_alone_gives_a_relative_axis() {
    check("get-pods-age");
}

#[test]
fn restarts_in_place_count_against_the_limit() {
    check("onfailure-restarts");
}

#[test]
fn no_attempt_no_timeline() {
    assert_eq!(analyze("Error: something broke\n").timeline, None);
    assert_eq!(analyze("").timeline, None);
}

#[test]
fn events_alone_give_the_attempts_and_how_they_ended() {
    check("events-scale-down");
}

#[test]
fn another_jobs_completion_is_not_this_ones() {
    let paste = "$ kubectl -n ml get jobs\n\
                 NAME               COMPLETIONS   DURATION   AGE\n\
                 train-resnet-v7    0/1           22m        22m\n\
                 feature-build      1/1           4m         2h\n\
                 $ kubectl -n ml get pods -l job-name=train-resnet-v7\n\
                 NAME                    READY   STATUS    RESTARTS   AGE\n\
                 train-resnet-v7-4hb8n   0/1     Pending   0          22m\n";
    let report = analyze(paste);
    let timeline = report.timeline.as_ref().expect("a timeline");
    assert_eq!(timeline.job.as_deref(), Some("train-resnet-v7"));
    assert!(!timeline.summary.contains("completed"), "{}", timeline.summary);
}

#[test]
fn one_ending_shown_with_and_without_its_exit_code_is_one_ending() {
    let paste = "$ kubectl get pods\n\
                 NAME                 READY   STATUS      RESTARTS   AGE\n\
                 nightly-29001-a1b2c  0/1     OOMKilled   0          30m\n\
                 nightly-29001-d3e4f  0/1     OOMKilled   0          20m\n\
                 $ kubectl describe pod nightly-29001-d3e4f | grep -A3 'State:'\n\
                 \x20   State:          Terminated\n\
                 \x20     Reason:       OOMKilled\n\
                 \x20     Exit Code:    137\n";
    let report = analyze(paste);
    let summary = &report.timeline.as_ref().expect("a timeline").summary;
    assert!(!summary.contains("differently"), "{summary}");
    assert!(summary.contains("OOMKilled (exit code 137)"), "{summary}");
}

#[test]
fn a_pod_of_the_same_name_in_another_namespace_is_not_an_attempt() {
    let paste = "$ kubectl get pods -A\n\
                 NAMESPACE   NAME                     READY   STATUS      RESTARTS   AGE\n\
                 staging     sync-users-28391-abcde   0/1     Completed   0          2h\n\
                 prod        sync-users-28391-zzzzz   0/1     Error       0          40m\n\
                 prod        sync-users-28391-yyyyy   0/1     Error       0          38m\n";
    let report = analyze(paste);
    let timeline = report.timeline.as_ref().expect("a timeline");
    let pods: Vec<_> = timeline.attempts.iter().filter_map(|a| a.pod.as_deref()).collect();
    assert_eq!(pods, ["sync-users-28391-zzzzz", "sync-users-28391-yyyyy"]);
}
