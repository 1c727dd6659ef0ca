//! Diagnostics of the loader: where, what, in Thai and in English.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

pub use crate::lang::Lang;

/// One message about the input, tied to a place in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file name as given (or another origin label).
    pub origin: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// A stable kebab-case code, e.g. `unknown-field`, `question-code-spelling`.
    pub code: String,
    /// The message in Thai.
    pub message_th: String,
    /// The message in English.
    pub message_en: String,
}

impl Diagnostic {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Th => &self.message_th,
            Lang::En => &self.message_en,
        }
    }

    /// "file:line:column: message".
    pub fn render(&self, lang: Lang) -> String {
        format!(
            "{}:{}:{}: {}",
            self.origin,
            self.line,
            self.column,
            self.message(lang)
        )
    }
}

/// Why an input could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file could not be read at all (missing, not a regular file, too large).
    File {
        /// The message in Thai, starting with the path.
        message_th: String,
        /// The message in English, starting with the path.
        message_en: String,
    },
    /// The YAML is malformed, or its contents break the contract; every problem found.
    Invalid(Vec<Diagnostic>),
}

impl LoadError {
    /// All messages, one per line, as "file:line:column: message".
    pub fn render(&self, lang: Lang) -> String {
        match self {
            LoadError::File {
                message_th,
                message_en,
            } => match lang {
                Lang::Th => message_th.clone(),
                Lang::En => message_en.clone(),
            },
            LoadError::Invalid(list) => list
                .iter()
                .map(|d| d.render(lang))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    /// The diagnostics (empty when the file could not be read).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            LoadError::File { .. } => &[],
            LoadError::Invalid(list) => list,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::Th))
    }
}

impl std::error::Error for LoadError {}

/// Where each value of the input was written, by YAML path: "year",
/// "result.indicators.4", "result.questions.o14", "plan.measures.2.deadline"
/// (list items are numbered from 0). Also every text value with its path, for
/// checks that read free text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Spans {
    /// Path → (line, column), both 1-based.
    pub positions: BTreeMap<String, (usize, usize)>,
    /// (path, text) of every text value, in document order, after normalisation.
    pub texts: Vec<(String, String)>,
}

impl Spans {
    /// Line and column of `path`, or of its nearest recorded ancestor.
    pub fn get(&self, path: &str) -> Option<(usize, usize)> {
        let mut p = path;
        loop {
            if let Some(x) = self.positions.get(p) {
                return Some(*x);
            }
            match p.rfind('.') {
                Some(i) => p = &p[..i],
                None => return None,
            }
        }
    }

    /// Line of `path` (or its nearest recorded ancestor).
    pub fn line(&self, path: &str) -> Option<usize> {
        self.get(path).map(|x| x.0)
    }
}
