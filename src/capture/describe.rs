//! `kubectl describe` output as a tree of `Key: value` items nested by indentation.
//!
//! kubectl aligns values per block with a tabwriter, so a value's column says nothing; the tree
//! is read by "key, colon, whitespace, rest" and by indentation alone. Lines without a key
//! (label continuations, command words, event rows) are items with no key.

use crate::text::Paste;

/// One line of describe output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The paste line, from 1.
    pub line: usize,
    pub indent: usize,
    pub key: Option<String>,
    /// The value after the colon, or the whole trimmed line when there is no key.
    pub value: String,
    pub children: Vec<usize>,
}

/// The items of one describe block; `roots` are the least indented.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tree {
    pub items: Vec<Item>,
    pub roots: Vec<usize>,
}

/// Splits `Key:  value` (or `Key:` alone) after the indentation; the key may hold spaces and
/// brackets (`Last State`, `Controlled By`, `Node-Selectors`) but the colon must end the line
/// or be followed by white space.
pub fn split_key(text: &str) -> Option<(&str, &str)> {
    let t = text.trim_start();
    let mut search = 0;
    while let Some(at) = t[search..].find(':').map(|i| i + search) {
        let after = &t[at + 1..];
        if after.is_empty() || after.starts_with([' ', '\t']) {
            let key = &t[..at];
            let ok = !key.is_empty()
                && !key.starts_with(' ')
                && key.chars().all(|c| c.is_alphanumeric() || " ()/-_.".contains(c));
            return ok.then(|| (key.trim_end(), after.trim()));
        }
        search = at + 1;
    }
    None
}

/// `...`, `[...]`, `…` or `[…]`: a mark where the user cut lines out of the output; `--`, the
/// line `grep -A` or `-B` prints between the groups it keeps.
pub fn is_elision(text: &str) -> bool {
    matches!(text.trim(), "..." | "[...]" | "…" | "[…]" | "(...)" | "[snip]" | "<snip>" | "--")
}

/// A line old releases of `kubectl describe` print without a key where a section is empty:
/// `No volumes.`, `No events.`.
pub fn is_empty_section(text: &str) -> bool {
    matches!(text.trim(), "No volumes." | "No events.")
}

/// Width of the leading white space, a tab counting as eight columns.
pub fn indent_of(text: &str) -> usize {
    text.chars().take_while(|c| c.is_whitespace()).map(|c| if c == '\t' { 8 } else { 1 }).sum()
}

/// Reads lines `start..end` of the paste as a describe tree.
pub fn tree(paste: &Paste, start: usize, end: usize) -> Tree {
    let mut tree = Tree::default();
    let mut stack: Vec<usize> = Vec::new();
    for line in &paste.lines[start..end.min(paste.lines.len())] {
        let text = line.text.as_str();
        // A line where the user cut something out holds nothing and closes no level.
        if text.trim().is_empty() || is_elision(text) {
            continue;
        }
        let indent = indent_of(text);
        let (key, value) = match split_key(text) {
            Some((key, value)) => (Some(key.to_owned()), value.to_owned()),
            None => (None, text.trim().to_owned()),
        };
        while stack.last().is_some_and(|&top| tree.items[top].indent >= indent) {
            stack.pop();
        }
        let at = tree.items.len();
        tree.items.push(Item { line: line.no, indent, key, value, children: Vec::new() });
        match stack.last() {
            Some(&parent) => tree.items[parent].children.push(at),
            None => tree.roots.push(at),
        }
        // Only keyed items hold children: a plain line never opens a level.
        if tree.items[at].key.is_some() {
            stack.push(at);
        }
    }
    tree
}

impl Tree {
    /// The first root item whose key is `key`.
    pub fn root(&self, key: &str) -> Option<&Item> {
        self.roots.iter().map(|&i| &self.items[i]).find(|i| i.key.as_deref() == Some(key))
    }

    /// The children of `item`.
    pub fn children<'a>(&'a self, item: &'a Item) -> impl Iterator<Item = &'a Item> + 'a {
        item.children.iter().map(move |&i| &self.items[i])
    }

    /// The first child of `item` whose key is `key`.
    pub fn child<'a>(&'a self, item: &'a Item, key: &str) -> Option<&'a Item> {
        self.children(item).find(|c| c.key.as_deref() == Some(key))
    }

    /// The root items, in order.
    pub fn roots(&self) -> impl Iterator<Item = &Item> + '_ {
        self.roots.iter().map(|&i| &self.items[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_with_spaces_and_values_with_colons() {
        assert_eq!(split_key("    Last State:     Terminated"), Some(("Last State", "Terminated")));
        assert_eq!(
            split_key("Start Time:  Mon, 19 Apr 2021 18:17:25 -0700"),
            Some(("Start Time", "Mon, 19 Apr 2021 18:17:25 -0700"))
        );
        assert_eq!(split_key("  base:"), Some(("base", "")));
        assert_eq!(split_key("Status:\t\t\t\tSucceeded"), Some(("Status", "Succeeded")));
        assert_eq!(split_key("                job-name=report-digits"), None);
        assert_eq!(split_key("http://x:80/y"), None);
        assert_eq!(
            split_key("Error: secret \"x\" not found"),
            Some(("Error", "secret \"x\" not found"))
        );
    }

    #[test]
    fn nesting_follows_indentation() {
        let paste = Paste::new(
            "Containers:\n  app:\n    State:  Terminated\n      Exit Code:  1\n    Command:\n      \
             sh\n      -c\nEvents:  <none>",
        );
        let tree = tree(&paste, 0, paste.lines.len());
        let containers = tree.root("Containers").unwrap();
        let app = tree.child(containers, "app").unwrap();
        let state = tree.child(app, "State").unwrap();
        assert_eq!(state.value, "Terminated");
        assert_eq!(
            tree.child(state, "Exit Code").map(|i| (i.value.as_str(), i.line)),
            Some(("1", 4))
        );
        let command = tree.child(app, "Command").unwrap();
        let words: Vec<_> = tree.children(command).map(|i| i.value.as_str()).collect();
        assert_eq!(words, ["sh", "-c"]);
        assert_eq!(tree.root("Events").map(|i| i.value.as_str()), Some("<none>"));
    }
}
