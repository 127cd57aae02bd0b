//! An indicator table (指标体系, 考核指标) on the breakdown page, as the
//! annex prints it: its own header (`一级指标` / `二级指标` / `评价标准` /
//! …), each group of rows under the group cell printed once for them (a
//! `<tbody>` whose first cell spans its rows), then each row's indicator
//! cell and its other cells in the header's order. A task table is left
//! as [`super::table_view`] shows it.

use super::TableView;
use crate::model::{Breakdown, BreakdownRow, TableKind};
use serde::Serialize;

/// The header and the groups of an indicator table.
#[derive(Serialize)]
pub(super) struct Printed {
    /// The header cells as printed.
    columns: Vec<String>,
    /// How many columns the group cells span (those before the
    /// indicator's own: `一级指标` over `二级指标`); 0 when none.
    group_columns: usize,
    groups: Vec<Group>,
}

/// Rows `start..end` of the table's rows, under one group cell.
#[derive(Serialize)]
struct Group {
    name: Option<String>,
    start: usize,
    end: usize,
}

/// Gives `view`, table `k` of `b` with its `rows`, its printed layout
/// when it is an indicator table: its text cells laid under the header's
/// columns after the indicator's, in order.
pub(super) fn print(b: &Breakdown, k: usize, rows: &[&BreakdownRow], view: &mut TableView) {
    if b.table_kind(k) != TableKind::Indicators {
        return;
    }
    let columns: Vec<String> = match k.checked_sub(1) {
        None => b.columns.clone(),
        Some(i) => b
            .further
            .get(i)
            .map(|t| t.columns.clone())
            .unwrap_or_default(),
    };
    let group_columns = crate::parse::group_columns(&columns);
    let cells: Vec<String> = columns.iter().skip(group_columns + 1).cloned().collect();
    for (row, shown) in rows.iter().zip(&mut view.rows) {
        shown.extra = cells
            .iter()
            .map(|c| {
                let cell = row.extra.iter().find(|(name, _)| name == c);
                (c.clone(), cell.map(|(_, v)| v.clone()).unwrap_or_default())
            })
            .collect();
    }
    view.extra_columns = cells;
    let mut groups: Vec<Group> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        match groups.last_mut() {
            Some(g) if g.name == row.group => g.end = i + 1,
            _ => groups.push(Group {
                name: row.group.clone(),
                start: i,
                end: i + 1,
            }),
        }
    }
    view.printed = Some(Printed {
        columns,
        group_columns,
        groups,
    });
}
