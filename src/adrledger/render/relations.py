"""Edges between records, read from both sides and normalised once for every renderer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Record

# Edge kinds as drawn: the newer record points at the one it supersedes or amends.
EDGE_KINDS = ("supersedes", "amends", "related")
_INVERSE = {"superseded_by": "supersedes", "amended_by": "amends"}

# Status order for grouping and legends: live decisions first, retired ones last.
STATUS_ORDER = ("accepted", "proposed", "draft", "superseded", "deprecated", "rejected", "other")


@dataclass(frozen=True, order=True)
class Edge:
    """A relation between two numbered records; for "related" source < target."""

    source: int
    target: int
    kind: str


def numbered(records: Iterable[Record]) -> dict[int, Record]:
    """Records by number; the first record wins when a number is used twice."""
    found: dict[int, Record] = {}
    for record in records:
        if record.number is not None:
            found.setdefault(record.number, record)
    return found


def edges(records: Sequence[Record]) -> list[Edge]:
    """Every relation between records of the log, each once, whichever side states it."""
    known = numbered(records)
    found: set[Edge] = set()
    for number, record in known.items():
        for relation in record.relations:
            other = relation.number
            if other is None or other == number or other not in known:
                continue
            found.add(_edge(number, other, relation.kind))
    return sorted(found)


def _edge(number: int, other: int, kind: str) -> Edge:
    if kind in _INVERSE:
        return Edge(other, number, _INVERSE[kind])
    if kind in ("supersedes", "amends"):
        return Edge(number, other, kind)
    return Edge(min(number, other), max(number, other), "related")


def status_rank(status: str) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)
