//! Currencies as news writes them, mapped to ISO 4217 codes.
//!
//! Codes and official names come from the `iso_currency` crate; this module
//! adds only what ISO does not say: symbols as written before or after an
//! amount (`$`, `US$`, `€`), the everyday nouns (`dollars`, `won`, `yen`)
//! with the currency they mean when nothing else is said (a bare dollar is
//! USD, as the guidelines require), the adjectives news uses where ISO's
//! name differs (`U.S. dollars`, `Korean won`, `Chinese yuan`), and the
//! historic European currencies ISO has withdrawn (`Finnish markka`).

use iso_currency::Currency;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A currency symbol token (as the tokenizer gives it) to its code.
pub(crate) fn symbol_code(symbol: &str) -> Option<&'static str> {
    Some(match symbol {
        "$" | "US$" | "U.S.$" => "USD",
        "HK$" => "HKD",
        "A$" | "AU$" => "AUD",
        "C$" | "CA$" => "CAD",
        "S$" | "SG$" => "SGD",
        "NZ$" => "NZD",
        "NT$" => "TWD",
        "R$" => "BRL",
        "€" => "EUR",
        "£" => "GBP",
        "¥" | "￥" | "円" => "JPY",
        "元" => "CNY",
        "₩" => "KRW",
        "₹" => "INR",
        "₽" => "RUB",
        "₺" => "TRY",
        "₪" => "ILS",
        "₱" => "PHP",
        "₫" => "VND",
        "฿" => "THB",
        "₦" => "NGN",
        "₴" => "UAH",
        "₡" => "CRC",
        "₾" => "GEL",
        "₭" => "LAK",
        "₮" => "MNT",
        "₸" => "KZT",
        // Tamil `rupee`, as written in Sri Lanka.
        "ரூ" => "LKR",
        _ => return None,
    })
}

/// A word written before a `$` (`US $ 150 million`, `c $ 16.4`, `hk $`),
/// lower-cased, to the code of that dollar.
pub(crate) fn dollar_prefix_code(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "us" | "u.s" | "u.s." | "usd" => "USD",
        "hk" | "hkd" => "HKD",
        "c" | "ca" | "cad" => "CAD",
        "au" | "aud" => "AUD",
        "nz" | "nzd" => "NZD",
        "sg" | "sgd" => "SGD",
        "nt" | "twd" => "TWD",
        "mex" | "mxn" => "MXN",
        _ => return None,
    })
}

/// ISO codes that are also English words: never read as a code unless
/// written in capitals and next to a number, and not even then for these.
const CODES_THAT_ARE_WORDS: &[&str] = &["ALL", "AMD", "BAM", "BOB", "CUP", "GEL", "MAD", "MOP", "PEN", "SOS", "TOP", "TRY"];

/// Codes read in any case (`usd 20`, `rmb 10`): the common ones.
fn common_code(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "usd" => "USD",
        "eur" => "EUR",
        "gbp" => "GBP",
        "jpy" => "JPY",
        "cny" | "rmb" => "CNY",
        "rs" | "rs." => "INR",
        "krw" => "KRW",
        "hkd" => "HKD",
        "aud" => "AUD",
        "cad" => "CAD",
        "chf" => "CHF",
        "inr" => "INR",
        "sgd" => "SGD",
        "nzd" => "NZD",
        "twd" => "TWD",
        "rub" => "RUB",
        "brl" => "BRL",
        "mxn" => "MXN",
        // Wire-service abbreviations (Reuters style: `dlrs 45 mln`, `3.2
        // bln stg`): read in any case, they are no English words.
        "dlr" | "dlrs" => "USD",
        "stg" => "GBP",
        _ => return None,
    })
}

/// Wire-service abbreviations read only as written, since in lower case
/// they are other words (`dm` a direct message): `DM 40 million`, `Dfl 5
/// mln` (guilders), `SFr 2 bln`, `FFr 10 mln`, `BFr 300 mln`. Before a
/// number the scanner also wants the amount to look like money (`DM 5
/// minutes` is a message), see `Scanner::at`.
pub(crate) fn wire_code(raw: &str) -> Option<&'static str> {
    Some(match raw {
        "DM" => "DEM",
        "Dfl" | "Dfls" | "DFL" => "NLG",
        "SFr" | "Sfr" | "SFR" | "SwFr" => "CHF",
        "FFr" | "Ffr" | "FFR" => "FRF",
        "BFr" | "Bfr" | "BFR" => "BEF",
        _ => return None,
    })
}

/// An ISO 4217 code written as a word (`USD`, `EUR`, `usd`, `RMB`), checked
/// against the ISO list.
pub(crate) fn code_word(raw: &str, lower: &str) -> Option<&'static str> {
    if let Some(c) = common_code(lower) {
        return Some(c);
    }
    if raw.len() == 3 && raw.bytes().all(|b| b.is_ascii_uppercase()) && !CODES_THAT_ARE_WORDS.contains(&raw) {
        return Currency::from_code(raw).map(|c| c.code());
    }
    None
}

/// What a currency noun means on its own, and how many of the currency one
/// of it is (a cent is 0.01 dollars).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Noun {
    /// The noun in the singular, as ISO names write it (`dollar`).
    pub singular: &'static str,
    /// The currency when no adjective says otherwise, if one is obvious.
    pub default_code: Option<&'static str>,
    /// Value of one unit in the currency (1, or 0.01 for cents and pence).
    pub factor: f64,
}

/// A currency noun, lower-cased, singular or plural.
pub(crate) fn noun(lower: &str) -> Option<Noun> {
    let n = |singular, code: Option<&'static str>| Noun { singular, default_code: code, factor: 1.0 };
    Some(match lower {
        "dollar" | "dollars" => n("dollar", Some("USD")),
        "euro" | "euros" => n("euro", Some("EUR")),
        "yen" => n("yen", Some("JPY")),
        "yuan" | "renminbi" => n("yuan", Some("CNY")),
        "won" => n("won", Some("KRW")),
        "pound" | "pounds" => n("pound", Some("GBP")),
        "sterling" => n("sterling", Some("GBP")),
        "franc" | "francs" => n("franc", Some("CHF")),
        "rupee" | "rupees" => n("rupee", Some("INR")),
        "ruble" | "rubles" | "rouble" | "roubles" => n("ruble", Some("RUB")),
        "peso" | "pesos" => n("peso", Some("MXN")),
        "reais" => n("real", Some("BRL")),
        "rand" => n("rand", Some("ZAR")),
        "lira" | "liras" | "lire" => n("lira", Some("TRY")),
        "dinar" | "dinars" => n("dinar", None),
        "riyal" | "riyals" => n("riyal", Some("SAR")),
        "rial" | "rials" => n("rial", None),
        "dirham" | "dirhams" => n("dirham", Some("AED")),
        "shekel" | "shekels" => n("shekel", Some("ILS")),
        "baht" => n("baht", Some("THB")),
        "ringgit" => n("ringgit", Some("MYR")),
        "rupiah" => n("rupiah", Some("IDR")),
        "dong" => n("dong", Some("VND")),
        "zloty" | "zlotys" | "zlotych" => n("zloty", Some("PLN")),
        "forint" | "forints" => n("forint", Some("HUF")),
        "koruna" | "korunas" => n("koruna", Some("CZK")),
        "hryvnia" | "hryvnias" | "hryvnias." => n("hryvnia", Some("UAH")),
        "naira" => n("naira", Some("NGN")),
        "kip" => n("kip", Some("LAK")),
        "cedi" | "cedis" => n("cedi", Some("GHS")),
        "shilling" | "shillings" => n("shilling", None),
        "krona" | "kronor" => n("krona", Some("SEK")),
        "krone" | "kroner" => n("krone", None),
        "markka" | "markkaa" => n("markka", Some("FIM")),
        "mark" | "marks" | "deutschmark" | "deutschmarks" => n("mark", Some("DEM")),
        "peseta" | "pesetas" => n("peseta", Some("ESP")),
        "leu" | "lei" => n("leu", Some("RON")),
        "lev" | "leva" | "levs" => n("lev", Some("BGN")),
        "kroon" | "kroons" => n("kroon", Some("EEK")),
        "tolar" | "tolars" => n("tolar", Some("SIT")),
        "kuna" | "kunas" => n("kuna", Some("HRK")),
        "punt" | "punts" => n("punt", Some("IEP")),
        "schilling" | "schillings" => n("schilling", Some("ATS")),
        "crown" | "crowns" => n("crown", None),
        "taka" => n("taka", Some("BDT")),
        "kyat" | "kyats" => n("kyat", Some("MMK")),
        "guilder" | "guilders" => n("guilder", Some("NLG")),
        "drachma" | "drachmas" => n("drachma", Some("GRD")),
        "escudo" | "escudos" => n("escudo", Some("PTE")),
        "cent" | "cents" | "cts" => Noun { singular: "cent", default_code: Some("USD"), factor: 0.01 },
        "pence" | "penny" | "pennies" => Noun { singular: "penny", default_code: Some("GBP"), factor: 0.01 },
        _ => return None,
    })
}

/// Adjectives news puts before a currency noun where ISO's name says
/// something else, and historic currencies ISO no longer lists.
fn alias(adjective: &str, singular: &str) -> Option<&'static str> {
    Some(match (adjective, singular) {
        ("us" | "u.s." | "u.s" | "american" | "united states", "dollar") => "USD",
        ("korean" | "s. korean" | "south korean", "won") => "KRW",
        ("north korean", "won") => "KPW",
        ("chinese", "yuan" | "renminbi") => "CNY",
        ("british", "pound" | "sterling") => "GBP",
        ("irish", "pound") => "IEP",
        ("taiwan" | "taiwanese", "dollar") => "TWD",
        ("french", "franc") => "FRF",
        ("belgian", "franc") => "BEF",
        ("finnish", "markka") => "FIM",
        ("german" | "deutsche", "mark") => "DEM",
        ("dutch", "guilder") => "NLG",
        ("italian", "lira") => "ITL",
        ("spanish", "peseta") => "ESP",
        ("portuguese", "escudo") => "PTE",
        ("greek", "drachma") => "GRD",
        ("austrian", "schilling" | "shilling") => "ATS",
        ("swedish", "krona") => "SEK",
        ("norwegian", "krone") => "NOK",
        ("danish", "krone") => "DKK",
        ("russian", "ruble") => "RUB",
        ("czech", "crown") => "CZK",
        ("slovak", "crown") => "SKK",
        ("swedish", "crown") => "SEK",
        ("danish", "crown") => "DKK",
        ("norwegian", "crown") => "NOK",
        ("estonian", "crown") => "EEK",
        ("romanian", "leu") => "RON",
        ("bulgarian", "lev") => "BGN",
        _ => return None,
    })
}

/// Official ISO names, lower-cased (`hong kong dollar`), to codes; built
/// once from the `iso_currency` data.
fn iso_names() -> &'static HashMap<String, &'static str> {
    static NAMES: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut map = HashMap::new();
        // The crate has no iterator without an extra feature; numeric
        // codes are three digits, so try them all.
        for numeric in 0..1000u16 {
            if let Some(c) = Currency::from_numeric(numeric) {
                if c.is_fund() {
                    continue;
                }
                map.insert(c.name().to_lowercase(), c.code());
            }
        }
        map
    })
}

/// Withdrawn currencies news still writes of (the codes [`alias`] and
/// [`noun`] give for them), which ISO 4217 lists no more.
const HISTORIC: &[(&str, &str)] = &[
    ("ATS", "Austrian schilling"),
    ("BEF", "Belgian franc"),
    ("DEM", "German mark"),
    ("EEK", "Estonian kroon"),
    ("ESP", "Spanish peseta"),
    ("FIM", "Finnish markka"),
    ("FRF", "French franc"),
    ("GRD", "Greek drachma"),
    ("HRK", "Croatian kuna"),
    ("IEP", "Irish pound"),
    ("ITL", "Italian lira"),
    ("NLG", "Dutch guilder"),
    ("PTE", "Portuguese escudo"),
    ("SIT", "Slovenian tolar"),
    ("SKK", "Slovak koruna"),
];

/// Every currency code a MONEY value may carry, with its name, sorted by
/// code: ISO 4217's (funds left out) and the historic ones above. Hand
/// edits are checked against it and the page's value editor offers it.
pub(crate) fn codes() -> &'static [(&'static str, String)] {
    static CODES: OnceLock<Vec<(&'static str, String)>> = OnceLock::new();
    CODES.get_or_init(|| {
        let mut codes: Vec<(&'static str, String)> =
            (0..1000u16).filter_map(Currency::from_numeric).filter(|c| !c.is_fund()).map(|c| (c.code(), c.name().to_owned())).collect();
        for &(code, name) in HISTORIC {
            if !codes.iter().any(|&(c, _)| c == code) {
                codes.push((code, name.to_owned()));
            }
        }
        codes.sort_by_key(|&(c, _)| c);
        codes.dedup_by_key(|&mut (c, _)| c);
        codes
    })
}

/// The code as [`codes`] lists it, if `code` (upper case) is one.
pub(crate) fn known_code(code: &str) -> Option<&'static str> {
    codes().binary_search_by_key(&code, |&(c, _)| c).ok().map(|i| codes()[i].0)
}

/// The code of `<adjective> <noun>` (`hong kong` + `dollar`, `swiss` +
/// `franc`), from ISO's names and the aliases above. `adjective` is
/// lower-cased, words separated by single spaces.
pub(crate) fn adjective_code(adjective: &str, singular: &str) -> Option<&'static str> {
    if let Some(c) = alias(adjective, singular) {
        return Some(c);
    }
    let name = format!("{adjective} {singular}");
    iso_names().get(&name).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_names_resolve() {
        assert_eq!(adjective_code("hong kong", "dollar"), Some("HKD"));
        assert_eq!(adjective_code("swiss", "franc"), Some("CHF"));
        assert_eq!(adjective_code("australian", "dollar"), Some("AUD"));
        assert_eq!(adjective_code("turkish", "lira"), Some("TRY"));
        assert_eq!(adjective_code("u.s.", "dollar"), Some("USD"));
        assert_eq!(adjective_code("finnish", "markka"), Some("FIM"));
        assert_eq!(adjective_code("big", "dollar"), None);
        assert_eq!(code_word("EUR", "eur"), Some("EUR"));
        assert_eq!(code_word("ALL", "all"), None);
        assert_eq!(code_word("All", "all"), None);
        assert_eq!(code_word("NOK", "nok"), Some("NOK"));
        assert_eq!(code_word("dlrs", "dlrs"), Some("USD"));
        assert_eq!(wire_code("DM"), Some("DEM"));
        assert_eq!(wire_code("dm"), None);
        for raw in ["DM", "Dfl", "SFr", "FFr", "BFr"] {
            let code = wire_code(raw).unwrap();
            assert_eq!(known_code(code), Some(code), "{raw}");
        }
    }

    #[test]
    fn every_code_written_is_known() {
        // What the recognizer writes must pass the check of hand edits.
        let adjectives = [
            "us",
            "korean",
            "north korean",
            "chinese",
            "british",
            "irish",
            "taiwan",
            "french",
            "belgian",
            "finnish",
            "german",
            "dutch",
            "italian",
            "spanish",
            "portuguese",
            "greek",
            "austrian",
            "swedish",
            "norwegian",
            "danish",
            "russian",
            "czech",
            "slovak",
            "estonian",
            "romanian",
            "bulgarian",
        ];
        let nouns = [
            "dollar",
            "won",
            "yuan",
            "pound",
            "franc",
            "markka",
            "mark",
            "guilder",
            "lira",
            "peseta",
            "escudo",
            "drachma",
            "schilling",
            "krona",
            "krone",
            "ruble",
            "crown",
            "leu",
            "lev",
        ];
        for a in adjectives {
            for n in nouns {
                if let Some(code) = alias(a, n) {
                    assert_eq!(known_code(code), Some(code), "{a} {n}");
                }
            }
        }
        for word in [
            "dollars",
            "markka",
            "marks",
            "peseta",
            "kroon",
            "tolar",
            "kuna",
            "punt",
            "schilling",
            "guilder",
            "drachma",
            "escudo",
            "cents",
            "pence",
            "lev",
            "leu",
        ] {
            if let Some(code) = noun(word).and_then(|n| n.default_code) {
                assert_eq!(known_code(code), Some(code), "{word}");
            }
        }
        for symbol in ["$", "HK$", "€", "£", "¥", "₩", "₹", "₽", "₺", "₪", "₱", "₫", "฿", "₦", "₴", "₡", "₾", "₭", "₮", "₸", "ரூ", "元"]
        {
            let code = symbol_code(symbol).unwrap();
            assert_eq!(known_code(code), Some(code), "{symbol}");
        }
        assert_eq!(known_code("XYZ"), None);
        assert!(codes().windows(2).all(|w| w[0].0 < w[1].0));
    }
}
