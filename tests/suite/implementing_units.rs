//! A clause naming units that carry the work out under another's lead or
//! guidance (`(区民政局牵头,各街道具体实施)`, `(区商务委指导,各街道负责落实)`),
//! built into a site: the policy page shows them under the theme's
//! implementing role, in both languages, and the unit's department page
//! lists the actions it carries out (fixture `tests/fixtures/site/implementing`).

use crate::common;

use common::{build, copy_tree, fixture, Built};

fn built() -> Built {
    let portal = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture("site/implementing"), portal.path());
    build(portal.path(), None)
}

/// The text of each `p.clause` of the page, whitespace collapsed.
fn clauses(html: &str) -> Vec<String> {
    common::html::texts(html, "p.clause")
        .into_iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

fn page_of(built: &Built, lang: &str, part: &str) -> String {
    let file = built
        .files()
        .into_iter()
        .find(|f| {
            f.starts_with(&format!("{lang}/")) && f.contains(part) && f.ends_with("index.html")
        })
        .unwrap_or_else(|| panic!("no {lang} page under {part}"));
    built.page(&file)
}

#[test]
fn implementing_units_show_under_their_role_on_the_policy_and_department_pages() {
    let built = built();
    let zh = clauses(&page_of(&built, "zh", "policies/elderly-care-2024-2026"));
    assert!(
        zh.iter()
            .any(|c| c.contains("牵头 区民政局") && c.contains("实施主体 各街道")),
        "{zh:?}"
    );
    // Guided, not led: the implementing units alone, under their role.
    assert!(
        zh.iter()
            .any(|c| c.starts_with("实施主体 各街道") && !c.contains("牵头")),
        "{zh:?}"
    );
    // A co-operating unit is still shown as participating, not implementing.
    assert!(
        zh.iter()
            .any(|c| c.contains("区民政局") && !c.contains("实施主体") && c.contains("区人社局")),
        "{zh:?}"
    );
    let en = clauses(&page_of(&built, "en", "policies/elderly-care-2024-2026"));
    assert!(
        en.iter()
            .any(|c| c.contains("Implementing bodies Every subdistrict")),
        "{en:?}"
    );
    // The subdistricts' page names both actions they carry out.
    let dept = page_of(&built, "zh", "departments/subdistricts");
    assert!(dept.contains("完善服务网络"), "{dept}");
    assert!(dept.contains("推进助餐服务"), "{dept}");
    // Each duty's clause shows the subdistricts under their role.
    let duties = clauses(&dept);
    assert!(
        duties.len() >= 2 && duties.iter().all(|c| c.contains("实施主体")),
        "{duties:?}"
    );
}
