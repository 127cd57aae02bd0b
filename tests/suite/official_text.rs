//! The official text is published exactly as written: the parser matches
//! on normalised text, but a Chinese page shows the seed's own characters.
//! Guarded here on a copy of the seed written with full-width punctuation
//! (`，` `（` `）` `：` `％`), as many official documents are.

use crate::common;

use common::{build, seed_copy};
use regex::Regex;

const SEED: &str = "seeds/000_8f98049102453562.txt";

/// The page's visible text: tags dropped, the few entities the renderer
/// writes decoded.
fn visible(html: &str) -> String {
    let tags = Regex::new(r"<[^>]*>").expect("regex");
    tags.replace_all(html, "")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[test]
fn a_full_width_document_is_shown_unchanged_on_its_chinese_policy_page() {
    let portal = seed_copy();
    let seed = portal.path().join(SEED);
    let text = std::fs::read_to_string(&seed).expect("seed");
    let full: String = text
        .chars()
        .map(|c| match c {
            ',' => '，',
            '(' => '（',
            ')' => '）',
            ':' => '：',
            '%' => '％',
            other => other,
        })
        .collect();
    std::fs::write(&seed, &full).expect("write");
    let built = build(portal.path(), None);
    let page = visible(&built.page("zh/policies/innovation-capital-2017-2020/index.html"));

    // The running text of the plan: from its first chapter to the annex.
    let lines: Vec<&str> = full.lines().map(str::trim).collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("一、"))
        .expect("a first chapter");
    let end = lines
        .iter()
        .position(|l| l.starts_with("附件"))
        .expect("an annex");
    // A responsibility clause is shown as department links of its own.
    let clause = Regex::new(r"（[^（）]*(牵头|配合|负责|责任单位)[^（）]*）").expect("regex");
    // A heading's number is set apart from its title.
    let number =
        Regex::new(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[0-9]+[.．、])")
            .expect("regex");
    let mut checked = 0;
    for line in lines[start..end].iter().filter(|l| !l.is_empty()) {
        let (num, rest) = match number.find(line) {
            Some(m) => (Some(m.as_str()), &line[m.end()..]),
            None => (None, *line),
        };
        for piece in num
            .into_iter()
            .chain(clause.split(rest))
            // A task's title (its full stop dropped) and body are set apart too:
            // sentence by sentence.
            .flat_map(|p| p.split(['。', '；']))
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            assert!(
                page.contains(piece),
                "the Chinese page does not show, as published: {piece}"
            );
            checked += piece.chars().count();
        }
    }
    assert!(checked > 5000, "only {checked} characters checked");
    assert!(page.contains('，') && page.contains('（'));
}
