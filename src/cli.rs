//! The command-line front end: arguments, input and the plain-text report.
//!
//! `kubetriage [--json] [FILE...]` reads standard input when no FILE is given, and several
//! FILEs as one paste in the order given. The binary in `src/bin/kubetriage.rs` only wires
//! this module to the process.

use std::fmt::Write as _;

use crate::cause::Cause;
use crate::report::{Report, Timeline};
use crate::timeline::chart;

/// What the user asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub json: bool,
    pub files: Vec<String>,
}

/// What the user can ask for, printed by `--help`.
pub const USAGE: &str = "usage: kubetriage [--json] [FILE...]\n\
    \n\
    Reads kubectl output, manifests and logs (standard input when no FILE is given)\n\
    and prints why the Job failed and how to fix it.\n\
    \n\
      --json   print one JSON object instead of text\n\
      -h, --help   print this help\n";

/// Reads the arguments (without the program name); `Ok(None)` asks for the usage text.
pub fn parse_args<I: IntoIterator<Item = String>>(args: I) -> Result<Option<Options>, String> {
    let mut options = Options::default();
    let mut only_files = false;
    for arg in args {
        match arg.as_str() {
            _ if only_files => options.files.push(arg),
            "--json" => options.json = true,
            "-h" | "--help" => return Ok(None),
            "--" => only_files = true,
            "-" => options.files.push(arg),
            flag if flag.starts_with('-') => {
                return Err(format!("unknown option `{flag}` (try --help)"));
            }
            _ => options.files.push(arg),
        }
    }
    Ok(Some(options))
}

/// Joins the contents of several files into one paste, in the order given.
pub fn join_inputs(parts: &[Vec<u8>]) -> String {
    let named: Vec<(String, Vec<u8>)> = parts.iter().map(|p| (String::new(), p.clone())).collect();
    join(&named).0
}

/// Where one input file lies in the joined paste.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileSpan {
    pub name: String,
    /// The paste line of the file's first line, from 1.
    pub first_line: usize,
    /// How many lines of the paste are the file's.
    pub lines: usize,
    /// Whether the file is binary data rather than text.
    pub binary: bool,
}

/// Joins named files into one paste, each starting on a line of its own, and says where each
/// lies in it.
pub fn join(parts: &[(String, Vec<u8>)]) -> (String, Vec<FileSpan>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut line = 1;
    for (name, bytes) in parts {
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        let part = decode(bytes);
        // A file that ends with a newline has no line after it; the next file starts there.
        let lines = match crate::text::split_lines(&part).count() {
            _ if part.is_empty() => 0,
            n if part.ends_with('\n') => n - 1,
            n => n,
        };
        spans.push(FileSpan {
            name: name.clone(),
            first_line: line,
            lines,
            binary: crate::text::binary(&part).is_some(),
        });
        line += lines;
        text.push_str(&part);
    }
    (text, spans)
}

/// The text of a file's bytes: UTF-8, or UTF-16 as Windows writes it (PowerShell 5's `>` and
/// `Out-File`), told by its byte-order mark or, without one, by the zero byte beside each ASCII
/// character. A UTF-8 byte-order mark is dropped. Bytes that are not text become U+FFFD.
pub fn decode(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let units = |rest: &[u8], little: bool| -> String {
        let pairs = rest.chunks_exact(2).map(|p| {
            if little {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(pairs).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
    };
    match bytes {
        [0xef, 0xbb, 0xbf, rest @ ..] => String::from_utf8_lossy(rest),
        [0xff, 0xfe, rest @ ..] => units(rest, true).into(),
        [0xfe, 0xff, rest @ ..] => units(rest, false).into(),
        _ if looks_utf16le(bytes) => units(bytes, true).into(),
        _ => String::from_utf8_lossy(bytes),
    }
}

/// Whether bytes without a byte-order mark are UTF-16LE text: in their first kilobyte, almost
/// every second byte is zero (ASCII written as UTF-16) and the others are not.
fn looks_utf16le(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024) & !1];
    if head.len() < 8 {
        return false;
    }
    let zeros = |offset: usize| head.iter().skip(offset).step_by(2).filter(|&&b| b == 0).count();
    let pairs = head.len() / 2;
    zeros(1) * 10 >= pairs * 9 && zeros(0) * 10 <= pairs
}

/// The file and its own line number of paste line `line`, when the paste joined several files.
pub fn place(files: &[FileSpan], line: usize) -> Option<(&str, usize)> {
    if files.len() < 2 {
        return None;
    }
    let file = files.iter().rev().find(|f| f.first_line <= line)?;
    Some((file.name.as_str(), line - file.first_line + 1))
}

/// Names the file of each evidence, headline and lint line when the paste joined several
/// files, and the files
/// that are binary data in the notices.
pub fn locate(report: &mut Report, files: &[FileSpan]) {
    for evidence in report.findings.iter_mut().flat_map(|f| f.evidence.iter_mut()) {
        if let Some((name, line)) = place(files, evidence.line) {
            evidence.file = Some(name.to_owned());
            evidence.file_line = Some(line);
        }
    }
    if let Some(headline) = report.headline.as_mut() {
        if let Some((name, line)) = headline.line.and_then(|l| place(files, l)) {
            headline.file = Some(name.to_owned());
            headline.file_line = Some(line);
        }
    }
    for lint in &mut report.lint {
        if let Some((name, line)) = place(files, lint.line) {
            lint.file = Some(name.to_owned());
            lint.file_line = Some(line);
        }
    }
    let binary: Vec<&FileSpan> = files.iter().filter(|f| f.binary && !f.name.is_empty()).collect();
    if !binary.is_empty() {
        report.notices.retain(|n| !n.starts_with(crate::text::BINARY_NOTICE));
        for file in binary {
            report
                .notices
                .push(format!("{} is binary data, not text: only its text was read", file.name));
        }
    }
}

/// The report for a person at a terminal.
pub fn render_text(report: &Report) -> String {
    render_files(report, &[])
}

/// [`render_text`] for a paste joined from `files`: lines are given as `file:line`.
pub fn render_files(report: &Report, files: &[FileSpan]) -> String {
    let at = |line: usize| match place(files, line) {
        Some((name, line)) => format!("{name}:{line}"),
        None => line.to_string(),
    };
    let mut out = String::new();
    let _ = writeln!(out, "Recognised: {}", report.recognised);
    if let Some(h) = &report.headline {
        let line = h.line.map(|l| format!(" (line {})", at(l))).unwrap_or_default();
        let _ = writeln!(out, "Headline:   {}: {}{line}", h.reason, h.message);
    }
    if let Some(timeline) = &report.timeline {
        render_timeline(&mut out, timeline);
    }
    for (i, f) in report.findings.iter().enumerate() {
        let label = if i == 0 { "Root cause" } else { "Also possible" };
        let certainty = if f.cause == Cause::Unknown {
            "the paste cannot decide".to_owned()
        } else {
            format!("{}%", (f.confidence * 100.0).round())
        };
        let _ = writeln!(out, "\n{label}: {} ({certainty})\n  {}", f.cause, f.summary);
        for e in &f.evidence {
            let _ = writeln!(out, "  {:>5} | {}", at(e.line), e.shown());
        }
        if i == 0 {
            for (n, step) in f.steps.iter().enumerate() {
                let _ = writeln!(out, "  {}. {}", n + 1, step.text);
                if let Some(command) = &step.command {
                    let _ = writeln!(out, "       $ {command}");
                }
            }
            if let Some(fix) = &f.fix {
                let _ = writeln!(out, "\n  Generated fix: {}\n  {}\n", fix.title, fix.why);
                for line in fix.yaml.lines() {
                    let _ = writeln!(out, "    {line}");
                }
            }
        }
    }
    if !report.next.is_empty() {
        let _ = writeln!(out, "\nNext:");
        for n in &report.next {
            let _ = writeln!(out, "  {}\n    $ {}", n.why, n.command);
        }
    }
    if !report.lint.is_empty() {
        let _ = writeln!(out, "\nManifest lint (not the cause, but worth fixing):");
        for item in &report.lint {
            let _ = writeln!(out, "  {:>5} | {} ({})", at(item.line), item.field, item.object);
            let _ = writeln!(out, "        {}\n        fix: {}", item.message, item.fix);
        }
    }
    for notice in &report.notices {
        let _ = writeln!(out, "\nnote: {notice}");
    }
    out
}

/// The attempts, one line each: when they ran, how they ended, the back-off after them.
fn render_timeline(out: &mut String, timeline: &Timeline) {
    let _ = writeln!(out, "Attempts:   {}", timeline.summary);
    for (n, attempt) in timeline.attempts.iter().enumerate() {
        let _ = writeln!(out, "  {:>2}. {}", n + 1, chart::line(attempt));
    }
    let totals = chart::totals(timeline);
    if !totals.is_empty() {
        let _ = writeln!(out, "      {totals}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Option<Options>, String> {
        parse_args(list.iter().map(|s| s.to_string()))
    }

    #[test]
    fn flags_and_files() {
        let got = args(&["--json", "a.txt", "--", "--odd-name"]).unwrap().unwrap();
        assert_eq!(got, Options { json: true, files: vec!["a.txt".into(), "--odd-name".into()] });
        assert_eq!(args(&["--help"]), Ok(None));
        assert_eq!(args(&["--jsn"]), Err("unknown option `--jsn` (try --help)".into()));
    }

    #[test]
    fn files_join_on_line_boundaries() {
        assert_eq!(join_inputs(&[b"a".to_vec(), b"b\n".to_vec(), b"c".to_vec()]), "a\nb\nc");
        assert_eq!(join_inputs(&[vec![0xff, b'x']]), "\u{fffd}x");
    }

    #[test]
    fn files_windows_wrote_are_read_as_text() {
        let utf16 = |bom: &[u8], text: &str| {
            let mut bytes = bom.to_vec();
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        };
        let paste = "Name:         etl-5f9d2\r\nNamespace:    batch\r\n";
        for bytes in [utf16(&[0xff, 0xfe], paste), utf16(&[], paste)] {
            assert_eq!(decode(&bytes), paste);
            let (_, files) = join(&[("pods.txt".to_owned(), bytes)]);
            assert!(!files[0].binary, "UTF-16 text is not binary data");
        }
        let mut be = vec![0xfe, 0xff];
        be.extend(paste.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be), paste);
        assert_eq!(decode(b"\xef\xbb\xbfName: x"), "Name: x");
        assert_eq!(decode(&[b'a', 0, 0, b'b']), "a\0\0b", "a few zero bytes are not UTF-16");
    }

    #[test]
    fn joined_files_know_their_lines() {
        let parts = [
            ("pods.txt".to_owned(), b"a\nb\n".to_vec()),
            ("logs.txt".to_owned(), b"c\nd".to_vec()),
            ("job.yaml".to_owned(), b"e\n".to_vec()),
        ];
        let (text, files) = join(&parts);
        assert_eq!(text, "a\nb\nc\nd\ne\n");
        assert_eq!(place(&files, 2), Some(("pods.txt", 2)));
        assert_eq!(place(&files, 3), Some(("logs.txt", 1)));
        assert_eq!(place(&files, 5), Some(("job.yaml", 1)));
        assert_eq!(place(&files[..1], 2), None, "one file: plain line numbers");
        let (_, files) = join(&[("a".to_owned(), Vec::new()), ("b".to_owned(), b"x".to_vec())]);
        assert_eq!(place(&files, 1), Some(("b", 1)));
    }

    #[test]
    fn the_text_shows_attempts_the_fix_and_lint() {
        let paste = "$ cat job.yaml\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: thumbs\nspec:\n  \
                     backoffLimit: 1\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      \
                     - name: thumbs\n        image: thumbs:1.0\n        resources:\n          limits:\n            \
                     memory: 256Mi\n$ kubectl get pods\nNAME           READY   STATUS      RESTARTS   AGE\n\
                     thumbs-x7k2p   0/1     OOMKilled   0          2m\nthumbs-q9d4s   0/1     OOMKilled   0          90s\n";
        let text = render_text(&crate::analyze(paste));
        for want in [
            "Attempts:   the paste shows 2 failed attempts of 2 allowed; each of the 2 failed attempts it details ended with OOMKilled at its 256Mi memory limit\n",
            "   1. thumbs-x7k2p: from +0s, failed (OOMKilled)\n",
            "   2. thumbs-q9d4s: from +30s, failed (OOMKilled)\n",
            "      2 of 2 failed attempts allowed; times relative, from ages\n",
            "  Generated fix: Raise the memory limit of thumbs from 256Mi to 512Mi\n",
            "                memory: 512Mi  # was 256Mi: set it above the measured peak\n",
            "Manifest lint (not the cause, but worth fixing):\n      6 | spec.activeDeadlineSeconds (Job/thumbs)\n",
        ] {
            assert!(text.contains(want), "missing {want:?} in:\n{text}");
        }
    }
}
