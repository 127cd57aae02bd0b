//! A table of figures by 街镇 under a two-level header whose rows leave
//! out cells, at their ends or in their middle, with a totals row (`合计`,
//! and `市级指标` after it) printed without a number (fixtures
//! `tests/fixtures/parse/figures_totals.txt`, `figures_totals_gaps.txt` and
//! the portal `tests/fixtures/site/totals`): when the column sums place
//! every row one way only, the rows are read under their columns and their
//! figures are targets; when they allow more than one way, the short rows
//! are kept as text and said, and the totals rows are always kept as text
//! and said.

use crate::common;

use common::{build, copy_tree, fixture};
use gazette::model::{Policy, PolicyId, WarningKind};
use gazette::parse::{parse_policy, ParseOptions};

fn parsed() -> Policy {
    parsed_fixture("figures_totals.txt")
}

fn parsed_fixture(name: &str) -> Policy {
    let bytes = std::fs::read(format!("tests/fixtures/parse/{name}")).expect("fixture");
    parse_policy(PolicyId::from(name), name, &bytes, &ParseOptions::default())
        .expect("fixture parses")
}

/// Rows 1 and 2 print all five figures; row 3 leaves out its first cell
/// and row 4 its last two: only one placement makes every column sum to
/// the 合计 row (156, 3, 287, 76.92, 38.46), so their figures stand under
/// those columns. Row 5 prints two empty cells, which fit several columns:
/// they stand in none (the row's cells are empty either way), and nothing
/// is lost. The 合计 lines are cut off row 5, kept as its text and warned,
/// never read as a row's figures.
#[test]
fn the_totals_row_places_rows_that_leave_out_leading_or_trailing_cells() {
    let p = parsed();
    let b = p.breakdown.as_ref().expect("table");
    let numbers: Vec<u32> = b.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    let cells = |row: usize| -> Vec<(&str, &str)> {
        b.rows[row]
            .extra
            .iter()
            .map(|(c, v)| (c.as_str(), v.as_str()))
            .collect()
    };
    assert_eq!(
        cells(2),
        [
            ("湿垃圾车累计数(辆)", "1"),
            ("服务点累计(个)", "79"),
            ("可回收物量\n吨/日", "29.53"),
            ("干垃圾控制量\n吨/日", "14.77"),
        ]
    );
    assert_eq!(
        cells(3),
        [
            ("达标小区累计(个)", "30"),
            ("湿垃圾车累计数(辆)", "/"),
            ("服务点累计(个)", "45"),
        ]
    );
    assert!(cells(4).is_empty());
    assert_eq!(b.rows[4].content, "合计\n156\n3\n287\n76.92\n38.46");
    let structure = structure_warnings(&p);
    assert_eq!(structure.len(), 1, "{structure:?}");
    assert_eq!(structure[0].0, 48);
    assert!(structure[0].1.contains("`合计`"), "{}", structure[0].1);
    // Rows 3 and 4's figures are targets in their columns' units, by the
    // title's year; nothing is read from row 5 or the totals.
    let mut found: Vec<(String, f64, String)> = p
        .targets
        .iter()
        .flat_map(|t| {
            t.mentions
                .iter()
                .filter(|m| m.item.as_str() == "row-3" || m.item.as_str() == "row-4")
                .map(move |m| (m.item.as_str().to_owned(), t.value.value, t.unit.clone()))
        })
        .collect();
    found.sort_by(|a, b| {
        (a.0.as_str(), a.1)
            .partial_cmp(&(b.0.as_str(), b.1))
            .expect("order")
    });
    let found: Vec<(&str, f64, &str)> = found
        .iter()
        .map(|(r, v, u)| (r.as_str(), *v, u.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("row-3", 1.0, "辆"),
            ("row-3", 14.77, "吨/日"),
            ("row-3", 29.53, "吨/日"),
            ("row-3", 79.0, "个"),
            ("row-4", 30.0, "个"),
            ("row-4", 45.0, "个"),
        ]
    );
    assert!(p.targets.iter().all(|t| t.deadline == Some(2019)));
    assert!(!p
        .targets
        .iter()
        .any(|t| t.mentions.iter().any(|m| m.item.as_str() == "row-5")));
}

/// Built into a site, the target of row 3's `79` names the row (a link to
/// row 3 of the table, its 街镇 as the unit responsible) and the column,
/// and quotes the cell with the figure marked.
#[test]
fn a_placed_cells_target_page_names_its_row_and_column() {
    let portal = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture("site/totals"), portal.path());
    let built = build(portal.path(), None);
    let pages: Vec<String> = built
        .files()
        .into_iter()
        .filter(|f| f.starts_with("zh/targets/") && f.ends_with("index.html"))
        .collect();
    let page = pages
        .iter()
        .map(|f| built.page(f))
        .find(|html| html.contains("<mark>79</mark>"))
        .unwrap_or_else(|| panic!("no target page marks 79 among {pages:?}"));
    assert!(page.contains("<h1>服务点累计</h1>"), "{page}");
    assert!(page.contains("<dd class=\"unit\">个</dd>"), "{page}");
    let mentions = page
        .split("id=\"mentions-h\"")
        .nth(1)
        .expect("mentions section");
    assert!(mentions.contains("<p><mark>79</mark></p>"), "{mentions}");
    assert!(mentions.contains("服务点累计(个)"), "{mentions}");
    assert!(
        common::hrefs(mentions)
            .iter()
            .any(|h| h.ends_with("#row-3")),
        "{mentions}"
    );
    let responsible = page
        .split("id=\"responsible-h\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("responsible section");
    assert!(responsible.contains("丙镇"), "{responsible}");
    // No target page quotes the totals' figures.
    assert!(!pages
        .iter()
        .any(|f| built.page(f).contains("<mark>287</mark>")));
}

fn cells_of(b: &gazette::model::Breakdown, id: &str) -> Vec<(String, String)> {
    b.rows
        .iter()
        .find(|r| r.id.0 == id)
        .unwrap_or_else(|| panic!("no row {id}"))
        .extra
        .iter()
        .map(|(c, v)| (c.replace('\n', " "), v.clone()))
        .collect()
}

/// Annex 1: row 3 leaves out the middle cell 服务点 (`61`, `1`, `29.53`
/// under four columns). Only one placement meets both the 合计 and the
/// 市级指标 rows (217, 208, 6, 76.92): `1` is the 湿垃圾车 figure, not the
/// 服务点 one, and row 4's `/` (under 湿垃圾车 or 可回收物量, either way
/// empty) stands in no column. Annex 2: rows 3 and 4 print `5`, `3`, and
/// the sums are met with either one's `5` under 达标小区 and the other's
/// under 服务点 (25 and 25): neither row is placed, each is warned at its
/// line with the totals row's line and what was expected, and none of
/// their figures is a target.
#[test]
fn the_totals_place_a_middle_gap_and_refuse_two_readings() {
    let p = parsed_fixture("figures_totals_gaps.txt");
    let b = p.breakdown.as_ref().expect("table");
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(c, x)| ((*c).to_owned(), (*x).to_owned()))
            .collect()
    };
    assert_eq!(
        cells_of(b, "row-3"),
        pairs(&[
            ("达标小区累计(个)", "61"),
            ("湿垃圾车累计数(辆)", "1"),
            ("可回收物量 吨/日", "29.53"),
        ])
    );
    assert_eq!(
        cells_of(b, "row-4"),
        pairs(&[("达标小区累计(个)", "30"), ("服务点累计(个)", "45")])
    );
    assert!(cells_of(b, "annex-2-row-3").is_empty());
    assert!(cells_of(b, "annex-2-row-4").is_empty());
    let structure = structure_warnings(&p);
    let refused: Vec<usize> = structure
        .iter()
        .filter(|(_, m)| m.contains("more than one placement meets them"))
        .map(|(line, _)| *line)
        .collect();
    assert_eq!(refused, [72, 76], "{structure:?}");
    assert!(
        structure
            .iter()
            .all(|(_, m)| !m.contains("table row 3 prints 3")),
        "annex 1 row 3 is placed: {structure:?}"
    );
    let targets_of = |id: &str| -> Vec<(f64, String)> {
        p.targets
            .iter()
            .filter(|t| t.mentions.iter().any(|m| m.item.as_str() == id))
            .map(|t| (t.value.value, t.unit.clone()))
            .collect()
    };
    assert_eq!(
        targets_of("row-3"),
        [
            (61.0, "个".to_owned()),
            (1.0, "辆".to_owned()),
            (29.53, "吨/日".to_owned())
        ]
    );
    assert!(targets_of("annex-2-row-3").is_empty());
    assert!(targets_of("annex-2-row-4").is_empty());
}

/// The parse's structure warnings: line and message.
fn structure_warnings(p: &Policy) -> Vec<(usize, &str)> {
    p.warnings
        .iter()
        .filter(|w| w.kind == WarningKind::Structure)
        .map(|w| (w.line, w.message.as_str()))
        .collect()
}
