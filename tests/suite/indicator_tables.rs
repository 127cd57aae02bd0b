//! An indicator table (指标体系: `一级指标` / `二级指标` / `评价标准` /
//! `指标含义` / `数据来源`, no `序号`) before the task table, built into a
//! site (fixture `tests/fixtures/site/indicators`): the breakdown page
//! shows it as printed, and each figure of a criterion cell has a target
//! page that states it with its deadline, quotes the cell and links to
//! the row; the definitions' formulas state none.

use crate::common;

use common::html::{attrs, texts};
use common::{build, copy_tree, fixture, Built};

fn built() -> (tempfile::TempDir, Built) {
    let portal = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture("site/indicators"), portal.path());
    let built = build(portal.path(), None);
    (portal, built)
}

fn target_pages(built: &Built) -> Vec<String> {
    built
        .files()
        .into_iter()
        .filter(|f| f.starts_with("zh/targets/") && f.ends_with("index.html"))
        .map(|f| built.page(&f))
        .filter(|html| html.contains("id=\"mentions-h\""))
        .collect()
}

#[test]
fn a_criterion_cells_target_page_states_its_figure_deadline_and_row() {
    let (_portal, built) = built();
    let pages = target_pages(&built);
    let page = pages
        .iter()
        .find(|html| html.contains("<mark>95%</mark>"))
        .unwrap_or_else(|| panic!("no target page marks 95% among {} pages", pages.len()));
    // Named by its indicator, without the indicator's number.
    assert_eq!(texts(page, "article h1"), ["重点人群签约服务覆盖率"]);
    // The deadline the cell states, not the table's edition (2023年版).
    assert_eq!(texts(page, "p.figure .commitment"), ["达到95%"]);
    assert!(page.contains("<dd>2035</dd>"), "{page}");
    let mentions = page
        .split("id=\"mentions-h\"")
        .nth(1)
        .expect("mentions section");
    assert!(
        mentions.contains("较上一年增加。2023年达到80%,力争2035年达到<mark>95%</mark>。"),
        "{mentions}"
    );
    assert_eq!(texts(mentions, "span.cell"), ["评价标准"]);
    // The row named by its indicator as printed, not `第1行` (the task
    // table has a row 1 too).
    assert_eq!(
        texts(mentions, "li > p > a"),
        ["指标1.重点人群签约服务覆盖率"]
    );
    assert!(
        common::hrefs(mentions)
            .iter()
            .any(|h| h.ends_with("/breakdown/#annex-1-row-1")),
        "{mentions}"
    );
}

/// Only the criterion cells state targets: four figures, none of the
/// definitions' `*100%` nor the edition's year.
#[test]
fn definitions_and_sources_state_no_target() {
    let (_portal, built) = built();
    let pages = target_pages(&built);
    let mut marked: Vec<String> = pages
        .iter()
        .flat_map(|p| texts(p, ".mentions mark"))
        .collect();
    marked.sort();
    assert_eq!(marked, ["1-3个百分点", "75%", "80%", "95%"]);
    for p in &pages {
        assert_eq!(texts(p, "span.cell"), ["评价标准"], "{p}");
    }
}

/// The breakdown page: the task table first, as before (`row-1`), then the
/// indicator table under its own header as printed, each group cell
/// spanning its rows, each row's anchor the one its targets link to.
#[test]
fn the_indicator_table_is_shown_as_printed() {
    let (_portal, built) = built();
    let page = built.page("zh/policies/family-doctors-2023/breakdown/index.html");
    assert_eq!(
        attrs(&page, "table.stack:not(.indicators) tbody tr", "id"),
        ["row-1", "row-2"]
    );
    let t = |css: &str| format!("table.indicators {css}");
    assert_eq!(
        texts(&page, &t("thead th")),
        ["一级指标", "二级指标", "评价标准", "指标含义", "数据来源"]
    );
    assert_eq!(
        attrs(&page, &t("tbody tr"), "id"),
        ["annex-1-row-1", "annex-1-row-2", "annex-1-row-3"]
    );
    assert_eq!(
        texts(&page, &t("th[scope=rowgroup]")),
        ["签约数量指标", "服务效果"]
    );
    assert_eq!(
        attrs(&page, &t("th[scope=rowgroup]"), "rowspan"),
        ["2", "1"]
    );
    assert_eq!(
        texts(&page, &t("th[scope=row]")),
        [
            "1.重点人群签约服务覆盖率",
            "2.签约服务覆盖率",
            "3.签约居民续约率"
        ]
    );
    // Stacked on a phone: each cell labelled with its column.
    assert_eq!(
        attrs(&page, &t("tr#annex-1-row-1 td"), "data-label"),
        ["评价标准", "指标含义", "数据来源"]
    );
    // Every cell as printed, in the header's order.
    assert_eq!(
        texts(&page, &t("tr#annex-1-row-1 td")),
        [
            "较上一年增加。2023年达到80%,力争2035年达到95%。",
            "重点人群签约服务覆盖率=签约的重点人群数/辖区内重点人群数*100%。",
            "国家统计年报。"
        ]
    );
}
