//! Scoring predicted spans against gold ones.
//!
//! A predicted span is right when its start, end and label equal a gold
//! span's (exact match, the CoNLL convention). For matched amounts and dates
//! the value is checked too ([`crate::value::Value::matches`]). Documents are paired
//! by `id`, or by position when ids are missing.

use crate::error::{Error, ErrorKind, Result};
use crate::export::{read_jsonl_own_labels, DocumentRecord, SpanRecord};
use crate::label::{Label, LabelSet};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Counts for one label or group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub true_pos: usize,
    pub false_pos: usize,
    pub false_neg: usize,
    /// Matched spans whose gold span has a value.
    pub values_checked: usize,
    /// ... and whose predicted value matches it.
    pub values_right: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_pos)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_neg)
    }

    pub fn f1(&self) -> f64 {
        f1(self.true_pos, self.true_pos + self.false_pos, self.true_pos + self.false_neg)
    }

    /// Share of matched valued spans whose value is right (1 when none).
    pub fn value_accuracy(&self) -> f64 {
        if self.values_checked == 0 {
            1.0
        } else {
            self.values_right as f64 / self.values_checked as f64
        }
    }

    fn add(&mut self, o: &Counts) {
        self.true_pos += o.true_pos;
        self.false_pos += o.false_pos;
        self.false_neg += o.false_neg;
        self.values_checked += o.values_checked;
        self.values_right += o.values_right;
    }
}

/// The F1 score of `true_pos` right spans among `predicted` ones against
/// `gold` ones: the harmonic mean of precision and recall, 0 when both are
/// 0. The crate's one F1: [`Counts::f1`], the names training's early
/// stopping and the tests all use it.
pub fn f1(true_pos: usize, predicted: usize, gold: usize) -> f64 {
    let (p, r) = (ratio(true_pos, predicted), ratio(true_pos, gold));
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        // No predictions (or no gold spans): nothing to credit, as
        // scikit-learn's `zero_division=0`.
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// A mismatch, for error analysis.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Miss {
    pub doc: String,
    /// `missed` (gold not predicted), `spurious` (predicted, not gold) or
    /// `value` (span right, value wrong).
    pub kind: &'static str,
    pub label: Label,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub detail: String,
}

/// The scores of a prediction file against a gold file.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    pub documents: usize,
    pub per_label: BTreeMap<Label, Counts>,
    #[serde(skip)]
    pub misses: Vec<Miss>,
}

/// Label groups for `--by-group` (and `own`: the project's own labels).
pub const GROUPS: [(&str, &[Label]); 3] = [
    ("names", &[Label::Person, Label::Org, Label::Loc, Label::Misc]),
    ("amounts", &[Label::Money, Label::Percent, Label::Quantity, Label::Cardinal, Label::Ordinal]),
    ("dates", &[Label::Date, Label::Time]),
];

impl Report {
    /// Micro-averaged counts over every scored label, the project's own
    /// labels too.
    pub fn micro(&self) -> Counts {
        let mut total = Counts::default();
        self.per_label.values().for_each(|c| total.add(c));
        total
    }

    /// Micro-averaged counts over the project's own labels (`WEAPON`), for
    /// the `own` row of `--by-group`; `None` when none is scored.
    fn own(&self) -> Option<Counts> {
        let own: Vec<Label> = self.per_label.keys().copied().filter(|l| l.is_custom()).collect();
        (!own.is_empty()).then(|| self.micro_over(&own))
    }

    /// Micro-averaged counts over `labels`.
    pub fn micro_over(&self, labels: &[Label]) -> Counts {
        let mut total = Counts::default();
        for l in labels {
            if let Some(c) = self.per_label.get(l) {
                total.add(c);
            }
        }
        total
    }

    /// The labels with at least one gold or predicted span: a label asked
    /// for but absent on both sides has no meaningful scores to show.
    fn scored_labels(&self) -> impl Iterator<Item = (&Label, &Counts)> {
        self.per_label.iter().filter(|(_, c)| c.true_pos + c.false_pos + c.false_neg > 0)
    }

    /// One line of JSON with every figure, for scripts and CI gates.
    pub fn summary_json(&self) -> String {
        fn fig(c: &Counts) -> serde_json::Value {
            serde_json::json!({
                "precision": round4(c.precision()), "recall": round4(c.recall()), "f1": round4(c.f1()),
                "value_accuracy": round4(c.value_accuracy()),
                "tp": c.true_pos, "fp": c.false_pos, "fn": c.false_neg,
                "values_checked": c.values_checked, "values_right": c.values_right,
            })
        }
        let labels: serde_json::Map<String, serde_json::Value> =
            self.scored_labels().map(|(l, c)| (l.as_str().to_owned(), fig(c))).collect();
        let groups: serde_json::Map<String, serde_json::Value> = GROUPS
            .iter()
            .filter(|(_, ls)| ls.iter().any(|l| self.per_label.contains_key(l)))
            .map(|(g, ls)| (g.to_string(), fig(&self.micro_over(ls))))
            .chain(self.own().map(|c| ("own".to_owned(), fig(&c))))
            .collect();
        serde_json::json!({"documents": self.documents, "micro": fig(&self.micro()), "groups": groups, "labels": labels}).to_string()
    }

    /// A human-readable table: one row per label, then the groups, then micro.
    pub fn table(&self, by_group: bool) -> String {
        // As wide as the longest label name (a project's own can be long).
        let width = self.scored_labels().map(|(l, _)| l.as_str().chars().count()).max().unwrap_or(0).max(10);
        let mut out = format!("{:<width$} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9}\n", "label", "P", "R", "F1", "tp", "fp", "fn", "value");
        let row = |name: &str, c: &Counts| {
            let value = if c.values_checked == 0 { "-".to_owned() } else { format!("{}/{}", c.values_right, c.values_checked) };
            format!(
                "{:<width$} {:>6.3} {:>6.3} {:>6.3} {:>6} {:>6} {:>6} {:>9}\n",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.true_pos,
                c.false_pos,
                c.false_neg,
                value
            )
        };
        for (l, c) in self.scored_labels() {
            out += &row(l.as_str(), c);
        }
        if by_group {
            for (g, ls) in GROUPS {
                if ls.iter().any(|l| self.per_label.contains_key(l)) {
                    out += &row(g, &self.micro_over(ls));
                }
            }
            if let Some(c) = self.own() {
                out += &row("own", &c);
            }
        }
        out += &row("micro", &self.micro());
        out
    }
}

fn round4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

/// Scores `pred` against `gold`.
///
/// `labels` selects the labels to score; when `None`, the labels that occur
/// in the gold file are scored, so that a gold set of names only (CoNLL) is
/// not charged with the amounts newsmark also finds.
pub fn score(gold: &[DocumentRecord], pred: &[DocumentRecord], labels: Option<LabelSet>) -> Result<Report> {
    let labels = labels.unwrap_or_else(|| gold.iter().flat_map(|d| d.spans.iter().map(|s| s.label)).collect());
    let by_id: HashMap<&str, &DocumentRecord> = pred.iter().filter_map(|d| d.id.as_deref().map(|id| (id, d))).collect();
    let mut report = Report { documents: gold.len(), ..Report::default() };
    for l in labels.iter() {
        report.per_label.insert(l, Counts::default());
    }
    for (i, g) in gold.iter().enumerate() {
        let p = match g.id.as_deref() {
            Some(id) if !by_id.is_empty() => by_id.get(id).copied(),
            _ => pred.get(i),
        };
        let name = g.id.clone().unwrap_or_else(|| format!("#{}", i + 1));
        let p = p.ok_or_else(|| Error::new(ErrorKind::InvalidJson, format!("no prediction for gold document {name}")))?;
        if p.text != g.text {
            return Err(Error::new(ErrorKind::InvalidJson, format!("document {name}: the predicted text differs from the gold text")));
        }
        score_document(&name, &g.text, &g.spans, &p.spans, labels, &mut report);
    }
    Ok(report)
}

fn score_document(name: &str, text: &str, gold: &[SpanRecord], pred: &[SpanRecord], labels: LabelSet, report: &mut Report) {
    let cover = |s: &SpanRecord| s.text.clone().unwrap_or_else(|| text.chars().skip(s.start).take(s.end.saturating_sub(s.start)).collect());
    let mut pred_left: HashMap<(usize, usize, Label), &SpanRecord> =
        pred.iter().filter(|s| labels.contains(s.label)).map(|s| ((s.start, s.end, s.label), s)).collect();
    for g in gold.iter().filter(|s| labels.contains(s.label)) {
        let counts = report.per_label.entry(g.label).or_default();
        match pred_left.remove(&(g.start, g.end, g.label)) {
            Some(p) => {
                counts.true_pos += 1;
                if let Some(gv) = &g.value {
                    counts.values_checked += 1;
                    if p.value.as_ref().is_some_and(|pv| pv.matches(gv)) {
                        counts.values_right += 1;
                    } else {
                        report.misses.push(Miss {
                            doc: name.to_owned(),
                            kind: "value",
                            label: g.label,
                            start: g.start,
                            end: g.end,
                            text: cover(g),
                            detail: format!(
                                "gold {} predicted {}",
                                serde_json::to_string(gv).unwrap_or_default(),
                                p.value.as_ref().map_or("none".to_owned(), |v| serde_json::to_string(v).unwrap_or_default())
                            ),
                        });
                    }
                }
            }
            None => {
                counts.false_neg += 1;
                report.misses.push(Miss {
                    doc: name.to_owned(),
                    kind: "missed",
                    label: g.label,
                    start: g.start,
                    end: g.end,
                    text: cover(g),
                    detail: String::new(),
                });
            }
        }
    }
    let mut spurious: Vec<&SpanRecord> = pred_left.into_values().collect();
    spurious.sort_by_key(|s| s.start);
    for p in spurious {
        report.per_label.entry(p.label).or_default().false_pos += 1;
        report.misses.push(Miss {
            doc: name.to_owned(),
            kind: "spurious",
            label: p.label,
            start: p.start,
            end: p.end,
            text: cover(p),
            detail: String::new(),
        });
    }
}

/// Reads a JSONL file of documents (newsmark JSON or the gold format)
/// with the one reader of the schema ([`read_jsonl_own_labels`]): every
/// span checked, offsets in code points whatever unit the file uses, a
/// label none of newsmark's is the user's own (scored as written). Errors
/// name `what`.
pub fn read_records(jsonl: &str, what: &str) -> Result<Vec<DocumentRecord>> {
    let docs = read_jsonl_own_labels(jsonl).map_err(|e| e.context(what))?;
    Ok(docs.into_iter().map(|(id, doc)| DocumentRecord::from_document(&doc, id)).collect())
}
