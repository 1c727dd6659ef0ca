//! Typesetting: fonts, shaping (rustybuzz), Thai line breaking, justification, tables
//! and pagination. Turns a `markup::Document` into a [`Layout`].

pub mod fonts;
pub mod layout;
pub mod segment;

pub use layout::Layout;
