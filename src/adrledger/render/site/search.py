"""The client-side search index, prebuilt in MiniSearch's serialised form and shipped as a script.

A script (not JSON) because browsers refuse fetch() of local files opened from file://. The
tokeniser here and the one the page gives MiniSearch (static/app.js) split on the same
characters and drop the same stop words, so queries meet the indexed terms exactly.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

FIELDS = ("title", "tags", "text")
# Kept in step with tokenize() in static/app.js: letters, digits and marks form words.
_SPLIT = re.compile(r"[\W_]+")
STOP_WORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "in", "is", "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "we", "were", "will", "with"])
MAX_TERM = 40


@dataclass(frozen=True)
class SearchDocument:
    """What the index stores and shows for one record."""

    id: str
    title: str
    tags: str
    text: str
    url: str
    status: str
    date: str


def tokens(text: str) -> list[str]:
    """Lower-case words, as MiniSearch will see the query; stop words and 1-letter words dropped."""
    return [t for t in _SPLIT.split(text.lower()) if 1 < len(t) <= MAX_TERM and t not in STOP_WORDS]


def field_terms(document: SearchDocument) -> tuple[tuple[int, Counter[str]], ...]:
    """Per field: MiniSearch's field length (distinct raw tokens) and the term frequencies."""
    result = []
    for name in FIELDS:
        value = getattr(document, name)
        raw = [t for t in _SPLIT.split(value) if t]
        result.append((len(set(raw)), Counter(tokens(value))))
    return tuple(result)


def build_index(documents: Sequence[SearchDocument],
                terms: Sequence[tuple[tuple[int, Counter[str]], ...]]) -> dict[str, object]:
    """MiniSearch's toJSON() shape (serializationVersion 2), built without a JavaScript engine."""
    index: dict[str, dict[str, dict[str, int]]] = {}
    field_length: dict[str, list[int]] = {}
    totals = [0] * len(FIELDS)
    for short_id, per_field in enumerate(terms):
        key = str(short_id)
        field_length[key] = [length for length, _ in per_field]
        for field_id, (length, counts) in enumerate(per_field):
            totals[field_id] += length
            for term, count in counts.items():
                index.setdefault(term, {}).setdefault(str(field_id), {})[key] = count
    count = len(documents)
    return {
        "documentCount": count,
        "nextId": count,
        "documentIds": {str(i): d.id for i, d in enumerate(documents)},
        "fieldIds": {name: i for i, name in enumerate(FIELDS)},
        "fieldLength": field_length,
        "averageFieldLength": [total / count if count else 0 for total in totals],
        "storedFields": {str(i): {"title": d.title, "url": d.url, "status": d.status, "date": d.date,
                                  "id": d.id} for i, d in enumerate(documents)},
        "dirtCount": 0,
        "index": sorted(([term, data] for term, data in index.items()), key=lambda pair: pair[0]),
        "serializationVersion": 2,
    }


def index_script(index: dict[str, object]) -> str:
    """The index as a script that assigns one global; `</` is escaped so no text ends the script."""
    payload = json.dumps(index, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    stop = json.dumps(sorted(STOP_WORDS))
    return f'window.ADRLEDGER_SEARCH={{"stopWords":{stop},"index":{payload}}};\n'
