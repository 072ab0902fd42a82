//! The search engine over small fixture documents; `tests/search.rs` ranks the real content.

use std::collections::BTreeMap;

use super::index::{self, Index, Posting};
use super::*;

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
        steps: &[],
    }
}

/// A corpus of `docs` whose body texts are `bodies` (document, section, text).
fn corpus(docs: Vec<Doc>, bodies: &[(usize, u8, &str)]) -> Corpus {
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
    Corpus::new(Vec::leak(docs), index)
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
