//! `contra rules ...` on the real binary: self-tests, diffs, descriptions.

mod common;
use common::*;

use std::path::Path;
use std::process::Output;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn the_shipped_rules_pass_their_own_tests() {
    let out = contra(&["rules", "test"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).trim_end().ends_with("passed, 0 failed"));
}

const WOBBLY: &str = r#"id = "displaced"
title = "People displaced"
kind = "count"
subject = "people"

[[pattern]]
regex = '{qualifier}?{number}\s+{subject}\s+(?:were|have\s+been)\s+displaced'

[[example]]
text = "The United Nations said 12,000 people were displaced."
expect = { value = "12000", actor = "united_nations" }

[[example]]
text = "Aid groups said thousands fled their homes."
expect = { value = "thousands" }

[[example]]
text = "The United Nations said 500 people were displaced."
expect = { value = "600" }

[[counterexample]]
text = "About 40 people have been displaced before, officials said."
"#;

#[test]
fn failing_cases_are_named_and_point_at_the_example() {
    let dir = rules_with(&[("displaced.toml", WOBBLY)]);
    let out = contra(&["rules", "test", "--rules", path(dir.path()), "displaced"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    for needle in [
        "validated",
        "missing",
        "wrong",
        "displaced example 2 is missing",
        "displaced example 3 is wrong",
        "displaced.toml:13:1",
        "displaced.toml:21:1",
        "1 passed, 3 failed",
    ] {
        assert!(text.contains(needle), "{needle:?} not in\n{text}");
    }
    assert!(
        text.contains("counterexample 1 is noisy") || text.contains("noisy"),
        "{text}"
    );
}

#[test]
fn an_unknown_rule_id_is_an_error() {
    assert_eq!(
        contra(&["rules", "test", "no_such_rule"]).status.code(),
        Some(2)
    );
    assert_eq!(
        contra(&["rules", "explain", "no_such_rule"]).status.code(),
        Some(2)
    );
}

#[test]
fn diff_shows_what_an_edit_changes_on_a_corpus() {
    let dir = rules_with(&[]);
    let lexicon = std::fs::read_to_string(dir.path().join("lexicon.toml")).expect("lexicon");
    std::fs::write(
        dir.path().join("lexicon.toml"),
        lexicon.replace("\"herders\", ", ""),
    )
    .expect("write");
    let out = contra(&["rules", "diff", "--against", path(dir.path()), "fixtures"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("Claims that appear (1)"), "{text}");
    assert!(text.contains("three herders were killed"), "{text}");
    assert!(text.contains("1 claims added, 0 removed"), "{text}");
}

#[test]
fn list_explain_patterns_and_schema() {
    let list = stdout(&contra(&["rules", "list"]));
    for id in [
        "death_toll",
        "injury_toll",
        "pre_notification",
        "target_type",
    ] {
        assert!(list.contains(id), "{list}");
    }
    let explain = stdout(&contra(&["rules", "explain", "target_type"]));
    assert!(
        explain.contains("conflict: military_only against civilian"),
        "{explain}"
    );
    let patterns = stdout(&contra(&["rules", "patterns"]));
    assert!(patterns.lines().count() >= 20);
    assert!(patterns.lines().all(|l| regex::Regex::new(l).is_ok()));
    let schema: serde_json::Value =
        serde_json::from_slice(&contra(&["rules", "schema"]).stdout).expect("schema JSON");
    assert_eq!(schema["title"], "RuleFile");
}
