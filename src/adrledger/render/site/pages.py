"""View models: the facts each page shows, computed from the typed records (no HTML here)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ...model import DecisionMatrix, Record
from ...parse.tables import strip_inline
from ..identity import Identities
from ..relations import STATUS_ORDER, Edge, edges, status_rank

# Relation headings on a record page, for each direction of each edge kind.
RELATION_LABELS = (
    ("supersedes", "source", "Supersedes"),
    ("supersedes", "target", "Superseded by"),
    ("amends", "source", "Amends"),
    ("amends", "target", "Amended by"),
    ("related", "either", "Related"),
)
TOTAL_TOLERANCE = 0.05  # stated totals are usually rounded to one decimal
RECENT = 10
TIMELINE_LIMIT = 120


def page_name(key: str) -> str:
    """The file name of a record's page from its key: the zero-padded number when the number is the
    record's alone, the number and slug when it is shared, the file stem when there is none."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", key).strip("-.") or "record"


@dataclass(frozen=True)
class RelatedLink:
    number: int | None  # None for a record named by its file (log4brains' date-named records)
    title: str
    status: str
    page: str  # relative to the site root


@dataclass(frozen=True)
class MatrixView:
    criteria: list[dict[str, Any]]
    options: list[str]
    totals: list[dict[str, Any]]
    weight_sum: str
    weight_ok: bool
    mismatches: int


@dataclass
class SiteIndex:
    """Everything that links records together: keys, page names and edges (one page per record file)."""

    records: Sequence[Record]
    edges: Sequence[Edge]
    identities: Identities
    pages: dict[str, str] = field(default_factory=dict)  # record key -> page path
    by_path: dict[str, Record] = field(default_factory=dict)
    adjacent: dict[str, list[Edge]] = field(default_factory=dict)

    @classmethod
    def build(
        cls, records: Sequence[Record], links: Sequence[Edge] | None = None, identities: Identities | None = None
    ) -> SiteIndex:
        known = identities or Identities.of(records)
        index = cls(records, edges(records, known) if links is None else links, known)
        for edge in index.edges:
            index.adjacent.setdefault(edge.source, []).append(edge)
            index.adjacent.setdefault(edge.target, []).append(edge)
        used: set[str] = set()
        for record in records:
            name = page_name(known.key(record))
            while name.lower() in used:  # pages must differ on case-insensitive file systems too
                name += "-"
            used.add(name.lower())
            index.pages[known.key(record)] = f"records/{name}.html"
            index.by_path.setdefault(record.path, record)
        return index

    def key(self, record: Record) -> str:
        return self.identities.key(record)

    def page(self, record: Record) -> str:
        return self.pages[self.key(record)]

    def relations(self, record: Record) -> list[tuple[str, list[RelatedLink]]]:
        """Relations both ways (stated here or only on the other record), titled and linked."""
        key = self.key(record)
        groups = []
        for kind, side, label in RELATION_LABELS:
            others = [_other(e, key, side) for e in self.adjacent.get(key, ()) if e.kind == kind]
            links = [self._link(other) for other in others if other is not None]
            if links:
                groups.append((label, links))
        return groups

    def _link(self, key: str) -> RelatedLink:
        other = self.identities.by_key[key]
        return RelatedLink(other.number, other.title or other.slug, other.status, self.page(other))


def _other(edge: Edge, key: str, side: str) -> str | None:
    if side == "source":
        return edge.target if edge.source == key else None
    if side == "target":
        return edge.source if edge.target == key else None
    if key in (edge.source, edge.target):
        return edge.target if edge.source == key else edge.source
    return None


def format_number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}".rstrip("0").rstrip(".")


_WRITTEN_NUMBER = re.compile(r"(?P<before>\D*?)(?P<number>\d+(?:(?P<point>[.,])(?P<decimals>\d+))?)(?P<after>.*)")


def written_like(value: float | None, stated: str) -> str:
    """A computed number in the form of the stated one beside it: 7.9 beside "7.90/10" is "7.90/10"."""
    match = _WRITTEN_NUMBER.fullmatch(strip_inline(stated)) if stated and value is not None else None
    if match is None:
        return format_number(value)
    whole, _, fraction = format_number(value).partition(".")
    fraction = fraction.ljust(len(match.group("decimals") or ""), "0")
    number = whole + ((match.group("point") or ".") + fraction if fraction else "")
    return match.group("before") + number + match.group("after")


def matrix_view(matrix: DecisionMatrix | None) -> MatrixView | None:
    """Scores with computed totals beside the stated ones; disagreements flagged."""
    if matrix is None or not matrix.options:
        return None
    criteria = [
        {
            "name": c.name,
            "weight": c.weight_raw or format_number(c.weight),
            "scores": [format_number(s) for s in (matrix.scores[i] if i < len(matrix.scores) else ())],
        }
        for i, c in enumerate(matrix.criteria)
    ]
    totals = []
    best = max((t for t in matrix.computed_totals if t is not None), default=None)
    for i, option in enumerate(matrix.options):
        computed = matrix.computed_totals[i] if i < len(matrix.computed_totals) else None
        stated = matrix.stated_totals[i] if i < len(matrix.stated_totals) else None
        raw = matrix.stated_totals_raw[i] if i < len(matrix.stated_totals_raw) and stated is not None else ""
        mismatch = stated is not None and computed is not None and abs(stated - computed) > TOTAL_TOLERANCE
        totals.append(
            {
                "option": option,
                "computed": written_like(computed, raw),
                "stated": written_like(stated, raw) if raw else format_number(stated),
                "mismatch": mismatch,
                "best": computed is not None and computed == best,
            }
        )
    expected = {"percent": 100.0, "fraction": 1.0}.get(matrix.weight_unit)
    weight_ok = expected is None or matrix.weight_sum is None or abs(matrix.weight_sum - expected) < 0.01
    suffix = "%" if matrix.weight_unit == "percent" else ""
    return MatrixView(
        criteria,
        list(matrix.options),
        totals,
        format_number(matrix.weight_sum) + suffix,
        weight_ok,
        sum(1 for t in totals if t["mismatch"]),
    )


def checklist_views(record: Record) -> list[dict[str, Any]]:
    return [
        {
            "title": c.title or "Checklist",
            "done": c.done,
            "total": c.total,
            "percent": round(100 * c.done / c.total) if c.total else 0,
        }
        for c in record.checklists
        if c.total
    ]


def status_counts(records: Sequence[Record]) -> list[tuple[str, int]]:
    counts = Counter(r.status for r in records)
    return sorted(counts.items(), key=lambda pair: status_rank(pair[0]))


def recent(records: Sequence[Record], limit: int = RECENT) -> list[Record]:
    dated = [r for r in records if r.date]
    return sorted(dated, key=lambda r: (r.date or "", r.number or 0, r.path), reverse=True)[:limit]


def timeline(records: Sequence[Record], limit: int = TIMELINE_LIMIT) -> list[tuple[str, list[Record]]]:
    """The latest decisions grouped by month, newest first."""
    months: dict[str, list[Record]] = {}
    for record in recent(records, limit):
        months.setdefault((record.date or "")[:7], []).append(record)
    return list(months.items())


def facets(records: Sequence[Record]) -> dict[str, list[str]]:
    """The distinct values each list filter offers."""

    def distinct(values: list[str]) -> list[str]:
        return sorted(set(values), key=str.casefold)

    statuses: list[str] = sorted({r.status for r in records}, key=status_rank)
    return {
        "status": statuses,
        "tag": distinct([t for r in records for t in r.tags]),
        "style": distinct([r.style for r in records]),
        "decider": distinct([d for r in records for d in r.deciders]),
    }


__all__ = [
    "STATUS_ORDER",
    "SiteIndex",
    "checklist_views",
    "facets",
    "matrix_view",
    "page_name",
    "recent",
    "status_counts",
    "timeline",
]
