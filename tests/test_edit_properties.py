"""Property tests: the editors never crash on odd records, and never touch lines they do not own."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adrledger.edit.rawtext import RawDocument
from adrledger.edit.record import EditableRecord, Target, add_relation, append_review_row, mark_superseded, set_status
from adrledger.errors import AdrError

PIECES = [
    "# 3. Use queues",
    "# ADR-0003: Use queues",
    "---",
    "status: accepted",
    "title: x",
    "## Status",
    "Accepted",
    "**Status:** Proposed",
    "Status: Accepted",
    "* Status: accepted",
    "**Status**: Accepted | **Date**: 2024-01-01",
    "| Status | Accepted |",
    "|---|---|",
    "| Field | Value |",
    "## Related Decisions",
    "## Related",
    "- [ADR-0001](x.md)",
    "- **Supersedes:** [placeholder]",
    "- **Superseded by:** <!-- later -->",
    "## More Information",
    "## Links",
    "## Review and Updates",
    "| Date | Change | Author |",
    "| ---- | ------ | ------ |",
    "| 2024-01-01 | First | Ann |",
    "```",
    "~~~",
    "## Context",
    "Some prose with ADR-0009 in it.",
    "",
    "   ",
    "<!-- comment -->",
    "###",
    "## Status: Accepted",
    "Superseded by [9. X](0009-x.md)",
    "café ✅",
    "\t- nested",
    "## 7. Architecture Decision Record",
]
ENDINGS = ["\n", "\r\n", "\r"]
OTHER = Target(9, "Use streams", Path("/log/0009-use-streams.md"), "# 9. Use streams", 4)


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(st.sampled_from(PIECES) | st.text(max_size=30), max_size=40))
    ending = draw(st.sampled_from(ENDINGS))
    text = ending.join(lines) + (ending if draw(st.booleans()) else "")
    prefix = "\ufeff" if draw(st.booleans()) else ""
    return (prefix + text).encode("utf-8", "surrogatepass")


EDITS = {
    "accept": lambda e: set_status(e, "accepted"),
    "supersede": lambda e: mark_superseded(e, OTHER),
    "link": lambda e: add_relation(e, "Amends", OTHER),
    "review": lambda e: append_review_row(e, "2024-05-01", "Note | with pipe", "Ann"),
}


@pytest.mark.slow  # 300 generated documents
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=documents(), edit=st.sampled_from(sorted(EDITS)))
def test_edits_never_crash_and_keep_other_lines(data: bytes, edit: str) -> None:
    try:
        editable = EditableRecord(Path("/log/0003-use-queues.md"), data, "0003-use-queues.md")
    except AdrError:
        return
    status_line = editable.record.status_line
    status_text = editable.doc.lines[status_line - 1] if status_line else None
    EDITS[edit](editable)
    result = editable.data()
    before = RawDocument.from_bytes(data).lines
    after = RawDocument.from_bytes(result).lines
    position = 0
    for number, line in enumerate(before, 1):
        if (
            number == status_line
            or line == status_text
            or line.startswith("status:")
            or not line.strip()
            or "**Supersedes:**" in line
            or "**Superseded by:**" in line
        ):
            continue  # lines an edit may rewrite: status and relation lines; adr-tools also folds blanks
        position = after.index(line, position) + 1
    assert result.startswith(b"\xef\xbb\xbf") == data.startswith(b"\xef\xbb\xbf")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_raw_documents_round_trip_any_bytes(data: bytes) -> None:
    try:
        document = RawDocument.from_bytes(data)
    except AdrError:
        return  # binary files are refused, not mangled
    assert document.to_bytes() == data
