//! Units of measure for QUANTITY, each mapped to a short canonical symbol.
//!
//! | kind | canonical units |
//! |---|---|
//! | length | `mm` `cm` `dm` `m` `km` `in` `ft` `yd` `mi` `nmi` |
//! | mass | `µg` `mg` `g` `kg` `t` (ton, tonne, metric ton) `lb` `oz` `ct` |
//! | area | `mm2` `cm2` `m2` `km2` `in2` `ft2` `yd2` `mi2` `ha` `acre` |
//! | volume | `ml` `cl` `l` `m3` `ft3` `gal` `bbl` `tbsp` `tsp` |
//! | temperature, angle | `°C` `°F` `°` |
//! | speed | `km/h` `mph` `kn` |
//! | energy, power | `W` `kW` `MW` `GW` `kWh` `MWh` `GWh` `TWh` `hp` |
//! | information | `bit` `B` `KB` `MB` `GB` `TB` `Mb` `Gb` |
//! | earthquakes | `magnitude` |
//!
//! Time units (seconds to years) are not here: durations are the dates
//! recognizer's. `pounds` is read here only when the amounts recognizer
//! decided it is a weight (see `super::money_or_weight`).

/// Every canonical unit, as a QUANTITY value carries it: what [`single`],
/// [`power`] and [`temperature_scale`] return.
pub(crate) const CANONICAL: &[&str] = &[
    "mm", "cm", "dm", "m", "km", "in", "ft", "yd", "mi", "nmi", "µg", "mg", "g", "kg", "t", "lb", "oz", "ct", "mm2", "cm2", "m2", "km2",
    "in2", "ft2", "yd2", "mi2", "ha", "acre", "ml", "cl", "l", "cm3", "m3", "ft3", "yd3", "gal", "bbl", "tbsp", "tsp", "°C", "°F", "°",
    "km/h", "mph", "kn", "W", "kW", "MW", "GW", "kWh", "MWh", "GWh", "TWh", "hp", "bit", "B", "KB", "MB", "GB", "TB", "Mb", "Gb",
    MAGNITUDE,
];

/// An earthquake's magnitude (Richter or moment magnitude scale), a
/// reading on a scale like degrees: the compounds write it too.
pub(crate) const MAGNITUDE: &str = "magnitude";

/// A unit as an annotator types it (`km`, `kilometres`, `sq km`, `°C`,
/// `degrees celsius`), to its canonical symbol.
pub(crate) fn canonical(written: &str) -> Option<&'static str> {
    let written = written.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(&u) = CANONICAL.iter().find(|&&u| u == written) {
        return Some(u);
    }
    let lower = written.to_lowercase();
    if let Some(u) = single(&written, &lower, true) {
        return Some(u);
    }
    let (first, rest) = lower.split_once(' ')?;
    if let Some(length) = single(rest, rest, true) {
        if let Some(u) = power(first, length) {
            return Some(u);
        }
    }
    match first {
        "degree" | "degrees" | "°" => temperature_scale(rest),
        _ => None,
    }
}

/// A unit written as one token, to its canonical symbol. `raw` is the token
/// as written (case matters for symbols: `MB` is megabytes, `mb` megabits,
/// `m` meters), `lower` the same lower-cased. `glued` says the unit touches
/// the number (`100t`), which the one-letter symbols that are also words
/// require.
pub(crate) fn single(raw: &str, lower: &str, glued: bool) -> Option<&'static str> {
    // Symbols, case-sensitive.
    let by_symbol = match raw {
        "m" => Some("m"),
        "g" => Some("g"),
        "t" if glued => Some("t"),
        "l" | "L" if glued => Some("l"),
        "mL" => Some("ml"),
        "B" if glued => Some("B"),
        "KB" | "kB" => Some("KB"),
        "MB" => Some("MB"),
        "GB" => Some("GB"),
        "TB" => Some("TB"),
        "Mb" | "mb" => Some("Mb"),
        "Gb" | "gb" => Some("Gb"),
        "W" => Some("W"),
        "kW" | "KW" => Some("kW"),
        "MW" => Some("MW"),
        "GW" => Some("GW"),
        "kWh" | "KWh" => Some("kWh"),
        "MWh" => Some("MWh"),
        "GWh" => Some("GWh"),
        "TWh" => Some("TWh"),
        _ => None,
    };
    if by_symbol.is_some() {
        return by_symbol;
    }
    let lower = lower.strip_suffix('.').unwrap_or(lower);
    Some(match lower {
        "mm" | "millimeter" | "millimeters" | "millimetre" | "millimetres" => "mm",
        "cm" | "centimeter" | "centimeters" | "centimetre" | "centimetres" => "cm",
        "dm" | "decimeter" | "decimeters" | "decimetre" | "decimetres" => "dm",
        "meter" | "meters" | "metre" | "metres" => "m",
        "km" | "kms" | "kilometer" | "kilometers" | "kilometre" | "kilometres" => "km",
        "inch" | "inches" => "in",
        "ft" | "foot" | "feet" => "ft",
        "yd" | "yds" | "yard" | "yards" => "yd",
        "mi" | "mile" | "miles" => "mi",
        "µg" | "μg" | "mcg" | "microgram" | "micrograms" | "microgramme" | "microgrammes" => "µg",
        "mg" | "milligram" | "milligrams" | "milligramme" | "milligrammes" => "mg",
        "gram" | "grams" | "gramme" | "grammes" => "g",
        "kg" | "kgs" | "kilogram" | "kilograms" | "kilogramme" | "kilogrammes" | "kilo" | "kilos" => "kg",
        "ton" | "tons" | "tonne" | "tonnes" => "t",
        "lb" | "lbs" => "lb",
        "oz" | "ounce" | "ounces" => "oz",
        "carat" | "carats" => "ct",
        "ha" | "hectare" | "hectares" => "ha",
        "acre" | "acres" => "acre",
        "km2" => "km2",
        "m2" => "m2",
        "cm2" => "cm2",
        "m3" => "m3",
        "ml" | "milliliter" | "milliliters" | "millilitre" | "millilitres" => "ml",
        "cl" | "centiliter" | "centiliters" | "centilitre" | "centilitres" => "cl",
        "liter" | "liters" | "litre" | "litres" => "l",
        "gal" | "gallon" | "gallons" => "gal",
        // `bpd` (barrels per day): a rate after a unit is left out of the
        // value (`1.2 million barrels a day` is 1200000 bbl), so is it here.
        "barrel" | "barrels" | "bbl" | "bbls" | "bpd" => "bbl",
        "tablespoon" | "tablespoons" | "tbsp" => "tbsp",
        "teaspoon" | "teaspoons" | "tsp" => "tsp",
        "kph" | "kmph" | "km/h" => "km/h",
        "mph" => "mph",
        "knot" | "knots" => "kn",
        "watt" | "watts" => "W",
        "kilowatt" | "kilowatts" => "kW",
        "megawatt" | "megawatts" => "MW",
        "gigawatt" | "gigawatts" => "GW",
        "kilowatt-hour" | "kilowatt-hours" => "kWh",
        "megawatt-hour" | "megawatt-hours" => "MWh",
        "gigawatt-hour" | "gigawatt-hours" => "GWh",
        "hp" | "horsepower" => "hp",
        "bit" | "bits" => "bit",
        "byte" | "bytes" => "B",
        "kilobyte" | "kilobytes" => "KB",
        "megabyte" | "megabytes" => "MB",
        "gigabyte" | "gigabytes" => "GB",
        "terabyte" | "terabytes" => "TB",
        "megabit" | "megabits" => "Mb",
        "gigabit" | "gigabits" => "Gb",
        "degree" | "degrees" | "°" => "°",
        "magnitude" => MAGNITUDE,
        _ => return None,
    })
}

/// Area and volume: `square` or `cubic` before a length unit.
pub(crate) fn power(modifier: &str, length: &str) -> Option<&'static str> {
    let square = matches!(modifier, "square" | "sq" | "sq.");
    let cubic = matches!(modifier, "cubic" | "cu" | "cu.");
    Some(match (square, cubic, length) {
        (true, _, "mm") => "mm2",
        (true, _, "cm") => "cm2",
        (true, _, "m") => "m2",
        (true, _, "km") => "km2",
        (true, _, "in") => "in2",
        (true, _, "ft") => "ft2",
        (true, _, "yd") => "yd2",
        (true, _, "mi") => "mi2",
        (_, true, "cm") => "cm3",
        (_, true, "m") => "m3",
        (_, true, "ft") => "ft3",
        (_, true, "yd") => "yd3",
        _ => return None,
    })
}

/// After degrees: the scale, lower-cased (`celsius`, `c`, `fahrenheit`).
pub(crate) fn temperature_scale(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "celsius" | "centigrade" | "c" => "°C",
        "fahrenheit" | "f" => "°F",
        _ => return None,
    })
}

/// Time units: never a QUANTITY (durations are the dates recognizer's).
pub(crate) fn is_time_unit(lower: &str) -> bool {
    matches!(
        lower,
        "second"
            | "seconds"
            | "sec"
            | "secs"
            | "minute"
            | "minutes"
            | "min"
            | "mins"
            | "hour"
            | "hours"
            | "hr"
            | "hrs"
            | "day"
            | "days"
            | "week"
            | "weeks"
            | "month"
            | "months"
            | "year"
            | "years"
            | "yr"
            | "yrs"
            | "decade"
            | "decades"
            | "century"
            | "centuries"
            | "ms"
            | "millisecond"
            | "milliseconds"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_units_are_listed_and_read_back() {
        let words = [
            "millimeters",
            "cm",
            "metres",
            "km",
            "inches",
            "feet",
            "yards",
            "miles",
            "micrograms",
            "mg",
            "grams",
            "kilos",
            "tonnes",
            "lbs",
            "ounces",
            "carats",
            "hectares",
            "acres",
            "km2",
            "m2",
            "cm2",
            "m3",
            "ml",
            "cl",
            "litres",
            "gallons",
            "barrels",
            "tbsp",
            "tsp",
            "km/h",
            "mph",
            "knots",
            "watts",
            "kilowatts",
            "megawatts",
            "gigawatts",
            "kilowatt-hours",
            "megawatt-hours",
            "gigawatt-hours",
            "hp",
            "bits",
            "bytes",
            "kilobytes",
            "megabytes",
            "gigabytes",
            "terabytes",
            "megabits",
            "gigabits",
            "degrees",
        ];
        for w in words {
            let u = single(w, w, true).unwrap_or_else(|| panic!("{w}"));
            assert!(CANONICAL.contains(&u), "{w} -> {u}");
        }
        for (m, l) in [
            ("square", "mm"),
            ("square", "cm"),
            ("sq", "m"),
            ("square", "km"),
            ("square", "in"),
            ("square", "ft"),
            ("square", "yd"),
            ("square", "mi"),
            ("cubic", "cm"),
            ("cubic", "m"),
            ("cubic", "ft"),
            ("cubic", "yd"),
        ] {
            assert!(CANONICAL.contains(&power(m, l).unwrap()), "{m} {l}");
        }
        for u in CANONICAL {
            assert_eq!(canonical(u), Some(*u), "{u}");
        }
        assert_eq!(canonical("kilometres"), Some("km"));
        assert_eq!(canonical("square  kilometers"), Some("km2"));
        assert_eq!(canonical("degrees Celsius"), Some("°C"));
        assert_eq!(canonical("furlongs"), None);
    }
}
