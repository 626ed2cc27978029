"""Fixes that write the missing side of a relation, with the lifecycle's style-preserving editor (edit.py).

"B is superseded by A" changes B's status as `adr supersede` does; the other relations are
added as a link line where the record keeps its links (Status section, Related list, MADR
links, a table style's bold bullets). The editor's result is turned into line edits, so the
fix is planned, checked for collisions and written like every other fix.
"""

from __future__ import annotations

import re

from ..errors import AdrError
from ..model import Record
from ..textio import read_record_bytes
from .context import LogContext
from .diagnostics import Fix
from .fixes import line_edits

VERBS = {"superseded_by": "Superseded by", "supersedes": "Supersedes", "amends": "Amends",
         "amended_by": "Amended by"}


def relation_fix(ctx: LogContext, record: Record, kind: str, other: Record, applicability: str = "safe") -> Fix | None:
    """The edit that makes `record` state `kind` -> `other` (None when the record cannot be edited safely)."""
    from ..edit import EditableRecord, Target, add_relation, add_supersedes, mark_superseded
    from ..spelling import spelling_for

    if record.path in ctx.bundles or other.number is None:
        return None  # a file of several records: which one to edit would be a guess
    path = ctx.sources.resolve(record.path)
    other_path = ctx.sources.resolve(other.path)
    try:
        data = read_record_bytes(path)  # refuses pipes and devices instead of blocking on them
        editable = EditableRecord(path, data, record.path)
        first_line = read_record_bytes(other_path).decode("utf-8", "replace").split("\n", 1)[0].lstrip("\ufeff")
        digits = len(re.match(r"\d*", other_path.name).group(0)) or 4  # type: ignore[union-attr]
        target = Target(other.number, other.title, other_path, first_line, digits)
        spelling = spelling_for(ctx.config.dir, ctx.config.supersede_spelling)
        if kind == "superseded_by":
            mark_superseded(editable, target, spelling)
        elif kind == "supersedes":
            add_supersedes(editable, target, spelling)
        else:
            add_relation(editable, VERBS[kind], target)
    except (AdrError, OSError, ValueError):
        return None
    edits = line_edits(record.path, data, editable.data())
    if not edits:
        return None
    return Fix(f"write '{VERBS[kind]} ADR-{other.number}' in {record.path}", applicability, edits)
