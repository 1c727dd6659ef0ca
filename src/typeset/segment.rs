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
//!    word after it. Only boundaries shared by *every* best segmentation are kept,
//!    so an ambiguous stretch (พัฒนาการ|ดำเนินงาน or พัฒนา|การดำเนินงาน) is not
//!    broken at all, and stretches the dictionary does not know stay whole (those
//!    over 20 characters break only at unmistakable syllable ends);
//! 3. **protect**: occurrences of extra words (names, positions, possibly with
//!    spaces inside) are found in the whole text and never broken;
//! 4. **finalize**: rules that hold everywhere (no break before a combining mark
//!    or ะ า ำ, after เ แ โ ใ ไ, before ฯ ๆ even across a space, inside numbers
//!    and dotted abbreviations, after an opening or before a closing bracket or
//!    punctuation) filter the candidates, and each survivor gets its kind.

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

/// Extra words longer than this (in characters) are not protected from breaking
/// when they contain spaces: a line must be able to break somewhere.
const MAX_PROTECTED_CHARS: usize = 40;

/// Stretches of Thai the dictionary does not know are kept whole up to this many
/// characters; longer ones may break at unmistakable syllable ends.
const LONG_UNKNOWN_CHARS: usize = 20;

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
        let mut list: Vec<String> = Vec::new();
        for w in words {
            let word = w.as_ref().split_whitespace().collect::<Vec<_>>().join(" ");
            if !word.is_empty() {
                list.extend(proper_noun_parts(&word));
                list.push(word);
            }
        }
        list.sort();
        list.dedup();
        let extra = Set::from_iter(list.iter()).expect("sorted, deduplicated words");
        Segmenter {
            extra: (!extra.is_empty()).then(|| Arc::new(extra)),
            ..Segmenter::new()
        }
    }

    /// Whether `word` is in the built-in dictionary or among the extra words.
    pub fn knows(&self, word: &str) -> bool {
        self.dictionary.contains(word) || self.extra.as_ref().is_some_and(|e| e.contains(word))
    }

    /// Every break opportunity in `text`, sorted by offset. Offset 0 and the end
    /// of the text are never reported.
    pub fn breaks(&self, text: &str) -> Vec<Break> {
        if text.is_empty() {
            return Vec::new();
        }
        let mut candidates = collect_uax14(text);
        for (start, end) in thai_runs(text) {
            self.break_thai_run(text, start, end, &mut candidates);
        }
        let protected = self.protected_ranges(text);
        finalize(text, &candidates, &protected)
    }

    /// Marks the word boundaries inside the Thai run `text[start..end]`.
    fn break_thai_run(&self, text: &str, start: usize, end: usize, out: &mut [bool]) {
        let run = &text[start..end];
        let lattice = self.build_lattice(run);
        for p in lattice.agreed_boundaries(run) {
            out[start + p] = true;
        }
    }

    /// All ways to cut `run` into dictionary words and unknown clusters.
    fn build_lattice(&self, run: &str) -> Lattice {
        let cuts = cluster_boundaries(run);
        let mut edges = Vec::new();
        let bytes = run.as_bytes();
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
            walk(self.dictionary.as_fst(), bytes, i, false, &mut known_to);
            if let Some(extra) = &self.extra {
                walk(extra.as_fst(), bytes, i, false, &mut known_to);
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
        let bytes = text.as_bytes();
        let mut ranges = Vec::new();
        for (i, _) in text.char_indices() {
            let mut longest = None;
            walk(extra.as_fst(), bytes, i, true, &mut |j| longest = Some(j));
            if let Some(j) = longest {
                let word = &text[i..j];
                let has_space = word.contains(char::is_whitespace);
                if !has_space || word.chars().count() <= MAX_PROTECTED_CHARS {
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
    bytes: &[u8],
    start: usize,
    collapse_space: bool,
    found: &mut impl FnMut(usize),
) {
    let mut node = fst.root();
    let mut i = start;
    while i < bytes.len() {
        let (input, next) = if collapse_space && is_ascii_or_nbsp_space(bytes, i) {
            let mut j = i;
            while j < bytes.len() && is_ascii_or_nbsp_space(bytes, j) {
                j += if bytes[j] == 0xC2 { 2 } else { 1 };
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
            found(i);
        }
    }
}

/// A space, tab or no-break space (U+00A0, bytes C2 A0) at byte `i`.
fn is_ascii_or_nbsp_space(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b' ' | b'\t' => true,
        0xC2 => bytes.get(i + 1) == Some(&0xA0),
        _ => false,
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
    /// Boundaries on which every least-cost segmentation agrees, leaving out those
    /// between two unknown clusters (except unmistakable syllable ends in a long
    /// unknown stretch).
    fn agreed_boundaries(&self, run: &str) -> Vec<usize> {
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
        let Some(best) = forward[n] else {
            return Vec::new();
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
        let mut agreed = Vec::new();
        let mut in_known = vec![false; n + 1];
        let (mut depth, mut known_depth) = (0, 0);
        for p in 0..n {
            depth += crossing[p];
            known_depth += known_crossing[p];
            in_known[p] = known_depth > 0 || known_edge_at[p];
            if p > 0 && depth == 0 && known_edge_at[p] {
                agreed.push(p);
            }
        }
        let long_unknown = long_unknown_breaks(run, &agreed, &in_known);
        keep_prefixes_with_their_word(run, &mut agreed);
        agreed.extend(long_unknown);
        agreed.sort_unstable();
        agreed
    }
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
        composed.extend(edges[lo..hi].iter().filter(|w| w.known).map(|w| Edge {
            from: prefix.from,
            to: w.to,
            known: true,
        }));
    }
    edges.extend(composed);
}

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
fn finalize(text: &str, candidates: &[bool], protected: &[(usize, usize)]) -> Vec<Break> {
    let mut out = Vec::new();
    for (p, _) in text.char_indices().skip(1) {
        if !candidates[p] {
            continue;
        }
        let Some(kind) = break_kind(text, p) else {
            continue;
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

    /// The text cut at every break, joined with '|'.
    fn cut(seg: &Segmenter, text: &str) -> String {
        let mut out = String::new();
        let mut last = 0;
        for b in seg.breaks(text) {
            out.push_str(&text[last..b.offset]);
            out.push('|');
            last = b.offset;
        }
        out.push_str(&text[last..]);
        out
    }

    #[test]
    fn dictionary_is_embedded() {
        let s = Segmenter::new();
        assert!(s.knows("การประเมิน") || s.knows("ประเมิน"));
        assert!(s.knows("คุณธรรม"));
        assert!(!s.knows("โคกสูงสัมพันธ์xyz"));
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
}
