//! The cause vocabulary: one id per root cause, shared by the UI, the CLI's JSON and `content/`.
//!
//! `../shared/reference/causes.md` defines each id and how to choose between two that seem to
//! fit. A finer distinction than the id goes in a finding's `detail`, never in a new id.

use std::fmt;

use serde::{Serialize, Serializer};

macro_rules! causes {
    ($($variant:ident => $id:literal),* $(,)?) => {
        /// The root cause of a failed, stuck or misbehaving Job.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Cause {
            $($variant),*
        }

        impl Cause {
            /// Every cause, in the order of the vocabulary.
            pub const ALL: &'static [Cause] = &[$(Cause::$variant),*];

            /// The kebab-case id used in JSON, in `content/` and in `data-cause` attributes.
            pub fn id(self) -> &'static str {
                match self {
                    $(Cause::$variant => $id),*
                }
            }

            /// The cause whose id is exactly `id`, if any.
            pub fn from_id(id: &str) -> Option<Cause> {
                match id {
                    $($id => Some(Cause::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

causes! {
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
    fn ids_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for &cause in Cause::ALL {
            assert_eq!(Cause::from_id(cause.id()), Some(cause));
            assert!(seen.insert(cause.id()), "duplicate id {}", cause.id());
        }
        assert_eq!(Cause::ALL.len(), 26);
        assert_eq!(Cause::from_id("OOMKilled"), None);
    }
}
