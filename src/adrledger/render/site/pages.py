"""View models: the facts each page shows, computed from the typed records (no HTML here)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ...model import DecisionMatrix, Record
from ..relations import STATUS_ORDER, Edge, status_rank

# Relation headings on a record page, for each direction of each edge kind.
RELATION_LABELS = (("supersedes", "source", "Supersedes"), ("supersedes", "target", "Superseded by"),
                   ("amends", "source", "Amends"), ("amends", "target", "Amended by"),
                   ("related", "either", "Related"))
TOTAL_TOLERANCE = 0.05  # stated totals are usually rounded to one decimal
RECENT = 10
TIMELINE_LIMIT = 120


def page_name(record: Record) -> str:
    """The file name of a record's page: its zero-padded number, or a cleaned file stem."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", record.id).strip("-.") or "record"


# A relation stated by one record, as its own page and the other record's page show it.
_LABEL_OF_KIND = {"supersedes": "Supersedes", "superseded_by": "Superseded by", "amends": "Amends",
                  "amended_by": "Amended by", "related": "Related"}
_INVERSE_KIND = {"supersedes": "superseded_by", "superseded_by": "supersedes", "amends": "amended_by",
                 "amended_by": "amends", "related": "related"}


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
    """Everything that links records together: page names and edges."""

    records: Sequence[Record]
    edges: Sequence[Edge]
    pages: dict[str, str] = field(default_factory=dict)  # record id -> page path
    by_number: dict[int, Record] = field(default_factory=dict)
    by_path: dict[str, Record] = field(default_factory=dict)
    adjacent: dict[int, list[Edge]] = field(default_factory=dict)
    by_slug: dict[str, list[tuple[str, Record]]] = field(default_factory=dict)  # unnumbered: (kind, other)

    @classmethod
    def build(cls, records: Sequence[Record], links: Sequence[Edge]) -> SiteIndex:
        index = cls(records, links)
        for edge in links:
            index.adjacent.setdefault(edge.source, []).append(edge)
            index.adjacent.setdefault(edge.target, []).append(edge)
        used: set[str] = set()
        for record in records:
            name = page_name(record)
            while name in used:
                name += "-"
            used.add(name)
            index.pages[record.id] = f"records/{name}.html"
            if record.number is not None:
                index.by_number.setdefault(record.number, record)
            index.by_path.setdefault(record.path, record)
        index._link_slugs(records)
        return index

    def _link_slugs(self, records: Sequence[Record]) -> None:
        """Relations between records without numbers, which name each other by file slug, both ways."""
        unnumbered = {r.slug: r for r in records if r.number is None}
        if not unnumbered:
            return
        for record in records:
            for relation in record.relations:
                other = unnumbered.get(relation.slug) if relation.number is None else None
                if other is None or other is record or relation.kind not in _INVERSE_KIND:
                    continue
                self.by_slug.setdefault(record.slug, []).append((relation.kind, other))
                self.by_slug.setdefault(other.slug, []).append((_INVERSE_KIND[relation.kind], record))

    def page(self, record: Record) -> str:
        return self.pages[record.id]

    def relations(self, record: Record) -> list[tuple[str, list[RelatedLink]]]:
        """Relations both ways (stated here or only on the other record), titled and linked."""
        if record.number is None:
            return self._slug_relations(record)
        groups = []
        for kind, side, label in RELATION_LABELS:
            numbers = [_other(e, record.number, side) for e in self.adjacent.get(record.number, ())
                       if e.kind == kind]
            links = [self._link(n) for n in numbers if n is not None]
            if links:
                groups.append((label, links))
        return groups

    def _link(self, number: int) -> RelatedLink:
        other = self.by_number[number]
        return RelatedLink(number, other.title, other.status, self.page(other))

    def _slug_relations(self, record: Record) -> list[tuple[str, list[RelatedLink]]]:
        found: dict[str, dict[str, RelatedLink]] = {}
        for kind, other in self.by_slug.get(record.slug, ()):
            link = RelatedLink(None, other.title or other.slug, other.status, self.page(other))
            found.setdefault(_LABEL_OF_KIND[kind], {}).setdefault(other.id, link)
        order = [label for _, _, label in RELATION_LABELS]
        return [(label, list(found[label].values())) for label in order if label in found]


def _other(edge: Edge, number: int, side: str) -> int | None:
    if side == "source":
        return edge.target if edge.source == number else None
    if side == "target":
        return edge.source if edge.target == number else None
    if number in (edge.source, edge.target):
        return edge.target if edge.source == number else edge.source
    return None


def format_number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}".rstrip("0").rstrip(".")


_WRITTEN_NUMBER = re.compile(r"(?P<before>\D*?)(?P<number>\d+(?:(?P<point>[.,])(?P<decimals>\d+))?)(?P<after>.*)")


def written_like(value: float | None, stated: str) -> str:
    """A computed number in the form of the stated one beside it: 7.9 beside "7.90/10" is "7.90/10"."""
    from ...parse.tables import strip_inline

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
    criteria = [{"name": c.name, "weight": c.weight_raw or format_number(c.weight),
                 "scores": [format_number(s) for s in (matrix.scores[i] if i < len(matrix.scores) else ())]}
                for i, c in enumerate(matrix.criteria)]
    totals = []
    best = max((t for t in matrix.computed_totals if t is not None), default=None)
    for i, option in enumerate(matrix.options):
        computed = matrix.computed_totals[i] if i < len(matrix.computed_totals) else None
        stated = matrix.stated_totals[i] if i < len(matrix.stated_totals) else None
        raw = matrix.stated_totals_raw[i] if i < len(matrix.stated_totals_raw) and stated is not None else ""
        mismatch = stated is not None and computed is not None and abs(stated - computed) > TOTAL_TOLERANCE
        totals.append({"option": option, "computed": written_like(computed, raw),
                       "stated": written_like(stated, raw) if raw else format_number(stated),
                       "mismatch": mismatch, "best": computed is not None and computed == best})
    expected = {"percent": 100.0, "fraction": 1.0}.get(matrix.weight_unit)
    weight_ok = expected is None or matrix.weight_sum is None or abs(matrix.weight_sum - expected) < 0.01
    suffix = "%" if matrix.weight_unit == "percent" else ""
    return MatrixView(criteria, list(matrix.options), totals, format_number(matrix.weight_sum) + suffix,
                      weight_ok, sum(1 for t in totals if t["mismatch"]))


def checklist_views(record: Record) -> list[dict[str, Any]]:
    return [{"title": c.title or "Checklist", "done": c.done, "total": c.total,
             "percent": round(100 * c.done / c.total) if c.total else 0} for c in record.checklists if c.total]


def status_counts(records: Sequence[Record]) -> list[tuple[str, int]]:
    counts = Counter(r.status for r in records)
    return sorted(counts.items(), key=lambda pair: status_rank(pair[0]))


def recent(records: Sequence[Record], limit: int = RECENT) -> list[Record]:
    dated = [r for r in records if r.date]
    return sorted(dated, key=lambda r: (r.date or "", r.number or 0), reverse=True)[:limit]


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

    statuses = sorted({r.status for r in records}, key=status_rank)
    return {
        "status": statuses,
        "tag": distinct([t for r in records for t in r.tags]),
        "style": distinct([r.style for r in records]),
        "decider": distinct([d for r in records for d in r.deciders]),
    }


__all__ = ["STATUS_ORDER", "SiteIndex", "checklist_views", "facets", "matrix_view", "page_name", "recent",
           "status_counts", "timeline"]
