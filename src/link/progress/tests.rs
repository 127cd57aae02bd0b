use super::*;
use crate::model::{ItemId, TargetValue};

fn target(value: f64, comparator: Comparator) -> Target {
    Target {
        id: ItemId::from("target-1"),
        metric: "研发投入占比".into(),
        value: TargetValue {
            written: value.to_string(),
            value,
            max: None,
        },
        unit: "%".into(),
        unit_base: "%".into(),
        value_scaled: value,
        max_scaled: None,
        comparator,
        kind: crate::model::Kind::Share,
        deadline: Some(2020),
        deadline_source: Some(crate::model::DeadlineSource::Stated),
        per_year: false,
        mentions: Vec::new(),
    }
}

fn series(points: &[(u16, f64)]) -> Vec<Observation> {
    points
        .iter()
        .map(|&(year, value)| Observation {
            target: "t".into(),
            year,
            value,
            source: String::new(),
            note: String::new(),
            status: String::new(),
            line: 0,
        })
        .collect()
}

fn status_of(points: &[(u16, f64)]) -> Status {
    assess(&target(2.8, Comparator::AtLeast), series(points)).status
}

#[test]
fn each_status_follows_the_ratio_of_observed_to_required_growth() {
    // Needed: 2.0 → 2.8 over 2016–2020, about 8.8% a year.
    assert_eq!(status_of(&[(2016, 2.0), (2019, 2.9)]), Status::Achieved);
    assert_eq!(status_of(&[(2016, 2.0), (2018, 2.4)]), Status::OnTrack);
    assert_eq!(
        status_of(&[(2016, 2.0), (2018, 2.27)]),
        Status::NeedsAcceleration
    );
    assert_eq!(
        status_of(&[(2016, 2.0), (2018, 2.1)]),
        Status::LimitedProgress
    );
    assert_eq!(
        status_of(&[(2016, 2.0), (2018, 1.9)]),
        Status::Deteriorating
    );
    assert_eq!(status_of(&[]), Status::NoData);
    assert_eq!(
        status_of(&[(2017, 2.0)]),
        Status::NoData,
        "one point shows no trend"
    );
}

#[test]
fn a_manual_status_wins_and_says_so() {
    let mut obs = series(&[(2016, 2.0), (2018, 1.9)]);
    obs[1].status = "on_track".into();
    let p = assess(&target(2.8, Comparator::AtLeast), obs);
    assert_eq!(p.status, Status::OnTrack);
    assert_eq!(p.method, Method::Manual);
    assert_eq!(p.as_of, Some(2018));
}

#[test]
fn more_than_needs_the_value_exceeded() {
    let p = assess(
        &target(550.0, Comparator::MoreThan),
        series(&[(2016, 400.0), (2019, 550.0)]),
    );
    assert_ne!(p.status, Status::Achieved);
}
