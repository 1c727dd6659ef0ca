//! Which characters each glyph stands for, so that every glyph gets its own entry in
//! the font's ToUnicode map.
//!
//! The typesetter hands over glyphs grouped in clusters: a Thai consonant with its
//! vowels and tone marks shares one text range (ที่ is three glyphs for three
//! characters). Written as it is, krilla would map the cluster's first glyph to the
//! whole cluster and wrap the cluster in an `/ActualText` span, which PDF.js and
//! pdfminer ignore: they lose every mark. So a cluster is split here, glyph by glyph:
//!
//! 1. [`GlyphChars`] knows, for each glyph of a font, the character(s) it draws: the
//!    reverse of the font's `cmap`, the de-facto standard Thai private-use code points
//!    (U+F700–U+F71A: tone marks shifted low or left, ฐ and ญ without their tails),
//!    and the source glyph of every single substitution and ligature in `GSUB` (so
//!    the low tone mark of กุ้ and the tailless ญ of ญู are known as ้ and ญ);
//! 2. each glyph of a cluster is matched with an unused character of the cluster's
//!    text that it draws;
//! 3. marks drawn at the same pen position (zero advance) are put in the order of the
//!    text (the font's `GSUB` draws the tone mark of กุ้ before the vowel below), which
//!    changes nothing on the page;
//! 4. สระอำ, which shaping draws as nikhahit + sara aa around the tone mark (น้ำ is
//!    น, ํ, ้, า), becomes the font's own ำ glyph when that glyph is exactly those two
//!    drawn together, so ำ is copied out as ำ, after the tone mark.
//!
//! 5. marks are drawn in the font's shifted ("left") form where the shaper moved the
//!    plain form sideways, so that readers placing characters by their origin see no
//!    gap (see [`place_marks`]); and the embedded font gives marks a small width
//!    (see [`with_mark_widths`]).
//!
//! A cluster that cannot be split this way (a glyph the tables do not know, an ำ
//! whose ring was moved) keeps its shared range, and krilla writes its text as one
//! `/ActualText` span. A split cluster's base and marks are also wrapped in an
//! `/ActualText` span of their own text, for poppler (`pdftotext`, both modes): it
//! takes a character that starts within 0.1 em of the previous one's start for a
//! duplicate (fake bold) and ends the word there, which a mark always does (a mark
//! starts where its base ends, and the next letter where the mark starts); its
//! layout mode then puts a space at every such break that a justified gap of more
//! than 0.03 em follows. Inside the span poppler sees one character as wide as the
//! base. Every glyph still has its own ToUnicode entry, so readers that ignore
//! `/ActualText` (PDF.js, pdfminer) read the same text.
//!
//! A space that follows the marks is taken into the span: poppler measures the gap
//! after a word from where the word's last character ends, here the base's start
//! plus the span's glyphs up to the last mark's box ([`MARK_WIDTH`] from where the
//! mark is drawn, which the font may move right of the base); `pdftotext -raw`
//! writes no space for a gap under 0.15 em, and a space narrowed by justification
//! after a mark moved right (นี้ ) comes to less. Inside the span the space is one
//! of its characters, so every reader that follows `/ActualText` keeps it.
//!
//! The span ends with the cluster's last mark (or that space): a glyph after the
//! marks (the ำ of น้ำ) is written outside. PDF.js takes a mark (Unicode category Mn) to have no width
//! whatever the font says, so after a mark its pen stands [`MARK_WIDTH`] left of
//! the true one until the next text matrix; a letter drawn there and the gap to
//! the next span would add up to more than its space threshold (0.102 em). Every
//! span starts with a text matrix of its own, so ending the span at the mark puts
//! PDF.js's pen right again before the next letter.

use std::ops::Range;

use rustybuzz::ttf_parser::{self, GlyphId as TtfGlyph};

/// Thai sara am (ำ).
const SARA_AM: char = '\u{0E33}';
/// Thai nikhahit (ํ), the ring of ำ.
const NIKHAHIT: char = '\u{0E4D}';
/// Thai sara aa (า), the stroke of ำ.
const SARA_AA: char = '\u{0E32}';

/// Most glyphs one cluster may have to be split (Thai needs at most four).
const MAX_CLUSTER: usize = 8;

/// The Thai characters drawn by the private-use code points U+F700–U+F71A, the
/// layout every Thai font that has them follows (tone marks low or left, vowels
/// left, ฐ and ญ without their tails).
const THAI_PUA: [(u32, char); 27] = [
    (0xF700, 'ฐ'),
    (0xF701, 'ิ'),
    (0xF702, 'ี'),
    (0xF703, 'ึ'),
    (0xF704, 'ื'),
    (0xF705, '่'),
    (0xF706, '้'),
    (0xF707, '๊'),
    (0xF708, '๋'),
    (0xF709, '์'),
    (0xF70A, '่'),
    (0xF70B, '้'),
    (0xF70C, '๊'),
    (0xF70D, '๋'),
    (0xF70E, '์'),
    (0xF70F, 'ญ'),
    (0xF710, 'ั'),
    (0xF711, 'ํ'),
    (0xF712, '็'),
    (0xF713, '่'),
    (0xF714, '้'),
    (0xF715, '๊'),
    (0xF716, '๋'),
    (0xF717, '์'),
    (0xF718, 'ุ'),
    (0xF719, 'ู'),
    (0xF71A, 'ฺ'),
];

/// The text each glyph of one font draws.
pub(super) struct GlyphChars {
    /// By glyph id: the character(s), if known.
    text: Vec<Option<Box<str>>>,
    /// The ำ glyph, when it is exactly the nikhahit and sara aa glyphs drawn at one
    /// pen position: (ำ, nikhahit, sara aa).
    sara_am: Option<(u16, u16, u16)>,
    /// Marks (no advance) by glyph id: other glyphs of the same mark whose outline is
    /// the same moved sideways, with the move in em (the "left" forms for tall
    /// consonants).
    shifted: Vec<(u16, u16, f32)>,
    /// Glyphs that take no advance (marks).
    marks: Vec<bool>,
}

impl GlyphChars {
    /// Reads the tables of `face`.
    pub(super) fn new(face: &ttf_parser::Face) -> GlyphChars {
        let count = face.number_of_glyphs() as usize;
        let mut text: Vec<Option<Box<str>>> = vec![None; count];
        let set = |text: &mut Vec<Option<Box<str>>>, gid: u16, s: &str| {
            if let Some(slot) = text.get_mut(gid as usize) {
                if slot.is_none() {
                    *slot = Some(s.into());
                }
            }
        };

        // 1. The cmap, private-use code points last (a glyph reachable both ways
        //    keeps its real character).
        let mut pua = Vec::new();
        if let Some(cmap) = face.tables().cmap {
            for subtable in cmap.subtables {
                if !subtable.is_unicode() {
                    continue;
                }
                let mut seen = 0u32;
                subtable.codepoints(|cp| {
                    seen += 1;
                    if seen > 200_000 {
                        return;
                    }
                    let (Some(c), Some(gid)) = (char::from_u32(cp), subtable.glyph_index(cp))
                    else {
                        return;
                    };
                    if (0xE000..=0xF8FF).contains(&cp) {
                        pua.push((cp, gid.0));
                    } else if !c.is_control() {
                        let mut buf = [0u8; 4];
                        set(&mut text, gid.0, c.encode_utf8(&mut buf));
                    }
                });
            }
        }
        for (cp, gid) in pua {
            if let Some(&(_, c)) = THAI_PUA.iter().find(|(p, _)| *p == cp) {
                let mut buf = [0u8; 4];
                set(&mut text, gid, c.encode_utf8(&mut buf));
            }
        }

        // 2. GSUB: a substitute draws what its source draws; a ligature draws its
        //    components. Repeated so that chains of substitutions resolve.
        if let Some(gsub) = face.tables().gsub {
            for _ in 0..4 {
                let mut changed = false;
                for lookup in gsub.lookups {
                    for index in 0..lookup.subtables.len() {
                        use ttf_parser::gsub::SubstitutionSubtable as S;
                        let Some(subtable) = lookup.subtables.get::<S>(index) else {
                            continue;
                        };
                        changed |= derive(&mut text, subtable, count);
                    }
                }
                if !changed {
                    break;
                }
            }
        }

        let sara_am = sara_am_glyph(face);
        let marks: Vec<bool> = (0..count)
            .map(|g| face.glyph_hor_advance(TtfGlyph(g as u16)) == Some(0))
            .collect();
        let shifted = shifted_forms(face, &text, &marks);
        GlyphChars {
            text,
            sara_am,
            shifted,
            marks,
        }
    }

    /// Whether glyph `gid` takes no advance of its own (a mark).
    pub(super) fn is_mark(&self, gid: u16) -> bool {
        self.marks.get(gid as usize).copied().unwrap_or(false)
    }

    /// The form of mark `gid` drawn with offset `x_offset` (em) that needs the
    /// smallest offset: the same glyph, or one of its shifted forms.
    fn least_offset(&self, gid: u16, x_offset: f32) -> (u16, f32) {
        self.shifted
            .iter()
            .filter(|(from, _, _)| *from == gid)
            .map(|&(_, to, dx)| (to, x_offset - dx))
            .fold((gid, x_offset), |best, cand| {
                if cand.1.abs() + 1e-6 < best.1.abs() {
                    cand
                } else {
                    best
                }
            })
    }

    /// The text glyph `gid` draws, if known.
    fn of(&self, gid: u16) -> Option<&str> {
        self.text.get(gid as usize)?.as_deref()
    }
}

/// Fills in the text of the glyphs one GSUB subtable produces from glyphs whose
/// text is known. Returns whether anything was added.
fn derive(
    text: &mut [Option<Box<str>>],
    subtable: ttf_parser::gsub::SubstitutionSubtable,
    count: usize,
) -> bool {
    use ttf_parser::gsub::{SingleSubstitution, SubstitutionSubtable as S};
    let mut added = Vec::<(u16, Box<str>)>::new();
    let known = |text: &[Option<Box<str>>], g: u16| text.get(g as usize).cloned().flatten();
    let unknown =
        |text: &[Option<Box<str>>], g: u16| text.get(g as usize).is_some_and(|slot| slot.is_none());
    let coverage = match &subtable {
        S::Single(s) => s.coverage(),
        S::Alternate(s) => s.coverage,
        S::Ligature(s) => s.coverage,
        _ => return false,
    };
    for g in 0..count.min(u16::MAX as usize) as u16 {
        let Some(index) = coverage.get(TtfGlyph(g)) else {
            continue;
        };
        match &subtable {
            S::Single(single) => {
                let out = match single {
                    SingleSubstitution::Format1 { delta, .. } => {
                        Some(TtfGlyph((i32::from(g) + i32::from(*delta)) as u16))
                    }
                    SingleSubstitution::Format2 { substitutes, .. } => substitutes.get(index),
                };
                if let (Some(out), Some(src)) = (out, known(text, g)) {
                    if unknown(text, out.0) {
                        added.push((out.0, src));
                    }
                }
            }
            S::Alternate(alt) => {
                let (Some(set), Some(src)) = (alt.alternate_sets.get(index), known(text, g)) else {
                    continue;
                };
                for out in set.alternates {
                    if unknown(text, out.0) {
                        added.push((out.0, src.clone()));
                    }
                }
            }
            S::Ligature(lig) => {
                let Some(set) = lig.ligature_sets.get(index) else {
                    continue;
                };
                for ligature in set {
                    if !unknown(text, ligature.glyph.0) {
                        continue;
                    }
                    let mut s = match known(text, g) {
                        Some(first) => first.to_string(),
                        None => continue,
                    };
                    let mut whole = true;
                    for component in ligature.components {
                        match known(text, component.0) {
                            Some(t) => s.push_str(&t),
                            None => whole = false,
                        }
                    }
                    if whole {
                        added.push((ligature.glyph.0, s.into()));
                    }
                }
            }
            _ => {}
        }
    }
    let changed = !added.is_empty();
    for (g, s) in added {
        if let Some(slot) = text.get_mut(g as usize) {
            if slot.is_none() {
                *slot = Some(s);
            }
        }
    }
    changed
}

/// The nominal width (em) given to marks in the embedded font's metrics, see
/// [`with_mark_widths`].
pub(super) const MARK_WIDTH: f32 = 0.065;

/// A copy of the font file in which every glyph that takes no advance (a mark) has
/// an advance of [`MARK_WIDTH`] instead. krilla writes the PDF font's widths from
/// this copy and cancels the width with a position adjustment after each mark, so
/// every mark is drawn exactly where it was; but readers that place characters by
/// their boxes (pdfminer, PDFium) then see a mark as a narrow box over its letter,
/// not a point: marks stacked a little apart (the ั and ้ of ตั้ง) overlap and stay
/// on one line, and a mark pulled left does not leave a gap before the next letter.
/// `None` when the file has no metrics to change.
pub(super) fn with_mark_widths(bytes: &[u8], index: u32) -> Option<Vec<u8>> {
    let face = ttf_parser::Face::parse(bytes, index).ok()?;
    let hmtx = face
        .raw_face()
        .table(ttf_parser::Tag::from_bytes(b"hmtx"))?;
    let metrics = face.tables().hmtx?.number_of_metrics as usize;
    let start = (hmtx.as_ptr() as usize).checked_sub(bytes.as_ptr() as usize)?;
    if start + metrics * 4 > bytes.len() || metrics * 4 > hmtx.len() {
        return None;
    }
    let width = (MARK_WIDTH * f32::from(face.units_per_em())).round() as u16;
    let mut out = bytes.to_vec();
    let mut changed = false;
    for g in 0..metrics {
        let at = start + g * 4;
        let has_outline = face.glyph_bounding_box(TtfGlyph(g as u16)).is_some();
        if out[at] == 0 && out[at + 1] == 0 && has_outline {
            out[at..at + 2].copy_from_slice(&width.to_be_bytes());
            changed = true;
        }
    }
    changed.then_some(out)
}

/// Records every pair of marks that draw the same character with the same outline,
/// one moved sideways from the other: (from, to, move in em).
fn shifted_forms(
    face: &ttf_parser::Face,
    text: &[Option<Box<str>>],
    marks: &[bool],
) -> Vec<(u16, u16, f32)> {
    let upem = f32::from(face.units_per_em().max(1));
    let mut by_text: Vec<(&str, Vec<u16>)> = Vec::new();
    for (g, t) in text.iter().enumerate() {
        let Some(t) = t.as_deref() else { continue };
        if !marks[g] || t.chars().count() != 1 {
            continue;
        }
        match by_text.iter_mut().find(|(k, _)| *k == t) {
            Some((_, list)) => list.push(g as u16),
            None => by_text.push((t, vec![g as u16])),
        }
    }
    let mut out = Vec::new();
    for (_, glyphs) in by_text {
        if glyphs.len() < 2 || glyphs.len() > 16 {
            continue;
        }
        let outlines: Vec<Vec<(f32, f32)>> = glyphs
            .iter()
            .map(|&g| {
                let mut points = Points(Vec::new());
                face.outline_glyph(TtfGlyph(g), &mut points);
                points.0
            })
            .collect();
        for (i, a) in outlines.iter().enumerate() {
            for (j, b) in outlines.iter().enumerate() {
                if i == j || a.is_empty() || a.len() != b.len() {
                    continue;
                }
                let dx = b[0].0 - a[0].0;
                let moved =
                    dx != 0.0 && a.iter().zip(b).all(|(p, q)| q.0 - p.0 == dx && q.1 == p.1);
                if moved {
                    out.push((glyphs[i], glyphs[j], dx / upem));
                }
            }
        }
    }
    out
}

/// The points of an outline, in order (enough to tell whether two outlines are one
/// moved).
struct Points(Vec<(f32, f32)>);

impl ttf_parser::OutlineBuilder for Points {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.push((x, y));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.push((x, y));
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.extend([(x1, y1), (x, y)]);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.extend([(x1, y1), (x2, y2), (x, y)]);
    }
    fn close(&mut self) {}
}

/// The font's ำ glyph, when it draws exactly what nikhahit and sara aa draw at one
/// pen position (same advance as sara aa, outline box the union of theirs).
fn sara_am_glyph(face: &ttf_parser::Face) -> Option<(u16, u16, u16)> {
    let am = face.glyph_index(SARA_AM)?;
    let ring = face.glyph_index(NIKHAHIT)?;
    let aa = face.glyph_index(SARA_AA)?;
    if am == aa || am == ring {
        return None;
    }
    let (b_am, b_ring, b_aa) = (
        face.glyph_bounding_box(am)?,
        face.glyph_bounding_box(ring)?,
        face.glyph_bounding_box(aa)?,
    );
    let same_box = b_am.x_min == b_ring.x_min.min(b_aa.x_min)
        && b_am.x_max == b_ring.x_max.max(b_aa.x_max)
        && b_am.y_min == b_ring.y_min.min(b_aa.y_min)
        && b_am.y_max == b_ring.y_max.max(b_aa.y_max);
    let same_advance = face.glyph_hor_advance(am) == face.glyph_hor_advance(aa)
        && face.glyph_hor_advance(ring) == Some(0);
    (same_box && same_advance).then_some((am.0, ring.0, aa.0))
}

/// A glyph as krilla draws it: metrics per unit of font size, `text` a byte range of
/// the run's text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TextGlyph {
    /// Glyph id.
    pub id: u16,
    /// The text krilla is given for the glyph: its own, or the whole cluster's when
    /// the cluster is written as one `/ActualText` span.
    pub text: Range<usize>,
    /// The text the glyph draws alone, for the ToUnicode map (the cluster's when the
    /// cluster could not be split).
    pub own: Range<usize>,
    /// Advance, em.
    pub x_advance: f32,
    /// Horizontal offset, em.
    pub x_offset: f32,
    /// Vertical offset, em (up positive).
    pub y_offset: f32,
}

/// Splits every cluster of `glyphs` (glyphs sharing a text range, in visual order)
/// into glyphs with their own text where it can (see the module comment).
pub(super) fn split_clusters(
    text: &str,
    glyphs: Vec<TextGlyph>,
    chars: &GlyphChars,
) -> Vec<TextGlyph> {
    let mut out = Vec::with_capacity(glyphs.len());
    let mut start = 0;
    while start < glyphs.len() {
        let range = glyphs[start].text.clone();
        let end = start
            + glyphs[start..]
                .iter()
                .take_while(|g| g.text == range)
                .count();
        let cluster = &glyphs[start..end];
        match (cluster.len() > 1)
            .then(|| split(text, cluster, chars))
            .flatten()
        {
            Some(mut split) => {
                place_marks(&mut split, chars);
                for g in &mut split {
                    g.text = g.own.clone();
                }
                // The base and the marks that follow it form one /ActualText span
                // (see the module comment); a glyph after them (the ำ of น้ำ) stays
                // out of it. Each glyph keeps its own ToUnicode entry either way.
                let marks = split[1..]
                    .iter()
                    .take_while(|g| chars.is_mark(g.id))
                    .count();
                let mut next = end;
                if marks > 0 {
                    let mut span = split[0].own.start..split[marks].own.end;
                    // A space right after the marks joins the span (see the module
                    // comment).
                    let space = glyphs.get(end).filter(|g| {
                        marks + 1 == split.len()
                            && g.text.start == span.end
                            && text.get(g.text.clone()) == Some(" ")
                    });
                    if let Some(space) = space {
                        span.end = space.text.end;
                        split.push(space.clone());
                        next = end + 1;
                    }
                    for g in &mut split[..=marks] {
                        g.text = span.clone();
                    }
                    if let Some(space) = split.get_mut(marks + 1).filter(|_| next > end) {
                        space.text = span.clone();
                    }
                }
                out.extend(split);
                start = next;
                continue;
            }
            None => out.extend_from_slice(cluster),
        }
        start = end;
    }
    out
}

/// Splits one cluster of several glyphs, or `None` when it cannot be done exactly.
fn split(text: &str, cluster: &[TextGlyph], chars: &GlyphChars) -> Option<Vec<TextGlyph>> {
    let range = cluster[0].text.clone();
    let source = text.get(range.clone())?;
    let cs: Vec<(usize, char)> = source
        .char_indices()
        .map(|(i, c)| (range.start + i, c))
        .collect();
    if cluster.len() > MAX_CLUSTER || cs.len() > MAX_CLUSTER {
        return None;
    }
    let char_end = |j: usize| cs.get(j + 1).map_or(range.end, |&(o, _)| o);
    let mut used = [false; MAX_CLUSTER];
    let mut out: Vec<TextGlyph> = Vec::with_capacity(cluster.len());
    // Index in `out` of the nikhahit drawn for an ำ, waiting for its sara aa.
    let mut ring: Option<(usize, usize)> = None;

    for g in cluster {
        let want = chars.of(g.id)?;
        let n = want.chars().count();
        let found = (0..cs.len()).find(|&j| {
            j + n <= cs.len()
                && used[j..j + n].iter().all(|u| !u)
                && cs[j..j + n].iter().map(|&(_, c)| c).eq(want.chars())
        });
        if let Some(j) = found {
            used[j..j + n].iter_mut().for_each(|u| *u = true);
            out.push(TextGlyph {
                own: cs[j].0..char_end(j + n - 1),
                ..g.clone()
            });
            continue;
        }
        // Not a character of the text: the two halves of an ำ.
        let am = (0..cs.len()).find(|&j| !used[j] && cs[j].1 == SARA_AM);
        let (am_glyph, ring_glyph, aa_glyph) = chars.sara_am?;
        match (want, am, ring) {
            (w, Some(j), None) if w.starts_with(NIKHAHIT) && g.id == ring_glyph => {
                // The ring must sit exactly where the ำ glyph draws it, and take no room.
                if g.x_advance != 0.0 || g.x_offset.abs() > 1e-3 || g.y_offset.abs() > 1e-3 {
                    return None;
                }
                ring = Some((out.len(), j));
                out.push(g.clone());
            }
            (w, Some(j), Some((at, rj))) if w.starts_with(SARA_AA) && g.id == aa_glyph => {
                if rj != j || g.x_offset.abs() > 1e-3 || g.y_offset.abs() > 1e-3 {
                    return None;
                }
                used[j] = true;
                out.remove(at);
                ring = None;
                out.push(TextGlyph {
                    id: am_glyph,
                    own: cs[j].0..char_end(j),
                    ..g.clone()
                });
            }
            _ => return None,
        }
    }
    if ring.is_some() || used[..cs.len()].iter().any(|u| !u) {
        return None;
    }
    // Marks after the first glyph drawn at one pen position follow the text's order;
    // the advance (space added by justification) moves to whichever is last.
    let tail = &mut out[1..];
    if tail.len() > 1 && tail[..tail.len() - 1].iter().all(|g| g.x_advance == 0.0) {
        let advance: f32 = tail.iter().map(|g| g.x_advance).sum();
        tail.sort_by_key(|g| g.own.start);
        let last = tail.len() - 1;
        for (i, g) in tail.iter_mut().enumerate() {
            g.x_advance = if i == last { advance } else { 0.0 };
        }
    }
    out.windows(2)
        .all(|w| w[0].own.end <= w[1].own.start)
        .then_some(out)
}

/// Offsets below this (em) are rounding in the font's positioning: 0.03 pt at 16 pt.
const SNAP: f32 = 0.002;

/// Draws each mark of a split cluster in the form that needs the least sideways
/// offset (a tall consonant's vowel in the font's "left" form instead of the plain
/// form moved left), and gives marks stacked at one pen position one offset when
/// they differ by rounding only. The page looks the same (to 0.002 em); readers that
/// place characters by their origin then see the marks where the base letter ends,
/// not a gap before the next letter, nor two lines where marks stack.
fn place_marks(cluster: &mut [TextGlyph], chars: &GlyphChars) {
    let mut prev: Option<f32> = None;
    for g in cluster.iter_mut() {
        if !chars.is_mark(g.id) || g.y_offset != 0.0 {
            prev = None;
            continue;
        }
        let (id, offset) = chars.least_offset(g.id, g.x_offset);
        g.id = id;
        g.x_offset = offset;
        if g.x_offset.abs() <= SNAP {
            g.x_offset = 0.0;
        }
        if let Some(p) = prev {
            if (g.x_offset - p).abs() <= SNAP {
                g.x_offset = p;
            }
        }
        prev = (g.x_advance == 0.0).then_some(g.x_offset);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::fonts::{FontId, Fonts};
    use crate::typeset::shape::Shaper;

    /// Shapes `text` in the built-in regular font and splits its clusters.
    fn split_text(text: &str) -> Vec<(u16, String, f32)> {
        let fonts = Fonts::builtin();
        let chars = GlyphChars::new(&fonts.get(FontId::Regular).face());
        let mut shaper = Shaper::new(&fonts);
        let shaped = shaper.shape(text, FontId::Regular, 16.0);
        let glyphs: Vec<TextGlyph> = shaped
            .iter()
            .map(|g| {
                let end = shaped
                    .iter()
                    .map(|o| o.cluster)
                    .filter(|&c| c > g.cluster)
                    .min()
                    .unwrap_or(text.len());
                TextGlyph {
                    id: g.id,
                    text: g.cluster..end,
                    own: g.cluster..end,
                    x_advance: g.x_advance / 16.0,
                    x_offset: g.x_offset / 16.0,
                    y_offset: g.y_offset / 16.0,
                }
            })
            .collect();
        split_clusters(text, glyphs, &chars)
            .into_iter()
            .map(|g| (g.id, text[g.own].to_string(), g.x_offset))
            .collect()
    }

    fn texts(split: &[(u16, String, f32)]) -> Vec<&str> {
        split.iter().map(|(_, t, _)| t.as_str()).collect()
    }

    #[test]
    fn every_glyph_gets_its_own_character_in_text_order() {
        // stacked marks, a tone mark the font draws before the vowel below (กุ้),
        // a tailless ญ
        let split = split_text("ที่กุ้งญู");
        assert_eq!(texts(&split), ["ท", "ี", "่", "ก", "ุ", "้", "ง", "ญ", "ู"]);
    }

    #[test]
    fn sara_am_is_one_glyph_after_the_tone_mark() {
        let fonts = Fonts::builtin();
        let face = fonts.get(FontId::Regular).face();
        let am = face.glyph_index(SARA_AM).unwrap().0;
        let split = split_text("น้ำนำ");
        assert_eq!(texts(&split), ["น", "้", "ำ", "น", "ำ"]);
        assert_eq!(split[2].0, am);
        assert_eq!(split[4].0, am);
    }

    #[test]
    fn marks_pulled_left_use_the_left_forms() {
        // ปี่: the font moves ี and ่ 0.124 em left over ป; its "left" forms are
        // the same outlines already moved, so no offset is left to draw.
        let split = split_text("ปี่");
        assert_eq!(texts(&split), ["ป", "ี", "่"]);
        assert!(
            split[1..].iter().all(|(_, _, off)| off.abs() <= SNAP),
            "{split:?}"
        );
        let fonts = Fonts::builtin();
        let face = fonts.get(FontId::Regular).face();
        assert_ne!(split[1].0, face.glyph_index('ี').unwrap().0);
    }

    #[test]
    fn a_glyph_the_tables_do_not_know_keeps_the_cluster() {
        let fonts = Fonts::builtin();
        let chars = GlyphChars::new(&fonts.get(FontId::Regular).face());
        let glyphs = vec![
            TextGlyph {
                id: 9999,
                text: 0..6,
                own: 0..6,
                x_advance: 0.5,
                x_offset: 0.0,
                y_offset: 0.0,
            },
            TextGlyph {
                id: 9999,
                text: 0..6,
                own: 0..6,
                x_advance: 0.0,
                x_offset: 0.0,
                y_offset: 0.0,
            },
        ];
        let out = split_clusters("ที", glyphs.clone(), &chars);
        assert_eq!(out, glyphs);
    }
}
