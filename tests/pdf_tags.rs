//! Tagged PDF, read back by two independent readers: poppler (`pdfinfo -struct-text`
//! prints the structure tree with the text of each element) and MuPDF (pymupdf reads
//! the structure elements, the outline and the catalog). Every example document is
//! rendered as `render` does; what the structure must say is derived from the
//! markup, never from our own layout.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use itadoc::documents::DocumentKind;
use itadoc::markup::{Block, Document, Inline};
use itadoc::pdf::{self, PdfError, PdfOptions};
use itadoc::typeset::{self, Fonts};
use itadoc::Lang;

/// One rendered example document.
struct Rendered {
    name: String,
    kind: DocumentKind,
    doc: Document,
    pdf: PathBuf,
}

/// Every example document, typeset and written as plain (tagged) PDF once.
fn rendered() -> &'static [Rendered] {
    static SET: OnceLock<(tempfile::TempDir, Vec<Rendered>)> = OnceLock::new();
    let (_, docs) = SET.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let fonts = Fonts::builtin();
        let docs = common::example_markup()
            .into_iter()
            .map(|(name, kind, doc)| {
                let layout = typeset::typeset(&doc, &fonts).unwrap();
                let bytes = pdf::write(&layout, &PdfOptions::default()).unwrap();
                let pdf = dir.path().join(format!("{name}.pdf"));
                std::fs::write(&pdf, bytes).unwrap();
                Rendered {
                    name,
                    kind,
                    doc,
                    pdf,
                }
            })
            .collect();
        (dir, docs)
    });
    docs
}

/// Runs a tool and returns its standard output (lossy: pdfinfo prints heading titles
/// as raw UTF-16).
fn run(program: &str, args: &[&str], file: &Path) -> String {
    let mut cmd = Command::new(program);
    cmd.args(args).arg(file);
    if program == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{program} could not be started: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?} {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A structure element that holds text, as poppler reads it.
#[derive(Debug, Clone, PartialEq)]
struct Leaf {
    /// P, H1…H6, Lbl or Figure.
    role: String,
    /// Its ancestors' roles, outermost first (`Document`, `L`, `LI`, …).
    path: Vec<String>,
    /// The text of its marked content, pieces joined as they come.
    text: String,
}

/// The leaves of the structure tree, in tree order, from `pdfinfo -struct-text`.
fn struct_leaves(pdf: &Path) -> Vec<Leaf> {
    let out = run("pdfinfo", &["-struct-text"], pdf);
    let leafy = |role: &str| {
        role == "P" || role == "Lbl" || role == "Figure" || role.starts_with('H') && role.len() == 2
    };
    // (indent, role) of the open elements
    let mut open: Vec<(usize, String)> = Vec::new();
    let mut leaves: Vec<Leaf> = Vec::new();
    let mut current: Option<usize> = None;
    for line in out.lines() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let body = line.trim();
        if body.starts_with('"') {
            let text = body.trim_start_matches('"').trim_end_matches('"');
            if let Some(k) = current {
                leaves[k].text.push_str(text);
            }
            continue;
        }
        let role: String = body
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if role.is_empty() {
            continue; // attributes (/Scope /Column)
        }
        while open.last().is_some_and(|(i, _)| *i >= indent) {
            open.pop();
        }
        current = None;
        if leafy(&role) {
            leaves.push(Leaf {
                role: role.clone(),
                path: open.iter().map(|(_, r)| r.clone()).collect(),
                text: String::new(),
            });
            current = Some(leaves.len() - 1);
        }
        open.push((indent, role));
    }
    leaves
}

/// The structure leaves of every rendered example, read once (in parallel).
fn all_leaves() -> &'static [Vec<Leaf>] {
    static LEAVES: OnceLock<Vec<Vec<Leaf>>> = OnceLock::new();
    LEAVES.get_or_init(|| {
        std::thread::scope(|scope| {
            let handles: Vec<_> = rendered()
                .iter()
                .map(|r| scope.spawn(|| struct_leaves(&r.pdf)))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        })
    })
}

/// The text of inline content, breaks and tabs as spaces, white space collapsed.
fn plain(content: &[Inline]) -> String {
    let mut s = String::new();
    for piece in content {
        match piece {
            Inline::Text(t) => s.push_str(&t.text),
            Inline::LineBreak | Inline::Tab => s.push(' '),
            _ => {}
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The leaves the markup asks for, in markup order: (role, text).
fn expected_leaves(doc: &Document) -> Vec<(String, String)> {
    fn walk(doc: &Document, blocks: &[Block], out: &mut Vec<(String, String)>) {
        for b in blocks {
            match b {
                Block::Paragraph(p) => {
                    let text = plain(&p.content);
                    if !text.is_empty() {
                        let role = p.heading.map_or("P".to_string(), |l| format!("H{l}"));
                        out.push((role, text));
                    }
                }
                Block::List(l) => {
                    for (k, item) in l.items.iter().enumerate() {
                        let label = item.label.clone().unwrap_or_else(|| {
                            l.label.replace('#', &doc.digits.format(l.start + k as u32))
                        });
                        if !label.is_empty() {
                            out.push(("Lbl".into(), label));
                        }
                        walk(doc, &item.blocks, out);
                    }
                }
                Block::Table(t) => {
                    for row in &t.rows {
                        for cell in &row.cells {
                            walk(doc, &cell.blocks, out);
                        }
                    }
                }
                Block::Signature(s) => {
                    for line in &s.lines {
                        let text = plain(line);
                        if !text.is_empty() {
                            out.push(("P".into(), text));
                        }
                    }
                }
                Block::Emblem(_) => out.push(("Figure".into(), String::new())),
                Block::Keep(k) => walk(doc, &k.blocks, out),
                Block::PageBreak => {}
            }
        }
    }
    let mut out = Vec::new();
    for section in &doc.sections {
        walk(doc, &section.blocks, &mut out);
    }
    out
}

/// `actual` spells `expected` out exactly, except that a space of the source may be
/// missing (a line that broke at a space draws no space; Thai lines also break
/// between words that have none). A doubled, lost or moved character, or a space
/// inside a word, fails.
fn spells(actual: &str, expected: &str) -> bool {
    let a: Vec<char> = actual.trim().chars().collect();
    let e: Vec<char> = expected.trim().chars().collect();
    let (mut i, mut j) = (0, 0);
    while j < e.len() {
        if i < a.len() && a[i] == e[j] {
            i += 1;
            j += 1;
        } else if e[j] == ' ' {
            j += 1;
        } else {
            return false;
        }
    }
    i == a.len()
}

#[test]
fn the_comparison_fails_on_what_it_is_for() {
    assert!(spells("ตามที่หน่วยงาน ได้", "ตามที่หน่วยงาน ได้"));
    assert!(spells("IIT๙๙.๘๙", "IIT ๙๙.๘๙"));
    assert!(
        !spells("IIT ๙๙. ๘๙", "IIT ๙๙.๘๙"),
        "a space inside a number"
    );
    assert!(!spells("เรื่ออง", "เรื่อง"), "a doubled letter");
    assert!(!spells("บันทึก", "บันทึกข้อความ"), "text cut short");
    assert!(!spells("๒) ข้อ", "ข้อ"), "something extra");
}

#[test]
fn every_example_is_tagged() {
    let docs = rendered();
    assert_eq!(docs.len(), 16, "the examples give 16 documents");
    for r in docs {
        let info = run("pdfinfo", &[], &r.pdf);
        assert!(
            info.lines()
                .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
            "{}: {info}",
            r.name
        );
        if r.kind == DocumentKind::Progress {
            // the status header: cells spanning the two header rows, and the group
            // over the three status columns
            let tree = run("pdfinfo", &["-struct-text"], &r.pdf);
            let th: Vec<&str> = tree.split("TH:").skip(1).collect();
            assert!(
                th.iter().filter(|t| t.contains("/RowSpan 2")).count() == 4
                    && th.iter().any(|t| t.contains("/ColSpan 3")),
                "{}: {tree}",
                r.name
            );
        }
    }
}

#[test]
fn the_structure_reads_as_the_markup_in_order() {
    for (r, leaves) in rendered().iter().zip(all_leaves()) {
        let actual: Vec<&Leaf> = leaves
            .iter()
            .filter(|l| l.role == "Figure" || !l.text.trim().is_empty())
            .collect();
        let expected = expected_leaves(&r.doc);
        for (k, (a, (role, text))) in actual.iter().zip(&expected).enumerate() {
            assert!(
                a.role == *role && spells(&a.text, text),
                "{}: element {k} is {} {:?}, the markup has {role} {text:?}",
                r.name,
                a.role,
                a.text
            );
        }
        assert_eq!(
            actual.len(),
            expected.len(),
            "{}: {} elements with text in the structure, {} in the markup; the first past the shorter: {:?} / {:?}",
            r.name,
            actual.len(),
            expected.len(),
            actual.get(expected.len()),
            expected.get(actual.len())
        );
    }
}

#[test]
fn page_numbers_and_continuation_markers_are_artifacts() {
    let furniture = |t: &str| {
        let t = t.trim();
        let number = t
            .strip_prefix("- ")
            .and_then(|t| t.strip_suffix(" -"))
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_numeric()));
        number || (t.starts_with('/') && t.ends_with("..."))
    };
    let mut on_pages = 0;
    for (r, leaves) in rendered().iter().zip(all_leaves()) {
        let pages = run("pdftotext", &["-enc", "UTF-8", "-layout"], &r.pdf);
        // the pages show them (so this test can fail) …
        let drawn: Vec<String> = pages
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| furniture(l))
            .collect();
        on_pages += drawn.len();
        // … the structure never holds them, whole or in part
        for leaf in leaves {
            assert!(!furniture(&leaf.text), "{}: {leaf:?}", r.name);
            for f in &drawn {
                assert!(
                    !leaf.text.contains(f.as_str()),
                    "{}: {f:?} inside {leaf:?}",
                    r.name
                );
            }
        }
    }
    assert!(
        on_pages > 20,
        "only {on_pages} page numbers and markers drawn"
    );
}

#[test]
fn a_list_label_comes_before_its_item_in_the_same_list_item() {
    let mut labels = 0;
    for (r, leaves) in rendered().iter().zip(all_leaves()) {
        for (k, leaf) in leaves.iter().enumerate() {
            if leaf.role != "Lbl" {
                continue;
            }
            labels += 1;
            assert!(
                leaf.path.ends_with(&["L".to_string(), "LI".to_string()]),
                "{}: {leaf:?}",
                r.name
            );
            let next = &leaves[k + 1];
            assert!(
                next.path.ends_with(&["LI".into(), "LBody".into()])
                    || next.path.iter().rev().take(4).any(|p| p == "LBody"),
                "{}: after {leaf:?} comes {next:?}",
                r.name
            );
        }
        if r.kind == DocumentKind::Meeting {
            // the meeting summary's "๒)" (drawn after the item's first line before)
            let k = leaves
                .iter()
                .position(|l| l.role == "Lbl" && l.text == "๒)")
                .expect("the meeting has a second agreed point");
            assert_eq!(leaves[k + 1].role, "P");
            assert!(!leaves[k + 1].text.starts_with("๒)"));
        }
    }
    assert!(labels > 50, "{labels} list labels");
}

/// What pymupdf reads from each PDF: the catalog's language and viewer preferences,
/// the outline, the alternate texts of the figures, and the paragraphs whose
/// content lies on more than one page.
fn mupdf(paths: &[&Path]) -> Vec<serde_json::Value> {
    const SCRIPT: &str = r#"
import json, re, sys, pymupdf
out = []
for path in sys.argv[1:]:
    d = pymupdf.open(path)
    cat = d.pdf_catalog()
    figures, split = [], 0
    for x in range(1, d.xref_length()):
        kind = d.xref_get_key(x, "S")
        if kind == ("name", "/Figure"):
            figures.append(d.xref_get_key(x, "Alt")[1])
        if kind == ("name", "/P"):
            pages = set(re.findall(r"/Pg (\d+) 0 R", d.xref_get_key(x, "K")[1]))
            own = d.xref_get_key(x, "Pg")[1]
            if pages - {own.split()[0] if own else ""}:
                split += 1
    out.append({
        "repaired": d.is_repaired,
        "lang": d.xref_get_key(cat, "Lang")[1],
        "viewer": d.xref_get_key(cat, "ViewerPreferences")[1],
        "toc": d.get_toc(),
        "figures": figures,
        "split": split,
    })
print(json.dumps(out, ensure_ascii=False))
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .args(paths)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "pymupdf: {} (run scripts/test.sh, which installs it)",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn thai_language_title_in_the_title_bar_and_the_emblem_described() {
    let docs = rendered();
    let paths: Vec<&Path> = docs.iter().map(|r| r.pdf.as_path()).collect();
    let read = mupdf(&paths);
    let mut emblems = 0;
    let mut split = 0;
    for (r, m) in docs.iter().zip(&read) {
        assert_eq!(m["repaired"], false, "{}: the file needed repair", r.name);
        assert_eq!(m["lang"], "th", "{}", r.name);
        assert!(
            m["viewer"]
                .as_str()
                .unwrap()
                .contains("/DisplayDocTitle true"),
            "{}: {}",
            r.name,
            m["viewer"]
        );
        let has_emblem = r.doc.sections.iter().any(|s| {
            s.blocks
                .iter()
                .any(|b| matches!(b, Block::Emblem(e) if e.alt == "ตราครุฑ"))
        });
        let figures = m["figures"].as_array().unwrap();
        if has_emblem {
            emblems += 1;
            assert_eq!(figures.len(), 1, "{}: {figures:?}", r.name);
            assert_eq!(figures[0], "ตราครุฑ", "{}", r.name);
        } else {
            assert!(figures.is_empty(), "{}: {figures:?}", r.name);
        }
        split += m["split"].as_u64().unwrap();
    }
    // the memo and the announcement of every example
    assert_eq!(emblems, 10);
    // paragraphs (and cells' paragraphs) over a page break: one P on both pages
    assert!(split > 0, "no paragraph crosses a page");
}

/// The headings of the markup: (level, title).
fn headings(doc: &Document) -> Vec<(u64, String)> {
    fn walk(blocks: &[Block], out: &mut Vec<(u64, String)>) {
        for b in blocks {
            match b {
                Block::Paragraph(p) => {
                    if let Some(level) = p.heading {
                        out.push((u64::from(level), plain(&p.content)));
                    }
                }
                Block::List(l) => l.items.iter().for_each(|i| walk(&i.blocks, out)),
                Block::Table(t) => t
                    .rows
                    .iter()
                    .flat_map(|r| &r.cells)
                    .for_each(|c| walk(&c.blocks, out)),
                Block::Keep(k) => walk(&k.blocks, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for s in &doc.sections {
        walk(&s.blocks, &mut out);
    }
    out
}

#[test]
fn bookmarks_are_the_headings_on_their_pages() {
    let docs = rendered();
    let paths: Vec<&Path> = docs.iter().map(|r| r.pdf.as_path()).collect();
    let read = mupdf(&paths);
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    for (r, m) in docs.iter().zip(&read) {
        let toc: Vec<(u64, String, u64)> = m["toc"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e[0].as_u64().unwrap(),
                    e[1].as_str().unwrap().to_string(),
                    e[2].as_u64().unwrap(),
                )
            })
            .collect();
        let want = headings(&r.doc);
        let got: Vec<(u64, String)> = toc.iter().map(|(l, t, _)| (*l, t.clone())).collect();
        assert_eq!(got, want, "{}", r.name);
        match r.kind {
            DocumentKind::Memo => {
                for section in ["๑. เรื่องเดิม", "๒. ข้อเท็จจริง", "๓. ข้อเสนอแนะ"]
                {
                    assert!(
                        got.iter().any(|(l, t)| *l == 2 && t == section),
                        "{}: {got:?}",
                        r.name
                    );
                }
            }
            DocumentKind::Plan => {
                assert!(
                    got.iter()
                        .filter(|(l, t)| *l == 2 && t.starts_with("ตัวชี้วัดที่ "))
                        .count()
                        >= 2,
                    "{}: {got:?}",
                    r.name
                );
            }
            _ => {}
        }
        // each bookmark's page shows its heading, and they go forward
        let mut last = 1;
        for (_, title, page) in &toc {
            assert!(*page >= last, "{}: {title} on page {page}", r.name);
            last = *page;
            let p = page.to_string();
            let text = run(
                "pdftotext",
                &["-raw", "-enc", "UTF-8", "-f", &p, "-l", &p],
                &r.pdf,
            );
            let start: String = squeeze(title).chars().take(12).collect();
            assert!(
                squeeze(&text).contains(&start),
                "{}: {title:?} is not on page {page}",
                r.name
            );
        }
    }
}

#[test]
fn pdfua_renders_every_example_and_pdfa_is_2a() {
    let dir = tempfile::tempdir().unwrap();
    let mut documents = 0;
    for (flags, part) in [
        (&["--pdfua"][..], None),
        (&["--pdfua", "--pdfa"][..], Some("A")),
    ] {
        for file in common::example_files() {
            let out_dir = dir.path().join(format!(
                "{}{}",
                file.file_stem().unwrap().to_string_lossy(),
                flags.len()
            ));
            let out = Command::new(env!("CARGO_BIN_EXE_itadoc"))
                .arg("render")
                .arg(&file)
                .arg("-o")
                .arg(&out_dir)
                .args(["--force", "--lang", "en"])
                .args(flags)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{} {flags:?}: {}",
                file.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            for pdf in std::fs::read_dir(&out_dir).unwrap() {
                let pdf = pdf.unwrap().path();
                let meta = run("pdfinfo", &["-meta"], &pdf);
                assert!(
                    meta.contains("<pdfuaid:part>1</pdfuaid:part>"),
                    "{}",
                    pdf.display()
                );
                if let Some(conformance) = part {
                    assert!(meta.contains("<pdfaid:part>2</pdfaid:part>"));
                    assert!(
                        meta.contains(&format!(
                            "<pdfaid:conformance>{conformance}</pdfaid:conformance>"
                        )),
                        "{}",
                        pdf.display()
                    );
                }
                let info = run("pdfinfo", &[], &pdf);
                assert!(info.contains("Tagged:          yes"), "{}", pdf.display());
                documents += 1;
            }
        }
    }
    assert_eq!(documents, 32, "16 documents, twice");
}

#[test]
fn what_pdfua_refuses_is_told_in_thai_and_english() {
    // no heading: no bookmarks, which PDF/UA requires
    let doc = itadoc::markup::parse(
        r#"<document title="ทดสอบ"><section><p>ข้อความธรรมดา</p></section></document>"#,
        "test.xml",
    )
    .unwrap();
    let layout = typeset::typeset(&doc, &Fonts::builtin()).unwrap();
    let opts = PdfOptions {
        pdfua: true,
        ..PdfOptions::default()
    };
    let error = pdf::write(&layout, &opts).expect_err("PDF/UA needs an outline");
    assert!(matches!(error, PdfError::Validation { .. }), "{error}");
    let th = error.message(Lang::Th);
    assert!(
        th.starts_with("เอกสารไม่เป็นไปตามมาตรฐาน PDF/UA-1") && th.contains("ไม่มีหัวเรื่อง"),
        "{th}"
    );
    let en = error.message(Lang::En);
    assert!(
        en.starts_with("the document is not valid PDF/UA-1") && en.contains("no heading"),
        "{en}"
    );
    // with a heading it is written, and plain output never needed one
    assert!(pdf::write(&layout, &PdfOptions::default()).is_ok());
    let doc = itadoc::markup::parse(
        r#"<document title="ทดสอบ"><section><p heading="1">หัวเรื่อง</p><p>ข้อความธรรมดา</p></section></document>"#,
        "test.xml",
    )
    .unwrap();
    let layout = typeset::typeset(&doc, &Fonts::builtin()).unwrap();
    assert!(pdf::write(&layout, &opts).is_ok());
}
