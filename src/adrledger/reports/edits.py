"""Accepted records whose prose was rewritten, over the whole git history (ADR501 judges only a change)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..model import Record
from . import Report, ReportOptions, Table, record_label


@dataclass(frozen=True)
class EditEntry:
    record: str
    title: str
    accepted: str | None  # the day the record was accepted (None beyond a shallow clone's horizon)
    sha: str  # "" for the working tree
    date: str
    author: str
    message: str
    lines: tuple[int, ...]
    path: str


def build(records: list[Record], options: ReportOptions) -> Report:
    entries = []
    for record in records:
        accepted, edits = options.edits(record)
        for edit in edits:
            change = edit.change
            entries.append(
                EditEntry(
                    record_label(record),
                    record.title,
                    accepted.date[:10] if accepted else None,
                    change.sha,
                    change.date[:10],
                    change.author,
                    change.message,
                    tuple(edit.changed_lines),
                    record.path,
                )
            )
    entries.sort(key=lambda e: (e.date, e.record))
    rows = tuple(
        (e.record, e.title, e.accepted or "?", e.date, e.sha[:7] or "uncommitted", e.author, e.message) for e in entries
    )
    table = Table("", ("Record", "Title", "Accepted", "Edited", "Commit", "Author", "Message"), rows)
    data = {"report": "edits", "edits": [asdict(e) for e in entries]}
    touched = len({e.path for e in entries})
    notes = (f"{len(entries)} edit(s) of the prose of {touched} accepted record(s), sweeps and formatting left out",)
    return Report("edits", "Accepted records edited (whole history)", data, (table,), notes)
