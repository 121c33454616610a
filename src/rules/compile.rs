//! From rule files to compiled rules, collecting every problem with its position.

use super::claim_type::{Shared, compile_rule};
use super::diagnostic::{RuleError, RuleErrors, SourceFile};
use super::files::{ActorsFile, AttributionFile, LexiconFile, RuleFile};
use super::gate::Gate;
use super::grouping::{
    BACKGROUND_FILE, EVENTS_FILE, PLACES_FILE, build_grouping, is_grouping_file,
};
use super::model::Rule;
use super::shared::{build_gazetteer, build_lexicon, build_speech};
use super::source::{basename, parse};
use super::{ACTORS_FILE, ATTRIBUTION_FILE, LEXICON_FILE, RuleSet};
use rayon::prelude::*;
use std::collections::BTreeMap;

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
    // Compiling is mostly building regexes, so the three shared files compile side by side and
    // then the rules do. Each task keeps its own errors, joined in file order: the report reads
    // as if everything were compiled one by one.
    let (((lexicon, gazetteer), speech), grouping) = rayon::join(
        || {
            rayon::join(
                || {
                    rayon::join(
                        || {
                            collecting(|e| {
                                lex_src.and_then(|f| {
                                    parse::<LexiconFile>(f, e).and_then(|p| build_lexicon(f, &p, e))
                                })
                            })
                        },
                        || {
                            collecting(|e| {
                                act_src.and_then(|f| {
                                    parse::<ActorsFile>(f, e)
                                        .and_then(|p| build_gazetteer(f, &p, e))
                                })
                            })
                        },
                    )
                },
                || {
                    collecting(|e| {
                        att_src.and_then(|f| {
                            parse::<AttributionFile>(f, e).and_then(|p| build_speech(f, &p, e))
                        })
                    })
                },
            )
        },
        || collecting(|e| build_grouping_or_builtin(&find, e)),
    );
    let lexicon = lexicon.take(&mut errors);
    let gazetteer = gazetteer.take(&mut errors);
    let speech = speech.take(&mut errors);
    let grouping = grouping.take(&mut errors);
    let shared = lexicon.as_ref().zip(gazetteer.as_ref());
    let shared = shared.map(|(lexicon, gazetteer)| Shared { lexicon, gazetteer });
    let mut rules = compile_rules(&files, shared.as_ref(), &mut errors);
    let (Some(lexicon), Some(gazetteer), Some(speech), Some(grouping)) =
        (lexicon, gazetteer, speech, grouping)
    else {
        return Err(RuleErrors { errors });
    };
    if !errors.is_empty() {
        return Err(RuleErrors { errors });
    }
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    let gate = Gate::build(&rules, &gazetteer, &speech, &grouping)?;
    Ok(RuleSet {
        rules,
        lexicon,
        gazetteer,
        speech,
        grouping,
        gate,
    })
}

/// Grouping's three files, each from the folder or, when it lacks one, the shipped one: a
/// rule author writing claim types need not copy the place gazetteer or the background table.
fn build_grouping_or_builtin<'a>(
    find: &impl Fn(&str) -> Option<&'a SourceFile>,
    errors: &mut Vec<RuleError>,
) -> Option<super::grouping::Grouping> {
    let builtin = super::builtin_sources();
    let pick = |name: &str| {
        find(name)
            .cloned()
            .or_else(|| builtin.iter().find(|f| basename(&f.name) == name).cloned())
            .unwrap_or_else(|| SourceFile::new(name, ""))
    };
    build_grouping(
        &pick(EVENTS_FILE),
        &pick(PLACES_FILE),
        &pick(BACKGROUND_FILE),
        errors,
    )
}

/// What a compiling task made, and the errors it found on the way.
struct Collected<T> {
    value: Option<T>,
    errors: Vec<RuleError>,
}

impl<T> Collected<T> {
    fn take(self, errors: &mut Vec<RuleError>) -> Option<T> {
        errors.extend(self.errors);
        self.value
    }
}

fn collecting<T>(task: impl FnOnce(&mut Vec<RuleError>) -> Option<T>) -> Collected<T> {
    let mut errors = Vec::new();
    let value = task(&mut errors);
    Collected { value, errors }
}

/// Every claim-type file, parsed and compiled in parallel. A rule id used twice is an error at
/// its second use. Without the shared files (`shared` is `None`) rules are only parsed, so
/// their own errors are still reported.
fn compile_rules(
    files: &[SourceFile],
    shared: Option<&Shared>,
    errors: &mut Vec<RuleError>,
) -> Vec<Rule> {
    let rule_files: Vec<&SourceFile> = files
        .iter()
        .filter(|f| {
            ![LEXICON_FILE, ACTORS_FILE, ATTRIBUTION_FILE].contains(&basename(&f.name))
                && !is_grouping_file(&f.name)
        })
        .collect();
    let mut parsed: Vec<Collected<RuleFile>> = rule_files
        .par_iter()
        .map(|file| collecting(|e| parse::<RuleFile>(file, e)))
        .collect();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for (file, p) in rule_files.iter().zip(&mut parsed) {
        let Some(rule) = &p.value else { continue };
        match seen.get(rule.id.get_ref()) {
            Some(first) => {
                p.errors.push(
                    RuleError::new(
                        file,
                        rule.id.span(),
                        format!("duplicate rule id `{}`", rule.id.get_ref()),
                    )
                    .with_help(format!(
                        "`{first}` already defines it; rule ids must be unique"
                    )),
                );
                p.value = None;
            }
            None => {
                seen.insert(rule.id.get_ref().clone(), file.name.clone());
            }
        }
    }
    let compiled: Vec<Collected<Rule>> = rule_files
        .par_iter()
        .zip(parsed)
        .map(|(file, p)| {
            let Collected { value, mut errors } = p;
            let rule = value
                .zip(shared)
                .and_then(|(parsed, shared)| compile_rule(file, parsed, shared, &mut errors));
            Collected {
                value: rule,
                errors,
            }
        })
        .collect();
    compiled
        .into_iter()
        .filter_map(|c| c.take(errors))
        .collect()
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

    #[test]
    fn errors_come_in_file_order_and_a_repeated_id_is_named_at_its_second_use() {
        let mut files = crate::rules::builtin_sources();
        let death = files
            .iter()
            .find(|f| f.name.ends_with("death_toll.toml"))
            .expect("shipped death_toll")
            .clone();
        let mut copy = death.clone();
        copy.name = "rules/zz_copy.toml".into();
        files.push(copy);
        files.insert(0, SourceFile::new("rules/aa_broken.toml", "id = ["));
        let errors = compile(files).expect_err("two problems").errors;
        let found: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.location.as_str(), e.message.as_str()))
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].0.starts_with("rules/aa_broken.toml:"), "{found:?}");
        assert!(found[1].0.starts_with("rules/zz_copy.toml:"), "{found:?}");
        assert_eq!(found[1].1, "duplicate rule id `death_toll`");
        let help = errors[1].help.as_deref().unwrap_or_default();
        assert!(help.contains(&death.name), "{help}");
    }
}
