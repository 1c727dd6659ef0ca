//! Writes a typeset [`Layout`] as PDF with krilla.
//!
//! The writer is a short pipeline:
//!
//! 1. **configure**: serialisation settings from [`PdfOptions`] (PDF/A-2u validation or
//!    plain PDF 1.7, compressed streams);
//! 2. **fonts**: each of the family's styles becomes one krilla font, loaded once per
//!    document from the bytes [`Fonts`](crate::typeset::fonts::Fonts) already holds;
//!    krilla subsets and embeds them when the document is finished;
//! 3. **pages**: every [`Page`](crate::typeset::layout::Page) is drawn item by item
//!    in painting order (module `draw`);
//! 4. **metadata**: title, author, subject, keywords and language, and a date only
//!    when one is asked for, so the same layout always gives the same bytes;
//! 5. **finish**: krilla serialises the file; its validation errors (PDF/A) come
//!    back as one [`PdfError`] listing them all.
//!
//! Text is drawn from the glyphs the typesetter shaped, never re-shaped here. Each
//! glyph is given the characters it draws alone (module `text` splits the shaped
//! clusters: ที่ is ท, ี, ่), and krilla writes them as the font's ToUnicode map, so
//! copying text out of the PDF gives the Thai source back in every reader, including
//! those that ignore `/ActualText` (PDF.js, pdfminer).

mod draw;
mod error;
mod tags;
mod text;

use chrono::{Datelike, NaiveDateTime, Timelike};
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder, PdfVersion};
use krilla::metadata::{DateTime, Metadata as PdfMetadata};
use krilla::page::PageSettings;
use krilla::{Document, SerializeSettings};

use crate::typeset::layout::{Layout, Metadata};

pub use error::{PdfError, Problem};

/// The name written as the PDF's producer and creator tool.
const PRODUCER: &str = concat!("itadoc ", env!("CARGO_PKG_VERSION"));

/// How to write the PDF.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfOptions {
    /// Write PDF/A-2 (archival) and let krilla validate it: PDF/A-2a (accessible)
    /// when the layout describes its structure, as typeset documents do, else
    /// PDF/A-2u. PDF/A requires a date;
    /// when [`PdfOptions::timestamp`] is `None` the current time is used, so PDF/A
    /// output is only byte-for-byte reproducible with an explicit timestamp.
    pub pdfa: bool,
    /// Write PDF/UA-1 (universal accessibility) and let krilla validate it: the
    /// document needs a title, a structure and at least one heading (bookmarks).
    pub pdfua: bool,
    /// Creation and modification date (UTC) to record. `None` writes no date at all
    /// (except for PDF/A, see above), which keeps the output deterministic.
    pub timestamp: Option<NaiveDateTime>,
}

impl PdfOptions {
    /// Options for PDF/A-2u output with the given date (`None`: now).
    pub fn pdfa(timestamp: Option<NaiveDateTime>) -> PdfOptions {
        PdfOptions {
            pdfa: true,
            pdfua: false,
            timestamp,
        }
    }

    /// The timestamp from the `SOURCE_DATE_EPOCH` environment variable (seconds since
    /// 1970, the reproducible-builds convention), if it is set and valid.
    pub fn timestamp_from_env() -> Option<NaiveDateTime> {
        let secs: i64 = std::env::var("SOURCE_DATE_EPOCH")
            .ok()?
            .trim()
            .parse()
            .ok()?;
        chrono::DateTime::from_timestamp(secs, 0).map(|d| d.naive_utc())
    }
}

/// Writes the layout as a PDF and returns its bytes.
///
/// Fails when a font or image cannot be embedded, a page has an impossible size, or
/// (with [`PdfOptions::pdfa`]) the document breaks PDF/A-2u; the error lists every
/// problem krilla found.
pub fn write(layout: &Layout, opts: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    let tagged = !layout.structure.is_empty();
    let settings = configure(opts, tagged)?;
    let mut document = Document::new_with(settings);
    let fonts = draw::load_fonts(layout)?;
    let prepared = draw::prepare(layout, &fonts);
    let mut marker = tagged.then(|| draw::Marker::new(&layout.structure));

    for (index, (page, glyphs)) in layout.pages.iter().zip(&prepared).enumerate() {
        let number = index + 1;
        let page_settings =
            PageSettings::from_wh(page.width, page.height).ok_or(PdfError::PageSize {
                page: number,
                width: page.width,
                height: page.height,
            })?;
        let mut pdf_page = document.start_page_with(page_settings);
        let mut surface = pdf_page.surface();
        if index == 0 {
            draw::seed_text_map(&mut surface, layout, &prepared, &fonts);
        }
        draw::page(
            &mut surface,
            page,
            glyphs,
            &fonts,
            number,
            !opts.pdfa,
            marker.as_mut(),
        )?;
        surface.finish();
        pdf_page.finish();
    }

    let timestamp = match (opts.timestamp, opts.pdfa) {
        (Some(t), _) => Some(t),
        (None, true) => Some(chrono::Utc::now().naive_utc()),
        (None, false) => None,
    };
    let lang = language(&layout.meta);
    document.set_metadata(metadata(&layout.meta, timestamp));
    if let Some(marker) = marker.as_mut() {
        // no outline at all without headings: PDF/UA then refuses the file
        if let Some(outline) = tags::outline(&layout.structure, marker) {
            document.set_outline(outline);
        }
        document.set_tag_tree(tags::tree(&layout.structure, marker, lang));
    }

    let bytes = document
        .finish()
        .map_err(|e| error::from_krilla(e, &fonts.origins(), &standards(opts, tagged)))?;
    Ok(if tagged && !layout.meta.title.trim().is_empty() {
        display_doc_title(bytes)
    } else {
        bytes
    })
}

/// Asks viewers to show the document's title, not its file name, in their title
/// bar (`/ViewerPreferences << /DisplayDocTitle true >>` in the catalog). krilla
/// writes it only for PDF/UA; for the other files it is added here. krilla writes
/// the catalog as the last object, just before the cross-reference table, so the
/// entry goes at the end of the catalog's dictionary and only the table's own
/// offset (`startxref`) moves. A file laid out otherwise is returned unchanged.
fn display_doc_title(bytes: Vec<u8>) -> Vec<u8> {
    const END: &[u8] = b">>\nendobj\nxref\n";
    const ENTRY: &[u8] = b"/ViewerPreferences<</DisplayDocTitle true>>";
    let find_last = |hay: &[u8], needle: &[u8]| {
        (0..=hay.len().saturating_sub(needle.len()))
            .rev()
            .find(|&i| hay[i..].starts_with(needle))
    };
    let Some(end) = find_last(&bytes, END) else {
        return bytes;
    };
    let Some(catalog) = find_last(&bytes[..end], b"/Type/Catalog") else {
        return bytes;
    };
    if bytes[catalog..end].windows(9).any(|w| w == b"endobj\nxr")
        || find_last(&bytes[catalog..end], b"ViewerPreferences").is_some()
    {
        return bytes;
    }
    let Some(at) = find_last(&bytes, b"startxref\n") else {
        return bytes;
    };
    let digits_from = at + b"startxref\n".len();
    let digits_to = digits_from
        + bytes[digits_from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
    let Some(offset) = std::str::from_utf8(&bytes[digits_from..digits_to])
        .ok()
        .and_then(|d| d.parse::<usize>().ok())
        .filter(|&o| o == end + END.len() - b"xref\n".len())
    else {
        return bytes;
    };
    let mut out = Vec::with_capacity(bytes.len() + ENTRY.len());
    out.extend_from_slice(&bytes[..end]);
    out.extend_from_slice(ENTRY);
    out.extend_from_slice(&bytes[end..digits_from]);
    out.extend_from_slice((offset + ENTRY.len()).to_string().as_bytes());
    out.extend_from_slice(&bytes[digits_to..]);
    out
}

/// The standards the validators check, in words.
fn standards(opts: &PdfOptions, tagged: bool) -> String {
    let mut out = Vec::new();
    if opts.pdfa {
        out.push(if tagged { "PDF/A-2a" } else { "PDF/A-2u" });
    }
    if opts.pdfua {
        out.push("PDF/UA-1");
    }
    out.join(" and ")
}

/// Serialisation settings: PDF/A-2a (tagged) or 2u with validation, PDF/UA-1, or
/// plain PDF 1.7; tagged whenever the layout describes its structure.
fn configure(opts: &PdfOptions, tagged: bool) -> Result<SerializeSettings, PdfError> {
    let mut builder = ConfigurationBuilder::new();
    if opts.pdfa {
        builder = builder.with_archival_validator(if tagged {
            Archival::A2_A
        } else {
            Archival::A2_U
        });
    }
    if opts.pdfua {
        builder = builder.with_accessibility_validator(Accessibility::UA1);
    }
    if !opts.pdfa && !opts.pdfua {
        builder = builder.with_version(PdfVersion::Pdf17);
    }
    let configuration = builder
        .finish()
        .map_err(|e| PdfError::Other(format!("invalid PDF configuration: {e:?}")))?;
    Ok(SerializeSettings {
        configuration,
        enable_tagging: tagged,
        ..SerializeSettings::default()
    })
}

/// The document's language: the markup's, Thai by default.
fn language(meta: &Metadata) -> &str {
    let lang = meta.lang.trim();
    if lang.is_empty() {
        "th"
    } else {
        lang
    }
}

/// Document metadata; the language defaults to Thai.
fn metadata(meta: &Metadata, timestamp: Option<NaiveDateTime>) -> PdfMetadata {
    let mut out = PdfMetadata::new()
        .creator(PRODUCER.to_string())
        .producer(PRODUCER.to_string());
    if !meta.title.trim().is_empty() {
        out = out.title(meta.title.clone());
    }
    if !meta.author.trim().is_empty() {
        out = out.authors(vec![meta.author.clone()]);
    }
    if !meta.subject.trim().is_empty() {
        out = out.description(meta.subject.clone());
    }
    let keywords: Vec<String> = meta
        .keywords
        .split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_string)
        .collect();
    if !keywords.is_empty() {
        out = out.keywords(keywords);
    }
    out = out.language(language(meta).to_string());
    if let Some(t) = timestamp {
        out = out.creation_date(pdf_date(t));
    }
    out
}

/// A krilla date from a UTC timestamp.
fn pdf_date(t: NaiveDateTime) -> DateTime {
    DateTime::new(t.year().clamp(0, 9999) as u16)
        .month(t.month() as u8)
        .day(t.day() as u8)
        .hour(t.hour() as u8)
        .minute(t.minute() as u8)
        .second(t.second() as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}
