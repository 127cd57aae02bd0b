//! Identity that survives change: on copies of the seed portal and on
//! synthetic policies, amendments (a new target sentence, a new paragraph,
//! a deleted one) leave every address in `content/urls.lock` showing what
//! it showed, the English attached to its Chinese, and the migration to
//! structural IDs kept every URL of the lock as it was.

use crate::common;

use common::{seed_copy, seed_root, try_build_with, Built};
use gazette::content::lock::UrlLock;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

const SEED: &str = "seeds/000_8f98049102453562.txt";
const POLICY_PAGE: &str = "/zh/policies/innovation-capital-2017-2020/";

fn build(root: &Path) -> Result<Built, gazette::BuildError> {
    try_build_with(root, |o| o.search = false)
}

/// The file a site-relative URL is served from.
fn file_of(url: &str) -> String {
    let rel = url.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_owned()
    }
}

/// Text without tags, anchor signs and surrounding space.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace('§', "").trim().to_owned()
}

/// The content an anchor shows: the paragraph it is on or in, the heading
/// of the section it names, the table row it is in.
fn anchored_text(html: &str, id: &str) -> Option<String> {
    let pos = html.find(&format!(" id=\"{id}\""))?;
    let mut start = html.get(..pos)?.rfind('<')?;
    // Out of the alias spans to the element that holds them.
    while html[start..].starts_with("<span id=\"") || html[start..].starts_with("</span>") {
        start = html.get(..start)?.rfind('<')?;
    }
    let rest = &html[start..];
    let (from, to) = if rest.starts_with("<p") {
        (start, start + rest.find("</p>")?)
    } else if rest.starts_with("<section") {
        let h = start + rest.find("<h")?;
        (h, h + html[h..].find("</h")?)
    } else {
        let tr = if rest.starts_with("<tr") {
            start
        } else {
            html.get(..start)?.rfind("<tr")?
        };
        (tr, tr + html[tr..].find("</tr>")?)
    };
    Some(text_of(&html[from..to]))
}

/// What each locked address shows in a build: an anchor's text, a target
/// page's open data (metric, figure, unit, where it is stated).
fn shown(built: &Built, lock: &UrlLock) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (address, fp) in lock.entries() {
        if let Some((url, anchor)) = address.split_once('#') {
            let page = std::fs::read_to_string(built.out.join(file_of(url))).unwrap_or_default();
            let text = anchored_text(&page, anchor).unwrap_or_else(|| "(no such anchor)".into());
            out.insert(address.to_owned(), text);
        } else if fp.is_some() {
            let data = format!("{}data.json", address.trim_start_matches('/'));
            let json = std::fs::read_to_string(built.out.join(data));
            out.insert(
                address.to_owned(),
                json.unwrap_or_else(|_| "(not published)".into()),
            );
        }
    }
    out
}

fn lock_of(root: &Path) -> UrlLock {
    UrlLock::load(root).expect("lock")
}

/// The seed with `lines` inserted before 1-based line `at`.
fn insert_lines(root: &Path, at: usize, lines: &[&str]) {
    let path = root.join(SEED);
    let text = std::fs::read_to_string(&path).expect("seed");
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut all: Vec<String> = text.split(eol).map(str::to_owned).collect();
    for (i, l) in lines.iter().enumerate() {
        all.insert(at - 1 + i, (*l).to_owned());
    }
    std::fs::write(&path, all.join(eol)).expect("write seed");
}

fn delete_line(root: &Path, at: usize) -> String {
    let path = root.join(SEED);
    let text = std::fs::read_to_string(&path).expect("seed");
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut all: Vec<String> = text.split(eol).map(str::to_owned).collect();
    let gone = all.remove(at - 1);
    std::fs::write(&path, all.join(eol)).expect("write seed");
    gone
}

fn translation_state(root: &Path) -> gazette::translate::Coverage {
    let mut opts = gazette::BuildOptions::new(root);
    opts.search = false;
    let portal = gazette::load(&opts).expect("loads");
    gazette::translate::coverage(&portal.policies[0])
}

#[test]
fn a_new_target_and_paragraph_leave_every_published_address_alone() {
    let dir = seed_copy();
    let root = dir.path();
    let lock = lock_of(root);
    // The unedited copy builds what the seed builds: the run's shared build.
    let before = shown(common::seed_site(), &lock);
    // The sentence at the top of the preamble, and a paragraph at
    // the start of section 1-1.
    insert_lines(
        root,
        29,
        &["坚持系统谋划,统筹推进创新之都建设各项工作。", ""],
    );
    insert_lines(root, 24, &["到2020年,全市新增孵化器面积50万平方米。", ""]);
    let built = build(root).expect("the amended seed builds");
    assert!(built
        .report
        .warnings
        .iter()
        .all(|d| d.code != "reworded-anchor"));
    let after = shown(&built, &lock);
    assert_eq!(before.len(), after.len());
    for (address, was) in &before {
        assert_eq!(&after[address], was, "{address} shows other content");
    }
    // The new target is there, under an address of its own.
    let page = built.page(&file_of(POLICY_PAGE));
    assert!(page.contains("全市新增孵化器面积"));
    let state = translation_state(root);
    assert!(state.stale.is_empty(), "stale: {:?}", state.stale);
    assert_eq!(
        state.missing.len(),
        3,
        "the new paragraphs and target: {state:?}"
    );
}

#[test]
fn a_deleted_paragraph_fails_naming_its_addresses_until_redirected() {
    let dir = seed_copy();
    let root = dir.path();
    let lock = lock_of(root);
    // The unedited copy builds what the seed builds: the run's shared build.
    let before = shown(common::seed_site(), &lock);
    let gone = delete_line(root, 36);
    assert!(gone.starts_with("坚持开放创新"), "{gone}");
    let err = build(root)
        .expect_err("a locked anchor lost its text")
        .to_string();
    let addresses: Vec<String> = lock
        .entries()
        .filter(|(_, fp)| *fp == Some(gazette::model::fingerprint(&gone).as_str()))
        .map(|(a, _)| a.to_owned())
        .collect();
    assert_eq!(
        addresses.len(),
        4,
        "zh, en, new and old anchor: {addresses:?}"
    );
    for a in &addresses {
        assert!(err.contains(a.as_str()), "{a} not named in {err}");
    }
    let redirects: String = addresses
        .iter()
        .map(|a| {
            let page = a.split('#').next().unwrap_or_default();
            format!("\"{a}\": \"{page}#section-1-2-p1\"\n")
        })
        .collect();
    std::fs::write(root.join("content/redirects.yaml"), redirects).expect("redirects");
    let after = shown(&build(root).expect("builds with the redirects"), &lock);
    for (address, was) in &before {
        if !addresses.contains(address) {
            assert_eq!(&after[address], was, "{address} shows other content");
        }
    }
    assert!(translation_state(root).stale.is_empty());
}

#[test]
fn the_migrated_lock_keeps_every_url_it_had_showing_the_same_target() {
    let root = seed_root();
    let before = common::fixture("identity");
    let old = std::fs::read_to_string(before.join("urls-before-migration.lock")).expect("old lock");
    let old = UrlLock::parse(&old);
    let new = lock_of(&root);
    for (url, _) in old.entries() {
        assert!(new.contains(url), "{url} left the lock");
    }
    // Each target URL shows the target it showed before the migration.
    let built = build(&root).expect("builds");
    let figures =
        std::fs::read_to_string(before.join("targets-before-migration.tsv")).expect("tsv");
    let mut checked = 0;
    for line in figures.lines().filter(|l| !l.starts_with('#')) {
        let (url, was) = line.split_once('\t').expect("URL and figures");
        let data = built.page(&format!("{}data.json", url.trim_start_matches('/')));
        let d: serde_json::Value = serde_json::from_str(&data).expect("JSON");
        let number = |v: &serde_json::Value| v.as_f64().map_or("None".into(), |x| format!("{x:?}"));
        let now = format!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            d["name_zh"].as_str().unwrap_or_default(),
            number(&d["value"]),
            number(&d["value_max"]),
            d["unit"].as_str().unwrap_or_default(),
            d["comparator"].as_str().unwrap_or_default(),
            d["deadline"],
        );
        assert_eq!(now, was, "{url}");
        checked += 1;
    }
    assert_eq!(checked, 84);
    // The old anchors are kept: `#p-37` shows what it always showed.
    let page = built.page(&file_of(POLICY_PAGE));
    let p37 = anchored_text(&page, "p-37").expect("#p-37");
    assert_eq!(Some(p37), anchored_text(&page, "task-15-p1"));
    // Every target URL has the fingerprint of the target it shows.
    let mut opts = gazette::BuildOptions::new(&root);
    opts.search = false;
    let portal = gazette::load(&opts).expect("loads");
    let shown = gazette::link::identity::shown(&portal);
    for (address, fp) in new.entries() {
        // Old anchors are aliases, not shown under their own ID any more.
        if let (Some(fp), Some(now)) = (fp, shown.get(address)) {
            assert_eq!(now, fp, "{address}");
        }
    }
    let targets = new
        .entries()
        .filter(|(a, fp)| !a.contains('#') && fp.is_some())
        .count();
    assert_eq!(
        targets,
        2 * portal.targets.len(),
        "every target page has a fingerprint"
    );
}

// --- property: random amendments of a synthetic policy ---------------------

/// A synthetic plan: a preamble and two chapters of one section with three
/// tasks, each a list of paragraphs; `targets[i]` makes paragraph text a
/// target sentence.
#[derive(Debug, Clone)]
struct Doc {
    /// (parent heading, paragraphs) in document order.
    parts: Vec<(String, Vec<String>)>,
}

impl Doc {
    fn new() -> Self {
        let mut parts = vec![(String::new(), vec![para(0, true)])];
        let mut n = 1;
        for c in 1..=2 {
            parts.push((
                format!("{}、第{c}章", ["一", "二"][c - 1]),
                vec![para(n, false)],
            ));
            n += 1;
            parts.push((format!("(一)第{c}章的行动。"), vec![para(n, true)]));
            n += 1;
            for t in 1..=3 {
                let number = (c - 1) * 3 + t;
                parts.push((
                    format!("{number}.任务{number}。"),
                    vec![para(n, n % 2 == 0), para(n + 1, false)],
                ));
                n += 2;
            }
        }
        Doc { parts }
    }

    fn text(&self) -> String {
        let mut out = String::from("示例市科技创新行动方案(2024—2026年)\n\n");
        for (heading, paras) in &self.parts {
            if !heading.is_empty() {
                out.push_str(heading);
                out.push_str("\n\n");
            }
            for p in paras {
                out.push_str(p);
                out.push_str("\n\n");
            }
        }
        out
    }
}

const THINGS: [&str; 8] = [
    "高新技术企业",
    "科技型中小企业",
    "新型研发机构",
    "众创空间",
    "孵化器",
    "院士工作站",
    "技术转移机构",
    "重点实验室",
];

const UNITS: [&str; 8] = ["家", "个", "项", "所", "座", "台", "套", "部"];

/// Paragraph `n`: a target sentence or plain text, unique either way. No
/// two target sentences below `n` = 64 share what they measure (thing and
/// unit), so the parser never merges them into one target.
fn para(n: usize, target: bool) -> String {
    if target {
        let thing = THINGS[(n / UNITS.len()) % THINGS.len()];
        let unit = UNITS[n % UNITS.len()];
        format!("到2026年,全市{thing}达到{}{unit}。", 10 + n)
    } else {
        format!("第{n}段:加强统筹协调,完善工作机制,推动各项任务落实。")
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Insert {
        part: usize,
        at: usize,
        target: bool,
    },
    Delete {
        part: usize,
        at: usize,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (0..11usize, 0..3usize, any::<bool>())
            .prop_map(|(part, at, target)| Edit::Insert { part, at, target }),
        1 => (0..11usize, 0..3usize).prop_map(|(part, at)| Edit::Delete { part, at }),
    ]
}

fn apply(doc: &mut Doc, edits: &[Edit], fresh: &mut usize) {
    let parts = doc.parts.len();
    for e in edits {
        match *e {
            Edit::Insert { part, at, target } => {
                let paras = &mut doc.parts[part % parts].1;
                *fresh += 1;
                let at = at.min(paras.len());
                paras.insert(at, para(*fresh, target));
            }
            Edit::Delete { part, at } => {
                let paras = &mut doc.parts[part % parts].1;
                if !paras.is_empty() {
                    paras.remove(at % paras.len());
                }
            }
        }
    }
}

/// Builds, writing redirects for what the build says is gone (as a
/// maintainer would: anchors to the first chapter, target pages to the
/// target index), until it succeeds; records the lock.
fn build_redirecting(root: &Path) -> Built {
    let mut redirects = String::new();
    for _ in 0..4 {
        let result = try_build_with(root, |o| {
            o.search = false;
            o.update_lock = true;
        });
        let err = match result {
            Ok(built) => return built,
            Err(e) => e,
        };
        let gone: Vec<String> = match &err {
            gazette::BuildError::Diagnostics(ds) => ds
                .iter()
                .filter(|d| d.code == "locked-anchor" || d.code == "locked-target")
                .filter_map(|d| d.message.split('`').nth(1).map(str::to_owned))
                .collect(),
            gazette::BuildError::Publish(gazette::publish::PublishError::Lock(
                gazette::publish::lock::LockError::Unpublished { urls },
            )) => urls.clone(),
            other => panic!("unexpected build error: {other}"),
        };
        assert!(!gone.is_empty(), "{err}");
        for address in gone {
            let to = match address.split_once('#') {
                Some((page, _)) => format!("{page}#chapter-1"),
                None => format!("/{}/targets/", &address[1..3]),
            };
            redirects.push_str(&format!("\"{address}\": \"{to}\"\n"));
        }
        std::fs::write(root.join("content/redirects.yaml"), &redirects).expect("redirects");
    }
    panic!("still failing after redirects:\n{redirects}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn no_locked_address_ever_shows_other_content(
        first in prop::collection::vec(edit(), 1..5),
        second in prop::collection::vec(edit(), 1..5),
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        gazette::init::init(root, false).expect("init");
        std::fs::write(root.join("content/targets.yaml"), "").expect("no slugs");
        let mut doc = Doc::new();
        let mut fresh = 100;
        std::fs::write(root.join("seeds/sample.txt"), doc.text()).expect("seed");
        let mut previous = build_redirecting(root);
        for edits in [&first, &second] {
            let lock = lock_of(root);
            let redirected: Vec<String> = std::fs::read_to_string(root.join("content/redirects.yaml"))
                .unwrap_or_default()
                .lines()
                .filter_map(|l| l.split('"').nth(1).map(str::to_owned))
                .collect();
            let before = shown(&previous, &lock);
            apply(&mut doc, edits, &mut fresh);
            std::fs::write(root.join("seeds/sample.txt"), doc.text()).expect("seed");
            let built = build_redirecting(root);
            let now_redirected: Vec<String> = std::fs::read_to_string(root.join("content/redirects.yaml"))
                .unwrap_or_default()
                .lines()
                .filter_map(|l| l.split('"').nth(1).map(str::to_owned))
                .collect();
            let after = shown(&built, &lock);
            // A deletion and an insertion at one place read as that
            // paragraph reworded: its anchor stays, with a warning.
            let reworded: Vec<String> = built
                .report
                .warnings
                .iter()
                .filter(|d| d.code == "reworded-anchor")
                .filter_map(|d| d.message.split('`').nth(1).map(str::to_owned))
                .collect();
            for (address, was) in &before {
                if now_redirected.contains(address) || redirected.contains(address) {
                    continue;
                }
                let now = after.get(address).expect("still shown");
                if reworded.contains(address) {
                    // Never another published text, and its own is gone.
                    prop_assert!(!before.values().any(|b| b == now), "{} re-pointed", address);
                    prop_assert!(!after.values().any(|a| a == was), "{} lost its text", address);
                    continue;
                }
                prop_assert_eq!(now, was, "{} shows other content", address);
            }
            previous = built;
        }
    }
}

// --- re-keying curated data -------------------------------------------------

fn rename_key(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{from} in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

fn english(root: &Path, key: &str) -> Option<String> {
    let path = root.join("content/translations/en/000_8f98049102453562.yaml");
    let t = gazette::content::translations::Translation::load(&path).expect("translation");
    t.units.get(key).map(|u| u.text.clone())
}

#[test]
fn rekey_moves_what_its_fingerprint_proves_and_nothing_else() {
    let dir = seed_copy();
    let root = dir.path();
    let translations = root.join("content/translations/en/000_8f98049102453562.yaml");
    let targets = root.join("content/targets.yaml");
    // Entries keyed by the IDs of the old scheme, as before the migration.
    let preamble = english(root, "preamble-p1").expect("preamble English");
    rename_key(&translations, "\npreamble-p1:\n", "\np-3:\n");
    let task = english(root, "task-15-p1").expect("task 15 English");
    rename_key(&translations, "\ntask-15-p1:\n", "\np-37:\n");
    rename_key(&targets, "  chapter-2-target-649962:\n", "  target-1:\n");
    // …and task 15's paragraph amended since it was translated.
    let seed = root.join(SEED);
    let text = std::fs::read_to_string(&seed).expect("seed");
    let para = {
        let mut opts = gazette::BuildOptions::new(root);
        opts.search = false;
        let portal = gazette::load(&opts).expect("loads");
        let p = portal.policies[0]
            .policy
            .paragraphs()
            .find(|p| p.id.as_str() == "task-15-p1")
            .expect("task-15-p1")
            .text
            .clone();
        // The slug already follows its target, with a warning to re-key.
        let warnings = gazette::portal_warnings(&portal);
        assert!(
            warnings.iter().any(|d| d.code == "rekey-target"),
            "{warnings:?}"
        );
        let c = gazette::translate::coverage(&portal.policies[0]);
        assert!(
            c.moved.contains(&("p-3".into(), "preamble-p1".into())),
            "{c:?}"
        );
        let slug = portal
            .targets
            .iter()
            .find(|t| t.slug == "rd-spending-share-of-gdp");
        assert!(slug.is_some());
        p
    };
    let amended = text.replacen(&para, &format!("{para}(修订)"), 1);
    assert_ne!(amended, text);
    std::fs::write(&seed, amended).expect("amend");

    let out = common::gazette()
        .args(["translate", "000_8f98049102453562", "--rekey"])
        .root(root)
        .run();
    let report = &out.stdout;
    assert!(out.success(), "{report}\n{}", out.stderr);
    assert!(report.contains("p-3 → preamble-p1"), "{report}");
    assert!(
        report.contains("target-1 → chapter-2-target-649962"),
        "{report}"
    );
    // Moved with its English intact.
    assert_eq!(english(root, "preamble-p1"), Some(preamble));
    assert_eq!(english(root, "p-3"), None);
    // The changed Chinese is not moved: its English waits under the old key.
    assert_eq!(english(root, "p-37"), Some(task));
    assert_eq!(english(root, "task-15-p1"), None);
    assert!(report.contains("`p-37`"), "{report}");
    let yaml = std::fs::read_to_string(&targets).expect("targets");
    assert!(yaml.contains("  chapter-2-target-649962:\n    slug: rd-spending-share-of-gdp"));
    // A second run has nothing left to prove.
    let again = common::gazette()
        .args(["translate", "000_8f98049102453562", "--rekey"])
        .root(root)
        .run();
    assert!(again
        .stdout
        .starts_with("re-keyed 0 English units and 0 target entries"));
}

#[test]
fn a_paragraph_reworded_in_place_keeps_its_anchors_and_the_lock_learns_the_wording() {
    let dir = seed_copy();
    let root = dir.path();
    let seed = root.join(SEED);
    let text = std::fs::read_to_string(&seed).expect("seed");
    std::fs::write(
        &seed,
        text.replacen("加快科技体制改革步伐", "加快推进科技体制改革步伐", 1),
    )
    .expect("amend");
    let built = try_build_with(root, |o| {
        o.search = false;
        o.update_lock = true;
    })
    .expect("a reworded paragraph is no error");
    let mut reworded: Vec<&str> = built
        .report
        .warnings
        .iter()
        .filter(|d| d.code == "reworded-anchor")
        .filter_map(|d| d.message.split('`').nth(1))
        .collect();
    reworded.sort();
    assert_eq!(
        reworded,
        [
            "/en/policies/innovation-capital-2017-2020/#p-9",
            "/en/policies/innovation-capital-2017-2020/#section-1-2-p5",
            "/zh/policies/innovation-capital-2017-2020/#p-9",
            "/zh/policies/innovation-capital-2017-2020/#section-1-2-p5",
        ]
    );
    let page = built.page(&file_of(POLICY_PAGE));
    let now = anchored_text(&page, "section-1-2-p5").expect("anchor");
    assert!(now.contains("加快推进科技体制改革步伐"));
    assert_eq!(anchored_text(&page, "p-9"), Some(now));
    // Recorded: the next build has nothing to say.
    let again = build(root).expect("builds");
    assert!(again
        .report
        .warnings
        .iter()
        .all(|d| d.code != "reworded-anchor"));
}
