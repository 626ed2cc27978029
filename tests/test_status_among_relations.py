"""The status is the status line, wherever relation lines stand in the Status section: `adr link` adds
"Amended by [...]" lines there and `adr new -s` replaces "Accepted" by "Superseded by [...]" (as adr-tools
does), which can leave a relation line first."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from adrledger.parse import parse_text

RELATIONS = [
    "Amended by [3. Gamma](0003-gamma.md)",
    "Relates to [5. Delta](0005-delta.md)",
    "Clarified by [6. Epsilon](0006-epsilon.md)",
]


def record(status_lines: list[str]) -> str:
    body = "\n\n".join(status_lines)
    return f"# 2. Alpha\n\nDate: 2024-05-01\n\n## Status\n\n{body}\n\n## Context\n\nWhy.\n"


@pytest.mark.parametrize(
    "status, expected",
    [
        ("Accepted", "accepted"),
        ("Superseded by [4. Beta](0004-beta.md)", "superseded"),
        ("Deprecated", "deprecated"),
        ("Proposed", "proposed"),
    ],
)
@pytest.mark.parametrize("position", [0, 1, 2])
def test_the_status_line_decides_wherever_relation_lines_stand(status: str, expected: str, position: int) -> None:
    for relations in itertools.permutations(RELATIONS[:2]):
        lines = list(relations)
        lines.insert(position, status)
        [parsed] = parse_text(record(lines), "0002-alpha.md")
        assert parsed.status == expected, lines
        assert parsed.status_raw is not None and parsed.status_raw.startswith(status.split(" [")[0])


def test_only_relation_lines_that_name_no_status_leave_it_unknown() -> None:
    [parsed] = parse_text(record(RELATIONS), "0002-alpha.md")
    assert parsed.status == "other"


def test_link_then_new_superseding_reads_superseded(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The issue's reproduction, through the real CLI."""
    for args in (
        ["init"],
        ["new", "Alpha"],
        ["new", "Gamma"],
        ["link", "3", "Amends", "2", "Amended by"],
        ["new", "-s", "2", "Beta"],
    ):
        assert adr(*args).code == 0
    text = (tmp_path / "doc" / "adr" / "0002-alpha.md").read_text()
    # the relation line came first ("Superceded by": adr-tools' own spelling, which its style keeps)
    superseded = text.find("Superseded by") if "Superseded by" in text else text.index("Superceded by")
    assert text.index("Amended by") < superseded
    listed = {r["number"]: r["status"] for r in json.loads(adr("list", "--format", "json").out)}
    assert listed == {1: "accepted", 2: "superseded", 3: "accepted", 4: "accepted"}
