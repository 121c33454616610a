//! Agent values: who an agent pattern's `agent` capture names, resolved like a speaker.
//!
//! The capture is read in three steps, the first that finds anyone wins:
//! 1. the sentence's mentions inside it (gazetteer names, learned names, descriptions such as
//!    "the group", pronouns such as "it"), as attribution resolved them;
//! 2. the gazetteer's names of agents in the captured words: aliases, speaking names ("Kyiv"
//!    is Ukraine's government when it acts) and `agent_names` ("a Russian missile");
//! 3. a name of two or more capitalised words the gazetteer does not know ("the Azov
//!    Battalion"), an actor of its own (`named:azov_battalion`), as for speakers.
//!
//! A name glued to a hyphen ("Iran-backed", "US-led") qualifies another noun: it is no agent.

use super::attribution::Attribution;
use super::discourse::{Discourse, NAMED_PREFIX};
use crate::model::{ActorId, Agent};
use crate::rules::{Polarity, RuleSet};
use std::ops::Range;

/// The agents named in `span` of the sentence, each once (by comparison key), in text order.
pub(super) fn agents_in(
    rules: &RuleSet,
    attr: &Attribution,
    discourse: &Discourse,
    span: Range<usize>,
) -> Vec<Agent> {
    let s = attr.ctx.text;
    let glued = |end: usize| s[end..].starts_with(['-', '‐']);
    let mut found: Vec<Agent> = attr
        .mentions
        .iter()
        .filter(|m| span.start <= m.span.start && m.span.end <= span.end && !glued(m.span.end))
        .map(|m| (m, discourse.info(rules, m.actor)))
        // An actor only the article names stands as an agent under a name, as in step 3.
        .filter(|(m, info)| info.camp.is_some() || open_name(rules, &s[m.span.clone()]).is_some())
        .map(|(_, info)| agent(info.id, info.camp.unwrap_or(info.name), info.camp))
        .collect();
    if found.is_empty() {
        let gazetteer = &rules.gazetteer;
        found = gazetteer
            .agents_in(&s[span.clone()])
            .into_iter()
            .filter(|(at, _)| !glued(span.start + at.end))
            .map(|(_, i)| {
                let a = &gazetteer.actors[i];
                agent(&a.id, &a.camp, Some(&a.camp))
            })
            .collect();
    }
    if found.is_empty()
        && let Some(name) = open_name(rules, &s[span])
    {
        let id = format!(
            "{NAMED_PREFIX}{}",
            rules.gazetteer.fold(&name).replace(' ', "_")
        );
        found.push(agent(&id, &name, None));
    }
    let mut seen = Vec::new();
    found.retain(|a| {
        let fresh = !seen.contains(&a.key().to_string());
        seen.push(a.key().to_string());
        fresh
    });
    found
}

fn agent(id: &str, name: &str, camp: Option<&str>) -> Agent {
    Agent {
        id: ActorId::new(id),
        name: name.to_string(),
        camp: camp.map(str::to_string),
    }
}

/// A name of at least two capitalised words, leading articles dropped and stop words allowed
/// inside ("Islamic Resistance in Iraq"); a name of `not_names` words only is none.
fn open_name(rules: &RuleSet, text: &str) -> Option<String> {
    let speech = &rules.speech;
    let text = text.trim_end_matches(|c: char| c.is_ascii_punctuation());
    let words: Vec<&str> = text
        .split_whitespace()
        .skip_while(|w| speech.is_article(w))
        .collect();
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let names = words.iter().filter(|w| capitalised(w)).count();
    let all_fit = words
        .iter()
        .all(|w| capitalised(w) || speech.is_stop_word(w));
    let real = words
        .iter()
        .any(|w| capitalised(w) && !speech.is_not_name(w));
    (names >= 2 && all_fit && real && words.last().is_some_and(|w| capitalised(w)))
        .then(|| words.join(" "))
}

/// How a report shows an agent claim: "Russia", "Russia and Ukraine", "not Russia".
pub fn agent_display(agents: &[Agent], polarity: Polarity) -> String {
    let names: Vec<&str> = agents.iter().map(|a| a.name.as_str()).collect();
    match polarity {
        Polarity::Affirmed => names.join(" and "),
        Polarity::Denied => format!("not {}", names.join(", not ")),
    }
}
