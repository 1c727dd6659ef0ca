//! The recommendation library (`data/recommendations.yaml`, built in) merged
//! with the user's `recommendations:` overrides, and text selection from it.
//!
//! Every text it hands out has its year placeholders (`{year}`, `{prev_year}`,
//! `{next_year}`) filled for the year analysed, whether it comes from the
//! library or from the user; only a tool's `{keep_list}` / `{improve_list}` are
//! left for the analysis to fill.

use super::text::fill_years;
use crate::model::{
    DefaultMeasure, IndicatorText, QuestionText, RecommendationSet, SubindicatorText, ToolText,
};
use std::sync::OnceLock;

#[cfg(test)]
const DATA: &str = include_str!("../../data/recommendations.yaml");

/// The built-in library as JSON, converted from data/recommendations.yaml by
/// build.rs (serde_json reads it about ten times faster than YAML).
const DATA_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/recommendations.json"));

/// The built-in library; an empty set if the file were malformed (a test guards it).
pub fn builtin() -> &'static RecommendationSet {
    static LIB: OnceLock<RecommendationSet> = OnceLock::new();
    LIB.get_or_init(|| serde_json::from_str(DATA_JSON).unwrap_or_default())
}

/// Parses a library file.
pub fn parse(text: &str) -> Result<RecommendationSet, String> {
    serde_yaml::from_str(text).map_err(|e| e.to_string())
}

/// The library with the user's texts laid over it, field by field.
#[derive(Debug, Clone)]
pub struct Library<'a> {
    base: &'a RecommendationSet,
    user: &'a RecommendationSet,
    /// True when question texts of the base library apply to the year analysed.
    pub questions_apply: bool,
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
    /// Lays `user` over `base` for fiscal year `year`; `questions_apply` says
    /// whether the base's question texts belong to the year's question set.
    pub fn new(
        base: &'a RecommendationSet,
        user: &'a RecommendationSet,
        questions_apply: bool,
        year: u16,
    ) -> Self {
        Library {
            base,
            user,
            questions_apply,
            year,
        }
    }

    /// Texts for question `code`.
    pub fn question(&self, code: &str) -> QuestionText {
        let u = self.user.questions.get(code);
        let b = if self.questions_apply {
            self.base.questions.get(code)
        } else {
            None
        };
        QuestionText {
            text: self.pick(u, b, |x| x.text.as_ref()),
            finding: self.pick(u, b, |x| x.finding.as_ref()),
            action: self.pick(u, b, |x| x.action.as_ref()),
            refs: match u {
                Some(x) if !x.refs.is_empty() => x.refs.clone(),
                _ => b.map(|x| x.refs.clone()).unwrap_or_default(),
            },
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
        assert_eq!(builtin(), &parse(DATA).expect("data/recommendations.yaml"));
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
        let lib = Library::new(&base, &user, true, 2568);
        let q = lib.question("i1");
        assert_eq!(q.action.as_deref(), Some("ทำตามแผนของเราเอง"));
        assert_eq!(q.finding, base.questions["i1"].finding);
        let other_year = Library::new(&base, &user, false, 2568);
        assert!(other_year.question("i2").finding.is_none());
    }
}
