//! From rule files to compiled rules, collecting every problem with its position.

use super::claim_type::compile_rule;
use super::diagnostic::{RuleError, RuleErrors, SourceFile};
use super::files::{ActorsFile, AttributionFile, Expect, Kind, LexiconFile, Polarity, RuleFile};
use super::gate::Gate;
use super::gazetteer::Gazetteer;
use super::lexicon::Lexicon;
use super::matcher::Matcher;
use super::shared::{build_gazetteer, build_lexicon, build_speech};
use super::source::{basename, parse};
use super::{ACTORS_FILE, ATTRIBUTION_FILE, LEXICON_FILE, RuleSet};
use std::collections::BTreeMap;
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Category {
    pub id: String,
    pub label: String,
    /// Matches a whole captured term of this category.
    pub matcher: Matcher,
}

#[derive(Debug, Clone)]
pub struct Pattern {
    pub regex: Matcher,
    /// The pattern as its author wrote it.
    pub source: String,
    /// After fragment expansion: what actually runs (`contra rules patterns`).
    pub expanded: String,
    pub polarity: Polarity,
    pub subject: Option<String>,
}

/// An example or counterexample, with where it stands in its rule file.
#[derive(Debug, Clone)]
pub struct RuleCase {
    pub text: String,
    pub expect: Option<Expect>,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    pub description: String,
    /// The subject when a pattern captures none.
    pub subject: String,
    pub categories: Vec<Category>,
    /// Any category term, to read the rest of a list after a match ("centres, logistics sites").
    pub category_scan: Option<Matcher>,
    pub conflicts: Vec<(String, String)>,
    pub patterns: Vec<Pattern>,
    pub examples: Vec<RuleCase>,
    pub counterexamples: Vec<RuleCase>,
    pub file: SourceFile,
}

impl Rule {
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The category a captured term names.
    pub fn category_of(&self, term: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.matcher.is_match(term))
    }

    pub fn incompatible(&self, a: &str, b: &str) -> bool {
        self.conflicts
            .iter()
            .any(|(x, y)| (x == a && y == b) || (x == b && y == a))
    }
}

pub(super) struct Shared<'a> {
    pub(super) lexicon: &'a Lexicon,
    pub(super) gazetteer: &'a Gazetteer,
}

pub fn compile(files: Vec<SourceFile>) -> Result<RuleSet, RuleErrors> {
    let mut errors = Vec::new();
    let find = |name: &str| files.iter().find(|f| basename(&f.name) == name);
    let missing = |name: &str| {
        RuleError::new(&SourceFile::new(name, ""), 0..0, format!("the rule folder has no {name}"))
            .with_help(format!("every rule folder needs {LEXICON_FILE}, {ACTORS_FILE} and {ATTRIBUTION_FILE}; copy them from the shipped rules/"))
    };
    let mut load = |name: &str| -> Option<&SourceFile> {
        let f = find(name);
        if f.is_none() {
            errors.push(missing(name));
        }
        f
    };
    let (lex_src, act_src, att_src) = (
        load(LEXICON_FILE),
        load(ACTORS_FILE),
        load(ATTRIBUTION_FILE),
    );
    let lexicon = lex_src.and_then(|f| {
        parse::<LexiconFile>(f, &mut errors).and_then(|p| build_lexicon(f, &p, &mut errors))
    });
    let gazetteer = act_src.and_then(|f| {
        parse::<ActorsFile>(f, &mut errors).and_then(|p| build_gazetteer(f, &p, &mut errors))
    });
    let speech = att_src.and_then(|f| {
        parse::<AttributionFile>(f, &mut errors).and_then(|p| build_speech(f, &p, &mut errors))
    });

    let mut rules = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for file in files
        .iter()
        .filter(|f| ![LEXICON_FILE, ACTORS_FILE, ATTRIBUTION_FILE].contains(&basename(&f.name)))
    {
        let Some(parsed) = parse::<RuleFile>(file, &mut errors) else {
            continue;
        };
        if let Some(first) = seen.get(parsed.id.get_ref()) {
            errors.push(
                RuleError::new(
                    file,
                    parsed.id.span(),
                    format!("duplicate rule id `{}`", parsed.id.get_ref()),
                )
                .with_help(format!(
                    "`{first}` already defines it; rule ids must be unique"
                )),
            );
            continue;
        }
        seen.insert(parsed.id.get_ref().clone(), file.name.clone());
        if let (Some(lexicon), Some(gazetteer)) = (&lexicon, &gazetteer) {
            let shared = Shared { lexicon, gazetteer };
            if let Some(rule) = compile_rule(file, parsed, &shared, &mut errors) {
                rules.push(rule);
            }
        }
    }
    let (Some(lexicon), Some(gazetteer), Some(speech)) = (lexicon, gazetteer, speech) else {
        return Err(RuleErrors { errors });
    };
    if !errors.is_empty() {
        return Err(RuleErrors { errors });
    }
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    let gate = Gate::build(&rules, &gazetteer, &speech)?;
    Ok(RuleSet {
        rules,
        lexicon,
        gazetteer,
        speech,
        gate,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_rules_compile() {
        let rules = RuleSet::builtin().unwrap_or_else(|e| {
            panic!(
                "{:?}",
                e.errors.iter().map(|e| e.to_string()).collect::<Vec<_>>()
            )
        });
        let ids: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
        // The claim types the product promises; more may be added without touching this test.
        for required in [
            "death_toll",
            "injury_toll",
            "pre_notification",
            "target_type",
        ] {
            assert!(ids.contains(&required), "{required} missing from {ids:?}");
        }
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(ids, sorted, "rules are kept in id order");
    }
}
