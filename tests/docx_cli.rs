//! `--format pdf|docx|pdf,docx`, `--docx-font` and `settings.docx_font` through the
//! command line: which files `render` and `batch` write, the font the DOCX names, and
//! that a failed render writes nothing.

mod docx_common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn itadoc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_itadoc"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the itadoc binary runs")
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("itadoc-docx-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().to_string())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// The font names `w:rFonts w:cs` gives in the package's document part.
fn cs_fonts(docx: &Path) -> Vec<String> {
    let parts = docx_common::unzip(&std::fs::read(docx).unwrap());
    let body = docx_common::part(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&body).unwrap();
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let mut v: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name((w, "rFonts")))
        .filter_map(|n| n.attribute((w, "cs")).map(str::to_string))
        .filter(|f| f != "Segoe UI Symbol")
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn render_writes_pdf_and_docx_for_every_document() {
    let out = scratch("both");
    let o = itadoc(&[
        "render",
        "examples/khoksung-2566.yaml",
        "-o",
        out.to_str().unwrap(),
        "--format",
        "pdf,docx",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        files(&out),
        [
            "2566-announcement.docx",
            "2566-announcement.pdf",
            "2566-memo.docx",
            "2566-memo.pdf"
        ]
    );
    // every path written is printed
    let stdout = String::from_utf8_lossy(&o.stdout);
    for f in files(&out) {
        assert!(stdout.contains(&f), "{f} not printed:\n{stdout}");
    }
    assert!(std::fs::read(out.join("2566-memo.pdf"))
        .unwrap()
        .starts_with(b"%PDF"));
    assert_eq!(cs_fonts(&out.join("2566-memo.docx")), ["TH SarabunIT๙"]);
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn docx_alone_and_the_font_flag() {
    let out = scratch("alone");
    let o = itadoc(&[
        "render",
        "examples/khoksung-2566.yaml",
        "-o",
        out.to_str().unwrap(),
        "--format",
        "docx",
        "--only",
        "memo",
        "--docx-font",
        "TH Sarabun New",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(files(&out), ["2566-memo.docx"]);
    assert_eq!(cs_fonts(&out.join("2566-memo.docx")), ["TH Sarabun New"]);
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn the_setting_names_the_font_and_the_flag_wins() {
    let dir = scratch("setting");
    let yaml = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/khoksung-2566.yaml"),
    )
    .unwrap();
    assert!(
        !yaml.contains("\nsettings:"),
        "the example has no settings of its own"
    );
    let file = dir.join("agency.yaml");
    std::fs::write(
        &file,
        format!("{yaml}\nsettings:\n  docx_font: TH SarabunPSK\n"),
    )
    .unwrap();
    let out = dir.join("out");
    let args = |extra: &[&'static str]| {
        let mut a = vec![
            "render".to_string(),
            file.to_string_lossy().to_string(),
            "-o".into(),
            out.to_string_lossy().to_string(),
            "--format".into(),
            "docx".into(),
            "--only".into(),
            "memo".into(),
        ];
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let run = |a: Vec<String>| {
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        let o = itadoc(&refs);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    run(args(&[]));
    assert_eq!(cs_fonts(&out.join("2566-memo.docx")), ["TH SarabunPSK"]);
    run(args(&["--docx-font", "TH Sarabun New"]));
    assert_eq!(cs_fonts(&out.join("2566-memo.docx")), ["TH Sarabun New"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unknown_format_is_refused_and_a_failed_render_writes_nothing() {
    let out = scratch("refused");
    let o = itadoc(&[
        "render",
        "examples/khoksung-2566.yaml",
        "-o",
        out.to_str().unwrap(),
        "--format",
        "pdf,odt",
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("odt"));
    assert!(files(&out).is_empty());
    // an emblem that cannot be read: neither the PDF nor the DOCX of any document
    let o = itadoc(&[
        "render",
        "examples/khoksung-2566.yaml",
        "-o",
        out.to_str().unwrap(),
        "--format",
        "pdf,docx",
        "--emblem",
        "/nonexistent/krut.png",
    ]);
    assert!(!o.status.success());
    assert!(files(&out).is_empty(), "{:?}", files(&out));
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn batch_takes_the_format_too() {
    let dir = scratch("batch");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/khoksung-2566.yaml"),
        input.join("khoksung.yaml"),
    )
    .unwrap();
    let out = dir.join("out");
    let o = itadoc(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--format",
        "docx",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        files(&out.join("khoksung")),
        ["2566-announcement.docx", "2566-memo.docx"]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_example_renders_as_pdf_and_docx() {
    let out = scratch("examples");
    for file in docx_common::example_files() {
        let o = itadoc(&[
            "render",
            file.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--format",
            "pdf,docx",
            "--force",
        ]);
        assert!(
            o.status.success(),
            "{}: {}",
            file.display(),
            String::from_utf8_lossy(&o.stderr)
        );
        let written: Vec<String> = String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(str::to_string)
            .collect();
        let pdfs = written.iter().filter(|p| p.ends_with(".pdf")).count();
        let docxs: Vec<&String> = written.iter().filter(|p| p.ends_with(".docx")).collect();
        assert!(pdfs >= 2, "{}: {written:?}", file.display());
        assert_eq!(
            pdfs,
            docxs.len(),
            "{}: a DOCX beside every PDF",
            file.display()
        );
        for d in docxs {
            // a package whose document part parses
            let parts = docx_common::unzip(&std::fs::read(d).unwrap());
            roxmltree::Document::parse(&docx_common::part(&parts, "word/document.xml")).unwrap();
        }
    }
    let _ = std::fs::remove_dir_all(&out);
}
