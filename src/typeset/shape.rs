//! Shaping with rustybuzz: text in one font and size becomes glyphs with advances,
//! offsets and the byte offset (cluster) of the text each glyph stands for.
//!
//! Thai runs are shaped with script Thai and language `th`; other runs let rustybuzz
//! guess. Results are cached per (font, size, text) for the length of one `typeset`
//! call, so a line of dots or a repeated label is shaped once.

use std::collections::HashMap;
use std::sync::Arc;

use rustybuzz::{Face, ShapePlan, UnicodeBuffer};

use super::fonts::{FontId, Fonts};

/// One shaped glyph, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapedGlyph {
    /// Glyph id (0 = the font lacks the character).
    pub id: u16,
    /// Advance in points.
    pub x_advance: f32,
    /// Horizontal offset in points.
    pub x_offset: f32,
    /// Vertical offset in points (up is positive).
    pub y_offset: f32,
    /// Byte offset in the shaped text of the cluster this glyph belongs to.
    pub cluster: usize,
}

/// Vertical metrics of a font at 1 pt (OS/2 typographic, else hhea).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VMetrics {
    /// Ascender (positive).
    pub ascent: f32,
    /// Descender (positive, below the baseline).
    pub descent: f32,
    /// Line gap.
    pub line_gap: f32,
}

/// What a shape plan depends on besides the font (the language is always `th` for
/// Thai runs and unset otherwise).
#[derive(Debug, Clone, Copy, PartialEq)]
struct PlanKey {
    direction: rustybuzz::Direction,
    script: rustybuzz::Script,
    thai: bool,
}

/// Shaped glyphs of one font and size, by text.
type ByText = HashMap<String, Arc<Vec<ShapedGlyph>>>;

/// Shapes text in the four styles of a family, with a cache.
pub struct Shaper<'f> {
    faces: Vec<(FontId, Face<'f>)>,
    /// Shape plans by font and buffer properties: making a plan costs more than
    /// shaping a line, and a document needs only a handful.
    plans: Vec<(FontId, PlanKey, ShapePlan)>,
    /// Shaped text by (font, size bits), then by text (looked up without allocating).
    cache: HashMap<(FontId, u32), ByText>,
}

/// Whether a character belongs to the Thai block.
pub fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

impl<'f> Shaper<'f> {
    /// A shaper over a loaded family.
    pub fn new(fonts: &'f Fonts) -> Shaper<'f> {
        let faces = FontId::ALL
            .iter()
            .map(|&id| (id, fonts.get(id).face()))
            .collect();
        Shaper {
            faces,
            plans: Vec::new(),
            cache: HashMap::new(),
        }
    }

    fn face(&self, font: FontId) -> &Face<'f> {
        &self
            .faces
            .iter()
            .find(|(id, _)| *id == font)
            .expect("all four styles are loaded")
            .1
    }

    /// Vertical metrics of `font` for a 1 pt size.
    pub fn vmetrics(&self, font: FontId) -> VMetrics {
        let face = self.face(font);
        let upem = face.units_per_em() as f32;
        // Prefer the OS/2 typographic metrics (what the design means by a line);
        // hhea's often include room for stacked marks that Word does not use.
        let (ascent, descent, gap) = match (
            face.typographic_ascender(),
            face.typographic_descender(),
            face.typographic_line_gap(),
        ) {
            (Some(a), Some(d), Some(g)) if a > 0 => (a, d, g),
            _ => (face.ascender(), face.descender(), face.line_gap()),
        };
        VMetrics {
            ascent: ascent as f32 / upem,
            descent: -(descent as f32) / upem,
            line_gap: gap as f32 / upem,
        }
    }

    /// How far the ink of `text` in `font` reaches above and below the baseline, for
    /// a 1 pt size (both positive; marks counted where shaping puts them).
    pub fn ink_extent(&mut self, text: &str, font: FontId) -> (f32, f32) {
        const SIZE: f32 = 1000.0;
        let glyphs = self.shape(text, font, SIZE);
        let face = self.face(font);
        let scale = 1.0 / face.units_per_em() as f32;
        let (mut above, mut below) = (0.0f32, 0.0f32);
        for g in glyphs.iter() {
            if let Some(bb) = face.glyph_bounding_box(rustybuzz::ttf_parser::GlyphId(g.id)) {
                let y = g.y_offset / SIZE;
                above = above.max(bb.y_max as f32 * scale + y);
                below = below.max(-(bb.y_min as f32 * scale + y));
            }
        }
        (above, below)
    }

    /// Shapes `text` in `font` at `size` points. Thai and non-Thai stretches are shaped
    /// separately (script Thai + language th for the former); spaces, digits and
    /// punctuation stay with the stretch they follow.
    pub fn shape(&mut self, text: &str, font: FontId, size: f32) -> Arc<Vec<ShapedGlyph>> {
        let by_text = self.cache.entry((font, size.to_bits())).or_default();
        if let Some(hit) = by_text.get(text) {
            return hit.clone();
        }
        let mut out = Vec::with_capacity(text.len() / 2);
        for (start, end, thai) in script_runs(text) {
            // the spaces and digits that follow a right-to-left word are not part
            // of it: they keep their place after it
            let run = &text[start..end];
            let body = run.trim_end_matches(|c: char| !c.is_alphabetic()).len();
            if !thai && body > 0 && body < run.len() && run.chars().any(is_right_to_left) {
                self.shape_run(&run[..body], start, thai, font, size, &mut out);
                self.shape_run(&run[body..], start + body, thai, font, size, &mut out);
            } else {
                self.shape_run(run, start, thai, font, size, &mut out);
            }
        }
        let out = Arc::new(out);
        self.cache
            .entry((font, size.to_bits()))
            .or_default()
            .insert(text.to_string(), out.clone());
        out
    }

    fn shape_run(
        &mut self,
        text: &str,
        base: usize,
        thai: bool,
        font: FontId,
        size: f32,
        out: &mut Vec<ShapedGlyph>,
    ) {
        let face = &self
            .faces
            .iter()
            .find(|(id, _)| *id == font)
            .expect("all four styles are loaded")
            .1;
        let scale = size / face.units_per_em() as f32;
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        if thai {
            buffer.set_script(rustybuzz::script::THAI);
            buffer.set_direction(rustybuzz::Direction::LeftToRight);
            if let Ok(lang) = "th".parse() {
                buffer.set_language(lang);
            }
        } else {
            buffer.guess_segment_properties();
        }
        buffer.guess_segment_properties();
        let key = PlanKey {
            direction: buffer.direction(),
            script: buffer.script(),
            thai,
        };
        let index = match self
            .plans
            .iter()
            .position(|(f, k, _)| *f == font && *k == key)
        {
            Some(i) => i,
            None => {
                let language = buffer.language();
                let plan = ShapePlan::new(
                    face,
                    key.direction,
                    Some(key.script),
                    language.as_ref(),
                    &[],
                );
                self.plans.push((font, key, plan));
                self.plans.len() - 1
            }
        };
        let shaped = rustybuzz::shape_with_plan(face, &self.plans[index].2, buffer);
        // A right-to-left run (Hebrew, Arabic) comes out in visual order, its
        // clusters decreasing; every later stage relies on clusters that never
        // decrease. The run is kept in visual order as one cluster: it reads
        // right to left as one unbreakable unit, and copying it gives its text.
        let rtl = key.direction == rustybuzz::Direction::RightToLeft;
        for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
            out.push(ShapedGlyph {
                id: info.glyph_id as u16,
                x_advance: pos.x_advance as f32 * scale,
                x_offset: pos.x_offset as f32 * scale,
                y_offset: pos.y_offset as f32 * scale,
                cluster: if rtl {
                    base
                } else {
                    base + info.cluster as usize
                },
            });
        }
    }
}

/// Whether the character belongs to a right-to-left script (Hebrew, Arabic,
/// Syriac, Thaana, N'Ko and their presentation forms).
fn is_right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

/// Splits text into (start, end, is_thai) stretches. Characters that are neither Thai
/// nor letters (spaces, digits, punctuation) join the stretch they follow.
pub fn script_runs(text: &str) -> Vec<(usize, usize, bool)> {
    let mut runs: Vec<(usize, usize, bool)> = Vec::new();
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let kind = if is_thai(c) {
            Some(true)
        } else if c.is_alphabetic() {
            Some(false)
        } else {
            None
        };
        match (runs.last_mut(), kind) {
            (Some(last), None) => last.1 = end,
            (Some(last), Some(k)) if last.2 == k => last.1 = end,
            (_, k) => runs.push((i, end, k.unwrap_or(true))),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ink_extent_reports_stacked_marks_and_descending_vowels() {
        let fonts = Fonts::builtin();
        let mut s = Shaper::new(&fonts);
        let (plain_up, plain_down) = s.ink_extent("กา", FontId::Regular);
        let (up, _) = s.ink_extent("ปี่", FontId::Regular);
        let (_, down) = s.ink_extent("ฎุ", FontId::Regular);
        assert!(
            up > plain_up && down > plain_down,
            "{up} {plain_up} {down} {plain_down}"
        );
    }

    #[test]
    fn right_to_left_runs_are_one_cluster_in_visual_order() {
        let fonts = Fonts::builtin();
        let mut s = Shaper::new(&fonts);
        let text = "ก שלום ข";
        let g = s.shape(text, FontId::Regular, 16.0);
        // clusters never decrease, and the Hebrew run is one cluster at its start
        assert!(g.windows(2).all(|w| w[0].cluster <= w[1].cluster), "{g:?}");
        let hebrew = text.find('ש').unwrap();
        let run: Vec<_> = g.iter().filter(|x| x.cluster == hebrew).collect();
        assert_eq!(run.len(), 4, "{g:?}");
        // the space after it is its own cluster, before ข
        let space = hebrew + "שלום".len();
        assert!(g.iter().any(|x| x.cluster == space), "{g:?}");
    }

    #[test]
    fn script_runs_keep_neutrals_with_what_precedes() {
        let runs = script_runs("คะแนน ITA 98.85 คะแนน");
        let parts: Vec<_> = runs
            .iter()
            .map(|&(s, e, t)| (&"คะแนน ITA 98.85 คะแนน"[s..e], t))
            .collect();
        assert_eq!(
            parts,
            [("คะแนน ", true), ("ITA 98.85 ", false), ("คะแนน", true)]
        );
    }

    #[test]
    fn thai_marks_are_positioned_not_placed_one_by_one() {
        let fonts = Fonts::builtin();
        let mut s = Shaper::new(&fonts);
        let g = s.shape("ที่", FontId::Regular, 16.0);
        assert_eq!(g.len(), 3);
        // The tone mark sits above the upper vowel: shifted up or replaced by a raised form.
        assert!(g.iter().all(|g| g.id != 0));
        let plain = s.shape("ท่", FontId::Regular, 16.0);
        assert!(g[2].y_offset > plain[1].y_offset || g[2].id != plain[1].id);
        // Marks take no advance.
        assert_eq!(g[1].x_advance, 0.0);
        // Clusters point back into the text.
        assert!(g.iter().all(|g| "ที่".is_char_boundary(g.cluster)));
    }
}
