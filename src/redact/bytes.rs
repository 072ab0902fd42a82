//! Byte-level helpers of the scanners: searching, and taking runs of bytes.

use std::ops::Range;

/// Where `needle` starts in `hay`, every time, left to right.
pub fn find_all<'a>(hay: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    let first = needle.first().copied();
    (0..hay.len().saturating_sub(needle.len().saturating_sub(1)))
        .filter(move |&i| Some(hay[i]) == first && hay[i..].starts_with(needle))
}

/// [`find_all`] ignoring ASCII case; `needle` is lower case.
pub fn find_all_ci<'a>(hay: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    (0..hay.len().saturating_sub(needle.len().saturating_sub(1))).filter(move |&i| {
        hay.len() - i >= needle.len() && hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
    })
}

/// The run of bytes from `start` that `keep` accepts.
pub fn take(b: &[u8], start: usize, keep: impl Fn(u8) -> bool) -> Range<usize> {
    let start = start.min(b.len());
    let len = b[start..].iter().take_while(|&&c| keep(c)).count();
    start..start + len
}

/// [`take`] for runs asked for in increasing order of their start: the end of the last run is
/// remembered, so when many runs start inside one another (`password=password=...`, each value
/// running to the end of the line) the line is still read once, not once per start.
pub struct Runs<F> {
    keep: F,
    /// Every byte in `from..end` is kept, and `end` is the end of the text or a byte that is not.
    from: usize,
    end: usize,
}

impl<F: Fn(u8) -> bool> Runs<F> {
    pub fn new(keep: F) -> Runs<F> {
        Runs { keep, from: usize::MAX, end: 0 }
    }

    /// The same as `take(b, start, keep)`, for one `b` throughout.
    pub fn take(&mut self, b: &[u8], start: usize) -> Range<usize> {
        let start = start.min(b.len());
        if !(self.from..=self.end).contains(&start) {
            self.end = take(b, start, &self.keep).end;
        }
        self.from = start;
        start..self.end
    }
}

/// The first index from `i` whose byte is not in `set`.
pub fn skip(b: &[u8], i: usize, set: &[u8]) -> usize {
    take(b, i, |c| set.contains(&c)).end
}

/// The index after the last byte before `end` that is not in `set`.
pub fn skip_back(b: &[u8], end: usize, set: &[u8]) -> usize {
    (0..end).rev().find(|&k| !set.contains(&b[k])).map_or(0, |k| k + 1)
}
