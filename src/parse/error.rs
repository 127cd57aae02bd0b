//! Why a file could not be parsed. Every error names the file and the line
//! (or, for undecodable bytes, the byte offset) and says what was expected
//! and what was found, so the user can fix the input.

/// A fatal parse error; consistency problems are warnings instead
/// ([`crate::model::ParseWarning`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("{file}: {source}")]
    Decode {
        file: String,
        #[source]
        source: crate::text::DecodeError,
    },
    #[error("{file}: not a policy document of the notice + plan genre: expected {expected}, found {found}")]
    NotAPlan {
        file: String,
        expected: String,
        found: String,
    },
    #[error("{file}:{line}: {message}")]
    Structure {
        file: String,
        line: usize,
        message: String,
    },
}

impl ParseError {
    /// The 1-based line the error points at, when it has one.
    pub fn line(&self) -> Option<usize> {
        match self {
            ParseError::Structure { line, .. } => Some(*line),
            _ => None,
        }
    }
}
