//! The parser on the hand-labelled corpus (`tests/corpus/`), held to the
//! committed floor in `tests/corpus/baseline.tsv`: a ratchet. A document
//! whose figures fall below its floor fails; the gap to the goals of issue
//! 14 is printed (`cargo test --test suite corpus:: -- --nocapture`). Raise the
//! floor with `cargo run --release --example corpus-report -- --write-baseline`.

use corpus::{measure, report};
use std::path::Path;

#[test]
fn corpus_never_worse_than_baseline() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let floor = report::read_baseline(root).expect("baseline readable");
    let docs = measure::documents(root).expect("corpus readable");
    assert!(!docs.is_empty(), "no labelled documents in tests/corpus");
    let mut failures = Vec::new();
    let mut reports = Vec::new();
    for d in &docs {
        let r = measure::measure(root, d).expect("document measurable");
        let f = r.figures();
        match floor.get(d) {
            Some(base) => {
                for (name, now, was) in report::regressions(&f, base) {
                    failures.push(format!(
                        "{d}: {name} {} below the baseline {}",
                        report::pct(now),
                        report::pct(was)
                    ));
                }
            }
            None => println!(
                "{d}: no baseline line yet; add it with \
                 `cargo run --release --example corpus-report -- --write-baseline`"
            ),
        }
        let gaps = report::gaps(&f);
        if !gaps.is_empty() {
            println!("{d}: below goal: {}", gaps.join(", "));
        }
        reports.push(r);
    }
    println!("{}", report::render(&reports, false));
    assert!(
        failures.is_empty(),
        "the parser got worse on the corpus:\n{}",
        failures.join("\n")
    );
}

/// The same documents as a webmaster receives them (`tests/corpus/formats/`,
/// made by `make_formats.py`: a Word document with the annex as a real
/// table, a saved page with a `rowspan` table) are read at least as well
/// as their text.
#[test]
fn documents_as_docx_and_html_reach_at_least_their_text_recall() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let formats = root.join("tests/corpus/formats");
    let files: Vec<String> = std::fs::read_dir(&formats)
        .expect("formats folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".docx") || n.ends_with(".html"))
        .collect();
    assert!(!files.is_empty(), "no documents in {}", formats.display());
    let mut failures = Vec::new();
    for file in &files {
        let stem = file.rsplit_once('.').map_or(file.as_str(), |(s, _)| s);
        let text = measure::measure(root, stem).expect("text measurable");
        let other = measure::measure_file(root, stem, &format!("formats/{file}"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(other.error.is_none(), "{file}: {:?}", other.error);
        let (t, o) = (text.figures(), other.figures());
        println!(
            "{file}: units recall {} (text {}), targets recall {} (text {})",
            report::pct(o.unit_recall),
            report::pct(t.unit_recall),
            report::pct(o.target_recall),
            report::pct(t.target_recall)
        );
        for (name, now, was) in report::regressions(&o, &t) {
            failures.push(format!(
                "{file}: {name} {} below the text's {}",
                report::pct(now),
                report::pct(was)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
