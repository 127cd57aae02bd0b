//! The built seed portal: every page kind exists in both languages, pages
//! link to anchors that exist, departments list what they answer for, and
//! the language switcher pairs pages.

mod common;

use common::{hrefs, seed_root, Built};

/// The seed portal, built without the search index: no test here searches,
/// and the index is most of a build's time.
fn built() -> Built {
    common::build_with(&seed_root(), |o| o.search = false)
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
    assert_eq!(html.matches("<th scope=\"row\">").count(), 12);
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
        en.contains("<dd>Nantong&#x27;s new urban innovation core, around Zilang Lake.</dd>")
            || en.contains("<dd>Nantong's new urban innovation core, around Zilang Lake.</dd>"),
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
        .contains("<dd>南通紫琅湖周边的城市创新核心区。</dd>"));
    assert!(!site
        .page("en/glossary/index.html")
        .contains("南通紫琅湖周边的城市创新核心区"));
}
