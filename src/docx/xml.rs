//! XML text helpers for the parts the writer builds as strings.

use std::borrow::Cow;

/// Escapes text for an XML attribute value or element content, and drops the
/// characters XML 1.0 cannot hold (control characters other than tab and newline).
pub fn esc(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| matches!(c, '&' | '<' | '>' | '"' | '\'') || (c < ' ' && c != '\t' && c != '\n'))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c < ' ' && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Points to twentieths of a point (twips), Word's unit for lengths in text.
pub fn tw(pt: f32) -> i64 {
    (pt * 20.0).round() as i64
}

/// Points to English Metric Units (12,700 per point), DrawingML's unit.
pub fn emu(pt: f32) -> i64 {
    (pt * 12700.0).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_characters_and_drops_controls() {
        assert_eq!(
            esc("ผล & <ดี> \"x\" 'y'"),
            "ผล &amp; &lt;ดี&gt; &quot;x&quot; &apos;y&apos;"
        );
        assert_eq!(esc("a\u{1}b"), "ab");
        assert!(matches!(esc("ธรรมดา"), Cow::Borrowed(_)));
        assert_eq!(tw(16.0), 320);
        assert_eq!(emu(1.0), 12700);
    }
}
