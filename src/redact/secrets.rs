//! Credentials on one line: authorization headers, tokens in known formats, URL passwords, and
//! values of settings named like secrets (`PASSWORD=`, `password:`, `"token": "..."`).

use std::ops::Range;

use super::bytes::{find_all, find_all_ci, skip, skip_back, take, Runs};
use super::{is_value_byte, is_word, Finding, Kind};

/// Tokens recognised by their prefix: the prefix, how many bytes may follow (at least, at
/// most), which bytes, and the label.
const PREFIXED: [(&str, usize, usize, Tail, &str); 20] = [
    ("ghp_", 30, 255, Tail::Alnum, "GitHub token"),
    ("gho_", 30, 255, Tail::Alnum, "GitHub token"),
    ("ghu_", 30, 255, Tail::Alnum, "GitHub token"),
    ("ghs_", 30, 255, Tail::Alnum, "GitHub token"),
    ("ghr_", 30, 255, Tail::Alnum, "GitHub token"),
    ("github_pat_", 22, 255, Tail::Word, "GitHub token"),
    ("glpat-", 20, 255, Tail::Dashed, "GitLab token"),
    ("xoxb-", 10, 255, Tail::Dashed, "Slack token"),
    ("xoxp-", 10, 255, Tail::Dashed, "Slack token"),
    ("xoxa-", 10, 255, Tail::Dashed, "Slack token"),
    ("xoxe-", 10, 255, Tail::Dashed, "Slack token"),
    ("xoxr-", 10, 255, Tail::Dashed, "Slack token"),
    ("xoxs-", 10, 255, Tail::Dashed, "Slack token"),
    ("xapp-", 10, 255, Tail::Dashed, "Slack token"),
    ("AKIA", 16, 16, Tail::Upper, "AWS access key id"),
    ("ASIA", 16, 16, Tail::Upper, "AWS access key id"),
    ("AIza", 35, 35, Tail::Dashed, "Google API key"),
    ("sk_live_", 16, 255, Tail::Alnum, "Stripe key"),
    ("rk_live_", 16, 255, Tail::Alnum, "Stripe key"),
    ("npm_", 36, 36, Tail::Alnum, "npm token"),
];

/// The bytes a prefixed token continues with.
#[derive(Clone, Copy)]
enum Tail {
    /// `[A-Za-z0-9]`
    Alnum,
    /// `[A-Za-z0-9_]`
    Word,
    /// `[A-Za-z0-9_-]`
    Dashed,
    /// `[A-Z0-9]`
    Upper,
}

impl Tail {
    fn allows(self, b: u8) -> bool {
        match self {
            Tail::Alnum => b.is_ascii_alphanumeric(),
            Tail::Word => is_word(b),
            Tail::Dashed => is_word(b) || b == b'-',
            Tail::Upper => b.is_ascii_uppercase() || b.is_ascii_digit(),
        }
    }
}

/// Key words that make a setting's value secret, as they appear in the key lower-cased with
/// `_`, `-` and `.` removed.
const SECRET_WORDS: [&str; 10] = [
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "apikey",
    "accesskey",
    "privatekey",
    "credential",
    "connectionstring",
];

/// Endings of keys that name, point to or configure a secret rather than hold one
/// (`secretName`, `secretKeyRef`, `tokenFile`, `tokenExpirationSeconds`, `AWS_ACCESS_KEY_ID`).
const NOT_SECRET_ENDINGS: [&str; 18] = [
    "name",
    "names",
    "ref",
    "file",
    "path",
    "dir",
    "ttl",
    "seconds",
    "expiration",
    "mode",
    "type",
    "url",
    "uri",
    "endpoint",
    "id",
    "enabled",
    "secrets",
    "tokens",
];

/// Every single-line finding of `line`.
pub(super) fn scan(line: &str, add: &mut impl FnMut(Range<usize>, Kind, &'static str)) {
    let b = line.as_bytes();
    authorization(b, add);
    prefixed(b, add);
    jwt(b, add);
    azure(b, add);
    url_passwords(b, add);
    webhook_urls(b, add);
    leading_key(b, add);
    assignments(b, add);
    flag_values(b, add);
    mysql_password(b, add);
    json_pairs(b, add);
}

/// Webhook URLs whose path is the credential: Slack's `hooks.slack.com/services/T../B../secret`
/// and Discord's `discord.com/api/webhooks/id/token`.
fn webhook_urls(b: &[u8], add: &mut impl FnMut(Range<usize>, Kind, &'static str)) {
    let hosts: [(&[u8], &str); 3] = [
        (b"hooks.slack.com/services/", "Slack webhook"),
        (b"discord.com/api/webhooks/", "Discord webhook"),
        (b"discordapp.com/api/webhooks/", "Discord webhook"),
    ];
    tokens_after(b, &hosts, |c| is_word(c) || b"/-".contains(&c), add);
}

/// The token right after each of `keys` (any case) on the line, of bytes `keep` takes, when it
/// is long enough to be one: each key with its label.
fn tokens_after(
    b: &[u8],
    keys: &[(&[u8], &'static str)],
    keep: impl Fn(u8) -> bool + Copy,
    add: &mut impl FnMut(Range<usize>, Kind, &'static str),
) {
    for &(key, label) in keys {
        let mut values = Runs::new(keep);
        for at in find_all_ci(b, key) {
            let value = values.take(b, at + key.len());
            if value.len() >= 8 {
                add(value, Kind::Token, label);
            }
        }
    }
}

/// The value after a flag named like a secret and a space: `--password s3cret`, `--token x`.
/// (`--password=x` is an assignment.)
fn flag_values(b: &[u8], add: &mut impl FnMut(Range<usize>, Kind, &'static str)) {
    let mut values = Runs::new(|c| !b" \t\"'\r".contains(&c));
    for at in find_all(b, b"--") {
        if at > 0 && !b" \t\"'".contains(&b[at - 1]) {
            continue;
        }
        let key = take(b, at + 2, |c| is_word(c) || c == b'-');
        if b.get(key.end) != Some(&b' ') || !is_secret_key(&b[key.clone()]) {
            continue;
        }
        let value = values.take(b, skip(b, key.end, b" "));
        let flag_next = b.get(value.start) == Some(&b'-');
        if !value.is_empty() && !flag_next && !is_placeholder(&b[value.clone()]) {
            add(value, Kind::Password, "secret flag");
        }
    }
}

/// The password the MySQL clients take joined to `-p` (`mysqldump -uroot -ps3cret db`), on a
/// line that runs one of them. A lone `-p` asks for the password instead.
fn mysql_password(b: &[u8], add: &mut impl FnMut(Range<usize>, Kind, &'static str)) {
    const CLIENTS: [&[u8]; 4] = [b"mysql", b"mysqldump", b"mysqladmin", b"mysqlimport"];
    let words = || {
        let mut at = 0;
        b.split(|&c| c == b' ' || c == b'\t').map(move |word| {
            let start = at;
            at += word.len() + 1;
            (start, word)
        })
    };
    let runs_a_client = words().any(|(_, word)| {
        let name = word.rsplit(|&c| c == b'/').next().unwrap_or(word);
        CLIENTS.contains(&name)
    });
    if !runs_a_client {
        return;
    }
    for (start, word) in words() {
        if word.len() > 2 && word.starts_with(b"-p") && !is_placeholder(&word[2..]) {
            add(start + 2..start + word.len(), Kind::Password, "MySQL password flag");
        }
    }
}

/// `Authorization: Bearer x`, `authorization=Basic x`, and `Bearer x` anywhere.
fn authorization(b: &[u8], add: &mut impl FnMut(Range<usize>, Kind, &'static str)) {
    let mut values = Runs::new(is_value_byte);
    for at in find_all_ci(b, b"authorization") {
        let mut i = at + "authorization".len();
        i = skip(b, i, b"\"' ");
        if !matches!(b.get(i), Some(b':' | b'=')) {
            continue;
        }
        i = skip(b, i + 1, b"\"' ");
        // `Bearer x`, `Basic x`, `token x`: a scheme, then the credential; or only the latter.
        let scheme = take(b, i, |c| c.is_ascii_alphabetic());
        let after = skip(b, scheme.end, b" ");
        let has_scheme = !scheme.is_empty() && after > scheme.end;
        let value = values.take(b, if has_scheme { after } else { i });
        if value.len() >= 8 {
            add(value, Kind::Token, "authorization header");
        }
    }
    let mut values = Runs::new(is_value_byte);
    for at in find_all_ci(b, b"bearer ") {
        if at > 0 && is_word(b[at - 1]) {
            continue;
        }
        let value = values.take(b, skip(b, at + 7, b" "));
        if value.len() >= 8 {
            add(value, Kind::Token, "bearer token");
        }
    }
}

fn prefixed(b: &[u8], add: &mut impl FnMut(Range<usize>, Kind, &'static str)) {
    for (prefix, least, most, tail, label) in PREFIXED {
        for at in find_all(b, prefix.as_bytes()) {
            if at > 0 && is_word(b[at - 1]) {
                continue;
            }
            // Looking one byte past the longest token keeps `AKIAAKIA...` linear.
            let bound = &b[..b.len().min(at + prefix.len() + most + 1)];
            let rest = take(bound, at + prefix.len(), |c| tail.allows(c));
            let ends_clean = b.get(rest.end).is_none_or(|&c| !is_word(c));
            if (least..=most).contains(&rest.len()) && ends_clean {
                add(at..rest.end, Kind::Token, label);
            }
        }
    }
}

/// `eyJ...` `.` `...` `.` `...`: a JSON Web Token (its header always starts `{"`).
fn jwt(b: &[u8], add: &mut impl FnMut(Range<usize>, Kind, &'static str)) {
    let seg = |c: u8| is_word(c) || c == b'-';
    for at in find_all(b, b"eyJ") {
        if at > 0 && (seg(b[at - 1]) || b[at - 1] == b'.') {
            continue;
        }
        let head = take(b, at, seg);
        if head.len() < 10 || b.get(head.end) != Some(&b'.') {
            continue;
        }
        let body = take(b, head.end + 1, seg);
        if body.len() < 10 {
            continue;
        }
        let end =
            if b.get(body.end) == Some(&b'.') { take(b, body.end + 1, seg).end } else { body.end };
        add(at..end, Kind::Token, "JWT");
    }
}

/// Azure connection strings (`AccountKey=...;`, `SharedAccessKey=`, `SharedAccessSignature=`)
/// and the `sig=` of a SAS URL.
fn azure(b: &[u8], add: &mut impl FnMut(Range<usize>, Kind, &'static str)) {
    let keys: [(&[u8], &str); 3] = [
        (b"accountkey=", "Azure account key"),
        (b"sharedaccesskey=", "Azure shared access key"),
        (b"sharedaccesssignature=", "Azure shared access signature"),
    ];
    tokens_after(b, &keys, |c| !b" \t;\"'\r,".contains(&c), add);
    let mut values = Runs::new(|c| !b" \t&;\"'\r#".contains(&c));
    for at in find_all(b, b"sig=") {
        if at > 0 && matches!(b[at - 1], b'?' | b'&') {
            let value = values.take(b, at + 4);
            if value.len() >= 8 {
                add(value, Kind::Token, "signature in a URL");
            }
        }
    }
}

/// The password of `scheme://user:password@host`.
fn url_passwords(b: &[u8], add: &mut impl FnMut(Range<usize>, Kind, &'static str)) {
    for at in find_all(b, b"://") {
        let authority = take(b, at + 3, |c| !b"/?# \t\"'<>`\r".contains(&c));
        let Some(last_at) = b[authority.clone()].iter().rposition(|&c| c == b'@') else {
            continue;
        };
        let userinfo = authority.start..authority.start + last_at;
        let Some(colon) = b[userinfo.clone()].iter().position(|&c| c == b':') else { continue };
        let password = userinfo.start + colon + 1..userinfo.end;
        if !password.is_empty() && !is_placeholder(&b[password.clone()]) {
            add(password, Kind::Password, "password in a URL");
        }
    }
}

/// `KEY: value` at the start of a line (YAML, `kubectl describe` environments, headers),
/// after indentation, a list dash and quotes.
fn leading_key(b: &[u8], add: &mut impl FnMut(Range<usize>, Kind, &'static str)) {
    let mut i = skip(b, 0, b" \t");
    if b.get(i) == Some(&b'-') && b.get(i + 1) == Some(&b' ') {
        i = skip(b, i + 1, b" ");
    }
    let quoted = matches!(b.get(i), Some(b'"' | b'\''));
    let key = take(b, i + usize::from(quoted), |c| is_word(c) || b"-.".contains(&c));
    let mut j = key.end + usize::from(quoted);
    if b.get(j) != Some(&b':') || !is_secret_key(&b[key.clone()]) {
        return;
    }
    j = skip(b, j + 1, b" \t");
    if j == key.end + usize::from(quoted) + 1 && j < b.len() {
        return; // `key:value` without a space is a URL or a time, not YAML
    }
    let value = trim_value(b, j..b.len());
    if !value.is_empty() && !is_placeholder(&b[value.clone()]) {
        add(value, Kind::Password, "secret setting");
    }
}

/// Every `key=value` on the line: env lines, `--password=x`, `export TOKEN=x`, logfmt, query
/// strings, `--from-literal=password=x`. The key is the word right before `=`.
fn assignments(b: &[u8], add: &mut impl FnMut(Range<usize>, Kind, &'static str)) {
    let mut plain = Runs::new(|c| !b" \t,;&\"'\r".contains(&c));
    let mut double_quoted = Runs::new(|c| c != b'"');
    let mut single_quoted = Runs::new(|c| c != b'\'');
    for eq in b.iter().enumerate().filter(|&(_, &c)| c == b'=').map(|(i, _)| i) {
        if b.get(eq + 1) == Some(&b'=') || (eq > 0 && b"=!<>".contains(&b[eq - 1])) {
            continue; // a comparison
        }
        let key_end = skip_back(b, eq, b" \"'");
        let key_start = (0..key_end)
            .rev()
            .find(|&k| !(is_word(b[k]) || b"-.".contains(&b[k])))
            .map_or(0, |k| k + 1);
        if !is_secret_key(&b[key_start..key_end]) {
            continue;
        }
        let start = skip(b, eq + 1, b" ");
        let quote = b.get(start).copied().filter(|c| b"\"'".contains(c));
        let value = match quote {
            Some(b'"') => double_quoted.take(b, start + 1),
            Some(_) => single_quoted.take(b, start + 1),
            None => plain.take(b, start),
        };
        if !value.is_empty() && !is_placeholder(&b[value.clone()]) {
            add(value, Kind::Password, "secret setting");
        }
    }
}

/// `"key": "value"` anywhere on the line (JSON, also minified), and the `"value"` right after
/// a `"name"` that names a secret (`{"name":"DB_PASSWORD","value":"x"}`).
fn json_pairs(b: &[u8], add: &mut impl FnMut(Range<usize>, Kind, &'static str)) {
    let mut i = 0;
    let mut named_secret = false;
    while let Some(open) = b.get(i..).and_then(|rest| rest.iter().position(|&c| c == b'"')) {
        let key = take(b, i + open + 1, |c| c != b'"' && c != b'\\');
        i = key.end + 1;
        let colon = skip(b, key.end + 1, b" ");
        if b.get(key.end) != Some(&b'"') || b.get(colon) != Some(&b':') {
            continue;
        }
        let start = skip(b, colon + 1, b" ");
        if b.get(start) != Some(&b'"') {
            named_secret = false;
            continue;
        }
        let value = json_string(b, start + 1);
        i = value.end + 1;
        let (k, v) = (&b[key.clone()], &b[value.clone()]);
        let after_name = named_secret && k == b"value";
        named_secret = k == b"name" && is_secret_key(v);
        if v.is_empty() || is_placeholder(v) || !(after_name || is_secret_key(k)) {
            continue;
        }
        let private = v.starts_with(b"-----BEGIN") && find_all(v, b"PRIVATE KEY").next().is_some();
        let (kind, label) = if private {
            (Kind::PrivateKey, "private key in JSON")
        } else {
            (Kind::Password, "secret setting")
        };
        add(value, kind, label);
    }
}

/// The body of a JSON string starting at `start` (after its quote), up to the closing quote.
fn json_string(b: &[u8], start: usize) -> Range<usize> {
    let mut i = start;
    while i < b.len() && b[i] != b'"' {
        i += if b[i] == b'\\' { 2 } else { 1 };
    }
    start..i.min(b.len())
}

/// Whether a setting named `key` holds a secret: it has a secret word and no ending that makes
/// it a name or a reference.
pub(super) fn is_secret_key(key: &[u8]) -> bool {
    if key.is_empty() || key.len() > 64 {
        return false;
    }
    let norm: Vec<u8> =
        key.iter().filter(|c| !b"_-.\"' ".contains(c)).map(|c| c.to_ascii_lowercase()).collect();
    let norm = norm.trim_ascii_start();
    if norm.is_empty() || matches!(norm, b"pwd" | b"oldpwd") {
        return false;
    }
    // `MYSQL_PWD`, `DB_PWD`: a password, where `PWD` alone is the working directory.
    let pwd = norm.len() > 3 && norm.ends_with(b"pwd");
    let has_word =
        pwd || SECRET_WORDS.iter().any(|w| find_all(norm, w.as_bytes()).next().is_some());
    let names_it = NOT_SECRET_ENDINGS.iter().any(|e| norm.ends_with(e.as_bytes()));
    has_word && !names_it
}

/// Values that stand for a secret without being one: `<set to the key ...>`, `$(VAR)`, `${VAR}`,
/// `{{ .Values.x }}`, `****`, `[REDACTED]`, file paths, booleans and empty markers.
///
/// Looks at no more of the value than it must: the values on a line may start inside one
/// another (`password=password=...`), and each is asked about.
pub(super) fn is_placeholder(value: &[u8]) -> bool {
    const WORDS: [&[u8]; 8] = [b"true", b"false", b"null", b"nil", b"none", b"~", b"yes", b"no"];
    let starts = |p: &[u8]| value.get(..p.len()).is_some_and(|v| v.eq_ignore_ascii_case(p));
    let variable =
        starts(b"$") && value.get(1).is_some_and(|c| c.is_ascii_alphabetic() || b"({".contains(c));
    // `/var/run/secrets/token`: where a secret is, not what it is. A path is at most PATH_MAX
    // (4096) bytes long on Linux.
    let path =
        starts(b"/") && value.len() <= 4096 && value[1..].contains(&b'/') && !value.contains(&b' ');
    starts(b"<")
        || variable
        || starts(b"{{")
        || starts(b"[redacted")
        || starts(b"{")
        || starts(b"[")
        || starts(b"|")
        || starts(b">")
        || value.iter().all(|&c| matches!(c, b'*' | b'x' | b'X'))
        || path
        || WORDS.iter().any(|w| value.eq_ignore_ascii_case(w))
}

/// A value at `range` without trailing spaces, a trailing comma and surrounding quotes.
fn trim_value(b: &[u8], range: Range<usize>) -> Range<usize> {
    let (mut start, mut end) = (range.start, range.end);
    while end > start && b"\r \t,".contains(&b[end - 1]) {
        end -= 1;
    }
    if end > start + 1 && matches!(b[start], b'"' | b'\'') && b[end - 1] == b[start] {
        start += 1;
        end -= 1;
    }
    start..end
}

/// The AWS secret access key near an access key id: a 40-character word of base64 letters
/// within three lines of an `AKIA`/`ASIA` id, with upper and lower case and a digit (which a
/// hex digest lacks).
pub(super) fn aws_secret_keys(lines: &[&str], found: &mut Vec<Finding>) {
    let has_id = |line: &str| {
        let b = line.as_bytes();
        find_all(b, b"AKIA").chain(find_all(b, b"ASIA")).any(|at| {
            let rest = take(&b[..b.len().min(at + 21)], at + 4, |c| Tail::Upper.allows(c));
            rest.len() == 16 && (at == 0 || !is_word(b[at - 1]))
        })
    };
    let mut done = 0;
    for (i, line) in lines.iter().enumerate() {
        if !has_id(line) {
            continue;
        }
        for (j, near) in lines.iter().enumerate().take(i + 4).skip(i.saturating_sub(3).max(done)) {
            for word in secret_key_words(near.as_bytes()) {
                found.push(Finding {
                    line: j + 1,
                    range: word,
                    kind: Kind::Token,
                    label: "AWS secret access key",
                });
            }
            done = j + 1;
        }
    }
}

fn secret_key_words(b: &[u8]) -> Vec<Range<usize>> {
    let in_key = |c: u8| c.is_ascii_alphanumeric() || c == b'/' || c == b'+';
    let mut words = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let word = take(b, i, in_key);
        if word.is_empty() {
            i += 1;
            continue;
        }
        i = word.end;
        let w = &b[word.clone()];
        let bounded = b.get(word.end).is_none_or(|&c| c != b'=');
        if w.len() == 40
            && bounded
            && w.iter().any(u8::is_ascii_uppercase)
            && w.iter().any(u8::is_ascii_lowercase)
            && w.iter().any(u8::is_ascii_digit)
        {
            words.push(word);
        }
    }
    words
}
