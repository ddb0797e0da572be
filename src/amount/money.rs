//! MONEY: an amount and its currency, either side of the number.
//!
//! | written | value |
//! |---|---|
//! | `US$455 million`, `USD 455 million`, `us $ 455 million` | `455000000 USD` |
//! | `5,000 won`, `420 million finnish markka`, `10 €` | `5000 KRW`, `420000000 FIM`, `10 EUR` |
//! | `50 cents`, `12-cent` (in `12-cent-a-share`) | `0.5 USD`, `0.12 USD` |
//! | `$5 million to $7 million`, `$5-7 million`, `between $5 and $7 million` (span `$5 and $7 million`) | `5000000 USD`, qualifier `to 7000000` |
//! | `75 USD million` | `75000000 USD` |
//! | `20 000 euros` (plain spaces group thousands only before a currency) | `20000 EUR` |
//! | `$3-billion`, `10-million-dollar` (in `a 10-million-dollar deal`), `$.99`, `$.5 million` | `3000000000 USD`, `10000000 USD`, `0.99 USD`, `500000 USD` |
//! | `361 million pounds`, `5,060 pounds ( $ 7,845 )` | `361000000 GBP`, `5060 GBP` (`27 pounds ( 12 kg )` is a weight) |
//!
//! After a movement word (`rose $5.50 to $16.87`, `from $5 to $7`) two
//! amounts stay apart: a change and a level, not a range.

use super::number::{self, Letters, NumberPhrase};
use super::{currency, qualifier, scan_number, unit, Scanner};
use crate::document::{Annotation, Source};
use crate::label::Label;
use crate::span::Span;
use crate::tokenize::cursor::{ascii_lower, LOWER_MAX};
use crate::tokenize::TokenKind;
use crate::value::Value;

/// Words before `X to Y` that make it a change and a level (`soared $5.50
/// to $16.87`, `from $5 to $7`) rather than one range.
const MOVEMENT_WORDS: &[&str] = &[
    "from",
    "rose",
    "rise",
    "rises",
    "rising",
    "fell",
    "fall",
    "falls",
    "falling",
    "soared",
    "jumped",
    "climbed",
    "dropped",
    "gained",
    "lost",
    "up",
    "down",
    "slipped",
    "eased",
    "increased",
    "decreased",
    "declined",
    "surged",
    "plunged",
    "tumbled",
    "added",
    "shed",
    "by",
    "grew",
    "slid",
    "sank",
    "raised",
    "cut",
    "lowered",
    "boosted",
    "advanced",
];

/// A currency found after a number: code, value of one unit, end token.
pub(super) struct CurrencyAfter {
    pub(super) code: &'static str,
    pub(super) factor: f64,
    pub(super) end: usize,
    /// Where the span ends when it stops inside token `end - 1`: `12-cent`
    /// in `12-cent-a-share`.
    pub(super) end_byte: Option<usize>,
}

impl Scanner<'_> {
    /// Money written currency first: the currency took tokens
    /// `first..num`, the number starts at `num`.
    pub(super) fn money_after_prefix(&self, first: usize, num: usize, code: &'static str, out: &mut Vec<Annotation>) -> Option<usize> {
        // `$.99`, `$.5 million`: a decimal point after a currency sign, the
        // zero before it left out.
        let fraction = (self.tokens[num - 1].kind == TokenKind::Symbol && self.glued(num - 1, num)).then(|| self.point_and_digits(num));
        if let Some(fraction) = fraction.flatten() {
            let (scale, end) = self.scale_after(num + 2);
            let qualifier = self.qualifier(first, None);
            self.emit(out, first, end, Label::Money, Value::Money { amount: fraction * scale, currency: code.into(), qualifier });
            return Some(end);
        }
        // `Rs.500`: the prefix's period, if the tokenizer split it off.
        let num = if self.tokens.get(num).is_some_and(|t| t.text(self.text) == ".") && self.glued(num - 1, num) { num + 1 } else { num };
        let (low, mut end, scale, scaled) = match scan_number(self.text, self.tokens, num, Letters::Money) {
            Some(p) if !p.ordinal => (p.value, p.end, p.scale, p.scaled),
            Some(_) => return None,
            // `$5-7 million`: the tokenizer keeps `5-7` together.
            None => {
                let (lo, hi) = self.range_token(num)?;
                let (scale, end) = self.scale_after(num + 1);
                let qualifier = self.qualifier(first, Some(hi * scale));
                self.emit(out, first, end, Label::Money, Value::Money { amount: lo * scale, currency: code.into(), qualifier });
                return Some(end);
            }
        };
        // A code after the number repeats the currency: `$ 10 dollars`.
        let mut high = None;
        if let Some((hi, hi_scale, hi_end)) = self.range_after(first, end, Some(code)) {
            high = Some(hi);
            end = hi_end;
            let low = if !scaled && hi_scale > 1.0 && scale == 1.0 { low * hi_scale } else { low };
            let qualifier = self.qualifier(first, high);
            self.emit(out, first, end, Label::Money, Value::Money { amount: low, currency: code.into(), qualifier });
            return Some(end);
        }
        let qualifier = self.qualifier(first, high);
        self.emit(out, first, end, Label::Money, Value::Money { amount: low, currency: code.into(), qualifier });
        Some(end)
    }

    /// MONEY with its currency after the number phrase `p`: `5,000 won`,
    /// `75 USD million`, `12-cent`.
    pub(super) fn money_after_number(&self, p: &NumberPhrase, out: &mut Vec<Annotation>) -> Option<usize> {
        let i = p.first;
        let c = self.currency_after(p, p.end)?;
        let qualifier = self.qualifier(i, None);
        // `75 USD million`: a scale after the code.
        let (scale, end) = if p.scale == 1.0 { self.scale_after(c.end) } else { (1.0, c.end) };
        let value = Value::Money { amount: p.value * scale * c.factor, currency: c.code.into(), qualifier };
        match c.end_byte {
            Some(end_byte) => {
                let span = Span::new(self.tokens[i].span.start, end_byte);
                out.push(Annotation::new(span, Label::Money, Some(value), Source::Rule));
            }
            None => self.emit(out, i, end, Label::Money, value),
        }
        Some(end)
    }

    /// `5-7 million euros`, `10-15%`: a range token then a currency or a
    /// percent.
    pub(super) fn number_range_first(&self, i: usize, out: &mut Vec<Annotation>) -> usize {
        let Some((lo, hi)) = self.range_token(i) else { return i + 1 };
        let (scale, k) = self.scale_after(i + 1);
        if let Some(end) = self.percent_after(k) {
            self.emit(out, i, end, Label::Percent, Value::Number(lo));
            return end;
        }
        let p = NumberPhrase { first: i, end: k, value: lo * scale, ordinal: false, spelled: false, scaled: scale > 1.0, scale };
        if let Some(c) = self.currency_after(&p, k) {
            let qualifier = self.qualifier(i, Some(hi * scale * c.factor));
            self.emit(out, i, c.end, Label::Money, Value::Money { amount: lo * scale * c.factor, currency: c.code.into(), qualifier });
            return c.end;
        }
        i + 1
    }

    /// A Number token written `5-7`: its two ends.
    pub(super) fn range_token(&self, i: usize) -> Option<(f64, f64)> {
        let t = self.tokens.get(i)?;
        if t.kind != TokenKind::Number {
            return None;
        }
        let (a, b) = t.text(self.text).split_once('-')?;
        let (lo, hi) = (number::parse_digits(a)?, number::parse_digits(b)?);
        (lo < hi).then_some((lo, hi))
    }

    /// A scale word at token `k` (`million`, `bn`): its factor and the end.
    pub(super) fn scale_after(&self, k: usize) -> (f64, usize) {
        let mut buf = [0u8; LOWER_MAX];
        match self.lower(k, &mut buf).and_then(|l| number::scale_word(self.raw(k), l, self.glued(k - 1, k), Letters::Money)) {
            Some(s) if self.tokens[k].kind == TokenKind::Word => (s, k + 1),
            _ => (1.0, k),
        }
    }

    /// The second half of a range after an amount ending at token `k`:
    /// `- 7 million`, `to $7 million`, `and $7 million` (after `between`).
    /// Returns the high value, its scale, and the end.
    pub(super) fn range_after(&self, first: usize, k: usize, code: Option<&str>) -> Option<(f64, f64, usize)> {
        let t = self.tokens.get(k)?;
        let raw = t.text(self.text);
        let ok = match raw {
            "-" | "–" | "—" => true,
            _ => {
                let mut buf = [0u8; LOWER_MAX];
                let before = first.checked_sub(1);
                // Skip a qualifier to see the word before the amount.
                let before = qualifier::before(self.text, self.tokens, first).map_or(before, |(q, _)| q.checked_sub(1));
                match ascii_lower(raw, &mut buf) {
                    // `rose $1.50 to $16.87` is a change and a level, not a range.
                    Some("to") => !before.is_some_and(|b| self.is_word(b, MOVEMENT_WORDS)),
                    Some("and") => before.is_some_and(|b| self.is_word(b, &["between"])),
                    _ => false,
                }
            }
        };
        if !ok {
            return None;
        }
        let mut n = k + 1;
        if let (Some(code), Some(sym)) = (code, self.tokens.get(n)) {
            if matches!(sym.kind, TokenKind::Symbol) {
                if currency::symbol_code(sym.text(self.text)) != Some(code) {
                    return None;
                }
                n += 1;
            }
        }
        let p = scan_number(self.text, self.tokens, n, Letters::Money)?;
        if p.ordinal {
            return None;
        }
        Some((p.value, if p.scaled || p.scale > 1.0 { p.scale } else { 1.0 }, p.end))
    }

    /// The qualifier before token `first`, plus the high end of a range.
    pub(super) fn qualifier(&self, first: usize, high: Option<f64>) -> Option<String> {
        let written = qualifier::before(self.text, self.tokens, first).map(|(_, q)| q);
        match (written, high) {
            (q, None) => q,
            (None, Some(h)) => Some(format!("to {}", crate::value::format_number(h))),
            (Some(q), Some(h)) => Some(format!("{q}; to {}", crate::value::format_number(h))),
        }
    }

    /// A currency after a number ending at token `k`: a symbol (`10 €`), a
    /// code (`5 USD`), or a noun with its adjectives (`5,000 won`, `420
    /// million finnish markka`, `50 cents`, `12-cent`).
    pub(super) fn currency_after(&self, p: &NumberPhrase, k: usize) -> Option<CurrencyAfter> {
        let mut k = k;
        let t = self.tokens.get(k)?;
        let raw = t.text(self.text);
        if t.kind == TokenKind::Symbol || t.kind == TokenKind::Cjk {
            return currency::symbol_code(raw).filter(|_| raw != "$" || !self.next_is_number(k + 1)).map(|code| CurrencyAfter {
                code,
                factor: 1.0,
                end: k + 1,
                end_byte: None,
            });
        }
        if let Some(code) = currency::symbol_code(raw) {
            // Symbols the tokenizer reads as words (`ரூ`).
            return Some(CurrencyAfter { code, factor: 1.0, end: k + 1, end_byte: None });
        }
        // `12-cent`, `one-yen`
        if raw == "-" && self.glued(k - 1, k) && self.glued(k, k + 1) {
            k += 1;
            // `12-cent-a-share`: the noun is the first piece of a compound;
            // `10-million-dollar`: the second, after a scale.
            let mut buf = [0u8; LOWER_MAX];
            let lower = self.lower(k, &mut buf)?;
            if let Some((head, rest)) = lower.split_once('-') {
                let (scale, noun_at, word) = match number::scale_word(head, head, false, Letters::Plain) {
                    Some(scale) => (scale, head.len() + 1, rest.split('-').next().unwrap_or(rest)),
                    None => (1.0, 0, head),
                };
                let noun = currency::noun(word)?;
                let code = noun.default_code?;
                let end_byte = self.tokens[k].span.start + noun_at + word.len();
                return Some(CurrencyAfter { code, factor: noun.factor * scale, end: k + 1, end_byte: Some(end_byte) });
            }
        }
        let mut buf = [0u8; LOWER_MAX];
        let lower = self.lower(k, &mut buf)?;
        if self.tokens[k].kind != TokenKind::Word {
            return None;
        }
        if let Some(code) = currency::code_word(self.raw(k), lower).or_else(|| currency::wire_code(self.raw(k))) {
            return Some(CurrencyAfter { code, factor: 1.0, end: k + 1, end_byte: None });
        }
        // A noun, right after the number or after up to three adjectives.
        for m in 0..=3 {
            let n = k + m;
            let tok = self.tokens.get(n)?;
            if tok.kind != TokenKind::Word {
                return None;
            }
            let mut nbuf = [0u8; LOWER_MAX];
            let nl = ascii_lower(tok.text(self.text), &mut nbuf)?;
            let nl = nl.strip_suffix('.').unwrap_or(nl);
            if let Some(noun) = currency::noun(nl) {
                let code = if m == 0 {
                    noun.default_code?
                } else {
                    let mut adjective = String::new();
                    for a in k..n {
                        if !adjective.is_empty() {
                            adjective.push(' ');
                        }
                        adjective.push_str(&self.raw(a).to_lowercase());
                    }
                    currency::adjective_code(&adjective, noun.singular)?
                };
                // `three marks` is more often a score than Deutsche marks.
                if m == 0 && noun.singular == "mark" && p.spelled {
                    return None;
                }
                // `Euro 2000`, `six Euro ties`: the championship, not the currency.
                if m == 0 && tok.text(self.text) == "Euro" {
                    return None;
                }
                if noun.singular == "pound" && code == "GBP" && !self.pounds_are_money(p, n) {
                    return None;
                }
                if noun.singular == "won" && m == 0 && p.ordinal {
                    return None;
                }
                let mut end = n + 1;
                if noun.singular == "pound" && self.is_word(end, &["sterling"]) {
                    end += 1;
                }
                return Some(CurrencyAfter { code, factor: noun.factor, end, end_byte: None });
            }
            // Adjectives are words that are not number words.
            if number::is_number_word(nl) || unit::single(tok.text(self.text), nl, false).is_some() {
                return None;
            }
        }
        None
    }

    pub(super) fn next_is_number(&self, k: usize) -> bool {
        self.tokens.get(k).is_some_and(|t| t.kind == TokenKind::Number)
    }

    /// `pounds` after a number: money when the amount is scaled (`361
    /// million pounds`), followed by `sterling`, or near a price word;
    /// otherwise a weight.
    pub(super) fn pounds_are_money(&self, p: &NumberPhrase, noun: usize) -> bool {
        if p.scale >= 1e6 || self.is_word(noun + 1, &["sterling"]) {
            return true;
        }
        // A conversion in brackets tells: `5,060 pounds ( $ 7,845 )` is
        // money, `27 pounds ( 12 kg )` a weight.
        if self.tokens.get(noun + 1).is_some_and(|t| t.text(self.text) == "(") {
            if let Some(t) = self.tokens.get(noun + 2) {
                if currency::symbol_code(t.text(self.text)).is_some()
                    || currency::dollar_prefix_code(&t.text(self.text).to_ascii_lowercase()).is_some()
                {
                    return true;
                }
                if t.kind == TokenKind::Number {
                    return false;
                }
            }
        }
        let from = p.first.saturating_sub(4);
        (from..p.first).any(|b| {
            self.is_word(
                b,
                &[
                    "paid", "pay", "pays", "cost", "costs", "worth", "fined", "fine", "fee", "price", "priced", "sold", "bought", "spent",
                    "salary", "earn", "earned", "ransom", "profit", "loss", "budget", "raised", "owed", "debt", "deal", "bid", "prize",
                ],
            ) || self.raw(b) == "£"
        })
    }
}
