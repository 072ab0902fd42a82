//! A small raw-deflate encoder (RFC 1951): LZ77 over hash chains, then one block with Huffman
//! codes built for the input.
//!
//! Only the encoder lives here. Decoding hostile bytes is the harder job and is left to
//! `miniz_oxide`'s inflater, which caps its output. The encoder is ours because a general one
//! costs about 11 KB more gzipped wasm (see `share.rs`); any deflate stream is a valid v1 link,
//! so a better encoder can replace this one without breaking old links.
//!
//! Work is bounded: each position looks at no more than [`CHAIN`] earlier candidates, and a
//! match stops growing at [`MAX_MATCH`] bytes.

/// How far back a match may reach: the deflate window.
const WINDOW: usize = 32 << 10;

/// Deflate's shortest and longest match.
const MIN_MATCH: usize = 3;
const MAX_MATCH: usize = 258;

/// Candidates looked at per position.
const CHAIN: usize = 48;

/// A match this long is good enough: stop looking for a longer one.
const NICE: usize = 128;

const HASH_BITS: u32 = 15;

/// No earlier position in a hash chain.
const NONE: u32 = u32::MAX;

/// The longest code deflate allows for literals, lengths and distances, and for the code-length
/// alphabet.
const MAX_BITS: u8 = 15;
const MAX_CL_BITS: u8 = 7;

/// End of block in the literal/length alphabet.
const END: usize = 256;

/// Base lengths of length codes 257.. and their extra bits.
const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEN_EXTRA: [u8; 29] =
    [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];

/// Base distances of distance codes 0.. and their extra bits.
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

/// The order in which the code-length code's lengths are written.
const CL_ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/// One LZ77 step: a byte as it is, or a copy of `len` bytes from `dist` back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    Literal(u8),
    Copy { len: u16, dist: u16 },
}

/// `data` as one final dynamic-Huffman deflate block.
pub fn compress(data: &[u8]) -> Vec<u8> {
    let tokens = tokens(data);
    let mut lit_freq = [0u32; 286];
    let mut dist_freq = [0u32; 30];
    for token in &tokens {
        match *token {
            Token::Literal(b) => lit_freq[usize::from(b)] += 1,
            Token::Copy { len, dist } => {
                lit_freq[257 + len_code(len)] += 1;
                dist_freq[dist_code(dist)] += 1;
            }
        }
    }
    lit_freq[END] += 1;
    // Two used symbols at least in each alphabet, so both codes are complete trees, which
    // every inflater accepts.
    ensure_two(&mut lit_freq);
    ensure_two(&mut dist_freq);
    let lit_len = code_lengths(&lit_freq, MAX_BITS);
    let dist_len = code_lengths(&dist_freq, MAX_BITS);

    let mut out = BitWriter::default();
    out.bits(1, 1); // the final block
    out.bits(2, 2); // dynamic Huffman codes
    write_tables(&mut out, &lit_len, &dist_len);
    let lit_code = canonical(&lit_len);
    let dist_code_of = canonical(&dist_len);
    for token in &tokens {
        match *token {
            Token::Literal(b) => out.code(lit_code[usize::from(b)], lit_len[usize::from(b)]),
            Token::Copy { len, dist } => {
                let lc = len_code(len);
                out.code(lit_code[257 + lc], lit_len[257 + lc]);
                out.bits(u32::from(len - LEN_BASE[lc]), LEN_EXTRA[lc]);
                let dc = dist_code(dist);
                out.code(dist_code_of[dc], dist_len[dc]);
                out.bits(u32::from(dist - DIST_BASE[dc]), DIST_EXTRA[dc]);
            }
        }
    }
    out.code(lit_code[END], lit_len[END]);
    out.finish()
}

/// The LZ77 parse of `data`: greedy with one step of lazy matching.
fn tokens(data: &[u8]) -> Vec<Token> {
    let mut chains = Chains { head: vec![NONE; 1 << HASH_BITS], prev: vec![NONE; data.len()] };
    let mut tokens = Vec::with_capacity(data.len() / 3 + 1);
    let mut i = 0;
    while i < data.len() {
        let here = chains.longest_match(data, i);
        chains.insert(data, i);
        let Some((len, dist)) = here else {
            tokens.push(Token::Literal(data[i]));
            i += 1;
            continue;
        };
        // A longer match one byte on is worth a literal now.
        if len < NICE && chains.longest_match(data, i + 1).is_some_and(|(next, _)| next > len) {
            tokens.push(Token::Literal(data[i]));
            i += 1;
            continue;
        }
        tokens.push(Token::Copy { len: len as u16, dist: dist as u16 });
        for at in i + 1..i + len {
            chains.insert(data, at);
        }
        i += len;
    }
    tokens
}

/// Earlier positions by the hash of their first three bytes: the latest in `head`, each one's
/// predecessor in `prev`.
struct Chains {
    head: Vec<u32>,
    prev: Vec<u32>,
}

impl Chains {
    fn insert(&mut self, data: &[u8], at: usize) {
        if at + MIN_MATCH <= data.len() {
            let h = hash(&data[at..]);
            self.prev[at] = self.head[h];
            self.head[h] = at as u32;
        }
    }

    /// The longest earlier copy of the bytes at `at`, as (length, distance), when it reaches
    /// [`MIN_MATCH`].
    fn longest_match(&self, data: &[u8], at: usize) -> Option<(usize, usize)> {
        if at + MIN_MATCH > data.len() {
            return None;
        }
        let limit = MAX_MATCH.min(data.len() - at);
        let (mut best, mut best_dist) = (0, 0);
        let mut candidate = self.head[hash(&data[at..])];
        for _ in 0..CHAIN {
            let c = candidate as usize;
            if candidate == NONE || c >= at || at - c > WINDOW {
                break;
            }
            let len =
                data[c..c + limit].iter().zip(&data[at..at + limit]).take_while(|(a, b)| a == b);
            let len = len.count();
            if len > best {
                (best, best_dist) = (len, at - c);
                if len >= NICE.min(limit) {
                    break;
                }
            }
            candidate = self.prev[c];
        }
        (best >= MIN_MATCH).then_some((best, best_dist))
    }
}

fn hash(bytes: &[u8]) -> usize {
    let v = u32::from(bytes[0]) | u32::from(bytes[1]) << 8 | u32::from(bytes[2]) << 16;
    (v.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize
}

/// The length code (0-based, for symbols 257..) of a match length.
fn len_code(len: u16) -> usize {
    LEN_BASE.iter().rposition(|&base| base <= len).unwrap_or(0)
}

/// The distance code of a match distance.
fn dist_code(dist: u16) -> usize {
    DIST_BASE.iter().rposition(|&base| base <= dist).unwrap_or(0)
}

fn ensure_two(freq: &mut [u32]) {
    for slot in 0..2 {
        if freq.iter().filter(|&&f| f > 0).count() >= 2 {
            return;
        }
        if let Some(unused) = freq.iter().skip(slot).position(|&f| f == 0) {
            freq[slot + unused] = 1;
        }
    }
}

/// Huffman code lengths for `freq`, none longer than `max`. Symbols with frequency 0 get 0.
///
/// When the optimal code is too deep, the frequencies are flattened (halved, kept above 0) and
/// the code built again: a little worse than optimal, and simple.
fn code_lengths(freq: &[u32], max: u8) -> Vec<u8> {
    let mut freq = freq.to_vec();
    loop {
        let lengths = huffman(&freq);
        if lengths.iter().all(|&l| l <= max) {
            return lengths;
        }
        for f in freq.iter_mut().filter(|f| **f > 0) {
            *f = (*f / 2).max(1);
        }
    }
}

/// Optimal code lengths by repeatedly joining the two lightest trees.
fn huffman(freq: &[u32]) -> Vec<u8> {
    // Nodes: leaves first, then joined nodes; `parent` links every node but the root.
    let mut weight: Vec<u64> = Vec::new();
    let mut parent: Vec<usize> = Vec::new();
    let mut symbol_node = vec![usize::MAX; freq.len()];
    let mut live: Vec<usize> = Vec::new();
    for (symbol, &f) in freq.iter().enumerate() {
        if f > 0 {
            symbol_node[symbol] = weight.len();
            live.push(weight.len());
            weight.push(u64::from(f));
            parent.push(usize::MAX);
        }
    }
    // Sorted heaviest first, so the two lightest are popped from the end. An insertion sort:
    // at most 286 symbols, and the library's sorts cost kilobytes of wasm.
    for i in 1..live.len() {
        let mut j = i;
        while j > 0 && weight[live[j - 1]] < weight[live[j]] {
            live.swap(j - 1, j);
            j -= 1;
        }
    }
    while live.len() > 1 {
        let (Some(a), Some(b)) = (live.pop(), live.pop()) else { break };
        let node = weight.len();
        weight.push(weight[a] + weight[b]);
        parent.push(usize::MAX);
        parent[a] = node;
        parent[b] = node;
        let at = live.partition_point(|&n| weight[n] > weight[node]);
        live.insert(at, node);
    }
    symbol_node
        .iter()
        .map(|&node| {
            if node == usize::MAX {
                return 0;
            }
            let mut depth = 0u32;
            let mut n = node;
            while parent[n] != usize::MAX {
                n = parent[n];
                depth += 1;
            }
            depth.min(u32::from(u8::MAX)) as u8
        })
        .collect()
}

/// Canonical codes (RFC 1951, 3.2.2) for the given lengths.
fn canonical(lengths: &[u8]) -> Vec<u16> {
    let mut count = [0u16; 16];
    for &l in lengths {
        count[usize::from(l)] += 1;
    }
    count[0] = 0;
    let mut next = [0u16; 16];
    let mut code = 0u16;
    for bits in 1..16 {
        code = (code + count[bits - 1]) << 1;
        next[bits] = code;
    }
    lengths
        .iter()
        .map(|&l| {
            if l == 0 {
                return 0;
            }
            let c = next[usize::from(l)];
            next[usize::from(l)] += 1;
            c
        })
        .collect()
}

/// The header of a dynamic block: the two codes' lengths, run-length coded with the
/// code-length code.
fn write_tables(out: &mut BitWriter, lit_len: &[u8], dist_len: &[u8]) {
    let hlit = lit_len.iter().rposition(|&l| l > 0).map_or(257, |p| (p + 1).max(257));
    let hdist = dist_len.iter().rposition(|&l| l > 0).map_or(1, |p| p + 1);
    let all: Vec<u8> = lit_len[..hlit].iter().chain(&dist_len[..hdist]).copied().collect();
    let runs = run_lengths(&all);
    let mut cl_freq = [0u32; 19];
    for &(symbol, _) in &runs {
        cl_freq[usize::from(symbol)] += 1;
    }
    ensure_two(&mut cl_freq);
    let cl_len = code_lengths(&cl_freq, MAX_CL_BITS);
    let cl_code = canonical(&cl_len);
    let hclen = CL_ORDER.iter().rposition(|&s| cl_len[s] > 0).map_or(4, |p| (p + 1).max(4));

    out.bits((hlit - 257) as u32, 5);
    out.bits((hdist - 1) as u32, 5);
    out.bits((hclen - 4) as u32, 4);
    for &s in &CL_ORDER[..hclen] {
        out.bits(u32::from(cl_len[s]), 3);
    }
    for &(symbol, extra) in &runs {
        let s = usize::from(symbol);
        out.code(cl_code[s], cl_len[s]);
        match symbol {
            16 => out.bits(u32::from(extra), 2),
            17 => out.bits(u32::from(extra), 3),
            18 => out.bits(u32::from(extra), 7),
            _ => {}
        }
    }
}

/// Code lengths as code-length symbols: 0-15 as they are, 16 repeats the previous length 3-6
/// times, 17 and 18 write 3-10 and 11-138 zeros. Each with its extra-bits value.
fn run_lengths(lengths: &[u8]) -> Vec<(u8, u8)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < lengths.len() {
        let l = lengths[i];
        let same = lengths[i..].iter().take_while(|&&x| x == l).count();
        if l == 0 && same >= 11 {
            let n = same.min(138);
            runs.push((18, (n - 11) as u8));
            i += n;
        } else if l == 0 && same >= 3 {
            runs.push((17, (same.min(10) - 3) as u8));
            i += same.min(10);
        } else if l != 0 && same >= 4 {
            runs.push((l, 0));
            let n = (same - 1).min(6);
            runs.push((16, (n - 3) as u8));
            i += 1 + n;
        } else {
            runs.push((l, 0));
            i += 1;
        }
    }
    runs
}

/// Bits written least significant first, as deflate packs them.
#[derive(Default)]
struct BitWriter {
    out: Vec<u8>,
    acc: u64,
    count: u8,
}

impl BitWriter {
    /// The low `n` bits of `value`, least significant first.
    fn bits(&mut self, value: u32, n: u8) {
        self.acc |= u64::from(value & ((1u32 << n) - 1)) << self.count;
        self.count += n;
        while self.count >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.count -= 8;
        }
    }

    /// A Huffman code of `len` bits, most significant bit first.
    fn code(&mut self, code: u16, len: u8) {
        let reversed = code.reverse_bits() >> (16 - u32::from(len.max(1)));
        self.bits(u32::from(reversed), len);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.count > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(data: &[u8]) {
        let packed = compress(data);
        let back = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, data.len() + 1)
            .unwrap_or_else(|e| panic!("inflate failed on {} bytes: {e:?}", data.len()));
        assert_eq!(back, data);
    }

    #[test]
    fn round_trips_small_and_degenerate_inputs() {
        round_trip(b"");
        round_trip(b"a");
        round_trip(b"ab");
        round_trip(b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        round_trip(&[0u8; 100_000]);
        round_trip(&(0..=255u8).collect::<Vec<_>>());
    }

    #[test]
    fn round_trips_text_with_far_and_near_repeats() {
        let mut text = String::new();
        for i in 0..5000 {
            text.push_str(&format!("  Warning  BackOff  {i}s  kubelet  Back-off restarting\n"));
        }
        round_trip(text.as_bytes());
        assert!(compress(text.as_bytes()).len() < text.len() / 8);
    }

    #[test]
    fn round_trips_pseudo_random_bytes_with_deep_codes() {
        // Fibonacci-like frequencies push the optimal code past 15 bits.
        let mut data = Vec::new();
        let (mut a, mut b) = (1usize, 1usize);
        for symbol in 0..30u8 {
            data.extend(std::iter::repeat_n(symbol, a.min(200_000)));
            (a, b) = (b, a + b);
        }
        let mut x = 0x2545_f491u32;
        for d in data.iter_mut().step_by(7) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            *d = (x >> 24) as u8;
        }
        round_trip(&data);
    }

    #[test]
    fn huffman_lengths_are_limited_and_complete() {
        let mut freq = vec![0u32; 40];
        let (mut a, mut b) = (1u32, 1u32);
        for f in freq.iter_mut() {
            *f = a;
            (a, b) = (b, a.saturating_add(b));
        }
        let lengths = code_lengths(&freq, MAX_BITS);
        assert!(lengths.iter().all(|&l| (1..=15).contains(&l)));
        let kraft: f64 = lengths.iter().map(|&l| 0.5f64.powi(i32::from(l))).sum();
        assert!((kraft - 1.0).abs() < 1e-9, "kraft sum {kraft}");
    }
}
