//! A connection refused on the loopback address (`127.0.0.1:5432`, `localhost:3306`). Inside a
//! pod, loopback is the pod itself: unless a container beside the program serves that port (a
//! database proxy, a mesh's sidecar), nothing listens there. The program dialed its own pod
//! because its host setting never reached it (an unset variable, a config file not read, a
//! default of `localhost`), so the setting is the first link and the refusal its consequence.
//! (Not so for a webhook the API server calls: its loopback is the API server's host.)

use super::Signal;
use crate::cause::Cause;
use crate::text::Paste;

/// Lower-case loopback addresses, as clients print them.
const LOOPBACK: &[&str] = &["127.0.0.1", "localhost", "[::1]"];

/// Lower-case words of a refused or unreachable connection.
const REFUSED: &[&str] = &["refused", "econnrefused", "can't reach", "cannot reach"];

/// Lower-case words that name a server the program could reach on loopback: a container beside
/// it, or the server's own pod it runs in through `kubectl exec` (`nodetool -h localhost`).
const NEIGHBOURS: &[&str] = &[
    "proxy",
    "sidecar",
    "envoy",
    "istio",
    "linkerd",
    "dapr",
    "port-forward",
    "ambassador",
    "kubectl exec",
    "oc exec",
    "command terminated with exit code",
];

/// How sure the setting is, and what the refusal keeps.
const SETTING: f32 = 0.62;
const REFUSAL: f32 = 0.5;

/// The setting that sent the program to its own pod, when every line of a network failure is a
/// refusal on loopback and the paste names no neighbour that could serve there.
pub fn refused_on_its_own_pod(paste: &Paste, signals: &mut Vec<Signal>) {
    let refusal = |no: usize| {
        paste.line(no).is_some_and(|l| {
            let lower = l.text.to_lowercase();
            LOOPBACK.iter().any(|a| lower.contains(a))
                && REFUSED.iter().any(|w| lower.contains(w))
                && !lower.contains("webhook")
        })
    };
    // A client's hint under the refusal (libpq's `Is the server running on that host`) is part
    // of it.
    let on_loopback = |s: &Signal| {
        s.cause == Cause::NetworkOrDns
            && s.stands_only_on(|no| refusal(no) || no.checked_sub(1).is_some_and(refusal))
    };
    if !signals.iter().any(on_loopback) {
        return;
    }
    let neighbour = paste.lines.iter().any(|l| {
        let lower = l.text.to_lowercase();
        NEIGHBOURS.iter().any(|w| lower.contains(w))
    });
    if neighbour {
        return;
    }
    let mut lines: Vec<usize> = Vec::new();
    for signal in signals.iter_mut().filter(|s| on_loopback(s)) {
        lines.extend(&signal.lines);
        signal.strength = signal.strength.min(REFUSAL);
    }
    lines.sort_unstable();
    lines.dedup();
    signals.push(Signal::of_check(
        Cause::MissingConfig,
        SETTING,
        "check-refused-on-loopback",
        lines,
        Some(
            "the program connected to its own pod (loopback), where nothing listens: its host \
             setting did not reach it",
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::analyze;

    fn top(paste: &str) -> Cause {
        analyze(paste).findings.first().map_or(Cause::Unknown, |f| f.cause)
    }

    const REFUSED_ON_LOOPBACK: &str = "$ kubectl logs migrate-x7k2p\n\
        django.db.utils.OperationalError: connection to server at \"127.0.0.1\", port 5432 \
        failed: Connection refused\n";

    #[test]
    fn a_refusal_on_loopback_is_the_host_setting() {
        assert_eq!(top(REFUSED_ON_LOOPBACK), Cause::MissingConfig);
    }

    #[test]
    fn a_refusal_elsewhere_or_beside_a_proxy_stays_the_network() {
        let elsewhere = REFUSED_ON_LOOPBACK.replace("127.0.0.1", "10.0.3.4");
        assert_eq!(top(&elsewhere), Cause::NetworkOrDns);
        let proxied = "$ kubectl get pod migrate-x7k2p\n\
                       NAME            READY   STATUS   RESTARTS   AGE\n\
                       migrate-x7k2p   1/2     Error    0          1m\n\
                       $ kubectl logs migrate-x7k2p -c cloud-sql-proxy\n\
                       Listening on 127.0.0.1:5432\n\
                       $ kubectl logs migrate-x7k2p -c migrate\n\
                       django.db.utils.OperationalError: connection to server at \"127.0.0.1\", \
                       port 5432 failed: Connection refused\n";
        assert_ne!(top(proxied), Cause::MissingConfig);
        // Run in the server's own pod through exec, loopback is that server.
        let exec = "$ kubectl logs job/weekly-repair-28652190\n\
                    nodetool: Failed to connect to 'localhost:7199' - ConnectException: \
                    'Connection refused (Connection refused)'.\n\
                    command terminated with exit code 1\n";
        assert_eq!(top(exec), Cause::NetworkOrDns);
    }
}
