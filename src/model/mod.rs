//! The input model: one YAML file → [`Loaded`] (the [`Input`], the warnings of
//! normalisation, and where every value was written).
//!
//! The pipeline is: read → [`tree::parse`] (yaml-rust2 events, positions kept)
//! → convert (each field read where the contract puts it, normalised, checked
//! for unknown names) → `Loaded`. Errors and warnings render as
//! `file:line:column: message`, in Thai or English ([`Lang`]).

mod convert;
mod diag;
mod normalise;
mod text;
pub mod tree;
mod types;

pub use convert::{edit_distance, nearest};
pub use diag::{Diagnostic, Lang, LoadError, Spans};
pub use normalise::{mixed_digits, question_code, Code};
pub use types::*;

use std::path::Path;

/// Parses a date as the input accepts it (ISO with a BE or CE year, d/m/y, or
/// Thai text such as "๑๑ สิงหาคม ๒๕๖๖" or "๓๑ มี.ค. ๖๕"), in the Christian era.
pub fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    normalise::date(text).map(|(d, _)| d)
}

/// An input that loaded: the data, the repairs made, and the positions.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The data.
    pub input: Input,
    /// One warning per repair or suspicious spelling (codes such as
    /// `question-code-spelling`, `thai-digits`, `mixed-digits`, `text-repaired`).
    pub warnings: Vec<Diagnostic>,
    /// Where each value was written.
    pub spans: Spans,
    /// The origin label (file name) messages use.
    pub origin: String,
}

impl Loaded {
    /// A message about the value at `path` (a YAML path such as `agency.emblem`),
    /// placed where it was written.
    pub fn diagnostic_at(&self, path: &str, code: &str, th: String, en: String) -> Diagnostic {
        let (line, column) = self.spans.get(path).unwrap_or((1, 1));
        Diagnostic {
            origin: self.origin.clone(),
            line,
            column,
            code: code.to_string(),
            message_th: th,
            message_en: en,
        }
    }

    /// Resolves a file named at `path` in the input (`agency.emblem`,
    /// `settings.font`) inside `folder`, the input file's folder; a path that
    /// leads out of it (or names nothing there) is an error placed at the value.
    pub fn local_file(
        &self,
        path: &str,
        value: &str,
        folder: &Path,
    ) -> Result<std::path::PathBuf, Diagnostic> {
        crate::files::resolve_inside(folder, value).map_err(|e| {
            self.diagnostic_at(
                path,
                "path-outside",
                format!("{path}: {}", e.message(value, Lang::Th)),
                format!("{path}: {}", e.message(value, Lang::En)),
            )
        })
    }
}

/// Loads the bytes of a file; `origin` names it in messages. Text that is not
/// UTF-8 (UTF-16 with its byte-order mark, a legacy Thai encoding) is refused with
/// the place of the first byte that is not.
pub fn load_bytes(bytes: &[u8], origin: &str) -> Result<Loaded, LoadError> {
    let text = text::decode(bytes, origin).map_err(|d| LoadError::Invalid(vec![*d]))?;
    load_str(text, origin)
}

/// Loads YAML text; `origin` names it in messages.
pub fn load_str(text: &str, origin: &str) -> Result<Loaded, LoadError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let bad = text::forbidden_characters(text, origin);
    if !bad.is_empty() {
        return Err(LoadError::Invalid(bad));
    }
    let root = tree::parse(text).map_err(|e| {
        LoadError::Invalid(vec![Diagnostic {
            origin: origin.to_string(),
            line: e.pos.line,
            column: e.pos.column,
            code: "yaml-syntax".into(),
            message_th: e.info_th,
            message_en: e.info,
        }])
    })?;
    let mut cx = convert::Cx::new(origin);
    let input = convert::input(&mut cx, &root);
    match input {
        Some(input) if cx.errors.is_empty() => Ok(Loaded {
            input,
            warnings: collapse_code_spellings(
                collapse_thai_digits(cx.warnings),
                &cx.code_spellings,
            ),
            spans: cx.spans,
            origin: origin.to_string(),
        }),
        _ => {
            let mut errors = cx.errors;
            if errors.is_empty() {
                errors.push(Diagnostic {
                    origin: origin.to_string(),
                    line: root.pos.line,
                    column: root.pos.column,
                    code: "not-an-input".into(),
                    message_th: "ไฟล์นี้ไม่ใช่ข้อมูลผลการประเมิน ITA".into(),
                    message_en: "this file is not ITA result data".into(),
                });
            }
            errors.sort_by_key(|d| (d.line, d.column));
            Err(LoadError::Invalid(at_most(errors, MAX_ERRORS)))
        }
    }
}

/// Most errors listed one by one; a file with thousands of unknown fields gets
/// these and one line that counts the rest.
const MAX_ERRORS: usize = 50;

/// The first `max` diagnostics, then one (placed at the first left out) that
/// counts the others.
fn at_most(mut list: Vec<Diagnostic>, max: usize) -> Vec<Diagnostic> {
    if list.len() <= max {
        return list;
    }
    let more = list.len() - max;
    let first_left_out = list[max].clone();
    list.truncate(max);
    list.push(Diagnostic {
        code: "more-errors".into(),
        message_th: format!("และข้อผิดพลาดอีก {more} รายการตั้งแต่ตรงนี้ (แก้รายการข้างบนแล้วตรวจอีกครั้ง)"),
        message_en: format!(
            "and {more} more errors from here on (fix the ones above and check again)"
        ),
        ..first_left_out
    });
    list
}

/// Scores typed in Thai digits are normal in Thai documents: beyond a few, one
/// warning (at the first) says how many were read, instead of one per score.
fn collapse_thai_digits(warnings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let count = warnings.iter().filter(|w| w.code == "thai-digits").count();
    if count <= 3 {
        return warnings;
    }
    let mut seen = false;
    warnings
        .into_iter()
        .filter_map(|mut w| {
            if w.code != "thai-digits" {
                return Some(w);
            }
            if seen {
                return None;
            }
            seen = true;
            w.message_th = format!("อ่านตัวเลขที่เขียนด้วยเลขไทย {count} ค่า (ค่าแรกอยู่ที่นี่)");
            w.message_en =
                format!("read {count} numbers written in Thai digits (the first is here)");
            Some(w)
        })
        .collect()
}

/// Question codes typed in another spelling ("i๑", "๐๑๔"): beyond a few, one
/// warning (at the first) counts them and shows one example of each letter.
/// `spellings` lists (typed, normalised) in the order of the warnings.
fn collapse_code_spellings(
    warnings: Vec<Diagnostic>,
    spellings: &[(String, String)],
) -> Vec<Diagnostic> {
    const CODE: &str = "question-code-spelling";
    let count = warnings.iter().filter(|w| w.code == CODE).count();
    if count <= 3 || count != spellings.len() {
        return warnings;
    }
    let mut examples: Vec<&(String, String)> = Vec::new();
    for s in spellings {
        if !examples
            .iter()
            .any(|e| e.1.chars().next() == s.1.chars().next())
        {
            examples.push(s);
        }
    }
    let list = |word: &str| {
        examples
            .iter()
            .map(|(raw, code)| format!("\"{raw}\" {word} {code}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut seen = false;
    warnings
        .into_iter()
        .filter_map(|mut w| {
            if w.code != CODE {
                return Some(w);
            }
            if seen {
                return None;
            }
            seen = true;
            w.message_th = format!(
                "อ่านรหัสข้อคำถามที่เขียนต่างรูปแบบ {count} รหัส เช่น {} (รหัสแรกอยู่ที่นี่)",
                list("เป็น")
            );
            w.message_en = format!(
                "read {count} question codes spelt otherwise, e.g. {} (the first is here)",
                list("as")
            );
            Some(w)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "agency:\n  name: เทศบาลตำบลทดสอบ\nyear: 2568\nresult:\n  indicators: {1: 90, 2: 90, 3: 90, 4: 90, 5: 90, 6: 90, 7: 90, 8: 90, 9: 90, 10: 90}\n";

    #[test]
    fn minimal_input_loads() {
        let l = load_str(MINIMAL, "t.yaml").unwrap();
        assert_eq!(l.input.year, 2568);
        assert_eq!(l.input.result.indicators.len(), 10);
        assert_eq!(l.spans.line("result.indicators.4"), Some(5));
        assert!(l.warnings.is_empty());
    }

    #[test]
    fn a_file_that_is_a_list_says_so_without_an_empty_path() {
        let e = load_str("- 1\n- 2\n", "t.yaml").unwrap_err();
        let th = e.render(Lang::Th);
        assert!(th.contains("t.yaml:1:1: ทั้งไฟล์: ต้องเป็นชุดข้อมูล"), "{th}");
        let en = e.render(Lang::En);
        assert!(
            en.contains("t.yaml:1:1: the file: expected a mapping"),
            "{en}"
        );
    }

    #[test]
    fn unknown_field_suggests() {
        let e = load_str(&MINIMAL.replace("  name:", "  nmae:"), "t.yaml").unwrap_err();
        let en = e.render(Lang::En);
        assert!(en.contains("t.yaml:2:3: unknown field `nmae`"), "{en}");
        assert!(en.contains("did you mean `name`"), "{en}");
        assert!(e.render(Lang::Th).contains("หมายถึง `name`"));
    }

    #[test]
    fn codes_and_thai_scores_normalised_with_warnings() {
        let text = format!(
            "{MINIMAL}  questions:\n    \"๐๑๔\": ๕๐\n    E๔: {{public: ๙๘.๘๐, survey: ๗๙.๐๙}}\n    i๑: \"๙๘.๐๖\"\n"
        );
        let l = load_str(&text, "t.yaml").unwrap();
        let q = &l.input.result.questions;
        assert_eq!(q["o14"].score, Some(50.0));
        assert_eq!(q["e4"].public, Some(98.8));
        assert_eq!(q["i1"].score, Some(98.06));
        let codes: Vec<&str> = l.warnings.iter().map(|w| w.code.as_str()).collect();
        assert_eq!(
            codes
                .iter()
                .filter(|c| **c == "question-code-spelling")
                .count(),
            3
        );
        assert_eq!(l.spans.line("result.questions.o14"), Some(7));
        // Four numbers in Thai digits: one warning that counts them.
        let thai: Vec<_> = l
            .warnings
            .iter()
            .filter(|w| w.code == "thai-digits")
            .collect();
        assert_eq!(thai.len(), 1);
        assert!(
            thai[0].message_en.starts_with("read 4 numbers"),
            "{}",
            thai[0].message_en
        );
    }

    #[test]
    fn many_code_spellings_make_one_warning() {
        let text = format!(
            "{MINIMAL}  questions:\n    \"๐๑\": ๕๐\n    \"๐๒\": ๕๐\n    i๑: ๙๘\n    E๔: ๙๐\n    e5: 90\n"
        );
        let l = load_str(&text, "t.yaml").unwrap();
        assert_eq!(l.input.result.questions.len(), 5);
        let w: Vec<_> = l
            .warnings
            .iter()
            .filter(|w| w.code == "question-code-spelling")
            .collect();
        assert_eq!(w.len(), 1);
        assert_eq!(
            w[0].message_en,
            "read 4 question codes spelt otherwise, e.g. \"๐๑\" as o1, \"i๑\" as i1, \"E๔\" as e4 (the first is here)"
        );
        assert_eq!(w[0].line, 7);
    }

    #[test]
    fn missing_required_and_bad_values() {
        let e = load_str("agency: {}\nyear: abc\n", "x.yaml").unwrap_err();
        let en = e.render(Lang::En);
        assert!(en.contains("agency.name"), "{en}");
        assert!(en.contains("\"abc\" is not a number"), "{en}");
        assert!(en.contains("`result`"), "{en}");
    }

    #[test]
    fn dates_in_both_eras_and_thai_text() {
        let text = format!(
            "{MINIMAL}memo:\n  date: 2566-08-11\nannouncement:\n  date: ๑๕ สิงหาคม ๒๕๖๖\nmeeting:\n  date: 2023-08-20\n  time: \"09:30\"\n"
        );
        let l = load_str(&text, "t.yaml").unwrap();
        assert_eq!(l.input.memo.date.unwrap().0.to_string(), "2023-08-11");
        assert_eq!(
            l.input.announcement.date.unwrap().0.to_string(),
            "2023-08-15"
        );
        assert_eq!(
            l.input.meeting.unwrap().date.unwrap().0.to_string(),
            "2023-08-20"
        );
    }

    #[test]
    fn thousands_of_errors_are_counted_after_the_first_fifty() {
        let keys: String = (0..2000).map(|i| format!("k{i}: 1\n")).collect();
        let e = load_str(&format!("{MINIMAL}{keys}"), "t.yaml").unwrap_err();
        let list = e.diagnostics();
        assert_eq!(list.len(), MAX_ERRORS + 1);
        let last = &list[MAX_ERRORS];
        assert_eq!(last.code, "more-errors");
        assert!(
            last.message_en.starts_with("and 1950 more errors"),
            "{}",
            last.message_en
        );
        // placed at the first one left out: the 51st unknown field, on line 56
        assert_eq!(last.line, 6 + MAX_ERRORS);
    }

    #[test]
    fn syntax_error_is_placed() {
        let e = load_str("agency: [\n", "bad.yaml").unwrap_err();
        assert!(e.render(Lang::En).starts_with("bad.yaml:"));
    }
}
