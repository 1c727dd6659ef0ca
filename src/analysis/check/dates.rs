//! Dates: the memo, announcement and meeting within the years they can fall
//! in, the plan's deadlines and periods within the plan's fiscal year, and the
//! status of measures against the report date.

use super::Out;
use super::{Code, Severity};
use crate::model::{Input, Status};
use chrono::{Datelike, NaiveDate};

/// First and last day of fiscal year `be` (Buddhist era): 1 Oct of the year before to 30 Sep.
fn fiscal_range(be: u16) -> Option<(NaiveDate, NaiveDate)> {
    Some(crate::thai::fiscal_year_range(i32::from(be)))
}

pub(super) fn fiscal_year_of(d: NaiveDate) -> i32 {
    crate::thai::fiscal_year_of(d)
}

fn thai_date(d: NaiveDate) -> String {
    format!("{} (พ.ศ. {})", d.format("%d/%m"), d.year() + 543)
}

pub(super) fn dates(out: &mut Out, input: &Input) {
    let y = input.year;
    let (Some((results_from, _)), Some((_, results_to))) = (fiscal_range(y), fiscal_range(y + 1))
    else {
        return;
    };
    let mut window = |path: &str,
                      d: Option<crate::model::Date>,
                      from: NaiveDate,
                      to: NaiveDate,
                      what_th: &str,
                      what_en: &str| {
        if let Some(d) = d {
            if d.0 < from || d.0 > to {
                out.add(
                    Severity::Warning,
                    Code::DateOutsideYear,
                    path,
                    format!(
                        "{what_th} {} อยู่นอกช่วงที่เป็นไปได้สำหรับผลการประเมินปีงบประมาณ {y} ({} ถึง {})",
                        thai_date(d.0),
                        thai_date(from),
                        thai_date(to)
                    ),
                    format!(
                        "{what_en} {} is outside the possible range for the {y} results ({from} to {to})",
                        d.0
                    ),
                );
            }
        }
    };
    window(
        "memo.date",
        input.memo.date,
        results_from,
        results_to,
        "วันที่บันทึก",
        "the memo date",
    );
    window(
        "announcement.date",
        input.announcement.date,
        results_from,
        results_to,
        "วันที่ประกาศ",
        "the announcement date",
    );
    if let (Some(m), Some((prep_from, _))) = (&input.meeting, fiscal_range(y - 1)) {
        window(
            "meeting.date",
            m.date,
            prep_from,
            results_to,
            "วันที่ประชุม",
            "the meeting date",
        );
    }
    let Some((plan_from, plan_to)) = fiscal_range(y + 1) else {
        return;
    };
    for (i, m) in input.plan.measures.iter().enumerate() {
        let base = format!("plan.measures.{i}");
        if let Some(p) = &m.period {
            period_year(out, &format!("{base}.period"), p, y + 1);
        }
        if let Some(d) = m.deadline {
            if d.0 < plan_from || d.0 > plan_to {
                out.add(
                    Severity::Warning,
                    Code::DateOutsideYear,
                    &format!("{base}.deadline"),
                    format!(
                        "กำหนดเสร็จ {} ของมาตรการ \"{}\" ไม่อยู่ในปีงบประมาณ {} ที่แผนครอบคลุม",
                        thai_date(d.0),
                        m.title,
                        y + 1
                    ),
                    format!(
                        "the deadline {} of \"{}\" is not in fiscal year {}, which the plan covers",
                        d.0,
                        m.title,
                        y + 1
                    ),
                );
            }
            // A memo before the plan's year sets the plan: a deadline already past
            // is a slip. A memo in or after it reports progress: a past deadline is
            // normal for a measure done, and overdue for one that is not.
            match input.memo.date {
                Some(memo) if d.0 < memo.0 && memo.0 < plan_from => out.add(
                    Severity::Warning,
                    Code::DeadlineBeforeMemo,
                    &format!("{base}.deadline"),
                    format!(
                        "กำหนดเสร็จ {} ก่อนวันที่บันทึก {}",
                        thai_date(d.0),
                        thai_date(memo.0)
                    ),
                    format!("the deadline {} is before the memo date {}", d.0, memo.0),
                ),
                Some(memo) if d.0 < memo.0 && m.status != Some(Status::Done) => out.add(
                    Severity::Warning,
                    Code::Overdue,
                    &format!("{base}.deadline"),
                    format!(
                        "มาตรการ \"{}\" เลยกำหนดเสร็จ {} แล้ว ณ วันที่รายงาน {} แต่ยังไม่แล้วเสร็จ",
                        m.title,
                        thai_date(d.0),
                        thai_date(memo.0)
                    ),
                    format!(
                        "\"{}\" is past its deadline {} at the report date {} and not done",
                        m.title, d.0, memo.0
                    ),
                ),
                _ => {}
            }
        }
        if m.status == Some(Status::Done) {
            done_before_start(out, input, &base, m, plan_from);
        }
    }
}

/// A measure marked done in a progress report dated before the measure could start.
///
/// A measure belongs to the fiscal year its period names ("ปีงบประมาณ พ.ศ. ๒๕๖๗"),
/// else to the plan's (`year` + 1), and starts with that year, or with the first
/// quarter its period names ("ไตรมาส ๓-๔": 1 April). A progress report is written
/// during or after the plan's year, so a memo dated before the plan's year is the
/// analysis memo, not the progress report, and says nothing about when a status
/// was reported: the check then has nothing to judge.
fn done_before_start(
    out: &mut Out,
    input: &Input,
    base: &str,
    m: &crate::model::Measure,
    plan_from: NaiveDate,
) {
    let Some(report) = input.memo.date.map(|d| d.0).filter(|r| *r >= plan_from) else {
        return;
    };
    let start = measure_start(m.period.as_deref(), input.year + 1);
    if report < start {
        out.add(
            Severity::Warning,
            Code::DoneBeforeStart,
            &format!("{base}.status"),
            format!(
                "มาตรการ \"{}\" ระบุว่าดำเนินงานเสร็จแล้ว ณ วันที่รายงาน {} ก่อนที่มาตรการจะเริ่ม ({})",
                m.title,
                thai_date(report),
                thai_date(start)
            ),
            format!(
                "\"{}\" is marked done at the report date {report}, before the measure starts ({start})",
                m.title
            ),
        );
    }
}

/// First day of a measure: the first quarter its period names, in the fiscal year it
/// names (else `plan_year`); quarter 1 starts on 1 October of the year before.
fn measure_start(period: Option<&str>, plan_year: u16) -> NaiveDate {
    let arabic = period
        .map(crate::thai::to_arabic_digits)
        .unwrap_or_default();
    let number_after = |marker: &str| -> Option<i32> {
        let i = arabic.find(marker)?;
        let digits: String = arabic[i + marker.len()..]
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    };
    let year = number_after("พ.ศ.")
        .filter(|y| (2400..2800).contains(y))
        .unwrap_or(i32::from(plan_year));
    let (from, _) = crate::thai::fiscal_year_range(year);
    let quarter = number_after("ไตรมาส")
        .filter(|q| (1..=4).contains(q))
        .unwrap_or(1);
    (1..quarter).fold(from, |d, _| {
        d.checked_add_months(chrono::Months::new(3)).unwrap_or(d)
    })
}

/// A period such as "ไตรมาส ๑-๔ (ปีงบประมาณ พ.ศ. ๒๕๖๙)" must name the plan's year in full.
fn period_year(out: &mut Out, path: &str, period: &str, plan_year: u16) {
    let arabic = crate::thai::to_arabic_digits(period);
    for (i, _) in arabic.match_indices("พ.ศ.") {
        let digits: String = arabic[i + "พ.ศ.".len()..]
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if digits != plan_year.to_string() {
            out.add(
                Severity::Warning,
                Code::PeriodYear,
                path,
                format!("{path}: ระยะเวลา \"{period}\" ไม่ได้ระบุปีงบประมาณ {plan_year} ที่แผนครอบคลุม"),
                format!("{path}: the period \"{period}\" does not name fiscal year {plan_year}, which the plan covers"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_measure_starts_with_its_year_and_quarter() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(measure_start(None, 2565), d(2021, 10, 1));
        assert_eq!(
            measure_start(Some("ไตรมาส ๓-๔ (ปีงบประมาณ พ.ศ. ๒๕๖๕)"), 2565),
            d(2022, 4, 1)
        );
        assert_eq!(
            measure_start(Some("ไตรมาส 2 (ปีงบประมาณ พ.ศ. 2566)"), 2565),
            d(2023, 1, 1)
        );
        // A year cut short is not a year: the plan's year is used.
        assert_eq!(
            measure_start(Some("ไตรมาส ๑-๔ (ปีงบประมาณ พ.ศ. ๒๕๖"), 2569),
            d(2025, 10, 1)
        );
    }

    #[test]
    fn fiscal_years() {
        assert_eq!(
            fiscal_year_of(NaiveDate::from_ymd_opt(2023, 8, 10).unwrap()),
            2566
        );
        assert_eq!(
            fiscal_year_of(NaiveDate::from_ymd_opt(2023, 10, 1).unwrap()),
            2567
        );
    }
}
