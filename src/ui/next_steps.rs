//! The commands to run next, with why each would help.

use yew::prelude::*;

use crate::report::Report;
use crate::ui::code_block::CodeBlock;

/// A heading and `<ul class="next">` of `<li class="next-step">`; nothing when there are none.
/// `prominent` when the paste could not decide a cause: the commands lead the result.
pub fn view(report: &Report, prominent: bool) -> Html {
    if report.next.is_empty() {
        return Html::default();
    }

    let (class, title) = if prominent {
        ("result-next result-next-prominent", "Not enough to decide yet: run these next")
    } else {
        ("result-next", "To confirm")
    };
    let items = report.next.iter().map(|next| {
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
