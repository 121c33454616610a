//! Where claims wait between extraction and the report.
//!
//! A year of wire copy yields millions of claims, each with its quote: far more than the memory a
//! check should take. So each document's claims are written, as one JSON array, to an unnamed
//! temporary file as soon as they are extracted, and read back only when they are compared (one
//! event at a time) and when the report is written (one document at a time). Memory then grows
//! with the number of documents, not claims. Should the temporary file be unavailable or a write
//! fail, that document's claims simply stay in memory: slower to scale, never lost.

use crate::model::{Claim, ClaimRef};
use serde::ser::{Serialize, SerializeSeq, Serializer};
use std::fs::File;
use std::io::Write;
use std::sync::{Arc, Mutex};

/// Where one document's claims are: on disk, or in memory when they could not be written.
#[derive(Debug, Clone)]
enum Place {
    Disk { offset: u64, len: u64 },
    Memory(Arc<[Claim]>),
}

/// Where a claim sits in its text: (quote start, highlight, offset). These fields are left out
/// of the JSON report, but snippets need them, so the store writes them beside each claim.
type Anchor = ((usize, usize), std::ops::Range<usize>, usize);

fn anchor(c: &Claim) -> Anchor {
    let q = c.quote_start;
    ((q.line, q.column), c.highlight.clone(), c.offset)
}

/// The writing side: takes each document's claims as it is extracted, from any thread.
///
/// The extracting thread serialises and writes its own document's claims (the lock covers only
/// the write), so claims never move between threads: that keeps the allocator from returning
/// and re-faulting pages, and leaves no serial step behind the parallel ones.
#[derive(Debug, Default)]
pub struct Spill {
    state: Mutex<SpillFile>,
}

#[derive(Debug, Default)]
struct SpillFile {
    file: Option<File>,
    written: u64,
    /// A write failed (a full disk): later documents stay in memory, while those already on
    /// disk are still read from the file.
    failed: bool,
}

/// A document's claims, handed back by [`Spill::hold`] for the document to keep.
#[derive(Debug, Clone)]
pub struct Held(Place);

impl Spill {
    /// A spill to an unnamed temporary file (removed by the OS when the process ends), or to
    /// memory if none can be made.
    pub fn new() -> Self {
        Spill {
            state: Mutex::new(SpillFile {
                // Claims are read back by position, which only Unix and Windows offer.
                file: cfg!(any(unix, windows))
                    .then(|| tempfile::tempfile().ok())
                    .flatten(),
                written: 0,
                failed: false,
            }),
        }
    }

    /// Keeps one document's claims, on disk if possible.
    pub fn hold(&self, claims: Vec<Claim>) -> Held {
        if claims.is_empty() {
            return Held(Place::Memory(Arc::from(claims)));
        }
        let stored: Vec<(&Claim, Anchor)> = claims.iter().map(|c| (c, anchor(c))).collect();
        let Ok(bytes) = serde_json::to_vec(&stored) else {
            return Held(Place::Memory(Arc::from(claims)));
        };
        // A poisoned lock only means another thread panicked mid-write; `failed` covers that.
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let state = &mut *state;
        if let Some(file) = state.file.as_mut().filter(|_| !state.failed) {
            match file.write_all(&bytes) {
                Ok(()) => {
                    let offset = state.written;
                    state.written += bytes.len() as u64;
                    return Held(Place::Disk {
                        offset,
                        len: bytes.len() as u64,
                    });
                }
                // A failed write may have left part of the bytes behind; later writes must not
                // land after them unaccounted, so stop writing (earlier claims stay readable).
                Err(_) => state.failed = true,
            }
        }
        Held(Place::Memory(Arc::from(claims)))
    }

    /// The reading side, once every document has been held.
    pub fn finish(self) -> Reader {
        let state = self.state.into_inner().unwrap_or_else(|e| e.into_inner());
        Reader {
            file: state.file.map(Arc::new),
        }
    }
}

/// Reads held claims back, from any thread.
#[derive(Debug, Clone, Default)]
pub struct Reader {
    file: Option<Arc<File>>,
}

impl Reader {
    /// A document's claims as they were extracted. A read that fails (the disk, not the data)
    /// is said on stderr and yields no claims rather than stopping the report.
    pub fn load(&self, held: &Held) -> Vec<Claim> {
        match &held.0 {
            Place::Memory(claims) => claims.to_vec(),
            Place::Disk { offset, len } => match self.read(*offset, *len) {
                Ok(claims) => claims,
                Err(e) => {
                    eprintln!("contra: error: claims held on disk could not be read back: {e}");
                    Vec::new()
                }
            },
        }
    }

    fn read(&self, offset: u64, len: u64) -> std::io::Result<Vec<Claim>> {
        let file = self
            .file
            .as_ref()
            .ok_or_else(|| std::io::Error::other("no claim file"))?;
        let mut bytes = vec![0; len as usize];
        read_at(file, offset, &mut bytes)?;
        let stored: Vec<(Claim, Anchor)> = serde_json::from_slice(&bytes)?;
        Ok(stored
            .into_iter()
            .map(|(mut c, (quote_start, highlight, offset))| {
                c.quote_start = quote_start.into();
                c.highlight = highlight;
                c.offset = offset;
                c
            })
            .collect())
    }
}

/// Reads `bytes.len()` bytes at `offset` without moving a shared cursor, so threads comparing
/// events or rendering the report read side by side, with no lock.
#[cfg(unix)]
fn read_at(file: &File, offset: u64, bytes: &mut [u8]) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
}

#[cfg(windows)]
fn read_at(file: &File, mut offset: u64, mut bytes: &mut [u8]) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        match file.seek_read(bytes, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                bytes = &mut bytes[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

/// Elsewhere the spill never makes a file (see [`Spill::new`]), so there is nothing to read.
#[cfg(not(any(unix, windows)))]
fn read_at(_: &File, _: u64, _: &mut [u8]) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// One document's entry in the report's claim list.
#[derive(Debug, Clone)]
pub struct DocumentClaims {
    pub document: String,
    pub event: String,
    /// The number of the document's first claim ("c1" is 1).
    pub first: usize,
    pub count: usize,
    pub held: Held,
    /// Recaps that tell of another event: (claim position in the document, that event's id).
    /// Claims of a recap not listed here keep the document's event and are never compared.
    pub recaps: Box<[(usize, String)]>,
}

/// Every claim of a run, in report order (document by document), read back on demand.
#[derive(Debug, Clone, Default)]
pub struct ClaimStore {
    reader: Reader,
    documents: Vec<DocumentClaims>,
    total: usize,
}

impl ClaimStore {
    /// `documents` in report order, numbered consecutively from 1.
    pub fn new(reader: Reader, documents: Vec<DocumentClaims>) -> Self {
        let total = documents.iter().map(|d| d.count).sum();
        ClaimStore {
            reader,
            documents,
            total,
        }
    }

    pub fn len(&self) -> usize {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    pub fn clear(&mut self) {
        self.documents.clear();
        self.total = 0;
    }

    /// One document's claims with their ids, event and document filled in.
    pub fn load(&self, entry: &DocumentClaims) -> Vec<Claim> {
        let mut claims = self.reader.load(&entry.held);
        for (k, c) in claims.iter_mut().enumerate() {
            c.id = format!("c{}", entry.first + k);
            c.document.clone_from(&entry.document);
            c.event.clone_from(&entry.event);
        }
        for (k, event) in entry.recaps.iter() {
            if let Some(c) = claims.get_mut(*k) {
                c.event.clone_from(event);
            }
        }
        claims
    }

    pub fn documents(&self) -> &[DocumentClaims] {
        &self.documents
    }

    /// Every claim in report order, one document in memory at a time.
    pub fn iter(&self) -> impl Iterator<Item = Claim> + '_ {
        self.documents.iter().flat_map(|d| self.load(d))
    }

    /// The claim with this id.
    pub fn get(&self, id: ClaimRef) -> Option<Claim> {
        let n = id.0;
        let at = self.documents.partition_point(|d| d.first + d.count <= n);
        let entry = self.documents.get(at).filter(|d| d.first <= n)?;
        self.load(entry).into_iter().nth(n - entry.first)
    }

    /// How many claims each event has (a recap counts in the event it tells of).
    pub fn count_by_event(&self) -> std::collections::HashMap<&str, usize> {
        let mut counts = std::collections::HashMap::new();
        for d in &self.documents {
            *counts.entry(d.event.as_str()).or_insert(0) += d.count - d.recaps.len();
            for (_, e) in d.recaps.iter() {
                *counts.entry(e.as_str()).or_insert(0) += 1;
            }
        }
        counts
    }
}

impl Serialize for ClaimStore {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.total))?;
        for claim in self.iter() {
            seq.serialize_element(&claim)?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Interval, Value};
    use crate::rules::{Kind, Polarity};

    fn claim(value: Value, quote: &str) -> Claim {
        Claim {
            id: String::new(),
            rule: "r".into(),
            kind: Kind::Count,
            event: String::new(),
            document: "old-id".into(),
            actor: Some("a".into()),
            actor_name: Some("A".into()),
            camp: Some("x".into()),
            speaker: None,
            subject: "s".into(),
            value,
            display: "d".into(),
            quote: quote.into(),
            line: 3,
            column: 4,
            superseded: true,
            outlet_voice: false,
            recap: false,
            quote_start: (3, 1).into(),
            highlight: 2..9,
            offset: 77,
        }
    }

    fn values() -> Vec<Value> {
        vec![
            Value::Count(Interval { min: 4, max: None }),
            Value::Polarity {
                polarity: Polarity::Denied,
            },
            Value::Category {
                categories: vec!["civilian".into()],
                polarity: Polarity::Affirmed,
            },
            Value::Agent {
                agents: vec![crate::model::Agent {
                    id: "named:azov_battalion".into(),
                    name: "Azov Battalion".into(),
                    camp: None,
                }],
                polarity: Polarity::Denied,
            },
        ]
    }

    fn store(spill: Spill, docs: Vec<Vec<Claim>>) -> ClaimStore {
        let mut first = 1;
        let mut entries = Vec::new();
        for (i, claims) in docs.into_iter().enumerate() {
            let count = claims.len();
            entries.push(DocumentClaims {
                document: format!("d{i}"),
                event: format!("e{}", i % 2),
                first,
                count,
                held: spill.hold(claims),
                recaps: Box::default(),
            });
            first += count;
        }
        ClaimStore::new(spill.finish(), entries)
    }

    #[test]
    fn claims_come_back_whole_from_disk_and_from_memory() {
        for spill in [Spill::new(), Spill::default()] {
            let on_disk = spill.state.lock().unwrap().file.is_some();
            let docs: Vec<Vec<Claim>> = vec![
                values()
                    .into_iter()
                    .map(|v| claim(v, "“Quote” — é\n"))
                    .collect(),
                vec![],
                vec![claim(values().remove(0), "second")],
            ];
            let s = store(spill, docs.clone());
            assert_eq!(s.len(), 5);
            let back: Vec<Claim> = s.iter().collect();
            let ids: Vec<&str> = back.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(ids, ["c1", "c2", "c3", "c4", "c5"], "disk: {on_disk}");
            for (got, want) in back.iter().zip(docs.iter().flatten()) {
                assert_eq!(got.value, want.value, "disk: {on_disk}");
                assert_eq!(got.quote, want.quote);
                assert_eq!(
                    (
                        got.quote_start,
                        got.highlight.clone(),
                        got.offset,
                        got.superseded
                    ),
                    (
                        want.quote_start,
                        want.highlight.clone(),
                        want.offset,
                        want.superseded
                    )
                );
            }
            assert_eq!(back[4].document, "d2", "the final document id wins");
            assert_eq!(back[4].event, "e0");
            let get = |id: &str| ClaimRef::parse(id).and_then(|r| s.get(r));
            assert_eq!(get("c5").map(|c| c.quote), Some("second".into()));
            assert_eq!(get("c2").map(|c| c.value), Some(values()[1].clone()));
            assert_eq!(get("c4").map(|c| c.value), Some(values()[3].clone()));
            assert!(get("c6").is_none() && get("c0").is_none() && get("x1").is_none());
            assert_eq!(s.count_by_event().get("e0"), Some(&5));
        }
    }

    /// A full disk: the write fails, the claims stay in memory, and claims written before the
    /// failure are still read from the file.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_failed_write_keeps_the_claims_in_memory() {
        let spill = Spill::new();
        let early = spill.hold(vec![claim(values().remove(0), "early")]);
        assert!(matches!(early.0, Place::Disk { .. }));
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let disk = spill.state.lock().unwrap().file.replace(full);
        let late = spill.hold(vec![claim(values().remove(1), "late")]);
        assert!(matches!(late.0, Place::Memory(_)) && spill.state.lock().unwrap().failed);
        spill.state.lock().unwrap().file = disk;
        let after = spill.hold(vec![claim(values().remove(2), "after")]);
        assert!(
            matches!(after.0, Place::Memory(_)),
            "no writes after a failure"
        );
        let reader = spill.finish();
        for (held, quote) in [(early, "early"), (late, "late"), (after, "after")] {
            assert_eq!(reader.load(&held)[0].quote, quote);
        }
    }

    #[test]
    fn the_report_lists_every_claim_in_order() {
        let s = store(Spill::new(), vec![vec![claim(values().remove(2), "q")]; 3]);
        let json = serde_json::to_value(&s).unwrap();
        let ids: Vec<&str> = json
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["c1", "c2", "c3"]);
        assert!(
            json[0].get("offset").is_none(),
            "positions stay out of the report"
        );
    }
}
