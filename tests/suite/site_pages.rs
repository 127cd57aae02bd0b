//! The built seed portal: every page kind exists in both languages, pages
//! link to anchors that exist, departments list what they answer for, and
//! the language switcher pairs pages; who answers for what is shown as the
//! document states it (distinct counts, conflicts, units named with no role)
//! and English evidence beside the Chinese (a fixture portal).

use crate::common;

use common::html::{attrs, texts};
use common::{hrefs, Built};

/// The seed portal, built without the search index: no test here searches,
/// and the index is most of a build's time.
fn built() -> &'static Built {
    common::seed_site()
}

const POLICY: &str = "innovation-capital-2017-2020";

#[test]
fn every_page_kind_exists_in_both_languages() {
    let site = built();
    for lang in ["zh", "en"] {
        for page in [
            String::new(),
            format!("policies/{POLICY}/"),
            format!("policies/{POLICY}/breakdown/"),
            "targets/".into(),
            "targets/rd-spending-share-of-gdp/".into(),
            "departments/".into(),
            "departments/intellectual-property/".into(),
            "glossary/".into(),
            "search/".into(),
        ] {
            let rel = format!("{lang}/{page}index.html");
            assert!(site.exists(&rel), "missing {rel}");
        }
        let home = site.page(&format!("{lang}/index.html"));
        let tag = if lang == "zh" { "zh-Hans" } else { "en" };
        assert!(
            home.contains(&format!("<html lang=\"{tag}\">")),
            "{lang} home lang"
        );
    }
    for page in ["index.html", "404.html", "zh/404.html", "en/404.html"] {
        assert!(site.exists(page), "missing {page}");
    }
    assert!(
        site.page("en/404.html").contains("href=\"/zh/404.html\""),
        "the English 404 switches to the Chinese one"
    );
    let root = site.page("index.html");
    assert!(
        root.contains("url=/zh/"),
        "root page sends readers to the default language"
    );
    assert!(
        root.contains("href=\"/en/\""),
        "root page lets readers choose English"
    );
}

#[test]
fn each_target_page_links_to_anchors_that_exist_in_the_policy_page() {
    let site = built();
    for lang in ["zh", "en"] {
        let policy = site.page(&format!("{lang}/policies/{POLICY}/index.html"));
        let breakdown = site.page(&format!("{lang}/policies/{POLICY}/breakdown/index.html"));
        let dir = site.out.join(lang).join("targets");
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).expect("targets dir") {
            let path = entry.expect("entry").path().join("index.html");
            let Ok(html) = std::fs::read_to_string(&path) else {
                continue;
            };
            for href in hrefs(&html) {
                let Some((page, anchor)) = href.split_once('#') else {
                    continue;
                };
                let holder = if page.ends_with("/breakdown/") {
                    &breakdown
                } else {
                    &policy
                };
                if page.contains("/policies/") {
                    assert!(
                        holder.contains(&format!("id=\"{anchor}\"")),
                        "{}: {href} points to a missing anchor",
                        path.display()
                    );
                    checked += 1;
                }
            }
        }
        assert!(
            checked >= 40,
            "{lang}: only {checked} mention links checked"
        );
    }
}

#[test]
fn the_intellectual_property_office_leads_row_12_and_action_8() {
    let site = built();
    let page = site.page("zh/departments/intellectual-property/index.html");
    let leads = page
        .split("id=\"leads-h\"")
        .nth(1)
        .and_then(|s| s.split("id=\"cooperates-h\"").next())
        .expect("a leads section");
    assert!(
        leads.contains(&format!("/zh/policies/{POLICY}/breakdown/#row-12")),
        "{leads}"
    );
    assert!(
        leads.contains(&format!("/zh/policies/{POLICY}/#section-3-8")),
        "{leads}"
    );
    assert!(!leads.contains("#row-1\""), "it does not lead row 1");
    let culture = site.page("en/departments/culture-press/index.html");
    let cooperates = culture
        .split("id=\"cooperates-h\"")
        .nth(1)
        .expect("co-operates section");
    assert!(
        cooperates.contains("#row-5"),
        "市文广新局 co-operates on row 5 (run-together cell)"
    );
    assert!(
        cooperates.contains("#row-12"),
        "市文广新局 co-operates on row 12 (run-together cell)"
    );
}

#[test]
fn the_language_switcher_goes_to_the_same_page_in_the_other_language() {
    let site = built();
    let mut pairs = 0;
    let chrome_pages = site.files().into_iter().filter(|f| {
        f.starts_with("zh/") && f.ends_with(".html") && !f.ends_with("/embed/index.html")
    });
    for rel in &chrome_pages.collect::<Vec<_>>() {
        let zh = site.page(rel);
        let switch = zh
            .split("class=\"lang-switch\" href=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_else(|| panic!("{rel} has no language switcher"));
        let en_rel = gazette::link::urls::file_for(switch, "/");
        assert_eq!(
            en_rel,
            rel.replacen("zh/", "en/", 1),
            "{rel} switches to {switch}"
        );
        let en = site.page(&en_rel);
        let back = format!("/{}", rel.strip_suffix("index.html").unwrap_or(rel));
        assert!(
            en.contains(&format!("class=\"lang-switch\" href=\"{back}\"")),
            "{en_rel} does not switch back"
        );
        for alt in [
            "hreflang=\"zh-Hans\"",
            "hreflang=\"en\"",
            "hreflang=\"x-default\"",
        ] {
            assert!(zh.contains(alt), "{rel} lacks {alt}");
        }
        pairs += 1;
    }
    assert!(pairs >= 42 + 20 + 7, "only {pairs} pages checked");
}

#[test]
fn figures_and_departments_in_the_text_are_links_and_clauses_are_labelled() {
    let site = built();
    let zh = site.page(&format!("zh/policies/{POLICY}/index.html"));
    assert!(zh.contains("<a class=\"target\" href=\"/zh/targets/rd-spending-share-of-gdp/\""));
    assert!(zh.contains("2.8%"));
    assert!(
        !zh.contains("(市科技局牵头"),
        "raw clause parentheses are not shown"
    );
    assert!(zh.contains("<span class=\"role\">牵头</span> <a href=\"/zh/departments/science-technology/\">市科技局</a>"));
    for anchor in [
        "id=\"chapter-3\"",
        "id=\"section-3-1\"",
        "id=\"task-12\"",
        "id=\"task-15-p1\"",
    ] {
        assert!(zh.contains(anchor), "policy page lacks {anchor}");
    }
}

#[test]
fn the_breakdown_table_is_a_real_table_with_linked_rows() {
    let site = built();
    let html = site.page(&format!("en/policies/{POLICY}/breakdown/index.html"));
    assert!(html.contains("<caption"));
    assert_eq!(html.matches("<th scope=\"row\"").count(), 12);
    let row5 = html
        .split("id=\"row-5\"")
        .nth(1)
        .and_then(|s| s.split("</tr>").next())
        .expect("row 5");
    for dept in [
        "commerce",
        "culture-press",
        "health-family-planning",
        "science-technology",
    ] {
        assert!(
            row5.contains(&format!("/en/departments/{dept}/")),
            "row 5 lacks {dept}"
        );
    }
    assert!(
        row5.contains(&format!("/en/policies/{POLICY}/#section-3-3")),
        "row 5 restates action (3)"
    );
}

#[test]
fn an_indicator_page_labels_each_responsibility_with_its_sources() {
    let site = built();
    let html = site.page("en/targets/high-tech-enterprises/index.html");
    assert!(html.contains("at least 1,000"), "the commitment in words");
    let section = html
        .split("id=\"responsible-h\"")
        .nth(1)
        .and_then(|s| s.split("</ul>").next())
        .expect("responsible list");
    let lead = section
        .split("<li>")
        .find(|li| li.contains("/en/departments/science-technology/"))
        .expect("the Science and Technology Bureau");
    assert!(lead.contains("— Lead"), "{lead}");
    assert!(
        lead.contains(&format!("/en/policies/{POLICY}/#section-3-2")),
        "the clause of action (2): {lead}"
    );
    assert!(
        lead.contains(&format!("/en/policies/{POLICY}/breakdown/#row-2")),
        "table row 2: {lead}"
    );
    assert_eq!(
        section
            .matches("/en/departments/science-technology/")
            .count(),
        1,
        "one line per department and role"
    );
    let mentions = html.split("id=\"mentions-h\"").nth(1).expect("mentions");
    for anchor in ["#chapter-2-p5", "#section-3-2-p1", "breakdown/#row-2"] {
        assert!(mentions.contains(anchor), "mention at {anchor}");
    }
}

#[test]
fn the_glossary_shows_each_language_its_own_definitions_and_never_translator_notes() {
    let site = built();
    let zh = site.page("zh/glossary/index.html");
    let en = site.page("en/glossary/index.html");
    // The seed curates English definitions only: the Chinese page lists
    // the terms without them rather than show English.
    assert!(zh.contains("中央创新区"), "{zh}");
    assert!(!zh.contains("Nantong's new urban innovation core"), "{zh}");
    assert!(
        en.contains("<br>Nantong&#x27;s new urban innovation core, around Zilang Lake.</dd>")
            || en.contains("<br>Nantong's new urban innovation core, around Zilang Lake.</dd>"),
        "{en}"
    );
    // Translator notes (`note:`) are published nowhere.
    for file in site.files() {
        if file.ends_with(".html") {
            let page = site.page(&file);
            for note in [
                "Keep the quoted label",
                "Run by the 中创办 office",
                "name kept in pinyin",
            ] {
                assert!(
                    !page.contains(note),
                    "{file} publishes the translator note `{note}`"
                );
            }
        }
    }
}

#[test]
fn a_chinese_definition_is_shown_on_the_chinese_glossary_only() {
    let dir = common::seed_copy();
    let path = dir.path().join("content/glossary.yaml");
    let text = std::fs::read_to_string(&path).expect("glossary");
    let text = text.replacen(
        "  en: Central Innovation District\n",
        "  en: Central Innovation District\n  definition_zh: 南通紫琅湖周边的城市创新核心区。\n",
        1,
    );
    std::fs::write(&path, text).expect("write");
    let site = common::build_with(dir.path(), |o| o.search = false);
    assert!(site
        .page("zh/glossary/index.html")
        .contains("<br>南通紫琅湖周边的城市创新核心区。</dd>"));
    assert!(!site
        .page("en/glossary/index.html")
        .contains("南通紫琅湖周边的城市创新核心区"));
}

/// The `href` of every element of `html` that `css` selects.
fn links(html: &str, css: &str) -> Vec<String> {
    attrs(html, css, "href")
}

#[test]
fn department_pages_and_index_count_distinct_things_each_named() {
    let site = built();
    let index = site.page("en/departments/index.html");
    let headings = texts(&index, "thead th");
    assert_eq!(
        headings,
        [
            "Department",
            "Targets led",
            "Targets co-operated on",
            "Table rows led",
            "Table rows co-operated on",
            "Actions led"
        ]
    );
    let doc = scraper::Html::parse_document(&index);
    let row_sel = scraper::Selector::parse("tbody tr").expect("selector");
    let cell = scraper::Selector::parse("td").expect("selector");
    let science = doc
        .select(&row_sel)
        .find(|r| r.html().contains("/en/departments/science-technology/"))
        .expect("the Science and Technology Bureau");
    let counts: Vec<String> = science.select(&cell).map(|c| c.text().collect()).collect();
    // 23 distinct targets led (once each, though the clause and the table
    // both say so), 8 rows, 6 actions: not one sum of unlike things. No
    // task of the seed has a clause of its own: no "tasks led" column of
    // zeros.
    assert_eq!(counts[0], "23", "{counts:?}");
    assert_eq!(counts[2], "8", "{counts:?}");
    assert_eq!(counts[4], "6", "{counts:?}");
    let page = site.page("en/departments/science-technology/index.html");
    let kinds = texts(&page, "table.counts tbody th");
    assert_eq!(kinds, ["Actions", "Table rows", "Targets"]);
    assert_eq!(
        texts(&page, "table.counts tbody td"),
        ["6", "1", "8", "3", "23", "5"]
    );
    let groups = texts(&page, "section[aria-labelledby=leads-h] h3");
    assert_eq!(groups, ["Actions (6)", "Table rows (8)"]);
    let led = links(&page, "section[aria-labelledby=leads-h] .duty-source a");
    let mut seen = std::collections::HashSet::new();
    assert!(led.iter().all(|li| seen.insert(li)), "each duty once");
}

#[test]
fn rows_that_contradict_the_plan_on_who_leads_say_so_where_they_are_shown() {
    let site = built();
    let table = site.page(&format!("en/policies/{POLICY}/breakdown/index.html"));
    let doc = scraper::Html::parse_document(&table);
    for (row, item, lead) in [
        ("row-4", "#task-6", "state-taxation"),
        ("row-8", "#task-14", "commerce"),
    ] {
        let sel = scraper::Selector::parse(&format!("tr#{row} .conflict a")).expect("selector");
        let hrefs: Vec<&str> = doc
            .select(&sel)
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert!(hrefs.iter().any(|h| h.ends_with(item)), "{row}: {hrefs:?}");
        assert!(
            hrefs.contains(&format!("/en/departments/{lead}/").as_str())
                && hrefs.contains(&"/en/departments/science-technology/"),
            "{row}: {hrefs:?}"
        );
    }
    assert_eq!(texts(&table, ".conflict").len(), 2, "only rows 4 and 8");
    for (dept, n) in [
        ("science-technology", 2),
        ("state-taxation", 1),
        ("commerce", 1),
    ] {
        let page = site.page(&format!("zh/departments/{dept}/index.html"));
        assert_eq!(texts(&page, "ul.conflicts li").len(), n, "{dept}");
    }
    let finance = site.page("en/departments/finance/index.html");
    assert!(texts(&finance, "ul.conflicts li").is_empty());
}

mod responsibility {
    //! A fixture of two plans: one whose table gives a task another lead
    //! than the plan's clause, one whose clauses and table name units with
    //! no roles (`（责任单位：…）`, a single `推进单位` column).

    use super::{links, texts};
    use crate::common::{build_with, fixture, Built};

    fn built() -> Built {
        build_with(&fixture("responsibility/portal"), |o| o.search = false)
    }

    #[test]
    fn a_target_inside_an_action_answers_to_its_clause_and_says_so() {
        let site = built();
        let page = site.page("en/targets/tech-smes/index.html");
        let sources = texts(&page, "ul.responsible small a");
        assert!(
            sources.contains(
                &"from the responsibility clause of Action (1): Enterprise development".to_owned()
            ),
            "{sources:?}"
        );
        assert!(texts(&page, "p.named").is_empty(), "every role is stated");
        let hrefs = links(&page, "ul.responsible small a");
        assert!(hrefs.contains(&"/en/policies/stated/#section-2-1".to_owned()));
        // Row 1 names another lead than the clause: both are shown, and
        // the contradiction is said in words.
        let note = links(&page, "p.conflict a");
        assert_eq!(
            note,
            [
                "/en/policies/stated/breakdown/#row-1",
                "/en/departments/development-reform/",
                "/en/policies/stated/#task-1",
                "/en/departments/science-technology/",
            ]
        );
        let zh = site.page("zh/targets/tech-smes/index.html");
        assert_eq!(texts(&zh, "p.conflict").len(), 1);
        // On the department page the target is counted once, under its
        // strongest role, and listed under each duty that states it: the
        // row it leads and the action it co-operates on.
        let dept = site.page("en/departments/development-reform/index.html");
        assert_eq!(texts(&dept, "table.counts tbody th")[2], "Targets");
        // Lead, co-operating, named (the portal's other plan names units
        // with no roles).
        assert_eq!(texts(&dept, "table.counts tbody td")[6..], ["1", "0", "0"]);
        for (role, place) in [("leads", "Row 1"), ("cooperates", "Action (1)")] {
            let duties = texts(
                &dept,
                &format!("section[aria-labelledby={role}-h] ol.duties > li"),
            );
            assert_eq!(duties.len(), 1, "{duties:?}");
            assert!(duties[0].trim_start().starts_with(place), "{duties:?}");
            assert!(duties[0].contains("— 300"), "{duties:?}");
        }
        assert_eq!(texts(&dept, "ul.conflicts li").len(), 1);
        // No clause, no table: no department, and the organisation section.
        let rd = site.page("en/targets/rd-share/index.html");
        assert!(texts(&rd, "ul.responsible").is_empty());
        assert!(links(&rd, "section[aria-labelledby=responsible-h] a")
            .contains(&"/en/policies/stated/#section-3-1".to_owned()));
    }

    #[test]
    fn units_named_without_roles_are_never_shown_as_leading() {
        let site = built();
        for lang in ["en", "zh"] {
            let page = site.page(&format!("{lang}/targets/leading-enterprises/index.html"));
            let roles = texts(&page, "ul.responsible li");
            assert_eq!(roles.len(), 2, "{roles:?}");
            let named = if lang == "en" {
                "— Named, role not stated"
            } else {
                "— 列为责任单位（未分牵头、配合）"
            };
            assert!(roles.iter().all(|r| r.contains(named)), "{roles:?}");
            assert_eq!(
                texts(&page, "section[aria-labelledby=responsible-h] p.named").len(),
                1
            );
            let table = site.page(&format!("{lang}/policies/unstated/breakdown/index.html"));
            let headings = texts(&table, "thead th");
            let (lead, named_units) = if lang == "en" {
                ("Lead units", "Units named (the document states no roles)")
            } else {
                ("牵头单位", "责任单位（原文未分牵头、配合）")
            };
            assert!(!headings.iter().any(|h| h == lead), "{headings:?}");
            assert!(headings.iter().any(|h| h == named_units), "{headings:?}");
            assert_eq!(texts(&table, "td.named").len(), 2);
            let policy = site.page(&format!("{lang}/policies/unstated/index.html"));
            let clauses = texts(&policy, "p.clause");
            assert!(clauses[0].starts_with(named_units), "{clauses:?}");
            // The clause that does state roles keeps them.
            assert!(!clauses[1].starts_with(named_units), "{clauses:?}");
        }
        // English names hold commas: the list is cut with `; `.
        let table = site.page("en/policies/unstated/breakdown/index.html");
        assert!(texts(&table, "tr#row-1 td.named")[0]
            .contains("Industry and Information Technology; County Office"));
        let dept = site.page("en/departments/industry/index.html");
        assert_eq!(
            texts(&dept, "table.counts thead th"),
            [
                "Leads",
                "Co-operates on",
                "Named as responsible, role not stated"
            ]
        );
        // Actions, rows and targets; no task has a clause of its own.
        assert_eq!(
            texts(&dept, "table.counts tbody td"),
            ["0", "0", "1", "0", "0", "1", "0", "0", "1"]
        );
        assert!(texts(&dept, "section[aria-labelledby=leads-h] li").is_empty());
        assert_eq!(
            texts(&dept, "section[aria-labelledby=named_in-h] ol.duties > li").len(),
            2,
            "an action and a row"
        );
    }

    #[test]
    fn open_data_keeps_units_named_without_roles_apart() {
        let site = built();
        let read = |name: &str| -> Vec<serde_json::Value> {
            serde_json::from_str(&site.page(&format!("data/{name}.json"))).expect("json")
        };
        let rows = read("breakdown");
        let row = rows
            .iter()
            .find(|r| r["policy"] == "unstated" && r["id"] == "row-1")
            .expect("row 1");
        assert_eq!(row["lead"], serde_json::json!([]));
        assert_eq!(
            row["named"],
            serde_json::json!(["industry", "county-development"])
        );
        let targets = read("targets");
        let t = targets
            .iter()
            .find(|t| t["id"] == "leading-enterprises")
            .expect("target");
        assert_eq!(t["lead"], serde_json::json!([]));
        assert_eq!(
            t["named"],
            serde_json::json!(["industry", "county-development"])
        );
        let depts = read("departments");
        let d = depts.iter().find(|d| d["id"] == "industry").expect("dept");
        assert_eq!(d["leads_targets"], serde_json::json!([]));
        assert_eq!(
            d["named_targets"],
            serde_json::json!(["leading-enterprises"])
        );
        let csv = site.page("data/departments.csv");
        assert!(csv
            .lines()
            .next()
            .expect("header")
            .contains(",named_targets,"));
    }

    #[test]
    fn english_evidence_quotes_the_translation_of_the_same_unit_with_the_figure_marked() {
        let site = built();
        let page = site.page("en/targets/tech-smes/index.html");
        let chinese = texts(&page, "ol.mentions blockquote[lang=zh-Hans] mark");
        assert_eq!(chinese, ["300家", "300家"], "the task and the table row");
        let english = texts(&page, "ol.mentions blockquote.translation p");
        assert_eq!(
            english,
            ["By 2026, 300 new science and technology SMEs will be added.…"]
        );
        assert_eq!(
            texts(&page, "ol.mentions blockquote.translation mark"),
            ["300"]
        );
        assert_eq!(
            texts(&page, "ol.mentions blockquote.translation footer"),
            ["Unofficial translation"]
        );
        // Row 1 has no English: its Chinese alone, marked as Chinese.
        assert_eq!(texts(&page, "ol.mentions > li").len(), 2);
        assert_eq!(
            texts(&page, "ol.mentions blockquote[lang=zh-Hans]").len(),
            2
        );
        let zh = site.page("zh/targets/tech-smes/index.html");
        assert!(texts(&zh, "blockquote.translation").is_empty());
        let rd = site.page("en/targets/rd-share/index.html");
        assert_eq!(texts(&rd, "blockquote.translation mark"), ["2.5%"]);
    }
}

/// A document with two annex task tables (issue 14): the breakdown page
/// shows each under its own header and title, so a later table's rows
/// never sit under the first table's columns.
#[test]
fn each_annex_task_table_is_its_own_table_on_the_breakdown_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("portal");
    gazette::init::init(&root, false).expect("init");
    std::fs::remove_file(root.join("seeds/sample.txt")).expect("sample seed");
    std::fs::copy(
        common::fixture("parse/two_annex_tables.txt"),
        root.join("seeds/sorting.txt"),
    )
    .expect("seed");
    let b = common::build(&root, None);
    let page = b.page("zh/policies/sorting/breakdown/index.html");
    let tables: Vec<&str> = page.split("<table").skip(1).collect();
    assert_eq!(tables.len(), 2, "{page}");
    // The first: its own rows, with lead and co-operating columns.
    assert!(tables[0].contains("召开全区垃圾分类动员大会"));
    assert!(!tables[0].contains("甲镇"));
    assert!(tables[0].contains("牵头单位"));
    // The second: under its own title, its rows only.
    assert!(
        page.contains("<h2>2019年街镇垃圾分类目标任务分解表</h2>"),
        "{page}"
    );
    assert!(tables[1].contains("创建达标累计"));
    // Its text as published: a row's cells sit on the lines after its
    // first cell, and their full-width punctuation stays full-width.
    assert!(
        tables[1].contains("小区，“两网融合”分类量"),
        "{}",
        tables[1]
    );
    assert!(!tables[1].contains("召开全区垃圾分类动员大会"));
    assert!(tables[1].contains("id=\"breakdown-caption-2\""));
}
