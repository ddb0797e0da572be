//! Training the names tagger: an averaged structured perceptron over BILOU
//! tags, on the CoNLL-2003 English training set and wikigold's training
//! articles, with early stopping on both development sets.
//!
//! Training reads `conll2003/{train,dev}.jsonl` and `wikigold/{train,dev}.jsonl`
//! under the data folder, tokenizes each document's text with the crate's
//! own tokenizer (so the model learns from the tokens it will see), and
//! maps the gold spans onto those tokens. Word clusters come from the word
//! vectors in `vectors/` ([`vectors`]). CoNLL test is never read here;
//! wikigold dev only chooses the epoch count (with CoNLL dev), and is never
//! trained on: the refit trains on CoNLL train and dev and wikigold train.
//!
//! Deterministic for a given seed: documents are shuffled by a seeded
//! xorshift generator, and no hash-map iteration order reaches the output
//! (maps are only looked up; everything written is sorted).

use crate::error::{Error, ErrorKind};
use crate::hash::Rng;
use crate::names::decode;
use crate::names::gazetteer::{self, Gazetteer, Harvest};
use crate::names::history::History;
use crate::names::model::{Scorer, SHIPPED_WIDTHS};
use crate::names::tags;
use crate::tokenize::{tokenize, Token};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub mod clusters;
mod gold;
mod perceptron;
mod prepare;
pub mod vectors;

use clusters::Clusters;
use gold::gold_entities;
pub use gold::{read_gold, GoldDoc};
use perceptron::{export, Averaged, Perceptron};
use prepare::{prepare, Prepared};
use vectors::TreeConfig;

/// What to train on and how.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// The folder holding `conll2003/`, `wikigold/` and `vectors/`.
    pub data_dir: PathBuf,
    /// The most passes over the training set.
    pub epochs: usize,
    /// Stop after this many epochs without a better dev F1.
    pub patience: usize,
    pub seed: u64,
    /// Train on the first N training documents only (and evaluate on the
    /// first N dev documents), for tests.
    pub limit_docs: Option<usize>,
    /// Keep features seen at least this often in training.
    pub min_count: u32,
    /// Levels of the word-cluster tree over the vectors (0: no clusters).
    pub cluster_depth: u32,
    /// The most frequent words of the vector table that get a cluster in
    /// the model file.
    pub cluster_words: usize,
    /// How many times each wikigold training article counts in an epoch
    /// (0: wikigold is not trained on).
    pub wikigold_weight: usize,
    /// Folds of the jackknife that builds the gazetteer features of the
    /// training documents (0: no gazetteer features).
    pub gazetteer_folds: usize,
    /// Number of models (seeds `seed`, `seed + 1`, ...) whose weights are
    /// averaged into the shipped one.
    pub ensemble: usize,
    /// Drop features whose largest weight (in perceptron updates, averaged)
    /// is below this: smaller models, and faster, as lookups miss the cache
    /// less.
    pub prune: f32,
    /// After early stopping picked the best epoch count on dev, train again
    /// from zero on train+dev for that many epochs and ship that model.
    pub refit: bool,
    /// Print progress to stderr.
    pub verbose: bool,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            data_dir: PathBuf::from("../shared/data"),
            epochs: 30,
            patience: 5,
            seed: 1,
            limit_docs: None,
            min_count: 1,
            cluster_depth: 12,
            cluster_words: 60_000,
            wikigold_weight: 1,
            gazetteer_folds: 5,
            refit: true,
            prune: 2.0,
            ensemble: 5,
            verbose: false,
        }
    }
}

/// Exact-span precision, recall and F1 counts.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    /// [`crate::eval::f1`] of the counts.
    pub fn f1(&self) -> f64 {
        crate::eval::f1(self.correct, self.predicted, self.gold)
    }
}

/// Reads a gold file under the data folder.
fn read_set(config: &TrainConfig, path: &str) -> Result<Vec<GoldDoc>, Error> {
    read_gold(&config.data_dir.join(path), config.limit_docs)
}

/// The development sets' counts: CoNLL-2003 dev and wikigold dev.
#[derive(Clone, Copy)]
struct DevCounts {
    conll: Counts,
    wikigold: Counts,
}

impl DevCounts {
    /// What chooses between models: the mean of the two F1s, so that the
    /// 45 Wikipedia articles weigh as much as the 216 Reuters ones.
    fn score(&self) -> f64 {
        if self.wikigold.gold == 0 {
            self.conll.f1()
        } else {
            (self.conll.f1() + self.wikigold.f1()) / 2.0
        }
    }
}

impl std::fmt::Display for DevCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "dev F1: CoNLL {:.4}, wikigold {:.4}", self.conll.f1(), self.wikigold.f1())
    }
}

/// The best epoch of a training run so far: its number, its dev figures
/// and its averaged weights.
struct BestEpoch {
    epoch: usize,
    dev: DevCounts,
    w: Vec<f32>,
    trans: Vec<f32>,
}

fn evaluate(scorer: &dyn Scorer, docs: &[Prepared]) -> Counts {
    let mut counts = Counts::default();
    let mut history = History::default();
    for d in docs {
        let tags = decode::decode_doc(scorer, &d.doc, &d.feats, &mut history, |_, _, _, _| {});
        let predicted = tags::entities(&tags);
        counts.gold += d.gold_entities.len();
        counts.predicted += predicted.len();
        counts.correct += predicted.iter().filter(|p| d.gold_entities.contains(p)).count();
    }
    counts
}

/// Trains a model and returns the bytes of its file.
pub fn train(config: &TrainConfig) -> Result<Vec<u8>, Error> {
    let started = Instant::now();
    let log = |msg: String| {
        if config.verbose {
            eprintln!("[{:6.1}s] {msg}", started.elapsed().as_secs_f64());
        }
    };
    let conll_train = read_set(config, "conll2003/train.jsonl")?;
    let conll_dev = read_set(config, "conll2003/dev.jsonl")?;
    let wiki_train = if config.wikigold_weight > 0 { read_set(config, "wikigold/train.jsonl")? } else { Vec::new() };
    let wiki_dev = read_set(config, "wikigold/dev.jsonl")?;
    log(format!(
        "read CoNLL-2003 {} train and {} dev documents, wikigold {} train (weight {}) and {} dev",
        conll_train.len(),
        conll_dev.len(),
        wiki_train.len(),
        config.wikigold_weight,
        wiki_dev.len()
    ));
    // Every labeled document in one list, in four runs: CoNLL train,
    // wikigold train, CoNLL dev, wikigold dev (never trained on).
    let wiki_from = conll_train.len();
    let trained = wiki_from + wiki_train.len();
    let refitted = trained + conll_dev.len();
    let golds: Vec<GoldDoc> = conll_train.into_iter().chain(wiki_train).chain(conll_dev).chain(wiki_dev).collect();
    let tokens: Vec<Vec<Token>> = golds.iter().map(|d| tokenize(&d.text)).collect();

    let clusters = if config.cluster_depth == 0 {
        Clusters::default()
    } else {
        let tree = TreeConfig { depth: config.cluster_depth, words: config.cluster_words, seed: config.seed };
        vectors::clusters(&config.data_dir.join("vectors"), tree)?
    };
    log(format!("word clusters: a tree of {} levels over the vectors, {} words", config.cluster_depth, clusters.len()));

    // Gazetteer: the entity strings of the labeled text. A training
    // document's matches come from the other folds of a jackknife, so that
    // the features are as unreliable on train as on unseen text; the dev
    // sets (the stand-in for unseen text) match the entries of all of train.
    let folds = config.gazetteer_folds;
    let harvests: Vec<Harvest> =
        golds.iter().zip(&tokens).map(|(g, t)| gazetteer::harvest(&g.text, t, &gold_entities(t, &g.spans))).collect();
    let jackknifed = |n: usize| -> Vec<Prepared> {
        let folds = if folds == 0 { vec![Gazetteer::default()] } else { gazetteer::jackknife(&harvests[..n], folds) };
        (0..n).map(|i| prepare(&golds[i], &tokens[i], &clusters, &folds[i % folds.len()])).collect()
    };
    let built = |n: usize| if folds == 0 { Gazetteer::default() } else { Gazetteer::build(&harvests[..n]) };
    let train = jackknifed(trained);
    let train_gazetteer = built(trained);
    log(format!("gazetteer: {} entity strings in train, {folds} folds", train_gazetteer.len()));
    let conll_dev: Vec<Prepared> = (trained..refitted).map(|i| prepare(&golds[i], &tokens[i], &clusters, &train_gazetteer)).collect();
    let wiki_dev: Vec<Prepared> = (refitted..golds.len()).map(|i| prepare(&golds[i], &tokens[i], &clusters, &train_gazetteer)).collect();
    let evaluate_dev = |scorer: &dyn Scorer| DevCounts { conll: evaluate(scorer, &conll_dev), wikigold: evaluate(scorer, &wiki_dev) };
    // The refit's documents: CoNLL train and dev and wikigold train,
    // jackknifed together by the same rule.
    let refit_docs: Vec<Prepared> = if config.refit { jackknifed(refitted) } else { Vec::new() };
    // The shipped gazetteer: all the labeled text the shipped weights saw.
    let final_gazetteer = if config.refit { built(refitted) } else { train_gazetteer };
    log(format!("prepared the documents; shipped gazetteer: {} entity strings", final_gazetteer.len()));
    // What an epoch visits: every document once, wikigold's `weight` times.
    let visits = |docs: &[Prepared]| -> Vec<usize> {
        let times = |i: usize| if (wiki_from..trained).contains(&i) { config.wikigold_weight } else { 1 };
        (0..docs.len()).flat_map(|i| std::iter::repeat_n(i, times(i))).collect()
    };

    // Members of the ensemble differ only in their shuffling seed; their
    // feature dictionaries are identical (built from the same documents in
    // the same order), so averaging them is averaging arrays.
    let members = config.ensemble.max(1);
    let mut keys: Vec<u32> = Vec::new();
    let mut w_sum: Vec<f32> = Vec::new();
    let mut trans_sum: Vec<f32> = Vec::new();
    for member in 0..members {
        let seed = config.seed.wrapping_add(member as u64);
        let (p, best_epoch, best, w, trans) = {
            let refs: Vec<&Prepared> = visits(&train).into_iter().map(|i| &train[i]).collect();
            let mut p = Perceptron::new(&refs, config.min_count);
            log(format!("member {member}: {} features kept", p.keys.len()));
            let mut rng = Rng::new(seed);
            let mut best: Option<BestEpoch> = None;
            for epoch in 1..=config.epochs.max(1) {
                let mistakes = p.epoch(&refs, &mut rng);
                let avg = p.averaged();
                let dev = evaluate_dev(&avg);
                log(format!("epoch {epoch}: {mistakes} sentences with mistakes, {dev}"));
                if best.as_ref().is_none_or(|b| dev.score() > b.dev.score()) {
                    best = Some(BestEpoch { epoch, dev, w: avg.w, trans: avg.trans });
                } else if best.as_ref().is_some_and(|b| epoch - b.epoch >= config.patience) {
                    break;
                }
            }
            let b = best.ok_or_else(|| Error::new(ErrorKind::Usage, "no epoch trained"))?;
            (p, b.epoch, b.dev, b.w, b.trans)
        };
        log(format!("member {member}: best at epoch {best_epoch}, {best}"));
        let (member_keys, w, trans) = if config.refit {
            // The same number of epochs again, on train and CoNLL dev
            // together, with the epoch count the dev sets chose.
            drop(p);
            let refs: Vec<&Prepared> = visits(&refit_docs).into_iter().map(|i| &refit_docs[i]).collect();
            let mut p = Perceptron::new(&refs, config.min_count);
            let mut rng = Rng::new(seed);
            for epoch in 1..=best_epoch {
                let mistakes = p.epoch(&refs, &mut rng);
                log(format!("refit on train+dev, epoch {epoch}/{best_epoch}: {mistakes} sentences with mistakes"));
            }
            let avg = p.averaged();
            let (w, trans) = (avg.w, avg.trans);
            (p.keys, w, trans)
        } else {
            (p.keys, w, trans)
        };
        if member == 0 {
            keys = member_keys;
            w_sum = w;
            trans_sum = trans;
        } else {
            if member_keys != keys {
                return Err(Error::new(ErrorKind::Usage, "ensemble members with different dictionaries"));
            }
            w_sum.iter_mut().zip(&w).for_each(|(a, b)| *a += b);
            trans_sum.iter_mut().zip(&trans).for_each(|(a, b)| *a += b);
        }
    }
    if members > 1 {
        let n = members as f32;
        w_sum.iter_mut().for_each(|x| *x /= n);
        trans_sum.iter_mut().for_each(|x| *x /= n);
        if !config.refit {
            let rows: HashMap<u32, u32> = keys.iter().enumerate().map(|(i, &k)| (k, i as u32)).collect();
            let avg = Averaged { rows: &rows, w: w_sum.clone(), trans: trans_sum.clone() };
            log(format!("ensemble of {members}: {}", evaluate_dev(&avg)));
        }
    }
    // The keys as the page ships them (`model::SHIPPED_WIDTHS`).
    let model = export(&keys, &w_sum, &trans_sum, &clusters, config.prune)?.with_gazetteer(final_gazetteer).narrowed(SHIPPED_WIDTHS)?;
    log(format!("{} features in the model", model.n_features()));
    Ok(model.to_bytes())
}

/// Trains a model with `config` and writes its file to `out` (creating its
/// folder if needed): the work of the `train` command, for a caller that
/// built the [`TrainConfig`] itself. With `config.verbose`, prints the
/// progress and what it wrote to stderr.
///
/// Errors: reading the corpora under `config.data_dir`
/// ([`ErrorKind::Io`], [`ErrorKind::InvalidJson`]) and writing `out`
/// ([`ErrorKind::Io`]).
pub fn write_model(config: &TrainConfig, out: &Path) -> Result<(), Error> {
    let started = Instant::now();
    let bytes = train(config)?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(out, &bytes).map_err(|e| Error::from(e).context(out.display()))?;
    if config.verbose {
        eprintln!("wrote {} ({} bytes) in {:.1}s", out.display(), bytes.len(), started.elapsed().as_secs_f64());
    }
    Ok(())
}
