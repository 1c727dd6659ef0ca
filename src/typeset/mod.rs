//! Typesetting: fonts, shaping (rustybuzz), Thai line breaking, justification, tables
//! and pagination. Turns a `markup::Document` into a [`Layout`].
//!
//! The pipeline, per section:
//!
//! ```text
//! blocks ──block::layout_blocks──▶ frags (lines, rows, signatures: unbreakable slices
//!                                   with keep rules)  ── inline::layout_paragraph for text
//!        ──paginate::paginate──▶ pages (widows/orphans, keeps, repeated table headers,
//!                                   split rows)
//!        ──paginate::furnish──▶ page numbers "- ๒ -" and continuation markers
//! ```

mod block;
pub mod fonts;
pub mod image;
pub mod inline;
pub mod justify;
pub mod layout;
pub mod linebreak;
mod opportunities;
mod paginate;
pub mod segment;
pub mod shape;
mod structure;
mod table;

/// Column widths of a table in a given width, as the template gives them.
pub use table::column_widths;
/// Column widths of a table fitted to its content and balanced (shared with the
/// DOCX writer, so Word's columns are the PDF's).
pub use table::fitted_widths;

use std::fmt;

pub use fonts::{FontId, Fonts};
pub use layout::Layout;
use layout::{Metadata, Page, Warning, WarningKind};
use opportunities::Breaker;
use shape::Shaper;

use crate::markup::{Digits, Document, Orientation};

/// A4 width in points.
pub const A4_WIDTH: f32 = 595.276;
/// A4 height in points.
pub const A4_HEIGHT: f32 = 841.89;

/// Why a document could not be typeset.
#[derive(Debug, Clone, PartialEq)]
pub struct TypesetError(pub String);

impl fmt::Display for TypesetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TypesetError {}

/// A problem noted while laying out, before the page it lands on is known.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// Characters the font lacks, with the text around them.
    Missing {
        /// The characters.
        chars: Vec<char>,
        /// Text around them.
        context: String,
    },
    /// A line broken inside a word because the word is longer than the line.
    Overfull {
        /// The text of the line.
        text: String,
    },
}

/// State shared by one `typeset` call.
pub struct Ctx<'f> {
    /// The shaper, with its cache.
    pub shaper: Shaper<'f>,
    /// Line-break opportunities.
    breaker: Breaker,
    /// Digits for page numbers and list labels.
    pub digits: Digits,
    /// Single-spacing line pitch as a multiple of the font size.
    pub pitch: f32,
    /// Share of the line pitch above the baseline.
    pub ascent_share: f32,
    /// The document's images by name, as bytes.
    pub images: crate::markup::Images,
    /// The content ids of the markup's nodes, to bracket their drawings with.
    pub tags: structure::Tags,
    /// The document's logical structure (handed to the layout at the end).
    structure: Vec<layout::StructNode>,
}

impl<'f> Ctx<'f> {
    /// The state for typesetting `doc` in `fonts`.
    pub fn new(fonts: &'f Fonts, doc: &Document) -> Ctx<'f> {
        let mut shaper = Shaper::new(fonts);
        let (pitch, ascent_share) = fonts.single_spacing(|| single_spacing(&mut shaper));
        let (structure, tags) = structure::build(doc);
        Ctx {
            shaper,
            breaker: Breaker::new(&doc.dictionary),
            digits: doc.digits,
            pitch,
            ascent_share,
            images: doc.images.clone(),
            tags,
            structure,
        }
    }
}

/// Clusters with the tallest common stacks of marks (upper vowel plus tone mark).
pub const TALL_SAMPLES: &str = "ที่ปี่ปั้ฟื้สิ้";
/// Clusters with the deepest common below-base vowels (ุ ู under tailed letters).
pub const DEEP_SAMPLES: &str = "กุภูปู่ฤ";
/// Room kept between the ink of two lines, in em.
pub const INK_CLEARANCE: f32 = 0.03;

/// Line pitch of single spacing, as a multiple of the font size, and the share of it
/// above the baseline. The pitch is what the regular font's ink needs so that the
/// tallest common stacked marks of a line ([`TALL_SAMPLES`]) never touch the
/// below-base vowels of the line above ([`DEEP_SAMPLES`]), plus [`INK_CLEARANCE`];
/// it is never more than the font's typographic line (ascent + descent + gap), which
/// is itself shorter than Word's single spacing (win ascent + descent: 1.96 em for
/// Laksaman). For Laksaman this gives 1.65 em (26.4 pt at 16 pt).
fn single_spacing(shaper: &mut Shaper) -> (f32, f32) {
    let m = shaper.vmetrics(FontId::Regular);
    let typographic = m.ascent + m.descent + m.line_gap;
    let (up, _) = shaper.ink_extent(TALL_SAMPLES, FontId::Regular);
    let (_, down) = shaper.ink_extent(DEEP_SAMPLES, FontId::Regular);
    let ink = up + down + INK_CLEARANCE;
    let pitch = if ink.is_finite() && ink > 0.5 {
        let cap = if typographic.is_finite() && typographic > 1.1 {
            typographic
        } else {
            2.0
        };
        ink.clamp(1.1, cap)
    } else {
        1.2
    };
    // The baseline sits so that the tall stacks just clear the top of the line box.
    let share = if up + down > 0.0 {
        ((up + INK_CLEARANCE / 2.0) / pitch).clamp(0.6, 0.85)
    } else {
        0.75
    };
    (pitch, share)
}

/// Typesets a document in a font family.
pub fn typeset(doc: &Document, fonts: &Fonts) -> Result<Layout, TypesetError> {
    let mut ctx = Ctx::new(fonts, doc);
    let mut pages: Vec<Page> = Vec::new();
    let mut warnings = Vec::new();
    for section in &doc.sections {
        let (width, height) = match section.orientation {
            Orientation::Portrait => (A4_WIDTH, A4_HEIGHT),
            Orientation::Landscape => (A4_HEIGHT, A4_WIDTH),
        };
        let m = section.margins;
        let area = block::Area {
            x: m.left,
            width: width - m.left - m.right,
            size: section.font_size,
            line_height: section.line_height,
        };
        if area.width < 20.0 || height - m.top - m.bottom < 40.0 {
            return Err(TypesetError(format!(
                "the margins leave no room for text on a {width:.0} × {height:.0} pt page"
            )));
        }
        let frags = block::layout_blocks(&mut ctx, &section.blocks, &area)?;
        let geometry = paginate::Geometry {
            width,
            height,
            margins: m,
        };
        let placed = paginate::paginate(frags, &geometry);
        let first_page = pages.len();
        let mut section_pages =
            paginate::furnish(&mut ctx, placed, &geometry, section, &mut |note, page| {
                warnings.push(warning(note, first_page + page + 1))
            });
        pages.append(&mut section_pages);
    }
    Ok(Layout {
        pages,
        fonts: fonts.clone(),
        meta: Metadata {
            title: doc.meta.title.clone(),
            author: doc.meta.author.clone(),
            subject: doc.meta.subject.clone(),
            keywords: doc.meta.keywords.clone(),
            lang: doc.meta.lang.clone(),
        },
        warnings,
        structure: std::mem::take(&mut ctx.structure),
    })
}

fn warning(note: Note, page: usize) -> Warning {
    match note {
        Note::Missing { chars, context } => Warning {
            message: format!(
                "page {page}: the font has no glyph for {} in \"{context}\"",
                chars
                    .iter()
                    .map(|c| format!("U+{:04X} '{c}'", *c as u32))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            kind: WarningKind::MissingGlyphs {
                chars,
                context,
                page,
            },
        },
        Note::Overfull { text } => Warning {
            message: format!(
                "page {page}: a word is longer than the line and was broken: \"{text}\""
            ),
            kind: WarningKind::Overfull { text, page },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_spacing_keeps_stacked_marks_off_the_line_above() {
        let fonts = Fonts::builtin();
        let mut shaper = Shaper::new(&fonts);
        let (pitch, share) = single_spacing(&mut shaper);
        let (up, _) = shaper.ink_extent(TALL_SAMPLES, FontId::Regular);
        let (_, down) = shaper.ink_extent(DEEP_SAMPLES, FontId::Regular);
        // Tall stacks of one line and deep vowels of the line above never meet.
        assert!(up + down < pitch, "{up} + {down} >= {pitch}");
        // The tall stacks fit in their own line box, and so do the deep vowels.
        assert!(up <= pitch * share, "{up} > {}", pitch * share);
        // Within the font's own typographic line.
        let m = shaper.vmetrics(FontId::Regular);
        assert!(pitch <= m.ascent + m.descent + m.line_gap + 1e-4);
    }
}
