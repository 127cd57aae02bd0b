//! Errors reading `content/`: each names the file and, where one place is
//! to blame, the line and column. [`ContentError::Many`] carries every
//! problem found, so `check` reports them together. [`ContentError::diagnostics`]
//! gives one diagnostic per problem.

use super::yaml::YamlError;
use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is not YAML of the expected shape: a syntax error, a
    /// duplicate key, a key the file does not take, a value of the wrong type.
    #[error(transparent)]
    Yaml(Box<YamlError>),
    /// Well-formed but not acceptable: an unsafe slug, a term listed twice,
    /// an implausible year. `line` is 0 when the whole file is meant.
    #[error("{}: {message}{}", place(path, *line), help_suffix(help))]
    Invalid {
        /// `invalid-content` unless [`ContentError::code`] says better.
        code: &'static str,
        path: PathBuf,
        line: usize,
        /// 1-based, in characters; 0 when only the line is known.
        column: usize,
        message: String,
        help: String,
    },
    #[error("{}", list(.0))]
    Many(Vec<ContentError>),
}

impl ContentError {
    /// A problem at `line` of `path` (0: the whole file).
    pub fn invalid(
        path: &Path,
        line: usize,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        ContentError::Invalid {
            code: "invalid-content",
            path: path.to_owned(),
            line,
            column: 0,
            message: message.into(),
            help: help.into(),
        }
    }

    /// The same problem under a more telling code (`duplicate-slug`).
    pub fn code(mut self, new: &'static str) -> Self {
        if let ContentError::Invalid { code, .. } = &mut self {
            *code = new;
        }
        self
    }

    /// The same problem at a column of its line, as the parser gave it.
    pub fn column(mut self, at: usize) -> Self {
        if let ContentError::Invalid { column, .. } = &mut self {
            *column = at;
        }
        self
    }

    /// One error for all of `errors`, or `Ok` when there are none.
    pub fn collect(mut errors: Vec<ContentError>) -> Result<(), ContentError> {
        match errors.len() {
            0 => Ok(()),
            1 => Err(errors.remove(0)),
            _ => Err(ContentError::Many(errors)),
        }
    }

    /// Every single problem, `Many` flattened.
    pub fn each(&self) -> Vec<&ContentError> {
        match self {
            ContentError::Many(all) => all.iter().flat_map(ContentError::each).collect(),
            one => vec![one],
        }
    }
}

impl From<YamlError> for ContentError {
    fn from(e: YamlError) -> Self {
        ContentError::Yaml(Box::new(e))
    }
}

impl ContentError {
    /// One diagnostic per problem.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.each()
            .into_iter()
            .filter_map(|e| match e {
                ContentError::Io { path, source } => Some(
                    Diagnostic::error("io", path.display().to_string(), 0)
                        .message(format!("cannot read: {source}"))
                        .help(crate::diag::CANNOT_READ_HELP),
                ),
                ContentError::Yaml(e) => Some(Diagnostic::from(e.as_ref())),
                ContentError::Invalid {
                    code,
                    path,
                    line,
                    column,
                    message,
                    help,
                } => Some(
                    Diagnostic::error(code, path.display().to_string(), *line)
                        .column(*column)
                        .message(message.clone())
                        .help(help.clone()),
                ),
                ContentError::Many(_) => None,
            })
            .collect()
    }
}

fn place(path: &Path, line: usize) -> String {
    if line == 0 {
        path.display().to_string()
    } else {
        format!("{}:{line}", path.display())
    }
}

fn help_suffix(help: &str) -> String {
    if help.is_empty() {
        String::new()
    } else {
        format!("\n  help: {help}")
    }
}

fn list(errors: &[ContentError]) -> String {
    errors
        .iter()
        .map(ContentError::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
