//! The progress section of an indicator page: status, how it was decided,
//! the observations as a table, and the coordinates of an inline SVG chart
//! (baseline, observations, target line) that the template draws.

use super::Renderer;
use crate::link::progress::{Method, Progress};
use crate::model::{Lang, Target};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct ProgressView {
    pub status: &'static str,
    pub status_label: String,
    /// How the status was decided, in words.
    pub method: String,
    pub as_of: Option<u16>,
    pub rows: Vec<ObservationRow>,
    pub chart: Option<ChartView>,
}

#[derive(Debug, Serialize)]
pub struct ObservationRow {
    pub year: u16,
    pub value: String,
    /// The source as written, or the host of a source given as a URL.
    pub source: String,
    /// The source, when it is a web address (`https://…`).
    pub source_url: Option<String>,
    /// Runs, so a note quoting the Chinese source is marked as Chinese.
    pub note: super::text::Label,
    /// The first of two or more observations: what growth is measured from.
    pub baseline: bool,
}

/// Everything positioned; the template only draws.
#[derive(Debug, Serialize)]
pub struct ChartView {
    pub width: u32,
    pub height: u32,
    /// `x,y x,y …` for a polyline.
    pub line: String,
    pub points: Vec<ChartPoint>,
    pub target_y: f64,
    pub target_x: f64,
    pub target_label: String,
    pub x_ticks: Vec<ChartTick>,
    pub y_ticks: Vec<ChartTick>,
    pub left: f64,
    pub right: f64,
    pub bottom: f64,
    pub top: f64,
}

#[derive(Debug, Serialize)]
pub struct ChartPoint {
    pub x: f64,
    pub y: f64,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct ChartTick {
    pub at: f64,
    pub label: String,
}

const WIDTH: u32 = 600;
const HEIGHT: u32 = 260;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 584.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 228.0;

impl Renderer<'_> {
    /// `commitment` labels the target's line on the chart.
    pub(super) fn progress(
        &self,
        lang: Lang,
        target: &Target,
        commitment: &str,
        p: &Progress,
    ) -> ProgressView {
        let status = p.status.key();
        ProgressView {
            status,
            status_label: self.t(lang, &format!("status_{status}")),
            method: self.method_words(lang, p),
            as_of: p.as_of,
            rows: p
                .observations
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    let url = web_address(&o.source);
                    ObservationRow {
                        year: o.year,
                        value: trim(o.value),
                        source: url.and_then(host).unwrap_or(&o.source).to_owned(),
                        source_url: url.map(str::to_owned),
                        note: super::text::Label::runs(&o.note),
                        baseline: i == 0 && p.observations.len() > 1,
                    }
                })
                .collect(),
            chart: chart(target, p, commitment),
        }
    }

    fn method_words(&self, lang: Lang, p: &Progress) -> String {
        let as_of = p.as_of.map(|y| y.to_string()).unwrap_or_default();
        match &p.method {
            Method::None => self.t(lang, "method_none"),
            Method::Manual => self.t(lang, "method_manual").replace("{year}", &as_of),
            Method::Met => self.t(lang, "method_met").replace("{year}", &as_of),
            Method::Growth {
                observed,
                required,
                ratio,
            } => self
                .t(lang, "method_growth")
                .replace("{observed}", &percent(*observed))
                .replace("{required}", &percent(*required))
                .replace("{ratio}", &format!("{:.0}%", ratio * 100.0))
                .replace("{year}", &as_of),
        }
    }
}

/// The source itself when it is one web address (`http://`, `https://`).
fn web_address(source: &str) -> Option<&str> {
    let rest = source
        .strip_prefix("https://")
        .or_else(|| source.strip_prefix("http://"))?;
    (!rest.is_empty() && !source.contains(char::is_whitespace)).then_some(source)
}

/// `tjj.nantong.gov.cn` of `http://tjj.nantong.gov.cn/…`.
fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    rest.split(['/', '?', '#']).next().filter(|h| !h.is_empty())
}

fn chart(target: &Target, p: &Progress, target_label: &str) -> Option<ChartView> {
    let first = p.observations.first()?;
    let last = p.observations.last()?;
    let goal = target.value.max.unwrap_or(target.value.value);
    let x0 = f64::from(first.year);
    let x1 = f64::from(target.deadline.unwrap_or(last.year).max(last.year)).max(x0 + 1.0);
    let top_value = p.observations.iter().map(|o| o.value).fold(goal, f64::max) * 1.1;
    let x = |year: f64| LEFT + (year - x0) / (x1 - x0) * (RIGHT - LEFT);
    let y = |v: f64| BOTTOM - (v.max(0.0) / top_value) * (BOTTOM - TOP);
    let points: Vec<ChartPoint> = p
        .observations
        .iter()
        .map(|o| ChartPoint {
            x: round(x(f64::from(o.year))),
            y: round(y(o.value)),
            label: format!("{}: {}", o.year, trim(o.value)),
        })
        .collect();
    let line = points
        .iter()
        .map(|pt| format!("{},{}", pt.x, pt.y))
        .collect::<Vec<_>>()
        .join(" ");
    let years = (x0 as u16..=x1 as u16).collect::<Vec<_>>();
    let step = years.len().div_ceil(8).max(1);
    Some(ChartView {
        width: WIDTH,
        height: HEIGHT,
        line,
        points,
        target_y: round(y(goal)),
        target_x: round(x(x1)),
        target_label: target_label.to_owned(),
        x_ticks: years
            .iter()
            .step_by(step)
            .map(|&yr| ChartTick {
                at: round(x(f64::from(yr))),
                label: yr.to_string(),
            })
            .collect(),
        y_ticks: (0..=4)
            .map(|i| {
                let v = top_value * f64::from(i) / 4.0;
                ChartTick {
                    at: round(y(v)),
                    label: trim(v),
                }
            })
            .collect(),
        left: LEFT,
        right: RIGHT,
        bottom: BOTTOM,
        top: TOP,
    })
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn percent(rate: f64) -> String {
    format!("{:.1}%", rate * 100.0)
}
