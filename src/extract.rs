//! From captured blocks to typed facts: the second level of parsing.
//!
//! Each block kind has its reader: [`describe`] for `kubectl describe`, [`table`] for `kubectl
//! get` tables, [`object`] for YAML and JSON objects (read strictly by [`crate::yaml`], and by
//! [`loose`] line by line where that fails). Event rows are read wherever they stand
//! (a describe's events table, `kubectl get events`, a filtered line after its command), and
//! log blocks are remembered so that rules can tell program output from object fields, except
//! for the container states and the Job conditions a JSONPath query printed ([`states`],
//! [`conditions`]).

pub mod conditions;
pub mod describe;
pub mod loose;
pub mod object;
pub mod states;
pub mod table;

use crate::capture::{self, Block, Capture, Kind};
use crate::model::{Event, Facts, LogFile};
use crate::text::{Command, Paste};
use crate::yaml;

/// Reads every block of the capture into facts.
pub fn extract(paste: &Paste, capture: &Capture) -> (Facts, Vec<String>) {
    let mut facts = Facts { commands: capture.commands.clone(), ..Facts::default() };
    let mut notices = Vec::new();
    for block in &capture.blocks {
        let command = block.command.and_then(|i| capture.commands.get(i)).map(|c| &c.value);
        match block.kind {
            Kind::Describe => describe::read(paste, block, command, &mut facts),
            Kind::Table => table::read(paste, block, command, &mut facts),
            Kind::Yaml => read_yaml(paste, block, command, &mut facts, &mut notices),
            Kind::Log => {
                let mut states = states::read(paste, block, command, &mut facts);
                states.extend(conditions::read(paste, block, command, &mut facts));
                states.sort_unstable();
                let lines = paste.lines[block.start..block.end].iter().map(|l| l.no);
                facts.log_lines.extend(lines.filter(|l| states.binary_search(l).is_err()));
            }
        }
        if block.kind != Kind::Yaml {
            read_events(paste, block, &mut facts);
        }
    }
    facts.log_lines.sort_unstable();
    facts.log_files = paste
        .lines
        .iter()
        .filter(|l| l.text.contains("/var/log/pods/"))
        .filter_map(|l| LogFile::parse(&l.text, l.no))
        .collect();
    facts.chosen_pods =
        paste.lines.iter().filter_map(|l| chosen_pod(&l.text).map(|pod| (l.no, pod))).collect();
    facts.cronjobs = crate::model::merge_cronjobs(std::mem::take(&mut facts.cronjobs));
    completed_events(&mut facts);
    for line in paste.lines.iter().filter(|l| l.text.contains("is waiting to start: ")) {
        waiting_to_start(&line.text, line.no, &mut facts);
    }
    (facts, notices)
}

/// `container "C" in pod "P" is waiting to start: REASON`: what `kubectl logs` answers for a
/// container that never ran (the kubelet's `validateContainerLogStatus`, in
/// `pkg/kubelet/kubelet_pods.go`), read as the container's waiting state. The kubelet words
/// `ErrImagePull` and `ImagePullBackOff` as `trying and failing to pull image`.
fn waiting_to_start(text: &str, no: usize, facts: &mut Facts) {
    let quoted = |mark: &str| -> Option<String> {
        let at = text.find(mark)? + mark.len();
        let rest = &text[at..];
        Some(rest[..rest.find('"')?].to_owned())
    };
    let (Some(container), Some(pod)) = (quoted("container \""), quoted("\" in pod \"")) else {
        return;
    };
    let Some(at) = text.find("is waiting to start: ") else { return };
    let said = text[at + "is waiting to start: ".len()..].trim();
    let reason = if said.starts_with("trying and failing to pull image") {
        "ImagePullBackOff"
    } else {
        said.split_whitespace().next().unwrap_or_default()
    };
    if reason.is_empty() || !reason.chars().all(|c| c.is_ascii_alphanumeric()) {
        return;
    }
    let state = crate::model::State {
        kind: crate::model::StateKind::Waiting,
        line: no,
        reason: Some(crate::model::Located::new(reason.to_owned(), no)),
        message: None,
        exit_code: None,
        signal: None,
        started: None,
        finished: None,
    };
    let container = facts.pod_mut(&pod, 0).container_mut(&container, false);
    container.state.get_or_insert(state);
}

/// The pod of kubectl's note `Found 3 pods, using pod/x-1` (`kubectl logs job/x`, from
/// `polymorphichelpers.AttachablePodForObject`'s caller in `pkg/cmd/logs`).
fn chosen_pod(text: &str) -> Option<String> {
    let rest = text.trim().strip_prefix("Found ")?;
    let (_, pod) = rest.split_once(" pods, using pod/")?;
    let pod = pod.trim();
    (!pod.is_empty() && !pod.contains(' ')).then(|| pod.to_owned())
}

/// The job controller's `Completed` event (`Job completed`, `pkg/controller/job`) marks its
/// Job complete: the Job its object names, else the Job of the `kubectl describe job X` whose
/// output it is (perhaps cut to its events by `tail`), else the one Job of the paste.
fn completed_events(facts: &mut Facts) {
    let described = |line: usize| {
        let command = facts.commands.iter().filter(|c| c.line < line).max_by_key(|c| c.line)?;
        describe::described_job(&command.value)
    };
    let found: Vec<(Option<String>, usize)> = facts
        .events
        .iter()
        .filter(|e| e.reason == "Completed" && e.message.starts_with("Job completed"))
        .map(|e| {
            let job = e.object.as_deref().and_then(|o| {
                o.strip_prefix("job/").or_else(|| o.strip_prefix("job.batch/")).map(str::to_owned)
            });
            (job.or_else(|| described(e.line)), e.line)
        })
        .collect();
    for (name, line) in found {
        let job = match name {
            Some(name) => Some(facts.job_mut(Some(&name), line)),
            None if facts.jobs.len() == 1 => facts.jobs.first_mut(),
            None => None,
        };
        if let Some(job) = job {
            job.completed_event.get_or_insert(line);
        }
    }
}

fn read_yaml(
    paste: &Paste,
    block: &Block,
    command: Option<&Command>,
    facts: &mut Facts,
    notices: &mut Vec<String>,
) {
    let lines = &paste.lines[block.start..block.end];
    let first = lines.first().map_or(1, |l| l.no);
    // Tabs cannot indent YAML; pasted YAML often has them (a tab-indented wiki paste).
    let text: String =
        lines.iter().map(|l| l.text.replace('\t', "        ")).collect::<Vec<_>>().join("\n");
    let parsed = yaml::parse_from(&dedent(&text), first);
    let Some(error) = parsed.errors.first() else {
        parsed.docs.iter().for_each(|doc| object::read(doc, command, facts));
        return;
    };
    // The documents before the broken one are sound; the broken one and what follows it are
    // read line by line, from the `---` that opens it.
    let broken =
        lines.iter().rposition(|l| l.no <= error.line && l.text.trim_end() == "---").unwrap_or(0);
    let from = lines.get(broken).map_or(first, |l| l.no);
    for doc in parsed.docs.iter().filter(|d| d.line < from) {
        object::read(doc, command, facts);
    }
    for doc in loose::parse(&lines[broken..]) {
        object::read(&doc, command, facts);
    }
    notices.push(format!(
        "line {}: the YAML is not valid ({}); it was read line by line from line {from}",
        error.line, error.message
    ));
}

/// Removes the indentation every non-blank line shares (a YAML pasted indented in a wiki).
pub(crate) fn dedent(text: &str) -> String {
    let common = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    if common == 0 {
        return text.to_owned();
    }
    text.lines().map(|l| l.get(common..).unwrap_or(l.trim_start())).collect::<Vec<_>>().join("\n")
}

fn read_events(paste: &Paste, block: &Block, facts: &mut Facts) {
    for line in &paste.lines[block.start..block.end] {
        if let Some(row) = capture::table::event_row(&line.text) {
            facts.events.push(Event {
                line: line.no,
                kind: Some(row.kind),
                reason: row.reason,
                object: row.object,
                message: row.message,
                age: row.age,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedent_keeps_relative_indentation() {
        assert_eq!(dedent("  a:\n    b: 1\n\n  c: 2"), "a:\n  b: 1\n\nc: 2");
        assert_eq!(dedent("a: 1"), "a: 1");
    }
}
