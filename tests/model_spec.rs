//! Every name of the input format keeps working: our own file using each of them
//! (tests/data/contract.yaml) loads, and its values land in the right fields.

use itadoc::model::{load_str, Lang, Status};

/// Our own input using every field of the format (compiled in: it cannot be missing).
const CONTRACT: &str = include_str!("data/contract.yaml");

#[test]
fn every_field_of_the_format_lands_in_its_place() {
    let text = CONTRACT;
    let l = load_str(text, "contract.yaml").unwrap_or_else(|e| panic!("{}", e.render(Lang::En)));
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    let i = &l.input;
    assert_eq!(i.agency.name, "เทศบาลตำบลดอนหวาย");
    assert_eq!(i.agency.district.as_deref(), Some("ชุมแพ"));
    assert_eq!(i.agency.province.as_deref(), Some("ขอนแก่น"));
    assert_eq!(i.agency.office.as_deref(), Some("สำนักปลัดเทศบาล"));
    assert_eq!(i.agency.section.as_deref(), Some("งานบริหารทั่วไป"));
    assert_eq!(i.agency.code.as_deref(), Some("ขก ๘๘๘๐๑"));
    assert_eq!(i.agency.phone.as_deref(), Some("๐ ๔๓๓๘ ๑๒๓๔"));
    assert!(i.agency.emblem.is_some());
    assert_eq!(i.year, 2566);
    assert_eq!(i.result.indicators.len(), 10);
    assert_eq!(i.result.indicators[&4], 95.25);
    assert_eq!(i.result.indicators[&9], 97.0);
    assert_eq!(i.result.overall, Some(95.36));
    assert_eq!(i.result.level.as_deref(), Some("ผ่านดี"));
    assert_eq!(i.result.tools.iit, Some(97.15));
    assert_eq!(i.result.tools.eit, Some(94.73));
    assert_eq!(i.result.tools.eit_public, Some(96.20));
    assert_eq!(i.result.tools.eit_survey, Some(93.80));
    assert_eq!(i.result.tools.oit, Some(94.50));
    assert_eq!(i.result.subindicators["9.1"], 91.25);
    assert_eq!(i.result.questions["i1"].score, Some(97.42));
    assert_eq!(i.result.questions["e1"].public, Some(98.30));
    assert_eq!(i.result.questions["e1"].survey, Some(88.64));
    assert_eq!(i.result.questions["o1"].score, Some(75.0));
    let h = &i.history[0];
    assert_eq!(h.year, 2565);
    assert_eq!(h.overall, Some(88.40));
    assert_eq!(h.level.as_deref(), Some("A"));
    assert_eq!(h.indicators[&10], 81.0);
    assert_eq!(i.memo.number.as_deref(), Some("๔๕"));
    assert_eq!(i.memo.date.unwrap().0.to_string(), "2023-08-21");
    assert_eq!(i.memo.to.as_deref(), Some("นายกเทศมนตรีตำบลดอนหวาย"));
    assert!(i.memo.subject.as_deref().unwrap().starts_with("รายงานผล"));
    assert_eq!(i.memo.background.len(), 1);
    assert_eq!(i.memo.guidelines, ["ทบทวนข้อคำถามที่ได้คะแนนต่ำกว่าเกณฑ์"]);
    assert_eq!(i.memo.author.as_ref().unwrap().name, "นางสาวพิมพ์ชนก ใจงาม");
    assert_eq!(i.memo.chain.len(), 2);
    assert_eq!(
        i.memo.chain[0].title.as_deref(),
        Some("ความเห็นหัวหน้าสำนักปลัดเทศบาล")
    );
    assert_eq!(i.memo.chain[1].capacity.as_deref(), Some("รักษาราชการแทน"));
    assert_eq!(
        i.memo.chain[1].acting.as_deref(),
        Some("นายกเทศมนตรีตำบลดอนหวาย")
    );
    assert_eq!(i.announcement.date.unwrap().0.to_string(), "2023-08-28");
    assert_eq!(
        i.announcement.signer.as_ref().unwrap().name,
        "นายประเสริฐ บุญมา"
    );
    assert_eq!(i.announcement.notes, ["ผู้สนใจดูรายละเอียดได้ที่สำนักงานเทศบาล"]);
    let m = &i.plan.measures[0];
    assert_eq!(m.indicators, [4]);
    assert_eq!(m.title, "จัดทำทะเบียนการยืมทรัพย์สินของทางราชการ");
    assert_eq!(m.steps.len(), 2);
    assert_eq!(
        m.period.as_deref(),
        Some("ไตรมาส ๑-๔ (ปีงบประมาณ พ.ศ. ๒๕๖๗)")
    );
    assert_eq!(m.owner, ["สำนักปลัด", "กองคลัง"]);
    assert_eq!(m.deadline.unwrap().0.to_string(), "2024-03-31");
    assert_eq!(m.status, Some(Status::Done));
    assert_eq!(m.note.as_deref(), Some("ตรวจสอบแล้วสองครั้ง"));
    let meeting = i.meeting.as_ref().unwrap();
    assert_eq!(meeting.time.as_deref(), Some("13:30"));
    assert_eq!(meeting.date.unwrap().0.to_string(), "2023-09-12");
    assert_eq!(meeting.place.as_deref(), Some("ห้องประชุมเทศบาลตำบลดอนหวาย"));
    assert_eq!(meeting.topics.len(), 1);
    assert!(i.settings.thai_digits);
    assert_eq!(i.settings.threshold, 85.0);
    // Positions: "plan.measures.0.deadline" is on the line where it is written.
    let line = l.spans.line("plan.measures.0.deadline").unwrap();
    assert!(text
        .lines()
        .nth(line - 1)
        .unwrap()
        .contains("deadline: 2567-03-31"));
}

#[test]
fn messages_in_both_languages_with_places() {
    let text = "agency:\n  name: ก\n  provnce: ขอนแก่น\nyear: 2568\nresult:\n  indicators: {1: 9o}\nplan:\n  measures:\n    - title: ก\n      status: dnoe\n";
    let e = load_str(text, "in.yaml").unwrap_err();
    let th = e.render(Lang::Th);
    let en = e.render(Lang::En);
    assert!(
        en.contains("in.yaml:3:3: unknown field `provnce` in agency; did you mean `province`?"),
        "{en}"
    );
    assert!(th.contains("in.yaml:3:3: ไม่รู้จักฟิลด์ `provnce`"), "{th}");
    assert!(en.contains("in.yaml:6:19:"), "{en}");
    assert!(en.contains("did you mean done?"), "{en}");
    assert_eq!(e.diagnostics().len(), 3);
}

#[test]
fn repairs_warn_once_per_field() {
    let text = "agency:\n  name: \"เทศบาลตำบลท\u{200B}ดสอบ\"\n  office: \"สำนักงานทํางาน\"\nyear: 2025\nresult:\n  indicators: {๑: 90, 2: 90, 3: 90, 4: 90, 5: 90, 6: 90, 7: 90, 8: 90, 9: 90, 10: 90}\n";
    let l = load_str(text, "w.yaml").unwrap();
    assert_eq!(l.input.agency.name, "เทศบาลตำบลทดสอบ");
    assert_eq!(l.input.agency.office.as_deref(), Some("สำนักงานทำงาน"));
    // 2025 is Christian era: read as 2568 with a warning.
    assert_eq!(l.input.year, 2568);
    let codes: Vec<&str> = l.warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(
        codes,
        ["text-repaired", "text-repaired", "christian-era-year"]
    );
}
