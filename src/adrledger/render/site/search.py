"""The client-side search index, prebuilt in MiniSearch's serialised form and shipped as scripts.

Scripts (not JSON) because browsers refuse fetch() of local files opened from file://. The
tokeniser here and the one the page gives MiniSearch (static/app.js) split on the same
characters and drop the same stop words, so queries meet the indexed terms exactly.

The index is split into shards of records by number (0-199, 200-399, ...): after one record
changes only its shard is tokenised and written again. The page loads every shard, searches
each and merges the hits by score; shards are large enough that their term statistics agree.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

FIELDS = ("title", "tags", "text")
# Kept in step with tokenize() in static/app.js: letters, digits and marks form words.
_SPLIT = re.compile(r"[\W_]+")
STOP_WORDS = frozenset(
    (
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "we",
        "were",
        "will",
        "with",
    )
)
MAX_TERM = 40
SHARD_SIZE = 200  # a changed record rebuilds one shard: small enough to be quick, few enough to load


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
        raw = _SPLIT.split(value)
        distinct = set(raw)
        distinct.discard("")
        if value.isascii():  # lower() then split == split then lower(): one split serves both
            terms = Counter(t for t in map(str.lower, raw) if 1 < len(t) <= MAX_TERM and t not in STOP_WORDS)
        else:  # lower-casing can change what counts as a word character (İ -> i + U+0307)
            terms = Counter(tokens(value))
        result.append((len(distinct), terms))
    return tuple(result)


def stored_fields(document: SearchDocument) -> dict[str, str]:
    """What a search hit shows and links to."""
    return {
        "title": document.title,
        "url": document.url,
        "status": document.status,
        "date": document.date,
        "id": document.id,
    }


def build_index(
    documents: Sequence[dict[str, str]], terms: Sequence[tuple[tuple[int, Counter[str]], ...]]
) -> dict[str, object]:
    """MiniSearch's toJSON() shape (serializationVersion 2), built without a JavaScript engine."""
    index: dict[str, dict[str, dict[str, int]]] = {}
    field_length: dict[str, list[int]] = {}
    totals = [0] * len(FIELDS)
    field_keys = [str(i) for i in range(len(FIELDS))]
    for short_id, per_field in enumerate(terms):
        key = str(short_id)
        field_length[key] = [length for length, _ in per_field]
        for field_id, (length, counts) in enumerate(per_field):
            totals[field_id] += length
            field_key = field_keys[field_id]
            for term, count in counts.items():
                postings = index.get(term)
                if postings is None:
                    postings = index[term] = {}
                counts_by_id = postings.get(field_key)
                if counts_by_id is None:
                    counts_by_id = postings[field_key] = {}
                counts_by_id[key] = count
    count = len(documents)
    return {
        "documentCount": count,
        "nextId": count,
        "documentIds": {str(i): d["id"] for i, d in enumerate(documents)},
        "fieldIds": {name: i for i, name in enumerate(FIELDS)},
        "fieldLength": field_length,
        "averageFieldLength": [total / count if count else 0 for total in totals],
        "storedFields": {str(i): d for i, d in enumerate(documents)},
        "dirtCount": 0,
        "index": [[term, data] for term, data in index.items()],
        "serializationVersion": 2,
    }


def shard_of(number: int | None, record_id: str) -> str:
    """The shard a record's terms live in: by number, so adding a record touches one shard."""
    if number is not None:
        return f"{number // SHARD_SIZE:04d}"
    return "u" + hashlib.blake2b(record_id.encode(), digest_size=2).hexdigest()[:1]


def shard_script(index: dict[str, object]) -> str:
    """One shard as a script that registers itself; `</` is escaped so no text ends the script."""
    payload = json.dumps(index, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"(window.ADRLEDGER_SEARCH_SHARDS=window.ADRLEDGER_SEARCH_SHARDS||[]).push({payload});\n"


def loader_script(shards: Sequence[str]) -> str:
    """The entry point the page loads first: the stop words and the shard files to load next."""
    data = {"stopWords": sorted(STOP_WORDS), "shards": list(shards)}
    return f"window.ADRLEDGER_SEARCH={json.dumps(data)};\n"
