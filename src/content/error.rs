//! Errors reading `content/`: each names the file and, for YAML, the line.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path}:{line}:{column}: {message}\n  fix the YAML syntax at that place and build again"
    )]
    Yaml {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

impl ContentError {
    pub fn yaml(path: &std::path::Path, err: &serde_yaml::Error) -> Self {
        let (line, column) = err.location().map_or((1, 1), |l| (l.line(), l.column()));
        ContentError::Yaml {
            path: path.to_owned(),
            line,
            column,
            message: err.to_string(),
        }
    }
}
