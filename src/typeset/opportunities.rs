//! Where a line may break inside a stretch of text: the one place the typesetter asks
//! the Thai segmenter ([`crate::typeset::segment::Segmenter`]), which knows the
//! document's proper nouns.

pub use super::segment::BreakKind;
use super::segment::Segmenter;

/// Finds break opportunities in text, knowing the document's proper nouns.
pub struct Breaker {
    segmenter: Segmenter,
}

impl Breaker {
    /// A breaker that never splits any of `words`.
    pub fn new(words: &[String]) -> Breaker {
        Breaker {
            segmenter: Segmenter::with_words(words),
        }
    }

    /// Byte offsets (in `text`) where a line may start, with their kind; offsets are
    /// strictly inside the text (never 0), in increasing order.
    pub fn breaks(&self, text: &str) -> Vec<(usize, BreakKind)> {
        self.segmenter
            .breaks(text)
            .into_iter()
            .map(|b| (b.offset, b.kind))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_the_dictionary_are_never_split() {
        let b = Breaker::new(&["นายโกสินทร์ วิชาธรรม".to_string()]);
        let text = "ลงชื่อ นายโกสินทร์ วิชาธรรม ตำแหน่ง";
        let name = text.find("นาย").unwrap();
        let end = name + "นายโกสินทร์ วิชาธรรม".len();
        let breaks = b.breaks(text);
        assert!(breaks.iter().any(|&(o, _)| o == name));
        assert!(
            breaks.iter().all(|&(o, _)| o <= name || o >= end),
            "{breaks:?}"
        );
    }
}
