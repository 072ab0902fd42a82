//! `kubectl get` tables and event rows.
//!
//! kubectl pads columns with at least three spaces (a tabwriter), older releases and some
//! pastes with tabs; a cell may hold single spaces (`2 (55s ago)`, `kubelet, node-1`). So cells
//! are split at tabs and at runs of two or more spaces, never at fixed columns, and cells beyond
//! the header's count belong to the last column (a message with a double space in it).

/// Column names kubectl prints, used to tell a table header from a shouted log line.
const KNOWN: &[&str] = &[
    "NAME",
    "READY",
    "STATUS",
    "RESTARTS",
    "AGE",
    "NAMESPACE",
    "LAST SEEN",
    "TYPE",
    "REASON",
    "OBJECT",
    "MESSAGE",
    "KIND",
    "COMPLETIONS",
    "DURATION",
    "SCHEDULE",
    "SUSPEND",
    "ACTIVE",
    "DESIRED",
    "SUCCESSFUL",
    "NODE",
    "IP",
    "CAPACITY",
    "ACCESS MODES",
    "VOLUME",
    "DATA",
    "STARTED",
    "ROLES",
    "VERSION",
    "CPU",
    "MEM",
    "MEMORY",
];

/// A table: its header (possibly supplied by the command) and its rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

/// A row of cells and its paste line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

/// An event as a describe events table or `kubectl get events` prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRow {
    pub kind: String,
    pub reason: String,
    pub object: Option<String>,
    pub message: String,
    /// The Age (describe) or LAST SEEN (`kubectl get events`) cell, as printed.
    pub age: Option<String>,
}

/// Cells of a line: split at tabs and at runs of two or more spaces.
pub fn cells(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let gap = bytes[i] == b'\t' || (bytes[i] == b' ' && bytes.get(i + 1) == Some(&b' '));
        if gap {
            if let Some(s) = start.take() {
                out.push(&text[s..i]);
            }
            while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
                i += 1;
            }
            continue;
        }
        if start.is_none() && bytes[i] != b' ' {
            start = Some(i);
        }
        i += 1;
    }
    if let Some(s) = start {
        out.push(text[s..].trim_end());
    }
    out
}

/// Whether a line is a table header: two or more upper-case cells, one a known column. A
/// terminal UI's header may mark the sorted column with an arrow (`NAME↑`) and have columns
/// like `CPU/R:L` or `%MEM/L` (k9s).
pub fn is_header(text: &str) -> bool {
    let cells = cells(text);
    cells.len() >= 2
        && cells.iter().all(|c| {
            c.chars().next().is_some_and(|f| f.is_ascii_uppercase() || f == '%')
                && c.chars().all(|ch| {
                    ch.is_ascii_uppercase() || ch.is_ascii_digit() || " ()._/-:%↑↓".contains(ch)
                })
        })
        && cells.iter().any(|c| KNOWN.contains(&column_name(c)))
}

/// The cells of a `kubectl get pods` row that lost its header (`NAME READY STATUS RESTARTS AGE`,
/// and the columns of `-o wide` after them), as people quote one in prose, perhaps as a list item
/// (`- x-7k2pq  0/1  Error  0  77s`): `None` for any other line.
pub fn pod_row(text: &str) -> Option<Vec<&str>> {
    let mut cells = cells(text);
    if !(5..=9).contains(&cells.len()) {
        return None;
    }
    let first = cells[0];
    cells[0] = first.strip_prefix("- ").or_else(|| first.strip_prefix("* ")).unwrap_or(first);
    let name = cells[0]
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
        && cells[0].contains('-');
    let ready = cells[1].split_once('/').is_some_and(|(a, b)| {
        [a, b].iter().all(|n| !n.is_empty() && n.bytes().all(|d| d.is_ascii_digit()))
    });
    let status = cells[2].starts_with(|c: char| c.is_ascii_uppercase())
        && cells[2].chars().all(|c| c.is_ascii_alphanumeric() || c == ':');
    let restarts =
        cells[3].split(' ').next().is_some_and(|n| n.bytes().all(|d| d.is_ascii_digit()));
    let age = cells[4].starts_with(|c: char| c.is_ascii_digit())
        && cells[4].chars().all(|c| c.is_ascii_digit() || "smhdy".contains(c));
    (name && ready && status && restarts && age).then_some(cells)
}

/// A header cell without the arrow that marks a sorted column.
pub fn column_name(cell: &str) -> &str {
    cell.trim_end_matches(['↑', '↓'])
}

/// Reads rows under `header`; extra cells join the last column.
pub fn rows<'a>(header: &[String], lines: impl Iterator<Item = (usize, &'a str)>) -> Vec<Row> {
    let width = header.len().max(1);
    lines
        .filter(|(_, text)| !text.trim().is_empty() && text.trim() != "...")
        .map(|(line, text)| {
            let mut cells: Vec<String> = cells(text).into_iter().map(str::to_owned).collect();
            if cells.len() > width {
                let rest = cells.split_off(width - 1).join("  ");
                cells.push(rest);
            }
            Row { line, cells }
        })
        .collect()
}

impl Table {
    /// The index of the column named `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// The cell of `row` in the column named `name`.
    pub fn cell<'a>(&self, row: &'a Row, name: &str) -> Option<&'a str> {
        self.column(name).and_then(|i| row.cells.get(i)).map(String::as_str)
    }
}

/// Reads an event row: `Warning  Failed  29m  kubelet  Error: ...` (describe) or
/// `10m  Warning  BackoffLimitExceeded  job/x  Job has ...` (`kubectl get events`).
pub fn event_row(text: &str) -> Option<EventRow> {
    let cells = cells(text);
    let Some(k) = cells.iter().take(8).position(|c| *c == "Normal" || *c == "Warning") else {
        return single_spaced_event_row(text);
    };
    let reason = cells.get(k + 1)?;
    if !reason.chars().all(|c| c.is_ascii_alphanumeric()) || reason.is_empty() {
        return None;
    }
    // kubectl before 1.14: LAST SEEN, FIRST SEEN, COUNT, NAME, KIND, [SUBOBJECT,] TYPE, REASON,
    // SOURCE, MESSAGE, the NAME the event's own (`<object>.<hex id>`).
    let old_object = cells.get(..k).filter(|_| k > 0).and_then(old_layout_object);
    let old = old_object.is_some();
    let (object, message) = if k == 0 {
        // Type, Reason, Age, From, Message.
        (None, cells.get(4..).map(|m| m.join("  ")))
    } else if let Some(object) = old_object {
        (Some(object), cells.get(k + 3..).map(|m| m.join("  ")))
    } else {
        let next = cells.get(k + 2).copied();
        match next {
            Some(o) if o.contains('/') && !o.contains(' ') => {
                (Some(o.to_owned()), cells.get(k + 3..).map(|m| m.join("  ")))
            }
            Some(o) if cells.len() > k + 3 && !o.contains(' ') => {
                (None, cells.get(k + 3..).map(|m| m.join("  ")))
            }
            _ => (None, cells.get(k + 2..).map(|m| m.join("  "))),
        }
    };
    let message = message.filter(|m| !m.is_empty())?;
    let age = match (k, old) {
        (0, _) => cells.get(2),
        (_, true) => cells.first(),
        _ => cells.get(k - 1),
    }
    .map(|a| (*a).to_owned());
    Some(EventRow { kind: cells[k].to_owned(), reason: (*reason).to_owned(), object, message, age })
}

/// A describe's event row whose runs of spaces were squeezed to one, as a page that renders a
/// paste outside a code block shows it: `Warning Failed 5m3s (x4 over 6m45s) kubelet Error: ...`.
/// Only a row that starts with its type, has a reason in CamelCase, an age kubectl would print
/// and a source such as `kubelet` or `default-scheduler` is read, so that no line of a log is.
fn single_spaced_event_row(text: &str) -> Option<EventRow> {
    let text = text.trim();
    let (kind, rest) = text.split_once(' ')?;
    if kind != "Normal" && kind != "Warning" {
        return None;
    }
    let (reason, rest) = rest.split_once(' ')?;
    let camel = reason.starts_with(|c: char| c.is_ascii_uppercase())
        && reason.chars().all(|c| c.is_ascii_alphanumeric());
    let (age, rest) = rest.split_once(' ')?;
    let age_like = |a: &str| {
        a == "<unknown>"
            || (a.starts_with(|c: char| c.is_ascii_digit())
                && a.chars().all(|c| c.is_ascii_digit() || "smhdy".contains(c)))
    };
    if !camel || !age_like(age) {
        return None;
    }
    // `(x4 over 6m45s)` after the age belongs to it.
    let (age, rest) = match rest.strip_prefix("(x") {
        Some(count) => {
            let (inside, after) = count.split_once(") ")?;
            (format!("{age} (x{inside})"), after)
        }
        None => (age.to_owned(), rest),
    };
    let (from, message) = rest.split_once(' ')?;
    // Before kubectl 1.14 the source named the node too: `kubelet, node-4`.
    let message = match from.strip_suffix(',') {
        Some(_) => message.split_once(' ')?.1,
        None => message,
    };
    let source = from.trim_end_matches(',');
    let source_like = !source.is_empty()
        && source
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
    (source_like && !message.trim().is_empty()).then(|| EventRow {
        kind: kind.to_owned(),
        reason: reason.to_owned(),
        object: None,
        message: message.trim().to_owned(),
        age: Some(age),
    })
}

/// The object of an event row of kubectl's old layout, from the cells before its TYPE: a KIND
/// (`Pod`) after the event's NAME (`<object name>.<hex id>`), a SUBOBJECT cell between them or
/// not. `pod/<name>` and the like.
fn old_layout_object(before: &[&str]) -> Option<String> {
    const KINDS: &[&str] = &["Pod", "Job", "CronJob", "Node", "PersistentVolumeClaim"];
    let at = before.iter().rposition(|c| KINDS.contains(c))?;
    let name = before.get(at.checked_sub(1)?)?;
    let (object, id) = name.rsplit_once('.')?;
    let hex = id.len() >= 8 && id.bytes().all(|b| b.is_ascii_hexdigit());
    (hex && !object.is_empty()).then(|| format!("{}/{object}", before[at].to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_rows_squeezed_to_single_spaces() {
        let row = event_row(
            "Warning Failed 5m3s (x4 over 6m45s) kubelet Failed to pull image \"tc:latest\": denied",
        )
        .expect("a squeezed row");
        assert_eq!(
            (row.kind.as_str(), row.reason.as_str(), row.age.as_deref()),
            ("Warning", "Failed", Some("5m3s (x4 over 6m45s)"))
        );
        assert_eq!(row.message, "Failed to pull image \"tc:latest\": denied");
        let old = event_row("Normal Pulled 2m kubelet, node-4 Successfully pulled image \"a\"")
            .expect("the old source");
        assert_eq!(old.message, "Successfully pulled image \"a\"");
        let scheduled = event_row(
            "Warning FailedScheduling 7m2s default-scheduler persistentvolumeclaim \"v\" not found",
        )
        .expect("the scheduler's row");
        assert_eq!(scheduled.reason, "FailedScheduling");
        // Prose and log lines that start with the same words are not events.
        for line in [
            "Warning Failed to connect to the database: retrying",
            "Warning: Use tokens from the TokenRequest API",
            "Normal Pulled 2m Kubelet pulled it",
            "Warning BackOff often means the container keeps failing",
        ] {
            assert!(event_row(line).is_none(), "{line}");
        }
    }

    #[test]
    fn event_rows_of_the_old_layout_name_their_object() {
        let row = event_row(
            "12m    12m    1    batch-9-5512.15c23f1e0a9b7c44   Pod     Warning   FailedMount   \
             kubelet, node-4gq2   MountVolume.SetUp failed for volume \"key\" : secret \"key\" not found",
        )
        .unwrap();
        assert_eq!(row.object.as_deref(), Some("pod/batch-9-5512"));
        assert_eq!(row.age.as_deref(), Some("12m"));
        assert!(row.message.starts_with("MountVolume.SetUp failed"), "{}", row.message);
        let sub = event_row(
            "1m   1m   1   x-1.15c2402851e4fd08   Pod   spec.containers{x}   Normal   Pulled   \
             kubelet, n1   Container image \"busybox\" already present on machine",
        )
        .unwrap();
        assert_eq!(sub.object.as_deref(), Some("pod/x-1"));
        assert_eq!(sub.age.as_deref(), Some("1m"));
        assert!(sub.message.starts_with("Container image"), "{}", sub.message);
    }

    #[test]
    fn cells_keep_single_spaces() {
        assert_eq!(
            cells("pod/ingress-create-k2v8t   0/1     Error    2 (55s ago)   2m"),
            ["pod/ingress-create-k2v8t", "0/1", "Error", "2 (55s ago)", "2m"]
        );
        assert_eq!(cells("\tNAME\tREADY\t\tSTATUS"), ["NAME", "READY", "STATUS"]);
    }

    #[test]
    fn headers_are_told_from_shouting() {
        assert!(is_header("NAME              READY     STATUS               RESTARTS   AGE"));
        assert!(is_header("LAST SEEN   TYPE      REASON         KIND   MESSAGE"));
        assert!(!is_header("ERROR  SOMETHING  BROKE"));
        assert!(!is_header("NAME"));
        assert!(!is_header("  Type     Reason   Age   From   Message"));
        assert!(is_header("NAME↑          PF IMAGE    READY  STATE      INIT   RESTARTS PROBES(L:R) CPU/R:L %MEM/L   AGE"));
    }

    #[test]
    fn pod_rows_without_their_header() {
        let row = |t| pod_row(t).map(|c| c.join("|"));
        assert_eq!(
            row("- x-1-q7m2x  1/2  Error  0  77s").as_deref(),
            Some("x-1-q7m2x|1/2|Error|0|77s")
        );
        let restarted = "x-7k2pq   0/1   CrashLoopBackOff   24 (3m41s ago)   121m";
        assert_eq!(
            row(restarted).as_deref(),
            Some("x-7k2pq|0/1|CrashLoopBackOff|24 (3m41s ago)|121m")
        );
        assert!(row("x-7k2pq   0/1   Init:Error   0   5d   10.0.0.1   node-a   <none>   <none>")
            .is_some());
        assert_eq!(row("web   1/1   Running"), None, "too few cells");
        assert_eq!(row("Value  1/2  Error  0  77s"), None, "a name is lower case");
        assert_eq!(row("x-7k2pq  ready  Error  0  77s"), None);
        assert_eq!(row("x-7k2pq  1/2  Error  zero  77s"), None);
        assert_eq!(row("x-7k2pq  1/2  error  0  77s"), None, "a status is capitalised");
    }

    #[test]
    fn event_rows_of_both_layouts() {
        let describe = event_row(
            "  Warning  Failed     29m                kubelet, ip-10-20-41-7.ec2.internal  Error: \
             secrets \"fanout-secret-47\" not found",
        )
        .unwrap();
        assert_eq!(describe.reason, "Failed");
        assert_eq!(describe.message, "Error: secrets \"fanout-secret-47\" not found");
        let get = event_row(
            "18m         Normal    ScaleDown              pod/kw-6ppdk   deleting pod for node scale down",
        )
        .unwrap();
        assert_eq!(get.object.as_deref(), Some("pod/kw-6ppdk"));
        assert_eq!(get.message, "deleting pod for node scale down");
        let old = event_row(
            "3s   Warning   FailedCreate   Job    Error creating: pods \"t-\" is forbidden",
        )
        .unwrap();
        assert_eq!(
            (old.reason.as_str(), old.message.as_str()),
            ("FailedCreate", "Error creating: pods \"t-\" is forbidden")
        );
        assert_eq!(event_row("Normal text without columns"), None);
    }
}
