//! Diagnostics → text a person reads: the `file:line:column` header, the
//! source line with a caret under the column, and the help, rendered by
//! `codespan-reporting`. Takes diagnostics and the portal root (to find the
//! files they name); gives a string. Invariant: rendering never fails: a
//! file that can't be read, or a line past its end, degrades to the plain
//! one-line form.

use super::{Diagnostic, Severity};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor, Config, Styles, StylesWriter};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Renders diagnostics with source snippets. Files are read once each,
/// relative to `root` unless their path is absolute; seeds in GBK are
/// decoded like the parser decodes them, so lines and columns agree.
pub struct SnippetRenderer {
    root: PathBuf,
    color: bool,
    files: SimpleFiles<String, String>,
    ids: HashMap<String, Option<usize>>,
}

impl SnippetRenderer {
    pub fn new(root: &Path, color: bool) -> Self {
        SnippetRenderer {
            root: root.to_owned(),
            color,
            files: SimpleFiles::new(),
            ids: HashMap::new(),
        }
    }

    /// One diagnostic, ending in a newline.
    pub fn render(&mut self, d: &Diagnostic) -> String {
        let name = display_path(&self.root, &d.file);
        let mut cs = CsDiagnostic::new(match d.severity {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
        })
        .with_code(d.code);
        let span = if d.line > 0 { self.span(d) } else { None };
        match span {
            Some((id, range)) => {
                cs = cs
                    .with_message(&d.message)
                    .with_label(Label::primary(id, range).with_message(label(d)));
            }
            None => {
                let place = match (d.line, d.column) {
                    (0, _) => name.clone(),
                    (l, 0) => format!("{name}:{l}"),
                    (l, c) => format!("{name}:{l}:{c}"),
                };
                cs = cs.with_message(format!("{place}: {}", d.message));
            }
        }
        if !d.help.is_empty() {
            cs = cs.with_note(format!("help: {}", d.help));
        }
        let config = Config::default();
        let rendered = if self.color {
            let styles = Styles::default();
            let mut buffer = termcolor::Buffer::ansi();
            let mut writer = StylesWriter::new(&mut buffer, &styles);
            term::emit_to_write_style(&mut writer, &config, &self.files, &cs)
                .ok()
                .and_then(|()| String::from_utf8(buffer.into_inner()).ok())
        } else {
            term::emit_into_string(&config, &self.files, &cs).ok()
        };
        rendered.unwrap_or_else(|| format!("{d}\n"))
    }

    /// Every diagnostic, separated by blank lines as codespan does.
    pub fn render_all(&mut self, diags: &[Diagnostic]) -> String {
        diags.iter().map(|d| self.render(d)).collect()
    }

    /// The file id and byte range the diagnostic points at: the character
    /// at its column, or the line's text when there is no column.
    fn span(&mut self, d: &Diagnostic) -> Option<(usize, std::ops::Range<usize>)> {
        let id = self.file_id(&d.file)?;
        let source = self.files.get(id).ok()?.source();
        let start = line_start(source, d.line)?;
        let line = source[start..].split('\n').next().unwrap_or("");
        let range = if d.column > 0 {
            let (offset, ch) = line
                .char_indices()
                .nth(d.column - 1)
                .map_or((line.len(), None), |(i, c)| (i, Some(c)));
            let width = ch.map_or(0, char::len_utf8);
            start + offset..start + offset + width
        } else if let Some((offset, len)) = quoted_in(&d.message, line) {
            start + offset..start + offset + len
        } else {
            let trimmed = line.trim_start();
            let lead = line.len() - trimmed.len();
            start + lead..start + lead + trimmed.trim_end().len()
        };
        Some((id, range))
    }

    fn file_id(&mut self, file: &str) -> Option<usize> {
        if let Some(id) = self.ids.get(file) {
            return *id;
        }
        // Content errors carry the path as opened (`ROOT/content/x.yaml`),
        // parse and link diagnostics one relative to the root (`seeds/x.txt`).
        let given = Path::new(file);
        let path = if given.is_absolute() || given.starts_with(&self.root) {
            PathBuf::from(file)
        } else {
            self.root.join(file)
        };
        let id = std::fs::read(&path)
            .ok()
            .and_then(|bytes| crate::text::read_text(&bytes).ok())
            .map(|text| {
                self.files
                    .add(display_path(&self.root, file), text.replace('\r', ""))
            });
        self.ids.insert(file.to_owned(), id);
        id
    }
}

/// Renders with colour only when `stream_is_terminal`.
pub fn render_all(diags: &[Diagnostic], root: &Path, color: bool) -> String {
    SnippetRenderer::new(root, color).render_all(diags)
}

/// `file` relative to `root` when it lies under it, without a leading `./`.
pub fn display_path(root: &Path, file: &str) -> String {
    let path = Path::new(file);
    let rel = path
        .strip_prefix(root)
        .ok()
        .filter(|r| !r.as_os_str().is_empty())
        .unwrap_or(path);
    let s = rel.display().to_string();
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
}

/// Byte offset where 1-based `line` starts.
fn line_start(source: &str, line: usize) -> Option<usize> {
    if line == 1 {
        return Some(0);
    }
    source
        .match_indices('\n')
        .nth(line - 2)
        .map(|(i, _)| i + 1)
        .filter(|&i| i <= source.len())
}

/// The words at the caret: the label, else a short message.
fn label(d: &Diagnostic) -> String {
    if !d.label.is_empty() {
        return d.label.clone();
    }
    let first = d.message.lines().next().unwrap_or("");
    if first.chars().count() <= 60 {
        first.to_owned()
    } else {
        String::new()
    }
}

/// Byte offset and length in `line` of the first `backticked` name of the
/// message that the line contains, so the caret underlines the name.
fn quoted_in(message: &str, line: &str) -> Option<(usize, usize)> {
    message
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|q| !q.is_empty())
        .find_map(|q| line.find(q).map(|i| (i, q.len())))
}
