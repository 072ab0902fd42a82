//! YAML and JSON documents as a tree of nodes that remember their line.
//!
//! This is the only module that names a YAML crate. It is also compiled into `build.rs` (with
//! `#[path]`) to read the front matter of `content/`, so it depends on nothing else in the crate.
//!
//! The tree is built from saphyr-parser's events by our own loader, which bounds the work a
//! hostile paste can cause: nesting deeper than [`MAX_DEPTH`] ends the document with an error,
//! and aliases are not expanded (an alias to a scalar is copied while the copies stay under
//! [`MAX_ALIAS_BYTES`]; an alias to a collection reads as null). saphyr-parser has a limit of
//! its own, 255 levels of flow collections (`recursion limit exceeded`), which its scanner can
//! reach before the loader sees the 129th level. JSON is read as YAML 1.2.
//! A stream that breaks part-way keeps the documents read before the break. Lines are YAML's:
//! a lone CR ends one too, so callers that count lines at `\n` only (as [`crate::text`] does)
//! pass text without CRs.

use saphyr_parser::{Event, Parser, ScalarStyle};

/// How deeply collections may nest before a document is abandoned.
pub const MAX_DEPTH: usize = 128;

/// How many bytes of scalar text alias copies may add, in all, to one parse.
pub const MAX_ALIAS_BYTES: usize = 1 << 20;

/// The documents of one YAML stream, and what stopped the reading, if anything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    pub docs: Vec<Node>,
    pub errors: Vec<Diagnostic>,
}

/// A problem with the text, at a line counted from 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub line: usize,
    /// Lower-case, without a trailing period.
    pub message: String,
}

/// A value and the line (from 1) where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub line: usize,
    pub value: Value,
}

/// A YAML value. Every scalar is kept as its text; `~`, `null` and empty plain scalars are null.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Scalar(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

/// One key of a mapping, the line of the key, and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    pub line: usize,
    pub value: Node,
}

impl Node {
    /// The value of `key` when this node is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries().iter().find(|e| e.key == key).map(|e| &e.value)
    }

    /// The entry (key, line and value) of `key` when this node is a mapping that has it.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries().iter().find(|e| e.key == key)
    }

    /// The node at `path`, looked up one mapping key at a time.
    pub fn at(&self, path: &[&str]) -> Option<&Node> {
        path.iter().try_fold(self, |node, key| node.get(key))
    }

    /// The text of a scalar; `None` for null and collections.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(text) => Some(text),
            _ => None,
        }
    }

    /// The items of a sequence; empty for anything else.
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    /// The entries of a mapping; empty for anything else.
    pub fn entries(&self) -> &[Entry] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }
}

/// Reads every document of a YAML (or JSON) stream; lines count from 1.
pub fn parse(text: &str) -> Parsed {
    parse_from(text, 1)
}

/// Reads every document of a stream whose first line is line `first_line` of a larger text.
pub fn parse_from(text: &str, first_line: usize) -> Parsed {
    let mut loader = Loader { offset: first_line.saturating_sub(1), ..Loader::default() };
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        match next {
            Ok((event, span)) => {
                let line = span.start.line() + loader.offset;
                if let Err(message) = loader.event(event, line) {
                    loader.fail(line, message);
                    break;
                }
            }
            Err(error) => {
                let line = error.marker().line() + loader.offset;
                loader.fail(line, error.info().to_lowercase());
                break;
            }
        }
    }
    Parsed { docs: loader.docs, errors: loader.errors }
}

/// A collection being built, with the pending key when it is a mapping.
#[derive(Debug)]
enum Open {
    Seq { line: usize, items: Vec<Node> },
    Map { line: usize, entries: Vec<Entry>, key: Option<(String, usize)> },
}

#[derive(Debug, Default)]
struct Loader {
    offset: usize,
    stack: Vec<Open>,
    docs: Vec<Node>,
    errors: Vec<Diagnostic>,
    /// Scalars by anchor id, for aliases.
    anchors: Vec<(usize, String)>,
    alias_bytes: usize,
}

impl Loader {
    fn event(&mut self, event: Event<'_>, line: usize) -> Result<(), String> {
        match event {
            Event::Scalar(text, style, anchor, _tag) => {
                let node = scalar(&text, style, line);
                if anchor > 0 {
                    self.anchors.push((anchor, text.into_owned()));
                }
                self.push(node);
            }
            Event::Alias(id) => {
                let copy = self.anchors.iter().rev().find(|(a, _)| *a == id).map(|(_, t)| t);
                let value = match copy {
                    Some(text) if self.alias_bytes + text.len() <= MAX_ALIAS_BYTES => {
                        self.alias_bytes += text.len();
                        Value::Scalar(text.clone())
                    }
                    _ => Value::Null,
                };
                self.push(Node { line, value });
            }
            Event::SequenceStart(_, _) => {
                self.open(Open::Seq { line, items: Vec::new() })?;
            }
            Event::MappingStart(_, _) => {
                self.open(Open::Map { line, entries: Vec::new(), key: None })?;
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            Event::DocumentEnd => self.stack.clear(),
            Event::StreamStart | Event::StreamEnd | Event::DocumentStart(_) | Event::Nothing => {}
        }
        Ok(())
    }

    fn open(&mut self, open: Open) -> Result<(), String> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(format!("nesting deeper than {MAX_DEPTH} levels"));
        }
        self.stack.push(open);
        Ok(())
    }

    fn close(&mut self) {
        let node = match self.stack.pop() {
            Some(Open::Seq { line, items }) => Node { line, value: Value::Seq(items) },
            Some(Open::Map { line, entries, key: _ }) => Node { line, value: Value::Map(entries) },
            None => return,
        };
        self.push(node);
    }

    /// Hands a finished node to the collection being built, or ends a document with it.
    fn push(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.docs.push(node),
            Some(Open::Seq { items, .. }) => items.push(node),
            Some(Open::Map { entries, key, .. }) => match key.take() {
                None => *key = Some((key_text(&node), node.line)),
                Some((key, line)) => entries.push(Entry { key, line, value: node }),
            },
        }
    }

    /// Records an error and keeps what was complete: the open document is closed as it stands.
    fn fail(&mut self, line: usize, message: String) {
        while !self.stack.is_empty() {
            self.close();
        }
        self.errors.push(Diagnostic { line, message });
    }
}

fn scalar(text: &str, style: ScalarStyle, line: usize) -> Node {
    let null = style == ScalarStyle::Plain && matches!(text, "" | "~" | "null" | "Null" | "NULL");
    let value = if null { Value::Null } else { Value::Scalar(text.to_owned()) };
    Node { line, value }
}

/// A mapping key as text; a collection used as a key (rare, legal YAML) reads as empty.
fn key_text(node: &Node) -> String {
    node.as_str().unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Node {
        let parsed = parse(text);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        assert_eq!(parsed.docs.len(), 1);
        parsed.docs.into_iter().next().unwrap()
    }

    #[test]
    fn keys_remember_their_lines() {
        let doc = one("kind: Job\nspec:\n  backoffLimit: 2\n  template:\n    spec: {}\n");
        assert_eq!(doc.get("kind").and_then(Node::as_str), Some("Job"));
        let limit = doc.at(&["spec", "backoffLimit"]).unwrap();
        assert_eq!((limit.as_str(), limit.line), (Some("2"), 3));
        assert_eq!(doc.get("spec").unwrap().entry("template").unwrap().line, 4);
    }

    #[test]
    fn sequences_and_nulls() {
        let doc = one("items:\n- name: a\n- name: ~\nempty:\n");
        let items = doc.get("items").unwrap().items();
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].line, 3);
        assert_eq!(items[1].get("name").map(|n| &n.value), Some(&Value::Null));
        assert_eq!(doc.get("empty").map(|n| &n.value), Some(&Value::Null));
        assert_eq!(one("a: 'null'").get("a").and_then(Node::as_str), Some("null"));
    }

    #[test]
    fn json_is_yaml() {
        let doc = one("{\n  \"kind\": \"Pod\",\n  \"status\": {\"phase\": \"Failed\"}\n}");
        assert_eq!(doc.at(&["status", "phase"]).and_then(Node::as_str), Some("Failed"));
        assert_eq!(doc.entry("status").unwrap().line, 3);
    }

    #[test]
    fn several_documents_and_an_offset() {
        let parsed = parse_from("a: 1\n---\nb: 2\n", 10);
        assert_eq!(parsed.docs.len(), 2);
        assert_eq!(parsed.docs[1].entry("b").unwrap().line, 12);
    }

    #[test]
    fn a_broken_document_keeps_what_came_before() {
        let parsed = parse("a: 1\n---\nb: [1, 2\nc: 3\n");
        assert_eq!(parsed.docs.len(), 2, "{parsed:?}");
        assert_eq!(parsed.docs[0].get("a").and_then(Node::as_str), Some("1"));
        assert_eq!(parsed.errors.len(), 1);
        let error = &parsed.errors[0];
        assert!(error.line >= 3, "{error:?}");
        assert_eq!(error.message, error.message.to_lowercase());
    }

    #[test]
    fn a_lone_cr_ends_a_line_as_yaml_says() {
        let doc = one("a: 1\rb: 2\r\nc: 3\n");
        let lines: Vec<usize> = doc.entries().iter().map(|e| e.line).collect();
        assert_eq!(lines, [1, 2, 3]);
    }

    #[test]
    fn tabs_are_an_error_not_a_panic() {
        let parsed = parse("spec:\n\tbackoffLimit: 2\n");
        assert_eq!(parsed.errors.len(), 1);
        assert_eq!(parsed.errors[0].line, 2);
    }

    #[test]
    fn alias_bombs_are_not_expanded() {
        let mut bomb = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().zip("abcdefgh".chars())
        {
            let refs = vec![format!("*{prev}"); 9].join(",");
            bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        let doc = one(&bomb);
        let last = doc.get("i").unwrap().items();
        assert_eq!(last.len(), 9);
        assert!(last.iter().all(|n| n.value == Value::Null));
    }

    #[test]
    fn aliases_to_scalars_are_copied_within_a_budget() {
        let doc = one("a: &x hello\nb: *x\n");
        assert_eq!(doc.get("b").and_then(Node::as_str), Some("hello"));
        let big = "x".repeat(MAX_ALIAS_BYTES / 2 + 1);
        let doc = one(&format!("a: &x {big}\nb: *x\nc: *x\n"));
        assert!(doc.get("b").and_then(Node::as_str).is_some());
        assert_eq!(doc.get("c").map(|n| &n.value), Some(&Value::Null));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = "[".repeat(MAX_DEPTH + 10);
        let parsed = parse(&deep);
        assert!(parsed.errors.iter().any(|e| e.message.contains("nesting deeper")));
        let fine = format!("{}{}", "[".repeat(MAX_DEPTH - 1), "]".repeat(MAX_DEPTH - 1));
        assert!(parse(&fine).errors.is_empty());
    }
}
