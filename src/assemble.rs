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
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// A document once its text is gone: metadata, claims, and what grouping needs.
pub(crate) struct Processed {
    meta: DocumentMeta,
    warnings: Vec<String>,
    claims: Vec<Claim>,
    features: events::Features,
}

/// Extracts what one document says; its text is dropped when this returns.
pub(crate) fn process(rules: &RuleSet, terms: &Interner, doc: Document) -> Processed {
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

/// A processed document whose claims the store holds.
struct Kept {
    meta: DocumentMeta,
    warnings: Vec<String>,
    claims: Held,
    count: usize,
    features: events::Features,
}

/// Everything read so far: documents (claims held by the spill), and inputs that failed.
pub(crate) struct Collected {
    pub(crate) terms: Interner,
    spill: Spill,
    kept: Vec<Kept>,
    errors: Vec<InputError>,
}

impl Collected {
    pub(crate) fn new(errors: Vec<InputError>) -> Self {
        Collected {
            terms: Interner::default(),
            spill: Spill::new(),
            kept: Vec::new(),
            errors,
        }
    }

    /// Takes one batch of results; each document's claims go to the store at once.
    pub(crate) fn take(&mut self, results: Vec<Result<Processed, InputError>>) {
        for r in results {
            match r {
                Ok(p) => {
                    let count = p.claims.len();
                    self.kept.push(Kept {
                        meta: p.meta,
                        warnings: p.warnings,
                        claims: self.spill.hold(p.claims),
                        count,
                        features: p.features,
                    });
                }
                Err(e) => self.errors.push(e),
            }
        }
    }
}

/// Events, claim ids, comparison: the corpus-wide stages after extraction.
pub(crate) fn assemble(rules: &RuleSet, collected: Collected) -> Report {
    let Collected {
        terms,
        spill,
        mut kept,
        mut errors,
    } = collected;
    kept.sort_by(|a, b| (&a.meta.id, &a.meta.path).cmp(&(&b.meta.id, &b.meta.path)));
    dedupe_ids(&mut kept);
    let (vocabulary, renumber) = terms.finish();
    let mut metas = Vec::with_capacity(kept.len());
    let mut features = Vec::with_capacity(kept.len());
    for k in &mut kept {
        metas.push(std::mem::take(&mut k.meta));
        let mut f = std::mem::take(&mut k.features);
        f.renumber(&renumber);
        features.push(f);
    }
    let (events, assignment) = events::group(&metas, &features, &vocabulary, rules);
    drop((features, vocabulary));
    let mut documents = Vec::with_capacity(kept.len());
    let mut entries = Vec::with_capacity(kept.len());
    let mut warnings = Vec::new();
    let mut next = 1;
    for ((k, mut meta), ei) in kept.into_iter().zip(metas).zip(assignment) {
        warnings.extend(k.warnings.into_iter().map(|message| InputError {
            path: meta.path.clone(),
            message,
        }));
        let event = events[ei].id.clone();
        meta.event = Some(event.clone());
        entries.push(DocumentClaims {
            document: meta.id.clone(),
            event,
            first: next,
            count: k.count,
            held: k.claims,
        });
        next += k.count;
        documents.push(meta);
    }
    let claims = ClaimStore::new(spill.finish(), entries);
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
    let mut by_event: BTreeMap<&str, Vec<&DocumentClaims>> = BTreeMap::new();
    for d in claims.documents().iter().filter(|d| d.count > 0) {
        by_event.entry(d.event.as_str()).or_default().push(d);
    }
    let found: Vec<Vec<Contradiction>> = by_event
        .into_par_iter()
        .map(|(_, docs)| {
            let event_claims: Vec<Claim> = docs.iter().flat_map(|d| claims.load(d)).collect();
            compare::compare(rules, &event_claims, &order)
        })
        .collect();
    found.into_iter().flatten().collect()
}

/// Two files with one name in different folders get distinct ids ("a", "a-2"). Their claims
/// take the new id when read back from the store.
fn dedupe_ids(kept: &mut [Kept]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for k in kept.iter_mut() {
        let n = seen.entry(k.meta.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            k.meta.id = format!("{}-{}", k.meta.id, n);
        }
    }
}
