//! Emblem images: reads the file and finds its proportions from the PNG or JPEG header
//! or the SVG's width/height/viewBox, without decoding the picture.

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

/// Reads an image file; the error names the file.
pub fn load(path: &str) -> Result<Image, String> {
    let data = std::fs::read(path).map_err(|e| format!("cannot read emblem image {path}: {e}"))?;
    let (kind, w, h) = dimensions(&data)
        .ok_or_else(|| format!("{path} is not a PNG, JPEG or SVG image whose size can be read"))?;
    if w <= 0.0 || h <= 0.0 {
        return Err(format!("{path} has no size"));
    }
    Ok(Image {
        data: Arc::new(data),
        kind,
        aspect: w / h,
    })
}

/// Format and pixel (or user-unit) size of image bytes.
pub fn dimensions(data: &[u8]) -> Option<(ImageKind, f32, f32)> {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") && data.len() >= 24 {
        let w = u32::from_be_bytes(data[16..20].try_into().ok()?);
        let h = u32::from_be_bytes(data[20..24].try_into().ok()?);
        return Some((ImageKind::Png, w as f32, h as f32));
    }
    if data.starts_with(&[0xFF, 0xD8]) {
        return jpeg_size(data).map(|(w, h)| (ImageKind::Jpeg, w, h));
    }
    let text = std::str::from_utf8(data).ok()?;
    if text.contains("<svg") {
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
    fn a_missing_file_is_named() {
        let e = load("/nonexistent/krut.png").err().unwrap();
        assert!(e.contains("/nonexistent/krut.png"));
    }
}
