//! The analyzer's short texts: lint messages (`content/lint/`), the words around generated fixes
//! (`content/fixes/`) and what to collect when the paste lacks something (`content/gaps/`).
//!
//! Each file is one YAML mapping of plain-text fields, named after its `id`. A [`Schema`] per
//! directory says which fields exist, which are required and which `{name}` placeholders the
//! texts may use; [`read`] checks a file against it and [`to_rust`] writes the statics that
//! `src/kb.rs` includes. Shared with `build.rs` through `#[path]`, like the rest of `src/kb/`.

use std::fmt::Write as _;

use super::placeholder;
use super::yaml;

/// What the files of one directory hold.
#[derive(Debug)]
pub struct Schema {
    /// The directory under `content/`.
    pub dir: &'static str,
    /// The struct of `src/kb.rs` its entries become; its fields are `id` and [`Schema::fields`].
    pub type_name: &'static str,
    /// The static of `src/kb.rs` that lists them.
    pub static_name: &'static str,
    /// Every field besides `id`, and whether it is required.
    pub fields: &'static [(&'static str, bool)],
    /// The placeholders the texts may use.
    pub placeholders: &'static [&'static str],
}

/// The three directories of short texts.
pub const SCHEMAS: &[Schema] = &[
    Schema {
        dir: "lint",
        type_name: "LintText",
        static_name: "LINT_TEXTS",
        fields: &[("message", true), ("fix", true)],
        placeholders: placeholder::LINT_NAMES,
    },
    Schema {
        dir: "fixes",
        type_name: "FixText",
        static_name: "FIX_TEXTS",
        fields: &[("title", true), ("why", true), ("note", false)],
        placeholders: placeholder::FIX_NAMES,
    },
    Schema {
        dir: "gaps",
        type_name: "GapText",
        static_name: "GAP_TEXTS",
        fields: &[("why", true), ("command", true)],
        placeholders: placeholder::NAMES,
    },
];

/// One checked file: its schema, its id and a value for each of the schema's fields, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub dir: &'static str,
    pub id: String,
    pub values: Vec<Option<String>>,
}

/// The schema of `dir`, when it is one of the short-text directories.
pub fn schema(dir: &str) -> Option<&'static Schema> {
    SCHEMAS.iter().find(|s| s.dir == dir)
}

/// Reads `source`, the file `<stem>.yaml` of `schema`'s directory. Problems come with their
/// line, counted from 1.
pub fn read(
    schema: &'static Schema,
    stem: &str,
    source: &str,
) -> Result<Text, Vec<(usize, String)>> {
    let parsed = yaml::parse(source);
    if let Some(error) = parsed.errors.first() {
        return Err(vec![(error.line, error.message.clone())]);
    }
    let root = match parsed.docs.as_slice() {
        [root] if !root.entries().is_empty() => root,
        _ => return Err(vec![(1, "the file must hold one mapping of fields".to_owned())]),
    };
    let mut problems = Vec::new();
    for (index, entry) in root.entries().iter().enumerate() {
        let known = entry.key == "id" || schema.fields.iter().any(|(name, _)| *name == entry.key);
        if !known {
            problems
                .push((entry.line, format!("unknown field `{}` in {}/", entry.key, schema.dir)));
        } else if root.entries()[..index].iter().any(|e| e.key == entry.key) {
            problems.push((entry.line, format!("field `{}` is given twice", entry.key)));
        }
    }
    let text = |key: &str, required: bool, problems: &mut Vec<(usize, String)>| {
        let Some(entry) = root.entry(key) else {
            if required {
                problems.push((1, format!("missing field `{key}`")));
            }
            return None;
        };
        let line = entry.value.line;
        let Some(value) = entry.value.as_str().map(str::trim).filter(|v| !v.is_empty()) else {
            problems.push((line, format!("`{key}` must be a non-empty string")));
            return None;
        };
        if value.contains('`') || value.contains('\n') {
            problems.push((line, format!("`{key}` is one line of plain text, without backticks")));
        }
        for token in placeholder::unknown_in(value, schema.placeholders) {
            let known = schema.placeholders.join("}, {");
            problems.push((line, format!("unknown placeholder `{token}` (known: {{{known}}})")));
        }
        Some(value.to_owned())
    };
    let id = text("id", true, &mut problems).unwrap_or_default();
    if !id.is_empty() && id != stem {
        problems.push((
            root.entry("id").map_or(1, |e| e.value.line),
            format!("`id` is `{id}` but the file is `{stem}.yaml`"),
        ));
    }
    let values =
        schema.fields.iter().map(|(key, required)| text(key, *required, &mut problems)).collect();
    problems.sort_by_key(|(line, _)| *line);
    if problems.is_empty() {
        Ok(Text { dir: schema.dir, id, values })
    } else {
        Err(problems)
    }
}

/// The statics of every schema, each sorted by id: `static LINT_TEXTS: &[LintText] = &[...];`.
pub fn to_rust(texts: &[Text]) -> String {
    let mut out = String::new();
    for schema in SCHEMAS {
        let mut mine: Vec<&Text> = texts.iter().filter(|t| t.dir == schema.dir).collect();
        mine.sort_by(|a, b| a.id.cmp(&b.id));
        let _ = writeln!(out, "static {}: &[{}] = &[", schema.static_name, schema.type_name);
        for text in mine {
            let _ = write!(out, "    {} {{ id: {:?}", schema.type_name, text.id);
            for ((name, required), value) in schema.fields.iter().zip(&text.values) {
                let value = value.as_deref().unwrap_or_default();
                match (required, value.is_empty()) {
                    (true, _) => {
                        let _ = write!(out, ", {name}: {value:?}");
                    }
                    (false, true) => {
                        let _ = write!(out, ", {name}: None");
                    }
                    (false, false) => {
                        let _ = write!(out, ", {name}: Some({value:?})");
                    }
                }
            }
            out.push_str(" },\n");
        }
        out.push_str("];\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint() -> &'static Schema {
        schema("lint").expect("lint schema")
    }

    #[test]
    fn a_lint_text_reads_and_becomes_rust() {
        let text = read(
            lint(),
            "no-ttl",
            "id: no-ttl\nmessage: \"Kept {value} \\\"s\\\"\"\nfix: Set it.\n",
        )
        .expect("valid");
        assert_eq!(
            text.values,
            [Some("Kept {value} \"s\"".to_owned()), Some("Set it.".to_owned())]
        );
        let rust = to_rust(&[text]);
        assert!(
            rust.contains(
                r#"LintText { id: "no-ttl", message: "Kept {value} \"s\"", fix: "Set it." },"#
            ),
            "{rust}"
        );
        assert!(rust.contains("static FIX_TEXTS: &[FixText] = &[\n];"), "{rust}");
    }

    #[test]
    fn optional_fields_become_options() {
        let fixes = schema("fixes").expect("fixes schema");
        let text = read(fixes, "memory-limit", "id: memory-limit\ntitle: T {container}\nwhy: W\n")
            .expect("valid");
        assert!(to_rust(&[text]).contains(
            r#"FixText { id: "memory-limit", title: "T {container}", why: "W", note: None },"#
        ));
    }

    #[test]
    fn problems_name_their_line() {
        let found = read(
            lint(),
            "no-ttl",
            "id: other\nmessage: \"uses {pod}\"\nfix: \"`code`\"\nextra: x\nfix: again\n",
        )
        .expect_err("invalid");
        let lines: Vec<String> = found.iter().map(|(l, m)| format!("{l}: {m}")).collect();
        assert_eq!(
            lines,
            [
                "1: `id` is `other` but the file is `no-ttl.yaml`",
                "2: unknown placeholder `{pod}` (known: {value}, {container}, {image}, {attempts}, {outcome}, {policy})",
                "3: `fix` is one line of plain text, without backticks",
                "4: unknown field `extra` in lint/",
                "5: field `fix` is given twice",
            ]
        );
        let missing = read(lint(), "x", "id: x\nmessage: m\n").expect_err("no fix");
        assert_eq!(missing, [(1, "missing field `fix`".to_owned())]);
        assert!(read(lint(), "x", "- a\n").is_err());
    }
}
