//! Rows of figures placed under their columns by the table's totals rows
//! (`合计`, and a row printed after it such as `市级指标`): a flattened
//! table prints no cell for an empty or merged cell, so a row printing
//! fewer cells than there are columns does not say which columns it left
//! out, at its ends or in its middle. When the table also prints a totals
//! row, the column sums say it, as a reader would place them: a placement
//! of every row's cells under the columns, in the order printed, is
//! consistent when each column a totals row prints a figure for sums to
//! that figure.
//!
//! The rules of a consistent placement:
//! - every cell takes a column of its own, in the row's order; an empty
//!   mark (`/`) takes one too and adds nothing;
//! - a cell of text (`100%全覆盖`, a merged cell printed on its first row)
//!   makes its column one of text: no row prints a figure under it, and
//!   its totals are not checked;
//! - a column's figures are printed alike: all whole, or all with
//!   decimals (a spreadsheet formats a column, not a cell), so `1` does
//!   not stand among `19.23`, `28.16`;
//! - a column no totals row prints a figure for constrains nothing;
//! - the totals rows are placed too, and when two print a figure for the
//!   same column the sums meet both.
//!
//! The search goes column by column with running sums and remembers the
//! states that led nowhere. A branch stops when a sum passes its total
//! (figures are never negative), when the rows left cannot bring a column
//! up to its total, or when the figures left to place cannot meet a
//! totals row's figures left (with no text left to place, they hold at
//! least their sum, and exactly it when that row prints a figure in every
//! column left). It stops at the second consistent placement
//! of the rows and gives up past [`BUDGET`] steps: a table is placed only
//! when exactly one placement of its rows' figure and text cells meets
//! the totals, the one reading the figures allow, never a likely one. A
//! totals row that fits more than one way beside that placement (a total
//! under a column of text, not checked) is itself left unplaced. Empty
//! marks are placed only where that placement leaves them no choice
//! (`40`, `/`, `51` under three columns); elsewhere they stay in no
//! column, an empty cell either way.

use std::collections::HashSet;

/// Search steps after which the placement is left uncertain.
const BUDGET: usize = 1_000_000;

/// A cell as it counts in a column sum.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Value {
    /// A figure (`19.23`).
    Figure(f64),
    /// An empty cell printed as a mark (`/`): adds nothing.
    Empty,
    /// Anything else (`100%全覆盖`): a column of text, not summed.
    Text,
}

fn value(cell: &str) -> Value {
    let t = cell.trim();
    if super::align::is_empty_mark(t) {
        return Value::Empty;
    }
    let plain = t.chars().all(|c| c.is_ascii_digit() || c == '.');
    match t.parse::<f64>() {
        Ok(v) if plain && v.is_finite() => Value::Figure(v),
        _ => Value::Text,
    }
}

/// A total and how far a sum may be from it: half a unit of its last
/// printed decimal (`251` holds a sum of `250.98`).
fn total(cell: &str) -> Option<(f64, f64)> {
    let Value::Figure(v) = value(cell) else {
        return None;
    };
    let decimals = cell.trim().split_once('.').map_or(0, |(_, d)| d.len());
    let half = 0.5 * 10f64.powi(-i32::try_from(decimals).ok()?);
    Some((v, half))
}

/// Per cell of a row, its column (0-based among the table's columns), or
/// `None` for an empty mark the placement leaves free to stand in more
/// than one column.
pub type CellColumns = Vec<Option<usize>>;

/// What the totals say about a table's rows.
#[derive(Debug, PartialEq)]
pub enum Placement {
    /// The one consistent placement: the columns of each row's cells
    /// (`rows`, in order) and of each totals row's (`totals`; every cell
    /// `None` for a totals row that fits more than one way).
    Certain {
        rows: Vec<CellColumns>,
        totals: Vec<CellColumns>,
    },
    /// No placement meets the totals (or a row prints more cells than
    /// there are columns).
    Inconsistent,
    /// More than one does.
    Several,
    /// The search gave up before telling.
    Unknown,
}

/// Places the cells of every row (`rows`, each the row's cells after its
/// name, in order) and of the totals rows (`totals`) under `width`
/// columns so that every column a totals row prints a figure for sums to
/// it (see the module's rules).
pub fn place(rows: &[Vec<&str>], totals: &[Vec<&str>], width: usize) -> Placement {
    // Totals rows first: each column's totals are known before its figures.
    let all: Vec<&Vec<&str>> = totals.iter().chain(rows).collect();
    let Some(lines) = all
        .iter()
        .enumerate()
        .map(|(i, cells)| Line::new(cells, i < totals.len(), width))
        .collect::<Option<Vec<Line>>>()
    else {
        return Placement::Inconsistent;
    };
    let mut search = Search {
        next: vec![0; lines.len()],
        earliest: lines
            .iter()
            .map(|l| l.before.first().copied().unwrap_or(0))
            .collect(),
        chosen: vec![Vec::new(); lines.len()],
        lines,
        width,
        failed: HashSet::new(),
        found: Vec::new(),
        totals: totals.len(),
        totals_fixed: vec![true; totals.len()],
        steps: 0,
        gave_up: false,
    };
    search.column(0);
    match search.found.as_slice() {
        _ if search.gave_up => Placement::Unknown,
        [] => Placement::Inconsistent,
        [one] => {
            let mut columns: Vec<CellColumns> = search
                .lines
                .iter()
                .zip(one)
                .map(|(l, at)| l.cell_columns(at, width))
                .collect();
            let rows = columns.split_off(totals.len());
            let totals = columns
                .into_iter()
                .zip(&search.totals_fixed)
                .map(|(c, &fixed)| if fixed { c } else { vec![None; c.len()] })
                .collect();
            Placement::Certain { rows, totals }
        }
        _ => Placement::Several,
    }
}

/// A row as searched: the cells that are not empty marks, and the marks
/// around them, which only hold columns apart.
struct Line {
    /// Cells that are not empty marks: their index among the row's cells,
    /// and their value (a totals row's figures as totals).
    items: Vec<(usize, Item)>,
    /// Empty marks printed before each item.
    before: Vec<usize>,
    /// The last column each item can take, leaving room for the cells
    /// after it.
    latest: Vec<usize>,
    /// Cells printed, marks included.
    len: usize,
    /// From each item on: the sum of its figures (or totals), of their
    /// tolerances, and whether a cell of text is among them.
    mass: Vec<f64>,
    tolerance: Vec<f64>,
    text: Vec<bool>,
}

#[derive(Clone, Copy)]
enum Item {
    /// A row's figure, and whether it is printed with decimals.
    Figure(f64, bool),
    Text,
    /// A totals row's figure: the total and its tolerance.
    Total(f64, f64),
}

impl Line {
    /// `None` when the row prints more cells than there are columns.
    fn new(cells: &[&str], is_totals: bool, width: usize) -> Option<Line> {
        if cells.len() > width {
            return None;
        }
        let mut items = Vec::new();
        let mut before = Vec::new();
        let mut marks = 0;
        for (i, cell) in cells.iter().enumerate() {
            let item = match value(cell) {
                Value::Empty => {
                    marks += 1;
                    continue;
                }
                Value::Figure(_) if is_totals => match total(cell) {
                    Some((t, tol)) => Item::Total(t, tol),
                    None => Item::Text,
                },
                Value::Figure(f) => Item::Figure(f, cell.contains('.')),
                Value::Text => Item::Text,
            };
            items.push((i, item));
            before.push(marks);
            marks = 0;
        }
        // From the last item back: the room the cells after it take.
        let mut latest = vec![0; items.len()];
        let mut room = marks;
        for k in (0..items.len()).rev() {
            latest[k] = width.checked_sub(1 + room)?;
            room += 1 + before[k];
        }
        let n = items.len();
        let (mut mass, mut tolerance, mut text) =
            (vec![0.0; n + 1], vec![0.0; n + 1], vec![false; n + 1]);
        for (k, &(_, item)) in items.iter().enumerate().rev() {
            let (m, t, x) = match item {
                Item::Figure(f, _) => (f, 0.0, false),
                Item::Total(t, tol) => (t, tol, false),
                Item::Text => (0.0, 0.0, true),
            };
            mass[k] = mass[k + 1] + m;
            tolerance[k] = tolerance[k + 1] + t;
            text[k] = text[k + 1] || x;
        }
        Some(Line {
            items,
            before,
            latest,
            len: cells.len(),
            mass,
            tolerance,
            text,
        })
    }

    /// Each cell's column, given its items' columns `at`: an empty mark
    /// stands in a column when the marks between two placed cells (or a
    /// placed cell and the table's edge) fill the columns between them.
    fn cell_columns(&self, at: &[usize], width: usize) -> CellColumns {
        let mut out = vec![None; self.len];
        let mut prev: Option<(usize, usize)> = None;
        let bounds = self
            .items
            .iter()
            .zip(at)
            .map(|(&(i, _), &c)| (i, c))
            .chain(std::iter::once((self.len, width)));
        for (i, c) in bounds {
            let (from_cell, from_col) = prev.map_or((0, 0), |(pi, pc)| (pi + 1, pc + 1));
            if i - from_cell == c - from_col {
                for (k, cell) in out.iter_mut().take(i).skip(from_cell).enumerate() {
                    *cell = Some(from_col + k);
                }
            }
            if let Some(slot) = out.get_mut(i) {
                *slot = Some(c);
            }
            prev = Some((i, c));
        }
        out
    }
}

/// A column as it is filled: the rows' figures and text in it, and the
/// range its totals allow.
#[derive(Clone, Copy, Default)]
struct Column {
    sum: f64,
    figures: usize,
    /// Figures printed with decimals among them.
    decimals: usize,
    text: bool,
    /// The lowest and highest sum every total in the column allows.
    allowed: Option<(f64, f64)>,
}

/// Room for the rounding of sums of decimals.
const EPSILON: f64 = 1e-9;

impl Column {
    fn with(mut self, item: Item) -> Column {
        match item {
            Item::Figure(f, decimals) => {
                self.sum += f;
                self.figures += 1;
                self.decimals += usize::from(decimals);
            }
            Item::Text => self.text = true,
            Item::Total(t, tol) => {
                let (lo, hi) = self.allowed.unwrap_or((f64::MIN, f64::MAX));
                self.allowed = Some((lo.max(t - tol - EPSILON), hi.min(t + tol + EPSILON)));
            }
        }
        self
    }

    /// Whether rows may still add to the column: no figure under text, no
    /// whole figure beside one printed with decimals, no sum past its
    /// total.
    fn open(&self) -> bool {
        if self.text || self.figures == 0 {
            // Text may still come while no figure has.
            return self.figures == 0;
        }
        let alike = self.decimals == 0 || self.decimals == self.figures;
        alike
            && self
                .allowed
                .is_none_or(|(lo, hi)| lo <= hi && self.sum <= hi)
    }

    /// Whether the column, filled, meets its totals.
    fn meets(&self) -> bool {
        self.text
            || self
                .allowed
                .is_none_or(|(lo, hi)| lo <= self.sum && self.sum <= hi)
    }
}

struct Search {
    lines: Vec<Line>,
    width: usize,
    /// Per line, its next item to place and the first column it may take.
    next: Vec<usize>,
    earliest: Vec<usize>,
    /// Per line, the columns of its items placed so far.
    chosen: Vec<Vec<usize>>,
    /// States (column, next items, first columns) from which no
    /// consistent placement follows.
    failed: HashSet<Vec<usize>>,
    /// Consistent placements found, the rows' differing (at most two are
    /// looked for).
    found: Vec<Vec<Vec<usize>>>,
    /// How many lines, first, are totals rows.
    totals: usize,
    /// Per totals row, whether every placement found with the rows' first
    /// one puts it in the same columns.
    totals_fixed: Vec<bool>,
    steps: usize,
    gave_up: bool,
}

impl Search {
    /// Fills column `c` and the ones after it; `false` when the search
    /// stops (a second placement, or the budget spent).
    fn column(&mut self, c: usize) -> bool {
        if c == self.width {
            if self
                .next
                .iter()
                .zip(&self.lines)
                .all(|(&n, l)| n == l.items.len())
            {
                self.record();
            }
            return self.found.len() < 2;
        }
        let key: Vec<usize> = std::iter::once(c)
            .chain(self.next.iter().copied())
            .chain(self.earliest.iter().map(|&e| e.max(c)))
            .collect();
        if self.failed.contains(&key) || !self.mass_fits(c) {
            return true;
        }
        let found = self.found.len();
        let go = self.line(c, 0, Column::default());
        if go && self.found.len() == found {
            self.failed.insert(key);
        }
        go
    }

    /// Whether the figures left to place, from column `c` on, can still
    /// meet each totals row's figures left: when no cell of text is left
    /// (a column of text is not checked), every one of them is a column's
    /// sum, so the figures left hold at least their sum; and when a totals
    /// row prints a figure in every column left, exactly their sum.
    fn mass_fits(&self, c: usize) -> bool {
        let data = self.lines.iter().zip(&self.next).skip(self.totals);
        if data.clone().any(|(l, &k)| l.text[k]) {
            return true;
        }
        let left: f64 = data.map(|(l, &k)| l.mass[k]).sum();
        self.lines
            .iter()
            .zip(&self.next)
            .take(self.totals)
            .all(|(t, &k)| {
                let (sum, tol) = (t.mass[k], t.tolerance[k] + EPSILON);
                let every = !t.text[k] && t.items.len() - k == self.width - c;
                left >= sum - tol && (!every || left <= sum + tol)
            })
    }

    /// Keeps a consistent placement: a new one when the rows stand
    /// otherwise than in the first; else it only tells which totals rows
    /// can stand otherwise.
    fn record(&mut self) {
        let rows = |p: &[Vec<usize>]| p.get(self.totals..).map(<[Vec<usize>]>::to_vec);
        match self.found.first() {
            Some(first) if rows(first) == rows(&self.chosen) => {
                for ((fixed, a), b) in self.totals_fixed.iter_mut().zip(first).zip(&self.chosen) {
                    *fixed &= a == b;
                }
            }
            _ => self.found.push(self.chosen.clone()),
        }
    }

    /// Whether column `c`, filled up to line `l`, can no longer reach its
    /// total: every line from `l` on adding its next figure falls short,
    /// and no cell of text can come to leave it unchecked.
    fn short_of_total(&self, c: usize, l: usize, column: &Column) -> bool {
        let Some((lo, _)) = column.allowed else {
            return false;
        };
        if column.text {
            return false;
        }
        let mut rest = 0.0;
        let mut text = false;
        for (line, (&k, &earliest)) in self
            .lines
            .iter()
            .zip(self.next.iter().zip(&self.earliest))
            .skip(l)
        {
            match line.items.get(k) {
                Some((_, Item::Figure(f, _))) if earliest <= c && c <= line.latest[k] => rest += f,
                Some((_, Item::Text)) if earliest <= c && c <= line.latest[k] => text = true,
                _ => {}
            }
        }
        (column.figures > 0 || !text) && column.sum + rest < lo
    }

    /// Decides whether line `l` places its next item in column `c`, then
    /// the lines after it.
    fn line(&mut self, c: usize, l: usize, column: Column) -> bool {
        self.steps += 1;
        if self.steps > BUDGET {
            self.gave_up = true;
            return false;
        }
        if self.short_of_total(c, l, &column) {
            return true;
        }
        let Some(line) = self.lines.get(l) else {
            return !column.meets() || self.column(c + 1);
        };
        let k = self.next[l];
        let Some(&(_, item)) = line.items.get(k) else {
            return self.line(c, l + 1, column);
        };
        let latest = line.latest[k];
        if self.earliest[l] > latest || c > latest {
            return true;
        }
        if self.earliest[l] <= c {
            let placed = column.with(item);
            if placed.open() {
                let earliest = self.earliest[l];
                let gap = line.before.get(k + 1).copied().unwrap_or(0);
                self.next[l] += 1;
                self.earliest[l] = c + 1 + gap;
                self.chosen[l].push(c);
                let go = self.line(c, l + 1, placed);
                self.chosen[l].pop();
                self.earliest[l] = earliest;
                self.next[l] -= 1;
                if !go {
                    return false;
                }
            }
        }
        // Left out of this column, when the cells after it still fit.
        c == latest || self.line(c, l + 1, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows<'a>(r: &[&[&'a str]]) -> Vec<Vec<&'a str>> {
        r.iter().map(|c| c.to_vec()).collect()
    }

    fn certain(p: Placement) -> (Vec<CellColumns>, Vec<CellColumns>) {
        match p {
            Placement::Certain { rows, totals } => (rows, totals),
            other => panic!("not placed: {other:?}"),
        }
    }

    /// Row 2 prints two of three figures: only at the first columns do the
    /// sums meet the totals (`60 = 40 + 20`, `9 = 5 + 4`, `3`).
    #[test]
    fn the_sums_place_a_row_missing_a_trailing_cell() {
        let r = rows(&[&["40", "5", "3"], &["20", "4"]]);
        let (placed, totals) = certain(place(&r, &[vec!["60", "9", "3"]], 3));
        assert_eq!(
            placed,
            [vec![Some(0), Some(1), Some(2)], vec![Some(0), Some(1)]]
        );
        assert_eq!(totals, [vec![Some(0), Some(1), Some(2)]]);
        // Missing its leading cell instead.
        let r = rows(&[&["40", "5", "3"], &["4", "2"]]);
        let (placed, _) = certain(place(&r, &[vec!["40", "9", "5"]], 3));
        assert_eq!(placed[1], [Some(1), Some(2)]);
    }

    /// A row leaving out a cell in its middle: `10` and `30` stand under
    /// the first and third columns (the second sums to 2 without them),
    /// and the mark after `30` takes the one column left after it.
    #[test]
    fn the_sums_place_a_row_missing_a_middle_cell() {
        let r = rows(&[&["1", "2", "3", "4"], &["10", "30", "/"]]);
        let (placed, totals) = certain(place(&r, &[vec!["11", "2", "33", "4"]], 4));
        assert_eq!(placed[1], [Some(0), Some(2), Some(3)]);
        assert_eq!(totals[0], [Some(0), Some(1), Some(2), Some(3)]);
        // Two gaps, one at each side of a figure, with a short totals row
        // of its own (no total for the last column).
        let r = rows(&[
            &["5", "7", "1", "2", "9"],
            &["3", "4", "8"],
            &["2", "/", "6"],
        ]);
        let (placed, totals) = certain(place(&r, &[vec!["10", "7", "5", "10"]], 5));
        assert_eq!(placed[1], [Some(0), Some(2), Some(3)]);
        // `/` between `2` and `6` may stand under the second or the third
        // column: in neither, an empty cell either way.
        assert_eq!(placed[2], [Some(0), None, Some(4)]);
        assert_eq!(totals[0], [Some(0), Some(1), Some(2), Some(3)]);
    }

    /// A merged text cell printed on the first row only is a column of its
    /// own that no other row prints a figure under; a second totals row
    /// (`市级指标`) must be met too, and prints the text column's figure.
    #[test]
    fn text_columns_and_a_second_totals_row() {
        let r = rows(&[
            &["100%全覆盖", "40", "/", "19.23", "1"],
            &["60", "/", "28.16"],
            &["28", "2", "13.58", "3"],
        ]);
        let totals = [
            vec!["128", "2", "60.97"],
            vec!["67.4", "128", "2", "60.97", "4"],
        ];
        let (placed, totals) = certain(place(&r, &totals, 5));
        assert_eq!(placed[0], [Some(0), Some(1), Some(2), Some(3), Some(4)]);
        assert_eq!(placed[1], [Some(1), Some(2), Some(3)]);
        assert_eq!(placed[2], [Some(1), Some(2), Some(3), Some(4)]);
        assert_eq!(totals[1], [Some(0), Some(1), Some(2), Some(3), Some(4)]);
        // The 合计 row's `128` fits its column and the text column before
        // it (not checked): the rows stand as they do either way, the
        // totals row is not placed.
        assert_eq!(totals[0], [None, None, None]);
        // A figure under the text column cannot be: with 市级指标 the only
        // reading of row 2 would put `60` there.
        let r = rows(&[&["100%全覆盖", "40"], &["60"]]);
        assert_eq!(place(&r, &[vec!["67.4", "40"]], 2), Placement::Inconsistent);
    }

    /// Two placements meet the totals (rows 2 and 3's `5` under either
    /// column of equal totals), or a column with no total leaves a figure
    /// free (`6` under the second or third column): nothing is placed.
    #[test]
    fn two_consistent_placements_are_refused() {
        let r = rows(&[&["5", "5"], &["5"], &["5"], &["/", "/"]]);
        assert_eq!(place(&r, &[vec!["10", "10"]], 2), Placement::Several);
        let r = rows(&[&["1", "2", "3"], &["4", "6"]]);
        assert_eq!(place(&r, &[vec!["5"]], 3), Placement::Several);
    }

    /// No consistent placement (totals that are not sums), or a row with
    /// more cells than columns: nothing placed.
    #[test]
    fn inconsistent_tables_are_refused() {
        let r = rows(&[&["1", "2", "3"], &["10", "30"]]);
        assert_eq!(
            place(&r, &[vec!["11", "2", "34"]], 3),
            Placement::Inconsistent
        );
        let r = rows(&[&["1", "2"], &["1", "2", "3"], &["4"]]);
        assert_eq!(place(&r, &[vec!["2", "4"]], 2), Placement::Inconsistent);
    }

    /// Sums rounded to the total's decimals meet it: `251` holds 250.98.
    #[test]
    fn rounded_totals() {
        let r = rows(&[&["/", "19.23", "9.61"], &["28.16", "14.08"], &["203.59"]]);
        let (placed, totals) = certain(place(&r, &[vec!["251", "24"]], 3));
        assert_eq!(placed[0], [Some(0), Some(1), Some(2)]);
        assert_eq!(placed[1], [Some(1), Some(2)]);
        assert_eq!(placed[2], [Some(1)]);
        assert_eq!(totals[0], [Some(1), Some(2)]);
    }
}
