//! Why a YAML file could not be read as the type asked for, at its file,
//! line and column, with the YAML crate's typed error as the source. The
//! problem's code, wording and help are each said here once; a
//! [`ContentError`](crate::content::ContentError) carries the error as is.

use crate::content::{slug, suggest};
use serde_saphyr::{DefaultMessageFormatter, MessageFormatter};
use std::path::{Path, PathBuf};

/// A YAML file that is not of the type asked for: a syntax error, a
/// repeated key, an unknown key, a value of the wrong type or one
/// gazette's own deserializers refuse (an unsafe slug).
#[derive(Debug, thiserror::Error)]
#[error("{}:{line}:{column}: {}", file.display(), self.message())]
pub struct YamlError {
    pub file: PathBuf,
    /// 1-based; 1 when the parser gives no place.
    pub line: usize,
    /// 1-based, in characters; 1 when the parser gives no place.
    pub column: usize,
    #[source]
    pub problem: YamlProblem,
}

/// What is wrong at that place.
#[derive(Debug, thiserror::Error)]
pub enum YamlProblem {
    /// What the YAML crate refused, in its own typed error.
    #[error(transparent)]
    Read(Box<serde_saphyr::Error>),
    /// A key given twice in one mapping: the YAML crate would stop at the
    /// first, and a map type would silently keep the last.
    #[error("duplicate key `{key}`: this mapping already has it (first at line {first_line})")]
    RepeatedKey { key: String, first_line: usize },
}

/// The YAML crate's name of the node it expected, in the words of a
/// `content/` file's author.
fn node_words(expected: &str) -> &str {
    match expected {
        "sequence start" => "a list (`- item` lines, or `[a, b]`)",
        "mapping start" => "a mapping (`key: value` lines)",
        "string scalar" | "scalar" | "value" => {
            "a single value (text or a number), not a list or mapping"
        }
        other => other,
    }
}

/// The help shown with YAML syntax errors.
const YAML_HELP: &str = "fix the YAML at that place (indentation, a missing `:`, or quotes around text that holds `:` or `#`) and run the command again";

impl YamlError {
    /// The YAML crate's error at its own place in `file`.
    pub(super) fn new(file: &Path, source: serde_saphyr::Error) -> Self {
        let (line, column) = source
            .location()
            .map(|l| super::place(&l))
            .filter(|&(line, _)| line > 0)
            .map_or((1, 1), |(line, column)| (line, column.max(1)));
        YamlError {
            file: file.to_owned(),
            line,
            column,
            problem: YamlProblem::Read(Box::new(source)),
        }
    }

    /// The crate's error, without the source snippet it may carry.
    fn read(&self) -> Option<&serde_saphyr::Error> {
        match &self.problem {
            YamlProblem::Read(e) => Some(e.without_snippet()),
            YamlProblem::RepeatedKey { .. } => None,
        }
    }

    /// The diagnostic code: `yaml` for syntax and types, else
    /// `duplicate-key`, `unknown-field` or `invalid-slug`.
    pub fn code(&self) -> &'static str {
        match self.read() {
            None => "duplicate-key",
            Some(serde_saphyr::Error::SerdeUnknownField { .. }) => "unknown-field",
            Some(serde_saphyr::Error::DuplicateMappingKey { .. }) => "duplicate-key",
            Some(serde_saphyr::Error::Message { msg, .. }) if msg.starts_with(slug::INVALID) => {
                "invalid-slug"
            }
            Some(_) => "yaml",
        }
    }

    /// What is wrong, without the place, which the error carries apart.
    pub fn message(&self) -> String {
        match self.read() {
            None => self.problem.to_string(),
            Some(serde_saphyr::Error::SerdeUnknownField { field, .. }) => {
                format!("unknown key `{field}`")
            }
            Some(serde_saphyr::Error::Unexpected { expected, .. }) => {
                format!("this place takes {}", node_words(expected))
            }
            Some(e) => DefaultMessageFormatter.format_message(e).into_owned(),
        }
    }

    /// What to do about it.
    pub fn help(&self) -> String {
        match self.read() {
            None | Some(serde_saphyr::Error::DuplicateMappingKey { .. }) => {
                "a key may appear once in each mapping, else the last one silently wins; merge the two or remove one".to_owned()
            }
            Some(serde_saphyr::Error::SerdeUnknownField {
                field, expected, ..
            }) if expected.is_empty() => format!("`{field}` is not taken here; remove it"),
            Some(serde_saphyr::Error::SerdeUnknownField {
                field, expected, ..
            }) => suggest::help(field, expected),
            Some(_) if self.code() == "invalid-slug" => slug::HELP.to_owned(),
            Some(_) => YAML_HELP.to_owned(),
        }
    }

    /// Where an unsafe slug is, if this is one.
    pub(super) fn slug_place(&self) -> Option<(usize, usize)> {
        (self.code() == "invalid-slug").then_some((self.line, self.column))
    }
}

impl From<&YamlError> for crate::diag::Diagnostic {
    fn from(e: &YamlError) -> Self {
        crate::diag::Diagnostic::error(e.code(), e.file.display().to_string(), e.line)
            .column(e.column)
            .message(e.message())
            .help(e.help())
    }
}
