//! `itadoc batch DIR`: every YAML file of a folder, each into its own folder under
//! `--out`, on a rayon pool with an indicatif progress bar. One file's failure,
//! even a panic, never affects another file, and the summary is always printed.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};
use itadoc::report::pick;
use itadoc::{Lang, RenderReport, Shared};
use rayon::prelude::*;

use super::err;
use crate::RenderFlags;

/// Stack of each worker thread: deep input is refused by the loader long before
/// this, but a worker must not be the first to run out.
const WORKER_STACK: usize = 16 << 20;

/// What became of one input file.
struct Outcome {
    file: PathBuf,
    result: Result<RenderReport, String>,
}

/// Renders every `*.yaml` / `*.yml` file of `dir`. Exit status 0 when every file
/// was written, 1 when some failed, 2 when the batch could not start.
pub fn run(dir: &Path, jobs: Option<usize>, flags: &RenderFlags) -> ExitCode {
    let lang = flags.lang;
    let opts = match super::options_or_exit(flags) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let files = match inputs(dir, lang) {
        Ok(f) => f,
        Err(m) => {
            err(format!("itadoc: {}: {m}", dir.display()));
            return ExitCode::from(2);
        }
    };
    if files.is_empty() {
        err(format!(
            "itadoc: {}: {}",
            dir.display(),
            pick(
                lang,
                "ไม่มีไฟล์ .yaml หรือ .yml ในโฟลเดอร์นี้",
                "no .yaml or .yml file in this folder"
            )
        ));
        return ExitCode::from(1);
    }
    // the flags' fonts, templates and emblem: read once for every file
    let shared = match Shared::load(&opts) {
        Ok(s) => s,
        Err(e) => {
            err(format!("itadoc: {e}"));
            return ExitCode::from(2);
        }
    };
    for note in &shared.notes {
        err(note);
    }
    let targets = out_folders(&files, &flags.out, lang);

    let jobs = jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, files.len());
    let started = std::time::Instant::now();
    let work = |file: &Path, out_dir: &Path| {
        let mut opts = opts.clone();
        opts.out_dir = out_dir.to_path_buf();
        itadoc::render_with(file, &opts, &shared).map_err(|e| e.to_string())
    };
    let outcomes = match run_pool(&files, &targets, jobs, lang, work) {
        Ok(o) => o,
        Err(e) => {
            err(format!("itadoc: {e}"));
            return ExitCode::from(2);
        }
    };
    summary(&outcomes, started.elapsed().as_secs_f64(), lang)
}

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `work(file, its output folder)` for every file on a pool of `jobs`
/// threads, with a progress bar on stderr (hidden when stderr is no terminal). A
/// file without a folder keeps its error; a panic in `work` becomes that file's
/// error ([`guarded`]) and the other files go on. The outcomes are in the order
/// of `files`.
fn run_pool<W>(
    files: &[PathBuf],
    targets: &[Result<PathBuf, String>],
    jobs: usize,
    lang: Lang,
    work: W,
) -> Result<Vec<Outcome>, String>
where
    W: Fn(&Path, &Path) -> Result<RenderReport, String> + Sync,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .stack_size(WORKER_STACK)
        .build()
        .map_err(|e| e.to_string())?;
    let bar = ProgressBar::new(files.len() as u64);
    if let Ok(style) = ProgressStyle::with_template("[{bar:30}] {pos}/{len} {wide_msg}") {
        bar.set_style(style.progress_chars("#>."));
    }
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| {
        // kept for the summary instead of interrupting the progress bar
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(info.to_string()));
    }));
    let outcomes: Vec<Outcome> = pool.install(|| {
        files
            .par_iter()
            .zip(targets.par_iter())
            .map(|(file, target)| {
                let result = match target {
                    Ok(out_dir) => guarded(lang, || work(file, out_dir)),
                    Err(m) => Err(m.clone()),
                };
                bar.inc(1);
                Outcome {
                    file: file.clone(),
                    result,
                }
            })
            .collect()
    });
    std::panic::set_hook(previous_hook);
    bar.finish_and_clear();
    Ok(outcomes)
}

/// `work()`, with a panic caught and turned into an error that says so (with the
/// panic's place when the hook of [`run_pool`] noted it).
fn guarded(
    lang: Lang,
    work: impl FnOnce() -> Result<RenderReport, String>,
) -> Result<RenderReport, String> {
    LAST_PANIC.with(|p| p.borrow_mut().take());
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
        Ok(r) => r,
        Err(payload) => {
            let place = LAST_PANIC
                .with(|p| p.borrow_mut().take())
                .unwrap_or_else(|| itadoc::panic_message(&*payload));
            Err(format!(
                "{} ({place})",
                pick(
                    lang,
                    "โปรแกรมขัดข้องภายในขณะทำไฟล์นี้ ไฟล์อื่นไม่ได้รับผลกระทบ",
                    "internal error on this file; the other files are not affected"
                )
            ))
        }
    }
}

/// The `*.yaml` and `*.yml` files of `dir`, sorted; the error says why the
/// folder cannot be read.
fn inputs(dir: &Path, lang: Lang) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => pick(lang, "ไม่พบโฟลเดอร์นี้", "no such folder").to_string(),
        std::io::ErrorKind::NotADirectory => pick(lang, "ไม่ใช่โฟลเดอร์", "not a folder").to_string(),
        std::io::ErrorKind::PermissionDenied => {
            pick(lang, "ไม่มีสิทธิ์อ่านโฟลเดอร์นี้", "permission denied").to_string()
        }
        _ => e.to_string(),
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// The output folder of each input: `<out>/<file stem>`, the stem kept byte for
/// byte (a name that is not UTF-8 keeps its own folder). Inputs whose stems are
/// the same (`agency.yaml`, `agency.yml`; compared ignoring case, for file systems
/// that do) get `<stem>-<extension>` instead; an input whose folder would still be
/// another's gets an error rather than overwrite it.
fn out_folders(files: &[PathBuf], out: &Path, lang: Lang) -> Vec<Result<PathBuf, String>> {
    // case folded when the name is text; byte for byte (escaped) when it is not
    let key = |name: &OsString| match name.to_str() {
        Some(s) => s.to_lowercase(),
        None => format!("{name:?}"),
    };
    let stems: Vec<OsString> = files
        .iter()
        .map(|f| f.file_stem().unwrap_or_default().to_os_string())
        .collect();
    let mut count: HashMap<String, usize> = HashMap::new();
    for s in &stems {
        *count.entry(key(s)).or_default() += 1;
    }
    let names: Vec<OsString> = files
        .iter()
        .zip(&stems)
        .map(|(file, stem)| {
            if count[&key(stem)] == 1 {
                return stem.clone();
            }
            let mut name = stem.clone();
            name.push("-");
            name.push(file.extension().unwrap_or_default());
            name
        })
        .collect();
    let mut taken: HashMap<String, usize> = HashMap::new();
    for n in &names {
        *taken.entry(key(n)).or_default() += 1;
    }
    names
        .iter()
        .map(|n| {
            if taken[&key(n)] == 1 {
                Ok(out.join(n))
            } else {
                Err(format!(
                    "{} {}",
                    pick(
                        lang,
                        "ชื่อโฟลเดอร์ผลลัพธ์ซ้ำกับของไฟล์อื่นในชุดนี้ จึงไม่เขียน (เปลี่ยนชื่อไฟล์):",
                        "its output folder would be another file's, so nothing was written (rename the file):"
                    ),
                    out.join(n).display()
                ))
            }
        })
        .collect()
}

/// Prints the summary: counts, then each file's warnings and each failure.
fn summary(outcomes: &[Outcome], secs: f64, lang: Lang) -> ExitCode {
    let total = outcomes.len();
    let failed = outcomes.iter().filter(|o| o.result.is_err()).count();
    let ok = total - failed;
    let docs: usize = outcomes
        .iter()
        .filter_map(|o| o.result.as_ref().ok())
        .map(|r| r.docs.len())
        .sum();
    for o in outcomes {
        if let Ok(r) = &o.result {
            // each line names its file once (the loader's already start with it)
            let name = o.file.display().to_string();
            for w in &r.warnings {
                if w.starts_with(&format!("{name}:")) {
                    err(w);
                } else {
                    err(format!("{name}: {w}"));
                }
            }
        }
    }
    err(match lang {
        Lang::Th => format!(
            "สำเร็จ {ok} ไฟล์ ({docs} เอกสาร) ไม่สำเร็จ {failed} ไฟล์ จากทั้งหมด {total} ไฟล์ ใช้เวลา {secs:.1} วินาที"
        ),
        Lang::En => format!(
            "{ok} file(s) rendered ({docs} documents), {failed} failed, of {total}, in {secs:.1} s"
        ),
    });
    for o in outcomes {
        if let Err(message) = &o.result {
            err(format!("  {}: {message}", o.file.display()));
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_with_the_same_stem_get_folders_of_their_own() {
        let files: Vec<PathBuf> = ["a/agency.yaml", "a/agency.yml", "a/other.yaml"]
            .iter()
            .map(PathBuf::from)
            .collect();
        let out = out_folders(&files, Path::new("out"), Lang::En);
        let out: Vec<PathBuf> = out.into_iter().map(Result::unwrap).collect();
        assert_eq!(
            out,
            [
                PathBuf::from("out/agency-yaml"),
                PathBuf::from("out/agency-yml"),
                PathBuf::from("out/other"),
            ]
        );
    }

    #[test]
    fn a_folder_that_would_still_be_shared_is_an_error_not_an_overwrite() {
        let files: Vec<PathBuf> = ["agency.yaml", "agency.yml", "agency-yaml.yml"]
            .iter()
            .map(PathBuf::from)
            .collect();
        let out = out_folders(&files, Path::new("out"), Lang::En);
        assert!(out[0].is_err() && out[2].is_err(), "{out:?}");
        assert_eq!(out[1].as_ref().unwrap(), &PathBuf::from("out/agency-yml"));
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_keep_their_own_folders() {
        use std::os::unix::ffi::OsStrExt;
        let a = PathBuf::from(std::ffi::OsStr::from_bytes(b"\xff1.yaml"));
        let b = PathBuf::from(std::ffi::OsStr::from_bytes(b"\xfe2.yaml"));
        let out = out_folders(&[a, b], Path::new("out"), Lang::En);
        let (a, b) = (out[0].as_ref().unwrap(), out[1].as_ref().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.file_name().unwrap().as_bytes(), b"\xff1");
    }

    #[test]
    fn a_panic_in_one_file_fails_that_file_only() {
        let files: Vec<PathBuf> = (0..6)
            .map(|i| PathBuf::from(format!("f{i}.yaml")))
            .collect();
        let targets: Vec<Result<PathBuf, String>> = (0..6)
            .map(|i| {
                if i == 5 {
                    Err("no folder".to_string())
                } else {
                    Ok(PathBuf::from(format!("out/f{i}")))
                }
            })
            .collect();
        let outcomes = run_pool(&files, &targets, 2, Lang::Th, |file, _| {
            if file == Path::new("f2.yaml") {
                panic!("boom in {}", file.display());
            }
            Ok(RenderReport::default())
        })
        .unwrap();
        let files_seen: Vec<_> = outcomes.iter().map(|o| o.file.clone()).collect();
        assert_eq!(files_seen, files, "every file has its outcome, in order");
        for (i, o) in outcomes.iter().enumerate() {
            match i {
                2 => {
                    let e = o.result.as_ref().unwrap_err();
                    assert!(e.contains("โปรแกรมขัดข้องภายใน"), "{e}");
                    assert!(e.contains("boom in f2.yaml"), "{e}");
                }
                5 => assert_eq!(o.result.as_ref().unwrap_err(), "no folder"),
                _ => assert!(o.result.is_ok(), "{i}: {:?}", o.result.as_ref().err()),
            }
        }
        // the summary counts the two failures and returns failure
        assert_eq!(summary(&outcomes, 0.0, Lang::En), ExitCode::from(1));
    }
}
