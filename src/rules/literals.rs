//! The words a pattern cannot match without: for each rule pattern, a few sets of strings such
//! that every match contains one string of each set ("these|those|they", "were|are", and a
//! target word), read off its syntax tree.
//!
//! The gate runs a pattern only on a sentence that holds a string of each of its sets, found
//! for every pattern at once by one Aho-Corasick pass. One set alone is often a common word
//! ("were", "base"); its conjunction with the pattern's other words is rare. Most sentences of real news
//! hold none of them, and a lazy DFA over many patterns with bounded gaps (`[^.]{0,80}`) is
//! costly on prose it has not seen: each new sentence makes new states. So the regexes run only
//! where they can match, and the prefilter is exact: a sentence it rules out has no match.
//!
//! Strings are lower-cased in their ASCII letters and searched ASCII-case-insensitively. The
//! non-ASCII spellings of ASCII letters that a case-insensitive class also accepts (the Kelvin
//! sign of `(?i)k`, the long s of `(?i)s`) are read as their letter, and a sentence holding one
//! runs every pattern (see [`ascii_fold`]), so no spelling the regex accepts is missed and the
//! strings stay few: one per word, not one per mix of spellings.

use regex_syntax::hir::{Class, Hir, HirKind};

/// The most strings one requirement of a rule pattern holds; past it the strings are too many
/// to be telling.
const MAX_STRINGS: usize = 256;
/// The most characters a class may stand for and still be read as a set of strings.
const MAX_CLASS: usize = 8;
/// A string shorter than this that the background table does not list is a piece of words.
const MIN_WORD: usize = 4;
/// The most sets one requirement holds (the most telling are kept): a few words together
/// already make a sentence that holds them all rare.
pub const MAX_SETS: usize = 4;

/// What every match of an expression contains.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Need {
    /// Every match is exactly one of these strings, so it joins with its neighbours.
    Exact(Vec<String>),
    /// Every match contains one string of each of these sets.
    Contains(Vec<Vec<String>>),
    /// Nothing that helps: the expression may match without any particular string.
    Nothing,
}

/// How rare a word is in news at large: the background table's rarity (0 for the commonest),
/// `None` for a word it does not list.
pub type Rarity<'a> = &'a dyn Fn(&str) -> Option<f64>;

/// Sets of strings such that every match of `pattern` contains one string of each, the most
/// telling set first (the one whose commonest string is rarest: "intelligence" rather than
/// "was"); at most [`MAX_SETS`]. `None` when it can match without any particular string (or
/// does not parse).
pub fn required(pattern: &str, rarity: Rarity) -> Option<Vec<Vec<String>>> {
    required_within(pattern, rarity, MAX_STRINGS)
}

/// [`required`], with at most `max_strings` strings to a set (a list of hundreds of names is
/// still telling).
pub fn required_within(
    pattern: &str,
    rarity: Rarity,
    max_strings: usize,
) -> Option<Vec<Vec<String>>> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(pattern)
        .ok()?;
    let reader = Reader {
        rarity,
        max_strings,
    };
    let sets = match reader.need(&hir) {
        Need::Exact(s) => reader.most_telling(vec![s]),
        Need::Contains(sets) => sets,
        Need::Nothing => return None,
    };
    (!sets.is_empty()).then_some(sets)
}

/// How much text a set of strings rules out, compared as a tuple: the rarity of its commonest
/// string, its shortest length, fewer strings.
type Score = (f64, usize, std::cmp::Reverse<usize>);

/// Reads requirements off a syntax tree, weighing candidates by `rarity`.
struct Reader<'a> {
    rarity: Rarity<'a>,
    max_strings: usize,
}

impl Reader<'_> {
    fn need(&self, hir: &Hir) -> Need {
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => Need::Exact(vec![String::new()]),
            HirKind::Literal(lit) => match std::str::from_utf8(&lit.0) {
                Ok(s) => Need::Exact(vec![s.to_ascii_lowercase()]),
                Err(_) => Need::Nothing,
            },
            HirKind::Class(class) => class_strings(class).map_or(Need::Nothing, Need::Exact),
            HirKind::Capture(c) => self.need(&c.sub),
            HirKind::Repetition(r) if r.min == 0 => Need::Nothing,
            HirKind::Repetition(r) => match self.need(&r.sub) {
                Need::Exact(s) if r.max == Some(1) => Need::Exact(s),
                Need::Exact(s) => self.contains(vec![s]),
                other => other,
            },
            HirKind::Concat(parts) => self.concat(parts),
            HirKind::Alternation(branches) => self.alternation(branches),
        }
    }
}

/// The ASCII letter (lower case) that a non-ASCII character may stand for under case folding:
/// the Kelvin sign for `k`, the long s for `s`. A little wider than the regex crate's simple
/// case folding (the dotless i counts too), which costs only a sentence that runs every pattern.
pub fn ascii_fold(c: char) -> Option<char> {
    if c.is_ascii() {
        return None;
    }
    /// The one character of a mapping, when it is one ASCII letter.
    fn letter(mut it: impl Iterator<Item = char>) -> Option<char> {
        match (it.next(), it.next()) {
            (Some(x), None) if x.is_ascii_alphabetic() => Some(x.to_ascii_lowercase()),
            _ => None,
        }
    }
    letter(c.to_lowercase()).or_else(|| letter(c.to_uppercase()))
}

/// The characters a small class stands for, ASCII letters folded to lower case and their
/// non-ASCII spellings to them.
fn class_strings(class: &Class) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |c: char| {
        let s = ascii_fold(c).unwrap_or(c).to_ascii_lowercase().to_string();
        if !out.contains(&s) {
            out.push(s);
        }
        out.len() <= MAX_CLASS
    };
    match class {
        Class::Unicode(u) => {
            for range in u.iter() {
                let (a, b) = (u32::from(range.start()), u32::from(range.end()));
                if b - a >= MAX_CLASS as u32 * 2 {
                    return None;
                }
                for c in (a..=b).filter_map(char::from_u32) {
                    if !push(c) {
                        return None;
                    }
                }
            }
        }
        Class::Bytes(bytes) => {
            for range in bytes.iter() {
                if !range.start().is_ascii() || !range.end().is_ascii() {
                    return None;
                }
                for b in range.start()..=range.end() {
                    if !push(char::from(b)) {
                        return None;
                    }
                }
            }
        }
    }
    Some(out)
}

impl Reader<'_> {
    /// A sequence: neighbouring exact parts join into longer strings ("k", "i", "l", "l", "e", "d"
    /// into "killed"); every run and every inner requirement is required, the most telling kept.
    fn concat(&self, parts: &[Hir]) -> Need {
        let mut run: Option<Vec<String>> = Some(vec![String::new()]);
        let mut sets: Vec<Vec<String>> = Vec::new();
        let mut all_exact = true;
        for part in parts {
            match self.need(part) {
                Need::Exact(strings) => {
                    run = match run.take() {
                        Some(run) if run.len() * strings.len() <= self.max_strings => {
                            Some(join(&run, &strings))
                        }
                        Some(run) => {
                            all_exact = false;
                            sets.push(run);
                            Some(strings)
                        }
                        None => Some(strings),
                    };
                }
                other => {
                    all_exact = false;
                    sets.extend(run.take());
                    if let Need::Contains(inner) = other {
                        sets.extend(inner);
                    }
                }
            }
        }
        match run {
            Some(run) if all_exact => Need::Exact(run),
            run => {
                sets.extend(run);
                self.contains(sets)
            }
        }
    }

    /// Either branch: what each needs, together. A branch that needs several sets stands by its
    /// most telling one.
    fn alternation(&self, branches: &[Hir]) -> Need {
        let mut strings: Vec<String> = Vec::new();
        let mut exact = true;
        for branch in branches {
            match self.need(branch) {
                Need::Exact(s) => strings.extend(s),
                Need::Contains(sets) => {
                    exact = false;
                    strings.extend(sets.into_iter().next().unwrap_or_default());
                }
                Need::Nothing => return Need::Nothing,
            }
            if strings.len() > self.max_strings {
                return Need::Nothing;
            }
        }
        strings.sort_unstable();
        strings.dedup();
        if exact {
            Need::Exact(strings)
        } else {
            self.contains(vec![strings])
        }
    }

    /// A conjunction of the telling sets among `sets`, or nothing when none tells.
    fn contains(&self, sets: Vec<Vec<String>>) -> Need {
        let sets = self.most_telling(sets);
        if sets.is_empty() {
            Need::Nothing
        } else {
            Need::Contains(sets)
        }
    }

    /// The sets that say something (no empty string in them), most telling first, at most
    /// [`MAX_SETS`], each once. Past the first, a set with a single character ("a|an") is left
    /// out: it would be found all over every sentence. Common words ("were|are", "by|in") stay:
    /// next to the others they still rule sentences out, and finding them costs little.
    fn most_telling(&self, sets: Vec<Vec<String>>) -> Vec<Vec<String>> {
        let mut scored: Vec<(Score, Vec<String>)> = sets
            .into_iter()
            .map(|mut s| {
                s.sort_unstable();
                s.dedup();
                (self.score(&s), s)
            })
            .filter(|(score, _)| score.1 > 0)
            .collect();
        // Highest score first; equal scores keep their order in the pattern.
        scored.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
        let mut out: Vec<Vec<String>> = Vec::new();
        for (_, set) in scored {
            let telling = out.is_empty() || Self::seldom(&set);
            if telling && out.len() < MAX_SETS && !out.contains(&set) {
                out.push(set);
            }
        }
        out
    }

    /// How much text a set rules out: its commonest string is rarer, then its shortest string is
    /// longer, then it has fewer strings.
    fn score(&self, s: &[String]) -> Score {
        let shortest = s.iter().map(String::len).min().unwrap_or(0);
        let commonest = s
            .iter()
            .filter(|s| s.is_ascii())
            .map(|s| self.rarity_of(s))
            .fold(f64::INFINITY, f64::min);
        (commonest, shortest, std::cmp::Reverse(s.len()))
    }

    /// Whether every string of `set` is longer than one character: a single letter is found all
    /// over every sentence and rules nothing out.
    fn seldom(set: &[String]) -> bool {
        set.iter().all(|s| s.chars().nth(1).is_some())
    }

    /// A string's rarity: a listed word's; none for an unlisted piece shorter than a word (it turns
    /// up inside many words); any other unlisted string is rarer than every listed word.
    fn rarity_of(&self, s: &str) -> f64 {
        match (self.rarity)(s) {
            Some(r) => r,
            None if s.len() < MIN_WORD => 0.0,
            None => f64::INFINITY,
        }
    }
}

/// Every string of `left` followed by every string of `right`.
fn join(left: &[String], right: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(left.len() * right.len());
    for l in left {
        for r in right {
            let s = format!("{l}{r}");
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The most telling set of a requirement.
    fn req(p: &str) -> Option<Vec<String>> {
        sets(p).map(|s| s[0].clone())
    }

    /// Every set of a requirement, most telling first.
    fn sets(p: &str) -> Option<Vec<Vec<String>>> {
        required(p, &rare)
    }

    /// A toy table: "was" and "the" are common, a few words rare, the rest unlisted.
    fn rare(w: &str) -> Option<f64> {
        match w {
            "was" | "the" => Some(0.0),
            "bombed" | "shelled" | "killed" | "dead" => Some(1.0),
            _ => None,
        }
    }

    #[test]
    fn the_rarest_word_stands_for_a_sequence() {
        assert_eq!(
            req(r"\d+\s+was\s+\w+\s+(?:bombed|shelled)"),
            strings(&["bombed", "shelled"])
        );
        // Pieces of words are as common as the commonest word, however long the rest.
        assert_eq!(req(r"was\s+[0-9]\s+ab"), strings(&["was"]));
    }

    #[test]
    fn every_word_of_a_sequence_is_required_together() {
        // Rarest first; "are" is a piece of words in the toy table, so it comes last.
        assert_eq!(
            sets(r"\b(?:these|they)\s+(?:were|are)\s+(?:all\s+)?(?:depots?|bases?)"),
            Some(vec![
                strings_vec(&["these", "they"]),
                strings_vec(&["base", "depot"]),
                strings_vec(&["are", "were"]),
            ])
        );
    }

    #[test]
    fn a_single_letter_is_no_second_requirement() {
        assert_eq!(
            sets(r"killed\s+(?:a|b)\s+"),
            Some(vec![strings_vec(&["killed"])])
        );
    }

    fn strings_vec(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    fn strings(s: &[&str]) -> Option<Vec<String>> {
        Some(strings_vec(s))
    }

    #[test]
    fn a_word_is_required_as_written_in_lower_case() {
        assert_eq!(req(r"\bKilled\b"), strings(&["killed"]));
        assert_eq!(req(r"death\s+toll"), strings(&["death"]));
    }

    #[test]
    fn alternatives_are_each_required_and_an_optional_part_is_not() {
        assert_eq!(req(r"(?:killed|dead)\s+\d+"), strings(&["dead", "killed"]));
        assert_eq!(req(r"(?:the\s+)?toll"), strings(&["toll"]));
        assert_eq!(req(r"(?:killed)?\s*\d+"), None);
        assert_eq!(req(r"killed|\d+"), None);
    }

    #[test]
    fn a_case_insensitive_letter_is_read_as_its_ascii_spelling() {
        // `(?i)k` also matches the Kelvin sign; the gate runs every pattern on a sentence that
        // holds one, so the strings need only the ASCII spelling.
        assert_eq!(sets("kill"), Some(vec![strings_vec(&["kill"])]));
        assert_eq!(ascii_fold('\u{212A}'), Some('k'));
        assert_eq!(ascii_fold('\u{17F}'), Some('s'));
        assert_eq!(ascii_fold('é'), None);
        assert_eq!(ascii_fold('k'), None);
    }

    #[test]
    fn wide_classes_and_gaps_break_a_run_but_not_the_requirement() {
        assert_eq!(
            req(r"(?:notified|informed)[^.]{0,40}?\bbefore"),
            strings(&["informed", "notified"])
        );
        assert_eq!(req(r"\w+\s+\w+"), None);
    }

    #[test]
    fn every_match_of_every_shipped_pattern_holds_its_requirement() {
        let rules = crate::rules::RuleSet::builtin().expect("shipped rules");
        for rule in &rules.rules {
            for case in rule.examples.iter().chain(&rule.counterexamples) {
                for p in &rule.patterns {
                    let rarity = |w: &str| rules.grouping.listed_rarity(w);
                    let Some(sets) = required(&p.expanded, &rarity) else {
                        continue;
                    };
                    let lower = case.text.to_ascii_lowercase();
                    for m in p.regex.find_iter(&case.text) {
                        let found = &lower[m.range()];
                        for strings in &sets {
                            assert!(
                                strings.iter().any(|s| found.contains(s.as_str())),
                                "{}: {:?} lacks all of {strings:?}",
                                rule.id,
                                m.as_str()
                            );
                        }
                    }
                }
            }
        }
    }
}
