//! The rules: where Thai syllables may end, which words stay with the word after
//! them, and the rules of line breaking that hold whatever the words (brackets,
//! numbers, abbreviations, marks); Unicode line breaking for everything that is
//! not Thai.

use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::LineSegmenter;

use super::data;
use super::solver::Edge;
use super::{Break, BreakKind, LONG_UNKNOWN_CHARS};
use crate::thai::{
    is_combining_mark, is_following_vowel, is_leading_vowel, is_thai_consonant, is_thai_digit,
};

/// Adds one word for each bound prefix followed by a dictionary word (การ + วิเคราะห์
/// → การวิเคราะห์), so that "จัดทำ|การวิเคราะห์" is as good a reading as any
/// other and a prefix is not left at the end of a line.
pub(super) fn add_prefixed_words(run: &str, edges: &mut Vec<Edge>) {
    // `edges` is sorted by `from`: the words starting at one place are one slice.
    let mut composed = Vec::new();
    for prefix in edges
        .iter()
        .filter(|e| e.known && data::bound_prefixes().contains(&&run[e.from..e.to]))
    {
        let lo = edges.partition_point(|e| e.from < prefix.to);
        let hi = edges.partition_point(|e| e.from <= prefix.to);
        composed.extend(
            edges[lo..hi]
                .iter()
                .filter(|w| w.known && !data::not_nominalised().contains(&&run[w.from..w.to]))
                .map(|w| Edge {
                    from: prefix.from,
                    to: w.to,
                    known: true,
                }),
        );
    }
    edges.extend(composed);
}

/// Drops the boundary right after a bound prefix standing as a word of its own,
/// or glued to a function word before it (ใน|การ or ในการ, then ดำเนินงาน).
pub(super) fn keep_prefixes_with_their_word(run: &str, agreed: &mut Vec<usize>) {
    let mut start = 0;
    agreed.retain(|&p| {
        let word = &run[start..p];
        let bound = data::bound_prefixes().iter().any(|prefix| {
            word.strip_suffix(prefix)
                .is_some_and(|head| head.is_empty() || data::glued_function_words().contains(&head))
        });
        start = p;
        !bound
    });
}

/// Inside a stretch longer than [`LONG_UNKNOWN_CHARS`] that no dictionary word
/// touches, the positions that are syllable ends whatever the word: after ะ, ำ or
/// a silent letter (์), and before a leading vowel.
pub(super) fn long_unknown_breaks(run: &str, agreed: &[usize], in_known: &[bool]) -> Vec<usize> {
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
pub(super) fn cluster_boundaries(run: &str) -> Vec<usize> {
    let mut cuts: Vec<usize> = run
        .char_indices()
        .map(|(i, _)| i)
        .filter(|&i| i == 0 || is_cluster_boundary(run, i))
        .collect();
    cuts.push(run.len());
    cuts
}

pub(super) fn is_cut(cuts: &[usize], p: usize) -> bool {
    cuts.binary_search(&p).is_ok()
}

/// Whether a Thai syllable may end at byte `p` of `s` (a character boundary):
/// never before a combining mark or ะ า ำ ๅ, after a leading vowel, before ฯ ๆ,
/// nor before a consonant made silent by ์ (including
/// the two-letter silent endings of จันทร์, ศาสตร์).
pub(super) fn is_cluster_boundary(s: &str, p: usize) -> bool {
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
pub(super) fn is_thai_letter(c: char) -> bool {
    matches!(c, '\u{0E01}'..='\u{0E2E}' | '\u{0E30}'..='\u{0E3A}' | '\u{0E40}'..='\u{0E45}' | '\u{0E47}'..='\u{0E4E}')
}

/// Byte ranges of the runs of Thai letters in `text`; a dot right after a Thai
/// letter belongs to the run (so that "พ.ศ." and "ป.ป.ช." are matched whole).
pub(super) fn thai_runs(text: &str) -> Vec<(usize, usize)> {
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
pub(super) fn collect_uax14(text: &str) -> Vec<bool> {
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
pub(super) fn thai_as_alphabetic(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{0E01}'..='\u{0E3A}' | '\u{0E40}'..='\u{0E4E}' => '\u{1E00}',
            _ => c,
        })
        .collect()
}

/// Applies the rules that hold everywhere and gives each surviving break its kind.
pub(super) fn finalize(
    text: &str,
    candidates: &[bool],
    compound: &[bool],
    protected: &[(usize, usize)],
) -> Vec<Break> {
    let mut out = Vec::new();
    let rtl = inside_rtl_words(text);
    for (p, _) in text.char_indices().skip(1) {
        if !candidates[p] || rtl[p] {
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

/// Per byte offset: whether it lies inside a word (between spaces) that holds a
/// right-to-left letter (Hebrew, Arabic). Such a word mixed into Thai is kept
/// whole: where its parts show is the reader's bidirectional ordering, and a line
/// break inside it would scatter them over two lines.
fn inside_rtl_words(text: &str) -> Vec<bool> {
    let mut out = vec![false; text.len() + 1];
    let mut start = 0;
    let mut rtl = false;
    let mark = |out: &mut Vec<bool>, a: usize, b: usize| {
        for f in &mut out[a + 1..b] {
            *f = true;
        }
    };
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if rtl && i > start {
                mark(&mut out, start, i);
            }
            start = i + c.len_utf8();
            rtl = false;
        } else if matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        {
            rtl = true;
        }
    }
    if rtl && text.len() > start {
        mark(&mut out, start, text.len());
    }
    out
}

/// The kind of a break at `p` judging by the character before it.
pub(super) fn break_kind(text: &str, p: usize) -> Option<BreakKind> {
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
pub(super) fn is_opening(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '“' | '‘' | '«' | '"')
}

/// Characters that stay with what precedes them.
pub(super) fn is_closing(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | ',' | '.' | ':' | ';' | '!' | '?' | '%' | '”' | '’' | '»' | '"'
    )
}

pub(super) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || is_thai_digit(c)
}

/// The rules no break may violate (see the module documentation).
pub(super) fn rules_allow(text: &str, p: usize) -> bool {
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
        if data::counting_words().iter().any(|c| word.ends_with(c)) || dotted {
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
