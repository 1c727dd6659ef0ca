//! Paragraph layout, one stage per file (as typst-layout lays out inline content):
//!
//! - [`collect`]: the paragraph's inline pieces become one text with styled spans and
//!   atoms (tab, leader, line break);
//! - [`prepare`]: each span is shaped once (rustybuzz, via the cached [`Shaper`]),
//!   then the glyphs are cut into boxes, glue (spaces) and penalties at the break
//!   opportunities the segmenter gives; a box wider than the line is cut between
//!   grapheme clusters as a last resort;
//! - [`linebreak`]: total fit (or first fit when tabs make widths depend on position);
//! - [`finalize`]: each line is justified (spaces first, then between grapheme
//!   clusters) or aligned, and turned into glyph runs whose glyphs keep their text
//!   ranges.
//!
//! [`line`] places a line's glyphs, spaces and tab jumps; the line breaker (to
//! measure lines with tabs) and the finalizer both use it.
//!
//! [`Shaper`]: super::shape::Shaper

use std::ops::Range;

use super::fonts::FontId;
use super::layout::Item as Draw;
use super::linebreak::{Item, Kind};
use super::shape::ShapedGlyph;
use super::{Ctx, Note};
use crate::markup::Paragraph;

mod collect;
mod finalize;
mod line;
mod linebreak;
mod prepare;

/// Most characters of the next page's first words in a continuation marker.
pub const LEAD_CHARS: usize = 24;

/// One finished line: drawings relative to the paragraph area's left edge (x) and the
/// line's baseline (y, downwards positive).
#[derive(Debug, Clone)]
pub struct LineBox {
    /// What is drawn.
    pub items: Vec<Draw>,
    /// Line pitch (height of the line box).
    pub height: f32,
    /// Baseline, from the top of the line box.
    pub baseline: f32,
    /// Right end of the inked material, from the area's left edge.
    pub right: f32,
    /// The first words of the line (for continuation markers).
    pub lead: String,
    /// Warnings raised on this line.
    pub notes: Vec<Note>,
}

/// A styled span of the paragraph text.
#[derive(Debug, Clone)]
struct Span {
    range: Range<usize>,
    font: FontId,
    size: f32,
    underline: bool,
    dotted: bool,
    nobreak: bool,
    glyphs: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Seg {
    Text(usize),
    Tab,
    Leader,
    Break,
    /// A `<tick/>` of this size (points).
    Tick(f32),
}

/// A glyph of the paragraph: shaped glyph (cluster = byte offset in the paragraph
/// text) and its span.
#[derive(Debug, Clone, Copy)]
struct PGlyph {
    g: ShapedGlyph,
    span: usize,
}

/// Everything known about one paragraph while it is laid out.
struct Para<'p> {
    p: &'p Paragraph,
    size: f32,
    text: String,
    spans: Vec<Span>,
    seq: Vec<Seg>,
    glyphs: Vec<PGlyph>,
    grapheme_start: Vec<bool>,
    items: Vec<Item>,
    /// Span of each item that holds glyphs.
    item_span: Vec<Option<usize>>,
    /// Items that are `<tick/>` marks, with their size.
    ticks: Vec<(usize, f32)>,
    width: f32,
}

/// Lays out a paragraph in an area `width` points wide, with `default_size` for
/// text without an explicit size.
pub fn layout_paragraph(
    ctx: &mut Ctx,
    p: &Paragraph,
    default_size: f32,
    width: f32,
) -> Vec<LineBox> {
    let mut para = collect::collect(p, default_size, width);
    prepare::shape(ctx, &mut para);
    prepare::itemize(ctx, &mut para);
    let spans = linebreak::linebreak(&para);
    finalize::finalize(ctx, &para, &spans)
}

/// The narrowest and the widest a paragraph's text can be set at `default_size`:
/// its widest unbreakable stretch (min-content) and its longest line when nothing
/// wraps (max-content), both with the paragraph's margins and indent, as a browser
/// measures a table cell for automatic column widths.
pub fn content_widths(ctx: &mut Ctx, p: &Paragraph, default_size: f32) -> (f32, f32) {
    let mut para = collect::collect(p, default_size, 1e6);
    prepare::shape(ctx, &mut para);
    prepare::itemize(ctx, &mut para);
    let (mut min, mut max) = (0.0f32, 0.0f32);
    let (mut run, mut line) = (0.0f32, 0.0f32);
    for it in &para.items {
        match it.kind {
            Kind::Box => {
                run += it.width;
                line += it.width;
            }
            Kind::Glue { breakable } => {
                line += it.width;
                if breakable {
                    min = min.max(run);
                    run = 0.0;
                } else {
                    run += it.width;
                }
            }
            Kind::Penalty { .. } | Kind::Tab | Kind::Leader => {
                min = min.max(run);
                run = 0.0;
            }
            Kind::Forced => {
                min = min.max(run);
                max = max.max(line);
                run = 0.0;
                line = 0.0;
            }
        }
    }
    let inset = p.margin_left + p.margin_right + p.indent.max(p.hanging).max(0.0);
    (min.max(run) + inset, max.max(line) + inset)
}

/// A paragraph shaped and cut into items once, so that the number of lines it
/// takes can be found at many widths cheaply (to fit a table's columns).
pub struct Measured<'p> {
    para: Para<'p>,
}

impl<'p> Measured<'p> {
    /// Shapes and itemizes `p` at `default_size` for text without a size of its own.
    pub fn new(ctx: &mut Ctx, p: &'p Paragraph, default_size: f32) -> Measured<'p> {
        let mut para = collect::collect(p, default_size, 1e6);
        prepare::shape(ctx, &mut para);
        prepare::itemize(ctx, &mut para);
        Measured { para }
    }

    /// How many lines the paragraph takes in an area `width` points wide (words
    /// wider than the area are not cut here: callers keep to the min-content).
    pub fn lines(&mut self, width: f32) -> usize {
        self.para.width = width;
        linebreak::linebreak(&self.para).len()
    }

    /// The size of its text without a size of its own, in points.
    pub fn size(&self) -> f32 {
        self.para.size
    }
}

impl Para<'_> {
    fn measure(&self, first: bool) -> f32 {
        let left = self.p.margin_left + if first { self.p.indent } else { self.p.hanging };
        (self.width - left - self.p.margin_right).max(1.0)
    }

    fn left(&self, first: bool) -> f32 {
        self.p.margin_left + if first { self.p.indent } else { self.p.hanging }
    }

    fn push(&mut self, item: Item, span: Option<usize>) {
        self.items.push(item);
        self.item_span.push(span);
    }

    fn is_space(&self, g: usize) -> bool {
        self.text[self.glyphs[g].g.cluster..].starts_with(' ')
    }

    /// Whether a grapheme boundary lies in `(a, b]`.
    fn boundary_between(&self, a: usize, b: usize) -> bool {
        b > a && self.grapheme_start[a + 1..=b].iter().any(|&s| s)
    }
}

/// Advance of a `<tick/>` mark, in em.
pub const TICK_WIDTH: f32 = 0.7;

#[cfg(test)]
mod tests;
