//! The timeline's time axis: timestamps where the paste has them, ages placed on them through
//! one pod (or the Job) that shows both, ages alone on a relative axis.

use super::attempts::{Draft, Raw, When};
use super::clock;
use crate::model::Pod;
use crate::report::{Attempt, Moment};

/// The time axis: timestamps where the paste has them, ages placed on them through one pod
/// (or the Job) that shows both.
pub struct Axis {
    absolute: bool,
    /// The timestamp of "0s ago" when an anchor was found, with its precision.
    now: Option<(i64, u32)>,
    origin: i64,
}

impl Axis {
    pub fn choose(
        pods: &[&Pod],
        created: &[(String, Raw)],
        drafts: &[Draft],
        job: Option<&Raw>,
    ) -> Axis {
        let raws = || drafts.iter().flat_map(|d| d.start.iter().chain(&d.end)).chain(job);
        let absolute = raws().any(|r| matches!(r.when, When::At(_)));
        let now = if absolute { anchor(pods, created, job) } else { None };
        let mut axis = Axis { absolute, now, origin: 0 };
        axis.origin = raws().filter_map(|r| axis.position(r).map(|(p, _)| p)).min().unwrap_or(0);
        axis
    }

    /// A raw time on the axis (before the origin is subtracted), with its precision.
    fn position(&self, raw: &Raw) -> Option<(i64, u32)> {
        match (raw.when, self.absolute, self.now) {
            (When::At(at), true, _) => Some((at, raw.precision)),
            (When::Ago(ago), true, Some((now, p))) => {
                Some((now.saturating_sub(ago), raw.precision.saturating_add(p)))
            }
            (When::Ago(_), true, None) | (When::At(_), false, _) => None,
            (When::Ago(ago), false, _) => Some((-ago, raw.precision)),
        }
    }

    pub fn moment(&self, raw: Raw) -> Option<Moment> {
        let (position, precision) = self.position(&raw)?;
        Some(Moment {
            at: position.saturating_sub(self.origin),
            precision,
            source: raw.source.to_owned(),
            line: raw.line,
            text: raw.text,
        })
    }

    pub fn attempt(&self, draft: Draft) -> Attempt {
        let mut lines = draft.lines;
        lines.extend(draft.start.iter().chain(&draft.end).map(|r| r.line));
        lines.retain(|&l| l > 0);
        lines.sort_unstable();
        lines.dedup();
        Attempt {
            pod: draft.pod,
            container: draft.container,
            run: draft.run,
            start: draft.start.and_then(|r| self.moment(r)),
            end: draft.end.and_then(|r| self.moment(r)),
            outcome: draft.outcome.name().to_owned(),
            exit_code: draft.exit_code,
            reason: draft.reason,
            gap_after: None,
            lines,
        }
    }

    pub fn clock(&self) -> &'static str {
        if self.absolute {
            "absolute"
        } else {
            "relative"
        }
    }

    pub fn origin_text(&self) -> Option<String> {
        self.absolute.then(|| clock::format(self.origin))
    }
}

/// The timestamp of "0s ago": a pod whose creation or start the paste gives both as a
/// timestamp and as an age, else the Job's start and its first `Created pod` event.
fn anchor(pods: &[&Pod], created: &[(String, Raw)], job: Option<&Raw>) -> Option<(i64, u32)> {
    let pair = |at: &Raw, ago: &Raw| match (at.when, ago.when) {
        (When::At(at), When::Ago(ago)) => at.checked_add(ago),
        _ => None,
    };
    for pod in pods {
        let name = pod.name.as_ref().map(|n| n.value.as_str());
        let at = pod.created.as_ref().or(pod.start_time.as_ref()).and_then(Raw::stamp);
        let event = created.iter().find(|(n, _)| Some(n.as_str()) == name).map(|(_, r)| r.clone());
        let ago =
            event.or_else(|| pod.age_column.as_ref().and_then(|a| Raw::age(&a.value, a.line, "")));
        if let (Some(at), Some(ago)) = (at, ago) {
            if let Some(now) = pair(&at, &ago) {
                return Some((now, ago.precision));
            }
        }
    }
    let (job, (_, first)) = (job?, created.first()?);
    pair(job, first).map(|now| (now, first.precision))
}
