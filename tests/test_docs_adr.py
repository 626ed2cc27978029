"""The project's own decision log (docs/adr) is complete MADR: the tool reads back what it wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from adrledger.ops.authoring import slugify
from adrledger.parse import parse_file

from conftest import ROOT

DOCS = ROOT / "docs" / "adr"
FILES = sorted(DOCS.glob("[0-9][0-9][0-9][0-9]-*.md"))


def test_adr_dir_points_at_the_project_log():
    assert (ROOT / ".adr-dir").read_text(encoding="utf-8").strip() == "docs/adr"
    assert len(FILES) >= 13


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_record_is_a_complete_accepted_madr_record(path: Path):
    (record,) = parse_file(path, DOCS)
    assert record.path == f"{record.number:04d}-{slugify(record.title)}.md"
    assert (record.style, record.status, record.problems) == ("madr", "accepted", ())
    assert record.deciders == ("adrledger maintainers",) and record.date is not None
    assert record.context and record.decision.startswith("Chosen option:")
    assert record.drivers and len(record.alternatives) >= 2
    assert all(a.pros and a.cons for a in record.alternatives)
    assert record.consequences.positive and record.consequences.negative
    text = path.read_text(encoding="utf-8")
    assert "<!--" not in text and "{{" not in text


@pytest.mark.parametrize("folder", ["docs/adr", "examples/adr"])
def test_the_project_logs_lint_clean_through_the_cli(adr, folder: str):  # type: ignore[no-untyped-def]
    """Dogfood: CI lints the project's own log and the README's example log with `adr` itself."""
    # With today's real date, as CI runs it: the suite's fixed ADR_DATE is older than the records (ADR211).
    result = adr("--dir", folder, "lint", cwd=ROOT, env={"ADR_DATE": ""})
    assert result.code == 0, result.out + result.err
    assert "All checks passed." in result.out
