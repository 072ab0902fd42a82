//! The engine's answers: what the page previews hides the secrets, what it copies is masked as
//! chosen, and every request and reply survives the trip between the page and its worker.

use std::fs;
use std::path::Path;

use super::*;
use crate::cause::Cause;

const TOKEN: &str = "ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d";
const PASSWORD: &str = "hunter2-Prod!";
const BASE: &str = "https://wiki.example/kt/index.html#/share/";

/// A paste with a Job's name and namespace, a token, a password twice and an email address.
fn paste() -> String {
    format!(
        "Name:           migrate\nNamespace:      payments\n\
         export GITHUB_TOKEN={TOKEN}\nDB_PASSWORD={PASSWORD}\n\
         owner: ops@example.com\nDB_PASSWORD={PASSWORD}\n"
    )
}

fn ids(kinds: &[&str]) -> Vec<String> {
    kinds.iter().map(|k| (*k).to_owned()).collect()
}

fn link(paste: &str, mask: &[&str]) -> Reply {
    answer(Request::Link { paste: paste.to_owned(), mask: ids(mask), base: BASE.to_owned() })
}

/// What the share link in `reply` carries.
fn opened(reply: &Reply) -> share::Shared {
    let Reply::Link(link) = reply else { panic!("not a link: {reply:?}") };
    let token = link.strip_prefix(BASE).expect("the link starts with the base");
    share::decode(token).expect("the token reads back")
}

#[test]
fn findings_name_each_kind_and_mask_but_never_the_value() {
    let reply = answer(Request::Findings { paste: paste() });
    let Reply::Findings(found) = &reply else { panic!("{reply:?}") };
    let kinds: Vec<(&str, bool, usize)> =
        found.kinds.iter().map(|k| (k.id.as_str(), k.default, k.count)).collect();
    assert_eq!(
        kinds,
        [
            ("token", true, 1),
            ("password", true, 2),
            ("email", true, 1),
            ("namespace", false, 1),
            ("name", false, 1)
        ]
    );
    let shown: Vec<(usize, &str, &str)> =
        found.shown.iter().map(|s| (s.line, s.kind.as_str(), s.mask.as_str())).collect();
    assert_eq!(
        shown,
        [
            (1, "name", "name-1"),
            (2, "namespace", "ns-1"),
            (3, "token", "[REDACTED-TOKEN-1]"),
            (4, "password", "[REDACTED-PASSWORD-1]"),
            (5, "email", "<email-1>"),
            (6, "password", "[REDACTED-PASSWORD-1]"),
        ]
    );
    assert_eq!(found.total, 6);
    assert!(found.shown.iter().all(|s| !s.label.is_empty()));
    let bytes = to_bytes(&(1, reply));
    for secret in [TOKEN, PASSWORD, "ops@example.com"] {
        let found = bytes.windows(secret.len()).any(|w| w == secret.as_bytes());
        assert!(!found, "the preview carries `{secret}`");
    }
}

#[test]
fn findings_list_at_most_max_shown_and_count_all() {
    let paste: String = (0..MAX_SHOWN + 50).map(|n| format!("mail u{n}@example.com\n")).collect();
    let Reply::Findings(found) = answer(Request::Findings { paste }) else { panic!() };
    assert_eq!(found.shown.len(), MAX_SHOWN);
    assert_eq!(found.total, MAX_SHOWN + 50);
    assert_eq!(found.kinds[0].count, MAX_SHOWN + 50);
    assert!(
        answer(Request::Findings { paste: String::new() }) == Reply::Findings(Findings::default())
    );
}

#[test]
fn a_link_carries_the_paste_masked_as_chosen_and_the_analyzer() {
    let shared = opened(&link(&paste(), &["token", "password", "email"]));
    assert_eq!(shared.route.as_deref(), Some(SHARED_ROUTE));
    assert_eq!(
        shared.paste,
        "Name:           migrate\nNamespace:      payments\n\
         export GITHUB_TOKEN=[REDACTED-TOKEN-1]\nDB_PASSWORD=[REDACTED-PASSWORD-1]\n\
         owner: <email-1>\nDB_PASSWORD=[REDACTED-PASSWORD-1]\n"
    );
    // Names masked on request; an id the engine does not know changes nothing.
    let shared = opened(&link(&paste(), &["namespace", "no-such-kind"]));
    assert!(shared.paste.contains("Namespace:      ns-1\n") && shared.paste.contains(TOKEN));
    // Nothing chosen: the paste as it is.
    assert_eq!(opened(&link(&paste(), &[])).paste, paste());
}

#[test]
fn a_paste_too_large_for_a_link_is_refused_with_shares_message() {
    let paste = "x".repeat(share::MAX_PASTE + 1);
    let want = share::ShareError::TooLarge(paste.len()).to_string();
    assert_eq!(link(&paste, &["token"]), Reply::Failed(want));
}

#[test]
fn a_report_is_of_the_masked_paste_and_links_back_when_the_link_is_short() {
    let case = case_input("011-airflow-kpo-oomkilled");
    let with_secret = format!("{case}\nexport GITHUB_TOKEN={TOKEN}\n");
    let request = |paste: String, mask: &[&str], app: Option<&str>| Request::Report {
        paste,
        mask: ids(mask),
        base: BASE.to_owned(),
        app: app.map(str::to_owned),
    };
    let Reply::Markdown(md) = answer(request(with_secret.clone(), &["token"], Some("https://k/")))
    else {
        panic!("no Markdown")
    };
    assert!(!md.contains(TOKEN), "{md}");
    assert!(md.contains(&format!("https://k/#/causes/{}", Cause::OomKilled.id())), "{md}");
    let link = md.lines().last().unwrap_or_default();
    assert!(link.starts_with("[Open this triage in kubetriage](<https://wiki.example/"), "{link}");
    let token = link.split("#/share/").nth(1).and_then(|t| t.strip_suffix(">)")).unwrap();
    assert!(share::decode(token)
        .expect("the link reads back")
        .paste
        .contains("[REDACTED-TOKEN-1]"));

    // A paste whose link would be too long for a chat gets a report without one.
    let noise: String =
        (0..4000u32).map(|n| format!("{n:08x} {}\n", n.wrapping_mul(2_654_435_761))).collect();
    let Reply::Markdown(md) = answer(request(format!("{case}\n{noise}"), &[], None)) else {
        panic!("no Markdown")
    };
    assert!(!md.contains("#/share/") && !md.contains("#/causes/"), "{md}");
    assert!(md.starts_with("## kubetriage: "), "{md}");
}

#[test]
fn opening_a_link_gives_its_paste_or_says_why_not() {
    let token = share::encode("Events:\n  x", Some("/analyze")).expect("a token");
    assert_eq!(
        answer(Request::Open { token }),
        Reply::Opened("Events:\n  x".into(), Some("/analyze".into()))
    );
    for (token, why) in [
        ("v9.abc", share::ShareError::UnknownVersion("v9".into())),
        ("v1.a*b", share::ShareError::NotBase64 { at: 2, found: '*' }),
    ] {
        assert_eq!(answer(Request::Open { token: token.into() }), Reply::Failed(why.to_string()));
    }
}

#[test]
fn requests_and_replies_survive_the_trip() {
    let requests = [
        Request::Analyze { paste: "a\n\"b\"\u{1b}[0m".into() },
        Request::Findings { paste: "c".into() },
        Request::Link { paste: "d".into(), mask: ids(&["token"]), base: BASE.into() },
        Request::Report { paste: "e".into(), mask: vec![], base: BASE.into(), app: None },
        Request::Open { token: "v1.x".into() },
    ];
    for (id, body) in requests.into_iter().enumerate() {
        let envelope: Envelope<Request> = (id as u32, body);
        assert_eq!(from_bytes::<Request>(&to_bytes(&envelope)), Some(envelope));
    }
    let replies = [
        answer(Request::Analyze { paste: case_input("005-secret-created-after-job") }),
        answer(Request::Findings { paste: paste() }),
        Reply::Link(format!("{BASE}v1.x")),
        Reply::Markdown("## x".into()),
        Reply::Opened("p".into(), None),
        Reply::Failed("the link is damaged and cannot be read".into()),
    ];
    for body in replies {
        let envelope: Envelope<Reply> = (7, body);
        assert_eq!(from_bytes::<Reply>(&to_bytes(&envelope)), Some(envelope));
    }
    // Every shared case's report, and bytes that hold no envelope.
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/cases");
    for entry in fs::read_dir(cases).expect("the shared cases").flatten() {
        let input = fs::read_to_string(entry.path().join("input.txt")).unwrap_or_default();
        let envelope: Envelope<Reply> = (1, Reply::Report(Box::new(crate::analyze(&input))));
        assert_eq!(from_bytes::<Reply>(&to_bytes(&envelope)), Some(envelope));
    }
    for junk in [&b""[..], b"\xff\xff\xff\xff\xff", b"\x01\x00\xff\xff\xff\xff\x0f"] {
        assert_eq!(from_bytes::<Reply>(junk), None);
    }
}

/// The input of a case of `../shared/cases`.
fn case_input(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/cases").join(name);
    fs::read_to_string(path.join("input.txt")).expect("the shared case")
}
