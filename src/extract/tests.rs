//! Extraction on short texts written for the case: attribution shapes, carry-over, guards.

use super::{Article, extract_document};
use crate::model::{Claim, Value};
use crate::rules::{Polarity, test_rules};

/// A bare text as an article of an unknown outlet.
pub(super) fn article(text: &str) -> Article<'_> {
    Article {
        id: "t",
        outlet: None,
        text,
        body_start: 0,
    }
}

fn claims(text: &str) -> Vec<Claim> {
    extract_document(test_rules(), &article(text)).claims
}

/// (rule, actor, display) of every claim, for compact assertions.
fn summary(text: &str) -> Vec<(String, Option<String>, String)> {
    claims(text)
        .into_iter()
        .map(|c| (c.rule, c.actor.map(|a| a.to_string()), c.display))
        .collect()
}

/// The one claim of a count or polarity rule ("civilians were killed" also says what was hit).
fn one(text: &str) -> (String, Option<String>, String) {
    let all: Vec<_> = summary(text)
        .into_iter()
        .filter(|c| c.0 != "target_type")
        .collect();
    assert_eq!(all.len(), 1, "expected one claim in {text:?}, got {all:?}");
    all.into_iter().next().expect("one claim")
}

fn actor(a: &str) -> Option<String> {
    Some(a.to_string())
}

#[test]
fn speaker_before_the_claim() {
    let c = one(
        "The Syrian Observatory for Human Rights, a Britain-based monitor, reported that at least seven militiamen were killed.",
    );
    assert_eq!(c, ("death_toll".into(), actor("sohr"), "at least 7".into()));
}

#[test]
fn speaker_after_the_claim_and_inverted() {
    assert_eq!(
        one("Twenty-two people were killed, the provincial governor said on Tuesday.").1,
        actor("local_officials")
    );
    assert_eq!(
        one("\"Three civilians were killed,\" said the mayor.").1,
        actor("local_officials")
    );
}

#[test]
fn according_to_and_headline_colon() {
    assert_eq!(
        one("According to the Observatory, 12 fighters were killed.").1,
        actor("sohr")
    );
    assert_eq!(one("Strike kills 5 fighters: monitor").1, actor("sohr"));
}

#[test]
fn the_outlet_is_a_conduit_not_the_speaker() {
    let c = one("Four fighters were killed, a Kataib Hezbollah official told Reuters.");
    assert_eq!(c.1, actor("kataib_hezbollah"));
}

#[test]
fn they_said_carries_the_previous_speaker() {
    let text = "\"We will avenge them,\" the militia officials told the Associated Press. They said four militiamen were killed.";
    assert_eq!(
        one(text),
        ("death_toll".into(), actor("iraqi_militias"), "4".into())
    );
}

#[test]
fn a_spokesperson_named_once_is_known_by_surname_and_pronoun() {
    let text = "Yahya Saree, a spokesman for the Houthis, spoke on Sunday. He said 12 civilians were killed. \
                Later Saree said 30 civilians had been wounded.";
    let all: Vec<_> = summary(text)
        .into_iter()
        .filter(|c| c.0 != "target_type")
        .collect();
    assert_eq!(all[0], ("death_toll".into(), actor("houthis"), "12".into()));
    assert_eq!(
        all[1],
        ("injury_toll".into(), actor("houthis"), "30".into())
    );
}

#[test]
fn a_quote_running_over_sentences_keeps_its_speaker() {
    let text = "\"We act within the law,\" said Vedant Patel, a State Department spokesman. \"There was no prior notification.\"";
    assert_eq!(
        one(text),
        (
            "pre_notification".into(),
            actor("state_department"),
            "denied".into()
        )
    );
}

#[test]
fn a_reported_claim_and_its_rejection_are_two_claims() {
    let all = summary(
        "The Iraqi government called US claims that it had been notified in advance untrue.",
    );
    assert_eq!(
        all,
        vec![
            (
                "pre_notification".into(),
                actor("us_government"),
                "affirmed".into()
            ),
            (
                "pre_notification".into(),
                actor("iraqi_government"),
                "denied".into()
            ),
        ]
    );
}

#[test]
fn spelling_variants_are_one_actor() {
    for name in [
        "Kata'ib Hezbollah",
        "Kata’ib Hezbollah",
        "Kataib Hezbollah",
        "Kataeb Hizbollah",
    ] {
        let c = one(&format!("{name} said two of its fighters had been killed."));
        assert_eq!(c.1, actor("kataib_hezbollah"), "{name}");
    }
    let c = claims("The Popular Mobilisation Forces denied the presence of weapons warehouses.");
    assert_eq!(c[0].actor.as_deref(), Some("pmf"));
    assert!(matches!(
        &c[0].value,
        Value::Category {
            polarity: Polarity::Denied,
            ..
        }
    ));
}

#[test]
fn a_speaker_the_gazetteer_does_not_know_is_an_actor_of_its_own() {
    let text = "CENTCOM said the strike hit a depot. Dr. Omar Haddad, director of a clinic, said 14 people were wounded.";
    let injury: Vec<_> = claims(text)
        .into_iter()
        .filter(|c| c.rule == "injury_toll")
        .collect();
    assert_eq!(injury.len(), 1);
    assert_eq!(injury[0].actor.as_deref(), Some("named:omar_haddad"));
    assert_eq!(injury[0].camp, None);
}

/// The claims of a text about another incident than its own.
fn recaps(text: &str) -> Vec<String> {
    claims(text)
        .into_iter()
        .filter(|c| c.recap)
        .map(|c| c.display)
        .collect()
}

#[test]
fn other_incidents_parts_and_hedges_are_not_claims() {
    let other = [
        (
            "The Pentagon said the strikes were in retaliation for an attack that killed three soldiers.",
            "3",
        ),
        (
            "In 2019, a similar strike killed 25 fighters, the group said.",
            "25",
        ),
        (
            "In a separate incident, a roadside bomb killed two police officers, officials said.",
            "2",
        ),
    ];
    for (text, display) in other {
        let all = claims(text);
        assert!(all.iter().all(|c| c.recap), "{text}: {all:?}");
        assert!(recaps(text).iter().any(|d| d == display), "{text}");
    }
    assert!(summary("Among them were three children, doctors said.").is_empty());
    assert!(summary("It was not known whether Washington notified Baghdad in advance.").is_empty());
}

#[test]
fn negation_and_zero() {
    let c =
        claims("Al-Shabab said no fighters were killed and that the aircraft had struck farms.");
    assert_eq!(c[0].display, "0");
    let target = c
        .iter()
        .find(|c| c.rule == "target_type")
        .expect("a target claim");
    assert!(matches!(
        &target.value,
        Value::Category {
            polarity: Polarity::Affirmed,
            ..
        }
    ));
}

#[test]
fn a_tally_gives_its_total_and_each_class() {
    let all = claims(
        "Three soldiers, two police officers and a civilian were killed, the Somali army said.",
    );
    let by_subject: Vec<(&str, &str)> = all
        .iter()
        .filter(|c| c.rule == "death_toll")
        .map(|c| (c.subject.as_str(), c.display.as_str()))
        .collect();
    assert_eq!(
        by_subject,
        vec![
            ("people", "6"),
            ("civilians", "1"),
            ("police", "2"),
            ("soldiers", "3")
        ]
    );
}

#[test]
fn a_revised_figure_is_marked_superseded() {
    let all =
        claims("The Observatory said 17 fighters were killed. It had earlier put the toll at 12.");
    assert!(!all[0].superseded);
    assert!(all[1].superseded);
}

#[test]
fn positions_point_into_the_text() {
    let c = &claims(
        "Headline\n\nThe group said four of its fighters had been killed, Kataib Hezbollah said.",
    )[0];
    assert_eq!((c.line, c.column), (3, 16));
}

#[test]
fn descriptions_name_their_actor() {
    assert_eq!(
        one("A Britain-based war monitor said 12 fighters were killed.").1,
        actor("sohr")
    );
    let c = one("A militia official who spoke on condition of anonymity said three fighters died.");
    assert_eq!(c.1, actor("iraqi_militias"));
}

#[test]
fn a_denied_category() {
    let c = claims("The Pentagon said no infrastructure was struck.");
    assert_eq!(c[0].display, "not homes and civilians");
    assert_eq!(c[0].actor.as_deref(), Some("pentagon"));
}

#[test]
fn a_named_speaker_wins_over_according_to_an_agency() {
    let c = one("According to Reuters, the Pentagon said five soldiers were killed.");
    assert_eq!(c.1, actor("pentagon"));
    assert_eq!(
        one("Five soldiers were killed, according to the Pentagon.").1,
        actor("pentagon")
    );
}

#[test]
fn a_state_name_speaks_only_before_a_reporting_verb() {
    assert_eq!(
        one("Iraq said 12 civilians were killed.").1,
        actor("iraqi_government")
    );
    assert_eq!(
        one("Israel on Monday said 12 fighters were killed.").1,
        actor("israeli_government")
    );
    let c = one("The strikes in Iraq killed 12 fighters, the Observatory said.");
    assert_eq!(c.1, actor("sohr"));
}

#[test]
fn a_figure_that_adds_to_an_earlier_one_is_a_part() {
    let text = "Strikes on a depot killed five fighters, and two other fighters died near the river, the monitor said. Three more fighters were killed on the road.";
    let deaths: Vec<_> = summary(text)
        .into_iter()
        .filter(|c| c.0 == "death_toll")
        .map(|c| c.2)
        .collect();
    assert_eq!(deaths, vec!["5"]);
    // Told first, or after a figure of another rule, "another" starts a count of its own.
    let all = summary("Eleven people died. Another 40 people were wounded in the blast.");
    assert!(
        all.contains(&("injury_toll".into(), None, "40".into())),
        "{all:?}"
    );
}

#[test]
fn a_second_figure_takes_the_verb_from_the_first() {
    let all = summary("Officials said 12 people were killed and dozens more were wounded.");
    let injuries: Vec<_> = all.iter().filter(|c| c.0 == "injury_toll").collect();
    assert_eq!(injuries.len(), 1, "{all:?}");
    assert_eq!(injuries[0].2, "dozens");
}

#[test]
fn dates_and_codes_are_not_figures() {
    assert!(
        summary("Posted 2023-11-14 Four guards were killed, the company said.")
            .iter()
            .all(|c| c.2 != "14")
    );
}

#[test]
fn a_name_inside_the_claim_is_not_the_subject_of_the_verb_after_it() {
    let c = one(
        "\"Strikes near Harakat al-Nujaba positions killed six fighters,\" said the Observatory.",
    );
    assert_eq!(c.1, actor("sohr"));
}

#[test]
fn speakers_told_apart_from_the_claim() {
    // (text, rule, speaker's actor)
    let cases: &[(&str, &str, Option<&str>)] = &[
        // The next sentence names the speaker.
        (
            "Minutes before the raid, Washington alerted Baghdad. This was stated by the Iraqi government spokesman.",
            "pre_notification",
            Some("iraqi_government"),
        ),
        // A description, then the place its holder serves.
        (
            "Twelve civilians were killed, the governor of Salahuddin province said.",
            "death_toll",
            Some("local_officials"),
        ),
        // An agency's own finding, against an agency as the listener.
        (
            "An Associated Press investigation found that 31 civilians were killed.",
            "death_toll",
            Some("associated_press"),
        ),
        (
            "A resident told AP that 31 civilians were killed.",
            "death_toll",
            None,
        ),
        // A dateline's agency tag and the common noun after its dash speak for nobody.
        (
            "PARIS (AP) — Evidence suggests that 31 civilians were killed.",
            "death_toll",
            None,
        ),
    ];
    for (text, rule, want) in cases {
        let got: Vec<_> = summary(text)
            .into_iter()
            .filter(|c| c.0 == *rule)
            .map(|c| c.1)
            .collect();
        assert_eq!(got, vec![want.map(str::to_string)], "{text}");
    }
}

#[test]
fn figures_as_news_writes_them() {
    // (text, rule, display of the claims of the rule, in order)
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "Between 100 and 300 people were killed in the shelling, the regional governor said.",
            "death_toll",
            &["between 100 and 300"],
        ),
        (
            "The strike killed 10-50 people, police said.",
            "death_toll",
            &["10-50"],
        ),
        // A total told as parts, verb first; the parts are claims of their classes too.
        (
            "The raid killed six soldiers and a police officer, the army said.",
            "death_toll",
            &["7", "1", "6"],
        ),
        // The last part with a verb of its own is no part of the list.
        (
            "The first missile killed three soldiers, and two other soldiers died in hospital, the army said.",
            "death_toll",
            &["3"],
        ),
        (
            "Four people were killed and 30 injured in the attack, the governor said.",
            "injury_toll",
            &["30"],
        ),
        // A denial reaches over a name set off by commas.
        (
            "The Iraqi government denied that its defence minister, Jabbar Karim, had been warned in advance.",
            "pre_notification",
            &["denied"],
        ),
    ];
    for (text, rule, want) in cases {
        let got: Vec<String> = summary(text)
            .into_iter()
            .filter(|c| c.0 == *rule)
            .map(|c| c.2)
            .collect();
        assert_eq!(got, *want, "{text}");
    }
}
