//! Values by kind: counts as intervals (tallies included), categories with their lists, and
//! how each reads in a report.

use super::numbers;
use crate::model::Interval;
use crate::rules::files::Bound;
use crate::rules::lexicon::Lexicon;
use crate::rules::{Pattern, Polarity, Rule, RuleSet};
use regex::Captures;
use std::collections::BTreeMap;

pub fn polarity_display(p: Polarity) -> &'static str {
    match p {
        Polarity::Affirmed => "affirmed",
        Polarity::Denied => "denied",
    }
}

pub fn category_display(rule: &Rule, categories: &[String], p: Polarity) -> String {
    let labels: Vec<&str> = categories
        .iter()
        .map(|c| rule.category(c).map_or(c.as_str(), |c| c.label.as_str()))
        .collect();
    match p {
        Polarity::Affirmed => labels.join(", "),
        Polarity::Denied => format!("not {}", labels.join(", not ")),
    }
}

/// One count read from a match: interval, display, subject class.
pub(super) type CountReading = (Interval, String, String);

/// The figure(s) a count match states. A tally ("three soldiers, two police officers and a
/// civilian") gives its total and, when it mixes classes, each class's own sum.
pub(super) fn count_value(
    rules: &RuleSet,
    rule: &Rule,
    pattern: &Pattern,
    caps: &Captures,
) -> Vec<CountReading> {
    let lex = &rules.lexicon;
    let Some(value) = caps.name("value") else {
        return Vec::new();
    };
    let qualifier = caps.name("qualifier").map(|m| m.as_str().trim());
    let bound = qualifier.and_then(|q| lex.bound(q));
    let fixed_subject = || {
        pattern
            .subject
            .clone()
            .unwrap_or_else(|| rule.subject.clone())
    };
    let items: Vec<Captures> = lex.tally_item.captures_iter(value.as_str()).collect();
    if items.len() >= 2 {
        return tally(lex, &items, bound, qualifier, fixed_subject());
    }
    let Some(amount) = numbers::parse_amount(lex, value.as_str()) else {
        return Vec::new();
    };
    // "seven militants at a camp and that no civilians were injured", "45 people were killed
    // and dozens more wounded": the verb belongs to a later figure or clause, not this one.
    if let (Some(subj), Some(whole)) = (caps.name("subject"), caps.get(0)) {
        let tail = &whole.as_str()[subj.end() - whole.start()..];
        if lex.figure.is_match(tail) || lex.cues.new_clause.is_match(tail) {
            return Vec::new();
        }
    }
    let subject = match caps.name("subject") {
        Some(m) => match lex.subject_class(m.as_str()) {
            Some(class) => class.to_string(),
            None => return Vec::new(),
        },
        None => fixed_subject(),
    };
    vec![(
        numbers::interval(bound, &amount),
        numbers::display(qualifier, &amount),
        subject,
    )]
}

fn tally(
    lex: &Lexicon,
    items: &[Captures],
    bound: Option<Bound>,
    qualifier: Option<&str>,
    total_subject: String,
) -> Vec<CountReading> {
    let mut by_class: BTreeMap<&str, u64> = BTreeMap::new();
    for item in items {
        let amount = item
            .name("n")
            .and_then(|n| numbers::parse_amount(lex, n.as_str()));
        let class = item.name("s").and_then(|s| lex.subject_class(s.as_str()));
        let (Some(numbers::Amount::Exact(n)), Some(class)) = (amount, class) else {
            return Vec::new();
        };
        *by_class.entry(class).or_insert(0) += n;
    }
    let reading = |n: u64, subject: String| {
        let amount = numbers::Amount::Exact(n);
        (
            numbers::interval(bound, &amount),
            numbers::display(qualifier, &amount),
            subject,
        )
    };
    let total: u64 = by_class.values().sum();
    if by_class.len() == 1 {
        let class = by_class
            .keys()
            .next()
            .map_or(total_subject, |c| c.to_string());
        return vec![reading(total, class)];
    }
    let mut out = vec![reading(total, total_subject)];
    out.extend(
        by_class
            .into_iter()
            .map(|(class, n)| reading(n, class.to_string())),
    );
    out
}

/// The captured category, plus those that follow it in the same list ("command centres,
/// logistics sites and rockets").
pub(super) fn categories_of(
    lexicon: &Lexicon,
    rule: &Rule,
    caps: &Captures,
    s: &str,
    attr: &super::attribution::Attribution,
) -> Vec<String> {
    let Some(first) = caps
        .name("category")
        .and_then(|m| rule.category_of(m.as_str()))
    else {
        return Vec::new();
    };
    let mut out = vec![first.id.clone()];
    let Some(scan) = &rule.category_scan else {
        return out;
    };
    let end = caps.get(0).expect("match").end();
    let rest = &s[end..];
    let mut stop = rest.find(['.', ';', ':', '—']).unwrap_or(rest.len());
    let lists = &lexicon.clauses;
    for marker in &lists.list_ends {
        if let Some(i) = rest.find(marker.as_str()) {
            stop = stop.min(i);
        }
    }
    if let Some(c) = attr.cues().iter().find(|c| c.span.start >= end) {
        stop = stop.min(c.span.start - end);
    }
    let mut last = 0;
    for m in scan.find_iter(&rest[..stop]) {
        if !lists.list_gap.is_match(&rest[last..m.start()]) {
            break;
        }
        if let Some(c) = rule.category_of(m.as_str())
            && !out.contains(&c.id)
        {
            out.push(c.id.clone());
        }
        last = m.end();
    }
    out
}
