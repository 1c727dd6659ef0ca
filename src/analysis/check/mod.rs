//! `itadoc check`: the inconsistencies of an input, each with a severity, a
//! stable code, a message in Thai and English, and the line it concerns.
//!
//! The checks run as a pipeline over the loaded input: the loader's own
//! warnings → the year → score ranges and missing indicators → question codes
//! of the year → stated against computed scores and level → names and places
//! in free text → dates against the fiscal year and the plan → digits, script,
//! numbering and spelling in free text.
//!
//! One file per family of checks: [`scores`] (ranges and stated against
//! computed), [`vocabulary`] (question codes and indicator names of the year),
//! [`agency`] (names and places), [`dates`], [`text`] (digits, script,
//! numbering, spelling); [`report`] is the JSON of `--format json`.

mod agency;
mod dates;
mod report;
mod scores;
mod text;
mod vocabulary;

pub use report::{check_report, CheckReport, ReportFinding, ReportIndicator};

use super::analyse;
use crate::ita;
use crate::model::{Lang, Loaded};
use agency::{names_in_text, places_check};
use dates::dates;
use scores::{history, ranges, stated_vs_computed};
use serde::Serialize;
use text::text_checks;
use vocabulary::{indicator_names, question_codes};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The data contradict themselves or the rules (exit status 1).
    Error,
    /// Probably wrong; worth a look.
    Warning,
    /// For information (a repair made, a rule that could not be confirmed).
    Info,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Severity.
    pub severity: Severity,
    /// Stable kebab-case code, e.g. `overall-mismatch`.
    pub code: String,
    /// Message in Thai.
    pub message_th: String,
    /// Message in English.
    pub message_en: String,
    /// 1-based line in the input, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
}

impl Finding {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Th => &self.message_th,
            Lang::En => &self.message_en,
        }
    }
}

struct Out<'a> {
    loaded: &'a Loaded,
    list: Vec<Finding>,
}

impl Out<'_> {
    fn add(&mut self, severity: Severity, code: &str, path: &str, th: String, en: String) {
        let pos = self.loaded.spans.get(path);
        self.push(Finding {
            severity,
            code: code.to_string(),
            message_th: th,
            message_en: en,
            line: pos.map(|p| p.0),
            column: pos.map(|p| p.1),
        });
    }

    /// Adds a finding unless the same one (code, place and message) is already
    /// listed: a text naming the same other agency twice gives one finding.
    fn push(&mut self, f: Finding) {
        let same = |g: &Finding| {
            g.code == f.code
                && g.line == f.line
                && g.column == f.column
                && g.message_en == f.message_en
        };
        if !self.list.iter().any(same) {
            self.list.push(f);
        }
    }
}

/// Every finding about a loaded input, sorted by line.
pub fn check(loaded: &Loaded) -> Vec<Finding> {
    let mut out = Out {
        loaded,
        list: Vec::new(),
    };
    let input = &loaded.input;
    loader_warnings(&mut out);
    let rules = match ita::rules(input.year) {
        Ok(r) => Some(r),
        Err(e) => {
            out.add(
                Severity::Error,
                "unsupported-year",
                "year",
                e.message_th(),
                e.message_en(),
            );
            None
        }
    };
    ranges(&mut out, input);
    if let Some(rules) = rules {
        question_codes(&mut out, input, rules);
        indicator_names(&mut out, input, rules);
        if let Ok(a) = analyse(input) {
            stated_vs_computed(&mut out, input, &a);
        }
    }
    history(&mut out, input);
    names_in_text(&mut out, input);
    places_check(&mut out, input);
    dates(&mut out, input);
    text_checks(&mut out);
    out.list
        .sort_by_key(|f| (f.line.unwrap_or(0), f.column.unwrap_or(0)));
    out.list
}

/// The loader's warnings, once each. Repairs the loader made with certainty (a
/// question code spelt "E๔" or "๐๑๔" read as e4 / o14, scores in Thai digits,
/// invisible characters removed) are information; a number mixing Thai and
/// Arabic digits, or a Christian-era year taken for a Buddhist-era one, is a
/// warning. The loader's warnings are only reported here: no check below
/// repeats them.
fn loader_warnings(out: &mut Out) {
    for w in &out.loaded.warnings {
        let severity = match w.code.as_str() {
            "mixed-digits" | "christian-era-year" | "bad-question-ref" => Severity::Warning,
            "question-code-spelling" | "thai-digits" | "text-repaired" => Severity::Info,
            _ => Severity::Info,
        };
        out.push(Finding {
            severity,
            code: w.code.clone(),
            message_th: w.message_th.clone(),
            message_en: w.message_en.clone(),
            line: Some(w.line),
            column: Some(w.column),
        });
    }
}
