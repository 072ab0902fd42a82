//! A container that never started because the runtime failed, not because of its command.
//!
//! `StartError` (containerd) and `RunContainerError` say only that the runtime could not start
//! the process. When the paste shows the runtime's own message, that message says why: a command
//! that is not in the image (`exec: "x": executable file not found in $PATH`, `exec /run.sh: no
//! such file or directory`), a mount onto the wrong kind of file, or something of the runtime's
//! own (a hook it runs, a shim, a task that vanished). Only the first two are the pod's to fix;
//! the last is no wrong command, and without the rest of the message no command is named at all.

use super::Signal;
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
    if fault(paste).is_none() {
        return;
    }
    for signal in signals.iter_mut().filter(|s| START_RULES.contains(&s.rule)) {
        signal.strength = signal.strength.min(RUNTIME_FAULT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
