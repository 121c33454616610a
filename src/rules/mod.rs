//! Rules: all domain knowledge, loaded from TOML and compiled once.
//!
//! A rule folder holds `lexicon.toml`, `actors.toml`, `attribution.toml` and one file per claim
//! type. Loading checks everything and reports every problem at once, each pointing at its file,
//! line and column; no rule runs while any problem remains.

mod claim_type;
mod compile;
mod diagnostic;
pub mod files;
pub mod gate;
pub mod gazetteer;
pub mod grouping;
mod kinds;
pub mod lexicon;
mod literals;
mod matcher;
mod model;
mod shared;
mod source;
pub mod speech;

pub use diagnostic::{RuleError, RuleErrors, SourceFile, did_you_mean};
pub use files::{Kind, Polarity};
pub use matcher::{Matcher, ascii_word_boundaries as gate_pattern};
pub use model::{Category, Pattern, Rule, RuleCase};

use gate::Gate;
use gazetteer::Gazetteer;
use grouping::Grouping;
use lexicon::Lexicon;
use speech::SpeechCues;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// File names with a fixed role in a rule folder; every other `.toml` file is a claim type.
pub const LEXICON_FILE: &str = "lexicon.toml";
pub const ACTORS_FILE: &str = "actors.toml";
pub const ATTRIBUTION_FILE: &str = "attribution.toml";

/// Everything the extractor needs, compiled.
#[derive(Debug)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub lexicon: Lexicon,
    pub gazetteer: Gazetteer,
    pub speech: SpeechCues,
    /// What event grouping knows: settings, kinds of incident, places, calendar, background.
    pub grouping: Grouping,
    /// Every rule pattern and per-sentence search, for one cheap pass per sentence first.
    pub gate: Gate,
}

impl RuleSet {
    /// The rules shipped inside the binary.
    pub fn builtin() -> Result<Self, RuleErrors> {
        Self::from_sources(builtin_sources())
    }

    /// Every `.toml` file of a folder (and its `background.tsv`), in name order.
    pub fn load_dir(dir: &Path) -> Result<Self, RuleErrors> {
        let fail = |message: String, help: &str| RuleErrors {
            errors: vec![
                RuleError::new(
                    &SourceFile::new(dir.display().to_string(), ""),
                    0..0,
                    message,
                )
                .with_help(help),
            ],
        };
        let entries = std::fs::read_dir(dir).map_err(|e| {
            fail(
                format!("cannot read rule folder: {e}"),
                "pass --rules a folder of .toml rule files",
            )
        })?;
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|x| x == "toml")
                    || p.file_name()
                        .is_some_and(|n| n == grouping::BACKGROUND_FILE)
            })
            // Hidden files (".taplo.toml", editor backups) are not rules.
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        paths.sort();
        let mut files = Vec::new();
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|e| {
                fail(
                    format!("cannot read {}: {e}", path.display()),
                    "rule files must be UTF-8 text",
                )
            })?;
            files.push(SourceFile::new(path.display().to_string(), text));
        }
        Self::from_sources(files)
    }

    /// Compiles a rule folder given as (name, text) files.
    pub fn from_sources(files: Vec<SourceFile>) -> Result<Self, RuleErrors> {
        compile::compile(files)
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Keeps only the selected rules (all when `select` is empty) minus the ignored ones.
    /// An id that names no rule is an error, so a typo never silently turns a rule off.
    pub fn select(&mut self, select: &[String], ignore: &[String]) -> Result<(), String> {
        if select.is_empty() && ignore.is_empty() {
            return Ok(());
        }
        if let Some(unknown) = select
            .iter()
            .chain(ignore)
            .find(|id| self.rule(id).is_none())
        {
            let ids = self.rules.iter().map(|r| r.id.as_str());
            let hint = did_you_mean(unknown, ids)
                .unwrap_or_else(|| "`contra rules list` shows them".into());
            return Err(format!("no rule `{unknown}`: {hint}"));
        }
        self.rules
            .retain(|r| (select.is_empty() || select.contains(&r.id)) && !ignore.contains(&r.id));
        self.gate = Gate::build(&self.rules, &self.gazetteer, &self.speech, &self.grouping)
            .map_err(|e| e.to_string())?;
        Ok(())
    }
}

/// The shipped rule files, as sources (to extend or to inspect).
pub fn builtin_sources() -> Vec<SourceFile> {
    BUILTIN_RULES
        .iter()
        .map(|(name, text)| SourceFile::new(format!("rules/{name}"), *text))
        .collect()
}

/// The shipped rules, compiled once for all unit tests.
#[cfg(test)]
pub(crate) fn test_rules() -> &'static RuleSet {
    static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("the shipped rules compile"))
}
