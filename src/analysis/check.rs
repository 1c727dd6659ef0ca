//! `itadoc check`: the inconsistencies of an input, each with a severity, a
//! stable code, a message in Thai and English, and the line it concerns.
//!
//! The checks run as a pipeline over the loaded input: the loader's own
//! warnings → the year → score ranges and missing indicators → question codes
//! of the year → stated against computed scores and level → names and places
//! in free text → dates against the fiscal year and the plan → digits, script,
//! numbering and spelling in free text.

use super::{analyse, places, round2, Analysis, TOLERANCE};
use crate::ita::{self, Tool};
use crate::model::{Input, Lang, Loaded, Status};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The data contradict themselves or the rules (exit status 1).
    Error,
    /// Probably wrong; worth a look.
    Warning,
    /// For information (a repair made, a rule that could not be confirmed).
    Info,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Severity.
    pub severity: Severity,
    /// Stable kebab-case code, e.g. `overall-mismatch`.
    pub code: String,
    /// Message in Thai.
    pub message_th: String,
    /// Message in English.
    pub message_en: String,
    /// 1-based line in the input, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
}

impl Finding {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Th => &self.message_th,
            Lang::En => &self.message_en,
        }
    }
}

struct Out<'a> {
    loaded: &'a Loaded,
    list: Vec<Finding>,
}

impl Out<'_> {
    fn add(&mut self, severity: Severity, code: &str, path: &str, th: String, en: String) {
        let pos = self.loaded.spans.get(path);
        self.push(Finding {
            severity,
            code: code.to_string(),
            message_th: th,
            message_en: en,
            line: pos.map(|p| p.0),
            column: pos.map(|p| p.1),
        });
    }

    /// Adds a finding unless the same one (code, place and message) is already
    /// listed: a text naming the same other agency twice gives one finding.
    fn push(&mut self, f: Finding) {
        let same = |g: &Finding| {
            g.code == f.code
                && g.line == f.line
                && g.column == f.column
                && g.message_en == f.message_en
        };
        if !self.list.iter().any(same) {
            self.list.push(f);
        }
    }
}

/// Every finding about a loaded input, sorted by line.
pub fn check(loaded: &Loaded) -> Vec<Finding> {
    let mut out = Out {
        loaded,
        list: Vec::new(),
    };
    let input = &loaded.input;
    loader_warnings(&mut out);
    let rules = match ita::rules(input.year) {
        Ok(r) => Some(r),
        Err(e) => {
            out.add(
                Severity::Error,
                "unsupported-year",
                "year",
                e.message_th(),
                e.message_en(),
            );
            None
        }
    };
    ranges(&mut out, input);
    if let Some(rules) = rules {
        question_codes(&mut out, input, rules);
        indicator_names(&mut out, input, rules);
        if let Ok(a) = analyse(input) {
            stated_vs_computed(&mut out, input, &a);
        }
    }
    history(&mut out, input);
    names_in_text(&mut out, input);
    places_check(&mut out, input);
    dates(&mut out, input);
    text_checks(&mut out);
    out.list
        .sort_by_key(|f| (f.line.unwrap_or(0), f.column.unwrap_or(0)));
    out.list
}

/// The loader's warnings, once each. Repairs the loader made with certainty (a
/// question code spelt "E๔" or "๐๑๔" read as e4 / o14, scores in Thai digits,
/// invisible characters removed) are information; a number mixing Thai and
/// Arabic digits, or a Christian-era year taken for a Buddhist-era one, is a
/// warning. The loader's warnings are only reported here: no check below
/// repeats them.
fn loader_warnings(out: &mut Out) {
    for w in &out.loaded.warnings {
        let severity = match w.code.as_str() {
            "mixed-digits" | "christian-era-year" | "bad-question-ref" => Severity::Warning,
            "question-code-spelling" | "thai-digits" | "text-repaired" => Severity::Info,
            _ => Severity::Info,
        };
        out.push(Finding {
            severity,
            code: w.code.clone(),
            message_th: w.message_th.clone(),
            message_en: w.message_en.clone(),
            line: Some(w.line),
            column: Some(w.column),
        });
    }
}

fn ranges(out: &mut Out, input: &Input) {
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
                "score-out-of-range",
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
            "missing-indicator",
            "result.indicators",
            format!("ไม่มีคะแนนตัวชี้วัดที่ {}", missing.join(", ")),
            format!("no score for indicator(s) {}", missing.join(", ")),
        );
    }
}

fn question_codes(out: &mut Out, input: &Input, rules: &ita::YearRules) {
    if !rules.knows_questions() {
        if !input.result.questions.is_empty() {
            out.add(
                Severity::Info,
                "questions-not-checked",
                "result.questions",
                format!("ไม่มีข้อมูลรหัสข้อคำถามของปี {} จึงไม่ได้ตรวจรหัส", input.year),
                format!(
                    "question codes of {} are not recorded; codes not checked",
                    input.year
                ),
            );
        }
        return;
    }
    for code in input.result.questions.keys() {
        if rules.question(code).is_none() {
            let severity = if rules.questions_complete {
                Severity::Error
            } else {
                Severity::Warning
            };
            out.add(
                severity,
                "unknown-question",
                &format!("result.questions.{code}"),
                format!("ไม่มีข้อคำถาม {code} ในการประเมินปี {}", input.year),
                format!(
                    "there is no question {code} in the {} assessment",
                    input.year
                ),
            );
        }
    }
}

/// Names seen in place of the official ones (ita-framework.md).
const MISNAMES: [&str; 4] = [
    "การใช้จ่ายเงิน",
    "การใช้ทรัพยากรของราชการ",
    "การปรับปรุงระบบการทำงาน",
    "การใช้ทรัพย์สินราชการ",
];

/// Indicator names given in `result.names`, and "ตัวชี้วัดที่ N <name>" in free
/// text, against the official names of the year.
fn indicator_names(out: &mut Out, input: &Input, rules: &ita::YearRules) {
    for (no, name) in &input.result.names {
        let Some(official) = rules.indicator(*no) else {
            continue;
        };
        if name.trim() != official.name {
            out.add(
                Severity::Warning,
                "indicator-name",
                &format!("result.names.{no}"),
                format!(
                    "ตัวชี้วัดที่ {no} ชื่อทางการคือ \"{}\" ไม่ใช่ \"{name}\"",
                    official.name
                ),
                format!(
                    "indicator {no} is officially \"{}\", not \"{name}\"",
                    official.name
                ),
            );
        }
    }
    let texts = out.loaded.spans.texts.clone();
    for (path, text) in &texts {
        let arabic = crate::thai::to_arabic_digits(text);
        for (i, _) in arabic.match_indices("ตัวชี้วัดที่") {
            let rest = arabic[i + "ตัวชี้วัดที่".len()..].trim_start();
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let Ok(no) = digits.parse::<u8>() else {
                continue;
            };
            let after = rest[digits.len()..].trim_start();
            let Some(official) = rules.indicator(no) else {
                continue;
            };
            if after.starts_with(&official.name) {
                continue;
            }
            let other = rules
                .indicators
                .iter()
                .find(|x| x.no != no && after.starts_with(&x.name))
                .map(|x| x.name.as_str());
            if let Some(wrong) = MISNAMES
                .iter()
                .copied()
                .find(|m| after.starts_with(m))
                .or(other)
            {
                out.add(
                    Severity::Warning,
                    "indicator-name",
                    path,
                    format!(
                        "{path}: ตัวชี้วัดที่ {no} ชื่อทางการคือ \"{}\" ไม่ใช่ \"{wrong}\"",
                        official.name
                    ),
                    format!(
                        "{path}: indicator {no} is officially \"{}\", not \"{wrong}\"",
                        official.name
                    ),
                );
            }
        }
    }
}

fn differs(stated: f64, computed: &[f64]) -> bool {
    computed.iter().all(|c| (stated - c).abs() > TOLERANCE)
}

fn stated_vs_computed(out: &mut Out, input: &Input, a: &Analysis) {
    let r = &input.result;
    if let Some(s) = r.overall {
        if differs(s, &[a.overall, round2(a.overall_exact)]) {
            out.add(
                Severity::Error,
                "overall-mismatch",
                "result.overall",
                format!("คะแนนรวมที่ระบุ {s} ไม่ตรงกับที่คำนวณจากคะแนนรายตัวชี้วัด {:.2} (IIT×0.3 + EIT×0.3 + OIT×0.4)", a.overall),
                format!("the stated overall {s} differs from {:.2} computed from the indicators (IIT×0.3 + EIT×0.3 + OIT×0.4)", a.overall),
            );
        }
    }
    for (key, tool, stated) in [
        ("iit", Tool::Iit, r.tools.iit),
        ("eit", Tool::Eit, r.tools.eit),
        ("oit", Tool::Oit, r.tools.oit),
    ] {
        if let (Some(s), Some(c)) = (stated, a.tools.get(tool)) {
            if differs(s, &[c]) {
                out.add(
                    Severity::Error,
                    "tool-mismatch",
                    &format!("result.tools.{key}"),
                    format!(
                        "คะแนน {} ที่ระบุ {s} ไม่ตรงกับค่าเฉลี่ยของตัวชี้วัด {c:.2}",
                        tool.label()
                    ),
                    format!(
                        "the stated {} score {s} differs from the mean of its indicators, {c:.2}",
                        tool.label()
                    ),
                );
            }
        }
    }
    for (key, tool, stated) in [
        ("eit_public", Tool::EitPublic, r.tools.eit_public),
        ("eit_survey", Tool::EitSurvey, r.tools.eit_survey),
    ] {
        if let (Some(s), Some(c)) = (stated, a.tools.get(tool)) {
            if differs(s, &[c]) {
                out.add(
                    Severity::Error,
                    "tool-mismatch",
                    &format!("result.tools.{key}"),
                    format!(
                        "คะแนน {} ที่ระบุ {s} ไม่ตรงกับค่าเฉลี่ยของข้อคำถาม {c:.2}",
                        tool.label()
                    ),
                    format!(
                        "the stated {} score {s} differs from the mean of its questions, {c:.2}",
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
                "level-mismatch",
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
            "level-uncertain",
            "result",
            format!("ระดับ \"{}\": {}", a.level.name, a.level.reason),
            format!("level \"{}\": {}", a.level.name, a.level.reason_en),
        );
    }
    for ind in &a.indicators {
        for sub in &ind.subindicators {
            if let (Some(s), Some(c)) = (sub.stated, sub.computed) {
                if differs(s, &[c]) {
                    out.add(
                        Severity::Error,
                        "subindicator-mismatch",
                        &format!("result.subindicators.{}", sub.code),
                        format!(
                            "คะแนนตัวชี้วัดย่อย {} ที่ระบุ {s} ไม่ตรงกับค่าเฉลี่ยของข้อคำถาม {} = {c:.2}",
                            sub.code,
                            sub.questions.join(", ")
                        ),
                        format!(
                            "the stated sub-indicator {} score {s} differs from the mean of {} = {c:.2}",
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
                    "indicator-questions-mismatch",
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
fn history(out: &mut Out, input: &Input) {
    let mut seen = std::collections::BTreeSet::new();
    for (i, h) in input.history.iter().enumerate() {
        let path = format!("history.{i}");
        if h.year >= input.year {
            out.add(
                Severity::Warning,
                "history-year",
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
                "history-year",
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
                    "history-level-mismatch",
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

/// Prefixes of local-administration names, longest first.
const ORG_PREFIXES: [&str; 11] = [
    "องค์การบริหารส่วนตำบล",
    "องค์กรบริหารส่วนตำบล",
    "องค์การบริหารส่วนจังหวัด",
    "เทศบาลตำบล",
    "เทศบาลเมือง",
    "เทศบาลนคร",
    "อบต.",
    "อบจ.",
    "ทต.",
    "ทม.",
    "ทน.",
];

/// Words that follow a prefix without being a name ("ปลัดองค์การบริหารส่วนตำบล ปฏิบัติหน้าที่").
const NOT_NAMES: [&str; 14] = [
    "ปฏิบัติ",
    "ได้",
    "ที่",
    "ของ",
    "และ",
    "ใน",
    "ซึ่ง",
    "มี",
    "เป็น",
    "จึง",
    "ทุก",
    "แห่ง",
    "นั้น",
    "ดังกล่าว",
];

/// The name part of an organisation name: "องค์การบริหารส่วนตำบลพลสงคราม" → "พลสงคราม".
fn short_name(full: &str) -> &str {
    let t = full.trim();
    for p in ORG_PREFIXES {
        if let Some(rest) = t.strip_prefix(p) {
            return rest.trim();
        }
    }
    t
}

/// Names of organisations mentioned in `text`: (the name after the prefix).
fn mentioned_orgs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let Some(p) = ORG_PREFIXES.iter().find(|p| rest.starts_with(**p)) else {
            i += rest.chars().next().map(char::len_utf8).unwrap_or(1);
            continue;
        };
        let after = &rest[p.len()..];
        let spaced = after.starts_with(' ');
        let name: String = after
            .trim_start()
            .chars()
            .take_while(|c| !c.is_whitespace() && !",;:()\"'/".contains(*c))
            .collect();
        let name = name.split("อำเภอ").next().unwrap_or("").to_string();
        let name = name.split("จังหวัด").next().unwrap_or("").to_string();
        let not_a_name = spaced && NOT_NAMES.iter().any(|w| name.starts_with(w));
        if !name.is_empty() && !not_a_name {
            out.push(name);
        }
        i += p.len();
    }
    out
}

fn names_in_text(out: &mut Out, input: &Input) {
    let own = short_name(&input.agency.name).to_string();
    if own.is_empty() {
        return;
    }
    let texts = out.loaded.spans.texts.clone();
    for (path, text) in texts {
        if path == "agency.name" {
            continue;
        }
        for name in mentioned_orgs(&text) {
            if name.starts_with(&own) {
                continue;
            }
            let typo = own.starts_with(&name) && own.chars().count() - name.chars().count() <= 2;
            if typo {
                out.add(
                    Severity::Info,
                    "agency-name-typo",
                    &path,
                    format!("{path}: ชื่อหน่วยงาน \"{name}\" อาจสะกดผิด (ชื่อที่ถูกต้อง: {own})"),
                    format!("{path}: the agency name \"{name}\" may be misspelt (expected {own})"),
                );
            } else {
                out.add(
                    Severity::Warning,
                    "other-agency-name",
                    &path,
                    format!(
                        "{path}: ข้อความกล่าวถึงหน่วยงานอื่น \"{name}\" ซึ่งไม่ใช่ {}",
                        input.agency.name
                    ),
                    format!(
                        "{path}: the text names another agency, \"{name}\", not {}",
                        input.agency.name
                    ),
                );
            }
        }
    }
}

/// Words after `marker` in text: "อำเภอเมืองชัย จังหวัด…" → "เมืองชัย".
fn words_after(text: &str, marker: &str) -> Vec<String> {
    text.match_indices(marker)
        .map(|(i, _)| {
            let after = text[i + marker.len()..].trim_start();
            let w: String = after
                .chars()
                .take_while(|c| !c.is_whitespace() && !",;:()\"'/".contains(*c))
                .collect();
            w.split("จังหวัด").next().unwrap_or("").to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn places_check(out: &mut Out, input: &Input) {
    let a = &input.agency;
    if let Some(p) = &a.province {
        if !places::is_province(p) {
            out.add(
                Severity::Warning,
                "unknown-province",
                "agency.province",
                format!("ไม่มีจังหวัดชื่อ \"{p}\""),
                format!("there is no province named \"{p}\""),
            );
        } else if let Some(d) = &a.district {
            if !places::is_district_of(d, p) {
                let elsewhere = places::provinces_with_district(d);
                out.add(
                    Severity::Warning,
                    "unknown-district",
                    "agency.district",
                    format!(
                        "ไม่มีอำเภอ \"{d}\" ในจังหวัด{p}{}",
                        if elsewhere.is_empty() {
                            String::new()
                        } else {
                            format!(" (มีในจังหวัด{})", elsewhere.join(", "))
                        }
                    ),
                    format!(
                        "there is no district \"{d}\" in {p}{}",
                        if elsewhere.is_empty() {
                            String::new()
                        } else {
                            format!(" (there is one in {})", elsewhere.join(", "))
                        }
                    ),
                );
            }
        }
    }
    let texts = out.loaded.spans.texts.clone();
    for (path, text) in &texts {
        if path.starts_with("agency.") {
            continue;
        }
        if let Some(d) = &a.district {
            for w in words_after(text, "อำเภอ") {
                if !w.starts_with(d.as_str()) {
                    out.add(
                        Severity::Warning,
                        "district-conflict",
                        path,
                        format!("{path}: ระบุอำเภอ{w} แต่ agency.district คือ {d} (หน่วยงานเดียวกันอยู่สองอำเภอ)"),
                        format!("{path}: names the district {w}, but agency.district is {d} (one agency in two districts)"),
                    );
                }
            }
        }
        if let Some(p) = &a.province {
            for w in words_after(text, "จังหวัด") {
                if places::is_province(&w) && w != *p {
                    out.add(
                        Severity::Warning,
                        "province-conflict",
                        path,
                        format!("{path}: ระบุจังหวัด{w} แต่ agency.province คือ {p}"),
                        format!("{path}: names the province {w}, but agency.province is {p}"),
                    );
                }
            }
        }
    }
}

/// First and last day of fiscal year `be` (Buddhist era): 1 Oct of the year before to 30 Sep.
fn fiscal_range(be: u16) -> Option<(NaiveDate, NaiveDate)> {
    Some(crate::thai::fiscal_year_range(i32::from(be)))
}

fn fiscal_year_of(d: NaiveDate) -> i32 {
    crate::thai::fiscal_year_of(d)
}

fn thai_date(d: NaiveDate) -> String {
    format!("{} (พ.ศ. {})", d.format("%d/%m"), d.year() + 543)
}

fn dates(out: &mut Out, input: &Input) {
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
                    "date-outside-year",
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
                    "date-outside-year",
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
                    "deadline-before-memo",
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
                    "overdue",
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
            "done-before-start",
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
                "period-year",
                path,
                format!("{path}: ระยะเวลา \"{period}\" ไม่ได้ระบุปีงบประมาณ {plan_year} ที่แผนครอบคลุม"),
                format!("{path}: the period \"{period}\" does not name fiscal year {plan_year}, which the plan covers"),
            );
        }
    }
}

/// Common misspellings in ITA documents and their correct forms.
const TYPOS: [(&str, &str); 6] = [
    ("โปร่งใส่", "โปร่งใส"),
    ("ทรัพย์สิน์", "ทรัพย์สิน"),
    ("ประสิทธิ์ภาพ", "ประสิทธิภาพ"),
    ("อนุญาติ", "อนุญาต"),
    ("บริหารส่วนตําบล", "บริหารส่วนตำบล"),
    ("เจตนาธรรมเนียม", "เจตนารมณ์"),
];

fn numbering_style(s: &str) -> Option<&'static str> {
    let t = s.trim_start();
    let digits = |x: &str| {
        x.chars()
            .take_while(|c| c.is_ascii_digit() || ('๐'..='๙').contains(c))
            .count()
    };
    if let Some(rest) = t.strip_prefix('(') {
        let n = digits(rest);
        if n > 0 && rest.chars().nth(n) == Some(')') {
            return Some("(n)");
        }
    }
    let n = digits(t);
    match t.chars().nth(n) {
        Some('.')
            if n > 0
                && !t
                    .chars()
                    .nth(n + 1)
                    .is_some_and(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c)) =>
        {
            Some("n.")
        }
        Some(')') if n > 0 => Some("n)"),
        _ => None,
    }
}

fn text_checks(out: &mut Out) {
    let texts = out.loaded.spans.texts.clone();
    // Numbering styles within one list (paths "x.y.N").
    let mut lists: std::collections::BTreeMap<String, Vec<(String, &'static str)>> =
        Default::default();
    for (path, text) in &texts {
        if let Some((parent, last)) = path.rsplit_once('.') {
            if last.parse::<usize>().is_ok() {
                if let Some(style) = numbering_style(text) {
                    lists
                        .entry(parent.to_string())
                        .or_default()
                        .push((path.clone(), style));
                }
            }
        }
    }
    for (parent, items) in lists {
        if let Some((path, style)) = items.iter().find(|(_, s)| *s != items[0].1) {
            out.add(
                Severity::Warning,
                "numbering-style",
                path,
                format!(
                    "{parent}: เลขลำดับเปลี่ยนรูปแบบจาก \"{}\" เป็น \"{style}\"",
                    items[0].1
                ),
                format!(
                    "{parent}: the item numbering changes style from \"{}\" to \"{style}\"",
                    items[0].1
                ),
            );
        }
    }
    for (path, text) in &texts {
        if crate::model::mixed_digits(text) {
            out.add(
                Severity::Warning,
                "mixed-digits",
                path,
                format!("{path}: มีตัวเลขที่ปนเลขไทยกับเลขอารบิก"),
                format!("{path}: a number mixes Thai and Arabic digits"),
            );
        }
        let thai = text.chars().any(|c| ('\u{0E01}'..='\u{0E5B}').contains(&c));
        if thai {
            if let Some(c) = text.chars().find(|c| {
                ('\u{0600}'..='\u{06FF}').contains(c) || ('\u{0750}'..='\u{077F}').contains(c)
            }) {
                out.add(
                    Severity::Warning,
                    "foreign-script",
                    path,
                    format!("{path}: มีอักษรอาหรับ \"{c}\" ปนในข้อความภาษาไทย"),
                    format!("{path}: Arabic letter \"{c}\" inside Thai text"),
                );
            }
        }
        for (wrong, right) in TYPOS {
            if text.contains(wrong) {
                out.add(
                    Severity::Info,
                    "typo",
                    path,
                    format!("{path}: \"{wrong}\" น่าจะเป็น \"{right}\""),
                    format!("{path}: \"{wrong}\" should probably be \"{right}\""),
                );
            }
        }
        announcement_year(out, path, text);
    }
}

/// A text citing the announcement of results "ปีงบประมาณ พ.ศ. X … ลงวันที่ <date>"
/// where the date falls in another fiscal year than X (seed 000 cites the 2565
/// announcement, dated in fiscal 2566, for its 2566 results).
fn announcement_year(out: &mut Out, path: &str, text: &str) {
    if !(text.contains("ประกาศ") && text.contains("ลงวันที่")) {
        return;
    }
    let arabic = crate::thai::to_arabic_digits(text);
    let mut at = 0;
    while let Some(i) = arabic[at..].find("ปีงบประมาณ") {
        let start = at + i;
        let rest = &arabic[start + "ปีงบประมาณ".len()..];
        let rest_trim = rest.trim_start().trim_start_matches("พ.ศ.").trim_start();
        let year: String = rest_trim.chars().take_while(char::is_ascii_digit).collect();
        at = start + "ปีงบประมาณ".len();
        let Ok(fy) = year.parse::<i32>() else {
            continue;
        };
        let Some(j) = rest.find("ลงวันที่") else {
            continue;
        };
        // Only when "ลงวันที่" follows within the same clause (before the next ปีงบประมาณ).
        if rest[..j].contains("ปีงบประมาณ") {
            continue;
        }
        let after = &rest[j + "ลงวันที่".len()..];
        let words: Vec<&str> = after.split_whitespace().take(4).collect();
        let parsed = (2..=words.len())
            .rev()
            .find_map(|n| crate::model::parse_date(&words[..n].join(" ")));
        if let Some(d) = parsed {
            let dfy = fiscal_year_of(d);
            if dfy != fy && (2400..2800).contains(&fy) {
                out.add(
                    Severity::Warning,
                    "announcement-year",
                    path,
                    format!(
                        "{path}: อ้างประกาศผลการประเมินปีงบประมาณ {fy} ลงวันที่ในปีงบประมาณ {dfy} (ปีไม่ตรงกัน)"
                    ),
                    format!(
                        "{path}: cites the announcement of the {fy} results dated in fiscal year {dfy} (years disagree)"
                    ),
                );
            }
        }
    }
}

/// A finding as `--format json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportFinding {
    /// "error", "warning", "info".
    pub severity: Severity,
    /// Stable code.
    pub code: String,
    /// Message in the chosen language.
    pub message: String,
    /// Line, when known.
    pub line: Option<usize>,
}

/// An indicator as `--format json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportIndicator {
    /// 1–10.
    pub no: u8,
    /// Official name.
    pub name: String,
    /// Score.
    pub score: f64,
    /// Rank (ties share).
    pub rank: usize,
}

/// Tool scores in the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportTools {
    /// IIT.
    pub iit: Option<f64>,
    /// EIT.
    pub eit: Option<f64>,
    /// OIT.
    pub oit: Option<f64>,
}

/// The object `itadoc check --format json` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    /// Computed overall score (null when it cannot be computed).
    pub overall: Option<f64>,
    /// Computed level.
    pub level: Option<String>,
    /// Whether it passes.
    pub pass: Option<bool>,
    /// Computed tool scores.
    pub tools: ReportTools,
    /// Indicators with rank.
    pub indicators: Vec<ReportIndicator>,
    /// Findings.
    pub findings: Vec<ReportFinding>,
}

impl CheckReport {
    /// True when a finding is an error (exit status 1).
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// The check report of a loaded input, messages in `lang`.
pub fn check_report(loaded: &Loaded, lang: Lang) -> CheckReport {
    let analysis = analyse(&loaded.input).ok();
    let findings = check(loaded)
        .into_iter()
        .map(|f| ReportFinding {
            severity: f.severity,
            code: f.code.clone(),
            message: f.message(lang).to_string(),
            line: f.line,
        })
        .collect();
    match analysis {
        Some(a) => CheckReport {
            overall: Some(a.overall),
            level: Some(a.level.name.clone()),
            pass: Some(a.level.pass),
            tools: ReportTools {
                iit: Some(a.tools.iit),
                eit: Some(a.tools.eit),
                oit: Some(a.tools.oit),
            },
            indicators: a
                .indicators
                .iter()
                .map(|i| ReportIndicator {
                    no: i.no,
                    name: i.name.clone(),
                    score: i.score,
                    rank: i.rank,
                })
                .collect(),
            findings,
        },
        None => CheckReport {
            overall: None,
            level: None,
            pass: None,
            tools: ReportTools {
                iit: None,
                eit: None,
                oit: None,
            },
            indicators: Vec::new(),
            findings,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_names_in_text() {
        assert_eq!(
            mentioned_orgs("ขององค์การบริหารส่วนตำบล พงษ์นคร ได้ ๙๕.๕๖ คะแนน"),
            vec!["พงษ์นคร"]
        );
        assert_eq!(
            mentioned_orgs("ปลัดองค์การบริหารส่วนตำบล ปฏิบัติหน้าที่ นายก"),
            Vec::<String>::new()
        );
        assert_eq!(mentioned_orgs("อบต.ลำปางรอง"), vec!["ลำปางรอง"]);
        assert_eq!(short_name("เทศบาลตำบลโคกสูงสัมพันธ์"), "โคกสูงสัมพันธ์");
    }

    #[test]
    fn numbering() {
        assert_eq!(numbering_style("๑. วิเคราะห์"), Some("n."));
        assert_eq!(numbering_style("(๒) ศึกษา"), Some("(n)"));
        assert_eq!(numbering_style("๙๘.๘๕ คะแนน"), None);
        assert_eq!(numbering_style("ข้อความ"), None);
    }

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
