//! The paste as numbered lines, cleaned of terminal noise.
//!
//! Users paste what their terminal showed: colour codes, Windows line endings, Markdown fences
//! around the output, shell prompts before each command. This module keeps every line with its
//! original number (from 1) and a cleaned text, and recognises the command lines (`$ kubectl
//! describe pod x -n y`) that tell later stages what the next lines are.

/// Pastes larger than this are analysed up to here, with a notice.
pub const MAX_BYTES: usize = 20 << 20;

/// Lines longer than this are cut for analysis (a JSON object on one line, a binary blob).
pub const MAX_LINE: usize = 64 << 10;

/// One line of the paste.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The line's number in the text as given, from 1.
    pub no: usize,
    /// The text without colour codes, carriage returns and Markdown fence markers.
    pub text: String,
}

/// A command the user ran, as read from a prompt line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    /// The program: `kubectl`, `oc`, `helm`, `k`, `stern`, `cat`, ...
    pub program: String,
    /// The words after the program, up to the first pipe.
    pub args: Vec<String>,
}

/// The whole paste, cleaned, with what was cut from it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paste {
    pub lines: Vec<Line>,
    /// Lower-case, without a trailing period.
    pub notices: Vec<String>,
}

impl Paste {
    /// Splits and cleans `input`; never fails, whatever the bytes.
    pub fn new(input: &str) -> Paste {
        let mut notices = Vec::new();
        let input = if input.len() > MAX_BYTES {
            // Rounded up: a paste just over the limit is not "20 MB" like the part read.
            notices.push(format!(
                "the paste is {} MB; only the first {} MB were analysed",
                input.len().div_ceil(1 << 20),
                MAX_BYTES >> 20
            ));
            &input[..floor_char_boundary(input, MAX_BYTES)]
        } else {
            input
        };
        let mut cut = 0;
        let mut lines: Vec<Line> = split_lines(input)
            .enumerate()
            .map(|(i, raw)| {
                let raw = if raw.len() > MAX_LINE {
                    cut += 1;
                    &raw[..floor_char_boundary(raw, MAX_LINE)]
                } else {
                    raw
                };
                Line { no: i + 1, text: clean(raw) }
            })
            .collect();
        unquote(&mut lines);
        unprefix(&mut lines);
        if cut > 0 {
            let lines = if cut == 1 { "1 very long line was" } else { "very long lines were" };
            let count = if cut == 1 { String::new() } else { format!("{cut} ") };
            notices.push(format!("{count}{lines} cut to {} KB", MAX_LINE >> 10));
        }
        if let Some(count) = binary(input) {
            notices.push(format!(
                "{BINARY_NOTICE}: {count} characters that are not text were dropped"
            ));
        }
        Paste { lines, notices }
    }

    /// The line numbered `no` (from 1), if the paste has it.
    pub fn line(&self, no: usize) -> Option<&Line> {
        no.checked_sub(1).and_then(|i| self.lines.get(i))
    }
}

/// How the notice about binary data begins; the CLI names the file instead.
pub const BINARY_NOTICE: &str = "the paste holds binary data";

/// How many characters of `text` are not text, when that many say it is binary data (an image,
/// an archive, a core dump read as text): a NUL, or at least 8 control characters and bytes that
/// were not UTF-8, making up 1% or more of it. Tab, line ends and the escape of colour codes are
/// text.
pub fn binary(text: &str) -> Option<usize> {
    let mut total = 0usize;
    let mut odd = 0usize;
    let mut nul = false;
    for c in text.chars() {
        total += 1;
        nul |= c == '\0';
        let control = c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{1b}');
        odd += usize::from(control || c == '\u{fffd}');
    }
    (nul || (odd >= 8 && odd * 100 >= total)).then_some(odd)
}

/// The lines of `text`: a line ends at `\n` (a `\r` before it is left for [`clean`]). A lone
/// `\r` does not end a line, as in the files kubectl writes; a browser's textarea has already
/// turned one into `\n`, so the page numbers the lines it shows the same way.
pub fn split_lines(text: &str) -> std::str::Split<'_, char> {
    text.split('\n')
}

/// The largest index at or below `at` that starts a character.
fn floor_char_boundary(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Removes ANSI escape sequences, a trailing CR, other control characters but tab, a Markdown
/// fence marker (a fence line becomes empty) and the box-drawing borders of a terminal UI's
/// table (k9s, `argo get`): what is left is the text between them.
pub fn clean(raw: &str) -> String {
    let mut out = visible(raw);
    if is_fence(&out) {
        out.clear();
    }
    unframe(&mut out);
    out
}

/// Removes the marks of a Markdown block quote (`> ` before each line, as a reply on an issue or
/// in a chat quotes a paste), one level at a time. Only runs of at least two quoted lines count:
/// a single `> kubectl get pods` is a shell prompt, and a `> ` continuation line of a command
/// stays as it is.
fn unquote(lines: &mut [Line]) {
    let quoted = |text: &str| {
        let rest = text.trim_start_matches(' ');
        text.len() - rest.len() <= 3
            && rest.strip_prefix('>').is_some_and(|r| r.is_empty() || r.starts_with([' ', '>']))
    };
    let mut i = 0;
    while i < lines.len() {
        let run = lines[i..].iter().take_while(|l| quoted(&l.text)).count();
        if run >= 2 {
            for line in &mut lines[i..i + run] {
                let rest = line.text.trim_start_matches(' ');
                let rest = rest.strip_prefix('>').unwrap_or(rest);
                let rest = rest.strip_prefix(' ').unwrap_or(rest);
                line.text = rest.to_owned();
            }
            // A nested quote loses its next level on the next pass over the same lines.
            continue;
        }
        i += run.max(1);
    }
}

/// Removes the prefix a CI runner writes before each line of a step's output, so the kubectl
/// output inside reads as kubectl printed it: a time in ISO 8601 (`2024-12-04T12:10:01.1234567Z
/// `, as GitHub Actions and Azure Pipelines write it), with GitLab's stream mark after it (`01O
/// `), or in brackets (`[2024-12-04T12:10:01.001Z] `, Jenkins' timestamper). Only runs of three
/// or more such lines that hold a command or a runner's group mark (`##[group]`) count: a
/// program's own log lines that open with their time stay as they are.
fn unprefix(lines: &mut [Line]) {
    let mut i = 0;
    while i < lines.len() {
        // Each line's prefix is measured once.
        let prefixes: Vec<usize> = lines[i..].iter().map_while(|l| ci_prefix(&l.text)).collect();
        let run = prefixes.len();
        let runner = lines[i..i + run].iter().zip(&prefixes).any(|(l, &at)| {
            let rest = l.text.get(at..).unwrap_or_default();
            rest.starts_with("##[") || command(rest).is_some()
        });
        if run >= 3 && runner {
            for (line, &at) in lines[i..i + run].iter_mut().zip(&prefixes) {
                if let Some(rest) = line.text.get(at..) {
                    line.text = rest.to_owned();
                }
            }
        }
        i += run.max(1);
    }
}

/// The length of a CI runner's time prefix at the start of `text` ([`unprefix`]), with the
/// space after it and GitLab's stream mark.
fn ci_prefix(text: &str) -> Option<usize> {
    let bracketed = text.starts_with('[');
    let mut at = usize::from(bracketed);
    at += iso_time(text.get(at..)?)?;
    if bracketed {
        text.get(at..)?.strip_prefix(']')?;
        at += 1;
    }
    // An empty line of the step's output is the prefix alone.
    let Some(rest) = text.get(at..)?.strip_prefix(' ') else {
        return (at == text.len()).then_some(at);
    };
    at += 1;
    if !bracketed {
        at += stream_mark(rest);
    }
    Some(at)
}

/// The length of a UTC time in ISO 8601 at the start of `text`: `2024-12-04T12:10:01Z`, with
/// any fraction of a second before the `Z`.
fn iso_time(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let shape = b"dddd-dd-ddTdd:dd:dd";
    if bytes.len() < shape.len() {
        return None;
    }
    let fits = shape.iter().zip(bytes).all(|(want, got)| match want {
        b'd' => got.is_ascii_digit(),
        other => other == got,
    });
    if !fits {
        return None;
    }
    let mut at = shape.len();
    if bytes.get(at) == Some(&b'.') {
        at += 1;
        while bytes.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
    }
    (bytes.get(at) == Some(&b'Z')).then_some(at + 1)
}

/// The length of GitLab's mark of the stream a line came from, at the start of `text`, with
/// the space after it: two hex digits, `O` or `E`, and `+` on a line that continues the one
/// before. 0 when there is none.
fn stream_mark(text: &str) -> usize {
    let bytes = text.as_bytes();
    let marked = bytes.len() >= 3
        && bytes[..2].iter().all(u8::is_ascii_hexdigit)
        && matches!(bytes[2], b'O' | b'E');
    if !marked {
        return 0;
    }
    let mut at = 3 + usize::from(bytes.get(3) == Some(&b'+'));
    match bytes.get(at) {
        Some(b' ') => at += 1,
        None => {}
        // Not a mark: a word that starts like one (`0AE...`).
        Some(_) if bytes[at - 1] != b'+' => return 0,
        Some(_) => {}
    }
    at
}

/// A Markdown code fence: three or more backticks or tildes, indented by at most three spaces,
/// then an optional info string such as `bash` or `yaml`. Python's `~~~~^^^^` markers under a
/// traceback's source line are not one.
fn is_fence(line: &str) -> bool {
    let body = line.trim_start_matches(' ');
    if line.len() - body.len() > 3 {
        return false;
    }
    let Some(mark) = body.chars().next().filter(|c| *c == '`' || *c == '~') else {
        return false;
    };
    let info = body.trim_start_matches(mark);
    body.len() - info.len() >= 3
        && info.chars().all(|c| c.is_alphanumeric() || " -_+.{}=\"'".contains(c))
}

/// The box-drawing block of Unicode: `│`, `─`, `┌`, `└`, `├` and the like.
fn is_box(c: char) -> bool {
    ('\u{2500}'..='\u{257f}').contains(&c)
}

/// Cuts box-drawing borders, and the spaces inside them, from both ends of a line.
fn unframe(line: &mut String) {
    let framed = line.trim_start().starts_with(is_box) || line.trim_end().ends_with(is_box);
    if !framed {
        return;
    }
    let inner = line.trim_matches(|c: char| is_box(c) || c.is_whitespace());
    *line = inner.to_owned();
}

/// The line as a terminal shows it: without ANSI escape sequences, a trailing CR and other
/// control characters but tab.
pub fn visible(raw: &str) -> String {
    let raw = raw.strip_suffix('\r').unwrap_or(raw);
    // A byte-order mark before a file's first line (Windows tools write one) is not text.
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    // Most lines hold nothing to remove: no C0 control but tab, no DEL, no C1 control (whose
    // UTF-8 starts with 0xC2, as do some printable characters, which take the slow path).
    if !raw.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f || b == 0xc2) {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Skips the rest of an escape sequence whose ESC was just read (CSI, OSC or a single char).
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => {
            // CSI: parameters and intermediates, then one final byte in @..~.
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
        Some(']') => {
            // OSC: up to BEL or ESC \.
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    chars.next();
                    break;
                }
            }
        }
        _ => {}
    }
}

/// Programs whose command lines introduce output the analyzer reads.
const PROGRAMS: &[&str] = &["kubectl", "k", "oc", "helm", "stern", "cat", "tkn", "kubens", "argo"];

/// Reads a line as a shell command, after any prompt: `$ kubectl get pods`,
/// `[root@host dir]# kubectl ...`, `PS C:\> kubectl ...`, `❯ k logs ...`, `> kubectl ...`.
pub fn command(line: &str) -> Option<Command> {
    let body = strip_prompt(line.trim())?;
    // Without a prompt, an indented line is output (a describe's `Command:` words, a script in
    // a manifest), not a command the user ran.
    if body.len() == line.trim().len() && line.starts_with([' ', '\t']) {
        return None;
    }
    let body = body.split('|').next().unwrap_or_default();
    let mut words = body.split_whitespace();
    let program = words.next()?;
    let program = program.rsplit('/').next().unwrap_or(program);
    // A kubectl plugin run by its own name (`kubectl-debug x`) is `kubectl debug x`.
    let plugin = program.strip_prefix("kubectl-").filter(|p| !p.is_empty());
    let program = if plugin.is_some() { "kubectl" } else { program };
    if !PROGRAMS.contains(&program) {
        return None;
    }
    let args: Vec<String> = plugin.into_iter().chain(words).map(str::to_owned).collect();
    if program == "k" && args.is_empty() {
        return None;
    }
    Some(Command { program: program.to_owned(), args })
}

/// The text after a shell prompt, or the line itself when it starts with a known program.
fn strip_prompt(line: &str) -> Option<&str> {
    for prompt in ["$ ", "# ", "> ", "% ", "❯ ", "➜ ", "λ ", "~ "] {
        if let Some(rest) = line.strip_prefix(prompt) {
            return Some(rest.trim_start());
        }
    }
    // `[user@host dir]$ cmd`, `user@host:~$ cmd`, `PS C:\dir> cmd`, `<code>> cmd`. Each end
    // has a space: a line without one (most lines of a long log) needs no search.
    let ends: &[&str] = if line.contains(' ') { &["]$ ", "]# ", "$ ", "> ", "# "] } else { &[] };
    for end in ends {
        if let Some(at) = line.find(end) {
            let prompt = &line[..at];
            // A bracketed prompt may hold a space (`[user@host dir]# `, `[ctx] $ `); the others
            // (`myhost$ `) may not. What follows must still name a known program to be a command.
            let bracketed = prompt.starts_with('[')
                && (end.starts_with(']') || prompt.trim_end().ends_with(']'));
            if bracketed || prompt.starts_with("PS ") || !prompt.contains(' ') {
                return Some(line[at + end.len()..].trim_start());
            }
        }
    }
    let first = line.split_whitespace().next()?;
    (PROGRAMS.contains(&first) || first.starts_with("kubectl-")).then_some(line)
}

impl Command {
    /// The value of a flag given as `-n x`, `-n=x`, `--namespace x` or `--namespace=x`.
    pub fn flag(&self, names: &[&str]) -> Option<&str> {
        let mut args = self.args.iter();
        while let Some(arg) = args.next() {
            for name in names {
                if arg == name {
                    return args.next().map(String::as_str);
                }
                if let Some(value) = arg.strip_prefix(name).and_then(|r| r.strip_prefix('=')) {
                    return Some(value);
                }
            }
        }
        None
    }

    /// The words that are not flags or flag values, e.g. `["describe", "pod", "x"]`.
    pub fn positional(&self) -> Vec<&str> {
        const VALUED: &[&str] =
            &["-n", "--namespace", "-c", "--container", "-l", "--selector", "-o", "--output"];
        let mut out = Vec::new();
        let mut args = self.args.iter();
        while let Some(arg) = args.next() {
            if VALUED.contains(&arg.as_str()) || arg == "--context" || arg == "--tail" {
                args.next();
            } else if !arg.starts_with('-') {
                out.push(arg.as_str());
            }
        }
        out
    }
}

/// Replaces the UTF-16 code unit range `start..end` of `text` (as a browser's `selectionStart`
/// and `selectionEnd` count) with `insert`. Offsets past the end, or inside a character, are
/// moved to the nearest character boundary before them; `end` before `start` is taken as `start`.
pub fn splice_utf16(text: &str, start: u32, end: u32, insert: &str) -> String {
    let byte_at = |unit: u32| {
        let mut units = 0u32;
        for (index, c) in text.char_indices() {
            units += c.len_utf16() as u32;
            if units > unit {
                return index;
            }
        }
        text.len()
    };
    let from = byte_at(start);
    let to = byte_at(end.max(start)).max(from);
    let mut out = String::with_capacity(text.len() - (to - from) + insert.len());
    out.push_str(&text[..from]);
    out.push_str(insert);
    out.push_str(&text[to..]);
    out
}

/// Pastes of at most this many lines are shown whole; longer ones as an excerpt.
pub const EXCERPT_FULL: usize = 2000;

/// The lines (from 1) worth showing of a paste of `total` lines: all of a short paste; of a long
/// one the first lines, the last lines and a few lines around each `marked` line, so that a
/// 20 MB paste is never drawn line by line. Ranges are sorted, disjoint and not adjacent.
pub fn excerpt(
    total: usize,
    marked: &std::collections::BTreeSet<usize>,
) -> Vec<std::ops::RangeInclusive<usize>> {
    const HEAD: usize = 200;
    const TAIL: usize = 20;
    const AROUND: usize = 5;
    if total == 0 {
        return Vec::new();
    }
    if total <= EXCERPT_FULL {
        return vec![1..=total];
    }
    let mut wanted = vec![1..=HEAD, total - TAIL + 1..=total];
    for &line in marked.iter().filter(|&&l| (1..=total).contains(&l)) {
        wanted.push(line.saturating_sub(AROUND).max(1)..=(line + AROUND).min(total));
    }
    wanted.sort_by_key(|r| *r.start());
    let mut merged: Vec<std::ops::RangeInclusive<usize>> = Vec::new();
    for range in wanted {
        match merged.last_mut() {
            Some(last) if *range.start() <= last.end() + 1 => {
                *last = *last.start()..=(*last.end()).max(*range.end());
            }
            _ => merged.push(range),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_survive_cleaning() {
        let paste = Paste::new("```\n\u{1b}[31mReason:  OOMKilled\u{1b}[0m\r\nnext\n```");
        let texts: Vec<_> = paste.lines.iter().map(|l| (l.no, l.text.as_str())).collect();
        assert_eq!(texts, [(1, ""), (2, "Reason:  OOMKilled"), (3, "next"), (4, "")]);
    }

    #[test]
    fn lines_end_at_newlines_only() {
        let lines: Vec<_> = split_lines("a\r\nb\rc\n\nd\r").collect();
        assert_eq!(lines, ["a\r", "b\rc", "", "d\r"]);
        assert_eq!(split_lines("").collect::<Vec<_>>(), [""]);
    }

    #[test]
    fn ci_runners_time_prefixes_are_removed_around_kubectl_output() {
        let actions = "2024-12-04T12:10:01.1234567Z kubectl describe job export -n shop\n\
                       2024-12-04T12:10:01.9000000Z Name:             export\n\
                       2024-12-04T12:10:01.9000000Z \n\
                       2024-12-04T12:10:01.9000000Z   Type     Reason";
        let texts: Vec<String> = Paste::new(actions).lines.into_iter().map(|l| l.text).collect();
        assert_eq!(
            texts,
            [
                "kubectl describe job export -n shop",
                "Name:             export",
                "",
                "  Type     Reason"
            ]
        );
        let gitlab = "2024-12-04T12:10:01.000001Z 01O $ kubectl get pods\n\
                      2024-12-04T12:10:01.000002Z 01O NAME      READY   STATUS\n\
                      2024-12-04T12:10:01.000003Z 01O+x-1       0/1     Error";
        let texts: Vec<String> = Paste::new(gitlab).lines.into_iter().map(|l| l.text).collect();
        assert_eq!(
            texts,
            ["$ kubectl get pods", "NAME      READY   STATUS", "x-1       0/1     Error"]
        );
        let jenkins = "[2024-12-04T12:10:01.001Z] ##[group]Run\n\
                       [2024-12-04T12:10:01.002Z] + kubectl logs x\n\
                       [2024-12-04T12:10:01.003Z] Error: boom";
        let texts: Vec<String> = Paste::new(jenkins).lines.into_iter().map(|l| l.text).collect();
        assert_eq!(texts, ["##[group]Run", "+ kubectl logs x", "Error: boom"]);
    }

    #[test]
    fn a_programs_own_timestamped_lines_keep_their_time() {
        // `kubectl logs --timestamps`: no command and no runner's mark among them.
        let logs = "2024-12-04T12:10:01.1Z starting export\n\
                    2024-12-04T12:10:02.2Z reading 40 files\n\
                    2024-12-04T12:10:03.3Z error: disk full";
        let texts: Vec<String> = Paste::new(logs).lines.into_iter().map(|l| l.text).collect();
        assert_eq!(texts[2], "2024-12-04T12:10:03.3Z error: disk full");
    }

    #[test]
    fn block_quotes_lose_their_marks() {
        let texts = |input: &str| -> Vec<String> {
            Paste::new(input).lines.into_iter().map(|l| l.text).collect()
        };
        assert_eq!(
            texts("> $ kubectl get pods\n>\n> NAME   READY\n> kubectl logs x\nplain"),
            ["$ kubectl get pods", "", "NAME   READY", "kubectl logs x", "plain"]
        );
        assert_eq!(texts(">> a\n>> b"), ["a", "b"]);
        let prompt = Paste::new("> kubectl get pods\nNAME   READY\n");
        assert_eq!(prompt.lines[0].text, "> kubectl get pods", "a lone quoted line is a prompt");
    }

    #[test]
    fn fences_are_markdown_fences_only() {
        for fence in ["```", "```bash", "  ~~~ yaml", "````", "```{.sh}"] {
            assert_eq!(clean(fence), "", "{fence:?}");
        }
        for text in ["                ~~~~~~~~~~^^^^^^^^", "    ```", "``", "~~~^^^"] {
            assert_eq!(clean(text), text, "{text:?}");
        }
    }

    #[test]
    fn a_byte_order_mark_is_not_text() {
        let paste = Paste::new("\u{feff}Name:         etl-5f9d2\nNamespace:    batch\n");
        assert_eq!(paste.lines[0].text, "Name:         etl-5f9d2");
    }

    #[test]
    fn box_borders_go_and_the_text_between_stays() {
        assert_eq!(
            clean("│ create   ●  img:1  false  Completed │"),
            "create   ●  img:1  false  Completed"
        );
        assert_eq!(clean("┌──── Containers(ns/pod-1)[2] ────┐"), "Containers(ns/pod-1)[2]");
        assert_eq!(clean("└───────┘"), "");
        assert_eq!(clean(" └───✖ step(1)  pod-1  1h"), "✖ step(1)  pod-1  1h");
        assert_eq!(clean("  State:  Running"), "  State:  Running");
    }

    #[test]
    fn binary_data_is_noticed_and_colour_codes_are_not() {
        assert_eq!(binary("plain\ttext\r\n\u{1b}[31mred\u{1b}[0m"), None);
        assert_eq!(binary("one stray \u{fffd} in a log line"), None);
        assert_eq!(binary("a\0b"), Some(1));
        let blob: String = (0..200u32).map(|i| char::from_u32(i % 32).unwrap_or('x')).collect();
        assert!(binary(&blob).is_some());
        let paste = Paste::new("x\u{0}\u{1}y");
        assert_eq!(
            paste.notices,
            ["the paste holds binary data: 2 characters that are not text were dropped"]
        );
    }

    #[test]
    fn osc_and_control_characters_go() {
        assert_eq!(clean("\u{1b}]0;title\u{7}a\u{0}b\tc"), "ab\tc");
        assert_eq!(clean("\u{1b}"), "");
    }

    #[test]
    fn huge_pastes_and_lines_are_cut_with_a_notice() {
        let big = "é".repeat(MAX_LINE); // two bytes each: over the limit
        let paste = Paste::new(&big);
        assert_eq!(paste.lines.len(), 1);
        assert!(paste.lines[0].text.len() <= MAX_LINE);
        assert_eq!(paste.notices, ["1 very long line was cut to 64 KB"]);
    }

    #[test]
    fn prompts_are_recognised() {
        let cases = [
            ("$ kubectl describe pod web-1 -n shop", "kubectl", "web-1"),
            ("[root@ctl-01 jobs]# kubectl get pod", "kubectl", "pod"),
            ("PS C:\\Users\\ops01> kubectl get pods -n kyverno", "kubectl", "pods"),
            ("\u{276f} k logs job.batch/backup -n db", "k", "job.batch/backup"),
            ("~ kubectl -n gloo describe pod certgen-dxbqx", "kubectl", "certgen-dxbqx"),
            ("[ops@cp-01 ~]$ kubectl logs web -n x", "kubectl", "web"),
            ("<code>> kubectl describe jobs -n edge lb-1", "kubectl", "lb-1"),
            ("kubectl -n agents get job kw-1 -o yaml", "kubectl", "kw-1"),
            ("$ oc logs job/db-diff", "oc", "job/db-diff"),
            ("myhost$ kubectl logs batch-7k2pq -n ops", "kubectl", "batch-7k2pq"),
            ("$ kubectl-debug -n data batch-7k2pq", "kubectl", "batch-7k2pq"),
            ("[ocp] $ oc logs -n portal job-p9xq4", "oc", "job-p9xq4"),
        ];
        for (line, program, last) in cases {
            let cmd = command(line).unwrap_or_else(|| panic!("no command in {line:?}"));
            assert_eq!(cmd.program, program, "{line}");
            assert_eq!(cmd.positional().last().copied(), Some(last), "{line}");
        }
        let plugin = command("$ kubectl-debug -n data batch-7k2pq").unwrap();
        assert_eq!(plugin.positional().first().copied(), Some("debug"), "a plugin is a verb");
        assert_eq!(command("Name:  kubectl-job"), None);
        assert_eq!(command("# a comment about kubectl"), None);
        assert_eq!(command("      cat <<EOF > /tmp/csr.conf"), None);
        assert_eq!(command("    $ kubectl get pods").map(|c| c.program), Some("kubectl".into()));
        assert_eq!(command("Error: Job failed: BackoffLimitExceeded"), None);
        assert_eq!(command("total$ 12 items"), None, "a word before `$ ` needs a program after");
    }

    #[test]
    fn flags_in_every_spelling() {
        let cmd = command("$ kubectl logs -n=shop web --container main | tail").unwrap();
        assert_eq!(cmd.flag(&["-n", "--namespace"]), Some("shop"));
        assert_eq!(cmd.flag(&["-c", "--container"]), Some("main"));
        assert_eq!(cmd.positional(), ["logs", "web"]);
    }

    #[test]
    fn short_pastes_are_shown_whole_and_long_ones_around_the_evidence() {
        let none = std::collections::BTreeSet::new();
        assert_eq!(excerpt(0, &none), []);
        assert_eq!(excerpt(EXCERPT_FULL, &none), [1..=EXCERPT_FULL]);
        let marked: std::collections::BTreeSet<usize> = [3, 5000, 5009, 9998, 99_999].into();
        assert_eq!(excerpt(10_000, &marked), [1..=200, 4995..=5014, 9981..=10_000]);
    }

    #[test]
    fn splices_count_utf16_units_as_browsers_do() {
        assert_eq!(splice_utf16("abc", 1, 2, "XY"), "aXYc");
        assert_eq!(splice_utf16("abc", 3, 3, "!"), "abc!");
        assert_eq!(splice_utf16("abc", 9, 2, "!"), "abc!");
        // `é` is one unit, `😀` two: offsets 1..3 cover the emoji only.
        assert_eq!(splice_utf16("é😀z", 1, 3, "-"), "é-z");
        // An offset inside the emoji's pair moves to the boundary before it.
        assert_eq!(splice_utf16("😀z", 1, 1, "-"), "-😀z");
    }
}
