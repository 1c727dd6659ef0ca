//! The language of messages (the documents themselves are always Thai): one enum
//! from the `--lang` flag to every message. A leaf.

use serde::Serialize;

/// Language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Lang {
    /// Thai (the default).
    #[default]
    Th,
    /// English (`--lang en`).
    En,
}
