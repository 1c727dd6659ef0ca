//! Pagination: frags are poured into pages; when one does not fit, the page ends at the
//! last place a break is allowed (keep rules: widows and orphans, keep-with-next,
//! keep-together, signatures), a splittable table row is cut to fill the page, and a
//! table continuing on a new page gets its header rows again. `furnish` then adds the
//! page numbers and the continuation markers.

use std::collections::VecDeque;

use super::block::{self, Frag};
use super::inline;
use super::layout::{Item as Draw, Page};
use super::{Ctx, Note};
use crate::markup::{Align, Margins, Section};

/// Page size and margins.
pub struct Geometry {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Margins.
    pub margins: Margins,
}

/// A page's frags with their y positions (top of each frag on the page).
pub struct PlacedPage {
    /// The frags and their tops.
    pub frags: Vec<(Frag, f32)>,
}

const EPS: f32 = 0.01;

/// Pours frags into pages.
pub fn paginate(frags: Vec<Frag>, geo: &Geometry) -> Vec<PlacedPage> {
    let top = geo.margins.top;
    let bottom = geo.height - geo.margins.bottom;
    let mut queue: VecDeque<Frag> = frags.into();
    let mut pages = Vec::new();
    let mut cur: Vec<(Frag, f32)> = Vec::new();
    let mut y = top;
    while let Some(f) = queue.pop_front() {
        if f.break_before && !cur.is_empty() {
            pages.push(PlacedPage {
                frags: std::mem::take(&mut cur),
            });
            y = top;
        }
        if cur.is_empty() {
            // A table continuing here: its header rows first.
            if let (Some(header), false) = (&f.header, pages.is_empty() || f.break_before) {
                let continues = pages
                    .last()
                    .and_then(|p: &PlacedPage| p.frags.last())
                    .is_some_and(|(last, _)| {
                        last.header
                            .as_ref()
                            .is_some_and(|h| std::rc::Rc::ptr_eq(h, header))
                    });
                if continues {
                    for h in header.iter() {
                        let mut h = h.clone();
                        h.header = None;
                        h.space_before = 0.0;
                        h.repeated = true;
                        h.keep_with_prev = false;
                        let height = h.height;
                        cur.push((h, y));
                        y += height;
                    }
                }
            }
        }
        let sb = if cur.is_empty() { 0.0 } else { f.space_before };
        if y + sb + f.height <= bottom + EPS {
            let height = f.height;
            cur.push((f, y + sb));
            y += sb + height;
            continue;
        }
        // A row that may split: fill the page with its top part.
        if let Some(row) = &f.row {
            let avail = bottom - y - sb;
            if let Some((mut a, mut b)) = row.split(avail) {
                a.header = f.header.clone();
                a.keep_with_prev = f.keep_with_prev;
                a.lead = f.lead.clone();
                b.header = f.header.clone();
                b.space_before = 0.0;
                if !cur.is_empty() || a.height > 0.0 {
                    cur.push((a, y + sb));
                    queue.push_front(b);
                    pages.push(PlacedPage {
                        frags: std::mem::take(&mut cur),
                    });
                    y = top;
                    continue;
                }
            }
        }
        if cur.is_empty() {
            // Taller than a page: set it anyway.
            let h = f.height;
            cur.push((f, y));
            y += h;
            continue;
        }
        // Find the last allowed break: before position j (cur[j] or f).
        let n = cur.len();
        let allowed = |j: usize| -> bool {
            let frag = if j == n { &f } else { &cur[j].0 };
            !frag.keep_with_prev
        };
        // Never leave a page holding only repeated header rows.
        let first_content = cur.iter().take_while(|(fr, _)| fr.repeated).count();
        let j = (first_content + 1..=n)
            .rev()
            .find(|&j| allowed(j))
            .unwrap_or(n);
        let moved: Vec<Frag> = cur.drain(j..).map(|(fr, _)| fr).collect();
        queue.push_front(f);
        for fr in moved.into_iter().rev() {
            queue.push_front(fr);
        }
        pages.push(PlacedPage {
            frags: std::mem::take(&mut cur),
        });
        y = top;
    }
    if !cur.is_empty() || pages.is_empty() {
        pages.push(PlacedPage { frags: cur });
    }
    pages
}

/// Turns placed frags into pages with page numbers ("- ๒ -" from the section's second
/// page) and continuation markers ("/<first words of the next page>..."); warnings
/// noted in frags are reported with their page index (0-based within the section).
pub fn furnish(
    ctx: &mut Ctx,
    placed: Vec<PlacedPage>,
    geo: &Geometry,
    section: &Section,
    report: &mut dyn FnMut(Note, usize),
) -> Vec<Page> {
    let leads: Vec<String> = placed
        .iter()
        .map(|p| {
            p.frags
                .iter()
                .filter(|(f, _)| !f.repeated)
                .map(|(f, _)| f.lead.trim())
                .find(|l| !l.is_empty())
                .unwrap_or("")
                .to_string()
        })
        .collect();
    let count = placed.len();
    let mut pages = Vec::with_capacity(count);
    let m = geo.margins;
    let text_width = geo.width - m.left - m.right;
    for (k, page) in placed.into_iter().enumerate() {
        let mut items = Vec::new();
        for (f, y) in page.frags {
            let mut fi = f.items;
            block::translate(&mut fi, 0.0, y);
            items.extend(fi);
            for note in f.notes {
                report(note, k);
            }
        }
        if section.page_numbers && k > 0 {
            let n = section.first_page_number + k as u32;
            let label = format!("- {} -", ctx.digits.format(n));
            let baseline = m.top * 0.6;
            items.extend(text_line(
                ctx,
                &label,
                section.font_size,
                m.left,
                text_width,
                baseline,
                Align::Center,
            ));
        }
        if section.continuation && k + 1 < count && !leads[k + 1].is_empty() {
            let label = format!("/{}...", leads[k + 1]);
            let baseline = geo.height - m.bottom + section.font_size * ctx.pitch;
            items.extend(text_line(
                ctx,
                &label,
                section.font_size,
                m.left,
                text_width,
                baseline,
                Align::Right,
            ));
        }
        pages.push(Page {
            width: geo.width,
            height: geo.height,
            items,
        });
    }
    pages
}

fn text_line(
    ctx: &mut Ctx,
    text: &str,
    size: f32,
    x: f32,
    width: f32,
    baseline: f32,
    align: Align,
) -> Vec<Draw> {
    let p = block::simple_text(text, size, false, align);
    let mut out = Vec::new();
    if let Some(line) = inline::layout_paragraph(ctx, &p, size, width)
        .into_iter()
        .next()
    {
        let mut items = line.items;
        block::translate(&mut items, x, baseline);
        out = items;
    }
    out
}
