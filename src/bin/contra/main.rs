//! The `contra` command line: parse arguments, run the command, print, set the exit code.
//!
//! One module per command (`check`, `rules`); every failure is an [`error::Error`], printed
//! and turned into exit code 2 here and nowhere else.

mod allocator;
mod check;
mod cli;
mod error;
mod progress;
mod rules;

use clap::Parser;
use cli::{Cli, Command, RulesArg};
use contra::rules::RuleSet;
use error::Result;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(cmd) => rules::run(cmd),
    };
    result.unwrap_or_else(|e| {
        let code = e.exit_code();
        e.print();
        code
    })
}

/// The shipped rules, or the folder `--rules` names.
fn load_rules(arg: &RulesArg) -> Result<RuleSet> {
    Ok(match &arg.rules {
        Some(d) => RuleSet::load_dir(d),
        None => RuleSet::builtin(),
    }?)
}

fn print(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

fn color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}
