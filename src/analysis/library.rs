//! The recommendation library (`data/recommendations.yaml`, built in) merged
//! with the user's `recommendations:` overrides, and text selection from it.
//!
//! Every text it hands out has its year placeholders (`{year}`, `{prev_year}`,
//! `{next_year}`) filled for the year analysed, whether it comes from the
//! library or from the user; only a tool's `{keep_list}` / `{improve_list}` are
//! left for the analysis to fill.
//!
//! A question's advice is found through the year's question set
//! ([`crate::ita`]): the code's topic names an entry of the library's
//! `questions:` (the 2568 codes) or `topics:` (subjects other years ask about).
//! The advice's references are topics too, printed as the codes the year gives
//! them. The user's `recommendations.questions` are keyed by the year's own codes.

use super::text::fill_years;
use crate::ita::YearRules;
use crate::model::{
    DefaultMeasure, IndicatorText, QuestionText, RecommendationSet, SubindicatorText, ToolText,
};
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[cfg(test)]
const DATA: &str = include_str!("../../data/recommendations.yaml");

/// The built-in library as JSON, converted from data/recommendations.yaml by
/// build.rs (serde_json reads it about ten times faster than YAML).
const DATA_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/recommendations.json"));

/// The built-in library: the overridable set and the advice by topic.
struct Builtin {
    set: RecommendationSet,
    topics: BTreeMap<String, QuestionText>,
}

fn builtin_all() -> &'static Builtin {
    static LIB: OnceLock<Builtin> = OnceLock::new();
    LIB.get_or_init(|| {
        let value: serde_json::Value = serde_json::from_str(DATA_JSON).unwrap_or_default();
        split(value).unwrap_or(Builtin {
            set: RecommendationSet::default(),
            topics: BTreeMap::new(),
        })
    })
}

/// Takes the `topics:` section out of a parsed library file; the rest has the
/// shape of the user's `recommendations:` section.
fn split(mut value: serde_json::Value) -> Result<Builtin, String> {
    let topics = value
        .as_object_mut()
        .and_then(|m| m.remove("topics"))
        .unwrap_or_default();
    let topics: BTreeMap<String, QuestionText> = if topics.is_null() {
        BTreeMap::new()
    } else {
        serde_json::from_value(topics).map_err(|e| format!("topics: {e}"))?
    };
    Ok(Builtin {
        set: serde_json::from_value(value).map_err(|e| e.to_string())?,
        topics,
    })
}

/// The built-in library; an empty set if the file were malformed (a test guards it).
pub fn builtin() -> &'static RecommendationSet {
    &builtin_all().set
}

/// The built-in advice for the questions of other years' sets, by topic key.
pub fn builtin_topics() -> &'static BTreeMap<String, QuestionText> {
    &builtin_all().topics
}

/// Parses a library file (without its `topics:` section).
pub fn parse(text: &str) -> Result<RecommendationSet, String> {
    Ok(parse_all(text)?.0)
}

/// Parses a library file into the overridable set and the advice by topic.
pub fn parse_all(
    text: &str,
) -> Result<(RecommendationSet, BTreeMap<String, QuestionText>), String> {
    let yaml = crate::yaml::to_json_text(text)?;
    let b = split(yaml)?;
    Ok((b.set, b.topics))
}

/// The library with the user's texts laid over it, field by field.
#[derive(Debug, Clone)]
pub struct Library<'a> {
    base: &'a RecommendationSet,
    topics: &'a BTreeMap<String, QuestionText>,
    user: &'a RecommendationSet,
    /// The year's rules: its question set gives each code its topic.
    rules: Option<&'a YearRules>,
    /// The fiscal year analysed (Buddhist era): the value of `{year}`.
    pub year: u16,
}

impl Library<'_> {
    /// The user's text, else the library's, with its year placeholders filled.
    /// One field of a text: the user's when given, else the library's, with the
    /// years filled in.
    fn pick<T>(
        &self,
        user: Option<&T>,
        base: Option<&T>,
        field: impl Fn(&T) -> Option<&String>,
    ) -> Option<String> {
        user.and_then(&field)
            .or_else(|| base.and_then(&field))
            .map(|t| fill_years(t, self.year))
    }

    fn fill_all(&self, texts: &[String]) -> Vec<String> {
        texts.iter().map(|t| fill_years(t, self.year)).collect()
    }

    fn fill_measure(&self, m: &DefaultMeasure) -> DefaultMeasure {
        DefaultMeasure {
            title: fill_years(&m.title, self.year),
            steps: self.fill_all(&m.steps),
            owner: self.fill_all(&m.owner),
            period: m.period.as_ref().map(|p| fill_years(p, self.year)),
        }
    }
}

impl<'a> Library<'a> {
    /// Lays `user` over the built-in library for the year of `rules`.
    pub fn new(user: &'a RecommendationSet, rules: &'a YearRules) -> Self {
        Library {
            base: builtin(),
            topics: builtin_topics(),
            user,
            rules: Some(rules),
            year: rules.year,
        }
    }

    /// Lays `user` over `base` and `topics` for fiscal year `year`; without
    /// `rules`, no question has a topic (only the user's question texts apply).
    pub fn with(
        base: &'a RecommendationSet,
        topics: &'a BTreeMap<String, QuestionText>,
        user: &'a RecommendationSet,
        rules: Option<&'a YearRules>,
        year: u16,
    ) -> Self {
        Library {
            base,
            topics,
            user,
            rules,
            year,
        }
    }

    /// The library's advice on `topic`: the 2568 question of that code, or an
    /// entry of `topics:`.
    fn topic(&self, topic: &str) -> Option<&'a QuestionText> {
        self.base
            .questions
            .get(topic)
            .or_else(|| self.topics.get(topic))
    }

    /// Texts for question `code` of the year: the user's, else the set's own
    /// subject and the advice of the code's topic, with the references given
    /// as this year's codes (a reference the year has no question for is left out).
    pub fn question(&self, code: &str) -> QuestionText {
        let u = self.user.questions.get(code);
        let q = self.rules.and_then(|r| r.question(code));
        let b = q
            .and_then(|q| q.topic.as_deref())
            .and_then(|t| self.topic(t));
        let set_text = q.and_then(|q| q.text.as_ref());
        let text = u
            .and_then(|x| x.text.as_ref())
            .or(set_text)
            .or_else(|| b.and_then(|x| x.text.as_ref()))
            .map(|t| fill_years(t, self.year));
        // The references go with the action: a user's own action keeps only the
        // user's references (none when not given), never the library's, which
        // are about the library's action.
        let refs = match u {
            Some(x) if !x.refs.is_empty() || x.action.is_some() => x.refs.clone(),
            _ => {
                let mut out: Vec<String> = Vec::new();
                for t in b.map(|x| &x.refs[..]).unwrap_or_default() {
                    let code = self.rules.and_then(|r| r.code_for_topic(t));
                    if let Some(c) = code {
                        if !out.iter().any(|o| o == c) {
                            out.push(c.to_string());
                        }
                    }
                }
                out
            }
        };
        QuestionText {
            text,
            finding: self.pick(u, b, |x| x.finding.as_ref()),
            action: self.pick(u, b, |x| x.action.as_ref()),
            refs,
        }
    }

    /// Texts for indicator `no`.
    pub fn indicator(&self, no: u8) -> IndicatorText {
        let u = self.user.indicators.get(&no);
        let b = self.base.indicators.get(&no);
        IndicatorText {
            keep: self.pick(u, b, |x| x.keep.as_ref()),
            finding: self.pick(u, b, |x| x.finding.as_ref()),
            action: self.pick(u, b, |x| x.action.as_ref()),
            measures: match u {
                Some(x) if !x.measures.is_empty() => &x.measures[..],
                _ => b.map(|x| &x.measures[..]).unwrap_or_default(),
            }
            .iter()
            .map(|m| self.fill_measure(m))
            .collect(),
        }
    }

    /// Texts for sub-indicator `code`.
    pub fn subindicator(&self, code: &str) -> SubindicatorText {
        let u = self.user.subindicators.get(code);
        let b = self.base.subindicators.get(code);
        SubindicatorText {
            name: self.pick(u, b, |x| x.name.as_ref()),
            keep: self.pick(u, b, |x| x.keep.as_ref()),
            finding: self.pick(u, b, |x| x.finding.as_ref()),
            action: self.pick(u, b, |x| x.action.as_ref()),
        }
    }

    /// Sentences for a tool ("iit", "eit", "oit").
    pub fn tool(&self, key: &str) -> ToolText {
        let u = self.user.tools.get(key);
        let b = self.base.tools.get(key);
        ToolText {
            keep: self.pick(u, b, |x| x.keep.as_ref()),
            improve: self.pick(u, b, |x| x.improve.as_ref()),
        }
    }

    /// Default guideline items, years filled.
    pub fn guidelines(&self) -> Vec<String> {
        if self.user.guidelines.is_empty() {
            self.fill_all(&self.base.guidelines)
        } else {
            self.fill_all(&self.user.guidelines)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_library_parses_and_covers_2568() {
        let lib = parse(DATA).expect("data/recommendations.yaml");
        for code in (1..=15)
            .map(|n| format!("i{n}"))
            .chain((1..=9).map(|n| format!("e{n}")))
            .chain((1..=28).map(|n| format!("o{n}")))
        {
            let q = lib.questions.get(&code).unwrap_or_else(|| panic!("{code}"));
            assert!(q.finding.is_some() && q.action.is_some(), "{code}");
        }
        for no in 1..=10u8 {
            let i = &lib.indicators[&no];
            assert!(i.keep.is_some() && i.action.is_some() && !i.measures.is_empty());
        }
    }

    #[test]
    fn builtin_json_is_the_yaml_file() {
        // build.rs converts the YAML; the library served must be what it says.
        let (set, topics) = parse_all(DATA).expect("data/recommendations.yaml");
        assert_eq!(builtin(), &set);
        assert_eq!(builtin_topics(), &topics);
        assert!(!topics.is_empty());
    }

    #[test]
    fn every_topic_of_every_year_has_advice() {
        for y in crate::ita::supported_years() {
            let rules = crate::ita::rules(y).unwrap();
            let user = RecommendationSet::default();
            let lib = Library::new(&user, rules);
            for q in &rules.questions {
                let t = lib.question(&q.code);
                if q.topic.is_some() {
                    assert!(t.text.is_some(), "{y} {}: no text", q.code);
                    assert!(
                        t.finding.is_some() && t.action.is_some(),
                        "{y} {}: no advice",
                        q.code
                    );
                    if q.tool == crate::ita::Tool::Oit {
                        assert!(
                            t.refs.contains(&q.code),
                            "{y} {}: refs {:?}",
                            q.code,
                            t.refs
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn references_are_the_years_own_codes() {
        let user = RecommendationSet::default();
        // 2568 e9 (online service) refers to o10 (E-Service); in 2564 the same
        // question is e13 and E-Service is o17; in 2566 it is o18.
        let r = crate::ita::rules(2568).unwrap();
        assert_eq!(Library::new(&user, r).question("e9").refs, vec!["o10"]);
        let r = crate::ita::rules(2564).unwrap();
        assert_eq!(Library::new(&user, r).question("e13").refs, vec!["o17"]);
        let r = crate::ita::rules(2566).unwrap();
        assert_eq!(Library::new(&user, r).question("e13").refs, vec!["o18"]);
        // 2568's bribe question refers to o18 (complaint channel), o21 (No Gift) and
        // o23 (bribery risk); 2564 has the channel as o30 and answers the others
        // with its integrity pledge o34 and risk assessment o36 (`also`).
        let r = crate::ita::rules(2564).unwrap();
        assert_eq!(
            Library::new(&user, r).question("e4").refs,
            vec!["o30", "o34", "o36"]
        );
        // A year-specific subject with its year filled in.
        let r = crate::ita::rules(2564).unwrap();
        assert_eq!(
            Library::new(&user, r).question("o20").text.as_deref(),
            Some("รายงานผลการใช้จ่ายงบประมาณประจำปี พ.ศ. 2563")
        );
    }

    #[test]
    fn user_text_wins_field_by_field() {
        let base = parse(DATA).unwrap();
        let mut user = RecommendationSet::default();
        user.questions.insert(
            "i1".into(),
            QuestionText {
                action: Some("ทำตามแผนของเราเอง".into()),
                ..Default::default()
            },
        );
        let topics = BTreeMap::new();
        let rules = crate::ita::rules(2568).unwrap();
        let lib = Library::with(&base, &topics, &user, Some(rules), 2568);
        let q = lib.question("i1");
        assert_eq!(q.action.as_deref(), Some("ทำตามแผนของเราเอง"));
        assert_eq!(q.finding, base.questions["i1"].finding);
        // The library's references belong to the library's action.
        assert!(q.refs.is_empty(), "{:?}", q.refs);
        assert_eq!(lib.question("i2").refs, base.questions["i2"].refs);
        let no_set = Library::with(&base, &topics, &user, None, 2568);
        assert!(no_set.question("i2").finding.is_none());
    }
}
