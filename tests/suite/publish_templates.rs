//! The sitemap and the Atom feeds are theme templates (`sitemap.xml`,
//! `atom.xml`): a portal's theme overrides them file by file, and the
//! publish stage fills them from the pages render described.

use crate::common;

/// The `data/sample` fixture with `themes/default/templates/NAME` set to
/// `text`.
fn with_template(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    common::copy_tree(&common::fixture("data/sample"), dir.path());
    let templates = dir.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).expect("mkdir");
    for (name, text) in files {
        std::fs::write(templates.join(name), text).expect("write template");
    }
    dir
}

fn count(text: &str, needle: &str) -> usize {
    text.matches(needle).count()
}

#[test]
fn a_theme_overrides_the_feed_and_the_sitemap() {
    let plain = common::build(&common::fixture("data/sample"), None);
    let portal = with_template(&[
        (
            "atom.xml",
            "<feed lang=\"{{ view.lang_tag }}\">{% for e in view.entries %}<e href=\"{{ e.url }}\">{{ e.title }}</e>{% endfor %}</feed>\n",
        ),
        (
            "sitemap.xml",
            "{% for u in view.urls %}{{ u.loc }} {{ u.alternates | length }}\n{% endfor %}",
        ),
    ]);
    let built = common::build(portal.path(), None);
    for lang in ["zh", "en"] {
        let feed = built.page(&format!("{lang}/feed.xml"));
        assert!(feed.starts_with("<feed lang=\""), "{feed}");
        let default = plain.page(&format!("{lang}/feed.xml"));
        assert!(count(&default, "<entry>") > 0, "{default}");
        assert_eq!(
            count(&feed, "<e href="),
            count(&default, "<entry>"),
            "the override gets every entry the default feed has"
        );
    }
    let sitemap = built.page("sitemap.xml");
    let default = plain.page("sitemap.xml");
    assert_eq!(sitemap.lines().count(), count(&default, "<loc>"));
    for line in sitemap.lines() {
        let (loc, alternates) = line.rsplit_once(' ').expect("loc and count");
        assert!(
            default.contains(&format!("<loc>{loc}</loc>")),
            "{loc} is in the default sitemap"
        );
        assert_eq!(alternates, "3", "zh, en and x-default for {loc}");
    }
}

#[test]
fn a_feed_template_that_fails_names_its_file() {
    let portal = with_template(&[("atom.xml", "{{ view.no_such_field }}")]);
    let err = common::try_build_with(portal.path(), |_| {}).expect_err("the feed fails");
    let text = err.to_string();
    assert!(text.contains("atom.xml"), "{text}");
}
