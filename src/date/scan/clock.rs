//! Times of day: `3 p.m.`, `10:30 a.m.`, `15:30 GMT`, `0600 GMT`, `noon`,
//! `7:56:35`, `8 in the evening`.

use super::Scanner;
use crate::date::lexicon::{Class, Kw};
use crate::date::timex;
use crate::tokenize::TokenKind;

impl Scanner<'_> {
    /// A time of day at `i` and where it ends: `3 p.m.`, `10:30 a.m.`,
    /// `15:30 GMT`, `0600 GMT`, `noon`, `midnight`, `9 o'clock`, with an
    /// optional zone (kept as a UTC offset) or `local time` after it.
    pub(super) fn clock_at(&self, i: usize) -> Option<(usize, String)> {
        let meridian_after = |k: usize| matches!(self.kw(k), Some(Kw::Am | Kw::Pm));
        // (hour, minute, second, token after, whether a.m./p.m. follows)
        let (mut h, m, sec, mut end, meridian) = match self.c(i) {
            // `3 p.m.`, `9 o'clock`, `seven pm`, `12 noon`
            Class::Int { v, digits: 1..=2 } | Class::NumWord(v) if (1..=12).contains(&v) => match self.kw(i + 1) {
                Some(Kw::Am | Kw::Pm) => (v, 0, None, i + 1, true),
                Some(Kw::OClock) => (v, 0, None, i + 2, false),
                Some(Kw::Noon) if v == 12 => (12, 0, None, i + 2, false),
                Some(Kw::In) if self.is_kw(i + 2, Kw::The) && self.part_of_day(i + 3).is_some() => (v, 0, None, i + 1, false),
                _ => return None,
            },
            // `1140 a.m.`, `0600 GMT`
            Class::Int { v, digits: 3..=4 }
                if v % 100 < 60
                    && (meridian_after(i + 1) && (100..=1259).contains(&v)
                        || matches!(self.kw(i + 1), Some(Kw::Zone(_))) && v / 100 < 24) =>
            {
                (v / 100, v % 100, None, i + 1, meridian_after(i + 1))
            }
            Class::Kw(Kw::Noon) => (12, 0, None, i + 1, false),
            Class::Kw(Kw::Midnight) => (0, 0, None, i + 1, false),
            // `15:30`, `7:56:35`, `8.10 pm`
            Class::Other | Class::Decimal if self.cur.is_kind(i, TokenKind::Number) => {
                let t = self.t(i);
                let dotted = !t.contains(':');
                if dotted && !meridian_after(i + 1) {
                    return None;
                }
                let mut parts = t.split(if dotted { '.' } else { ':' });
                let (hh, mm, ss) = (parts.next()?, parts.next()?, parts.next());
                if parts.next().is_some() || hh.is_empty() || hh.len() > 2 || mm.len() != 2 || ss.is_some_and(|s| s.len() != 2) {
                    return None;
                }
                let (hh, mm): (u32, u32) = (hh.parse().ok()?, mm.parse().ok()?);
                let ss: Option<u32> = match ss {
                    Some(s) => Some(s.parse().ok()?),
                    None => None,
                };
                if hh > 23 || mm > 59 || ss.is_some_and(|s| s > 59) {
                    return None;
                }
                let meridian = meridian_after(i + 1) && (1..=12).contains(&hh);
                // A bare `1:45` is as often a race time or a ratio: it is a
                // time of day after `at`, `by`, `until`... or with a zone.
                let context = meridian
                    || matches!(self.kw(i + 1), Some(Kw::Zone(_) | Kw::Local))
                    || (i > 0
                        && self
                            .is_word(i - 1, &["at", "by", "until", "till", "from", "around", "before", "after", "since", "to", "about"]));
                if !context {
                    return None;
                }
                (hh, mm, ss, i + 1, meridian)
            }
            _ => return None,
        };
        if meridian {
            h = match (h, self.is_kw(end, Kw::Pm)) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            };
            end += 1;
        } else if self.is_kw(end, Kw::In) && self.is_kw(end + 1, Kw::The) && h <= 12 {
            // `8 in the morning`, `9 in the evening`
            let pm = match self.kw(end + 2) {
                Some(Kw::Morning) => Some(false),
                Some(Kw::Afternoon | Kw::Evening) => Some(true),
                Some(Kw::Night) => Some(h >= 6 && h != 12),
                _ => None,
            };
            if let Some(pm) = pm {
                h = if pm && h < 12 {
                    h + 12
                } else if !pm && h == 12 {
                    0
                } else {
                    h
                };
                end += 3;
            }
        }
        let mut zone = None;
        if let Some(Kw::Zone(z)) = self.kw(end) {
            zone = Some(z);
            end += 1;
        } else if self.is_kw(end, Kw::Local) && self.is_kw(end + 1, Kw::Time) {
            end += 2;
        }
        let mut value = timex::clock(h % 24, m, None);
        if let Some(ss) = sec {
            value.push_str(&format!(":{ss:02}"));
        }
        if zone.is_some() {
            // The offset goes after the seconds.
            let with_zone = timex::clock(0, 0, zone);
            value.push_str(&with_zone[6..]);
        }
        Some((end, value))
    }
}
