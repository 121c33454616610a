//! From rule files to compiled rules, collecting every problem with its position.

use super::diagnostic::{RuleError, RuleErrors, SourceFile, did_you_mean};
use super::files::{
    ActorsFile, AttributionFile, Counterexample, Example, Expect, Kind, LexiconFile, Polarity,
    RuleFile,
};
use super::gazetteer::Gazetteer;
use super::lexicon::{Lexicon, regex_alternation};
use super::speech::SpeechCues;
use super::{ACTORS_FILE, ATTRIBUTION_FILE, LEXICON_FILE, RuleSet};
use regex::{Regex, RegexBuilder, RegexSetBuilder};
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::LazyLock;
use toml::Spanned;

/// The largest compiled size one pattern may have. Generous for real rules; a pattern past it
/// is almost always a runaway repetition that would slow every sentence down.
pub const REGEX_SIZE_LIMIT: usize = 8 << 20;

#[derive(Debug, Clone)]
pub struct Category {
    pub id: String,
    pub label: String,
    /// Matches a whole captured term of this category.
    pub matcher: Regex,
}

#[derive(Debug, Clone)]
pub struct Pattern {
    pub regex: Regex,
    /// The pattern as its author wrote it.
    pub source: String,
    /// After fragment expansion: what actually runs (`contra rules patterns`).
    pub expanded: String,
    pub polarity: Polarity,
    pub subject: Option<String>,
}

/// An example or counterexample, with where it stands in its rule file.
#[derive(Debug, Clone)]
pub struct RuleCase {
    pub text: String,
    pub expect: Option<Expect>,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    pub description: String,
    /// The subject when a pattern captures none.
    pub subject: String,
    pub categories: Vec<Category>,
    /// Any category term, to read the rest of a list after a match ("centres, logistics sites").
    pub category_scan: Option<Regex>,
    pub conflicts: Vec<(String, String)>,
    pub patterns: Vec<Pattern>,
    pub examples: Vec<RuleCase>,
    pub counterexamples: Vec<RuleCase>,
    pub file: SourceFile,
}

impl Rule {
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The category a captured term names.
    pub fn category_of(&self, term: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.matcher.is_match(term))
    }

    pub fn incompatible(&self, a: &str, b: &str) -> bool {
        self.conflicts
            .iter()
            .any(|(x, y)| (x == a && y == b) || (x == b && y == a))
    }
}

fn basename(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// Parses one file, turning serde errors into positioned diagnostics.
fn parse<T: DeserializeOwned>(file: &SourceFile, errors: &mut Vec<RuleError>) -> Option<T> {
    match toml::from_str::<T>(&file.text) {
        Ok(v) => Some(v),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim().to_string();
            let mut err = RuleError::new(file, span, message.clone());
            if let Some(help) = unknown_field_help(&message) {
                err = err.with_help(help);
            } else if message.starts_with("missing field") {
                err =
                    err.with_help("add the key; see docs/RULES.md for every key a rule file takes");
            } else {
                err = err.with_help("this is not valid TOML for a rule file; see docs/RULES.md");
            }
            errors.push(err);
            None
        }
    }
}

static UNKNOWN_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"unknown (?:field|variant) `([^`]*)`, expected (.*)").expect("static regex")
});
static BACKTICKED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"`([^`]*)`").expect("static regex"));

fn unknown_field_help(message: &str) -> Option<String> {
    let caps = UNKNOWN_FIELD.captures(message)?;
    let word = caps.get(1)?.as_str();
    let expected: Vec<&str> = BACKTICKED
        .captures_iter(caps.get(2)?.as_str())
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str())
        .collect();
    Some(
        did_you_mean(word, expected.iter().copied())
            .unwrap_or_else(|| format!("expected one of: {}", expected.join(", "))),
    )
}

/// Byte offset in the file of byte `i` of a string value, when the value is written verbatim
/// (literal strings); otherwise the start of the value.
fn value_offset(file: &SourceFile, span: &Range<usize>, value: &str, i: usize) -> usize {
    let raw = file.text.get(span.clone()).unwrap_or("");
    for quote in ["'''", "\"\"\"", "'", "\""] {
        if raw.len() >= 2 * quote.len() && raw.starts_with(quote) && raw.ends_with(quote) {
            let inner = &raw[quote.len()..raw.len() - quote.len()];
            let skip = inner.len() - inner.trim_start_matches('\n').len();
            if &inner[skip..] == value {
                return span.start + quote.len() + skip + i;
            }
        }
    }
    span.start
}

/// Where a plain (unspanned) string item sits in its file, found by its text.
fn find_in_file(file: &SourceFile, item: &str) -> Range<usize> {
    file.text.find(item).map_or(0..0, |i| i..i + item.len())
}

static FRAGMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{([A-Za-z_][A-Za-z0-9_]*)\}").expect("static regex"));

/// Replaces `{name}` fragments. On an unknown name, returns its byte range and name.
pub fn expand(
    src: &str,
    fragments: &BTreeMap<String, String>,
) -> Result<String, (Range<usize>, String)> {
    let mut out = String::with_capacity(src.len() * 4);
    let mut last = 0;
    for caps in FRAGMENT.captures_iter(src) {
        let m = caps.get(0).expect("match");
        if src[..m.start()].ends_with('\\') {
            continue;
        }
        let name = &caps[1];
        let Some(value) = fragments.get(name) else {
            return Err((m.range(), name.to_string()));
        };
        out.push_str(&src[last..m.start()]);
        out.push_str(value);
        last = m.end();
    }
    out.push_str(&src[last..]);
    Ok(out)
}

fn regex_message(e: &regex::Error) -> (String, String) {
    match e {
        regex::Error::CompiledTooBig(limit) => (
            format!("this pattern compiles to more than {limit} bytes"),
            "narrow the pattern: bound repetitions ({0,60} rather than *), and avoid nesting large fragments".into(),
        ),
        other => {
            let text = other.to_string();
            let last = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("invalid regex").trim();
            (
                format!("regex does not compile: {}", last.trim_start_matches("error: ")),
                "patterns use the syntax of Rust's `regex` crate (no look-around, no back-references)".into(),
            )
        }
    }
}

fn build_regex(src: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(src)
        .case_insensitive(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
}

struct Shared<'a> {
    lexicon: &'a Lexicon,
    gazetteer: &'a Gazetteer,
}

pub fn compile(files: Vec<SourceFile>) -> Result<RuleSet, RuleErrors> {
    let mut errors = Vec::new();
    let find = |name: &str| files.iter().find(|f| basename(&f.name) == name);
    let missing = |name: &str| {
        RuleError::new(&SourceFile::new(name, ""), 0..0, format!("the rule folder has no {name}"))
            .with_help(format!("every rule folder needs {LEXICON_FILE}, {ACTORS_FILE} and {ATTRIBUTION_FILE}; copy them from the shipped rules/"))
    };
    let mut load = |name: &str| -> Option<&SourceFile> {
        let f = find(name);
        if f.is_none() {
            errors.push(missing(name));
        }
        f
    };
    let (lex_src, act_src, att_src) = (
        load(LEXICON_FILE),
        load(ACTORS_FILE),
        load(ATTRIBUTION_FILE),
    );
    let lexicon = lex_src.and_then(|f| {
        parse::<LexiconFile>(f, &mut errors).and_then(|p| build_lexicon(f, &p, &mut errors))
    });
    let gazetteer = act_src.and_then(|f| {
        parse::<ActorsFile>(f, &mut errors).and_then(|p| build_gazetteer(f, &p, &mut errors))
    });
    let speech = att_src.and_then(|f| {
        parse::<AttributionFile>(f, &mut errors).and_then(|p| build_speech(f, &p, &mut errors))
    });

    let mut rules = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for file in files
        .iter()
        .filter(|f| ![LEXICON_FILE, ACTORS_FILE, ATTRIBUTION_FILE].contains(&basename(&f.name)))
    {
        let Some(parsed) = parse::<RuleFile>(file, &mut errors) else {
            continue;
        };
        if let Some(first) = seen.get(parsed.id.get_ref()) {
            errors.push(
                RuleError::new(
                    file,
                    parsed.id.span(),
                    format!("duplicate rule id `{}`", parsed.id.get_ref()),
                )
                .with_help(format!(
                    "`{first}` already defines it; rule ids must be unique"
                )),
            );
            continue;
        }
        seen.insert(parsed.id.get_ref().clone(), file.name.clone());
        if let (Some(lexicon), Some(gazetteer)) = (&lexicon, &gazetteer) {
            let shared = Shared { lexicon, gazetteer };
            if let Some(rule) = compile_rule(file, parsed, &shared, &mut errors) {
                rules.push(rule);
            }
        }
    }
    let (Some(lexicon), Some(gazetteer), Some(speech)) = (lexicon, gazetteer, speech) else {
        return Err(RuleErrors { errors });
    };
    if !errors.is_empty() {
        return Err(RuleErrors { errors });
    }
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    let mut set_index = Vec::new();
    let mut sources = Vec::new();
    for (ri, rule) in rules.iter().enumerate() {
        for (pi, p) in rule.patterns.iter().enumerate() {
            set_index.push((ri, pi));
            sources.push(p.expanded.clone());
        }
    }
    let set = RegexSetBuilder::new(&sources)
        .case_insensitive(true)
        .size_limit(REGEX_SIZE_LIMIT * 8)
        .build()
        .map_err(|e| RuleErrors {
            errors: vec![
                RuleError::new(
                    &SourceFile::new("rules", ""),
                    0..0,
                    format!("the patterns together are too large: {e}"),
                )
                .with_help("remove or narrow patterns"),
            ],
        })?;
    Ok(RuleSet {
        rules,
        lexicon,
        gazetteer,
        speech,
        set,
        set_index,
    })
}

fn build_lexicon(
    file: &SourceFile,
    parsed: &LexiconFile,
    errors: &mut Vec<RuleError>,
) -> Option<Lexicon> {
    let before = errors.len();
    // Lexicon fragments may use each other; expand until stable.
    let mut fragments: BTreeMap<String, String> = parsed
        .fragments
        .iter()
        .map(|(k, v)| (k.clone(), v.get_ref().clone()))
        .collect();
    for _ in 0..4 {
        let snapshot = fragments.clone();
        for (name, value) in fragments.iter_mut() {
            let mut others = snapshot.clone();
            others.remove(name);
            if let Ok(v) = expand(value, &others) {
                *value = v;
            }
        }
    }
    for (name, value) in &fragments {
        let spanned = &parsed.fragments[name];
        if let Some(c) = FRAGMENT.captures(value) {
            let missing = &c[1];
            let at = find_in_file(file, &format!("{{{missing}}}"));
            errors.push(
                RuleError::new(
                    file,
                    if at.is_empty() { spanned.span() } else { at },
                    format!("unknown fragment `{{{missing}}}` in fragment `{name}`"),
                )
                .with_help("a [fragments] entry may use other [fragments] entries only"),
            );
        } else if let Err(e) = build_regex(value) {
            let (message, help) = regex_message(&e);
            errors.push(
                RuleError::new(
                    file,
                    spanned.span(),
                    format!("fragment `{name}`: {message}"),
                )
                .with_help(help),
            );
        }
    }
    let cue_lists = [
        ("negation", &parsed.cues.negation),
        ("hedge", &parsed.cues.hedge),
        ("part_of", &parsed.cues.part_of),
        ("other_incident", &parsed.cues.other_incident),
        ("background", &parsed.cues.background),
        ("superseded", &parsed.cues.superseded),
    ];
    for (list, items) in cue_lists {
        for item in items.iter() {
            if let Err(e) = build_regex(item) {
                let (message, help) = regex_message(&e);
                errors.push(
                    RuleError::new(
                        file,
                        find_in_file(file, item),
                        format!("cue in `{list}`: {message}"),
                    )
                    .with_help(help),
                );
            }
        }
    }
    for q in &parsed.qualifiers {
        if q.phrases.is_empty() {
            errors.push(
                RuleError::new(
                    file,
                    find_in_file(file, "[[qualifier]]"),
                    "a qualifier with no phrases",
                )
                .with_help("add phrases = [\"at least\", ...]"),
            );
        }
    }
    if errors.len() > before {
        return None;
    }
    match Lexicon::build(parsed, fragments) {
        Ok(l) => Some(l),
        Err(e) => {
            let (message, help) = regex_message(&e);
            errors.push(
                RuleError::new(
                    file,
                    0..0,
                    format!("the lexicon does not compile: {message}"),
                )
                .with_help(help),
            );
            None
        }
    }
}

fn build_gazetteer(
    file: &SourceFile,
    parsed: &ActorsFile,
    errors: &mut Vec<RuleError>,
) -> Option<Gazetteer> {
    let mut ids = BTreeSet::new();
    let before = errors.len();
    for actor in &parsed.actors {
        if !ids.insert(actor.id.get_ref().as_str()) {
            errors.push(
                RuleError::new(
                    file,
                    actor.id.span(),
                    format!("duplicate actor id `{}`", actor.id.get_ref()),
                )
                .with_help("merge the two entries: aliases of one actor belong under one id"),
            );
        }
        if actor.aliases.is_empty() && actor.people.is_empty() {
            errors.push(
                RuleError::new(
                    file,
                    actor.id.span(),
                    format!("actor `{}` has no aliases", actor.id.get_ref()),
                )
                .with_help(
                    "add aliases = [\"...\"]: the names under which the actor appears in text",
                ),
            );
        }
    }
    if errors.len() > before {
        return None;
    }
    Gazetteer::build(parsed)
        .map_err(|e| {
            errors.push(RuleError::new(
                file,
                0..0,
                format!("the actor names do not compile: {e}"),
            ))
        })
        .ok()
}

fn build_speech(
    file: &SourceFile,
    parsed: &AttributionFile,
    errors: &mut Vec<RuleError>,
) -> Option<SpeechCues> {
    let before = errors.len();
    for frame in &parsed.frames {
        match build_regex(frame.regex.get_ref()) {
            Err(e) => {
                let (message, help) = regex_message(&e);
                errors.push(RuleError::new(file, frame.regex.span(), message).with_help(help));
            }
            Ok(re) if !re.capture_names().any(|n| n == Some("inner")) => errors.push(
                RuleError::new(file, frame.regex.span(), "a frame needs an `inner` capture")
                    .with_help("wrap the part that names the reported actor in (?P<inner>...)"),
            ),
            Ok(_) => {}
        }
    }
    let lists = [
        &parsed.speech_verbs,
        &parsed.participles,
        &parsed.according_to,
        &parsed.addressee_verbs,
        &parsed.rejections,
        &parsed.roles,
        &parsed.titles,
    ];
    for item in lists.into_iter().flatten() {
        if let Err(e) = build_regex(item) {
            let (message, help) = regex_message(&e);
            errors.push(RuleError::new(file, find_in_file(file, item), message).with_help(help));
        }
    }
    if errors.len() > before {
        return None;
    }
    SpeechCues::build(parsed)
        .map_err(|e| {
            errors.push(RuleError::new(
                file,
                0..0,
                format!("the attribution cues do not compile: {e}"),
            ))
        })
        .ok()
}

fn compile_rule(
    file: &SourceFile,
    parsed: RuleFile,
    shared: &Shared,
    errors: &mut Vec<RuleError>,
) -> Option<Rule> {
    let before = errors.len();
    let lexicon = shared.lexicon;
    let check_subject = |s: &Spanned<String>, errors: &mut Vec<RuleError>| {
        if parsed.kind == Kind::Count
            && lexicon.subject_class(s.get_ref()).is_none()
            && !lexicon.subject_classes().contains(&s.get_ref().as_str())
        {
            let classes = lexicon.subject_classes();
            let help = did_you_mean(s.get_ref(), classes.iter().copied()).unwrap_or_else(|| {
                format!(
                    "subject classes are defined in lexicon.toml [subjects]: {}",
                    classes.join(", ")
                )
            });
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
        if let Some(s) = &p.subject {
            check_subject(s, errors);
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
        patterns,
        examples,
        counterexamples,
        file: file.clone(),
    })
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
            errors.push(
                RuleError::new(file, span, message)
                    .with_help(help)
                    .with_label("in this pattern"),
            );
            return None;
        }
    };
    let has = |name: &str| regex.capture_names().any(|n| n == Some(name));
    if kind == Kind::Count && !has("value") {
        errors.push(
            RuleError::new(file, span, "a count pattern needs a `value` capture")
                .with_help("use {number} or {tally}, or name the figure's group (?P<value>...)"),
        );
        return None;
    }
    if kind == Kind::Category && !has("category") {
        errors.push(
            RuleError::new(file, span, "a category pattern needs a `category` capture")
                .with_help("use {category} where the category's term stands"),
        );
        return None;
    }
    Some(Pattern {
        regex,
        source: src.clone(),
        expanded,
        polarity: p.polarity.unwrap_or(Polarity::Affirmed),
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
    let Some(expect) = expect else { return };
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
            .with_help(format!(
                "subject classes: {}",
                shared.lexicon.subject_classes().join(", ")
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_known_fragments_and_reports_unknown_ones() {
        let mut f = BTreeMap::new();
        f.insert("a".to_string(), "X".to_string());
        assert_eq!(expand(r"{a}\s+{0,3}{a}", &f).unwrap(), r"X\s+{0,3}X");
        assert_eq!(expand("{a}{b}", &f).unwrap_err(), (3..6, "b".to_string()));
        assert_eq!(expand(r"\{b}", &f).unwrap(), r"\{b}");
    }

    #[test]
    fn unknown_field_gets_a_suggestion() {
        let help =
            unknown_field_help("unknown field `titel`, expected one of `id`, `title`, `kind`")
                .unwrap();
        assert_eq!(help, "did you mean `title`?");
    }

    #[test]
    fn the_shipped_rules_compile() {
        let rules = RuleSet::builtin().unwrap_or_else(|e| {
            panic!(
                "{:?}",
                e.errors.iter().map(|e| e.to_string()).collect::<Vec<_>>()
            )
        });
        let ids: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            vec![
                "death_toll",
                "injury_toll",
                "pre_notification",
                "target_type"
            ]
        );
    }
}
