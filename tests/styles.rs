//! The stylesheet's themes: every colour is written once, as `light-dark(LIGHT, DARK)`, and the
//! themes and print only choose `color-scheme`, so no colour is written twice.

use std::collections::BTreeSet;

const CSS: &str = include_str!("../styles/app.css");

/// The declarations of the block that starts with `selector {`, trimmed, in order.
fn block(selector: &str) -> Vec<&'static str> {
    let start = CSS.find(&format!("{selector} {{\n")).unwrap_or_else(|| panic!("no {selector}"));
    let body = &CSS[start + selector.len() + 2..];
    let body = &body[..body.find('}').expect("a closed block")];
    body.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("/*")).collect()
}

/// The colour properties of `:root`: every custom property but the sizes and fonts.
fn colours() -> Vec<&'static str> {
    block(":root")
        .into_iter()
        .filter(|d| d.starts_with("--"))
        .filter(|d| !["--radius:", "--mono:", "--sans:"].iter().any(|p| d.starts_with(p)))
        .collect()
}

#[test]
fn every_colour_has_a_light_and_a_dark_value() {
    let colours = colours();
    assert!(colours.len() > 15, "{colours:?}");
    for declaration in colours {
        let at = declaration.find("light-dark(").unwrap_or_else(|| panic!("{declaration}"));
        let inner = &declaration[at + "light-dark(".len()..];
        // Two values: a comma outside the parentheses of `rgb(...)`.
        let mut depth = 0;
        let commas = inner
            .chars()
            .take_while(|c| {
                match c {
                    '(' => depth += 1,
                    ')' if depth == 0 => return false,
                    ')' => depth -= 1,
                    _ => {}
                }
                true
            })
            .filter(|&c| c == ',')
            .count();
        assert_eq!(commas, 1, "{declaration}");
    }
}

#[test]
fn the_themes_choose_a_scheme_and_write_no_colour() {
    assert!(block(":root").contains(&"color-scheme: light dark;"));
    assert_eq!(block(":root[data-theme=\"light\"]"), ["color-scheme: light;"]);
    assert_eq!(block(":root[data-theme=\"dark\"]"), ["color-scheme: dark;"]);
    assert!(!CSS.contains("prefers-color-scheme: dark"), "a second dark palette");
}

#[test]
fn print_is_light_and_overrides_only_colours_the_screen_has() {
    let print = CSS.split("@media print {").nth(1).expect("a print block");
    let print = print.split(":root:root:root {\n").nth(1).expect("print's :root block");
    let print: Vec<&str> =
        print[..print.find('}').expect("closed")].lines().map(str::trim).collect();
    assert!(print.contains(&"color-scheme: light;"), "{print:?}");
    let screen: BTreeSet<&str> = colours().iter().filter_map(|d| d.split(':').next()).collect();
    for name in print.iter().filter(|d| d.starts_with("--")).filter_map(|d| d.split(':').next()) {
        assert!(screen.contains(name), "print sets {name}, which the screen does not use");
    }
}
