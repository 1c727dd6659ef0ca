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
        return Ok(std::borrow::Cow::Owned(build(
            opts.thai_digits,
            Some(user),
            None,
        )?));
    }
    let index = DocumentKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(0);
    let cell = &BUILT[usize::from(opts.thai_digits) * KINDS + index];
    let built =
        cell.get_or_init(|| build(opts.thai_digits, None, Some(kind)).map_err(|e| e.to_string()));
    match built {
        Ok(t) => Ok(std::borrow::Cow::Borrowed(t)),
        Err(m) => Err(DocumentError::Template {
            template: "built-in".to_string(),
            message: m.clone(),
        }),
    }
}

/// An engine with the built-in templates, replaced and added to by `user`; with
/// `only`, just that document's template and the templates that are no document's.
fn build(
    thai_digits: bool,
    user: Option<&[(String, String)]>,
    only: Option<DocumentKind>,
) -> Result<Tera, DocumentError> {
    let documents: Vec<String> = DocumentKind::ALL
        .iter()
        .map(|k| k.template_file())
        .collect();
    let wanted = only.map(DocumentKind::template_file);
    let mut sources: Vec<(String, String)> = BUILTIN
        .iter()
        .filter(|(n, _)| match &wanted {
            Some(w) => n == w || !documents.iter().any(|d| d == n),
            None => true,
        })
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    for (name, text) in user.into_iter().flatten() {
        match sources.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1.clone_from(text),
            None => sources.push((name.clone(), text.clone())),
        }
    }
    for (name, text) in &sources {
        sandbox::check_nesting(name, text)?;
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".tera"]);
    tera.set_escape_fn(escape_xml);
    filters::register(&mut tera, thai_digits);
    sandbox::restrict(&mut tera);
    tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| template_error("(templates)", &e))?;
    sandbox::check_recursion(&tera)?;
    Ok(tera)
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
