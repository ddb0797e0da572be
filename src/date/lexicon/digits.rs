//! Tokens of digits, classified for dates.
//!
//! | token | class |
//! |---|---|
//! | `9`, `2022`, `0600` | `Int { v: 9, digits: 1 }`, `Int { v: 2022, digits: 4 }`, `Int { v: 600, digits: 4 }` |
//! | `9th`, `21st` | `OrdNum(9)`, `OrdNum(21)` |
//! | `1990s` | `Decade(1990)` |
//! | `3.5`, `1,200` | `Decimal` |
//! | `2022-08-10`, `15:30`, `1234567890` | `Other` (the scanner reads them itself) |

use super::Class;

/// A token of digits: an integer (`2022`), an ordinal (`9th`), a decade
/// (`1990s`), a decimal (`3.5`, `1,200`), or nothing for dates.
pub(super) fn number(s: &str) -> Class {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == b.len() {
        if digits <= 9 {
            return Class::Int { v: s.parse().unwrap_or(0), digits: digits as u8 };
        }
        return Class::Other;
    }
    let rest = &s[digits..];
    if digits > 0 && digits <= 4 {
        let v: u32 = s[..digits].parse().unwrap_or(0);
        // Compared in any case without a lowercase copy (this runs for
        // every number with a separator: `1,200`, `3.5`).
        let suffix = |x: &str| rest.eq_ignore_ascii_case(x);
        if suffix("st") || suffix("nd") || suffix("rd") || suffix("th") {
            return Class::OrdNum(v);
        }
        if suffix("s") && digits == 4 && v.is_multiple_of(10) {
            return Class::Decade(v);
        }
    }
    // 3.5, 1,200: digits with commas and at most one period (the amounts
    // number parser reads the value when it is needed).
    let b = s.as_bytes();
    if b.iter().all(|c| c.is_ascii_digit() || *c == b',' || *c == b'.') && b.iter().filter(|&&c| c == b'.').count() <= 1 {
        return Class::Decimal;
    }
    Class::Other
}
