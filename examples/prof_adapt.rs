use newsmark::{Adapter, Options};
fn main() {
    let bytes = std::fs::read("/tmp/snapA/adapt/learned.nml").unwrap();
    let a = Adapter::from_bytes(&bytes).unwrap();
    let text = std::fs::read_to_string("../shared/data/wikigold/dev.jsonl").unwrap();
    let texts: Vec<String> =
        text.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap().to_owned()).collect();
    let mode = std::env::args().nth(1).unwrap_or_default();
    let t = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..20 {
        for s in &texts {
            bytes += s.len();
            if mode == "today" {
                newsmark::annotate(s, &Options::default());
            } else {
                a.annotate(s, &Options::default());
            }
        }
    }
    eprintln!("{mode} {:.2} MB/s total {:.3}s", bytes as f64 / t.elapsed().as_secs_f64() / 1e6, t.elapsed().as_secs_f64());
}
