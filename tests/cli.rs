//! The `kubetriage` binary as a shell runs it: what it prints and how it exits.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kubetriage"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // A binary that refuses its arguments exits without reading: the pipe may close first.
    let _ = child.stdin.take().expect("stdin").write_all(stdin.as_bytes());
    child.wait_with_output().expect("it exits")
}

#[test]
fn a_paste_is_analysed_and_exits_zero() {
    let out = run(&[], "Warning  BackoffLimitExceeded  job-controller  Job has reached the specified backoff limit\n");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Root cause"));
}

#[test]
fn an_empty_input_is_refused_with_a_reason() {
    for input in ["", "  \n\n\t\n"] {
        let out = run(&[], input);
        assert_eq!(out.status.code(), Some(2), "{input:?}");
        assert!(out.stdout.is_empty(), "{input:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("input is empty"), "{err}");
    }
}

#[test]
fn with_json_the_refusal_is_json_too() {
    let out = run(&["--json"], "\n");
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let error = json["error"].as_str().expect("an error field");
    assert!(error.contains("input is empty"), "{error}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("input is empty"));
}

#[test]
fn an_unknown_option_exits_two() {
    let out = run(&["--bogus"], "x\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown option"));
}
