//! The cells of a flattened table, as the page printed them.
//!
//! A scraped table often puts a blank line between cells and keeps a cell's
//! own line breaks (`海绵城市` / `建设管理`, a unit list wrapped after `、`).
//! When the header's cells are blank-separated, lines with no blank between
//! them are one cell again (joined with `\n`); a row number is always a cell
//! of its own. The table ends where the next annex begins (`附件2`), and a
//! header printed again at a page break (`序号` / `任务类型` / …) is
//! dropped. Every cell keeps the line number of its first line.

use super::header::{is_header_cell, is_header_start};
use super::row_number;
use crate::parse::lines::Line;

/// One cell: its text and the line it starts on.
pub struct Cell {
    pub no: usize,
    pub text: String,
}

/// The cells of the table whose header starts at `lines[0]`.
pub fn flattened(lines: &[Line]) -> Vec<Cell> {
    let end = (1..lines.len())
        .find(|&i| next_annex(lines[i].text))
        .unwrap_or(lines.len());
    let lines = lines.get(..end).unwrap_or(lines);
    let first_row = lines
        .iter()
        .position(|l| row_number(l.text).is_some())
        .unwrap_or(lines.len());
    let head = lines.get(..first_row).unwrap_or(&[]);
    let blank_separated = head.len() >= 2 && head.windows(2).all(|w| w[1].no > w[0].no + 1);
    let mut cells: Vec<Cell> = Vec::new();
    let mut prev_no = 0;
    for l in lines {
        let joins = blank_separated
            && l.no == prev_no + 1
            && row_number(l.text).is_none()
            && cells.last().is_some_and(|c| row_number(&c.text).is_none());
        prev_no = l.no;
        match cells.last_mut() {
            Some(c) if joins => {
                c.text.push('\n');
                c.text.push_str(l.text);
            }
            _ => cells.push(Cell {
                no: l.no,
                text: l.text.to_owned(),
            }),
        }
    }
    drop_repeated_headers(cells, first_row)
}

/// `附件2`, `附件 3`, `附件3:…`: a further annex, which ends the table.
pub fn next_annex(text: &str) -> bool {
    text.strip_prefix("附件")
        .is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// Drops a header repeated after the first row: `序号` followed only by
/// header cells up to the next row number.
fn drop_repeated_headers(cells: Vec<Cell>, first_row: usize) -> Vec<Cell> {
    let mut out: Vec<Cell> = Vec::with_capacity(cells.len());
    let mut skipping = false;
    for (i, c) in cells.iter().enumerate() {
        if i > first_row && is_header_start(&c.text) {
            let run_is_header = cells
                .get(i + 1..)
                .unwrap_or(&[])
                .iter()
                .take_while(|n| row_number(&n.text).is_none())
                .all(|n| is_header_cell(&n.text));
            skipping = run_is_header;
        } else if row_number(&c.text).is_some() {
            skipping = false;
        }
        if !skipping {
            out.push(Cell {
                no: c.no,
                text: c.text.clone(),
            });
        }
    }
    out
}
