//! The font family a document is set in: four styles (regular, bold, italic, bold
//! italic). The default is Laksaman, bundled from `fonts/` (SIPA's TH SarabunPSK
//! design, GPL-2+ with the font exception); users may point at a folder holding their
//! own TH SarabunPSK / TH Sarabun New / TH SarabunIT๙ files.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

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

/// A font family in four styles.
#[derive(Debug, Clone)]
pub struct Fonts {
    regular: FontData,
    bold: FontData,
    italic: FontData,
    bold_italic: FontData,
}

/// Why a font family could not be loaded.
#[derive(Debug)]
pub struct FontError(pub String);

impl fmt::Display for FontError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FontError {}

fn builtin_data(name: &str, bytes: &'static [u8]) -> FontData {
    FontData {
        bytes: Arc::new(bytes.to_vec()),
        index: 0,
        origin: format!("builtin:{name}"),
    }
}

impl Fonts {
    /// The bundled Laksaman family.
    pub fn builtin() -> Fonts {
        Fonts {
            regular: builtin_data(
                "Laksaman.ttf",
                include_bytes!("../../fonts/Laksaman.ttf"),
            ),
            bold: builtin_data(
                "Laksaman-Bold.ttf",
                include_bytes!("../../fonts/Laksaman-Bold.ttf"),
            ),
            italic: builtin_data(
                "Laksaman-Italic.ttf",
                include_bytes!("../../fonts/Laksaman-Italic.ttf"),
            ),
            bold_italic: builtin_data(
                "Laksaman-BoldItalic.ttf",
                include_bytes!("../../fonts/Laksaman-BoldItalic.ttf"),
            ),
        }
    }

    /// Loads a family from a folder of TTF/OTF files (TH SarabunPSK, TH Sarabun New,
    /// TH SarabunIT๙ and the like). Styles are recognised from the file names
    /// ("Bold", "Italic", "BoldItalic" / "Bold Italic"); a style that is missing falls
    /// back to the nearest one that is there.
    pub fn from_dir(dir: &Path) -> Result<Fonts, FontError> {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| FontError(format!("cannot read font folder {}: {e}", dir.display())))?;
        let mut found: [Option<FontData>; 4] = [None, None, None, None];
        let mut names: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| e.eq_ignore_ascii_case("ttf") || e.eq_ignore_ascii_case("otf"))
            })
            .collect();
        names.sort();
        for path in names {
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_lowercase()
                .replace([' ', '_', '-'], "");
            let bold = stem.contains("bold");
            let italic = stem.contains("italic") || stem.ends_with("bi") || stem.ends_with("it") && !stem.contains("it๙");
            let slot = FontId::for_style(bold, italic) as usize;
            if found[slot].is_some() {
                continue;
            }
            let bytes = std::fs::read(&path)
                .map_err(|e| FontError(format!("cannot read font {}: {e}", path.display())))?;
            if rustybuzz::Face::from_slice(&bytes, 0).is_none() {
                return Err(FontError(format!("{} is not a font file", path.display())));
            }
            found[slot] = Some(FontData {
                bytes: Arc::new(bytes),
                index: 0,
                origin: path.display().to_string(),
            });
        }
        let [regular, bold, italic, bold_italic] = found;
        let regular = regular
            .ok_or_else(|| FontError(format!("no regular font (TTF/OTF) found in {}", dir.display())))?;
        let bold = bold.unwrap_or_else(|| regular.clone());
        let italic = italic.unwrap_or_else(|| regular.clone());
        let bold_italic = bold_italic.unwrap_or_else(|| bold.clone());
        Ok(Fonts {
            regular,
            bold,
            italic,
            bold_italic,
        })
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
}
