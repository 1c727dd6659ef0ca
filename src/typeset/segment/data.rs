//! The word data of the segmenter: PyThaiNLP's dictionary with our list of
//! government and ITA words (one FST, built by `build.rs`), the compounds of our
//! list with a marked break, and the short lists of `data/segment` and
//! `data/names` the rules use.

use std::sync::OnceLock;

use crate::thai::names::{self, word_list};

/// PyThaiNLP's words_th.txt and our data/segment/words_ita.txt as one FST, built
/// by `build.rs`.
pub(super) static DICTIONARY: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words_th.fst"));

/// Every place name of data/places/subdistricts.csv as an FST, built by `build.rs`.
pub(super) static PLACES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/places.fst"));

/// Our list of government and ITA words (also compiled into [`DICTIONARY`]), read
/// here for its compounds with a marked break (see [`compound_breaks`]).
static ITA_WORDS: &str = include_str!("../../../data/segment/words_ita.txt");

/// The breaks inside `word` if it is one of the compounds our list gives with a
/// '|' (ประจำ|ปีงบประมาณ): byte offsets into `word`, or `None`.
pub(super) fn compound_breaks(word: &str) -> Option<&'static [usize]> {
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

/// Declares an accessor for a word list of `data/segment`, read once.
macro_rules! list {
    ($(#[$doc:meta])* $name:ident, $file:literal) => {
        $(#[$doc])*
        pub(super) fn $name() -> &'static [&'static str] {
            static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
            LIST.get_or_init(|| word_list(include_str!(concat!("../../../data/segment/", $file))))
        }
    };
}

list!(
    /// Words that make a noun of the word after them (การประเมิน), and the titles
    /// before a person's name: no line breaks after them.
    bound_prefixes,
    "bound_prefixes.txt"
);
list!(
    /// Words that count the number after them (ตัวชี้วัดที่ ๓, ข้อ ๒).
    counting_words,
    "counting_words.txt"
);
list!(
    /// Function words a bound prefix does not make a noun of (มาตรการ|และ).
    not_nominalised,
    "not_nominalised.txt"
);
list!(
    /// Function words the dictionary lists glued to a bound prefix (ในการ).
    glued_function_words,
    "glued_function_words.txt"
);

/// Titles and kinds of agency or place that start a proper noun; what follows
/// them is a name on its own. Longer forms come before their prefixes.
pub(super) fn name_prefixes() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut list = names::agency_prefixes().to_vec();
        list.extend(names::place_kinds());
        list.extend(names::titles());
        list
    })
}
