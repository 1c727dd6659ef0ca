//! Thai provinces and districts, built in: provinces from PyThaiNLP's
//! `thailand_provinces_th.csv` (CC0), districts from `data/places/districts.csv`
//! (reduced from thai-address-database, ISC).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

const PROVINCES: &str = include_str!("../../data/pythainlp/thailand_provinces_th.csv");
const DISTRICTS: &str = include_str!("../../data/places/districts.csv");

struct Places {
    provinces: BTreeSet<String>,
    districts: BTreeMap<String, BTreeSet<String>>,
}

fn places() -> &'static Places {
    static P: OnceLock<Places> = OnceLock::new();
    P.get_or_init(|| {
        let provinces = PROVINCES
            .lines()
            .filter_map(|l| l.split(',').next())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        let mut districts: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for line in DISTRICTS.lines() {
            if let Some((p, d)) = line.split_once(',') {
                districts
                    .entry(p.trim().to_string())
                    .or_default()
                    .insert(d.trim().to_string());
            }
        }
        Places {
            provinces,
            districts,
        }
    })
}

/// True when `name` is a province (without the word จังหวัด).
pub fn is_province(name: &str) -> bool {
    places().provinces.contains(name.trim())
}

/// True when `district` is a district of `province`. Bangkok's เขต count, and
/// "เมือง" alone matches the province's capital district (อำเภอเมือง<province>).
pub fn is_district_of(district: &str, province: &str) -> bool {
    let d = district.trim();
    match places().districts.get(province.trim()) {
        Some(set) => set.contains(d) || (d == "เมือง" && set.contains(&format!("เมือง{province}"))),
        None => false,
    }
}

/// The provinces that have a district named `district`.
pub fn provinces_with_district(district: &str) -> Vec<String> {
    places()
        .districts
        .iter()
        .filter(|(_, set)| set.contains(district.trim()))
        .map(|(p, _)| p.clone())
        .collect()
}

/// Every province name.
pub fn provinces() -> impl Iterator<Item = &'static str> {
    places().provinces.iter().map(String::as_str)
}

/// The districts of `province`.
pub fn districts_of(province: &str) -> Vec<&'static str> {
    places()
        .districts
        .get(province.trim())
        .map(|s| s.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_places() {
        assert!(is_province("ขอนแก่น") && is_province("บึงกาฬ"));
        assert!(!is_province("ขอนแกน"));
        assert!(is_district_of("ชุมแพ", "ขอนแก่น"));
        assert!(is_district_of("โนนสูง", "นครราชสีมา"));
        assert!(is_district_of("พรเจริญ", "บึงกาฬ"));
        assert!(is_district_of("ฆ้องชัย", "กาฬสินธุ์"));
        assert!(!is_district_of("เมืองชัย", "กาฬสินธุ์"));
        assert_eq!(places().provinces.len(), 77);
        assert!(districts_of("ขอนแก่น").len() > 20);
    }
}
