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

/// Gives every claim without a speaker one: the speaker of the same figure elsewhere in the
/// article (a count of the same rule, subject and interval), else, in the article's lead (before byte `lead`)
/// and told with no reporting cue (`reported[i]` false), the outlet. Superseded figures,
/// figures someone unnamed reports ("residents said"), and unattributed ones further down
/// (background, other incidents, parts of a toll as often as the outlet's account) stay
/// nobody's.
pub fn settle(rules: &RuleSet, claims: &mut [Claim], reported: &[bool], outlet: &str, lead: usize) {
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
            .copied();
        let (actor, name, camp, speaker) = match same {
            Some(j) => {
                let o = &claims[j];
                (
                    o.actor.clone(),
                    o.actor_name.clone(),
                    o.camp.clone(),
                    o.speaker.clone(),
                )
            }
            None if claims[i].offset < lead && !reported.get(i).copied().unwrap_or(true) => (
                Some(outlet_id(rules, outlet)),
                Some(outlet.to_string()),
                None,
                None,
            ),
            None => continue,
        };
        let c = &mut claims[i];
        c.outlet_voice = same.is_none();
        c.actor = actor;
        c.actor_name = name;
        c.camp = camp;
        c.speaker = speaker;
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
            &[false; 3],
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
            &[false],
            "Gulf Ledger",
            20,
        );
        assert_eq!(late[0].actor, None);
        // Someone unnamed said it: not the outlet's word either.
        let mut said = vec![claim(None, 9)];
        settle(
            crate::rules::test_rules(),
            &mut said,
            &[true],
            "Gulf Ledger",
            20,
        );
        assert_eq!(said[0].actor, None);
    }

    #[test]
    fn a_superseded_figure_stays_nobodys() {
        let mut claims = vec![claim(None, 12)];
        claims[0].superseded = true;
        settle(
            crate::rules::test_rules(),
            &mut claims,
            &[false],
            "Gulf Ledger",
            100,
        );
        assert_eq!(claims[0].actor, None);
    }
}
