//! The body index: which documents, and which sections of them, use each term.
//!
//! `build.rs` includes this file (through `#[path]`) and calls [`encode`]; the app reads the
//! result with [`Index::decode`]. The format is two static strings in `content.rs`:
//!
//! - the terms, sorted, joined by `\n`;
//! - the postings, one list per term in the same order: the number of postings (a LEB128
//!   varint), then for each posting the document number as a difference from the previous one
//!   (a varint), the section number (a byte) and how often the term occurs there (a byte).
//!
//! Section 0 is the text before the first heading and section `k` the text under the `k`-th
//! `h2` or `h3`; both bytes stop at 255. Decoding is total: bytes cut short give fewer postings.

use std::collections::BTreeMap;
use std::ops::Range;

/// One document section that uses a term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Posting {
    /// The document's position in the compiled list of documents.
    pub doc: u32,
    /// 0 before the first heading, `k` under the `k`-th heading.
    pub section: u8,
    /// How often the term occurs in the section, at most 255.
    pub count: u8,
}

/// The two strings of the index for `terms`; each list of postings must be sorted.
pub fn encode(terms: &BTreeMap<String, Vec<Posting>>) -> (String, Vec<u8>) {
    let names: Vec<&str> = terms.keys().map(String::as_str).collect();
    let mut bytes = Vec::new();
    for postings in terms.values() {
        push_varint(&mut bytes, postings.len() as u32);
        let mut previous = 0;
        for posting in postings {
            push_varint(&mut bytes, posting.doc.saturating_sub(previous));
            bytes.push(posting.section);
            bytes.push(posting.count);
            previous = posting.doc;
        }
    }
    (names.join("\n"), bytes)
}

fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads the varint at `*at`, moving past it; `None` when the bytes end first.
fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut value: u32 = 0;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u32::from(byte & 0x7f).checked_shl(shift).unwrap_or(0);
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// More documents than any knowledge base has; postings past it are ignored.
const MAX_DOCS: usize = 1 << 16;

/// Where one term's postings are, and in how many documents it occurs.
#[derive(Clone, Copy, Debug)]
struct Entry {
    offset: usize,
    count: usize,
    documents: usize,
}

/// The decoded index: the terms, where each one's postings start, and how long each document is.
#[derive(Clone, Debug, Default)]
pub struct Index {
    terms: Vec<&'static str>,
    entries: Vec<Entry>,
    bytes: &'static [u8],
    /// The number of indexed words of each document, by document number.
    lengths: Vec<u32>,
}

impl Index {
    /// Reads the two strings [`encode`] wrote.
    pub fn decode(terms: &'static str, bytes: &'static [u8]) -> Index {
        let terms: Vec<&str> =
            if terms.is_empty() { Vec::new() } else { terms.split('\n').collect() };
        let mut entries = Vec::with_capacity(terms.len());
        let mut at = 0;
        for _ in &terms {
            let count = read_varint(bytes, &mut at).unwrap_or(0) as usize;
            let offset = at;
            let mut documents = 0;
            for _ in 0..count {
                match read_varint(bytes, &mut at) {
                    Some(delta) if delta > 0 || documents == 0 => documents += 1,
                    Some(_) => {}
                    None => break,
                }
                at = (at + 2).min(bytes.len());
            }
            entries.push(Entry { offset, count, documents });
        }
        let mut index = Index { terms, entries, bytes, lengths: Vec::new() };
        index.lengths = index.measure();
        index
    }

    /// The number of indexed words of each document: the sum of its counts over every term.
    fn measure(&self) -> Vec<u32> {
        let mut lengths: Vec<u32> = Vec::new();
        for id in 0..self.terms.len() {
            for posting in self.postings(id) {
                let doc = posting.doc as usize;
                // A damaged index (the browser app fetches it) must not size a huge table.
                if doc >= MAX_DOCS {
                    continue;
                }
                if doc >= lengths.len() {
                    lengths.resize(doc + 1, 0);
                }
                lengths[doc] += u32::from(posting.count);
            }
        }
        lengths
    }

    /// The number of indexed words of document `doc`.
    pub fn length(&self, doc: usize) -> u32 {
        self.lengths.get(doc).copied().unwrap_or(0)
    }

    /// The mean number of indexed words of the documents that have any.
    pub fn mean_length(&self) -> f32 {
        let (sum, count) = self
            .lengths
            .iter()
            .filter(|&&length| length > 0)
            .fold((0.0, 0.0), |(sum, count), &length| (sum + length as f32, count + 1.0));
        if count > 0.0 {
            sum / count
        } else {
            0.0
        }
    }

    /// How many terms there are.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether there are no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The term numbered `id`.
    pub fn term(&self, id: usize) -> Option<&'static str> {
        self.terms.get(id).copied()
    }

    /// The number of `term`, if the index has it.
    pub fn find(&self, term: &str) -> Option<usize> {
        self.terms.binary_search(&term).ok()
    }

    /// The numbers of the terms that start with `prefix` (`term` itself included).
    pub fn with_prefix(&self, prefix: &str) -> Range<usize> {
        let start = self.terms.partition_point(|t| *t < prefix);
        let len = self.terms[start..].iter().take_while(|t| t.starts_with(prefix)).count();
        start..start + len
    }

    /// In how many documents term `id` occurs.
    pub fn documents(&self, id: usize) -> usize {
        self.entries.get(id).map_or(0, |e| e.documents)
    }

    /// The postings of term `id`, by document and section.
    pub fn postings(&self, id: usize) -> impl Iterator<Item = Posting> + '_ {
        let entry = self.entries.get(id).copied();
        let mut at = entry.map_or(0, |e| e.offset);
        let mut doc = 0u32;
        (0..entry.map_or(0, |e| e.count)).map_while(move |_| {
            doc = doc.saturating_add(read_varint(self.bytes, &mut at)?);
            let section = *self.bytes.get(at)?;
            let count = *self.bytes.get(at + 1)?;
            at += 2;
            Some(Posting { doc, section, count })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posting(doc: u32, section: u8, count: u8) -> Posting {
        Posting { doc, section, count }
    }

    fn leak(terms: &BTreeMap<String, Vec<Posting>>) -> Index {
        let (names, bytes) = encode(terms);
        Index::decode(Box::leak(names.into_boxed_str()), Box::leak(bytes.into_boxed_slice()))
    }

    #[test]
    fn postings_round_trip() {
        let mut terms = BTreeMap::new();
        terms.insert(
            "backoff".to_string(),
            vec![posting(0, 0, 3), posting(0, 4, 1), posting(300, 2, 255)],
        );
        terms.insert("back".to_string(), vec![posting(7, 1, 1)]);
        terms.insert("oom".to_string(), vec![]);
        let index = leak(&terms);
        assert_eq!(index.len(), 3);
        assert_eq!(index.find("backoff"), Some(1));
        assert_eq!(index.term(1), Some("backoff"));
        let found: Vec<Posting> = index.postings(1).collect();
        assert_eq!(found, terms["backoff"]);
        assert_eq!(index.documents(1), 2);
        assert_eq!(index.documents(0), 1);
        assert_eq!(index.postings(2).count(), 0);
        assert_eq!(index.find("nope"), None);
        assert_eq!(index.postings(99).count(), 0);
        assert_eq!(
            (index.length(0), index.length(7), index.length(300), index.length(5)),
            (4, 1, 255, 0)
        );
        assert_eq!(index.mean_length(), 260.0 / 3.0);
    }

    #[test]
    fn prefixes_are_ranges_of_terms() {
        let mut terms = BTreeMap::new();
        for term in ["back", "backoff", "backofflimit", "bad", "a"] {
            terms.insert(term.to_string(), vec![posting(0, 0, 1)]);
        }
        let index = leak(&terms);
        let names =
            |range: Range<usize>| -> Vec<&str> { range.filter_map(|i| index.term(i)).collect() };
        assert_eq!(names(index.with_prefix("back")), ["back", "backoff", "backofflimit"]);
        assert_eq!(names(index.with_prefix("backoffl")), ["backofflimit"]);
        assert_eq!(names(index.with_prefix("z")), Vec::<&str>::new());
        assert!(Index::decode("", &[]).is_empty());
    }

    #[test]
    fn cut_bytes_give_fewer_postings_not_a_panic() {
        let mut terms = BTreeMap::new();
        terms.insert("a".to_string(), vec![posting(1, 0, 1), posting(200, 1, 2)]);
        terms.insert("b".to_string(), vec![posting(3, 0, 1)]);
        let (names, mut bytes) = encode(&terms);
        bytes.truncate(5);
        let index =
            Index::decode(Box::leak(names.into_boxed_str()), Box::leak(bytes.into_boxed_slice()));
        assert_eq!(index.postings(0).collect::<Vec<_>>(), [posting(1, 0, 1)]);
        assert_eq!(index.postings(1).count(), 0);
        let garbage = Index::decode("a\nb", &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
        assert_eq!(garbage.postings(0).count(), 0);
    }
}
