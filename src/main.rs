//! The `contra` command line: parse arguments, call the library, print, set the exit code.

use clap::{Args, Parser, Subcommand, ValueEnum};
use contra::authoring::{self, Outcome, describe};
use contra::rules::RuleSet;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "contra",
    version,
    about = "Checks news coverage for contradictions between sources"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract claims from articles, group them into events, and report disagreements.
    Check(CheckArgs),
    /// Work on rule files: test, compare, list and explain them.
    #[command(subcommand)]
    Rules(RulesCommand),
}

#[derive(Args)]
struct RulesArg {
    /// Load rules from this folder instead of the shipped ones.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
}

#[derive(Parser)]
struct CheckArgs {
    /// Articles: files, folders (walked for .txt/.md), or - for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    rules: RulesArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit 0 even when disagreements are found (still 2 on bad input or rules).
    #[arg(long)]
    exit_zero: bool,
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Run every rule's examples and counterexamples; exit 1 on any failure.
    Test {
        #[command(flatten)]
        rules: RulesArg,
        /// Only these rules (ids); all when none is given.
        ids: Vec<String>,
    },
    /// Claims and disagreements that appear or disappear on a corpus when the rules change.
    Diff {
        /// The rule folder before the edit.
        #[arg(long, value_name = "OLD_RULES_DIR")]
        against: PathBuf,
        #[command(flatten)]
        rules: RulesArg,
        /// The corpus to compare on.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// A table of the rules: id, kind, title, patterns, examples.
    List(RulesArg),
    /// What a rule extracts, its patterns and examples, and how its values are compared.
    Explain {
        id: String,
        #[command(flatten)]
        rules: RulesArg,
    },
    /// Every expanded pattern regex, one per line (for `rg -f`).
    Patterns(RulesArg),
    /// A JSON Schema of a rule file format, for editors with a TOML language server.
    Schema {
        /// Which file it describes.
        #[arg(long, value_enum, default_value_t = SchemaArg::Rule)]
        file: SchemaArg,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaArg {
    /// A claim-type file (death_toll.toml, ...).
    Rule,
    Lexicon,
    Actors,
    Attribution,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn load_rules(arg: &RulesArg) -> Result<RuleSet, ExitCode> {
    let loaded = match &arg.rules {
        Some(d) => RuleSet::load_dir(d),
        None => RuleSet::builtin(),
    };
    loaded.map_err(|errors| {
        eprintln!("{:?}", miette::Report::new(errors));
        ExitCode::from(2)
    })
}

fn print(text: &str) -> Result<(), ExitCode> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
        .map_err(|_| ExitCode::from(2))
}

fn color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

fn check(args: CheckArgs) -> Result<ExitCode, ExitCode> {
    let rules = load_rules(&args.rules)?;
    let report = contra::check_paths(&rules, &args.paths);
    let text = match args.format {
        Format::Json => report.to_json(),
        Format::Human => contra::report::human::render(&report, color()),
    };
    print(&text)?;
    for e in &report.errors {
        eprintln!("contra: skipped {}: {}", e.path, e.message);
    }
    if report.documents.is_empty() {
        eprintln!("contra: no readable article among the inputs");
        return Err(ExitCode::from(2));
    }
    Ok(if report.contradictions.is_empty() || args.exit_zero {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn rules_test(arg: &RulesArg, ids: &[String]) -> Result<ExitCode, ExitCode> {
    let rules = load_rules(arg)?;
    if let Some(unknown) = ids.iter().find(|id| rules.rule(id).is_none()) {
        eprintln!("contra: no rule `{unknown}`; `contra rules list` shows them");
        return Err(ExitCode::from(2));
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

fn rules_command(cmd: RulesCommand) -> Result<ExitCode, ExitCode> {
    match cmd {
        RulesCommand::Test { rules, ids } => rules_test(&rules, &ids),
        RulesCommand::Diff {
            against,
            rules,
            paths,
        } => {
            let old = RuleSet::load_dir(&against).map_err(|e| {
                eprintln!("{:?}", miette::Report::new(e));
                ExitCode::from(2)
            })?;
            let new = load_rules(&rules)?;
            let d = authoring::diff::diff(
                &contra::check_paths(&old, &paths),
                &contra::check_paths(&new, &paths),
            );
            print(&authoring::diff::render(&d))?;
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::List(arg) => {
            print(&describe::list(&load_rules(&arg)?)).map(|_| ExitCode::SUCCESS)
        }
        RulesCommand::Explain { id, rules } => {
            let set = load_rules(&rules)?;
            let Some(rule) = set.rule(&id) else {
                eprintln!("contra: no rule `{id}`; `contra rules list` shows them");
                return Err(ExitCode::from(2));
            };
            print(&describe::explain(&set, rule)).map(|_| ExitCode::SUCCESS)
        }
        RulesCommand::Patterns(arg) => {
            print(&describe::patterns(&load_rules(&arg)?)).map(|_| ExitCode::SUCCESS)
        }
        RulesCommand::Schema { file } => {
            let which = match file {
                SchemaArg::Rule => describe::SchemaFor::Rule,
                SchemaArg::Lexicon => describe::SchemaFor::Lexicon,
                SchemaArg::Actors => describe::SchemaFor::Actors,
                SchemaArg::Attribution => describe::SchemaFor::Attribution,
            };
            print(&describe::schema(which)).map(|_| ExitCode::SUCCESS)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Rules(cmd) => rules_command(cmd),
    };
    result.unwrap_or_else(|code| code)
}
