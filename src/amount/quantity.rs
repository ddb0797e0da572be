//! QUANTITY: a number and a unit of measure ([`super::unit`] knows the units).
//!
//! | written | value |
//! |---|---|
//! | `20 kg`, `20 (kg)`, `3-inch`, `10-km` | `20 kg`, `20 kg`, `3 in`, `10 km` |
//! | `3 square miles`, `5 metric tons`, `12 nautical miles` | `3 mi2`, `5 t`, `12 nmi` |
//! | `60 miles per hour`, `100 km/h` | `60 mph`, `100 km/h` |
//! | `30 degrees Celsius`, `27 pounds ( 12 kg )` | `30 °C`, `27 lb` |
//! | `six-mile`, `three-foot` (one hyphenated word) | `6 mi`, `3 ft` |
//!
//! Time units are the dates recognizer's: `5 days` is no QUANTITY.

use super::number::{parse_number, NumberPhrase};
use super::{currency, qualifier, unit, Scanner};
use crate::document::Annotation;
use crate::label::Label;
use crate::tokenize::cursor::{ascii_lower, LOWER_MAX};
use crate::tokenize::TokenKind;
use crate::value::Value;

impl Scanner<'_> {
    /// A QUANTITY: the number phrase `p` and a unit after it (`20 kg`, `3
    /// square miles`, `60 mph`).
    pub(super) fn quantity_after_number(&self, p: &NumberPhrase, out: &mut Vec<Annotation>) -> Option<usize> {
        let i = p.first;
        let (unit, mut end) = self.unit_after(p, p.end)?;
        // Signed: `minus 8 degrees Celsius`, `-3.5C`, `ten degrees below zero`.
        let (first, mut amount) = match self.sign_before(i) {
            Some(sign) => (sign, -p.value),
            None => (i, p.value),
        };
        if matches!(unit, "°" | "°C" | "°F") && self.is_word(end + 1, &["zero"]) {
            if self.is_word(end, &["below"]) {
                amount = -amount.abs();
                end += 2;
            } else if self.is_word(end, &["above"]) {
                end += 2;
            }
        }
        let qualifier = qualifier::before(self.text, self.tokens, first).map(|(_, q)| q);
        self.emit(out, first, end, Label::Quantity, Value::Quantity { amount, unit: unit.into(), qualifier });
        Some(end)
    }

    /// A unit of measure after a number ending at token `k`.
    pub(super) fn unit_after(&self, p: &NumberPhrase, k: usize) -> Option<(&'static str, usize)> {
        let mut k = k;
        let mut glued = self.glued(k.checked_sub(1)?, k);
        // `3-inch`, `10-km`
        if self.tokens.get(k).is_some_and(|t| t.text(self.text) == "-") && glued && self.glued(k, k + 1) {
            k += 1;
            glued = true;
        }
        // `20 (kg)`, `20 [kg]`: a unit in brackets.
        if let Some(close) = self.tokens.get(k).and_then(|t| match t.text(self.text) {
            "(" => Some(")"),
            "[" => Some("]"),
            "{" => Some("}"),
            "<" => Some(">"),
            _ => None,
        }) {
            let inner = self.tokens.get(k + 1)?;
            if self.tokens.get(k + 2)?.text(self.text) != close || !self.glued(k, k + 1) || !self.glued(k + 1, k + 2) {
                return None;
            }
            let mut b = [0u8; LOWER_MAX];
            let lower = ascii_lower(inner.text(self.text), &mut b)?;
            return unit::single(inner.text(self.text), lower, false).filter(|_| !unit::is_time_unit(lower)).map(|u| (u, k + 3));
        }
        let t = self.tokens.get(k)?;
        if !matches!(t.kind, TokenKind::Word | TokenKind::Symbol) {
            return None;
        }
        let raw = t.text(self.text);
        let mut buf = [0u8; LOWER_MAX];
        let lower = ascii_lower(raw, &mut buf).map(|l| l.strip_suffix('.').unwrap_or(l));
        let lower = match lower {
            Some(l) => l,
            None if raw == "°" || raw == "µg" || raw == "μg" => raw,
            None => return None,
        };
        if unit::is_time_unit(lower) {
            return None;
        }
        // Two-word units.
        match lower {
            "square" | "sq" | "cubic" | "cu" => {
                let mut b2 = [0u8; LOWER_MAX];
                let next = self.lower(k + 1, &mut b2)?;
                let length = unit::single(self.raw(k + 1), next, false)?;
                return unit::power(lower, length).map(|u| (u, k + 2));
            }
            "metric" if self.is_word(k + 1, &["ton", "tons", "tonne", "tonnes"]) => return Some(("t", k + 2)),
            "nautical" if self.is_word(k + 1, &["mile", "miles"]) => return Some(("nmi", k + 2)),
            "pound" | "pounds" => {
                if self.pounds_are_money(p, k) {
                    return None;
                }
                return Some(("lb", k + 1));
            }
            _ => {}
        }
        // `-3.5C`, `15F`: a temperature scale glued to digits, where a sign
        // or a word about the weather says it is one (`iPhone 5C` is not).
        if glued
            && matches!(raw, "C" | "F" | "C." | "F.")
            && !p.spelled
            && (self.sign_before(p.first).is_some() || self.weather_before(p.first))
        {
            return Some((if raw.starts_with('C') { "°C" } else { "°F" }, k + 1));
        }
        let single = unit::single(raw, lower, glued)?;
        // `m` alone is meters only right after digits, never after words
        // (`two m`), and never when a currency follows (`5 m euros`).
        if matches!(raw, "m" | "g") && p.spelled {
            return None;
        }
        // `7.8 m / m`: month on month, in economic tables.
        if raw == "m" && self.tokens.get(k + 1).is_some_and(|t| t.text(self.text) == "/") && self.is_word(k + 2, &["m", "y", "yr"]) {
            return None;
        }
        let end = k + 1;
        match single {
            "°" => {
                let mut b2 = [0u8; LOWER_MAX];
                if let Some(scale) = self.lower(end, &mut b2).map(|l| l.strip_suffix('.').unwrap_or(l)).and_then(unit::temperature_scale) {
                    return Some((scale, end + 1));
                }
                Some(("°", end))
            }
            "km" | "mi" | "m" => {
                // Speed: `km/h`, `miles per hour`, `miles an hour`.
                if self.is_word(end, &["per", "an", "a"]) && self.is_word(end + 1, &["hour"]) {
                    return Some((if single == "mi" { "mph" } else { "km/h" }, end + 2));
                }
                if self.tokens.get(end).is_some_and(|t| t.text(self.text) == "/") && self.is_word(end + 1, &["h", "hr", "hour"]) {
                    return Some((if single == "mi" { "mph" } else { "km/h" }, end + 2));
                }
                Some((single, end))
            }
            _ => Some((single, end)),
        }
    }

    /// A hyphenated word that is a number and a unit or currency in one
    /// token: `six-mile`, `three-foot`, `one-yen`.
    pub(super) fn hyphenated(&self, i: usize, lower: &str, out: &mut Vec<Annotation>) -> usize {
        let Some((num, tail)) = lower.rsplit_once('-') else { return i + 1 };
        if tail == "percent" {
            if let Some(value) = parse_number(num) {
                self.emit(out, i, i + 1, Label::Percent, Value::Number(value));
            }
            return i + 1;
        }
        let is_unit = unit::single(tail, tail, false).filter(|_| !unit::is_time_unit(tail));
        let money = currency::noun(tail).and_then(|n| n.default_code.map(|c| (c, n.factor)));
        if is_unit.is_none() && money.is_none() {
            return i + 1;
        }
        let Some(value) = parse_number(num) else { return i + 1 };
        if let Some((code, factor)) = money {
            if tail != "pound" {
                let qualifier = self.qualifier(i, None);
                self.emit(out, i, i + 1, Label::Money, Value::Money { amount: value * factor, currency: code.into(), qualifier });
                return i + 1;
            }
        }
        let unit = if tail == "pound" { "lb" } else { is_unit.unwrap_or("lb") };
        let qualifier = qualifier::before(self.text, self.tokens, i).map(|(_, q)| q);
        self.emit(out, i, i + 1, Label::Quantity, Value::Quantity { amount: value, unit: unit.into(), qualifier });
        i + 1
    }

    /// A word about temperature within the six tokens before token `first`.
    fn weather_before(&self, first: usize) -> bool {
        (first.saturating_sub(6)..first).any(|b| {
            self.is_word(
                b,
                &[
                    "temperature",
                    "temperatures",
                    "temp",
                    "high",
                    "highs",
                    "low",
                    "lows",
                    "heat",
                    "cold",
                    "degrees",
                    "celsius",
                    "fahrenheit",
                    "thermometer",
                    "thermometers",
                    "weather",
                    "forecast",
                    "warm",
                    "warmer",
                    "colder",
                    "frost",
                    "freezing",
                ],
            )
        })
    }
}
