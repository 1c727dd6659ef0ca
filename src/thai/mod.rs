//! Thai text helpers: numerals, numbers, dates and text normalisation.
//!
//! A leaf module: it depends on nothing else in itadoc. The stages use it to
//! read what the user typed (Thai or Arabic digits, Thai-text dates, text pasted
//! from word processors) and to write what an official document shows
//! ("๑๑ สิงหาคม ๒๕๖๖", "๙๘.๘๕").
//!
//! - [`digits`]: Thai ↔ Arabic digits, parsing and formatting numbers and scores;
//! - [`date`]: Buddhist-era years, fiscal years, formatting and parsing dates;
//! - [`names`]: the words that introduce names (kinds of agency and place, titles);
//! - [`normalise`](mod@normalise): repairs that matter for Thai text (สระอำ, zero-width
//!   characters, stray spaces, doubled or misordered marks).

pub mod date;
pub mod digits;
pub mod names;
pub mod normalise;

pub use date::{
    be_year, ce_year, fiscal_year_of, fiscal_year_range, format_date, month_name, parse_date,
    DateError, DateStyle,
};
pub use digits::{
    format_number, format_score, has_mixed_digits, parse_number, round2, to_arabic_digits,
    to_thai_digits,
};
pub use normalise::{normalise, Normalised, Repair, RepairKind};

/// True for the Thai combining marks that sit above or below a consonant:
/// ไม้หันอากาศ, the upper and lower vowels, พินทุ, ไม้ไต่คู้, the tone marks,
/// ทัณฑฆาต, นิคหิต and ยามักการ.
pub fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

/// True for the four Thai tone marks (ไม้เอก, ไม้โท, ไม้ตรี, ไม้จัตวา).
pub fn is_tone_mark(c: char) -> bool {
    matches!(c, '\u{0E48}'..='\u{0E4B}')
}

/// True for the leading vowels เ แ โ ใ ไ, written before the consonant they follow in speech.
pub fn is_leading_vowel(c: char) -> bool {
    matches!(c, '\u{0E40}'..='\u{0E44}')
}

/// True for the following vowels that can never start a syllable: ะ า ำ ๅ.
pub fn is_following_vowel(c: char) -> bool {
    matches!(c, 'ะ' | 'า' | 'ำ' | 'ๅ')
}

/// True for any character of the Thai block (U+0E01..U+0E5B).
pub fn is_thai(c: char) -> bool {
    matches!(c, '\u{0E01}'..='\u{0E5B}')
}

/// True for a Thai consonant ก..ฮ.
pub fn is_thai_consonant(c: char) -> bool {
    matches!(c, 'ก'..='ฮ')
}

/// True for a Thai digit ๐..๙.
pub fn is_thai_digit(c: char) -> bool {
    matches!(c, '๐'..='๙')
}
