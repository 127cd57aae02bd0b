//! Seed file bytes + its format → the text the parser reads.
//!
//! A seed may be plain text (`.txt`, `.md`), a Word document (`.docx`,
//! [`docx`]) or a saved web page (`.html`/`.htm`, [`html`]); a policy's
//! task table may also come on its own as a spreadsheet or CSV
//! ([`sheet`]), read as the document's annex. The original
//! file stays in `seeds/` unchanged and is converted here on every build,
//! so everything downstream (parse, link, render) sees one kind of input:
//! text lines, with tables written one row per line, cells separated by
//! tabs and merged cells spread to every row and column they cover
//! ([`grid`]), the layout `parse::table` reads most reliably.
//! Invariant: no input makes it panic; bad input is a [`SourceError`]
//! naming the file and the reason.

mod docx;
mod grid;
mod html;
mod sheet;

pub use sheet::SheetKind;

use std::path::Path;

/// The formats a seed may have, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// UTF-8 or GBK/GB18030 text, decoded by the parser itself.
    Text,
    /// Office Open XML word-processing document.
    Docx,
    /// A saved web page.
    Html,
    /// A task table on its own: a workbook or CSV, only as a policy's
    /// annex (`seeds/ID.annex.xlsx`).
    Table(SheetKind),
}

impl Format {
    /// The format of `path` by its extension, case-insensitive.
    /// `Ok(None)`: not a seed (left alone in `seeds/`); `Err`: a document
    /// format that must be converted first (`.doc`, `.wps`, `.pdf`).
    pub fn of(path: &Path) -> Result<Option<Format>, SourceError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        Ok(match ext.as_deref() {
            Some("txt" | "md") => Some(Format::Text),
            Some("docx") => Some(Format::Docx),
            Some("html" | "htm") => Some(Format::Html),
            Some("xlsx" | "xlsm" | "xls" | "ods") => Some(Format::Table(SheetKind::Workbook)),
            Some("csv") => Some(Format::Table(SheetKind::Csv)),
            Some(e @ ("doc" | "wps" | "pdf" | "rtf" | "odt" | "wpt" | "dot")) => {
                return Err(SourceError::Unsupported {
                    file: path.display().to_string(),
                    kind: e.to_owned(),
                })
            }
            _ => None,
        })
    }
}

/// A seed converted to text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    /// What the parser reads: for [`Format::Text`] the file's own bytes,
    /// otherwise UTF-8 text.
    pub bytes: Vec<u8>,
    /// What was left out or needs the webmaster (an image ignored, an
    /// attachment to import), one sentence each.
    pub notes: Vec<String>,
}

/// Why a seed file could not be converted. Its wording lives in
/// [`SourceError::reason`] and [`SourceError::help`], which both the
/// message and the diagnostic use.
#[derive(Debug, thiserror::Error)]
#[error("{}: {}\n  help: {}", self.file(), self.reason(), self.help())]
pub enum SourceError {
    /// `.doc`, `.wps`, `.pdf` …: to be converted to `.docx` first.
    Unsupported { file: String, kind: String },
    /// Not a zip, a truncated zip, no `word/document.xml`, bad XML.
    NotDocx { file: String, reason: String },
    /// An OLE compound file: a password-protected `.docx` or a renamed `.doc`.
    Encrypted { file: String },
    /// A readable file with no document text in it.
    NoText {
        file: String,
        reason: String,
        help: &'static str,
    },
}

impl SourceError {
    /// The file, as the caller named it.
    pub fn file(&self) -> &str {
        match self {
            SourceError::Unsupported { file, .. }
            | SourceError::NotDocx { file, .. }
            | SourceError::Encrypted { file }
            | SourceError::NoText { file, .. } => file,
        }
    }

    /// What is wrong, in one sentence.
    pub fn reason(&self) -> String {
        match self {
            SourceError::Unsupported { kind, .. } => {
                format!("a .{kind} file cannot be read; gazette reads .txt, .docx and .html (and a task table as .xlsx, .xls, .ods or .csv)")
            }
            SourceError::NotDocx { reason, .. } => format!("not a Word document: {reason}"),
            SourceError::Encrypted { .. } => "the Word document is encrypted (password-protected), or is an old binary .doc renamed to .docx".to_owned(),
            SourceError::NoText { reason, .. } => format!("no document text found: {reason}"),
        }
    }

    /// What to do about it.
    pub fn help(&self) -> String {
        let convert = format!("soffice --headless --convert-to docx {}", self.file());
        match self {
            SourceError::Unsupported { .. } => format!(
                "convert it to .docx first, e.g. `{convert}` (LibreOffice), or save it as .docx from the word processor"
            ),
            SourceError::NotDocx { .. } => {
                "open it in a word processor and save it again as .docx".to_owned()
            }
            SourceError::Encrypted { .. } => {
                format!("remove the password in the word processor, or convert the file: `{convert}`")
            }
            SourceError::NoText { help, .. } => (*help).to_owned(),
        }
    }
}

impl From<&SourceError> for crate::diag::Diagnostic {
    fn from(e: &SourceError) -> Self {
        crate::diag::Diagnostic::error("seed-format", e.file(), 0)
            .message(e.reason())
            .help(e.help())
    }
}

/// Converts one seed file. `file` names it in messages; `sheet` is the
/// workbook sheet holding a task table (`None`: the first with a header).
pub fn read(
    file: &str,
    format: Format,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<Source, SourceError> {
    match format {
        Format::Text => Ok(Source {
            bytes: bytes.to_vec(),
            notes: Vec::new(),
        }),
        Format::Docx => docx::read(file, bytes),
        Format::Html => html::read(file, bytes),
        Format::Table(kind) => sheet::read(file, kind, bytes, sheet),
    }
}

/// The document's text followed by its task table's lines (`annex`, from
/// [`Format::Table`]). A text seed in GBK is decoded first so that the two
/// join as UTF-8; one that cannot be decoded is left as it is, for the
/// parser to report.
pub fn append_annex(document: Source, annex: Source) -> Source {
    let Ok((text, _)) = crate::text::decode(&document.bytes) else {
        return document;
    };
    let mut bytes = text.trim_start_matches('\u{feff}').as_bytes().to_vec();
    if !bytes.is_empty() && !bytes.ends_with(b"\n") {
        bytes.push(b'\n');
    }
    bytes.extend(annex.bytes);
    let mut notes = document.notes;
    notes.extend(annex.notes);
    Source { bytes, notes }
}

/// Joins converted lines into the text handed to the parser.
fn join(lines: Vec<String>) -> Vec<u8> {
    let mut text = lines.join("\n");
    text.push('\n');
    text.into_bytes()
}

#[cfg(test)]
mod tests;
