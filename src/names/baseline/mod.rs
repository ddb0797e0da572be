//! The rule-based names tagger: PERSON, ORG, LOC and MISC from
//! capitalization, titles, organization heads and tails, demonyms and the
//! name lists of [`lexicon`].
//!
//! One pass over the tokens, with hash lookups only:
//!
//! 1. Each line is classed as running text, an ALL CAPS line or a Title Case
//!    line. In the last two capitals say nothing, so only list entries and
//!    strong patterns (a title before a name) count there.
//! 2. A parenthesized kicker at the start of a line (`(LEAD)`, `(2nd LD)`,
//!    `(Yonhap Interview)`) is skipped: wire slugs, not names.
//! 3. At each capitalized word: a title (`Mr.`, `Deputy Special
//!    Representative`) makes the name after it a PERSON, the title left out;
//!    otherwise the run of capitalized words (with `of`, `for`, `the`, `and`
//!    inside organization names, `de`, `van`... inside any) is read and
//!    classed: list entry, organization word, person pattern, acronym,
//!    default.
//! 4. A sentence-initial word that is a function word, a common opener or
//!    occurs lowercased elsewhere in the document is not a name by itself.
//! 5. A lone word that starts a multi-word organization elsewhere in the
//!    document (`Lazarus` and `Lazarus Group`) takes the organization label.
//!
//! The word classes the rules read are in the private `words` module.
//!
//! Spans are half-open byte ranges covering whole tokens; determiners and
//! possessive `'s` stay outside (they are separate tokens that never join a
//! run). The output never overlaps.

use crate::document::{Annotation, Source};
use crate::hash::FxBuildHasher;
use crate::label::Label;
use crate::names::lexicon::{lexicon, LexFlags as F, Lexicon, TokenMatch};
use crate::recognizer::Context;
use crate::span::Span;
use crate::tokenize::kicker_len;
use crate::tokenize::TokenKind;
use std::collections::HashSet;
use std::ops::Range;
use words::*;

mod words;

// Word patterns the tagger's conventions read too (`names::conventions`).
pub(crate) use words::{is_demonym_compound, is_domain_name};

/// How capitalization is used on a line.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum LineMode {
    /// Running text: a capital means a name or a sentence start.
    Text,
    /// Most words in capitals, or most content words capitalized: only
    /// lists and titles count.
    Headline,
}

bitflags::bitflags! {
    /// What a token looks like, computed once per token.
    #[derive(Clone, Copy, Default)]
    struct Shape: u8 {
        /// A Word token starting with a capital.
        const CAP = 1;
        /// A function word (`the`, `of`, `And`).
        const FUNC = 2;
        /// A month or weekday.
        const DATE = 4;
        /// A Word token of two or more letters, none lowercase.
        const ALL_CAPS = 8;
        /// A Word token with a letter.
        const ALPHA = 16;
    }
}

impl Shape {
    fn of(t: &crate::tokenize::Token, w: &str) -> Shape {
        let mut shape = Shape::empty();
        if t.kind != TokenKind::Word {
            return shape;
        }
        let mut letters = 0;
        let mut lower = false;
        for c in w.chars() {
            if c.is_alphabetic() {
                letters += 1;
                lower |= c.is_lowercase();
            }
        }
        shape.set(Shape::ALPHA, letters > 0);
        shape.set(Shape::ALL_CAPS, letters >= 2 && !lower);
        if starts_upper(w) {
            shape |= Shape::CAP;
            shape.set(Shape::DATE, date_word(w));
        }
        shape.set(Shape::FUNC, function_word(w));
        shape
    }

    #[inline]
    fn has(self, flag: Shape) -> bool {
        self.intersects(flag)
    }
}

/// The per-document state of the scan.
struct Scan<'a> {
    shape: Vec<Shape>,
    lex: &'static Lexicon,
    tokens: &'a [crate::tokenize::Token],
    words: Vec<&'a str>,
    /// Single-word flags of capitalized words (empty for others).
    flags: Vec<F>,
    /// The longest list entry starting at each capitalized word.
    longest: Vec<Option<(usize, F)>>,
    mode: Vec<LineMode>,
    sentence_start: Vec<bool>,
    skip: Vec<bool>,
    /// Lowercase words of the document, gathered on first use (few
    /// documents need them).
    lower_seen: std::cell::OnceCell<HashSet<&'a str, FxBuildHasher>>,
    text: &'a str,
}

impl<'a> Scan<'a> {
    /// The scan of `cx`, with the lexicon's matches at each token.
    fn new(cx: &Context<'a>, matches: &[TokenMatch]) -> Scan<'a> {
        let lex = lexicon();
        let tokens = cx.tokens;
        let words: Vec<&str> = tokens.iter().map(|t| t.text(cx.text)).collect();
        let n = tokens.len();
        let mut flags = vec![F::EMPTY; n];
        let mut longest = vec![None; n];
        let shape: Vec<Shape> = tokens.iter().zip(&words).map(|(t, w)| Shape::of(t, w)).collect();
        for (i, t) in tokens.iter().enumerate() {
            if t.kind == TokenKind::Word && shape[i].has(Shape::CAP) {
                (flags[i], longest[i]) = matches.get(i).copied().unwrap_or_default();
            }
        }
        let mut scan = Scan {
            shape,
            lex,
            tokens,
            words,
            flags,
            longest,
            mode: vec![LineMode::Text; n],
            sentence_start: vec![false; n],
            skip: vec![false; n],
            lower_seen: std::cell::OnceCell::new(),
            text: cx.text,
        };
        scan.mark_lines();
        scan
    }

    /// Classes each line and finds sentence starts and kickers.
    fn mark_lines(&mut self) {
        let n = self.tokens.len();
        let mut start = 0;
        while start < n {
            let mut end = start + 1;
            while end < n && !self.tokens[end].line_start {
                end += 1;
            }
            let mode = self.line_mode(start, end);
            self.mode[start..end].fill(mode);
            // A kicker: `(` ... `)` opening the line, a few words long.
            if let Some(len) = kicker_len(self.text, self.tokens, start) {
                let close = start + len - 1;
                self.skip[start..=close].fill(true);
                if close + 1 < end {
                    self.sentence_start[close + 1] = true;
                }
            }
            self.sentence_start[start] = true;
            for k in start + 1..end {
                let prev = self.words[k - 1];
                if matches!(prev, "." | "!" | "?" | ":" | ";" | "--" | "-" | "—" | "–" | "..." | "…" | "\"" | "“" | "‘" | "'" | "(" | "[")
                    || (self.tokens[k - 1].kind == TokenKind::Punct && prev.chars().all(|c| c == '.' || c == '-'))
                {
                    self.sentence_start[k] = true;
                }
            }
            start = end;
        }
    }

    fn line_mode(&self, start: usize, end: usize) -> LineMode {
        let (mut words, mut all_caps, mut content, mut content_cap) = (0usize, 0usize, 0usize, 0usize);
        for k in start..end {
            let shape = self.shape[k];
            if !shape.has(Shape::ALPHA) {
                continue;
            }
            words += 1;
            if shape.has(Shape::ALL_CAPS) {
                all_caps += 1;
            }
            let w = self.words[k];
            if !shape.has(Shape::FUNC) && !w.starts_with('\'') && !w.starts_with('’') {
                content += 1;
                if shape.has(Shape::CAP) {
                    content_cap += 1;
                }
            }
        }
        if words >= 3 && all_caps * 5 >= words * 4 {
            return LineMode::Headline;
        }
        if content >= 4 && content_cap * 10 >= content * 9 {
            return LineMode::Headline;
        }
        LineMode::Text
    }

    fn is_cap_word(&self, k: usize) -> bool {
        k < self.tokens.len() && self.shape[k].has(Shape::CAP) && !self.skip[k]
    }

    /// A word that may continue a name run: capitalized, not a month or
    /// weekday.
    fn is_run_word(&self, k: usize) -> bool {
        self.is_cap_word(k) && !self.shape[k].has(Shape::DATE)
    }

    /// A title starting at `k`: its length in tokens.
    fn title_at(&self, k: usize) -> Option<usize> {
        if !self.is_cap_word(k) {
            return None;
        }
        let (len, f) = self.longest[k]?;
        // `President` is a title; `General Motors` or `Justice Department`
        // are caught when the run after the title is classed.
        (f.contains(F::TITLE) && !f.intersects(F::PLACE | F::ORG | F::NEWS_AGENCY | F::DEMONYM)).then_some(len)
    }

    /// Is the word at `k`, sentence-initial, a common word rather than a
    /// name?
    fn is_common_opener(&self, k: usize) -> bool {
        let w = self.words[k];
        if is_acronym(w) {
            return false;
        }
        if self.shape[k].has(Shape::FUNC) || self.flags[k].contains(F::COMMON) {
            return true;
        }
        let lower_seen = self.lower_seen.get_or_init(|| {
            let lowercase = |(t, w): &(&crate::tokenize::Token, &&'a str)| {
                t.kind == TokenKind::Word && w.chars().next().is_some_and(char::is_lowercase)
            };
            self.tokens.iter().zip(&self.words).filter(lowercase).map(|(_, &w)| w).collect()
        });
        let mut buf = [0; crate::tokenize::cursor::LOWER_MAX];
        match small_lower(w, &mut buf) {
            Some(lower) => lower_seen.contains(lower),
            None => lower_seen.contains(w.to_lowercase().as_str()),
        }
    }

    /// The end of the name run that starts at `from` (exclusive). Runs stop
    /// before a title, a date word, a possessive or any lowercase word other
    /// than a connector inside an organization name or a name particle.
    fn run_end(&self, from: usize) -> usize {
        let n = self.tokens.len();
        let mut k = from;
        let mut orgish = false;
        let mut joined = false;
        loop {
            if k < n && self.is_run_word(k) && (k == from || (!self.tokens[k].line_start && self.title_at(k).is_none())) {
                // Only a head word (`Ministry`, `Bank`) opens an `of` phrase.
                orgish |= self.flags[k].contains(F::ORG_HEAD);
                k += 1;
                continue;
            }
            if k > from && k < n && !self.skip[k] && !self.tokens[k].line_start {
                let mut buf = [0; crate::tokenize::cursor::LOWER_MAX];
                let lower = small_lower(self.words[k], &mut buf).unwrap_or("");
                let next = match lower {
                    "of" | "for" | "on" if orgish => {
                        let mut next = k + 1;
                        if next < n && self.words[next].eq_ignore_ascii_case("the") {
                            next += 1;
                        }
                        Some(next)
                    }
                    "and" if orgish && joined => Some(k + 1),
                    "&" => Some(k + 1),
                    _ if is_name_particle(lower) && self.words[k].chars().all(char::is_lowercase) => Some(k + 1),
                    _ => None,
                };
                if let Some(next) = next {
                    if self.is_run_word(next) && !self.tokens[next].line_start && self.title_at(next).is_none() {
                        joined |= matches!(lower, "of" | "for" | "on");
                        k = next;
                        continue;
                    }
                }
            }
            break;
        }
        k
    }

    /// Does the run `s..e` look like a person's name: a first name, a
    /// surname first (East Asian order), a hyphenated given name or an
    /// initial?
    fn person_pattern(&self, s: usize, e: usize) -> bool {
        let len = e - s;
        let words = &self.words[s..e];
        let first = self.flags[s];
        (2..=4).contains(&len)
            && ((first.contains(F::FIRST_NAME) && !first.intersects(F::PLACE | F::COMMON))
                || (first.contains(F::SURNAME) && len <= 3)
                || words.iter().any(|w| is_hyphenated_given_name(w))
                || words[..len - 1].iter().any(|w| is_initial(w)))
    }

    /// The longest list entry starting at `s` and ending by `e`.
    fn match_within(&self, s: usize, e: usize) -> Option<(usize, F)> {
        match self.longest[s] {
            Some((ml, f)) if ml <= e - s => Some((ml, f)),
            Some(_) => self.lex.longest_match(&self.words[s..e]),
            None => None,
        }
    }

    /// The label of the run `s..e` as a whole, if it has one.
    fn classify(&self, s: usize, e: usize) -> Option<Label> {
        let len = e - s;
        let words = &self.words[s..e];
        if let Some((ml, f)) = self.match_within(s, e) {
            if ml == len {
                if f.intersects(F::ORG | F::NEWS_AGENCY) {
                    return Some(Label::Org);
                }
                if f.intersects(F::PLACE) && !(len == 1 && f.contains(F::COMMON)) {
                    return Some(Label::Loc);
                }
                if f.contains(F::DEMONYM) {
                    return Some(Label::Misc);
                }
            }
        }
        let flags = &self.flags[s..e];
        if len >= 2 && is_event_tail(words[len - 1]) {
            return Some(Label::Misc);
        }
        let org_word = flags.iter().any(|f| f.intersects(F::ORG_HEAD | F::ORG_TAIL));
        if len >= 2 && !org_word && (is_place_tail(words[len - 1]) || is_place_head(words[0])) {
            return Some(Label::Loc);
        }
        if flags.iter().any(|f| f.intersects(F::ORG_HEAD | F::ORG_TAIL))
            || (len > 1 && flags.iter().any(|f| f.intersects(F::NEWS_AGENCY | F::ORG)))
        {
            // A lone head or tail word that is also a common opener
            // (`Police`, `Union`) needs more than itself.
            if len > 1 || !flags[0].contains(F::COMMON) {
                return Some(Label::Org);
            }
            return None;
        }
        if len >= 2 {
            if self.person_pattern(s, e) {
                return Some(Label::Person);
            }
            // Two or three unknown capitalized words are most often a
            // person's name in news; organizations usually show a head or
            // tail word. See also `relabel_repeated_full_names`.
            let placed = flags.iter().any(|f| f.intersects(F::PLACE | F::DEMONYM));
            return Some(if len <= 3 && !placed && words.iter().all(|w| has_lower(w)) { Label::Person } else { Label::Org });
        }
        let w = words[0];
        let f = flags[0];
        if is_demonym_compound(self.lex, w) {
            return Some(Label::Misc);
        }
        if f.contains(F::COMMON) || f.contains(F::TITLE) || f.contains(F::STATE_ABBREV) && !has_lower(w) {
            return None;
        }
        if is_acronym(w) {
            return Some(Label::Org);
        }
        if is_domain_name(w) {
            return Some(Label::Org);
        }
        if w.chars().count() < 2 || is_initial(w) {
            return None;
        }
        if !f.intersects(F::FIRST_NAME | F::SURNAME) && has_place_suffix(w) {
            return Some(Label::Loc);
        }
        Some(Label::Person)
    }
}

/// A name found, before the document-level pass.
struct Found {
    s: usize,
    e: usize,
    label: Label,
}

/// Proposes names from capitalization patterns, titles, organization heads
/// and tails, demonyms and the name lists; pushes them to `out` with
/// [`Source::Rule`]. The spans never overlap each other.
pub fn recognize(cx: &Context, out: &mut Vec<Annotation>) {
    // The scan reads the lists' matches at capitalized words only.
    let lex = lexicon();
    let words: Vec<&str> = cx.tokens.iter().map(|t| t.text(cx.text)).collect();
    let matches: Vec<TokenMatch> = (0..words.len())
        .map(|i| match cx.tokens[i].kind == TokenKind::Word && starts_upper(words[i]) {
            true => lex.word_and_longest(&words[i..]),
            false => TokenMatch::default(),
        })
        .collect();
    out.extend(names(cx, &matches).into_iter().map(|(r, label)| {
        let span = Span::new(cx.tokens[r.start].span.start, cx.tokens[r.end - 1].span.end);
        Annotation::new(span, label, None, Source::Rule)
    }));
}

/// The names [`recognize`] finds, as token ranges in order, given the
/// lexicon's [`Lexicon::token_matches`] of the text.
pub(crate) fn names(cx: &Context, matches: &[TokenMatch]) -> Vec<(Range<usize>, Label)> {
    if cx.tokens.is_empty() {
        return Vec::new();
    }
    let scan = Scan::new(cx, matches);
    let n = scan.tokens.len();
    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < n {
        if !scan.is_cap_word(i) {
            i += 1;
            continue;
        }
        if scan.mode[i] == LineMode::Headline {
            i = headline_name(&scan, i, &mut found);
            continue;
        }
        // A title: the name after it is a person's.
        if let Some(tlen) = scan.title_at(i) {
            let j = i + tlen;
            if scan.is_run_word(j) && !scan.flags[j].contains(F::COMMON) {
                let e = scan.run_end(j);
                let listed = scan
                    .match_within(j, e)
                    .is_some_and(|(ml, f)| ml == e - j && f.intersects(F::PLACE | F::DEMONYM | F::ORG | F::NEWS_AGENCY));
                if scan.flags[j..e].iter().any(|f| f.intersects(F::ORG_HEAD | F::ORG_TAIL)) {
                    // `General Motors`, `Justice Department`: the title word
                    // belongs to the organization's name.
                    found.push(Found { s: i, e, label: Label::Org });
                } else if listed {
                    // `President Washington` is rarer than `Minister Seoul`
                    // misread: leave the place to the run scan.
                    i = j;
                    continue;
                } else {
                    found.push(Found { s: j, e, label: Label::Person });
                }
                i = e;
            } else {
                i = j;
            }
            continue;
        }
        // A list entry longer than the run would be (`Democratic People's
        // Republic of Korea` runs over `'s`).
        if let Some((ml, f)) = scan.longest[i] {
            if ml > 1 && f.intersects(F::PLACE | F::DEMONYM | F::ORG | F::NEWS_AGENCY) && scan.run_end(i) < i + ml {
                found.push(Found { s: i, e: i + ml, label: list_label(f) });
                i += ml;
                continue;
            }
        }
        let mut s = i;
        let e = scan.run_end(i);
        // Function words and sentence openers are not part of a name.
        while s < e && (scan.shape[s].has(Shape::FUNC) || scan.shape[s].has(Shape::DATE)) {
            s += 1;
        }
        if s < e && scan.sentence_start[s] && scan.is_common_opener(s) {
            let rest_is_org = (s + 1..e).any(|k| scan.flags[k].intersects(F::ORG_HEAD | F::ORG_TAIL));
            let listed =
                scan.match_within(s, e).is_some_and(|(ml, f)| ml > 1 && f.intersects(F::PLACE | F::DEMONYM | F::ORG | F::NEWS_AGENCY));
            if (!rest_is_org || scan.flags[s].contains(F::COMMON)) && !listed {
                s += 1;
            }
        }
        if s >= e {
            i = e.max(i + 1);
            continue;
        }
        let Some(label) = scan.classify(s, e) else {
            i = e;
            continue;
        };
        let single = e - s == 1;
        let listed = scan
            .match_within(s, e)
            .is_some_and(|(ml, f)| ml == e - s && f.intersects(F::PLACE | F::DEMONYM | F::ORG | F::NEWS_AGENCY | F::SURNAME));
        let w = scan.words[s];
        let patterned = listed
            || is_acronym(w)
            || (single && scan.flags[s].intersects(F::ORG_HEAD | F::ORG_TAIL))
            || is_demonym_compound(scan.lex, w)
            || (!single && label != Label::Org)
            || (!single && scan.flags[s..e].iter().any(|f| f.intersects(F::ORG_HEAD | F::ORG_TAIL | F::ORG | F::NEWS_AGENCY)));
        // A lone unknown word opening a sentence is too often a common word
        // (`Fintech startup ...`, `Attendance : 5,000`) unless a capital or
        // a number follows (a results table). If it is a name after all,
        // the document-level consistency of `resolve` marks it from its
        // other mentions.
        let table_like = e < n && scan.words[e].starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        if single && scan.sentence_start[s] && !patterned && !table_like {
            i = e;
            continue;
        }
        let guessed = !(patterned || single && scan.flags[s].intersects(F::FIRST_NAME | F::SURNAME));
        // A place run followed by what the lists do not know: keep the place
        // and read the rest on its own (`South Korean Lee Tae-woo`).
        if label == Label::Org && guessed && !single {
            if let Some((ml, f)) = scan.match_within(s, e) {
                if ml < e - s && f.intersects(F::PLACE | F::DEMONYM) && !f.contains(F::FIRST_NAME) {
                    let label = if f.intersects(F::PLACE) { Label::Loc } else { Label::Misc };
                    found.push(Found { s, e: s + ml, label });
                    i = s + ml;
                    continue;
                }
            }
        }
        found.push(Found { s, e, label });
        i = e;
    }
    relabel_repeated_full_names(&scan, &mut found);
    relabel_short_forms(&scan, &mut found);
    found.into_iter().map(|f| (f.s..f.e, f.label)).collect()
}

/// A multi-word name read as a person's by default only (no first name,
/// surname or other pattern) that recurs in full but whose last word never
/// stands alone is not a person: people are named again by their family
/// name (`Biden`), while organizations and products are repeated in full
/// (`Tornado Cash`).
fn relabel_repeated_full_names(scan: &Scan, found: &mut [Found]) {
    let guessed = |f: &Found| f.label == Label::Person && f.e - f.s >= 2 && !scan.person_pattern(f.s, f.e);
    let mut full: std::collections::HashMap<&[&str], u32, FxBuildHasher> = Default::default();
    for f in found.iter().filter(|f| guessed(f)) {
        *full.entry(&scan.words[f.s..f.e]).or_default() += 1;
    }
    full.retain(|_, n| *n >= 2);
    if full.is_empty() {
        return;
    }
    let mut last_count: std::collections::HashMap<&str, u32, FxBuildHasher> = full.keys().map(|k| (k[k.len() - 1], 0)).collect();
    // The keys are capitalized words: skip the others without hashing.
    for w in scan.words.iter().filter(|w| starts_upper(w)) {
        if let Some(n) = last_count.get_mut(w) {
            *n += 1;
        }
    }
    for f in found.iter_mut().filter(|f| guessed(f)) {
        let words = &scan.words[f.s..f.e];
        let (Some(&n_full), Some(&n_last)) = (full.get(words), last_count.get(words[words.len() - 1])) else { continue };
        if n_last <= n_full {
            f.label = Label::Org;
        }
    }
}

/// Names on a headline line (ALL CAPS or Title Case), where capitals say
/// nothing: list entries, and on Title Case lines a first name or a
/// surname before a hyphenated given name. Returns where to go on.
fn headline_name(scan: &Scan, i: usize, found: &mut Vec<Found>) -> usize {
    let words = &scan.words[i..];
    if let Some((ml, f)) = scan.longest[i] {
        let common = ml == 1 && f.intersects(F::COMMON | F::TITLE);
        if f.intersects(F::PLACE | F::DEMONYM | F::ORG | F::NEWS_AGENCY) && !common {
            found.push(Found { s: i, e: i + ml, label: list_label(f) });
            return i + ml;
        }
    }
    if words.len() >= 2 && has_lower(words[0]) && scan.is_cap_word(i + 1) && !scan.tokens[i + 1].line_start {
        let (f0, f1) = (scan.flags[i], scan.flags[i + 1]);
        let next_known = f1.intersects(F::PLACE | F::DEMONYM | F::ORG | F::NEWS_AGENCY | F::COMMON | F::TITLE | F::ORG_HEAD | F::ORG_TAIL);
        let korean = f0.contains(F::SURNAME) && is_hyphenated_given_name(words[1]);
        let western = f0.contains(F::FIRST_NAME) && !f0.intersects(F::PLACE | F::COMMON) && !next_known;
        if korean || western {
            found.push(Found { s: i, e: i + 2, label: Label::Person });
            return i + 2;
        }
    }
    i + 1
}

/// A one-word person name that opens a multi-word organization found in
/// the same document is that organization's short form (`Lazarus` and
/// `Lazarus Group`).
fn relabel_short_forms(scan: &Scan, found: &mut [Found]) {
    let heads: HashSet<&str, FxBuildHasher> =
        found.iter().filter(|f| f.label == Label::Org && f.e - f.s >= 2).map(|f| scan.words[f.s]).collect();
    if heads.is_empty() {
        return;
    }
    for f in found.iter_mut().filter(|f| f.label == Label::Person && f.e - f.s == 1) {
        if heads.contains(scan.words[f.s]) {
            f.label = Label::Org;
        }
    }
}

/// The label a name-list entry gives: organizations and news agencies are
/// ORG, places LOC, and what is left (demonyms) MISC.
fn list_label(f: F) -> Label {
    if f.intersects(F::ORG | F::NEWS_AGENCY) {
        Label::Org
    } else if f.intersects(F::PLACE) {
        Label::Loc
    } else {
        Label::Misc
    }
}
