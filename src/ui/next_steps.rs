//! The commands to run next, with why each would help.

use std::rc::Rc;

use yew::prelude::*;

use crate::report::Report;
use crate::ui::code_block::CodeBlock;

/// The report, and whether its next commands are the main thing to show.
#[derive(Properties, PartialEq)]
pub struct NextStepsProps {
    pub report: Rc<Report>,
    /// True when the paste could not decide a cause: the commands lead the result.
    pub prominent: bool,
}

/// A heading and `<ul class="next">` of `<li class="next-step">`; nothing when there are none.
#[function_component]
pub fn NextSteps(props: &NextStepsProps) -> Html {
    if props.report.next.is_empty() {
        return Html::default();
    }

    let (class, title) = if props.prominent {
        ("result-next result-next-prominent", "Not enough to decide yet: run these next")
    } else {
        ("result-next", "To confirm")
    };
    let items = props.report.next.iter().map(|next| {
        html! {
            <li class="next-step">
                <p class="next-step-why">{next.why.clone()}</p>
                <CodeBlock command={AttrValue::from(next.command.clone())} class="next-command" />
            </li>
        }
    });
    html! {
        <div class={class}>
            <h2 class="result-next-title">{title}</h2>
            <ul class="next">{for items}</ul>
        </div>
    }
}
