//! The object `itadoc check --format json` prints.

use super::check;
use super::{Code, Severity};
use crate::analysis::analyse;
use crate::model::{Lang, Loaded};
use serde::Serialize;

/// A finding as `--format json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportFinding {
    /// "error", "warning", "info".
    pub severity: Severity,
    /// Stable code.
    pub code: Code,
    /// Message in the chosen language.
    pub message: String,
    /// Line, when known.
    pub line: Option<usize>,
}

/// An indicator as `--format json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportIndicator {
    /// 1–10.
    pub no: u8,
    /// Official name.
    pub name: String,
    /// Score.
    pub score: f64,
    /// Rank (ties share).
    pub rank: usize,
}

/// Tool scores in the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportTools {
    /// IIT.
    pub iit: Option<f64>,
    /// EIT.
    pub eit: Option<f64>,
    /// OIT.
    pub oit: Option<f64>,
}

/// The object `itadoc check --format json` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    /// Computed overall score (null when it cannot be computed).
    pub overall: Option<f64>,
    /// Computed level.
    pub level: Option<String>,
    /// Whether it passes.
    pub pass: Option<bool>,
    /// Computed tool scores.
    pub tools: ReportTools,
    /// Indicators with rank.
    pub indicators: Vec<ReportIndicator>,
    /// Findings.
    pub findings: Vec<ReportFinding>,
}

impl CheckReport {
    /// True when a finding is an error (exit status 1).
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// The check report of a loaded input, messages in `lang`.
pub fn check_report(loaded: &Loaded, lang: Lang) -> CheckReport {
    let analysis = analyse(&loaded.input).ok();
    let findings = check(loaded)
        .into_iter()
        .map(|f| ReportFinding {
            severity: f.severity,
            code: f.code,
            message: f.message(lang).to_string(),
            line: f.line,
        })
        .collect();
    match analysis {
        Some(a) => CheckReport {
            overall: Some(a.overall),
            level: Some(a.level.name.clone()),
            pass: Some(a.level.pass),
            tools: ReportTools {
                iit: Some(a.tools.iit),
                eit: Some(a.tools.eit),
                oit: Some(a.tools.oit),
            },
            indicators: a
                .indicators
                .iter()
                .map(|i| ReportIndicator {
                    no: i.no,
                    name: i.name.clone(),
                    score: i.score,
                    rank: i.rank,
                })
                .collect(),
            findings,
        },
        None => CheckReport {
            overall: None,
            level: None,
            pass: None,
            tools: ReportTools {
                iit: None,
                eit: None,
                oit: None,
            },
            indicators: Vec::new(),
            findings,
        },
    }
}
