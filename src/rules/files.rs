//! The on-disk shape of rule files, exactly as an author writes them.
//!
//! Every struct denies unknown keys so a typo is an error with a position, never a silently
//! ignored setting. Fields that a later check must point at are `Spanned`.

use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// How a claim's values are compared. The engine knows these kinds, never topics.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A number of things (people killed, displaced, strikes carried out): compared as intervals.
    Count,
    /// A yes/no proposition (was notice given?): affirmed against denied.
    Polarity,
    /// One of a set of named categories (what was hit): asserted against denied or incompatible.
    Category,
    /// An actor (who fired, carried out, is to blame), resolved like a speaker: affirmed
    /// against denied, or one agent against another.
    Agent,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Polarity => "polarity",
            Kind::Category => "category",
            Kind::Agent => "agent",
        }
    }
}

/// Whether a pattern states a proposition or its negation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    Affirmed,
    Denied,
}

/// Pairs of category ids, each pair and id with its position.
pub type Pairs = Vec<Spanned<Vec<Spanned<String>>>>;

/// One claim type: `rules/<id>.toml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub title: String,
    pub kind: Kind,
    #[serde(default)]
    pub description: String,
    /// The subject class used when a pattern captures none (e.g. "people", "advance notice").
    #[schemars(with = "Option<String>")]
    pub subject: Option<Spanned<String>>,
    #[serde(default, rename = "category")]
    pub categories: Vec<CategoryDef>,
    /// Pairs of categories that cannot both be true of one strike.
    #[serde(default)]
    #[schemars(with = "Vec<Vec<String>>")]
    pub conflicts: Vec<Spanned<Vec<Spanned<String>>>>,
    /// Pairs of categories that cannot both be true only among claims of one subject (a
    /// pattern's `subject`): "the target" = [["military", "civilian"]].
    /// Category and agent rules: one value is true per incident (one weapon, one perpetrator),
    /// so two sides naming different ones disagree, as if every pair were in `conflicts`.
    #[schemars(with = "Option<bool>")]
    pub exclusive: Option<Spanned<bool>>,
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<Vec<String>>>")]
    pub subject_conflicts: BTreeMap<String, Spanned<Pairs>>,
    /// Count rules: two figures closer than this share of the larger one are one count told at
    /// two moments (a toll that grew by a body or two), not a disagreement. 0 when absent.
    #[schemars(with = "Option<f64>")]
    pub tolerance: Option<Spanned<f64>>,
    #[serde(default, rename = "pattern")]
    pub patterns: Vec<PatternDef>,
    #[serde(default, rename = "example")]
    #[schemars(with = "Vec<Example>")]
    pub examples: Vec<Spanned<Example>>,
    #[serde(default, rename = "counterexample")]
    #[schemars(with = "Vec<Counterexample>")]
    pub counterexamples: Vec<Spanned<Counterexample>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryDef {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub label: String,
    /// Regex alternatives that name this category in text.
    #[schemars(with = "Vec<String>")]
    pub terms: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PatternDef {
    #[schemars(with = "String")]
    pub regex: Spanned<String>,
    /// `denied` for patterns that state the negation themselves ("informed only after").
    pub polarity: Option<Polarity>,
    /// `false` for a pattern whose words every side takes for granted ("the strike on a railway
    /// station"): a negation around it ("denied that Russia was involved in the strike on
    /// ...") denies something else, so the claim keeps the pattern's polarity.
    pub negatable: Option<bool>,
    /// A fixed subject for this pattern's claims: for counts a class, when it captures none;
    /// for polarities and categories free text ("the target"), so they are compared apart from
    /// the rule's other claims.
    #[schemars(with = "Option<String>")]
    pub subject: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    pub expect: Expect,
}

/// What an example must yield. Only the keys given are checked.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub value: Option<String>,
    pub subject: Option<String>,
    pub actor: Option<String>,
    pub polarity: Option<Polarity>,
    pub category: Option<String>,
    /// Agent rules: the agent's actor id (`russian_defence_ministry`, `named:azov_battalion`).
    pub agent: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Counterexample {
    pub text: String,
}

/// `rules/lexicon.toml`: the vocabulary shared by all rules.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    pub numbers: NumberWords,
    #[serde(rename = "qualifier")]
    pub qualifiers: Vec<QualifierDef>,
    /// Subject class -> words that name it ("fighters" -> militiamen, militants, ...).
    pub subjects: BTreeMap<String, Vec<String>>,
    /// Named regex fragments any rule may use as `{name}`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub fragments: BTreeMap<String, Spanned<String>>,
    pub cues: Cues,
    /// Where a claim's clause starts, for negation.
    #[serde(default)]
    pub clauses: ClauseWords,
    /// What joins the items of a list of categories after a match.
    #[serde(default)]
    pub lists: ListWords,
    /// How far claim reading looks.
    #[serde(default)]
    pub settings: LexiconSettings,
}

/// `[clauses]`: words that start a new clause inside the window before a claim (regex
/// alternatives, case-insensitive, on word boundaries).
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClauseWords {
    /// A negation before the last of these does not reach the claim ("said no fighters were
    /// killed and that the aircraft had struck farms").
    #[serde(default)]
    pub conjunctions: Vec<String>,
    /// Conjunctions that a negation just before still reaches ("denied that ...").
    #[serde(default)]
    pub negation_carries: Vec<String>,
}

/// `[lists]`: "struck command centres, logistics sites and rockets" is one list of three
/// categories.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListWords {
    /// Regexes that may join two items ("and", "including", "such\\s+as").
    #[serde(default)]
    pub joiners: Vec<String>,
    /// Regexes for words that may stand before an item ("several", "the", "\\d+").
    #[serde(default)]
    pub determiners: Vec<String>,
    /// Literal text, spaces and commas included, where a list ends (" but ", ", while ").
    #[serde(default)]
    pub ends: Vec<String>,
}

/// `[settings]` of the lexicon: distances in bytes. Each has a default; see docs/RULES.md.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct LexiconSettings {
    /// The clause before a claim starts at most this far before it (negation, hedges).
    pub clause_window: usize,
    /// "denied that ...": how far before a carrying conjunction a negation still counts.
    pub negation_carry: usize,
    /// "another" / "others": how far around a figure an increment cue is looked for.
    pub increment_reach: usize,
}

impl Default for LexiconSettings {
    fn default() -> Self {
        LexiconSettings {
            clause_window: 90,
            negation_carry: 24,
            increment_reach: 12,
        }
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberWords {
    pub units: BTreeMap<String, u64>,
    pub tens: BTreeMap<String, u64>,
    pub scales: BTreeMap<String, u64>,
    /// Words that mean "one" alone and "one of" before a scale: "a", "an".
    pub articles: Vec<String>,
    /// The word for "and" where figures are told: inside one figure in words ("three hundred
    /// and twelve"), between a range's ends ("between 100 and 300"), before a tally's last part
    /// ("two soldiers and a civilian"). Single words.
    #[serde(default)]
    pub joiners: Vec<String>,
    /// Words that open a range: "between 100 and 300".
    #[serde(default)]
    pub range_openers: Vec<String>,
    /// Words between a range's ends: "100 to 300".
    #[serde(default)]
    pub range_links: Vec<String>,
    /// Words between a tally part's figure and its noun, before other modifiers: "16 more
    /// people", "two other fighters".
    #[serde(default)]
    pub tally_modifiers: Vec<String>,
    /// Words that tie a tally part to its group: "five members of the local militia".
    #[serde(default)]
    pub group_links: Vec<String>,
    #[serde(default, rename = "vague")]
    pub vague: Vec<VagueDef>,
}

/// An amount told without a figure: "dozens" = 24..=99.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VagueDef {
    pub phrase: String,
    pub min: u64,
    pub max: u64,
}

/// How a qualifier bends a number into an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
    About,
    Nearly,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QualifierDef {
    pub phrases: Vec<String>,
    pub bound: Bound,
}

/// Cue phrases (regex alternatives) that change what a match means.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cues {
    /// Turn an affirmed proposition into a denied one ("did not", "no", "without").
    pub negation: Vec<String>,
    /// Make a statement too uncertain to be a claim ("whether", "it is unclear").
    pub hedge: Vec<String>,
    /// Just before a number: it is a part of a total, not a total ("including", "among them").
    pub part_of: Vec<String>,
    /// Before a claim in its sentence: it describes another incident ("in retaliation for").
    pub other_incident: Vec<String>,
    /// At the start of a sentence: the whole sentence is background ("In 2019, ...").
    #[serde(default)]
    pub background: Vec<String>,
    /// Before a claim: a figure the source has since revised ("had earlier put the toll at").
    #[serde(default)]
    pub superseded: Vec<String>,
    /// Between a figure's subject and its verb: a clause of its own starts, so the verb is not
    /// the figure's ("two men had died and that the others had been wounded").
    #[serde(default)]
    pub new_clause: Vec<String>,
    /// Around a figure: it adds to one told before ("two other fighters", "another five").
    #[serde(default)]
    pub increment: Vec<String>,
    /// Right after a count: it counts another place ("killed three people elsewhere").
    #[serde(default)]
    pub scope_after: Vec<String>,
    /// Before a count, after the article's lead: an attack introduced as new ("An air strike
    /// in the north killed ..."), so another incident's toll than the one the lead reports.
    #[serde(default)]
    pub new_incident: Vec<String>,
}

/// `rules/actors.toml`: the gazetteer of who speaks.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActorsFile {
    /// Words before an actor's noun that make a definite description ("the monitor").
    pub determiners: Vec<String>,
    /// Articles a name loses when names are compared and ids made: "the Pentagon" is
    /// "Pentagon", "The Gulf Ledger" is `outlet:gulf_ledger`.
    #[serde(default)]
    pub fold_articles: Vec<String>,
    #[serde(rename = "actor")]
    pub actors: Vec<ActorDef>,
}

impl ActorsFile {
    /// `fold_articles` in lower case, as folded names are.
    pub fn fold_articles_lower(&self) -> Vec<String> {
        self.fold_articles
            .iter()
            .map(|a| a.to_lowercase())
            .collect()
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActorDef {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub name: String,
    pub camp: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// People who speak for this actor; their surname alone refers to them later in an article.
    #[serde(default)]
    pub people: Vec<String>,
    /// Nouns that refer back to this actor as a definite description: "the monitor", "the group".
    #[serde(default)]
    pub nouns: Vec<String>,
    /// A news agency or outlet: a conduit ("told Reuters"), the speaker only when no one else is.
    #[serde(default)]
    pub intermediary: bool,
    /// Names that stand for this actor only right before a reporting verb ("Iraq said", "Israel
    /// denied"); anywhere else they are places.
    #[serde(default)]
    pub speaking_names: Vec<String>,
    /// Names that stand for this actor only as the agent of an act ("a Russian missile",
    /// "Israeli strikes"): nationality adjectives. Its aliases and speaking names name it as an
    /// agent too ("Moscow blamed Kyiv").
    #[serde(default)]
    pub agent_names: Vec<String>,
}

/// `rules/attribution.toml`: how news writing says who said what.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttributionFile {
    /// Finite reporting verbs; the speaker is the subject before them, or named right after.
    pub speech_verbs: Vec<String>,
    /// Participles whose speaker is the sentence's subject ("..., saying ...").
    pub participles: Vec<String>,
    /// Phrases whose speaker follows them ("according to X").
    pub according_to: Vec<String>,
    /// Sentences that give the previous sentence its speaker ("This was stated by X"): the
    /// speaker follows the phrase, as after `according_to`.
    #[serde(default)]
    pub back_references: Vec<String>,
    /// Sentence openings that start a new topic ("Meanwhile", "Separately"): a carried
    /// speaker (see `carry_sentences`) does not reach a claim at or after one.
    #[serde(default)]
    pub carry_breaks: Vec<String>,
    /// Auxiliaries that make a reporting verb right after them passive ("It is noted that",
    /// "X was criticized by"): the word before is not who speaks, so no account is carried on
    /// from the sentence. Literal words, any case.
    #[serde(default)]
    pub passive_auxiliaries: Vec<String>,
    /// Verbs whose object is the listener, never the speaker ("told").
    pub addressee_verbs: Vec<String>,
    /// Phrases by which a speaker rejects what it reports ("not true", "deception").
    pub rejections: Vec<String>,
    /// Reported-claim frames; `(?P<inner>...)` holds the actor whose claim follows the frame.
    #[serde(rename = "frame")]
    pub frames: Vec<FrameDef>,
    pub pronouns: Pronouns,
    /// Role nouns that introduce a spokesperson's name ("Pentagon spokesman Jane Doe",
    /// "Jane Doe, a spokesman for the Houthis"); the name then refers to that actor.
    pub roles: Vec<String>,
    /// Ranks and honorifics that may stand before a name ("Maj. Gen.", "Col.", "Mr.").
    pub titles: Vec<String>,
    /// Particles inside personal names, as regexes ("al-", "bin\\s+"): "Abu Ali al-Askari".
    #[serde(default)]
    pub name_particles: Vec<String>,
    /// Capitalised words that open a run without naming anyone ("The", "On", "Monday").
    #[serde(default)]
    pub not_names: Vec<String>,
    /// Words (regexes) that make a name an organisation's, not a person's ("council", "news").
    #[serde(default)]
    pub organisation_words: Vec<String>,
    /// Nouns (regexes) of unnamed sources in a speaker position ("sources", "official").
    #[serde(default)]
    pub source_nouns: Vec<String>,
    /// Words that tie a role to its office: "a spokesman for the Houthis", "director of the
    /// hospital".
    #[serde(default)]
    pub role_links: Vec<String>,
    /// Articles: they may open a speaker's name ("the Mariupol City Council") or a title run.
    #[serde(default)]
    pub articles: Vec<String>,
    /// Function words: never part of an unnamed source's phrase ("killed in the attack
    /// security sources said" names "security sources").
    #[serde(default)]
    pub stop_words: Vec<String>,
    /// First words of a sentence that open a subordinate phrase: its names are not the subject
    /// of the main clause ("After", "Following").
    #[serde(default)]
    pub leading_words: Vec<String>,
    /// Words that open a comma-delimited appositive or relative clause (", a city near ...,").
    #[serde(default)]
    pub appositive_openers: Vec<String>,
    /// Where the listener after "told" ends (regexes): "told reporters on Friday".
    #[serde(default)]
    pub addressee_ends: Vec<String>,
    /// Endings (literal, case as written) of capitalised words that may stand between a
    /// subject and its verb as lower-case words do: weekdays ("Iraq on Sunday said").
    #[serde(default)]
    pub gap_word_endings: Vec<String>,
    /// Words (literal, case as written) after which a reporting verb shares the sentence's
    /// subject: "X denied the report and said ...".
    #[serde(default)]
    pub verb_coordinators: Vec<String>,
    /// Distances and counts the attribution heuristics use.
    #[serde(default)]
    pub settings: AttributionSettings,
}

/// How far attribution looks, in bytes or words. Each has a default; see docs/RULES.md.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct AttributionSettings {
    /// "according to X": X starts within this many bytes of the cue.
    pub according_to_reach: usize,
    /// "..., said X": X starts within this many bytes of the verb, over titles only.
    pub after_verb_reach: usize,
    /// "X has also said": at most this many bytes of lower-case words between subject and verb.
    pub subject_gap: usize,
    /// ... and at most this many words.
    pub subject_gap_words: usize,
    /// "a law enforcement source": at most this many words before an unnamed source's noun.
    pub source_modifiers: usize,
    /// "the governor of Salahuddin province said": the place after a description is this short.
    pub complement_reach: usize,
    /// A headline's "...: monitor": the attribution after the last colon is this short.
    pub headline_tail: usize,
    /// A headline's "CENTCOM: ...": the attribution before the first colon is this short.
    pub headline_head: usize,
    /// "Jane Doe, a spokesman for the Houthis": how far before an actor's mention the name and
    /// role may start. The shape is searched in this window only, not the whole sentence
    /// before the mention, which is both faster and keeps a name far back from being taken.
    pub role_window: usize,
    /// "Iraq said", "Israel on Monday denied": how far after a speaking name its reporting
    /// verb may end. Further on, the name is a place ("strikes in Iraq ... said").
    pub name_reach: usize,
    /// "according to X", a headline's ": X": how far from its cue a speaker the gazetteer does
    /// not know may start. Further on, a capitalised name is more often a place than a source.
    pub speaker_reach: usize,
    /// How far back from a reporting verb a speaker's name may start: the anchored searches
    /// for names and unnamed sources read only this much of the text before the verb.
    pub name_window: usize,
    /// The shortest name (in bytes) an article may tie to an actor: shorter ones are initials
    /// or noise ("Al", "US"), and would match inside many other words.
    pub shortest_name: usize,
    /// How many sentences of the lede are the outlet's own account of the incident: an
    /// unattributed figure there is the outlet's claim; further down it is as often background.
    pub lede_sentences: usize,
    /// A reporter states a source's account over several sentences and attributes only the
    /// first: a claim after the lead with no speaker and no reporting cue of its own takes the
    /// speaker of the latest attributed sentence at most this many sentences back. 0: never.
    pub carry_sentences: usize,
    /// ... and with at most this many paragraph breaks (line breaks) between the two.
    pub carry_paragraphs: usize,
    /// A quotation of at least this many words in the attributed sentence is the speaker's own
    /// words, and what follows unattributed is the reporter's again: no account is carried on.
    /// Shorter quotations are terms ("the designated “humanitarian zone”").
    pub carry_quote_words: usize,
}

impl Default for AttributionSettings {
    fn default() -> Self {
        AttributionSettings {
            according_to_reach: 80,
            after_verb_reach: 30,
            subject_gap: 24,
            subject_gap_words: 3,
            source_modifiers: 3,
            complement_reach: 40,
            headline_tail: 60,
            headline_head: 40,
            role_window: 120,
            name_reach: 60,
            speaker_reach: 40,
            name_window: 80,
            shortest_name: 3,
            lede_sentences: 2,
            carry_sentences: 0,
            carry_paragraphs: 0,
            carry_quote_words: 4,
        }
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrameDef {
    #[schemars(with = "String")]
    pub regex: Spanned<String>,
    /// The frame itself says the outer speaker disputes the inner claim ("accused X of claiming").
    #[serde(default)]
    pub disputed: bool,
    /// The frame holds even when no actor is named in `inner` ("reports that ..."): the claim
    /// is then nobody's. Otherwise a frame without a named actor is ignored.
    #[serde(default)]
    pub anonymous: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pronouns {
    /// Refer back to the last person named ("he", "she").
    pub person: Vec<String>,
    /// Refer back to the last speaker, person or group ("they", "it").
    pub speaker: Vec<String>,
}
