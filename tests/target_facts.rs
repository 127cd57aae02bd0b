//! What a target page says, as a journalist would quote it: the English
//! fact box in English (scaled figures, no measure word in Chinese), the
//! kind and deadline source in words, and a target with no department
//! saying so and pointing at the plan's organisation section.

mod common;

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
