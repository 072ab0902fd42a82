//! Container states printed one per line, as `kubectl get pod x -o jsonpath=...` gives them:
//! `{"terminated":{"exitCode":137,"reason":"Error"}}` for one container's `.state`, a
//! container's name and its state on one line (`{.name}{"\t"}{.state}`), or a whole
//! `containerStatuses` list. The pod is the one the command names; a container without a name
//! on its line takes the one the JSONPath filter names (`?(@.name=="main")`).

use crate::capture::Block;
use crate::extract::describe::UNNAMED_CONTAINER;
use crate::extract::object;
use crate::model::{Facts, Located, State, StateKind, UNNAMED_POD};
use crate::text::{Command, Paste};
use crate::yaml::{self, Entry, Node, Value};

/// The longest line read as JSON: a container status, not a document.
const MAX_LINE: usize = 8 << 10;

/// Reads the container states of a `get pod -o jsonpath` block, and returns the lines read, in
/// order: they are the pod's state, not its program's output.
pub fn read(
    paste: &Paste,
    block: &Block,
    command: Option<&Command>,
    facts: &mut Facts,
) -> Vec<usize> {
    let Some(command) = command.filter(|c| is_jsonpath(c)) else { return Vec::new() };
    let pod = object::named_pod(command).unwrap_or_else(|| UNNAMED_POD.to_owned());
    let filtered = filtered_container(command);
    let fields = template_fields(command);
    let name_first = fields.first().is_some_and(|f| f == ".name");
    let mut read_lines = Vec::new();
    for line in &paste.lines[block.start..block.end] {
        let text = line.text.trim();
        if text.len() > MAX_LINE {
            continue;
        }
        // Older kubectl printed an object field in Go's form: `map[terminated:map[exitCode:0 ...]]`.
        let converted = text
            .find("map[")
            .and_then(|at| go_map(&text[at..]).map(|json| format!("{}{json}", &text[..at])));
        let text = converted.as_deref().unwrap_or(text);
        let Some(open) = text.find(['{', '[']) else {
            if bare_value(text, &fields, &pod, filtered.as_deref(), line.no, facts) {
                read_lines.push(line.no);
            }
            continue;
        };
        let prefix = text[..open].trim();
        // `{.name} {.ready} {.state}`: the name is the first word of the line.
        let prefix =
            if name_first { prefix.split_whitespace().next().unwrap_or("") } else { prefix };
        let parsed = yaml::parse_from(&text[open..], line.no);
        let (Some(doc), true) = (parsed.docs.first(), parsed.errors.is_empty()) else { continue };
        let wrapped = inner_state(&fields, doc);
        let doc = wrapped.as_ref().unwrap_or(doc);
        let into_last = wrapped.is_some() && fields.iter().any(|f| f.contains("lastState."));
        let mut found = false;
        for (name, status) in statuses(doc) {
            let name = name
                .or_else(|| {
                    (!prefix.is_empty() && !prefix.contains(' ')).then(|| prefix.to_owned())
                })
                .or_else(|| filtered.clone())
                .unwrap_or_else(|| UNNAMED_CONTAINER.to_owned());
            let pod = facts.pod_mut(&pod, 0);
            let container = pod.container_mut(&name, false);
            if into_last {
                container.last_state = object::read_state(status);
            } else if let Some(state) = status.get("state").and_then(object::read_state) {
                container.state = Some(state);
            } else if let Some(state) = object::read_state(status) {
                container.state = Some(state);
            }
            if let Some(last) = status.get("lastState").and_then(object::read_state) {
                container.last_state = Some(last);
            }
            found = true;
        }
        if found {
            read_lines.push(line.no);
        }
    }
    read_lines
}

/// A Go map as `fmt` prints it (`map[running:map[startedAt:2018-01-19T08:20:04Z]]`), written as
/// JSON; `None` when `text` is not one whole map. Keys are words; a value runs to the next
/// ` key:` or to the `]` that closes its map, so a value with spaces (a message) stays whole
/// unless a word in it ends with a colon.
fn go_map(text: &str) -> Option<String> {
    fn map(text: &str, at: &mut usize, depth: usize, out: &mut String) -> Option<()> {
        if depth > 8 {
            return None;
        }
        *at += "map[".len();
        out.push('{');
        let mut first = true;
        loop {
            let rest = &text[*at..];
            if rest.starts_with(']') {
                *at += 1;
                out.push('}');
                return Some(());
            }
            let rest = rest.trim_start_matches(' ');
            *at = text.len() - rest.len();
            let colon = rest.find(':')?;
            let key = &rest[..colon];
            if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return None;
            }
            if !first {
                out.push(',');
            }
            first = false;
            out.push_str(&format!("\"{key}\":"));
            *at += colon + 1;
            if text[*at..].starts_with("map[") {
                map(text, at, depth + 1, out)?;
                continue;
            }
            let value_rest = &text[*at..];
            let end = value_end(value_rest)?;
            let value = &value_rest[..end];
            if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
                out.push_str(value);
            } else {
                out.push('"');
                for c in value.chars() {
                    match c {
                        '"' => out.push_str("\\\""),
                        '\\' => out.push_str("\\\\"),
                        c if c.is_control() => {}
                        c => out.push(c),
                    }
                }
                out.push('"');
            }
            *at += end;
        }
    }
    /// Where a plain value ends: before ` word:` or the `]` of its map.
    fn value_end(rest: &str) -> Option<usize> {
        let bytes = rest.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b']' {
                return Some(i);
            }
            if b == b' ' {
                let word: &str = rest[i + 1..].split([' ', ']']).next().unwrap_or("");
                if let Some(key) = word.split_once(':').map(|(k, _)| k) {
                    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    {
                        return Some(i);
                    }
                }
            }
        }
        None
    }
    let text = text.trim_end();
    if !text.starts_with("map[") {
        return None;
    }
    let mut out = String::new();
    let mut at = 0;
    map(text, &mut at, 0, &mut out)?;
    (at == text.len()).then_some(out)
}

/// One value a template of one field printed: `137` for
/// `{.status.containerStatuses[0].state.terminated.exitCode}`, `OOMKilled` for its `reason`.
/// Read as the terminated state (or last state) of the container the filter names.
fn bare_value(
    text: &str,
    fields: &[String],
    pod: &str,
    filtered: Option<&str>,
    no: usize,
    facts: &mut Facts,
) -> bool {
    let [field] = fields else { return false };
    if text.is_empty() || text.contains(char::is_whitespace) || !field.contains("containerStatuses")
    {
        return false;
    }
    let last = field.contains("lastState.terminated.");
    if !last && !field.contains("state.terminated.") {
        return false;
    }
    let exit_code = if field.ends_with(".exitCode") {
        let Ok(code) = text.parse::<i64>() else { return false };
        Some(Located::new(code, no))
    } else {
        None
    };
    let reason = field.ends_with(".reason").then(|| Located::new(text.to_owned(), no));
    if exit_code.is_none() && reason.is_none() {
        return false;
    }
    let name = filtered.unwrap_or(UNNAMED_CONTAINER);
    let container = facts.pod_mut(pod, 0).container_mut(name, false);
    let slot = if last { &mut container.last_state } else { &mut container.state };
    let state = slot.get_or_insert(State {
        kind: StateKind::Terminated,
        line: no,
        reason: None,
        message: None,
        exit_code: None,
        signal: None,
        started: None,
        finished: None,
    });
    if state.kind != StateKind::Terminated {
        return false;
    }
    state.exit_code = exit_code.or(state.exit_code.take());
    state.reason = reason.or(state.reason.take());
    true
}

/// The inside of one state, as `{.status.containerStatuses[0].state.terminated}` prints it
/// (`{"exitCode":137,"reason":"Error",...}`), put back under its key so that it reads as a state.
fn inner_state(fields: &[String], doc: &Node) -> Option<Node> {
    let [field] = fields else { return None };
    let key = ["terminated", "waiting", "running"]
        .into_iter()
        .find(|k| field.ends_with(&format!("tate.{k}")))?;
    let Value::Map(_) = &doc.value else { return None };
    Some(Node {
        line: doc.line,
        value: Value::Map(vec![Entry { key: key.to_owned(), line: doc.line, value: doc.clone() }]),
    })
}

/// The fields a JSONPath template prints, in order: `{.name}`, `{.state}`; not `{range ...}`,
/// `{end}` or quoted text such as `{"\n"}`.
fn template_fields(command: &Command) -> Vec<String> {
    // The command's words were split at spaces: the template runs from `jsonpath=` to the end.
    let words = command.args.join(" ");
    let template = words.find("jsonpath").map_or("", |at| &words[at..]);
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        let inner = rest[open + 1..open + close].trim();
        if inner.starts_with('.') {
            out.push(inner.to_owned());
        }
        rest = &rest[open + close + 1..];
    }
    out
}

/// The container statuses of one parsed line, each with its name when the line gives one: a
/// bare state, a status with `name` and `state`, or a list of them.
fn statuses(doc: &Node) -> Vec<(Option<String>, &Node)> {
    let is_state =
        |n: &Node| ["terminated", "running", "waiting"].iter().any(|k| n.get(k).is_some());
    let named = |n: &Node| n.get("name").and_then(Node::as_str).map(str::to_owned);
    match &doc.value {
        Value::Map(_) if is_state(doc) => vec![(None, doc)],
        Value::Map(_) if doc.get("state").is_some_and(is_state) => vec![(named(doc), doc)],
        Value::Seq(items) => items
            .iter()
            .filter(|i| i.get("state").is_some_and(is_state))
            .map(|i| (named(i), i))
            .collect(),
        _ => Vec::new(),
    }
}

fn is_jsonpath(command: &Command) -> bool {
    let output = command.flag(&["-o", "--output"]).unwrap_or_default();
    output.starts_with("jsonpath") || output.starts_with("go-template")
}

/// The container a JSONPath filter picks: `?(@.name=="main")` or `?(@.name=='main')`.
fn filtered_container(command: &Command) -> Option<String> {
    let output = command.flag(&["-o", "--output"])?;
    let at = output.find("@.name==")? + "@.name==".len();
    let rest = output[at..].trim_start_matches(['"', '\'', '\\']);
    let name: String =
        rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.').collect();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::UNNAMED_CONTAINER;
    use crate::capture::capture;
    use crate::model::StateKind;
    use crate::text::Paste;

    fn states(input: &str) -> Vec<(String, String, StateKind, Option<i64>)> {
        let paste = Paste::new(input);
        let (facts, _) = crate::extract::extract(&paste, &capture(&paste));
        let mut out = Vec::new();
        for pod in &facts.pods {
            let pod_name = pod.name.as_ref().map(|n| n.value.clone()).unwrap_or_default();
            for c in pod.all_containers() {
                if let Some(s) = &c.state {
                    let exit = s.exit_code.as_ref().map(|e| e.value);
                    out.push((pod_name.clone(), c.name.clone(), s.kind, exit));
                }
            }
        }
        out
    }

    #[test]
    fn names_and_states_on_one_line() {
        let input = "$ kubectl get pod sync-7x2kq -o jsonpath='{range .status.containerStatuses[*]}{.name}{\"\\t\"}{.state}{\"\\n\"}{end}'\n\
                     proxy\t{\"running\":{\"startedAt\":\"2025-01-15T10:00:01Z\"}}\n\
                     sync\t{\"terminated\":{\"exitCode\":0,\"reason\":\"Completed\"}}\n";
        assert_eq!(
            states(input),
            [
                ("sync-7x2kq".into(), "proxy".into(), StateKind::Running, None),
                ("sync-7x2kq".into(), "sync".into(), StateKind::Terminated, Some(0)),
            ]
        );
    }

    #[test]
    fn states_in_gos_map_form_as_older_kubectl_printed_them() {
        let input = "$ kubectl get pod sync-7x2kq -o jsonpath='{range .status.containerStatuses[*]}{.name}{\"\\t\"}{.state}{\"\\n\"}{end}'\n\
                     proxy\tmap[running:map[startedAt:2018-01-19T08:20:04Z]]\n\
                     sync\tmap[terminated:map[containerID:docker://3a5c exitCode:0 finishedAt:2018-01-19T08:20:19Z reason:Completed startedAt:2018-01-19T08:20:05Z]]\n";
        assert_eq!(
            states(input),
            [
                ("sync-7x2kq".into(), "proxy".into(), StateKind::Running, None),
                ("sync-7x2kq".into(), "sync".into(), StateKind::Terminated, Some(0)),
            ]
        );
        assert_eq!(
            super::go_map(
                "map[waiting:map[message:back-off 5m0s restarting reason:CrashLoopBackOff]]"
            ),
            Some(
                r#"{"waiting":{"message":"back-off 5m0s restarting","reason":"CrashLoopBackOff"}}"#
                    .into()
            )
        );
        for bad in ["map[", "map[a:b", "map[a:b]]", "map[:b]", "map[a b:c]", "not a map"] {
            assert_eq!(super::go_map(bad), None, "{bad}");
        }
        // Every cut of a state, and text beyond ASCII, gives an answer, never a panic.
        let whole = "map[terminated:map[message:é ü] exitCode:1 reason:Error]]";
        for (at, _) in whole.char_indices() {
            let _ = super::go_map(&whole[..at]);
        }
        assert_eq!(super::go_map("map[a:map[map[b:c]]]"), None);
    }

    #[test]
    fn a_filtered_state_takes_the_filter_name() {
        let input = "$ kubectl -n etl get pod load-4kd9s -o jsonpath='{.status.containerStatuses[?(@.name==\"load\")].state}'\n\
                     {\"terminated\":{\"exitCode\":137,\"reason\":\"Error\"}}\n";
        assert_eq!(
            states(input),
            [("load-4kd9s".into(), "load".into(), StateKind::Terminated, Some(137))]
        );
    }

    #[test]
    fn a_name_before_other_fields_names_the_state() {
        let input = "$ kubectl -n mark get pod sync-k8f2n -o jsonpath='{range .status.containerStatuses[*]}{.name} {.ready} {.state}{\"\\n\"}{end}'\n\
                     sync false {\"terminated\":{\"exitCode\":1,\"reason\":\"Error\"}}\n\
                     proxy true {\"running\":{\"startedAt\":\"2025-01-15T10:00:01Z\"}}\n";
        assert_eq!(
            states(input),
            [
                ("sync-k8f2n".into(), "sync".into(), StateKind::Terminated, Some(1)),
                ("sync-k8f2n".into(), "proxy".into(), StateKind::Running, None),
            ]
        );
    }

    #[test]
    fn a_bare_exit_code_is_the_containers() {
        let input = "$ kubectl get pod cron-7sbtn -o jsonpath='{.status.containerStatuses[0].state.terminated.exitCode}{\"\\n\"}'\n127\n";
        assert_eq!(
            states(input),
            [("cron-7sbtn".into(), UNNAMED_CONTAINER.into(), StateKind::Terminated, Some(127))]
        );
        let other = "$ kubectl get pod cron-7sbtn -o jsonpath='{.status.phase}'\nFailed\n";
        assert_eq!(states(other), []);
    }

    #[test]
    fn the_inside_of_a_terminated_state_is_that_state() {
        let input = "$ kubectl -n ml get pod train-launcher-4c2x9 -o jsonpath='{.status.containerStatuses[0].state.terminated}'\n\
                     {\"exitCode\":137,\"reason\":\"Error\",\"startedAt\":\"2024-05-02T10:05:33Z\"}\n";
        assert_eq!(
            states(input),
            [(
                "train-launcher-4c2x9".into(),
                UNNAMED_CONTAINER.into(),
                StateKind::Terminated,
                Some(137)
            )]
        );
        // The last state's inside goes to the last state, not the current one.
        let last = input.replace(".state.terminated", ".lastState.terminated");
        assert_eq!(states(&last), []);
    }

    #[test]
    fn a_status_list_and_noise_around_it() {
        let input = "$ kubectl get pod/load-4kd9s -o jsonpath='{.status.containerStatuses}'\n\
                     [{\"name\":\"load\",\"state\":{\"waiting\":{\"reason\":\"CrashLoopBackOff\"}},\"lastState\":{\"terminated\":{\"exitCode\":1}}}]\n\
                     not json {\n";
        assert_eq!(states(input), [("load-4kd9s".into(), "load".into(), StateKind::Waiting, None)]);
    }
}
