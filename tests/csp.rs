//! The pages' Content-Security-Policy: the app loads only its own files and connects only to its
//! own origin; the one-file page's policy is written by the build (`src/site/one_file.rs`, tested
//! there) and starts from nothing allowed. No page template holds an inline script.

const INDEX: &str = include_str!("../index.html");
const ONE_FILE: &str = include_str!("../one-file.html");
const TRUNK: &str = include_str!("../Trunk.toml");

/// The directives of the template's policy, by name.
fn policy(html: &str) -> Vec<(String, String)> {
    const MARK: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";
    let start = html.find(MARK).expect("a policy <meta>") + MARK.len();
    let value = &html[start..start + html[start..].find('"').expect("closed")];
    value
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let (name, sources) = d.split_once(' ').unwrap_or((d, ""));
            (name.to_owned(), sources.trim().to_owned())
        })
        .collect()
}

fn directive(html: &str, name: &str) -> String {
    let found = policy(html).into_iter().find(|(n, _)| n == name);
    found.map(|(_, sources)| sources).unwrap_or_else(|| panic!("no `{name}` in the policy"))
}

/// The opening tags of every `<script` in `html`.
fn script_tags(html: &str) -> Vec<&str> {
    html.match_indices("<script")
        .map(|(at, _)| &html[at..at + html[at..].find('>').unwrap_or(0)])
        .collect()
}

#[test]
fn the_app_connects_and_runs_only_its_own_files() {
    assert_eq!(directive(INDEX, "default-src"), "'self'");
    assert_eq!(directive(INDEX, "connect-src"), "'self'");
    assert_eq!(directive(INDEX, "script-src"), "'self' 'wasm-unsafe-eval'");
    for (name, sources) in policy(INDEX) {
        for loose in ["'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"] {
            let allowed = name == "img-src" && loose == "data:";
            assert!(allowed || !sources.split(' ').any(|s| s == loose), "{name} allows {loose}");
        }
    }
}

#[test]
fn no_template_has_an_inline_script() {
    for (file, html) in [("index.html", INDEX), ("one-file.html", ONE_FILE)] {
        let tags = script_tags(html);
        assert!(!tags.is_empty(), "{file} loads no script at all");
        for tag in tags {
            assert!(tag.contains(" src=\""), "{file}: an inline script `{tag}>`");
        }
    }
    // Trunk's loader becomes a tag with a `src` too (`pattern_script`).
    let pattern = TRUNK.lines().find(|l| l.starts_with("pattern_script")).expect("pattern_script");
    assert!(pattern.contains("<script type=\"module\" src=\"{base}boot.js\""), "{pattern}");
}

#[test]
fn the_one_file_template_starts_from_nothing_allowed() {
    assert_eq!(policy(ONE_FILE), [("default-src".to_owned(), "'none'".to_owned())]);
    assert!(ONE_FILE.contains("data-cargo-features=\"one-file\""));
    assert!(!ONE_FILE.contains("data-type=\"worker\""), "the one-file page starts no worker");
}
