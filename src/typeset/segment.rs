//! TODO: segmenter (owned by the line-breaking engineer)
