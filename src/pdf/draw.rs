//! Drawing one page's items onto a krilla surface: glyph runs, lines, rectangles and
//! images. Layout coordinates (points, origin top-left, y down) are krilla's own, so
//! positions pass through unchanged; only glyph metrics are converted, because krilla
//! wants them per unit of font size.
//!
//! A Thai cluster of several glyphs (ที่, ญู, น้ำ) is handed to krilla whole, so it is
//! written as one `/ActualText` span. Giving each glyph its own character instead
//! copies out worse: poppler reads the space that justification adds after a mark
//! as a word break ("ดำเนิ น งาน"), and moves a mark that sits at or right of its
//! pen past the next letter ("ซึง่"). `tests/pdf_roundtrip.rs` and
//! `tests/documents_copyout.rs` check for exactly this.
//!
//! krilla maps a glyph to text in the font's ToUnicode table the first time it
//! meets the glyph; a span's first glyph is given the whole cluster's text (ร as
//! "รุ"), and from then on every lone ร needs a span of its own too. Without care
//! that is a third of all spans, and spans are most of the content stream. So
//! [`seed_text_map`] first shows krilla every glyph that stands alone somewhere in
//! the document, with its own text, in a stream that is never placed on a page.

use std::ops::Range;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::paint::{Fill, LineCap, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId};
use krilla_svg::{SurfaceExt, SvgSettings};

use super::PdfError;
use crate::typeset::fonts::FontId;
use crate::typeset::layout::{
    GlyphRun, ImageItem, ImageKind, Item, Layout, LineItem, Page, RectItem,
};

/// Gap between the dots of a dotted line, centre to centre, in points.
const DOT_PITCH: f32 = 2.5;

/// The krilla fonts of one document: one per style the layout uses, each style's
/// bytes parsed once (styles that share a file share one font).
pub(super) struct PdfFonts {
    fonts: [Option<Font>; 4],
    origins: [String; 4],
}

impl PdfFonts {
    fn get(&self, id: FontId) -> Option<&Font> {
        self.fonts[id as usize].as_ref()
    }

    /// Each loaded font with the file it came from, to name fonts in error messages.
    pub(super) fn origins(&self) -> Vec<(Font, String)> {
        self.fonts
            .iter()
            .zip(&self.origins)
            .filter_map(|(font, origin)| font.clone().map(|f| (f, origin.clone())))
            .collect()
    }
}

/// Loads the fonts the layout's glyph runs use.
pub(super) fn load_fonts(layout: &Layout) -> Result<PdfFonts, PdfError> {
    let mut used = [false; 4];
    for page in &layout.pages {
        for item in &page.items {
            if let Item::Glyphs(run) = item {
                used[run.font as usize] = true;
            }
        }
    }

    let mut fonts: [Option<Font>; 4] = Default::default();
    let mut origins: [String; 4] = Default::default();
    for id in FontId::ALL {
        let data = layout.fonts.get(id);
        origins[id as usize] = data.origin.clone();
        if !used[id as usize] {
            continue;
        }
        // A style that fell back to another one holds the same bytes: reuse its font.
        let shared = FontId::ALL[..id as usize].iter().find_map(|&earlier| {
            let other = layout.fonts.get(earlier);
            (std::sync::Arc::ptr_eq(&other.bytes, &data.bytes) && other.index == data.index)
                .then(|| fonts[earlier as usize].clone())
                .flatten()
        });
        let font = match shared {
            Some(font) => font,
            None => {
                Font::new(data.bytes.clone().into(), data.index).ok_or_else(|| PdfError::Font {
                    origin: data.origin.clone(),
                    message: "krilla cannot read this font".into(),
                })?
            }
        };
        fonts[id as usize] = Some(font);
    }
    Ok(PdfFonts { fonts, origins })
}

/// Draws every item of the page, in order. `number` is 1-based, for messages;
/// `interpolate` smooths raster images when printed larger than their pixels
/// (PDF/A forbids it).
pub(super) fn page(
    surface: &mut Surface,
    page: &Page,
    fonts: &PdfFonts,
    number: usize,
    interpolate: bool,
) -> Result<(), PdfError> {
    for item in &page.items {
        match item {
            Item::Glyphs(run) => glyphs(surface, run, fonts),
            Item::Line(line) => self::line(surface, line),
            Item::Rect(rect) => self::rect(surface, rect),
            Item::Image(image) => self::image(surface, image, number, interpolate)?,
        }
    }
    Ok(())
}

/// Maps every glyph that stands alone somewhere in the layout (one glyph for its
/// text, after [`pdf_glyphs`]) to that text in krilla's ToUnicode table, before any
/// page is drawn: the glyphs are drawn once into a stream that is thrown away, so
/// nothing of it reaches the file but the mapping. Clusters of several glyphs then
/// no longer claim their first glyph for the whole cluster's text (see the module
/// comment). A glyph that stands alone with different texts keeps the first.
pub(super) fn seed_text_map(surface: &mut Surface, layout: &Layout, fonts: &PdfFonts) {
    let mut text = String::new();
    let mut seeds: [Vec<PdfGlyph>; 4] = Default::default();
    let mut seen: [std::collections::HashSet<u16>; 4] = Default::default();
    for page in &layout.pages {
        for item in &page.items {
            let Item::Glyphs(run) = item else { continue };
            let glyphs = pdf_glyphs(run);
            let mut start = 0;
            while start < glyphs.len() {
                let end = cluster_end(&glyphs, start);
                let g = &glyphs[start];
                let id = g.id.to_u32() as u16;
                if end - start == 1 && !g.text.is_empty() && seen[run.font as usize].insert(id) {
                    let from = text.len();
                    text.push_str(&run.text[g.text.clone()]);
                    seeds[run.font as usize].push(PdfGlyph {
                        id: g.id,
                        text: from..text.len(),
                        x_advance: 0.5,
                        x_offset: 0.0,
                        y_offset: 0.0,
                    });
                }
                start = end;
            }
        }
    }
    let mut builder = surface.stream_builder();
    let mut scratch = builder.surface();
    scratch.set_fill(Some(Fill::default()));
    for id in FontId::ALL {
        let (Some(font), glyphs) = (fonts.get(id), &seeds[id as usize]) else {
            continue;
        };
        if !glyphs.is_empty() {
            scratch.draw_glyphs(
                Point::from_xy(0.0, 0.0),
                glyphs,
                font.clone(),
                &text,
                10.0,
                false,
            );
        }
    }
    scratch.finish();
    drop(builder.finish());
}

/// A glyph of a run, in the form krilla's `Glyph` trait asks for: metrics per unit
/// of font size (krilla multiplies them by the size it is given).
struct PdfGlyph {
    id: GlyphId,
    text: Range<usize>,
    x_advance: f32,
    x_offset: f32,
    y_offset: f32,
}

impl krilla::text::Glyph for PdfGlyph {
    fn glyph_id(&self) -> GlyphId {
        self.id
    }

    fn text_range(&self) -> Range<usize> {
        self.text.clone()
    }

    fn x_advance(&self, size: f32) -> f32 {
        self.x_advance * size
    }

    fn x_offset(&self, size: f32) -> f32 {
        self.x_offset * size
    }

    fn y_offset(&self, size: f32) -> f32 {
        self.y_offset * size
    }

    fn y_advance(&self, _size: f32) -> f32 {
        0.0
    }

    fn location(&self) -> Option<krilla::surface::Location> {
        None
    }
}

/// Converts a run's glyphs (points) into krilla's per-size units, clamping text
/// ranges to the run's text so a bad range can never panic inside krilla, and
/// joining clusters that would copy out with a gap (see [`join_short_clusters`]).
fn pdf_glyphs(run: &GlyphRun) -> Vec<PdfGlyph> {
    let len = run.text.len();
    let clamp = |r: &Range<usize>| {
        let mut start = r.start.min(len);
        let mut end = r.end.clamp(start, len);
        while !run.text.is_char_boundary(start) {
            start -= 1;
        }
        while !run.text.is_char_boundary(end) {
            end += 1;
        }
        start..end
    };
    let mut glyphs: Vec<PdfGlyph> = run
        .glyphs
        .iter()
        .map(|g| PdfGlyph {
            id: GlyphId::new(u32::from(g.id)),
            text: clamp(&g.text),
            x_advance: g.x_advance / run.size,
            x_offset: g.x_offset / run.size,
            y_offset: g.y_offset / run.size,
        })
        .collect();
    join_short_clusters(&mut glyphs);
    glyphs
}

/// How far left (in em) a cluster's last glyph may be pulled before text extractors
/// could see a gap after it.
const SHORT_END: f32 = 0.02;

/// Joins a cluster whose last glyph ends short of where the pen goes next with the
/// cluster that follows, so both are copied out as one `/ActualText` span.
///
/// krilla writes the text of a multi-glyph cluster as an `/ActualText` span, and
/// poppler (like other extractors) takes the span to end where its last glyph's own
/// advance ends. When that glyph is a mark pulled left (the tone mark of ป้, the
/// vowel of ปี่), the span ends about 0.12 em before the next glyph and the gap is
/// copied out as a space in the middle of the word ("ป้ อม"). Inside a joined span
/// the gap is not seen; the span's last glyph is then a spacing one.
fn join_short_clusters(glyphs: &mut [PdfGlyph]) {
    let mut start = 0;
    while start < glyphs.len() {
        let mut end = cluster_end(glyphs, start);
        while end < glyphs.len() && ends_short(&glyphs[start..end]) {
            let next_end = cluster_end(glyphs, end);
            if glyphs[end].text.start != glyphs[start].text.end {
                break; // not contiguous text: leave the clusters as they are
            }
            let joined = glyphs[start].text.start..glyphs[end].text.end;
            for glyph in &mut glyphs[start..next_end] {
                glyph.text = joined.clone();
            }
            end = next_end;
        }
        start = end;
    }
}

/// The index after the last glyph of the cluster starting at `start` (the glyphs
/// sharing its text range).
fn cluster_end(glyphs: &[PdfGlyph], start: usize) -> usize {
    let range = &glyphs[start].text;
    start
        + glyphs[start..]
            .iter()
            .take_while(|g| &g.text == range)
            .count()
}

/// Whether a cluster of several glyphs ends with a glyph pulled left of its pen
/// position: a zero-advance mark drawn there ends the span that far before the
/// next glyph. (Space added after a cluster by justification is left alone: it is
/// a real gap, and joining every stretched cluster would make whole lines one span.)
fn ends_short(cluster: &[PdfGlyph]) -> bool {
    match cluster {
        [_, .., last] => -last.x_offset > SHORT_END,
        _ => false,
    }
}

/// Draws one glyph run in black, filled.
fn glyphs(surface: &mut Surface, run: &GlyphRun, fonts: &PdfFonts) {
    if run.glyphs.is_empty() || run.size <= 0.0 {
        return;
    }
    let Some(font) = fonts.get(run.font) else {
        return;
    };
    surface.set_stroke(None);
    surface.set_fill(Some(Fill::default()));
    surface.draw_glyphs(
        Point::from_xy(run.x, run.y),
        &pdf_glyphs(run),
        font.clone(),
        &run.text,
        run.size,
        false,
    );
}

/// Strokes a solid or dotted line in black. Dots are zero-length dashes with round
/// caps, so each dot is a circle as wide as the stroke.
fn line(surface: &mut Surface, line: &LineItem) {
    if line.width <= 0.0 {
        return;
    }
    let mut builder = PathBuilder::new();
    builder.move_to(line.from.0, line.from.1);
    builder.line_to(line.to.0, line.to.1);
    let Some(path) = builder.finish() else {
        return;
    };
    let stroke = if line.dotted {
        Stroke {
            width: line.width,
            line_cap: LineCap::Round,
            dash: Some(StrokeDash {
                array: vec![0.0, DOT_PITCH.max(line.width * 2.0)],
                offset: 0.0,
            }),
            ..Stroke::default()
        }
    } else {
        Stroke {
            width: line.width,
            ..Stroke::default()
        }
    };
    surface.set_fill(None);
    surface.set_stroke(Some(stroke));
    surface.draw_path(&path);
    surface.set_stroke(None);
}

/// Fills and/or strokes a rectangle; one with no area is skipped.
fn rect(surface: &mut Surface, rect: &RectItem) {
    if rect.fill.is_none() && rect.stroke.is_none() {
        return;
    }
    let Some(area) = Rect::from_xywh(rect.x, rect.y, rect.width, rect.height) else {
        return;
    };
    let mut builder = PathBuilder::new();
    builder.push_rect(area);
    let Some(path) = builder.finish() else {
        return;
    };
    surface.set_fill(rect.fill.map(|[r, g, b]| Fill {
        paint: rgb::Color::new(r, g, b).into(),
        ..Fill::default()
    }));
    surface.set_stroke(rect.stroke.filter(|w| *w > 0.0).map(|width| Stroke {
        width,
        ..Stroke::default()
    }));
    surface.draw_path(&path);
    surface.set_fill(None);
    surface.set_stroke(None);
}

/// Places a PNG, JPEG or SVG image with its top-left corner at (x, y), scaled to the
/// printed size.
fn image(
    surface: &mut Surface,
    item: &ImageItem,
    page: usize,
    interpolate: bool,
) -> Result<(), PdfError> {
    let bad = |message: String| PdfError::Image {
        page,
        kind: item.kind,
        message,
    };
    let size = Size::from_wh(item.width, item.height)
        .ok_or_else(|| bad(format!("invalid size {} × {} pt", item.width, item.height)))?;
    surface.push_transform(&Transform::from_translate(item.x, item.y));
    let drawn = match item.kind {
        ImageKind::Png => Image::from_png(item.data.clone().into(), interpolate).map(|image| {
            surface.draw_image(image, size);
        }),
        ImageKind::Jpeg => Image::from_jpeg(item.data.clone().into(), interpolate).map(|image| {
            surface.draw_image(image, size);
        }),
        ImageKind::Svg => crate::typeset::image::svg_tree(&item.data).map(|tree| {
            surface.draw_svg(&tree, size, SvgSettings::default());
        }),
    };
    surface.pop();
    drawn.map_err(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: Range<usize>, x_advance: f32, x_offset: f32) -> PdfGlyph {
        PdfGlyph {
            id: GlyphId::new(1),
            text,
            x_advance,
            x_offset,
            y_offset: 0.0,
        }
    }

    fn ranges(glyphs: &[PdfGlyph]) -> Vec<Range<usize>> {
        glyphs.iter().map(|g| g.text.clone()).collect()
    }

    #[test]
    fn a_cluster_ending_in_a_mark_pulled_left_joins_the_next() {
        // ป้อม: ป + ้ (pulled left 0.124 em) share 0..6; อ 6..9; ม 9..12.
        let mut glyphs = vec![
            glyph(0..6, 0.6, 0.0),
            glyph(0..6, 0.0, -0.124),
            glyph(6..9, 0.5, 0.0),
            glyph(9..12, 0.55, 0.0),
        ];
        join_short_clusters(&mut glyphs);
        assert_eq!(ranges(&glyphs), [0..9, 0..9, 0..9, 9..12]);
    }

    #[test]
    fn marks_in_place_and_stretched_clusters_stay_alone() {
        // ส่ (mark at the pen), then วน; then a stretched ที่ cluster and ม.
        let mut glyphs = vec![
            glyph(0..6, 0.55, 0.0),
            glyph(0..6, 0.0, 0.0),
            glyph(6..9, 0.5, 0.0),
            glyph(9..18, 0.55, 0.0),
            glyph(9..18, 0.0, -0.001),
            glyph(9..18, 0.08, 0.0),
            glyph(18..21, 0.55, 0.0),
        ];
        let before = ranges(&glyphs);
        join_short_clusters(&mut glyphs);
        assert_eq!(ranges(&glyphs), before);
    }

    #[test]
    fn joining_chains_and_stops_at_the_end_or_a_gap_in_the_text() {
        // ปี่ป้ at the end of a run: both clusters end pulled left.
        let mut glyphs = vec![
            glyph(0..9, 0.6, 0.0),
            glyph(0..9, 0.0, -0.12),
            glyph(0..9, 0.0, -0.12),
            glyph(9..15, 0.6, 0.0),
            glyph(9..15, 0.0, -0.12),
        ];
        join_short_clusters(&mut glyphs);
        assert_eq!(ranges(&glyphs), vec![0..15; 5]);

        // Ranges that do not touch are never joined.
        let mut glyphs = vec![
            glyph(0..6, 0.6, 0.0),
            glyph(0..6, 0.0, -0.12),
            glyph(7..9, 0.5, 0.0),
        ];
        join_short_clusters(&mut glyphs);
        assert_eq!(ranges(&glyphs), [0..6, 0..6, 7..9]);
    }
}
