//! Unit tests of [`super::resolve`]: where locked anchors land when items
//! come, go and move.

use super::*;

fn items(list: &[(&str, &str)]) -> Vec<(ItemId, String)> {
    list.iter()
        .map(|(id, fp)| (ItemId::from(*id), (*fp).to_owned()))
        .collect()
}

fn map(list: &[(&str, &str)]) -> BTreeMap<String, String> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn an_unchanged_page_keeps_every_id() {
    let page = items(&[("task-1-p1", "a"), ("task-1-p2", "b")]);
    let locked = map(&[("task-1-p1", "a"), ("task-1-p2", "b")]);
    let Resolved { anchors, gone, .. } = resolve(&page, &locked, &BTreeMap::new());
    assert_eq!(anchors, Anchors::default());
    assert!(gone.is_empty());
}

#[test]
fn an_inserted_sibling_leaves_locked_anchors_on_their_text() {
    // `n` was inserted first: the old p1 (`a`) is now p2, the old p2 (`b`) p3.
    let page = items(&[("task-1-p1", "n"), ("task-1-p2", "a"), ("task-1-p3", "b")]);
    let locked = map(&[("task-1-p1", "a"), ("task-1-p2", "b"), ("p-7", "b")]);
    let Resolved { anchors, gone, .. } = resolve(&page, &locked, &BTreeMap::new());
    assert!(gone.is_empty());
    let id = |s: &str| ItemId::from(s);
    // The new paragraph gets a number nobody published.
    assert_eq!(anchors.id_of(&id("task-1-p1")), "task-1-p4");
    assert_eq!(anchors.id_of(&id("task-1-p2")), "task-1-p1");
    assert_eq!(anchors.id_of(&id("task-1-p3")), "task-1-p2");
    assert_eq!(anchors.aliases_of(&id("task-1-p3")), ["p-7"]);
    assert!(anchors.aliases_of(&id("task-1-p2")).is_empty());
}

#[test]
fn a_deleted_text_is_gone_unless_redirected() {
    let page = items(&[("task-1-p1", "b")]);
    let locked = map(&[("task-1-p1", "a"), ("task-1-p2", "b")]);
    let gone = resolve(&page, &locked, &BTreeMap::new()).gone;
    assert_eq!(gone, ["task-1-p1"]);
    // Redirected to the paragraph that replaced it: `task-1-p1` is shown
    // for `b`, whose locked ID is `task-1-p2`.
    let moved = map(&[("task-1-p1", "task-1-p1")]);
    let Resolved { anchors, gone, .. } = resolve(&page, &locked, &moved);
    assert!(gone.is_empty());
    assert_eq!(anchors.id_of(&ItemId::from("task-1-p1")), "task-1-p1");
    assert_eq!(
        anchors.aliases_of(&ItemId::from("task-1-p1")),
        ["task-1-p2"]
    );
}

#[test]
fn a_renumbered_task_keeps_its_old_anchor() {
    let page = items(&[("task-1", "new"), ("task-2", "old")]);
    let locked = map(&[("task-1", "old")]);
    let Resolved { anchors, gone, .. } = resolve(&page, &locked, &BTreeMap::new());
    assert!(gone.is_empty());
    assert_eq!(anchors.id_of(&ItemId::from("task-1")), "task-1-2");
    assert_eq!(anchors.aliases_of(&ItemId::from("task-2")), ["task-1"]);
}

#[test]
fn a_text_reworded_in_place_keeps_its_anchors() {
    // `a` was reworded to `a2`; `p-1` was published for `a` too.
    let page = items(&[("task-1-p1", "a2"), ("task-1-p2", "b")]);
    let locked = map(&[("task-1-p1", "a"), ("task-1-p2", "b"), ("p-1", "a")]);
    let r = resolve(&page, &locked, &BTreeMap::new());
    assert!(r.gone.is_empty());
    assert_eq!(r.reworded, ["task-1-p1", "p-1"]);
    assert_eq!(r.anchors.id_of(&ItemId::from("task-1-p1")), "task-1-p1");
    assert_eq!(r.anchors.aliases_of(&ItemId::from("task-1-p1")), ["p-1"]);
}

#[test]
fn a_deleted_text_does_not_pass_for_its_reworded_neighbour() {
    // `a` deleted: its ID now holds `b`, which `task-1-p2` was published with.
    let page = items(&[("task-1-p1", "b")]);
    let locked = map(&[("task-1-p1", "a"), ("task-1-p2", "b")]);
    let r = resolve(&page, &locked, &BTreeMap::new());
    assert_eq!(r.gone, ["task-1-p1"]);
    assert!(r.reworded.is_empty());
}
