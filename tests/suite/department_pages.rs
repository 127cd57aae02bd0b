//! Issue 16 on the built seed portal: a department's page reads as its
//! duty list (each row and clause naming it, quoted as published, with the
//! targets it states), under the department's Chinese full and short names
//! on the Chinese page; tables become labelled cards on phones; and the
//! parser's confidence in a row's link to the plan is for `gazette review`,
//! never for readers.

use crate::common;

use common::{seed_root, Built};

const POLICY: &str = "innovation-capital-2017-2020";

fn built() -> &'static Built {
    common::seed_site()
}

fn select(html: &str, css: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(css).expect("selector");
    doc.select(&sel).map(|e| e.text().collect()).collect()
}

fn attrs(html: &str, css: &str, attr: &str) -> Vec<Option<String>> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(css).expect("selector");
    doc.select(&sel)
        .map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

/// The seed's lines exactly as published.
fn seed_lines() -> Vec<String> {
    let text = std::fs::read_to_string(seed_root().join("seeds/000_8f98049102453562.txt"))
        .expect("seed text");
    text.lines().map(str::to_owned).collect()
}

#[test]
fn the_chinese_page_names_the_department_by_its_chinese_full_and_short_names() {
    let site = built();
    let zh = site.page("zh/departments/science-technology/index.html");
    assert_eq!(select(&zh, "h1"), ["南通市科学技术局"]);
    let names = select(&zh, "dl.names dd");
    assert_eq!(names[0], "市科技局", "{names:?}");
    assert_eq!(
        attrs(&zh, "dl.names dd[lang=en]", "lang").len(),
        1,
        "the English name is marked as English"
    );
    assert!(zh.contains("<title>南通市科学技术局"), "the title too");
    let en = site.page("en/departments/science-technology/index.html");
    assert_eq!(
        select(&en, "h1"),
        ["Nantong Municipal Bureau of Science and Technology"]
    );
    assert_eq!(
        attrs(&en, "dl.names dd[lang=zh-Hans]", "lang").len(),
        1,
        "the Chinese name on the English page is marked as Chinese"
    );
    assert!(select(&en, "dl.names dd").contains(&"南通市科学技术局".to_owned()));
}

#[test]
fn every_row_naming_the_bureau_is_quoted_on_its_page_as_published() {
    let site = built();
    let page = site.page("zh/departments/science-technology/index.html");
    let quoted = select(&page, "blockquote.duty-text");
    let seed = seed_lines();
    // Every quote is a published line, or a part of one (an action's
    // text after its title, without the clause), character for character.
    for q in &quoted {
        let q = q.trim();
        assert!(
            seed.iter().any(|l| l.contains(q)),
            "not verbatim from the seed: {q}"
        );
    }
    // Every table row that names 市科技局 is quoted: the line after its
    // number in the annex, as published (row 9 is the one with two
    // sentences and half-width commas).
    let annex = seed
        .iter()
        .position(|l| l.trim() == "重点工作任务分解表")
        .expect("the annex");
    let rows: Vec<Vec<&String>> = seed[annex..]
        .split(|l| l.trim().parse::<u32>().is_ok())
        .skip(1)
        .map(|cells| cells.iter().filter(|c| !c.trim().is_empty()).collect())
        .collect();
    assert_eq!(rows.len(), 12, "the seed's annex has 12 rows");
    let mut naming = 0;
    for cells in &rows {
        if cells[1..].iter().any(|c| c.contains("市科技局")) {
            naming += 1;
            assert!(
                quoted.iter().any(|q| q.trim() == cells[0].trim()),
                "row `{}` is not quoted whole",
                cells[0]
            );
        }
    }
    assert_eq!(naming, 11, "rows 1–11 name the bureau");
    assert!(quoted
        .iter()
        .any(|q| q.contains("建设创业服务平台50个以上、众创空间10万平方米以上")));
    // Each quoted row links to its place in the table, and its figures to
    // their target pages.
    assert_eq!(
        attrs(
            &page,
            "ol.duties .duty-source a[href*='/breakdown/#row-']",
            "href"
        )
        .len(),
        11
    );
    let row9 = page
        .split(&format!("/zh/policies/{POLICY}/breakdown/#row-9\""))
        .nth(1)
        .and_then(|s| s.split("</li>\n").next())
        .expect("row 9 on the page");
    for slug in ["/zh/targets/", "/zh/departments/finance/"] {
        assert!(row9.contains(slug), "row 9 lacks {slug}: {row9}");
    }
    // The action's tasks with no clause of their own are listed under it,
    // with the targets their text states.
    let tasks = select(
        &page,
        "section[aria-labelledby=leads-h] ul.covered-tasks > li > a",
    );
    assert_eq!(tasks.len(), 18, "tasks 1–18 answer to actions (1)–(6)");
    assert!(tasks.contains(&"2.加快发展战略性新兴产业".to_owned()));
}

#[test]
fn counts_name_kinds_the_document_uses_and_add_nothing_unlike() {
    let site = built();
    for lang in ["zh", "en"] {
        let page = site.page(&format!("{lang}/departments/science-technology/index.html"));
        let kinds = select(&page, "table.counts tbody th");
        assert_eq!(kinds.len(), 3, "actions, rows, targets: {kinds:?}");
        // No task of the seed has a clause of its own: no row of zeros.
        let tasks = if lang == "zh" { "任务" } else { "Tasks" };
        assert!(!kinds.contains(&tasks.to_owned()), "{kinds:?}");
        // Each group heading counts the duties listed under it.
        let doc = scraper::Html::parse_document(&page);
        let h3 = scraper::Selector::parse("section h3").expect("selector");
        for h in doc.select(&h3) {
            let text: String = h.text().collect();
            let n: usize = text
                .rsplit('(')
                .next()
                .and_then(|s| s.trim_end_matches(')').parse().ok())
                .expect("a count");
            let list = h
                .next_siblings()
                .filter_map(scraper::ElementRef::wrap)
                .find(|e| e.value().name() == "ol")
                .expect("its list");
            let items = list
                .children()
                .filter_map(scraper::ElementRef::wrap)
                .count();
            assert_eq!(items, n, "{lang}: {text}");
        }
    }
}

#[test]
fn no_public_page_shows_how_sure_the_parser_is_of_a_link() {
    let site = built();
    let labels = [
        "clear match",
        "likely match",
        "possible match",
        "对应明确",
        "较可能对应",
        "可能对应",
    ];
    let mut pages = 0;
    for f in site.files() {
        if !f.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = site.page(&f);
        for l in labels {
            assert!(!html.contains(l), "{f} shows `{l}`");
        }
    }
    assert!(pages > 100, "only {pages} pages");
    // The breakdown table still links each row to the plan item it restates.
    let table = site.page(&format!("zh/policies/{POLICY}/breakdown/index.html"));
    assert!(table.contains(&format!("/zh/policies/{POLICY}/#section-3-1\"")));
    // The review keeps it, for the person checking the parse.
    let opts = gazette::BuildOptions::new(seed_root());
    let review = gazette::review::review_policy(&opts, "000_8f98049102453562").expect("review");
    assert!(
        review.rows[0].links[0].contains("(clear match, "),
        "{:?}",
        review.rows[0].links
    );
    assert!(review.rows[10].links[0].contains("(possible match, "));
}

#[test]
fn wide_tables_label_every_cell_for_phones_and_drop_a_column_of_one_value() {
    let site = built();
    for lang in ["zh", "en"] {
        for page in [
            format!("{lang}/policies/{POLICY}/breakdown/index.html"),
            format!("{lang}/targets/index.html"),
            format!("{lang}/targets/department/science-technology/index.html"),
            format!("{lang}/departments/index.html"),
        ] {
            let html = site.page(&page);
            let labels = attrs(&html, "table.stack tbody td", "data-label");
            assert!(!labels.is_empty(), "{page}: no stacked table");
            assert!(
                labels
                    .iter()
                    .all(|l| l.as_deref().is_some_and(|l| !l.is_empty())),
                "{page}: a cell without its column's label"
            );
        }
        // One policy: the target index names none.
        let index = site.page(&format!("{lang}/targets/index.html"));
        let headings = select(&index, "table thead th");
        assert_eq!(headings.len(), 5, "{headings:?}");
        assert!(!index.contains(&format!("/{lang}/policies/{POLICY}/\">")));
    }
}
