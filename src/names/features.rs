//! Features of the names tagger: what the model sees of each token.
//!
//! Every feature is a string hashed to a `u32` ([`FeatureHasher`]); the
//! model keeps a weight row only for the hashes it saw in training. The
//! same code computes features in training and at inference, from the
//! crate's own tokens, so the two can never drift apart.
//!
//! Three kinds of features:
//! - static, per token: the word, its lowercase, shape, affixes, its
//!   neighbours, the casing of its line (headlines are ALL CAPS or Title
//!   Case), word clusters, name-list matches;
//! - document-level: whether the word also appears lowercased in the
//!   document, or capitalized in the middle of a sentence;
//! - history: the label the tagger gave the same word earlier in the
//!   document ([`History`]).

use crate::hash::{FastMap, FeatureHasher};
use crate::names::lexicon::{self, TokenMatch};
use crate::names::tags::{self, EntityType, Tag, WordId};
use crate::names::{baseline, gazetteer, lexicon_features};
use crate::{Context, Token, TokenKind};
use std::borrow::Cow;
use std::ops::Range;

/// The token as the features see it: typographic apostrophes, quotes and
/// dashes as their ASCII forms, which is all the training data has.
pub fn normalize(word: &str) -> Cow<'_, str> {
    if word.is_ascii() || !word.chars().any(|c| matches!(c, '‘' | '’' | '“' | '”' | '–' | '—' | '\u{a0}')) {
        return Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '‘' | '’' => out.push('\''),
            '“' | '”' => out.push('"'),
            '–' => out.push('-'),
            '—' => out.push_str("--"),
            '\u{a0}' => out.push(' '),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The casing of a whole line, which changes what capitals mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineCase {
    /// Running text.
    Normal,
    /// Most words capitalized: a headline or a list of headlines.
    Title,
    /// All letters upper case: a wire headline.
    Upper,
}

impl LineCase {
    /// Every casing, in the order of their discriminants.
    pub const ALL: [LineCase; 3] = [LineCase::Normal, LineCase::Title, LineCase::Upper];

    fn tag(self) -> &'static str {
        match self {
            LineCase::Normal => "n",
            LineCase::Title => "t",
            LineCase::Upper => "u",
        }
    }
}

/// What the features need to know about one document's tokens.
pub struct Doc<'t> {
    /// Per distinct word: the index of its lowercase among the distinct
    /// lowercased words (`Apple` and `APPLE` share one), `n_lowers` in all.
    pub lower_ids: Vec<u32>,
    pub n_lowers: usize,
    /// Per token: the index of its text in `vocab`. Tokens with the same
    /// text share one entry, so each distinct word is lowercased, shaped
    /// and looked up once per document (news repeats words a lot).
    pub word_ids: Vec<u32>,
    /// Per distinct word: its id in the [`FormSource`] the document was
    /// prepared with (with [`ComputedForms`], the same as its number here).
    pub source_ids: Vec<WordId>,
    /// The distinct words of the document, in first-seen order.
    vocab: Vec<VocabEntry<'t>>,
    /// The lowercase, shape and short shape of every distinct word.
    form_text: String,
    /// First token of its sentence.
    pub sentence_start: Vec<bool>,
    pub line_case: Vec<LineCase>,
    /// The word occurs lowercased elsewhere in the document.
    pub lower_elsewhere: Vec<bool>,
    /// The word occurs capitalized, not at a sentence start, elsewhere.
    pub cap_inside_elsewhere: Vec<bool>,
    /// Name-list flags of the token (bit set, see `lexicon_features`).
    pub lexicon: Vec<u32>,
    /// The BILOU tag the rule-based baseline gives the token.
    pub baseline: Vec<Tag>,
    /// Gazetteer match codes ([`gazetteer::Gazetteer::codes`]), set by the
    /// caller after `Doc::new`; empty: no gazetteer features.
    pub gazetteer: Vec<u8>,
    pub sentences: Vec<Range<usize>>,
}

/// What the features use of one distinct word: functions of its
/// (normalized) text alone.
#[derive(Clone, Copy)]
pub struct WordForms<'d> {
    /// The word with typographic quotes and dashes made ASCII.
    pub word: &'d str,
    pub lower: &'d str,
    pub shape: &'d str,
    pub short_shape: &'d str,
    /// Word-cluster id (`u32::MAX`: none).
    pub cluster: u32,
}

/// One distinct word of a document (or of the word table): its normalized
/// text, and where its other forms are in a `form_text` buffer (one for
/// all, not three strings per word).
pub(crate) struct VocabEntry<'t> {
    pub(crate) word: Cow<'t, str>,
    /// `lower` is `form_text[start..ends[0]]`, then `shape` up to
    /// `ends[1]` and `short_shape` up to `ends[2]`.
    pub(crate) start: u32,
    pub(crate) ends: [u32; 3],
    pub(crate) cluster: u32,
}

impl<'t> VocabEntry<'t> {
    #[inline]
    fn lower<'d>(&self, form_text: &'d str) -> &'d str {
        &form_text[self.start as usize..self.ends[0] as usize]
    }

    #[inline]
    fn shape<'d>(&self, form_text: &'d str) -> &'d str {
        &form_text[self.ends[0] as usize..self.ends[1] as usize]
    }

    #[inline]
    pub(crate) fn forms<'d>(&'d self, form_text: &'d str) -> WordForms<'d> {
        let [lower_end, shape_end, short_end] = self.ends.map(|e| e as usize);
        WordForms {
            word: &self.word,
            lower: &form_text[self.start as usize..lower_end],
            shape: &form_text[lower_end..shape_end],
            short_shape: &form_text[shape_end..short_end],
            cluster: self.cluster,
        }
    }
}

/// Splits a document into sentences: at line breaks, and after a `.`,
/// `?` or `!` token (and the closing quotes or brackets that follow it).
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        if i > start && tokens[i].line_start {
            out.push(start..i);
            start = i;
        }
        let t = tokens[i].text(text);
        if matches!(t, "." | "?" | "!" | "..." | "…") {
            let mut end = i + 1;
            while end < tokens.len() && !tokens[end].line_start && matches!(tokens[end].text(text), "\"" | "'" | "”" | "’" | ")") {
                end += 1;
            }
            // Only a real boundary when something follows on the same line.
            out.push(start..end);
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

/// The word's shape: upper case `X`, lower case `x`, digits `d`, other
/// characters as they are, runs of one class shortened to two.
pub fn shape(word: &str) -> String {
    let mut out = String::with_capacity(8);
    push_shapes(word, &mut out, &mut String::new());
    out
}

/// Appends the word's [`shape`] to `shape_out` and its short shape (runs
/// collapsed to one character: `Xx`, `X.X.`, `d-d`) to `short_out`.
fn push_shapes(word: &str, shape_out: &mut String, short_out: &mut String) {
    let start = shape_out.len();
    let mut last = '\0';
    let mut last_short = '\0';
    let mut run = 0;
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if class == last {
            run += 1;
            if run > 2 {
                continue;
            }
        } else {
            run = 1;
            last = class;
        }
        shape_out.push(class);
        if class != last_short {
            short_out.push(class);
            last_short = class;
        }
        if shape_out.len() - start > 12 {
            break;
        }
    }
}

fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn has_lower(word: &str) -> bool {
    word.chars().any(char::is_lowercase)
}

fn line_case(text: &str, tokens: &[Token]) -> LineCase {
    let mut words = 0;
    let mut upper = 0;
    let mut capitalized = 0;
    let mut long_words = 0;
    for t in tokens {
        if t.kind != TokenKind::Word {
            continue;
        }
        let w = t.text(text);
        if !w.chars().any(char::is_alphabetic) {
            continue;
        }
        words += 1;
        if !has_lower(w) {
            upper += 1;
        }
        if w.chars().count() > 3 {
            long_words += 1;
            if is_capitalized(w) {
                capitalized += 1;
            }
        }
    }
    if words >= 2 && upper * 10 >= words * 9 && tokens.iter().any(|t| t.text(text).chars().filter(|c| c.is_alphabetic()).count() > 1) {
        LineCase::Upper
    } else if long_words >= 2 && capitalized * 10 >= long_words * 7 {
        LineCase::Title
    } else {
        LineCase::Normal
    }
}

/// The rule-based baseline's names as one BILOU tag per token: the tagger
/// learns how far to trust each of its decisions.
fn baseline_tags(text: &str, tokens: &[Token], matches: &[TokenMatch]) -> Vec<Tag> {
    let cx = Context { text, tokens, article_date: None };
    let entities: Vec<tags::Entity> =
        baseline::names(&cx, matches).into_iter().filter_map(|(range, label)| Some((range, EntityType::of_label(label)?))).collect();
    tags::tags_of(tokens.len(), &entities)
}

/// The set bits of `flags`, lowest first.
pub(crate) fn set_bits(mut flags: u32) -> impl Iterator<Item = u8> {
    std::iter::from_fn(move || {
        (flags != 0).then(|| {
            let bit = flags.trailing_zeros() as u8;
            flags &= flags - 1;
            bit
        })
    })
}

/// The offsets of the neighbours [`neighbour_features`] describe.
pub const NEIGHBOUR_OFFSETS: [isize; 4] = [-2, -1, 1, 2];

/// The word `<s>` / `</s>` the features see before the first token and
/// after the last one.
pub const BEFORE_DOC: &str = "<s>";
pub const AFTER_DOC: &str = "</s>";

/// The features of a token that depend only on its own string (`word`
/// normalized, and its lowercase, shape and short shape), with the bias:
/// the same for every occurrence of the word, so inference caches their
/// summed weights per distinct word.
pub fn word_features(word: &str, lower: &str, shape: &str, short: &str, out: &mut Vec<u32>) {
    let h = FeatureHasher::new;
    out.push(h(0).finish()); // bias
    out.push(h(1).str(word).finish());
    out.push(h(2).str(lower).finish());
    out.push(h(3).str(shape).finish());
    out.push(h(4).str(short).finish());
    // Prefixes and suffixes of 1 to 4 characters (the whole word at most).
    for (k, (at, c)) in lower.char_indices().take(4).enumerate() {
        out.push(h(5).byte(k as u8 + 1).str(&lower[..at + c.len_utf8()]).finish());
    }
    for (k, (at, _)) in lower.char_indices().rev().take(4).enumerate() {
        out.push(h(6).byte(k as u8 + 1).str(&lower[at..]).finish());
    }
}

/// The features a token gets from its neighbour at offset `d` (one of
/// [`NEIGHBOUR_OFFSETS`]): the neighbour's lowercase word and shape
/// (`<s>` / `</s>` for both beyond the document). They depend only on the
/// neighbour's string, so inference caches them per distinct word too.
pub fn neighbour_features(d: isize, lower: &str, shape: &str, out: &mut Vec<u32>) {
    let h = FeatureHasher::new;
    out.push(h(7).byte(d as u8).str(lower).finish());
    out.push(h(8).byte(d as u8).str(shape).finish());
}

/// The cluster feature a token gets from the token at offset `d` (-1, 0,
/// 1) in cluster `cluster` (`u32::MAX`: none, no feature).
pub fn cluster_features(d: isize, cluster: u32, out: &mut Vec<u32>) {
    if cluster != u32::MAX {
        out.push(FeatureHasher::new(19).byte(d as u8).u32(cluster).finish());
    }
}

/// The word-pair features (templates 9 to 13 and 16) hash a string of the
/// word before the token or of the token, then one of the next word:
/// these are the hash states after each word's own part. Inference
/// computes them once per distinct word and per token hashes only the
/// rest ([`push_pair_features`], [`push_line_pair_feature`]); training
/// goes through the same functions, so the hashes are the same.
#[derive(Clone, Copy)]
pub struct PairStarts {
    /// As the word before the token: templates 9 and 12 (its lowercase),
    /// 11 (its shape).
    before: [FeatureHasher; 3],
    /// As the word before the token, template 16, by the token's line
    /// casing.
    before_by_case: [FeatureHasher; 3],
    /// As the token: templates 10 (its lowercase) and 13 (its shape).
    token: [FeatureHasher; 2],
}

impl PairStarts {
    /// The starts of a word with this lowercase and shape.
    pub fn of(lower: &str, shape: &str) -> PairStarts {
        let h = FeatureHasher::new;
        PairStarts {
            before: [h(9).str(lower), h(12).str(lower), h(11).str(shape)],
            before_by_case: LineCase::ALL.map(|case| h(16).str(case.tag()).str(lower)),
            token: [h(10).str(lower), h(13).str(shape)],
        }
    }
}

/// Pushes templates 9 to 13 of a token (`lower`, `shape`) after the word
/// whose starts are `before` (its own starts: `token`) and before the word
/// `next_lower` (`next_shape`).
pub fn push_pair_features(
    before: &PairStarts,
    token: &PairStarts,
    (lower, shape): (&str, &str),
    (next_lower, next_shape): (&str, &str),
    out: &mut Vec<u32>,
) {
    out.push(before.before[0].str(lower).finish());
    out.push(token.token[0].str(next_lower).finish());
    out.push(before.before[2].str(shape).str(next_shape).finish());
    out.push(before.before[1].str(shape).finish());
    out.push(token.token[1].str(next_lower).finish());
}

/// Pushes template 16 of a token on a line of casing `case`: the words
/// around it.
pub fn push_line_pair_feature(before: &PairStarts, case: LineCase, next_lower: &str, out: &mut Vec<u32>) {
    out.push(before.before_by_case[case as usize].str(next_lower).finish());
}

/// Which groups of [`Doc::context_features`] to push. Training pushes all
/// of them; inference caches the `word_case` and `own_marks` groups per
/// (word, sentence start, line casing, the token's own marks) and the
/// `neighbour_clusters` group per word, looks `neighbour_marks` up in
/// tables, pushes `word_pairs` from [`PairStarts`] per word and
/// `neighbour_codes` per token.
#[derive(Clone, Copy, Debug)]
pub struct ContextParts {
    /// Features of the token with its neighbours' words and shapes
    /// (templates 9 to 13 and 16).
    pub word_pairs: bool,
    /// The gazetteer codes around the token.
    pub neighbour_codes: bool,
    /// Features of the neighbours' baseline tags and name lists
    /// ([`baseline_pair_feature`], [`neighbour_list_feature`]).
    pub neighbour_marks: bool,
    /// Features that depend only on the word, whether it starts its
    /// sentence, and its line's casing.
    pub word_case: bool,
    /// Features of the token's own marks: its name-list flags, baseline
    /// tag and gazetteer code (with its short shape and line casing).
    pub own_marks: bool,
    /// The clusters of the tokens at -1 and +1.
    pub neighbour_clusters: bool,
}

impl ContextParts {
    const NONE: ContextParts = ContextParts {
        word_pairs: false,
        neighbour_codes: false,
        neighbour_marks: false,
        word_case: false,
        own_marks: false,
        neighbour_clusters: false,
    };
    pub const ALL: ContextParts = ContextParts {
        word_pairs: true,
        neighbour_codes: true,
        neighbour_marks: true,
        word_case: true,
        own_marks: true,
        neighbour_clusters: true,
    };
    /// The groups a token's word, position, line casing and own marks fix.
    pub const OWN: ContextParts = ContextParts { word_case: true, own_marks: true, ..ContextParts::NONE };
}

/// Where [`Doc::with_forms`] gets the distinct words of a document and
/// their forms: computed on the spot ([`ComputedForms`]), or from a table
/// of the words met before ([`crate::names::lexemes::Lexemes`]).
pub trait FormSource {
    /// Numbers the distinct token texts of `tokens` (in `text`) in the
    /// order they first occur.
    fn number_words(&mut self, text: &str, tokens: &[Token]) -> WordNumbers;

    /// Appends the lowercase, shape and short shape of distinct word
    /// `source_id` (see [`WordNumbers::source_ids`]), whose [`normalize`]d
    /// text is `word`, to `form_text`, in this order. Returns their ends in
    /// `form_text` and the word's cluster (`u32::MAX`: none).
    fn push_forms(&mut self, source_id: WordId, word: &str, form_text: &mut String) -> ([u32; 3], u32);
}

/// The distinct token texts of a document ([`FormSource::number_words`]).
#[derive(Debug, Default)]
pub struct WordNumbers {
    /// Per token: the number of its text among the distinct ones.
    pub word_ids: Vec<u32>,
    /// Per distinct text: the first token with it.
    pub first_tokens: Vec<u32>,
    /// Per distinct text: its id in the source (in the word table, or
    /// with [`ComputedForms`] the document's own number).
    pub source_ids: Vec<WordId>,
}

impl WordNumbers {
    pub(crate) fn with_capacity(tokens: usize) -> WordNumbers {
        WordNumbers {
            word_ids: Vec::with_capacity(tokens),
            first_tokens: Vec::with_capacity(tokens),
            source_ids: Vec::with_capacity(tokens),
        }
    }
}

/// A [`FormSource`] that computes every form, with the word clusters of a
/// function from a lowercase word to its cluster id (`u32::MAX`: none).
/// Its ids are the document's own numbers.
pub struct ComputedForms<F> {
    clusters: F,
    short: String,
}

impl<F: Fn(&str) -> u32> ComputedForms<F> {
    pub fn new(clusters: F) -> ComputedForms<F> {
        ComputedForms { clusters, short: String::with_capacity(16) }
    }
}

impl<F: Fn(&str) -> u32> FormSource for ComputedForms<F> {
    fn number_words(&mut self, text: &str, tokens: &[Token]) -> WordNumbers {
        let mut out = WordNumbers::with_capacity(tokens.len());
        let mut ids: FastMap<&str, u32> = FastMap::default();
        ids.reserve(tokens.len() / 2);
        for (i, t) in tokens.iter().enumerate() {
            let next = ids.len() as u32;
            let id = *ids.entry(t.text(text)).or_insert(next);
            if id == next {
                out.first_tokens.push(i as u32);
                out.source_ids.push(WordId::new(id));
            }
            out.word_ids.push(id);
        }
        out
    }

    fn push_forms(&mut self, _source_id: WordId, word: &str, form_text: &mut String) -> ([u32; 3], u32) {
        let start = form_text.len();
        let ends = push_forms(word, form_text, &mut self.short);
        (ends, (self.clusters)(&form_text[start..ends[0] as usize]))
    }
}

/// Appends the lowercase, [`shape`] and short shape of `word` to
/// `form_text` and returns their ends; `short` is scratch space.
pub(crate) fn push_forms(word: &str, form_text: &mut String, short: &mut String) -> [u32; 3] {
    if word.is_ascii() {
        form_text.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        // Not char by char: a final sigma lowercases to `ς`.
        form_text.push_str(&word.to_lowercase());
    }
    let lower_end = form_text.len();
    short.clear();
    push_shapes(word, form_text, short);
    let shape_end = form_text.len();
    form_text.push_str(short);
    [lower_end as u32, shape_end as u32, form_text.len() as u32]
}

impl<'t> Doc<'t> {
    /// Prepares the features of a document from its tokens.
    /// `clusters` maps a lowercased word to its cluster id (`u32::MAX`: none).
    pub fn new(text: &'t str, tokens: &[Token], clusters: &dyn Fn(&str) -> u32) -> Doc<'t> {
        Doc::with_forms(text, tokens, &mut ComputedForms::new(clusters))
    }

    /// Prepares the features of a document from its tokens, with the forms
    /// of its words from `forms` (and their ids there in `source_ids`).
    pub fn with_forms(text: &'t str, tokens: &[Token], forms: &mut impl FormSource) -> Doc<'t> {
        let n = tokens.len();
        let WordNumbers { word_ids, first_tokens, source_ids } = forms.number_words(text, tokens);
        let mut form_text = String::with_capacity(first_tokens.len() * 24);
        let vocab: Vec<VocabEntry<'t>> = first_tokens
            .iter()
            .zip(&source_ids)
            .map(|(&first, &source_id)| {
                let word = normalize(tokens[first as usize].text(text));
                let start = form_text.len() as u32;
                let (ends, cluster) = forms.push_forms(source_id, &word, &mut form_text);
                VocabEntry { word, start, ends, cluster }
            })
            .collect();
        let form_text_ref = form_text.as_str();
        let lower = |v: &VocabEntry| v.lower(form_text_ref);
        let mut lower_index: FastMap<&str, u32> = FastMap::default();
        lower_index.reserve(vocab.len());
        let lower_ids: Vec<u32> = vocab
            .iter()
            .map(|v| {
                let next = lower_index.len() as u32;
                *lower_index.entry(lower(v)).or_insert(next)
            })
            .collect();
        let n_lowers = lower_index.len();
        let sentences = split_sentences(text, tokens);
        let mut sentence_start = vec![false; n];
        for s in &sentences {
            sentence_start[s.start] = true;
        }
        let mut line_case_v = vec![LineCase::Normal; n];
        let mut start = 0;
        for i in 1..=n {
            if i == n || tokens[i].line_start {
                let case = line_case(text, &tokens[start..i]);
                line_case_v[start..i].fill(case);
                start = i;
            }
        }
        // Document-level casing evidence, over running-text lines only:
        // which words occur lowercase, and which capitalized inside a
        // sentence. Marked per distinct word, then compared as strings
        // once per distinct word (two raw words can share a lowercase).
        let capitalized: Vec<bool> = vocab.iter().map(|f| is_capitalized(&f.word)).collect();
        let mut occurs_lower = vec![false; vocab.len()];
        let mut occurs_cap_inside = vec![false; vocab.len()];
        for i in 0..n {
            if line_case_v[i] != LineCase::Normal {
                continue;
            }
            let id = word_ids[i] as usize;
            let w: &str = &vocab[id].word;
            if w.chars().next().is_some_and(char::is_lowercase) {
                occurs_lower[id] = true;
            } else if capitalized[id] && !sentence_start[i] && has_lower(w) {
                occurs_cap_inside[id] = true;
            }
        }
        // By lowercase id: some word that is this lowercase string occurs
        // lowercase-initial; some word with this lowercase occurs
        // capitalized inside a sentence.
        let mut lower_seen_by_lower = vec![false; n_lowers];
        let mut cap_inside_by_lower = vec![false; n_lowers];
        for (id, v) in vocab.iter().enumerate() {
            if occurs_lower[id] {
                if let Some(&l) = lower_index.get(&*v.word) {
                    lower_seen_by_lower[l as usize] = true;
                }
            }
            if occurs_cap_inside[id] {
                cap_inside_by_lower[lower_ids[id] as usize] = true;
            }
        }
        let lower_seen: Vec<bool> = lower_ids.iter().map(|&l| lower_seen_by_lower[l as usize]).collect();
        let cap_inside_seen: Vec<bool> = lower_ids.iter().map(|&l| cap_inside_by_lower[l as usize]).collect();
        let lower_elsewhere = word_ids.iter().map(|&id| capitalized[id as usize] && lower_seen[id as usize]).collect();
        let cap_inside_elsewhere =
            (0..n).map(|i| (sentence_start[i] || line_case_v[i] != LineCase::Normal) && cap_inside_seen[word_ids[i] as usize]).collect();
        let matches = lexicon::lexicon().token_matches(text, tokens);
        let lexicon = lexicon_features::flags(&matches);
        let baseline = baseline_tags(text, tokens, &matches);
        Doc {
            lower_ids,
            n_lowers,
            word_ids,
            source_ids,
            vocab,
            form_text,
            sentence_start,
            line_case: line_case_v,
            lower_elsewhere,
            cap_inside_elsewhere,
            lexicon,
            baseline,
            gazetteer: Vec::new(),
            sentences,
        }
    }

    pub fn len(&self) -> usize {
        self.word_ids.len()
    }

    /// The forms of token `i`'s word.
    #[inline]
    pub fn forms(&self, i: usize) -> WordForms<'_> {
        self.word_forms(self.word_ids[i])
    }

    /// The forms of distinct word `id` (see `word_ids`).
    #[inline]
    pub fn word_forms(&self, id: u32) -> WordForms<'_> {
        self.vocab[id as usize].forms(&self.form_text)
    }

    /// The number of distinct words.
    pub fn n_words(&self) -> usize {
        self.vocab.len()
    }

    /// The index of token `i`'s lowercased word (see `lower_ids`).
    #[inline]
    pub fn lower_id(&self, i: usize) -> u32 {
        self.lower_ids[self.word_ids[i] as usize]
    }

    /// Token `i`'s word, lowercased.
    #[inline]
    pub fn lower(&self, i: usize) -> &str {
        self.vocab[self.word_ids[i] as usize].lower(&self.form_text)
    }

    pub fn is_empty(&self) -> bool {
        self.word_ids.is_empty()
    }

    /// Token `i`'s word, with typographic quotes and dashes made ASCII.
    #[inline]
    pub fn word(&self, i: usize) -> &str {
        &self.vocab[self.word_ids[i] as usize].word
    }

    /// `form` of the word of token `i`, or `<s>` / `</s>` beyond the
    /// document.
    #[inline]
    fn form_at(&self, i: isize, form: for<'d> fn(&VocabEntry<'t>, &'d str) -> &'d str) -> &str {
        match usize::try_from(i).ok().and_then(|i| self.word_ids.get(i)) {
            Some(&id) => form(&self.vocab[id as usize], &self.form_text),
            None if i < 0 => BEFORE_DOC,
            None => AFTER_DOC,
        }
    }

    /// Token `i`'s lowercase word, `<s>` / `</s>` beyond the document.
    fn word_at(&self, i: isize) -> &str {
        self.form_at(i, VocabEntry::lower)
    }

    /// Token `i`'s shape, `<s>` / `</s>` beyond the document.
    fn shape_at(&self, i: isize) -> &str {
        self.form_at(i, VocabEntry::shape)
    }

    /// Pushes the static features of token `i` (those that do not depend on
    /// the tagger's earlier decisions) to `out`: [`word_features`] of the
    /// token, [`neighbour_features`] of the tokens at -2, -1, +1, +2, then
    /// [`Doc::context_features`], always in this order (training sums float
    /// weights in it).
    pub fn static_features(&self, i: usize, out: &mut Vec<u32>) {
        let forms = self.forms(i);
        word_features(forms.word, forms.lower, forms.shape, forms.short_shape, out);
        let ii = i as isize;
        for d in NEIGHBOUR_OFFSETS {
            neighbour_features(d, self.word_at(ii + d), self.shape_at(ii + d), out);
        }
        self.context_features(i, ContextParts::ALL, out);
    }

    /// The static features of token `i` beyond its own and its
    /// neighbours' strings: word pairs, position, line and document casing,
    /// clusters, name lists, the baseline. `parts` says which of them to
    /// push (inference caches some per word); the order is fixed.
    pub fn context_features(&self, i: usize, parts: ContextParts, out: &mut Vec<u32>) {
        let h = FeatureHasher::new;
        let forms = self.forms(i);
        let (lower, shape, short) = (forms.lower, forms.shape, forms.short_shape);
        let case = self.line_case[i].tag();
        let ii = i as isize;
        let first = if self.sentence_start[i] { "1" } else { "0" };
        let before = parts.word_pairs.then(|| PairStarts::of(self.word_at(ii - 1), self.shape_at(ii - 1)));
        let next_lower = self.word_at(ii + 1);
        if let Some(before) = &before {
            let token = PairStarts::of(lower, shape);
            push_pair_features(before, &token, (lower, shape), (next_lower, self.shape_at(ii + 1)), out);
        }
        // Position and line casing: capitals mean little at a sentence
        // start or in a headline, so the shape is conjoined with both.
        if parts.word_case {
            out.push(h(14).str(first).str(case).str(shape).finish());
            out.push(h(15).str(case).str(lower).finish());
        }
        if let Some(before) = &before {
            push_line_pair_feature(before, self.line_case[i], next_lower, out);
        }
        // Document-level casing (a function of the word, the position
        // and the line casing).
        if parts.word_case {
            if self.lower_elsewhere[i] {
                out.push(h(17).str(first).str(case).finish());
            }
            if self.cap_inside_elsewhere[i] {
                out.push(h(18).str(first).str(case).finish());
            }
        }
        // Word clusters of the token and its neighbours, at two grains.
        for d in [-1isize, 0, 1] {
            let j = ii + d;
            if j < 0 || j as usize >= self.len() || !(if d == 0 { parts.word_case } else { parts.neighbour_clusters }) {
                continue;
            }
            let c = self.forms(j as usize).cluster;
            cluster_features(d, c, out);
            if d == 0 && c != u32::MAX {
                out.push(h(20).u32(c).str(case).finish());
            }
        }
        // Name lists.
        if parts.own_marks {
            for bit in set_bits(self.lexicon[i]) {
                out.push(h(21).byte(bit).finish());
                out.push(h(22).byte(bit).str(short).finish());
            }
        }
        // The baseline's decision, alone, with the shape, and around.
        let base = self.baseline[i];
        if parts.own_marks {
            out.push(h(24).byte(base.as_u8()).finish());
            out.push(h(25).byte(base.as_u8()).str(short).str(case).finish());
        }
        if parts.neighbour_marks {
            for d in [-1isize, 1] {
                let j = ii + d;
                if j < 0 || j as usize >= self.len() {
                    continue;
                }
                out.push(baseline_pair_feature(d, self.baseline[j as usize], base));
                for bit in set_bits(self.lexicon[j as usize]) {
                    out.push(neighbour_list_feature(d, bit));
                }
            }
        }
        // Entity strings of the labeled training text.
        let code = self.gazetteer_at(ii);
        if parts.own_marks {
            gazetteer::push_own_features(code, short, case, out);
        }
        if parts.neighbour_codes {
            self.neighbour_code_features(i, out);
        }
    }

    /// Pushes the `neighbour_codes` group of [`Doc::context_features`] of
    /// token `i` alone (what inference computes per token).
    #[inline]
    pub fn neighbour_code_features(&self, i: usize, out: &mut Vec<u32>) {
        let ii = i as isize;
        gazetteer::push_neighbour_features(self.gazetteer_at(ii), self.gazetteer_at(ii - 1), self.gazetteer_at(ii + 1), out);
    }

    /// Pushes the word-pair features of token `i` (the `word_pairs` group
    /// of [`Doc::context_features`]) from the [`PairStarts`] of the word
    /// before it (`<s>` for the first token) and of its own word.
    pub fn pair_features_from(&self, i: usize, before: &PairStarts, token: &PairStarts, out: &mut Vec<u32>) {
        let forms = self.forms(i);
        let next_lower = self.word_at(i as isize + 1);
        push_pair_features(before, token, (forms.lower, forms.shape), (next_lower, self.shape_at(i as isize + 1)), out);
        push_line_pair_feature(before, self.line_case[i], next_lower, out);
    }

    /// The gazetteer code of token `i`, 0 outside the document or when none.
    fn gazetteer_at(&self, i: isize) -> u8 {
        if i < 0 {
            0
        } else {
            self.gazetteer.get(i as usize).copied().unwrap_or(0)
        }
    }

    /// Pushes the history features of token `i`: the entity type the
    /// tagger gave the same word earlier in the document.
    pub fn history_features(&self, i: usize, history: &History, out: &mut Vec<u32>) {
        if let Some(ty) = self.history_type(i, history) {
            history_features(ty, self.line_case[i], out);
        }
    }

    /// The entity type the history features of token `i` describe: the
    /// type most often given to its word earlier, for a capitalized word.
    #[inline]
    pub fn history_type(&self, i: usize, history: &History) -> Option<EntityType> {
        if !is_capitalized(self.word(i)) {
            return None;
        }
        history.majority(self.lower_id(i))
    }
}

/// The static features of every token of a document, in one buffer.
#[derive(Default)]
pub struct StaticFeatures {
    flat: Vec<u32>,
    /// Token `i`'s features are `flat[ends[i - 1]..ends[i]]`.
    ends: Vec<u32>,
}

impl StaticFeatures {
    /// Computes the static features of every token of `doc`.
    pub fn of(doc: &Doc) -> StaticFeatures {
        let mut flat = Vec::with_capacity(doc.len() * 48);
        let mut ends = Vec::with_capacity(doc.len());
        for i in 0..doc.len() {
            doc.static_features(i, &mut flat);
            ends.push(flat.len() as u32);
        }
        StaticFeatures { flat, ends }
    }

    /// The features of token `i`.
    #[inline]
    pub fn get(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.flat[start..self.ends[i] as usize]
    }

    /// Every feature of every token.
    pub fn all(&self) -> &[u32] {
        &self.flat
    }
}

/// The feature: the token's neighbour at `d` (-1 or 1) has baseline tag
/// `neighbour` and the token has `base`.
pub fn baseline_pair_feature(d: isize, neighbour: Tag, base: Tag) -> u32 {
    FeatureHasher::new(26).byte(d as u8).byte(neighbour.as_u8()).byte(base.as_u8()).finish()
}

/// The feature: the token's neighbour at `d` (-1 or 1) has name-list bit
/// `bit` (see `lexicon_features`).
pub fn neighbour_list_feature(d: isize, bit: u8) -> u32 {
    FeatureHasher::new(23).byte(d as u8).byte(bit).finish()
}

/// Pushes the history features for entity type `ty` on a line of casing
/// `case`.
pub fn history_features(ty: EntityType, case: LineCase, out: &mut Vec<u32>) {
    let h = FeatureHasher::new;
    out.push(h(30).byte(ty.as_u8()).finish());
    out.push(h(31).byte(ty.as_u8()).str(case.tag()).finish());
}

/// The entity types the tagger gave words earlier in the document, by
/// lowercased word ([`Doc::lower_id`]).
#[derive(Default)]
pub struct History {
    counts: Vec<[u16; EntityType::COUNT]>,
}

impl History {
    /// Forgets everything, ready for a document of `doc`'s words.
    pub fn reset(&mut self, doc: &Doc) {
        self.counts.clear();
        self.counts.resize(doc.n_lowers, [0; EntityType::COUNT]);
    }

    /// Records that the lowercased word `lower_id` was tagged with entity
    /// type `ty`.
    #[inline]
    pub fn record(&mut self, lower_id: u32, ty: EntityType) {
        if let Some(counts) = self.counts.get_mut(lower_id as usize) {
            counts[ty.index()] = counts[ty.index()].saturating_add(1);
        }
    }

    /// The type most often given to `lower_id`, ties to the lower type.
    #[inline]
    pub fn majority(&self, lower_id: u32) -> Option<EntityType> {
        let counts = self.counts.get(lower_id as usize)?;
        let mut best = 0;
        for t in 1..EntityType::COUNT {
            if counts[t] > counts[best] {
                best = t;
            }
        }
        if counts[best] > 0 {
            EntityType::from_index(best)
        } else {
            None
        }
    }

    /// All feature hashes history can produce, for the training dictionary.
    pub fn all_features() -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        let mut features = Vec::new();
        for ty in EntityType::ALL {
            for case in LineCase::ALL {
                features.clear();
                history_features(ty, case, &mut features);
                for &f in &features {
                    // In first-seen order, each once (training's rows
                    // follow it).
                    if !out.contains(&f) {
                        out.push(f);
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_bits_lowest_first() {
        assert_eq!(set_bits(0).count(), 0);
        assert_eq!(set_bits(0b1010_0001).collect::<Vec<_>>(), vec![0, 5, 7]);
        assert_eq!(set_bits(1 << 31).collect::<Vec<_>>(), vec![31]);
    }
}
