//! A line's entries in visual order and their positions.

use super::{Para, TICK_WIDTH};
use crate::markup::{TabKind, TabStop};
use crate::typeset::justify::Distribution;
use crate::typeset::linebreak::Kind;

/// An element of a line in visual order.
#[derive(Debug, Clone, Copy)]
pub(super) enum Entry {
    /// A glyph; `gap` when a grapheme cluster ends after it and another follows.
    Glyph { g: usize, gap: bool },
    /// The glyph of a space.
    Space { g: usize },
    /// A tab or leader (item index).
    Jump { item: usize },
    /// A `<tick/>` mark of this size.
    Tick { size: f32 },
}

pub(super) fn entries(para: &Para, s: usize, e: usize) -> Vec<Entry> {
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
pub(super) struct Placed {
    /// x and advance of each entry (jumps: from and to).
    pub(super) xs: Vec<(f32, f32)>,
    /// Dotted leaders drawn by `<leader/>`: from, to.
    pub(super) leaders: Vec<(f32, f32)>,
    pub(super) end_x: f32,
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

pub(super) fn place(
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
