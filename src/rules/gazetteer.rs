//! The actor gazetteer compiled for matching: exact aliases in one regex, close spelling
//! variants folded with `strsim`, and definite descriptions ("the monitor") by noun.

use super::files::ActorsFile;
use super::lexicon::literal_alternation;
use super::matcher::{Matcher, Options};
use std::collections::HashMap;
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub camp: String,
    pub intermediary: bool,
}

/// What a matched name refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AliasTarget {
    pub actor: usize,
    /// A person (speaks as "he"/"she"; the surname alone refers back to them).
    pub person: bool,
}

/// What the gazetteer finds in a sentence, for the extractor to resolve in context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// An alias or a spokesperson's name.
    Alias {
        span: Range<usize>,
        actor: usize,
        person: bool,
    },
    /// A name that speaks for an actor only before a reporting verb ("Iraq said").
    SpeakingName { span: Range<usize>, actor: usize },
    /// A definite description ("the monitor"); `noun` is the span of its noun.
    Noun {
        span: Range<usize>,
        noun: Range<usize>,
    },
}

/// A multi-word alias kept for spelling-variant matching.
#[derive(Debug, Clone)]
struct FuzzyAlias {
    tokens: Vec<String>,
    target: AliasTarget,
}

#[derive(Debug, Clone)]
pub struct Gazetteer {
    pub actors: Vec<Actor>,
    /// Actor id -> index in `actors`: grouping weighs actor terms by id, many per article.
    ids: HashMap<String, usize>,
    alias_re: Matcher,
    lookup: HashMap<String, AliasTarget>,
    /// (token count, skeleton of the last token) -> aliases, so a candidate name is compared
    /// only with the few aliases that could be a variant of it.
    fuzzy: HashMap<(usize, String), Vec<FuzzyAlias>>,
    noun_re: Option<Matcher>,
    nouns: HashMap<String, Vec<usize>>,
    /// Articles a name loses when folded (see [`fold_name`]), lower case.
    fold_articles: Vec<String>,
    speaking_re: Option<Matcher>,
    speaking: HashMap<String, usize>,
    /// Speaking names and `agent_names` together: what names an actor as the agent of an act.
    agent_re: Option<Matcher>,
    agent_names: HashMap<String, usize>,
}

/// The folded form of a name: lower case, apostrophes dropped, hyphens as spaces, no leading
/// article (one of `articles`, lower case: `fold_articles` in actors.toml). "Kata’ib
/// Hezbollah" and "Kata'ib Hezbollah" and "Kataib Hezbollah" fold alike, and so do "the
/// Pentagon" and "Pentagon". Apostrophes and hyphens are punctuation, not words of a language.
pub fn fold_name(s: &str, articles: &[String]) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\'' | '’' | '‘' | '`' | '´' | 'ʼ' => {}
            '-' | '‐' | '–' => out.push(' '),
            c => out.extend(c.to_lowercase()),
        }
    }
    let joined = out.split_whitespace().collect::<Vec<_>>().join(" ");
    articles
        .iter()
        .find_map(|a| joined.strip_prefix(a.as_str())?.strip_prefix(' '))
        .map(str::to_string)
        .unwrap_or(joined)
}

/// Consonant skeleton of a token: transliterations differ mostly in vowels
/// (Yahya/Yehia, Hezbollah/Hizbollah, Kataib/Kataeb). The letters dropped are those Latin-script
/// transliteration spells vowels and glides with: spelling, not words of a language, so they
/// stay here rather than in a rule file.
fn skeleton(token: &str) -> String {
    let mut chars = token.chars();
    let first = chars.next().map(|c| c.to_string()).unwrap_or_default();
    let mut out = first;
    for c in chars.filter(|c| !"aeiouyw".contains(*c)) {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

fn token_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let jw = strsim::jaro_winkler(a, b);
    let sk = skeleton(a);
    if sk.len() >= 2 && sk == skeleton(b) {
        jw.max(0.9)
    } else {
        jw
    }
}

/// How alike two names are, token by token, when one may be a spelling variant of the other:
/// `None` unless every token is close (0.85) and the whole closer still (0.9).
fn variant_score(a: &[&str], b: &[&str]) -> Option<f64> {
    if a.len() != b.len() || a.is_empty() {
        return None;
    }
    let scores: Vec<f64> = a
        .iter()
        .zip(b)
        .map(|(x, y)| token_similarity(x, y))
        .collect();
    let min = scores.iter().cloned().fold(1.0, f64::min);
    let mean = scores.iter().sum::<f64>() / scores.len() as f64;
    (min >= 0.85 && mean >= 0.9).then_some(mean)
}

/// Whether two folded names (see [`fold_name`]) are spelling variants of one name
/// ("muhannad mubaidin", "muhannad mubaideen").
pub fn names_alike(a: &str, b: &str) -> bool {
    let (x, y): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    a == b || variant_score(&x, &y).is_some()
}

/// A regex for one alias: apostrophes optional, hyphens and spaces interchangeable, word
/// boundaries only where the alias starts or ends with a word character ("U.S.").
fn alias_regex(alias: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = alias.chars().collect();
    if chars.first().is_some_and(|c| c.is_alphanumeric()) {
        out.push_str(r"\b");
    }
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\'' | '’' | '‘' | '`' => out.push_str("['’‘`]?"),
            '-' => out.push_str(r"[\s\-‐]?"),
            ' ' => {
                if chars.get(i.wrapping_sub(1)) != Some(&' ') {
                    out.push_str(r"[\s\-]+");
                }
            }
            c => out.push_str(&regex::escape(&c.to_string())),
        }
    }
    if chars.last().is_some_and(|c| c.is_alphanumeric()) {
        out.push_str(r"\b");
    }
    out
}

/// One search for a list of names, matched like aliases; `None` when there are none.
fn names_regex(names: &[&str]) -> Result<Option<Matcher>, regex::Error> {
    if names.is_empty() {
        return Ok(None);
    }
    let alts: Vec<String> = names.iter().map(|n| alias_regex(n)).collect();
    Matcher::new(&format!("(?:{})", alts.join("|"))).map(Some)
}

/// ALL-CAPS acronyms ("US", "PMF", "DoD") match only as written: "us" is a pronoun.
fn is_acronym(alias: &str) -> bool {
    let upper = alias.chars().filter(|c| c.is_uppercase()).count();
    upper >= 2 && !alias.contains(' ') && alias.chars().filter(|c| c.is_lowercase()).count() <= 1
}

impl Gazetteer {
    pub fn build(file: &ActorsFile) -> Result<Self, regex::Error> {
        let fold_articles = file.fold_articles_lower();
        let fold = |name: &str| fold_name(name, &fold_articles);
        let mut actors = Vec::new();
        let mut lookup = HashMap::new();
        let mut fuzzy: HashMap<(usize, String), Vec<FuzzyAlias>> = HashMap::new();
        let mut nouns: HashMap<String, Vec<usize>> = HashMap::new();
        let (mut ci, mut cs) = (Vec::new(), Vec::new());
        for (idx, def) in file.actors.iter().enumerate() {
            actors.push(Actor {
                id: def.id.get_ref().clone(),
                name: def.name.clone(),
                camp: def.camp.clone(),
                intermediary: def.intermediary,
            });
            let names = def
                .aliases
                .iter()
                .map(|a| (a, false))
                .chain(def.people.iter().map(|p| (p, true)));
            for (alias, person) in names {
                let target = AliasTarget { actor: idx, person };
                let folded = fold(alias);
                lookup.entry(folded.clone()).or_insert(target);
                if is_acronym(alias) {
                    cs.push(alias_regex(alias));
                } else {
                    ci.push(alias_regex(alias));
                }
                let tokens: Vec<String> = folded.split(' ').map(str::to_string).collect();
                if tokens.len() >= 2 {
                    let key = (
                        tokens.len(),
                        skeleton(tokens.last().map_or("", String::as_str)),
                    );
                    fuzzy
                        .entry(key)
                        .or_default()
                        .push(FuzzyAlias { tokens, target });
                }
            }
            for noun in &def.nouns {
                nouns.entry(noun.to_lowercase()).or_default().push(idx);
            }
        }
        // Longest first: at one position the longer alias wins ("Kata'ib Hezbollah" over "Hezbollah").
        let by_len = |v: &mut Vec<String>| v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        by_len(&mut ci);
        by_len(&mut cs);
        let mut parts = Vec::new();
        if !ci.is_empty() {
            parts.push(format!("(?i:{})", ci.join("|")));
        }
        if !cs.is_empty() {
            parts.push(format!("(?:{})", cs.join("|")));
        }
        let alias_src = if parts.is_empty() {
            "[^\\s\\S]".to_string()
        } else {
            parts.join("|")
        };
        let mut speaking: HashMap<String, usize> = HashMap::new();
        for (idx, def) in file.actors.iter().enumerate() {
            for name in &def.speaking_names {
                speaking.entry(fold(name)).or_insert(idx);
            }
        }
        let speaking_names: Vec<&str> = file
            .actors
            .iter()
            .flat_map(|a| a.speaking_names.iter().map(String::as_str))
            .collect();
        let speaking_re = names_regex(&speaking_names)?;
        let mut agent_names = speaking.clone();
        for (idx, def) in file.actors.iter().enumerate() {
            for name in &def.agent_names {
                agent_names.entry(fold(name)).or_insert(idx);
            }
        }
        let agent_words: Vec<&str> = file
            .actors
            .iter()
            .flat_map(|a| a.speaking_names.iter().chain(&a.agent_names))
            .map(String::as_str)
            .collect();
        let agent_re = names_regex(&agent_words)?;
        let noun_re = if nouns.is_empty() {
            None
        } else {
            let alt = literal_alternation(nouns.keys().map(String::as_str));
            let determiners = literal_alternation(file.determiners.iter().map(String::as_str));
            Some(Matcher::new(&format!(
                r"\b(?i:{determiners})\s+(?:[A-Z][\w’'-]+\s+)?(?P<noun>{alt})\b"
            ))?)
        };
        let mut ids = HashMap::with_capacity(actors.len());
        for (i, a) in actors.iter().enumerate() {
            ids.entry(a.id.clone()).or_insert(i);
        }
        Ok(Gazetteer {
            ids,
            actors,
            alias_re: Matcher::with(
                &alias_src,
                Options {
                    dfa_size_limit: Some(32 << 20),
                    ..Options::default()
                },
            )?,
            lookup,
            fuzzy,
            noun_re,
            nouns,
            speaking_re,
            speaking,
            agent_re,
            agent_names,
            fold_articles,
        })
    }

    /// The actors `text` names as agents ("Russian troops", "Kyiv", "the Pentagon"), in text
    /// order: its aliases and people, and its speaking and agent names where no alias stands.
    /// Agent words are searched in a short captured phrase only, never in whole sentences.
    pub fn agents_in(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        let mut out: Vec<(Range<usize>, usize)> = self
            .find_all(text, true, false, false)
            .into_iter()
            .filter_map(|f| match f {
                Found::Alias { span, actor, .. } => Some((span, actor)),
                _ => None,
            })
            .collect();
        if let Some(re) = &self.agent_re {
            for m in re.find_iter(text) {
                let free = !out
                    .iter()
                    .any(|(s, _)| s.start < m.end() && m.start() < s.end);
                if let Some(a) = self
                    .agent_names
                    .get(&self.fold(m.as_str()))
                    .filter(|_| free)
                {
                    out.push((m.range(), *a));
                }
            }
        }
        out.sort_by_key(|(s, _)| s.start);
        out
    }

    /// A name in its folded form, with this gazetteer's articles (see [`fold_name`]).
    pub fn fold(&self, name: &str) -> String {
        fold_name(name, &self.fold_articles)
    }

    /// The sources of the per-sentence searches (aliases, speaking names, descriptions), for
    /// the sentence gate.
    pub fn searches(&self) -> (&str, Option<&str>, Option<&str>) {
        (
            self.alias_re.as_str(),
            self.speaking_re.as_ref().map(Matcher::as_str),
            self.noun_re.as_ref().map(Matcher::as_str),
        )
    }

    /// Everything the gazetteer knows in `text`, in one call: aliases, then speaking names,
    /// then definite descriptions, each in text order. A search the caller's gate ruled out
    /// (`false`) is skipped.
    pub fn find_all(&self, text: &str, aliases: bool, speaking: bool, nouns: bool) -> Vec<Found> {
        let mut out = Vec::new();
        if aliases {
            out.extend(self.alias_re.find_iter(text).filter_map(|m| {
                self.lookup
                    .get(&self.fold(m.as_str()))
                    .map(|t| Found::Alias {
                        span: m.range(),
                        actor: t.actor,
                        person: t.person,
                    })
            }));
        }
        if speaking && let Some(re) = &self.speaking_re {
            out.extend(re.find_iter(text).filter_map(|m| {
                self.speaking
                    .get(&self.fold(m.as_str()))
                    .map(|a| Found::SpeakingName {
                        span: m.range(),
                        actor: *a,
                    })
            }));
        }
        if nouns && let Some(re) = &self.noun_re {
            out.extend(re.captures_iter(text).filter_map(|c| {
                Some(Found::Noun {
                    span: c.get(0)?.range(),
                    noun: c.name("noun")?.range(),
                })
            }));
        }
        out
    }

    /// The actor a capitalised name is a spelling variant of, if any ("Yehia Rasool").
    pub fn fuzzy_lookup(&self, name: &str) -> Option<AliasTarget> {
        let folded = self.fold(name);
        if let Some(t) = self.lookup.get(&folded) {
            return Some(*t);
        }
        let tokens: Vec<&str> = folded.split(' ').collect();
        let key = (tokens.len(), skeleton(tokens.last()?));
        let candidates = self.fuzzy.get(&key)?;
        candidates
            .iter()
            .filter_map(|alias| {
                let aliased: Vec<&str> = alias.tokens.iter().map(String::as_str).collect();
                variant_score(&aliased, &tokens).map(|score| (score, alias.target))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, t)| t)
    }

    /// Actors a definite description's noun can refer to.
    pub fn noun_actors(&self, noun: &str) -> &[usize] {
        self.nouns
            .get(&noun.to_lowercase())
            .map_or(&[], Vec::as_slice)
    }

    pub fn by_id(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gazetteer() -> Gazetteer {
        let file: ActorsFile = toml::from_str(
            r#"
determiners = ["the"]
fold_articles = ["the"]

[[actor]]
id = "kh"
name = "Kata'ib Hezbollah"
camp = "militias"
aliases = ["Kata'ib Hezbollah", "Kataib Hezbollah"]
nouns = ["group"]

[[actor]]
id = "pmf"
name = "Popular Mobilization Forces"
camp = "militias"
aliases = ["Popular Mobilization Forces", "PMF"]

[[actor]]
id = "iraq"
name = "Iraqi military"
camp = "Iraq"
aliases = ["Iraqi military"]
people = ["Yahya Rasool"]

[[actor]]
id = "us"
name = "United States"
camp = "United States"
aliases = ["U.S.", "US"]
"#,
        )
        .unwrap();
        Gazetteer::build(&file).unwrap()
    }

    fn ids(g: &Gazetteer, text: &str) -> Vec<String> {
        g.find_all(text, true, false, false)
            .iter()
            .filter_map(|f| match f {
                Found::Alias { actor, .. } => Some(g.actors[*actor].id.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn apostrophe_variants_fold_to_one_actor() {
        let g = gazetteer();
        assert_eq!(
            ids(
                &g,
                "Kata’ib Hezbollah and Kataib Hezbollah and Kata'ib Hezbollah"
            ),
            vec!["kh", "kh", "kh"]
        );
    }

    #[test]
    fn acronyms_are_case_sensitive() {
        let g = gazetteer();
        assert_eq!(ids(&g, "the US told us, the U.S. said"), vec!["us", "us"]);
    }

    #[test]
    fn spelling_variants_fold_by_similarity() {
        let g = gazetteer();
        let t = |s| g.fuzzy_lookup(s).map(|t| g.actors[t.actor].id.clone());
        assert_eq!(t("Popular Mobilisation Forces").as_deref(), Some("pmf"));
        assert_eq!(t("Yehia Rasool").as_deref(), Some("iraq"));
        assert_eq!(t("Kataeb Hizbollah").as_deref(), Some("kh"));
        assert_eq!(t("Popular Front Forces"), None);
        assert!(g.fuzzy_lookup("Yehia Rasool").unwrap().person);
    }

    #[test]
    fn definite_descriptions_find_their_nouns() {
        let g = gazetteer();
        let text = "Later the group said";
        let found = g.find_all(text, true, true, true);
        let Some(Found::Noun { noun, .. }) = found.first() else {
            panic!("no description in {found:?}");
        };
        assert_eq!(&text[noun.clone()], "group");
        assert_eq!(g.noun_actors("group"), &[0]);
    }
}
