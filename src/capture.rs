//! The first level of parsing: which lines of the paste are what.
//!
//! A paste is cut into sections at each command line (`$ kubectl describe pod x`), and each
//! section into blocks: `kubectl describe` output, tables, YAML or JSON documents, and log lines.
//! The command, when the user pasted it, says what its output is; without one the lines are
//! sniffed. Nothing here interprets what a block means: [`crate::extract`] does that.
//!
//! The cut is one pass over the lines: a line is looked at a bounded number of times, and a run
//! of blank lines inside a block (which continues the block when the next content does) is
//! looked ahead over once for the whole run.

pub mod describe;
pub mod table;

use crate::model::Located;
use crate::text::{self, Command, Paste};

/// What a run of lines is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `kubectl describe` output or a fragment of it.
    Describe,
    /// A `kubectl get` table; the header may be missing when it was filtered out.
    Table,
    /// One or more YAML documents (JSON too, as YAML 1.2).
    Yaml,
    /// Program output: logs, tracebacks, tool messages.
    Log,
}

/// A run of lines of one kind: `start..end` index `Paste::lines`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// The index in [`Capture::commands`] of the command whose output this is.
    pub command: Option<usize>,
}

/// The paste cut into commands and blocks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Capture {
    pub commands: Vec<Located<Command>>,
    pub blocks: Vec<Block>,
}

/// What a command's output should be, when the command says so.
fn hint(command: &Command) -> Option<Kind> {
    let words = command.positional();
    let output = command.flag(&["-o", "--output"]).unwrap_or_default();
    match (command.program.as_str(), words.first().copied()) {
        ("cat", _) => Some(Kind::Yaml),
        ("stern", _) => Some(Kind::Log),
        (_, Some("logs" | "log")) => Some(Kind::Log),
        // `argo get` and the like print their own layouts: sniffed.
        ("argo", _) => None,
        (_, Some("describe")) => Some(Kind::Describe),
        // `jsonpath` first: it starts with `json` too.
        (_, Some("get")) if output.starts_with("jsonpath") || output.starts_with("go-template") => {
            Some(Kind::Log)
        }
        (_, Some("get")) if output.starts_with("yaml") || output.starts_with("json") => {
            Some(Kind::Yaml)
        }
        (_, Some("get")) => Some(Kind::Table),
        _ => None,
    }
}

/// Cuts the paste into commands and blocks.
pub fn capture(paste: &Paste) -> Capture {
    let mut capture = Capture::default();
    let mut section_hint = None;
    let mut current: Option<Block> = None;
    let lines = &paste.lines;
    let mut i = 0;
    while i < lines.len() {
        let text = lines[i].text.as_str();
        if let Some(command) = text::command(text) {
            close(&mut capture, &mut current, i);
            section_hint = hint(&command);
            capture.commands.push(Located::new(command, lines[i].no));
            i += 1;
            continue;
        }
        let command = capture.commands.len().checked_sub(1);
        if let Some(block) = &current {
            if continues(block, paste, i) {
                // A blank line continues a block when the next content does, and so does every
                // blank line up to that content: step over the run at once, so that a long run
                // is read once, not once per blank line.
                i = if text.trim().is_empty() { next_content_at(paste, i) } else { i + 1 };
                continue;
            }
            close(&mut capture, &mut current, i);
        }
        if !text.trim().is_empty() {
            let kind = if starts_describe(paste, i) {
                Kind::Describe
            } else {
                start_kind(text, section_hint)
            };
            current = Some(Block { kind, start: i, end: i, command });
            // A command's first block is its output; what follows is sniffed.
            if section_hint != Some(Kind::Log) {
                section_hint = None;
            }
        }
        i += 1;
    }
    close(&mut capture, &mut current, lines.len());
    capture
}

fn close(capture: &mut Capture, current: &mut Option<Block>, end: usize) {
    if let Some(mut block) = current.take() {
        block.end = end;
        capture.blocks.push(block);
    }
}

/// The kind of block a non-blank line starts, given what its command said to expect.
fn start_kind(text: &str, hint: Option<Kind>) -> Kind {
    if is_yaml_start(text) {
        return Kind::Yaml;
    }
    if table::is_header(text) || (hint != Some(Kind::Log) && table::pod_row(text).is_some()) {
        return Kind::Table;
    }
    if hint == Some(Kind::Describe) || (is_describe_line(text) && hint != Some(Kind::Log)) {
        return Kind::Describe;
    }
    match hint {
        Some(Kind::Yaml) if is_yaml_like(text) => Kind::Yaml,
        Some(Kind::Table) => Kind::Table,
        _ => Kind::Log,
    }
}

/// Whether line `i` belongs to `block`, open before it. Pod rows quoted without their header
/// make a table only of such rows.
fn continues(block: &Block, paste: &Paste, i: usize) -> bool {
    let text = paste.lines[i].text.as_str();
    let blank = text.trim().is_empty();
    match block.kind {
        Kind::Table => {
            let quoted = |no: usize| {
                let first = &paste.lines[no].text;
                !table::is_header(first) && table::pod_row(first).is_some()
            };
            // A describe's section at the margin (`Events:` pasted under a `get pods` table,
            // with no blank line between) ends the table.
            let section = is_describe_line(text) && !indented(text);
            !blank
                && !table::is_header(text)
                && !is_yaml_start(text)
                && !section
                && (table::pod_row(text).is_some() || !quoted(block.start))
        }
        Kind::Log => {
            !blank
                && !is_yaml_start(text)
                && !table::is_header(text)
                && !starts_describe(paste, i)
                && table::pod_row(text).is_none()
        }
        Kind::Yaml => {
            if blank {
                return next_content(paste, i).is_some_and(|t| is_yaml_like(t) && indented(t));
            }
            is_yaml_like(text) && !(table::is_header(text))
        }
        Kind::Describe => {
            if blank {
                return next_content(paste, i).is_some_and(indented);
            }
            let elision = describe::is_elision(text) || describe::is_empty_section(text);
            // A second describe pasted right under the first (`Name:` at the margin again, no
            // blank line between) is an object of its own: a describe has one `Name:` there.
            let another = i > block.start && starts_describe(paste, i);
            !is_yaml_start(text)
                && !another
                && (indented(text) || elision || is_describe_line(text))
        }
    }
}

/// Whether line `i` opens a describe: `Name:` at the margin and a describe field after it. It
/// ends the text above even without a blank line or a command between them (`here it is`, a
/// traceback copied with the describe under it).
fn starts_describe(paste: &Paste, i: usize) -> bool {
    let text = paste.lines[i].text.as_str();
    let next = paste.lines.get(i + 1).map(|l| l.text.as_str());
    text.starts_with("Name:") && next.is_some_and(|n| is_describe_line(n) && !indented(n))
}

/// The next non-blank line after `i`, if it is not a command.
fn next_content(paste: &Paste, i: usize) -> Option<&str> {
    let text = paste.lines.get(next_content_at(paste, i)).map(|l| l.text.as_str());
    text.filter(|t| text::command(t).is_none())
}

/// The index of the next non-blank line after `i`, or the number of lines when there is none.
fn next_content_at(paste: &Paste, i: usize) -> usize {
    let mut after = paste.lines.iter().enumerate().skip(i + 1);
    after.find(|(_, l)| !l.text.trim().is_empty()).map_or(paste.lines.len(), |(j, _)| j)
}

fn indented(text: &str) -> bool {
    text.starts_with([' ', '\t'])
}

/// A line that can only begin a YAML or JSON document.
pub fn is_yaml_start(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("apiVersion:")
        || t.starts_with("\"apiVersion\":")
        || t.starts_with("\"kind\":")
        || text == "---"
        || text == "{"
        || (text.starts_with("kind:") && !text.contains("  "))
        || matches!(text.trim_end(), "status:" | "spec:" | "metadata:" | "items:")
        // A manifest cut from the middle, at any depth: the part of the template the user
        // thought relevant.
        || matches!(t.trim_end(), "containers:" | "initContainers:" | "jobTemplate:")
}

/// A line that can be part of a YAML or JSON document.
fn is_yaml_like(text: &str) -> bool {
    let t = text.trim_start();
    if indented(text) || t.starts_with("- ") || t == "-" || t.starts_with('#') {
        return true;
    }
    if matches!(t, "---" | "..." | "{" | "}" | "[" | "]" | "}," | "],") {
        return true;
    }
    // A top-level key: lower-case or quoted, no spaces before the colon.
    let Some((key, _)) = t.split_once(':') else { return false };
    let first = key.chars().next().unwrap_or(' ');
    (first.is_ascii_lowercase() || first == '"') && !key.contains(' ')
}

/// A `Key: value` line as kubectl describe prints it: a capitalised key, words allowed.
pub fn is_describe_line(text: &str) -> bool {
    describe::split_key(text).is_some_and(|(key, _)| {
        key.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && key.len() <= 40
            && !key.contains("  ")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(input: &str) -> Vec<(Kind, usize, usize)> {
        let paste = Paste::new(input);
        let capture = capture(&paste);
        capture
            .blocks
            .iter()
            .map(|b| (b.kind, paste.lines[b.start].no, paste.lines[b.end - 1].no))
            .collect()
    }

    #[test]
    fn commands_split_the_paste_into_blocks() {
        let input = "$ kubectl get pods\nNAME  READY  STATUS\nweb-1  0/1  Error\n\n\
                     $ kubectl logs web-1\nTraceback (most recent call last):\n  File \"x\"\n\
                     $ kubectl describe pod web-1\nName:  web-1\nContainers:\n  app:\n\n    \
                     State:  Terminated\n";
        assert_eq!(kinds(input), [(Kind::Table, 2, 3), (Kind::Log, 6, 7), (Kind::Describe, 9, 13)],);
    }

    #[test]
    fn yaml_without_a_command_and_text_after_it() {
        let input = "job.yaml:\napiVersion: batch/v1\nkind: Job\nspec:\n  backoffLimit: 4\n\n\
                     controller-manager log:\nI0212 event.go:218] reason: 'DeadlineExceeded'";
        assert_eq!(kinds(input), [(Kind::Log, 1, 1), (Kind::Yaml, 2, 5), (Kind::Log, 7, 8)]);
    }

    #[test]
    fn a_template_cut_from_the_middle_of_a_manifest_is_yaml() {
        let input = "the relevant part:\n      containers:\n        - name: dump\n          \
                     args: [\"-F c\"]\n\nJob has reached the specified backoff limit";
        assert_eq!(kinds(input), [(Kind::Log, 1, 1), (Kind::Yaml, 2, 4), (Kind::Log, 6, 6)]);
    }

    #[test]
    fn a_describe_right_under_another_starts_its_own_block() {
        let input = "Name:         export-7xk2p\nNamespace:    batch\nStatus:       Failed\nName:         export\nNamespace:    batch\nParallelism:  1\n";
        assert_eq!(kinds(input), vec![(Kind::Describe, 1, 3), (Kind::Describe, 4, 6)]);
    }

    #[test]
    fn a_describe_right_under_other_text_starts_its_own_block() {
        let input = "here it is\nName:  worker-7xq2m\nNamespace:  prod\nContainers:\n  app:\n";
        assert_eq!(kinds(input), [(Kind::Log, 1, 1), (Kind::Describe, 2, 5)]);
        let after_logs = "$ kubectl logs worker-7xq2m\nValueError: bad row\nName:  worker-7xq2m\n\
                          Namespace:  prod\n";
        assert_eq!(kinds(after_logs), [(Kind::Log, 2, 2), (Kind::Describe, 3, 4)]);
        // A log line that happens to start with `Name:` stays in the log.
        let log = "$ kubectl logs x\nstarting\nName: report-2024\nrows: 12\n";
        assert_eq!(kinds(log), [(Kind::Log, 2, 4)]);
    }

    #[test]
    fn a_headerless_table_after_its_command() {
        let input = "$ kubectl get pods | grep ecr\necr-1   0/1   CrashLoopBackOff   4   2m\n";
        assert_eq!(kinds(input), [(Kind::Table, 2, 2)]);
    }

    #[test]
    fn a_describe_section_right_under_a_table_ends_it() {
        let input = "NAME      READY   STATUS             RESTARTS   AGE\n\
                     mig-9hx   0/1     ImagePullBackOff   0          3m\n\
                     Events:\n\
                     \x20 Type     Reason   Age   From     Message\n\
                     \x20 ----     ------   ----  ----     -------\n\
                     \x20 Warning  Failed   89s   kubelet  Error: ErrImagePull\n";
        assert_eq!(kinds(input), [(Kind::Table, 1, 2), (Kind::Describe, 3, 6)]);
    }

    #[test]
    fn pod_rows_quoted_in_prose_are_a_table_of_those_rows_only() {
        let input = "my pod status is\n- ecr-1-7k2pq   1/2   Error   0   77s\nwhat now?\n";
        assert_eq!(kinds(input), [(Kind::Log, 1, 1), (Kind::Table, 2, 2), (Kind::Log, 3, 3)]);
        let logs = "$ kubectl logs ecr-1-7k2pq\necr-1-7k2pq   1/2   Error   0   77s\n";
        assert_eq!(kinds(logs), [(Kind::Log, 2, 2)], "a program's output stays its output");
    }
}
