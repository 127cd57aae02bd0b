//! Progress on indicator pages from `content/data/observations.csv`: the
//! status, the chart and table, the status facets and the embed card. These
//! tests replace the seed's observations with fixture series in a copy.

use crate::common;

use common::seed_copy;
use std::path::{Path, PathBuf};

/// Writes `content/data/observations.csv` into `portal`; gives its path.
fn set_observations(portal: &Path, csv: &str) -> PathBuf {
    let data = portal.join("content/data");
    std::fs::create_dir_all(&data).expect("mkdir");
    let file = data.join("observations.csv");
    std::fs::write(&file, csv).expect("write csv");
    file
}

fn build_with_observations(csv: &str) -> Result<(tempfile::TempDir, PathBuf), gazette::BuildError> {
    let portal = seed_copy();
    set_observations(portal.path(), csv);
    let out = portal.path().join("public");
    gazette::build(&gazette::BuildOptions::new(portal.path()))?;
    Ok((portal, out))
}

const SERIES: &str = "target,year,value,source,note,status
rd-spending-share-of-gdp,2016,2.0,Statistical bulletin 2016,,
rd-spending-share-of-gdp,2018,2.4,Statistical bulletin 2018,provisional,
technology-incubators,2016,30,Science bureau,,
technology-incubators,2018,31,Science bureau,,
key-laboratories,2016,5,Science bureau,,
key-laboratories,2018,4,Science bureau,,deteriorating
";

#[test]
fn an_indicator_with_observations_shows_status_chart_and_table() {
    let (_portal, out) = build_with_observations(SERIES).expect("build");
    let html = std::fs::read_to_string(out.join("en/targets/rd-spending-share-of-gdp/index.html"))
        .expect("page");
    assert!(
        html.contains("status-on_track"),
        "2.0 → 2.4 in two years is on track for 2.8 by 2020"
    );
    assert!(html.contains("<svg viewBox="), "an inline SVG chart");
    assert!(html.contains("<polyline class=\"series\""));
    assert!(html.contains("class=\"goal\""), "the target line");
    assert!(html.contains("<th scope=\"row\">2018</th><td>2.4</td><td>Statistical bulletin 2018</td><td>provisional</td>"));
    assert!(html.contains("as of 2018"), "the page says as of when");
    let zh = std::fs::read_to_string(out.join("zh/targets/technology-incubators/index.html"))
        .expect("page");
    assert!(
        zh.contains("status-limited_progress"),
        "30 → 31 against 50 is limited progress"
    );
    let manual =
        std::fs::read_to_string(out.join("en/targets/key-laboratories/index.html")).expect("page");
    assert!(
        manual.contains("status-deteriorating") && manual.contains("set by the data publisher")
    );
}

#[test]
fn a_target_without_observations_says_no_data() {
    let (_portal, out) = build_with_observations(SERIES).expect("build");
    let html = std::fs::read_to_string(out.join("en/targets/high-tech-enterprises/index.html"))
        .expect("page");
    assert!(html.contains("status-no_data"));
    assert!(html.contains("No progress data published."));
    assert!(!html.contains("<svg"));
}

#[test]
fn the_target_index_can_be_filtered_by_status_and_department_without_javascript() {
    let (_portal, out) = build_with_observations(SERIES).expect("build");
    let on_track = std::fs::read_to_string(out.join("en/targets/status/on-track/index.html"))
        .expect("facet page");
    assert!(on_track.contains("/en/targets/rd-spending-share-of-gdp/"));
    assert!(!on_track.contains("/en/targets/technology-incubators/\""));
    let index = std::fs::read_to_string(out.join("en/targets/index.html")).expect("index");
    assert!(index.contains("/en/targets/status/limited-progress/"));
    let by_dept =
        std::fs::read_to_string(out.join("zh/targets/department/intellectual-property/index.html"))
            .expect("department facet");
    assert!(
        by_dept.contains("/zh/targets/works-registered/"),
        "作品登记量 is led by 市知识产权局"
    );
    assert!(!by_dept.contains("/zh/targets/high-tech-enterprises/\""));
}

#[test]
fn each_target_has_an_embeddable_card_without_site_chrome() {
    let (_portal, out) = build_with_observations(SERIES).expect("build");
    let card =
        std::fs::read_to_string(out.join("en/targets/rd-spending-share-of-gdp/embed/index.html"))
            .expect("embed");
    assert!(card.contains("at least 2.8%"));
    assert!(card.contains("2020"));
    assert!(card.contains("On track"));
    assert!(card.contains("href=\"https://example.gov.cn/en/targets/rd-spending-share-of-gdp/\""));
    assert!(!card.contains("site-header") && !card.contains("<nav"));
}

#[test]
fn an_observation_for_an_unknown_target_fails_the_build_naming_the_line() {
    let err = build_with_observations(
        "target,year,value,source,note,status\nno-such-target,2018,1,x,,\n",
    )
    .expect_err("unknown slug fails");
    let msg = err.to_string();
    assert!(msg.contains("content/data/observations.csv:2"), "{msg}");
    assert!(msg.contains("no-such-target"), "{msg}");
}

#[test]
fn a_malformed_observation_row_is_an_error_naming_the_file_and_line() {
    let err = build_with_observations(
        "target,year,value,source,note,status\nrd-spending-share-of-gdp,twenty,1,x,,\n",
    )
    .expect_err("bad year fails");
    let msg = err.to_string();
    assert!(msg.contains("observations.csv:2: column `year`"), "{msg}");
}

#[test]
fn facet_urls_stay_published_when_progress_data_comes_and_goes() {
    let portal = seed_copy();
    let csv = set_observations(portal.path(), SERIES);
    let build = || {
        common::build_with(portal.path(), |o| {
            o.search = false;
            o.update_lock = true;
        })
    };
    build();
    let lock = std::fs::read_to_string(portal.path().join("content/urls.lock")).expect("lock");
    assert!(lock.contains("/en/targets/status/on-track/"), "locked");

    // Without the data no target is on track, yet the locked URL still
    // serves a page, which says so (`build` panics on the lock's error).
    std::fs::remove_file(&csv).expect("remove csv");
    let site = build();
    let on_track = site.page("en/targets/status/on-track/index.html");
    assert!(on_track.contains("<p>None</p>"), "says there is none");
    assert!(!on_track.contains("/en/targets/rd-spending-share-of-gdp/\""));
    assert!(on_track.contains("noindex"));
    // The filter lists only facets that hold targets.
    let index = site.page("en/targets/index.html");
    assert!(!index.contains("/en/targets/status/on-track/"));
}
