"""adr-tools' own edits of the `## Status` section, line for line: `_adr_add_link` and
`_adr_remove_status` (the awk scripts behind `adr new -s`, `adr new -l` and `adr link`)."""

from __future__ import annotations

from ..model import Record
from .rawtext import RawDocument


def add_link(doc: RawDocument, record: Record, line: str) -> None:
    """`_adr_add_link`: the link line and a blank line, before the heading after "## Status"."""
    starts = _status_headings(doc, record)
    for start in reversed(starts):
        following = next((i for i in range(start + 1, len(doc.lines)) if doc.lines[i].startswith("##")), None)
        if following is not None:
            doc.insert(following, [line, ""])
        else:  # adr-tools adds nothing when no heading follows; we keep the link at the end
            doc.insert(len(doc.lines), ([""] if doc.lines and doc.lines[-1] else []) + [line])


def remove_status(doc: RawDocument, record: Record, current: str) -> None:
    """`_adr_remove_status`: drop the status line from the Status section and fold repeated blanks."""
    starts = set(_status_headings(doc, record))
    in_status, after_blank, doomed = False, False, []
    for index, line in enumerate(doc.lines):
        if line.startswith("##"):
            in_status = False
        if index in starts:
            in_status = True
        if in_status and line == "":
            if after_blank:
                doomed.append(index)
            after_blank = True
            continue
        if in_status and line == current:
            doomed.append(index)
            continue
        if in_status:
            after_blank = False
    for index in reversed(doomed):
        doc.delete(index)


def _status_headings(doc: RawDocument, record: Record) -> list[int]:
    """Indexes of the "## Status" lines (adr-tools' exact match, plus the heading the parser found)."""
    found = {i for i, line in enumerate(doc.lines) if line == "## Status"}
    section = record.section("status")
    if section is not None:
        found.add(section.line - 1)
    return sorted(found)
