//! The templates: built into the binary (so it works from any folder), optionally
//! replaced file by file by a user's (`--templates DIR`, read by the caller), and
//! exported from [`BUILTIN`] by `itadoc templates export DIR`.

use std::sync::OnceLock;

use tera::Tera;

use super::{filters, DocumentError, DocumentKind, Options};

pub mod sandbox;

/// The built-in templates: (file name, text).
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "macros.xml.tera",
        include_str!("../../templates/macros.xml.tera"),
    ),
    (
        "memo.xml.tera",
        include_str!("../../templates/memo.xml.tera"),
    ),
    (
        "announcement.xml.tera",
        include_str!("../../templates/announcement.xml.tera"),
    ),
    (
        "plan.xml.tera",
        include_str!("../../templates/plan.xml.tera"),
    ),
    (
        "progress.xml.tera",
        include_str!("../../templates/progress.xml.tera"),
    ),
    (
        "meeting.xml.tera",
        include_str!("../../templates/meeting.xml.tera"),
    ),
];

/// A Tera engine that can render `kind`: its template and the shared ones (macros),
/// with the filters and XML escaping. Each built-in engine is parsed once per
/// process and shared; a user's folder gets a fresh engine with every template.
///
/// The built-in engines are per document because Tera parses templates slowly
/// (about 4 ms for the memo alone): documents rendered on their own threads each
/// parse only what they use, side by side, instead of all waiting on one engine.
pub fn engine(
    opts: &Options,
    kind: DocumentKind,
) -> Result<std::borrow::Cow<'static, Tera>, DocumentError> {
    const KINDS: usize = DocumentKind::ALL.len();
    static BUILT: [OnceLock<Result<Tera, String>>; 2 * KINDS] =
        [const { OnceLock::new() }; 2 * KINDS];
    if let Some(user) = &opts.templates {
        return Ok(std::borrow::Cow::Owned(build(opts.thai_digits, user)?));
    }
    let index = DocumentKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(0);
    let cell = &BUILT[usize::from(opts.thai_digits) * KINDS + index];
    let built = cell.get_or_init(|| built_in(opts.thai_digits, kind));
    match built {
        Ok(t) => Ok(std::borrow::Cow::Borrowed(t)),
        Err(m) => Err(DocumentError::Template {
            template: "built-in".to_string(),
            message: m.clone(),
        }),
    }
}

/// The built-in templates that are no document's (the macros) in an engine with
/// the filters, parsed once per process for each choice of digits; each
/// document's engine is a copy of it with that document's template added, so the
/// macros are not parsed again for every document.
fn shared_base(thai_digits: bool) -> Result<&'static Tera, String> {
    static BASE: [OnceLock<Result<Tera, String>>; 2] = [const { OnceLock::new() }; 2];
    BASE[usize::from(thai_digits)]
        .get_or_init(|| {
            let documents: Vec<String> = DocumentKind::ALL
                .iter()
                .map(|k| k.template_file())
                .collect();
            let shared: Vec<(&str, &str)> = BUILTIN
                .iter()
                .filter(|(n, _)| !documents.iter().any(|d| d == n))
                .copied()
                .collect();
            engine_of(thai_digits, &shared).map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Parses the shared templates now, on the calling thread, so that the documents'
/// threads find them ready (`render` calls it beside the analysis).
pub fn prepare(thai_digits: bool) {
    let _ = shared_base(thai_digits);
}

/// The engine of one document with the built-in templates: [`shared_base`] and the
/// document's own template.
fn built_in(thai_digits: bool, kind: DocumentKind) -> Result<Tera, String> {
    let file = kind.template_file();
    let mut tera = shared_base(thai_digits)?.clone();
    if let Some((name, text)) = BUILTIN.iter().find(|(n, _)| *n == file) {
        sandbox::check_nesting(name, text).map_err(|e| e.to_string())?;
        tera.add_raw_template(name, text)
            .map_err(|e| template_error(name, &e).to_string())?;
    }
    sandbox::check_recursion(&tera).map_err(|e| e.to_string())?;
    Ok(tera)
}

/// An engine with the filters and the sandbox's limits, and `sources` (file
/// name, text) checked and parsed.
fn engine_of(thai_digits: bool, sources: &[(&str, &str)]) -> Result<Tera, DocumentError> {
    for (name, text) in sources {
        sandbox::check_nesting(name, text)?;
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".tera"]);
    tera.set_escape_fn(escape_xml);
    filters::register(&mut tera, thai_digits);
    sandbox::restrict(&mut tera);
    tera.add_raw_templates(sources.iter().copied())
        .map_err(|e| template_error("(templates)", &e))?;
    sandbox::check_recursion(&tera)?;
    Ok(tera)
}

/// An engine with the built-in templates, replaced and added to by `user`.
fn build(thai_digits: bool, user: &[(String, String)]) -> Result<Tera, DocumentError> {
    let mut sources: Vec<(&str, &str)> = BUILTIN.to_vec();
    for (name, text) in user {
        match sources.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = text,
            None => sources.push((name, text)),
        }
    }
    engine_of(thai_digits, &sources)
}

/// Renders `file` with `engine`. A user's templates (an owned engine) render on
/// their own thread, given [`sandbox::TIME_LIMIT`]: a template that loops for
/// ever ends with an error instead of hanging the run (its thread is left to
/// finish on its own; a run ends soon after an error).
pub fn render(
    engine: std::borrow::Cow<'static, Tera>,
    file: &str,
    ctx: &tera::Context,
) -> Result<String, DocumentError> {
    let tera = match engine {
        std::borrow::Cow::Borrowed(tera) => {
            return tera.render(file, ctx).map_err(|e| template_error(file, &e))
        }
        std::borrow::Cow::Owned(tera) => tera,
    };
    let (send, receive) = std::sync::mpsc::channel();
    let name = file.to_string();
    let ctx = ctx.clone();
    std::thread::Builder::new()
        .name("template".into())
        .spawn(move || {
            let _ = send.send(
                tera.render(&name, &ctx)
                    .map_err(|e| template_error(&name, &e)),
            );
        })
        .map_err(|e| DocumentError::Context(e.to_string()))?;
    match receive.recv_timeout(sandbox::TIME_LIMIT) {
        Ok(result) => result,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(DocumentError::Template {
            template: file.to_string(),
            message: format!(
                "rendering took longer than {} s (a loop that does not end?)",
                sandbox::TIME_LIMIT.as_secs()
            ),
        }),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Err(DocumentError::Template {
            template: file.to_string(),
            message: "rendering stopped without a result".into(),
        }),
    }
}

/// Escapes text for XML content and attribute values.
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// A [`DocumentError`] naming the template, with Tera's chain of causes.
pub fn template_error(template: &str, e: &tera::Error) -> DocumentError {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    DocumentError::Template {
        template: template.to_string(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_characters() {
        assert_eq!(
            escape_xml("ก & <b> \"x\" 'y'"),
            "ก &amp; &lt;b&gt; &quot;x&quot; &apos;y&apos;"
        );
    }
}
