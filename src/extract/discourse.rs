//! What an article has established so far, sentence by sentence: the names it tied to actors,
//! the actors it names that the gazetteer does not know, who was named recently and who spoke
//! last.

use super::mentions::{Mention, MentionKind};
use crate::model::ActorId;
use crate::rules::RuleSet;
use crate::rules::gazetteer::names_alike;

/// Who a mention stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActorRef {
    /// A gazetteer actor, by its index in `rules/actors.toml`.
    Known(usize),
    /// An actor the article names in a speaker position and the gazetteer does not know ("the
    /// Mariupol City Council", "Deir Ezzor 24"), by its index in the article's table.
    Named(usize),
}

/// An actor only this article names. Its id comes from its folded name, so the same name in
/// two articles is one actor.
#[derive(Debug, Clone)]
pub struct NamedActor {
    pub id: ActorId,
    pub name: String,
    folded: String,
}

/// What a claim needs to know of its speaker's actor.
#[derive(Debug, Clone, Copy)]
pub struct ActorInfo<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// The gazetteer's camp; the article alone never tells one.
    pub camp: Option<&'a str>,
    /// A news outlet: a conduit, the speaker only when no one else is named.
    pub intermediary: bool,
}

/// A name the article tied to an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub actor: ActorRef,
    /// A person (speaks as "he"/"she"; the surname alone refers back to them).
    pub person: bool,
}

/// The prefix of the ids of actors the article names (`named:mariupol_city_council`), so they
/// never collide with a gazetteer id.
pub const NAMED_PREFIX: &str = "named:";

#[derive(Debug, Default)]
pub struct Discourse {
    /// Names (full and surname) tied to an actor by the article itself.
    learned: Vec<(String, Target)>,
    named: Vec<NamedActor>,
    pub last_speaker: Option<Mention>,
    pub last_person: Option<Mention>,
    /// Actors in order of their latest named mention, for definite descriptions.
    pub recent: Vec<ActorRef>,
    /// The previous sentence's speaker and first-named actor, for "it said" / "they said".
    pub previous_speaker: Option<Mention>,
    pub previous_subject: Option<Mention>,
}

impl Discourse {
    /// Ties a person's name, and their surname alone, to an actor for the rest of the article.
    /// Names shorter than `shortest_name` are initials or noise, and are not learned.
    pub fn learn(&mut self, rules: &RuleSet, name: &str, actor: ActorRef) {
        let shortest = rules.speech.settings.shortest_name;
        let target = Target {
            actor,
            person: true,
        };
        let name = name.trim();
        let mut add = |n: &str| {
            if n.len() >= shortest && !self.learned.iter().any(|(k, _)| k == n) {
                self.learned.push((n.to_string(), target));
            }
        };
        add(name);
        if let Some(surname) = name.split_whitespace().last() {
            add(surname);
        }
    }

    /// Names learned so far, longest first (so "Vedant Patel" wins over "Patel" inside it).
    pub fn learned(&self) -> Vec<&(String, Target)> {
        let mut out: Vec<&(String, Target)> = self.learned.iter().collect();
        out.sort_by_key(|l| std::cmp::Reverse(l.0.len()));
        out
    }

    /// The actor for a name the gazetteer does not know: one already named by the article under
    /// this name or a spelling variant of it, else a new one. A person's name is learned too.
    pub fn name_actor(&mut self, rules: &RuleSet, name: &str, person: bool) -> ActorRef {
        let folded = rules.gazetteer.fold(name);
        let found = self
            .named
            .iter()
            .position(|n| names_alike(&n.folded, &folded));
        let index = found.unwrap_or_else(|| {
            self.named.push(NamedActor {
                id: ActorId::new(format!("{NAMED_PREFIX}{}", folded.replace(' ', "_"))),
                name: name.to_string(),
                folded,
            });
            self.named.len() - 1
        });
        let actor = ActorRef::Named(index);
        if person {
            self.learn(rules, name, actor);
        }
        actor
    }

    /// Whether the article has named an actor the gazetteer does not know.
    pub fn has_named(&self) -> bool {
        !self.named.is_empty()
    }

    /// The most recently named actor only this article knows whose name ends with `head`
    /// ("Directorate" for "the directorate"), compared case-insensitively.
    pub fn named_with_head(&self, head: &str) -> Option<ActorRef> {
        self.recent.iter().rev().copied().find(|a| match a {
            ActorRef::Named(i) => self.named[*i]
                .name
                .rsplit(char::is_whitespace)
                .next()
                .is_some_and(|last| last.eq_ignore_ascii_case(head)),
            ActorRef::Known(_) => false,
        })
    }

    /// The id, name and camp of an actor.
    pub fn info<'a>(&'a self, rules: &'a RuleSet, actor: ActorRef) -> ActorInfo<'a> {
        match actor {
            ActorRef::Known(i) => {
                let a = &rules.gazetteer.actors[i];
                ActorInfo {
                    id: &a.id,
                    name: &a.name,
                    camp: Some(&a.camp),
                    intermediary: a.intermediary,
                }
            }
            ActorRef::Named(i) => {
                let n = &self.named[i];
                ActorInfo {
                    id: &n.id,
                    name: &n.name,
                    camp: None,
                    intermediary: false,
                }
            }
        }
    }

    /// Whether an actor is a news outlet (a conduit).
    pub fn intermediary(&self, rules: &RuleSet, actor: ActorRef) -> bool {
        self.info(rules, actor).intermediary
    }

    /// Remembers who was named and who spoke, after a sentence is read.
    pub fn remember(&mut self, mentions: &[Mention], speaker: Option<&Mention>) {
        self.previous_speaker = speaker.cloned();
        self.previous_subject = mentions
            .iter()
            .find(|m| m.kind != MentionKind::Pronoun)
            .cloned();
        for m in mentions.iter().filter(|m| m.kind == MentionKind::Name) {
            self.recent.retain(|a| *a != m.actor);
            self.recent.push(m.actor);
        }
        if let Some(p) = mentions.iter().rev().find(|m| m.person) {
            self.last_person = Some(p.clone());
        }
        if let Some(s) = speaker {
            self.last_speaker = Some(s.clone());
            if s.person {
                self.last_person = Some(s.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_and_its_spelling_variant_are_one_actor() {
        let mut d = Discourse::default();
        let rules = crate::rules::test_rules();
        let a = d.name_actor(rules, "Muhannad Mubaidin", true);
        let b = d.name_actor(rules, "Muhannad Mubaideen", true);
        let c = d.name_actor(rules, "Deir Ezzor 24", false);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(d.info(rules, c).id, "named:deir_ezzor_24");
        assert_eq!(d.info(rules, c).camp, None);
        // A person's surname alone now refers to them.
        assert!(
            d.learned()
                .iter()
                .any(|(n, t)| n == "Mubaidin" && t.actor == a)
        );
        assert!(!d.learned().iter().any(|(n, _)| n == "24"));
    }
}
