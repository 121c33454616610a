//! From documents to a report: each document is processed as it is read (claims out, text
//! dropped, claims held by the store), then the corpus-wide stages run: events, claim ids,
//! comparison one event at a time.

use crate::compare::{self, Contradiction};
use crate::corpus::{Document, InputError};
use crate::events::{self, Interner};
use crate::extract;
use crate::model::{Claim, DocumentMeta};
use crate::report::Report;
use crate::rules::RuleSet;
use crate::store::{ClaimStore, DocumentClaims, Held, Spill};
use crate::{Progress, Stage};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A document once its text is gone: metadata, claims, and what grouping needs.
pub(crate) struct Processed {
    meta: DocumentMeta,
    warnings: Vec<String>,
    /// The document's claims, already in the store, and how many there are.
    claims: (Held, usize),
    features: events::Features,
}

/// What every document's processing adds to: the term numbering and the claim store.
#[derive(Default)]
pub(crate) struct Sinks {
    pub(crate) terms: Interner,
    pub(crate) spill: Spill,
}

/// One document's outcome: processed, or an input that could not be read.
pub(crate) type Outcome = Result<Processed, InputError>;

/// Extracts what one document says; its text is dropped when this returns.
pub(crate) fn process(rules: &RuleSet, sinks: &Sinks, mut doc: Document) -> Processed {
    let extraction = extract::extract_document(rules, &extract::Article::of(&doc));
    let body = &doc.text[doc.body_start..];
    let features = events::describe(rules, body, &mut doc.meta, &extraction, &sinks.terms);
    doc.meta.credit = crate::grading::dateline_credit(body);
    let count = extraction.claims.len();
    Processed {
        warnings: doc.warnings,
        meta: doc.meta,
        features,
        claims: (sinks.spill.hold(extraction.claims), count),
    }
}

/// Everything read so far: documents (claims held by the spill), and inputs that failed.
///
/// Documents are kept column by column rather than as one struct each: grouping borrows the
/// metadata and terms columns as they are, with no copy, and no column carries another's
/// padding or growth slack.
pub(crate) struct Collected {
    pub(crate) sinks: Sinks,
    metas: Vec<DocumentMeta>,
    features: Vec<events::Features>,
    /// Each document's claims, and how many there are.
    claims: Vec<(Held, usize)>,
    /// (document, message) for documents read with a repair.
    warnings: Vec<(usize, String)>,
    errors: Vec<InputError>,
}

impl Collected {
    pub(crate) fn new(errors: Vec<InputError>) -> Self {
        Collected {
            sinks: Sinks {
                terms: Interner::default(),
                spill: Spill::new(),
            },
            metas: Vec::new(),
            features: Vec::new(),
            claims: Vec::new(),
            warnings: Vec::new(),
            errors,
        }
    }

    /// Runs `work` on each batch `next` hands out, while on another thread the previous batch's
    /// results are taken and the next batch is read: reading is one thread's work, and without
    /// the overlap the other cores would wait for it after every batch.
    pub(crate) fn pipeline<B: Send>(
        &mut self,
        mut next: impl FnMut() -> Option<B> + Send,
        work: impl Fn(B, &Sinks) -> Vec<Outcome> + Sync,
    ) {
        let sinks = std::mem::take(&mut self.sinks);
        let mut ready = Vec::new();
        let mut current = next();
        while let Some(batch) = current {
            let (fetched, results) = rayon::join(
                || {
                    self.take(std::mem::take(&mut ready));
                    next()
                },
                || work(batch, &sinks),
            );
            ready = results;
            current = fetched;
        }
        self.take(ready);
        self.sinks = sinks;
    }

    /// Takes one batch of results.
    pub(crate) fn take(&mut self, results: Vec<Outcome>) {
        for r in results {
            match r {
                Ok(p) => {
                    let doc = self.metas.len();
                    self.warnings
                        .extend(p.warnings.into_iter().map(|w| (doc, w)));
                    self.metas.push(p.meta);
                    self.features.push(p.features);
                    self.claims.push(p.claims);
                }
                Err(e) => self.errors.push(e),
            }
        }
    }

    /// Puts documents in report order (by id, then path) and gives repeated ids a suffix.
    fn sort(&mut self) {
        let mut order: Vec<usize> = (0..self.metas.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&self.metas[a], &self.metas[b]);
            (&x.id, &x.path).cmp(&(&y.id, &y.path))
        });
        let mut position = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            position[old] = new;
        }
        permute(&mut self.metas, &order);
        permute(&mut self.features, &order);
        permute(&mut self.claims, &order);
        for w in &mut self.warnings {
            w.0 = position[w.0];
        }
        self.warnings.sort_by_key(|w| w.0);
        dedupe_ids(&mut self.metas);
    }
}

/// Reorders `items` in place into the order `order` lists their indices, following each cycle
/// of the permutation with swaps: a large corpus cannot afford a second copy of a column.
fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut done = vec![false; order.len()];
    for start in 0..order.len() {
        let mut at = start;
        while !done[at] {
            done[at] = true;
            let from = order[at];
            if done[from] {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// Events, claim ids, comparison: the corpus-wide stages after extraction.
pub(crate) fn assemble(
    rules: &RuleSet,
    mut collected: Collected,
    progress: &dyn Progress,
) -> Report {
    collected.sort();
    progress.stage(Stage::Grouping {
        documents: collected.metas.len(),
    });
    let Collected {
        sinks: Sinks { terms, spill },
        metas,
        mut features,
        claims,
        warnings,
        mut errors,
    } = collected;
    let (vocabulary, renumber) = terms.finish();
    for f in &mut features {
        f.renumber(&renumber);
    }
    let (events, assignment) = events::group(&metas, &features, &vocabulary, rules);
    let recaps = events::place_recaps(rules, &features, &assignment, events.len());
    drop((features, vocabulary));
    let warnings = warnings
        .into_iter()
        .map(|(doc, message)| InputError {
            path: metas[doc].path.clone(),
            message,
        })
        .collect();
    // The metadata column becomes the report's documents in place: a copy would be the
    // largest allocation of the run.
    let mut documents = metas;
    let mut entries = Vec::with_capacity(documents.len());
    let mut next = 1;
    let placed = documents.iter_mut().zip(claims).zip(assignment).zip(recaps);
    for (((meta, (held, count)), ei), recaps) in placed {
        let event = events[ei].id.clone();
        meta.event = Some(event.clone());
        entries.push(DocumentClaims {
            document: meta.id.clone(),
            event,
            first: next,
            count,
            held,
            recaps: recaps
                .iter()
                .map(|&(claim, e)| (claim as usize, events[e].id.clone()))
                .collect(),
        });
        next += count;
    }
    let claims = ClaimStore::new(spill.finish(), entries);
    progress.stage(Stage::Comparing {
        events: events.len(),
    });
    let contradictions = compare_events(rules, &claims, &documents);
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

/// Compares claims one event at a time (in parallel), so only one event's claims per thread are
/// ever read back into memory. Contradictions come out in event id order, as `compare` orders
/// them within one call.
fn compare_events(
    rules: &RuleSet,
    claims: &ClaimStore,
    documents: &[DocumentMeta],
) -> Vec<Contradiction> {
    let published: HashMap<&str, &str> = documents
        .iter()
        .map(|d| (d.id.as_str(), d.published.as_deref().unwrap_or_default()))
        .collect();
    let origins: HashMap<&str, &DocumentMeta> =
        documents.iter().map(|d| (d.id.as_str(), d)).collect();
    let outlet = |doc: &str| match origins.get(doc) {
        Some(d) => crate::grading::Origin {
            outlet: d.outlet.clone().unwrap_or_else(|| d.id.clone()),
            credit: d.credit.clone(),
        },
        None => crate::grading::Origin {
            outlet: doc.to_string(),
            credit: None,
        },
    };
    let order = |c: &Claim| {
        (
            published
                .get(c.document.as_str())
                .map(|p| p.to_string())
                .unwrap_or_default(),
            c.document.clone(),
            c.offset,
        )
    };
    // An event's claims: its documents' own, and recaps elsewhere that tell of it.
    let mut by_event: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for (i, d) in claims.documents().iter().enumerate() {
        if d.count > 0 {
            by_event.entry(d.event.as_str()).or_default().insert(i);
        }
        for (_, e) in &d.recaps {
            by_event.entry(e.as_str()).or_default().insert(i);
        }
    }
    let found: Vec<Vec<Contradiction>> = by_event
        .into_par_iter()
        .map(|(event, docs)| {
            let event_claims: Vec<Claim> = docs
                .into_iter()
                .flat_map(|i| {
                    let d = &claims.documents()[i];
                    // A recap that stayed in its own article's event tells of none here.
                    claims
                        .load(d)
                        .into_iter()
                        .filter(move |c| c.event == event && !(c.recap && c.event == d.event))
                })
                .collect();
            let mut found = compare::compare(rules, &event_claims, &order);
            crate::grading::grade(&mut found, &event_claims, &outlet);
            found
        })
        .collect();
    found.into_iter().flatten().collect()
}

/// Two files with one name in different folders get distinct ids ("a", "a-2"). Their claims
/// take the new id when read back from the store.
fn dedupe_ids(metas: &mut [DocumentMeta]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for meta in metas.iter_mut() {
        let n = seen.entry(meta.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            meta.id = format!("{}-{}", meta.id, n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::permute;

    #[test]
    fn permute_in_place_matches_a_copy() {
        let orders: [&[usize]; 5] = [
            &[],
            &[0],
            &[2, 0, 1, 3],
            &[3, 2, 1, 0, 4],
            &[1, 2, 3, 4, 5, 0, 7, 6],
        ];
        for order in orders {
            let mut items: Vec<usize> = (0..order.len()).map(|i| i * 10).collect();
            let expected: Vec<usize> = order.iter().map(|&i| items[i]).collect();
            permute(&mut items, order);
            assert_eq!(items, expected, "order {order:?}");
        }
    }
}
