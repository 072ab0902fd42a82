//! Image pull lines belong to the image causes. A line where the kubelet or the runtime reports a
//! pull (`Failed to pull image "x": ... pull access denied ... denied: Permission denied for
//! "latest"`) is about the node fetching the pod's image, so the words in the registry's answer
//! say nothing about the workload: `Permission denied` there is no file the program could not
//! write, `denied` no credentials a database refused. On such a line only the causes a pull can
//! have may match: the image's own (`bad-image`, `image-pull-auth`) and, as the
//! `image-pull-backoff` guide says, a registry the node cannot reach, whose certificate it does
//! not trust, or that throttles it. Those three are capped below the image causes' unmistakable
//! messages: the same words also come from a registry host that is simply misspelt.

use super::Signal;
use crate::cause::Cause;
use crate::model::Facts;
use crate::text::Paste;

/// Lower-case marks of a pull reported by the kubelet or a container runtime.
const MARKS: &[&str] = &[
    // kubelet, pkg/kubelet/images/image_manager.go: the `Failed` and `BackOff` events.
    "failed to pull image",
    "back-off pulling image",
    // kubelet, `kubectl logs` of a container that never started (validateContainerLogStatus).
    "trying and failing to pull image",
    // containerd CRI plugin (image_pull.go) and Docker's daemon.
    "failed to pull and unpack image",
    "pull access denied",
    // CRI-O, through containers/image.
    "initializing source docker://",
];

/// The causes a pull line may name besides the image's own, and the most each may claim there.
const OTHERS: &[Cause] = &[Cause::NetworkOrDns, Cause::TlsCertificate, Cause::TransientDependency];
const OTHERS_AT_MOST: f32 = 0.6;

/// Whether the lower-case `line` reports an image pull.
pub fn is_pull_line(line: &str) -> bool {
    MARKS.iter().any(|m| line.contains(m))
}

/// The strength a text rule of `cause` keeps on a pull line; `None` when it does not count there.
pub fn strength_on_pull_line(cause: Cause, strength: f32) -> Option<f32> {
    match cause {
        Cause::BadImage | Cause::ImagePullAuth => Some(strength),
        c if OTHERS.contains(&c) => Some(strength.min(OTHERS_AT_MOST)),
        _ => None,
    }
}

/// What a missing image pull secret keeps when the pull failed for a reason of its own.
const PULL_FAILED_OTHERWISE: f32 = 0.3;

/// A Secret not found that the kubelet names as an image pull secret: the
/// `FailedToRetrieveImagePullSecret` warning (`pkg/kubelet/kubelet_pods.go`,
/// `getPullSecretsForPod`) says the kubelet pulls without it. The pull's own outcome then
/// decides: refused for credentials, the missing secret is why (image-pull-auth); failed for
/// another reason (a timeout, an unknown tag), the secret is a side note; and with no pull
/// failure in the paste it is a pull secret still, never a volume's or an env's.
pub fn missing_pull_secret(paste: &Paste, facts: &Facts, signals: &mut [Signal]) {
    let names: Vec<&str> = facts
        .events
        .iter()
        .filter(|e| e.reason == "FailedToRetrieveImagePullSecret")
        .filter_map(|e| {
            let rest = e.message.split_once("image pull secrets (")?.1;
            Some(rest.split_once(')')?.0)
        })
        .flat_map(|list| list.split(',').map(str::trim))
        .collect();
    if names.is_empty() {
        return;
    }
    let on_pull_line = |s: &Signal| {
        s.lines.iter().any(|&l| {
            paste.line(l).is_some_and(|line| is_pull_line(&line.text.to_ascii_lowercase()))
        })
    };
    let refused = signals.iter().any(|s| s.cause == Cause::ImagePullAuth);
    let failed_otherwise = signals.iter().any(|s| {
        s.cause != Cause::ImagePullAuth && (s.cause == Cause::BadImage || on_pull_line(s))
    });
    for signal in signals.iter_mut().filter(|s| {
        s.cause == Cause::MissingSecretOrConfigMap
            && s.object.as_deref().is_some_and(|o| names.iter().any(|n| n.eq_ignore_ascii_case(o)))
    }) {
        signal.cause = Cause::ImagePullAuth;
        signal.detail = Some(format!(
            "the image pull secret {} does not exist, so the kubelet pulls without credentials",
            signal.object.as_deref().unwrap_or_default()
        ));
        if failed_otherwise && !refused {
            signal.strength = signal.strength.min(PULL_FAILED_OTHERWISE);
        }
    }
}

/// Lower-case words of a cluster cut off from the internet, in the user's account or in the
/// names of their internal registries (`harbor.airgap.lab`).
const AIR_GAP: &[&str] = &["airgap", "air-gap", "air gap"];

/// The strength of a pull that failed to reach its registry in an air-gapped cluster.
const AIR_GAPPED_PULL: f32 = 0.65;

/// What a network, certificate or throttling reading of such a pull keeps.
const UNREACHABLE_BY_DESIGN: f32 = 0.35;

/// In an air-gapped cluster a pull that cannot reach its registry is expected: the fault is the
/// image the pod names (one the offline image set lacks, or a public registry's name left in a
/// chart), not the network (`causes.md`: an image that cannot be pulled for a reason other than
/// credentials is `bad-image`). The unreachable registry is the evidence.
pub fn air_gapped_pulls(paste: &Paste, signals: &mut Vec<Signal>) {
    let on_pull_line =
        |no: usize| paste.line(no).is_some_and(|l| is_pull_line(&l.text.to_ascii_lowercase()));
    // Only a pull that failed on the way to its registry is in question: look for the words of
    // an air gap when there is one.
    let unreachable: Vec<usize> = (0..signals.len())
        .filter(|&i| OTHERS.contains(&signals[i].cause) && signals[i].stands_only_on(on_pull_line))
        .collect();
    let air_gapped = !unreachable.is_empty()
        && paste.lines.iter().any(|l| {
            let lower = l.text.to_ascii_lowercase();
            AIR_GAP.iter().any(|w| lower.contains(w))
        });
    if !air_gapped {
        return;
    }
    let mut lines: Vec<usize> = Vec::new();
    for i in unreachable {
        lines.extend(&signals[i].lines);
        signals[i].strength = signals[i].strength.min(UNREACHABLE_BY_DESIGN);
    }
    lines.sort_unstable();
    lines.dedup();
    let detail = "the cluster is air-gapped, so the registry this image names cannot be \
                  reached: mirror the image into the internal registry and point the pod at it";
    let rule = "check-air-gapped-pull";
    signals.push(Signal::of_check(Cause::BadImage, AIR_GAPPED_PULL, rule, lines, Some(detail)));
}

/// What a refusal for credentials keeps on a pull line where another attempt was answered
/// `manifest unknown`.
const ANSWERED_UNKNOWN: f32 = 0.6;

/// A pull the kubelet tried with each of its credentials reports every attempt on one line
/// (`[rpc error: ... manifest unknown, rpc error: ... unauthorized: authentication
/// required]`). A registry answers `manifest unknown` only to a caller it let in: the
/// credentials of that attempt worked, and the image or tag is what does not exist
/// (`bad-image`). The refusal of the other attempt is a side note.
pub fn unknown_manifest_outweighs_refusal(paste: &Paste, signals: &mut [Signal]) {
    let answered = |l: &crate::text::Line| {
        let lower = l.text.to_lowercase();
        is_pull_line(&lower) && lower.contains("manifest unknown")
    };
    for signal in signals.iter_mut().filter(|s| s.cause == Cause::ImagePullAuth) {
        if !signal.lines.is_empty() && signal.every_line(paste, answered) {
            signal.strength = signal.strength.min(ANSWERED_UNKNOWN);
        }
    }
}

/// Lower-case marks of the kubelet fetching a registry's credentials for a pull: its ECR
/// provider (`aws_credentials.go`: `while requesting ECR authorization token`) and the
/// credential provider plugins that replaced it.
const CREDENTIAL_FETCH: &[&str] =
    &["authorization token", "credential provider", "credentialprovider", "aws_credentials"];

/// What a pull refused for want of credentials keeps when the node could not fetch them.
const NO_CREDENTIALS_TO_SEND: f32 = 0.45;

/// A pull refused for want of credentials (`no basic auth credentials`) where the node's own
/// attempt to fetch those credentials could not reach the provider (`while requesting ECR
/// authorization token` then `dial tcp ...: i/o timeout`): the pull sent none because the fetch
/// failed, so the first link is the network (`causes.md`: name the first link of the chain).
pub fn credentials_never_fetched(paste: &Paste, signals: &mut [Signal]) {
    let fetching = |no: usize| {
        let of = |n: usize| {
            paste.line(n).is_some_and(|l| {
                let lower = l.text.to_ascii_lowercase();
                CREDENTIAL_FETCH.iter().any(|m| lower.contains(m))
            })
        };
        // The reason may follow on a line of its own (`caused by: Post ...: i/o timeout`).
        of(no) || no.checked_sub(1).is_some_and(of)
    };
    let unreached = signals
        .iter()
        .any(|s| s.cause == Cause::NetworkOrDns && s.lines.iter().any(|&no| fetching(no)));
    if !unreached {
        return;
    }
    for signal in signals.iter_mut().filter(|s| s.cause == Cause::ImagePullAuth) {
        signal.strength = signal.strength.min(NO_CREDENTIALS_TO_SEND);
    }
    let detail = "the node could not reach the registry's credential service, so the pull went \
                  without credentials";
    for signal in signals.iter_mut().filter(|s| s.cause == Cause::NetworkOrDns) {
        if signal.lines.iter().any(|&no| fetching(no)) {
            signal.detail = Some(detail.to_owned());
        }
    }
}

/// How sure an image named without its registry is the fault, when the paste shows the same
/// repository under a registry of its own; what the refusal keeps then.
const REGISTRY_LEFT_OUT: f32 = 0.8;
const REFUSED_BY_THE_WRONG_REGISTRY: f32 = 0.5;

/// A pull refused by Docker Hub (`docker.io/etl/loader:1.9.3`, or a name with no registry,
/// which the runtime completes to it) where the paste names the same repository under another
/// registry (`harbor.corp.example:8443/etl/loader:1.9.2`, in a sibling Job or a manifest): the
/// registry was left out of the image name, and Docker Hub answers for a repository it does not
/// have as for a private one (`pull access denied, repository does not exist or may require
/// authorization`). The image name is the fault (`bad-image`), not the credentials.
pub fn registry_left_out(paste: &Paste, signals: &mut Vec<Signal>) {
    let refused: Vec<usize> = signals
        .iter()
        .filter(|s| s.cause == Cause::ImagePullAuth)
        .flat_map(|s| s.lines.iter().copied())
        .collect();
    let found = refused.iter().find_map(|&no| {
        let line = paste.line(no)?;
        let path = docker_hub_path(&line.text)?;
        let elsewhere =
            paste.lines.iter().find(|l| l.no != no && under_a_registry(&l.text, &path))?;
        Some((no, elsewhere.no))
    });
    let Some((pull, sibling)) = found else { return };
    for signal in signals.iter_mut().filter(|s| s.cause == Cause::ImagePullAuth) {
        if signal.lines.contains(&pull) {
            signal.strength = signal.strength.min(REFUSED_BY_THE_WRONG_REGISTRY);
        }
    }
    let detail = "the image names no registry, so the node asked Docker Hub for it; the paste \
                  shows the same repository in another registry";
    let rule = "check-registry-left-out";
    let lines = vec![pull, sibling];
    signals.push(Signal::of_check(Cause::BadImage, REGISTRY_LEFT_OUT, rule, lines, Some(detail)));
}

/// The repository path (`etl/ingest-loader`) of the Docker Hub image a pull line resolves:
/// `reference "docker.io/etl/ingest-loader:1.9.3"`.
fn docker_hub_path(text: &str) -> Option<String> {
    let (_, rest) = text.split_once("\"docker.io/")?;
    let reference = rest.split('"').next()?;
    let name = reference.split('@').next()?;
    let path = match name.rsplit_once(':') {
        Some((path, tag)) if !tag.contains('/') => path,
        _ => name,
    };
    (!path.starts_with("library/") && path.contains('/')).then(|| path.to_owned())
}

/// Whether `text` names repository `path` under a registry host other than Docker Hub
/// (`harbor.corp.example:8443/etl/ingest-loader`).
fn under_a_registry(text: &str, path: &str) -> bool {
    let needle = format!("/{path}");
    text.match_indices(&needle).any(|(at, _)| {
        let after = text[at + needle.len()..].chars().next();
        if after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return false;
        }
        let before = &text[..at];
        let start =
            before.rfind(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '=' | ','));
        let host = start.map_or(before, |i| &before[i + 1..]);
        let host = host.split('/').next().unwrap_or(host);
        (host.contains('.') || host.contains(':')) && !host.ends_with("docker.io")
    })
}

/// Lower-case words of the kubelet about a pod whose image it could not pull, as `kubectl get`,
/// describe and the tools that relay them (an orchestrator's log) print them.
const PULL_STATES: &[&str] =
    &["errimagepull", "imagepullbackoff", "invalidimagename", "errimageneverpull"];

/// What the image causes keep on the output of a program that ran.
pub(super) const IN_A_PROGRAMS_OUTPUT: f32 = 0.4;

/// The image causes are about the node fetching the pod's own image. A container whose logs the
/// paste shows got its image; a registry's answer in those logs (`invalid reference format`,
/// `manifest unknown`, `unauthorized`) is the program's own work with images (a pruner reading
/// references, a mirror, a build pushing), not why its pod could not start. Unless the paste
/// shows a pull failing somewhere (a pull line, a pod in `ErrImagePull`), such answers fall
/// below what the program's failure says otherwise.
pub fn registry_answers_in_program_output(paste: &Paste, facts: &Facts, signals: &mut [Signal]) {
    let image_cause = |s: &Signal| matches!(s.cause, Cause::BadImage | Cause::ImagePullAuth);
    if !signals.iter().any(image_cause) {
        return;
    }
    let pull_failed = paste.lines.iter().any(|l| {
        let lower = l.text.to_ascii_lowercase();
        is_pull_line(&lower) || PULL_STATES.iter().any(|w| lower.contains(w))
    });
    if pull_failed {
        return;
    }
    let printed = crate::join::workload_lines(facts);
    let in_output = |no: usize| {
        printed.iter().any(|r| r.contains(&no)) && !facts.events.iter().any(|e| e.line == no)
    };
    for signal in signals.iter_mut().filter(|s| image_cause(s) && s.pod.is_none()) {
        if signal.stands_only_on(in_output) {
            signal.strength = signal.strength.min(IN_A_PROGRAMS_OUTPUT);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pull_lines_are_the_kubelets_and_runtimes() {
        for line in [
            "warning  failed  2m  kubelet  failed to pull image \"x\": rpc error: code = unknown",
            "normal  backoff  1m  kubelet  back-off pulling image \"registry.internal/x:1\"",
            "error response from daemon: pull access denied for x, repository does not exist",
        ] {
            assert!(is_pull_line(line), "{line}");
        }
        for line in ["permission denied for table invoices", "pulling the data from s3"] {
            assert!(!is_pull_line(line), "{line}");
        }
    }

    #[test]
    fn only_causes_a_pull_can_have_count_on_its_line() {
        assert_eq!(strength_on_pull_line(Cause::ImagePullAuth, 0.9), Some(0.9));
        assert_eq!(strength_on_pull_line(Cause::NetworkOrDns, 0.8), Some(OTHERS_AT_MOST));
        assert_eq!(strength_on_pull_line(Cause::AuthFailure, 0.75), None);
        assert_eq!(strength_on_pull_line(Cause::PermissionDenied, 0.7), None);
        assert_eq!(strength_on_pull_line(Cause::AppError, 0.5), None);
    }
}
