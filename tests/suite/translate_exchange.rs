//! Translators' tools and the translation memory: a policy exported as
//! XLIFF 1.2 or PO, read and edited by an independent implementation
//! (translate-toolkit, in `tests/exchange/roundtrip.py`), and imported back
//! changes exactly the unit edited; a file that does not match the policy
//! is refused whole; a second policy is offered the first's English as
//! drafts, published only once accepted.

use crate::common;

use common::{copy_tree, fixture, gazette, seed_copy};
use gazette::content::translations::TranslatedUnit;
use gazette::translate::coverage;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const SEED: &str = "000_8f98049102453562";

fn translation_path(root: &Path, policy: &str) -> PathBuf {
    root.join(format!("content/translations/en/{policy}.yaml"))
}

fn units(root: &Path, policy: &str) -> BTreeMap<String, TranslatedUnit> {
    let text = std::fs::read_to_string(translation_path(root, policy)).expect("translation");
    serde_norway::from_str(&text).expect("translation parses")
}

/// One unit as translate-toolkit read it.
#[derive(serde::Deserialize, Debug)]
struct Read {
    id: String,
    source: String,
    target: String,
    /// XLIFF: translate-toolkit's state number (100 translated, 80 needs
    /// review); PO: "translated", "fuzzy" or "empty".
    state: serde_json::Value,
    notes: String,
}

/// Runs the translate-toolkit script on `file`: every unit as it read
/// them, and `out` written with unit `id`'s target set to `target`. `None`
/// (with the reason printed) only when python3 is absent.
fn toolkit(format: &str, file: &Path, out: &Path, id: &str, target: &str) -> Option<Vec<Read>> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/exchange/roundtrip.py");
    let run = Command::new("python3")
        .arg(script)
        .args([
            format,
            &file.display().to_string(),
            &out.display().to_string(),
            id,
            target,
        ])
        .output();
    let run = match run {
        Ok(run) => run,
        Err(e) => {
            eprintln!("SKIPPED: python3 is not available ({e}); the round trip through translate-toolkit was not run");
            return None;
        }
    };
    assert_ne!(
        run.status.code(),
        Some(3),
        "translate-toolkit is missing: pip install translate-toolkit (.ci/run installs it)"
    );
    assert!(
        run.status.success(),
        "roundtrip.py failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    Some(serde_json::from_slice(&run.stdout).expect("the script prints JSON"))
}

/// The lines of `before` and `after` that differ, as (before, after).
fn changed_lines(before: &str, after: &str) -> Vec<(String, String)> {
    assert_eq!(before.lines().count(), after.lines().count());
    before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect()
}

/// Export → translate-toolkit reads every unit and edits one target →
/// import: exactly that unit's English changes in the YAML, every
/// fingerprint stays.
fn round_trip(format: &str, ext: &str) {
    let dir = seed_copy();
    let root = dir.path();
    let exported = root.join(format!("policy.{ext}"));
    let edited = root.join(format!("edited.{ext}"));
    std::fs::write(
        &exported,
        gazette()
            .args(["translate", SEED, "--format", format])
            .root(root)
            .run()
            .stdout_ok(),
    )
    .expect("write export");
    let new = "Transform and upgrade the city's leading industries & their \"advantages\"";
    let Some(read) = toolkit(format, &exported, &edited, "task-1", new) else {
        return;
    };
    let portal = gazette::load(&gazette::BuildOptions::new(root)).expect("loads");
    let p = &portal.policies[0];
    let policy_units = p.policy.text_units();
    let before = units(root, SEED);
    assert_eq!(
        read.len(),
        policy_units.len(),
        "one unit per translation unit"
    );
    for (r, u) in read.iter().zip(&policy_units) {
        assert_eq!(r.id, u.key, "document order, keyed by the stable ID");
        assert_eq!(r.source, u.zh, "{}: the Chinese as source", u.key);
        let en = before
            .values()
            .find(|t| t.source == gazette::model::fingerprint(u.zh));
        assert_eq!(
            Some(r.target.as_str()),
            en.map(|t| t.text.as_str()),
            "{}",
            u.key
        );
        let translated = match format {
            "xliff" => serde_json::json!(100),
            _ => serde_json::json!("translated"),
        };
        assert_eq!(
            r.state, translated,
            "{}: a current unit reads as translated",
            u.key
        );
    }
    let row = read.iter().find(|r| r.id == "row-3").expect("row-3");
    assert!(
        row.notes.contains("row of the task breakdown table"),
        "{}",
        row.notes
    );
    assert!(
        row.notes.contains("市科技局 = "),
        "departments with their English: {}",
        row.notes
    );
    assert!(
        row.notes.contains("高新技术企业 = high-tech enterprise"),
        "glossary: {}",
        row.notes
    );

    let yaml_before = std::fs::read_to_string(translation_path(root, SEED)).expect("yaml");
    let out = gazette()
        .args(["translate", SEED, "--import", &edited.display().to_string()])
        .root(root)
        .run()
        .stdout_ok();
    assert!(out.starts_with("imported 1 English units"), "{out}");
    let yaml_after = std::fs::read_to_string(translation_path(root, SEED)).expect("yaml");
    let after = units(root, SEED);
    assert_eq!(
        changed_lines(&yaml_before, &yaml_after),
        [(
            "  text: Transform and upgrade the leading industries of advantage".to_owned(),
            format!("  text: {}", serde_json::to_string(new).expect("json"))
        )]
    );
    for (k, b) in &before {
        let a = &after[k];
        assert_eq!(a.source, b.source, "{k}: fingerprint intact");
        if k != "task-1" {
            assert_eq!(a, b, "{k} unchanged");
        }
    }
    assert_eq!(after["task-1"].text, new);
    // Importing the same file again changes nothing.
    let again = gazette()
        .args(["translate", SEED, "--import", &edited.display().to_string()])
        .root(root)
        .run()
        .stdout_ok();
    assert!(again.starts_with("imported 0 English units"), "{again}");
}

#[test]
fn xliff_round_trip_through_translate_toolkit_changes_exactly_the_unit_edited() {
    round_trip("xliff", "xlf");
}

#[test]
fn po_round_trip_through_translate_toolkit_changes_exactly_the_unit_edited() {
    round_trip("po", "po");
}

/// Imports `xliff` (the seed's export, edited by `edit`) and returns the
/// error output, asserting the translation file was left as it was.
fn refused(edit: impl Fn(String) -> String) -> String {
    let dir = seed_copy();
    let root = dir.path();
    let xliff = gazette()
        .args(["translate", SEED, "--format", "xliff"])
        .root(root)
        .run()
        .stdout_ok();
    let file = root.join("policy.xlf");
    std::fs::write(&file, edit(xliff)).expect("write");
    let before = std::fs::read(translation_path(root, SEED)).expect("yaml");
    let out = gazette()
        .args(["translate", SEED, "--import", &file.display().to_string()])
        .root(root)
        .run();
    assert_eq!(out.code, 2, "refused");
    assert_eq!(
        std::fs::read(translation_path(root, SEED)).expect("yaml"),
        before
    );
    out.stderr
}

#[test]
fn a_file_made_for_another_policy_is_refused() {
    let err = refused(|x| {
        x.replacen(
            &format!("original=\"{SEED}\""),
            "original=\"other-plan\"",
            1,
        )
    });
    assert!(err.contains("policy.xlf: nothing imported"), "{err}");
    assert!(
        err.contains(&format!("made for policy `other-plan`, not `{SEED}`: import it with `gazette translate other-plan --import")),
        "{err}"
    );
}

#[test]
fn unknown_ids_and_changed_sources_are_refused_each_with_its_message() {
    let err = refused(|x| {
        x.replacen(
            "id=\"task-2\" resname=\"task-2\"",
            "id=\"task-99\" resname=\"task-99\"",
            1,
        )
        .replacen(
            "<source>培育壮大前沿“种子”产业</source>",
            "<source>培育壮大前沿产业</source>",
            1,
        )
    });
    let problems: Vec<&str> = err.lines().skip(1).collect();
    assert_eq!(problems.len(), 2, "{err}");
    assert!(
        problems[0].contains("policy.xlf: unit `task-99` is not a unit of"),
        "{err}"
    );
    assert!(problems[0].contains("export it again"), "{err}");
    assert!(
        problems[1].contains("policy.xlf: unit `task-3`: its Chinese is not the policy's now"),
        "{err}"
    );
    assert!(
        problems[1].contains(&format!("gazette translate {SEED} --format xliff")),
        "{err}"
    );
}

#[test]
fn an_empty_or_unconfirmed_target_never_replaces_english() {
    let dir = seed_copy();
    let root = dir.path();
    let xliff = gazette()
        .args(["translate", SEED, "--format", "xliff"])
        .root(root)
        .run()
        .stdout_ok();
    let emptied = xliff
        .replacen(
            "<target state=\"translated\">Transform and upgrade the leading industries of advantage</target>",
            "<target state=\"translated\"></target>",
            1,
        )
        .replacen(
            "<target state=\"translated\">Cultivate and grow frontier &quot;seed&quot; industries</target>",
            "<target state=\"needs-review-translation\">Something else</target>",
            1,
        );
    assert_ne!(emptied, xliff);
    let file = root.join("policy.xlf");
    std::fs::write(&file, emptied).expect("write");
    let before = std::fs::read(translation_path(root, SEED)).expect("yaml");
    let out = gazette()
        .args(["translate", SEED, "--import", &file.display().to_string()])
        .root(root)
        .run()
        .stdout_ok();
    assert!(out.starts_with("imported 0 English units"), "{out}");
    assert!(
        out.contains("`task-3`: the file's English is not confirmed; the current English is kept"),
        "{out}"
    );
    assert_eq!(
        std::fs::read(translation_path(root, SEED)).expect("yaml"),
        before
    );
}

/// A copy of the memory fixture: `first` translated, `second` not.
fn memory_portal() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture("memory/two"), dir.path());
    dir
}

#[test]
fn the_second_policy_is_offered_the_first_policys_english_for_shared_sentences() {
    let dir = memory_portal();
    let root = dir.path();
    let out = gazette()
        .args(["translate", "second", "--merge"])
        .root(root)
        .run()
        .stdout_ok();
    assert!(out.contains("(12 with a draft to review)"), "{out}");
    let portal = gazette::load(&gazette::BuildOptions::new(root)).expect("loads");
    let first = &portal.policies[portal.policy_index("first").expect("first")];
    let second = &portal.policies[portal.policy_index("second").expect("second")];
    let english_of_first: BTreeMap<&str, (String, &str)> = first
        .policy
        .text_units()
        .into_iter()
        .map(|u| {
            let en = first.translation.units[&u.key].text.as_str();
            (u.zh, (u.key, en))
        })
        .collect();
    let drafts = units(root, "second");
    let mut shared = 0;
    for u in second.policy.text_units() {
        let Some((key, en)) = english_of_first.get(u.zh) else {
            continue;
        };
        shared += 1;
        let d = &drafts[&u.key];
        assert_eq!(d.text, *en, "{}: the first policy's English", u.key);
        assert_eq!(
            d.state,
            Some(gazette::content::translations::UnitState::Draft)
        );
        assert_eq!(
            d.origin.as_deref(),
            Some(format!("first {key}, same Chinese").as_str())
        );
    }
    assert_eq!(shared, 10, "the fixture's shared sentences");
    // Only figures differ: the English has them changed.
    let figures = &drafts["chapter-1-p1"];
    assert_eq!(
        figures.text,
        "By 2029, the city will have more than 800 high-tech enterprises, and R&D spending across society will reach 3.0% of regional GDP."
    );
    assert_eq!(
        figures.origin.as_deref(),
        Some("first chapter-1-p1, figures differ: 2026 → 2029, 500 → 800, 2.5 → 3.0 (changed in the English)")
    );
    // Nearly the same sentence (推进 → 协调): offered as it stands, to edit.
    let close = &drafts["chapter-3-p1"];
    assert!(
        close
            .origin
            .as_deref()
            .is_some_and(|o| o.contains("similar Chinese (87% alike)")),
        "{close:?}"
    );
    // A target's English unit comes with its name.
    assert_eq!(
        drafts["chapter-1-target-0e9721"].unit_en.as_deref(),
        Some("enterprises")
    );
    // Drafts are not published: nothing of the second policy is translated.
    let c = coverage(second);
    assert_eq!(c.tally.translated, 0, "{c}");
    assert_eq!(c.drafts.len(), 12, "{c}");

    // A person accepts one: it is published, the rest stay drafts.
    gazette()
        .args(["translate", "second", "--accept", "chapter-1-p1"])
        .root(root)
        .run()
        .stdout_ok();
    let portal = gazette::load(&gazette::BuildOptions::new(root)).expect("loads");
    let c = coverage(&portal.policies[portal.policy_index("second").expect("second")]);
    assert_eq!((c.tally.translated, c.drafts.len()), (1, 11), "{c}");
    let accepted = &units(root, "second")["chapter-1-p1"];
    assert_eq!((accepted.state, accepted.origin.as_deref()), (None, None));
}

#[test]
fn xliff_marks_memory_drafts_for_review_and_a_confirmed_one_is_published() {
    let dir = memory_portal();
    let root = dir.path();
    let xliff = gazette()
        .args(["translate", "second", "--format", "xliff"])
        .root(root)
        .run()
        .stdout_ok();
    let unit = |id: &str| -> String {
        let start = xliff
            .find(&format!("<trans-unit id=\"{id}\""))
            .expect("unit");
        let end = start + xliff[start..].find("</trans-unit>").expect("end");
        xliff[start..end].to_owned()
    };
    let draft = unit("chapter-1-p1");
    assert!(
        draft.contains(
            "<target state=\"needs-review-translation\" state-qualifier=\"leveraged-tm\">By 2029,"
        ),
        "{draft}"
    );
    assert!(draft.contains("<note from=\"memory\">draft from the translation memory (first chapter-1-p1, figures differ"), "{draft}");
    assert!(
        !unit("task-2").contains("<target"),
        "a unit with no English has no target"
    );

    let exported = root.join("second.xlf");
    let edited = root.join("edited.xlf");
    std::fs::write(&exported, &xliff).expect("write");
    let Some(read) = toolkit("xliff", &exported, &edited, "chapter-1-p1", "By 2029, the city will have over 800 high-tech enterprises, and R&D spending will reach 3.0% of regional GDP.") else {
        return;
    };
    let r = read.iter().find(|r| r.id == "chapter-1-p1").expect("read");
    assert_eq!(
        r.state,
        serde_json::json!(80),
        "translate-toolkit reads a draft as needing review"
    );
    gazette()
        .args([
            "translate",
            "second",
            "--import",
            &edited.display().to_string(),
        ])
        .root(root)
        .run()
        .stdout_ok();
    let portal = gazette::load(&gazette::BuildOptions::new(root)).expect("loads");
    let second = &portal.policies[portal.policy_index("second").expect("second")];
    let c = coverage(second);
    // The confirmed unit is published; the other drafts the tool sent back
    // unconfirmed are kept as drafts, with their origin.
    assert_eq!((c.tally.translated, c.drafts.len()), (1, 11), "{c}");
    let after = units(root, "second");
    assert_eq!(after["chapter-1-p1"].state, None);
    assert_eq!(
        after["chapter-1"].origin.as_deref(),
        Some("first chapter-1, same Chinese")
    );
}

#[test]
fn an_imported_document_gets_the_memorys_drafts_in_its_skeleton() {
    let dir = memory_portal();
    let root = dir.path();
    let doc = fixture("memory/two").join("seeds/second.txt");
    let out = gazette()
        .args(["import", &doc.display().to_string(), "--name", "third"])
        .root(root)
        .run()
        .stdout_ok();
    assert!(
        out.contains("the English of 20 units (each `text: \"\"`; 12 offered as drafts from the translation memory"),
        "{out}"
    );
    let third = units(root, "third");
    let drafts = third.values().filter(|u| u.state.is_some()).count();
    assert_eq!(drafts, 12);
    assert_eq!(
        third["preamble-p1"].origin.as_deref(),
        Some("first preamble-p1, same Chinese")
    );
}

#[test]
fn a_reviewed_unit_goes_out_signed_off_and_stays_reviewed_through_po() {
    let dir = seed_copy();
    let root = dir.path();
    let path = translation_path(root, SEED);
    let yaml = std::fs::read_to_string(&path).expect("yaml");
    let reviewed = yaml.replacen(
        "  text: Transform and upgrade the leading industries of advantage\n",
        "  text: Transform and upgrade the leading industries of advantage\n  state: reviewed\n",
        1,
    );
    assert_ne!(reviewed, yaml);
    std::fs::write(&path, &reviewed).expect("write");
    let xliff = gazette()
        .args(["translate", SEED, "--format", "xliff"])
        .root(root)
        .run()
        .stdout_ok();
    assert!(
        xliff.contains(
            "<trans-unit id=\"task-1\" resname=\"task-1\" xml:space=\"preserve\" approved=\"yes\">"
        ),
        "reviewed units are approved"
    );
    assert!(xliff.contains("<target state=\"signed-off\">Transform and upgrade"));
    let po = root.join("policy.po");
    std::fs::write(
        &po,
        gazette()
            .args(["translate", SEED, "--format", "po"])
            .root(root)
            .run()
            .stdout_ok(),
    )
    .expect("write");
    let out = gazette()
        .args(["translate", SEED, "--import", &po.display().to_string()])
        .root(root)
        .run()
        .stdout_ok();
    assert!(out.starts_with("imported 0 English units"), "{out}");
    assert_eq!(std::fs::read_to_string(&path).expect("yaml"), reviewed);
}
