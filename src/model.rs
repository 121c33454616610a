//! The data that flows between pipeline stages: documents, claims and their values.

use crate::rules::{Kind, Polarity};
use serde::{Deserialize, Serialize};

/// One article's metadata. Its text is dropped once its claims are out.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DocumentMeta {
    /// The file name without extension (or the JSON Lines `id`).
    pub id: String,
    pub path: String,
    pub outlet: Option<String>,
    /// YYYY-MM-DD, from front matter or the article's own dateline.
    pub published: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    /// The event from front matter; after grouping, the event the document belongs to.
    pub event: Option<String>,
    /// The agency its dateline credits ("BAGHDAD (Agency) —"): the article is that agency's
    /// copy, whichever outlet printed it. Found while the text is in memory; used by source
    /// grading, not reported.
    #[serde(skip)]
    pub credit: Option<String>,
}

/// A claim's id as the report writes it ("c42"), kept as its number: a report on a large corpus
/// holds millions of references to claims, and as strings they were over half of what a
/// disagreement holds in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClaimRef(pub usize);

impl ClaimRef {
    /// Reads an id such as "c42"; `None` for anything else.
    pub fn parse(id: &str) -> Option<Self> {
        id.strip_prefix('c')?.parse().ok().map(ClaimRef)
    }
}

impl std::fmt::Display for ClaimRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "c{}", self.0)
    }
}

impl Serialize for ClaimRef {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// An actor's canonical id: a gazetteer id ("pentagon"), an actor the article names
/// (`named:...`) or an outlet in its own voice (`outlet:...`). Written as the bare string.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ActorId(String);

impl ActorId {
    pub fn new(id: impl Into<String>) -> Self {
        ActorId(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for ActorId {
    fn from(id: &str) -> Self {
        ActorId(id.to_string())
    }
}

impl std::ops::Deref for ActorId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ActorId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A 1-based line and column in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl From<(usize, usize)> for LineCol {
    fn from((line, column): (usize, usize)) -> Self {
        LineCol { line, column }
    }
}

/// A count as an interval: "four" = [4,4], "at least seven" = [7,∞).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    pub min: u64,
    /// `None` is unbounded above.
    pub max: Option<u64>,
}

impl Interval {
    pub fn exact(n: u64) -> Self {
        Interval {
            min: n,
            max: Some(n),
        }
    }

    /// Two intervals disjoint means two figures that cannot both be true.
    pub fn overlaps(&self, other: &Interval) -> bool {
        let below = |a: &Interval, b: &Interval| a.max.is_some_and(|m| m < b.min);
        !below(self, other) && !below(other, self)
    }

    /// The smallest interval covering both: the reconciled range across sources.
    pub fn hull(&self, other: &Interval) -> Interval {
        Interval {
            min: self.min.min(other.min),
            max: match (self.max, other.max) {
                (Some(a), Some(b)) => Some(a.max(b)),
                _ => None,
            },
        }
    }
}

/// Who an agent claim says carried out, fired or ordered the act: an actor resolved like a
/// speaker (a gazetteer id, or `named:...` for a name only the article gives).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Agent {
    pub id: ActorId,
    /// How reports name the agent: its camp for a gazetteer actor ("Russia" for "Russian
    /// troops"), else the name as the article wrote it.
    pub name: String,
    /// The gazetteer's camp; agents of one camp are one agent when claims are compared.
    pub camp: Option<String>,
}

impl Agent {
    /// What comparison tells agents apart by: the camp, else the actor itself.
    pub fn key(&self) -> &str {
        self.camp.as_deref().unwrap_or(&self.id)
    }
}

/// A claim's value, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    // Untagged variants are read back (from the claim store) by trying each in turn, so the one
    // with the most fields comes first: a category value would also parse as a bare polarity.
    Agent {
        agents: Vec<Agent>,
        polarity: Polarity,
    },
    Category {
        categories: Vec<String>,
        polarity: Polarity,
    },
    Polarity {
        polarity: Polarity,
    },
    Count(Interval),
}

/// One thing one actor said, with where it was said.
///
/// Extraction fills every field but `id` and `event`, which it cannot know: ids number claims
/// in report order (documents sorted by id, once all are read) and events come from grouping
/// the whole corpus. The claim store fills both when it hands a claim out
/// (`ClaimStore::load`), so no claim with them empty ever reaches comparison or a report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claim {
    /// Empty until the store hands the claim out (see above).
    pub id: String,
    pub rule: String,
    pub kind: Kind,
    /// Empty until the store hands the claim out (see above).
    pub event: String,
    pub document: String,
    /// Canonical actor id; `None` when nobody is named (the outlet's own voice).
    pub actor: Option<ActorId>,
    pub actor_name: Option<String>,
    pub camp: Option<String>,
    /// The speaker as this article named them ("Maj. Gen. Ryder", "the monitor").
    pub speaker: Option<String>,
    pub subject: String,
    pub value: Value,
    pub display: String,
    pub quote: String,
    pub line: usize,
    pub column: usize,
    /// A figure its source has since revised ("had earlier put the toll at 12"): reported,
    /// never compared.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub superseded: bool,
    /// Nobody is named for it anywhere in the article: the outlet's own claim (`actor` is
    /// `outlet:<name>`). Compared like any other.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub outlet_voice: bool,
    /// The sentence tells of another incident than its article's ("the attack last week that
    /// killed three soldiers"). Its `event` is the event of that incident when the corpus has
    /// one, and it is compared there; otherwise `event` is its document's and it is never
    /// compared.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub recap: bool,
    /// 1-based line and column where `quote` starts, so snippets show real positions.
    #[serde(skip)]
    pub quote_start: LineCol,
    /// Byte range of the matched words inside `quote`.
    #[serde(skip)]
    pub highlight: std::ops::Range<usize>,
    /// Position in the document, for ordering claims in document order.
    #[serde(skip)]
    pub offset: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(min: u64, max: Option<u64>) -> Interval {
        Interval { min, max }
    }

    #[test]
    fn disjoint_intervals_do_not_overlap() {
        assert!(!iv(4, Some(4)).overlaps(&iv(7, None)));
        assert!(!iv(7, None).overlaps(&iv(4, Some(4))));
    }

    #[test]
    fn touching_and_open_intervals_overlap() {
        assert!(iv(2250, Some(2750)).overlaps(&iv(2001, None)));
        assert!(iv(4, Some(4)).overlaps(&iv(0, Some(4))));
        assert!(iv(12, None).overlaps(&iv(100, Some(100))));
        assert!(iv(3, Some(3)).overlaps(&iv(3, Some(3))));
    }

    #[test]
    fn hull_spans_both() {
        assert_eq!(iv(4, Some(4)).hull(&iv(7, None)), iv(4, None));
        assert_eq!(iv(4, Some(4)).hull(&iv(7, Some(9))), iv(4, Some(9)));
    }

    #[test]
    fn claim_refs_read_and_write_as_the_report_names_claims() {
        assert_eq!(ClaimRef::parse("c42"), Some(ClaimRef(42)));
        assert_eq!(ClaimRef(42).to_string(), "c42");
        assert_eq!(serde_json::to_string(&ClaimRef(7)).unwrap(), "\"c7\"");
        for bad in ["42", "x42", "c", "c-1", ""] {
            assert_eq!(ClaimRef::parse(bad), None, "{bad}");
        }
    }
}
