//! Amounts: MONEY, PERCENT, QUANTITY, CARDINAL and ORDINAL, with values.
//!
//! One pass over the tokens. At each token that can start an amount (a
//! currency symbol or code, a number, a number word) the longest reading is
//! tried in this order: money written with its currency first (`US$455
//! million`, `USD 5`), then a number phrase ([`number::scan_number`])
//! followed by a percent sign or word, a currency, or a unit; a number that
//! is none of these is a CARDINAL or an ORDINAL. Every candidate has
//! [`Source::Rule`]; [`crate::resolve`] settles overlaps with dates and names.
//!
//! Conventions (see `GUIDELINES.md`):
//! - Qualifiers (`more than`, `nearly`, ...) are left out of the span; for
//!   MONEY and QUANTITY they go into the value, lower-cased.
//! - A range (`$5 million to $7 million`, `$5-7 million`, `between $5 and $7
//!   million`) is one MONEY span from its first to its last token; the value
//!   is the low end, and the qualifier says `to <high end>` (after the
//!   written qualifier, if any, and a `; `): `5000000 USD (to 7000000)`.
//!   After a movement word (`rose $5.50 to $16.87`, `from $5 to $7`) the two
//!   amounts stay apart: a change and a level. A percent range (`nine to 10
//!   percent`, `10-15%`) is one PERCENT valued at its low end (a PERCENT
//!   value is a bare number, with no room for the high end).
//! - Cents and pence are converted: `50 cents` is 0.5 USD.
//! - A bare `$` is USD; `¥` is JPY; `pounds` is GBP when it names money (a
//!   scaled amount, `sterling`, or a price word nearby), else a weight (`lb`).
//! - Four-digit years 1900-2099 standing alone, digits glued to letters
//!   (`3D`, `scp-173`), numbers with a leading zero, and time units are left
//!   to others: no CARDINAL for them.

pub mod number;

mod currency;
mod qualifier;
mod unit;

pub use number::{parse_number, parse_ordinal, scan_number, Letters, NumberPhrase};

use crate::tokenize::cursor::{ascii_lower, Cursor, LOWER_MAX};
use crate::tokenize::TokenKind;
use crate::{Annotation, Context, Label, Source, Span, Value};

/// Finds every amount in the text and pushes it to `out` (overlaps allowed;
/// [`crate::resolve`] picks among them).
pub fn recognize(cx: &Context, out: &mut Vec<Annotation>) {
    let scanner = Scanner { cur: Cursor::new(cx.text, cx.tokens) };
    let mut i = 0;
    while i < cx.tokens.len() {
        let next = scanner.at(i, out);
        i = next.max(i + 1);
    }
}

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

/// The amounts scanner: a token cursor (whose helpers it reads tokens
/// with, through `Deref`) and the matchers of each family (`money`,
/// `quantity`, `count`) as methods.
struct Scanner<'t> {
    cur: Cursor<'t>,
}

impl<'t> std::ops::Deref for Scanner<'t> {
    type Target = Cursor<'t>;

    #[inline]
    fn deref(&self) -> &Cursor<'t> {
        &self.cur
    }
}

/// A currency found after a number: code, value of one unit, end token.
struct CurrencyAfter {
    code: &'static str,
    factor: f64,
    end: usize,
    /// Where the span ends when it stops inside token `end - 1`: `12-cent`
    /// in `12-cent-a-share`.
    end_byte: Option<usize>,
}

impl<'t> Scanner<'t> {
    /// The span of tokens `first..end`. A period the tokenizer kept on a
    /// last abbreviation (`10M.`, `5 mln.`) ends the sentence, not the amount.
    fn span(&self, first: usize, end: usize) -> Span {
        let last = self.tokens[end - 1];
        let mut stop = last.span.end;
        let raw = last.text(self.text);
        if end - 1 > first && last.kind == TokenKind::Word && raw.len() > 1 && raw.ends_with('.') && !raw[..raw.len() - 1].contains('.') {
            stop -= 1;
        }
        Span::new(self.tokens[first].span.start, stop)
    }

    fn emit(&self, out: &mut Vec<Annotation>, first: usize, end: usize, label: Label, value: Value) {
        out.push(Annotation::new(self.span(first, end), label, Some(value), Source::Rule));
    }

    /// Tries every amount starting at token `i`; returns where to go on.
    fn at(&self, i: usize, out: &mut Vec<Annotation>) -> usize {
        let t = self.tokens[i];
        match t.kind {
            TokenKind::Number => self.number_first(i, out),
            TokenKind::Symbol | TokenKind::Cjk => match currency::symbol_code(self.raw(i)) {
                Some(code) => self.money_after_prefix(i, i + 1, code, out).unwrap_or(i + 1),
                None => i + 1,
            },
            TokenKind::Word => {
                let mut buf = [0u8; LOWER_MAX];
                let Some(lower) = ascii_lower(self.raw(i), &mut buf) else { return i + 1 };
                // `us $ 150 million`, `c $ 16.4 million`
                if let Some(code) = currency::dollar_prefix_code(lower) {
                    if self.tokens.get(i + 1).is_some_and(|n| n.kind == TokenKind::Symbol && n.text(self.text) == "$") {
                        if let Some(end) = self.money_after_prefix(i, i + 2, code, out) {
                            return end;
                        }
                    }
                }
                // `USD 200`, `EUR 22.5 million`
                if let Some(code) = currency::code_word(self.raw(i), lower) {
                    if let Some(end) = self.money_after_prefix(i, i + 1, code, out) {
                        return end;
                    }
                }
                let head = lower.split('-').next().unwrap_or(lower);
                if number::is_number_word(head) || lower == "a" || lower == "an" {
                    let next = self.number_first(i, out);
                    if next > i + 1 || !lower.contains('-') {
                        return next;
                    }
                    // `six-mile`, `two-percent`: not a number phrase, maybe a
                    // number glued to its unit.
                    if out.last().is_some_and(|a| a.span.start == t.span.start) {
                        return next;
                    }
                }
                if lower.contains('-') {
                    return self.hyphenated(i, lower, out);
                }
                if matches!(lower, "percent" | "percents" | "per") {
                    return self.percent_of(i, out);
                }
                i + 1
            }
            TokenKind::Punct if self.raw(i) == "." => self.leading_dot(i, out),
            _ => i + 1,
        }
    }

    /// `.25`: a decimal written without its zero, at the start of a word.
    fn leading_dot(&self, i: usize, out: &mut Vec<Annotation>) -> usize {
        let n = i + 1;
        let ok = self.glued(i, n)
            && (i == 0 || !self.glued(i - 1, i))
            && self.tokens[n].kind == TokenKind::Number
            && self.raw(n).bytes().all(|b| b.is_ascii_digit())
            && !self.glued(n, n + 1);
        if !ok {
            return i + 1;
        }
        let value = format!("0.{}", self.raw(n)).parse::<f64>().unwrap_or(0.0);
        self.emit(out, i, n + 1, Label::Cardinal, Value::Number(value));
        n + 1
    }

    /// `percent of 10`, `per cent of twenty-two`: the percent word first.
    fn percent_of(&self, i: usize, out: &mut Vec<Annotation>) -> usize {
        let mut k = i + 1;
        if self.is_word(i, &["per"]) {
            if !self.is_word(k, &["cent"]) {
                return i + 1;
            }
            k += 1;
        }
        // Only at the start of a clause: `the percent of 10-year-olds` is not one.
        let starts_clause = i == 0 || matches!(self.tokens[i - 1].kind, TokenKind::Punct);
        if !starts_clause || !self.is_word(k, &["of"]) {
            return i + 1;
        }
        let Some(p) = scan_number(self.text, self.tokens, k + 1, Letters::Plain) else { return i + 1 };
        let ends_clause = self.tokens.get(p.end).is_none_or(|t| t.kind == TokenKind::Punct);
        if p.ordinal || !ends_clause {
            return i + 1;
        }
        self.emit(out, i, p.end, Label::Percent, Value::Number(p.value));
        p.end
    }

    /// Money written currency first: the currency took tokens
    /// `first..num`, the number starts at `num`.
    fn money_after_prefix(&self, first: usize, num: usize, code: &'static str, out: &mut Vec<Annotation>) -> Option<usize> {
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

    /// A Number token written `5-7`: its two ends.
    fn range_token(&self, i: usize) -> Option<(f64, f64)> {
        let t = self.tokens.get(i)?;
        if t.kind != TokenKind::Number {
            return None;
        }
        let (a, b) = t.text(self.text).split_once('-')?;
        let (lo, hi) = (number::parse_digits(a)?, number::parse_digits(b)?);
        (lo < hi).then_some((lo, hi))
    }

    /// A scale word at token `k` (`million`, `bn`): its factor and the end.
    fn scale_after(&self, k: usize) -> (f64, usize) {
        let mut buf = [0u8; LOWER_MAX];
        match self.lower(k, &mut buf).and_then(|l| number::scale_word(self.raw(k), l, self.glued(k - 1, k), Letters::Money)) {
            Some(s) if self.tokens[k].kind == TokenKind::Word => (s, k + 1),
            _ => (1.0, k),
        }
    }

    /// The second half of a range after an amount ending at token `k`:
    /// `- 7 million`, `to $7 million`, `and $7 million` (after `between`).
    /// Returns the high value, its scale, and the end.
    fn range_after(&self, first: usize, k: usize, code: Option<&str>) -> Option<(f64, f64, usize)> {
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
    fn qualifier(&self, first: usize, high: Option<f64>) -> Option<String> {
        let written = qualifier::before(self.text, self.tokens, first).map(|(_, q)| q);
        match (written, high) {
            (q, None) => q,
            (None, Some(h)) => Some(format!("to {}", crate::value::format_number(h))),
            (Some(q), Some(h)) => Some(format!("{q}; to {}", crate::value::format_number(h))),
        }
    }

    /// Amounts that start with a number phrase at token `i`.
    fn number_first(&self, i: usize, out: &mut Vec<Annotation>) -> usize {
        let Some(mut p) = scan_number(self.text, self.tokens, i, Letters::Plain) else {
            if self.tokens[i].kind == TokenKind::Number {
                return self.number_range_first(i, out);
            }
            return i + 1;
        };
        if p.ordinal {
            if self.ordinal_ok(&p) {
                self.emit(out, i, p.end, Label::Ordinal, Value::Number(p.value));
            }
            return p.end;
        }
        // `5m euros`, `10 bn won`: letters that scale money only.
        if !p.spelled && self.tokens.get(p.end).is_some_and(|t| t.kind == TokenKind::Word) {
            if let Some(q) = scan_number(self.text, self.tokens, i, Letters::Money) {
                if q.end > p.end && self.currency_after(&q, q.end).is_some() {
                    p = q;
                }
            }
        }
        let k = p.end;
        if let Some(end) = self.percent_after(k) {
            let (first, value) = if i > 0 && self.is_word(i - 1, &["minus", "negative"]) { (i - 1, -p.value) } else { (i, p.value) };
            self.emit(out, first, end, Label::Percent, Value::Number(value));
            return end;
        }
        // `nine to 10 percent`, `5 - 7 percent`: a percent range, valued at
        // its low end.
        if self.is_word(k, &["to"]) || self.tokens.get(k).is_some_and(|t| matches!(t.text(self.text), "-" | "–")) {
            if let Some(q) = scan_number(self.text, self.tokens, k + 1, Letters::Plain).filter(|q| !q.ordinal) {
                if let Some(end) = self.percent_after(q.end) {
                    self.emit(out, i, end, Label::Percent, Value::Number(p.value));
                    return end;
                }
            }
        }
        if let Some(c) = self.currency_after(&p, k) {
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
            return end;
        }
        if let Some((unit, end)) = self.unit_after(&p, k) {
            let qualifier = qualifier::before(self.text, self.tokens, i).map(|(_, q)| q);
            self.emit(out, i, end, Label::Quantity, Value::Quantity { amount: p.value, unit: unit.into(), qualifier });
            return end;
        }
        if self.cardinal_ok(&p) {
            if i > 0 && self.is_word(i - 1, &["minus", "negative"]) {
                self.emit(out, i - 1, p.end, Label::Cardinal, Value::Number(-p.value));
            } else {
                self.emit(out, i, p.end, Label::Cardinal, Value::Number(p.value));
            }
        }
        p.end
    }

    /// `5-7 million euros`, `10-15%`: a range token then a currency or a
    /// percent.
    fn number_range_first(&self, i: usize, out: &mut Vec<Annotation>) -> usize {
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

    /// A percent sign or word at token `k`; the end of the PERCENT.
    fn percent_after(&self, k: usize) -> Option<usize> {
        let t = self.tokens.get(k)?;
        match t.kind {
            TokenKind::Symbol if t.text(self.text) == "%" => Some(k + 1),
            TokenKind::Word => {
                let mut buf = [0u8; LOWER_MAX];
                let lower = ascii_lower(t.text(self.text), &mut buf)?;
                match lower.strip_suffix('.').unwrap_or(lower) {
                    "percent" | "percents" | "pct" | "pc" => Some(if self.is_word(k + 1, &["point", "points"]) { k + 2 } else { k + 1 }),
                    "percentage" => Some(if self.is_word(k + 1, &["point", "points"]) { k + 2 } else { k + 1 }),
                    "per" if self.is_word(k + 1, &["cent", "cent."]) => Some(k + 2),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// A currency after a number ending at token `k`: a symbol (`10 €`), a
    /// code (`5 USD`), or a noun with its adjectives (`5,000 won`, `420
    /// million finnish markka`, `50 cents`, `12-cent`).
    fn currency_after(&self, p: &NumberPhrase, k: usize) -> Option<CurrencyAfter> {
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
            // `12-cent-a-share`: the noun is the first piece of a compound.
            let mut buf = [0u8; LOWER_MAX];
            let lower = self.lower(k, &mut buf)?;
            if let Some((head, _)) = lower.split_once('-') {
                let noun = currency::noun(head)?;
                let code = noun.default_code?;
                let end_byte = self.tokens[k].span.start + head.len();
                return Some(CurrencyAfter { code, factor: noun.factor, end: k + 1, end_byte: Some(end_byte) });
            }
        }
        let mut buf = [0u8; LOWER_MAX];
        let lower = self.lower(k, &mut buf)?;
        if self.tokens[k].kind != TokenKind::Word {
            return None;
        }
        if let Some(code) = currency::code_word(self.raw(k), lower) {
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

    fn next_is_number(&self, k: usize) -> bool {
        self.tokens.get(k).is_some_and(|t| t.kind == TokenKind::Number)
    }

    /// `pounds` after a number: money when the amount is scaled (`361
    /// million pounds`), followed by `sterling`, or near a price word;
    /// otherwise a weight.
    fn pounds_are_money(&self, p: &NumberPhrase, noun: usize) -> bool {
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

    /// A unit of measure after a number ending at token `k`.
    fn unit_after(&self, p: &NumberPhrase, k: usize) -> Option<(&'static str, usize)> {
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
                if let Some(scale) = self.lower(end, &mut b2).and_then(unit::temperature_scale) {
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
    fn hyphenated(&self, i: usize, lower: &str, out: &mut Vec<Annotation>) -> usize {
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

    /// Whether a plain number phrase is a CARDINAL here.
    fn cardinal_ok(&self, p: &NumberPhrase) -> bool {
        let first = p.first;
        let last = p.end - 1;
        // Glued to letters or symbols on either side: part of a code, a
        // model name or an identifier (`3D`, `scp-173`, `#1`, `+82`).
        if first > 0 && self.glued(first - 1, first) {
            let prev = self.tokens[first - 1];
            let prev_raw = prev.text(self.text);
            // CJK text has no spaces; an emoji is no part of a word.
            let allowed = matches!(prev_raw, "(" | "[" | "\"" | "“" | "‘" | "'" | "/" | "—" | "–" | "~")
                || matches!(prev.kind, TokenKind::Cjk | TokenKind::Emoji);
            if !allowed {
                return false;
            }
        }
        if self.glued(last, last + 1) {
            let next = self.tokens[last + 1];
            let next_raw = next.text(self.text);
            if next.kind == TokenKind::Word || next.kind == TokenKind::Number {
                return false;
            }
            // `10-year-old`, `7-Eleven`: a compound word, not a count.
            if next_raw == "-" && self.glued(last + 1, last + 2) {
                return false;
            }
        }
        if !p.spelled {
            let raw = self.raw(first);
            if p.end == first + 1 {
                let b = raw.as_bytes();
                // Leading zeros: codes and phone numbers, not counts.
                if b.len() > 1 && b[0] == b'0' && b[1] != b'.' {
                    return false;
                }
                // A year: the dates recognizer's.
                if b.len() == 4 && b.iter().all(u8::is_ascii_digit) && (1900.0..=2099.0).contains(&p.value) {
                    return false;
                }
            }
            return true;
        }
        // `one` as a pronoun: `no one`, `the one who`, `one another`.
        if p.end == first + 1 && self.is_word(first, &["one"]) {
            if first > 0
                && self.is_word(
                    first - 1,
                    &[
                        "no", "any", "every", "some", "each", "this", "that", "which", "the", "another", "such", "little", "loved",
                        "someone", "everyone",
                    ],
                )
            {
                return false;
            }
            if self.is_word(first + 1, &["another", "'s", "’s"]) {
                return false;
            }
        }
        true
    }

    /// Whether an ordinal phrase is an ORDINAL here (`second` can be a unit
    /// of time: `a second`, `per second`, `30 second`).
    fn ordinal_ok(&self, p: &NumberPhrase) -> bool {
        let first = p.first;
        if self.tokens[first].kind == TokenKind::Number {
            // `5th` glued to letters is an identifier.
            return !(self.glued(p.end - 1, p.end) && self.tokens.get(p.end).is_some_and(|t| t.kind == TokenKind::Word));
        }
        // `a hundredth`, `a trillionth`: fractions.
        if first > 0
            && self.is_word(first - 1, &["a", "an"])
            && self.is_word(first, &["hundredth", "thousandth", "millionth", "billionth", "trillionth"])
        {
            return false;
        }
        if p.end == first + 1 && self.is_word(first, &["second"]) && first > 0 {
            let prev = first - 1;
            if self.tokens[prev].kind == TokenKind::Number {
                return false;
            }
            let mut buf = [0u8; LOWER_MAX];
            if let Some(l) = self.lower(prev, &mut buf) {
                if matches!(l, "per" | "split" | "every" | "each" | "one" | "nano" | "milli" | "micro") || number::is_number_word(l) {
                    return false;
                }
                if l == "a" {
                    let next_is_word = self.tokens.get(p.end).is_some_and(|t| t.kind == TokenKind::Word);
                    let time_like = self.is_word(p.end, &["or", "and", "ago", "later", "longer", "too", "before", "after"]);
                    if !next_is_word || time_like {
                        return false;
                    }
                }
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts(text: &str) -> Vec<(String, Label, Value)> {
        let tokens = crate::tokenize::tokenize(text);
        let cx = Context { text, tokens: &tokens, article_date: None };
        let mut out = Vec::new();
        recognize(&cx, &mut out);
        out.into_iter().map(|a| (a.text(text).to_string(), a.label, a.value.unwrap())).collect()
    }

    #[test]
    fn seed_money() {
        let got = amounts("helped launder more than US$455 million stolen");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "US$455 million");
        assert_eq!(got[0].2, Value::Money { amount: 455e6, currency: "USD".into(), qualifier: Some("more than".into()) });
    }

    proptest::proptest! {
        /// Any mix of digits, separators, symbols, number and unit words,
        /// and odd Unicode gives well-formed spans and no panic.
        #[test]
        fn spans_are_well_formed(words in proptest::collection::vec(proptest::sample::select(vec![
            "$", "US$", "€", "£", "¥", "₩", "ரூ", "5", "1,200", "2.5", "5-7", ".25", "3rd", "-", "–", "%", "(", ")", "/",
            "million", "bn", "m", "M.", "k", "a", "and", "point", "hundred", "twenty-one", "second", "first", "one-yen",
            "cent-a-share", "12-cent", "dollars", "won", "pounds", "sterling", "USD", "km", "square", "degrees", "Celsius",
            "percent", "per", "cent", "of", "to", "between", "more", "than", "\n", "東", "👍🏽", "é", "e\u{301}", " ",
        ]), 0..12), any in "\\PC{0,20}") {
            let mut text = words.join(" ");
            text.push_str(&any);
            let tokens = crate::tokenize::tokenize(&text);
            let cx = Context { text: &text, tokens: &tokens, article_date: None };
            let mut out = Vec::new();
            recognize(&cx, &mut out);
            for a in &out {
                proptest::prop_assert!(a.span.start < a.span.end && a.span.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(a.span.start) && text.is_char_boundary(a.span.end));
                proptest::prop_assert!(a.value.is_some());
            }
        }
    }

    #[test]
    fn never_panics_on_odd_text() {
        for text in
            ["$", "$ -", "5-", "a", "- 5", "5 -- 7", "£ £ 5", "twenty-", "-one", "é5 ₩", "5 square", "5 ° ", "1-2-3 million", "between $"]
        {
            let _ = amounts(text);
        }
    }
}
