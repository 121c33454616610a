//! Micro-benchmarks of the hot paths: sentence splitting, rule matching (extraction), and event
//! grouping. `cargo bench`; whole-process numbers are in bench/run.sh.

use contra::rules::RuleSet;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn fixture_text() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("read"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn sentences(c: &mut Criterion) {
    let text = fixture_text();
    c.bench_function("split_sentences (fixtures, 55 KB)", |b| {
        b.iter(|| contra::text::split_sentences(black_box(&text), 0))
    });
}

fn extraction(c: &mut Criterion) {
    let rules = RuleSet::builtin().expect("shipped rules");
    let text = fixture_text();
    c.bench_function("extract_document (fixtures, 55 KB)", |b| {
        b.iter(|| {
            let article = contra::extract::Article {
                id: "bench",
                outlet: None,
                text: black_box(&text),
                body_start: 0,
            };
            contra::extract::extract_document(&rules, &article)
        })
    });
    c.bench_function("gate pass only (fixtures, 55 KB)", |b| {
        b.iter(|| {
            contra::text::split_sentences(&text, 0)
                .iter()
                .filter(|s| {
                    rules
                        .gate
                        .scan(&text[s.start..s.end])
                        .patterns()
                        .next()
                        .is_some()
                })
                .count()
        })
    });
}

fn grouping(c: &mut Criterion) {
    let rules = RuleSet::builtin().expect("shipped rules");
    let docs: Vec<contra::corpus::Document> = (0..2000)
        .map(|i| {
            let event = i / 20;
            let text = format!(
                "+++\npublished = \"2024-{:02}-{:02}\"\n+++\nStrike near Place{event}x\n\nThe strike near Place{event}x hit a compound, officials in Town{event}y said. \
                 The Observatory said {} fighters were killed near Place{event}x. Residents described explosions.",
                1 + event / 28 % 12,
                1 + event % 28,
                2 + i % 5
            );
            contra::corpus::parse(&format!("d{i}"), "bench", text).expect("valid")
        })
        .collect();
    c.bench_function(
        "whole pipeline, 2,000 short articles (grouping included)",
        |b| b.iter(|| contra::check_documents(&rules, black_box(docs.clone()))),
    );
}

criterion_group!(benches, sentences, extraction, grouping);
criterion_main!(benches);
