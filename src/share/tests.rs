//! Share links: round trips on the shared cases, and hostile tokens that must fail cleanly.

use std::fs;
use std::path::Path;

use super::*;

/// The inputs of `../shared/cases`, by folder name.
fn cases() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/cases");
    let mut found: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .filter_map(|e| {
            let text = fs::read(e.path().join("input.txt")).ok()?;
            Some((e.file_name().to_string_lossy().into_owned(), String::from_utf8(text).ok()?))
        })
        .collect();
    found.sort();
    assert!(found.len() >= 30, "only {} cases in {}", found.len(), dir.display());
    found
}

fn is_url_safe(token: &str) -> bool {
    token.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

#[test]
fn every_case_round_trips_with_and_without_a_route() {
    for (name, input) in cases() {
        let token = encode(&input, None).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(token.starts_with("v1."), "{name}: {token:.10}");
        assert!(is_url_safe(&token), "{name}: the token needs escaping in a URL");
        assert!(token.len() < COMFORTABLE_LINK, "{name}: {} characters", token.len());
        assert!(token.len() < input.len(), "{name}: {} >= {}", token.len(), input.len());
        assert_eq!(decode(&token), Ok(Shared { paste: input.clone(), route: None }), "{name}");

        let token = encode(&input, Some("#/guides/oomkilled")).expect("a valid route");
        let route = Some("/guides/oomkilled".to_string());
        assert_eq!(decode(&token), Ok(Shared { paste: input, route }), "{name}");
    }
}

#[test]
fn odd_pastes_round_trip() {
    for paste in ["", "\n", "\r\n\r\n", "héllo ✓ 🚀", "\0\u{1b}[31mred\u{1b}[0m", "a\nb\n"] {
        let token = encode(paste, Some("/analyze")).expect("small paste");
        let shared = decode(&token).expect("own token");
        assert_eq!(shared.paste, paste);
        assert_eq!(shared.route.as_deref(), Some("/analyze"));
    }
}

#[test]
fn a_paste_of_two_mb_is_the_largest_shared() {
    let lines = "  Warning  BackOff  3m  kubelet  Back-off restarting failed container\n";
    let mut paste = lines.repeat(MAX_PASTE / lines.len());
    paste.push_str(&"x".repeat(MAX_PASTE - paste.len()));
    let token = encode(&paste, None).expect("exactly the limit");
    assert_eq!(decode(&token).map(|s| s.paste.len()), Ok(MAX_PASTE));

    paste.push('x');
    let err = encode(&paste, None).expect_err("one byte over");
    assert_eq!(err, ShareError::TooLarge(MAX_PASTE + 1));
    assert_eq!(
        err.to_string(),
        "the paste is 2049 KB; links carry at most 2048 KB, so share the Markdown report instead"
    );
}

#[test]
fn routes_that_could_break_out_of_the_fragment_are_refused() {
    for route in ["", "#", "guides/x", "/a b", "/a#b", "/\"><script>", "/a\nb", "/é"] {
        assert_eq!(encode("x", Some(route)), Err(ShareError::BadRoute), "{route:?}");
    }
    let long = format!("/{}", "a".repeat(MAX_ROUTE));
    assert_eq!(encode("x", Some(&long)), Err(ShareError::BadRoute));
}

#[test]
fn surrounding_white_space_and_padding_are_forgiven() {
    let token = encode("Reason: OOMKilled", None).expect("small");
    let padded = format!("  {token}==\n");
    assert_eq!(decode(&padded).map(|s| s.paste), Ok("Reason: OOMKilled".to_string()));
}

/// The error for `token`, as the page would show it.
fn error(token: &str) -> String {
    match decode(token) {
        Ok(shared) => panic!("{token:.40}: decoded to {:?}", shared.paste),
        Err(e) => e.to_string(),
    }
}

#[test]
fn hostile_tokens_fail_with_a_clear_message() {
    let deflated = |payload: &[u8]| {
        let mut token = VERSION.to_string();
        base64url_encode(&deflate::compress(payload), &mut token);
        token
    };
    let cases = [
        ("", "the link starts with “”, which this version cannot read".to_string()),
        ("hello", "the link starts with “hello”, which this version cannot read".to_string()),
        ("v2.AAAA", "the link starts with “v2”, which this version cannot read".to_string()),
        ("v1.", "the link is cut short; copy all of it".to_string()),
        ("v1.A", "the link is cut short; copy all of it".to_string()),
        ("v1.ab%3D", "the link has “%” at character 3, which a share link never holds".to_string()),
        ("v1.ab cd", "the link has “ ” at character 3, which a share link never holds".to_string()),
        ("v1.AAAAAAAA", "the link is damaged and cannot be read".to_string()),
        // Deflate data whose payload is not a route, a newline and UTF-8.
        (&deflated(b"no newline here"), "the link is damaged and cannot be read".to_string()),
        (&deflated(b"/ok\n\xff\xfe"), "the link is damaged and cannot be read".to_string()),
        (&deflated(b"javascript:x\npaste"), "the link is damaged and cannot be read".to_string()),
        (
            &deflated(&vec![b'a'; MAX_PASTE + MAX_ROUTE + 2]),
            "the link unpacks to more than 2 MB and was not read".to_string(),
        ),
    ];
    for (token, want) in cases {
        assert_eq!(error(token), want, "{token:.40}");
        assert!(!want.ends_with('.') && want.chars().next().is_some_and(char::is_lowercase));
    }
}

#[test]
fn a_decompression_bomb_is_small_and_stops_at_the_cap() {
    let mut token = VERSION.to_string();
    base64url_encode(&deflate::compress(&vec![0u8; 64 << 20]), &mut token);
    assert!(token.len() < 200_000, "the bomb is {} characters", token.len());
    assert_eq!(decode(&token), Err(ShareError::Bomb));
}

#[test]
fn a_token_past_the_cap_is_refused_before_reading() {
    let token = format!("v1.{}", "A".repeat(MAX_TOKEN));
    assert_eq!(decode(&token), Err(ShareError::TooLong));
}

#[test]
fn every_cut_of_a_real_token_fails_cleanly() {
    let (_, input) = cases().swap_remove(8);
    let token = encode(&input, Some("/analyze")).expect("a case");
    for end in 0..token.len() {
        let cut = &token[..end];
        match decode(cut) {
            Err(_) => {}
            Ok(shared) => panic!("a cut at {end} decoded to {} bytes", shared.paste.len()),
        }
    }
}

#[test]
fn flipped_characters_never_panic() {
    let (_, input) = cases().swap_remove(3);
    let token = encode(&input, None).expect("a case");
    let mut x = 0x9e37_79b9u32;
    for _ in 0..2000 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        let mut bytes = token.clone().into_bytes();
        let at = VERSION.len() + (x as usize % (bytes.len() - VERSION.len()));
        bytes[at] = ALPHABET[(x >> 20) as usize % 64];
        let flipped = String::from_utf8(bytes).expect("ascii");
        // Any answer will do, as long as it is an answer.
        let _ = decode(&flipped);
    }
}

#[test]
fn base64url_matches_the_rfc_4648_vectors() {
    let vectors: [(&[u8], &str); 7] = [
        (b"", ""),
        (b"f", "Zg"),
        (b"fo", "Zm8"),
        (b"foo", "Zm9v"),
        (b"foob", "Zm9vYg"),
        (b"fooba", "Zm9vYmE"),
        (&[0xfb, 0xff, 0xbf], "-_-_"),
    ];
    for (bytes, text) in vectors {
        let mut out = String::new();
        base64url_encode(bytes, &mut out);
        assert_eq!(out, text);
        assert_eq!(base64url_decode(text).as_deref(), Ok(bytes));
    }
}
