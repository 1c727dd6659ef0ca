//! Errors of the PDF writer, with messages that say what to fix.

use std::fmt;

use krilla::configure::ValidationError;
use krilla::error::KrillaError;
use krilla::text::Font;

use crate::lang::Lang;
use crate::typeset::layout::ImageKind;

/// Why a PDF could not be written.
#[derive(Debug, Clone, PartialEq)]
pub enum PdfError {
    /// A font could not be read or embedded.
    Font {
        /// The font's file (or `builtin:…`).
        origin: String,
        /// What went wrong.
        message: String,
    },
    /// An image could not be decoded or placed.
    Image {
        /// 1-based page number (0 when krilla reports it without a page).
        page: usize,
        /// The image's format.
        kind: ImageKind,
        /// What went wrong.
        message: String,
    },
    /// A page with a width or height that is not a positive number.
    PageSize {
        /// 1-based page number.
        page: usize,
        /// The width asked for, in points.
        width: f32,
        /// The height asked for, in points.
        height: f32,
    },
    /// The document breaks the rules of the standards asked for (PDF/A-2a or 2u,
    /// PDF/UA-1); one readable line per problem.
    Validation {
        /// The standards, e.g. `PDF/A-2a and PDF/UA-1`.
        standards: String,
        /// What is wrong.
        problems: Vec<Problem>,
    },
    /// Anything else krilla reports.
    Other(String),
}

/// One validation problem, in Thai and in English.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// In Thai.
    pub th: String,
    /// In English.
    pub en: String,
}

impl Problem {
    fn new(th: impl Into<String>, en: impl Into<String>) -> Problem {
        Problem {
            th: th.into(),
            en: en.into(),
        }
    }
}

impl PdfError {
    /// The message in `lang`: validation problems are told in Thai or English,
    /// the rest (font, image and page errors, which name files and numbers) in
    /// English.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                PdfError::Validation {
                    standards,
                    problems,
                },
                Lang::Th,
            ) => {
                let mut out = format!(
                    "เอกสารไม่เป็นไปตามมาตรฐาน {standards} ({} ข้อ):",
                    problems.len()
                );
                for problem in problems {
                    out.push_str("\n  - ");
                    out.push_str(&problem.th);
                }
                out
            }
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::Font { origin, message } => {
                write!(f, "cannot embed font {origin}: {message}")
            }
            PdfError::Image {
                page,
                kind,
                message,
            } => {
                let format = match kind {
                    ImageKind::Png => "PNG",
                    ImageKind::Jpeg => "JPEG",
                    ImageKind::Svg => "SVG",
                };
                if *page > 0 {
                    write!(
                        f,
                        "cannot place the {format} image on page {page}: {message}"
                    )
                } else {
                    write!(f, "cannot place a {format} image: {message}")
                }
            }
            PdfError::PageSize {
                page,
                width,
                height,
            } => write!(
                f,
                "page {page} has an impossible size {width} × {height} pt (both must be positive)"
            ),
            PdfError::Validation {
                standards,
                problems,
            } => {
                write!(
                    f,
                    "the document is not valid {standards} ({} problem{}):",
                    problems.len(),
                    if problems.len() == 1 { "" } else { "s" }
                )?;
                for problem in problems {
                    write!(f, "\n  - {}", problem.en)?;
                }
                Ok(())
            }
            PdfError::Other(message) => write!(f, "cannot write the PDF: {message}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// Turns krilla's error into ours, naming fonts by the file they came from;
/// `standards` names what the validators checked.
pub(super) fn from_krilla(
    error: KrillaError,
    fonts: &[(Font, String)],
    standards: &str,
) -> PdfError {
    let name = |font: &Font| {
        fonts
            .iter()
            .find(|(f, _)| f == font)
            .map_or_else(|| "a font".to_string(), |(_, origin)| origin.clone())
    };
    match error {
        KrillaError::Font(font, message) => PdfError::Font {
            origin: name(&font),
            message,
        },
        KrillaError::Validation(errors) => {
            let mut problems: Vec<Problem> = errors
                .iter()
                .map(|(error, _)| describe(error, &name))
                .collect();
            problems.dedup();
            PdfError::Validation {
                standards: standards.to_string(),
                problems,
            }
        }
        KrillaError::Image(_, _, message) => {
            PdfError::Other(format!("an image cannot be embedded: {message}"))
        }
        KrillaError::SixteenBitImage(_, _) => {
            PdfError::Other("a 16-bit image needs PDF 1.5 or later".into())
        }
        other => PdfError::Other(other.to_string()),
    }
}

/// One validation problem in words.
fn describe(error: &ValidationError, name: &dyn Fn(&Font) -> String) -> Problem {
    match error {
        ValidationError::ContainsNotDefGlyph(font, _, text) => Problem::new(
            format!(
                "{} ไม่มีรูปอักษรของ {text:?} ({}) จะพิมพ์ออกมาเป็นกล่องว่าง",
                name(font),
                codepoints(text)
            ),
            format!(
                "{} has no glyph for {text:?} ({}); it would print as an empty box",
                name(font),
                codepoints(text)
            ),
        ),
        ValidationError::NoCodepointMapping(font, glyph, _) => Problem::new(
            format!(
                "รูปอักษร {} ของ {} ไม่ได้กำกับอักขระใด จึงคัดลอกข้อความออกไม่ได้",
                glyph.to_u32(),
                name(font)
            ),
            format!(
                "glyph {} of {} maps to no text, so it cannot be copied out",
                glyph.to_u32(),
                name(font)
            ),
        ),
        ValidationError::InvalidCodepointMapping(font, glyph, c, _) => Problem::new(
            format!(
                "รูปอักษร {} ของ {} กำกับด้วยอักขระต้องห้าม U+{:04X}",
                glyph.to_u32(),
                name(font),
                u32::from(*c)
            ),
            format!(
                "glyph {} of {} maps to the forbidden character U+{:04X}",
                glyph.to_u32(),
                name(font),
                u32::from(*c)
            ),
        ),
        ValidationError::UnicodePrivateArea(font, glyph, c, _) => Problem::new(
            format!(
                "รูปอักษร {} ของ {} กำกับด้วยอักขระในช่วงใช้เฉพาะ U+{:04X}",
                glyph.to_u32(),
                name(font),
                u32::from(*c)
            ),
            format!(
                "glyph {} of {} maps to the private-use character U+{:04X}",
                glyph.to_u32(),
                name(font),
                u32::from(*c)
            ),
        ),
        ValidationError::RestrictedLicense(font) => Problem::new(
            format!("สัญญาอนุญาตของ {} ไม่ยอมให้ฝังฟอนต์ในเอกสาร", name(font)),
            format!("the licence of {} does not allow embedding it", name(font)),
        ),
        ValidationError::NoDocumentTitle => Problem::new(
            "เอกสารไม่มีชื่อเรื่อง (title ของ <document>)",
            "the document has no title (<document title>)",
        ),
        ValidationError::NoDocumentLanguage => {
            Problem::new("เอกสารไม่ได้ระบุภาษา", "the document has no language")
        }
        ValidationError::MissingDocumentDate => {
            Problem::new("เอกสารไม่มีวันที่", "the document has no date")
        }
        ValidationError::ImageInterpolation(_) => Problem::new(
            "ภาพขอให้โปรแกรมอ่านเกลี่ยพิกเซล (interpolation)",
            "an image asks for interpolation",
        ),
        ValidationError::Transparency(_) => Problem::new(
            "เอกสารใช้ความโปร่งใส (transparency)",
            "the document uses transparency",
        ),
        ValidationError::TooLongString => Problem::new(
            "ข้อความหนึ่งยาวเกิน 32767 ไบต์",
            "a text string is longer than 32767 bytes",
        ),
        ValidationError::MissingDocumentOutline => Problem::new(
            "เอกสารไม่มีหัวเรื่อง (heading=\"…\" ในแม่แบบ) จึงไม่มีที่คั่นหน้า ซึ่ง PDF/UA กำหนดให้มี",
            "the document has no heading (heading=\"…\" in the template), so no bookmarks, which PDF/UA requires",
        ),
        ValidationError::MissingHeadingTitle => Problem::new(
            "หัวเรื่องหนึ่งไม่มีข้อความ",
            "a heading has no text",
        ),
        ValidationError::MissingAltText(_) => Problem::new(
            "ภาพไม่มีคำบรรยายสำหรับผู้ที่มองไม่เห็น (alt ของ <emblem>)",
            "an image has no alternate text (<emblem alt>)",
        ),
        ValidationError::MissingTagging => Problem::new(
            "เอกสารไม่มีโครงสร้าง (tagged PDF)",
            "the document has no structure (tagged PDF)",
        ),
        other => Problem::new(format!("{other:?}"), format!("{other:?}")),
    }
}

/// "U+0E01 U+0E49" for a piece of text.
fn codepoints(text: &str) -> String {
    text.chars()
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect::<Vec<_>>()
        .join(" ")
}
