//! Durations (`80 years`, `two hours`, `the past two years`, `1 year 1
//! month 21 days`) and the dates they count to (`two days ago`, `three
//! weeks from tomorrow`).

use super::{Found, Scanner};
use crate::amount::number::{scan_number, Letters};
use crate::date::lexicon::{Class, Kw, Unit};
use crate::date::timex;
use crate::label::Label;

impl Scanner<'_> {
    /// A count at `i`: digits, number words (`twenty one`), `a`/`an`,
    /// `half a`, `several`/`a few` (unknown), `another`; with where it ends
    /// and whether it was written as a number.
    pub(super) fn count_at(&self, i: usize) -> Option<(Option<f64>, usize, bool)> {
        match self.c(i) {
            Class::Int { .. } | Class::Decimal | Class::NumWord(_) => {
                // The amounts recognizer's number grammar: `80`, `1.5`,
                // `twenty-one`, `one hundred twenty`, `1.2 million`.
                let p = scan_number(self.cur.text, self.cur.tokens, i, Letters::Plain).filter(|p| !p.ordinal)?;
                let mut n = p.value;
                let mut end = p.end;
                // `twenty and four hours`: loose, but written so in speech transcripts.
                if (20.0..100.0).contains(&n) && n % 10.0 == 0.0 && self.is_kw(end, Kw::And) {
                    if let Class::NumWord(o) = self.c(end + 1) {
                        if o < 10 && matches!(self.c(end + 2), Class::Unit(_)) {
                            n += o as f64;
                            end += 2;
                        }
                    }
                }
                Some((Some(n), end, true))
            }
            Class::Kw(Kw::A) => match self.c(i + 1) {
                Class::Kw(Kw::Some) if self.t(i + 1).eq_ignore_ascii_case("few") => Some((None, i + 2, false)),
                Class::Kw(Kw::Half) => Some((Some(0.5), i + 2, false)),
                Class::NumWord(100) => Some((Some(100.0), i + 2, true)),
                _ => Some((Some(1.0), i + 1, false)),
            },
            Class::Kw(Kw::Half) => Some((Some(0.5), if self.is_kw(i + 1, Kw::A) { i + 2 } else { i + 1 }, false)),
            Class::Kw(Kw::Some) => Some((None, i + 1, true)),
            Class::Kw(Kw::Another | Kw::All | Kw::Full) => Some((Some(1.0), i + 1, true)),
            _ => None,
        }
    }

    /// A unit at `i`, with `second` allowed after a written number.
    pub(super) fn unit_at(&self, i: usize, digits: bool) -> Option<Unit> {
        match self.c(i) {
            Class::Unit(u) => Some(u),
            Class::OrdWord(2) if digits && self.t(i).eq_ignore_ascii_case("second") => Some(Unit::Second),
            _ => None,
        }
    }

    /// `80 years`, `one day`, `A day before`, `two hours`, `the past two
    /// years`, `1 year 1 month 21 days`, `two and a half hours`, `10-year`;
    /// with `ago` or `from now` after it, the date it points at.
    pub(super) fn duration_at(&self, i: usize) -> Option<Found> {
        let mut j = i;
        let the = self.is_kw(j, Kw::The);
        if the {
            j += 1;
        }
        let rel = match self.kw(j) {
            Some(k @ (Kw::Past | Kw::Last | Kw::Next | Kw::Coming | Kw::Previous | Kw::Following)) => {
                j += 1;
                Some(k)
            }
            // `recent years`, only with a plural unit
            Some(Kw::Recent) if matches!(self.c(j + 1), Class::Unit(_)) && self.t(j + 1).ends_with('s') => {
                j += 1;
                Some(Kw::Recent)
            }
            _ => None,
        };
        if the && rel.is_none() {
            return None;
        }
        // A number counts a duration only before a unit: most numbers of a
        // text have none, and looking a few tokens ahead for one costs less
        // than reading the number with the amounts' grammar first. The
        // reach is longer than any number phrase with its `and a half`.
        const UNIT_REACH: usize = 12;
        if matches!(self.c(j), Class::Int { .. } | Class::Decimal | Class::NumWord(_))
            && !(j + 1..=j + UNIT_REACH).any(|t| matches!(self.c(t), Class::Unit(_) | Class::OrdWord(2)))
        {
            return None;
        }
        let (mut n, mut k, mut explicit) = match self.count_at(j) {
            Some(c) => c,
            None if rel.is_some() => {
                let Class::Unit(u) = self.c(j) else { return None };
                let plural = self.t(j).ends_with('s');
                if !plural && matches!(rel, Some(Kw::Following | Kw::Previous)) {
                    // `the following year`: a year of the story, unresolved.
                    return Some(Found { end: j + 1, label: Label::Date, value: timex::relative(None, u, 0) });
                }
                if !plural && u.is_time() {
                    return None; // `the last minute`: an idiom
                }
                // `the coming years`: how many is not said.
                (if plural { None } else { Some(1.0) }, j, false)
            }
            None => return None,
        };
        if rel.is_some() && self.is_kw(j, Kw::A) {
            return None; // `last a year` is no English
        }
        // `two and a half hours`
        if n.is_some() && self.is_kw(k, Kw::And) && self.is_kw(k + 1, Kw::A) && self.is_kw(k + 2, Kw::Half) {
            n = n.map(|v| v + 0.5);
            k += 3;
        }
        let digits = matches!(self.c(j), Class::Int { .. } | Class::Decimal);
        // `10-year`, `30-minutes`
        if digits && self.glued(k - 1) && self.t(k) == "-" && self.glued(k) {
            k += 1;
        }
        let unit = self.unit_at(k, digits)?;
        let whole_word = matches!(self.c(j), Class::Kw(Kw::All | Kw::Full | Kw::Another));
        if whole_word && (self.t(k).ends_with('s') || unit.is_time() && unit != Unit::Hour) {
            return None;
        }
        let mut parts = vec![(n, unit)];
        let mut end = k + 1;
        // `an hour and a half`
        if self.is_kw(end, Kw::And) && (self.is_kw(end + 1, Kw::Half) || self.is_kw(end + 1, Kw::A) && self.is_kw(end + 2, Kw::Half)) {
            let half_end = if self.is_kw(end + 1, Kw::Half) { end + 2 } else { end + 3 };
            parts[0].0 = n.map(|v| v + 0.5);
            end = half_end;
            explicit = true;
        }
        // `1 year 1 month 21 days`, `1 month and 21 days`; `1 month, 21
        // days` only before `ago` or `later` (else a comma makes a list:
        // `3.5 years, 10 days and ...`).
        let mut before_comma: Option<(usize, usize)> = None;
        loop {
            let mut p = end;
            if self.t(p) == "," {
                before_comma.get_or_insert((parts.len(), end));
                p += 1;
            } else if self.is_kw(p, Kw::And) {
                p += 1;
            }
            let Some((Some(v), ce, true)) = self.count_at(p) else { break };
            if !matches!(self.c(p), Class::Int { .. } | Class::NumWord(_)) {
                break;
            }
            let Some(u2) = self.unit_at(ce, true) else { break };
            if parts.iter().any(|&(_, u)| u == u2) {
                break;
            }
            parts.push((Some(v), u2));
            end = ce + 1;
            explicit = true;
        }
        if let Some((n_parts, comma_end)) = before_comma {
            let anchored =
                self.is_kw(end, Kw::Ago) || self.is_kw(end, Kw::Later) || self.is_kw(end, Kw::From) && self.is_kw(end + 1, Kw::Now);
            if !anchored {
                parts.truncate(n_parts);
                end = comma_end;
            }
        }
        // `55 years old`: an age, a DATE in OntoNotes, with `old` in it.
        if parts.len() == 1 && unit == Unit::Year && parts[0].0.is_some() && self.t(end).eq_ignore_ascii_case("old") {
            end += 1;
        }
        let label = if parts.iter().all(|&(_, u)| u.is_time()) { Label::Time } else { Label::Date };
        // `two days ago`, `three weeks from now`, `1 month 21 days ago`,
        // `two days after today`, `three weeks from tomorrow`.
        let single = parts.len() == 1;
        let count = parts[0].0;
        if rel.is_none() && !whole_word {
            let day_base = |k: usize| match self.kw(k) {
                Some(Kw::Today) => Some(0),
                Some(Kw::Tomorrow) => Some(1),
                Some(Kw::Yesterday) => Some(-1),
                _ => None,
            };
            // (direction, token after, base day offset from the article date)
            let direction = match self.kw(end) {
                Some(Kw::Ago) => Some((-1, end + 1, None)),
                Some(Kw::From) if self.is_kw(end + 1, Kw::Now) => Some((1, end + 2, None)),
                Some(Kw::From | Kw::After) if day_base(end + 1).is_some() => Some((1, end + 2, day_base(end + 1))),
                Some(Kw::Before) if day_base(end + 1).is_some() => Some((-1, end + 2, day_base(end + 1))),
                _ => None,
            };
            let whole: Option<Vec<(i64, Unit)>> =
                parts.iter().map(|&(n, u)| n.filter(|n| n.fract() == 0.0).map(|n| (n as i64, u))).collect();
            if let (Some((sign, dend, base)), Some(mut whole)) = (direction, whole) {
                let label = if whole.iter().all(|&(_, u)| u.is_time()) { Label::Time } else { Label::Date };
                let value = match base {
                    None if single => timex::relative(self.anchor, unit, sign * whole[0].0),
                    None => timex::shifted(self.anchor, &whole, sign),
                    Some(b) => {
                        // Counted from a named day: the answer is a day.
                        whole.push((0, Unit::Day));
                        timex::shifted(self.anchor.and_then(|a| timex::shift_days(a, b)), &whole, sign)
                    }
                };
                return Some(Found { end: dend, label, value });
            }
            if let Some((_, dend, None)) = direction.filter(|_| count.is_none() && single) {
                // `a few days ago`: some day before, unresolved.
                return Some(Found { end: dend, label, value: timex::relative(None, unit, -1) });
            }
        }
        // A bare `a day`, `a year` is a duration only where one is expected:
        // `A day before the meeting`, `for a year`, `a month later`.
        if !explicit && rel.is_none() {
            let after = matches!(self.kw(end), Some(Kw::Before | Kw::After | Kw::Later | Kw::Earlier | Kw::Ago));
            let before = i > 0
                && (matches!(self.prev(i), Class::Kw(Kw::Within | Kw::In))
                    || self.is_word(i - 1, &["for", "about", "nearly", "almost", "over", "than", "just", "only", "least", "around"]));
            if !(after || before) {
                return None;
            }
        }
        let value = if single { timex::duration(count, unit) } else { compound(&parts) };
        // `two days later`, `a year earlier`: the adverb belongs to the
        // expression (not `later than`, where a comparison follows).
        let end = if rel.is_none() && matches!(self.kw(end), Some(Kw::Later | Kw::Earlier)) && !self.t(end + 1).eq_ignore_ascii_case("than")
        {
            end + 1
        } else {
            end
        };
        Some(Found { end, label, value })
    }
}

/// `P1Y1M21D`, `P1DT2H`: several parts in one duration.
fn compound(parts: &[(Option<f64>, Unit)]) -> String {
    let mut date = String::new();
    let mut time = String::new();
    let mut sorted: Vec<(Option<f64>, Unit)> = parts.to_vec();
    let rank = |u: Unit| match u {
        Unit::Century => 0,
        Unit::Decade => 1,
        Unit::Year => 2,
        Unit::Month => 3,
        Unit::Week | Unit::Fortnight => 4,
        Unit::Day => 5,
        Unit::Hour => 6,
        Unit::Minute => 7,
        Unit::Second => 8,
    };
    sorted.sort_by_key(|&(_, u)| rank(u));
    for (n, u) in sorted {
        let one = timex::duration(n, u);
        // Strip the `P` / `PT` the single-part form starts with.
        if u.is_time() {
            time.push_str(one.trim_start_matches("PT"));
        } else {
            date.push_str(one.trim_start_matches('P'));
        }
    }
    if time.is_empty() {
        format!("P{date}")
    } else {
        format!("P{date}T{time}")
    }
}
