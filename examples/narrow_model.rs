//! Cuts the keys of a names model file to the widths the page ships
//! (`newsmark::names::model::SHIPPED_WIDTHS`), without retraining: how
//! `model/names.bin` went from format version 4 to 5. Training writes
//! them so already (`newsmark train`).
//!
//!   cargo run --release --example narrow_model -- IN.bin OUT.bin

use newsmark::names::model::{Model, SHIPPED_WIDTHS};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        return Err("usage: narrow_model IN.bin OUT.bin".into());
    };
    let whole = Model::from_bytes(&std::fs::read(input)?)?;
    let narrow = whole.narrowed(SHIPPED_WIDTHS)?;
    let bytes = narrow.to_bytes();
    std::fs::write(output, &bytes)?;
    let (before, after) = (whole.to_bytes().len(), bytes.len());
    let kept = |m: &Model| [m.n_features(), m.n_cluster_words(), m.gazetteer().parts().0.len()];
    println!(
        "{input} -> {output}: keys of {SHIPPED_WIDTHS:?} bits; of the features, cluster words and gazetteer keys {:?} of {:?} kept; {before} -> {after} bytes",
        kept(&narrow),
        kept(&whole)
    );
    Ok(())
}
