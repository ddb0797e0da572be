//! The labels newsmark assigns (see `GUIDELINES.md`).

use crate::error::{Error, ErrorKind};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a span is. Four kinds of names and seven kinds of amounts.
///
/// In JSON a label is its upper-case name (`"PERSON"`); reading accepts the
/// synonyms [`Label::from_str`] knows (`"PER"`, `"GPE"`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
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
}

impl Label {
    /// Every label, in display order.
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

    /// The four name labels.
    pub const NAMES: [Label; 4] = [Label::Person, Label::Org, Label::Loc, Label::Misc];

    /// The label as written in JSON and every export (`PERSON`, `MONEY`, ...).
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
        }
    }

    /// PERSON, ORG, LOC or MISC.
    pub fn is_name(self) -> bool {
        matches!(self, Label::Person | Label::Org | Label::Loc | Label::Misc)
    }

    /// Every label that carries a normalized value.
    pub fn has_value(self) -> bool {
        !self.is_name()
    }

    const fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Label {
    type Err = Error;

    /// Parses a label, case-insensitively, accepting the common synonyms
    /// other tools use (`PER`, `GPE`, `NORP`, ...).
    fn from_str(s: &str) -> Result<Label, Error> {
        let up = s.trim().to_ascii_uppercase();
        Ok(match up.as_str() {
            "PERSON" | "PER" => Label::Person,
            "ORG" | "ORGANIZATION" | "ORGANISATION" => Label::Org,
            "LOC" | "LOCATION" | "GPE" | "PLACE" => Label::Loc,
            "MISC" | "NORP" => Label::Misc,
            "DATE" => Label::Date,
            "TIME" => Label::Time,
            "MONEY" => Label::Money,
            "PERCENT" => Label::Percent,
            "QUANTITY" => Label::Quantity,
            "CARDINAL" => Label::Cardinal,
            "ORDINAL" => Label::Ordinal,
            _ => return Err(Error::new(ErrorKind::InvalidLabel, format!("unknown label {s:?}"))),
        })
    }
}

impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Label, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Label::from_str(&s).map_err(serde::de::Error::custom)
    }
}

/// A set of labels, as a bit set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LabelSet(u16);

impl LabelSet {
    pub const fn empty() -> LabelSet {
        LabelSet(0)
    }

    /// The set of `labels` (usable in constants).
    pub const fn of(labels: &[Label]) -> LabelSet {
        let (mut bits, mut i) = (0, 0);
        while i < labels.len() {
            bits |= labels[i].bit();
            i += 1;
        }
        LabelSet(bits)
    }

    pub fn all() -> LabelSet {
        Label::ALL.iter().copied().collect()
    }

    pub fn contains(self, label: Label) -> bool {
        self.0 & label.bit() != 0
    }

    pub fn insert(&mut self, label: Label) {
        self.0 |= label.bit();
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// True when a label is in both sets.
    pub fn intersects(self, other: LabelSet) -> bool {
        self.0 & other.0 != 0
    }

    /// True when any name label is in the set.
    pub fn any_name(self) -> bool {
        Label::NAMES.iter().any(|&l| self.contains(l))
    }

    /// Parses a comma-separated list such as `PERSON,MONEY,DATE`.
    pub fn parse_list(s: &str) -> Result<LabelSet, Error> {
        s.split(',').filter(|p| !p.trim().is_empty()).map(Label::from_str).collect()
    }

    pub fn iter(self) -> impl Iterator<Item = Label> {
        Label::ALL.into_iter().filter(move |&l| self.contains(l))
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
