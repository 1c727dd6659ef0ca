//! The font family a document is set in: four styles (regular, bold, italic, bold
//! italic). The default is Laksaman, bundled from `fonts/` (SIPA's TH SarabunPSK
//! design, GPL-2+ with the font exception); users may point at a folder holding their
//! own TH SarabunPSK / TH Sarabun New / TH SarabunIT๙ files.
//!
//! Loading a folder is a pipeline:
//!
//! 1. **scan**: every TTF/OTF/TTC file (each face of a collection) is read and its
//!    family and style are taken from the font's own name and OS/2 tables (file
//!    names are only a fallback, as they are often renamed: "THSarabun Bold.ttf",
//!    "THSarabunIT๙ BoldItalic.ttf", "sarabun_b.ttf");
//! 2. **group**: faces are grouped by family;
//! 3. **choose**: families that have Thai letters first, among them the TH Sarabun
//!    families (TH SarabunPSK, then TH Sarabun New, then TH SarabunIT๙), then the
//!    most complete; the choice is recorded in [`Fonts::notes`], and a folder with
//!    no Thai font at all is an error (the documents would print without text);
//! 4. **fill**: a missing style falls back to the nearest one present (noted too).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rustybuzz::ttf_parser;

/// One of the four styles of the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontId {
    /// Upright, normal weight.
    Regular,
    /// Upright, bold.
    Bold,
    /// Italic, normal weight.
    Italic,
    /// Italic, bold.
    BoldItalic,
}

impl FontId {
    /// The style for the given weight and slant.
    pub fn for_style(bold: bool, italic: bool) -> FontId {
        match (bold, italic) {
            (false, false) => FontId::Regular,
            (true, false) => FontId::Bold,
            (false, true) => FontId::Italic,
            (true, true) => FontId::BoldItalic,
        }
    }

    /// All four styles, in a fixed order.
    pub const ALL: [FontId; 4] = [
        FontId::Regular,
        FontId::Bold,
        FontId::Italic,
        FontId::BoldItalic,
    ];

    /// Whether the style is bold.
    pub fn is_bold(self) -> bool {
        matches!(self, FontId::Bold | FontId::BoldItalic)
    }

    /// Whether the style is italic.
    pub fn is_italic(self) -> bool {
        matches!(self, FontId::Italic | FontId::BoldItalic)
    }

    /// The style's name in English ("bold italic").
    pub fn name(self) -> &'static str {
        match self {
            FontId::Regular => "regular",
            FontId::Bold => "bold",
            FontId::Italic => "italic",
            FontId::BoldItalic => "bold italic",
        }
    }
}

/// The bytes of one font file.
#[derive(Clone)]
pub struct FontData {
    /// The whole file.
    pub bytes: Arc<Vec<u8>>,
    /// Face index within the file (0 for a plain TTF).
    pub index: u32,
    /// Where it came from, for messages ("builtin:Laksaman.ttf" or a path).
    pub origin: String,
}

impl fmt::Debug for FontData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FontData({}, {} bytes)", self.origin, self.bytes.len())
    }
}

impl FontData {
    /// Parses the face for shaping. The bytes were checked when the family was
    /// loaded, so this does not fail for a loaded family.
    pub fn face(&self) -> rustybuzz::Face<'_> {
        rustybuzz::Face::from_slice(&self.bytes, self.index)
            .expect("font bytes were validated when loaded")
    }
}

/// The characters a font has glyphs for, as sorted, disjoint, inclusive ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Coverage(Vec<(u32, u32)>);

impl Coverage {
    /// Reads the Unicode subtables of the face's cmap.
    fn of(face: &ttf_parser::Face<'_>) -> Coverage {
        let mut points = Vec::new();
        if let Some(cmap) = face.tables().cmap {
            for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                subtable.codepoints(|cp| {
                    if subtable.glyph_index(cp).is_some_and(|g| g.0 != 0) {
                        points.push(cp);
                    }
                });
            }
        }
        points.sort_unstable();
        points.dedup();
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for cp in points {
            match ranges.last_mut() {
                Some((_, end)) if *end + 1 == cp => *end = cp,
                _ => ranges.push((cp, cp)),
            }
        }
        Coverage(ranges)
    }

    fn contains(&self, c: char) -> bool {
        let cp = u32::from(c);
        self.0
            .binary_search_by(|&(start, end)| {
                if end < cp {
                    std::cmp::Ordering::Less
                } else if start > cp {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }
}

/// Whether a character needs no glyph of its own: controls, line and paragraph
/// separators and the invisible format characters shapers drop (zero-width space and
/// joiners, soft hyphen, byte-order mark).
fn needs_no_glyph(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}' | '\u{200B}'
                ..='\u{200F}' | '\u{2028}' | '\u{2029}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// A font family in four styles.
#[derive(Debug, Clone)]
pub struct Fonts {
    regular: FontData,
    bold: FontData,
    italic: FontData,
    bold_italic: FontData,
    coverage: [Arc<Coverage>; 4],
    family: String,
    notes: Vec<String>,
    /// The single line spacing measured from the family's glyphs, once, shared by
    /// every clone (see [`Fonts::single_spacing`]).
    spacing: Arc<OnceLock<(f32, f32)>>,
}

/// Why a font family could not be loaded, in Thai and in English.
#[derive(Debug)]
pub struct FontError {
    /// The message in Thai (what `Display` shows).
    pub th: String,
    /// The message in English.
    pub en: String,
}

impl FontError {
    fn new(th: String, en: String) -> FontError {
        FontError { th, en }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: crate::lang::Lang) -> &str {
        match lang {
            crate::lang::Lang::En => &self.en,
            crate::lang::Lang::Th => &self.th,
        }
    }
}

impl fmt::Display for FontError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.th)
    }
}

/// Letters every face must draw: Thai consonants, vowels, tone marks and digits,
/// and Latin letters and digits. A face that parses but cannot draw them (a
/// truncated file, a font without Thai) would print blank pages.
const MUST_DRAW: &str = "กขาิไ่้๑ๆAa1";

/// The first of [`MUST_DRAW`] the face has no outline for.
fn cannot_draw(face: &ttf_parser::Face<'_>) -> Option<char> {
    struct Ignore;
    impl ttf_parser::OutlineBuilder for Ignore {
        fn move_to(&mut self, _: f32, _: f32) {}
        fn line_to(&mut self, _: f32, _: f32) {}
        fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {}
        fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {}
        fn close(&mut self) {}
    }
    MUST_DRAW.chars().find(|&c| {
        face.glyph_index(c)
            .and_then(|g| face.outline_glyph(g, &mut Ignore))
            .is_none()
    })
}

impl std::error::Error for FontError {}

/// One face found in a folder, with what its tables say about it.
#[derive(Debug, Clone)]
struct Candidate {
    data: FontData,
    family: String,
    style: FontId,
    has_thai: bool,
}

impl Fonts {
    /// The bundled Laksaman family. The files are parsed once per process; later
    /// calls share the same bytes.
    pub fn builtin() -> Fonts {
        static BUILTIN: OnceLock<Fonts> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let files: [(&str, &'static [u8]); 4] = [
                    ("Laksaman.ttf", include_bytes!("../../fonts/Laksaman.ttf")),
                    (
                        "Laksaman-Bold.ttf",
                        include_bytes!("../../fonts/Laksaman-Bold.ttf"),
                    ),
                    (
                        "Laksaman-Italic.ttf",
                        include_bytes!("../../fonts/Laksaman-Italic.ttf"),
                    ),
                    (
                        "Laksaman-BoldItalic.ttf",
                        include_bytes!("../../fonts/Laksaman-BoldItalic.ttf"),
                    ),
                ];
                let [regular, bold, italic, bold_italic] = files.map(|(name, bytes)| FontData {
                    bytes: Arc::new(bytes.to_vec()),
                    index: 0,
                    origin: format!("builtin:{name}"),
                });
                Fonts::assemble(
                    [regular, bold, italic, bold_italic],
                    "Laksaman".into(),
                    Vec::new(),
                )
                .expect("the bundled fonts are valid")
            })
            .clone()
    }

    /// Loads a family from the font files of a folder (TH SarabunPSK, TH Sarabun
    /// New, TH SarabunIT๙ and the like): `files` holds each file's path and bytes,
    /// as the caller read them (this stage opens no file; names that are not
    /// TTF/OTF/TTC are left out); `dir` names the folder in messages.
    ///
    /// Family and style come from each font's name and OS/2 tables, not from the file
    /// name. When the folder holds several families, a TH Sarabun family is
    /// preferred; a style that is missing falls back to the nearest one that is
    /// there. Both decisions are described in [`Fonts::notes`].
    pub fn from_files(dir: &Path, files: Vec<(PathBuf, Vec<u8>)>) -> Result<Fonts, FontError> {
        let candidates = scan(files)?;
        let d = dir.display();
        let (family, notes, chosen) = choose(candidates).ok_or_else(|| {
            FontError::new(
                format!("ไม่พบไฟล์ฟอนต์ (TTF/OTF/TTC) ในโฟลเดอร์ {d}"),
                format!("no font files (TTF/OTF/TTC) found in {d}"),
            )
        })?;
        if !chosen.iter().any(|c| c.has_thai) {
            return Err(FontError::new(
                format!("ฟอนต์ {family} ในโฟลเดอร์ {d} ไม่มีอักษรไทย เอกสารจะไม่มีข้อความ (ใช้ฟอนต์ไทย เช่น TH SarabunPSK)"),
                format!("{family} in {d} has no Thai letters: the documents would have no text (use a Thai font such as TH SarabunPSK)"),
            ));
        }
        let mut notes = notes;
        let slots = fill(&family, chosen, &mut notes).ok_or_else(|| {
            FontError::new(
                format!("ไม่มีฟอนต์ {family} ที่ใช้ได้ในโฟลเดอร์ {d}"),
                format!("no usable face of {family} in {d}"),
            )
        })?;
        Fonts::assemble(slots, family, notes)
    }

    /// [`Fonts::from_files`] with the font files of `dir` read here (tests only: the
    /// program reads files in the orchestration, through `itadoc::files`).
    #[cfg(test)]
    pub fn from_dir(dir: &Path) -> Result<Fonts, FontError> {
        let entries = std::fs::read_dir(dir).map_err(|e| {
            FontError::new(
                format!("อ่านโฟลเดอร์ฟอนต์ {} ไม่ได้: {e}", dir.display()),
                format!("cannot read font folder {}: {e}", dir.display()),
            )
        })?;
        let mut files = Vec::new();
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if is_font_file(&path) {
                let bytes = std::fs::read(&path)
                    .map_err(|e| FontError::new(e.to_string(), e.to_string()))?;
                files.push((path, bytes));
            }
        }
        Fonts::from_files(dir, files)
    }

    /// Puts the four styles together and reads their character coverage.
    fn assemble(
        slots: [FontData; 4],
        family: String,
        notes: Vec<String>,
    ) -> Result<Fonts, FontError> {
        let mut coverage: Vec<Arc<Coverage>> = Vec::with_capacity(4);
        for (i, data) in slots.iter().enumerate() {
            let shared = slots[..i]
                .iter()
                .position(|d| Arc::ptr_eq(&d.bytes, &data.bytes) && d.index == data.index);
            let cov = match shared {
                Some(j) => coverage[j].clone(),
                None => {
                    let o = &data.origin;
                    let face = ttf_parser::Face::parse(&data.bytes, data.index).map_err(|e| {
                        FontError::new(
                            format!("{o}: ไม่ใช่ฟอนต์ที่ใช้ได้ ({e})"),
                            format!("{o} is not a font: {e}"),
                        )
                    })?;
                    if rustybuzz::Face::from_slice(&data.bytes, data.index).is_none() {
                        return Err(FontError::new(
                            format!("{o}: ใช้จัดรูปอักษรไม่ได้"),
                            format!("{o} cannot be shaped"),
                        ));
                    }
                    if let Some(c) = cannot_draw(&face) {
                        return Err(FontError::new(
                            format!("{o}: ฟอนต์นี้วาดอักษร \"{c}\" ไม่ได้ (ไฟล์อาจเสียหรือไม่ครบ หรือไม่มีอักษรไทย)"),
                            format!("{o} cannot draw \"{c}\" (the file may be damaged or cut short, or have no Thai)"),
                        ));
                    }
                    Arc::new(Coverage::of(&face))
                }
            };
            coverage.push(cov);
        }
        let [regular, bold, italic, bold_italic] = slots;
        let coverage: [Arc<Coverage>; 4] = coverage
            .try_into()
            .expect("four styles give four coverages");
        Ok(Fonts {
            regular,
            bold,
            italic,
            bold_italic,
            coverage,
            family,
            notes,
            spacing: Arc::default(),
        })
    }

    /// The family's single line spacing (pitch and the share above the baseline),
    /// measured by `measure` the first time any clone of this family asks: it draws
    /// glyph outlines, which costs more than typesetting a short page.
    pub fn single_spacing(&self, measure: impl FnOnce() -> (f32, f32)) -> (f32, f32) {
        *self.spacing.get_or_init(measure)
    }

    /// The data of one style.
    pub fn get(&self, id: FontId) -> &FontData {
        match id {
            FontId::Regular => &self.regular,
            FontId::Bold => &self.bold,
            FontId::Italic => &self.italic,
            FontId::BoldItalic => &self.bold_italic,
        }
    }

    /// The family's name as its fonts give it ("TH SarabunPSK", "Laksaman").
    pub fn family(&self) -> &str {
        &self.family
    }

    /// What loading decided that the user may want to know: which family was chosen
    /// among several, and which styles stand in for missing ones. Empty for the
    /// bundled family.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// Whether the style's font has a glyph for the character. Characters that need
    /// no glyph (controls, zero-width space and joiners, soft hyphen) count as
    /// covered.
    pub fn covers(&self, id: FontId, c: char) -> bool {
        needs_no_glyph(c) || self.coverage[id as usize].contains(c)
    }

    /// The characters of `text` the style's font has no glyph for, each once, in the
    /// order they first occur.
    pub fn missing(&self, id: FontId, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars() {
            if !self.covers(id, c) && !missing.contains(&c) {
                missing.push(c);
            }
        }
        missing
    }
}

/// Whether a file name is a font's (`.ttf`, `.otf`, `.ttc`, any case).
pub fn is_font_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["ttf", "otf", "ttc"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// Step 1: every face of the files, with its family and style, in path order.
fn scan(mut files: Vec<(PathBuf, Vec<u8>)>) -> Result<Vec<Candidate>, FontError> {
    files.retain(|(p, _)| is_font_file(p));
    files.sort_by(|a, b| a.0.cmp(&b.0));

    let mut candidates = Vec::new();
    for (path, bytes) in files {
        let bytes = Arc::new(bytes);
        let faces = ttf_parser::fonts_in_collection(&bytes).unwrap_or(1);
        let mut any = false;
        for index in 0..faces {
            let Ok(face) = ttf_parser::Face::parse(&bytes, index) else {
                continue;
            };
            any = true;
            let origin = if faces > 1 {
                format!("{} (face {index})", path.display())
            } else {
                path.display().to_string()
            };
            candidates.push(describe(
                &face,
                &path,
                FontData {
                    bytes: bytes.clone(),
                    index,
                    origin,
                },
            ));
        }
        if !any {
            return Err(FontError::new(
                format!("{}: ไม่ใช่ไฟล์ฟอนต์", path.display()),
                format!("{} is not a font file", path.display()),
            ));
        }
    }
    Ok(candidates)
}

/// Family and style of one face, from its tables (the file name only when the
/// tables say nothing).
fn describe(face: &ttf_parser::Face<'_>, path: &Path, data: FontData) -> Candidate {
    let name = |id: u16| {
        face.names()
            .into_iter()
            .filter(|n| n.name_id == id)
            .filter_map(|n| n.to_string())
            .find(|s| !s.trim().is_empty())
    };
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    let family = name(ttf_parser::name_id::TYPOGRAPHIC_FAMILY)
        .or_else(|| name(ttf_parser::name_id::FAMILY))
        .unwrap_or_else(|| family_from_file_name(&stem));
    let subfamily = name(ttf_parser::name_id::TYPOGRAPHIC_SUBFAMILY)
        .or_else(|| name(ttf_parser::name_id::SUBFAMILY))
        .unwrap_or_default()
        .to_lowercase();
    let has_os2 = face.tables().os2.is_some();
    let (bold, italic) = if has_os2 || !subfamily.is_empty() {
        (
            face.is_bold()
                || face.weight().to_number() >= 600
                || subfamily.contains("bold")
                || subfamily.contains("heavy")
                || subfamily.contains("black"),
            face.is_italic()
                || face.is_oblique()
                || subfamily.contains("italic")
                || subfamily.contains("oblique"),
        )
    } else {
        style_from_file_name(&stem)
    };
    let has_thai = face.glyph_index('ก').is_some() && face.glyph_index('่').is_some();
    Candidate {
        data,
        family: family.trim().to_string(),
        style: FontId::for_style(bold, italic),
        has_thai,
    }
}

/// "THSarabunNew Bold" → "THSarabunNew": the file name without its style words.
fn family_from_file_name(stem: &str) -> String {
    let lower = stem.to_lowercase();
    let cut = ["bolditalic", "bold italic", "bold", "italic", "regular"]
        .iter()
        .filter_map(|w| lower.find(w))
        .min()
        .unwrap_or(stem.len());
    stem[..cut].trim_end_matches([' ', '-', '_']).to_string()
}

/// Bold and italic from a file name ("THSarabun BoldItalic", "Sarabun-BI").
fn style_from_file_name(stem: &str) -> (bool, bool) {
    let s = stem.to_lowercase().replace([' ', '_', '-'], "");
    let bold = s.contains("bold") || s.ends_with("bi");
    let italic = s.contains("italic") || s.ends_with("bi");
    (bold, italic)
}

/// How much a family is preferred: lower is better. The TH Sarabun families first,
/// in the order Thai offices use them, then any other.
fn family_rank(family: &str) -> u8 {
    let key: String = family
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .collect();
    if key == "thsarabunpsk" || key == "thsarabun" {
        0
    } else if key == "thsarabunnew" {
        1
    } else if key.starts_with("thsarabunit") {
        2
    } else if key.starts_with("thsarabun") {
        3
    } else {
        4
    }
}

/// Steps 2 and 3: groups the faces by family and picks one family (one with Thai
/// letters when there is one). Returns its name,
/// notes on the choice, and its faces (in path order).
fn choose(candidates: Vec<Candidate>) -> Option<(String, Vec<String>, Vec<Candidate>)> {
    let mut families: BTreeMap<String, Vec<Candidate>> = BTreeMap::new();
    for candidate in candidates {
        families
            .entry(candidate.family.clone())
            .or_default()
            .push(candidate);
    }
    let names: Vec<String> = families.keys().cloned().collect();
    let best = families
        .iter()
        .min_by_key(|(name, faces)| {
            let styles = FontId::ALL
                .iter()
                .filter(|id| faces.iter().any(|c| c.style == **id))
                .count();
            let has_regular = faces.iter().any(|c| c.style == FontId::Regular);
            let has_thai = faces.iter().any(|c| c.has_thai);
            (
                !has_thai,
                family_rank(name),
                !has_regular,
                std::cmp::Reverse(styles),
                (*name).clone(),
            )
        })
        .map(|(name, _)| name.clone())?;
    let mut notes = Vec::new();
    if names.len() > 1 {
        notes.push(format!(
            "the font folder holds {} families ({}); using {best}",
            names.len(),
            names.join(", ")
        ));
    }
    let faces = families.remove(&best)?;
    Some((best, notes, faces))
}

/// Step 4: one face per style; missing styles borrow the nearest present one.
fn fill(family: &str, faces: Vec<Candidate>, notes: &mut Vec<String>) -> Option<[FontData; 4]> {
    let mut slots: [Option<FontData>; 4] = Default::default();
    for candidate in faces {
        let slot = &mut slots[candidate.style as usize];
        match slot {
            None => *slot = Some(candidate.data),
            Some(kept) => notes.push(format!(
                "{family} {}: using {}, ignoring {}",
                candidate.style.name(),
                kept.origin,
                candidate.data.origin
            )),
        }
    }
    // Nearest first: same weight, then same slant, then anything.
    let fallbacks: [[FontId; 3]; 4] = [
        [FontId::Bold, FontId::Italic, FontId::BoldItalic],
        [FontId::Regular, FontId::BoldItalic, FontId::Italic],
        [FontId::Regular, FontId::BoldItalic, FontId::Bold],
        [FontId::Bold, FontId::Italic, FontId::Regular],
    ];
    let present = slots.clone();
    for id in FontId::ALL {
        if slots[id as usize].is_some() {
            continue;
        }
        let (stand_in, data) = fallbacks[id as usize]
            .iter()
            .find_map(|&f| present[f as usize].clone().map(|d| (f, d)))?;
        notes.push(format!(
            "{family} has no {} style: using its {} font ({})",
            id.name(),
            stand_in.name(),
            data.origin
        ));
        slots[id as usize] = Some(data);
    }
    let [regular, bold, italic, bold_italic] = slots;
    Some([regular?, bold?, italic?, bold_italic?])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A temporary folder, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> TempDir {
            let dir =
                std::env::temp_dir().join(format!("itadoc-fonts-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }

        fn write(&self, name: &str, bytes: &[u8]) {
            std::fs::write(self.0.join(name), bytes).unwrap();
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    const REGULAR: &[u8] = include_bytes!("../../fonts/Laksaman.ttf");
    const BOLD: &[u8] = include_bytes!("../../fonts/Laksaman-Bold.ttf");
    const ITALIC: &[u8] = include_bytes!("../../fonts/Laksaman-Italic.ttf");
    const BOLD_ITALIC: &[u8] = include_bytes!("../../fonts/Laksaman-BoldItalic.ttf");

    /// A copy of the font whose name table says `family` / `subfamily`: a new
    /// `name` table appended to the file and pointed at from the table directory.
    fn renamed(font: &[u8], family: &str, subfamily: &str) -> Vec<u8> {
        let utf16 =
            |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect() };
        let strings = [(1u16, utf16(family)), (2u16, utf16(subfamily))];
        let mut table = Vec::new();
        let header_len = 6 + 12 * strings.len();
        table.extend_from_slice(&0u16.to_be_bytes()); // format
        table.extend_from_slice(&(strings.len() as u16).to_be_bytes());
        table.extend_from_slice(&(header_len as u16).to_be_bytes());
        let mut offset = 0u16;
        for (id, s) in &strings {
            for v in [3u16, 1, 0x409, *id, s.len() as u16, offset] {
                table.extend_from_slice(&v.to_be_bytes());
            }
            offset += s.len() as u16;
        }
        for (_, s) in &strings {
            table.extend_from_slice(s);
        }

        let mut out = font.to_vec();
        while !out.len().is_multiple_of(4) {
            out.push(0);
        }
        let at = out.len() as u32;
        out.extend_from_slice(&table);
        let tables = u16::from_be_bytes([font[4], font[5]]) as usize;
        let record = (0..tables)
            .map(|i| 12 + 16 * i)
            .find(|&r| &font[r..r + 4] == b"name")
            .expect("the font has a name table");
        out[record + 8..record + 12].copy_from_slice(&at.to_be_bytes());
        out[record + 12..record + 16].copy_from_slice(&(table.len() as u32).to_be_bytes());
        out
    }

    #[test]
    fn styles_come_from_the_font_not_the_file_name() {
        let dir = TempDir::new("styles");
        // Misleading names: the bold file is called "Regular", the italic "Bold".
        dir.write("a Regular.ttf", BOLD);
        dir.write("b Bold.ttf", ITALIC);
        dir.write("c.ttf", REGULAR);
        dir.write("d.TTF", BOLD_ITALIC);
        let fonts = Fonts::from_dir(&dir.0).unwrap();
        assert_eq!(fonts.family(), "Laksaman");
        assert!(fonts.get(FontId::Regular).origin.ends_with("c.ttf"));
        assert!(fonts.get(FontId::Bold).origin.ends_with("a Regular.ttf"));
        assert!(fonts.get(FontId::Italic).origin.ends_with("b Bold.ttf"));
        assert!(fonts.get(FontId::BoldItalic).origin.ends_with("d.TTF"));
        assert!(fonts.notes().is_empty(), "{:?}", fonts.notes());
    }

    #[test]
    fn missing_styles_fall_back_and_are_noted() {
        let dir = TempDir::new("fallback");
        dir.write(
            "THSarabunNew.ttf",
            &renamed(REGULAR, "TH Sarabun New", "Regular"),
        );
        dir.write(
            "THSarabunNew Bold.ttf",
            &renamed(BOLD, "TH Sarabun New", "Bold"),
        );
        let fonts = Fonts::from_dir(&dir.0).unwrap();
        assert_eq!(fonts.family(), "TH Sarabun New");
        assert!(fonts
            .get(FontId::Italic)
            .origin
            .ends_with("THSarabunNew.ttf"));
        assert!(fonts
            .get(FontId::BoldItalic)
            .origin
            .ends_with("THSarabunNew Bold.ttf"));
        assert_eq!(fonts.notes().len(), 2, "{:?}", fonts.notes());
        assert!(fonts.notes()[0].contains("no italic style"));
    }

    #[test]
    fn th_sarabun_is_preferred_among_several_families() {
        let dir = TempDir::new("families");
        // Laksaman in four styles under arbitrary names ...
        dir.write("01.ttf", REGULAR);
        dir.write("02.ttf", BOLD);
        dir.write("03.ttf", ITALIC);
        dir.write("04.ttf", BOLD_ITALIC);
        // ... TH SarabunIT๙ and TH SarabunPSK, each with the file names they ship with.
        for (file, bytes, sub) in [
            ("THSarabunIT๙.ttf", REGULAR, "Regular"),
            ("THSarabunIT๙ Bold.ttf", BOLD, "Bold"),
        ] {
            dir.write(file, &renamed(bytes, "TH SarabunIT๙", sub));
        }
        for (file, bytes, sub) in [
            ("THSarabun.ttf", REGULAR, "Regular"),
            ("THSarabun Bold.ttf", BOLD, "Bold"),
            ("THSarabun Italic.ttf", ITALIC, "Italic"),
            ("THSarabun BoldItalic.ttf", BOLD_ITALIC, "Bold Italic"),
        ] {
            dir.write(file, &renamed(bytes, "TH SarabunPSK", sub));
        }
        let fonts = Fonts::from_dir(&dir.0).unwrap();
        assert_eq!(fonts.family(), "TH SarabunPSK");
        assert!(fonts.get(FontId::Regular).origin.ends_with("THSarabun.ttf"));
        assert!(fonts
            .get(FontId::Bold)
            .origin
            .ends_with("THSarabun Bold.ttf"));
        assert!(fonts
            .get(FontId::Italic)
            .origin
            .ends_with("THSarabun Italic.ttf"));
        assert!(fonts
            .get(FontId::BoldItalic)
            .origin
            .ends_with("THSarabun BoldItalic.ttf"));
        assert_eq!(
            fonts.notes(),
            [
                "the font folder holds 3 families (Laksaman, TH SarabunIT๙, TH SarabunPSK); \
              using TH SarabunPSK"
            ]
        );

        // Without TH SarabunPSK, SarabunIT๙ still beats Laksaman.
        for file in [
            "THSarabun.ttf",
            "THSarabun Bold.ttf",
            "THSarabun Italic.ttf",
        ] {
            std::fs::remove_file(dir.0.join(file)).unwrap();
        }
        std::fs::remove_file(dir.0.join("THSarabun BoldItalic.ttf")).unwrap();
        assert_eq!(Fonts::from_dir(&dir.0).unwrap().family(), "TH SarabunIT๙");
    }

    #[test]
    fn folder_errors_say_what_is_wrong() {
        let empty = TempDir::new("empty");
        let error = Fonts::from_dir(&empty.0).unwrap_err().en;
        assert!(error.contains("no font files"), "{error}");
        empty.write("broken.ttf", b"not a font");
        let error = Fonts::from_dir(&empty.0).unwrap_err().en;
        assert!(error.contains("broken.ttf is not a font file"), "{error}");
        let error = Fonts::from_dir(&empty.0.join("nope")).unwrap_err().en;
        assert!(error.contains("cannot read font folder"), "{error}");
    }

    #[test]
    fn coverage_reports_missing_characters() {
        let fonts = Fonts::builtin();
        assert!(fonts.covers(FontId::Regular, 'ก'));
        assert!(fonts.covers(FontId::Bold, '๙'));
        assert!(fonts.covers(FontId::Regular, 'A'));
        assert!(
            fonts.covers(FontId::Regular, '\u{200B}'),
            "zero-width space needs no glyph"
        );
        // Seed 000 has Arabic letters inside Thai words; Laksaman has none.
        assert!(!fonts.covers(FontId::Regular, 'ك'));
        assert_eq!(
            fonts.missing(FontId::Regular, "การكประเมินكل"),
            vec!['ك', 'ل']
        );
        assert!(fonts.missing(FontId::Italic, "ผู้ญูฐุ น้ำ ITA 98.85").is_empty());
    }

    #[test]
    fn builtin_is_loaded_once() {
        let a = Fonts::builtin();
        let b = Fonts::builtin();
        assert!(Arc::ptr_eq(
            &a.get(FontId::Bold).bytes,
            &b.get(FontId::Bold).bytes
        ));
        assert_eq!(a.get(FontId::Regular).origin, "builtin:Laksaman.ttf");
    }

    #[test]
    fn file_name_fallbacks() {
        assert_eq!(family_from_file_name("THSarabunNew Bold"), "THSarabunNew");
        assert_eq!(
            family_from_file_name("THSarabunIT๙ BoldItalic"),
            "THSarabunIT๙"
        );
        assert_eq!(style_from_file_name("THSarabun BoldItalic"), (true, true));
        assert_eq!(style_from_file_name("THSarabunIT๙"), (false, false));
        assert_eq!(family_rank("TH SarabunIT๙"), 2);
        assert_eq!(family_rank("TH Sarabun New"), 1);
        assert_eq!(family_rank("TH SarabunPSK"), 0);
        assert_eq!(family_rank("Laksaman"), 4);
    }
}
