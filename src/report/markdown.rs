//! The report as Markdown, for a ticket or a chat message.
//!
//! Everything that came from the paste (pod names in summaries, evidence lines, commands with
//! the user's names) is untrusted: in running text it is escaped so that no character of it
//! acts as Markdown or HTML, and in code blocks it sits behind a fence longer than any run of
//! backticks it holds. Pasted lines are cut at [`MAX_LINE`] characters, so one huge JSON line
//! cannot swamp the ticket; commands stay whole, to be copied. The knowledge base's own words (cause titles) are ours and trusted, but
//! escaped all the same: the renderer should not have to know.

use std::fmt::Write;

use crate::kb;
use crate::report::{Finding, Report, Timeline};
use crate::timeline::chart;

/// Longest line of pasted text (evidence, attempts) in the Markdown; the rest is cut and marked
/// with `…`.
pub const MAX_LINE: usize = 200;

/// Longest sentence of running text (summaries, reasons) before it is cut the same way.
pub const MAX_TEXT: usize = 1000;

/// Where the Markdown may link to. Both are URLs the caller built; nothing from the paste.
#[derive(Clone, Copy, Debug, Default)]
pub struct Links<'a> {
    /// The share link of this triage (`.../#/share/v1....`), on a line of its own at the end.
    pub triage: Option<&'a str>,
    /// The app's address (`https://host/tools/kubetriage/`): guides are linked when given.
    pub app: Option<&'a str>,
}

/// The whole report as GitHub-flavoured (and CommonMark) Markdown.
pub fn render(report: &Report, links: Links) -> String {
    let mut out = String::new();
    let title = match (&report.headline, report.findings.first()) {
        (Some(h), _) => format!("{}: {}", inline(&h.reason), inline(&h.message)),
        (None, Some(top)) => cause_title(top),
        (None, None) => "Job triage".to_string(),
    };
    let _ = writeln!(out, "## kubetriage: {title}\n");
    if let Some(line) = report.headline.as_ref().and_then(|h| h.line) {
        let _ = writeln!(out, "Kubernetes reports this on line {line} of the paste.\n");
    }
    let _ = writeln!(out, "Recognised: {}\n", inline(&report.recognised));
    if let Some(top) = report.findings.first() {
        finding(&mut out, top, links.app);
    }
    others(&mut out, report.findings.get(1..).unwrap_or_default());
    if let Some(timeline) = &report.timeline {
        attempts(&mut out, timeline);
    }
    lint(&mut out, report);
    next(&mut out, report);
    for notice in &report.notices {
        let _ = writeln!(out, "> Note: {}\n", inline(notice));
    }
    if let Some(url) = links.triage {
        let _ = writeln!(out, "[Open this triage in kubetriage](<{}>)", destination(url));
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn finding(out: &mut String, f: &Finding, app: Option<&str>) {
    let percent = (f.confidence * 100.0).round();
    let detail = f.detail.as_deref().map(|d| format!(", {}", inline(d))).unwrap_or_default();
    let _ = writeln!(out, "### Root cause: {}{detail} ({percent}% confidence)\n", cause_title(f));
    let _ = writeln!(out, "{}\n", inline(&f.summary));
    if !f.evidence.is_empty() {
        let width = f.evidence.iter().map(|e| e.line.to_string().len()).max().unwrap_or(1);
        let lines: Vec<String> = f
            .evidence
            .iter()
            .map(|e| format!("{:>width$} | {}", e.line, cut(&e.shown())))
            .collect();
        let _ = writeln!(out, "Evidence (line | text):\n");
        fenced(out, "text", &lines.join("\n"));
    }
    if !f.steps.is_empty() {
        let _ = writeln!(out, "Fix:\n");
        for (n, step) in f.steps.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", n + 1, inline(&step.text));
            if let Some(command) = &step.command {
                out.push('\n');
                indented(out, "   ", &fence("sh", command));
            }
        }
        out.push('\n');
    }
    if let Some(fix) = &f.fix {
        let _ = writeln!(out, "Generated fix, {}: {}\n", inline(&fix.title), inline(&fix.why));
        fenced(out, "yaml", &fix.yaml);
    }
    if let Some(app) = app {
        let url = format!("{app}#/causes/{}", f.cause.id());
        let _ = writeln!(out, "Guide: [{}](<{}>)\n", cause_title(f), destination(&url));
    }
}

fn others(out: &mut String, rest: &[Finding]) {
    if rest.is_empty() {
        return;
    }
    let _ = writeln!(out, "### Also possible\n");
    for f in rest {
        let percent = (f.confidence * 100.0).round();
        let _ = writeln!(out, "- {} ({percent}%): {}", cause_title(f), inline(&f.summary));
    }
    out.push('\n');
}

fn attempts(out: &mut String, timeline: &Timeline) {
    let _ = writeln!(out, "### Attempts\n\n{}\n", inline(&timeline.summary));
    let mut lines: Vec<String> = timeline
        .attempts
        .iter()
        .enumerate()
        .map(|(n, a)| format!("{:>2}. {}", n + 1, cut(&chart::line(a))))
        .collect();
    let totals = chart::totals(timeline);
    if !totals.is_empty() {
        lines.push(cut(&totals));
    }
    if !lines.is_empty() {
        fenced(out, "text", &lines.join("\n"));
    }
}

fn lint(out: &mut String, report: &Report) {
    if report.lint.is_empty() {
        return;
    }
    let _ = writeln!(out, "### Manifest lint (not the cause, but worth fixing)\n");
    for item in &report.lint {
        let _ = writeln!(
            out,
            "- Line {}, {} in {}: {} Fix: {}",
            item.line,
            code(&item.field),
            inline(&item.object),
            inline(&item.message),
            inline(&item.fix)
        );
    }
    out.push('\n');
}

fn next(out: &mut String, report: &Report) {
    if report.next.is_empty() {
        return;
    }
    let _ = writeln!(out, "### Next commands\n");
    for step in &report.next {
        let _ = writeln!(out, "{}\n", inline(&step.why));
        fenced(out, "sh", &step.command);
    }
}

/// The cause's title from the knowledge base, or its id.
fn cause_title(f: &Finding) -> String {
    inline(kb::cause_entry(f.cause).map_or(f.cause.id(), |doc| doc.title))
}

/// ASCII characters that mean something in Markdown (GitHub's included) wherever they stand.
const SPECIAL: &str = "\\`*_[]#|~!$";

/// `text` as running Markdown text that renders as itself: one line, cut at [`MAX_TEXT`], with
/// what Markdown or HTML could read escaped (and list or heading markers at its start). Dots,
/// commas, quotes and slashes stay, so the text still reads where Markdown is not rendered.
pub fn inline(text: &str) -> String {
    let one_line: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let mut out = String::with_capacity(one_line.len() + 8);
    for (i, c) in cut_at(one_line.trim(), MAX_TEXT).chars().enumerate() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c if SPECIAL.contains(c) || (i == 0 && "-+=".contains(c)) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    // `1. x` or `1) x` would start an ordered list.
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(out.as_bytes().get(digits), Some(b'.' | b')')) {
        out.insert(digits, '\\');
    }
    out
}

/// `text` as an inline code span: delimited by one backtick more than its longest run, and
/// padded with spaces when it starts or ends with a backtick.
pub fn code(text: &str) -> String {
    let text: String = cut(text).chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let ticks = "`".repeat(longest_run(&text, '`') + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

/// A fenced code block of `info` language holding `body`, written to `out` with a blank line
/// after it.
fn fenced(out: &mut String, info: &str, body: &str) {
    out.push_str(&fence(info, body));
    out.push('\n');
}

/// `body` in a fence of backticks longer than any run in it. Lines are not cut (a command must
/// stay whole to be copied); CRs are dropped.
pub fn fence(info: &str, body: &str) -> String {
    let body = body.trim_end_matches(['\n', '\r']).replace('\r', "");
    let ticks = "`".repeat(longest_run(&body, '`').max(2) + 1);
    format!("{ticks}{info}\n{body}\n{ticks}\n")
}

fn indented(out: &mut String, by: &str, block: &str) {
    for line in block.lines() {
        let _ = writeln!(out, "{by}{line}");
    }
}

fn longest_run(text: &str, of: char) -> usize {
    let mut best = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == of { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// `line` cut at [`MAX_LINE`] characters, with `…` where it was cut, and without CR.
fn cut(line: &str) -> String {
    cut_at(line, MAX_LINE)
}

fn cut_at(line: &str, max: usize) -> String {
    let line = line.trim_end_matches('\r');
    match line.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.to_string(),
    }
}

/// A URL as a link destination in angle brackets: without the characters that would end it.
fn destination(url: &str) -> String {
    url.chars()
        .map(|c| match c {
            '<' => "%3C".to_string(),
            '>' => "%3E".to_string(),
            c if c.is_whitespace() || c.is_control() => "%20".to_string(),
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
