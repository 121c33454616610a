//! JSON Lines corpora: one article per line, `{"id", "text", "outlet"?, "published"?, "url"?,
//! "event"?, "title"?}`. A broken line is reported with its line number; the others are read.

use super::{Document, InputError, build_document};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Line {
    id: String,
    text: String,
    outlet: Option<String>,
    published: Option<toml::Value>,
    url: Option<String>,
    event: Option<String>,
    title: Option<String>,
}

/// One line of a JSON Lines corpus (1-based `number`), as an article.
pub fn parse_line(source: &str, number: usize, line: &str) -> Option<Result<Document, InputError>> {
    if line.trim().is_empty() {
        return None;
    }
    let fail = |message: String| InputError {
        path: format!("{source}:{number}"),
        message,
    };
    let parsed: Line = match serde_json::from_str(line) {
        Ok(l) => l,
        Err(e) => {
            return Some(Err(fail(format!(
                "not an article ({e}); each line needs at least \"id\" and \"text\""
            ))));
        }
    };
    let meta = super::Meta {
        outlet: parsed.outlet,
        published: parsed.published.map(|p| match p {
            toml::Value::String(s) => toml::Value::String(s),
            other => other,
        }),
        url: parsed.url,
        event: parsed.event,
        title: parsed.title,
    };
    let path = format!("{source}#{}", parsed.id);
    Some(build_document(&parsed.id, &path, parsed.text, meta, 0).map_err(fail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_lines_are_articles_and_broken_ones_errors() {
        let good = parse_line("c.jsonl", 1, r#"{"id": "a1", "text": "Body.", "outlet": "X", "published": "2024-02-03", "extra": 1}"#)
            .expect("a line")
            .expect("an article");
        assert_eq!(good.meta.id, "a1");
        assert_eq!(good.meta.path, "c.jsonl#a1");
        assert_eq!(good.meta.published.as_deref(), Some("2024-02-03"));
        let bad = parse_line("c.jsonl", 2, r#"{"text": "no id"}"#)
            .expect("a line")
            .expect_err("an error");
        assert_eq!(bad.path, "c.jsonl:2");
        assert!(parse_line("c.jsonl", 3, "   ").is_none());
        assert!(
            parse_line("c.jsonl", 4, "{not json")
                .expect("a line")
                .is_err()
        );
    }
}
