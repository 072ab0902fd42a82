//! The stylesheet's themes: the dark colours, written twice (for the system's choice and for the
//! user's), stay the same, and every colour has a light and a dark value.

use std::collections::BTreeSet;

const CSS: &str = include_str!("../styles/app.css");

/// The declarations of `block` (`--name: value` and `color-scheme: ...`), trimmed, in order.
fn declarations(block: &str) -> Vec<String> {
    block
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("--") || line.starts_with("color-scheme:"))
        .map(String::from)
        .collect()
}

/// The blocks marked `/* dark: begin ... */` ... `/* dark: end */`.
fn dark_blocks() -> Vec<&'static str> {
    CSS.split("/* dark: begin")
        .skip(1)
        .map(|rest| rest.split("/* dark: end */").next().unwrap_or(rest))
        .collect()
}

fn names(declarations: &[String]) -> BTreeSet<String> {
    declarations.iter().filter_map(|d| d.split(':').next()).map(String::from).collect()
}

#[test]
fn the_two_dark_blocks_are_the_same() {
    let blocks = dark_blocks();
    assert_eq!(blocks.len(), 2, "want the system's and the chosen dark block");
    assert!(blocks[0].contains("prefers-color-scheme: dark"));
    assert!(blocks[0].contains(":root:not([data-theme=\"light\"])"));
    assert!(blocks[1].contains(":root[data-theme=\"dark\"]"));
    let (system, chosen) = (declarations(blocks[0]), declarations(blocks[1]));
    assert!(system.len() > 15, "{system:?}");
    assert_eq!(system, chosen);
}

#[test]
fn every_light_colour_has_a_dark_value() {
    let light = CSS.split(":root {").nth(1).and_then(|rest| rest.split('}').next()).expect(":root");
    let light: BTreeSet<String> = names(&declarations(light))
        .into_iter()
        .filter(|name| !matches!(name.as_str(), "--radius" | "--mono" | "--sans"))
        .collect();
    let dark = names(&declarations(dark_blocks()[0]));
    assert_eq!(light, dark);
}
