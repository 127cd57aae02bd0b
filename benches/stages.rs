//! Criterion benchmarks of the build's stages, each on its own input so a
//! regression points at one stage: `load` (read seeds, parse, read
//! content, link), `parse` (the parser alone, every seed in parallel as `load` does), `render`
//! (portal → HTML pages), `publish` (data files, feeds, sitemaps, URL
//! lock), `search` (the Pagefind index, built after the rest and timed on
//! its own), `links` (the link checker) and `write` (files → the output
//! folder, a rebuild over an existing site, without the search index). Throughput is in pages, so
//! criterion prints pages/s.
//!
//! `cargo bench --bench stages`; sizes as in `common/mod.rs`.

mod common;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use std::time::Duration;

/// The allocator of the `gazette` binary, so the numbers are the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn stages(c: &mut Criterion) {
    for size in common::sizes() {
        let portal = common::portal(&size);
        let out = common::scratch("stages-out");
        let mut opts = common::options(&portal, &out.path().join("public"));
        opts.search = false;
        let site = gazette::render_site(&opts).expect("portal builds");
        let pages = site
            .files
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .count() as u64;
        let seeds = gazette::seeds::read_all(&portal.root).expect("seeds");
        let theme =
            gazette::render::Theme::load(&portal.root, &site.portal.site.theme).expect("theme");

        let mut g = c.benchmark_group("stages");
        g.sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(5))
            .throughput(Throughput::Elements(pages));
        g.bench_with_input(BenchmarkId::new("load", &size), &opts, |b, opts| {
            b.iter(|| gazette::load(opts).expect("loads"))
        });
        let known = site.portal.registry.names();
        g.bench_with_input(BenchmarkId::new("parse", &size), &seeds, |b, seeds| {
            let off = gazette::incremental::ParseCache::off();
            b.iter(|| gazette::parse_all(seeds, &known, &off).expect("parses"))
        });
        let off = gazette::incremental::PageCache::off();
        // Each stage's files go to a store in memory, made outside the timing.
        g.bench_with_input(BenchmarkId::new("render", &size), &site.portal, |b, p| {
            b.iter_batched(
                gazette::InMemory::default,
                |store| {
                    gazette::render::render_into(p, &theme, &off, &store).expect("renders");
                    store
                },
                BatchSize::LargeInput,
            )
        });
        let rendered = gazette::InMemory::default();
        gazette::render::render_into(&site.portal, &theme, &off, &rendered).expect("renders");
        let pages = gazette::Store::built(&rendered).expect("kept");
        g.bench_with_input(BenchmarkId::new("publish", &size), &pages, |b, pages| {
            b.iter_batched(
                gazette::InMemory::default,
                |store| {
                    gazette::publish::publish(
                        &site.portal,
                        &theme,
                        &portal.root,
                        pages,
                        &store,
                        &off,
                    )
                    .expect("publishes");
                    store
                },
                BatchSize::LargeInput,
            )
        });
        let built = gazette::make_site(
            &opts,
            &off,
            &gazette::Recall::of(&opts),
            &gazette::InMemory::default(),
        )
        .expect("portal builds")
        .built;
        let base = site.portal.urls.base_path().to_owned();
        g.bench_with_input(
            BenchmarkId::new("search", &size),
            &site.files,
            |b, files| b.iter(|| gazette::publish::search::index(files).expect("indexes")),
        );
        g.bench_with_input(BenchmarkId::new("links", &size), &built, |b, built| {
            b.iter(|| gazette::publish::links::check(built, &base))
        });
        g.bench_with_input(BenchmarkId::new("write", &size), &site.files, |b, files| {
            b.iter(|| gazette::write::write_site(&opts.root, &opts.out, files).expect("writes"))
        });
        g.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
