//! The synthetic corpus of `examples/synth` at 100 policies: it is
//! deterministic, every document parses, the portal has no error
//! diagnostics, and the whole site builds (the build's own link checker
//! fails on any broken internal link). The 1,000-policy build is a
//! benchmark (`cargo bench --bench build`), not a test.
//!
//! The build skips the search index (`search: false`): it is most of the
//! build's time, nothing the test asserts depends on it, and without it the
//! test is quick enough for the ordinary debug `cargo test`.

use crate::common;
use synth as corpus;

use gazette::diag::Severity;
use gazette::BuildOptions;

fn generate(n: usize, seed: u64) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let cfg = corpus::Config {
        seed,
        ..corpus::Config::new(n)
    };
    corpus::generate(dir.path(), &cfg).expect("corpus written");
    dir
}

#[test]
fn synth_same_seed_gives_identical_files() {
    let (a, b) = (generate(5, 7), generate(5, 7));
    assert_eq!(
        common::files_with_bytes(a.path()),
        common::files_with_bytes(b.path())
    );
    let c = generate(5, 8);
    assert_ne!(
        common::files_with_bytes(a.path()),
        common::files_with_bytes(c.path())
    );
}

#[test]
fn synth_100_policies_parse_and_build_without_errors() {
    let dir = generate(100, 1);
    let mut opts = BuildOptions::new(dir.path());
    opts.search = false;
    let portal = gazette::load(&opts).expect("every generated seed parses");
    assert_eq!(portal.policies.len(), 100);
    let errors: Vec<String> = gazette::portal_warnings(&portal)
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "error diagnostics:\n{}",
        errors.join("\n")
    );
    // The corpus exercises what the benchmarks claim it does.
    let policies = &portal.policies;
    assert!(policies.iter().all(|p| !p.policy.plan.chapters.is_empty()));
    assert!(
        policies
            .iter()
            .filter(|p| p.policy.breakdown.is_some())
            .count()
            > 50
    );
    assert!(
        policies
            .iter()
            .filter(|p| p.policy.notice.is_none())
            .count()
            > 0
    );
    assert!(
        policies
            .iter()
            .filter(|p| !p.translation.units.is_empty())
            .count()
            > 5
    );
    assert!(
        portal.targets.len() > 100 * 20,
        "{} targets",
        portal.targets.len()
    );
    assert!(portal.departments.len() > 40);

    let report = gazette::build(&opts).expect("builds with no broken links");
    assert!(report.pages > 5_000, "{} pages", report.pages);
}
