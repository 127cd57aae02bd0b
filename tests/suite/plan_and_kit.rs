//! A plan one can move in and a journalist's kit on target pages (issue
//! 16), on the built seed: every action or task links to the breakdown rows
//! that restate it and every such row links back, in both languages; each
//! paragraph holds its citation; each target has its own CSV beside its
//! JSON, an embed code ready to copy and the status of the plan's period,
//! dated by the changelog rather than the clock.

use crate::common;

use common::{build, build_with, seed_copy, seed_root, Built};
use std::collections::BTreeMap;

const LANGS: [&str; 2] = ["zh", "en"];

/// From `<section id="ID"` to the first section it holds or its end: the
/// heading, clause and row links of an action or task, not its tasks'.
fn section_head<'a>(page: &'a str, id: &str) -> &'a str {
    let open = format!("<section id=\"{id}\"");
    let start = page
        .find(&open)
        .unwrap_or_else(|| panic!("no section #{id}"));
    let rest = &page[start + open.len()..];
    let end = [rest.find("<section"), rest.find("</section>")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The `<tr>` of a breakdown row.
fn row<'a>(page: &'a str, id: &str) -> &'a str {
    let open = format!("<tr id=\"{id}\">");
    let start = page.find(&open).unwrap_or_else(|| panic!("no row #{id}"));
    let rest = &page[start..];
    &rest[..rest.find("</tr>").expect("row ends")]
}

/// The text of the first element opened by `open`, up to `close`.
fn inner<'a>(page: &'a str, open: &str, close: &str) -> &'a str {
    let start = page.find(open).unwrap_or_else(|| panic!("no {open}")) + open.len();
    let rest = &page[start..];
    let body = &rest[rest.find('>').expect("tag ends") + 1..];
    &body[..body.find(close).expect("element ends")]
}

fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

fn json(built: &Built, rel: &str) -> serde_json::Value {
    serde_json::from_str(&built.page(rel)).expect("valid JSON")
}

#[test]
fn every_action_or_task_links_to_its_breakdown_rows_and_each_row_back_in_both_languages() {
    let built = build(&seed_root(), None);
    let rows = json(&built, "data/breakdown.json");
    let rows = rows.as_array().expect("rows");
    let pairs: Vec<(&str, &str, &str)> = rows
        .iter()
        .flat_map(|r| {
            let restates = r["restates"].as_array().expect("restates");
            restates.iter().map(move |item| {
                (
                    r["policy"].as_str().expect("policy"),
                    r["id"].as_str().expect("id"),
                    item.as_str().expect("item"),
                )
            })
        })
        .collect();
    assert!(
        pairs.iter().any(|(_, _, item)| item.starts_with("task-")),
        "the seed's table restates tasks: {pairs:?}"
    );
    for lang in LANGS {
        let mut shown = BTreeMap::new();
        for &(policy, row_id, item) in &pairs {
            let page = built.page(&format!("{lang}/policies/{policy}/index.html"));
            let table = built.page(&format!("{lang}/policies/{policy}/breakdown/index.html"));
            let to_row = format!("href=\"/{lang}/policies/{policy}/breakdown/#{row_id}\"");
            let head = section_head(&page, item);
            assert!(
                head.contains("class=\"row-links\"") && head.contains(&to_row),
                "{lang}: #{item} does not link to {row_id}"
            );
            let to_item = format!("href=\"/{lang}/policies/{policy}/#{item}\"");
            assert!(
                row(&table, row_id).contains(&to_item),
                "{lang}: {row_id} does not link back to #{item}"
            );
            *shown.entry(policy).or_insert(0) += 1;
        }
        // No action or task links to a row that does not restate it.
        for (policy, count) in shown {
            let page = built.page(&format!("{lang}/policies/{policy}/index.html"));
            let links: usize = page
                .split("<p class=\"row-links\">")
                .skip(1)
                .map(|p| p[..p.find("</p>").expect("p ends")].matches("<a ").count())
                .sum();
            assert_eq!(links, count, "{lang}: row links on the policy page");
        }
    }
}

#[test]
fn the_policy_page_has_a_way_back_to_its_contents_and_each_paragraph_its_citation() {
    let built = build(&seed_root(), None);
    let page = built.page("en/policies/innovation-capital-2017-2020/index.html");
    assert!(page.contains("<h2 id=\"toc-title\">"));
    let bar = inner(&page, "<p class=\"plan-bar\"", "</p>");
    assert!(bar.contains("href=\"#toc-title\""), "{bar}");
    let plan = &page[page.find("<section class=\"plan\"").expect("plan")..];
    assert!(
        plan.trim_start_matches(|c| c != '>')[1..]
            .trim_start()
            .starts_with("<p class=\"plan-bar\">"),
        "the bar opens the plan, so it sticks while the plan is read"
    );

    let para = inner(&page, "<p id=\"chapter-2-p3\"", "</p>");
    let cite = inner(para, "<small class=\"para-cite\"", "</small>");
    let cite = unescape(cite);
    assert!(cite.starts_with("Cite this paragraph: "), "{cite}");
    assert!(cite.contains("(2017)"), "the year of issue: {cite}");
    assert!(
        cite.ends_with(
            " https://example.gov.cn/en/policies/innovation-capital-2017-2020/#chapter-2-p3"
        ),
        "{cite}"
    );
    assert!(
        para.contains("<small class=\"para-cite\" hidden"),
        "shown by :target only"
    );
    let zh = built.page("zh/policies/innovation-capital-2017-2020/index.html");
    let cite = unescape(inner(&zh, "<small class=\"para-cite\"", "</small>"));
    assert!(cite.starts_with("引用本段: "), "{cite}");
    assert!(cite.contains("https://example.gov.cn/zh/policies/innovation-capital-2017-2020/#"));
}

#[test]
fn each_target_has_its_own_csv_beside_its_json_with_the_columns_of_targets_csv() {
    let built = build(&seed_root(), None);
    let read = |rel: &str| -> (csv::StringRecord, Vec<csv::StringRecord>) {
        let text = built.page(rel);
        let text = text
            .strip_prefix('\u{feff}')
            .unwrap_or_else(|| panic!("{rel}: no BOM"));
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let header = r.headers().expect("header").clone();
        (header, r.records().map(|x| x.expect("record")).collect())
    };
    let (header, all) = read("data/targets.csv");
    assert_eq!(all.len(), 42, "the seed's targets");
    for record in &all {
        let id = &record[0];
        let json = json(&built, &format!("zh/targets/{id}/data.json"));
        for lang in LANGS {
            let (own_header, own) = read(&format!("{lang}/targets/{id}/data.csv"));
            assert_eq!(
                own_header, header,
                "{lang}/{id}: the columns of targets.csv"
            );
            assert_eq!(
                own,
                vec![record.clone()],
                "{lang}/{id}: its row of targets.csv"
            );
            assert_eq!(json["id"], id, "the JSON beside it is the same target");
            let page = built.page(&format!("{lang}/targets/{id}/index.html"));
            for ext in ["csv", "json"] {
                let link = format!("href=\"/{lang}/targets/{id}/data.{ext}\"");
                assert!(page.contains(&link), "{lang}/{id}: no visible {ext} link");
                let absolute = format!("\"https://example.gov.cn/{lang}/targets/{id}/data.{ext}\"");
                assert!(
                    page.contains(&absolute),
                    "{lang}/{id}: JSON-LD names the {ext}"
                );
            }
        }
    }
}

#[test]
fn a_target_page_offers_its_embed_code_and_copy_buttons_and_says_the_plan_period_ended() {
    let built = build(&seed_root(), None);
    let page = built.page("en/targets/rd-spending-share-of-gdp/index.html");
    let code = unescape(inner(&page, "<textarea id=\"embed-code\"", "</textarea>"));
    let src = "https://example.gov.cn/en/targets/rd-spending-share-of-gdp/embed/";
    assert!(
        code.starts_with(&format!("<iframe src=\"{src}\" title=\"")),
        "{code}"
    );
    assert!(code.ends_with("></iframe>"), "{code}");
    let title = code
        .split("title=\"")
        .nth(1)
        .and_then(|t| t.split('"').next());
    assert_eq!(
        title.map(unescape).as_deref(),
        Some("R&D spending as a share of GDP: at least 2.8%"),
        "the title names the target for screen readers, escaped once more: {code}"
    );
    assert!(built.exists("en/targets/rd-spending-share-of-gdp/embed/index.html"));
    assert!(
        page.contains("<label for=\"embed-code\">"),
        "the textarea is labelled"
    );
    for copies in ["permalink", "citation", "embed-code"] {
        assert!(page.contains(&format!("id=\"{copies}\"")), "{copies}");
        let button = format!("<button type=\"button\" class=\"copy\" data-copy=\"{copies}\"");
        let at = page
            .find(&button)
            .unwrap_or_else(|| panic!("no copy button for {copies}"));
        let tag = &page[at..at + page[at..].find('>').expect("tag ends")];
        assert!(tag.ends_with(" hidden"), "shown only by site.js: {tag}");
    }
    // The seed's changelog is dated 2026, after the plan's 2017–2020.
    assert!(
        page.contains("<p class=\"period-status\">The plan period (2017–2020) ended in 2020.</p>")
    );
    let zh = built.page("zh/targets/rd-spending-share-of-gdp/index.html");
    assert!(zh.contains("<p class=\"period-status\">规划期（2017—2020年）已于2020年结束。</p>"));
}

#[test]
fn the_period_status_follows_the_changelog_and_observations_show_baseline_and_source() {
    let portal = seed_copy();
    let changelog = portal.path().join("content/changelog.yaml");
    let text = std::fs::read_to_string(&changelog).expect("changelog");
    assert!(text.contains("date: \"2026-11-30\""));
    std::fs::write(&changelog, text.replace("2026-11-30", "2019-03-01")).expect("write");
    let data = portal.path().join("content/data");
    std::fs::create_dir_all(&data).expect("mkdir");
    std::fs::write(
        data.join("observations.csv"),
        "target,year,value,source,note,status\n\
         rd-spending-share-of-gdp,2016,2.0,Statistical bulletin 2016,,\n\
         rd-spending-share-of-gdp,2018,2.4,https://tjj.example.gov.cn/bulletin/2018.html,provisional,\n",
    )
    .expect("observations");
    let built = build_with(portal.path(), |_| {});
    let page = built.page("en/targets/rd-spending-share-of-gdp/index.html");
    assert!(
        page.contains(
            "<p class=\"period-status\">Plan period 2017–2020, ongoing as of 2019-03-01.</p>"
        ),
        "dated by the changelog, not the clock"
    );
    assert!(page.contains("<th scope=\"row\">2016 <small>(baseline)</small></th><td>2</td><td>Statistical bulletin 2016</td>"));
    assert!(page.contains(
        "<th scope=\"row\">2018</th><td>2.4</td><td><a href=\"https://tjj.example.gov.cn/bulletin/2018.html\">tjj.example.gov.cn</a></td><td>provisional</td>"
    ));
    let zh = built.page("zh/targets/rd-spending-share-of-gdp/index.html");
    assert!(
        zh.contains("<p class=\"period-status\">规划期2017—2020年，截至2019-03-01仍在执行。</p>")
    );
}

#[test]
fn every_observation_the_seed_publishes_links_its_source() {
    let file = seed_root().join("content/data/observations.csv");
    let text = std::fs::read_to_string(&file).expect("the seed's observations");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert!(!rows.is_empty());
    let built = build(&seed_root(), None);
    for r in &rows {
        let (target, year, value, source) = (&r[0], &r[1], &r[2], &r[3]);
        assert!(
            source.starts_with("http"),
            "{target} {year}: the source is a web address"
        );
        for lang in LANGS {
            let page = built.page(&format!("{lang}/targets/{target}/index.html"));
            let row =
                format!("<th scope=\"row\">{year}</th><td>{value}</td><td><a href=\"{source}\">");
            assert!(page.contains(&row), "{lang}/{target}: {row}");
        }
    }
}
