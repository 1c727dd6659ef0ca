//! Pagination: frags are poured into pages; when one does not fit, the page ends at the
//! last place a break is allowed (keep rules: widows and orphans, keep-with-next,
//! keep-together, signatures), a splittable table row is cut to fill the page (if its
//! cells keep their widow and orphan lines, or if it could not be placed better on a
//! later page), a table continuing on a new page gets its header rows again, and the
//! outline of a `border="outer"` table is closed on both sides of each page break.
//! `furnish` then adds the page numbers and the continuation markers.

use std::collections::VecDeque;

use super::block::{self, Frag};
use super::inline;
use super::layout::{ArtifactKind, Item as Draw, Mark, Page};
use super::structure;
use super::table::SplitRule;
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
                        // the header's text is in the structure where the table
                        // starts; here it is pagination
                        structure::as_artifact(&mut h.items, ArtifactKind::Pagination);
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
        // The last allowed break: before position j (cur[j] or f), never leaving a
        // page that holds only repeated header rows. `None`: moving f on would take
        // everything on this page with it, so the next page would be no better.
        let n = cur.len();
        let first_content = cur.iter().take_while(|(fr, _)| fr.repeated).count();
        let allowed = |j: usize| -> bool {
            let frag = if j == n { &f } else { &cur[j].0 };
            !frag.keep_with_prev
        };
        let brk = (first_content + 1..=n).rev().find(|&j| allowed(j));
        // A row that may split: fill the page with its top part (widows and orphans
        // kept inside its cells; forced only where the row cannot move on).
        if let Some(row) = &f.row {
            let avail = bottom - y - sb;
            let parts = row.split(avail).or_else(|| {
                brk.is_none()
                    .then(|| row.split_with(avail, SplitRule::Forced))
                    .flatten()
            });
            if let Some((mut a, mut b)) = parts {
                a.header = f.header.clone();
                a.keep_with_prev = f.keep_with_prev;
                a.lead = f.lead.clone();
                b.header = f.header.clone();
                b.space_before = 0.0;
                cur.push((a, y + sb));
                queue.push_front(b);
                pages.push(PlacedPage {
                    frags: std::mem::take(&mut cur),
                });
                y = top;
                continue;
            }
        }
        if cur.is_empty() {
            // Taller than a page: set it anyway.
            let h = f.height;
            cur.push((f, y));
            y += h;
            continue;
        }
        let j = brk.unwrap_or(n);
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
    close_frames(&mut pages);
    pages
}

/// Where a `border="outer"` table breaks across pages, draws the rule under its
/// last row on the page and over its first row on the next (unless a repeated
/// header row already draws the table's top), so that every page shows a closed box.
fn close_frames(pages: &mut [PlacedPage]) {
    for k in 1..pages.len() {
        if let Some((f, _)) = pages[k - 1].frags.last_mut() {
            if let Some(frame) = f.frame.filter(|fr| fr.open_bottom) {
                f.items.push(frame.rule(f.height));
            }
        }
        if let Some((f, _)) = pages[k].frags.first_mut() {
            if let Some(frame) = f.frame.filter(|fr| fr.open_top) {
                f.items.push(frame.rule(0.0));
            }
        }
    }
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
            let mut number = text_line(
                ctx,
                &label,
                section.font_size,
                m.left,
                text_width,
                baseline,
                Align::Center,
            );
            structure::bracket(&mut number, Mark::Artifact(ArtifactKind::PageNumber));
            items.extend(number);
        }
        if section.continuation && k + 1 < count && !leads[k + 1].is_empty() {
            let label = format!("/{}...", leads[k + 1]);
            let baseline = geo.height - m.bottom + section.font_size * ctx.pitch;
            let mut marker = text_line(
                ctx,
                &label,
                section.font_size,
                m.left,
                text_width,
                baseline,
                Align::Right,
            );
            structure::bracket(&mut marker, Mark::Artifact(ArtifactKind::Pagination));
            items.extend(marker);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::layout::LineItem;

    /// A short page: room for about ten lines of 16 pt text.
    fn short_page() -> Geometry {
        Geometry {
            width: super::super::A4_WIDTH,
            height: 400.0,
            margins: Margins {
                left: 85.0,
                right: 57.0,
                top: 60.0,
                bottom: 60.0,
            },
        }
    }

    /// Horizontal rules of a page (y on the page), top to bottom.
    fn rules(page: &PlacedPage) -> Vec<f32> {
        let mut ys: Vec<f32> = page
            .frags
            .iter()
            .flat_map(|(f, y)| {
                f.items.iter().filter_map(move |d| match d {
                    Draw::Line(LineItem { from, to, .. })
                        if (from.1 - to.1).abs() < 1e-3 && (to.0 - from.0).abs() > 50.0 =>
                    {
                        Some(from.1 + y)
                    }
                    _ => None,
                })
            })
            .collect();
        ys.sort_by(f32::total_cmp);
        ys
    }

    fn texts(page: &PlacedPage) -> Vec<String> {
        let mut out: Vec<(f32, f32, String)> = page
            .frags
            .iter()
            .flat_map(|(f, y)| {
                f.items.iter().filter_map(move |d| match d {
                    Draw::Glyphs(g) => Some((g.y + y, g.x, g.text.clone())),
                    _ => None,
                })
            })
            .collect();
        out.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        out.into_iter().map(|(_, _, t)| t).collect()
    }

    fn outer_table(header: bool, rows: usize, tall_lines: usize) -> String {
        let mut xml = String::from(r#"<table columns="2cm 1fr" border="outer">"#);
        if header {
            xml.push_str(r#"<row header="true"><cell>ลำดับ</cell><cell>หัวตาราง</cell></row>"#);
        }
        for i in 0..rows {
            let second: String = if i == rows / 2 {
                (0..tall_lines).map(|k| format!("<p>ยาว{k}</p>")).collect()
            } else {
                format!("แถว{i}")
            };
            xml.push_str(&format!("<row><cell>{i}</cell><cell>{second}</cell></row>"));
        }
        xml.push_str("</table>");
        xml
    }

    /// A frag of `height` with a tag in `lead`, to follow it across pages.
    fn frag(tag: &str, height: f32) -> Frag {
        Frag {
            height,
            lead: tag.to_string(),
            ..Frag::default()
        }
    }

    /// Each page's frags as (tag, top).
    fn placed(pages: &[PlacedPage]) -> Vec<Vec<(String, f32)>> {
        pages
            .iter()
            .map(|p| p.frags.iter().map(|(f, y)| (f.lead.clone(), *y)).collect())
            .collect()
    }

    fn tags(pages: &[PlacedPage]) -> Vec<Vec<String>> {
        placed(pages)
            .into_iter()
            .map(|p| p.into_iter().map(|(t, _)| t).collect())
            .collect()
    }

    // The short page has 280 pt of room: from 60 to 340.

    #[test]
    fn frags_fill_a_page_top_down_and_the_rest_goes_on() {
        let frags: Vec<Frag> = (0..7).map(|i| frag(&i.to_string(), 50.0)).collect();
        let pages = paginate(frags, &short_page());
        let p = placed(&pages);
        assert_eq!(p.len(), 2);
        // 5 × 50 = 250 fits, a sixth (300) does not.
        let tops: Vec<f32> = p[0].iter().map(|(_, y)| *y).collect();
        assert_eq!(tops, [60.0, 110.0, 160.0, 210.0, 260.0]);
        assert_eq!(p[1], [("5".to_string(), 60.0), ("6".to_string(), 110.0)]);
    }

    #[test]
    fn space_before_is_dropped_at_the_top_of_a_page_only() {
        let mut frags: Vec<Frag> = (0..7).map(|i| frag(&i.to_string(), 50.0)).collect();
        for f in &mut frags {
            f.space_before = 10.0;
        }
        let p = placed(&paginate(frags, &short_page()));
        // 50 + 4 × 60 = 290 > 280: four on the first page, the fifth starts the next
        // at the top margin, without its space.
        let tops: Vec<f32> = p[0].iter().map(|(_, y)| *y).collect();
        assert_eq!(tops, [60.0, 120.0, 180.0, 240.0]);
        assert_eq!(p[1][0], ("4".to_string(), 60.0));
        assert_eq!(p[1][1], ("5".to_string(), 120.0));
    }

    #[test]
    fn a_break_before_starts_a_new_page_unless_the_page_is_empty() {
        let mut frags: Vec<Frag> = (0..4).map(|i| frag(&i.to_string(), 20.0)).collect();
        frags[0].break_before = true;
        frags[2].break_before = true;
        let pages = paginate(frags, &short_page());
        assert_eq!(tags(&pages), [vec!["0", "1"], vec!["2", "3"]]);
    }

    #[test]
    fn a_frag_kept_with_the_previous_one_takes_it_to_the_next_page() {
        // Five fit; the sixth is kept with the fifth, which goes on with it.
        let mut frags: Vec<Frag> = (0..6).map(|i| frag(&i.to_string(), 50.0)).collect();
        frags[5].keep_with_prev = true;
        let pages = paginate(frags, &short_page());
        assert_eq!(tags(&pages), [vec!["0", "1", "2", "3"], vec!["4", "5"]]);
        // A chain that would take the whole page with it stays: no empty page.
        let mut frags: Vec<Frag> = (0..6).map(|i| frag(&i.to_string(), 50.0)).collect();
        for f in frags.iter_mut().skip(1) {
            f.keep_with_prev = true;
        }
        let pages = paginate(frags, &short_page());
        assert_eq!(tags(&pages), [vec!["0", "1", "2", "3", "4"], vec!["5"]]);
    }

    #[test]
    fn a_frag_taller_than_a_page_gets_a_page_of_its_own() {
        let frags = vec![frag("a", 30.0), frag("tall", 500.0), frag("b", 30.0)];
        let p = placed(&paginate(frags, &short_page()));
        assert_eq!(
            p,
            [
                vec![("a".to_string(), 60.0)],
                vec![("tall".to_string(), 60.0)],
                vec![("b".to_string(), 60.0)]
            ]
        );
    }

    #[test]
    fn nothing_to_place_is_still_one_empty_page() {
        let pages = paginate(Vec::new(), &short_page());
        assert_eq!(pages.len(), 1);
        assert!(pages[0].frags.is_empty());
    }

    #[test]
    fn an_outer_table_is_a_closed_box_on_every_page() {
        let geo = short_page();
        for header in [false, true] {
            let pages = paginate(block::frags_of(&outer_table(header, 20, 9)), &geo);
            assert!(pages.len() >= 3, "{} pages", pages.len());
            let mut split = false;
            for (k, page) in pages.iter().enumerate() {
                let (first, top) = (&page.frags[0].0, page.frags[0].1);
                let (last, y) = page.frags.last().unwrap();
                split |= texts(page).iter().any(|t| t.starts_with("ยาว"))
                    && !(0..9).all(|i| texts(page).contains(&format!("ยาว{i}")));
                let bottom = y + last.height;
                let r = rules(page);
                assert_eq!(r.len(), 2, "page {k} (header {header}): rules at {r:?}");
                assert!(
                    (r[0] - top).abs() < 1e-3,
                    "page {k}: top rule {} vs {top}",
                    r[0]
                );
                assert!(
                    (r[1] - bottom).abs() < 1e-3,
                    "page {k}: {} vs {bottom}",
                    r[1]
                );
                if header {
                    // Repeated header rows still come first.
                    assert!(first.repeated || k == 0, "page {k}");
                    assert_eq!(texts(page)[..2], ["ลำดับ", "หัวตาราง"], "page {k}");
                }
            }
            assert!(split, "the tall row was split across pages");
        }
    }

    #[test]
    fn a_row_that_cannot_keep_two_lines_a_side_moves_whole_under_its_headers() {
        // Rows of one line, then a row of five one-line paragraphs, pushed down the
        // page by one more short row each time.
        let geo = short_page();
        let (mut moved, mut split) = (0, 0);
        for before in 0..12 {
            let mut xml = String::from(
                r#"<table columns="2cm 1fr"><row header="true"><cell>ลำดับ</cell><cell>หัวตาราง</cell></row>"#,
            );
            for i in 0..before {
                xml.push_str(&format!("<row><cell>{i}</cell><cell>แถว{i}</cell></row>"));
            }
            let tall: String = (0..5).map(|k| format!("<p>ยาว{k}</p>")).collect();
            xml.push_str(&format!(
                "<row><cell>ท้าย</cell><cell>{tall}</cell></row><row><cell>จบ</cell><cell>จบ</cell></row></table>"
            ));
            let pages = paginate(block::frags_of(&xml), &geo);
            let per_page: Vec<usize> = pages
                .iter()
                .map(|p| texts(p).iter().filter(|t| t.starts_with("ยาว")).count())
                .collect();
            assert_eq!(per_page.iter().sum::<usize>(), 5, "before {before}");
            assert!(
                per_page.iter().all(|&n| n == 0 || n >= 2),
                "before {before}: {per_page:?}"
            );
            for (k, page) in pages.iter().enumerate() {
                assert_eq!(
                    texts(page)[..2],
                    ["ลำดับ", "หัวตาราง"],
                    "before {before}, page {k}"
                );
            }
            let on = per_page.iter().filter(|&&n| n > 0).count();
            let first = per_page.iter().position(|&n| n > 0).unwrap();
            if on > 1 {
                split += 1;
            } else if first > 0 && texts(&pages[first])[2] == "ท้าย" {
                // The row opens its page, under the repeated header: count it as
                // moved whole when the page before had room for one of its lines.
                let (last, y) = pages[first - 1].frags.last().unwrap();
                let free = geo.height - geo.margins.bottom - (y + last.height);
                if free > last.height {
                    moved += 1;
                }
            }
        }
        assert!(moved > 0 && split > 0, "moved {moved}, split {split}");
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_without_loss() {
        let geo = short_page();
        let bottom = geo.height - geo.margins.bottom;
        let xml = outer_table(true, 3, 40);
        let pages = paginate(block::frags_of(&xml), &geo);
        assert!(pages.len() >= 4, "{} pages", pages.len());
        let mut seen = Vec::new();
        for page in &pages {
            for (f, y) in &page.frags {
                assert!(
                    y + f.height <= bottom + EPS,
                    "overflows: {} > {bottom}",
                    y + f.height
                );
            }
            let lines: Vec<String> = texts(page)
                .into_iter()
                .filter(|t| t.starts_with("ยาว"))
                .collect();
            assert!(lines.is_empty() || lines.len() >= 2, "{lines:?}");
            seen.extend(lines);
        }
        let expected: Vec<String> = (0..40).map(|k| format!("ยาว{k}")).collect();
        assert_eq!(seen, expected);
    }
}
