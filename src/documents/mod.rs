//! The documents: Tera templates that turn the input and its analysis into the
//! engine's markup (docs/markup.md), one template per [`DocumentKind`].
//!
//! [`render_markup`] is a short pipeline:
//!
//! 1. **collect**: serialise the input and the analysis, and derive the display
//!    strings the templates need (dates, the memo's fields, the dictionary of names)
//!    into one Tera context ([`context`]);
//! 2. **prepare**: a Tera instance with the built-in templates (or the user's, from
//!    `--templates DIR`), the Thai filters ([`filters`]) and XML escaping of every value;
//! 3. **render**: the template of the kind asked for;
//! 4. **finalize**: a light check that the result is one `<document>`.
//!
//! Templates never recompute what the analysis computed: they only lay it out.

pub mod context;
pub mod filters;
pub mod templates;

use std::fmt;

use serde::Serialize;

pub use context::DEFAULT_EMBLEM_SVG;

/// The name the templates give the emblem image (`<emblem src="emblem"/>`): whoever
/// typesets the markup attaches the image's bytes under this name
/// (`markup::Document::images`), the agency's file or [`DEFAULT_EMBLEM_SVG`].
pub const EMBLEM_IMAGE: &str = "emblem";

/// The documents itadoc writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    /// The annual analysis memo (บันทึกข้อความ), seeds 000 and 002.
    Memo,
    /// The public announcement of the result (ประกาศ), seed 003.
    Announcement,
    /// The improvement plan for the next fiscal year, seed 002's tables.
    Plan,
    /// The progress report on the plan's measures, seed 004.
    Progress,
    /// The summary of the preparation meeting, seed 001.
    Meeting,
}

impl DocumentKind {
    /// Every kind, in the order the documents are written.
    pub const ALL: [DocumentKind; 5] = [
        DocumentKind::Memo,
        DocumentKind::Announcement,
        DocumentKind::Plan,
        DocumentKind::Progress,
        DocumentKind::Meeting,
    ];

    /// The short English name used on the command line and in file names.
    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::Memo => "memo",
            DocumentKind::Announcement => "announcement",
            DocumentKind::Plan => "plan",
            DocumentKind::Progress => "progress",
            DocumentKind::Meeting => "meeting",
        }
    }

    /// The Thai name of the document.
    pub fn name_th(self) -> &'static str {
        match self {
            DocumentKind::Memo => "บันทึกข้อความรายงานผลการวิเคราะห์",
            DocumentKind::Announcement => "ประกาศผลการประเมิน",
            DocumentKind::Plan => "แผนยกระดับผลการประเมิน",
            DocumentKind::Progress => "รายงานความก้าวหน้าของมาตรการ",
            DocumentKind::Meeting => "สรุปผลการประชุมเตรียมความพร้อม",
        }
    }

    /// Parses a name as written on the command line (`memo`, `announcement`, …).
    pub fn parse(name: &str) -> Option<DocumentKind> {
        DocumentKind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The name of the template file (`memo.xml.tera`, …).
    pub fn template_file(self) -> String {
        format!("{}.xml.tera", self.name())
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Settings that change how the documents are written.
#[derive(Debug, Clone)]
pub struct Options {
    /// Thai digits (๐–๙) everywhere; `false` keeps Arabic digits.
    pub thai_digits: bool,
    /// The user's templates (`--templates DIR`) as (file name, text), already read:
    /// each replaces the built-in template of the same name. `None` uses the
    /// built-in ones.
    pub templates: Option<Vec<(String, String)>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            thai_digits: true,
            templates: None,
        }
    }
}

/// Why a document could not be rendered.
#[derive(Debug)]
pub enum DocumentError {
    /// A template failed to parse or render; the message names the template.
    Template {
        /// The template file name.
        template: String,
        /// What went wrong, with Tera's chain of causes.
        message: String,
    },
    /// The input or analysis could not be turned into a template context.
    Context(String),
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocumentError::Template { template, message } => {
                write!(f, "template {template}: {message}")
            }
            DocumentError::Context(m) => write!(f, "template context: {m}"),
        }
    }
}

impl std::error::Error for DocumentError {}

/// Renders one document of `kind` as markup XML: the stage between the analysis
/// and `markup::parse`.
pub fn render_markup(
    kind: DocumentKind,
    input: &crate::model::Input,
    analysis: &crate::analysis::Analysis,
    opts: &Options,
) -> Result<String, DocumentError> {
    // collect
    let ctx = context::build(kind, input, analysis, opts)?;
    // prepare
    let tera = templates::engine(opts, kind)?;
    // render
    let file = kind.template_file();
    let xml = templates::render(tera, &file, &ctx)?;
    // finalize
    finalize(&file, xml)
}

impl DocumentKind {
    /// Whether the input has data for this document: the memo and the announcement
    /// always; the plan when there are measures or indicators below the threshold;
    /// the progress report when some measure has a status; the meeting summary when
    /// `meeting` is given.
    pub fn available(
        self,
        input: &crate::model::Input,
        analysis: &crate::analysis::Analysis,
    ) -> bool {
        let measures = &input.plan.measures;
        match self {
            DocumentKind::Memo | DocumentKind::Announcement => true,
            DocumentKind::Plan => !measures.is_empty() || !analysis.weaknesses.is_empty(),
            DocumentKind::Progress => measures.iter().any(|m| m.status.is_some()),
            DocumentKind::Meeting => input.meeting.is_some(),
        }
    }
}

/// Checks the rendered text is one `<document>` element, so a template that lost
/// its root fails here with its own name rather than later in the parser.
fn finalize(file: &str, xml: String) -> Result<String, DocumentError> {
    let body = xml.trim_start();
    let body = body
        .strip_prefix("<?xml")
        .and_then(|rest| rest.find("?>").map(|i| rest[i + 2..].trim_start()))
        .unwrap_or(body);
    if !body.starts_with("<document") {
        return Err(DocumentError::Template {
            template: file.to_string(),
            message: "the template must produce one <document> element".to_string(),
        });
    }
    Ok(xml)
}
