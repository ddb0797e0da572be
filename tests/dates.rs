//! Dates and times, table-driven from `tests/data/dates*.tsv`, and the
//! DATE/TIME gold spans of the seed articles.
//!
//! The tables' format is in `tests/common/date_table.rs`.

mod common;
#[path = "common/date_table.rs"]
mod date_table;

use newsmark::{annotate_amounts_and_dates, Label, NaiveDate, Value};

#[test]
fn table() {
    let files = date_table::files("dates");
    let mut total = 0;
    let mut failures = Vec::new();
    for path in &files {
        for case in date_table::load(path) {
            total += 1;
            let got = date_table::dates(&case.input, case.date);
            let want = &case.expected;
            if got != *want {
                failures.push(format!(
                    "{}:{}: {:?} (date {:?})\n    want {want:?}\n    got  {got:?}",
                    case.file, case.line, case.input, case.date
                ));
            }
        }
    }
    println!("dates table: {} of {total} cases pass", total - failures.len());
    assert!(total >= 60, "only {total} cases");
    assert!(failures.is_empty(), "{} of {total} cases fail:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn article_dates() {
    let d = |s: &str| newsmark::date::parse_ymd(s).ok();
    let detect = newsmark::date::detect_article_date;
    assert_eq!(detect(" date 2022-08-10 Title\nBy Someone\nWASHINGTON, Aug. 9 (Yonhap) -- Text."), d("2022-08-09"));
    assert_eq!(detect("date 2022-08-10 Title\nText on Tuesday."), d("2022-08-10"));
    assert_eq!(detect("SEOUL, Aug 9 (AFP) - Text."), None);
    assert_eq!(detect("LONDON, Aug. 9, 2022 (Reuters) - Text."), d("2022-08-09"));
    assert_eq!(detect("Text with a date 2022-08-10 later on."), None);
    // The date line says the page's date; the dateline's day wins, and a
    // year-end dateline takes the year before the page's.
    assert_eq!(detect("date 2023-01-01\nNEW YORK, Dec. 31 (AP) -- Text."), d("2022-12-31"));
    let doc = newsmark::annotate(" date 2022-08-10 Title\nWASHINGTON, Aug. 9 (Yonhap) -- Met Tuesday.", &Default::default());
    assert_eq!(doc.article_date, d("2022-08-09"));
    assert_eq!(doc.article_date_source, Some(newsmark::DateSource::Dateline));
}

/// Every DATE and TIME of the seed gold is found with its value.
#[test]
fn seeds() {
    let Some(shared) = common::shared_dir("dates::seeds") else { return };
    let gold = common::read_jsonl(&shared.join("seeds/gold.jsonl"));
    let (mut want_n, mut found, mut right, mut extra) = (0, 0, 0, Vec::new());
    for doc in &gold {
        let text = doc["text"].as_str().unwrap();
        let cps: Vec<(usize, char)> = text.char_indices().collect();
        let byte = |cp: usize| cps.get(cp).map_or(text.len(), |&(b, _)| b);
        let want: Vec<(usize, usize, String, String)> = doc["spans"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| matches!(s["label"].as_str(), Some("DATE" | "TIME")))
            .map(|s| {
                let (a, b) = (byte(s["start"].as_u64().unwrap() as usize), byte(s["end"].as_u64().unwrap() as usize));
                (a, b, s["label"].as_str().unwrap().to_string(), s["value"].as_str().unwrap_or("").to_string())
            })
            .collect();
        let got = annotate_amounts_and_dates(text, None);
        for g in got.iter().filter(|a| matches!(a.label, Label::Date | Label::Time)) {
            let value = match &g.value {
                Some(Value::Timex(t)) => t.clone(),
                _ => String::new(),
            };
            match want.iter().find(|w| w.0 == g.span.start && w.1 == g.span.end && w.2 == g.label.as_str()) {
                Some(w) => {
                    found += 1;
                    if w.3 == value {
                        right += 1;
                    } else {
                        println!("{}: value {value} for {:?}, gold {}", doc["id"], g.text(text), w.3);
                    }
                }
                None => extra.push(format!("{}: {:?} {} {value}", doc["id"], g.text(text), g.label)),
            }
        }
        want_n += want.len();
    }
    println!("seeds DATE/TIME: {found} of {want_n} gold spans found, {right} with the right value; {} extra: {extra:?}", extra.len());
    assert_eq!(found, want_n, "missed gold spans");
    assert_eq!(right, found, "wrong values");
    assert!(extra.is_empty(), "spans not in the gold: {extra:?}");
}

/// Throughput on about 1 MB of news text (the seeds and CoNLL-2003 train
/// documents from `../shared`): dates alone (tokens given), and amounts and
/// dates with tokenizing and overlap resolution. A measurement, not a
/// check: `cargo test --release --test dates throughput -- --ignored --nocapture`.
#[test]
#[ignore]
fn throughput() {
    let Some(shared) = common::shared_dir("dates::throughput") else { return };
    let mut text = String::new();
    for seed in ["seeds/000_6ac429f6726e5ad8.txt", "seeds/002_1cfbe7425d5f0805.txt"] {
        text += &std::fs::read_to_string(shared.join(seed)).unwrap();
        text.push('\n');
    }
    for doc in common::read_jsonl(&shared.join("data/conll2003/train.jsonl")) {
        if text.len() >= 1 << 20 {
            break;
        }
        let t = doc["text"].as_str().unwrap_or_default();
        text += &t.replace(" ,", ",").replace(" .", ".").replace(" 's", "'s").replace(" n't", "n't");
        text.push_str("\n\n");
    }
    let mb = text.len() as f64 / 1e6;
    let tokens = newsmark::tokenize::tokenize(&text);
    let cx = newsmark::Context { text: &text, tokens: &tokens, article_date: NaiveDate::from_ymd_opt(1996, 8, 22) };
    // The machine may be shared: besides the best wall time of a few runs,
    // count the CPU time this thread spent (utime + stime from
    // /proc/thread-self/stat, in 10 ms ticks) over enough runs to be exact
    // to a few percent, and report the better of the two.
    fn cpu_ticks() -> Option<u64> {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
        let after = &stat[stat.rfind(')')? + 2..];
        let fields: Vec<&str> = after.split(' ').collect();
        Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
    }
    let best = |f: &mut dyn FnMut() -> usize| {
        let mut best = f64::MAX;
        let mut n = 0;
        for _ in 0..5 {
            let t = std::time::Instant::now();
            n = f();
            best = best.min(t.elapsed().as_secs_f64());
        }
        let runs = 40;
        if let Some(start) = cpu_ticks() {
            for _ in 0..runs {
                n = f();
            }
            if let Some(end) = cpu_ticks() {
                let cpu = (end - start) as f64 / 100.0 / runs as f64;
                if cpu > 0.0 {
                    best = best.min(cpu);
                }
            }
        }
        (best, n)
    };
    let (dates_s, n_dates) = best(&mut || {
        let mut out = Vec::new();
        newsmark::date::recognize(&cx, &mut out);
        out.len()
    });
    let (tok_s, n_tok) = best(&mut || newsmark::tokenize::tokenize(&text).len());
    let (amount_s, n_amounts) = best(&mut || {
        let mut out = Vec::new();
        newsmark::amount::recognize(&cx, &mut out);
        out.len()
    });
    let (all_s, n_all) = best(&mut || annotate_amounts_and_dates(&text, None).len());
    println!("tokenize: {:.1} MB/s, {n_tok} tokens", mb / tok_s);
    println!("amounts alone (tokens given): {:.1} MB/s, {n_amounts} candidates", mb / amount_s);
    println!("text: {:.2} MB", mb);
    println!("dates alone (tokens given): {:.1} MB/s, {n_dates} dates and times", mb / dates_s);
    println!("amounts and dates (tokenize + recognize + resolve): {:.1} MB/s, {n_all} annotations", mb / all_s);
}

mod properties {
    use newsmark::{Context, NaiveDate};
    use proptest::prelude::*;

    /// Pieces dates are made of, and pieces that break them, so that random
    /// texts reach deep into the scanner.
    const PIECES: &[&str] = &[
        "Aug.",
        "August",
        "May",
        "march",
        "9",
        "21st",
        "2022",
        "1990s",
        "2022-08-10",
        "08/09/2022",
        "9-10",
        "4/22",
        "13.5.2015",
        "Tuesday",
        "Sun",
        "tues.",
        "last",
        "next",
        "this",
        "the",
        "a",
        "an",
        "day",
        "days",
        "year",
        "week",
        "month",
        "ago",
        "from",
        "now",
        "after",
        "before",
        "today",
        "tomorrow",
        "yesterday",
        "earlier",
        "later",
        "early",
        "mid-",
        "mid-2019",
        "3",
        "p.m.",
        "a.m.",
        "10:30",
        "7:56:35",
        "GMT",
        "KST",
        "noon",
        "midnight",
        "o'clock",
        "in",
        "of",
        "on",
        "at",
        "and",
        "half",
        "quarter",
        "first",
        "second",
        "twenty",
        "one",
        "two",
        "hours",
        "minutes",
        "Q3",
        "third-quarter",
        "summer",
        "999,999,999,999,999",
        "4294967295",
        "31",
        "00",
        ",",
        ".",
        "-",
        "/",
        "(",
        ")",
        "--",
        "\n",
        " ",
        "é",
        "東京",
        "👍🏽",
        "\u{301}",
        "’",
        "date",
        "WASHINGTON,",
        "(Yonhap)",
    ];

    fn text_strategy() -> impl Strategy<Value = String> {
        prop::collection::vec(prop_oneof![3 => prop::sample::select(PIECES).prop_map(str::to_string), 1 => any::<String>()], 0..40)
            .prop_map(|parts| parts.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn dates_never_panic_and_spans_are_sound(text in text_strategy(), dated in any::<bool>()) {
            let _ = newsmark::date::detect_article_date(&text);
            let tokens = newsmark::tokenize::tokenize(&text);
            let cx = Context { text: &text, tokens: &tokens, article_date: dated.then(|| NaiveDate::from_ymd_opt(2022, 8, 9)).flatten() };
            let mut out = Vec::new();
            newsmark::date::recognize(&cx, &mut out);
            let mut last_end = 0;
            for a in &out {
                prop_assert!(a.span.is_valid_in(&text) && !a.span.is_empty());
                prop_assert!(a.span.start >= last_end, "overlap or disorder");
                prop_assert!(matches!(a.value, Some(newsmark::Value::Timex(_))));
                last_end = a.span.end;
            }
        }
    }
}

/// Prints every date and time found in CoNLL-2003 dev documents, for
/// reading by eye: `cargo test --test dates dump_conll -- --ignored --nocapture`.
#[test]
#[ignore]
fn dump_conll() {
    let Some(shared) = common::shared_dir("dates::dump_conll") else { return };
    for doc in common::read_jsonl(&shared.join("data/conll2003/dev.jsonl")).iter().take(216) {
        let t = doc["text"].as_str().unwrap_or_default();
        for (span, label, value) in date_table::dates(t, NaiveDate::from_ymd_opt(1996, 8, 30)) {
            println!("{label}\t{value}\t{span}");
        }
    }
}
