//! The markup stage: reads the small XML vocabulary of `docs/markup.md` (what the
//! templates emit) into a block tree that `typeset` lays out.
//!
//! The pipeline is `parse` (roxmltree) → `parse::read_document` (attributes checked
//! against the vocabulary, lengths converted to points, inline content flattened into
//! styled pieces with white space collapsed) → [`Document`].

mod parse;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// Points per centimetre.
pub const PT_PER_CM: f32 = 28.3465;

/// A parsed markup document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Metadata for the PDF.
    pub meta: Meta,
    /// Which digits the engine uses for page numbers and list labels.
    pub digits: Digits,
    /// Proper nouns the line breaker must never split.
    pub dictionary: Vec<String>,
    /// The sections, in order; each starts a new page.
    pub sections: Vec<Section>,
    /// The images the markup names by `src` (`<emblem src="emblem"/>`), as bytes.
    /// `parse` leaves this empty: the caller that read the files attaches them, so
    /// neither this stage nor the typesetter ever opens a file.
    pub images: Images,
}

/// Image files by the name the markup gives them (`src`), as the bytes read.
pub type Images = BTreeMap<String, Arc<Vec<u8>>>;

/// Document metadata (`<document title author subject keywords lang>`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// Title.
    pub title: String,
    /// Author.
    pub author: String,
    /// Subject.
    pub subject: String,
    /// Keywords.
    pub keywords: String,
    /// Language tag (`th` by default).
    pub lang: String,
}

/// Digits the engine writes itself (page numbers, list labels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Digits {
    /// ๐๑๒๓๔๕๖๗๘๙
    #[default]
    Thai,
    /// 0123456789
    Arabic,
}

impl Digits {
    /// Writes `n` in these digits.
    pub fn format(self, n: u32) -> String {
        let arabic = n.to_string();
        match self {
            Digits::Arabic => arabic,
            Digits::Thai => arabic
                .chars()
                .map(|c| char::from_u32(c as u32 - '0' as u32 + 0x0E50).unwrap_or(c))
                .collect(),
        }
    }
}

/// Page orientation of a section (always A4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    /// 210 × 297 mm.
    #[default]
    Portrait,
    /// 297 × 210 mm.
    Landscape,
}

/// Page margins in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    /// Left margin.
    pub left: f32,
    /// Right margin.
    pub right: f32,
    /// Top margin.
    pub top: f32,
    /// Bottom margin.
    pub bottom: f32,
}

/// A run of pages with one page setup.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Portrait or landscape.
    pub orientation: Orientation,
    /// Margins in points.
    pub margins: Margins,
    /// Body font size in points.
    pub font_size: f32,
    /// Line pitch as a factor of single spacing.
    pub line_height: f32,
    /// Whether "- ๒ -" is printed from the section's second page on.
    pub page_numbers: bool,
    /// Whether the continuation marker is printed on pages that continue.
    pub continuation: bool,
    /// Number of the section's first page.
    pub first_page_number: u32,
    /// The content.
    pub blocks: Vec<Block>,
}

/// Vertical spacing and keeping shared by every block.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Spacing {
    /// Space above, in points.
    pub before: f32,
    /// Space below, in points.
    pub after: f32,
    /// Never the last thing on a page when the next block goes to the next page.
    pub keep_with_next: bool,
}

/// A block of the tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// `<p>`.
    Paragraph(Paragraph),
    /// `<list>`.
    List(List),
    /// `<table>`.
    Table(Table),
    /// `<signature>`.
    Signature(Signature),
    /// `<emblem>`.
    Emblem(Emblem),
    /// `<keep>`.
    Keep(Keep),
    /// `<pagebreak/>`.
    PageBreak,
}

impl Block {
    /// The block's spacing (zero for a page break).
    pub fn spacing(&self) -> Spacing {
        match self {
            Block::Paragraph(b) => b.spacing,
            Block::List(b) => b.spacing,
            Block::Table(b) => b.spacing,
            Block::Signature(b) => b.spacing,
            Block::Emblem(b) => b.spacing,
            Block::Keep(b) => b.spacing,
            Block::PageBreak => Spacing::default(),
        }
    }
}

/// Horizontal alignment of lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Thai distributed justification; the last line flush left.
    #[default]
    Justify,
}

/// Kind of a tab stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TabKind {
    /// Text after the tab starts at the stop.
    Left,
    /// Text after the tab ends at the stop.
    Right,
    /// Text after the tab is centred on the stop.
    Center,
}

/// A tab stop: position in points from the paragraph's left edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TabStop {
    /// Position.
    pub pos: f32,
    /// Alignment at the stop.
    pub kind: TabKind,
}

/// `<p>`: a paragraph.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paragraph {
    /// Spacing and keeping.
    pub spacing: Spacing,
    /// Line alignment.
    pub align: Align,
    /// First-line indent, points.
    pub indent: f32,
    /// Extra left inset of every line.
    pub margin_left: f32,
    /// Extra right inset of every line.
    pub margin_right: f32,
    /// Lines after the first start this much further right.
    pub hanging: f32,
    /// Font size; `None` = the section's.
    pub size: Option<f32>,
    /// Bold paragraph.
    pub bold: bool,
    /// Italic paragraph.
    pub italic: bool,
    /// Tab stops, in increasing order.
    pub tabs: Vec<TabStop>,
    /// Never split across pages.
    pub keep_together: bool,
    /// A heading of this level (1 = the document's title, 2 its sections, …): tagged
    /// as H1…H6 in the PDF and given a bookmark; `None` for body text.
    pub heading: Option<u8>,
    /// The content.
    pub content: Vec<Inline>,
}

/// Style of a piece of text; `None` fields inherit from the paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct InlineStyle {
    /// Font size in points.
    pub size: Option<f32>,
    /// Bold.
    pub bold: Option<bool>,
    /// Italic.
    pub italic: Option<bool>,
    /// Underlined.
    pub underline: bool,
}

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// The text, white space already collapsed.
    pub text: String,
    /// Style.
    pub style: InlineStyle,
    /// Inside `<dotted>`: a dotted line runs under it.
    pub dotted: bool,
    /// Inside `<nobreak>`: no line break inside, nor between adjacent nobreak pieces.
    pub nobreak: bool,
}

/// Inline content of a paragraph, flattened.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Styled text.
    Text(Text),
    /// `<br/>`.
    LineBreak,
    /// `<tab/>`.
    Tab,
    /// `<leader/>`.
    Leader,
    /// `<tick/>`: a check mark drawn with two strokes, sized to the current font size
    /// (`size`, points; `None` = the paragraph's size).
    Tick {
        /// Font size in effect where the mark stands.
        size: Option<f32>,
    },
}

/// `<list>`.
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    /// Spacing and keeping.
    pub spacing: Spacing,
    /// Label pattern (`#` = number).
    pub label: String,
    /// First number.
    pub start: u32,
    /// Where labels start from the left edge, points.
    pub indent: f32,
    /// Room for the label, points.
    pub label_width: f32,
    /// The items.
    pub items: Vec<ListItem>,
}

/// `<item>`.
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// Label given explicitly.
    pub label: Option<String>,
    /// Content (inline content becomes one paragraph with no indent).
    pub blocks: Vec<Block>,
}

/// Width of a table column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColumnWidth {
    /// Fixed width in points.
    Fixed(f32),
    /// A share of what the fixed columns leave.
    Fraction(f32),
}

/// Which table borders are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Border {
    /// Every cell boxed.
    #[default]
    All,
    /// Only the outline.
    Outer,
    /// Horizontal rules between rows (and top and bottom).
    Horizontal,
    /// None.
    None,
}

/// Horizontal placement of a table narrower than the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TableAlign {
    /// Left.
    Left,
    /// Centre.
    #[default]
    Center,
    /// Right.
    Right,
}

/// `<table>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Spacing and keeping.
    pub spacing: Spacing,
    /// Column widths.
    pub columns: Vec<ColumnWidth>,
    /// Borders.
    pub border: Border,
    /// Cell padding, points.
    pub padding: f32,
    /// Font size inside; `None` = section's.
    pub size: Option<f32>,
    /// Placement.
    pub align: TableAlign,
    /// Rows; header rows first.
    pub rows: Vec<Row>,
}

/// `<row>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Repeated at the top of every page the table continues on.
    pub header: bool,
    /// Never split across pages.
    pub keep_together: bool,
    /// Bold text.
    pub bold: bool,
    /// The cells.
    pub cells: Vec<Cell>,
}

/// Vertical alignment in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VAlign {
    /// Top.
    #[default]
    Top,
    /// Middle.
    Middle,
    /// Bottom.
    Bottom,
}

/// `<cell>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Columns spanned.
    pub colspan: usize,
    /// Rows spanned (header rows only: a cell beside a group header that spans
    /// the header rows under it).
    pub rowspan: usize,
    /// Vertical alignment.
    pub valign: VAlign,
    /// Background colour.
    pub fill: Option<[u8; 3]>,
    /// Content (inline content becomes one paragraph with the cell's align and bold).
    pub blocks: Vec<Block>,
}

/// Horizontal position of a signature block.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HPos {
    /// Points from the left edge of the text.
    Length(f32),
    /// Percent of the text width.
    Percent(f32),
}

/// `<signature>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    /// Spacing and keeping.
    pub spacing: Spacing,
    /// Left edge of the block.
    pub x: HPos,
    /// Width; `None` = the rest of the text width.
    pub width: Option<HPos>,
    /// Blank room above the first line, points.
    pub space: f32,
    /// The lines, each centred in the block.
    pub lines: Vec<Vec<Inline>>,
}

/// The alternate text of an `<emblem>` that gives none: the Garuda.
pub const DEFAULT_EMBLEM_ALT: &str = "ตราครุฑ";

/// `<emblem>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Emblem {
    /// Spacing and keeping.
    pub spacing: Spacing,
    /// The image's name in [`Document::images`].
    pub src: String,
    /// Printed height, points.
    pub height: f32,
    /// Placement within the text width.
    pub align: TableAlign,
    /// Takes no room; the next block is set beside it.
    pub float: bool,
    /// What the image shows, for readers that cannot see it (the PDF's alternate
    /// text); [`DEFAULT_EMBLEM_ALT`] unless the markup says otherwise.
    pub alt: String,
    /// Where in the markup it was given (`origin:line:col`), for error messages.
    pub place: String,
}

/// `<keep>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Keep {
    /// Spacing and keeping.
    pub spacing: Spacing,
    /// The blocks kept together.
    pub blocks: Vec<Block>,
}

/// Why markup could not be read: where and what.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkupError {
    /// Name of the markup source (template name or file).
    pub origin: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub col: u32,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for MarkupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.origin, self.line, self.col, self.message
        )
    }
}

impl std::error::Error for MarkupError {}

/// Deepest nesting of elements the markup may have. Templates nest a few levels;
/// the XML reader recurses once per level, so thousands (a runaway user template)
/// would overflow the stack: they are refused before it reads anything.
pub const MAX_DEPTH: usize = 100;

/// Parses markup XML into a [`Document`]. `origin` names the source in errors.
pub fn parse(xml: &str, origin: &str) -> Result<Document, MarkupError> {
    if let Err(at) = check_nesting(xml.as_bytes(), MAX_DEPTH, usize::MAX) {
        let before = &xml.as_bytes()[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = String::from_utf8_lossy(before.rsplit(|&b| b == b'\n').next().unwrap_or(&[]))
            .chars()
            .count()
            + 1;
        return Err(MarkupError {
            origin: origin.to_string(),
            line: line as u32,
            col: col as u32,
            message: format!("elements nested deeper than {MAX_DEPTH} levels"),
        });
    }
    parse::read(xml, origin)
}

/// A lexical look at XML before any reader sees it: elements nested at most
/// `max_depth` deep and at most `max_elements` of them. Comments, CDATA,
/// declarations and quoted attribute values are skipped. On failure, the byte
/// offset of the element that crossed a bound.
pub fn check_nesting(xml: &[u8], max_depth: usize, max_elements: usize) -> Result<(), usize> {
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let mut depth = 0usize;
    let mut elements = 0usize;
    let mut i = 0;
    while let Some(off) = xml[i..].iter().position(|&b| b == b'<') {
        let open = i + off;
        i = open + 1;
        let rest = &xml[i..];
        let skip_to = |end: &[u8]| find(rest, end).map(|e| i + e + end.len());
        match rest.first() {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(b'!') if rest.starts_with(b"!--") => match skip_to(b"-->") {
                Some(next) => i = next,
                None => return Ok(()),
            },
            Some(b'!') if rest.starts_with(b"![CDATA[") => match skip_to(b"]]>") {
                Some(next) => i = next,
                None => return Ok(()),
            },
            Some(b'!' | b'?') => {}
            Some(_) => {
                // an element: its end, outside quoted attribute values
                let mut quote = None;
                let mut j = i;
                while j < xml.len() {
                    match (quote, xml[j]) {
                        (None, q @ (b'"' | b'\'')) => quote = Some(q),
                        (Some(q), c) if c == q => quote = None,
                        (None, b'>') => break,
                        _ => {}
                    }
                    j += 1;
                }
                elements += 1;
                if j > i && xml.get(j - 1) != Some(&b'/') {
                    depth += 1;
                }
                if depth > max_depth || elements > max_elements {
                    return Err(open);
                }
                i = j;
            }
            None => break,
        }
    }
    Ok(())
}

#[cfg(test)]
mod nesting_tests {
    use super::*;

    #[test]
    fn deep_nesting_is_an_error_at_its_place_not_a_crash() {
        let deep = format!(
            "<document>\n<p>{}x{}</p></document>",
            "<b>".repeat(50_000),
            "</b>".repeat(50_000)
        );
        let e = parse(&deep, "t.xml").unwrap_err();
        assert_eq!((e.line, e.col), (2, 1 + 3 * MAX_DEPTH as u32 - 3));
        assert!(e.message.contains("nested deeper than 100"), "{e}");
        // comments, CDATA and quoted '>' do not count; self-closed elements do not nest
        let fine = "<a x='>'><!-- <b><b> --><![CDATA[<c><c>]]><d/><e></e></a>";
        assert_eq!(check_nesting(fine.as_bytes(), 2, 10), Ok(()));
        assert_eq!(check_nesting(b"<a><b></b></a>", 1, 10), Err(3));
        assert_eq!(check_nesting(b"<a/><a/><a/>", 5, 2), Err(8));
    }
}
