//! Trains the names model: `cargo run --release --example train -- [--data DIR] [--out PATH] ...`
//! (the same as `newsmark train ...`).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(e) = newsmark::names::train::run(&args) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
