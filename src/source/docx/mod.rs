//! A Word document (`.docx`) → text lines.
//!
//! Reads `word/document.xml` from the zip (with `zip` and `quick-xml`):
//! paragraphs in order, each prefixed with the label its automatic list
//! numbering displays ([`numbering`]); tables through [`super::grid`], with
//! `w:gridSpan` and `w:vMerge` giving each cell its column and row span;
//! a table inside a table cell becomes lines of that cell. Text boxes,
//! deleted revisions, field codes, headers and footers (other parts) are
//! not read; images and drawings are left out with a note.

mod numbering;

use super::grid::Grid;
use super::{join, Source, SourceError};
use numbering::Numbering;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::Read;

/// Elements whose whole content is left out.
const SKIPPED: &[&str] = &[
    "txbxContent",
    "drawing",
    "pict",
    "object",
    "del",
    "delText",
    "instrText",
    "Fallback",
    "pPrChange",
    "rPrChange",
    "tcPrChange",
    "trPrChange",
    "tblPrChange",
    "footnoteReference",
    "endnoteReference",
];

/// The zip's first bytes when it is an OLE compound file: an encrypted
/// Office document, or a binary `.doc` renamed.
const OLE_MAGIC: [u8; 8] = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

pub fn read(file: &str, bytes: &[u8]) -> Result<Source, SourceError> {
    if bytes.starts_with(&OLE_MAGIC) {
        return Err(SourceError::Encrypted {
            file: file.to_owned(),
        });
    }
    let not_docx = |reason: String| SourceError::NotDocx {
        file: file.to_owned(),
        reason,
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        not_docx(format!(
            "not a readable zip archive ({e}); the file may be truncated"
        ))
    })?;
    let mut part = |name: &str, required: bool| -> Result<String, SourceError> {
        let mut entry = match zip.by_name(name) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) if !required => return Ok(String::new()),
            Err(zip::result::ZipError::FileNotFound) => {
                return Err(not_docx(format!("it has no {name}")))
            }
            Err(e) => return Err(not_docx(format!("cannot read {name}: {e}"))),
        };
        let mut xml = String::new();
        entry.read_to_string(&mut xml).map_err(|e| {
            not_docx(format!(
                "cannot read {name}: {e}; the file may be truncated"
            ))
        })?;
        Ok(xml)
    };
    let document = part("word/document.xml", true)?;
    let numbering = Numbering::new(
        &part("word/numbering.xml", false)?,
        &part("word/styles.xml", false)?,
    )
    .map_err(not_docx)?;
    let body = Body::read(&document, numbering)
        .map_err(|e| not_docx(format!("word/document.xml is not well-formed XML: {e}")))?;
    if body.lines.iter().all(|l| l.trim().is_empty()) {
        return Err(SourceError::NoText {
            file: file.to_owned(),
            reason: "the document has no paragraphs with text".to_owned(),
            help: "check that this is the document itself and not an empty template; text in text boxes is not read",
        });
    }
    let mut notes = Vec::new();
    if body.images > 0 {
        notes.push(format!(
            "{file}: {} image{} or drawing{} (a seal, a logo) left out",
            body.images,
            if body.images == 1 { "" } else { "s" },
            if body.images == 1 { "" } else { "s" },
        ));
    }
    Ok(Source {
        bytes: join(body.lines),
        notes,
    })
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    num_id: Option<String>,
    ilvl: Option<usize>,
    style: Option<String>,
}

/// A table being read: its grid, the current row and column, the open cell.
#[derive(Default)]
struct Table {
    grid: Grid,
    row: Option<usize>,
    col: usize,
    cell: Option<Cell>,
}

#[derive(Default)]
struct Cell {
    paras: Vec<String>,
    span: usize,
    /// `w:vMerge` without `restart`: continues the cell above.
    continues: bool,
}

/// The document body as lines.
struct Body {
    numbering: Numbering,
    lines: Vec<String>,
    images: usize,
    tables: Vec<Table>,
    para: Option<Para>,
    in_run: bool,
    in_text: bool,
    skip: usize,
}

impl Body {
    fn read(xml: &str, numbering: Numbering) -> Result<Body, quick_xml::Error> {
        let mut body = Body {
            numbering,
            lines: Vec::new(),
            images: 0,
            tables: Vec::new(),
            para: None,
            in_run: false,
            in_text: false,
            skip: 0,
        };
        let mut reader = Reader::from_str(xml);
        loop {
            match reader.read_event()? {
                Event::Eof => break,
                Event::Start(e) => body.start(&e, false),
                Event::Empty(e) => body.start(&e, true),
                Event::End(e) => body.end(e.local_name().as_ref()),
                Event::Text(t) if body.in_text && body.skip == 0 => {
                    let text = t.xml10_content();
                    body.push_text(&text);
                }
                Event::GeneralRef(r) if body.in_text && body.skip == 0 => {
                    let text = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => quick_xml::escape::resolve_predefined_entity(&r)
                            .unwrap_or_default()
                            .to_owned(),
                    };
                    body.push_text(&text);
                }
                _ => {}
            }
        }
        Ok(body)
    }

    fn push_text(&mut self, text: &str) {
        if let Some(p) = &mut self.para {
            p.text.push_str(text);
        }
    }

    fn start(&mut self, e: &BytesStart, empty: bool) {
        let name = e.local_name();
        let name = name.as_ref();
        if self.skip > 0 || SKIPPED.contains(&name) {
            if self.skip == 0 && matches!(name, "drawing" | "pict" | "object") {
                self.images += 1;
            }
            if !empty {
                self.skip += 1;
            }
            return;
        }
        let val = || {
            e.attributes()
                .flatten()
                .find_map(|a| (a.key.local_name().as_ref() == "val").then(|| a.value.to_string()))
        };
        match name {
            "p" if !empty => self.para = Some(Para::default()),
            "r" if !empty => self.in_run = true,
            "t" if !empty => self.in_text = true,
            "tab" if self.in_run => self.push_text(" "),
            "br" | "cr" if self.in_run => self.push_text("\n"),
            "numId" => {
                if let Some(p) = &mut self.para {
                    p.num_id = val();
                }
            }
            "ilvl" => {
                if let Some(p) = &mut self.para {
                    p.ilvl = val().and_then(|v| v.parse().ok());
                }
            }
            "pStyle" => {
                if let Some(p) = &mut self.para {
                    p.style = val();
                }
            }
            "tbl" if !empty => self.tables.push(Table::default()),
            "tr" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = Some(t.row.map_or(0, |r| r + 1));
                    t.col = 0;
                }
            }
            "gridBefore" => {
                if let Some(t) = self.tables.last_mut() {
                    t.col += val().and_then(|v| v.parse().ok()).unwrap_or(0);
                }
            }
            "tc" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(Cell {
                        span: 1,
                        ..Cell::default()
                    });
                }
            }
            "gridSpan" => {
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.span = val().and_then(|v| v.parse().ok()).unwrap_or(1).max(1);
                }
            }
            "vMerge" => {
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.continues = val().is_none_or(|v| v == "continue");
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match name {
            "p" => self.end_para(),
            "r" => self.in_run = false,
            "t" => self.in_text = false,
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    let row = t.row.unwrap_or(0);
                    if let Some(c) = t.cell.take() {
                        if !(c.continues && t.grid.merge_down(row, t.col, c.span)) {
                            t.grid.place(row, t.col, 1, c.span, c.paras.join("\n"));
                        }
                        t.col += c.span;
                    }
                }
            }
            "tbl" => {
                if let Some(t) = self.tables.pop() {
                    let lines = t.grid.lines();
                    match self.tables.last_mut().and_then(|p| p.cell.as_mut()) {
                        Some(cell) => cell.paras.extend(lines),
                        None => self.lines.extend(lines),
                    }
                }
            }
            _ => {}
        }
    }

    fn end_para(&mut self) {
        let Some(p) = self.para.take() else {
            return;
        };
        let list = match (&p.num_id, &p.style) {
            (Some(id), _) => Some((id.clone(), p.ilvl)),
            (None, Some(style)) => self
                .numbering
                .style_list(style)
                .map(|(id, l)| (id, p.ilvl.or(l))),
            (None, None) => None,
        };
        // An empty numbered paragraph still counts, as Word shows it.
        let label = list
            .and_then(|(id, l)| self.numbering.label(&id, l.unwrap_or(0)))
            .filter(|_| !p.text.trim().is_empty())
            .unwrap_or_default();
        let text = format!("{label}{}", p.text);
        match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            Some(cell) => cell.paras.push(text),
            None => self.lines.extend(text.split('\n').map(str::to_owned)),
        }
    }
}
