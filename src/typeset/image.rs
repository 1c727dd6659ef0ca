//! Emblem images: checks image bytes and finds their proportions from the PNG or
//! JPEG header or the SVG's width/height/viewBox, without decoding the picture. (The
//! bytes come with the document: this stage never opens a file.)

use std::sync::Arc;

use super::layout::ImageKind;

/// A loaded image.
pub struct Image {
    /// The file's bytes.
    pub data: Arc<Vec<u8>>,
    /// Format.
    pub kind: ImageKind,
    /// Width divided by height.
    pub aspect: f32,
}

/// The most pixels on either side of a PNG or JPEG emblem: far more than print
/// needs (a 3 cm emblem at 1200 dpi is about 1,400 pixels), and small enough that
/// decoding it costs little memory.
pub const MAX_SIDE: u32 = 8_000;

/// The most pixels of a PNG or JPEG emblem in all (about 100 MB once decoded).
pub const MAX_PIXELS: u64 = 25_000_000;

/// Deepest nesting of elements in an SVG emblem (drawings nest a few levels;
/// thousands would overflow the stack of the SVG reader).
pub const MAX_SVG_DEPTH: usize = 100;

/// Most elements in an SVG emblem.
pub const MAX_SVG_ELEMENTS: usize = 100_000;

/// Why an emblem image cannot be used.
#[derive(Debug)]
pub enum ImageError {
    /// Not a PNG, JPEG or SVG whose size can be read.
    Format,
    /// A width or height of zero.
    NoSize,
    /// More pixels than [`MAX_SIDE`] / [`MAX_PIXELS`] allow: (width, height).
    TooLarge(u64, u64),
    /// An SVG nested deeper than [`MAX_SVG_DEPTH`] or with more than
    /// [`MAX_SVG_ELEMENTS`] elements.
    SvgTooComplex,
    /// An SVG the reader refused, with its words.
    Svg(String),
}

impl ImageError {
    /// The message (after the file name), in `lang`.
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        match (self, lang == crate::lang::Lang::En) {
            (ImageError::Format, false) => "ไม่ใช่ภาพ PNG, JPEG หรือ SVG ที่อ่านขนาดได้".into(),
            (ImageError::Format, true) => "not a PNG, JPEG or SVG image whose size can be read".into(),
            (ImageError::NoSize, false) => "ภาพมีความกว้างหรือความสูงเป็นศูนย์".into(),
            (ImageError::NoSize, true) => "the image has no width or height".into(),
            (ImageError::TooLarge(w, h), false) => format!(
                "ภาพใหญ่เกินไป ({w} × {h} จุด) ตราสัญลักษณ์ใช้ได้ไม่เกิน {MAX_SIDE} จุดต่อด้าน และไม่เกิน {} ล้านจุด",
                MAX_PIXELS / 1_000_000
            ),
            (ImageError::TooLarge(w, h), true) => format!(
                "the image is too large ({w} × {h} pixels); an emblem may have at most {MAX_SIDE} pixels a side and {} million in all",
                MAX_PIXELS / 1_000_000
            ),
            (ImageError::SvgTooComplex, false) => format!(
                "ภาพ SVG ซับซ้อนเกินไป (ซ้อนกันเกิน {MAX_SVG_DEPTH} ชั้น หรือมีองค์ประกอบเกิน {MAX_SVG_ELEMENTS})"
            ),
            (ImageError::SvgTooComplex, true) => format!(
                "the SVG is too complex (nested deeper than {MAX_SVG_DEPTH} levels or more than {MAX_SVG_ELEMENTS} elements)"
            ),
            (ImageError::Svg(m), false) => format!("อ่านภาพ SVG ไม่ได้: {m}"),
            (ImageError::Svg(m), true) => format!("cannot read the SVG: {m}"),
        }
    }
}

/// The image `name` from its bytes, checked ([`check`]); the error names the image
/// (in English: the Thai message comes from the orchestration, which checks the
/// emblem with [`check`] before typesetting).
pub fn from_bytes(name: &str, data: Arc<Vec<u8>>) -> Result<Image, String> {
    let (kind, aspect) = check(&data)
        .map_err(|e| format!("emblem image {name}: {}", e.message(crate::lang::Lang::En)))?;
    Ok(Image { data, kind, aspect })
}

/// Checks image bytes can be drawn without surprises, from their headers alone
/// for PNG and JPEG (a 40,000 × 40,000 PNG is refused before anything is
/// decoded); an SVG is checked for depth first, then read as it will be drawn.
/// Returns the format and the width divided by the height.
pub fn check(data: &[u8]) -> Result<(ImageKind, f32), ImageError> {
    if looks_like_svg(data) {
        svg_structure(data)?;
        // the SVG reader's own words for a drawing it cannot read
        svg_tree(data).map_err(ImageError::Svg)?;
    }
    let (kind, w, h) = dimensions(data).ok_or(ImageError::Format)?;
    if !(w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite()) {
        return Err(ImageError::NoSize);
    }
    if kind != ImageKind::Svg {
        let (wp, hp) = (w as u64, h as u64);
        if wp > u64::from(MAX_SIDE) || hp > u64::from(MAX_SIDE) || wp * hp > MAX_PIXELS {
            return Err(ImageError::TooLarge(wp, hp));
        }
    }
    Ok((kind, w / h))
}

/// Text that names an `<svg` element (PNG and JPEG are told by their first bytes).
fn looks_like_svg(data: &[u8]) -> bool {
    !data.starts_with(b"\x89PNG")
        && !data.starts_with(&[0xFF, 0xD8])
        && std::str::from_utf8(data).is_ok_and(|t| t.contains("<svg"))
}

/// Nesting depth and element count of an SVG within bounds, before any XML
/// reader sees it (the readers recurse per level).
fn svg_structure(data: &[u8]) -> Result<(), ImageError> {
    crate::markup::check_nesting(data, MAX_SVG_DEPTH, MAX_SVG_ELEMENTS)
        .map_err(|_| ImageError::SvgTooComplex)
}

/// Parses SVG bytes into a usvg tree, as the PDF draws it. The SVG may not pull
/// in other files: an `<image>` that names a file is left out, and an embedded
/// (data URL) image must be a PNG or JPEG within the emblem's pixel bounds.
pub fn svg_tree(data: &[u8]) -> Result<usvg::Tree, String> {
    let mut opts = usvg::Options {
        resources_dir: None,
        ..usvg::Options::default()
    };
    opts.image_href_resolver = usvg::ImageHrefResolver {
        resolve_data: Box::new(|_mime, data, _opts| {
            let (kind, w, h) = dimensions(&data)?;
            let fits = w as u64 <= u64::from(MAX_SIDE)
                && h as u64 <= u64::from(MAX_SIDE)
                && (w as u64) * (h as u64) <= MAX_PIXELS;
            match kind {
                ImageKind::Png if fits => Some(usvg::ImageKind::PNG(data)),
                ImageKind::Jpeg if fits => Some(usvg::ImageKind::JPEG(data)),
                _ => None,
            }
        }),
        resolve_string: Box::new(|_href, _opts| None),
    };
    usvg::Tree::from_data(data, &opts).map_err(|e| e.to_string())
}

/// Format and pixel (or user-unit) size of image bytes.
pub fn dimensions(data: &[u8]) -> Option<(ImageKind, f32, f32)> {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") && data.len() >= 24 && &data[12..16] == b"IHDR" {
        let w = u32::from_be_bytes(data[16..20].try_into().ok()?);
        let h = u32::from_be_bytes(data[20..24].try_into().ok()?);
        return Some((ImageKind::Png, w as f32, h as f32));
    }
    if data.starts_with(&[0xFF, 0xD8]) {
        return jpeg_size(data).map(|(w, h)| (ImageKind::Jpeg, w, h));
    }
    let text = std::str::from_utf8(data).ok()?;
    if text.contains("<svg") && svg_structure(data).is_ok() {
        return svg_size(text).map(|(w, h)| (ImageKind::Svg, w, h));
    }
    None
}

fn jpeg_size(d: &[u8]) -> Option<(f32, f32)> {
    let mut i = 2;
    while i + 9 < d.len() {
        if d[i] != 0xFF {
            i += 1;
            continue;
        }
        let marker = d[i + 1];
        let len = u16::from_be_bytes([d[i + 2], d[i + 3]]) as usize;
        // Start-of-frame markers carry the size (not DHT C4, JPG C8, DAC CC).
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let h = u16::from_be_bytes([d[i + 5], d[i + 6]]);
            let w = u16::from_be_bytes([d[i + 7], d[i + 8]]);
            return Some((w as f32, h as f32));
        }
        i += 2 + len;
    }
    None
}

fn svg_size(text: &str) -> Option<(f32, f32)> {
    let doc = roxmltree::Document::parse(text).ok()?;
    let svg = doc.root_element();
    let num = |name: &str| -> Option<f32> {
        let v = svg.attribute(name)?;
        let n: String = v
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        n.parse().ok().filter(|_| !v.ends_with('%'))
    };
    if let (Some(w), Some(h)) = (num("width"), num("height")) {
        return Some((w, h));
    }
    let vb: Vec<f32> = svg
        .attribute("viewBox")?
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    (vb.len() == 4).then(|| (vb[2], vb[3]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_svg_and_png_sizes() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 160"><rect width="1" height="1"/></svg>"#;
        assert_eq!(dimensions(svg), Some((ImageKind::Svg, 120.0, 160.0)));
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="30mm" height="40mm"></svg>"#;
        assert_eq!(dimensions(svg), Some((ImageKind::Svg, 30.0, 40.0)));
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(200u32.to_be_bytes());
        png.extend(100u32.to_be_bytes());
        assert_eq!(dimensions(&png), Some((ImageKind::Png, 200.0, 100.0)));
        assert_eq!(dimensions(b"GIF89a"), None);
    }

    #[test]
    fn bytes_that_are_no_image_are_named() {
        let e = from_bytes("krut.png", Arc::new(b"GIF89a".to_vec()))
            .err()
            .unwrap();
        assert!(e.contains("krut.png"), "{e}");
    }
}
