//! An environment variable whose value refers to another, `$(NAME)`, that is not defined before
//! it. The kubelet expands `$(NAME)` in an `env` value only from the variables listed earlier in
//! the same container (and the service variables); an unresolved reference is passed on as the
//! literal text `$(NAME)` (`k8s.io/kubernetes/third_party/forked/golang/expansion`, used by
//! `pkg/kubelet/kubelet_pods.go`, `makeEnvironmentVariables`). Nothing fails: the program reads
//! `$(NAME)` as its setting. Variables the Job controller adds, such as `JOB_COMPLETION_INDEX`,
//! come after the user's, so a reference to them from an `env` value never resolves.
//!
//! Read from the paste's lines: a manifest's `env:` list (`- name: X` then `value: ...`) and a
//! describe's `Environment:` block (`X:  value`), in the order they list the variables.

use super::Signal;
use crate::cause::Cause;
use crate::model::Facts;
use crate::text::Paste;

const STRENGTH: f32 = 0.6;

/// How far back the start of an `env:` or `Environment:` block is looked for.
const MAX_BLOCK: usize = 200;

/// The first `env` value that refers to a variable not defined before it.
pub fn unresolved_reference(paste: &Paste) -> Option<Signal> {
    for line in paste.lines.iter().filter(|l| l.text.contains("$(")) {
        let Some((name, value, entry)) = entry_at(paste, line.no) else { continue };
        let defined = defined_before(paste, entry);
        let Some(missing) =
            references(value).find(|r| !defined.iter().any(|d| d == r) && !is_service_variable(r))
        else {
            continue;
        };
        return Some(Signal {
            cause: Cause::MissingConfig,
            strength: STRENGTH,
            rule: "check-env-unresolved-reference",
            detail: Some(format!(
                "variable {name} refers to $({missing}), which is not defined before it in the \
                 container's env, so the program is given the text \"$({missing})\""
            )),
            lines: vec![line.no],
            pod: None,
            container: None,
            object: Some(missing.to_owned()),
        });
    }
    None
}

/// How sure a `$(NAME)` in the program's own output is: the program printed the setting it was
/// given, and it is the reference itself.
const IN_OUTPUT: f32 = 0.65;

/// The first line of the program's output that quotes a reference `$(NAME)` to an upper-case
/// variable, as given: the kubelet passed it on unexpanded (the manifest is not in the paste, or
/// does not show the order of its variables). Lower-case `$(date)` is a shell's command.
pub fn unexpanded_in_output(paste: &Paste, facts: &Facts) -> Option<Signal> {
    let line = facts
        .log_lines
        .iter()
        .filter_map(|&no| paste.line(no))
        .filter(|l| !manifest_entry(&l.text) && !in_a_describes_argv(paste, l.no))
        .find(|l| references(&l.text).any(|r| is_upper_case(r) && !is_service_variable(r)))?;
    let name = references(&line.text).next()?;
    Some(Signal {
        cause: Cause::MissingConfig,
        strength: IN_OUTPUT,
        rule: "check-env-unexpanded-in-output",
        detail: Some(format!(
            "the program was given the text \"$({name})\": the kubelet passes a $(NAME) reference \
             on as it is when NAME is not defined earlier in the container's env"
        )),
        lines: vec![line.no],
        pod: None,
        container: None,
        object: None,
    })
}

/// The strength of a program that read a Service's link variable as its own setting.
const SERVICE_LINK: f32 = 0.75;

/// A Service's link variable read as the program's own setting. For every Service of the
/// namespace the kubelet sets `<SERVICE>_PORT=tcp://<cluster IP>:<port>` in each container
/// (`pkg/kubelet/envvars`, unless `enableServiceLinks: false`); a program whose own setting has
/// that name (`KOMODO_PORT` for komodo's port, beside a Service named `komodo`) is given the
/// Service's address. Found where an error quotes such a value (`invalid digit found in string
/// while parsing value 'tcp://10.96.41.203:9120'`), or where the paste lists a `*_PORT=tcp://...`
/// variable and the program's error is about a port.
pub fn service_link_collision(paste: &Paste, facts: &Facts) -> Option<Signal> {
    // Most pastes hold no link value: they stop after one cheap look at each line.
    let linked: Vec<&crate::text::Line> = paste
        .lines
        .iter()
        .filter(|l| l.text.contains("tcp://") && link_value(&l.text).is_some())
        .collect();
    if linked.is_empty() {
        return None;
    }
    let refused = |l: &crate::text::Line| super::logged::is_error(&l.text) || says_invalid(&l.text);
    let quoted = linked.iter().find(|l| facts.is_log(l.no) && refused(l));
    let lines = match quoted {
        Some(line) => vec![line.no],
        None => {
            let listed = linked.iter().find(|l| {
                let text = l.text.trim_start();
                let name = text.split(['=', ':']).next().unwrap_or_default();
                name.ends_with("_PORT") && is_upper_case(name)
            })?;
            let about_a_port = facts
                .log_lines
                .iter()
                .filter_map(|&no| paste.line(no))
                .find(|l| l.text.to_lowercase().contains("port") && refused(l))?;
            let mut lines = vec![about_a_port.no, listed.no];
            lines.sort_unstable();
            lines
        }
    };
    Some(Signal {
        cause: Cause::MissingConfig,
        strength: SERVICE_LINK,
        rule: "check-env-service-link",
        detail: Some(
            "the program read a Service's link variable (<SERVICE>_PORT=tcp://IP:PORT, which              Kubernetes sets for every Service in the namespace) as its own setting: rename the              Service or the setting, or set enableServiceLinks: false in the pod spec"
                .to_owned(),
        ),
        lines,
        pod: None,
        container: None,
        object: None,
    })
}

/// Whether a line says a value was refused (`is not valid`, `invalid digit`, `failed to parse`).
fn says_invalid(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["invalid", "not valid", "must be", "must match", "parse"].iter().any(|w| lower.contains(w))
}

/// The first `tcp://A.B.C.D:PORT` in `text`: the form of a Service's link variable.
fn link_value(text: &str) -> Option<&str> {
    text.match_indices("tcp://").find_map(|(at, _)| {
        let rest = &text[at + "tcp://".len()..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ':'))
            .unwrap_or(rest.len());
        let (address, port) = rest[..end].split_once(':')?;
        let octets = address.split('.').filter(|o| o.parse::<u8>().is_ok()).count();
        let whole = address.split('.').count() == 4 && octets == 4;
        (whole && port.parse::<u16>().is_ok()).then(|| &text[at..at + "tcp://".len() + end])
    })
}

/// How far up the `Args:` or `Command:` heading of a describe's argument list is looked for.
const ARGV_REACH: usize = 40;

/// Whether line `no` is an item of a describe's `Args:` or `Command:` list: the spec as written,
/// which the kubelet expands when it starts the container, not what the program was given.
fn in_a_describes_argv(paste: &Paste, no: usize) -> bool {
    let Some(line) = paste.line(no) else { return false };
    let depth = indent(&line.text);
    for above in (no.saturating_sub(ARGV_REACH)..no).rev().filter_map(|n| paste.line(n)) {
        let text = above.text.trim();
        if text.is_empty() {
            return false;
        }
        if indent(&above.text) < depth {
            return text == "Args:" || text == "Command:";
        }
    }
    false
}

/// Whether a line is an entry of a manifest pasted as text (`- "$(DATABASE_URL)"` in `args`,
/// `value: $(HOST)`): the reference as written, not as the program was given it.
fn manifest_entry(text: &str) -> bool {
    let trimmed = text.trim_start();
    trimmed.starts_with("- ") || trimmed.starts_with("value:")
}

/// What a setting that names a path in a workstation's home directory weighs beside a failure:
/// the path is not in the pod, and whatever the program reads or writes there fails.
const WORKSTATION_PATH: f32 = 0.65;

/// Where the home directories of the machines Jobs are submitted from start (macOS, Windows):
/// no container has them. A tool that builds the pod from the user's machine may carry its
/// working directory or a local `file://` URI into the spec.
const WORKSTATION_HOMES: &[&str] = &["/users/", "file:///users/", "c:\\users\\", "c:/users/"];

/// The directory every one of [`WORKSTATION_HOMES`] holds.
const HOME: &str = "users";

/// An `env` value or `workingDir` that names a path in a workstation's home directory
/// (`file:///Users/dana/mlruns`), in a paste where something failed.
pub fn path_on_the_workstation(paste: &Paste, failed: bool) -> Option<Signal> {
    if !failed {
        return None;
    }
    let on_the_workstation = |value: &str| {
        let value = value.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
        WORKSTATION_HOMES.iter().any(|home| value.starts_with(home))
    };
    // Only a line that names a home directory is read as a setting: reading one looks back for
    // the block it is in.
    let names_a_home = |text: &str| {
        text.as_bytes().windows(HOME.len()).any(|w| w.eq_ignore_ascii_case(HOME.as_bytes()))
    };
    paste.lines.iter().filter(|l| names_a_home(&l.text)).find_map(|line| {
        let trimmed = line.text.trim_start();
        let (setting, value) = match trimmed.strip_prefix("workingDir:") {
            Some(value) => ("workingDir", value),
            None => entry_at(paste, line.no).map(|(name, value, _)| (name, value))?,
        };
        on_the_workstation(value).then(|| Signal {
            cause: Cause::MissingConfig,
            strength: WORKSTATION_PATH,
            rule: "check-path-on-the-workstation",
            detail: Some(format!(
                "{setting} names {}, a path on the machine the work was submitted from: the pod \
                 has no such directory",
                value.trim()
            )),
            lines: vec![line.no],
            pod: None,
            container: None,
            object: None,
        })
    })
}

/// What an empty credential setting weighs: it explains a failure nothing else explains.
const EMPTY_CREDENTIAL: f32 = 0.5;

/// Parts of a variable's name that say it holds a credential (names are upper case, as
/// environment variables are written).
const CREDENTIAL_NAMES: &[&str] =
    &["PASSWORD", "PASSWD", "TOKEN", "SECRET", "API_KEY", "ACCESS_KEY"];

/// Whether `text` names a credential variable (one of [`CREDENTIAL_NAMES`]).
fn names_a_credential(text: &str) -> bool {
    CREDENTIAL_NAMES.iter().any(|c| text.contains(c))
}

/// A credential variable (`PGPASSWORD`, `API_TOKEN`) set to nothing in the container's env
/// (`PGPASSWORD:` alone in a describe's `Environment:` block, `value: ""` in a manifest), in a
/// paste where something failed and no signal says why: the program was given no credential. A
/// value taken from a Secret reads `<set to the key ...>` in a describe, and is not empty.
pub fn empty_credential(paste: &Paste, failed: bool, signals: &[Signal]) -> Option<Signal> {
    if !failed || signals.iter().any(|s| s.strength >= EMPTY_CREDENTIAL) {
        return None;
    }
    // Only lines that name a credential are read as entries: a manifest's `- name: X` has its
    // value on the next line.
    let named = paste.lines.iter().filter(|l| names_a_credential(&l.text));
    named.flat_map(|l| [l.no, l.no + 1]).find_map(|no| {
        let (name, value, entry) = entry_at(paste, no)?;
        let empty = value.is_empty() || value == "\"\"" || value == "''";
        (empty && names_a_credential(name)).then(|| Signal {
            cause: Cause::MissingConfig,
            strength: EMPTY_CREDENTIAL,
            rule: "check-env-empty-credential",
            detail: Some(format!(
                "variable {name} is set to nothing, so the program has no credential to give"
            )),
            lines: vec![entry],
            pod: None,
            container: None,
            object: Some(name.to_owned()),
        })
    })
}

/// Whether a reference names a variable as env variables are written: upper-case letters and no
/// lower-case ones (`$(date)` is a shell's command).
fn is_upper_case(name: &str) -> bool {
    name.bytes().any(|b| b.is_ascii_uppercase()) && !name.bytes().any(|b| b.is_ascii_lowercase())
}

/// What a refused login keeps when the credential the program sent is an unresolved `$(NAME)`.
const CREDENTIAL_UNEXPANDED: f32 = 0.5;

/// How sure an unresolved reference to a credential is beside a refused login: the program sent
/// the text `$(PGPASSWORD)` as its password, and the service refused it.
const SENT_AS_TEXT: f32 = 0.8;

/// A refused login (`password authentication failed`) beside an `env` value that refers to a
/// credential not defined before it (`postgresql://app:$(PGPASSWORD)@db/app`, with `PGPASSWORD`
/// listed after): the program sent the literal reference, so the setting is the first link and
/// the refusal its consequence.
pub fn unexpanded_credential_gives_way(signals: &mut [Signal]) {
    let credential = |s: &Signal| {
        s.rule == "check-env-unresolved-reference"
            && s.object.as_deref().is_some_and(names_a_credential)
    };
    let refused = signals.iter().any(|s| s.cause == Cause::AuthFailure && s.strength >= 0.5);
    if !refused || !signals.iter().any(credential) {
        return;
    }
    for signal in signals.iter_mut() {
        if credential(signal) {
            signal.strength = signal.strength.max(SENT_AS_TEXT);
        } else if signal.cause == Cause::AuthFailure {
            signal.strength = signal.strength.min(CREDENTIAL_UNEXPANDED);
        }
    }
}

/// What a failure to reach a host keeps when the host is an unexpanded `$(NAME)`.
const HOST_UNEXPANDED: f32 = 0.5;

/// A network failure whose host is a `$(NAME)` reference as given (`Can't reach database server
/// at `$(DATABASE_HOST)``) is the unexpanded variable's consequence: no address was ever asked
/// for, so the network gives way to the setting.
pub fn unexpanded_host_gives_way(paste: &Paste, signals: &mut [Signal]) {
    for signal in signals.iter_mut().filter(|s| {
        matches!(s.cause, Cause::NetworkOrDns | Cause::TransientDependency)
            && !s.lines.is_empty()
            && s.every_line(paste, |l| references(&l.text).any(is_upper_case))
    }) {
        signal.strength = signal.strength.min(HOST_UNEXPANDED);
    }
}

/// The variable name, its value and the line its entry starts on, when line `no` is an `env`
/// value: `value: ...` under `- name: X`, or `X:  value` in a describe's `Environment:` block.
fn entry_at(paste: &Paste, no: usize) -> Option<(&str, &str, usize)> {
    let text = paste.line(no)?.text.as_str();
    let trimmed = text.trim_start();
    if let Some(value) = trimmed.strip_prefix("value:") {
        let previous = paste.line(no.checked_sub(1)?)?.text.trim_start();
        let name = previous.strip_prefix("- ").unwrap_or(previous).strip_prefix("name:")?.trim();
        let name = name.trim_matches(['"', '\'']);
        return is_variable(name).then_some((name, value.trim(), no - 1));
    }
    let (name, value) = trimmed.split_once(':')?;
    let header = block_header(paste, no, indent(text))?;
    (is_variable(name) && header == "Environment:").then_some((name, value.trim(), no))
}

/// The names of the variables listed before the entry that starts on line `entry`, in the same
/// block.
fn defined_before(paste: &Paste, entry: usize) -> Vec<String> {
    let Some(first) = paste.line(entry) else { return Vec::new() };
    let depth = indent(&first.text);
    let yaml =
        first.text.trim_start().starts_with("- ") || first.text.trim_start().starts_with("name:");
    let mut names = Vec::new();
    for no in (entry.saturating_sub(MAX_BLOCK)..entry).rev() {
        let Some(line) = paste.line(no) else { break };
        let trimmed = line.text.trim_start();
        if trimmed.is_empty() {
            continue;
        }
        if indent(&line.text) < depth {
            break;
        }
        let name = if yaml {
            trimmed.strip_prefix("- ").unwrap_or(trimmed).strip_prefix("name:").map(str::trim)
        } else if indent(&line.text) == depth {
            trimmed.split_once(':').map(|(name, _)| name)
        } else {
            None
        };
        names.extend(name.map(|n| n.trim_matches(['"', '\'']).to_owned()));
    }
    names
}

/// The trimmed text of the nearest line above `no` indented less than `depth`.
fn block_header(paste: &Paste, no: usize, depth: usize) -> Option<&str> {
    (no.saturating_sub(MAX_BLOCK)..no)
        .rev()
        .filter_map(|n| paste.line(n))
        .find(|l| !l.text.trim().is_empty() && indent(&l.text) < depth)
        .map(|l| l.text.trim())
}

/// The variables `$(NAME)` of `value` refers to; `$$(NAME)` is an escaped, literal one.
fn references(value: &str) -> impl Iterator<Item = &str> {
    value.match_indices("$(").filter_map(move |(at, _)| {
        if value[..at].ends_with('$') {
            return None;
        }
        let rest = &value[at + 2..];
        let name = &rest[..rest.find(')')?];
        is_variable(name).then_some(name)
    })
}

fn is_variable(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The kubelet's service variables (`X_SERVICE_HOST`, `X_PORT_80_TCP`, ...) resolve too.
fn is_service_variable(name: &str) -> bool {
    name.contains("_SERVICE_") || name.ends_with("_PORT") || name.contains("_PORT_")
}

fn indent(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Option<String> {
        unresolved_reference(&Paste::new(text)).and_then(|s| s.detail)
    }

    #[test]
    fn a_reference_to_a_later_variable_is_unresolved() {
        let describe = "    Environment:\n      SHARD:   $(JOB_COMPLETION_INDEX)\n      \
                        JOB_COMPLETION_INDEX:   (v1:metadata.annotations['x'])\n    Mounts:\n";
        assert!(found(describe).is_some_and(|d| d.contains("$(JOB_COMPLETION_INDEX)")));
        let manifest = "          env:\n            - name: URL\n              value: \
                        http://$(DB_HOST):5432\n            - name: DB_HOST\n              \
                        value: db\n";
        assert!(found(manifest).is_some_and(|d| d.contains("variable URL")));
    }

    #[test]
    fn a_describes_args_list_is_the_spec_not_what_the_program_was_given() {
        let describe = "  istio-proxy:\n    Args:\n      proxy\n      --domain\n      \
                        $(POD_NAMESPACE).svc.cluster.local\n    State:          Running\n";
        let paste = Paste::new(describe);
        assert!(in_a_describes_argv(&paste, 5));
        let logged = Paste::new("$ kubectl logs x\nconnecting to $(DB_HOST):5432\n");
        assert!(!in_a_describes_argv(&logged, 2));
    }

    #[test]
    fn a_reference_to_an_earlier_or_service_variable_resolves() {
        let manifest = "          env:\n            - name: DB_HOST\n              value: db\n  \
                        \x20         - name: URL\n              value: http://$(DB_HOST):5432\n";
        assert_eq!(found(manifest), None);
        let describe = "    Environment:\n      HOST:   db\n      URL:    \
                        http://$(HOST):$(DB_SERVICE_PORT)\n    Mounts:\n";
        assert_eq!(found(describe), None);
        // Escaped, and outside an env block.
        assert_eq!(found("    Environment:\n      PRICE:   $$(NOT_A_VAR)\n"), None);
        assert_eq!(found("    Args:\n      echo $(date)\n"), None);
        assert_eq!(found("run: $(MISSING)\n"), None);
    }

    #[test]
    fn a_reference_the_program_printed_was_never_expanded() {
        let in_logs = |text: &str| {
            let paste = Paste::new(text);
            let (facts, _) = crate::extract::extract(&paste, &crate::capture::capture(&paste));
            unexpanded_in_output(&paste, &facts).map(|s| s.lines)
        };
        let logs = "$ kubectl logs up-7k2pq\nstarting\nfatal: bad version: $(FROM_VERSION)\n";
        assert_eq!(in_logs(logs), Some(vec![3]));
        // The manifest's own entries, pasted as text beside the logs, hold the reference as
        // written.
        for quiet in [
            "$(date) done",
            "$(DB_SERVICE_PORT) open",
            "$$(FROM_VERSION) kept",
            "$(Mixed)",
            "    - \"$(DATABASE_URL)\"",
            "      value: http://$(DB_HOST):5432",
        ] {
            assert_eq!(in_logs(&format!("$ kubectl logs up-7k2pq\n{quiet}\n")), None, "{quiet}");
        }
    }
}
