//! Drawing one page's items onto a krilla surface: glyph runs, lines, rectangles and
//! images. Layout coordinates (points, origin top-left, y down) are krilla's own, so
//! positions pass through unchanged; only glyph metrics are converted, because krilla
//! wants them per unit of font size.
//!
//! Every glyph is handed to krilla with the text it draws alone (module `text` splits
//! the typesetter's clusters), so krilla writes one ToUnicode entry per glyph and no
//! `/ActualText` span except for the rare cluster that cannot be split.
//!
//! krilla maps a glyph to text in the font's ToUnicode table the first time it
//! meets the glyph; a glyph first met inside an unsplit cluster would be given the
//! whole cluster's text, and every later lone use of it would need a span. So
//! [`seed_text_map`] first shows krilla every glyph that has text of its own, in a
//! stream that is never placed on a page.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::paint::{Fill, LineCap, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Identifier, SpanTag};
use krilla::text::{Font, GlyphId};
use krilla_svg::{SurfaceExt, SvgSettings};

use super::text::{split_clusters, GlyphChars, TextGlyph};
use super::PdfError;
use crate::typeset::fonts::FontId;
use crate::typeset::layout::{
    ArtifactKind, ContentId, GlyphRun, ImageItem, ImageKind, Item, Layout, LineItem, Mark, Page,
    RectItem, StructChild, StructNode,
};

/// Gap between the dots of a dotted line, centre to centre, in points.
const DOT_PITCH: f32 = 2.5;

/// The krilla fonts of one document: one per style the layout uses, each style's
/// bytes parsed once (styles that share a file share one font).
pub(super) struct PdfFonts {
    fonts: [Option<Font>; 4],
    origins: [String; 4],
    /// What each glyph of each used style draws.
    chars: [Option<std::sync::Arc<GlyphChars>>; 4],
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

/// Fonts whose tables were read, with what was made of them: (file, face index,
/// file with mark widths, glyph table). Holding the file keeps its address from
/// being reused by another font while it is cached.
type FontCache = Vec<(Arc<Vec<u8>>, u32, Arc<Vec<u8>>, Arc<GlyphChars>)>;

/// Reading a font's glyph tables costs about a millisecond; a process renders many
/// documents in the same few fonts, so they are read once per font file.
static FONT_CACHE: std::sync::Mutex<FontCache> = std::sync::Mutex::new(Vec::new());

/// Most fonts kept in [`FONT_CACHE`] (a family has four styles).
const FONT_CACHE_SIZE: usize = 16;

/// The file krilla embeds (marks given a width, see `text::with_mark_widths`) and the
/// glyph table of a font, from the cache or read now.
fn font_tables<'a>(
    bytes: &Arc<Vec<u8>>,
    index: u32,
    face: impl FnOnce() -> rustybuzz::Face<'a>,
) -> (Arc<Vec<u8>>, Arc<GlyphChars>) {
    let mut cache = FONT_CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, _, patched, table)) = cache
        .iter()
        .find(|(b, i, _, _)| Arc::ptr_eq(b, bytes) && *i == index)
    {
        return (patched.clone(), table.clone());
    }
    let patched =
        Arc::new(super::text::with_mark_widths(bytes, index).unwrap_or_else(|| bytes.to_vec()));
    let table = Arc::new(GlyphChars::new(&face()));
    if cache.len() >= FONT_CACHE_SIZE {
        cache.clear();
    }
    cache.push((bytes.clone(), index, patched.clone(), table.clone()));
    (patched, table)
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
    let mut chars: [Option<std::sync::Arc<GlyphChars>>; 4] = Default::default();
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
                .then(|| {
                    fonts[earlier as usize]
                        .clone()
                        .zip(chars[earlier as usize].clone())
                })
                .flatten()
        });
        let (font, table) = match shared {
            Some(both) => both,
            None => {
                let (bytes, table) = font_tables(&data.bytes, data.index, || data.face());
                let font = Font::new(bytes.into(), data.index).ok_or_else(|| PdfError::Font {
                    origin: data.origin.clone(),
                    message: "krilla cannot read this font".into(),
                })?;
                (font, table)
            }
        };
        fonts[id as usize] = Some(font);
        chars[id as usize] = Some(table);
    }
    Ok(PdfFonts {
        fonts,
        origins,
        chars,
    })
}

/// The glyphs of every glyph run of the layout as krilla draws them, each with its
/// own text where its cluster could be split: per page, per item (empty for items
/// that are not glyph runs).
pub(super) fn prepare(layout: &Layout, fonts: &PdfFonts) -> Vec<Vec<Vec<TextGlyph>>> {
    layout
        .pages
        .iter()
        .map(|page| {
            page.items
                .iter()
                .map(|item| match item {
                    Item::Glyphs(run) => match &fonts.chars[run.font as usize] {
                        Some(chars) => split_clusters(&run.text, text_glyphs(run), chars),
                        None => Vec::new(),
                    },
                    _ => Vec::new(),
                })
                .collect()
        })
        .collect()
}

/// Draws every item of the page, in order, glyph runs as [`prepare`]d. `number` is
/// 1-based, for messages; `interpolate` smooths raster images when printed larger
/// than their pixels (PDF/A forbids it). With `marks`, every drawing is marked as
/// the content it belongs to or as an artifact (see [`Marker`]).
pub(super) fn page(
    surface: &mut Surface,
    page: &Page,
    prepared: &[Vec<TextGlyph>],
    fonts: &PdfFonts,
    number: usize,
    interpolate: bool,
    mut marks: Option<&mut Marker>,
) -> Result<(), PdfError> {
    for (item, glyphs) in page.items.iter().zip(prepared) {
        if let Some(marker) = marks.as_deref_mut() {
            match item {
                Item::Begin(mark) => {
                    marker.stack.push(mark.clone());
                    continue;
                }
                Item::End => {
                    marker.stack.pop();
                    continue;
                }
                _ => marker.mark(surface, item, number - 1),
            }
        }
        match item {
            Item::Glyphs(run) => match marks.as_deref_mut() {
                Some(marker) => {
                    // one marked sequence per piece (see `pieces`): the sequence
                    // open for the item goes on to the first piece's end
                    let (mut from, mut x) = (0, run.x);
                    for to in pieces(glyphs) {
                        if from > 0 {
                            marker.mark(surface, item, number - 1);
                        }
                        self::glyphs(surface, run, x, &glyphs[from..to], fonts);
                        marker.close(surface);
                        for g in &glyphs[from..to] {
                            x += g.x_advance * run.size;
                        }
                        from = to;
                    }
                }
                None => self::glyphs(surface, run, run.x, glyphs, fonts),
            },
            Item::Line(line) => self::line(surface, line),
            Item::Rect(rect) => self::rect(surface, rect),
            Item::Image(image) => self::image(surface, image, number, interpolate)?,
            Item::Begin(_) | Item::End => {}
        }
    }
    if let Some(marker) = marks {
        marker.close(surface);
        marker.stack.clear();
    }
    Ok(())
}

/// How a run of drawings is marked in the content stream.
#[derive(Debug, Clone, PartialEq)]
enum Section {
    /// Text (`true`) or an image of a structure leaf.
    Content(ContentId, bool),
    /// Strokes read as a text, inside a structure leaf.
    Symbol(ContentId, String),
    /// Not content.
    Artifact(ArtifactKind),
}

/// Marks the drawings of a document's pages for tagged PDF: each run of drawings
/// that belong to the same structure leaf becomes one marked-content sequence, and
/// its identifier is kept for the leaf (in drawing order, across pages); lines and
/// rectangles outside a symbol, and everything outside content brackets, are
/// artifacts. Runs are only opened when something is drawn, so adjacent brackets
/// of the same leaf (the lines of a paragraph) share one sequence.
pub(super) struct Marker {
    /// The leaves the structure has: drawings bracketed with any other id are artifacts.
    known: HashSet<ContentId>,
    /// The open brackets of the page.
    stack: Vec<Mark>,
    /// The marked sequence open on the surface.
    open: Option<Section>,
    /// Each leaf's identifiers, in drawing order.
    pub(super) ids: HashMap<ContentId, Vec<Identifier>>,
    /// Where each leaf starts: (page index, x, top of its first text).
    pub(super) first: HashMap<ContentId, (usize, f32, f32)>,
}

impl Marker {
    /// A marker for the leaves of `structure`.
    pub(super) fn new(structure: &[StructNode]) -> Marker {
        fn collect(nodes: &[StructNode], out: &mut HashSet<ContentId>) {
            for n in nodes {
                for c in &n.children {
                    match c {
                        StructChild::Node(n) => collect(std::slice::from_ref(n), out),
                        StructChild::Content(id) => {
                            out.insert(*id);
                        }
                    }
                }
            }
        }
        let mut known = HashSet::new();
        collect(structure, &mut known);
        Marker {
            known,
            stack: Vec::new(),
            open: None,
            ids: HashMap::new(),
            first: HashMap::new(),
        }
    }

    /// What `item` is, given the open brackets.
    fn section(&self, item: &Item) -> Section {
        let text = matches!(item, Item::Glyphs(_));
        let content = matches!(item, Item::Glyphs(_) | Item::Image(_));
        let leaf = |mark: Option<&Mark>| match mark {
            Some(Mark::Content(id)) if self.known.contains(id) => Some(*id),
            _ => None,
        };
        let n = self.stack.len();
        match self.stack.last() {
            Some(Mark::Content(id)) if content && self.known.contains(id) => {
                Section::Content(*id, text)
            }
            Some(Mark::Symbol(s)) => match leaf(n.checked_sub(2).map(|k| &self.stack[k])) {
                Some(id) => Section::Symbol(id, s.clone()),
                None => Section::Artifact(ArtifactKind::Layout),
            },
            Some(Mark::Artifact(kind)) => Section::Artifact(*kind),
            _ => Section::Artifact(ArtifactKind::Layout),
        }
    }

    /// Opens the marked sequence `item` belongs to, unless it is already open.
    fn mark(&mut self, surface: &mut Surface, item: &Item, page: usize) {
        let section = self.section(item);
        if let (Section::Content(id, true), Item::Glyphs(run)) = (&section, item) {
            self.first
                .entry(*id)
                .or_insert((page, run.x, run.y - run.size));
        }
        if self.open.as_ref() == Some(&section) {
            return;
        }
        self.close(surface);
        let identifier = match &section {
            Section::Content(_, true) => surface.start_tagged(ContentTag::Span(SpanTag::empty())),
            Section::Content(_, false) => surface.start_tagged(ContentTag::Other),
            Section::Symbol(_, text) => surface.start_tagged(ContentTag::Span(
                SpanTag::empty().with_actual_text(Some(text)),
            )),
            Section::Artifact(kind) => {
                surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(match kind {
                    ArtifactKind::PageNumber => ArtifactType::PageNumber,
                    ArtifactKind::Pagination => ArtifactType::PaginationOther,
                    ArtifactKind::Layout => ArtifactType::Layout,
                })))
            }
        };
        if let Section::Content(id, _) | Section::Symbol(id, _) = &section {
            self.ids.entry(*id).or_default().push(identifier);
        }
        self.open = Some(section);
    }

    /// Closes the open marked sequence.
    fn close(&mut self, surface: &mut Surface) {
        if self.open.take().is_some() {
            surface.end_tagged();
        }
    }
}

/// Maps every glyph that has text of its own somewhere in the layout to that text
/// in krilla's ToUnicode table, before any page is drawn: the glyphs are drawn once
/// into a stream that is thrown away, so nothing of it reaches the file but the
/// mapping. A glyph of a cluster that could not be split then never claims the whole
/// cluster's text (see the module comment). A glyph met with different texts keeps
/// the first.
pub(super) fn seed_text_map(
    surface: &mut Surface,
    layout: &Layout,
    prepared: &[Vec<Vec<TextGlyph>>],
    fonts: &PdfFonts,
) {
    let mut text = String::new();
    let mut seeds: [Vec<TextGlyph>; 4] = Default::default();
    let mut seen: [std::collections::HashSet<u16>; 4] = Default::default();
    for (page, glyph_lists) in layout.pages.iter().zip(prepared) {
        for (item, glyphs) in page.items.iter().zip(glyph_lists) {
            let Item::Glyphs(run) = item else { continue };
            for (i, g) in glyphs.iter().enumerate() {
                let shared = (i > 0 && glyphs[i - 1].own == g.own)
                    || glyphs.get(i + 1).is_some_and(|n| n.own == g.own);
                if shared || g.own.is_empty() || !seen[run.font as usize].insert(g.id) {
                    continue;
                }
                let from = text.len();
                if g.id == 0 {
                    // The glyph the font draws for characters it lacks stands for
                    // none of them: mapped to U+FFFD, each use gets an /ActualText
                    // span with the characters it replaces.
                    text.push('\u{FFFD}');
                } else {
                    text.push_str(&run.text[g.own.clone()]);
                }
                seeds[run.font as usize].push(TextGlyph {
                    id: g.id,
                    text: from..text.len(),
                    own: from..text.len(),
                    x_advance: 0.5,
                    x_offset: 0.0,
                    y_offset: 0.0,
                });
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

impl krilla::text::Glyph for TextGlyph {
    fn glyph_id(&self) -> GlyphId {
        GlyphId::new(u32::from(self.id))
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
/// ranges to the run's text so a bad range can never panic inside krilla.
fn text_glyphs(run: &GlyphRun) -> Vec<TextGlyph> {
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
    let size = if run.size > 0.0 { run.size } else { 1.0 };
    run.glyphs
        .iter()
        .map(|g| TextGlyph {
            id: g.id,
            text: clamp(&g.text),
            own: clamp(&g.text),
            x_advance: g.x_advance / size,
            x_offset: g.x_offset / size,
            y_offset: g.y_offset / size,
        })
        .collect()
}

/// Where a glyph run is cut into pieces for tagged PDF: after each cluster that
/// krilla writes as an `/ActualText` span (glyphs sharing a text range, or the
/// glyph drawn for a missing character), and at the end. Each piece is its own
/// marked sequence, because poppler's structure reader ends a sequence at the
/// first end of marked content inside it (it counts only the begin operators that
/// carry an MCID), and would lose the rest of the run. Cuts fall where krilla
/// starts a new text position anyway, so the page looks the same.
fn pieces(glyphs: &[TextGlyph]) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut i = 0;
    while i < glyphs.len() {
        let range = &glyphs[i].text;
        let end = i + glyphs[i..].iter().take_while(|g| &g.text == range).count();
        if end - i > 1 || glyphs[i].id == 0 {
            cuts.push(end);
        }
        i = end;
    }
    if cuts.last() != Some(&glyphs.len()) {
        cuts.push(glyphs.len());
    }
    cuts
}

/// Draws glyphs of a run in black, filled, the first at `x`.
fn glyphs(surface: &mut Surface, run: &GlyphRun, x: f32, glyphs: &[TextGlyph], fonts: &PdfFonts) {
    if glyphs.is_empty() || run.size <= 0.0 {
        return;
    }
    let Some(font) = fonts.get(run.font) else {
        return;
    };
    surface.set_stroke(None);
    surface.set_fill(Some(Fill::default()));
    surface.draw_glyphs(
        Point::from_xy(x, run.y),
        glyphs,
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
