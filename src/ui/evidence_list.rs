//! The evidence lines of a finding; each one jumps to its line in the paste view.

use yew::prelude::*;

use crate::report::Finding;
use crate::ui::dom;

/// `<ul class="evidence">` of `<li data-line="N"><span class="line-no">N</span> <code>…</code>`.
///
/// A plain function rather than a component, like the other parts of a finding and of the
/// result: each component costs the page's wasm its own machinery.
pub fn view(finding: &Finding) -> Html {
    let items = finding.evidence.iter().map(|evidence| {
        let line = evidence.line;
        let on_click = Callback::from(move |_: MouseEvent| dom::show_paste_line(line));
        let on_keydown = Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                dom::show_paste_line(line);
            }
        });
        html! {
            <li data-line={line.to_string()} tabindex="0" title="Show this line in the paste"
                onclick={on_click} onkeydown={on_keydown}>
                <span class="line-no">{line}</span>{" "}
                if evidence.cut_before { {"…"} }
                <code>{evidence.text.clone()}</code>
                if evidence.cut_after { {"…"} }
            </li>
        }
    });
    html! { <ul class="evidence">{for items}</ul> }
}
