//! The compiled name lists.
