//! Table-driven tokenizer cases from `tests/data/tokenize.tsv`.

use newsmark::tokenize::tokenize;

/// Undoes the file's escapes: `\n`, `\t` and `\uXXXX`.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                out.push(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32).expect("a valid \\uXXXX escape"));
            }
            other => panic!("unknown escape \\{other:?}"),
        }
    }
    out
}

#[test]
fn tokenizer_cases() {
    let table = include_str!("data/tokenize.tsv");
    let mut failures = Vec::new();
    let mut cases = 0;
    for (n, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (input, expected) = line.split_once('\t').unwrap_or_else(|| panic!("line {}: no tab", n + 1));
        let input = unescape(input);
        let expected: Vec<String> = expected.split(" | ").map(unescape).collect();
        let got: Vec<&str> = tokenize(&input).iter().map(|t| t.text(&input)).collect();
        cases += 1;
        if got != expected {
            failures.push(format!("line {}: {input:?}\n  expected {expected:?}\n  got      {got:?}", n + 1));
        }
    }
    assert!(cases >= 30, "only {cases} cases read");
    assert!(failures.is_empty(), "{} of {cases} cases failed:\n{}", failures.len(), failures.join("\n"));
}
