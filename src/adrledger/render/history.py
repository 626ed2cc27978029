"""A record's git history as text for the terminal or as JSON for tools."""

from __future__ import annotations

from typing import Any

from ..history.model import Change, EditAfterAcceptance, FileHistory
from ..model import Record


def change_to_json(change: Change) -> dict[str, Any]:
    return {
        "sha": change.sha,
        "date": change.date,
        "author": change.author,
        "email": change.email,
        "message": change.message,
        "kind": change.kind,
        "status": change.status,
        "path": change.path,
        "old_path": change.old_path,
    }


def edit_to_json(edit: EditAfterAcceptance) -> dict[str, Any]:
    return {
        "change": change_to_json(edit.change),
        "only_status_or_relations": edit.only_status_or_relations,
        "adds_review_row": edit.adds_review_row,
        "changed_lines": list(edit.changed_lines),
    }


def history_to_json(record: Record, history: FileHistory | None, available: bool, reason: str = "") -> dict[str, Any]:
    """One record's history; without git only what the record itself says."""
    found = history if available else None
    return {
        "id": record.id,
        "path": record.path,
        "available": available,
        "reason": reason or None,
        "status": record.status,
        "date": record.date,
        "truncated": found.truncated if found else False,
        "created": change_to_json(found.created) if found and found.created else None,
        "accepted": change_to_json(found.accepted) if found and found.accepted else None,
        "changes": [change_to_json(c) for c in found.changes] if found else [],
        "status_changes": [change_to_json(c) for c in found.status_changes] if found else [],
        "edits_after_acceptance": [edit_to_json(e) for e in found.edits_after_acceptance] if found else [],
        "authors": list(found.authors) if found else [],
    }


def describe_history(record: Record, history: FileHistory | None, available: bool, reason: str = "") -> str:
    """A readable account of one record's life: one line per change, flags under edits."""
    lines = [f"{record.id}  {record.title or '(no title)'}", f"path: {record.path}", ""]
    if not available:
        lines.append(f"no git history ({reason})" if reason else "no git history")
        lines.append(f"the record says: status {record.status}" + (f", dated {record.date}" if record.date else ""))
        return "\n".join(lines)
    if history is None or not history.changes:
        lines.append("not committed yet" if history is None else "no change since the shallow clone's horizon")
        return "\n".join(lines)
    if history.truncated:
        lines.append("(shallow clone: history before this point is not available)")
    edits = {e.change: e for e in history.edits_after_acceptance}
    for change in history.changes:
        lines.append(_change_line(change))
        if change.old_path:
            lines.append(f"{'':23}renamed from {change.old_path}")
        edit = edits.get(change)
        if edit is not None:
            lines.append(f"{'':23}{_edit_note(edit)}")
    lines += ["", f"authors: {', '.join(history.authors) or '-'}"]
    return "\n".join(lines)


def _change_line(change: Change) -> str:
    """One change as a line: day, commit, kind, status after it, author, message."""
    head = f"{change.day}  {change.short_sha:<11}  {change.kind:<8} {change.status or '-':<11}"
    return f"{head} {change.author or '(you)'}  {change.message}"


def _edit_note(edit: EditAfterAcceptance) -> str:
    if edit.only_status_or_relations:
        return "after acceptance: status / relations only"
    where = ", ".join(str(n) for n in edit.changed_lines[:8]) + ("…" if len(edit.changed_lines) > 8 else "")
    note = f"! edited after acceptance, beyond status and relations (line {where})"
    return note + ", with a review-log row" if edit.adds_review_row else note
