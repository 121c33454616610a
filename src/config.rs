//! `contra.toml`: project settings found from the current directory upward. Every setting is
//! also a flag, and a flag wins over the file.

use crate::rules::{RuleError, SourceFile};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "contra.toml";

/// Settings as written in `contra.toml`. Relative paths are relative to the file's folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// A rule folder used instead of the shipped rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<PathBuf>,
    /// What to check when no path is given on the command line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<PathBuf>,
    /// Globs left out of walked folders and named files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// Known disagreements: reported only when new.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<PathBuf>,
    /// human, json, sarif, github, markdown or jsonl.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Only these rules are on (all when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub select: Vec<String>,
    /// These rules are off.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
    /// What fails the run: ["any"] (default), ["none"], or rule ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fail_on: Vec<String>,
    /// Worker threads (default: all cores).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jobs: Option<usize>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub quiet: bool,
    /// Largest article read: "8MiB", "500KB", or bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_article_size: Option<String>,
}

/// "8MiB", "500 KB", "2000000" -> bytes. Decimal (KB, MB, GB) and binary (KiB, MiB, GiB) units.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a size (e.g. 8MiB, 500KB, 2000000)"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "kib" => 1 << 10,
        "m" | "mb" => 1_000_000,
        "mib" => 1 << 20,
        "g" | "gb" => 1_000_000_000,
        "gib" => 1 << 30,
        other => {
            return Err(format!(
                "unknown unit `{other}` in `{text}` (use KB, MB, GB, KiB, MiB, GiB)"
            ));
        }
    };
    n.checked_mul(factor)
        .filter(|&b| b > 0)
        .ok_or_else(|| format!("`{text}` is not a usable size"))
}

/// `contra.toml` in `start` or the nearest folder above it.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(CONFIG_FILE))
        .find(|p| p.is_file())
}

/// Reads a config file; errors point at the line and column, like rule errors.
pub fn load(path: &Path) -> Result<Config, Box<RuleError>> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        Box::new(RuleError::new(
            &SourceFile::new(name.clone(), ""),
            0..0,
            format!("cannot read config: {e}"),
        ))
    })?;
    let file = SourceFile::new(name, text.as_str());
    let mut config: Config = toml::from_str(&text).map_err(|e| {
        Box::new(RuleError::new(&file, e.span().unwrap_or(0..0), e.message().trim().to_string())
            .with_help("contra.toml takes: rules, include, exclude, baseline, format, select, ignore, fail_on, jobs, quiet, max_article_size"))
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    let rebase = |p: &mut PathBuf| {
        if p.is_relative() {
            *p = base.join(&*p);
        }
    };
    config.rules.as_mut().map(rebase);
    config.baseline.as_mut().map(rebase);
    config.include.iter_mut().for_each(rebase);
    Ok(config)
}

impl Config {
    /// This config with every setting given on the command line taking its place.
    pub fn overridden_by(mut self, flags: Config) -> Config {
        fn pick<T>(flag: Option<T>, file: Option<T>) -> Option<T> {
            flag.or(file)
        }
        fn list<T>(flag: Vec<T>, file: Vec<T>) -> Vec<T> {
            if flag.is_empty() { file } else { flag }
        }
        self.exclude.extend(flags.exclude);
        Config {
            rules: pick(flags.rules, self.rules),
            include: list(flags.include, self.include),
            exclude: self.exclude,
            baseline: pick(flags.baseline, self.baseline),
            format: pick(flags.format, self.format),
            select: list(flags.select, self.select),
            ignore: list(flags.ignore, self.ignore),
            fail_on: list(flags.fail_on, self.fail_on),
            jobs: pick(flags.jobs, self.jobs),
            quiet: flags.quiet || self.quiet,
            max_article_size: pick(flags.max_article_size, self.max_article_size),
        }
    }

    /// Whether a disagreement of this rule fails the run.
    pub fn fails_on(&self, rule: &str) -> bool {
        if self.fail_on.is_empty() || self.fail_on.iter().any(|f| f == "any") {
            return true;
        }
        !self.fail_on.iter().any(|f| f == "none") && self.fail_on.iter().any(|f| f == rule)
    }

    /// The settings in force, as TOML (`contra check --show-config`).
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn found_upward_and_paths_rebased() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "rules = \"my-rules\"\nexclude = [\"drafts/**\"]\nfail_on = [\"death_toll\"]\n",
        )
        .expect("write");
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).expect("mkdir");
        let found = discover(&nested).expect("found");
        let config = load(&found).expect("valid");
        assert_eq!(config.rules, Some(dir.path().join("my-rules")));
        assert!(config.fails_on("death_toll") && !config.fails_on("target_type"));
    }

    #[test]
    fn sizes_parse_with_units() {
        assert_eq!(parse_size("8MiB"), Ok(8 << 20));
        assert_eq!(parse_size("500KB"), Ok(500_000));
        assert_eq!(parse_size("2000000"), Ok(2_000_000));
        assert!(
            parse_size("lots").is_err()
                && parse_size("5 parsecs").is_err()
                && parse_size("0").is_err()
        );
    }

    #[test]
    fn flags_win_and_excludes_add_up() {
        let file = Config {
            format: Some("json".into()),
            exclude: vec!["a".into()],
            ..Config::default()
        };
        let flags = Config {
            format: Some("sarif".into()),
            exclude: vec!["b".into()],
            ..Config::default()
        };
        let merged = file.overridden_by(flags);
        assert_eq!(merged.format.as_deref(), Some("sarif"));
        assert_eq!(merged.exclude, vec!["a".to_string(), "b".to_string()]);
        assert!(merged.fails_on("anything"));
    }

    #[test]
    fn a_bad_key_points_at_its_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(&path, "format = \"json\"\nexlude = []\n").expect("write");
        let err = load(&path).expect_err("bad key");
        assert!(
            err.location.ends_with("contra.toml:2:1"),
            "{}",
            err.location
        );
    }
}
