//! `itadoc templates export DIR`: the built-in templates, copied out for customising.

use std::path::Path;
use std::process::ExitCode;

use itadoc::documents::templates::BUILTIN;
use itadoc::report::pick;
use itadoc::Lang;

use super::{err, out};

/// Writes the built-in templates into `dir` (created if needed) and prints each
/// path. Refuses, writing nothing, when one of the files is there already, unless
/// `force`.
pub fn export(dir: &Path, force: bool, lang: Lang) -> ExitCode {
    if !force {
        let taken: Vec<_> = BUILTIN
            .iter()
            .map(|(name, _)| dir.join(name))
            .filter(|p| p.exists())
            .collect();
        if !taken.is_empty() {
            for p in &taken {
                err(format!(
                    "itadoc: {}: {}",
                    p.display(),
                    pick(
                        lang,
                        "มีไฟล์นี้อยู่แล้ว (ใช้ --force เพื่อเขียนทับ)",
                        "exists (use --force to overwrite)"
                    )
                ));
            }
            return ExitCode::from(1);
        }
    }
    let set: Vec<(String, &[u8])> = BUILTIN
        .iter()
        .map(|(name, text)| (name.to_string(), text.as_bytes()))
        .collect();
    match itadoc::files::write_set(dir, &set) {
        Ok(paths) => {
            for p in paths {
                out(p.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            err(format!("itadoc: {}", e.message(lang)));
            ExitCode::from(1)
        }
    }
}
