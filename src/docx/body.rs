//! The body of `word/document.xml`: markup blocks → WordprocessingML.
//!
//! Blocks first become a short list of [`Node`]s (paragraphs whose keep flags can
//! still change, and finished tables), because some markup rules reach back: a
//! signature keeps the paragraph before it on its page, `<keep>` keeps all its
//! paragraphs together, a page break becomes "page break before" on what follows,
//! and a section's properties ride on its last paragraph.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::image::{self, Media};
use super::run_fonts;
use super::xml::{emu, esc, tw};
use crate::markup::{
    Align, Block, Border, Cell, Digits, Document, Emblem, HPos, Inline, Keep, List, Orientation,
    Paragraph, Section, Signature, TabKind, Table, TableAlign, Text, VAlign,
};
use crate::typeset::{fitted_widths, Ctx, Fonts, A4_HEIGHT, A4_WIDTH};

/// Points per centimetre.
const CM: f32 = crate::markup::PT_PER_CM;

/// Areas narrower than this justify like the PDF's table cells: Word's plain
/// justification (spaces only), not Thai distributed.
const NARROW: f32 = 6.0 * CM;

/// Table rules, in eighths of a point (the PDF's 0.5 pt).
const RULE: u32 = 4;

/// The font for the check mark (the Thai fonts have no U+2713).
const SYMBOL_FONT: &str = "Segoe UI Symbol";

/// Where the baseline of a single-spaced line sits below its top, as a share of the
/// font size (TH Sarabun's ascent), for setting a title beside a floating emblem.
const ASCENT: f32 = 0.95;

/// A stored image part.
pub struct MediaPart {
    /// Relationship id.
    pub id: String,
    /// File name in `word/media/`.
    pub name: String,
    /// The bytes.
    pub data: Vec<u8>,
}

/// What the body builder made.
pub struct Built {
    /// `word/document.xml`.
    pub document: String,
    /// Header parts, in order (`header1.xml` …): `None` is an empty header, `Some(pt)`
    /// the page number in that size. Relationship ids are `rIdH1` ….
    pub headers: Vec<Option<f32>>,
    /// Image parts.
    pub media: Vec<MediaPart>,
}

/// A paragraph whose keep flags may still change.
struct Para {
    keep_next: bool,
    keep_lines: bool,
    page_break_before: bool,
    /// Rest of `w:pPr`, in schema order (tabs, spacing, ind, jc, rPr).
    ppr: String,
    runs: String,
    sect: Option<String>,
}

enum Node {
    P(Para),
    Table(String),
}

/// The room a block is laid out in, relative to the page's (or cell's) text area.
#[derive(Clone, Copy)]
struct Area {
    /// Inset from the container's left edge, points.
    left: f32,
    /// Inset from the container's right edge, points.
    right: f32,
    /// Width, points.
    width: f32,
    /// Font size in effect.
    size: f32,
    /// Line pitch factor.
    line_height: f32,
}

impl Area {
    fn inset(&self, left: f32, width: f32) -> Area {
        Area {
            left: self.left + left,
            right: self.right + (self.width - left - width).max(0.0),
            width,
            ..*self
        }
    }
}

struct Builder<'a> {
    font: &'a str,
    /// Measures tables' content, so that their columns get the PDF's widths.
    measure: Ctx<'a>,
    digits: Digits,
    /// The document's image files by name, as bytes.
    files: &'a crate::markup::Images,
    media: Vec<MediaPart>,
    /// (src, height in 0.01 pt) → (raster rel id, svg rel id, aspect).
    images: HashMap<(String, i64), (String, Option<String>, f32)>,
    headers: Vec<Option<f32>>,
    drawing_id: u32,
    /// Set by a page break: the next paragraph starts a page.
    break_pending: bool,
}

/// Builds the body and lists the headers and images it refers to; tables' columns
/// are fitted with `fonts`, as the PDF's are.
pub fn build<'a>(doc: &'a Document, font: &'a str, fonts: &'a Fonts) -> Result<Built, String> {
    let mut b = Builder {
        font,
        measure: Ctx::new(fonts, doc),
        digits: doc.digits,
        files: &doc.images,
        media: Vec::new(),
        images: HashMap::new(),
        headers: vec![None],
        drawing_id: 0,
        break_pending: false,
    };
    let mut body = String::with_capacity(64 * 1024);
    body.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    body.push_str("\n<w:document ");
    body.push_str(super::NS_W);
    body.push(' ');
    body.push_str(super::NS_R);
    body.push_str(r#" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>"#);
    let n = doc.sections.len();
    for (i, section) in doc.sections.iter().enumerate() {
        let (pw, ph) = page_size(section);
        let m = section.margins;
        let text_width = pw - m.left - m.right;
        let area = Area {
            left: 0.0,
            right: 0.0,
            width: text_width,
            size: section.font_size,
            line_height: section.line_height,
        };
        b.break_pending = false;
        let mut nodes = Vec::new();
        b.blocks(&section.blocks, &area, &mut nodes)?;
        let sect = b.sect_pr(section, pw, ph);
        if i + 1 < n {
            match nodes.last_mut() {
                Some(Node::P(p)) if p.sect.is_none() => p.sect = Some(sect),
                _ => {
                    let mut p = spacer(0.0);
                    p.sect = Some(sect);
                    nodes.push(Node::P(p));
                }
            }
            write_nodes(&mut body, &nodes);
        } else {
            write_nodes(&mut body, &nodes);
            body.push_str(&sect);
        }
    }
    body.push_str("</w:body></w:document>");
    Ok(Built {
        document: body,
        headers: b.headers,
        media: b.media,
    })
}

fn page_size(s: &Section) -> (f32, f32) {
    match s.orientation {
        Orientation::Portrait => (A4_WIDTH, A4_HEIGHT),
        Orientation::Landscape => (A4_HEIGHT, A4_WIDTH),
    }
}

fn write_nodes(out: &mut String, nodes: &[Node]) {
    for n in nodes {
        match n {
            Node::Table(t) => out.push_str(t),
            Node::P(p) => {
                out.push_str("<w:p>");
                let has_ppr = p.keep_next
                    || p.keep_lines
                    || p.page_break_before
                    || !p.ppr.is_empty()
                    || p.sect.is_some();
                if has_ppr {
                    out.push_str("<w:pPr>");
                    if p.keep_next {
                        out.push_str("<w:keepNext/>");
                    }
                    if p.keep_lines {
                        out.push_str("<w:keepLines/>");
                    }
                    if p.page_break_before {
                        out.push_str("<w:pageBreakBefore/>");
                    }
                    out.push_str(&p.ppr);
                    if let Some(s) = &p.sect {
                        out.push_str(s);
                    }
                    out.push_str("</w:pPr>");
                }
                out.push_str(&p.runs);
                out.push_str("</w:p>");
            }
        }
    }
}

/// An empty paragraph `height` points high (at least 1 pt), for vertical space
/// Word cannot put on a table, and to hold what needs a paragraph of its own.
fn spacer(height: f32) -> Para {
    let h = tw(height.max(1.0));
    Para {
        keep_next: false,
        keep_lines: false,
        page_break_before: false,
        ppr: format!(
            r#"<w:spacing w:before="0" w:after="0" w:line="{h}" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>"#
        ),
        runs: String::new(),
        sect: None,
    }
}

/// A paragraph's own tab stops and leaders, worked out from its inline content.
struct Tabs {
    /// (position in twips from the container's left, kind, dotted leader).
    stops: Vec<(i64, &'static str, bool)>,
}

impl Tabs {
    fn set(&mut self, pos: i64, kind: &'static str, leader: bool) {
        if let Some(s) = self.stops.iter_mut().find(|s| s.0 == pos) {
            s.2 |= leader;
        } else {
            self.stops.push((pos, kind, leader));
        }
    }

    fn xml(&mut self) -> String {
        if self.stops.is_empty() {
            return String::new();
        }
        self.stops.sort_by_key(|s| s.0);
        let mut s = String::from("<w:tabs>");
        for (pos, kind, leader) in &self.stops {
            let _ = write!(s, r#"<w:tab w:val="{kind}""#);
            if *leader {
                s.push_str(r#" w:leader="dot""#);
            }
            let _ = write!(s, r#" w:pos="{pos}"/>"#);
        }
        s.push_str("</w:tabs>");
        s
    }
}

/// Inline content after tab analysis: a tab-like token with the leader it draws.
enum Piece<'a> {
    Inline(&'a Inline),
    /// A tab that runs a dotted leader on to the right edge (after dotted text that
    /// ends a line).
    EdgeLeader,
}

impl<'a> Builder<'a> {
    fn blocks(&mut self, blocks: &[Block], area: &Area, out: &mut Vec<Node>) -> Result<(), String> {
        let mut i = 0;
        while i < blocks.len() {
            let block = &blocks[i];
            match block {
                Block::Paragraph(p) => {
                    let para = self.paragraph(p, area, None, 0.0);
                    self.push_para(out, para);
                }
                Block::List(l) => self.list(l, area, out)?,
                Block::Table(t) => self.table(t, area, out)?,
                Block::Signature(s) => {
                    // never the first thing on a page: it keeps the block before it
                    if let Some(Node::P(prev)) = out.last_mut() {
                        prev.keep_next = true;
                    }
                    self.signature(s, area, out);
                }
                Block::Emblem(e) => {
                    if e.float {
                        // the next block is set beside the emblem, its last baseline on
                        // the emblem's bottom: the emblem hangs from an empty 1 pt
                        // paragraph, and the next paragraph starts low enough
                        let mut anchor = spacer(1.0);
                        anchor.ppr = format!(
                            r#"<w:spacing w:before="{}" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>"#,
                            tw(e.spacing.before)
                        );
                        anchor.runs = self.emblem_run(e, area, true)?;
                        anchor.keep_next = true;
                        self.push_para(out, anchor);
                        if let Some(Block::Paragraph(next)) = blocks.get(i + 1) {
                            let size = next.size.unwrap_or(area.size);
                            let lift = (e.height - 1.0 - ASCENT * size).max(0.0);
                            let para = self.paragraph(next, area, None, lift);
                            self.push_para(out, para);
                            i += 1;
                        }
                    } else {
                        let jc = match e.align {
                            TableAlign::Left => "left",
                            TableAlign::Center => "center",
                            TableAlign::Right => "right",
                        };
                        let run = self.emblem_run(e, area, false)?;
                        let para = Para {
                            keep_next: e.spacing.keep_with_next,
                            keep_lines: false,
                            page_break_before: false,
                            ppr: format!(
                                r#"<w:spacing w:before="{}" w:after="{}"/>{}<w:jc w:val="{jc}"/>"#,
                                tw(e.spacing.before),
                                tw(e.spacing.after),
                                ind(area.left, area.right, 0.0)
                            ),
                            runs: run,
                            sect: None,
                        };
                        self.push_para(out, para);
                    }
                }
                Block::Keep(k) => self.keep(k, area, out)?,
                Block::PageBreak => {
                    self.break_pending = true;
                }
            }
            i += 1;
        }
        Ok(())
    }

    /// Adds a paragraph, taking a pending page break.
    fn push_para(&mut self, out: &mut Vec<Node>, mut p: Para) {
        if self.break_pending {
            p.page_break_before = true;
            self.break_pending = false;
        }
        out.push(Node::P(p));
    }

    /// Adds a table, after a paragraph when it would touch another table (Word
    /// would merge them) or when a page break is pending.
    fn push_table(&mut self, out: &mut Vec<Node>, t: String) {
        if self.break_pending || matches!(out.last(), Some(Node::Table(_))) {
            let s = spacer(1.0);
            self.push_para(out, s);
        }
        out.push(Node::Table(t));
    }

    fn keep(&mut self, k: &Keep, area: &Area, out: &mut Vec<Node>) -> Result<(), String> {
        let mut inner = Vec::new();
        if k.spacing.before > 0.0 {
            inner.push(Node::P(spacer(k.spacing.before)));
        }
        self.blocks(&k.blocks, area, &mut inner)?;
        let last = inner
            .iter()
            .rposition(|n| matches!(n, Node::P(_)))
            .unwrap_or(0);
        for (j, n) in inner.iter_mut().enumerate() {
            if let Node::P(p) = n {
                p.keep_lines = true;
                if j < last {
                    p.keep_next = true;
                } else {
                    p.keep_next |= k.spacing.keep_with_next;
                }
            }
        }
        for n in inner {
            match n {
                Node::P(p) => self.push_para(out, p),
                Node::Table(t) => self.push_table(out, t),
            }
        }
        if k.spacing.after > 0.0 {
            out.push(Node::P(spacer(k.spacing.after)));
        }
        Ok(())
    }

    /// A paragraph. `label`: a list label set at `label_x` (container coordinates)
    /// before the first line. `lift`: extra space before (beside a floating emblem).
    fn paragraph(
        &mut self,
        p: &Paragraph,
        area: &Area,
        label: Option<(&str, f32)>,
        lift: f32,
    ) -> Para {
        let size = p.size.unwrap_or(area.size);
        // indents: first line at margin-left + indent, the others at margin-left +
        // hanging (from the area's left edge)
        let rest = area.left + p.margin_left + p.hanging;
        let mut first = area.left + p.margin_left + p.indent;
        let mut tabs = Tabs { stops: Vec::new() };
        if let Some((_, x)) = label {
            // the label hangs at x; the text after it starts where the first line would
            if first > x + 0.5 {
                tabs.set(tw(first), "left", false);
            }
            first = x;
        }
        let right = area.right + p.margin_right;
        let edge = tw(area.left + area.width - p.margin_right);
        let pieces = self.tab_plan(p, area, &mut tabs, edge);

        let mut ppr = String::new();
        ppr.push_str(&tabs.xml());
        let before = p.spacing.before.max(lift);
        spacing(&mut ppr, before, p.spacing.after, area.line_height);
        ppr.push_str(&ind(rest, right, first - rest));
        let jc = match p.align {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
            Align::Justify if area.width - p.margin_left - p.margin_right < NARROW => "both",
            Align::Justify => "thaiDistribute",
        };
        let _ = write!(ppr, r#"<w:jc w:val="{jc}"/>"#);
        // the paragraph mark in the paragraph's size, so an empty line keeps its height
        let _ = write!(
            ppr,
            "<w:rPr>{}</w:rPr>",
            self.rpr_inner(size, p.bold, p.italic, None)
        );

        let mut runs = String::new();
        if let Some((text, _)) = label {
            let (lsize, lbold) = first_style(p, size);
            self.text_run(&mut runs, text, lsize, lbold, p.italic, None);
            self.tab_run(&mut runs, lsize, None);
        }
        for piece in &pieces {
            match piece {
                Piece::EdgeLeader => self.tab_run(&mut runs, size, None),
                Piece::Inline(Inline::Text(t)) => self.text(&mut runs, t, p, size),
                Piece::Inline(Inline::LineBreak) => runs.push_str("<w:r><w:br/></w:r>"),
                Piece::Inline(Inline::Tab | Inline::Leader) => self.tab_run(&mut runs, size, None),
                Piece::Inline(Inline::Tick { size: s }) => {
                    let s = s.unwrap_or(size);
                    let half = (s * 2.0).round() as u32;
                    let _ = write!(
                        runs,
                        r#"<w:r><w:rPr>{}<w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr><w:t>✓</w:t></w:r>"#,
                        run_fonts(SYMBOL_FONT)
                    );
                }
            }
        }
        Para {
            keep_next: p.spacing.keep_with_next,
            keep_lines: p.keep_together,
            page_break_before: false,
            ppr,
            runs,
            sect: None,
        }
    }

    /// Assigns each tab of the paragraph to a stop, line by line (the n-th tab of a
    /// line goes to the n-th stop, past the last one to the right edge), and marks
    /// the stops reached by a leader, or by a tab after dotted text, as dotted tab
    /// leaders. Dotted text that ends a line gets a tab to the right edge with a
    /// dotted leader; a tab right after a leader is dropped (the leader already
    /// reached the stop).
    fn tab_plan<'p>(
        &self,
        p: &'p Paragraph,
        area: &Area,
        tabs: &mut Tabs,
        edge: i64,
    ) -> Vec<Piece<'p>> {
        let stops: Vec<(i64, &'static str)> = p
            .tabs
            .iter()
            .map(|t| {
                (
                    tw(area.left + p.margin_left + t.pos),
                    match t.kind {
                        TabKind::Left => "left",
                        TabKind::Right => "right",
                        TabKind::Center => "center",
                    },
                )
            })
            .collect();
        for (pos, kind) in &stops {
            tabs.set(*pos, kind, false);
        }
        let mut out = Vec::with_capacity(p.content.len() + 2);
        let mut n_on_line = 0usize;
        let mut after_dotted = false;
        let target = |n: usize, leader: bool, tabs: &mut Tabs| {
            if let Some((pos, kind)) = stops.get(n) {
                tabs.set(*pos, kind, leader);
            } else {
                tabs.set(edge, "right", leader);
            }
        };
        for (k, inl) in p.content.iter().enumerate() {
            match inl {
                Inline::Text(t) => {
                    after_dotted = t.dotted && !t.text.trim().is_empty();
                    out.push(Piece::Inline(inl));
                    let next = p.content.get(k + 1);
                    let ends_line = matches!(next, None | Some(Inline::LineBreak));
                    if after_dotted && ends_line {
                        target(n_on_line, true, tabs);
                        n_on_line += 1;
                        out.push(Piece::EdgeLeader);
                        after_dotted = false;
                    }
                }
                Inline::Tab if k > 0 && matches!(p.content[k - 1], Inline::Leader) => {
                    // the leader already ran to this stop (the PDF's tab goes no
                    // further); in Word a second tab would jump to the next stop
                }
                Inline::Tab => {
                    target(n_on_line, after_dotted, tabs);
                    n_on_line += 1;
                    after_dotted = false;
                    out.push(Piece::Inline(inl));
                }
                Inline::Leader => {
                    target(n_on_line, true, tabs);
                    n_on_line += 1;
                    after_dotted = false;
                    out.push(Piece::Inline(inl));
                }
                Inline::LineBreak => {
                    n_on_line = 0;
                    after_dotted = false;
                    out.push(Piece::Inline(inl));
                }
                Inline::Tick { .. } => {
                    after_dotted = false;
                    out.push(Piece::Inline(inl));
                }
            }
        }
        out
    }

    fn rpr_inner(&self, size: f32, bold: bool, italic: bool, underline: Option<&str>) -> String {
        let half = (size * 2.0).round() as u32;
        let mut s = run_fonts(self.font);
        if bold {
            s.push_str("<w:b/><w:bCs/>");
        }
        if italic {
            s.push_str("<w:i/><w:iCs/>");
        }
        let _ = write!(s, r#"<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>"#);
        if let Some(u) = underline {
            let _ = write!(s, r#"<w:u w:val="{u}"/>"#);
        }
        s
    }

    fn text(&self, out: &mut String, t: &Text, p: &Paragraph, para_size: f32) {
        let size = t.style.size.unwrap_or(para_size);
        let bold = t.style.bold.unwrap_or(p.bold);
        let italic = t.style.italic.unwrap_or(p.italic);
        let underline = if t.dotted {
            Some("dotted")
        } else if t.style.underline {
            Some("single")
        } else {
            None
        };
        if t.nobreak {
            // no line break inside: Word keeps words joined by no-break spaces
            let joined = t.text.replace(' ', "\u{a0}");
            self.text_run(out, &joined, size, bold, italic, underline);
        } else {
            self.text_run(out, &t.text, size, bold, italic, underline);
        }
    }

    fn text_run(
        &self,
        out: &mut String,
        text: &str,
        size: f32,
        bold: bool,
        italic: bool,
        underline: Option<&str>,
    ) {
        if text.is_empty() {
            return;
        }
        let _ = write!(
            out,
            r#"<w:r><w:rPr>{}</w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
            self.rpr_inner(size, bold, italic, underline),
            esc(text)
        );
    }

    fn tab_run(&self, out: &mut String, size: f32, underline: Option<&str>) {
        let _ = write!(
            out,
            "<w:r><w:rPr>{}</w:rPr><w:tab/></w:r>",
            self.rpr_inner(size, false, false, underline)
        );
    }

    fn list(&mut self, l: &List, area: &Area, out: &mut Vec<Node>) -> Result<(), String> {
        if l.spacing.before > 0.0 {
            out.push(Node::P(spacer(l.spacing.before)));
        }
        let label_x = area.left + l.indent;
        let inner = area.inset(
            l.indent + l.label_width,
            (area.width - l.indent - l.label_width).max(20.0),
        );
        let start = out.len();
        for (k, item) in l.items.iter().enumerate() {
            let label = match &item.label {
                Some(s) => s.clone(),
                None => l
                    .label
                    .replace('#', &self.digits.format(l.start + k as u32)),
            };
            match item.blocks.first() {
                Some(Block::Paragraph(p)) => {
                    let para = self.paragraph(p, &inner, Some((&label, label_x)), 0.0);
                    self.push_para(out, para);
                    self.blocks(&item.blocks[1..], &inner, out)?;
                }
                _ => {
                    // the label on a line of its own, then the item's blocks
                    let p = Paragraph {
                        align: Align::Left,
                        ..Paragraph::default()
                    };
                    let mut para = self.paragraph(&p, &inner, Some((&label, label_x)), 0.0);
                    para.keep_next = true;
                    self.push_para(out, para);
                    self.blocks(&item.blocks, &inner, out)?;
                }
            }
        }
        if l.spacing.keep_with_next {
            if let Some(Node::P(p)) = out[start..]
                .iter_mut()
                .rev()
                .find(|n| matches!(n, Node::P(_)))
            {
                p.keep_next = true;
            }
        }
        if l.spacing.after > 0.0 {
            out.push(Node::P(spacer(l.spacing.after)));
        }
        Ok(())
    }

    fn signature(&mut self, s: &Signature, area: &Area, out: &mut Vec<Node>) {
        let hpos = |h: HPos| match h {
            HPos::Length(v) => v,
            HPos::Percent(pc) => area.width * pc / 100.0,
        };
        let x = hpos(s.x).clamp(0.0, area.width);
        let width = s
            .width
            .map(hpos)
            .unwrap_or(area.width - x)
            .clamp(1.0, area.width - x);
        let block = area.inset(x, width);
        let n = s.lines.len();
        for (k, line) in s.lines.iter().enumerate() {
            let has_leader = line.iter().any(|i| matches!(i, Inline::Leader));
            let p = Paragraph {
                align: if has_leader {
                    Align::Left
                } else {
                    Align::Center
                },
                content: line.clone(),
                // blank room to sign above the first line
                spacing: crate::markup::Spacing {
                    before: if k == 0 {
                        s.spacing.before + s.space
                    } else {
                        0.0
                    },
                    after: if k + 1 == n { s.spacing.after } else { 0.0 },
                    keep_with_next: false,
                },
                ..Paragraph::default()
            };
            let mut para = self.paragraph(&p, &block, None, 0.0);
            para.keep_lines = true;
            para.keep_next = k + 1 < n || s.spacing.keep_with_next;
            self.push_para(out, para);
        }
    }

    fn table(&mut self, t: &Table, area: &Area, out: &mut Vec<Node>) -> Result<(), String> {
        if t.spacing.before > 0.0 {
            let s = spacer(t.spacing.before);
            self.push_para(out, s);
        }
        let size = t.size.unwrap_or(area.size);
        let widths = fitted_widths(&mut self.measure, t, area.width, size);
        let table_width: f32 = widths.iter().sum();
        let x = area.left
            + match t.align {
                TableAlign::Left => 0.0,
                TableAlign::Center => (area.width - table_width) / 2.0,
                TableAlign::Right => area.width - table_width,
            };
        let mut s = String::with_capacity(4096);
        s.push_str("<w:tbl><w:tblPr>");
        let _ = write!(
            s,
            r#"<w:tblW w:w="{}" w:type="dxa"/><w:jc w:val="left"/><w:tblInd w:w="{}" w:type="dxa"/>"#,
            tw(table_width),
            tw(x)
        );
        let rule = |name: &str, on: bool| {
            if on {
                format!(r#"<w:{name} w:val="single" w:sz="{RULE}" w:space="0" w:color="000000"/>"#)
            } else {
                format!(r#"<w:{name} w:val="nil"/>"#)
            }
        };
        let (outer, inside_h, inside_v) = match t.border {
            Border::All => (true, true, true),
            Border::Outer => (true, false, false),
            Border::Horizontal => (true, true, false),
            Border::None => (false, false, false),
        };
        let sides = t.border != Border::Horizontal && outer;
        let _ = write!(
            s,
            "<w:tblBorders>{}{}{}{}{}{}</w:tblBorders>",
            rule("top", outer),
            rule("left", sides),
            rule("bottom", outer),
            rule("right", sides),
            rule("insideH", inside_h),
            rule("insideV", inside_v)
        );
        let pad = tw(t.padding);
        let _ = write!(
            s,
            r#"<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="{pad}" w:type="dxa"/><w:left w:w="{pad}" w:type="dxa"/><w:bottom w:w="{pad}" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>"#
        );
        for w in &widths {
            let _ = write!(s, r#"<w:gridCol w:w="{}"/>"#, tw(*w));
        }
        s.push_str("</w:tblGrid>");
        // cells spanning rows below them: (first column, columns, rows still to
        // cover, fill); Word continues them with a vMerge cell in each row
        let mut merges: Vec<(usize, usize, usize, Option<[u8; 3]>)> = Vec::new();
        for row in &t.rows {
            let mut cells_xml = String::new();
            let mut col = 0usize;
            let mut cells = row.cells.iter();
            loop {
                if let Some(m) = merges.iter_mut().find(|m| m.0 == col && m.2 > 0) {
                    m.2 -= 1;
                    let (span, fill) = (m.1, m.3);
                    let w: f32 = widths[col.min(widths.len())..(col + span).min(widths.len())]
                        .iter()
                        .sum();
                    cells_xml.push_str("<w:tc><w:tcPr>");
                    let _ = write!(cells_xml, r#"<w:tcW w:w="{}" w:type="dxa"/>"#, tw(w));
                    if span > 1 {
                        let _ = write!(cells_xml, r#"<w:gridSpan w:val="{span}"/>"#);
                    }
                    cells_xml.push_str("<w:vMerge/>");
                    if let Some([r, g, b]) = fill {
                        let _ = write!(
                            cells_xml,
                            r#"<w:shd w:val="clear" w:color="auto" w:fill="{r:02X}{g:02X}{b:02X}"/>"#
                        );
                    }
                    cells_xml.push_str("</w:tcPr><w:p/></w:tc>");
                    col += span;
                    continue;
                }
                let Some(cell) = cells.next() else { break };
                let span = cell
                    .colspan
                    .max(1)
                    .min(widths.len().saturating_sub(col))
                    .max(1);
                let w: f32 = widths[col.min(widths.len())..(col + span).min(widths.len())]
                    .iter()
                    .sum();
                let rows = cell.rowspan.max(1);
                if rows > 1 {
                    merges.retain(|m| m.2 > 0);
                    merges.push((col, span, rows - 1, cell.fill));
                }
                self.cell(
                    &mut cells_xml,
                    cell,
                    span,
                    w,
                    t.padding,
                    size,
                    area,
                    rows > 1,
                )?;
                col += span;
            }
            merges.retain(|m| m.2 > 0);
            s.push_str("<w:tr>");
            let after = widths.len().saturating_sub(col);
            if row.keep_together || row.header || after > 0 {
                s.push_str("<w:trPr>");
                if after > 0 {
                    let _ = write!(s, r#"<w:gridAfter w:val="{after}"/>"#);
                }
                if row.keep_together {
                    s.push_str("<w:cantSplit/>");
                }
                if row.header {
                    s.push_str("<w:tblHeader/>");
                }
                s.push_str("</w:trPr>");
            }
            s.push_str(&cells_xml);
            s.push_str("</w:tr>");
        }
        s.push_str("</w:tbl>");
        self.push_table(out, s);
        if t.spacing.after > 0.0 {
            out.push(Node::P(spacer(t.spacing.after)));
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn cell(
        &mut self,
        s: &mut String,
        cell: &Cell,
        span: usize,
        width: f32,
        padding: f32,
        size: f32,
        area: &Area,
        restart: bool,
    ) -> Result<(), String> {
        s.push_str("<w:tc><w:tcPr>");
        let _ = write!(s, r#"<w:tcW w:w="{}" w:type="dxa"/>"#, tw(width));
        if span > 1 {
            let _ = write!(s, r#"<w:gridSpan w:val="{span}"/>"#);
        }
        if restart {
            s.push_str(r#"<w:vMerge w:val="restart"/>"#);
        }
        if let Some([r, g, b]) = cell.fill {
            let _ = write!(
                s,
                r#"<w:shd w:val="clear" w:color="auto" w:fill="{r:02X}{g:02X}{b:02X}"/>"#
            );
        }
        match cell.valign {
            VAlign::Top => {}
            VAlign::Middle => s.push_str(r#"<w:vAlign w:val="center"/>"#),
            VAlign::Bottom => s.push_str(r#"<w:vAlign w:val="bottom"/>"#),
        }
        s.push_str("</w:tcPr>");
        let inner = Area {
            left: 0.0,
            right: 0.0,
            width: (width - 2.0 * padding).max(10.0),
            size,
            line_height: area.line_height,
        };
        let mut nodes = Vec::new();
        let pending = std::mem::take(&mut self.break_pending);
        self.blocks(&cell.blocks, &inner, &mut nodes)?;
        self.break_pending = pending;
        // the cell's first block starts at the top of the cell, as in the PDF
        if let Some(Node::P(p)) = nodes.first_mut() {
            p.ppr = zero_before(&p.ppr);
        }
        if !matches!(nodes.last(), Some(Node::P(_))) {
            let mut p = spacer(1.0);
            p.ppr.clear();
            nodes.push(Node::P(p));
        }
        write_nodes(s, &nodes);
        s.push_str("</w:tc>");
        Ok(())
    }

    /// The drawing run of an emblem, inline or floating at its alignment.
    fn emblem_run(&mut self, e: &Emblem, area: &Area, float: bool) -> Result<String, String> {
        let key = (e.src.clone(), (e.height * 100.0).round() as i64);
        if !self.images.contains_key(&key) {
            let data = self
                .files
                .get(&e.src)
                .ok_or_else(|| format!("{}: no image named \"{}\" was given", e.place, e.src))?;
            let media: Media = image::load(&e.src, data.clone(), e.height)
                .map_err(|m| format!("{}: {m}", e.place))?;
            let n = self.media.len() + 1;
            let id = format!("rIdM{n}");
            self.media.push(MediaPart {
                id: id.clone(),
                name: format!("image{n}.{}", media.ext),
                data: media.raster,
            });
            let svg_id = media.svg.map(|svg| {
                let n = self.media.len() + 1;
                let id = format!("rIdM{n}");
                self.media.push(MediaPart {
                    id: id.clone(),
                    name: format!("image{n}.svg"),
                    data: svg,
                });
                id
            });
            self.images.insert(key.clone(), (id, svg_id, media.aspect));
        }
        let (id, svg_id, aspect) = self.images[&key].clone();
        let h = e.height;
        let w = h * aspect;
        let (cx, cy) = (emu(w), emu(h));
        self.drawing_id += 1;
        let did = self.drawing_id;
        let svg = svg_id
            .map(|sid| {
                format!(
                    r#"<a:extLst><a:ext uri="{{96DAC541-7B7A-43D3-8B79-37D633B846F1}}"><asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="{sid}"/></a:ext></a:extLst>"#
                )
            })
            .unwrap_or_default();
        let graphic = format!(
            r#"<wp:docPr id="{did}" name="emblem {did}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{did}" name="emblem{did}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{id}">{svg}</a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"#
        );
        let drawing = if float {
            let x = area.left
                + match e.align {
                    TableAlign::Left => 0.0,
                    TableAlign::Center => (area.width - w) / 2.0,
                    TableAlign::Right => area.width - w,
                };
            format!(
                r#"<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251658240" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>{}</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>{graphic}</wp:anchor>"#,
                emu(x)
            )
        } else {
            format!(
                r#"<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>{graphic}</wp:inline>"#
            )
        };
        Ok(format!("<w:r><w:drawing>{drawing}</w:drawing></w:r>"))
    }

    /// The section's properties: headers (none on the first page, "- N -" from the
    /// second when the section numbers its pages), page size, margins, numbering.
    fn sect_pr(&mut self, s: &Section, pw: f32, ph: f32) -> String {
        let default_header = if s.page_numbers {
            let size = Some(s.font_size);
            match self.headers.iter().position(|h| *h == size) {
                Some(i) => i + 1,
                None => {
                    self.headers.push(size);
                    self.headers.len()
                }
            }
        } else {
            1
        };
        let m = s.margins;
        // the PDF sets the number's baseline at 60% of the top margin
        let header = (m.top * 0.6 - ASCENT * s.font_size).max(0.0);
        let orient = match s.orientation {
            Orientation::Portrait => "",
            Orientation::Landscape => r#" w:orient="landscape""#,
        };
        let fmt = match self.digits {
            Digits::Thai => r#" w:fmt="thaiNumbers""#,
            Digits::Arabic => r#" w:fmt="decimal""#,
        };
        format!(
            r#"<w:sectPr><w:headerReference w:type="default" r:id="rIdH{default_header}"/><w:headerReference w:type="first" r:id="rIdH1"/><w:type w:val="nextPage"/><w:pgSz w:w="{}" w:h="{}"{orient}/><w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="{}" w:footer="{}" w:gutter="0"/><w:pgNumType{fmt} w:start="{}"/><w:cols w:space="720"/><w:titlePg/></w:sectPr>"#,
            tw(pw),
            tw(ph),
            tw(m.top),
            tw(m.right),
            tw(m.bottom),
            tw(m.left),
            tw(header),
            tw((m.bottom * 0.5).max(0.0)),
            s.first_page_number
        )
    }
}

/// `w:spacing` for space before and after and the line pitch.
fn spacing(out: &mut String, before: f32, after: f32, line_height: f32) {
    let _ = write!(
        out,
        r#"<w:spacing w:before="{}" w:after="{}""#,
        tw(before),
        tw(after)
    );
    if (line_height - 1.0).abs() > 0.001 {
        let _ = write!(
            out,
            r#" w:line="{}" w:lineRule="auto""#,
            (240.0 * line_height).round() as i64
        );
    }
    out.push_str("/>");
}

/// `w:ind`: every line from `left`, the first `first` further right (negative:
/// hanging), `right` from the right edge.
fn ind(left: f32, right: f32, first: f32) -> String {
    let mut s = format!(r#"<w:ind w:left="{}" w:right="{}""#, tw(left), tw(right));
    let f = tw(first);
    if f > 0 {
        let _ = write!(s, r#" w:firstLine="{f}""#);
    } else if f < 0 {
        let _ = write!(s, r#" w:hanging="{}""#, -f);
    }
    s.push_str("/>");
    s
}

/// Size and bold of the first text of a paragraph (what a list label takes).
fn first_style(p: &Paragraph, size: f32) -> (f32, bool) {
    for i in &p.content {
        if let Inline::Text(t) = i {
            return (t.style.size.unwrap_or(size), t.style.bold.unwrap_or(p.bold));
        }
    }
    (size, p.bold)
}

/// Splits a `pPr` body after its `w:tabs` element (if any).
fn split_tabs(ppr: &str) -> (&str, &str) {
    match ppr.find("</w:tabs>") {
        Some(i) => ppr.split_at(i + "</w:tabs>".len()),
        None => ("", ppr),
    }
}

/// The `pPr` body with no space before.
fn zero_before(ppr: &str) -> String {
    let (tabs, rest) = split_tabs(ppr);
    if !rest.starts_with("<w:spacing ") {
        return ppr.to_string();
    }
    let end = rest.find("/>").map_or(rest.len(), |i| i + 2);
    let el = &rest[..end];
    let fixed = match el.find(r#"w:before=""#) {
        Some(i) => {
            let j = i + r#"w:before=""#.len();
            let k = el[j..].find('"').map_or(el.len(), |k| j + k);
            format!("{}0{}", &el[..j], &el[k..])
        }
        None => el.to_string(),
    };
    format!("{tabs}{fixed}{}", &rest[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_before_keeps_everything_else() {
        let ppr = r#"<w:tabs><w:tab w:val="left" w:pos="10"/></w:tabs><w:spacing w:before="120" w:after="40"/><w:jc w:val="left"/>"#;
        assert_eq!(
            zero_before(ppr),
            r#"<w:tabs><w:tab w:val="left" w:pos="10"/></w:tabs><w:spacing w:before="0" w:after="40"/><w:jc w:val="left"/>"#
        );
    }

    #[test]
    fn indents_in_twips() {
        assert_eq!(
            ind(10.0, 0.0, 5.0),
            r#"<w:ind w:left="200" w:right="0" w:firstLine="100"/>"#
        );
        assert_eq!(
            ind(10.0, 1.0, -5.0),
            r#"<w:ind w:left="200" w:right="20" w:hanging="100"/>"#
        );
    }
}
