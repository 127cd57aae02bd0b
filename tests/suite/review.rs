//! The review of an import (issue 20): a fixture made to fail the way real
//! imports fail (`tests/fixtures/review/misread`: a notice and a plan, an
//! annex task list with one 推进单位 column whose run-together cells hold
//! unregistered names, group headers the table reader misses, a street
//! address with a number, an 约 figure). `gazette review`, `check` and
//! `import` must each name every unregistered unit and every doubtful
//! item; `serve` shows the review at `/_review/POLICY/` and no build
//! writes it. Then the real corpus: the review points at what the parser
//! is known to lose there, and stays quiet where it reads well.

use crate::common;

use common::gazette;

use gazette::review::{DoubtKind, Review};
use std::collections::BTreeSet;
use std::path::Path;

/// Every unit name in the fixture's annex that its registry lacks; `江桥镇`
/// sits in a cell the table reader takes for text (the row then borrows the
/// units of the row above), so the model never names it.
const UNREGISTERED: &[&str] = &["区新设更新中心", "临港城投公司", "区文旅局", "江桥镇"];

fn misread() -> std::path::PathBuf {
    common::fixture("review/misread")
}

fn review_of(root: &Path, id: &str) -> Review {
    gazette::review::review_policy(&gazette::BuildOptions::new(root), id).expect("review")
}

fn of_kind(review: &Review, kind: DoubtKind) -> Vec<&gazette::review::Doubt> {
    review.doubts.iter().filter(|d| d.kind == kind).collect()
}

#[test]
fn review_names_every_unregistered_unit_with_its_line() {
    let review = review_of(&misread(), "renewal");
    let found: BTreeSet<&str> = of_kind(&review, DoubtKind::UnregisteredUnit)
        .iter()
        .map(|d| d.text.as_str())
        .collect();
    assert_eq!(found, UNREGISTERED.iter().copied().collect());
    let line_of = |name: &str| {
        of_kind(&review, DoubtKind::UnregisteredUnit)
            .iter()
            .find(|d| d.text == name)
            .map(|d| d.line)
    };
    // The line of the cell that holds each name, not the row's number line.
    assert_eq!(line_of("区新设更新中心"), Some(30));
    assert_eq!(line_of("临港城投公司"), Some(33));
    assert_eq!(line_of("区文旅局"), Some(37));
    assert_eq!(line_of("江桥镇"), Some(41));
    assert_eq!(review.counts.unregistered, UNREGISTERED.len());
}

#[test]
fn review_flags_every_misreading_of_the_fixture() {
    let review = review_of(&misread(), "renewal");
    // The group headers `二 公共空间` and `三 配套设施` were not read: every
    // row sits under the first group and the two lines are on no page.
    let one = of_kind(&review, DoubtKind::OneGroup);
    assert_eq!(one.len(), 1, "{:#?}", review.doubts);
    assert!(one[0].message.contains("一、旧区改造"));
    let dropped: Vec<usize> = of_kind(&review, DoubtKind::DroppedLine)
        .iter()
        .map(|d| d.line)
        .collect();
    assert_eq!(dropped, [34, 38]);
    // Row 4's unit cell `区民政局江桥镇` is read as units now (it used to be
    // taken for task text, the row borrowing row 3's units); the review
    // still marks the row for its unregistered `江桥镇`.
    let row4 = review.rows.iter().find(|r| r.number == 4).expect("row 4");
    assert!(!row4.shared_units);
    assert!(of_kind(&review, DoubtKind::UnitLikeText).is_empty());
    assert!(!row4.doubts.is_empty(), "row 4 is marked doubtful");
    // `安远路899项目`: a street number the parser no longer reads as a count
    // of 项, so there is nothing for the review to doubt.
    assert!(review.targets.iter().all(|t| t.value != "899"));
    assert!(of_kind(&review, DoubtKind::TargetContext).is_empty());
    // `约120万平方米` is read as "about" — or else said to be doubtful.
    let about = review
        .targets
        .iter()
        .find(|t| t.value == "120")
        .expect("the 约 target");
    let flagged = !about.doubts.is_empty();
    assert!(
        about.comparator == gazette::model::Comparator::About || flagged,
        "约 read as {:?} without a doubt",
        about.comparator
    );
    // Every doubt carries a line inside the seed.
    assert!(review
        .doubts
        .iter()
        .all(|d| d.line >= 1 && d.line <= review.lines.len()));
    // The text the review shows marks the lines of every doubt: the
    // unregistered names' cells, the dropped group headers, the one group.
    let marked: Vec<usize> = (1..=review.lines.len())
        .filter(|&n| review.lines[n - 1].doubtful)
        .collect();
    for line in [28, 30, 33, 34, 37, 38, 41] {
        assert!(marked.contains(&line), "line {line} unmarked: {marked:?}");
    }
}

#[test]
fn check_reports_every_doubt_with_what_to_do() {
    let report = gazette::check::check(&gazette::BuildOptions::new(misread()));
    let warned = |code: &str| -> Vec<&gazette::diag::Diagnostic> {
        report
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .collect()
    };
    // Each unregistered name exactly once: the link stage names those the
    // model holds, the review the one it hides.
    for name in UNREGISTERED {
        let n = report
            .diagnostics
            .iter()
            .filter(|d| match d.code {
                "unknown-department" => d.message.starts_with(&format!("`{name}`")),
                "review-unregistered-unit" => d.message.contains(&format!(": `{name}`")),
                _ => false,
            })
            .count();
        assert_eq!(n, 1, "{name}: {:#?}", report.diagnostics);
    }
    // `江桥镇` is read as a unit now, so the link stage names it and the
    // review has no hidden name left to add.
    assert!(warned("review-unregistered-unit").is_empty());
    let jiangqiao = warned("unknown-department")
        .into_iter()
        .find(|d| d.message.starts_with("`江桥镇`"))
        .expect("江桥镇 named");
    assert!(jiangqiao.help.contains("content/departments.yaml"));
    for code in ["review-one-group", "review-dropped-line"] {
        let found = warned(code);
        assert!(!found.is_empty(), "no {code}: {:#?}", report.diagnostics);
        for d in found {
            assert_eq!(d.file, "seeds/renewal.txt");
            assert!(d.line > 0, "{code} without a line");
            assert!(
                d.help.contains("content/corrections/renewal.yaml")
                    || d.help.contains("content/checks.yaml"),
                "{code}: {}",
                d.help
            );
        }
    }
    assert_eq!(report.exit_code(true), 1, "check --strict fails on doubts");
}

#[test]
fn an_acknowledged_doubt_is_resolved() {
    let dir = tempfile::tempdir().expect("temp dir");
    common::copy_tree(&misread(), dir.path());
    std::fs::write(
        dir.path().join("content/checks.yaml"),
        "acknowledged:\n  - code: review-one-group\n    file: seeds/renewal.txt\n    contains: 一、旧区改造\n    reason: checked by hand\n",
    )
    .expect("write");
    let report = gazette::check::check(&gazette::BuildOptions::new(dir.path()));
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
    assert!(!codes.contains(&"review-one-group"), "{codes:?}");
    assert!(codes.contains(&"review-dropped-line"));
    // The review still lists it, with its reason, but not as doubtful.
    let before = review_of(&misread(), "renewal");
    let after = review_of(dir.path(), "renewal");
    let one = of_kind(&after, DoubtKind::OneGroup);
    assert_eq!(one[0].acknowledged.as_deref(), Some("checked by hand"));
    assert_eq!(after.counts.doubts + 1, before.counts.doubts);
}

#[test]
fn the_seed_portal_reviews_clean() {
    // Its parser warnings are acknowledged in content/checks.yaml, as
    // `check --strict` needs; the review agrees and finds nothing else.
    let review = review_of(&common::seed_root(), "000_8f98049102453562");
    let open: Vec<&str> = review
        .doubts
        .iter()
        .filter(|d| d.acknowledged.is_none())
        .map(|d| d.message.as_str())
        .collect();
    assert!(open.is_empty(), "{open:#?}");
    assert_eq!(review.counts.doubts, 0);
    assert!(
        review.doubts.len() >= 7,
        "the acknowledged ones stay listed"
    );
    assert_eq!(review.counts.unregistered, 0);
}

#[test]
fn review_command_prints_text_and_json() {
    let root = misread();
    let out = gazette().args(["review", "renewal"]).root(&root).run();
    assert!(out.success(), "{}", out.stderr);
    let text = out.stdout;
    for name in UNREGISTERED {
        assert!(text.contains(name), "{name} missing from:\n{text}");
    }
    assert!(text.contains("4 annex rows"));
    assert!(text.contains("[review-one-group]"));
    assert!(text.contains("seeds/renewal.txt:41 [review-unregistered-unit]"));
    let out = gazette()
        .args(["review", "renewal"])
        .root(&root)
        .args(["--format", "json"])
        .run();
    assert!(out.success(), "{}", out.stderr);
    let json = out.stdout;
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["policy"], "renewal");
    assert_eq!(v["rows"].as_array().map(Vec::len), Some(4));
    assert_eq!(
        v["rows"][1]["unit_cells"][0],
        "区建管委临港城投公司江宁路街道"
    );
    assert!(v["doubts"].as_array().is_some_and(|d| d
        .iter()
        .any(|d| d["kind"] == "dropped-line" && d["line"] == 34)));
    let out = gazette().args(["review", "nope"]).root(&root).run();
    assert!(!out.success());
    let err = out.stderr;
    assert!(
        err.contains("no policy `nope`") && err.contains("renewal"),
        "{err}"
    );
}

#[test]
fn import_stubs_every_name_then_prints_counts_and_doubts() {
    let dir = tempfile::tempdir().expect("temp dir");
    common::copy_tree(&misread().join("content"), &dir.path().join("content"));
    let file = misread().join("seeds/renewal.txt");
    let run = gazette().arg("import").arg(&file).root(dir.path()).run();
    assert!(run.success(), "{}", run.stderr);
    let out = run.stdout;
    let registry = std::fs::read_to_string(dir.path().join("content/departments.yaml")).unwrap();
    for name in UNREGISTERED {
        assert!(
            registry.contains(&format!("- name: {name}\n")),
            "{name} not stubbed"
        );
    }
    assert!(
        out.contains("renewal: 3 chapters, 3 sections, 0 tasks, 4 annex rows"),
        "{out}"
    );
    assert!(out.contains("[review-one-group]"), "{out}");
    assert!(
        out.contains("seeds/renewal.txt:34 [review-dropped-line]"),
        "{out}"
    );
    // With every name registered, row 4's cell is read as units at last.
    let review = review_of(dir.path(), "renewal");
    let row4 = review.rows.iter().find(|r| r.number == 4).expect("row 4");
    let units: Vec<&str> = row4
        .lead
        .iter()
        .chain(&row4.cooperating)
        .map(|u| u.name.as_str())
        .collect();
    assert_eq!(units, ["区民政局", "江桥镇"]);
    assert!(of_kind(&review, DoubtKind::UnregisteredUnit).is_empty());
}

#[test]
fn serve_shows_the_review_and_no_build_writes_it() {
    let server = common::serve::start(&misread());
    let limit = std::time::Duration::from_secs(10);
    let (status, page) =
        common::serve::get(server.addr(), "/_review/renewal/", limit).expect("answer");
    assert_eq!(status, 200);
    // The source line beside the parse, the doubtful line marked.
    assert!(page.contains(r#"<li id="L41" class="doubt">"#), "{page}");
    assert!(page.contains("区民政局江桥镇"));
    assert!(page.contains(r#"<span class="unit unregistered">区文旅局</span>"#));
    assert!(page.contains("<code>review-one-group</code>"));
    let (status, index) = common::serve::get(server.addr(), "/_review/", limit).expect("answer");
    assert_eq!(status, 200);
    assert!(index.contains(r#"href="/_review/renewal/""#), "{index}");
    server.stop();

    let built = common::build_with(&misread(), |o| o.search = false);
    assert!(built.files().iter().all(|f| !f.contains("_review")));
    assert!(!built.page("sitemap.xml").contains("_review"));
}

/// Reviews a corpus document with every unit name it holds registered, as
/// after an import: what is left is the parser's own doubt.
fn corpus_review(stem: &str) -> Review {
    let path = common::seed_root().join(format!("tests/corpus/{stem}.txt"));
    let bytes = std::fs::read(&path).expect("corpus file");
    let parse = |known: &[String]| {
        gazette::parse::parse_policy(
            gazette::model::PolicyId(stem.to_owned()),
            &format!("tests/corpus/{stem}.txt"),
            &bytes,
            &gazette::parse::ParseOptions { known_units: known },
        )
        .expect("parses")
    };
    let empty = gazette::content::DepartmentRegistry::default();
    let first = gazette::review::find(&parse(&[]), &empty);
    let entries = gazette::review::unregistered_names(&first)
        .into_iter()
        .map(|name| gazette::content::Department {
            name,
            aliases: Vec::new(),
            full_zh: None,
            en: None,
            short_en: None,
            slug: None,
            line: 0,
        })
        .collect();
    let registry = gazette::content::DepartmentRegistry::new(entries);
    gazette::review::review(&parse(&registry.names()), &registry)
}

#[test]
fn corpus_review_points_at_what_the_parser_loses() {
    // 01: `安远路899项目` is a street number, not 899 projects: the parser
    // no longer reads it, and the review has nothing to say of it.
    let r = corpus_review("01-shanghai-jingan-urban-renewal-2023");
    assert!(r.targets.iter().all(|t| t.value != "899"));
    // 08: its `责任单位` cells split over lines used to be read as task
    // text; the parser now joins them, and the review finds none left.
    let r = corpus_review("08-shanghai-jiading-sponge-city-2024");
    assert!(of_kind(&r, DoubtKind::UnitLikeText).is_empty());
    // 09: its annex tables are read now (they were lost whole, over 300
    // lines); what is still lost comes as a few runs, not one doubt a line.
    let r = corpus_review("09-shanghai-baoshan-waste-sorting-2019");
    let dropped = of_kind(&r, DoubtKind::DroppedLine);
    let lines: usize = dropped
        .iter()
        .map(|d| d.to_line.unwrap_or(d.line) - d.line + 1)
        .sum();
    assert!(
        !dropped.is_empty() && dropped.len() < 10 && lines < 100,
        "{} runs, {lines} lines",
        dropped.len()
    );
}

#[test]
fn corpus_review_is_quiet_where_the_parser_reads_well() {
    for stem in [
        "02-shanghai-sponge-city-opinions-2024",
        "03-shanghai-huangpu-renewables-2025",
        "07-national-farm-machinery-opinions-2018",
        "14-chongqing-nev-commercial-vehicle-measures",
    ] {
        let r = corpus_review(stem);
        let own: Vec<&str> = r
            .doubts
            .iter()
            .filter(|d| d.kind != DoubtKind::Parser)
            .map(|d| d.message.as_str())
            .collect();
        assert!(own.len() <= 1, "{stem}: {own:#?}");
    }
}

/// A policy's review page links the list and its two neighbours, not
/// every policy (a list on every page grew with the square of the
/// portal); the list page lists them all, each once.
#[test]
fn a_review_page_links_its_neighbours_and_the_list_every_policy() {
    let dir = tempfile::tempdir().expect("temp dir");
    synth::generate(dir.path(), &synth::Config::new(4)).expect("corpus written");
    let portal = gazette::load(&gazette::BuildOptions::new(dir.path())).expect("load");
    let theme = gazette::render::Theme::load(dir.path(), &portal.site.theme).expect("theme");
    let pages = review_pages(&portal, &theme, &Default::default());
    let html = |i: usize| String::from_utf8(pages[i].1.to_vec()).expect("utf-8");
    let ids: Vec<&str> = portal
        .policies
        .iter()
        .map(|p| p.policy.id.as_str())
        .collect();
    assert_eq!(pages.len(), 1 + ids.len());
    let links = |page: &str| common::html::attrs(page, "header a", "href");
    let index = format!("{}_review/", portal.urls.base_path());

    let list = html(0);
    let listed = common::html::attrs(&list, "main li a", "href");
    let expected: Vec<String> = ids.iter().map(|id| format!("{index}{id}/")).collect();
    assert_eq!(listed, expected);
    assert_eq!(links(&list), [index.as_str()]);

    // The second policy: the list, the first and the third.
    let second = html(2);
    assert!(pages[2].0.contains(ids[1]), "{}", pages[2].0);
    assert_eq!(links(&second), [index.as_str(), &expected[0], &expected[2]]);
    assert!(second.contains(r#"rel="prev""#) && second.contains(r#"rel="next""#));
    // The first has no previous, the last no next.
    assert_eq!(links(&html(1)), [index.as_str(), &expected[1]]);
    assert_eq!(links(&html(4)), [index.as_str(), &expected[2]]);
}

fn review_pages(
    portal: &gazette::link::Portal,
    theme: &gazette::render::Theme,
    made: &gazette::render::ReviewMemo,
) -> Vec<gazette::render::ReviewFile> {
    gazette::render::review_pages(portal, theme, &Default::default(), made).expect("reviews")
}

/// `serve` keeps its review pages between rebuilds: after one seed's edit
/// only that policy's page and the list are rendered again, and every page
/// is what a fresh render makes.
#[test]
fn a_rebuild_renders_again_only_the_review_pages_whose_view_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    synth::generate(dir.path(), &synth::Config::new(4)).expect("corpus written");
    let opts = gazette::BuildOptions::new(dir.path());
    let portal = gazette::load(&opts).expect("load");
    let theme = gazette::render::Theme::load(dir.path(), &portal.site.theme).expect("theme");
    let made = gazette::render::ReviewMemo::default();
    let before = review_pages(&portal, &theme, &made);

    // A new first line in the third seed: the third policy's source
    // lines change, and with them its doubts' lines.
    let mut seeds: Vec<_> = std::fs::read_dir(dir.path().join("seeds"))
        .expect("seeds")
        .map(|e| e.expect("entry").path())
        .collect();
    seeds.sort();
    let seed = &seeds[2];
    let text = std::fs::read_to_string(seed).expect("seed");
    std::fs::write(seed, format!("\n{text}")).expect("seed written");
    let portal = gazette::load(&opts).expect("load again");
    let after = review_pages(&portal, &theme, &made);
    let fresh = review_pages(&portal, &theme, &Default::default());

    assert_eq!(after, fresh);
    let kept: Vec<bool> = before
        .iter()
        .zip(&after)
        .map(|(b, a)| std::sync::Arc::ptr_eq(&b.1, &a.1))
        .collect();
    // The list, then policies 1 to 4: only the third's page was made again
    // (its neighbours link it by title and count of doubts, unchanged).
    assert_eq!(kept, [true, true, true, false, true]);
}
