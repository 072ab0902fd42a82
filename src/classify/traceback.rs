//! Python tracebacks read as a whole: the header, the frames, and the exception line that names
//! the error. The header says only that something was raised; the exception line says what.
//!
//! - Evidence of a traceback points at its exception line, not at its header.
//! - A traceback whose exception line reports that the pod never started (an orchestrator's own,
//!   Airflow's `Pod took too long to start`) is no program's error, and keeps only a hint's weight.
//! - A traceback whose exception line another cause's rule explains (`password authentication
//!   failed`, `no such host`) is that cause's carrier: the generic "a traceback" of `app-error`
//!   gives way to the precise message (`causes.md`: a precise message beats a generic one).
//! - `KeyError` raised by a frame that reads `os.environ[...]` is an unset environment variable;
//!   a frame that reads `os.environ` while something else is raised is only code.
//! - `AttributeError` or `KeyError` raised from inside a settings library (the last frame is in
//!   dynaconf, Django's settings, python-decouple, OmegaConf) is a setting the program was not
//!   given: the library looked it up and found nothing.

use super::Signal;
use crate::cause::Cause;
use crate::rules::pattern::message_start;
use crate::text::Paste;

/// How many lines after its header a traceback may run.
const MAX_FRAMES: usize = 400;

/// The header a CPython traceback opens with (`Python/traceback.c`).
const HEADER: &str = "Traceback (most recent call last):";

/// The strength a generic traceback keeps when its exception line is another cause's evidence.
const CARRIER: f32 = 0.3;

/// How strong another cause's signal on the exception line must be to explain it: a precise
/// message (`password authentication failed`), not a generic one (`KeyError: ` on any dict).
const PRECISE: f32 = 0.6;

/// One traceback of the paste, by line numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Traceback {
    pub header: usize,
    pub frames: Vec<usize>,
    /// The line that names the exception, when the paste has it.
    pub exception: Option<usize>,
}

/// Every traceback of the paste, in order.
pub fn find(paste: &Paste) -> Vec<Traceback> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < paste.lines.len() {
        let text = &paste.lines[i].text;
        let at = message_start(text);
        if !text[at..].starts_with(HEADER) {
            i += 1;
            continue;
        }
        let mut traceback =
            Traceback { header: paste.lines[i].no, frames: Vec::new(), exception: None };
        let mut j = i + 1;
        while j < paste.lines.len() && j <= i + MAX_FRAMES {
            let line = &paste.lines[j];
            let rest = line.text.get(at..).unwrap_or_default();
            if rest.trim().is_empty() {
                break;
            }
            if rest.starts_with([' ', '\t']) {
                traceback.frames.push(line.no);
                j += 1;
                continue;
            }
            traceback.exception = Some(line.no);
            j += 1;
            break;
        }
        out.push(traceback);
        i = j.max(i + 1);
    }
    out
}

/// Moves traceback evidence to the exception lines, lets a traceback that carries another
/// cause's message give way, and returns what a traceback itself shows (an unset variable).
pub fn adjust(paste: &Paste, signals: &mut [Signal]) -> Vec<Signal> {
    let tracebacks = find(paste);
    let mut found = Vec::new();
    for tb in &tracebacks {
        let Some(exception) = tb.exception else { continue };
        // An orchestrator's traceback that reports how its pod ended (Airflow's `Pod took too
        // long to start`, AWX's `container failed with exit code 1`) is its report, not the
        // program's error.
        let report = paste.line(exception).is_some_and(|l| {
            super::logged::reports_no_start(&l.text) || super::logged::reports_the_outcome(&l.text)
        });
        let explained = report
            || signals.iter().any(|s| {
                s.cause != Cause::AppError && s.strength >= PRECISE && s.lines.contains(&exception)
            });
        for signal in signals.iter_mut().filter(|s| s.cause == Cause::AppError) {
            let Some(at) = signal.lines.iter().position(|&l| l == tb.header) else { continue };
            signal.lines[at] = exception;
            signal.lines.sort_unstable();
            signal.lines.dedup();
            if explained {
                signal.strength = signal.strength.min(CARRIER);
            }
        }
        found.extend(unset_variable(paste, tb, exception));
        found.extend(setting_not_found(paste, tb, exception));
    }
    found
}

/// Rules that tell only how a program crashed (a Go or Rust panic and the goroutine dump after
/// it), not why: the message a panic carries may be another cause's.
const PANICS: &[&str] = &["text-go-panic", "text-go-goroutine", "text-rust-panic"];

/// How strong another cause's signal on a panic's line must be to explain it. Lower than
/// [`PRECISE`]: a panic's line is the program's own last word, so a missing file or a refused
/// connection named on it is why it panicked.
const EXPLAINS_A_PANIC: f32 = 0.5;

/// A panic whose line carries another cause's message (`panic: open /etc/app.toml: no such
/// file or directory`) gives way to it, and so does the goroutine dump that follows it.
pub fn panics_give_way(signals: &mut [Signal]) {
    let panic_lines: Vec<usize> = signals
        .iter()
        .filter(|s| PANICS.contains(&s.rule) && s.rule != "text-go-goroutine")
        .flat_map(|s| s.lines.iter().copied())
        .collect();
    let explained = signals.iter().any(|s| {
        s.cause != Cause::AppError
            && s.strength >= EXPLAINS_A_PANIC
            && s.lines.iter().any(|l| panic_lines.contains(l))
    });
    if explained {
        for signal in signals.iter_mut().filter(|s| PANICS.contains(&s.rule)) {
            signal.strength = signal.strength.min(CARRIER);
        }
    }
}

/// `KeyError: 'X'` raised where a frame reads `os.environ[...]`: the variable is unset.
fn unset_variable(paste: &Paste, tb: &Traceback, exception: usize) -> Option<Signal> {
    let text = &paste.line(exception)?.text;
    let name = text[message_start(text)..].strip_prefix("KeyError: ")?;
    let reads = tb.frames.iter().copied().find(|&l| {
        paste.line(l).is_some_and(|f| f.text.contains("os.environ[") || f.text.contains("environ["))
    })?;
    let mut lines = vec![exception, reads];
    lines.sort_unstable();
    Some(Signal {
        cause: Cause::MissingConfig,
        strength: 0.85,
        rule: "check-keyerror-environ",
        detail: Some(format!(
            "the environment variable {} is not set",
            name.trim_matches(['\'', '"'])
        )),
        lines,
        pod: None,
        container: None,
        object: Some(name.trim_matches(['\'', '"']).to_owned()),
    })
}

/// Where settings libraries keep the code that looks a setting up, as their frames show it.
const SETTINGS_LIBRARIES: &[&str] =
    &["/dynaconf/", "/django/conf/", "/decouple.py", "/omegaconf/", "/pydantic_settings/"];

/// `AttributeError` or `KeyError` raised by a settings library: the setting is absent.
fn setting_not_found(paste: &Paste, tb: &Traceback, exception: usize) -> Option<Signal> {
    let text = &paste.line(exception)?.text;
    let message = &text[message_start(text)..];
    if !["AttributeError: ", "KeyError: "].iter().any(|e| message.starts_with(e)) {
        return None;
    }
    let last_file = tb
        .frames
        .iter()
        .rev()
        .copied()
        .find(|&l| paste.line(l).is_some_and(|f| f.text.trim_start().starts_with("File \"")))?;
    let frame = &paste.line(last_file)?.text;
    let library = SETTINGS_LIBRARIES.iter().find(|l| frame.contains(*l))?;
    Some(Signal {
        cause: Cause::MissingConfig,
        strength: 0.7,
        rule: "check-settings-library-raised",
        detail: Some(format!(
            "the settings library ({}) has no such setting",
            library.trim_matches('/').trim_end_matches(".py")
        )),
        lines: vec![last_file, exception],
        pod: None,
        container: None,
        object: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_panic_rules_it_names_are_app_errors_in_the_content() {
        for id in PANICS {
            let rule = crate::rules::by_id(id);
            assert!(rule.is_some_and(|r| r.cause == Cause::AppError), "{id}");
        }
    }

    #[test]
    fn a_traceback_ends_at_its_exception_line() {
        let paste = Paste::new(
            "start\nTraceback (most recent call last):\n  File \"/app/x.py\", line 3, in <module>\n    \
             main()\nValueError: bad row 7\nnext line\n",
        );
        assert_eq!(find(&paste), [Traceback { header: 2, frames: vec![3, 4], exception: Some(5) }]);
    }

    #[test]
    fn prefixed_lines_keep_their_columns() {
        let paste = Paste::new(
            "[pod/a-1/main] Traceback (most recent call last):\n[pod/a-1/main]   File \"x\", line 1\n\
             [pod/a-1/main] KeyError: 'TOKEN'\n",
        );
        assert_eq!(find(&paste)[0].exception, Some(3));
    }

    #[test]
    fn an_attribute_error_raised_by_a_settings_library_is_a_missing_setting() {
        let paste = Paste::new(
            "Traceback (most recent call last):\n  File \"/app/jobs/sync.py\", line 9, in run\n    \
             region = settings.aws.region\n  File \"/usr/lib/python3.11/site-packages/dynaconf/base.py\", \
             line 145, in __getattr__\n    value = getattr(self._wrapped, name)\n\
             AttributeError: 'Settings' object has no attribute 'AWS'\n",
        );
        let tb = &find(&paste)[0];
        let signal = setting_not_found(&paste, tb, 6).map(|s| (s.cause, s.lines));
        assert_eq!(signal, Some((Cause::MissingConfig, vec![4, 6])));
        // The same error raised by the program's own code is a bug, not a missing setting.
        let own = Paste::new(
            "Traceback (most recent call last):\n  File \"/app/jobs/sync.py\", line 9, in run\n    \
             region = self.aws.region\nAttributeError: 'Job' object has no attribute 'aws'\n",
        );
        assert_eq!(setting_not_found(&own, &find(&own)[0], 4), None);
    }

    #[test]
    fn a_cut_traceback_has_no_exception() {
        let paste = Paste::new("Traceback (most recent call last):\n  File \"x\", line 1\n");
        assert_eq!(find(&paste)[0].exception, None);
    }
}
