//! `content/` → curated data merged onto the parsed policies: site settings,
//! the department registry, target slugs, translations, glossary and
//! Markdown pages. Loading only; no rendering.

mod departments;
mod error;

pub use departments::{Department, DepartmentRegistry};
pub use error::ContentError;
