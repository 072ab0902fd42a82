//! A container that never started because the runtime failed, not because of its command.
//!
//! `StartError` (containerd) and `RunContainerError` say only that the runtime could not start
//! the process. When the paste shows the runtime's own message, that message says why: a command
//! that is not in the image (`exec: "x": executable file not found in $PATH`, `exec /run.sh: no
//! such file or directory`), a mount onto the wrong kind of file, or something of the runtime's
//! own (a hook it runs, a shim, a task that vanished). Only the first two are the pod's to fix;
//! the last is no wrong command, and without the rest of the message no command is named at all.

use super::Signal;
use crate::cause::Cause;
use crate::text::Paste;

/// The rules that read a start failure from its reason alone (`content/causes/bad-command.md`).
const START_RULES: &[&str] = &[
    "terminated-start-error",
    "status-start-error",
    "waiting-run-error",
    "status-run-error",
    "text-oci-create-failed",
];

/// Marks of the runtime's message on a failed start, as containerd and runc print them.
const RUNTIME_MARKS: &[&str] = &[
    "OCI runtime create failed",
    "failed to create containerd task",
    "failed to start containerd task",
    "failed to create shim task",
];

/// Lower-case marks in the runtime's message that it is about the pod's own command or mounts.
const ABOUT_THE_POD: &[&str] = &[
    "exec: \"",
    "exec: \\\"",
    ": exec /",
    "executable file not found",
    "exec format error",
    "error mounting",
    "mounting \\\"",
    "not a directory",
];

/// The most a start failure keeps when the runtime's message names no fault of the pod's.
const RUNTIME_FAULT: f32 = 0.3;

/// The first line of the runtime's message on a failed start, when every such message the
/// paste shows names nothing of the pod's own (its command, its mounts).
pub fn fault(paste: &Paste) -> Option<usize> {
    let mut first = None;
    for line in &paste.lines {
        if !RUNTIME_MARKS.iter().any(|m| line.text.contains(m)) {
            continue;
        }
        let lower = line.text.to_lowercase();
        if ABOUT_THE_POD.iter().any(|m| lower.contains(m)) {
            return None;
        }
        first = first.or(Some(line.no));
    }
    first
}

/// Start failures give way when the runtime's message says the runtime failed
/// ([`fault`]): the reason alone no longer names a wrong command.
pub fn start_faults_give_way(paste: &Paste, signals: &mut [Signal]) {
    // The paste is read for the runtime's message only when a start failure is in question.
    if !signals.iter().any(|s| START_RULES.contains(&s.rule)) || fault(paste).is_none() {
        return;
    }
    for signal in signals.iter_mut().filter(|s| START_RULES.contains(&s.rule)) {
        signal.strength = signal.strength.min(RUNTIME_FAULT);
    }
}

/// Marks of a failed `kubectl exec` into a running container: the runtime could not start the
/// command the user asked for (a shell the image does not have), which says nothing of the
/// container's own process.
const EXEC_MARKS: &[&str] = &["OCI runtime exec failed", "error executing command in container"];

/// The most a signal keeps that stands only on the answer to a failed `kubectl exec`.
const USERS_EXEC: f32 = 0.3;

/// Signals that stand only on lines reporting a failed `kubectl exec` give way: a distroless
/// image without `/bin/sh` refuses the user's shell while its own program runs on.
pub fn exec_failures_give_way(paste: &Paste, signals: &mut [Signal]) {
    let of_exec =
        |no: usize| paste.line(no).is_some_and(|l| EXEC_MARKS.iter().any(|m| l.text.contains(m)));
    for signal in signals.iter_mut() {
        if signal.stands_only_on(of_exec) {
            signal.strength = signal.strength.min(USERS_EXEC);
        }
    }
}

/// The strength of a script without `#!` that the runtime could not exec.
const NO_SHEBANG: f32 = 0.85;

/// `exec format error` from a script the paste shows without a `#!` line (a ConfigMap's
/// `run.sh: |` whose first line is a command): the kernel runs only binaries and scripts that
/// name their interpreter, so the fix is the script's first line, not the CPU architecture.
pub fn script_without_shebang(paste: &Paste, signals: &mut Vec<Signal>) {
    let Some(at) = signals.iter().position(|s| s.cause == Cause::ExecFormat) else { return };
    let script = paste.lines.windows(2).find_map(|pair| {
        let key = pair[0].text.trim();
        let (name, style) = key.split_once(": ")?;
        let body = pair[1].text.trim();
        let block = matches!(style, "|" | "|-" | "|+");
        (name.ends_with(".sh") && block && !body.is_empty() && !body.starts_with("#!"))
            .then_some((pair[0].no, pair[1].no))
    });
    let Some((key, first)) = script else { return };
    let mut lines = signals[at].lines.clone();
    lines.extend([key, first]);
    lines.sort_unstable();
    lines.dedup();
    for signal in signals.iter_mut().filter(|s| s.cause == Cause::ExecFormat) {
        signal.strength = signal.strength.min(NO_SHEBANG - 0.3);
    }
    let detail = "the script has no #! line naming its interpreter, so the kernel cannot run \
                  it: start it with #!/bin/sh (or run it as sh script.sh)";
    let rule = "check-script-without-shebang";
    signals.push(Signal::of_check(Cause::BadCommand, NO_SHEBANG, rule, lines, Some(detail)));
}

/// What a CPU-architecture mismatch keeps when a running program only warned about it.
const WARNED_EXEC_FORMAT: f32 = 0.45;

/// `exec format error` on lines a running program logged below error (`level=warning
/// msg="Running modprobe ... failed ... fork/exec /usr/local/bin/modprobe: exec format error"`):
/// the program itself runs, so its image is built for the node; a helper it tried failed, and
/// it went on. What ended the run is elsewhere.
pub fn warned_exec_format_gives_way(paste: &Paste, signals: &mut [Signal]) {
    let warned = |l: &crate::text::Line| super::logged::is_calm(&l.text);
    for signal in signals.iter_mut().filter(|s| s.cause == Cause::ExecFormat) {
        if !signal.lines.is_empty() && signal.every_line(paste, warned) {
            signal.strength = signal.strength.min(WARNED_EXEC_FORMAT);
        }
    }
}

/// The rules that read a runtime failing to start in a way that a read-only root file system
/// explains: it writes files of its own at start (`content/causes/permission-denied.md`).
const NEEDS_A_WRITABLE_ROOT: &[&str] = &["text-coreclr-create-failed"];

/// How strong such a failure is when the paste shows the root file system read-only.
const ON_A_READ_ONLY_ROOT: f32 = 0.75;

/// A runtime that could not start where the paste sets `readOnlyRootFilesystem: true`: the
/// failure alone could be many things, beside that setting it is the refused write (the .NET
/// runtime's diagnostic files in /tmp). The setting's line joins the evidence.
pub fn start_on_a_read_only_root(paste: &Paste, signals: &mut [Signal]) {
    // Most pastes hold no such failure: they stop here, before the lines are read.
    if !signals.iter().any(|s| NEEDS_A_WRITABLE_ROOT.contains(&s.rule)) {
        return;
    }
    let Some(setting) = paste.lines.iter().find(|l| {
        let text = l.text.trim().trim_start_matches(['-', '+', ' ']);
        text.strip_prefix("readOnlyRootFilesystem:").is_some_and(|v| v.trim() == "true")
    }) else {
        return;
    };
    for signal in signals.iter_mut().filter(|s| NEEDS_A_WRITABLE_ROOT.contains(&s.rule)) {
        signal.strength = signal.strength.max(ON_A_READ_ONLY_ROOT);
        signal.lines.push(setting.no);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_runtime_that_cannot_start_on_a_read_only_root_was_refused_a_write() {
        let failure = Signal::of_check(
            Cause::PermissionDenied,
            0.45,
            "text-coreclr-create-failed",
            vec![1],
            None,
        );
        let read_only = Paste::new(
            "Failed to initialize CoreCLR, HRESULT: 0x80004005\n  securityContext:\n    \
             readOnlyRootFilesystem: true\n",
        );
        let mut signals = [failure.clone()];
        start_on_a_read_only_root(&read_only, &mut signals);
        assert_eq!(
            (signals[0].strength, &signals[0].lines[..]),
            (ON_A_READ_ONLY_ROOT, &[1, 3][..])
        );
        let writable = Paste::new(
            "Failed to initialize CoreCLR, HRESULT: 0x80004005\n    readOnlyRootFilesystem: false\n",
        );
        let mut signals = [failure];
        start_on_a_read_only_root(&writable, &mut signals);
        assert_eq!(signals[0].strength, 0.45);
    }

    #[test]
    fn a_message_about_the_command_is_no_fault_of_the_runtime() {
        let exec = "Message: failed to create containerd task: failed to create shim task: OCI \
                    runtime create failed: runc create failed: unable to start container process: \
                    exec: \"migrate\": executable file not found in $PATH: unknown";
        assert_eq!(fault(&Paste::new(exec)), None);
        let script = "Error: failed to create containerd task: OCI runtime create failed: \
                      unable to start container process: exec /app/run.sh: no such file or \
                      directory: unknown";
        assert_eq!(fault(&Paste::new(script)), None);
    }

    #[test]
    fn a_hook_a_vanished_task_or_a_cut_message_is() {
        let hook = "Message: failed to create containerd task: failed to create shim task: OCI \
                    runtime create failed: runc create failed: error running createContainer \
                    hook #0: fork/exec /kind/bin/mount-product-files.sh: no such file";
        assert_eq!(fault(&Paste::new(hook)), Some(1));
        let vanished = "x\nMessage: failed to start containerd task \"3c7e\": No such file or \
                        directory (os error 2)";
        assert_eq!(fault(&Paste::new(vanished)), Some(2));
        let cut = "Error: failed to create containerd task: OCI runtime create failed";
        assert_eq!(fault(&Paste::new(cut)), Some(1));
        assert_eq!(fault(&Paste::new("Reason: StartError")), None);
    }
}
