//! Open data: the JSON and CSV files parse, carry the fields the issue
//! names, agree with each other (same header, same rows) and with the
//! pages they describe (names on the pages, anchors that exist, a
//! per-target file beside each target page).

use crate::common;

use serde_json::Value;
use std::collections::BTreeSet;

const TABLES: [&str; 4] = ["targets", "tasks", "breakdown", "departments"];

fn built() -> common::Built {
    common::build(&common::fixture("data/sample"), None)
}

fn records(b: &common::Built, name: &str) -> Vec<serde_json::Map<String, Value>> {
    let v: Value = serde_json::from_str(&b.page(&format!("data/{name}.json"))).expect("valid JSON");
    v.as_array()
        .expect("an array of records")
        .iter()
        .map(|r| r.as_object().expect("records are objects").clone())
        .collect()
}

/// `https://example.org/portal/zh/targets/x/#task-4-p1` → (`zh/targets/x/index.html`, `task-4-p1`).
fn file_of(url: &str) -> (String, Option<String>) {
    let rest = url
        .strip_prefix("https://example.org/portal/")
        .unwrap_or_else(|| panic!("{url} is not an absolute URL of the site"));
    let (path, frag) = match rest.split_once('#') {
        Some((p, f)) => (p, Some(f.to_owned())),
        None => (rest, None),
    };
    let file = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    };
    (file, frag)
}

fn assert_resolves(b: &common::Built, url: &str) {
    let (file, frag) = file_of(url);
    assert!(b.exists(&file), "{url}: no {file}");
    if let Some(id) = frag {
        assert!(
            b.page(&file).contains(&format!("id=\"{id}\"")),
            "{url}: no #{id}"
        );
    }
}

#[test]
fn every_csv_has_the_header_and_row_count_of_its_json() {
    let b = built();
    for name in TABLES {
        let json = records(&b, name);
        assert!(!json.is_empty(), "{name}.json is empty");
        let bytes = std::fs::read(b.out.join(format!("data/{name}.csv"))).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{name}.csv has no BOM");
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let header_set: BTreeSet<&String> = header.iter().collect();
        let keys: BTreeSet<&String> = json[0].keys().collect();
        assert_eq!(header_set, keys, "{name}.csv header");
        assert_eq!(header.len(), keys.len(), "{name}.csv repeats a column");
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), json.len(), "{name}.csv row count");
        for (row, rec) in rows.iter().zip(&json) {
            assert_eq!(Some(&row[0]), rec["id"].as_str(), "{name}.csv row order");
        }
    }
}

#[test]
fn targets_have_exactly_the_fields_the_issue_lists() {
    let b = built();
    let expected: BTreeSet<&str> = [
        "id",
        "policy",
        "name_zh",
        "name_en",
        "value",
        "value_max",
        "unit",
        "value_scaled",
        "value_max_scaled",
        "unit_base",
        "unit_en",
        "comparator",
        "kind",
        "deadline",
        "deadline_source",
        "per_year",
        "lead",
        "cooperating",
        "named",
        "mentions",
        "corrected",
        "policy_status",
        "policy_status_date",
        "url_zh",
        "url_en",
    ]
    .into();
    let targets = records(&b, "targets");
    assert_eq!(targets.len(), 4);
    for t in &targets {
        let keys: BTreeSet<&str> = t.keys().map(String::as_str).collect();
        assert_eq!(keys, expected);
    }
    let smes = targets
        .iter()
        .find(|t| t["id"] == "tech-smes")
        .expect("tech-smes");
    assert_eq!(smes["value"], 300.0);
    assert_eq!(smes["value_max"], Value::Null);
    assert_eq!(smes["unit"], "家");
    assert_eq!(smes["deadline"], 2026);
    assert_eq!(smes["per_year"], false);
    assert_eq!(smes["corrected"], Value::Null, "no content/corrections/");
    assert_eq!(smes["lead"], serde_json::json!(["science-technology"]));
    let coop = smes["cooperating"].as_array().unwrap();
    assert!(coop.contains(&Value::from("finance")), "{coop:?}");
    let rd = targets
        .iter()
        .find(|t| t["id"] == "rd-intensity")
        .expect("rd-intensity");
    let comparators = [
        "at_least",
        "more_than",
        "about",
        "at_most",
        "reach",
        "exactly",
        "range",
    ];
    for t in &targets {
        assert!(
            comparators.contains(&t["comparator"].as_str().unwrap()),
            "{t:?}"
        );
    }
    assert_eq!(rd["name_en"], "R&D spending as a share of regional GDP");
}

#[test]
fn target_records_agree_with_their_pages() {
    let b = built();
    for t in records(&b, "targets") {
        let slug = t["id"].as_str().unwrap();
        let zh = t["url_zh"].as_str().unwrap();
        let en = t["url_en"].as_str().unwrap();
        assert_resolves(&b, zh);
        assert_resolves(&b, en);
        let zh_page = b.page(&file_of(zh).0);
        assert!(
            zh_page.contains(t["name_zh"].as_str().unwrap()),
            "{slug}: zh name"
        );
        if let Some(name) = t["name_en"].as_str() {
            let en_page = b.page(&file_of(en).0);
            assert!(
                en_page.contains(&name.replace('&', "&amp;")),
                "{slug}: en name"
            );
        }
        for m in t["mentions"].as_array().unwrap() {
            assert_resolves(&b, m["url"].as_str().unwrap());
            assert!(!m["text_zh"].as_str().unwrap().is_empty());
        }
        // One JSON file beside each page, holding the same record.
        for lang in ["zh", "en"] {
            let own: Value =
                serde_json::from_str(&b.page(&format!("{lang}/targets/{slug}/data.json"))).unwrap();
            assert_eq!(
                own,
                Value::Object(t.clone()),
                "{lang}/targets/{slug}/data.json"
            );
        }
    }
}

#[test]
fn task_row_and_department_records_link_to_anchors_that_exist() {
    let b = built();
    for name in ["tasks", "breakdown", "departments"] {
        for r in records(&b, name) {
            assert_resolves(&b, r["url_zh"].as_str().unwrap());
            assert_resolves(&b, r["url_en"].as_str().unwrap());
        }
    }
    let tasks = records(&b, "tasks");
    assert_eq!(tasks.len(), 3);
    let ip = tasks.iter().find(|t| t["id"] == "task-2").unwrap();
    assert_eq!(
        ip["title_en"],
        "Strengthen intellectual property protection"
    );
    assert_eq!(ip["lead"], serde_json::json!(["science-technology"]));
    let rows = records(&b, "breakdown");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["cooperating"], serde_json::json!(["education"]));
    let depts = records(&b, "departments");
    let st = depts
        .iter()
        .find(|d| d["id"] == "science-technology")
        .unwrap();
    let leads = st["leads_targets"].as_array().unwrap();
    assert!(leads.contains(&Value::from("incubators")), "{leads:?}");
}
