//! A paste that is only the user's own kubectl failing: the Job or pod was not found, or the
//! user may not read it. Those lines are about the user's access to the cluster, not about the
//! Job, so they decide no cause; the command that gets past them is the next step
//! (`content/gaps/`).
//!
//! The same words in a pod's log are the workload's own kubectl, so they count only when nothing
//! else was pasted, and only where a workload's would read otherwise: a workload looks up
//! Services, Secrets and ConfigMaps more than Jobs and pods, and its refusals name its service
//! account. A refused token or an unreachable API server reads the same from a laptop and from a
//! pod without its token, so those stay the workload's (`content/causes/`).

use crate::model::Facts;
use crate::text::Paste;

/// What the user's kubectl could not do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OwnError {
    /// `Error from server (NotFound): jobs.batch "x" not found`, with the Job's name.
    JobNotFound(String),
    /// The same for a pod.
    PodNotFound(String),
    /// `Error from server (Forbidden): ... User "alice" cannot get resource ... in the namespace
    /// "x"`, with the namespace when it says one.
    Forbidden(Option<String>),
}

/// The kubectl errors of a paste made of nothing else (besides the commands typed and blank
/// lines), in paste order, each once; empty when the paste holds anything more.
pub fn own_errors(paste: &Paste, facts: &Facts) -> Vec<OwnError> {
    let mut found = Vec::new();
    for line in &paste.lines {
        let text = line.text.trim();
        if text.is_empty() || facts.commands.iter().any(|c| c.line == line.no) {
            continue;
        }
        let Some(error) = own_error(&text.to_lowercase()) else {
            return Vec::new();
        };
        if !found.contains(&error) {
            found.push(error);
        }
    }
    found
}

/// The user's kubectl error `lower` (a lower-case line) reports, if it is one.
fn own_error(lower: &str) -> Option<OwnError> {
    if let Some(rest) = lower.strip_prefix("error from server (notfound): ") {
        let (kind, name) = rest.split_once(' ')?;
        let name = quoted(name)?.to_owned();
        return match kind {
            "jobs.batch" => Some(OwnError::JobNotFound(name)),
            "pods" => Some(OwnError::PodNotFound(name)),
            _ => None,
        };
    }
    if let Some(rest) = lower.strip_prefix("error from server (forbidden): ") {
        // The workload's own calls are made as its service account.
        let user = rest.split("user \"").nth(1)?;
        let namespace = rest.split(" in the namespace ").nth(1).and_then(quoted);
        return (!user.starts_with("system:serviceaccount:"))
            .then(|| OwnError::Forbidden(namespace.map(str::to_owned)));
    }
    None
}

/// The text between the first pair of double quotes at the start of `text`.
fn quoted(text: &str) -> Option<&str> {
    text.strip_prefix('"')?.split_once('"').map(|(inside, _)| inside)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(input: &str) -> Vec<OwnError> {
        let paste = Paste::new(input);
        let (facts, _) = crate::extract::extract(&paste, &crate::capture::capture(&paste));
        own_errors(&paste, &facts)
    }

    #[test]
    fn a_paste_of_only_kubectl_errors_is_read_as_the_users_own() {
        let input = "$ kubectl describe job nightly -n data\n\
                     Error from server (NotFound): jobs.batch \"nightly\" not found\n\n\
                     $ kubectl get pod nightly-x7k2p\n\
                     Error from server (NotFound): pods \"nightly-x7k2p\" not found\n";
        assert_eq!(
            errors(input),
            [
                OwnError::JobNotFound("nightly".to_owned()),
                OwnError::PodNotFound("nightly-x7k2p".to_owned())
            ]
        );
        let forbidden = "Error from server (Forbidden): jobs.batch \"etl\" is forbidden: User \
                         \"alice@example.com\" cannot get resource \"jobs\" in API group \
                         \"batch\" in the namespace \"data\"";
        assert_eq!(errors(forbidden), [OwnError::Forbidden(Some("data".to_owned()))]);
    }

    #[test]
    fn the_workloads_own_kubectl_and_mixed_pastes_are_not() {
        // A refusal that names a service account is the workload's call.
        let workload = "Error from server (Forbidden): pods is forbidden: User \
                        \"system:serviceaccount:ci:runner\" cannot list resource \"pods\"";
        assert_eq!(errors(workload), []);
        // So are the lookups a workload makes, and failures that read the same from a pod.
        assert_eq!(errors("Error from server (NotFound): services \"sqldb\" not found"), []);
        assert_eq!(errors("error: You must be logged in to the server (Unauthorized)"), []);
        // Anything else in the paste is read for what it says.
        let mixed = "Starting sync\n\
                     error: You must be logged in to the server (Unauthorized)\n";
        assert_eq!(errors(mixed), []);
        assert_eq!(errors(""), []);
    }
}
