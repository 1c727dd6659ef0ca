//! The templates against a small input written here (not one of the examples),
//! loaded and analysed as the program does: every document renders, parses as
//! markup, and carries the figures and names it must.

use itadoc::analysis::{analyse, Analysis, LowQuestion, Recommendation};
use itadoc::documents::{render_markup, DocumentKind, Options};
use itadoc::model::Input;

const FIXTURE: &str = r#"
agency:
  name: องค์การบริหารส่วนตำบลลำปางรอง
  district: ภูเพียง
  province: น่าน
  office: สำนักปลัด
  code: นน 12345
year: 2565
result:
  indicators: {1: 84.39, 2: 72.98, 3: 84.79, 4: 75.36, 5: 75.63, 6: 84.27, 7: 81.50, 8: 79.61, 9: 69.57, 10: 81.25}
history:
  - {year: 2564, overall: 70.10, level: C}
memo:
  number: "123"
  date: 2565-08-05
  to: นายกองค์การบริหารส่วนตำบลลำปางรอง
  author: {name: "นางสาวทดสอบ <ตัวอย่าง> & ลูก", position: นักทรัพยากรบุคคล}
  chain:
    - {title: ความเห็นปลัด, name: นายหนึ่ง สอง, position: ปลัด}
announcement:
  date: 2565-08-02
  signer: {name: นายสันติ นาวีสัมพันธ์, position: นายกองค์การบริหารส่วนตำบลลำปางรอง}
plan:
  measures:
    - {indicator: 9, title: ปรับปรุงเว็บไซต์, steps: [รวบรวมข้อมูล, เผยแพร่], owner: [สำนักปลัด, กองคลัง], deadline: 2566-03-31, status: done}
    - {indicator: 2, title: เผยแพร่แผนการใช้จ่ายงบประมาณ, steps: [จัดทำสรุป], owner: [กองคลัง], status: in_progress}
meeting:
  date: 2565-03-20
  time: "09:30"
  place: ห้องประชุมชั้น 2
"#;

fn fixture() -> (Input, Analysis) {
    let input = itadoc::model::load_str(FIXTURE, "fixture.yaml")
        .unwrap_or_else(|e| panic!("{e:?}"))
        .input;
    let mut analysis = analyse(&input).unwrap();
    analysis.tool_summaries[0].low_questions = vec![LowQuestion {
        code: "i4".into(),
        indicator: Some(1),
        score: Some(70.0),
        parts: vec![],
        text: Some("q".into()),
        public: None,
        survey: None,
        recommendation: Some(Recommendation {
            finding: Some("บุคลากรบางรายไม่ทราบแผนการใช้จ่ายงบประมาณ".into()),
            action: Some("ชี้แจงแผนการใช้จ่ายงบประมาณประจำปี".into()),
            refs: vec!["o5".into()],
        }),
    }];
    for t in &mut analysis.tool_summaries {
        t.keep_text = None;
        t.improve_text = None;
    }
    (input, analysis)
}

fn low(code: &str) -> LowQuestion {
    LowQuestion {
        code: code.into(),
        indicator: None,
        score: None,
        parts: vec![],
        text: None,
        public: None,
        survey: None,
        recommendation: None,
    }
}

fn markup(kind: DocumentKind, input: &Input, analysis: &Analysis, thai: bool) -> String {
    let opts = Options {
        thai_digits: thai,
        ..Options::default()
    };
    render_markup(kind, input, analysis, &opts).unwrap_or_else(|e| panic!("{kind}: {e}"))
}

fn render(kind: DocumentKind, thai: bool) -> (String, itadoc::markup::Document) {
    let (input, analysis) = fixture();
    let xml = markup(kind, &input, &analysis, thai);
    let doc =
        itadoc::markup::parse(&xml, kind.name()).unwrap_or_else(|e| panic!("{kind}: {e}\n{xml}"));
    (xml, doc)
}

#[test]
fn every_document_renders_to_valid_markup() {
    for kind in DocumentKind::ALL {
        let (xml, doc) = render(kind, true);
        assert!(xml.contains("องค์การบริหารส่วนตำบลลำปางรอง"), "{kind}");
        assert!(
            doc.dictionary.iter().any(|w| w == "นายสันติ นาวีสัมพันธ์"),
            "{kind}"
        );
        assert!(!doc.sections.is_empty());
    }
}

#[test]
fn user_text_is_escaped() {
    let (xml, _) = render(DocumentKind::Memo, true);
    assert!(xml.contains("นางสาวทดสอบ &lt;ตัวอย่าง&gt; &amp; ลูก"));
}

#[test]
fn memo_carries_scores_level_and_fields() {
    let (xml, _) = render(DocumentKind::Memo, true);
    for s in [
        "๗๘.๒๙",
        "ระดับ B",
        "นน ๑๒๓๔๕/๑๒๓",
        "๕ สิงหาคม ๒๕๖๕",
        "จึงเรียนมาเพื่อโปรดพิจารณา",
        "ความเห็นปลัด",
        "(อ้างอิงจาก O5)",
    ] {
        assert!(xml.contains(s), "memo lacks {s}");
    }
    let (xml, _) = render(DocumentKind::Memo, false);
    assert!(xml.contains("78.29") && !xml.contains("๗๘.๒๙"));
}

#[test]
fn announcement_ranks_high_to_low() {
    let (xml, _) = render(DocumentKind::Announcement, true);
    let first = xml.find("ตัวชี้วัดที่ ๓ การใช้อำนาจ").unwrap();
    let second = xml.find("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่").unwrap();
    let last = xml.find("ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล").unwrap();
    assert!(first < second && second < last);
    assert!(xml.contains("จึงประกาศให้ทราบโดยทั่วกัน"));
    assert!(xml.contains("ประกาศ ณ วันที่ ๒ สิงหาคม พ.ศ. ๒๕๖๕"));
}

#[test]
fn progress_ticks_the_right_column() {
    let (xml, _) = render(DocumentKind::Progress, true);
    assert!(xml.contains("ดำเนินงานเสร็จแล้ว ๑ มาตรการ"));
    assert!(xml.contains("๓๑ มี.ค. ๖๖"));
    assert_eq!(xml.matches(">ยังไม่</p>").count(), 1, "header once");
    // one drawn tick per measure with a status (the fixture has two)
    assert_eq!(xml.matches("<tick/>").count(), 2);
}

#[test]
fn plan_is_landscape_with_one_block_per_indicator() {
    let (xml, _) = render(DocumentKind::Plan, true);
    assert!(xml.contains("orientation=\"landscape\""));
    let two = xml.find("ตัวชี้วัดที่ ๒ การใช้งบประมาณ").unwrap();
    let nine = xml.find("ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล").unwrap();
    assert!(two < nine);
}

#[test]
fn every_document_typesets_to_a_pdf() {
    let fonts = itadoc::typeset::fonts::Fonts::builtin();
    let dir = std::env::temp_dir().join("itadoc-documents-fixture");
    std::fs::create_dir_all(&dir).unwrap();
    for kind in DocumentKind::ALL {
        let (_, mut doc) = render(kind, true);
        doc.images = itadoc::builtin_images();
        let layout =
            itadoc::typeset::typeset(&doc, &fonts).unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert!(!layout.pages.is_empty());
        let missing: Vec<_> = layout
            .warnings
            .iter()
            .filter(|w| {
                matches!(
                    w.kind,
                    itadoc::typeset::layout::WarningKind::MissingGlyphs { .. }
                )
            })
            .map(|w| w.message.clone())
            .collect();
        assert!(missing.is_empty(), "{kind}: {missing:?}");
        let pdf = itadoc::pdf::write(&layout, &itadoc::pdf::PdfOptions::default()).unwrap();
        let path = dir.join(format!("{kind}-{}.pdf", std::process::id()));
        std::fs::write(&path, pdf).unwrap();
        // poppler reads it back: as many pages as laid out.
        let info = std::process::Command::new("pdfinfo")
            .arg(&path)
            .output()
            .unwrap_or_else(|e| panic!("pdfinfo (poppler-utils) is needed for this test: {e}"));
        let _ = std::fs::remove_file(&path);
        assert!(info.status.success(), "{kind}: pdfinfo refuses the PDF");
        let info = String::from_utf8_lossy(&info.stdout);
        let pages: Option<usize> = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok());
        assert_eq!(pages, Some(layout.pages.len()), "{kind}: {info}");
    }
}

/// The memo with the fixture's analysis changed by `edit`.
fn memo_with(edit: impl FnOnce(&mut Analysis)) -> String {
    let (input, mut analysis) = fixture();
    edit(&mut analysis);
    let xml = markup(DocumentKind::Memo, &input, &analysis, true);
    itadoc::markup::parse(&xml, "memo").unwrap_or_else(|e| panic!("{e}\n{xml}"));
    xml
}

#[test]
fn memo_uses_the_analysis_tool_sentences_when_given() {
    let xml = memo_with(|a| {
        a.tool_summaries[0].keep_text = Some("ประโยครักษามาตรฐาน IIT ปี 2565".into());
        a.tool_summaries[0].improve_text = Some("ประโยคปรับปรุง IIT".into());
    });
    assert!(xml.contains("ประโยครักษามาตรฐาน IIT ปี ๒๕๖๕ ประโยคปรับปรุง IIT"));
    // the EIT summary has no sentences: the template's own wording stays
    assert!(xml.contains("ควรพัฒนาและปรับปรุงการดำเนินงานตามตัวชี้วัดที่ ๖"));
}

#[test]
fn memo_low_questions_without_scores_or_findings_share_one_sentence() {
    let xml = memo_with(|a| {
        a.tool_summaries[1].low_questions = vec![low("e1"), low("e2"), low("e3")];
        a.tool_summaries[2].low_questions = vec![low("o14")];
    });
    // no score is invented and no internal note ("ไม่ระบุคะแนน") is printed
    assert!(!xml.contains("(- คะแนน)"));
    assert!(!xml.contains("ไม่ระบุคะแนน"), "{xml}");
    assert!(
        xml.contains("ข้อคำถาม <b>E1</b> <b>E2</b> และ <b>E3</b> ได้คะแนนต่ำกว่าเกณฑ์"),
        "{xml}"
    );
    assert_eq!(xml.matches("ข้อคำถามดังกล่าว").count(), 1);
    assert!(xml.contains("ข้อคำถาม <b>O14</b> ได้คะแนนต่ำกว่าเกณฑ์"), "{xml}");
}

#[test]
fn memo_guidelines_drop_typed_numbers() {
    let (mut input, analysis) = fixture();
    input.memo.guidelines = vec!["๑. วิเคราะห์ผล".into(), "(2) ศึกษาคู่มือ".into()];
    let xml = markup(DocumentKind::Memo, &input, &analysis, true);
    assert!(xml.contains("<item>วิเคราะห์ผล</item>"), "{xml}");
    assert!(xml.contains("<item>ศึกษาคู่มือ</item>"), "{xml}");
}

#[test]
fn typed_item_numbers_are_dropped_where_the_list_numbers_its_items() {
    let (mut input, mut analysis) = fixture();
    input.meeting.as_mut().unwrap().topics = vec![
        "๑) ด้านบุคลากร ชี้แจง".into(),
        "2. ด้านข้อมูล เผยแพร่".into(),
        "(๓) ด้านเทคโนโลยี ปรับปรุง".into(),
    ];
    let m = analysis
        .measures
        .iter_mut()
        .find(|m| m.title == "ปรับปรุงเว็บไซต์")
        .unwrap();
    m.steps = vec!["1. รวบรวมข้อมูล".into(), "๒) เผยแพร่".into()];
    let meeting = markup(DocumentKind::Meeting, &input, &analysis, true);
    for topic in [
        r#"<item><p keep-together="true">ด้านบุคลากร ชี้แจง</p></item>"#,
        r#"<item><p keep-together="true">ด้านข้อมูล เผยแพร่</p></item>"#,
        r#"<item><p keep-together="true">ด้านเทคโนโลยี ปรับปรุง</p></item>"#,
    ] {
        assert!(meeting.contains(topic), "{topic} missing in\n{meeting}");
    }
    let plan = markup(DocumentKind::Plan, &input, &analysis, true);
    assert!(
        plan.contains(r#"<item><p align="left">รวบรวมข้อมูล</p></item>"#),
        "{plan}"
    );
    assert!(
        plan.contains(r#"<item><p align="left">เผยแพร่</p></item>"#),
        "{plan}"
    );
    assert!(!plan.contains("๒) เผยแพร่"), "{plan}");
}
