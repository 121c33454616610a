//! Property tests: number parsing round-trips and the algebra of interval comparison.
use super::*;
use crate::model::Interval;
use crate::rules::files::Bound;
use crate::rules::test_rules;
use proptest::prelude::*;

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// English words for 0..1,000,000, the way reporters write them.
fn words(n: u64) -> String {
    fn below_thousand(n: u64) -> String {
        let (h, rest) = (n / 100, n % 100);
        let tail = match rest {
            0 => String::new(),
            r if r < 20 => UNITS[r as usize].to_string(),
            r if r % 10 == 0 => TENS[(r / 10) as usize].to_string(),
            r => format!("{}-{}", TENS[(r / 10) as usize], UNITS[(r % 10) as usize]),
        };
        match (h, tail.is_empty()) {
            (0, _) => tail,
            (h, true) => format!("{} hundred", UNITS[h as usize]),
            (h, false) => format!("{} hundred and {tail}", UNITS[h as usize]),
        }
    }
    if n == 0 {
        return "zero".into();
    }
    let (thousands, rest) = (n / 1000, n % 1000);
    match (thousands, rest) {
        (0, r) => below_thousand(r),
        (t, 0) => format!("{} thousand", below_thousand(t)),
        (t, r) => format!("{} thousand {}", below_thousand(t), below_thousand(r)),
    }
}

fn interval_strategy() -> impl Strategy<Value = Interval> {
    (0u64..10_000, proptest::option::of(0u64..10_000)).prop_map(|(a, b)| match b {
        Some(b) => Interval {
            min: a.min(b),
            max: Some(a.max(b)),
        },
        None => Interval { min: a, max: None },
    })
}

proptest! {
    #[test]
    fn digits_with_separators_round_trip(n in 0u64..100_000_000) {
        let lex = &test_rules().lexicon;
        prop_assert_eq!(parse_amount(lex, &n.to_string()), Some(Amount::Exact(n)));
        prop_assert_eq!(parse_amount(lex, &group_thousands(n)), Some(Amount::Exact(n)));
    }

    #[test]
    fn number_words_round_trip(n in 0u64..1_000_000) {
        let lex = &test_rules().lexicon;
        prop_assert_eq!(parse_amount(lex, &words(n)), Some(Amount::Exact(n)), "{}", words(n));
    }

    #[test]
    fn qualifiers_keep_or_exclude_the_figure(n in 1u64..1_000_000) {
        let a = Amount::Exact(n);
        let contains = |iv: Interval, x: u64| iv.min <= x && iv.max.is_none_or(|m| x <= m);
        prop_assert!(contains(interval(None, &a), n));
        prop_assert!(contains(interval(Some(Bound::AtLeast), &a), n));
        prop_assert!(contains(interval(Some(Bound::About), &a), n));
        prop_assert!(contains(interval(Some(Bound::Nearly), &a), n));
        prop_assert!(contains(interval(Some(Bound::AtMost), &a), n));
        prop_assert!(!contains(interval(Some(Bound::MoreThan), &a), n));
        prop_assert!(contains(interval(Some(Bound::MoreThan), &a), n + 1));
        prop_assert!(!contains(interval(Some(Bound::LessThan), &a), n));
    }

    #[test]
    fn a_claim_never_contradicts_itself(a in interval_strategy()) {
        prop_assert!(a.overlaps(&a));
    }

    #[test]
    fn disjointness_is_symmetric(a in interval_strategy(), b in interval_strategy()) {
        prop_assert_eq!(a.overlaps(&b), b.overlaps(&a));
    }

    #[test]
    fn the_hull_covers_both(a in interval_strategy(), b in interval_strategy()) {
        let h = a.hull(&b);
        prop_assert!(h.overlaps(&a) && h.overlaps(&b));
        prop_assert!(h.min <= a.min && h.min <= b.min);
    }

    #[test]
    fn displays_parse_back_to_the_same_interval(n in 0u64..1_000_000, q in 0usize..4) {
        let lex = &test_rules().lexicon;
        let phrase = ["", "at least", "more than", "about"][q];
        let amount = Amount::Exact(n);
        let bound = if phrase.is_empty() { None } else { lex.bound(phrase) };
        let shown = display((!phrase.is_empty()).then_some(phrase), &amount);
        prop_assert_eq!(parse_expected(lex, &shown), Some(interval(bound, &amount)), "{}", shown);
    }
}
