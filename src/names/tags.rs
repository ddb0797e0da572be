//! The names tagger's tag set: the entity types, the BILOU tags over them,
//! which tag may follow which, and the word-table id.
//!
//! Newtypes over small integers, as regex-automata's `util/primitives.rs`
//! does it: the integers are what the model file, the Viterbi tables and
//! the feature hashes use (a tag is a row of weights; `tag.as_u8()` is
//! hashed into features), and the types keep a tag, an entity type and an
//! index of something else from being mixed up. Every conversion is a
//! `const fn` that compiles to the integer itself.
//!
//! The numbering is part of the model file: tag `0` is O, then B, I, L, U
//! of PERSON, ORG, LOC, MISC in that order (17 tags). The model's weight
//! rows and transitions are stored in this order.

use crate::label::Label;
use std::ops::Range;

/// The entity types the tagger tells apart, in the order of the tag set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum EntityType {
    Person = 0,
    Org = 1,
    Loc = 2,
    Misc = 3,
}

impl EntityType {
    /// Every type, in the order of their numbers.
    pub const ALL: [EntityType; 4] = [EntityType::Person, EntityType::Org, EntityType::Loc, EntityType::Misc];
    /// The number of types.
    pub const COUNT: usize = EntityType::ALL.len();

    /// The type's number (0..4), as an index.
    #[inline]
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The type's number (0..4), as hashed into features and stored in the
    /// gazetteer's entries.
    #[inline]
    pub const fn as_u8(self) -> u8 {
        self as u8
    }

    /// The type numbered `i`, if there is one.
    #[inline]
    pub const fn from_index(i: usize) -> Option<EntityType> {
        if i < EntityType::COUNT {
            Some(EntityType::ALL[i])
        } else {
            None
        }
    }

    /// The crate's label for the type.
    pub const fn label(self) -> Label {
        match self {
            EntityType::Person => Label::Person,
            EntityType::Org => Label::Org,
            EntityType::Loc => Label::Loc,
            EntityType::Misc => Label::Misc,
        }
    }

    /// The type of a name label, `None` for other labels.
    pub const fn of_label(label: Label) -> Option<EntityType> {
        match label {
            Label::Person => Some(EntityType::Person),
            Label::Org => Some(EntityType::Org),
            Label::Loc => Some(EntityType::Loc),
            Label::Misc => Some(EntityType::Misc),
            _ => None,
        }
    }

    /// The type of a gold label as the corpora spell it (CoNLL's `PER` or
    /// `PERSON`, `ORG`, `LOC`, `MISC`), `None` for other labels.
    pub fn from_gold_label(label: &str) -> Option<EntityType> {
        match label {
            "PER" | "PERSON" => Some(EntityType::Person),
            "ORG" => Some(EntityType::Org),
            "LOC" => Some(EntityType::Loc),
            "MISC" => Some(EntityType::Misc),
            _ => None,
        }
    }
}

/// The position of a tag within its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Part {
    Begin = 0,
    Inside = 1,
    Last = 2,
    Unit = 3,
}

impl Part {
    const ALL: [Part; 4] = [Part::Begin, Part::Inside, Part::Last, Part::Unit];
}

/// One BILOU tag: O, or a [`Part`] of an [`EntityType`]. Always one of the
/// [`N_TAGS`] tags (`index() < N_TAGS`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(transparent)]
pub struct Tag(u8);

/// The number of tags: O, then B, I, L, U for each type.
pub const N_TAGS: usize = 1 + 4 * EntityType::COUNT;

/// An entity found in a tag sequence: its token range and type.
pub type Entity = (Range<usize>, EntityType);

impl Tag {
    /// Outside every entity.
    pub const O: Tag = Tag(0);

    /// Every tag, in the order of their numbers.
    pub const ALL: [Tag; N_TAGS] = {
        let mut all = [Tag::O; N_TAGS];
        let mut i = 0;
        while i < N_TAGS {
            all[i] = Tag(i as u8);
            i += 1;
        }
        all
    };

    /// The tag of `part` of an entity of type `ty`.
    #[inline]
    pub const fn new(ty: EntityType, part: Part) -> Tag {
        Tag(1 + ty as u8 * 4 + part as u8)
    }

    /// The tag numbered `i`, if there is one.
    #[inline]
    pub const fn from_index(i: usize) -> Option<Tag> {
        if i < N_TAGS {
            Some(Tag(i as u8))
        } else {
            None
        }
    }

    /// The tag's number, as an index into a row of scores.
    #[inline]
    pub const fn index(self) -> usize {
        self.0 as usize
    }

    /// The tag's number, as hashed into features (the baseline's tag).
    #[inline]
    pub const fn as_u8(self) -> u8 {
        self.0
    }

    /// The entity type and part of the tag, `None` for O.
    #[inline]
    pub const fn entity(self) -> Option<(EntityType, Part)> {
        if self.0 == 0 {
            return None;
        }
        let k = (self.0 - 1) as usize;
        Some((EntityType::ALL[k / 4], Part::ALL[k % 4]))
    }

    /// The entity type of the tag, `None` for O.
    #[inline]
    pub const fn entity_type(self) -> Option<EntityType> {
        match self.entity() {
            Some((ty, _)) => Some(ty),
            None => None,
        }
    }

    /// A B or I: an entity is open after it, and must go on.
    #[inline]
    pub const fn is_open(self) -> bool {
        matches!(self.entity(), Some((_, Part::Begin | Part::Inside)))
    }

    /// An I or L: it goes on an entity opened before it.
    #[inline]
    pub const fn continues(self) -> bool {
        matches!(self.entity(), Some((_, Part::Inside | Part::Last)))
    }
}

/// The BILOU rule, the one place it is written: whether `next` may follow
/// `prev` (`None`: the sentence start). After an open entity (B or I) only
/// its own type's I or L may come; anywhere else, anything but an I or L.
pub const fn allowed(prev: Option<Tag>, next: Tag) -> bool {
    match prev {
        Some(prev) if prev.is_open() => {
            next.continues() && (prev.0 - 1) / 4 == (next.0 - 1) / 4 // same type
        }
        _ => !next.continues(),
    }
}

/// Whether a sentence may end on `tag`: not inside an open entity.
#[inline]
pub const fn may_end(tag: Tag) -> bool {
    !tag.is_open()
}

/// [`allowed`] for every pair: `ALLOWED[prev][next]`.
pub const ALLOWED: [[bool; N_TAGS]; N_TAGS] = {
    let mut table = [[false; N_TAGS]; N_TAGS];
    let mut p = 0;
    while p < N_TAGS {
        let mut n = 0;
        while n < N_TAGS {
            table[p][n] = allowed(Some(Tag(p as u8)), Tag(n as u8));
            n += 1;
        }
        p += 1;
    }
    table
};

/// The number of tags that close (O, L, U) or start (O, B, U) something.
const N_BOUNDARY: usize = 1 + 2 * EntityType::COUNT;

/// The tags after which anything may come that may start a sentence (O,
/// every L and U), in ascending order. With [`STARTING`], the shape the
/// Viterbi step exploits: [`allowed`] is every CLOSING -> STARTING pair,
/// plus B or I -> I or L of the same type.
pub const CLOSING: [Tag; N_BOUNDARY] = boundary_tags(false);

/// The tags that may follow a [`CLOSING`] one (O, every B and U), in
/// ascending order.
pub const STARTING: [Tag; N_BOUNDARY] = boundary_tags(true);

/// The tags that are not open (`starting == false`) or do not continue
/// (`starting == true`), in ascending order.
const fn boundary_tags(starting: bool) -> [Tag; N_BOUNDARY] {
    let mut out = [Tag::O; N_BOUNDARY];
    let (mut i, mut k) = (0, 0);
    while i < N_TAGS {
        let t = Tag(i as u8);
        if (starting && !t.continues()) || (!starting && !t.is_open()) {
            out[k] = t;
            k += 1;
        }
        i += 1;
    }
    out
}

/// The row of a transition table for the tag before (`None`: the sentence
/// start, row [`N_TAGS`]).
#[inline]
pub const fn transition_row(prev: Option<Tag>) -> usize {
    match prev {
        Some(t) => t.index(),
        None => N_TAGS,
    }
}

/// The entities a tag sequence spells, as token ranges with a type. Tags
/// that break the BILOU rules (never produced by the decoder) are read
/// leniently: a B or I closes at the next tag that does not continue it.
pub fn entities(tags: &[Tag]) -> Vec<Entity> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityType)> = None; // (start, type)
    for (i, &t) in tags.iter().enumerate() {
        match t.entity() {
            Some((ty, part)) => {
                if let Some((s, oty)) = open {
                    if oty != ty || matches!(part, Part::Begin | Part::Unit) {
                        out.push((s..i, oty));
                        open = None;
                    }
                }
                match part {
                    Part::Begin | Part::Inside => {
                        if open.is_none() {
                            open = Some((i, ty));
                        }
                    }
                    Part::Last => {
                        let s = open.map_or(i, |(s, _)| s);
                        out.push((s..i + 1, ty));
                        open = None;
                    }
                    Part::Unit => out.push((i..i + 1, ty)),
                }
            }
            None => {
                if let Some((s, oty)) = open.take() {
                    out.push((s..i, oty));
                }
            }
        }
    }
    if let Some((s, oty)) = open {
        out.push((s..tags.len(), oty));
    }
    out
}

/// BILOU tags for `n` tokens with entities given as token ranges.
pub fn tags_of(n: usize, entities: &[Entity]) -> Vec<Tag> {
    let mut tags = vec![Tag::O; n];
    for (r, ty) in entities {
        if r.is_empty() || r.end > n {
            continue;
        }
        if r.len() == 1 {
            tags[r.start] = Tag::new(*ty, Part::Unit);
        } else {
            tags[r.start] = Tag::new(*ty, Part::Begin);
            for t in &mut tags[r.start + 1..r.end - 1] {
                *t = Tag::new(*ty, Part::Inside);
            }
            tags[r.end - 1] = Tag::new(*ty, Part::Last);
        }
    }
    tags
}

/// The id of a word in the tagger's table of the words met
/// (`names::word_table::WordTable`): its position there, stable until the
/// table is cleared. Not the number of a word within one document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(transparent)]
pub struct WordId(u32);

impl WordId {
    /// The id at position `i`.
    #[inline]
    pub const fn new(i: u32) -> WordId {
        WordId(i)
    }

    /// The id as an index into the table's vectors.
    #[inline]
    pub const fn index(self) -> usize {
        self.0 as usize
    }

    /// The id as a number.
    #[inline]
    pub const fn as_u32(self) -> u32 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_is_the_model_files() {
        assert_eq!(N_TAGS, 17);
        assert_eq!(Tag::new(EntityType::Person, Part::Begin).index(), 1);
        assert_eq!(Tag::new(EntityType::Org, Part::Last).index(), 7);
        assert_eq!(Tag::new(EntityType::Misc, Part::Unit).index(), 16);
        for t in Tag::ALL {
            assert_eq!(Tag::from_index(t.index()), Some(t));
            match t.entity() {
                Some((ty, part)) => assert_eq!(Tag::new(ty, part), t),
                None => assert_eq!(t, Tag::O),
            }
        }
        assert_eq!(Tag::from_index(N_TAGS), None);
        for ty in EntityType::ALL {
            assert_eq!(EntityType::of_label(ty.label()), Some(ty));
        }
    }

    #[test]
    fn transitions() {
        let b_per = Tag::new(EntityType::Person, Part::Begin);
        let l_per = Tag::new(EntityType::Person, Part::Last);
        let l_org = Tag::new(EntityType::Org, Part::Last);
        assert!(allowed(None, b_per));
        assert!(!allowed(None, l_per));
        assert!(allowed(Some(b_per), l_per));
        assert!(!allowed(Some(b_per), l_org));
        assert!(!allowed(Some(b_per), Tag::O));
        for p in Tag::ALL {
            for n in Tag::ALL {
                assert_eq!(allowed(Some(p), n), ALLOWED[p.index()][n.index()], "{p:?} -> {n:?}");
            }
        }
    }

    /// The shape the Viterbi step relies on: the allowed transitions are
    /// exactly CLOSING -> STARTING and B/I -> I/L of the same type, and
    /// the sentence start may go to exactly the STARTING tags.
    #[test]
    fn closing_and_starting_describe_the_rule() {
        assert_eq!(CLOSING.map(Tag::index), [0, 3, 4, 7, 8, 11, 12, 15, 16]);
        assert_eq!(STARTING.map(Tag::index), [0, 1, 4, 5, 8, 9, 12, 13, 16]);
        for p in Tag::ALL {
            for n in Tag::ALL {
                let continues_own = p.is_open() && n.continues() && p.entity_type() == n.entity_type();
                let expected = (CLOSING.contains(&p) && STARTING.contains(&n)) || continues_own;
                assert_eq!(allowed(Some(p), n), expected, "{p:?} -> {n:?}");
            }
            assert_eq!(allowed(None, p), STARTING.contains(&p));
        }
    }

    #[test]
    fn tags_round_trip() {
        let ents = vec![(0..2, EntityType::Person), (2..3, EntityType::Loc), (5..8, EntityType::Misc)];
        let tags = tags_of(9, &ents);
        assert_eq!(entities(&tags), ents);
    }
}
