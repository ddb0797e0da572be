//! The words of the calendar and of counting, written once: month names,
//! weekday names and number words, with their values. The dates lexicon
//! (`date::lexicon`), the amounts' number phrases
//! ([`crate::amount::number`]), the tokenizer's abbreviations and the names
//! baseline's date words all read them from here.
//!
//! | table | words | values |
//! |---|---|---|
//! | [`MONTH_NAMES`] | `january` ... `december` | 1 ... 12 |
//! | [`MONTH_ABBREVIATIONS`] | `jan`, `jan.`, `sep`, `sept.`, ... (none for May) | 1 ... 12 |
//! | [`WEEKDAY_NAMES`] | `monday` ... `sunday` | 1 ... 7 (ISO: Monday is 1) |
//! | [`WEEKDAY_PLURALS`] | `mondays` ... `sundays` | 1 ... 7 |
//! | [`WEEKDAY_ABBREVIATIONS`] | `tue`, `tues.`, `thu`, `thurs`, ... | 2, 4 |
//! | [`AMBIGUOUS_WEEKDAY_ABBREVIATIONS`] | `mon`, `wed`, `fri`, `sat`, `sun` (and with a period) | 1, 3, 5, 6, 7 |
//! | [`CARDINALS`] | `zero` (`nought`, `naught`), `one` ... `nineteen`, `twenty` ... `ninety` (`fourty`), `hundred` | 0 ... 100 |
//! | [`ORDINALS`] | `first` ... `ninth` (`nineth`) ... `twentieth` ... `ninetieth`, `hundredth` | 1 ... 100 |
//!
//! Words are lowercase ASCII; a caller lower-cases the token first. Each
//! table is a `match` (a lookup function, e.g. [`month_name`]) and a list of
//! the same words with their values (for tables built from them and for
//! tests): one macro writes both from one list.
//!
//! Compounds (`twenty-one`, `twenty-first`) and scales (`thousand`,
//! `million`, `dozen`) are not here: each reader composes them its own way.
//! Nonstandard spellings ([`VARIANT_SPELLINGS`]) are in the number tables;
//! the amounts read them, the dates do not.

/// Writes a lookup `fn` and a `const` list of `(word, value)` from one list
/// of words.
macro_rules! word_table {
    ($(#[$doc:meta])* $vis:vis fn $f:ident, const $list:ident: $t:ty = { $($($w:literal)|+ => $v:expr),+ $(,)? }) => {
        $(#[$doc])*
        // Always inlined: the amounts ask for number words at every word.
        #[inline(always)]
        $vis fn $f(w: &str) -> Option<$t> {
            Some(match w {
                $($($w)|+ => $v,)+
                _ => return None,
            })
        }

        #[doc = concat!("Every word [`", stringify!($f), "`] knows, with its value.")]
        $vis const $list: &[(&str, $t)] = &[$($(($w, $v)),+),+];
    };
}

word_table! {
    /// A month's full name: `january` is 1.
    pub(crate) fn month_name, const MONTH_NAMES: u32 = {
        "january" => 1,
        "february" => 2,
        "march" => 3,
        "april" => 4,
        "may" => 5,
        "june" => 6,
        "july" => 7,
        "august" => 8,
        "september" => 9,
        "october" => 10,
        "november" => 11,
        "december" => 12,
    }
}

word_table! {
    /// A month's short form, with or without its period: `aug`, `aug.`,
    /// `sept` are 8, 8, 9. May has none (`may` is the name itself).
    pub(crate) fn month_abbreviation, const MONTH_ABBREVIATIONS: u32 = {
        "jan" | "jan." => 1,
        "feb" | "feb." => 2,
        "mar" | "mar." => 3,
        "apr" | "apr." => 4,
        "jun" | "jun." => 6,
        "jul" | "jul." => 7,
        "aug" | "aug." => 8,
        "sep" | "sep." | "sept" | "sept." => 9,
        "oct" | "oct." => 10,
        "nov" | "nov." => 11,
        "dec" | "dec." => 12,
    }
}

word_table! {
    /// A weekday's full name, ISO numbered: `monday` is 1, `sunday` 7.
    pub(crate) fn weekday_name, const WEEKDAY_NAMES: u32 = {
        "monday" => 1,
        "tuesday" => 2,
        "wednesday" => 3,
        "thursday" => 4,
        "friday" => 5,
        "saturday" => 6,
        "sunday" => 7,
    }
}

word_table! {
    /// A weekday's name in the plural (`on Tuesdays`: every Tuesday).
    pub(crate) fn weekday_plural, const WEEKDAY_PLURALS: u32 = {
        "mondays" => 1,
        "tuesdays" => 2,
        "wednesdays" => 3,
        "thursdays" => 4,
        "fridays" => 5,
        "saturdays" => 6,
        "sundays" => 7,
    }
}

word_table! {
    /// Short weekday forms that are no other English word, with or without
    /// their period: `tue`, `tues.`, `thurs`.
    pub(crate) fn weekday_abbreviation, const WEEKDAY_ABBREVIATIONS: u32 = {
        "tue" | "tue." | "tues" | "tues." => 2,
        "thu" | "thu." | "thur" | "thur." | "thurs" | "thurs." => 4,
    }
}

word_table! {
    /// Short weekday forms that are words too (`Sun` the newspaper, `wed`,
    /// `sat`), with or without their period.
    pub(crate) fn ambiguous_weekday_abbreviation, const AMBIGUOUS_WEEKDAY_ABBREVIATIONS: u32 = {
        "mon" | "mon." => 1,
        "wed" | "wed." => 3,
        "fri" | "fri." => 5,
        "sat" | "sat." => 6,
        "sun" | "sun." => 7,
    }
}

word_table! {
    /// Cardinal number words: `zero` ... `nineteen`, the tens `twenty` ...
    /// `ninety`, and `hundred`; with the spellings of [`VARIANT_SPELLINGS`].
    pub(crate) fn cardinal, const CARDINALS: u32 = {
        "zero" | "nought" | "naught" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" | "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
    }
}

word_table! {
    /// Ordinal number words: `first` ... `nineteenth`, the tens
    /// `twentieth` ... `ninetieth`, and `hundredth`; with the spellings of
    /// [`VARIANT_SPELLINGS`].
    pub(crate) fn ordinal, const ORDINALS: u32 = {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" | "nineth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "sixtieth" => 60,
        "seventieth" => 70,
        "eightieth" => 80,
        "ninetieth" => 90,
        "hundredth" => 100,
    }
}

/// Number words [`cardinal`] and [`ordinal`] know that are not the
/// standard spelling: the British `nought`, `naught`, and misspellings news
/// has (`fourty`, `nineth`). The amounts read them (a value is still
/// right); the dates leave them out, as they always did.
pub(crate) const VARIANT_SPELLINGS: &[&str] = &["nought", "naught", "fourty", "nineth"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_lookups_agree() {
        for table in
            [MONTH_NAMES, MONTH_ABBREVIATIONS, WEEKDAY_NAMES, WEEKDAY_PLURALS, WEEKDAY_ABBREVIATIONS, AMBIGUOUS_WEEKDAY_ABBREVIATIONS]
        {
            for &(w, v) in table {
                let found =
                    [month_name, month_abbreviation, weekday_name, weekday_plural, weekday_abbreviation, ambiguous_weekday_abbreviation]
                        .iter()
                        .filter_map(|f| f(w))
                        .collect::<Vec<_>>();
                assert_eq!(found, [v], "{w}");
            }
        }
        for &(w, v) in CARDINALS {
            assert_eq!(cardinal(w), Some(v), "{w}");
        }
        for &(w, v) in ORDINALS {
            assert_eq!(ordinal(w), Some(v), "{w}");
        }
        for w in VARIANT_SPELLINGS {
            assert!(cardinal(w).or(ordinal(w)).is_some(), "{w}");
        }
        assert_eq!(month_abbreviation("may"), None);
        assert_eq!((month_name("august"), weekday_name("sunday"), ordinal("twelfth")), (Some(8), Some(7), Some(12)));
    }
}
