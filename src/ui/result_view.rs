//! The analysis result: what was recognised, the headline, the attempts, the findings, what to
//! run next and the manifest lint.

use std::rc::Rc;

use yew::prelude::*;

use crate::cause::Cause;
use crate::report::Report;
use crate::ui::finding_card::FindingCard;
use crate::ui::paste_box::size;
use crate::ui::timeline_view::TimelineView;
use crate::ui::{lint_list, next_steps};

/// The report of the current paste; `None` while the paste is empty or waits to be analysed.
#[derive(Properties, PartialEq)]
pub struct ResultViewProps {
    pub report: Option<Rc<Report>>,
    /// The paste came back after a crash and has not been analysed again.
    pub restored: bool,
    /// The size in bytes of the paste the engine is reading, when the page should say so.
    pub reading: Option<usize>,
    /// Why the engine could not read the paste, when it could not.
    pub failed: Option<Rc<str>>,
    pub on_reanalyze: Callback<()>,
}

/// `<section id="result">`: a hint while empty, else the report in reading order.
#[function_component]
pub fn ResultView(props: &ResultViewProps) -> Html {
    if props.restored {
        let on_click = props.on_reanalyze.reform(|_: MouseEvent| ());
        return html! {
            <section id="result" class="result result-empty" aria-label="Result">
                <div class="result-restored" role="status">
                    <p class="result-restored-text">
                        {"kubetriage stopped on a bug; your paste is back in the box. If this \
                          paste caused it, analysing it again may stop the page again."}
                    </p>
                    <button type="button" class="result-restored-button" onclick={on_click}>
                        {"Analyze it again"}
                    </button>
                </div>
            </section>
        };
    }
    if let Some(why) = &props.failed {
        return html! {
            <section id="result" class="result result-empty" aria-label="Result">
                <p class="result-failed" role="alert">{why.to_string()}</p>
            </section>
        };
    }
    if let Some(bytes) = props.reading {
        return html! {
            <section id="result" class="result result-empty" aria-label="Result" aria-busy="true">
                <p class="result-pending" role="status">
                    <span class="result-pending-spinner" aria-hidden="true"></span>
                    {format!("Reading {} of paste…", size(bytes))}
                </p>
            </section>
        };
    }
    let Some(report) = &props.report else {
        return html! {
            <section id="result" class="result result-empty" aria-label="Result">
                <p class="result-hint">
                    {"Paste what kubectl shows for the failed Job: "}
                    <code>{"kubectl describe job"}</code>{", "}<code>{"kubectl get pods"}</code>
                    {", pod logs or the manifest, in any mix. Or try an example. Nothing leaves \
                      your browser."}
                </p>
            </section>
        };
    };

    let unknown = report.top_cause() == Cause::Unknown;
    let findings = (0..report.findings.len()).map(|index| {
        html! { <FindingCard report={report.clone()} {index} /> }
    });
    let notices = report.notices.iter().map(|notice| html! { <li class="notice">{notice}</li> });

    html! {
        <section id="result" class="result" aria-label="Result">
            <p class="result-recognised" aria-live="polite">{report.recognised.clone()}</p>
            if let Some(headline) = &report.headline {
                <p class="result-headline" data-reason={headline.reason.clone()}>
                    <strong class="result-headline-reason">{headline.reason.clone()}</strong>
                    if !headline.message.is_empty() {
                        {": "}{headline.message.clone()}
                    }
                    if let Some(line) = headline.line {
                        <span class="result-headline-line">{format!(" (line {line})")}</span>
                    }
                </p>
            }
            if unknown {
                {next_steps::view(report, true)}
            }
            // The root cause first; the attempts that show it after.
            <ol class="findings">{for findings}</ol>
            <TimelineView report={report.clone()} />
            if !unknown {
                {next_steps::view(report, false)}
            }
            {lint_list::view(report)}
            if !report.notices.is_empty() {
                <ul class="notices">{for notices}</ul>
            }
        </section>
    }
}
