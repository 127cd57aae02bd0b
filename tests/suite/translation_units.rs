//! The English edition: complete for the seed, keyed by unit ID with a
//! fingerprint of the Chinese, so an edit to the source marks exactly that
//! unit stale; broken or unknown entries are reported, never ignored.

use crate::common;

use common::{gazette, seed_copy, seed_root, Run};
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
    assert!(c.tally.total > 140, "{c}");
    assert_eq!(
        c.tally.translated, c.tally.total,
        "{c}: missing {:?}",
        c.missing
    );
    assert!(c.stale.is_empty() && c.unknown.is_empty(), "{c}");
    assert_eq!(
        c.to_string(),
        format!(
            "en: {SEED}: {0}/{0} units (100%), {1}/{1} characters (100%) translated, 0 stale, 0 missing",
            c.tally.total,
            c.tally.chars
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
    assert!(
        block.contains("class=\"zh-fallback stale\" lang=\"zh-Hans\""),
        "the Chinese is marked in place: {block}"
    );
    assert_eq!(
        page.matches("role=\"note\"").count(),
        1,
        "one notice for the page"
    );
    let notice = page.split("role=\"note\"><p>").nth(1).expect("the notice");
    assert!(
        notice.starts_with("1 of its ")
            && notice.contains(" passages have changed in Chinese since they were translated"),
        "{notice}"
    );

    let skel = skeleton(&portal.policies[0], &Default::default());
    assert!(skel.contains(&format!("\n{stale}:\n")), "{skel}");
    assert_eq!(
        skel.matches("  source: ").count(),
        1,
        "only the stale unit is in the skeleton"
    );
}

#[test]
fn missing_units_show_the_chinese_marked_under_one_page_notice_and_the_skeleton_fills_them() {
    let portal_dir = seed_copy();
    let file = portal_dir
        .path()
        .join(format!("content/translations/en/{SEED}.yaml"));
    let yaml = std::fs::read_to_string(&file).expect("translation");
    let removed = ["task-15-p1", "task-16-p1", "task-17-p1"];
    let without: String = removed.iter().fold(yaml, |y, k| remove_unit(&y, k));
    std::fs::write(&file, &without).expect("write");
    let portal = load(portal_dir.path());
    assert_eq!(coverage(&portal.policies[0]).missing, removed);
    let page = english_policy_page(portal_dir.path());
    assert_eq!(
        page.matches("role=\"note\"").count(),
        1,
        "one notice for the page, not one per passage"
    );
    let notice = page.split("role=\"note\"><p>").nth(1).expect("the notice");
    assert!(
        notice.starts_with("Not all of this page is translated yet: 3 of its ")
            && notice.contains(" passages are shown in the Chinese original"),
        "the notice counts them: {notice}"
    );
    for key in removed {
        let paragraph = page
            .split(&format!("id=\"{key}\""))
            .nth(1)
            .and_then(|s| s.split("</p>").next())
            .expect("the paragraph");
        assert!(
            paragraph.contains("<span class=\"zh-fallback missing\" lang=\"zh-Hans\">"),
            "the Chinese source is shown, marked in place as Chinese: {paragraph}"
        );
    }

    let skel = skeleton(&portal.policies[0], &Default::default())
        .replace("text: \"\"", "text: \"Filled in by a translator.\"");
    std::fs::write(&file, format!("{without}{skel}")).expect("append skeleton");
    let portal = load(portal_dir.path());
    let c = coverage(&portal.policies[0]);
    assert_eq!(c.tally.translated, c.tally.total, "{c}");
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

/// A portal from `gazette init` whose English translates the units `keep`
/// says to (the skeleton filled in), and no others.
fn init_portal(keep: impl Fn(&str) -> bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::remove_dir(root).expect("empty");
    gazette::init::init(root, false).expect("init");
    let portal = load(root);
    let mut yaml = String::new();
    for block in skeleton(&portal.policies[0], &Default::default())
        .split("\n\n")
        .skip(1)
    {
        let key = block.lines().find(|l| !l.starts_with('#')).unwrap_or("");
        if keep(key.trim_end_matches(':')) {
            yaml.push_str(&block.replace("text: \"\"", "text: \"In English.\""));
            yaml.push('\n');
        }
    }
    std::fs::write(root.join("content/translations/en/sample.yaml"), yaml).expect("write");
    dir
}

#[test]
fn coverage_by_characters_is_far_below_coverage_by_units_when_only_titles_are_translated() {
    let dir = init_portal(|k| !k.contains("-p"));
    let c = coverage(&load(dir.path()).policies[0]);
    let t = c.tally;
    assert!(t.translated > t.total / 2, "most units are titles: {c}");
    assert!(
        t.unit_share() > t.char_share() + 0.1,
        "the paragraphs are longer than the titles: {c}"
    );
    let line = c.to_string();
    assert!(
        line.contains(&format!("{}/{} characters (", t.chars_translated, t.chars)),
        "{line}"
    );
    let Run { stdout, .. } = gazette().arg("check").root(dir.path()).run();
    assert!(
        stdout.contains(&line),
        "check prints the same line: {stdout}"
    );
}

#[test]
fn accept_keeps_the_english_of_a_unit_whose_chinese_changed_and_refuses_unknown_ids() {
    let dir = init_portal(|_| true);
    let root = dir.path();
    let seed = root.join("seeds/sample.txt");
    let text = std::fs::read_to_string(&seed).expect("seed");
    std::fs::write(&seed, text.replace("加强组织领导", "切实加强组织领导")).expect("edit");
    let c = coverage(&load(root).policies[0]);
    let [stale] = c.stale.as_slice() else {
        panic!("one stale unit: {c}")
    };
    let file = root.join("content/translations/en/sample.yaml");
    let before = std::fs::read_to_string(&file).expect("file");

    // A typo in the ID refuses the whole run, naming the nearest unit.
    let typo = format!("{stale}x");
    let Run { code, stderr, .. } = gazette()
        .args(["translate", "sample", "--accept", stale, &typo])
        .root(root)
        .run();
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "`{typo}` is not a unit of sample: did you mean `{stale}`?"
        )),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("file"),
        before,
        "nothing written"
    );

    // A unit with no English cannot be accepted either.
    std::fs::write(&file, remove_unit(&before, "plan.title")).expect("write");
    let Run { code, stderr, .. } = gazette()
        .args(["translate", "sample", "--accept", "plan.title"])
        .root(root)
        .run();
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("`plan.title` has no English that could stand"),
        "{stderr}"
    );
    std::fs::write(&file, &before).expect("restore");

    let Run {
        code,
        stdout,
        stderr,
    } = gazette()
        .args(["translate", "sample", "--accept", stale])
        .root(root)
        .run();
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("accepted 1 English units"), "{stdout}");
    assert!(stdout.contains("0 stale, 0 missing"), "{stdout}");
    let after = std::fs::read_to_string(&file).expect("file");
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(before.lines().count(), after.lines().count());
    assert_eq!(
        changed.len(),
        1,
        "only the source line changes: {changed:?}"
    );
    assert!(changed[0].1.starts_with("  source: "), "{changed:?}");
    let Run {
        code,
        stdout,
        stderr,
    } = gazette().arg("check").root(root).run();
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains(", 0 stale, 0 missing"),
        "no longer stale: {stdout}"
    );
    assert!(!stderr.contains("stale-translation"), "{stderr}");

    // Accepting again changes nothing.
    let Run { code, stdout, .. } = gazette()
        .args(["translate", "sample", "--accept", stale])
        .root(root)
        .run();
    assert_eq!(code, 0);
    assert!(stdout.contains("already current"), "{stdout}");
    assert_eq!(std::fs::read_to_string(&file).expect("file"), after);
}

#[test]
fn merge_writes_the_missing_skeleton_in_place_once() {
    let dir = init_portal(|k| k.starts_with("chapter-"));
    let root = dir.path();
    let file = root.join("content/translations/en/sample.yaml");
    let before = std::fs::read_to_string(&file).expect("file");
    let missing = coverage(&load(root).policies[0]).missing;
    assert!(missing.len() > 10, "{missing:?}");

    let Run {
        code,
        stdout,
        stderr,
    } = gazette()
        .args(["translate", "sample", "--merge"])
        .root(root)
        .run();
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(&format!("added {} English units", missing.len())),
        "{stdout}"
    );
    assert!(
        stdout.contains(" characters (") && stdout.contains(&format!("{} missing", missing.len())),
        "the coverage as it now stands: {stdout}"
    );
    let Run {
        stdout: skeleton, ..
    } = gazette().args(["translate", "sample"]).root(root).run();
    let first = skeleton.lines().next().unwrap_or("");
    assert!(
        first.starts_with("# Missing and stale English units of sample (")
            && first.contains(" characters ("),
        "{first}"
    );
    let merged = std::fs::read_to_string(&file).expect("file");
    assert!(
        merged.starts_with(&before),
        "what was there stays as it was"
    );
    for key in &missing {
        assert_eq!(
            merged.matches(&format!("\n{key}:\n")).count(),
            1,
            "{key} once"
        );
    }
    // The strict loader (which refuses a repeated key) reads it; the new
    // entries are still to be filled in.
    assert_eq!(coverage(&load(root).policies[0]).missing, missing);

    let Run { code, stdout, .. } = gazette()
        .args(["translate", "sample", "--merge"])
        .root(root)
        .run();
    assert_eq!(code, 0);
    assert!(stdout.contains("added 0 English units"), "{stdout}");
    assert!(
        stdout.contains("in the file already, to fill in"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("file"),
        merged,
        "idempotent"
    );

    let Run { stdout: help, .. } = gazette().args(["translate", "--help"]).root(root).run();
    assert!(
        !help.contains(">>"),
        "no example appends to the file: {help}"
    );
    assert!(help.contains("--merge"), "{help}");
}

/// The init portal's policy page, as a path in the output and as a URL.
const SAMPLE_EN: &str = "en/policies/innovation-2024-2026/index.html";
const SAMPLE_ZH_URL: &str = "/policies/zh/policies/innovation-2024-2026/";
const SAMPLE_EN_URL: &str = "/policies/en/policies/innovation-2024-2026/";

fn set_min_coverage(root: &std::path::Path, value: &str) {
    let path = root.join("content/site.yaml");
    let site = std::fs::read_to_string(&path).expect("site.yaml");
    let site: String = site
        .lines()
        .filter(|l| !l.starts_with("min_english_coverage:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, format!("{site}min_english_coverage: {value}\n")).expect("write");
}

#[test]
fn an_english_edition_below_min_english_coverage_is_not_published() {
    let dir = init_portal(|k| k.starts_with("chapter-") || k == "plan.title");
    let root = dir.path();
    let c = coverage(&load(root).policies[0]);
    assert!(c.tally.char_share() < 0.8 && c.published, "{c}");
    set_min_coverage(root, "\"80%\"");
    let c = coverage(&load(root).policies[0]);
    assert!(!c.published, "{c}");
    assert!(c.to_string().contains("English pages not published"), "{c}");

    let site = common::build_with(root, |o| o.search = false);
    assert!(
        !site.exists(SAMPLE_EN),
        "the English policy page is not built"
    );
    let zh = site.page("zh/policies/innovation-2024-2026/index.html");
    assert!(
        zh.contains("<span class=\"lang-switch unavailable\" lang=\"en\">English edition not available yet</span>"),
        "the Chinese page says so instead of linking"
    );
    assert!(
        !zh.contains(SAMPLE_EN_URL),
        "nothing names the missing page"
    );
    let sitemap = site.page("sitemap.xml");
    assert!(sitemap.contains("/zh/policies/innovation-2024-2026/"));
    assert!(
        !sitemap.contains("/en/policies/innovation-2024-2026/"),
        "{sitemap}"
    );
    // English readers are sent to the Chinese pages; the link check passed.
    let home = site.page("en/index.html");
    assert!(
        home.contains(&format!("href=\"{SAMPLE_ZH_URL}\"")),
        "{home}"
    );
    assert!(!home.contains(SAMPLE_EN_URL));
    let target = site
        .files()
        .into_iter()
        .find(|f| {
            f.starts_with("en/targets/")
                && f.ends_with("/index.html")
                && f.matches('/').count() == 3
        })
        .expect("an English target page");
    assert!(site.page(&target).contains(SAMPLE_ZH_URL), "{target}");
    // Other English pages are published as before.
    assert!(site.exists("en/departments/index.html"));

    // At the minimum, the edition is published.
    set_min_coverage(root, "0");
    assert!(common::build_with(root, |o| o.search = false).exists(SAMPLE_EN));
}

#[test]
fn a_locked_english_page_withheld_by_min_english_coverage_redirects_to_the_chinese() {
    let dir = init_portal(|_| true);
    let root = dir.path();
    // Published once in English: its URL is in the lock.
    common::build_with(root, |o| {
        o.search = false;
        o.update_lock = true;
    });
    let lock = std::fs::read_to_string(root.join("content/urls.lock")).expect("lock");
    assert!(
        lock.contains("\n/en/policies/innovation-2024-2026/\n"),
        "{lock}"
    );

    std::fs::write(root.join("content/translations/en/sample.yaml"), "").expect("empty");
    set_min_coverage(root, "0.5");
    let site = common::build_with(root, |o| o.search = false);
    let page = site.page(SAMPLE_EN);
    assert!(
        page.contains(&format!(
            "http-equiv=\"refresh\" content=\"0; url={SAMPLE_ZH_URL}\""
        )),
        "the locked URL still answers, sending the reader to the Chinese: {page}"
    );
    assert!(!site
        .page("sitemap.xml")
        .contains("/en/policies/innovation-2024-2026/"));
    let Run {
        code,
        stdout,
        stderr,
    } = gazette().args(["check", "--strict"]).root(root).run();
    assert_eq!(
        code, 1,
        "missing English is a warning, the lock no error: {stdout}{stderr}"
    );
    assert!(!stderr.contains("unpublished-url"), "{stderr}");
    assert!(stdout.contains("English pages not published"), "{stdout}");
}
