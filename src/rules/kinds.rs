//! What each value kind allows in a claim-type file: the capture its patterns need, and the
//! keys that mean something only for some kinds (`exclusive`, `expect.category`,
//! `expect.agent`). Kept apart from compiling so a new kind is one place to read.

use super::diagnostic::{RuleError, SourceFile};
use super::files::{Expect, Kind, RuleFile};
use super::gazetteer::Gazetteer;
use super::matcher::Matcher;
use std::ops::Range;

/// The capture a pattern of `kind` must have, with the help shown when it is missing.
fn required_capture(kind: Kind) -> Option<(&'static str, &'static str)> {
    match kind {
        Kind::Count => Some((
            "value",
            "use {number} or {tally}, or name the figure's group (?P<value>...)",
        )),
        Kind::Category => Some((
            "category",
            "use {category} where the category's term stands",
        )),
        Kind::Agent => Some((
            "agent",
            "capture who did it, e.g. (?P<agent>{actor}); the capture is resolved like a speaker",
        )),
        Kind::Polarity => None,
    }
}

/// "a count", "an agent".
fn article(kind: Kind) -> &'static str {
    if kind == Kind::Agent { "an" } else { "a" }
}

/// A pattern without the capture its kind reads its value from: an error at the pattern.
pub(super) fn check_capture(
    file: &SourceFile,
    kind: Kind,
    regex: &Matcher,
    span: Range<usize>,
    errors: &mut Vec<RuleError>,
) -> bool {
    let Some((name, help)) = required_capture(kind) else {
        return true;
    };
    if regex.capture_names().any(|n| n == Some(name)) {
        return true;
    }
    errors.push(
        RuleError::new(
            file,
            span,
            format!(
                "{a} {} pattern needs {a} `{name}` capture",
                kind.as_str(),
                a = article(kind)
            ),
        )
        .with_help(help),
    );
    false
}

/// Whether one value is true per incident: `exclusive`, which agent rules take by default
/// (one perpetrator) and category rules only when they say so. Elsewhere it is an error.
pub(super) fn exclusive(file: &SourceFile, parsed: &RuleFile, errors: &mut Vec<RuleError>) -> bool {
    let default = parsed.kind == Kind::Agent;
    let Some(flag) = &parsed.exclusive else {
        return default;
    };
    if matches!(parsed.kind, Kind::Count | Kind::Polarity) {
        errors.push(
            RuleError::new(
                file,
                flag.span(),
                format!(
                    "`exclusive` only applies to category and agent rules, not `{}`",
                    parsed.kind.as_str()
                ),
            )
            .with_help(match parsed.kind {
                Kind::Count => "remove it; counts are compared as intervals, never as choices",
                _ => "remove it; a polarity has only one proposition to affirm or deny",
            }),
        );
        return false;
    }
    *flag.get_ref()
}

/// Keys of an example that a rule of this kind can never yield.
pub(super) fn impossible_expect_key(expect: &Expect, kind: Kind) -> Option<&'static str> {
    let given = [
        ("polarity", expect.polarity.is_some(), kind != Kind::Count),
        (
            "category",
            expect.category.is_some(),
            kind == Kind::Category,
        ),
        ("agent", expect.agent.is_some(), kind == Kind::Agent),
    ];
    given
        .into_iter()
        .find(|(_, given, possible)| *given && !possible)
        .map(|(key, ..)| key)
}

/// `expect.agent` names a gazetteer actor, or an actor only articles name (`named:...`).
pub(super) fn check_expected_agent(
    file: &SourceFile,
    span: Range<usize>,
    expect: &Expect,
    gazetteer: &Gazetteer,
    errors: &mut Vec<RuleError>,
) {
    let Some(agent) = &expect.agent else { return };
    let open_world = agent.starts_with(crate::extract::discourse::NAMED_PREFIX);
    if open_world || gazetteer.by_id(agent).is_some() {
        return;
    }
    let help = super::did_you_mean(agent, gazetteer.actors.iter().map(|a| a.id.as_str()))
        .unwrap_or_else(|| {
            "expect.agent is an actor id from actors.toml, or named:<name> for one it lacks".into()
        });
    errors.push(
        RuleError::new(
            file,
            span,
            format!("example expects unknown agent `{agent}`"),
        )
        .with_help(help),
    );
}
