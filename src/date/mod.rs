//! Dates, times and durations, with ISO 8601 / TIMEX3 values, and the
//! detection of an article's own date.
//!
//! What is found, with values for an article dated Tuesday 2022-08-09:
//!
//! | kind | examples | value |
//! |---|---|---|
//! | calendar dates | `Aug. 9`, `August 9, 2022`, `9 August`, `Aug 9th`, `2022-08-10`, `08/09/2022` (US order; day first when the first part exceeds 12, or with dots) | `2022-08-09` |
//! | a day of the month alone, after a preposition of time | `on the 27th` (said in the past), `by the 15th` (in the future), `the 15th next month` | `2022-07-27`, `2022-08-15`, `2022-09-15` |
//! | other written forms | `Friday (Aug. 12)`, `16. November 2016`, `2019-Sep-01` | `2022-08-12`, `2016-11-16`, `2019-09-01` |
//! | ranges of days, years | `Aug. 9-10`, `2019-2020` | `2022-08-09/2022-08-10`, `2019/2020` (ISO 8601 intervals) |
//! | months, years, decades | `May`, `August 2022`, `2019`, `1990s`, `'90s` | `2022-05`, `2022-08`, `2019`, `199`, `199` |
//! | quarters, halves, seasons | `the second quarter`, `Q3 2021`, `first half`, `this summer`, `summer 2016` | `2022-Q2`, `2021-Q3`, `2022-H1`, `2022-SU`, `2016-SU` |
//! | weekdays | `Tuesday`, `Monday`, `last Friday`, `next Sunday`, `Friday next week`, `the first Friday of July` | `2022-08-09`, `2022-08-08`, `2022-08-05`, `2022-08-21`, `2022-08-19`, `2022-07-01` |
//! | relative dates | `today`, `yesterday`, `last week`, `next month`, `earlier this year`, `two days ago`, `three weeks ago`, `within the year`, `the end of the year` | `2022-08-09`, `2022-08-08`, `2022-W31`, `2022-09`, `2022`, `2022-08-07`, `2022-W29`, `2022`, `2022` |
//! | durations (DATE from a day up) | `80 years`, `one day`, `A day before`, `the past two years`, `1 year 1 month 21 days`, `several days`, `for decades` | `P80Y`, `P1D`, `P1D`, `P2Y`, `P1Y1M21D`, `PXD`, `PXDE` |
//! | sets | `every Monday`, `every four years` | `XXXX-WXX-1`, `P4Y` |
//! | holidays on a fixed day | `Christmas Day`, `New Year's Eve` | `2022-12-25`, `2022-12-31` |
//! | times (TIME) | `3 p.m.`, `10:30 a.m.`, `noon`, `midnight`, `7:56:35 p.m.` | `T15:00`, `T10:30`, `T12:00`, `T00:00`, `T19:56:35` |
//! | times with a zone | `15:30 GMT`, `15:30 KST`, `0600 GMT` | `T15:30Z`, `T15:30+09:00`, `T06:00Z` (the zone as an ISO 8601 UTC offset; `local time` joins the span, not the value) |
//! | times on a day, parts of a day | `3 p.m. Tuesday`, `Tuesday night`, `this morning`, `last night` | `2022-08-09T15:00`, `2022-08-09TNI`, `2022-08-09TMO`, `2022-08-08TNI` |
//! | durations under a day (TIME) | `two hours`, `30 minutes`, `an hour and a half` | `PT2H`, `PT30M`, `PT1.5H` |
//!
//! Conventions:
//!
//! - Relative expressions resolve against the article date of the
//!   [`Context`]. Without one the unknown parts stay `X` (`XXXX-08-09`,
//!   `XXXX-WXX-2`, `XXXX`) instead of being guessed.
//! - A bare weekday is the latest one up to six days before the article
//!   date, the article's own day included (news reports the past); the next
//!   one, up to six days ahead, when the clause speaks of the future (`will`,
//!   `scheduled`, `expected`... before it in the sentence). `this`, `next`
//!   and `last` pick the weekday in the article's ISO week, the week after
//!   and the week before.
//! - A month, or a month and day, without a year takes the year that puts
//!   it closest to the article date (`Dec. 28` in a story of 2023-01-03 is
//!   2022-12-28).
//! - `N units ago` is written at the unit's granularity (`two days ago` a
//!   day, `three weeks ago` a week, `two years ago` a year), as TIMEX3 does.
//!   `in two years`, `two days later`, `a day before the meeting` are
//!   durations (`P2Y`, `P2D`, `P1D`): what they count from is the story's
//!   business, not the article date's. `later` and `earlier` belong to the
//!   span (`a year earlier`), `in` and `before the meeting` do not. Anaphoric days and periods (`the next
//!   day`, `the following year`) stay unresolved (`XXXX-XX-XX`, `XXXX`).
//! - Spans cover whole tokens and never cross a line break. Determiners are
//!   left out, as the guidelines say (`the 1990s` is `1990s`, `the second
//!   quarter` is `second quarter`), except where `the` is the reference
//!   itself, before a bare unit, as the gold has it (`the year`, `the
//!   weekend`, `the day before yesterday`). Periods that belong to an
//!   abbreviation stay (`Aug.`, `p.m.`).
//! - Precision over recall where words are ambiguous: `May` and `March` alone
//!   are months only capitalized and after a word such as `in`, `since`,
//!   `last`, `early` (not the modal verb, not Theresa May); short weekday
//!   forms that are words (`Sun`, `Wed`, `Sat`) only before a date; a month
//!   before another capitalized word is a name (`April Ryan`); a four-digit
//!   number is a year from 1900 to 2099 unless it counts something (`2019
//!   people`) or follows a currency sign; a bare `1:45` is a time only after
//!   `at`, `by`, `until`... or with a zone (else a race time or a ratio).
//!
//! Every span is a half-open byte range over whole tokens of
//! [`Context::tokens`]; the scan is one pass over them.
//!
//! Layout: `lexicon` (word classes, looked up once per token), `scan` (the
//! one-pass matcher: the scanner and the order its matchers run in, with
//! one module per family: `scan/calendar`, `scan/relative`, `scan/period`,
//! `scan/clock` for times of day and `scan/duration` for durations and
//! counted dates), `timex` (values and calendar arithmetic with chrono),
//! `article` (the article's own date).

mod article;
mod lexicon;
mod scan;
mod timex;

use crate::document::Annotation;
use crate::recognizer::Context;
use chrono::NaiveDate;

/// Parses a date written `YYYY-MM-DD`, as article dates are given (the
/// `--date` option, a `date` line, the `article_date` of JSON documents):
/// exactly chrono's `%Y-%m-%d`, and no trimming of ours. chrono is lenient
/// in places, and so is this: one-digit months and days, a two-digit year
/// read as is (`22-08-09` is the year 22), a leading space or sign; text
/// after the day is an error.
///
/// ```
/// use newsmark::{date, NaiveDate};
/// let aug9 = NaiveDate::from_ymd_opt(2022, 8, 9).unwrap();
/// assert_eq!(date::parse_ymd("2022-08-09"), Ok(aug9));
/// assert_eq!(date::parse_ymd("2022-8-9"), Ok(aug9));
/// assert_eq!(date::parse_ymd(" 2022-08-09"), Ok(aug9));
/// assert_eq!(date::parse_ymd("22-08-09"), Ok(NaiveDate::from_ymd_opt(22, 8, 9).unwrap()));
/// assert!(date::parse_ymd("2022-08-09 ").is_err());
/// assert!(date::parse_ymd("2022-08-09T10:00").is_err());
/// assert!(date::parse_ymd("2022-02-30").is_err());
/// ```
pub fn parse_ymd(s: &str) -> Result<NaiveDate, chrono::ParseError> {
    let mut parsed = chrono::format::Parsed::new();
    chrono::format::parse(&mut parsed, s, YMD.iter())?;
    parsed.to_naive_date()
}

/// An article date as a user writes one (the CLI's `--date`, a JSONL
/// line's `date`, the Python binding's `date=`): [`parse_ymd`] with a
/// year of four digits and ten bytes in all, the strict
/// `YYYY-MM-DD` a person means (chrono alone would also take
/// `+99999-01-01` or `2022-8-9`). The error is an
/// [`ErrorKind::InvalidDate`](crate::error::ErrorKind::InvalidDate) that quotes
/// the text.
///
/// ```
/// use newsmark::{date, NaiveDate};
/// assert_eq!(date::parse_article_date("2022-08-09"), Ok(NaiveDate::from_ymd_opt(2022, 8, 9).unwrap()));
/// assert!(date::parse_article_date("+99999-01-01").is_err());
/// assert!(date::parse_article_date("22-08-09").is_err());
/// assert!(date::parse_article_date("2022-02-30").is_err());
/// ```
pub fn parse_article_date(s: &str) -> Result<NaiveDate, crate::error::Error> {
    use crate::error::{Error, ErrorKind};
    let four_digit_year = s.len() == 10 && s.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    let date = parse_ymd(s).map_err(|e| Error::new(ErrorKind::InvalidDate, format!("date {s:?} is not YYYY-MM-DD: {e}")))?;
    if !four_digit_year {
        return Err(Error::new(ErrorKind::InvalidDate, format!("date {s:?} is not YYYY-MM-DD: the year must have four digits")));
    }
    Ok(date)
}

/// Writes a date `YYYY-MM-DD` (`2022-08-09`), as chrono's `%Y-%m-%d` does:
/// [`parse_ymd`] reads it back.
///
/// ```
/// use newsmark::{date, NaiveDate};
/// assert_eq!(date::format_ymd(NaiveDate::from_ymd_opt(2022, 8, 9).unwrap()), "2022-08-09");
/// ```
pub fn format_ymd(date: NaiveDate) -> String {
    use chrono::Datelike;
    let (year, month, day) = (date.year(), date.month(), date.day());
    // chrono's `%Y`: four digits, or a sign and at least four outside 0..=9999.
    if (0..10_000).contains(&year) {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:+05}-{month:02}-{day:02}")
    }
}

/// The one format of [`parse_ymd`]: chrono's `%Y-%m-%d` as the items its
/// format string parses to (`NaiveDate::parse_from_str` does exactly this
/// with them), written out so that the module does without chrono's
/// format-string parser and formatter (about 10 KB of the page's
/// gzipped code). `tests/ymd.rs` compares both functions with chrono's
/// `%Y-%m-%d`.
const YMD: [chrono::format::Item<'static>; 5] = {
    use chrono::format::{Item, Numeric, Pad};
    [
        Item::Numeric(Numeric::Year, Pad::Zero),
        Item::Literal("-"),
        Item::Numeric(Numeric::Month, Pad::Zero),
        Item::Literal("-"),
        Item::Numeric(Numeric::Day, Pad::Zero),
    ]
};

/// Finds the article's date in its first lines: a `date YYYY-MM-DD` line, a
/// wire dateline such as `WASHINGTON, Aug. 9 (Yonhap) --` or `afrol News,
/// 27 January -`, a `Published:`/`Updated:` line, a date in a URL line.
///
/// The dateline wins over the others (it is the day the story was
/// written); a dateline without a year takes their year. With no year
/// anywhere the result is `None`: the article date is a full date or
/// nothing.
pub fn detect_article_date(text: &str) -> Option<NaiveDate> {
    article::detect(text)
}

/// [`detect_article_date`], with the source the date came from (the
/// order sources are looked for in is `article`'s documentation: a date
/// line, a dateline, a `Published` line, a URL).
pub fn detect_article_date_with_source(text: &str) -> Option<(NaiveDate, crate::document::DateSource)> {
    article::detect_with_source(text)
}

/// Finds every date and time and pushes it to `out`, with
/// [`crate::document::Source::Rule`] and a [`crate::value::Value::Timex`] value. Candidates
/// never overlap each other; [`crate::resolve`] settles overlaps with other
/// recognizers.
pub fn recognize(cx: &Context, out: &mut Vec<Annotation>) {
    scan::scan(cx, out);
}
