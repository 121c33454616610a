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
    options: Options,
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

/// Builder settings applied to both twins.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub case_insensitive: bool,
    /// The largest compiled size (`RegexBuilder::size_limit`); the crate's default when `None`.
    pub size_limit: Option<usize>,
    /// The lazy DFA's cache (`RegexBuilder::dfa_size_limit`); the crate's default when `None`.
    pub dfa_size_limit: Option<usize>,
}

impl Options {
    pub const CASE_INSENSITIVE: Options = Options {
        case_insensitive: true,
        size_limit: None,
        dfa_size_limit: None,
    };

    fn build(&self, pattern: &str) -> Result<Regex, regex::Error> {
        let mut b = RegexBuilder::new(pattern);
        b.case_insensitive(self.case_insensitive);
        if let Some(limit) = self.size_limit {
            b.size_limit(limit);
        }
        if let Some(limit) = self.dfa_size_limit {
            b.dfa_size_limit(limit);
        }
        b.build()
    }

    /// The size limit a build under these options checks against.
    fn limit(&self) -> usize {
        /// `regex::RegexBuilder`'s default `size_limit`.
        const DEFAULT_SIZE_LIMIT: usize = 10 << 20;
        self.size_limit.unwrap_or(DEFAULT_SIZE_LIMIT)
    }
}

impl Matcher {
    pub fn new(src: &str) -> Result<Self, regex::Error> {
        Self::with(src, Options::default())
    }

    /// Compiles `src` with `options` applied to both twins. Errors are those of `src` itself,
    /// so their positions are the author's.
    ///
    /// Loading the rules compiles each pattern once, as its twin. The pattern as written is
    /// built when a haystack first needs it, so its errors must be known without building it:
    /// it parses (its syntax errors are the author's, and the twin differs from it only in
    /// the escapes it rewrites), and the twin is built within the size limit less what the
    /// Unicode classes add ([`unicode_excess`]), so the pattern as written fits the limit too.
    /// When either fails, the pattern as written is built now, for its error or as the only
    /// engine.
    pub fn with(src: &str, options: Options) -> Result<Self, regex::Error> {
        let twin = ["\\b", "\\B", "\\w", "\\d"]
            .iter()
            .any(|e| src.contains(e))
            .then(|| twin(src, options))
            .flatten();
        let engines = match twin {
            Some(ascii) => Engines::Twins {
                ascii,
                unicode: OnceLock::new(),
            },
            None => Engines::One(options.build(src)?),
        };
        Ok(Matcher {
            source: src.into(),
            engines,
            options,
        })
    }

    /// The engine that is exact for this haystack, the fast one whenever it is.
    fn pick(&self, haystack: &str) -> &Regex {
        match &self.engines {
            Engines::One(regex) => regex,
            Engines::Twins { ascii, .. } if ascii_words_only(haystack) => ascii,
            Engines::Twins { ascii, unicode } => unicode
                .get_or_init(|| self.options.build(&self.source).ok())
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

/// The ASCII twin of `src`, when the pattern as written is sure to build too (see
/// [`Matcher::with`]).
fn twin(src: &str, options: Options) -> Option<Regex> {
    let ast = regex_syntax::ast::parse::Parser::new().parse(src).ok()?;
    let room = options.limit().checked_sub(unicode_excess(&ast, 1))?;
    Options {
        size_limit: Some(room),
        ..options
    }
    .build(&ascii_word_boundaries(src))
    .ok()
}

/// How many bytes more a Unicode `\w` compiles to than the ASCII class of the twin, with room
/// to spare: about 50 KB with regex 1.13, forward or reverse, case-insensitive or not.
const UNICODE_WORD_EXCESS: usize = 64 << 10;
/// The same for `\d`: about 5 KB.
const UNICODE_DIGIT_EXCESS: usize = 8 << 10;

/// An upper bound on how much larger the pattern compiles with Unicode `\w` and `\d` than as
/// its twin: each occurrence, times the copies a counted repetition makes of it.
fn unicode_excess(ast: &regex_syntax::ast::Ast, copies: usize) -> usize {
    use regex_syntax::ast::Ast;
    match ast {
        Ast::ClassPerl(c) => copies.saturating_mul(perl_excess(c)),
        Ast::ClassBracketed(c) => copies.saturating_mul(set_excess(&c.kind)),
        Ast::Repetition(r) => {
            unicode_excess(&r.ast, copies.saturating_mul(repetition_copies(&r.op.kind)))
        }
        Ast::Group(g) => unicode_excess(&g.ast, copies),
        Ast::Alternation(a) => a
            .asts
            .iter()
            .map(|a| unicode_excess(a, copies))
            .fold(0, usize::saturating_add),
        Ast::Concat(c) => c
            .asts
            .iter()
            .map(|a| unicode_excess(a, copies))
            .fold(0, usize::saturating_add),
        _ => 0,
    }
}

fn perl_excess(class: &regex_syntax::ast::ClassPerl) -> usize {
    use regex_syntax::ast::ClassPerlKind;
    match class.kind {
        ClassPerlKind::Word => UNICODE_WORD_EXCESS,
        ClassPerlKind::Digit => UNICODE_DIGIT_EXCESS,
        // The twin keeps `\s` as written.
        ClassPerlKind::Space => 0,
    }
}

fn set_excess(set: &regex_syntax::ast::ClassSet) -> usize {
    use regex_syntax::ast::ClassSet;
    match set {
        ClassSet::Item(item) => item_excess(item),
        ClassSet::BinaryOp(op) => set_excess(&op.lhs).saturating_add(set_excess(&op.rhs)),
    }
}

fn item_excess(item: &regex_syntax::ast::ClassSetItem) -> usize {
    use regex_syntax::ast::ClassSetItem;
    match item {
        ClassSetItem::Perl(p) => perl_excess(p),
        ClassSetItem::Bracketed(b) => set_excess(&b.kind),
        ClassSetItem::Union(u) => u
            .items
            .iter()
            .map(item_excess)
            .fold(0, usize::saturating_add),
        _ => 0,
    }
}

/// How many copies of its operand a repetition compiles to: `{2,5}` five, `+` and `*` one.
fn repetition_copies(kind: &regex_syntax::ast::RepetitionKind) -> usize {
    use regex_syntax::ast::{RepetitionKind, RepetitionRange};
    match kind {
        RepetitionKind::Range(RepetitionRange::Exactly(n) | RepetitionRange::AtLeast(n)) => {
            (*n as usize).max(1)
        }
        RepetitionKind::Range(RepetitionRange::Bounded(_, m)) => (*m as usize).max(1),
        _ => 1,
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
    while let Some(off) = first_non_ascii(&bytes[at..]) {
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

/// The first byte at or above 0x80, read eight bytes at a time: most sentences are ASCII but
/// for a dash or a curly quote, and every search on one asks.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in chunks.by_ref() {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if word & HIGH_BITS != 0 {
            break;
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|b| !b.is_ascii())
        .map(|p| at + p)
}

/// The pattern with every `\b` and `\B` made ASCII-only (`(?-u:\b)`), and every `\w` and `\d`
/// an ASCII class; escaped backslashes stay. On a haystack whose word characters are all ASCII
/// (see [`ascii_words_only`]) each matches exactly what the Unicode one does, and the compiled
/// automaton is a fraction of the size: Unicode `\w` is hundreds of ranges, in every pattern
/// that spells a word run as `[\w-]+`.
pub fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut class = ClassDepth::default();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            class.read(c);
            out.push(c);
            continue;
        }
        let next = chars.next();
        let inside = class.inside();
        class.read_escape();
        match next {
            Some('b') => out.push_str("(?-u:\\b)"),
            Some('B') => out.push_str("(?-u:\\B)"),
            Some('w') => out.push_str(if inside { "0-9A-Za-z_" } else { "[0-9A-Za-z_]" }),
            Some('d') => out.push_str(if inside { "0-9" } else { "[0-9]" }),
            Some(next) => {
                out.push('\\');
                out.push(next);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Whether the pattern read so far leaves us inside a bracketed class (`[\w-]`): an unescaped
/// `[` not yet closed. Nested classes (`[a[b]]`) are not used by rule files; a `]` right after
/// `[` or `[^` is a literal, as the regex syntax has it.
#[derive(Debug, Default)]
struct ClassDepth {
    depth: usize,
    /// Just after `[` or `[^`, where a `]` is a literal.
    just_opened: bool,
    /// Just after `[`, where a `^` negates.
    may_negate: bool,
}

impl ClassDepth {
    fn inside(&self) -> bool {
        self.depth > 0
    }

    fn read(&mut self, c: char) {
        match c {
            '[' => {
                self.depth += 1;
                (self.just_opened, self.may_negate) = (true, true);
                return;
            }
            '^' if self.may_negate => {
                self.may_negate = false;
                return;
            }
            ']' if self.depth > 0 && !self.just_opened => self.depth -= 1,
            _ => {}
        }
        self.read_escape();
    }

    fn read_escape(&mut self) {
        (self.just_opened, self.may_negate) = (false, false);
    }
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
        // A `]` first in a class is a literal; a second `^` is not a negation.
        assert_eq!(
            ascii_word_boundaries(r"[]\w] \w"),
            r"[]0-9A-Za-z_] [0-9A-Za-z_]"
        );
        assert_eq!(ascii_word_boundaries(r"[^]\d] \d"), r"[^]0-9] [0-9]");
        assert_eq!(ascii_word_boundaries(r"[^^]\d"), r"[^^][0-9]");
        assert_eq!(
            ascii_word_boundaries(r"[\]\w]\w"),
            r"[\]0-9A-Za-z_][0-9A-Za-z_]"
        );
    }

    #[test]
    fn the_first_non_ascii_byte_is_found_in_any_position() {
        for len in 0..20 {
            let ascii = "a".repeat(len);
            assert_eq!(first_non_ascii(ascii.as_bytes()), None);
            for at in 0..len {
                let mut s = ascii.clone().into_bytes();
                s[at] = 0xC3;
                assert_eq!(first_non_ascii(&s), Some(at), "{len} {at}");
            }
        }
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
        let m = Matcher::with(r"\b(?P<n>\d+)\s+killed\b", Options::CASE_INSENSITIVE).unwrap();
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
    fn a_pattern_too_large_only_with_unicode_classes_is_an_error() {
        let limit = Options {
            size_limit: Some(8 << 20),
            ..Options::CASE_INSENSITIVE
        };
        // Its ASCII twin is far under the limit; the pattern as written is not.
        let err = Matcher::with(r"(?:\w+\s+){500}", limit).unwrap_err();
        assert!(matches!(err, regex::Error::CompiledTooBig(_)), "{err}");
        let fits = Matcher::with(r"\b(?:\w+\s+){3}killed\b", limit).unwrap();
        assert!(matches!(fits.engines, Engines::Twins { .. }));
    }

    #[test]
    fn unicode_excess_counts_the_copies_repetitions_make() {
        let excess = |p: &str| {
            let ast = regex_syntax::ast::parse::Parser::new().parse(p).unwrap();
            unicode_excess(&ast, 1)
        };
        assert_eq!(excess(r"\bkilled\s+\b"), 0);
        assert_eq!(
            excess(r"\w+|[^\d,]"),
            UNICODE_WORD_EXCESS + UNICODE_DIGIT_EXCESS
        );
        assert_eq!(excess(r"(?:\w\s){2,5}"), 5 * UNICODE_WORD_EXCESS);
        assert_eq!(excess(r"(?:(?:\d){3}){4}"), 12 * UNICODE_DIGIT_EXCESS);
    }

    #[test]
    fn errors_point_into_the_pattern_as_written() {
        let err = Matcher::new(r"\bkilled(\b").unwrap_err().to_string();
        assert!(err.contains(r"\bkilled(\b"), "{err}");
        assert!(!err.contains("?-u"), "{err}");
    }
}
