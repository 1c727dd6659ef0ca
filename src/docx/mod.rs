//! Writes a markup [`Document`] as a Word document (DOCX, Office Open XML), beside
//! markup → `typeset` → `pdf`: the same text and structure, in a file an officer can
//! edit, sign and print from Word.
//!
//! The writer is a short pipeline:
//!
//! 1. **body** (module `body`): every section's blocks become WordprocessingML
//!    paragraphs and tables (Thai distributed justification, indents and tab stops in
//!    twips, tab leaders for dotted fields, list labels as text, signature blocks as
//!    centred paragraphs inset like the PDF's, tables with the PDF's column widths,
//!    repeated header rows, merged cells and shading); each section gets its page
//!    size, orientation, margins and a "- ๒ -" page-number header from its second page;
//! 2. **media**: emblems are stored in `word/media/` (an SVG both as itself and as a
//!    PNG, see module `image`);
//! 3. **package**: the parts (styles with the font for every script, settings,
//!    headers, properties) are zipped (module `zip`), deterministically.
//!
//! Nothing here breaks lines: Word (or LibreOffice) breaks the lines and pages
//! itself with the fonts it has, so the pages are close to the PDF's, not identical.
//! Only the tables' column widths are measured, by the typesetter's own function,
//! so that Word's columns are the PDF's.
//! The engine's own texts follow the PDF: list labels in the document's digits; page
//! numbers through the PAGE field, formatted `thaiNumbers` when the digits are Thai.

mod body;
mod image;
mod parts;
mod xml;
mod zip;

use std::fmt;

use crate::markup::Document;
use crate::typeset::Fonts;

/// The font the DOCX names by default: the one government PCs have.
pub const DEFAULT_FONT: &str = "TH SarabunIT๙";

/// The application name recorded in `docProps/app.xml`.
const APPLICATION: &str = concat!("itadoc ", env!("CARGO_PKG_VERSION"));

/// Namespace declaration of WordprocessingML.
const NS_W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
/// Namespace declaration of relationships.
const NS_R: &str =
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// How to write the DOCX.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxOptions {
    /// Font named for every script (Latin, complex script, East Asian).
    pub font: String,
}

impl Default for DocxOptions {
    fn default() -> Self {
        DocxOptions {
            font: DEFAULT_FONT.to_string(),
        }
    }
}

/// Why a document could not be written as DOCX (an unreadable emblem, most likely).
#[derive(Debug, Clone, PartialEq)]
pub struct DocxError(pub String);

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DocxError {}

/// `w:rFonts` naming `font` for every script, with the complex-script hint, so Word
/// sets Thai (and the digits and spaces between Thai words) in this font.
fn run_fonts(font: &str) -> String {
    let f = xml::esc(font);
    format!(r#"<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}" w:hint="cs"/>"#)
}

/// Writes `doc` as the bytes of a DOCX file, its tables' columns fitted with the
/// built-in fonts (see [`write_with_fonts`]).
pub fn write(doc: &Document, opts: &DocxOptions) -> Result<Vec<u8>, DocxError> {
    write_with_fonts(doc, opts, &Fonts::builtin())
}

/// Writes `doc` as the bytes of a DOCX file. Its tables' columns get the widths the
/// PDF's get when typeset with `fonts` ([`crate::typeset::fitted_widths`]): they
/// are decided once, from the markup and the fonts, not by each writer.
pub fn write_with_fonts(
    doc: &Document,
    opts: &DocxOptions,
    fonts: &Fonts,
) -> Result<Vec<u8>, DocxError> {
    let font = if opts.font.trim().is_empty() {
        DEFAULT_FONT
    } else {
        opts.font.trim()
    };
    let built = body::build(doc, font, fonts).map_err(DocxError)?;
    let base_size = doc.sections.first().map_or(16.0, |s| s.font_size);

    let mut rels = Vec::new();
    let mut headers = Vec::new();
    for (i, size) in built.headers.iter().enumerate() {
        rels.push((
            format!("rIdH{}", i + 1),
            "header",
            format!("header{}.xml", i + 1),
        ));
        headers.push(parts::header(font, *size));
    }
    let mut media_names = Vec::new();
    for m in &built.media {
        rels.push((m.id.clone(), "image", format!("media/{}", m.name)));
        media_names.push(m.name.rsplit('.').next().unwrap_or("png"));
    }

    let content_types = parts::content_types(headers.len(), &media_names);
    let doc_rels = parts::document_rels(&rels);
    let styles = parts::styles(font, base_size, &doc.meta.lang);
    let settings = parts::settings();
    let fonts = parts::font_table(font);
    let core = parts::core(&doc.meta);
    let app = parts::app();
    let header_names: Vec<String> = (1..=headers.len())
        .map(|i| format!("word/header{i}.xml"))
        .collect();
    let media_paths: Vec<String> = built
        .media
        .iter()
        .map(|m| format!("word/media/{}", m.name))
        .collect();

    let mut entries = vec![
        zip::Entry {
            name: "[Content_Types].xml",
            data: content_types.as_bytes(),
            deflate: true,
        },
        zip::Entry {
            name: "_rels/.rels",
            data: parts::package_rels().as_bytes(),
            deflate: true,
        },
        zip::Entry {
            name: "word/document.xml",
            data: built.document.as_bytes(),
            deflate: true,
        },
        zip::Entry {
            name: "word/_rels/document.xml.rels",
            data: doc_rels.as_bytes(),
            deflate: true,
        },
        zip::Entry {
            name: "word/styles.xml",
            data: styles.as_bytes(),
            deflate: true,
        },
        zip::Entry {
            name: "word/settings.xml",
            data: settings.as_bytes(),
            deflate: true,
        },
        zip::Entry {
            name: "word/fontTable.xml",
            data: fonts.as_bytes(),
            deflate: true,
        },
    ];
    for (name, h) in header_names.iter().zip(&headers) {
        entries.push(zip::Entry {
            name,
            data: h.as_bytes(),
            deflate: true,
        });
    }
    for (path, m) in media_paths.iter().zip(&built.media) {
        entries.push(zip::Entry {
            name: path,
            data: &m.data,
            // PNG and JPEG are compressed already; SVG is text
            deflate: m.name.ends_with(".svg"),
        });
    }
    entries.push(zip::Entry {
        name: "docProps/core.xml",
        data: core.as_bytes(),
        deflate: true,
    });
    entries.push(zip::Entry {
        name: "docProps/app.xml",
        data: app.as_bytes(),
        deflate: true,
    });
    zip::write(&entries).map_err(DocxError)
}
