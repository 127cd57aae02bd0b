//! Chinese on English pages (issue 13): the Chinese shown where a name or
//! label is not yet translated is marked `lang="zh-Hans"` (class
//! `zh-fallback`), so `chinese-outside-zh` passes a partly translated
//! portal *because* of that mark, not by exemption; unmarked Chinese, in
//! text or in an attribute people read, still fails.

use crate::common;

use gazette::diag::{Diagnostic, Severity};
use std::path::Path;

fn check(root: &Path) -> Vec<Diagnostic> {
    gazette::check::check(&gazette::BuildOptions::new(root)).diagnostics
}

fn chinese_errors(diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    diags
        .iter()
        .filter(|d| d.code == "chinese-outside-zh")
        .collect()
}

fn codes(diags: &[Diagnostic]) -> Vec<&str> {
    diags.iter().map(|d| d.code).collect()
}

#[test]
fn a_fresh_portal_passes_because_its_untranslated_names_are_marked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("portal");
    gazette::init::init(&root, true).unwrap();
    let diags = check(&root);
    assert_eq!(
        codes(&diags),
        ["missing-translation"],
        "only the translation is left to do: {diags:#?}"
    );

    // The names are shown in Chinese, marked, wherever English pages
    // list them (the check read them all and found them marked).
    let built = common::build(&root, None);
    let marked = "<span class=\"zh-fallback\" lang=\"zh-Hans\">新增科技型中小企业</span>";
    for page in [
        "en/targets/index.html",
        "en/targets/tech-smes/embed/index.html",
        "en/departments/finance/index.html",
    ] {
        assert!(built.page(page).contains(marked), "{page}");
    }
    assert!(built
        .page("en/departments/finance/index.html")
        .contains("Action (1): <span class=\"zh-fallback\" lang=\"zh-Hans\">企业培育行动</span>"));
    // The head repeats the name the body shows marked.
    assert!(built
        .page("en/targets/tech-smes/index.html")
        .contains("<title>新增科技型中小企业: 300 · "));
    // So does the breadcrumb: an untranslated title is marked there as
    // untranslated (the same label macro), not only as Chinese.
    assert!(
        built.page("en/targets/tech-smes/index.html").contains(
            "aria-current=\"page\"><span class=\"zh-fallback\" lang=\"zh-Hans\">新增科技型中小企业</span>: 300"
        ),
        "breadcrumb"
    );

    // Take the mark away from the theme's label macro: the same pages fail.
    let macros = root.join("themes/default/templates/macros.html");
    let text = std::fs::read_to_string(&macros).unwrap();
    let unmarked = "<span class=\"zh-fallback\" lang=\"zh-Hans\">{{ p.text }}</span>";
    assert!(text.contains(unmarked), "the label macro marks fallbacks");
    std::fs::write(&macros, text.replace(unmarked, "{{ p.text }}")).unwrap();
    let diags = check(&root);
    let errors = chinese_errors(&diags);
    assert!(
        errors
            .iter()
            .any(|d| d.file.ends_with("public/en/targets/index.html")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|d| d.file.ends_with("public/en/departments/finance/index.html")),
        "{errors:#?}"
    );
}

#[test]
fn the_seed_without_its_translation_passes_because_the_chinese_is_marked() {
    let dir = common::seed_copy();
    std::fs::remove_file(
        dir.path()
            .join("content/translations/en/000_8f98049102453562.yaml"),
    )
    .unwrap();
    let diags = check(dir.path());
    assert_eq!(
        diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count(),
        0,
        "{diags:#?}"
    );
    assert_eq!(codes(&diags), ["missing-translation"], "{diags:#?}");

    // A lead conflict names its task in a sentence the site writes: the
    // task's Chinese title is marked inside the English link.
    let built = common::build(dir.path(), None);
    let page = built.page("en/departments/state-taxation/index.html");
    assert!(
        page.contains(
            "Task 6: <span class=\"zh-fallback\" lang=\"zh-Hans\">强化科技政策落实</span></a>"
        ),
        "{page}"
    );
}

/// A seed copy whose English About page has the title `title`, the
/// description `description` and ends with `extra` (Markdown).
fn about_saying(title: &str, description: &str, extra: &str) -> Vec<Diagnostic> {
    let dir = common::seed_copy();
    let path = dir.path().join("content/pages/about.en.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .replacen("title: About this site", &format!("title: {title}"), 1)
        .replacen(
            "description: What this site publishes, where it comes from, and how to read, link to and cite it.",
            &format!("description: {description}"),
            1,
        );
    std::fs::write(&path, format!("{text}\n{extra}\n")).unwrap();
    check(dir.path())
}

fn about_errors(diags: &[Diagnostic]) -> Vec<String> {
    chinese_errors(diags)
        .into_iter()
        .filter(|d| d.file.ends_with("public/en/about/index.html"))
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn unmarked_chinese_in_an_english_content_page_still_fails() {
    // The English page's own title is English by definition: the theme
    // shows it unmarked, and Chinese put there is an error.
    let diags = about_saying("关于本站", "About this site", "");
    let errors = about_errors(&diags);
    assert_eq!(errors.len(), 1, "{diags:#?}");
    assert!(errors[0].contains("`关于本站"), "{errors:?}");
    // Chinese in the English page's Markdown text is a quotation the
    // renderer marks: no error.
    let diags = about_saying(
        "About this site",
        "About this site",
        "The plan calls the city 创新之都.",
    );
    assert_eq!(about_errors(&diags), Vec::<String>::new());
}

#[test]
fn a_content_page_not_yet_in_english_shows_its_chinese_marked() {
    let dir = common::seed_copy();
    std::fs::remove_file(dir.path().join("content/pages/about.en.md")).unwrap();
    let diags = check(dir.path());
    assert_eq!(chinese_errors(&diags).len(), 0, "{diags:#?}");
    let built = common::build(dir.path(), None);
    // Its title in every English page's navigation, and its own heading.
    let home = built.page("en/index.html");
    assert!(
        home.contains("<span class=\"zh-fallback\" lang=\"zh-Hans\">关于本站</span>"),
        "{home}"
    );
    assert!(built
        .page("en/about/index.html")
        .contains("<h1 lang=\"zh-Hans\">关于本站</h1>"));
}

#[test]
fn chinese_in_an_attribute_of_an_english_page_fails() {
    // An image's description, read out by screen readers.
    let diags = about_saying(
        "About this site",
        "About this site",
        "![南通市地图](/assets/favicon.svg)",
    );
    let errors = about_errors(&diags);
    assert_eq!(errors.len(), 1, "{diags:#?}");
    assert!(
        errors[0].contains("`南通市地图` (in the `alt` attribute of <img>)"),
        "{errors:?}"
    );

    // A description in Chinese the page does not show, marked, anywhere:
    // `<meta content>` cannot be marked, so it fails.
    let diags = about_saying("About this site", "关于本站", "");
    let errors = about_errors(&diags);
    assert_eq!(errors.len(), 1, "{diags:#?}");
    assert!(
        errors[0].contains("`关于本站` (in the `content` attribute of <meta>)"),
        "{errors:?}"
    );
}

#[test]
fn english_glossary_links_explain_the_term_in_english() {
    let built = common::build(&common::seed_root(), None);
    let page = built.page("en/policies/innovation-capital-2017-2020/index.html");
    let titles: Vec<&str> = page
        .split("<a class=\"term\"")
        .skip(1)
        .filter_map(|a| {
            a.split('>')
                .next()?
                .split("title=\"")
                .nth(1)?
                .split('"')
                .next()
        })
        .collect();
    assert!(!titles.is_empty(), "the English plan links glossary terms");
    for t in &titles {
        assert!(
            !t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{t}"
        );
    }
    assert!(
        titles.contains(&"Status under the national programme of pilot innovative cities run by the Ministry of Science and Technology."),
        "{titles:?}"
    );
}
