//! The training code on a small slice of CoNLL-2003 train: deterministic
//! for a seed, and it learns something (dev F1 well above a model that tags
//! nothing). Takes a few seconds in debug.

#![cfg(feature = "train")]

mod common;

use newsmark::names::model::Model;
use newsmark::names::train::{read_gold, train, TrainConfig};

#[test]
fn training_is_deterministic_and_learns() {
    let Some(shared) = common::shared_dir("train") else { return };
    let config =
        TrainConfig { data_dir: shared.join("data"), epochs: 2, seed: 7, limit_docs: Some(30), ensemble: 2, ..TrainConfig::default() };
    let first = train(&config).unwrap();
    let second = train(&config).unwrap();
    assert!(first == second, "two runs with the same seed differ");
    let other_seed = train(&TrainConfig { seed: 8, ..config.clone() }).unwrap();
    assert!(Model::from_bytes(&other_seed).is_ok());

    let model = Model::from_bytes(&first).unwrap();
    // Dev documents past the ones early stopping looked at.
    let dev = read_gold(&shared.join("data/conll2003/dev.jsonl"), Some(60)).unwrap();
    let (tp, predicted, gold) = common::model_counts(&model, &dev[30..]);
    let f1 = newsmark::eval::f1(tp, predicted, gold);
    println!("30 docs, 2 epochs: dev slice F1 {f1:.3} (tp {tp}, predicted {predicted}, gold {gold})");
    // A model that tags nothing scores 0.
    assert!(gold > 100 && f1 > 0.3, "dev slice F1 {f1:.3}");
}
