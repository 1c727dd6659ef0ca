//! Prepare: each span is shaped once, and the glyphs are cut into boxes, glue and
//! penalties at the segmenter's break opportunities.

use super::{PGlyph, Para, Seg, TICK_WIDTH};
use crate::markup::Align;
use crate::typeset::justify;
use crate::typeset::linebreak::{self, Item, Kind};
use crate::typeset::opportunities::BreakKind;
use crate::typeset::shape::ShapedGlyph;
use crate::typeset::Ctx;

/// Shapes every span once.
pub(super) fn shape(ctx: &mut Ctx, para: &mut Para) {
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

/// Cuts the glyphs into boxes, glue and penalties at break opportunities.
pub(super) fn itemize(ctx: &mut Ctx, para: &mut Para) {
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
    gap_stretch(para);
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
                        stretch: justify::space_growth(w, para.spans[s].size),
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

/// Gives the line breaker the stretch of the cluster gaps between two boxes that
/// follow each other on a line (directly or across a break that is not taken): the
/// justifier spreads there too, but not next to a space, a tab or a line's end. The
/// gap's stretch goes on the break item between the boxes, which a line ending
/// there leaves out, or on the second box when they simply touch (a change of
/// style inside a word). A box's own stretch counts only its inner gaps, so the
/// breaker's idea of how far a line can stretch is the justifier's.
fn gap_stretch(para: &mut Para) {
    let mut prev_box: Option<usize> = None;
    for k in 0..para.items.len() {
        let it = &para.items[k];
        match it.kind {
            Kind::Box if !it.glyphs.is_empty() => {
                if let Some(a) = prev_box {
                    let size = para.item_span[a].map_or(para.size, |s| para.spans[s].size);
                    let gap = justify::MAX_CLUSTER_GAP * size / linebreak::BOX_STRETCH_LIMIT;
                    let at = if k > a + 1 { k - 1 } else { k };
                    para.items[at].stretch += gap;
                }
                prev_box = Some(k);
            }
            Kind::Penalty { .. } => {}
            _ => prev_box = None,
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

/// Prefixes that make a noun of the word after them (การประเมิน, ความโปร่งใส): the
/// segmenter keeps the pair whole, but a justified line may still break after the
/// prefix, at [`PREFIX_BREAK_COST`], when every other choice leaves a line whose
/// word gaps grow past their limit (Word breaks there freely).
const LAST_RESORT_PREFIXES: [&str; 2] = ["การ", "ความ"];

/// The cost of a break after one of [`LAST_RESORT_PREFIXES`]: more than any line
/// within the justifier's limits costs, far less than one past them.
pub(super) const PREFIX_BREAK_COST: f32 = 1500.0;

/// The glyph after a bound prefix that starts the word `start..end` (a box that
/// starts a word: nothing but a break or a space before it), in a justified
/// paragraph, when at least two more clusters follow.
fn prefix_break(para: &Para, start: usize, end: usize) -> Option<usize> {
    if para.p.align != Align::Justify {
        return None;
    }
    if matches!(para.items.last().map(|i| i.kind), Some(Kind::Box)) {
        return None;
    }
    let text_start = para.glyphs[start].g.cluster;
    let word = &para.text[text_start..];
    let prefix = LAST_RESORT_PREFIXES
        .iter()
        .find(|p| word.starts_with(**p))?;
    let at = text_start + prefix.len();
    let g = (start + 1..end).find(|&g| para.glyphs[g].g.cluster == at)?;
    if !para.grapheme_start[at] {
        return None;
    }
    let rest = para.grapheme_start[at + 1..para.glyphs[end - 1].g.cluster + 1]
        .iter()
        .filter(|&&b| b)
        .count();
    (rest >= 2).then_some(g)
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
    // (glyph where a part starts, whether the cut before it is a prefix's)
    let mut prefix_cut = None;
    if width > limit {
        for g in start + 1..end {
            let (a, b) = (para.glyphs[g - 1].g.cluster, para.glyphs[g].g.cluster);
            if para.boundary_between(a, b) && para.grapheme_start[b] {
                cuts.push(g);
            }
        }
    } else if let Some(g) = prefix_break(para, start, end) {
        cuts.push(g);
        prefix_cut = Some(g);
    }
    cuts.push(end);
    let size = para.spans[span].size;
    for (k, w) in cuts.windows(2).enumerate() {
        if k > 0 {
            let at = para.glyphs[w[0]].g.cluster;
            let prefix = prefix_cut == Some(w[0]);
            para.push(
                Item {
                    kind: Kind::Penalty {
                        cost: if prefix { PREFIX_BREAK_COST } else { 5000.0 },
                        emergency: !prefix,
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
                // the gaps inside the box; those to a box after it are added by
                // `gap_stretch`
                stretch: (clusters - 1.0).max(0.0) * justify::MAX_CLUSTER_GAP * size
                    / linebreak::BOX_STRETCH_LIMIT,
                shrink: 0.0,
                glyphs,
                text: text_start..text_end,
            },
            Some(span),
        );
    }
}
