"""The facts a conversion must keep: what `adr convert` and `adr import` check before writing."""

from __future__ import annotations

from typing import Any

from ..base.termtext import clipped
from ..model import Record


def record_facts(record: Record) -> dict[str, Any]:
    """The model facts of a record that no change of style may alter."""
    matrix = record.decision_matrix
    return {
        "title": record.title,
        "number": record.number,
        "status": record.status,
        "date": record.date,
        "deciders": record.deciders,
        "tags": record.tags,
        "alternatives": tuple((a.name, a.verdict) for a in record.alternatives),
        "consequences": (record.consequences.positive, record.consequences.negative, record.consequences.neutral),
        "risks": tuple((r.risk, r.impact, r.likelihood, r.mitigation) for r in record.risks),
        "decision_matrix": None
        if matrix is None
        else (tuple((c.name, c.weight) for c in matrix.criteria), matrix.options, matrix.scores, matrix.stated_totals),
        "checklists": tuple((c.title, tuple((i.text, i.done) for i in c.items)) for c in record.checklists),
        "review_log": tuple((e.date, e.change, e.author) for e in record.review_log),
        "relations": tuple(
            sorted({(r.kind, str(r.number) if r.number is not None else _stem(r.target)) for r in record.relations})
        ),
    }


def _stem(target: str) -> str:
    return target.split("#", 1)[0].rsplit("/", 1)[-1].rsplit(".", 1)[0]


def lost_facts(before: Record, after: Record) -> list[str]:
    """The names of the facts that differ, with both values, for an error message."""
    old, new = record_facts(before), record_facts(after)
    return [change(name, old[name], new[name]) for name in old if old[name] != new[name]]


BRIEF = 60  # characters of a value shown in an error line: a fact may hold a whole section


def change(name: str, old: object, new: object) -> str:
    """One fact's change, each value's repr cut short so that the error stays one readable line."""
    return f"{name}: {_brief(old)} became {_brief(new)}"


def _brief(value: object) -> str:
    return clipped(repr(value), BRIEF, "...")
