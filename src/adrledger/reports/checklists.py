"""Progress of every checklist: requirements, acceptance criteria and roadmap phases, done/total."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..base.termtext import plural
from ..model import Checklist, Record
from . import Report, ReportOptions, Table, record_label

# Section keys that say what a checklist is, from the most specific.
KINDS = (
    ("acceptance_criteria", "acceptance"),
    ("roadmap", "roadmap"),
    ("requirements", "requirements"),
    ("implementation", "roadmap"),
    ("timeline", "roadmap"),
)


@dataclass(frozen=True)
class ListProgress:
    title: str
    kind: str  # acceptance | roadmap | requirements | other
    done: int
    total: int
    line: int
    open: tuple[str, ...]


@dataclass(frozen=True)
class RecordProgress:
    record: str
    title: str
    status: str
    path: str
    done: int
    total: int
    checklists: tuple[ListProgress, ...]


def kind_of(record: Record, checklist: Checklist) -> str:
    """acceptance | roadmap | requirements | other, from the sections around the checklist."""
    keys = {s.key for s in record.sections if s.key and s.line <= checklist.line <= s.end_line}
    return next((kind for key, kind in KINDS if key in keys), "other")


def progress(record: Record) -> RecordProgress:
    lists = tuple(
        ListProgress(c.title, kind_of(record, c), c.done, c.total, c.line, tuple(i.text for i in c.items if not i.done))
        for c in record.checklists
    )
    return RecordProgress(
        record_label(record),
        record.title,
        record.status,
        record.path,
        sum(c.done for c in lists),
        sum(c.total for c in lists),
        lists,
    )


def build(records: list[Record], options: ReportOptions) -> Report:
    entries = [progress(record) for record in records if record.checklists]
    rows = tuple(
        (e.record, c.title or "(untitled)", c.kind, f"{c.done}/{c.total}", _percent(c.done, c.total))
        for e in entries
        for c in e.checklists
    )
    table = Table("", ("Record", "Checklist", "Kind", "Done", "Progress"), rows)
    done, total = sum(e.done for e in entries), sum(e.total for e in entries)
    notes = (f"{done}/{plural(total, 'item')} done ({_percent(done, total)}) in {plural(len(entries), 'record')}",)
    data = {"report": "checklists", "done": done, "total": total, "records": [asdict(e) for e in entries]}
    return Report("checklists", "Checklist progress", data, (table,), notes)


def _percent(done: int, total: int) -> str:
    return f"{round(100 * done / total)} %" if total else "-"
