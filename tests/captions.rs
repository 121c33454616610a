//! Photo captions and credits above an article's lede are not claims: a picture's caption often
//! shows a file photo of another strike, and its words are nobody's account of the incident.
//! The articles are written for this test.

mod common;
use common::*;

use serde_json::Value;

/// A headline, two caption styles (a credit closing the line, then a repeated alt text that
/// ends on a full date), and a lede whose figures are the story.
const WITH_CAPTIONS: &str = "+++\npublished = \"2025-06-02\"\n+++\n\
Strike on market in Idlib kills seven\n\
Residents inspect a house destroyed by an earlier air strike on the town (Lina KHOURY)\n\
Rescuers carry a wounded man from a damaged school in Idlib, June 1, 2025\n\
Rescuers carry a wounded man from a damaged school in Idlib, June 1, 2025\n\n\
An air strike on a vegetable market in Idlib on Sunday killed seven people and wounded 20, \
the local health directorate said in a statement on Monday.\n";

fn claims(text: &str) -> Vec<Value> {
    let report = check_articles(&[("idlib.txt", text)]);
    report["claims"].as_array().expect("claims").clone()
}

#[test]
fn caption_lines_give_no_claims_and_the_story_still_does() {
    let found = claims(WITH_CAPTIONS);
    let lines: Vec<u64> = found.iter().map(|c| c["line"].as_u64().unwrap()).collect();
    assert!(
        lines.iter().all(|&l| l == 4 || l >= 8),
        "claims from caption lines: {found:#?}"
    );
    let tolls: Vec<&str> = found
        .iter()
        .filter(|c| c["rule"] == "death_toll")
        .map(|c| c["display"].as_str().unwrap())
        .collect();
    assert!(tolls.contains(&"7"), "{found:#?}");
}

#[test]
fn the_same_lines_in_the_lede_position_are_read() {
    // Without a lede below them, nothing marks the lines as captions but the credit and the
    // repeat; a line with neither is read as the headline it may be.
    let plain = "+++\npublished = \"2025-06-02\"\n+++\n\
Rescuers say a strike on a school in Idlib destroyed two classrooms\n";
    let found = claims(plain);
    assert!(
        found.iter().any(|c| c["rule"] == "target_type"),
        "{found:#?}"
    );
}
