"""Reports over a decision log: risk register, stale proposals, checklist progress, matrices, summary.

Each report lives in its own module and exposes `build(records, options) -> Report`; the registry
below names them. Renderers (render.py) turn any Report into text, Markdown or JSON.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import UsageError
from ..model import Record

# name -> (module, one-line description). The registry is the table of contents.
REPORTS: dict[str, tuple[str, str]] = {
    "risks": ("risks", "Risk register: every risk of every record, with impact, likelihood and mitigation"),
    "stale": ("stale", "Proposed records older than N days (config stale-days, --days)"),
    "checklists": ("checklists", "Acceptance criteria, requirements and roadmap progress per record"),
    "matrix": ("matrix", "One record's decision matrix recomputed: options ranked, stated vs computed"),
    "summary": ("summary", "Counts by status, style, year and decider"),
    "edits": ("edits", "Accepted records whose prose was edited, over the whole git history"),
}


@dataclass(frozen=True)
class Table:
    """A titled table: the text and Markdown renderers print these in order."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Report:
    name: str
    title: str
    data: dict[str, Any]  # the JSON document
    tables: tuple[Table, ...] = ()
    notes: tuple[str, ...] = ()  # lines printed after the tables


@dataclass(frozen=True)
class ReportOptions:
    today: str  # ISO date the ages are measured from
    days: int = 30
    reference: str | None = None  # the record a per-record report (matrix) is about
    created: Callable[[Record], str | None] = field(default=lambda record: None)
    # record -> (its acceptance, the edits of its prose that count), from git history (the edits report)
    edits: Callable[[Record], tuple[Any, Sequence[Any]]] = field(default=lambda record: (None, ()))


def report_names() -> tuple[str, ...]:
    return tuple(REPORTS)


def build_report(name: str, records: Sequence[Record], options: ReportOptions) -> Report:
    """Run the report called `name` over `records`."""
    if name not in REPORTS:
        raise UsageError(f"no report named '{name}': choose one of {', '.join(REPORTS)}")
    module = importlib.import_module(f"{__name__}.{REPORTS[name][0]}")
    report: Report = module.build(list(records), options)
    return report


def record_label(record: Record) -> str:
    """How a report names a record: its id (ADR number, package/number or file stem)."""
    return record.id


__all__ = ["REPORTS", "Report", "ReportOptions", "Table", "build_report", "record_label", "report_names"]
