//! Errors of the PDF writer, with messages that say what to fix.

use std::fmt;

use krilla::configure::ValidationError;
use krilla::error::KrillaError;
use krilla::text::Font;

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
    /// The document breaks the PDF/A-2u rules; one readable line per problem.
    Validation(Vec<String>),
    /// Anything else krilla reports.
    Other(String),
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
            PdfError::Validation(problems) => {
                write!(
                    f,
                    "the document is not valid PDF/A-2u ({} problem{}):",
                    problems.len(),
                    if problems.len() == 1 { "" } else { "s" }
                )?;
                for problem in problems {
                    write!(f, "\n  - {problem}")?;
                }
                Ok(())
            }
            PdfError::Other(message) => write!(f, "cannot write the PDF: {message}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// Turns krilla's error into ours, naming fonts by the file they came from.
pub(super) fn from_krilla(error: KrillaError, fonts: &[(Font, String)]) -> PdfError {
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
            let mut problems: Vec<String> = errors
                .iter()
                .map(|(error, _)| describe(error, &name))
                .collect();
            problems.dedup();
            PdfError::Validation(problems)
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
fn describe(error: &ValidationError, name: &dyn Fn(&Font) -> String) -> String {
    match error {
        ValidationError::ContainsNotDefGlyph(font, _, text) => format!(
            "{} has no glyph for {text:?} ({}); it would print as an empty box",
            name(font),
            codepoints(text)
        ),
        ValidationError::NoCodepointMapping(font, glyph, _) => format!(
            "glyph {} of {} maps to no text, so it cannot be copied out",
            glyph.to_u32(),
            name(font)
        ),
        ValidationError::InvalidCodepointMapping(font, glyph, c, _) => format!(
            "glyph {} of {} maps to the forbidden character U+{:04X}",
            glyph.to_u32(),
            name(font),
            u32::from(*c)
        ),
        ValidationError::UnicodePrivateArea(font, glyph, c, _) => format!(
            "glyph {} of {} maps to the private-use character U+{:04X}",
            glyph.to_u32(),
            name(font),
            u32::from(*c)
        ),
        ValidationError::RestrictedLicense(font) => {
            format!("the licence of {} does not allow embedding it", name(font))
        }
        ValidationError::NoDocumentTitle => "the document has no title".into(),
        ValidationError::NoDocumentLanguage => "the document has no language".into(),
        ValidationError::MissingDocumentDate => "the document has no date".into(),
        ValidationError::ImageInterpolation(_) => "an image asks for interpolation".into(),
        ValidationError::Transparency(_) => "the document uses transparency".into(),
        ValidationError::TooLongString => "a text string is longer than 32767 bytes".into(),
        other => format!("{other:?}"),
    }
}

/// "U+0E01 U+0E49" for a piece of text.
fn codepoints(text: &str) -> String {
    text.chars()
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect::<Vec<_>>()
        .join(" ")
}
