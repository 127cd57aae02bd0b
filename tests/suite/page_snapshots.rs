//! The `<main>` of one page of each kind of the built seed site, in both
//! languages, as `insta` snapshots (`tests/suite/snapshots/`), pretty-printed
//! by `common::html` so a change to a page is a reviewed, readable diff.

use crate::common;

/// One page of each kind: its snapshot name and its path under `{lang}/`.
const KINDS: &[(&str, &str)] = &[
    ("home", "index.html"),
    ("policy", "policies/innovation-capital-2017-2020/index.html"),
    (
        "breakdown",
        "policies/innovation-capital-2017-2020/breakdown/index.html",
    ),
    ("target", "targets/rd-spending-share-of-gdp/index.html"),
    (
        "target_embed",
        "targets/rd-spending-share-of-gdp/embed/index.html",
    ),
    ("targets", "targets/index.html"),
    ("targets_of_status", "targets/status/on-track/index.html"),
    (
        "targets_of_department",
        "targets/department/intellectual-property/index.html",
    ),
    ("departments", "departments/index.html"),
    ("department", "departments/intellectual-property/index.html"),
    ("glossary", "glossary/index.html"),
    ("search", "search/index.html"),
    ("content_page", "about/index.html"),
    ("not_found", "404.html"),
];

#[test]
fn main_of_each_page_kind_in_both_languages() {
    let site = common::seed_site();
    let mut pages = vec![("language_choice".to_owned(), "index.html".to_owned())];
    for lang in ["zh", "en"] {
        for (kind, rel) in KINDS {
            pages.push((format!("{lang}_{kind}"), format!("{lang}/{rel}")));
        }
    }
    for (name, rel) in pages {
        let main = common::html::pretty_main(&site.page(&rel));
        let mut settings = insta::Settings::clone_current();
        settings.set_description(format!("<main> of {rel} in the built seed site"));
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(name, main));
    }
}
