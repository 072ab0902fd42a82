//! Email addresses and IP addresses on one line.
//!
//! IPv4 addresses are four decimal octets not inside a longer dotted run (`1.2.3.4.5` is a
//! version), also written with dashes after `ip-` as cloud node names do. IPv6 addresses need a
//! `::` or all eight groups, so times (`08:41:22`) and MAC addresses stay. Loopback and
//! unspecified addresses say nothing about a network and are left.

use std::ops::Range;

use super::bytes::take;
use super::{is_word, Kind};

pub(super) fn scan(line: &str, add: &mut impl FnMut(Range<usize>, Kind, &'static str)) {
    let b = line.as_bytes();
    emails(b, add);
    ipv4(b, add);
    ipv6(b, add);
}

fn emails(b: &[u8], add: &mut impl FnMut(Range<usize>, Kind, &'static str)) {
    let local = |c: u8| c.is_ascii_alphanumeric() || b"._%+-".contains(&c);
    let domain = |c: u8| c.is_ascii_alphanumeric() || b".-".contains(&c);
    for (at, _) in b.iter().enumerate().filter(|&(_, &c)| c == b'@') {
        let start = (0..at).rev().find(|&k| !local(b[k])).map_or(0, |k| k + 1);
        // `user:pass@host` in a URL is a password's business, not an email.
        let in_url = start > 0 && b[start - 1] == b':' || b[..start].ends_with(b"//");
        if start == at || in_url {
            continue;
        }
        let host = take(b, at + 1, domain);
        let mut end = host.end;
        while end > host.start && b[end - 1] == b'.' {
            end -= 1;
        }
        let host = &b[host.start..end];
        let tld = host.rsplit(|&c| c == b'.').next().unwrap_or_default();
        let dotted = host.contains(&b'.') && !host.starts_with(b".");
        if dotted && tld.len() >= 2 && tld.iter().all(u8::is_ascii_alphabetic) {
            add(start..end, Kind::Email, "email address");
        }
    }
}

fn ipv4(b: &[u8], add: &mut impl FnMut(Range<usize>, Kind, &'static str)) {
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_digit() || is_word(b[i - 1]))) {
            i += 1;
            continue;
        }
        // `ip-10-1-2-3` as node names write it; the finding leaves out `ip-`.
        let dashed = i >= 3 && b[i - 3..i].eq_ignore_ascii_case(b"ip-");
        let dotted_before = i > 0 && b[i - 1] == b'.';
        match octets(b, i, if dashed { b'-' } else { b'.' }) {
            Some((end, quad)) if !dotted_before || dashed => {
                let after_dot =
                    b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(u8::is_ascii_digit);
                let after_word = !dashed && b.get(end).is_some_and(|&c| is_word(c));
                // `app:1.2.3.4-rc1` is a version.
                let versioned = b.get(end) == Some(&b'-')
                    && b.get(end + 1).is_some_and(u8::is_ascii_alphabetic);
                if !after_dot && !after_word && !versioned && !is_boring_v4(quad) {
                    let label = if dashed { "IP address in a node name" } else { "IPv4 address" };
                    add(i..end, Kind::Ip, label);
                }
                i = end;
            }
            _ => i += 1,
        }
    }
}

/// Four octets from `start` separated by `sep`: where they end, and their values.
fn octets(b: &[u8], start: usize, sep: u8) -> Option<(usize, [u8; 4])> {
    let mut quad = [0u8; 4];
    let mut i = start;
    for (n, slot) in quad.iter_mut().enumerate() {
        if n > 0 {
            if b.get(i) != Some(&sep) {
                return None;
            }
            i += 1;
        }
        let digits = take(b, i, |c| c.is_ascii_digit());
        let text = &b[digits.clone()];
        if text.is_empty() || text.len() > 3 || (text.len() > 1 && text[0] == b'0') {
            return None;
        }
        let value = text.iter().fold(0u32, |v, &d| v * 10 + u32::from(d - b'0'));
        *slot = u8::try_from(value).ok()?;
        i = digits.end;
    }
    Some((i, quad))
}

fn is_boring_v4(quad: [u8; 4]) -> bool {
    quad[0] == 127 || quad == [0, 0, 0, 0] || quad == [255, 255, 255, 255]
}

fn ipv6(b: &[u8], add: &mut impl FnMut(Range<usize>, Kind, &'static str)) {
    let in_addr = |c: u8| c.is_ascii_hexdigit() || c == b':' || c == b'.';
    let mut i = 0;
    while i < b.len() {
        let run = take(b, i, in_addr);
        if run.is_empty() {
            i += 1;
            continue;
        }
        i = run.end;
        let before_ok = run.start == 0 || !(is_word(b[run.start - 1]) || b[run.start - 1] == b'-');
        let after_ok = b.get(run.end).is_none_or(|&c| !(is_word(c) || c == b'-'));
        let mut end = run.end;
        // A trailing `:` or `.` belongs to the sentence (`at fe80::1:`), unless it makes `::`.
        while end > run.start
            && matches!(b[end - 1], b'.' | b':')
            && !b[run.start..end].ends_with(b"::")
        {
            end -= 1;
        }
        if before_ok && after_ok && is_ipv6(&b[run.start..end]) {
            add(run.start..end, Kind::Ip, "IPv6 address");
        }
    }
}

/// Whether `text` (hex digits, colons and dots) is an IPv6 address worth masking.
fn is_ipv6(text: &[u8]) -> bool {
    let compressed = text.windows(2).filter(|w| w == b"::").count();
    if compressed > 1 || text.windows(3).any(|w| w == b":::") {
        return false;
    }
    let groups: Vec<&[u8]> = text.split(|&c| c == b':').filter(|g| !g.is_empty()).collect();
    let (last, head) = match groups.split_last() {
        Some((last, head)) => (*last, head),
        None => return false,
    };
    let v4_tail = last.contains(&b'.');
    let hex_ok = |g: &&[u8]| (1..=4).contains(&g.len()) && g.iter().all(u8::is_ascii_hexdigit);
    if !head.iter().all(hex_ok) || (!v4_tail && !hex_ok(&last)) {
        return false;
    }
    if v4_tail && octets(last, 0, b'.').is_none_or(|(end, _)| end != last.len()) {
        return false;
    }
    let width = groups.len() + usize::from(v4_tail);
    let full = compressed == 0 && width == 8;
    let short = compressed == 1 && width < 8;
    // `::` and `::1` say nothing about a network.
    let boring =
        compressed == 1 && groups.iter().all(|g| g.iter().all(|&c| c == b'0' || c == b'1'));
    (full || short) && !boring
}

/// The mask of the `n`th distinct address: the first part kept (it tells private from public),
/// the rest replaced, the number last; in the address's own separators.
pub(super) fn ip_mask(value: &str, n: usize) -> String {
    if value.contains(':') {
        let first = value.split(':').next().unwrap_or("");
        let first = if first.is_empty() { "" } else { first };
        return format!("{first}:x::{n:x}");
    }
    let sep = if value.contains('-') { '-' } else { '.' };
    let first = value.split(sep).next().unwrap_or("x");
    format!("{first}{sep}x{sep}x{sep}{n}")
}
