//! Pages as a Thai typesetter sets them, measured on the rendered PDFs with poppler
//! (pdftotext -bbox-layout word boxes), not with the layout's own numbers: word gaps
//! of justified lines (on held-out prose), the lines a signature carries onto its page, and balanced
//! titles. Needs pdftotext (poppler-utils): without it the tests fail.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A line of a page: its words, each with its left and right edge.
struct Line {
    words: Vec<(f32, f32, String)>,
}

impl Line {
    fn text(&self) -> String {
        self.words
            .iter()
            .map(|w| w.2.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn attr(tag: &str, name: &str) -> f32 {
    let at = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
    tag[at..].split('"').next().unwrap().parse().unwrap()
}

/// The lines of each page of `pdf`, as pdftotext -bbox-layout reads them.
fn pages(pdf: &Path) -> Vec<Vec<Line>> {
    let out = Command::new("pdftotext")
        .arg("-bbox-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed for this test: {e}"));
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    let html = String::from_utf8(out.stdout).unwrap();
    let mut pages = Vec::new();
    for page in html.split("<page ").skip(1) {
        let mut lines = Vec::new();
        for line in page.split("<line ").skip(1) {
            let words = line
                .split("<word ")
                .skip(1)
                .map(|w| {
                    let (tag, rest) = w.split_once('>').unwrap();
                    let text = rest.split("</word>").next().unwrap().to_string();
                    (attr(tag, "xMin"), attr(tag, "xMax"), text)
                })
                .collect();
            lines.push(Line { words });
        }
        pages.push(lines);
    }
    pages
}

/// Renders every example with the itadoc binary into a fresh folder.
fn rendered_examples() -> Vec<PathBuf> {
    // one folder per call: the tests run at once, and each removes its own
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let out = std::env::temp_dir().join(format!("itadoc-pages-{}-{call}", std::process::id()));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pdfs = Vec::new();
    for entry in std::fs::read_dir(root.join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let dir = out.join(path.file_stem().unwrap());
        let status = Command::new(env!("CARGO_BIN_EXE_itadoc"))
            .arg("render")
            .arg(&path)
            .arg("-o")
            .arg(&dir)
            .arg("--force")
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "render {}: {}",
            path.display(),
            String::from_utf8_lossy(&status.stderr)
        );
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "pdf") {
                pdfs.push(f);
            }
        }
    }
    assert!(pdfs.len() >= 10, "{} PDFs", pdfs.len());
    pdfs
}

#[test]
fn justified_lines_of_held_out_prose_keep_their_word_gaps_narrow() {
    let src = include_str!("data/heldout_names.txt");
    let body: String = src
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| format!(r#"<p indent="2.5cm">{}</p>"#, l.replace(['⟦', '⟧'], "")))
        .collect();
    let xml = format!(
        r#"<document><section margin-left="3cm" margin-right="2cm" page-numbers="false" continuation="false">{body}</section></document>"#
    );
    let doc = itadoc::markup::parse(&xml, "heldout.xml").unwrap();
    let layout = itadoc::typeset::typeset(&doc, &itadoc::typeset::Fonts::builtin()).unwrap();
    let pdf = itadoc::pdf::write(&layout, &Default::default()).unwrap();
    let path = std::env::temp_dir().join(format!("itadoc-gaps-{}.pdf", std::process::id()));
    std::fs::write(&path, pdf).unwrap();
    let pages = pages(&path);
    let _ = std::fs::remove_file(&path);
    let right = (21.0 - 2.0) * 72.0 / 2.54;
    let em = 16.0;
    let mut justified = 0;
    let mut wide = Vec::new();
    let mut widest_of_all = 0.0f32;
    for line in pages.iter().flatten() {
        let Some(last) = line.words.last() else {
            continue;
        };
        // a justified line reaches the right margin; the last line of a paragraph
        // does not
        if (last.1 - right).abs() > 1.0 || line.words.len() < 2 {
            continue;
        }
        justified += 1;
        let widest = line
            .words
            .windows(2)
            .map(|w| w[1].0 - w[0].1)
            .fold(0.0f32, f32::max);
        widest_of_all = widest_of_all.max(widest);
        if widest > 0.6 * em {
            wide.push(format!("{:.2} em: {}", widest / em, line.text()));
        }
    }
    assert!(justified >= 20, "only {justified} justified lines found");
    // The goal is no gap over 0.6 em. Not met yet: a line before a long word
    // that may not break (จัดซื้อจัดจ้าง) still needs more room than its clusters
    // may take. What holds today: at most one justified line in ten has a gap over
    // 0.6 em, and none over 1 em (before the distributed justification, most lines
    // had gaps of 0.65 em and some up to 4.9 em).
    assert!(
        wide.len() * 10 <= justified && widest_of_all <= em,
        "{} of {justified} lines, widest {:.2} em:\n{}",
        wide.len(),
        widest_of_all / em,
        wide.join("\n")
    );
}

#[test]
fn a_signature_carries_body_text_and_a_title_ends_on_a_full_line() {
    let mut problems = Vec::new();
    let mut signatures = 0;
    let pdfs = rendered_examples();
    for pdf in &pdfs {
        let name = pdf.display().to_string();
        let pages = pages(pdf);
        for (k, page) in pages.iter().enumerate() {
            let texts: Vec<String> = page.iter().map(Line::text).collect();
            for formula in ["จึงประกาศให้ทราบโดยทั่วกัน", "จึงเรียนมาเพื่อโปรด"]
            {
                if let Some(at) = texts.iter().position(|t| t.starts_with(formula)) {
                    signatures += 1;
                    // lines above the closing formula, the page number not counted
                    let body = texts[..at]
                        .iter()
                        .filter(|t| !(t.starts_with('-') && t.ends_with('-')))
                        .count();
                    if body < 2 {
                        problems.push(format!(
                            "{name} p.{}: {body} body line(s) above {formula}",
                            k + 1
                        ));
                    }
                }
            }
        }
        if name.ends_with("-announcement.pdf") {
            // the title: from "เรื่อง" to the line with the year
            let first = &pages[0];
            let start = first
                .iter()
                .position(|l| l.text().starts_with("เรื่อง"))
                .expect("title");
            let end = (start..first.len())
                .find(|&i| first[i].text().contains("พ.ศ."))
                .expect("year");
            let widths: Vec<f32> = first[start..=end]
                .iter()
                .map(|l| l.words.last().unwrap().1 - l.words[0].0)
                .collect();
            let widest = widths.iter().copied().fold(0.0, f32::max);
            if end > start && widths[widths.len() - 1] < 0.5 * widest {
                problems.push(format!(
                    "{name}: title ends on a short line \"{}\"",
                    first[end].text()
                ));
            }
        }
    }
    if let Some(dir) = pdfs[0].parent().and_then(Path::parent) {
        let _ = std::fs::remove_dir_all(dir);
    }
    assert!(signatures >= 10, "only {signatures} closing formulas found");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The widest gap between two words of `line`, in points, leaving out the gap after
/// a list label ("๑)", "๒.": a fixed label box, not a justified space).
fn widest_gap(line: &Line) -> f32 {
    let label = |w: &str| {
        w.ends_with([')', '.'])
            && w[..w.len() - 1]
                .chars()
                .all(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c) || c == '.')
    };
    line.words
        .windows(2)
        .enumerate()
        .filter(|(k, w)| !(*k == 0 && label(&w[0].2)))
        .map(|(_, w)| w[1].0 - w[0].1)
        .fold(0.0f32, f32::max)
}

fn page_count(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("pdfinfo (poppler-utils) is needed for this test: {e}"));
    let info = String::from_utf8_lossy(&out.stdout).into_owned();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count for {}: {info}", pdf.display()))
}

#[test]
fn the_examples_plans_prose_and_table_headers_as_printed() {
    let pdfs = rendered_examples();
    let name = |p: &PathBuf| p.file_name().unwrap().to_string_lossy().into_owned();
    // 1. The plans' pages (pdfinfo): 55 over the four examples' plans before their
    // columns were fitted and balanced (56 when the issue was filed), 46 now. The
    // issue's goal, at most 39 (30% fewer), is not met yet; this holds the gain.
    let plans: Vec<(String, usize)> = pdfs
        .iter()
        .filter(|p| name(p).ends_with("-plan.pdf"))
        .map(|p| (name(p), page_count(p)))
        .collect();
    assert_eq!(plans.len(), 4, "{plans:?}");
    let total: usize = plans.iter().map(|p| p.1).sum();
    assert!(total <= 46, "plans take {total} pages: {plans:?}");

    // 2. No header word cut inside a word: the progress report's status headers
    // and the plan's column headers read as whole words.
    let mut problems = Vec::new();
    for pdf in &pdfs {
        let n = name(pdf);
        let (whole, cut): (&[&str], &[&str]) = if n.ends_with("-progress.pdf") {
            (
                &["ยังไม่", "อยู่ระหว่าง", "ดำเนินงาน", "เสร็จแล้ว", "ผู้รับผิดชอบ"],
                &["อยู่", "ระหว่าง", "ดำเนิน", "เสร็จ", "งาน", "แล้ว"],
            )
        } else if n.ends_with("-plan.pdf") {
            (
                &["ระยะเวลา", "ผู้รับผิดชอบ", "หลักเกณฑ์การประเมิน", "ITA"],
                &["ระยะ", "ผู้รับ", "ผิดชอบ", "เวลา"],
            )
        } else {
            continue;
        };
        let pages = pages(pdf);
        let words: Vec<&str> = pages
            .iter()
            .flatten()
            .flat_map(|l| l.words.iter().map(|w| w.2.as_str()))
            .collect();
        for w in whole {
            if !words.contains(w) {
                problems.push(format!("{n}: no whole \"{w}\""));
            }
        }
        for w in cut {
            if words.contains(w) {
                problems.push(format!("{n}: a header word cut to \"{w}\""));
            }
        }
    }

    // 3. Word gaps of the justified prose lines (memo, announcement, meeting: the
    // lines that reach the right margin). The goal is none over 0.6 em; today 26
    // of about 490 are (a long unbreakable word after a line of few spaces: the
    // clusters may not take more than 0.08 em each, or readers would read a space),
    // and none over 1 em.
    let right = (21.0 - 2.0) * 72.0 / 2.54;
    let em = 16.0;
    let (mut justified, mut wide) = (0, Vec::new());
    let mut widest_of_all = 0.0f32;
    for pdf in pdfs.iter().filter(|p| {
        let n = name(p);
        n.ends_with("-memo.pdf") || n.ends_with("-announcement.pdf") || n.ends_with("-meeting.pdf")
    }) {
        for line in pages(pdf).iter().flatten() {
            let Some(last) = line.words.last() else {
                continue;
            };
            if (last.1 - right).abs() > 1.0 || line.words.len() < 2 {
                continue;
            }
            justified += 1;
            let widest = widest_gap(line);
            widest_of_all = widest_of_all.max(widest);
            if widest > 0.6 * em {
                wide.push(format!("{:.2} em: {}", widest / em, line.text()));
            }
        }
    }
    if let Some(dir) = pdfs[0].parent().and_then(Path::parent) {
        let _ = std::fs::remove_dir_all(dir);
    }
    assert!(justified >= 300, "only {justified} justified lines found");
    assert!(
        wide.len() * 100 <= 6 * justified && widest_of_all <= em,
        "{} of {justified} lines, widest {:.2} em:\n{}",
        wide.len(),
        widest_of_all / em,
        wide.join("\n")
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
