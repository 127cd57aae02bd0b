//! `gazette init`: a new portal that builds and checks as it is.

use crate::common::gazette;

#[test]
fn init_then_build_works() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("portal");
    let out = gazette().arg("init").arg(&root).run();
    assert!(out.success(), "{}", out.stderr);
    for f in [
        "README.md",
        "seeds/sample.txt",
        "content/site.yaml",
        "content/departments.yaml",
    ] {
        assert!(root.join(f).is_file(), "{f}");
    }
    assert!(
        !root.join("themes").exists(),
        "the theme is embedded, not copied"
    );
    let out = gazette().arg("build").root(&root).run();
    assert!(out.success(), "{}", out.stderr);
    let home = std::fs::read_to_string(root.join("public/zh/index.html")).unwrap();
    assert!(home.contains("示例市政策门户"));
    assert!(root
        .join("public/zh/targets/rd-intensity/index.html")
        .is_file());
    let report = gazette::check::check(&gazette::BuildOptions::new(&root));
    assert_eq!(report.errors(), 0, "{:#?}", report.diagnostics);
    let codes: Vec<_> = report.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        ["missing-translation"],
        "only the translation is left to do"
    );
}

#[test]
fn init_with_theme_copies_a_theme_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("portal");
    let files = gazette::init::init(&root, true).unwrap();
    assert!(files
        .iter()
        .any(|f| f == "themes/default/templates/base.html"));
    let mut opts = gazette::BuildOptions::new(&root);
    opts.out = dir.path().join("out");
    gazette::build(&opts).expect("builds with the copied theme");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keep.txt"), "mine").unwrap();
    let err = gazette::init::init(dir.path(), false).unwrap_err();
    assert!(err.to_string().contains("not empty"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("keep.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn every_command_has_help_with_an_example() {
    for cmd in [
        "build",
        "serve",
        "check",
        "import",
        "init",
        "inspect",
        "translate",
    ] {
        let out = gazette().args([cmd, "--help"]).run();
        let help = &out.stdout;
        assert!(out.success(), "{cmd}");
        assert!(
            help.contains("Example"),
            "`gazette {cmd} --help` has no example:\n{help}"
        );
    }
}

#[test]
fn verbose_build_reports_each_stage_in_pipeline_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("portal");
    gazette::init::init(&root, false).unwrap();
    let out = gazette()
        .args(["build", "-v", "--no-search"])
        .root(&root)
        .run();
    assert!(out.success());
    let stdout = out.stdout;
    let line = stdout
        .lines()
        .find(|l| l.starts_with("stages: "))
        .unwrap_or_else(|| panic!("no stages line in:\n{stdout}"));
    let stages: Vec<&str> = line["stages: ".len()..]
        .split(", ")
        .map(|s| s.rsplitn(3, ' ').nth(2).unwrap_or(s))
        .collect();
    assert_eq!(
        stages,
        [
            "stage",
            "load",
            "review",
            "render",
            "publish",
            "link check",
            "url lock",
            "write",
            "save cache"
        ]
    );
    // The peak memory so far after each stage, in GiB, where the system
    // says (Linux): the same stages, never falling.
    if cfg!(target_os = "linux") {
        let peaks = stdout
            .lines()
            .find_map(|l| l.strip_prefix("peak memory after each stage, GiB: "))
            .unwrap_or_else(|| panic!("no peak memory line in:\n{stdout}"));
        let (names, figures): (Vec<&str>, Vec<f64>) = peaks
            .split(", ")
            .map(|s| {
                let (name, gib) = s.rsplit_once(' ').expect("stage and figure");
                (name, gib.parse::<f64>().expect("a figure"))
            })
            .unzip();
        assert_eq!(names, stages);
        assert!(figures.last().is_some_and(|&f| f > 0.0), "{peaks}");
        assert!(figures.windows(2).all(|w| w[0] <= w[1]), "{peaks}");
    }
    let quiet = gazette().args(["build", "--no-search"]).root(&root).run();
    assert!(quiet.success());
    assert!(!quiet.stdout.contains("stages: "));
}
