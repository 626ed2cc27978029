"""Which numbers in a line are citations of records (parse.refs.cited_numbers)."""

from __future__ import annotations

import pytest

from adrledger.parse.refs import cited_numbers


@pytest.mark.parametrize(
    "line, numbers",
    [
        ("As ADR-12 and ADR 0013 decided", [12, 13]),
        ("see MADR-053, MADR #036 and ADR0005", [53, 36, 5]),
        ("Fixed in #12 and PR #40", []),
        ("the key is `ADR-7` in code", []),
        ("moved from Greenhouse-ADR-4-status.md", []),
        ("see adr-012-use-kafka.md", []),
    ],
)
def test_cited_numbers(line: str, numbers: list[int]) -> None:
    assert [int(m.group("num")) for m in cited_numbers(line)] == numbers
