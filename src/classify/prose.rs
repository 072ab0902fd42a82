//! The user's own words in a paste: a line of their account ("it was OOMKilled before, now it
//! dies differently") or their question ("what's with the permission denied?") names what they
//! saw or fear, not what the program printed, so the rules read it at a discount.

use crate::model::Facts;
use crate::text::Line;

/// How much a text rule keeps on a line of the user's own words.
pub const ACCOUNT: f32 = 0.4;

/// Words a person writes of themselves or asks with, and a program's message hardly ever does.
const FIRST_PERSON: &[&str] = &[
    "i", "i'm", "i've", "i'd", "my", "we're", "we've", "our", "why", "anyone", "what's", "thanks",
];

/// Words of an account: what happened, in time. Only above the first command the user typed do
/// they mark one, since messages use them too.
const TELLING: &[&str] = &[
    "we", "me", "us", "you", "help", "tried", "trying", "keeps", "still", "already", "before",
    "now", "seems", "looks", "getting", "got", "idea", "ideas", "please", "but",
];

/// Whether `text` reads as a sentence of the user's own. `above_commands`: the line comes
/// before the first command the user pasted, where an account usually sits.
fn is_account(text: &str, above_commands: bool) -> bool {
    let text = text.trim();
    if !text.starts_with(|c: char| c.is_alphabetic() || c == '(') || opens_a_message(text) {
        return false;
    }
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'').to_lowercase())
        .collect();
    // A log line starts with its time or level code (`E0312`, `2024-03-04`), a sentence with a
    // word.
    let first_is_word = words.first().is_some_and(|w| w.chars().all(char::is_alphabetic));
    if words.len() < 5 || !first_is_word {
        return false;
    }
    let count = |list: &[&str]| words.iter().filter(|w| list.contains(&w.as_str())).count();
    let own = count(FIRST_PERSON);
    if own >= 2 || (own >= 1 && text.ends_with('?')) {
        return true;
    }
    above_commands && words.len() >= 6 && own + count(TELLING) >= 2
}

/// Words a program's message opens with, as a label: `Error: ...`, `Error - ...`, `FATAL: ...`.
const MESSAGE_LABELS: &[&str] = &["error", "fatal", "panic", "warning", "exception", "failed"];

/// Whether `text` opens as a program labels its message: one of [`MESSAGE_LABELS`] followed by a
/// colon or a dash. A sentence of the user's names the error further in ("the error is ...").
fn opens_a_message(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let (Some(first), second) = (words.next(), words.next()) else { return false };
    let label = first.trim_end_matches(':');
    MESSAGE_LABELS.iter().any(|l| label.eq_ignore_ascii_case(l))
        && (first.ends_with(':') || second == Some("-"))
}

/// What a rule keeps on a sentence that denies what it matched.
pub const DENIED: f32 = 0.2;

/// Words that deny what follows them in a sentence.
const NEGATIONS: &[&str] =
    &["no", "not", "neither", "nor", "never", "without", "wasn't", "weren't", "isn't", "aren't"];

/// How many words before a match a denial reaches.
const DENIAL_REACH: usize = 3;

/// Whether `text` is a sentence of the user's that denies `literal` (lower case, where a rule
/// matched): "neither pod was OOMKilled", "no node was preempted". Only a sentence: it opens with a
/// word, has five or more, and holds no colon (a program's message does: `not found: manifest
/// unknown`); the denial stands within [`DENIAL_REACH`] words before the match.
pub fn denies(text: &str, literal: &str) -> bool {
    let trimmed = text.trim();
    // A program's message names its parts with colons (`manifest for x not found: manifest
    // unknown`); a sentence of the user's rarely does.
    if literal.is_empty() || opens_a_message(trimmed) || trimmed.contains(':') {
        return false;
    }
    let lower = trimmed.to_lowercase();
    let first_is_word =
        lower.split_whitespace().next().is_some_and(|w| w.chars().all(char::is_alphabetic));
    if !first_is_word || lower.split_whitespace().count() < 5 {
        return false;
    }
    let Some(at) = lower.find(literal) else { return false };
    lower[..at]
        .split_whitespace()
        .rev()
        .take(DENIAL_REACH)
        .any(|w| NEGATIONS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')))
}

/// [`is_account`] for a line of the paste, placed among the commands in `facts`.
pub fn is_account_line(facts: &Facts, line: &Line) -> bool {
    let above = facts.commands.iter().all(|c| line.no < c.line) && !facts.commands.is_empty();
    is_account(&line.text, above)
}

/// Words a user calls the Job's outcome a success with.
const SUCCESS_WORDS: &[&str] = &[
    "succeed",
    "completed",
    "complete",
    "completes",
    "succeeded",
    "succeeds",
    "success",
    "successful",
    "green",
    "passed",
    "passes",
    "finished",
    "finishes",
    "works",
    "worked",
];

/// Words a user reports a status with ("the job says complete", "the pod shows Completed"):
/// before a success word, they mark it as what Kubernetes claims, in a sentence of the user's.
const CLAIM_WORDS: &[&str] = &["says", "shows", "show", "reports", "marked", "showing"];

/// How many words before a success word a claim word may stand (`says it succeeded`, `show as
/// completed`).
const CLAIM_REACH: usize = 2;

/// Words that turn a sentence against what came before.
const CONTRAST_WORDS: &[&str] = &["but", "yet", "though", "although", "however"];

/// The line where the user says the Job reports success but the work did not happen ("the job
/// says Completed but the cluster is empty", "green every time but prod is still on the old
/// version"): a success word, then a contrast, in a sentence of their own.
pub fn doubts_the_success(lines: &[Line], facts: &Facts) -> Option<usize> {
    lines.iter().find_map(|line| {
        // Most lines hold no contrast word: they stop here, before any copy is made.
        let contrast = |w: &str| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            CONTRAST_WORDS.iter().any(|c| w.eq_ignore_ascii_case(c))
        };
        if !line.text.split_whitespace().any(contrast) {
            return None;
        }
        let lower = line.text.to_lowercase();
        let words: Vec<&str> =
            lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let success = words.iter().position(|w| SUCCESS_WORDS.contains(w))?;
        let contrast = words.iter().position(|w| CONTRAST_WORDS.contains(w))?;
        // Above the first command a sentence is the user's account, in whatever words (a
        // sentence that opens with a tool's name, `helm hook job passed`, may read as a command).
        let above = !facts.commands.is_empty() && facts.commands.iter().all(|c| line.no <= c.line);
        let claimed = words[success.saturating_sub(CLAIM_REACH)..success]
            .iter()
            .any(|w| CLAIM_WORDS.contains(w));
        let sentence = (above || claimed)
            && words.len() >= 5
            && line.text.trim_start().starts_with(char::is_alphabetic);
        // The success, then the turn against it; or the complaint, then the turn to what
        // Kubernetes claims ("topics never show up, but the Job says it succeeded").
        let doubts = success < contrast || claimed;
        (doubts && (sentence || is_account_line(facts, line))).then_some(line.no)
    })
}

/// Words a user calls an outcome a failure with.
const FAILURE_WORDS: &[&str] = &["failed", "fails", "failure", "failing", "errored", "broken"];

/// The line where the user, in a sentence of their own above the first command, says the work
/// failed ("job 587 failed after 4s", "Dagit shows the run as Failure"): beside a Job that
/// Kubernetes says completed, what the work's logs show is the question.
pub fn reports_a_failure(lines: &[Line], facts: &Facts) -> Option<usize> {
    let first_command = facts.commands.iter().map(|c| c.line).min()?;
    lines.iter().take_while(|l| l.no < first_command).find_map(|line| {
        let lower = line.text.to_lowercase();
        let mut words = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
        let says = words.any(|w| FAILURE_WORDS.contains(&w));
        let sentence = line.text.split_whitespace().count() >= 5
            && line.text.trim_start().starts_with(char::is_alphabetic);
        (says && sentence && !denies_a_failure(&lower)).then_some(line.no)
    })
}

/// Whether a sentence says a failure did not happen (`never failed`, `did not fail`).
fn denies_a_failure(lower: &str) -> bool {
    ["never fail", "not fail", "n't fail", "no failure"].iter().any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_that_denies_a_match_denies_it() {
        let line = "nothing got preempted (both nodes still Ready) and neither pod was OOMKilled.";
        assert!(denies(line, "oomkilled"));
        assert!(denies("the backup pod was not evicted this time", "evicted"));
        // A program's message, or a denial further away, is no denial of the match.
        assert!(!denies("Error: pod was not scheduled because it was OOMKilled", "oomkilled"));
        assert!(!denies("no restarts since Monday, then the pod got OOMKilled", "oomkilled"));
        assert!(!denies("2024-03-04 12:00:01 container not OOMKilled", "oomkilled"));
        assert!(!denies(
            "Error response from daemon: x not found: manifest unknown",
            "manifest unknown"
        ));
    }

    #[test]
    fn accounts_and_questions_are_the_users_words() {
        let above =
            "the export keeps failing. we raised the memory already (it was OOMKilled before)";
        assert!(is_account(above, true));
        let question = "why is the cleanup job so slow, and what's with the permission denied?";
        assert!(is_account(question, false));
        assert!(is_account("I think my job was evicted, the node had disk pressure", false));
    }

    #[test]
    fn a_labelled_message_is_no_account_whatever_its_words() {
        let kaniko = "Error - kaniko job has failed: error checking push permissions -- make sure \
                      you entered the correct tag name, and that you are authenticated correctly";
        assert!(!is_account(kaniko, true));
        assert!(!is_account(
            "Error: we could not reach you or your server, please try again",
            true
        ));
        // The user naming the error in a sentence still tells their account.
        assert!(is_account("Error keeps coming back and we tried everything already", true));
    }

    #[test]
    fn messages_that_talk_to_the_reader_are_not() {
        for message in [
            "The request signature we calculated does not match the signature you provided.",
            "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
            "mysqldump: Got error: 2005: \"Unknown MySQL server host 'db' (-2)\" when trying to connect",
            "Error: you must be logged in to the server (Unauthorized)",
            "E0312 10:11:12.123456       1 main.go:42] why: sync failed for tenant 7?",
        ] {
            assert!(!is_account(message, false), "{message}");
        }
        // Telling words alone mark an account only above the commands.
        let telling = "Back-off restarting failed container, trying again now but still failing";
        assert!(!is_account(telling, false));
    }
}
