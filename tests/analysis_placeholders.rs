//! Year placeholders (`{year}`, `{prev_year}`, `{next_year}`) are filled in every
//! text the analysis hands to the templates, from the library and from the
//! user's overrides (the templates fill `{keep_list}` and `{improve_list}`), and
//! sub-indicators carry their finding and action below the threshold, their keep
//! sentence at or above it.

use itadoc::analysis::{analyse, Analysis};
use itadoc::load_input as load;
use itadoc::model::{IndicatorText, Input, Lang, QuestionText, SubindicatorText};
use serde_json::Value;
use std::path::Path;

fn example(name: &str) -> Input {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    load(&path)
        .unwrap_or_else(|e| panic!("{}", e.render(Lang::En)))
        .input
}

/// Every string of the serialised analysis that still holds a brace, with its path.
fn braces(a: &Analysis) -> Vec<String> {
    fn walk(v: &Value, path: &str, out: &mut Vec<String>) {
        match v {
            Value::String(s) => {
                let rest = s.replace("{keep_list}", "").replace("{improve_list}", "");
                if rest.contains('{') || rest.contains('}') {
                    out.push(format!("{path}: {s}"))
                }
            }
            Value::Array(xs) => {
                for (i, x) in xs.iter().enumerate() {
                    walk(x, &format!("{path}.{i}"), out);
                }
            }
            Value::Object(m) => {
                for (k, x) in m {
                    walk(x, &format!("{path}.{k}"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::to_value(a).unwrap(), "", &mut out);
    out
}

/// All indicators and questions set to `score`: every library text of the
/// year comes into play (findings and actions when low, keep sentences when high).
fn all_at(mut input: Input, score: f64) -> Input {
    for v in input.result.indicators.values_mut() {
        *v = score;
    }
    for q in input.result.questions.values_mut() {
        if q.score.is_some() {
            q.score = Some(score);
        }
        if q.public.is_some() {
            q.public = Some(score);
        }
        if q.survey.is_some() {
            q.survey = Some(score);
        }
    }
    input.result.subindicators.clear();
    input.result.overall = None;
    input.result.level = None;
    input
}

#[test]
fn no_placeholder_left_in_the_five_examples() {
    for name in [
        "khoksaard-2564.yaml",
        "khoksung-2566.yaml",
        "lamprangrong-2565.yaml",
        "phonsongkhram-2568.yaml",
        "srisamran-2569.yaml",
    ] {
        let input = example(name);
        for variant in [
            input.clone(),
            all_at(input.clone(), 40.0),
            all_at(input, 100.0),
        ] {
            let a = analyse(&variant).unwrap();
            assert_eq!(braces(&a), Vec::<String>::new(), "{name}");
        }
    }
}

#[test]
fn yearly_question_texts_name_the_right_years() {
    // 2568: o6 is the year's plan, o7 the previous year's report.
    let a = analyse(&all_at(example("phonsongkhram-2568.yaml"), 40.0)).unwrap();
    let q = |code: &str| {
        a.indicators
            .iter()
            .flat_map(|i| i.questions.iter())
            .find(|q| q.code == code)
            .unwrap_or_else(|| panic!("{code}"))
            .clone()
    };
    for (code, year) in [
        ("o6", "2568"),
        ("o7", "2567"),
        ("o12", "2568"),
        ("o13", "2567"),
        ("o15", "2567"),
        ("o23", "2568"),
        ("o24", "2567"),
        ("o26", "2567"),
        ("o28", "2567"),
    ] {
        let text = q(code).text.unwrap();
        assert!(text.ends_with(&format!("พ.ศ. {year}")), "{code}: {text}");
    }
    // The library's guidelines are about the next year.
    assert!(
        a.guidelines.iter().any(|g| g.contains("พ.ศ. 2569")),
        "{:?}",
        a.guidelines
    );
}

#[test]
fn user_overrides_get_their_years_filled() {
    let mut input = all_at(example("khoksaard-2564.yaml"), 40.0);
    input.result.subindicators.insert("9.2".into(), 40.0);
    input.recommendations.indicators.insert(
        9,
        IndicatorText {
            finding: Some("หน่วยงานยังไม่เผยแพร่แผนประจำปี พ.ศ. {year}".into()),
            action: Some("เผยแพร่แผนประจำปี พ.ศ. {next_year} ให้ครบถ้วน".into()),
            ..Default::default()
        },
    );
    input.recommendations.subindicators.insert(
        "9.2".into(),
        SubindicatorText {
            finding: Some("หน่วยงานยังไม่รายงานผลประจำปี พ.ศ. {prev_year}".into()),
            action: Some("รายงานผลประจำปี พ.ศ. {year} ภายในเดือนตุลาคม".into()),
            ..Default::default()
        },
    );
    input.recommendations.questions.insert(
        "o7".into(),
        QuestionText {
            action: Some("จัดทำรายงานประจำปี พ.ศ. {prev_year}".into()),
            ..Default::default()
        },
    );
    input.recommendations.guidelines = vec!["ทบทวนแผนของปี {next_year}".into()];
    let a = analyse(&input).unwrap();
    assert!(braces(&a).is_empty(), "{:?}", braces(&a));
    let nine = a.indicators.iter().find(|i| i.no == 9).unwrap();
    assert_eq!(
        nine.recommendation.finding.as_deref(),
        Some("หน่วยงานยังไม่เผยแพร่แผนประจำปี พ.ศ. 2564")
    );
    assert_eq!(
        nine.recommendation.action.as_deref(),
        Some("เผยแพร่แผนประจำปี พ.ศ. 2565 ให้ครบถ้วน")
    );
    // A sub-indicator below the threshold carries the user's finding and action.
    let sub = nine.subindicators.iter().find(|s| s.code == "9.2").unwrap();
    assert!(sub.below_threshold);
    assert_eq!(
        sub.finding.as_deref(),
        Some("หน่วยงานยังไม่รายงานผลประจำปี พ.ศ. 2563")
    );
    assert_eq!(
        sub.action.as_deref(),
        Some("รายงานผลประจำปี พ.ศ. 2564 ภายในเดือนตุลาคม")
    );
    assert_eq!(a.guidelines, ["ทบทวนแผนของปี 2565"]);
}

#[test]
fn subindicators_carry_finding_and_action_below_and_keep_above() {
    let a = analyse(&all_at(example("phonsongkhram-2568.yaml"), 40.0)).unwrap();
    let subs: Vec<_> = a
        .indicators
        .iter()
        .flat_map(|i| i.subindicators.iter())
        .collect();
    assert_eq!(subs.len(), 7);
    for s in subs {
        assert!(s.below_threshold, "{}", s.code);
        assert!(
            s.finding.as_deref().is_some_and(|f| !f.is_empty())
                && s.action.as_deref().is_some_and(|a| !a.is_empty())
                && s.keep.is_none(),
            "{}: {s:?}",
            s.code
        );
    }
    // At or above the threshold, the keep sentence stands alone.
    let a = analyse(&all_at(example("phonsongkhram-2568.yaml"), 100.0)).unwrap();
    for s in a.indicators.iter().flat_map(|i| i.subindicators.iter()) {
        let text = s.keep.as_deref().unwrap_or_default();
        assert!(
            !text.is_empty() && s.finding.is_none() && s.action.is_none(),
            "{}: {text}",
            s.code
        );
    }
}
