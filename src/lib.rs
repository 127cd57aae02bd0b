//! gazette turns policy documents of the notice + action plan + breakdown
//! table genre into a cross-linked bilingual static site.
//!
//! The pipeline, one module a stage:
//! `seeds/` → [`parse`] → [`content`] → [`link`] → [`render`] → [`write`].

pub mod content;
pub mod diag;
pub mod inspect;
pub mod link;
pub mod model;
pub mod parse;
pub mod render;
pub mod text;
