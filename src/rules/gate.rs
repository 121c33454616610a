//! The sentence gate: one `RegexSet` pass per sentence says which rule patterns and which of the
//! extractor's per-sentence searches can match in it at all.
//!
//! Most sentences of a news article carry no claim, no reporting cue and no known name, yet each
//! search for one is a full scan of the sentence: a dozen scans per sentence made up most of the
//! run. In one set the lazy DFA reads the sentence once, and a search the gate rules out is
//! skipped. The set answers "does this regex match anywhere here", so skipping is exact.
//!
//! The set uses ASCII `\b` so that it never leaves the lazy DFA. For rule patterns it is only a
//! gate before each pattern runs exactly, and around ASCII words it admits the same matches. For
//! the probes it is exact where `Matcher` itself uses the ASCII twin (no non-ASCII word
//! character in the sentence); elsewhere every probe runs, as without the gate.

use super::diagnostic::{RuleError, RuleErrors, SourceFile};
use super::gazetteer::Gazetteer;
use super::matcher::{ascii_word_boundaries, ascii_words_only};
use super::model::Rule;
use super::source::REGEX_SIZE_LIMIT;
use super::speech::SpeechCues;
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

/// Every rule pattern and every probe, compiled into one set.
#[derive(Debug, Clone)]
pub struct Gate {
    set: RegexSet,
    /// Set index -> (rule index, pattern index), for the leading pattern entries.
    patterns: Vec<(usize, usize)>,
    /// Each probe's set index (by `Probe as usize`); `None` when the rules give it nothing to
    /// search for.
    probes: [Option<usize>; PROBES],
}

impl Gate {
    pub fn build(
        rules: &[Rule],
        gazetteer: &Gazetteer,
        speech: &SpeechCues,
    ) -> Result<Self, RuleErrors> {
        let mut sources = Vec::new();
        let mut patterns = Vec::new();
        for (ri, rule) in rules.iter().enumerate() {
            for (pi, p) in rule.patterns.iter().enumerate() {
                patterns.push((ri, pi));
                // Rule patterns are case-insensitive; probes carry their own flags.
                sources.push(format!("(?i:{})", ascii_word_boundaries(&p.expanded)));
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
        let mut probes = [None; PROBES];
        for (probe, source) in probe_sources {
            if let Some(source) = source {
                probes[probe as usize] = Some(sources.len());
                sources.push(ascii_word_boundaries(source));
            }
        }
        let set = RegexSetBuilder::new(&sources)
            .size_limit(REGEX_SIZE_LIMIT * 8)
            .dfa_size_limit(64 << 20)
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
        Ok(Gate {
            set,
            patterns,
            probes,
        })
    }

    /// Reads one sentence.
    pub fn scan(&self, sentence: &str) -> Scan<'_> {
        Scan {
            gate: self,
            matches: self.set.matches(sentence),
            probes_exact: ascii_words_only(sentence),
        }
    }
}

/// What the gate found in one sentence.
#[derive(Debug)]
pub struct Scan<'g> {
    gate: &'g Gate,
    matches: SetMatches,
    probes_exact: bool,
}

impl Scan<'_> {
    /// (rule index, pattern index) of every pattern that may match, in rule order.
    pub fn patterns(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.matches
            .iter()
            .take_while(|&i| i < self.gate.patterns.len())
            .map(|i| self.gate.patterns[i])
    }

    /// Whether any rule pattern may match: false for most sentences.
    pub fn any_pattern(&self) -> bool {
        self.patterns().next().is_some()
    }

    /// Whether `probe`'s search can find anything in the sentence. False means it surely finds
    /// nothing; true means it has to run.
    pub fn may(&self, probe: Probe) -> bool {
        !self.probes_exact
            || self.gate.probes[probe as usize].is_none_or(|i| self.matches.matched(i))
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
    fn non_ascii_words_run_every_probe() {
        // Unicode and ASCII word boundaries differ next to "é": the gate cannot vouch for them.
        let rules = rules();
        let scan = rules.gate.scan("Le café était fermé.");
        assert!(scan.may(Probe::Verb) && scan.may(Probe::Alias));
    }
}
