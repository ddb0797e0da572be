//! The part of MessagePack that spaCy's DocBin uses (what `srsly.msgpack_dumps`
//! writes for maps, strings, bytes, lists, numbers, booleans and `None`),
//! written and read by hand: one small module rather than a dependency for
//! a single format.
//!
//! The reader never trusts a length: every length is checked against the
//! bytes that remain before anything is allocated, and nesting is bounded,
//! so any input gives a value or an error, never a panic or a huge
//! allocation.

use crate::error::{Error, ErrorKind, Result};

/// A MessagePack value as read.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Nil,
    Bool(bool),
    /// Any integer; MessagePack's range (-2^63 .. 2^64) fits.
    Int(i128),
    Float(f64),
    Str(String),
    Bin(Vec<u8>),
    Array(Vec<Value>),
    Map(Vec<(Value, Value)>),
    /// An extension type: its tag and data (srsly writes none in a DocBin).
    Ext(i8, Vec<u8>),
}

impl Value {
    /// The value under the string key `key` of a map.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(entries) => entries.iter().find(|(k, _)| matches!(k, Value::Str(s) if s == key)).map(|(_, v)| v),
            _ => None,
        }
    }

    /// What kind of value this is, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Nil => "nil",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a float",
            Value::Str(_) => "a string",
            Value::Bin(_) => "bytes",
            Value::Array(_) => "a list",
            Value::Map(_) => "a map",
            Value::Ext(..) => "an extension value",
        }
    }
}

/// Builds MessagePack bytes, smallest encoding first as srsly does.
#[derive(Default)]
pub(crate) struct Writer {
    pub out: Vec<u8>,
}

impl Writer {
    pub fn bool(&mut self, b: bool) {
        self.out.push(if b { 0xc3 } else { 0xc2 });
    }

    pub fn uint(&mut self, n: u64) {
        if n < 0x80 {
            self.out.push(n as u8);
        } else if n <= u8::MAX as u64 {
            self.out.extend([0xcc, n as u8]);
        } else if n <= u16::MAX as u64 {
            self.out.push(0xcd);
            self.out.extend((n as u16).to_be_bytes());
        } else if n <= u32::MAX as u64 {
            self.out.push(0xce);
            self.out.extend((n as u32).to_be_bytes());
        } else {
            self.out.push(0xcf);
            self.out.extend(n.to_be_bytes());
        }
    }

    pub fn str(&mut self, s: &str) {
        let n = s.len();
        if n < 32 {
            self.out.push(0xa0 | n as u8);
        } else {
            self.sized(n, [0xd9, 0xda, 0xdb]);
        }
        self.out.extend(s.as_bytes());
    }

    pub fn bin(&mut self, b: &[u8]) {
        self.sized(b.len(), [0xc4, 0xc5, 0xc6]);
        self.out.extend(b);
    }

    pub fn array(&mut self, n: usize) {
        self.header(n, 0x90, [0xdc, 0xdd]);
    }

    pub fn map(&mut self, n: usize) {
        self.header(n, 0x80, [0xde, 0xdf]);
    }

    /// A length with an 8-, 16- or 32-bit field (strings and bytes).
    fn sized(&mut self, n: usize, tags: [u8; 3]) {
        if n <= u8::MAX as usize {
            self.out.extend([tags[0], n as u8]);
        } else if n <= u16::MAX as usize {
            self.out.push(tags[1]);
            self.out.extend((n as u16).to_be_bytes());
        } else {
            self.out.push(tags[2]);
            self.out.extend((n as u32).to_be_bytes());
        }
    }

    /// A list or map header: a fix form below 16, else 16- or 32-bit.
    fn header(&mut self, n: usize, fix: u8, tags: [u8; 2]) {
        if n < 16 {
            self.out.push(fix | n as u8);
        } else if n <= u16::MAX as usize {
            self.out.push(tags[0]);
            self.out.extend((n as u16).to_be_bytes());
        } else {
            self.out.push(tags[1]);
            self.out.extend((n as u32).to_be_bytes());
        }
    }
}

/// The deepest nesting read (a DocBin nests four deep).
const MAX_DEPTH: usize = 64;

/// Reads one MessagePack value that must fill `bytes`.
pub(crate) fn read(bytes: &[u8]) -> Result<Value> {
    let mut r = Reader { bytes, pos: 0 };
    let v = r.value(0)?;
    if r.pos != bytes.len() {
        return Err(bad(format!("{} bytes follow the MessagePack value", bytes.len() - r.pos)));
    }
    Ok(v)
}

fn bad(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidJson, format!("not a valid DocBin: {}", msg.into()))
}

struct Reader<'b> {
    bytes: &'b [u8],
    pos: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Result<&'b [u8]> {
        if self.bytes.len() - self.pos < n {
            return Err(bad(format!("the MessagePack data ends early (at byte {})", self.bytes.len())));
        }
        let s = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn be(&mut self, n: usize) -> Result<u64> {
        Ok(self.take(n)?.iter().fold(0u64, |acc, &b| acc << 8 | b as u64))
    }

    /// A count of items, each at least one byte: more than remain is an error.
    fn count(&mut self, n: u64, per_item: usize) -> Result<usize> {
        let left = (self.bytes.len() - self.pos) as u64;
        if n.saturating_mul(per_item as u64) > left {
            return Err(bad(format!("a list or map of {n} items in {left} bytes")));
        }
        Ok(n as usize)
    }

    fn value(&mut self, depth: usize) -> Result<Value> {
        if depth > MAX_DEPTH {
            return Err(bad("nested too deeply"));
        }
        let tag = self.take(1)?[0];
        Ok(match tag {
            0x00..=0x7f => Value::Int(tag as i128),
            0x80..=0x8f => self.map_of((tag & 0x0f) as u64, depth)?,
            0x90..=0x9f => self.array_of((tag & 0x0f) as u64, depth)?,
            0xa0..=0xbf => self.str_of((tag & 0x1f) as usize)?,
            0xc0 => Value::Nil,
            0xc2 => Value::Bool(false),
            0xc3 => Value::Bool(true),
            0xc4..=0xc6 => {
                let n = self.be(1 << (tag - 0xc4))? as usize;
                Value::Bin(self.take(n)?.to_vec())
            }
            0xc7..=0xc9 => {
                let n = self.be(1 << (tag - 0xc7))? as usize;
                let t = self.take(1)?[0] as i8;
                Value::Ext(t, self.take(n)?.to_vec())
            }
            0xca => Value::Float(f32::from_bits(self.be(4)? as u32) as f64),
            0xcb => Value::Float(f64::from_bits(self.be(8)?)),
            0xcc..=0xcf => Value::Int(self.be(1 << (tag - 0xcc))? as i128),
            0xd0 => Value::Int(self.be(1)? as u8 as i8 as i128),
            0xd1 => Value::Int(self.be(2)? as u16 as i16 as i128),
            0xd2 => Value::Int(self.be(4)? as u32 as i32 as i128),
            0xd3 => Value::Int(self.be(8)? as i64 as i128),
            0xd4..=0xd8 => {
                let t = self.take(1)?[0] as i8;
                Value::Ext(t, self.take(1 << (tag - 0xd4))?.to_vec())
            }
            0xd9..=0xdb => {
                let n = self.be(1 << (tag - 0xd9))? as usize;
                self.str_of(n)?
            }
            0xdc | 0xdd => {
                let n = self.be(2 << (tag - 0xdc))?;
                self.array_of(n, depth)?
            }
            0xde | 0xdf => {
                let n = self.be(2 << (tag - 0xde))?;
                self.map_of(n, depth)?
            }
            0xe0..=0xff => Value::Int(tag as i8 as i128),
            0xc1 => return Err(bad(format!("byte {} is 0xc1, which MessagePack never uses", self.pos - 1))),
        })
    }

    fn str_of(&mut self, n: usize) -> Result<Value> {
        let at = self.pos;
        let b = self.take(n)?;
        std::str::from_utf8(b).map(|s| Value::Str(s.to_owned())).map_err(|_| bad(format!("the string at byte {at} is not UTF-8")))
    }

    fn array_of(&mut self, n: u64, depth: usize) -> Result<Value> {
        let n = self.count(n, 1)?;
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(self.value(depth + 1)?);
        }
        Ok(Value::Array(items))
    }

    fn map_of(&mut self, n: u64, depth: usize) -> Result<Value> {
        let n = self.count(n, 2)?;
        let mut entries = Vec::with_capacity(n);
        for _ in 0..n {
            let k = self.value(depth + 1)?;
            let v = self.value(depth + 1)?;
            entries.push((k, v));
        }
        Ok(Value::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back() {
        let mut w = Writer::default();
        w.map(3);
        w.str("a");
        w.uint(300);
        w.str(&"x".repeat(40));
        w.bin(&[1, 2, 3]);
        w.str("l");
        w.array(3);
        w.bool(true);
        w.bool(false);
        w.uint(u64::MAX);
        let v = read(&w.out).unwrap();
        assert_eq!(v.get("a"), Some(&Value::Int(300)));
        assert_eq!(v.get(&"x".repeat(40)), Some(&Value::Bin(vec![1, 2, 3])));
        assert_eq!(v.get("l"), Some(&Value::Array(vec![Value::Bool(true), Value::Bool(false), Value::Int(u64::MAX as i128)])));
    }

    #[test]
    fn lies_about_lengths_are_errors() {
        for bytes in [&[0xdd, 0xff, 0xff, 0xff, 0xff][..], &[0xc6, 0xff, 0xff, 0xff, 0xff, 0], &[0x92, 0x01], &[0xc1], &[0x01, 0x02]] {
            assert!(read(bytes).is_err(), "{bytes:?}");
        }
        let deep = vec![0x91u8; 1000];
        assert!(read(&deep).is_err());
    }
}
