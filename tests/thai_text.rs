//! The `thai` module through its public API: numerals, scores, dates and
//! normalisation, with property tests for the round trips.

use chrono::NaiveDate;
use itadoc::thai::{
    self, be_year, ce_year, fiscal_year_of, fiscal_year_range, format_date, format_number,
    format_score, has_mixed_digits, normalise, parse_date, parse_number, to_arabic_digits,
    to_thai_digits, DateStyle, RepairKind,
};
use proptest::prelude::*;

#[test]
fn documents_read_like_the_seeds() {
    let d = NaiveDate::from_ymd_opt(2023, 8, 11).unwrap();
    // seed 000's memo date line and seed 003's announcement date line
    assert_eq!(
        format!("วันที่ {}", format_date(d, DateStyle::Full, true)),
        "วันที่ ๑๑ สิงหาคม ๒๕๖๖"
    );
    let d = NaiveDate::from_ymd_opt(2022, 8, 2).unwrap();
    assert_eq!(
        format!(
            "ประกาศ ณ วันที่ {}",
            format_date(d, DateStyle::FullWithEra, true)
        ),
        "ประกาศ ณ วันที่ ๒ สิงหาคม พ.ศ. ๒๕๖๕"
    );
    // seed 003's total score
    assert_eq!(format_score(78.29, true), "๗๘.๒๙");
    assert_eq!(parse_number("๗๘.๒๙"), Some(78.29));
    // seed 000 mixes digit sets in a question code
    assert!(has_mixed_digits("(อ้างอิงจาก ๐14)"));
}

#[test]
fn fiscal_year_boundaries() {
    for be in [2564, 2565, 2566, 2567, 2568, 2569] {
        let (first, last) = fiscal_year_range(be);
        assert_eq!(fiscal_year_of(first), be);
        assert_eq!(fiscal_year_of(last), be);
        assert_eq!(fiscal_year_of(last.succ_opt().unwrap()), be + 1);
        assert_eq!(
            (last - first).num_days() + 1,
            if be == 2567 { 366 } else { 365 }
        );
    }
}

#[test]
fn classification_helpers() {
    assert!(thai::is_combining_mark('่'));
    assert!(thai::is_combining_mark('ั'));
    assert!(!thai::is_combining_mark('า'));
    assert!(thai::is_following_vowel('า'));
    assert!(thai::is_leading_vowel('ไ'));
    assert!(thai::is_thai_digit('๙'));
    assert!(!thai::is_thai_consonant('ะ'));
}

#[test]
fn normalisation_of_pasted_text() {
    let pasted = "การประเมิน\u{200B}คุณธรรม เเละ ความโปร่งใส นํ\u{0E49}า";
    let n = normalise(pasted);
    assert_eq!(n.text, "การประเมินคุณธรรม และ ความโปร่งใส น้ำ");
    let kinds: Vec<RepairKind> = n.repairs.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        vec![
            RepairKind::ZeroWidthRemoved,
            RepairKind::DoubleSaraECombined,
            RepairKind::SaraAmComposed
        ]
    );
    // offsets are character offsets into the input
    let chars: Vec<char> = pasted.chars().collect();
    assert_eq!(chars[n.repairs[0].offset], '\u{200B}');
    assert_eq!(chars[n.repairs[1].offset], 'เ');
    assert_eq!(chars[n.repairs[2].offset], '\u{0E4D}');
}

proptest! {
    #[test]
    fn digits_round_trip(s in "[0-9a-zก-ฮ .,/-]{0,40}") {
        prop_assert_eq!(to_arabic_digits(&to_thai_digits(&s)), s.clone());
        prop_assert!(!has_mixed_digits(&to_thai_digits(&s)));
    }

    #[test]
    fn scores_round_half_away_from_zero_on_the_decimal(hundredths in 0i64..100_000, third in 0i64..10) {
        // x = hundredths/100 + third/1000, written as a decimal literal
        let text = format!("{}.{:02}{}", hundredths / 100, hundredths % 100, third);
        let x: f64 = text.parse().unwrap();
        let rounded = if third >= 5 { hundredths + 1 } else { hundredths };
        let expected = format!("{}.{:02}", rounded / 100, rounded % 100);
        prop_assert_eq!(format_score(x, false), expected.clone());
        prop_assert_eq!(format_score(-x, false), if rounded == 0 { expected.clone() } else { format!("-{expected}") });
        prop_assert_eq!(parse_number(&format_score(x, true)), Some(expected.parse::<f64>().unwrap()));
    }

    #[test]
    fn numbers_parse_back(n in -10_000_000i64..10_000_000) {
        prop_assert_eq!(parse_number(&format_number(n, true)), Some(n as f64));
        prop_assert_eq!(parse_number(&format_number(n, false)), Some(n as f64));
    }

    #[test]
    fn dates_parse_back(days in 0i64..40_000) {
        let d = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Duration::days(days);
        prop_assert_eq!(be_year(ce_year(2566)), 2566);
        for thai in [true, false] {
            prop_assert_eq!(parse_date(&format_date(d, DateStyle::Full, thai)), Ok(d));
            prop_assert_eq!(parse_date(&format_date(d, DateStyle::FullWithEra, thai)), Ok(d));
        }
        // two-digit years are read as 25xx
        if (2500..2600).contains(&be_year(d.format("%Y").to_string().parse().unwrap())) {
            prop_assert_eq!(parse_date(&format_date(d, DateStyle::Short, true)), Ok(d));
        }
    }

    #[test]
    fn normalising_twice_changes_nothing(s in "[ก-ฮะ-ฺเ-๎ \u{200B}]{0,30}") {
        let once = normalise(&s);
        let twice = normalise(&once.text);
        prop_assert_eq!(&twice.text, &once.text);
        prop_assert!(twice.repairs.is_empty(), "{:?} -> {:?}: {:?}", s, once.text, twice.repairs);
    }
}
