//! The detection rules, as data: what each signal keys on, where that string comes from, and
//! which cause it points to with what strength.
//!
//! A rule keys on a Kubernetes or runtime string, never on a case's wording. Strength is the
//! confidence the rule gives when it is the only evidence: 0.8 or more only for a string that
//! cannot mean anything else. [`crate::classify`] runs the rules and combines them with the
//! structural checks that need the model (states, owners, policies).

use crate::cause::Cause;

/// What a rule looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// A case-insensitive pattern on any line; `*` stands for any run of characters, and the
    /// text the last `*` stands for is the rule's object (a Secret's name, an image).
    Text(&'static str),
    /// A container's terminated reason (`State` or `Last State`).
    Terminated(&'static str),
    /// A container's waiting reason.
    Waiting(&'static str),
    /// The STATUS column of `kubectl get pods`.
    Status(&'static str),
    /// A pod-level `Reason`/`status.reason`.
    PodReason(&'static str),
    /// An event's reason.
    Event(&'static str),
    /// A terminated container's exit code, when nothing more precise names the cause.
    Exit(i64),
}

/// One signal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rule {
    /// Unique, kebab-case.
    pub id: &'static str,
    pub key: Key,
    pub cause: Cause,
    pub strength: f32,
    /// The finer distinction shown as the finding's `detail`.
    pub detail: Option<&'static str>,
    /// Where the string comes from.
    pub source: &'static str,
}

const fn rule(
    id: &'static str,
    key: Key,
    cause: Cause,
    strength: f32,
    source: &'static str,
) -> Rule {
    Rule { id, key, cause, strength, detail: None, source }
}

const fn detailed(
    id: &'static str,
    key: Key,
    cause: Cause,
    strength: f32,
    detail: &'static str,
    source: &'static str,
) -> Rule {
    Rule { id, key, cause, strength, detail: Some(detail), source }
}

use Cause::*;
use Key::*;

const KUBELET_REASONS: &str = "kubelet: pkg/kubelet/kuberuntime, pkg/kubelet/images";
const CRI: &str = "container runtime (containerd pkg/cri, CRI-O, dockershim)";
const EVENTS: &str = "kubelet and controller events (pkg/kubelet/events/event.go)";
const SHELL: &str = "POSIX shells and coreutils (sh, bash, busybox)";

/// Every rule, in no particular order: the classifier ranks by strength.
pub static RULES: &[Rule] = &[
    // Container termination, as the runtime reports it.
    rule("terminated-oomkilled", Terminated("OOMKilled"), OomKilled, 0.93, CRI),
    detailed(
        "terminated-start-error",
        Terminated("StartError"),
        BadCommand,
        0.7,
        "the process could not start",
        CRI,
    ),
    detailed(
        "terminated-cannot-run",
        Terminated("ContainerCannotRun"),
        BadCommand,
        0.7,
        "the process could not start",
        "dockershim (before 1.24)",
    ),
    detailed(
        "terminated-status-unknown",
        Terminated("ContainerStatusUnknown"),
        TerminatedBySignal,
        0.6,
        "container status unknown",
        "kubelet: pkg/kubelet/kubelet_pods.go",
    ),
    rule("exit-1", Exit(1), AppError, 0.4, "the program's own exit status"),
    detailed("exit-2", Exit(2), AppError, 0.35, "exit 2: misuse or bad arguments", SHELL),
    detailed(
        "exit-126",
        Exit(126),
        PermissionDenied,
        0.6,
        "exit 126: the command is not executable",
        SHELL,
    ),
    detailed("exit-127", Exit(127), BadCommand, 0.65, "exit 127: command not found", SHELL),
    detailed(
        "exit-128",
        Exit(128),
        BadCommand,
        0.5,
        "exit 128: the runtime could not start the process",
        CRI,
    ),
    detailed(
        "exit-134",
        Exit(134),
        AppError,
        0.5,
        "exit 134: SIGABRT",
        "the kernel: 128 + signal number",
    ),
    detailed(
        "exit-137",
        Exit(137),
        TerminatedBySignal,
        0.5,
        "exit 137: SIGKILL without OOMKilled",
        "the kernel: 128 + signal number",
    ),
    detailed(
        "exit-139",
        Exit(139),
        Segfault,
        0.8,
        "exit 139: SIGSEGV",
        "the kernel: 128 + signal number",
    ),
    detailed(
        "exit-143",
        Exit(143),
        TerminatedBySignal,
        0.6,
        "exit 143: SIGTERM",
        "the kernel: 128 + signal number",
    ),
    rule("exit-255", Exit(255), AppError, 0.35, "the program's own exit status"),
    // Waiting reasons and the STATUS column.
    rule(
        "waiting-config-error",
        Waiting("CreateContainerConfigError"),
        MissingSecretOrConfigMap,
        0.7,
        KUBELET_REASONS,
    ),
    rule(
        "status-config-error",
        Status("CreateContainerConfigError"),
        MissingSecretOrConfigMap,
        0.65,
        "kubectl get pods STATUS (pkg/printers)",
    ),
    rule("waiting-invalid-image", Waiting("InvalidImageName"), BadImage, 0.85, KUBELET_REASONS),
    rule(
        "status-invalid-image",
        Status("InvalidImageName"),
        BadImage,
        0.85,
        "kubectl get pods STATUS (pkg/printers)",
    ),
    rule("waiting-image-pull", Waiting("ErrImagePull"), BadImage, 0.5, KUBELET_REASONS),
    rule("waiting-image-backoff", Waiting("ImagePullBackOff"), BadImage, 0.5, KUBELET_REASONS),
    rule(
        "status-image-pull",
        Status("ErrImagePull"),
        BadImage,
        0.5,
        "kubectl get pods STATUS (pkg/printers)",
    ),
    rule(
        "status-image-backoff",
        Status("ImagePullBackOff"),
        BadImage,
        0.5,
        "kubectl get pods STATUS (pkg/printers)",
    ),
    rule("waiting-never-pull", Waiting("ErrImageNeverPull"), BadImage, 0.8, KUBELET_REASONS),
    rule("waiting-run-error", Waiting("RunContainerError"), BadCommand, 0.55, KUBELET_REASONS),
    rule(
        "waiting-create-error",
        Waiting("CreateContainerError"),
        BadCommand,
        0.45,
        KUBELET_REASONS,
    ),
    rule(
        "status-cannot-run",
        Status("ContainerCannotRun"),
        BadCommand,
        0.75,
        "kubectl get pods STATUS (dockershim reason)",
    ),
    rule(
        "status-start-error",
        Status("StartError"),
        BadCommand,
        0.7,
        "kubectl get pods STATUS (containerd reason)",
    ),
    rule(
        "status-run-error",
        Status("RunContainerError"),
        BadCommand,
        0.55,
        "kubectl get pods STATUS (pkg/printers)",
    ),
    rule(
        "status-oomkilled",
        Status("OOMKilled"),
        OomKilled,
        0.85,
        "kubectl get pods STATUS (pkg/printers)",
    ),
    rule("status-evicted", Status("Evicted"), Evicted, 0.85, "kubectl get pods STATUS: pod reason"),
    rule(
        "status-error",
        Status("Error"),
        AppError,
        0.3,
        "kubectl get pods STATUS: terminated reason",
    ),
    detailed(
        "status-init-error",
        Status("Init:Error"),
        AppError,
        0.3,
        "an init container failed",
        "kubectl get pods STATUS: Init:<reason>",
    ),
    rule(
        "status-crashloop",
        Status("CrashLoopBackOff"),
        AppError,
        0.25,
        "kubectl get pods STATUS: waiting reason",
    ),
    rule(
        "status-status-unknown",
        Status("ContainerStatusUnknown"),
        TerminatedBySignal,
        0.6,
        "kubectl get pods STATUS",
    ),
    rule("pod-evicted", PodReason("Evicted"), Evicted, 0.9, "kubelet: pkg/kubelet/eviction"),
    detailed(
        "pod-deadline",
        PodReason("DeadlineExceeded"),
        DeadlineExceeded,
        0.6,
        "the pod's activeDeadlineSeconds",
        "kubelet: pkg/kubelet/active_deadline.go",
    ),
    detailed(
        "pod-preempting",
        PodReason("Preempting"),
        TerminatedBySignal,
        0.75,
        "preempted by the kubelet",
        "kubelet: pkg/kubelet/preemption",
    ),
    detailed(
        "pod-node-lost",
        PodReason("NodeLost"),
        TerminatedBySignal,
        0.75,
        "node lost",
        "pkg/util/node",
    ),
    detailed(
        "pod-shutdown",
        PodReason("Terminated"),
        TerminatedBySignal,
        0.7,
        "node shutdown",
        "kubelet: pkg/kubelet/nodeshutdown",
    ),
    detailed(
        "pod-out-of",
        PodReason("OutOf*"),
        Unschedulable,
        0.7,
        "the kubelet refused the pod at admission",
        "kubelet: pkg/kubelet/lifecycle/predicate.go",
    ),
    // Events.
    rule(
        "event-failed-scheduling",
        Event("FailedScheduling"),
        Unschedulable,
        0.8,
        "kube-scheduler",
    ),
    rule(
        "event-failed-create",
        Event("FailedCreate"),
        AdmissionOrQuota,
        0.7,
        "job-controller: pkg/controller/controller_utils.go",
    ),
    rule("event-failed-mount", Event("FailedMount"), VolumeMount, 0.6, EVENTS),
    rule(
        "event-failed-attach",
        Event("FailedAttachVolume"),
        VolumeMount,
        0.7,
        "attachdetach-controller",
    ),
    rule("event-evicted", Event("Evicted"), Evicted, 0.85, "kubelet: pkg/kubelet/eviction"),
    detailed(
        "event-preempted",
        Event("Preempted"),
        TerminatedBySignal,
        0.75,
        "preempted",
        "kube-scheduler",
    ),
    detailed(
        "event-taint-eviction",
        Event("TaintManagerEviction"),
        TerminatedBySignal,
        0.75,
        "NoExecute taint",
        "pkg/controller/tainteviction",
    ),
    detailed(
        "event-scale-down",
        Event("ScaleDown"),
        TerminatedBySignal,
        0.75,
        "node scale-down",
        "cluster-autoscaler",
    ),
    rule(
        "event-missed-schedule",
        Event("MissSchedule"),
        CronjobNotScheduling,
        0.7,
        "cronjob-controller",
    ),
    rule(
        "event-too-many-missed",
        Event("TooManyMissedTimes"),
        CronjobNotScheduling,
        0.9,
        "cronjob-controller",
    ),
    rule(
        "event-failed-needs-start",
        Event("FailedNeedsStart"),
        CronjobNotScheduling,
        0.85,
        "cronjob-controller (before 1.21)",
    ),
    // Messages, wherever they stand: events, statuses, logs.
    rule("text-oomkilled", Text("oomkilled"), OomKilled, 0.85, CRI),
    detailed(
        "text-java-oom",
        Text("java.lang.outofmemoryerror"),
        OomKilled,
        0.7,
        "the JVM ran out of heap",
        "the JVM",
    ),
    detailed(
        "text-oom-killer",
        Text("out of memory: killed process"),
        OomKilled,
        0.75,
        "the kernel OOM killer",
        "the Linux kernel",
    ),
    rule(
        "text-secret-not-found",
        Text("secret* \"*\" not found"),
        MissingSecretOrConfigMap,
        0.9,
        "kube-apiserver NotFound, via kubelet",
    ),
    rule(
        "text-configmap-not-found",
        Text("configmap* \"*\" not found"),
        MissingSecretOrConfigMap,
        0.9,
        "kube-apiserver NotFound, via kubelet",
    ),
    rule(
        "text-missing-key",
        Text("couldn't find key * in "),
        MissingSecretOrConfigMap,
        0.9,
        "kubelet: pkg/kubelet/kubelet_pods.go",
    ),
    detailed(
        "text-run-as-non-root",
        Text("container has runasnonroot and image will run as root"),
        PermissionDenied,
        0.8,
        "runAsNonRoot",
        "kubelet: kuberuntime security context check",
    ),
    rule(
        "text-not-found-in-path",
        Text("executable file not found in $path"),
        BadCommand,
        0.88,
        CRI,
    ),
    rule(
        "text-oci-no-such-file",
        Text("exec: \"*\": stat *: no such file or directory"),
        BadCommand,
        0.85,
        CRI,
    ),
    rule("text-oci-create-failed", Text("oci runtime create failed"), BadCommand, 0.6, CRI),
    rule(
        "text-exec-format",
        Text("exec format error"),
        ExecFormat,
        0.92,
        "the Linux kernel (ENOEXEC), via the runtime",
    ),
    rule(
        "text-image-not-found",
        Text("failed to pull * not found"),
        BadImage,
        0.85,
        "containerd: failed to resolve reference",
    ),
    rule(
        "text-manifest-unknown",
        Text("manifest unknown"),
        BadImage,
        0.85,
        "OCI distribution registry API",
    ),
    rule(
        "text-no-matching-platform",
        Text("no matching manifest for"),
        BadImage,
        0.85,
        "containerd/docker platform matching",
    ),
    rule(
        "text-pull-access-denied",
        Text("pull access denied"),
        BadImage,
        0.45,
        "docker/containerd pull (also printed for missing repositories)",
    ),
    rule(
        "text-no-basic-auth",
        Text("no basic auth credentials"),
        ImagePullAuth,
        0.9,
        "registry credential helpers",
    ),
    rule(
        "text-pull-unauthorized",
        Text("failed to pull * 401 unauthorized"),
        ImagePullAuth,
        0.9,
        "OCI distribution registry API",
    ),
    rule(
        "text-pull-forbidden",
        Text("failed to pull * 403 forbidden"),
        ImagePullAuth,
        0.85,
        "OCI distribution registry API",
    ),
    rule(
        "text-pull-authorization-failed",
        Text("failed to pull * authorization failed"),
        ImagePullAuth,
        0.85,
        "OCI distribution registry API",
    ),
    rule(
        "text-multi-attach",
        Text("multi-attach error for volume"),
        VolumeMount,
        0.9,
        "attachdetach-controller",
    ),
    rule(
        "text-mount-timeout",
        Text("timed out waiting for the condition"),
        VolumeMount,
        0.2,
        "kubelet volume manager (also helm --wait)",
    ),
    rule(
        "text-unbound-pvc",
        Text("unbound immediate persistentvolumeclaims"),
        Unschedulable,
        0.85,
        "kube-scheduler volume binding",
    ),
    rule(
        "text-nodes-available",
        Text("0/* nodes are available"),
        Unschedulable,
        0.88,
        "kube-scheduler: pkg/scheduler/framework/types.go",
    ),
    rule(
        "text-failed-quota",
        Text("failed quota:"),
        AdmissionOrQuota,
        0.9,
        "kube-apiserver ResourceQuota admission",
    ),
    rule(
        "text-exceeded-quota",
        Text("exceeded quota:"),
        AdmissionOrQuota,
        0.9,
        "kube-apiserver ResourceQuota admission",
    ),
    rule(
        "text-pod-security",
        Text("violates podsecurity"),
        AdmissionOrQuota,
        0.9,
        "kube-apiserver PodSecurity admission",
    ),
    rule(
        "text-psp",
        Text("unable to validate against any pod security policy"),
        AdmissionOrQuota,
        0.88,
        "kube-apiserver PodSecurityPolicy admission (before 1.25)",
    ),
    rule(
        "text-webhook-denied",
        Text("admission webhook * denied the request"),
        AdmissionOrQuota,
        0.85,
        "kube-apiserver admission webhooks",
    ),
    rule(
        "text-error-creating-forbidden",
        Text("error creating: * is forbidden"),
        AdmissionOrQuota,
        0.88,
        "job-controller FailedCreate",
    ),
    rule(
        "text-failed-calling-webhook",
        Text("error creating: * failed calling webhook"),
        AdmissionOrQuota,
        0.85,
        "job-controller FailedCreate",
    ),
    rule(
        "text-limitrange",
        Text("maximum * usage per container is"),
        AdmissionOrQuota,
        0.85,
        "kube-apiserver LimitRanger admission",
    ),
    detailed(
        "text-rbac",
        Text("is forbidden: user \"system:serviceaccount:"),
        PermissionDenied,
        0.88,
        "Kubernetes RBAC",
        "kube-apiserver authorization",
    ),
    detailed(
        "text-rbac-cannot",
        Text("cannot * resource \""),
        PermissionDenied,
        0.8,
        "Kubernetes RBAC",
        "kube-apiserver authorization",
    ),
    detailed(
        "text-exec-not-allowed",
        Text("exec operation is not allowed"),
        PermissionDenied,
        0.8,
        "security context constraints",
        "OpenShift SCC admission",
    ),
    rule("text-permission-denied", Text("permission denied"), PermissionDenied, 0.7, SHELL),
    rule(
        "text-not-permitted",
        Text("operation not permitted"),
        PermissionDenied,
        0.7,
        "the Linux kernel (EPERM)",
    ),
    rule(
        "text-read-only-fs",
        Text("read-only file system"),
        PermissionDenied,
        0.75,
        "the Linux kernel (EROFS)",
    ),
    rule(
        "text-access-denied-exception",
        Text("accessdenied"),
        AuthFailure,
        0.75,
        "cloud SDKs (AWS AccessDenied)",
    ),
    rule(
        "text-password-auth",
        Text("password authentication failed"),
        AuthFailure,
        0.88,
        "PostgreSQL",
    ),
    rule(
        "text-mysql-access-denied",
        Text("access denied for user"),
        AuthFailure,
        0.88,
        "MySQL / MariaDB",
    ),
    rule(
        "text-expired-token",
        Text("expiredtoken"),
        AuthFailure,
        0.8,
        "cloud SDKs (AWS ExpiredToken)",
    ),
    rule(
        "text-invalid-grant",
        Text("invalid_grant"),
        AuthFailure,
        0.8,
        "OAuth 2.0 token endpoints",
    ),
    rule("text-http-401", Text("401 unauthorized"), AuthFailure, 0.6, "HTTP"),
    rule(
        "text-auth-failed",
        Text("authentication failed"),
        AuthFailure,
        0.7,
        "database and service clients",
    ),
    rule("text-no-such-host", Text("no such host"), NetworkOrDns, 0.8, "Go net resolver"),
    rule(
        "text-name-resolution",
        Text("temporary failure in name resolution"),
        NetworkOrDns,
        0.8,
        "glibc getaddrinfo",
    ),
    rule(
        "text-name-or-service",
        Text("name or service not known"),
        NetworkOrDns,
        0.8,
        "glibc getaddrinfo",
    ),
    rule("text-could-not-resolve", Text("could not resolve host"), NetworkOrDns, 0.8, "curl"),
    rule("text-io-timeout", Text("dial tcp *: i/o timeout"), NetworkOrDns, 0.8, "Go net dialer"),
    rule(
        "text-connection-refused",
        Text("connection refused"),
        NetworkOrDns,
        0.6,
        "the Linux kernel (ECONNREFUSED)",
    ),
    rule(
        "text-connect-timed-out",
        Text("connection timed out"),
        NetworkOrDns,
        0.65,
        "the Linux kernel (ETIMEDOUT)",
    ),
    rule(
        "text-no-route",
        Text("no route to host"),
        NetworkOrDns,
        0.7,
        "the Linux kernel (EHOSTUNREACH)",
    ),
    rule(
        "text-unknown-authority",
        Text("x509: certificate signed by unknown authority"),
        TlsCertificate,
        0.9,
        "Go crypto/x509",
    ),
    rule(
        "text-cert-expired",
        Text("x509: certificate has expired"),
        TlsCertificate,
        0.9,
        "Go crypto/x509",
    ),
    rule(
        "text-cert-not-valid-for",
        Text("x509: certificate is valid for"),
        TlsCertificate,
        0.88,
        "Go crypto/x509",
    ),
    rule(
        "text-cert-verify-failed",
        Text("certificate verify failed"),
        TlsCertificate,
        0.85,
        "OpenSSL / Python ssl",
    ),
    rule("text-too-many-requests", Text("429 too many requests"), TransientDependency, 0.6, "HTTP"),
    rule(
        "text-service-unavailable",
        Text("503 service unavailable"),
        TransientDependency,
        0.6,
        "HTTP",
    ),
    rule(
        "text-not-ready-yet",
        Text("timeout waiting for * to become ready"),
        TransientDependency,
        0.65,
        "sidecars and init waiters (istio pilot-agent)",
    ),
    rule(
        "text-unable-to-handle",
        Text("the server is currently unable to handle the request"),
        TransientDependency,
        0.6,
        "kube-apiserver",
    ),
    rule("text-traceback", Text("traceback (most recent call last)"), AppError, 0.55, "CPython"),
    rule("text-go-panic", Text("panic: "), AppError, 0.55, "the Go runtime"),
    rule("text-java-exception", Text("exception in thread \"main\""), AppError, 0.55, "the JVM"),
    rule("text-node-error", Text("unhandledpromiserejection"), AppError, 0.5, "Node.js"),
    rule(
        "text-segfault",
        Text("segmentation fault"),
        Segfault,
        0.85,
        "the kernel (SIGSEGV), via the shell",
    ),
    rule("text-sigsegv", Text("sigsegv"), Segfault, 0.8, "language runtimes' crash reports"),
    rule(
        "text-missing-file",
        Text("could not find file or directory"),
        MissingConfig,
        0.6,
        "application file loaders",
    ),
    rule(
        "text-no-such-file",
        Text(": no such file or directory"),
        MissingConfig,
        0.5,
        "the Linux kernel (ENOENT), via the program",
    ),
    rule(
        "text-env-not-set",
        Text("environment variable * is not set"),
        MissingConfig,
        0.7,
        "application configuration loaders",
    ),
    rule("text-keyerror", Text("keyerror: "), MissingConfig, 0.5, "CPython (a missing setting)"),
    rule(
        "text-invalid-object",
        Text("is invalid: "),
        InvalidSpec,
        0.8,
        "kube-apiserver validation (422)",
    ),
    rule(
        "text-unsupported-value",
        Text("unsupported value: "),
        InvalidSpec,
        0.8,
        "kube-apiserver validation",
    ),
    rule(
        "text-field-immutable",
        Text("field is immutable"),
        InvalidSpec,
        0.85,
        "kube-apiserver validation",
    ),
    rule(
        "text-unprocessable",
        Text("unprocessable entity"),
        InvalidSpec,
        0.7,
        "kube-apiserver (HTTP 422)",
    ),
    rule(
        "text-only-never",
        Text("only \"never\" is supported when podfailurepolicy is specified"),
        InvalidSpec,
        0.9,
        "pkg/apis/batch/validation",
    ),
    rule(
        "text-too-many-missed",
        Text("too many missed start time"),
        CronjobNotScheduling,
        0.9,
        "cronjob-controller",
    ),
    rule(
        "text-node-low-on",
        Text("the node was low on resource"),
        Evicted,
        0.9,
        "kubelet: pkg/kubelet/eviction/helpers.go",
    ),
    rule(
        "text-ephemeral-limit",
        Text("exceeded its local ephemeral storage limit"),
        Evicted,
        0.9,
        "kubelet: pkg/kubelet/eviction/helpers.go",
    ),
    rule(
        "text-node-had-condition",
        Text("the node had condition"),
        Evicted,
        0.85,
        "kubelet: pkg/kubelet/eviction/helpers.go",
    ),
    detailed(
        "text-scale-down",
        Text("deleting pod for node scale down"),
        TerminatedBySignal,
        0.75,
        "node scale-down",
        "cluster-autoscaler",
    ),
    detailed(
        "text-preempting",
        Text("preempting to accommodate a higher priority pod"),
        TerminatedBySignal,
        0.75,
        "preempted",
        "kube-scheduler",
    ),
    detailed(
        "text-imminent-shutdown",
        Text("terminated in response to imminent node shutdown"),
        TerminatedBySignal,
        0.75,
        "node shutdown",
        "kubelet: pkg/kubelet/nodeshutdown",
    ),
    detailed(
        "text-job-deadline",
        Text("job was active longer than specified deadline"),
        DeadlineExceeded,
        0.6,
        "the Job's activeDeadlineSeconds",
        "job-controller",
    ),
    detailed(
        "text-pod-deadline",
        Text("pod was active on the node longer than the specified deadline"),
        DeadlineExceeded,
        0.6,
        "the pod's activeDeadlineSeconds",
        "kubelet: pkg/kubelet/active_deadline.go",
    ),
];

/// The text of `line` that the last `*` of `pattern` stood for, when the (lower-case)
/// pattern matches the (lower-case) line; `Some("")` for a match without a wildcard.
pub fn find<'a>(pattern: &str, line: &'a str) -> Option<&'a str> {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let start = line.find(first)?;
    let mut at = start + first.len();
    let mut object = "";
    for part in parts {
        let found = line[at..].find(part)?;
        object = &line[at..at + found];
        at += found + part.len();
    }
    Some(object)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_patterns_lower_case() {
        let mut ids = std::collections::HashSet::new();
        for rule in RULES {
            assert!(ids.insert(rule.id), "duplicate rule id {}", rule.id);
            assert!((0.0..=0.95).contains(&rule.strength), "{}", rule.id);
            assert!(!rule.source.is_empty(), "{}", rule.id);
            if let Text(pattern) = rule.key {
                assert_eq!(pattern, pattern.to_lowercase(), "{}", rule.id);
                assert!(!pattern.starts_with('*') && !pattern.ends_with('*'), "{}", rule.id);
            }
        }
    }

    #[test]
    fn every_rule_points_to_a_real_cause() {
        for rule in RULES {
            assert_ne!(rule.cause, Cause::Unknown, "{}", rule.id);
            assert_ne!(rule.cause, Cause::NoFailure, "{}", rule.id);
        }
    }

    #[test]
    fn wildcards_capture_the_first_gap() {
        let line = "error: secrets \"fanout-secret-47\" not found";
        assert_eq!(find("secret* \"*\" not found", line), Some("fanout-secret-47"));
        assert_eq!(find("\"*\" not found", line), Some("fanout-secret-47"));
        assert_eq!(find("exec format error", "exec format error"), Some(""));
        assert_eq!(find("0/* nodes are available", "0/57 nodes are available: 18"), Some("57"));
        assert_eq!(find("a*b", "b a"), None);
    }
}
