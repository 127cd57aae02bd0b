//! The parser measured on the hand-labelled corpus (`tests/corpus/`): a
//! dev-only crate of the workspace, as `crates/synth` is, shared by
//! `tests/suite/corpus.rs` (held to `tests/corpus/baseline.tsv`) and
//! `examples/corpus-report.rs` (the printed table). [`measure`] compares
//! what the parser finds with the labels; [`report`] reads and writes the
//! baseline and renders the table.

pub mod measure;
pub mod report;
