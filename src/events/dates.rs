//! Calendar dates: ISO dates from front matter, datelines from article text.

use regex::Regex;
use std::fmt;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=days_in_month).contains(&day) && (1900..=2200).contains(&year)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for differences between dates.
    pub fn days(&self) -> i64 {
        let (y, m) = if self.month <= 2 {
            (self.year as i64 - 1, self.month as i64 + 9)
        } else {
            (self.year as i64, self.month as i64 - 3)
        };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * m + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

/// "2021-06-28".
pub fn parse_iso(s: &str) -> Option<Date> {
    let mut it = s.trim().splitn(3, '-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.get(..2)?.parse().ok()?;
    Date::new(y, m, d)
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    MONTHS
        .iter()
        .position(|m| lower.starts_with(m))
        .map(|i| i as u32 + 1)
}

const MONTH_RE: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<d>\d{{1,2}})\s+(?P<m>{MONTH_RE})\.?,?\s+(?P<y>(?:19|20)\d\d)\b"
    ))
    .expect("static regex")
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<m>{MONTH_RE})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>(?:19|20)\d\d)\b"
    ))
    .expect("static regex")
});
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b").expect("static regex")
});

/// A full date in the first lines of an article (a byline or dateline), if any.
pub fn dateline(body: &str) -> Option<Date> {
    let head_end = body.char_indices().nth(600).map_or(body.len(), |(i, _)| i);
    let head = &body[..head_end];
    let mut found: Vec<(usize, Date)> = Vec::new();
    for re in [&*DAY_MONTH_YEAR, &*MONTH_DAY_YEAR, &*ISO] {
        if let Some(c) = re.captures(head) {
            let month = c["m"].parse().ok().or_else(|| month_number(&c["m"]));
            if let (Some(m), Ok(d), Ok(y)) = (month, c["d"].parse(), c["y"].parse())
                && let Some(date) = Date::new(y, m, d)
            {
                found.push((c.get(0).map_or(0, |m| m.start()), date));
            }
        }
    }
    found
        .into_iter()
        .min_by_key(|(pos, _)| *pos)
        .map(|(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_in_common_forms() {
        assert_eq!(
            dateline("By X\n29 Jun 2021 3:13 PM").unwrap().to_string(),
            "2021-06-29"
        );
        assert_eq!(
            dateline("WASHINGTON, Feb. 3, 2024 — The")
                .unwrap()
                .to_string(),
            "2024-02-03"
        );
        assert_eq!(dateline("Posted 2023-03-14"), parse_iso("2023-03-14"));
        assert_eq!(dateline("in Baghdad on Jan. 27."), None);
    }

    #[test]
    fn day_arithmetic() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days(), 0);
        let a = parse_iso("2024-02-02").unwrap();
        let b = parse_iso("2024-01-28").unwrap();
        assert_eq!(a.days() - b.days(), 5);
        assert!(Date::new(2023, 2, 29).is_none());
    }
}
