//! Links that never break: a build that would stop publishing a URL of
//! `content/urls.lock` fails naming it; a redirect in
//! `content/redirects.yaml` fixes it with a static redirect page (and the
//! old folder's data file served again); new URLs join the lock only when
//! a build succeeds.

use crate::common;

use std::path::Path;

fn options(root: &Path, out: &Path) -> gazette::BuildOptions {
    let mut opts = gazette::BuildOptions::new(root);
    opts.out = out.to_owned();
    opts
}

#[test]
fn a_removed_slug_fails_the_build_naming_its_urls() {
    let tmp = tempfile::tempdir().unwrap();
    let root = common::fixture("lock/renamed");
    let err = gazette::build(&options(&root, &tmp.path().join("public")))
        .expect_err("a locked URL disappeared");
    let text = err.to_string();
    for url in [
        "/zh/targets/incubators/",
        "/en/targets/incubators/",
        "/zh/targets/incubators/data.json",
    ] {
        assert!(
            text.contains(&format!("  {url}\n")) || text.contains(&format!("  {url}")),
            "{text}"
        );
    }
    assert!(!text.contains("/zh/targets/tech-smes/"), "{text}");
    assert!(
        text.contains("content/redirects.yaml"),
        "the error says how to fix it: {text}"
    );
    assert!(!tmp.path().join("public").exists(), "nothing is written");
}

#[test]
fn a_redirect_fixes_it_with_a_static_page_at_the_old_address() {
    let b = common::build(&common::fixture("lock/redirected"), None);
    let page = b.page("zh/targets/incubators/index.html");
    assert!(page.contains(
        "<meta http-equiv=\"refresh\" content=\"0; url=/portal/zh/targets/business-incubators/\">"
    ));
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://example.org/portal/zh/targets/business-incubators/\">"
    ));
    assert!(page.contains("<a href=\"/portal/zh/targets/business-incubators/\">"));
    assert!(b
        .page("en/targets/incubators/index.html")
        .contains("This page has moved"));
    // The data file of the old folder is served again, same bytes.
    assert_eq!(
        b.page("zh/targets/incubators/data.json"),
        b.page("zh/targets/business-incubators/data.json")
    );
    // Redirect pages are neither in the sitemap nor in the search index.
    assert!(!b.page("sitemap.xml").contains("/targets/incubators/"));
}

#[test]
fn new_urls_join_the_lock_only_when_the_build_succeeds() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("portal");
    common::copy_tree(&common::fixture("lock/renamed"), &root);
    let lock = root.join("content/urls.lock");
    let before = std::fs::read_to_string(&lock).unwrap();
    let mut opts = options(&root, &tmp.path().join("public"));
    opts.update_lock = true;
    assert!(gazette::build(&opts).is_err());
    assert_eq!(
        std::fs::read_to_string(&lock).unwrap(),
        before,
        "a failed build left the lock"
    );

    std::fs::write(
        root.join("content/redirects.yaml"),
        "/zh/targets/incubators/: /zh/targets/business-incubators/\n/en/targets/incubators/: /en/targets/business-incubators/\n",
    )
    .unwrap();
    gazette::build(&opts).expect("redirected build");
    let after = std::fs::read_to_string(&lock).unwrap();
    let urls: Vec<&str> = after
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let mut sorted = urls.clone();
    sorted.sort();
    assert_eq!(urls, sorted, "the lock is sorted");
    for url in [
        "/zh/targets/business-incubators/",
        "/en/targets/business-incubators/data.json",
        "/data/targets.csv",
        "/zh/feed.xml",
        "/sitemap.xml",
        // Old URLs stay locked: they are still served, by redirect.
        "/zh/targets/incubators/",
    ] {
        assert!(urls.contains(&url), "{url} not in the lock");
    }
    assert!(!urls
        .iter()
        .any(|u| u.starts_with("/assets/") || u.starts_with("/pagefind/")));
    // A second build adds nothing and leaves the file alone.
    gazette::build(&opts).expect("rebuild");
    assert_eq!(std::fs::read_to_string(&lock).unwrap(), after);
}

#[test]
fn a_redirect_to_a_page_the_site_does_not_publish_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("portal");
    common::copy_tree(&common::fixture("lock/redirected"), &root);
    std::fs::write(
        root.join("content/redirects.yaml"),
        "/zh/targets/incubators/: /zh/targets/nowhere/\n/en/targets/incubators/: /en/targets/business-incubators/\n",
    )
    .unwrap();
    let err =
        gazette::build(&options(&root, &tmp.path().join("public"))).expect_err("bad redirect");
    assert!(err.to_string().contains("/zh/targets/nowhere/"), "{err}");
}

#[test]
fn a_renamed_and_redirected_target_keeps_its_new_slug() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(&common::fixture("lock/redirected"), dir.path());
    let root = dir.path();
    // The lock of the old slug knows which target it showed.
    let mut opts = gazette::BuildOptions::new(root);
    opts.search = false;
    let portal = gazette::load(&opts).expect("loads");
    let shown = gazette::link::identity::shown(&portal);
    let fp = &shown["/zh/targets/business-incubators/"];
    let lock = root.join("content/urls.lock");
    let text = std::fs::read_to_string(&lock).unwrap().replace(
        "/zh/targets/incubators/\n",
        &format!("/zh/targets/incubators/ {fp}\n"),
    );
    std::fs::write(&lock, text).unwrap();
    let portal = gazette::load(&opts).expect("loads");
    let slugs: Vec<&str> = portal.targets.iter().map(|t| t.slug.as_str()).collect();
    assert!(slugs.contains(&"business-incubators"), "{slugs:?}");
    assert!(!slugs.contains(&"incubators"), "{slugs:?}");
}

/// A copy of the two-policy fixture, built once with the lock written, so
/// its URLs are promises; gives the portal and its output folder.
fn published_two() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(&common::fixture("lifecycle/two"), dir.path());
    let out = dir.path().join("public");
    let mut opts = options(dir.path(), &out);
    opts.update_lock = true;
    opts.search = false;
    gazette::build(&opts).expect("first build");
    (dir, out)
}

fn rebuild(root: &Path, out: &Path) -> Result<gazette::BuildReport, gazette::BuildError> {
    let mut opts = options(root, out);
    opts.update_lock = true;
    opts.search = false;
    gazette::build(&opts)
}

fn load(root: &Path) -> gazette::link::Portal {
    gazette::load(&gazette::BuildOptions::new(root)).expect("portal loads")
}

#[test]
fn a_withdrawn_policy_keeps_every_locked_url_and_says_so() {
    let (dir, out) = published_two();
    let root = dir.path();
    let w = gazette::lifecycle::Withdraw {
        policy: "old-plan",
        status: gazette::content::policies::WithdrawalStatus::Replaced,
        date: "2027-03-01",
        by: Some("innovation-2027-2029"),
        reason: Some("见新方案"),
    };
    let said = gazette::lifecycle::withdraw(root, &load(root), &w).expect("withdrawn");
    assert!(said.contains("`old-plan` replaced on 2027-03-01"), "{said}");
    let yaml = std::fs::read_to_string(root.join("content/policies.yaml")).unwrap();
    assert!(yaml.starts_with("# Two policies"), "comments kept: {yaml}");
    assert!(
        yaml.contains(
            "  withdrawn:\n    status: replaced\n    date: \"2027-03-01\"\n    by: \"new-plan\"\n"
        ),
        "{yaml}"
    );
    rebuild(root, &out).expect("the build after withdrawing passes the lock");
    let lock = gazette::content::lock::UrlLock::load(root).unwrap();
    for url in lock.urls() {
        let file = gazette::link::urls::file_for(&format!("/portal{url}"), "/portal/");
        assert!(out.join(&file).is_file(), "{url} is still published");
    }
    let page =
        std::fs::read_to_string(out.join("zh/policies/innovation-2024-2026/index.html")).unwrap();
    assert!(page.contains("<div class=\"withdrawn replaced\" role=\"note\"><strong>已被替代</strong> 本政策已于 2027-03-01 被替代，现行政策为： <a href=\"/portal/zh/policies/innovation-2027-2029/\">"), "banner");
    assert!(page.contains("\"legislationLegalForce\":\"https://schema.org/NotInForce\""));
    let target = std::fs::read_to_string(out.join("en/targets/incubators/index.html")).unwrap();
    assert!(target.contains("The policy that set this target was replaced on 2027-03-01"));
    let card = std::fs::read_to_string(out.join("zh/targets/incubators/embed/index.html")).unwrap();
    assert!(
        card.contains("<dd>已被替代 2027-03-01</dd>"),
        "the embedded card says so: {card}"
    );
    let home = std::fs::read_to_string(out.join("zh/index.html")).unwrap();
    assert!(!home.contains("innovation-2024-2026"), "off the home page");
    assert!(home.contains("innovation-2027-2029"));
    let index = std::fs::read_to_string(out.join("zh/targets/index.html")).unwrap();
    assert!(
        !index.contains("/targets/incubators/"),
        "off the target index"
    );
    let feed = std::fs::read_to_string(out.join("en/feed.xml")).unwrap();
    assert!(feed.contains(
        "<id>https://example.org/portal/en/policies/innovation-2024-2026/#withdrawn</id>"
    ));
    // Open data and department pages say which duties are past.
    let data = std::fs::read_to_string(out.join("data/targets.json")).unwrap();
    let data: serde_json::Value = serde_json::from_str(&data).unwrap();
    let incubators = data
        .as_array()
        .and_then(|a| a.iter().find(|t| t["id"] == "incubators"))
        .expect("incubators in open data");
    assert_eq!(incubators["policy_status"], "replaced");
    assert_eq!(incubators["policy_status_date"], "2027-03-01");
    let departments: Vec<std::path::PathBuf> = walkdir::WalkDir::new(out.join("zh/departments"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().to_owned())
        .filter(|p| p.ends_with("index.html"))
        .collect();
    assert!(
        departments.iter().any(|p| std::fs::read_to_string(p)
            .unwrap()
            .contains("<strong class=\"withdrawn-tag\">已被替代 2027-03-01</strong>")),
        "a department page marks the replaced policy's duties"
    );
    assert!(!feed.contains("<id>https://example.org/portal/en/policies/innovation-2024-2026/</id>"));
}

#[test]
fn a_withdrawal_names_a_real_policy_and_date() {
    let (dir, _out) = published_two();
    let portal = load(dir.path());
    let mut w = gazette::lifecycle::Withdraw {
        policy: "old-plan",
        status: gazette::content::policies::WithdrawalStatus::Repealed,
        date: "2027-02-30x",
        by: None,
        reason: None,
    };
    let err = |w: &gazette::lifecycle::Withdraw| {
        gazette::lifecycle::withdraw(dir.path(), &portal, w)
            .unwrap_err()
            .to_string()
    };
    assert!(err(&w).contains("`2027-02-30x` is not a date"));
    w.date = "2027-03-01";
    w.by = Some("no-such-plan");
    assert!(err(&w).contains("no policy `no-such-plan`"));
    w.by = None;
    w.policy = "nope";
    assert!(err(&w).contains("the policies are: new-plan, old-plan"));
    w.policy = "old-plan";
    w.status = gazette::content::policies::WithdrawalStatus::Replaced;
    assert!(err(&w).contains("needs --by"));
    // A hand-written `by` that names nothing fails the build.
    let path = dir.path().join("content/policies.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        format!(
            "{yaml}  withdrawn:\n    status: replaced\n    date: \"2027-03-01\"\n    by: gone\n"
        ),
    )
    .unwrap();
    let report = gazette::check::check(&gazette::BuildOptions::new(dir.path()));
    let bad: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "withdrawal")
        .collect();
    assert_eq!(bad.len(), 1, "{:?}", report.diagnostics);
    assert!(bad[0].message.contains("`gone`"));
    assert_eq!(bad[0].line, yaml.lines().count() + 1, "at `withdrawn:`");
}

#[test]
fn a_renamed_slug_gets_its_redirects_and_the_next_build_passes() {
    let (dir, out) = published_two();
    let root = dir.path();
    let rename =
        |kind, old: &str, new: &str| gazette::lifecycle::rename(root, &load(root), kind, old, new);
    use gazette::lifecycle::Kind;
    assert!(rename(Kind::Target, "incubators", "Not A Slug").is_err());
    assert!(
        rename(
            Kind::Target,
            "incubators",
            "innovation-2027-2029-chapter-1-target-0e9721"
        )
        .is_err(),
        "taken"
    );
    rename(Kind::Target, "incubators", "business-incubators").expect("target");
    rename(Kind::Policy, "innovation-2027-2029", "innovation-plan-2027").expect("policy");
    rename(Kind::Department, "science-technology", "sci-tech").expect("department");
    rebuild(root, &out).expect("the renamed site passes the lock with no manual step");
    let old = std::fs::read_to_string(out.join("zh/targets/incubators/index.html")).unwrap();
    assert!(
        old.contains("content=\"0; url=/portal/zh/targets/business-incubators/\""),
        "{old}"
    );
    let nginx = std::fs::read_to_string(out.join("_redirects.nginx.conf")).unwrap();
    for (from, to) in [
        ("zh/targets/incubators/", "zh/targets/business-incubators/"),
        (
            "en/policies/innovation-2027-2029/breakdown/",
            "en/policies/innovation-plan-2027/breakdown/",
        ),
        (
            "zh/targets/department/science-technology/",
            "zh/targets/department/sci-tech/",
        ),
    ] {
        assert!(
            nginx.contains(&format!("    \"/portal/{from}\" \"/portal/{to}\";\n")),
            "{from}: {nginx}"
        );
        assert!(out.join(to).join("index.html").is_file());
    }
    let hosts = std::fs::read_to_string(out.join("_redirects")).unwrap();
    assert!(hosts.contains(
        "\n/portal/en/departments/science-technology/ /portal/en/departments/sci-tech/ 301\n"
    ));
    // The new policy's targets keep their URLs, made from its old slug.
    assert!(out
        .join("zh/targets/innovation-2027-2029-chapter-1-target-0e9721/index.html")
        .is_file());
}

#[test]
fn a_hand_deleted_lock_line_fails_check() {
    let (dir, _out) = published_two();
    let path = dir.path().join("content/urls.lock");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\n# sealed: "), "the build seals the lock");
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("/zh/targets/incubators/ "))
        .collect();
    assert_eq!(kept.len() + 1, text.lines().count(), "one line deleted");
    std::fs::write(&path, kept.join("\n") + "\n").unwrap();
    let report = gazette::check::check(&gazette::BuildOptions::new(dir.path()));
    let edited: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "lock-edited")
        .collect();
    assert_eq!(edited.len(), 1, "{:?}", report.diagnostics);
    assert!(edited[0].message.contains("edited by hand"));
    assert_eq!(edited[0].line, 6, "at the seal, after the header");
}

#[test]
fn a_removed_document_is_one_error_saying_how_to_retire_it() {
    let (dir, out) = published_two();
    std::fs::remove_file(dir.path().join("seeds/old-plan.txt")).unwrap();
    let err = rebuild(dir.path(), &out).expect_err("its locked URLs would disappear");
    let diags = gazette::diag::convert::from_build_error(&err, dir.path());
    let policy: Vec<_> = diags
        .iter()
        .filter(|d| d.code == "unpublished-policy")
        .collect();
    assert_eq!(policy.len(), 1, "{diags:?}");
    assert!(policy[0]
        .message
        .contains("`/zh/policies/innovation-2024-2026/`"));
    assert!(
        policy[0].help.contains("gazette withdraw"),
        "{}",
        policy[0].help
    );
    assert!(diags.len() <= 2, "the rest in at most one more: {diags:?}");
}
