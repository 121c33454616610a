//! Rule loading from arbitrary TOML: as a claim-type file, and in place of each shared file.
//! The shared files are a tiny but complete rule folder, so each run compiles in milliseconds
//! (the shipped folder takes seconds under the sanitizer, starving the fuzzer). Every outcome is
//! a rule set or positioned errors, never a panic.
#![no_main]
use contra::rules::{RuleSet, SourceFile};
use libfuzzer_sys::fuzz_target;

const LEXICON: &str = r#"
[numbers]
articles = ["a"]
units = { one = 1, two = 2 }
tens = { twenty = 20 }
scales = { hundred = 100 }
[[numbers.vague]]
phrase = "dozens"
min = 24
max = 99
[[qualifier]]
phrases = ["at least"]
bound = "at_least"
[subjects]
people = ["people"]
[fragments]
word = "[\\w.'-]+"
[cues]
negation = ['\bnot\b']
hedge = ['\bwhether\b']
part_of = ['including\s*$']
other_incident = ['\blast\s+year\b']
"#;

const ACTORS: &str = r#"
determiners = ["the"]
[[actor]]
id = "monitor"
name = "Monitor"
camp = "Monitors"
aliases = ["the Observatory"]
nouns = ["monitor"]
"#;

const ATTRIBUTION: &str = r#"
speech_verbs = ["said"]
participles = ["saying"]
according_to = ["according\\s+to"]
addressee_verbs = ["told"]
rejections = ["untrue"]
roles = ["spokesman"]
titles = ["Mr\\.?"]
[[frame]]
regex = "(?P<inner>\\w+)\\s+claims\\s+that"
[pronouns]
person = ["he"]
speaker = ["they"]
"#;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let shared = [("rules/lexicon.toml", LEXICON), ("rules/actors.toml", ACTORS), ("rules/attribution.toml", ATTRIBUTION)];
    let which = data.first().map_or(0, |b| *b as usize % 4);
    let mut files: Vec<SourceFile> = shared
        .iter()
        .enumerate()
        .map(|(i, (name, body))| SourceFile::new(*name, if i + 1 == which { text.as_str() } else { body }))
        .collect();
    if which == 0 {
        files.push(SourceFile::new("rules/fuzz.toml", text.as_str()));
    }
    if let Ok(rules) = RuleSet::from_sources(files) {
        let _ = contra::extract::extract_document(&rules, "fuzz", "The Observatory said at least two people were killed.", 0);
    } else if let Err(e) = RuleSet::from_sources(vec![SourceFile::new("rules/fuzz.toml", text.as_str())]) {
        assert!(!e.errors.is_empty());
    }
});
