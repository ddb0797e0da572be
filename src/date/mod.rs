//! Dates, times and durations, with ISO 8601 / TIMEX3 values, and the
//! detection of an article's own date.
//!
//! - DATE: calendar dates (`Aug. 9` → `2022-08-09`), weekdays (`Tuesday`),
//!   months (`May` → `2022-05`), years (`2019`), decades (`1990s` → `199`),
//!   relative dates (`last week` → `2022-W31`, `earlier this year` →
//!   `2022`, `two days ago` → `2022-08-07`) and durations of a day or more
//!   (`80 years` → `P80Y`).
//! - TIME: times of day (`3 p.m.` → `T15:00`, `3 p.m. Tuesday` →
//!   `2022-08-09T15:00`, `15:30 GMT` → `T15:30Z`, `15:30 KST` →
//!   `T15:30+09:00`: a written zone is kept as an ISO 8601 UTC offset),
//!   parts of a day (`this morning` → `2022-08-09TMO`) and durations under a
//!   day (`two hours` → `PT2H`).
//!
//! Relative expressions resolve against the article date in the
//! [`Context`]. Without one, the unknown parts stay unresolved (`XXXX-08-09`,
//! `XXXX-WXX-2`, `XXXX`) instead of being guessed. A bare weekday means the
//! latest one up to six days before the article date (news reports the
//! past), or the next one when the clause speaks of the future (`will meet
//! Friday`). A month or a month and day without a year take the year that
//! puts them closest to the article date.
//!
//! Every span is a half-open byte range over whole tokens of
//! [`Context::tokens`]; the scan is one pass over them (see [`scan`]).

mod article;
mod lexicon;
mod scan;
mod timex;

use crate::{Annotation, Context, NaiveDate};

/// Finds the article's date in its first lines: a `date YYYY-MM-DD` line or
/// a wire dateline such as `WASHINGTON, Aug. 9 (Yonhap) --`.
///
/// The dateline wins over the date line (it is the day the story was
/// written); a dateline without a year takes the date line's year. With no
/// year anywhere the result is `None`: the article date is a full date or
/// nothing.
pub fn detect_article_date(text: &str) -> Option<NaiveDate> {
    article::detect(text)
}

/// Finds every date and time and pushes it to `out`, with
/// [`crate::Source::Rule`] and a [`crate::Value::Timex`] value. Candidates
/// never overlap each other; [`crate::resolve`] settles overlaps with other
/// recognizers.
pub fn recognize(cx: &Context, out: &mut Vec<Annotation>) {
    scan::scan(cx, out);
}
