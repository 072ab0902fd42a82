//! The analyzer end to end: the JSON contract, the structural checks, the tie-breaks of
//! `causes.md`, and survival on hostile and truncated input.

use kubetriage::{analyze, Cause};

fn top(input: &str) -> (Cause, f32) {
    let report = analyze(input);
    let f = report.findings.first().expect("a report always has a finding");
    (f.cause, f.confidence)
}

const DESCRIBE_JOB_HEAD: &str = "\
Name:             migrate
Namespace:        shop
Selector:         batch.kubernetes.io/controller-uid=1f0c
Backoff Limit:    2
Pods Statuses:    0 Active (0 Ready) / 0 Succeeded / 3 Failed
Events:
  Type     Reason                Age   From            Message
  ----     ------                ----  ----            -------
  Normal   SuccessfulCreate      3m    job-controller  Created pod: migrate-2pn7c
  Warning  BackoffLimitExceeded  30s   job-controller  Job has reached the specified backoff limit
";

#[test]
fn json_has_the_documented_fields() {
    let report = analyze(DESCRIBE_JOB_HEAD);
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).expect("valid JSON");
    assert_eq!(json["recognised"], "Job migrate in shop: 3 failed pods, backoffLimit 2; 2 events");
    assert_eq!(json["headline"]["reason"], "BackoffLimitExceeded");
    assert_eq!(json["headline"]["message"], "Job has reached the specified backoff limit");
    assert_eq!(json["headline"]["line"], 10);
    let finding = &json["findings"][0];
    for field in ["cause", "detail", "confidence", "summary", "evidence", "steps", "guide"] {
        assert!(finding.get(field).is_some(), "finding has no {field}");
    }
    assert!(json["next"].is_array());
    assert!(analyze("").to_json().contains("\"headline\": null"));
}

#[test]
fn the_headline_alone_is_unknown_with_what_to_collect() {
    let report = analyze(DESCRIBE_JOB_HEAD);
    assert_eq!(report.top_cause(), Cause::Unknown);
    assert!(report.findings[0].confidence < 0.8);
    assert!(!report.next.is_empty(), "no next command");
    assert!(report.next.iter().any(|n| n.command.contains("migrate")), "{:?}", report.next);
    assert!(report.next.iter().all(|n| !n.command.contains('{')), "{:?}", report.next);
}

#[test]
fn names_are_filled_into_the_steps() {
    let input = format!(
        "{DESCRIBE_JOB_HEAD}\nName:         migrate-2pn7c\nNamespace:    shop\nControlled By:  Job/migrate\n\
         Containers:\n  migrate:\n    Image:  busybox:1.36\n    State:      Terminated\n      \
         Reason:     OOMKilled\n      Exit Code:  137\n    Limits:\n      memory:  64Mi\n"
    );
    let report = analyze(&input);
    let f = &report.findings[0];
    assert_eq!(f.cause, Cause::OomKilled);
    assert!(f.confidence >= 0.8);
    assert!(f.summary.contains("64Mi"), "{}", f.summary);
    let commands: Vec<&str> = f.steps.iter().filter_map(|s| s.command.as_deref()).collect();
    assert!(!commands.is_empty(), "oom-killed has no steps");
    assert!(commands.iter().all(|c| !c.contains('{')), "{commands:?}");
    assert!(commands.iter().any(|c| c.contains("migrate") && c.contains("shop")), "{commands:?}");
}

#[test]
fn a_running_sidecar_after_the_work_is_done() {
    let input =
        "Name:  report-1\nStatus:  Running\nContainers:\n  main:\n    State:  Terminated\n      \
                 Reason:  Completed\n      Exit Code:  0\n  envoy:\n    State:  Running\n";
    assert_eq!(top(input).0, Cause::SidecarNeverExits);
}

#[test]
fn a_command_that_is_one_string() {
    let input = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      \
                 containers:\n      - name: c\n        image: busybox\n        command: [\"exit 1\"]\n";
    let report = analyze(input);
    let f =
        report.findings.iter().find(|f| f.cause == Cause::BadCommand).expect("bad-command found");
    assert_eq!(f.evidence[0].line, 11);
}

#[test]
fn exit_zero_with_an_old_error_reason_is_no_failure() {
    let input = "Status:\t\tSucceeded\nContainers:\n  hello:\n    State:\t\tTerminated\n      \
                 Reason:\t\tError\n      Exit Code:\t0\n";
    assert_eq!(top(input).0, Cause::NoFailure);
}

#[test]
fn a_deadline_gives_way_to_what_explains_the_delay() {
    let input = "status:\n  conditions:\n  - type: Failed\n    status: \"True\"\n    reason: DeadlineExceeded\n    \
                 message: Job was active longer than specified deadline\n\
                 \nEvents:\n  Type     Reason            Age   From               Message\n  \
                 Warning  FailedScheduling  2m    default-scheduler  0/3 nodes are available: 3 Insufficient cpu.\n";
    assert_eq!(top(input).0, Cause::Unschedulable);
    let alone = "status:\n  conditions:\n  - type: Failed\n    reason: DeadlineExceeded\n    \
                 message: Job was active longer than specified deadline\n";
    let (cause, confidence) = top(alone);
    assert_eq!(cause, Cause::DeadlineExceeded);
    assert!(confidence < 0.8);
}

#[test]
fn a_precise_message_beats_the_exit_code() {
    let input = "$ kubectl logs migrate-1\nFATAL: password authentication failed for user \"app\"\n\
                 $ kubectl describe pod migrate-1\nName:  migrate-1\nContainers:\n  m:\n    State:  Terminated\n      \
                 Reason:  Error\n      Exit Code:  1\n";
    assert_eq!(top(input).0, Cause::AuthFailure);
}

#[test]
fn hostile_input_is_analysed_without_panic() {
    let deep_json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_yaml =
        (0..2_000).map(|i| format!("{}a:", " ".repeat(i))).collect::<Vec<_>>().join("\n");
    let garbage: String =
        (0..200_000u32).map(|i| char::from_u32(i % 0xD7FF).unwrap_or('x')).collect();
    let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n\
                d: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n";
    let long_line = "x".repeat(3 << 20);
    let empty_lines = "\n".repeat(1_000_000);
    for input in [
        deep_json.as_str(),
        &deep_yaml,
        &garbage,
        bomb,
        &long_line,
        &empty_lines,
        "\u{1b}[",
        "---\n---",
    ] {
        let report = analyze(input);
        assert!(!report.findings.is_empty());
    }
    assert!(!analyze(&long_line).notices.is_empty(), "a cut line is not noticed");
}

#[test]
fn every_case_survives_truncation_at_every_line() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/cases");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut checked = 0;
    for entry in entries.flatten() {
        let Ok(bytes) = std::fs::read(entry.path().join("input.txt")) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        let mut end = 0;
        for line in text.split_inclusive('\n') {
            end += line.len();
            let report = analyze(&text[..end]);
            assert!(!report.findings.is_empty());
            // Mid-line cuts too: half a line, at a character boundary.
            let mut mid = end - line.len() / 2;
            while !text.is_char_boundary(mid) {
                mid -= 1;
            }
            analyze(&text[..mid]);
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} truncations");
}
