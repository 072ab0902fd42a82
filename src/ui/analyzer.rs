//! The analyzer page: the paste box, the share buttons, the result and the paste view.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::keep::Kept;
use crate::ui::paste_box::PasteBox;
use crate::ui::paste_view::PasteView;
use crate::ui::result_view::ResultView;
use crate::ui::share_bar::share_bar;
use crate::ui::sharing::{Sharing, Step};
use crate::ui::state::Analysis;

/// The current analysis and what the user can do to the paste.
pub struct AnalyzerProps {
    pub analysis: Rc<Analysis>,
    /// Whether the paste is kept in the tab for a reload.
    pub kept: Kept,
    pub sharing: Rc<Sharing>,
    pub on_input: Callback<String>,
    pub on_large_paste: Callback<String>,
    pub on_example: Callback<&'static str>,
    pub on_clear: Callback<()>,
    pub on_undo: Callback<()>,
    pub on_reanalyze: Callback<()>,
    pub on_share: Callback<Step>,
}

/// `<main class="analyzer" id="main" tabindex="-1">`: input on the left, result on the right on
/// wide screens. A plain function: its parts that keep state are components of their own.
pub fn view(props: &AnalyzerProps) -> Html {
    let analysis = &props.analysis;
    // On a narrow screen a result comes before the paste box: the answer on the first screen.
    let class = classes!("analyzer", analysis.report.is_some().then_some("analyzer-answered"));

    html! {
        <main {class} id="main" tabindex="-1">
            <h1 class="analyzer-title">{"Why did the Job fail?"}</h1>
            <PasteBox paste={analysis.paste.clone()} revision={analysis.revision}
                on_input={props.on_input.clone()} on_large_paste={props.on_large_paste.clone()}
                on_example={props.on_example.clone()}
                on_clear={props.on_clear.clone()}
                can_undo={analysis.replaced.is_some()} on_undo={props.on_undo.clone()}
                kept={props.kept} />
            if !analysis.paste.trim().is_empty() {
                {share_bar(&analysis.paste, &props.sharing, &props.on_share)}
            }
            <ResultView report={analysis.report.clone()} restored={analysis.restored}
                reading={analysis.shows_reading().then_some(analysis.paste.len())}
                failed={analysis.failed.clone()}
                on_reanalyze={props.on_reanalyze.clone()} />
            if analysis.report.is_some() {
                <PasteView paste={analysis.paste.clone()}
                    evidence_lines={analysis.evidence_lines.clone()} />
            }
        </main>
    }
}
