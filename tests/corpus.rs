//! The parser on the hand-labelled corpus (`tests/corpus/`), held to the
//! committed floor in `tests/corpus/baseline.tsv`: a ratchet. A document
//! whose figures fall below its floor fails; the gap to the goals of issue
//! 14 is printed (`cargo test --test corpus -- --nocapture`). Raise the
//! floor with `cargo run --release --example corpus-report -- --write-baseline`.

#[path = "corpus/measure.rs"]
mod measure;
#[path = "corpus/report.rs"]
mod report;

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
