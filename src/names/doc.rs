//! Per-document preparation for the names tagger: what the feature
//! templates read of a document, computed once before decoding.
//!
//! [`Doc::with_forms`] numbers the distinct words of the document (from a
//! [`FormSource`]: computed on the spot, or the word table's), their
//! normalized text, lowercase, shape and short shape and cluster, splits
//! the sentences, and computes each line's casing and the document-level
//! casing evidence. What other recognizers say of the tokens (name-list
//! flags, the rule-based baseline's tags) is an input, [`Marks`], computed
//! by [`crate::names::marks`]; the gazetteer codes are set by the caller
//! afterwards (they need the prepared forms).
//!
//! The same preparation serves training and inference, so the features
//! of the two can never drift apart.

use crate::hash::FastMap;
use crate::names::tags::{Tag, WordId};
use crate::tokenize::{Token, TokenKind};
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

    /// The casing as the features spell it.
    pub(crate) fn tag(self) -> &'static str {
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
    /// Per distinct word: it starts with an upper-case letter. Read per
    /// token by the history features: here it is one byte a word, where
    /// the word's text is anywhere in the document (a cache miss a token).
    capitalized: Vec<bool>,
    /// The lowercase, shape and short shape of every distinct word.
    form_text: String,
    /// First token of its sentence.
    pub sentence_start: Vec<bool>,
    pub line_case: Vec<LineCase>,
    /// The word occurs lowercased elsewhere in the document.
    pub lower_elsewhere: Vec<bool>,
    /// The word occurs capitalized, not at a sentence start, elsewhere.
    pub cap_inside_elsewhere: Vec<bool>,
    /// Name-list flags of the token ([`Marks::lexicon`]).
    pub lexicon: Vec<u32>,
    /// The BILOU tag the rule-based baseline gives the token
    /// ([`Marks::baseline`]).
    pub baseline: Vec<Tag>,
    /// Gazetteer match codes ([`crate::names::gazetteer::Gazetteer::codes`]), set by the
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

#[inline]
pub(crate) fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn has_lower(word: &str) -> bool {
    word.chars().any(char::is_lowercase)
}

/// What [`line_case`] reads of a token's text: computed once per distinct
/// text of a document, not once per token.
#[derive(Clone, Copy)]
struct TextCase {
    /// A letter in it.
    alphabetic: bool,
    /// A lower-case letter in it.
    has_lower: bool,
    /// More than three characters.
    long: bool,
    /// It starts with an upper-case letter.
    capitalized: bool,
    /// More than one letter.
    letters: bool,
}

impl TextCase {
    fn of(w: &str) -> TextCase {
        TextCase {
            alphabetic: w.chars().any(char::is_alphabetic),
            has_lower: has_lower(w),
            long: w.chars().count() > 3,
            capitalized: is_capitalized(w),
            letters: w.chars().filter(|c| c.is_alphabetic()).count() > 1,
        }
    }
}

/// The casing of the line of `tokens`, whose texts' [`TextCase`]s are
/// `cases` (one per token).
fn line_case(tokens: &[Token], cases: impl Fn(usize) -> TextCase) -> LineCase {
    let mut words = 0;
    let mut upper = 0;
    let mut capitalized = 0;
    let mut long_words = 0;
    for (k, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Word {
            continue;
        }
        let w = cases(k);
        if !w.alphabetic {
            continue;
        }
        words += 1;
        if !w.has_lower {
            upper += 1;
        }
        if w.long {
            long_words += 1;
            if w.capitalized {
                capitalized += 1;
            }
        }
    }
    if words >= 2 && upper * 10 >= words * 9 && (0..tokens.len()).any(|k| cases(k).letters) {
        LineCase::Upper
    } else if long_words >= 2 && capitalized * 10 >= long_words * 7 {
        LineCase::Title
    } else {
        LineCase::Normal
    }
}

/// What other recognizers say of each token, which the tagger reads as
/// features: computed by [`crate::names::marks::of`], one entry per token.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    /// Name-list flags (bit set, see [`crate::names::marks`]).
    pub lexicon: Vec<u32>,
    /// The BILOU tag the rule-based baseline gives the token.
    pub baseline: Vec<Tag>,
}

impl Marks {
    /// No marks for `n` tokens: on no list, outside every baseline name.
    pub fn none(n: usize) -> Marks {
        Marks { lexicon: vec![0; n], baseline: vec![Tag::O; n] }
    }
}

/// The word `<s>` / `</s>` the features see before the first token and
/// after the last one.
pub const BEFORE_DOC: &str = "<s>";
pub const AFTER_DOC: &str = "</s>";

/// Where [`Doc::with_forms`] gets the distinct words of a document and
/// their forms: computed on the spot ([`ComputedForms`]), or from a table
/// of the words met before ([`crate::names::word_table::WordTable`]).
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
        (ends, cluster_of(word, &form_text[start..ends[0] as usize], &self.clusters))
    }
}

/// The cluster of a word, given `get` (a word as written -> its cluster,
/// `u32::MAX`: none): the word's own, else its lowercase's, else its
/// lowercase capitalized (`KERALA` -> `Kerala`: the clusters come from
/// case-sensitive vectors, and headlines are in capitals). The one rule
/// for training and inference.
pub fn cluster_of(word: &str, lower: &str, get: impl Fn(&str) -> u32) -> u32 {
    let own = get(word);
    if own != u32::MAX || word == lower {
        return own;
    }
    let of_lower = get(lower);
    if of_lower != u32::MAX {
        return of_lower;
    }
    let mut chars = lower.chars();
    let Some(first) = chars.next() else { return u32::MAX };
    let capitalized: String = first.to_uppercase().chain(chars).collect();
    if capitalized == word {
        return u32::MAX;
    }
    get(&capitalized)
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
    /// Prepares a document from its tokens and their [`Marks`].
    /// `clusters` maps a word as written to its cluster (`u32::MAX`: none);
    /// case variants are tried as [`cluster_of`] says.
    pub fn new(text: &'t str, tokens: &[Token], clusters: &dyn Fn(&str) -> u32, marks: Marks) -> Doc<'t> {
        Doc::with_forms(text, tokens, &mut ComputedForms::new(clusters), marks)
    }

    /// Prepares a document from its tokens and their [`Marks`] (one per
    /// token), with the forms of its words from `forms` (and their ids
    /// there in `source_ids`).
    pub fn with_forms(text: &'t str, tokens: &[Token], forms: &mut impl FormSource, marks: Marks) -> Doc<'t> {
        debug_assert_eq!(marks.lexicon.len(), tokens.len());
        debug_assert_eq!(marks.baseline.len(), tokens.len());
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
        // Tokens of one text share its casing: read once per distinct text
        // (each distinct word's first token has it).
        let text_cases: Vec<TextCase> = first_tokens.iter().map(|&first| TextCase::of(tokens[first as usize].text(text))).collect();
        let mut line_case_v = vec![LineCase::Normal; n];
        let mut start = 0;
        for i in 1..=n {
            if i == n || tokens[i].line_start {
                let case = line_case(&tokens[start..i], |k| text_cases[word_ids[start + k] as usize]);
                line_case_v[start..i].fill(case);
                start = i;
            }
        }
        // Document-level casing evidence, over running-text lines only:
        // which words occur lowercase, and which capitalized inside a
        // sentence. Marked per distinct word, then compared as strings
        // once per distinct word (two raw words can share a lowercase).
        let capitalized: Vec<bool> = vocab.iter().map(|f| is_capitalized(&f.word)).collect();
        // Per distinct word, not per token: lower-case initial; capitalized
        // with a lower-case letter.
        let lower_initial: Vec<bool> = vocab.iter().map(|f| f.word.chars().next().is_some_and(char::is_lowercase)).collect();
        let mixed_capitalized: Vec<bool> = vocab.iter().zip(&capitalized).map(|(f, &cap)| cap && has_lower(&f.word)).collect();
        let mut occurs_lower = vec![false; vocab.len()];
        let mut occurs_cap_inside = vec![false; vocab.len()];
        for i in 0..n {
            if line_case_v[i] != LineCase::Normal {
                continue;
            }
            let id = word_ids[i] as usize;
            if lower_initial[id] {
                occurs_lower[id] = true;
            } else if mixed_capitalized[id] && !sentence_start[i] {
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
        Doc {
            lower_ids,
            n_lowers,
            word_ids,
            source_ids,
            vocab,
            capitalized,
            form_text,
            sentence_start,
            line_case: line_case_v,
            lower_elsewhere,
            cap_inside_elsewhere,
            lexicon: marks.lexicon,
            baseline: marks.baseline,
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

    /// Token `i`'s word starts with an upper-case letter.
    #[inline]
    pub fn is_capitalized(&self, i: usize) -> bool {
        self.capitalized[self.word_ids[i] as usize]
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
    #[inline]
    pub(crate) fn word_at(&self, i: isize) -> &str {
        self.form_at(i, VocabEntry::lower)
    }

    /// Token `i`'s shape, `<s>` / `</s>` beyond the document.
    #[inline]
    pub(crate) fn shape_at(&self, i: isize) -> &str {
        self.form_at(i, VocabEntry::shape)
    }
}
