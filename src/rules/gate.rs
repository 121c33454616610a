//! The sentence gate: which rule patterns and which of the extractor's per-sentence searches can
//! match in a sentence at all, found before any of them runs.
//!
//! Most sentences of a news article carry no claim, no reporting cue and no known name, yet each
//! search for one is a full scan of the sentence. So a sentence is read in two steps:
//!
//! 1. One Aho-Corasick pass finds the words the rule patterns cannot match without (see
//!    [`super::literals`]): a pattern needs a word of each of its few sets, and one that lacks
//!    any cannot match there. Only the patterns whose sets are all met are run.
//! 2. The gazetteer's three searches (aliases, speaking names, descriptions) are ruled out by
//!    their names' words, found in that same pass: they are alternations of hundreds of names,
//!    the costliest part of any set. One set of the other probes (capitalised names, reporting
//!    verbs, pronouns, ...) says which of their searches to run; their words are short and
//!    common ("he", "said"), so words would rule out little, while the set is exact and cheap.
//!
//! There is no `RegexSet` of rule patterns: the words already narrow a sentence to the few
//! patterns that may match, and a set over them would scan the sentence once more only to say
//! which of them to run. (One set over all rules was worse: its lazy DFA holds every combination
//! of the patterns' partial matches, and across the bounded gaps (`[^.]{0,80}`) that product
//! outgrew any cache on real prose, where the DFA gave up and the slow NFA took over.)
//!
//! Every step answers "can this match anywhere here", so skipping is exact. The probe set uses
//! ASCII `\b` so that it never leaves the lazy DFA; it is exact where `Matcher` itself uses the
//! ASCII twin (no non-ASCII word character in the sentence); elsewhere every probe runs, as
//! without the gate.

use super::diagnostic::{RuleError, RuleErrors, SourceFile};
use super::gazetteer::Gazetteer;
use super::grouping::Grouping;
use super::literals::{MAX_SETS, ascii_fold, required, required_within};
use super::matcher::{ascii_word_boundaries, ascii_words_only};
use super::model::Rule;
use super::source::{DFA_CACHE_LIMIT, REGEX_SIZE_LIMIT};
use super::speech::SpeechCues;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
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

// A pattern's sets are bits of a `u8`.
const _: () = assert!(MAX_SETS <= 8);

/// How the gate rules out one probe's search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ProbeGate {
    /// The rules give it nothing to search for; whoever asks runs it.
    Unused,
    /// By its required words, found in the same pass as the patterns' (index into `full`).
    Words(usize),
    /// By its index in the probe set: it can match without any particular word (a capitalised
    /// name).
    Set(usize),
}

/// Every rule pattern's words and every probe, compiled for the two steps above.
#[derive(Debug, Clone)]
pub struct Gate {
    /// (rule index, pattern index) of every rule pattern, in rule order.
    patterns: Vec<(usize, usize)>,
    /// The required words of every pattern and probe that has them.
    words: AhoCorasick,
    /// Word (Aho-Corasick pattern) index -> the index into `full` of the pattern or probe that
    /// needs it, and the bit of the set it belongs to.
    word_target: Vec<(usize, u8)>,
    /// The bits of all sets of each rule pattern (by its index in `patterns`), then of each
    /// word-gated probe; 0 for a pattern that may match without any particular word, which
    /// runs on every sentence.
    full: Vec<u8>,
    /// The probes that need no particular word, as one set.
    probes: RegexSet,
    /// How each probe (by `Probe as usize`) is ruled out.
    probe_gate: [ProbeGate; PROBES],
}

/// The most strings a probe's set may hold: the gazetteer's aliases are one alternation of
/// hundreds of names, and each name is still telling.
const PROBE_MAX_STRINGS: usize = 4096;

/// A gate's words as they are gathered: each word with the target and set bit it stands for.
#[derive(Default)]
struct Words {
    words: Vec<String>,
    target: Vec<(usize, u8)>,
    full: Vec<u8>,
}

impl Words {
    /// Adds a target (a pattern or a probe) needing `sets`; returns its index in `full`.
    fn add(&mut self, sets: Vec<Vec<String>>) -> usize {
        let index = self.full.len();
        let mut bits = 0u8;
        for (set, needs) in sets.into_iter().take(MAX_SETS).enumerate() {
            let bit = 1u8 << set;
            bits |= bit;
            self.target
                .extend(std::iter::repeat_n((index, bit), needs.len()));
            self.words.extend(needs);
        }
        self.full.push(bits);
        index
    }
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
        let mut patterns = Vec::new();
        let mut words = Words::default();
        for (ri, rule) in rules.iter().enumerate() {
            for (pi, pattern) in rule.patterns.iter().enumerate() {
                patterns.push((ri, pi));
                words.add(required(&pattern.expanded, &rarity).unwrap_or_default());
            }
        }
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
        let mut probe_gate = [ProbeGate::Unused; PROBES];
        let mut sources = Vec::new();
        for (probe, source) in probe_sources {
            let Some(source) = source else { continue };
            let by_words = matches!(
                probe,
                Probe::Alias | Probe::SpeakingName | Probe::Description
            );
            let sets = by_words
                .then(|| required_within(source, &rarity, PROBE_MAX_STRINGS))
                .flatten();
            probe_gate[probe as usize] = match sets {
                Some(sets) => ProbeGate::Words(words.add(sets)),
                None => {
                    sources.push(ascii_word_boundaries(source));
                    ProbeGate::Set(sources.len() - 1)
                }
            };
        }
        Ok(Gate {
            patterns,
            words: AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&words.words)
                .map_err(|e| too_large(&e))?,
            word_target: words.target,
            full: words.full,
            probes: build_set(sources)?,
            probe_gate,
        })
    }

    /// Reads one sentence.
    pub fn scan(&self, sentence: &str) -> Scan<'_> {
        let mut met = vec![0u8; self.full.len()];
        for m in self.words.find_overlapping_iter(sentence) {
            let (index, bit) = self.word_target[m.pattern().as_usize()];
            met[index] |= bit;
        }
        // The words are ASCII; a letter spelled otherwise (the Kelvin sign) could match unseen.
        if !sentence.is_ascii() && sentence.chars().any(|c| ascii_fold(c).is_some()) {
            met.copy_from_slice(&self.full);
        }
        let patterns = (self.patterns.iter().enumerate())
            .filter(|&(i, _)| met[i] == self.full[i])
            .map(|(_, &p)| p)
            .collect();
        Scan {
            gate: self,
            patterns,
            met,
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
    /// Per index into the gate's `full`: the bits of the sets of that pattern or probe that are
    /// met.
    met: Vec<u8>,
    probes: SetMatches,
    /// Whether the probe set's verdict holds (see the module doc).
    probes_exact: bool,
}

impl Scan<'_> {
    /// (rule index, pattern index) of every pattern that may match, in rule order.
    pub fn patterns(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.patterns.iter().copied()
    }

    /// Whether `probe`'s search can find anything in the sentence. False means it surely finds
    /// nothing; true means it has to run.
    pub fn may(&self, probe: Probe) -> bool {
        match self.gate.probe_gate[probe as usize] {
            ProbeGate::Unused => true,
            ProbeGate::Words(i) => self.met[i] == self.gate.full[i],
            ProbeGate::Set(i) => !self.probes_exact || self.probes.matched(i),
        }
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
        let scan = rules.gate.scan("Schools stayed closed for a week.");
        assert_eq!(scan.patterns().count(), 0);
        for probe in [Probe::Verb, Probe::AccordingTo, Probe::Alias, Probe::Name] {
            assert!(!scan.may(probe), "{probe:?}");
        }
    }

    #[test]
    fn probes_that_can_match_are_kept() {
        let rules = rules();
        let s = "According to the Pentagon, Jane Doe said five soldiers were killed.";
        let scan = rules.gate.scan(s);
        assert!(scan.patterns().count() > 0);
        for probe in [Probe::Verb, Probe::AccordingTo, Probe::Alias, Probe::Name] {
            assert!(scan.may(probe), "{probe:?}");
        }
        assert!(scan.patterns().all(|(ri, _)| ri < rules.rules.len()));
    }

    #[test]
    fn every_shipped_pattern_runs_only_where_its_words_are() {
        let rules = rules();
        let ungated: Vec<&str> = (rules.gate.full.iter().zip(&rules.gate.patterns))
            .filter(|(bits, _)| **bits == 0)
            .map(|(_, &(ri, _))| rules.rules[ri].id.as_str())
            .collect();
        assert!(
            ungated.is_empty(),
            "rules with a pattern that needs no word: {ungated:?}"
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
    fn a_letter_spelled_outside_ascii_runs_every_pattern() {
        // `(?i)k` matches the Kelvin sign too: "\u{212A}illed" is "killed" to every pattern.
        let rules = rules();
        let s = "Five soldiers were \u{212A}illed in the strike.";
        let admitted: Vec<(usize, usize)> = rules.gate.scan(s).patterns().collect();
        let mut matched = 0;
        for (ri, rule) in rules.rules.iter().enumerate() {
            for (pi, p) in rule.patterns.iter().enumerate() {
                if p.regex.is_match(s) {
                    matched += 1;
                    assert!(admitted.contains(&(ri, pi)), "{}", rule.id);
                }
            }
        }
        assert!(
            matched > 0,
            "a death-toll pattern reads the Kelvin sign as k"
        );
    }

    #[test]
    fn non_ascii_words_run_every_probe_the_set_gates() {
        // Unicode and ASCII word boundaries differ next to "é": the probe set cannot vouch for
        // them. The gazetteer's searches are gated by their names' words, which holds on any text.
        let rules = rules();
        let scan = rules.gate.scan("Le café était fermé.");
        assert!(scan.may(Probe::Verb));
        assert!(!scan.may(Probe::Alias));
        assert!(
            rules
                .gate
                .scan("Le café du Pentagone était fermé.")
                .may(Probe::Alias)
        );
    }
}
