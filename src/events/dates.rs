//! When an article's incident happened: its publication date (front matter, dateline, or the
//! date in its URL) and the dates its lead gives ("on Friday", "late Sunday", "Jan. 28",
//! "on 8 April", "yesterday"), resolved against the publication date. Calendar arithmetic is
//! `jiff`'s; the calendar's words come from `rules/events.toml`.

use crate::rules::grouping::Calendar;
use jiff::civil::Date;
use jiff::{Span, Unit};
use regex::Captures;
use std::sync::LazyLock;

/// A day as a number (days since 1970-01-01): what grouping compares and stores per article.
pub type Day = i32;

const EPOCH: Date = Date::constant(1970, 1, 1);

/// Days in a year, for going round it (the leap day is within every tolerance used).
pub const YEAR_DAYS: Day = 366;

/// A day's place in its year, from 0 (1 January).
pub fn day_of_year(day: Day) -> Day {
    date(day).map_or(0, |d| Day::from(d.day_of_year()) - 1)
}

/// The place in the year of a month and day, as in a leap year.
pub fn month_day_of_year(month: u8, day: u8) -> Option<Day> {
    let d = Date::new(2000, month as i8, day as i8).ok()?;
    Some(Day::from(d.day_of_year()) - 1)
}

pub fn day(date: Date) -> Day {
    date.since((Unit::Day, EPOCH)).map_or(0, |s| s.get_days())
}

/// The date of a day number, or `None` outside the calendar's range.
pub fn date(day: Day) -> Option<Date> {
    EPOCH.checked_add(Span::new().days(i64::from(day))).ok()
}

/// "2021-06-28" (anything after the day, such as a time, is ignored).
pub fn parse_iso(s: &str) -> Option<Date> {
    let s = s.trim();
    let (y, rest) = s.split_once('-')?;
    let (m, rest) = rest.split_once('-')?;
    let d = rest.get(..2)?;
    let (y, m, d): (i16, i8, i8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    (1900..=2200)
        .contains(&y)
        .then(|| Date::new(y, m, d).ok())
        .flatten()
}

/// A date range the publication falls in: one day, or a month or year when that is all a URL
/// tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub first: Day,
    pub last: Day,
}

impl Range {
    fn one(date: Date) -> Range {
        Range {
            first: day(date),
            last: day(date),
        }
    }
}

static URL_DAY: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"/(?P<y>(?:19|20)\d\d)(?:/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)|-(?P<m2>[01]\d)-(?P<d2>[0-3]\d)|(?P<m3>[01]\d)(?P<d3>[0-3]\d)|/(?P<m4>[01]\d)(?P<d4>[0-3]\d))(?:[/_.-]|$)",
    )
    .expect("static regex")
});
static URL_MONTH: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"/(?P<y>(?:19|20)\d\d)/?(?P<m>[01]\d)(?:/|$)").expect("static regex")
});
static URL_YEAR: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"/(?P<y>(?:19|20)\d\d)/").expect("static regex"));

/// The publication date a URL carries, as news sites write it: `/2024/01/29/`, `/2024/1/29/`,
/// `/20201211/`, `/2024-01-29`, `/2024/0129/`; or only `/202204/` or `/2024/05/` (a month) or
/// `/2020/` (a year).
pub fn url_date(url: &str) -> Option<Range> {
    let num = |c: &Captures, names: &[&str]| -> Option<i8> {
        names
            .iter()
            .find_map(|n| c.name(n))
            .and_then(|m| m.as_str().parse().ok())
    };
    if let Some(c) = URL_DAY.captures(url) {
        let y: i16 = c["y"].parse().ok()?;
        let m = num(&c, &["m", "m2", "m3", "m4"]);
        let d = num(&c, &["d", "d2", "d3", "d4"]);
        if let Some(date) = m.zip(d).and_then(|(m, d)| Date::new(y, m, d).ok()) {
            return Some(Range::one(date));
        }
    }
    if let Some(c) = URL_MONTH.captures(url) {
        let y: i16 = c["y"].parse().ok()?;
        let m: i8 = c["m"].parse().ok()?;
        if let Ok(first) = Date::new(y, m, 1) {
            return Some(Range {
                first: day(first),
                last: day(first.last_of_month()),
            });
        }
    }
    let c = URL_YEAR.captures(url)?;
    let y: i16 = c["y"].parse().ok()?;
    Some(Range {
        first: day(Date::new(y, 1, 1).ok()?),
        last: day(Date::new(y, 12, 31).ok()?),
    })
}

/// How far into its line a dateline's date may start ("WASHINGTON, Feb. 3, 2024 —"); a date
/// further in is part of a sentence or caption, not the article's own date.
const DATELINE_INDENT: usize = 40;
/// A line this short that holds a full date is a byline or date line.
const DATE_LINE: usize = 100;
/// How much of the body is searched for a dateline.
const DATELINE_HEAD: usize = 600;

/// A full date standing as the article's own date near its top: at the start of a line, after a
/// place name ("BAGHDAD, Jan. 3, 2020 —"), or on a short line of its own (a byline).
pub fn dateline(body: &str, calendar: &Calendar) -> Option<Date> {
    let head = &body[..crate::text::floor_char_boundary(body, DATELINE_HEAD.min(body.len()))];
    let mut best: Option<(usize, Date)> = None;
    for re in [&calendar.day_month, &calendar.month_day]
        .into_iter()
        .chain(calendar.iso.as_ref())
    {
        for c in re.captures_iter(head) {
            let Some(year) = c.name("y") else { continue };
            let start = c.get(0).map_or(0, |m| m.start());
            let line_start = head[..start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = head[start..].find('\n').map_or(head.len(), |i| start + i);
            let placed =
                start - line_start <= DATELINE_INDENT || line_end - line_start <= DATE_LINE;
            let date = full_date(calendar, &c, year.as_str());
            if let (true, Some(date)) = (placed, date)
                && best.is_none_or(|(at, _)| start < at)
            {
                best = Some((start, date));
            }
        }
    }
    best.map(|(_, d)| d)
}

fn full_date(calendar: &Calendar, c: &Captures, year: &str) -> Option<Date> {
    let m = calendar.month(c["m"].trim_end_matches('.'))?;
    let d: i8 = c["d"].parse().ok()?;
    let y: i16 = year.parse().ok()?;
    Date::new(y, m as i8, d).ok()
}

/// What a text's date words are read against: the publication date, or only a range (from a URL).
#[derive(Debug, Clone, Copy)]
pub struct Reference {
    pub published: Option<Date>,
    pub range: Option<Range>,
}

/// Every date in `text` that can be placed on the calendar, in text order, resolved against
/// `reference`: a full date as written; a day and month in the year that puts it on or before
/// publication; a weekday as the last such day on or before publication; "yesterday" and its
/// kin by their offset. (ISO dates are page metadata, the dateline's business, not prose.)
pub fn dates_in(text: &str, calendar: &Calendar, reference: Reference) -> Vec<Date> {
    let lead = text;
    let mut found: Vec<(usize, Date)> = Vec::new();
    for re in [&calendar.day_month, &calendar.month_day] {
        for c in re.captures_iter(lead) {
            let at = c.get(0).map_or(0, |m| m.start());
            if let Some(d) = day_and_month(calendar, &c, reference) {
                found.push((at, d));
            }
        }
    }
    if let Some(published) = reference.published {
        for c in calendar.weekday.captures_iter(lead) {
            let Some(w) = calendar.weekday(&c["w"]) else {
                continue;
            };
            let back = (published.weekday().to_monday_zero_offset() - w as i8).rem_euclid(7);
            if let Ok(d) = published.checked_sub(Span::new().days(i64::from(back))) {
                found.push((c.get(0).map_or(0, |m| m.start()), d));
            }
        }
        for m in calendar.relative.iter().flat_map(|r| r.find_iter(lead)) {
            let offset = calendar.relative_days(m.as_str()).unwrap_or(0);
            if let Ok(d) = published.checked_add(Span::new().days(i64::from(offset))) {
                found.push((m.start(), d));
            }
        }
    }
    found.sort_by_key(|&(at, _)| at);
    found.into_iter().map(|(_, d)| d).collect()
}

/// The year a page's copyright line gives ("Copyright 2024 NPR"; of "© 2010-2024", the
/// last), as a span of days: its publication year.
pub fn copyright_year(body: &str, calendar: &Calendar) -> Option<Range> {
    let re = calendar.copyright.as_ref()?;
    let year: i16 = re
        .captures_iter(body)
        .filter_map(|c| c.name("last").or(c.name("y"))?.as_str().parse().ok())
        .max()?;
    Some(Range {
        first: day(Date::new(year, 1, 1).ok()?),
        last: day(Date::new(year, 12, 31).ok()?),
    })
}

/// The spans of days a text's months and years name ("December 2019": its 31 days; "in
/// 2018": that year). A full date ("8 April 2022") names its month and year too.
pub fn spans_in(text: &str, calendar: &Calendar) -> Vec<Range> {
    calendar
        .month_year
        .captures_iter(text)
        .filter_map(|c| {
            let y: i16 = c["y"].parse().ok()?;
            let (first, last) = match c.name("m") {
                Some(m) => {
                    let m = calendar.month(m.as_str().trim_end_matches('.'))? as i8;
                    let first = Date::new(y, m, 1).ok()?;
                    (first, first.last_of_month())
                }
                None => (Date::new(y, 1, 1).ok()?, Date::new(y, 12, 31).ok()?),
            };
            Some(Range {
                first: day(first),
                last: day(last),
            })
        })
        .collect()
}

/// Every day of the year a text names ("Jan. 28", "8 April 2022"), as (month, day).
pub fn days_of_year(text: &str, calendar: &Calendar) -> Vec<(u8, u8)> {
    [&calendar.day_month, &calendar.month_day]
        .into_iter()
        .flat_map(|re| re.captures_iter(text))
        .filter_map(|c| {
            let m = calendar.month(c["m"].trim_end_matches('.'))?;
            let d: u8 = c["d"].parse().ok()?;
            (1..=31).contains(&d).then_some((m, d))
        })
        .collect()
}

/// "8 April" / "Jan. 28" (year optional), placed in the year that puts it on or just before the
/// reference date.
fn day_and_month(calendar: &Calendar, c: &Captures, reference: Reference) -> Option<Date> {
    if let Some(y) = c.name("y") {
        return full_date(calendar, c, y.as_str());
    }
    let m = calendar.month(c["m"].trim_end_matches('.'))? as i8;
    let d: i8 = c["d"].parse().ok()?;
    let latest = match (reference.published, reference.range) {
        (Some(p), _) => p,
        (None, Some(r)) => date(r.last)?,
        (None, None) => return None,
    };
    // A report can tell of the day after it is dated (time zones), never of next year.
    let limit = latest.checked_add(Span::new().days(1)).ok()?;
    let this_year = Date::new(latest.year(), m, d).ok()?;
    if this_year <= limit {
        Some(this_year)
    } else {
        Date::new(latest.year() - 1, m, d).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calendar() -> &'static Calendar {
        &crate::rules::test_rules().grouping.calendar
    }

    fn iso(s: &str) -> Date {
        parse_iso(s).expect("a date")
    }

    #[test]
    fn datelines_in_common_forms_and_not_in_captions() {
        let c = calendar();
        let d = |t: &str| dateline(t, c).map(|d| d.to_string());
        assert_eq!(
            d("By X\n29 Jun 2021 3:13 PM").as_deref(),
            Some("2021-06-29")
        );
        assert_eq!(
            d("WASHINGTON, Feb. 3, 2024 — The").as_deref(),
            Some("2024-02-03")
        );
        assert_eq!(d("in Baghdad on Jan. 27."), None);
        assert_eq!(
            d(" date 2020-01-03 A strike").as_deref(),
            Some("2020-01-03")
        );
        let caption = "A satellite view of the outpost, in the desert district near the border, \
                       October 12, 2023 in this handout image taken by a company.";
        assert_eq!(d(caption), None, "a date inside a long caption line");
    }

    #[test]
    fn urls_carry_days_months_or_years() {
        let one = |s: &str| {
            let r = url_date(s).expect("a date");
            assert_eq!(r.first, r.last, "{s}");
            date(r.first).expect("in range").to_string()
        };
        assert_eq!(one("https://x.com/news/2024/01/29/story"), "2024-01-29");
        assert_eq!(one("https://x.com/news/2024/1/29/chk_story"), "2024-01-29");
        assert_eq!(one("https://x.com/amp/20201211/story-108"), "2020-12-11");
        assert_eq!(one("https://x.com/n3/2024/0129/c900.html"), "2024-01-29");
        let month = url_date("https://x.com/page/202204/125.shtml").expect("a month");
        assert_eq!(month.last - month.first, 29);
        let year = url_date("http://x.com/2020/us-warned-iraq").expect("a year");
        assert_eq!(year.last - year.first, 365, "2020 is a leap year");
        assert_eq!(url_date("https://x.com/news/443924/story"), None);
    }

    #[test]
    fn lead_dates_resolve_against_publication() {
        let c = calendar();
        let at = |lead: &str, published: &str| {
            let r = Reference {
                published: Some(iso(published)),
                range: None,
            };
            dates_in(lead, c, r).first().map(|d| d.to_string())
        };
        // 2024-02-03 is a Saturday.
        assert_eq!(
            at("Strikes hit on Friday night.", "2024-02-03").as_deref(),
            Some("2024-02-02")
        );
        assert_eq!(
            at("Late Saturday, a drone hit.", "2024-02-03").as_deref(),
            Some("2024-02-03")
        );
        assert_eq!(
            at("It happened on 8 April.", "2022-04-11").as_deref(),
            Some("2022-04-08")
        );
        assert_eq!(
            at("On Dec. 29 the base was hit.", "2020-01-04").as_deref(),
            Some("2019-12-29")
        );
        assert_eq!(
            at("A blast yesterday killed two.", "2023-03-24").as_deref(),
            Some("2023-03-23")
        );
        let r = Reference {
            published: Some(iso("2024-02-03")),
            range: None,
        };
        let both: Vec<String> = dates_in("On Jan. 28, 2024, and again on Friday", c, r)
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(both, ["2024-01-28", "2024-02-02"], "in text order");
        assert_eq!(at("No date words here.", "2024-02-03"), None);
    }

    #[test]
    fn without_publication_only_full_dates_or_a_url_range_place_a_lead() {
        let c = calendar();
        let none = Reference {
            published: None,
            range: None,
        };
        assert!(dates_in("On Friday it hit.", c, none).is_empty());
        assert_eq!(
            dates_in("On January 3, 2020 it hit.", c, none)
                .first()
                .map(|d| d.to_string())
                .as_deref(),
            Some("2020-01-03")
        );
        let url = Reference {
            published: None,
            range: url_date("https://x.com/2022/04/"),
        };
        assert_eq!(
            dates_in("the 8 April strike", c, url)
                .first()
                .map(|d| d.to_string())
                .as_deref(),
            Some("2022-04-08")
        );
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day(iso("1970-01-01")), 0);
        assert_eq!(day(iso("2024-02-02")) - day(iso("2024-01-28")), 5);
        assert_eq!(date(day(iso("2023-03-14"))), Some(iso("2023-03-14")));
        assert_eq!(parse_iso("2023-02-29"), None);
    }
}
