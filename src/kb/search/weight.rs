//! How much a token counts in a phrase or a query: the words that say what went wrong count
//! fully; the words that every document uses, and those `kubectl` prints around every message,
//! count little.
//!
//! A word's weight is its [base weight](super::align::weight) times two factors:
//!
//! - **Commonness.** A word used by more than [`RARE_SHARE`] of the documents counts less, down
//!   to about half for a word that all of them use (`job`, `pod`, `failed`), as its inverse
//!   document frequency in the body index says.
//! - **Chrome.** The words of the frame `kubectl` prints around a message, the event table's
//!   columns and types, the labels of `describe` and the components that report events
//!   (`Warning`, `Normal`, `kubelet`, `Reason:`), count [`CHROME`] of a word: a pasted line
//!   is matched by its message, not by its frame.

use super::align;
use super::index::Index;
use super::tokens::{Kind, Token};

/// The share of a word's weight that a word of `kubectl`'s frame keeps.
const CHROME: f32 = 0.2;
/// The words of `kubectl`'s frame (see [`CHROME`]), lower-case.
const CHROME_WORDS: &[&str] = &[
    "age",
    "controller",
    "default",
    "events",
    "finished",
    "kubelet",
    "last",
    "message",
    "normal",
    "reason",
    "started",
    "state",
    "type",
    "warning",
];

/// The share of its weight `word` (lower-case) keeps for being a word of `kubectl`'s frame:
/// [`CHROME`] if it is one, else all.
pub fn frame_factor(word: &str) -> f32 {
    if CHROME_WORDS.contains(&word) {
        CHROME
    } else {
        1.0
    }
}

/// What a variable part of a query counts (see [`Weigher::query_weight`]).
const QUERY_VARIABLE: f32 = 0.2;
/// A word used by at most this share of the documents counts fully.
const RARE_SHARE: f32 = 0.3;
/// The least share of its weight a common word keeps.
const COMMON_FLOOR: f32 = 0.35;

/// Weighs tokens against the documents of a body index.
#[derive(Clone, Copy, Debug)]
pub struct Weigher<'a> {
    index: &'a Index,
    documents: f32,
}

impl<'a> Weigher<'a> {
    /// A weigher for the `documents` documents of `index`.
    pub fn new(index: &'a Index, documents: usize) -> Weigher<'a> {
        Weigher { index, documents: documents.max(1) as f32 }
    }

    /// How much `token` of a query counts: as in a phrase, but a variable part (a name, a
    /// number) counts [`QUERY_VARIABLE`], as most of those in a paste are details (the pod's
    /// name, its age, its restarts).
    pub fn query_weight(&self, token: &Token) -> f32 {
        if token.kind.is_variable() {
            QUERY_VARIABLE
        } else {
            self.weight(token)
        }
    }

    /// How much `token` counts.
    pub fn weight(&self, token: &Token) -> f32 {
        let base = align::weight(token);
        if token.kind != Kind::Word {
            return base;
        }
        let chrome = frame_factor(&token.text);
        let used_by = self.index.find(&token.text).map_or(0, |id| self.index.documents(id));
        base * chrome * self.commonness(used_by)
    }

    /// How much the word `token`, the last of a query and still being typed, counts: as much as
    /// the most common word it may become, so that a full match of it is a full match.
    pub fn weight_unfinished(&self, token: &Token) -> f32 {
        let base = align::weight(token);
        if token.kind != Kind::Word {
            return base;
        }
        let chrome = frame_factor(&token.text);
        let used_by = self
            .index
            .with_prefix(&token.text)
            .map(|id| self.index.documents(id))
            .max()
            .unwrap_or(0);
        base * chrome * self.commonness(used_by)
    }

    /// The factor of a word used by `used_by` documents: 1 up to [`RARE_SHARE`] of them, then
    /// falling with the inverse document frequency, never below [`COMMON_FLOOR`].
    pub fn commonness(&self, used_by: usize) -> f32 {
        if used_by == 0 {
            return 1.0;
        }
        let idf = |share: f32| (1.0 + 1.0 / share).ln();
        let factor = idf(used_by as f32 / self.documents) / idf(RARE_SHARE);
        factor.clamp(COMMON_FLOOR, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::kb::search::index::{self, Posting};
    use crate::kb::search::tokens::tokens;

    /// An index of ten documents: `job` in all of them, `secret` in three, `oomkilled` in one.
    fn index() -> Index {
        let mut terms = BTreeMap::new();
        let used = |docs: u32| (0..docs).map(|doc| Posting { doc, section: 0, count: 1 }).collect();
        terms.insert("job".to_string(), used(10));
        terms.insert("secret".to_string(), used(3));
        terms.insert("oomkilled".to_string(), used(1));
        terms.insert("oom".to_string(), used(6));
        terms.insert("warning".to_string(), used(2));
        let (names, bytes) = index::encode(&terms);
        Index::decode(String::leak(names), Vec::leak(bytes))
    }

    fn weights(weigher: &Weigher, text: &str) -> Vec<u32> {
        tokens(text).iter().map(|t| (weigher.weight(t) * 100.0).round() as u32).collect()
    }

    #[test]
    fn rare_words_count_fully_common_ones_less_and_chrome_little() {
        let index = index();
        let weigher = Weigher::new(&index, 10);
        assert_eq!(
            weights(&weigher, r#"Warning job secret OOMKilled zebra the "db" 137"#),
            [20, 47, 100, 100, 100, 30, 50, 50]
        );
        assert_eq!(weigher.commonness(0), 1.0, "a word no body uses is not common");
        assert!(weigher.commonness(5) < 1.0 && weigher.commonness(5) > weigher.commonness(10));
    }

    #[test]
    fn an_unfinished_word_counts_as_its_most_common_completion() {
        let index = index();
        let weigher = Weigher::new(&index, 10);
        let typed = |text: &str| (weigher.weight_unfinished(&tokens(text)[0]) * 100.0).round();
        assert_eq!(typed("oomki"), 100.0);
        assert!(typed("oo") < 100.0, "`oom` is used by more than a third of the documents");
        assert_eq!(typed("zeb"), 100.0);
    }
}
