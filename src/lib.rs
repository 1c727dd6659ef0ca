//! itadoc: turns one YAML file of a Thai agency's ITA results into the official
//! documents the agency must produce every year, as print-ready PDF.
//!
//! Data flows one way through the stages, each a module with one entry function:
//!
//! ```text
//! YAML → model::load → analysis::analyse → documents::render_markup
//!      → markup::parse → typeset::typeset → pdf::write
//! ```
//!
//! `thai` (numerals, dates, text normalisation), `ita` (the rules of each
//! fiscal year), `files` (reading files with caps, paths kept inside the
//! input's folder) and `yaml` (the built-in data files into serde types) are leaves that the stages use; they depend on nothing else here.

pub mod analysis;
pub mod documents;
pub mod docx;
pub mod files;
pub mod ita;
pub mod markup;
pub mod model;
pub mod pdf;
pub mod thai;
pub mod typeset;
pub mod yaml;

/// Renders the documents of one input file to PDF: the whole pipeline, from
/// `model::load` through `analysis`, `documents::render_markup`, `markup::parse` and
/// `typeset::typeset` to `pdf::write`. Every document is typeset in memory first and
/// written (atomically) only when all of them succeeded, so an error leaves no file
/// behind. Refuses to write when `analysis::check` reports an error, unless
/// `opts.force`.
pub fn render(
    input_path: &std::path::Path,
    opts: &documents::RenderOptions,
) -> anyhow::Result<documents::RenderReport> {
    let lang = if opts.lang == "en" {
        model::Lang::En
    } else {
        model::Lang::Th
    };
    let en = lang == model::Lang::En;

    // load and check
    let loaded = model::load(input_path).map_err(|e| anyhow::anyhow!(e.render(lang)))?;
    let mut report = documents::RenderReport {
        warnings: loaded.warnings.iter().map(|w| w.render(lang)).collect(),
        ..Default::default()
    };
    // The check runs beside the rendering (it takes a few ms to load its place
    // names and word lists); its verdict is waited for before anything is written.
    std::thread::scope(|s| {
        let check = s.spawn(|| {
            let findings = analysis::check(&loaded);
            let errors: Vec<String> = findings
                .iter()
                .filter(|f| f.severity == analysis::Severity::Error)
                .map(|f| documents::output::format_finding(f, &loaded.origin, lang))
                .collect();
            errors
        });
        let rendered = render_loaded(input_path, &loaded, opts, lang, &mut report);
        let errors = check
            .join()
            .map_err(|_| anyhow::anyhow!("the check panicked"))?;
        if !errors.is_empty() && !opts.force {
            anyhow::bail!(
                "{}\n{}",
                errors.join("\n"),
                if en {
                    "the check found errors: nothing written (fix them, or use --force)"
                } else {
                    "พบข้อผิดพลาดในข้อมูล จึงไม่เขียนเอกสาร (แก้ไขข้อมูล หรือใช้ --force)"
                }
            );
        }
        let pdfs = rendered?;
        write_all(&loaded, opts, pdfs, &mut report)?;
        Ok(report)
    })
}

/// The documents of a loaded input, typeset and written to PDF bytes in memory:
/// (kind, pages, bytes) for each document the input has data for.
fn render_loaded(
    input_path: &std::path::Path,
    loaded: &model::Loaded,
    opts: &documents::RenderOptions,
    lang: model::Lang,
    report: &mut documents::RenderReport,
) -> anyhow::Result<Vec<(documents::DocumentKind, usize, Vec<u8>)>> {
    let en = lang == model::Lang::En;

    // analyse
    let input = &loaded.input;
    let analysis = analysis::analyse(input).map_err(|e| anyhow::anyhow!("{e}"))?;
    // what the documents leave out as internal goes to the terminal
    report.warnings.extend(analysis.notes(en));
    report
        .warnings
        .extend(analysis::unused_fields(input, &analysis, en));

    // the emblem: the flag, else agency.emblem relative to the input file
    let base = input_path.parent().unwrap_or(std::path::Path::new("."));
    // (paths in the input stay inside its folder; the flags are the user's own)
    let local = |field: &str, value: &str| {
        loaded
            .local_file(field, value, base)
            .map_err(|d| anyhow::anyhow!(d.render(lang)))
    };
    let emblem = match (&opts.emblem, &input.agency.emblem) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(e)) => Some(local("agency.emblem", e)?),
        (None, None) => None,
    }
    .map(|p| std::path::absolute(&p).unwrap_or(p));
    // the emblem is checked here, where messages have a language and a place
    if let Some(path) = &emblem {
        typeset::image::check_file(path).map_err(|e| {
            let message = |english| match &e {
                typeset::image::ImageError::File(_) => e.message(english),
                _ => format!("{}: {}", path.display(), e.message(english)),
            };
            match (&opts.emblem, &input.agency.emblem) {
                (None, Some(_)) => anyhow::anyhow!(loaded
                    .diagnostic_at("agency.emblem", "bad-emblem", message(false), message(true))
                    .render(lang)),
                _ => anyhow::anyhow!(message(en)),
            }
        })?;
    }
    let doc_opts = documents::Options {
        thai_digits: opts.thai_digits.unwrap_or(input.settings.thai_digits),
        templates_dir: opts.templates_dir.clone(),
        emblem,
        lang: opts.lang.clone(),
    };
    // fonts: shared ones (batch), else --fonts, else settings.font (relative to the
    // input file), else the bundled family
    let font_setting = input.settings.font.trim();
    let fonts_dir = match &opts.fonts_dir {
        Some(dir) => Some(dir.clone()),
        None if !font_setting.is_empty() && font_setting != "default" => {
            Some(local("settings.font", font_setting)?)
        }
        None => None,
    };
    let fonts = match (&opts.fonts, fonts_dir) {
        (Some(f), None) => f.clone(),
        (_, Some(dir)) => {
            let fonts = typeset::fonts::Fonts::from_dir(&dir)
                .map_err(|e| anyhow::anyhow!("{}", e.message(en)))?;
            // what the loader chose or stood in for, so a user's font folder never
            // surprises silently
            let label = if en { "fonts" } else { "ฟอนต์" };
            report
                .warnings
                .extend(fonts.notes().iter().map(|n| format!("{label}: {n}")));
            fonts
        }
        (None, None) => typeset::fonts::Fonts::builtin(),
    };
    let pdf_opts = pdf::PdfOptions {
        pdfa: opts.pdfa,
        timestamp: pdf::PdfOptions::timestamp_from_env(),
    };

    // render every document in memory, one thread per document (the stages after
    // the analysis are independent per document)
    let wanted = opts
        .only
        .clone()
        .unwrap_or_else(|| documents::DocumentKind::ALL.to_vec());
    let (kinds, skipped): (Vec<_>, Vec<_>) = wanted
        .into_iter()
        .partition(|k| k.available(input, &analysis));
    report.skipped = skipped;
    let one = |kind: documents::DocumentKind| -> anyhow::Result<(usize, Vec<u8>, Vec<String>)> {
        let xml = documents::render_markup(kind, input, &analysis, &doc_opts)?;
        let origin = format!("{}.xml.tera", kind.name());
        let doc = markup::parse(&xml, &origin).map_err(|e| anyhow::anyhow!("{e}"))?;
        let layout = typeset::typeset(&doc, &fonts).map_err(|e| anyhow::anyhow!("{kind}: {e}"))?;
        let warnings = documents::output::format_typeset_warnings(kind, &layout.warnings, en);
        let bytes = pdf::write(&layout, &pdf_opts).map_err(|e| anyhow::anyhow!("{kind}: {e}"))?;
        Ok((layout.pages.len(), bytes, warnings))
    };
    let results: Vec<_> = if opts.fonts.is_some() || kinds.len() < 2 {
        // batch mode already runs one file per core
        kinds.iter().map(|k| one(*k)).collect()
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = kinds.iter().map(|k| s.spawn(move || one(*k))).collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(anyhow::anyhow!("a document panicked")))
                })
                .collect()
        })
    };
    let mut pdfs = Vec::new();
    for (kind, result) in kinds.into_iter().zip(results) {
        let (pages, bytes, warnings) = result?;
        report.warnings.extend(warnings);
        pdfs.push((kind, pages, bytes));
    }
    Ok(pdfs)
}

/// Writes the rendered documents into the output folder, each atomically.
fn write_all(
    loaded: &model::Loaded,
    opts: &documents::RenderOptions,
    pdfs: Vec<(documents::DocumentKind, usize, Vec<u8>)>,
    report: &mut documents::RenderReport,
) -> anyhow::Result<()> {
    use anyhow::Context as _;
    let input = &loaded.input;
    std::fs::create_dir_all(&opts.out_dir).with_context(|| opts.out_dir.display().to_string())?;
    for (kind, pages, bytes) in pdfs {
        let path = opts
            .out_dir
            .join(documents::output_name(i64::from(input.year), kind));
        documents::write_atomic(&path, &bytes).with_context(|| path.display().to_string())?;
        report.docs.push(documents::RenderedDoc {
            kind,
            path,
            pages,
            bytes: bytes.len(),
        });
    }
    Ok(())
}
