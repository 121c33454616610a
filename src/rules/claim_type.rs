//! One claim-type file compiled: its categories, conflicts, patterns and examples, each
//! mistake reported at its position.

use super::diagnostic::{RuleError, SourceFile, did_you_mean};
use super::files::{Counterexample, Example, Expect, Kind, Polarity, RuleFile};
use super::gazetteer::Gazetteer;
use super::kinds;
use super::lexicon::{Lexicon, regex_alternation};
use super::model::{Category, Pattern, Rule, RuleCase};
use super::source::{
    build_regex, expand, regex_message, source_offset, syntax_error_span, value_offset,
};
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

/// The shared files a claim type is compiled against.
pub(super) struct Shared<'a> {
    pub(super) lexicon: &'a Lexicon,
    pub(super) gazetteer: &'a Gazetteer,
}

pub(super) fn compile_rule(
    file: &SourceFile,
    parsed: RuleFile,
    shared: &Shared,
    errors: &mut Vec<RuleError>,
) -> Option<Rule> {
    let before = errors.len();
    let lexicon = shared.lexicon;
    let check_subject = |s: &Spanned<String>, errors: &mut Vec<RuleError>| {
        if parsed.kind == Kind::Count && !lexicon.subject_classes().contains(&s.get_ref().as_str())
        {
            let classes = lexicon.subject_classes();
            let help = match lexicon.subject_class(s.get_ref()) {
                Some(class) => format!(
                    "`{}` is a word of the class `{class}`; name the class",
                    s.get_ref()
                ),
                None => did_you_mean(s.get_ref(), classes.iter().copied()).unwrap_or_else(|| {
                    format!(
                        "subject classes are defined in lexicon.toml [subjects]: {}",
                        classes.join(", ")
                    )
                }),
            };
            errors.push(
                RuleError::new(
                    file,
                    s.span(),
                    format!("unknown subject class `{}`", s.get_ref()),
                )
                .with_help(help),
            );
        }
    };
    if let Some(s) = &parsed.subject {
        check_subject(s, errors);
    }
    let categories = compile_categories(file, &parsed, errors);
    let category_ids: Vec<&str> = parsed
        .categories
        .iter()
        .map(|c| c.id.get_ref().as_str())
        .collect();
    let mut conflicts = Vec::new();
    for pair in &parsed.conflicts {
        let names = pair.get_ref();
        if names.len() != 2 {
            errors.push(
                RuleError::new(file, pair.span(), "a conflict names exactly two categories")
                    .with_help("write conflicts = [[\"a\", \"b\"], ...]"),
            );
            continue;
        }
        for n in names {
            if !category_ids.contains(&n.get_ref().as_str()) {
                let help = did_you_mean(n.get_ref(), category_ids.iter().copied())
                    .unwrap_or_else(|| "define it with a [[category]] table first".into());
                errors.push(
                    RuleError::new(
                        file,
                        n.span(),
                        format!("conflict names undefined category `{}`", n.get_ref()),
                    )
                    .with_help(help),
                );
            }
        }
        conflicts.push((names[0].get_ref().clone(), names[1].get_ref().clone()));
    }
    let subject_conflicts = compile_subject_conflicts(file, &parsed, &category_ids, errors);
    let tolerance = check_tolerance(file, &parsed, errors);
    let exclusive = kinds::exclusive(file, &parsed, errors);
    let mut fragments = lexicon.fragments.clone();
    if parsed.kind == Kind::Category {
        let terms: Vec<String> = parsed
            .categories
            .iter()
            .flat_map(|c| c.terms.iter().map(|t| t.get_ref().clone()))
            .collect();
        fragments.insert(
            "category".into(),
            format!("(?P<category>{})", regex_alternation(&terms)),
        );
    }
    if parsed.patterns.is_empty() {
        errors.push(
            RuleError::new(
                file,
                parsed.id.span(),
                format!("rule `{}` has no [[pattern]]", parsed.id.get_ref()),
            )
            .with_help("add at least one [[pattern]] with a regex"),
        );
    }
    let mut patterns = Vec::new();
    for p in &parsed.patterns {
        // A count's subject is a class; a polarity's or category's is free text ("the target").
        if let Some(s) = &p.subject {
            check_subject(s, errors);
        }
        if p.negatable.is_some() && parsed.kind == Kind::Count {
            errors.push(
                RuleError::new(
                    file,
                    p.regex.span(),
                    "`negatable` has no meaning on a count pattern",
                )
                .with_help("remove it; a negated count is dropped, never turned round"),
            );
        }
        if p.polarity.is_some() && parsed.kind == Kind::Count {
            errors.push(
                RuleError::new(
                    file,
                    p.regex.span(),
                    "`polarity` has no meaning on a count pattern",
                )
                .with_help("remove it; a count is a figure, not an assertion or a denial"),
            );
        }
        if let Some(pattern) = compile_pattern(file, parsed.kind, p, &fragments, errors) {
            patterns.push(pattern);
        }
    }
    let examples = parsed.examples.iter().map(example_case).collect::<Vec<_>>();
    for (case, spanned) in examples.iter().zip(&parsed.examples) {
        check_expect(
            file,
            spanned.span(),
            case.expect.as_ref(),
            &parsed,
            shared,
            errors,
        );
    }
    let counterexamples = parsed.counterexamples.iter().map(counter_case).collect();
    if errors.len() > before {
        return None;
    }
    let category_scan = (parsed.kind == Kind::Category).then(|| {
        let terms: Vec<String> = parsed
            .categories
            .iter()
            .flat_map(|c| c.terms.iter().map(|t| t.get_ref().clone()))
            .collect();
        build_regex(&format!(r"\b{}\b", regex_alternation(&terms))).ok()
    });
    Some(Rule {
        id: parsed.id.get_ref().clone(),
        title: parsed.title,
        kind: parsed.kind,
        description: parsed.description.trim().to_string(),
        subject: parsed
            .subject
            .map(|s| s.into_inner())
            .unwrap_or_else(|| parsed.id.get_ref().replace('_', " ")),
        categories,
        category_scan: category_scan.flatten(),
        conflicts,
        subject_conflicts,
        tolerance,
        exclusive,
        patterns,
        examples,
        counterexamples,
        file: file.clone(),
    })
}

/// `[subject_conflicts]`: pairs that conflict only among claims of one subject (a pattern's
/// `subject`), each pair two defined categories.
fn compile_subject_conflicts(
    file: &SourceFile,
    parsed: &RuleFile,
    category_ids: &[&str],
    errors: &mut Vec<RuleError>,
) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let pattern_subjects: Vec<&str> = parsed
        .patterns
        .iter()
        .filter_map(|p| p.subject.as_ref().map(|s| s.get_ref().as_str()))
        .collect();
    for (subject, pairs) in &parsed.subject_conflicts {
        if !pattern_subjects.contains(&subject.as_str()) {
            errors.push(
                RuleError::new(
                    file,
                    pairs.span(),
                    format!("no pattern has the subject `{subject}`"),
                )
                .with_help(
                    "give the patterns whose claims these pairs concern `subject = \"...\"`",
                ),
            );
        }
        for pair in pairs.get_ref() {
            let names = pair.get_ref();
            let known = names
                .iter()
                .all(|n| category_ids.contains(&n.get_ref().as_str()));
            if names.len() != 2 || !known {
                errors.push(
                    RuleError::new(
                        file,
                        pair.span(),
                        "a subject conflict names exactly two defined categories",
                    )
                    .with_help(
                        "write \"the target\" = [[\"a\", \"b\"], ...] with [[category]] ids",
                    ),
                );
                continue;
            }
            out.push((
                subject.clone(),
                names[0].get_ref().clone(),
                names[1].get_ref().clone(),
            ));
        }
    }
    out
}

/// `tolerance` is a share (0 to under 1) and means something only for counts.
fn check_tolerance(file: &SourceFile, parsed: &RuleFile, errors: &mut Vec<RuleError>) -> f64 {
    let Some(t) = &parsed.tolerance else {
        return 0.0;
    };
    let value = *t.get_ref();
    if parsed.kind != Kind::Count {
        errors.push(
            RuleError::new(file, t.span(), "`tolerance` only applies to count rules")
                .with_help("remove it; polarities and categories are never close"),
        );
    } else if !(0.0..1.0).contains(&value) {
        errors.push(
            RuleError::new(file, t.span(), format!("tolerance {value} is not a share"))
                .with_help("write a share of the larger figure, e.g. tolerance = 0.05 for 5%"),
        );
    }
    value
}

fn example_case(e: &Spanned<Example>) -> RuleCase {
    RuleCase {
        text: e.get_ref().text.clone(),
        expect: Some(e.get_ref().expect.clone()),
        span: e.span(),
    }
}

fn counter_case(e: &Spanned<Counterexample>) -> RuleCase {
    RuleCase {
        text: e.get_ref().text.clone(),
        expect: None,
        span: e.span(),
    }
}

fn compile_categories(
    file: &SourceFile,
    parsed: &RuleFile,
    errors: &mut Vec<RuleError>,
) -> Vec<Category> {
    if parsed.kind == Kind::Category && parsed.categories.is_empty() {
        errors.push(
            RuleError::new(
                file,
                parsed.id.span(),
                "a category rule defines no [[category]]",
            )
            .with_help("add [[category]] tables with id, label and terms"),
        );
    }
    if parsed.kind != Kind::Category && !parsed.categories.is_empty() {
        errors.push(
            RuleError::new(
                file,
                parsed.categories[0].id.span(),
                format!(
                    "[[category]] tables belong to category rules, not `{}`",
                    parsed.kind.as_str()
                ),
            )
            .with_help("set kind = \"category\" or remove the [[category]] tables"),
        );
    }
    let mut out = Vec::new();
    for c in &parsed.categories {
        for t in &c.terms {
            if let Err(e) = build_regex(t.get_ref()) {
                let (message, help) = regex_message(&e);
                errors.push(
                    RuleError::new(file, t.span(), format!("category term: {message}"))
                        .with_help(help),
                );
            }
        }
        let terms: Vec<String> = c.terms.iter().map(|t| t.get_ref().clone()).collect();
        if let Ok(matcher) = build_regex(&format!("^{}$", regex_alternation(&terms))) {
            out.push(Category {
                id: c.id.get_ref().clone(),
                label: c.label.clone(),
                matcher,
            });
        }
    }
    out
}

fn compile_pattern(
    file: &SourceFile,
    kind: Kind,
    p: &super::files::PatternDef,
    fragments: &BTreeMap<String, String>,
    errors: &mut Vec<RuleError>,
) -> Option<Pattern> {
    let src = p.regex.get_ref();
    let span = p.regex.span();
    let expanded = match expand(src, fragments) {
        Ok(x) => x,
        Err((range, name)) => {
            let at = value_offset(file, &span, src, range.start);
            let mut known: Vec<&str> = fragments.keys().map(String::as_str).collect();
            known.sort_unstable();
            let help = did_you_mean(&name, known.iter().copied())
                .unwrap_or_else(|| format!("known fragments: {}", known.join(", ")));
            errors.push(
                RuleError::new(
                    file,
                    at..at + range.len(),
                    format!("unknown fragment `{{{name}}}`"),
                )
                .with_help(help),
            );
            return None;
        }
    };
    let regex = match build_regex(&expanded) {
        Ok(r) => r,
        Err(e) => {
            let (message, help) = regex_message(&e);
            // Point at the offending part of the pattern as written, when the parser can say.
            let at = syntax_error_span(&expanded).map(|r| {
                let start = source_offset(src, fragments, r.start);
                let end = source_offset(src, fragments, r.end.saturating_sub(1)) + 1;
                value_offset(file, &span, src, start)
                    ..value_offset(file, &span, src, end.max(start + 1))
            });
            errors.push(
                RuleError::new(file, at.unwrap_or(span), message)
                    .with_help(help)
                    .with_label("here"),
            );
            return None;
        }
    };
    if !kinds::check_capture(file, kind, &regex, span, errors) {
        return None;
    }
    Some(Pattern {
        regex,
        source: src.clone(),
        expanded,
        polarity: p.polarity.unwrap_or(Polarity::Affirmed),
        negatable: p.negatable.unwrap_or(true),
        subject: p.subject.as_ref().map(|s| s.get_ref().clone()),
    })
}

fn check_expect(
    file: &SourceFile,
    span: Range<usize>,
    expect: Option<&Expect>,
    parsed: &RuleFile,
    shared: &Shared,
    errors: &mut Vec<RuleError>,
) {
    if let Some(expect) = expect
        && let Some(key) = kinds::impossible_expect_key(expect, parsed.kind)
    {
        errors.push(
            RuleError::new(
                file,
                span.clone(),
                format!(
                    "a {} rule never yields `{key}`, so this example cannot pass",
                    parsed.kind.as_str()
                ),
            )
            .with_help(format!("remove `{key}` from expect")),
        );
    }
    let Some(expect) = expect else { return };
    kinds::check_expected_agent(file, span.clone(), expect, shared.gazetteer, errors);
    if let Some(actor) = &expect.actor
        && shared.gazetteer.by_id(actor).is_none()
    {
        let help = did_you_mean(actor, shared.gazetteer.actors.iter().map(|a| a.id.as_str()))
            .unwrap_or_else(|| "expect.actor is an actor id from actors.toml".into());
        errors.push(
            RuleError::new(
                file,
                span.clone(),
                format!("example expects unknown actor `{actor}`"),
            )
            .with_help(help),
        );
    }
    if let Some(category) = &expect.category
        && !parsed.categories.iter().any(|c| c.id.get_ref() == category)
    {
        let help = did_you_mean(
            category,
            parsed.categories.iter().map(|c| c.id.get_ref().as_str()),
        )
        .unwrap_or_else(|| "expect.category names a [[category]] id of this rule".into());
        errors.push(
            RuleError::new(
                file,
                span.clone(),
                format!("example expects undefined category `{category}`"),
            )
            .with_help(help),
        );
    }
    if let Some(subject) = &expect.subject
        && parsed.kind == Kind::Count
        && !shared.lexicon.subject_classes().contains(&subject.as_str())
    {
        errors.push(
            RuleError::new(
                file,
                span,
                format!("example expects unknown subject class `{subject}`"),
            )
            .with_help({
                let classes = shared.lexicon.subject_classes();
                did_you_mean(subject, classes.iter().copied())
                    .unwrap_or_else(|| format!("subject classes: {}", classes.join(", ")))
            }),
        );
    }
}
