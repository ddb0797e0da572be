//! Finds an article's own date in its first lines, and says where.
//!
//! Sources, looked for in the first [`HEAD_LINES`] non-empty lines:
//!
//! - a date line: `date 2022-08-10` ([`DateSource::DateLine`]);
//! - a wire dateline: `WASHINGTON, Aug. 9 (Yonhap) --`, `SEOUL, Aug 9 (AFP) -`,
//!   `LONDON, Aug. 9, 2022 (Reuters) -`, `afrol News, 27 January -`,
//!   `NAIROBI, Kenya, Aug. 9 (AP) —` ([`DateSource::Dateline`]); its date is
//!   the day the story was written. A dateline without a date (`LONDON
//!   (Reuters) -`, `NAIROBI, Kenya (AP) —`) says nothing about the date;
//! - a `Published`, `Updated` or `Posted` line (`Published: 15 July 2022`,
//!   `Updated: 2022-07-15T10:32:00Z`, `Posted Aug. 9, 2022`), or a short line
//!   that is a full date and little else (`Wednesday, August 10, 2022`), as
//!   pages print above a story ([`DateSource::Published`]);
//! - a date in a URL line (`https://example.com/news/20220715/story`,
//!   `.../2022/07/15/...`, `.../2022-07-15-story`) ([`DateSource::Url`]).
//!
//! The first found in that order gives the date, with one exception: a
//! dateline's day wins over a date line, a published line or a URL (it is
//! the day the story was written; relative dates in it, `Tuesday`,
//! `yesterday`, count from there, and a page's date may be a day later),
//! and a dateline without a year takes the year from them (the year that
//! puts the two closest). With no year anywhere there is no article date,
//! since it must be a full date.

use super::lexicon::{self, Class};
use super::timex;
use crate::document::DateSource;
use chrono::NaiveDate;

/// How many non-empty lines at the top may hold the date.
const HEAD_LINES: usize = 6;
/// How many bytes at the top are looked at, whatever the lines.
const HEAD_BYTES: usize = 2000;

/// See the module documentation.
pub(super) fn detect(text: &str) -> Option<NaiveDate> {
    detect_with_source(text).map(|(d, _)| d)
}

/// See the module documentation.
pub(super) fn detect_with_source(text: &str) -> Option<(NaiveDate, DateSource)> {
    let mut head_end = text.len().min(HEAD_BYTES);
    while !text.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = &text[..head_end];
    let (mut date_line_date, mut published, mut url) = (None, None, None);
    let mut dateline: Option<(Option<i32>, u32, u32)> = None;
    for line in head.lines().map(str::trim).filter(|l| !l.is_empty()).take(HEAD_LINES) {
        if date_line_date.is_none() || published.is_none() {
            match date_line(line) {
                Some((d, true)) => date_line_date = date_line_date.or(Some(d)),
                Some((d, false)) => published = published.or(Some(d)),
                None => published = published.or_else(|| date_only_line(line)),
            }
        }
        if dateline.is_none() {
            dateline = wire_dateline(line);
        }
        if url.is_none() {
            url = url_date(line);
        }
    }
    let page = date_line_date
        .map(|d| (d, DateSource::DateLine))
        .or(published.map(|d| (d, DateSource::Published)))
        .or(url.map(|d| (d, DateSource::Url)));
    match (dateline, page) {
        (Some((Some(y), m, d)), _) => NaiveDate::from_ymd_opt(y, m, d).map(|d| (d, DateSource::Dateline)),
        (Some((None, m, d)), Some((page, _))) => {
            let v = timex::month_day(Some(page), m, d);
            super::parse_ymd(&v).ok().map(|d| (d, DateSource::Dateline))
        }
        (_, page) => page,
    }
}

/// A date in a URL at the start of the line: `/20220715/`, `/2022/07/15/`,
/// `/2022-07-15-title`, in the path (not the host).
fn url_date(line: &str) -> Option<NaiveDate> {
    let rest = line.strip_prefix("https://").or_else(|| line.strip_prefix("http://")).or_else(|| line.strip_prefix("www."))?;
    let path = &rest[rest.find('/')?..];
    let path = path.split(char::is_whitespace).next().unwrap_or_default();
    let b = path.as_bytes();
    let digit_run = |i: usize, n: usize| b.len() >= i + n && b[i..i + n].iter().all(u8::is_ascii_digit);
    let sep_ok = |i: usize| i == b.len() || !b[i].is_ascii_digit();
    let ymd = |y: &str, m: &str, d: &str| -> Option<NaiveDate> {
        let y: i32 = y.parse().ok()?;
        (1990..=2099).contains(&y).then_some(())?;
        NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)
    };
    for (i, _) in path.match_indices('/') {
        let at = i + 1;
        // `/20220715/`
        if digit_run(at, 8) && sep_ok(at + 8) {
            if let Some(d) = ymd(&path[at..at + 4], &path[at + 4..at + 6], &path[at + 6..at + 8]) {
                return Some(d);
            }
        }
        // `/2022/07/15/` and `/2022-07-15`
        if digit_run(at, 4) && b.len() >= at + 10 && digit_run(at + 5, 2) && digit_run(at + 8, 2) && sep_ok(at + 10) {
            let (s1, s2) = (b[at + 4], b[at + 7]);
            if s1 == s2 && matches!(s1, b'/' | b'-') {
                if let Some(d) = ymd(&path[at..at + 4], &path[at + 5..at + 7], &path[at + 8..at + 10]) {
                    return Some(d);
                }
            }
        }
    }
    None
}

/// `date 2022-08-10 ...`, `Published: Aug. 9, 2022`, `Updated: 15 July
/// 2022`: the date, and whether the key word is `date` (a date line) rather
/// than a page's `published`, `updated` or `posted`.
fn date_line(line: &str) -> Option<(NaiveDate, bool)> {
    let lower_head: String = line.chars().take(12).collect::<String>().to_ascii_lowercase();
    let key = ["date", "published", "updated", "posted"].into_iter().find(|k| lower_head.starts_with(k))?;
    let rest = line[key.len()..].trim_start_matches([':', ' ', '\t']);
    if rest.len() == line.len() - key.len() {
        return None; // `dated`, `dates`: not the key word alone
    }
    let date = iso_date(rest).or_else(|| written_date(rest).and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y?, m, d)))?;
    Some((date, key == "date"))
}

/// A short line that is a full date and little else: `Wednesday, August
/// 10, 2022`, `10 August 2022 10:15 BST`, as pages print above a story.
fn date_only_line(line: &str) -> Option<NaiveDate> {
    const MAX_LINE: usize = 60;
    /// Bytes of the line the date may leave uncovered (a time, a label).
    const MAX_REST: usize = 24;
    // A full date has a year, and a year has digits: most head lines
    // (headlines, bylines) have none and are not worth scanning.
    if line.len() > MAX_LINE || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let tokens = crate::tokenize::tokenize(line);
    let cx = crate::recognizer::Context { text: line, tokens: &tokens, article_date: None };
    let mut found = Vec::new();
    super::scan::scan(&cx, &mut found);
    found.iter().find_map(|a| {
        let crate::value::Value::Timex(v) = a.value.as_ref()? else { return None };
        let day = v.get(..10)?;
        let date = super::parse_ymd(day).ok()?;
        (line.len() - a.span.len() <= MAX_REST).then_some(date)
    })
}

/// `2022-08-10` at the start of `s`.
fn iso_date(s: &str) -> Option<NaiveDate> {
    let head = s.get(..10)?;
    let b = head.as_bytes();
    if b[4] != b'-' || b[7] != b'-' || s.as_bytes().get(10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    super::parse_ymd(head).ok()
}

/// A written date at the start of `s` (see [`written_date_len`]): (year,
/// month, day).
fn written_date(s: &str) -> Option<WrittenDate> {
    written_date_len(s).map(|(date, _)| date)
}

/// (year if written, month, day).
type WrittenDate = (Option<i32>, u32, u32);

/// A written date at the start of `s`, month first (`Aug. 9`, `August 9,
/// 2022`) or day first (`27 January`, `15 July 2022`), and its length.
fn written_date_len(s: &str) -> Option<(WrittenDate, usize)> {
    month_first_len(s).or_else(|| day_first_len(s))
}

/// `27 January`, `15 July 2022`, `9th August, 2022`.
fn day_first_len(s: &str) -> Option<(WrittenDate, usize)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let d: u32 = s[..digits].parse().ok()?;
    let mut tail = &s[digits..];
    for suffix in ["st", "nd", "rd", "th"] {
        tail = tail.strip_prefix(suffix).unwrap_or(tail);
    }
    let month_start = tail.trim_start();
    if month_start.len() == tail.len() {
        return None; // `27January`
    }
    let month_len = month_start.find(|c: char| !(c.is_ascii_alphabetic() || c == '.')).unwrap_or(month_start.len());
    let Class::Month { m, .. } = month_class(&month_start[..month_len]) else { return None };
    let mut used = s.len() - month_start.len() + month_len;
    let after = &month_start[month_len..];
    let t = after.strip_prefix(',').unwrap_or(after);
    let t2 = t.trim_start();
    let mut year = None;
    if t2.len() < after.len() && t2.bytes().take_while(u8::is_ascii_digit).count() == 4 {
        year = t2[..4].parse().ok();
        used += after.len() - t2.len() + 4;
    }
    (1..=31).contains(&d).then_some(((year, m, d), used))
}

fn month_first_len(s: &str) -> Option<(WrittenDate, usize)> {
    let month_end = s.find(|c: char| !(c.is_ascii_alphabetic() || c == '.')).unwrap_or(s.len());
    let Class::Month { m, .. } = month_class(&s[..month_end]) else { return None };
    let after = &s[month_end..];
    let rest = after.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if rest.len() == after.len() || !(1..=2).contains(&digits) {
        return None;
    }
    let d: u32 = rest[..digits].parse().ok()?;
    let mut used = s.len() - rest.len() + digits;
    let mut tail = &rest[digits..];
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(t) = tail.strip_prefix(suffix) {
            tail = t;
            used += 2;
        }
    }
    let mut year = None;
    if let Some(t) = tail.strip_prefix(',') {
        let t2 = t.trim_start();
        let yd = t2.bytes().take_while(u8::is_ascii_digit).count();
        if yd == 4 {
            year = t2[..4].parse().ok();
            used += 1 + (t.len() - t2.len()) + 4;
        }
    }
    (1..=31).contains(&d).then_some(((year, m, d), used))
}

fn month_class(word: &str) -> Class {
    let lower = word.to_ascii_lowercase();
    match lower.trim_end_matches('.') {
        w if w.len() >= 3 => {
            // Reuse the lexicon through a one-token classification.
            lexicon::classify_word(&lower)
        }
        _ => Class::Other,
    }
}

/// `WASHINGTON, Aug. 9 (Yonhap) --`, `NAIROBI, Kenya, Aug. 9 (AP) —`,
/// `afrol News, 27 January -`: a place (or a news service's name) of
/// words, one or two parts before commas, a written date, then an agency in
/// parentheses or a dash.
fn wire_dateline(line: &str) -> Option<(Option<i32>, u32, u32)> {
    /// How long the place may be, commas included.
    const MAX_PLACE: usize = 40;
    let mut from = 0;
    for _ in 0..2 {
        let comma = from + line[from..].find(',')?;
        let place = &line[..comma];
        let place_ok = comma <= MAX_PLACE
            && place.starts_with(char::is_alphabetic)
            && place.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\'' | '’' | ','));
        if !place_ok {
            return None;
        }
        let after = line[comma + 1..].trim_start();
        if let Some((date, used)) = written_date_len(after) {
            let tail = after[used..].trim_start();
            let ends_right = tail.starts_with('(') || tail.starts_with(['-', '—', '–', '/']);
            return ends_right.then_some(date).filter(|&(y, _, _)| y.is_none_or(|y| (1900..=2100).contains(&y)));
        }
        from = comma + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn dateline_wins_with_the_date_lines_year() {
        let text = " date 2022-08-10 Deputy envoys meet\nBy Byun Duk-kun\nWASHINGTON, Aug. 9 (Yonhap) -- Envoys met.";
        assert_eq!(detect(text), ymd(2022, 8, 9));
    }

    #[test]
    fn date_line_alone() {
        assert_eq!(detect("date 2022-08-10 Title\nBody."), ymd(2022, 8, 10));
        assert_eq!(detect("Published: Aug. 9, 2022\nBody."), ymd(2022, 8, 9));
        assert_eq!(detect("dated 2022-08-10 in the archives of a paper long gone\nBody."), None);
        assert_eq!(detect("Title of the story\nWednesday, August 10, 2022\nBody."), ymd(2022, 8, 10));
        assert_eq!(detect("Title\n10 August 2022 10:15 BST\nBody."), ymd(2022, 8, 10));
        assert_eq!(detect("He was born on August 10, 2022 in a small town far away.\nBody."), None);
    }

    #[test]
    fn datelines() {
        assert_eq!(detect("SEOUL, Aug 9 (AFP) - Text."), None, "no year anywhere");
        assert_eq!(detect("LONDON, Aug. 9, 2022 (Reuters) - Text."), ymd(2022, 8, 9));
        assert_eq!(detect("date 2023-01-01\nNEW YORK, Dec. 31 (AP) -- Text."), ymd(2022, 12, 31));
        assert_eq!(detect("date 2022-08-10\nLONDON (Reuters) - Text."), ymd(2022, 8, 10));
        assert_eq!(detect("Hello, May 5 people came -- really."), None);
    }
}
