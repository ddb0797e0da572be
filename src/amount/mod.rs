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
//! - An article that starts an amount stays out of its span (`a dozen` is
//!   `dozen`, 12), but for the quantifier `a few`.
//! - Ages and duration compounds (`34-year-old` P34Y, `three-day` P3D) are
//!   DATE or TIME spans proposed here, since they are written as amounts
//!   are; resolution weighs them with the dates recognizer's.
//!
//! Layout: this module holds the scanner and the order readings are tried
//! in ([`recognize`]); each family has its own module: `money`, `percent`,
//! `quantity`, `count` (CARDINAL and ORDINAL), `fraction` (`a third`, `2
//! 1/2`), `vague` (`thousands of`), `age` (`34-year-old`, `aged 61`: DATE
//! durations), `compound` (`second-largest`, `5-point`, `three-day`,
//! `6.1-magnitude`), and what they share: `number` (number phrases),
//! `currency` (symbols, codes, nouns), `unit` (units of measure),
//! `qualifier` (`more than`, `nearly`).

pub mod number;

mod count;
pub(crate) mod currency;
mod fraction;
mod money;
mod percent;
pub(crate) mod qualifier;
mod quantity;
pub(crate) mod unit;
pub(crate) mod vague;

pub use number::{parse_number, parse_ordinal, scan_number, Letters, NumberPhrase};

mod age;
mod compound;

use crate::document::{Annotation, Source};
use crate::label::Label;
use crate::recognizer::Context;
use crate::span::Span;
use crate::tokenize::cursor::{ascii_lower, Cursor, LOWER_MAX};
use crate::tokenize::TokenKind;
use crate::value::Value;

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

/// The amounts scanner: a token cursor (whose helpers it reads tokens
/// with, through `Deref`) and the matchers of each family (`money`,
/// `percent`, `quantity`, `count`) as methods.
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

impl<'t> Scanner<'t> {
    /// The span of tokens `first..end`. A period the tokenizer kept on a
    /// last abbreviation (`10M.`, `5 mln.`) ends the sentence, not the amount.
    /// An article that starts it is a determiner and stays out (`a dozen`
    /// is `dozen`, 12; `a million dollars` is `million dollars`), as
    /// GUIDELINES says, but for `a few`, a quantifier of its own.
    fn span(&self, first: usize, end: usize) -> Span {
        let last = self.tokens[end - 1];
        let start = if end > first + 1 && self.is_word(first, &["a", "an"]) && !self.is_word(first + 1, &["few"]) {
            self.tokens[first + 1].span.start
        } else {
            self.tokens[first].span.start
        };
        let mut stop = last.span.end;
        let raw = last.text(self.text);
        if end - 1 > first && last.kind == TokenKind::Word && raw.len() > 1 && raw.ends_with('.') && !raw[..raw.len() - 1].contains('.') {
            stop -= 1;
        }
        Span::new(start, stop)
    }

    /// A sign written before the number phrase starting at token `i`:
    /// `minus`, `negative`, or a `-` or `−` glued to the number and not to
    /// what comes before (`-3.5C`, `(-5 degrees)`; never the second half of
    /// `5 -7`, which may be a range). Returns the sign's token.
    fn sign_before(&self, i: usize) -> Option<usize> {
        let prev = i.checked_sub(1)?;
        if self.is_word(prev, &["minus", "negative"]) {
            return Some(prev);
        }
        if !matches!(self.raw(prev), "-" | "−") || !self.glued(prev, i) {
            return None;
        }
        let Some(before) = prev.checked_sub(1) else { return Some(prev) };
        let b = self.tokens[before];
        let spaced = !self.glued(before, prev);
        let opens = matches!(b.text(self.text), "(" | "[" | "\"" | "“" | ":" | "/");
        ((spaced && b.kind != TokenKind::Number) || opens).then_some(prev)
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
                // `DM 40 million`, `SFr 1.85`: a wire abbreviation, when what
                // follows is scaled or has decimals (`DM 5 minutes` is a message).
                if let Some(code) = self.raw(i).starts_with(['D', 'S', 'F', 'B']).then(|| currency::wire_code(self.raw(i))).flatten() {
                    let looks_like_money = scan_number(self.text, self.tokens, i + 1, Letters::Money)
                        .is_some_and(|p| !p.ordinal && (p.scale > 1.0 || self.raw(p.first).contains(['.', ','])));
                    if looks_like_money {
                        if let Some(end) = self.money_after_prefix(i, i + 1, code, out) {
                            return end;
                        }
                    }
                }
                // Found once, by byte (`lower` is ASCII): a char search at
                // each word was a visible part of the scan.
                let hyphen = lower.bytes().position(|b| b == b'-');
                let head = hyphen.map_or(lower, |k| &lower[..k]);
                let number_head = number::is_number_word(head);
                // `three-quarters`, `a third of`
                if (hyphen.is_some() && number_head) || (matches!(lower, "a" | "an" | "one") && self.is_word(i + 2, &["of"])) {
                    if let Some(end) = self.fraction_word(i, lower, out) {
                        return end;
                    }
                }
                // `several million euros`, `thousands of people`: words no
                // number phrase starts with.
                if !number_head && vague::can_start(lower) && (lower != "a" || self.is_word(i + 1, &["few"])) {
                    if let Some(end) = self.vague(i, lower, out) {
                        return end;
                    }
                }
                if number_head || lower == "a" || lower == "an" {
                    let next = self.number_first(i, out);
                    if next > i + 1 || hyphen.is_none() {
                        return next;
                    }
                    // `six-mile`, `two-percent`: not a number phrase, maybe a
                    // number glued to its unit.
                    if out.last().is_some_and(|a| a.span.start == t.span.start) {
                        return next;
                    }
                }
                if hyphen.is_some() {
                    // `six-year-old`, `three-day`, `second-largest`, `five-point`
                    if number_head {
                        if let Some(end) = self.compound_word(i, lower, out) {
                            return end;
                        }
                    }
                    return self.hyphenated(i, lower, out);
                }
                if lower == "magnitude" {
                    return self.magnitude_first(i, out);
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

    /// Amounts that start with a number phrase at token `i`, read in this
    /// order (the first that fits wins): an ORDINAL, a PERCENT, MONEY with
    /// its currency after the number, a QUANTITY, a CARDINAL.
    fn number_first(&self, i: usize, out: &mut Vec<Annotation>) -> usize {
        let Some(p) = scan_number(self.text, self.tokens, i, Letters::Plain) else {
            if self.tokens[i].kind == TokenKind::Number {
                return self.number_range_first(i, out);
            }
            return i + 1;
        };
        if p.ordinal {
            self.ordinal(&p, out);
            return p.end;
        }
        // `half a million`, `half a dozen`: half of what `a` starts.
        let p = if i > 0 && p.end == i + 2 && p.value >= 12.0 && self.is_word(i, &["a", "an"]) && self.is_word(i - 1, &["half"]) {
            NumberPhrase { first: i - 1, value: p.value * 0.5, ..p }
        } else {
            p
        };
        // `two and a half`, `2 1/2`
        let mut p = self.mixed(p);
        // `5m euros`, `10 bn won`: letters that scale money only.
        if !p.spelled && self.tokens.get(p.end).is_some_and(|t| t.kind == TokenKind::Word) {
            if let Some(q) = scan_number(self.text, self.tokens, i, Letters::Money) {
                if q.end > p.end && self.currency_after(&q, q.end).is_some() {
                    p = q;
                }
            }
        }
        if let Some(end) = self.percent_after_number(&p, out) {
            return end;
        }
        if let Some(end) = self.money_after_number(&p, out) {
            return end;
        }
        if let Some(end) = self.quantity_after_number(&p, out) {
            return end;
        }
        // `34-year-old`, `aged 61`, `a 5-point lead`, `5.2 on the Richter scale`
        if let Some(end) = self
            .age_after_digits(&p, out)
            .or_else(|| self.age_in_words(&p, out))
            .or_else(|| self.count_before_word(&p, out))
            .or_else(|| self.richter_after_number(&p, out))
            .or_else(|| self.age_by_context(&p, out))
        {
            return end;
        }
        self.cardinal(&p, out);
        p.end
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
            "percent", "per", "cent", "of", "to", "between", "more", "than", "year-old", "six-year-old", "second-largest", "five-point",
            "three-day", "magnitude", "aged", ",", "Smith", "half", "quarter", "Richter", "scale", "on", "the", "\n", "東", "👍🏽", "é", "e\u{301}", " ",
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
