//! Helpers shared by the integration tests: run the real binary, find and copy the fixtures.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `contra` binary run in `dir`, colour off.
pub fn contra_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_contra"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run contra")
}

/// The `contra` binary run at the repository root.
pub fn contra(args: &[&str]) -> Output {
    contra_in(&root(), args)
}

/// The fixture files as `fixtures/NAME`, sorted.
pub fn fixture_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root().join("fixtures"))
        .expect("fixtures")
        .map(|e| {
            format!(
                "fixtures/{}",
                e.expect("entry").file_name().to_string_lossy()
            )
        })
        .collect();
    files.sort();
    files
}

/// A copy of the shipped rule folder in a temporary directory, plus `extra` files.
pub fn rules_with(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for f in std::fs::read_dir(root().join("rules")).expect("rules") {
        let f = f.expect("entry").path();
        std::fs::copy(&f, dir.path().join(f.file_name().expect("name"))).expect("copy");
    }
    for (name, text) in extra {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

/// The JSON report of `contra check` on a temporary folder of `articles` (file name, text).
pub fn check_articles(articles: &[(&str, &str)]) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in articles {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let folder = dir.path().display().to_string();
    let out = contra(&["check", &folder, "--format", "json", "--exit-zero"]);
    serde_json::from_slice(&out.stdout).expect("JSON report")
}
