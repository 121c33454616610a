//! A regex that runs at DFA speed on news text.
//!
//! The `regex` crate's lazy DFA cannot evaluate a Unicode word boundary (`\b`) next to a
//! non-ASCII byte, so on any text with a curly quote or an em dash it hands the whole search to
//! a far slower engine (perf showed three quarters of the time there). An ASCII `\b` has no such
//! limit, and on a haystack whose only non-ASCII characters are not word characters (quotes,
//! dashes, spaces: nearly all English news) the two boundaries are the same positions. So a
//! `Matcher` with boundaries compiles an ASCII-boundary twin, picks per haystack, and compiles
//! the pattern as written only when a haystack with a non-ASCII word character ("café") first
//! needs it: the results are identical, only faster, and most runs compile each pattern once.

use regex::{CaptureMatches, Captures, Match, Matches, Regex, RegexBuilder};
use std::sync::OnceLock;

/// A compiled regex with an ASCII-boundary twin for haystacks where that twin is exact.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// The pattern as written.
    source: Box<str>,
    engines: Engines,
    configure: fn(&mut RegexBuilder) -> &mut RegexBuilder,
}

#[derive(Debug, Clone)]
enum Engines {
    /// A pattern without word boundaries: the pattern as written is the one fast engine.
    One(Regex),
    Twins {
        /// The pattern with ASCII `\b`/`\B`.
        ascii: Regex,
        /// The pattern as written, exact on any text, built on first need. `None` only if it
        /// failed to build after its twin built; the twin then stands in (it differs only next
        /// to non-ASCII word characters).
        unicode: OnceLock<Option<Regex>>,
    },
}

fn plain(b: &mut RegexBuilder) -> &mut RegexBuilder {
    b
}

fn build(
    pattern: &str,
    configure: fn(&mut RegexBuilder) -> &mut RegexBuilder,
) -> Result<Regex, regex::Error> {
    configure(&mut RegexBuilder::new(pattern)).build()
}

impl Matcher {
    pub fn new(src: &str) -> Result<Self, regex::Error> {
        Self::with(src, plain)
    }

    /// Compiles `src` with builder settings (case, size limits) applied to both twins. Errors
    /// are those of `src` itself, so their positions are the author's.
    pub fn with(
        src: &str,
        configure: fn(&mut RegexBuilder) -> &mut RegexBuilder,
    ) -> Result<Self, regex::Error> {
        let twin = ["\\b", "\\B", "\\w", "\\d"]
            .iter()
            .any(|e| src.contains(e))
            .then(|| build(&ascii_word_boundaries(src), configure).ok())
            .flatten();
        let engines = match twin {
            Some(ascii) => {
                // The Unicode engine is built when a haystack first needs it, but its errors
                // (a pattern over the size limit) are the author's now: compile it once to
                // check, and let it go, so only the small ASCII automaton stays in memory.
                drop(build(src, configure)?);
                Engines::Twins {
                    ascii,
                    unicode: OnceLock::new(),
                }
            }
            None => Engines::One(build(src, configure)?),
        };
        Ok(Matcher {
            source: src.into(),
            engines,
            configure,
        })
    }

    /// The engine that is exact for this haystack, the fast one whenever it is.
    fn pick(&self, haystack: &str) -> &Regex {
        match &self.engines {
            Engines::One(regex) => regex,
            Engines::Twins { ascii, .. } if ascii_words_only(haystack) => ascii,
            Engines::Twins { ascii, unicode } => unicode
                .get_or_init(|| build(&self.source, self.configure).ok())
                .as_ref()
                .unwrap_or(ascii),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.pick(haystack).is_match(haystack)
    }

    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.pick(haystack).find(haystack)
    }

    pub fn find_at<'h>(&self, haystack: &'h str, start: usize) -> Option<Match<'h>> {
        self.pick(haystack).find_at(haystack, start)
    }

    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> Matches<'r, 'h> {
        self.pick(haystack).find_iter(haystack)
    }

    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        self.pick(haystack).captures(haystack)
    }

    pub fn captures_at<'h>(&self, haystack: &'h str, start: usize) -> Option<Captures<'h>> {
        self.pick(haystack).captures_at(haystack, start)
    }

    pub fn captures_iter<'r, 'h>(&'r self, haystack: &'h str) -> CaptureMatches<'r, 'h> {
        self.pick(haystack).captures_iter(haystack)
    }

    /// The twin's boundaries are non-capturing groups, so both engines name the same groups.
    pub fn capture_names(&self) -> regex::CaptureNames<'_> {
        match &self.engines {
            Engines::One(regex) | Engines::Twins { ascii: regex, .. } => regex.capture_names(),
        }
    }
}

/// Whether every word character in `haystack` is ASCII, which makes ASCII and Unicode word
/// boundaries fall at the same places.
///
/// Every search on a sentence asks this, so only the non-ASCII characters (a dash or a few curly
/// quotes in most sentences) are decoded.
pub fn ascii_words_only(haystack: &str) -> bool {
    let bytes = haystack.as_bytes();
    let mut at = 0;
    while let Some(off) = bytes[at..].iter().position(|b| !b.is_ascii()) {
        // A non-ASCII byte found from a character boundary starts a character.
        let Some(c) = haystack[at + off..].chars().next() else {
            break;
        };
        if regex_syntax::is_word_character(c) {
            return false;
        }
        at += off + c.len_utf8();
    }
    true
}

/// The pattern with every `\b` and `\B` made ASCII-only (`(?-u:\b)`), and every `\w` and `\d`
/// an ASCII class; escaped backslashes stay. On a haystack whose word characters are all ASCII
/// (see [`ascii_words_only`]) each matches exactly what the Unicode one does, and the compiled
/// automaton is a fraction of the size: Unicode `\w` is hundreds of ranges, in every pattern
/// that spells a word run as `[\w-]+`.
pub fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push_str("(?-u:\\b)"),
            Some('B') => out.push_str("(?-u:\\B)"),
            Some('w') => out.push_str(if in_class(&out) {
                "0-9A-Za-z_"
            } else {
                "[0-9A-Za-z_]"
            }),
            Some('d') => out.push_str(if in_class(&out) { "0-9" } else { "[0-9]" }),
            Some(next) => {
                out.push('\\');
                out.push(next);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Whether the pattern written so far leaves us inside a bracketed class (`[\w-]`): an
/// unescaped `[` not yet closed. Nested classes (`[a[b]]`) are not used by rule files; a `]`
/// right after `[` or `[^` is a literal, as the regex syntax has it.
fn in_class(written: &str) -> bool {
    let mut depth = 0usize;
    let mut chars = written.chars().peekable();
    let mut just_opened = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '[' => {
                depth += 1;
                just_opened = true;
                if chars.peek() == Some(&'^') {
                    chars.next();
                }
                continue;
            }
            ']' if depth > 0 && !just_opened => depth -= 1,
            _ => {}
        }
        just_opened = false;
    }
    depth > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_become_ascii_but_escapes_stay() {
        assert_eq!(
            ascii_word_boundaries(r"\bkilled\b"),
            r"(?-u:\b)killed(?-u:\b)"
        );
        assert_eq!(ascii_word_boundaries(r"a\\b\s\B"), r"a\\b\s(?-u:\B)");
        assert_eq!(
            ascii_word_boundaries(r"\d+ [\w.'-]+ [^\d,] \\w"),
            r"[0-9]+ [0-9A-Za-z_.'-]+ [^0-9,] \\w"
        );
    }

    #[test]
    fn accented_words_keep_unicode_boundaries() {
        assert!(ascii_words_only("“Seven,” he said — twice."));
        assert!(!ascii_words_only("in Tyre, café owners said"));
        let m = Matcher::new(r"\bcaf\b").unwrap();
        // ASCII `\b` would see a boundary between "caf" and "é"; the Unicode engine does not.
        assert!(!m.is_match("café"));
        assert!(m.is_match("“caf” — said"));
    }

    #[test]
    fn both_engines_agree_on_news_punctuation() {
        let m = Matcher::with(r"\b(?P<n>\d+)\s+killed\b", |b| b.case_insensitive(true)).unwrap();
        let text = "Officials said “12 KILLED” — at least — in the strike’s aftermath";
        let caps = m.captures(text).unwrap();
        assert_eq!(&caps["n"], "12");
        assert_eq!(m.find_iter(text).count(), 1);
        let exact_built = |m: &Matcher| match &m.engines {
            Engines::Twins { unicode, .. } => unicode.get().is_some_and(Option::is_some),
            Engines::One(_) => panic!("a pattern with boundaries has twins"),
        };
        assert!(!exact_built(&m), "no text needed the exact engine");
        assert!(m.is_match("in Tyre, 12 killed"));
        assert!(!exact_built(&m));
        assert!(m.is_match("in Tyre, café owners said 12 killed"));
        assert!(exact_built(&m));
    }

    #[test]
    fn errors_point_into_the_pattern_as_written() {
        let err = Matcher::new(r"\bkilled(\b").unwrap_err().to_string();
        assert!(err.contains(r"\bkilled(\b"), "{err}");
        assert!(!err.contains("?-u"), "{err}");
    }
}
