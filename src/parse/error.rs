//! Why a file could not be parsed. Every error names the file and the line
//! (or, for undecodable bytes, the byte offset) and says what was expected
//! and what was found, so the user can fix the input; its diagnostic says
//! what to do.

use crate::diag::Diagnostic;

/// A fatal parse error; consistency problems are warnings instead
/// ([`crate::model::ParseWarning`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("{file}: {}", self.message())]
    Decode {
        file: String,
        #[source]
        source: crate::text::DecodeError,
    },
    #[error("{file}: {}", self.message())]
    NotAPlan {
        file: String,
        expected: String,
        found: String,
    },
    #[error("{file}:{line}: {}", self.message())]
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

impl ParseError {
    /// What is wrong, without the file and line.
    pub fn message(&self) -> String {
        match self {
            ParseError::Decode { source, .. } => source.to_string(),
            ParseError::NotAPlan {
                expected, found, ..
            } => format!(
                "not a policy document of the notice + plan genre: expected {expected}, found {found}"
            ),
            ParseError::Structure { message, .. } => message.clone(),
        }
    }
}

impl From<&ParseError> for Diagnostic {
    fn from(e: &ParseError) -> Self {
        let (code, file, help) = match e {
            ParseError::Decode { file, .. } => ("encoding", file, crate::text::DECODE_HELP),
            ParseError::NotAPlan { file, .. } => (
                "not-a-plan",
                file,
                "check that this is the full text of the plan, with its chapter headings `一、…`, `二、…`",
            ),
            ParseError::Structure { file, .. } => (
                "structure",
                file,
                "fix the document's numbering or layout at that line",
            ),
        };
        Diagnostic::error(code, file, e.line().unwrap_or(0))
            .message(e.message())
            .help(help)
    }
}
