//! Messages a YAML emitter wrapped over several lines.
//!
//! `kubectl get -o yaml` (go-yaml, through `sigs.k8s.io/yaml`) folds a long string at about 80
//! columns: a condition's or a status's `message:` goes on over more-indented lines, quoted or
//! plain. A rule's message can then fall across the break (`Pod "x"` / `is invalid: ...`). This
//! module gives the text rules the value whole, read from the line its key is on.

use crate::model::Facts;
use crate::text::Paste;

/// The most lines one value is read over: a message, not a document.
const MAX_LINES: usize = 16;

/// The value whose key is on line `no` as one line, with the numbers of the first and the last
/// line its text takes (the first is `no`, or the line after for a folded block), when it goes
/// on over the lines after `no`. `None` for a value that ends on its own line.
pub fn value_from(paste: &Paste, facts: &Facts, no: usize) -> Option<(String, usize, usize)> {
    let first = &paste.line(no)?.text;
    let (indent, value) = key_value(first)?;
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''));
    // A folded block scalar (`message: >-`, as `yq` and hand-written YAML put a long message)
    // reads as its lines joined by spaces.
    let folded = matches!(value, ">" | ">-" | ">+");
    if let Some(quote) = quote {
        if closes(&value[1..], quote) {
            return None;
        }
    } else if !folded
        && (value.starts_with(['|', '>', '{', '[', '&', '*', '!', '#']) || facts.is_log(no))
    {
        // Literal blocks keep their own lines, flow collections and anchors are not messages,
        // and a program's `key: value` line followed by an indented one is its own output.
        return None;
    }
    // A folded block's lines are indented past its key's column, a list item's `- ` included.
    let indent = if folded && first.trim_start().starts_with("- ") { indent + 2 } else { indent };
    let first = first.trim_end();
    let mut joined =
        if folded { first[..first.len() - value.len()].trim_end() } else { first }.to_owned();
    let mut last = no;
    for next_no in no + 1..no + MAX_LINES {
        let Some(next) = paste.line(next_no) else { break };
        let text = next.text.trim();
        let deeper = next.text.len() - next.text.trim_start().len() > indent;
        if text.is_empty() || !deeper {
            break;
        }
        if quote.is_none() && !folded && (key_value(&next.text).is_some() || starts_item(text)) {
            break;
        }
        // A double-quoted line that ends with `\` goes on without a space; a leading `\ ` keeps
        // a space the break would have eaten.
        match joined.strip_suffix('\\') {
            Some(kept) if quote == Some('"') => joined.truncate(kept.len()),
            _ => joined.push(' '),
        }
        joined.push_str(text.strip_prefix("\\ ").map_or(text, |rest| rest));
        last = next_no;
        if quote.is_some_and(|q| closes(text, q)) {
            break;
        }
    }
    let first = if folded { no + 1 } else { no };
    (last > no).then_some((joined, first, last))
}

/// The key's indentation and the value after `key: `, on a line of a YAML mapping (or of
/// `kubectl describe`, which lays its fields out the same way).
fn key_value(line: &str) -> Option<(usize, &str)> {
    let body = line.trim_start();
    let indent = line.len() - body.len();
    let body = body.strip_prefix("- ").unwrap_or(body);
    // The key runs to the first byte no key holds, which must open `: `: a log line stops at
    // its first space, without a search through the rest of it.
    let key_len = body
        .bytes()
        .take_while(|&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/'))
        .count();
    let value = body[key_len..].strip_prefix(": ")?.trim();
    (key_len > 0 && !value.is_empty()).then_some((indent, value))
}

fn starts_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ") || text.starts_with('#')
}

/// Whether `text`, inside a scalar quoted with `quote`, holds the closing quote: an unescaped
/// `"`, or a `'` that is not doubled.
fn closes(text: &str, quote: char) -> bool {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            '\'' if quote == '\'' => {
                if chars.peek() == Some(&'\'') {
                    chars.next();
                } else {
                    return true;
                }
            }
            c if c == quote => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(input: &str, no: usize) -> Option<(String, usize)> {
        value_from(&Paste::new(input), &Facts::default(), no).map(|(text, _, last)| (text, last))
    }

    #[test]
    fn a_single_quoted_message_is_read_to_its_closing_quote() {
        let input = "status:\n  description: 'Pod can not be created: Pod \"x-1\"\n    is invalid: \
                     spec.containers[0]: must be\n    less than or equal to cpu limit'\n  state: error\n";
        let (text, last) = joined(input, 2).unwrap();
        assert_eq!(last, 4);
        assert!(text.contains("Pod \"x-1\" is invalid: spec.containers[0]: must be less than"));
    }

    #[test]
    fn a_double_quoted_message_joins_escaped_breaks_without_a_space() {
        let input = "message: \"Back-off pulling image \\\"reg/app:1\\\": ErrImagePull: not fou\\\n  nd\"\nreason: X\n";
        let (text, last) = joined(input, 1).unwrap();
        assert_eq!(last, 2);
        assert!(text.ends_with("ErrImagePull: not found\""), "{text}");
    }

    #[test]
    fn a_plain_value_goes_on_until_the_next_key() {
        let input = "  message: Pod was rejected: Node didn't have enough resource:\n    cpu, requested: 500\n  phase: Failed\n";
        // The second line holds ": " after a comma-led word: not a key, so it is read on.
        let (text, last) = joined(input, 1).unwrap();
        assert_eq!(last, 2);
        assert!(text.ends_with("resource: cpu, requested: 500"), "{text}");
    }

    #[test]
    fn a_folded_block_reads_as_one_line() {
        let input = "  - message: >-\n      failed to create pod\n      \"p\": admission webhook\n      \"hook\" denied the request: no\n    reason: X\n";
        let found = value_from(&Paste::new(input), &Facts::default(), 1);
        let (text, first, last) = found.unwrap();
        assert_eq!((first, last), (2, 4));
        assert_eq!(text, "  - message: failed to create pod \"p\": admission webhook \"hook\" denied the request: no");
    }

    #[test]
    fn values_that_end_on_their_line_are_left_alone() {
        assert_eq!(joined("  reason: Error\n    exitCode: 1\n", 1), None);
        assert_eq!(joined("  message: 'done'\n    more\n", 1), None);
        assert_eq!(joined("- name: x\n  image: y\n", 1), None);
        assert_eq!(joined("script: |\n  echo hi\n", 1), None);
        assert_eq!(joined("script: >-\n  echo hi\nnext: x\n", 1).map(|(_, last)| last), Some(2));
        assert_eq!(joined("message: plain\nnext: x\n", 1), None);
    }
}
