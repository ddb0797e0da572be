//! Training the names tagger: an averaged structured perceptron over BILOU
//! tags, on the CoNLL-2003 English training set, with early stopping on
//! the development set.
//!
//! Training reads `conll2003/train.jsonl` and `conll2003/dev.jsonl` under
//! the data folder, tokenizes each document's text with the crate's own
//! tokenizer (so the model learns from the tokens it will see), and maps
//! the gold spans onto those tokens. The test set is never read here.
//!
//! Deterministic for a given seed: documents are shuffled by a seeded
//! xorshift generator, and no hash-map iteration order reaches the output
//! (maps are only looked up; everything written is sorted).

use crate::error::{Error, ErrorKind};
use crate::hash::Rng;
use crate::names::decode;
use crate::names::gazetteer::{self, Gazetteer, Harvest};
use crate::names::history::History;
use crate::names::model::Scorer;
use crate::names::tags;
use crate::tokenize::{tokenize, Token};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub mod clusters;
mod gold;
mod perceptron;
mod prepare;

use gold::gold_entities;
pub use gold::{read_gold, GoldDoc};
use perceptron::{export, Averaged, Perceptron};
use prepare::{prepare, Prepared};

/// What to train on and how.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// The folder holding `conll2003/`.
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
    /// Number of word clusters derived from train+dev text (0: none).
    pub n_clusters: usize,
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
            n_clusters: 512,
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
    let conll = config.data_dir.join("conll2003");
    let train_docs = read_gold(&conll.join("train.jsonl"), config.limit_docs)?;
    let dev_docs = read_gold(&conll.join("dev.jsonl"), config.limit_docs)?;
    log(format!("read {} train and {} dev documents", train_docs.len(), dev_docs.len()));
    let train_tokens: Vec<Vec<Token>> = train_docs.iter().map(|d| tokenize(&d.text)).collect();
    let dev_tokens: Vec<Vec<Token>> = dev_docs.iter().map(|d| tokenize(&d.text)).collect();

    // Word clusters from the unlabeled text of train and dev.
    let clusters = {
        let texts: Vec<(&str, &[Token])> = train_docs
            .iter()
            .zip(&train_tokens)
            .chain(dev_docs.iter().zip(&dev_tokens))
            .map(|(d, t)| (d.text.as_str(), t.as_slice()))
            .collect();
        clusters::derive(&texts, config.n_clusters, config.seed)
    };
    log(format!("derived {} word clusters over {} words", config.n_clusters, clusters.len()));

    // Gazetteer: the entity strings of the labeled text. A training
    // document's matches come from the other folds of a jackknife, so that
    // the features are as unreliable on train as on unseen text; dev (the
    // stand-in for unseen text) matches the entries of all of train.
    let folds = config.gazetteer_folds;
    let harvest = |g: &GoldDoc, t: &[Token]| gazetteer::harvest(&g.text, t, &gold_entities(t, &g.spans));
    let train_harvests: Vec<Harvest> = train_docs.iter().zip(&train_tokens).map(|(g, t)| harvest(g, t)).collect();
    let dev_harvests: Vec<Harvest> = dev_docs.iter().zip(&dev_tokens).map(|(g, t)| harvest(g, t)).collect();
    let fold_gazetteers = |harvests: &[Harvest]| {
        if folds == 0 {
            vec![Gazetteer::default()]
        } else {
            gazetteer::jackknife(harvests, folds)
        }
    };
    let train_folds = fold_gazetteers(&train_harvests);
    let train_gazetteer = if folds == 0 { Gazetteer::default() } else { Gazetteer::build(&train_harvests) };
    log(format!("gazetteer: {} entity strings in train, {folds} folds", train_gazetteer.len()));

    let train: Vec<Prepared> = train_docs
        .iter()
        .zip(&train_tokens)
        .enumerate()
        .map(|(i, (g, t))| prepare(g, t, &clusters, &train_folds[i % train_folds.len()]))
        .collect();
    let dev: Vec<Prepared> = dev_docs.iter().zip(&dev_tokens).map(|(g, t)| prepare(g, t, &clusters, &train_gazetteer)).collect();

    // The refit's documents: train then dev, jackknifed together by the
    // same rule (without a gazetteer the features are those above).
    let all_harvests: Vec<Harvest> = train_harvests.into_iter().chain(dev_harvests).collect();
    let refit_docs: Vec<Prepared> = if config.refit && folds > 0 {
        let all_folds = fold_gazetteers(&all_harvests);
        train_docs
            .iter()
            .zip(&train_tokens)
            .chain(dev_docs.iter().zip(&dev_tokens))
            .enumerate()
            .map(|(i, (g, t))| prepare(g, t, &clusters, &all_folds[i % all_folds.len()]))
            .collect()
    } else {
        Vec::new()
    };
    // The shipped gazetteer: all the labeled text the shipped weights saw.
    let final_gazetteer = match (folds, config.refit) {
        (0, _) => Gazetteer::default(),
        (_, true) => Gazetteer::build(&all_harvests),
        (_, false) => train_gazetteer,
    };
    log(format!("prepared the documents; shipped gazetteer: {} entity strings", final_gazetteer.len()));

    // Members of the ensemble differ only in their shuffling seed; their
    // feature dictionaries are identical (built from the same documents in
    // the same order), so averaging them is averaging arrays.
    let members = config.ensemble.max(1);
    let mut keys: Vec<u32> = Vec::new();
    let mut w_sum: Vec<f32> = Vec::new();
    let mut trans_sum: Vec<f32> = Vec::new();
    for member in 0..members {
        let seed = config.seed.wrapping_add(member as u64);
        let (p, best_epoch, dev_f1, w, trans) = {
            let refs: Vec<&Prepared> = train.iter().collect();
            let mut p = Perceptron::new(&refs, config.min_count);
            log(format!("member {member}: {} features kept", p.keys.len()));
            let mut rng = Rng::new(seed);
            let mut best: Option<(f64, usize, Vec<f32>, Vec<f32>)> = None;
            for epoch in 1..=config.epochs.max(1) {
                let mistakes = p.epoch(&refs, &mut rng);
                let avg = p.averaged();
                let c = evaluate(&avg, &dev);
                let f1 = c.f1();
                log(format!(
                    "epoch {epoch}: {mistakes} sentences with mistakes, dev F1 {f1:.4} (p {:.4} r {:.4})",
                    c.correct as f64 / c.predicted.max(1) as f64,
                    c.correct as f64 / c.gold.max(1) as f64
                ));
                if best.as_ref().is_none_or(|b| f1 > b.0) {
                    best = Some((f1, epoch, avg.w, avg.trans));
                } else if best.as_ref().is_some_and(|b| epoch - b.1 >= config.patience) {
                    break;
                }
            }
            let (f1, epoch, w, trans) = best.ok_or_else(|| Error::new(ErrorKind::Usage, "no epoch trained"))?;
            (p, epoch, f1, w, trans)
        };
        log(format!("member {member}: best dev F1 {dev_f1:.4} at epoch {best_epoch}"));
        let (member_keys, w, trans) = if config.refit {
            // The same number of epochs again, on train and dev together: a
            // quarter more labeled text, with the epoch count dev chose.
            drop(p);
            let refs: Vec<&Prepared> = if refit_docs.is_empty() { train.iter().chain(&dev).collect() } else { refit_docs.iter().collect() };
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
            log(format!("ensemble of {members}: dev F1 {:.4}", evaluate(&avg, &dev).f1()));
        }
    }
    let model = export(&keys, &w_sum, &trans_sum, &clusters, config.prune)?.with_gazetteer(final_gazetteer);
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
