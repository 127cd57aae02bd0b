//! A task-breakdown table kept as a spreadsheet (`.xlsx`, `.xls`, `.ods`
//! with `calamine`) or as CSV → the annex text lines the parser reads.
//!
//! The sheet is the one named by the caller, else the first whose rows
//! hold a header row, found by its words (`序号`, `牵头`, `配合`, `责任单位`
//! …), not by its position. Merged cells go through [`super::grid`], so a
//! unit cell merged over a group of rows belongs to every row of it. What
//! comes out is a bare `附件` line, the sheet's title rows (the rows above
//! the header), the header and the rows, one per line with tab-separated
//! cells: the layout `parse::table` reads. A sheet with no `序号` column
//! gets one, numbering its rows in order, because rows are addressed by
//! number. Invariant: no input panics; a file that is not a spreadsheet, a
//! missing sheet or a sheet with no header row is a [`SourceError`].

use super::grid::Grid;
use super::{Source, SourceError};
use crate::parse::{is_header_row, is_number_column};
use calamine::{Data, Reader, Sheets};
use std::io::Cursor;

/// The two kinds of table file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetKind {
    /// A workbook: `.xlsx`, `.xlsm`, `.xls`, `.ods`.
    Workbook,
    /// Comma-separated values, UTF-8 or GBK/GB18030.
    Csv,
}

/// Converts a table file. `sheet`: the workbook sheet to read (by name);
/// `None` reads the first sheet with a header row.
pub fn read(
    file: &str,
    kind: SheetKind,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<Source, SourceError> {
    let (name, rows, other_sheets) = match kind {
        SheetKind::Csv => (None, csv_rows(file, bytes)?, 0),
        SheetKind::Workbook => {
            let (name, rows, others) = workbook_rows(file, bytes, sheet)?;
            (Some(name), rows, others)
        }
    };
    let lines = rows.lines();
    let header = header_row(&lines).ok_or_else(|| SourceError::NoText {
        file: file.to_owned(),
        reason: match &name {
            Some(n) => format!("sheet `{n}` has no header row (序号, 任务, 牵头单位, 配合单位 …)"),
            None => "no header row (序号, 任务, 牵头单位, 配合单位 …) in the table".to_owned(),
        },
        help: "the table's first rows must name its columns (e.g. 序号 / 重点任务 / 牵头单位 / 配合单位); pass --sheet NAME if another sheet holds the table",
    })?;
    let mut notes = Vec::new();
    if let Some(n) = &name {
        notes.push(format!(
            "read the task table from sheet `{n}`{}",
            match other_sheets {
                0 => String::new(),
                k => format!(
                    " ({k} other sheet{} left out)",
                    if k == 1 { "" } else { "s" }
                ),
            }
        ));
    }
    let mut out = vec!["附件".to_owned()];
    out.extend(
        lines[..header]
            .iter()
            .map(|l| l.trim_end_matches('\t').to_owned()),
    );
    out.extend(numbered(&lines[header..]));
    Ok(Source {
        bytes: super::join(out),
        notes,
    })
}

/// The header's index among `lines`: the first line that
/// [`crate::parse::is_header_row`] takes for a table's header (two header
/// cells or more, one a number or unit column), the vocabulary the parser
/// reads header cells with.
fn header_row(lines: &[String]) -> Option<usize> {
    lines.iter().position(|line| {
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        is_header_row(&cells)
    })
}

/// The header and rows; when no column is `序号`/`编号`, one is put first,
/// numbering the rows that have more than one cell (a group heading,
/// one cell across the table, is not a row).
fn numbered(lines: &[String]) -> Vec<String> {
    let Some(head) = lines.first() else {
        return Vec::new();
    };
    if head.split('\t').any(is_number_column) {
        return lines.to_vec();
    }
    let mut n = 0;
    let mut out = vec![format!("序号\t{head}")];
    for line in &lines[1..] {
        let cells = line.split('\t').filter(|c| !c.trim().is_empty()).count();
        if cells > 1 {
            n += 1;
            out.push(format!("{n}\t{line}"));
        } else {
            out.push(format!("{line}\t"));
        }
    }
    out
}

/// A CSV file's cells, one grid slot each.
fn csv_rows(file: &str, bytes: &[u8]) -> Result<Grid, SourceError> {
    let (text, _) = crate::text::decode(bytes).map_err(|e| SourceError::NoText {
        file: file.to_owned(),
        reason: e.to_string(),
        help: "save the table as CSV in UTF-8 (or as .xlsx) from the spreadsheet program",
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut grid = Grid::default();
    for (r, record) in reader.records().enumerate() {
        let record = record.map_err(|e| SourceError::NoText {
            file: file.to_owned(),
            reason: format!("not a CSV table: {e}"),
            help: "save the table as CSV (comma-separated, quoted cells) or as .xlsx from the spreadsheet program",
        })?;
        for (c, cell) in record.iter().enumerate() {
            grid.place(r, c, 1, 1, cell.to_owned());
        }
    }
    Ok(grid)
}

/// The chosen sheet's name, its cells with merged regions spread, and how
/// many other sheets the workbook has.
fn workbook_rows(
    file: &str,
    bytes: &[u8],
    wanted: Option<&str>,
) -> Result<(String, Grid, usize), SourceError> {
    let not_sheet = |reason: String| SourceError::NoText {
        file: file.to_owned(),
        reason: format!("not a spreadsheet: {reason}"),
        help: "open it in a spreadsheet program and save it again as .xlsx (or CSV)",
    };
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| not_sheet(e.to_string()))?;
    let names = book.sheet_names();
    let mut candidates: Vec<&String> = match wanted {
        Some(w) => match names.iter().find(|n| *n == w) {
            Some(n) => vec![n],
            None => {
                return Err(SourceError::NoText {
                    file: file.to_owned(),
                    reason: format!(
                        "no sheet named `{w}`; its sheets are {}",
                        names
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    help: "pass --sheet with one of the sheet names listed",
                })
            }
        },
        None => names.iter().collect(),
    };
    let total = names.len();
    for name in candidates.drain(..) {
        let range = book
            .worksheet_range(name)
            .map_err(|e| not_sheet(e.to_string()))?;
        let merged = merged_regions(&mut book, name);
        let grid = place_cells(&range, &merged);
        if wanted.is_some() || header_row(&grid.lines()).is_some() {
            return Ok((name.clone(), grid, total - 1));
        }
    }
    Err(SourceError::NoText {
        file: file.to_owned(),
        reason: format!(
            "none of its {total} sheet{} has a header row (序号, 任务, 牵头单位, 配合单位 …)",
            if total == 1 { "" } else { "s" }
        ),
        help: "the table's first rows must name its columns (e.g. 序号 / 重点任务 / 牵头单位 / 配合单位)",
    })
}

/// Merged regions of a sheet (absolute row, column; inclusive ends). The
/// OpenDocument reader does not report them: there a merged cell holds
/// its text in its first slot only, and a shared unit cell left empty is
/// taken from the row above by the parser.
fn merged_regions(book: &mut Sheets<Cursor<Vec<u8>>>, name: &str) -> Vec<calamine::Dimensions> {
    match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xlsb(_) | Sheets::Ods(_) => Vec::new(),
    }
}

/// The sheet's cells in a grid (positions relative to the sheet's first
/// row and column), merged regions placed first with their span.
fn place_cells(range: &calamine::Range<Data>, merged: &[calamine::Dimensions]) -> Grid {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut grid = Grid::default();
    for region in merged {
        let (r, c) = region.start;
        let (Some(row), Some(col)) = (r.checked_sub(row0), c.checked_sub(col0)) else {
            continue;
        };
        let text = range.get_value((r, c)).map(cell_text).unwrap_or_default();
        let rows = region.end.0.saturating_sub(r) as usize + 1;
        let cols = region.end.1.saturating_sub(c) as usize + 1;
        grid.place(row as usize, col as usize, rows, cols, text);
    }
    for (row, col, value) in range.cells() {
        if !grid.taken(row, col) {
            grid.place(row, col, 1, 1, cell_text(value));
        }
    }
    grid
}

/// A cell's text as the spreadsheet program displays it for the values a
/// task table holds: whole numbers without `.0`.
fn cell_text(value: &Data) -> String {
    match value {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}
