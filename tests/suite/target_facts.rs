//! What a target page says, as a journalist would quote it: the English
//! fact box in English (scaled figures, no measure word in Chinese), the
//! kind and deadline source in words, and a target with no department
//! saying so and pointing at the plan's organisation section.

use crate::common;

use common::{build, seed_root};
use regex::Regex;

/// The `<dl class="facts">` of a target page.
fn facts(html: &str) -> String {
    let start = html.find("<dl class=\"facts\">").expect("a fact box");
    let end = html[start..].find("</dl>").expect("its end") + start;
    html[start..end].to_owned()
}

#[test]
fn target_pages_state_figures_kinds_and_responsibility_honestly() {
    let built = build(&seed_root(), None);
    let han = Regex::new(r"\p{Han}").expect("regex");
    let pages: Vec<String> = built
        .files()
        .into_iter()
        .filter(|f| f.starts_with("en/targets/") && f.ends_with("/index.html"))
        .filter(|f| f.matches('/').count() == 3)
        .collect();
    assert!(pages.len() > 40, "{pages:?}");
    for f in &pages {
        let box_ = facts(&built.page(f));
        assert!(
            !han.is_match(&box_),
            "{f}: Chinese in the English fact box: {box_}"
        );
    }
    // 8000亿元: the magnitude is kept.
    let output = facts(&built.page("en/targets/emerging-industries-output/index.html"));
    assert!(
        output.contains("800 billion") && output.contains("yuan"),
        "{output}"
    );
    // 1~2个: a range, not `1~2–2`.
    let seed = facts(&built.page("en/targets/seed-industries/index.html"));
    assert!(seed.contains("1–2") && !seed.contains('~'), "{seed}");
    // A ratio is not cumulative; a year the sentence does not state is
    // shown as the plan's end, one its lead-in states (`主要目标:到2020年,…:`)
    // as stated.
    let rd = facts(&built.page("en/targets/rd-spending-share-of-gdp/index.html"));
    assert!(rd.contains("Share or rate"), "{rd}");
    assert!(
        rd.contains("<dd>2020</dd>") && !rd.contains("end of the plan"),
        "{rd}"
    );
    assert!(seed.contains("by the end of the plan (2020)"), "{seed}");
    // 达到50家 is "reach 50", not "at least 50".
    let incubators = built.page("en/targets/technology-incubators/index.html");
    assert!(incubators.contains("reach 50"));
    // No "None" for responsibility: the plan's organisation section instead.
    assert!(incubators.contains("The plan names no department for this target."));
    assert!(incubators.contains("#section-4-1\">"));
    // English department names may hold commas, so a list of them is cut
    // with `; `.
    let policy = built.page("en/policies/innovation-capital-2017-2020/index.html");
    assert!(policy.contains("</a>; <a"));
    // The citation marks the English title as the site's translation and
    // gives the official Chinese title; the year is worded once.
    assert!(incubators.contains("[unofficial translation; official title: "));
    assert!(
        !rd.contains("by by")
            && !built
                .page("en/targets/rd-spending-share-of-gdp/index.html")
                .contains("by by")
    );
}

/// One row of `tests/fixtures/facts/seed-targets.tsv`, the seed's targets
/// as read from the plan by hand.
struct Row {
    slug: String,
    value: String,
    unit: String,
    /// `[low]`, or `[low, high]` for a range.
    scaled: Vec<f64>,
    unit_base: String,
    unit_en: String,
    comparator: String,
    kind: String,
    deadline: u16,
    deadline_source: String,
}

fn table() -> Vec<Row> {
    let text = std::fs::read_to_string("tests/fixtures/facts/seed-targets.tsv").expect("table");
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    let header = lines.next().expect("header");
    assert_eq!(
        header,
        "slug\tvalue\tunit\tscaled\tunit_base\tunit_en\tcomparator\tkind\tdeadline\tdeadline_source"
    );
    lines
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 10, "{l}");
            Row {
                slug: c[0].into(),
                value: c[1].into(),
                unit: c[2].into(),
                scaled: c[3].split('-').map(|n| n.parse().expect(l)).collect(),
                unit_base: c[4].into(),
                unit_en: c[5].into(),
                comparator: c[6].into(),
                kind: c[7].into(),
                deadline: c[8].parse().expect(l),
                deadline_source: c[9].into(),
            }
        })
        .collect()
}

/// `1.5 trillion` → [1.5e12]; `30,000` → [30000]; `1–2` → [1, 2].
fn english_numbers(text: &str) -> Vec<f64> {
    let re = Regex::new(r"(\d[\d,]*(?:\.\d+)?)(?: (trillion|billion|million))?").expect("regex");
    re.captures_iter(text)
        .map(|c| {
            let n: f64 = c[1].replace(',', "").parse().expect("number");
            n * match c.get(2).map(|m| m.as_str()) {
                Some("trillion") => 1e12,
                Some("billion") => 1e9,
                Some("million") => 1e6,
                _ => 1.0,
            }
        })
        .collect()
}

/// The fact box of a built target page: (commitment, value, unit,
/// deadline, kind) as shown.
fn fact_box(html: &str) -> [String; 5] {
    let doc = scraper::Html::parse_document(html);
    let dds: Vec<String> = doc
        .select(&scraper::Selector::parse("dl.facts dd").expect("selector"))
        .map(|d| d.text().collect::<String>().trim().to_owned())
        .collect();
    assert_eq!(dds.len(), 5, "{dds:?}");
    [0, 1, 2, 3, 4].map(|i| dds[i].clone())
}

/// An enum's name in the model's JSON (`at_least`, `average_per_year`).
fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .expect("a unit variant")
}

fn theme_string(lang: &str, key: &str) -> String {
    let path = format!("themes/default/strings/{lang}.yaml");
    let strings: std::collections::BTreeMap<String, String> =
        serde_norway::from_str(&std::fs::read_to_string(path).expect("strings")).expect("yaml");
    strings.get(key).cloned().expect(key)
}

/// The hand-read table, the parsed model, the open data and both target
/// pages agree on every seed target.
#[test]
fn every_seed_target_agrees_with_the_hand_read_table() {
    let rows = table();
    let root = seed_root();

    // The model.
    let portal = gazette::load(&gazette::BuildOptions::new(&root)).expect("seed loads");
    let mut slugs: Vec<&str> = portal.targets.iter().map(|e| e.slug.as_str()).collect();
    let mut listed: Vec<&str> = rows.iter().map(|r| r.slug.as_str()).collect();
    slugs.sort();
    listed.sort();
    assert_eq!(slugs, listed, "the table lists every target, no more");
    for r in &rows {
        let i = portal
            .targets
            .iter()
            .position(|e| e.slug == r.slug)
            .expect(&r.slug);
        let (t, unit_en) = portal.target_and_unit_en(gazette::link::TargetIx(i));
        let mut scaled = vec![t.value_scaled];
        scaled.extend(t.max_scaled);
        let got = (
            t.value.written.as_str(),
            t.unit.as_str(),
            scaled.clone(),
            t.unit_base.as_str(),
            gazette::render::words::en_unit_of(t, unit_en).text,
            json(&t.comparator),
            json(&t.kind),
            t.deadline,
            t.deadline_source.map(|s| json(&s)),
        );
        let want = (
            r.value.as_str(),
            r.unit.as_str(),
            r.scaled.clone(),
            r.unit_base.as_str(),
            r.unit_en.as_str(),
            r.comparator.clone(),
            r.kind.clone(),
            Some(r.deadline),
            Some(r.deadline_source.clone()),
        );
        assert_eq!(got, want, "model: {}", r.slug);
    }

    // The open data, JSON and CSV.
    let built = build(&root, None);
    let data: serde_json::Value =
        serde_json::from_str(&built.page("data/targets.json")).expect("targets.json");
    let csv_text = built.page("data/targets.csv");
    let mut csv = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let headers = csv.headers().expect("csv header").clone();
    let csv_rows: Vec<csv::StringRecord> = csv.records().map(|r| r.expect("csv row")).collect();
    for r in &rows {
        let d = data
            .as_array()
            .expect("array")
            .iter()
            .find(|d| d["id"] == r.slug.as_str())
            .expect(&r.slug);
        let mut scaled = vec![d["value_scaled"].as_f64().expect("value_scaled")];
        scaled.extend(d["value_max_scaled"].as_f64());
        assert_eq!(scaled, r.scaled, "targets.json: {}", r.slug);
        for (field, want) in [
            ("unit", r.unit.as_str()),
            ("unit_base", &r.unit_base),
            ("unit_en", &r.unit_en),
            ("comparator", &r.comparator),
            ("kind", &r.kind),
            ("deadline_source", &r.deadline_source),
        ] {
            assert_eq!(d[field], want, "targets.json {field}: {}", r.slug);
        }
        assert_eq!(d["deadline"], r.deadline, "targets.json: {}", r.slug);
        let rec = csv_rows
            .iter()
            .find(|c| c.get(0) == Some(r.slug.as_str()))
            .expect(&r.slug);
        let cell = |name: &str| {
            let at = headers.iter().position(|h| h == name).expect(name);
            rec.get(at).unwrap_or("").to_owned()
        };
        let scaled_csv: Vec<f64> = [cell("value_scaled"), cell("value_max_scaled")]
            .iter()
            .filter(|c| !c.is_empty())
            .map(|c| c.parse().expect("number"))
            .collect();
        assert_eq!(scaled_csv, r.scaled, "targets.csv: {}", r.slug);
        for (field, want) in [
            ("unit", r.unit.as_str()),
            ("unit_base", &r.unit_base),
            ("unit_en", &r.unit_en),
            ("comparator", &r.comparator),
            ("kind", &r.kind),
            ("deadline_source", &r.deadline_source),
            ("deadline", &r.deadline.to_string()),
        ] {
            assert_eq!(cell(field), want, "targets.csv {field}: {}", r.slug);
        }
    }

    // Both target pages' fact boxes.
    for r in &rows {
        let [commitment, value, unit, deadline, kind] =
            fact_box(&built.page(&format!("zh/targets/{}/index.html", r.slug)));
        let zh_deadline = match r.deadline_source.as_str() {
            "plan_end" => {
                theme_string("zh", "deadline_plan_end").replace("{year}", &r.deadline.to_string())
            }
            _ => r.deadline.to_string(),
        };
        assert_eq!(
            (value.as_str(), unit.as_str(), deadline, kind),
            (
                r.value.as_str(),
                r.unit.as_str(),
                zh_deadline,
                theme_string("zh", &format!("kind_{}", r.kind))
            ),
            "zh page: {}",
            r.slug
        );
        let zh_word = match r.comparator.as_str() {
            "at_least" => Some("以上"),
            "more_than" => Some("超过"),
            "about" => Some("左右"),
            "at_most" => Some("以内"),
            "reach" => Some("达到"),
            _ => None,
        };
        let bound_words = ["以上", "超过", "左右", "以内", "达到"];
        match zh_word {
            Some(w) => assert!(commitment.contains(w), "zh {}: {commitment}", r.slug),
            None => assert!(
                !bound_words.iter().any(|w| commitment.contains(w)),
                "zh {}: {commitment}",
                r.slug
            ),
        }
        assert!(
            commitment.contains(&format!("{}{}", r.value, r.unit)),
            "zh {}: {commitment}",
            r.slug
        );

        let [commitment, value, unit, deadline, kind] =
            fact_box(&built.page(&format!("en/targets/{}/index.html", r.slug)));
        let en_deadline = match r.deadline_source.as_str() {
            "plan_end" => {
                theme_string("en", "deadline_plan_end").replace("{year}", &r.deadline.to_string())
            }
            _ => r.deadline.to_string(),
        };
        assert_eq!(
            english_numbers(&value),
            r.scaled,
            "en value {}: {value}",
            r.slug
        );
        assert_eq!(
            (unit.as_str(), deadline, kind),
            (
                r.unit_en.as_str(),
                en_deadline,
                theme_string("en", &format!("kind_{}", r.kind))
            ),
            "en page: {}",
            r.slug
        );
        let en_word = match r.comparator.as_str() {
            "at_least" => "at least ",
            "more_than" => "more than ",
            "about" => "about ",
            "at_most" => "at most ",
            "reach" => "reach ",
            _ => "",
        };
        assert!(
            commitment.starts_with(&format!("{en_word}{value}")),
            "en {}: {commitment}",
            r.slug
        );
        assert!(
            commitment.contains(&r.unit_en),
            "en {}: {commitment}",
            r.slug
        );
    }
}
