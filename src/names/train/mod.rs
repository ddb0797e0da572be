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
use crate::names::doc::Doc;
use crate::names::gazetteer::{self, Gazetteer, Harvest};
use crate::names::history::History;
use crate::names::marks;
use crate::names::model::{cluster_key, Model, Scorer};
use crate::names::tags::{self, transition_row, Entity, EntityType, Tag, N_TAGS};
use crate::names::templates::{self, StaticFeatures};
use crate::span::OffsetMap;
use crate::tokenize::{tokenize, Token};
use clusters::Clusters;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub mod clusters;

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

/// A document with gold entities, as read from a JSONL file.
pub struct GoldDoc {
    pub text: String,
    /// Byte spans and entity types.
    pub spans: Vec<(usize, usize, EntityType)>,
}

/// Reads a JSONL file of `{text, spans: [{start, end, label}]}` documents
/// (offsets in code points), keeping the name spans.
pub fn read_gold(path: &std::path::Path, limit: Option<usize>) -> Result<Vec<GoldDoc>, Error> {
    let content = std::fs::read_to_string(path).map_err(|e| Error::from(e).context(path.display()))?;
    let mut docs = Vec::new();
    for line in content.lines().filter(|l| !l.trim().is_empty()) {
        if limit.is_some_and(|n| docs.len() >= n) {
            break;
        }
        let v: serde_json::Value = serde_json::from_str(line)?;
        let text = v["text"].as_str().ok_or_else(|| Error::new(ErrorKind::InvalidJson, "document without text"))?;
        let map = OffsetMap::new(text);
        let mut spans = Vec::new();
        for s in v["spans"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
            let (Some(start), Some(end), Some(ty)) =
                (s["start"].as_u64(), s["end"].as_u64(), s["label"].as_str().and_then(EntityType::from_gold_label))
            else {
                continue;
            };
            if let Some(span) = map.span_from(start as usize, end as usize, crate::OffsetUnit::Codepoint) {
                spans.push((span.start, span.end, ty));
            }
        }
        docs.push(GoldDoc { text: text.to_owned(), spans });
    }
    Ok(docs)
}

/// A document ready for training: tokens, features and gold tags.
struct Prepared<'t> {
    doc: Doc<'t>,
    feats: StaticFeatures,
    gold: Vec<Tag>,
    gold_entities: Vec<Entity>,
}

/// Maps byte spans onto token ranges: every token the span overlaps.
fn gold_entities(tokens: &[Token], spans: &[(usize, usize, EntityType)]) -> Vec<Entity> {
    let mut out = Vec::new();
    for &(s, e, ty) in spans {
        let first = tokens.partition_point(|t| t.span.end <= s);
        let last = tokens.partition_point(|t| t.span.start < e);
        if first < last {
            out.push((first..last, ty));
        }
    }
    out
}

/// Prepares a document, its gazetteer features matched against `gazetteer`.
fn prepare<'t>(gold: &'t GoldDoc, tokens: &'t [Token], clusters: &Clusters, gazetteer: &Gazetteer) -> Prepared<'t> {
    let mut doc = Doc::new(&gold.text, tokens, &|w: &str| clusters.get(w), marks::of(&gold.text, tokens));
    if !gazetteer.is_empty() {
        doc.gazetteer = gazetteer.codes(&doc);
    }
    let feats = StaticFeatures::of(&doc);
    let gold_entities = gold_entities(tokens, &gold.spans);
    let tags = tags::tags_of(doc.len(), &gold_entities);
    Prepared { doc, feats, gold: tags, gold_entities }
}

/// The weights being learned, with the sums for averaging.
struct Perceptron {
    rows: HashMap<u32, u32>,
    keys: Vec<u32>,
    w: Vec<f32>,
    /// Sum over updates of (step * delta), for the averaged weights.
    u: Vec<f64>,
    trans: Vec<f32>,
    trans_u: Vec<f64>,
    step: u64,
}

impl Perceptron {
    fn update(&mut self, feature: u32, tag: Tag, delta: f32) {
        if let Some(&r) = self.rows.get(&feature) {
            let k = r as usize * N_TAGS + tag.index();
            self.w[k] += delta;
            self.u[k] += self.step as f64 * delta as f64;
        }
    }

    fn update_trans(&mut self, prev: Option<Tag>, next: Tag, delta: f32) {
        let k = transition_row(prev) * N_TAGS + next.index();
        self.trans[k] += delta;
        self.trans_u[k] += self.step as f64 * delta as f64;
    }

    /// The averaged weights: w - u / step.
    fn averaged(&self) -> Averaged<'_> {
        let c = self.step.max(1) as f64;
        Averaged {
            rows: &self.rows,
            w: self.w.iter().zip(&self.u).map(|(&w, &u)| (w as f64 - u / c) as f32).collect(),
            trans: self.trans.iter().zip(&self.trans_u).map(|(&w, &u)| (w as f64 - u / c) as f32).collect(),
        }
    }
}

/// Adds the weight row of `feature`, if it has one, to `scores`: the
/// emission lookup of both the live and the averaged weights.
fn add_row(rows: &HashMap<u32, u32>, w: &[f32], feature: u32, scores: &mut [f32; N_TAGS]) {
    if let Some(&r) = rows.get(&feature) {
        let row = &w[r as usize * N_TAGS..(r as usize + 1) * N_TAGS];
        for (s, w) in scores.iter_mut().zip(row) {
            *s += w;
        }
    }
}

impl Scorer for Perceptron {
    fn add(&self, feature: u32, scores: &mut [f32; N_TAGS]) {
        add_row(&self.rows, &self.w, feature, scores);
    }

    fn transition(&self, prev: Option<Tag>, next: Tag) -> f32 {
        self.trans[transition_row(prev) * N_TAGS + next.index()]
    }
}

/// Averaged weights, as scored for dev evaluation and exported.
struct Averaged<'p> {
    rows: &'p HashMap<u32, u32>,
    w: Vec<f32>,
    trans: Vec<f32>,
}

impl Scorer for Averaged<'_> {
    fn add(&self, feature: u32, scores: &mut [f32; N_TAGS]) {
        add_row(self.rows, &self.w, feature, scores);
    }

    fn transition(&self, prev: Option<Tag>, next: Tag) -> f32 {
        self.trans[transition_row(prev) * N_TAGS + next.index()]
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

impl Perceptron {
    /// Zero weights over the features of `docs` seen at least `min_count`
    /// times (rows in first-seen order), plus every history feature.
    fn new(docs: &[&Prepared], min_count: u32) -> Perceptron {
        let mut counts: HashMap<u32, u32> = HashMap::new();
        let mut order: Vec<u32> = Vec::new();
        for d in docs {
            for f in d.feats.all() {
                let c = counts.entry(*f).or_insert_with(|| {
                    order.push(*f);
                    0
                });
                *c += 1;
            }
        }
        let mut keys: Vec<u32> = order.into_iter().filter(|f| counts[f] >= min_count).collect();
        for f in templates::all_history_features() {
            if !counts.contains_key(&f) {
                keys.push(f);
            }
        }
        let rows: HashMap<u32, u32> = keys.iter().enumerate().map(|(i, &k)| (k, i as u32)).collect();
        Perceptron {
            w: vec![0.0; keys.len() * N_TAGS],
            u: vec![0.0; keys.len() * N_TAGS],
            trans: vec![0.0; (N_TAGS + 1) * N_TAGS],
            trans_u: vec![0.0; (N_TAGS + 1) * N_TAGS],
            rows,
            keys,
            step: 1,
        }
    }

    /// One pass over `docs` in an order drawn from `rng`; returns the number
    /// of sentences decoded wrong.
    fn epoch(&mut self, docs: &[&Prepared], rng: &mut Rng) -> usize {
        let mut order: Vec<usize> = (0..docs.len()).collect();
        rng.shuffle(&mut order);
        let mut mistakes = 0usize;
        let mut history = History::default();
        for &di in &order {
            let d = docs[di];
            // Decode the document with the current weights (the history
            // sees the predictions, as it will at inference), then update
            // sentence by sentence; the averaging step advances per sentence.
            let mut pending = Vec::new();
            decode::decode_doc(&*self, &d.doc, &d.feats, &mut history, |range, hist, _, pred| {
                pending.push((range, hist.to_vec(), pred.to_vec()));
            });
            for (range, hist, pred) in pending {
                let gold = &d.gold[range.clone()];
                if gold != pred.as_slice() {
                    mistakes += 1;
                    for k in 0..gold.len() {
                        if gold[k] != pred[k] {
                            for &h in d.feats.get(range.start + k).iter().chain(&hist[k]) {
                                self.update(h, gold[k], 1.0);
                                self.update(h, pred[k], -1.0);
                            }
                        }
                        let gp = if k == 0 { None } else { Some(gold[k - 1]) };
                        let pp = if k == 0 { None } else { Some(pred[k - 1]) };
                        if gp != pp || gold[k] != pred[k] {
                            self.update_trans(gp, gold[k], 1.0);
                            self.update_trans(pp, pred[k], -1.0);
                        }
                    }
                }
                self.step += 1;
            }
        }
        mistakes
    }
}

/// Quantizes the averaged weights to i16 and drops rows that became zero.
fn export(keys: &[u32], w: &[f32], trans: &[f32], clusters: &Clusters, prune: f32) -> Result<Model, Error> {
    let max = w.iter().chain(trans).fold(0f32, |m, &x| m.max(x.abs()));
    let scale = if max > 0.0 { max / 32000.0 } else { 1.0 };
    let q = |x: f32| (x / scale).round().clamp(-32767.0, 32767.0) as i16;
    // Weights below this many quanta are noise for the decoder.
    let mut rows: Vec<(u32, Vec<i16>)> = keys
        .iter()
        .enumerate()
        .filter(|&(r, _)| w[r * N_TAGS..(r + 1) * N_TAGS].iter().any(|x| x.abs() >= prune))
        .map(|(r, &k)| (k, w[r * N_TAGS..(r + 1) * N_TAGS].iter().map(|&x| q(x)).collect::<Vec<i16>>()))
        .filter(|(_, row)| row.iter().any(|&x| x != 0))
        .collect();
    rows.sort_by_key(|(k, _)| *k);
    rows.dedup_by_key(|(k, _)| *k);
    let (keys, weights): (Vec<u32>, Vec<Vec<i16>>) = rows.into_iter().unzip();
    let weights = weights.concat();
    let transitions = trans.iter().map(|&x| q(x)).collect();
    let mut centries: Vec<(u32, u16)> = clusters.entries().map(|(w, c)| (cluster_key(w), c)).collect();
    centries.sort();
    centries.dedup_by_key(|(k, _)| *k);
    let (ckeys, cvalues) = centries.into_iter().unzip();
    Model::new(scale, keys, weights, transitions, ckeys, cvalues)
}

const USAGE: &str = "usage: newsmark train [--data DIR] [--out PATH] [--epochs N] [--seed S] [--limit-docs N]
                      [--min-count N] [--clusters K] [--prune X] [--ensemble N] [--no-refit]
                      [--gazetteer-folds N]";

/// The `train` command: parses `args` into a [`TrainConfig`] and an output
/// path (default `model/names.bin`), then [`write_model`] trains on
/// `DIR/conll2003/{train,dev}.jsonl` and writes the model file.
pub fn run(args: &[String]) -> Result<(), Error> {
    let mut config = TrainConfig { verbose: true, ..TrainConfig::default() };
    let mut out = PathBuf::from("model/names.bin");
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value =
            |name: &str| it.next().cloned().ok_or_else(|| Error::new(ErrorKind::Usage, format!("{name} needs a value\n{USAGE}")));
        let number = |s: String, name: &str| {
            s.parse::<u64>().map_err(|_| Error::new(ErrorKind::Usage, format!("{name}: not a number: {s}\n{USAGE}")))
        };
        match arg.as_str() {
            "--data" => config.data_dir = PathBuf::from(value("--data")?),
            "--out" => out = PathBuf::from(value("--out")?),
            "--epochs" => config.epochs = number(value("--epochs")?, "--epochs")? as usize,
            "--seed" => config.seed = number(value("--seed")?, "--seed")?,
            "--limit-docs" => config.limit_docs = Some(number(value("--limit-docs")?, "--limit-docs")? as usize),
            "--min-count" => config.min_count = number(value("--min-count")?, "--min-count")? as u32,
            "--clusters" => config.n_clusters = number(value("--clusters")?, "--clusters")? as usize,
            "--gazetteer-folds" => config.gazetteer_folds = number(value("--gazetteer-folds")?, "--gazetteer-folds")? as usize,
            "--no-refit" => config.refit = false,
            "--ensemble" => config.ensemble = number(value("--ensemble")?, "--ensemble")? as usize,
            "--prune" => {
                let v = value("--prune")?;
                config.prune = v.parse().map_err(|_| Error::new(ErrorKind::Usage, format!("--prune: not a number: {v}")))?;
            }
            "-h" | "--help" => {
                eprintln!("{USAGE}");
                return Ok(());
            }
            other => return Err(Error::new(ErrorKind::Usage, format!("unknown argument {other}\n{USAGE}"))),
        }
    }
    write_model(&config, &out)
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
