//! itadoc: turns one YAML file of a Thai agency's ITA results into the official
//! documents the agency must produce every year, as print-ready PDF and as editable
//! Word documents (DOCX).
//!
//! Data flows one way through the stages, each a module with one entry function:
//!
//! ```text
//! YAML → model::load_bytes → analysis::analyse → documents::render_markup
//!      → markup::parse → typeset::typeset → pdf::write
//!                      ↘ docx::write (the same markup as a Word document)
//! ```
//!
//! `thai` (numerals, dates, text normalisation), `ita` (the rules of each fiscal
//! year), `lang` (the language of messages), `yaml` (the built-in data files into
//! serde types) and `files` (reading with caps, paths kept inside the input's
//! folder, writing the documents) are leaves; they depend on nothing else here.
//!
//! This file is the orchestration: it resolves and reads every file the stages
//! need (the emblem, the fonts, the user's templates; through [`files`]) once,
//! passes bytes down, runs the stages and writes the documents. No stage below it
//! opens a file (the YAML itself is read here too, by [`load_input`]).

#![warn(missing_docs)]

pub mod analysis;
pub mod documents;
pub mod docx;
pub mod files;
pub mod ita;
pub mod lang;
pub mod markup;
pub mod model;
pub mod pdf;
pub mod report;
pub mod thai;
pub mod typeset;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use documents::DocumentKind;
pub use lang::Lang;
use report::pick;
use typeset::Fonts;

/// The file formats a document can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// PDF (`<year>-<document>.pdf`).
    #[default]
    Pdf,
    /// Word (`<year>-<document>.docx`), from the same markup as the PDF.
    Docx,
}

impl OutputFormat {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Pdf => "pdf",
            OutputFormat::Docx => "docx",
        }
    }
}

/// How to render one input file (the command line's `render` flags).
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Documents to render; `None` renders every document the file has data for.
    pub only: Option<Vec<DocumentKind>>,
    /// Output folder (created if needed).
    pub out_dir: PathBuf,
    /// Override of `settings.thai_digits` (`Some(false)` for `--arabic-digits`).
    pub thai_digits: Option<bool>,
    /// A folder of the user's own fonts (TH SarabunPSK …), overriding `settings.font`.
    pub fonts_dir: Option<PathBuf>,
    /// A folder of templates replacing the built-in ones.
    pub templates_dir: Option<PathBuf>,
    /// The emblem image, overriding `agency.emblem`.
    pub emblem: Option<PathBuf>,
    /// Write PDF/A-2a (tagged, as every typeset document is).
    pub pdfa: bool,
    /// Write PDF/UA-1.
    pub pdfua: bool,
    /// Write even when `check` finds errors.
    pub force: bool,
    /// Language of messages (the documents themselves are always Thai).
    pub lang: Lang,
    /// The formats to write each document in (PDF when empty).
    pub formats: Vec<OutputFormat>,
    /// The font a DOCX names (`--docx-font`), over `settings.docx_font`; TH SarabunIT๙
    /// when neither is given.
    pub docx_font: Option<String>,
}

/// One document written.
#[derive(Debug, Clone)]
pub struct RenderedDoc {
    /// Which document.
    pub kind: DocumentKind,
    /// Where it was written.
    pub path: PathBuf,
    /// Number of pages of the PDF (0 when only a DOCX is written: Word lays it out).
    pub pages: usize,
    /// Size in bytes.
    pub bytes: usize,
}

/// What a render did.
#[derive(Debug, Clone, Default)]
pub struct RenderReport {
    /// The documents written, in order.
    pub docs: Vec<RenderedDoc>,
    /// Documents asked for (or possible) that the file has no data for.
    pub skipped: Vec<DocumentKind>,
    /// Warnings from loading, checking and typesetting, one line each.
    pub warnings: Vec<String>,
}

/// Why a render failed: one message for the user, already in the language asked
/// for (several lines when the check found several errors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RenderError {}

/// The images the templates name, with the bundled emblem drawing: what a caller
/// that typesets the documents' markup attaches (`markup::Document::images`) when
/// the agency gives no emblem.
pub fn builtin_images() -> markup::Images {
    let mut images = markup::Images::new();
    images.insert(
        documents::EMBLEM_IMAGE.to_string(),
        Arc::new(documents::DEFAULT_EMBLEM_SVG.as_bytes().to_vec()),
    );
    images
}

/// The file name of a document: `<year>-<document>.<ext>`, e.g. `2566-memo.pdf`.
pub fn output_name(year: i64, kind: DocumentKind, format: OutputFormat) -> String {
    format!("{year}-{}.{}", kind.name(), format.extension())
}

/// What the command line's flags name (fonts, templates, emblem), read once and
/// shared by every input file of a batch. An input's own `settings.font` and
/// `agency.emblem` are used only where the flags name nothing.
#[derive(Debug, Clone, Default)]
pub struct Shared {
    /// The `--fonts` family.
    pub fonts: Option<Fonts>,
    /// The `--templates` files, as (file name, text).
    pub templates: Option<Vec<(String, String)>>,
    /// The `--emblem` image's bytes.
    pub emblem: Option<Arc<Vec<u8>>>,
    /// What the font loader chose or stood in for, one line each.
    pub notes: Vec<String>,
}

impl Shared {
    /// Reads the files the options' flags name.
    pub fn load(opts: &RenderOptions) -> Result<Shared, RenderError> {
        let lang = opts.lang;
        let mut shared = Shared::default();
        if let Some(dir) = &opts.fonts_dir {
            let fonts = load_fonts(dir, lang)?;
            shared.notes = font_notes(&fonts, lang);
            shared.fonts = Some(fonts);
        }
        if let Some(dir) = &opts.templates_dir {
            shared.templates =
                Some(files::read_templates(dir).map_err(|e| RenderError(e.message(lang)))?);
        }
        if let Some(path) = &opts.emblem {
            shared.emblem = Some(load_emblem(path, lang, None)?);
        }
        Ok(shared)
    }
}

/// A font family from the font files of `dir`.
fn load_fonts(dir: &Path, lang: Lang) -> Result<Fonts, RenderError> {
    load_fonts_within(dir, None, lang)
}

/// [`load_fonts`] for a folder named in the input: its files must stay inside
/// `root`, the input's folder, links followed.
fn load_fonts_within(dir: &Path, root: Option<&Path>, lang: Lang) -> Result<Fonts, RenderError> {
    let found = files::read_folder_within(
        dir,
        files::FileKind::Font,
        typeset::fonts::is_font_file,
        root,
    )
    .map_err(|e| RenderError(e.message(lang)))?;
    Fonts::from_files(dir, found).map_err(|e| RenderError(e.message(lang).to_string()))
}

/// What the loader chose or stood in for, so a user's font folder never
/// surprises silently.
fn font_notes(fonts: &Fonts, lang: Lang) -> Vec<String> {
    let label = pick(lang, "ฟอนต์", "fonts");
    fonts
        .notes()
        .iter()
        .map(|n| format!("{label}: {n}"))
        .collect()
}

/// The emblem image at `path`, read and checked (`typeset::image::check`: a PNG,
/// JPEG or SVG within the emblem's bounds). `at` places the error in the input
/// when the path was written there (`agency.emblem`).
fn load_emblem(
    path: &Path,
    lang: Lang,
    at: Option<&model::Loaded>,
) -> Result<Arc<Vec<u8>>, RenderError> {
    let bytes =
        files::read(path, files::FileKind::Image).map_err(|e| RenderError(e.message(lang)))?;
    match typeset::image::check(&bytes) {
        Ok(_) => Ok(Arc::new(bytes)),
        Err(e) => {
            let message = |lang| format!("{}: {}", path.display(), e.message(lang));
            Err(RenderError(match at {
                Some(loaded) => loaded
                    .diagnostic_at(
                        "agency.emblem",
                        "bad-emblem",
                        message(Lang::Th),
                        message(Lang::En),
                    )
                    .render(lang),
                None => message(lang),
            }))
        }
    }
}

/// Reads and loads the input file at `path`: a regular file of at most 1 MB (see
/// [`files::read`]), then `model::load_bytes`. The model stage itself opens no
/// file.
pub fn load_input(path: &Path) -> Result<model::Loaded, model::LoadError> {
    let bytes = files::read(path, files::FileKind::Input).map_err(|e| model::LoadError::File {
        message_th: e.message(Lang::Th),
        message_en: e.message(Lang::En),
    })?;
    model::load_bytes(&bytes, &path.display().to_string())
}

/// Renders the documents of one input file: the whole pipeline, from [`load_input`]
/// through `analysis`, `documents::render_markup`, `markup::parse` and
/// `typeset::typeset` to `pdf::write`, and from the same markup `docx::write` when
/// `opts.formats` asks for DOCX. Every document is made in memory first and
/// the set is written (see [`files::write_set`]) only when all of them succeeded,
/// so an error leaves no file behind. Refuses to write when `analysis::check`
/// reports an error, unless `opts.force`.
pub fn render(input_path: &Path, opts: &RenderOptions) -> Result<RenderReport, RenderError> {
    let shared = Shared::load(opts)?;
    let mut report = render_with(input_path, opts, &shared)?;
    report.warnings.splice(0..0, shared.notes);
    Ok(report)
}

/// [`render`] with the flags' files already read (a batch reads them once). The
/// notes of `shared` are not repeated in the report.
pub fn render_with(
    input_path: &Path,
    opts: &RenderOptions,
    shared: &Shared,
) -> Result<RenderReport, RenderError> {
    let lang = opts.lang;
    let loaded = load_input(input_path).map_err(|e| RenderError(e.render(lang)))?;
    let mut report = RenderReport {
        warnings: loaded.warnings.iter().map(|w| w.render(lang)).collect(),
        ..Default::default()
    };
    // The check runs beside the rendering (it takes a few ms to load its place
    // names and word lists); its verdict is waited for before anything is written.
    let (errors, rendered) = rayon::join(
        || {
            analysis::check(&loaded)
                .iter()
                .filter(|f| f.severity == analysis::Severity::Error)
                .map(|f| report::finding(f, &loaded.origin, lang))
                .collect::<Vec<_>>()
        },
        || render_loaded(input_path, &loaded, opts, shared),
    );
    if !errors.is_empty() && !opts.force {
        return Err(RenderError(format!(
            "{}\n{}",
            errors.join("\n"),
            pick(
                lang,
                "พบข้อผิดพลาดในข้อมูล จึงไม่เขียนเอกสาร (แก้ไขข้อมูล หรือใช้ --force)",
                "the check found errors: nothing written (fix them, or use --force)"
            )
        )));
    }
    let made = rendered?;
    report.skipped = made.skipped;
    report.warnings.extend(made.warnings);

    let year = i64::from(loaded.input.year);
    let formats = if opts.formats.is_empty() {
        vec![OutputFormat::Pdf]
    } else {
        opts.formats.clone()
    };
    let mut set: Vec<(String, &[u8])> = Vec::new();
    for doc in &made.docs {
        for format in &formats {
            let bytes = match format {
                OutputFormat::Pdf => doc.pdf.as_slice(),
                OutputFormat::Docx => doc.docx.as_slice(),
            };
            set.push((output_name(year, doc.kind, *format), bytes));
        }
    }
    let paths = files::write_set(&opts.out_dir, &set).map_err(|e| RenderError(e.message(lang)))?;
    let mut paths = paths.into_iter();
    for doc in &made.docs {
        for format in &formats {
            let Some(path) = paths.next() else { break };
            report.docs.push(RenderedDoc {
                kind: doc.kind,
                path,
                pages: doc.pages,
                bytes: match format {
                    OutputFormat::Pdf => doc.pdf.len(),
                    OutputFormat::Docx => doc.docx.len(),
                },
            });
        }
    }
    Ok(report)
}

/// One document made in memory, in the formats asked for (empty otherwise).
struct Made {
    kind: DocumentKind,
    pages: usize,
    pdf: Vec<u8>,
    docx: Vec<u8>,
}

/// The documents of one input, made in memory.
struct MadeSet {
    docs: Vec<Made>,
    skipped: Vec<DocumentKind>,
    warnings: Vec<String>,
}

/// The documents of a loaded input, typeset and written to PDF bytes in memory,
/// each document the input has data for.
fn render_loaded(
    input_path: &Path,
    loaded: &model::Loaded,
    opts: &RenderOptions,
    shared: &Shared,
) -> Result<MadeSet, RenderError> {
    use rayon::prelude::*;
    let lang = opts.lang;
    let input = &loaded.input;
    // The built-in templates shared by every document are parsed beside the
    // analysis, so the documents' threads find them ready.
    let thai_digits = opts.thai_digits.unwrap_or(input.settings.thai_digits);
    let (analysis, ()) = rayon::join(
        || analysis::analyse(input),
        || {
            if shared.templates.is_none() {
                documents::templates::prepare(thai_digits);
            }
        },
    );
    let analysis = analysis.map_err(|e| RenderError(e.to_string()))?;
    // what the documents leave out as internal goes to the terminal
    let mut warnings = analysis.notes(lang);
    warnings.extend(analysis::unused_fields(input, &analysis, lang));

    // the files the input names stay inside its folder (the flags are the user's
    // own, and win)
    let base = input_path.parent().unwrap_or(Path::new("."));
    let local = |field: &str, value: &str| {
        loaded
            .local_file(field, value, base)
            .map_err(|d| RenderError(d.render(lang)))
    };
    let mut images = builtin_images();
    let emblem = match (&shared.emblem, &input.agency.emblem) {
        (Some(bytes), _) => Some(bytes.clone()),
        (None, Some(name)) => Some(load_emblem(
            &local("agency.emblem", name)?,
            lang,
            Some(loaded),
        )?),
        (None, None) => None,
    };
    if let Some(bytes) = emblem {
        images.insert(documents::EMBLEM_IMAGE.to_string(), bytes);
    }

    let font_setting = input.settings.font.trim();
    let fonts = match &shared.fonts {
        Some(f) => f.clone(),
        None if !font_setting.is_empty() && font_setting != "default" => {
            let fonts =
                load_fonts_within(&local("settings.font", font_setting)?, Some(base), lang)?;
            warnings.extend(font_notes(&fonts, lang));
            fonts
        }
        None => Fonts::builtin(),
    };
    let doc_opts = documents::Options {
        thai_digits,
        templates: shared.templates.clone(),
    };
    let pdf_opts = pdf::PdfOptions {
        pdfa: opts.pdfa,
        pdfua: opts.pdfua,
        timestamp: pdf::PdfOptions::timestamp_from_env(),
    };
    let want_pdf = opts.formats.is_empty() || opts.formats.contains(&OutputFormat::Pdf);
    let want_docx = opts.formats.contains(&OutputFormat::Docx);
    let docx_opts = docx::DocxOptions {
        font: opts
            .docx_font
            .clone()
            .or_else(|| input.settings.docx_font.clone())
            .unwrap_or_else(|| docx::DEFAULT_FONT.to_string()),
    };

    let mut wanted = opts
        .only
        .clone()
        .unwrap_or_else(|| DocumentKind::ALL.to_vec());
    // each document once, in the order they are always written
    wanted.sort();
    wanted.dedup();
    let (kinds, skipped): (Vec<_>, Vec<_>) = wanted
        .into_iter()
        .partition(|k| k.available(input, &analysis));

    // One document, from the template to the PDF bytes; a panic in any stage is
    // that document's error, not the process's end.
    let one = |kind: DocumentKind| -> Result<(Made, Vec<String>), String> {
        let xml = documents::render_markup(kind, input, &analysis, &doc_opts)
            .map_err(|e| e.to_string())?;
        let mut doc = markup::parse(&xml, &kind.template_file()).map_err(|e| e.to_string())?;
        doc.images = images.clone();
        let (mut pages, mut pdf, mut warnings) = (0, Vec::new(), Vec::new());
        if want_pdf {
            let layout = typeset::typeset(&doc, &fonts).map_err(|e| format!("{kind}: {e}"))?;
            warnings = report::typeset_warnings(kind, &layout.warnings, lang);
            pdf = pdf::write(&layout, &pdf_opts)
                .map_err(|e| format!("{kind}: {}", e.message(lang)))?;
            pages = layout.pages.len();
        }
        // the Word document from the same markup (no typesetting: Word lays it out)
        let docx = if want_docx {
            docx::write_with_fonts(&doc, &docx_opts, &fonts).map_err(|e| format!("{kind}: {e}"))?
        } else {
            Vec::new()
        };
        Ok((
            Made {
                kind,
                pages,
                pdf,
                docx,
            },
            warnings,
        ))
    };
    let results: Vec<_> = kinds
        .par_iter()
        .map(|k| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| one(*k))).unwrap_or_else(
                |panic| {
                    Err(format!(
                        "{k}: {} ({})",
                        pick(lang, "โปรแกรมขัดข้องภายใน", "internal error"),
                        panic_message(&*panic)
                    ))
                },
            )
        })
        .collect();
    let mut docs = Vec::new();
    for result in results {
        let (made, w) = result.map_err(RenderError)?;
        warnings.extend(w);
        docs.push(made);
    }
    Ok(MadeSet {
        docs,
        skipped,
        warnings,
    })
}

/// The text of a caught panic's payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}
