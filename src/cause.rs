//! The cause vocabulary: one id per root cause, shared by the UI, the CLI's JSON and `content/`.
//!
//! `../shared/reference/causes.md` defines the 26 built-in ids and how to choose between two that
//! seem to fit. A finer distinction than the id goes in a finding's `detail`, never in a new id.
//!
//! A cause is its id. The built-in ids are constants here, named as they were when this type was
//! an enum, so the structural checks and tie-breaks can name them and `match` on them. `content/`
//! may add more: a team's own `content/causes/<id>.md` with its signals becomes a cause like any
//! other (see `content/README.md`). `Cause::from_id` and `Cause::all`, which know those ids too,
//! live in [`crate::kb`], next to the compiled content.

use std::fmt;

use serde::{Serialize, Serializer};

/// The root cause of a failed, stuck or misbehaving Job, by its kebab-case id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cause(&'static str);

macro_rules! built_in {
    ($($name:ident => $id:literal),* $(,)?) => {
        // The constants keep the enum's variant names: `Cause::OomKilled` reads as before and
        // still works as a `match` pattern.
        #[allow(non_upper_case_globals)]
        impl Cause {
            $(
                #[doc = concat!("`", $id, "`")]
                pub const $name: Cause = Cause($id);
            )*

            /// The built-in causes, in the order of the vocabulary.
            pub const BUILT_IN: &'static [Cause] = &[$(Cause::$name),*];
        }
    };
}

built_in! {
    AppError => "app-error",
    MissingConfig => "missing-config",
    MissingSecretOrConfigMap => "missing-secret-or-configmap",
    AuthFailure => "auth-failure",
    PermissionDenied => "permission-denied",
    NetworkOrDns => "network-or-dns",
    TlsCertificate => "tls-certificate",
    TransientDependency => "transient-dependency",
    BadImage => "bad-image",
    ImagePullAuth => "image-pull-auth",
    BadCommand => "bad-command",
    ExecFormat => "exec-format",
    OomKilled => "oom-killed",
    Evicted => "evicted",
    DeadlineExceeded => "deadline-exceeded",
    PodFailurePolicy => "pod-failure-policy",
    Segfault => "segfault",
    TerminatedBySignal => "terminated-by-signal",
    AdmissionOrQuota => "admission-or-quota",
    VolumeMount => "volume-mount",
    Unschedulable => "unschedulable",
    SidecarNeverExits => "sidecar-never-exits",
    InvalidSpec => "invalid-spec",
    CronjobNotScheduling => "cronjob-not-scheduling",
    NoFailure => "no-failure",
    Unknown => "unknown",
}

impl Cause {
    /// The cause named `id`, for ids the build has checked: the generated rule table and cause
    /// list. Elsewhere use `Cause::from_id`, which refuses ids that have no entry.
    pub(crate) const fn new(id: &'static str) -> Cause {
        Cause(id)
    }

    /// The kebab-case id used in JSON, in `content/` and in `data-cause` attributes.
    pub const fn id(self) -> &'static str {
        self.0
    }

    /// The built-in cause whose id is exactly `id`, if any.
    pub fn built_in(id: &str) -> Option<Cause> {
        Cause::BUILT_IN.iter().copied().find(|c| c.0 == id)
    }

    /// Whether this is one of the 26 ids of `causes.md`, rather than one `content/` added.
    pub fn is_built_in(self) -> bool {
        Cause::built_in(self.0).is_some()
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Cause {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_ids_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for &cause in Cause::BUILT_IN {
            assert_eq!(Cause::built_in(cause.id()), Some(cause));
            assert!(seen.insert(cause.id()), "duplicate id {}", cause.id());
            assert!(cause.is_built_in());
        }
        assert_eq!(Cause::BUILT_IN.len(), 26);
        assert_eq!(Cause::built_in("OOMKilled"), None);
        assert!(!Cause::new("ledger-lock-held").is_built_in());
    }

    #[test]
    fn constants_work_as_patterns() {
        let name = |cause: Cause| match cause {
            Cause::OomKilled => "memory",
            Cause::Unknown => "unknown",
            _ => "other",
        };
        assert_eq!(name(Cause::built_in("oom-killed").unwrap_or(Cause::Unknown)), "memory");
        assert_eq!(name(Cause::new("ledger-lock-held")), "other");
    }
}
