//! The `itadoc` binary end to end: render every example, read the PDFs back with
//! poppler (pdftotext, pdffonts), check exit codes, atomic writes and batch summaries.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_itadoc"))
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

/// A fresh folder for one call: tests run in parallel and several render the same
/// example, so the name carries a per-call counter besides the process id.
fn scratch(name: &str) -> PathBuf {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("itadoc-cli-{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run itadoc");
    if !out.status.success() {
        eprintln!("stderr: {}", String::from_utf8_lossy(&out.stderr));
    }
    out
}

fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|_| {
        panic!("{tool} is missing: run scripts/test.sh, which installs poppler-utils")
    });
    assert!(out.status.success(), "{tool} {args:?} failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of a PDF, squeezed (see [`squeeze`]).
fn text_of(pdf: &Path) -> String {
    squeeze(&poppler(
        "pdftotext",
        &["-layout", pdf.to_str().unwrap(), "-"],
    ))
}

/// Text without white space (line breaks and justification put spaces and newlines
/// where the source had none) and without Thai combining marks, whose order in
/// copied text is the PDF writer's business (tests/pdf_*.rs check it exactly):
/// these tests are about what the documents say and in which order.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !itadoc::thai::is_combining_mark(*c))
        .collect()
}

fn assert_has(text: &str, what: &[&str], doc: &str) {
    for w in what {
        assert!(text.contains(&squeeze(w)), "{doc} lacks {w:?}");
    }
}

/// Renders an example with --force and returns the output folder.
fn render(name: &str, extra: &[&str]) -> PathBuf {
    let out = scratch(name);
    let mut cmd = bin();
    cmd.arg("render")
        .arg(example(name))
        .arg("-o")
        .arg(&out)
        .arg("--force")
        .args(extra);
    let o = run(&mut cmd);
    assert!(o.status.success(), "render {name} failed");
    let listed = String::from_utf8_lossy(&o.stdout).into_owned();
    for line in listed.lines() {
        assert!(Path::new(line).exists(), "listed {line} does not exist");
    }
    out
}

#[test]
fn khoksung_memo_and_announcement_carry_the_result() {
    let out = render("khoksung-2566.yaml", &[]);
    let memo = out.join("2566-memo.pdf");
    let text = text_of(&memo);
    assert_has(
        &text,
        &[
            "บันทึกข้อความ",
            "เทศบาลตำบลโคกสูงสัมพันธ์",
            "๙๘.๘๕",
            "ผ่านดีเยี่ยมและบรรลุค่าเป้าหมาย",
            "(นายโกสินทร์ วิชาธรรม)",
            "นายวิสันต์ สิงห์แก้ว",
            "๑๑ สิงหาคม ๒๕๖๖",
            "จึงเรียนมาเพื่อโปรดพิจารณา",
            "- ๒ -",
        ],
        "memo",
    );
    let fonts = poppler("pdffonts", &[memo.to_str().unwrap()]);
    for line in fonts.lines().skip(2) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let n = cols.len();
        assert!(
            n >= 5 && cols[n - 5] == "yes" && cols[n - 4] == "yes",
            "font not embedded+subset: {line}"
        );
    }
    let ann = text_of(&out.join("2566-announcement.pdf"));
    assert_has(
        &ann,
        &[
            "ประกาศเทศบาลตำบลโคกสูงสัมพันธ์",
            "จึงประกาศให้ทราบโดยทั่วกัน",
            "(นายวิสันต์ สิงห์แก้ว)",
        ],
        "announcement",
    );
}

#[test]
fn lamprangrong_announcement_ranks_high_to_low() {
    let out = render("lamprangrong-2565.yaml", &[]);
    let text = text_of(&out.join("2565-announcement.pdf"));
    assert_has(
        &text,
        &[
            "๗๘.๒๙",
            "ระดับ B",
            "(นายสันติ นาวีสัมพันธ์)",
            "ประกาศ ณ วันที่ ๒ สิงหาคม พ.ศ. ๒๕๖๕",
        ],
        "announcement",
    );
    let first = text
        .find(&squeeze("การใช้อำนาจ"))
        .expect("highest indicator");
    let last = text
        .find(&squeeze("ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล"))
        .expect("lowest indicator");
    let middle = text
        .find(&squeeze("การใช้งบประมาณ"))
        .expect("ninth indicator");
    assert!(first < middle && middle < last, "not ranked high to low");
}

#[test]
fn arabic_digits_on_request() {
    let out = render(
        "lamprangrong-2565.yaml",
        &["--arabic-digits", "--only", "announcement"],
    );
    let text = text_of(&out.join("2565-announcement.pdf"));
    assert!(text.contains("78.29") && !text.contains("๗๘.๒๙"));
    assert!(
        !out.join("2565-memo.pdf").exists(),
        "--only announcement wrote the memo"
    );
}

#[test]
fn every_example_renders_what_it_has_data_for() {
    // Each example, the agency's own name (without its kind of administration),
    // and the documents it has data for; each document opens with its own title.
    let cases: &[(&str, &str, &str, &[&str])] = &[
        (
            "khoksung-2566.yaml",
            "2566",
            "โคกสูงสัมพันธ์",
            &["memo", "announcement"],
        ),
        (
            "phonsongkhram-2568.yaml",
            "2568",
            "พลสงคราม",
            &["memo", "announcement", "plan"],
        ),
        (
            "lamprangrong-2565.yaml",
            "2565",
            "ลำปางรอง",
            &["memo", "announcement", "plan"],
        ),
        (
            "khoksaard-2564.yaml",
            "2564",
            "โคกสะอาด",
            &["memo", "announcement", "plan", "progress"],
        ),
        (
            "srisamran-2569.yaml",
            "2569",
            "ศรีสำราญ",
            &["memo", "announcement", "plan", "meeting"],
        ),
    ];
    let title = |doc: &str| match doc {
        "memo" => "บันทึกข้อความ",
        "announcement" => "ประกาศ",
        "plan" => "แผนยกระดับผลการประเมิน",
        "progress" => "รายงานผลการดำเนินการ",
        "meeting" => "สรุปผลการประชุม",
        other => panic!("no title for {other}"),
    };
    for (file, year, agency, docs) in cases {
        let out = render(file, &[]);
        let mut written: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".pdf"))
            .collect();
        written.sort();
        let mut wanted: Vec<String> = docs.iter().map(|d| format!("{year}-{d}.pdf")).collect();
        wanted.sort();
        assert_eq!(written, wanted, "{file}");
        for d in *docs {
            let text = text_of(&out.join(format!("{year}-{d}.pdf")));
            assert!(
                text.starts_with(&squeeze(title(d))),
                "{file}: {d} does not open with its title: {}",
                text.chars().take(40).collect::<String>()
            );
            assert!(
                text.contains(&squeeze(agency)),
                "{file}: {d} does not name {agency}"
            );
        }
    }
}

#[test]
fn progress_report_ticks_and_prints_the_header_once() {
    let out = render("khoksaard-2564.yaml", &["--only", "progress"]);
    let text = text_of(&out.join("2564-progress.pdf"));
    assert_has(
        &text,
        &["องค์การบริหารส่วนตำบลโคกสะอาด", "สรุป ดำเนินงานเสร็จแล้ว"],
        "progress",
    );
    // Page 1 holds the table header once (it repeats on later pages, as headers
    // should) with the three different statuses; the seed printed one status three
    // times. The summary sentence is on the last page.
    let page1 = squeeze(&poppler(
        "pdftotext",
        &[
            "-layout",
            "-f",
            "1",
            "-l",
            "1",
            out.join("2564-progress.pdf").to_str().unwrap(),
            "-",
        ],
    ));
    // (the status headers are set a word per line: "เสร็จ" / "แล้ว")
    for status in ["ยังไม่", "ระหว่าง", "แล้ว"] {
        assert_eq!(
            page1.matches(&squeeze(status)).count(),
            1,
            "{status} on page 1"
        );
    }
}

#[test]
fn check_exit_codes() {
    let ok = run(bin().args(["check"]).arg(example("khoksung-2566.yaml")));
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    let bad = run(bin().args(["check"]).arg(example("khoksaard-2564.yaml")));
    assert_eq!(bad.status.code(), Some(1));
    let missing = run(bin().args(["check", "/nonexistent/file.yaml"]));
    assert_eq!(missing.status.code(), Some(2));
    let json = run(bin()
        .args(["check", "--format", "json"])
        .arg(example("lamprangrong-2565.yaml")));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert!(v.get("overall").is_some() && v.get("findings").is_some());
}

#[test]
fn refuses_to_write_when_check_has_errors_and_leaves_nothing() {
    let out = scratch("refuse");
    let o = run(bin()
        .arg("render")
        .arg(example("khoksaard-2564.yaml"))
        .arg("-o")
        .arg(&out));
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        0,
        "something was written"
    );
}

#[test]
fn a_broken_template_fails_without_writing_any_file() {
    let out = scratch("atomic");
    let templates = scratch("atomic-templates");
    std::fs::write(
        templates.join("plan.xml.tera"),
        "<document>{{ no_such_value }}</document>",
    )
    .unwrap();
    let o = run(bin()
        .arg("render")
        .arg(example("phonsongkhram-2568.yaml"))
        .arg("-o")
        .arg(&out)
        .arg("--force")
        .arg("--templates")
        .arg(&templates));
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("plan.xml.tera"));
    let files: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert!(files.is_empty(), "left behind: {files:?}");
}

#[test]
fn batch_carries_on_and_summarises_failures() {
    let input = scratch("batch-in");
    let out = scratch("batch-out");
    std::fs::copy(example("khoksung-2566.yaml"), input.join("a.yaml")).unwrap();
    std::fs::copy(example("lamprangrong-2565.yaml"), input.join("b.yaml")).unwrap();
    std::fs::write(input.join("broken.yaml"), "agency: [unclosed\n").unwrap();
    let o = run(bin()
        .arg("batch")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .arg("--force")
        .args(["--lang", "en"]));
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("2 file(s) rendered"), "{err}");
    assert!(
        err.contains("1 failed") && err.contains("broken.yaml"),
        "{err}"
    );
    assert!(out.join("a").join("2566-memo.pdf").exists());
    assert!(out.join("b").join("2565-announcement.pdf").exists());
}

#[test]
fn new_prints_a_starter_that_loads() {
    let o = run(bin().args(["new", "--year", "2568"]));
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    let loaded = itadoc::model::load_str(&text, "starter.yaml").expect("starter loads");
    assert_eq!(loaded.input.year, 2568);
}

#[test]
fn templates_export_writes_every_template() {
    let dir = scratch("export");
    let o = run(bin().args(["templates", "export"]).arg(&dir).arg("--force"));
    assert!(o.status.success());
    for k in [
        "memo",
        "announcement",
        "plan",
        "progress",
        "meeting",
        "macros",
    ] {
        assert!(dir.join(format!("{k}.xml.tera")).exists(), "{k}");
    }
}

#[test]
fn check_prints_each_loader_warning_once() {
    let o = run(bin().args(["check"]).arg(example("khoksung-2566.yaml")));
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    // the seed types its overall score in Thai digits: the loader's warning, once
    let reading: Vec<&str> = text.lines().filter(|l| l.contains("98.85")).collect();
    assert_eq!(reading.len(), 1, "{text}");
    let mut lines: Vec<&str> = text.lines().collect();
    let all = lines.len();
    lines.sort_unstable();
    lines.dedup();
    assert_eq!(lines.len(), all, "a line printed twice:\n{text}");
}

#[test]
fn font_folder_notes_are_printed_in_the_chosen_language() {
    let fonts = scratch("fonts-notes");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    for f in ["Laksaman.ttf", "Laksaman-Bold.ttf"] {
        std::fs::copy(root.join(f), fonts.join(f)).unwrap();
    }
    for (lang, label) in [("th", "ฟอนต์: "), ("en", "fonts: ")] {
        let out = scratch(&format!("fonts-out-{lang}"));
        let o = run(bin()
            .arg("render")
            .arg(example("lamprangrong-2565.yaml"))
            .args(["--force", "--only", "memo", "--lang", lang, "--fonts"])
            .arg(&fonts)
            .arg("-o")
            .arg(&out));
        assert!(o.status.success());
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        let notes: Vec<&str> = err.lines().filter(|l| l.starts_with(label)).collect();
        // no italic faces in the folder: the loader says what stands in for them
        assert_eq!(notes.len(), 2, "{lang}: {err}");
        assert!(notes.iter().all(|n| n.contains("italic")), "{err}");
    }
}
