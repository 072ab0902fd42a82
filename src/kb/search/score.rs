//! The score of one document for a query: its best phrase, what the other groups of its fields
//! add, and its body.

use super::align::{self, Keys, Side};
use super::phrase::Phrase;
use super::{BodyMatch, Field, Hit};
use super::{BODY_DAMPING, BODY_WEIGHT, CORROBORATION, FULL_PHRASE, GUIDE_BONUS};
use super::{MIN_ALIGNED, SIGNAL_APPROXIMATE, SPECIFIC_PHRASE};
use crate::kb::{Doc, DocKind};
use crate::rules::pattern;

/// What [`hit`] needs to know of the query.
#[derive(Clone, Copy)]
pub struct Asked<'a> {
    pub side: Side<'a>,
    /// Whether the last token may be unfinished.
    pub typing: bool,
    /// The text, lower-case.
    pub lower: &'a str,
    /// The cause ids it quotes from the analyzer's output.
    pub named: &'a [String],
    /// What a phrase needs to match it at all.
    pub keys: &'a Keys,
}

/// The groups of fields that corroborate each other: a document that shows the query as a
/// `seen_as` string and lists it as an alias too is more about it than one that only shows it.
fn group(field: Field) -> Option<usize> {
    match field {
        Field::SeenAs(_) => Some(0),
        Field::Error | Field::Reason => Some(1),
        Field::Title | Field::Slug => Some(2),
        Field::Alias(_) => Some(3),
        Field::Signal(_) => Some(4),
        Field::Heading(_) | Field::Summary | Field::Tag(_) | Field::Id | Field::Body => None,
    }
}

/// How many groups [`group`] makes.
const GROUPS: usize = 5;

/// The phrases of one document that matched: the best, and the best of each group of fields.
#[derive(Clone, Copy, Debug, Default)]
struct Matched {
    best: Option<(Field, f32)>,
    groups: [f32; GROUPS],
}

impl Matched {
    fn add(&mut self, field: Field, value: f32) {
        if let Some(at) = group(field) {
            self.groups[at] = self.groups[at].max(value);
        }
        if self.best.is_none_or(|(_, best)| value > best) {
            self.best = Some((field, value));
        }
    }

    /// The best value, and a share ([`CORROBORATION`]) of the best of every other group.
    fn value(&self) -> f32 {
        let Some((field, best)) = self.best else { return 0.0 };
        let own = group(field);
        let others: f32 = (0..GROUPS).filter(|at| Some(*at) != own).map(|at| self.groups[at]).sum();
        best + CORROBORATION * others
    }
}

/// The hit for `doc`, if anything matched.
pub fn hit(doc: &'static Doc, phrases: &[Phrase], asked: Asked, body: &BodyMatch) -> Option<Hit> {
    let mut matched = Matched::default();
    if doc.kind == DocKind::Cause && asked.named.iter().any(|id| id == doc.slug) {
        matched.add(Field::Id, Field::Id.weight());
    }
    for phrase in phrases.iter().filter(|phrase| asked.keys.may_match(&phrase.tokens)) {
        let tokens = Side::new(&phrase.tokens, &phrase.weights);
        let alignment = align::align(tokens, asked.side, asked.typing);
        if alignment.score < MIN_ALIGNED.min(alignment.phrase) {
            continue;
        }
        let weight = if alignment.is_whole() { phrase.whole } else { phrase.weight };
        let light = (alignment.phrase / SPECIFIC_PHRASE).min(1.0);
        let mut value = weight * alignment.value() * light;
        if let Field::Signal(pattern) = phrase.field {
            let body = pattern.strip_prefix('^').unwrap_or(pattern);
            if pattern::find(body, asked.lower).is_none() {
                value *= SIGNAL_APPROXIMATE;
            }
        }
        matched.add(phrase.field, value);
    }
    let phrase_value = matched.value();
    // What a document is called outranks what it talks about: beside a phrase that matched in
    // full, the body counts half.
    let strength = matched.best.map_or(0.0, |(_, best)| (best / FULL_PHRASE).min(1.0));
    let body_value = BODY_WEIGHT * body.score * (1.0 - BODY_DAMPING * strength);
    if phrase_value <= 0.0 && body_value <= 0.0 {
        return None;
    }
    let (field, heading) = match matched.best {
        Some((Field::Heading(heading), value)) if value >= body_value => {
            (Field::Heading(heading), Some(heading))
        }
        Some((field, value)) if value >= body_value => (field, None),
        _ => {
            let section = body.best_section.map_or(0, |(section, _)| usize::from(section));
            (Field::Body, section.checked_sub(1).and_then(|at| doc.headings.get(at)))
        }
    };
    let bonus = if doc.kind == DocKind::Guide { GUIDE_BONUS } else { 1.0 };
    Some(Hit { doc, field, heading, score: (phrase_value + body_value) * bonus })
}
