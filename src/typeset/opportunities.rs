//! Where a line may break inside a stretch of text: the one place the typesetter asks
//! the Thai segmenter ([`crate::typeset::segment::Segmenter`]), which knows the
//! document's proper nouns.

use std::cell::RefCell;
use std::collections::HashMap;

pub use super::segment::BreakKind;
use super::segment::Segmenter;

/// Finds break opportunities in text, knowing the document's proper nouns.
///
/// The answers are kept for the life of the breaker (one `typeset` call): a table
/// lays its cells out several times while it fits its columns (content widths,
/// line counts at each width tried, then the rows themselves), and the plan's 458
/// requests hold only 106 different texts.
pub struct Breaker {
    segmenter: Segmenter,
    cache: RefCell<HashMap<String, Vec<(usize, BreakKind)>>>,
}

impl Breaker {
    /// A breaker that never splits any of `words`.
    pub fn new(words: &[String]) -> Breaker {
        Breaker {
            segmenter: Segmenter::with_words(words),
            cache: RefCell::default(),
        }
    }

    /// Byte offsets (in `text`) where a line may start, with their kind; offsets are
    /// strictly inside the text (never 0), in increasing order.
    pub fn breaks(&self, text: &str) -> Vec<(usize, BreakKind)> {
        if let Some(found) = self.cache.borrow().get(text) {
            return found.clone();
        }
        let breaks: Vec<(usize, BreakKind)> = self
            .segmenter
            .breaks(text)
            .into_iter()
            .map(|b| (b.offset, b.kind))
            .collect();
        self.cache
            .borrow_mut()
            .insert(text.to_string(), breaks.clone());
        breaks
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

    #[test]
    fn a_text_asked_again_gets_the_same_breaks() {
        let b = Breaker::new(&["นายโกสินทร์ วิชาธรรม".to_string()]);
        let plain = Segmenter::with_words(["นายโกสินทร์ วิชาธรรม"]);
        for text in ["ลงชื่อ นายโกสินทร์ วิชาธรรม ตำแหน่ง", "ผลการประเมินคุณธรรม", ""]
        {
            let fresh: Vec<(usize, BreakKind)> = plain
                .breaks(text)
                .into_iter()
                .map(|x| (x.offset, x.kind))
                .collect();
            assert_eq!(b.breaks(text), fresh, "{text}");
            assert_eq!(b.breaks(text), fresh, "{text} (cached)");
        }
        assert_eq!(b.cache.borrow().len(), 3);
    }
}
