"""Plain-text views of records for the terminal."""

from __future__ import annotations

from ..model import Record, RecordRef, cite


def display_id(record: Record) -> str:
    """How a record is named in a listing: its number, its file stem, or "draft" for an unnumbered draft."""
    if record.number is None and record.status == "draft":
        return f"{record.package}/draft" if record.package else "draft"
    return record.id


def describe(record: Record) -> str:
    """A compact, readable summary of one record."""
    lines = [f"{display_id(record)}  {record.title or '(no title)'}", ""]
    status = record.status if record.status_raw in (None, record.status) else f"{record.status} ({record.status_raw})"
    fields = [
        ("status", status),
        ("date", record.date or (f"? ({record.date_raw})" if record.date_raw else "")),
        ("style", record.style),
        ("deciders", ", ".join(record.deciders)),
        ("tags", ", ".join(record.tags)),
        ("path", record.path + (f" (lines {record.start_line}-{record.end_line})" if record.ordinal else "")),
    ]
    for kind, label in (
        ("supersedes", "supersedes"),
        ("superseded_by", "superseded by"),
        ("amends", "amends"),
        ("amended_by", "amended by"),
        ("related", "related"),
    ):
        targets = [_target(r.ref, r.title, r.label if kind == "related" else "") for r in record.relations_of(kind)]
        fields.append((label, ", ".join(targets)))
    lines += [f"{name:<14}{value}" for name, value in fields if value]
    if record.sections:
        lines += ["", "sections:"] + [
            f"  {'  ' * (s.level - 2)}{s.title}  (line {s.line})" for s in record.sections if s.level >= 2
        ][:40]
    if record.alternatives:
        lines += ["", "alternatives:"] + [
            f"  - {a.name}" + (f"  [{a.verdict}]" if a.verdict else "") for a in record.alternatives
        ]
    if record.decision_matrix is not None:
        lines += ["", "decision matrix (computed totals):"]
        lines += [f"  {name}: {total:g}" for name, total in record.decision_matrix.ranking]
    for checklist in record.checklists:
        lines.append(f"checklist {checklist.title or '(untitled)'}: {checklist.done}/{checklist.total} done")
    if record.problems:
        lines += ["", "problems:"] + [f"  line {p.line}: {p.message}" for p in record.problems]
    return "\n".join(lines)


def _target(ref: RecordRef | None, title: str, label: str) -> str:
    text = cite(ref) if ref is not None else "?"
    if title:
        text += f" {title}"
    return f"{label}: {text}" if label and label.lower() != "related" else text
