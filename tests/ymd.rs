//! `date::parse_ymd` and `date::format_ymd` behave exactly as chrono's
//! `%Y-%m-%d` (`NaiveDate::parse_from_str`, `NaiveDate::format`), which
//! they replaced to keep chrono's format-string machinery out of the page:
//! the same dates, the same errors (their messages reach the user), the
//! same text written.

use newsmark::{date, NaiveDate};
use proptest::prelude::*;

fn chrono_parse(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| e.to_string())
}

fn ours(s: &str) -> Result<NaiveDate, String> {
    date::parse_ymd(s).map_err(|e| e.to_string())
}

#[test]
fn tricky_inputs_parse_as_chrono_parses_them() {
    let cases = [
        "2022-08-09",
        "2022-8-9",
        " 2022-08-09",
        "22-08-09",
        "2022-08-09 ",
        "2022-08-09T10:00",
        "2022-02-30",
        "",
        "-",
        "2022",
        "2022-",
        "2022-08",
        "2022-08-",
        "+2022-08-09",
        "-0001-01-01",
        "+12345-01-01",
        "12345-01-01",
        "2022-13-01",
        "2022-00-10",
        "2022-01-00",
        "2022-1-32",
        "2022 -08-09",
        "2022- 08-09",
        "2022--08-09",
        "٢٠٢٢-٠٨-٠٩",
        "2022-08-09\n",
        "\t2022-08-09",
        "2022/08/09",
        "x2022-08-09",
        "2024-02-29",
        "2023-02-29",
        "9999-12-31",
        "0000-01-01",
        "-262144-01-01",
        "262143-12-31",
        "+262144-01-01",
        "002022-08-09",
    ];
    for s in cases {
        assert_eq!(ours(s), chrono_parse(s), "{s:?}");
    }
}

#[test]
fn dates_are_written_as_chrono_writes_them() {
    for (y, m, d) in [
        (2022, 8, 9),
        (1, 1, 1),
        (0, 1, 1),
        (999, 12, 31),
        (9999, 12, 31),
        (10_000, 1, 1),
        (-1, 1, 1),
        (-10_000, 6, 5),
        (262_142, 12, 31),
        (-262_142, 1, 1),
    ] {
        let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let text = date::format_ymd(date);
        assert_eq!(text, date.format("%Y-%m-%d").to_string());
        assert_eq!(date::parse_ymd(&text), Ok(date), "{text} reads back");
    }
}

proptest! {
    #[test]
    fn any_short_text_of_date_characters_parses_as_chrono_parses_it(s in "[ +\\-0-9T:/x]{0,14}") {
        prop_assert_eq!(ours(&s), chrono_parse(&s), "{:?}", s);
    }

    #[test]
    fn any_date_is_written_as_chrono_writes_it(days in -95_000_000i64..95_000_000) {
        let date = NaiveDate::from_num_days_from_ce_opt((days / 1000) as i32).unwrap();
        prop_assert_eq!(date::format_ymd(date), date.format("%Y-%m-%d").to_string());
    }
}
