//! Claims no one is named for. News states some figures in its own voice ("At least nine
//! people died"), and often the figure of a source it names elsewhere: an unattributed figure
//! that a named speaker gives elsewhere in the article is that speaker's; otherwise it is the
//! outlet's own claim, and is compared like any other.

use crate::model::{ActorId, Claim, Value};
use crate::rules::RuleSet;
use crate::text::Sentence;

/// Where an article's lead ends: its headline lines, then the first `lede_sentences` sentences
/// of its lede (see [`crate::text::lede`]). News states the incident it reports there, in its own voice;
/// unattributed figures further down are as often background, other incidents or parts of a
/// toll. Without a lede, the first sentence alone.
pub fn lead_end(rules: &RuleSet, text: &str, body_start: usize, sentences: &[Sentence]) -> usize {
    let Some(lede) = crate::text::lede(text, body_start) else {
        return sentences.first().map_or(body_start, |s| s.end);
    };
    sentences
        .iter()
        .filter(|s| s.start >= lede.start && s.start < lede.end)
        .take(rules.speech.settings.lede_sentences)
        .last()
        .map_or(lede.start, |s| s.end)
}

/// The prefix of the ids of outlets speaking in their own voice (`outlet:moose_gazette`).
pub const OUTLET_PREFIX: &str = "outlet:";

/// Who speaks for a claim: its actor and how the article named the speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voice {
    pub actor: ActorId,
    pub name: String,
    pub camp: Option<String>,
    /// The speaker's words in the article; `None` for an outlet's own voice.
    pub speaker: Option<String>,
}

impl Voice {
    /// The voice of a claim that has a speaker.
    fn of(claim: &Claim) -> Option<Voice> {
        Some(Voice {
            actor: claim.actor.clone()?,
            name: claim.actor_name.clone().unwrap_or_default(),
            camp: claim.camp.clone(),
            speaker: claim.speaker.clone(),
        })
    }

    /// Makes this voice the claim's speaker.
    pub fn give(self, claim: &mut Claim) {
        claim.actor = Some(self.actor);
        claim.actor_name = Some(self.name);
        claim.camp = self.camp;
        claim.speaker = self.speaker;
    }
}

/// How a claim was told, beyond its own sentence's speaker.
#[derive(Debug, Clone, Default)]
pub struct Told {
    /// With a reporting cue or inside a reported claim: someone's word, even when the speaker
    /// is not found ("residents who said ..."), so never the outlet's own.
    pub reported: bool,
    /// The speaker of the account the claim's sentence carries on (see `carry`).
    pub carried: Option<Voice>,
}

/// Gives every claim without a speaker one: the speaker of the same figure elsewhere in the
/// article (a count of the same rule, subject and interval), else the speaker of the account
/// its sentence carries on (`told[i].carried`, only ever after the lead), else, in the
/// article's lead (before byte `lead`) and told with no reporting cue, the outlet. Superseded
/// figures, figures someone unnamed reports ("residents said"), and unattributed ones further
/// down (background, other incidents, parts of a toll as often as the outlet's account) stay
/// nobody's. A carried speaker is an inference: it is not passed on to the same figure
/// elsewhere.
pub fn settle(rules: &RuleSet, claims: &mut [Claim], told: &[Told], outlet: &str, lead: usize) {
    let attributed: Vec<usize> = (0..claims.len())
        .filter(|&i| claims[i].actor.is_some())
        .collect();
    for i in 0..claims.len() {
        if claims[i].actor.is_some() || claims[i].superseded {
            continue;
        }
        let same = attributed
            .iter()
            .find(|&&j| same_figure(&claims[j], &claims[i]))
            .and_then(|&j| Voice::of(&claims[j]));
        let how = told.get(i);
        let outlet_voice = same.is_none() && how.is_none_or(|t| t.carried.is_none());
        let voice = match (same, how) {
            (Some(v), _) => v,
            (
                None,
                Some(Told {
                    carried: Some(v), ..
                }),
            ) => v.clone(),
            (
                None,
                Some(Told {
                    reported: false, ..
                }),
            ) if claims[i].offset < lead => Voice {
                actor: outlet_id(rules, outlet),
                name: outlet.to_string(),
                camp: None,
                speaker: None,
            },
            _ => continue,
        };
        claims[i].outlet_voice = outlet_voice;
        voice.give(&mut claims[i]);
    }
}

/// The same figure told twice: a count of one rule and subject with the same interval. A
/// polarity or a category is no figure: "a school was hit" twice may be two sources' words.
fn same_figure(a: &Claim, b: &Claim) -> bool {
    a.rule == b.rule
        && a.subject == b.subject
        && matches!((&a.value, &b.value), (Value::Count(x), Value::Count(y)) if x == y)
}

/// An outlet's actor id: its name folded to lower-case words joined by `_`.
pub fn outlet_id(rules: &RuleSet, outlet: &str) -> ActorId {
    let folded = rules.gazetteer.fold(outlet);
    let slug: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    ActorId::new(format!("{OUTLET_PREFIX}{slug}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Interval;
    use crate::rules::Kind;

    fn claim(actor: Option<&str>, n: u64) -> Claim {
        Claim {
            id: String::new(),
            rule: "death_toll".into(),
            kind: Kind::Count,
            event: String::new(),
            document: "d".into(),
            actor: actor.map(ActorId::from),
            actor_name: actor.map(str::to_string),
            camp: actor.map(|_| "camp".to_string()),
            speaker: actor.map(str::to_string),
            subject: "people".into(),
            value: Value::Count(Interval::exact(n)),
            display: n.to_string(),
            quote: String::new(),
            line: 1,
            column: 1,
            superseded: false,
            outlet_voice: false,
            recap: false,
            quote_start: (1, 1).into(),
            highlight: 0..0,
            offset: 0,
        }
    }

    #[test]
    fn an_unattributed_figure_takes_the_speaker_of_the_same_figure() {
        let mut claims = vec![claim(None, 45), claim(Some("ministry"), 45), claim(None, 9)];
        claims[2].offset = 10;
        settle(
            crate::rules::test_rules(),
            &mut claims,
            &vec![Told::default(); 3],
            "Gulf Ledger",
            20,
        );
        assert_eq!(claims[0].actor.as_deref(), Some("ministry"));
        assert!(!claims[0].outlet_voice);
        assert_eq!(claims[2].actor.as_deref(), Some("outlet:gulf_ledger"));
        assert_eq!(claims[2].actor_name.as_deref(), Some("Gulf Ledger"));
        assert_eq!(claims[2].camp, None);
        assert!(claims[2].outlet_voice);
        // Below the lead, an unattributed figure is nobody's.
        let mut late = vec![claim(None, 9)];
        late[0].offset = 30;
        settle(
            crate::rules::test_rules(),
            &mut late,
            &[Told::default()],
            "Gulf Ledger",
            20,
        );
        assert_eq!(late[0].actor, None);
        // Someone unnamed said it: not the outlet's word either.
        let mut said = vec![claim(None, 9)];
        settle(
            crate::rules::test_rules(),
            &mut said,
            &[Told {
                reported: true,
                carried: None,
            }],
            "Gulf Ledger",
            20,
        );
        assert_eq!(said[0].actor, None);
    }

    #[test]
    fn a_carried_speaker_yields_to_the_same_figure_and_is_not_passed_on() {
        let carried = |who: &str| Told {
            reported: false,
            carried: Some(Voice {
                actor: ActorId::from(who),
                name: who.to_string(),
                camp: None,
                speaker: Some(who.to_string()),
            }),
        };
        // 0: carried on from the observatory, but the ministry gives the same figure. 1: carried
        // on from the observatory. 2: the same figure as 1, with nothing carried: nobody's.
        let mut claims = vec![
            claim(None, 45),
            claim(Some("ministry"), 45),
            claim(None, 9),
            claim(None, 9),
        ];
        for c in &mut claims {
            c.offset = 30;
        }
        let told = [
            carried("observatory"),
            Told::default(),
            carried("observatory"),
            Told::default(),
        ];
        settle(
            crate::rules::test_rules(),
            &mut claims,
            &told,
            "Gulf Ledger",
            20,
        );
        assert_eq!(claims[0].actor.as_deref(), Some("ministry"));
        assert_eq!(claims[2].actor.as_deref(), Some("observatory"));
        assert_eq!(claims[2].speaker.as_deref(), Some("observatory"));
        assert!(!claims[2].outlet_voice);
        assert_eq!(claims[3].actor, None);
    }

    #[test]
    fn a_superseded_figure_stays_nobodys() {
        let mut claims = vec![claim(None, 12)];
        claims[0].superseded = true;
        settle(
            crate::rules::test_rules(),
            &mut claims,
            &[Told::default()],
            "Gulf Ledger",
            100,
        );
        assert_eq!(claims[0].actor, None);
    }
}
