//! Where a line may break inside a stretch of text: the one place the typesetter asks
//! the Thai segmenter. Until `typeset::segment::Segmenter` lands, a minimal stand-in
//! breaks only after spaces (Thai without spaces then falls back to emergency breaks
//! between grapheme clusters, reported as overfull).

/// How good a break opportunity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakKind {
    /// Between words without a space (Thai).
    Allowed,
    /// After a space.
    Space,
    /// A hard line break in the text.
    Mandatory,
}

/// Finds break opportunities in text, knowing the document's proper nouns.
pub struct Breaker {
    words: Vec<String>,
}

impl Breaker {
    /// A breaker that never splits any of `words`.
    pub fn new(words: &[String]) -> Breaker {
        Breaker {
            words: words.to_vec(),
        }
    }

    /// Byte offsets (in `text`) where a line may start, with their kind; offsets are
    /// strictly inside the text (never 0), in increasing order.
    pub fn breaks(&self, text: &str) -> Vec<(usize, BreakKind)> {
        let protected = self.protected_ranges(text);
        let mut out = Vec::new();
        let mut prev_space = false;
        for (i, c) in text.char_indices() {
            if prev_space && !c.is_whitespace() && !protected.iter().any(|r| r.0 < i && i < r.1) {
                out.push((i, BreakKind::Space));
            }
            prev_space = c.is_whitespace();
        }
        out
    }

    /// Byte ranges of `text` covered by dictionary words (names with spaces).
    fn protected_ranges(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for w in &self.words {
            if !w.contains(' ') {
                continue;
            }
            let mut from = 0;
            while let Some(p) = text[from..].find(w.as_str()) {
                out.push((from + p, from + p + w.len()));
                from += p + w.len();
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_after_spaces_but_not_inside_names() {
        let b = Breaker::new(&["นายโกสินทร์ วิชาธรรม".to_string()]);
        let text = "ลงชื่อ นายโกสินทร์ วิชาธรรม ตำแหน่ง";
        let offs: Vec<usize> = b.breaks(text).iter().map(|b| b.0).collect();
        assert_eq!(offs.len(), 2);
        assert_eq!(&text[offs[0]..offs[0] + 3], "น");
        assert!(text[offs[1]..].starts_with("ตำแหน่ง"));
    }
}
