//! The words that introduce a name in Thai official text, read from `data/names`:
//! kinds of local administration (เทศบาลตำบล, องค์การบริหารส่วนตำบล), kinds of place
//! (ตำบล, อำเภอ, จังหวัด) and titles before a person's name (นาย, นางสาว). One home
//! for each list: the checks, the line breaker and the documents all read these.

use std::sync::OnceLock;

/// The entries of a word list: one per line, blank lines and lines starting with
/// '#' left out, each trimmed.
pub fn word_list(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Kinds of local administration that start an agency's name, longer forms before
/// their prefixes (`data/names/agency_prefixes.txt`).
pub fn agency_prefixes() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| word_list(include_str!("../../data/names/agency_prefixes.txt")))
}

/// Words naming a kind of place before its name (`data/names/place_kinds.txt`).
pub fn place_kinds() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| word_list(include_str!("../../data/names/place_kinds.txt")))
}

/// Titles before a person's name, longer forms before their prefixes
/// (`data/names/titles.txt`).
pub fn titles() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| word_list(include_str!("../../data/names/titles.txt")))
}

/// Names of kings and queens (`data/names/royal.txt`), some with spaces inside.
pub fn royal_names() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| word_list(include_str!("../../data/names/royal.txt")))
}

/// The name of the place in an agency's name: "องค์การบริหารส่วนตำบลพลสงคราม" →
/// "พลสงคราม"; a name without a known prefix comes back trimmed.
pub fn strip_agency_prefix(full: &str) -> &str {
    let t = full.trim();
    agency_prefixes()
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .map_or(t, str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longer_prefixes_come_first() {
        for list in [agency_prefixes(), place_kinds(), titles()] {
            for (i, a) in list.iter().enumerate() {
                for b in &list[i + 1..] {
                    assert!(!b.starts_with(a), "{b} comes after its prefix {a}");
                }
            }
        }
    }

    #[test]
    fn the_place_is_what_follows_the_kind_of_administration() {
        assert_eq!(
            strip_agency_prefix("องค์การบริหารส่วนตำบลพลสงคราม"),
            "พลสงคราม"
        );
        assert_eq!(strip_agency_prefix(" เทศบาลตำบลโคกสูงสัมพันธ์ "), "โคกสูงสัมพันธ์");
        assert_eq!(strip_agency_prefix("อบต. ปากตม"), "ปากตม");
        assert_eq!(strip_agency_prefix("สำนักงาน ป.ป.ช."), "สำนักงาน ป.ป.ช.");
        assert_eq!(word_list("# c\n\n ก \nข\n"), ["ก", "ข"]);
    }
}
