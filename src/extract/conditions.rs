//! A Job's conditions as a JSONPath query prints them: `kubectl get job x -o
//! jsonpath='{.status.conditions}'`, one JSON list on one line, or spread over many when piped
//! through `jq .`. They are the Job's state, read like the conditions of its YAML, and not
//! program output.

use crate::capture::Block;
use crate::extract::object;
use crate::model::Facts;
use crate::text::{Command, Paste};
use crate::yaml::{self, Node, Value};

/// The most lines read as one JSON value: a list of conditions, not a document.
const MAX_LINES: usize = 400;

/// Reads the conditions a `get job NAME -o jsonpath=...conditions...` block prints, and returns
/// the lines read.
pub fn read(
    paste: &Paste,
    block: &Block,
    command: Option<&Command>,
    facts: &mut Facts,
) -> Vec<usize> {
    let Some(command) = command else { return Vec::new() };
    let words = command.args.join(" ");
    if !words.contains("jsonpath") || !words.contains("conditions") {
        return Vec::new();
    }
    let Some(name) = object::named_job(command) else { return Vec::new() };
    let lines = &paste.lines[block.start..block.end];
    let Some(first) = lines.iter().position(|l| l.text.trim_start().starts_with(['[', '{'])) else {
        return Vec::new();
    };
    let lines = &lines[first..lines.len().min(first + MAX_LINES)];
    let text: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    let parsed = yaml::parse_from(&text.join("\n"), lines[0].no);
    let (Some(doc), true) = (parsed.docs.first(), parsed.errors.is_empty()) else {
        return Vec::new();
    };
    let conditions: Vec<&Node> = match &doc.value {
        Value::Seq(items) => items.iter().filter(|i| is_condition(i)).collect(),
        Value::Map(_) if is_condition(doc) => vec![doc],
        _ => Vec::new(),
    };
    if conditions.is_empty() {
        return Vec::new();
    }
    let job = facts.job_mut(Some(&name), 0);
    job.conditions.extend(conditions.into_iter().map(object::read_condition));
    lines.iter().map(|l| l.no).collect()
}

fn is_condition(node: &Node) -> bool {
    node.get("type").and_then(Node::as_str).is_some() && node.get("status").is_some()
}

#[cfg(test)]
mod tests {
    use crate::capture::capture;
    use crate::text::Paste;

    #[test]
    fn conditions_printed_by_jq_are_the_jobs() {
        let input = "$ kubectl -n ml get job train -o jsonpath='{.status.conditions}' | jq .\n[\n  {\n    \
                     \"message\": \"Container main for pod ml/train-0-x failed with exit code 143 \
                     matching FailJob rule at index 0\",\n    \"reason\": \"PodFailurePolicy\",\n    \
                     \"status\": \"True\",\n    \"type\": \"Failed\"\n  }\n]\n";
        let paste = Paste::new(input);
        let (facts, _) = crate::extract::extract(&paste, &capture(&paste));
        let job = &facts.jobs[0];
        assert_eq!(job.name.as_ref().map(|n| n.value.as_str()), Some("train"));
        let failed = job.failed_condition().expect("a Failed condition");
        assert_eq!(
            failed.reason.as_ref().map(|r| (r.value.as_str(), r.line)),
            Some(("PodFailurePolicy", 5))
        );
        assert!(facts.log_lines.is_empty(), "{:?}", facts.log_lines);
    }
}
