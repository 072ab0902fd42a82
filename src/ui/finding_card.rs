//! One finding: the cause, how sure, the lines that show it and the steps that fix it.

use std::rc::Rc;

use yew::prelude::*;

use crate::cause::Cause;
use crate::kb;
use crate::report::Report;
use crate::ui::code_block::CodeBlock;
use crate::ui::evidence_list;
use crate::ui::route;

/// The report and which of its findings this card shows.
#[derive(Properties, PartialEq)]
pub struct FindingCardProps {
    pub report: Rc<Report>,
    pub index: usize,
}

/// `<li class="finding" data-cause="…">` with summary, confidence, evidence, steps, the
/// generated fix and a link.
#[function_component]
pub fn FindingCard(props: &FindingCardProps) -> Html {
    let Some(finding) = props.report.findings.get(props.index) else {
        return Html::default();
    };

    let id = finding.cause.id();
    let entry = kb::cause_entry(finding.cause);
    let title = entry.map_or(id, |doc| doc.title);
    let confidence = finding.confidence.clamp(0.0, 1.0);
    let percent = (confidence * 100.0).round() as u32;
    let unknown = finding.cause == Cause::Unknown;
    // An unknown finding's confidence is how sure the paste cannot decide: no percentage to
    // compare with a cause's.
    let (shown, word) = if unknown {
        ("the paste cannot decide".to_owned(), "none")
    } else {
        (format!("{percent}%"), confidence_word(percent))
    };
    let steps = finding.steps.iter().map(|step| {
        let command = step.command.as_ref().map(|command| {
            html! { <CodeBlock command={AttrValue::from(command.clone())} class="step-command" /> }
        });
        html! {
            <li class="step">
                <p class="step-text">{step.text.clone()}</p>
                {for command}
            </li>
        }
    });
    let class = classes!(
        "finding",
        (props.index == 0 && !unknown).then_some("finding-top"),
        unknown.then_some("finding-unknown"),
    );

    html! {
        <li {class} data-cause={id}>
            <div class="finding-head">
                <h2 class="finding-title">{title}</h2>
                <span class={classes!("finding-certainty", format!("finding-certainty-{word}"))}>
                    <span class="finding-confidence" data-confidence={format!("{}.{:02}", percent / 100, percent % 100)}>
                        {shown}
                    </span>
                    if !unknown {
                        {" "}
                        <span class="finding-confidence-word">{word}</span>
                    }
                </span>
            </div>
            <p class="finding-summary">{finding.summary.clone()}</p>
            if !finding.evidence.is_empty() {
                <h3 class="finding-section">{"Evidence"}</h3>
                {evidence_list::view(finding)}
            }
            if !finding.steps.is_empty() {
                <h3 class="finding-section">{"Fix"}</h3>
                <ol class="steps">{for steps}</ol>
            }
            if let Some(fix) = &finding.fix {
                <div class="finding-fix" data-fix={fix.id.clone()}>
                    <h3 class="finding-section">{"Generated fix"}</h3>
                    <p class="finding-fix-title">{fix.title.clone()}</p>
                    <p class="finding-fix-why">{fix.why.clone()}</p>
                    <CodeBlock command={AttrValue::from(fix.yaml.clone())} class="fix-yaml" />
                </div>
            }
            <a class="finding-guide" href={route::cause_href(id, None)}>
                {format!("Read more: {title}")}
            </a>
        </li>
    }
}

/// `high` from 80%, `medium` from 50%, else `low`; by the percentage shown, so the two agree.
fn confidence_word(percent: u32) -> &'static str {
    if percent >= 80 {
        "high"
    } else if percent >= 50 {
        "medium"
    } else {
        "low"
    }
}
