//! The paste as numbered lines, with the evidence lines marked.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::text;

/// The paste and the lines (from 1) that are evidence of any finding.
#[derive(Properties, PartialEq)]
pub struct PasteViewProps {
    pub paste: Rc<str>,
    pub evidence_lines: Rc<BTreeSet<usize>>,
}

/// `<ol class="paste-view">`, one `<li data-line="N">` of text per line of the paste shown.
///
/// A long paste is shown as an excerpt ([`text::excerpt`]): its start, its end and the lines
/// around the evidence, with `<li class="paste-view-gap">` where lines are left out. Line
/// numbers are drawn by CSS from `data-line`, so each item holds only the line's text. Long
/// lines wrap; the "Wrap lines" button turns that off, so that a wide `kubectl get` table keeps
/// its columns and the view scrolls sideways instead.
#[function_component]
pub fn PasteView(props: &PasteViewProps) -> Html {
    let wrap = use_state(|| true);
    let toggle = {
        let wrap = wrap.clone();
        Callback::from(move |_: MouseEvent| wrap.set(!*wrap))
    };
    let total = text::split_lines(&props.paste).count();
    let ranges = text::excerpt(total, &props.evidence_lines);
    let mut items = Vec::new();
    let mut ranges_left = ranges.iter().peekable();
    let mut shown_to = 0;
    for (index, raw) in text::split_lines(&props.paste).enumerate() {
        let line = index + 1;
        while ranges_left.peek().is_some_and(|r| *r.end() < line) {
            ranges_left.next();
        }
        let Some(range) = ranges_left.peek() else { break };
        if !range.contains(&line) {
            continue;
        }
        if line > shown_to + 1 {
            items.push(gap(line - shown_to - 1));
        }
        shown_to = line;
        // As a terminal shows it: colour codes and control characters removed.
        let text = text::visible(raw);
        let class = props.evidence_lines.contains(&line).then_some("evidence-line");
        items.push(html! { <li data-line={line.to_string()} {class}>{text}</li> });
    }
    if total > shown_to {
        items.push(gap(total - shown_to));
    }

    html! {
        <div class="paste-view-box">
            <div class="paste-view-head">
                <h2 class="paste-view-title">{"Your paste"}</h2>
                <button type="button" class="paste-view-wrap" aria-pressed={wrap.to_string()}
                    onclick={toggle}>{"Wrap lines"}</button>
            </div>
            <ol class={classes!("paste-view", (!*wrap).then_some("paste-view-nowrap"))}
                aria-label="Your paste, line by line">{items}</ol>
        </div>
    }
}

fn gap(lines: usize) -> Html {
    let text =
        if lines == 1 { "1 line not shown".to_owned() } else { format!("{lines} lines not shown") };
    html! { <li class="paste-view-gap" aria-hidden="true">{text}</li> }
}
