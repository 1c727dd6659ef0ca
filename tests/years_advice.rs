//! Every fiscal year 2562-2570 gets advice of its own for its own questions
//! (issue 11): a file of each year with low questions from that year's set is
//! rendered through the binary, the memo is read back with pdftotext, and each
//! low question must have its own paragraph "CODE (score คะแนน) ประเด็น <finding>
//! ดังนั้น หน่วยงานควร<action>", with findings that differ from one another, no
//! generic stand-in sentence, and (for a few questions per year, written out here)
//! the subject that year's question really has: 2564's o17 and 2566's o18 are the
//! E-Service, 2566's o27 the complaint guideline, 2569's o25 the use of ITA results.
//! Also: the memo's year-over-year table, read back from the PDF.

use itadoc::analysis::library::Library;
use itadoc::model::RecommendationSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_itadoc")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("itadoc-years-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The memo's text as pdftotext reads it, without page furniture (page numbers
/// "- ๓ -" and the continuation line "/next words…") and without white space, so
/// that a paragraph can be matched across line and page breaks.
fn memo_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed: scripts/test.sh installs it");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    let text = String::from_utf8(out.stdout).unwrap();
    text.split('\u{c}')
        .map(without_page_number)
        .flat_map(str::lines)
        .map(str::trim)
        .filter(|l| !(l.starts_with('/') && (l.ends_with("...") || l.ends_with('…'))))
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{c}')
        .collect()
}

/// A page's text without the page number "- ๕ -" it starts with (pdftotext may
/// run it into the page's first words and drop its closing dash).
fn without_page_number(page: &str) -> &str {
    let page = page.trim_start();
    let Some(rest) = page.strip_prefix('-') else {
        return page;
    };
    let rest = rest.trim_start_matches(|c: char| c == ' ' || c.is_numeric());
    if rest.len() == page.len() - 1 {
        return page;
    }
    rest.strip_prefix('-').unwrap_or(rest)
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Renders `yaml` (memo only) and returns the memo's text.
fn render_memo(name: &str, yaml: &str, year: u16) -> String {
    let dir = scratch(name);
    let file = dir.join("input.yaml");
    std::fs::write(&file, yaml).unwrap();
    let out = Command::new(bin())
        .args(["render", file.to_str().unwrap(), "-o"])
        .arg(dir.join("out"))
        .args(["--only", "memo"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{name}: render failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = memo_text(&dir.join("out").join(format!("{year}-memo.pdf")));
    let _ = std::fs::remove_dir_all(&dir);
    text
}

/// The low questions tried in each year: the five of the issue (the same codes
/// every year) and some of the year's own.
fn codes_of(year: u16) -> Vec<&'static str> {
    let mut codes = vec!["i7", "e4", "o5", "o12", "o20"];
    codes.extend(match year {
        2562..=2565 => vec!["i16", "i29", "e13", "e15", "o17", "o40"],
        2566 => vec!["i24", "e13", "o18", "o27", "o41"],
        2567 | 2568 => vec!["i15", "e9", "o10", "o25"],
        _ => vec!["o11", "o25", "o26"],
    });
    codes
}

/// A question of the year and a phrase its finding must contain: the subject that
/// year's question has (written out here, not taken from the data).
fn pinned(year: u16) -> Vec<(&'static str, &'static str)> {
    let eservice = "ช่องทางให้บริการออนไลน์";
    let errands = "ธุระส่วนตัวของผู้บังคับบัญชา";
    match year {
        2562..=2565 => vec![
            ("o17", eservice),
            ("i16", errands),
            ("i7", "แผนการใช้จ่ายงบประมาณประจำปี"),
            ("e4", "เรียกรับเงิน"),
            ("o20", "รายงานผลการใช้จ่ายงบประมาณ"),
        ],
        2566 => vec![
            ("o18", eservice),
            ("o27", "แนวปฏิบัติการจัดการเรื่องร้องเรียน"),
            ("i24", "ตรวจสอบทรัพย์สิน"),
            ("e13", "บริการออนไลน์"),
        ],
        2567 | 2568 => vec![("o10", eservice), ("i7", errands), ("e4", "ค้นหาได้ยาก")],
        _ => vec![
            ("o10", eservice),
            ("o25", "ผลการประเมิน ITA"),
            ("o11", "สรุปผลการจัดซื้อจัดจ้างรายเดือน"),
        ],
    }
}

fn input(year: u16, codes: &[&str]) -> String {
    let mut yaml = format!(
        "agency: {{name: องค์การบริหารส่วนตำบลทดสอบปี, district: เมือง, province: ขอนแก่น}}\n\
         year: {year}\n\
         result:\n  indicators: {{1: 90, 2: 80, 3: 80, 4: 88, 5: 80, 6: 86, 7: 80, 8: 82, 9: 70, 10: 75}}\n  questions:\n"
    );
    for (n, c) in codes.iter().enumerate() {
        yaml.push_str(&format!("    {c}: {}\n", 40 + n));
    }
    yaml
}

#[test]
fn every_year_gives_each_low_question_its_own_advice() {
    let none = RecommendationSet::default();
    let generic = "ตรวจสอบหลักฐานและวิธีปฏิบัติที่เกี่ยวข้องกับข้อคำถาม";
    for year in 2562..=2570u16 {
        let rules = itadoc::ita::rules(year).unwrap();
        let lib = Library::new(&none, rules);
        let codes = codes_of(year);
        let text = render_memo(&year.to_string(), &input(year, &codes), year);
        assert!(
            !text.contains(generic),
            "{year}: the generic sentence is printed"
        );
        let mut findings = Vec::new();
        for (n, code) in codes.iter().enumerate() {
            let q = lib.question(code);
            let (Some(finding), Some(action)) = (q.finding, q.action) else {
                panic!("{year} {code}: no advice in the library");
            };
            let score = itadoc::thai::to_thai_digits(&format!("{}.00", 40 + n));
            let paragraph = squash(&format!(
                "{} ({score} คะแนน) ประเด็น {finding} ดังนั้น หน่วยงานควร{action}",
                code.to_uppercase()
            ));
            assert!(
                text.contains(&paragraph),
                "{year} {code}: no paragraph of its own in the memo"
            );
            assert!(
                !findings.contains(&finding),
                "{year} {code}: the same finding as another question"
            );
            findings.push(finding);
        }
        for (code, phrase) in pinned(year) {
            let f = lib.question(code).finding.unwrap_or_default();
            assert!(
                f.contains(phrase),
                "{year} {code}: the advice is not about its subject ({phrase}): {f}"
            );
        }
    }
}

#[test]
fn references_are_printed_as_the_years_own_codes() {
    // The online-service question refers to the E-Service item: o17 in 2564,
    // o18 in 2566, o10 in 2568.
    for (year, eit, oit) in [
        (2564, "e13", "O17"),
        (2566, "e13", "O18"),
        (2568, "e9", "O10"),
    ] {
        let text = render_memo(&format!("refs{year}"), &input(year, &[eit]), year);
        assert!(
            text.contains(&format!("(อ้างอิงจาก{oit})")),
            "{year} {eit}: the reference is not {oit}"
        );
    }
}

#[test]
fn the_memo_compares_with_the_year_before_per_tool_and_indicator() {
    let yaml = "agency: {name: เทศบาลตำบลทดสอบปี, district: เมือง, province: ขอนแก่น}\n\
                year: 2566\n\
                result:\n  indicators: {1: 100, 2: 100, 3: 100, 4: 99.45, 5: 100, 6: 94.86, 7: 97.17, 8: 96.85, 9: 100, 10: 100}\n\
                history:\n  - {year: 2564, overall: 90.10, level: A}\n  - year: 2565\n    overall: 95.20\n    level: AA\n    indicators: {1: 99.0, 2: 98.1, 3: 97.5, 4: 96.0, 5: 95.0, 6: 93.2, 7: 98.8, 8: 90.1, 9: 96.0, 10: 93.0}\n";
    let text = render_memo("history", yaml, 2566);
    // The table of every year's overall and level.
    assert!(text.contains("๒๕๖๔๙๐.๑๐ระดับA"), "2564 row");
    assert!(text.contains("๒๕๖๕๙๕.๒๐ระดับAA+๕.๑๐"), "2565 row");
    // Per tool: IIT 2565 = mean of 99.0 … 95.0 = 97.12; 2566 = 99.89.
    assert!(text.contains("IIT๙๗.๑๒๙๙.๘๙+๒.๗๗"), "IIT row");
    assert!(text.contains("OIT๙๔.๕๐๑๐๐.๐๐+๕.๕๐"), "OIT row");
    // Per indicator, a fall with its sign.
    assert!(
        text.contains("ตัวชี้วัดที่๗ประสิทธิภาพการสื่อสาร๙๘.๘๐๙๗.๑๗-๑.๖๓"),
        "indicator 7 row"
    );
    assert!(text.contains("ตัวชี้วัดที่มีคะแนนลดลงจากปีงบประมาณพ.ศ.๒๕๖๕ได้แก่ตัวชี้วัดที่๗ประสิทธิภาพการสื่อสาร"));
    // Without indicator scores for an earlier year there is no comparison table.
    let bare = yaml.replace(
        "    indicators: {1: 99.0, 2: 98.1, 3: 97.5, 4: 96.0, 5: 95.0, 6: 93.2, 7: 98.8, 8: 90.1, 9: 96.0, 10: 93.0}\n",
        "",
    );
    let text = render_memo("history-bare", &bare, 2566);
    assert!(text.contains("๒๕๖๕๙๕.๒๐ระดับAA+๕.๑๐"));
    assert!(!text.contains("คะแนนรายแบบวัดและรายตัวชี้วัดเปลี่ยนแปลง"));
}
