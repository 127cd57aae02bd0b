//! What the build guarantees whatever the input: text is escaped, the site
//! works under a sub-path, a failed build leaves the old site alone, old
//! files never linger, and two builds are byte-identical.

use crate::common;

use common::{build, fixture, hrefs, seed_copy, seed_root};

#[test]
fn markup_in_a_seed_is_rendered_as_text() {
    let site = build(&fixture("site/escaping"), None);
    for rel in site.files().iter().filter(|f| f.ends_with(".html")) {
        let html = site.page(rel);
        assert!(
            !html.contains("<script>alert"),
            "{rel} executes seed markup"
        );
        assert!(
            !html.contains("<img src=x"),
            "{rel} passes seed markup through"
        );
        assert!(
            !html.contains("<b>创新"),
            "{rel} passes seed markup through"
        );
    }
    let zh = site.page("zh/policies/escape/index.html");
    assert!(
        zh.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || zh.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
}

#[test]
fn a_sub_path_base_url_prefixes_every_internal_link() {
    let site = build(&seed_root(), Some("https://example.gov.cn/innovation/"));
    let home = site.page("zh/index.html");
    let internal: Vec<String> = hrefs(&home)
        .into_iter()
        .filter(|h| h.starts_with('/'))
        .collect();
    assert!(!internal.is_empty());
    for h in &internal {
        assert!(h.starts_with("/innovation/"), "{h} escapes the sub-path");
    }
    assert!(
        home.contains("<link rel=\"canonical\" href=\"https://example.gov.cn/innovation/zh/\">")
    );
    assert!(site.page("index.html").contains("url=/innovation/zh/"));
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let portal = seed_copy();
    let out = portal.path().join("public");
    let mut opts = gazette::BuildOptions::new(portal.path());
    opts.out = out.clone();
    gazette::build(&opts).expect("first build");
    let before = std::fs::read(out.join("zh/index.html")).expect("home");
    let template = portal.path().join("themes/default/templates/home.html");
    std::fs::write(
        &template,
        "{% extends \"base.html\" %}{% block main %}{{ broken( }}{% endblock main %}",
    )
    .expect("break");
    let err = gazette::build(&opts).expect_err("a broken template fails the build");
    assert!(
        err.to_string().contains("home.html"),
        "the error names the template: {err}"
    );
    assert_eq!(
        std::fs::read(out.join("zh/index.html")).expect("home still there"),
        before
    );
    let leftovers: Vec<_> = std::fs::read_dir(portal.path())
        .expect("portal")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "staging folder left behind");
}

#[test]
fn files_from_earlier_builds_do_not_linger() {
    let portal = seed_copy();
    let out = portal.path().join("public");
    std::fs::create_dir_all(out.join("zh/old-page")).expect("mkdir");
    std::fs::write(out.join("zh/old-page/index.html"), "old").expect("write");
    std::fs::write(out.join(".gitkeep"), "").expect("write");
    // An earlier build's output carries gazette's marker.
    std::fs::write(out.join(gazette::write::MARKER), "").expect("write");
    gazette::build(&gazette::BuildOptions::new(portal.path())).expect("build");
    assert!(
        !out.join("zh/old-page").exists(),
        "a page no longer built was kept"
    );
    assert!(
        out.join(".gitkeep").exists(),
        "the committed placeholder was removed"
    );
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let a = build(&seed_root(), None);
    let b = build(&seed_root(), None);
    assert_eq!(a.files(), b.files());
    for rel in a.files() {
        assert!(
            std::fs::read(a.out.join(&rel)).ok() == std::fs::read(b.out.join(&rel)).ok(),
            "{rel} differs between builds"
        );
    }
}

#[test]
fn a_broken_link_in_a_markdown_page_fails_the_build_naming_page_and_link() {
    let portal = seed_copy();
    let page = "---\ntitle: Help\n---\n\nSee [the glossary](../glossary/) and [nowhere](../no-such-page/).\n";
    std::fs::write(portal.path().join("content/pages/help.en.md"), page).expect("write page");
    let out = portal.path().join("public");
    let err =
        gazette::build(&gazette::BuildOptions::new(portal.path())).expect_err("broken link fails");
    let msg = err.to_string();
    assert!(
        msg.contains("en/help/index.html: ../no-such-page/"),
        "{msg}"
    );
    assert!(
        !msg.contains("../glossary/"),
        "the working relative link is not reported: {msg}"
    );
    assert!(!out.join("en/help").exists(), "nothing was written");
}

#[test]
fn a_portal_of_only_seeds_and_content_builds_on_the_embedded_theme() {
    let portal = seed_copy();
    std::fs::remove_dir_all(portal.path().join("themes")).expect("remove themes");
    let out = portal.path().join("public");
    gazette::build(&gazette::BuildOptions::new(portal.path())).expect("build without themes/");
    let home = std::fs::read_to_string(out.join("zh/index.html")).expect("home page");
    let name = home
        .split("assets/")
        .find_map(|s| s.split('"').next().filter(|n| n.starts_with("style.")))
        .expect("the home page links its stylesheet");
    assert!(
        name.len() == "style.0123456789ab.css".len() && name.ends_with(".css"),
        "the stylesheet's name carries its hash: {name}"
    );
    assert!(!out.join("assets/style.css").exists(), "no unhashed copy");
    let css = std::fs::read_to_string(out.join("assets").join(name)).expect("embedded stylesheet");
    assert!(css.contains("@media print"), "the print stylesheet ships");
    assert!(out
        .join("en/targets/rd-spending-share-of-gdp/index.html")
        .is_file());
}

#[test]
fn a_portal_theme_overrides_the_embedded_one_template_by_template() {
    let portal = seed_copy();
    let themes = portal.path().join("themes");
    std::fs::remove_dir_all(&themes).expect("remove themes");
    let templates = themes.join("default/templates");
    std::fs::create_dir_all(&templates).expect("mkdir");
    std::fs::write(
        templates.join("404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>Custom not found</h1>{% endblock main %}",
    )
    .expect("write override");
    let out = portal.path().join("public");
    gazette::build(&gazette::BuildOptions::new(portal.path())).expect("build");
    let not_found = std::fs::read_to_string(out.join("404.html")).expect("404");
    assert!(
        not_found.contains("<h1>Custom not found</h1>"),
        "the override is used"
    );
    assert!(
        not_found.contains("class=\"site-header\""),
        "the embedded base layout still applies"
    );
    let home = std::fs::read_to_string(out.join("zh/index.html")).expect("home");
    assert!(
        home.contains("class=\"search\""),
        "templates not overridden come from the embedded theme"
    );
}

#[test]
fn deploy_md_quotes_the_nginx_configuration_the_browser_tests_serve() {
    let root = common::seed_root();
    let conf = std::fs::read_to_string(root.join("docs/nginx.conf")).expect("docs/nginx.conf");
    let doc = std::fs::read_to_string(root.join("docs/deploy.md")).expect("docs/deploy.md");
    assert!(
        doc.contains(&format!("```nginx\n{conf}```\n")),
        "docs/deploy.md quotes docs/nginx.conf whole and unchanged"
    );
    let run = std::fs::read_to_string(root.join("tests/browser/run.sh")).expect("run.sh");
    assert!(
        run.contains("\"$repo/docs/nginx.conf\""),
        "the browser tests serve it"
    );
    for needed in [
        "include /srv/gazette/innovation/_redirects.nginx.conf;",
        "return 301 $gazette_redirect;",
        "charset utf-8;",
        "application/json",
        "default_type text/csv;",
        "immutable",
    ] {
        assert!(conf.contains(needed), "docs/nginx.conf has `{needed}`");
    }
}

#[test]
fn stylesheets_and_scripts_are_content_hashed_and_every_page_names_them() {
    let b = common::build(&common::fixture("lifecycle/two"), None);
    let assets: Vec<String> = std::fs::read_dir(b.out.join("assets"))
        .expect("assets")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    for (stem, ext) in [
        ("style", "css"),
        ("site", "js"),
        ("search", "js"),
        ("embed", "css"),
    ] {
        let hashed = assets
            .iter()
            .find(|a| a.starts_with(&format!("{stem}.")) && a.ends_with(&format!(".{ext}")))
            .unwrap_or_else(|| panic!("{stem}.{ext} is written: {assets:?}"));
        let hash = &hashed[stem.len() + 1..hashed.len() - ext.len() - 1];
        assert!(
            hash.len() == 12 && hash.chars().all(|c| c.is_ascii_hexdigit()),
            "{hashed}"
        );
    }
    assert!(
        assets.iter().any(|a| a == "favicon.svg"),
        "icons keep their names"
    );
    let style = assets
        .iter()
        .find(|a| a.starts_with("style."))
        .expect("style");
    for page in [
        "zh/index.html",
        "en/targets/incubators/index.html",
        "index.html",
        "404.html",
    ] {
        let html = b.page(page);
        assert!(
            html.contains(&format!("/portal/assets/{style}\"")),
            "{page} names {style}"
        );
    }
    let search = b.page("zh/search/index.html");
    let script = assets
        .iter()
        .find(|a| a.starts_with("search."))
        .expect("search.js");
    assert!(search.contains(&format!("assets/{script}\"")));
}
