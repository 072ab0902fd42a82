//! Names that say whose cluster this is (off by default): namespaces, Job and pod names, nodes,
//! private registries and hosts.
//!
//! Names are first read where kubectl states them (`Namespace:`, `Name:`, `Node:`, `-n x`,
//! `job-name=x`, `Image:`, a URL's host, the `NAME` and `NODE` columns), then every occurrence
//! of each is found, so one name gets one mask throughout. A name also matches as the start of a
//! longer one (`migrate` in `migrate-7xk2p`), which keeps pods readable as their Job's.
//! Kubernetes' own namespaces and public registries and hosts are left alone.

use std::collections::BTreeMap;

use super::bytes::{find_all, skip, take};
use super::{Finding, Kind};

/// At most this many distinct names are masked; each costs a pass over the paste.
const MAX_NAMES: usize = 64;

const BUILT_IN_NAMESPACES: [&str; 4] = ["default", "kube-system", "kube-public", "kube-node-lease"];

/// Registries and hosts everyone uses: naming them gives nothing away.
/// A host is public when it is one of these or ends with `.` and one of these.
const PUBLIC_HOSTS: [&str; 12] = [
    "docker.io",
    "docker.com",
    "github.io",
    "gcr.io",
    "ghcr.io",
    "quay.io",
    "registry.k8s.io",
    "k8s.gcr.io",
    "mcr.microsoft.com",
    "public.ecr.aws",
    "kubernetes.io",
    "github.com",
];

fn is_public(host: &str) -> bool {
    PUBLIC_HOSTS
        .iter()
        .any(|p| host == *p || host.strip_suffix(p).is_some_and(|h| h.ends_with('.')))
}

fn is_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"-._".contains(&c)
}

pub(super) fn find(lines: &[&str], found: &mut Vec<Finding>) {
    let mut names: BTreeMap<String, Kind> = BTreeMap::new();
    for line in lines {
        collect(line.as_bytes(), &mut |kind, value: &[u8]| {
            let value = trim_name(value);
            if value.len() >= 2
                && value.iter().any(u8::is_ascii_alphabetic)
                && names.len() < MAX_NAMES
            {
                let text = String::from_utf8_lossy(value).into_owned();
                names.entry(text).or_insert(kind);
            }
        });
    }
    names.retain(|name, kind| match kind {
        Kind::Namespace => !BUILT_IN_NAMESPACES.contains(&name.as_str()),
        Kind::Registry | Kind::Host => !is_public(name),
        _ => true,
    });
    // A pod named after its Job is masked through the Job's name: `name-1-7xk2p`.
    let jobs: Vec<String> =
        names.iter().filter(|(_, k)| **k == Kind::Name).map(|(n, _)| format!("{n}-")).collect();
    names.retain(|name, kind| {
        *kind != Kind::Name || !jobs.iter().any(|j| name.starts_with(j.as_str()))
    });
    for (name, kind) in &names {
        for (i, line) in lines.iter().enumerate() {
            let b = line.as_bytes();
            for at in find_all(b, name.as_bytes()) {
                let end = at + name.len();
                // A namespace is also a label of a service's DNS name (`db.billing.svc`).
                let label = *kind == Kind::Namespace;
                let before = at == 0 || !is_name_byte(b[at - 1]) || (label && b[at - 1] == b'.');
                let after = match b.get(end) {
                    None => true,
                    Some(b'-') => matches!(kind, Kind::Name),
                    Some(b'.') if label => true,
                    Some(b'.') => b.get(end + 1).is_none_or(|&c| !c.is_ascii_alphanumeric()),
                    Some(&c) => !is_name_byte(c),
                };
                if before && after {
                    found.push(Finding {
                        line: i + 1,
                        range: at..end,
                        kind: *kind,
                        label: kind.title(),
                    });
                }
            }
        }
    }
}

/// A name without the punctuation kubectl and logs put around it.
fn trim_name(value: &[u8]) -> &[u8] {
    let start = value.iter().position(|&c| is_name_byte(c)).unwrap_or(value.len());
    let len = value[start..].iter().take_while(|&&c| is_name_byte(c)).count();
    let mut name = &value[start..start + len];
    while let Some((&last, rest)) = name.split_last() {
        if b".-_".contains(&last) {
            name = rest;
        } else {
            break;
        }
    }
    name
}

/// Reads the names one line states and hands each to `add` with its kind.
fn collect(b: &[u8], add: &mut impl FnMut(Kind, &[u8])) {
    let indent = skip(b, 0, b" \t");
    let word = |at: usize| take(b, skip(b, at, b" \t\"'="), is_name_byte);
    let keyed: [(&[u8], Kind); 6] = [
        (b"Namespace:", Kind::Namespace),
        (b"namespace:", Kind::Namespace),
        (b"Name:", Kind::Name),
        (b"Node:", Kind::Node),
        (b"nodeName:", Kind::Node),
        (b"Image:", Kind::Registry),
    ];
    for (key, kind) in keyed {
        if b[indent..].starts_with(key) {
            let start = skip(b, indent + key.len(), b" \t");
            match kind {
                Kind::Registry => registry(&b[take(b, start, |c| !c.is_ascii_whitespace())], add),
                _ => add(kind, &b[word(start)]),
            }
        }
    }
    // `Controlled By:  Job/x` keeps the `/`; read the name after it.
    if b[indent..].starts_with(b"Controlled By:") {
        let rest = &b[indent + 14..];
        if let Some(slash) = rest.iter().position(|&c| c == b'/') {
            add(Kind::Name, &rest[slash + 1..]);
        }
    }
    for (flag, kind) in [(&b" -n "[..], Kind::Namespace), (b" --namespace", Kind::Namespace)] {
        for at in find_all(b, flag) {
            add(kind, &b[word(at + flag.len())]);
        }
    }
    // `job/x`, `pod/x`, `cronjob/x` in commands and in the OBJECT column of events.
    for marker in [&b"job/"[..], b"pod/", b"cronjob/", b"jobs.batch/", b"job.batch/"] {
        for at in find_all(b, marker) {
            let kind_start = take_back(b, at + marker.len() - 1);
            if kind_start == at {
                add(Kind::Name, &b[word(at + marker.len())]);
            }
        }
    }
    for (marker, kind) in
        [(&b"job-name="[..], Kind::Name), (b"Successfully assigned ", Kind::Namespace)]
    {
        for at in find_all(b, marker) {
            let value = &b[take(b, at + marker.len(), |c| is_name_byte(c) || c == b'/')];
            if let Some(slash) = value.iter().position(|&c| c == b'/') {
                add(Kind::Namespace, &value[..slash]);
                add(Kind::Name, &value[slash + 1..]);
            } else {
                add(kind, value);
            }
        }
    }
    for at in find_all(b, b"://") {
        // `containerd://1.7.2`, `docker://5790f8...`: runtimes and container ids, not hosts.
        let scheme = &b[take_back(b, at)..at];
        if [&b"containerd"[..], b"docker", b"cri-o", b"pullable"]
            .iter()
            .any(|s| scheme.ends_with(s))
        {
            continue;
        }
        // The authority runs to the path; a `user:password@` before the host is skipped.
        let authority =
            &b[take(b, at + 3, |c| !c.is_ascii_whitespace() && !b"/\"'?#".contains(&c))];
        let start = authority.iter().rposition(|&c| c == b'@').map_or(0, |p| p + 1);
        let host = &authority[start..];
        let host = &host[..host.iter().take_while(|&&c| is_name_byte(c) && c != b'_').count()];
        if host.contains(&b'.') && host.iter().any(u8::is_ascii_alphabetic) {
            add(Kind::Host, host);
        }
    }
}

/// Where the word that ends at `end` starts.
fn take_back(b: &[u8], end: usize) -> usize {
    (0..end).rev().find(|&k| !(is_name_byte(b[k]))).map_or(0, |k| k + 1)
}

/// The registry host of an image reference, when it names one (`registry.corp:5000/app:1`).
fn registry(image: &[u8], add: &mut impl FnMut(Kind, &[u8])) {
    let Some(slash) = image.iter().position(|&c| c == b'/') else { return };
    let host = &image[..slash];
    if host.contains(&b'.') || host.contains(&b':') || host == b"localhost" {
        add(Kind::Registry, host);
    }
}
