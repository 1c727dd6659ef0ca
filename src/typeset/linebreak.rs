//! Choosing line breaks over a paragraph's items (boxes, glue, penalties), the way
//! Knuth and Plass do: every feasible break is a node, and the chosen breaks minimise
//! the total demerits of the paragraph, so one tight line does not leave the next
//! loose. Paragraphs with tabs or leaders (whose widths depend on where the line
//! starts) use first fit instead.

use std::ops::Range;

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// Unbreakable material (a word or part of one).
    Box,
    /// A space; `breakable` when a line may end here (the space then vanishes).
    Glue {
        /// A line may end at this space.
        breakable: bool,
    },
    /// A place where a line may end inside text, at `cost` (higher = worse).
    Penalty {
        /// Demerit added when the line ends here.
        cost: f32,
        /// A last-resort break inside a word (reported as overfull).
        emergency: bool,
    },
    /// A tab (jumps to the next stop).
    Tab,
    /// A dotted leader to the next stop or the right edge.
    Leader,
    /// A line break that must be taken (`<br/>`, end of paragraph).
    Forced,
}

/// One item of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// What it is.
    pub kind: Kind,
    /// Natural width.
    pub width: f32,
    /// How much it may grow.
    pub stretch: f32,
    /// How much it may shrink.
    pub shrink: f32,
    /// Its glyphs in the paragraph's glyph list.
    pub glyphs: Range<usize>,
    /// Its text in the paragraph's text.
    pub text: Range<usize>,
}

impl Item {
    /// Whether a line may end at this item.
    pub fn is_break(&self) -> bool {
        matches!(
            self.kind,
            Kind::Glue { breakable: true } | Kind::Penalty { .. } | Kind::Forced
        )
    }

    /// Whether the item vanishes at the start of a line.
    pub fn discardable(&self) -> bool {
        matches!(self.kind, Kind::Glue { .. } | Kind::Penalty { .. })
    }
}

/// A chosen line: items `start..end` (end is the break item, not included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineSpan {
    /// First item on the line.
    pub start: usize,
    /// The break item (exclusive end).
    pub end: usize,
}

/// The most a box may be stretched, as a multiple of its `stretch`: boxes state half
/// of what the justifier allows between their grapheme clusters, so that a line
/// using their stretch is already a little loose. A line without spaces that needs
/// more is left short by the justifier, and the breaker treats it as the worst
/// possible line.
pub const BOX_STRETCH_LIMIT: f32 = 2.0;

/// First item of a line that starts after the break at `brk` (`None` = paragraph start).
pub fn line_start(items: &[Item], brk: Option<usize>) -> usize {
    let mut s = brk.map_or(0, |b| b + 1);
    while s < items.len() && items[s].discardable() {
        s += 1;
    }
    s
}

/// Breaks with total fit. `measure(first)` is the width of the first line or of the
/// others. The last item must be `Forced`.
pub fn total_fit(items: &[Item], measure: impl Fn(bool) -> f32) -> Vec<LineSpan> {
    let n = items.len();
    // Prefix sums of width, stretch and shrink.
    let mut w = vec![0.0f32; n + 1];
    let mut st = vec![0.0f32; n + 1];
    let mut sh = vec![0.0f32; n + 1];
    // stretch of the glue alone: a line without any cannot grow past what its
    // boxes allow
    let mut gst = vec![0.0f32; n + 1];
    for (i, it) in items.iter().enumerate() {
        w[i + 1] = w[i] + it.width;
        st[i + 1] = st[i] + it.stretch;
        sh[i + 1] = sh[i] + it.shrink;
        gst[i + 1] = gst[i]
            + if matches!(it.kind, Kind::Glue { .. }) {
                it.stretch
            } else {
                0.0
            };
    }
    // Node: (break index or None, total demerits, previous node).
    struct Node {
        brk: Option<usize>,
        demerits: f64,
        prev: Option<usize>,
    }
    let mut nodes = vec![Node {
        brk: None,
        demerits: 0.0,
        prev: None,
    }];
    let mut active: Vec<usize> = vec![0];
    for j in 0..n {
        let it = &items[j];
        if !it.is_break() {
            continue;
        }
        let forced = it.kind == Kind::Forced;
        let last_line = forced;
        let cost = match it.kind {
            Kind::Penalty { cost, .. } => cost,
            _ => 0.0,
        };
        let mut best: Option<(f64, usize)> = None;
        let mut keep = Vec::with_capacity(active.len());
        for &a in &active {
            let s = line_start(items, nodes[a].brk);
            let (width, stretch, shrink, glue_stretch) = if s >= j {
                (0.0, 0.0, 0.0, 0.0)
            } else {
                (w[j] - w[s], st[j] - st[s], sh[j] - sh[s], gst[j] - gst[s])
            };
            let m = measure(nodes[a].brk.is_none());
            let too_long = width - shrink > m + 0.01;
            let badness = if width <= m {
                let slack = m - width;
                // How far the line can be stretched within the justifier's limits:
                // its spaces' stretch, and its boxes' up to their limit.
                let capacity = glue_stretch + (stretch - glue_stretch) * BOX_STRETCH_LIMIT;
                if last_line || slack < 0.5 {
                    0.0
                } else if stretch > 0.0 && slack <= capacity {
                    100.0 * (f64::from(slack / stretch)).powi(3)
                } else {
                    // Left short, or with word gaps past their limit: worse than any
                    // line within its limits, and the more so the more room stays
                    // unfilled, so that among bad lines the fullest wins.
                    let unfilled = slack - capacity;
                    1e5 * (1.0 + 10.0 * f64::from(unfilled / m.max(1.0)))
                }
            } else if shrink > 0.0 {
                100.0 * (f64::from((width - m) / shrink).min(10.0)).powi(3)
            } else {
                1e5
            };
            let mut demerits = (1.0 + badness + cost as f64).powi(2);
            if too_long {
                // Overfull: only as a last resort, worse than any loose line.
                demerits += 1e15 + (width - m) as f64 * 1e12;
            }
            let total = nodes[a].demerits + demerits;
            if best.is_none_or(|(d, _)| total < d) {
                best = Some((total, a));
            }
            if !too_long || s >= j {
                keep.push(a);
            }
        }
        // Never lose every node: keep the newest so the next break stays reachable.
        if keep.is_empty() {
            if let Some(&last) = active.last() {
                keep.push(last);
            }
        }
        active = keep;
        if let Some((d, prev)) = best {
            nodes.push(Node {
                brk: Some(j),
                demerits: d,
                prev: Some(prev),
            });
            let id = nodes.len() - 1;
            if forced {
                active = vec![id];
            } else {
                active.push(id);
            }
        }
    }
    // Walk back from the last node (the final forced break).
    let mut spans = Vec::new();
    let mut cur = nodes.len() - 1;
    while let Some(prev) = nodes[cur].prev {
        let end = nodes[cur].brk.expect("non-root node has a break");
        spans.push(LineSpan {
            start: line_start(items, nodes[prev].brk),
            end,
        });
        cur = prev;
    }
    spans.reverse();
    spans
}

/// Penalties above this cost are breaks first fit takes only when a cheaper one
/// would leave the line less than [`FIRST_FIT_FILL`] full.
pub const FIRST_FIT_CHEAP: f32 = 50.0;
/// How full a line must be for first fit to prefer its last cheap break over a
/// later costly one.
pub const FIRST_FIT_FILL: f32 = 0.75;

/// Breaks with first fit: each line takes as much as fits, measured by `width_of`
/// (which knows about tabs), except that it ends at its last cheap break rather
/// than a later costly one (inside a compound) when that still fills most of it.
pub fn first_fit(
    items: &[Item],
    measure: impl Fn(bool) -> f32,
    width_of: impl Fn(usize, usize) -> f32,
) -> Vec<LineSpan> {
    let cheap = |it: &Item| match it.kind {
        Kind::Penalty { cost, .. } => cost <= FIRST_FIT_CHEAP,
        _ => true,
    };
    let mut spans = Vec::new();
    let mut brk: Option<usize> = None;
    let mut candidate: Option<usize> = None;
    let mut cheap_candidate: Option<usize> = None;
    let mut j = 0;
    while j < items.len() {
        let s = line_start(items, brk);
        let it = &items[j];
        if it.is_break() && j >= s {
            let m = measure(brk.is_none());
            let fits = width_of(s, j) <= m + 0.01;
            if !fits {
                if let Some(mut c) = candidate {
                    if let Some(cc) = cheap_candidate.filter(|&cc| cc != c) {
                        if width_of(s, cc) >= FIRST_FIT_FILL * m {
                            c = cc;
                        }
                    }
                    spans.push(LineSpan { start: s, end: c });
                    brk = Some(c);
                    candidate = None;
                    cheap_candidate = None;
                    j = c + 1;
                    continue;
                }
            }
            if it.kind == Kind::Forced {
                spans.push(LineSpan { start: s, end: j });
                brk = Some(j);
                candidate = None;
                cheap_candidate = None;
            } else {
                candidate = Some(j);
                if cheap(it) {
                    cheap_candidate = Some(j);
                }
            }
        }
        j += 1;
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: f32) -> Item {
        Item {
            kind: Kind::Box,
            width: w,
            stretch: 0.0,
            shrink: 0.0,
            glyphs: 0..0,
            text: 0..0,
        }
    }
    fn space() -> Item {
        Item {
            kind: Kind::Glue { breakable: true },
            width: 4.0,
            stretch: 4.0,
            shrink: 1.5,
            glyphs: 0..0,
            text: 0..0,
        }
    }
    fn end() -> Item {
        Item {
            kind: Kind::Forced,
            width: 0.0,
            stretch: 0.0,
            shrink: 0.0,
            glyphs: 0..0,
            text: 0..0,
        }
    }

    fn para(words: &[f32]) -> Vec<Item> {
        let mut v = Vec::new();
        for (i, &w) in words.iter().enumerate() {
            if i > 0 {
                v.push(space());
            }
            v.push(word(w));
        }
        v.push(end());
        v
    }

    fn widths(items: &[Item], spans: &[LineSpan]) -> Vec<f32> {
        spans
            .iter()
            .map(|s| items[s.start..s.end].iter().map(|i| i.width).sum())
            .collect()
    }

    #[test]
    fn every_line_fits_and_all_items_are_used() {
        let items = para(&[30.0, 50.0, 20.0, 40.0, 60.0, 10.0, 30.0, 45.0, 25.0]);
        let spans = total_fit(&items, |_| 100.0);
        assert!(spans.len() >= 3);
        for w in widths(&items, &spans) {
            assert!(w <= 100.0 + 1.5 * 4.0, "{w}");
        }
        assert_eq!(spans.last().unwrap().end, items.len() - 1);
        for pair in spans.windows(2) {
            assert_eq!(pair[1].start, pair[0].end + 1);
        }
    }

    #[test]
    fn total_fit_avoids_a_very_loose_line_that_first_fit_makes() {
        // Measure 100, spaces of 4. First fit fills line 1 with three words (98,
        // 2 short) and leaves 60 alone on line 2 (40 short); total fit breaks after
        // two words (64 and 94: 36 and 6 short), a smaller sum of squared slack.
        let items = para(&[30.0, 30.0, 30.0, 60.0, 50.0]);
        let tf = total_fit(&items, |_| 100.0);
        let ff = first_fit(
            &items,
            |_| 100.0,
            |s, e| items[s..e].iter().map(|i| i.width).sum(),
        );
        assert_eq!(widths(&items, &ff), [98.0, 60.0, 50.0], "{ff:?}");
        assert_eq!(widths(&items, &tf), [64.0, 94.0, 50.0], "{tf:?}");
        let slack = |spans: &[LineSpan]| -> f32 {
            widths(&items, &spans[..spans.len() - 1])
                .iter()
                .map(|w| (100.0 - w).powi(2))
                .sum()
        };
        assert!(slack(&tf) < slack(&ff), "{tf:?} vs {ff:?}");
    }

    #[test]
    fn a_forced_break_is_always_taken() {
        let mut items = para(&[10.0, 10.0]);
        items.insert(1, end());
        let spans = total_fit(&items, |_| 100.0);
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].end, 1);
    }

    #[test]
    fn first_line_measure_differs() {
        let items = para(&[40.0, 40.0, 40.0, 40.0]);
        let spans = total_fit(&items, |first| if first { 50.0 } else { 200.0 });
        assert_eq!(spans.len(), 2);
        assert_eq!(widths(&items, &spans)[0], 40.0);
    }

    #[test]
    fn an_unbreakable_overlong_word_still_gets_a_line() {
        let items = para(&[30.0, 150.0, 30.0]);
        let spans = total_fit(&items, |_| 100.0);
        assert_eq!(spans.len(), 3);
    }

    /// Thai without spaces: boxes that may stretch a little, penalties between.
    fn thai(words: &[f32]) -> Vec<Item> {
        let mut v = Vec::new();
        for (i, &w) in words.iter().enumerate() {
            if i > 0 {
                v.push(Item {
                    kind: Kind::Penalty {
                        cost: 20.0,
                        emergency: false,
                    },
                    ..word(0.0)
                });
            }
            v.push(Item {
                stretch: 0.5,
                ..word(w)
            });
        }
        v.push(end());
        v
    }

    #[test]
    fn first_fit_keeps_a_compound_whole_when_the_line_is_full_enough() {
        // 80 | (costly) 15 | 30: the costly break after 95 is the last that fits,
        // but ending after 80 (80% full) keeps the compound whole.
        let mut items = vec![word(80.0), space()];
        items.extend([
            word(15.0),
            Item {
                kind: Kind::Penalty {
                    cost: 150.0,
                    emergency: false,
                },
                ..word(0.0)
            },
            word(30.0),
            end(),
        ]);
        let width = |s: usize, e: usize| items[s..e].iter().map(|i| i.width).sum::<f32>();
        let spans = first_fit(&items, |_| 100.0, width);
        assert_eq!(spans[0].end, 1, "{spans:?}");
        // with a shorter first word the line would be too empty: the costly break is taken
        items[0].width = 60.0;
        let width = |s: usize, e: usize| items[s..e].iter().map(|i| i.width).sum::<f32>();
        let spans = first_fit(&items, |_| 100.0, width);
        assert_eq!(spans[0].end, 3, "{spans:?}");
    }

    #[test]
    fn among_lines_left_short_the_fullest_wins() {
        // No line can be filled: 45 alone leaves 55 short, 45+45 only 10. Both
        // were "as bad as can be" once; the fuller first line must win.
        let items = thai(&[45.0, 45.0, 45.0]);
        let spans = total_fit(&items, |_| 100.0);
        assert_eq!(widths(&items, &spans), vec![90.0, 45.0]);
    }
}
