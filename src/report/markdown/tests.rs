//! The Markdown report: snapshots of shared cases, and pasted text that tries to act as
//! Markdown or HTML.

use std::fs;
use std::path::Path;

use expect_test::{expect, expect_file};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::*;
use crate::report::{Evidence, Headline, NextStep, Step};

fn case(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/cases").join(name);
    let bytes = fs::read(path.join("input.txt")).unwrap_or_else(|e| panic!("{name}: {e}"));
    String::from_utf8_lossy(&bytes).into_owned()
}

const LINKS: Links = Links {
    triage: Some("https://wiki.example/tools/kubetriage/#/share/v1.abc"),
    app: Some("https://wiki.example/tools/kubetriage/"),
};

#[test]
fn oom_killed_case() {
    let report = crate::analyze(&case("011-airflow-kpo-oomkilled"));
    expect_file!["../../../tests/fixtures/markdown/011-airflow-kpo-oomkilled.md"]
        .assert_eq(&render(&report, LINKS));
}

#[test]
fn backoff_limit_case_with_a_timeline() {
    let report = crate::analyze(&case("001-exit1-backofflimit-status-yaml"));
    expect_file!["../../../tests/fixtures/markdown/001-exit1-backofflimit-status-yaml.md"]
        .assert_eq(&render(&report, Links::default()));
}

#[test]
fn api_server_timeout_case() {
    let report = crate::analyze(&case("107-admission-create-apiserver-vip-timeout"));
    expect_file!["../../../tests/fixtures/markdown/107-admission-create-apiserver-vip-timeout.md"]
        .assert_eq(&render(&report, LINKS));
}

#[test]
fn deadline_case_with_lint() {
    let report = crate::analyze(&case("041-deadline-controller-log-manifest"));
    expect_file!["../../../tests/fixtures/markdown/041-deadline-controller-log-manifest.md"]
        .assert_eq(&render(&report, LINKS));
}

const HOSTILE: &str = "# boom | <script>alert(1)</script> ```` ~~x~~ *y* [z](javascript:x) $x$";

/// A report whose every pasted string is hostile.
fn hostile_report() -> Report {
    let mut report = crate::analyze(&case("011-airflow-kpo-oomkilled"));
    report.recognised = format!("1. {HOSTILE}");
    report.headline = Some(Headline {
        reason: HOSTILE.into(),
        message: HOSTILE.into(),
        line: Some(3),
        file: None,
        file_line: None,
    });
    report.notices = vec![format!("- {HOSTILE}")];
    report.next =
        vec![NextStep { why: HOSTILE.into(), command: format!("kubectl logs x\n{HOSTILE}") }];
    let top = &mut report.findings[0];
    top.summary = format!("{HOSTILE}\n# second line");
    top.evidence = vec![
        Evidence { line: 7, text: HOSTILE.into(), ..Evidence::default() },
        Evidence { line: 12, text: "x".repeat(500), ..Evidence::default() },
    ];
    top.steps = vec![Step { text: HOSTILE.into(), command: Some(HOSTILE.into()) }];
    report
}

#[test]
fn pasted_text_never_acts_as_markdown_or_html() {
    let markdown = render(&hostile_report(), LINKS);
    let mut headings = Vec::new();
    let mut in_heading = false;
    let mut code_blocks = Vec::new();
    let mut in_code = false;
    for event in Parser::new_ext(&markdown, Options::all()) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                panic!("raw HTML `{html}` in:\n{markdown}")
            }
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                headings.push(String::new());
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                code_blocks.push(String::new());
            }
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(text) if in_heading => headings.last_mut().unwrap().push_str(&text),
            Event::Text(text) if in_code => code_blocks.last_mut().unwrap().push_str(&text),
            Event::Start(Tag::Link { dest_url, .. }) => {
                assert!(dest_url.starts_with("https://wiki.example/"), "a link to `{dest_url}`")
            }
            Event::Start(Tag::Strikethrough | Tag::Emphasis | Tag::Strong | Tag::Table(_)) => {
                panic!("pasted text made {event:?} in:\n{markdown}")
            }
            Event::InlineMath(_) | Event::DisplayMath(_) => panic!("pasted text made math"),
            _ => {}
        }
    }
    assert_eq!(
        headings[0],
        format!("kubetriage: {HOSTILE}: {HOSTILE}"),
        "the title reads as pasted"
    );
    assert!(headings.iter().all(|h| !h.starts_with("boom")), "{headings:?}");
    let evidence = &code_blocks[0];
    assert!(evidence.contains(&format!(" 7 | {HOSTILE}")), "{evidence}");
    assert!(evidence.contains(&format!("12 | {}…", "x".repeat(MAX_LINE))), "{evidence}");
    assert!(code_blocks.iter().any(|c| c.trim_end() == format!("kubectl logs x\n{HOSTILE}")));
}

#[test]
fn escaping_keeps_plain_text_readable() {
    expect![[
        r#"Job migrate in default: 3 failed pods, backoffLimit 2 (it's done). See /var/log."#
    ]]
    .assert_eq(&inline(
        "Job migrate in default: 3 failed pods, backoffLimit 2 (it's done). See /var/log.",
    ));
    expect![[r#"1\. a - b \`c\` &lt;d&gt; e\_f \# g \| h"#]]
        .assert_eq(&inline("1. a - b `c` <d> e_f # g | h"));
    expect![[r"\- x"]].assert_eq(&inline("- x"));
    expect![["``a`b``"]].assert_eq(&code("a`b"));
    expect![["```` ``` ````"]].assert_eq(&code("```"));
}

#[test]
fn a_fence_is_longer_than_any_run_of_backticks_inside() {
    let block = fence("sh", "echo ```` hi");
    assert!(block.starts_with("`````sh\n") && block.ends_with("\n`````\n"), "{block}");
    assert_eq!(fence("text", "a\r\nb\n"), "```text\na\nb\n```\n");
}
