//! Every name in the input contract (../shared/spec/input-format.md) keeps working:
//! the contract's own example loads, and its values land in the right fields.

use itadoc::model::{load_str, Lang, Status};

fn spec_example() -> Option<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/spec/input-format.md"
    );
    let md = std::fs::read_to_string(path).ok()?;
    let start = md.find("```yaml\n")? + "```yaml\n".len();
    let end = start + md[start..].find("```")?;
    Some(md[start..end].to_string())
}

#[test]
fn the_contract_example_loads() {
    let Some(text) = spec_example() else {
        eprintln!("../shared not present; skipped");
        return;
    };
    let l = load_str(&text, "input-format.md").unwrap_or_else(|e| panic!("{}", e.render(Lang::En)));
    let i = &l.input;
    assert_eq!(i.agency.name, "เทศบาลตำบลโคกสูงสัมพันธ์");
    assert_eq!(i.agency.code.as_deref(), Some("ขก ๗๓๕๐๑"));
    assert_eq!(i.agency.phone.as_deref(), Some("๐ ๔๓๓๑ ๐๐๐๐"));
    assert_eq!(i.year, 2566);
    assert_eq!(i.result.indicators[&4], 99.45);
    assert_eq!(i.result.tools.eit_survey, Some(95.40));
    assert_eq!(i.result.subindicators["9.1"], 87.5);
    assert_eq!(i.result.questions["e1"].survey, Some(86.36));
    assert_eq!(i.result.questions["o1"].score, Some(50.0));
    assert_eq!(i.history[0].level.as_deref(), Some("AA"));
    assert_eq!(i.history[0].indicators[&10], 93.0);
    assert_eq!(i.memo.number.as_deref(), Some("๑๒๓"));
    assert_eq!(i.memo.date.unwrap().0.to_string(), "2023-08-11");
    assert_eq!(i.memo.chain.len(), 2);
    assert_eq!(
        i.announcement.signer.as_ref().unwrap().name,
        "นายวิสันต์ สิงห์แก้ว"
    );
    let m = &i.plan.measures[0];
    assert_eq!(m.indicators, [4]);
    assert_eq!(m.owner, ["สำนักปลัด", "กองคลัง"]);
    assert_eq!(m.deadline.unwrap().0.to_string(), "2024-03-31");
    assert_eq!(m.status, Some(Status::Done));
    let meeting = i.meeting.as_ref().unwrap();
    assert_eq!(meeting.time.as_deref(), Some("09:30"));
    assert_eq!(meeting.date.unwrap().0.to_string(), "2026-03-20");
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
