//! The `contra` command line: parse arguments, call the library, print, set the exit code.

mod allocator;
mod progress;

use clap::{Args, Parser, Subcommand, ValueEnum};
use contra::authoring::{self, Outcome, describe};
use contra::baseline;
use contra::config::{self, Config};
use contra::corpus::Limits;
use contra::rules::RuleSet;
use progress::Spinner;
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
    /// Articles: files, folders (walked for .txt/.md/.jsonl, ignore files honoured), JSON Lines
    /// files (one article per line), or - for standard input. Default: `include` of contra.toml.
    paths: Vec<PathBuf>,
    #[command(flatten)]
    rules: RulesArg,
    /// Output format.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Exit 0 even when disagreements are found (still 2 on bad input or rules).
    #[arg(long)]
    exit_zero: bool,
    /// Leave out files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Only these rules are on (repeatable, or comma-separated).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    select: Vec<String>,
    /// These rules are off (repeatable, or comma-separated).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    ignore: Vec<String>,
    /// What fails the run: `any` (default), `none`, or rule ids (comma-separated).
    #[arg(long, value_name = "WHAT", value_delimiter = ',')]
    fail_on: Vec<String>,
    /// Report and fail only on disagreements not in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the current disagreements as the baseline in FILE.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Print nothing on standard output; the exit code tells.
    #[arg(long, short)]
    quiet: bool,
    /// Worker threads (default: all cores).
    #[arg(long, short, value_name = "N")]
    jobs: Option<usize>,
    /// Read settings from this file instead of the contra.toml found upward.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore any contra.toml.
    #[arg(long)]
    no_config: bool,
    /// Print the settings in force (contra.toml merged with the flags) and exit.
    #[arg(long)]
    show_config: bool,
    /// Largest article read (a file, a JSON Lines line, standard input): 500KB, 8MiB, 2000000.
    #[arg(long, value_name = "SIZE")]
    max_article_size: Option<String>,
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
    /// Tables and quoted snippets, for a person at a terminal.
    Human,
    /// The stable JSON report (schema version 1).
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions annotations.
    Github,
    /// A report to paste into a pull-request comment.
    Markdown,
    /// One claim per line, for other tools.
    Jsonl,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Markdown => "markdown",
            Format::Jsonl => "jsonl",
        }
    }
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

/// contra.toml (found upward, or named) merged with the flags, which win.
fn settings(args: &CheckArgs) -> Result<(Config, Option<PathBuf>), ExitCode> {
    let file = if args.no_config {
        None
    } else {
        args.config.clone().or_else(|| {
            std::env::current_dir()
                .ok()
                .and_then(|d| config::discover(&d))
        })
    };
    let from_file = match &file {
        Some(path) => config::load(path).map_err(|e| {
            eprintln!("{:?}", miette::Report::new(*e));
            ExitCode::from(2)
        })?,
        None => Config::default(),
    };
    let flags = Config {
        rules: args.rules.rules.clone(),
        include: args.paths.clone(),
        exclude: args.exclude.clone(),
        baseline: args.baseline.clone(),
        format: args.format.map(|f| f.name().to_string()),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        fail_on: args.fail_on.clone(),
        jobs: args.jobs,
        quiet: args.quiet,
        max_article_size: args.max_article_size.clone(),
    };
    Ok((from_file.overridden_by(flags), file))
}

fn parse_format(name: Option<&str>) -> Result<Format, ExitCode> {
    match name {
        None => Ok(Format::Human),
        Some(n) => Format::from_str(n, true).map_err(|_| {
            eprintln!(
                "contra: unknown format `{n}`: human, json, sarif, github, markdown or jsonl"
            );
            ExitCode::from(2)
        }),
    }
}

fn check(args: CheckArgs) -> Result<ExitCode, ExitCode> {
    let (settings, file) = settings(&args)?;
    if args.show_config {
        let origin = file.map_or("no contra.toml".to_string(), |f| {
            format!("from {} and the flags", f.display())
        });
        print(&format!(
            "# settings in force: {origin}\n{}",
            settings.to_toml()
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let format = parse_format(settings.format.as_deref())?;
    if let Some(n) = settings.jobs {
        // Only fails if a pool exists already, which cannot happen this early.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let mut rules = load_rules(&RulesArg {
        rules: settings.rules.clone(),
    })?;
    rules
        .select(&settings.select, &settings.ignore)
        .map_err(|e| {
            eprintln!("contra: {e}");
            ExitCode::from(2)
        })?;
    allocator::release_at_once();
    if settings.include.is_empty() {
        eprintln!(
            "contra: nothing to check: give articles or folders, or `include` in contra.toml"
        );
        return Err(ExitCode::from(2));
    }
    let spinner = Spinner::new(settings.quiet);
    let limits = match settings.max_article_size.as_deref().map(config::parse_size) {
        None => Limits::default(),
        Some(Ok(bytes)) => Limits {
            max_article_bytes: bytes,
        },
        Some(Err(e)) => {
            eprintln!("contra: --max-article-size: {e}");
            return Err(ExitCode::from(2));
        }
    };
    let mut report = contra::check_inputs(
        &rules,
        &settings.include,
        &settings.exclude,
        limits,
        &spinner,
    );
    spinner.finish();
    if let Some(path) = &args.write_baseline {
        baseline::write(path, &report).map_err(|e| {
            eprintln!("contra: {e}");
            ExitCode::from(2)
        })?;
    }
    if let Some(path) = &settings.baseline {
        let known = baseline::load(path).map_err(|e| {
            eprintln!("contra: {e}");
            ExitCode::from(2)
        })?;
        let hidden = baseline::apply(&mut report, &known);
        if !settings.quiet && hidden > 0 {
            eprintln!(
                "contra: {hidden} known disagreement{} hidden by the baseline {}",
                if hidden == 1 { "" } else { "s" },
                path.display()
            );
        }
    }
    if !settings.quiet {
        let text = match format {
            Format::Json => stream(|w| report.write_json(w))?,
            Format::Human => contra::report::human::render(&report, color()),
            Format::Sarif => stream(|w| contra::report::sarif::write(&report, &rules, w))?,
            Format::Github => contra::report::github::render(&report),
            Format::Markdown => contra::report::markdown::render(&report),
            Format::Jsonl => stream(|w| contra::report::jsonl::write(&report, w))?,
        };
        print(&text)?;
        for e in &report.errors {
            eprintln!("contra: skipped {}: {}", e.path, e.message);
        }
        for w in &report.warnings {
            eprintln!("contra: warning: {}: {}", w.path, w.message);
        }
    }
    if report.documents.is_empty() {
        eprintln!("contra: no readable article among the inputs");
        return Err(ExitCode::from(2));
    }
    // Recording a baseline accepts what is there: that run succeeds.
    let failing = args.write_baseline.is_none()
        && report
            .contradictions
            .iter()
            .any(|c| settings.fails_on(&c.rule));
    // The process ends here: freeing a large report piece by piece only costs time (0.4 s of
    // the 200,000-article benchmark), and the system takes the memory back whole. The claims
    // file is unnamed, so it goes when the process closes it.
    std::mem::forget(report);
    std::mem::forget(rules);
    Ok(if failing && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
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

/// Writes a format that can be as large as the corpus straight to stdout, never whole in memory;
/// returns the (empty) text left to print.
fn stream(
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<String, ExitCode> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    write(&mut out)
        .and_then(|_| out.flush())
        .map_err(|_| ExitCode::from(2))?;
    Ok(String::new())
}
