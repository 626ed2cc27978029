"""Proposals left waiting: proposed (or draft) records older than N days."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from ..base.termtext import plural
from ..model import Record
from . import Report, ReportOptions, Table, record_label

WAITING = ("proposed", "draft")


@dataclass(frozen=True)
class StaleEntry:
    record: str
    title: str
    status: str
    since: str | None
    source: str  # git | record | none: where `since` comes from
    age_days: int | None
    path: str


def build(records: list[Record], options: ReportOptions) -> Report:
    today = date.fromisoformat(options.today)
    entries = []
    for record in records:
        if record.status not in WAITING:
            continue
        since, source = _since(record, options)
        age = (today - date.fromisoformat(since)).days if since else None
        if age is None or age > options.days:
            entries.append(
                StaleEntry(record_label(record), record.title, record.status, since, source, age, record.path)
            )
    # Oldest first; records without any date last, since their age cannot be told.
    entries.sort(key=lambda e: (e.age_days is None, -(e.age_days or 0), e.record))
    rows = tuple(
        (e.record, e.title, e.status, e.since or "no date", "?" if e.age_days is None else str(e.age_days), e.source)
        for e in entries
    )
    table = Table("", ("Record", "Title", "Status", "Since", "Age (days)", "Date from"), rows)
    data = {"report": "stale", "days": options.days, "today": options.today, "records": [asdict(e) for e in entries]}
    notes = (
        f"{plural(len(entries), 'record')} proposed more than {plural(options.days, 'day')} before {options.today}",
    )
    return Report("stale", f"Stale proposals (older than {options.days} days)", data, (table,), notes)


def _since(record: Record, options: ReportOptions) -> tuple[str | None, str]:
    """When the proposal was made: its first commit when git knows, else the record's own date."""
    created = options.created(record)
    if created:
        return created[:10], "git"
    if record.date:
        return record.date, "record"
    return None, "none"
