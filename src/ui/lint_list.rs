//! The manifest lint: settings that are not the cause but make a failure worse or harder to
//! read, each with its line (a click shows it in the paste), field, why and what to change.

use yew::prelude::*;

use crate::report::Report;
use crate::ui::dom;

/// `<section class="lint">` with `<li class="lint-item" data-id data-line data-field>` items;
/// nothing when there are none.
pub fn view(report: &Report) -> Html {
    if report.lint.is_empty() {
        return Html::default();
    }

    let items = report.lint.iter().map(|item| {
        let line = item.line;
        let on_click = Callback::from(move |_: MouseEvent| dom::show_paste_line(line));
        html! {
            <li class="lint-item" data-id={item.id.clone()} data-line={line.to_string()}
                data-field={item.field.clone()}>
                <div class="lint-head">
                    <button type="button" class="lint-line" title="Show this line in the paste"
                        onclick={on_click}>{format!("line {line}")}</button>
                    <code class="lint-field">{item.field.clone()}</code>
                    <span class="lint-object">{item.object.clone()}</span>
                </div>
                <p class="lint-message">{item.message.clone()}</p>
                <p class="lint-fix">{item.fix.clone()}</p>
            </li>
        }
    });
    html! {
        <section class="lint" aria-label="Manifest lint">
            <h2 class="lint-title">{"Manifest lint"}</h2>
            <p class="lint-intro">
                {"Not the cause of this failure, but settings in the pasted manifests that make \
                  failures like it last longer, cost more or leave less to read."}
            </p>
            <ul class="lint-list">{for items}</ul>
        </section>
    }
}
