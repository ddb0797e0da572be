//! A training document prepared once for every epoch: its [`Doc`], the
//! static features of its tokens, and its gold tags and entities.

use super::clusters::Clusters;
use super::gold::{gold_entities, GoldDoc};
use crate::names::doc::Doc;
use crate::names::gazetteer::Gazetteer;
use crate::names::marks;
use crate::names::tags::{self, Entity, Tag};
use crate::names::templates::StaticFeatures;
use crate::tokenize::Token;

/// A document ready for training: tokens, features and gold tags.
pub(super) struct Prepared<'t> {
    pub(super) doc: Doc<'t>,
    pub(super) feats: StaticFeatures,
    pub(super) gold: Vec<Tag>,
    pub(super) gold_entities: Vec<Entity>,
}

/// Prepares a document, its gazetteer features matched against `gazetteer`.
pub(super) fn prepare<'t>(gold: &'t GoldDoc, tokens: &'t [Token], clusters: &Clusters, gazetteer: &Gazetteer) -> Prepared<'t> {
    let mut doc = Doc::new(&gold.text, tokens, &|w: &str| clusters.get(w), marks::of(&gold.text, tokens));
    if !gazetteer.is_empty() {
        doc.gazetteer = gazetteer.codes(&doc);
    }
    let feats = StaticFeatures::of(&doc);
    let gold_entities = gold_entities(tokens, &gold.spans);
    let tags = tags::tags_of(doc.len(), &gold_entities);
    Prepared { doc, feats, gold: tags, gold_entities }
}
