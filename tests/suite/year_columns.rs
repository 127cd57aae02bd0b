//! An annex table with year columns (`2021年` / `2022年计划` /
//! `2023年计划`), built into a site: each cell's figure is its year's
//! target, and the target page quotes the cell, names its column and year,
//! and links to the row (fixture `tests/fixtures/site/year_columns`).

use crate::common;

use common::{build, copy_tree, fixture};

#[test]
fn a_year_cells_target_page_shows_its_figure_year_and_row() {
    let portal = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture("site/year_columns"), portal.path());
    let built = build(portal.path(), None);
    // The target of row 2's `2022年计划` cell (`建设中转站2座`).
    let pages: Vec<String> = built
        .files()
        .into_iter()
        .filter(|f| f.starts_with("zh/") && f.contains("target") && f.ends_with("index.html"))
        .collect();
    let page = pages
        .iter()
        .map(|f| built.page(f))
        .find(|html| html.contains("<mark>2座</mark>"))
        .unwrap_or_else(|| panic!("no target page marks 2座 among {pages:?}"));
    let mentions = page
        .split("id=\"mentions-h\"")
        .nth(1)
        .expect("mentions section");
    // The cell as published with the figure marked, its column, and a link
    // to row 2 of the table.
    assert!(
        mentions.contains("建设中转站<mark>2座</mark>"),
        "{mentions}"
    );
    assert!(mentions.contains("2022年计划"), "{mentions}");
    assert!(
        common::hrefs(mentions)
            .iter()
            .any(|h| h.ends_with("#row-2")),
        "{mentions}"
    );
    // The deadline is the column's year, stated (the plan ends in 2023).
    assert!(page.contains("<dd>2022</dd>"), "{page}");
}
