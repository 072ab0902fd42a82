//! Share links: a paste (and optionally a route of the app) packed into a URL fragment.
//!
//! A link carries the paste, never the report, so it keeps working when the rules and the
//! knowledge base change: whoever opens it gets today's analysis of the same text. The paste
//! stays in the fragment, which browsers do not send to the server.
//!
//! The token is `v1.` followed by base64url (no padding) of a raw deflate stream (RFC 1951) of
//! the payload: the route, a newline, then the paste. Decoding is total and bounded: a token
//! longer than [`MAX_TOKEN`] is refused before any work, and inflating stops at [`MAX_PASTE`]
//! bytes of output, so a decompression bomb costs at most that much memory.
//!
//! # Why deflate, and this one
//!
//! Measured on the 32 inputs of `shared/cases` (337 to 6,052 bytes, 54,814 in all) and on all of
//! them joined, with the wasm cost of each choice over a bare module (`opt-level = "z"`, LTO,
//! `wasm-opt -Oz`, gzip -9):
//!
//! | codec | the 32 cases, bytes | all joined | wasm added, gzipped |
//! |---|---|---|---|
//! | none | 54,814 | 54,814 | 0 |
//! | `lz4_flex` 0.11 block (safe) | 30,297 | 23,205 | 6.1 KB |
//! | our byte-aligned LZ77 with hash chains | 28,856 | 19,490 | 2.4 KB |
//! | `miniz_oxide` 0.8 deflate level 9 + inflate | 21,178 | 14,987 | 18.6 KB |
//! | `miniz_oxide` inflate + our encoder ([`deflate`]) | 21,184 | 15,141 | 11.8 KB |
//!
//! Deflate makes links about a third shorter than either LZ, which decides more often whether
//! a paste fits in a chat message at all; our encoder matches level 9 to within 1% and saves
//! 6.8 KB over `miniz_oxide`'s. The inflater stays `miniz_oxide`'s: it is the side that meets
//! hostile input. The cases of about 1.5 KB become tokens of 750 to 950 characters, the largest
//! (6 KB) one of about 2,250.

mod deflate;

use std::fmt;

/// The version prefix of every token this module writes.
pub const VERSION: &str = "v1.";

/// The largest paste a link may carry, in bytes.
pub const MAX_PASTE: usize = 2 << 20;

/// The longest token [`decode`] looks at. A 2 MB paste of random bytes deflates to at most
/// about 2.3 MB, or 3.1 million base64 characters; anything longer is not ours.
pub const MAX_TOKEN: usize = 4 << 20;

/// The longest route a link may carry, e.g. `/guides/oomkilled`.
pub const MAX_ROUTE: usize = 256;

/// Links longer than this may not survive a chat message or a ticket field; the page should
/// say so (and offer the Markdown report instead) rather than refuse. It is the URI length
/// RFC 9110 asks every implementation to support; Slack's guidance for one message is 4,000
/// characters and it cuts messages at 40,000.
pub const COMFORTABLE_LINK: usize = 8000;

/// What a link carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shared {
    /// The paste, exactly as it was shared.
    pub paste: String,
    /// The app route to open, without `#`, e.g. `/guides/oomkilled`; `None` for the analyzer.
    pub route: Option<String>,
}

/// Why a paste cannot be shared, or a token cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// The paste is larger than [`MAX_PASTE`]; holds its size in bytes.
    TooLarge(usize),
    /// The route is empty, too long, or holds a character a route does not.
    BadRoute,
    /// The token does not start with a version this build reads; holds what it starts with.
    UnknownVersion(String),
    /// The token is longer than [`MAX_TOKEN`].
    TooLong,
    /// A character that base64url does not use, and its position (from 1) in the data.
    NotBase64 { at: usize, found: char },
    /// The data ends in the middle of the deflate stream: the link was cut.
    Truncated,
    /// The data inflates past [`MAX_PASTE`].
    Bomb,
    /// The data is not a deflate stream, or not one of a route and a UTF-8 paste.
    Damaged,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::TooLarge(bytes) => write!(
                f,
                "the paste is {} KB; links carry at most {} KB, so share the Markdown report \
                 instead",
                bytes.div_ceil(1024),
                MAX_PASTE >> 10
            ),
            ShareError::BadRoute => write!(f, "the route cannot be put in a link"),
            ShareError::UnknownVersion(start) => {
                write!(f, "the link starts with “{start}”, which this version cannot read")
            }
            ShareError::TooLong => {
                write!(f, "the link is longer than {} MB and was not read", MAX_TOKEN >> 20)
            }
            ShareError::NotBase64 { at, found } => write!(
                f,
                "the link has “{}” at character {at}, which a share link never holds",
                found.escape_default()
            ),
            ShareError::Truncated => write!(f, "the link is cut short; copy all of it"),
            ShareError::Bomb => {
                write!(f, "the link unpacks to more than {} MB and was not read", MAX_PASTE >> 20)
            }
            ShareError::Damaged => write!(f, "the link is damaged and cannot be read"),
        }
    }
}

impl std::error::Error for ShareError {}

/// The token for `paste` and an optional `route` (with or without its `#`), e.g. `v1.eJzL...`.
pub fn encode(paste: &str, route: Option<&str>) -> Result<String, ShareError> {
    if paste.len() > MAX_PASTE {
        return Err(ShareError::TooLarge(paste.len()));
    }
    let route = match route {
        Some(r) => {
            let r = r.strip_prefix('#').unwrap_or(r);
            if !is_route(r) {
                return Err(ShareError::BadRoute);
            }
            r
        }
        None => "",
    };
    let mut payload = Vec::with_capacity(route.len() + 1 + paste.len());
    payload.extend_from_slice(route.as_bytes());
    payload.push(b'\n');
    payload.extend_from_slice(paste.as_bytes());
    let packed = deflate::compress(&payload);
    let mut token = String::with_capacity(VERSION.len() + packed.len().div_ceil(3) * 4);
    token.push_str(VERSION);
    base64url_encode(&packed, &mut token);
    Ok(token)
}

/// What a token carries. Never panics, and allocates no more than about [`MAX_PASTE`] plus
/// the token's own size, whatever the token holds.
pub fn decode(token: &str) -> Result<Shared, ShareError> {
    let token = token.trim();
    if token.len() > MAX_TOKEN {
        return Err(ShareError::TooLong);
    }
    let Some(data) = token.strip_prefix(VERSION) else {
        let start: String = token.chars().take_while(|&c| c != '.').take(8).collect();
        return Err(ShareError::UnknownVersion(start));
    };
    let packed = base64url_decode(data)?;
    let payload = inflate(&packed)?;
    let text = String::from_utf8(payload).map_err(|_| ShareError::Damaged)?;
    let (route, paste) = text.split_once('\n').ok_or(ShareError::Damaged)?;
    let route = match route {
        "" => None,
        r if is_route(r) => Some(r.to_string()),
        _ => return Err(ShareError::Damaged),
    };
    let paste = paste.to_string();
    Ok(Shared { paste, route })
}

/// Whether `route` may be carried: an app route such as `/guides/oomkilled`, printable ASCII
/// without spaces, quotes, angle brackets or a second `#`.
fn is_route(route: &str) -> bool {
    route.starts_with('/')
        && route.len() <= MAX_ROUTE
        && route.bytes().all(|b| b.is_ascii_graphic() && !b"#\"'<>\\`".contains(&b))
}

/// The deflate stream inflated, up to [`MAX_PASTE`] bytes of paste and [`MAX_ROUTE`] + 1 of
/// route and separator.
fn inflate(packed: &[u8]) -> Result<Vec<u8>, ShareError> {
    use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};

    decompress_to_vec_with_limit(packed, MAX_PASTE + MAX_ROUTE + 1).map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => ShareError::Bomb,
        TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
            ShareError::Truncated
        }
        _ => ShareError::Damaged,
    })
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `bytes` in base64url without padding, appended to `out`.
fn base64url_encode(bytes: &[u8], out: &mut String) {
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
}

/// The bytes of base64url text, with or without `=` padding.
fn base64url_decode(text: &str) -> Result<Vec<u8>, ShareError> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let mut acc = 0u32;
    let mut bits = 0;
    for (i, c) in text.chars().enumerate() {
        let value = match c {
            'A'..='Z' => c as u32 - 'A' as u32,
            'a'..='z' => c as u32 - 'a' as u32 + 26,
            '0'..='9' => c as u32 - '0' as u32 + 52,
            '-' => 62,
            '_' => 63,
            _ => return Err(ShareError::NotBase64 { at: i + 1, found: c }),
        };
        acc = acc << 6 | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // One character left over carries only 6 bits: no encoder writes that.
    if bits == 6 {
        return Err(ShareError::Truncated);
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
