//! Figures in words and digits, bent by qualifiers into intervals.

use crate::model::Interval;
use crate::rules::files::Bound;
use crate::rules::lexicon::{Lexicon, normalize_phrase};

/// A figure as told: exact ("16", "twenty-one") or a vague range ("dozens").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Amount {
    Exact(u64),
    Vague { phrase: String, min: u64, max: u64 },
}

/// Parses one figure. `None` if the text is not a figure the lexicon knows.
pub fn parse_amount(lex: &Lexicon, text: &str) -> Option<Amount> {
    let norm = normalize_phrase(text);
    if let Some(v) = lex.vague.iter().find(|v| v.phrase == norm) {
        return Some(Amount::Vague {
            phrase: v.phrase.clone(),
            min: v.min,
            max: v.max,
        });
    }
    if let Some((low, high)) = range_bounds(lex, &norm) {
        let (min, max) = (parse_single(lex, low)?, parse_single(lex, high)?);
        return (min < max).then(|| Amount::Vague {
            phrase: norm.clone(),
            min,
            max,
        });
    }
    parse_single(lex, &norm).map(Amount::Exact)
}

/// One figure in digits or words.
fn parse_single(lex: &Lexicon, norm: &str) -> Option<u64> {
    if norm.starts_with(|c: char| c.is_ascii_digit()) {
        return parse_digits(lex, norm);
    }
    parse_words(lex, norm)
}

/// The two ends of a range: "between 100 and 300", "100 to 300" (the words are the lexicon's
/// `range_openers`, `joiners` and `range_links`), "10-50" (digits only: in words a hyphen
/// joins one number, "twenty-one").
fn range_bounds<'t>(lex: &Lexicon, norm: &'t str) -> Option<(&'t str, &'t str)> {
    let ends = |(a, b): (&'t str, &'t str)| (a.trim(), b.trim());
    if let Some(rest) = lex
        .range_openers
        .iter()
        .find_map(|o| norm.strip_prefix(o.as_str()))
    {
        // The first joiner: "between one hundred and two and three hundred" is rare; the
        // ends themselves may hold one ("three hundred and twelve").
        return lex
            .range_joiners
            .iter()
            .find_map(|j| rest.split_once(j.as_str()))
            .map(ends);
    }
    if let Some(pair) = lex
        .range_links
        .iter()
        .find_map(|l| norm.split_once(l.as_str()))
    {
        return Some(ends(pair));
    }
    let (a, b) = norm.split_once(['-', '–'])?;
    let digits = |x: &str| {
        let x = x.trim();
        !x.is_empty() && x.chars().all(|c| c.is_ascii_digit() || c == ',')
    };
    (digits(a) && digits(b)).then(|| (a.trim(), b.trim()))
}

/// "1,200", "2.5 million", "16".
fn parse_digits(lex: &Lexicon, norm: &str) -> Option<u64> {
    let mut parts = norm.split_whitespace();
    let figure: f64 = parts.next()?.replace(',', "").parse().ok()?;
    let scale = match parts.next() {
        Some(word) => *lex.scales.get(word)? as f64,
        None => 1.0,
    };
    let value = (figure * scale).round();
    (value.is_finite() && value >= 0.0 && value < u64::MAX as f64).then_some(value as u64)
}

/// "twenty-one", "three hundred and twelve", "a dozen" is vague; "a hundred" = 100; "a" = 1.
fn parse_words(lex: &Lexicon, norm: &str) -> Option<u64> {
    let tokens: Vec<&str> = norm
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|t| !t.is_empty() && !lex.joiners.iter().any(|j| j == t))
        .collect();
    if tokens.is_empty() {
        return None;
    }
    let (mut total, mut current): (u64, u64) = (0, 0);
    for (i, t) in tokens.iter().enumerate() {
        if let Some(v) = lex.units.get(*t).or_else(|| lex.tens.get(*t)) {
            current = current.checked_add(*v)?;
        } else if let Some(scale) = lex.scales.get(*t) {
            current = current.max(1).checked_mul(*scale)?;
            if *scale >= 1000 {
                total = total.checked_add(current)?;
                current = 0;
            }
        } else if i == 0 && lex.articles.iter().any(|a| a == t) {
            current = 1;
            if tokens.len() > 1 {
                current = 0;
            }
        } else {
            return None;
        }
    }
    total.checked_add(current)
}

/// The interval a qualified figure stands for, and how to show it.
pub fn interval(bound: Option<Bound>, amount: &Amount) -> Interval {
    let (lo, hi) = match amount {
        Amount::Exact(n) => (*n, *n),
        Amount::Vague { min, max, .. } => (*min, *max),
    };
    let tolerance = |n: u64| (n / 10).max(1);
    match bound {
        None => Interval {
            min: lo,
            max: Some(hi),
        },
        Some(Bound::AtLeast) => Interval { min: lo, max: None },
        Some(Bound::MoreThan) => Interval {
            min: hi.saturating_add(1),
            max: None,
        },
        // "as many as eight died" says some did: the floor is one, not zero.
        Some(Bound::AtMost) => Interval {
            min: lo.min(1),
            max: Some(hi),
        },
        Some(Bound::LessThan) => Interval {
            min: 0,
            max: Some(lo.saturating_sub(1)),
        },
        Some(Bound::About) => Interval {
            min: lo.saturating_sub(tolerance(lo)),
            max: Some(hi.saturating_add(tolerance(hi))),
        },
        Some(Bound::Nearly) => Interval {
            min: lo.saturating_sub(tolerance(lo)),
            max: Some(hi),
        },
    }
}

/// "4", "at least 7", "more than 2,000", "dozens".
pub fn display(qualifier: Option<&str>, amount: &Amount) -> String {
    let figure = match amount {
        Amount::Exact(n) => group_thousands(*n),
        Amount::Vague { phrase, .. } => phrase.clone(),
    };
    match qualifier {
        Some(q) => format!("{} {figure}", normalize_phrase(q)),
        None => figure,
    }
}

pub fn group_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// How an interval reads on its own: "4", "7 or more", "24–99".
pub fn interval_text(iv: &Interval) -> String {
    match iv.max {
        Some(m) if m == iv.min => group_thousands(m),
        Some(m) => format!("{}–{}", group_thousands(iv.min), group_thousands(m)),
        None => format!("{} or more", group_thousands(iv.min)),
    }
}

/// Parses a figure as an author writes it in an example's `expect.value`:
/// "4", "at least 7", "more than 2000", "24-99".
pub fn parse_expected(lex: &Lexicon, text: &str) -> Option<Interval> {
    let norm = normalize_phrase(text);
    if let Some((a, b)) = norm.split_once(['-', '–'])
        && let (Ok(a), Ok(b)) = (
            a.trim().replace(',', "").parse(),
            b.trim().replace(',', "").parse(),
        )
    {
        return Some(Interval {
            min: a,
            max: Some(b),
        });
    }
    for (phrase, bound) in &lex.qualifiers {
        if let Some(rest) = norm
            .strip_prefix(phrase.as_str())
            .and_then(|r| r.strip_prefix(' '))
        {
            return parse_amount(lex, rest).map(|a| interval(Some(*bound), &a));
        }
    }
    parse_amount(lex, &norm).map(|a| interval(None, &a))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> &'static Lexicon {
        &crate::rules::test_rules().lexicon
    }

    fn exact(text: &str) -> Option<u64> {
        match parse_amount(lex(), text)? {
            Amount::Exact(n) => Some(n),
            Amount::Vague { .. } => None,
        }
    }

    #[test]
    fn number_words() {
        assert_eq!(exact("twenty-one"), Some(21));
        assert_eq!(exact("Twenty-two"), Some(22));
        assert_eq!(exact("three hundred and twelve"), Some(312));
        assert_eq!(exact("a hundred"), Some(100));
        assert_eq!(exact("two thousand five hundred"), Some(2500));
        assert_eq!(exact("a"), Some(1));
        assert_eq!(exact("no"), Some(0));
        assert_eq!(exact("soldiers"), None);
    }

    #[test]
    fn ranges_are_intervals() {
        let cases: &[(&str, Option<(u64, u64)>)] = &[
            ("between 100 and 300", Some((100, 300))),
            ("Between two and five", Some((2, 5))),
            ("100 to 300", Some((100, 300))),
            ("10-50", Some((10, 50))),
            ("1,000–1,500", Some((1000, 1500))),
            // Not ranges: a date, a falling pair, one number in words.
            ("2020-01", None),
            ("300 to 100", None),
        ];
        for (text, want) in cases {
            let got = match parse_amount(lex(), text) {
                Some(Amount::Vague { min, max, .. }) => Some((min, max)),
                _ => None,
            };
            assert_eq!(got, *want, "{text}");
        }
        assert_eq!(exact("twenty-one"), Some(21));
    }

    #[test]
    fn digits_with_separators_and_scales() {
        assert_eq!(exact("1,200"), Some(1200));
        assert_eq!(exact("16"), Some(16));
        assert_eq!(exact("2.5 million"), Some(2_500_000));
    }

    #[test]
    fn vague_amounts_are_ranges() {
        let l = lex();
        assert_eq!(
            interval(None, &parse_amount(l, "a dozen").unwrap()),
            Interval::exact(12)
        );
        assert_eq!(
            interval(None, &parse_amount(l, "dozens").unwrap()),
            Interval {
                min: 24,
                max: Some(99)
            }
        );
        assert_eq!(
            interval(None, &parse_amount(l, "a few dozen").unwrap()),
            Interval {
                min: 24,
                max: Some(60)
            }
        );
        assert_eq!(
            interval(None, &parse_amount(l, "hundreds").unwrap()),
            Interval {
                min: 200,
                max: Some(999)
            }
        );
    }

    #[test]
    fn qualifiers_bend_figures() {
        let l = lex();
        let q = |text: &str| parse_expected(l, text).unwrap();
        assert_eq!(q("at least seven"), Interval { min: 7, max: None });
        assert_eq!(
            q("more than 2,000"),
            Interval {
                min: 2001,
                max: None
            }
        );
        assert_eq!(
            q("nearly 100"),
            Interval {
                min: 90,
                max: Some(100)
            }
        );
        assert_eq!(
            q("about 2,500"),
            Interval {
                min: 2250,
                max: Some(2750)
            }
        );
        assert_eq!(
            q("up to 40"),
            Interval {
                min: 1,
                max: Some(40)
            }
        );
        assert_eq!(
            q("fewer than 10"),
            Interval {
                min: 0,
                max: Some(9)
            }
        );
        assert_eq!(
            q("24-99"),
            Interval {
                min: 24,
                max: Some(99)
            }
        );
    }

    #[test]
    fn troop_look_alike_overlaps() {
        let l = lex();
        assert!(
            parse_expected(l, "about 2,500")
                .unwrap()
                .overlaps(&parse_expected(l, "more than 2,000").unwrap())
        );
        assert!(
            !parse_expected(l, "four")
                .unwrap()
                .overlaps(&parse_expected(l, "at least seven").unwrap())
        );
    }

    #[test]
    fn display_keeps_the_qualifier() {
        let l = lex();
        assert_eq!(
            display(Some("at  least "), &parse_amount(l, "seven").unwrap()),
            "at least 7"
        );
        assert_eq!(display(None, &parse_amount(l, "1,200").unwrap()), "1,200");
        assert_eq!(interval_text(&Interval { min: 4, max: None }), "4 or more");
    }
}

#[cfg(test)]
#[path = "numbers_properties.rs"]
mod properties;
