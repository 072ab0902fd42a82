//! The paste as numbered lines, with the evidence lines marked.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

/// The paste and the lines (from 1) that are evidence of any finding.
#[derive(Properties, PartialEq)]
pub struct PasteViewProps {
    pub paste: Rc<str>,
    pub evidence_lines: Rc<BTreeSet<usize>>,
}

/// `<ol class="paste-view">`, one `<li data-line="N">` of text per line of the paste.
///
/// Line numbers are drawn by CSS from `data-line`, so each item holds only the line's text.
#[function_component]
pub fn PasteView(props: &PasteViewProps) -> Html {
    let lines = props.paste.lines().enumerate().map(|(index, text)| {
        let line = index + 1;
        let class = props.evidence_lines.contains(&line).then_some("evidence-line");
        html! { <li data-line={line.to_string()} {class}>{text}</li> }
    });

    html! {
        <div class="paste-view-box">
            <h2 class="paste-view-title">{"Your paste"}</h2>
            <ol class="paste-view" aria-label="Your paste, line by line">{for lines}</ol>
        </div>
    }
}
