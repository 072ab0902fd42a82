//! A small YAML writer for generated fixes, in the layout `kubectl` prints: two spaces per level,
//! sequence items at their key's indentation, strings quoted only when they must be.

/// A YAML value to write.
#[derive(Clone, Debug, PartialEq)]
pub enum Y {
    /// A mapping, keys in order.
    Map(Vec<(String, Y)>),
    /// A block sequence.
    Seq(Vec<Y>),
    /// A scalar, with a comment written after it.
    Scalar(String, Option<String>),
    /// A flow sequence of scalars: `[1, 2]`.
    Flow(Vec<String>),
}

impl Y {
    pub fn map(entries: Vec<(&str, Y)>) -> Y {
        Y::Map(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }

    pub fn text(value: &str) -> Y {
        Y::Scalar(value.to_owned(), None)
    }
}

/// `value` as a YAML document body, ending with a newline.
pub fn write(value: &Y) -> String {
    let mut out = String::new();
    block(value, 0, &mut out);
    out
}

fn pad(indent: usize) -> String {
    " ".repeat(indent)
}

/// Writes a mapping or sequence at `indent`; a scalar on its own line.
fn block(value: &Y, indent: usize, out: &mut String) {
    match value {
        Y::Map(entries) => {
            for (key, value) in entries {
                entry(key, value, indent, &pad(indent), out);
            }
        }
        Y::Seq(items) => {
            for item in items {
                match item {
                    Y::Map(entries) => {
                        for (i, (key, value)) in entries.iter().enumerate() {
                            let lead =
                                if i == 0 { format!("{}- ", pad(indent)) } else { pad(indent + 2) };
                            entry(key, value, indent + 2, &lead, out);
                        }
                    }
                    other => {
                        out.push_str(&format!("{}- {}\n", pad(indent), inline(other)));
                    }
                }
            }
        }
        other => {
            out.push_str(&pad(indent));
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
}

/// One `key: value` at `indent`, the key after `lead` (its indentation, or `- `).
fn entry(key: &str, value: &Y, indent: usize, lead: &str, out: &mut String) {
    match value {
        Y::Map(_) => {
            out.push_str(&format!("{lead}{key}:\n"));
            block(value, indent + 2, out);
        }
        Y::Seq(_) => {
            out.push_str(&format!("{lead}{key}:\n"));
            block(value, indent, out);
        }
        scalar => out.push_str(&format!("{lead}{key}: {}\n", inline(scalar))),
    }
}

/// A scalar or flow sequence on one line, with its comment.
fn inline(value: &Y) -> String {
    match value {
        Y::Scalar(text, comment) => {
            let comment = comment.as_ref().map(|c| format!("  # {c}")).unwrap_or_default();
            format!("{}{comment}", quote(text))
        }
        Y::Flow(items) => {
            let items: Vec<String> = items.iter().map(|i| quote(i)).collect();
            format!("[{}]", items.join(", "))
        }
        Y::Map(_) | Y::Seq(_) => "{}".to_owned(),
    }
}

/// `text` as is when YAML reads it back as the same string (names, numbers, quantities),
/// else double-quoted with the escapes YAML and JSON share.
fn quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text.chars().all(|c| c.is_ascii_alphanumeric() || "._/-".contains(c))
        && !matches!(text, "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "~");
    if plain {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_maps_sequences_and_comments() {
        let container = Y::map(vec![
            ("name", Y::text("report")),
            (
                "resources",
                Y::map(vec![("memory", Y::Scalar("1Gi".into(), Some("was 512Mi".into())))]),
            ),
        ]);
        let doc = Y::map(vec![(
            "spec",
            Y::map(vec![
                ("containers", Y::Seq(vec![container])),
                ("values", Y::Flow(vec!["1".into(), "2".into()])),
                ("odd", Y::text("a: b")),
            ]),
        )]);
        assert_eq!(
            write(&doc),
            "spec:\n  containers:\n  - name: report\n    resources:\n      memory: 1Gi  # was 512Mi\n  \
             values: [1, 2]\n  odd: \"a: b\"\n"
        );
    }

    #[test]
    fn what_yaml_would_misread_is_quoted() {
        assert_eq!(quote("no"), "\"no\"");
        assert_eq!(quote("migrate-7kq2x"), "migrate-7kq2x");
        assert_eq!(quote("x\"y"), "\"x\\\"y\"");
        assert_eq!(quote("a\\b\tc"), "\"a\\\\b\\u0009c\"");
    }
}
