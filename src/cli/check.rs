//! `itadoc check FILE`: the findings of the check, as text or one JSON object.

use std::path::Path;
use std::process::ExitCode;

use itadoc::analysis::{self, CheckReport, Severity};
use itadoc::model::LoadError;
use itadoc::Lang;

use super::out;

/// Checks `file` and prints the findings (text: one line each and a count; JSON:
/// one object, even when the file cannot be loaded, with the load error as its
/// findings). Exit status 1 when there is an error, 2 when the file does not load.
pub fn run(file: &Path, json: bool, lang: Lang) -> ExitCode {
    let loaded = match itadoc::load_input(file) {
        Ok(l) => l,
        Err(e) => {
            if json {
                out(load_failure_json(&e, lang));
            } else {
                super::err(e.render(lang));
            }
            return ExitCode::from(2);
        }
    };
    if json {
        let report = analysis::check_report(&loaded, lang);
        print_json(&report);
        return if report.has_errors() {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        };
    }
    // the findings include the loader's warnings
    let findings = analysis::check(&loaded);
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    for f in &findings {
        out(itadoc::report::finding(f, &loaded.origin, lang));
    }
    out(match lang {
        Lang::Th => format!(
            "ข้อผิดพลาด {errors} รายการ ข้อสังเกตทั้งหมด {} รายการ",
            findings.len()
        ),
        Lang::En => format!("{errors} error(s), {} finding(s) in all", findings.len()),
    });
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The object `--format json` prints for a file that does not load: the shape of
/// a check report (no scores), the load errors as its findings. A loader
/// diagnostic keeps its own code and place; a file that cannot be read at all is
/// `file-unreadable`.
fn load_failure_json(e: &LoadError, lang: Lang) -> String {
    let findings: Vec<serde_json::Value> = match e.diagnostics() {
        [] => vec![serde_json::json!({
            "severity": Severity::Error,
            "code": "file-unreadable",
            "message": e.render(lang),
            "line": null,
        })],
        list => list
            .iter()
            .map(|d| {
                serde_json::json!({
                    "severity": Severity::Error,
                    "code": d.code,
                    "message": d.message(lang),
                    "line": d.line,
                    "column": d.column,
                })
            })
            .collect(),
    };
    let report = serde_json::json!({
        "overall": null,
        "level": null,
        "pass": null,
        "tools": {"iit": null, "eit": null, "oit": null},
        "indicators": [],
        "findings": findings,
    });
    serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into())
}

fn print_json(report: &CheckReport) {
    out(serde_json::to_string_pretty(report).unwrap_or_else(|_| "{}".into()));
}
