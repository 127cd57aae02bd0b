//! The whole build, as a user runs it. Two parts:
//!
//! 1. A report, printed first: for each size, full builds in a fresh
//!    process (this binary re-run as a child, so the time counts process
//!    start), into an empty output folder ("cold") and over the previous
//!    build ("rebuild"): median wall time, pages per second and peak
//!    resident memory (the child's `VmHWM`), all without the search index.
//!    Then, timed separately, a cold build with the search index: the
//!    index's own time (`BuildReport::search_time()`) and that build's peak
//!    memory (`GAZETTE_BENCH_SEARCH=0` skips it). Runs per size:
//!    `GAZETTE_BENCH_RUNS` (default 5; 1 under `cargo test`).
//! 2. Criterion's measurement of `gazette::build` in-process without the
//!    search index (rebuilds over an existing output folder after
//!    warm-up), with pages/s as throughput. A filter that matches nothing (`-- NONE`) prints the
//!    report only.
//!
//! `cargo bench --bench build`; sizes as in `common/mod.rs`
//! (`GAZETTE_BENCH_SIZES=seed,100,1000`).

mod common;

use criterion::{BenchmarkId, Criterion, Throughput};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The allocator of the `gazette` binary, so the numbers are the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CHILD_ROOT: &str = "GAZETTE_BENCH_CHILD_ROOT";
const CHILD_OUT: &str = "GAZETTE_BENCH_CHILD_OUT";
const CHILD_SEARCH: &str = "GAZETTE_BENCH_CHILD_SEARCH";

fn main() {
    if let (Ok(root), Ok(out)) = (std::env::var(CHILD_ROOT), std::env::var(CHILD_OUT)) {
        child(Path::new(&root), Path::new(&out));
        return;
    }
    let portals: Vec<common::Portal> = common::sizes().iter().map(|s| common::portal(s)).collect();
    let pages = report(&portals);
    let mut c = Criterion::default().configure_from_args();
    whole_build(&mut c, &portals, &pages);
    c.final_summary();
}

/// One build in this process; prints `pages peak_kib search_µs` for the
/// parent.
fn child(root: &Path, out: &Path) {
    let mut opts = gazette::BuildOptions::new(root);
    opts.out = out.to_owned();
    opts.search = std::env::var(CHILD_SEARCH).is_ok_and(|v| v == "1");
    let report = gazette::build(&opts).expect("portal builds");
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let peak_kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    let search = report.search_time().unwrap_or_default().as_micros();
    println!("{} {} {}", report.pages, peak_kib, search);
}

struct Run {
    wall: Duration,
    pages: u64,
    peak_kib: u64,
    search: Duration,
}

fn spawn(root: &Path, out: &Path, search: bool) -> Run {
    let exe = std::env::current_exe().expect("own path");
    let start = Instant::now();
    let output = Command::new(exe)
        .env(CHILD_ROOT, root)
        .env(CHILD_OUT, out)
        .env(CHILD_SEARCH, if search { "1" } else { "0" })
        .output()
        .expect("child runs");
    let wall = start.elapsed();
    assert!(
        output.status.success(),
        "child build failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    let mut nums = text
        .split_whitespace()
        .filter_map(|w| w.parse::<u64>().ok());
    Run {
        wall,
        pages: nums.next().unwrap_or(0),
        peak_kib: nums.next().unwrap_or(0),
        search: Duration::from_micros(nums.next().unwrap_or(0)),
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Prints the report; gives each portal's page count.
fn report(portals: &[common::Portal]) -> Vec<u64> {
    let mut counts = Vec::new();
    let runs: usize = std::env::var("GAZETTE_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(if common::bench_mode() { 5 } else { 1 });
    let with_search = std::env::var("GAZETTE_BENCH_SEARCH").map_or(true, |v| v != "0");
    println!(
        "\n{:>6} {:>7} {:>10} {:>10} {:>12} {:>12} {:>9} {:>9} {:>11}",
        "size",
        "pages",
        "cold s",
        "rebuild s",
        "cold pg/s",
        "rebuild pg/s",
        "peak MiB",
        "search s",
        "+search MiB"
    );
    // Output folders are removed only once everything is measured: on ext4
    // without a journal, creating files within minutes of deleting many is
    // slow, and that would time the benchmark's own clean-up.
    let mut outputs = Vec::new();
    for p in portals {
        let (mut cold, mut warm, mut pages, mut peak) = (Vec::new(), Vec::new(), 0, 0);
        let (mut search, mut search_peak) = (Vec::new(), 0);
        for _ in 0..runs {
            let dir = common::scratch("build-out");
            let out = dir.path().join("public");
            let first = spawn(&p.root, &out, false);
            let second = spawn(&p.root, &out, false);
            pages = first.pages;
            peak = peak.max(first.peak_kib).max(second.peak_kib);
            cold.push(first.wall);
            warm.push(second.wall);
            outputs.push(dir);
            if with_search {
                let dir = common::scratch("build-out");
                let indexed = spawn(&p.root, &dir.path().join("public"), true);
                search.push(indexed.search);
                search_peak = search_peak.max(indexed.peak_kib);
                outputs.push(dir);
            }
        }
        let (cold, warm) = (median(cold), median(warm));
        let search = if search.is_empty() {
            "-".to_owned()
        } else {
            format!("{:.3}", median(search).as_secs_f64())
        };
        println!(
            "{:>6} {:>7} {:>10.3} {:>10.3} {:>12.0} {:>12.0} {:>9.0} {:>9} {:>11.0}",
            p.name,
            pages,
            cold.as_secs_f64(),
            warm.as_secs_f64(),
            pages as f64 / cold.as_secs_f64(),
            pages as f64 / warm.as_secs_f64(),
            peak as f64 / 1024.0,
            search,
            search_peak as f64 / 1024.0
        );
        counts.push(pages);
    }
    println!(
        "(medians of {runs} runs, each in a fresh process, without the search index; \
         search s: the index alone, timed inside a cold build with it)\n"
    );
    counts
}

/// In-process rebuilds. The first iteration writes the output folder, so
/// the samples measure rebuilds over an existing site.
fn whole_build(c: &mut Criterion, portals: &[common::Portal], pages: &[u64]) {
    let mut g = c.benchmark_group("build");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    for (p, &pages) in portals.iter().zip(pages) {
        let dir = common::scratch("criterion-out");
        let mut opts = common::options(p, &dir.path().join("public"));
        opts.search = false;
        g.throughput(Throughput::Elements(pages));
        g.bench_with_input(BenchmarkId::from_parameter(&p.name), &opts, |b, opts| {
            b.iter(|| gazette::build(opts).expect("builds"))
        });
    }
    g.finish();
}
