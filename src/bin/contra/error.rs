//! The binary's one error type. Every failure of a command becomes an [`Error`], and `main`
//! alone prints it and turns it into the exit code, as ast-grep's `ErrorContext` does: no call
//! site prints and picks a code of its own.

use contra::rules::{RuleError, RuleErrors};
use std::process::ExitCode;

/// Why a command could not do its job. Each one exits 2 ("bad input or rules, nothing
/// half-written"); 1 is not an error but a finding, which commands return as their outcome.
#[derive(Debug)]
pub enum Error {
    /// A rule folder that does not load: every problem, with file, line and column.
    Rules(RuleErrors),
    /// A contra.toml that does not load, with its position.
    Config(Box<RuleError>),
    /// A flag, setting or file the command cannot use: said in one line.
    Usage(String),
    /// Standard output could not be written (a closed pipe, a full disk).
    Output(std::io::Error),
}

impl Error {
    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage(message.into())
    }

    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(2)
    }

    /// Tells the person at the terminal, on standard error.
    pub fn print(self) {
        match self {
            Error::Rules(e) => eprintln!("{:?}", miette::Report::new(e)),
            Error::Config(e) => eprintln!("{:?}", miette::Report::new(*e)),
            Error::Usage(message) => eprintln!("contra: {message}"),
            // Output that cannot be written has nobody to tell on stdout; a closed pipe is
            // the reader's choice (`contra check | head`), so say nothing for it.
            Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            Error::Output(e) => eprintln!("contra: cannot write the output: {e}"),
        }
    }
}

impl From<RuleErrors> for Error {
    fn from(e: RuleErrors) -> Self {
        Error::Rules(e)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Output(e)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_exits_2() {
        let errors = [
            Error::usage("x"),
            Error::Output(std::io::Error::other("x")),
            Error::Rules(RuleErrors { errors: Vec::new() }),
        ];
        for e in errors {
            assert_eq!(e.exit_code(), ExitCode::from(2));
        }
    }
}
