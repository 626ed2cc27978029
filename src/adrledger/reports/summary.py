"""Counts of the log: by status, style, year and decider."""

from __future__ import annotations

from collections import Counter

from ..model import Record
from ..names import STATUSES
from . import Report, ReportOptions, Table


def build(records: list[Record], options: ReportOptions) -> Report:
    by_status = Counter(r.status for r in records)
    by_style = Counter(r.style for r in records)
    by_year = Counter(r.date[:4] if r.date else "no date" for r in records)
    by_decider = Counter(person for r in records for person in dict.fromkeys(r.deciders))
    counts: dict[str, dict[str, int]] = {
        "status": {s: by_status[s] for s in STATUSES if by_status[s]},
        "style": dict(sorted(by_style.items(), key=lambda kv: (-kv[1], kv[0]))),
        "year": dict(sorted(by_year.items(), key=lambda kv: (kv[0] == "no date", kv[0]))),
        "decider": dict(sorted(by_decider.items(), key=lambda kv: (-kv[1], kv[0]))),
    }
    tables = tuple(
        Table(f"By {name}", (name.capitalize(), "Records"), tuple((key, str(value)) for key, value in values.items()))
        for name, values in counts.items()
    )
    data = {"report": "summary", "records": len(records), **counts}
    return Report("summary", f"Decision log summary ({len(records)} records)", data, tables)
