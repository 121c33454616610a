//! Table-driven tests of the mention and attribution heuristics on their own: each row is a
//! short text in our own words and what one step finds in its last sentence, so a change to a
//! heuristic shows which phrasing it moved without running whole articles through every rule.

use super::attribution::Attribution;
use super::context::SentenceCtx;
use super::discourse::Discourse;
use super::mentions::{MentionKind, find_mentions};
use crate::rules::{RuleSet, test_rules};

/// An article as its sentences.
type Text<'a> = &'a [&'a str];

/// A mention as a row expects it: (its words, kind, actor id).
type Found = (String, MentionKind, String);

/// Reads `sentences` in order as one article; `read` sees the last one, with what the earlier
/// ones established.
fn last_sentence<T>(
    sentences: &[&str],
    read: impl FnOnce(&RuleSet, &Attribution, &Discourse) -> T,
) -> T {
    let rules = test_rules();
    let mut discourse = Discourse::default();
    let (last, before) = sentences.split_last().expect("a sentence");
    for s in before {
        let ctx = SentenceCtx::read(rules, s, false);
        let mentions = find_mentions(rules, &ctx, &mut discourse);
        let attr = Attribution::read(rules, &ctx, mentions, &discourse);
        let speaker = attr.sentence_speaker(rules);
        discourse.remember(&attr.mentions, speaker.as_ref());
    }
    let ctx = SentenceCtx::read(rules, last, false);
    let mentions = find_mentions(rules, &ctx, &mut discourse);
    let attr = Attribution::read(rules, &ctx, mentions, &discourse);
    read(rules, &attr, &discourse)
}

/// Fails with every row that went wrong, each with what it found instead.
fn check<I: std::fmt::Debug, E: PartialEq + std::fmt::Debug>(
    rows: &[(I, E)],
    found: impl Fn(&I) -> E,
) {
    let wrong: Vec<String> = rows
        .iter()
        .filter_map(|(input, want)| {
            let got = found(input);
            (got != *want).then(|| format!("{input:?}\n  want {want:?}\n  got  {got:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

/// The mentions of the last sentence: (text, kind, actor id).
fn mentions(text: &[&str]) -> Vec<Found> {
    last_sentence(text, |rules, attr, discourse| {
        attr.mentions
            .iter()
            .map(|m| {
                let id = discourse.info(rules, m.actor).id.to_string();
                (attr.ctx.text[m.span.clone()].to_string(), m.kind, id)
            })
            .collect()
    })
}

/// The speaker's actor id for the claim at `claim` in the last sentence.
fn speaker_of(text: &[&str], claim: &str) -> Option<String> {
    last_sentence(text, |rules, attr, discourse| {
        let start = attr
            .ctx
            .text
            .find(claim)
            .expect("the claim is in the sentence");
        attr.speaker(rules, start..start + claim.len())
            .map(|m| discourse.info(rules, m.actor).id.to_string())
    })
}

#[test]
fn mentions_by_kind() {
    use MentionKind::{Description, Name, Pronoun};
    let m = |t: &str, k: MentionKind, id: &str| (t.to_string(), k, id.to_string());
    let rows: &[(Text, Vec<Found>)] = &[
        // A gazetteer alias.
        (
            &["The Pentagon said two soldiers were wounded."],
            vec![m("The Pentagon", Name, "pentagon")],
        ),
        // A name the gazetteer does not know, in a speaker position.
        (
            &["The Kherson City Council reported that 14 people were killed."],
            vec![m(
                "Kherson City Council",
                Name,
                "named:kherson_city_council",
            )],
        ),
        // A role ties a name to its office; later the surname alone refers to it.
        (
            &[
                "Pentagon spokesman Jane Doe spoke on Friday.",
                "Doe said two soldiers were wounded.",
            ],
            vec![m("Doe", Name, "pentagon")],
        ),
        // A pronoun refers back to the person named last.
        (
            &[
                "Maj. Gen. Pat Ryder said the strike hit depots.",
                "He said no one was killed.",
            ],
            vec![m("He", Pronoun, "pentagon")],
        ),
        // A definite description refers back to the actor with that noun.
        (
            &[
                "The Syrian Observatory for Human Rights said 19 fighters died.",
                "The monitor said the toll could rise.",
            ],
            vec![m("The monitor", Description, "sohr")],
        ),
        // ... and to an actor only the article named, by the last word of its name.
        (
            &[
                "The Kherson City Council reported that 14 people were killed.",
                "The council said the toll could rise.",
            ],
            vec![m("The council", Description, "named:kherson_city_council")],
        ),
        (&["The council said the toll could rise."], vec![]),
        // A state's name speaks only right before a reporting verb.
        (
            &["Iraq said the strikes violated its sovereignty."],
            vec![m("Iraq", Name, "iraqi_government")],
        ),
        (&["The strikes in Iraq killed four fighters."], vec![]),
        // Nobody at all.
        (&["Nine people were killed in the strike."], vec![]),
    ];
    check(rows, |text| mentions(text));
}

#[test]
fn speakers_by_position() {
    // (article, the claim's words in its last sentence) -> the speaker's actor id.
    let id = |id: &str| Some(id.to_string());
    let rows: &[((Text, &str), Option<String>)] = &[
        (
            (
                &["Two soldiers were killed, the Pentagon said."],
                "Two soldiers were killed",
            ),
            id("pentagon"),
        ),
        // An office named once speaks again as "the directorate".
        (
            (
                &[
                    "Seven people were killed, the Idlib Health Directorate said.",
                    "Nine people were dead, the directorate said.",
                ],
                "Nine people were dead",
            ),
            id("named:idlib_health_directorate"),
        ),
        (
            (
                &[
                    "The Idlib Health Directorate said seven people were killed.",
                    "The directorate said nine people were dead.",
                ],
                "nine people were dead",
            ),
            id("named:idlib_health_directorate"),
        ),
        // A ministry the article has not put in play resolves to no one.
        (
            (
                &["According to the health ministry, 14 people were killed."],
                "14 people were killed",
            ),
            None,
        ),
        // The listener is not the speaker; an agency that reports is.
        (
            (
                &[
                    "The Syrian Observatory for Human Rights said 19 fighters died.",
                    "The monitor told Reuters that 5 fighters were killed.",
                ],
                "5 fighters were killed",
            ),
            id("sohr"),
        ),
        (
            (
                &["Reuters reported that 9 people were killed."],
                "9 people were killed",
            ),
            id("reuters"),
        ),
        // A description with nobody to refer to names no one, and a place in a subordinate
        // opening phrase is never the subject.
        (
            (
                &["After the raid on Mayadin, the group said 3 fighters were killed."],
                "3 fighters were killed",
            ),
            None,
        ),
        // An appositive is masked: the mayor speaks for al-Qaim's office, not for Syria, and
        // the listener (AFP) is not the speaker.
        (
            (
                &["The mayor of al-Qaim, a town near Syria, told AFP that 4 people died."],
                "4 people died",
            ),
            id("named:qaim"),
        ),
        // No cue: nobody.
        (
            (
                &["Nine people were killed in the strike."],
                "Nine people were killed",
            ),
            None,
        ),
    ];
    check(rows, |(text, claim)| speaker_of(text, claim));
}
