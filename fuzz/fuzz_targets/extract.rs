//! Extraction over arbitrary text with the shipped rules.
#![no_main]
use contra::rules::RuleSet;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static RULES: OnceLock<RuleSet> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let rules = RULES.get_or_init(|| RuleSet::builtin().expect("shipped rules"));
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = contra::extract::extract_document(rules, "fuzz", text, 0);
    }
});
