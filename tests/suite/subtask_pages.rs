//! A plan of four levels (`一、` / `(一)` / `1.` / `(1)`), built from the
//! fixture `tests/fixtures/levels/portal`: the `(1)` subtasks are shown
//! with their own anchors on the Chinese and English pages, and their
//! clauses count for departments and targets as a task's clause does.

use crate::common::{build_with, fixture, html, Built};
use std::sync::OnceLock;

fn built() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| build_with(&fixture("levels/portal"), |o| o.search = false))
}

/// The text of every element of `html` that `css` selects, trimmed.
fn texts(html: &str, css: &str) -> Vec<String> {
    html::texts(html, css)
        .iter()
        .map(|t| t.trim().to_owned())
        .collect()
}

fn links(html: &str, css: &str) -> Vec<String> {
    html::attrs(html, css, "href")
}

fn ids(html: &str, css: &str) -> Vec<String> {
    html::attrs(html, css, "id")
}

#[test]
fn subtasks_are_anchored_under_their_task_on_both_pages() {
    let site = built();
    for lang in ["zh", "en"] {
        let page = site.page(&format!("{lang}/policies/four-levels/index.html"));
        assert_eq!(
            ids(&page, "section.task > section.subtask"),
            ["subtask-1", "subtask-2", "subtask-3"],
            "{lang}: each subtask inside its task"
        );
        assert_eq!(
            ids(&page, "section#task-1 > section.subtask"),
            ["subtask-1", "subtask-2"],
            "{lang}"
        );
        assert_eq!(
            ids(&page, "section.subtask > h6"),
            ["subtask-1-h", "subtask-2-h", "subtask-3-h"],
            "{lang}: a heading a level below the task's"
        );
        assert_eq!(
            links(&page, "section.subtask > h6 > a.anchor"),
            ["#subtask-1", "#subtask-2", "#subtask-3"],
            "{lang}"
        );
        // The subtask's text, anchored paragraph by paragraph.
        assert_eq!(
            ids(&page, "section#subtask-1 > p[id]"),
            ["subtask-1-p1"],
            "{lang}"
        );
        // Its clause, with the departments linked.
        assert_eq!(
            links(&page, "section#subtask-2 > p.clause a"),
            [
                format!("/{lang}/departments/science-technology/"),
                format!("/{lang}/departments/finance/"),
            ],
            "{lang}"
        );
    }
    let zh = site.page("zh/policies/four-levels/index.html");
    assert_eq!(texts(&zh, "#subtask-1-h")[0], "(1) 打造软件产业集群 §");
    let en = site.page("en/policies/four-levels/index.html");
    assert_eq!(
        texts(&en, "#subtask-1-h")[0],
        "(1) Build software industry clusters §"
    );
}

#[test]
fn a_department_page_lists_the_subtask_its_clause_names() {
    let site = built();
    for lang in ["zh", "en"] {
        let page = site.page(&format!("{lang}/departments/industry/index.html"));
        assert_eq!(
            links(&page, "ol.duties p.duty-source a"),
            [format!("/{lang}/policies/four-levels/#subtask-1")],
            "{lang}: the duty links to the subtask's anchor"
        );
        // Quoted from the subtask's own text, with the target it states.
        let quoted = texts(&page, "ol.duties blockquote.duty-text");
        assert_eq!(quoted.len(), 1, "{lang}: {quoted:?}");
        assert_eq!(
            links(&page, "ol.duties ul.duty-targets a"),
            [format!("/{lang}/targets/software-parks/")],
            "{lang}"
        );
    }
    let en = site.page("en/departments/industry/index.html");
    assert_eq!(
        texts(&en, "ol.duties p.duty-source a"),
        ["Item (1): Build software industry clusters"]
    );
    let zh = site.page("zh/departments/industry/index.html");
    assert!(
        texts(&zh, "ol.duties blockquote.duty-text")[0].contains("建成10个软件园区"),
        "the Chinese duty is the subtask's text"
    );
}

#[test]
fn a_subtask_without_a_clause_answers_to_its_tasks() {
    let site = built();
    let page = site.page("en/departments/development-reform/index.html");
    assert_eq!(
        links(&page, "ol.duties p.duty-source a"),
        ["/en/policies/four-levels/#task-2"]
    );
    assert_eq!(
        links(&page, "ul.covered-tasks a"),
        ["/en/policies/four-levels/#subtask-3"]
    );
    assert!(texts(&page, "p.covered")[0].contains("this task's"));
}

#[test]
fn a_target_stated_in_a_subtask_answers_to_its_clause() {
    let site = built();
    let page = site.page("en/targets/software-parks/index.html");
    let sources = texts(&page, "ul.responsible small a");
    assert_eq!(
        sources,
        [
            "from the responsibility clause of Item (1): Build software industry clusters",
            "from the responsibility clause of Item (1): Build software industry clusters",
        ]
    );
    assert_eq!(
        links(&page, "ul.responsible > li > a"),
        [
            "/en/departments/industry/",
            "/en/departments/science-technology/"
        ]
    );
    assert_eq!(
        links(&page, "ol.mentions a"),
        ["/en/policies/four-levels/#subtask-1-p1"]
    );
}
