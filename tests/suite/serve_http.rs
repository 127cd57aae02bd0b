//! `gazette serve` over real HTTP on loopback: pages with the reload script,
//! 404, every path-traversal attempt, a rebuild seen within two seconds of a
//! change (one rebuild per edit), the last good site kept after a bad edit,
//! and the search index, made in the background, served after a rebuild.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

struct Reply {
    status: u16,
    body: String,
}

use crate::common;

use common::serve::{portal, start};

/// Sends `target` verbatim; status 0 and an empty body when no whole
/// answer came.
fn get(addr: SocketAddr, target: &str) -> Reply {
    let (status, body) =
        common::serve::get(addr, target, Duration::from_secs(30)).unwrap_or((0, String::new()));
    Reply { status, body }
}

/// Polls `target` until its body contains `needle` or `limit` passes.
fn wait_for(addr: SocketAddr, target: &str, needle: &str, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if get(addr, target).body.contains(needle) {
            return Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

#[test]
fn serve_pages_carry_the_reload_script_and_404_serves_404_html() {
    let dir = portal();
    let server = start(&dir.path().join("p"));
    let addr = server.addr();
    let home = get(addr, "/zh/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("示例市政策门户"));
    assert!(home.body.contains("data-gazette-serve"));
    assert!(home.body.contains("/__gazette/events"));
    // A folder without its slash is redirected like a static host does.
    assert_eq!(get(addr, "/zh").status, 301);
    let stylesheet = home
        .body
        .split("href=\"")
        .filter_map(|s| s.split('"').next())
        .find(|h| h.contains("/assets/style."))
        .expect("the home page links its stylesheet");
    let css = get(addr, stylesheet);
    assert_eq!(css.status, 200);
    assert!(!css.body.contains("data-gazette-serve"));
    let missing = get(addr, "/zh/no-such-page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("<html"),
        "the site's 404.html is served"
    );
    assert!(missing.body.contains("data-gazette-serve"));
    server.stop();
}

#[test]
fn serve_never_answers_outside_the_site() {
    let dir = portal();
    let root = dir.path().join("p");
    std::fs::write(dir.path().join("secret.txt"), "TOP-SECRET").unwrap();
    // Symlinks out of the served tree, where a file server would look.
    let public = root.join("public");
    std::fs::create_dir_all(&public).unwrap();
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), public.join("leak.txt")).unwrap();
    // (A theme file linking out of the portal makes the build refuse the
    // portal: tests/suite/content_strict.rs.)
    let server = start(&root);
    let addr = server.addr();
    let attempts = [
        "/../secret.txt",
        "/../../secret.txt",
        "/zh/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/zh/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/..%2fsecret.txt",
        "/%2fetc%2fpasswd",
        "/..%5csecret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/C:/Windows/win.ini",
        "http://evil.example/../secret.txt",
        "/leak.txt",
        "/public/leak.txt",
        "/assets/leak.txt",
        "/%00/secret.txt",
        "/%zz",
    ];
    for target in attempts {
        let r = get(addr, target);
        assert!(
            r.status == 400 || r.status == 404,
            "{target}: status {}",
            r.status
        );
        assert!(!r.body.contains("TOP-SECRET"), "{target} leaked the file");
        assert!(!r.body.contains("root:"), "{target} leaked /etc/passwd");
    }
    server.stop();
}

/// How long a rebuild may take before the test calls it lost: a hang
/// detector on a loaded machine, not a speed goal (that is the `stages`
/// benchmark's).
const REBUILD_LIMIT: Duration = Duration::from_secs(60);

#[test]
fn serve_rebuilds_after_an_edit_and_keeps_the_last_good_site_after_a_bad_edit() {
    let dir = portal();
    let root = dir.path().join("p");
    let server = start(&root);
    let addr = server.addr();
    let site = root.join("content/site.yaml");
    let original = std::fs::read_to_string(&site).unwrap();

    // A change is served once rebuilt.
    std::fs::write(&site, original.replace("示例市政策门户", "改过的门户")).unwrap();
    let seen = wait_for(addr, "/zh/", "改过的门户", REBUILD_LIMIT);
    assert!(seen.is_some(), "rebuild not seen");

    // A bad edit: the last good site stays, with the error for the overlay.
    std::fs::write(&site, "title:\n  zh: 坏\n base_url: [\n").unwrap();
    let events = wait_for(
        addr,
        "/__gazette/events?since=0",
        "content/site.yaml",
        REBUILD_LIMIT,
    );
    assert!(events.is_some(), "the error is reported to pages");
    let page = get(addr, "/zh/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("改过的门户"), "last good site served");
    assert!(
        page.body.contains("content/site.yaml"),
        "error shown in the overlay script"
    );

    // Fixing it clears the error.
    std::fs::write(&site, &original).unwrap();
    assert!(wait_for(addr, "/zh/", "示例市政策门户", REBUILD_LIMIT).is_some());
    let events = get(addr, "/__gazette/events?since=0");
    assert!(events.body.contains("\"error\":null"), "{}", events.body);
    server.stop();
}

/// The index's entry file once it names a language index other than those
/// of `old` (Pagefind names them by content hash), with every language's
/// metadata file served beside it.
fn wait_for_index(addr: SocketAddr, old: Option<&str>, limit: Duration) -> Option<String> {
    let started = Instant::now();
    while started.elapsed() < limit {
        let entry = get(addr, "/pagefind/pagefind-entry.json");
        if entry.status == 200 && old.is_none_or(|o| o != entry.body) {
            let json: serde_json::Value = serde_json::from_str(&entry.body).expect("entry JSON");
            let languages = json["languages"].as_object().expect("languages");
            assert!(!languages.is_empty());
            for lang in languages.values() {
                let hash = lang["hash"].as_str().expect("hash");
                let meta = get(addr, &format!("/pagefind/pagefind.{hash}.pf_meta"));
                assert_eq!(meta.status, 200, "{hash}: the index is served whole");
            }
            assert_eq!(get(addr, "/pagefind/pagefind.js").status, 200);
            return Some(entry.body);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

#[test]
fn serve_still_serves_the_search_index_after_a_rebuild() {
    let dir = portal();
    let root = dir.path().join("p");
    let server = start(&root);
    let addr = server.addr();
    // Pages are served before their index, which comes in the background.
    let first = wait_for_index(addr, None, REBUILD_LIMIT).expect("index served");

    let site = root.join("content/site.yaml");
    let original = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, original.replace("示例市政策门户", "改过的门户")).unwrap();
    assert!(wait_for(addr, "/zh/", "改过的门户", REBUILD_LIMIT).is_some());
    // Meanwhile the previous index keeps search working…
    assert_eq!(get(addr, "/pagefind/pagefind.js").status, 200);
    // …until the new build's own index replaces it.
    let second = wait_for_index(addr, Some(&first), REBUILD_LIMIT);
    assert!(
        second.is_some(),
        "the rebuilt site's index was never served"
    );
    server.stop();
}

/// The build generation the server is at.
fn generation(addr: SocketAddr) -> u64 {
    let events = get(addr, "/__gazette/events?since=0");
    let json: serde_json::Value = serde_json::from_str(&events.body).expect("events JSON");
    json["generation"].as_u64().expect("generation")
}

/// The watcher reports every file a build opens; a rebuild must not count
/// its own reads as changes, or each rebuild starts the next, forever.
#[test]
fn serve_rebuilds_once_per_edit_and_not_on_its_own_reads() {
    let dir = portal();
    let root = dir.path().join("p");
    let server = start(&root);
    let addr = server.addr();
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(generation(addr), 1, "rebuilt with nothing changed");
    let site = root.join("content/site.yaml");
    let original = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, original.replace("示例市政策门户", "改过的门户")).unwrap();
    assert!(wait_for(addr, "/zh/", "改过的门户", REBUILD_LIMIT).is_some());
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(generation(addr), 2, "one edit, one rebuild");
    server.stop();
}

#[test]
fn serve_leaves_built_output_without_the_reload_script() {
    let dir = portal();
    let root = dir.path().join("p");
    let server = start(&root);
    assert_eq!(get(server.addr(), "/zh/").status, 200);
    server.stop();
    let mut opts = gazette::BuildOptions::new(&root);
    opts.out = dir.path().join("out");
    gazette::build(&opts).expect("build");
    let home = std::fs::read_to_string(dir.path().join("out/zh/index.html")).unwrap();
    assert!(!home.contains("data-gazette-serve"));
    assert!(!home.contains("__gazette"));
}

#[test]
fn serve_resolve_rejects_traversal_forms() {
    use gazette::serve::resolve;
    assert_eq!(resolve("/").as_deref(), Some("index.html"));
    assert_eq!(resolve("/zh/").as_deref(), Some("zh/index.html"));
    assert_eq!(
        resolve("/assets/style.css").as_deref(),
        Some("assets/style.css")
    );
    assert_eq!(
        resolve("/zh/%E7%9B%AE/").as_deref(),
        Some("zh/目/index.html")
    );
    for bad in [
        "", "x", "/..", "/a/../b", "/%2e%2e/", "/a%2fb", "/a%5cb", "//a", "/a/./b", "/%ff",
    ] {
        assert_eq!(resolve(bad), None, "{bad}");
    }
}

/// After an edit to one page, serve's new index is made from the runs of
/// pages the edit changed, the others joined from its run cache, and it is
/// the index a clean build at the same address makes.
#[test]
fn serve_reindexes_only_the_runs_an_edit_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let cfg = synth::Config {
        seed: 3,
        ..synth::Config::new(4)
    };
    synth::generate(root, &cfg).expect("portal written");
    let pages = root.join("content/pages");
    std::fs::create_dir_all(&pages).expect("pages folder");
    for (lang, title, body) in [
        ("en", "Notes", "A first draft of the notes."),
        ("zh", "说明", "说明的初稿。"),
    ] {
        let page = format!("---\ntitle: {title}\n---\n\n{body}\n");
        std::fs::write(pages.join(format!("notes.{lang}.md")), page).expect("page written");
    }
    let indexed = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = std::sync::Arc::clone(&indexed);
    let built = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let counted = std::sync::Arc::clone(&built);
    let server = gazette::serve::start(
        gazette::serve::ServeOptions {
            root: root.to_owned(),
            bind: [127, 0, 0, 1].into(),
            port: 0,
        },
        Box::new(move |outcome| match outcome {
            gazette::serve::Outcome::Indexed {
                generation, runs, ..
            } => seen.lock().expect("outcomes").push((*generation, *runs)),
            gazette::serve::Outcome::Built {
                generation, files, ..
            } => counted
                .lock()
                .expect("outcomes")
                .push((*generation, *files)),
            _ => {}
        }),
    )
    .expect("server starts");
    let addr = server.addr();
    let runs_of = |generation: u64| {
        let started = Instant::now();
        while started.elapsed() < REBUILD_LIMIT {
            let found = indexed
                .lock()
                .expect("outcomes")
                .iter()
                .find(|(g, _)| *g == generation)
                .map(|(_, r)| *r);
            if found.is_some() {
                return found;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    };
    let (reused, first) = runs_of(1).expect("the first build is indexed");
    assert_eq!(reused, 0, "nothing to reuse at first");
    assert!(first > 2, "{first} runs: too few to tell");

    // One paragraph of one page.
    let page = root.join("content/pages/notes.en.md");
    let text = std::fs::read_to_string(&page).expect("page");
    std::fs::write(&page, text.replace("first draft", "second draft")).expect("page edited");
    let (reused, indexed_again) = runs_of(2).expect("the edited build is indexed");
    assert!(
        reused > 0 && indexed_again > 0 && indexed_again < first,
        "{reused} runs kept, {indexed_again} indexed again of {first}"
    );
    // The files each build made, not the last index served beside them
    // (reported before the index is sent, but printed after).
    let started = Instant::now();
    while built.lock().expect("outcomes").len() < 2 && started.elapsed() < REBUILD_LIMIT {
        std::thread::sleep(Duration::from_millis(50));
    }
    let counts = built.lock().expect("outcomes").clone();
    assert!(
        matches!(counts[..], [(1, a), (2, b)] if a == b),
        "files reported per build: {counts:?}"
    );

    // The same index as a clean build at the serve's address.
    let out = tempfile::tempdir().expect("temp dir");
    let mut opts = gazette::BuildOptions::new(root);
    opts.out = out.path().join("public");
    opts.base_url = Some(format!("http://{addr}/"));
    opts.incremental = false;
    gazette::build(&opts).expect("clean build");
    let built =
        std::fs::read_to_string(opts.out.join("pagefind/pagefind-entry.json")).expect("entry");
    assert_eq!(get(addr, "/pagefind/pagefind-entry.json").body, built);

    // An edit to one policy's text: serve takes the other policies' pages
    // by their policies' digests, as a build does (a debug build checks
    // each such page's inputs against the digest and fails the rebuild
    // on a stale one), and indexes the rebuilt site.
    let mut seeds: Vec<_> = std::fs::read_dir(root.join("seeds"))
        .expect("seeds")
        .map(|e| e.expect("entry").path())
        .collect();
    seeds.sort();
    let text = std::fs::read_to_string(&seeds[0]).expect("seed");
    let line = text
        .lines()
        .find(|l| l.chars().count() > 40 && l.ends_with('。'))
        .expect("a long sentence");
    let edited = format!("{}，全面推进。", line.trim_end_matches('。'));
    std::fs::write(&seeds[0], text.replacen(line, &edited, 1)).expect("seed edited");
    assert!(runs_of(3).is_some(), "the edited policy's build is indexed");
    server.stop();
}

#[test]
fn serve_parses_a_translation_file_again_whenever_its_text_changes() {
    // serve keeps each translation file's parse for its next build: an
    // edit, and an edit back to text it parsed before, are both served.
    let dir = portal();
    let root = dir.path().join("p");
    let file = root.join("content/translations/en/sample.yaml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let title = gazette::content::translations::fingerprint(
        "关于印发《示例市科技创新行动方案(2024—2026年)》的通知",
    );
    let english = |text: &str| format!("notice.title:\n  source: {title}\n  text: \"{text}\"\n");
    std::fs::write(&file, english("Notice Alpha")).unwrap();
    let server = start(&root);
    let addr = server.addr();
    let page = "/en/policies/innovation-2024-2026/";
    assert!(wait_for(addr, page, "Notice Alpha", REBUILD_LIMIT).is_some());
    for text in ["Notice Beta", "Notice Alpha", "Notice Beta"] {
        std::fs::write(&file, english(text)).unwrap();
        assert!(
            wait_for(addr, page, text, REBUILD_LIMIT).is_some(),
            "{text} not served"
        );
    }
    // A file that no longer parses is reported, not served from memory.
    std::fs::write(&file, "notice.title: [\n").unwrap();
    let events = wait_for(
        addr,
        "/__gazette/events?since=0",
        "sample.yaml",
        REBUILD_LIMIT,
    );
    assert!(events.is_some(), "the error is reported to pages");
    server.stop();
}
