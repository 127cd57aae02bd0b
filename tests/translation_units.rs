//! The English edition: complete for the seed, keyed by unit ID with a
//! fingerprint of the Chinese, so an edit to the source marks exactly that
//! unit stale; broken or unknown entries are reported, never ignored.

mod common;

use common::{seed_copy, seed_root};
use gazette::translate::{coverage, skeleton};
use gazette::BuildOptions;

const SEED: &str = "000_8f98049102453562";

fn load(root: &std::path::Path) -> gazette::link::Portal {
    gazette::load(&BuildOptions::new(root)).expect("portal loads")
}

#[test]
fn the_seed_is_fully_translated_with_nothing_stale() {
    let portal = load(&seed_root());
    let c = coverage(&portal.policies[0]);
    assert!(c.total > 140, "{c}");
    assert_eq!(c.translated, c.total, "{c}: missing {:?}", c.missing);
    assert!(c.stale.is_empty() && c.unknown.is_empty(), "{c}");
    assert_eq!(
        c.to_string(),
        format!(
            "en: {SEED}: {0}/{0} units translated, 0 stale, 0 missing",
            c.total
        )
    );
    let registry = &portal.registry;
    for d in &portal.departments {
        let entry = registry
            .get(&d.name_zh)
            .expect("every department is registered");
        assert!(
            entry.en.is_some() && entry.short_en.is_some(),
            "{} lacks English names",
            d.name_zh
        );
    }
}

#[test]
fn editing_one_chinese_paragraph_marks_exactly_that_unit_stale() {
    let portal_dir = seed_copy();
    let seed = portal_dir.path().join(format!("seeds/{SEED}.txt"));
    let text = std::fs::read_to_string(&seed).expect("seed");
    let edited = text.replace("加快科技体制改革步伐", "加快推进科技体制改革步伐");
    assert_ne!(text, edited);
    std::fs::write(&seed, edited).expect("write");
    let portal = load(portal_dir.path());
    let c = coverage(&portal.policies[0]);
    assert_eq!(c.stale.len(), 1, "{:?}", c.stale);
    assert!(c.missing.is_empty());
    let stale = &c.stale[0];

    let page = english_policy_page(portal_dir.path());
    let block = page
        .split(&format!("id=\"{stale}\""))
        .nth(1)
        .expect("the stale paragraph");
    let block = block
        .split("</details>")
        .next()
        .expect("its folded translation");
    assert!(
        block.contains("加快推进科技体制改革步伐"),
        "the current Chinese is shown"
    );
    assert!(
        block.contains("Earlier translation"),
        "the old translation is folded beneath"
    );
    assert!(page.contains("The Chinese original has changed since this was translated"));

    let skel = skeleton(&portal.policies[0]);
    assert!(skel.contains(&format!("\n{stale}:\n")), "{skel}");
    assert_eq!(
        skel.matches("  source: ").count(),
        1,
        "only the stale unit is in the skeleton"
    );
}

#[test]
fn a_missing_unit_shows_the_chinese_with_a_notice_and_the_skeleton_fills_it() {
    let portal_dir = seed_copy();
    let file = portal_dir
        .path()
        .join(format!("content/translations/en/{SEED}.yaml"));
    let yaml = std::fs::read_to_string(&file).expect("translation");
    let without: String = remove_unit(&yaml, "task-15-p1");
    std::fs::write(&file, &without).expect("write");
    let portal = load(portal_dir.path());
    assert_eq!(coverage(&portal.policies[0]).missing, ["task-15-p1"]);
    let page = english_policy_page(portal_dir.path());
    let before = page.split("id=\"task-15-p1\"").next().expect("page start");
    assert!(
        before.ends_with(
            "This passage has not been translated yet; the Chinese original is shown.</p><p "
        ),
        "the notice precedes the paragraph"
    );
    let paragraph = page
        .split("id=\"task-15-p1\"")
        .nth(1)
        .and_then(|s| s.split("</p>").next())
        .expect("task-15-p1");
    assert!(
        paragraph.contains("lang=\"zh-Hans\""),
        "the Chinese source is shown, marked as Chinese: {paragraph}"
    );

    let skel =
        skeleton(&portal.policies[0]).replace("text: \"\"", "text: \"Filled in by a translator.\"");
    std::fs::write(&file, format!("{without}{skel}")).expect("append skeleton");
    let portal = load(portal_dir.path());
    let c = coverage(&portal.policies[0]);
    assert_eq!(c.translated, c.total, "{c}");
}

#[test]
fn a_translation_file_with_a_yaml_error_names_the_file_and_line() {
    let portal_dir = seed_copy();
    let file = portal_dir
        .path()
        .join(format!("content/translations/en/{SEED}.yaml"));
    let mut yaml = std::fs::read_to_string(&file).expect("translation");
    yaml.push_str("task-99-p9:\n  source: [unclosed\n");
    std::fs::write(&file, yaml).expect("write");
    let err = gazette::load(&BuildOptions::new(portal_dir.path())).expect_err("bad YAML fails");
    let msg = err.to_string();
    assert!(
        msg.contains(&format!("translations/en/{SEED}.yaml:")),
        "{msg}"
    );
    let line: usize = msg
        .split(".yaml:")
        .nth(1)
        .and_then(|s| s.split(':').next())
        .and_then(|n| n.parse().ok())
        .expect("a line number");
    assert!(line > 400, "points into the file's end, not line {line}");
}

#[test]
fn an_unknown_id_in_a_translation_file_is_reported() {
    let portal_dir = seed_copy();
    let file = portal_dir
        .path()
        .join(format!("content/translations/en/{SEED}.yaml"));
    let mut yaml = std::fs::read_to_string(&file).expect("translation");
    yaml.push_str("task-99:\n  source: 000000000000\n  text: A task that does not exist\n");
    std::fs::write(&file, &yaml).expect("write");
    let portal = load(portal_dir.path());
    let entry = &portal.policies[0];
    let c = coverage(entry);
    assert_eq!(c.unknown, ["task-99"]);
    let diags = gazette::translate::diagnostics(entry, &c);
    let d = diags
        .iter()
        .find(|d| d.code == "unknown-translation-id")
        .expect("reported");
    assert_eq!(d.line, yaml.lines().count() - 2);
}

/// Builds the portal and returns its English policy page.
fn english_policy_page(root: &std::path::Path) -> String {
    common::build(root, None).page("en/policies/innovation-capital-2017-2020/index.html")
}

/// The translation file without one top-level key and its fields.
fn remove_unit(yaml: &str, key: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in yaml.lines() {
        if !line.starts_with(' ') {
            skipping = line == format!("{key}:");
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
