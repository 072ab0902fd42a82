//! Search over the real knowledge base: the ranking table in `tests/search_ranking.txt`, whose
//! rows say which document a query must list first.

use std::collections::BTreeSet;

use kubetriage::kb::{self, search, Doc, DocKind};

/// One row of the table.
struct Row {
    line: usize,
    query: String,
    route: String,
}

fn rows() -> Vec<Row> {
    let text = include_str!("search_ranking.txt");
    let mut rows = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (query, route) = line
            .rsplit_once(" => ")
            .unwrap_or_else(|| panic!("search_ranking.txt:{}: no ` => ` in {line:?}", index + 1));
        rows.push(Row { line: index + 1, query: query.trim().into(), route: route.trim().into() });
    }
    rows
}

fn route(doc: &Doc) -> String {
    match doc.kind {
        DocKind::Guide => format!("#/guides/{}", doc.slug),
        DocKind::Cause => format!("#/causes/{}", doc.slug),
    }
}

#[test]
fn every_row_ranks_its_document_first() {
    let rows = rows();
    assert!(rows.len() >= 40, "only {} rows: is the table read?", rows.len());
    let mut wrong = Vec::new();
    for row in &rows {
        let hits = search::search(&row.query, 3);
        if hits.first().map(|hit| route(hit.doc)) != Some(row.route.clone()) {
            let got: Vec<String> =
                hits.iter().map(|hit| format!("{} ({:.2})", route(hit.doc), hit.score)).collect();
            wrong.push(format!(
                "line {}: {:?} wants {} first, got [{}]",
                row.line,
                row.query,
                row.route,
                got.join(", ")
            ));
        }
    }
    assert!(wrong.is_empty(), "{} of {} rows:\n{}", wrong.len(), rows.len(), wrong.join("\n"));
}

#[test]
fn every_row_names_a_document_and_every_document_has_a_row() {
    let routes: BTreeSet<String> = kb::docs().iter().map(route).collect();
    let wanted: BTreeSet<String> = rows().into_iter().map(|row| row.route).collect();
    let unknown: Vec<&String> = wanted.difference(&routes).collect();
    assert!(unknown.is_empty(), "rows name documents that do not exist: {unknown:?}");
    let missing: Vec<&String> = routes.difference(&wanted).collect();
    assert!(
        missing.is_empty(),
        "no row of tests/search_ranking.txt expects these first; add one for each: {missing:?}"
    );
}

#[test]
fn every_document_is_found_by_its_title() {
    for doc in kb::docs() {
        let hits = search::search(doc.title, 3);
        assert!(
            hits.iter().any(|hit| std::ptr::eq(hit.doc, doc)),
            "{}: not by its title",
            doc.slug
        );
    }
    assert!(search::search("zzqxv", 10).is_empty());
}

#[test]
fn a_heading_hit_opens_its_section() {
    let hit = search::search("Why it is a symptom", 1)[0];
    assert_eq!(hit.doc.kind, DocKind::Guide);
    assert_eq!(hit.heading.map(|h| h.id), Some("why-it-is-a-symptom"));
    assert!(matches!(hit.field, search::Field::Heading(_)), "{:?}", hit.field);
}
