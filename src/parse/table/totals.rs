//! Rows of figures placed under their columns by the table's totals row
//! (`合计`): a flattened table prints no cell for an empty or merged cell,
//! so a row printing fewer figures than there are columns does not say
//! which columns it left out. When the table also prints a totals row, the
//! column sums say it: a placement of every row's figures under the
//! columns is consistent when each column the totals row prints a figure
//! for sums to that figure.
//!
//! The placements tried are the ones where a row leaves out only leading
//! or trailing cells (a merged cell printed once above, empty cells at the
//! end): its figures stand under consecutive columns from some first
//! column on, so a row of `n` figures under `w` columns has `w - n + 1`
//! candidates, the totals row likewise. Every combination is checked (a
//! search that stops adding a row as soon as a column's sum passes its
//! total, and gives up, placing nothing, past [`BUDGET`] steps). A row is
//! placed only when every consistent combination puts it at the same first
//! column: the one reading the figures allow, never a likely one. A row
//! that leaves out a cell in its middle has no consistent placement in
//! this model, and then no row is placed.

/// Search steps after which the placement is left uncertain.
const BUDGET: usize = 200_000;

/// A cell as it counts in a column sum.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Value {
    /// A figure (`19.23`).
    Figure(f64),
    /// An empty cell printed as a mark (`/`): adds nothing.
    Empty,
    /// Anything else (`100%全覆盖`): cannot stand under a summed column.
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

/// For each row of figure cells (`rows`, the numbered rows in order), the
/// column (0-based, among `width` columns) of its first figure when the
/// totals row `totals` makes it certain, else `None`; the second value is
/// the totals row's own first column when certain. A row printing all
/// `width` figures is always at column 0.
pub fn place(
    rows: &[Vec<&str>],
    totals: &[&str],
    width: usize,
) -> (Vec<Option<usize>>, Option<usize>) {
    let none = (vec![None; rows.len()], None);
    let fits = |n: usize| n > 0 && n <= width;
    if !fits(totals.len()) || !rows.iter().all(|r| fits(r.len())) {
        // A row printing more figures than there are columns: its figures
        // stand somewhere unknown, so no sum can be checked.
        return (
            rows.iter()
                .map(|r| (r.len() == width).then_some(0))
                .collect(),
            (totals.len() == width).then_some(0),
        );
    }
    let values: Vec<Vec<Value>> = rows
        .iter()
        .map(|r| r.iter().map(|c| value(c)).collect())
        .collect();
    let mut search = Search {
        values: &values,
        width,
        limits: Vec::new(),
        sums: vec![0.0; width],
        chosen: Vec::with_capacity(rows.len()),
        seen: vec![Vec::new(); rows.len()],
        found: false,
        steps: 0,
    };
    let mut totals_seen = Vec::new();
    for at in 0..=width - totals.len() {
        let mut limits = vec![None; width];
        for (k, cell) in totals.iter().enumerate() {
            limits[at + k] = total(cell);
        }
        if limits.iter().all(Option::is_none) {
            continue;
        }
        search.limits = limits;
        search.found = false;
        if !search.row(0) {
            return none;
        }
        if search.found {
            totals_seen.push(at);
        }
    }
    let certain = |seen: &[usize]| match seen {
        [one] => Some(*one),
        _ => None,
    };
    let rows_at = rows
        .iter()
        .zip(&search.seen)
        .map(|(r, seen)| {
            if r.len() == width {
                Some(0)
            } else {
                certain(seen)
            }
        })
        .collect();
    (rows_at, certain(&totals_seen))
}

struct Search<'a> {
    values: &'a [Vec<Value>],
    width: usize,
    /// Each column's total and tolerance; `None` where the totals row
    /// prints none.
    limits: Vec<Option<(f64, f64)>>,
    sums: Vec<f64>,
    chosen: Vec<usize>,
    /// Per row, the first columns it takes in the consistent placements.
    seen: Vec<Vec<usize>>,
    /// Whether a consistent combination was found for the present totals
    /// row's first column.
    found: bool,
    steps: usize,
}

impl Search<'_> {
    /// Tries every first column for row `k` and the rows after it; `false`
    /// when the budget ran out.
    fn row(&mut self, k: usize) -> bool {
        let Some(cells) = self.values.get(k) else {
            // Every row placed: a consistent combination when each summed
            // column meets its total.
            let consistent = self
                .limits
                .iter()
                .zip(&self.sums)
                .all(|(l, s)| l.is_none_or(|(t, tol)| (s - t).abs() <= tol));
            if consistent {
                self.found = true;
                for (seen, &at) in self.seen.iter_mut().zip(&self.chosen) {
                    if !seen.contains(&at) {
                        seen.push(at);
                    }
                }
            }
            return true;
        };
        for at in 0..=self.width - cells.len() {
            self.steps += 1;
            if self.steps > BUDGET {
                return false;
            }
            let fits = cells.iter().enumerate().all(|(i, v)| {
                match (self.limits[at + i], v) {
                    (None, _) | (Some(_), Value::Empty) => true,
                    (Some(_), Value::Text) => false,
                    // Figures are never negative: a sum past its total
                    // stays past it.
                    (Some((t, tol)), Value::Figure(f)) => self.sums[at + i] + f <= t + tol,
                }
            });
            if !fits {
                continue;
            }
            for (i, v) in cells.iter().enumerate() {
                if let Value::Figure(f) = v {
                    self.sums[at + i] += f;
                }
            }
            self.chosen.push(at);
            let within = self.row(k + 1);
            self.chosen.pop();
            for (i, v) in cells.iter().enumerate() {
                if let Value::Figure(f) = v {
                    self.sums[at + i] -= f;
                }
            }
            if !within {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows<'a>(r: &[&[&'a str]]) -> Vec<Vec<&'a str>> {
        r.iter().map(|c| c.to_vec()).collect()
    }

    /// Row 2 prints two of three figures: only at the first column do the
    /// sums meet the totals (`60 = 40 + 20`, `9 = 5 + 4`, `3`).
    #[test]
    fn the_sums_place_a_row_missing_a_trailing_cell() {
        let r = rows(&[&["40", "5", "3"], &["20", "4"]]);
        assert_eq!(
            place(&r, &["60", "9", "3"], 3),
            (vec![Some(0), Some(0)], Some(0))
        );
        // Missing its leading cell instead.
        let r = rows(&[&["40", "5", "3"], &["4", "2"]]);
        assert_eq!(
            place(&r, &["40", "9", "5"], 3),
            (vec![Some(0), Some(1)], Some(0))
        );
    }

    /// A totals row printing fewer figures is placed with the rows; a sum
    /// rounded to the total's decimals meets it.
    #[test]
    fn a_short_totals_row_and_rounded_totals() {
        let r = rows(&[&["/", "19.23", "9.61"], &["/", "28.16", "14.08"]]);
        assert_eq!(
            place(&r, &["47", "24"], 3),
            (vec![Some(0), Some(0)], Some(1))
        );
    }

    /// Two placements meet the totals (row 2's `5` under either column of
    /// equal totals): nothing is placed but the full row.
    #[test]
    fn two_consistent_placements_place_nothing() {
        let r = rows(&[&["5", "5"], &["5"], &["/", "/"]]);
        assert_eq!(
            place(&r, &["10", "10"], 2),
            (vec![Some(0), None, Some(0)], None)
        );
    }

    /// No consistent placement (a cell left out in a row's middle, or
    /// totals that are not sums), a text cell under a summed column, or a
    /// row with more figures than columns: nothing placed.
    #[test]
    fn inconsistent_tables_place_nothing() {
        // Row 2 prints columns 1 and 3 of three.
        let r = rows(&[&["1", "2", "3"], &["10", "30"]]);
        assert_eq!(
            place(&r, &["11", "2", "33"], 3),
            (vec![Some(0), None], None)
        );
        let r = rows(&[&["100%全覆盖", "2"], &["4"]]);
        assert_eq!(place(&r, &["6", "6"], 2).0, vec![Some(0), None]);
        let r = rows(&[&["1", "2"], &["1", "2", "3"], &["4"]]);
        assert_eq!(place(&r, &["2", "4"], 2).0, vec![Some(0), None, None]);
    }
}
