//! Scores: in range, all ten indicators present, and the stated scores and
//! levels (overall, tools, sub-indicators, indicators, earlier years) against
//! the ones computed from the input.

use super::Out;
use super::{Code, Severity};
use crate::analysis::{round2, Analysis, TOLERANCE};
use crate::ita::{self, Tool};
use crate::model::Input;

pub(super) fn ranges(out: &mut Out, input: &Input) {
    let r = &input.result;
    let mut scores: Vec<(String, f64)> = Vec::new();
    for (no, v) in &r.indicators {
        scores.push((format!("result.indicators.{no}"), *v));
    }
    if let Some(v) = r.overall {
        scores.push(("result.overall".into(), v));
    }
    for (k, v) in [
        ("iit", r.tools.iit),
        ("eit", r.tools.eit),
        ("eit_public", r.tools.eit_public),
        ("eit_survey", r.tools.eit_survey),
        ("oit", r.tools.oit),
    ] {
        if let Some(v) = v {
            scores.push((format!("result.tools.{k}"), v));
        }
    }
    for (k, v) in &r.subindicators {
        scores.push((format!("result.subindicators.{k}"), *v));
    }
    for (k, q) in &r.questions {
        for (part, v) in [("", q.score), (".public", q.public), (".survey", q.survey)] {
            if let Some(v) = v {
                scores.push((format!("result.questions.{k}{part}"), v));
            }
        }
    }
    for (i, h) in input.history.iter().enumerate() {
        if let Some(v) = h.overall {
            scores.push((format!("history.{i}.overall"), v));
        }
    }
    for (path, v) in scores {
        if !(0.0..=100.0).contains(&v) {
            out.add(
                Severity::Error,
                Code::ScoreOutOfRange,
                &path,
                format!("{path}: คะแนน {v} อยู่นอกช่วง 0-100"),
                format!("{path}: score {v} is outside 0-100"),
            );
        }
    }
    let missing: Vec<String> = (1..=10u8)
        .filter(|n| !r.indicators.contains_key(n))
        .map(|n| n.to_string())
        .collect();
    if !missing.is_empty() {
        out.add(
            Severity::Error,
            Code::MissingIndicator,
            "result.indicators",
            format!("ไม่มีคะแนนตัวชี้วัดที่ {}", missing.join(", ")),
            format!("no score for indicator(s) {}", missing.join(", ")),
        );
    }
}

fn differs(stated: f64, computed: &[f64]) -> bool {
    computed.iter().all(|c| (stated - c).abs() > TOLERANCE)
}

pub(super) fn stated_vs_computed(out: &mut Out, input: &Input, a: &Analysis) {
    let r = &input.result;
    if let Some(s) = r.overall {
        if differs(s, &[a.overall, round2(a.overall_exact)]) {
            out.add(
                Severity::Error,
                Code::OverallMismatch,
                "result.overall",
                format!("คะแนนรวมที่ระบุ {s} ไม่ตรงกับที่คำนวณจากคะแนนรายตัวชี้วัด {:.2} (IIT×0.3 + EIT×0.3 + OIT×0.4)", a.overall),
                format!("the stated overall {s} differs from {:.2} computed from the indicators (IIT×0.3 + EIT×0.3 + OIT×0.4)", a.overall),
            );
        }
    }
    // A tool is the mean of its indicators; an EIT part the mean of its questions.
    for (key, tool, stated, of_th, of_en) in [
        ("iit", Tool::Iit, r.tools.iit, "ตัวชี้วัด", "indicators"),
        ("eit", Tool::Eit, r.tools.eit, "ตัวชี้วัด", "indicators"),
        ("oit", Tool::Oit, r.tools.oit, "ตัวชี้วัด", "indicators"),
        (
            "eit_public",
            Tool::EitPublic,
            r.tools.eit_public,
            "ข้อคำถาม",
            "questions",
        ),
        (
            "eit_survey",
            Tool::EitSurvey,
            r.tools.eit_survey,
            "ข้อคำถาม",
            "questions",
        ),
    ] {
        if let (Some(s), Some(c)) = (stated, a.tools.get(tool)) {
            if differs(s, &[c]) {
                out.add(
                    Severity::Error,
                    Code::ToolMismatch,
                    &format!("result.tools.{key}"),
                    format!(
                        "คะแนน {} ที่ระบุ {s} ไม่ตรงกับค่าเฉลี่ยของ{of_th} {c:.2}",
                        tool.label()
                    ),
                    format!(
                        "the stated {} score {s} differs from the mean of its {of_en}, {c:.2}",
                        tool.label()
                    ),
                );
            }
        }
    }
    if let Some(stated) = &r.level {
        if stated.trim() != a.level.name {
            out.add(
                Severity::Error,
                Code::LevelMismatch,
                "result.level",
                format!(
                    "ระดับที่ระบุ \"{stated}\" ไม่ตรงกับเกณฑ์ของปี {}: คะแนน {:.2} อยู่ในระดับ \"{}\"",
                    a.year, a.overall, a.level.name
                ),
                format!(
                    "the stated level \"{stated}\" does not follow the {} rules: {:.2} is \"{}\"",
                    a.year, a.overall, a.level.name
                ),
            );
        }
    }
    if !a.level.certain {
        out.add(
            Severity::Info,
            Code::LevelUncertain,
            "result",
            format!("ระดับ \"{}\": {}", a.level.name, a.level.reason),
            format!("level \"{}\": {}", a.level.name, a.level.reason_en),
        );
    }
    for ind in &a.indicators {
        for sub in &ind.subindicators {
            if let (Some(s), Some(c)) = (sub.stated, sub.computed) {
                if differs(s, &[c]) {
                    // A warning, not an error: the NACC's own item tables disagree
                    // with its published sub-indicators (seed 002), and the
                    // published figure is the one that adds up to the indicator.
                    out.add(
                        Severity::Warning,
                        Code::SubindicatorMismatch,
                        &format!("result.subindicators.{}", sub.code),
                        format!(
                            "คะแนนตัวชี้วัดย่อย {} ที่ระบุ {s} ไม่ตรงกับค่าเฉลี่ยของข้อคำถาม {} = {c:.2} เอกสารใช้คะแนนที่ระบุ",
                            sub.code,
                            sub.questions.join(", ")
                        ),
                        format!(
                            "the stated sub-indicator {} score {s} differs from the mean of {} = {c:.2}; the documents use the stated score",
                            sub.code,
                            sub.questions.join(", ")
                        ),
                    );
                }
            }
        }
        if let Some(c) = ind.from_questions {
            if differs(ind.score, &[c]) {
                out.add(
                    Severity::Warning,
                    Code::IndicatorQuestionsMismatch,
                    &format!("result.indicators.{}", ind.no),
                    format!(
                        "คะแนนตัวชี้วัดที่ {} ({}) ไม่ตรงกับค่าเฉลี่ยของข้อคำถาม {c:.2}",
                        ind.no, ind.score
                    ),
                    format!(
                        "indicator {} ({}) differs from the mean of its questions, {c:.2}",
                        ind.no, ind.score
                    ),
                );
            }
        }
    }
}

/// Earlier years: in the past, once each, and (where the level follows from the
/// overall score alone, up to 2565) a level that fits the bands of that year.
pub(super) fn history(out: &mut Out, input: &Input) {
    let mut seen = std::collections::BTreeSet::new();
    for (i, h) in input.history.iter().enumerate() {
        let path = format!("history.{i}");
        if h.year >= input.year {
            out.add(
                Severity::Warning,
                Code::HistoryYear,
                &format!("{path}.year"),
                format!("ปีย้อนหลัง {} ไม่อยู่ก่อนปีที่ประเมิน {}", h.year, input.year),
                format!(
                    "the earlier year {} is not before the assessed year {}",
                    h.year, input.year
                ),
            );
        }
        if !seen.insert(h.year) {
            out.add(
                Severity::Warning,
                Code::HistoryYear,
                &format!("{path}.year"),
                format!("ปี {} ซ้ำในผลย้อนหลัง", h.year),
                format!("the year {} appears twice in history", h.year),
            );
        }
        let (Some(overall), Some(level), Ok(rules)) = (h.overall, &h.level, ita::rules(h.year))
        else {
            continue;
        };
        if rules.levels.iter().any(|r| !r.tools.is_empty()) {
            continue;
        }
        if let Some(r) = rules.levels.iter().find(|r| round2(overall) >= r.overall) {
            if r.name != level.trim() {
                out.add(
                    Severity::Warning,
                    Code::HistoryLevelMismatch,
                    &format!("{path}.level"),
                    format!(
                        "ผลปี {}: คะแนน {overall} อยู่ในระดับ \"{}\" ไม่ใช่ \"{level}\"",
                        h.year, r.name
                    ),
                    format!(
                        "history {}: {overall} is level \"{}\", not \"{level}\"",
                        h.year, r.name
                    ),
                );
            }
        }
    }
}
