//! The templates against a hand-written analysis in the documented shape: every
//! document renders, parses as markup, and carries the figures and names it must.

use itadoc::documents::{render_markup_value, DocumentKind, Options};
use serde_json::{json, Value};

fn indicator(no: u64, name: &str, tool: &str, score: f64, rank: u64) -> Value {
    json!({"no": no, "name": name, "tool": tool, "score": score, "rank": rank,
           "below_threshold": score < 85.0, "questions": [], "subindicators": [],
           "summary": format!("สรุปตัวชี้วัดที่ {no}")})
}

fn fixture() -> (Value, Value) {
    let input = json!({
        "agency": {"name": "องค์การบริหารส่วนตำบลลำปางรอง", "district": "ภูเพียง", "province": "น่าน",
                   "office": "สำนักปลัด", "code": "นน 12345"},
        "year": 2565,
        "result": {"indicators": {}},
        "memo": {"number": "123", "date": "2565-08-05", "to": "นายกองค์การบริหารส่วนตำบลลำปางรอง",
                 "author": {"name": "นางสาวทดสอบ <ตัวอย่าง> & ลูก", "position": "นักทรัพยากรบุคคล"},
                 "chain": [{"title": "ความเห็นปลัด", "name": "นายหนึ่ง สอง", "position": "ปลัด"}]},
        "announcement": {"date": "2565-08-02", "signer": {"name": "นายสันติ นาวีสัมพันธ์", "position": "นายกองค์การบริหารส่วนตำบลลำปางรอง"}},
        "plan": {"measures": [
            {"indicator": 9, "title": "ปรับปรุงเว็บไซต์", "steps": ["รวบรวมข้อมูล", "เผยแพร่"], "owner": ["สำนักปลัด", "กองคลัง"], "deadline": "2566-03-31", "status": "done"},
            {"indicator": 2, "title": "เผยแพร่แผนการใช้จ่ายงบประมาณ", "steps": ["จัดทำสรุป"], "owner": ["กองคลัง"], "status": "in_progress"}
        ]},
        "meeting": {"date": "2565-03-20", "time": "09:30", "place": "ห้องประชุมชั้น 2"}
    });
    let indicators = vec![
        indicator(1, "การปฏิบัติหน้าที่", "iit", 84.39, 2),
        indicator(2, "การใช้งบประมาณ", "iit", 72.98, 9),
        indicator(3, "การใช้อำนาจ", "iit", 84.79, 1),
        indicator(4, "การใช้ทรัพย์สินของราชการ", "iit", 75.36, 8),
        indicator(5, "การแก้ไขปัญหาการทุจริต", "iit", 75.63, 7),
        indicator(6, "คุณภาพการดำเนินงาน", "eit", 84.27, 3),
        indicator(7, "ประสิทธิภาพการสื่อสาร", "eit", 81.50, 4),
        indicator(8, "การปรับปรุงการทำงาน", "eit", 79.61, 6),
        indicator(9, "การเปิดเผยข้อมูล", "oit", 69.57, 10),
        indicator(10, "การป้องกันการทุจริต", "oit", 81.25, 5),
    ];
    let analysis = json!({
        "year": 2565, "next_year": 2566, "threshold": 85.0,
        "tools": {"iit": 78.63, "eit": 81.79, "oit": 75.41, "eit_public": null, "eit_survey": null},
        "overall": 78.29,
        "level": {"name": "B", "pass": false, "certain": true, "reason": ""},
        "indicators": indicators,
        "highest": {"score": 84.79, "indicators": [3]},
        "lowest": {"score": 69.57, "indicators": [9]},
        "history": [{"year": 2564, "overall": 70.1, "level": "C", "change": 8.19}],
        "tool_summaries": [
            {"tool": "iit", "name_th": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน", "name_en": "Internal Integrity and Transparency Assessment",
             "score": 78.63, "keep": [], "improve": [1, 2, 3, 4, 5],
             "low_questions": [{"code": "i4", "text": "q", "score": 70.0,
                "recommendation": {"finding": "บุคลากรบางรายไม่ทราบแผนการใช้จ่ายงบประมาณ", "action": "ชี้แจงแผนการใช้จ่ายงบประมาณประจำปี", "refs": ["o5"]}}]},
            {"tool": "eit", "name_th": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก", "name_en": "External Integrity and Transparency Assessment",
             "score": 81.79, "keep": [], "improve": [6, 7, 8], "low_questions": []},
            {"tool": "oit", "name_th": "แบบวัดการเปิดเผยข้อมูลสาธารณะ", "name_en": "Open Data Integrity and Transparency Assessment",
             "score": 75.41, "keep": [], "improve": [9, 10], "low_questions": []}
        ],
        "weaknesses": [2, 4, 9],
        "measures": [
            {"indicators": [9], "title": "ปรับปรุงเว็บไซต์", "steps": ["รวบรวมข้อมูล", "เผยแพร่"], "owner": ["สำนักปลัด", "กองคลัง"], "period": null, "deadline": "2566-03-31", "status": "done", "note": null, "analysis": "ได้ ๖๙.๕๗ คะแนน"},
            {"indicators": [2], "title": "เผยแพร่แผนการใช้จ่ายงบประมาณ", "steps": ["จัดทำสรุป"], "owner": ["กองคลัง"], "period": null, "deadline": null, "status": "in_progress", "note": null, "analysis": null}
        ]
    });
    (input, analysis)
}

fn render(kind: DocumentKind, thai: bool) -> (String, itadoc::markup::Document) {
    let (input, analysis) = fixture();
    let opts = Options {
        thai_digits: thai,
        ..Options::default()
    };
    let xml = render_markup_value(kind, &input, &analysis, &opts)
        .unwrap_or_else(|e| panic!("{kind}: {e}"));
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
        let (_, doc) = render(kind, true);
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
        assert!(pdf.starts_with(b"%PDF"));
        std::fs::write(dir.join(format!("{kind}.pdf")), pdf).unwrap();
    }
}

/// The memo with the fixture's analysis changed by `edit`.
fn memo_with(edit: impl FnOnce(&mut Value)) -> String {
    let (input, mut analysis) = fixture();
    edit(&mut analysis);
    let opts = Options {
        thai_digits: true,
        ..Options::default()
    };
    let xml = render_markup_value(DocumentKind::Memo, &input, &analysis, &opts).unwrap();
    itadoc::markup::parse(&xml, "memo").unwrap_or_else(|e| panic!("{e}\n{xml}"));
    xml
}

#[test]
fn memo_uses_the_analysis_tool_sentences_when_given() {
    let xml = memo_with(|a| {
        a["tool_summaries"][0]["keep_text"] = json!("ประโยครักษามาตรฐาน IIT ปี 2565");
        a["tool_summaries"][0]["improve_text"] = json!("ประโยคปรับปรุง IIT");
    });
    assert!(xml.contains("ประโยครักษามาตรฐาน IIT ปี ๒๕๖๕ ประโยคปรับปรุง IIT"));
    // the EIT summary has no sentences: the template's own wording stays
    assert!(xml.contains("ควรพัฒนาและปรับปรุงการดำเนินงานตามตัวชี้วัดที่ ๖"));
}

#[test]
fn memo_low_questions_without_scores_or_findings_share_one_sentence() {
    let xml = memo_with(|a| {
        a["tool_summaries"][1]["low_questions"] = json!([
            {"code": "e1", "score": null}, {"code": "e2", "score": null}, {"code": "e3", "score": null}
        ]);
        a["tool_summaries"][2]["low_questions"] = json!([{"code": "o14", "score": null}]);
    });
    assert!(!xml.contains("(- คะแนน)"));
    assert!(
        xml.contains("ข้อคำถาม <b>E1</b> <b>E2</b> และ <b>E3</b> (ไม่ระบุคะแนน) ได้คะแนนต่ำกว่าเกณฑ์"),
        "{xml}"
    );
    assert_eq!(xml.matches("ข้อคำถามเหล่านี้").count(), 1);
    assert!(xml.contains("<b>O14</b> (ไม่ระบุคะแนน) ได้คะแนนต่ำกว่าเกณฑ์"));
}

#[test]
fn memo_guidelines_drop_typed_numbers() {
    let (mut input, analysis) = fixture();
    input["memo"]["guidelines"] = json!(["๑. วิเคราะห์ผล", "(2) ศึกษาคู่มือ"]);
    let opts = Options {
        thai_digits: true,
        ..Options::default()
    };
    let xml = render_markup_value(DocumentKind::Memo, &input, &analysis, &opts).unwrap();
    assert!(xml.contains("<item>วิเคราะห์ผล</item>"), "{xml}");
    assert!(xml.contains("<item>ศึกษาคู่มือ</item>"), "{xml}");
}

#[test]
fn typed_item_numbers_are_dropped_where_the_list_numbers_its_items() {
    let (mut input, mut analysis) = fixture();
    input["meeting"]["topics"] = json!([
        "๑) ด้านบุคลากร ชี้แจง",
        "2. ด้านข้อมูล เผยแพร่",
        "(๓) ด้านเทคโนโลยี ปรับปรุง"
    ]);
    analysis["measures"][0]["steps"] = json!(["1. รวบรวมข้อมูล", "๒) เผยแพร่"]);
    let opts = Options {
        thai_digits: true,
        ..Options::default()
    };
    let meeting = render_markup_value(DocumentKind::Meeting, &input, &analysis, &opts).unwrap();
    for topic in [
        "<item>ด้านบุคลากร ชี้แจง</item>",
        "<item>ด้านข้อมูล เผยแพร่</item>",
        "<item>ด้านเทคโนโลยี ปรับปรุง</item>",
    ] {
        assert!(meeting.contains(topic), "{topic} missing in\n{meeting}");
    }
    let plan = render_markup_value(DocumentKind::Plan, &input, &analysis, &opts).unwrap();
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
