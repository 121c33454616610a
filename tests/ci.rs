//! contra as a CI gate: every output format stable, baselines that survive edits, config
//! discovery, JSON Lines corpora of any size.

mod common;
use common::*;

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

/// A fixed shuffle (no randomness in tests): interleave from both ends.
fn shuffled(mut v: Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    while let Some(last) = v.pop() {
        out.push(last);
        if !v.is_empty() {
            out.push(v.remove(0));
        }
    }
    out
}

#[test]
fn every_format_is_byte_identical_across_runs_and_input_order() {
    let files = fixture_files();
    let shuffled = shuffled(files.clone());
    assert_ne!(files, shuffled);
    for format in ["human", "json", "sarif", "github", "markdown", "jsonl"] {
        let mut a = vec!["check", "--format", format];
        a.extend(files.iter().map(String::as_str));
        let mut b = vec!["check", "--format", format];
        b.extend(shuffled.iter().map(String::as_str));
        let first = contra(&a).stdout;
        assert!(!first.is_empty(), "{format} printed nothing");
        assert_eq!(first, contra(&a).stdout, "{format} differs between runs");
        assert_eq!(first, contra(&b).stdout, "{format} depends on input order");
    }
}

fn copy_fixtures(to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for f in fixture_files() {
        let from = root().join(&f);
        std::fs::copy(&from, to.join(from.file_name().expect("name"))).expect("copy");
    }
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn a_baseline_survives_moved_lines_and_fails_only_on_what_is_new() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    copy_fixtures(&corpus);
    let baseline = dir.path().join("baseline.json");
    let b = baseline.to_str().expect("path");
    let c = corpus.to_str().expect("path");
    assert_eq!(
        contra_in(dir.path(), &["check", c, "--write-baseline", b, "-q"])
            .status
            .code(),
        Some(0)
    );

    // An unrelated paragraph moves every line of an article down.
    let article = corpus.join("e5_01_anbar-news-network.txt");
    let text = std::fs::read_to_string(&article).expect("read");
    let (front, body) = text.split_at(text.rfind("+++\n").map_or(0, |i| i + 4));
    std::fs::write(&article, format!("{front}\nTraffic was heavy on the road to the border crossing.\n\nA market reopened nearby on Monday.\n\n{body}")).expect("write");
    let out = contra_in(
        dir.path(),
        &["check", c, "--baseline", b, "--format", "json"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    assert_eq!(report["contradictions"].as_array().map(Vec::len), Some(0));
    assert_eq!(report["hidden_by_baseline"], 25);
    assert!(String::from_utf8_lossy(&out.stderr).contains("25 known disagreements hidden"));

    // A new disagreeing article: the run fails and shows only that one.
    std::fs::write(
        corpus.join("new_article.txt"),
        "+++\nevent = \"lebanon-2025\"\npublished = \"2025-03-02\"\n+++\nStrike in south Lebanon\n\nHezbollah said four of its fighters were killed in the strike. The Israeli military said it killed 11 fighters.\n",
    )
    .expect("write");
    let out = contra_in(
        dir.path(),
        &["check", c, "--baseline", b, "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    let found = report["contradictions"].as_array().expect("contradictions");
    assert_eq!(found.len(), 1, "{report}");
    assert_eq!(found[0]["event"], "lebanon-2025");
}

#[test]
fn fail_on_select_and_exclude() {
    assert_eq!(
        contra(&["check", "fixtures", "--fail-on", "none", "-q"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        contra(&["check", "fixtures", "--fail-on", "pre_notification", "-q"])
            .status
            .code(),
        Some(1)
    );
    let out = contra(&[
        "check",
        "fixtures",
        "--select",
        "pre_notification",
        "--format",
        "json",
    ]);
    let rules: Vec<String> = json(&out)["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| c["rule"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(!rules.is_empty() && rules.iter().all(|r| r == "pre_notification"));
    assert_eq!(
        contra(&["check", "fixtures", "--select", "deth_toll"])
            .status
            .code(),
        Some(2)
    );
    let out = contra(&["check", "fixtures", "--exclude", "e1_*", "--format", "json"]);
    let docs = json(&out)["documents"].as_array().expect("documents").len();
    assert_eq!(docs, 26);
    assert!(contra(&["check", "fixtures", "-q"]).stdout.is_empty());
}

#[test]
fn contra_toml_is_found_upward_and_flags_win() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_fixtures(&dir.path().join("news"));
    std::fs::write(
        dir.path().join("contra.toml"),
        "include = [\"news\"]\nformat = \"json\"\nselect = [\"death_toll\"]\n",
    )
    .expect("write");
    let nested = dir.path().join("work/here");
    std::fs::create_dir_all(&nested).expect("mkdir");
    let shown = String::from_utf8_lossy(&contra_in(&nested, &["check", "--show-config"]).stdout)
        .into_owned();
    assert!(
        shown.contains("format = \"json\"") && shown.contains("select = [\"death_toll\"]"),
        "{shown}"
    );
    let report = json(&contra_in(&nested, &["check"]));
    assert_eq!(report["documents"].as_array().map(Vec::len), Some(30));
    let out = contra_in(&nested, &["check", "--format", "markdown"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("## contra"));
    assert_eq!(
        contra_in(&nested, &["check", "--no-config"]).status.code(),
        Some(2)
    );
}

#[test]
fn json_lines_with_a_broken_line_keep_the_good_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("corpus.jsonl");
    std::fs::write(
        &file,
        concat!(
            r#"{"id": "a", "event": "x", "text": "The Observatory said 12 fighters were killed."}"#, "\n",
            r#"{"id": "b", "event": "x" "text": broken}"#, "\n",
            r#"{"id": "c", "event": "x", "outlet": "Wire", "published": "2024-02-03", "text": "Harakat al-Nujaba said five fighters were killed."}"#, "\n",
        ),
    )
    .expect("write");
    let out = contra(&["check", file.to_str().expect("path"), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!(report["documents"].as_array().map(Vec::len), Some(2));
    let errors = report["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]["path"]
            .as_str()
            .unwrap_or("")
            .ends_with("corpus.jsonl:2")
    );
    let stdin = Command::new(env!("CARGO_BIN_EXE_contra"))
        .args(["check", "-", "--format", "json"])
        .stdin(std::fs::File::open(&file).expect("open"))
        .output()
        .expect("run");
    assert_eq!(json(&stdin)["documents"].as_array().map(Vec::len), Some(2));
}

#[test]
fn ten_thousand_articles_of_json_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("big.jsonl");
    let mut text = String::new();
    let actors = [
        "The Observatory",
        "Harakat al-Nujaba",
        "The Pentagon",
        "The Iraqi military",
        "Local officials",
    ];
    let places = [
        "Mayadin", "Rutba", "Qaim", "Hajjah", "Saakow", "Mandali", "Abs", "Bukamal",
    ];
    for i in 0..10_000 {
        let event = i / 20;
        let day = 1 + (event % 27);
        let actor = actors[i % actors.len()];
        let place = places[event % places.len()];
        let line = serde_json::json!({
            "id": format!("a{i:05}"),
            "published": format!("2024-{:02}-{day:02}", 1 + (event / 27) % 12),
            "outlet": "Test Wire",
            "text": format!(
                "Strike near {place} in operation {event}\n\nThe strike near {place} hit a compound on Friday. {actor} said {} fighters were killed in the strike. \
                 Residents described loud explosions. Officials in operation {event} said the area was calm by the evening.",
                2 + (i % 3)
            ),
        });
        text.push_str(&line.to_string());
        text.push('\n');
    }
    std::fs::write(&file, text).expect("write");
    let out = contra(&[
        "check",
        file.to_str().expect("path"),
        "--format",
        "json",
        "--exit-zero",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    assert_eq!(report["documents"].as_array().map(Vec::len), Some(10_000));
    assert_eq!(report["errors"].as_array().map(Vec::len), Some(0));
    assert!(report["events"].as_array().map_or(0, Vec::len) > 1);
}
