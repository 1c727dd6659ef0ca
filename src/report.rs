//! Lines for the user about a render or a check: findings, typesetting warnings,
//! in Thai or English. The stages produce typed facts; this is where they become
//! sentences on the terminal (never in a document).

use crate::analysis::{Finding, Severity};
use crate::documents::DocumentKind;
use crate::model::Lang;
use crate::typeset::layout::{Warning, WarningKind};

/// One finding of `analysis::check` as "file:line:column: ข้อผิดพลาด [code] message"
/// (the severity word and the message in `lang`).
pub fn finding(f: &Finding, origin: &str, lang: Lang) -> String {
    let severity = match (f.severity, lang) {
        (Severity::Error, Lang::Th) => "ข้อผิดพลาด",
        (Severity::Warning, Lang::Th) => "คำเตือน",
        (Severity::Info, Lang::Th) => "ข้อสังเกต",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Info, Lang::En) => "info",
    };
    let place = match (f.line, f.column) {
        (Some(l), Some(c)) => format!("{origin}:{l}:{c}"),
        (Some(l), None) => format!("{origin}:{l}"),
        _ => origin.to_string(),
    };
    format!("{place}: {severity} [{}] {}", f.code, f.message(lang))
}

/// One typesetting warning as a line for the user: the document's name, then what
/// went wrong and on which page. Kinds the typesetter does not classify keep its
/// own (English) message.
pub fn typeset_warning(kind: DocumentKind, w: &Warning, lang: Lang) -> String {
    let text = match (&w.kind, lang) {
        (WarningKind::Overfull { text, page }, Lang::Th) => {
            format!("หน้า {page}: คำยาวเกินบรรทัดจึงถูกตัดกลางคำ: \"{text}\"")
        }
        (
            WarningKind::MissingGlyphs {
                chars,
                context,
                page,
            },
            Lang::Th,
        ) => format!(
            "หน้า {page}: ฟอนต์ไม่มีรูปอักษร {} ในข้อความ \"{context}\"",
            chars
                .iter()
                .map(|c| format!("U+{:04X} '{c}'", *c as u32))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => w.message.clone(),
    };
    format!("{kind}: {text}")
}

/// Most warnings of one kind printed one by one for a document; the rest are
/// counted in one line.
pub const WARNINGS_SHOWN: usize = 3;

/// The typesetter's warnings about one document, each kind (overfull lines,
/// missing glyphs) shown [`WARNINGS_SHOWN`] times at most, then counted with the
/// pages they are on: a hostile input with 7,000 overfull lines prints a few
/// lines, not 7,000.
pub fn typeset_warnings(kind: DocumentKind, warnings: &[Warning], lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    // (shown, more, first page of the rest, last page of the rest), per kind
    let mut counts = [(0usize, 0usize, usize::MAX, 0usize); 2];
    for w in warnings {
        let (slot, page) = match &w.kind {
            WarningKind::Overfull { page, .. } => (0, *page),
            WarningKind::MissingGlyphs { page, .. } => (1, *page),
            WarningKind::Other => {
                out.push(typeset_warning(kind, w, lang));
                continue;
            }
        };
        let c = &mut counts[slot];
        if c.0 < WARNINGS_SHOWN {
            c.0 += 1;
            out.push(typeset_warning(kind, w, lang));
        } else {
            c.1 += 1;
            c.2 = c.2.min(page);
            c.3 = c.3.max(page);
        }
    }
    for (slot, (_, more, first, last)) in counts.into_iter().enumerate() {
        if more == 0 {
            continue;
        }
        let pages = match (first == last, lang) {
            (true, Lang::En) => format!("page {first}"),
            (true, Lang::Th) => format!("หน้า {first}"),
            (false, Lang::En) => format!("pages {first}–{last}"),
            (false, Lang::Th) => format!("หน้า {first}–{last}"),
        };
        let text = match (slot, lang) {
            (0, Lang::Th) => format!("และคำยาวเกินบรรทัดที่ถูกตัดกลางคำอีก {more} แห่ง ({pages})"),
            (0, Lang::En) => {
                format!("and {more} more words longer than the line, broken ({pages})")
            }
            (_, Lang::Th) => format!("และข้อความที่ฟอนต์ไม่มีรูปอักษรอีก {more} แห่ง ({pages})"),
            (_, Lang::En) => format!("and {more} more texts the font has no glyphs for ({pages})"),
        };
        out.push(format!("{kind}: {text}"));
    }
    out
}

/// `th` or `en` by `lang`.
pub fn pick<'a>(lang: Lang, th: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Th => th,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typeset_warnings_speak_thai_unless_asked_for_english() {
        let overfull = Warning {
            message: "page 2: a word is longer than the line and was broken: \"ก\"".into(),
            kind: WarningKind::Overfull {
                text: "องค์การบริหารส่วนตำบล".into(),
                page: 2,
            },
        };
        let th = typeset_warning(DocumentKind::Plan, &overfull, Lang::Th);
        assert_eq!(
            th,
            "plan: หน้า 2: คำยาวเกินบรรทัดจึงถูกตัดกลางคำ: \"องค์การบริหารส่วนตำบล\""
        );
        let en = typeset_warning(DocumentKind::Plan, &overfull, Lang::En);
        assert_eq!(en, format!("plan: {}", overfull.message));
        let missing = Warning {
            message: "x".into(),
            kind: WarningKind::MissingGlyphs {
                chars: vec!['\u{0E5B}'],
                context: "ท้าย".into(),
                page: 1,
            },
        };
        let th = typeset_warning(DocumentKind::Memo, &missing, Lang::Th);
        assert!(th.starts_with("memo: หน้า 1: ฟอนต์ไม่มีรูปอักษร U+0E5B"), "{th}");
        assert!(th.ends_with("\"ท้าย\""), "{th}");
    }
}
