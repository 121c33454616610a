//! Rule authoring: rules that test themselves (`contra rules test`), what a rule-folder edit
//! changes on a corpus (`contra rules diff`), and descriptions of rules (`list`, `explain`).

pub mod describe;
pub mod diff;

use crate::corpus::parse;
use crate::extract::numbers::parse_expected;
use crate::model::{Claim, Value};
use crate::rules::files::Expect;
use crate::rules::{Polarity, Rule, RuleCase, RuleError, RuleSet};

/// How one example or counterexample fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The example yielded the claim it expects, or the counterexample yielded none.
    Validated,
    /// The example yielded no claim of its rule.
    Missing,
    /// The example yielded claims of its rule, none with the expected values.
    Wrong,
    /// The counterexample yielded a claim of its rule.
    Noisy,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Validated => "validated",
            Outcome::Missing => "missing",
            Outcome::Wrong => "wrong",
            Outcome::Noisy => "noisy",
        }
    }
}

/// One case's result, with what was extracted.
#[derive(Debug, Clone)]
pub struct CaseResult {
    pub rule: String,
    /// 1-based position among the rule's examples (or counterexamples).
    pub index: usize,
    pub counterexample: bool,
    pub outcome: Outcome,
    pub extracted: Vec<String>,
    pub expected: String,
}

/// Runs every example and counterexample of the selected rules (all when `only` is empty).
pub fn run(rules: &RuleSet, only: &[String]) -> Vec<CaseResult> {
    let mut out = Vec::new();
    for rule in rules
        .rules
        .iter()
        .filter(|r| only.is_empty() || only.contains(&r.id))
    {
        for (i, case) in rule.examples.iter().enumerate() {
            out.push(run_case(rules, rule, case, i + 1, false));
        }
        for (i, case) in rule.counterexamples.iter().enumerate() {
            out.push(run_case(rules, rule, case, i + 1, true));
        }
    }
    out
}

/// The claims of `rule` about the incident `text` reports: a recap tells of another one.
fn claims_of(rules: &RuleSet, rule: &Rule, text: &str) -> Vec<Claim> {
    let Ok(doc) = parse("example", "example", text.to_string()) else {
        return Vec::new();
    };
    crate::extract::extract_document(rules, &crate::extract::Article::of(&doc))
        .claims
        .into_iter()
        .filter(|c| c.rule == rule.id && !c.recap)
        .collect()
}

fn run_case(
    rules: &RuleSet,
    rule: &Rule,
    case: &RuleCase,
    index: usize,
    counter: bool,
) -> CaseResult {
    let claims = claims_of(rules, rule, &case.text);
    let extracted: Vec<String> = claims.iter().map(describe_claim).collect();
    let (outcome, expected) = match &case.expect {
        None => (
            if claims.is_empty() {
                Outcome::Validated
            } else {
                Outcome::Noisy
            },
            "no claim".to_string(),
        ),
        Some(expect) => {
            let outcome = if claims.is_empty() {
                Outcome::Missing
            } else if claims.iter().any(|c| matches(rules, expect, c)) {
                Outcome::Validated
            } else {
                Outcome::Wrong
            };
            (outcome, describe_expect(expect))
        }
    };
    CaseResult {
        rule: rule.id.clone(),
        index,
        counterexample: counter,
        outcome,
        extracted,
        expected,
    }
}

/// Whether a claim has every value the example names.
fn matches(rules: &RuleSet, expect: &Expect, claim: &Claim) -> bool {
    let value_ok = expect.value.as_ref().is_none_or(|v| match &claim.value {
        Value::Count(iv) => {
            parse_expected(&rules.lexicon, v).is_some_and(|e| e == *iv) || claim.display == *v
        }
        _ => claim.display == *v,
    });
    let polarity = match &claim.value {
        Value::Polarity { polarity }
        | Value::Category { polarity, .. }
        | Value::Agent { polarity, .. } => Some(*polarity),
        Value::Count(_) => None,
    };
    let category_ok = expect.category.as_ref().is_none_or(|c| match &claim.value {
        Value::Category { categories, .. } => categories.contains(c),
        _ => false,
    });
    let agent_ok = expect.agent.as_ref().is_none_or(|a| match &claim.value {
        Value::Agent { agents, .. } => agents.iter().any(|x| x.id.as_str() == a),
        _ => false,
    });
    value_ok
        && category_ok
        && agent_ok
        && expect.subject.as_ref().is_none_or(|s| *s == claim.subject)
        && expect
            .actor
            .as_ref()
            .is_none_or(|a| Some(a.as_str()) == claim.actor.as_deref())
        && expect.polarity.is_none_or(|p| Some(p) == polarity)
}

pub fn describe_claim(c: &Claim) -> String {
    let actor = c.actor.as_deref().unwrap_or("nobody");
    format!("{} ({}) by {actor}", c.display, c.subject)
}

fn describe_expect(e: &Expect) -> String {
    let mut parts = Vec::new();
    if let Some(v) = &e.value {
        parts.push(format!("value {v}"));
    }
    if let Some(c) = &e.category {
        parts.push(format!("category {c}"));
    }
    if let Some(a) = &e.agent {
        parts.push(format!("agent {a}"));
    }
    if let Some(p) = e.polarity {
        parts.push(format!(
            "polarity {}",
            if p == Polarity::Affirmed {
                "affirmed"
            } else {
                "denied"
            }
        ));
    }
    if let Some(s) = &e.subject {
        parts.push(format!("subject {s}"));
    }
    if let Some(a) = &e.actor {
        parts.push(format!("actor {a}"));
    }
    if parts.is_empty() {
        "any claim".into()
    } else {
        parts.join(", ")
    }
}

/// A failed case as a diagnostic pointing at the case in its rule file.
pub fn diagnostic(rules: &RuleSet, result: &CaseResult) -> Option<RuleError> {
    if result.outcome == Outcome::Validated {
        return None;
    }
    let rule = rules.rule(&result.rule)?;
    let cases = if result.counterexample {
        &rule.counterexamples
    } else {
        &rule.examples
    };
    let case = cases.get(result.index - 1)?;
    let kind = if result.counterexample {
        "counterexample"
    } else {
        "example"
    };
    let got = if result.extracted.is_empty() {
        "nothing".to_string()
    } else {
        result.extracted.join("; ")
    };
    let help = match result.outcome {
        Outcome::Missing => format!(
            "expected {}, extracted nothing: widen a pattern or add one",
            result.expected
        ),
        Outcome::Wrong => format!("expected {}, extracted {got}", result.expected),
        _ => format!("extracted {got}: narrow the pattern that matched, or add a guard cue"),
    };
    Some(
        RuleError::new(
            &rule.file,
            case.span.clone(),
            format!(
                "{} {kind} {} is {}",
                rule.id,
                result.index,
                result.outcome.as_str()
            ),
        )
        .with_label(result.outcome.as_str())
        .with_help(help),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_rules;

    /// Every shipped rule passes its own examples and counterexamples: a rule cannot regress.
    #[test]
    fn shipped_rules_pass_their_examples() {
        let results = run(test_rules(), &[]);
        let failures: Vec<String> = results
            .iter()
            .filter(|r| r.outcome != Outcome::Validated)
            .map(|r| {
                format!(
                    "{} #{} {}: expected {}, got {:?}",
                    r.rule,
                    r.index,
                    r.outcome.as_str(),
                    r.expected,
                    r.extracted
                )
            })
            .collect();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn shipped_rules_have_enough_cases() {
        for rule in &test_rules().rules {
            assert!(
                rule.examples.len() >= 6,
                "{} has {} examples",
                rule.id,
                rule.examples.len()
            );
            assert!(
                rule.counterexamples.len() >= 3,
                "{} has {} counterexamples",
                rule.id,
                rule.counterexamples.len()
            );
        }
    }
}
