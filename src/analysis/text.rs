//! Filling the year placeholders of library and user texts. Every sentence the
//! documents print is written in the templates (templates/*.xml.tera) or in the
//! recommendation library (data/recommendations.yaml), so an office can change
//! its wording without compiling.

/// Fills the year placeholders of a library or user text: `{year}` (the assessed
/// fiscal year), `{prev_year}` and `{next_year}`, Buddhist era in Arabic digits (the
/// templates' `thai_digits` filter converts them with the rest of the text). Other
/// placeholders (`{keep_list}`, `{improve_list}`) are left for the templates.
pub fn fill_years(template: &str, year: u16) -> String {
    if !template.contains('{') {
        return template.to_string();
    }
    template
        .replace("{year}", &year.to_string())
        .replace("{prev_year}", &(year - 1).to_string())
        .replace("{next_year}", &(year + 1).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_filled_and_lists_left_for_the_templates() {
        assert_eq!(fill_years("ปี {next_year}", 2568), "ปี 2569");
        assert_eq!(
            fill_years("{prev_year} {year} {next_year} {keep_list}", 2568),
            "2567 2568 2569 {keep_list}"
        );
    }
}
