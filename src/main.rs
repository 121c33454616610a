//! The `contra` command line: parse arguments, call the library, print, set the exit code.

use clap::{Parser, Subcommand, ValueEnum};
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
}

#[derive(Parser)]
struct CheckArgs {
    /// Articles: files, folders (walked for .txt/.md), or - for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Load rules from this folder instead of the shipped ones.
    #[arg(long)]
    rules: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit 0 even when disagreements are found (still 2 on bad input or rules).
    #[arg(long)]
    exit_zero: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn load_rules(dir: Option<&PathBuf>) -> Result<RuleSet, ExitCode> {
    let loaded = match dir {
        Some(d) => RuleSet::load_dir(d),
        None => RuleSet::builtin(),
    };
    loaded.map_err(|errors| {
        eprintln!("{:?}", miette::Report::new(errors));
        ExitCode::from(2)
    })
}

fn check(args: CheckArgs) -> ExitCode {
    let rules = match load_rules(args.rules.as_ref()) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let report = contra::check_paths(&rules, &args.paths);
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let text = match args.format {
        Format::Json => report.to_json(),
        Format::Human => contra::report::human::render(&report, color),
    };
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
        .is_err()
    {
        return ExitCode::from(2);
    }
    for e in &report.errors {
        eprintln!("contra: skipped {}: {}", e.path, e.message);
    }
    if report.documents.is_empty() {
        eprintln!("contra: no readable article among the inputs");
        return ExitCode::from(2);
    }
    if report.contradictions.is_empty() || args.exit_zero {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(args),
    }
}
