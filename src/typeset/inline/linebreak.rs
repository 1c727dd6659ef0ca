//! Linebreak: chooses where the paragraph's lines end.

use super::line::{entries, place};
use super::Para;
use crate::markup::Align;
use crate::typeset::justify::Distribution;
use crate::typeset::linebreak::{self, Kind, LineSpan};

/// Chooses the breaks.
pub(super) fn linebreak(para: &Para) -> Vec<LineSpan> {
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
    } else if para.p.align == Align::Center {
        balanced(para)
    } else {
        linebreak::total_fit(&para.items, |first| para.measure(first))
    }
}

/// Breaks for a centred paragraph (a title): as few lines as at the full measure,
/// but as even as they can be, so that no short last line ("พ.ศ. ๒๕๖๖") stands
/// alone under long ones. The narrowest measure that still gives that many lines,
/// none of them overfull, is found by bisection.
fn balanced(para: &Para) -> Vec<LineSpan> {
    let full = linebreak::total_fit(&para.items, |first| para.measure(first));
    let lines = full.len();
    if lines < 2 {
        return full;
    }
    let fits = |spans: &[LineSpan], factor: f32| {
        spans.iter().enumerate().all(|(n, s)| {
            let width: f32 = para.items[s.start..s.end].iter().map(|i| i.width).sum();
            width <= para.measure(n == 0) * factor + 0.5
        })
    };
    let (mut lo, mut hi) = (0.5f32, 1.0f32);
    let mut best = full;
    for _ in 0..10 {
        let mid = (lo + hi) / 2.0;
        let spans = linebreak::total_fit(&para.items, |first| para.measure(first) * mid);
        if spans.len() == lines && fits(&spans, mid) {
            best = spans;
            hi = mid;
        } else {
            lo = mid;
        }
    }
    best
}
