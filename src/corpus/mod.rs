//! The corpus: articles from files, folders and standard input, with optional `+++` TOML front
//! matter, and JSON Lines files of many articles. An article that cannot be read is reported and
//! skipped; the rest is still checked.

pub mod jsonl;
pub mod read;
mod walk;

pub use read::{Limits, read_input};

pub use walk::{Input, collect_inputs};

use crate::model::DocumentMeta;
use serde::{Deserialize, Serialize};

/// One article with its text. `body_start` is where the text after any front matter begins.
#[derive(Debug, Clone)]
pub struct Document {
    pub meta: DocumentMeta,
    pub text: String,
    pub body_start: usize,
    /// Things the reader repaired ("invalid UTF-8 replaced"): the article is checked anyway.
    pub warnings: Vec<String>,
}

/// An input that was skipped, and why.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct Meta {
    pub(crate) outlet: Option<String>,
    pub(crate) published: Option<toml::Value>,
    pub(crate) url: Option<String>,
    pub(crate) event: Option<String>,
    pub(crate) title: Option<String>,
}

/// Parses an article's text and its front matter (if any). A missing publication date is
/// looked for later, in the dateline or URL, where the rules' calendar is at hand.
pub fn parse(id: &str, path: &str, mut text: String) -> Result<Document, String> {
    if text.starts_with('\u{feff}') {
        text.replace_range(..3, "");
    }
    let (front, body_start) = split_front_matter(&text)?;
    build_document(id, path, text, front, body_start)
}

/// An article from its text and metadata.
pub(crate) fn build_document(
    id: &str,
    path: &str,
    text: String,
    front: Meta,
    body_start: usize,
) -> Result<Document, String> {
    let published = match &front.published {
        None => None,
        Some(v) => Some(
            normalize_date(v)
                .ok_or_else(|| format!("`published` is not a date (YYYY-MM-DD): {v}"))?,
        ),
    };
    Ok(Document {
        meta: DocumentMeta {
            id: id.to_string(),
            path: path.to_string(),
            outlet: front.outlet,
            published,
            url: front.url,
            title: front.title,
            event: front.event.filter(|e| !e.trim().is_empty()),
            credit: None,
        },
        text,
        body_start,
        warnings: Vec::new(),
    })
}

fn normalize_date(v: &toml::Value) -> Option<String> {
    let s = match v {
        toml::Value::String(s) => s.trim().to_string(),
        toml::Value::Datetime(d) => d
            .date
            .map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))?,
        _ => return None,
    };
    crate::events::dates::parse_iso(&s).map(|d| d.to_string())
}

/// `+++` TOML `+++` at the very start of the file.
fn split_front_matter(text: &str) -> Result<(Meta, usize), String> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "+++" {
        return Ok((Meta::default(), 0));
    }
    let rest = &text[first_line_end + 1.min(text.len() - first_line_end)..];
    let mut offset = first_line_end + 1;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let block = &text[first_line_end + 1..offset];
            let front: Meta = toml::from_str(block).map_err(|e| {
                let (line, col) = e
                    .span()
                    .map_or((1, 1), |s| crate::text::line_col(block, s.start));
                format!(
                    "malformed front matter at line {}, column {col}: {}",
                    line + 1,
                    e.message().trim()
                )
            })?;
            return Ok((front, offset + line.len()));
        }
        offset += line.len();
    }
    Err("front matter opened with +++ is never closed; add a +++ line after it".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_read_and_body_starts_after_it() {
        let d = parse(
            "a",
            "a.txt",
            "+++\noutlet = \"X\"\npublished = 2024-02-03\nevent = \"e\"\n+++\nBody.".into(),
        )
        .unwrap();
        assert_eq!(d.meta.outlet.as_deref(), Some("X"));
        assert_eq!(d.meta.published.as_deref(), Some("2024-02-03"));
        assert_eq!(d.meta.event.as_deref(), Some("e"));
        assert_eq!(&d.text[d.body_start..], "Body.");
    }

    #[test]
    fn no_front_matter_means_body_at_zero() {
        let d = parse("a", "a.txt", "Headline\n\nBody.".into()).unwrap();
        assert_eq!(d.body_start, 0);
        assert_eq!(d.meta.published, None);
    }

    #[test]
    fn malformed_or_unclosed_front_matter_is_an_error() {
        assert!(
            parse("a", "a.txt", "+++\noutlet = \n+++\nBody".into())
                .unwrap_err()
                .contains("line 2")
        );
        assert!(
            parse("a", "a.txt", "+++\noutlet = \"x\"\nBody".into())
                .unwrap_err()
                .contains("never closed")
        );
        assert!(
            parse("a", "a.txt", "+++\npublished = \"June\"\n+++\nB".into())
                .unwrap_err()
                .contains("not a date")
        );
    }

    #[test]
    fn bom_is_dropped() {
        let d = parse("a", "a.txt", "\u{feff}Body.".into()).unwrap();
        assert_eq!(d.text, "Body.");
    }
}
