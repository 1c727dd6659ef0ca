//! Emblem images for the package: PNG and JPEG files go in as they are; an SVG goes
//! in as itself (Word 2016 and later draw it as vector art) together with a PNG
//! rendering, the picture every other reader shows.

use crate::typeset::image as files;
use crate::typeset::layout::ImageKind;

/// Resolution of the PNG made from an SVG emblem, in dots per inch.
const SVG_DPI: f32 = 300.0;

/// An image ready to be stored in `word/media/`.
pub struct Media {
    /// The picture every reader can show (PNG or JPEG).
    pub raster: Vec<u8>,
    /// Extension of `raster`: `png` or `jpeg`.
    pub ext: &'static str,
    /// The SVG source, when the emblem is an SVG.
    pub svg: Option<Vec<u8>>,
    /// Width divided by height.
    pub aspect: f32,
}

/// Prepares the emblem `src` (its bytes, as the document carries them) for
/// printing `height` points high.
pub fn load(src: &str, data: std::sync::Arc<Vec<u8>>, height: f32) -> Result<Media, String> {
    let img = files::from_bytes(src, data)?;
    match img.kind {
        ImageKind::Png => Ok(Media {
            raster: img.data.to_vec(),
            ext: "png",
            svg: None,
            aspect: img.aspect,
        }),
        ImageKind::Jpeg => Ok(Media {
            raster: img.data.to_vec(),
            ext: "jpeg",
            svg: None,
            aspect: img.aspect,
        }),
        ImageKind::Svg => {
            let raster = rasterize(&img.data, height).map_err(|e| format!("{src}: {e}"))?;
            Ok(Media {
                raster,
                ext: "png",
                svg: Some(img.data.to_vec()),
                aspect: img.aspect,
            })
        }
    }
}

/// Renders SVG bytes to a PNG `height` points high at [`SVG_DPI`].
fn rasterize(svg: &[u8], height: f32) -> Result<Vec<u8>, String> {
    let tree = usvg::Tree::from_data(svg, &usvg::Options::default())
        .map_err(|e| format!("cannot read the SVG: {e}"))?;
    let size = tree.size();
    let px_h = (height / 72.0 * SVG_DPI).clamp(16.0, 2400.0);
    let scale = px_h / size.height();
    let px_w = (size.width() * scale).clamp(1.0, 4800.0);
    let mut pixmap = resvg::tiny_skia::Pixmap::new(px_w.ceil() as u32, px_h.ceil() as u32)
        .ok_or("the SVG has no size")?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the PNG: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_garuda_becomes_a_png_of_the_printed_size() {
        let svg = crate::documents::DEFAULT_EMBLEM_SVG.as_bytes().to_vec();
        let m = load("emblem", std::sync::Arc::new(svg), 3.0 / 2.54 * 72.0).unwrap();
        assert_eq!(m.ext, "png");
        assert!(m.svg.is_some());
        let (kind, w, h) = files::dimensions(&m.raster).unwrap();
        assert_eq!(kind, ImageKind::Png);
        // 3 cm at 300 dpi
        assert!((h - 354.0).abs() <= 1.0, "{h}");
        assert!((w / h - m.aspect).abs() < 0.02);
    }
}
