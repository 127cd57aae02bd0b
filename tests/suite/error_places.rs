//! Each kind of input error names its file and the place in it: YAML that
//! does not parse and YAML of the wrong type in `content/` at line and
//! column, a template that does not parse at its line and column, a
//! template that fails while rendering with the page, a theme's strings
//! file of the wrong type at its line and column, and a check made after
//! reading (a department name listed twice) at the place the parser gave. `check` runs on
//! a portal of one real seed and the file under test.

use gazette::diag::{Diagnostic, Severity};
use std::path::PathBuf;

struct Portal {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

/// A portal of the seed `000_8f98049102453562.txt` and `files` (path
/// under the portal, text).
fn portal(files: &[(&str, &str)]) -> Portal {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("portal");
    std::fs::create_dir_all(root.join("seeds")).expect("mkdir");
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/000_8f98049102453562.txt"
    );
    std::fs::copy(seed, root.join("seeds/a.txt")).expect("copy seed");
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    Portal { _dir: dir, root }
}

/// The one error `check` reports.
fn the_error(p: &Portal) -> Diagnostic {
    let report = gazette::check::check(&gazette::BuildOptions::new(&p.root));
    let errors: Vec<Diagnostic> = report
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    errors.into_iter().next().expect("one error")
}

/// `d` at `file` (relative to the portal), `line` and `column`, with help.
fn assert_at(d: &Diagnostic, file: &str, line: usize, column: usize) {
    assert!(d.file.ends_with(file), "{d:#?}");
    assert_eq!((d.line, d.column), (line, column), "{d:#?}");
    assert!(!d.help.is_empty(), "{d:#?}");
}

#[test]
fn a_yaml_syntax_error_in_content_is_at_its_line_and_column() {
    let p = portal(&[(
        "content/glossary.yaml",
        "- zh: 创新\n  en: innovation\n- zh: [开放\n  en: opening\n",
    )]);
    let d = the_error(&p);
    assert_eq!(d.code, "yaml");
    // The parser reports the unclosed flow sequence where it gives up:
    // the next line's `:`.
    assert_at(&d, "content/glossary.yaml", 4, 5);
    assert!(d.help.starts_with("fix the YAML at that place"), "{d:#?}");
}

#[test]
fn a_yaml_type_error_in_content_is_at_the_value() {
    let p = portal(&[(
        "content/departments.yaml",
        "- name: 市科技局\n  aliases: 南通市科学技术局\n",
    )]);
    let d = the_error(&p);
    assert_eq!(d.code, "yaml");
    assert_at(&d, "content/departments.yaml", 2, 12);
    assert!(d.message.starts_with("this place takes a list"), "{d:#?}");
    assert!(
        !d.message.contains("at line"),
        "the place is not repeated: {d:#?}"
    );
}

#[test]
fn a_template_syntax_error_is_at_its_line_and_column() {
    let p = portal(&[(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ page.title }</p>\n{% endblock %}\n",
    )]);
    let d = the_error(&p);
    assert_eq!(d.code, "template");
    assert_at(&d, "themes/default/templates/404.html", 3, 18);
    assert_eq!(d.label, "syntax error here");
    assert!(
        d.message.starts_with(
            "template `404.html` has a syntax error (while loading the theme): expected"
        ),
        "{d:#?}"
    );
}

#[test]
fn a_template_that_fails_while_rendering_names_its_file_and_page() {
    let p = portal(&[(
        "themes/default/templates/404.html",
        "<p>{{ page.title | no_such_filter }}</p>\n",
    )]);
    let d = the_error(&p);
    assert_eq!(d.code, "template");
    // tera keeps no place for errors while rendering: the whole file.
    assert_at(&d, "themes/default/templates/404.html", 0, 0);
    assert!(
        d.message.contains("while rendering the page") && d.message.contains("no_such_filter"),
        "{d:#?}"
    );
}

#[test]
fn a_missing_parent_template_is_at_the_line_that_extends_it() {
    let p = portal(&[(
        "themes/default/templates/404.html",
        "{# the page for unknown URLs #}\n{% extends \"nope.html\" %}\n",
    )]);
    let d = the_error(&p);
    assert_eq!(d.code, "template");
    assert_at(&d, "themes/default/templates/404.html", 2, 0);
    assert!(d.message.contains("nope.html"), "{d:#?}");
}

#[test]
fn a_theme_strings_file_of_the_wrong_type_is_at_its_line_and_column() {
    let p = portal(&[(
        "themes/default/strings/en.yaml",
        "lang_name: English\nskip_to_content: [Skip]\n",
    )]);
    let d = the_error(&p);
    assert_eq!(d.code, "yaml");
    assert_at(&d, "themes/default/strings/en.yaml", 2, 18);
}

#[test]
fn a_name_listed_twice_is_at_the_place_the_parser_read_it() {
    // The name also appears inside an earlier line of the same entry: a
    // search of the text for it would point there.
    let p = portal(&[(
        "content/departments.yaml",
        "- name: 市科技局\n- name: 市财政局\n  full_zh: 南通市财政局（市科技局联络处）\n  aliases: [市财政, 市科技局]\n",
    )]);
    let d = the_error(&p);
    assert_eq!(d.code, "invalid-content");
    assert_at(&d, "content/departments.yaml", 4, 18);
    assert_eq!(d.message, "`市科技局` is listed twice (first at line 1)");
}

#[test]
fn a_term_listed_twice_is_at_its_own_zh_and_a_bad_date_at_its_value() {
    // The repeat's note, above its `zh:`, names the term too.
    let p = portal(&[(
        "content/glossary.yaml",
        "- zh: 创新\n  en: innovation\n- note: 创新 again\n  zh: 创新\n  en: innovation\n",
    )]);
    let d = the_error(&p);
    assert_at(&d, "content/glossary.yaml", 4, 7);
    assert_eq!(
        d.message,
        "the term `创新` is listed twice (first at line 1)"
    );

    let p = portal(&[(
        "content/changelog.yaml",
        "- policy: a\n  zh: 更正\n  en: corrected\n  date: 2026-13-01\n",
    )]);
    let d = the_error(&p);
    assert_at(&d, "content/changelog.yaml", 4, 9);
    assert!(d.message.starts_with("date `2026-13-01`"), "{d:#?}");
}

#[test]
fn a_word_to_avoid_listed_twice_is_at_its_own_word() {
    // The repeat's `use:`, above its `word:`, names the word too.
    let p = portal(&[(
        "content/style.yaml",
        "avoid:\n  - word: Talents\n    use: talent\n  - use: not Talents\n    word: talents\n",
    )]);
    let d = the_error(&p);
    assert_at(&d, "content/style.yaml", 5, 11);
    assert_eq!(
        d.message,
        "`talents` is listed twice under `avoid` (first at line 2)"
    );
}

#[test]
fn a_duty_template_that_fails_names_its_file_and_the_department_page() {
    // A department page's duties are rendered from duty.html once each and
    // shared: the error still names that file and a page that lists it.
    let p = portal(&[(
        "themes/default/templates/duty.html",
        "<li>{{ view.url | no_such_filter }}</li>",
    )]);
    let d = the_error(&p);
    assert_eq!(d.code, "template");
    assert_at(&d, "themes/default/templates/duty.html", 0, 0);
    assert!(
        d.message.contains("duty.html")
            && d.message.contains("/departments/")
            && d.message.contains("no_such_filter"),
        "{d:#?}"
    );
}
