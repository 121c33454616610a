//! Front matter and article parsing, then the whole pipeline on the article.
#![no_main]
use contra::report::{Format, Options};
use contra::rules::RuleSet;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static RULES: OnceLock<RuleSet> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let rules = RULES.get_or_init(|| RuleSet::builtin().expect("shipped rules"));
    let text = String::from_utf8_lossy(data).into_owned();
    if let Ok(doc) = contra::corpus::parse("fuzz", "fuzz.txt", text) {
        let report = contra::check_documents(rules, vec![doc]);
        let options = Options {
            rules,
            color: false,
        };
        for format in Format::ALL {
            let _ = contra::report::to_string(format, &report, options);
        }
    }
});
