//! A table header over two levels, flattened one cell per line: the
//! columns spanning every level (`序号`, `街镇`), then the group cells of
//! the upper level (`源头实效指标`, `收运体系指标`), then the column cells
//! under them (`达标小区累计（个）`, …, `可回收物量`), then a line of units
//! (`吨/日`), one under each column whose name states none.
//!
//! The text does not say how many columns each group spans, nor where the
//! upper level ends: the header is aligned only when the rows make it
//! certain. The number of columns is a count of figure cells that at least
//! two rows print in full; the cells before the last that many are groups,
//! and the reading holds only when no group states a unit (a cell with a
//! unit is a column) and the line of units has one unit for each column
//! that states none. Groups are not kept as columns (which columns each
//! spans is unknown); each column's name is its own cell, with its unit
//! cell on a second line (`可回收物量` / `吨/日`). A row printing another
//! count of figure cells left empty cells out: which column each of its
//! figures belongs to cannot be told, so the row is marked for its
//! figures to be kept as text only.

use super::header::column_unit;
use crate::text::units::is_unit;

/// The names of the columns under the header cells `upper` (every header
/// line after the columns spanning all levels), given how many figure
/// cells each row prints (`counts`); `None` when no count makes the
/// reading certain.
pub fn align(upper: &[&str], counts: &[usize]) -> Option<Vec<String>> {
    let units = upper.iter().rev().take_while(|c| is_unit(c)).count();
    let (middle, unit_cells) = upper.split_at(upper.len() - units);
    let mut widths: Vec<usize> = counts.to_vec();
    widths.sort_unstable_by(|a, b| b.cmp(a));
    widths.dedup();
    widths.into_iter().find_map(|w| {
        let full = counts.iter().filter(|&&c| c == w).count();
        let groups = middle.len().checked_sub(w)?;
        let (upper_cells, columns) = middle.split_at(groups);
        let unitless: Vec<usize> = (0..columns.len())
            .filter(|&i| column_unit(columns[i]).is_none())
            .collect();
        let certain = (full >= 2 || full == counts.len())
            && w > 0
            && (1..=w).contains(&groups)
            && upper_cells.iter().all(|g| column_unit(g).is_none())
            && unitless.len() == unit_cells.len();
        certain.then(|| {
            let mut names: Vec<String> = columns.iter().map(|c| (*c).to_owned()).collect();
            for (&i, unit) in unitless.iter().zip(unit_cells) {
                names[i] = format!("{}\n{unit}", names[i]);
            }
            names
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const UPPER: &[&str] = &[
        "源头实效指标",
        "收运体系指标",
        "达标小区累计(个)",
        "湿垃圾车累计数(辆)",
        "服务点累计(个)",
        "可回收物量",
        "干垃圾控制量",
        "吨/日",
        "吨/日",
    ];

    /// Two rows print five figures: five columns under two groups, the two
    /// columns naming no unit taking the line of units in order.
    #[test]
    fn rows_printed_in_full_give_the_columns() {
        assert_eq!(
            align(UPPER, &[5, 6, 5]).expect("aligned"),
            [
                "达标小区累计(个)",
                "湿垃圾车累计数(辆)",
                "服务点累计(个)",
                "可回收物量\n吨/日",
                "干垃圾控制量\n吨/日"
            ]
        );
    }

    /// No count that two rows share, a group that would state a unit, or
    /// units that do not match the columns naming none: not certain.
    #[test]
    fn uncertain_headers_are_not_aligned() {
        assert_eq!(align(UPPER, &[5, 6, 4]), None);
        // Six columns would make `收运体系指标` a column with no unit: three
        // columns without one for two units.
        assert_eq!(align(UPPER, &[6, 6]), None);
        // Four would make `达标小区累计(个)` a group.
        assert_eq!(align(UPPER, &[4, 4]), None);
        // A third level (`湿垃圾` over `居民区` / `餐厨垃圾`): more columns
        // without a unit than units.
        let three = [
            "源头指标",
            "末端指标",
            "服务点累计(个)",
            "可回收物量",
            "湿垃圾",
            "干垃圾控制量",
            "居民区",
            "餐厨垃圾",
            "吨/日",
            "吨/日",
            "吨/日",
            "吨/日",
        ];
        assert!((1..=10).all(|w| align(&three, &[w, w]).is_none()));
    }
}
