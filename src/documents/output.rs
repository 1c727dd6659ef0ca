//! What rendering produces and how it reaches the disk: the options of a render,
//! the report of what was written, safe file names and atomic writes.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::DocumentKind;

/// How to render one input file (the command line's `render` flags).
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Documents to render; `None` renders every document the file has data for.
    pub only: Option<Vec<DocumentKind>>,
    /// Output folder (created if needed).
    pub out_dir: PathBuf,
    /// Override of `settings.thai_digits` (`Some(false)` for `--arabic-digits`).
    pub thai_digits: Option<bool>,
    /// A folder of the user's own fonts (TH SarabunPSK …); `None` uses the bundled family.
    pub fonts_dir: Option<PathBuf>,
    /// A folder of templates replacing the built-in ones.
    pub templates_dir: Option<PathBuf>,
    /// The emblem image, overriding `agency.emblem`.
    pub emblem: Option<PathBuf>,
    /// Write PDF/A-2b.
    pub pdfa: bool,
    /// Write even when `check` finds errors.
    pub force: bool,
    /// Language of messages: `th` or `en`.
    pub lang: String,
    /// Fonts already loaded (batch mode shares one family between files).
    pub fonts: Option<crate::typeset::fonts::Fonts>,
}

/// One document written.
#[derive(Debug, Clone)]
pub struct RenderedDoc {
    /// Which document.
    pub kind: DocumentKind,
    /// Where it was written.
    pub path: PathBuf,
    /// Number of pages.
    pub pages: usize,
    /// Size in bytes.
    pub bytes: usize,
}

/// What a render did.
#[derive(Debug, Clone, Default)]
pub struct RenderReport {
    /// The documents written, in order.
    pub docs: Vec<RenderedDoc>,
    /// Documents asked for (or possible) that the file has no data for.
    pub skipped: Vec<DocumentKind>,
    /// Warnings from loading, checking and typesetting, one line each.
    pub warnings: Vec<String>,
}

/// The file name of a document: `<year>-<document>.pdf`, e.g. `2566-memo.pdf`.
pub fn output_name(year: i64, kind: DocumentKind) -> String {
    format!("{year}-{}.pdf", kind.name())
}

/// One typesetting warning as a line for the user, in Thai (`en == false`) or English:
/// the document's name, then what went wrong and on which page. Kinds the typesetter
/// does not classify keep its own (English) message.
pub fn format_typeset_warning(
    kind: DocumentKind,
    w: &crate::typeset::layout::Warning,
    en: bool,
) -> String {
    use crate::typeset::layout::WarningKind;
    let text = match (&w.kind, en) {
        (WarningKind::Overfull { text, page }, false) => {
            format!("หน้า {page}: คำยาวเกินบรรทัดจึงถูกตัดกลางคำ: \"{text}\"")
        }
        (
            WarningKind::MissingGlyphs {
                chars,
                context,
                page,
            },
            false,
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
pub fn format_typeset_warnings(
    kind: DocumentKind,
    warnings: &[crate::typeset::layout::Warning],
    en: bool,
) -> Vec<String> {
    use crate::typeset::layout::WarningKind;
    let mut out = Vec::new();
    // (shown, more, first page of the rest, last page of the rest), per kind
    let mut counts = [(0usize, 0usize, usize::MAX, 0usize); 2];
    for w in warnings {
        let (slot, page) = match &w.kind {
            WarningKind::Overfull { page, .. } => (0, *page),
            WarningKind::MissingGlyphs { page, .. } => (1, *page),
            WarningKind::Other => {
                out.push(format_typeset_warning(kind, w, en));
                continue;
            }
        };
        let c = &mut counts[slot];
        if c.0 < WARNINGS_SHOWN {
            c.0 += 1;
            out.push(format_typeset_warning(kind, w, en));
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
        let pages = if first == last {
            if en {
                format!("page {first}")
            } else {
                format!("หน้า {first}")
            }
        } else if en {
            format!("pages {first}–{last}")
        } else {
            format!("หน้า {first}–{last}")
        };
        let text = match (slot, en) {
            (0, false) => format!("และคำยาวเกินบรรทัดที่ถูกตัดกลางคำอีก {more} แห่ง ({pages})"),
            (0, true) => format!("and {more} more words longer than the line, broken ({pages})"),
            (_, false) => format!("และข้อความที่ฟอนต์ไม่มีรูปอักษรอีก {more} แห่ง ({pages})"),
            (_, true) => format!("and {more} more texts the font has no glyphs for ({pages})"),
        };
        out.push(format!("{kind}: {text}"));
    }
    out
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, then
/// renamed over the target, so a reader sees the old file or the whole new one. (No
/// fsync: that would guard against power loss, not errors, and costs more than
/// typesetting a page.) On any error the temporary file is removed
/// and `path` is left as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// One finding of `analysis::check` as "file:line:column: ข้อผิดพลาด [code] message"
/// (the severity word and the message in `lang`).
pub fn format_finding(
    f: &crate::analysis::Finding,
    origin: &str,
    lang: crate::model::Lang,
) -> String {
    use crate::analysis::Severity;
    let en = lang == crate::model::Lang::En;
    let severity = match (f.severity, en) {
        (Severity::Error, false) => "ข้อผิดพลาด",
        (Severity::Warning, false) => "คำเตือน",
        (Severity::Info, false) => "ข้อสังเกต",
        (Severity::Error, true) => "error",
        (Severity::Warning, true) => "warning",
        (Severity::Info, true) => "info",
    };
    let place = match (f.line, f.column) {
        (Some(l), Some(c)) => format!("{origin}:{l}:{c}"),
        (Some(l), None) => format!("{origin}:{l}"),
        _ => origin.to_string(),
    };
    format!("{place}: {severity} [{}] {}", f.code, f.message(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typeset_warnings_speak_thai_unless_asked_for_english() {
        use crate::typeset::layout::{Warning, WarningKind};
        let overfull = Warning {
            message: "page 2: a word is longer than the line and was broken: \"ก\"".into(),
            kind: WarningKind::Overfull {
                text: "องค์การบริหารส่วนตำบล".into(),
                page: 2,
            },
        };
        let th = format_typeset_warning(DocumentKind::Plan, &overfull, false);
        assert_eq!(
            th,
            "plan: หน้า 2: คำยาวเกินบรรทัดจึงถูกตัดกลางคำ: \"องค์การบริหารส่วนตำบล\""
        );
        let en = format_typeset_warning(DocumentKind::Plan, &overfull, true);
        assert_eq!(en, format!("plan: {}", overfull.message));
        let missing = Warning {
            message: "x".into(),
            kind: WarningKind::MissingGlyphs {
                chars: vec!['\u{0E5B}'],
                context: "ท้าย".into(),
                page: 1,
            },
        };
        let th = format_typeset_warning(DocumentKind::Memo, &missing, false);
        assert!(th.starts_with("memo: หน้า 1: ฟอนต์ไม่มีรูปอักษร U+0E5B"), "{th}");
        assert!(th.ends_with("\"ท้าย\""), "{th}");
    }

    #[test]
    fn names_are_year_and_kind() {
        assert_eq!(output_name(2566, DocumentKind::Memo), "2566-memo.pdf");
        assert_eq!(
            output_name(2565, DocumentKind::Announcement),
            "2565-announcement.pdf"
        );
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary() {
        let dir = std::env::temp_dir().join(format!("itadoc-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("2566-memo.pdf");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(left.len(), 1);
        // a write into a missing folder fails and creates nothing
        assert!(write_atomic(&dir.join("missing/x.pdf"), b"x").is_err());
        assert!(!dir.join("missing").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
