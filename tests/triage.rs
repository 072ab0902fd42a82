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

/// Asserts that `cause`, if the report lists it at all, stays below deciding (0.4).
fn assert_undecided(report: &Report, cause: Cause) {
    let found = report.findings.iter().find(|f| f.cause == cause);
    assert!(found.is_none_or(|f| f.confidence < 0.4), "{cause}: {:?}", report.findings);
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
    // Recovery alone is a hint: what failed the attempts is not in the paste, so the answer is
    // `unknown`, with the pods to describe, and the recovery as the runner-up.
    assert_eq!(top(&report).cause, Cause::Unknown);
    let hint = report.findings.iter().find(|f| f.cause == Cause::TransientDependency);
    let hint = hint.expect("the recovery is listed");
    assert!(hint.confidence < 0.4, "recovery alone is a hint: {}", hint.confidence);
    assert!(hint.summary.contains("later attempt"), "{}", hint.summary);
    let timeline = report.timeline.as_ref().expect("a timeline");
    assert!(timeline.summary.contains("completed after 2 failed attempts"), "{}", timeline.summary);
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

#[test]
fn a_sidecar_seen_in_jsonpath_states_outranks_the_deadline() {
    let report = report("sidecar-jsonpath.txt");
    let f = top(&report);
    assert_eq!(
        (f.cause, f.evidence.iter().map(|e| e.line).collect()),
        (Cause::SidecarNeverExits, vec![5, 7, 8])
    );
    assert!(
        f.detail.as_deref() == Some("migrate finished; pgbouncer is still running"),
        "{:?}",
        f.detail
    );
    // The steps are about the main container, and the summary does not repeat the detail.
    assert!(f.steps.iter().any(|s| s.text.contains("container migrate")), "{:?}", f.steps);
    assert_eq!(f.summary.matches("pgbouncer").count(), 1, "{}", f.summary);
}

#[test]
fn a_sidecar_seen_in_a_k9s_container_view() {
    let report = report("sidecar-k9s.txt");
    assert_eq!(verdict(&report), (Cause::SidecarNeverExits, vec![8, 13, 15]));
    assert!(top(&report).summary.contains("pod payments-dbinit-7tq2c"));
}

#[test]
fn exit_137_on_a_spot_interrupted_node_is_a_stop_from_outside() {
    let report = report("spot-interruption.txt");
    let f = top(&report);
    assert_eq!(verdict(&report), (Cause::TerminatedBySignal, vec![2, 4, 5]));
    assert!(f.confidence < 0.8, "the events are about a node, not the pod: {}", f.confidence);
}

#[test]
fn a_container_the_runtime_lost_is_a_stop_from_outside_even_when_the_job_recovered() {
    let report = report("runtime-lost-container.txt");
    assert_eq!(verdict(&report), (Cause::TerminatedBySignal, vec![6, 14]));
}

#[test]
fn a_dropped_database_connection_then_a_success_is_transient() {
    let report = report("db-starting-then-recovered.txt");
    assert_eq!(report.top_cause(), Cause::TransientDependency);
    // The frame that reads os.environ is code, not the error.
    assert_undecided(&report, Cause::MissingConfig);
}

#[test]
fn golang_migrate_names_the_first_failed_migration_not_the_dirty_echo() {
    let report = report("migrate-dirty-after-first.txt");
    let f = top(&report);
    assert_eq!(f.cause, Cause::AppError);
    assert!(f.detail.as_deref().is_some_and(|d| d.contains("golang-migrate migration failed")));
    assert!(f.summary.contains("pod ledger-schema-b7x2q"), "{}", f.summary);
    assert!(f.evidence.iter().any(|e| e.line == 15), "{:?}", f.evidence);
}

#[test]
fn a_database_that_does_not_exist_is_configuration() {
    let report = report("pg-database-missing.txt");
    assert_eq!(verdict(&report), (Cause::MissingConfig, vec![6]));
}

#[test]
fn an_sql_syntax_error_in_a_raw_container_log_is_the_migration() {
    let report = report("sql-syntax-cri-log.txt");
    let f = top(&report);
    assert_eq!(f.cause, Cause::AppError);
    assert!(f.evidence.iter().any(|e| e.line == 10), "{:?}", f.evidence);
}

#[test]
fn busybox_bad_address_is_a_name_that_does_not_resolve() {
    let report = report("init-bad-address.txt");
    assert_eq!(verdict(&report), (Cause::NetworkOrDns, vec![2]));
}

#[test]
fn keyerror_on_os_environ_is_an_unset_variable_with_the_keyerror_line() {
    let input = "$ kubectl logs notify-5kq8w -n comms\nTraceback (most recent call last):\n  File \"/app/notify.py\", line 4, in <module>\n    \
                 HOST = os.environ[\"MAIL_HOST\"]\n           ~~~~~~~~~~^^^^^^^^^^^^^\n  File \"<frozen os>\", line 714, in __getitem__\n\
                 KeyError: 'MAIL_HOST'\n";
    let report = analyze(input);
    let f = top(&report);
    assert_eq!(f.cause, Cause::MissingConfig);
    assert!(f.confidence >= 0.8);
    assert!(f.evidence.iter().any(|e| e.text == "KeyError: 'MAIL_HOST'"), "{:?}", f.evidence);
    // The generic traceback points at the exception line too, never at its header.
    for finding in &report.findings {
        assert!(finding.evidence.iter().all(|e| e.line != 2), "{finding:?}");
    }
}

#[test]
fn a_starting_deadline_of_seconds_skips_runs() {
    let report = report("cronjob-short-deadline.txt");
    let f = top(&report);
    assert_eq!(verdict(&report), (Cause::CronjobNotScheduling, vec![13]));
    assert!(f.confidence < 0.8);
    let commands: Vec<&str> = f.steps.iter().filter_map(|s| s.command.as_deref()).collect();
    assert!(
        commands.contains(&"kubectl describe cronjob orders-export -n exports"),
        "{commands:?}"
    );
    // The step that changes the deadline is there, with the command that does it.
    let deadline = f.steps.iter().find(|s| s.text.contains("startingDeadlineSeconds"));
    let command = deadline.and_then(|s| s.command.as_deref());
    assert_eq!(command, Some("kubectl edit cronjob orders-export -n exports"), "{:?}", f.steps);
}

#[test]
fn a_suspended_cronjob_creates_no_jobs() {
    let report = report("cronjob-suspended.txt");
    assert_eq!(verdict(&report), (Cause::CronjobNotScheduling, vec![9]));
    let f = top(&report);
    let resume = f.steps.iter().find(|s| s.text.contains("set suspend to false"));
    assert!(resume
        .and_then(|s| s.command.as_deref())
        .is_some_and(|c| c.starts_with("kubectl edit cronjob")));
}

#[test]
fn a_failjob_rule_that_did_its_job_names_the_failure_it_matched() {
    let report = report("failjob-exit-code.txt");
    let f = top(&report);
    assert_eq!(verdict(&report), (Cause::AppError, vec![27, 32]));
    assert!(f.summary.contains("FailJob rule"), "{}", f.summary);
    assert!(f.summary.contains("pod verify-archive-7mq4d"), "{}", f.summary);
    assert!(f.confidence < 0.8);
}

#[test]
fn a_logged_error_line_without_a_rule_is_the_programs_failure() {
    let report = report("logged-error-no-rule.txt");
    let f = top(&report);
    assert_eq!(verdict(&report), (Cause::AppError, vec![3, 4, 8]));
    assert!((0.4..0.8).contains(&f.confidence), "{}", f.confidence);
}

#[test]
fn a_tools_own_error_line_is_not_the_workloads() {
    let report = report("helm-error-only.txt");
    assert_eq!(report.top_cause(), Cause::Unknown);
}

#[test]
fn kubectl_logs_of_a_job_belongs_to_the_pod_kubectl_chose() {
    let report = report("pg-database-missing.txt");
    assert!(top(&report).summary.contains("pod reports-migrate-z8d2k"), "{}", top(&report).summary);
}

#[test]
fn recognised_says_what_the_pods_are_and_never_contradicts_a_finding() {
    let pending = "Name:  load-9k2xq\nStatus:  Pending\nInit Containers:\n  wait:\n    State:  Waiting\n      \
                   Reason:  CrashLoopBackOff\n";
    assert_eq!(analyze(pending).recognised, "1 pod (Init:CrashLoopBackOff)");
    let running =
        "Name:  load-9k2xq\nStatus:  Running\nContainers:\n  main:\n    State:  Running\n";
    assert_eq!(analyze(running).recognised, "1 pod (Running)");
    let one_line = analyze("Error: secret \"ledger-db\" not found\n");
    assert_eq!(one_line.top_cause(), Cause::MissingSecretOrConfigMap);
    assert_eq!(one_line.recognised, "no kubectl output; 1 line with a known message");
    assert_eq!(
        report("job-complete-get.txt").recognised,
        "Job thumbnails in media: complete; 1 pod (Completed)"
    );
}

#[test]
fn a_cause_found_in_a_recovered_job_says_it_recovered() {
    let report = report("oomkilled-then-recovered.txt");
    assert!(top(&report).summary.ends_with("the Job recovered: a later attempt succeeded"));
}

/// Every command of the report: the findings' steps and what to run next.
fn commands(report: &Report) -> Vec<String> {
    let steps = report.findings.iter().flat_map(|f| &f.steps).filter_map(|s| s.command.clone());
    steps.chain(report.next.iter().map(|n| n.command.clone())).collect()
}

#[test]
fn pull_failures_name_the_image_as_pulled_and_the_pod_the_scheduler_placed() {
    let report = report("pull-auth-events.txt");
    let f = top(&report);
    assert_eq!(f.cause, Cause::ImagePullAuth);
    // Only the pull-auth finding: the 401 is the registry's answer to the pull, not the workload's.
    assert!(report.findings.iter().all(|f| f.cause != Cause::AuthFailure), "{:?}", report.findings);
    let text: Vec<&str> = f.steps.iter().map(|s| s.text.as_str()).collect();
    assert!(
        text[0].contains("registry.example.org/ETL/Loader:2025.01-RC2 in the events of"),
        "{text:?}"
    );
    let commands = commands(&report);
    // `Load-Orders-x8k2c` is not a pod name Kubernetes accepts; the valid one is used.
    assert!(
        commands.contains(&"kubectl describe pod load-orders-x8k2c -n etl".to_owned()),
        "{commands:?}"
    );
}

#[test]
fn the_job_and_pod_of_an_events_table() {
    let report = report("events-table-job.txt");
    assert_eq!(report.top_cause(), Cause::Unknown);
    let commands = commands(&report);
    assert!(
        commands.iter().any(|c| c == "kubectl get job settle-batch -n payments -o yaml"),
        "{commands:?}"
    );
    assert!(
        commands.iter().any(|c| c.contains("describe pod settle-batch-k2x8p -n payments")),
        "{commands:?}"
    );
}

#[test]
fn names_from_a_logs_command_and_a_label_selector() {
    let input = "$ kubectl get pods -n etl -l job-name=nightly-load\nNo resources found in etl namespace.\n\
                 $ kubectl logs nightly-load-5fz2q -n etl -c loader --previous\n\
                 psycopg2.OperationalError: could not translate host name \"warehouse.db\" to address: Name or service not known\n";
    let report = analyze(input);
    let commands = commands(&report);
    for want in [
        "kubectl logs nightly-load-5fz2q -n etl -c loader",
        "kubectl run net-check -n etl --rm -it --restart=Never --image=busybox:1.36 -- nslookup warehouse.db",
        "kubectl replace --force -f nightly-load.yaml",
    ] {
        assert!(commands.iter().any(|c| c == want), "no {want:?} in {commands:?}");
    }
}

#[test]
fn text_that_is_no_kubernetes_name_stays_a_placeholder_a_shell_keeps() {
    let input = "$ kubectl logs job/nightly -n prod\nError: secret \"db$(id>/tmp/p)\" not found\n\
                 $ kubectl describe pod 'x y' -n \"prod\"\n";
    let report = analyze(input);
    for command in commands(&report) {
        assert!(
            !command.contains("$(") && !command.contains('<') && !command.contains('"'),
            "{command}"
        );
    }
    assert!(commands(&report).iter().any(|c| c.contains("OBJECT_NAME")));
}

#[test]
fn no_command_is_given_twice() {
    let fixtures = ["events-table-job.txt", "indexed-failed-indexes.txt", "failjob-exit-code.txt"];
    let same = |c: &str| {
        let words: Vec<&str> =
            c.split_whitespace().filter(|w| !w.starts_with("--sort-by")).collect();
        words
            .iter()
            .position(|w| *w == "-o")
            .map_or(words.clone(), |at| words[..at].to_vec())
            .join(" ")
    };
    for name in fixtures {
        let report = report(name);
        let mut seen: Vec<String> =
            top(&report).steps.iter().filter_map(|s| s.command.as_deref()).map(same).collect();
        seen.extend(report.next.iter().map(|n| same(&n.command)));
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(seen.len(), unique.len(), "{name}: {seen:#?}");
    }
}

#[test]
fn an_unknown_finding_says_how_sure_the_paste_cannot_decide() {
    let nothing = analyze("$ kubectl get events -n x\nLAST SEEN   TYPE      REASON                 OBJECT         MESSAGE\n\
                           3m          Warning   BackoffLimitExceeded   job/nightly    Job has reached the specified backoff limit\n");
    let f = top(&nothing);
    assert_eq!(f.cause, Cause::Unknown);
    assert!(f.confidence > 0.5 && f.confidence < 0.8, "{}", f.confidence);
    assert!(!f.steps.is_empty(), "unknown says what to collect");
    let text = kubetriage::cli::render_text(&nothing);
    assert!(text.contains("Root cause: unknown (the paste cannot decide)"), "{text}");
    let weak = report("indexed-failed-indexes.txt");
    assert!(top(&weak).confidence <= f.confidence);
}

#[test]
fn a_long_evidence_line_keeps_the_part_that_matched() {
    let report = report("pull-auth-events.txt");
    let input = fixture("pull-auth-events.txt");
    let f = top(&report);
    let long = f.evidence.iter().find(|e| e.line == 7).expect("the pull failure");
    assert!(long.text.ends_with("401 Unauthorized"), "{:?}", long.text);
    assert!(long.text.len() <= 300 && long.cut_before && !long.cut_after, "{long:?}");
    let line = input.lines().nth(6).unwrap_or_default();
    assert!(line.contains(&long.text), "not a piece of line 7: {:?}", long.text);
    assert!(long.shown().starts_with('…'));
    assert!(
        !long.text.starts_with(' ') && line.contains(&format!(" {}", long.text)),
        "cut between words"
    );
}

#[test]
fn the_cli_names_the_file_of_each_line_when_it_read_several() {
    use kubetriage::cli;
    let parts = [
        (
            "pods.txt".to_owned(),
            fixture("logged-error-no-rule.txt")
                .lines()
                .take(4)
                .collect::<Vec<_>>()
                .join("\n")
                .into_bytes(),
        ),
        (
            "logs.txt".to_owned(),
            b"$ kubectl -n ledger logs close-month-8d2kq\nERROR closing aborted: totals differ\n"
                .to_vec(),
        ),
        ("core.bin".to_owned(), vec![0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 3]),
    ];
    let (text, files) = cli::join(&parts);
    let mut report = analyze(&text);
    cli::locate(&mut report, &files);
    let f = top(&report);
    let logged = f.evidence.iter().find(|e| e.text.starts_with("ERROR")).expect("the logged error");
    assert_eq!(
        (logged.line, logged.file.as_deref(), logged.file_line),
        (6, Some("logs.txt"), Some(2))
    );
    let shown = cli::render_files(&report, &files);
    assert!(shown.contains("logs.txt:2 | ERROR closing aborted: totals differ"), "{shown}");
    assert!(shown.contains("pods.txt:3 | close-month-8d2kq"), "{shown}");
    assert!(
        report
            .notices
            .iter()
            .any(|n| n == "core.bin is binary data, not text: only its text was read"),
        "{:?}",
        report.notices
    );
    let json = report.to_json();
    assert!(json.contains("\"file\": \"logs.txt\"") && json.contains("\"file_line\": 2"), "{json}");
    // One file: line numbers as they are, no file names.
    let single = analyze(&fixture("logged-error-no-rule.txt")).to_json();
    assert!(single.contains("\"file\": null") && !single.contains("\"file\": \""), "{single}");
}

#[test]
fn keyerror_on_a_dict_is_the_programs_bug() {
    let input = "$ kubectl logs report-2kx8q\nTraceback (most recent call last):\n  File \"/app/report.py\", line 40, in <module>\n    \
                 total = rates[row[\"currency\"]]\nKeyError: 'XTS'\n";
    assert_eq!(analyze(input).top_cause(), Cause::AppError);
}

#[test]
fn a_cronjob_whose_jobs_fail_is_about_the_failure_not_its_settings() {
    let mut input = fixture("cronjob-short-deadline.txt");
    input.push_str(
        "$ kubectl -n exports get pods\nNAME                           READY   STATUS   RESTARTS   AGE\n\
         orders-export-28955250-x7k2p   0/1     Error    0          4h\n",
    );
    let report = analyze(&input);
    assert!(
        report.findings.iter().all(|f| f.cause != Cause::CronjobNotScheduling),
        "{:?}",
        report.findings
    );
}

#[test]
fn a_deadline_gives_way_to_a_pull_that_keeps_failing() {
    let input = "Error: UPGRADE FAILED: pre-upgrade hooks failed: job failed: DeadlineExceeded\n\
                 $ kubectl describe pod app-migrate-5q8zk -n app\nName:         app-migrate-5q8zk\nNamespace:    app\n\
                 Status:       Pending\nContainers:\n  migrate:\n    Image:          registry.internal/app/migrate:v2.3.0\n    \
                 State:          Waiting\n      Reason:       ImagePullBackOff\n";
    let report = analyze(input);
    assert_eq!(report.top_cause(), Cause::BadImage, "{:?}", report.findings);
    assert!(report.findings.iter().any(|f| f.cause == Cause::DeadlineExceeded));
}

#[test]
fn pods_of_different_cronjob_runs_are_no_recovery() {
    let input = "$ kubectl get pods -n batch\nNAME              READY   STATUS      RESTARTS   AGE\n\
                 etl-28951200-a    0/1     Completed   0          2d\netl-28952640-b    0/1     Error       0          1d\n";
    let report = analyze(input);
    assert!(
        report.findings.iter().all(|f| f.cause != Cause::TransientDependency),
        "{:?}",
        report.findings
    );
}

#[test]
fn argo_logs_are_the_workloads_and_their_target_is_no_pod() {
    let input = "$ argo logs wf-nightly-x8d2k -n argo\n\
                 wf-nightly-x8d2k-extract-3327189241: time=\"2025-01-20T01:02:11Z\" level=info msg=\"fetching partitions\"\n\
                 wf-nightly-x8d2k-extract-3327189241: time=\"2025-01-20T01:02:14Z\" level=fatal msg=\"partition 2025-01-19 missing\"\n";
    let report = analyze(input);
    let f = top(&report);
    assert_eq!((f.cause, f.evidence.iter().map(|e| e.line).collect()), (Cause::AppError, vec![3]));
    assert!(!f.summary.contains("pod wf-nightly-x8d2k"), "{}", f.summary);
}

#[test]
fn kubectl_logs_of_a_container_that_never_ran_says_why() {
    let report = report("logs-waiting-to-start.txt");
    let f = top(&report);
    assert_eq!(f.cause, Cause::BadImage);
    assert!(f.confidence < 0.8 && f.summary.contains("pod import-7k2xq"), "{f:?}");
    let config = analyze(
        "Error from server (BadRequest): container \"load\" in pod \"load-2kq9x\" is waiting to start: \
         CreateContainerConfigError\n",
    );
    assert_eq!(config.top_cause(), Cause::MissingSecretOrConfigMap);
}

#[test]
fn runc_failing_to_exec_the_entrypoint_is_a_bad_command() {
    assert_eq!(verdict(&report("runc-exec-no-such-file.txt")), (Cause::BadCommand, vec![2]));
}

#[test]
fn a_403_from_a_service_is_its_refusal_of_the_credentials() {
    assert_eq!(verdict(&report("http-403-traceback.txt")), (Cause::AuthFailure, vec![7]));
}

#[test]
fn status_not_ready_of_a_job_pod_is_a_container_still_running_after_another_completed() {
    let report = report("sidecar-not-ready-status.txt");
    let f = top(&report);
    assert_eq!(verdict(&report), (Cause::SidecarNeverExits, vec![6]));
    assert!(f.confidence < 0.8, "the container states are not shown: {}", f.confidence);
}

#[test]
fn a_condition_message_names_the_pod() {
    let input = "status:\n  conditions:\n  - type: Failed\n    status: \"True\"\n    reason: PodFailurePolicy\n    \
                 message: Pod qa/verify-2kx9p has condition DisruptionTarget matching FailJob rule at index 1\n";
    let report = analyze(input);
    let commands = commands(&report);
    assert!(
        commands.iter().any(|c| c == "kubectl describe pod verify-2kx9p -n qa"),
        "{commands:?}"
    );
}

#[test]
fn the_first_attempts_error_goes_first_when_attempts_fail_differently() {
    let report = report("first-attempt-differs.txt");
    let f = top(&report);
    assert_eq!(f.cause, Cause::NetworkOrDns, "{:?}", report.findings);
    assert!(f.summary.contains("crm-seed-4vq8k"), "{}", f.summary);
    assert!(report.findings.iter().any(|f| f.cause == Cause::AppError));
}

#[test]
fn a_registrys_denial_on_a_pull_line_is_about_the_image() {
    let report = report("pull-denied-registry-words.txt");
    let f = top(&report);
    assert_eq!(verdict(&report), (Cause::BadImage, vec![6, 8]));
    assert!(f.confidence < 0.6, "pull access denied alone is ambiguous: {}", f.confidence);
    for cause in [Cause::AuthFailure, Cause::PermissionDenied] {
        assert!(report.findings.iter().all(|f| f.cause != cause), "{:?}", report.findings);
    }
}

#[test]
fn a_registry_the_node_cannot_reach_is_a_network_failure_of_the_pull() {
    let report = report("pull-registry-timeout.txt");
    let f = top(&report);
    assert_eq!(verdict(&report), (Cause::NetworkOrDns, vec![4]));
    assert!(f.confidence < 0.7, "a misspelt registry host reads the same: {}", f.confidence);
    assert!(report.findings.iter().any(|f| f.cause == Cause::BadImage));
}

#[test]
fn a_missing_script_in_cloud_loggings_json_and_a_bare_exit_code() {
    let report = report("cloud-logging-script-missing.txt");
    assert_eq!(verdict(&report), (Cause::BadCommand, vec![18, 23]));
}

#[test]
fn a_trimmed_pod_status_of_a_lost_node() {
    let report = report("node-lost-trimmed-status.txt");
    // The message the YAML emitter wrapped over lines 2 and 3 is read whole, from line 2.
    assert_eq!(verdict(&report), (Cause::TerminatedBySignal, vec![2, 5]));
    assert_eq!(top(&report).detail.as_deref(), Some("node lost"));
}

#[test]
fn a_failed_main_container_held_by_its_sidecar_until_the_deadline() {
    let report = report("sidecar-failed-main-deadline.txt");
    let f = top(&report);
    assert_eq!(verdict(&report), (Cause::SidecarNeverExits, vec![11, 17]));
    assert!(f.detail.as_deref().is_some_and(|d| d.contains("close failed")), "{:?}", f.detail);
    // Without the deadline the failure itself is the question.
    let text = fixture("sidecar-failed-main-deadline.txt");
    let without: String = text.lines().skip(6).map(|l| format!("{l}\n")).collect();
    let report = analyze(&without);
    assert_ne!(report.top_cause(), Cause::SidecarNeverExits, "{:?}", report.findings);
}

#[test]
fn a_failjob_rule_before_the_ignore_rule_fails_the_job_on_a_drain() {
    let report = report("policy-failjob-before-ignore.txt");
    let f = top(&report);
    assert_eq!(verdict(&report), (Cause::PodFailurePolicy, vec![4, 10, 15, 17]));
    let detail = f.detail.as_deref().unwrap_or_default();
    assert!(detail.contains("index 0") && detail.contains("index 1"), "{detail}");
    assert!(report.findings.iter().any(|f| f.cause == Cause::TerminatedBySignal));
    // The same Job failed on a code of the program's own, with no drain: the rule did its job.
    let text = fixture("policy-failjob-before-ignore.txt");
    let own: String = text.lines().take(15).map(|l| format!("{l}\n")).collect();
    let own = own.replace("exit code 143", "exit code 3");
    assert_eq!(analyze(&own).top_cause(), Cause::AppError);
}

#[test]
fn an_oom_kill_of_a_child_shows_only_in_the_nodes_kernel_log() {
    let report = report("oom-in-kernel-log.txt");
    let f = top(&report);
    // The kernel's lines, the shell's report of its child killed, and the limit the kill ran
    // into; the container itself says exit 1.
    assert_eq!(verdict(&report), (Cause::OomKilled, vec![18, 24, 27, 28, 29]));
    assert!(f.confidence < 0.8, "the kernel log may be about another pod: {}", f.confidence);
}

#[test]
fn prisma_names_the_environment_variable_it_did_not_find() {
    let report = report("prisma-env-not-found.txt");
    assert_eq!(verdict(&report), (Cause::MissingConfig, vec![12]));
    assert!(top(&report).summary.contains("pod shop-db-migrate-tz4xw"));
}

#[test]
fn a_musl_dns_failure_in_a_cri_log_file() {
    let report = report("alpine-dns-cri-log.txt");
    assert_eq!(verdict(&report), (Cause::NetworkOrDns, vec![12]));
    assert!(top(&report).summary.contains("container sync of pod catalog-sync-29001-h6x2k"));
}

#[test]
fn a_pod_on_a_node_that_stopped_reporting() {
    let input =
        "$ kubectl get events -n etl --field-selector involvedObject.name=load-29001-r2x8k\n\
                 LAST SEEN   TYPE      REASON         OBJECT                 MESSAGE\n\
                 12m         Warning   NodeNotReady   pod/load-29001-r2x8k   Node is not ready\n\
                 $ kubectl get pods -n etl\n\
                 NAME               READY   STATUS   RESTARTS   AGE\n\
                 load-29001-r2x8k   0/1     Error    0          40m\n";
    let report = analyze(input);
    let f = top(&report);
    assert_eq!(
        (f.cause, f.evidence.iter().map(|e| e.line).collect()),
        (Cause::TerminatedBySignal, vec![3])
    );
    assert!(f.confidence < 0.6, "{}", f.confidence);
}

#[test]
fn a_paste_quoted_in_a_reply_reads_as_the_paste() {
    let report = report("quoted-reply.txt");
    let f = top(&report);
    assert_eq!(verdict(&report), (Cause::MissingConfig, vec![10, 12]));
    assert!(f.summary.contains("pod weekly-digest-29003-k5r8w"), "{}", f.summary);
}

#[test]
fn an_init_container_failure_beats_the_placeholder_of_a_container_that_never_ran() {
    let report = report("init-failed-main-never-ran.txt");
    // The init container's own exit 64, not the kubelet's ContainerStatusUnknown for `build`.
    assert_eq!(verdict(&report), (Cause::AppError, vec![15]));
    assert!(top(&report).summary.contains("exit 64"), "{}", top(&report).summary);
    assert!(report.findings.iter().all(|f| f.cause != Cause::TerminatedBySignal));
}

#[test]
fn a_refused_connection_that_the_next_scheduled_run_got_past_is_transient() {
    let report = report("cronjob-next-run-recovered.txt");
    let f = top(&report);
    assert_eq!(f.cause, Cause::TransientDependency);
    assert!(f.confidence < 0.8, "{}", f.confidence);
    let lines: Vec<usize> = f.evidence.iter().map(|e| e.line).collect();
    assert!(lines.contains(&4) && lines.contains(&5), "{lines:?}");
}

#[test]
fn a_failed_run_beside_a_later_complete_one_is_not_no_failure() {
    // The failed run's logs are gone: nothing says why it failed.
    let report = report("cronjob-failed-run-later-run-complete.txt");
    assert_eq!(report.top_cause(), Cause::Unknown);
    assert!(report.findings.iter().all(|f| f.cause != Cause::NoFailure));
}

#[test]
fn kubectl_in_the_job_refused_by_the_api_server_is_an_auth_failure() {
    let report = report("kubectl-unauthorized-in-job-log.txt");
    assert_eq!(verdict(&report), (Cause::AuthFailure, vec![7]));
    assert!(top(&report).confidence < 0.8);
}

#[test]
fn old_get_jobs_columns_count_successes() {
    let report = report("old-get-jobs-all-successful.txt");
    assert_eq!(verdict(&report), (Cause::NoFailure, vec![3, 4]));
}

#[test]
fn job_rows_cut_from_their_header_by_grep_still_read() {
    let report = report("headerless-job-rows-complete.txt");
    assert_eq!(verdict(&report), (Cause::NoFailure, vec![2, 3]));
}

#[test]
fn a_shell_flag_joined_to_its_script_is_a_bad_command() {
    let report = report("shell-flag-joined-to-script.txt");
    assert_eq!(verdict(&report), (Cause::BadCommand, vec![10]));
    assert!(top(&report).summary.contains("one argument"), "{}", top(&report).summary);
}

#[test]
fn an_ignore_rule_for_every_exit_code_but_0_is_the_policys_mistake() {
    let report = report("policy-ignores-every-failure.txt");
    assert_eq!(verdict(&report), (Cause::PodFailurePolicy, vec![11]));
    // `In` with chosen codes is a deliberate rule, not a mistake.
    let chosen = fixture("policy-ignores-every-failure.txt")
        .replace("operator: NotIn", "operator: In")
        .replace("values: [0]", "values: [75]");
    assert!(analyze(&chosen).findings.iter().all(|f| f.cause != Cause::PodFailurePolicy));
}

#[test]
fn a_bare_log_names_its_first_error_less_surely() {
    let report = report("bare-log-error-line.txt");
    let f = top(&report);
    assert_eq!(verdict(&report), (Cause::AppError, vec![2]));
    assert!(f.confidence < 0.5, "no `kubectl logs` says whose output it is: {}", f.confidence);
}

#[test]
fn a_tools_report_of_the_failed_job_is_not_the_programs_error() {
    let report = report("helm-wrapper-without-logs.txt");
    assert_eq!(report.top_cause(), Cause::Unknown);
    assert!(report.findings.iter().all(|f| f.cause != Cause::AppError), "{:?}", report.findings);
}

#[test]
fn a_host_name_with_an_empty_part_is_a_missing_setting_not_dns() {
    let report = report("dns-name-from-empty-setting.txt");
    let f = top(&report);
    assert_eq!(verdict(&report), (Cause::MissingConfig, vec![3]));
    assert!(f.summary.contains("orders-.postgres.database.azure.com"), "{}", f.summary);
    // A well-formed name that does not resolve stays a DNS failure.
    let plain = fixture("dns-name-from-empty-setting.txt").replace("orders-.", "orders.");
    assert_eq!(analyze(&plain).top_cause(), Cause::NetworkOrDns);
}

#[test]
fn the_autoscaler_saying_no_node_would_fit_is_unschedulable() {
    let report = report("autoscaler-cannot-fit.txt");
    assert_eq!(verdict(&report), (Cause::Unschedulable, vec![4]));
}

#[test]
fn a_syntax_error_in_the_inline_script_is_a_bad_command() {
    let report = report("inline-script-syntax-error.txt");
    assert_eq!(verdict(&report), (Cause::BadCommand, vec![2]));
}

#[test]
fn the_job_pods_failure_comes_before_a_deployments_beside_it() {
    let report = report("job-pod-beside-deployment-pods.txt");
    assert_eq!(report.top_cause(), Cause::ImagePullAuth);
    // The Deployment's missing Secret is still shown, below.
    assert!(report.findings.iter().any(|f| f.cause == Cause::MissingSecretOrConfigMap));
    // Without the Job's pod, the Deployment's failure is the answer.
    let alone: String = fixture("job-pod-beside-deployment-pods.txt")
        .lines()
        .filter(|l| !l.contains("shop-setup"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(analyze(&alone).top_cause(), Cause::MissingSecretOrConfigMap);
}

#[test]
fn the_cli_names_the_file_of_the_headline_and_of_each_lint() {
    use kubetriage::cli;
    let manifest = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: close-month\nspec:\n  \
                    template:\n    spec:\n      restartPolicy: OnFailure\n      containers:\n      \
                    - name: close\n        image: registry.example.test/ledger/close:latest\n";
    let parts = [
        ("events.txt".to_owned(), b"$ kubectl -n ledger get events\nLAST SEEN   TYPE      REASON                 OBJECT            MESSAGE\n2m          Warning   BackoffLimitExceeded   job/close-month   Job has reached the specified backoff limit\n".to_vec()),
        ("job.yaml".to_owned(), manifest.as_bytes().to_vec()),
    ];
    let (text, files) = cli::join(&parts);
    let mut report = analyze(&text);
    cli::locate(&mut report, &files);
    let headline = report.headline.as_ref().expect("the event's headline");
    assert_eq!((headline.file.as_deref(), headline.file_line), (Some("events.txt"), Some(3)));
    let lint = report.lint.first().expect("a lint of the manifest");
    assert_eq!(lint.file.as_deref(), Some("job.yaml"));
    assert_eq!(lint.file_line.map(|l| l + 3), Some(lint.line), "{lint:?}");
}

/// The names of every step of the top finding, and the text of its steps.
fn top_steps(report: &Report) -> (Vec<String>, String) {
    let f = top(report);
    let commands = f.steps.iter().filter_map(|s| s.command.clone()).collect();
    let text = f.steps.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("\n");
    (commands, text)
}

#[test]
fn events_of_a_healthy_job_beside_a_failing_one_name_the_failing_job() {
    let report = report("events-healthy-job-beside-failing-one.txt");
    assert_eq!(report.top_cause(), Cause::BadImage);
    let (steps, _) = top_steps(&report);
    assert!(
        steps.contains(&"kubectl replace --force -f thumb-render.yaml".to_owned()),
        "{steps:?}"
    );
    assert!(steps.contains(&"kubectl describe pod thumb-render-q7m4c -n reports".to_owned()));
    let all = commands(&report);
    assert!(all.iter().all(|c| !c.contains("daily-digest")), "the healthy Job: {all:?}");
    assert!(report.recognised.starts_with("Job thumb-render; "), "{}", report.recognised);
    // Its pods are not drawn as the failing Job's attempts.
    let drawn = report.timeline.iter().flat_map(|t| &t.attempts).filter_map(|a| a.pod.as_deref());
    assert!(
        drawn.clone().all(|p| p.starts_with("thumb-render-")),
        "{:?}",
        drawn.collect::<Vec<_>>()
    );
    assert!(
        report.notices.iter().any(|n| n.contains("2 Jobs (daily-digest, thumb-render)")
            && n.contains("the commands are for thumb-render")),
        "{:?}",
        report.notices
    );
}

#[test]
fn a_manifest_of_another_job_does_not_name_the_pod_the_events_are_about() {
    let report = report("manifest-of-another-job-beside-events.txt");
    assert_eq!(report.top_cause(), Cause::ImagePullAuth);
    let (steps, text) = top_steps(&report);
    assert!(text.contains("quay.example.test/media/clip-index:3.1.0"), "{text}");
    assert!(!text.contains("cache-warmer") && !text.contains("namespace web"), "{text}");
    assert_eq!(steps[0], "kubectl describe pod clip-index-v9x2p -n media");
    assert!(steps.iter().all(|c| !c.contains("-n web") && !c.contains("cache-warm")), "{steps:?}");
    assert!(steps.contains(&"kubectl replace --force -f clip-index.yaml".to_owned()), "{steps:?}");
    // The registry the Secret is for is the one the image names.
    assert!(steps.iter().any(|c| c.contains("--docker-server=quay.example.test ")), "{steps:?}");
    // The other Job's missing deadline is not offered as this one's fix.
    assert!(top(&report).fix.is_none(), "{:?}", top(&report).fix);
    let namespaces = report.notices.iter().find(|n| n.contains("2 namespaces (web, media)"));
    assert!(namespaces.is_some(), "{:?}", report.notices);
}

#[test]
fn logs_of_a_job_beside_another_jobs_manifest_keep_their_namespace() {
    let report = report("job-logs-beside-another-job-manifest.txt");
    assert_eq!(report.top_cause(), Cause::AuthFailure);
    let (steps, text) = top_steps(&report);
    // The pod is unknown, the Job is not: `kubectl logs` takes `job/NAME`.
    assert_eq!(steps[0], "kubectl logs job/ledger-sync -n accounts");
    // Its text says the same, not `POD_NAME`.
    assert!(text.contains("in the logs of a pod of Job ledger-sync"), "{text}");
    assert!(!text.contains("POD_NAME"), "{text}");
    assert!(steps.iter().all(|c| !c.contains("web") && !c.contains("cache-warm")), "{steps:?}");
    assert!(!text.contains("container warm"), "another Job's container: {text}");
    assert!(report.notices.iter().any(|n| n.contains("2 Jobs (cache-warm, ledger-sync)")));
}

#[test]
fn one_job_in_one_namespace_has_no_notice() {
    for name in ["events-table-job.txt", "pull-auth-events.txt", "sidecar-k9s.txt"] {
        let report = report(name);
        assert!(report.notices.is_empty(), "{name}: {:?}", report.notices);
    }
}

/// The service account of another Job's manifest (`report-writer` belongs to Job `reporter`,
/// the failure to Job `loader`) does not fill the failing Job's steps.
#[test]
fn the_service_account_of_another_jobs_manifest_does_not_fill_the_steps() {
    let report = report("service-account-of-another-job.txt");
    assert_eq!(report.top_cause(), Cause::PermissionDenied);
    let (steps, text) = top_steps(&report);
    assert!(steps.iter().chain([&text]).all(|c| !c.contains("report-writer")), "{steps:?}");
    assert!(steps.iter().any(|c| c == "kubectl logs job/loader -n ingest"), "{steps:?}");
}

/// The account of the failing Job's own manifest fills the steps, even after another Job's.
/// (The step that names it applies to a refusal by the API, so the loader's refusal is one.)
#[test]
fn the_service_account_of_the_failing_jobs_manifest_fills_the_steps() {
    let paste = format!(
        "{}\n---\n{}",
        fixture("service-account-of-another-job.txt").replace(
            "open /data/batch-7.csv: permission denied",
            "configmaps \"loader-state\" is forbidden: cannot patch resource \"configmaps\""
        ),
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: loader\n  namespace: ingest\n\
         spec:\n  template:\n    spec:\n      serviceAccountName: batch-loader\n\
         \x20     restartPolicy: Never\n      containers:\n      - name: load\n\
         \x20       image: registry.example.test/ingest/loader:5\n"
    );
    let report = analyze(&paste);
    let (steps, _) = top_steps(&report);
    let joined = steps.join("\n");
    assert!(joined.contains("system:serviceaccount:ingest:batch-loader"), "{joined}");
    assert!(!joined.contains("report-writer"), "{joined}");
}

#[test]
fn a_workflow_engines_report_of_its_failed_task_is_not_the_programs_error() {
    // Snakemake says its pod is gone; nothing says why, so the answer is what to collect next.
    let input = "Error executing rule align on cluster (jobid: 12, external: snakejob-4f1c, jobscript: /w/.snakemake/tmp/snakejob.align.12.sh). For error details see the cluster log and the log files of the involved rule(s).\n\
                 Unknown pod snakejob-4f1c. Has the pod been deleted manually?\n\
                 Shutting down, this might take some time.\n\
                 Exiting because a job execution failed. Look above for error message\n";
    let report = analyze(input);
    assert_eq!(report.top_cause(), Cause::Unknown, "{:?}", report.findings);
    // Nextflow's report of a task that failed: the cause is on the lines after `Caused by:`.
    let input = "Error executing process > 'align (1)'\n\nCaused by:\n  Process `align (1)` terminated with an error exit status (1)\n";
    let report = analyze(input);
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.evidence.iter().all(|e| !e.text.contains("Error executing process"))),
        "{:?}",
        report.findings
    );
}

#[test]
fn a_pod_stopped_while_it_ran_with_no_failure_was_stopped_from_outside() {
    // A tool's box-drawn table names an `Error Message` field with no value: not an error.
    let input = "║Exit Code             │0                                ║\n\
                 ║Error Message         │                                 ║\n\n\
                 $ kubectl get events\n\
                 LAST SEEN   TYPE     REASON    OBJECT               MESSAGE\n\
                 12m         Normal   Started   pod/settle-q8hk3     Started container settle\n\
                 44s         Normal   Killing   pod/settle-q8hk3     Stopping container settle\n";
    let report = analyze(input);
    assert_eq!(report.top_cause(), Cause::TerminatedBySignal, "{:?}", report.findings);
    assert!(report.findings.iter().all(|f| f.cause != Cause::AppError), "{:?}", report.findings);
    // A probe's kill is worded otherwise: a stop from outside too, which says it was the probe.
    let probe = "LAST SEEN   TYPE      REASON      OBJECT           MESSAGE\n\
                 1m          Normal    Killing     pod/settle-q8    Container settle failed liveness probe, will be restarted\n";
    let probe = analyze(probe);
    assert_eq!(probe.top_cause(), Cause::TerminatedBySignal);
    assert!(probe.findings[0].summary.contains("liveness probe failed"), "{:?}", probe.findings);
}

#[test]
fn an_empty_password_in_a_failed_jobs_environment_is_the_missing_setting() {
    let describe = "Name:           grafana-db\nNamespace:      mon\n\
                    Pods Statuses:  0 Running / 0 Succeeded / 1 Failed\nPod Template:\n  Containers:\n   grafana-db:\n\
                    \x20   Image:      postgres:12-alpine\n    Environment:\n      PGUSER:      postgres\n\
                    \x20     PGPASSWORD:\n      PGHOST:      db.mon.svc\n\
                    Events:\n  Type     Reason                Age   From            Message\n\
                    \x20 ----     ------                ----  ----            -------\n\
                    \x20 Warning  BackoffLimitExceeded  9m    job-controller  Job has reached the specified backoff limit\n";
    let report = analyze(describe);
    assert_eq!(report.top_cause(), Cause::MissingConfig, "{:?}", report.findings);
    // A value taken from a Secret is not empty, and an empty setting of another kind says nothing.
    let from_secret = describe.replace(
        "PGPASSWORD:\n",
        "PGPASSWORD:  <set to the key 'password' in secret 'db'>  Optional: false\n",
    );
    assert_ne!(analyze(&from_secret).top_cause(), Cause::MissingConfig);
    let other = describe.replace("PGPASSWORD:\n", "HTTP_PROXY:\n");
    assert_ne!(analyze(&other).top_cause(), Cause::MissingConfig);
}

#[test]
fn a_webhook_that_cannot_be_called_gives_way_to_why_its_pods_do_not_run() {
    let input = "$ kubectl apply -f ingress.yaml\n\
                 Error from server (InternalError): error when creating \"ingress.yaml\": Internal error occurred: failed calling webhook \"validate.nginx.ingress.kubernetes.io\": Post \"https://ingress-nginx-controller-admission.ingress-nginx.svc:443/networking/v1/ingresses?timeout=10s\": dial tcp 10.96.12.7:443: connect: connection refused\n\n\
                 $ kubectl get pods -A\n\
                 NAMESPACE       NAME                                      READY   STATUS             RESTARTS   AGE\n\
                 ingress-nginx   ingress-nginx-admission-create-k8v2d      0/1     ImagePullBackOff   0          35m\n\
                 ingress-nginx   ingress-nginx-controller-54bfb9bb-9wqzx   0/1     ContainerCreating  0          35m\n";
    let report = analyze(input);
    assert_eq!(report.top_cause(), Cause::BadImage, "{:?}", report.findings);
    // Pods of another namespace say nothing of the webhook's.
    let elsewhere = input.replace("ingress-nginx   ingress", "batch           ingress");
    assert_eq!(analyze(&elsewhere).top_cause(), Cause::AdmissionOrQuota);
}

#[test]
fn a_dependency_the_program_waited_for_and_then_completed_came_and_went() {
    let input = "$ kubectl logs job/schema-init\n\
                 socket.gaierror: [Errno -2] Name or service not known\n\
                 Cassandra is still not up at cassandra.tracing.svc. Waiting 1 second.\n\n\
                 $ kubectl get pods\n\
                 NAME                READY   STATUS      RESTARTS   AGE\n\
                 schema-init-8vh2m   0/1     Completed   0          4m\n";
    let report = analyze(input);
    assert_eq!(report.top_cause(), Cause::TransientDependency, "{:?}", report.findings);
    // A run that failed is no recovery.
    let failed = input.replace("0/1     Completed", "0/1     Error    ");
    assert_eq!(analyze(&failed).top_cause(), Cause::NetworkOrDns);
}

#[test]
fn a_cronjob_that_never_ran_by_a_clock_in_another_zone_is_read_in_utc() {
    let input = "[root@master-1 ~]# date\nWed Nov 13 10:07:42 CST 2019\n\
                 [root@master-1 ~]# kubectl -n ops get cronjob\n\
                 NAME           SCHEDULE     SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n\
                 daily-report   0 10 * * *   False     0        <none>          5h\n";
    let report = analyze(input);
    assert_eq!(report.top_cause(), Cause::CronjobNotScheduling, "{:?}", report.findings);
    // A clock in UTC, or a CronJob that names its zone, says nothing of zones.
    let utc = input.replace(" CST ", " UTC ");
    assert_ne!(analyze(&utc).top_cause(), Cause::CronjobNotScheduling);
    let zoned = "Wed Nov 13 10:07:42 CST 2019\n\
                 NAME           SCHEDULE     TIMEZONE        SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n\
                 daily-report   0 10 * * *   Asia/Shanghai   False     0        <none>          5h\n";
    assert_ne!(analyze(zoned).top_cause(), Cause::CronjobNotScheduling);
}

#[test]
fn a_cronjob_whose_latest_run_failed_again_has_not_recovered() {
    let input = "$ kubectl -n data get jobs\n\
                 NAME                        COMPLETIONS   DURATION   AGE\n\
                 mariadb-backup-28560180     0/1           3m12s      2d\n\
                 mariadb-backup-28561620     1/1           49s        26h\n\
                 mariadb-backup-28563060     0/1           3m9s       140m\n\n\
                 $ kubectl -n data logs job/mariadb-backup-28563060\n\
                 ERROR 2002 (HY000): Can't connect to server on 'mariadb' (111 \"Connection refused\")\n";
    assert_eq!(analyze(input).top_cause(), Cause::NetworkOrDns);
    // When the latest run completed, the dependency came back.
    let recovered = input.replace("28561620     1/1", "28564500     1/1");
    assert_eq!(analyze(&recovered).top_cause(), Cause::TransientDependency);
}

#[test]
fn a_refused_connection_before_a_restart_that_came_up_came_and_went() {
    let input = "$ kubectl get pods\n\
                 NAME                               READY   STATUS    RESTARTS     AGE\n\
                 kestra-executor-6b8f9c7d5-7mzqv    1/1     Running   1 (3m ago)   5m\n\n\
                 $ kubectl logs kestra-executor-6b8f9c7d5-7mzqv --previous | tail -2\n\
                 Caused by: org.postgresql.util.PSQLException: Connection to kestra-postgresql:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.\n";
    assert_eq!(analyze(input).top_cause(), Cause::TransientDependency);
    // Running for a moment between crashes is no recovery.
    let looping = input.replace("1 (3m ago)", "5 (20s ago)");
    assert_eq!(analyze(&looping).top_cause(), Cause::NetworkOrDns);
}

#[test]
fn a_complete_job_whose_native_sidecar_ended_137_did_not_fail() {
    let input = "$ kubectl get job,pod -l app=myjob\n\
                 NAME              STATUS     COMPLETIONS   DURATION   AGE\n\
                 job.batch/myjob   Complete   1/1           48s        2m\n\n\
                 NAME              READY   STATUS      RESTARTS   AGE\n\
                 pod/myjob-vn7dp   0/2     Completed   0          2m\n\n\
                 $ kubectl describe pod myjob-vn7dp | grep -E 'State|Reason|Exit Code'\n\
                 \x20   State:          Terminated\n      Reason:       Error\n      Exit Code:    137\n\
                 \x20   State:          Terminated\n      Reason:       Completed\n      Exit Code:    0\n";
    assert_eq!(analyze(input).top_cause(), Cause::NoFailure, "{:?}", analyze(input).findings);
    // Without the Job's completion the 137 is still a question.
    let running = input.replace("Complete   1/1", "Running    0/1");
    assert_ne!(analyze(&running).top_cause(), Cause::NoFailure);
}

#[test]
fn the_kubelets_own_errors_are_not_the_programs() {
    let input = "k3os [~]$ sudo tail -n 1 /var/log/k3s-service.log\n\
                 E0117 08:10:51.412437    1798 pod_workers.go:191] Error syncing pod 3b66f5a0 (\"helm-install-traefik-qphtv_kube-system(3b66f5a0)\"), skipping: failed to \"CreatePodSandbox\" for \"helm-install-traefik-qphtv_kube-system(3b66f5a0)\"\n";
    let report = analyze(input);
    assert!(report.findings.iter().all(|f| f.cause != Cause::AppError), "{:?}", report.findings);
}

#[test]
fn the_users_own_account_above_the_paste_is_not_proof() {
    // "it was OOMKilled before" tells the past; the events tell this run's end.
    let report = report("account-above-deadline.txt");
    assert_eq!(verdict(&report), (Cause::DeadlineExceeded, vec![8]));
    let oom = report.findings.iter().find(|f| f.cause == Cause::OomKilled);
    assert!(oom.is_none_or(|f| f.confidence < 0.5), "{oom:?}");
}

#[test]
fn the_users_question_does_not_turn_a_warning_into_the_failure() {
    // klog's `I` level warning and the user's question beside a Job that completed.
    let report = report("question-below-completed-job.txt");
    assert_eq!(top(&report).cause, Cause::NoFailure);
}

#[test]
fn a_runtime_flag_that_says_not_oom_killed_is_not_an_oom_kill() {
    // `docker inspect` prints `"OOMKilled": false` beside exit 137.
    let report = report("docker-inspect-137-not-oom.txt");
    assert_eq!(top(&report).cause, Cause::TerminatedBySignal);
    assert!(report.findings.iter().all(|f| f.cause != Cause::OomKilled), "{:?}", report.findings);
}

#[test]
fn a_panic_gives_way_to_the_message_it_carries() {
    // The panic is how the program stopped; the missing file on its line is why.
    let report = report("go-panic-missing-file.txt");
    assert_eq!(verdict(&report), (Cause::MissingConfig, vec![7]));
}

#[test]
fn a_launchers_traceback_about_its_pod_is_a_report_not_the_cause() {
    // The launcher's own exception says the pod's container failed, not why.
    let report = report("launcher-traceback-container-failed.txt");
    assert_eq!(top(&report).cause, Cause::Unknown);
    let steps = &top(&report).steps;
    assert!(
        steps
            .iter()
            .any(|s| s.command.as_deref().is_some_and(|c| c.contains("kubectl describe pod"))),
        "{steps:?}"
    );
}

#[test]
fn a_half_ready_job_pod_in_a_meshed_namespace_is_held_by_its_proxy() {
    // No template in the paste: the namespace's injection label stands for the added container.
    let report = report("mesh-namespace-pod-half-ready.txt");
    assert_eq!(verdict(&report), (Cause::SidecarNeverExits, vec![6, 9]));
    assert!(top(&report).confidence < 0.8);
}

#[test]
fn containers_stopped_in_a_drain_are_not_a_sidecar_that_outlived_the_work() {
    // The pod is being deleted, the kubelet stopped both containers, and the node is cordoned.
    let report = report("drained-node-stops-runner.txt");
    assert_eq!(verdict(&report), (Cause::TerminatedBySignal, vec![24, 29]));
    assert!(report.findings.iter().all(|f| f.cause != Cause::SidecarNeverExits));
    assert!(top(&report).detail.as_deref().is_some_and(|d| d.contains("cordoned")));
}

#[test]
fn a_container_that_exits_0_into_crashloopbackoff_is_restarted_work_not_a_failure() {
    let report = report("one-shot-pod-restarted.txt");
    assert_eq!(verdict(&report), (Cause::NoFailure, vec![11, 12, 14]));
    assert!(top(&report).detail.as_deref().is_some_and(|d| d.contains("restartPolicy")));
}

#[test]
fn a_sentence_that_rules_out_an_oom_kill_is_not_one() {
    let report = report("not-oomkilled-sentence.txt");
    assert_eq!(top(&report).cause, Cause::MissingConfig);
    assert!(report.findings.iter().all(|f| f.cause != Cause::OomKilled), "{:?}", report.findings);
}

#[test]
fn a_dependency_that_came_back_healthy_gives_way_to_the_later_traceback() {
    let report = report("retry-healthy-then-keyerror.txt");
    assert_eq!(verdict(&report), (Cause::AppError, vec![7]));
}

#[test]
fn a_runtimes_own_heap_error_does_not_claim_the_container_limit() {
    let report = report("java-heap-below-limit.txt");
    let top = top(&report);
    assert_eq!(top.cause, Cause::OomKilled);
    assert!(!top.summary.contains("at its 4Gi memory limit"), "{}", top.summary);
    // Doubling the limit is no fix for a heap setting below it.
    assert!(top.fix.is_none(), "{:?}", top.fix);
}

#[test]
fn a_start_the_runtime_failed_in_its_own_hook_is_no_wrong_command() {
    // The runtime's message names a hook of its own, not the container's command: the start
    // failure decides nothing, and the hook's refusal is the answer.
    let report = report("start-hook-failed.txt");
    assert_eq!(verdict(&report), (Cause::PermissionDenied, vec![20]));
    assert_undecided(&report, Cause::BadCommand);
}

#[test]
fn a_start_whose_runtime_message_names_the_command_is_a_wrong_command() {
    let report = report("start-exec-not-found.txt");
    let f = top(&report);
    assert_eq!(f.cause, Cause::BadCommand);
    assert!(f.confidence >= 0.8, "{}", f.confidence);
}

#[test]
fn a_failed_kubectl_exec_into_a_running_job_is_not_its_failure() {
    let report = report("exec-into-distroless.txt");
    assert_eq!(report.top_cause(), Cause::Unknown);
    assert_undecided(&report, Cause::BadCommand);
}

#[test]
fn exec_format_error_from_a_script_without_a_shebang_is_the_script() {
    let report = report("script-without-shebang.txt");
    let f = top(&report);
    assert_eq!(verdict(&report), (Cause::BadCommand, vec![5, 10, 11]));
    assert!(f.summary.contains("#!"), "{}", f.summary);
    let arch = report.findings.iter().find(|f| f.cause == Cause::ExecFormat);
    assert!(arch.is_some_and(|f| f.confidence < top(&report).confidence));
}

#[test]
fn an_error_in_a_complete_job_the_user_doubts_is_the_answer() {
    let report = report("complete-but-doubted.txt");
    assert_eq!(verdict(&report), (Cause::AppError, vec![8]));
    // Without the user's doubt, the same Job's log reads as one that carried on to success.
    let text = fixture("complete-but-doubted.txt");
    let plain = analyze(text.split_once('\n').expect("two lines").1);
    assert_eq!(plain.top_cause(), Cause::NoFailure);
}

#[test]
fn a_warning_the_log_goes_on_past_answers_the_doubt() {
    // The user doubts the success, and the only complaint is a warning the program carried
    // on past to say the work went through: nothing failed.
    let text = fixture("complete-but-doubted.txt");
    let error = "ERROR upload of orders-2026-03-01.parquet rejected: bucket policy does not allow \
                 this prefix";
    let warning = "WARNING could not write the health file at /tmp/health.json: [Errno 30] \
                   Read-only file system";
    assert!(text.contains(error));
    let warned = text.replace(error, warning);
    assert_eq!(analyze(&warned).top_cause(), Cause::NoFailure);
    // Where the log stops at the warning, nothing says the work went through after it.
    let stopped = warned.replace("sync finished\n", "");
    assert_ne!(analyze(&stopped).top_cause(), Cause::NoFailure);
}

#[test]
fn an_error_relayed_inside_an_info_record_counts_in_full() {
    let report = report("relayed-stderr-error.txt");
    let f = top(&report);
    assert_eq!(verdict(&report), (Cause::AuthFailure, vec![7]));
    assert!(f.confidence >= 0.7, "{}", f.confidence);
}

#[test]
fn a_rejection_with_an_unprinted_object_decides_nothing() {
    let report = report("opaque-rejection.txt");
    assert_eq!(report.top_cause(), Cause::Unknown);
}

#[test]
fn a_complaint_turned_to_what_kubernetes_claims_is_a_doubt() {
    // The complaint first, then the turn to the success Kubernetes claims.
    let text = fixture("complete-but-doubted.txt");
    let body = text.split_once('\n').expect("two lines").1;
    let doubted =
        format!("no rows arrived in the warehouse, but the job says it succeeded\n{body}");
    assert_eq!(analyze(&doubted).top_cause(), Cause::AppError);
    // A success the user reports in their own words is no claim to doubt.
    let recovered = format!("the first sync broke, but after a retry it succeeded\n{body}");
    assert_eq!(analyze(&recovered).top_cause(), Cause::NoFailure);
}

#[test]
fn a_doubt_that_opens_with_a_tools_name_is_still_the_users() {
    // `helm ... passed, but ...` reads like a command; above the first real one it is the
    // user's sentence all the same.
    let text = fixture("complete-but-doubted.txt");
    let body = text.split_once('\n').expect("two lines").1;
    let doubted = format!("helm hook job passed, release deployed, but no rows arrived\n{body}");
    assert_eq!(analyze(&doubted).top_cause(), Cause::AppError);
}

#[test]
fn a_pull_that_cannot_reach_its_registry_in_an_air_gapped_cluster_is_the_image() {
    let report = report("airgap-pull-timeout.txt");
    let f = top(&report);
    assert_eq!(verdict(&report), (Cause::BadImage, vec![4, 11]));
    assert!(f.summary.contains("air-gapped"), "{}", f.summary);
    // Without the word, the same pull is a registry the node cannot reach.
    let text = fixture("airgap-pull-timeout.txt");
    let plain = analyze(text.split_once('\n').expect("two lines").1);
    assert_eq!(plain.top_cause(), Cause::NetworkOrDns);
}

#[test]
fn the_autoscalers_no_scale_up_is_over_once_the_pod_is_placed() {
    let report = report("placed-after-no-scale-up.txt");
    assert_eq!(verdict(&report), (Cause::VolumeMount, vec![13]));
}

#[test]
fn a_pod_waiting_on_its_claim_waits_on_the_claims_own_failure() {
    let report = report("unbound-claim-missing-class.txt");
    let f = top(&report);
    assert_eq!(verdict(&report), (Cause::VolumeMount, vec![4]));
    assert!(f.summary.contains("StorageClass"), "{}", f.summary);
    let commands: Vec<&str> = f.steps.iter().filter_map(|s| s.command.as_deref()).collect();
    assert!(commands.contains(&"kubectl describe pvc warm-cache -n build"), "{commands:?}");
    let waiting = report.findings.iter().find(|f| f.cause == Cause::Unschedulable);
    assert!(waiting.is_none_or(|w| w.confidence < f.confidence), "{:?}", report.findings);
}

#[test]
fn a_liveness_kill_gets_the_probe_step_and_a_plain_error_does_not() {
    let killed = "Events:\n  Type    Reason   Age  From     Message\n  ----    ------   ---  ----     -------\n  \
                  Normal  Killing  5m   kubelet  Container warmup failed liveness probe, will be restarted\n";
    let plain =
        "$ kubectl logs export-x7k2p\nTraceback (most recent call last):\nValueError: bad row 17\n";
    let probe_step = |paste: &str| {
        let report = analyze(paste);
        top(&report).steps.iter().any(|s| s.text.contains("liveness probe"))
    };
    assert!(probe_step(killed));
    assert!(!probe_step(plain));
}

#[test]
fn the_users_own_kubectl_errors_decide_nothing_and_say_how_to_get_past_them() {
    let report = report("kubectl-own-errors.txt");
    assert_eq!(top(&report).cause, Cause::Unknown);
    let next: Vec<&str> = report.next.iter().map(|n| n.command.as_str()).collect();
    assert_eq!(
        next[..2],
        [
            "kubectl get jobs -A --field-selector metadata.name=report-builder",
            "kubectl get pods -A --field-selector metadata.name=report-builder-q8m2d",
        ]
    );
    // A refusal that names the user is theirs; one that names a service account is the Job's.
    let user = analyze(
        "Error from server (Forbidden): pods \"etl-7x2kq\" is forbidden: User \"dana@example.com\" \
         cannot get resource \"pods/log\" in API group \"\" in the namespace \"data\"\n",
    );
    assert_eq!(top(&user).cause, Cause::Unknown);
    assert!(user.next[0].command.starts_with("kubectl auth can-i --list"), "{:?}", user.next);
    let workload = analyze(
        "Error from server (Forbidden): pods is forbidden: User \
         \"system:serviceaccount:data:etl\" cannot list resource \"pods\" in API group \"\" in \
         the namespace \"data\"\n",
    );
    assert_eq!(top(&workload).cause, Cause::PermissionDenied);
}

#[test]
fn an_option_and_its_value_in_one_argument_is_a_bad_command_even_in_a_template_cut() {
    let report = report("option-joined-in-a-template-cut.txt");
    assert_eq!(verdict(&report), (Cause::BadCommand, vec![12]));
    assert!(top(&report).summary.contains("\"--single-transaction true\" is one argument"));
    // An argument after an option that takes a value is that value, not a joined option.
    let value = fixture("option-joined-in-a-template-cut.txt").replace(
        "- \"--single-transaction true\"",
        "- \"--init-command\"\n                - \"-e SET x=1\"",
    );
    assert_ne!(top(&analyze(&value)).cause, Cause::BadCommand);
}

#[test]
fn a_failure_whose_retries_ran_out_did_not_come_and_go() {
    let report = report("gave-up-retrying-then-finished.txt");
    assert_ne!(report.top_cause(), Cause::TransientDependency, "{:?}", report.findings);
    assert!(report.findings.iter().all(|f| f.cause != Cause::TransientDependency));
    // A retry that went through is the failure coming and going.
    let recovered = fixture("gave-up-retrying-then-finished.txt")
        .replace("Gave up retrying", "Retrying")
        .replace("(failed 3 times)", "(failed 1 times)");
    assert!(analyze(&recovered).findings.iter().any(|f| f.cause == Cause::TransientDependency));
}

#[test]
fn a_success_the_user_reports_as_claimed_is_doubted_anywhere_in_the_paste() {
    let text = fixture("gave-up-retrying-then-finished.txt");
    let (table, logs) = text.split_once("\n\n").expect("two parts");
    let doubted =
        format!("{table}\n\njob says complete but nothing new in the bucket. logs:\n{logs}");
    assert_eq!(analyze(&doubted).top_cause(), Cause::NetworkOrDns);
}

#[test]
fn a_job_a_cronjob_made_is_fixed_in_the_cronjob_and_rerun_from_it() {
    let input = "$ kubectl get pods -n billing\n\
                 NAME                            READY   STATUS         RESTARTS   AGE\n\
                 invoice-export-28890120-8kq2x   0/1     ErrImagePull   0          3m\n\n\
                 Warning  Failed  2m  kubelet  Failed to pull image \"registry.example/invoice:v3\": \
                 rpc error: code = NotFound desc = failed to pull and unpack image \
                 \"registry.example/invoice:v3\": not found\n";
    let report = analyze(input);
    assert_eq!(report.top_cause(), Cause::BadImage);
    let steps = &report.findings[0].steps;
    let fix = steps.iter().find(|s| s.text.contains("Correct the image")).expect("a fix step");
    assert!(fix.text.contains("the jobTemplate of CronJob invoice-export"), "{}", fix.text);
    assert!(fix.text.contains("start a new run from the CronJob"), "{}", fix.text);
    assert_eq!(
        fix.command.as_deref(),
        Some("kubectl create job invoice-export-manual --from=cronjob/invoice-export -n billing")
    );
    // A CI system's timestamp in a Job's name is no schedule: the Job is re-created as it is.
    let ci = input.replace("invoice-export-28890120-8kq2x", "invoice-export-1733300000-8kq2x");
    let steps = &analyze(&ci).findings[0].steps;
    assert!(steps.iter().all(|s| !s.text.contains("CronJob")), "{steps:?}");
}

#[test]
fn a_usage_printed_after_an_error_gives_way_to_the_error() {
    let logs = "$ kubectl logs ledger-recon-8fj2q -n finance\n\
                Loading config from /etc/recon/config.yaml\n\
                Error: invalid value for RECON_START_DATE: \"2024-13-01\" is not a valid date\n\
                Usage: recon [flags]\n";
    let report = analyze(logs);
    // The error's own words name a setting with a wrong value.
    assert_eq!(verdict(&report), (Cause::MissingConfig, vec![3]));
    // An error about the command line itself keeps the usage's reading.
    let flag = logs.replace(
        "invalid value for RECON_START_DATE: \"2024-13-01\" is not a valid date",
        "unknown flag: --start",
    );
    assert_eq!(analyze(&flag).top_cause(), Cause::BadCommand);
}

#[test]
fn an_error_no_rule_knows_is_read_from_its_own_words() {
    let logs = "$ kubectl logs ledger-sync-7tq2m -n finance\n\
                sync starting for tenant 7\n\
                Error: ledger upstream answered: access denied for key ops-reader\n";
    let report = analyze(logs);
    assert_eq!(verdict(&report), (Cause::AuthFailure, vec![3]));
    let finding = top(&report);
    assert!(finding.confidence < 0.8, "{}", finding.confidence);
    let detail = finding.detail.as_deref().unwrap_or_default();
    assert!(
        detail.contains("no rule knows its message, but it says \"access denied\""),
        "{detail}"
    );
    // A wrapped error names its innermost cause last.
    let wrapped = logs.replace("for key ops-reader", "at first, then the ledger host unreachable");
    let wrapped = analyze(&wrapped);
    assert_eq!(verdict(&wrapped).0, Cause::NetworkOrDns);
    let detail = top(&wrapped).detail.as_deref().unwrap_or_default();
    assert!(detail.ends_with("but it says \"unreachable\""), "{detail}");
    // Without such words the error is the program's own.
    let plain = logs.replace("access denied for key ops-reader", "totals do not balance");
    assert_eq!(verdict(&analyze(&plain)), (Cause::AppError, vec![3]));
}

#[test]
fn a_pull_without_credentials_the_node_could_not_fetch_is_the_network() {
    let paste = "$ kubectl describe pod nightly-report-8d2kq -n reports | tail -2\n\
  Warning  FailedCreatePodSandBox  3m (x40 over 30m)  kubelet  Failed to create pod sandbox: rpc error: code = Unknown desc = failed pulling image \"123456789012.dkr.ecr.eu-west-1.amazonaws.com/pause:3.9\": Error response from daemon: Get https://123456789012.dkr.ecr.eu-west-1.amazonaws.com/v2/pause/manifests/3.9: no basic auth credentials\n\
$ journalctl -u kubelet | grep -A1 aws_credentials\n\
E0301 10:00:01.000000    2211 aws_credentials.go:77] while requesting ECR authorization token RequestError: send request failed\n\
caused by: Post https://api.ecr.eu-west-1.amazonaws.com/: dial tcp 10.9.8.7:443: i/o timeout\n";
    let report = analyze(paste);
    assert_eq!(verdict(&report), (Cause::NetworkOrDns, vec![5]));
    let detail = top(&report).detail.as_deref().unwrap_or_default();
    assert!(detail.contains("credential service"), "{detail}");
    let pull_auth = report.findings.iter().find(|f| f.cause == Cause::ImagePullAuth);
    assert!(pull_auth.is_none_or(|f| f.confidence < 0.5), "{pull_auth:?}");
    // Without the failed fetch, the refused pull is the pod's own missing credentials.
    let alone = paste.lines().take(2).collect::<Vec<_>>().join("\n");
    assert_eq!(verdict(&analyze(&alone)).0, Cause::ImagePullAuth);
}

#[test]
fn a_pod_on_a_node_that_went_not_ready_ended_with_its_node() {
    let paste = "$ kubectl get pods -o wide -n batch\n\
NAME                  READY   STATUS        RESTARTS   AGE   IP           NODE       NOMINATED NODE   READINESS GATES\n\
reindex-28911540-x2   1/1     Terminating   0          2h    10.2.3.4     worker-7   <none>           <none>\n\
\n\
$ kubectl get nodes\n\
NAME       STATUS     ROLES    AGE   VERSION\n\
worker-6   Ready      <none>   40d   v1.30.2\n\
worker-7   NotReady   <none>   40d   v1.30.2\n";
    let report = analyze(paste);
    assert_eq!(verdict(&report), (Cause::TerminatedBySignal, vec![3, 8]));
    // Another node's trouble says nothing of this pod.
    let elsewhere = paste
        .replace("worker-7   NotReady", "worker-7   Ready   ")
        .replace("worker-6   Ready   ", "worker-6   NotReady");
    let report = analyze(&elsewhere);
    assert!(report.findings.iter().all(|f| f.cause != Cause::TerminatedBySignal), "{report:?}");
}

#[test]
fn a_failed_run_whose_logs_say_it_failed_in_plain_words_is_the_programs_own() {
    let paste = "$ kubectl get pods -n db\n\
NAME                     READY   STATUS   RESTARTS   AGE\n\
restore-28911540-x2kqp   0/1     Error    0          4m\n\
\n\
$ kubectl logs restore-28911540-x2kqp -n db\n\
streaming backup from the bucket\n\
xbstream: failed to create file.\n";
    let report = analyze(paste);
    assert_eq!(verdict(&report).0, Cause::AppError);
    assert!(top(&report).evidence.iter().any(|e| e.line == 7), "{:?}", top(&report).evidence);
    // Logs that say nothing failed leave the answer to the next command.
    let quiet = paste.replace("xbstream: failed to create file.", "streamed 14 files");
    assert_eq!(verdict(&analyze(&quiet)).0, Cause::Unknown);
}

#[test]
fn an_error_no_rule_knows_is_read_at_the_innermost_cause_of_its_chain() {
    let logs = "$ kubectl logs ledger-export-7tq2m -n finance\n\
                ERROR Main: could not start the export\n\
                org.acme.ExportException: init failed\n\
                \tat org.acme.Main.run(Main.java:12)\n\
                Caused by: org.acme.StoreException: the ledger store is unreachable\n";
    let report = analyze(logs);
    assert_eq!(verdict(&report), (Cause::NetworkOrDns, vec![2, 5]));
    let detail = top(&report).detail.as_deref().unwrap_or_default();
    assert!(detail.ends_with("but it says \"unreachable\""), "{detail}");
}

#[test]
fn an_old_oom_of_a_running_bystander_does_not_name_the_finding() {
    let report = report("oom-beside-a-healthy-bystander.txt");
    let f = top(&report);
    assert_eq!(f.cause, Cause::OomKilled);
    assert!(f.summary.contains("trainer of pod ml-train-epoch-77fq2"), "{}", f.summary);
    assert!(f.summary.contains("16Gi"), "{}", f.summary);
}
