//! Incremental builds ([`gazette::incremental`]) write exactly what a clean
//! build writes. A small synthetic portal (two policies, both translated)
//! takes random sequences of edits — a seed's sentence changed, added or
//! removed, a target stated, a department added to a clause, a translation, a registry entry's English or Chinese name (the
//! latter changes what the parser reads), the glossary, a template, the
//! interface strings edited, a policy removed and put back — and after
//! each edit an incremental build (reusing the last one's pages), a build
//! in memory from what the last one held (as `serve` rebuilds: its pages,
//! parses and doubts) and a clean build into a new folder must give the
//! same files, byte for byte, or all fail.
//!
//! Without the search index: it is rebuilt whole either way. Few cases, so
//! the debug test stays in seconds; `PROPTEST_CASES=64` runs more.

use crate::common;
use proptest::prelude::*;
use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The portal every case starts from, generated once.
fn base() -> &'static Path {
    static BASE: OnceLock<tempfile::TempDir> = OnceLock::new();
    BASE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let cfg = synth::Config {
            seed: 3,
            translated: 1.0,
            ..synth::Config::new(2)
        };
        synth::generate(dir.path(), &cfg).expect("portal written");
        // Department pages of a few duties each, so edits move duties
        // between pages and add and remove pages.
        let site = dir.path().join("content/site.yaml");
        let text = std::fs::read_to_string(&site).expect("site.yaml");
        std::fs::write(&site, format!("{text}duties_per_page: 4\n")).expect("site.yaml written");
        dir
    })
    .path()
}

#[derive(Debug, Clone)]
enum Sentence {
    Change,
    Add,
    Remove,
    /// A sentence stating a target: the target index's pages and the
    /// neighbours of the targets after it shift.
    AddTarget,
}

#[derive(Debug, Clone)]
enum Edit {
    /// A sentence of a long line of a seed.
    Seed {
        policy: usize,
        line: usize,
        how: Sentence,
    },
    /// A department added to a clause's responsible units: duties move
    /// between department pages.
    Responsible { policy: usize, clause: usize },
    /// An English unit's text.
    Translation { policy: usize, entry: usize },
    /// A department's English name.
    Registry { entry: usize },
    /// A department's Chinese name or alias: the unit names the parser
    /// splits clauses on, so every seed's parse (and its cache entry).
    UnitName { entry: usize },
    /// The glossary: one entry (`Some`: which) or none.
    Glossary { entry: Option<usize> },
    /// `base.html` overridden with a mark (`Some`), or the override removed.
    Template { mark: Option<u8> },
    /// An English interface string.
    Strings { entry: usize },
    /// A seed moved out of `seeds/`, or back.
    TogglePolicy { policy: usize },
    /// `content/site.yaml`: the site's English title, shown on every page.
    SiteTitle,
    /// `content/policies.yaml`: a policy's English issuer, shown on its
    /// pages and its targets' and wherever it is listed.
    Issuer { policy: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    let sentence = prop_oneof![
        Just(Sentence::Change),
        Just(Sentence::Add),
        Just(Sentence::Remove),
        Just(Sentence::AddTarget)
    ];
    prop_oneof![
        3 => (0..2usize, 0..200usize, sentence)
            .prop_map(|(policy, line, how)| Edit::Seed { policy, line, how }),
        1 => (0..2usize, 0..50usize)
            .prop_map(|(policy, clause)| Edit::Responsible { policy, clause }),
        1 => (0..2usize, 0..200usize)
            .prop_map(|(policy, entry)| Edit::Translation { policy, entry }),
        1 => (0..100usize).prop_map(|entry| Edit::Registry { entry }),
        1 => (0..100usize).prop_map(|entry| Edit::UnitName { entry }),
        1 => proptest::option::of(0..3usize).prop_map(|entry| Edit::Glossary { entry }),
        1 => proptest::option::of(0..8u8).prop_map(|mark| Edit::Template { mark }),
        1 => (0..100usize).prop_map(|entry| Edit::Strings { entry }),
        1 => (0..2usize).prop_map(|policy| Edit::TogglePolicy { policy }),
        1 => Just(Edit::SiteTitle),
        1 => (0..2usize).prop_map(|policy| Edit::Issuer { policy }),
    ]
}

/// The seed files of the base portal, by policy number.
fn seed_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(base().join("seeds"))
        .expect("seeds")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Rewrites the text file at `path` with `change` (left alone if missing).
fn rewrite(path: &Path, change: impl FnOnce(&str) -> String) {
    if let Ok(text) = std::fs::read_to_string(path) {
        std::fs::write(path, change(&text)).expect("rewritten");
    }
}

/// The `n`th (cyclically) of the lines `pick` accepts, changed by `change`.
fn edit_line(
    text: &str,
    n: usize,
    pick: impl Fn(&str) -> bool,
    change: impl Fn(&str) -> String,
) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let picked: Vec<usize> = (0..lines.len()).filter(|&i| pick(lines[i])).collect();
    let Some(&at) = picked.get(n % picked.len().max(1)) else {
        return text.to_owned();
    };
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    out[at] = change(lines[at]);
    out.join("\n")
}

/// A plain YAML value after `prefix` (not quoted, not a block).
fn plain_after(line: &str, prefix: &str) -> bool {
    line.strip_prefix(prefix)
        .and_then(|v| v.chars().next())
        .is_some_and(|c| c.is_alphanumeric())
}

fn apply(root: &Path, edit: &Edit) {
    let default_theme = common::seed_root().join("themes/default");
    let names = seed_names();
    match edit {
        Edit::Seed { policy, line, how } => {
            let path = root.join("seeds").join(&names[policy % names.len()]);
            let long = |l: &str| l.chars().count() > 40 && l.matches('。').count() >= 2;
            rewrite(&path, |text| {
                edit_line(text, *line, long, |l| match how {
                    Sentence::Change => l.replacen("推进", "加快", 1).replacen("建设", "发展", 1),
                    Sentence::Add => l.replacen('。', "。加快推进试点工作。", 1),
                    Sentence::AddTarget => l.replacen('。', "。到2030年,每年新增示范基地7家。", 1),
                    Sentence::Remove => {
                        let body = l.trim_end_matches('。');
                        match body.rfind('。') {
                            Some(at) => l[..at + '。'.len_utf8()].to_owned(),
                            None => l.to_owned(),
                        }
                    }
                })
            });
        }
        Edit::Responsible { policy, clause } => {
            let path = root.join("seeds").join(&names[policy % names.len()]);
            let clause_line = |l: &str| l.contains("责任单位:") && !l.contains("市科技局");
            rewrite(&path, |text| {
                edit_line(text, *clause, clause_line, |l| {
                    l.replacen("责任单位:", "责任单位:市科技局、", 1)
                })
            });
        }
        Edit::Translation { policy, entry } => {
            let stem = names[policy % names.len()]
                .trim_end_matches(".txt")
                .to_owned();
            let path = root.join(format!("content/translations/en/{stem}.yaml"));
            rewrite(&path, |text| {
                edit_line(
                    text,
                    *entry,
                    |l| plain_after(l, "  text: "),
                    |l| format!("{l} Revised"),
                )
            });
        }
        Edit::Registry { entry } => {
            rewrite(&root.join("content/departments.yaml"), |text| {
                edit_line(
                    text,
                    *entry,
                    |l| plain_after(l, "  en: "),
                    |l| format!("{l} Office"),
                )
            });
        }
        Edit::UnitName { entry } => {
            rewrite(&root.join("content/departments.yaml"), |text| {
                edit_line(
                    text,
                    *entry,
                    |l| plain_after(l, "- name: ") || plain_after(l, "  - "),
                    |l| format!("{l}处"),
                )
            });
        }
        Edit::Glossary { entry } => {
            let path = root.join("content/glossary.yaml");
            let entries = [
                ("科技创新", "scientific and technological innovation"),
                ("研发机构", "R&D institution"),
                ("营商环境", "business environment"),
            ];
            match entry.map(|e| entries[e % entries.len()]) {
                Some((zh, en)) => {
                    std::fs::write(&path, format!("- zh: {zh}\n  en: {en}\n")).expect("glossary")
                }
                None => {
                    let _ = std::fs::remove_file(&path);
                }
            }
        }
        Edit::Template { mark } => {
            let path = root.join("themes/default/templates/base.html");
            match mark {
                Some(m) => {
                    let text = std::fs::read_to_string(default_theme.join("templates/base.html"))
                        .expect("base.html");
                    std::fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
                    let marked = text.replacen("</body>", &format!("<!-- mark {m} --></body>"), 1);
                    std::fs::write(&path, marked).expect("template");
                }
                None => {
                    let _ = std::fs::remove_file(&path);
                }
            }
        }
        Edit::Strings { entry } => {
            let path = root.join("themes/default/strings/en.yaml");
            if !path.exists() {
                std::fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
                std::fs::copy(default_theme.join("strings/en.yaml"), &path).expect("strings");
            }
            rewrite(&path, |text| {
                let plain = |l: &str| {
                    l.split_once(": ")
                        .is_some_and(|(k, v)| !k.starts_with([' ', '#']) && plain_after(v, ""))
                        && !l.contains('{')
                };
                edit_line(text, *entry, plain, |l| format!("{l} x"))
            });
        }
        Edit::TogglePolicy { policy } => {
            let name = &names[policy % names.len()];
            let (seeds, held) = (root.join("seeds"), root.join("held"));
            std::fs::create_dir_all(&held).expect("mkdir");
            let (from, to) = match seeds.join(name).exists() {
                true => (seeds.join(name), held.join(name)),
                false => (held.join(name), seeds.join(name)),
            };
            std::fs::rename(from, to).expect("moved");
        }
        Edit::SiteTitle => {
            rewrite(&root.join("content/site.yaml"), |text| {
                edit_line(text, 0, |l| plain_after(l, "  en: "), |l| format!("{l} X"))
            });
        }
        Edit::Issuer { policy } => {
            rewrite(&root.join("content/policies.yaml"), |text| {
                edit_line(
                    text,
                    *policy,
                    |l| plain_after(l, "  issuer_en: "),
                    |l| format!("{l} Office"),
                )
            });
        }
    }
}

/// What `serve` keeps of its last good build for the next: the pages'
/// records and files, and the rest of its memory ([`gazette::BuildMemory`]).
#[derive(Default)]
struct Held {
    records: gazette::incremental::Records,
    files: gazette::incremental::HeldFiles,
    kept: gazette::BuildMemory,
}

/// A build made in memory from what the last one held, as `serve` makes
/// it: its files sorted by path, and how many seeds it read back instead
/// of parsing.
struct InMemoryBuild {
    files: Vec<(String, Vec<u8>)>,
    read_back: usize,
}

impl Held {
    /// Builds `root` in memory as `serve` rebuilds, keeping what the build
    /// made when it succeeds (`None` when it fails: the last is kept).
    fn rebuild(&mut self, root: &Path) -> Option<InMemoryBuild> {
        let opts = common::options_without_search(root, root.join("public"), false);
        let cache = gazette::incremental::PageCache::in_memory(
            root,
            self.records.clone(),
            Arc::clone(&self.files),
            &self.kept.published,
        );
        let recall = self.kept.recall();
        let store = gazette::InMemory::default();
        gazette::make_site(&opts, &cache, &recall, &store).ok()?;
        self.records = cache.into_records();
        self.files = Arc::new(store.into_shared());
        let mut files: Vec<(String, Vec<u8>)> = self
            .files
            .iter()
            .map(|(path, bytes)| (path.clone(), bytes.as_ref().clone()))
            .collect();
        files.sort();
        Some(InMemoryBuild {
            files,
            read_back: recall.parses.read_back(),
        })
    }
}

/// Fails the case unless `a` and `b` are the same files, byte for byte.
fn same_files(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)]) -> Result<(), TestCaseError> {
    let paths = |t: &[(String, Vec<u8>)]| t.iter().map(|f| f.0.clone()).collect::<HashSet<_>>();
    let (pa, pb) = (paths(a), paths(b));
    prop_assert!(
        pa == pb,
        "the same files; only in the first: {:?}; only in the second: {:?}",
        pa.difference(&pb).collect::<Vec<_>>(),
        pb.difference(&pa).collect::<Vec<_>>()
    );
    for ((path, a), (_, b)) in a.iter().zip(b) {
        prop_assert!(a == b, "{} differs", path);
    }
    Ok(())
}

/// Builds `root` cleanly into a new folder, in memory from what `held`
/// kept of the last build (as `serve` does), and incrementally into
/// `root/public`; fails the case unless all three give the same files or
/// all fail. The pages the incremental build reused, when it succeeded.
fn same_as_clean(root: &Path, held: &mut Held) -> Result<Option<usize>, TestCaseError> {
    let clean_dir = tempfile::tempdir().expect("temp dir");
    let clean_out = clean_dir.path().join("public");
    let clean = gazette::build(&common::options_without_search(
        root,
        clean_out.clone(),
        false,
    ));
    // Before the incremental build, which updates the lock.
    let in_memory = held.rebuild(root);
    prop_assert_eq!(
        clean.is_ok(),
        in_memory.is_some(),
        "the clean build and the one in memory both succeed or both fail"
    );
    if let Some(in_memory) = &in_memory {
        // The output folder's mark is the folder's, not the site's.
        let mut clean = common::files_with_bytes(&clean_out);
        clean.retain(|(path, _)| path != gazette::write::MARKER);
        same_files(&clean, &in_memory.files)?;
    }
    // As `gazette build` does: the lock records the addresses and
    // anchors published, so the next edit is built against a lock that
    // changed with the last one.
    let mut incremental = common::options_without_search(root, root.join("public"), true);
    incremental.update_lock = true;
    let incremental = gazette::build(&incremental);
    match (clean, incremental) {
        (Ok(_), Ok(report)) => {
            same_files(
                &common::files_with_bytes(&clean_out),
                &common::files_with_bytes(&root.join("public")),
            )?;
            Ok(Some(report.pages_reused))
        }
        (Err(_), Err(_)) => Ok(None),
        (clean, incremental) => Err(TestCaseError::fail(format!(
            "clean build: {:?}; incremental build: {:?}",
            clean.err().map(|e| e.to_string()),
            incremental.err().map(|e| e.to_string())
        ))),
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 3,
        max_shrink_iters: 16,
        ..ProptestConfig::default()
    })]

    #[test]
    fn incremental_build_equals_clean_build_after_any_edits(
        edits in proptest::collection::vec(edit(), 1..4)
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        common::copy_tree(base(), root);
        let mut held = Held::default();
        prop_assert!(same_as_clean(root, &mut held)?.is_some(), "the base portal builds");
        for e in &edits {
            apply(root, e);
            let reused = same_as_clean(root, &mut held)?;
            // A theme edit renders every page again: any template may
            // include the one edited.
            let theme = matches!(e, Edit::Template { .. } | Edit::Strings { .. });
            if let (Some(reused), false) = (reused, theme) {
                prop_assert!(reused > 0, "{:?}: no page reused", e);
            }
        }
    }
}

/// `serve`'s rebuild after a one-line seed edit parses that seed only,
/// and makes what a clean build makes.
#[test]
fn a_rebuild_in_memory_parses_only_the_edited_seed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    common::copy_tree(base(), root);
    let mut held = Held::default();
    let first = held.rebuild(root).expect("the base portal builds");
    assert_eq!(first.read_back, 0, "nothing held at first");
    let again = held.rebuild(root).expect("builds again");
    assert_eq!(again.read_back, 2, "both seeds read back");
    assert!(again.files == first.files, "the same files");

    apply(
        root,
        &Edit::Seed {
            policy: 1,
            line: 40,
            how: Sentence::Change,
        },
    );
    let edited = held.rebuild(root).expect("builds after the edit");
    assert_eq!(edited.read_back, 1, "only the edited seed is parsed");
    assert!(edited.files != first.files, "the edit shows");
    let clean = gazette::render_site(&common::options_without_search(
        root,
        root.join("public"),
        false,
    ))
    .expect("builds clean");
    let mut clean: Vec<(String, Vec<u8>)> =
        clean.files.into_iter().map(|f| (f.path, f.bytes)).collect();
    clean.sort();
    assert!(clean == edited.files, "the same files as a clean build");
}

/// A rebuild with nothing changed renders no page; a one-line seed edit
/// renders that policy's pages again and reuses the rest.
#[test]
fn a_rebuild_renders_only_what_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    common::copy_tree(base(), root);
    let build = || {
        gazette::build(&common::options_without_search(
            root,
            root.join("public"),
            true,
        ))
        .expect("builds")
    };
    let first = build();
    assert_eq!(first.pages_reused, 0, "nothing to reuse at first");
    let again = build();
    // Every page but the language chooser goes through the cache.
    assert_eq!(again.pages_reused, again.pages - 1);

    apply(
        root,
        &Edit::Seed {
            policy: 0,
            line: 3,
            how: Sentence::Add,
        },
    );
    let edited = build();
    assert!(
        edited.pages_reused > edited.pages / 3 && edited.pages_reused < edited.pages - 1,
        "{} of {} pages reused",
        edited.pages_reused,
        edited.pages
    );

    // One parse kept a seed, the edited seed's old one pruned.
    let parsed = || {
        std::fs::read_dir(root.join(".gazette-cache/parsed"))
            .expect("parse cache")
            .map(|e| e.expect("entry").path())
            .collect::<Vec<_>>()
    };
    assert_eq!(parsed().len(), seed_names().len());

    // A corrupt cache is an empty one: a full build, not an error.
    for entry in parsed() {
        std::fs::write(entry, "garbage").expect("corrupted");
    }
    for chunk in std::fs::read_dir(root.join(".gazette-cache/pages")).expect("page cache") {
        std::fs::write(chunk.expect("entry").path(), "garbage").expect("corrupted");
    }
    assert_eq!(build().pages_reused, 0);
    assert_eq!(build().pages_reused, again.pages - 1);

    // An output copied file by file (new inodes, as after `cp -r`) holds
    // no file the cache recorded: every page is rendered again, and none
    // is counted as reused (the count once took each page offered and
    // given back, twice over for pages keyed twice).
    let (out, copied) = (root.join("public"), root.join("copied"));
    common::copy_tree(&out, &copied);
    std::fs::remove_dir_all(&out).expect("removed");
    std::fs::rename(&copied, &out).expect("moved");
    assert_eq!(build().pages_reused, 0);
    assert_eq!(build().pages_reused, again.pages - 1);
}

/// One portal built by turns at the domain root and under a path, each
/// into its own folder (as the browser suite and a staging copy do): every
/// build is the clean build at its address, not pages of the other's.
#[test]
fn builds_at_two_addresses_take_nothing_from_each_other() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    common::copy_tree(base(), root);
    let at = |base_url: &str, out: &str, incremental: bool| {
        let mut opts = common::options_without_search(root, root.join(out), incremental);
        opts.base_url = Some(base_url.to_owned());
        gazette::build(&opts).expect("builds");
        common::files_with_bytes(&root.join(out))
    };
    let (top, sub) = ("https://example.org/", "https://example.org/library/");
    let clean_top = at(top, "clean-top", false);
    let clean_sub = at(sub, "clean-sub", false);
    assert_ne!(clean_top, clean_sub, "the addresses show in the pages");
    for _ in 0..2 {
        assert!(at(top, "top", true) == clean_top, "the root build");
        assert!(at(sub, "sub", true) == clean_sub, "the build under a path");
    }
}
