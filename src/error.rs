//! One error type for the whole crate, with a kind callers can match on.

use std::fmt;

/// What went wrong, broadly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Input that is not valid JSON, or JSON of the wrong shape.
    InvalidJson,
    /// A label name newsmark does not know.
    InvalidLabel,
    /// A date that does not parse or does not exist.
    InvalidDate,
    /// An offset that lies outside the text or inside a character.
    InvalidOffset,
    /// A normalized value that does not fit its label (an amount that is no
    /// number, an unknown currency, a date that is no TIMEX3 value).
    InvalidValue,
    /// A file format newsmark cannot read, or a format name it does not know.
    UnsupportedFormat,
    /// A model file that is corrupt or of another version.
    InvalidModel,
    /// Reading or writing a file failed.
    Io,
    /// A malformed command line.
    Usage,
}

/// An error with a kind and a message meant for the person who caused it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { kind, message: message.into() }
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    /// The same error with `context: ` put in front of its message.
    pub fn context(self, context: impl fmt::Display) -> Error {
        Error { kind: self.kind, message: format!("{context}: {}", self.message) }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Error {
        Error::new(ErrorKind::InvalidJson, e.to_string())
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::new(ErrorKind::Io, e.to_string())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
