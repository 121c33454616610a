//! `contra` checks news coverage for contradictions.
//!
//! The pipeline runs in one direction, one module per stage:
//! corpus -> text -> extract -> (store) -> events -> compare -> report.
//! All domain knowledge (claim types, numbers, actors, attribution cues) lives in `rules/` as
//! data; the code knows value kinds (count, polarity, category), never topics.

mod assemble;
pub mod authoring;
pub mod baseline;
pub mod compare;
pub mod config;
pub mod corpus;
pub mod events;
pub mod extract;
pub mod grading;
pub mod model;
pub mod report;
pub mod rules;
pub mod store;
pub mod text;

use assemble::{Collected, assemble};
use corpus::{Document, Input, InputError, Limits};
use rayon::prelude::*;
use report::Report;
use rules::RuleSet;
use std::path::PathBuf;

/// Runs the whole pipeline over files and folders.
pub fn check_paths(rules: &RuleSet, inputs: &[PathBuf]) -> Report {
    check_inputs(rules, inputs, &[], Limits::default(), &())
}

/// What a check tells its caller as it goes: for a progress display, and for a front end that
/// tunes its process between stages. Every method does nothing unless overridden; `()` is the
/// caller that listens to nothing.
pub trait Progress: Sync {
    /// One more article has been read (called from worker threads).
    fn article(&self) {}

    /// A stage after reading begins. From `Stage::Grouping` on, article text is gone and the
    /// run holds claims and metadata only.
    fn stage(&self, _stage: Stage) {}
}

impl Progress for () {}

/// The stages of a check that follow reading and extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Documents are being grouped into events.
    Grouping { documents: usize },
    /// Claims are being compared within each event.
    Comparing { events: usize },
}

/// Articles read and processed together: enough to keep every core busy, few enough that only a
/// few megabytes of article text are ever held at once.
const BATCH: usize = 512;

/// Runs the whole pipeline over files, folders, JSON Lines and standard input, leaving out
/// `exclude` globs, telling `progress` how it goes.
pub fn check_inputs(
    rules: &RuleSet,
    paths: &[PathBuf],
    exclude: &[String],
    limits: Limits,
    progress: &dyn Progress,
) -> Report {
    let (inputs, errors) = corpus::collect_inputs(paths, exclude);
    let mut collected = Collected::new(errors);
    let (streams, singles): (Vec<Input>, Vec<Input>) = inputs
        .into_iter()
        .partition(|i| matches!(i, Input::JsonLines(_)));
    let mut chunks = singles.chunks(BATCH);
    collected.pipeline(
        || chunks.next(),
        |chunk, sinks| {
            chunk
                .par_iter()
                .flat_map_iter(|i| corpus::read_input(i, limits))
                .map(|r| {
                    progress.article();
                    r.map(|doc| assemble::process(rules, sinks, doc))
                })
                .collect()
        },
    );
    for input in &streams {
        if let Input::JsonLines(path) = input {
            stream_jsonl(rules, path, limits, progress, &mut collected);
        }
    }
    assemble(rules, collected, progress)
}

/// A JSON Lines corpus, read line by line and processed in parallel batches, so memory holds
/// claims and metadata, never the whole corpus.
fn stream_jsonl(
    rules: &RuleSet,
    path: &std::path::Path,
    limits: Limits,
    progress: &dyn Progress,
    collected: &mut Collected,
) {
    use std::io::BufRead;
    let source = path.display().to_string();
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            collected.take(vec![Err(InputError {
                path: source,
                message: format!("cannot read: {e}"),
            })]);
            return;
        }
    };
    let mut lines = std::io::BufReader::new(file).split(b'\n').enumerate();
    let mut done = false;
    // A batch of numbered lines, and the read error that ended the file early, if one did.
    let next_batch = || {
        if done {
            return None;
        }
        let mut batch = Vec::with_capacity(BATCH);
        let mut failed = None;
        while batch.len() < BATCH {
            match lines.next() {
                Some((i, Ok(bytes))) => {
                    batch.push((i + 1, String::from_utf8_lossy(&bytes).into_owned()));
                }
                Some((i, Err(e))) => {
                    failed = Some(InputError {
                        path: format!("{source}:{}", i + 1),
                        message: format!("cannot read: {e}"),
                    });
                    done = true;
                    break;
                }
                None => {
                    done = true;
                    break;
                }
            }
        }
        (!batch.is_empty() || failed.is_some()).then_some((batch, failed))
    };
    collected.pipeline(next_batch, |(batch, failed), sinks| {
        let mut results: Vec<_> = batch
            .into_par_iter()
            .filter_map(|(n, line)| {
                let parsed = corpus::read::jsonl_line(&source, n, &line, limits)?;
                progress.article();
                Some(parsed.map(|doc| assemble::process(rules, sinks, doc)))
            })
            .collect();
        results.extend(failed.map(Err));
        results
    });
}

/// Runs the pipeline over documents already in memory (tests, `rules test`, other front ends).
pub fn check_documents(rules: &RuleSet, docs: Vec<Document>) -> Report {
    let mut collected = Collected::new(Vec::new());
    let sinks = &collected.sinks;
    let results: Vec<_> = docs
        .into_par_iter()
        .map(|d| Ok(assemble::process(rules, sinks, d)))
        .collect();
    collected.take(results);
    assemble(rules, collected, &())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[derive(Default)]
    struct Recorder {
        articles: AtomicUsize,
        stages: Mutex<Vec<Stage>>,
    }

    impl Progress for Recorder {
        fn article(&self) {
            self.articles.fetch_add(1, Ordering::Relaxed);
        }

        fn stage(&self, stage: Stage) {
            self.stages.lock().expect("not poisoned").push(stage);
        }
    }

    #[test]
    fn progress_hears_every_article_then_each_stage_once() {
        let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let recorder = Recorder::default();
        let report = check_inputs(
            rules::test_rules(),
            &[fixtures],
            &[],
            Limits::default(),
            &recorder,
        );
        assert_eq!(
            recorder.articles.load(Ordering::Relaxed),
            report.documents.len()
        );
        assert_eq!(
            *recorder.stages.lock().expect("not poisoned"),
            vec![
                Stage::Grouping {
                    documents: report.documents.len()
                },
                Stage::Comparing {
                    events: report.events.len()
                },
            ]
        );
    }
}
