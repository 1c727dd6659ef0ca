//! The built-in data files (`data/*.yaml`) read into serde types. yaml-rust2 (the
//! parser the input loader uses too) gives a value tree; it is turned into JSON
//! values, map keys as text, which serde then reads. build.rs includes this file
//! to turn the recommendation library into JSON the same way.
//!
//! A leaf: it depends on nothing else in the crate. The files it reads are our
//! own, built in; a user's input goes through `model`, which keeps positions and
//! bounds what a file may hold.

use yaml_rust2::{Yaml, YamlLoader};

/// Parses the first document of `text` into `T`.
pub fn from_str<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_value(to_json_text(text)?).map_err(|e| e.to_string())
}

/// The first document of `text` as a JSON value.
pub fn to_json_text(text: &str) -> Result<serde_json::Value, String> {
    let docs = YamlLoader::load_from_str(text).map_err(|e| e.to_string())?;
    to_json(docs.into_iter().next().unwrap_or(Yaml::Null))
}

/// A YAML value as JSON, with every map key as text (numbers as written).
pub fn to_json(value: Yaml) -> Result<serde_json::Value, String> {
    use serde_json::Value as J;
    Ok(match value {
        Yaml::Null => J::Null,
        Yaml::Boolean(b) => J::Bool(b),
        Yaml::Integer(n) => J::from(n),
        Yaml::Real(text) => {
            let n: f64 = text
                .parse()
                .map_err(|_| format!("{text} is not a number"))?;
            serde_json::Number::from_f64(n)
                .map(J::Number)
                .ok_or_else(|| format!("{text} has no JSON form"))?
        }
        Yaml::String(s) => J::String(s),
        Yaml::Array(items) => J::Array(
            items
                .into_iter()
                .map(to_json)
                .collect::<Result<Vec<_>, _>>()?,
        ),
        Yaml::Hash(map) => {
            let mut out = serde_json::Map::new();
            for (k, v) in map {
                let key = match k {
                    Yaml::String(s) | Yaml::Real(s) => s,
                    Yaml::Integer(n) => n.to_string(),
                    Yaml::Boolean(b) => b.to_string(),
                    other => return Err(format!("unsupported map key {other:?}")),
                };
                out.insert(key, to_json(v)?);
            }
            J::Object(out)
        }
        Yaml::Alias(_) | Yaml::BadValue => return Err("an unresolved YAML value".into()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_keys_and_nesting() {
        let v = to_json_text("a: 1\n2: [x, 2.5, true, ~]\nb: {c: \"09:30\"}\n").unwrap();
        assert_eq!(
            v,
            serde_json::json!({"a": 1, "2": ["x", 2.5, true, null], "b": {"c": "09:30"}})
        );
        let m: std::collections::BTreeMap<u8, String> = from_str("4: สี่\n10: สิบ\n").unwrap();
        assert_eq!(m[&4], "สี่");
        assert!(from_str::<u8>("[1").is_err());
    }
}
