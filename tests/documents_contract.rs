//! Every field of the input contract is printed somewhere or reported as unused on
//! the terminal (issue 10, "fields dropped silently"). tests/data/contract-printed.yaml
//! gives every field a value of its own; this test renders it with the binary, reads
//! the PDFs' text with pdftotext, and walks the list of field paths below: each is
//! found in the text, or drawn (the emblem), or named on the terminal as not printed.

use std::path::{Path, PathBuf};
use std::process::Command;

/// How a field shows in the output.
enum Shows {
    /// Its value, as printed (Thai digits), is in the text of some document.
    Text(&'static [&'static str]),
    /// The render names the field path on the terminal as not printed.
    Reported,
    /// The emblem: an image in the memo and the announcement.
    Image,
    /// A setting whose effect the test checks on its own (see `settings`).
    Setting,
}
use Shows::*;

/// The contract's fields (the input format and its additions, docs/input-format.md),
/// each with how it shows in the documents. In tables pdftotext reads across the
/// columns line by line, so a value printed in a cell is matched by a phrase of one
/// cell line.
const FIELDS: &[(&str, Shows)] = &[
    ("agency.name", Text(&["เทศบาลตำบลหนองบัวทอง"])),
    ("agency.district", Text(&["อำเภอภูเวียง"])),
    ("agency.province", Text(&["จังหวัดขอนแก่น"])),
    (
        "agency.office",
        Text(&["งานบริหารงานบุคคล สำนักปลัดเทศบาล เทศบาลตำบลหนองบัวทอง"]),
    ),
    ("agency.section", Text(&["งานบริหารงานบุคคล"])),
    ("agency.phone", Text(&["โทร. ๐ ๔๓๒๙ ๕๕๖๖"])),
    ("agency.code", Text(&["ขก ๙๙๙๐๒/๒๓๔"])),
    ("agency.emblem", Image),
    ("year", Text(&["ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"])),
    (
        "result.indicators",
        Text(&[
            "๙๑.๒๐",
            "๗๘.๔๐",
            "๙๕.๐๐",
            "๘๘.๘๐",
            "๙๓.๖๐",
            "๙๐.๑๐",
            "๘๖.๓๐",
            "๘๔.๕๐",
            "๗๖.๒๕",
            "๘๙.๐๐",
        ]),
    ),
    ("result.names", Text(&["การใช้จ่ายงบประมาณประจำปี"])),
    ("result.overall", Text(&["ในภาพรวม ๘๕.๙๖ คะแนน"])),
    ("result.level", Text(&["อยู่ในระดับผ่าน"])),
    ("result.tools.iit", Text(&["IIT ๘๙.๔๐ คะแนน"])),
    ("result.tools.eit", Text(&["EIT ๘๖.๙๗ คะแนน"])),
    (
        "result.tools.eit_public",
        Text(&["(EIT Public) ได้ ๙๑.๑๕ คะแนน"]),
    ),
    (
        "result.tools.eit_survey",
        Text(&["(EIT Survey) ได้ ๘๒.๗๙ คะแนน"]),
    ),
    ("result.tools.oit", Text(&["OIT ๘๒.๖๓ คะแนน"])),
    (
        "result.subindicators",
        Text(&["ตัวชี้วัดย่อยที่ ๙.๑ ข้อมูลพื้นฐาน ๗๗.๕๐"]),
    ),
    (
        "result.questions",
        Text(&["I4 (๗๑.๓๐ คะแนน)", "E3 (EIT Survey ๗๔.๖๐ คะแนน)", "O1"]),
    ),
    ("history.year", Text(&["ปี ๒๕๖๗"])),
    ("history.overall", Text(&["๘๓.๑๐", "๘๐.๒๐"])),
    ("history.level", Text(&["ระดับไม่ผ่าน"])),
    ("history.indicators", Text(&["๙๐.๕๐", "๗๒.๖๐"])),
    ("history.2566.indicators", Reported),
    ("memo.number", Text(&["ขก ๙๙๙๐๒/๒๓๔"])),
    ("memo.date", Text(&["๕ กันยายน ๒๕๖๘"])),
    ("memo.to", Text(&["เรียน นายกเทศมนตรีตำบลหนองบัวทอง"])),
    (
        "memo.subject",
        Text(&["รายงานผลการวิเคราะห์การประเมินคุณธรรมและความโปร่งใสของเทศบาลตำบลหนองบัวทอง"]),
    ),
    (
        "memo.background",
        Text(&["ได้รับแจ้งผลการประเมินจากระบบ ITAS เมื่อเดือนสิงหาคม"]),
    ),
    (
        "memo.guidelines",
        Text(&["จัดประชุมชี้แจงข้อคำถามที่ได้คะแนนต่ำให้ทุกกองทราบ"]),
    ),
    ("memo.author.name", Text(&["(นางสาวสุดารัตน์ แก้วมณี)"])),
    ("memo.author.position", Text(&["นักทรัพยากรบุคคลชำนาญการ"])),
    ("memo.chain.title", Text(&["ความเห็นหัวหน้าสำนักปลัดเทศบาล"])),
    (
        "memo.chain.name",
        Text(&["(นายวีระพงษ์ ศรีสุข)", "(นางกาญจนา พรหมมา)"]),
    ),
    ("memo.chain.position", Text(&["ปลัดเทศบาล รักษาราชการแทน"])),
    ("memo.chain.capacity", Text(&["ปลัดเทศบาล รักษาราชการแทน"])),
    (
        "memo.chain.acting",
        Text(&["รักษาราชการแทน นายกเทศมนตรีตำบลหนองบัวทอง"]),
    ),
    (
        "announcement.date",
        Text(&["ประกาศ ณ วันที่ ๑๒ กันยายน พ.ศ. ๒๕๖๘"]),
    ),
    ("announcement.signer.name", Text(&["(นายธนากร บุญเรือง)"])),
    (
        "announcement.signer.position",
        Text(&["รองนายกเทศมนตรี ปฏิบัติราชการแทน"]),
    ),
    (
        "announcement.signer.capacity",
        Text(&["รองนายกเทศมนตรี ปฏิบัติราชการแทน"]),
    ),
    (
        "announcement.signer.acting",
        Text(&["ปฏิบัติราชการแทน นายกเทศมนตรีตำบลหนองบัวทอง"]),
    ),
    (
        "announcement.notes",
        Text(&["ผู้สนใจขอดูเอกสารประกอบได้ที่งานบริหารงานบุคคลในวันและเวลาราชการ"]),
    ),
    (
        "plan.measures.indicator",
        Text(&["ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล (๗๖.๒๕ คะแนน)"]),
    ),
    (
        "plan.measures.title",
        Text(&["ปรับปรุงหน้าเว็บไซต์ข้อมูลพื้นฐานของเทศบาล"]),
    ),
    ("plan.measures.steps", Text(&["รวบรวมข้อมูลโครงสร้าง"])),
    ("plan.measures.period", Text(&["ไตรมาส ๒"])),
    ("plan.measures.owner", Text(&["งานประชาสัมพันธ์"])),
    ("plan.measures.deadline", Text(&["๓๑ มี.ค. ๖๙"])),
    (
        "plan.measures.status",
        Text(&["อยู่ระหว่างดำเนินงาน ๑ มาตรการ"]),
    ),
    ("plan.measures.note", Text(&["หมายเหตุ: รอข้อมูลจากกองช่าง"])),
    (
        "plan.measures.analysis",
        Text(&["ข้อมูลโครงสร้างบนเว็บไซต์ยังไม่"]),
    ),
    (
        "plan.proposer",
        Text(&["(นายอนุชา ทองมา)", "นักวิเคราะห์นโยบายและแผน"]),
    ),
    ("plan.endorser", Text(&["(นายวีระพงษ์ ศรีสุข)"])),
    ("plan.approver", Text(&["(นายสมหมาย ดวงดี)"])),
    ("meeting.date", Text(&["เมื่อวันที่ ๒๐ ตุลาคม พ.ศ. ๒๕๖๘"])),
    ("meeting.time", Text(&["เวลา ๑๓.๓๐ น."])),
    ("meeting.end", Text(&["เลิกประชุมเวลา ๑๖.๐๐ น."])),
    ("meeting.place", Text(&["ณ ห้องประชุมสภาเทศบาลตำบลหนองบัวทอง"])),
    (
        "meeting.topics",
        Text(&["ให้ทุกกองส่งข้อมูลเว็บไซต์ภายในวันที่ ๓๐ ตุลาคม"]),
    ),
    (
        "meeting.attendees",
        Text(&["นางสาวมาลัย ชัยงาม ผู้อำนวยการกองคลัง", "นายประยุทธ พรมสุข"]),
    ),
    (
        "meeting.recorder",
        Text(&["(นางสาวปิยะนุช สายทอง)", "เจ้าพนักงานธุรการ"]),
    ),
    ("settings.thai_digits", Setting),
    ("settings.threshold", Text(&["ต่ำกว่าเกณฑ์ (๘๐ คะแนน)"])),
    ("settings.font", Setting),
    ("settings.docx_font", Setting),
    (
        "recommendations.questions.text",
        Text(&["การใช้จ่ายงบประมาณเป็นไปตามแผนที่ประกาศไว้"]),
    ),
    (
        "recommendations.questions.finding",
        Text(&["ประเด็น บุคลากรบางส่วนไม่ทราบแผนการใช้จ่ายงบประมาณประจำปี"]),
    ),
    (
        "recommendations.questions.action",
        Text(&["หน่วยงานควรชี้แจงแผนการใช้จ่ายงบประมาณในที่ประชุมประจำเดือน"]),
    ),
    ("recommendations.questions.refs", Text(&["(อ้างอิงจาก O6)"])),
    ("recommendations.questions.e9", Reported),
    (
        "recommendations.indicators.finding",
        Text(&["ประเด็น การเบิกจ่ายงบประมาณล่าช้ากว่าแผน"]),
    ),
    (
        "recommendations.indicators.action",
        Text(&["หน่วยงานควรติดตามการเบิกจ่ายทุกเดือน"]),
    ),
    (
        "recommendations.indicators.keep",
        Text(&["คงการมอบหมาย", "งานตามภารกิจของตำแหน่ง"]),
    ),
    (
        "recommendations.indicators.measures",
        Text(&["ติดตามผลการเบิก", "สรุปผลการเบิกจ่าย", "ภายในไตรมาสแรก"]),
    ),
    ("recommendations.subindicators.9.1.name", Reported),
    ("recommendations.subindicators.9.1.keep", Reported),
    (
        "recommendations.subindicators.finding",
        Text(&["ตัวชี้วัดย่อยที่ ๙.๑ ข้อมูลพื้นฐาน (๗๗.๕๐ คะแนน) ประเด็น ข้อมูลไม่ครบ"]),
    ),
    (
        "recommendations.subindicators.action",
        Text(&["ดังนั้น หน่วยงานควรเพิ่มข้อมูล"]),
    ),
    ("recommendations.guidelines", Reported),
    (
        "recommendations.tools.iit.keep",
        Text(&["ได้ผลดี ควรคงแนวทางเดิม"]),
    ),
    (
        "recommendations.tools.iit.improve",
        Text(&["ควรเร่งพัฒนาตัวชี้วัดที่ ๒ การใช้งบประมาณ เป็นลำดับแรก"]),
    ),
    // the library file's own header: which format and question set it follows
    ("recommendations.version", Setting),
    ("recommendations.year_set", Setting),
];

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed for this test: {e}"));
    assert!(out.status.success(), "{name} {args:?}: {:?}", out);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Text without white space, so a phrase matches across line breaks.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Renders the contract file once: (text of every PDF, terminal output, out dir).
fn rendered(name: &str) -> (String, String, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("itadoc-contract-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        root.join("tests/data/contract-printed.yaml"),
        dir.join("contract.yaml"),
    )
    .unwrap();
    // agency.emblem names emblem.png next to the input
    std::fs::copy(root.join("docs/memo-page1.png"), dir.join("emblem.png")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_itadoc"))
        .current_dir(&dir)
        .args(["render", "contract.yaml", "-o", "out"])
        .output()
        .unwrap();
    let terminal = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{terminal}");
    let mut text = String::new();
    for kind in ["memo", "announcement", "plan", "progress", "meeting"] {
        let pdf = dir.join(format!("out/2568-{kind}.pdf"));
        assert!(pdf.exists(), "{kind} missing: {terminal}");
        text.push_str(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
        // and in content order too: the layout mode's reading of a table cell beside
        // others depends on fine glyph positions (a cell's next line can follow a
        // line of the cell beside it)
        text.push_str(&tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]));
    }
    (text, terminal, dir)
}

#[test]
fn every_contract_field_is_printed_or_reported() {
    let (text, terminal, dir) = rendered("fields");
    let flat = squeeze(&text);
    let mut missing = Vec::new();
    for (path, shows) in FIELDS {
        match shows {
            Text(values) => {
                for v in *values {
                    if !flat.contains(&squeeze(v)) {
                        missing.push(format!("{path}: \"{v}\" is in no document"));
                    }
                }
            }
            Reported => {
                if !terminal.contains(&format!("{path}: ไม่ได้พิมพ์ในเอกสาร"))
                {
                    missing.push(format!("{path}: not reported on the terminal"));
                }
            }
            Image => {
                for kind in ["memo", "announcement"] {
                    let pdf = dir.join(format!("out/2568-{kind}.pdf"));
                    let list = tool("pdfimages", &["-list", pdf.to_str().unwrap()]);
                    // a header, a rule, then one line per image
                    if list.lines().count() < 3 {
                        missing.push(format!("{path}: no image in the {kind}"));
                    }
                }
            }
            Setting => {}
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    // a field reported as not printed is really absent from the documents: the
    // finding of e9 and the sub-indicator's own name
    for absent in ["ผู้รับบริการบางรายไม่ทราบช่องทางออนไลน์", "ข้อมูลพื้นฐานสำหรับประชาชน"]
    {
        assert!(!flat.contains(&squeeze(absent)), "{absent} is printed");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn settings_take_effect() {
    let (text, _, dir) = rendered("settings");
    // thai_digits: the year and the scores in Thai digits, no Arabic figure left
    // outside question codes and the Latin names of the tools
    assert!(text.contains("๒๕๖๘") && !text.contains("2568"));
    // font: default is the bundled family, embedded
    let fonts = tool(
        "pdffonts",
        &[dir.join("out/2568-memo.pdf").to_str().unwrap()],
    );
    assert!(
        fonts.lines().skip(2).any(|l| l.contains(" yes ")),
        "{fonts}"
    );
    // docx_font, version and year_set are read into the input
    let loaded = itadoc::load_input(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/contract-printed.yaml"),
    )
    .unwrap();
    let s = &loaded.input.settings;
    assert_eq!(s.docx_font.as_deref(), Some("TH Sarabun New"));
    assert_eq!(s.threshold, 80.0);
    assert_eq!(loaded.input.recommendations.version, Some(1));
    assert_eq!(loaded.input.recommendations.year_set, Some(2568));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every field path the contract file sets appears in the list above, so a field
/// added to the file without a line here fails.
#[test]
fn the_list_covers_the_contract_file() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/contract-printed.yaml"),
    )
    .unwrap();
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut unlisted = Vec::new();
    for line in text.lines() {
        let body = line.trim_start();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let indent = line.len() - body.len();
        let body = body.trim_start_matches("- ");
        let Some((key, _)) = body.split_once(':') else {
            continue;
        };
        let key = key.trim().trim_matches('"');
        if key.contains(' ') || key.contains('{') {
            continue;
        }
        while stack.last().is_some_and(|(i, _)| *i >= indent) {
            stack.pop();
        }
        stack.push((indent, key.to_string()));
        // numbers and question codes are map keys, not field names
        let path: Vec<&str> = stack
            .iter()
            .map(|(_, k)| k.as_str())
            .filter(|k| !k.chars().next().is_some_and(|c| c.is_ascii_digit()))
            .filter(|k| {
                !(k.len() <= 3 && k.chars().skip(1).all(|c| c.is_ascii_digit()) && k.len() > 1)
            })
            .collect();
        let path = path.join(".");
        let listed = FIELDS.iter().any(|(p, _)| {
            *p == path || p.starts_with(&format!("{path}.")) || path.starts_with(&format!("{p}."))
        });
        if !listed {
            unlisted.push(path);
        }
    }
    assert!(
        unlisted.is_empty(),
        "fields without a line in FIELDS: {unlisted:?}"
    );
}
