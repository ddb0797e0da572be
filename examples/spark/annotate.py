"""Annotates a corpus with newsmark on Spark: JSONL or Parquet in, newsmark/1
JSONL (or Parquet with the same columns) out.

    spark-submit examples/spark/annotate.py INPUT OUTPUT [--output-format jsonl|parquet]

INPUT: JSONL lines ``{"id", "text", "date"}`` (what ``newsmark annotate --jsonl``
reads; ``id`` and ``date`` optional) or Parquet with the columns ``text`` and,
optionally, ``id`` and ``date``. OUTPUT: a folder of part files, one document a
line, each exactly the line ``newsmark annotate --jsonl`` writes for the same
input line; or Parquet with the columns ``schema``, ``id``, ``text``,
``offset_unit``, ``article_date``, ``article_date_source`` and ``spans`` (the
spans' JSON, since values differ in shape from one label to another).

The work is a ``mapInPandas`` over the newsmark wheel: each Python worker of an
executor imports newsmark once (one annotator per process: the core's model is
loaded once and kept) and annotates a batch of rows at a time with
``annotate_many``, with one thread, since Spark already runs one task per core.
"""

from __future__ import annotations

import argparse
import json
from typing import Iterator

import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql.types import StringType, StructField, StructType

# The columns of the Parquet output: newsmark/1's fields, `spans` as JSON.
COLUMNS = ["schema", "id", "text", "offset_unit", "article_date", "article_date_source", "spans"]
PARQUET_SCHEMA = StructType([StructField(c, StringType(), True) for c in COLUMNS])
JSONL_SCHEMA = StructType([StructField("value", StringType(), False)])


def read_lines(batch: pd.DataFrame) -> pd.DataFrame:
    """JSONL lines (the column `value` of spark.read.text) as the columns id, text, date.
    Blank lines are left out, as the CLI leaves them; a line that is not a JSON object
    with a string `text` fails the task with its content, as the CLI reports it."""
    rows = []
    for line in batch["value"]:
        if not line.strip():
            continue
        item = json.loads(line)
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise ValueError(f"not an input line (an object with a string text): {line[:200]!r}")
        rows.append((item.get("id"), item["text"], item.get("date")))
    return pd.DataFrame(rows, columns=["id", "text", "date"])


def annotate_batches(batches: Iterator[pd.DataFrame], from_jsonl: bool, output: str, threads: int) -> Iterator[pd.DataFrame]:
    # Imported here, in the executor's Python worker: once a process, since workers are reused.
    import newsmark

    for batch in batches:
        if from_jsonl:
            batch = read_lines(batch)
        texts = batch["text"].tolist()
        ids = batch["id"].tolist() if "id" in batch else None
        dates = batch["date"].tolist() if "date" in batch else None
        # pandas gives missing values as NaN or None: no id, no date.
        if ids is not None:
            ids = [None if i is None or (isinstance(i, float) and i != i) else (i.item() if hasattr(i, "item") else i) for i in ids]
        if dates is not None:
            dates = [d if isinstance(d, str) else None for d in dates]
        lines = newsmark.annotate_many_json(texts, threads=threads, ids=ids, dates=dates)
        if output == "jsonl":
            yield pd.DataFrame({"value": lines})
        else:
            docs = [json.loads(line) for line in lines]
            yield pd.DataFrame(
                {c: [json.dumps(d["spans"], ensure_ascii=False) if c == "spans" else d.get(c) for d in docs] for c in COLUMNS}
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="a JSONL file or folder, or Parquet (by its ending .parquet or --input-format)")
    parser.add_argument("output", help="the folder to write")
    parser.add_argument("--input-format", choices=["jsonl", "parquet"], help="default: parquet for a path ending .parquet")
    parser.add_argument("--output-format", choices=["jsonl", "parquet"], default="jsonl")
    parser.add_argument("--threads", type=int, default=1, help="threads per task (Spark runs one task per core)")
    parser.add_argument("--master", help="e.g. local[2]; default: what spark-submit says")
    args = parser.parse_args()
    input_format = args.input_format or ("parquet" if args.input.rstrip("/").endswith(".parquet") else "jsonl")

    builder = SparkSession.builder.appName("newsmark-annotate")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    if input_format == "jsonl":
        frame = spark.read.text(args.input)
    else:
        frame = spark.read.parquet(args.input)
    schema = JSONL_SCHEMA if args.output_format == "jsonl" else PARQUET_SCHEMA
    from_jsonl = input_format == "jsonl"
    out = frame.mapInPandas(lambda b: annotate_batches(b, from_jsonl, args.output_format, args.threads), schema)
    if args.output_format == "jsonl":
        out.write.mode("overwrite").text(args.output)
    else:
        out.write.mode("overwrite").parquet(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
