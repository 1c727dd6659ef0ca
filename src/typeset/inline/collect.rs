//! Collect: the paragraph's inline pieces become one text with styled spans and atoms.

use unicode_segmentation::UnicodeSegmentation;

use super::{Para, Seg, Span};
use crate::markup::{Inline, Paragraph};
use crate::typeset::fonts::FontId;

/// Flattens the inline pieces into text, spans and atoms.
pub(super) fn collect<'p>(p: &'p Paragraph, default_size: f32, width: f32) -> Para<'p> {
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
