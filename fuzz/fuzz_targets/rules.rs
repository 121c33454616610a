//! Rule loading from arbitrary TOML: as a claim-type file beside the shipped ones, and as each
//! of the shared files in place of the shipped one. Every outcome is Ok or positioned errors.
#![no_main]
use contra::rules::{RuleSet, SourceFile, builtin_sources};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let mut extra = builtin_sources();
    extra.push(SourceFile::new("rules/fuzz.toml", text.as_str()));
    if let Err(e) = RuleSet::from_sources(extra) {
        assert!(!e.errors.is_empty());
    }
    let shared = ["rules/lexicon.toml", "rules/actors.toml", "rules/attribution.toml"];
    let which = data.first().map_or(0, |b| *b as usize % shared.len());
    let replaced: Vec<SourceFile> = builtin_sources()
        .into_iter()
        .map(|f| if f.name == shared[which] { SourceFile::new(f.name.clone(), text.as_str()) } else { f })
        .collect();
    let _ = RuleSet::from_sources(replaced);
});
