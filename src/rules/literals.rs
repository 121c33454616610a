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

/// The strings one of which every match of `pattern` contains, or `None` when it can match
/// without any (or does not parse, or its best strings are empty).
pub fn required(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(pattern)
        .ok()?;
    let strings = match need(&hir) {
        Need::Exact(s) | Need::Contains(s) => s,
        Need::Nothing => return None,
    };
    (!strings.iter().any(String::is_empty)).then_some(strings)
}

fn need(hir: &Hir) -> Need {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Need::Exact(vec![String::new()]),
        HirKind::Literal(lit) => match std::str::from_utf8(&lit.0) {
            Ok(s) => Need::Exact(vec![s.to_ascii_lowercase()]),
            Err(_) => Need::Nothing,
        },
        HirKind::Class(class) => class_strings(class).map_or(Need::Nothing, Need::Exact),
        HirKind::Capture(c) => need(&c.sub),
        HirKind::Repetition(r) if r.min == 0 => Need::Nothing,
        HirKind::Repetition(r) => match need(&r.sub) {
            Need::Exact(s) if r.max == Some(1) => Need::Exact(s),
            Need::Exact(s) | Need::Contains(s) => Need::Contains(s),
            Need::Nothing => Need::Nothing,
        },
        HirKind::Concat(parts) => concat(parts),
        HirKind::Alternation(branches) => alternation(branches),
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

/// A sequence: neighbouring exact parts join into longer strings ("k", "i", "l", "l", "e", "d"
/// into "killed"); the most telling run or inner requirement stands for the whole.
fn concat(parts: &[Hir]) -> Need {
    let mut run: Option<Vec<String>> = Some(vec![String::new()]);
    let mut best: Option<Vec<String>> = None;
    let mut all_exact = true;
    let offer = |candidate: Vec<String>, best: &mut Option<Vec<String>>| {
        if better(&candidate, best.as_ref()) {
            *best = Some(candidate);
        }
    };
    for part in parts {
        match need(part) {
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

/// Either branch: what each needs, together.
fn alternation(branches: &[Hir]) -> Need {
    let mut strings: Vec<String> = Vec::new();
    let mut exact = true;
    for branch in branches {
        match need(branch) {
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

/// Whether `candidate` rules out more text than `best`: its shortest string is longer (a longer
/// string is rarer), then it has fewer strings.
fn better(candidate: &[String], best: Option<&Vec<String>>) -> bool {
    let shortest = |s: &[String]| s.iter().map(String::len).min().unwrap_or(0);
    match best {
        None => shortest(candidate) > 0,
        Some(best) => {
            (shortest(candidate), std::cmp::Reverse(candidate.len()))
                > (shortest(best), std::cmp::Reverse(best.len()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII strings of a requirement, sorted (the Kelvin sign of `k` aside: see below).
    fn req(p: &str) -> Option<Vec<String>> {
        required(p).map(|mut s| {
            s.retain(|s| s.is_ascii());
            s.sort();
            s
        })
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
        let s = required("kill").expect("a requirement");
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
                    let Some(strings) = required(&p.expanded) else {
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
