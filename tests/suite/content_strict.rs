//! Strict content (issue 12): what a careless or hostile contributor to
//! `content/` or `seeds/` can get wrong, one test per case. Each edits a
//! copy of the seed portal, then asserts `check`'s exit status, the
//! diagnostic's code and `file:line`, that `build` refuses the portal with
//! the same problem, and that the build changed nothing outside its output
//! folder (which a failed build does not create). A property test feeds
//! arbitrary strings to the slug and redirect rules.

use crate::common;

use gazette::diag::{Diagnostic, Severity};
use gazette::BuildOptions;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// A copy of the seed portal three folders deep in a temp folder, so a path
/// escaping the output folder by `..` still lands inside the temp folder,
/// where the test sees it.
struct Portal {
    dir: tempfile::TempDir,
    root: PathBuf,
}

impl Portal {
    fn new() -> Portal {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("a/b/c/portal");
        for sub in ["seeds", "content", "themes"] {
            common::copy_tree(&common::seed_root().join(sub), &root.join(sub));
        }
        Portal { dir, root }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Rewrites `rel` with `edit`, which must change it.
    fn edit(&self, rel: &str, edit: impl FnOnce(&str) -> String) -> &Portal {
        let path = self.path(rel);
        let before = std::fs::read_to_string(&path).unwrap_or_default();
        let after = edit(&before);
        assert_ne!(before, after, "the edit of {rel} changed nothing");
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, after).expect("write");
        self
    }

    /// Appends `text` to `rel`.
    fn append(&self, rel: &str, text: &str) -> &Portal {
        self.edit(rel, |s| format!("{s}{text}"))
    }

    /// 1-based line of `rel` that contains `needle` (the `nth`, from 1).
    fn line(&self, rel: &str, needle: &str, nth: usize) -> usize {
        let text = std::fs::read_to_string(self.path(rel)).expect("read");
        text.lines()
            .enumerate()
            .filter(|(_, l)| l.contains(needle))
            .nth(nth - 1)
            .map(|(i, _)| i + 1)
            .unwrap_or_else(|| panic!("{rel} has no {nth}. line with {needle:?}"))
    }

    fn check(&self) -> gazette::check::CheckReport {
        gazette::check::check(&BuildOptions::new(&self.root))
    }

    /// Every file in the temp folder outside the output folder, with its bytes.
    fn files_outside_output(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let out = self.path("public");
        walkdir::WalkDir::new(self.dir.path())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| !e.path().starts_with(&out) && !e.file_type().is_dir())
            .map(|e| {
                let bytes = std::fs::read(e.path()).unwrap_or_default();
                (e.path().to_owned(), bytes)
            })
            .collect()
    }

    /// Builds into `public/`; the build's diagnostics when it fails.
    /// Asserts nothing outside `public/` changed either way.
    fn build(&self) -> Result<(), Vec<Diagnostic>> {
        let before = self.files_outside_output();
        let mut opts = BuildOptions::new(&self.root);
        opts.search = false;
        let result = gazette::build(&opts)
            .map(drop)
            .map_err(|e| gazette::diag::convert::from_build_error(&e, &self.root));
        assert_eq!(
            before.keys().collect::<Vec<_>>(),
            self.files_outside_output().keys().collect::<Vec<_>>(),
            "the build changed files outside its output folder"
        );
        assert!(before == self.files_outside_output());
        if result.is_err() {
            assert!(
                !self.path("public").exists(),
                "a failed build wrote public/"
            );
        }
        result
    }

    /// `check` exits 2 with an error `code` at `file:line`, and `build`
    /// fails with it too.
    fn refused(&self, code: &str, file: &str, line: usize) -> Diagnostic {
        let report = self.check();
        assert_eq!(report.exit_code(false), 2, "{:#?}", report.diagnostics);
        let found = find(&report.diagnostics, code, file, line);
        let build = self.build().expect_err("the build should fail");
        find(&build, code, file, line);
        found
    }
}

/// The error `code` at `file:line` (its path as shown: relative to the
/// portal), with help.
fn find(diags: &[Diagnostic], code: &str, file: &str, line: usize) -> Diagnostic {
    let shown = |d: &Diagnostic| {
        d.file
            .rsplit_once("portal/")
            .map_or(d.file.clone(), |(_, r)| r.to_owned())
    };
    let d = diags
        .iter()
        .find(|d| d.code == code && shown(d) == file && d.line == line)
        .unwrap_or_else(|| panic!("no `{code}` at {file}:{line} in {diags:#?}"))
        .clone();
    assert_eq!(d.severity, Severity::Error);
    assert!(!d.help.is_empty(), "{d:?}");
    d
}

const DEPARTMENTS: &str = "content/departments.yaml";
const TARGETS: &str = "content/targets.yaml";
const POLICIES: &str = "content/policies.yaml";
const SITE: &str = "content/site.yaml";
const GLOSSARY: &str = "content/glossary.yaml";
const OBSERVATIONS: &str = "content/data/observations.csv";
const TRANSLATION: &str = "content/translations/en/000_8f98049102453562.yaml";

// Writing outside public/.

#[test]
fn department_slug_with_dots_is_refused_at_its_line() {
    let p = Portal::new();
    p.edit(DEPARTMENTS, |s| {
        s.replace("slug: science-technology", "slug: ../../../../x")
    });
    let line = p.line(DEPARTMENTS, "../../../../x", 1);
    let d = p.refused("invalid-slug", DEPARTMENTS, line);
    assert_eq!(d.column, 9);
    assert!(d.message.contains("contains `.`"), "{}", d.message);
}

#[test]
fn target_slug_with_dots_is_refused_at_its_line() {
    let p = Portal::new();
    p.edit(TARGETS, |s| {
        s.replace("slug: key-laboratories", "slug: ../../x")
    });
    p.refused("invalid-slug", TARGETS, p.line(TARGETS, "../../x", 1));
}

#[test]
fn redirect_key_with_dots_is_refused_at_its_line() {
    let p = Portal::new();
    p.append(
        "content/redirects.yaml",
        "/zh/targets/old/: /zh/targets/\n/../../../x/: /zh/\n",
    );
    p.refused("invalid-slug", "content/redirects.yaml", 2);
}

#[test]
fn redirect_target_outside_the_site_is_refused() {
    let p = Portal::new();
    p.append("content/redirects.yaml", "/zh/old/: /zh/../../x/\n");
    p.refused("invalid-slug", "content/redirects.yaml", 1);
}

#[test]
fn policy_slug_with_a_slash_is_refused() {
    let p = Portal::new();
    p.edit(POLICIES, |s| {
        s.replace("slug: innovation-capital-2017-2020", "slug: a/b")
    });
    p.refused("invalid-slug", POLICIES, p.line(POLICIES, "slug: a/b", 1));
}

#[test]
fn an_overlong_slug_is_refused() {
    let p = Portal::new();
    let long = "a".repeat(81);
    p.edit(TARGETS, |s| {
        s.replace("slug: key-laboratories", &format!("slug: {long}"))
    });
    let d = p.refused("invalid-slug", TARGETS, p.line(TARGETS, &long, 1));
    assert!(d.message.contains("81 characters"), "{}", d.message);
}

#[test]
fn every_unsafe_slug_and_redirect_of_a_file_is_reported() {
    let p = Portal::new();
    p.edit(TARGETS, |s| {
        s.replace("slug: key-laboratories", "slug: ../../x")
            .replace("slug: technology-incubators", "slug: /etc")
    });
    p.append("content/redirects.yaml", "/../a/: /zh/\n/ok/: /../b/\n");
    let report = p.check();
    for (file, needle) in [
        (TARGETS, "../../x"),
        (TARGETS, "/etc"),
        ("content/redirects.yaml", "/../a/"),
        ("content/redirects.yaml", "/../b/"),
    ] {
        find(
            &report.diagnostics,
            "invalid-slug",
            file,
            p.line(file, needle, 1),
        );
    }
}

#[test]
fn two_targets_with_one_slug_are_refused_at_the_second() {
    let p = Portal::new();
    p.edit(TARGETS, |s| {
        s.replace("slug: technology-incubators", "slug: key-laboratories")
    });
    let first = p.line(TARGETS, "slug: key-laboratories", 1);
    let d = p.refused(
        "duplicate-slug",
        TARGETS,
        p.line(TARGETS, "slug: key-laboratories", 2),
    );
    assert!(
        d.message.ends_with(&format!("also given at line {first}")),
        "{}",
        d.message
    );
}

// Repeated and unknown keys.

#[test]
fn duplicate_policy_key_is_refused_at_the_repeat() {
    let p = Portal::new();
    p.append(POLICIES, "000_8f98049102453562:\n  slug: something-else\n");
    let line = p.line(POLICIES, "000_8f98049102453562:", 2);
    let d = p.refused("duplicate-key", POLICIES, line);
    assert_eq!(d.column, 1);
    let first = p.line(POLICIES, "000_8f98049102453562:", 1);
    assert!(
        d.message.ends_with(&format!("(first at line {first})")),
        "{}",
        d.message
    );
}

#[test]
fn duplicate_target_key_is_refused_at_the_repeat() {
    let p = Portal::new();
    let first = p.line(TARGETS, "slug: key-laboratories", 1);
    p.edit(TARGETS, |s| {
        s.replace(
            "    slug: key-laboratories\n",
            "    slug: key-laboratories\n    slug: other\n",
        )
    });
    p.refused("duplicate-key", TARGETS, first + 1);
}

#[test]
fn duplicate_translation_unit_is_refused_at_the_repeat() {
    let p = Portal::new();
    p.append(
        TRANSLATION,
        "notice.title:\n  source: a146f3524209\n  text: A different title\n",
    );
    p.refused(
        "duplicate-key",
        TRANSLATION,
        p.line(TRANSLATION, "notice.title:", 2),
    );
}

#[test]
fn a_third_language_in_a_localized_field_is_refused() {
    let p = Portal::new();
    p.edit(SITE, |s| s.replacen("  en: ", "  fr: Portail\n  en: ", 1));
    let d = p.refused("unknown-field", SITE, p.line(SITE, "fr: Portail", 1));
    assert!(d.help.contains("`zh`, `en`"), "{}", d.help);
}

#[test]
fn an_unknown_key_suggests_the_nearest() {
    let p = Portal::new();
    p.edit(TARGETS, |s| {
        s.replace("slug: key-laboratories", "slgu: key-laboratories")
    });
    let d = p.refused("unknown-field", TARGETS, p.line(TARGETS, "slgu:", 1));
    assert!(d.help.starts_with("did you mean `slug`?"), "{}", d.help);
}

// Settings.

#[test]
fn empty_site_yaml_warns_of_base_url_and_fails_strict() {
    let p = Portal::new();
    std::fs::write(p.path(SITE), "").expect("write");
    let report = p.check();
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == "missing-base-url")
        .unwrap_or_else(|| panic!("{:#?}", report.diagnostics));
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.file.ends_with(SITE));
    assert_eq!(report.exit_code(false), 0);
    assert_eq!(report.exit_code(true), 1);
}

#[test]
fn the_seed_portal_has_a_base_url() {
    let report = gazette::check::check(&BuildOptions::new(common::seed_root()));
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.code == "missing-base-url"),
        "{:#?}",
        report.diagnostics
    );
}

#[test]
fn a_theme_outside_themes_is_refused() {
    let p = Portal::new();
    p.edit(SITE, |s| {
        s.replace("theme: default", "theme: ../../../elsewhere")
    });
    p.refused("invalid-slug", SITE, p.line(SITE, "theme:", 1));
}

#[test]
fn default_lang_as_a_list_says_zh_or_en() {
    let p = Portal::new();
    p.edit(SITE, |s| {
        s.replace("default_lang: zh", "default_lang: [zh, en]")
    });
    let d = p.refused("yaml", SITE, p.line(SITE, "default_lang", 1));
    // The YAML crate places a refusal by the field's own deserializer at
    // the field's key.
    assert_eq!(d.column, 1);
    assert!(d.message.contains("`zh` or `en`"), "{}", d.message);
    assert!(!d.message.contains("tag"), "{}", d.message);
}

#[test]
fn min_english_coverage_out_of_range_says_what_it_takes() {
    for bad in ["\"150%\"", "1.5", "high"] {
        let p = Portal::new();
        p.append(SITE, &format!("min_english_coverage: {bad}\n"));
        let d = p.refused("yaml", SITE, p.line(SITE, "min_english_coverage", 1));
        assert!(
            d.message.contains("a fraction from 0 to 1") && d.message.contains("percentage"),
            "{bad}: {}",
            d.message
        );
    }
}

// Registries.

#[test]
fn a_department_name_listed_twice_is_refused() {
    let p = Portal::new();
    p.append(DEPARTMENTS, "- name: 市科技局\n  slug: science-again\n");
    let first = p.line(DEPARTMENTS, "- name: 市科技局", 1);
    let d = p.refused(
        "invalid-content",
        DEPARTMENTS,
        p.line(DEPARTMENTS, "- name: 市科技局", 2),
    );
    assert!(
        d.message.contains(&format!("first at line {first}")),
        "{}",
        d.message
    );
}

#[test]
fn an_alias_of_another_department_is_refused() {
    let p = Portal::new();
    p.append(
        DEPARTMENTS,
        "- name: 新单位\n  aliases: [南通市科学技术局]\n  slug: new-unit\n",
    );
    p.refused(
        "invalid-content",
        DEPARTMENTS,
        p.line(DEPARTMENTS, "aliases: [南通市科学技术局]", 1),
    );
}

#[test]
fn a_glossary_term_listed_twice_is_refused() {
    let p = Portal::new();
    p.append(GLOSSARY, "- zh: 创新之都\n  en: Capital of Innovation\n");
    p.refused(
        "invalid-content",
        GLOSSARY,
        p.line(GLOSSARY, "- zh: 创新之都", 2),
    );
}

#[test]
fn an_empty_glossary_term_is_refused() {
    let p = Portal::new();
    p.append(GLOSSARY, "- zh: \"\"\n  en: Nothing\n");
    p.refused(
        "invalid-content",
        GLOSSARY,
        p.line(GLOSSARY, "- zh: \"\"", 1),
    );
}

// Observations.

/// observations.csv with a header, a blank line, then `rows`.
fn observations(rows: &str) -> Portal {
    let p = Portal::new();
    std::fs::create_dir_all(p.path("content/data")).expect("mkdir");
    std::fs::write(
        p.path(OBSERVATIONS),
        format!("target,year,value,source,note,status\n\n{rows}"),
    )
    .expect("write");
    p
}

#[test]
fn an_unknown_observation_status_is_refused() {
    let p = observations("key-laboratories,2018,12,,,great\n");
    let d = p.refused("unknown-status", OBSERVATIONS, 3);
    assert!(d.help.contains("on_track"), "{}", d.help);
}

#[test]
fn a_nan_or_infinite_value_is_refused() {
    let p = observations("key-laboratories,2018,NaN,,,\n\nkey-laboratories,2019,inf,,,\n");
    p.refused("invalid-content", OBSERVATIONS, 3);
    p.refused("invalid-content", OBSERVATIONS, 5);
}

#[test]
fn year_zero_is_refused_in_the_csv_not_the_theme() {
    let p = observations("key-laboratories,0,12,,,\n");
    let d = p.refused("invalid-content", OBSERVATIONS, 3);
    assert!(d.message.contains("1949"), "{}", d.message);
}

#[test]
fn two_values_for_one_target_and_year_are_refused() {
    let p = observations("key-laboratories,2018,12,,,\n\n\nkey-laboratories,2018,13,,,\n");
    let d = p.refused("invalid-content", OBSERVATIONS, 6);
    assert!(d.message.contains("line 3"), "{}", d.message);
}

#[test]
fn a_misspelt_column_is_refused_with_the_nearest() {
    let p = Portal::new();
    std::fs::create_dir_all(p.path("content/data")).expect("mkdir");
    std::fs::write(
        p.path(OBSERVATIONS),
        "target,year,value,source,note,stauts\nkey-laboratories,2018,12,,,achieved\n",
    )
    .expect("write");
    let d = p.refused("invalid-content", OBSERVATIONS, 1);
    assert!(d.help.starts_with("did you mean `status`?"), "{}", d.help);
}

#[test]
fn a_bad_cell_after_blank_lines_is_reported_at_its_own_line() {
    let p = observations("\n\nkey-laboratories,20x,12,,,\n");
    let d = p.refused("invalid-content", OBSERVATIONS, 5);
    assert!(d.message.contains("`year`"), "{}", d.message);
}

// Files from elsewhere.

#[cfg(unix)]
#[test]
fn a_symlinked_page_leaving_the_portal_is_refused_and_not_published() {
    let p = Portal::new();
    let secret = p.dir.path().join("secret.md");
    std::fs::write(&secret, "---\ntitle: Secret\n---\nTOP SECRET\n").expect("write");
    std::os::unix::fs::symlink(&secret, p.path("content/pages/leak.en.md")).expect("symlink");
    let report = p.check();
    assert_eq!(report.exit_code(false), 2);
    find(
        &report.diagnostics,
        "invalid-content",
        "content/pages/leak.en.md",
        0,
    );
    assert!(!format!("{:?}", report.diagnostics).contains("TOP SECRET"));
    p.build().expect_err("the build should fail");
}

#[cfg(unix)]
#[test]
fn a_symlinked_theme_file_leaving_the_portal_is_refused() {
    let p = Portal::new();
    let secret = p.dir.path().join("secret.css");
    std::fs::write(&secret, "TOP SECRET").expect("write");
    let asset = "themes/default/static/leak.css";
    std::os::unix::fs::symlink(&secret, p.path(asset)).expect("symlink");
    p.refused("invalid-content", asset, 0);
}

#[cfg(unix)]
#[test]
fn a_symlink_inside_the_portal_is_fine() {
    let p = Portal::new();
    std::fs::copy(
        p.path("content/pages/about.en.md"),
        p.path("content/about-source.md"),
    )
    .expect("copy");
    std::fs::remove_file(p.path("content/pages/about.en.md")).expect("rm");
    std::os::unix::fs::symlink(
        p.path("content/about-source.md"),
        p.path("content/pages/about.en.md"),
    )
    .expect("symlink");
    assert_eq!(p.check().exit_code(false), 0);
}

// What the build refused and check let through.

#[test]
fn a_page_named_like_a_built_in_page_is_refused_by_check() {
    let p = Portal::new();
    std::fs::copy(
        p.path("content/pages/about.en.md"),
        p.path("content/pages/targets.en.md"),
    )
    .expect("copy");
    let d = p.refused("invalid-slug", "content/pages/targets.en.md", 0);
    assert!(d.message.contains("/en/targets/"), "{}", d.message);
}

#[test]
fn a_page_slug_with_unsafe_characters_is_refused() {
    let p = Portal::new();
    std::fs::copy(
        p.path("content/pages/about.en.md"),
        p.path("content/pages/About_Us.en.md"),
    )
    .expect("copy");
    p.refused("invalid-slug", "content/pages/About_Us.en.md", 0);
}

/// A second seed, a copy of the first, named `name`.
fn with_seed(name: &str) -> Portal {
    let p = Portal::new();
    std::fs::copy(
        p.path("seeds/000_8f98049102453562.txt"),
        p.path(&format!("seeds/{name}")),
    )
    .expect("copy");
    p
}

#[test]
fn a_seed_named_dots_is_refused_by_check() {
    let p = with_seed("...txt");
    p.refused("seed-name", "seeds/...txt", 0);
}

#[test]
fn a_seed_name_of_250_characters_is_refused_by_check() {
    let name = format!("{}.txt", "a".repeat(250));
    let p = with_seed(&name);
    let d = p.refused("seed-name", &format!("seeds/{name}"), 0);
    assert!(d.message.contains("250 characters"), "{}", d.message);
}

#[test]
fn a_seed_name_with_a_colon_is_refused_by_check() {
    let p = with_seed("a:b.txt");
    p.refused("seed-name", "seeds/a:b.txt", 0);
}

// Errors at the right place.

#[test]
fn a_front_matter_error_is_at_its_own_line() {
    let p = Portal::new();
    std::fs::write(
        p.path("content/pages/bad.en.md"),
        "---\ntitle: Bad\ntitel: typo\n---\nbody\n",
    )
    .expect("write");
    let d = p.refused("unknown-field", "content/pages/bad.en.md", 3);
    assert!(d.help.starts_with("did you mean `title`?"), "{}", d.help);
}

#[test]
fn a_missing_import_names_the_template_and_line() {
    let p = Portal::new();
    let home = "themes/default/templates/home.html";
    p.edit(home, |s| {
        s.replace(
            "{% import \"macros.html\" as m %}",
            "{% import \"nope.html\" as m %}",
        )
    });
    let d = p.refused("template", home, p.line(home, "nope.html", 1));
    assert!(d.message.contains("nope.html"), "{}", d.message);
}

#[test]
fn check_reports_the_problems_of_every_file_together() {
    let p = Portal::new();
    p.edit(DEPARTMENTS, |s| {
        s.replace("slug: science-technology", "slug: ../x")
    });
    p.append(GLOSSARY, "- zh: 创新之都\n  en: again\n");
    p.append("content/redirects.yaml", "/../x/: /zh/\n");
    let report = p.check();
    let errors: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.file.as_str())
        .collect();
    for file in [DEPARTMENTS, GLOSSARY, "content/redirects.yaml"] {
        assert!(
            errors.iter().any(|f| f.ends_with(file)),
            "{file}: {errors:?}"
        );
    }
}

// Arbitrary strings.

/// Whether `rel` names a place inside the folder it is relative to.
fn stays_inside(rel: &str) -> bool {
    Path::new(rel)
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
}

/// Reads `yaml` as `content/<file>` of an otherwise empty portal.
fn load_content(file: &str, yaml: &str) -> Result<gazette::content::Curated, String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("content").join(file);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, yaml).expect("write");
    gazette::content::Curated::load(dir.path(), &[]).map_err(|e| e.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_slugs_never_leave_the_output_folder(
        slug in prop_oneof![
            "\\PC{0,90}",
            "[a-z0-9./\\\\-]{0,12}",
            Just("..".to_owned()),
        ],
    ) {
        let quoted = serde_norway::to_string(&slug).expect("yaml");
        let yaml = format!("p:\n  target-1:\n    slug: {}", quoted.trim_end());
        let urls = gazette::link::Urls::new("https://example.gov.cn", "/");
        if let Ok(curated) = load_content("targets.yaml", &yaml) {
            let accepted = curated.targets["p"]["target-1"].slug.as_ref().map(ToString::to_string);
            prop_assert_eq!(accepted.as_deref(), Some(slug.as_str()));
            for lang in gazette::model::Lang::ALL {
                for url in [
                    urls.target(lang, &slug),
                    urls.department(lang, &slug),
                    urls.policy(lang, &slug),
                    urls.page(lang, &slug),
                ] {
                    let file = gazette::link::urls::file_for(&url, "/");
                    prop_assert!(stays_inside(&file), "{} → {}", slug, file);
                }
            }
        }
    }

    #[test]
    fn arbitrary_redirect_keys_never_leave_the_output_folder(
        key in prop_oneof![
            "\\PC{0,60}",
            "/?([a-z.]{0,3}/){0,4}[a-z.]{0,4}/?",
        ],
    ) {
        let quoted = serde_norway::to_string(&key).expect("yaml");
        let yaml = format!("{}: /zh/\n", quoted.trim_end());
        if load_content("redirects.yaml", &yaml).is_ok() {
            // As `publish::lock` and `render::redirect` place it.
            let from = format!("/{}", key.trim().trim_start_matches('/'));
            let file = gazette::link::urls::file_for(&from, "/");
            prop_assert!(stays_inside(&file), "{} → {}", key, file);
        }
    }
}
