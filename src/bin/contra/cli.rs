//! The command line as clap reads it: commands, their flags and help texts.

use clap::{Args, Parser, Subcommand, ValueEnum};
use contra::report::Format;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "contra",
    version,
    about = "Checks news coverage for contradictions between sources"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Extract claims from articles, group them into events, and report disagreements.
    Check(CheckArgs),
    /// Work on rule files: test, compare, list and explain them.
    #[command(subcommand)]
    Rules(RulesCommand),
}

#[derive(Args)]
pub struct RulesArg {
    /// Load rules from this folder instead of the shipped ones.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

#[derive(Parser)]
pub struct CheckArgs {
    /// Articles: files, folders (walked for .txt/.md/.jsonl, ignore files honoured), JSON Lines
    /// files (one article per line), or - for standard input. Default: `include` of contra.toml.
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RulesArg,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Exit 0 even when disagreements are found (still 2 on bad input or rules).
    #[arg(long)]
    pub exit_zero: bool,
    /// Leave out files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Only these rules are on (repeatable, or comma-separated).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub select: Vec<String>,
    /// These rules are off (repeatable, or comma-separated).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// What fails the run: `any` (default), `none`, or rule ids (comma-separated).
    #[arg(long, value_name = "WHAT", value_delimiter = ',')]
    pub fail_on: Vec<String>,
    /// Report and fail only on disagreements not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current disagreements as the baseline in FILE.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Print nothing on standard output; the exit code tells.
    #[arg(long, short)]
    pub quiet: bool,
    /// Worker threads (default: all cores).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Read settings from this file instead of the contra.toml found upward.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any contra.toml.
    #[arg(long)]
    pub no_config: bool,
    /// Print the settings in force (contra.toml merged with the flags) and exit.
    #[arg(long)]
    pub show_config: bool,
    /// Largest article read (a file, a JSON Lines line, standard input): 500KB, 8MiB, 2000000.
    #[arg(long, value_name = "SIZE")]
    pub max_article_size: Option<String>,
}

#[derive(Subcommand)]
pub enum RulesCommand {
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
pub enum SchemaArg {
    /// A claim-type file (death_toll.toml, ...).
    Rule,
    Lexicon,
    Actors,
    Attribution,
}
