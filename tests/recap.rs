//! A claim that recaps another incident ("the strikes were retaliation for the attack on ...,
//! which killed nine") is never compared as the toll of its article's own incident: it goes to
//! the event of the incident it tells of when the corpus has one, and is otherwise kept out of
//! comparison. The articles are written for this test.

mod common;
use common::*;

use serde_json::Value;

const ATTACK_ARMY: &str = "+++\npublished = \"2025-03-15\"\n+++\n\
Drone attack on army post in Tikrit kills four soldiers\n\n\
A drone attack on an army post in Tikrit on Friday killed four soldiers, the Iraqi army said \
in a statement. The army said the drone was launched from farmland east of the city and that \
an investigation had begun.\n";

const ATTACK_LOCAL: &str = "+++\npublished = \"2025-03-15\"\n+++\n\
Six soldiers dead after drone hits Tikrit army post\n\n\
Six soldiers were killed when a drone struck an army post in Tikrit on Friday, local officials \
said. The officials said the drone had hit a barracks building at the post shortly after \
midnight.\n";

const STRIKES_WITH_RECAP: &str = "+++\npublished = \"2025-03-22\"\n+++\n\
Air strikes hit militant hideouts near Hawija\n\n\
Air strikes on militant hideouts near Hawija on Saturday killed 12 fighters, the defence \
ministry said. The strikes were in retaliation for the drone attack on an army post in \
Tikrit on 14 March, which killed nine soldiers, a provincial council member said. The \
ministry said the hideouts had been used to plan attacks on the army.\n";

const STRIKES_PLAIN: &str = "+++\npublished = \"2025-03-22\"\n+++\n\
Twelve fighters killed in Hawija strikes\n\n\
Twelve fighters were killed in air strikes on militant hideouts near Hawija on Saturday, the \
defence ministry said. Local residents said the strikes hit farm buildings outside the \
town.\n";

fn run(articles: &[(&str, &str)]) -> Value {
    check_articles(articles)
}

fn event_of(report: &Value, doc: &str) -> String {
    report["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .find(|d| d["id"] == doc)
        .and_then(|d| d["event"].as_str())
        .unwrap_or_else(|| panic!("no document {doc}"))
        .to_string()
}

/// The recap claim: the nine soldiers of the Tikrit attack, told in the Hawija article.
fn recap_claim(report: &Value) -> Value {
    report["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| c["document"] == "strikes" && c["display"] == "9")
        .cloned()
        .unwrap_or_else(|| panic!("no recap claim in {:#}", report["claims"]))
}

fn death_toll_disagreements(report: &Value, event: &str) -> Vec<Value> {
    report["contradictions"]
        .as_array()
        .expect("contradictions")
        .iter()
        .filter(|c| c["event"] == event && c["rule"] == "death_toll")
        .cloned()
        .collect()
}

#[test]
fn a_recap_is_never_compared_as_its_own_articles_toll() {
    let report = run(&[
        ("strikes.txt", STRIKES_WITH_RECAP),
        ("plain.txt", STRIKES_PLAIN),
    ]);
    let own = event_of(&report, "strikes");
    assert_eq!(own, event_of(&report, "plain"), "one Hawija event");
    let recap = recap_claim(&report);
    assert_eq!(recap["recap"], true, "{recap:#}");
    assert_eq!(recap["event"], own.as_str(), "no other event to go to");
    assert!(
        death_toll_disagreements(&report, &own).is_empty(),
        "nine soldiers of another attack compared with 12 fighters: {:#}",
        report["contradictions"]
    );
}

#[test]
fn a_recap_goes_to_the_event_it_tells_of() {
    let report = run(&[
        ("army.txt", ATTACK_ARMY),
        ("local.txt", ATTACK_LOCAL),
        ("strikes.txt", STRIKES_WITH_RECAP),
        ("plain.txt", STRIKES_PLAIN),
    ]);
    let attack = event_of(&report, "army");
    assert_eq!(attack, event_of(&report, "local"), "one Tikrit event");
    let strikes = event_of(&report, "strikes");
    assert_ne!(
        attack, strikes,
        "the attack and the strikes are two incidents"
    );
    let recap = recap_claim(&report);
    assert_eq!(recap["recap"], true);
    assert_eq!(recap["event"], attack.as_str(), "{recap:#}");
    assert!(death_toll_disagreements(&report, &strikes).is_empty());
    let found = death_toll_disagreements(&report, &attack);
    let claims: Vec<&str> = found
        .iter()
        .flat_map(|c| c["sides"].as_array().into_iter().flatten())
        .flat_map(|p| p["claims"].as_array().into_iter().flatten())
        .filter_map(Value::as_str)
        .collect();
    let id = recap["id"].as_str().expect("an id");
    assert!(
        claims.contains(&id),
        "the recap's nine is compared in the Tikrit event: {found:#?}"
    );
}
