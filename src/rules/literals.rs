//! The words a pattern cannot match without: for each rule pattern, a set of strings one of
//! which every match contains ("killed", "toll", "notified"), read off its syntax tree.
//!
//! The gate runs a rule's patterns only on a sentence that holds one of the rule's required
//! strings, found for every rule at once by one Aho-Corasick pass. Most sentences of real news
//! hold none of them, and a lazy DFA over many patterns with bounded gaps (`[^.]{0,80}`) is
//! costly on prose it has not seen: each new sentence makes new states. So the regexes run only
//! where they can match, and the prefilter is exact: a sentence it rules out has no match.
//!
//! Strings are lower-cased in their ASCII letters and searched ASCII-case-insensitively; any
//! other character of a case-insensitive class (the Kelvin sign of `(?i)k`) is kept as its own
//! string, so no spelling the regex accepts is missed.

use regex_syntax::hir::{Class, Hir, HirKind};

/// The most strings one requirement holds; past it the strings are too many to be telling.
const MAX_STRINGS: usize = 256;
/// The most characters a class may stand for and still be read as a set of strings.
const MAX_CLASS: usize = 8;
/// A string shorter than this that the background table does not list is a piece of words.
const MIN_WORD: usize = 4;

/// What every match of an expression contains.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Need {
    /// Every match is exactly one of these strings, so it joins with its neighbours.
    Exact(Vec<String>),
    /// Every match contains one of these strings.
    Contains(Vec<String>),
    /// Nothing that helps: the expression may match without any particular string.
    Nothing,
}

/// How rare a word is in news at large: the background table's rarity (0 for the commonest),
/// `None` for a word it does not list.
pub type Rarity<'a> = &'a dyn Fn(&str) -> Option<f64>;

/// The strings one of which every match of `pattern` contains, or `None` when it can match
/// without any (or does not parse, or its best strings are empty). Of several such sets the
/// one whose commonest string is rarest wins: "intelligence" rather than "was".
pub fn required(pattern: &str, rarity: Rarity) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(pattern)
        .ok()?;
    let strings = match (Reader { rarity }).need(&hir) {
        Need::Exact(s) | Need::Contains(s) => s,
        Need::Nothing => return None,
    };
    (!strings.iter().any(String::is_empty)).then_some(strings)
}

/// Reads requirements off a syntax tree, weighing candidates by `rarity`.
struct Reader<'a> {
    rarity: Rarity<'a>,
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
                Need::Exact(s) | Need::Contains(s) => Need::Contains(s),
                Need::Nothing => Need::Nothing,
            },
            HirKind::Concat(parts) => self.concat(parts),
            HirKind::Alternation(branches) => self.alternation(branches),
        }
    }
}

/// The characters a small class stands for, ASCII letters folded to lower case.
fn class_strings(class: &Class) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |c: char| {
        let s = c.to_ascii_lowercase().to_string();
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
    /// into "killed"); the most telling run or inner requirement stands for the whole.
    fn concat(&self, parts: &[Hir]) -> Need {
        let mut run: Option<Vec<String>> = Some(vec![String::new()]);
        let mut best: Option<Vec<String>> = None;
        let mut all_exact = true;
        let offer = |candidate: Vec<String>, best: &mut Option<Vec<String>>| {
            if self.better(&candidate, best.as_ref()) {
                *best = Some(candidate);
            }
        };
        for part in parts {
            match self.need(part) {
                Need::Exact(strings) => {
                    run = match run.take() {
                        Some(run) if run.len() * strings.len() <= MAX_STRINGS => {
                            Some(join(&run, &strings))
                        }
                        Some(run) => {
                            all_exact = false;
                            offer(run, &mut best);
                            Some(strings)
                        }
                        None => Some(strings),
                    };
                }
                other => {
                    all_exact = false;
                    if let Some(run) = run.take() {
                        offer(run, &mut best);
                    }
                    if let Need::Contains(strings) = other {
                        offer(strings, &mut best);
                    }
                }
            }
        }
        match run {
            Some(run) if all_exact => Need::Exact(run),
            Some(run) => {
                offer(run, &mut best);
                best.map_or(Need::Nothing, Need::Contains)
            }
            None => best.map_or(Need::Nothing, Need::Contains),
        }
    }

    /// Either branch: what each needs, together.
    fn alternation(&self, branches: &[Hir]) -> Need {
        let mut strings: Vec<String> = Vec::new();
        let mut exact = true;
        for branch in branches {
            match self.need(branch) {
                Need::Exact(s) => strings.extend(s),
                Need::Contains(s) => {
                    exact = false;
                    strings.extend(s);
                }
                Need::Nothing => return Need::Nothing,
            }
            if strings.len() > MAX_STRINGS {
                return Need::Nothing;
            }
        }
        strings.sort_unstable();
        strings.dedup();
        if exact {
            Need::Exact(strings)
        } else {
            Need::Contains(strings)
        }
    }

    /// Whether `candidate` rules out more text than `best`: its commonest string is rarer, then its
    /// shortest string is longer, then it has fewer strings.
    fn better(&self, candidate: &[String], best: Option<&Vec<String>>) -> bool {
        let score = |s: &[String]| {
            let shortest = s.iter().map(String::len).min().unwrap_or(0);
            let commonest = s
                .iter()
                .filter(|s| s.is_ascii())
                .map(|s| self.rarity_of(s))
                .fold(f64::INFINITY, f64::min);
            (commonest, shortest, std::cmp::Reverse(s.len()))
        };
        let candidate_score = score(candidate);
        if candidate_score.1 == 0 {
            return false;
        }
        best.is_none_or(|best| {
            candidate_score.partial_cmp(&score(best)) == Some(std::cmp::Ordering::Greater)
        })
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

    /// The ASCII strings of a requirement, sorted (the Kelvin sign of `k` aside: see below).
    fn req(p: &str) -> Option<Vec<String>> {
        required(p, &rare).map(|mut s| {
            s.retain(|s| s.is_ascii());
            s.sort();
            s
        })
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

    fn strings(s: &[&str]) -> Option<Vec<String>> {
        Some(s.iter().map(|s| s.to_string()).collect())
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
    fn a_case_insensitive_letter_keeps_its_non_ascii_spellings() {
        // `(?i)k` also matches the Kelvin sign: the prefilter must not miss "\u{212A}illed".
        let s = required("kill", &rare).expect("a requirement");
        assert!(s.contains(&"kill".to_string()));
        assert!(s.iter().any(|s| s.contains('\u{212A}')), "{s:?}");
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
                    let Some(strings) = required(&p.expanded, &rarity) else {
                        continue;
                    };
                    let lower = case.text.to_ascii_lowercase();
                    for m in p.regex.find_iter(&case.text) {
                        let found = &lower[m.range()];
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
