//! Every finding code of `check` fires: one small input per code, each the same
//! clean input (which has no finding at all) with one thing changed, and the
//! finding it must give, with its severity and the line of the change. The list
//! is checked against `Code::ALL`, so a new code without a case here fails.

use itadoc::analysis::{check, Code, Finding, Severity};
use itadoc::model::{load_str, Lang};

/// A clean input of fiscal year 2568: ten indicators of 90, a memo dated in the
/// year the results come out, one measure of the plan (fiscal 2569) due in it.
const BASE: &str = "\
agency:
  name: เทศบาลตำบลหนองบัวทอง
  district: ชุมแพ
  province: ขอนแก่น
year: 2568
result:
  indicators: {1: 90, 2: 90, 3: 90, 4: 90, 5: 90, 6: 90, 7: 90, 8: 90, 9: 90, 10: 90}
memo:
  date: 2568-09-01
  background:
    - เทศบาลตำบลหนองบัวทอง อำเภอชุมแพ จังหวัดขอนแก่น ได้รับผลการประเมินแล้ว
plan:
  measures:
    - title: เผยแพร่ข้อมูลการจัดซื้อจัดจ้างทุกเดือน
      period: ไตรมาส ๑-๔ (ปีงบประมาณ พ.ศ. ๒๕๖๙)
      deadline: 2569-09-30
";

/// `BASE` with `from` replaced by `to` (once; the text must be there).
fn with(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "the base input has no {from:?}");
    BASE.replacen(from, to, 1)
}

/// `BASE` with `lines` appended under `result:` (indented two spaces).
fn with_result(lines: &str) -> String {
    with(
        "result:\n",
        &format!(
            "result:\n{}",
            lines
                .lines()
                .map(|l| format!("  {l}\n"))
                .collect::<String>()
        ),
    )
}

/// `BASE` with the memo's one paragraph of background replaced by `text`.
fn with_background(text: &str) -> String {
    with(
        "    - เทศบาลตำบลหนองบัวทอง อำเภอชุมแพ จังหวัดขอนแก่น ได้รับผลการประเมินแล้ว\n",
        &format!("    - {text}\n"),
    )
}

fn findings(yaml: &str) -> Vec<Finding> {
    let loaded = load_str(yaml, "case.yaml").unwrap_or_else(|e| panic!("{}", e.render(Lang::En)));
    check(&loaded)
}

/// One case: the code it must give, its severity, and the input. The finding must
/// sit on a line of the input that differs from `BASE`.
fn cases() -> Vec<(Code, Severity, String)> {
    use Code::*;
    use Severity::*;
    vec![
        (UnsupportedYear, Error, with("year: 2568", "year: 2550")),
        (
            ScoreOutOfRange,
            Error,
            with("{1: 90, 2: 90,", "{1: 120, 2: 90,"),
        ),
        (MissingIndicator, Error, with(", 10: 90}", "}")),
        // A year after the last one with known rules (2569): its rules, with a warning.
        (YearRulesAssumed, Warning, with("year: 2568", "year: 2570")),
        (UnknownQuestion, Error, with_result("questions: {o99: 90}")),
        // An unknown code is an error only where the year's list is verified:
        // 2564's IIT order is known in part (a warning), 2569's OIT list not at
        // all (information).
        (
            UnknownQuestion,
            Warning,
            with("year: 2568\nresult:\n", "year: 2564\nresult:\n  questions: {i31: 90}\n"),
        ),
        (
            UnknownQuestion,
            Info,
            with("year: 2568\nresult:\n", "year: 2569\nresult:\n  questions: {o27: 90}\n"),
        ),
        (
            UnknownSubindicator,
            Warning,
            with_result("subindicators: {\"9.6\": 90}"),
        ),
        // 2569's sub-indicators are not known: information.
        (
            UnknownSubindicator,
            Info,
            with("year: 2568\nresult:\n", "year: 2569\nresult:\n  subindicators: {\"9.1\": 90}\n"),
        ),
        (
            IndicatorName,
            Warning,
            with_result("names: {2: การใช้จ่ายเงิน}"),
        ),
        (
            IndicatorName,
            Warning,
            with_background("ตัวชี้วัดที่ ๓ การใช้ทรัพยากรของราชการ ได้คะแนนน้อย"),
        ),
        (OverallMismatch, Error, with_result("overall: 80")),
        (ToolMismatch, Error, with_result("tools: {iit: 80}")),
        (LevelMismatch, Error, with_result("level: ไม่ผ่าน")),
        (
            LevelUncertain,
            Info,
            with(
                "{1: 90, 2: 90, 3: 90, 4: 90, 5: 90, 6: 90, 7: 90, 8: 90, 9: 90, 10: 90}",
                "{1: 99, 2: 99, 3: 99, 4: 99, 5: 99, 6: 99, 7: 99, 8: 99, 9: 99, 10: 99}",
            ),
        ),
        (
            SubindicatorMismatch,
            Warning,
            with_result(
                "subindicators: {\"9.5\": 50}\nquestions: {o17: 100, o18: 100, o19: 100, o20: 100}",
            ),
        ),
        (
            IndicatorQuestionsMismatch,
            Warning,
            with_result("questions: {i1: 50, i2: 50, i3: 50}"),
        ),
        (
            HistoryYear,
            Warning,
            with("memo:\n", "history:\n  - {year: 2569, overall: 90}\nmemo:\n"),
        ),
        (
            HistoryLevelMismatch,
            Warning,
            with(
                "memo:\n",
                "history:\n  - {year: 2565, overall: 90, level: AA}\nmemo:\n",
            ),
        ),
        (
            OtherAgencyName,
            Warning,
            with_background("เทศบาลตำบลบ้านโคก ได้รับผลการประเมินแล้ว"),
        ),
        (
            AgencyNameTypo,
            Info,
            with_background("เทศบาลตำบลหนองบัวทอ ได้รับผลการประเมินแล้ว"),
        ),
        (
            UnknownProvince,
            Warning,
            with("province: ขอนแก่น", "province: ขอนเก่น"),
        ),
        (UnknownDistrict, Warning, with("district: ชุมแพ", "district: บางรัก")),
        (
            DistrictConflict,
            Warning,
            with_background("เทศบาลตำบลหนองบัวทอง อำเภอภูเวียง ได้รับผลการประเมินแล้ว"),
        ),
        (
            ProvinceConflict,
            Warning,
            with_background("เทศบาลตำบลหนองบัวทอง จังหวัดอุดรธานี ได้รับผลการประเมินแล้ว"),
        ),
        (
            DateOutsideYear,
            Warning,
            with("date: 2568-09-01", "date: 2560-09-01"),
        ),
        (
            DateOutsideYear,
            Warning,
            with("deadline: 2569-09-30", "deadline: 2570-03-31"),
        ),
        // The memo sets the plan (it is dated before the plan's year) and a
        // deadline is already past on its date.
        (
            DeadlineBeforeMemo,
            Warning,
            with("deadline: 2569-09-30", "deadline: 2568-08-01"),
        ),
        // A progress report in the plan's year, a deadline past, the measure not done.
        (
            Overdue,
            Warning,
            with("date: 2568-09-01", "date: 2569-07-01").replacen(
                "deadline: 2569-09-30",
                "deadline: 2569-03-31\n      status: in_progress",
                1,
            ),
        ),
        // Reported done in January of a measure of the third and fourth quarters.
        (
            DoneBeforeStart,
            Warning,
            with("date: 2568-09-01", "date: 2569-01-15").replacen(
                "period: ไตรมาส ๑-๔ (ปีงบประมาณ พ.ศ. ๒๕๖๙)\n      deadline: 2569-09-30",
                "period: ไตรมาส ๓-๔ (ปีงบประมาณ พ.ศ. ๒๕๖๙)\n      deadline: 2569-09-30\n      status: done",
                1,
            ),
        ),
        (
            PeriodYear,
            Warning,
            with("(ปีงบประมาณ พ.ศ. ๒๕๖๙)", "(ปีงบประมาณ พ.ศ. ๒๕๖๘)"),
        ),
        (
            NumberingStyle,
            Warning,
            with(
                "plan:\n",
                "  guidelines:\n    - ๑. ทบทวนผลการประเมิน\n    - (๒) จัดทำแผน\nplan:\n",
            ),
        ),
        (
            MixedDigits,
            Warning,
            with_background("ผลการประเมินปี ๒๕68 ของเทศบาลตำบลหนองบัวทอง"),
        ),
        (
            ForeignScript,
            Warning,
            with_background("ผลการประเมินของเทศบาลตำบลหนองบัวทอง ดีขึ้นمาก"),
        ),
        (
            Typo,
            Info,
            with_background("การดำเนินงานที่โปร่งใส่ของเทศบาลตำบลหนองบัวทอง"),
        ),
        (
            AnnouncementYear,
            Warning,
            with_background(
                "ตามประกาศผลการประเมินปีงบประมาณ พ.ศ. ๒๕๖๘ ลงวันที่ ๑๐ ธันวาคม ๒๕๖๘ เทศบาลตำบลหนองบัวทอง ได้คะแนน ๙๐",
            ),
        ),
        // The loader's warnings, reported once each by check.
        (ChristianEraYear, Warning, with("year: 2568", "year: 2025")),
        (
            BadQuestionRef,
            Warning,
            with(
                "plan:\n",
                "recommendations:\n  questions:\n    i1:\n      finding: ยังไม่เผยแพร่ข้อมูล\n      refs: [ข้อมูลพื้นฐาน]\nplan:\n",
            ),
        ),
        (
            QuestionCodeSpelling,
            Info,
            with_result("questions: {\"I๑\": 90}"),
        ),
        (ThaiDigits, Info, with("{1: 90, 2: 90,", "{1: ๙๐, 2: 90,")),
        (
            TextRepaired,
            Info,
            with("name: เทศบาลตำบลหนองบัวทอง", "name: เทศบาลตำบลหนองบัว\u{200B}ทอง"),
        ),
    ]
}

/// The 1-based lines of `yaml` that differ from `BASE`: from the first line that
/// differs, counted from the top, to the last, counted from the bottom.
fn changed_lines(yaml: &str) -> std::ops::RangeInclusive<usize> {
    let (new, old): (Vec<&str>, Vec<&str>) = (yaml.lines().collect(), BASE.lines().collect());
    let top = new.iter().zip(&old).take_while(|(a, b)| a == b).count();
    let bottom = new
        .iter()
        .rev()
        .zip(old.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    top + 1..=(new.len() - bottom).max(top + 1)
}

/// Findings placed elsewhere than on the change, with their line: an indicator
/// that disagrees with its questions is reported on the indicator's score (the
/// indicators, below the questions added).
const ELSEWHERE: [(Code, usize); 1] = [(Code::IndicatorQuestionsMismatch, 8)];

#[test]
fn the_base_input_has_no_finding() {
    let f = findings(BASE);
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn each_case_gives_its_code_with_its_severity_on_the_changed_line() {
    let mut failures = Vec::new();
    for (code, severity, yaml) in cases() {
        let f = match load_str(&yaml, "case.yaml") {
            Ok(l) => check(&l),
            Err(e) => {
                failures.push(format!("{code}: does not load: {}", e.render(Lang::En)));
                continue;
            }
        };
        let lines = changed_lines(&yaml);
        let hit = f.iter().find(|x| x.code == code);
        match hit {
            None => failures.push(format!("{code}: not given; got {f:?}")),
            Some(x) if x.severity != severity => {
                failures.push(format!("{code}: {:?}, not {severity:?}", x.severity))
            }
            Some(x) if ELSEWHERE.iter().any(|e| e.0 == code) => {
                let want = ELSEWHERE.iter().find(|e| e.0 == code).map(|e| e.1);
                if x.line != want {
                    failures.push(format!("{code}: on line {:?}, not {want:?}", x.line))
                }
            }
            Some(x) if !x.line.is_some_and(|l| lines.contains(&l)) => {
                failures.push(format!("{code}: on line {:?}, changed {lines:?}", x.line))
            }
            Some(_) => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_code_has_a_case() {
    let covered: std::collections::BTreeSet<Code> = cases().iter().map(|c| c.0).collect();
    let missing: Vec<Code> = Code::ALL
        .into_iter()
        // No input reaches these two today; each has a unit test in check:
        // a loader warning without a code of its own (the loader emits none;
        // `of_loader`), and questions of a year without a question set (every
        // year has one; `vocabulary`).
        .filter(|c| ![Code::InputWarning, Code::QuestionsNotChecked].contains(c))
        .filter(|c| !covered.contains(c))
        .collect();
    assert!(missing.is_empty(), "codes with no case: {missing:?}");
}

#[test]
fn codes_print_in_kebab_case_and_serialise_the_same() {
    for code in Code::ALL {
        let s = code.as_str();
        assert!(
            !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{s}"
        );
        assert_eq!(code.to_string(), s);
        assert_eq!(serde_json::to_string(&code).unwrap(), format!("\"{s}\""));
    }
    let mut all: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), Code::ALL.len(), "two codes print the same");
}
