//! Linebreak: chooses where the paragraph's lines end.

use super::line::{entries, place};
use super::Para;
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
    } else {
        linebreak::total_fit(&para.items, |first| para.measure(first))
    }
}
