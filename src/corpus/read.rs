//! Reading inputs without trusting them: a size limit checked before anything is read, binary
//! files refused, invalid UTF-8 repaired with a warning, empty inputs reported.

use super::{Document, Input, InputError, jsonl, parse};
use std::io::Read;
use std::path::Path;

/// What input may cost at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest article (a file, a JSON Lines line, standard input) read, in bytes.
    pub max_article_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_article_bytes: 8 << 20,
        }
    }
}

pub fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1 << 20) as f64)
}

fn too_large(size: u64, limits: Limits) -> String {
    format!(
        "article is {}, over the {} limit; skipped (raise it with --max-article-size)",
        mib(size),
        mib(limits.max_article_bytes)
    )
}

/// Text from bytes: NUL bytes mean a binary file; invalid UTF-8 is replaced, with a warning.
fn decode(bytes: Vec<u8>) -> Result<(String, Vec<String>), String> {
    if bytes.contains(&0) {
        return Err("binary file (it contains NUL bytes); skipped".into());
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, Vec::new())),
        Err(e) => {
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let bad = text.matches('\u{fffd}').count();
            Ok((
                text,
                vec![format!(
                    "not valid UTF-8: {bad} invalid sequence(s) replaced by U+FFFD; checked anyway"
                )],
            ))
        }
    }
}

/// Reads every article of one input. A JSON Lines file (or standard input that starts with `{`)
/// gives one result per line; anything else is one article.
pub fn read_input(input: &Input, limits: Limits) -> Vec<Result<Document, InputError>> {
    match input {
        Input::File(path) => vec![load_file(path, limits)],
        Input::JsonLines(path) => {
            let fail = |message: String| {
                vec![Err(InputError {
                    path: path.display().to_string(),
                    message,
                })]
            };
            match std::fs::read(path) {
                Ok(bytes) => jsonl_lines(
                    &path.display().to_string(),
                    &String::from_utf8_lossy(&bytes),
                    limits,
                ),
                Err(e) => fail(format!("cannot read: {e}")),
            }
        }
        Input::Stdin => read_stdin(limits),
    }
}

fn read_stdin(limits: Limits) -> Vec<Result<Document, InputError>> {
    let fail = |message: String| {
        vec![Err(InputError {
            path: "-".into(),
            message,
        })]
    };
    let mut buf = Vec::new();
    if let Err(e) = std::io::stdin()
        .take(
            limits
                .max_article_bytes
                .saturating_mul(64)
                .saturating_add(1),
        )
        .read_to_end(&mut buf)
    {
        return fail(format!("cannot read standard input: {e}"));
    }
    let looks_jsonl = buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    if !looks_jsonl && buf.len() as u64 > limits.max_article_bytes {
        return fail(too_large(buf.len() as u64, limits));
    }
    let (text, warnings) = match decode(buf) {
        Ok(t) => t,
        Err(message) => return fail(message),
    };
    if text.trim().is_empty() {
        return fail("standard input is empty".into());
    }
    if looks_jsonl {
        return jsonl_lines("-", &text, limits);
    }
    vec![
        parse("stdin", "-", text)
            .map(|mut d| {
                d.warnings = warnings;
                d
            })
            .map_err(|message| InputError {
                path: "-".into(),
                message,
            }),
    ]
}

fn jsonl_lines(source: &str, text: &str, limits: Limits) -> Vec<Result<Document, InputError>> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| jsonl_line(source, i + 1, line, limits))
        .collect()
}

/// One JSON Lines line, within the article size limit.
pub fn jsonl_line(
    source: &str,
    number: usize,
    line: &str,
    limits: Limits,
) -> Option<Result<Document, InputError>> {
    if line.len() as u64 > limits.max_article_bytes {
        return Some(Err(InputError {
            path: format!("{source}:{number}"),
            message: too_large(line.len() as u64, limits),
        }));
    }
    jsonl::parse_line(source, number, line)
}

/// Reads and parses one article file; its size is checked before a byte is read.
fn load_file(path: &Path, limits: Limits) -> Result<Document, InputError> {
    let fail = |message: String| InputError {
        path: path.display().to_string(),
        message,
    };
    let size = std::fs::metadata(path)
        .map_err(|e| fail(format!("cannot read: {e}")))?
        .len();
    if size > limits.max_article_bytes {
        return Err(fail(too_large(size, limits)));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    let (text, warnings) = decode(bytes).map_err(fail)?;
    if text.trim().is_empty() {
        return Err(fail("empty file; skipped".into()));
    }
    let id = path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let mut doc = parse(&id, &path.display().to_string(), text).map_err(fail)?;
    doc.warnings = warnings;
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_invalid_utf8_and_empty() {
        assert!(decode(vec![b'a', 0, b'b']).is_err());
        let (text, warnings) = decode(vec![b'o', b'k', 0xff, b'!']).expect("repaired");
        assert_eq!(text, "ok\u{fffd}!");
        assert_eq!(warnings.len(), 1);
        let dir = tempfile::tempdir().expect("tempdir");
        let empty = dir.path().join("empty.txt");
        std::fs::write(&empty, " \n").expect("write");
        assert!(
            load_file(&empty, Limits::default())
                .expect_err("empty")
                .message
                .contains("empty")
        );
    }

    #[test]
    fn the_size_limit_is_checked_before_reading() {
        let dir = tempfile::tempdir().expect("tempdir");
        let big = dir.path().join("big.txt");
        std::fs::write(&big, "x".repeat(2000)).expect("write");
        let err = load_file(
            &big,
            Limits {
                max_article_bytes: 1000,
            },
        )
        .expect_err("too large");
        assert!(err.message.contains("over the"), "{}", err.message);
        assert!(
            jsonl_line(
                "c.jsonl",
                3,
                &"x".repeat(2000),
                Limits {
                    max_article_bytes: 1000
                }
            )
            .expect("line")
            .is_err()
        );
    }
}
