//! `contra rules ...`: test, diff, list, explain, patterns, schema.

use crate::cli::{RulesArg, RulesCommand, SchemaArg};
use crate::error::{Error, Result};
use crate::{color, load_rules, print};
use contra::authoring::{self, Outcome, describe};
use contra::rules::RuleSet;
use std::process::ExitCode;

pub fn run(cmd: RulesCommand) -> Result<ExitCode> {
    match cmd {
        RulesCommand::Test { rules, ids } => test(&rules, &ids),
        RulesCommand::Diff {
            against,
            rules,
            paths,
        } => {
            let old = RuleSet::load_dir(&against)?;
            let new = load_rules(&rules)?;
            let d = authoring::diff::diff(
                &contra::check_paths(&old, &paths),
                &contra::check_paths(&new, &paths),
            );
            print(&authoring::diff::render(&d))?;
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::List(arg) => {
            print(&describe::list(&load_rules(&arg)?))?;
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Explain { id, rules } => {
            let set = load_rules(&rules)?;
            let rule = set.rule(&id).ok_or_else(|| no_rule(&id))?;
            print(&describe::explain(&set, rule))?;
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Patterns(arg) => {
            print(&describe::patterns(&load_rules(&arg)?))?;
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Schema { file } => {
            let which = match file {
                SchemaArg::Rule => describe::SchemaFor::Rule,
                SchemaArg::Lexicon => describe::SchemaFor::Lexicon,
                SchemaArg::Actors => describe::SchemaFor::Actors,
                SchemaArg::Attribution => describe::SchemaFor::Attribution,
            };
            print(&describe::schema(which))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn no_rule(id: &str) -> Error {
    Error::usage(format!("no rule `{id}`; `contra rules list` shows them"))
}

/// `contra rules test`: a table of every case, the failures as snippets, a count; exit 1 on
/// any failure.
fn test(arg: &RulesArg, ids: &[String]) -> Result<ExitCode> {
    let rules = load_rules(arg)?;
    if let Some(unknown) = ids.iter().find(|id| rules.rule(id).is_none()) {
        return Err(no_rule(unknown));
    }
    let results = authoring::run(&rules, ids);
    let mut table = comfy_table::Table::new();
    table
        .load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_header(vec!["Rule", "Case", "Result", "Expected", "Extracted"]);
    for r in &results {
        let case = format!(
            "{} {}",
            if r.counterexample {
                "counterexample"
            } else {
                "example"
            },
            r.index
        );
        table.add_row(vec![
            r.rule.clone(),
            case,
            r.outcome.as_str().to_string(),
            r.expected.clone(),
            r.extracted.join("\n"),
        ]);
    }
    let failed = results
        .iter()
        .filter(|r| r.outcome != Outcome::Validated)
        .count();
    print(&format!("{table}\n"))?;
    let handler = miette::GraphicalReportHandler::new_themed(if color() {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    });
    let mut diagnostics = String::new();
    for d in results
        .iter()
        .filter_map(|r| authoring::diagnostic(&rules, r))
    {
        let _ = handler.render_report(&mut diagnostics, &d);
    }
    print(&diagnostics)?;
    print(&format!(
        "{} passed, {failed} failed\n",
        results.len() - failed
    ))?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
