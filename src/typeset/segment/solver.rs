//! The solver: every way to cut a Thai run into dictionary words and unknown
//! clusters (a lattice), its least-cost segmentations and the boundaries they
//! agree on; and walking the dictionaries' FSTs in their byte encoding.

use fst::raw::Fst;

use super::rules::long_unknown_breaks;
use super::UNBROKEN_RUN_WIDTH;
use crate::thai::is_combining_mark;

/// Walks `fst` along `bytes` from `start`, calling `found(end)` for every end of
/// a word. With `collapse_space`, a run of white space in the text matches one
/// space in a word.
pub(super) fn walk(
    fst: &Fst<impl AsRef<[u8]>>,
    text: &Encoded,
    start: usize,
    collapse_space: bool,
    found: &mut impl FnMut(usize),
) {
    let bytes = &text.bytes;
    let mut node = fst.root();
    let Some(mut i) = text.index_of(start) else {
        return;
    };
    while i < bytes.len() {
        let (input, next) = if collapse_space && matches!(bytes[i], b' ' | b'\t') {
            let mut j = i;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t') {
                j += 1;
            }
            (b' ', j)
        } else {
            (bytes[i], i + 1)
        };
        let Some(t) = node.find_input(input) else {
            return;
        };
        node = fst.node(node.transition(t).addr);
        i = next;
        if node.is_final() {
            found(text.offsets[i]);
        }
    }
}

/// Text in the dictionaries' byte encoding ([`encode`]), with the byte offset in
/// the original text of each encoded byte.
pub(super) struct Encoded {
    pub(super) bytes: Vec<u8>,
    /// `offsets[k]`: where encoded byte `k` starts in the original text; one more
    /// entry for the end.
    pub(super) offsets: Vec<usize>,
}

impl Encoded {
    pub(super) fn new(text: &str) -> Encoded {
        let mut bytes = Vec::with_capacity(text.len() / 2);
        let mut offsets = Vec::with_capacity(text.len() / 2 + 1);
        for (i, c) in text.char_indices() {
            let before = bytes.len();
            encode_char(c, &mut bytes);
            offsets.extend(std::iter::repeat_n(i, bytes.len() - before));
        }
        offsets.push(text.len());
        Encoded { bytes, offsets }
    }

    /// The encoded index of original byte offset `at` (a character boundary).
    pub(super) fn index_of(&self, at: usize) -> Option<usize> {
        let k = self.offsets.partition_point(|&o| o < at);
        (self.offsets.get(k) == Some(&at)).then_some(k)
    }
}

/// The dictionaries' byte encoding of a word or text: one byte per Thai character
/// (U+0E00–U+0E7F as 0x80–0xFF) and per ASCII character, the no-break space as a
/// space, and any other character as 0x01 and its UTF-8 bytes. Walking the FST
/// then takes one step per Thai character instead of three (every Thai character
/// starts with the same two UTF-8 bytes), which is most of the segmenter's time.
/// `build.rs` encodes the built-in dictionary the same way.
pub(crate) fn encode(word: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(word.len() / 2);
    for c in word.chars() {
        encode_char(c, &mut out);
    }
    out
}

/// Appends the encoding of one character (see [`encode`]).
pub(super) fn encode_char(c: char, out: &mut Vec<u8>) {
    match c {
        '\u{0}'..='\u{7F}' => out.push(c as u8),
        '\u{0E00}'..='\u{0E7F}' => out.push(0x80 + (c as u32 - 0x0E00) as u8),
        '\u{A0}' => out.push(b' '),
        _ => {
            out.push(0x01);
            let mut buf = [0; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }
}

/// An arc of the segmentation lattice of one Thai run: a dictionary word or one
/// cluster the dictionary does not cover.
#[derive(Debug, Clone, Copy)]
pub(super) struct Edge {
    pub(super) from: usize,
    pub(super) to: usize,
    pub(super) known: bool,
}

/// The cost of a path: characters left to unknown clusters first, then words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Cost {
    pub(super) unknown_chars: u32,
    pub(super) words: u32,
}

impl Cost {
    const ZERO: Cost = Cost {
        unknown_chars: 0,
        words: 0,
    };

    pub(super) fn of(edge: &Edge, run: &str) -> Cost {
        if !edge.known && run[edge.from..edge.to].bytes().all(|b| b == b'.') {
            // leader dots and the full stop are punctuation, not unknown words
            return Cost::ZERO;
        }
        Cost {
            unknown_chars: if edge.known {
                0
            } else {
                run[edge.from..edge.to].chars().count() as u32
            },
            words: 1,
        }
    }

    pub(super) fn plus(self, other: Cost) -> Cost {
        Cost {
            unknown_chars: self.unknown_chars + other.unknown_chars,
            words: self.words + other.words,
        }
    }
}

/// All segmentations of a Thai run, as edges sorted by `from`.
pub(super) struct Lattice {
    pub(super) len: usize,
    pub(super) edges: Vec<Edge>,
}

impl Lattice {
    /// Least costs from the start and to the end of the run, the boundaries every
    /// best segmentation agrees on, and one best segmentation.
    pub(super) fn solve(&self, run: &str) -> Solved {
        let n = self.len;
        let costs: Vec<Cost> = self.edges.iter().map(|e| Cost::of(e, run)).collect();

        let mut forward = vec![None::<Cost>; n + 1];
        forward[0] = Some(Cost::ZERO);
        for (e, &c) in self.edges.iter().zip(&costs) {
            if let Some(f) = forward[e.from] {
                let candidate = f.plus(c);
                if forward[e.to].is_none_or(|t| candidate < t) {
                    forward[e.to] = Some(candidate);
                }
            }
        }
        let mut backward = vec![None::<Cost>; n + 1];
        backward[n] = Some(Cost::ZERO);
        for (e, &c) in self.edges.iter().zip(&costs).rev() {
            if let Some(b) = backward[e.to] {
                let candidate = b.plus(c);
                if backward[e.from].is_none_or(|t| candidate < t) {
                    backward[e.from] = Some(candidate);
                }
            }
        }
        let best = forward[n];
        let mut solved = Solved {
            best,
            agreed: Vec::new(),
            in_known: vec![false; n + 1],
            path: Vec::new(),
        };
        let Some(best) = best else {
            return solved;
        };

        // Edges lying on some best path; positions crossed by none of them are
        // boundaries of every best path.
        let mut crossing = vec![0i32; n + 2];
        let mut known_crossing = vec![0i32; n + 2];
        let mut known_edge_at = vec![false; n + 1];
        for (e, &c) in self.edges.iter().zip(&costs) {
            let on_best = match (forward[e.from], backward[e.to]) {
                (Some(f), Some(b)) => f.plus(c).plus(b) == best,
                _ => false,
            };
            if on_best {
                crossing[e.from + 1] += 1;
                crossing[e.to] -= 1;
                if e.known {
                    known_edge_at[e.from] = true;
                    known_edge_at[e.to] = true;
                    known_crossing[e.from + 1] += 1;
                    known_crossing[e.to] -= 1;
                }
            }
        }
        let (mut depth, mut known_depth) = (0, 0);
        for p in 0..n {
            depth += crossing[p];
            known_depth += known_crossing[p];
            solved.in_known[p] = known_depth > 0 || known_edge_at[p];
            if p > 0 && depth == 0 && known_edge_at[p] {
                solved.agreed.push(p);
            }
        }
        solved.path = self.chosen_path(&costs, &backward);
        solved
    }

    /// One best segmentation, chosen the same way every time: from each boundary,
    /// the longest word that still leads to a least-cost end. Lexicalised words
    /// ending in การ (กระบวนการ, ดำเนินการ, มาตรการ) are then kept whole.
    pub(super) fn chosen_path(&self, costs: &[Cost], backward: &[Option<Cost>]) -> Vec<Edge> {
        let mut path = Vec::new();
        let mut at = 0;
        while at < self.len {
            let Some(here) = backward[at] else {
                break;
            };
            let lo = self.edges.partition_point(|e| e.from < at);
            let hi = self.edges.partition_point(|e| e.from <= at);
            let next = (lo..hi)
                .filter(|&i| backward[self.edges[i].to].is_some_and(|b| b.plus(costs[i]) == here))
                .max_by_key(|&i| self.edges[i].to);
            let Some(i) = next else {
                break;
            };
            path.push(self.edges[i]);
            at = self.edges[i].to;
        }
        path
    }
}

/// What [`Lattice::solve`] finds out about one Thai run.
pub(super) struct Solved {
    /// The least cost of a segmentation, if there is one.
    pub(super) best: Option<Cost>,
    /// Boundaries every best segmentation shares, next to a known word.
    pub(super) agreed: Vec<usize>,
    /// Per byte offset: whether some best segmentation has a known word there.
    pub(super) in_known: Vec<bool>,
    /// The chosen best segmentation (see [`Lattice::chosen_path`]).
    pub(super) path: Vec<Edge>,
}

impl Solved {
    /// Boundaries of the chosen segmentation next to a known word, inside each
    /// stretch between agreed boundaries wider than [`UNBROKEN_RUN_WIDTH`]
    /// (พัฒนาการ|ดำเนินงาน against พัฒนา|การดำเนินงาน: one of them is taken).
    pub(super) fn boundaries_in_long_gaps(&self, run: &str) -> Vec<usize> {
        let mut limits = vec![0];
        limits.extend(self.agreed.iter().copied());
        limits.push(run.len());
        let long_gaps: Vec<(usize, usize)> = limits
            .windows(2)
            .map(|w| (w[0], w[1]))
            .filter(|&(a, b)| width(&run[a..b]) > UNBROKEN_RUN_WIDTH)
            .collect();
        self.path
            .windows(2)
            .filter(|w| w[0].known || w[1].known)
            .map(|w| w[0].to)
            .filter(|&p| long_gaps.iter().any(|&(a, b)| a < p && p < b))
            .collect()
    }

    /// Syllable ends inside long unknown stretches (see [`long_unknown_breaks`]).
    pub(super) fn long_unknown_breaks(&self, run: &str) -> Vec<usize> {
        long_unknown_breaks(run, &self.agreed, &self.in_known)
    }
}

/// The width of `s` in spacing characters: combining marks (vowels above and
/// below, tone marks) take no room of their own.
pub(super) fn width(s: &str) -> usize {
    s.chars().filter(|&c| !is_combining_mark(c)).count()
}
