"""newsmark marks up news articles: names (people, organizations, places, other
names) and amounts (money, percents, quantities, counts, ranks, dates, times)
with normalized values.

Documents are ``newsmark/1`` dicts, exactly what ``newsmark annotate --jsonl``
writes (offsets in code points, so ``text[start:end]`` is a span's text)::

    >>> import newsmark
    >>> doc = newsmark.annotate("It paid US$455 million on Tuesday.", date="2022-08-09")
    >>> [(s["label"], s["text"]) for s in doc["spans"]][0]
    ('MONEY', 'US$455 million')

The work is done by the Rust core (the extension module ``newsmark._newsmark``),
with the GIL released; :func:`annotate_many` uses every core.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import logging as _logging
import os as _os
import warnings as _warnings
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

from . import _newsmark
from ._newsmark import Adapter, NewsmarkError, __version__

__all__ = [
    "Adapter",
    "NewsmarkError",
    "load_adapter",
    "learn",
    "NewsmarkWarning",
    "__version__",
    "annotate",
    "annotate_json",
    "annotate_many",
    "annotate_many_json",
    "export",
    "load",
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
]

#: The formats :func:`export` writes and those :func:`load` reads, by name.
EXPORT_FORMATS, IMPORT_FORMATS = (tuple(names) for names in _newsmark.formats())

_log = _logging.getLogger("newsmark")

Date = Union[str, _dt.date, None]
Labels = Union[str, Iterable[str], None]
Adapt = Union[Adapter, str, "_os.PathLike[str]", bytes, None]


class NewsmarkWarning(UserWarning):
    """Something an import left out or changed (the core's warning, in words)."""


def _date(date: Date) -> Optional[str]:
    if date is None or isinstance(date, str):
        return date
    if isinstance(date, _dt.datetime):
        date = date.date()
    if isinstance(date, _dt.date):
        return date.isoformat()
    raise TypeError(f"date must be a 'YYYY-MM-DD' string or a datetime.date, not {type(date).__name__}")


def load_adapter(path: Union[str, "_os.PathLike[str]"]) -> Adapter:
    """Reads a learning file (``newsmark learn --out``, or the page's Export
    learning): what a project taught the suggestions. Raises
    :class:`NewsmarkError` when the file is not one."""
    with open(path, "rb") as f:
        return Adapter.from_bytes(f.read())


_adapters: Dict[Any, Adapter] = {}


def _adapter(adapt: Adapt) -> Optional[Adapter]:
    # An Adapter as it is; bytes read; a path read once for each version of the file.
    if adapt is None or isinstance(adapt, Adapter):
        return adapt
    if isinstance(adapt, (bytes, bytearray)):
        return Adapter.from_bytes(bytes(adapt))
    path = _os.fspath(adapt)
    st = _os.stat(path)
    key = (_os.path.abspath(path), st.st_mtime_ns, st.st_size)
    if key not in _adapters:
        _adapters[key] = load_adapter(path)
    return _adapters[key]


def _labels(labels: Labels) -> Optional[List[str]]:
    if labels is None:
        return None
    if isinstance(labels, str):
        # "PERSON,MONEY", as the CLI's --labels.
        return [part for part in labels.split(",") if part.strip()]
    return list(labels)


def _id(id: Any) -> Optional[str]:
    # As the CLI writes a JSONL line's id: a string as it is, anything else as its JSON.
    if id is None or isinstance(id, str):
        return id
    return _json.dumps(id, separators=(",", ":"), ensure_ascii=False)


def annotate_json(text: str, date: Date = None, labels: Labels = None, adapt: Adapt = None, *, id: Any = None) -> str:
    """:func:`annotate`'s document as one line of JSON, as the CLI writes it."""
    return _newsmark.annotate_json(text, _date(date), _labels(labels), _id(id), _adapter(adapt))


def annotate(text: str, date: Date = None, labels: Labels = None, adapt: Adapt = None, *, id: Any = None) -> Dict[str, Any]:
    """Annotates ``text``; returns its ``newsmark/1`` document.

    ``date``: the article's date (``"YYYY-MM-DD"`` or a ``datetime.date``),
    which relative dates ("on Tuesday") resolve against; ``None``: found in the
    text when it gives one. ``labels``: the labels to emit (names or synonyms,
    a list or ``"PERSON,MONEY"``); ``None``: all. ``id``: written as the
    document's ``id``. ``adapt``: what a project taught the suggestions (an
    :class:`Adapter`, or a learning file's path or bytes), as ``newsmark
    annotate --adapt``. Raises :class:`NewsmarkError` for a bad date, label or
    learning file.
    """
    return _json.loads(annotate_json(text, date, labels, adapt, id=id))


def annotate_many_json(
    texts: Sequence[str],
    date: Date = None,
    labels: Labels = None,
    threads: Optional[int] = None,
    *,
    ids: Optional[Sequence[Any]] = None,
    dates: Optional[Sequence[Date]] = None,
    adapt: Adapt = None,
) -> List[str]:
    """:func:`annotate_many`'s documents as JSON lines, as the CLI writes them."""
    if isinstance(texts, str):
        raise TypeError("annotate_many takes a sequence of texts, not one str: use annotate()")
    return _newsmark.annotate_many_json(
        list(texts),
        _date(date),
        _labels(labels),
        threads,
        None if ids is None else [_id(i) for i in ids],
        None if dates is None else [_date(d) for d in dates],
        _adapter(adapt),
    )


def annotate_many(
    texts: Sequence[str],
    date: Date = None,
    labels: Labels = None,
    threads: Optional[int] = None,
    *,
    ids: Optional[Sequence[Any]] = None,
    dates: Optional[Sequence[Date]] = None,
    adapt: Adapt = None,
) -> List[Dict[str, Any]]:
    """Annotates ``texts`` in parallel (the GIL released, ``threads`` threads,
    ``None``: one per core); returns their documents in order.

    ``date`` and ``labels`` apply to every text, as in :func:`annotate`;
    ``ids`` and ``dates`` (as many as texts) give each text its id and its own
    date (an empty or ``None`` date falls back to ``date``), as the lines of
    ``newsmark annotate --jsonl`` do. ``adapt`` as in :func:`annotate`.
    """
    return [_json.loads(line) for line in annotate_many_json(texts, date, labels, threads, ids=ids, dates=dates, adapt=adapt)]


def learn(
    corrected: Union[PathLike, Dict[str, Any], Iterable[Union[PathLike, Dict[str, Any]]]],
    labels: Labels = None,
    adapt: Adapt = None,
    *,
    out: Optional[PathLike] = None,
) -> Adapter:
    """Learns corrected documents one by one in order, as ``newsmark learn``
    does (the same inputs give the same learning file): every span of a
    document is taken as right, every text outside them as no name.

    ``corrected``: paths of files in any format newsmark imports (found from
    each file's name and content; a brat ``.txt`` and ``.ann`` together), or
    ``newsmark/1`` documents as dicts (what :func:`annotate` gives, corrected
    by hand), or a mix, read in order. A label none of newsmark's is one of
    the project's own. ``labels``: the project's labels, built-in or its own
    (``"PERSON,ORG,LOC,MISC,WEAPON"``, ``"TICKER:money"``), as the CLI's
    ``--labels``. ``adapt``: what was learned before, to go on from (an
    :class:`Adapter`, a path or bytes). ``out``: where to write the learning
    file too. Returns the :class:`Adapter`, for ``annotate(..., adapt=)``.
    Labels of the files that ``labels`` did not name are learned as the
    project's own and said: a :class:`NewsmarkWarning` when ``labels`` was
    given (a misspelling?), logged (INFO) when not.
    Raises :class:`NewsmarkError` for a file that cannot be read (plain text
    holds no corrections) or a bad label, and then learns nothing.
    """
    if isinstance(corrected, (str, bytes, dict)) or hasattr(corrected, "__fspath__"):
        corrected = [corrected]
    files = []
    for item in corrected:
        if isinstance(item, dict):
            # Documents in a row are one JSONL file of them.
            if files and files[-1][0] == "documents":
                files[-1] = ("documents", files[-1][1] + _jsonl([item]).encode("utf-8"))
            else:
                files.append(("documents", _jsonl([item]).encode("utf-8")))
        else:
            with open(item, "rb") as f:
                files.append((_os.fspath(item), f.read()))
    files = [(f"documents-{i + 1}.jsonl" if name == "documents" else name, content) for i, (name, content) in enumerate(files)]
    adapter, read, met = _newsmark.learn_files(files, _labels(labels), _adapter(adapt))
    for line in read:
        _log.info("read %s", line)
    if met:
        # As the CLI says it: named labels and others in the files may be a misspelling.
        said = f"labels of the documents learned as the project's own (not in labels): {', '.join(met)}"
        if labels is None:
            _log.info("%s", said)
        else:
            _warnings.warn(said, NewsmarkWarning, stacklevel=2)
    if out is not None:
        with open(out, "wb") as f:
            f.write(adapter.to_bytes())
    return adapter


def _jsonl(docs: Iterable[Dict[str, Any]]) -> str:
    if isinstance(docs, dict):
        docs = [docs]
    return "".join(_json.dumps(d, ensure_ascii=False) + "\n" for d in docs)


def export(
    docs: Iterable[Dict[str, Any]],
    format: str,
    *,
    offset_unit: Optional[str] = None,
    scheme: Optional[str] = None,
    bom: bool = False,
    formula_guard: bool = False,
    own_labels: bool = False,
) -> Union[str, bytes, Dict[str, Union[str, bytes]]]:
    """Writes ``newsmark/1`` documents in ``format`` (one of :data:`EXPORT_FORMATS`),
    as ``newsmark export --format`` does: a ``str``, or ``bytes`` for a binary
    format (``docbin``). A format that gives a file per document (``brat``,
    ``text`` of several documents) gives a dict of file name to content.

    Options as the CLI's: ``offset_unit`` (``codepoint``, ``utf16``, ``byte``,
    ``grapheme``; doccano), ``scheme`` (``iob1``, ``iob2``, ``bilou``,
    ``iobes``; token formats), ``bom`` and ``formula_guard`` (CSV),
    ``own_labels`` (a label none of newsmark's is one of the project's own,
    not an error; ``--own-labels``).
    """
    files = _newsmark.export_files(_jsonl(docs), format, offset_unit, scheme, bom, formula_guard, own_labels)
    if len(files) == 1:
        return files[0][1]
    return dict(files)


PathLike = Union[str, "_os.PathLike[str]"]


def load(
    path: Union[PathLike, Sequence[PathLike]],
    format: Optional[str] = None,
    *,
    offset_unit: Optional[str] = None,
    scheme: Optional[str] = None,
    label_map: Optional[Dict[str, str]] = None,
    lenient: bool = False,
    tag_names: Optional[Sequence[str]] = None,
    own_labels: bool = False,
) -> List[Dict[str, Any]]:
    """Reads annotated files (one path or several, e.g. brat's ``.txt`` and
    ``.ann``) as ``newsmark export FILE...`` does; returns ``newsmark/1``
    documents.

    ``format``: one of :data:`IMPORT_FORMATS`; ``None``: found from each
    file's name and content. ``offset_unit``, ``scheme``, ``label_map``
    (the file's label to newsmark's), ``lenient`` (read what can be read,
    warn about the rest), ``tag_names`` (a Hugging Face ClassLabel's
    names) and ``own_labels`` (a label none of newsmark's is one of the
    project's own, not an error) as the CLI's ``--input-offset-unit``,
    ``--input-scheme``, ``--map-label``, ``--lenient``, ``--tag-names`` and
    ``--own-labels``. What each file gave is
    logged (logger ``newsmark``, INFO), what was left out is a
    :class:`NewsmarkWarning`, as the CLI prints both.
    """
    paths = [path] if isinstance(path, (str, _os.PathLike)) else list(path)
    docs, reports = _newsmark.load_files(
        [_os.fspath(p) for p in paths],
        format,
        offset_unit,
        scheme,
        label_map,
        lenient,
        None if tag_names is None else list(tag_names),
        own_labels,
    )
    for summary, warnings in reports:
        _log.info("read %s", summary)
        for warning in warnings:
            _warnings.warn(warning, NewsmarkWarning, stacklevel=2)
    return [_json.loads(d) for d in docs]
