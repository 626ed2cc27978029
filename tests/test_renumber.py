"""`adr renumber`: a record moves to a free number and every reference in the log follows it."""

from __future__ import annotations

from pathlib import Path

import pytest

from adrledger.parse import parse_file


def _write(log: Path, name: str, text: str) -> Path:
    log.mkdir(parents=True, exist_ok=True)
    (log / name).write_text(text, encoding="utf-8")
    return log / name


@pytest.fixture
def log(tmp_path: Path) -> Path:
    folder = tmp_path / "doc" / "adr"
    _write(
        folder,
        "0005-use-queues.md",
        "# 5. Use queues\n\nDate: 2024-01-01\n\n## Status\n\nSuperseded by [6. Use streams](0006-use-streams.md)\n\n"
        "## Context\n\nSee ADR-0005 itself.\n",
    )
    _write(
        folder,
        "0006-use-streams.md",
        "# 6. Use streams\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n"
        "Supersedes [5. Use queues](0005-use-queues.md)\n\n"
        "## Context\n\nAs ADR 5 said, and ADR-0005 before it; not ADR-0050 nor ADR 55.\n\n"
        "```\nADR-0005 inside code stays\n```\n",
    )
    _write(folder, "0007-madr.md", "---\nstatus: accepted\nsupersedes: 5\n---\n\n# Madr\n\nText about 5 apples.\n")
    return folder


def test_renumber_rewrites_every_reference(adr, log: Path) -> None:
    result = adr("renumber", "5", "12")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "doc/adr/0012-use-queues.md",
        "doc/adr/0006-use-streams.md",
        "doc/adr/0007-madr.md",
    ]
    assert not (log / "0005-use-queues.md").exists()
    moved = (log / "0012-use-queues.md").read_text()
    assert moved.startswith("# 12. Use queues\n") and "See ADR-0012 itself." in moved
    other = (log / "0006-use-streams.md").read_text()
    assert "Supersedes [12. Use queues](0012-use-queues.md)" in other
    assert "As ADR 12 said, and ADR-0012 before it; not ADR-0050 nor ADR 55." in other
    assert "ADR-0005 inside code stays" in other
    madr = (log / "0007-madr.md").read_text()
    assert "supersedes: 12\n" in madr and "about 5 apples" in madr
    assert parse_file(log / "0006-use-streams.md")[0].supersedes == (12,)


def test_renumber_refuses_a_taken_number(adr, log: Path) -> None:
    result = adr("renumber", "5", "6")
    assert result.code == 2 and "the number 6 is taken by 0006-use-streams.md" in result.err
    assert (log / "0005-use-queues.md").exists()


def test_collision_after_a_merge(adr, log: Path) -> None:
    _write(log, "0005-use-logs.md", "# 5. Use logs\n\nDate: 2024-02-01\n\n## Status\n\nAccepted\n")
    _write(
        log,
        "0008-cites-logs.md",
        "# 8. Cites logs\n\n## Status\n\nAccepted\n\n"
        "Amends [5. Use logs](0005-use-logs.md)\n\n"
        "## Context\n\nADR-0005 is ambiguous.\n",
    )
    ambiguous = adr("renumber", "5", "9")
    assert ambiguous.code == 2 and "2 records have the number 5" in ambiguous.err
    assert adr("renumber", "0005-use-logs", "9").code == 0
    cites = (log / "0008-cites-logs.md").read_text()
    assert "Amends [9. Use logs](0009-use-logs.md)" in cites
    assert "ADR-0005 is ambiguous." in cites  # a bare mention could mean either record: left alone
    assert "Supersedes [5. Use queues](0005-use-queues.md)" in (log / "0006-use-streams.md").read_text()
