//! The year's vocabulary: question codes the year knows, and indicator names
//! (in `result.names` and in free text) against the official ones.

use super::Out;
use super::{Code, Severity};
use crate::ita;
use crate::model::Input;

pub(super) fn question_codes(out: &mut Out, input: &Input, rules: &ita::YearRules) {
    if !rules.knows_questions() {
        if !input.result.questions.is_empty() {
            out.add(
                Severity::Info,
                Code::QuestionsNotChecked,
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
        if rules.question(code).is_some() {
            continue;
        }
        // How sure the year's list of this tool's questions is decides how
        // serious an unknown code is: never an error in an unverified list.
        let tool = match code.as_bytes().first() {
            Some(b'i') => ita::Tool::Iit,
            Some(b'e') => ita::Tool::Eit,
            _ => ita::Tool::Oit,
        };
        let confidence = rules.confidence_of(tool);
        let severity = match confidence {
            ita::Confidence::Verified => Severity::Error,
            ita::Confidence::Partly => Severity::Warning,
            ita::Confidence::Unverified => Severity::Info,
        };
        let (note_th, note_en) = match confidence {
            ita::Confidence::Verified => (String::new(), String::new()),
            c => (
                format!(
                    " (รายการข้อคำถาม {} ของปีนี้{} จึงรับรหัสนี้ไว้โดยไม่มีคำแนะนำเฉพาะข้อ)",
                    tool.label(),
                    c.thai()
                ),
                format!(
                    " (the year's {} list is {}: the code is kept, without advice of its own)",
                    tool.label(),
                    c.key()
                ),
            ),
        };
        out.add(
            severity,
            Code::UnknownQuestion,
            &format!("result.questions.{code}"),
            format!(
                "ไม่มีข้อคำถาม {code} ในการประเมินปี {} ที่โปรแกรมทราบ{note_th}",
                input.year
            ),
            format!(
                "there is no question {code} in the {} assessment as itadoc knows it{note_en}",
                input.year
            ),
        );
    }
}

/// Stated sub-indicator scores the year has no sub-indicator for: they are not
/// used, so say so (a warning; information where the year's sub-indicators are
/// not known, as in 2569).
pub(super) fn subindicator_codes(out: &mut Out, input: &Input, rules: &ita::YearRules) {
    let known: Vec<&str> = rules
        .indicators
        .iter()
        .flat_map(|i| &i.subindicators)
        .map(|s| s.code.as_str())
        .collect();
    for code in input.result.subindicators.keys() {
        if known.contains(&code.as_str()) {
            continue;
        }
        let (severity, th, en) = if known.is_empty() {
            (
                Severity::Info,
                format!(
                    "ยังไม่ทราบการแบ่งตัวชี้วัดย่อยของปี {} จึงไม่ได้ใช้คะแนนตัวชี้วัดย่อย {code} ที่ระบุ",
                    input.year
                ),
                format!(
                    "the sub-indicators of {} are not known: the stated score of {code} is not used",
                    input.year
                ),
            )
        } else {
            (
                Severity::Warning,
                format!(
                    "ไม่มีตัวชี้วัดย่อย {code} ในการประเมินปี {} (มี {}) จึงไม่ได้ใช้คะแนนที่ระบุ",
                    input.year,
                    known.join(", ")
                ),
                format!(
                    "there is no sub-indicator {code} in the {} assessment ({}): its stated score is not used",
                    input.year,
                    known.join(", ")
                ),
            )
        };
        out.add(
            severity,
            Code::UnknownSubindicator,
            &format!("result.subindicators.{code}"),
            th,
            en,
        );
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
pub(super) fn indicator_names(out: &mut Out, input: &Input, rules: &ita::YearRules) {
    for (no, name) in &input.result.names {
        let Some(official) = rules.indicator(*no) else {
            continue;
        };
        if name.trim() != official.name {
            out.add(
                Severity::Warning,
                Code::IndicatorName,
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
                    Code::IndicatorName,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every year of data/ita.yaml has a question set today, so no input reaches
    /// this finding: a year's rules without one stand in for a future year.
    #[test]
    fn questions_of_a_year_without_a_question_set_are_not_checked() {
        let yaml = "agency: {name: เทศบาลตำบลหนองบัวทอง}\nyear: 2568\nresult:\n  indicators: {1: 90, 2: 90, 3: 90, 4: 90, 5: 90, 6: 90, 7: 90, 8: 90, 9: 90, 10: 90}\n  questions: {o99: 90}\n";
        let loaded = crate::model::load_str(yaml, "q.yaml").unwrap();
        let mut rules = ita::rules(2568).unwrap().clone();
        let mut out = Out {
            loaded: &loaded,
            list: Vec::new(),
        };
        question_codes(&mut out, &loaded.input, &rules);
        let codes: Vec<Code> = out.list.iter().map(|f| f.code).collect();
        assert_eq!(codes, [Code::UnknownQuestion]);
        rules.questions.clear();
        out.list.clear();
        question_codes(&mut out, &loaded.input, &rules);
        let found: Vec<(Code, Severity, Option<usize>)> = out
            .list
            .iter()
            .map(|f| (f.code, f.severity, f.line))
            .collect();
        assert_eq!(
            found,
            [(Code::QuestionsNotChecked, Severity::Info, Some(5))]
        );
    }
}
