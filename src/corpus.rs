//! The corpus: articles from files, folders and standard input, with optional `+++` TOML front
//! matter. An article that cannot be read is reported and skipped; the rest is still checked.

use crate::model::DocumentMeta;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One article with its text. `body_start` is where the text after any front matter begins.
#[derive(Debug, Clone)]
pub struct Document {
    pub meta: DocumentMeta,
    pub text: String,
    pub body_start: usize,
}

/// An input that was skipped, and why.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

#[derive(Debug, Default, Deserialize)]
struct FrontMatter {
    outlet: Option<String>,
    published: Option<toml::Value>,
    url: Option<String>,
    event: Option<String>,
    title: Option<String>,
}

const EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// Files to read, from the paths given: folders are walked (hidden entries skipped), files named
/// directly are taken whatever their extension. Sorted, so runs are reproducible.
pub fn collect_paths(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = BTreeSet::new();
    let mut errors = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            files.insert(input.clone());
        } else if input.is_dir() {
            walk(input, &mut files, &mut errors, 0);
        } else if input.exists() {
            files.insert(input.clone());
        } else {
            errors.push(InputError {
                path: input.display().to_string(),
                message: "no such file or folder".into(),
            });
        }
    }
    (files.into_iter().collect(), errors)
}

fn walk(dir: &Path, files: &mut BTreeSet<PathBuf>, errors: &mut Vec<InputError>, depth: usize) {
    if depth > 64 {
        errors.push(InputError {
            path: dir.display().to_string(),
            message: "folders nested too deep (a symlink loop?)".into(),
        });
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(InputError {
                path: dir.display().to_string(),
                message: format!("cannot read folder: {e}"),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, files, errors, depth + 1);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            files.insert(path);
        }
    }
}

/// Reads and parses one article.
pub fn load(path: &Path) -> Result<Document, InputError> {
    let fail = |message: String| InputError {
        path: path.display().to_string(),
        message,
    };
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| fail(format!("cannot read standard input: {e}")))?;
        buf
    } else {
        std::fs::read(path).map_err(|e| fail(format!("cannot read: {e}")))?
    };
    if bytes.contains(&0) {
        return Err(fail("binary file (it contains NUL bytes); skipped".into()));
    }
    let id = if path.as_os_str() == "-" {
        "stdin".to_string()
    } else {
        path.file_stem().map_or_else(
            || path.display().to_string(),
            |s| s.to_string_lossy().into_owned(),
        )
    };
    parse(
        &id,
        &path.display().to_string(),
        String::from_utf8_lossy(&bytes).into_owned(),
    )
    .map_err(fail)
}

/// Parses an article's text: front matter (if any), then the dateline as a fallback date.
pub fn parse(id: &str, path: &str, mut text: String) -> Result<Document, String> {
    if text.starts_with('\u{feff}') {
        text.replace_range(..3, "");
    }
    let (front, body_start) = split_front_matter(&text)?;
    let published =
        match &front.published {
            None => None,
            Some(v) => Some(normalize_date(v).ok_or_else(|| {
                format!("front matter `published` is not a date (YYYY-MM-DD): {v}")
            })?),
        };
    let published = published
        .or_else(|| crate::events::dates::dateline(&text[body_start..]).map(|d| d.to_string()));
    Ok(Document {
        meta: DocumentMeta {
            id: id.to_string(),
            path: path.to_string(),
            outlet: front.outlet,
            published,
            url: front.url,
            title: front.title,
            event: front.event.filter(|e| !e.trim().is_empty()),
        },
        text,
        body_start,
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
fn split_front_matter(text: &str) -> Result<(FrontMatter, usize), String> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "+++" {
        return Ok((FrontMatter::default(), 0));
    }
    let rest = &text[first_line_end + 1.min(text.len() - first_line_end)..];
    let mut offset = first_line_end + 1;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let block = &text[first_line_end + 1..offset];
            let front: FrontMatter = toml::from_str(block).map_err(|e| {
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
