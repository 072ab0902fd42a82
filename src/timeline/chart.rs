//! The timeline laid out for drawing, in the units of an SVG `viewBox`: one row per attempt with
//! its bar on a shared time axis, the back-off after it, the Job's deadline and end as vertical
//! marks, and a few ticks. The UI turns this into SVG; the geometry is plain Rust so it is
//! tested natively. Also the one-line wording of an attempt that the CLI and the page share.

use super::clock::short;
use crate::report::{Attempt, Moment, Timeline};

/// The drawing's width; its height follows the number of rows.
pub const WIDTH: f32 = 640.0;
/// Room for the pod names, left of the axis.
pub const LABEL: f32 = 180.0;
const RIGHT: f32 = 16.0;
/// Room above the rows for the marks' labels, and below for the ticks.
const TOP: f32 = 18.0;
const BOTTOM: f32 = 22.0;
pub const ROW: f32 = 24.0;
/// How wide a bar is drawn when its end is not known.
const OPEN: f32 = 8.0;
/// Pod names longer than this are cut, the full name kept for the tooltip.
const MAX_LABEL: usize = 26;

/// The laid-out timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub height: f32,
    pub rows: Vec<Row>,
    pub marks: Vec<Mark>,
    pub ticks: Vec<Tick>,
    /// Where the axis starts and ends, left to right.
    pub axis: (f32, f32),
    /// The bottom of the rows, where the axis line is drawn.
    pub axis_y: f32,
}

/// One attempt's row.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The top of the row.
    pub y: f32,
    pub label: String,
    /// The attempt in words, for the tooltip.
    pub title: String,
    /// `failed`, `succeeded`, ... as in the report.
    pub outcome: String,
    pub bar: Option<Bar>,
    pub gap: Option<Gap>,
}

/// An attempt's span on the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub x: f32,
    pub width: f32,
    /// The end is not known: the bar only marks the start.
    pub open: bool,
    /// The start is known only to a minute or worse (an age).
    pub approx: bool,
}

/// The back-off after an attempt, up to the next one's start.
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    pub x: f32,
    pub width: f32,
    pub label: String,
}

/// A vertical line across the rows: the Job's `deadline` or its `end`.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub kind: &'static str,
    pub x: f32,
    pub label: String,
}

/// A labelled point of the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub x: f32,
    pub label: String,
}

/// Lays `timeline` out.
pub fn layout(timeline: &Timeline) -> Chart {
    let attempts = &timeline.attempts;
    let points = attempts
        .iter()
        .flat_map(|a| a.start.iter().chain(&a.end))
        .chain(&timeline.job_start)
        .chain(&timeline.job_end)
        .map(|m| m.at)
        .chain(timeline.deadline.as_ref().and_then(|d| d.at));
    let (low, high) = points.fold((0, 0), |(lo, hi), at| (lo.min(at), hi.max(at)));
    // Saturating: a deadline of absurd size must not overflow the axis.
    let span = high.saturating_sub(low).max(1) as f32;
    let (left, right) = (LABEL, WIDTH - RIGHT - OPEN);
    let x = |at: i64| left + at.saturating_sub(low) as f32 / span * (right - left);
    let mut rows = Vec::new();
    for (i, attempt) in attempts.iter().enumerate() {
        let y = TOP + i as f32 * ROW;
        let bar = attempt.start.as_ref().map(|start| {
            let end = attempt.end.as_ref().map(|e| x(e.at));
            let from = x(start.at);
            Bar {
                x: from,
                width: end.map_or(OPEN, |end| (end - from).max(2.0)),
                open: end.is_none(),
                approx: start.precision >= 60,
            }
        });
        let gap = match (attempt.gap_after, &attempt.end, attempts.get(i + 1)) {
            (Some(seconds), Some(end), Some(next)) => next.start.as_ref().map(|next| Gap {
                x: x(end.at),
                width: (x(next.at) - x(end.at)).max(0.0),
                label: short(seconds),
            }),
            _ => None,
        };
        rows.push(Row {
            y,
            label: label(attempt),
            title: line(attempt),
            outcome: attempt.outcome.clone(),
            bar,
            gap,
        });
    }
    let axis_y = TOP + attempts.len() as f32 * ROW;
    let mut marks = Vec::new();
    if let Some(d) = &timeline.deadline {
        if let Some(at) = d.at {
            marks.push(Mark {
                kind: "deadline",
                x: x(at),
                label: format!("deadline {}s", d.seconds),
            });
        }
    }
    if let Some(end) = &timeline.job_end {
        marks.push(Mark { kind: "end", x: x(end.at), label: "Job ended".to_owned() });
    }
    let ticks = [low, low.saturating_add(high.saturating_sub(low) / 2), high]
        .into_iter()
        .map(|at| Tick { x: x(at), label: format!("+{}", short(at.saturating_sub(low))) })
        .collect::<Vec<_>>();
    let mut ticks = ticks;
    ticks.dedup_by(|a, b| a.label == b.label);
    Chart { height: axis_y + BOTTOM, rows, marks, ticks, axis: (left, right), axis_y }
}

/// The pod name (cut to fit) and the run.
fn label(attempt: &Attempt) -> String {
    let name = attempt.pod.as_deref().unwrap_or("(a pod)");
    let mut label: String = name.chars().take(MAX_LABEL).collect();
    if name.chars().count() > MAX_LABEL {
        label.push('…');
    }
    if let Some(run) = attempt.run {
        label.push_str(&format!(" #{run}"));
    }
    label
}

/// One attempt in words: `migrate-r5t8w: +32s to +33s, failed, exit 1 (Error); 13s back-off`.
pub fn line(attempt: &Attempt) -> String {
    let mut who = attempt.pod.clone().unwrap_or_else(|| "(a pod)".to_owned());
    if let Some(run) = attempt.run {
        who.push_str(&format!(" run {run}"));
    }
    let when = match (&attempt.start, &attempt.end) {
        (Some(s), Some(e)) => format!("{} to {}", at(s), at(e)),
        (Some(s), None) => format!("from {}", at(s)),
        (None, Some(e)) => format!("until {}", at(e)),
        (None, None) => "time not shown".to_owned(),
    };
    let how = match (attempt.exit_code, attempt.reason.as_deref()) {
        (Some(code), Some(reason)) => format!("{}, exit {code} ({reason})", attempt.outcome),
        (Some(code), None) => format!("{}, exit {code}", attempt.outcome),
        (None, Some(reason)) => format!("{} ({reason})", attempt.outcome),
        (None, None) => attempt.outcome.clone(),
    };
    let gap = attempt.gap_after.map(|g| format!("; {} back-off", short(g))).unwrap_or_default();
    format!("{who}: {when}, {how}{gap}")
}

/// `+1m5s`, with `±1m` when the time is only that precise.
pub fn at(moment: &Moment) -> String {
    let within = match moment.precision {
        0 | 1 => String::new(),
        2..=9 => format!(" ±{}s", moment.precision),
        p => format!(" ±{}", short(i64::from(p))),
    };
    format!("+{}{within}", short(moment.at))
}

/// The totals under the attempts: `2 of 4 failed attempts allowed; activeDeadlineSeconds 300, at
/// +5m`. What is counted is failures (or restarts) against the limit, not every attempt: a Job
/// that completed after 2 failures shows 3 attempts and `2 of 7 failed attempts allowed`.
pub fn totals(timeline: &Timeline) -> String {
    let mut parts = Vec::new();
    if let (Some(used), Some(allowed)) = (timeline.used, timeline.allowed) {
        let what = if timeline.counting == "restarts" { "restarts" } else { "failed attempts" };
        parts.push(format!("{used} of {allowed} {what} allowed"));
    }
    if let Some(d) = &timeline.deadline {
        let at = d.at.map(|a| format!(", at +{}", short(a))).unwrap_or_default();
        parts.push(format!("activeDeadlineSeconds {}{at}", d.seconds));
    }
    if let Some(origin) = &timeline.origin {
        parts.push(format!("times from {origin}"));
    } else if timeline.clock == "relative" {
        parts.push("times relative, from ages".to_owned());
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Deadline;

    fn moment(at: i64, precision: u32) -> Option<Moment> {
        Some(Moment { at, precision, source: String::new(), line: 1, text: String::new() })
    }

    fn attempt(pod: &str, start: Option<Moment>, end: Option<Moment>, gap: Option<i64>) -> Attempt {
        Attempt {
            pod: Some(pod.to_owned()),
            start,
            end,
            outcome: "failed".to_owned(),
            gap_after: gap,
            ..Attempt::default()
        }
    }

    #[test]
    fn bars_gaps_and_the_deadline_share_one_axis() {
        let timeline = Timeline {
            attempts: vec![
                attempt("job-a", moment(0, 1), moment(100, 1), Some(100)),
                attempt("job-b", moment(200, 60), None, None),
            ],
            deadline: Some(Deadline { seconds: 400, at: Some(400), line: 3 }),
            ..Timeline::default()
        };
        let chart = layout(&timeline);
        let (left, right) = chart.axis;
        let scale = (right - left) / 400.0;
        let first = chart.rows[0].bar.as_ref().expect("a bar");
        assert_eq!((first.x, first.width, first.open), (left, 100.0 * scale, false));
        let gap = chart.rows[0].gap.as_ref().expect("a gap");
        assert_eq!(
            (gap.x, gap.width, gap.label.as_str()),
            (left + 100.0 * scale, 100.0 * scale, "100s")
        );
        let second = chart.rows[1].bar.as_ref().expect("a bar");
        assert!(second.open && second.approx, "{second:?}");
        assert_eq!(
            chart.marks,
            [Mark { kind: "deadline", x: right, label: "deadline 400s".into() }]
        );
        let ticks: Vec<&str> = chart.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(ticks, ["+0s", "+3m20s", "+6m40s"]);
        assert_eq!(chart.height, chart.axis_y + BOTTOM);
    }

    #[test]
    fn attempts_without_times_get_a_row_and_no_bar() {
        let long = "a-very-long-pod-name-that-goes-on-and-on-x7k2p";
        let chart = layout(&Timeline {
            attempts: vec![attempt(long, None, None, None)],
            ..Timeline::default()
        });
        assert_eq!(chart.rows[0].bar, None);
        assert_eq!(chart.rows[0].label, "a-very-long-pod-name-that-…");
        assert_eq!(chart.rows[0].title, format!("{long}: time not shown, failed"));
    }
}
