//! Unit tests of the YAML loader.

use super::*;
use crate::content::targets::TargetMeta;
use std::collections::BTreeMap;

fn err(text: &str) -> (usize, usize, String, String) {
    match parse::<BTreeMap<String, BTreeMap<String, String>>>(Path::new("x.yaml"), text) {
        Err(ContentError::Yaml {
            code: _,
            line,
            column,
            message,
            help,
            ..
        }) => (line, column, message, help),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_repeated_key_is_refused_at_the_repeat() {
    let (line, column, message, _) = err("a:\n  x: 1\n  y: 2\nb:\n  x: 1\na:\n  x: 3\n");
    assert_eq!((line, column), (6, 1));
    assert_eq!(
        message,
        "duplicate key `a`: this mapping already has it (first at line 1)"
    );
    let (line, column, message, _) = err("a:\n  x: 1\n  # c\n  x: 2\n");
    assert_eq!((line, column), (4, 3));
    assert!(message.ends_with("(first at line 2)"), "{message}");
}

#[test]
fn every_unsafe_slug_of_a_file_is_reported() {
    let text = "a:\n  slug: ../x\nb:\n  slug: \"/etc\" # quoted\nc:\n  slug: ok\nd:\n  slgu: y\n";
    let err = parse::<BTreeMap<String, TargetMeta>>(Path::new("x.yaml"), text).unwrap_err();
    let places: Vec<(usize, usize)> = err
        .each()
        .iter()
        .map(|e| match e {
            ContentError::Yaml { line, column, .. } => (*line, *column),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(places, [(2, 9), (4, 9), (8, 3)]);
}

#[test]
fn no_document_is_the_default() {
    let m: BTreeMap<String, String> = parse(Path::new("x"), "# only a comment\n").unwrap();
    assert!(m.is_empty());
}

#[test]
fn an_unknown_key_suggests_the_nearest() {
    let help = unknown_key_help("unknown field `slgu`, expected `slug` or `name_zh`");
    assert_eq!(
        help.as_deref(),
        Some("did you mean `slug`? this place takes `slug`, `name_zh`")
    );
    let help = unknown_key_help("unknown field `fr`, expected `zh` or `en`");
    assert_eq!(
        help.as_deref(),
        Some("this place takes `zh`, `en`; remove `fr` or rename it")
    );
}
