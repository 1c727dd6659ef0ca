//! The commands of the `itadoc` binary, one file each; `main.rs` only parses the
//! arguments and calls them. Everything printed goes through [`out`] and [`err`],
//! which never panic on a closed pipe.

pub mod batch;
pub mod check;
pub mod render;
pub mod starter;
pub mod templates;

use std::io::Write;

use clap::ValueEnum;
use itadoc::documents::DocumentKind;
use itadoc::report::pick;
use itadoc::{OutputFormat, RenderOptions};

use crate::RenderFlags;

/// `--format` of `render` and `batch`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormatArg {
    /// PDF.
    Pdf,
    /// Word (DOCX).
    Docx,
}

impl OutputFormatArg {
    fn format(self) -> OutputFormat {
        match self {
            OutputFormatArg::Pdf => OutputFormat::Pdf,
            OutputFormatArg::Docx => OutputFormat::Docx,
        }
    }
}

/// Prints a line on stdout. A closed pipe (`itadoc render … | head -1`) or any other
/// write error is ignored: the rest of the output has nowhere to go, and the exit
/// status still tells what happened.
pub fn out(line: impl std::fmt::Display) {
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// Prints a line on stderr, ignoring write errors like [`out`].
pub fn err(line: impl std::fmt::Display) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// The one of `candidates` that `word` is probably a typo of: the rule the
/// loader uses for field names (`model::nearest`, Levenshtein distance by
/// `strsim`), so every "did you mean" agrees.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    itadoc::model::nearest(word.trim(), candidates)
}

/// [`options`], with a bad flag reported on stderr as exit status 2.
pub fn options_or_exit(flags: &RenderFlags) -> Result<RenderOptions, std::process::ExitCode> {
    options(flags).map_err(|m| {
        err(format!("itadoc: {m}"));
        std::process::ExitCode::from(2)
    })
}

/// The library's render options from the command-line flags; an unknown name in
/// `--only` is an error naming the documents there are.
pub fn options(flags: &RenderFlags) -> Result<RenderOptions, String> {
    let lang = flags.lang;
    let only = if flags.only.is_empty() {
        None
    } else {
        let names: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.name()).collect();
        let mut kinds = Vec::new();
        for name in &flags.only {
            match DocumentKind::parse(name) {
                Some(k) if !kinds.contains(&k) => kinds.push(k),
                Some(_) => {}
                None => {
                    let hint = did_you_mean(name, &names)
                        .map(|n| {
                            format!(
                                " {} '{n}' {}",
                                pick(lang, "หมายถึง", "did you mean"),
                                pick(lang, "หรือไม่?", "?")
                            )
                        })
                        .unwrap_or_default();
                    return Err(format!(
                        "--only: {} '{name}'{hint} ({} {})",
                        pick(lang, "ไม่รู้จักเอกสาร", "unknown document"),
                        pick(lang, "เลือกได้:", "choose from:"),
                        names.join(", ")
                    ));
                }
            }
        }
        Some(kinds)
    };
    let mut formats: Vec<OutputFormat> = Vec::new();
    for f in flags.format.iter().map(|f| f.format()) {
        if !formats.contains(&f) {
            formats.push(f);
        }
    }
    Ok(RenderOptions {
        only,
        out_dir: flags.out.clone(),
        thai_digits: flags.arabic_digits.then_some(false),
        fonts_dir: flags.fonts.clone(),
        templates_dir: flags.templates.clone(),
        emblem: flags.emblem.clone(),
        pdfa: flags.pdfa,
        pdfua: flags.pdfua,
        force: flags.force,
        lang,
        formats,
        docx_font: flags.docx_font.clone().filter(|f| !f.trim().is_empty()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_close_names_only() {
        let names = ["memo", "announcement", "plan", "progress", "meeting"];
        assert_eq!(did_you_mean("memoo", &names), Some("memo"));
        assert_eq!(did_you_mean("anouncement", &names), Some("announcement"));
        assert_eq!(did_you_mean("progres", &names), Some("progress"));
        assert_eq!(did_you_mean("bogus", &names), None);
    }
}
