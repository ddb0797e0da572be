//! Scoring predicted spans against gold ones.
