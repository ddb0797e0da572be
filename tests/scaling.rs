//! Linear time on any text: the whole pipeline (`annotate`) and the
//! tokenizer alone, at n and 4n, on inputs that once made them quadratic
//! (issue 12): text without spaces (Chinese), runs of punctuation, emoji
//! runs, base64, many bylines, one name repeated. Linear growth is a ratio
//! of 4, quadratic 16; the bar is 8, wide enough for a loaded machine.
//!
//! The tests time one at a time (the harness runs them on parallel
//! threads, which on two cores timed each other), on inputs large enough
//! that the smaller one takes milliseconds, not the clock's noise.

use newsmark::{annotate, tokenize, Options};
use std::sync::Mutex;
use std::time::Instant;

/// Held while a test times: one measurement at a time.
static TIMING: Mutex<()> = Mutex::new(());

/// The fastest of five runs, in seconds (the least disturbed measure).
fn fastest(f: impl Fn()) -> f64 {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::MAX, f64::min)
}

fn assert_linear(what: &str, make: impl Fn(usize) -> String, n: usize) {
    let _one_at_a_time = TIMING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let (small, large) = (make(n), make(4 * n));
    for (stage, run) in [
        ("tokenize", &(|t: &str| drop(tokenize::tokenize(t))) as &dyn Fn(&str)),
        ("annotate", &|t: &str| drop(annotate(t, &Options::default()))),
    ] {
        // Below a millisecond the clock's noise is the measure: count such a
        // run as a millisecond. A ratio over the bar is measured again, up
        // to three times: quadratic work stays at 16 on every try, while a
        // neighbour's burst of work (another test binary, another process)
        // passes.
        let measure = || {
            let (a, b) = (fastest(|| run(&small)), fastest(|| run(&large)));
            (a, b, b / a.max(1e-3))
        };
        let (a, b, ratio) = (0..3).map(|_| measure()).find(|&(_, _, ratio)| ratio < 8.0).unwrap_or_else(measure);
        println!(
            "{what:16} {stage:8} {:>8} bytes {:8.2} ms, {:>8} bytes {:8.2} ms: x{ratio:.1}",
            small.len(),
            a * 1e3,
            large.len(),
            b * 1e3
        );
        assert!(
            ratio < 8.0,
            "{what}: {stage} took {:.1} ms on {} bytes and {:.1} ms on 4 times as much (x{ratio:.1})",
            a * 1e3,
            small.len(),
            b * 1e3
        );
    }
}

#[test]
fn text_without_spaces() {
    let han: Vec<char> = "東京都知事選挙経済成長率中国人民銀行発表".chars().collect();
    assert_linear("Chinese", |n| (0..n).map(|i| han[i % han.len()]).collect(), 80_000);
}

#[test]
fn punctuation_runs() {
    assert_linear("( run", |n| "(".repeat(n), 160_000);
    assert_linear(") run", |n| ")".repeat(n), 160_000);
    assert_linear("mixed punct", |n| "(!?;:)".repeat(n / 6), 160_000);
}

#[test]
fn emoji_runs() {
    assert_linear("emoji", |n| "👩‍👩‍👧🎉👍🏽".repeat(n / 10), 80_000);
}

#[test]
fn base64_and_addresses() {
    let base64 = |n: usize| (0..n).map(|i| b"QWxhZGRpbjpvcGVuIHNlc2FtZQ+/="[i * 7 % 28] as char).collect::<String>();
    assert_linear("base64", base64, 240_000);
    assert_linear("many @", |n| "a@b".repeat(n / 3), 240_000);
    assert_linear("dotted", |n| "a.b".repeat(n / 3) + "@x.com", 240_000);
}

#[test]
fn bylines() {
    assert_linear("bylines", |n| "By Jung Pak\nSEOUL -- Kim Jong-un met Moon Jae-in.\n".repeat(n / 50), 100_000);
}

#[test]
fn a_repeated_name() {
    assert_linear("repeated name", |n| "Jung Pak met Lee Tae-woo. ".repeat(n / 26), 100_000);
}
