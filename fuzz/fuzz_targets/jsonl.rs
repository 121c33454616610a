//! The JSON Lines reader, line by line, within the size limit.
#![no_main]
use contra::corpus::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for (i, line) in text.lines().enumerate() {
        let _ = contra::corpus::read::jsonl_line("fuzz.jsonl", i + 1, line, Limits { max_article_bytes: 1 << 16 });
    }
});
