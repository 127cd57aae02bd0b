//! A failed build's [`BuildError`] → [`Diagnostic`]s, so that a YAML syntax
//! error, a seed the parser refuses, a template error and a broken link are
//! all reported the same way: `file:line:column`, the source line, a caret
//! and what to do. Each error type says its own wording and help beside its
//! definition; this only dispatches. Gives always at least one diagnostic.

use super::Diagnostic;
use crate::publish::PublishError;
use crate::BuildError;
use std::path::Path;

/// Every problem a failed build reports.
pub fn from_build_error(e: &BuildError, root: &Path) -> Vec<Diagnostic> {
    match e {
        BuildError::Seeds(e) => e.diagnostics(),
        BuildError::Source(e) => vec![Diagnostic::from(e)],
        BuildError::Parse(e) => vec![Diagnostic::from(e)],
        BuildError::Content(e) => e.diagnostics(),
        BuildError::Render(e) | BuildError::Publish(PublishError::Render(e)) => e.diagnostics(),
        BuildError::Write(e) => vec![Diagnostic::from(e)],
        BuildError::Diagnostics(d) => d.clone(),
        BuildError::Publish(e) => e.diagnostics(root),
        BuildError::BrokenLinks(links) => links.iter().map(Diagnostic::from).collect(),
    }
}
