//! Diagnostics of the shared rule files: each broken shipped file yields one positioned error.

use super::super::{RuleSet, builtin_sources};

/// The shipped rules with `lexicon.toml` edited by `edit`; the errors loading them gives.
fn lexicon_errors(edit: impl Fn(&str) -> String) -> Vec<(String, String, String)> {
    edited_errors("/lexicon.toml", edit)
}

/// The shipped rules with the file whose name ends in `name` edited by `edit`; the errors
/// loading them gives, as (location, message, help).
fn edited_errors(name: &str, edit: impl Fn(&str) -> String) -> Vec<(String, String, String)> {
    let mut files = builtin_sources();
    let file = files
        .iter_mut()
        .find(|f| f.name.ends_with(name))
        .expect("shipped file");
    *file = super::SourceFile::new(file.name.clone(), edit(&file.text));
    let errors = RuleSet::from_sources(files).expect_err("broken").errors;
    errors
        .into_iter()
        .map(|e| (e.location, e.message, e.help.unwrap_or_default()))
        .collect()
}

#[test]
fn a_bad_clause_or_list_word_is_reported_where_it_stands() {
    let errors = lexicon_errors(|t| t.replacen("\"plus\"", "\"(plus\"", 1));
    assert_eq!(errors.len(), 1, "{errors:?}");
    let (location, message, help) = &errors[0];
    assert!(location.starts_with("rules/lexicon.toml:"), "{location}");
    assert!(message.contains("`lists.joiners`"), "{message}");
    assert!(!help.is_empty());
    let errors = lexicon_errors(|t| t.replacen("\"whereas\"", "\"[whereas\"", 1));
    assert!(errors[0].1.contains("`clauses.conjunctions`"), "{errors:?}");
}

#[test]
fn a_word_list_or_setting_that_would_match_everywhere_is_an_error() {
    // (file, text replaced, replacement, words the message names)
    let cases = [
        (
            "/attribution.toml",
            "shortest_name = 3",
            "shortest_name = 0",
            "shortest_name",
        ),
        (
            "/attribution.toml",
            "gap_word_endings = [",
            "gap_word_endings = [\"\", ",
            "gap_word_endings",
        ),
        (
            "/attribution.toml",
            "verb_coordinators = [",
            "verb_coordinators = [\"\", ",
            "verb_coordinators",
        ),
        (
            "/attribution.toml",
            "passive_auxiliaries = [",
            "passive_auxiliaries = [\"\", ",
            "passive_auxiliaries",
        ),
        (
            "/lexicon.toml",
            "joiners = [\"and\"]",
            "joiners = [\"and\", \"\"]",
            "joiners",
        ),
        (
            "/lexicon.toml",
            "joiners = [\"and\"]",
            "joiners = [\"as well\"]",
            "more than one word",
        ),
        (
            "/lexicon.toml",
            "range_links = [",
            "range_links = [\" \", ",
            "range_links",
        ),
        (
            "/actors.toml",
            "determiners = [\"the\", \"this\", \"that\"]",
            "determiners = []",
            "`determiners` is empty",
        ),
        (
            "/actors.toml",
            "fold_articles = [",
            "fold_articles = [\"\", ",
            "fold_articles",
        ),
    ];
    for (name, from, to, named) in cases {
        let errors = edited_errors(name, |t| {
            assert!(t.contains(from), "{name} holds no {from}");
            t.replacen(from, to, 1)
        });
        assert_eq!(errors.len(), 1, "{to}: {errors:?}");
        let (location, message, _) = &errors[0];
        assert!(
            location.starts_with(&format!("rules{name}:")),
            "{to}: {location}"
        );
        assert!(message.contains(named), "{to}: {message}");
    }
}

#[test]
fn an_empty_list_end_is_an_error() {
    let errors = lexicon_errors(|t| t.replacen("ends = [", "ends = [\"\", ", 1));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].0.starts_with("rules/lexicon.toml:"), "{errors:?}");
    assert!(errors[0].1.contains("lists.ends"), "{errors:?}");
}
