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
//!
//! The code is split by job: [`solver`] finds the best segmentations of a Thai run
//! (the lattice of dictionary words and its least-cost paths), [`rules`] holds the
//! rules of Thai orthography and of line breaking, and [`data`] the word lists
//! (the embedded dictionary and the lists in `data/segment` and `data/names`).

use std::sync::Arc;

use fst::Set;

use data::{compound_breaks, DICTIONARY};
pub use rules::emergency_break_allowed;
use rules::{
    add_prefixed_words, cluster_boundaries, collect_uax14, finalize, is_cluster_boundary, is_cut,
    keep_prefixes_with_their_word, thai_runs,
};
pub(crate) use solver::encode;
use solver::{walk, width, Edge, Encoded, Lattice};

mod data;
mod names;
mod rules;
mod solver;

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

/// Longest extra word kept at all: longer ones are not names but hostile or
/// mistaken input, and looking words up stays linear in the text only when every
/// word is short.
const MAX_EXTRA_WORD_CHARS: usize = 200;

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
            // no name is this long; a run that is would make every look-up walk
            // along it, from every position of the text (quadratic)
            if word.chars().count() > MAX_EXTRA_WORD_CHARS {
                continue;
            }
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
        let mut protected = self.protected_ranges(text);
        protected.extend(names::name_ranges(self, text));
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
            if let Some(parts) = self.agency_parts(word) {
                cuts.extend(parts.before.map(|p| e.from + p));
                cuts.extend(parts.inside.iter().map(|p| e.from + p));
                if let Some(c) = compound.as_deref_mut() {
                    c.extend(parts.inside.iter().map(|p| e.from + p));
                }
            } else if depth < 3 && self.splits_inside(word) {
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
    /// inside: wider than [`LONG_WORD_WIDTH`] (a dictionary word or an extra word
    /// alike; an agency's name is split by [`Segmenter::agency_parts`] instead).
    fn splits_inside(&self, word: &str) -> bool {
        width(word) > LONG_WORD_WIDTH
    }

    /// Whether `word` is one of the extra words.
    fn is_extra(&self, word: &str) -> bool {
        self.extra
            .as_ref()
            .is_some_and(|e| e.contains(encode(word)))
    }

    /// The parts of an extra word that holds an agency's name
    /// (ปลัด|องค์การ|บริหาร|ส่วน|ตำบล|โคกสะอาด): the kind of administration
    /// (names::agency_prefixes) breaks between its own words and before the place,
    /// at a cost; a word before it (a position) breaks freely; the place's name
    /// never breaks, however long.
    fn agency_parts(&self, word: &str) -> Option<AgencyParts> {
        if !self.is_extra(word) {
            return None;
        }
        let (at, prefix) = word
            .char_indices()
            .map(|(i, _)| i)
            .filter(|&i| i == 0 || is_cluster_boundary(word, i))
            .find_map(|i| {
                crate::thai::names::agency_prefixes()
                    .iter()
                    .find(|p| word[i..].starts_with(**p) && word.len() > i + p.len())
                    .map(|p| (i, *p))
            })?;
        let end = at + prefix.len();
        let mut inside: Vec<usize> = prefix_breaks(prefix).iter().map(|p| at + p).collect();
        if is_cluster_boundary(word, end) {
            inside.push(end);
        }
        Some(AgencyParts {
            before: (at > 0).then_some(at),
            inside,
        })
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
                // An agency's name protects only the place in it (an extra word of
                // its own); a long word without spaces breaks between its words.
                let word = &text[i..j];
                let keep = if word.contains(char::is_whitespace) {
                    word.chars().count() <= MAX_PROTECTED_CHARS
                } else {
                    self.agency_parts(word).is_none() && !self.splits_inside(word)
                };
                if keep {
                    ranges.push((i, j));
                }
            }
        }
        ranges
    }
}

/// The breaks between the words of a kind of administration (องค์การ|บริหาร|ส่วน|ตำบล),
/// found once per process with the built-in dictionary; none inside an
/// abbreviation (อบต., ทต.), which is one word.
fn prefix_breaks(prefix: &str) -> &'static [usize] {
    static BREAKS: std::sync::OnceLock<Vec<(&'static str, Vec<usize>)>> =
        std::sync::OnceLock::new();
    let all = BREAKS.get_or_init(|| {
        let plain = Segmenter::new();
        crate::thai::names::agency_prefixes()
            .iter()
            .map(|p| {
                let inside = if p.contains('.') {
                    Vec::new()
                } else {
                    plain.breaks_inside_word(p)
                };
                (*p, inside)
            })
            .collect()
    });
    all.iter()
        .find(|(p, _)| *p == prefix)
        .map_or(&[], |(_, b)| b.as_slice())
}

/// Where an extra word holding an agency's name may break (byte offsets into it).
struct AgencyParts {
    /// Before the kind of administration, after a position (ปลัด|องค์การ…).
    before: Option<usize>,
    /// Between the words of the kind of administration and before the place.
    inside: Vec<usize>,
}

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
    let Some(rest) = data::name_prefixes()
        .iter()
        .find_map(|p| word.strip_prefix(p))
    else {
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

#[cfg(test)]
mod tests;
