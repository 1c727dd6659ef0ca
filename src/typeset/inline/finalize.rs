//! Finalize: each chosen line is justified or aligned and becomes glyph runs.

use super::line::{entries, place, Entry};
use super::{LineBox, Para, LEAD_CHARS};
use crate::markup::Align;
use crate::typeset::justify::{self, Distribution};
use crate::typeset::layout::{Glyph, GlyphRun, Item as Draw, LineItem, Mark};
use crate::typeset::linebreak::{Kind, LineSpan};
use crate::typeset::{Ctx, Note};

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
pub(super) fn finalize(ctx: &mut Ctx, para: &Para, spans: &[LineSpan]) -> Vec<LineBox> {
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
        // A stretch shaped right to left (Arabic typed into Thai text) has its
        // clusters in falling order: a glyph's text then ends at the next larger
        // cluster of the whole run, not of the glyphs after it.
        let clusters = || {
            entries[k..m]
                .iter()
                .filter_map(glyph_of)
                .map(|g| para.glyphs[g].g.cluster)
        };
        let monotone = clusters().zip(clusters().skip(1)).all(|(a, b)| a <= b);
        for idx in k..m {
            let g = glyph_of(&entries[idx]).expect("run holds glyphs");
            let pg = para.glyphs[g].g;
            let next = if monotone {
                entries[idx + 1..m]
                    .iter()
                    .filter_map(glyph_of)
                    .map(|g| para.glyphs[g].g.cluster)
                    .find(|&c| c > pg.cluster)
            } else {
                clusters().filter(|&c| c > pg.cluster).min()
            }
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
            // read as the character it stands for (tagged PDF)
            items.push(Draw::Begin(Mark::Symbol("\u{2713}".into())));
            items.extend(tick_strokes(x + shift, size).map(Draw::Line));
            items.push(Draw::End);
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
