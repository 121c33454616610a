//! A deterministic corpus generator for benchmarks and scale tests.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --articles 200000 --seed 7 --out corpus.jsonl
//! cargo run --release --example gen_corpus -- --articles 500 --seed 1 --out corpus/ --txt
//! cargo run --release --example gen_corpus -- --articles 4000 --per-event 1000 --out big.jsonl
//! ```
//!
//! Articles are 2-8 KB of wire-style prose in which most sentences carry no claim. About one event
//! per 20 articles; each event has an invented place, a date, its actors, and figures on which the
//! sources sometimes agree and sometimes do not, told in varied phrasings. Same seed, same bytes.

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// SplitMix64: tiny, fast, and the same on every platform and toolchain, so a seed always gives
/// the same corpus (no dependency whose algorithm could change under us).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const SYLLABLES: &[&str] = &[
    "kar", "vesh", "tal", "um", "ara", "bel", "qas", "run", "dor", "mir", "zan", "hal", "sur",
    "ab", "eth", "nol", "raz", "kiv", "dam", "oru", "sel", "fay", "gun", "ish", "bar", "tek",
    "wad", "il", "mun", "jar",
];

const STRIKERS: &[&str] = &[
    "The Pentagon",
    "US Central Command",
    "The US military",
    "The Israeli military",
    "US Africa Command",
];
const LOCALS: &[&str] = &[
    "Local officials",
    "The provincial governor",
    "A hospital director",
    "The mayor",
    "Tribal elders",
];
const GROUPS: &[&str] = &[
    "Kata'ib Hezbollah",
    "Harakat al-Nujaba",
    "The Popular Mobilization Forces",
    "al-Shabab",
    "The Houthis",
    "Hezbollah",
];
const MONITORS: &[&str] = &[
    "The Syrian Observatory for Human Rights",
    "The United Nations",
    "A Britain-based war monitor",
];
const GOVERNMENTS: &[&str] = &[
    "The Iraqi government",
    "The Somali government",
    "The Syrian government",
    "The Yemeni government",
];
const NUMBER_WORDS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
];
const MONTHS: &[&str] = &[
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];
const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Background sentences: no claim, the bulk of every article.
const FILLER: &[&str] = &[
    "The area around {place} has seen repeated clashes between armed groups and government forces in recent months.",
    "Residents of {place} said shops reopened slowly on {day} as roads were cleared of debris.",
    "Analysts said the escalation reflected a wider contest for influence across the border region.",
    "Diplomats in the capital called for restraint and urged all sides to avoid steps that could widen the conflict.",
    "The road linking {place} to the provincial capital was closed for several hours, according to drivers.",
    "Humanitarian agencies said access to the area remained difficult because of damaged bridges and checkpoints.",
    "Lawmakers in the capital demanded a briefing on the operation and on the rules governing foreign forces.",
    "Prices of flour and fuel in {place} have risen sharply since the fighting began, traders said.",
    "Schools in the district were closed for the rest of the week as a precaution.",
    "The strike was the latest in a series of operations that officials have described as limited in scope.",
    "Families who fled the outskirts of {place} began returning on {day}, aid workers said.",
    "Electricity was restored to most neighbourhoods by the evening after repairs to a damaged line.",
    "Security forces set up additional checkpoints on the main roads leading into {place}.",
    "The group has not commented publicly on its losses in previous clashes in the area.",
    "Observers noted that the timing of the operation coincided with talks on the future of foreign troops.",
    "Mourners gathered in the central square of {place} for funerals that lasted into the night.",
];

struct Event {
    place: String,
    date: (u32, u32, u32),
    striker: &'static str,
    group: &'static str,
    local: &'static str,
    monitor: &'static str,
    government: &'static str,
    toll: u64,
    disputed: bool,
}

fn place(rng: &mut Rng) -> String {
    let n = 2 + rng.below(2);
    let mut name: String = (0..n).map(|_| *rng.pick(SYLLABLES)).collect();
    if let Some(first) = name.get(..1) {
        name = first.to_uppercase() + &name[1..];
    }
    if rng.chance(30) {
        format!("Tal {name}")
    } else {
        name
    }
}

fn event(rng: &mut Rng, index: usize) -> Event {
    // Consecutive events are 11 days apart (a calendar of 12 months of 28 days) over 20 years,
    // then the calendar starts again: on a large corpus dozens of events share each date window,
    // as on a real wire, and only their names and figures tell them apart.
    let ordinal = (index * 11 % (336 * 20)) as u32;
    let (year, month, day) = (
        2000 + ordinal / 336,
        1 + ordinal % 336 / 28,
        1 + ordinal % 28,
    );
    Event {
        place: place(rng),
        date: (year, month, day),
        striker: STRIKERS[rng.below(STRIKERS.len())],
        group: GROUPS[rng.below(GROUPS.len())],
        local: LOCALS[rng.below(LOCALS.len())],
        monitor: MONITORS[rng.below(MONITORS.len())],
        government: GOVERNMENTS[rng.below(GOVERNMENTS.len())],
        toll: 3 + rng.below(30) as u64,
        disputed: rng.chance(60),
    }
}

fn figure(rng: &mut Rng, n: u64) -> String {
    if n < 13 && rng.chance(50) {
        NUMBER_WORDS
            .get(n as usize - 2)
            .map_or(n.to_string(), |w| w.to_string())
    } else {
        n.to_string()
    }
}

/// One claim sentence in one of several phrasings.
fn claim(rng: &mut Rng, e: &Event) -> String {
    let (who, n) = match rng.below(3) {
        0 => (
            e.group,
            if e.disputed {
                (e.toll / 3).max(1)
            } else {
                e.toll
            },
        ),
        1 => (e.monitor, e.toll),
        _ => (e.local, e.toll),
    };
    let f = figure(rng, n);
    match rng.below(9) {
        0 => format!(
            "{who} said {f} fighters were killed in the strike near {}.",
            e.place
        ),
        1 => format!(
            "At least {f} people were killed, {} said.",
            who.to_lowercase().trim_start_matches("the ")
        ),
        2 => format!(
            "According to {}, {f} militants died when the compound was hit.",
            who.trim_start_matches("The ").trim_start_matches("A ")
        ),
        3 => format!("{who} said {} people were wounded.", e.toll * 2),
        4 => format!(
            "{} said it informed the government in advance of the operation.",
            e.striker
        ),
        5 => format!(
            "{} said there had been no prior notice of the strike.",
            e.government
        ),
        6 => format!(
            "{} said the aircraft hit only military targets, including weapons depots.",
            e.striker
        ),
        7 => format!(
            "{} said the strike destroyed several homes near {}.",
            e.local, e.place
        ),
        _ => format!("{who} put the death toll at {f}."),
    }
}

fn article(rng: &mut Rng, e: &Event, id: usize) -> (String, String) {
    let (y, m, d) = e.date;
    let day = DAYS[(d as usize) % DAYS.len()];
    let headline = format!(
        "Strike near {} leaves dead and wounded, sources say",
        e.place
    );
    let mut body = format!(
        "{}, {} {d}, {y} — An air strike hit a compound near {} late on {day}, {} said, in an operation aimed at {}.\n\n",
        e.place.to_uppercase(),
        MONTHS[(m - 1) as usize],
        e.place,
        e.striker,
        e.group
    );
    let target = 2000 + rng.below(6000);
    while body.len() < target {
        for _ in 0..3 + rng.below(4) {
            let s = if rng.chance(12) {
                claim(rng, e)
            } else {
                rng.pick(FILLER)
                    .replace("{place}", &e.place)
                    .replace("{day}", day)
            };
            body.push_str(&s);
            body.push(' ');
        }
        body.push_str("\n\n");
    }
    let _ = write!(body, "Reporting by staff in {} (article {id}).", e.place);
    (headline, body)
}

struct Args {
    articles: usize,
    seed: u64,
    out: PathBuf,
    txt: bool,
    per_event: usize,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        articles: 1000,
        seed: 7,
        out: PathBuf::from("corpus.jsonl"),
        txt: false,
        per_event: 20,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--articles" => {
                a.articles = value()?.parse().map_err(|e| format!("--articles: {e}"))?
            }
            "--seed" => a.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--out" => a.out = PathBuf::from(value()?),
            "--txt" => a.txt = true,
            "--per-event" => {
                a.per_event = value()?
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or("--per-event needs a positive number")?
            }
            other => {
                return Err(format!(
                    "unknown flag {other}; use --articles N --seed S --out FILE.jsonl|DIR [--txt] [--per-event N]"
                ));
            }
        }
    }
    Ok(a)
}

fn main() -> Result<(), String> {
    let a = args()?;
    let mut rng = Rng(a.seed);
    let io = |e: std::io::Error| e.to_string();
    let mut jsonl = if a.txt {
        std::fs::create_dir_all(&a.out).map_err(io)?;
        None
    } else {
        Some(BufWriter::new(std::fs::File::create(&a.out).map_err(io)?))
    };
    let mut current = event(&mut rng, 0);
    for i in 0..a.articles {
        if i > 0 && i % a.per_event == 0 {
            current = event(&mut rng, i / a.per_event);
        }
        let (headline, body) = article(&mut rng, &current, i);
        let (y, m, d) = current.date;
        let published = format!("{y:04}-{m:02}-{d:02}");
        let outlet = format!("Wire {}", 1 + rng.below(12));
        match &mut jsonl {
            Some(w) => {
                let line = serde_json::json!({"id": format!("a{i:07}"), "outlet": outlet, "published": published, "title": headline, "text": format!("{headline}\n\n{body}")});
                writeln!(w, "{line}").map_err(io)?;
            }
            None => {
                let dated = rng.chance(80);
                let front = if dated {
                    format!("+++\noutlet = \"{outlet}\"\npublished = \"{published}\"\n+++\n")
                } else {
                    String::new()
                };
                std::fs::write(
                    a.out.join(format!("a{i:07}.txt")),
                    format!("{front}{headline}\n\n{body}\n"),
                )
                .map_err(io)?;
            }
        }
    }
    if let Some(mut w) = jsonl {
        w.flush().map_err(io)?;
    }
    Ok(())
}
