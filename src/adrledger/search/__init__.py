"""Ranked full-text search over decision records (SQLite FTS5, BM25 with field weights).

    index = SearchIndex(path)            # a file in the user's cache folder
    index.sync(files)                    # cheap when nothing changed: a stat per file
    hits = search(index, "caching", statuses=("accepted",), limit=10)

Ranking: BM25 over three fields, the title weighing most, then the context, decision and summary
sections, then the rest of the body. Words are matched case- and accent-blind with English
stemming (porter); a word found nowhere also matches as a prefix ("kube" finds Kubernetes);
"quoted words" match as a phrase and word* as a prefix.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..errors import UsageError
from .index import PASSAGE_SPAN, SearchIndex, SourceFile, SyncStats
from .query import Query, expression, parse_query

# BM25 weights of the record_text columns: title, lead (context, decision, summary), body.
FIELD_WEIGHTS = (10.0, 3.0, 1.0)
HIGHLIGHT = ("\x02", "\x03")  # markers around matched words in snippets; renderers replace them
SNIPPET_WORDS = 18
Expander = Callable[[str], bool]


@dataclass(frozen=True)
class SearchHit:
    id: str
    number: int | None
    package: str
    title: str
    status: str
    date: str | None
    path: str
    line: int
    section: str
    snippet: str  # the best passage, matched words between HIGHLIGHT markers
    score: float  # higher is better


def search(index: SearchIndex, text: str, statuses: Sequence[str] = (), limit: int = 10) -> list[SearchHit]:
    """The records that best match `text`, best first, each with its best passage."""
    query = parse_query(text)
    if not query:
        raise UsageError("the search query has no words")
    expand = _prefix_expander(index)
    for operator in ("AND", "OR"):  # all words in a record first; any of them when none has all
        match = expression(query, operator, expand)
        rows = _records(index, match, statuses, limit)
        if rows or len(query.terms) == 1:
            break
    return [_hit(index, row, query, expand) for row in rows]


def _prefix_expander(index: SearchIndex) -> Expander:
    cache: dict[str, bool] = {}

    def expand(word: str) -> bool:
        """True when `word` (stemmed) occurs nowhere: then it is read as the start of a word."""
        if word not in cache:
            found = index.db.execute(
                "SELECT 1 FROM record_text WHERE record_text MATCH ? LIMIT 1", ('"' + word.replace('"', '""') + '"',)
            ).fetchone()
            cache[word] = found is None and len(word) >= 3
        return cache[word]

    return expand


def _records(index: SearchIndex, match: str, statuses: Sequence[str], limit: int) -> list[tuple[object, ...]]:
    where = "record_text MATCH ?"
    params: list[object] = [match]
    if statuses:
        where += f" AND r.status IN ({', '.join('?' for _ in statuses)})"
        params += list(statuses)
    weights = ", ".join(str(w) for w in FIELD_WEIGHTS)
    sql = (
        f"SELECT r.id, r.rid, r.number, r.package, r.title, r.status, r.date, r.path, r.title_line, "
        f"bm25(record_text, {weights}) AS score FROM record_text JOIN records r ON r.id = record_text.rowid "
        f"WHERE {where} ORDER BY score, r.package, r.path LIMIT ?"
    )
    return list(index.db.execute(sql, [*params, limit]))


def _hit(index: SearchIndex, row: tuple[object, ...], query: Query, expand: Expander) -> SearchHit:
    record_id, rid, number, package, title, status, date, path, title_line, score = row
    assert isinstance(record_id, int) and isinstance(score, float)
    passage = _best_passage(index, record_id, int(str(title_line)), query, expand)
    line, section, snippet = passage or (title_line, "", str(title))
    return SearchHit(
        str(rid),
        number if isinstance(number, int) else None,
        str(package),
        str(title),
        str(status),
        date if isinstance(date, str) else None,
        str(path),
        int(str(line)),
        str(section),
        str(snippet),
        round(-score, 6),
    )


def _best_passage(
    index: SearchIndex, record_id: int, title_line: int, query: Query, expand: Expander
) -> tuple[object, ...] | None:
    """The passage that matches best; the title line (already shown) only when nothing else matches."""
    low = record_id * PASSAGE_SPAN
    sql = (
        "SELECT line, heading, snippet(passages, 0, ?, ?, '…', ?) FROM passages "
        "WHERE passages MATCH ? AND rowid BETWEEN ? AND ? ORDER BY line = ?, bm25(passages), rowid LIMIT 1"
    )
    for operator in ("AND", "OR"):
        match = expression(query, operator, expand)
        found = index.db.execute(
            sql, (*HIGHLIGHT, SNIPPET_WORDS, match, low, low + PASSAGE_SPAN - 1, title_line)
        ).fetchone()
        if found is not None:
            return tuple(found)
    return None


__all__ = ["HIGHLIGHT", "SearchHit", "SearchIndex", "SourceFile", "SyncStats", "search"]
