//! Never lose a webmaster's work: `--out` refuses every folder a build
//! must not replace, a failed build leaves the output byte for byte as it
//! was, a build killed at any moment leaves the whole old site or the whole
//! new one (and the next build cleans up), and two builds into one folder
//! never mix. Each test runs the real binary on a real portal and hashes
//! whole folder trees before and after.

use crate::common;

use synth as corpus;

use common::cli::Cli;
use common::Run;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Every file, folder and link under `dir` (itself included), with its
/// bytes: equal digests mean byte-identical trees.
fn digest(dir: &Path) -> String {
    let mut hash = Sha256::new();
    let mut entries: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walkable"))
        .collect();
    entries.sort_by(|a, b| a.path().cmp(b.path()));
    for e in entries {
        let rel = e.path().strip_prefix(dir).expect("inside");
        hash.update(rel.to_string_lossy().as_bytes());
        hash.update([0]);
        let kind = e.file_type();
        if kind.is_file() {
            hash.update(b"f");
            hash.update(std::fs::read(e.path()).expect("readable"));
        } else if kind.is_dir() {
            hash.update(b"d");
        } else {
            hash.update(b"l");
            hash.update(
                std::fs::read_link(e.path())
                    .expect("a link")
                    .to_string_lossy()
                    .as_bytes(),
            );
        }
        hash.update([0]);
    }
    format!("{:x}", hash.finalize())
}

/// `gazette build --no-search --root root` and `args`.
fn build(args: &[&str], root: &Path) -> Cli {
    common::gazette()
        .args(["build", "--no-search"])
        .root(root)
        .args(args)
}

fn run(args: &[&str], root: &Path) -> Run {
    build(args, root).run()
}

/// A one-policy synthetic portal: small enough to build many times.
/// A synthetic portal of `policies` documents (generator seed 3).
fn synth(policies: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let cfg = corpus::Config {
        seed: 3,
        ..corpus::Config::new(policies)
    };
    corpus::generate(dir.path(), &cfg).expect("corpus written");
    dir
}

/// Hidden names in `dir`: in these portals, only what a build left
/// (`.public.old-*`, `.public.lock`, `.urls.lock.tmp-*` …), but for the
/// previous site kept as the next build's staging folder.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && !n.ends_with(".previous"))
        // The incremental build's cache is kept on purpose.
        .filter(|n| n != gazette::incremental::CACHE_DIR)
        .collect();
    names.sort();
    names
}

// --- --out refused: exit 2, the rule named, nothing changed -------------

/// Builds the seed portal copy with `out` (relative to the portal) and
/// asserts the refusal: exit 2, `rule` in the message, the "left as it
/// was" line, and the whole portal (with its built `public/`) unchanged.
fn assert_refused(dir: &Path, out: &str, rule: &str) {
    let before = digest(dir);
    let res = build(&["--out", out], dir).current_dir(dir).run();
    let err = &res.stderr;
    assert_eq!(res.code, 2, "--out {out}: {err}");
    assert!(err.contains("error[out-refused]"), "--out {out}: {err}");
    assert!(
        err.contains(rule),
        "--out {out}: wanted `{rule}` in:\n{err}"
    );
    assert!(err.contains("help: "), "--out {out}: {err}");
    assert!(err.contains("was left as it was"), "--out {out}: {err}");
    assert_eq!(digest(dir), before, "--out {out} changed the portal");
}

/// A small portal with the default theme copied in, built once, so
/// `public/` is a real site.
fn built_portal() -> tempfile::TempDir {
    let dir = synth(1);
    common::copy_tree(
        &common::seed_root().join("themes"),
        &dir.path().join("themes"),
    );
    let res = run(&["-q"], dir.path());
    assert!(res.success(), "{}", res.stderr);
    dir
}

/// Writes the Markdown page `content/pages/NAME.LANG.md` in both languages.
fn add_page(root: &Path, name: &str, body: &str) {
    let pages = root.join("content/pages");
    std::fs::create_dir_all(&pages).expect("pages");
    for lang in ["zh", "en"] {
        let text = format!("---\ntitle: {name}\n---\n\n{body}\n");
        std::fs::write(pages.join(format!("{name}.{lang}.md")), text).expect("page");
    }
}

#[test]
fn out_refuses_the_portal_itself() {
    let dir = built_portal();
    assert_refused(dir.path(), ".", "holds the portal");
    let abs = dir.path().to_string_lossy().into_owned();
    assert_refused(dir.path(), &abs, "holds the portal");
}

#[test]
fn out_refuses_a_folder_above_the_portal() {
    let dir = built_portal();
    assert_refused(dir.path(), "..", "holds the portal");
}

#[test]
fn out_refuses_the_portals_sources_and_folders_inside_them() {
    let dir = built_portal();
    for (out, folder) in [
        ("content", "content/"),
        ("seeds", "seeds/"),
        ("themes", "themes/"),
        ("content/translations", "content/"),
        ("seeds/new-folder", "seeds/"),
    ] {
        assert_refused(dir.path(), out, &format!("the portal's {folder}"));
    }
}

#[test]
fn out_refuses_the_file_system_root() {
    let dir = built_portal();
    assert_refused(dir.path(), "/", "the file system's root");
}

#[test]
fn out_refuses_the_home_folder() {
    let dir = built_portal();
    let home = dir.path().join("home");
    std::fs::create_dir(&home).expect("home");
    let before = digest(dir.path());
    let res = build(&["--out"], dir.path())
        .arg(&home)
        .env("HOME", &home)
        .run();
    assert_eq!(res.code, 2);
    assert!(res.stderr.contains("your home folder"), "{}", res.stderr);
    assert_eq!(digest(dir.path()), before);
}

#[test]
fn out_refuses_an_existing_file_and_leaves_it_where_it_was() {
    let dir = built_portal();
    std::fs::write(dir.path().join("notes.txt"), "my notes").expect("notes");
    assert_refused(dir.path(), "notes.txt", "a file, not a folder");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).expect("still there"),
        "my notes"
    );
}

#[test]
fn out_refuses_a_folder_of_unrelated_files() {
    let dir = built_portal();
    let mine = dir.path().join("mine");
    std::fs::create_dir_all(mine.join("photos")).expect("folder");
    std::fs::write(mine.join("letter.docx"), "x").expect("file");
    assert_refused(dir.path(), "mine", "holds files gazette did not write");
}

#[test]
fn out_accepts_a_new_an_empty_and_a_placeholder_only_folder() {
    let dir = synth(1);
    std::fs::create_dir(dir.path().join("empty")).expect("empty");
    std::fs::create_dir(dir.path().join("kept")).expect("kept");
    std::fs::write(dir.path().join("kept/.gitkeep"), "").expect("gitkeep");
    for out in ["new/site", "empty", "kept"] {
        let res = build(&["-q", "--out", out], dir.path())
            .current_dir(dir.path())
            .run();
        assert!(res.success(), "--out {out}: {}", res.stderr);
        let site = dir.path().join(out);
        assert!(site.join(gazette::write::MARKER).is_file(), "{out}");
        assert!(site.join("index.html").is_file(), "{out}");
    }
    assert!(dir.path().join("kept/.gitkeep").is_file());
    // Written once, the folder is gazette's: building again is allowed.
    let again = build(&["-q", "--out", "empty"], dir.path())
        .current_dir(dir.path())
        .run();
    assert!(again.success(), "{}", again.stderr);
}

// --- a failed build leaves the output byte-identical ---------------------

/// Runs a build of `dir` expected to fail with `code`; asserts `public/`
/// and `content/urls.lock` are byte-identical afterwards.
fn assert_failed_untouched(dir: &Path, code: &str) {
    let public = dir.join("public");
    let (before, lock) = (
        digest(&public),
        std::fs::read(dir.join("content/urls.lock")).expect("lock"),
    );
    let res = run(&[], dir);
    let err = &res.stderr;
    assert_eq!(res.code, 2, "{err}");
    assert!(err.contains(&format!("error[{code}]")), "{err}");
    assert!(err.contains("was left as it was"), "{err}");
    assert_eq!(digest(&public), before, "public/ changed:\n{err}");
    assert_eq!(
        std::fs::read(dir.join("content/urls.lock")).expect("lock"),
        lock
    );
    assert_eq!(leftovers(dir), Vec::<String>::new());
}

#[test]
fn failed_build_page_slug_colliding_with_a_built_in_page_leaves_public() {
    let dir = built_portal();
    add_page(
        dir.path(),
        "targets",
        "A page where the list of targets is.",
    );
    // Refused while content/ is read; the write stage's own duplicate-path
    // check (`output-path`) stands behind it (unit tests in src/write/).
    assert_failed_untouched(dir.path(), "invalid-slug");
}

#[test]
fn failed_build_broken_link_leaves_public() {
    let dir = built_portal();
    add_page(dir.path(), "links", "See [nowhere](../no-such-page/).");
    assert_failed_untouched(dir.path(), "broken-link");
}

#[test]
fn failed_build_bad_template_leaves_public() {
    let dir = built_portal();
    let template = walkdir::WalkDir::new(dir.path().join("themes"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "html"))
        .expect("a template")
        .into_path();
    std::fs::write(&template, "{% if %}broken").expect("template");
    assert_failed_untouched(dir.path(), "template");
}

#[test]
fn failed_build_refused_out_leaves_public() {
    let dir = built_portal();
    let before = digest(&dir.path().join("public"));
    assert_refused(dir.path(), "content", "the portal's content/");
    assert_eq!(digest(&dir.path().join("public")), before);
}

/// `content/` made unwritable even for root (`chattr +i`), or read-only
/// for anyone else; restored on drop.
struct Unwritable(PathBuf);

impl Unwritable {
    fn new(dir: &Path) -> Unwritable {
        let probe = dir.join(".probe");
        set_mode(dir, 0o555);
        if std::fs::write(&probe, "").is_ok() {
            // Root ignores modes; the immutable flag stops it.
            let _ = std::fs::remove_file(&probe);
            let ok = Command::new("chattr").arg("+i").arg(dir).status();
            assert!(
                ok.is_ok_and(|s| s.success()),
                "cannot make content/ unwritable"
            );
        }
        Unwritable(dir.to_owned())
    }
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
        set_mode(&self.0, 0o755);
    }
}

fn set_mode(dir: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[test]
fn failed_build_unwritable_url_lock_with_a_new_seed_leaves_public() {
    let dir = common::seed_copy();
    let res = run(&["-q"], dir.path());
    assert!(res.success(), "{}", res.stderr);
    let seeds = dir.path().join("seeds");
    let seed = std::fs::read_dir(&seeds)
        .expect("seeds")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|x| x == "txt"))
        .expect("a seed");
    // A new seed publishes new URLs, so the URL lock must be written.
    std::fs::copy(&seed, seeds.join("zz_new_policy.txt")).expect("new seed");
    let _guard = Unwritable::new(&dir.path().join("content"));
    assert_failed_untouched(dir.path(), "write");
}

// --- crash safety ----------------------------------------------------------

/// The synthetic portal as site A (as generated) or B (another title and
/// a new page, so every page changes and the URL lock grows).
fn make_site(root: &Path, b: bool, original_title: &str, lock_a: &str) {
    let site = root.join("content/site.yaml");
    let text = std::fs::read_to_string(&site).expect("site.yaml");
    let title = if b {
        "Crash Test Archive"
    } else {
        original_title
    };
    let text = text
        .lines()
        .map(|l| match l.strip_prefix("  en: ") {
            Some(_) if l.contains("Library") || l.contains("Crash Test Archive") => {
                format!("  en: {title}")
            }
            _ => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&site, text + "\n").expect("site.yaml");
    if b {
        add_page(root, "crash", "A page only site B has.");
    } else {
        let _ = std::fs::remove_dir_all(root.join("content/pages"));
        std::fs::write(root.join("content/urls.lock"), lock_a).expect("lock");
    }
}

fn original_title(root: &Path) -> String {
    let text = std::fs::read_to_string(root.join("content/site.yaml")).expect("site.yaml");
    text.lines()
        .find_map(|l| l.strip_prefix("  en: ").filter(|t| t.contains("Library")))
        .expect("an English title")
        .to_owned()
}

/// The 100-policy portal takes minutes in a debug build, so CI runs
/// a small one; `GAZETTE_CRASH_POLICIES=100 cargo test --release --test
/// write_safety crash` runs the full-size proof.
#[test]
fn crash_at_any_moment_leaves_the_old_or_the_new_site_and_the_next_build_cleans_up() {
    let policies = std::env::var("GAZETTE_CRASH_POLICIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let portal = synth(policies);
    let root = portal.path();
    let public = root.join("public");
    let title = original_title(root);
    // References: A, then B (whose build also writes the bigger lock).
    let first = run(&["-q"], root);
    assert!(first.success(), "{}", first.stderr);
    let lock_a = std::fs::read_to_string(root.join("content/urls.lock")).expect("lock");
    let site_a = digest(&public);
    make_site(root, true, &title, &lock_a);
    let started = Instant::now();
    let second = run(&["-q"], root);
    let took = started.elapsed();
    assert!(second.success(), "{}", second.stderr);
    let (site_b, lock_b) = (
        digest(&public),
        std::fs::read_to_string(root.join("content/urls.lock")).expect("lock"),
    );
    assert_ne!(site_a, site_b);
    assert_ne!(lock_a, lock_b);

    let mut rng = fastrand::Rng::with_seed(12);
    let (mut saw_a, mut saw_b, mut saw_leftovers) = (0, 0, 0);
    for round in 0..20 {
        // Alternate towards A and B; the kill lands anywhere from early
        // in the build to just after it should have finished.
        let towards_b = round % 2 == 0;
        make_site(root, towards_b, &title, &lock_a);
        let delay = took.mul_f64(0.2 + 1.0 * rng.f64());
        let mut child = build(&["-q"], root).spawn(Stdio::null(), Stdio::null());
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let now = digest(&public);
        assert!(
            now == site_a || now == site_b,
            "round {round}: killed after {delay:?}, public/ is neither site"
        );
        let lock = std::fs::read_to_string(root.join("content/urls.lock")).expect("lock");
        assert!(
            lock != lock_b || now == site_b || !towards_b,
            "round {round}: the URL lock got ahead of the site"
        );
        saw_a += usize::from(now == site_a);
        saw_b += usize::from(now == site_b);
        saw_leftovers += usize::from(!leftovers(root).is_empty());
    }
    eprintln!("after the kills: {saw_a}× site A, {saw_b}× site B, {saw_leftovers}× leftovers");
    // The next build completes and leaves nothing behind.
    make_site(root, true, &title, &lock_a);
    let last = run(&["-q"], root);
    assert!(last.success(), "{}", last.stderr);
    assert_eq!(digest(&public), site_b);
    assert_eq!(leftovers(root), Vec::<String>::new());
    assert_eq!(
        leftovers(&root.join("content")),
        Vec::<String>::new(),
        "a temporary URL lock was left"
    );
    assert!(
        !root.join(".public.lock").exists(),
        "the output's lock file was left"
    );
}

// --- two builds at once ----------------------------------------------------

#[test]
fn two_builds_into_one_folder_never_mix() {
    let (a, b) = (synth(1), synth(1));
    let title = original_title(b.path());
    let lock = std::fs::read_to_string(b.path().join("content/urls.lock")).unwrap_or_default();
    make_site(b.path(), true, &title, &lock);
    let shared = tempfile::tempdir().expect("temp dir");
    let out = shared.path().join("site");
    let out_arg = out.to_string_lossy().into_owned();
    // Each portal's own site, built alone.
    let reference = |root: &Path| {
        let res = run(&["-q"], root);
        assert!(res.success(), "{}", res.stderr);
        digest(&root.join("public"))
    };
    let (site_a, site_b) = (reference(a.path()), reference(b.path()));
    assert_ne!(site_a, site_b);
    let mut refused = 0;
    for round in 0..4 {
        let spawn = |root: &Path| {
            build(&["-q", "--out", &out_arg], root).spawn(Stdio::null(), Stdio::piped())
        };
        let (ca, cb) = (spawn(a.path()), spawn(b.path()));
        let (ra, rb) = (
            Run::from(ca.wait_with_output().expect("a")),
            Run::from(cb.wait_with_output().expect("b")),
        );
        let now = digest(&out);
        for r in [&ra, &rb] {
            if !r.success() {
                let err = &r.stderr;
                assert!(
                    err.contains("another gazette build is writing it (process "),
                    "round {round}: a build failed otherwise:\n{err}"
                );
            }
        }
        match (ra.success(), rb.success()) {
            (true, false) => assert_eq!(now, site_a, "round {round}"),
            (false, true) => assert_eq!(now, site_b, "round {round}"),
            (true, true) => assert!(now == site_a || now == site_b, "round {round}: mixed"),
            (false, false) => panic!("round {round}: both builds refused"),
        }
        assert_eq!(leftovers(shared.path()), Vec::<String>::new());
        refused += usize::from(!ra.success() || !rb.success());
    }
    eprintln!("{refused} of 4 rounds had one build refused");
}

/// The build hands its files to the staging folder as it makes them, so a
/// disk error can come after most of the new site is staged: here every
/// page is staged, then the open data cannot be (its folder in the
/// staging folder made unwritable). The output stays as it was, and the
/// next build, the folder writable again, stages it all and succeeds.
#[test]
fn failed_build_after_pages_were_staged_leaves_public() {
    let dir = built_portal();
    // A second build, so `.public.previous` (the staging folder) exists.
    let res = run(&["-q", "--full"], dir.path());
    assert!(res.success(), "{}", res.stderr);
    let data = dir.path().join(".public.previous/data");
    let table = std::fs::read_dir(&data)
        .expect("staged data")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .expect("a data table");
    // Stale bytes the next build must replace, in a folder it cannot write.
    std::fs::write(&table, "stale").expect("stale table");
    let guard = Unwritable::new(&data);
    assert_failed_untouched(dir.path(), "write");
    drop(guard);
    let res = run(&["-q"], dir.path());
    assert!(res.success(), "{}", res.stderr);
    let name = table.file_name().expect("a name");
    let published = std::fs::read(dir.path().join("public/data").join(name)).expect("published");
    assert_ne!(published, b"stale");
}
