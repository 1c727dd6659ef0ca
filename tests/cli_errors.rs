//! The `itadoc` binary when the user gets something wrong, or the world does: a bad
//! flag, a missing file or folder, an output path that is a file, a closed pipe,
//! inputs whose names collide in a batch. Each ends with a clear message in Thai
//! (the default language), a non-zero exit where something failed, and nothing
//! half-written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_itadoc"))
}

/// A fresh folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("itadoc-clierr-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A small input that loads and checks without errors.
const GOOD: &str = "agency:
  name: องค์การบริหารส่วนตำบลทดสอบ
  district: เมือง
  province: ขอนแก่น
year: 2566
result:
  indicators: {1: 95, 2: 90, 3: 88, 4: 80, 5: 92, 6: 85, 7: 91, 8: 89, 9: 70, 10: 93}
";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every file under `dir`, relative, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn an_unknown_document_in_only_is_refused_in_thai_with_the_choices() {
    let dir = scratch("only");
    let input = write(&dir, "a.yaml", GOOD);
    let out_dir = dir.join("out");
    let out = bin()
        .args(["render", input.to_str().unwrap(), "--only", "bogus", "-o"])
        .arg(&out_dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("ไม่รู้จักเอกสาร 'bogus'"), "{err}");
    assert!(
        err.contains("memo, announcement, plan, progress, meeting"),
        "{err}"
    );
    assert!(
        !err.contains("หมายถึง"),
        "no suggestion for a word far from any: {err}"
    );
    assert!(!out_dir.exists(), "a refused run must write nothing");

    // a near miss names what was probably meant
    let out = bin()
        .args([
            "render",
            input.to_str().unwrap(),
            "--only",
            "memo,anouncement",
            "-o",
        ])
        .arg(&out_dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("หมายถึง 'announcement' หรือไม่?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_document_named_twice_is_rendered_once() {
    let dir = scratch("twice");
    let input = write(&dir, "a.yaml", GOOD);
    let out_dir = dir.join("out");
    let out = bin()
        .args([
            "render",
            input.to_str().unwrap(),
            "--only",
            "memo,memo,MEMO",
            "-o",
        ])
        .arg(&out_dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let printed: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(printed.len(), 1, "{printed:?}");
    assert!(printed[0].ends_with("2566-memo.pdf"), "{printed:?}");
    assert_eq!(files_under(&out_dir), ["2566-memo.pdf"]);
    let pdf = std::fs::read(out_dir.join("2566-memo.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(
        pdf.windows(5).rev().take(16).any(|w| w == b"%%EOF"),
        "a whole PDF"
    );
}

#[test]
fn a_missing_input_is_named_in_thai() {
    let dir = scratch("missing");
    let input = dir.join("nothing-here.yaml");
    let out = bin()
        .args(["render", input.to_str().unwrap(), "-o"])
        .arg(dir.join("out"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("nothing-here.yaml"), "{err}");
    assert!(err.contains("ไม่พบไฟล์"), "{err}");
    assert!(!dir.join("out").exists());

    let out = bin()
        .args(["check", input.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("ไม่พบไฟล์"), "{}", stderr(&out));
}

#[test]
fn a_bad_fonts_folder_is_refused_in_thai() {
    let dir = scratch("fonts");
    let input = write(&dir, "a.yaml", GOOD);
    // no such folder
    let out = bin()
        .args(["render", input.to_str().unwrap(), "--fonts"])
        .arg(dir.join("no-fonts"))
        .arg("-o")
        .arg(dir.join("out"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("no-fonts") && err.contains("ไม่พบ"), "{err}");
    // a folder whose only "font" is not one
    let fonts = dir.join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    write(&fonts, "THSarabun.ttf", "not a font at all");
    let out = bin()
        .args(["render", input.to_str().unwrap(), "--fonts"])
        .arg(&fonts)
        .arg("-o")
        .arg(dir.join("out"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("THSarabun.ttf") && err.contains("ไม่ใช่ไฟล์ฟอนต์"),
        "{err}"
    );
    // a file given as the folder
    let out = bin()
        .args(["render", input.to_str().unwrap(), "--fonts"])
        .arg(&input)
        .arg("-o")
        .arg(dir.join("out"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("ไม่ใช่โฟลเดอร์"), "{}", stderr(&out));
    assert!(!dir.join("out").exists());
}

#[test]
fn a_missing_batch_folder_is_named_in_thai() {
    let dir = scratch("batchdir");
    let out = bin()
        .arg("batch")
        .arg(dir.join("nowhere"))
        .arg("-o")
        .arg(dir.join("out"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("nowhere") && err.contains("ไม่พบโฟลเดอร์นี้"),
        "{err}"
    );
    // and a folder without inputs says so
    let out = bin()
        .arg("batch")
        .arg(&dir)
        .arg("-o")
        .arg(dir.join("out"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("ไม่มีไฟล์ .yaml"), "{}", stderr(&out));
}

#[test]
fn an_output_path_that_is_a_file_is_a_clear_error_not_os_error_17() {
    let dir = scratch("outfile");
    let input = write(&dir, "a.yaml", GOOD);
    let taken = write(&dir, "out", "my notes");
    let out = bin()
        .args(["render", input.to_str().unwrap(), "--only", "memo", "-o"])
        .arg(&taken)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("ไม่ใช่โฟลเดอร์"), "{err}");
    assert!(!err.contains("os error"), "{err}");
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "my notes");
}

#[test]
fn check_json_prints_one_object_even_when_the_file_does_not_load() {
    let dir = scratch("json");
    // missing file
    let out = bin()
        .args(["check", "--format", "json"])
        .arg(dir.join("missing.yaml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(&out)));
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{v}");
    assert_eq!(findings[0]["code"], "file-unreadable");
    assert_eq!(findings[0]["severity"], "error");
    assert!(findings[0]["message"]
        .as_str()
        .unwrap()
        .contains("missing.yaml"));
    assert!(v["overall"].is_null() && v["indicators"].as_array().unwrap().is_empty());

    // YAML that does not parse: the loader's own code and line
    let bad = write(&dir, "bad.yaml", "agency:\n  name: ก\nyear: [2566\n");
    let out = bin()
        .args(["check", "--format", "json"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v["findings"][0];
    assert_eq!(f["severity"], "error");
    assert!(f["line"].as_u64().is_some_and(|l| l >= 3), "{v}");

    // a file that loads prints the same shape, with scores
    let good = write(&dir, "good.yaml", GOOD);
    let out = bin()
        .args(["check", "--format", "json"])
        .arg(&good)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["overall"].as_f64().is_some(), "{v}");
    assert!(v["findings"].is_array());
}

/// Runs `itadoc args…` with stdout a pipe that is closed before the program
/// writes to it; returns the exit code and stderr.
fn with_closed_stdout(args: &[&std::ffi::OsStr]) -> (Option<i32>, String) {
    let mut child = bin()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    (out.status.code(), stderr(&out))
}

#[test]
fn a_closed_pipe_never_panics() {
    let dir = scratch("pipe");
    let input = write(&dir, "a.yaml", GOOD);
    let (code, err) = with_closed_stdout(&["new".as_ref()]);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(code, Some(0), "{err}");
    let (code, err) = with_closed_stdout(&["check".as_ref(), input.as_os_str()]);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(code, Some(101));
    let out_dir = dir.join("out");
    let (code, err) = with_closed_stdout(&[
        "render".as_ref(),
        input.as_os_str(),
        "--only".as_ref(),
        "memo".as_ref(),
        "-o".as_ref(),
        out_dir.as_os_str(),
    ]);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(files_under(&out_dir), ["2566-memo.pdf"]);
}

#[test]
fn batch_gives_inputs_with_the_same_stem_their_own_folders_and_reports_every_file() {
    let dir = scratch("batch");
    let inputs = dir.join("in");
    std::fs::create_dir(&inputs).unwrap();
    write(&inputs, "agency.yaml", GOOD);
    write(&inputs, "agency.yml", &GOOD.replace("2566", "2565"));
    write(&inputs, "broken.yaml", "agency: [\n");
    // a name that is not UTF-8 keeps its own folder (Linux allows any bytes)
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"\xff\xfe.yaml");
        std::fs::write(inputs.join(name), GOOD).unwrap();
    }
    let out_dir = dir.join("out");
    let out = bin()
        .arg("batch")
        .arg(&inputs)
        .args(["--only", "memo", "-j", "2", "-o"])
        .arg(&out_dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "one file is broken");
    let err = stderr(&out);
    let files = if cfg!(unix) { 4 } else { 3 };
    assert!(
        err.contains(&format!(
            "สำเร็จ {} ไฟล์ ({} เอกสาร) ไม่สำเร็จ 1 ไฟล์ จากทั้งหมด {files} ไฟล์",
            files - 1,
            files - 1
        )),
        "{err}"
    );
    assert!(err.contains("broken.yaml"), "the failure is named: {err}");
    let written = files_under(&out_dir);
    assert!(
        written.contains(&"agency-yaml/2566-memo.pdf".to_string()),
        "{written:?}"
    );
    assert!(
        written.contains(&"agency-yml/2565-memo.pdf".to_string()),
        "{written:?}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let odd = out_dir.join(std::ffi::OsStr::from_bytes(b"\xff\xfe"));
        assert!(odd.join("2566-memo.pdf").is_file(), "{written:?}");
    }
    assert!(
        !written.iter().any(|w| w.starts_with("broken")),
        "{written:?}"
    );
}

#[test]
fn batch_prints_each_files_warnings() {
    let dir = scratch("warnings");
    let inputs = dir.join("in");
    std::fs::create_dir(&inputs).unwrap();
    // scores in Thai digits are read, with a warning from the loader
    write(&inputs, "thai.yaml", &GOOD.replace("1: 95", "1: ๙๕"));
    write(&inputs, "plain.yaml", GOOD);
    let out = bin()
        .arg("batch")
        .arg(&inputs)
        .args(["--only", "memo", "-o"])
        .arg(dir.join("out"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let warned: Vec<&str> = err.lines().filter(|l| l.contains("thai.yaml")).collect();
    assert!(
        !warned.is_empty(),
        "the warning of thai.yaml is printed: {err}"
    );
    assert!(
        !err.lines().any(|l| l.contains("plain.yaml")),
        "no warning for the clean file: {err}"
    );
    assert!(err.contains("สำเร็จ 2 ไฟล์ (2 เอกสาร)"), "{err}");
}
