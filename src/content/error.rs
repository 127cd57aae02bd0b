//! Errors reading `content/`: each names the file and, where one place is
//! to blame, the line and column. [`ContentError::Many`] carries every
//! problem found, so `check` reports them together.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is not YAML of the expected shape: a syntax error, a
    /// duplicate key, a key the file does not take, a value of the wrong type.
    #[error("{path}:{line}:{column}: {message}\n  help: {help}")]
    Yaml {
        /// `yaml` for syntax, else `duplicate-key`, `unknown-field`, `invalid-slug`.
        code: &'static str,
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
        help: String,
    },
    /// Well-formed but not acceptable: an unsafe slug, a term listed twice,
    /// an implausible year. `line` is 0 when the whole file is meant.
    #[error("{}: {message}{}", place(path, *line), help_suffix(help))]
    Invalid {
        /// `invalid-content` unless [`ContentError::code`] says better.
        code: &'static str,
        path: PathBuf,
        line: usize,
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
