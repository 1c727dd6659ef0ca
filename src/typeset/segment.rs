//! Line-break opportunities for Thai text mixed with Latin, digits and punctuation.
//!
//! Thai is written without spaces between words, so a line may only break where a
//! dictionary says one word ends and the next begins. The segmenter works as a
//! pipeline over one piece of text:
//!
//! 1. **collect**: break opportunities of Unicode line breaking (UAX #14, via
//!    `icu_segmenter` without complex-script data) for everything that is not Thai:
//!    spaces, newlines, Latin words, numbers, punctuation;
//! 2. **thai runs**: inside each run of Thai letters, maximal matching (fewest
//!    characters left unknown, then fewest words) over PyThaiNLP's word list and our
//!    list of government and ITA words (both compiled into one FST by `build.rs`),
//!    plus the caller's extra words. Matching only considers boundaries between
//!    Thai character clusters, so a break can never fall inside a syllable. A bound
//!    prefix (การ ความ ผู้, and the titles นาย นาง นางสาว) forms one word with the
//!    word after it. Boundaries shared by *every* best segmentation are kept; a
//!    stretch between them wider than 16 spacing characters takes the boundaries
//!    of one best segmentation, the one with the longest first words
//!    (การพัฒนาการ|ดำเนินงาน), while a shorter ambiguous stretch
//!    (วิธีการปฏิบัติ) stays whole. Our list may give a compound with its break
//!    marked (ประจำ|ปีงบประมาณ): it is one word that breaks only there. A
//!    dictionary word wider than 22 (the whole name of an office is one entry in
//!    PyThaiNLP's list) also offers the
//!    boundaries of its own best segmentation into shorter words. Stretches the
//!    dictionary does not know stay whole (those over 20 characters break only at
//!    unmistakable syllable ends);
//! 3. **protect**: occurrences of extra words (names, positions, possibly with
//!    spaces inside) are found in the whole text and never broken, unless they
//!    are very long (over 30 characters without a space, 40 with);
//! 4. **finalize**: rules that hold everywhere (no break before a combining mark
//!    or ะ า ำ, after เ แ โ ใ ไ, before ฯ ๆ even across a space, inside numbers
//!    and dotted abbreviations, between a number and the word that counts it
//!    (ตัวชี้วัดที่ ๓, วันที่ ๑๑, ข้อ ๒, พ.ศ. ๒๕๖๖), after an opening or before a
//!    closing bracket or punctuation) filter the candidates, and each survivor
//!    gets its kind.

use std::sync::Arc;

use fst::raw::Fst;
use fst::Set;
use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::LineSegmenter;

use crate::thai::{
    is_combining_mark, is_following_vowel, is_leading_vowel, is_thai_consonant, is_thai_digit,
};

/// PyThaiNLP's words_th.txt as an FST, built by `build.rs`.
static DICTIONARY: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words_th.fst"));

/// Our list of government and ITA words (also compiled into [`DICTIONARY`]), read
/// here for its compounds with a marked break (see [`compound_breaks`]).
static ITA_WORDS: &str = include_str!("segment/words_ita.txt");

/// The breaks inside `word` if it is one of the compounds our list gives with a
/// '|' (ประจำ|ปีงบประมาณ): byte offsets into `word`, or `None`.
fn compound_breaks(word: &str) -> Option<&'static [usize]> {
    static COMPOUNDS: std::sync::OnceLock<Vec<(String, Vec<usize>)>> = std::sync::OnceLock::new();
    let list = COMPOUNDS.get_or_init(|| {
        ITA_WORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.starts_with('#') && l.contains('|'))
            .map(|l| {
                let mut offsets = Vec::new();
                let mut word = String::new();
                for part in l.split('|') {
                    if !word.is_empty() {
                        offsets.push(word.len());
                    }
                    word.push_str(part);
                }
                (word, offsets)
            })
            .collect()
    });
    list.iter()
        .find(|(w, _)| w == word)
        .map(|(_, offsets)| offsets.as_slice())
}

/// Extra words longer than this (in characters) are not protected from breaking
/// when they contain spaces: a line must be able to break somewhere.
const MAX_PROTECTED_CHARS: usize = 40;

/// Stretches of Thai the dictionary does not know are kept whole up to this many
/// characters; longer ones may break at unmistakable syllable ends.
const LONG_UNKNOWN_CHARS: usize = 20;

/// A dictionary word wider than this (in spacing characters, see [`width`]) still
/// offers breaks where its own best segmentation into shorter words has them:
/// PyThaiNLP lists whole names of offices as one word, which would otherwise leave
/// a line of one word stretched letter by letter. "องค์การบริหารส่วนตำบล" (18 wide)
/// stays whole.
const LONG_WORD_WIDTH: usize = 22;

/// An extra word without spaces longer than this (in characters) is split like a
/// long dictionary word and not protected.
const LONG_EXTRA_WORD_CHARS: usize = 30;

/// A stretch between two agreed boundaries wider than this (in spacing
/// characters) gets the boundaries of one best segmentation.
const UNBROKEN_RUN_WIDTH: usize = 16;

/// Finds line-break opportunities; holds the built-in dictionary and the caller's
/// extra words. Cloning is cheap (the extra words are shared).
#[derive(Clone)]
pub struct Segmenter {
    dictionary: Set<&'static [u8]>,
    extra: Option<Arc<Set<Vec<u8>>>>,
}

/// One place where a line may break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Break {
    /// Byte index in the text where the next line would start.
    pub offset: usize,
    /// Why a break is possible here.
    pub kind: BreakKind,
}

/// The kinds of [`Break`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakKind {
    /// Between two words with no space between them (Thai words, or Thai next to Latin).
    Allowed,
    /// After a run of white space.
    Space,
    /// After a newline: the line must end here.
    Mandatory,
    /// Inside a compound our word list gives with a marked break
    /// (ประจำ|ปีงบประมาณ): a fair place to break, but keeping the compound whole
    /// is nicer when it costs little.
    Compound,
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::new()
    }
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter")
            .field("dictionary_words", &self.dictionary.len())
            .field("extra_words", &self.extra.as_ref().map_or(0, |s| s.len()))
            .finish()
    }
}

impl Segmenter {
    /// A segmenter with the built-in dictionary only. The dictionary is embedded in
    /// the binary as an FST, so this takes microseconds.
    pub fn new() -> Segmenter {
        Segmenter {
            dictionary: Set::new(DICTIONARY).expect("build.rs writes a valid FST"),
            extra: None,
        }
    }

    /// A segmenter that also knows `words`: proper nouns (agency, district, province,
    /// people's names, positions, abbreviations). They are preferred over dictionary
    /// words and a line never breaks inside one (if it has spaces inside, only while
    /// it is at most 40 characters long). Runs of white space inside a word match any
    /// run of white space in the text. The parts of a name are added too: the place
    /// in an agency's name ("เทศบาลตำบลโคกสูงสัมพันธ์" gives "โคกสูงสัมพันธ์"), and a
    /// person's name without the title and each of its words ("นายโกสินทร์ วิชาธรรม"
    /// gives "โกสินทร์ วิชาธรรม", "โกสินทร์", "วิชาธรรม").
    pub fn with_words<I, S>(words: I) -> Segmenter
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut list: Vec<Vec<u8>> = Vec::new();
        for w in words {
            let word = w.as_ref().split_whitespace().collect::<Vec<_>>().join(" ");
            if !word.is_empty() {
                list.extend(proper_noun_parts(&word).iter().map(|p| encode(p)));
                list.push(encode(&word));
            }
        }
        list.sort();
        list.dedup();
        Segmenter {
            extra: (!list.is_empty()).then(|| extra_words(list)),
            ..Segmenter::new()
        }
    }

    /// Whether `word` is in the built-in dictionary or among the extra words.
    pub fn knows(&self, word: &str) -> bool {
        let word = encode(word);
        self.dictionary.contains(&word) || self.extra.as_ref().is_some_and(|e| e.contains(&word))
    }

    /// `text` with a '|' at every break opportunity: "ผล|การประเมิน". For tests,
    /// debugging and measuring the segmenter.
    pub fn marked(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        let mut last = 0;
        for b in self.breaks(text) {
            out.push_str(&text[last..b.offset]);
            out.push('|');
            last = b.offset;
        }
        out.push_str(&text[last..]);
        out
    }

    /// Every break opportunity in `text`, sorted by offset. Offset 0 and the end
    /// of the text are never reported.
    pub fn breaks(&self, text: &str) -> Vec<Break> {
        if text.is_empty() {
            return Vec::new();
        }
        let mut candidates = collect_uax14(text);
        let mut compound = vec![false; text.len() + 1];
        for (start, end) in thai_runs(text) {
            self.break_thai_run(text, start, end, &mut candidates, &mut compound);
        }
        let protected = self.protected_ranges(text);
        finalize(text, &candidates, &compound, &protected)
    }

    /// Last-resort breaks inside `word`, a piece of text [`Segmenter::breaks`]
    /// offers no break in but that is wider than the line (a column of a table):
    /// the boundaries of each Thai run's chosen best segmentation into shorter
    /// known words (งานการ|เจ้าหน้าที่, never เจ้า|หน้าที่), ignoring the protection of extra words, that
    /// [`emergency_break_allowed`] accepts. Sorted byte offsets into `word`;
    /// empty when no such segmentation exists (then cut between clusters).
    pub fn breaks_inside_word(&self, word: &str) -> Vec<usize> {
        let mut out = Vec::new();
        for (start, end) in thai_runs(word) {
            let run = &word[start..end];
            let mut lattice = self.build_lattice(run);
            lattice
                .edges
                .retain(|e| !(e.from == 0 && e.to == run.len()));
            let solved = lattice.solve(run);
            if solved.best.is_none_or(|c| c.unknown_chars > 0) {
                continue;
            }
            let mut cuts: Vec<usize> = solved
                .path
                .windows(2)
                .filter(|w| w[0].known || w[1].known)
                .map(|w| w[0].to)
                .collect();
            keep_prefixes_with_their_word(run, &mut cuts);
            out.extend(cuts.into_iter().map(|p| start + p));
        }
        out.retain(|&p| emergency_break_allowed(word, p));
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Marks the word boundaries inside the Thai run `text[start..end]` in `out`,
    /// and which of them are inside a compound with a marked break in `compound`.
    fn break_thai_run(
        &self,
        text: &str,
        start: usize,
        end: usize,
        out: &mut [bool],
        compound: &mut [bool],
    ) {
        let run = &text[start..end];
        let mut inside = Vec::new();
        for p in self.word_boundaries(run, self.build_lattice(run), 0, Some(&mut inside)) {
            out[start + p] = true;
        }
        for p in inside {
            compound[start + p] = true;
        }
    }

    /// The boundaries to offer inside `run`, whose segmentations are `lattice`:
    /// those every best segmentation agrees on; inside a stretch still wider than
    /// [`UNBROKEN_RUN_WIDTH`], those of the chosen best segmentation; inside a long
    /// word of it, those of the word's own segmentation (see
    /// [`Segmenter::splits_inside`]). No boundary follows a bound prefix, and long
    /// unknown stretches break at syllable ends.
    /// The breaks inside compounds with a marked break also go to `compound`.
    fn word_boundaries(
        &self,
        run: &str,
        lattice: Lattice,
        depth: u32,
        mut compound: Option<&mut Vec<usize>>,
    ) -> Vec<usize> {
        let solved = lattice.solve(run);
        let mut cuts = solved.agreed.clone();
        cuts.extend(solved.boundaries_in_long_gaps(run));
        for e in solved.path.iter().filter(|e| e.known) {
            let word = &run[e.from..e.to];
            if let Some(inner) = compound_breaks(word) {
                cuts.extend(inner.iter().map(|p| e.from + p));
                if let Some(c) = compound.as_deref_mut() {
                    c.extend(inner.iter().map(|p| e.from + p));
                }
            }
            if depth < 3 && self.splits_inside(word) {
                let inner = self.split_long_word(word, depth + 1);
                cuts.extend(inner.into_iter().map(|p| e.from + p));
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        keep_prefixes_with_their_word(run, &mut cuts);
        cuts.extend(solved.long_unknown_breaks(run));
        cuts.sort_unstable();
        cuts.dedup();
        cuts
    }

    /// Whether a word of the chosen segmentation is long enough to offer breaks
    /// inside: a dictionary word wider than [`LONG_WORD_WIDTH`], or an extra word
    /// longer than [`LONG_EXTRA_WORD_CHARS`] characters.
    fn splits_inside(&self, word: &str) -> bool {
        if self
            .extra
            .as_ref()
            .is_some_and(|e| e.contains(encode(word)))
        {
            word.chars().count() > LONG_EXTRA_WORD_CHARS
        } else {
            width(word) > LONG_WORD_WIDTH
        }
    }

    /// Boundaries inside the long `word` from its best segmentation into shorter
    /// known words; none if that segmentation leaves any of it unknown.
    fn split_long_word(&self, word: &str, depth: u32) -> Vec<usize> {
        // A long extra word ending in another extra word (a position before an
        // agency's name) breaks before the longest such name, which stays whole.
        if let Some(extra) = self.extra.as_ref().filter(|e| e.contains(encode(word))) {
            let name_start = word
                .char_indices()
                .map(|(i, _)| i)
                .filter(|&i| i > 0 && is_cluster_boundary(word, i))
                .find(|&i| extra.contains(encode(&word[i..])));
            if let Some(p) = name_start {
                return vec![p];
            }
        }
        let mut lattice = self.build_lattice(word);
        lattice
            .edges
            .retain(|e| !(e.from == 0 && e.to == word.len()));
        if lattice.solve(word).best.is_none_or(|c| c.unknown_chars > 0) {
            return Vec::new();
        }
        self.word_boundaries(word, lattice, depth, None)
    }

    /// All ways to cut `run` into dictionary words and unknown clusters.
    fn build_lattice(&self, run: &str) -> Lattice {
        let cuts = cluster_boundaries(run);
        let mut edges = Vec::new();
        let encoded = Encoded::new(run);
        for (idx, &i) in cuts.iter().enumerate() {
            let mut known_to = |j: usize| {
                if j > i && is_cut(&cuts, j) {
                    edges.push(Edge {
                        from: i,
                        to: j,
                        known: true,
                    });
                }
            };
            walk(self.dictionary.as_fst(), &encoded, i, false, &mut known_to);
            if let Some(extra) = &self.extra {
                walk(extra.as_fst(), &encoded, i, false, &mut known_to);
            }
            if let Some(&next) = cuts.get(idx + 1) {
                edges.push(Edge {
                    from: i,
                    to: next,
                    known: false,
                });
            }
        }
        add_prefixed_words(run, &mut edges);
        edges.sort_by_key(|e| (e.from, e.to, !e.known));
        edges.dedup_by_key(|e| (e.from, e.to));
        Lattice {
            len: run.len(),
            edges,
        }
    }

    /// Byte ranges of `text` covered by an extra word, where no break may fall.
    fn protected_ranges(&self, text: &str) -> Vec<(usize, usize)> {
        let Some(extra) = &self.extra else {
            return Vec::new();
        };
        let encoded = Encoded::new(text);
        let mut ranges = Vec::new();
        for (i, _) in text.char_indices() {
            let mut longest = None;
            walk(extra.as_fst(), &encoded, i, true, &mut |j| {
                longest = Some(j)
            });
            if let Some(j) = longest {
                let word = &text[i..j];
                let has_space = word.contains(char::is_whitespace);
                let limit = if has_space {
                    MAX_PROTECTED_CHARS
                } else {
                    LONG_EXTRA_WORD_CHARS
                };
                if word.chars().count() <= limit {
                    ranges.push((i, j));
                }
            }
        }
        ranges
    }
}

/// Titles and kinds of agency or place that start a proper noun; what follows
/// them is a name on its own. Longer forms come before their prefixes.
const NAME_PREFIXES: &[&str] = &[
    "องค์การบริหารส่วนตำบล",
    "องค์การบริหารส่วนจังหวัด",
    "เทศบาลตำบล",
    "เทศบาลเมือง",
    "เทศบาลนคร",
    "อบต.",
    "อบจ.",
    "ทต.",
    "ตำบล",
    "อำเภอ",
    "จังหวัด",
    "นางสาว",
    "นาง",
    "นาย",
    "ว่าที่ร้อยตรี",
];

/// The FST of a sorted, deduplicated list of encoded words ([`encode`]), from a
/// small process-wide cache:
/// every document of one input file has the same names, and building an FST costs
/// more than segmenting a page (its builder starts with a large hash table).
fn extra_words(list: Vec<Vec<u8>>) -> Arc<Set<Vec<u8>>> {
    /// How many word lists are kept (batch renders many files, each its own list).
    const KEEP: usize = 8;
    type Cache = Vec<(Vec<Vec<u8>>, Arc<Set<Vec<u8>>>)>;
    static CACHE: std::sync::Mutex<Cache> = std::sync::Mutex::new(Vec::new());
    if let Ok(cache) = CACHE.lock() {
        if let Some((_, set)) = cache.iter().find(|(words, _)| *words == list) {
            return set.clone();
        }
    }
    let set = Arc::new(Set::from_iter(list.iter()).expect("sorted, deduplicated words"));
    if let Ok(mut cache) = CACHE.lock() {
        if cache.len() >= KEEP {
            cache.remove(0);
        }
        cache.push((list, set.clone()));
    }
    set
}

/// The parts of a proper noun that are names on their own (see [`Segmenter::with_words`]).
fn proper_noun_parts(word: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let Some(rest) = NAME_PREFIXES.iter().find_map(|p| word.strip_prefix(p)) else {
        return parts;
    };
    let rest = rest.trim();
    if rest.chars().count() >= 2 {
        parts.push(rest.to_string());
    }
    let words: Vec<&str> = rest.split(' ').collect();
    if words.len() > 1 {
        parts.extend(
            words
                .iter()
                .filter(|w| w.chars().count() >= 2)
                .map(|w| w.to_string()),
        );
    }
    parts
}

/// Walks `fst` along `bytes` from `start`, calling `found(end)` for every end of
/// a word. With `collapse_space`, a run of white space in the text matches one
/// space in a word.
fn walk(
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
struct Encoded {
    bytes: Vec<u8>,
    /// `offsets[k]`: where encoded byte `k` starts in the original text; one more
    /// entry for the end.
    offsets: Vec<usize>,
}

impl Encoded {
    fn new(text: &str) -> Encoded {
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
    fn index_of(&self, at: usize) -> Option<usize> {
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
fn encode_char(c: char, out: &mut Vec<u8>) {
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
struct Edge {
    from: usize,
    to: usize,
    known: bool,
}

/// The cost of a path: characters left to unknown clusters first, then words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Cost {
    unknown_chars: u32,
    words: u32,
}

impl Cost {
    const ZERO: Cost = Cost {
        unknown_chars: 0,
        words: 0,
    };

    fn of(edge: &Edge, run: &str) -> Cost {
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

    fn plus(self, other: Cost) -> Cost {
        Cost {
            unknown_chars: self.unknown_chars + other.unknown_chars,
            words: self.words + other.words,
        }
    }
}

/// All segmentations of a Thai run, as edges sorted by `from`.
struct Lattice {
    len: usize,
    edges: Vec<Edge>,
}

impl Lattice {
    /// Least costs from the start and to the end of the run, the boundaries every
    /// best segmentation agrees on, and one best segmentation.
    fn solve(&self, run: &str) -> Solved {
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
    fn chosen_path(&self, costs: &[Cost], backward: &[Option<Cost>]) -> Vec<Edge> {
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
struct Solved {
    /// The least cost of a segmentation, if there is one.
    best: Option<Cost>,
    /// Boundaries every best segmentation shares, next to a known word.
    agreed: Vec<usize>,
    /// Per byte offset: whether some best segmentation has a known word there.
    in_known: Vec<bool>,
    /// The chosen best segmentation (see [`Lattice::chosen_path`]).
    path: Vec<Edge>,
}

impl Solved {
    /// Boundaries of the chosen segmentation next to a known word, inside each
    /// stretch between agreed boundaries wider than [`UNBROKEN_RUN_WIDTH`]
    /// (พัฒนาการ|ดำเนินงาน against พัฒนา|การดำเนินงาน: one of them is taken).
    fn boundaries_in_long_gaps(&self, run: &str) -> Vec<usize> {
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
    fn long_unknown_breaks(&self, run: &str) -> Vec<usize> {
        long_unknown_breaks(run, &self.agreed, &self.in_known)
    }
}

/// The width of `s` in spacing characters: combining marks (vowels above and
/// below, tone marks) take no room of their own.
fn width(s: &str) -> usize {
    s.chars().filter(|&c| !is_combining_mark(c)).count()
}

/// Words that make a noun of the word after them (การประเมิน, ความโปร่งใส,
/// ผู้บริหาร), and the titles before a person's name (นายโกสินทร์): a reader takes
/// the pair as one word, so no break follows them.
const BOUND_PREFIXES: &[&str] = &["การ", "ความ", "ผู้", "นาย", "นาง", "นางสาว"];

/// Adds one word for each bound prefix followed by a dictionary word (การ + วิเคราะห์
/// → การวิเคราะห์), so that "จัดทำ|การวิเคราะห์" is as good a reading as any
/// other and a prefix is not left at the end of a line.
fn add_prefixed_words(run: &str, edges: &mut Vec<Edge>) {
    // `edges` is sorted by `from`: the words starting at one place are one slice.
    let mut composed = Vec::new();
    for prefix in edges
        .iter()
        .filter(|e| e.known && BOUND_PREFIXES.contains(&&run[e.from..e.to]))
    {
        let lo = edges.partition_point(|e| e.from < prefix.to);
        let hi = edges.partition_point(|e| e.from <= prefix.to);
        composed.extend(
            edges[lo..hi]
                .iter()
                .filter(|w| w.known && !NOT_NOMINALISED.contains(&&run[w.from..w.to]))
                .map(|w| Edge {
                    from: prefix.from,
                    to: w.to,
                    known: true,
                }),
        );
    }
    edges.extend(composed);
}

/// Words that count the number after them (ตัวชี้วัดที่ ๓, ข้อ ๒, ชั้น ๒): no line
/// breaks between the two, across the space.
const COUNTING_WORDS: &[&str] = &["ที่", "ข้อ", "ชั้น", "มาตรา", "หมู่", "ฉบับ"];

/// Function words a bound prefix does not make a noun of: "การ" + "และ" is no
/// word, so มาตรการ|และ, มาตรการ|ที่, รายการ|ไม่ are read one way only (and may
/// break there) instead of also as มาตร|การและ. The prefix still never ends a line:
/// [`keep_prefixes_with_their_word`] drops a boundary right after it.
const NOT_NOMINALISED: &[&str] = &[
    "และ",
    "หรือ",
    "ที่",
    "ซึ่ง",
    "ใน",
    "ของ",
    "กับ",
    "จาก",
    "แก่",
    "แห่ง",
    "ต่อ",
    "โดย",
    "ด้วย",
    "เพื่อ",
    "ไม่",
    "อย่าง",
    "ผ่าน",
    "ทุก",
];

/// Function words the dictionary lists glued to a bound prefix (ในการ, ของการ,
/// และความ): the prefix still belongs to the word after it.
const GLUED_FUNCTION_WORDS: &[&str] = &[
    "ใน",
    "ของ",
    "และ",
    "ด้วย",
    "โดย",
    "ต่อ",
    "กับ",
    "จาก",
    "เพื่อ",
    "ซึ่ง",
    "ที่",
    "แก่",
    "แห่ง",
    "หรือ",
    "ให้",
    "ได้",
    "มี",
    "เป็น",
    "ทาง",
    "เกิด",
    "สร้าง",
];

/// Drops the boundary right after a bound prefix standing as a word of its own,
/// or glued to a function word before it (ใน|การ or ในการ, then ดำเนินงาน).
fn keep_prefixes_with_their_word(run: &str, agreed: &mut Vec<usize>) {
    let mut start = 0;
    agreed.retain(|&p| {
        let word = &run[start..p];
        let bound = BOUND_PREFIXES.iter().any(|prefix| {
            word.strip_suffix(prefix)
                .is_some_and(|head| head.is_empty() || GLUED_FUNCTION_WORDS.contains(&head))
        });
        start = p;
        !bound
    });
}

/// Inside a stretch longer than [`LONG_UNKNOWN_CHARS`] that no dictionary word
/// touches, the positions that are syllable ends whatever the word: after ะ, ำ or
/// a silent letter (์), and before a leading vowel.
fn long_unknown_breaks(run: &str, agreed: &[usize], in_known: &[bool]) -> Vec<usize> {
    let mut edges = vec![0];
    edges.extend(agreed.iter().copied());
    edges.push(run.len());
    let mut extra = Vec::new();
    for pair in edges.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let piece = &run[a..b];
        if piece.chars().count() <= LONG_UNKNOWN_CHARS || (a + 1..b).any(|p| in_known[p]) {
            continue;
        }
        let chars: Vec<(usize, char)> = piece.char_indices().collect();
        for w in 1..chars.len() {
            let (prev, (p, next)) = (chars[w - 1].1, chars[w]);
            let syllable_end = matches!(prev, 'ะ' | 'ำ' | '์') || is_leading_vowel(next);
            if syllable_end && is_cluster_boundary(piece, p) {
                extra.push(a + p);
            }
        }
    }
    extra
}

/// Positions (byte offsets, 0 and `run.len()` included) between Thai character
/// clusters: the only places a word may start or end.
fn cluster_boundaries(run: &str) -> Vec<usize> {
    let mut cuts: Vec<usize> = run
        .char_indices()
        .map(|(i, _)| i)
        .filter(|&i| i == 0 || is_cluster_boundary(run, i))
        .collect();
    cuts.push(run.len());
    cuts
}

fn is_cut(cuts: &[usize], p: usize) -> bool {
    cuts.binary_search(&p).is_ok()
}

/// Whether a Thai syllable may end at byte `p` of `s` (a character boundary):
/// never before a combining mark or ะ า ำ ๅ, after a leading vowel, before ฯ ๆ,
/// nor before a consonant made silent by ์ (including
/// the two-letter silent endings of จันทร์, ศาสตร์).
fn is_cluster_boundary(s: &str, p: usize) -> bool {
    let Some(prev) = s[..p].chars().next_back() else {
        return false;
    };
    let mut after = s[p..].chars();
    let Some(next) = after.next() else {
        return false;
    };
    let (n2, n3) = (after.next(), after.next());
    if is_combining_mark(next) || is_following_vowel(next) || matches!(next, 'ฯ' | 'ๆ') {
        return false;
    }
    if is_leading_vowel(prev) {
        return false;
    }
    if is_thai_consonant(next) {
        let silent = n2 == Some('์')
            || (n2.is_some_and(is_thai_consonant) && n3 == Some('์'))
            || (n2.is_some_and(|c| matches!(c, 'ิ' | 'ุ')) && n3 == Some('์'));
        if silent {
            return false;
        }
    }
    true
}

/// Whether `c` belongs to a run of Thai letters that the dictionary segments:
/// letters, vowels and marks, but not ฯ ๆ (which end a word), digits or ฿.
fn is_thai_letter(c: char) -> bool {
    matches!(c, '\u{0E01}'..='\u{0E2E}' | '\u{0E30}'..='\u{0E3A}' | '\u{0E40}'..='\u{0E45}' | '\u{0E47}'..='\u{0E4E}')
}

/// Byte ranges of the runs of Thai letters in `text`; a dot right after a Thai
/// letter belongs to the run (so that "พ.ศ." and "ป.ป.ช." are matched whole).
fn thai_runs(text: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    let mut prev_thai = false;
    for (i, c) in text.char_indices() {
        let member = is_thai_letter(c) || (c == '.' && prev_thai);
        match (member, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, i));
                start = None;
            }
            _ => {}
        }
        prev_thai = member;
    }
    if let Some(s) = start {
        runs.push((s, text.len()));
    }
    runs
}

/// Candidate breaks from Unicode line breaking (UAX #14), without complex-script
/// data: Thai letters count as alphabetic there and never break among
/// themselves. Also marks the junctions between Thai and Latin letters. The
/// result has one flag per byte offset (`text.len() + 1` entries).
fn collect_uax14(text: &str) -> Vec<bool> {
    let mut candidates = vec![false; text.len() + 1];
    let segmenter = LineSegmenter::new_for_non_complex_scripts(LineBreakOptions::default());
    for p in segmenter.segment_str(&thai_as_alphabetic(text)) {
        candidates[p] = true;
    }
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        if let Some(a) = prev {
            let junction = (is_thai_letter(a) && c.is_ascii_alphabetic())
                || (a.is_ascii_alphabetic() && is_thai_letter(c));
            if junction {
                candidates[i] = true;
            }
        }
        prev = Some(c);
    }
    candidates
}

/// `text` with every Thai character of line-break class SA (letters, vowels,
/// marks, ฯ, ๆ; not digits nor ฿) replaced by a Latin letter of the same UTF-8
/// length (U+1E00), so that UAX #14 treats Thai words as alphabetic and never
/// asks for the complex-script model it does not have. Byte offsets are kept.
fn thai_as_alphabetic(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{0E01}'..='\u{0E3A}' | '\u{0E40}'..='\u{0E4E}' => '\u{1E00}',
            _ => c,
        })
        .collect()
}

/// Applies the rules that hold everywhere and gives each surviving break its kind.
fn finalize(
    text: &str,
    candidates: &[bool],
    compound: &[bool],
    protected: &[(usize, usize)],
) -> Vec<Break> {
    let mut out = Vec::new();
    for (p, _) in text.char_indices().skip(1) {
        if !candidates[p] {
            continue;
        }
        let Some(kind) = break_kind(text, p) else {
            continue;
        };
        let kind = if kind == BreakKind::Allowed && compound[p] {
            BreakKind::Compound
        } else {
            kind
        };
        let forbidden = !rules_allow(text, p) || protected.iter().any(|&(a, b)| a < p && p < b);
        if kind != BreakKind::Mandatory && forbidden {
            continue;
        }
        out.push(Break { offset: p, kind });
    }
    out
}

/// The kind of a break at `p` judging by the character before it.
fn break_kind(text: &str, p: usize) -> Option<BreakKind> {
    let prev = text[..p].chars().next_back()?;
    let next = text[p..].chars().next();
    Some(match prev {
        '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => BreakKind::Mandatory,
        '\r' if next != Some('\n') => BreakKind::Mandatory,
        '\r' => return None,
        c if c.is_whitespace() => BreakKind::Space,
        _ => BreakKind::Allowed,
    })
}

/// Whether a line may be cut at byte `offset` of `text` by the rules that hold
/// everywhere (not after an opening bracket or quote, nor before closing
/// punctuation, a combining mark or a following vowel, nor inside a number or a
/// dotted abbreviation), whatever the words. For a typesetter that must cut a
/// box wider than the line between grapheme clusters as a last resort.
pub fn emergency_break_allowed(text: &str, offset: usize) -> bool {
    offset > 0 && offset < text.len() && text.is_char_boundary(offset) && rules_allow(text, offset)
}

/// Characters that stay with what follows them.
fn is_opening(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '“' | '‘' | '«' | '"')
}

/// Characters that stay with what precedes them.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | ',' | '.' | ':' | ';' | '!' | '?' | '%' | '”' | '’' | '»' | '"'
    )
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || is_thai_digit(c)
}

/// The rules no break may violate (see the module documentation).
fn rules_allow(text: &str, p: usize) -> bool {
    let mut before = text[..p].chars().rev();
    let mut after = text[p..].chars();
    let (Some(a), Some(b)) = (before.next(), after.next()) else {
        return false;
    };
    let (a2, b2) = (before.next(), after.next());

    if b.is_whitespace() {
        return false; // a line breaks after the space, not before it
    }
    if is_combining_mark(b) || is_following_vowel(b) || matches!(b, 'ฯ' | 'ๆ' | '์') {
        return false;
    }
    if is_leading_vowel(a) {
        return false;
    }
    // inside a number: ๒๕๖๖, 98.85, ๒๒๕/๒๕๖๕, ๑-๔, 1,234.50
    let separator = |c: char| matches!(c, '.' | ',' | '/' | '-' | ':');
    if is_digit(a) && is_digit(b) {
        return false;
    }
    if is_digit(a) && separator(b) && b2.is_some_and(is_digit) {
        return false;
    }
    if separator(a) && a2.is_some_and(is_digit) && is_digit(b) {
        return false;
    }
    // a number stays with the word that counts it, across the space: ตัวชี้วัดที่ ๓,
    // วันที่ ๑๑, ข้อ ๒, ชั้น ๒, มาตรา ๑๕, หมู่ ๓, พ.ศ. ๒๕๖๖, ม.ค. ๖๕
    if a.is_whitespace() && is_digit(b) {
        let head = text[..p].trim_end();
        let word = head.rsplit(char::is_whitespace).next().unwrap_or(head);
        let dotted = word.strip_suffix('.').is_some_and(|w| w.contains('.'));
        if COUNTING_WORDS.iter().any(|c| word.ends_with(c)) || dotted {
            return false;
        }
    }
    // ...and ordinal ที่ with the noun before it: ตัวชี้วัดที่ ๓, not ตัวชี้วัด|ที่ ๓
    if !a.is_whitespace() {
        if let Some(rest) = text[p..].strip_prefix("ที่") {
            let after = rest.trim_start_matches(' ');
            if after.len() < rest.len() && after.chars().next().is_some_and(is_digit) {
                return false;
            }
        }
    }
    // dotted abbreviations (พ.ศ., ป.ป.ช., อบต.) and what is glued to them (พ.ศ.๒๕๖๖)
    if a == '.' {
        return false; // b is not white space here
    }
    // ฯลฯ
    if (a == 'ฯ' && b == 'ล' && b2 == Some('ฯ')) || (a == 'ล' && a2 == Some('ฯ') && b == 'ฯ')
    {
        return false;
    }
    if is_opening(a) || is_closing(b) {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(seg: &Segmenter, text: &str) -> String {
        seg.marked(text)
    }

    #[test]
    fn dictionary_is_embedded() {
        let s = Segmenter::new();
        assert!(s.knows("การประเมิน") || s.knows("ประเมิน"));
        assert!(s.knows("คุณธรรม"));
        assert!(!s.knows("โคกสูงสัมพันธ์xyz"));
    }

    #[test]
    fn a_bound_prefix_makes_no_noun_of_a_function_word() {
        let s = Segmenter::new();
        for (text, expected) in [
            ("มาตรการและโครงการ", "มาตรการ|และ"),
            ("รายการไม่ครบถ้วน", "รายการ|ไม่"),
            ("ดำเนินการตามแผน", "ดำเนินการ|ตาม"),
        ] {
            let c = cut(&s, text);
            assert!(c.contains(expected), "{text}: {c}");
            assert!(!c.contains("|การ"), "{text}: {c}");
        }
        // ไม่ว่า (whatever) is one word, not ไม่ + ว่า
        assert!(!cut(&s, "ต่าง ๆ ไม่ว่าจะเป็น").contains("ไม่|ว่า"));
        // ...while การ still holds to the word it makes a noun of
        assert!(cut(&s, "จัดทำการประเมิน").contains("จัดทำ|การประเมิน"));
    }

    #[test]
    fn a_compound_with_a_marked_break_breaks_only_there() {
        let s = Segmenter::new();
        let c = cut(&s, "แผนประจำปีงบประมาณ");
        assert!(c.contains("ประจำ|ปีงบประมาณ"), "{c}");
        assert!(!c.contains("ประจำปี|"), "{c}");
        assert_eq!(
            compound_breaks("ประจำปีงบประมาณ"),
            Some(&["ประจำ".len()][..])
        );
        assert_eq!(compound_breaks("ปีงบประมาณ"), None);
        let at = "แผนประจำ".len();
        let kinds: Vec<(usize, BreakKind)> = s
            .breaks("แผนประจำปีงบประมาณ")
            .into_iter()
            .map(|b| (b.offset, b.kind))
            .collect();
        assert!(kinds.contains(&(at, BreakKind::Compound)), "{kinds:?}");
        assert!(
            kinds.contains(&("แผน".len(), BreakKind::Allowed)),
            "{kinds:?}"
        );
    }

    #[test]
    fn thai_words_are_separated() {
        let s = Segmenter::new();
        let c = cut(&s, "ผลการประเมินคุณธรรม");
        assert!(c.contains("คุณธรรม"), "{c}");
        assert!(!c.contains("ผลก|"), "{c}");
    }

    #[test]
    fn extra_words_with_spaces_stay_whole() {
        let s = Segmenter::with_words(["นายโกสินทร์ วิชาธรรม"]);
        let c = cut(&s, "ลงชื่อ นายโกสินทร์  วิชาธรรม ตำแหน่ง");
        assert!(c.contains("นายโกสินทร์  วิชาธรรม |"), "{c}");
        let plain = cut(&Segmenter::new(), "ลงชื่อ นายโกสินทร์ วิชาธรรม ตำแหน่ง");
        assert!(plain.contains("โกสินทร์ |วิชาธรรม"), "{plain}");
    }

    #[test]
    fn kinds() {
        let s = Segmenter::new();
        let text = "ITA score\nคะแนน";
        let b = s.breaks(text);
        assert!(b.contains(&Break {
            offset: 4,
            kind: BreakKind::Space
        }));
        assert!(b.contains(&Break {
            offset: 10,
            kind: BreakKind::Mandatory
        }));
        assert!(s.breaks("").is_empty());
    }

    /// The Thai words `c` is cut into, without spaces.
    fn pieces(c: &str) -> Vec<&str> {
        c.split(|ch: char| ch == '|' || ch.is_whitespace())
            .filter(|p| !p.is_empty())
            .collect()
    }

    #[test]
    fn long_dictionary_words_break_between_their_own_words() {
        let s = Segmenter::new();
        let office = "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ";
        assert!(s.knows(office), "the compound is one dictionary word");
        let c = cut(&s, &format!("ตามประกาศ{office}เรื่อง"));
        for piece in pieces(&c) {
            assert!(width(piece) <= LONG_WORD_WIDTH, "{piece} whole in {c}");
        }
        assert!(c.contains("สำนักงาน|คณะกรรมการ"), "{c}");
        assert!(c.contains("|แห่งชาติ"), "{c}");
        // never inside a shorter word of it, nor after a bound prefix
        for bad in ["การ|ทุจริต", "ป้อง|กัน", "ปราบ|ปราม", "สำนัก|งาน"]
        {
            assert!(!c.contains(bad), "{bad} in {c}");
        }
        // a long word that is not much wider than a name stays whole
        let c = cut(&s, "ปลัดองค์การบริหารส่วนตำบลลงนาม");
        assert!(c.contains("องค์การบริหารส่วนตำบล"), "{c}");
    }

    #[test]
    fn extra_words_stay_whole_unless_very_long_without_spaces() {
        let office = "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ";
        let name = "องค์การบริหารส่วนตำบลโคกสะอาด";
        let s = Segmenter::with_words([office, name]);
        let c = cut(&s, &format!("ตามประกาศ{office}และ{name}"));
        assert!(c.contains(name), "{name} split in {c}");
        assert!(!c.contains(office), "{office} has no break in {c}");
        assert!(c.contains("สำนักงาน|คณะกรรมการ"), "{c}");
        // a position before the agency's name breaks before the name
        let position = "ปลัดองค์การบริหารส่วนตำบลโคกสะอาด";
        let s = Segmenter::with_words([position, name]);
        assert_eq!(cut(&s, position), format!("ปลัด|{name}"));
    }

    #[test]
    fn long_ambiguous_stretches_get_one_segmentation() {
        let s = Segmenter::new();
        let text = "ส่งเสริมการมีส่วนร่วมของประชาชนในการพัฒนาการดำเนินงาน";
        let c = cut(&s, text);
        let tail = &c[c.rfind("ใน").unwrap()..];
        let last: Vec<&str> = tail.split('|').collect();
        assert!(last.len() >= 2, "no break in {tail}: {c}");
        for piece in pieces(&c) {
            assert!(
                width(piece) <= UNBROKEN_RUN_WIDTH,
                "{piece} unbroken in {c}"
            );
        }
        // chosen the same way every time: the longest first words
        assert_eq!(c, cut(&s, text));
        assert!(c.contains("|การพัฒนาการ|ดำเนินงาน"), "{c}");
        // a short ambiguous stretch is still left whole
        let c = cut(&s, "พัฒนาการดำเนินงาน");
        assert!(!c.contains('|'), "{c}");
    }

    #[test]
    fn last_resort_breaks_inside_a_word() {
        let s = Segmenter::with_words(["งานการเจ้าหน้าที่"]);
        let word = "งานการเจ้าหน้าที่";
        let inside = s.breaks_inside_word(word);
        assert!(!inside.is_empty());
        assert!(!inside.contains(&word.find("หน้าที่").unwrap()), "{inside:?}");
        let office = "(สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ)";
        let inside = s.breaks_inside_word(office);
        assert!(inside.len() >= 4, "{inside:?}");
        assert!(!inside.contains(&1), "{inside:?}");
        assert!(s.breaks_inside_word("ITA").is_empty());
    }

    #[test]
    fn emergency_breaks_respect_the_rules() {
        let text = "ไตรมาส ๑-๔ (ปีงบประมาณ)";
        let open = text.find('(').unwrap() + 1;
        let close = text.find(')').unwrap();
        assert!(!emergency_break_allowed(text, open));
        assert!(!emergency_break_allowed(text, close));
        let inside = text.find("งบ").unwrap();
        assert!(emergency_break_allowed(text, inside));
        assert!(!emergency_break_allowed(text, inside + 1)); // not a char boundary
        assert!(!emergency_break_allowed(text, 0));
    }

    #[test]
    fn no_break_inside_brackets_or_before_closing_punctuation() {
        let s = Segmenter::new();
        for text in [
            "ไตรมาส ๑-๔ (ปีงบประมาณ พ.ศ. ๒๕๖๙)",
            "ผลการประเมิน (ร้อยละ) [หมายเหตุ] “ความโปร่งใส” ของหน่วยงาน, คะแนน: ดี.",
            "ไตรมาส ๑-๔(ปีงบประมาณ)และ\"คุณธรรม\"ต่อไป",
        ] {
            let c = cut(&s, text);
            for bad in ["(|", "[|", "“|", "|)", "|]", "|,", "|.", "|:", "|”"] {
                assert!(!c.contains(bad), "{bad} in {c}");
            }
            if text.contains("(ปี") {
                assert!(c.contains("(ปี"), "{c}");
            }
        }
    }
}
