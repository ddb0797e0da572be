//! Number phrases: digits with separators (`1,200.5`), number words
//! (`two million three hundred thousand`, `twenty-one`), digits with a scale
//! (`1.2 million`, `5bn`), and ordinals (`first`, `twenty-first`, `5th`).
//!
//! Two entry points:
//!
//! - [`parse_number`] / [`parse_ordinal`] parse a whole phrase given as a
//!   string (for callers outside the amounts recognizer, e.g. the dates
//!   recognizer reading `two days ago` or `80 years`);
//! - [`scan_number`] reads the longest number phrase that starts at a token
//!   of an already tokenized text, without allocating.
//!
//! The grammar is English's: units, teens and tens add up (`twenty-one`), a
//! `hundred` multiplies what comes before it (at most 99), scales
//! (`thousand` ... `trillion`) close a group and must decrease from left to
//! right (`two million three hundred thousand`), `and` may follow a hundred
//! or a scale (`one hundred and five`), `a`/`an` stands for one before a
//! hundred, a scale or a dozen (`a million`), and `point` starts spelled
//! decimals (`two point five`). Anything else ends the phrase, so `one two`
//! is two phrases. Fractions (`two thirds`, `a half`) are not read.

use crate::tokenize::cursor::{ascii_lower, Cursor, LOWER_MAX};
use crate::tokenize::{Token, TokenKind};
use crate::words;

/// One word of a spelled-out number.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Word {
    /// zero .. nine
    Unit(u8),
    /// ten .. nineteen
    Teen(u8),
    /// twenty, thirty .. ninety
    Tens(u8),
    Hundred,
    /// thousand, million, billion, trillion (and their abbreviations)
    Scale(f64),
    Dozen,
}

/// The [`Word`] a number word of [`words`] stands for: `seven` (7) is a
/// unit, `twelve` a teen, `forty` a tens, `hundred` the hundred.
#[inline]
fn number_word(n: u32) -> Word {
    match n {
        0..=9 => Word::Unit(n as u8),
        10..=19 => Word::Teen(n as u8),
        100 => Word::Hundred,
        _ => Word::Tens(n as u8),
    }
}

fn cardinal_word(lower: &str) -> Option<Word> {
    use Word::*;
    // The number words themselves, variant spellings (`nought`, `fourty`)
    // included, are the shared table's; the scales are the amounts' own.
    if let Some(n) = words::cardinal(lower) {
        return Some(number_word(n));
    }
    Some(match lower {
        "thousand" => Scale(1e3),
        "million" => Scale(1e6),
        "billion" => Scale(1e9),
        "trillion" => Scale(1e12),
        // South Asian scales: a lakh is 100,000, a crore 10,000,000.
        "lakh" | "lakhs" => Scale(1e5),
        "crore" | "crores" => Scale(1e7),
        "dozen" | "dozens" | "dz" | "dzs" | "doz" | "dozs" => Dozen,
        _ => return None,
    })
}

/// A scale word after a number: `thousand` .. `trillion`, or an
/// abbreviation (see [`Letters`]). `raw` is the word as written (case tells
/// `M` million from `m` meters), `lower` the same lower-cased.
pub(crate) fn scale_word(raw: &str, lower: &str, glued: bool, letters: Letters) -> Option<f64> {
    match cardinal_word(lower) {
        Some(Word::Scale(s)) => Some(s),
        _ => abbreviated_scale(raw, lower, glued, letters),
    }
}

/// Abbreviated scales written after digits (`5 mln`, `3bn`, `10k`, `10M`,
/// `1.2b`). Lower-case `m` and `g` are meters and grams except in money.
fn abbreviated_scale(raw: &str, lower: &str, glued: bool, letters: Letters) -> Option<f64> {
    let raw_had_period = raw.ends_with('.');
    let raw = raw.strip_suffix('.').unwrap_or(raw);
    let lower = lower.strip_suffix('.').unwrap_or(lower);
    Some(match lower {
        "mln" | "mn" | "mil" => 1e6,
        "bln" | "bn" => 1e9,
        "tn" | "trn" | "trln" | "tln" => 1e12,
        "k" => 1e3,
        "mm" if raw == "MM" => 1e6,
        // `M.` with its period is an initial (`50 M. Slater`), not a scale.
        "m" if letters == Letters::Money || raw == "M" && (glued || !raw_had_period) => 1e6,
        "b" if glued || letters == Letters::Money => 1e9,
        "g" if raw == "G" && (glued || !raw_had_period) => 1e9,
        _ => return None,
    })
}

/// Nouns that count people or things, after which a lowercase `m` glued to
/// digits is a million, as British and Asian news write it (`1.2m people`,
/// `5m shares`), not meters (`a 100m sprint`, `10m waves`).
fn is_counted_noun(lower: &str) -> bool {
    matches!(
        lower,
        "people"
            | "persons"
            | "residents"
            | "citizens"
            | "voters"
            | "votes"
            | "users"
            | "customers"
            | "subscribers"
            | "viewers"
            | "visitors"
            | "tourists"
            | "passengers"
            | "households"
            | "homes"
            | "jobs"
            | "workers"
            | "employees"
            | "children"
            | "students"
            | "patients"
            | "cases"
            | "doses"
            | "shares"
            | "copies"
            | "followers"
            | "members"
            | "migrants"
            | "refugees"
            | "cars"
            | "vehicles"
            | "phones"
            | "accounts"
            | "downloads"
    )
}

/// The number an ordinal word stands for, as the word it ends a phrase with:
/// `first` is `Unit(1)`, `twentieth` is `Tens(20)`, `thousandth` a scale.
fn ordinal_word(lower: &str) -> Option<Word> {
    use Word::*;
    if let Some(n) = words::ordinal(lower) {
        return Some(number_word(n));
    }
    Some(match lower {
        "thousandth" => Scale(1e3),
        "millionth" => Scale(1e6),
        "billionth" => Scale(1e9),
        "trillionth" => Scale(1e12),
        _ => return None,
    })
}

/// True when the lower-cased word is a number word (cardinal or ordinal)
/// that can start a number phrase; a cheap pre-filter for scanners.
pub(crate) fn is_number_word(lower: &str) -> bool {
    cardinal_word(lower).is_some_and(|w| w != Word::Dozen) || ordinal_word(lower).is_some()
}

/// Parses digits as news writes them: `7`, `1,200`, `1,200.5`, `12.5`,
/// `.25`. Thousands separators must group by three. Dates, times, fractions,
/// versions and phone numbers (`2022-08-10`, `15:30`, `1/2`, `1.2.3`) are
/// not numbers.
pub fn parse_digits(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    if b.is_empty() {
        return None;
    }
    let (int, frac) = match s.find('.') {
        Some(p) => (&s[..p], Some(&s[p + 1..])),
        None => (s, None),
    };
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    if int.is_empty() {
        frac?;
    } else if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || !first.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        for g in groups {
            if g.len() != 3 || !g.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
        }
    } else if !int.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if !s.contains(',') {
        return s.parse().ok();
    }
    let mut clean = [0u8; 64];
    let mut n = 0;
    for &c in b {
        if c != b',' {
            if n == clean.len() {
                return None;
            }
            clean[n] = c;
            n += 1;
        }
    }
    std::str::from_utf8(&clean[..n]).ok()?.parse().ok()
}

/// Parses an ordinal written with digits: `1st`, `2nd`, `23rd`, `5th`,
/// `100th`. The suffix must agree with the number (`2th` is not one).
pub fn parse_ordinal_digits(s: &str) -> Option<f64> {
    let split = s.find(|c: char| !c.is_ascii_digit())?;
    let (digits, suffix) = s.split_at(split);
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    let expected = match (n % 100, n % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    if suffix.eq_ignore_ascii_case(expected) {
        Some(n as f64)
    } else {
        None
    }
}

/// Which letter abbreviations of scales may follow digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Letters {
    /// `mln`, `bn`, `tn`, and glued `k`/`b` (`10k`, `1.2b`).
    Plain,
    /// Also `m` and spaced `k`/`b`, as in money: `$5m`, `$ 10 k`.
    Money,
}

/// A number phrase found by [`scan_number`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NumberPhrase {
    /// Index of the first token.
    pub first: usize,
    /// Index one past the last token.
    pub end: usize,
    pub value: f64,
    /// Ends in an ordinal (`twenty-first`, `5th`).
    pub ordinal: bool,
    /// Written in words only, without digits (`five million`).
    pub spelled: bool,
    /// The digits were followed by a scale word or abbreviation (`1.2 million`).
    pub scaled: bool,
    /// The last scale applied (`1e6` for `1.2 million`), or 1.
    pub scale: f64,
}

/// What the last accepted word was, to know what may follow it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Last {
    Start,
    /// `a`/`an`: needs a hundred, a scale or a dozen next.
    A,
    Digits,
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
    /// `and` after a hundred or a scale: needs a number word next.
    And,
    /// `point`: needs digit words next.
    Point,
    /// Spelled decimals after `point`.
    Decimals,
}

/// The running value of a phrase.
#[derive(Clone, Copy, Debug)]
struct Acc {
    /// Sum of the closed groups (`two million` in `two million three hundred`).
    total: f64,
    /// The open group (`three hundred`).
    current: f64,
    last: Last,
    /// Scales must decrease: the last one used.
    scale_cap: f64,
    /// The open group already has a hundred.
    has_hundred: bool,
    /// Spelled decimals: their digits so far and how many.
    decimals: f64,
    decimal_places: i32,
    /// The last decimal word was a tens (`point seventy`): a unit may finish it.
    tens_open: bool,
}

impl Acc {
    fn new() -> Acc {
        Acc {
            total: 0.0,
            current: 0.0,
            last: Last::Start,
            scale_cap: f64::INFINITY,
            has_hundred: false,
            decimals: 0.0,
            decimal_places: 0,
            tens_open: false,
        }
    }

    fn fraction(&self) -> f64 {
        if self.decimal_places == 0 {
            0.0
        } else {
            self.decimals / 10f64.powi(self.decimal_places)
        }
    }

    fn value(&self) -> f64 {
        self.total + self.current + self.fraction()
    }

    /// Adds a word, or says it cannot follow what came before.
    fn push(&mut self, w: Word) -> bool {
        use Last::*;
        if self.last == Point || (self.last == Decimals && !matches!(w, Word::Scale(_))) {
            return self.push_decimal(w);
        }
        match w {
            Word::Unit(u) => {
                let ok = match self.last {
                    Start | Hundred | Scale | And => true,
                    Tens => u != 0,
                    _ => false,
                };
                if !ok || (u == 0 && self.last != Start) {
                    return false;
                }
                self.current += u as f64;
                self.last = Unit;
            }
            Word::Teen(t) | Word::Tens(t) => {
                if !matches!(self.last, Start | Hundred | Scale | And) {
                    return false;
                }
                // `two hundred` then `fifty`: the group's tens must be free.
                if self.has_hundred && self.current % 100.0 != 0.0 {
                    return false;
                }
                self.current += t as f64;
                self.last = if matches!(w, Word::Teen(_)) { Teen } else { Tens };
            }
            Word::Hundred => {
                let base = match self.last {
                    A => 1.0,
                    Unit | Teen | Tens if !self.has_hundred && self.current >= 1.0 && self.current < 100.0 => self.current,
                    Digits if self.current >= 1.0 && self.current < 1000.0 => self.current,
                    _ => return false,
                };
                self.current = base * 100.0;
                self.has_hundred = true;
                self.last = Hundred;
            }
            Word::Scale(s) => {
                if s >= self.scale_cap {
                    return false;
                }
                let base = match self.last {
                    A => 1.0,
                    Unit | Teen | Tens | Hundred | Digits | Decimals => self.current + self.fraction(),
                    _ => return false,
                };
                if base <= 0.0 {
                    return false;
                }
                self.total += base * s;
                self.decimals = 0.0;
                self.decimal_places = 0;
                self.current = 0.0;
                self.has_hundred = false;
                self.scale_cap = s;
                self.last = Scale;
            }
            Word::Dozen => {
                // A dozen multiplies the last number said: `three hundred and
                // two dozens` is 300 + 24.
                let below_hundred = if self.has_hundred { self.current % 100.0 } else { self.current };
                let (keep, base) = match self.last {
                    A => (self.current, 1.0),
                    Unit | Teen | Tens | Hundred | Digits if self.current > 0.0 => {
                        if below_hundred > 0.0 {
                            (self.current - below_hundred, below_hundred)
                        } else {
                            (0.0, self.current)
                        }
                    }
                    _ => return false,
                };
                self.current = keep + base * 12.0;
                // Nothing follows a dozen.
                self.last = Scale;
                self.scale_cap = 0.0;
            }
        }
        true
    }

    /// A word after `point`: each unit is one digit, a teen or tens (with its
    /// unit, `seventy-one`) two digits.
    fn push_decimal(&mut self, w: Word) -> bool {
        let (digits, places) = match w {
            Word::Unit(u) => (u as f64, 1),
            Word::Teen(t) | Word::Tens(t) => (t as f64, 2),
            _ => return false,
        };
        if self.tens_open {
            // `seventy-one`: a unit completes the tens just read.
            if let Word::Unit(u) = w {
                if u != 0 {
                    self.decimals += u as f64;
                    self.tens_open = false;
                    return true;
                }
            }
        }
        self.tens_open = matches!(w, Word::Tens(_));
        self.decimals = self.decimals * 10f64.powi(places) + digits;
        self.decimal_places += places;
        self.last = Last::Decimals;
        true
    }
}

/// Reads the longest number phrase starting at token `i`: digits (with a
/// scale after them: `1.2 million`, `5 mln`, `10k`), number words
/// (`one hundred and twenty-five thousand`, `fifty - two`), or an ordinal
/// (`5th`, `twenty-first`, `one hundred twenty fifth`). `None` when token
/// `i` starts none. Never allocates.
pub fn scan_number(text: &str, tokens: &[Token], i: usize, letters: Letters) -> Option<NumberPhrase> {
    let cur = Cursor::new(text, tokens);
    let first = tokens.get(i)?;
    let mut buf = [0u8; LOWER_MAX];
    let mut acc = Acc::new();
    let mut spelled = true;
    let mut scaled = false;
    // The last point where the phrase could end: token end and value.
    let mut best: Option<(usize, f64, bool)> = None;

    if first.kind == TokenKind::Number {
        let w = first.text(text);
        if let Some(v) = parse_digits(w) {
            let (v, end) = space_grouped(text, tokens, i, v);
            acc.current = v;
            acc.last = Last::Digits;
            spelled = false;
            best = Some((end, v, false));
        } else {
            let v = parse_ordinal_digits(w)?;
            return Some(NumberPhrase { first: i, end: i + 1, value: v, ordinal: true, spelled: false, scaled: false, scale: 1.0 });
        }
    }

    let mut j = best.map_or(i, |b| b.0);
    // Where the phrase ended before an `and` that followed a scale: `two
    // million and three million` is two phrases, not 2000003.
    let mut before_and: Option<(usize, f64, bool)> = None;
    let mut and_after_hundred = false;
    while let Some(t) = tokens.get(j) {
        // A number phrase never crosses a line break.
        if t.line_start && j > i {
            break;
        }
        let glued = j > 0 && cur.glued(j - 1, j);
        let raw = t.text(text);
        match t.kind {
            TokenKind::Word => {}
            // Digits inside a phrase: `3 hundred and 21`, `4 thousand 3 hundred`.
            TokenKind::Number => {
                let Some(v) = parse_digits(raw).filter(|v| v.fract() == 0.0) else { break };
                let next_is_hundred = cur.is_word(j + 1, &["hundred"]);
                if acc.last == Last::And && and_after_hundred && (1.0..100.0).contains(&v) && !next_is_hundred {
                    acc.current += v;
                    acc.last = Last::Teen;
                } else if acc.last == Last::Scale && next_is_hundred && (1.0..10.0).contains(&v) && acc.scale_cap > 100.0 {
                    acc.current = v;
                    acc.last = Last::Digits;
                } else {
                    break;
                }
                j += 1;
                best = Some((j, acc.value(), false));
                continue;
            }
            // `$3-billion`, `1.5-million`: a hyphen glued between digits and
            // a scale word, as some styles write an amount before a noun.
            TokenKind::Punct if raw == "-" && acc.last == Last::Digits && glued && cur.glued(j, j + 1) => {
                let mut b = [0u8; LOWER_MAX];
                if cur.lower(j + 1, &mut b).and_then(cardinal_word).is_some_and(|w| matches!(w, Word::Scale(_))) {
                    j += 1;
                    continue;
                }
                break;
            }
            // `fifty - two`: a spaced hyphen between tens and a unit.
            TokenKind::Punct if raw == "-" && acc.last == Last::Tens => {
                let mut b = [0u8; LOWER_MAX];
                let next_is_unit = cur.lower(j + 1, &mut b).and_then(cardinal_word).is_some_and(|w| matches!(w, Word::Unit(u) if u > 0));
                if next_is_unit {
                    j += 1;
                    continue;
                }
                break;
            }
            _ => break,
        }
        let Some(lower) = ascii_lower(raw, &mut buf) else { break };
        // `mln.` at the end of a sentence keeps its period.
        let lower = lower.strip_suffix('.').unwrap_or(lower);
        if acc.last == Last::Digits {
            let millions_counted =
                lower == "m" && raw == "m" && glued && cur.lower(j + 1, &mut [0u8; LOWER_MAX]).is_some_and(is_counted_noun);
            if let Some(s) = abbreviated_scale(raw, lower, glued, letters).or(millions_counted.then_some(1e6)) {
                if acc.push(Word::Scale(s)) {
                    scaled = true;
                    j += 1;
                    best = Some((j, acc.value(), false));
                    // An abbreviation closes the phrase: `5m two` is not one number.
                    break;
                }
            }
        }
        match lower {
            "a" | "an" if acc.last == Last::Start => {
                acc.last = Last::A;
                j += 1;
                continue;
            }
            "and" if matches!(acc.last, Last::Hundred | Last::Scale) && acc.scale_cap > 0.0 => {
                and_after_hundred = acc.last == Last::Hundred;
                if acc.last == Last::Scale {
                    before_and = best;
                }
                acc.last = Last::And;
                j += 1;
                continue;
            }
            "point" if spelled && matches!(acc.last, Last::Unit | Last::Teen | Last::Tens | Last::Hundred) => {
                acc.last = Last::Point;
                j += 1;
                continue;
            }
            _ => {}
        }
        // A word, possibly hyphenated (`twenty-one`, `twenty-first`): every
        // piece must be accepted, or the token is not part of the phrase.
        let mut trial = acc;
        let mut ordinal = false;
        let mut ok = true;
        let mut pieces = lower.split('-').peekable();
        while let Some(piece) = pieces.next() {
            let is_last = pieces.peek().is_none();
            if let Some(w) = cardinal_word(piece) {
                if w == Word::Dozen && !is_last {
                    ok = false;
                    break;
                }
                if !trial.push(w) {
                    ok = false;
                    break;
                }
                if matches!(w, Word::Scale(_)) && acc.last == Last::Digits {
                    scaled = true;
                }
            } else if is_last && spelled && !matches!(trial.last, Last::Digits | Last::A | Last::Point | Last::Decimals | Last::And) {
                let w = ordinal_word(piece);
                // `thousandth`, `hundredth` alone: one thousand.
                if trial.last == Last::Start && matches!(w, Some(Word::Hundred | Word::Scale(_))) {
                    trial.last = Last::A;
                }
                match w {
                    Some(w) if trial.push(w) => ordinal = true,
                    _ => {
                        ok = false;
                        break;
                    }
                }
            } else {
                ok = false;
                break;
            }
        }
        if !ok {
            // `two million and three million`: undo the `and`.
            if before_and.is_some() && matches!(cardinal_word(lower), Some(Word::Scale(_))) {
                best = before_and;
            }
            break;
        }
        if trial.scale_cap < acc.scale_cap {
            before_and = None;
        }
        acc = trial;
        j += 1;
        best = Some((j, acc.value(), ordinal));
        if ordinal || acc.scale_cap == 0.0 {
            break;
        }
    }
    let (end, value, ordinal) = best?;
    let scale = if acc.scale_cap.is_finite() && acc.scale_cap > 0.0 { acc.scale_cap } else { 1.0 };
    Some(NumberPhrase { first: i, end, value, ordinal, spelled, scaled: scaled && !spelled, scale })
}

/// Digits grouped by no-break spaces, as some styles write thousands:
/// `1 234 567`, `40 000` (a no-break or narrow no-break space between groups
/// of three). Plain spaces group only before a currency (`20 000 euros`,
/// `1 500 000 $`): elsewhere in news they separate table columns and phone
/// number parts (`906 962 599`, `+31 20 504 5000`).
/// Returns the value and the token after the last group.
fn space_grouped(text: &str, tokens: &[Token], i: usize, first_value: f64) -> (f64, usize) {
    let (value, end) = space_grouped_by(text, tokens, i, first_value, &["\u{a0}", "\u{202f}"]);
    if end > i + 1 {
        return (value, end);
    }
    let (value, end) = space_grouped_by(text, tokens, i, first_value, &[" "]);
    if end > i + 1 && is_currency_at(text, tokens, end) {
        return (value, end);
    }
    (first_value, i + 1)
}

/// Whether token `k` names a currency after an amount: a symbol, a code
/// or a currency's noun in lowercase (`€`, `EUR`, `euros`; not `Mark` of a
/// results table's `67 138 Mark Cayeux`).
fn is_currency_at(text: &str, tokens: &[Token], k: usize) -> bool {
    let Some(t) = tokens.get(k) else { return false };
    let raw = t.text(text);
    let mut buf = [0u8; LOWER_MAX];
    let lower = ascii_lower(raw, &mut buf);
    let noun = |l: &str| raw == l && super::currency::noun(l).is_some_and(|n| n.default_code.is_some());
    super::currency::symbol_code(raw).is_some() || lower.is_some_and(|l| super::currency::code_word(raw, l).is_some() || noun(l))
}

/// [`space_grouped`] with groups apart by exactly one of `gaps`.
fn space_grouped_by(text: &str, tokens: &[Token], i: usize, first_value: f64, gaps: &[&str]) -> (f64, usize) {
    let first = tokens[i].text(text);
    if first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return (first_value, i + 1);
    }
    let mut value = first_value;
    let mut j = i + 1;
    while let Some(t) = tokens.get(j) {
        let gap = &text[tokens[j - 1].span.end..t.span.start];
        let group = t.text(text);
        let (int, frac) = group.split_once('.').unwrap_or((group, ""));
        let ok = t.kind == TokenKind::Number
            && gaps.contains(&gap)
            && int.len() == 3
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.bytes().all(|b| b.is_ascii_digit())
            && !(group.contains('.') && frac.is_empty());
        if !ok {
            break;
        }
        let Some(g) = parse_digits(group) else { break };
        value = value * 1000.0 + g;
        j += 1;
        if !frac.is_empty() {
            break;
        }
    }
    (value, j)
}

/// Parses a whole cardinal number phrase: `7`, `1,200`, `1.2 million`,
/// `twenty-one`, `two million three hundred thousand`, `a dozen`, `two point
/// five`. Case-insensitive; surrounding whitespace is ignored. `None` when
/// the text is not exactly one number phrase (`two days`, `first`, `2019-08`).
///
/// For the dates recognizer: `parse_number("two")` is `Some(2.0)`,
/// `parse_number("80")` is `Some(80.0)`.
pub fn parse_number(words: &str) -> Option<f64> {
    let phrase = parse_phrase(words)?;
    (!phrase.ordinal).then_some(phrase.value)
}

/// Parses a whole ordinal phrase: `first`, `2nd`, `twenty-first`, `one
/// hundred twenty-fifth`. `None` for anything else.
pub fn parse_ordinal(words: &str) -> Option<f64> {
    let phrase = parse_phrase(words)?;
    phrase.ordinal.then_some(phrase.value)
}

fn parse_phrase(words: &str) -> Option<NumberPhrase> {
    let tokens = crate::tokenize::tokenize(words);
    let phrase = scan_number(words, &tokens, 0, Letters::Plain)?;
    (phrase.end == tokens.len()).then_some(phrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cardinals() {
        let cases: &[(&str, f64)] = &[
            ("7", 7.0),
            ("1,200", 1200.0),
            ("1,200.5", 1200.5),
            ("12.5", 12.5),
            ("1.2 million", 1.2e6),
            ("5 mln", 5e6),
            ("10k", 1e4),
            ("two", 2.0),
            ("Twenty-one", 21.0),
            ("fifty - two", 52.0),
            ("one hundred twenty-five thousand", 125_000.0),
            ("two million three hundred thousand", 2_300_000.0),
            ("one hundred and sixty-one", 161.0),
            ("twenty-one trillion and three hundred", 21_000_000_000_300.0),
            ("a hundred", 100.0),
            ("a million", 1e6),
            ("a dozen", 12.0),
            ("3 dozens", 36.0),
            ("322 hundred", 32_200.0),
            ("ninety - five hundred", 9500.0),
            ("two hundred point zero three", 200.03),
            ("two hundred point seventy-one", 200.71),
            ("nine point nought four", 9.04),
            ("two point five million", 2.5e6),
            ("zero", 0.0),
        ];
        for &(text, want) in cases {
            assert_eq!(parse_number(text), Some(want), "{text}");
        }
    }

    #[test]
    fn not_cardinals() {
        for text in [
            "",
            "a",
            "one two",
            "two days",
            "first",
            "2022-08-10",
            "15:30",
            "1/2",
            "1,20",
            "1.2.3",
            "hundreds",
            "million",
            "and",
            "thousand million",
        ] {
            assert_eq!(parse_number(text), None, "{text:?}");
        }
    }

    #[test]
    fn ordinals() {
        let cases: &[(&str, f64)] = &[
            ("first", 1.0),
            ("2nd", 2.0),
            ("21st", 21.0),
            ("11th", 11.0),
            ("100th", 100.0),
            ("twenty-first", 21.0),
            ("one hundred twenty fifth", 125.0),
            ("two hundredth", 200.0),
            ("twenty-one trillion and three hundred twenty second", 21_000_000_000_322.0),
        ];
        for &(text, want) in cases {
            assert_eq!(parse_ordinal(text), Some(want), "{text}");
        }
        for text in ["2th", "one second", "seconds", "2"] {
            assert_eq!(parse_ordinal(text), None, "{text:?}");
        }
    }
}
