//! Reading files: a format found from the name and the content
//! ([`detect`]), then the whole file read and checked before anything is
//! returned; a brat `.txt` and `.ann` read together as one document.

use super::options::{FileReport, ImportOptions, Imported, Read};
use super::{brat, check, docbin, doccano, json, labelstudio, prodigy, spacy, tool_config, Format, NamedDocument};
use super::{conll, conllu, hf};
use crate::document::Document;
use crate::error::{Error, ErrorKind, Result};
use std::collections::{HashMap, HashSet};

/// Reads a file into documents, finding its format from the file name's
/// ending and the content (see [`detect`]). Nothing is returned unless the
/// whole file is valid.
///
/// Documents without an id in the file are named after the file
/// (`article.txt`) or numbered (`doc-1`, `doc-2`, ...).
pub fn import(content: &str, file_name: &str) -> Result<Vec<NamedDocument>> {
    Ok(import_with(content.as_bytes(), file_name, &ImportOptions::default())?.docs)
}

/// Reads a file in a known format.
pub fn import_as(content: &str, format: Format, file_name: &str) -> Result<Vec<NamedDocument>> {
    let options = ImportOptions { format: Some(format), ..ImportOptions::default() };
    Ok(import_with(content.as_bytes(), file_name, &options)?.docs)
}

/// Reads a file's bytes: they must be UTF-8 (a byte order mark is dropped).
pub fn import_bytes(bytes: &[u8], file_name: &str) -> Result<Vec<NamedDocument>> {
    Ok(import_with(bytes, file_name, &ImportOptions::default())?.docs)
}

/// Reads a file's bytes with the user's choices ([`ImportOptions`]: its
/// format, offset unit, tag scheme, label mapping, leniency) and reports
/// what it read. Nothing is returned unless the whole file is valid (or,
/// with [`ImportOptions::lenient`], unless what could not be read is
/// counted in the report's `skipped` and `warnings`).
pub fn import_with(bytes: &[u8], file_name: &str, options: &ImportOptions) -> Result<Imported> {
    let (read, renamed) = check::Renamed::counted(|| read_file(bytes, file_name, options));
    let (format, mut read) = read?;
    read.warnings.extend(renamed);
    let report = report_of(file_name, format, &read);
    Ok(Imported { docs: some_document(read.docs, file_name)?, reports: vec![report] })
}

/// The format of a file and what it gave ([`import_with`]).
fn read_file(bytes: &[u8], file_name: &str, options: &ImportOptions) -> Result<(Format, Read)> {
    // A DocBin is bytes: read before any UTF-8 decoding.
    if options.format == Some(Format::DocBin) || (options.format.is_none() && docbin::looks_like(bytes, file_name)) {
        return Ok((Format::DocBin, docbin::import(bytes, options).map_err(|e| e.context(display_name(file_name)))?));
    }
    let content = std::str::from_utf8(bytes).map_err(|e| {
        Error::new(ErrorKind::UnsupportedFormat, format!("{file_name}: not UTF-8 text (invalid byte at offset {})", e.valid_up_to()))
    })?;
    let content = without_bom(content);
    let (format, parsed) = match options.format {
        Some(format) => (format, None),
        None => detect_parsed(content, file_name)?,
    };
    Ok((format, import_parsed(content, format, parsed, file_name, options)?))
}

/// What a file gave, for its [`FileReport`].
fn report_of(file_name: &str, format: Format, read: &Read) -> FileReport {
    FileReport {
        file: file_name.to_owned(),
        format: Some(format),
        documents: read.docs.len(),
        spans: read.docs.iter().map(|d| d.doc.annotations.len()).sum(),
        skipped: read.skipped,
        warnings: read.warnings.clone(),
    }
}

/// `docs`, or an error when the file held none (`[]`): one rule for every
/// import, the CLI's and the page's, rather than an import that quietly
/// brings nothing.
fn some_document(docs: Vec<NamedDocument>, file_name: &str) -> Result<Vec<NamedDocument>> {
    if docs.is_empty() {
        return Err(Error::new(ErrorKind::InvalidJson, format!("{file_name}: no document in the file")));
    }
    Ok(docs)
}

/// Reads several files at once, as a file picker or a drop gives them:
/// `(file name, content)`. A `.txt` and an `.ann` with the same name
/// before the ending are read as one brat document; every other file as
/// [`import`] reads it. All or nothing: the first error is returned, naming
/// its file.
pub fn import_files(files: &[(&str, &str)]) -> Result<Vec<NamedDocument>> {
    let files: Vec<(&str, &[u8])> = files.iter().map(|&(n, c)| (n, c.as_bytes())).collect();
    Ok(import_files_with(&files, &ImportOptions::default())?.docs)
}

/// [`import_files`] on files' bytes, with the user's choices, reporting
/// what each file gave (a brat pair is reported under its `.ann`).
pub fn import_files_with(files: &[(&str, &[u8])], options: &ImportOptions) -> Result<Imported> {
    let stem = |name: &str| name.rsplit_once('.').map(|(s, _)| s.to_owned()).unwrap_or_else(|| name.to_owned());
    let is = |name: &str, ext: &str| name.to_lowercase().ends_with(ext);
    let texts: HashMap<String, &[u8]> = files.iter().filter(|(n, _)| is(n, ".txt")).map(|&(n, c)| (stem(n), c)).collect();
    let anns: HashSet<String> = files.iter().filter(|(n, _)| is(n, ".ann")).map(|(n, _)| stem(n)).collect();
    let utf8 = |name: &str, bytes: &[u8]| -> Result<String> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            Error::new(ErrorKind::UnsupportedFormat, format!("{name}: not UTF-8 text (invalid byte at offset {})", e.valid_up_to()))
        })?;
        Ok(text.to_owned())
    };
    let mut all = Imported::default();
    let mut configs = Vec::new();
    for &(name, content) in files {
        // A tool's label configuration beside the documents (a brat or doccano export folder).
        let config = std::str::from_utf8(content).ok().and_then(|c| tool_config::detect(name, c).map(|tool| (tool, c)));
        if let Some((tool, text)) = config {
            let names: Vec<String> = tool_config::read(&[(name, text)]).map_or_else(
                |_| Vec::new(),
                |read| read.built_in.iter().map(|l| (*l).to_owned()).chain(read.labels.into_iter().map(|l| l.name)).collect(),
            );
            let naming = if names.is_empty() { String::new() } else { format!(" naming {}", names.join(", ")) };
            configs.push(format!("{name}: {}", tool.description()));
            all.reports.push(FileReport {
                file: name.to_owned(),
                format: None,
                documents: 0,
                spans: 0,
                skipped: 0,
                warnings: vec![format!(
                    "{}, a label configuration{naming}: not documents (left out: the labels of the documents are read from them)",
                    tool.description()
                )],
            });
            continue;
        }
        if is(name, ".ann") {
            let Some(text) = texts.get(&stem(name)) else {
                return Err(Error::new(
                    ErrorKind::UnsupportedFormat,
                    format!("{name}: a brat .ann needs its .txt ({}.txt) in the same import", stem(name)),
                ));
            };
            let txt_name = format!("{}.txt", stem(name));
            // brat reads the .txt with its mark and counts it: brat::import drops it and shifts the offsets.
            let ann = utf8(name, content)?;
            let txt = utf8(&txt_name, text)?;
            let (doc, renamed) = check::Renamed::counted(|| brat::import(&txt, &ann, &options.labels()).map_err(|e| e.context(name)));
            let doc = doc?;
            let id = stem(name).rsplit(['/', '\\']).next().unwrap_or("doc").to_owned();
            let warnings = brat::left_out(&ann)
                .map(|what| format!("{id:?}: {what}, which newsmark does not keep (left out: it keeps the text-bound spans)"))
                .into_iter()
                .chain(renamed)
                .collect();
            let read = Read { docs: vec![NamedDocument::new(id, doc)], skipped: 0, warnings };
            all.reports.push(report_of(name, Format::Brat, &read));
            all.docs.extend(read.docs);
        } else if is(name, ".txt") && anns.contains(&stem(name)) {
            continue; // read with its .ann
        } else {
            let one = import_with(content, name, options)?;
            all.docs.extend(one.docs);
            all.reports.extend(one.reports);
        }
    }
    if all.docs.is_empty() && !configs.is_empty() {
        return Err(Error::new(
            ErrorKind::UnsupportedFormat,
            format!("no document in the files: {} (a label configuration, not documents)", configs.join("; ")),
        ));
    }
    Ok(all)
}

/// `content` without the byte-order mark some editors put first (Windows
/// Notepad, Excel's "CSV UTF-8"): it is not part of the text, and offsets
/// count from after it (brat's `.ann` excepted, which counts it: see
/// [`crate::export`]). Every import entry point calls this, and so does
/// `newsmark annotate` on what it reads; one mark is dropped, not more.
pub fn without_bom(content: &str) -> &str {
    content.strip_prefix('\u{feff}').unwrap_or(content)
}

/// Reads a file in a known format; `parsed` is its JSON when detection
/// already parsed it, so that large files are parsed once.
fn import_parsed(
    content: &str,
    format: Format,
    parsed: Option<serde_json::Value>,
    file_name: &str,
    options: &ImportOptions,
) -> Result<Read> {
    let in_file = |e: Error| e.context(display_name(file_name));
    if content.trim().is_empty() {
        let kind = if format == Format::Text { ErrorKind::UnsupportedFormat } else { ErrorKind::InvalidJson };
        return Err(in_file(Error::new(kind, "the file is empty")));
    }
    if looks_binary(content, format == Format::Text) {
        return Err(in_file(Error::new(
            ErrorKind::UnsupportedFormat,
            "the file looks binary (control characters or undecodable bytes), not text",
        )));
    }
    let parse = |parsed: Option<serde_json::Value>| match parsed {
        Some(v) => Ok(v),
        None => check::parse(content, "the file"),
    };
    if format == Format::LabelStudio {
        return parse(parsed).and_then(|v| labelstudio::import(&v, options.lenient, &options.labels())).map_err(in_file);
    }
    if format == Format::Doccano {
        let unit = options.offset_unit.unwrap_or(doccano::DEFAULT_UNIT);
        return doccano::import(content, unit, options.lenient, &options.labels()).map_err(in_file);
    }
    let mut warnings = Vec::new();
    let docs = match format {
        Format::Text => Ok(vec![NamedDocument::new(
            default_id(file_name),
            Document { text: content.to_owned(), article_date: None, article_date_source: None, annotations: Vec::new() },
        )]),
        Format::Json => parse(parsed).and_then(|v| json::import_json(&v, options, &mut warnings)),
        Format::Jsonl => json::import_jsonl(content, options, &mut warnings),
        Format::Spacy => parse(parsed).and_then(|v| spacy::import(&v, &options.labels(), &mut warnings)),
        // Read above, with what they left out (never reached).
        Format::Doccano | Format::LabelStudio => Err(Error::new(ErrorKind::UnsupportedFormat, format!("{format} is read above"))),
        Format::DocBin => return docbin::import(content.as_bytes(), options).map_err(in_file),
        Format::SpacyDoc => return spacy::import_doc_json(parsed, content, options).map_err(in_file),
        Format::Prodigy => return prodigy::import(parsed, content, options).map_err(in_file),
        Format::Brat => {
            Err(Error::new(ErrorKind::UnsupportedFormat, "a brat .ann is read together with its .txt (import both files at once)"))
        }
        Format::Conll => conll::import(content, options),
        Format::Conllu => conllu::import(content, options),
        Format::Hf => hf::import(content, options),
        Format::Csv | Format::LabelStudioConfig => {
            Err(Error::new(ErrorKind::UnsupportedFormat, format!("{} files can be exported but not imported", format.display_name())))
        }
    }
    .map_err(in_file)?;
    Ok(Read { docs, skipped: 0, warnings })
}

/// Finds a file's format from its name's ending and its content.
///
/// - `.txt`, `.text`: plain text.
/// - `.json`: a JSON array of `[text, {"entities": ...}]` pairs is spaCy; a
///   task or list of tasks with `"data"` is Label Studio, and so is Label
///   Studio's JSON-MIN (objects with lists of regions that have `"labels"`); an object or list
///   of objects with `"text"` is newsmark JSON. A `.json` file that holds one
///   object per line is read as JSONL.
/// - `.jsonl`, `.ndjson`: lines whose spans are `[start, end, label]` arrays
///   (under `"label"`, `"labels"` or `"entities"`), or doccano's relation
///   mode objects with `"start_offset"`, are doccano; lines with other
///   span objects are newsmark JSONL.
/// - `.conll` (`.iob`, `.iob2`, `.bio`): CoNLL; `.conllu`: CoNLL-U.
/// - `.hf.jsonl`, or a `.jsonl` whose first line has `tokens` and
///   `ner_tags`: Hugging Face JSONL.
/// - `.ann`, `.csv`: export-only formats (an error).
/// - no ending: JSON if it looks like JSON, else plain text.
pub fn detect(content: &str, file_name: &str) -> Result<Format> {
    detect_parsed(content, file_name).map(|(format, _)| format)
}

/// [`detect`], returning the parsed JSON when it parsed the whole file.
fn detect_parsed(content: &str, file_name: &str) -> Result<(Format, Option<serde_json::Value>)> {
    let content = without_bom(content);
    let lower = file_name.to_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).filter(|e| !e.contains('/') && !e.contains('\\'));
    let looks_json = matches!(content.trim_start().as_bytes().first(), Some(b'{' | b'['));
    match ext {
        Some("txt" | "text") => Ok((Format::Text, None)),
        Some("spacy") => Ok((Format::DocBin, None)),
        Some("json") => Ok(sniff_json(content)),
        Some("jsonl") if lower.ends_with(".hf.jsonl") => Ok((Format::Hf, None)),
        Some("jsonl" | "ndjson") => Ok((sniff_jsonl(content), None)),
        Some("ann") => Err(Error::new(ErrorKind::UnsupportedFormat, format!("{file_name}: a brat .ann is read together with its .txt (import both files at once)"))),
        Some("conll" | "iob" | "iob2" | "bio") => Ok((Format::Conll, None)),
        Some("conllu") => Ok((Format::Conllu, None)),
        Some("csv" | "tsv") => Err(Error::new(ErrorKind::UnsupportedFormat, format!("{file_name}: CSV files can be exported but not imported (they do not hold the text)"))),
        None if looks_json => Ok(sniff_json(content)),
        None => Ok((Format::Text, None)),
        Some(other) => Err(Error::new(
            ErrorKind::UnsupportedFormat,
            format!("{file_name}: .{other} files are not supported; import .txt, newsmark .json/.jsonl, doccano .jsonl, Label Studio .json, spaCy .json, CoNLL .conll, CoNLL-U .conllu or Hugging Face .jsonl"),
        )),
    }
}

/// Which JSON format a `.json` file holds. Malformed content is classified
/// as newsmark JSON so that its parser reports the problem.
fn sniff_json(content: &str) -> (Format, Option<serde_json::Value>) {
    let whole: Option<serde_json::Value> = serde_json::from_str(content).ok();
    let first = match &whole {
        Some(serde_json::Value::Array(items)) => items.first(),
        Some(v) => Some(v),
        None => {
            // Several objects, one per line: JSONL in a .json file.
            let lines: Vec<&str> = content.lines().filter(|l| !l.trim().is_empty()).collect();
            let all_objects = lines.len() > 1
                && lines.iter().all(|l| matches!(serde_json::from_str::<serde_json::Value>(l), Ok(serde_json::Value::Object(_))));
            return (if all_objects { sniff_jsonl(content) } else { Format::Json }, None);
        }
    };
    let format = match first {
        Some(serde_json::Value::Array(_)) => Format::Spacy,
        Some(serde_json::Value::Object(o)) if o.contains_key("data") => Format::LabelStudio,
        Some(v) if labelstudio::is_min(v) => Format::LabelStudio, // JSON-MIN
        Some(serde_json::Value::Object(o)) if spacy::is_doc_json(o) => Format::SpacyDoc,
        Some(serde_json::Value::Object(o)) if prodigy::is_example(o) => Format::Prodigy,
        _ => Format::Json,
    };
    (format, whole)
}

/// Which JSONL format a file holds, from its first parsable line.
fn sniff_jsonl(content: &str) -> Format {
    let first = content.lines().find(|l| !l.trim().is_empty()).and_then(|l| serde_json::from_str(l).ok());
    let Some(serde_json::Value::Object(o)) = first else {
        return Format::Jsonl; // its parser reports the problem
    };
    if o.contains_key("tokens") && o.contains_key("ner_tags") {
        return Format::Hf;
    }
    if spacy::is_doc_json(&o) {
        return Format::SpacyDoc;
    }
    if prodigy::is_example(&o) {
        return Format::Prodigy;
    }
    if o.contains_key("spans") || o.contains_key("annotations") || o.contains_key("schema") {
        return Format::Jsonl;
    }
    let spans = ["label", "labels", "entities"].into_iter().find_map(|k| o.get(k));
    match spans {
        Some(serde_json::Value::Array(items)) if items.iter().all(|s| s.is_array()) => Format::Doccano,
        // doccano's relation mode: `{"id", "label", "start_offset", "end_offset"}` objects.
        Some(serde_json::Value::Array(items)) if items.iter().all(|s| s.get("start_offset").is_some()) => Format::Doccano,
        _ => Format::Jsonl,
    }
}

/// True for content that is not text: a NUL (which binary formats are
/// full of and no article holds), or, for plain text, many replacement
/// characters from a lossy decode (in JSON they would be legitimate text).
/// Other control characters are text: the annotator accepts any text, so
/// an import of what it wrote must too (DEL, Word's vertical-tab line
/// break, a stray U+0001 from a copy and paste).
fn looks_binary(content: &str, count_replacements: bool) -> bool {
    let mut replacements = 0usize;
    for c in content.chars() {
        match c {
            '\0' => return true,
            '\u{fffd}' => replacements += 1,
            _ => {}
        }
    }
    count_replacements && replacements > 0 && replacements * 20 >= content.chars().count().min(10_000)
}

fn display_name(file_name: &str) -> &str {
    if file_name.is_empty() {
        "the file"
    } else {
        file_name
    }
}

/// The id of a document read from a file that names none.
fn default_id(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    if base.is_empty() {
        "doc-1".to_owned()
    } else {
        base.to_owned()
    }
}
