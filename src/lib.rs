//! `contra` checks news coverage for contradictions.
//!
//! The pipeline runs in one direction, one module per stage:
//! corpus -> text -> extract -> events -> compare -> report.
//! All domain knowledge (claim types, numbers, actors, attribution cues) lives in `rules/` as
//! data; the code knows value kinds (count, polarity, category), never topics.

pub mod authoring;
pub mod baseline;
pub mod compare;
pub mod config;
pub mod corpus;
pub mod events;
pub mod extract;
pub mod model;
pub mod report;
pub mod rules;
pub mod text;

use corpus::{Document, Input, InputError, Limits};
use events::Interner;
use model::{Claim, DocumentMeta};
use rayon::prelude::*;
use report::Report;
use rules::RuleSet;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A document once its text is gone: metadata, claims, and what grouping needs.
struct Processed {
    meta: DocumentMeta,
    warnings: Vec<String>,
    claims: Vec<Claim>,
    features: events::Features,
}

/// Extracts what one document says; its text is dropped when this returns.
fn process(rules: &RuleSet, terms: &Interner, doc: Document) -> Processed {
    let extraction = extract::extract_document(rules, &doc.meta.id, &doc.text, doc.body_start);
    let mut counts = events::term_counts(&doc.text[doc.body_start..]);
    for (actor, n) in extraction.actors {
        counts.insert(format!("@{actor}"), n);
    }
    // The same figure or finding in two articles is strong evidence of one event.
    for c in &extraction.claims {
        *counts
            .entry(format!("#{}:{}:{}", c.rule, c.subject, c.display))
            .or_insert(0) += 1;
    }
    Processed {
        warnings: doc.warnings,
        meta: doc.meta,
        claims: extraction.claims,
        features: events::Features {
            terms: terms.intern(events::keep_heaviest(counts)),
        },
    }
}

/// Runs the whole pipeline over files and folders.
pub fn check_paths(rules: &RuleSet, inputs: &[PathBuf]) -> Report {
    check_inputs(rules, inputs, &[], Limits::default(), &|| {})
}

/// Runs the whole pipeline over files, folders, JSON Lines and standard input, leaving out
/// `exclude` globs. `tick` is called once per article read (for progress bars).
pub fn check_inputs(
    rules: &RuleSet,
    paths: &[PathBuf],
    exclude: &[String],
    limits: Limits,
    tick: &(dyn Fn() + Sync),
) -> Report {
    let (inputs, mut errors) = corpus::collect_inputs(paths, exclude);
    let terms = Interner::default();
    let (streams, singles): (Vec<Input>, Vec<Input>) = inputs
        .into_iter()
        .partition(|i| matches!(i, Input::JsonLines(_)));
    let mut loaded: Vec<Result<Processed, InputError>> = singles
        .par_iter()
        .flat_map_iter(|i| corpus::read_input(i, limits))
        .map(|r| {
            tick();
            r.map(|doc| process(rules, &terms, doc))
        })
        .collect();
    for input in &streams {
        if let Input::JsonLines(path) = input {
            loaded.extend(stream_jsonl(rules, &terms, path, limits, tick));
        }
    }
    let mut processed = Vec::new();
    for r in loaded {
        match r {
            Ok(p) => processed.push(p),
            Err(e) => errors.push(e),
        }
    }
    assemble(rules, terms, processed, errors)
}

/// Lines read and processed together: enough to keep every core busy, few enough that only a
/// few megabytes of article text are ever held at once.
const JSONL_BATCH: usize = 2048;

/// A JSON Lines corpus, read line by line and processed in parallel batches, so memory holds
/// claims and metadata, never the whole corpus.
fn stream_jsonl(
    rules: &RuleSet,
    terms: &Interner,
    path: &std::path::Path,
    limits: Limits,
    tick: &(dyn Fn() + Sync),
) -> Vec<Result<Processed, InputError>> {
    use std::io::BufRead;
    let source = path.display().to_string();
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            return vec![Err(InputError {
                path: source,
                message: format!("cannot read: {e}"),
            })];
        }
    };
    let mut out = Vec::new();
    let mut batch: Vec<(usize, String)> = Vec::with_capacity(JSONL_BATCH);
    let mut lines = std::io::BufReader::new(file).split(b'\n').enumerate();
    loop {
        let next = lines.next();
        let done = next.is_none();
        if let Some((i, line)) = next {
            match line {
                Ok(bytes) => batch.push((i + 1, String::from_utf8_lossy(&bytes).into_owned())),
                Err(e) => {
                    out.push(Err(InputError {
                        path: format!("{source}:{}", i + 1),
                        message: format!("cannot read: {e}"),
                    }));
                    break;
                }
            }
        }
        if batch.len() == JSONL_BATCH || (done && !batch.is_empty()) {
            out.par_extend(batch.par_drain(..).filter_map(|(n, line)| {
                let parsed = corpus::read::jsonl_line(&source, n, &line, limits)?;
                tick();
                Some(parsed.map(|doc| process(rules, terms, doc)))
            }));
        }
        if done {
            break;
        }
    }
    out
}

/// Runs the pipeline over documents already in memory (tests, `rules test`, other front ends).
pub fn check_documents(rules: &RuleSet, docs: Vec<Document>) -> Report {
    let terms = Interner::default();
    let processed = docs
        .into_par_iter()
        .map(|d| process(rules, &terms, d))
        .collect();
    assemble(rules, terms, processed, Vec::new())
}

/// Events, claim ids, comparison: the corpus-wide stages after extraction.
fn assemble(
    rules: &RuleSet,
    terms: Interner,
    mut processed: Vec<Processed>,
    mut errors: Vec<InputError>,
) -> Report {
    processed.sort_by(|a, b| (&a.meta.id, &a.meta.path).cmp(&(&b.meta.id, &b.meta.path)));
    dedupe_ids(&mut processed);
    let metas: Vec<DocumentMeta> = processed.iter().map(|p| p.meta.clone()).collect();
    let (vocabulary, renumber) = terms.finish();
    let features: Vec<events::Features> = processed
        .iter_mut()
        .map(|p| {
            let mut f = std::mem::take(&mut p.features);
            f.renumber(&renumber);
            f
        })
        .collect();
    let (events, assignment) = events::group(&metas, &features, &vocabulary, rules);
    let mut documents = Vec::new();
    let mut claims = Vec::new();
    let mut warnings = Vec::new();
    for (p, ei) in processed.into_iter().zip(assignment) {
        let mut meta = p.meta;
        warnings.extend(p.warnings.into_iter().map(|message| InputError {
            path: meta.path.clone(),
            message,
        }));
        meta.event = Some(events[ei].id.clone());
        for mut c in p.claims {
            c.event = events[ei].id.clone();
            claims.push(c);
        }
        documents.push(meta);
    }
    for (i, c) in claims.iter_mut().enumerate() {
        c.id = format!("c{}", i + 1);
    }
    let published: BTreeMap<&str, String> = documents
        .iter()
        .map(|d| (d.id.as_str(), d.published.clone().unwrap_or_default()))
        .collect();
    let order = |c: &Claim| {
        (
            published
                .get(c.document.as_str())
                .cloned()
                .unwrap_or_default(),
            c.document.clone(),
            c.offset,
        )
    };
    let contradictions = compare::compare(rules, &claims, &order);
    errors.sort();
    Report {
        hidden_by_baseline: 0,
        version: 1,
        documents,
        events,
        claims,
        contradictions,
        errors,
        warnings,
    }
}

/// Two files with one name in different folders get distinct ids ("a", "a-2").
fn dedupe_ids(processed: &mut [Processed]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for p in processed.iter_mut() {
        let n = seen.entry(p.meta.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            p.meta.id = format!("{}-{}", p.meta.id, n);
            for c in &mut p.claims {
                c.document = p.meta.id.clone();
            }
        }
    }
}
