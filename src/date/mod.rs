//! Dates, times and durations, with ISO 8601 / TIMEX3 values, and the
//! detection of an article's own date.

use crate::{Annotation, Context, NaiveDate};

/// Finds the article's date in its first lines: a `date YYYY-MM-DD` line or
/// a wire dateline such as `WASHINGTON, Aug. 9 (Yonhap) --`.
pub fn detect_article_date(_text: &str) -> Option<NaiveDate> {
    None
}

/// Finds every date and time and pushes it to `out`.
pub fn recognize(_cx: &Context, _out: &mut Vec<Annotation>) {}
