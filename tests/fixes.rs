//! Generated fixes: the YAML fragment and its words for each kind of fix, filled with the
//! paste's own names, and no fix where the paste does not support one.

use expect_test::{expect, Expect};
use kubetriage::{analyze, Cause};

/// The fix of the first finding of `cause`: title, then the fragment.
fn check(paste: &str, cause: Cause, expected: Expect) {
    let report = analyze(paste);
    let finding = report.findings.iter().find(|f| f.cause == cause);
    let finding = finding.unwrap_or_else(|| panic!("no {cause} finding in {:?}", report.findings));
    let fix = finding.fix.as_ref().unwrap_or_else(|| panic!("no fix for {cause}"));
    expected.assert_eq(&format!("{}\n---\n{}", fix.title, fix.yaml));
}

const OOM_POD: &str = "\
$ kubectl describe pod nightly-report-5xw9q -n analytics
Name:             nightly-report-5xw9q
Namespace:        analytics
Controlled By:    Job/nightly-report
Containers:
  report:
    State:          Terminated
      Reason:       OOMKilled
      Exit Code:    137
    Limits:
      memory:  512Mi
";

#[test]
fn an_oom_kill_doubles_the_limit_of_its_container() {
    check(
        OOM_POD,
        Cause::OomKilled,
        expect![[r#"
            Raise the memory limit of report from 512Mi to 1Gi
            ---
            spec:
              template:
                spec:
                  containers:
                  - name: report
                    resources:
                      limits:
                        memory: 1Gi  # was 512Mi: set it above the measured peak
        "#]],
    );
}

#[test]
fn a_cronjob_s_job_is_fixed_in_the_cronjob() {
    let paste = "\
$ kubectl describe job nightly-report-28914060 -n analytics
Name:             nightly-report-28914060
Namespace:        analytics
Controlled By:    CronJob/nightly-report
Pods Statuses:    0 Active (0 Ready) / 0 Succeeded / 1 Failed
Pod Template:
  Init Containers:
   fetch:
    Image:      busybox:1.36
    Limits:
      memory:  96Mi
  Containers:
   report:
    Image:      report-builder:3.8.2
$ kubectl describe pod nightly-report-28914060-5xw9q -n analytics
Name:             nightly-report-28914060-5xw9q
Init Containers:
  fetch:
    State:          Terminated
      Reason:       OOMKilled
      Exit Code:    137
";
    check(
        paste,
        Cause::OomKilled,
        expect![[r#"
            Raise the memory limit of fetch from 96Mi to 192Mi
            ---
            spec:
              jobTemplate:
                spec:
                  template:
                    spec:
                      initContainers:
                      - name: fetch
                        resources:
                          limits:
                            memory: 192Mi  # was 96Mi: set it above the measured peak
        "#]],
    );
}

#[test]
fn a_repeating_exit_code_fails_the_job_at_once() {
    let paste = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/lint/repeated-failure.txt"),
    )
    .expect("fixture");
    check(
        &paste,
        Cause::AppError,
        expect![[r#"
            Fail the Job at the first exit code 2 instead of retrying
            ---
            spec:
              podFailurePolicy:
                rules:
                - action: FailJob
                  onExitCodes:
                    containerName: sync
                    operator: In
                    values: [2]
                - action: Ignore
                  onPodConditions:
                  - type: DisruptionTarget
              template:
                spec:
                  restartPolicy: Never  # podFailurePolicy requires Never
        "#]],
    );
}

#[test]
fn disruptions_are_ignored_rather_than_counted() {
    let paste = "\
$ kubectl get events -n agents
18m   Normal    ScaleDown              pod/kw-6ppdk   deleting pod for node scale down
18m   Warning   BackoffLimitExceeded   job/kw         Job has reached the specified backoff limit
";
    check(
        paste,
        Cause::TerminatedBySignal,
        expect![[r#"
            Do not count disruptions against backoffLimit
            ---
            spec:
              podFailurePolicy:
                rules:
                - action: Ignore
                  onPodConditions:
                  - type: DisruptionTarget
              template:
                spec:
                  restartPolicy: Never  # podFailurePolicy requires Never
        "#]],
    );
}

#[test]
fn a_hanging_job_without_a_deadline_gets_one() {
    let paste = "\
$ kubectl describe job export -n data
Name:             export
Namespace:        data
Pods Statuses:    1 Active (0 Ready) / 0 Succeeded / 0 Failed
Pod Template:
  Containers:
   export:
    Image:      registry.example.com/data/export:4.1.0
$ kubectl get pods -n data
NAME           READY   STATUS             RESTARTS   AGE
export-x2b7q   0/1     ImagePullBackOff   0          3h
";
    check(
        paste,
        Cause::BadImage,
        expect![[r#"
            End the Job after 3600s instead of letting it wait forever
            ---
            spec:
              activeDeadlineSeconds: 3600  # an hour: set it to a few times the longest run you expect
        "#]],
    );
    let with_deadline =
        paste.replace("Pods Statuses:", "Active Deadline Seconds:  600s\nPods Statuses:");
    let report = analyze(&with_deadline);
    assert_eq!(report.findings[0].cause, Cause::BadImage);
    assert_eq!(report.findings[0].fix, None, "the Job already has a deadline");
}

#[test]
fn no_fix_without_the_numbers_it_needs() {
    // OOMKilled, but no limit anywhere in the paste: nothing to double.
    let paste = OOM_POD.replace("    Limits:\n      memory:  512Mi\n", "");
    let report = analyze(&paste);
    assert_eq!(report.findings[0].cause, Cause::OomKilled);
    assert_eq!(report.findings[0].fix, None);
    // A single exit 1 with nothing saying it repeats.
    let once = "Name:  j-1\nContainers:\n  main:\n    State:  Terminated\n      Reason:  Error\n      Exit Code:  1\n";
    assert!(analyze(once).findings.iter().all(|f| f.fix.is_none()));
    // A permission refused while it ran, exit 1 once: the program started, and a retry may pass.
    let refused = "Name:  j-1\nContainers:\n  main:\n    State:  Terminated\n      Reason:  Error\n      Exit Code:  1\n\
                   $ kubectl logs j-1\nPermissionError: [Errno 13] Permission denied: '/data/out.csv'\n";
    let report = analyze(refused);
    assert_eq!(report.findings[0].cause, Cause::PermissionDenied);
    assert_eq!(report.findings[0].fix, None);
}

#[test]
fn an_image_for_another_architecture_gets_no_exit_code_rule() {
    let input = "$ kubectl -n media logs thumbnailer-7xq2m\nexec /usr/local/bin/thumbs: exec format error\n\
                 $ kubectl -n media get pod thumbnailer-7xq2m -o jsonpath='{.status.containerStatuses[0].state.terminated.exitCode}'\n1\n";
    let report = kubetriage::analyze(input);
    assert_eq!(report.top_cause(), kubetriage::Cause::ExecFormat);
    assert!(report.findings[0].fix.is_none(), "{:?}", report.findings[0].fix);
}
