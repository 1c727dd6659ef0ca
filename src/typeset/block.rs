//! Blocks to frags. A frag is the unit pagination moves: a line of a paragraph, a
//! table row (which may split), a whole signature block. Each carries its height,
//! the space above it (dropped at the top of a page), whether a page break may fall
//! just before it, and the first words it shows (for continuation markers).

use std::rc::Rc;

use super::image;
use super::inline::{self, LineBox};
use super::layout::{Item as Draw, Mark};
use super::structure;
use super::table::{self, Frame, RowBox};
use super::{Ctx, Note, TypesetError};
use crate::markup::{
    Align, Block, Emblem, HPos, Inline, InlineStyle, List, Paragraph, Signature, TableAlign, Text,
};

/// The horizontal room blocks are set in.
#[derive(Debug, Clone, Copy)]
pub struct Area {
    /// Left edge on the page.
    pub x: f32,
    /// Width.
    pub width: f32,
    /// Default font size.
    pub size: f32,
    /// Line pitch factor of the section.
    pub line_height: f32,
}

/// An unbreakable slice of content, positioned horizontally, with y relative to its top.
#[derive(Debug, Clone, Default)]
pub struct Frag {
    /// Height.
    pub height: f32,
    /// Space above it, dropped at the top of a page.
    pub space_before: f32,
    /// Drawings (x on the page, y from the frag's top).
    pub items: Vec<Draw>,
    /// No page break may fall just before this frag.
    pub keep_with_prev: bool,
    /// A page break must fall just before this frag.
    pub break_before: bool,
    /// First words it shows.
    pub lead: String,
    /// Warnings raised inside it.
    pub notes: Vec<Note>,
    /// First baseline, from the top.
    pub baseline: Option<f32>,
    /// Header rows to repeat when a page starts with this frag (table body rows).
    pub header: Option<Rc<Vec<Frag>>>,
    /// A table row that may be split across pages.
    pub row: Option<Rc<RowBox>>,
    /// A copy of table header rows repeated at the top of a page.
    pub repeated: bool,
    /// A row of a `border="outer"` table: pagination draws the table's rule at its
    /// top when it starts a page, and at its bottom when it ends one, where the row
    /// does not draw them itself.
    pub frame: Option<Frame>,
}

/// Moves drawings by (dx, dy).
pub fn translate(items: &mut [Draw], dx: f32, dy: f32) {
    for it in items {
        match it {
            Draw::Glyphs(g) => {
                g.x += dx;
                g.y += dy;
            }
            Draw::Line(l) => {
                l.from.0 += dx;
                l.from.1 += dy;
                l.to.0 += dx;
                l.to.1 += dy;
            }
            Draw::Rect(r) => {
                r.x += dx;
                r.y += dy;
            }
            Draw::Image(i) => {
                i.x += dx;
                i.y += dy;
            }
            Draw::Begin(_) | Draw::End => {}
        }
    }
}

/// A frag from a line box set at `x`.
pub fn line_frag(line: LineBox, x: f32) -> Frag {
    let mut items = line.items;
    translate(&mut items, x, line.baseline);
    Frag {
        height: line.height,
        items,
        lead: line.lead,
        notes: line.notes,
        baseline: Some(line.baseline),
        ..Frag::default()
    }
}

/// Lays out blocks in an area.
pub fn layout_blocks(
    ctx: &mut Ctx,
    blocks: &[Block],
    area: &Area,
) -> Result<Vec<Frag>, TypesetError> {
    let mut out: Vec<Frag> = Vec::new();
    let mut pending_space = 0.0;
    let mut keep_next = false;
    let mut break_next = false;
    // Where each block's frags start in `out`, and whether it is kept with the next.
    let mut starts: Vec<(usize, bool)> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let block = &blocks[i];
        if let Block::PageBreak = block {
            break_next = true;
            i += 1;
            continue;
        }
        let spacing = block.spacing();
        let mut frags = match block {
            Block::Emblem(e) if e.float && i + 1 < blocks.len() => {
                i += 1;
                let beside = layout_block(ctx, &blocks[i], area)?;
                let next_spacing = blocks[i].spacing();
                let mut f = float_beside(emblem_frag(ctx, e, area)?, beside);
                f.space_before = next_spacing.before;
                pending_space += next_spacing.after - spacing.after;
                vec![f]
            }
            _ => layout_block(ctx, block, area)?,
        };
        if let Some(first) = frags.first_mut() {
            first.space_before += pending_space + spacing.before;
            first.keep_with_prev |= keep_next;
            first.break_before |= break_next;
            pending_space = 0.0;
            break_next = false;
        }
        if keep_next {
            // A heading (a block kept with the next) keeps at least two lines of
            // what follows.
            if let Some(second) = frags.get_mut(1) {
                second.keep_with_prev = true;
            }
        }
        if matches!(block, Block::Signature(_)) {
            // A signature carries at least two lines of body text onto its page,
            // besides its closing formula (the blocks kept with it).
            let mut k = starts.len();
            while k > 0 && starts[k - 1].1 {
                k -= 1;
            }
            let body_end = if k < starts.len() {
                starts[k].0
            } else {
                out.len()
            };
            for f in out
                .iter_mut()
                .take(body_end)
                .skip(body_end.saturating_sub(2) + 1)
            {
                f.keep_with_prev = true;
            }
            if let Some(f) = out.get_mut(body_end) {
                f.keep_with_prev = true;
            }
        }
        pending_space += spacing.after;
        keep_next = spacing.keep_with_next;
        if !frags.is_empty() {
            starts.push((out.len(), spacing.keep_with_next));
        }
        out.append(&mut frags);
        i += 1;
    }
    if let (true, Some(last)) = (pending_space > 0.0, out.last_mut()) {
        // Space after the last block: room below it (kept with it).
        last.height += pending_space;
    }
    Ok(out)
}

fn layout_block(ctx: &mut Ctx, block: &Block, area: &Area) -> Result<Vec<Frag>, TypesetError> {
    Ok(match block {
        Block::Paragraph(p) => paragraph(ctx, p, area),
        Block::List(l) => list(ctx, l, area)?,
        Block::Table(t) => table::layout_table(ctx, t, area)?,
        Block::Signature(s) => {
            // A signature never starts a page alone: it goes with the text it signs.
            let mut f = signature(ctx, s, area);
            f.keep_with_prev = true;
            vec![f]
        }
        Block::Emblem(e) => vec![emblem_frag(ctx, e, area)?],
        Block::Keep(k) => {
            let mut frags = layout_blocks(ctx, &k.blocks, area)?;
            keep_together(&mut frags);
            frags
        }
        Block::PageBreak => Vec::new(),
    })
}

/// The narrowest and the widest the blocks can be set at `size` (min-content and
/// max-content widths, see [`inline::content_widths`]); blocks that are not text
/// (tables, images, signatures) ask for nothing.
pub fn content_widths(ctx: &mut Ctx, blocks: &[Block], size: f32) -> (f32, f32) {
    let mut out = (0.0f32, 0.0f32);
    for b in blocks {
        let (mn, mx) = match b {
            Block::Paragraph(p) => inline::content_widths(ctx, p, size),
            Block::List(l) => {
                let mut w = (0.0f32, 0.0f32);
                for item in &l.items {
                    let (a, b) = content_widths(ctx, &item.blocks, size);
                    w = (w.0.max(a), w.1.max(b));
                }
                (
                    w.0 + l.indent + l.label_width,
                    w.1 + l.indent + l.label_width,
                )
            }
            Block::Keep(k) => content_widths(ctx, &k.blocks, size),
            _ => (0.0, 0.0),
        };
        out = (out.0.max(mn), out.1.max(mx));
    }
    out
}

/// Forbids page breaks between the frags.
pub fn keep_together(frags: &mut [Frag]) {
    for f in frags.iter_mut().skip(1) {
        f.keep_with_prev = true;
    }
}

/// A paragraph: one frag per line, with widow and orphan control (at least 2 lines
/// on each side of a page break).
pub fn paragraph(ctx: &mut Ctx, p: &Paragraph, area: &Area) -> Vec<Frag> {
    let lines = inline::layout_paragraph(ctx, p, area.size, area.width);
    let mut frags: Vec<Frag> = lines.into_iter().map(|l| line_frag(l, area.x)).collect();
    if let Some(id) = ctx.tags.paragraph(p) {
        for f in &mut frags {
            structure::bracket(&mut f.items, Mark::Content(id));
        }
    }
    scale_pitch(&mut frags, area.line_height);
    let n = frags.len();
    if p.keep_together || n <= 3 {
        keep_together(&mut frags);
    } else {
        frags[1].keep_with_prev = true;
        frags[n - 1].keep_with_prev = true;
    }
    frags
}

/// Applies a section's line-height factor to line frags (extra room goes below).
fn scale_pitch(frags: &mut [Frag], factor: f32) {
    if (factor - 1.0).abs() > 1e-3 {
        for f in frags {
            f.height *= factor;
        }
    }
}

/// A one-line (or few-line) paragraph of plain text, for labels and furniture.
pub fn simple_text(text: &str, size: f32, bold: bool, align: Align) -> Paragraph {
    Paragraph {
        align,
        size: Some(size),
        bold,
        content: vec![Inline::Text(Text {
            text: text.to_string(),
            style: InlineStyle::default(),
            dotted: false,
            nobreak: true,
        })],
        ..Paragraph::default()
    }
}

/// The label of list item `n` from the pattern.
pub fn list_label(ctx: &Ctx, pattern: &str, n: u32) -> String {
    pattern.replace('#', &ctx.digits.format(n))
}

fn list(ctx: &mut Ctx, l: &List, area: &Area) -> Result<Vec<Frag>, TypesetError> {
    let inner = Area {
        x: area.x + l.indent + l.label_width,
        width: (area.width - l.indent - l.label_width).max(20.0),
        ..*area
    };
    let mut out = Vec::new();
    for (k, item) in l.items.iter().enumerate() {
        let label = item
            .label
            .clone()
            .unwrap_or_else(|| list_label(ctx, &l.label, l.start + k as u32));
        let mut frags = layout_blocks(ctx, &item.blocks, &inner)?;
        if frags.is_empty() {
            frags.push(Frag {
                height: area.size * ctx.pitch,
                baseline: Some(area.size * ctx.pitch * ctx.ascent_share),
                ..Frag::default()
            });
        }
        let first = &mut frags[0];
        let baseline = first
            .baseline
            .unwrap_or(area.size * ctx.pitch * ctx.ascent_share);
        // The label takes the size of the item's first text.
        let size = first
            .items
            .iter()
            .find_map(|d| match d {
                Draw::Glyphs(g) => Some(g.size),
                _ => None,
            })
            .unwrap_or(area.size);
        let lines = inline::layout_paragraph(
            ctx,
            &simple_text(&label, size, false, Align::Left),
            size,
            1000.0,
        );
        for line in lines.into_iter().take(1) {
            let mut items = line.items;
            translate(&mut items, area.x + l.indent, baseline);
            if let Some(id) = ctx.tags.label(item) {
                structure::bracket(&mut items, Mark::Content(id));
            }
            // Drawn before the item's text, so that the label comes first in the
            // content stream (reading order: "๒) ด้านข้อมูล", not the other way).
            first.items.splice(0..0, items);
        }
        if first.lead.is_empty() || !label.is_empty() {
            first.lead = format!("{label} {}", first.lead).trim().to_string();
        }
        out.append(&mut frags);
    }
    Ok(out)
}

fn hpos(p: HPos, width: f32) -> f32 {
    match p {
        HPos::Length(l) => l,
        HPos::Percent(pc) => width * pc / 100.0,
    }
}

fn signature(ctx: &mut Ctx, s: &Signature, area: &Area) -> Frag {
    let x = hpos(s.x, area.width).clamp(0.0, area.width - 10.0);
    let width = s
        .width
        .map_or(area.width - x, |w| hpos(w, area.width))
        .max(10.0);
    let sub = Area {
        x: area.x + x,
        width,
        ..*area
    };
    let mut frag = Frag {
        height: s.space,
        ..Frag::default()
    };
    for line in &s.lines {
        let p = Paragraph {
            align: Align::Center,
            content: line.clone(),
            ..Paragraph::default()
        };
        let id = ctx.tags.signature_line(line);
        for f in paragraph(ctx, &p, &sub) {
            let mut items = f.items;
            translate(&mut items, 0.0, frag.height);
            if let Some(id) = id {
                structure::bracket(&mut items, Mark::Content(id));
            }
            if frag.baseline.is_none() {
                frag.baseline = f.baseline.map(|b| b + frag.height);
                frag.lead = f.lead;
            }
            frag.items.extend(items);
            frag.notes.extend(f.notes);
            frag.height += f.height;
        }
    }
    frag
}

fn emblem_frag(ctx: &Ctx, e: &Emblem, area: &Area) -> Result<Frag, TypesetError> {
    let img = ctx
        .images
        .get(&e.src)
        .ok_or_else(|| format!("no image named \"{}\" was given", e.src))
        .and_then(|data| image::from_bytes(&e.src, data.clone()))
        .map_err(|msg| TypesetError(format!("{}: {msg}", e.place)))?;
    let width = e.height * img.aspect;
    let x = match e.align {
        TableAlign::Left => area.x,
        TableAlign::Center => area.x + (area.width - width) / 2.0,
        TableAlign::Right => area.x + area.width - width,
    };
    let mut items = vec![Draw::Image(super::layout::ImageItem {
        data: img.data,
        kind: img.kind,
        x,
        y: 0.0,
        width,
        height: e.height,
    })];
    if let Some(id) = ctx.tags.emblem(e) {
        structure::bracket(&mut items, Mark::Content(id));
    }
    Ok(Frag {
        height: e.height,
        items,
        ..Frag::default()
    })
}

/// A floating emblem with the block beside it: the block's last baseline sits on the
/// emblem's bottom edge; the result is one frag as tall as the taller of the two.
fn float_beside(emblem: Frag, beside: Vec<Frag>) -> Frag {
    let mut top = 0.0;
    let mut last_baseline = 0.0;
    for (k, f) in beside.iter().enumerate() {
        if k > 0 {
            top += f.space_before;
        }
        last_baseline = top + f.baseline.unwrap_or(f.height);
        top += f.height;
    }
    let beside_height = top;
    let shift = emblem.height - last_baseline;
    let (emblem_dy, beside_dy) = if shift >= 0.0 {
        (0.0, shift)
    } else {
        (-shift, 0.0)
    };
    let mut out = Frag {
        height: (emblem.height + emblem_dy).max(beside_height + beside_dy),
        ..Frag::default()
    };
    let mut items = emblem.items;
    translate(&mut items, 0.0, emblem_dy);
    out.items = items;
    let mut y = beside_dy;
    for (k, f) in beside.into_iter().enumerate() {
        if k > 0 {
            y += f.space_before;
        }
        let mut items = f.items;
        translate(&mut items, 0.0, y);
        out.items.extend(items);
        out.notes.extend(f.notes);
        if out.lead.is_empty() {
            out.lead = f.lead;
            out.baseline = f.baseline.map(|b| b + y);
        }
        y += f.height;
    }
    out
}

/// Test support: the frags of `body` (blocks of one section in markup) laid out in the
/// section's text area, with the built-in fonts.
#[cfg(test)]
pub(crate) fn frags_of(body: &str) -> Vec<Frag> {
    let doc = crate::markup::parse(
        &format!("<document><section>{body}</section></document>"),
        "test.xml",
    )
    .expect("markup parses");
    let fonts = super::Fonts::builtin();
    let mut ctx = Ctx::new(&fonts, &doc);
    let s = &doc.sections[0];
    let area = Area {
        x: s.margins.left,
        width: super::A4_WIDTH - s.margins.left - s.margins.right,
        size: s.font_size,
        line_height: s.line_height,
    };
    layout_blocks(&mut ctx, &s.blocks, &area).expect("typesets")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A paragraph of about `lines` lines of body text.
    fn long_paragraph(attrs: &str, lines: usize) -> String {
        let words = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ";
        format!("<p{attrs}>{}</p>", words.repeat(lines))
    }

    #[test]
    fn a_paragraph_is_a_frag_per_line_with_widows_and_orphans_kept() {
        let frags = frags_of(&long_paragraph("", 6));
        let n = frags.len();
        assert!(n >= 5, "{n} lines");
        // The first two and the last two lines stay together; between, a page
        // may break.
        let kept: Vec<bool> = frags.iter().map(|f| f.keep_with_prev).collect();
        let mut want = vec![false; n];
        want[1] = true;
        want[n - 1] = true;
        assert_eq!(kept, want);
        // Lines stack: each is one line high, with its first words as its lead.
        assert!(frags.iter().all(|f| f.height > 16.0 && f.height < 40.0));
        assert!(frags[0].lead.starts_with("การประเมิน"), "{}", frags[0].lead);
    }

    #[test]
    fn a_short_or_kept_paragraph_never_breaks() {
        for xml in [
            long_paragraph("", 2),
            long_paragraph(r#" keep-together="true""#, 6),
        ] {
            let frags = frags_of(&xml);
            assert!(frags.len() >= 2);
            assert!(!frags[0].keep_with_prev);
            assert!(frags[1..].iter().all(|f| f.keep_with_prev));
        }
    }

    #[test]
    fn space_before_goes_on_the_first_line_and_a_page_break_on_the_next_block() {
        let frags =
            frags_of(r#"<p>ก่อน</p><p space-before="12pt">หลัง</p><pagebreak/><p>หน้าใหม่</p>"#);
        assert_eq!(frags.len(), 3);
        assert_eq!(frags[1].space_before, 12.0);
        assert!(!frags[1].break_before);
        assert!(frags[2].break_before && frags[2].lead.starts_with("หน้าใหม่"));
    }

    #[test]
    fn a_line_height_factor_scales_each_line() {
        let single = frags_of("<p>บรรทัด</p>");
        let doc = crate::markup::parse(
            r#"<document><section line-height="1.5"><p>บรรทัด</p></section></document>"#,
            "t",
        )
        .expect("markup parses");
        let fonts = super::super::Fonts::builtin();
        let mut ctx = Ctx::new(&fonts, &doc);
        let s = &doc.sections[0];
        let area = Area {
            x: s.margins.left,
            width: 400.0,
            size: s.font_size,
            line_height: s.line_height,
        };
        let scaled = layout_blocks(&mut ctx, &s.blocks, &area).expect("typesets");
        assert!((scaled[0].height - 1.5 * single[0].height).abs() < 0.01);
    }

    #[test]
    fn list_items_carry_their_labels_in_the_documents_digits() {
        let frags =
            frags_of(r#"<list label="(#)" start="3"><item>หนึ่ง</item><item>สอง</item></list>"#);
        let text: Vec<String> = frags
            .iter()
            .flat_map(|f| &f.items)
            .filter_map(|d| match d {
                Draw::Glyphs(g) => Some(g.text.clone()),
                _ => None,
            })
            .collect();
        let joined = text.join(" ");
        assert!(joined.contains("(๓)") && joined.contains("(๔)"), "{joined}");
        // A label sits left of its item's text.
        let x_of = |t: &str| {
            frags
                .iter()
                .flat_map(|f| &f.items)
                .find_map(|d| match d {
                    Draw::Glyphs(g) if g.text.contains(t) => Some(g.x),
                    _ => None,
                })
                .expect("drawn")
        };
        assert!(x_of("(๓)") < x_of("หนึ่ง"));
    }

    #[test]
    fn a_signature_is_one_frag_that_never_splits() {
        let frags = frags_of(
            "<p>ข้อความ</p><signature><line>(นายทดสอบ ระบบดี)</line><line>ปลัดเทศบาล</line></signature>",
        );
        assert_eq!(frags.len(), 2);
        let lines = frags[1]
            .items
            .iter()
            .filter(|d| matches!(d, Draw::Glyphs(_)))
            .count();
        assert!(lines >= 2, "{lines} runs in the signature");
    }
}
