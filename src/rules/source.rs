//! Reading rule sources: TOML parsing into positioned errors, fragment expansion, and the one
//! way every rule regex is built.

use super::diagnostic::{RuleError, SourceFile, did_you_mean};
use super::matcher::{Matcher, Options};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

/// The largest compiled size one pattern may have. Generous for real rules; a pattern past it
/// is almost always a runaway repetition that would slow every sentence down.
pub const REGEX_SIZE_LIMIT: usize = 8 << 20;

/// The most memory one rule regex's lazy DFA may cache, per thread. The crate's default (2 MB)
/// is too small for a pattern that spells out figures and gaps: on real prose the cache filled
/// and was cleared until the DFA gave up, and the slow NFA ran instead (25 times slower on some
/// shipped patterns). A cache only grows as far as the text needs, so most stay far below this.
pub const DFA_CACHE_LIMIT: usize = 8 << 20;

pub(super) fn basename(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// Parses one file, turning serde errors into positioned diagnostics.
pub(super) fn parse<T: DeserializeOwned>(
    file: &SourceFile,
    errors: &mut Vec<RuleError>,
) -> Option<T> {
    match toml::from_str::<T>(&file.text) {
        Ok(v) => Some(v),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim().to_string();
            let mut err = RuleError::new(file, span, message.clone());
            if let Some(help) = unknown_field_help(&message) {
                err = err.with_help(help);
            } else if message.starts_with("missing field") {
                err =
                    err.with_help("add the key; see docs/RULES.md for every key a rule file takes");
            } else {
                err = err.with_help("this is not valid TOML for a rule file; see docs/RULES.md");
            }
            errors.push(err);
            None
        }
    }
}

static UNKNOWN_FIELD: LazyLock<Matcher> = LazyLock::new(|| {
    Matcher::new(r"unknown (?:field|variant) `([^`]*)`, expected (.*)").expect("static regex")
});
static BACKTICKED: LazyLock<Matcher> =
    LazyLock::new(|| Matcher::new(r"`([^`]*)`").expect("static regex"));

/// Keys of a claim-type file's top level: written after a `[[table]]` header, TOML puts them
/// inside that table, the most common trap for rule authors.
const TOP_LEVEL_KEYS: &[&str] = &[
    "id",
    "title",
    "kind",
    "description",
    "subject",
    "conflicts",
    "tolerance",
    "subject_conflicts",
];

fn unknown_field_help(message: &str) -> Option<String> {
    let caps = UNKNOWN_FIELD.captures(message)?;
    let word = caps.get(1)?.as_str();
    if TOP_LEVEL_KEYS.contains(&word) && !caps.get(2)?.as_str().contains(&format!("`{word}`")) {
        return Some(format!(
            "`{word}` is a top-level key, but it stands after a [[...]] table header, so TOML reads it as part of that table; move it above the first [[...]]"
        ));
    }
    let expected: Vec<&str> = BACKTICKED
        .captures_iter(caps.get(2)?.as_str())
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str())
        .collect();
    Some(
        did_you_mean(word, expected.iter().copied())
            .unwrap_or_else(|| format!("expected one of: {}", expected.join(", "))),
    )
}

/// Byte offset in the file of byte `i` of a string value, when the value is written verbatim
/// (literal strings); otherwise the start of the value.
pub(super) fn value_offset(file: &SourceFile, span: &Range<usize>, value: &str, i: usize) -> usize {
    let raw = file.text.get(span.clone()).unwrap_or("");
    for quote in ["'''", "\"\"\"", "'", "\""] {
        if raw.len() >= 2 * quote.len() && raw.starts_with(quote) && raw.ends_with(quote) {
            let inner = &raw[quote.len()..raw.len() - quote.len()];
            let skip = inner.len() - inner.trim_start_matches('\n').len();
            if &inner[skip..] == value {
                return span.start + quote.len() + skip + i;
            }
        }
    }
    span.start
}

/// Where a plain (unspanned) string item sits in its file, found by its text.
pub(super) fn find_in_file(file: &SourceFile, item: &str) -> Range<usize> {
    file.text.find(item).map_or(0..0, |i| i..i + item.len())
}

pub(super) static FRAGMENT: LazyLock<Matcher> =
    LazyLock::new(|| Matcher::new(r"\{([A-Za-z_][A-Za-z0-9_]*)\}").expect("static regex"));

/// Replaces `{name}` fragments. On an unknown name, returns its byte range and name.
pub fn expand(
    src: &str,
    fragments: &BTreeMap<String, String>,
) -> Result<String, (Range<usize>, String)> {
    let mut out = String::with_capacity(src.len() * 4);
    let mut last = 0;
    for caps in FRAGMENT.captures_iter(src) {
        let m = caps.get(0).expect("match");
        if src[..m.start()].ends_with('\\') {
            continue;
        }
        let name = &caps[1];
        let Some(value) = fragments.get(name) else {
            return Err((m.range(), name.to_string()));
        };
        out.push_str(&src[last..m.start()]);
        out.push_str(value);
        last = m.end();
    }
    out.push_str(&src[last..]);
    Ok(out)
}

/// Where in the pattern as written a byte of its expansion comes from: the same byte in the
/// author's text, or the `{fragment}` reference it was expanded from.
pub fn source_offset(
    src: &str,
    fragments: &BTreeMap<String, String>,
    expanded_offset: usize,
) -> usize {
    let (mut src_pos, mut exp_pos) = (0, 0);
    for caps in FRAGMENT.captures_iter(src) {
        let m = caps.get(0).expect("match");
        let Some(value) = fragments
            .get(&caps[1])
            .filter(|_| !src[..m.start()].ends_with('\\'))
        else {
            continue;
        };
        let literal = m.start() - src_pos;
        if expanded_offset < exp_pos + literal {
            return src_pos + (expanded_offset - exp_pos);
        }
        exp_pos += literal;
        if expanded_offset < exp_pos + value.len() {
            return m.start();
        }
        exp_pos += value.len();
        src_pos = m.end();
    }
    (src_pos + expanded_offset.saturating_sub(exp_pos)).min(src.len())
}

/// The byte range a syntax error covers in a regex, from `regex-syntax`'s own parser.
pub fn syntax_error_span(regex: &str) -> Option<Range<usize>> {
    let err = regex_syntax::ParserBuilder::new()
        .build()
        .parse(regex)
        .err()?;
    let span = match &err {
        regex_syntax::Error::Parse(e) => *e.span(),
        regex_syntax::Error::Translate(e) => *e.span(),
        _ => return None,
    };
    Some(span.start.offset..span.end.offset.max(span.start.offset + 1))
}

pub(super) fn regex_message(e: &regex::Error) -> (String, String) {
    match e {
        regex::Error::CompiledTooBig(limit) => (
            format!("this pattern compiles to more than {limit} bytes"),
            "narrow the pattern: bound repetitions ({0,60} rather than *), and avoid nesting large fragments".into(),
        ),
        other => {
            let text = other.to_string();
            let last = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("invalid regex").trim();
            (
                format!("regex does not compile: {}", last.trim_start_matches("error: ")),
                "patterns use the syntax of Rust's `regex` crate (no look-around, no back-references)".into(),
            )
        }
    }
}

pub(super) fn build_regex(src: &str) -> Result<Matcher, regex::Error> {
    Matcher::with(
        src,
        Options {
            size_limit: Some(REGEX_SIZE_LIMIT),
            dfa_size_limit: Some(DFA_CACHE_LIMIT),
            ..Options::CASE_INSENSITIVE
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Loading checks only the syntax of a pattern as written (see `matcher::Options`): every
    /// shipped pattern must also build in full, so the exact engine is always there.
    #[test]
    fn every_shipped_pattern_builds_with_unicode_classes() {
        let rules = crate::rules::RuleSet::builtin().expect("shipped rules");
        for p in rules.rules.iter().flat_map(|r| &r.patterns) {
            let built = regex::RegexBuilder::new(&p.expanded)
                .case_insensitive(true)
                .size_limit(REGEX_SIZE_LIMIT)
                .build();
            assert!(built.is_ok(), "{}: {built:?}", p.source);
        }
    }

    #[test]
    fn expands_known_fragments_and_reports_unknown_ones() {
        let mut f = BTreeMap::new();
        f.insert("a".to_string(), "X".to_string());
        assert_eq!(expand(r"{a}\s+{0,3}{a}", &f).unwrap(), r"X\s+{0,3}X");
        assert_eq!(expand("{a}{b}", &f).unwrap_err(), (3..6, "b".to_string()));
        assert_eq!(expand(r"\{b}", &f).unwrap(), r"\{b}");
    }

    #[test]
    fn offsets_map_back_through_fragments() {
        let mut f = BTreeMap::new();
        f.insert("a".to_string(), "XYZ".to_string());
        // "(" at 4 in "{a}b(" is at 4 + 0 in the expansion "XYZb(" ... shifted by 3 - 3 = 0.
        assert_eq!(source_offset("{a}b(", &f, 4), 4);
        assert_eq!(source_offset("{a}b(", &f, 1), 0);
        assert_eq!(source_offset("b{a}(", &f, 4), 4);
        assert_eq!(syntax_error_span("ab(c"), Some(2..3));
    }

    #[test]
    fn unknown_field_gets_a_suggestion() {
        let help =
            unknown_field_help("unknown field `titel`, expected one of `id`, `title`, `kind`")
                .unwrap();
        assert_eq!(help, "did you mean `title`?");
    }
}
