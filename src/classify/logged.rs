//! The first error the program logged, when no rule knows its message. A log that ends a failed
//! run with `error: the ledger does not balance` names the failure as plainly as a traceback; an
//! expert reads it as the program's own failure (`app-error`) and quotes that line, unless the
//! line's own words (the `cues` of `content/`) say what kind of failure it is. It is the last
//! resort: a rule that knows any line of the logs speaks instead. Only what the workload
//! printed counts (`kubectl logs`, `stern`, a container's log file), not a tool's own errors
//! (`helm`: `Error: UPGRADE FAILED`).

use super::{Headline, Signal};
use crate::cause::Cause;
use crate::model::Facts;
use crate::rules::pattern::{klog_severity, line_start, message_start};
use crate::text::Paste;

/// The strength of the first error line when the paste also shows that something failed (a
/// failed pod, an exit code, the Job's failure), and when it shows only the logs.
const WITH_FAILURE: f32 = 0.5;
const LOGS_ONLY: f32 = 0.45;
/// The strength of the first error line of text no command introduces: likely the program's
/// output, pasted without its `kubectl logs`, but possibly a tool's.
const BARE: f32 = 0.42;

/// Lower-case marks that open an error message (after the log prefixes).
const OPENINGS: &[&str] = &[
    "error:",
    "error ",
    "fail:",
    "fatal:",
    "fatal ",
    "[error]",
    "[fatal]",
    // redis-cli's cluster manager: `[ERR] Node 10.0.0.4:6379 is not empty.`
    "[err] ",
    // logrus's text formatter without colours cuts the level to four letters: `ERRO[0009] ...`.
    "erro[",
    "fata[",
    "critical:",
    // .NET's console logger, its level cut to four letters: `crit: Microsoft.Hosting...[10]`.
    "crit:",
    "[critical]",
    "unhandled exception",
    "uncaught exception",
    // Ruby's rake, as a task raises: `rake aborted!`, the error on the next line.
    "rake aborted!",
    // curl, on any transfer it gives up: `curl: (22) The requested URL returned error: 403`.
    "curl: (",
];

/// Lower-case marks of an error level anywhere in a structured or leveled log line.
const LEVELS: &[&str] = &[
    "level=error",
    "level=fatal",
    "level=critical",
    // structlog's console renderer pads the level: `[error    ] Loading failed`.
    "[error ",
    "[critical ",
    "\"level\":\"error\"",
    "\"level\":\"fatal\"",
    "\"severity\":\"error\"",
    "\"severity\":\"critical\"",
    "\"severity\":\"alert\"",
    "\"severity\":\"emergency\"",
    "\"log.level\":\"error\"",
    "\"levelname\":\"error\"",
    "\"levelname\":\"critical\"",
    "\"@l\":\"error\"",
    "\"@l\":\"fatal\"",
    // pino and bunyan: 50 is error, 60 fatal.
    "\"level\":50",
    "\"level\":60",
    "[error]",
    "[fatal]",
    ": error: ",
];

/// Marks of a failure between words, unless a count of none follows: `jobs failed: 0`.
const FAILED_WORDS: &[&str] = &[" failed: ", " failure: "];

/// A level word between spaces, as loggers print it (`2024-03-04 09:12:00,114 ERROR export
/// aborted`, zerolog's console `2:13AM ERR message`, MinIO's `mc: <ERROR> ...`) or as a program
/// words its failure (`Unexpected error running Liquibase`).
const LEVEL_WORDS: &[&str] =
    &[" ERROR ", " FATAL ", " CRITICAL ", " ERR ", " FTL ", " <ERROR> ", " <FATAL> "];

/// How a level word between spaces is matched ([`LEVEL_WORDS`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Words {
    /// In any case: the line is a program's output.
    AnyCase,
    /// In upper case only: the line may be prose (`the only error I can find`).
    UpperCase,
}

/// Lower-case marks of a lower level: a line that carries one is not an error.
const CALM: &[&str] = &[
    "level=info",
    "level=debug",
    "level=warn",
    "\"level\":\"info\"",
    "\"level\":\"debug\"",
    "\"level\":\"warn",
    "\"level\":30",
    "\"level\":40",
    "\"severity\":\"info",
    "\"severity\":\"warn",
    "\"severity\":\"debug",
    "\"severity\":\"notice",
    " info ",
    " debug ",
    " warn ",
    " warning ",
    " inf ",
    " dbg ",
    " wrn ",
    " trc ",
    "[info]",
    "[debug]",
    "[warn",
    "[info ",
    "[debug ",
];

/// Lower-case marks of a structured record at level info or debug: the program logged it in its
/// normal course (`"msg":"no secret found"` before it creates one).
const STRUCTURED_CALM: &[&str] = &[
    "level=info",
    "level=debug",
    "level=trace",
    "\"level\":\"info\"",
    "\"level\":\"debug\"",
    "\"level\":\"trace\"",
    "\"level\":30",
    "\"level\":20",
    "\"severity\":\"info\"",
    "\"severity\":\"debug\"",
];

/// Upper-case marks of a debug or trace record as plain-text loggers print the level (rclone's
/// `2022/06/28 10:17:19 DEBUG : ...`, log4j's `DEBUG [main] ...`).
const PLAIN_DEBUG: &[&str] = &["DEBUG ", "[DEBUG]", "DEBUG:", "DBG ", "TRACE ", "[TRACE]"];

/// Whether `text` (as pasted) is a record a program logged at level debug or trace: what it
/// noted while it worked, not its failure. Upper case only, as loggers print levels: in a
/// sentence "debug" is a word. The level opens the line or follows a space.
pub fn plain_debug(text: &str) -> bool {
    if !text.contains("DEBUG") && !text.contains("DBG") && !text.contains("TRACE") {
        return false;
    }
    PLAIN_DEBUG.iter().any(|mark| {
        text.match_indices(mark).any(|(at, _)| at == 0 || text[..at].ends_with([' ', '\t']))
    })
}

/// Whether the lower-case `line` is a structured log record (logfmt, JSON) at level info or
/// debug. Plain `INFO` is not enough: tools relay a container's output at their own INFO level
/// (Airflow's `INFO - [base] ...`), and controllers log the events they record on klog's `I`
/// lines (`reason: 'DeadlineExceeded'`).
pub fn structured_calm(line: &str) -> bool {
    // Most lines carry no level at all: they stop here, before any copy is made.
    if !line.contains("level") && !line.contains("severity") {
        return false;
    }
    let whole = &line[line_start(line)..];
    // A record that relays another program's output in one field (`msg="stderr=[...\nERROR:
    // ...]"`) carries that program's error past its own calm level.
    if RELAYED_ERRORS.iter().any(|e| whole.contains(e)) {
        return false;
    }
    let padded = whole.replace("\": ", "\":");
    STRUCTURED_CALM.iter().any(|c| padded.contains(c))
}

/// Lower-case marks of an error line inside a relayed output, after an escaped newline.
const RELAYED_ERRORS: &[&str] = &["\\nerror:", "\\nerror ", "\\nfatal:", "\\nfatal "];

/// Marks of another program's error level, as it prints it in upper case, inside a record a
/// wrapper logged at its own calm level (CloudNativePG relays barman's stderr at info:
/// `"msg":"2025-04-12 21:04:57,476 [19] ERROR: WAL archive check failed"`).
const RELAYED_LEVELS: &[&str] = &[" ERROR: ", "] ERROR ", " FATAL: ", " PANIC: "];

/// Whether `text` (as pasted), a record logged at a calm level, relays another program's error
/// line in its message.
pub fn relays_an_error(text: &str) -> bool {
    RELAYED_LEVELS.iter().any(|l| text.contains(l))
}

/// Whether a log line carries a level below error (info, debug, a warning), as loggers print
/// it or klog marks it.
pub fn is_calm(text: &str) -> bool {
    let lower = text.to_lowercase();
    let whole = &lower[line_start(&lower)..];
    if let Some(severity) = klog_severity(whole) {
        return matches!(severity, 'I' | 'W');
    }
    if let Some(level) = capnslog_severity(whole) {
        return !matches!(level, 'c' | 'e');
    }
    CALM.iter().any(|c| padded(whole).contains(c))
}

/// Lower-case marks of a warning: calm, but a framework logs the exception that stopped it at
/// this level (Spring's `Exception encountered during context initialization`).
const WARNING: &[&str] = &[" warn ", " warning ", "level=warn", "\"level\":\"warn", "[warn"];

/// Whether `text` (as pasted) is a record logged at level warning.
fn is_warning(text: &str) -> bool {
    let lower = text.to_lowercase();
    let whole = padded(&lower[line_start(&lower)..]);
    WARNING.iter().any(|w| whole.contains(w))
}

/// `whole` between spaces, read as loggers write levels and pretty printers space JSON: zap's
/// console encoder and others part their fields with tabs (a tab is a space here), and
/// `"level": "error"` is `"level":"error"`.
fn padded(whole: &str) -> String {
    format!(" {whole} ").replace('\t', " ").replace("\": ", "\":")
}

/// Lower-case marks of an error message that is only an unprinted object: Node.js prints a
/// rejected plain object as `#<Object>`, and string concatenation makes it `[object Object]`.
const OPAQUE: &[&str] = &["#<object>", "[object object]"];

/// What Node.js before 15 warns after every unhandled rejection, whatever was rejected (Node 15
/// and later crash instead, with the rejection's reason in the same sentence).
const NODE_REJECTION_BOILERPLATE: &str =
    "Unhandled promise rejection. This error originated either by throwing inside of an async";

/// The strength of an error whose message is opaque: below deciding.
const OPAQUE_ERROR: f32 = 0.3;

/// Whether `text` carries an error message that is only an unprinted object ([`OPAQUE`]).
fn is_opaque(text: &str) -> bool {
    let lower = text.to_lowercase();
    OPAQUE.iter().any(|o| lower.contains(o))
}

/// The rule of `content/causes/bad-command.md` that reads Node.js's `requireStack: []`.
const NODE_ENTRY_MISSING: &str = "text-node-entry-missing";

/// How far above `requireStack: []` the error it closes is looked for.
const ERROR_RECORD: usize = 8;

/// Node.js prints a missing module as an error record: `Error: Cannot find module '/app/x.js'`,
/// its stack, then `requireStack: []` (empty for the entry script the command names). The rule
/// reads the last line; the first, which names the file, is shown with it.
pub fn node_entry_names_its_module(paste: &Paste, signals: &mut [Signal]) {
    for signal in signals.iter_mut().filter(|s| s.rule == NODE_ENTRY_MISSING) {
        let Some(&close) = signal.lines.first() else { continue };
        let above = (close.saturating_sub(ERROR_RECORD)..close).rev();
        let named =
            above.filter_map(|n| paste.line(n)).find(|l| l.text.contains("Cannot find module"));
        if let Some(line) = named {
            signal.lines.insert(0, line.no);
        }
    }
}

/// Program errors that stand only on opaque messages (`UnhandledPromiseRejectionWarning:
/// #<Object>`) give way: they say a promise was rejected, not why.
pub fn opaque_errors_give_way(paste: &Paste, signals: &mut [Signal]) {
    // Node's own words beside each such rejection say no more than that one happened.
    let said_of_any = |text: &str| text.contains(NODE_REJECTION_BOILERPLATE);
    let opaque =
        |no: usize| paste.line(no).is_some_and(|l| is_opaque(&l.text) || said_of_any(&l.text));
    for signal in signals.iter_mut().filter(|s| s.cause == Cause::AppError) {
        if signal.stands_only_on(opaque) {
            signal.strength = signal.strength.min(OPAQUE_ERROR);
        }
    }
}

/// The rule id of [`first_error`]'s signal.
const FIRST_ERROR: &str = "check-first-logged-error";

/// Whether `signal` is [`first_error`]'s, found on a line no `kubectl logs` printed.
pub fn is_bare_error(signal: &Signal) -> bool {
    signal.rule == FIRST_ERROR && signal.strength <= BARE
}

/// The id of the rule in `content/causes/app-error.md` that matches a Python traceback's header.
const TRACEBACK_RULE: &str = "text-traceback";

/// Whether `signal` says only that the program failed, not how: [`first_error`]'s line (read
/// from its cue words or not), or a Python traceback no rule reads further.
pub fn is_generic_error(signal: &Signal) -> bool {
    signal.rule == FIRST_ERROR || (signal.cause == Cause::AppError && signal.rule == TRACEBACK_RULE)
}

/// The rules that read a program printing its usage (`content/causes/bad-command.md`).
const USAGE_RULES: &[&str] = &["text-usage-line", "text-usage-options-command"];

/// What a usage keeps when the program printed an error just before it.
const USAGE_AFTER_AN_ERROR: f32 = 0.25;

/// A usage printed right after an error line (`Error: invalid value for START_DATE` then
/// `Usage: recon [flags]`): command-line libraries print the usage after any error the command
/// returns, not only a wrong command line (cobra unless SilenceUsage), so the error line says
/// what failed and the usage gives way to it. An error about the command line itself (an
/// unknown flag or command, missing arguments) keeps it.
pub fn usage_after_an_error_gives_way(paste: &Paste, signals: &mut [Signal]) {
    let after_an_error = |no: usize| {
        let before = no.checked_sub(1).and_then(|b| paste.line(b));
        before.is_some_and(|l| {
            let lower = l.text.to_lowercase();
            let about_the_command_line = ["flag", "command", "argument", "arg(s)", "option"]
                .iter()
                .any(|w| lower.contains(w));
            is_error(&l.text) && !about_the_command_line
        })
    };
    for signal in signals.iter_mut().filter(|s| USAGE_RULES.contains(&s.rule)) {
        if signal.stands_only_on(after_an_error) {
            signal.strength = signal.strength.min(USAGE_AFTER_AN_ERROR);
        }
    }
}

/// What a refusal of the API server keeps when the Job's own program got it, in the logs the
/// paste shows it printing (`helm upgrade` in an install Job: `error validating data`): the
/// manifest refused is one the program applied, made from its values or templates, not the
/// Job's, which the API server took. Short of certain. (A controller's logs are another story:
/// what it was refused, it made from the user's own object.)
const REFUSED_APPLY: f32 = 0.6;

/// Weakens a rejected manifest that stands only on the Job's program's logs.
pub fn refused_applies_of_the_program(facts: &Facts, signals: &mut [Signal]) {
    if !signals.iter().any(|s| s.cause == Cause::InvalidSpec) {
        return;
    }
    let ranges = crate::join::workload_lines(facts);
    if ranges.is_empty() {
        return;
    }
    let serving = crate::join::serving_logs(facts, &ranges);
    let printed = |no: usize| {
        ranges.iter().any(|r| r.contains(&no)) && !serving.iter().any(|r| r.contains(&no))
    };
    for signal in signals.iter_mut().filter(|s| s.cause == Cause::InvalidSpec) {
        if signal.stands_only_on(printed) {
            signal.strength = signal.strength.min(REFUSED_APPLY);
        }
    }
}

/// The first error line of the logs, when no other signal stands on any log line.
pub fn first_error(
    paste: &Paste,
    facts: &Facts,
    signals: &[Signal],
    headline: Option<&Headline>,
) -> Option<Signal> {
    // A launcher's traceback that only reports the pod failed (weakened below a bare line) says
    // nothing of why: the program's own first error still counts.
    // Nor does a usage that gave way to the error printed before it.
    let weak_generic = |s: &Signal| is_generic_error(s) && s.strength < BARE;
    let weak_usage =
        |s: &Signal| USAGE_RULES.contains(&s.rule) && s.strength <= USAGE_AFTER_AN_ERROR;
    // Nor a registry's answer the program printed itself (a pruner's, a mirror's): weakened
    // there, it is the program's own work with images, whose failure the first error says.
    let weak_registry = |s: &Signal| {
        matches!(s.cause, Cause::BadImage | Cause::ImagePullAuth)
            && s.strength <= super::pull::IN_A_PROGRAMS_OUTPUT
    };
    let telling = |s: &&Signal| !weak_generic(s) && !weak_usage(s) && !weak_registry(s);
    let on_logs = signals.iter().filter(telling).any(|s| s.lines.iter().any(|&l| facts.is_log(l)));
    if on_logs || facts.log_lines.is_empty() {
        return None;
    }
    let ranges = crate::join::workload_lines(facts);
    // A controller's or a service's logs hold its own errors, not the Job program's.
    let serving = crate::join::serving_logs(facts, &ranges);
    let printed = |no: usize| {
        ranges.iter().any(|r| r.contains(&no)) && !serving.iter().any(|r| r.contains(&no))
    };
    // Without a `kubectl logs` in the paste, lines no command printed may be the workload's
    // output pasted bare (or in a tool's report of the failed pod); less surely. A command's
    // output runs to the next command or the first blank line.
    let headline_line = headline.and_then(|h| h.line);
    let outputs = command_outputs(paste, facts);
    let bare =
        |no: usize| ranges.is_empty() && !in_outputs(&outputs, no) && Some(no) != headline_line;
    // A tool's report of how a Job ended (Helm's Tiller, a CI runner) is no program's own error,
    // whether or not a command printed it.
    // Nor is kubectl's own `error: ...` as the first line a `kubectl logs` printed (`error: timed
    // out waiting for the condition` when the Job has no pod left to read).
    let kubectl_answer = |l: &crate::text::Line| {
        l.text.starts_with("error: ") && ranges.iter().any(|r| r.start == l.no)
    };
    let own = |no: usize| {
        paste.line(no).is_some_and(|l| {
            !reports_the_outcome(&l.text) && !of_the_kubelet(&l.text) && !kubectl_answer(l)
        })
    };
    let candidates = || {
        facts
            .log_lines
            .iter()
            .filter(|&&no| (printed(no) || bare(no)) && own(no))
            .filter_map(|&no| paste.line(no))
    };
    let powershell = powershell_messages(paste);
    let marked = candidates().find(|line| {
        // A line no command printed may be the user's own words: a level word counts only
        // as loggers print it, in upper case.
        let words = if printed(line.no) { Words::AnyCase } else { Words::UpperCase };
        is_error_with(&line.text, words) || powershell.contains(&line.no)
    });
    let failed = headline.is_some() || signals.iter().any(|s| s.strength >= 0.25);
    // Without a line marked as an error, a failed run's logs may still say what went wrong in
    // plain words (`xbstream: failed to create file.`), in the output a command printed.
    let worded = || candidates().find(|line| printed(line.no) && says_it_failed(&line.text));
    let (line, surely) = match marked {
        Some(line) => (line, printed(line.no)),
        None if failed => (worded()?, true),
        None => return None,
    };
    let strength = match (failed, surely) {
        (true, true) => WITH_FAILURE,
        (false, true) => LOGS_ONLY,
        (_, false) => BARE,
    };
    // An error whose message is an object the runtime could not print (`#<Object>`) names no
    // failure at all: the next command must find the message.
    let strength = if is_opaque(&line.text) { OPAQUE_ERROR } else { strength };
    // No rule knows the message, but its own words may say what kind of failure it is: the
    // innermost cause of its chain first, where it continues on lines of its own.
    let detail = "the first error the program logged; no rule knows its message";
    let inner = innermost_cause(paste, line.no).and_then(|l| Some((cue(&l.text)?, l.no)));
    // Else the line itself, else the detail a framework logs on the next lines after its own
    // one-line report (`error loading secret`, then the exception that says why).
    let detail_below = || {
        let below = (line.no + 1..=line.no + DETAIL_REACH).map_while(|n| paste.line(n));
        let block = below.take_while(|l| !l.text.trim().is_empty() && facts.is_log(l.no));
        block
            .filter(|l| !is_calm(&l.text) || is_warning(&l.text))
            .find_map(|l| Some((cue(&l.text)?, l.no)))
    };
    // A line that only reports a child process's exit (`{"error": "exit status 1"}`) follows
    // that child's own output, whatever level the program relayed it at: its cue is above.
    let detail_above = || {
        if !reports_a_child_exit(&line.text) {
            return None;
        }
        let above = (line.no.saturating_sub(DETAIL_REACH)..line.no).rev();
        let block = above.map_while(|n| paste.line(n)).take_while(|l| !l.text.trim().is_empty());
        block.take_while(|l| facts.is_log(l.no)).find_map(|l| Some((cue(&l.text)?, l.no)))
    };
    let cued = inner
        .or_else(|| Some((cue(&line.text)?, line.no)))
        .or_else(detail_below)
        .or_else(detail_above);
    let (cause, detail, lines) = match cued {
        Some(((cause, cue), no)) => {
            let mut lines = vec![line.no, no];
            lines.dedup();
            (cause, format!("{detail}, but it says \"{cue}\""), lines)
        }
        None => (Cause::AppError, detail.to_owned(), vec![line.no]),
    };
    Some(Signal::of_check(cause, strength, FIRST_ERROR, lines, Some(&detail)))
}

/// The cue of `content/` an error line's message holds that ends last, the longer of two that
/// end together: wrapped errors put the innermost cause last (`upload failed: ... connection
/// refused`). A cue starts a word (`enotfound` is not in `CultureNotFoundException`), and a cue
/// of digits only is a whole number (`429`, not a port `4290`).
fn cue(text: &str) -> Option<(Cause, &'static str)> {
    let lower = text.to_lowercase();
    let message = &lower[message_start(&lower)..];
    let starts_a_word = |at: usize| !message[..at].ends_with(char::is_alphanumeric);
    let ends_a_word = |end: usize| !message[end..].starts_with(char::is_alphanumeric);
    crate::rules::CUES
        .iter()
        .filter_map(|&(cause, cue)| {
            let number = cue.bytes().all(|b| b.is_ascii_digit());
            let end = message
                .match_indices(cue)
                .filter(|&(at, _)| starts_a_word(at) && (!number || ends_a_word(at + cue.len())))
                .map(|(at, _)| at + cue.len())
                .last()?;
            Some((end, cue.len(), cause, cue))
        })
        .max_by_key(|&(end, len, ..)| (end, len))
        .map(|(.., cause, cue)| (cause, cue))
}

/// How far below an error line with no cue of its own (or above one that reports a child's
/// exit) its detail is looked for.
const DETAIL_REACH: usize = 3;

/// Lower-case words of a failure reported only as a child process's exit.
const CHILD_EXITS: &[&str] = &["exit status ", "exit code ", "non-zero exit"];

/// Whether an error line reports no more than a child process's exit (`exit status 1`).
fn reports_a_child_exit(text: &str) -> bool {
    let lower = text.to_lowercase();
    CHILD_EXITS.iter().any(|w| lower.contains(w))
}

/// How far below an error line its chain of causes is looked for.
const CHAIN_REACH: usize = 60;

/// The line that ends the chain of causes under the error on line `no`: the last `Caused by:`
/// of a JVM exception (the innermost), or the line after an opening that holds no message of
/// its own (`rake aborted!`, the error on the next line). The chain ends at a blank line.
fn innermost_cause(paste: &Paste, no: usize) -> Option<&crate::text::Line> {
    let error = paste.line(no)?.text.to_lowercase();
    let bare_opening = OPENINGS.contains(&error[message_start(&error)..].trim());
    let below = (no + 1..=no + CHAIN_REACH).map_while(|n| paste.line(n));
    let chain = below.take_while(|l| !l.text.trim().is_empty());
    let caused_by = |l: &&crate::text::Line| l.text.to_lowercase().contains("caused by: ");
    chain.filter(caused_by).last().or_else(|| bare_opening.then(|| paste.line(no + 1)).flatten())
}

/// Lower-case words of a failure said in plain words, on a line no level marks.
const FAILURE_WORDS: &[&str] = &[
    "failed to ",
    "unable to ",
    "cannot ",
    "can't ",
    "could not ",
    "couldn't ",
    "not found",
    "no such ",
    "invalid ",
    "corrupt",
    "malformed",
    "don't know how to",
];

/// Whether a log line says in plain words that something failed, and carries no calm level.
/// kubectl's own answers (`Error from server (NotFound): jobs.batch "x" not found`) are the
/// user's command failing, not the program.
fn says_it_failed(text: &str) -> bool {
    let lower = text.to_lowercase();
    let message = &lower[message_start(&lower)..];
    FAILURE_WORDS.iter().any(|w| message.contains(w))
        && !KUBECTL_ANSWERS.iter().any(|a| message.starts_with(a))
        && !is_calm(text)
        && !plain_debug(text)
}

/// The lines each command the paste shows printed, as far as it can tell: from the line after
/// the command to the next command or the first blank line, in order.
fn command_outputs(paste: &Paste, facts: &Facts) -> Vec<std::ops::Range<usize>> {
    let mut starts: Vec<usize> = facts.commands.iter().map(|c| c.line).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut out = Vec::with_capacity(starts.len());
    for (i, &command) in starts.iter().enumerate() {
        let next = starts.get(i + 1).copied().unwrap_or(usize::MAX);
        let mut end = command + 1;
        while end < next && paste.line(end).is_some_and(|l| !l.text.trim().is_empty()) {
            end += 1;
        }
        out.push(command + 1..end);
    }
    out
}

/// Whether line `no` lies in one of `outputs` (sorted, not overlapping).
fn in_outputs(outputs: &[std::ops::Range<usize>], no: usize) -> bool {
    let at = outputs.partition_point(|r| r.end <= no);
    outputs.get(at).is_some_and(|r| r.contains(&no))
}

/// Lower-case marks of a tool reporting how the Job or its own run ended (Helm, a CI runner),
/// which is not the program's own error.
const OUTCOME: &[&str] = &[
    "backofflimitexceeded",
    "deadlineexceeded",
    "backoff limit",
    "hooks failed",
    "upgrade failed",
    "installation failed",
    "failed post-",
    "failed pre-",
    "job failed",
    "process completed with exit code",
    // Airflow's KubernetesPodOperator, on the pod it ran, and its task runner on the task.
    "returned a failure",
    "task failed with exception",
    // Nextflow and Snakemake, on the task they ran as a pod (the reason follows on lines of
    // their own).
    "error executing process >",
    "on cluster (jobid:",
    "exiting because a job execution failed",
    // Launchers that ran the work as a pod or Job, on how it ended: AWX's receptor, Dagster,
    // Airflow's KubernetesJobOperator, Rundeck's Kubernetes plugin, fabric8's wait.
    "container failed with exit code",
    "error creating pod:",
    "encountered failed job pods",
    "no pods running with labels",
    "exception waiting for job",
    "kubernetesclienttimeoutexception: timed out waiting for",
    // kubectl's answer, quoted by a launcher, for a container that never started.
    "is waiting to start:",
    // CI runners, on the step that ran kubectl: Azure Pipelines, GitLab's Kubernetes executor.
    "bash exited with code",
    "job failed: command terminated with exit code",
];

/// Lower-case marks of an orchestrator reporting that the pod it ran never started: Airflow's
/// KubernetesPodOperator (`Pod took too long to start`, `Pod took longer than N seconds to
/// start`), Prefect's agent. Why it did not start is in the pod's events, not in the report.
const NEVER_STARTED: &[&str] =
    &["pod took too long to start", "pod took longer than", "pod never started"];

/// Whether an orchestrator's line reports that the pod it ran never started.
pub(super) fn reports_no_start(text: &str) -> bool {
    let lower = text.to_lowercase();
    NEVER_STARTED.iter().any(|o| lower.contains(o))
}

/// Drops the evidence of a tool's wait that ran out, on the line that continues the tool's
/// report of the outcome: Helm prints the errors it joins on lines of their own, so its `--wait`
/// or hook timeout (`context deadline exceeded`, `timed out waiting for the condition`) stands
/// alone under `Error: UPGRADE FAILED: ... hooks failed: resource not ready`. That timeout is
/// Helm's own clock, not a call the workload made.
pub fn drop_waits_of_outcome_reports(paste: &Paste, signals: &mut Vec<Signal>) {
    // The line may carry the prefix its report has (a CI runner's time and step name).
    let continues_a_report = |no: usize| {
        let (Some(line), Some(report)) =
            (paste.line(no), no.checked_sub(1).and_then(|p| paste.line(p)))
        else {
            return false;
        };
        let shared = line.text.bytes().zip(report.text.bytes()).take_while(|(a, b)| a == b).count();
        let rest = line.text.get(shared..).unwrap_or_default().trim_start();
        reports_the_outcome(&report.text)
            && ["context deadline exceeded", "timed out waiting for the condition"]
                .iter()
                .any(|wait| rest.starts_with(wait))
    };
    for signal in signals.iter_mut() {
        signal.lines.retain(|&l| !continues_a_report(l));
    }
    signals.retain(|s| !s.lines.is_empty());
}

/// Marks of the kubelet's own log (a node's journal, k3s's service log): its errors are about
/// the pods it runs, not a program's output.
const KUBELET_LOG: &[&str] =
    &["kubelet[", "pod_workers.go:", "kuberuntime_", "remote_runtime.go:", "remote_image.go:"];

fn of_the_kubelet(text: &str) -> bool {
    KUBELET_LOG.iter().any(|m| text.contains(m))
}

pub(super) fn reports_the_outcome(text: &str) -> bool {
    let lower = text.to_lowercase();
    OUTCOME.iter().chain(NEVER_STARTED).any(|o| lower.contains(o))
}

/// Whether a log line reports an error: it opens with an error mark, is an exception line
/// (`ValueError: ...`), carries an error level and no lower one, or is a klog line of severity
/// `E` or `F`. Levels are read on the whole line (a JSON record's `"level"` stands beside its
/// message); openings and exceptions on the message itself.
pub fn is_error(text: &str) -> bool {
    is_error_with(text, Words::AnyCase)
}

/// The lines that carry a PowerShell error's message. PowerShell 7's error view names the
/// command and the script line (`Get-S3Object: /scripts/sync.ps1:27`), then a `Line |` block:
/// the code, a `~` marker under it, and the message on the `| ` line after the marker. Windows
/// PowerShell puts the message first (`Import-Module : Assembly with same name is already
/// loaded`) over the script position (`At /m/Az.psm1:113 char:1`).
fn powershell_messages(paste: &Paste) -> Vec<usize> {
    let mut found = Vec::new();
    for line in &paste.lines {
        let text = line.text.trim();
        if text.starts_with("At ") && text.contains(" char:") {
            let above = line.no.checked_sub(1).and_then(|n| paste.line(n));
            found.extend(above.filter(|l| l.text.contains(" : ")).map(|l| l.no));
        }
        if text != "Line |" {
            continue;
        }
        let block =
            (line.no + 1..).map_while(|n| paste.line(n)).take_while(|l| l.text.contains('|'));
        let mut marker_seen = false;
        for row in block {
            let after = row.text.split_once('|').map_or("", |(_, rest)| rest).trim();
            if after.starts_with('~') {
                marker_seen = true;
            } else if marker_seen && !after.is_empty() {
                found.push(row.no);
                break;
            }
        }
    }
    found
}

/// How `kubectl logs` answers when it has no logs to show (`staging/src/k8s.io/kubectl/pkg/cmd/
/// logs`, and the kubelet's refusals it relays), in lower case: the user's command failed, not
/// the program.
const KUBECTL_ANSWERS: &[&str] = &[
    "error from server",
    "error: unable to retrieve container logs",
    "error: a container name must be specified",
    "error: previous terminated container",
];

fn is_error_with(text: &str, words: Words) -> bool {
    let lower = text.to_lowercase();
    let whole = &lower[line_start(&lower)..];
    let message = &lower[message_start(&lower)..];
    // kubectl's own answer (`Error from server (BadRequest): ...`) is not the program's.
    if message.len() < 8 || KUBECTL_ANSWERS.iter().any(|a| message.starts_with(a)) {
        return false;
    }
    // A row of a table drawn with box characters (a CLI's `Key │ Value` view): a field's name
    // (`Error Message`), not a message.
    if whole.contains(['│', '║', '┃']) {
        return false;
    }
    // A tally of a report (`Failed: 1` among `Passed: 0`, `Skipped: 0`): a count, not a message.
    if message.split_once(": ").is_some_and(|(field, count)| {
        field.chars().all(|c| c.is_alphabetic()) && is_number(count.trim_end())
    }) {
        return false;
    }
    // One field of a pretty-printed JSON record: its level, not a message.
    if ["\"severity\"", "\"level\""].iter().any(|k| whole.starts_with(k)) {
        return false;
    }
    match klog_severity(whole) {
        Some('E' | 'F') => return true,
        Some(_) => return false,
        None => {}
    }
    if let Some(level) = capnslog_severity(whole) {
        return matches!(level, 'c' | 'e');
    }
    let padded = padded(whole);
    if CALM.iter().any(|c| padded.contains(c)) {
        return false;
    }
    let spaced = format!(" {} ", &text[line_start(text)..]).replace('\t', " ");
    let level_word = |l: &&str| match words {
        Words::AnyCase => padded.contains(&l.to_lowercase()),
        Words::UpperCase => spaced.contains(l),
    };
    OPENINGS.iter().any(|o| message.starts_with(o) && !names_a_field(&message[o.len()..]))
        || LEVELS.iter().any(|l| padded.contains(l))
        || FAILED_WORDS
            .iter()
            .any(|w| padded.match_indices(w).any(|(at, _)| !counts_none(&padded[at + w.len()..])))
        || LEVEL_WORDS.iter().any(level_word)
        || is_exception(&text[message_start(text)..])
        || names_an_exception(&text[message_start(text)..])
        || ruby_error(text.trim_end())
        || perl_die(text.trim_end())
        || shell_error(&text[message_start(text)..])
}

/// The level letter of a capnslog line (etcd, Rook: `2023-05-11 08:42:21.448071 C | rookcmd:
/// failed ...`), after its time: `c` critical and `e` error, `w`, `n`, `i`, `d`, `t` calmer.
fn capnslog_severity(whole: &str) -> Option<char> {
    let mut chars = whole.chars();
    let level = chars.next().filter(|c| "cewnidt".contains(*c))?;
    chars.as_str().starts_with(" | ").then_some(level)
}

/// Whether what follows an opening (`Error `) is one bare word, so that the line is the name of
/// a field (`Error Message` in a table whose value is empty, `Error Count`), not a message.
fn names_a_field(rest: &str) -> bool {
    let rest = rest.trim();
    !rest.is_empty() && rest.chars().all(|c| c.is_alphabetic())
}

/// A shell reports an error in a script with the script (a path, or the shell's own name) and
/// the line: `/scripts/run.sh: line 42: syntax error near unexpected token` (bash),
/// `sh: 1: x: not found` (dash).
fn shell_error(message: &str) -> bool {
    let Some((script, rest)) = message.split_once(": ") else { return false };
    let shell = matches!(script, "sh" | "bash" | "dash" | "ash" | "zsh" | "ksh" | "-bash");
    let path = script.contains('/') || script.ends_with(".sh") || script.ends_with(".bash");
    let rest = rest.strip_prefix("line ").unwrap_or(rest);
    let Some((number, said)) = rest.split_once(": ") else { return false };
    (shell || path) && !script.contains(' ') && is_number(number) && !said.trim().is_empty()
}

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `text` starts with a count of none: `0`, not `0.5` or `07`.
fn counts_none(text: &str) -> bool {
    text.strip_prefix('0')
        .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit() || c == '.'))
}

/// Perl's `die` and runtime errors end with where they happened:
/// `Can't locate object method "x" via package "Y" at /app/run.pl line 42.`
fn perl_die(text: &str) -> bool {
    let Some(rest) = text.strip_suffix('.') else { return false };
    let Some((before, number)) = rest.rsplit_once(" line ") else { return false };
    let numbered = is_number(number);
    let Some((message, file)) = before.rsplit_once(" at ") else { return false };
    let perl = [".pm", ".pl", ".t", ".cgi"].iter().any(|e| file.ends_with(e)) || file == "-e";
    let path = file.starts_with('/') && !file.contains("://");
    numbered && !message.trim().is_empty() && !file.contains(' ') && (perl || path)
}

/// An exception's class, qualified, later on the line than its start: a log prefix or a wrapper
/// before it (`ActiveRecord::StatementInvalid: PG::SyntaxError: ERROR: ...`, `main
/// psycopg2.errors.UndefinedTable: relation "x" does not exist`).
fn names_an_exception(message: &str) -> bool {
    message.split(' ').skip(1).take(6).any(|word| {
        word.strip_suffix(':').is_some_and(|name| {
            let qualified = name.contains("::") || name.contains('.');
            let errors =
                name.split(['.', ':']).any(|p| matches!(p, "errors" | "exceptions" | "exc"));
            qualified
                && (name.ends_with("Error")
                    || name.ends_with("Exception")
                    || (errors && qualified_class(name)))
        })
    }) || message.split_once(": ").is_some_and(|(first, _)| qualified_class(first))
}

/// `ActiveRecord::StatementInvalid`, `psycopg2.errors.UndefinedTable`: a qualified name whose last
/// part is a class name (an upper-case letter, then letters and digits with another upper-case).
fn qualified_class(name: &str) -> bool {
    let Some(last) = name.rsplit(['.', ':']).next() else { return false };
    let qualified = name.contains("::") || name.contains('.');
    let plain = name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '_'));
    let camel = last.starts_with(|c: char| c.is_ascii_uppercase())
        && last.chars().skip(1).any(|c| c.is_ascii_uppercase())
        && last.chars().any(|c| c.is_ascii_lowercase());
    qualified && plain && camel && !name.ends_with('.') && !name.contains("..")
}

/// Ruby's uncaught error: the message, then the class in parentheses,
/// `undefined method 'total' for nil (NoMethodError)`.
fn ruby_error(text: &str) -> bool {
    let Some(inner) = text.strip_suffix(')').and_then(|t| t.rsplit_once('(')).map(|(_, c)| c)
    else {
        return false;
    };
    let plain = inner.chars().all(|c| c.is_ascii_alphanumeric() || c == ':');
    plain && (inner.ends_with("Error") || inner.ends_with("Exception"))
}

/// `ValueError: bad row`, `java.lang.IllegalStateException: ...`: a dotted name ending in
/// `Error` or `Exception`, a colon, a message.
fn is_exception(message: &str) -> bool {
    let Some((name, rest)) = message.split_once(": ") else { return false };
    // After where it was raised, as some tools print it: `<stdin>:15:SyntaxException: ...`.
    let name = match name.rsplit_once(':') {
        Some((place, last)) if place.rsplit(':').next().is_some_and(is_number) => last,
        _ => name,
    };
    let plain = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '$');
    plain && (name.ends_with("Error") || name.ends_with("Exception")) && !rest.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_traceback_rule_it_names_is_in_the_content() {
        let rule = crate::rules::by_id(TRACEBACK_RULE);
        assert!(rule.is_some_and(|r| r.cause == Cause::AppError), "{TRACEBACK_RULE}");
    }

    #[test]
    fn cues_of_an_error_line_the_last_one_speaks() {
        // Wrapped errors put the innermost cause last.
        let wrapped =
            "error: upload failed: the gateway said access denied, then connection refused";
        assert_eq!(cue(wrapped), Some((Cause::NetworkOrDns, "connection refused")));
        // Of two cues that end together, the longer is the more precise.
        let missing = "Fatal: no credentials";
        assert_eq!(cue(missing), Some((Cause::MissingConfig, "no credentials")));
        // A number counts only as a whole number, not inside a port or an id.
        assert_eq!(cue("error: export returned 429"), Some((Cause::TransientDependency, "429")));
        assert_eq!(cue("error: dial 10.0.0.7:4290 refused the batch"), None);
        // A cue starts a word.
        let culture = "System.Globalization.CultureNotFoundException: Only the invariant culture";
        assert_eq!(cue(culture), None);
        assert_eq!(cue("error: the ledger does not balance"), None);
        // Advice to give a setting says one was missing.
        let advice = "Alternatively, you can specify the version with --version";
        assert_eq!(cue(advice), Some((Cause::MissingConfig, "you can specify")));
    }

    #[test]
    fn the_chain_under_an_error_ends_at_its_innermost_cause() {
        let paste = Paste::new(
            "ERROR Main: could not start the export\n\
             org.acme.ExportException: init failed\n\
             \tat org.acme.Main.run(Main.java:12)\n\
             Caused by: org.acme.StoreException: store unavailable\n\
             Caused by: java.io.FileNotFoundException: /etc/export/store.conf (No such file or directory)\n\
             \n\
             Caused by: not part of this chain\n\
             rake aborted!\n\
             Mongo::Error::NoServerAvailable: No server is available matching preference\n",
        );
        assert_eq!(innermost_cause(&paste, 1).map(|l| l.no), Some(5));
        // An opening with no message of its own continues on the next line.
        assert_eq!(innermost_cause(&paste, 8).map(|l| l.no), Some(9));
        // A line with a message and no chain under it has none.
        assert_eq!(innermost_cause(&paste, 9).map(|l| l.no), None);
    }

    #[test]
    fn debug_records_of_plain_loggers() {
        let rclone = "2022/06/28 10:17:19 DEBUG : Configuration directory could not be created: mkdir /.config: permission denied";
        assert!(plain_debug(rclone));
        assert!(plain_debug("DEBUG [main] o.a.k.Fetcher - connection refused, will retry"));
        assert!(plain_debug("12:01:02 DBG dial tcp 10.0.0.4:5432: connect: connection refused"));
        // A word in a sentence, or part of a name, is no level.
        assert!(!plain_debug("I turned on debug logging and it says permission denied"));
        assert!(!plain_debug("error: open /etc/MYDEBUG.conf: permission denied"));
        assert!(!plain_debug("NODEBUG mode: mkdir /data: permission denied"));
    }

    #[test]
    fn error_lines_of_common_log_shapes() {
        for line in [
            "error: the ledger does not balance for 2024-03",
            "2024-03-04 09:12:00,114 ERROR export aborted: 3 rows rejected",
            "time=\"2024-03-04T09:12:00Z\" level=fatal msg=\"cannot load plan\"",
            "{\"level\":\"error\",\"msg\":\"upload rejected\"}",
            "[pod/x-1/main] Error: checksum mismatch in part 7",
            "ValueError: invalid literal for int() with base 10: 'n/a'",
            "<stdin>:15:SyntaxException: line 1:26 no viable alternative at input '{'",
            "FAIL: Expected 2 nodes to return response, but got 0",
            "verification failed: 1 corrupt shard",
            "report.py: error: the following arguments are required: --date",
            "Unhandled exception. System.InvalidOperationException: Sequence contains no elements",
            "/app/lib/close.rb:12:in `block in run': undefined method `total' for nil:NilClass (NoMethodError)",
            "{\"level\": \"error\", \"msg\": \"upload rejected\"}",
            "{\"level\":50,\"time\":1710000000000,\"msg\":\"upload rejected\"}",
            "E0312 10:11:12.123456       1 main.go:42] sync failed for tenant 7",
            "2025-01-16T11:02:03.114Z stderr F Error: checksum mismatch in part 7",
            "  \"textPayload\": \"Error: checksum mismatch in part 7\\n\",",
            "Can't use an undefined value as an ARRAY reference at /usr/lib/perl5/Calc.pm line 1049.",
            "ActiveRecord::StatementInvalid: PG::SyntaxError: ERROR:  syntax error at or near \"x\"",
            "migrate psycopg2.errors.UndefinedTable: relation \"ledger\" does not exist",
            "rake aborted!",
            "2022-10-19T14:15:37.361190Z [error    ] Loading failed   code=1",
            "time=2022-10-19 name=loader level=CRITICAL message=keys missing",
            "/scripts/retention.sh: line 42: KEEP[@]: bad array subscript",
            "sh: 1: cannot open /data/in.csv: No such file",
            "2022-01-26T10:14:52.006Z\tERROR\tUnable to setup CQL schema\t{\"error\": \"x\"}",
            "mc: <ERROR> Incorrect command. Please use 'mc admin policy create'.",
            "2023-05-11 08:42:21.448071 C | rookcmd: failed to configure devices: osd.1",
            "2023-05-11 08:42:21.448071 E | op-osd: no devices to configure",
            "ERRO[0009] could not initialize '/test/soak.js': unknown executor type 'burst'",
        ] {
            assert!(is_error(line), "{line}");
        }
        for line in [
            "2024-03-04 09:12:00,114 INFO no errors found",
            "level=info msg=\"retrying after error\"",
            "errors: 0",
            "INFO[0001] execution: local",
            "Error",
            "    raise ValueError(msg)",
            "I0312 10:11:12.123456       1 main.go:42] error budget reset",
            "  \"severity\": \"ERROR\",",
            "{\"level\":30,\"msg\":\"error count 0\"}",
            "see the manual at https://example.test/docs line 4.",
            "Listening on main.Server: port 8080",
            "loaded config.yaml: 3 entries",
            "[kube] hook: Jobs active: 1, jobs failed: 0, jobs succeeded: 0",
            "report: line 4: total rows",
            "step 2: 14: rows copied",
            "2022-01-26T10:14:50.001Z\tINFO\tretrying after error\t{\"attempt\": 2}",
            "Failed: 1",
            "Errors: 12",
            "2023-05-11 08:42:19.118733 I | cephosd: skipping device sda: failed to read",
            // kubectl's own answers to `kubectl logs`.
            "Error from server (BadRequest): container \"main\" in pod \"x-1\" is waiting to start",
            "error: unable to retrieve container logs: pods \"x-1\" not found",
            "error: a container name must be specified for pod x-1, choose one of: [main istio-proxy]",
        ] {
            assert!(!is_error(line), "{line}");
        }
        // Lower-case level words are a program's in its output, perhaps the user's in prose.
        let prose = "The only error I can find in the events is the cron one:";
        assert!(is_error_with(prose, Words::AnyCase));
        assert!(!is_error_with(prose, Words::UpperCase));
        assert!(is_error_with("2024-03-04 09:12:00,114 ERROR export aborted", Words::UpperCase));
    }
}
