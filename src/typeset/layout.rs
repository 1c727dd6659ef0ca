//! The result of typesetting: pages of positioned glyph runs, lines, rectangles and
//! images, in PDF points with the origin at the top-left corner of the page and y
//! growing downwards, and the document's logical structure (paragraphs, headings,
//! lists, tables, figures, in reading order) that the drawings belong to. This is
//! the contract between `typeset` and `pdf`.
//!
//! Structure: [`Layout::structure`] is a tree of [`StructNode`]s in the markup's
//! order. Its leaves are [`ContentId`]s; on the pages, [`Item::Begin`] with
//! [`Mark::Content`] and [`Item::End`] bracket what each leaf draws. A paragraph
//! split across pages has one leaf with drawings on both pages. Drawings outside
//! any bracket, and those bracketed as [`Mark::Artifact`], are not content: page
//! numbers, continuation markers, repeated table headers, and every line and
//! rectangle (borders, fills, underlines, dotted leaders) except a [`Mark::Symbol`]'s.

use std::ops::Range;
use std::sync::Arc;

use super::fonts::{FontId, Fonts};

/// A typeset document, ready to be written as PDF.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// The fonts the glyph runs refer to.
    pub fonts: Fonts,
    /// Document metadata, taken from the markup's `<document>`.
    pub meta: Metadata,
    /// Problems found while typesetting that did not stop it (missing glyphs, overfull lines).
    pub warnings: Vec<Warning>,
    /// The logical structure, in reading order (see the module comment); empty for
    /// a layout that describes none (the PDF is then untagged).
    pub structure: Vec<StructNode>,
}

/// Names one leaf of the structure: the drawings bracketed by
/// `Item::Begin(Mark::Content(id))` … [`Item::End`], on any number of pages.
pub type ContentId = u32;

/// An element of the document's logical structure.
#[derive(Debug, Clone, PartialEq)]
pub struct StructNode {
    /// What the element is.
    pub role: Role,
    /// Its parts, in reading order.
    pub children: Vec<StructChild>,
}

/// A part of a [`StructNode`].
#[derive(Debug, Clone, PartialEq)]
pub enum StructChild {
    /// A nested element.
    Node(StructNode),
    /// Drawn content.
    Content(ContentId),
}

/// The kinds of structure elements (those of tagged PDF).
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// A paragraph (P).
    Paragraph,
    /// A heading (H1…H6) with its text, which is also its bookmark.
    Heading {
        /// 1 to 6.
        level: u8,
        /// The heading's text, line breaks as spaces.
        title: String,
    },
    /// A list (L).
    List {
        /// Items are numbered (`#` in the label pattern), not bulleted.
        numbered: bool,
    },
    /// A list item (LI): a [`Role::Label`] then a [`Role::ListBody`].
    ListItem,
    /// A list item's label (Lbl).
    Label,
    /// A list item's content (LBody).
    ListBody,
    /// A table (Table) of [`Role::Row`]s.
    Table,
    /// A table row (TR).
    Row,
    /// A cell: a header cell (TH, column scope) or a data cell (TD).
    Cell {
        /// A cell of a header row.
        header: bool,
        /// Rows spanned.
        rowspan: u32,
        /// Columns spanned.
        colspan: u32,
    },
    /// An image (Figure) with its alternate text.
    Figure {
        /// What it shows.
        alt: String,
    },
    /// A group of blocks (Div): a signature block.
    Group,
}

/// What the drawings between an [`Item::Begin`] and its [`Item::End`] are.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// Content of a structure leaf.
    Content(ContentId),
    /// Not content: repeated or decorative.
    Artifact(ArtifactKind),
    /// Strokes that stand for a character (the check mark ✓): content of the
    /// enclosing leaf, read as this text.
    Symbol(String),
}

/// Kinds of [`Mark::Artifact`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArtifactKind {
    /// A page number ("- ๒ -").
    PageNumber,
    /// Other pagination furniture: continuation markers, repeated table headers.
    Pagination,
    /// Decoration.
    Layout,
}

/// Document metadata written into the PDF.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    /// Document title.
    pub title: String,
    /// Author (the agency or the person who wrote it).
    pub author: String,
    /// Subject line.
    pub subject: String,
    /// Keywords, comma separated.
    pub keywords: String,
    /// BCP 47 language tag, `th` by default.
    pub lang: String,
}

/// One page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Width in points (A4 portrait: 595.276).
    pub width: f32,
    /// Height in points (A4 portrait: 841.89).
    pub height: f32,
    /// What is drawn, in painting order.
    pub items: Vec<Item>,
}

/// Something drawn on a page.
#[derive(Debug, Clone)]
pub enum Item {
    /// Shaped text.
    Glyphs(GlyphRun),
    /// A straight line (table borders, underlines, dotted leaders).
    Line(LineItem),
    /// A rectangle (cell backgrounds).
    Rect(RectItem),
    /// A raster or vector image (the Garuda).
    Image(ImageItem),
    /// The drawings up to the matching [`Item::End`] are what the mark says.
    /// Brackets nest only for [`Mark::Symbol`] inside content.
    Begin(Mark),
    /// Closes the last [`Item::Begin`].
    End,
}

/// A run of glyphs shaped from one piece of text in one font and size.
#[derive(Debug, Clone)]
pub struct GlyphRun {
    /// Which font of [`Fonts`].
    pub font: FontId,
    /// Font size in points.
    pub size: f32,
    /// Pen position of the first glyph: x from the left edge of the page.
    pub x: f32,
    /// Baseline: y from the top edge of the page.
    pub y: f32,
    /// The source text of the run; `Glyph::text` ranges index into it. Copying the run
    /// out of the PDF gives this text back.
    pub text: String,
    /// The glyphs, in visual order.
    pub glyphs: Vec<Glyph>,
}

/// One shaped glyph. Advances and offsets are in points (already scaled to the size),
/// and may include space added by justification.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Glyph id in the font.
    pub id: u16,
    /// Horizontal advance in points.
    pub x_advance: f32,
    /// Horizontal offset in points.
    pub x_offset: f32,
    /// Vertical offset in points (positive = up, as in the font's coordinates).
    pub y_offset: f32,
    /// Byte range of `GlyphRun::text` that this glyph (cluster) stands for.
    pub text: Range<usize>,
}

/// A stroked line.
#[derive(Debug, Clone, PartialEq)]
pub struct LineItem {
    /// Start point.
    pub from: (f32, f32),
    /// End point.
    pub to: (f32, f32),
    /// Stroke width in points.
    pub width: f32,
    /// `true` for a dotted line (round dots), `false` for a solid one.
    pub dotted: bool,
}

/// A filled and/or stroked rectangle.
#[derive(Debug, Clone, PartialEq)]
pub struct RectItem {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
    /// Fill colour as RGB 0–255, if any.
    pub fill: Option<[u8; 3]>,
    /// Stroke width, if stroked.
    pub stroke: Option<f32>,
}

/// The kind of an image's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
    /// SVG.
    Svg,
}

/// An image placed on the page.
#[derive(Debug, Clone)]
pub struct ImageItem {
    /// The file's bytes.
    pub data: Arc<Vec<u8>>,
    /// What the bytes are.
    pub kind: ImageKind,
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Printed width.
    pub width: f32,
    /// Printed height.
    pub height: f32,
}

/// A problem found while typesetting that did not stop it.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// Human-readable message (English; the binary may translate known kinds).
    pub message: String,
    /// The kind, for callers that act on it.
    pub kind: WarningKind,
}

/// Kinds of typesetting warnings.
#[derive(Debug, Clone, PartialEq)]
pub enum WarningKind {
    /// Characters the font lacks: each with the text around it (never drawn as tofu silently).
    MissingGlyphs {
        /// The characters, each once.
        chars: Vec<char>,
        /// A short excerpt of the text where they occur.
        context: String,
        /// 1-based page number.
        page: usize,
    },
    /// A word longer than its line, set overfull.
    Overfull {
        /// The word.
        text: String,
        /// 1-based page number.
        page: usize,
    },
    /// Anything else.
    Other,
}
