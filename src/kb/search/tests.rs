//! The search engine over small fixture documents; `tests/search.rs` ranks the real content.

use std::collections::BTreeMap;

use super::index::{self, Index, Posting};
use super::*;
use crate::kb::DocKind;

/// A fixture document: `kind`, `slug`, `title`, `seen_as` (place, text) pairs and aliases.
fn doc(
    kind: DocKind,
    slug: &'static str,
    title: &'static str,
    seen_as: &[(&'static str, &'static str)],
    aliases: &[&'static str],
) -> Doc {
    let seen: Vec<SeenAs> = seen_as.iter().map(|&(place, text)| SeenAs { place, text }).collect();
    Doc {
        slug,
        kind,
        title,
        summary: "A document for the tests.",
        reason: None,
        error: None,
        aliases: Vec::leak(aliases.to_vec()),
        tags: &[],
        causes: &[],
        related: &[],
        guides: &[],
        applies_to: None,
        group: None,
        seen_as: Vec::leak(seen),
        headings: &[
            Heading { level: 2, id: "what-it-means", text: "What it means" },
            Heading { level: 2, id: "fix-it", text: "Fix it" },
        ],
    }
}

/// A corpus of `docs` whose body texts are `bodies` (document, section, text).
fn corpus(docs: Vec<Doc>, bodies: &[(usize, u8, &str)]) -> Corpus {
    corpus_with(docs, bodies, &[])
}

/// A corpus of `docs`, with `bodies` and the text `signals` of its cause entries.
fn corpus_with(docs: Vec<Doc>, bodies: &[(usize, u8, &str)], signals: &[Signal]) -> Corpus {
    let mut terms: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
    for &(doc, section, text) in bodies {
        for term in tokens::terms(text) {
            let postings = terms.entry(term).or_default();
            match postings.iter_mut().find(|p| p.doc == doc as u32 && p.section == section) {
                Some(found) => found.count += 1,
                None => postings.push(Posting { doc: doc as u32, section, count: 1 }),
            }
        }
    }
    terms.values_mut().for_each(|postings| postings.sort());
    let (names, bytes) = index::encode(&terms);
    let index = Index::decode(String::leak(names), Vec::leak(bytes));
    Corpus::new(Vec::leak(docs), index, signals)
}

/// A signal of the cause entry `cause`.
fn signal(cause: &'static str, pattern: &'static str, strength: f32) -> Signal {
    Signal { cause, pattern, strength }
}

fn corpus_of(docs: Vec<Doc>) -> Corpus {
    corpus(docs, &[])
}

fn fixture() -> Corpus {
    let docs = vec![
        doc(
            DocKind::Guide,
            "backoff",
            "Job has reached the specified backoff limit",
            &[("message", "Job has reached the specified backoff limit")],
            &["BackoffLimitExceeded"],
        ),
        doc(
            DocKind::Guide,
            "config-error",
            "CreateContainerConfigError",
            &[
                ("status", "CreateContainerConfigError"),
                ("message", "Error: secret \"db-credentials\" not found"),
            ],
            &[],
        ),
        doc(
            DocKind::Cause,
            "missing-secret",
            "A Secret is missing",
            &[],
            &["secret not found", "OOMKilled"],
        ),
        doc(
            DocKind::Guide,
            "oom",
            "The container ran out of memory",
            &[("status", "OOMKilled")],
            &[],
        ),
        doc(DocKind::Cause, "exit", "Exit codes", &[], &["exit code 137", "exit code 1"]),
    ];
    corpus(
        docs,
        &[
            (0, 1, "Every failed pod counts. A secret that is not found keeps the pod waiting."),
            (0, 2, "Read the logs of the failed pod with kubectl logs."),
            (2, 1, "The kubelet cannot find the secret."),
            (4, 2, "Exit code 137 means SIGKILL; restartPolicy decides the rest."),
        ],
    )
}

/// The slugs of the hits for `query`, best first.
fn ranked(corpus: &Corpus, query: &str) -> Vec<&'static str> {
    corpus.search(query, 10).into_iter().map(|hit| hit.doc.slug).collect()
}

#[test]
fn a_pasted_message_finds_its_template_whatever_the_names() {
    let corpus = fixture();
    assert_eq!(ranked(&corpus, "Job has reached the specified backoff limit")[0], "backoff");
    let line = "Warning  BackoffLimitExceeded  91s  job-controller  Job has reached the \
                specified backoff limit";
    assert_eq!(ranked(&corpus, line)[0], "backoff");
    let found = ranked(
        &corpus,
        "Warning  Failed  7s (x3 over 30s)  kubelet  Error: secret \"db-creds\" not found",
    );
    assert_eq!(found[..2], ["config-error", "missing-secret"]);
    let hit = corpus.search("secret \"payments-db\" not found", 1)[0];
    assert_eq!(hit.doc.slug, "config-error");
    assert!(matches!(hit.field, Field::SeenAs(seen) if seen.place == "message"), "{:?}", hit.field);
}

#[test]
fn guides_rank_above_cause_entries_for_the_same_match() {
    let corpus = fixture();
    // `OOMKilled` is a guide's STATUS and a cause's alias.
    assert_eq!(ranked(&corpus, "OOMKilled")[..2], ["oom", "missing-secret"]);
    // The very same field, the cause listed first: the guide still wins.
    let same = corpus_of(vec![
        doc(DocKind::Cause, "evicted-cause", "Evicted", &[], &[]),
        doc(DocKind::Guide, "evicted-guide", "Evicted", &[], &[]),
    ]);
    assert_eq!(ranked(&same, "evicted"), ["evicted-guide", "evicted-cause"]);
}

#[test]
fn the_same_number_beats_another_number() {
    let corpus = fixture();
    let hit = corpus.search("exit code 1", 1)[0];
    assert_eq!(hit.field, Field::Alias("exit code 1"));
    let hit = corpus.search("exit code 137", 1)[0];
    assert_eq!(hit.field, Field::Alias("exit code 137"));
}

#[test]
fn results_come_while_typing() {
    let corpus = fixture();
    assert_eq!(ranked(&corpus, "backoff li")[0], "backoff");
    assert_eq!(ranked(&corpus, "oomki")[0], "oom");
    assert_eq!(ranked(&corpus, "oomki "), Vec::<&str>::new(), "a finished word is not a prefix");
    assert_eq!(ranked(&corpus, "restartpol")[0], "exit", "an unfinished word of a body");
}

#[test]
fn a_body_match_opens_the_section_it_is_in() {
    let corpus = fixture();
    let hit = corpus.search("kubectl logs", 1)[0];
    assert_eq!((hit.doc.slug, hit.field), ("backoff", Field::Body));
    assert_eq!(hit.heading.map(|h| h.id), Some("fix-it"));
    let hit = corpus.search("fix it", 1)[0];
    assert!(matches!(hit.field, Field::Heading(h) if h.id == "fix-it"), "{:?}", hit.field);
    assert_eq!(hit.heading.map(|h| h.id), Some("fix-it"));
}

#[test]
fn nothing_is_found_for_nothing() {
    let corpus = fixture();
    assert!(corpus.search("", 10).is_empty());
    assert!(corpus.search("  \"\" <> ", 10).is_empty());
    assert!(corpus.search("zebra", 10).is_empty());
    assert!(corpus.search("the", 10).is_empty(), "a stop word alone finds nothing");
    assert_eq!(corpus.search("OOMKilled", 1).len(), 1, "the limit holds");
}

#[test]
fn long_pastes_are_cut_not_refused() {
    let corpus = fixture();
    let paste = format!("{} Job has reached the specified backoff limit", "filler ".repeat(5000));
    assert!(corpus.search(&paste, 5).len() <= 5);
    let paste = format!("OOMKilled {}", "filler ".repeat(5000));
    assert_eq!(ranked(&corpus, &paste)[0], "oom");
}

#[test]
fn queries_are_read_once_into_tokens_and_terms() {
    let query = Query::read("Secret \"x\" not fou");
    assert!(query.typing);
    assert_eq!(
        query.terms,
        [("secret".into(), false), ("not".into(), false), ("fou".into(), true)]
    );
    assert!(!Query::read("exit code 137").typing, "a number is not being typed");
    assert!(!Query::read("secret ").typing);
    assert!(!Query::read("oom,").typing);
}

#[test]
fn the_frame_kubectl_prints_and_words_every_document_uses_count_little() {
    let docs = vec![
        doc(DocKind::Guide, "pull", "Image pull", &[("event", "Failed")], &[]),
        doc(DocKind::Guide, "config", "Config", &[("message", "secret \"<name>\" not found")], &[]),
        doc(DocKind::Guide, "limit", "Limit", &[], &["job failed"]),
        doc(DocKind::Guide, "other", "Other", &[], &[]),
    ];
    let every = "The job failed: the pod failed, the kubelet says Warning.";
    let bodies: Vec<(usize, u8, &str)> = (0..4).map(|doc| (doc, 1, every)).collect();
    let corpus = corpus(docs, &bodies);
    let line =
        r#"Warning  Failed  12s (x4 over 50s)  kubelet  Error: secret "payments-db" not found"#;
    assert_eq!(ranked(&corpus, line)[0], "config", "the message, not the event's reason");
    assert_eq!(ranked(&corpus, "Job failed")[0], "limit", "both words, not one of them");
    assert_eq!(ranked(&corpus, "helm hook job failed")[0], "limit", "nor a common word alone");
}

#[test]
fn a_cause_entry_is_found_by_the_strings_its_signals_key_on() {
    let docs = vec![
        doc(DocKind::Cause, "auth", "A service rejected the credentials", &[], &[]),
        doc(DocKind::Cause, "cloud", "Cloud permissions", &[], &[]),
        doc(DocKind::Cause, "files", "A file may not be written", &[], &[]),
    ];
    let signals = [
        signal("auth", "password authentication failed", 0.88),
        signal("cloud", "permission_denied", 0.75),
        signal("files", "permission denied", 0.6),
        signal("files", "^cannot * resource \"", 0.8),
    ];
    let corpus = corpus_with(docs, &[], &signals);
    let hit = corpus.search(r#"FATAL:  password authentication failed for user "app""#, 1)[0];
    assert_eq!(
        (hit.doc.slug, hit.field),
        ("auth", Field::Signal("password authentication failed"))
    );
    // The pattern itself matches only in the second: its words alone count less.
    assert_eq!(ranked(&corpus, "open /data/out.csv: permission denied")[0], "files");
    assert_eq!(ranked(&corpus, "403 PERMISSION_DENIED: no access")[0], "cloud");
    // A `*` stands for any text; a `^` does not tie the pattern to the query's start.
    let rbac = r#"User "system:serviceaccount:etl:default" cannot patch resource "jobs""#;
    assert_eq!(ranked(&corpus, rbac), ["files"]);
    assert_eq!(shown_pattern("^cannot * resource \""), "cannot … resource \"");
}

#[test]
fn a_string_the_program_logs_belongs_to_the_cause_the_kubernetes_message_to_the_guide() {
    let docs = vec![
        doc(
            DocKind::Guide,
            "run-error",
            "The process could not start",
            &[("log", "exec format error"), ("message", "permission denied")],
            &["exec format error"],
        ),
        doc(DocKind::Cause, "exec-format", "Built for another CPU", &[], &["exec format error"]),
        doc(DocKind::Cause, "permission", "Permission refused", &[], &[]),
    ];
    let signals = [
        signal("exec-format", "exec format error", 0.92),
        signal("permission", "permission denied", 0.92),
    ];
    let corpus = corpus_with(docs, &[], &signals);
    assert_eq!(ranked(&corpus, "exec format error")[..2], ["exec-format", "run-error"]);
    assert_eq!(ranked(&corpus, "permission denied")[..2], ["run-error", "permission"]);
}

#[test]
fn fields_that_agree_outrank_one_field() {
    let corpus = corpus_of(vec![
        doc(DocKind::Guide, "replacement", "Replacement", &[("status", "Terminating")], &[]),
        doc(DocKind::Guide, "stuck", "Stuck", &[("status", "Terminating")], &["Terminating"]),
    ]);
    assert_eq!(ranked(&corpus, "Terminating"), ["stuck", "replacement"]);
}

#[test]
fn an_alias_that_is_the_whole_query_counts_as_much_as_what_the_user_sees() {
    let corpus = corpus_of(vec![
        doc(DocKind::Guide, "seen", "Seen", &[("status", "NotReady")], &[]),
        doc(DocKind::Guide, "named", "Named", &[], &["NotReady"]),
    ]);
    let hits = corpus.search("NotReady ", 2);
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].score, hits[1].score, "{hits:?}");
    assert!(matches!(hits[1].field, Field::Alias("NotReady")), "{:?}", hits[1].field);
    // A word more, and the alias is a search term again.
    assert_eq!(ranked(&corpus, "NotReady pod"), ["seen", "named"]);
}

#[test]
fn a_document_is_found_by_what_it_is_named_after() {
    let corpus = corpus_of(vec![
        doc(DocKind::Guide, "pod-replacement-policy", "Replacement pods", &[], &[]),
        doc(DocKind::Guide, "other", "Other", &[], &[]),
    ]);
    let hit = corpus.search("podReplacementPolicy", 1)[0];
    assert_eq!((hit.doc.slug, hit.field), ("pod-replacement-policy", Field::Slug));
}

#[test]
fn the_analyzer_names_a_cause_by_its_id() {
    assert_eq!(named_causes("Root cause: oom-killed (95%)"), ["oom-killed"]);
    assert_eq!(named_causes(r#"  "cause": "Missing-Secret","#), ["missing-secret"]);
    assert_eq!(named_causes("cause: a, then cause: b, cause: a"), ["a", "b"]);
    assert!(named_causes("because: x").is_empty());
    assert!(named_causes("the cause oom-killed").is_empty(), "a colon says it is a label");
    let corpus = fixture();
    let hit = corpus.search("Root cause: missing-secret (90%)", 1)[0];
    assert_eq!((hit.doc.slug, hit.field), ("missing-secret", Field::Id));
    assert_eq!(ranked(&corpus, "Root cause: oom (90%)")[0], "oom", "a guide has no cause id");
}

#[test]
fn a_pasted_line_of_kubectl_get_pods_is_matched_by_its_status() {
    let corpus = fixture();
    let line = "billing-rollup-7fq2x   0/1     OOMKilled   2          4m";
    assert_eq!(ranked(&corpus, line)[0], "oom");
}

#[test]
fn beside_a_full_phrase_match_the_body_counts_half() {
    let docs = vec![
        doc(DocKind::Guide, "named", "Alpha", &[("status", "Zebra crossing")], &[]),
        doc(DocKind::Guide, "told", "Beta", &[], &[]),
    ];
    let body = "A zebra crossing, and a zebra crossing again.";
    let corpus = corpus(docs, &[(0, 1, body), (1, 1, body)]);
    let hits = corpus.search("zebra crossing ", 2);
    let (named, told) = (hits[0].score / GUIDE_BONUS, hits[1].score / GUIDE_BONUS);
    assert!(told > 0.5, "{told}");
    assert!((named - FULL_PHRASE - told * (1.0 - BODY_DAMPING)).abs() < 1e-4, "{named} {told}");
}
