//! A table with merged cells → text lines, one row per line.
//!
//! Word ([`super::docx`]) and HTML ([`super::html`]) tables place their
//! cells here with their row and column spans; [`Grid::lines`] writes every
//! row with its cells separated by tabs, a merged cell repeated in every
//! row and column it covers (so a unit cell shared by a group of rows
//! belongs to each of them). A row that is one cell across the whole table
//! (a group heading) is written once, followed by empty cells, which is how
//! `parse::table` recognises a group line. A cell of several lines (`<br>`,
//! paragraphs in a Word cell) keeps them: its second and later lines go on
//! continuation lines below the row, each in its column, with the number
//! column empty, which `parse::table` appends to the row above.

/// Cells placed by position; `slots[row][col]` indexes `cells`.
#[derive(Debug, Default)]
pub struct Grid {
    cells: Vec<String>,
    slots: Vec<Vec<Option<usize>>>,
}

impl Grid {
    /// Places `text` at `row`, `col`, covering `rows` × `cols` slots.
    pub fn place(&mut self, row: usize, col: usize, rows: usize, cols: usize, text: String) {
        let id = self.cells.len();
        self.cells.push(text);
        for r in row..row + rows.max(1) {
            for c in col..col + cols.max(1) {
                self.set(r, c, id);
            }
        }
    }

    /// Whether the slot at `row`, `col` is covered by a cell already.
    pub fn taken(&self, row: usize, col: usize) -> bool {
        self.slots
            .get(row)
            .and_then(|r| r.get(col))
            .is_some_and(Option::is_some)
    }

    /// Extends the cell covering `row - 1`, `col` down over `row` for
    /// `cols` columns (Word's `vMerge` continuation). False when there is
    /// no cell above.
    pub fn merge_down(&mut self, row: usize, col: usize, cols: usize) -> bool {
        let Some(above) = row
            .checked_sub(1)
            .and_then(|r| self.slots.get(r))
            .and_then(|r| r.get(col).copied().flatten())
        else {
            return false;
        };
        for c in col..col + cols.max(1) {
            self.set(row, c, above);
        }
        true
    }

    fn set(&mut self, row: usize, col: usize, id: usize) {
        if self.slots.len() <= row {
            self.slots.resize_with(row + 1, Vec::new);
        }
        let r = &mut self.slots[row];
        if r.len() <= col {
            r.resize(col + 1, None);
        }
        r[col] = Some(id);
    }

    /// The table as text lines; rows with no text are left out.
    pub fn lines(&self) -> Vec<String> {
        let width = self.slots.iter().map(Vec::len).max().unwrap_or(0);
        let lines_of = |slot: Option<&Option<usize>>| -> Vec<String> {
            slot.copied()
                .flatten()
                .and_then(|id| self.cells.get(id))
                .map(|t| cell_lines(t))
                .unwrap_or_default()
        };
        let mut out = Vec::new();
        for row in &self.slots {
            let first = row.first().copied().flatten();
            let whole = width > 1
                && first.is_some()
                && (0..width).all(|c| row.get(c).copied().flatten() == first);
            if whole {
                let text = lines_of(row.first()).join(" ");
                if !text.is_empty() {
                    out.push(format!("{text}{}", "\t".repeat(width - 1)));
                }
                continue;
            }
            let cells: Vec<Vec<String>> = (0..width).map(|c| lines_of(row.get(c))).collect();
            let depth = cells.iter().map(Vec::len).max().unwrap_or(0);
            for k in 0..depth {
                let line: Vec<&str> = cells
                    .iter()
                    .map(|c| c.get(k).map_or("", String::as_str))
                    .collect();
                out.push(line.join("\t"));
            }
        }
        out
    }
}

/// A cell's lines, trimmed, empty ones left out; a tab becomes a space.
fn cell_lines(text: &str) -> Vec<String> {
    text.split(['\n', '\r'])
        .map(|l| l.replace('\t', " ").trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}
