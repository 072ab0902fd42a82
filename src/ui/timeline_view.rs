//! The Job's attempts: the story in one sentence, the attempts drawn as bars on a time axis
//! (back-off gaps and the deadline visible), and the same attempts as a list of lines.

use std::rc::Rc;

use yew::prelude::*;

use crate::report::Report;
use crate::timeline::chart::{self, Chart, Row, LABEL, ROW, WIDTH};

/// The report whose timeline to draw.
#[derive(Properties, PartialEq)]
pub struct TimelineViewProps {
    pub report: Rc<Report>,
}

/// `<section class="timeline">`: summary, `<svg class="timeline-chart">`, `<ol>` of attempts.
#[function_component]
pub fn TimelineView(props: &TimelineViewProps) -> Html {
    let Some(timeline) = &props.report.timeline else {
        return Html::default();
    };

    let chart = chart::layout(timeline);
    let totals = chart::totals(timeline);
    let items = timeline.attempts.iter().map(|attempt| {
        html! { <li data-outcome={attempt.outcome.clone()}>{chart::line(attempt)}</li> }
    });

    html! {
        <section class="timeline" aria-label="Attempts">
            <h2 class="timeline-title">{"Attempts"}</h2>
            <p class="timeline-summary">{timeline.summary.clone()}</p>
            {svg(&chart, &timeline.summary)}
            <ol class="timeline-attempts">{for items}</ol>
            if !totals.is_empty() {
                <p class="timeline-totals">{totals}</p>
            }
        </section>
    }
}

/// A number for an SVG attribute, to a tenth, written with integers: formatting floats would add
/// their code to the wasm for nothing.
fn n(value: f32) -> String {
    let tenths = (value * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    format!("{sign}{}.{}", tenths.abs() / 10, tenths.abs() % 10)
}

fn svg(chart: &Chart, summary: &str) -> Html {
    let view_box = format!("0 0 {} {}", n(WIDTH), n(chart.height));
    let marks = chart.marks.iter().map(|mark| {
        html! {
            <g class={classes!("timeline-mark", format!("timeline-mark-{}", mark.kind))}
                data-kind={mark.kind}>
                <line x1={n(mark.x)} x2={n(mark.x)} y1="12" y2={n(chart.axis_y)} />
                <text class="timeline-mark-label" x={n(mark.x)} y="10" text-anchor="end">
                    {mark.label.clone()}
                </text>
            </g>
        }
    });
    let rows = chart.rows.iter().map(row);
    let ticks = chart.ticks.iter().map(|tick| {
        html! {
            <text class="timeline-tick" x={n(tick.x)} y={n(chart.axis_y + 15.0)}
                text-anchor="middle">{tick.label.clone()}</text>
        }
    });
    let (left, right) = chart.axis;
    html! {
        <svg class="timeline-chart" viewBox={view_box} role="img" aria-label={summary.to_owned()}>
            {for rows}
            <line class="timeline-axis" x1={n(left)} x2={n(right)} y1={n(chart.axis_y)}
                y2={n(chart.axis_y)} />
            {for ticks}
            {for marks}
        </svg>
    }
}

fn row(row: &Row) -> Html {
    let middle = row.y + ROW / 2.0;
    let bar = row.bar.as_ref().map(|bar| {
        let class = classes!(
            "timeline-bar",
            format!("timeline-bar-{}", row.outcome),
            bar.open.then_some("timeline-bar-open"),
            bar.approx.then_some("timeline-bar-approx"),
        );
        html! {
            <rect {class} x={n(bar.x)} y={n(row.y + 5.0)} width={n(bar.width)}
                height={n(ROW - 10.0)} rx="2">
                <title>{row.title.clone()}</title>
            </rect>
        }
    });
    let gap = row.gap.as_ref().map(|gap| {
        html! {
            <g class="timeline-gap">
                <line x1={n(gap.x)} x2={n(gap.x + gap.width)} y1={n(middle)} y2={n(middle)} />
                <text class="timeline-gap-label" x={n(gap.x + gap.width / 2.0)} y={n(row.y + 6.0)}
                    text-anchor="middle">{gap.label.clone()}</text>
            </g>
        }
    });
    html! {
        <g class="timeline-row" data-outcome={row.outcome.clone()}>
            <text class="timeline-label" x={n(LABEL - 8.0)} y={n(middle + 4.0)} text-anchor="end">
                {row.label.clone()}
                <title>{row.title.clone()}</title>
            </text>
            {for bar}
            {for gap}
        </g>
    }
}
