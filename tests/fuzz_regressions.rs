//! Inputs kept from fuzzing (fuzz/run.sh copies any crash here) and hand-written nasty seeds,
//! replayed through the same entry points as the fuzz targets: none may panic, ever.

use contra::corpus::Limits;
use contra::report::{Format, Options};
use contra::rules::{RuleSet, SourceFile, builtin_sources};
use std::path::PathBuf;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let p = e.expect("entry").path();
            (p.display().to_string(), std::fs::read(&p).expect("read"))
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no regression inputs for {target}");
    files
}

#[test]
fn article_inputs() {
    let rules = RuleSet::builtin().expect("shipped rules");
    for (name, data) in inputs("article") {
        if let Ok(doc) =
            contra::corpus::parse("fuzz", &name, String::from_utf8_lossy(&data).into_owned())
        {
            let report = contra::check_documents(&rules, vec![doc]);
            let options = Options {
                rules: &rules,
                color: false,
            };
            // Every format, so none can panic on what an article holds.
            for format in Format::ALL {
                let out = contra::report::to_string(format, &report, options);
                // JSON always says something; other formats may rightly be empty.
                assert!(format != Format::Json || !out.is_empty(), "{name}");
            }
        }
    }
}

#[test]
fn jsonl_inputs() {
    for (name, data) in inputs("jsonl") {
        let text = String::from_utf8_lossy(&data);
        let results: Vec<_> = text
            .lines()
            .enumerate()
            .filter_map(|(i, l)| {
                contra::corpus::read::jsonl_line(&name, i + 1, l, Limits::default())
            })
            .collect();
        assert!(!results.is_empty(), "{name}");
    }
}

#[test]
fn rule_inputs_load_or_fail_with_positions() {
    for (name, data) in inputs("rules") {
        let mut sources = builtin_sources();
        sources.push(SourceFile::new(
            "rules/fuzz.toml",
            String::from_utf8_lossy(&data).as_ref(),
        ));
        match RuleSet::from_sources(sources) {
            Ok(_) => {}
            Err(e) => assert!(
                e.errors.iter().all(|x| x.location.starts_with("rules/")),
                "{name}: {e}"
            ),
        }
    }
}

#[test]
fn extract_inputs() {
    let rules = RuleSet::builtin().expect("shipped rules");
    for (_, data) in inputs("extract") {
        let text = String::from_utf8_lossy(&data);
        let article = contra::extract::Article {
            id: "fuzz",
            outlet: None,
            text: &text,
            body_start: 0,
        };
        let _ = contra::extract::extract_document(&rules, &article);
    }
}
