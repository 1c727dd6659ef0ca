//! The PDF writer, checked from the outside: layouts built by hand from text shaped
//! here with rustybuzz are written with `pdf::write` and read back with poppler
//! (pdftotext, pdffonts, pdfinfo). These tests need poppler-utils; they fail (never
//! skip) when it is missing.

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;

use itadoc::pdf::{self, PdfError, PdfOptions};
use itadoc::typeset::fonts::{FontId, Fonts};
use itadoc::typeset::layout::{
    Glyph, GlyphRun, ImageItem, ImageKind, Item, Layout, LineItem, Metadata, Page, RectItem,
};

const A4_WIDTH: f32 = 595.276;
const A4_HEIGHT: f32 = 841.89;

/// The marks that are hard to get right: stacked marks, marks over tall
/// consonants, สระอำ after a tone mark, vowels under consonants with descenders.
const MARKS: [&str; 7] = ["ที่", "ปี่", "ป้อม", "น้ำ", "ผู้", "ญู", "ฐุ"];

/// Tall consonants with marks pulled left, inside words.
const MID_WORD: &str = "ใบป้ายปี่นี้ฝั่งฟ้าฬ้าผู้ใหญ่ฐุน้ำ";

/// Shapes `text` as one run with rustybuzz (Thai script and language as guessed from
/// the text), converting font units to points and clusters to byte ranges.
fn shape(fonts: &Fonts, font: FontId, size: f32, x: f32, y: f32, text: &str) -> GlyphRun {
    let face = fonts.get(font).face();
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    let shaped = rustybuzz::shape(&face, &[], buffer);
    let scale = size / f32::from(face.units_per_em() as u16);
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();
    let glyphs = infos
        .iter()
        .zip(positions)
        .map(|(info, pos)| {
            let start = info.cluster as usize;
            let end = infos
                .iter()
                .map(|i| i.cluster as usize)
                .filter(|&c| c > start)
                .min()
                .unwrap_or(text.len());
            Glyph {
                id: info.glyph_id as u16,
                x_advance: pos.x_advance as f32 * scale,
                x_offset: pos.x_offset as f32 * scale,
                y_offset: pos.y_offset as f32 * scale,
                text: start..end,
            }
        })
        .collect();
    GlyphRun {
        font,
        size,
        x,
        y,
        text: text.to_string(),
        glyphs,
    }
}

fn metadata() -> Metadata {
    Metadata {
        title: "บันทึกข้อความ ทดสอบ".into(),
        author: "องค์การบริหารส่วนตำบลทดสอบ".into(),
        subject: "ผลการประเมิน ITA".into(),
        keywords: "ITA, คุณธรรม, ความโปร่งใส".into(),
        lang: "th".into(),
    }
}

/// One A4 page with each hard mark combination on its own line, a mixed Thai and
/// Latin sentence in bold, a dotted leader, a solid rule and a framed box.
fn sample_layout() -> Layout {
    let fonts = Fonts::builtin();
    let mut items = Vec::new();
    let mut y = 100.0;
    for word in MARKS {
        items.push(Item::Glyphs(shape(
            &fonts,
            FontId::Regular,
            28.0,
            85.0,
            y,
            word,
        )));
        y += 40.0;
    }
    items.push(Item::Glyphs(shape(
        &fonts,
        FontId::Bold,
        16.0,
        85.0,
        y,
        "ผลการประเมิน ITA ปี ๒๕๖๖ ได้ 98.85 คะแนน (Integrity)",
    )));
    y += 30.0;
    // Left-shifted marks in the middle of words: no space may be copied out there.
    items.push(Item::Glyphs(shape(
        &fonts,
        FontId::Regular,
        20.0,
        85.0,
        y,
        MID_WORD,
    )));
    y += 30.0;
    let label = shape(&fonts, FontId::Regular, 16.0, 85.0, y, "ส่วนราชการ");
    let end: f32 = label.x + label.glyphs.iter().map(|g| g.x_advance).sum::<f32>();
    items.push(Item::Glyphs(label));
    items.push(Item::Line(LineItem {
        from: (end + 4.0, y + 2.0),
        to: (A4_WIDTH - 57.0, y + 2.0),
        width: 0.8,
        dotted: true,
    }));
    y += 20.0;
    items.push(Item::Line(LineItem {
        from: (85.0, y),
        to: (A4_WIDTH - 57.0, y),
        width: 0.5,
        dotted: false,
    }));
    items.push(Item::Rect(RectItem {
        x: 85.0,
        y: y + 10.0,
        width: 200.0,
        height: 30.0,
        fill: Some([230, 230, 230]),
        stroke: Some(0.5),
    }));
    items.push(Item::Image(ImageItem {
        data: Arc::new(tiny_png()),
        kind: ImageKind::Png,
        x: 400.0,
        y: 60.0,
        width: 40.0,
        height: 40.0,
    }));
    items.push(Item::Image(ImageItem {
        data: Arc::new(SVG.as_bytes().to_vec()),
        kind: ImageKind::Svg,
        x: 460.0,
        y: 60.0,
        width: 42.5,
        height: 42.5,
    }));
    Layout {
        pages: vec![Page {
            width: A4_WIDTH,
            height: A4_HEIGHT,
            items,
        }],
        fonts,
        meta: metadata(),
        warnings: Vec::new(),
        structure: Vec::new(),
    }
}

/// Runs a poppler tool on a PDF and returns its standard output.
fn poppler(tool: &str, args: &[&str], pdf: &[u8], name: &str) -> String {
    let path = temp_path(name);
    std::fs::write(&path, pdf).expect("write temporary PDF");
    let mut command = Command::new(tool);
    command.args(args).arg(&path);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let output = command.output().unwrap_or_else(|e| {
        panic!("cannot run {tool} ({e}): install poppler-utils by running scripts/test.sh")
    });
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("poppler prints UTF-8")
}

fn temp_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("itadoc-pdf-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir.join(name)
}

fn without_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn all_text(layout: &Layout) -> String {
    layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|item| match item {
            Item::Glyphs(run) => Some(run.text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn copied_text_is_the_exact_thai_source() {
    let layout = sample_layout();
    let bytes = pdf::write(&layout, &PdfOptions::default()).expect("write PDF");
    let text = poppler("pdftotext", &["-enc", "UTF-8"], &bytes, "text.pdf");
    assert_eq!(
        without_whitespace(&text),
        without_whitespace(&all_text(&layout))
    );
    // Line by line too: each hard word comes back on its own line, in order.
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(&lines[..MARKS.len()], &MARKS[..]);
    assert!(lines.contains(&MID_WORD), "{text}");
    assert!(
        lines.contains(&"ผลการประเมิน ITA ปี ๒๕๖๖ ได้ 98.85 คะแนน (Integrity)"),
        "{text}"
    );
}

/// Distributed justification puts a little space after every grapheme cluster,
/// including after marks. Copying a stretched line must still give the words back
/// without spaces inside them.
#[test]
fn stretched_thai_copies_out_without_inner_spaces() {
    let fonts = Fonts::builtin();
    let text = "ผลการดำเนินงานของหน่วยงานภาครัฐที่ได้ค่าเป้าหมาย";
    let mut run = shape(&fonts, FontId::Regular, 16.0, 85.0, 100.0, text);
    // 1.2 pt after the last glyph of each cluster (0.075 em).
    let n = run.glyphs.len();
    for i in 0..n {
        if i + 1 == n || run.glyphs[i + 1].text != run.glyphs[i].text {
            run.glyphs[i].x_advance += 1.2;
        }
    }
    let layout = Layout {
        pages: vec![Page {
            width: A4_WIDTH,
            height: A4_HEIGHT,
            items: vec![Item::Glyphs(run)],
        }],
        fonts,
        meta: metadata(),
        warnings: Vec::new(),
        structure: Vec::new(),
    };
    let bytes = pdf::write(&layout, &PdfOptions::default()).expect("write PDF");
    let copied = poppler("pdftotext", &["-enc", "UTF-8"], &bytes, "stretched.pdf");
    assert_eq!(copied.trim(), text);
}

#[test]
fn fonts_are_embedded_as_subsets() {
    let bytes = pdf::write(&sample_layout(), &PdfOptions::default()).expect("write PDF");
    let listing = poppler("pdffonts", &[], &bytes, "fonts.pdf");
    let rows: Vec<&str> = listing.lines().skip(2).collect();
    // Regular and bold are used; italic is not, so it must not be embedded.
    assert_eq!(rows.len(), 2, "{listing}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object ID: emb, sub and uni are the 3 yes/no
        // columns before the object number.
        let n = columns.len();
        assert_eq!(&columns[n - 5..n - 2], &["yes", "yes", "yes"], "{row}");
        assert!(
            columns[0].contains('+'),
            "subset fonts get a tag prefix: {row}"
        );
        assert!(columns[0].contains("Laksaman"), "{row}");
    }
}

#[test]
fn info_has_metadata_and_page_size() {
    let bytes = pdf::write(&sample_layout(), &PdfOptions::default()).expect("write PDF");
    let info = poppler("pdfinfo", &[], &bytes, "info.pdf");
    assert!(info.contains("Title:           บันทึกข้อความ ทดสอบ"), "{info}");
    assert!(
        info.contains("Author:          องค์การบริหารส่วนตำบลทดสอบ"),
        "{info}"
    );
    assert!(info.contains("Subject:         ผลการประเมิน ITA"), "{info}");
    assert!(
        info.contains("Keywords:        ITA, คุณธรรม, ความโปร่งใส"),
        "{info}"
    );
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
    assert!(
        !info.contains("CreationDate"),
        "no date unless asked: {info}"
    );
    // The language goes into the catalog; poppler does not print it, so look there.
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/Lang(th)"), "catalog has /Lang (th)");
}

#[test]
fn same_layout_gives_same_bytes() {
    let layout = sample_layout();
    let first = pdf::write(&layout, &PdfOptions::default()).expect("write PDF");
    let second = pdf::write(&sample_layout(), &PdfOptions::default()).expect("write PDF");
    assert!(first == second, "two writes of the same layout differ");

    let stamp = chrono::NaiveDate::from_ymd_opt(2023, 8, 11)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap();
    let dated = PdfOptions {
        timestamp: Some(stamp),
        ..PdfOptions::default()
    };
    let a = pdf::write(&layout, &dated).expect("write PDF");
    let b = pdf::write(&layout, &dated).expect("write PDF");
    assert!(a == b, "two dated writes differ");
    assert!(a != first, "the date must be recorded");
    let info = poppler("pdfinfo", &["-isodates"], &a, "dated.pdf");
    assert!(info.contains("2023-08-11T09:30:00"), "{info}");
}

#[test]
fn pdfa_passes_validation_and_is_declared() {
    let stamp = chrono::NaiveDate::from_ymd_opt(2023, 8, 11)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap();
    let layout = sample_layout();
    let bytes = pdf::write(&layout, &PdfOptions::pdfa(Some(stamp))).expect("valid PDF/A-2u");
    let raw = String::from_utf8_lossy(&bytes);
    assert!(
        raw.contains("<pdfaid:part>2</pdfaid:part>"),
        "XMP declares PDF/A part 2"
    );
    assert!(raw.contains("<pdfaid:conformance>U</pdfaid:conformance>"));
    assert!(
        raw.contains("/OutputIntents"),
        "PDF/A needs an output intent"
    );
    let info = poppler("pdfinfo", &["-meta"], &bytes, "pdfa.pdf");
    assert!(
        info.contains("pdfaid:part"),
        "poppler sees the PDF/A metadata: {info}"
    );
    let text = poppler("pdftotext", &["-enc", "UTF-8"], &bytes, "pdfa-text.pdf");
    assert_eq!(
        without_whitespace(&text),
        without_whitespace(&all_text(&layout))
    );
    // Deterministic with a fixed date.
    assert!(bytes == pdf::write(&layout, &PdfOptions::pdfa(Some(stamp))).unwrap());
}

#[test]
fn pdfa_rejects_missing_glyphs_and_lists_them() {
    let mut layout = sample_layout();
    // Glyph 0 (.notdef) is what a shaper produces for a character the font lacks.
    let mut run = shape(&layout.fonts, FontId::Regular, 16.0, 85.0, 700.0, "กขك");
    for glyph in &mut run.glyphs {
        if run.text[glyph.text.clone()].contains('ك') {
            assert_eq!(
                glyph.id, 0,
                "Laksaman has no Arabic, so ك shapes to .notdef"
            );
        }
    }
    layout.pages[0].items.push(Item::Glyphs(run));
    let error = pdf::write(&layout, &PdfOptions::pdfa(None)).expect_err("notdef is not PDF/A");
    let PdfError::Validation { problems, .. } = &error else {
        panic!("expected a validation error, got {error}");
    };
    assert!(
        problems
            .iter()
            .any(|p| p.en.contains("U+0643") && p.en.contains("Laksaman")),
        "{problems:?}"
    );
    let message = error.to_string();
    assert!(
        message.starts_with("the document is not valid PDF/A-2u"),
        "{message}"
    );
    // Plain PDF still writes it (the typesetter warns about it instead).
    assert!(pdf::write(&layout, &PdfOptions::default()).is_ok());
}

/// A 2×2 PNG: red, green / blue, white.
fn tiny_png() -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, 2, 2);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer
        .write_image_data(&[255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255])
        .unwrap();
    writer.finish().unwrap();
    out
}

const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40"><circle cx="20" cy="20" r="18" fill="#b8860b"/></svg>"##;

#[test]
fn images_are_placed() {
    let layout = sample_layout();
    let bytes = pdf::write(&layout, &PdfOptions::default()).expect("write PDF");
    let listing = poppler("pdfimages", &["-list"], &bytes, "images.pdf");
    let rows: Vec<&str> = listing.lines().skip(2).collect();
    assert_eq!(
        rows.len(),
        1,
        "one raster image (the SVG is vector): {listing}"
    );
    assert!(rows[0].split_whitespace().nth(3) == Some("2"), "{listing}");

    // Broken image bytes are an error naming the page, not a panic.
    let mut broken = sample_layout();
    broken.pages[0].items.push(Item::Image(ImageItem {
        data: Arc::new(b"<svg".to_vec()),
        kind: ImageKind::Svg,
        x: 0.0,
        y: 0.0,
        width: 10.0,
        height: 10.0,
    }));
    let error = pdf::write(&broken, &PdfOptions::default()).expect_err("broken SVG");
    assert!(error.to_string().contains("SVG image on page 1"), "{error}");
}

#[test]
fn impossible_page_size_is_an_error() {
    let mut layout = sample_layout();
    layout.pages[0].width = 0.0;
    let error = pdf::write(&layout, &PdfOptions::default()).expect_err("zero width");
    assert!(matches!(error, PdfError::PageSize { page: 1, .. }));
    assert!(error.to_string().contains("page 1"));
}

#[test]
fn landscape_pages_keep_their_size() {
    let mut layout = sample_layout();
    let mut landscape = layout.pages[0].clone();
    std::mem::swap(&mut landscape.width, &mut landscape.height);
    layout.pages.push(landscape);
    let bytes = pdf::write(&layout, &PdfOptions::default()).expect("write PDF");
    let info = poppler("pdfinfo", &["-f", "1", "-l", "2"], &bytes, "landscape.pdf");
    assert!(info.contains("Pages:           2"), "{info}");
    assert!(
        info.contains("Page    2 size:  841.89 x 595.276 pts"),
        "{info}"
    );
}

/// The sample is a PDF 1.7 of one A4 page as poppler reads it, and is written to
/// the path in `ITADOC_KEEP_PDF` when that is set, to be rendered with pdftoppm.
#[test]
fn sample_is_one_a4_page_of_pdf_1_7() {
    let layout = sample_layout();
    let bytes = pdf::write(&layout, &PdfOptions::default()).expect("write PDF");
    let info = poppler("pdfinfo", &[], &bytes, "sample.pdf");
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    assert_eq!(field("PDF version:"), "1.7", "{info}");
    assert_eq!(field("Pages:"), layout.pages.len().to_string(), "{info}");
    assert_eq!(layout.pages.len(), 1);
    assert!(
        field("Page size:").starts_with("595.276 x 841.89"),
        "{info}"
    );
    if let Some(path) = std::env::var_os("ITADOC_KEEP_PDF") {
        std::fs::write(path, &bytes).expect("write sample PDF");
    }
}
