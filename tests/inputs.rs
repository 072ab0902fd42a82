//! The shapes of input the analyzer must survive and understand, one fixture each under
//! `tests/fixtures/inputs/`: kubectl output of old and new releases, pastes wrapped in Markdown,
//! terminal colours and prompts, cut-off output and fragments, Helm output, custom columns, JSON
//! lists, a CronJob's pods, and broken YAML and JSON read line by line. Then every fixture, example
//! and log-table paste cut at every line: the analysis never panics.

use std::fs;
use std::path::{Path, PathBuf};

use kubetriage::analyze;

/// What a fixture must give: the `recognised` line, the headline's reason, the top finding and
/// the lines of its evidence, and whether a notice says part was read line by line.
struct Shape {
    file: &'static str,
    recognised: &'static str,
    headline: Option<&'static str>,
    top: &'static str,
    evidence: &'static [usize],
    read_loosely: bool,
}

const SHAPES: &[Shape] = &[
    // kubectl before 1.23: `N Running / ...`, no `Backoff Limit:`; the headline alone decides
    // nothing.
    Shape {
        file: "describe-job-1.21.txt",
        recognised: "Job report-27981120 in billing: 3 failed pods; 4 events",
        headline: Some("BackoffLimitExceeded"),
        top: "unknown",
        evidence: &[],
        read_loosely: false,
    },
    // kubectl 1.30: `Backoff Limit:`, `N Active (N Ready) / ...`, `(x2 over 13m)`, and the
    // failed pod's describe after it.
    Shape {
        file: "describe-job-1.30.txt",
        recognised: "Job report-28512360 in billing: 3 failed pods, backoffLimit 2; 1 pod \
                     (OOMKilled); 9 events",
        headline: Some("BackoffLimitExceeded"),
        top: "oom-killed",
        // The OOM kill, and the memory limit it hit (joined from the same container).
        evidence: &[72, 79],
        read_loosely: false,
    },
    // Older events: `kubelet, <host>` in From, `<unknown>` and `<invalid>` ages; then the logs.
    Shape {
        file: "describe-pod-1.18-events.txt",
        recognised: "1 pod (CrashLoopBackOff); 5 events; 6 log lines",
        headline: None,
        top: "auth-failure",
        evidence: &[67],
        read_loosely: false,
    },
    // A Markdown fence around the paste, CRLF line endings, chat words before and after.
    Shape {
        file: "markdown-fence-crlf.txt",
        recognised: "2 pods (2 Error); 4 log lines",
        headline: None,
        top: "network-or-dns",
        evidence: &[11],
        read_loosely: false,
    },
    // ANSI colours, a bracketed and a `user@host:~$` prompt, tab-aligned describe values.
    Shape {
        file: "ansi-prompts-tabs.txt",
        recognised: "1 pod (Error); 2 log lines",
        headline: None,
        top: "bad-command",
        evidence: &[10, 13],
        read_loosely: false,
    },
    // A describe cut off mid-message.
    Shape {
        file: "truncated-describe.txt",
        recognised: "1 pod (StartError)",
        headline: None,
        top: "bad-command",
        evidence: &[14, 15],
        read_loosely: false,
    },
    // `| grep -A8 State`: no `Name:`, no container name, an elision, an event row.
    Shape {
        file: "fragment-no-name.txt",
        recognised: "1 pod (CreateContainerConfigError); 1 event",
        headline: None,
        top: "missing-secret-or-configmap",
        evidence: &[3, 9],
        read_loosely: false,
    },
    // `| sed -n '/Containers:/,/Conditions:/p'`: the pod is named by the command.
    Shape {
        file: "fragment-containers-sed.txt",
        recognised: "1 pod (CrashLoopBackOff)",
        headline: None,
        top: "permission-denied",
        evidence: &[12],
        read_loosely: false,
    },
    // `helm template` (`# Source:` comments, several `---` documents), then Helm's hook error.
    Shape {
        file: "helm-template.txt",
        recognised: "Job billing-report: backoffLimit 1, activeDeadlineSeconds 600",
        headline: Some("BackoffLimitExceeded"),
        top: "unknown",
        evidence: &[],
        read_loosely: false,
    },
    // `-o custom-columns=...` with its own header.
    Shape {
        file: "custom-columns.txt",
        recognised: "3 pods (3 Failed)",
        headline: None,
        top: "oom-killed",
        evidence: &[3, 4, 5],
        read_loosely: false,
    },
    // `-o json` of pods: a `kind: List`; then `kubectl get events`.
    Shape {
        file: "get-pods-json-list.txt",
        recognised: "1 pod (ImagePullBackOff); 1 event",
        headline: None,
        top: "bad-image",
        evidence: &[45, 46, 62],
        read_loosely: false,
    },
    // `kubectl get cronjob,jobs,pods`: the CronJob, its Jobs and their pods; then a pod's log.
    Shape {
        file: "cronjob-pods.txt",
        recognised: "Job report-28510920 in billing: complete; Job report-28512360 in billing; 4 \
                     pods (3 Error, 1 Completed); 1 CronJob; 3 log lines",
        headline: None,
        top: "oom-killed",
        evidence: &[16],
        read_loosely: false,
    },
    // YAML indented with tabs.
    Shape {
        file: "yaml-tabs.txt",
        recognised: "Job report-manual in billing: 4 failed pods, backoffLimit 3",
        headline: Some("BackoffLimitExceeded"),
        top: "unknown",
        evidence: &[],
        read_loosely: false,
    },
    // A line one space off and `...` where lines were cut: read line by line.
    Shape {
        file: "yaml-uneven-elided.txt",
        recognised: "Job report-manual in billing: 1 failed pod, backoffLimit 3, \
                     activeDeadlineSeconds 900",
        headline: Some("DeadlineExceeded"),
        top: "deadline-exceeded",
        evidence: &[9, 15],
        read_loosely: true,
    },
    // A pod's YAML cut off inside a quoted value.
    Shape {
        file: "yaml-truncated.txt",
        recognised: "1 pod (Error)",
        headline: None,
        top: "segfault",
        evidence: &[16],
        read_loosely: true,
    },
    // A Job's JSON cut off before its end.
    Shape {
        file: "json-truncated.txt",
        recognised: "Job report-manual in billing: 4 failed pods, backoffLimit 3",
        headline: Some("BackoffLimitExceeded"),
        top: "app-error",
        evidence: &[15],
        read_loosely: true,
    },
    // A pod's containerStatuses list on its own, as `jq` prints it: the pod is the command's.
    Shape {
        file: "jq-container-statuses.txt",
        recognised: "1 pod (Error)",
        headline: None,
        top: "bad-command",
        evidence: &[7],
        read_loosely: false,
    },
    // A `get pods` row quoted in prose as a list item, its header gone: a pod, not a log line
    // whose `Error` is the program's.
    Shape {
        file: "pod-row-in-prose.txt",
        recognised: "1 pod (Error); 2 log lines",
        headline: None,
        top: "unknown",
        evidence: &[],
        read_loosely: false,
    },
    // `argo logs` puts the pod's name before each line.
    Shape {
        file: "argo-logs-prefix.txt",
        recognised: "5 log lines",
        headline: None,
        top: "app-error",
        evidence: &[6],
        read_loosely: false,
    },
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/inputs")
}

#[test]
fn every_input_shape_is_understood() {
    let mut wrong = Vec::new();
    for shape in SHAPES {
        let input = fs::read_to_string(fixtures().join(shape.file)).expect("fixture");
        let report = analyze(&input);
        let top = &report.findings[0];
        let evidence: Vec<usize> = top.evidence.iter().map(|e| e.line).collect();
        let loosely = report.notices.iter().any(|n| n.contains("read line by line"));
        let found = (
            report.recognised.as_str(),
            report.headline.as_ref().map(|h| h.reason.as_str()),
            top.cause.id(),
            evidence.as_slice(),
            loosely,
        );
        let want =
            (shape.recognised, shape.headline, shape.top, shape.evidence, shape.read_loosely);
        if found != want {
            wrong.push(format!("{}:\n  want {want:?}\n  got  {found:?}", shape.file));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_fixture_is_in_the_table() {
    let mut files: Vec<String> = fs::read_dir(fixtures())
        .expect("fixtures")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut listed: Vec<String> = SHAPES.iter().map(|s| s.file.to_owned()).collect();
    listed.sort();
    assert_eq!(files, listed);
}

/// Every paste the tests hold besides the shared cases (which `tests/analyze.rs` cuts): the
/// fixtures (those of `tests/triage.rs` too), the built-in examples and the log table's lines.
fn pastes() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        "tests/fixtures/inputs",
        "tests/fixtures/team-cause",
        "tests/fixtures/triage",
        "content/examples",
    ] {
        for entry in fs::read_dir(root.join(dir)).expect("dir").flatten() {
            let bytes = fs::read(entry.path()).expect("readable");
            out.push((entry.path().display().to_string(), String::from_utf8_lossy(&bytes).into()));
        }
    }
    let table = fs::read_to_string(root.join("tests/data/log-lines.txt")).expect("log table");
    for (i, line) in table.lines().enumerate() {
        if let Some((_, text)) = line.split_once(" | ") {
            let text = text.replace("\\n", "\n").replace("\\t", "\t");
            out.push((format!("log-lines.txt:{}", i + 1), text));
        }
    }
    out
}

#[test]
fn every_paste_survives_truncation_at_every_line() {
    let mut checked = 0;
    for (name, text) in pastes() {
        let mut end = 0;
        for line in text.split_inclusive('\n') {
            end += line.len();
            let report = analyze(&text[..end]);
            assert!(!report.findings.is_empty(), "{name}: no finding at byte {end}");
            let mut mid = end - line.len() / 2;
            while !text.is_char_boundary(mid) {
                mid -= 1;
            }
            assert!(!analyze(&text[..mid]).findings.is_empty(), "{name}: byte {mid}");
            checked += 1;
        }
    }
    assert!(checked > 600, "only {checked} truncations");
}
