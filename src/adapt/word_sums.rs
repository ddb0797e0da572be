//! The emission scores of a document under an adapter's averaged weights,
//! with the sums of each word's groups kept across documents.
//!
//! Six of a token's seven groups of features come from words alone (its
//! own identity and form, its neighbours' features as neighbours:
//! [`features::WORD_GROUPS`]), and news repeats its vocabulary from
//! article to article. So each thread keeps, per word met, the summed
//! averaged weights of its six groups: a word costs its forty-odd hashes
//! and lookups once, not once per document. The seventh, the token's own
//! (the model's tag with the word, the phrase taught that covers it), comes
//! third ([`features::OWN_GROUP`]): a token's scores begin with the prior
//! and its word's identity, form and own group, kept as one row by word,
//! model tag and phrase (its head), to which its four neighbours' rows
//! are added. What the sums are of is the
//! perceptron's [`Perceptron::averaged_stamp`] and the names tagger's word
//! table's serial (whose word ids they are kept by): another stamp (the
//! adapter learned, or another adapter annotates) or another table, and
//! they are emptied. The phrases taught change only as the weights do
//! ([`super::Adapter::learn`]), so the stamp covers what is kept of them.
//!
//! The scores are those [`Perceptron::decode`] sums, to the bit: each
//! group summed feature by feature from 0, then added to the token's row
//! after the prior, in group order.

use super::features::{self, WordPart, OWN_GROUP, WORD_GROUPS};
use super::perceptron::{Features, Perceptron, GROUPS_PER_TOKEN};
use super::phrases::{Lengths, Phrases};
use super::tagset::{tag_count, TagId};
use crate::hash::FxMap;
use crate::label::Label;
use crate::names::doc::Doc;
use std::cell::RefCell;
use std::ops::Range;

/// A group with no weight: nothing to add.
const NONE: u32 = u32::MAX;
/// A word's row with a model tag not summed yet.
const NOT_YET: u32 = u32::MAX - 1;

/// The model's tags: those of the built-in names.
const MODEL_TAGS: usize = tag_count(Label::NAMES.len());

/// How many words a thread keeps before it empties its sums (about 10 MB
/// with 25 tags): more than the distinct words of most batches.
const CAPACITY: usize = 1 << 14;

/// One word's sums: per group of [`WordPart::groups`], its row in
/// [`WordSums::rows`] or [`NONE`]; per model tag, the row its tokens'
/// scores start from where no phrase taught covers them
/// ([`WordSums::head_row`]) (or [`NOT_YET`]); and what its tokens' own
/// features need.
#[derive(Clone, Copy)]
struct WordEntry {
    rows: [u32; WORD_GROUPS],
    head: [u32; MODEL_TAGS],
    part: WordPart,
    /// [`Phrases::lengths_from`] the word.
    phrase_from: Lengths,
}

/// The sums of the words met on this thread, under one averaged weights.
#[derive(Default)]
struct WordSums {
    /// [`Perceptron::averaged_stamp`] of the weights summed; 0: none.
    stamp: u64,
    n_tags: usize,
    /// The [`crate::names::word_table::WordTable::serial`] of the table
    /// whose word ids `by_word` is by.
    table: u64,
    /// Per word id in that table: its entry, or [`NOT_YET`].
    by_word: Vec<u32>,
    entries: Vec<WordEntry>,
    /// `n_tags` scores a row.
    rows: Vec<f32>,
    /// The rows of the words beyond a document ([`features::outside_groups`]).
    outside: [u32; 4],
    /// The head rows of tokens a phrase taught covers: by entry, model tag
    /// and (label, part) of the phrase.
    taught: FxMap<(u32, TagId, (u16, u16)), u32>,
    /// The features of the word being summed.
    scratch: Features,
    /// The sum of a token's own features, while its head row is made.
    own: Vec<f32>,
    /// The emission scores of the document being tagged.
    scores: Vec<f32>,
}

thread_local! {
    static SUMS: RefCell<WordSums> = RefCell::new(WordSums::default());
}

/// Sums `features` into a new row of `rows` ([`Perceptron::sum_averaged`]);
/// its number, or [`NONE`].
fn sum_row(perceptron: &Perceptron, features: &[u32], rows: &mut Vec<f32>) -> u32 {
    perceptron.sum_averaged(features, rows).unwrap_or(NONE)
}

impl WordSums {
    /// Empties the sums if they are not of `perceptron`'s weights (or past
    /// [`CAPACITY`]).
    fn reuse_for(&mut self, perceptron: &Perceptron, table: u64) {
        let (stamp, n_tags) = (perceptron.averaged_stamp(), perceptron.n_tags());
        if self.stamp != stamp || self.n_tags != n_tags || self.table != table || self.entries.len() + self.taught.len() > CAPACITY {
            *self = WordSums { stamp, n_tags, table, scratch: Features::new(), ..WordSums::default() };
            // Row 0 is [`WordSums::ZERO`].
            self.rows.resize(n_tags, 0.0);
            let outside = features::outside_groups(&mut self.scratch);
            self.outside = outside.map(|g| sum_row(perceptron, self.scratch.group(g), &mut self.rows));
        }
    }

    /// The entry of distinct word `id` of `doc`, summed now if it was not.
    fn entry(&mut self, perceptron: &Perceptron, phrases: &Phrases, doc: &Doc, id: u32) -> u32 {
        let word = doc.source_ids[id as usize].index();
        if word >= self.by_word.len() {
            self.by_word.resize(word + 1, NOT_YET);
        }
        if self.by_word[word] != NOT_YET {
            return self.by_word[word];
        }
        self.scratch.clear();
        let part = features::word_part(doc.word_forms(id), &mut self.scratch);
        let rows = part.groups.map(|g| sum_row(perceptron, self.scratch.group(g), &mut self.rows));
        let e = self.entries.len() as u32;
        let phrase_from = phrases.lengths_from(part.singular);
        self.entries.push(WordEntry { rows, head: [NOT_YET; MODEL_TAGS], part, phrase_from });
        self.by_word[word] = e;
        e
    }

    /// The row a token's scores start from, for a token of entry `e` with
    /// model tag `t` and the phrase `taught` covering it, summed now if it
    /// was not: the prior ([`Perceptron::add_prior`]), then the word's
    /// identity and form groups and the token's own, in that order, as
    /// every token's row begins ([`features::token_groups`]). Kept with the
    /// word where no phrase covers the token, else by all three.
    fn head_row(&mut self, perceptron: &Perceptron, e: u32, t: TagId, taught: Option<(u16, u16)>) -> u32 {
        let plain = taught.is_none() && (t as usize) < MODEL_TAGS;
        let key = (e, t, taught.unwrap_or((u16::MAX, u16::MAX)));
        let kept = if plain { self.entries[e as usize].head[t as usize] } else { self.taught.get(&key).copied().unwrap_or(NOT_YET) };
        if kept != NOT_YET {
            return kept;
        }
        let entry = self.entries[e as usize];
        self.scratch.clear();
        features::token_features(entry.part.tag_word, t, taught, &mut self.scratch.flat);
        self.own.clear();
        let own = sum_row(perceptron, &self.scratch.flat, &mut self.own);
        let n = self.n_tags;
        let at = self.rows.len();
        self.rows.resize(at + n, 0.0);
        perceptron.add_prior(t, &mut self.rows[at..]);
        let (kept, head) = self.rows.split_at_mut(at);
        for &g in entry.rows[..OWN_GROUP].iter().filter(|&&g| g != NONE) {
            head.iter_mut().zip(&kept[g as usize * n..(g as usize + 1) * n]).for_each(|(h, s)| *h += s);
        }
        if own != NONE {
            head.iter_mut().zip(&self.own).for_each(|(h, s)| *h += s);
        }
        let r = (at / n) as u32;
        if plain {
            self.entries[e as usize].head[t as usize] = r;
        } else {
            self.taught.insert(key, r);
        }
        r
    }

    /// The emission scores of `doc`'s tokens under `perceptron`'s averaged
    /// weights, [`Perceptron::n_tags`] per token, into `out`.
    fn emissions(&mut self, perceptron: &Perceptron, phrases: &Phrases, doc: &Doc, table: u64, model_tags: &[TagId], out: &mut Vec<f32>) {
        self.reuse_for(perceptron, table);
        let n = self.n_tags;
        let entries: Vec<u32> = (0..doc.n_words() as u32).map(|id| self.entry(perceptron, phrases, doc, id)).collect();
        let rows: Vec<[u32; WORD_GROUPS]> = entries.iter().map(|&e| self.entries[e as usize].rows).collect();
        let entry_of = |i: usize| entries[doc.word_ids[i] as usize];
        // The phrases taught, looked for only where a word starts one.
        let starts: Vec<Lengths> = entries.iter().map(|&e| self.entries[e as usize].phrase_from).collect();
        let taught = starts.iter().any(|&l| l != 0).then(|| {
            let singular: Vec<u64> = entries.iter().map(|&e| self.entries[e as usize].part.singular).collect();
            let words: Vec<u64> = doc.word_ids.iter().map(|&id| singular[id as usize]).collect();
            phrases.matches_with(&words, |i| starts[doc.word_ids[i] as usize])
        });
        out.clear();
        out.resize(doc.len() * n, 0.0);
        for (i, (row, &t)) in out.chunks_exact_mut(n).zip(model_tags).enumerate() {
            let head = self.head_row(perceptron, entry_of(i), t, taught.as_ref().and_then(|m| m[i]));
            let [_, _, g3, g4, g5, g6] = features::word_groups_of(doc, i, |id| rows[id as usize], &self.outside);
            // Added in the order of the groups, one score at a time: the
            // sums of adding each row in turn, in one pass over the row.
            // (Adding a group's zeros where it has no weight changes no sum.)
            let [a, b, c, d, e] = [head, g3, g4, g5, g6].map(|r| self.row(r));
            for (((((o, a), b), c), d), e) in row.iter_mut().zip(a).zip(b).zip(c).zip(d).zip(e) {
                *o = a + b + c + d + e;
            }
        }
        debug_assert_eq!((GROUPS_PER_TOKEN, OWN_GROUP), (WORD_GROUPS + 1, 2));
    }

    /// The row of zeros, first of [`WordSums::rows`]: what a group with no
    /// weight adds.
    const ZERO: u32 = 0;

    /// Row `r`; zeros for [`NONE`].
    fn row(&self, r: u32) -> &[f32] {
        let r = if r == NONE { WordSums::ZERO } else { r } as usize;
        &self.rows[r * self.n_tags..(r + 1) * self.n_tags]
    }
}

/// The best tags of `doc`'s tokens under `perceptron`'s averaged weights
/// ([`Perceptron::best_tags`] over `segments`), with `model_tags` the
/// embedded model's tags and `phrases` those taught: their emission
/// scores summed in this thread's memory, kept from document to document.
pub fn best_tags(
    perceptron: &Perceptron,
    phrases: &Phrases,
    doc: &Doc,
    table: u64,
    model_tags: &[TagId],
    segments: &[Range<usize>],
) -> Vec<TagId> {
    SUMS.with(|cell| {
        let mut sums = cell.borrow_mut();
        let mut scores = std::mem::take(&mut sums.scores);
        sums.emissions(perceptron, phrases, doc, table, model_tags, &mut scores);
        let tags = perceptron.best_tags(&scores, segments);
        sums.scores = scores;
        tags
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapt::Adapter;
    use crate::label::{LabelSet, ValueKind};
    use crate::recognizer::Context;
    use crate::tokenize::tokenize;
    use crate::{annotate, Annotation, Options, Source, Span};

    const TEXTS: [&str; 3] = [
        "The rebels fired a Kornet missile at the convoy near Mosul on Tuesday, officials said.",
        "Officials said a Kornet and two RPG-7 launchers were found. The Kornet was Russian made.",
        "Air strikes hit Raqqa. Kornet missiles and strikes by drones were reported by Reuters in Raqqa.",
    ];

    /// The tags of `text` from the kept sums, and as [`Perceptron::decode`]
    /// sums every group anew (the learning path's reading, averaged).
    fn both_ways(adapter: &Adapter, text: &str) -> (Vec<TagId>, Vec<TagId>) {
        let tokens = tokenize(text);
        let cx = Context { text, tokens: &tokens, article_date: None };
        let tagged = crate::names::tagged(&cx).unwrap();
        let model_tags = features::model_tags(&tagged.doc, tagged.entities);
        let segments = features::segments(&tagged.doc, &model_tags);
        let kept = best_tags(&adapter.perceptron, &adapter.phrases, &tagged.doc, tagged.table, &model_tags, &segments);
        let p = features::prepare(&cx, &adapter.phrases).unwrap();
        (kept, adapter.perceptron.decode(&p.features, &p.model_tags, &p.segments, true))
    }

    fn corrected(text: &str, label: Label, word: &str) -> crate::Document {
        let mut doc = annotate(text, &Options::default());
        for (start, _) in text.match_indices(word) {
            let span = Span::new(start, start + word.len());
            doc.annotations.retain(|a| a.span.end <= span.start || a.span.start >= span.end);
            doc.annotations.push(Annotation::new(span, label, None, Source::User));
        }
        doc.annotations.sort_by_key(|a| a.span.start);
        doc
    }

    #[test]
    fn kept_sums_give_the_tags_of_summing_anew_and_follow_learning() {
        let weapon = Label::define("WEAPON", ValueKind::None).unwrap();
        let mut adapter = Adapter::new(LabelSet::parse_list_defining("PERSON,ORG,LOC,MISC,WEAPON").unwrap());
        let mut seen = Vec::new();
        for (k, text) in TEXTS.iter().enumerate() {
            // Each text twice: the second time every word's sums are kept.
            for t in TEXTS {
                let (kept, anew) = both_ways(&adapter, t);
                assert_eq!(kept, anew, "after {k} documents: {t:?}");
                assert_eq!(both_ways(&adapter, t).0, anew);
            }
            seen.push(both_ways(&adapter, TEXTS[2]).0);
            adapter.learn(&corrected(text, weapon, "Kornet"));
        }
        // What was learned shows: the sums kept before it were not used.
        seen.push(both_ways(&adapter, TEXTS[2]).0);
        assert_ne!(seen.first(), seen.last(), "{seen:?}");
    }
}
