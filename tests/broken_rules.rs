//! A catalogue of broken rule files, one mistake each: every one stops loading with its own
//! clear diagnostic (file, line, column, help), none panics, none leaves half the rules running.

use contra::rules::{RuleSet, SourceFile, builtin_sources};
use miette::{GraphicalReportHandler, GraphicalTheme};
use std::path::PathBuf;

fn render(file: &str, text: &str) -> String {
    let mut sources = builtin_sources();
    sources.push(SourceFile::new(format!("broken/{file}"), text));
    let errors = match RuleSet::from_sources(sources) {
        Ok(_) => panic!("{file} loaded, but it is broken"),
        Err(e) => e,
    };
    let handler =
        GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(100);
    let mut out = String::new();
    for e in &errors.errors {
        out.push_str(&format!("{e}\n"));
        handler.render_report(&mut out, e).expect("render");
    }
    out
}

#[test]
fn every_broken_rule_file_gets_its_own_diagnostic() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/broken_rules");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("catalogue")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(
        files.len() >= 20,
        "the catalogue holds {} files",
        files.len()
    );
    for path in files {
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&path).expect("read");
        let out = render(&name, &text);
        assert!(
            out.contains(&format!("broken/{name}:")),
            "{name}: no position in\n{out}"
        );
        insta::assert_snapshot!(name.trim_end_matches(".toml").to_string(), out);
    }
}

#[test]
fn several_mistakes_are_all_reported_at_once() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/broken_rules/26_several_mistakes.toml"),
    )
    .expect("read");
    let out = render("26_several_mistakes.toml", &text);
    let summaries = out
        .lines()
        .filter(|l| l.starts_with("broken/26_several_mistakes.toml:"))
        .count();
    assert_eq!(summaries, 4, "{out}");
}
