//! The plan's fourth level: `(1)` items under a `1.` task are subtasks,
//! with their own IDs, clauses and paragraphs; a `(1)` anywhere else is a
//! task, as in a plan of three levels.

use super::parse;
use crate::model::{Policy, Task};

/// `一、` chapter / `(一)` section / `1.` task / `(1)` subtask, numbers
/// running on across tasks, the clauses on the subtasks (the shape of a
/// city's 推进方案), then a section whose `(1)` items are tasks.
const FOUR_LEVELS: &str = "数字城市推进方案\n一、主要任务\n（一）推进数字产业化。\n1.打造核心产业高地。\n（1）打造装备产业高地。到2023年，服务器产销量达到100万台。（责任单位：市工业和信息化局、市发展改革委）\n（2）打造软件产业集群。（市科技局牵头，市财政局参与）\n到2023年，建成10个以上软件园区。\n2.建设创新平台。\n（3）突破关键技术。（责任单位：市科技局）\n（二）保障措施。\n（1）加强组织领导。（市政府办公厅负责）\n";

fn task<'p>(p: &'p Policy, title: &str) -> &'p Task {
    p.tasks()
        .find(|t| t.title == title)
        .unwrap_or_else(|| panic!("no task `{title}`"))
}

#[test]
fn bracketed_items_under_a_dotted_task_are_its_subtasks() {
    let p = parse(FOUR_LEVELS).unwrap();
    let tasks: Vec<(&str, &str)> = p
        .tasks()
        .map(|t| (t.id.as_str(), t.title.as_str()))
        .collect();
    // Task numbers repeat (1, 2 under the first section; 1 under the
    // second), so tasks are named by their place.
    assert_eq!(
        tasks,
        [
            ("task-1-1-1", "打造核心产业高地"),
            ("task-1-1-2", "建设创新平台"),
            ("task-1-2-1", "加强组织领导"),
        ]
    );
    let subtasks: Vec<(&str, u32, &str)> = p
        .subtasks()
        .map(|t| (t.id.as_str(), t.number, t.title.as_str()))
        .collect();
    assert_eq!(
        subtasks,
        [
            ("subtask-1", 1, "打造装备产业高地"),
            ("subtask-2", 2, "打造软件产业集群"),
            ("subtask-3", 3, "突破关键技术"),
        ]
    );
    assert_eq!(task(&p, "打造核心产业高地").subtasks.len(), 2);
    assert_eq!(task(&p, "建设创新平台").subtasks.len(), 1);
    assert!(task(&p, "加强组织领导").subtasks.is_empty());
}

#[test]
fn a_subtask_carries_its_clause_body_and_paragraphs() {
    let p = parse(FOUR_LEVELS).unwrap();
    let first = task(&p, "打造核心产业高地");
    assert!(first.clause.is_none(), "the clauses are the subtasks'");
    let [one, two] = first.subtasks.as_slice() else {
        panic!("two subtasks: {:?}", first.subtasks);
    };
    let c = one.clause.as_ref().expect("subtask 1's clause");
    assert!(!c.roles_stated);
    let names: Vec<&str> = c
        .lead
        .iter()
        .chain(&c.participants)
        .map(|d| d.as_str())
        .collect();
    assert_eq!(names, ["市工业和信息化局", "市发展改革委"]);
    let body = one.body.as_ref().expect("subtask 1's body");
    assert_eq!(body.id.as_str(), "subtask-1-p1");
    assert!(
        body.text.ends_with("100万台。"),
        "clause cut: {}",
        body.text
    );
    let c = two.clause.as_ref().expect("subtask 2's clause");
    assert!(c.roles_stated);
    assert_eq!(c.lead[0].as_str(), "市科技局");
    // A paragraph after a subtask is the subtask's.
    let ids: Vec<&str> = two.paragraphs.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["subtask-2-p1"]);
    // Every clause is listed with its item: the subtasks', and the task
    // of the second section (a `(1)` under `(二)` is a task).
    let owners: Vec<&str> = p.clauses().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        owners,
        ["task-1-2-1", "subtask-1", "subtask-2", "subtask-3"]
    );
    // Their paragraphs come in document order, and their targets are
    // named after them.
    let paras: Vec<&str> = p.paragraphs().map(|x| x.id.as_str()).collect();
    assert_eq!(paras, ["subtask-1-p1", "subtask-2-p1"]);
    let anchors: Vec<&str> = p
        .targets
        .iter()
        .filter_map(|t| t.id.as_str().split_once("-target-").map(|(a, _)| a))
        .collect();
    assert_eq!(anchors, ["subtask-1", "subtask-2"]);
}

#[test]
fn subtask_numbers_that_restart_under_each_task_are_named_by_their_place() {
    let p = parse(
        "方案\n一、主要任务\n1.任务甲。\n(1)事项一。(市科技局负责)\n(2)事项二。\n2.任务乙。\n(1)事项三。(市财政局负责)\n",
    )
    .unwrap();
    // Tasks straight under the chapter sit in its untitled section 0.
    let ids: Vec<&str> = p.subtasks().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        ["subtask-1-0-1-1", "subtask-1-0-1-2", "subtask-1-0-2-1"]
    );
    let tasks: Vec<&str> = p.tasks().map(|t| t.id.as_str()).collect();
    assert_eq!(tasks, ["task-1", "task-2"]);
}

#[test]
fn without_dotted_tasks_bracketed_items_stay_tasks() {
    // `(1)` under `(一)`: the plan has three levels.
    let p =
        parse("方案\n一、主要任务\n(一)行动。\n(1)任务甲。(市科技局负责)\n(2)任务乙。\n").unwrap();
    let tasks: Vec<&str> = p.tasks().map(|t| t.id.as_str()).collect();
    assert_eq!(tasks, ["task-1", "task-2"]);
    assert_eq!(p.subtasks().count(), 0);
    // `1.` tasks with no `(1)` under them: no subtasks either.
    let p =
        parse("方案\n一、主要任务\n(一)行动。\n1.任务甲。(市科技局负责)\n2.任务乙。\n").unwrap();
    assert_eq!(p.tasks().count(), 2);
    assert_eq!(p.subtasks().count(), 0);
    // A new section closes the dotted task: its `(1)` is a task again.
    let p =
        parse("方案\n一、主要任务\n(一)行动。\n1.任务甲。\n(二)行动二。\n(1)任务乙。\n").unwrap();
    assert_eq!(p.tasks().count(), 2);
    assert_eq!(p.subtasks().count(), 0);
}

#[test]
fn a_documents_first_listed_rule_reads_subtask_clauses_too() {
    let p = parse(
        "方案\n一、主要任务\n1.任务甲。\n(1)事项一。(市科技局、市财政局负责。列第一位者为牵头单位,下同)\n(2)事项二。(市发改委、市教育局负责)\n",
    )
    .unwrap();
    let leads: Vec<Vec<&str>> = p
        .subtasks()
        .map(|t| {
            let c = t.clause.as_ref().expect("a clause");
            c.lead.iter().map(|d| d.as_str()).collect()
        })
        .collect();
    assert_eq!(leads, [vec!["市科技局"], vec!["市发改委"]]);
}
