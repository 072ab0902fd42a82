//! The `{name}` placeholders of fix steps: which names exist and how a template is filled.
//!
//! Shared by `build.rs` (which validates the steps and renders them with `<name>` markers) and by
//! the library (which fills them with the names read from a paste).

/// Every placeholder a step may use, without braces.
pub const NAMES: &[&str] = &[
    "job",
    "pod",
    "container",
    "namespace",
    "node",
    "image",
    "object",
    "serviceaccount",
    "host",
    "registry",
    "cronjob",
];

/// What a command shows for a name the paste does not give: a word that is plainly to be
/// replaced and that a shell takes as it is. `<pod>` would be a redirection from a file `pod`.
pub const MARKERS: &[(&str, &str)] = &[
    ("job", "JOB_NAME"),
    ("pod", "POD_NAME"),
    ("container", "CONTAINER_NAME"),
    ("namespace", "NAMESPACE"),
    ("node", "NODE_NAME"),
    ("image", "IMAGE"),
    ("object", "OBJECT_NAME"),
    ("serviceaccount", "SERVICE_ACCOUNT"),
    ("host", "HOST"),
    ("registry", "REGISTRY"),
    ("cronjob", "CRONJOB_NAME"),
];

/// The marker of placeholder `name`: `POD_NAME` for `pod`.
pub fn marker(name: &str) -> Option<&'static str> {
    MARKERS.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
}

/// `template` with every known `{name}` replaced by `lookup(name)`, or by its [`marker`] when
/// that is `None`: the form a command the user copies takes.
pub fn fill_marked<'a>(template: &str, lookup: impl Fn(&str) -> Option<&'a str>) -> String {
    fill_in(template, NAMES, |name| lookup(name).or_else(|| marker(name)))
}

/// The placeholders of a lint message or fix (`content/lint/`): the field's value, the container
/// and image it is about, and what the paste showed of the attempts.
pub const LINT_NAMES: &[&str] = &["value", "container", "image", "attempts", "outcome", "policy"];

/// The placeholders of a generated fix's words (`content/fixes/`).
pub const FIX_NAMES: &[&str] = &["container", "limit", "suggested", "codes", "deadline", "kind"];

/// The `{...}` tokens of `template` that are not in [`NAMES`], braces included, in order.
///
/// An opening brace with no closing brace after it counts as an unknown token running to the end.
pub fn unknown(template: &str) -> Vec<&str> {
    unknown_in(template, NAMES)
}

/// The `{...}` tokens of `template` that are not in `names`, as [`unknown`] finds them.
pub fn unknown_in<'a>(template: &'a str, names: &[&str]) -> Vec<&'a str> {
    let mut found = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open..];
        let Some(close) = after.find('}') else {
            found.push(after);
            break;
        };
        let token = &after[..=close];
        if !names.contains(&&token[1..close]) {
            found.push(token);
        }
        rest = &after[close + 1..];
    }
    found
}

/// `template` with every known `{name}` replaced by `lookup(name)`, or by `<name>` when that is
/// `None`. Unknown tokens are copied unchanged.
pub fn fill<'a>(template: &str, lookup: impl Fn(&str) -> Option<&'a str>) -> String {
    fill_in(template, NAMES, lookup)
}

/// [`fill`] with its own vocabulary `names` instead of [`NAMES`].
pub fn fill_in<'a>(
    template: &str,
    names: &[&str],
    lookup: impl Fn(&str) -> Option<&'a str>,
) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let name = after.find('}').map(|close| &after[1..close]).filter(|n| names.contains(n));
        match name {
            Some(name) => {
                match lookup(name) {
                    Some(value) => out.push_str(value),
                    None => {
                        out.push('<');
                        out.push_str(name);
                        out.push('>');
                    }
                }
                rest = &after[name.len() + 2..];
            }
            None => {
                out.push('{');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_lists_only_tokens_outside_the_vocabulary() {
        assert_eq!(unknown("kubectl logs {pod} -n {namespace}"), Vec::<&str>::new());
        assert_eq!(unknown("{pods} and {Job} and {}"), vec!["{pods}", "{Job}", "{}"]);
        assert_eq!(unknown("jsonpath='{.status}' {pod"), vec!["{.status}", "{pod"]);
    }

    #[test]
    fn commands_mark_missing_names_with_words_a_shell_keeps() {
        let lookup = |name: &str| if name == "pod" { Some("migrate-x1") } else { None };
        assert_eq!(
            fill_marked("kubectl logs {pod} -n {namespace} -c {container}", lookup),
            "kubectl logs migrate-x1 -n NAMESPACE -c CONTAINER_NAME"
        );
        for name in NAMES {
            assert!(
                marker(name)
                    .is_some_and(|m| m.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')),
                "{name}"
            );
        }
    }

    #[test]
    fn fill_uses_names_and_marks_missing_ones() {
        let lookup = |name: &str| if name == "pod" { Some("migrate-x1") } else { None };
        assert_eq!(
            fill("kubectl logs {pod} -n {namespace}", lookup),
            "kubectl logs migrate-x1 -n <namespace>"
        );
        assert_eq!(fill("{.x} {pod}}", lookup), "{.x} migrate-x1}");
        assert_eq!(fill("no braces", lookup), "no braces");
    }
}
