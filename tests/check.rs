//! The real `contra` binary on the shipped fixtures and on small corpora made for a case.

mod common;
use common::*;

use serde_json::Value;
use std::path::Path;

fn json(args: &[&str]) -> Value {
    let out = contra(args);
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str().map(String::from))
        .collect()
}

/// Events and disagreements in a compact, reviewable form.
fn digest(report: &Value) -> String {
    let mut out = String::new();
    for e in report["events"].as_array().expect("events") {
        out += &format!(
            "event {} [{}]\n",
            e["id"].as_str().unwrap_or(""),
            strings(&e["documents"]).join(", ")
        );
    }
    for c in report["contradictions"].as_array().expect("contradictions") {
        out += &format!(
            "\n{} / {} / {}\n",
            c["event"].as_str().unwrap_or(""),
            c["rule"].as_str().unwrap_or(""),
            c["subject"].as_str().unwrap_or("")
        );
        for s in c["sides"].as_array().expect("sides") {
            let docs: Vec<String> = strings(&s["documents"])
                .iter()
                .map(|d| d[..5.min(d.len())].to_string())
                .collect();
            out += &format!(
                "  {} = {} ({})\n",
                s["actor"].as_str().unwrap_or(""),
                s["display"].as_str().unwrap_or(""),
                docs.join(" ")
            );
        }
    }
    out
}

#[test]
fn fixtures_give_the_expected_events_and_disagreements() {
    let report = json(&["check", "fixtures", "--format", "json"]);
    let events = report["events"].as_array().expect("events");
    assert_eq!(events.len(), 9);
    // Every event holds the articles of one story, whatever their file names.
    for e in events {
        let docs = strings(&e["documents"]);
        let prefix = &docs[0][..2];
        assert!(
            docs.iter().all(|d| d.starts_with(prefix)),
            "mixed event: {docs:?}"
        );
    }
    // The front-matter override names its event.
    let e1 = events
        .iter()
        .find(|e| {
            strings(&e["documents"])
                .iter()
                .any(|d| d.starts_with("e1_04"))
        })
        .expect("e1_04");
    assert_eq!(e1["id"], "iraq-diyala-2023");
    assert_eq!(report["contradictions"].as_array().map(Vec::len), Some(25));
    insta::assert_snapshot!("fixtures_digest", digest(&report));
}

#[test]
fn look_alikes_in_the_fixtures_stay_quiet() {
    let report = json(&["check", "fixtures", "--format", "json"]);
    for c in report["contradictions"].as_array().expect("contradictions") {
        let text = c.to_string().to_lowercase();
        assert!(
            !text.contains("troop"),
            "troop numbers are not tolls: {text}"
        );
        let actors: Vec<&str> = c["sides"]
            .as_array()
            .expect("sides")
            .iter()
            .filter_map(|s| s["actor"].as_str())
            .collect();
        let mut unique = actors.clone();
        unique.dedup();
        assert_eq!(actors, unique, "an actor on two sides");
    }
}

#[test]
fn json_is_byte_identical_across_runs_and_input_order() {
    let a = contra(&["check", "fixtures", "--format", "json"]).stdout;
    let b = contra(&["check", "fixtures", "--format", "json"]).stdout;
    assert_eq!(a, b);
    let mut files = fixture_files();
    files.reverse();
    let mut args = vec!["check", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    assert_eq!(a, contra(&args).stdout);
}

#[test]
fn json_has_the_documented_top_level_keys() {
    let report = json(&["check", "fixtures", "--format", "json"]);
    let keys: Vec<&String> = report.as_object().expect("object").keys().collect();
    assert_eq!(
        keys,
        vec![
            "claims",
            "contradictions",
            "documents",
            "errors",
            "events",
            "version"
        ]
    );
    assert_eq!(report["version"], 1);
    let claim = &report["claims"][0];
    for key in [
        "id",
        "rule",
        "kind",
        "event",
        "document",
        "actor",
        "actor_name",
        "camp",
        "subject",
        "value",
        "display",
        "quote",
        "line",
        "column",
    ] {
        assert!(claim.get(key).is_some(), "claim lacks {key}");
    }
}

#[test]
fn human_report_shows_tables_and_quotes() {
    let out = contra(&[
        "check",
        "fixtures/e5_01_anbar-news-network.txt",
        "fixtures/e5_02_desert-road-report.txt",
        "fixtures/e5_03_mesopotamia-times.txt",
    ]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("human_e5", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn exit_codes() {
    assert_eq!(contra(&["check", "fixtures"]).status.code(), Some(1));
    assert_eq!(
        contra(&["check", "fixtures", "--exit-zero"]).status.code(),
        Some(0)
    );
    assert_eq!(
        contra(&["check", "fixtures/e1_04_baghdad-evening-post.txt"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(contra(&["check", "no/such/folder"]).status.code(), Some(2));
    assert_eq!(contra(&["check"]).status.code(), Some(2));
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).expect("write test file");
}

#[test]
fn unreadable_inputs_are_listed_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "good.txt",
        b"+++\nevent = \"raid\"\n+++\nThe Observatory said 12 fighters were killed.\n",
    );
    write(
        dir.path(),
        "other.txt",
        b"+++\nevent = \"raid\"\n+++\nHarakat al-Nujaba said five fighters were killed.\n",
    );
    write(dir.path(), "binary.txt", b"\x00\x01\x02 not text");
    write(dir.path(), "broken.md", b"+++\noutlet = \n+++\nBody.\n");
    let report = json(&[
        "check",
        dir.path().to_str().expect("utf-8 path"),
        "--format",
        "json",
    ]);
    let errors: Vec<String> = report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["path"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(
        errors.iter().any(|p| p.ends_with("binary.txt")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|p| p.ends_with("broken.md")),
        "{errors:?}"
    );
    assert_eq!(report["documents"].as_array().map(Vec::len), Some(2));
    assert_eq!(report["contradictions"].as_array().map(Vec::len), Some(1));
}

#[test]
fn a_broken_rule_folder_stops_the_run_with_a_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    for f in std::fs::read_dir(root().join("rules")).expect("rules") {
        let f = f.expect("entry").path();
        std::fs::copy(&f, dir.path().join(f.file_name().expect("name"))).expect("copy");
    }
    write(
        dir.path(),
        "broken.toml",
        b"id = \"broken\"\ntitel = \"Typo\"\nkind = \"count\"\n",
    );
    let out = contra(&[
        "check",
        "fixtures",
        "--rules",
        dir.path().to_str().expect("utf-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.toml:2:1"), "{err}");
    assert!(err.contains("did you mean `title`?"), "{err}");
    assert!(out.stdout.is_empty());
}

/// A copy of the shipped rule folder in `dir`, with one more claim-type file.
fn shipped_rules_plus(dir: &Path, name: &str, text: &[u8]) -> std::path::PathBuf {
    let rules = dir.join("rules");
    std::fs::create_dir(&rules).expect("mkdir");
    for f in std::fs::read_dir(root().join("rules")).expect("rules") {
        let f = f.expect("entry").path();
        std::fs::copy(&f, rules.join(f.file_name().expect("name"))).expect("copy");
    }
    write(&rules, name, text);
    rules
}

fn check_with_rules(corpus: &Path, rules: &Path) -> Value {
    json(&[
        "check",
        corpus.to_str().expect("path"),
        "--rules",
        rules.to_str().expect("path"),
        "--format",
        "json",
    ])
}

fn of_rule<'r>(report: &'r Value, rule: &str) -> Vec<&'r Value> {
    report["contradictions"]
        .as_array()
        .expect("contradictions")
        .iter()
        .filter(|c| c["rule"] == rule)
        .collect()
}

#[test]
fn a_new_claim_type_needs_only_a_rule_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = shipped_rules_plus(
        dir.path(),
        "displaced.toml",
        br#"id = "displaced"
title = "People displaced"
kind = "count"
subject = "people"

[[pattern]]
regex = '{qualifier}?{number}\s+(?:{modifiers}{subject}\s+)?(?:were|had\s+been|have\s+been)\s+(?:displaced|forced\s+from\s+their\s+homes)'
"#,
    );
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    write(&corpus, "a.txt", b"+++\nevent = \"flood\"\n+++\nThe United Nations said 12,000 people were displaced by the fighting.\n");
    write(&corpus, "b.txt", b"+++\nevent = \"flood\"\n+++\nLocal officials said about 3,000 people had been displaced.\n");
    let report = check_with_rules(&corpus, &rules);
    let found = of_rule(&report, "displaced");
    assert_eq!(found.len(), 1, "{report}");
    assert_eq!(found[0]["reconciled"], "2,700 to 12,000");
}

#[test]
fn a_new_agent_claim_type_needs_only_a_rule_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = shipped_rules_plus(
        dir.path(),
        "sabotage.toml",
        br#"id = "sabotage"
title = "Who sabotaged the pipeline"
kind = "agent"

[[pattern]]
regex = '\b(?P<agent>{actor})\s+(?:sabotaged|blew\s+up)\s+the\s+pipeline'

[[pattern]]
regex = '\b(?P<agent>{actor})\s+(?:did\s+not|never)\s+(?:sabotage|blow\s+up)\s+the\s+pipeline'
polarity = "denied"
"#,
    );
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    write(&corpus, "a.txt", b"+++\nevent = \"pipe\"\n+++\nThe Kremlin said the Northern Shore Brigade blew up the pipeline.\n");
    write(&corpus, "b.txt", b"+++\nevent = \"pipe\"\n+++\nUkrainian officials said Russian troops sabotaged the pipeline.\n");
    write(&corpus, "c.txt", b"+++\nevent = \"pipe\"\n+++\nThe Kremlin insisted that Russian forces did not blow up the pipeline.\n");
    let report = check_with_rules(&corpus, &rules);
    let found = of_rule(&report, "sabotage");
    assert_eq!(found.len(), 1, "{report}");
    let sides: Vec<(&str, &str)> = found[0]["sides"]
        .as_array()
        .expect("sides")
        .iter()
        .map(|s| {
            (
                s["actor"].as_str().unwrap_or(""),
                s["display"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        sides,
        vec![
            ("ukrainian_government", "Russia"),
            ("kremlin", "Northern Shore Brigade; not Russia")
        ]
    );
    let claim = report["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| c["document"] == "a")
        .expect("claim of a");
    assert_eq!(claim["kind"], "agent");
    assert_eq!(
        claim["value"]["agents"][0]["id"],
        "named:northern_shore_brigade"
    );
    assert_eq!(claim["value"]["polarity"], "affirmed");
}
