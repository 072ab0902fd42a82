//! The phrases of a document: the strings of its front matter and headings, and for a cause
//! entry the text patterns of its signals, tokenized and weighed once; and the cause ids a query
//! quotes from the analyzer's output.

use super::tokens::{self, Kind, Token};
use super::weight::Weigher;
use super::{Field, FULL_PHRASE};
use crate::kb::{Doc, DocKind};

/// A text pattern of a cause entry's signals, as a phrase of the cause entry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Signal {
    /// The id of the cause entry.
    pub cause: &'static str,
    /// The pattern, lower-case, as in [`crate::rules::Key::Text`].
    pub pattern: &'static str,
    /// The signal's strength, from 0.05 to 0.95.
    pub strength: f32,
}

impl Signal {
    /// The text patterns of the analyzer's rules, as the build listed them for search.
    pub fn of_rules() -> Vec<Signal> {
        crate::kb::search_signals()
            .iter()
            .map(|&(cause, pattern, strength)| Signal { cause, pattern, strength })
            .collect()
    }

    /// How much a full match is worth: a signal that cannot mean anything else (0.75 or more)
    /// as much as a `seen_as` string, a generic one about as much as an alias.
    fn weight(&self) -> f32 {
        (7.0 + 4.0 * self.strength).min(Field::Signal(self.pattern).weight())
    }
}

/// The pattern of a signal as a reader would write it: `*` shown as `…`, without the `^` that
/// anchors it.
pub fn shown_pattern(pattern: &str) -> String {
    pattern.strip_prefix('^').unwrap_or(pattern).replace('*', "…")
}

/// The tokens of a signal's pattern: a quoted `*` is a quoted name, any other `*` a placeholder
/// that stands for any number of tokens (see [`super::align::is_star`]).
fn pattern_tokens(pattern: &str) -> Vec<Token> {
    let pattern = pattern.strip_prefix('^').unwrap_or(pattern);
    let pattern = pattern.replace("\"*\"", "\"<name>\"").replace("'*'", "'<name>'");
    let mut out = Vec::new();
    for (at, part) in pattern.split('*').enumerate() {
        if at > 0 {
            out.push(Token::new("*", Kind::Placeholder));
        }
        out.extend(tokens::tokens(part));
    }
    out
}

/// The cause ids `text` quotes as the analyzer prints them: `Root cause: oom-killed (95%)` in
/// the terminal, `"cause": "oom-killed"` in JSON. A user who searches what the analyzer said
/// wants the entry it named, whose steps it showed.
pub fn named_causes(text: &str) -> Vec<String> {
    let text = text.to_lowercase();
    let mut named = Vec::new();
    for (at, _) in text.match_indices("cause") {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '-') {
            continue;
        }
        let rest = &text[at + "cause".len()..];
        let gap = rest.len() - rest.trim_start_matches(['"', '\'', ' ', '\t', ':']).len();
        if !rest[..gap].contains(':') {
            continue;
        }
        let id: String =
            rest[gap..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
        if !id.is_empty() && !named.contains(&id) {
            named.push(id);
        }
    }
    named
}

/// A phrase of a document.
#[derive(Debug)]
pub struct Phrase {
    pub field: Field,
    /// What a full match is worth.
    pub weight: f32,
    /// What a match is worth when the phrase is the whole query (see [`whole_weight`]).
    pub whole: f32,
    pub tokens: Vec<Token>,
    /// The weight of each token.
    pub weights: Vec<f32>,
}

/// The phrases of `doc`, with those of the `signals` of its cause entry, tokenized and weighed
/// once.
pub fn phrases(doc: &'static Doc, signals: &[Signal], weigher: &Weigher) -> Vec<Phrase> {
    let mut fields: Vec<(Field, &str)> = Vec::new();
    fields.extend(doc.seen_as.iter().map(|seen| (Field::SeenAs(seen), seen.text)));
    fields.extend(doc.error.map(|error| (Field::Error, error)));
    fields.extend(doc.reason.map(|reason| (Field::Reason, reason)));
    fields.push((Field::Title, doc.title));
    fields.push((Field::Slug, doc.slug));
    fields.extend(doc.aliases.iter().map(|alias| (Field::Alias(alias), *alias)));
    fields.extend(doc.headings.iter().map(|heading| (Field::Heading(heading), heading.text)));
    fields.push((Field::Summary, doc.summary));
    fields.extend(doc.tags.iter().map(|tag| (Field::Tag(tag), *tag)));
    let mut phrases: Vec<(Field, f32, Vec<Token>)> = fields
        .into_iter()
        .map(|(field, text)| (field, field.weight(), tokens::tokens(text)))
        .collect();
    if doc.kind == DocKind::Cause {
        let own = signals.iter().filter(|signal| signal.cause == doc.slug);
        phrases.extend(own.map(|signal| {
            (Field::Signal(signal.pattern), signal.weight(), pattern_tokens(signal.pattern))
        }));
    }
    phrases
        .into_iter()
        .filter(|(_, _, tokens)| !tokens.is_empty())
        .map(|(field, weight, tokens)| {
            let weights = tokens.iter().map(|token| weigher.weight(token)).collect();
            Phrase { field, weight, whole: whole_weight(field, weight, signals), tokens, weights }
        })
        .collect()
}

/// What a phrase worth `weight` is worth when it is the whole query: an alias as much as a
/// `seen_as` string, for it is the author's own answer to that query, unless it is the text of
/// a cause's signal. Such a string is the cause's: the analyzer names that cause for it, and a
/// guide that lists it as an alias points to the cause more than it is about it.
fn whole_weight(field: Field, weight: f32, signals: &[Signal]) -> f32 {
    match field {
        Field::Alias(alias) if !signals.iter().any(|s| s.pattern.eq_ignore_ascii_case(alias)) => {
            FULL_PHRASE
        }
        _ => weight,
    }
}
