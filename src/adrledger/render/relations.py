"""Edges between records, read from both sides and normalised once for every renderer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Record
from .identity import Identities

# Edge kinds as drawn: the newer record points at the one it supersedes or amends.
EDGE_KINDS = ("supersedes", "amends", "related")
_INVERSE = {"superseded_by": "supersedes", "amended_by": "amends"}

# Status order for grouping and legends: live decisions first, retired ones last.
STATUS_ORDER = ("accepted", "proposed", "draft", "superseded", "deprecated", "rejected", "other")


@dataclass(frozen=True, order=True)
class Edge:
    """A relation between two records, by their keys (identity.Identities); for "related" source < target."""

    source: str
    target: str
    kind: str


def edges(records: Sequence[Record], identities: Identities | None = None) -> list[Edge]:
    """Every relation between records of the log, each once, whichever side states it.

    A relation links the file it names, else the one record with its number: every record is a
    node, numbered or not, whether its number is its own or shared.
    """
    known = identities or Identities.of(records)
    found: set[Edge] = set()
    for record in records:
        key = known.key(record)
        for relation in record.relations:
            other = known.target_of(record, relation)
            if other is None or other is record:
                continue
            found.add(_edge(key, known.key(other), relation.kind))
    return sorted(found)


def _edge(key: str, other: str, kind: str) -> Edge:
    if kind in _INVERSE:
        return Edge(other, key, _INVERSE[kind])
    if kind in ("supersedes", "amends"):
        return Edge(key, other, kind)
    return Edge(min(key, other), max(key, other), "related")


def node_order(record: Record) -> tuple[bool, int, str, int]:
    """The order records are drawn and listed in: by number, then by file (unnumbered last)."""
    return record.number is None, record.number or 0, record.path, record.ordinal


def status_rank(status: str) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)
