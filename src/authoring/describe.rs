//! Rules described for their authors: `contra rules list`, `explain` and `patterns`.

use crate::rules::{Kind, Rule, RuleSet};
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use std::fmt::Write;

/// A table of rules: id, kind, title, patterns, examples.
pub fn list(rules: &RuleSet) -> String {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(110);
    t.set_header(vec![
        "Rule",
        "Kind",
        "Title",
        "Patterns",
        "Examples",
        "Counterexamples",
    ]);
    for r in &rules.rules {
        t.add_row(vec![
            r.id.clone(),
            r.kind.as_str().to_string(),
            r.title.clone(),
            r.patterns.len().to_string(),
            r.examples.len().to_string(),
            r.counterexamples.len().to_string(),
        ]);
    }
    format!("{t}\n")
}

/// How a kind's values are compared, in words.
pub fn comparison(kind: Kind) -> &'static str {
    match kind {
        Kind::Count => {
            "Each figure is an interval (\"four\" = 4, \"at least seven\" = 7 or more, \"about 2,500\" = 2,250-2,750, \"dozens\" = 24-99). Two actors disagree when their intervals for the same subject class cannot both be true; a figure for one class (\"80 soldiers\") is also a floor for the rule's whole subject (at least 80 people). Each actor speaks with its latest figure, and actors of one camp never disagree with each other."
        }
        Kind::Polarity => {
            "A claim affirms or denies the proposition. Two actors of different camps disagree when one affirms what the other denies. Each actor speaks with its latest word."
        }
        Kind::Category => {
            "A claim asserts or denies categories. Two actors of different camps disagree when one asserts a category the other denies, or when they assert two categories the rule declares in conflict (for an exclusive rule, any two different ones)."
        }
        Kind::Agent => {
            "A claim names who carried out, fired or ordered the act, or denies it. Agents are told apart by camp. Two actors of different camps disagree when one names an agent the other denies, or (unless the rule sets exclusive = false) when each names an agent the other does not."
        }
    }
}

/// Everything about one rule: what it extracts, its patterns and cases, how it compares.
pub fn explain(rules: &RuleSet, rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — {} ({})\n",
        rule.id,
        rule.title,
        rule.kind.as_str()
    );
    let _ = writeln!(out, "{}\n", rule.description);
    let _ = writeln!(out, "Defined in: {}", rule.file.name);
    let _ = writeln!(out, "Default subject: {}\n", rule.subject);
    let _ = writeln!(
        out,
        "How values are compared:\n  {}\n",
        comparison(rule.kind)
    );
    if rule.kind == Kind::Count {
        let _ = writeln!(
            out,
            "Subject classes: {}\n",
            rules.lexicon.subject_classes().join(", ")
        );
        if rule.tolerance > 0.0 {
            let _ = writeln!(
                out,
                "Tolerance: figures within {}% of each other agree\n",
                rule.tolerance * 100.0
            );
        }
    }
    if !rule.categories.is_empty() {
        let _ = writeln!(out, "Categories:");
        for c in &rule.categories {
            let _ = writeln!(out, "  {} — {}", c.id, c.label);
        }
        for (a, b) in &rule.conflicts {
            let _ = writeln!(out, "  conflict: {a} against {b}");
        }
        for (subject, a, b) in &rule.subject_conflicts {
            let _ = writeln!(out, "  conflict ({subject}): {a} against {b}");
        }
        let _ = writeln!(out);
    }
    if rule.exclusive {
        let _ = writeln!(out, "Exclusive: one value is true per incident\n");
    }
    let _ = writeln!(out, "Patterns:");
    for (i, p) in rule.patterns.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {}. {}{}",
            i + 1,
            p.source,
            if p.polarity == crate::rules::Polarity::Denied {
                "   (denies)"
            } else {
                ""
            }
        );
    }
    let _ = writeln!(out, "\nExamples:");
    for e in &rule.examples {
        let _ = writeln!(out, "  + {}", e.text);
    }
    let _ = writeln!(out, "\nCounterexamples:");
    for e in &rule.counterexamples {
        let _ = writeln!(out, "  - {}", e.text);
    }
    out
}

/// Every expanded pattern, one per line, exactly as the pattern gate runs them, so `rg -f` can
/// run the same regexes over the same bytes. Capture names are dropped: `rg -f` joins all lines
/// into one regex, where the same name twice is an error.
pub fn patterns(rules: &RuleSet) -> String {
    let mut out = String::new();
    for r in &rules.rules {
        for p in &r.patterns {
            let gate = crate::rules::gate_pattern(&p.expanded);
            let _ = writeln!(out, "(?i){}", CAPTURE_NAME.replace_all(&gate, "(?:"));
        }
    }
    out
}

static CAPTURE_NAME: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"\(\?P?<[A-Za-z_][A-Za-z0-9_]*>").expect("static regex")
});

/// Which file a JSON Schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaFor {
    Rule,
    Lexicon,
    Actors,
    Attribution,
}

/// A JSON Schema of a rule file format, generated from the very types that parse it, so editors
/// with a TOML language server can validate and complete rule files.
pub fn schema(which: SchemaFor) -> String {
    use crate::rules::files::{ActorsFile, AttributionFile, LexiconFile, RuleFile};
    let schema = match which {
        SchemaFor::Rule => schemars::schema_for!(RuleFile),
        SchemaFor::Lexicon => schemars::schema_for!(LexiconFile),
        SchemaFor::Actors => schemars::schema_for!(ActorsFile),
        SchemaFor::Attribution => schemars::schema_for!(AttributionFile),
    };
    let mut out = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_schema_names_every_key_and_forbids_others() {
        let v: serde_json::Value = serde_json::from_str(&schema(SchemaFor::Rule)).expect("JSON");
        let props = v["properties"].as_object().expect("properties");
        for key in [
            "id",
            "title",
            "kind",
            "description",
            "subject",
            "category",
            "conflicts",
            "tolerance",
            "exclusive",
            "subject_conflicts",
            "pattern",
            "example",
            "counterexample",
        ] {
            assert!(props.contains_key(key), "schema lacks {key}");
        }
        assert_eq!(v["additionalProperties"], false);
        let required: Vec<&str> = v["required"]
            .as_array()
            .expect("required")
            .iter()
            .filter_map(|x| x.as_str())
            .collect();
        assert_eq!(required, vec!["id", "title", "kind"]);
    }

    #[test]
    fn every_file_kind_has_a_schema() {
        for which in [
            SchemaFor::Lexicon,
            SchemaFor::Actors,
            SchemaFor::Attribution,
        ] {
            let v: serde_json::Value = serde_json::from_str(&schema(which)).expect("JSON");
            assert!(v["properties"].is_object());
        }
    }
}
