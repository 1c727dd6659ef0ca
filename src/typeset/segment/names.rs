//! Names that stay whole on a line, found by their context rather than by a list
//! of the document's own names: a place's name after a kind of place (ตำบลบางโรง,
//! อำเภอท่าฉลอม, บ้านดอน) when the gazetteer knows it; a person's given name and
//! surname after a title (นายสมชาย จุลเจริญ), each a unit of its own; and the
//! names of kings and queens.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use fst::Set;

use super::data::PLACES;
use super::solver::{walk, Encoded};
use super::Segmenter;
use crate::thai::names;

/// The longest a given name or a surname may be (characters) to be kept whole: a
/// longer run after a title is text glued to the name, not a name.
const MAX_NAME_CHARS: usize = 25;

/// The gazetteer: every changwat, amphoe and tambon name.
fn places() -> &'static Set<&'static [u8]> {
    static SET: OnceLock<Set<&'static [u8]>> = OnceLock::new();
    SET.get_or_init(|| Set::new(PLACES).expect("build.rs writes a valid FST"))
}

/// Whether `name` is in the gazetteer.
#[cfg(test)]
pub(super) fn is_place(name: &str) -> bool {
    places().contains(super::encode(name))
}

/// What a word of [`names`] that introduces a name is.
#[derive(Clone, Copy)]
enum Lead {
    /// A kind of place or of administration (ตำบล, องค์การบริหารส่วนตำบล).
    Kind,
    /// A title before a person's name (นาย, นางสาว).
    Title,
    /// The whole name of a king or queen.
    Royal,
}

/// Every word that introduces a name (the kinds of place and of administration,
/// the titles, the royal names), each once with what it is in each list, and one
/// Aho-Corasick automaton of them: a text is read once for all of them, instead of
/// once per word.
type Leads = (AhoCorasick, Vec<(&'static str, Vec<Lead>)>);

/// The [`Leads`] of the lists of `data/names`, made once per process.
fn leads() -> &'static Leads {
    static LEADS: OnceLock<Leads> = OnceLock::new();
    LEADS.get_or_init(|| {
        let mut words: Vec<(&'static str, Vec<Lead>)> = Vec::new();
        let lists = names::place_kinds()
            .iter()
            .chain(names::agency_prefixes())
            .map(|w| (*w, Lead::Kind))
            .chain(names::titles().iter().map(|w| (*w, Lead::Title)))
            .chain(names::royal_names().iter().map(|w| (*w, Lead::Royal)));
        for (word, lead) in lists {
            match words.iter_mut().find(|(w, _)| *w == word) {
                Some((_, leads)) => leads.push(lead),
                None => words.push((word, vec![lead])),
            }
        }
        // a contiguous NFA: built in microseconds, where the default (a DFA for
        // so few words) takes about a millisecond of every process's start
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(words.iter().map(|(w, _)| w))
            .expect("the name lists are short words");
        (automaton, words)
    })
}

/// Byte ranges of `text` that are names to keep whole (see the module docs).
pub(super) fn name_ranges(seg: &Segmenter, text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (automaton, words) = leads();
    let mut encoded: Option<Encoded> = None;
    // Each word's occurrences are taken as `str::match_indices` gives them: from
    // the left, none overlapping another of the same word.
    let mut next_free: Vec<usize> = Vec::new();
    for m in automaton.find_overlapping_iter(text) {
        let id = m.pattern().as_usize();
        next_free.resize(words.len(), 0);
        let a = m.start();
        if a < next_free[id] {
            continue;
        }
        next_free[id] = m.end();
        let (word, kinds) = &words[id];
        for lead in kinds {
            match lead {
                Lead::Kind => {
                    let enc = encoded.get_or_insert_with(|| Encoded::new(text));
                    let b = a + word.len();
                    let start = b + text[b..].len() - text[b..].trim_start_matches(' ').len();
                    // the name after the kind (ตำบล|บางโรง), or one that starts with
                    // the kind word itself (บ้านดอน)
                    if let Some(end) = longest_place(enc, start) {
                        out.push((start, end));
                    }
                    if let Some(end) = longest_place(enc, a).filter(|&e| e > b) {
                        out.push((a, end));
                    }
                }
                Lead::Title => {
                    if let Some(ranges) = person(seg, text, a, word) {
                        out.extend(ranges);
                    }
                }
                Lead::Royal => {
                    let mut at = a;
                    for part in word.split(' ') {
                        out.push((at, at + part.len()));
                        at += part.len() + 1;
                    }
                }
            }
        }
    }
    out
}

/// End of the longest gazetteer name starting at byte `at` (names match whole
/// characters, so a match never ends inside a name's own vowel or mark).
fn longest_place(text: &Encoded, at: usize) -> Option<usize> {
    let mut longest = None;
    walk(places().as_fst(), text, at, false, &mut |j| {
        longest = Some(j)
    });
    longest
}

/// The given name and the surname after the title `title` at byte `a` of `text`:
/// the title with the given name, and the surname, as two ranges. `None` when the
/// title is not a title here: inside a word, or the start of a longer dictionary
/// word (นายก, นายอำเภอ), or followed by something too long to be a name.
fn person(seg: &Segmenter, text: &str, a: usize, title: &str) -> Option<Vec<(usize, usize)>> {
    let before = text[..a].chars().next_back();
    if before.is_some_and(|c| !(c.is_whitespace() || matches!(c, '(' | '"' | '“' | '\'' | '‘')))
    {
        return None;
    }
    let b = a + title.len();
    let given_start = b + text[b..].len() - text[b..].trim_start_matches(' ').len();
    let given_end = token_end(text, given_start);
    let given = &text[given_start..given_end];
    if given.is_empty() || given.chars().count() > MAX_NAME_CHARS {
        return None;
    }
    // นายกเทศมนตรี, นายอำเภอ: a word that starts with the title is no title
    let token = &text[a..given_end];
    let longer_word = token
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&i| i > title.len())
        .any(|i| seg.knows(&token[..i]));
    if longer_word && given_start == b {
        return None;
    }
    let mut out = vec![(a, given_end)];
    let surname_start = given_end + text[given_end..].len()
        - text[given_end..].trim_start_matches([' ', '\u{A0}']).len();
    if surname_start > given_end {
        let surname_end = token_end(text, surname_start);
        let surname = &text[surname_start..surname_end];
        let thai = surname.chars().next().is_some_and(|c| {
            ('\u{0E01}'..='\u{0E2E}').contains(&c) || matches!(c, 'เ' | 'แ' | 'โ' | 'ใ' | 'ไ')
        });
        if thai && surname.chars().count() <= MAX_NAME_CHARS {
            out.push((surname_start, surname_end));
        }
    }
    Some(out)
}

/// End of the run of text starting at `at` up to the next white space or closing
/// punctuation.
fn token_end(text: &str, at: usize) -> usize {
    text[at..]
        .find(|c: char| c.is_whitespace() || matches!(c, ')' | ',' | '"' | '”' | '’' | ';' | ':'))
        .map_or(text.len(), |k| at + k)
}

/// [`name_ranges`] as a scan of the text per word of the lists, the way it was
/// written before the automaton: the tests compare the two.
#[cfg(test)]
pub(super) fn name_ranges_per_word(seg: &Segmenter, text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let encoded = Encoded::new(text);
    for kind in names::place_kinds().iter().chain(names::agency_prefixes()) {
        for (a, _) in text.match_indices(kind) {
            let b = a + kind.len();
            let start = b + text[b..].len() - text[b..].trim_start_matches(' ').len();
            out.extend(longest_place(&encoded, start).map(|end| (start, end)));
            out.extend(
                longest_place(&encoded, a)
                    .filter(|&e| e > b)
                    .map(|e| (a, e)),
            );
        }
    }
    for title in names::titles() {
        for (a, _) in text.match_indices(title) {
            out.extend(person(seg, text, a, title).into_iter().flatten());
        }
    }
    for royal in names::royal_names() {
        for (a, _) in text.match_indices(royal) {
            let mut at = a;
            for part in royal.split(' ') {
                out.push((at, at + part.len()));
                at += part.len() + 1;
            }
        }
    }
    out
}
