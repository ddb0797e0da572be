//! The labels newsmark assigns (see `GUIDELINES.md`).

use crate::error::{Error, ErrorKind};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::str::FromStr;
use std::sync::{OnceLock, RwLock};

/// What a span is: one of newsmark's four kinds of names and seven kinds
/// of amounts, or a label of the user's own ([`Label::define`]).
///
/// In JSON a label is its name (`"PERSON"`, `"WEAPON"`); reading accepts the
/// synonyms [`Label::from_str`] knows (`"PER"`, `"GPE"`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    Person,
    Org,
    Loc,
    Misc,
    Date,
    Time,
    Money,
    Percent,
    Quantity,
    Cardinal,
    Ordinal,
    /// A label the user defined (a project's `WEAPON`, `TICKER`).
    Custom(CustomLabel),
}

/// A label of the user's own: its id in the process-wide registry of
/// defined labels ([`Label::define`]). Ids are small and dense, in the order
/// the labels were first defined; an id is never reused or forgotten, so a
/// `Label` stays `Copy` and its name a `&'static str`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CustomLabel(u16);

impl CustomLabel {
    /// How many labels a process may define: the projects of one user hold a
    /// few dozen; the bound keeps [`LabelSet`] a small `Copy` bit set and a
    /// file full of made-up labels from growing the registry without end.
    pub const LIMIT: usize = 256;

    /// The id as an index (`0..LIMIT`).
    pub fn as_usize(self) -> usize {
        self.0 as usize
    }
}

/// What value a label's spans carry: none (a name), a number, an amount of
/// money, or a date (a TIMEX3 value). Every built-in label has one; a user's
/// label takes the one it was defined with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    None,
    Number,
    Money,
    Date,
}

impl ValueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ValueKind::None => "none",
            ValueKind::Number => "number",
            ValueKind::Money => "money",
            ValueKind::Date => "date",
        }
    }
}

impl FromStr for ValueKind {
    type Err = Error;

    fn from_str(s: &str) -> Result<ValueKind, Error> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "none" | "" => ValueKind::None,
            "number" => ValueKind::Number,
            "money" => ValueKind::Money,
            "date" => ValueKind::Date,
            _ => return Err(Error::new(ErrorKind::InvalidLabel, format!("unknown kind of value {s:?} (none, number, money or date)"))),
        })
    }
}

/// The labels defined in this process: names (leaked once each, so that
/// [`Label::as_str`] stays `&'static str`), kinds, and per upper-case name
/// the label it is found by (the latest kind [`Label::redefine`] gave it;
/// a name redefined has one id per kind, all of its spelling).
struct Registry {
    names: Vec<&'static str>,
    kinds: Vec<ValueKind>,
    by_key: std::collections::HashMap<String, u16>,
}

impl Registry {
    /// Appends a label named `name` (as spelled) with values of `kind`,
    /// found by upper-case `key` from now on: its id, or an error past
    /// [`CustomLabel::LIMIT`].
    fn add(&mut self, name: &'static str, kind: ValueKind, key: String) -> Result<u16, Error> {
        if self.names.len() >= CustomLabel::LIMIT {
            return Err(Error::new(ErrorKind::InvalidLabel, format!("more than {} labels of your own", CustomLabel::LIMIT)));
        }
        let id = self.names.len() as u16;
        self.names.push(name);
        self.kinds.push(kind);
        self.by_key.insert(key, id);
        Ok(id)
    }
}

fn registry() -> &'static RwLock<Registry> {
    static REGISTRY: OnceLock<RwLock<Registry>> = OnceLock::new();
    REGISTRY.get_or_init(|| RwLock::new(Registry { names: Vec::new(), kinds: Vec::new(), by_key: Default::default() }))
}

/// The registry for reading; a panic elsewhere while it was held leaves it
/// whole (every write is one push), so a poisoned lock is still read.
fn read_registry() -> std::sync::RwLockReadGuard<'static, Registry> {
    registry().read().unwrap_or_else(|e| e.into_inner())
}

/// The longest name a label of the user's own may have, in bytes.
const MAX_NAME_BYTES: usize = 64;

/// Why `name` cannot name a label, if it cannot: it must be 1 to 64 bytes of
/// letters, digits, `_`, `-` and `.`, so that it survives every format's
/// tag syntax (CoNLL's `B-`, brat's type column, Label Studio's XML).
fn name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("a label needs a name".to_owned());
    }
    if name.len() > MAX_NAME_BYTES {
        return Some(format!("the label name {name:?} is longer than {MAX_NAME_BYTES} bytes"));
    }
    if let Some(c) = name.chars().find(|&c| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))) {
        return Some(format!("the label name {name:?} holds {c:?}: use letters, digits, _, - and ."));
    }
    None
}

impl Label {
    /// Every built-in label, in display order.
    pub const ALL: [Label; 11] = [
        Label::Person,
        Label::Org,
        Label::Loc,
        Label::Misc,
        Label::Date,
        Label::Time,
        Label::Money,
        Label::Percent,
        Label::Quantity,
        Label::Cardinal,
        Label::Ordinal,
    ];

    /// The four built-in name labels.
    pub const NAMES: [Label; 4] = [Label::Person, Label::Org, Label::Loc, Label::Misc];

    /// Defines a label of the user's own, or finds it when it is already
    /// defined (names match case-insensitively; the first spelling stays).
    /// A built-in label's own name (`PERSON`, any case) gives the built-in
    /// label, which must then have `kind`. Synonyms are not built-in names:
    /// a project may define `GPE` apart from `LOC`, and from then on `GPE`
    /// reads as its own label.
    ///
    /// Errors (of kind [`ErrorKind::InvalidLabel`]): a name that is not 1 to
    /// 64 bytes of letters, digits, `_`, `-` and `.`; a label already defined
    /// with another kind; more than [`CustomLabel::LIMIT`] labels.
    pub fn define(name: &str, kind: ValueKind) -> Result<Label, Error> {
        let name = name.trim();
        let invalid = |message: String| Error::new(ErrorKind::InvalidLabel, message);
        if let Some(label) = Label::built_in_named(name) {
            if label.value_kind() != kind {
                return Err(invalid(format!(
                    "{label} is a built-in label whose value is {}, not {}",
                    label.value_kind().as_str(),
                    kind.as_str()
                )));
            }
            return Ok(label);
        }
        if let Some(problem) = name_problem(name) {
            return Err(invalid(problem));
        }
        let key = name.to_uppercase();
        let found = |registry: &Registry| -> Option<Result<Label, Error>> {
            let id = *registry.by_key.get(&key)?;
            let had = registry.kinds[id as usize];
            Some(if had == kind {
                Ok(Label::Custom(CustomLabel(id)))
            } else {
                Err(invalid(format!(
                    "the label {} is already defined with values of kind {}, not {}",
                    registry.names[id as usize],
                    had.as_str(),
                    kind.as_str()
                )))
            })
        };
        if let Some(result) = found(&read_registry()) {
            return result;
        }
        let mut registry = registry().write().unwrap_or_else(|e| e.into_inner());
        if let Some(result) = found(&registry) {
            return result;
        }
        let id = registry.add(Box::leak(name.to_owned().into_boxed_str()), kind, key)?;
        Ok(Label::Custom(CustomLabel(id)))
    }

    /// Defines `name` as [`Label::define`] does, but where the name was
    /// defined with another kind of value, makes it the label of `kind`
    /// from now on instead of refusing: for a project whose label was
    /// deleted and made again as another kind (the page's label set is the
    /// truth). The label of the old kind stays what it was, so that
    /// nothing holding one changes meaning; the name reads as the new one
    /// ([`std::str::FromStr`], [`Label::define`]). Going back to a kind the
    /// name had gives that label again, not one more.
    pub fn redefine(name: &str, kind: ValueKind) -> Result<Label, Error> {
        let name = name.trim();
        if Label::built_in_named(name).is_some() || Label::custom_named(name).is_none_or(|l| l.value_kind() == kind) {
            return Label::define(name, kind);
        }
        let key = name.to_uppercase();
        let mut registry = registry().write().unwrap_or_else(|e| e.into_inner());
        let same = (0..registry.names.len()).find(|&id| registry.kinds[id] == kind && registry.names[id].to_uppercase() == key);
        let id = match same {
            Some(id) => {
                registry.by_key.insert(key, id as u16);
                id as u16
            }
            None => {
                // The spelling the name has now, as `define` keeps it.
                let spelling = registry.names[registry.by_key[&key] as usize];
                registry.add(spelling, kind, key)?
            }
        };
        Ok(Label::Custom(CustomLabel(id)))
    }

    /// The built-in label whose own name is `name` (any case; no synonyms).
    fn built_in_named(name: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str().eq_ignore_ascii_case(name))
    }

    /// The defined label of the user's own named `name` (any case).
    fn custom_named(name: &str) -> Option<Label> {
        read_registry().by_key.get(&name.to_uppercase()).map(|&id| Label::Custom(CustomLabel(id)))
    }

    /// The label as written in JSON and every export (`PERSON`, `MONEY`,
    /// a user's `WEAPON`).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
            Label::Date => "DATE",
            Label::Time => "TIME",
            Label::Money => "MONEY",
            Label::Percent => "PERCENT",
            Label::Quantity => "QUANTITY",
            Label::Cardinal => "CARDINAL",
            Label::Ordinal => "ORDINAL",
            Label::Custom(id) => read_registry().names[id.as_usize()],
        }
    }

    /// A name: PERSON, ORG, LOC or MISC, or a label of the user's own whose
    /// spans carry no value (a `WEAPON`), which the names tagger's rules
    /// (overlaps, consistency) treat alike.
    pub fn is_name(self) -> bool {
        self.value_kind() == ValueKind::None
    }

    /// Every label that carries a normalized value.
    pub fn has_value(self) -> bool {
        !self.is_name()
    }

    /// A label of the user's own.
    pub fn is_custom(self) -> bool {
        matches!(self, Label::Custom(_))
    }

    /// What value this label's spans carry.
    pub fn value_kind(self) -> ValueKind {
        match self {
            Label::Person | Label::Org | Label::Loc | Label::Misc => ValueKind::None,
            Label::Date | Label::Time => ValueKind::Date,
            Label::Money => ValueKind::Money,
            Label::Percent | Label::Quantity | Label::Cardinal | Label::Ordinal => ValueKind::Number,
            Label::Custom(id) => read_registry().kinds[id.as_usize()],
        }
    }

    /// The built-in label whose rules a label follows where labels differ
    /// (values, their checks and display forms, which of two candidates
    /// wins): itself for a built-in; for a user's label, by its kind, MISC
    /// (a name), CARDINAL (a number), MONEY or DATE.
    pub fn behaves_as(self) -> Label {
        match self {
            Label::Custom(_) => match self.value_kind() {
                ValueKind::None => Label::Misc,
                ValueKind::Number => Label::Cardinal,
                ValueKind::Money => Label::Money,
                ValueKind::Date => Label::Date,
            },
            built_in => built_in,
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Label {
    type Err = Error;

    /// Parses a label, case-insensitively: a built-in label's name, then a
    /// label of the user's own that [`Label::define`] defined, then the
    /// common synonyms other tools use (`PER`, `GPE`, `NORP`, ...).
    fn from_str(s: &str) -> Result<Label, Error> {
        let s = s.trim();
        if let Some(label) = Label::built_in_named(s) {
            return Ok(label);
        }
        if let Some(label) = Label::custom_named(s) {
            return Ok(label);
        }
        Ok(match s.to_ascii_uppercase().as_str() {
            "PER" => Label::Person,
            "ORGANIZATION" | "ORGANISATION" => Label::Org,
            "LOCATION" | "GPE" | "PLACE" => Label::Loc,
            "NORP" => Label::Misc,
            _ => return Err(Error::new(ErrorKind::InvalidLabel, format!("unknown label {s:?}"))),
        })
    }
}

impl Serialize for Label {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Label, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Label::from_str(&s).map_err(serde::de::Error::custom)
    }
}

/// A set of labels, as a bit set: one bit a built-in label, one a label of
/// the user's own (by its id, below [`CustomLabel::LIMIT`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LabelSet {
    built_in: u16,
    custom: [u64; CustomLabel::LIMIT / 64],
}

impl LabelSet {
    pub const fn empty() -> LabelSet {
        LabelSet { built_in: 0, custom: [0; CustomLabel::LIMIT / 64] }
    }

    /// The set of `labels` (usable in constants).
    pub const fn of(labels: &[Label]) -> LabelSet {
        let mut set = LabelSet::empty();
        let mut i = 0;
        while i < labels.len() {
            set = set.with(labels[i]);
            i += 1;
        }
        set
    }

    const fn with(mut self, label: Label) -> LabelSet {
        match label {
            Label::Custom(CustomLabel(id)) => self.custom[id as usize / 64] |= 1 << (id % 64),
            built_in => self.built_in |= 1 << built_in.built_in_index(),
        }
        self
    }

    /// Every label: the built-in ones and every label of the user's own,
    /// defined now or later (the default of a label filter: keep all).
    pub fn all() -> LabelSet {
        LabelSet { built_in: LabelSet::of(&Label::ALL).built_in, custom: [u64::MAX; CustomLabel::LIMIT / 64] }
    }

    pub fn contains(self, label: Label) -> bool {
        match label {
            Label::Custom(CustomLabel(id)) => self.custom[id as usize / 64] & (1 << (id % 64)) != 0,
            built_in => self.built_in & (1 << built_in.built_in_index()) != 0,
        }
    }

    pub fn insert(&mut self, label: Label) {
        *self = self.with(label);
    }

    pub fn is_empty(self) -> bool {
        self.built_in == 0 && self.custom.iter().all(|&w| w == 0)
    }

    /// True when a label is in both sets.
    pub fn intersects(self, other: LabelSet) -> bool {
        self.built_in & other.built_in != 0 || self.custom.iter().zip(other.custom).any(|(&a, b)| a & b != 0)
    }

    /// True when any name label (built-in, or a user's without values) is in
    /// the set.
    pub fn any_name(self) -> bool {
        self.iter().any(Label::is_name)
    }

    /// Parses a comma-separated list such as `PERSON,MONEY,DATE` of built-in
    /// and already defined labels; an unknown name is an error.
    pub fn parse_list(s: &str) -> Result<LabelSet, Error> {
        s.split(',').filter(|p| !p.trim().is_empty()).map(Label::from_str).collect()
    }

    /// Parses a comma-separated list that may name labels of the user's own,
    /// defining those not yet known ([`Label::define`]): `PERSON,WEAPON,
    /// TICKER:money` (a kind of value after `:`, `none` when left out).
    /// Known labels (built-in, synonyms, defined) are taken as they are.
    pub fn parse_list_defining(s: &str) -> Result<LabelSet, Error> {
        s.split(',')
            .filter(|p| !p.trim().is_empty())
            .map(|item| match item.split_once(':') {
                Some((name, kind)) => Label::define(name, kind.parse()?),
                None => Label::from_str(item).or_else(|_| Label::define(item, ValueKind::None)),
            })
            .collect()
    }

    /// The set's labels: the built-in ones in display order, then the user's
    /// defined ones in the order they were defined.
    pub fn iter(self) -> impl Iterator<Item = Label> {
        let defined = read_registry().names.len();
        Label::ALL.into_iter().chain((0..defined as u16).map(|id| Label::Custom(CustomLabel(id)))).filter(move |&l| self.contains(l))
    }
}

impl Label {
    /// A built-in label's place in [`Label::ALL`] (its bit in a [`LabelSet`]).
    const fn built_in_index(self) -> u32 {
        match self {
            Label::Person => 0,
            Label::Org => 1,
            Label::Loc => 2,
            Label::Misc => 3,
            Label::Date => 4,
            Label::Time => 5,
            Label::Money => 6,
            Label::Percent => 7,
            Label::Quantity => 8,
            Label::Cardinal => 9,
            Label::Ordinal => 10,
            Label::Custom(_) => panic!("a label of the user's own is not built in"),
        }
    }
}

impl Default for LabelSet {
    fn default() -> LabelSet {
        LabelSet::all()
    }
}

impl FromIterator<Label> for LabelSet {
    fn from_iter<I: IntoIterator<Item = Label>>(iter: I) -> LabelSet {
        let mut set = LabelSet::empty();
        for l in iter {
            set.insert(l);
        }
        set
    }
}
