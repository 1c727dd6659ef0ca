//! Paragraph layout: collect → shape → itemize → linebreak → finalize.
//!
//! - collect: the paragraph's inline pieces become one text with styled spans and
//!   atoms (tab, leader, line break);
//! - shape: each span is shaped once (rustybuzz, via the cached [`Shaper`]);
//! - itemize: the glyphs are cut into boxes, glue (spaces) and penalties at the break
//!   opportunities the segmenter gives; a box wider than the line is cut between
//!   grapheme clusters as a last resort;
//! - linebreak: total fit (or first fit when tabs make widths depend on position);
//! - finalize: each line is justified (spaces first, then between grapheme clusters)
//!   or aligned, and turned into glyph runs whose glyphs keep their text ranges.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::fonts::FontId;
use super::justify::{self, Distribution};
use super::layout::{Glyph, GlyphRun, Item as Draw, LineItem};
use super::linebreak::{self, Item, Kind, LineSpan};
use super::opportunities::BreakKind;
use super::shape::ShapedGlyph;
use super::{Ctx, Note};
use crate::markup::{Align, Inline, Paragraph, TabKind, TabStop};

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
    let mut para = collect(p, default_size, width);
    shape(ctx, &mut para);
    itemize(ctx, &mut para);
    let spans = linebreak(&para);
    finalize(ctx, &para, &spans)
}

/// Flattens the inline pieces into text, spans and atoms.
fn collect<'p>(p: &'p Paragraph, default_size: f32, width: f32) -> Para<'p> {
    let size = p.size.unwrap_or(default_size);
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut seq = Vec::new();
    for inline in &p.content {
        match inline {
            Inline::Text(t) => {
                let start = text.len();
                text.push_str(&t.text);
                let bold = t.style.bold.unwrap_or(p.bold);
                let italic = t.style.italic.unwrap_or(p.italic);
                spans.push(Span {
                    range: start..text.len(),
                    font: FontId::for_style(bold, italic),
                    size: t.style.size.unwrap_or(size),
                    underline: t.style.underline,
                    dotted: t.dotted,
                    nobreak: t.nobreak,
                    glyphs: 0..0,
                });
                seq.push(Seg::Text(spans.len() - 1));
            }
            Inline::Tab => seq.push(Seg::Tab),
            Inline::Leader => seq.push(Seg::Leader),
            Inline::LineBreak => seq.push(Seg::Break),
            Inline::Tick { size: tick } => seq.push(Seg::Tick(tick.unwrap_or(size))),
        }
    }
    let mut grapheme_start = vec![false; text.len() + 1];
    for (i, _) in text.grapheme_indices(true) {
        grapheme_start[i] = true;
    }
    grapheme_start[text.len()] = true;
    Para {
        p,
        size,
        text,
        spans,
        seq,
        glyphs: Vec::new(),
        grapheme_start,
        items: Vec::new(),
        item_span: Vec::new(),
        ticks: Vec::new(),
        width,
    }
}

/// Shapes every span once.
fn shape(ctx: &mut Ctx, para: &mut Para) {
    for (i, span) in para.spans.iter_mut().enumerate() {
        let shaped = ctx
            .shaper
            .shape(&para.text[span.range.clone()], span.font, span.size);
        let start = para.glyphs.len();
        para.glyphs.extend(shaped.iter().map(|g| PGlyph {
            g: ShapedGlyph {
                cluster: g.cluster + span.range.start,
                ..*g
            },
            span: i,
        }));
        span.glyphs = start..para.glyphs.len();
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

/// Cuts the glyphs into boxes, glue and penalties at break opportunities.
fn itemize(ctx: &mut Ctx, para: &mut Para) {
    // Words are cut only when they fit on no line at all.
    let limit = para.measure(true).max(para.measure(false));
    let seq = para.seq.clone();
    let mut i = 0;
    while i < seq.len() {
        match seq[i] {
            Seg::Tab | Seg::Leader | Seg::Break => {
                let kind = match seq[i] {
                    Seg::Tab => Kind::Tab,
                    Seg::Leader => Kind::Leader,
                    _ => Kind::Forced,
                };
                let at = para.items.last().map_or(0, |it| it.text.end);
                para.push(
                    Item {
                        kind,
                        width: 0.0,
                        stretch: 0.0,
                        shrink: 0.0,
                        glyphs: 0..0,
                        text: at..at,
                    },
                    None,
                );
                i += 1;
            }
            Seg::Tick(size) => {
                let at = para.items.last().map_or(0, |it| it.text.end);
                para.ticks.push((para.items.len(), size));
                para.push(
                    Item {
                        kind: Kind::Box,
                        width: size * TICK_WIDTH,
                        stretch: 0.0,
                        shrink: 0.0,
                        glyphs: 0..0,
                        text: at..at,
                    },
                    None,
                );
                i += 1;
            }
            Seg::Text(_) => {
                // A chunk: consecutive text spans, segmented together.
                let mut j = i;
                let mut chunk_spans = Vec::new();
                while let Some(Seg::Text(s)) = seq.get(j) {
                    chunk_spans.push(*s);
                    j += 1;
                }
                itemize_chunk(ctx, para, &chunk_spans, limit);
                i = j;
            }
        }
    }
    let at = para.text.len();
    para.push(
        Item {
            kind: Kind::Forced,
            width: 0.0,
            stretch: 0.0,
            shrink: 0.0,
            glyphs: 0..0,
            text: at..at,
        },
        None,
    );
}

fn itemize_chunk(ctx: &mut Ctx, para: &mut Para, chunk: &[usize], limit: f32) {
    let start = para.spans[chunk[0]].range.start;
    let end = para.spans[*chunk.last().expect("chunk is not empty")]
        .range
        .end;
    let mut allowed = vec![None; end - start + 1];
    for (off, kind) in ctx.breaker.breaks(&para.text[start..end]) {
        allowed[off] = Some(kind);
    }
    // <nobreak>: no break inside a nobreak span or between two adjacent ones.
    for (k, &s) in chunk.iter().enumerate() {
        let span = &para.spans[s];
        if span.nobreak {
            for a in &mut allowed[span.range.start - start + 1..span.range.end - start] {
                *a = None;
            }
            if k + 1 < chunk.len() && para.spans[chunk[k + 1]].nobreak {
                allowed[span.range.end - start] = None;
            }
        }
    }
    let is_break = |off: usize| allowed.get(off - start).copied().flatten();
    for &s in chunk {
        let span = para.spans[s].clone();
        let mut box_start: Option<usize> = None;
        let mut g = span.glyphs.start;
        while g < span.glyphs.end {
            let cluster = para.glyphs[g].g.cluster;
            if para.is_space(g) {
                close_box(para, &mut box_start, g, s, limit);
                let w = para.glyphs[g].g.x_advance;
                let after = cluster + 1;
                let breakable = is_break(after).is_some() || is_break(cluster).is_some();
                para.push(
                    Item {
                        kind: Kind::Glue { breakable },
                        width: w,
                        stretch: w * justify::MAX_SPACE_GROWTH,
                        shrink: w * justify::MAX_SPACE_SHRINK,
                        glyphs: g..g + 1,
                        text: cluster..after,
                    },
                    Some(s),
                );
                g += 1;
                continue;
            }
            // A break opportunity before this glyph (only at a new cluster).
            if let Some(b0) = box_start {
                let prev_cluster = para.glyphs[g - 1].g.cluster;
                if cluster > prev_cluster && cluster > para.glyphs[b0].g.cluster {
                    if let Some(kind) = is_break(cluster) {
                        close_box(para, &mut box_start, g, s, limit);
                        push_penalty(para, cluster, kind);
                    }
                }
            }
            if box_start.is_none() {
                box_start = Some(g);
            }
            g += 1;
        }
        close_box(para, &mut box_start, span.glyphs.end, s, limit);
        // A break opportunity exactly at the boundary with the next span.
        if span.range.end < end {
            if let Some(kind) = is_break(span.range.end) {
                let last_is_glue =
                    matches!(para.items.last().map(|i| i.kind), Some(Kind::Glue { .. }));
                if !last_is_glue {
                    push_penalty(para, span.range.end, kind);
                }
            }
        }
    }
}

fn push_penalty(para: &mut Para, at: usize, kind: BreakKind) {
    let cost = match kind {
        BreakKind::Space | BreakKind::Mandatory => 0.0,
        BreakKind::Allowed => 20.0,
        // taken when it spares a visibly loose or short line; in ragged text
        // (headings, the memo's subject) only when nothing else fits
        BreakKind::Compound if para.p.align == Align::Justify => 150.0,
        BreakKind::Compound => 3000.0,
    };
    para.push(
        Item {
            kind: Kind::Penalty {
                cost,
                emergency: false,
            },
            width: 0.0,
            stretch: 0.0,
            shrink: 0.0,
            glyphs: 0..0,
            text: at..at,
        },
        None,
    );
}

/// Ends the current box at glyph `end` (exclusive); a box wider than `limit` is cut
/// between grapheme clusters with emergency penalties.
fn close_box(para: &mut Para, box_start: &mut Option<usize>, end: usize, span: usize, limit: f32) {
    let Some(start) = box_start.take() else {
        return;
    };
    if start >= end {
        return;
    }
    let width: f32 = para.glyphs[start..end].iter().map(|g| g.g.x_advance).sum();
    let mut cuts = vec![start];
    if width > limit {
        for g in start + 1..end {
            let (a, b) = (para.glyphs[g - 1].g.cluster, para.glyphs[g].g.cluster);
            if para.boundary_between(a, b) && para.grapheme_start[b] {
                cuts.push(g);
            }
        }
    }
    cuts.push(end);
    let size = para.spans[span].size;
    for (k, w) in cuts.windows(2).enumerate() {
        if k > 0 {
            let at = para.glyphs[w[0]].g.cluster;
            para.push(
                Item {
                    kind: Kind::Penalty {
                        cost: 5000.0,
                        emergency: true,
                    },
                    width: 0.0,
                    stretch: 0.0,
                    shrink: 0.0,
                    glyphs: 0..0,
                    text: at..at,
                },
                None,
            );
        }
        let glyphs = w[0]..w[1];
        let text_start = para.glyphs[w[0]].g.cluster;
        let text_end = if w[1] < para.glyphs.len() && para.glyphs[w[1]].span == span {
            para.glyphs[w[1]].g.cluster
        } else {
            para.spans[span].range.end
        };
        let width: f32 = para.glyphs[glyphs.clone()]
            .iter()
            .map(|g| g.g.x_advance)
            .sum();
        let clusters = para.grapheme_start[text_start..text_end]
            .iter()
            .filter(|&&b| b)
            .count() as f32;
        para.push(
            Item {
                kind: Kind::Box,
                width,
                stretch: clusters * justify::MAX_CLUSTER_GAP * size / linebreak::BOX_STRETCH_LIMIT,
                shrink: 0.0,
                glyphs,
                text: text_start..text_end,
            },
            Some(span),
        );
    }
}

/// Chooses the breaks.
fn linebreak(para: &Para) -> Vec<LineSpan> {
    let has_tabs = para
        .items
        .iter()
        .any(|i| matches!(i.kind, Kind::Tab | Kind::Leader));
    if has_tabs {
        linebreak::first_fit(
            &para.items,
            |first| para.measure(first),
            |s, e| {
                let first = s == linebreak::line_start(&para.items, None);
                let entries = entries(para, s, e);
                let placed = place(
                    para,
                    &entries,
                    s,
                    e,
                    first,
                    Distribution {
                        per_space: 0.0,
                        per_gap: 0.0,
                    },
                );
                placed.end_x - para.left(first)
            },
        )
    } else {
        linebreak::total_fit(&para.items, |first| para.measure(first))
    }
}

/// An element of a line in visual order.
#[derive(Debug, Clone, Copy)]
enum Entry {
    /// A glyph; `gap` when a grapheme cluster ends after it and another follows.
    Glyph { g: usize, gap: bool },
    /// The glyph of a space.
    Space { g: usize },
    /// A tab or leader (item index).
    Jump { item: usize },
    /// A `<tick/>` mark of this size.
    Tick { size: f32 },
}

fn entries(para: &Para, s: usize, e: usize) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    for k in s..e {
        let it = &para.items[k];
        match it.kind {
            Kind::Box if it.glyphs.is_empty() => {
                if let Some(&(_, size)) = para.ticks.iter().find(|t| t.0 == k) {
                    out.push(Entry::Tick { size });
                }
            }
            Kind::Box => {
                for g in it.glyphs.clone() {
                    if let Some(Entry::Glyph { g: prev, gap }) = out.last_mut() {
                        *gap = para.boundary_between(
                            para.glyphs[*prev].g.cluster,
                            para.glyphs[g].g.cluster,
                        );
                    }
                    out.push(Entry::Glyph { g, gap: false });
                }
            }
            Kind::Glue { .. } => {
                for g in it.glyphs.clone() {
                    out.push(Entry::Space { g });
                }
            }
            Kind::Tab | Kind::Leader => out.push(Entry::Jump { item: k }),
            Kind::Penalty { .. } | Kind::Forced => {}
        }
    }
    out
}

/// Positions of a line's entries.
struct Placed {
    /// x and advance of each entry (jumps: from and to).
    xs: Vec<(f32, f32)>,
    /// Dotted leaders drawn by `<leader/>`: from, to.
    leaders: Vec<(f32, f32)>,
    end_x: f32,
}

fn next_stop(para: &Para, x: f32) -> Option<TabStop> {
    para.p
        .tabs
        .iter()
        .map(|t| TabStop {
            pos: t.pos + para.p.margin_left,
            kind: t.kind,
        })
        .find(|t| t.pos > x + 0.5)
}

fn place(
    para: &Para,
    entries: &[Entry],
    _s: usize,
    _e: usize,
    first: bool,
    d: Distribution,
) -> Placed {
    let right_edge = para.width - para.p.margin_right;
    let mut x = para.left(first);
    let mut xs = Vec::with_capacity(entries.len());
    let mut leaders = Vec::new();
    for (n, entry) in entries.iter().enumerate() {
        match *entry {
            Entry::Glyph { g, gap } => {
                let adv = para.glyphs[g].g.x_advance + if gap { d.per_gap } else { 0.0 };
                xs.push((x, adv));
                x += adv;
            }
            Entry::Space { g } => {
                let adv = para.glyphs[g].g.x_advance + d.per_space;
                xs.push((x, adv));
                x += adv;
            }
            Entry::Jump { item } => {
                let from = x;
                let stop = next_stop(para, x);
                let after_leader = n > 0
                    && matches!(entries[n - 1], Entry::Jump { item: prev } if para.items[prev].kind == Kind::Leader);
                if para.items[item].kind == Kind::Tab && after_leader {
                    // The leader already ran to this tab's stop.
                } else if para.items[item].kind == Kind::Leader {
                    let to = stop.map_or(right_edge, |s| s.pos).max(x);
                    leaders.push((from, to));
                    x = to;
                } else {
                    // Width of what follows up to the next jump, for right/centre stops.
                    let follow: f32 = entries[n + 1..]
                        .iter()
                        .take_while(|e| !matches!(e, Entry::Jump { .. }))
                        .map(|e| match *e {
                            Entry::Glyph { g, .. } | Entry::Space { g } => {
                                para.glyphs[g].g.x_advance
                            }
                            Entry::Tick { size } => size * TICK_WIDTH,
                            Entry::Jump { .. } => 0.0,
                        })
                        .sum();
                    x = match stop {
                        Some(TabStop {
                            pos,
                            kind: TabKind::Left,
                        }) => pos,
                        Some(TabStop {
                            pos,
                            kind: TabKind::Right,
                        }) => (pos - follow).max(x),
                        Some(TabStop {
                            pos,
                            kind: TabKind::Center,
                        }) => (pos - follow / 2.0).max(x),
                        None => x + para.size * 0.5,
                    };
                }
                xs.push((from, x - from));
            }
            Entry::Tick { size } => {
                xs.push((x, size * TICK_WIDTH));
                x += size * TICK_WIDTH;
            }
        }
    }
    Placed {
        xs,
        leaders,
        end_x: x,
    }
}

/// Advance of a `<tick/>` mark, in em.
pub const TICK_WIDTH: f32 = 0.7;

/// The two strokes of a check mark whose box starts at `x` on the baseline, for text
/// of `size` points: a short stroke down to the foot, a long one up to the right.
fn tick_strokes(x: f32, size: f32) -> [LineItem; 2] {
    let foot = (x + 0.25 * size, -0.02 * size);
    let stroke = |from: (f32, f32), to: (f32, f32)| LineItem {
        from,
        to,
        width: 0.07 * size,
        dotted: false,
    };
    [
        stroke((x + 0.08 * size, -0.28 * size), foot),
        stroke(foot, (x + 0.62 * size, -0.62 * size)),
    ]
}

/// Turns the chosen lines into line boxes.
fn finalize(ctx: &mut Ctx, para: &Para, spans: &[LineSpan]) -> Vec<LineBox> {
    let mut lines = Vec::with_capacity(spans.len());
    for (n, span) in spans.iter().enumerate() {
        lines.push(finalize_line(
            ctx,
            para,
            *span,
            n == 0,
            n + 1 == spans.len(),
        ));
    }
    lines
}

fn finalize_line(ctx: &mut Ctx, para: &Para, span: LineSpan, first: bool, last: bool) -> LineBox {
    let (s, e) = (span.start, span.end);
    let entries = entries(para, s, e);
    let ends_with_br = para.items[e].kind == Kind::Forced;
    let has_jump = entries.iter().any(|en| matches!(en, Entry::Jump { .. }));
    let left = para.left(first);
    let measure = para.measure(first);
    let natural = place(
        para,
        &entries,
        s,
        e,
        first,
        Distribution {
            per_space: 0.0,
            per_gap: 0.0,
        },
    );
    let extra = left + measure - natural.end_x;

    // Justify or align. A line the breaker let shrink (its spaces may close up a
    // little) is shrunk whatever the alignment, so it never runs past the measure.
    let justified = para.p.align == Align::Justify
        && !last
        && !ends_with_br
        && !has_jump
        && justify::worth_justifying(para.width, extra, para.size);
    let shrunk = extra < -0.01 && !has_jump;
    let (placed, shift) = match para.p.align {
        _ if justified || shrunk => {
            let spaces = entries
                .iter()
                .filter(|en| matches!(en, Entry::Space { .. }))
                .count();
            let space_width: f32 = entries
                .iter()
                .map(|en| match *en {
                    Entry::Space { g } => para.glyphs[g].g.x_advance,
                    _ => 0.0,
                })
                .sum();
            // only a justified line spreads between clusters
            let gaps = if justified {
                entries
                    .iter()
                    .filter(|en| matches!(en, Entry::Glyph { gap: true, .. }))
                    .count()
            } else {
                0
            };
            let d = justify::distribute(extra, spaces, space_width, gaps, para.size);
            (place(para, &entries, s, e, first, d), 0.0)
        }
        Align::Center => (natural, extra.max(0.0) / 2.0),
        Align::Right => (natural, extra.max(0.0)),
        _ => (natural, 0.0),
    };

    // Line metrics: the largest size on the line sets the pitch.
    let line_size = entries
        .iter()
        .filter_map(|en| match *en {
            Entry::Glyph { g, .. } | Entry::Space { g } => {
                Some(para.spans[para.glyphs[g].span].size)
            }
            Entry::Jump { .. } | Entry::Tick { .. } => None,
        })
        .fold(None, |m: Option<f32>, s| Some(m.map_or(s, |m| m.max(s))))
        .unwrap_or(para.size);
    let height = line_size * ctx.pitch;
    let baseline = height * ctx.ascent_share;

    // Text of the line.
    let text_start = para.items.get(s).map_or(para.text.len(), |i| i.text.start);
    let text_end = para.items[s..e]
        .iter()
        .filter(|i| matches!(i.kind, Kind::Box | Kind::Glue { .. }))
        .map(|i| i.text.end)
        .max()
        .unwrap_or(text_start)
        .max(text_start);

    let mut items = Vec::new();
    let mut notes = Vec::new();
    let right_edge = para.width - para.p.margin_right;

    // Glyph runs: consecutive glyphs of one span, not separated by a jump.
    let mut k = 0;
    while k < entries.len() {
        let glyph_of = |en: &Entry| match *en {
            Entry::Glyph { g, .. } | Entry::Space { g } => Some(g),
            Entry::Jump { .. } | Entry::Tick { .. } => None,
        };
        let Some(g0) = glyph_of(&entries[k]) else {
            k += 1;
            continue;
        };
        let sp = para.glyphs[g0].span;
        let mut m = k + 1;
        while m < entries.len() && glyph_of(&entries[m]).is_some_and(|g| para.glyphs[g].span == sp)
        {
            m += 1;
        }
        let run_start = para.glyphs[g0].g.cluster;
        let run_end = match entries.get(m).and_then(glyph_of) {
            Some(g) => para.glyphs[g].g.cluster,
            None => text_end.min(para.spans[sp].range.end).max(run_start),
        };
        let span_info = &para.spans[sp];
        let mut glyphs = Vec::with_capacity(m - k);
        let mut missing = Vec::new();
        for idx in k..m {
            let g = glyph_of(&entries[idx]).expect("run holds glyphs");
            let pg = para.glyphs[g].g;
            let next = entries[idx + 1..m]
                .iter()
                .filter_map(glyph_of)
                .map(|g| para.glyphs[g].g.cluster)
                .find(|&c| c > pg.cluster)
                .unwrap_or(run_end)
                .max(pg.cluster);
            if pg.id == 0 {
                missing.extend(para.text[pg.cluster..next].chars());
            }
            glyphs.push(Glyph {
                id: pg.id,
                x_advance: placed.xs[idx].1,
                x_offset: pg.x_offset,
                y_offset: pg.y_offset,
                text: pg.cluster - run_start..next - run_start,
            });
        }
        let x0 = placed.xs[k].0 + shift;
        let x1 = placed.xs[m - 1].0 + placed.xs[m - 1].1 + shift;
        if !missing.is_empty() {
            missing.sort();
            missing.dedup();
            notes.push(Note::Missing {
                chars: missing,
                context: excerpt(&para.text, run_start, run_end),
            });
        }
        if span_info.underline {
            items.push(Draw::Line(LineItem {
                from: (x0, 0.12 * span_info.size),
                to: (x1, 0.12 * span_info.size),
                width: 0.05 * span_info.size,
                dotted: false,
            }));
        }
        if span_info.dotted {
            // A dotted field runs on to the tab stop after it or to the right edge.
            let to = match entries.get(m) {
                Some(Entry::Jump { .. }) => placed.xs[m].0 + placed.xs[m].1 + shift - 2.0,
                None => right_edge,
                _ => x1,
            };
            items.push(Draw::Line(LineItem {
                from: (x0, 0.1 * span_info.size),
                to: (to.max(x1), 0.1 * span_info.size),
                width: 0.07 * span_info.size,
                dotted: true,
            }));
        }
        items.push(Draw::Glyphs(GlyphRun {
            font: span_info.font,
            size: span_info.size,
            x: x0,
            y: 0.0,
            text: para.text[run_start..run_end].to_string(),
            glyphs,
        }));
        k = m;
    }
    for (en, &(x, _)) in entries.iter().zip(&placed.xs) {
        if let Entry::Tick { size } = *en {
            items.extend(tick_strokes(x + shift, size).map(Draw::Line));
        }
    }
    for (from, to) in &placed.leaders {
        if to - from > 4.0 {
            items.push(Draw::Line(LineItem {
                from: (from + shift + 2.0, 0.1 * para.size),
                to: (to + shift - 2.0, 0.1 * para.size),
                width: 0.07 * para.size,
                dotted: true,
            }));
        }
    }
    let lead = lead_words(para, s, e, text_start, text_end);
    // Emergency breaks: the line ends inside a word.
    if let Kind::Penalty {
        emergency: true, ..
    } = para.items[e].kind
    {
        notes.push(Note::Overfull {
            text: excerpt(&para.text, text_start, text_end),
        });
    }
    LineBox {
        items,
        height,
        baseline,
        right: placed.end_x + shift,
        lead,
        notes,
    }
}

/// The first whole words of the line, at most [`LEAD_CHARS`] characters when it can.
fn lead_words(para: &Para, s: usize, e: usize, start: usize, end: usize) -> String {
    let has_jump = para.items[s..e]
        .iter()
        .any(|it| matches!(it.kind, Kind::Tab | Kind::Leader));
    if !has_jump && para.text[start..end].trim().chars().count() <= LEAD_CHARS {
        // a short line (a heading) leads whole: "๓. ข้อเสนอแนะ", not "๓."
        return para.text[start..end].trim().to_string();
    }
    let mut best = None;
    for it in &para.items[s..e] {
        if matches!(it.kind, Kind::Tab | Kind::Leader) {
            // The words before a tab stand on their own.
            if it.text.start > start {
                best = Some(it.text.start);
            }
            break;
        }
        if it.is_break() || matches!(it.kind, Kind::Glue { .. }) {
            let at = it.text.start;
            if at <= start {
                continue;
            }
            let chars = para.text[start..at].chars().count();
            if chars <= LEAD_CHARS || best.is_none() {
                best = Some(at);
            }
            if chars > LEAD_CHARS {
                break;
            }
        }
    }
    para.text[start..best.unwrap_or(end)].trim().to_string()
}

/// Up to about 20 characters either side of a range, for messages.
fn excerpt(text: &str, start: usize, end: usize) -> String {
    let before: String = text[..start]
        .chars()
        .rev()
        .take(20)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[end..].chars().take(20).collect();
    format!("{before}{}{after}", &text[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::{self, Block};
    use crate::typeset::{Ctx, Fonts};

    fn lines_of(body: &str, width: f32) -> Vec<LineBox> {
        let doc = markup::parse(
            &format!("<document><section>{body}</section></document>"),
            "t",
        )
        .unwrap();
        let Block::Paragraph(p) = &doc.sections[0].blocks[0] else {
            panic!("not a paragraph")
        };
        let fonts = Fonts::builtin();
        let mut ctx = Ctx::new(&fonts, &doc);
        layout_paragraph(&mut ctx, p, 16.0, width)
    }

    fn text(line: &LineBox) -> String {
        line.items
            .iter()
            .filter_map(|i| match i {
                Draw::Glyphs(g) => Some(g.text.as_str()),
                _ => None,
            })
            .collect()
    }

    /// Lines of a justified paragraph that end more than `tolerance` points short of
    /// the measure (the last line excepted), with the given proper nouns.
    fn short_lines(words: &[&str], body: &str, width: f32, tolerance: f32) -> Vec<String> {
        let dict: String = words.iter().map(|w| format!("<word>{w}</word>")).collect();
        let doc = markup::parse(
            &format!(
                r#"<document><dictionary>{dict}</dictionary><section><p indent="2.5cm">{body}</p></section></document>"#
            ),
            "t",
        )
        .unwrap();
        let Block::Paragraph(p) = &doc.sections[0].blocks[0] else {
            panic!("not a paragraph")
        };
        let fonts = Fonts::builtin();
        let mut ctx = Ctx::new(&fonts, &doc);
        let lines = layout_paragraph(&mut ctx, p, 16.0, width);
        let n = lines.len();
        lines
            .into_iter()
            .take(n - 1)
            .filter(|l| l.right < width - tolerance)
            .map(|l| format!("{:.1} pt short: {}", width - l.right, text(&l)))
            .collect()
    }

    #[test]
    fn justified_openings_of_memo_and_announcement_leave_no_line_visibly_short() {
        // The body of an A4 memo or announcement: 16 cm. These openings once left a line of one
        // long name and a spaceless line ragged in the middle of the paragraph.
        let width = 16.0 * 72.0 / 2.54;
        let cases = [
            (
                vec!["องค์การบริหารส่วนตำบลพลสงคราม"],
                "ตามที่องค์การบริหารส่วนตำบลพลสงคราม ได้เข้ารับการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency Assessment: ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ซึ่งสำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) ดำเนินการผ่านระบบ ITAS",
            ),
            (
                vec!["เทศบาลตำบลศรีสำราญ"],
                "ตามที่สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) ได้ประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ และได้แจ้งผลการประเมินแล้ว เทศบาลตำบลศรีสำราญ จึงขอประกาศผลการประเมินของหน่วยงานให้ประชาชนและผู้มีส่วนได้ส่วนเสียทราบ ดังนี้",
            ),
        ];
        for (words, text) in cases {
            // a spaceless line may stay a few points short of the cluster cap; a
            // ragged one (tens of points) may not
            let short = short_lines(&words, text, width, 16.0);
            assert!(short.is_empty(), "{short:#?}");
        }
    }

    #[test]
    fn a_shrunk_line_stays_inside_the_measure_whatever_the_alignment() {
        let text = "กำหนดเสร็จ ๓๑ มี.ค. ๖๕ ผู้รับผิดชอบ สำนักปลัด";
        for align in ["left", "center", "right", "justify"] {
            let body = format!(r#"<p align="{align}">{text}</p>"#);
            let natural = lines_of(&body, 2000.0)[0].right;
            // a little narrower than the text: the spaces close up to fit
            let width = natural - 3.0;
            let lines = lines_of(&body, width);
            assert_eq!(lines.len(), 1, "{align}");
            assert!(
                lines[0].right <= width + 0.01,
                "{align}: {} > {width}",
                lines[0].right
            );
        }
    }

    #[test]
    fn a_short_line_leads_whole_and_a_long_one_by_its_first_words() {
        let heading = lines_of("<p>๓. ข้อเสนอแนะ</p>", 400.0);
        assert_eq!(heading[0].lead, "๓. ข้อเสนอแนะ");
        let long = lines_of(
            "<p>ผลการประเมินตามแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน ในตัวชี้วัดที่ ๑</p>",
            2000.0,
        );
        let lead = &long[0].lead;
        assert!(
            !lead.is_empty() && lead.chars().count() <= LEAD_CHARS,
            "{lead:?}"
        );
        assert!(lead.starts_with("ผลการประเมิน"), "{lead:?}");
    }

    #[test]
    fn a_tick_is_two_strokes_sized_to_the_text_between_its_neighbours() {
        let lines = lines_of(
            r#"<p>ก<tick/>ข <span size="32pt"><tick/></span></p>"#,
            400.0,
        );
        assert_eq!(lines.len(), 1);
        let strokes: Vec<&LineItem> = lines[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Draw::Line(l) => Some(l),
                _ => None,
            })
            .collect();
        assert_eq!(strokes.len(), 4);
        let runs: Vec<&GlyphRun> = lines[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Draw::Glyphs(g) => Some(g),
                _ => None,
            })
            .collect();
        // The first tick stands between ก and ข: past ก's end, before ข starts.
        let ka_end = runs[0].x + runs[0].glyphs.iter().map(|g| g.x_advance).sum::<f32>();
        let left = strokes[0].from.0.min(strokes[1].to.0);
        let right = strokes[1].to.0;
        assert!(
            left >= ka_end && right <= runs[1].x,
            "{ka_end} {left} {right} {}",
            runs[1].x
        );
        // Sized to the font size: the 32 pt tick is twice as tall as the 16 pt one.
        let h16 = (strokes[1].from.1 - strokes[1].to.1).abs();
        let h32 = (strokes[3].from.1 - strokes[3].to.1).abs();
        assert!((h32 - 2.0 * h16).abs() < 1e-3, "{h16} {h32}");
        // Nothing is copied out for it.
        assert_eq!(text(&lines[0]), "กข ");
    }

    #[test]
    fn a_line_break_separates_words_for_the_segmenter() {
        // Each side of <br/> is segmented on its own: in a narrow cell both names
        // fit whole on their lines, with no word cut and no overfull note.
        let lines = lines_of("<p>สำนักปลัด<br/>กองคลัง</p>", 80.0);
        let texts: Vec<String> = lines.iter().map(text).collect();
        assert_eq!(texts, ["สำนักปลัด", "กองคลัง"]);
        assert!(lines.iter().all(|l| l.notes.is_empty()));
    }

    #[test]
    fn lines_break_only_at_opportunities_and_keep_all_text() {
        let src = "หน่วยงานภาครัฐได้รับทราบผลการประเมิน และแนวทางในการปรับปรุงพัฒนาการดำเนินงาน";
        let lines = lines_of(&format!("<p>{src}</p>"), 150.0);
        assert!(lines.len() >= 3);
        let joined: String = lines.iter().map(text).collect::<Vec<_>>().join("");
        assert_eq!(joined.replace(' ', ""), src.replace(' ', ""));
        // No line starts with a mark or a following vowel, none ends in a leading vowel.
        for l in &lines {
            let t = text(l);
            let first = t.chars().next().unwrap();
            assert!(
                !matches!(first, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}' | 'ะ' | 'า' | 'ำ'),
                "{t}"
            );
            assert!(!t.trim_end().ends_with(['เ', 'แ', 'โ', 'ใ', 'ไ']), "{t}");
            assert!(l.right <= 150.0 + 0.5);
            assert!(l.notes.is_empty());
        }
    }

    #[test]
    fn nobreak_and_line_breaks() {
        let lines = lines_of("<p>ก ข <nobreak>ค ง จ ฉ ช ซ ฌ ญ</nobreak><br/>ฎ</p>", 60.0);
        let texts: Vec<String> = lines.iter().map(text).collect();
        assert!(
            texts.iter().any(|t| t.contains("ค ง จ ฉ ช ซ ฌ ญ")),
            "{texts:?}"
        );
        assert_eq!(texts.last().unwrap(), "ฎ");
    }

    #[test]
    fn dotted_field_runs_to_the_right_edge_and_tab_stop() {
        let lines = lines_of(
            r#"<p align="left" tabs="8cm">ที่ <dotted>ขก ๑</dotted><tab/>วันที่ <dotted>๑๑ ส.ค.</dotted></p>"#,
            450.0,
        );
        assert_eq!(lines.len(), 1);
        let dotted: Vec<&LineItem> = lines[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Draw::Line(l) if l.dotted => Some(l),
                _ => None,
            })
            .collect();
        assert_eq!(dotted.len(), 2);
        let stop = 8.0 * crate::markup::PT_PER_CM;
        assert!(
            dotted[0].to.0 <= stop && dotted[0].to.0 > stop - 5.0,
            "{:?}",
            dotted[0]
        );
        assert!((dotted[1].to.0 - 450.0).abs() < 0.5);
    }

    #[test]
    fn an_empty_field_before_a_tab_fills_to_the_stop() {
        let lines = lines_of(
            r#"<p align="left" tabs="8cm">ที่ <dotted/><tab/>วันที่</p>"#,
            450.0,
        );
        let stop = 8.0 * crate::markup::PT_PER_CM;
        let date = lines[0]
            .items
            .iter()
            .find_map(|i| match i {
                Draw::Glyphs(g) if g.text == "วันที่" => Some(g.x),
                _ => None,
            })
            .unwrap();
        assert!((date - stop).abs() < 0.5, "{date} vs {stop}");
        assert!(lines[0]
            .items
            .iter()
            .any(|i| matches!(i, Draw::Line(l) if l.dotted && l.to.0 > stop - 5.0)));
    }

    #[test]
    fn an_overlong_word_is_cut_with_a_warning() {
        let long = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".repeat(3);
        let lines = lines_of(&format!("<p>{long}</p>"), 200.0);
        assert!(lines.len() >= 2);
        assert!(matches!(lines[0].notes[0], Note::Overfull { .. }));
        assert!(lines.iter().all(|l| l.right <= 200.5));
    }
}
