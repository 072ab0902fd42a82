//! The analyzer end to end: the JSON contract, the structural checks, the tie-breaks of
//! `causes.md`, and survival on hostile and truncated input.

use kubetriage::{analyze, Cause};

/// `input` with `from` replaced by `to`; `from` must be there, so that the variant differs.
fn changed(input: &str, from: &str, to: &str) -> String {
    assert!(input.contains(from), "no {from:?} to replace");
    input.replace(from, to)
}

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
    for field in ["cause", "detail", "confidence", "summary", "evidence", "steps", "guide", "fix"] {
        assert!(finding.get(field).is_some(), "finding has no {field}");
    }
    assert!(json["next"].is_array());
    assert!(json["lint"].is_array());
    let timeline = &json["timeline"];
    for field in ["job", "counting", "used", "allowed", "deadline", "clock", "attempts", "summary"]
    {
        assert!(timeline.get(field).is_some(), "timeline has no {field}");
    }
    let attempt = &timeline["attempts"][0];
    for field in ["pod", "start", "end", "outcome", "exit_code", "reason", "gap_after", "lines"] {
        assert!(attempt.get(field).is_some(), "attempt has no {field}");
    }
    assert_eq!(attempt["start"]["source"], "event age");
    assert_eq!(attempt["start"]["text"], "3m");
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
fn a_key_missing_from_an_object_names_the_object_and_its_namespace() {
    let input = "  Warning  Failed  5s (x3 over 30s)  kubelet  Error: couldn't find key api-key in Secret payments/stripe\n";
    let report = analyze(input);
    let f = &report.findings[0];
    assert_eq!(f.cause, Cause::MissingSecretOrConfigMap);
    let commands: Vec<&str> = f.steps.iter().filter_map(|s| s.command.as_deref()).collect();
    assert!(
        commands.contains(&"kubectl describe secret,configmap stripe -n payments"),
        "{commands:?}"
    );
    assert!(commands.iter().all(|c| !c.contains("api-key")), "{commands:?}");
}

#[test]
fn the_container_named_is_the_one_of_the_pod_the_evidence_is_about() {
    let input = "\
$ kubectl get pods -n sync
NAME                READY   STATUS    RESTARTS   AGE
sync-5zq7c          0/1     Error     0          11m
sync-h2w8n          0/1     Error     0          9m
$ kubectl logs sync-5zq7c -n sync -c wait-for-db
waiting for db
$ kubectl logs sync-h2w8n -n sync
dial tcp 10.0.0.9:8091: connect: connection refused
";
    let report = analyze(input);
    let f = &report.findings[0];
    assert_eq!(f.cause, Cause::NetworkOrDns);
    let commands: Vec<&str> = f.steps.iter().filter_map(|s| s.command.as_deref()).collect();
    assert!(commands.iter().any(|c| c.contains("logs sync-h2w8n")), "{commands:?}");
    // The -c of another pod's logs is not this pod's container.
    assert!(commands.iter().all(|c| !c.contains("wait-for-db")), "{commands:?}");
    assert!(!f.summary.contains("wait-for-db"), "{}", f.summary);
}

#[test]
fn the_code_a_runtime_quotes_over_a_caret_is_not_the_message() {
    let input = "\
$ kubectl logs sync-7k2pq
file:///app/dist/env.js:40
        throw new Error(`Missing or invalid env vars: ${issues}`);
              ^

Error: Missing or invalid env vars: LEDGER_PORT (expected number, received NaN)
    at parseEnvs (file:///app/dist/env.js:40:15)
";
    let report = analyze(input);
    let f = &report.findings[0];
    assert_eq!(f.cause, Cause::MissingConfig);
    let lines: Vec<usize> = f.evidence.iter().map(|e| e.line).collect();
    assert_eq!(lines, [6], "{:?}", f.evidence);
}

#[test]
fn a_webhook_the_program_could_not_call_before_it_was_ready_passed() {
    let input = "\
$ kubectl -n certs get pods
NAME                   READY   STATUS      RESTARTS   AGE
apicheck-2kqtn         0/1     Error       0          6m57s
apicheck-wv8rd         0/1     Completed   0          5m41s
$ kubectl -n certs logs apicheck-2kqtn
Not ready: (Internal error occurred: failed calling webhook \"webhook.certs.io\": failed to call webhook: Post \"https://webhook.certs.svc:443/mutate\": dial tcp 10.96.48.155:443: connect: connection refused)
";
    assert_eq!(top(input).0, Cause::TransientDependency);
    // The same refusal when the job controller creates the pod is the admission's.
    let created = "\
Events:
  Type     Reason        Age   From            Message
  ----     ------        ----  ----            -------
  Warning  FailedCreate  2m    job-controller  Error creating: Internal error occurred: failed calling webhook \"webhook.certs.io\": failed to call webhook: Post \"https://webhook.certs.svc:443/mutate\": dial tcp 10.96.48.155:443: connect: connection refused
";
    assert_eq!(top(created).0, Cause::AdmissionOrQuota);
}

#[test]
fn a_pod_stopped_before_its_job_failed_was_stopped_from_outside() {
    let input = "\
$ kubectl get events --watch
LAST SEEN   TYPE      REASON                 OBJECT                  MESSAGE
0s          Normal    Started                pod/sleep-28658220-mj58d   Started container sleeper
0s          Normal    Killing                pod/sleep-28658220-mj58d   Stopping container sleeper
0s          Warning   BackoffLimitExceeded   job/sleep-28658220         Job has reached the specified backoff limit
";
    assert_eq!(top(input).0, Cause::TerminatedBySignal);
    // Killing after the failure is the controller removing what is left: it says nothing.
    let after = "\
$ kubectl get events --watch
LAST SEEN   TYPE      REASON                 OBJECT                  MESSAGE
0s          Warning   BackoffLimitExceeded   job/sleep-28658220         Job has reached the specified backoff limit
0s          Normal    Killing                pod/sleep-28658220-mj58d   Stopping container sleeper
";
    assert_eq!(top(after).0, Cause::Unknown);
    let deleted = format!("{after}$ kubectl delete pod sleep-28658220-mj58d\n");
    assert_eq!(top(&deleted).0, Cause::TerminatedBySignal);
}

#[test]
fn a_job_whose_container_serves_requests_never_completes() {
    let input = "\
$ kubectl -n cloud get jobs
NAME                      STATUS    COMPLETIONS   DURATION   AGE
cron-29296200             Running   0/1           2h3m       2h3m
$ kubectl -n cloud logs job/cron-29296200
[core:notice] [pid 1] AH00163: Apache/2.4.65 (Debian) configured -- resuming normal operations
";
    assert_eq!(top(input).0, Cause::BadCommand);
    // The same line from a Job that completed is only its output.
    let done = changed(input, "Running   0/1", "Complete  1/1");
    assert_ne!(top(&done).0, Cause::BadCommand);
}

#[test]
fn a_replacement_no_node_takes_comes_after_the_stop_that_made_it() {
    let input = "\
LAST SEEN   TYPE      REASON                 OBJECT                      MESSAGE
16m         Warning   NodeNotReady           pod/agg-4rj2p               Node is not ready
11m         Normal    TaintManagerEviction   pod/agg-4rj2p               Marking for deletion Pod batch/agg-4rj2p
11m         Normal    SuccessfulCreate       job/agg                     Created pod: agg-q2h7n
10m         Warning   FailedScheduling       pod/agg-q2h7n               0/6 nodes are available: 1 Insufficient nvidia.com/gpu, 5 node(s) didn't match node selector.
";
    assert_eq!(top(input).0, Cause::TerminatedBySignal);
    // A pod no node took before anything was stopped is the scheduling's own story.
    let before = changed(
        input,
        "10m         Warning   FailedScheduling",
        "20m         Warning   FailedScheduling",
    );
    assert_eq!(top(&before).0, Cause::Unschedulable);
    // Ages of one minute's grain: as old as the stop and listed after it, it came after.
    let same_minute = changed(
        input,
        "10m         Warning   FailedScheduling",
        "11m         Warning   FailedScheduling",
    );
    assert_eq!(top(&same_minute).0, Cause::TerminatedBySignal);
}

#[test]
fn a_scheduling_failure_the_scheduler_got_past_is_over() {
    let input = "\
Events:
  Type     Reason            Age                From               Message
  ----     ------            ----               ----               -------
  Warning  FailedScheduling  7m                 default-scheduler  persistentvolumeclaim \"archive\" not found
  Normal   Scheduled         6m                 default-scheduler  Successfully assigned media/enc-k8w2d to node-b07
  Normal   Pulling           5m (x4 over 6m)    kubelet            Pulling image \"enc:latest\"
  Warning  Failed            5m (x4 over 6m)    kubelet            Failed to pull image \"enc:latest\": rpc error: code = Unknown desc = Error response from daemon: pull access denied for enc, repository does not exist or may require 'docker login': denied: requested access to the resource is denied
  Warning  Failed            5m (x4 over 6m)    kubelet            Error: ErrImagePull
";
    let (cause, _) = top(input);
    assert!(matches!(cause, Cause::BadImage | Cause::ImagePullAuth), "{cause:?}");
    // The same rows with their spaces squeezed, as a page shows a paste outside a code block.
    let squeezed: String = input
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n");
    let (cause, _) = top(&squeezed);
    assert!(matches!(cause, Cause::BadImage | Cause::ImagePullAuth), "squeezed: {cause:?}");
    // Without the pod's `Scheduled` event, the claim is still what holds it.
    let pending = changed(
        input,
        "  Normal   Scheduled         6m                 default-scheduler  Successfully assigned media/enc-k8w2d to node-b07\n",
        "",
    );
    let pending: String = pending.lines().take(4).map(|l| format!("{l}\n")).collect();
    assert_eq!(top(&pending).0, Cause::VolumeMount);
    // Another pod's `Scheduled` event does not end this one's failure.
    let events = "\
LAST SEEN   TYPE      REASON             OBJECT          MESSAGE
7m          Warning   FailedScheduling   pod/enc-k8w2d   persistentvolumeclaim \"archive\" not found
6m          Normal    Scheduled          pod/enc-x7p2q   Successfully assigned media/enc-x7p2q to node-b07
";
    assert_eq!(top(events).0, Cause::VolumeMount);
    let same = changed(events, "pod/enc-x7p2q", "pod/enc-k8w2d");
    assert_ne!(top(&same).0, Cause::VolumeMount);
    // A pod the paste lists past scheduling has been placed, whatever an older event said.
    let listed = format!(
        "NAME            READY   STATUS             RESTARTS   AGE\n\
         enc-k8w2d       0/1     ImagePullBackOff   0          6m\n\n{}",
        "  Warning  FailedScheduling  9m (x10 over 16m)  default-scheduler  0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/disk-pressure: }\n"
    );
    assert_eq!(top(&listed).0, Cause::BadImage);
    let pending = changed(&listed, "0/1     ImagePullBackOff", "0/1     Pending         ");
    assert_eq!(top(&pending).0, Cause::Unschedulable);
}

#[test]
fn a_secret_another_step_created_a_moment_later_was_no_missing_secret() {
    let events = "\
LAST SEEN   TYPE      REASON        OBJECT                  MESSAGE
7m49s       Warning   FailedMount   pod/chat-7f9c5d-xk2vd   MountVolume.SetUp failed for volume \"keys\" : secret \"chat-generated\" not found
7m38s       Normal    Completed     job/chat-secret         Job completed
7m30s       Normal    Started       pod/chat-7f9c5d-xk2vd   Started container synapse
";
    assert_eq!(top(events).0, Cause::NoFailure);
    // Still waiting: the Secret is missing.
    let waiting = changed(
        events,
        "7m30s       Normal    Started       pod/chat-7f9c5d-xk2vd   Started container synapse\n",
        "",
    );
    assert_eq!(top(&waiting).0, Cause::MissingSecretOrConfigMap);
    // Started before the failure (events listed out of order): the failure is the later news.
    let before = changed(events, "7m30s       Normal    Started", "9m30s       Normal    Started");
    assert_eq!(top(&before).0, Cause::MissingSecretOrConfigMap);
}

#[test]
fn a_secret_the_user_did_not_find_is_not_why_pods_that_started_failed() {
    let input = "\
$ kubectl -n staging get pods
NAME                         READY   STATUS    RESTARTS   AGE
ecr-renew-1592200800-sx7fd   1/1     Running   0          3h14m

$ kubectl -n staging get secret ecr-registry
Error from server (NotFound): secrets \"ecr-registry\" not found
";
    assert_ne!(top(input).0, Cause::MissingSecretOrConfigMap);
    // A pod that waits for it never started: the missing Secret is why.
    let waiting = changed(input, "1/1     Running   ", "0/1     CreateContainerConfigError   ");
    assert_eq!(top(&waiting).0, Cause::MissingSecretOrConfigMap);
    // The same message printed by the Job's own program is not the user's lookup.
    let printed = changed(
        input,
        "$ kubectl -n staging get secret ecr-registry",
        "$ kubectl logs ecr-renew-1592200800-sx7fd",
    );
    assert_eq!(top(&printed).0, Cause::MissingSecretOrConfigMap);
}

#[test]
fn the_answer_to_a_hand_edit_of_a_pod_is_about_the_edit() {
    let input = "\
$ kubectl -n qa get pod
NAME                            READY   STATUS        RESTARTS   AGE
mailer-28306992-9dcql           0/1     Terminating   0          2d18h

$ kubectl -n qa patch pod mailer-28306992-9dcql -p '{\"metadata\":{\"finalizers\":null}}'
The Pod \"mailer-28306992-9dcql\" is invalid: spec.initContainers: Forbidden: pod updates may not add or remove containers
";
    assert_ne!(top(input).0, Cause::InvalidSpec);
    // The same refusal when the user creates the Job is why it never ran.
    let created = changed(
        input,
        "$ kubectl -n qa patch pod mailer-28306992-9dcql -p '{\"metadata\":{\"finalizers\":null}}'",
        "$ kubectl -n qa apply -f mailer.yaml",
    );
    assert_eq!(top(&created).0, Cause::InvalidSpec);
}

#[test]
fn a_pod_the_kubelet_still_blocks_is_no_attempt_that_failed() {
    let input = "\
NAME                    READY   STATUS      RESTARTS   AGE
etl-load-2tqfb          0/1     AppArmor    0          7m
etl-load-vb7sx          0/1     Completed   0          7m

$ kubectl describe pod etl-load-2tqfb -n etl
Name:         etl-load-2tqfb
Namespace:    etl
Priority:     0
Node:         node-4/192.168.122.57
Start Time:   Tue, 24 Aug 2021 09:31:46 +0000
Labels:       job-name=etl-load
Status:       Running
Reason:       AppArmor
Message:      Cannot enforce AppArmor: profile \"etl-loader\" is not loaded
Controlled By:  Job/etl-load
";
    assert_eq!(top(input).0, Cause::MissingConfig);
    // Once that pod has ended, it is an attempt that failed beside one that succeeded.
    let ended = changed(input, "Status:       Running", "Status:       Failed");
    assert_eq!(top(&ended).0, Cause::TransientDependency);
}

#[test]
fn the_completed_event_of_a_described_job_cut_by_tail_completes_it() {
    let input = "\
job.batch/migration condition met
$ kubectl describe job migration -n staging | tail -4
  Type    Reason            Age    From            Message
  ----    ------            ----   ----            -------
  Normal  SuccessfulCreate  10m    job-controller  Created pod: migration-wpcp5
  Normal  Completed         9m41s  job-controller  Job completed
";
    assert_eq!(top(input).0, Cause::NoFailure);
    let pod = changed(input, "describe job migration", "describe pod migration-wpcp5");
    assert_ne!(top(&pod).0, Cause::NoFailure);
}

#[test]
fn a_job_pod_pending_for_minutes_has_no_node() {
    let input = "\
NAME                    READY   STATUS    RESTARTS   AGE
report-28491150-7xk2p   0/1     Pending   0          12m
";
    assert_eq!(top(input).0, Cause::Unschedulable);
    // Seconds old, it may only be on its way to a node.
    let young = changed(input, "0          12m", "0          20s");
    assert_ne!(top(&young).0, Cause::Unschedulable);
    // A Deployment's pod beside the Job is its own story.
    let deployment = changed(input, "report-28491150-7xk2p", "report-6c8f4c9d7b-qz7lm");
    assert_ne!(top(&deployment).0, Cause::Unschedulable);
}

#[test]
fn a_failure_the_program_retried_past_came_and_went() {
    let input = "\
$ kubectl logs ingest-7d9f8-2xq5n -c fetch
[fetch] aws s3 sync s3://ingest/models /work/models (attempt 1)
Unable to locate credentials. You can configure credentials by running \"aws configure\".
[fetch] retrying in 5s
[fetch] aws s3 sync s3://ingest/models /work/models (attempt 2)
download ok (attempt 2)
";
    assert_eq!(top(input).0, Cause::TransientDependency);
    // Retried, and failed again: the credentials are missing.
    let again =
        changed(input, "download ok (attempt 2)", "Unable to locate credentials. Giving up.");
    assert_eq!(top(&again).0, Cause::MissingConfig);
    // No retry at all.
    let once = changed(input, "[fetch] retrying in 5s\n[fetch] aws s3 sync s3://ingest/models /work/models (attempt 2)\ndownload ok (attempt 2)\n", "");
    assert_eq!(top(&once).0, Cause::MissingConfig);
    // Retried past, and a different failure later: that failure is the answer.
    let later = changed(
        input,
        "download ok (attempt 2)\n",
        "download ok (attempt 2)\nTraceback (most recent call last):\n  File \"/app/fit.py\", line 9, in <module>\nValueError: shape mismatch in layer 3\n",
    );
    assert_eq!(top(&later).0, Cause::AppError);
}

#[test]
fn a_connection_refused_while_retrying_then_connected_gives_way_to_the_later_error() {
    let input = "\
$ kubectl logs backfill-8fj2k
05:00:01 WARN  cache not ready: dial tcp 10.96.50.7:6379: connect: connection refused, retrying in 2s
05:00:05 INFO  connected to cache
Traceback (most recent call last):
  File \"/app/backfill.py\", line 180, in run
RuntimeError: ledger total does not match the source
";
    assert_eq!(top(input).0, Cause::AppError);
    // Never connected: the refused connection is why it failed.
    let never = changed(input, "05:00:05 INFO  connected to cache\n", "");
    assert_eq!(top(&never).0, Cause::NetworkOrDns);
}

#[test]
fn steps_of_work_that_completed_after_all_do_not_re_run_it() {
    let input = "\
$ kubectl get jobs -n etl
NAME          COMPLETIONS   DURATION   AGE
load-orders   1/1           2m10s      5m
$ kubectl logs job/load-orders -n etl
10:00:01 ERROR could not translate host name \"orders-db.etl.svc\" to address: Name or service not known
10:00:06 retrying in 5s (attempt 2 of 10)
10:02:10 loaded 120000 rows, done
";
    let reruns = |input: &str| {
        let report = analyze(input);
        let steps = report.findings.iter().flat_map(|f| &f.steps);
        let commands: Vec<String> = steps.filter_map(|s| s.command.clone()).collect();
        commands.iter().any(|c| c.starts_with("kubectl replace --force"))
    };
    assert_eq!(top(input).0, Cause::TransientDependency);
    assert!(!reruns(input));
    // The same log of a Job that has not completed: re-creating it is the way to run it again.
    let running = changed(input, "1/1           2m10s", "0/1           2m10s");
    assert!(reruns(&running));
}

#[test]
fn a_job_a_cronjob_created_is_re_run_from_the_cronjob() {
    let input = "\
$ kubectl describe job weekly-digest-28870200 -n reports
Name:             weekly-digest-28870200
Namespace:        reports
Controlled By:    CronJob/weekly-digest
Pods Statuses:    0 Active (0 Ready) / 0 Succeeded / 7 Failed
Events:
  Type     Reason                Age   From            Message
  ----     ------                ----  ----            -------
  Warning  BackoffLimitExceeded  2d    job-controller  Job has reached the specified backoff limit
$ kubectl logs weekly-digest-28870200-lt7qz -n reports
smtplib.SMTPAuthenticationError: (535, b'5.7.8 Username and Password not accepted.')
";
    let reruns = |input: &str| -> Vec<String> {
        let report = analyze(input);
        let steps = report.findings.iter().flat_map(|f| &f.steps);
        let commands = steps.filter_map(|s| s.command.clone());
        commands.filter(|c| c.contains("replace --force") || c.contains("create job")).collect()
    };
    let from_cronjob =
        "kubectl create job weekly-digest-manual --from=cronjob/weekly-digest -n reports";
    assert_eq!(reruns(input), [from_cronjob]);
    // Named like a CronJob's Job, beside that CronJob's row, with no owner shown.
    let named = changed(input, "Controlled By:    CronJob/weekly-digest\n", "")
        + "$ kubectl get cronjob -n reports\nNAME            SCHEDULE    SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nweekly-digest   0 6 * * 1   False     0        2d              90d\n";
    assert_eq!(reruns(&named), [from_cronjob]);
    // Named for its scheduled minute, with neither owner nor CronJob shown: the name is the
    // controller's, so the CronJob is the one before the minute.
    let scheduled = changed(input, "Controlled By:    CronJob/weekly-digest\n", "");
    assert_eq!(reruns(&scheduled), [from_cronjob]);
    // A Job of its own is re-created from its manifest.
    let own = scheduled.replace("weekly-digest-28870200", "weekly-digest-rerun");
    assert_eq!(reruns(&own), ["kubectl replace --force -f weekly-digest-rerun.yaml"]);
}

#[test]
fn skips_of_a_cronjob_described_from_its_tail_give_way_to_the_held_pods_failure() {
    let input = "\
$ kubectl -n shop describe cronjob nightly-dump | tail -5
Active Jobs:         nightly-dump-29104200
Events:
  Type    Reason            Age                 From                Message
  ----    ------            ----                ----                -------
  Normal  JobAlreadyActive  90s (x6 over 3h)    cronjob-controller  Not starting job because prior execution is running and concurrency policy is Forbid
$ kubectl -n shop get pods
NAME                          READY   STATUS             RESTARTS       AGE
nightly-dump-29104200-x7k2p   0/1     CrashLoopBackOff   31 (2m ago)    3h
$ kubectl -n shop logs nightly-dump-29104200-x7k2p
mysqldump: Got error: 2002: \"Can't connect to MySQL server on 'orders-db' (111)\" when trying to connect
";
    assert_eq!(top(input).0, Cause::NetworkOrDns);
    // The same skips with a pod that runs: the held run never ends, and the CronJob is stuck.
    let running =
        changed(input, "0/1     CrashLoopBackOff   31 (2m ago)", "1/1     Running            0");
    let running = changed(&running, "mysqldump: Got error", "progress: dumping");
    assert_eq!(top(&running).0, Cause::CronjobNotScheduling);
}

#[test]
fn a_pods_own_reason_shown_as_its_status_is_read_as_its_reason() {
    let input = "\
$ kubectl -n sim get pods
NAME              READY   STATUS             RESTARTS   AGE
render-7qk2p      0/1     DeadlineExceeded   0          4h0m
";
    assert_eq!(top(input).0, Cause::DeadlineExceeded);
}

#[test]
fn a_container_killed_for_failing_its_liveness_probe_was_stopped_by_its_probe() {
    let input = "\
Name:           long-report-4rfz8
Namespace:      reports
Controlled By:  Job/long-report
Containers:
  report:
    State:          Terminated
      Reason:       Error
      Exit Code:    137
    Liveness:   http-get http://:8080/healthz delay=10s timeout=1s period=10s #success=1 #failure=3
Events:
  Type     Reason     Age   From     Message
  ----     ------     ----  ----     -------
  Warning  Unhealthy  4m    kubelet  Liveness probe failed: Get \"http://10.2.3.4:8080/healthz\": dial tcp 10.2.3.4:8080: connect: connection refused
  Normal   Killing    4m    kubelet  Container report failed liveness probe, will be restarted
";
    let report = analyze(input);
    let first = &report.findings[0];
    assert_eq!(first.cause, Cause::TerminatedBySignal);
    assert!(first.evidence.iter().any(|e| e.text.contains("failed liveness probe")));
    assert!(first.summary.contains("liveness probe failed"), "{}", first.summary);
    // The steps are about the probe, not a drain, and no policy ignores the kill.
    let steps: Vec<&str> = first.steps.iter().map(|s| s.text.as_str()).collect();
    assert!(steps.iter().any(|s| s.contains("take the probe out")), "{steps:?}");
    assert!(!steps.iter().any(|s| s.contains("DisruptionTarget")), "{steps:?}");
    assert!(report
        .findings
        .iter()
        .all(|f| f.fix.as_ref().is_none_or(|p| p.id != "ignore-disruptions")));
    // The same exit without the kill: a stop from outside, whose steps look for the drain.
    let stopped = changed(input, "  Normal   Killing    4m    kubelet  Container report failed liveness probe, will be restarted\n", "");
    let stopped = changed(&stopped, "  Warning  Unhealthy  4m    kubelet  Liveness probe failed: Get \"http://10.2.3.4:8080/healthz\": dial tcp 10.2.3.4:8080: connect: connection refused\n", "");
    assert_eq!(top(&stopped).0, Cause::TerminatedBySignal);
    let steps = &analyze(&stopped).findings[0].steps;
    assert!(steps.iter().any(|s| s.text.contains("DisruptionTarget")), "{steps:?}");
}

#[test]
fn a_cronjob_that_ran_at_its_hour_in_utc_did_not_fail() {
    let input = "\
$ kubectl describe cronjob digest -n mail
Name:                          digest
Namespace:                     mail
Schedule:                      30 9 * * *
Concurrency Policy:            Forbid
Suspend:                       False
Last Schedule Time:  Tue, 03 Dec 2024 10:30:00 +0100
Active Jobs:         <none>
";
    let report = analyze(input);
    assert_eq!(report.findings[0].cause, Cause::NoFailure);
    let detail = report.findings[0].detail.as_deref().unwrap_or_default();
    assert!(detail.contains("09:30 UTC") && detail.contains("10:30"), "{detail}");
    // At the schedule's hour on its own clock: nothing says it ran at another hour.
    let local = changed(input, "10:30:00 +0100", "09:30:00 +0100");
    assert_ne!(top(&local).0, Cause::NoFailure);
}

#[test]
fn an_init_container_waiting_for_minutes_waits_on_a_dependency() {
    let input = "\
Name:         seed-7tq4w
Namespace:    qa
Status:       Pending
Controlled By:  Job/seed
Init Containers:
  wait-for-db:
    Image:         busybox:1.36
    Command:
      sh
      -c
      until nc -z pg.qa.svc 5432; do echo waiting; sleep 2; done
    State:          Running
      Started:      Tue, 03 Dec 2024 12:00:03 +0000
Containers:
  seed:
    Image:          acme/seed:0.9
    State:          Waiting
      Reason:       PodInitializing
Events:
  Type    Reason     Age   From     Message
  ----    ------     ----  ----     -------
  Normal  Started    47m   kubelet  Started container wait-for-db
";
    let report = analyze(input);
    assert_eq!(report.findings[0].cause, Cause::NetworkOrDns);
    let commands: Vec<&str> =
        report.findings[0].steps.iter().filter_map(|s| s.command.as_deref()).collect();
    assert!(commands.iter().any(|c| c.ends_with("nslookup pg.qa.svc")), "{commands:?}");
    // Started a minute ago: still starting, not stuck.
    let fresh = changed(input, "Started    47m", "Started    40s");
    assert_eq!(top(&fresh).0, Cause::Unknown);
}

#[test]
fn a_pod_listed_initializing_for_minutes_behind_a_network_wait_waits_on_a_dependency() {
    let input = "\
$ kubectl get pods -n shop
NAME                 READY   STATUS     RESTARTS   AGE
migrate-7xk2p        0/1     Init:0/1   0          25m
$ kubectl logs migrate-7xk2p -n shop -c wait-for-db
waiting for db
waiting for db
$ kubectl get pod migrate-7xk2p -n shop -o jsonpath='{.spec.initContainers[0].command}'
[\"sh\",\"-c\",\"until nc -z postgres 5432; do echo waiting for db; sleep 2; done\"]
";
    let report = analyze(input);
    assert_eq!(report.findings[0].cause, Cause::NetworkOrDns);
    let commands: Vec<&str> =
        report.findings[0].steps.iter().filter_map(|s| s.command.as_deref()).collect();
    assert!(
        commands.contains(&"kubectl logs migrate-7xk2p -n shop -c wait-for-db"),
        "{commands:?}"
    );
    // A wait the paste does not show calling a service (a driver, a file) is not one.
    let local = changed(input, "until nc -z postgres 5432", "until test -e /drivers/ready");
    assert_eq!(top(&local).0, Cause::Unknown);
    // Nor is one that began a minute ago.
    let fresh = changed(input, "Init:0/1   0          25m", "Init:0/1   0          50s");
    assert_eq!(top(&fresh).0, Cause::Unknown);
}

#[test]
fn an_exit_137_beside_its_oomkilled_reason_is_no_stop_from_outside() {
    let input = "\"state\": {\"terminated\": {\"exitCode\": 137, \"reason\": \"OOMKilled\", \"startedAt\": \"2024-12-03T00:00:05Z\"}}\n";
    let report = analyze(input);
    assert_eq!(report.findings[0].cause, Cause::OomKilled);
    assert!(report.findings.iter().all(|f| f.cause != Cause::TerminatedBySignal));
    // The code alone, as a wrapper quotes it: killed, and no reason given.
    let alone = changed(input, ", \"reason\": \"OOMKilled\"", "");
    assert!(analyze(&alone).findings.iter().any(|f| f.cause == Cause::TerminatedBySignal));
}

#[test]
fn the_steps_of_a_cronjob_skipping_its_starts_name_the_job_it_waits_on() {
    let input = "\
Name:                          hourly-cleanup
Namespace:                     ops
Schedule:                      0 * * * *
Concurrency Policy:            Forbid
Suspend:                       False
Last Schedule Time:  Mon, 02 Dec 2024 03:00:00 +0000
Active Jobs:         hourly-cleanup-28885620
Events:
  Type     Reason            Age                  From                Message
  ----     ------            ----                 ----                -------
  Normal   JobAlreadyActive  2m (x31 over 31h)    cronjob-controller  Not starting job because prior execution is running and concurrency policy is Forbid
";
    let report = analyze(input);
    assert_eq!(report.findings[0].cause, Cause::CronjobNotScheduling);
    let commands: Vec<&str> =
        report.findings[0].steps.iter().filter_map(|s| s.command.as_deref()).collect();
    assert!(
        commands.contains(&"kubectl get pods -n ops -l job-name=hourly-cleanup-28885620 -o wide"),
        "{commands:?}"
    );
}

#[test]
fn a_cronjob_waiting_days_on_a_run_that_never_ends_skips_its_starts() {
    let input = "\
$ kubectl get cronjob pg-backup -n db
NAME        SCHEDULE    SUSPEND   ACTIVE   LAST SCHEDULE   AGE
pg-backup   0 0 * * *   False     1        3d2h            94d
$ kubectl get pods -n db -l job-name=pg-backup-28563840
NAME                       READY   STATUS    RESTARTS   AGE
pg-backup-28563840-2qjzm   1/1     Running   0          3d2h
";
    assert_eq!(top(input).0, Cause::CronjobNotScheduling);
    // The run it waits on keeps failing: that failure is the question.
    let failing = changed(input, "1/1     Running   0 ", "0/1     CrashLoopBackOff   40 ");
    assert_ne!(top(&failing).0, Cause::CronjobNotScheduling);
    // Started a day ago: nothing was skipped yet.
    let recent = changed(input, "1        3d2h ", "1        20h  ");
    assert_ne!(top(&recent).0, Cause::CronjobNotScheduling);
    // No pods shown, but the CronJob's describe says it forbids a second run.
    let cut = input.find("$ kubectl get pods").expect("the pods");
    let forbid = format!(
        "{}$ kubectl describe cronjob pg-backup -n db\nName:                pg-backup\n\
         Schedule:            0 0 * * *\nConcurrency Policy:  Forbid\nSuspend:             False\n\
         Active Jobs:         pg-backup-28563840\n",
        &input[..cut]
    );
    assert_eq!(top(&forbid).0, Cause::CronjobNotScheduling);
    let allow = changed(&forbid, "Concurrency Policy:  Forbid", "Concurrency Policy:  Allow");
    assert_ne!(top(&allow).0, Cause::CronjobNotScheduling);
}

#[test]
fn a_late_mount_warning_of_a_pod_that_completed_is_no_failure() {
    let input = "\
$ kubectl get pods | grep cancel
cancel-1506711840-r4vzm   0/1       Completed   0          2m
$ kubectl get events | grep cancel-1506711840-r4vzm
15s  Warning  FailedMount  pod/cancel-1506711840-r4vzm  Unable to mount volumes for pod \"cancel-1506711840-r4vzm_shop(c3a9)\": timeout expired waiting for volumes to attach/mount
";
    assert_eq!(top(input).0, Cause::NoFailure);
    let pending = changed(input, "0/1       Completed", "0/1       ContainerCreating");
    assert_eq!(top(&pending).0, Cause::VolumeMount);
}

#[test]
fn a_mount_warning_listed_after_the_pods_start_did_not_hold_it() {
    let input = "\
$ kubectl get events -n ops
LAST SEEN   TYPE      REASON        OBJECT                 MESSAGE
50m         Normal    Scheduled     pod/prune-27536160-5zpdw   Successfully assigned ops/prune-27536160-5zpdw to node-1
50m         Normal    Started       pod/prune-27536160-5zpdw   Started container prune
50m         Warning   FailedMount   pod/prune-27536160-5zpdw   MountVolume.SetUp failed for volume \"policy\" : object \"ops\"/\"prune\" not registered
50m         Normal    Completed     job/prune-27536160         Job completed
";
    assert_eq!(top(input).0, Cause::NoFailure);
    // Listed before the start, the warning held the pod up for a while; the pod got past it and
    // the Job completed.
    let lines: Vec<&str> = input.lines().collect();
    let swapped = [lines[0], lines[1], lines[2], lines[4], lines[3], lines[5]].join("\n");
    assert_eq!(top(&swapped).0, Cause::NoFailure);
    // With no start after it, the warning is what holds the pod.
    let held = [lines[0], lines[1], lines[2], lines[4]].join("\n");
    assert_eq!(top(&held).0, Cause::VolumeMount);
}

#[test]
fn a_failed_container_beside_a_running_one_holds_a_running_job() {
    let input = "\
$ kubectl get jobs
NAME        STATUS    COMPLETIONS   DURATION   AGE
ci-7f3a     Running   0/1           8d         8d
$ kubectl describe pod ci-7f3a-zv9tq
Name:         ci-7f3a-zv9tq
Status:       Running
Containers:
  checkout:
    State:          Terminated
      Reason:       Error
      Exit Code:    2
  agent:
    State:          Running
";
    let (cause, confidence) = top(input);
    assert_eq!(cause, Cause::SidecarNeverExits);
    assert!(confidence >= 0.5, "{confidence}");
    // A failure the paste explains is the first link, the sidecar that held the pod after it
    // the second.
    let explained = format!("{input}$ kubectl logs ci-7f3a-zv9tq -c checkout\nfatal: unable to access 'https://git.example.org/ci.git/': Could not resolve host: git.example.org\n");
    assert_eq!(top(&explained).0, Cause::NetworkOrDns);
    // Without the Job shown running, the failure is the question and the sidecar a hint.
    let alone = input.lines().skip(4).collect::<Vec<_>>().join("\n");
    let report = analyze(&alone);
    let sidecar = report.findings.iter().find(|f| f.cause == Cause::SidecarNeverExits);
    assert!(sidecar.is_some_and(|f| f.confidence < 0.5), "{sidecar:?}");
}

#[test]
fn helms_own_wait_running_out_is_not_a_call_the_job_made() {
    let input = "\
$ helm upgrade --install sched ./chart -n sched --wait
Error: UPGRADE FAILED: pre-upgrade hooks failed: resource not ready, name: topology-migration, kind: Job, status: InProgress
context deadline exceeded
";
    assert_eq!(top(input).0, Cause::Unknown);
    // A CI runner's prefix on both lines leaves them a report and its continuation.
    let prefixed = input
        .replace("Error: UPGRADE", "12:01:07 [deploy] Error: UPGRADE")
        .replace("\ncontext deadline", "\n12:01:07 [deploy] context deadline");
    assert_eq!(top(&prefixed).0, Cause::Unknown);
    // The same words in the program's own log are a call that timed out.
    let logged = "\
$ kubectl logs sync-7xk2p
level=error msg=\"fetch failed\" err=\"Get https://ledger.internal/api: context deadline exceeded\"
";
    assert_eq!(top(logged).0, Cause::NetworkOrDns);
}

#[test]
fn an_init_container_oom_killed_with_exit_0_that_holds_the_pod() {
    let input = "\
Name:         wf-1-335
Status:       Pending
Init Containers:
  init:
    State:          Terminated
      Reason:       OOMKilled
      Exit Code:    0
Containers:
  main:
    State:          Waiting
      Reason:       PodInitializing
";
    assert_eq!(top(input).0, Cause::OomKilled);
    // Once the app containers ran, the init container's kill did not stop the pod.
    let passed = input.replace("Waiting\n      Reason:       PodInitializing", "Running");
    assert_ne!(top(&passed).0, Cause::OomKilled);
}

#[test]
fn a_container_added_at_admission_holds_a_job_past_its_deadline() {
    let input = "\
$ kubectl get pods
NAME                   READY   STATUS    RESTARTS   AGE
certs-h7n5d            1/2     Running   0          10m
$ kubectl describe job certs
Name:           certs
Namespace:      auth
Selector:       controller-uid=3e1b7c52
Parallelism:    1
Completions:    1
Active Deadline Seconds:  300s
Pods Statuses:  0 Running / 0 Succeeded / 1 Failed
Pod Template:
  Containers:
   main:
    Image:      registry.example/tools/certgen:1.0
Events:
  Type     Reason            Age   From            Message
  ----     ------            ----  ----            -------
  Warning  DeadlineExceeded  5m    job-controller  Job was active longer than specified deadline
";
    assert_eq!(top(input).0, Cause::SidecarNeverExits);
    // As many containers as the template names: nothing was added, the deadline stands.
    let own = input.replace("1/2     Running", "0/1     Running");
    assert_eq!(top(&own).0, Cause::DeadlineExceeded);
}

#[test]
fn an_orchestrators_report_that_the_pod_never_started_is_not_the_programs_error() {
    let input = "\
[2024-05-02, 10:14:03 UTC] {pod_manager.py:359} WARNING - Pod not yet started: features-4b7e
[2024-05-02, 10:19:03 UTC] {taskinstance.py:2905} ERROR - Task failed with exception
Traceback (most recent call last):
  File \"/home/airflow/.local/lib/python3.11/site-packages/airflow/providers/cncf/kubernetes/utils/pod_manager.py\", line 376, in await_pod_start
    raise PodLaunchFailedException(msg)
airflow.exceptions.AirflowException: Pod took too long to start
";
    assert_eq!(top(input).0, Cause::Unknown);
    // The same traceback raised by the program's own failure is its error.
    let own = input.replace("Pod took too long to start", "Could not parse the export manifest");
    assert_eq!(top(&own).0, Cause::AppError);
}

#[test]
fn the_programs_line_an_orchestrator_relays_speaks_before_its_report_of_the_failure() {
    let input = "\
[2022-07-04, 09:12:05 UTC] {pod_manager.py:157} WARNING - Pod not yet started: compute-pi-7c1d
[2022-07-04, 09:12:11 UTC] {pod_manager.py:197} INFO - Can't use an undefined value as an ARRAY reference at /usr/local/lib/perl5/Calc.pm line 1049.
[2022-07-04, 09:12:14 UTC] {taskinstance.py:1776} ERROR - Task failed with exception
Traceback (most recent call last):
  File \"/opt/airflow/providers/cncf/kubernetes/operators/kubernetes_pod.py\", line 452, in cleanup
    raise AirflowException(f'Pod {pod.metadata.name} returned a failure: {remote_pod}')
airflow.exceptions.AirflowException: Pod compute-pi-7c1d returned a failure: {'api_version': 'v1',
";
    let report = analyze(input);
    let f = &report.findings[0];
    assert_eq!(f.cause, Cause::AppError);
    assert!(f.evidence.iter().any(|e| e.line == 2), "{:?}", f.evidence);
    // Without the program's line, the report alone does not say why.
    let report_only = changed(
        input,
        "INFO - Can't use an undefined value as an ARRAY reference at /usr/local/lib/perl5/Calc.pm line 1049.",
        "INFO - computing",
    );
    assert_eq!(top(&report_only).0, Cause::Unknown);
}

#[test]
fn a_short_starting_deadline_is_no_answer_when_the_cronjobs_own_pods_crash() {
    let input = "\
apiVersion: batch/v1
kind: CronJob
metadata:
  name: rg-tagger
  namespace: ops
spec:
  schedule: '*/5 * * * *'
  startingDeadlineSeconds: 30
$ kubectl get pods -n ops
NAME                         READY   STATUS      RESTARTS   AGE
rg-tagger-29104200-k2v8d     0/1     Completed   0          6m
";
    assert_eq!(top(input).0, Cause::CronjobNotScheduling);
    // Its own pod crash-looping: it starts runs, and they fail; the setting is not why.
    let crashing = changed(input, "0/1     Completed   0  ", "0/1     CrashLoopBackOff   3  ");
    assert_ne!(top(&crashing).0, Cause::CronjobNotScheduling);
}

#[test]
fn an_error_line_the_log_goes_on_past_is_no_failure_of_a_completed_job() {
    let input = "\
$ kubectl get job -n finance month-close
NAME          STATUS     COMPLETIONS   DURATION   AGE
month-close   Complete   1/1           4m12s      20m
$ kubectl logs -n finance job/month-close | tail -4
2024-12-01T00:04:01Z INFO closing ledger period 2024-11
2024-12-01T00:04:09Z ERROR journal 17 rejected by validation, skipped
2024-12-01T00:08:10Z INFO posted 18,442 journals
2024-12-01T00:08:12Z INFO done in 4m11s
";
    assert_eq!(top(input).0, Cause::NoFailure);
    // The log ends on the error: the run it shows did not go through.
    let ends_on_it = changed(input, "2024-12-01T00:08:10Z INFO posted 18,442 journals\n2024-12-01T00:08:12Z INFO done in 4m11s\n", "");
    assert_eq!(top(&ends_on_it).0, Cause::AppError);
}

#[test]
fn a_cronjob_waiting_on_a_job_that_serves_forever_is_about_the_server() {
    let input = "\
$ kubectl -n web get cronjob,jobs,pods
NAME                         SCHEDULE      SUSPEND   ACTIVE   LAST SCHEDULE   AGE
cronjob.batch/site-cron      */5 * * * *   False     1        9h              9h

NAME                            STATUS    COMPLETIONS   DURATION   AGE
job.batch/site-cron-29318805    Running   0/1           9h         9h

NAME                                READY   STATUS    RESTARTS   AGE
pod/site-cron-29318805-w7kqz        1/1     Running   0          9h

$ kubectl -n web logs site-cron-29318805-w7kqz
[Sat Sep 13 06:25:02.418833 2025] [mpm_prefork:notice] [pid 1] AH00163: Apache/2.4.65 (Debian) configured -- resuming normal operations
";
    assert_eq!(top(input).0, Cause::BadCommand);
    // Without the server's words, the wait itself is what the paste shows.
    let quiet = changed(
        input,
        "AH00163: Apache/2.4.65 (Debian) configured -- resuming normal operations",
        "processing queue",
    );
    assert_eq!(top(&quiet).0, Cause::CronjobNotScheduling);
}

#[test]
fn the_secret_and_the_claim_the_paste_names_fill_the_steps() {
    let commands = |input: &str| -> Vec<String> {
        let report = analyze(input);
        report.findings[0].steps.iter().filter_map(|s| s.command.clone()).collect()
    };
    let auth = "\
$ kubectl logs -n hr payroll-export-28895040-mtk7s
org.postgresql.util.PSQLException: FATAL: password authentication failed for user \"payroll_ro\"
$ kubectl get secret payroll-db -n hr -o yaml
";
    assert!(commands(auth).contains(&"kubectl describe secret payroll-db -n hr".to_owned()));
    // Named by no command, the Secret stays a marker rather than a guess.
    let unnamed = changed(auth, "$ kubectl get secret payroll-db -n hr -o yaml\n", "");
    assert!(commands(&unnamed).contains(&"kubectl describe secret OBJECT_NAME -n hr".to_owned()));
    let mount = "\
Name:         nightly-backup-28893150-x2k9p
Namespace:    db
Volumes:
  backups:
    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)
    ClaimName:  backups-pvc
Events:
  Type     Reason              Age   From                     Message
  ----     ------              ----  ----                     -------
  Warning  FailedAttachVolume  2m    attachdetach-controller  Multi-Attach error for volume \"pvc-3c1a\" Volume is already used by pod(s) nightly-backup-28893120-h5t9z
";
    let steps = commands(mount);
    assert!(steps.iter().any(|c| c.starts_with("kubectl describe pvc backups-pvc ")), "{steps:?}");
}

#[test]
fn another_workloads_eviction_is_no_answer_for_the_jobs_unexplained_failure() {
    let input = "\
$ kubectl get pods -n pg
NAME                              READY   STATUS    RESTARTS   AGE
orders-hojm-7d8cd9867c-z6vq2      0/3     Evicted   0          3d10h
orders-backup-bfnnv               0/1     Error     0          5h17m
orders-backup-cg4xx               0/1     Error     0          5h20m
$ kubectl get jobs -n pg
NAME            COMPLETIONS   DURATION   AGE
orders-backup   0/1           5h23m      5h23m
";
    assert_eq!(top(input).0, Cause::Unknown);
    // The Job's own pod evicted is its answer.
    let own = input
        .replace("orders-hojm-7d8cd9867c-z6vq2      0/3", "orders-backup-z6vq2               0/1");
    assert_eq!(top(&own).0, Cause::Evicted);
}

#[test]
fn a_failure_that_names_nothing_then_a_success_came_and_went() {
    let input = "\
$ kubectl get pods
NAME                   READY   STATUS      RESTARTS   AGE
backfill-5xk7p         0/1     Error       0          6m2s
backfill-wq9dn         0/1     Completed   0          5m31s
$ kubectl logs backfill-5xk7p
ERROR: Failed to connect to MSI. Please make sure MSI is configured correctly.
";
    assert_eq!(top(input).0, Cause::TransientDependency);
    // An error that names a fault of code stays the program's, recovery or not.
    let bug = input.replace(
        "ERROR: Failed to connect to MSI. Please make sure MSI is configured correctly.",
        "IndexError: list index out of range",
    );
    assert_eq!(top(&bug).0, Cause::AppError);
}

#[test]
fn a_running_sidecar_after_the_work_is_done() {
    let input =
        "Name:  report-1\nStatus:  Running\nContainers:\n  main:\n    State:  Terminated\n      \
                 Reason:  Completed\n      Exit Code:  0\n  envoy:\n    State:  Running\n";
    assert_eq!(top(input).0, Cause::SidecarNeverExits);
    // A pod being deleted stops its containers one by one: one still running is no sidecar
    // the Job waits on.
    let deleted = changed(input, "Status:  Running", "Status:  Terminating (lasts 50d)");
    let report = analyze(&deleted);
    let sidecar = report.findings.iter().find(|f| f.cause == Cause::SidecarNeverExits);
    assert!(sidecar.is_none_or(|f| f.confidence < 0.4), "{sidecar:?}");
    // Unless the Job ran out of time: its controller deleted the pod the sidecar held.
    let deadline = deleted
        + "Events:\n  Type     Reason            Age   From            Message\n  \
           Warning  DeadlineExceeded  60s   job-controller  Job was active longer than specified deadline\n";
    assert_eq!(top(&deadline).0, Cause::SidecarNeverExits);
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

const EXPIRED: &str = "\
Name:             migrate
Namespace:        shop
Backoff Limit:    2
Pods Statuses:    0 Active (0 Ready) / 0 Succeeded / 3 Failed
Events:           <none>
";

#[test]
fn expired_events_ask_for_the_job_yaml_and_the_pods() {
    let report = analyze(EXPIRED);
    let commands: Vec<&str> = report.next.iter().map(|n| n.command.as_str()).collect();
    assert_eq!(
        commands[..3],
        [
            "kubectl get job migrate -n shop -o yaml",
            "kubectl get pods -n shop -l job-name=migrate --sort-by=.metadata.creationTimestamp",
            "kubectl describe pods -n shop -l job-name=migrate",
        ]
    );
    assert!(report.next[0].why.contains("an hour"), "{}", report.next[0].why);
    // With the pods and the failure event in the paste, neither gap is open.
    let full = format!("{DESCRIBE_JOB_HEAD}\nName:  migrate-2pn7c\nContainers:\n  m:\n    State:  Terminated\n      Exit Code:  1\n");
    let report = analyze(&full);
    assert!(report.next.iter().all(|n| !n.command.contains("describe pods")), "{:?}", report.next);
}

#[test]
fn a_restarted_container_asks_for_its_previous_log() {
    let input = "$ kubectl describe pod report-5xw9q -n analytics\nName:  report-5xw9q\nNamespace:  analytics\n\
                 Containers:\n  report:\n    State:  Waiting\n      Reason:  CrashLoopBackOff\n    \
                 Last State:  Terminated\n      Reason:  Error\n      Exit Code:  3\n    Restart Count:  5\n";
    let report = analyze(input);
    // Exit 3 is the program's own failure, whose steps already ask for the previous log; else
    // the next commands do. Either way the command is shown once.
    let wanted = "kubectl logs report-5xw9q -n analytics -c report --previous";
    let commands: Vec<&str> = report
        .next
        .iter()
        .map(|n| n.command.as_str())
        .chain(report.findings[0].steps.iter().filter_map(|s| s.command.as_deref()))
        .collect();
    assert_eq!(commands.iter().filter(|c| **c == wanted).count(), 1, "{commands:?}");
    let with_log = format!("{input}$ kubectl logs report-5xw9q -n analytics --previous\nboom\n");
    assert!(analyze(&with_log).next.iter().all(|n| !n.command.contains("--previous")));
}

#[test]
fn close_causes_are_both_kept_and_named() {
    let input = "$ kubectl get events -n agents\n\
                 18m   Normal    ScaleDown   pod/kw-6ppdk   deleting pod for node scale down\n\
                 $ kubectl logs kw-6ppdk\ndial tcp 10.0.0.7:5432: connect: no route to host\n";
    let report = analyze(input);
    let causes: Vec<Cause> = report.findings.iter().map(|f| f.cause).collect();
    assert_eq!(causes[..2], [Cause::TerminatedBySignal, Cause::NetworkOrDns], "{causes:?}");
    let top = &report.findings[0];
    assert!(
        top.summary.contains("also shows signs that a dependency could not be reached (70%)"),
        "{}",
        top.summary
    );
    // Further apart (0.75 and 0.6), the runner-up is listed but not named in the summary.
    let clear = input.replace("no route to host", "connection refused");
    assert!(!analyze(&clear).findings[0].summary.contains("also shows"));
}

#[test]
fn a_success_after_failures_points_to_a_passing_dependency() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/timeline/pods-yaml.txt");
    let paste = std::fs::read_to_string(path).expect("fixture");
    // A success alone is a hint, not proof: what the failed attempt shows (here its exit code)
    // comes first, and the recovery is a runner-up below what decides.
    let alone = analyze(&paste);
    let rank: Vec<(Cause, f32)> = alone.findings.iter().map(|f| (f.cause, f.confidence)).collect();
    assert!(rank[0].0 != Cause::TransientDependency && rank[0].1 < 0.8, "{rank:?}");
    assert!(
        rank.iter().any(|(c, conf)| *c == Cause::TransientDependency && *conf < 0.4),
        "{rank:?}"
    );
    // Beside a refused connection, the success says the dependency came back.
    let with_log = format!("{paste}$ kubectl logs sync-orders-h2xkq -n shop\nError: connect ECONNREFUSED: connection refused\n");
    let report = analyze(&with_log);
    let rank: Vec<(Cause, f32)> = report.findings.iter().map(|f| (f.cause, f.confidence)).collect();
    assert_eq!(rank[0].0, Cause::TransientDependency, "{rank:?}");
    assert!(
        rank.iter().any(|(c, conf)| *c == Cause::NetworkOrDns && *conf < rank[0].1),
        "{rank:?}"
    );
    // Pods of different Jobs are no such evidence.
    let other = "NAME         READY   STATUS      RESTARTS   AGE\nload-a1b2c   0/1     Error       0          5m\n\
                 clean-d3e4f  0/1     Completed   0          4m\n";
    assert_ne!(top(other).0, Cause::TransientDependency);
}

#[test]
fn log_errors_belong_to_the_pod_that_printed_them() {
    let input = format!(
        "{DESCRIBE_JOB_HEAD}\n$ kubectl logs migrate-2pn7c -n shop\n\
         psql: error: FATAL:  password authentication failed for user \"migrator\"\n"
    );
    let report = analyze(&input);
    let top = &report.findings[0];
    assert_eq!(top.cause, Cause::AuthFailure);
    assert!(top.summary.ends_with("pod migrate-2pn7c"), "{}", top.summary);
    assert!(top
        .steps
        .iter()
        .filter_map(|s| s.command.as_deref())
        .any(|c| c.contains("migrate-2pn7c")));
    let timeline = report.timeline.expect("a timeline");
    let attempt = timeline.attempts.iter().find(|a| a.pod.as_deref() == Some("migrate-2pn7c"));
    assert!(attempt.expect("the attempt").lines.contains(&13), "{timeline:?}");
}

#[test]
fn the_manifest_limit_joins_the_oom_kill() {
    let input = "$ cat job.yaml\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: thumbs\nspec:\n  template:\n    spec:\n      \
                 restartPolicy: Never\n      containers:\n      - name: thumbs\n        image: thumbs:1.0\n        \
                 resources:\n          limits:\n            memory: 256Mi\n\
                 $ kubectl get pods\nNAME           READY   STATUS      RESTARTS   AGE\nthumbs-x7k2p   0/1     OOMKilled   0          2m\n";
    let report = analyze(input);
    let top = &report.findings[0];
    assert_eq!(top.cause, Cause::OomKilled);
    assert!(top.summary.contains("256Mi"), "{}", top.summary);
    assert!(
        top.evidence.iter().any(|e| e.line == 15 && e.text == "memory: 256Mi"),
        "{:?}",
        top.evidence
    );
    let timeline = report.timeline.expect("a timeline");
    assert!(
        timeline.summary.ends_with("OOMKilled at its 256Mi memory limit"),
        "{}",
        timeline.summary
    );
}

#[test]
fn absurd_numbers_do_not_overflow_the_timeline() {
    let input = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: big\nspec:\n  activeDeadlineSeconds: 18446744073709551615\n  \
                 backoffLimit: 4294967295\nstatus:\n  startTime: \"2024-12-03T10:00:00Z\"\n  failed: 1\n\
                 $ kubectl get pods\nNAME        READY   STATUS   RESTARTS                 AGE\n\
                 big-ab12c   0/1     Error    4294967295 (1s ago)     199y364d\n\
                 big-cd34e   0/1     Error    0                        9223372036854775807s\n";
    let report = analyze(input);
    let timeline = report.timeline.expect("a timeline");
    let chart = kubetriage::timeline::chart::layout(&timeline);
    assert!(chart.rows.iter().all(|r| r.bar.as_ref().is_none_or(|b| b.x.is_finite())));
    assert!(!kubetriage::cli::render_text(&analyze(input)).is_empty());
}

#[test]
fn reports_read_back_from_their_json() {
    let inputs = [DESCRIBE_JOB_HEAD.to_owned(), String::new(), "\u{0}garbage\n".repeat(3)];
    let examples = kubetriage::kb::examples().iter().map(|e| e.text.to_owned());
    for input in inputs.into_iter().chain(examples) {
        let report = analyze(&input);
        let back = kubetriage::Report::from_json(&report.to_json()).expect("reads back");
        assert_eq!(back, report);
    }
    assert!(kubetriage::Report::from_json("{\"findings\": 3}").is_err());
}

#[test]
fn an_env_reference_to_a_later_variable_is_a_missing_setting_not_a_success() {
    let input = "\
$ kubectl get pods
NAME              READY   STATUS      RESTARTS   AGE
render-2-x7k9p    0/1     Completed   0          2m
$ kubectl describe pod render-2-x7k9p
Name:         render-2-x7k9p
Namespace:    media
Status:       Succeeded
Containers:
  render:
    Image:          registry.example.test/render:4
    State:          Terminated
      Reason:       Completed
      Exit Code:    0
    Environment:
      FRAME_SET:             set-$(JOB_COMPLETION_INDEX)
      JOB_COMPLETION_INDEX:   (v1:metadata.annotations['batch.kubernetes.io/job-completion-index'])
    Mounts:                  <none>
";
    let report = analyze(input);
    let f = &report.findings[0];
    assert_eq!(f.cause, Cause::MissingConfig, "{:?}", report.findings);
    assert!(f.evidence.iter().any(|e| e.line == 15), "{:?}", f.evidence);
    // Defined first, the same reference resolves, and the pod simply succeeded.
    let resolved = changed(
        input,
        "      FRAME_SET:             set-$(JOB_COMPLETION_INDEX)\n      JOB_COMPLETION_INDEX:   (v1:metadata.annotations['batch.kubernetes.io/job-completion-index'])\n",
        "      JOB_COMPLETION_INDEX:   (v1:metadata.annotations['batch.kubernetes.io/job-completion-index'])\n      FRAME_SET:             set-$(JOB_COMPLETION_INDEX)\n",
    );
    assert_eq!(top(&resolved).0, Cause::NoFailure);
}

#[test]
fn a_failed_main_container_beside_its_proxy_is_about_the_failure() {
    // A grep of describe keeps the mesh's init container among the others.
    let input = "\
$ kubectl get pods
NAME             READY   STATUS     RESTARTS   AGE
sync-db-4wq8z    1/2     NotReady   0          9m
$ kubectl logs sync-db-4wq8z -c sync
dial tcp: lookup db.internal.example on 10.96.0.10:53: read udp 10.0.1.5:41234->10.96.0.10:53: i/o timeout
$ kubectl describe pod sync-db-4wq8z | grep -E '^  [a-z]|State:|Exit Code:'
  mesh-init:
    State:          Terminated
      Exit Code:    0
  sync:
    State:          Terminated
      Exit Code:    1
  mesh-proxy:
    State:          Running
";
    let report = analyze(input);
    assert_eq!(report.findings[0].cause, Cause::NetworkOrDns, "{:?}", report.findings);
    let sidecar = report.findings.iter().find(|f| f.cause == Cause::SidecarNeverExits);
    assert!(sidecar.is_none_or(|f| f.confidence < 0.5), "{sidecar:?}");
    // When the main container finished well, the proxy is the cause.
    let done = input.replace("      Exit Code:    1\n", "      Exit Code:    0\n").replace(
        "dial tcp: lookup db.internal.example on 10.96.0.10:53: read udp 10.0.1.5:41234->10.96.0.10:53: i/o timeout\n",
        "synced 412 rows\n",
    );
    assert_eq!(top(&done).0, Cause::SidecarNeverExits);
}

#[test]
fn a_wrappers_words_give_way_to_the_error_it_wraps() {
    let input = "\
$ kubectl logs image-build-8v2xd
error checking push permissions -- make sure you entered the correct tag name, and that you are authenticated correctly, and try again: checking push permission for \"registry.example.test/app:9\": creating push check transport for registry.example.test failed: Get \"https://registry.example.test/v2/\": dial tcp 198.51.100.7:443: connect: connection refused
";
    assert_eq!(top(input).0, Cause::NetworkOrDns);
    let refused = input.replace(
        "creating push check transport for registry.example.test failed: Get \"https://registry.example.test/v2/\": dial tcp 198.51.100.7:443: connect: connection refused",
        "POST https://registry.example.test/v2/app/blobs/uploads/: UNAUTHORIZED: authentication required",
    );
    assert_eq!(top(&refused).0, Cause::AuthFailure);
}

#[test]
fn messages_of_the_api_server_and_of_a_stopped_program() {
    let throttled = "\
$ kubectl logs cleanup-29012345-q8r2k
level=fatal msg=\"listing leases\" error=\"the server has received too many requests and has asked us to try again later (get leases.coordination.k8s.io)\"
";
    assert_eq!(top(throttled).0, Cause::TransientDependency);
    let stopped = "\
$ kubectl logs etl-orders-7c9x2
[2025-02-03 01:00:05,114] {runner.py:40} INFO - loading batch 3
[2025-02-03 01:07:41,902] {runner.py:88} ERROR - Received SIGTERM. Terminating subprocesses.
Traceback (most recent call last):
  File \"/opt/etl/runner.py\", line 91, in handler
    raise RunnerError(\"stopped by signal\")
etl.errors.RunnerError: stopped by signal
";
    assert_eq!(top(stopped).0, Cause::TerminatedBySignal);
    let drained = "\
$ kubectl drain node-7 --ignore-daemonsets
node/node-7 cordoned
evicting pod batch/encode-4r8tw
pod/encode-4r8tw evicted
node/node-7 drained
";
    assert_eq!(top(drained).0, Cause::TerminatedBySignal);
}

#[test]
fn an_error_no_rule_knows_is_the_programs_own() {
    // Perl's `die`, with where it happened.
    let perl = "\
$ kubectl get pods
NAME            READY   STATUS   RESTARTS   AGE
report-5mzq2    0/1     Error    0          1m
$ kubectl logs report-5mzq2
Illegal division by zero at /opt/report/totals.pl line 88.
";
    let (cause, confidence) = top(perl);
    assert_eq!(cause, Cause::AppError);
    assert!((0.5..0.8).contains(&confidence), "{confidence}");
    // A Ruby task's output pasted after a tool's report and a note, no `kubectl logs` above it.
    let ruby = "\
helm upgrade shop ./chart -n shop
Error: UPGRADE FAILED: pre-upgrade hooks failed: 1 error occurred:
\t* job shop-migrate failed: BackoffLimitExceeded

(from the hook pod's log)
rake aborted!
ActiveRecord::StatementInvalid: PG::UndefinedColumn: ERROR:  column \"tier\" does not exist
/app/lib/tasks/backfill.rake:12:in `block in <main>'
";
    let report = analyze(ruby);
    let f = &report.findings[0];
    assert_eq!(f.cause, Cause::AppError, "{:?}", report.findings);
    assert!(f.evidence.iter().all(|e| e.line >= 6), "not helm's own error: {:?}", f.evidence);
}

#[test]
fn the_kubelet_refusing_a_pod_at_admission_is_unschedulable() {
    let input = "\
Warning  BackoffLimitExceeded  3m   job-controller  Job has reached the specified backoff limit
$ kubectl get pods -o wide
NAME          READY   STATUS      RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES
scan-8fj2q    0/1     OutOfpods   0          3m    <none>   node-4   <none>           <none>
";
    assert_eq!(top(input).0, Cause::Unschedulable);
}

#[test]
fn a_cronjob_that_keeps_skipping_is_the_question_even_past_a_deadline() {
    let input = "\
$ kubectl describe cronjob nightly-sync
Name:                          nightly-sync
Namespace:                     ops
Schedule:                      */15 * * * *
Concurrency Policy:            Forbid
Suspend:                       False
Active Jobs:         nightly-sync-29001000
Events:
  Type    Reason            Age                 From                Message
  ----    ------            ----                ----                -------
  Normal  JobAlreadyActive  1m (x30 over 7h)    cronjob-controller  Not starting job because prior execution is running and concurrency policy is Forbid
$ kubectl get job nightly-sync-29001000 -o yaml | grep -A4 conditions
  conditions:
  - message: Job was active longer than specified deadline
    reason: DeadlineExceeded
    status: \"True\"
    type: FailureTarget
";
    assert_eq!(top(input).0, Cause::CronjobNotScheduling);
    // One skipped start beside the Job's deadline is not enough to say so.
    let once = changed(input, "1m (x30 over 7h)  ", "1m                ");
    assert_eq!(top(&once).0, Cause::DeadlineExceeded);
}

#[test]
fn a_cronjob_that_has_not_started_for_many_of_its_periods_has_stalled() {
    let input = "\
$ kubectl get cronjobs -n ops
NAME        SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
report      */10 * * * *  <none>     False     0        3d              40d
cleanup     0 * * * *     <none>     False     0        25m             40d
";
    let report = analyze(input);
    let f = &report.findings[0];
    assert_eq!(f.cause, Cause::CronjobNotScheduling);
    assert!(f.summary.contains("*/10 * * * *"), "{}", f.summary);
    assert_eq!(f.evidence.first().map(|e| e.line), Some(3));
    // Twenty minutes is two starts of a ten-minute schedule: not stalled yet.
    let recent = changed(input, "3d              40d", "20m             40d");
    assert_eq!(top(&recent).0, Cause::Unknown);
    let suspended = changed(input, "False     0        3d", "True      0        3d");
    assert_ne!(analyze(&suspended).findings[0].summary, f.summary);
    // Old kubectl printed the time: how far behind is measured against the latest one.
    let times = "\
NAME          SCHEDULE       SUSPEND   ACTIVE   LAST-SCHEDULE
report        */10 * * * *   False     0        Wed, 16 Aug 2017 14:00:00 -0400
cleanup       0 * * * *      False     0        Thu, 17 Aug 2017 08:00:00 -0400
";
    assert_eq!(top(times).0, Cause::CronjobNotScheduling);
}

#[test]
fn a_cronjob_held_by_a_pod_that_keeps_failing_is_about_that_failure() {
    let input = "\
$ kubectl describe cronjob nightly-sync
Name:                          nightly-sync
Namespace:                     ops
Concurrency Policy:            Forbid
Active Jobs:         nightly-sync-29001000
Events:
  Type    Reason            Age                 From                Message
  ----    ------            ----                ----                -------
  Normal  JobAlreadyActive  1m (x30 over 7h)    cronjob-controller  Not starting job because prior execution is running and concurrency policy is Forbid
$ kubectl get pods -n ops
NAME                          READY   STATUS             RESTARTS        AGE
nightly-sync-29001000-q7x2m   0/1     CrashLoopBackOff   24 (3m41s ago)  7h
$ kubectl logs nightly-sync-29001000-q7x2m -n ops
psql: error: connection to server at \"db\" (10.0.0.7), port 5432 failed: Connection refused
";
    assert_eq!(top(input).0, Cause::NetworkOrDns);
    // The same pod hanging in Terminating holds the Job without failing: the skips are the story.
    let held = changed(
        input,
        "0/1     CrashLoopBackOff   24 (3m41s ago)",
        "1/1     Terminating        0             ",
    );
    let held = held.split("$ kubectl logs").next().unwrap_or_default().to_owned();
    assert_eq!(top(&held).0, Cause::CronjobNotScheduling);
}

#[test]
fn a_waiting_reasons_message_can_say_it_stands_for_something_else() {
    let yaml = "\
$ kubectl get pod build-7xk2p -o yaml | yq .status.containerStatuses
- name: build
  ready: false
  restartCount: 0
  state:
    waiting:
      message: MESSAGE
      reason: CreateContainerConfigError
";
    let subpath = yaml.replace(
        "MESSAGE",
        "failed to create subPath directory for volumeMount \"work\" of container \"build\"",
    );
    assert_eq!(top(&subpath).0, Cause::VolumeMount);
    let secret = yaml.replace("MESSAGE", "secret \"build-token\" not found");
    assert_eq!(top(&secret).0, Cause::MissingSecretOrConfigMap);
}

#[test]
fn a_completed_pod_whose_only_container_was_stopped_was_cut_short() {
    let input = "\
$ kubectl get pods
NAME                 READY   STATUS      RESTARTS   AGE
settle-29003321-x2   0/1     Completed   0          40m
$ kubectl get events --field-selector involvedObject.name=settle-29003321-x2
LAST SEEN   TYPE     REASON    OBJECT                    MESSAGE
22m         Normal   Killing   pod/settle-29003321-x2    Stopping container settle
";
    assert_eq!(top(input).0, Cause::TerminatedBySignal);
    // A pod of two containers whose sidecar the kubelet stopped after the work: a success.
    let sidecar = input
        .replace("0/1     Completed", "0/2     Completed")
        .replace("Stopping container settle", "Stopping container mesh-proxy");
    assert_eq!(top(&sidecar).0, Cause::NoFailure);
}

#[test]
fn error_levels_of_a_console_logger_are_errors_of_a_completed_job() {
    let input = "\
$ kubectl get jobs
NAME                 COMPLETIONS   DURATION   AGE
audit-report-1       1/1           5s         2h
$ kubectl logs job/audit-report-1
3:01AM INF starting audit
3:01AM ERR cannot read inventory error=\"open /data/inventory.json: is a directory\"
3:01AM INF wrote empty report
";
    let report = analyze(input);
    assert_ne!(report.findings[0].cause, Cause::NoFailure, "{:?}", report.findings);
    assert!(report.findings[0].evidence.iter().any(|e| e.line == 6), "{:?}", report.findings);
}

#[test]
fn a_container_that_failed_and_then_succeeded_in_its_pod_recovered() {
    let input = "\
$ kubectl logs sync-28687560-tmf4x -c sync --previous
dial tcp 10.40.2.17:5432: connect: connection refused
$ kubectl describe pod sync-28687560-tmf4x
Name:         sync-28687560-tmf4x
Namespace:    reporting
Containers:
  sync:
    State:          Terminated
      Reason:       Completed
      Exit Code:    0
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  1
";
    assert_eq!(top(input).0, Cause::TransientDependency);
    // Without the restart's success, the refused connection is all there is.
    let failed = changed(
        input,
        "      Reason:       Completed\n      Exit Code:    0\n",
        "      Reason:       Error\n      Exit Code:    1\n",
    );
    assert_eq!(top(&failed).0, Cause::NetworkOrDns);
}

#[test]
fn a_message_logged_at_info_is_the_programs_normal_course() {
    let input = "\
$ kubectl logs certgen-create-4mh2k
{\"level\":\"info\",\"msg\":\"no secret found\",\"err\":\"secrets \\\"webhook-cert\\\" not found\"}
{\"level\":\"info\",\"msg\":\"creating new secret\"}
";
    let (cause, confidence) = top(input);
    assert!(cause != Cause::MissingSecretOrConfigMap || confidence < 0.8, "{cause:?} {confidence}");
    let fatal = input.replace(
        "\"level\":\"info\",\"msg\":\"no secret",
        "\"level\":\"fatal\",\"msg\":\"no secret",
    );
    // Fatal, it is the failure; but the program looked the Secret up itself, so whether the
    // Secret should exist is its own business: a sign, short of certain.
    assert_eq!(top(&fatal), (Cause::MissingSecretOrConfigMap, 0.6));
}

#[test]
fn a_sandbox_the_runtime_recreated_is_no_failure_of_a_completed_job() {
    let input = "\
$ kubectl get jobs
NAME              COMPLETIONS   DURATION   AGE
tick-29011200     1/1           41s        2m
$ kubectl get events --field-selector involvedObject.name=tick-29011200-k8w2x
LAST SEEN   TYPE      REASON                   OBJECT                    MESSAGE
2m          Warning   FailedCreatePodSandBox   pod/tick-29011200-k8w2x   Failed create pod sandbox: rpc error: code = Unknown desc = failed to start sandbox container for pod \"tick-29011200-k8w2x\": Error response from daemon: OCI runtime create failed: container_linux.go:349: starting container process caused \"EOF\": unknown
90s         Normal    Started                  pod/tick-29011200-k8w2x   Started container tick
$ kubectl get pods -l job-name=tick-29011200
NAME                  READY   STATUS      RESTARTS   AGE
tick-29011200-k8w2x   0/1     Completed   0          2m
";
    let report = analyze(input);
    assert!(report.findings.iter().all(|f| f.cause != Cause::BadCommand), "{:?}", report.findings);
    assert_eq!(report.findings[0].cause, Cause::NoFailure, "{:?}", report.findings);
}

#[test]
fn the_pod_that_preempted_the_jobs_is_another_workloads_story() {
    let input = "\
$ kubectl -n ml describe job eval-0412 | tail -4
Name:           eval-0412
Pods Statuses:  0 Running / 0 Succeeded / 1 Failed
Events:
  Warning  BackoffLimitExceeded  21m   job-controller  Job has reached the specified backoff limit
$ kubectl -n ml get events | grep -E 'eval-0412|train-hp'
21m   Normal    Preempted          pod/eval-0412-xk2vd   by ml/train-hp-0 on node gpu-1
21m   Warning   FailedScheduling   pod/train-hp-0        0/1 nodes are available: 1 Insufficient nvidia.com/gpu.
";
    let report = analyze(input);
    assert_eq!(report.findings[0].cause, Cause::TerminatedBySignal, "{:?}", report.findings);
    let other = report.findings.iter().find(|f| f.cause == Cause::Unschedulable);
    assert!(other.is_none_or(|f| f.confidence < report.findings[0].confidence), "{other:?}");
}

#[test]
fn a_service_the_job_could_not_reach_may_be_the_workload_failing_beside_it() {
    let input = "\
$ kubectl -n tlog get pods
NAME                           READY   STATUS             RESTARTS      AGE
tlog-createtree-5zq7c          0/1     Error              0             11m
tlog-server-6d8b5f7c9d-4kxwq   0/1     CrashLoopBackOff   7 (2m ago)    13m
$ kubectl -n tlog logs tlog-server-6d8b5f7c9d-4kxwq
exec /usr/local/bin/server: exec format error
$ kubectl -n tlog logs tlog-createtree-5zq7c
Failed to create tree: dial tcp 10.0.0.9:8091: connect: connection refused
";
    let (cause, confidence) = top(input);
    assert_eq!(cause, Cause::ExecFormat);
    assert!(confidence < 0.8, "the paste does not say the Job called that server: {confidence}");
    // A failure of the Job's own beside it keeps the other workload's failure second.
    let own = changed(
        input,
        "dial tcp 10.0.0.9:8091: connect: connection refused",
        "ModuleNotFoundError: No module named 'trees'",
    );
    assert_eq!(top(&own).0, Cause::AppError);
}

#[test]
fn a_describe_cut_by_grep_into_groups_is_one_describe() {
    let input = "\
$ kubectl describe pod init-db-q7hn | grep -A4 -E '^  (init-db|proxy):'
  init-db:
    Image:          registry.example.test/app:2
    State:          Terminated
      Reason:       Completed
      Exit Code:    0
--
  proxy:
    Image:          registry.example.test/proxy:1
    State:          Running
      Started:      Mon, 01 Jan 2024 10:00:00 +0000
";
    assert_eq!(top(input).0, Cause::SidecarNeverExits);
    // `grep -A2` keeps `State: Terminated` without how it ended; kubectl's STATUS `NotReady`
    // says the ended container completed.
    let cut = changed(input, "      Reason:       Completed\n      Exit Code:    0\n", "");
    let cut = changed(
        &cut,
        "$ kubectl describe",
        "$ kubectl get pods\nNAME           READY   STATUS     RESTARTS   AGE\n\
             init-db-q7hn   1/2     NotReady   0          10m\n$ kubectl describe",
    );
    let (cause, confidence) = top(&cut);
    assert_eq!(cause, Cause::SidecarNeverExits);
    assert!(confidence >= 0.8, "{confidence}");
}

#[test]
fn oomkilled_with_exit_zero_in_a_failed_pod_is_the_kill() {
    let input = "\
apiVersion: v1
kind: Pod
metadata:
  name: embed-x4b8n
status:
  phase: PHASE
  containerStatuses:
  - name: worker
    state:
      terminated:
        exitCode: 0
        reason: OOMKilled
";
    assert_eq!(top(&input.replace("PHASE", "Failed")).0, Cause::OomKilled);
    // In a pod that succeeded, the reason is containerd's note of a child's kill.
    assert_eq!(top(&input.replace("PHASE", "Succeeded")).0, Cause::NoFailure);
}

#[test]
fn a_message_wrapped_by_the_yaml_emitter_is_read_whole() {
    let input = "\
$ kubectl get prowjob 3ae2 -o yaml
status:
  description: 'Pod can not be created: Pod \"3ae2\"
    is invalid: spec.containers[0].resources.requests: Invalid value: \"1\": must be
    less than or equal to cpu limit'
  state: error
";
    assert_eq!(top(input).0, Cause::InvalidSpec);
    // Unwrapped onto one line per break without the key's indentation, it is not read whole.
    let flat = changed(input, "\n    is invalid", "\nis invalid");
    assert_ne!(top(&flat).0, Cause::InvalidSpec);
}

#[test]
fn a_missing_pull_secret_gives_way_to_how_the_pull_failed() {
    let events = "\
Events:
  Type     Reason                           Age    From     Message
  ----     ------                           ----   ----     -------
  Warning  FailedToRetrieveImagePullSecret  6m13s  kubelet  Unable to retrieve some image pull secrets (regcred); attempting to pull the image may not succeed.
  Warning  Failed                           3m31s  kubelet  Failed to pull image \"ghcr.io/acme/app:1\": rpc error: code = Unknown desc = failed to pull and unpack image \"ghcr.io/acme/app:1\": failed to resolve reference \"ghcr.io/acme/app:1\": ghcr.io/acme/app:1: not found

$ kubectl get secret regcred
Error from server (NotFound): secrets \"regcred\" not found
";
    assert_eq!(top(events).0, Cause::BadImage);
    let refused = changed(events, "ghcr.io/acme/app:1: not found", "401 Unauthorized");
    assert_eq!(top(&refused).0, Cause::ImagePullAuth);
    // A Secret the kubelet does not name as a pull secret is a missing Secret still.
    let other = changed(events, "pull secrets (regcred)", "pull secrets (other)");
    assert_eq!(top(&other).0, Cause::MissingSecretOrConfigMap);
}

#[test]
fn two_unmistakable_causes_make_neither_certain() {
    let input = "\
  Warning  FailedScheduling  2m  default-scheduler  0/4 nodes are available: 4 Insufficient nvidia.com/gpu.
  Warning  Failed  3m  kubelet  Failed to pull image \"nvcr.io/nvidia/op:1\": failed to pull and unpack image \"nvcr.io/nvidia/op:1\": failed to resolve reference \"nvcr.io/nvidia/op:1\": unexpected status from HEAD request to https://nvcr.io/v2/nvidia/op/manifests/1: 403 Forbidden
";
    let report = analyze(input);
    let [first, second, ..] = &report.findings[..] else { panic!("two findings") };
    assert!(first.confidence < 0.8 && second.confidence < first.confidence);
    // Alone, the scheduling failure is certain.
    let alone = input.lines().next().unwrap();
    assert!(top(alone).1 >= 0.8);
}

#[test]
fn a_job_that_could_not_reach_the_api_server_called_no_other_workload() {
    let input = "\
$ kubectl -n kube-system logs pod/certgen-4b7vd
level=fatal msg=\"failed to generate certificates\" error=\"failed to create secret: Post \\\"https://api.example:443/api/v1/namespaces/kube-system/secrets\\\": dial tcp: lookup api.example.: i/o timeout\"

$ kubectl -n kube-system describe pod -l k8s-app=relay | tail -3
  ----     ------       ----  ----               -------
  Normal   Scheduled    7m2s  default-scheduler  Successfully assigned kube-system/relay-6d9c7b8f5-hx2wq to node-1
  Warning  FailedMount  47s   kubelet            MountVolume.SetUp failed for volume \"tls\" : secret \"relay-certs\" not found
";
    let secret = |input: &str| {
        let report = analyze(input);
        let found = report.findings.iter().find(|f| f.cause == Cause::MissingSecretOrConfigMap);
        found.map_or(0.0, |f| f.confidence)
    };
    assert_eq!(top(input).0, Cause::NetworkOrDns);
    assert!(secret(input) < 0.6, "{}", secret(input));
    // A service the Job called may be the other workload: its failure keeps its weight.
    let service = changed(
        input,
        "https://api.example:443/api/v1/namespaces/kube-system/secrets",
        "http://relay:8080/v1/push",
    );
    let service = changed(&service, "lookup api.example.", "lookup relay");
    assert!(secret(&service) >= 0.7, "{}", secret(&service));
}

#[test]
fn a_command_that_is_false_always_fails() {
    let input = "\
$ kubectl describe job shard-check
Name:           shard-check
Namespace:      batch
Pods Statuses:  0 Active / 0 Succeeded / 1 Failed
Pod Template:
  Containers:
   check:
    Image:      busybox:1.36
    Command:
      sh
      -c
      sleep 5; false
Events:
  Type     Reason                Age   From            Message
  ----     ------                ----  ----            -------
  Warning  BackoffLimitExceeded  30s   job-controller  Job has reached the specified backoff limit
";
    assert_eq!(top(input).0, Cause::AppError);
    // `false || exit 1` fails only when false fails: it always does, but the script is no
    // longer one whose last word is false.
    let guarded = changed(input, "sleep 5; false", "sleep 5 || exit 1");
    assert_eq!(top(&guarded).0, Cause::Unknown);
}

#[test]
fn a_pod_the_scheduler_marked_unscheduled_is_unschedulable() {
    let input = "\
$ kubectl get pod run-3f0c -o yaml | sed -n '/^status:/,$p'
status:
  conditions:
  - lastTransitionTime: \"2020-11-27T23:16:28Z\"
    message: Your pod's cpu/memory requirements exceed the max Fargate configuration
    reason: POD_CPU_MEM_EXCEEDS_MAX_FARGATE_SIZE
    status: \"False\"
    type: PodScheduled
  phase: Pending
";
    assert_eq!(top(input).0, Cause::Unschedulable);
    let scheduled = changed(input, "status: \"False\"", "status: \"True\"");
    assert_ne!(top(&scheduled).0, Cause::Unschedulable);
}

#[test]
fn a_cronjob_with_a_job_running_has_not_stalled() {
    let input = "\
$ kubectl get cronjob decorator
NAME        SCHEDULE      SUSPEND   ACTIVE   LAST SCHEDULE   AGE
decorator   */5 * * * *   False     1        3h              41d
";
    assert_ne!(top(input).0, Cause::CronjobNotScheduling);
    let idle = changed(input, "False     1        3h", "False     0        3h");
    assert_eq!(top(&idle).0, Cause::CronjobNotScheduling);
}

#[test]
fn a_controllers_errors_are_not_the_jobs() {
    let input = "\
$ kubectl -n vision get job annotate
NAME       STATUS      COMPLETIONS   DURATION   AGE
annotate   Suspended   0/1                      3h4m
$ kubectl -n kueue-system logs deploy/kueue-controller-manager | grep annotate
{\"level\":\"error\",\"msg\":\"Handling job with no workload\",\"job\":\"vision/annotate\"}
";
    assert_ne!(top(input).0, Cause::AppError);
    let own = changed(input, "logs deploy/kueue-controller-manager", "logs job/annotate");
    assert_eq!(top(&own).0, Cause::AppError);
}

#[test]
fn a_native_sidecars_exit_in_a_pod_that_succeeded_is_no_failure() {
    let input = "\
$ kubectl describe pod export-qpm95
Name:         export-qpm95
Namespace:    agents
Status:       Succeeded
Init Containers:
  zookeeper:
    State:          Terminated
      Reason:       Error
      Exit Code:    143
Containers:
  agent:
    State:          Terminated
      Reason:       Completed
      Exit Code:    0
";
    assert_eq!(top(input).0, Cause::NoFailure);
    // In a pod that failed, the same exit is a container stopped from outside.
    let failed = changed(input, "Status:       Succeeded", "Status:       Failed");
    assert_eq!(top(&failed).0, Cause::TerminatedBySignal);
}

#[test]
fn a_warning_of_work_that_completed_is_no_failure() {
    let input = "\
$ kubectl get job scanner-29795160
NAME               STATUS     COMPLETIONS   DURATION   AGE
scanner-29795160   Complete   1/1           47s        5m
$ kubectl logs job/scanner-29795160
2026-09-15T10:00:44Z WARN  scanner: could not write the health file: [Errno 30] Read-only file system: '/tmp/health.json'
2026-09-15T10:00:44Z INFO  scanner: pass complete, exiting
";
    assert_eq!(top(input).0, Cause::NoFailure);
    // Logged as an error, it is the program's failure even though the Job completed.
    let error = changed(input, "Z WARN  scanner", "Z ERROR scanner");
    assert_eq!(top(&error).0, Cause::PermissionDenied);
}

#[test]
fn a_name_that_does_not_resolve_is_the_jobs_own_failure_beside_other_workloads() {
    let input = "\
$ kubectl get jobs
NAME        COMPLETIONS   DURATION   AGE
init-db     0/1           5m14s      5m14s
$ kubectl get events
LAST SEEN   TYPE      REASON             OBJECT               MESSAGE
3m2s        Warning   FailedScheduling   pod/pinot-server-1   0/3 nodes are available: 3 Insufficient memory.
$ kubectl logs init-db-k4tzm -c wait-for-db
nc: bad address 'postgresql'
";
    assert_eq!(top(input).0, Cause::NetworkOrDns);
    // A refused connection may be to the other workload, whose failure then keeps its weight.
    let refused = changed(
        input,
        "nc: bad address 'postgresql'",
        "nc: postgresql (10.0.4.2:5432): Connection refused",
    );
    assert_eq!(top(&refused).0, Cause::Unschedulable);
}

#[test]
fn kubectl_not_reaching_a_kubelet_is_the_node_not_the_jobs_network() {
    let input = "\
$ kubectl logs backfill-5tq9w
Error from server: Get \"https://10.0.93.120:10250/containerLogs/etl/backfill-5tq9w/backfill\": dial tcp 10.0.93.120:10250: i/o timeout
";
    let (cause, confidence) = top(input);
    assert!(cause != Cause::NetworkOrDns || confidence < 0.5, "{cause:?} {confidence}");
    let service = changed(
        input,
        "10.0.93.120:10250/containerLogs/etl/backfill-5tq9w/backfill",
        "10.0.93.120:8443/v1/export",
    );
    assert_eq!(top(&service).0, Cause::NetworkOrDns);
}

#[test]
fn a_host_that_is_an_unexpanded_reference_is_a_setting_not_the_network() {
    let input = "\
$ kubectl logs migrations-hc2w9
Datasource \"client\": PostgreSQL database \"app\" at \"$(DATABASE_HOST):5432\"
Error: P1001: Can't reach database server at `$(DATABASE_HOST)`:`5432`
";
    assert_eq!(top(input).0, Cause::MissingConfig);
    let expanded = input.replace("$(DATABASE_HOST)", "db.shop.svc");
    assert_eq!(top(&expanded).0, Cause::NetworkOrDns);
}

#[test]
fn logs_of_a_job_are_its_own_pods_beside_other_workloads() {
    let input = "\
$ kubectl get pods
NAME                             READY   STATUS                       RESTARTS   AGE
portal-backend-6c8f9d7b5-qx4lm   0/1     CreateContainerConfigError   0          3m
oauth-secret-job-p9xq4           0/1     Error                        0          2m
$ kubectl describe pod portal-backend-6c8f9d7b5-qx4lm | tail -1
  Warning  Failed     3m (x9 over 3m10s)    kubelet            Error: secret \"portal-oauth\" not found
$ kubectl logs job/oauth-secret-job
ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate in certificate chain (_ssl.c:1000)
";
    assert_eq!(top(input).0, Cause::TlsCertificate);
}

#[test]
fn a_pending_pod_whose_container_waits_with_no_reason_is_recognised_as_pending() {
    let input = "Name:           export-pg-0-w7d2c\nNamespace:      dba\nStatus:         Pending\n\
                 Containers:\n  pgdump:\n    Image:  postgres:16\n    State:  Waiting\n";
    let report = kubetriage::analyze(input);
    assert_eq!(report.recognised, "1 pod (Pending)");
}

#[test]
fn a_cronjob_listed_and_described_is_one_cronjob_whose_events_name_its_job() {
    let input = "\
$ kubectl get cronjob db-backup -n ops
NAME        SCHEDULE    SUSPEND   ACTIVE   LAST SCHEDULE   AGE
db-backup   0 2 * * *   False     0        22h             40d
$ kubectl describe cronjob db-backup -n ops
Name:                          db-backup
Namespace:                     ops
Schedule:                      0 2 * * *
Concurrency Policy:            Forbid
Suspend:                       False
Last Schedule Time:            Fri, 04 Dec 2026 02:00:00 +0000
Active Jobs:                   <none>
Events:
  Type    Reason            Age   From                Message
  ----    ------            ----  ----                -------
  Normal  SuccessfulCreate  22h   cronjob-controller  Created job db-backup-29410920
  Normal  SawCompletedJob   22h   cronjob-controller  Saw completed job: db-backup-29410920, status: Failed
";
    let report = analyze(input);
    assert_eq!(report.recognised, "1 CronJob; 2 events");
    let commands: Vec<String> =
        report.findings[0].steps.iter().filter_map(|s| s.command.clone()).collect();
    assert!(
        commands.contains(&"kubectl get job db-backup-29410920 -n ops -o yaml".to_owned()),
        "{commands:?}"
    );
    // Two CronJobs of one name in two namespaces stay two.
    let two = changed(input, "Namespace:                     ops", "Namespace:  staging");
    assert_eq!(analyze(&two).recognised, "2 CronJobs; 2 events");
}

#[test]
fn a_provisioners_helper_pod_refused_at_admission_is_the_refusal() {
    let input = "\
$ kubectl describe pvc scratch -n batch
Events:
  Type     Reason              Age                From                                   Message
  ----     ------              ----               ----                                   -------
  Warning  ProvisioningFailed  29s (x3 over 75s)  local.csi.example.com_prov-7bdjm       failed to provision volume with StorageClass \"local-hostpath\": pods \"init-pvc-0b2c\" is forbidden: violates PodSecurity \"baseline:latest\": hostPath volumes (volume \"data\")
";
    assert_eq!(top(input).0, Cause::AdmissionOrQuota);
    // The provisioner's own failure stays the volume's.
    let failed = changed(
        input,
        "pods \"init-pvc-0b2c\" is forbidden: violates PodSecurity \"baseline:latest\": hostPath volumes (volume \"data\")",
        "rpc error: code = ResourceExhausted desc = insufficient free space",
    );
    assert_eq!(top(&failed).0, Cause::VolumeMount);
}

#[test]
fn the_job_of_the_run_whose_logs_show_the_failure_is_the_one_named() {
    let input = "\
$ kubectl get pods -n wp
site-backup-28560360-7ffmz        0/1     Error       0          3d
site-backup-28563240-xk9d4        0/1     Error       0          23h
$ kubectl logs -n wp site-backup-28563240-xk9d4
<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message></Error>
";
    let report = analyze(input);
    assert_eq!(report.findings[0].cause, Cause::AuthFailure);
    let commands: Vec<String> =
        report.findings[0].steps.iter().filter_map(|s| s.command.clone()).collect();
    assert!(
        commands.iter().any(|c| c == "kubectl get job site-backup-28563240 -n wp -o yaml"),
        "{commands:?}"
    );
    assert!(!commands.iter().any(|c| c.contains("site-backup-28560360")), "{commands:?}");
}

#[test]
fn a_paste_that_shows_no_job_has_no_own_pods_to_set_other_workloads_aside() {
    let input = "\
$ kubectl get pods -n csi
NAME                          READY   STATUS             RESTARTS        AGE
csi-ctl-6b8f7d4c9d-2lxkq      1/2     CrashLoopBackOff   12 (104s ago)   7m31s
csi-node-4tcxj                2/4     CrashLoopBackOff   18 (101s ago)   7m31s
$ kubectl logs csi-ctl-6b8f7d4c9d-2lxkq -n csi
exec /csi-provisioner: exec format error
";
    assert_eq!(top(input).0, Cause::ExecFormat);
    // Beside a Job's own failed pod that says nothing, another workload's failure is no answer.
    let with_job = input.replace("csi-node-4tcxj  ", "nightly-7x2kq   ")
        + "$ kubectl get jobs -n csi\nNAME      STATUS   COMPLETIONS   DURATION   AGE\nnightly   Failed   0/1           7m         8m\n";
    assert_ne!(top(&with_job).0, Cause::ExecFormat);
}

#[test]
fn nslookup_misses_under_some_search_suffixes_beside_its_answer_are_no_dns_failure() {
    let input = "\
$ kubectl logs migrate-7n2xq -c wait-redis
Server:		10.43.0.10
Address:	10.43.0.10:53

** server can't find redis-master.cluster.local: NXDOMAIN

Name:	redis-master.support.svc.cluster.local
Address: 10.43.118.27

** server can't find redis-master.svc.cluster.local: NXDOMAIN
";
    assert_ne!(top(input).0, Cause::NetworkOrDns);
    let unanswered =
        changed(input, "Name:	redis-master.support.svc.cluster.local\nAddress: 10.43.118.27\n", "");
    assert_eq!(top(&unanswered).0, Cause::NetworkOrDns);
}

#[test]
fn a_reason_column_of_custom_columns_is_the_pods_reason() {
    let input = "\
$ kubectl get pods -n etl -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,REASON:.status.reason
NAME                         NODE                      REASON
etl-nightly-28790400-zzb7q   dev-pool-a-5shb4          Evicted
";
    assert_eq!(top(input).0, Cause::Evicted);
}

#[test]
fn an_action_the_provider_denied_is_a_grant_to_add_not_a_credential_to_change() {
    let input = "\
$ kubectl logs export-28890120-x7k2q -n data
upload failed: ./out.csv to s3://acme-exports/out.csv An error occurred (AccessDenied) when calling the PutObject operation: Access Denied
";
    let report = analyze(input);
    assert_eq!(report.findings[0].cause, Cause::AuthFailure);
    let steps = &report.findings[0].steps;
    assert!(steps.iter().any(|s| s.text.contains("grant the role")), "{steps:?}");
    assert!(
        !steps.iter().any(|s| s.text.starts_with("Compare the stored credential")),
        "{steps:?}"
    );
    // The Job is the one the logged pod's name tells, a CronJob's run.
    let commands: Vec<&str> = steps.iter().filter_map(|s| s.command.as_deref()).collect();
    assert!(commands.contains(&"kubectl get job export-28890120 -n data -o yaml"), "{commands:?}");
    // A password refused is a credential to compare.
    let password = changed(
        input,
        "An error occurred (AccessDenied) when calling the PutObject operation: Access Denied",
        "FATAL:  password authentication failed for user \"export\"",
    );
    let report = analyze(&password);
    let steps = &report.findings[0].steps;
    assert!(steps.iter().any(|s| s.text.starts_with("Compare the stored credential")), "{steps:?}");
}

/// A batch operator's pods end in an ordinal like a StatefulSet's (`train-worker-1`): the
/// controller the describe names, not the name, says whose pod it is.
#[test]
fn an_operators_worker_with_an_ordinal_is_the_jobs_own_pod() {
    let input = "\
$ kubectl get pods
NAME             READY   STATUS      RESTARTS   AGE
train-launcher   0/1     Error       0          4m
train-worker-1   0/1     OOMKilled   0          4m

$ kubectl describe pod train-launcher
Name:             train-launcher
Namespace:        ml
Status:           Failed
Controlled By:    Job/train-launcher
Containers:
  launcher:
    State:          Terminated
      Reason:       Error
      Exit Code:    1

$ kubectl describe pod train-worker-1
Name:             train-worker-1
Namespace:        ml
Status:           Failed
Controlled By:    MPIJob/train
Containers:
  worker:
    State:          Terminated
      Reason:       OOMKilled
      Exit Code:    137
    Limits:
      memory:  600Mi
";
    let (cause, confidence) = top(input);
    assert_eq!(cause, Cause::OomKilled);
    assert!(confidence >= 0.8, "{confidence}");
    // The same pod under a StatefulSet is a workload beside the failed Job: a hint only.
    let beside = changed(input, "MPIJob/train", "StatefulSet/train-worker");
    let (cause, confidence) = top(&beside);
    assert!(cause != Cause::OomKilled || confidence < 0.5, "{cause:?} {confidence}");
}

/// A manifest the Job's own program applied and the API server refused (an install Job's
/// `helm upgrade`) is not the Job's manifest: short of certain. Refused in the user's own
/// `kubectl apply`, it is.
#[test]
fn a_manifest_the_program_applied_and_was_refused_is_short_of_certain() {
    let refusal = "Error: UPGRADE FAILED: error validating \"\": error validating data: \
                   ValidationError(ConfigMap.data): invalid type for io.k8s.api.core.v1.ConfigMap.data: \
                   got \"array\", expected \"map\"";
    let logged = format!(
        "$ kubectl logs helm-install-ingress-b7xk4\n+ helm_v3 upgrade ingress\n{refusal}\n"
    );
    let (cause, confidence) = top(&logged);
    assert_eq!(cause, Cause::InvalidSpec);
    assert!(confidence < 0.8, "{confidence}");
    let applied = format!("$ helm upgrade ingress ./chart\n{refusal}\n");
    let (cause, confidence) = top(&applied);
    assert_eq!(cause, Cause::InvalidSpec);
    assert!(confidence >= 0.8, "{confidence}");
}

/// A Job that completed after an attempt failed has something to answer: why the attempt
/// failed (`causes.md`). A failed pod of another run beside it does not.
#[test]
fn a_failed_attempt_before_the_job_completed_is_no_healthy_run() {
    let input = "\
$ kubectl get jobs
NAME            COMPLETIONS   DURATION   AGE
sync-29412      1/1           28s        21m

$ kubectl get pods
NAME                  READY   STATUS      RESTARTS   AGE
sync-29412-h6x2p      0/1     Unknown     0          7m25s
sync-29412-zq9d4      0/1     Completed   0          7m3s
";
    let (cause, _) = top(input);
    assert_eq!(cause, Cause::TerminatedBySignal);
    let errored = changed(input, "Unknown  ", "Error    ");
    assert_eq!(top(&errored).0, Cause::Unknown);
    // The failed pod is another run's (`sync-29411`): this Job's own run went through, and the
    // steps read what the pod that succeeded printed, not the other run's.
    let other_run = changed(&errored, "sync-29412-h6x2p", "sync-29411-h6x2p");
    let report = analyze(&other_run);
    let f = &report.findings[0];
    assert_eq!(f.cause, Cause::NoFailure);
    let commands: Vec<&str> = f.steps.iter().filter_map(|s| s.command.as_deref()).collect();
    assert!(commands.iter().any(|c| c.contains("logs sync-29412-zq9d4")), "{commands:?}");
    assert!(!commands.iter().any(|c| c.contains("sync-29411-h6x2p")), "{commands:?}");
}

/// A setting that names a path in a workstation's home directory (a tool that copied the
/// submitting machine's working directory or local URI into the pod) is why the program cannot
/// find what it reads there.
#[test]
fn a_setting_that_names_a_path_on_the_workstation_is_missing_config() {
    let input = "\
$ kubectl get job train -o yaml
      containers:
      - env:
        - name: MLFLOW_TRACKING_URI
          value: file:///Users/dana/projects/wine/mlruns
        image: wine:5be1c02
      restartPolicy: Never

$ kubectl get pods -l job-name=train
NAME          READY   STATUS   RESTARTS   AGE
train-tq8fz   0/1     Error    0          3m

$ kubectl logs train-tq8fz
Traceback (most recent call last):
  File \"train.py\", line 62, in <module>
    with mlflow.start_run():
mlflow.exceptions.MlflowException: Run '8c2e1f0d' not found
";
    assert_eq!(top(input).0, Cause::MissingConfig);
    // A path of the container's own is no sign of anything.
    let own = changed(input, "file:///Users/dana/projects/wine/mlruns", "file:///mlruns");
    assert_eq!(top(&own).0, Cause::AppError);
}

/// An orchestrator that gave up waiting for its pod to start asks why the start took so long:
/// the scheduling wait the pod got past too late is the answer.
#[test]
fn a_wait_the_pod_got_past_too_late_answers_a_launcher_that_gave_up() {
    let input = "\
10:09:00.669 | ERROR   | prefect.infrastructure.kubernetes-job - Job 'etl-kx7wn': Pod never started.

$ kubectl get events --field-selector involvedObject.name=etl-kx7wn-2j9sd
LAST SEEN   TYPE      REASON             OBJECT                MESSAGE
3m14s       Warning   FailedScheduling   pod/etl-kx7wn-2j9sd   0/4 nodes are available: 4 Insufficient cpu.
3m10s       Normal    TriggeredScaleUp   pod/etl-kx7wn-2j9sd   pod triggered scale-up: [{pool-a 3->4 (max: 12)}]
58s         Normal    Scheduled          pod/etl-kx7wn-2j9sd   Successfully assigned flows/etl-kx7wn-2j9sd to node-4
31s         Normal    Started            pod/etl-kx7wn-2j9sd   Started container job
";
    assert_eq!(top(input).0, Cause::Unschedulable);
    // Without the launcher's report the wait is over, and says nothing of a failure.
    let events = input.split_once("\n\n").expect("two parts").1;
    assert_ne!(top(events).0, Cause::Unschedulable);
}

/// A CI runner's `Finished: FAILURE` is no word of success: timeouts the program retried and
/// never got past are the failure, not a transient one.
#[test]
fn a_run_that_finished_in_failure_did_not_go_through() {
    let input = "\
Collecting pandas==0.24.1 (from -r requirements.txt (line 1))
  Retrying (Retry(total=1, connect=None, read=None, redirect=None, status=None)) after connection broken by 'ReadTimeoutError(\"HTTPSConnectionPool(host='pypi.org', port=443): Read timed out. (read timeout=15)\",)': /simple/pandas/
  Retrying (Retry(total=0, connect=None, read=None, redirect=None, status=None)) after connection broken by 'ReadTimeoutError(\"HTTPSConnectionPool(host='pypi.org', port=443): Read timed out. (read timeout=15)\",)': /simple/pandas/
No matching distribution found for pandas==0.24.1 (from -r requirements.txt (line 1))
ERROR: script returned exit code 1
Finished: FAILURE
";
    assert_eq!(top(input).0, Cause::NetworkOrDns);
    let passed = changed(input, "Finished: FAILURE", "Finished: SUCCESS");
    assert_eq!(top(&passed).0, Cause::TransientDependency);
}

/// A framework reports its own failure in a line of its own words, and logs the exception that
/// says why on the next lines (at warning level, as Spring does): the first error's cue is
/// read there when the line itself has none. An INFO line below says nothing of it.
#[test]
fn the_detail_below_a_first_error_without_a_cue_speaks_for_it() {
    let input = "\
$ kubectl logs export-28633417-rn5qv
2024-07-29 11:17:09.580  INFO 1 --- [main] c.e.ExportApplication : Starting
2024-07-29 11:17:11.519 ERROR 1 --- [main] c.e.SftpConfiguration : There was an error loading the client certificate.
2024-07-29 11:17:11.520  WARN 1 --- [main] s.c.a.AnnotationConfigApplicationContext : Exception encountered during context initialization: java.io.FileNotFoundException: /etc/sftp/client.crt (No such file or directory)
2024-07-29 11:17:11.544 ERROR 1 --- [main] o.s.boot.SpringApplication : Application run failed

$ kubectl get pods
NAME                    READY   STATUS   RESTARTS   AGE
export-28633417-rn5qv   0/1     Error    0          65s
";
    assert_eq!(top(input).0, Cause::MissingConfig);
    let info = changed(input, "  WARN 1 --- [main] s.c.a.", "  INFO 1 --- [main] s.c.a.");
    assert_eq!(top(&info).0, Cause::AppError);
}

/// A program that runs another reports only the child's exit (`{"error": "exit status 1"}`), after
/// relaying the child's own output at its own calm level: the first error's cue is read on the
/// lines above it. An error line that says more than an exit is left to its own words.
#[test]
fn a_reported_child_exit_takes_the_cue_of_the_output_above_it() {
    let input = "\
$ kubectl logs backup-28633415-x2dfl -n ops
1.7041024061840534e+09\tINFO\tsnap\tStarting snap
1.7041024073419504e+09\tINFO\tsnap.restic.stderr\tFatal: unable to open repository at s3:https://nas.example:8443/b: endpoint nas.example:8443 unreachable
1.7041024073423154e+09\tERROR\tsnap\tfailed to open the repository\t{\"error\": \"exit status 1\"}
1.7041024073436787e+09\tINFO\tsnap\texiting

$ kubectl get pods -n ops
NAME                    READY   STATUS   RESTARTS   AGE
backup-28633415-x2dfl   0/1     Error    0          65s
";
    assert_eq!(top(input).0, Cause::NetworkOrDns);
    let worded = changed(input, "\"exit status 1\"", "\"bucket layout is not supported\"");
    assert_eq!(top(&worded).0, Cause::AppError);
}

/// A Job whose status counts a success and no failure completed with the one pod the paste
/// shows, though that pod now reads failed (a kubelet that restarted re-ran admission on it):
/// the Job counted the pod as its success, and its failure came after. Had the Job counted a
/// failure, the pod's failure would be the question.
#[test]
fn a_failure_after_the_job_counted_the_pod_a_success_is_no_failure() {
    let input = "\
$ kubectl -n gpu-smoke get pods
NAME                 READY   STATUS                     RESTARTS   AGE
smoke-gpu-n4d8q      0/1     UnexpectedAdmissionError   0          3m1s

$ kubectl -n gpu-smoke get pod smoke-gpu-n4d8q -o yaml | yq '.status'
message: 'Allocate failed due to requested number of devices unavailable for nvidia.com/gpu.
  Requested: 1, Available: 0, which is unexpected'
phase: Failed
reason: UnexpectedAdmissionError

$ kubectl -n gpu-smoke get job smoke-gpu -o yaml | yq '.status'
completionTime: \"2023-06-05T21:59:58Z\"
conditions:
  - lastTransitionTime: \"2023-06-05T21:59:58Z\"
    status: \"True\"
    type: Complete
ready: 0
startTime: \"2023-06-05T21:59:49Z\"
succeeded: 1
uncountedTerminatedPods: {}
";
    assert_eq!(top(input).0, Cause::NoFailure);
    let counted = changed(input, "succeeded: 1\n", "succeeded: 1\nfailed: 1\n");
    assert_eq!(top(&counted).0, Cause::Unschedulable);
}

/// The API server's call to an admission webhook that was refused is a refusal to create the
/// object (`causes.md`), not the Job's own network: the refused connection gives way to the
/// webhook, and the steps look at the webhook's Service. A refused call of the Job's own stays
/// a network failure.
#[test]
fn a_webhook_the_api_server_could_not_call_is_admission() {
    let input = "\
$ helm install metrics ./charts/metrics -n monitoring
Error: failed pre-install: 1 error occurred:
\t* Internal error occurred: failed calling webhook \"mjob.kb.io\": failed to call webhook: Post \"https://queue-webhook.queue-system.svc:443/mutate-batch-v1-job?timeout=10s\": dial tcp 10.96.142.37:443: connect: connection refused
";
    assert_eq!(top(input).0, Cause::AdmissionOrQuota);
    let report = kubetriage::analyze::analyze(input);
    let steps = &report.findings[0].steps;
    assert!(
        steps.iter().any(|s| s
            .command
            .as_deref()
            .is_some_and(|c| c.contains("mutatingwebhookconfigurations"))),
        "{steps:?}"
    );
    let own = "\
$ kubectl logs export-7xk2p
Error: Post \"https://queue-api.queue-system.svc:443/jobs\": dial tcp 10.96.142.37:443: connect: connection refused
";
    assert_eq!(top(own).0, Cause::NetworkOrDns);
}

/// A pull the kubelet tried with each credential reports all the attempts on one line: the
/// registry that answered `manifest unknown` let that attempt in, so the tag is what does not
/// exist, whatever the other attempt was told.
#[test]
fn a_manifest_unknown_to_one_attempt_outweighs_another_refused() {
    let input = "\
Warning  Failed  21s  kubelet  Failed to pull image \"acr.example.io/preprocess\": [rpc error: code = Unknown desc = Error response from daemon: manifest for acr.example.io/preprocess:latest not found: manifest unknown: manifest unknown, rpc error: code = Unknown desc = Error response from daemon: Get https://acr.example.io/v2/preprocess/manifests/latest: unauthorized: authentication required]
";
    assert_eq!(top(input).0, Cause::BadImage);
    let refused = changed(input, "manifest for acr.example.io/preprocess:latest not found: manifest unknown: manifest unknown", "pull access denied");
    assert_eq!(top(&refused).0, Cause::ImagePullAuth);
}

/// A launcher's traceback about the pod it watched (an assertion on the pod's phase) says
/// nothing against a Job that completed, when the work's own logs are in the paste and end
/// well. Without the work's logs, the launcher's error is all there is to read.
#[test]
fn a_launchers_error_gives_way_to_a_job_that_completed() {
    let input = "\
ERROR: [pid 1] Worker failed    ScoreBatch(date=2022-07-20)
Traceback (most recent call last):
  File \"/usr/local/lib/python3.10/site-packages/luigi/contrib/kubernetes.py\", line 304, in __verify_job_has_started
    assert wr == 'ContainerCreating'
AssertionError: Pod score-20220721-h6ztk PodInitializing.

$ kubectl get job score-20220721
NAME             COMPLETIONS   DURATION   AGE
score-20220721   1/1           2m41s      6m

$ kubectl get pods -l job-name=score-20220721
NAME                   READY   STATUS      RESTARTS   AGE
score-20220721-h6ztk   0/1     Completed   0          6m

$ kubectl logs score-20220721-h6ztk
2022-07-20 15:28:39 loading /models/model.bin
2022-07-20 15:30:11 finished OK
";
    assert_eq!(top(input).0, Cause::NoFailure);
    let unlogged = changed(input, "$ kubectl logs score-20220721-h6ztk\n2022-07-20 15:28:39 loading /models/model.bin\n2022-07-20 15:30:11 finished OK\n", "");
    assert_eq!(top(&unlogged).0, Cause::AppError);
}

/// A wrapper that relays another program's stderr at its own info level (CloudNativePG and
/// barman) carries that program's error line: the rule that knows it keeps its weight. A record
/// at info level with no relayed level word stays calm.
#[test]
fn a_relayed_error_line_inside_a_calm_record_keeps_its_weight() {
    let input = "\
$ kubectl logs -n media photos-pg-1-full-recovery-dq7zt
{\"level\":\"info\",\"ts\":\"2025-04-12T21:04:57.476706901Z\",\"logger\":\"barman-cloud-check-wal-archive\",\"msg\":\"2025-04-12 21:04:57,476 [19] ERROR: WAL archive check failed for server photos-pg: Expected empty archive\",\"pipe\":\"stderr\"}
{\"level\":\"error\",\"ts\":\"2025-04-12T21:04:57.551418102Z\",\"msg\":\"Error while restoring a backup\",\"error\":\"exit status 1\"}
";
    let (cause, confidence) = top(input);
    assert_eq!(cause, Cause::MissingConfig);
    let calm = changed(input, "[19] ERROR: WAL", "[19] WAL");
    let (calm_cause, calm_confidence) = top(&calm);
    assert_eq!(calm_cause, Cause::MissingConfig);
    assert!(calm_confidence < confidence, "{calm_confidence} vs {confidence}");
}

/// A name that did not resolve in the logs of a pod still waiting in its init containers did
/// not come and go, whatever another workload's pod completed beside it. Had the waiting pod
/// come up, the failure would have been a wait it got past.
#[test]
fn a_dependency_still_failing_in_a_waiting_pod_is_no_recovery() {
    let input = "\
$ kubectl -n ledger get pods
NAME                          READY   STATUS      RESTARTS   AGE
quorum-genesis-init-8wq5d     0/1     Completed   0          26m
member1-0                     0/3     Init:0/2    0          9m47s

$ kubectl -n ledger logs member1-0 -c init-bootnode
curl: (6) Could not resolve host: quorum-rpcnode.ledger.svc.cluster.local
waiting for quorum-rpcnode to answer, retrying in 5s
curl: (6) Could not resolve host: quorum-rpcnode.ledger.svc.cluster.local
";
    assert_eq!(top(input).0, Cause::NetworkOrDns);
    let up = changed(
        input,
        "member1-0                     0/3     Init:0/2 ",
        "member1-0                     3/3     Running  ",
    );
    assert_eq!(top(&up).0, Cause::TransientDependency);
}

/// A step killed for memory that exits 0 (the runtime marks it `OOMKilled`) beside a step of the
/// same pod that then failed (Tekton fails the steps after one that did not finish): the kill is
/// the pod's failure. Alone in a pod that did not fail, the mark says nothing.
#[test]
fn an_oom_kill_that_exited_0_beside_a_failed_step_is_the_failure() {
    let input = "\
$ kubectl -n ci get pod build-x8j2k-pod -o yaml | sed -n '/containerStatuses:/,/hostIP/p'
  containerStatuses:
  - name: step-build
    state:
      terminated:
        exitCode: 0
        reason: OOMKilled
  - name: step-push
    state:
      terminated:
        exitCode: 1
        reason: Error
  hostIP: 10.0.141.22
";
    assert_eq!(top(input).0, Cause::OomKilled);
    let alone = changed(
        input,
        "        exitCode: 1\n        reason: Error",
        "        exitCode: 0\n        reason: Completed",
    );
    assert_ne!(top(&alone).0, Cause::OomKilled);
}

/// A database URL that refers to its password variable before it is defined sends the text
/// `$(PGPASSWORD)` as the password: the refused login is the consequence, the setting the first
/// link. A password that resolves leaves the refusal the answer.
#[test]
fn a_password_sent_as_an_unresolved_reference_is_the_setting() {
    let input = "\
    Environment:
      DATABASE_URL:   postgresql://app:$(PGPASSWORD)@pg-main.db.example.internal:5432/app
      PGPASSWORD:     <set to the key 'password' in secret 'external-db'>  Optional: false

$ kubectl logs migrate-hz7xw
error: password authentication failed for user \"app\"
";
    assert_eq!(top(input).0, Cause::MissingConfig);
    let ordered = changed(input, "      DATABASE_URL:   postgresql://app:$(PGPASSWORD)@pg-main.db.example.internal:5432/app\n      PGPASSWORD:     <set to the key 'password' in secret 'external-db'>  Optional: false", "      PGPASSWORD:     <set to the key 'password' in secret 'external-db'>  Optional: false\n      DATABASE_URL:   postgresql://app:$(PGPASSWORD)@pg-main.db.example.internal:5432/app");
    assert_eq!(top(&ordered).0, Cause::AuthFailure);
}

/// A pull refused for a rate limit until the Job's deadline explains the deadline, as a missing
/// image would: the rate limit is the answer, not the time that ran out.
#[test]
fn a_pull_that_kept_failing_explains_the_deadline() {
    let input = "\
28m   Warning   Failed             pod/unpack-vw8j   Failed to pull image \"docker.io/tooling/bundle:v2.3.0\": rpc error: code = Unknown desc = reading manifest v2.3.0 in docker.io/tooling/bundle: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit
21m   Normal    BackOff            pod/unpack-vw8j   Back-off pulling image \"docker.io/tooling/bundle:v2.3.0\"
21m   Warning   DeadlineExceeded   job/unpack        Job was active longer than specified deadline
";
    assert_eq!(top(input).0, Cause::TransientDependency);
}

/// A container that exits 0 the second it starts, printing nothing, in a pod that restarts it,
/// did no work: its command does nothing by itself. One that ran a while, or printed its work,
/// finished one-shot work under a restart policy meant for servers.
#[test]
fn a_container_that_exits_at_once_in_silence_runs_no_command() {
    let input = "\
$ kubectl get pod osrm
NAME   READY   STATUS             RESTARTS      AGE
osrm   0/1     CrashLoopBackOff   6 (88s ago)   7m12s
$ kubectl logs osrm
$ kubectl describe pod osrm
Name:         osrm
Containers:
  osrm:
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Completed
      Exit Code:    0
      Started:      Mon, 28 Oct 2024 11:02:40 +0100
      Finished:     Mon, 28 Oct 2024 11:02:40 +0100
    Restart Count:  6
";
    assert_eq!(top(input).0, Cause::BadCommand);
    let worked = changed(
        input,
        "      Finished:     Mon, 28 Oct 2024 11:02:40 +0100",
        "      Finished:     Mon, 28 Oct 2024 11:09:12 +0100",
    );
    assert_eq!(top(&worked).0, Cause::NoFailure);
}

/// A success older than the failures (`AGE` 65m against 5m) came before them: it is no later
/// attempt that got past them, and the refused connection stays the answer.
#[test]
fn a_success_before_the_failures_is_no_recovery() {
    let input = "\
$ kubectl get pods -n prod
NAME                          READY   STATUS      RESTARTS   AGE
sync-users-abcde              0/1     Completed   0          65m
sync-users-zzzzz              0/1     Error       0          5m
sync-users-yyyyy              0/1     Error       0          4m
$ kubectl logs sync-users-zzzzz -n prod
Error: connect ECONNREFUSED 10.96.3.4:6379
";
    assert_eq!(top(input).0, Cause::NetworkOrDns);
    let later = changed(input, "Completed   0          65m", "Completed   0          1m");
    assert_eq!(top(&later).0, Cause::TransientDependency);
}

/// A report the Job prints about other pods (`pod api-7f9 OOMKilled`) is not its own pod's
/// kill when its pod failed with `Error`: the program's own error is the answer. The same word
/// with no status of the pod to say otherwise still reads as the kill.
#[test]
fn oomkilled_in_the_logs_of_a_pod_that_failed_otherwise_is_another_pods() {
    let input = "\
$ kubectl get pods -n ops
NAME                         READY   STATUS   RESTARTS   AGE
cluster-audit-28391-4kq8z    0/1     Error    0          3m
$ kubectl logs cluster-audit-28391-4kq8z -n ops
2024-05-14 09:00:02 INFO namespace payments: pod api-7f9 OOMKilled (exit 137), 2 restarts
botocore.exceptions.ClientError: An error occurred (NoSuchBucket) when calling the PutObject operation: The specified bucket does not exist
";
    assert_eq!(top(input).0, Cause::MissingConfig);
    let unknown_status = changed(input, "0/1     Error    0", "0/1     Unknown  0");
    assert_eq!(top(&unknown_status).0, Cause::OomKilled);
}

/// A pod that succeeded beside its native sidecar (an init container that restarts always,
/// stopped with 143 when the work was done): the steps read the work container's logs, not the
/// sidecar's, and the sidecar's 143 is no evidence of the success.
#[test]
fn a_succeeded_pods_steps_read_its_work_not_its_native_sidecar() {
    let input = "\
Name:             export-28400-p9sdl
Namespace:        batch
Status:           Succeeded
Controlled By:    Job/export-28400
Init Containers:
  log-shipper:
    State:          Terminated
      Reason:       Error
      Exit Code:    143
Containers:
  export:
    State:          Terminated
      Reason:       Completed
      Exit Code:    0
";
    let report = analyze(input);
    let finding = &report.findings[0];
    assert_eq!(finding.cause, Cause::NoFailure);
    let commands: Vec<&str> = finding.steps.iter().filter_map(|s| s.command.as_deref()).collect();
    assert!(commands.iter().any(|c| c.contains("-c export")), "{commands:?}");
    assert!(!finding.evidence.iter().any(|e| e.text.contains("143")), "{:?}", finding.evidence);
}

/// A user who says the success is false says a failure in the log did not come and go: a
/// dependency the work could not reach stays the answer, not a recovery.
#[test]
fn a_doubted_success_is_no_recovery_from_what_the_log_could_not_reach() {
    let input = "\
Restore succeeded but the volume is empty after it.

$ kubectl get jobs
NAME                    COMPLETIONS   DURATION   AGE
volsync-dst-restore     1/1           41s        9m

$ kubectl logs job/volsync-dst-restore
=== Starting restore ===
Fatal: unable to open config file: Stat: Get \"http://minio.storge.svc:9000/volsync/\": dial tcp: lookup minio.storge.svc: no such host
=== No data will be restored ===
restore done
";
    assert_eq!(top(input).0, Cause::NetworkOrDns);
    // Without the doubt, the lookup the run carried on past came and went.
    let plain = input.split_once("\n\n").expect("two parts").1;
    assert_eq!(top(plain).0, Cause::TransientDependency);
}

/// A pod listed `Running` with one of two containers ready, whose work container the paste shows
/// ended with exit 0, is held by the other: the Job waits on it. Not a run that succeeded.
#[test]
fn a_running_pod_whose_work_ended_well_is_held_by_another_container() {
    let input = "\
$ kubectl get pod migrate-8pwzt
NAME            READY   STATUS    RESTARTS   AGE
migrate-8pwzt   1/2     Running   0          41m

$ kubectl get pod migrate-8pwzt -o jsonpath='{.status.containerStatuses[?(@.name==\"migrate\")]}'
{\"name\":\"migrate\",\"ready\":false,\"restartCount\":0,\"state\":{\"terminated\":{\"exitCode\":0,\"reason\":\"Completed\",\"startedAt\":\"2018-11-27T09:14:07Z\",\"finishedAt\":\"2018-11-27T09:14:24Z\"}}}
";
    assert_eq!(top(input).0, Cause::SidecarNeverExits);
    // With every container ready the pod runs on as a whole: nothing is held.
    let all_ready = changed(input, "1/2     Running", "2/2     Running");
    assert_ne!(top(&all_ready).0, Cause::SidecarNeverExits);
}

#[test]
fn another_jobs_completion_after_restarts_is_no_recovery_of_a_crash_looping_pod() {
    let input = "\
$ kubectl get pods -n kube-system
NAME                              READY   STATUS             RESTARTS      AGE
helm-install-cert-manager-5dkx9   0/1     CrashLoopBackOff   6 (71s ago)   8m33s
helm-install-traefik-w2n6c        0/1     Completed          1             3d1h
$ kubectl logs -n kube-system helm-install-cert-manager-5dkx9
Error: INSTALLATION FAILED: chart \"jetstack/cert-manager\" matching v1.12.3 not found in cert-manager index. (try 'helm repo update'): no chart name found
";
    assert_eq!(top(input).0, Cause::MissingConfig);
    // The same pod's own completion after a restart is its recovery.
    let recovered = changed(
        input,
        "helm-install-traefik-w2n6c        0/1     Completed          1             3d1h",
        "helm-install-cert-manager-w2n6c   0/1     Completed          1             1m",
    );
    let report = analyze(&recovered);
    assert!(report.findings.iter().any(|f| f.cause == Cause::TransientDependency));
}

#[test]
fn the_logs_of_the_deployment_whose_pod_fails_are_its_program_s() {
    let input = "\
$ kubectl -n media get pods -l app=vidgrab
NAME                       READY   STATUS             RESTARTS     AGE
vidgrab-5b96c7d8f4-qj2lm   0/1     CrashLoopBackOff   6 (2m ago)   9m
$ kubectl -n media logs deploy/vidgrab
2024-11-29 15:41:55.408 [error] | Permissions check failed: {:error, :erofs}
";
    assert_eq!(top(input).0, Cause::PermissionDenied);
    // Beside a Job's failed pod, a Deployment's logs are a service's own errors.
    let beside = changed(
        input,
        "vidgrab-5b96c7d8f4-qj2lm   0/1     CrashLoopBackOff   6 (2m ago)   9m",
        "export-28391-x7k2p         0/1     Error              0            9m",
    );
    assert_ne!(top(&beside).0, Cause::PermissionDenied);
}

#[test]
fn the_kubectl_the_user_typed_failing_to_connect_is_no_cause_of_the_job() {
    let input = "\
$ kubectl get nodes
Unable to connect to the server: dial tcp 10.61.12.40:443: i/o timeout
$ sudo tail -n 2 /var/log/etcd.log
W0110 09:14:02.387551    4127 controller.go:161] unexpected error running etcd cluster reconciliation loop: error writing s3://state/etcd-cluster-spec: AccessDenied: Access Denied
\tstatus code: 403, request id: 9C2F4E7A1B3D5F60
";
    assert_eq!(top(input).0, Cause::AuthFailure);
    // Printed by the workload, the same failure is the program's own.
    let logged = changed(input, "$ kubectl get nodes", "$ kubectl logs sync-28391-x7k2p");
    assert_eq!(top(&logged).0, Cause::NetworkOrDns);
}

#[test]
fn the_node_autoscaler_failing_is_why_pods_wait_for_room() {
    let input = "\
$ kubectl get events -n batch
26m   Warning   FailedScheduling   pod/close-28741-7kbfx   0/4 nodes are available: 4 Insufficient memory.
$ kubectl -n kube-system get pods -l app=cluster-autoscaler
NAME                                  READY   STATUS             RESTARTS        AGE
cluster-autoscaler-6f9b8d7c54-xq4ln   0/1     CrashLoopBackOff   9 (2m40s ago)   29m
$ kubectl -n kube-system logs cluster-autoscaler-6f9b8d7c54-xq4ln --previous
F1021 07:12:45.117412       1 aws_cloud_provider.go:447] Failed to create AWS Manager: AccessDenied: User: arn:aws:sts::4444:assumed-role/ca is not authorized to perform: autoscaling:DescribeTags
";
    assert_eq!(top(input).0, Cause::AuthFailure);
    // Another Deployment's failure beside the wait is no reason for it.
    let other = input.replace("cluster-autoscaler", "report-api");
    assert_eq!(top(&other).0, Cause::Unschedulable);
}

#[test]
fn a_child_killed_while_its_container_lived_on_is_the_oom_killer() {
    let input = "\
$ kubectl describe pod docgen-r412-bq7s4
Name:             docgen-r412-bq7s4
Containers:
  docgen:
    State:          Terminated
      Reason:       Error
      Exit Code:    1
    Limits:
      memory:  512Mi
$ kubectl logs docgen-r412-bq7s4
[ERROR]: [wkhtmltopdf, --encoding, UTF-8, /tmp/report.html, /tmp/report.pdf] has exited with code 137
java.lang.IllegalStateException: PDF conversion failed
";
    assert_eq!(top(input).0, Cause::OomKilled);
    // The container itself killed with 137 is the kubelet's to say (OOMKilled or not).
    let itself = changed(input, "      Exit Code:    1\n", "      Exit Code:    137\n");
    assert_ne!(top(&itself).0, Cause::OomKilled);
}

#[test]
fn an_image_named_without_its_registry_is_the_image_not_the_credentials() {
    let input = "\
$ kubectl -n dataops get jobs -o custom-columns=NAME:.metadata.name,IMAGE:.spec.template.spec.containers[0].image
NAME                   IMAGE
ingest-loader-manual   etl/ingest-loader:1.9.3
ingest-loader-0708     harbor.corp.example:8443/etl/ingest-loader:1.9.2
$ kubectl -n dataops describe pod ingest-loader-manual-vx7pd | tail -n 3
  Warning  Failed   31m (x592 over 2d3h)    kubelet  Failed to pull image \"etl/ingest-loader:1.9.3\": rpc error: code = Unknown desc = failed to pull and unpack image \"docker.io/etl/ingest-loader:1.9.3\": failed to resolve reference \"docker.io/etl/ingest-loader:1.9.3\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed
";
    assert_eq!(top(input).0, Cause::BadImage);
    // With no other registry holding that repository, the refusal stands.
    let alone = changed(input, "harbor.corp.example:8443/etl/ingest-loader:1.9.2", "etl/other:1");
    assert_eq!(top(&alone).0, Cause::ImagePullAuth);
}

#[test]
fn a_refusal_to_create_the_pods_explains_a_deadline() {
    let input = "\
$ kubectl -n system-upgrade describe job apply-talos-on-heimdall
Name:                     apply-talos-on-heimdall
Active Deadline Seconds:  900s
Pods Statuses:            0 Active (0 Ready) / 0 Succeeded / 0 Failed
Events:
  Type     Reason            Age   From            Message
  ----     ------            ----  ----            -------
  Warning  FailedCreate      15m   job-controller  Error creating: pods \"apply-talos-on-heimdall-x7k2p\" is forbidden: violates PodSecurity \"baseline:latest\": host namespaces (hostNetwork=true, hostPID=true)
  Warning  DeadlineExceeded  1m    job-controller  Job was active longer than specified deadline
";
    assert_eq!(top(input).0, Cause::AdmissionOrQuota);
}

#[test]
fn another_jobs_refusal_is_no_cause_of_these_failed_pods() {
    let input = "\
$ kubectl -n kube-system get pods -l application=kube-job-cleaner
NAME                                READY   STATUS   RESTARTS   AGE
kube-job-cleaner-1520852400-qx5m2   0/1     Error    0          1m
$ kubectl -n kube-system logs kube-job-cleaner-1520852400-qx5m2
Traceback (most recent call last):
  File \"/cleaner.py\", line 98, in main
    start_time = parse_time(job.obj['status']['startTime'])
KeyError: 'startTime'
$ kubectl -n reporting describe job weekly-export-1520812800 | tail -2
  ----     ------        ----                ----            -------
  Warning  FailedCreate  3m (x41 over 11h)   job-controller  Error creating: pods \"weekly-export-1520812800-\" is forbidden: exceeded quota: reporting-quota, requested: limits.memory=4Gi, used: limits.memory=6Gi, limited: limits.memory=8Gi
";
    let report = analyze(input);
    let quota = report.findings.iter().find(|f| f.cause == Cause::AdmissionOrQuota);
    assert!(quota.is_none_or(|f| f.confidence < 0.6), "{:?}", report.findings);
    assert_eq!(top(input).0, Cause::AppError);
    // The same refusal about the Job whose pods the paste shows is theirs.
    let own = input.replace("weekly-export-1520812800", "kube-job-cleaner-1520852400");
    assert_eq!(top(&own).0, Cause::AdmissionOrQuota);
}

#[test]
fn a_full_filesystem_gets_room_steps_not_attach_steps() {
    let input = "\
$ kubectl logs big-batch-q8x7z -n warehouse
2024-12-04T02:00:00.000Z ERROR fatal: write /scratch/out.parquet: no space left on device
";
    let report = analyze(input);
    let f = report.findings.first().expect("a finding");
    assert_eq!(f.cause, Cause::VolumeMount);
    let texts: Vec<&str> = f.steps.iter().map(|s| s.text.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("filesystem is full")), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("ReadWriteMany")), "{texts:?}");
}

#[test]
fn a_deployment_s_failed_pod_is_told_apart_from_a_job_s() {
    let input = "\
$ kubectl describe pod worker-7d9f8b6c5d-2xqjk -n web
Name:             worker-7d9f8b6c5d-2xqjk
Namespace:        web
Status:           Running
Controlled By:    ReplicaSet/worker-7d9f8b6c5d
Containers:
  worker:
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
";
    let says = |r: &kubetriage::Report| r.notices.iter().any(|n| n.contains("not a Job"));
    assert!(says(&analyze(input)), "{:?}", analyze(input).notices);
    // A Job's pod, or a pod whose controller the paste does not show, gets no such note.
    let job = changed(input, "ReplicaSet/worker-7d9f8b6c5d", "Job/worker-28391");
    assert!(!says(&analyze(&job)));
    let unknown = changed(input, "Controlled By:    ReplicaSet/worker-7d9f8b6c5d\n", "");
    assert!(!says(&analyze(&unknown)));
}

#[test]
fn a_registry_answer_in_the_logs_of_a_program_that_ran_is_the_program_s() {
    // A pruner reads image references of other objects and refuses a malformed one: its own
    // image was pulled, it ran and printed this.
    let input = "\
$ kubectl get pods -n registry
NAME                         READY   STATUS             RESTARTS   AGE
image-pruner-28391-tbq6z     0/1     CrashLoopBackOff   5          7h
$ kubectl logs image-pruner-28391-tbq6z -n registry
W0914 00:03:11.408276       1 prune.go:577] Unable to parse reference \"shop/api@sha256:4e1b  \": invalid reference format - skipping
error: failed to build graph - no changes made
";
    let (cause, _) = top(input);
    assert_eq!(cause, Cause::AppError);
    // The same words where the paste shows a pod that could not pull its own image are the
    // image's.
    let pulled = changed(input, "CrashLoopBackOff", "InvalidImageName");
    assert_eq!(top(&pulled).0, Cause::BadImage);
}

#[test]
fn kubectl_s_own_error_under_its_logs_command_is_no_program_output() {
    // `kubectl logs job/x` once the Job itself is gone: kubectl's answer, not the program's.
    let input = "\
$ kubectl -n nlp get events | grep finetune
9s    Warning   BackoffLimitExceeded   job/finetune   Job has reached the specified backoff limit
$ kubectl -n nlp logs job/finetune
error: error from server (NotFound): jobs.batch \"finetune\" not found in namespace \"nlp\"
";
    assert_eq!(top(input).0, Cause::Unknown);
    // The program's own first line, under a logs command of its pod, still counts.
    let program = changed(input, "logs job/finetune", "logs finetune-q7m2d");
    let program = changed(&program, "error: error from server (NotFound)", "Error: lookup failed");
    assert_eq!(top(&program).0, Cause::AppError);
}

#[test]
fn another_job_s_pod_waiting_for_a_node_is_not_why_this_job_failed() {
    let input = "\
$ kubectl get pods -n ci
NAME                       READY   STATUS    RESTARTS   AGE
deps-cache-4471-qnd2b      0/1     Error     0          4m
lint-4471-b2m7c            0/1     Pending   0          4m
$ kubectl logs deps-cache-4471-qnd2b -n ci
npm ERR! request to https://registry.npmjs.org/react failed, reason: getaddrinfo EAI_AGAIN registry.npmjs.org
$ kubectl get events -n ci
LAST SEEN   TYPE      REASON                 OBJECT                      MESSAGE
4m          Normal    SuccessfulCreate       job/deps-cache-4471         Created pod: deps-cache-4471-qnd2b
4m          Warning   FailedScheduling       pod/lint-4471-b2m7c         0/6 nodes are available: 6 Insufficient cpu.
1m          Warning   BackoffLimitExceeded   job/deps-cache-4471         Job has reached the specified backoff limit
";
    assert_eq!(top(input).0, Cause::NetworkOrDns);
    // The waiting pod of the Job that failed is its story.
    let own = input.replace("lint-4471-b2m7c", "deps-cache-4471-b2m7c");
    assert_eq!(top(&own).0, Cause::Unschedulable);
}

#[test]
fn a_service_s_link_variable_read_as_the_program_s_port_is_its_setting() {
    let input = "\
$ kubectl logs komodo-6b8f7c9d4-x2mkq -n apps
thread 'main' panicked at src/config.rs:24:11:
invalid digit found in string while parsing value 'tcp://10.96.41.203:9120' provided by KOMODO_PORT
";
    assert_eq!(top(input).0, Cause::MissingConfig);
    // An address that is no Service link (a host name) is the program's own error.
    let named = changed(input, "tcp://10.96.41.203:9120", "tcp://komodo.example:91x20");
    assert_eq!(top(&named).0, Cause::AppError);
    // The variable listed beside an error about a port.
    let listed = "\
$ kubectl logs actual-6f8d9c7b5d-qk2wz
Error: port: ports must be within range 0 - 65535
$ kubectl exec actual-6f8d9c7b5d-qk2wz -- env | grep PORT
ACTUAL_PORT=tcp://10.43.112.9:5006
";
    assert_eq!(top(listed).0, Cause::MissingConfig);
}

#[test]
fn powershell_s_error_views_are_read_as_the_program_s_error() {
    // PowerShell 7: the message follows the marker under the failing line.
    let pwsh = "\
$ kubectl -n sync get pods
NAME                     READY   STATUS   RESTARTS   AGE
s3-sync-r4t9n            0/1     Error    0          7m
$ kubectl -n sync logs s3-sync-r4t9n
[21:04:13] Listing the bucket
Get-S3Object: /scripts/Sync-Manifests.ps1:27
Line |
  27 |  $objects = Get-S3Object -BucketName $env:BUCKET -KeyPrefix 'current/'
     |             ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
     | Access Denied
";
    let report = analyze(pwsh);
    let finding = report.findings.first().expect("a finding");
    assert_eq!(finding.cause, Cause::AuthFailure);
    assert!(finding.evidence.iter().any(|e| e.line == 10), "{:?}", finding.evidence);
    // Windows PowerShell: the message stands over the script position.
    let windows = "\
$ kubectl -n stress get pods
NAME                   READY   STATUS   RESTARTS   AGE
deploy-stress-7fmq2    0/1     Error    0          11m
$ kubectl -n stress logs deploy-stress-7fmq2
Import-Module : Assembly with same name is already loaded
At /root/.local/share/powershell/Modules/Az/6.4.0/Az.psm1:113 char:1
+ Import-Module Az.Aks -RequiredVersion 2.4.0 -Global
+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
";
    assert_eq!(top(windows).0, Cause::AppError);
}

#[test]
fn the_failure_of_the_service_a_job_was_refused_by_is_the_first_link() {
    let input = "\
$ kubectl -n datalake get pods
NAME                        READY   STATUS             RESTARTS   AGE
lakefs-7c9d8f6b54-qx2mh     0/1     CrashLoopBackOff   6          7m
lakefs-setup-job-w8kzt      0/1     Error              0          6m
$ kubectl -n datalake describe pod lakefs-7c9d8f6b54-qx2mh
Name:         lakefs-7c9d8f6b54-qx2mh
Events:
  Type     Reason     Age                 From     Message
  ----     ------     ----                ----     -------
  Warning  Unhealthy  47s (x18 over 6m)   kubelet  Liveness probe failed: Get \"http://10.244.2.17:8000/_health\": dial tcp 10.244.2.17:8000: connect: connection refused
  Normal   Killing    47s (x6 over 5m)    kubelet  Container lakefs failed liveness probe, will be restarted
$ kubectl -n datalake logs job/lakefs-setup-job
Error: Post \"http://lakefs.datalake.svc.cluster.local:80/api/v1/setup_lakefs\": dial tcp 10.96.48.211:80: connect: connection refused
";
    assert_eq!(top(input).0, Cause::TerminatedBySignal);
    // A service of another name that refused the Job says nothing of that pod's trouble.
    let other = changed(input, "http://lakefs.datalake", "http://warehouse.datalake");
    assert_eq!(top(&other).0, Cause::NetworkOrDns);
}

#[test]
fn a_server_error_from_a_called_service_is_explained_by_that_service_s_log() {
    let input = "\
$ kubectl -n exports logs job/dashboard-export
2025-02-10 06:00:03,118 INFO GET http://url-to-pdf.exports.svc:9000/api/render?url=https%3A%2F%2Fdash.corp
2025-02-10 06:00:04,032 ERROR render failed: HTTP 500 {\"status\":500,\"statusText\":\"Internal Server Error\"}
Traceback (most recent call last):
  File \"/app/export.py\", line 51, in main
    resp.raise_for_status()
requests.exceptions.HTTPError: 500 Server Error: Internal Server Error for url: http://url-to-pdf.exports.svc:9000/api/render
$ kubectl -n exports get pods
NAME                          READY   STATUS    RESTARTS   AGE
dashboard-export-6pldr        0/1     Error     0          3m
url-to-pdf-6f7d9c8b5-ztq4m    1/1     Running   0          19d
$ kubectl -n exports logs url-to-pdf-6f7d9c8b5-ztq4m --since=10m
2025-02-10T06:00:04.019Z - error: [pdf-core.js] Error when rendering page: Error: SSL Certificate error: ERR_CERT_AUTHORITY_INVALID
";
    assert_eq!(top(input).0, Cause::TlsCertificate);
    // A service of another name answered nothing the Job called.
    let other = input.replace("http://url-to-pdf.exports", "http://renderer.exports");
    assert_eq!(top(&other).0, Cause::AppError);
}

#[test]
fn an_http_403_that_says_permission_denied_is_a_service_refusing_credentials() {
    let input = "\
$ kubectl logs catalog-7d94b6c5f8-lx2mr
com.ecwid.consul.v1.OperationException: OperationException(statusCode=403, statusMessage='Forbidden', statusContent='Permission denied')
";
    assert_eq!(top(input).0, Cause::AuthFailure);
    // The kernel's refusal of a file is the operating system's.
    let file = "$ kubectl logs catalog-7d94b6c5f8-lx2mr\nmkdir: can't create directory '/data': Permission denied\n";
    assert_eq!(top(file).0, Cause::PermissionDenied);
}

#[test]
fn the_resolver_s_eai_again_is_no_retry() {
    // `EAI_AGAIN` is the resolver's code, and npm's timing line no success.
    let input = "\
$ kubectl get pods -n ci
NAME                       READY   STATUS    RESTARTS   AGE
deps-cache-4471-qnd2b      0/1     Error     0          4m
$ kubectl logs deps-cache-4471-qnd2b -n ci
npm verb stack FetchError: request to https://registry.npmjs.org/react failed, reason: getaddrinfo EAI_AGAIN registry.npmjs.org
npm ERR! code EAI_AGAIN
npm verb exit [ 1, true ]
npm timing npm Completed in 61824ms
";
    assert_eq!(top(input).0, Cause::NetworkOrDns);
    // A program that says it tries again, and then gets through, recovered.
    let retried = changed(input, "npm ERR! code EAI_AGAIN", "will retry the fetch in 5s");
    let retried = changed(&retried, "npm verb exit [ 1, true ]", "fetched react in 2s: done");
    assert_eq!(top(&retried).0, Cause::TransientDependency);
}

#[test]
fn a_user_who_says_the_work_failed_is_answered_by_its_logged_error() {
    let input = "\
Our run 9c41 failed in the scheduler UI even though Kubernetes looks fine.
$ kubectl -n dataplat get jobs
NAME            STATUS     COMPLETIONS   DURATION   AGE
run-9c41        Complete   1/1           41s        12m
$ kubectl -n dataplat get pods
NAME             READY   STATUS      RESTARTS   AGE
run-9c41-4mzqp   0/1     Completed   0          12m
$ kubectl -n dataplat logs job/run-9c41
2024-05-02 10:01:12 INFO starting step rollup_by_period
2024-05-02 10:01:13 ERROR step rollup_by_period failed: ValueError: Invalid isoformat string: '2021-13-01'
";
    assert_eq!(top(input).0, Cause::AppError);
    // Without the user's word, a Job that completed stands.
    let quiet = input.replacen(
        "Our run 9c41 failed in the scheduler UI even though Kubernetes looks fine.\n",
        "",
        1,
    );
    assert_eq!(top(&quiet).0, Cause::NoFailure);
    // Nor does a sentence that says nothing failed doubt it.
    let denied = input.replace("failed in the scheduler UI even though", "never failed, and");
    assert_eq!(top(&denied).0, Cause::NoFailure);
}

#[test]
fn a_missing_entry_script_shows_the_line_that_names_it() {
    let input = "\
$ kubectl logs schema-check-2mm7z --previous
node:internal/modules/cjs/loader:1148
  throw err;
  ^

Error: Cannot find module '/app/check.js'
    at Module._resolveFilename (node:internal/modules/cjs/loader:1145:15)
    at node:internal/main/run_main_module:28:49 {
  code: 'MODULE_NOT_FOUND',
  requireStack: []
}
";
    let report = analyze(input);
    let finding = report.findings.first().expect("a finding");
    assert_eq!(finding.cause, Cause::BadCommand);
    let lines: Vec<usize> = finding.evidence.iter().map(|e| e.line).collect();
    assert!(lines.contains(&6) && lines.contains(&10), "{lines:?}");
}
