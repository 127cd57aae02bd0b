//! Unit tests of the YAML loader.

use super::*;
use crate::content::targets::TargetMeta;
use std::collections::BTreeMap;

/// Each problem of `text` read as a map of maps: code, line, column,
/// message, help.
fn problems(text: &str) -> Vec<(&'static str, usize, usize, String, String)> {
    let err =
        parse::<BTreeMap<String, BTreeMap<String, String>>>(Path::new("x.yaml"), text).unwrap_err();
    err.each()
        .into_iter()
        .map(|e| match e {
            ContentError::Yaml(e) => (e.code(), e.line, e.column, e.message(), e.help()),
            other => panic!("{other:?}"),
        })
        .collect()
}

#[test]
fn every_repeated_key_is_refused_at_the_repeat() {
    let found = problems("a:\n  x: 1\n  y: 2\nb:\n  x: 1\na:\n  x: 3\n  x: 4\n");
    let places: Vec<_> = found
        .iter()
        .map(|p| (p.0, p.1, p.2, p.3.as_str()))
        .collect();
    assert_eq!(
        places,
        [
            (
                "duplicate-key",
                8,
                3,
                "duplicate key `x`: this mapping already has it (first at line 7)"
            ),
            (
                "duplicate-key",
                6,
                1,
                "duplicate key `a`: this mapping already has it (first at line 1)"
            ),
        ]
    );
    let found = problems("a:\n  x: 1\n  # c\n  x: 2\n");
    assert_eq!((found[0].1, found[0].2), (4, 3));
    assert!(found[0].3.ends_with("(first at line 2)"), "{found:?}");
}

#[test]
fn a_syntax_error_is_at_the_parser_s_place_in_characters() {
    let found = problems("标题:\n  中文: 是\n  英文: : x\n");
    let (code, line, column, _, help) = &found[0];
    assert_eq!((*code, *line, *column), ("yaml", 3, 7));
    assert!(help.starts_with("fix the YAML at that place"), "{help}");
}

#[test]
fn every_unsafe_slug_of_a_file_is_reported() {
    let text = "a:\n  slug: ../x\nb:\n  slug: \"/etc\" # quoted\nc:\n  slug: ok\nd:\n  slgu: y\n";
    let err = parse::<BTreeMap<String, TargetMeta>>(Path::new("x.yaml"), text).unwrap_err();
    let places: Vec<(&str, usize, usize)> = err
        .each()
        .iter()
        .map(|e| match e {
            ContentError::Yaml(e) => (e.code(), e.line, e.column),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        places,
        [
            ("invalid-slug", 2, 9),
            ("invalid-slug", 4, 9),
            ("unknown-field", 8, 3)
        ]
    );
}

#[test]
fn no_document_is_the_default() {
    let m: BTreeMap<String, String> = parse(Path::new("x"), "# only a comment\n").unwrap();
    assert!(m.is_empty());
    let m: BTreeMap<String, String> = parse(Path::new("x"), "").unwrap();
    assert!(m.is_empty());
}

#[test]
fn an_unknown_key_suggests_the_nearest() {
    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Name {
        zh: Option<String>,
        en: Option<String>,
        slug: Option<String>,
    }
    let err = |text: &str| match from_str::<Name>(text, Path::new("x.yaml")) {
        Err(e) => (e.code(), e.message(), e.help()),
        Ok(v) => panic!("{v:?}"),
    };
    assert_eq!(
        err("zh: 名\nslgu: x\n"),
        (
            "unknown-field",
            "unknown key `slgu`".to_owned(),
            "did you mean `slug`? this place takes `zh`, `en`, `slug`".to_owned()
        )
    );
    assert_eq!(
        err("fr: nom\n").2,
        "this place takes `zh`, `en`, `slug`; remove `fr` or rename it"
    );
}

#[test]
fn key_lines_are_the_parser_s_not_a_text_search() {
    // A comment naming a key, a value holding its text and a key of
    // another mapping come first; only the key itself counts.
    let text = "# withdrawn: see below\n\
                a:\n  note: \"withdrawn: no\"\n  withdrawn:\n    status: repealed\n\
                7:\n  withdrawn:\n    by: a\ncontact:\n  email: x@y.cn\n";
    let lines = KeyLines::of(text, Path::new("x.yaml"));
    assert_eq!(lines.line(&["a"]), Some(2));
    assert_eq!(lines.line(&["a", "withdrawn"]), Some(4));
    assert_eq!(lines.line(&["7", "withdrawn"]), Some(7), "a number as key");
    assert_eq!(lines.line(&["contact", "email"]), Some(10));
    assert_eq!(lines.line(&["contact", "url"]), None);
    assert_eq!(lines.line(&["a", "withdrawn", "status"]), Some(5));
    assert!(KeyLines::of("", Path::new("x.yaml")).line(&["a"]).is_none());
}

/// A mapping of 130,000 entries of two levels: about 520,000 nodes.
fn big_mapping(entries: usize) -> String {
    (0..entries)
        .map(|i| format!("k{i}:\n  slug: s{i}\n"))
        .collect()
}

#[test]
fn a_file_with_more_nodes_than_the_crates_default_budget_is_read() {
    // The 10,000-policy portal's `targets.yaml` (1.3 million nodes) was
    // refused with "budget breached: Nodes"; the default is 250,000.
    let text = big_mapping(130_000);
    let read: BTreeMap<String, BTreeMap<String, String>> =
        parse(Path::new("targets.yaml"), &text).unwrap();
    assert_eq!(read.len(), 130_000);
    assert_eq!(read["k129999"]["slug"], "s129999");
}

#[test]
fn a_short_file_that_expands_through_aliases_is_still_refused() {
    // Nine levels of nine aliases each: 9^10, about 3.5 billion scalars,
    // from about 0.5 KB.
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for level in 1..10 {
        let prev = format!("*a{}", level - 1);
        let items = [prev.as_str(); 9].join(", ");
        text.push_str(&format!("a{level}: &a{level} [{items}]\n"));
    }
    let err = parse::<BTreeMap<String, serde_json::Value>>(Path::new("x.yaml"), &text);
    assert!(err.is_err(), "read {} bytes into a value", text.len());
}
