//! Instant search over the knowledge base: guides and cause entries, by what a user types or
//! pastes.
//!
//! A document scores in two ways, added together:
//!
//! 1. **Phrases.** Each front matter string (what the user sees on screen, the error, the
//!    reason, the title, the aliases, the summary, the tags), each heading and, for a cause
//!    entry, each text pattern of its signals (the strings the analyzer keys on) is a phrase.
//!    The query is aligned with every phrase ([`align`]), variable parts of messages counting as
//!    wildcards, and the document takes its best phrase times that field's weight. A pasted
//!    message finds its template this way even when the names in it differ.
//! 2. **Body.** The words of the query are looked up in the body index built by `build.rs`
//!    ([`index`]): rare words count more, words used often in a document count more, up to a
//!    point. This finds a document by what it says, not only by what it is called.
//!
//! On both sides, words that every document uses and the words `kubectl` prints around a
//! message count little ([`weight`]), so a pasted event line is matched by its message.
//!
//! A document's best phrase gets a share of the best of each other group of its fields that
//! matched too: a guide that shows the query as a STATUS and lists it as an alias is more about it
//! than one that only shows it. Beside a phrase that matched in full, the body counts half: what a
//! document is called outranks what it talks about. A query that quotes a cause id as the analyzer
//! prints it (`Root cause: oom-killed`) finds that cause entry above all.
//!
//! Guides get a small bonus over cause entries, so a guide and a cause entry matched alike list
//! the guide first; a better field still wins: a cause entry whose signal the query holds comes
//! before a guide that lists the line among the program's logs. The index and the phrases are
//! prepared once, on the first search.

pub mod align;
pub mod index;
mod phrase;
mod score;
pub mod tokens;
pub mod weight;

use std::sync::OnceLock;

use self::align::{Keys, Side};
use self::index::Index;
use self::phrase::{phrases, Phrase};
use self::score::{hit, Asked};
use self::tokens::{Kind, Token};
use self::weight::Weigher;
use super::{Doc, Heading, SeenAs};

pub use self::phrase::{named_causes, shown_pattern, Signal};

/// The most characters of a query that are read; a paste may be long.
pub const MAX_QUERY_CHARS: usize = 2000;
/// The most tokens of a query that are matched.
const MAX_QUERY_TOKENS: usize = 64;
/// How many index terms an unfinished last word may stand for.
const MAX_PREFIX_TERMS: usize = 48;
/// A phrase counts only when its alignment matched at least this much weight (about one whole
/// word), or all of the phrase.
const MIN_ALIGNED: f32 = 0.6;
/// How much the body can add at most, against a phrase weight of up to 10.
const BODY_WEIGHT: f32 = 2.0;
/// How much of the body's value a full phrase match takes away (see [`FULL_PHRASE`]).
const BODY_DAMPING: f32 = 0.5;
/// The value of a phrase that matched in full: a `seen_as` string, the error, the reason.
const FULL_PHRASE: f32 = 10.0;
/// The factor a guide's score is multiplied by.
const GUIDE_BONUS: f32 = 1.08;
/// The share of the best value of each other group of fields (see `score::group`) that adds to
/// a document's best phrase.
const CORROBORATION: f32 = 0.1;
/// The share of its value a signal's pattern keeps when its words match but the pattern itself
/// does not (`PERMISSION_DENIED` against `permission denied`).
const SIGNAL_APPROXIMATE: f32 = 0.85;
/// The weight a phrase needs to count in full; a lighter one (one common word, such as the event
/// reason `Failed`) counts for its share of it, as such a word says little on its own.
const SPECIFIC_PHRASE: f32 = 0.8;
/// The lowest score a hit may have.
const MIN_SCORE: f32 = 0.4;
/// The share of its weight a number keeps as a body term: an exit code matters, but most numbers
/// of a paste are restarts and counts.
const NUMBER_TERM: f32 = 0.5;
/// How many uses of a word in a document of average length are worth half of all it can give.
const SATURATION: f32 = 1.2;

/// Where a document matched best.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// One of the things a guide says the user sees on screen.
    SeenAs(&'static SeenAs),
    /// The exact message of a guide.
    Error,
    /// The Kubernetes reason string of a guide.
    Reason,
    Title,
    /// The document's slug or id, as words: what it is named after.
    Slug,
    Alias(&'static str),
    Heading(&'static Heading),
    Summary,
    Tag(&'static str),
    /// The text pattern of one of a cause entry's signals, lower-case, `*` standing for any
    /// text (see `content/README.md`).
    Signal(&'static str),
    /// A cause entry's id, quoted as the analyzer prints it (see [`named_causes`]).
    Id,
    /// The text of the document.
    Body,
}

impl Field {
    /// How much a full match of this field is worth.
    fn weight(self) -> f32 {
        match self {
            Field::SeenAs(seen) if seen.place == "log" => 8.0,
            Field::SeenAs(_) | Field::Error | Field::Reason => 10.0,
            // A signal that cannot mean anything else is as good as a `seen_as`; a generic one
            // is about as good as an alias.
            Field::Signal(_) => 10.0,
            // The analyzer named this very entry: above any match of words.
            Field::Id => 12.0,
            Field::Title | Field::Slug => 9.0,
            Field::Alias(_) => 8.0,
            Field::Heading(_) => 5.0,
            Field::Summary | Field::Tag(_) => 4.0,
            Field::Body => BODY_WEIGHT,
        }
    }
}

/// A document found by a search.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    pub doc: &'static Doc,
    /// What matched best, to show beside the title.
    pub field: Field,
    /// The heading to open the document at, when the match is under one.
    pub heading: Option<&'static Heading>,
    pub score: f32,
}

/// The documents of the app, prepared for search on first use.
pub fn search(query: &str, limit: usize) -> Vec<Hit> {
    corpus().search(query, limit)
}

/// Native builds and the one-file build carry the body index.
#[cfg(any(not(target_arch = "wasm32"), feature = "embedded-docs"))]
fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        Corpus::new(
            super::docs(),
            Index::decode(super::SEARCH_TERMS, super::SEARCH_POSTINGS),
            &Signal::of_rules(),
        )
    })
}

/// The body index as one file: the terms' byte length (4 bytes, little-endian), the terms, the
/// postings. The build writes it beside the browser app (`src/site.rs`), which fetches it.
#[cfg(any(not(target_arch = "wasm32"), feature = "embedded-docs"))]
pub fn index_file() -> Vec<u8> {
    let terms = super::SEARCH_TERMS.as_bytes();
    let mut out = Vec::with_capacity(4 + terms.len() + super::SEARCH_POSTINGS.len());
    out.extend_from_slice(&(terms.len() as u32).to_le_bytes());
    out.extend_from_slice(terms);
    out.extend_from_slice(super::SEARCH_POSTINGS);
    out
}

/// The browser app searches the front matter and headings at once, and the bodies too once
/// [`install_index`] has been given the body index.
#[cfg(all(target_arch = "wasm32", not(feature = "embedded-docs")))]
fn corpus() -> &'static Corpus {
    if let Some(full) = FULL.get() {
        return full;
    }
    static WITHOUT_BODIES: OnceLock<Corpus> = OnceLock::new();
    WITHOUT_BODIES.get_or_init(|| Corpus::new(super::docs(), Index::default(), &Signal::of_rules()))
}

#[cfg(all(target_arch = "wasm32", not(feature = "embedded-docs")))]
static FULL: OnceLock<Corpus> = OnceLock::new();

/// Takes the body index file ([`index_file`]'s format) the browser app fetched; a lower-case
/// message when the bytes are not one. Called once; the index lives as long as the page.
#[cfg(all(target_arch = "wasm32", not(feature = "embedded-docs")))]
pub fn install_index(file: Vec<u8>) -> Result<(), String> {
    let (terms, postings) = split_index_file(&file)?;
    let terms: &'static str = Box::leak(terms.to_owned().into_boxed_str());
    let postings: &'static [u8] = Box::leak(postings.to_vec().into_boxed_slice());
    let corpus = Corpus::new(super::docs(), Index::decode(terms, postings), &Signal::of_rules());
    let _ = FULL.set(corpus);
    Ok(())
}

/// Whether searches see the bodies.
pub fn has_bodies() -> bool {
    #[cfg(all(target_arch = "wasm32", not(feature = "embedded-docs")))]
    return FULL.get().is_some();
    #[cfg(any(not(target_arch = "wasm32"), feature = "embedded-docs"))]
    return true;
}

/// The terms and the postings of a body index file.
pub fn split_index_file(file: &[u8]) -> Result<(&str, &[u8]), String> {
    let bad = || "the search index is damaged".to_owned();
    let (len, rest) = file.split_first_chunk::<4>().ok_or_else(bad)?;
    let len = u32::from_le_bytes(*len) as usize;
    let terms = rest.get(..len).ok_or_else(bad)?;
    let terms = std::str::from_utf8(terms).map_err(|_| bad())?;
    Ok((terms, rest.get(len..).unwrap_or_default()))
}

/// A set of documents with their body index and their phrases, tokenized and weighed.
#[derive(Debug)]
pub struct Corpus {
    docs: &'static [Doc],
    index: Index,
    phrases: Vec<Vec<Phrase>>,
    /// One more than the most headings a document has: the sections of the longest one.
    sections: usize,
}

/// A query, read once.
struct Query {
    tokens: Vec<Token>,
    /// The last token may be a word still being typed.
    typing: bool,
    /// The body index terms, each with whether it may be unfinished.
    terms: Vec<(String, bool)>,
    /// The cause ids it quotes from the analyzer's output.
    named: Vec<String>,
    /// The text read, lower-case.
    lower: String,
}

impl Query {
    fn read(text: &str) -> Query {
        let end = text.char_indices().nth(MAX_QUERY_CHARS).map_or(text.len(), |(at, _)| at);
        let text = &text[..end];
        let mut tokens = tokens::tokens(text);
        tokens.truncate(MAX_QUERY_TOKENS);
        let typing = !text.ends_with(char::is_whitespace)
            && tokens.last().is_some_and(|t| t.kind == Kind::Word)
            && text.ends_with(char::is_alphanumeric);
        let last = tokens.len().saturating_sub(1);
        let mut terms: Vec<(String, bool)> = Vec::new();
        for (at, token) in tokens.iter().enumerate() {
            if let Some(term) = tokens::term(token.clone()) {
                let unfinished = typing && at == last;
                match terms.iter_mut().find(|(t, _)| *t == term) {
                    Some(seen) => seen.1 &= unfinished,
                    None => terms.push((term, unfinished)),
                }
            }
        }
        Query { tokens, typing, terms, named: named_causes(text), lower: text.to_lowercase() }
    }

    /// The weight of each token; the last one, when it is being typed, as the word it may become.
    fn weights(&self, weigher: &Weigher) -> Vec<f32> {
        let last = self.tokens.len().saturating_sub(1);
        let weigh = |(at, token)| match self.typing && at == last {
            true => weigher.weight_unfinished(token),
            false => weigher.query_weight(token),
        };
        self.tokens.iter().enumerate().map(weigh).collect()
    }
}

/// What the body index says about one document.
#[derive(Clone, Debug, Default)]
struct BodyMatch {
    /// From 0 to about 1.
    score: f32,
    /// The section that matched most, and how much.
    best_section: Option<(u8, f32)>,
}

impl Corpus {
    /// Prepares `docs`, whose body index is `index`; `signals` name the cause entries they are
    /// phrases of by id.
    pub fn new(docs: &'static [Doc], index: Index, signals: &[Signal]) -> Corpus {
        let weigher = Weigher::new(&index, docs.len());
        let phrases = docs.iter().map(|doc| phrases(doc, signals, &weigher)).collect();
        let sections = docs.iter().map(|doc| doc.headings.len() + 1).max().unwrap_or(1).min(256);
        Corpus { docs, index, phrases, sections }
    }

    /// The best `limit` documents for `query`, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let query = Query::read(query);
        if query.tokens.is_empty() {
            return Vec::new();
        }
        let weights = query.weights(&Weigher::new(&self.index, self.docs.len()));
        let keys = Keys::of(&query.tokens);
        let asked = Asked {
            side: Side::new(&query.tokens, &weights),
            typing: query.typing,
            lower: &query.lower,
            named: &query.named,
            keys: &keys,
        };
        let body = self.body_matches(&query);
        let found = self.docs.iter().zip(&self.phrases).zip(body);
        let mut hits: Vec<Hit> = Vec::with_capacity(limit + 1);
        for ((doc, phrases), body) in found {
            let Some(hit) = hit(doc, phrases, asked, &body).filter(|h| h.score >= MIN_SCORE) else {
                continue;
            };
            // Best first; a tie keeps the order of the documents.
            let at = hits.iter().position(|h| h.score < hit.score).unwrap_or(hits.len());
            if at < limit {
                hits.insert(at, hit);
                hits.truncate(limit);
            }
        }
        hits
    }

    /// The body match of every document, in document order.
    fn body_matches(&self, query: &Query) -> Vec<BodyMatch> {
        let docs = self.docs.len();
        let stride = self.sections;
        let documents = docs as f32;
        let idf = |id: usize| (1.0 + documents / self.index.documents(id).max(1) as f32).ln();
        let mean = self.index.mean_length().max(1.0);
        // How far a use of a word goes in each document: less in a long one (as in BM25).
        let saturation: Vec<f32> = (0..docs)
            .map(|doc| SATURATION * (0.25 + 0.75 * self.index.length(doc) as f32 / mean))
            .collect();
        let saturate = |doc: usize, count: f32| count / (count + saturation[doc]);

        let mut out = vec![BodyMatch::default(); docs];
        // Section scores at `doc * stride + section`, summed over the query's terms.
        let mut sections = vec![0.0f32; docs * stride];
        // For one term, the best of its spellings: per document, per section, and the counts of
        // one spelling per document.
        let mut term_docs = vec![0.0f32; docs];
        let mut term_sections = vec![0.0f32; docs * stride];
        let mut counts = vec![0.0f32; docs];
        let mut total = 0.0;
        for (term, unfinished) in &query.terms {
            let frame =
                weight::frame_factor(term) * if is_number(term) { NUMBER_TERM } else { 1.0 };
            let exact = self.index.find(term);
            let mut ids: Vec<(usize, f32)> = exact.map(|id| (id, frame)).into_iter().collect();
            if *unfinished {
                let longer = self.index.with_prefix(term).filter(|id| Some(*id) != exact);
                ids.extend(longer.take(MAX_PREFIX_TERMS).map(|id| (id, 0.8 * frame)));
            }
            let rarest = ids.iter().map(|&(id, share)| share * idf(id)).fold(0.0, f32::max);
            total += if ids.is_empty() { frame * (1.0 + documents).ln() } else { rarest };
            term_docs.fill(0.0);
            term_sections.fill(0.0);
            for &(id, share) in &ids {
                let weight = share * idf(id);
                counts.fill(0.0);
                for posting in self.index.postings(id) {
                    let (doc, section) = (posting.doc as usize, usize::from(posting.section));
                    if doc >= docs || section >= stride {
                        continue;
                    }
                    let count = f32::from(posting.count);
                    counts[doc] += count;
                    let at = doc * stride + section;
                    term_sections[at] = term_sections[at].max(weight * saturate(doc, count));
                }
                for (doc, &count) in counts.iter().enumerate().filter(|(_, &c)| c > 0.0) {
                    term_docs[doc] = term_docs[doc].max(weight * saturate(doc, count));
                }
            }
            out.iter_mut().zip(&term_docs).for_each(|(found, value)| found.score += value);
            sections.iter_mut().zip(&term_sections).for_each(|(sum, value)| *sum += value);
        }
        for (doc, found) in out.iter_mut().enumerate() {
            if total > 0.0 {
                found.score /= total;
            }
            let row = sections[doc * stride..(doc + 1) * stride].iter().enumerate();
            found.best_section = row.filter(|(_, &value)| value > 0.0).fold(
                None,
                |best: Option<(u8, f32)>, (section, &value)| match best {
                    Some((_, top)) if top >= value => best,
                    _ => Some((section as u8, value)),
                },
            );
        }
        out
    }
}

/// Whether a body term is a number (the index keeps short ones, such as exit codes).
fn is_number(term: &str) -> bool {
    term.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests;
