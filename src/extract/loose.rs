//! A tolerant, line-based reading of the YAML and JSON the strict reader gave up on.
//!
//! Pasted manifests break in ways a YAML parser cannot forgive: a line pasted one space off,
//! tab indents mixed with spaces, `...` where the user cut something out, a document or a JSON
//! object cut off mid-value. This reader keeps what it can, into the same [`Node`] tree the strict
//! reader builds, so [`super::object`] reads both the same way:
//!
//! - `key: value` and `"key": value,` lines, nested by indentation; only a key without a value
//!   (`spec:`, `"spec": {`) opens a level, so a line indented one space too far stays a sibling;
//! - `- ` items (and JSON `{` items of an array), flow lists `[a, "b"]` and one-line maps;
//! - block scalars (`|`, `>`), quoted values, a quoted value cut off at the end of the paste.
//!
//! Blank lines, comments, `...`, lone JSON closers and lines it cannot place are skipped; `---`
//! starts a new document. It never fails, and works in one pass over the lines. Flow collections
//! on a line (`[a, [b]]`, `{a: {b: 1}}`) are read no deeper than [`yaml::MAX_DEPTH`], each
//! level in one pass over its text, so a line costs at most that many passes over it.

use crate::capture::describe::indent_of;
use crate::text::Line;
use crate::yaml::{Entry, Node, Value, MAX_DEPTH};

/// Reads `lines` as YAML or JSON documents, as well as they can be read.
pub fn parse(lines: &[Line]) -> Vec<Node> {
    let mut reader = Reader { docs: Vec::new(), stack: vec![Frame::root(lines)] };
    let mut i = 0;
    while i < lines.len() {
        i += reader.line(lines, i);
    }
    reader.end_doc(lines.len());
    reader.docs
}

/// A collection being built: what it is so far, where it goes when it closes.
struct Frame {
    /// The indentation of the line that opened it; `None` for a document's root.
    indent: Option<usize>,
    line: usize,
    /// The key it goes under in the parent mapping; `None` in a sequence or at the root.
    key: Option<String>,
    kind: Kind,
    /// Opened by `key:`: a `- ` item at the key's own indentation belongs to it.
    takes_dash: bool,
}

enum Kind {
    /// Not known until the first child: a mapping or a sequence.
    Open,
    Map(Vec<Entry>),
    Seq(Vec<Node>),
}

impl Frame {
    fn root(lines: &[Line]) -> Frame {
        let line = lines.first().map_or(1, |l| l.no);
        Frame { indent: None, line, key: None, kind: Kind::Open, takes_dash: false }
    }

    fn child(indent: usize, line: usize, key: Option<String>, kind: Kind) -> Frame {
        Frame { indent: Some(indent), line, key, kind, takes_dash: false }
    }

    /// Whether a line at `indent` (a `- ` item when `dash`) belongs inside this frame.
    fn holds(&self, indent: usize, dash: bool) -> bool {
        match self.indent {
            None => true,
            Some(own) => {
                indent > own
                    || (indent == own
                        && dash
                        && self.takes_dash
                        && matches!(self.kind, Kind::Open | Kind::Seq(_)))
            }
        }
    }

    fn into_node(self) -> (Option<String>, Node) {
        let value = match self.kind {
            Kind::Open => Value::Null,
            Kind::Map(entries) => Value::Map(entries),
            Kind::Seq(items) => Value::Seq(items),
        };
        (self.key, Node { line: self.line, value })
    }

    /// Makes this frame a mapping if it is still open; whether it is one.
    fn as_map(&mut self) -> Option<&mut Vec<Entry>> {
        if matches!(self.kind, Kind::Open) {
            self.kind = Kind::Map(Vec::new());
        }
        match &mut self.kind {
            Kind::Map(entries) => Some(entries),
            // A key line among the items of a list belongs to the last item, when it is a map.
            Kind::Seq(items) => match items.last_mut().map(|n| &mut n.value) {
                Some(Value::Map(entries)) => Some(entries),
                _ => None,
            },
            Kind::Open => None,
        }
    }

    /// Makes this frame a sequence if it is still open; whether it is one.
    fn as_seq(&mut self) -> Option<&mut Vec<Node>> {
        if matches!(self.kind, Kind::Open) {
            self.kind = Kind::Seq(Vec::new());
        }
        match &mut self.kind {
            Kind::Seq(items) => Some(items),
            _ => None,
        }
    }
}

struct Reader {
    docs: Vec<Node>,
    /// The open collections, the document's root first; never empty.
    stack: Vec<Frame>,
}

/// What the text of a line (after its indentation and any `- `) holds.
enum Content {
    /// `key: value` with a value on the line.
    Pair(String, Node),
    /// `key:`, `"key": {` or `"key": [`: a collection (or a block scalar) follows.
    Opens(String, Kind),
    /// `key: |`: a block scalar on the lines that follow.
    Block(String, bool),
    /// `|` or `>` alone: a list item that is a block scalar.
    BlockAlone(bool),
    /// A value alone: a list item's scalar, `{` or `[`.
    Alone(Node),
    OpenAlone(Kind),
    Nothing,
}

impl Reader {
    /// Reads line `i` (and a block scalar's lines after it); returns how many lines it used.
    fn line(&mut self, lines: &[Line], i: usize) -> usize {
        let Some(line) = lines.get(i) else { return 1 };
        let text = line.text.trim_end();
        let body = text.trim_start();
        if body == "---" || body.starts_with("--- ") {
            self.end_doc(line.no);
            return 1;
        }
        if skipped(body) {
            return 1;
        }
        let indent = indent_of(text);
        let (dash, rest) = match body.strip_prefix('-') {
            Some(rest) if rest.is_empty() || rest.starts_with([' ', '\t']) => (true, rest.trim()),
            _ => (false, body),
        };
        while self.stack.len() > 1 && !self.top().holds(indent, dash) {
            self.close();
        }
        let content = content(rest, line.no);
        let (content, used) = match content {
            Content::Block(key, folded) => {
                let (text, used) = block_scalar(lines, i, indent, folded);
                let value = Node { line: line.no, value: Value::Scalar(text) };
                (Content::Pair(key, value), used)
            }
            Content::BlockAlone(folded) => {
                let (text, used) = block_scalar(lines, i, indent, folded);
                (Content::Alone(Node { line: line.no, value: Value::Scalar(text) }), used)
            }
            other => (other, 1),
        };
        if dash {
            self.item(indent, rest, content, line.no);
        } else {
            self.entry(indent, content, line.no);
        }
        used
    }

    fn top(&mut self) -> &mut Frame {
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    /// A `- ` item at `indent`, holding `content`.
    fn item(&mut self, indent: usize, rest: &str, content: Content, no: usize) {
        if self.top().as_seq().is_none() {
            return;
        }
        match content {
            Content::Alone(node) => self.push_item(node),
            Content::Nothing if rest.is_empty() => {
                self.stack.push(Frame::child(indent, no, None, Kind::Open));
            }
            Content::Nothing => {
                self.push_item(Node { line: no, value: Value::Scalar(rest.to_owned()) });
            }
            Content::OpenAlone(kind) => self.stack.push(Frame::child(indent, no, None, kind)),
            Content::Pair(key, value) => {
                let entry = Entry { key, line: no, value };
                self.stack.push(Frame::child(indent, no, None, Kind::Map(vec![entry])));
            }
            Content::Opens(key, kind) => {
                self.stack.push(Frame::child(indent, no, None, Kind::Map(Vec::new())));
                // The item's keys stand two columns in, after the `- `.
                let mut frame = Frame::child(indent + 2, no, Some(key), kind);
                frame.takes_dash = true;
                self.stack.push(frame);
            }
            Content::Block(..) | Content::BlockAlone(_) => {}
        }
    }

    fn push_item(&mut self, node: Node) {
        if let Some(items) = self.top().as_seq() {
            items.push(node);
        }
    }

    /// A line that is not a `- ` item.
    fn entry(&mut self, indent: usize, content: Content, no: usize) {
        match content {
            Content::Pair(key, value) => {
                if let Some(entries) = self.top().as_map() {
                    entries.push(Entry { key, line: no, value });
                }
            }
            Content::Opens(key, kind) => {
                if self.top().as_map().is_some() {
                    let mut frame = Frame::child(indent, no, Some(key), kind);
                    frame.takes_dash = true;
                    self.stack.push(frame);
                }
            }
            Content::OpenAlone(kind) => {
                let top = self.top();
                let root = top.indent.is_none() && matches!(top.kind, Kind::Open);
                let in_array = matches!(top.kind, Kind::Seq(_));
                if root {
                    // The `{` that opens a JSON document.
                    top.kind = kind;
                    top.line = no;
                } else if in_array {
                    // An object in a JSON array.
                    self.stack.push(Frame::child(indent, no, None, kind));
                }
            }
            Content::Alone(_) | Content::Nothing | Content::Block(..) | Content::BlockAlone(_) => {}
        }
    }

    /// Closes the innermost collection into its parent.
    fn close(&mut self) {
        let Some(frame) = self.stack.pop() else { return };
        let (key, node) = frame.into_node();
        let parent = self.top();
        match (key, &mut parent.kind) {
            (Some(key), Kind::Map(entries)) => {
                entries.push(Entry { key, line: node.line, value: node })
            }
            (None, Kind::Seq(items)) => items.push(node),
            _ => {}
        }
    }

    /// Ends the document being read (at `---` or the end) and starts a new one at line `no`.
    fn end_doc(&mut self, no: usize) {
        while self.stack.len() > 1 {
            self.close();
        }
        let root = std::mem::replace(
            &mut self.stack[0],
            Frame { indent: None, line: no + 1, key: None, kind: Kind::Open, takes_dash: false },
        );
        let (_, node) = root.into_node();
        if node.value != Value::Null {
            self.docs.push(node);
        }
    }
}

/// Lines that carry nothing: blank, comments, `...` (an end marker or a cut), JSON closers.
fn skipped(body: &str) -> bool {
    body.is_empty()
        || body.starts_with('#')
        || body == "..."
        || matches!(body, "}" | "}," | "]" | "]," | "]}" | "}]")
}

/// What `text` (a line after its indentation and `- `) holds.
fn content(text: &str, no: usize) -> Content {
    match text {
        "" => return Content::Nothing,
        "{" => return Content::OpenAlone(Kind::Map(Vec::new())),
        "[" => return Content::OpenAlone(Kind::Seq(Vec::new())),
        "|" | "|-" | "|+" => return Content::BlockAlone(false),
        ">" | ">-" | ">+" => return Content::BlockAlone(true),
        _ => {}
    }
    let Some((key, value, json)) = split(text) else {
        let value = scalar(text, false, no, 0);
        return match value.value {
            Value::Scalar(_) | Value::Seq(_) | Value::Map(_) if looks_like_value(text) => {
                Content::Alone(value)
            }
            _ => Content::Nothing,
        };
    };
    match value {
        "" => Content::Opens(key, Kind::Open),
        "{" => Content::Opens(key, Kind::Map(Vec::new())),
        "[" => Content::Opens(key, Kind::Seq(Vec::new())),
        "|" | "|-" | "|+" => Content::Block(key, false),
        ">" | ">-" | ">+" => Content::Block(key, true),
        _ => Content::Pair(key, scalar(value, json, no, 0)),
    }
}

/// A list item's text that is a value (quoted, a number, a flow collection, a word).
fn looks_like_value(text: &str) -> bool {
    !text.contains(": ") || text.starts_with(['"', '\'', '[', '{'])
}

/// `key: value`, `key:`, `"key": value,`: the key, the value's text and whether it was JSON.
fn split(text: &str) -> Option<(String, &str, bool)> {
    if let Some(rest) = text.strip_prefix('"') {
        let end = closing_quote(rest)?;
        let key = unescape(&rest[..end]);
        let after = rest[end + 1..].trim_start().strip_prefix(':')?;
        return Some((key, after.trim(), true));
    }
    let at = text.find(": ").or_else(|| text.strip_suffix(':').map(|k| k.len()))?;
    let key = text[..at].trim();
    let key = key.trim_matches('\'');
    let bad = key.is_empty() || key.contains(['"', '{', '[']) || key.contains("  ");
    if bad {
        return None;
    }
    Some((key.to_owned(), text[at + 1..].trim(), false))
}

/// The index of the quote that ends a double-quoted string whose opening quote was cut off.
fn closing_quote(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn unescape(text: &str) -> String {
    text.replace("\\\"", "\"").replace("\\\\", "\\")
}

/// A value as written after `key:` or `- `.
fn scalar(text: &str, json: bool, no: usize, depth: usize) -> Node {
    let mut text = text.trim();
    // Flow collections nested deeper than a strict read allows stay text: a hostile `[[[[...`
    // must not exhaust the stack.
    if depth >= MAX_DEPTH {
        return Node { line: no, value: Value::Scalar(text.to_owned()) };
    }
    if json || text.ends_with(',') && text.starts_with(['"', '[', '{']) {
        text = text.strip_suffix(',').unwrap_or(text).trim_end();
    }
    let value = match text {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "{}" => Value::Map(Vec::new()),
        "[]" => Value::Seq(Vec::new()),
        _ if text.starts_with('[') => {
            let inner = text.strip_prefix('[').unwrap_or(text);
            let inner = inner.strip_suffix(']').unwrap_or(inner);
            let items = parts(inner).into_iter().map(|p| scalar(p, json, no, depth + 1)).collect();
            Value::Seq(items)
        }
        _ if text.starts_with('{') => {
            let inner = text.strip_prefix('{').unwrap_or(text);
            let inner = inner.strip_suffix('}').unwrap_or(inner);
            let entries = parts(inner)
                .into_iter()
                .filter_map(|p| split(p.trim()))
                .map(|(key, value, json)| Entry {
                    key,
                    line: no,
                    value: scalar(value, json, no, depth + 1),
                })
                .collect();
            Value::Map(entries)
        }
        _ => Value::Scalar(unquote(text)),
    };
    Node { line: no, value }
}

/// A scalar without its quotes; a quote cut off at the end of the paste is dropped too.
fn unquote(text: &str) -> String {
    if let Some(rest) = text.strip_prefix('"') {
        return unescape(rest.strip_suffix('"').unwrap_or(rest));
    }
    if let Some(rest) = text.strip_prefix('\'') {
        return rest.strip_suffix('\'').unwrap_or(rest).replace("''", "'");
    }
    // A plain scalar ends before a comment.
    match text.find(" #") {
        Some(at) => text[..at].trim_end().to_owned(),
        None => text.to_owned(),
    }
}

/// The items of a flow collection's inside, split at commas outside quotes.
fn parts(inner: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quote, mut depth) = (0, None, 0usize);
    for (i, c) in inner.char_indices() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (c, Some(q)) if c == q => quote = None,
            ('[' | '{', None) => depth += 1,
            (']' | '}', None) => depth = depth.saturating_sub(1),
            (',', None) if depth == 0 => {
                out.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(inner[start..].trim());
    out.retain(|p| !p.is_empty());
    out
}

/// The text of a block scalar whose `key: |` is line `i` at `indent`; and how many lines the
/// key and the scalar took.
fn block_scalar(lines: &[Line], i: usize, indent: usize, folded: bool) -> (String, usize) {
    let mut body: Vec<&str> = Vec::new();
    let mut used = 1;
    for line in lines.iter().skip(i + 1) {
        let text = line.text.trim_end();
        if !text.trim().is_empty() && indent_of(text) <= indent {
            break;
        }
        body.push(text.trim());
        used += 1;
    }
    while body.last() == Some(&"") {
        body.pop();
        used -= 1;
    }
    (body.join(if folded { " " } else { "\n" }), used)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Paste;

    fn docs(input: &str) -> Vec<Node> {
        parse(&Paste::new(input).lines)
    }

    /// Regression: a flow list nested 100 000 deep overflowed the stack.
    #[test]
    fn deep_flow_collections_stop_nesting() {
        let input = format!("kind: Job\nspec: {}\n", "[".repeat(100_000));
        let found = docs(&input);
        assert_eq!(found.len(), 1);
        let mut depth = 0;
        let mut node = found[0].get("spec");
        while let Some(Value::Seq(items)) = node.map(|n| &n.value) {
            depth += 1;
            node = items.first();
        }
        assert_eq!(depth, MAX_DEPTH);
    }

    fn text_at(doc: &Node, path: &[&str]) -> Option<(String, usize)> {
        doc.at(path).and_then(|n| n.as_str().map(|s| (s.to_owned(), n.line)))
    }

    #[test]
    fn a_line_one_space_off_stays_a_sibling() {
        let found = docs(
            "kind: Job\nspec:\n  backoffLimit: 3\n   activeDeadlineSeconds: 900\n  template:\n    \
             ...\nstatus:\n  failed: 1\n",
        );
        assert_eq!(found.len(), 1);
        let job = &found[0];
        assert_eq!(text_at(job, &["spec", "backoffLimit"]), Some(("3".into(), 3)));
        assert_eq!(text_at(job, &["spec", "activeDeadlineSeconds"]), Some(("900".into(), 4)));
        assert_eq!(text_at(job, &["status", "failed"]), Some(("1".into(), 8)));
    }

    #[test]
    fn lists_in_both_styles_and_mixed_tabs() {
        let found = docs(
            "spec:\n  containers:\n  - name: a\n    image: busybox\n    command: [\"sh\", \"-c\", \
             'exit 1']\n  - name: b\n\t  image: alpine\nconditions:\n    -\n      type: Failed\n",
        );
        let containers = found[0].at(&["spec", "containers"]).map(Node::items).unwrap_or(&[]);
        assert_eq!(containers.len(), 2);
        assert_eq!(text_at(&containers[1], &["image"]), Some(("alpine".into(), 7)));
        let argv: Vec<_> = containers[0]
            .get("command")
            .map(Node::items)
            .unwrap_or(&[])
            .iter()
            .filter_map(Node::as_str)
            .collect();
        assert_eq!(argv, ["sh", "-c", "exit 1"]);
        let conditions = found[0].get("conditions").map(Node::items).unwrap_or(&[]);
        assert_eq!(text_at(&conditions[0], &["type"]), Some(("Failed".into(), 10)));
    }

    #[test]
    fn truncated_json_keeps_what_came_before_the_cut() {
        let found = docs(
            "{\n    \"kind\": \"Job\",\n    \"metadata\": {\n        \"name\": \"m\"\n    },\n    \
             \"status\": {\n        \"conditions\": [\n            {\n                \"reason\": \
             \"BackoffLimitExceeded\",\n                \"type\": \"Failed\"\n            }\n        \
             ],\n        \"failed\": 4,\n        \"startTime\": \"2024-03-04T10:",
        );
        let job = &found[0];
        assert_eq!(job.line, 1);
        assert_eq!(text_at(job, &["metadata", "name"]), Some(("m".into(), 4)));
        let conditions = job.at(&["status", "conditions"]).map(Node::items).unwrap_or(&[]);
        assert_eq!(text_at(&conditions[0], &["type"]), Some(("Failed".into(), 10)));
        assert_eq!(text_at(job, &["status", "failed"]), Some(("4".into(), 13)));
        assert_eq!(text_at(job, &["status", "startTime"]), Some(("2024-03-04T10:".into(), 14)));
    }

    #[test]
    fn documents_block_scalars_and_comments() {
        let found = docs(
            "# Source: chart/templates/a.yaml\nkind: ConfigMap\n---\n# Source: b.yaml\nkind: Job\n\
             spec:\n  script: |\n    set -e\n    exit 3\n  note: plain # a comment\n  args:\n  - |\n    \
             echo one\n---\n",
        );
        assert_eq!(found.len(), 2);
        assert_eq!(text_at(&found[1], &["kind"]), Some(("Job".into(), 5)));
        assert_eq!(text_at(&found[1], &["spec", "script"]), Some(("set -e\nexit 3".into(), 7)));
        assert_eq!(text_at(&found[1], &["spec", "note"]), Some(("plain".into(), 10)));
        let args = found[1].at(&["spec", "args"]).map(Node::items).unwrap_or(&[]);
        assert_eq!(args.first().and_then(Node::as_str), Some("echo one"));
    }

    #[test]
    fn garbage_reads_as_nothing_without_panic() {
        for input in ["", "-", "- - -", "\"", "\"a\": \"", "{", "[[[", ":", ": x", "a:\n-\n -\n"] {
            let _ = docs(input);
        }
        assert!(docs("just some words\nmore words").is_empty());
    }
}
