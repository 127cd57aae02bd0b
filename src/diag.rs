//! Diagnostics: problems found in seeds, content or output, collected rather
//! than stopping at the first, each with `file:line:column`, what is wrong
//! and what to do. [`snippet`] renders them with the source line and a
//! caret. Each error type turns itself into diagnostics beside its own
//! definition (`From<&E> for Diagnostic`, or `E::diagnostics` where one
//! error holds several problems); [`convert`] dispatches a failed build's
//! [`BuildError`](crate::BuildError) to them.

pub mod convert;
pub mod snippet;

use serde::Serialize;
use std::fmt;

/// What to do about a file that exists in name but cannot be read.
pub const CANNOT_READ_HELP: &str = "check that the file exists and is readable";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A short stable code (`unknown-department`, `stale-translation` …).
    pub code: &'static str,
    pub file: String,
    /// 1-based; 0 when the problem is about the whole file.
    pub line: usize,
    /// 1-based, in characters (not bytes); 0 when only the line is known.
    pub column: usize,
    pub message: String,
    /// A few words shown at the caret (`expected a value`); the message's
    /// first line when empty and short enough.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// What the user should do about it.
    pub help: String,
}

impl Diagnostic {
    pub fn warning(code: &'static str, file: impl Into<String>, line: usize) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            code,
            file: file.into(),
            line,
            column: 0,
            message: String::new(),
            label: String::new(),
            help: String::new(),
        }
    }

    pub fn error(code: &'static str, file: impl Into<String>, line: usize) -> Self {
        Diagnostic {
            severity: Severity::Error,
            ..Self::warning(code, file, line)
        }
    }

    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// Sets the words shown at the caret.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Sets the 1-based character column.
    pub fn column(mut self, column: usize) -> Self {
        self.column = column;
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{level}[{}]: {}:", self.code, self.file)?;
        if self.line > 0 {
            write!(f, "{}:", self.line)?;
            if self.column > 0 {
                write!(f, "{}:", self.column)?;
            }
        }
        write!(f, " {}", self.message)?;
        if !self.help.is_empty() {
            write!(f, "\n  help: {}", self.help)?;
        }
        Ok(())
    }
}
