"""newsmark as a spaCy pipeline component::

    nlp = spacy.blank("en")
    nlp.add_pipe("newsmark", config={"date": "2022-08-09"})
    doc = nlp("It paid US$455 million on Tuesday.")
    [(e.text, e.label_, e._.value) for e in doc.ents]

The factory is registered through the ``spacy_factories`` entry point, so
``add_pipe("newsmark")`` works without importing this module.

newsmark's spans are character ranges; spaCy's entities are token ranges. A
span is set with ``doc.char_span(..., alignment_mode="expand")``: when one of
its boundaries falls inside a token (``"US$455"`` as one token, a mark of
newsmark's inside it), the entity grows to the whole token, and the span is
counted as *expanded*. A span that cannot be set (one that covers no token,
or that overlaps an entity set before it once expanded) is counted as
*dropped*. Every span is one or the other or aligned: ``doc.user_data
["newsmark"]`` holds the counts of the document, and the component's
``stats`` the counts over every document it has seen.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, Iterator, List, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

import newsmark

if not Span.has_extension("value"):
    # A span's normalized value (newsmark/1's `value`: a dict, or None).
    Span.set_extension("value", default=None)

USER_DATA_KEY = "newsmark"


class NewsmarkComponent:
    """Sets ``doc.ents`` from newsmark's spans and ``span._.value`` from their values."""

    def __init__(self, nlp: Language, name: str = "newsmark", date: Optional[str] = None,
                 labels: Optional[List[str]] = None, threads: Optional[int] = None):
        self.name = name
        self.date = date
        self.labels = labels
        self.threads = threads
        # Checked now, so a bad configuration fails when the pipe is added, not at the first text.
        newsmark.annotate("", date=date, labels=labels)
        self.stats: Dict[str, int] = {"spans": 0, "aligned": 0, "expanded": 0, "dropped": 0}

    def __call__(self, doc: Doc) -> Doc:
        return self._set(doc, newsmark.annotate(doc.text, date=self.date, labels=self.labels))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Annotates a batch at a time with :func:`newsmark.annotate_many` (every core)."""
        batch: List[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        yield from self._batch(batch)

    def _batch(self, docs: List[Doc]) -> Iterator[Doc]:
        if not docs:
            return
        results = newsmark.annotate_many([d.text for d in docs], date=self.date, labels=self.labels,
                                         threads=self.threads)
        for doc, result in zip(docs, results):
            yield self._set(doc, result)

    def _set(self, doc: Doc, result: Dict[str, Any]) -> Doc:
        counts = {"spans": 0, "aligned": 0, "expanded": 0, "dropped": 0}
        ents: List[Span] = []
        taken = set()  # token indices covered by the entities set so far
        for s in result["spans"]:
            counts["spans"] += 1
            span = doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="expand")
            if span is None or len(span) == 0 or any(i in taken for i in range(span.start, span.end)):
                counts["dropped"] += 1
                continue
            exact = span.start_char == s["start"] and span.end_char == s["end"]
            counts["aligned" if exact else "expanded"] += 1
            taken.update(range(span.start, span.end))
            span._.value = s.get("value")
            ents.append(span)
        doc.ents = ents
        doc.user_data[USER_DATA_KEY] = counts
        for k, v in counts.items():
            self.stats[k] += v
        return doc


@Language.factory("newsmark", default_config={"date": None, "labels": None, "threads": None})
def make_newsmark(nlp: Language, name: str, date: Optional[str], labels: Optional[List[str]],
                  threads: Optional[int]) -> NewsmarkComponent:
    """The ``newsmark`` factory: ``date`` (``YYYY-MM-DD``) for every text,
    ``labels`` to emit (``None``: all), ``threads`` for :meth:`NewsmarkComponent.pipe`."""
    return NewsmarkComponent(nlp, name, date=date, labels=labels, threads=threads)
