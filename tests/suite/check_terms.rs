//! Terms enforced (issue 18): `gazette check` holds the English to the
//! glossary (`glossary-term`) and to `content/style.yaml` (`style-avoid`,
//! `heading-case`, `currency-style`). The fixture `tests/fixtures/terms`
//! has one of each inconsistency the seed's English had (a target name
//! with "start-up" for 创新创业 and one with "lending" for 科技金融,
//! "talents", headings in the wrong case at each level, "RMB" where the
//! site writes "yuan") beside English the checks must accept (plural and
//! capitalised terms, a glossary variant, a programme's official name, an
//! acknowledged deviation). The seed portal passes `check --strict`, and
//! its old English would not.

use crate::common;

use common::{copy_tree, fixture, seed_copy, seed_root};
use gazette::diag::Diagnostic;
use std::path::Path;

const CODES: [&str; 4] = [
    "glossary-term",
    "style-avoid",
    "heading-case",
    "currency-style",
];
const FIXTURE_FILE: &str = "content/translations/en/sample.yaml";

/// The warnings of the four codes `check` gives for the portal at `root`.
fn term_warnings(root: &Path) -> Vec<Diagnostic> {
    let report = gazette::check::check(&gazette::BuildOptions::new(root));
    report
        .diagnostics
        .into_iter()
        .filter(|d| CODES.contains(&d.code))
        .collect()
}

/// The same from loading alone (no rendering): what `check` and `build`
/// report through `portal_warnings`.
fn loaded_warnings(root: &Path) -> Vec<Diagnostic> {
    let portal = gazette::load(&gazette::BuildOptions::new(root)).expect("load");
    gazette::portal_warnings(&portal)
}

fn fixture_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture("terms"), dir.path());
    dir
}

/// Line `n` (1-based) of the fixture's translation file.
fn fixture_line(n: usize) -> String {
    let text = std::fs::read_to_string(fixture("terms").join(FIXTURE_FILE)).expect("fixture");
    text.lines().nth(n - 1).expect("line").to_owned()
}

#[test]
fn each_inconsistency_of_the_fixture_is_found_at_its_english() {
    let found = term_warnings(&fixture("terms"));
    let got: Vec<(&str, usize, &str)> = found
        .iter()
        .map(|d| {
            let key = d.message.split('`').nth(1).unwrap_or("");
            (d.code, d.line, key)
        })
        .collect();
    let want = [
        ("heading-case", 14, "chapter-1"),
        ("heading-case", 23, "task-1"),
        ("style-avoid", 26, "task-2"),
        ("heading-case", 29, "section-2-2"),
        ("currency-style", 47, "chapter-1-p1"),
        ("glossary-term", 75, "section-2-1-target-cfb9f6"),
        ("glossary-term", 78, "task-1-target-851d89"),
    ];
    assert_eq!(got, want, "{found:#?}");
    for d in &found {
        assert_eq!(d.file, FIXTURE_FILE, "{d}");
        assert!(!d.help.is_empty(), "{d}");
        let line = fixture_line(d.line);
        assert!(line.trim_start().starts_with("text:"), "{d}: {line}");
    }
}

#[test]
fn each_warning_names_the_english_and_what_to_write() {
    let found = term_warnings(&fixture("terms"));
    let by_key = |key: &str| {
        found
            .iter()
            .find(|d| d.message.contains(&format!("`{key}`")))
            .unwrap_or_else(|| panic!("no warning for {key}: {found:#?}"))
    };
    // The column points at the word itself.
    let at_column = |d: &Diagnostic| -> String {
        fixture_line(d.line)
            .chars()
            .skip(d.column - 1)
            .collect::<String>()
    };

    let start_up = by_key("section-2-1-target-cfb9f6");
    assert!(start_up.message.contains("创新创业"), "{start_up}");
    assert!(
        start_up
            .message
            .contains("`innovation and entrepreneurship`"),
        "{start_up}"
    );
    assert!(start_up.help.contains("variants:"), "{start_up}");
    assert!(start_up.help.contains("content/checks.yaml"), "{start_up}");

    let lending = by_key("task-1-target-851d89");
    assert!(lending.message.contains("科技金融"), "{lending}");
    assert!(lending.message.contains("`sci-tech finance`"), "{lending}");

    let talents = by_key("task-2");
    assert_eq!(talents.code, "style-avoid");
    assert!(at_column(talents).starts_with("talents"), "{talents}");
    assert!(talents.help.contains("`talent`"), "{talents}");

    let rmb = by_key("chapter-1-p1");
    assert!(at_column(rmb).starts_with("RMB 80 billion"), "{rmb}");
    assert!(rmb.help.contains("`80 billion yuan`"), "{rmb}");

    let chapter = by_key("chapter-1");
    assert!(
        chapter.message.contains("Title Case for chapter headings"),
        "{chapter}"
    );
    assert!(at_column(chapter).starts_with("requirements"), "{chapter}");
    let task = by_key("task-1");
    assert!(
        task.message.contains("Sentence case for task headings"),
        "{task}"
    );
    assert!(at_column(task).starts_with("Sci-Tech"), "{task}");
    let section = by_key("section-2-2");
    assert!(
        section.message.contains("Title Case for section headings"),
        "{section}"
    );
    assert!(at_column(section).starts_with("build"), "{section}");
}

#[test]
fn an_acknowledged_deviation_is_not_reported_and_its_acknowledgement_is_used() {
    let all = loaded_warnings(&fixture("terms"));
    assert!(
        !all.iter().any(|d| d.code == "unused-acknowledgement"),
        "{all:#?}"
    );
    assert!(!all.iter().any(|d| d.message.contains("section-2-2-p1")));

    let portal = fixture_copy();
    std::fs::remove_file(portal.path().join("content/checks.yaml")).expect("remove");
    let found: Vec<Diagnostic> = loaded_warnings(portal.path())
        .into_iter()
        .filter(|d| d.message.contains("`section-2-2-p1`"))
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].code, "glossary-term");
    assert!(found[0].message.contains("创业服务平台"), "{}", found[0]);
}

#[test]
fn a_glossary_variant_is_what_accepts_another_rendering() {
    let portal = fixture_copy();
    let path = portal.path().join("content/glossary.yaml");
    let text = std::fs::read_to_string(&path).expect("glossary");
    let without = text.replace("  variants: [innovative and entrepreneurial]\n", "");
    assert_ne!(text, without);
    std::fs::write(&path, without).expect("write");
    let keys: Vec<String> = loaded_warnings(portal.path())
        .into_iter()
        .filter(|d| d.code == "glossary-term")
        .map(|d| d.message)
        .collect();
    assert!(
        keys.iter().any(|m| m.contains("`section-2-1-p1`")),
        "{keys:#?}"
    );
}

#[test]
fn without_style_yaml_only_the_glossary_is_enforced() {
    let portal = fixture_copy();
    std::fs::remove_file(portal.path().join("content/style.yaml")).expect("remove");
    let codes: Vec<&str> = loaded_warnings(portal.path())
        .iter()
        .map(|d| d.code)
        .filter(|c| CODES.contains(c))
        .collect();
    assert_eq!(codes, ["glossary-term", "glossary-term"]);
}

#[test]
fn a_style_yaml_with_an_unknown_case_is_refused_at_its_line() {
    let portal = fixture_copy();
    let path = portal.path().join("content/style.yaml");
    let text = std::fs::read_to_string(&path).expect("style");
    std::fs::write(&path, text.replace("task: sentence", "task: lower")).expect("write");
    let err = gazette::load(&gazette::BuildOptions::new(portal.path()))
        .expect_err("an unknown case")
        .to_string();
    assert!(err.contains("style.yaml"), "{err}");
    assert!(err.contains("style.yaml:8:"), "{err}");
    assert!(err.contains("`lower`"), "{err}");
}

#[test]
fn the_seed_passes_check_strict_with_the_terms_enforced() {
    let root = seed_root();
    assert!(root.join("content/style.yaml").is_file());
    let report = gazette::check::check(&gazette::BuildOptions::new(&root));
    assert_eq!(report.exit_code(true), 0, "{:#?}", report.diagnostics);
    assert!(report.pages_checked > 0);
}

#[test]
fn the_seeds_old_english_would_not_pass() {
    let portal = seed_copy();
    let path = portal
        .path()
        .join("content/translations/en/000_8f98049102453562.yaml");
    let text = std::fs::read_to_string(&path).expect("translation");
    let old = [
        (
            "text: Entrepreneurship service platforms",
            "text: Start-up service platforms",
        ),
        (
            "text: Sci-tech lending institutions",
            "text: Science and technology lending institutions",
        ),
        (
            "text: Enterprises served by sci-tech lending institutions",
            "text: Enterprises served by technology finance",
        ),
        (
            "140 or more high-level talent per",
            "140 or more high-level talents per",
        ),
        (
            "text: Strengthen Organisation and Leadership",
            "text: Strengthen organisation and leadership",
        ),
        (
            "will exceed 800 billion yuan,",
            "will exceed RMB 800 billion,",
        ),
    ];
    let mut reverted = text.clone();
    for (now, before) in old {
        assert!(reverted.contains(now), "the seed no longer says {now}");
        reverted = reverted.replace(now, before);
    }
    std::fs::write(&path, reverted).expect("write");
    let found: Vec<(&str, String)> = loaded_warnings(portal.path())
        .into_iter()
        .filter(|d| CODES.contains(&d.code))
        .map(|d| (d.code, d.message.split('`').nth(1).unwrap_or("").to_owned()))
        .collect();
    let want = [
        ("glossary-term", "task-16-target-8707cc"),
        ("glossary-term", "task-17-target-aaa40f"),
        ("style-avoid", "task-17-target-82f87a"),
        ("style-avoid", "chapter-2-p4"),
        ("heading-case", "section-4-1"),
        ("currency-style", "task-2-p1"),
    ];
    for (code, key) in want {
        assert!(
            found.iter().any(|(c, k)| *c == code && k == key),
            "no {code} for {key}: {found:#?}"
        );
    }
    assert_eq!(found.len(), want.len(), "{found:#?}");
}

#[test]
fn init_writes_a_style_that_is_enforced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("portal");
    gazette::init::init(&root, false).expect("init");
    let portal = gazette::load(&gazette::BuildOptions::new(&root)).expect("load");
    assert_eq!(
        portal.style.currency,
        Some(gazette::content::style::Currency::Yuan)
    );
    // Its sample's first chapter translated in the wrong case for its level.
    let skeleton = gazette::translate::skeleton(&portal.policies[0], &Default::default());
    let start = skeleton
        .find("\nchapter-1:\n")
        .expect("chapter-1 in the skeleton");
    let text_at = start + skeleton[start..].find("text: \"\"").expect("its text");
    let yaml = format!(
        "{}text: General requirements{}",
        &skeleton[..text_at],
        &skeleton[text_at + "text: \"\"".len()..]
    );
    std::fs::write(root.join("content/translations/en/sample.yaml"), yaml).expect("write");
    let found: Vec<Diagnostic> = loaded_warnings(&root)
        .into_iter()
        .filter(|d| CODES.contains(&d.code))
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].code, "heading-case");
    assert!(found[0].message.contains("`chapter-1`"), "{}", found[0]);
}
