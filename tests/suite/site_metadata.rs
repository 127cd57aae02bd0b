//! Every page has a title, description, canonical URL, Open Graph and
//! Twitter tags; policy, department and target pages carry schema.org
//! JSON-LD that parses.

use crate::common;

use common::{build, seed_root};

fn meta(html: &str, key: &str) -> Option<String> {
    let marker = format!("{key}\" content=\"");
    let rest = html.split(&marker).nth(1)?;
    rest.split('"').next().map(str::to_owned)
}

fn json_ld(html: &str) -> serde_json::Value {
    let body = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .expect("a JSON-LD script");
    serde_json::from_str(body).expect("JSON-LD parses")
}

#[test]
fn every_page_has_title_description_canonical_and_social_tags() {
    let site = build(&seed_root(), None);
    for rel in site
        .files()
        .iter()
        .filter(|f| f.ends_with("index.html") && f.contains('/') && !f.contains("/embed/"))
    {
        let html = site.page(rel);
        if html.contains("http-equiv=\"refresh\"") {
            continue;
        }
        assert!(
            html.contains("<title>") && !html.contains("<title></title>"),
            "{rel}: title"
        );
        for key in [
            "og:title",
            "og:description",
            "og:url",
            "og:type",
            "twitter:card",
            "twitter:title",
        ] {
            let value = meta(&html, key).unwrap_or_default();
            assert!(!value.is_empty(), "{rel}: {key}");
        }
        assert!(
            html.contains("<link rel=\"canonical\" href=\"https://example.gov.cn/"),
            "{rel}: canonical"
        );
    }
}

#[test]
fn a_link_preview_of_a_target_shows_the_figure() {
    let site = build(&seed_root(), None);
    let html = site.page("en/targets/rd-spending-share-of-gdp/index.html");
    let title = meta(&html, "og:title").expect("og:title");
    assert!(title.contains("at least 2.8%"), "{title}");
    let description = meta(&html, "og:description").expect("og:description");
    assert!(description.contains("2020"), "{description}");
    let zh = site.page("zh/targets/rd-spending-share-of-gdp/index.html");
    assert!(meta(&zh, "og:title")
        .expect("og:title")
        .contains("2.8%以上"));
}

#[test]
fn policy_department_and_target_pages_describe_themselves_in_json_ld() {
    let site = build(&seed_root(), None);
    let policy = json_ld(&site.page("en/policies/innovation-capital-2017-2020/index.html"));
    assert_eq!(policy["@type"], "Legislation");
    assert_eq!(policy["legislationDate"], "2017-12-15");
    let plan = &policy["hasPart"][0];
    assert_eq!(plan["@type"], "Legislation");
    assert_eq!(
        plan["hasPart"].as_array().map(Vec::len),
        Some(4),
        "four chapters"
    );
    let dept = json_ld(&site.page("zh/departments/science-technology/index.html"));
    assert_eq!(dept["@type"], "GovernmentOrganization");
    assert_eq!(dept["name"], "南通市科学技术局");
    assert_eq!(
        dept["alternateName"],
        serde_json::json!([
            "市科技局",
            "Nantong Municipal Bureau of Science and Technology"
        ])
    );
    let target = json_ld(&site.page("en/targets/high-tech-enterprises/index.html"));
    assert_eq!(target["@type"], "Dataset");
    let formats: Vec<&str> = target["distribution"]
        .as_array()
        .expect("distribution")
        .iter()
        .filter_map(|d| d["encodingFormat"].as_str())
        .collect();
    assert_eq!(formats, ["application/json", "text/csv"]);
    let index = json_ld(&site.page("en/targets/index.html"));
    assert_eq!(index["@type"], "Dataset");
    assert_eq!(index["distribution"].as_array().map(Vec::len), Some(8));
}
