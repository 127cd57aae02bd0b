//! The Atom feeds carry an entry per policy and one per change recorded in
//! `content/changelog.yaml`, the newest 100 of them; a change moves its
//! policy's `updated` date.

use crate::common;

use common::{build, seed_copy};

#[test]
fn a_recorded_change_is_a_feed_entry_and_updates_its_policy() {
    let portal = seed_copy();
    let log = "- date: \"2027-03-01\"\n  policy: 000_8f98049102453562\n  zh: 更正第12行译文。\n  en: Corrected the translation of row 12.\n";
    std::fs::write(portal.path().join("content/changelog.yaml"), log).expect("write changelog");
    let site = build(portal.path(), None);
    let en = site.page("en/feed.xml");
    assert_eq!(en.matches("<entry>").count(), 2, "{en}");
    assert!(
        en.contains("Corrected the translation of row 12.</title>")
            || en.contains(": Corrected the translation of row 12.</title>")
    );
    assert!(en.contains(
        "<id>https://example.gov.cn/en/policies/innovation-capital-2017-2020/#change-1</id>"
    ));
    assert!(
        en.contains("<updated>2027-03-01T00:00:00Z</updated>"),
        "the feed and policy are updated"
    );
    let policy_entry = en
        .split("<entry>")
        .find(|e| e.contains("innovation-capital-2017-2020/</id>"))
        .expect("the policy's own entry");
    assert!(
        policy_entry.contains("<updated>2027-03-01T00:00:00Z</updated>"),
        "the policy's entry is updated by its change: {policy_entry}"
    );
    let zh = site.page("zh/feed.xml");
    assert!(zh.contains("更正第12行译文。"));
    // The change note is the site's writing: credited to the site, not to
    // the offices that issued the policy.
    let change = en
        .split("<entry>")
        .find(|e| e.contains("#change-1</id>"))
        .expect("the change's entry");
    let site_title = "Nantong Innovation Capital Policy Portal";
    assert!(
        change.contains(&format!("<author><name>{site_title}</name></author>")),
        "{change}"
    );
    assert!(
        !policy_entry.contains(&format!("<name>{site_title}</name>")),
        "{policy_entry}"
    );
}

#[test]
fn a_malformed_change_date_is_an_error_naming_the_file() {
    let portal = seed_copy();
    let log = "- date: \"March 2027\"\n  policy: 000_8f98049102453562\n  zh: x\n  en: x\n";
    std::fs::write(portal.path().join("content/changelog.yaml"), log).expect("write changelog");
    let err =
        gazette::build(&gazette::BuildOptions::new(portal.path())).expect_err("bad date fails");
    let msg = err.to_string();
    assert!(
        msg.contains("changelog.yaml") && msg.contains("March 2027"),
        "{msg}"
    );
}

#[test]
fn a_feed_holds_the_newest_hundred_entries() {
    let portal = seed_copy();
    // 120 changes, one a day from 2027-01-01: with the policy's own
    // entry (updated by the last change, so among the newest), 121
    // entries, of which the 100 newest are kept: the policy and changes
    // 119 down to 21.
    let day = |n: u32| {
        let (month, day) = match n {
            0..=30 => (1, n + 1),
            31..=58 => (2, n - 30),
            59..=89 => (3, n - 58),
            _ => (4, n - 89),
        };
        format!("2027-{month:02}-{day:02}")
    };
    let log: String = (0..120)
        .map(|n| {
            format!(
                "- date: \"{}\"\n  policy: 000_8f98049102453562\n  zh: 第{n}次更正。\n  en: Correction {n}.\n",
                day(n)
            )
        })
        .collect();
    std::fs::write(portal.path().join("content/changelog.yaml"), log).expect("write changelog");
    let site = build(portal.path(), None);
    let en = site.page("en/feed.xml");
    assert_eq!(en.matches("<entry>").count(), 100, "{en}");
    assert!(en.contains("Correction 119.</title>"), "the newest is kept");
    assert!(
        en.contains("Correction 21.</title>"),
        "the 100th newest is kept"
    );
    assert!(!en.contains("Correction 20.</title>"), "older ones are not");
    let first = en.find("Correction 119.").expect("newest");
    let later = en.find("Correction 118.").expect("next");
    assert!(first < later, "newest first");
    // The policy's own entry is updated by its last change, so it stays.
    assert!(en.contains("innovation-capital-2017-2020/</id>"));
}
