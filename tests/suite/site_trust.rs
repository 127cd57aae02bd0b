//! What every government page has, on the built seed portal and on a
//! portal made by `gazette init`: the policy's metadata block (values
//! checked against the seed text, `content/policies.yaml` and
//! `content/changelog.yaml`, "not stated" where neither gives one),
//! breadcrumbs with schema.org `BreadcrumbList` on every page below home,
//! the accessibility statement and contact line in every footer, and the
//! print styles that put the page's address and print date on paper.

use crate::common;

use common::{build, seed_root, Built};
use scraper::{Html, Selector};
use std::path::Path;

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

/// The text of the metadata row `key` of a policy page, and whether it
/// states a value.
fn meta_row(html: &Html, key: &str) -> (String, bool) {
    let row = html
        .select(&sel(&format!(".doc-meta .meta-{key}")))
        .next()
        .unwrap_or_else(|| panic!("no metadata row {key}"));
    let dd = row.select(&sel("dd")).next().expect("a value");
    let text = dd.text().collect::<String>().trim().to_owned();
    let stated = !row.value().classes().any(|c| c == "not-stated");
    (text, stated)
}

fn yaml(path: &Path) -> serde_norway::Value {
    serde_norway::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

const POLICY: &str = "000_8f98049102453562";

#[test]
fn the_policy_page_states_its_metadata_from_the_notice_and_policies_yaml() {
    let root = seed_root();
    let site = build(&root, None);
    let seed = std::fs::read_to_string(root.join(format!("seeds/{POLICY}.txt"))).unwrap();
    let meta = &yaml(&root.join("content/policies.yaml"))[POLICY];
    let source = meta["source_url"].as_str().expect("the seed's source_url");
    let changelog = yaml(&root.join("content/changelog.yaml"));
    let updated = changelog
        .as_sequence()
        .unwrap()
        .iter()
        .filter(|c| c["policy"].as_str() == Some(POLICY))
        .filter_map(|c| c["date"].as_str())
        .max()
        .expect("a change to the seed policy");
    for (lang, issuer_key, not_stated) in [
        ("zh", "issuer_zh", "未注明"),
        ("en", "issuer_en", "not stated"),
    ] {
        let html = Html::parse_document(&site.page(&format!(
            "{lang}/policies/innovation-capital-2017-2020/index.html"
        )));
        let issuer = meta[issuer_key].as_str().unwrap();
        assert_eq!(
            meta_row(&html, "issuer"),
            (issuer.to_owned(), true),
            "{lang}"
        );
        // The notice is signed 2017年12月15日 and its portal page says
        // 发布时间:2018-08-28; neither is in policies.yaml.
        assert!(seed.contains("2017年12月15日") && seed.contains("发布时间:2018-08-28"));
        assert!(meta.get("issued").is_none() && meta.get("published").is_none());
        assert_eq!(meta_row(&html, "issued"), ("2017-12-15".into(), true));
        assert_eq!(meta_row(&html, "published"), ("2018-08-28".into(), true));
        let time = html
            .select(&sel(".doc-meta .meta-issued time"))
            .next()
            .expect("a <time>");
        assert_eq!(time.value().attr("datetime"), Some("2017-12-15"));
        // The seed states no document number and no validity; nobody
        // supplied them: the page says so rather than guessing.
        assert!(!seed.contains('〔') && meta.get("document_number").is_none());
        assert_eq!(
            meta_row(&html, "number"),
            (not_stated.to_owned(), false),
            "{lang}"
        );
        assert_eq!(
            meta_row(&html, "validity"),
            (not_stated.to_owned(), false),
            "{lang}"
        );
        assert!(seed.contains("(2017~2020年)"));
        assert_eq!(meta_row(&html, "period"), ("2017–2020".into(), true));
        let link = html
            .select(&sel(".doc-meta .meta-source a"))
            .next()
            .expect("a link to the official source");
        assert_eq!(link.value().attr("href"), Some(source));
        assert_eq!(
            meta_row(&html, "source"),
            ("zt.nantong.gov.cn".into(), true)
        );
        assert_eq!(meta_row(&html, "updated"), (updated.to_owned(), true));
        // The page's Legislation JSON-LD states the same, and nothing it
        // leaves "not stated".
        let ld = page_ld(&html);
        assert_eq!(ld["legislationDate"], "2017-12-15");
        assert_eq!(ld["datePublished"], "2018-08-28");
        assert_eq!(ld["isBasedOn"], source);
        assert!(ld.get("legislationIdentifier").is_none() && ld.get("expires").is_none());
    }
}

/// The page's own JSON-LD (in `<head>`; the breadcrumbs' is in `<body>`).
fn page_ld(html: &Html) -> serde_json::Value {
    let script = html
        .select(&sel("head script[type='application/ld+json']"))
        .next()
        .expect("JSON-LD in head");
    serde_json::from_str(&script.text().collect::<String>()).expect("JSON-LD parses")
}

/// A portal made by `gazette init`, changed by `edit` before it is built.
fn init_portal(edit: impl FnOnce(&Path)) -> (tempfile::TempDir, Built) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("portal");
    gazette::init::init(&root, false).unwrap();
    edit(&root);
    let built = build(&root, None);
    (dir, built)
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{}: no `{from}`", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_document_number_is_read_from_the_notice_and_curated_values_win() {
    let (_dir, site) = init_portal(|root| {
        // A number line under the title, as gov.cn pages print it.
        replace_in(
            &root.join("seeds/sample.txt"),
            "发布时间:2024-03-01\n",
            "发布时间:2024-03-01\n示政办发〔2024〕3号\n",
        );
        let policies = root.join("content/policies.yaml");
        let mut text = std::fs::read_to_string(&policies).unwrap();
        text.push_str("  published: \"2024-03-05\"\n  valid_until: \"2026-12-31\"\n");
        std::fs::write(&policies, text).unwrap();
    });
    let zh = Html::parse_document(&site.page("zh/policies/innovation-2024-2026/index.html"));
    assert_eq!(
        meta_row(&zh, "number"),
        ("示政办发〔2024〕3号".into(), true)
    );
    // policies.yaml's date is shown instead of the notice's 发布时间.
    assert_eq!(meta_row(&zh, "published"), ("2024-03-05".into(), true));
    assert_eq!(meta_row(&zh, "validity"), ("至 2026-12-31".into(), true));
    assert_eq!(meta_row(&zh, "issued"), ("2024-02-26".into(), true));
    // No source_url and no changelog: not stated.
    assert_eq!(meta_row(&zh, "source"), ("未注明".into(), false));
    assert_eq!(meta_row(&zh, "updated"), ("未注明".into(), false));
    // On the English page the Chinese number is marked as Chinese.
    let en_page = site.page("en/policies/innovation-2024-2026/index.html");
    let en = Html::parse_document(&en_page);
    assert_eq!(
        meta_row(&en, "number"),
        ("示政办发〔2024〕3号".into(), true)
    );
    let marked = en
        .select(&sel(".doc-meta .meta-number span[lang=zh-Hans]"))
        .next()
        .expect("the number marked lang zh-Hans");
    assert_eq!(marked.text().collect::<String>(), "示政办发〔2024〕3号");
    assert_eq!(meta_row(&en, "validity"), ("until 2026-12-31".into(), true));
    let ld = page_ld(&en);
    assert_eq!(ld["legislationIdentifier"], "示政办发〔2024〕3号");
    assert_eq!(ld["datePublished"], "2024-03-05");
    assert_eq!(ld["expires"], "2026-12-31");
    // The number is metadata, not the notice's body.
    assert!(!en_page.contains("<p id=\"notice-p1\">示政办发"));
}

/// Every HTML page of the build in `lang/` that uses the site's layout
/// (redirect stubs and embeddable cards have none), with its path.
fn layout_pages(site: &Built, lang: &str) -> Vec<(String, Html)> {
    site.files()
        .into_iter()
        .filter(|f| f.starts_with(&format!("{lang}/")) && f.ends_with(".html"))
        .map(|f| {
            let html = Html::parse_document(&site.page(&f));
            (f, html)
        })
        .filter(|(_, html)| html.select(&sel("footer.site-footer")).next().is_some())
        .collect()
}

#[test]
fn every_page_below_home_has_breadcrumbs_and_a_breadcrumb_list() {
    let site = build(&seed_root(), None);
    let origin = "https://example.gov.cn";
    for lang in ["zh", "en"] {
        let pages = layout_pages(&site, lang);
        assert!(pages.len() > 50, "{lang}: {} pages", pages.len());
        for (file, html) in &pages {
            let nav = html.select(&sel("nav.breadcrumbs")).next();
            if file == &format!("{lang}/index.html") {
                assert!(nav.is_none(), "{file}: home has no breadcrumbs");
                continue;
            }
            let nav = nav.unwrap_or_else(|| panic!("{file}: no breadcrumbs"));
            assert!(
                nav.value()
                    .attr("aria-label")
                    .is_some_and(|l| !l.is_empty()),
                "{file}: the breadcrumb nav has no label"
            );
            let links: Vec<_> = nav.select(&sel("ol > li > a")).collect();
            assert!(links.len() >= 2, "{file}: {} crumbs", links.len());
            assert_eq!(
                links[0].value().attr("href"),
                Some(&*format!("/{lang}/")),
                "{file}"
            );
            let last = links.last().unwrap();
            assert_eq!(last.value().attr("aria-current"), Some("page"), "{file}");
            let canonical = html
                .select(&sel("link[rel=canonical]"))
                .next()
                .and_then(|l| l.value().attr("href"))
                .unwrap_or_else(|| panic!("{file}: no canonical"));
            // The last crumb is the page itself (the root 404 page is served
            // at any address and links to its language's copy).
            if !file.ends_with("404.html") {
                let own = last.value().attr("href").unwrap();
                assert_eq!(format!("{origin}{own}"), canonical, "{file}");
            }
            let script = nav
                .select(&sel("script[type='application/ld+json']"))
                .next()
                .unwrap_or_else(|| panic!("{file}: no BreadcrumbList"));
            let ld: serde_json::Value = serde_json::from_str(&script.text().collect::<String>())
                .unwrap_or_else(|e| panic!("{file}: JSON-LD does not parse: {e}"));
            assert_eq!(ld["@context"], "https://schema.org", "{file}");
            assert_eq!(ld["@type"], "BreadcrumbList", "{file}");
            let items = ld["itemListElement"].as_array().expect("items");
            assert_eq!(items.len(), links.len(), "{file}");
            for (i, (item, link)) in items.iter().zip(&links).enumerate() {
                assert_eq!(item["@type"], "ListItem");
                assert_eq!(item["position"], i + 1, "{file}");
                let href = link.value().attr("href").unwrap();
                assert_eq!(item["item"], format!("{origin}{href}"), "{file}");
                let name = link.text().collect::<String>();
                assert_eq!(item["name"], name.trim(), "{file}");
            }
        }
    }
    // The deeper pages name their parents.
    let crumbs = |file: &str| -> Vec<String> {
        let html = Html::parse_document(&site.page(file));
        html.select(&sel("nav.breadcrumbs li"))
            .map(|li| li.text().collect::<String>())
            .collect()
    };
    assert_eq!(
        crumbs("en/policies/innovation-capital-2017-2020/breakdown/index.html"),
        [
            "Home",
            "Action Plan for Building a National Innovative City and an Innovation Capital",
            "Task breakdown table"
        ]
    );
    assert_eq!(
        crumbs("zh/targets/graduates-retained/index.html")[..2],
        ["首页", "目标指标"]
    );
    assert_eq!(
        crumbs("en/departments/science-technology/index.html"),
        [
            "Home",
            "Departments",
            "Nantong Municipal Bureau of Science and Technology"
        ]
    );
}

#[test]
fn the_accessibility_statement_and_contact_line_are_in_every_footer() {
    let root = seed_root();
    let site = build(&root, None);
    let email = yaml(&root.join("content/site.yaml"))["contact"]["email"]
        .as_str()
        .expect("a contact email in the seed's site.yaml")
        .to_owned();
    for (lang, title) in [("zh", "无障碍声明"), ("en", "Accessibility statement")] {
        let statement =
            Html::parse_document(&site.page(&format!("{lang}/accessibility/index.html")));
        let h1 = statement.select(&sel("main h1")).next().expect("a heading");
        assert_eq!(h1.text().collect::<String>(), title);
        let url = format!("/{lang}/accessibility/");
        for (file, html) in layout_pages(&site, lang) {
            let footer = html.select(&sel("footer.site-footer")).next().unwrap();
            let hrefs: Vec<&str> = footer
                .select(&sel("a"))
                .filter_map(|a| a.value().attr("href"))
                .collect();
            assert!(hrefs.contains(&url.as_str()), "{file}: {hrefs:?}");
            assert!(
                hrefs.contains(&&*format!("mailto:{email}")),
                "{file}: {hrefs:?}"
            );
            // In the footer, not in the main navigation.
            let nav: Vec<&str> = html
                .select(&sel("nav.site-nav a"))
                .filter_map(|a| a.value().attr("href"))
                .collect();
            assert!(!nav.contains(&url.as_str()), "{file}");
        }
    }
}

#[test]
fn a_new_portal_has_an_accessibility_statement_and_a_bad_contact_is_refused() {
    let (_dir, site) = init_portal(|_| {});
    for lang in ["zh", "en"] {
        assert!(site.exists(&format!("{lang}/accessibility/index.html")));
        let home = site.page(&format!("{lang}/index.html"));
        assert!(
            home.contains(&format!("href=\"/policies/{lang}/accessibility/\"")),
            "{lang}"
        );
        // No contact in site.yaml: no contact line, no empty mailto.
        assert!(!home.contains("mailto:"));
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("portal");
    gazette::init::init(&root, false).unwrap();
    let site_yaml = root.join("content/site.yaml");
    let mut text = std::fs::read_to_string(&site_yaml).unwrap();
    text.push_str("contact:\n  email: webmaster at example.gov.cn\n");
    std::fs::write(&site_yaml, text).unwrap();
    let err = gazette::build(&gazette::BuildOptions::new(&root)).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("site.yaml"), "{message}");
    assert!(message.contains("is not an e-mail address"), "{message}");
}

#[test]
fn printouts_carry_the_page_address_and_the_print_date() {
    let site = build(&seed_root(), None);
    let files = site.files();
    let css_file = files
        .iter()
        .find(|f| f.starts_with("assets/style.") && f.ends_with(".css"))
        .expect("the stylesheet");
    let css = site.page(css_file);
    // The print note is hidden on screen and shown on paper; links that
    // leave the site print their address.
    assert!(
        css.contains(".print-note { display: none; }"),
        "screen rule"
    );
    let print: String = css
        .split("@media print")
        .skip(1)
        .collect::<Vec<_>>()
        .join("@media print");
    assert!(print.contains(".print-note { display: block;"), "{print}");
    assert!(
        print.contains("a[href^=\"http\"]::after { content: \" <\" attr(href) \">\""),
        "{print}"
    );
    let js_file = files
        .iter()
        .find(|f| f.starts_with("assets/site.") && f.ends_with(".js"))
        .expect("site.js");
    let js = site.page(js_file);
    assert!(js.contains("\"beforeprint\"") && js.contains(".print-note .print-date"));
    for lang in ["zh", "en"] {
        for (file, html) in layout_pages(&site, lang) {
            let canonical = html
                .select(&sel("link[rel=canonical]"))
                .next()
                .and_then(|l| l.value().attr("href"))
                .unwrap()
                .to_owned();
            let note = html
                .select(&sel(".print-note .print-url"))
                .next()
                .unwrap_or_else(|| panic!("{file}: no print note"));
            assert_eq!(note.text().collect::<String>(), canonical, "{file}");
            assert!(html
                .select(&sel(".print-note .print-date[hidden] .print-day"))
                .next()
                .is_some());
        }
    }
}
