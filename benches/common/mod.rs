//! What the benchmarks share: the portals to measure (the repository's own
//! seed portal and synthetic ones of N policies from `crates/synth`),
//! chosen by `GAZETTE_BENCH_SIZES`, and a folder to write them in.
//!
//! Sizes: `seed`, or a number of policies. Under `cargo bench` the default
//! is `seed,100`; the 1,000-policy portal (about 70,000 pages, minutes of
//! measuring) is opt-in: `GAZETTE_BENCH_SIZES=seed,100,1000 cargo bench`.
//! Under `cargo test` (criterion's test mode runs each benchmark once) the
//! default is `seed,10` so CI proves the benches work without timing them.
#![allow(dead_code)]

pub use synth as corpus;

use std::path::{Path, PathBuf};

/// One portal to measure.
pub struct Portal {
    /// `seed`, `100`, `1000` …: the benchmark ID's parameter.
    pub name: String,
    pub root: PathBuf,
    /// Keeps a generated portal alive for the run.
    _dir: Option<tempfile::TempDir>,
}

/// True when run by `cargo bench` rather than `cargo test`.
pub fn bench_mode() -> bool {
    std::env::args().any(|a| a == "--bench")
}

pub fn sizes() -> Vec<String> {
    let default = if bench_mode() { "seed,100" } else { "seed,10" };
    std::env::var("GAZETTE_BENCH_SIZES")
        .unwrap_or_else(|_| default.to_owned())
        .split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The repository root (the seed portal).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Makes the portal for one size: the seed portal as it is, or a
/// synthetic one (seed number 1) in a temporary folder.
pub fn portal(size: &str) -> Portal {
    if size == "seed" {
        return Portal {
            name: size.to_owned(),
            root: repo(),
            _dir: None,
        };
    }
    let n: usize = size
        .parse()
        .unwrap_or_else(|_| panic!("GAZETTE_BENCH_SIZES: `{size}` is neither `seed` nor a number"));
    let dir = scratch(&format!("portal-{n}"));
    corpus::generate(dir.path(), &corpus::Config::new(n)).expect("synthetic portal written");
    Portal {
        name: size.to_owned(),
        root: dir.path().to_owned(),
        _dir: Some(dir),
    }
}

/// A fresh temporary folder under `target/` (same disk as the build, not
/// a tmpfs), removed when dropped.
pub fn scratch(prefix: &str) -> tempfile::TempDir {
    let base = repo().join("target").join("bench-scratch");
    std::fs::create_dir_all(&base).expect("target/bench-scratch");
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir_in(&base)
        .expect("scratch dir")
}

/// Options building `portal` into `out`.
pub fn options(portal: &Portal, out: &Path) -> gazette::BuildOptions {
    let mut opts = gazette::BuildOptions::new(&portal.root);
    opts.out = out.to_owned();
    opts
}
