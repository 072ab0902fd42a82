//! What looks secret in a paste, and the paste with the chosen kinds masked.
//!
//! Before a paste is copied or shared, the page shows what [`find`] found, line by line, and the
//! user picks the kinds to mask; [`apply`] then masks them. Both work on the paste as given:
//!
//! - Line numbers count from 1 and lines end at `\n` only, as in [`crate::text`]. A mask never
//!   adds or removes a line: a PEM block keeps its line count, so evidence line numbers of the
//!   redacted paste are the original's.
//! - A finding covers only the secret value (the password after `PASSWORD=`, the token after
//!   `Bearer`), never the key or the Kubernetes text around it: reasons, messages and exit codes
//!   stay as they are, so the redacted paste analyses like the original.
//! - Masks are consistent: the same value gets the same mask wherever it appears
//!   (`[REDACTED-TOKEN-1]`, `10.x.x.2`, `<email-1>`), so the redacted paste still reads.
//!
//! The scanner is written by hand (no regex crate: it would cost the page 23 KB or more) and each
//! detector looks at a line a bounded number of times, so the work is linear in the paste.
//! Detectors live in [`secrets`] (tokens, passwords, URL credentials), [`blocks`] (PEM blocks and
//! Secret `data:` maps, which span lines), [`network`] (emails, IP addresses) and [`names`]
//! (namespaces, pods, nodes, registries and hosts, off by default).

mod blocks;
mod bytes;
mod names;
mod network;
mod secrets;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// What a finding is, and so how it is masked. The page offers one switch per kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A credential in a known format: a bearer or basic authorization, a JWT, a GitHub, GitLab,
    /// Slack, Stripe, npm or Google API token, an AWS access key id or secret access key, an
    /// Azure account key or shared access signature.
    Token,
    /// The value of a setting named like a password, secret, token or key (in env lines,
    /// flags, YAML and JSON), and the password of a `scheme://user:pass@host` URL.
    Password,
    /// A value of a Kubernetes Secret's `data:` or `stringData:` map.
    SecretData,
    /// The body of a PEM private key, or a private key in a JSON value.
    PrivateKey,
    /// The body of a PEM certificate (or other PEM block that is not a private key).
    Certificate,
    Email,
    /// An IPv4 or IPv6 address other than loopback and unspecified ones, also in `ip-10-0-0-1`
    /// node names.
    Ip,
    /// A namespace that is not one of Kubernetes' own (off by default).
    Namespace,
    /// A Job, pod or other object name (off by default).
    Name,
    /// A node name (off by default).
    Node,
    /// A private image registry host (off by default).
    Registry,
    /// A host name in a URL or a node column (off by default).
    Host,
}

impl Kind {
    /// Every kind, in the order the page lists them.
    pub const ALL: [Kind; 12] = [
        Kind::Token,
        Kind::Password,
        Kind::SecretData,
        Kind::PrivateKey,
        Kind::Certificate,
        Kind::Email,
        Kind::Ip,
        Kind::Namespace,
        Kind::Name,
        Kind::Node,
        Kind::Registry,
        Kind::Host,
    ];

    /// Whether the kind is masked unless the user turns it off: secrets and personal data yes,
    /// names no (they rarely harm and help the reader most).
    pub fn is_default(self) -> bool {
        !matches!(self, Kind::Namespace | Kind::Name | Kind::Node | Kind::Registry | Kind::Host)
    }

    /// A stable id for settings and `data-` attributes, e.g. `secret-data`.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Token => "token",
            Kind::Password => "password",
            Kind::SecretData => "secret-data",
            Kind::PrivateKey => "private-key",
            Kind::Certificate => "certificate",
            Kind::Email => "email",
            Kind::Ip => "ip",
            Kind::Namespace => "namespace",
            Kind::Name => "name",
            Kind::Node => "node",
            Kind::Registry => "registry",
            Kind::Host => "host",
        }
    }

    /// What the page calls the kind, e.g. `tokens and API keys`.
    pub fn title(self) -> &'static str {
        match self {
            Kind::Token => "tokens and API keys",
            Kind::Password => "passwords and secret settings",
            Kind::SecretData => "Secret data values",
            Kind::PrivateKey => "private keys",
            Kind::Certificate => "certificates",
            Kind::Email => "email addresses",
            Kind::Ip => "IP addresses",
            Kind::Namespace => "namespaces",
            Kind::Name => "Job and pod names",
            Kind::Node => "node names",
            Kind::Registry => "image registries",
            Kind::Host => "host names",
        }
    }

    /// Which kind wins when two findings overlap: the lower rank. A Secret's data value is
    /// masked as such even where its key also says `password`; a host is masked whole even
    /// where a label of it is the namespace (`db.billing.svc`).
    fn rank(self) -> usize {
        match self {
            Kind::PrivateKey => 0,
            Kind::Token => 1,
            Kind::SecretData => 2,
            Kind::Password => 3,
            Kind::Host => Kind::Namespace.rank() - 1,
            other => Kind::ALL.iter().position(|&k| k == other).unwrap_or(usize::MAX),
        }
    }
}

/// One value that looks secret or private.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The line, from 1.
    pub line: usize,
    /// The value's bytes within the line (without its `\n`); always on character boundaries.
    pub range: Range<usize>,
    pub kind: Kind,
    /// A few words on what it is, e.g. `GitHub token` or `password in an env line`.
    pub label: &'static str,
}

/// What [`find`] looks for besides secrets and personal data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Also find namespaces, object and node names, registries and hosts.
    pub names: bool,
}

/// The lines of `paste` as [`find`] and [`apply`] number them: split at `\n` only.
pub fn lines(paste: &str) -> Vec<&str> {
    paste.split('\n').collect()
}

/// Everything in `paste` that looks secret or private, in line order. Findings do not overlap:
/// where two would, the stronger kind wins (a private key over a token over Secret data
/// over a setting, then in the order of [`Kind::ALL`]), then the longer value.
pub fn find(paste: &str, options: Options) -> Vec<Finding> {
    let lines = lines(paste);
    let mut found = Vec::new();
    blocks::pem(&lines, &mut found);
    blocks::secret_data(&lines, &mut found);
    blocks::env_values(&lines, &mut found);
    secrets::aws_secret_keys(&lines, &mut found);
    for (i, line) in lines.iter().enumerate() {
        let mut add = |range: Range<usize>, kind: Kind, label: &'static str| {
            if !range.is_empty() {
                found.push(Finding { line: i + 1, range, kind, label });
            }
        };
        secrets::scan(line, &mut add);
        network::scan(line, &mut add);
    }
    if options.names {
        names::find(&lines, &mut found);
    }
    settle(found)
}

/// Sorts findings by place and drops each one that overlaps a stronger one.
fn settle(mut found: Vec<Finding>) -> Vec<Finding> {
    found.sort_by(|a, b| {
        (a.line, a.kind.rank())
            .cmp(&(b.line, b.kind.rank()))
            .then(b.range.len().cmp(&a.range.len()))
            .then(a.range.start.cmp(&b.range.start))
    });
    let mut kept: Vec<Finding> = Vec::with_capacity(found.len());
    // The ranges kept on the current line, start to end. They do not overlap, so the one that
    // starts last before a range ends is the only one that can overlap it: a line with many
    // findings costs a lookup per finding, not a pass over the findings kept.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    for f in found {
        if kept.last().is_some_and(|k| k.line != f.line) {
            taken.clear();
        }
        let before_end = taken.range(..f.range.end).next_back();
        let clash = before_end.is_some_and(|(_, &end)| end > f.range.start);
        if !clash {
            taken.insert(f.range.start, f.range.end);
            kept.push(f);
        }
    }
    kept.sort_by_key(|f| (f.line, f.range.start));
    kept
}

/// The mask of each finding, in the same order: what [`apply`] would write in its place.
pub fn masks(paste: &str, findings: &[Finding]) -> Vec<String> {
    let lines = lines(paste);
    let mut masker = Masker::default();
    findings
        .iter()
        .map(|f| {
            let value = lines.get(f.line.wrapping_sub(1)).and_then(|l| l.get(f.range.clone()));
            masker.mask(f.kind, value.unwrap_or(""))
        })
        .collect()
}

/// `paste` with the findings of the chosen `kinds` replaced by their masks. `findings` are in
/// the order [`find`] returns them (by line, then start), any subset of them. Every line stays
/// in place; findings that do not fit the paste (another paste's) are skipped. Masks are
/// numbered per kind, so they match what [`masks`] previewed whichever kinds are chosen.
pub fn apply(paste: &str, findings: &[Finding], kinds: &[Kind]) -> String {
    let chosen: Vec<&Finding> = findings.iter().filter(|f| kinds.contains(&f.kind)).collect();
    let mut masker = Masker::default();
    let mut out = String::with_capacity(paste.len());
    let mut next = chosen.iter().peekable();
    for (i, line) in paste.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut at = 0;
        while let Some(f) = next.next_if(|f| f.line <= i + 1) {
            let fits =
                f.line == i + 1 && f.range.start >= at && line.get(f.range.clone()).is_some();
            if !fits {
                continue;
            }
            out.push_str(&line[at..f.range.start]);
            out.push_str(&masker.mask(f.kind, &line[f.range.clone()]));
            at = f.range.end;
        }
        out.push_str(&line[at..]);
    }
    out
}

/// `paste` with the default kinds masked: [`find`] then [`apply`].
pub fn redact(paste: &str) -> String {
    let findings = find(paste, Options::default());
    let kinds: Vec<Kind> = Kind::ALL.into_iter().filter(|k| k.is_default()).collect();
    apply(paste, &findings, &kinds)
}

/// Numbers values in order of first appearance, per kind of mask, so that one value always
/// gets one mask.
#[derive(Default)]
struct Masker {
    seen: HashMap<(Kind, String), usize>,
    counts: HashMap<Kind, usize>,
}

impl Masker {
    fn mask(&mut self, kind: Kind, value: &str) -> String {
        // One IP written `10.1.2.3` and `10-1-2-3` (in a node name) is one address.
        let key = match kind {
            Kind::Ip => value.replace('-', "."),
            _ => value.to_string(),
        };
        let count = self.counts.entry(kind).or_insert(0);
        let n = *self.seen.entry((kind, key)).or_insert_with(|| {
            *count += 1;
            *count
        });
        match kind {
            Kind::Token => format!("[REDACTED-TOKEN-{n}]"),
            Kind::Password => format!("[REDACTED-PASSWORD-{n}]"),
            Kind::SecretData => format!("[REDACTED-SECRET-{n}]"),
            Kind::PrivateKey => "[REDACTED-PRIVATE-KEY]".to_string(),
            Kind::Certificate => "[REDACTED-CERTIFICATE]".to_string(),
            Kind::Email => format!("<email-{n}>"),
            Kind::Ip => network::ip_mask(value, n),
            Kind::Namespace => format!("ns-{n}"),
            Kind::Name => format!("name-{n}"),
            Kind::Node => format!("node-{n}"),
            Kind::Registry => format!("registry-{n}.example"),
            Kind::Host => format!("host-{n}.example"),
        }
    }
}

/// Bytes that may appear in a token, key or password written without quotes.
fn is_value_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"+/=_-.~%".contains(&b)
}

/// Whether `b` continues a word: `[A-Za-z0-9_]`.
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

#[cfg(test)]
mod tests;
