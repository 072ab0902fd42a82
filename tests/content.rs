//! The compiled knowledge base, checked as the front ends see it: every cause has an entry, every
//! reference and internal link resolves, every step fills cleanly, the examples are there.

use std::collections::BTreeSet;

use kubetriage::cause::Cause;
use kubetriage::kb::{self, DocKind, Names};

const GUIDE_SECTIONS: &[&str] = &[
    "The exact error",
    "What it means",
    "Why it is a symptom",
    "Common causes",
    "Reproduce it",
    "Diagnose",
    "Resolve",
    "Prevent",
    "Related errors",
    "FAQ",
];

const CAUSE_SECTIONS: &[&str] =
    &["What it means", "How to confirm", "How to fix", "How to prevent"];

fn all_names() -> Names {
    Names {
        job: Some("migrate".into()),
        pod: Some("migrate-7kq2x".into()),
        container: Some("main".into()),
        namespace: Some("batch".into()),
        node: Some("worker-2".into()),
        image: Some("busybox:1.36".into()),
        object: Some("db-credentials".into()),
        service_account: Some("migrator".into()),
        host: Some("db.internal".into()),
        cronjob: Some("nightly-migrate".into()),
    }
}

#[test]
fn every_cause_has_exactly_one_entry_and_every_entry_is_a_cause() {
    for &cause in Cause::all() {
        let entry = kb::cause_entry(cause).unwrap_or_else(|| panic!("no entry for {cause}"));
        assert_eq!(entry.slug, cause.id());
        assert_eq!(entry.kind, DocKind::Cause);
    }
    let entries: Vec<_> = kb::docs().iter().filter(|d| d.kind == DocKind::Cause).collect();
    assert_eq!(entries.len(), Cause::all().len());
    assert!(Cause::BUILT_IN.iter().all(|c| Cause::all().contains(c)));
    for entry in entries {
        assert!(Cause::from_id(entry.slug).is_some(), "{} is not a cause id", entry.slug);
    }
}

#[test]
fn slugs_are_unique_and_lookups_respect_kind() {
    let mut seen = BTreeSet::new();
    for doc in kb::docs() {
        assert!(seen.insert((doc.kind == DocKind::Guide, doc.slug)), "duplicate {}", doc.slug);
    }
    let guide = kb::guide("backoff-limit-exceeded").expect("the flagship guide");
    assert_eq!(guide.kind, DocKind::Guide);
    assert_eq!(guide.reason, Some("BackoffLimitExceeded"));
    assert_eq!(guide.error, Some("Job has reached the specified backoff limit"));
    assert!(kb::guide("oom-killed").is_none(), "a cause entry is not a guide");
    assert!(kb::guides().all(|d| d.kind == DocKind::Guide));
}

#[test]
fn every_doc_has_its_sections_in_order() {
    for doc in kb::docs() {
        let expected = match doc.kind {
            DocKind::Guide => GUIDE_SECTIONS,
            DocKind::Cause => CAUSE_SECTIONS,
        };
        let found: Vec<&str> =
            doc.headings.iter().filter(|h| h.level == 2).map(|h| h.text).collect();
        assert_eq!(found, expected, "sections of {}", doc.slug);
        for heading in doc.headings {
            let anchor = format!("<h{} id=\"{}\">", heading.level, heading.id);
            assert!(kb::doc_html(doc).contains(&anchor), "{}: no {anchor}", doc.slug);
        }
    }
}

#[test]
fn references_resolve_both_ways() {
    for guide in kb::guides() {
        for id in guide.causes {
            let cause = Cause::from_id(id).and_then(kb::cause_entry);
            let cause = cause.unwrap_or_else(|| panic!("{}: no cause {id}", guide.slug));
            assert!(cause.guides.contains(&guide.slug), "{id} does not list {}", guide.slug);
        }
        for slug in guide.related {
            assert!(kb::guide(slug).is_some(), "{}: no related guide {slug}", guide.slug);
        }
    }
    for doc in kb::docs().iter().filter(|d| d.kind == DocKind::Cause) {
        for slug in doc.guides {
            let guide = kb::guide(slug).unwrap_or_else(|| panic!("{}: no guide {slug}", doc.slug));
            assert!(guide.causes.contains(&doc.slug), "{slug} does not list {}", doc.slug);
        }
    }
}

/// Every `href="#/..."` in `html`.
fn internal_links(html: &str) -> Vec<&str> {
    html.split("href=\"#/").skip(1).filter_map(|rest| rest.split('"').next()).collect()
}

#[test]
fn every_internal_link_reaches_a_doc_and_heading() {
    let mut checked = 0;
    for doc in kb::docs() {
        for link in internal_links(kb::doc_html(doc)) {
            let parts: Vec<&str> = link.split('/').collect();
            let (target, heading) = match parts.as_slice() {
                ["analyze"] => continue,
                ["guides", slug, rest @ ..] => (kb::guide(slug), rest.first()),
                ["causes", id, rest @ ..] => {
                    (Cause::from_id(id).and_then(kb::cause_entry), rest.first())
                }
                _ => panic!("{}: link #/{link} is not a route", doc.slug),
            };
            let target = target.unwrap_or_else(|| panic!("{}: link #/{link} has no doc", doc.slug));
            if let Some(id) = heading {
                assert!(
                    target.headings.iter().any(|h| h.id == *id),
                    "{}: link #/{link} has no heading",
                    doc.slug
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links: is the scan broken?");
}

#[test]
fn html_has_anchors_copy_buttons_and_no_leftover_markdown() {
    let guide = kb::guide("backoff-limit-exceeded").expect("guide");
    assert!(kb::doc_html(guide).contains(
        "<a class=\"anchor\" href=\"#/guides/backoff-limit-exceeded/diagnose\" \
         aria-label=\"link to this section\">#</a>"
    ));
    assert!(
        kb::doc_html(guide).contains("<button class=\"copy-button\" type=\"button\">Copy</button>")
    );
    assert!(kb::doc_html(guide).contains("rel=\"noopener\""));
    let oom = kb::cause_entry(Cause::OomKilled).expect("entry");
    assert!(kb::doc_html(oom).contains("href=\"#/causes/oom-killed/how-to-fix\""));
    for doc in kb::docs() {
        assert!(!kb::doc_html(doc).contains("<script"), "{}", doc.slug);
        assert!(!kb::doc_html(doc).contains("]("), "{}: unrendered link", doc.slug);
        assert!(!kb::doc_html(doc).contains("<h1"), "{}", doc.slug);
    }
}

#[test]
fn cause_pages_show_the_same_steps_as_the_analyzer() {
    for &cause in Cause::all() {
        let entry = kb::cause_entry(cause).expect("entry");
        let fix = kb::doc_html(entry).split("id=\"how-to-fix\"").nth(1).expect("fix section");
        let fix = fix.split("id=\"how-to-prevent\"").next().unwrap_or(fix);
        for step in kb::steps_for(cause, &Names::default(), false, |_| true) {
            let text = step.text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            assert!(fix.contains(&format!("<p>{text}</p>")), "{cause}: step {text:?} not on page");
        }
    }
}

#[test]
fn steps_for_gives_two_to_six_filled_steps_per_cause() {
    let names = all_names();
    for &cause in Cause::all() {
        let steps = kb::steps_for(cause, &names, false, |_| true);
        assert!((2..=6).contains(&steps.len()), "{cause}: {} steps", steps.len());
        let completed = kb::steps_for(cause, &names, true, |_| true);
        assert_eq!(completed.len(), steps.len(), "{cause}");
        for step in steps.iter().chain(&completed) {
            for text in std::iter::once(&step.text).chain(step.command.as_ref()) {
                for name in kb::placeholder::NAMES {
                    assert!(!text.contains(&format!("{{{name}}}")), "{cause}: {text}");
                    assert!(!text.contains(&format!("<{name}>")), "{cause}: {text}");
                }
                assert!(!text.is_empty());
            }
        }
    }
}

/// Where re-creating the Job is the fix itself, whether or not it completed: a field the API
/// will not change on the existing Job.
const RECREATE_IS_THE_FIX: &[Cause] = &[Cause::InvalidSpec];

#[test]
fn a_step_that_re_runs_the_job_says_what_to_do_once_it_completed() {
    for &cause in Cause::all().iter().filter(|c| !RECREATE_IS_THE_FIX.contains(c)) {
        let entry = kb::cause_entry(cause).expect("entry");
        for step in kb::doc_steps(entry) {
            let reruns = step.command.is_some_and(|c| c.starts_with("kubectl replace --force"));
            assert_eq!(reruns, step.completed.is_some(), "{cause}: {:?}", step.text);
            assert!(step.completed.is_none_or(|t| !t.contains("re-create")), "{cause}");
        }
    }
}

#[test]
fn fill_uses_known_names_and_marks_unknown_ones() {
    let names = Names { pod: Some("migrate-7kq2x".into()), ..Names::default() };
    assert_eq!(
        kb::fill("kubectl logs {pod} -n {namespace} -c {container}", &names),
        "kubectl logs migrate-7kq2x -n NAMESPACE"
    );
    // An unknown container leaves `-c` out: kubectl picks the default container.
    let named = Names { container: Some("main".into()), ..names.clone() };
    assert_eq!(
        kb::fill("kubectl logs {pod} -n {namespace} -c {container}", &named),
        "kubectl logs migrate-7kq2x -n NAMESPACE -c main"
    );
    assert_eq!(
        kb::fill("{job}-manual from {object}", &all_names()),
        "migrate-manual from db-credentials"
    );
    let oom = kb::steps_for(Cause::OomKilled, &names, false, |_| false);
    assert_eq!(oom[0].command.as_deref(), Some("kubectl describe pod migrate-7kq2x -n NAMESPACE"));
    // A runtime's own heap error reads its logs first, and raises the heap setting.
    let heap = kb::steps_for(Cause::OomKilled, &names, false, |w| w == "java heap space");
    assert_eq!(
        heap[0].command.as_deref(),
        Some("kubectl logs migrate-7kq2x -n NAMESPACE --previous")
    );
    assert!(heap.last().is_some_and(|s| s.text.contains("-Xmx")), "{heap:?}");
    assert!(!oom.last().is_some_and(|s| s.text.contains("-Xmx")), "{oom:?}");
}

#[test]
fn cause_summaries_read_as_clauses() {
    for doc in kb::docs().iter().filter(|d| d.kind == DocKind::Cause) {
        assert!(doc.summary.starts_with(|c: char| c.is_lowercase()), "{}", doc.slug);
        assert!(!doc.summary.ends_with('.'), "{}", doc.slug);
        assert!(!kb::doc_steps(doc).is_empty() && doc.applies_to.is_none(), "{}", doc.slug);
    }
}

#[test]
fn examples_include_the_busybox_migration() {
    let examples = kb::examples();
    assert!((3..=5).contains(&examples.len()));
    let busybox = examples
        .iter()
        .find(|e| e.text.contains("busybox:1.36") && e.text.contains("Backoff Limit:"))
        .expect("the guide's own busybox example");
    assert!(busybox.text.contains("0 Active (0 Ready) / 0 Succeeded / 3 Failed"));
    assert!(busybox.text.contains("Job has reached the specified backoff limit"));
    assert_eq!(busybox.text.matches("Created pod: migrate-").count(), 3);
    for example in examples {
        assert!(!example.title.is_empty());
        assert!(!example.text.starts_with("# title:"), "{}: title line kept", example.id);
    }
    let all: String = examples.iter().map(|e| e.text).collect();
    for needle in ["OOMKilled", "secret \"db-credentials\" not found", "ImagePullBackOff"] {
        assert!(all.contains(needle), "no example shows {needle}");
    }
}

#[test]
fn a_step_with_when_words_applies_only_where_the_paste_holds_one() {
    let entry = kb::cause_entry(Cause::AdmissionOrQuota).expect("entry");
    let webhook = "failed calling webhook";
    let called = kb::doc_steps(entry).iter().find(|s| s.when.contains(&webhook)).expect("a step");
    let texts = |mentions: &dyn Fn(&str) -> bool| -> Vec<String> {
        kb::steps_for(Cause::AdmissionOrQuota, &Names::default(), false, mentions)
            .into_iter()
            .map(|s| s.text)
            .collect()
    };
    assert!(texts(&|w| w == webhook).iter().any(|t| t == called.text));
    assert!(!texts(&|w| w == "violates").iter().any(|t| t == called.text));
    // Steps without `when` apply to every paste.
    let always = kb::doc_steps(entry).iter().filter(|s| s.when.is_empty()).count();
    assert_eq!(texts(&|_| false).len(), always);
}
