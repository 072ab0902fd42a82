//! The `{name}` placeholders of fix steps: which names exist and how a template is filled.
//!
//! Shared by `build.rs` (which validates the steps and renders them with `<name>` markers) and by
//! the library (which fills them with the names read from a paste).

/// Every placeholder a step may use, without braces.
pub const NAMES: &[&str] = &["job", "pod", "container", "namespace", "node", "image", "object"];

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
