"""Which decisions govern a file: records name their code with .gitignore-style globs.

A record's `scope` (front matter `scope:` or a Scope section) lists patterns relative to the
repository root. As in .gitignore: a pattern without a slash matches a name at any depth,
`**` crosses folders, a trailing `/` means a folder and everything in it, `!` excludes again,
and the last pattern that matches decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..base.globs import compile_pattern as compile_pattern
from ..base.globs import matching_pattern as matching_pattern
from ..model import Record

# The order `adr for` lists decisions in: what is in force first, what is history last.
STATUS_RANK = {
    "accepted": 0,
    "proposed": 1,
    "draft": 2,
    "other": 3,
    "deprecated": 4,
    "superseded": 5,
    "rejected": 6,
}


@dataclass(frozen=True)
class ScopeMatch:
    """A record that governs a path, and the pattern that made it so."""

    record: Record
    pattern: str

    @property
    def superseded(self) -> bool:
        return self.record.status == "superseded" or bool(self.record.superseded_by)


def governing(records: Iterable[Record], path: str) -> list[ScopeMatch]:
    """Records whose scope covers `path` (posix, from the repository root), in force first."""
    matches = []
    for record in records:
        pattern = matching_pattern(record.scope, path) if record.scope else None
        if pattern is not None:
            matches.append(ScopeMatch(record, pattern))
    return sorted(matches, key=_order)


def _order(match: ScopeMatch) -> tuple[int, int, str, int]:
    record = match.record
    rank = STATUS_RANK.get(record.status, 3)
    if match.superseded:
        rank = max(rank, STATUS_RANK["superseded"])
    return rank, 0 if record.number is None else -record.number, record.package, record.ordinal
