//! Evidence lines as a finding shows them: a long line cut to the part a rule matched.

use crate::classify::Ranked;
use crate::rules::{self, pattern, Key};

/// Longest evidence text shown; the rest of a long line is cut.
const MAX_EVIDENCE: usize = 300;

/// How far a cut evidence line may move to fall between words.
const WORD: usize = 24;

/// Where on `text` (a trimmed paste line) a text rule of the finding matched, to keep that part
/// when the line is cut. Matching ignores ASCII case, as the classifier does.
pub fn matched_span(ranked: &Ranked, line: usize, text: &str) -> Option<std::ops::Range<usize>> {
    let lower = text.to_ascii_lowercase();
    let patterns = ranked
        .signals
        .iter()
        .filter(|s| s.lines.contains(&line))
        .filter_map(|s| rules::by_id(s.rule))
        .filter_map(|r| match r.key {
            Key::Text(pattern) => Some(pattern),
            _ => None,
        });
    let mut fallback = None;
    for pattern in patterns {
        if let Some(span) = pattern::find_span(pattern, &lower) {
            return Some(span);
        }
        // A message quoted in JSON escapes its quotes: keep the longest literal part in sight.
        let part = pattern.trim_start_matches('^').split('*').max_by_key(|p| p.len())?;
        fallback = fallback.or_else(|| lower.find(part).map(|at| at..at + part.len()));
    }
    fallback
}

/// `text`, or of a line longer than [`MAX_EVIDENCE`] the part around `span` (the head when
/// there is none), and whether it was cut before and after. The part is always a piece of the
/// line, so that it can be found where the evidence says it is.
pub fn window(text: &str, span: Option<std::ops::Range<usize>>) -> (String, bool, bool) {
    if text.len() <= MAX_EVIDENCE {
        return (text.to_owned(), false, false);
    }
    let (mut start, mut end) = match span.clone() {
        // A match longer than the window: its end, where the message says what went wrong.
        Some(span) if span.len() >= MAX_EVIDENCE => (span.end - MAX_EVIDENCE, span.end),
        Some(span) => {
            let spare = MAX_EVIDENCE - span.len();
            let start = span.start.saturating_sub(spare / 2);
            let end = (start + MAX_EVIDENCE).min(text.len());
            (end.saturating_sub(MAX_EVIDENCE), end)
        }
        None => (0, MAX_EVIDENCE),
    };
    let boundaries = |start: &mut usize, end: &mut usize| {
        while !text.is_char_boundary(*start) {
            *start += 1;
        }
        while !text.is_char_boundary(*end) {
            *end -= 1;
        }
    };
    boundaries(&mut start, &mut end);
    // Cut between words, without giving up any of the match.
    let keep = span.unwrap_or(0..0);
    if start > 0 {
        let next_space = text.get(start..).and_then(|t| t.find(' ')).map(|i| start + i + 1);
        let limit = if keep.start >= start { keep.start } else { usize::MAX };
        start = next_space.filter(|&s| s - start <= WORD && s <= limit).unwrap_or(start);
    }
    if end < text.len() {
        let last_space = text.get(..end).and_then(|t| t.rfind(' '));
        let limit = if keep.end <= end { keep.end } else { 0 };
        end = last_space.filter(|&e| end - e <= WORD && e >= limit).unwrap_or(end);
    }
    boundaries(&mut start, &mut end);
    let piece = text.get(start..end.max(start)).unwrap_or_default();
    let trimmed = piece.trim();
    (trimmed.to_owned(), start > 0, end < text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_pieces_of_the_line_whatever_its_characters() {
        let line = format!("{}: 401 Unauthorized {}", "é".repeat(400), "ü".repeat(300));
        let at = line.find("401").unwrap_or_default();
        for span in [None, Some(at..at + 16), Some(1..line.len() - 1), Some(3..5)] {
            let (text, before, after) = window(&line, span.clone());
            assert!(line.contains(&text) && text.len() <= MAX_EVIDENCE, "{span:?}");
            assert!(before || after, "{span:?}");
        }
        let (text, ..) = window(&line, Some(at..at + 16));
        assert!(text.contains("401 Unauthorized"), "{text}");
        assert_eq!(window("short", None), ("short".to_owned(), false, false));
    }
}
