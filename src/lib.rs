//! itadoc: turns one YAML file of a Thai agency's ITA results into the official
//! documents the agency must produce every year, as print-ready PDF.
//!
//! Data flows one way through the stages, each a module with one entry function:
//!
//! ```text
//! YAML → model::load → analysis::analyse → documents::render_markup
//!      → markup::parse → typeset::typeset → pdf::write
//! ```
//!
//! `thai` (numerals, dates, text normalisation) and `ita` (the rules of each
//! fiscal year) are leaves that the stages use; they depend on nothing else here.

pub mod analysis;
pub mod documents;
pub mod ita;
pub mod markup;
pub mod model;
pub mod pdf;
pub mod thai;
pub mod typeset;
