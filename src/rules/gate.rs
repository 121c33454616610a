//! The sentence gate: which rule patterns and which of the extractor's per-sentence searches can
//! match in a sentence at all, found before any of them runs.
//!
//! Most sentences of a news article carry no claim, no reporting cue and no known name, yet each
//! search for one is a full scan of the sentence. So a sentence is read in three steps:
//!
//! 1. One Aho-Corasick pass finds the words the rules cannot match without (see
//!    [`super::literals`]): a rule none of whose words is in the sentence cannot match there.
//! 2. Each rule that may match runs its patterns as one `RegexSet`. One set per rule, not one
//!    for all: the lazy DFA of a set holds every combination of its patterns' partial matches,
//!    and across all rules' bounded gaps (`[^.]{0,80}`) that product outgrew any cache on real
//!    prose, where the DFA gave up and the slow NFA took over (86% of a run on a folder of real
//!    articles). A rule's own patterns share their words and stay small together.
//! 3. One set of the probes (aliases, names, reporting verbs, ...) says which searches to run.
//!
//! Every step answers "can this match anywhere here", so skipping is exact. The sets use ASCII
//! `\b` so that they never leave the lazy DFA. For rule patterns they are only a gate before
//! each pattern runs exactly, and around ASCII words they admit the same matches. For the probes
//! the gate is exact where `Matcher` itself uses the ASCII twin (no non-ASCII word character in
//! the sentence); elsewhere every probe runs, as without the gate.

use super::diagnostic::{RuleError, RuleErrors, SourceFile};
use super::gazetteer::Gazetteer;
use super::grouping::Grouping;
use super::literals::required;
use super::matcher::{ascii_word_boundaries, ascii_words_only};
use super::model::Rule;
use super::source::{DFA_CACHE_LIMIT, REGEX_SIZE_LIMIT};
use super::speech::SpeechCues;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{RegexSet, RegexSetBuilder, SetMatches};

/// A search the extractor runs on every sentence, which the gate can rule out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Probe {
    Alias,
    SpeakingName,
    Description,
    Name,
    Verb,
    Participle,
    AccordingTo,
    Addressee,
    PersonPronoun,
    SpeakerPronoun,
}

const PROBES: usize = 10;

/// Every rule pattern and every probe, compiled for the three steps above.
#[derive(Debug, Clone)]
pub struct Gate {
    /// One entry per rule, in rule order.
    rules: Vec<RuleGate>,
    /// The required words of every rule that has them.
    words: AhoCorasick,
    /// Word (Aho-Corasick pattern) index -> the rule that needs it.
    word_rule: Vec<usize>,
    probes: RegexSet,
    /// Each probe's index in `probes` (by `Probe as usize`); `None` when the rules give it
    /// nothing to search for.
    probe_index: [Option<usize>; PROBES],
}

/// One rule's patterns, as one set.
#[derive(Debug, Clone)]
struct RuleGate {
    set: RegexSet,
    /// Whether the set runs only when one of the rule's words is in the sentence; false when
    /// some pattern can match without any particular word.
    needs_word: bool,
}

impl Gate {
    /// `grouping`'s background table says which of a pattern's words are rare enough to look
    /// for.
    pub fn build(
        rules: &[Rule],
        gazetteer: &Gazetteer,
        speech: &SpeechCues,
        grouping: &Grouping,
    ) -> Result<Self, RuleErrors> {
        let rarity = |w: &str| grouping.listed_rarity(w);
        let mut words = Vec::new();
        let mut word_rule = Vec::new();
        let mut gates = Vec::with_capacity(rules.len());
        for (ri, rule) in rules.iter().enumerate() {
            // Rule patterns are case-insensitive; probes carry their own flags.
            let sources = rule
                .patterns
                .iter()
                .map(|p| format!("(?i:{})", ascii_word_boundaries(&p.expanded)));
            let needs: Option<Vec<Vec<String>>> = rule
                .patterns
                .iter()
                .map(|p| required(&p.expanded, &rarity))
                .collect();
            if let Some(needs) = &needs {
                for w in needs.iter().flatten() {
                    words.push(w.clone());
                    word_rule.push(ri);
                }
            }
            gates.push(RuleGate {
                set: build_set(sources)?,
                needs_word: needs.is_some(),
            });
        }
        let words = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&words)
            .map_err(|e| too_large(&e))?;
        let (alias, speaking, description) = gazetteer.searches();
        let probe_sources = [
            (Probe::Alias, Some(alias)),
            (Probe::SpeakingName, speaking),
            (Probe::Description, description),
            (Probe::Name, Some(speech.name.as_str())),
            (Probe::Verb, Some(speech.verbs.as_str())),
            (Probe::Participle, Some(speech.participles.as_str())),
            (Probe::AccordingTo, Some(speech.according_to.as_str())),
            (Probe::Addressee, Some(speech.addressee.as_str())),
            (Probe::PersonPronoun, Some(speech.person_pronoun.as_str())),
            (Probe::SpeakerPronoun, Some(speech.speaker_pronoun.as_str())),
        ];
        let mut probe_index = [None; PROBES];
        let mut sources = Vec::new();
        for (probe, source) in probe_sources {
            if let Some(source) = source {
                probe_index[probe as usize] = Some(sources.len());
                sources.push(ascii_word_boundaries(source));
            }
        }
        Ok(Gate {
            rules: gates,
            words,
            word_rule,
            probes: build_set(sources)?,
            probe_index,
        })
    }

    /// Reads one sentence.
    pub fn scan(&self, sentence: &str) -> Scan<'_> {
        let mut has_word = vec![false; self.rules.len()];
        for m in self.words.find_overlapping_iter(sentence) {
            has_word[self.word_rule[m.pattern().as_usize()]] = true;
        }
        let mut patterns = Vec::new();
        for (ri, rule) in self.rules.iter().enumerate() {
            if rule.needs_word && !has_word[ri] {
                continue;
            }
            patterns.extend(rule.set.matches(sentence).iter().map(|pi| (ri, pi)));
        }
        Scan {
            gate: self,
            patterns,
            probes: self.probes.matches(sentence),
            probes_exact: ascii_words_only(sentence),
        }
    }
}

fn build_set(sources: impl IntoIterator<Item = String>) -> Result<RegexSet, RuleErrors> {
    RegexSetBuilder::new(sources)
        .size_limit(REGEX_SIZE_LIMIT * 8)
        .dfa_size_limit(DFA_CACHE_LIMIT)
        .build()
        .map_err(|e| too_large(&e))
}

fn too_large(e: &dyn std::fmt::Display) -> RuleErrors {
    RuleErrors {
        errors: vec![
            RuleError::new(
                &SourceFile::new("rules", ""),
                0..0,
                format!("the patterns together are too large: {e}"),
            )
            .with_help("remove or narrow patterns"),
        ],
    }
}

/// What the gate found in one sentence.
#[derive(Debug)]
pub struct Scan<'g> {
    gate: &'g Gate,
    /// (rule index, pattern index) of every pattern that may match, in rule order.
    patterns: Vec<(usize, usize)>,
    probes: SetMatches,
    probes_exact: bool,
}

impl Scan<'_> {
    /// (rule index, pattern index) of every pattern that may match, in rule order.
    pub fn patterns(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.patterns.iter().copied()
    }

    /// Whether any rule pattern may match: false for most sentences.
    pub fn any_pattern(&self) -> bool {
        !self.patterns.is_empty()
    }

    /// Whether `probe`'s search can find anything in the sentence. False means it surely finds
    /// nothing; true means it has to run.
    pub fn may(&self, probe: Probe) -> bool {
        !self.probes_exact
            || self.gate.probe_index[probe as usize].is_none_or(|i| self.probes.matched(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn rules() -> RuleSet {
        RuleSet::builtin().expect("shipped rules")
    }

    #[test]
    fn a_sentence_without_cues_rules_out_their_searches() {
        let rules = rules();
        let scan = rules
            .gate
            .scan("Schools in the district stayed closed for a week.");
        assert!(!scan.any_pattern());
        for probe in [Probe::Verb, Probe::AccordingTo, Probe::Alias, Probe::Name] {
            assert!(!scan.may(probe), "{probe:?}");
        }
    }

    #[test]
    fn probes_that_can_match_are_kept() {
        let rules = rules();
        let s = "According to the Pentagon, Jane Doe said five soldiers were killed.";
        let scan = rules.gate.scan(s);
        assert!(scan.any_pattern());
        for probe in [Probe::Verb, Probe::AccordingTo, Probe::Alias, Probe::Name] {
            assert!(scan.may(probe), "{probe:?}");
        }
        assert!(scan.patterns().all(|(ri, _)| ri < rules.rules.len()));
    }

    #[test]
    fn every_shipped_rule_runs_only_where_its_words_are() {
        let rules = rules();
        let ungated: Vec<&str> = (rules.rules.iter().zip(&rules.gate.rules))
            .filter(|(_, g)| !g.needs_word)
            .map(|(r, _)| r.id.as_str())
            .collect();
        assert!(
            ungated.is_empty(),
            "rules with no required word: {ungated:?}"
        );
    }

    #[test]
    fn the_gate_lets_through_every_pattern_that_matches_an_example() {
        let rules = rules();
        for (ri, rule) in rules.rules.iter().enumerate() {
            for case in rule.examples.iter().chain(&rule.counterexamples) {
                let admitted: Vec<(usize, usize)> =
                    rules.gate.scan(&case.text).patterns().collect();
                for (pi, p) in rule.patterns.iter().enumerate() {
                    if p.regex.is_match(&case.text) {
                        assert!(admitted.contains(&(ri, pi)), "{}: {}", rule.id, case.text);
                    }
                }
            }
        }
    }

    #[test]
    fn non_ascii_words_run_every_probe() {
        // Unicode and ASCII word boundaries differ next to "é": the gate cannot vouch for them.
        let rules = rules();
        let scan = rules.gate.scan("Le café était fermé.");
        assert!(scan.may(Probe::Verb) && scan.may(Probe::Alias));
    }
}
