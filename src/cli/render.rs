//! `itadoc render FILE`: the documents of one input file.

use std::path::Path;
use std::process::ExitCode;

use itadoc::report::pick;

use super::{err, out};
use crate::RenderFlags;

/// Renders `file` with `flags`; prints each document written on stdout, and the
/// warnings and errors on stderr. Exit status 1 when nothing was written, 2 for a
/// bad flag.
pub fn run(file: &Path, flags: &RenderFlags) -> ExitCode {
    let lang = flags.lang;
    let opts = match super::options_or_exit(flags) {
        Ok(o) => o,
        Err(code) => return code,
    };
    match itadoc::render(file, &opts) {
        Ok(report) => {
            for w in &report.warnings {
                err(w);
            }
            // documents left out only deserve a word when they were asked for
            for k in report.skipped.iter().filter(|_| !flags.only.is_empty()) {
                err(format!(
                    "{}: {k}",
                    pick(lang, "ข้ามเอกสารที่ไม่มีข้อมูล", "skipped, no data for")
                ));
            }
            for d in &report.docs {
                out(d.path.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            err(format!("itadoc: {e}"));
            ExitCode::from(1)
        }
    }
}
