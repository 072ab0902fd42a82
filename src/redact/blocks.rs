//! Secrets that span lines: PEM blocks, the `data:` map of a Kubernetes Secret (YAML or
//! pretty-printed JSON), and `- name: DB_PASSWORD` / `value: x` pairs of a container's env.
//!
//! Objects are read by indentation, as `kubectl get -o yaml` and `-o json` print them: the keys
//! of one object share a column. Every walk over neighbouring lines is capped at [`REACH`].

use std::ops::Range;

use super::bytes::{find_all, skip, take};
use super::secrets::{is_placeholder, is_secret_key};
use super::{Finding, Kind};

/// How many lines a walk looks up or down for the `kind:` of an object.
const REACH: usize = 1000;

/// The key of a line such as `  key: value`, `- key: value` or `"key": "value",`.
#[derive(Debug)]
struct KeyLine {
    /// The column of the key (after indentation, a list dash and a quote).
    column: usize,
    /// Whether the line opens a list item (`- key:`).
    dash: bool,
    key: Range<usize>,
    /// The value without trailing spaces, a trailing comma and surrounding quotes; may be empty.
    value: Range<usize>,
}

fn key_line(b: &[u8]) -> Option<KeyLine> {
    let mut i = skip(b, 0, b" \t");
    let dash = b.get(i) == Some(&b'-') && b.get(i + 1) == Some(&b' ');
    if dash {
        i = skip(b, i + 1, b" ");
    }
    let column = i;
    let quoted = b.get(i) == Some(&b'"');
    let key = take(b, i + usize::from(quoted), |c| c != b':' && c != b'"' && c != b' ');
    let colon = key.end + usize::from(quoted);
    if key.is_empty() || b.get(colon) != Some(&b':') {
        return None;
    }
    let start = skip(b, colon + 1, b" \t");
    if start == colon + 1 && start < b.len() {
        return None;
    }
    let (mut s, mut e) = (start, b.len());
    while e > s && b"\r \t,".contains(&b[e - 1]) {
        e -= 1;
    }
    if e > s + 1 && matches!(b[s], b'"' | b'\'') && b[e - 1] == b[s] {
        s += 1;
        e -= 1;
    }
    Some(KeyLine { column, dash, key, value: s..e })
}

/// The column of a line's first character, `None` for a blank line.
fn indent(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let i = skip(b, 0, b" \t");
    (i < b.len() && b[i] != b'\r').then_some(i)
}

/// The content of a line: without indentation and trailing spaces or CR.
fn content(b: &[u8]) -> Range<usize> {
    let start = skip(b, 0, b" \t");
    let mut end = b.len();
    while end > start && b" \t\r".contains(&b[end - 1]) {
        end -= 1;
    }
    start..end
}

/// The bodies of PEM blocks, line by line; the `BEGIN` and `END` lines stay. A block cut off
/// by the end of the paste ends at its first line that is not base64 or a header.
pub(super) fn pem(lines: &[&str], found: &mut Vec<Finding>) {
    let mut i = 0;
    while i < lines.len() {
        let b = lines[i].as_bytes();
        let Some(begin) = find_all(b, b"-----BEGIN ").next() else {
            i += 1;
            continue;
        };
        let label_end =
            find_all(&b[begin + 11..], b"-----").next().map_or(b.len(), |p| begin + 11 + p);
        let private = find_all(&b[begin..label_end], b"PRIVATE KEY").next().is_some();
        let (kind, label) = if private {
            (Kind::PrivateKey, "private key")
        } else {
            (Kind::Certificate, "certificate")
        };
        let mut add = |line: usize, range: Range<usize>| {
            if !range.is_empty() {
                found.push(Finding { line: line + 1, range, kind, label });
            }
        };
        let body_start = (label_end + 5).min(b.len());
        if let Some(end) = find_all(&b[body_start..], b"-----END ").next() {
            add(i, body_start..body_start + end);
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < lines.len() {
            let l = lines[j].as_bytes();
            if let Some(end) = find_all(l, b"-----END ").next() {
                let c = content(&l[..end]);
                add(j, c);
                break;
            }
            let c = content(l);
            let text = &l[c.clone()];
            let base64 = text.iter().all(|&x| x.is_ascii_alphanumeric() || b"+/=".contains(&x));
            let header = text.starts_with(b"Proc-Type:") || text.starts_with(b"DEK-Info:");
            if !(base64 || header) {
                break;
            }
            add(j, c);
            j += 1;
        }
        i = j.max(i + 1);
    }
}

/// The values of a Secret's `data:` and `stringData:` maps. Where the paste does not show the
/// object's `kind`, only values that look base64-encoded are taken; a ConfigMap's are not.
pub(super) fn secret_data(lines: &[&str], found: &mut Vec<Finding>) {
    for (i, line) in lines.iter().enumerate() {
        let b = line.as_bytes();
        let Some(head) = key_line(b) else { continue };
        let name = &b[head.key.clone()];
        let opens = head.value.is_empty() || &b[head.value.clone()] == b"{";
        if !(name == b"data" || name == b"stringData") || !opens {
            continue;
        }
        let kind = object_kind(lines, i, head.column);
        if kind.as_deref().is_some_and(|k| k != "Secret") {
            continue;
        }
        let sure = kind.is_some();
        let mut j = i + 1;
        let mut scalar: Option<usize> = None;
        while j < lines.len() {
            let Some(col) = indent(lines[j]) else {
                j += 1;
                continue;
            };
            if col <= head.column {
                break;
            }
            let l = lines[j].as_bytes();
            if scalar.is_some_and(|c| col > c) {
                found.push(secret(j, content(l)));
                j += 1;
                continue;
            }
            scalar = None;
            if let Some(child) = key_line(l) {
                let value = &l[child.value.clone()];
                if matches!(value.first(), Some(b'|' | b'>')) {
                    scalar = sure.then_some(col);
                } else if !value.is_empty() && (sure || looks_base64(value)) {
                    found.push(secret(j, child.value));
                }
            }
            j += 1;
        }
    }
}

fn secret(line: usize, range: Range<usize>) -> Finding {
    Finding { line: line + 1, range, kind: Kind::SecretData, label: "Secret data value" }
}

/// Whether `value` could be base64 of something: 8 or more base64 letters, padded to 4.
fn looks_base64(value: &[u8]) -> bool {
    value.len() >= 8
        && value.len() % 4 == 0
        && value.iter().all(|&c| c.is_ascii_alphanumeric() || b"+/=".contains(&c))
}

/// The `kind` of the object whose key at `column` is on line `at`: looked for among its sibling
/// keys above and below, within the object.
fn object_kind(lines: &[&str], at: usize, column: usize) -> Option<String> {
    let kind_of = |i: usize| -> Option<String> {
        let b = lines[i].as_bytes();
        let k = key_line(b)?;
        (k.column == column && &b[k.key.clone()] == b"kind")
            .then(|| String::from_utf8_lossy(&b[k.value]).into_owned())
    };
    // Upwards to the object's first line (`- apiVersion: v1` in a list, or a shallower line).
    for i in (at.saturating_sub(REACH)..at).rev() {
        if lines[i].trim_end() == "---" {
            break;
        }
        let Some(col) = indent(lines[i]) else { continue };
        let first = key_line(lines[i].as_bytes()).is_some_and(|k| k.dash && k.column == column);
        if col < column && !first {
            break;
        }
        if let Some(kind) = kind_of(i) {
            return Some(kind);
        }
        if first {
            break;
        }
    }
    for (i, line) in lines.iter().enumerate().take(at + REACH).skip(at + 1) {
        if line.trim_end() == "---" {
            break;
        }
        let Some(col) = indent(line) else { continue };
        if col < column {
            break;
        }
        if let Some(kind) = kind_of(i) {
            return Some(kind);
        }
    }
    None
}

/// `- name: DB_PASSWORD` followed by `value: x` at the same column, as env lists are written.
pub(super) fn env_values(lines: &[&str], found: &mut Vec<Finding>) {
    for (i, line) in lines.iter().enumerate() {
        let b = line.as_bytes();
        let Some(name) = key_line(b) else { continue };
        if &b[name.key.clone()] != b"name" || !is_secret_key(&b[name.value.clone()]) {
            continue;
        }
        for (j, next) in lines.iter().enumerate().skip(i + 1).take(3) {
            let l = next.as_bytes();
            let Some(value) = key_line(l) else { break };
            if value.column != name.column || value.dash {
                break;
            }
            if &l[value.key.clone()] == b"value" {
                if !value.value.is_empty() && !is_placeholder(&l[value.value.clone()]) {
                    found.push(Finding {
                        line: j + 1,
                        range: value.value,
                        kind: Kind::Password,
                        label: "secret env value",
                    });
                }
                break;
            }
        }
    }
}
