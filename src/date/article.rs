//! Finds an article's own date in its first lines.
//!
//! Two sources, looked for in the first [`HEAD_LINES`] non-empty lines:
//!
//! - a date line: `date 2022-08-10` (also `published`, `updated`, `posted`,
//!   with `:` or not, then an ISO date or `Aug. 9, 2022`), or a short line
//!   that is a full date and little else (`Wednesday, August 10, 2022`);
//!   its date is the page's date;
//! - a wire dateline: `WASHINGTON, Aug. 9 (Yonhap) --`, `SEOUL, Aug 9 (AFP) -`,
//!   `LONDON, Aug. 9, 2022 (Reuters) -`; its date is the day the story was
//!   written.
//!
//! The dateline wins: relative dates in the story (`Tuesday`, `yesterday`)
//! count from the day it was written, which a page's date line may be a day
//! later than. A dateline without a year takes it from the date line (the
//! year that puts the two closest); with no year anywhere there is no
//! article date, since it must be a full date. A dateline without a date
//! (`LONDON (Reuters) -`) says nothing about the date.

use super::lexicon::{self, Class};
use super::timex;
use chrono::NaiveDate;

/// How many non-empty lines at the top may hold the date.
const HEAD_LINES: usize = 6;
/// How many bytes at the top are looked at, whatever the lines.
const HEAD_BYTES: usize = 2000;

/// See the module documentation.
pub(super) fn detect(text: &str) -> Option<NaiveDate> {
    let mut head_end = text.len().min(HEAD_BYTES);
    while !text.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = &text[..head_end];
    let mut page_date = None;
    let mut dateline: Option<(Option<i32>, u32, u32)> = None;
    for line in head.lines().map(str::trim).filter(|l| !l.is_empty()).take(HEAD_LINES) {
        if page_date.is_none() {
            page_date = date_line(line).or_else(|| date_only_line(line));
        }
        if dateline.is_none() {
            dateline = wire_dateline(line);
        }
    }
    match (dateline, page_date) {
        (Some((Some(y), m, d)), _) => NaiveDate::from_ymd_opt(y, m, d),
        (Some((None, m, d)), Some(page)) => {
            let v = timex::month_day(Some(page), m, d);
            super::parse_ymd(&v).ok()
        }
        (_, page) => page,
    }
}

/// `date 2022-08-10 ...`, `Published: Aug. 9, 2022`.
fn date_line(line: &str) -> Option<NaiveDate> {
    let lower_head: String = line.chars().take(12).collect::<String>().to_ascii_lowercase();
    let key = ["date", "published", "updated", "posted"].into_iter().find(|k| lower_head.starts_with(k))?;
    let rest = line[key.len()..].trim_start_matches([':', ' ', '\t']);
    if rest.len() == line.len() - key.len() {
        return None; // `dated`, `dates`: not the key word alone
    }
    iso_date(rest).or_else(|| written_date(rest).and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y?, m, d)))
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

/// `Aug. 9`, `August 9, 2022`, `Aug 9th` at the start of `s`: (year, month,
/// day) and where it ends.
fn written_date(s: &str) -> Option<WrittenDate> {
    written_date_len(s).map(|(date, _)| date)
}

/// (year if written, month, day).
type WrittenDate = (Option<i32>, u32, u32);

fn written_date_len(s: &str) -> Option<(WrittenDate, usize)> {
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

/// `WASHINGTON, Aug. 9 (Yonhap) --`: a place in capitals or title case, a
/// comma, a written date, then an agency in parentheses or a dash.
fn wire_dateline(line: &str) -> Option<(Option<i32>, u32, u32)> {
    let comma = line.find(',')?;
    let place = &line[..comma];
    let place_ok = comma <= 40
        && place.starts_with(|c: char| c.is_uppercase())
        && place.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\'' | '’'));
    if !place_ok {
        return None;
    }
    let after = line[comma + 1..].trim_start();
    let (date, used) = written_date_len(after)?;
    let tail = after[used..].trim_start();
    let ends_right = tail.starts_with('(') || tail.starts_with(['-', '—', '–', '/']);
    ends_right.then_some(date).filter(|&(y, _, _)| y.is_none_or(|y| (1900..=2100).contains(&y)))
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
