"""adr convert through the real entry point."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from adrledger.parse import parse_file

FIXTURES = Path(__file__).parent / "fixtures" / "importers"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "adr-tools", tmp_path / "project")
    return tmp_path / "project"


def record_file(project: Path, number: int) -> Path:
    return next((project / "doc/architecture/decisions").glob(f"{number:04d}-*.md"))


def test_convert_rewrites_the_record_in_place(adr, project: Path):
    result = adr("convert", "4", "--style", "table", cwd=project)
    assert (result.code, result.out) == (0, "doc/architecture/decisions/0004-encrypt-customer-addresses-at-rest.md\n")
    (record,) = parse_file(record_file(project, 4))
    assert (record.style, record.status, record.date, record.amends) == ("table", "accepted", "2020-01-21", (3,))


def test_dry_run_prints_a_diff_and_writes_nothing(adr, project: Path):
    before = record_file(project, 2).read_bytes()
    result = adr("convert", "2", "--style", "madr", "--dry-run", cwd=project)
    assert result.code == 0
    assert result.out.startswith("--- a/doc/architecture/decisions/0002-publish-order-events-through-rabbitmq.md\n")
    assert "+## Context and Problem Statement\n" in result.out
    assert record_file(project, 2).read_bytes() == before


def test_line_endings_and_byte_order_mark_are_kept(adr, project: Path):
    path = record_file(project, 3)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert adr("convert", "3", "--style", "full", cwd=project).code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# ADR-0003: Keep customer data in PostgreSQL\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_a_record_already_in_the_style_is_left_alone(adr, project: Path):
    result = adr("convert", "1", "--style", "nygard", cwd=project)
    assert result.code == 0 and "already written in the nygard style" in result.err


def test_a_conversion_that_would_change_a_fact_is_refused(adr, project: Path):
    path = project / "doc/architecture/decisions/0007-plan-the-migration.md"
    path.write_text(
        "---\nstatus: proposed\ndate: 2024-02-01\n---\n# Plan the migration\n\n"
        "## Context and Problem Statement\n\n- [ ] inventory the consumers\n- [x] pick a broker\n"
    )
    refused = adr("convert", "7", "--style", "full", cwd=project)
    assert refused.code == 2 and "checklists" in refused.err and "--force" in refused.err
    assert path.read_text().startswith("---\nstatus: proposed")
    forced = adr("convert", "7", "--style", "full", "--force", cwd=project)
    assert forced.code == 0 and parse_file(path)[0].style == "full"


def test_unknown_record_and_style(adr, project: Path):
    assert adr("convert", "42", "--style", "full", cwd=project).code == 2
    assert adr("convert", "1", "--style", "fancy", cwd=project).code == 2


def test_one_record_of_a_file_holding_several_is_converted_in_place(adr, project: Path):
    bundle = project / "doc/architecture/decisions/bundle.md"
    first = "# ADR-0010: Use feature flags\n\n**Status:** Accepted\n\n**Date:** 2024-01-02\n\n## Context\n\nA.\n"
    second = "# ADR-0011: Keep flags for a month\n\n**Status:** Proposed\n\n**Date:** 2024-02-03\n\n## Context\n\nB.\n"
    bundle.write_text(first + "\n" + second)
    result = adr("convert", "11", "--style", "full", cwd=project)
    assert result.code == 0, result.err
    text = bundle.read_text()
    assert text.startswith(first)
    assert "# ADR-0011: Keep flags for a month\n\n**Status:** Proposed\n\n**Date:** 2024-02-03\n\n## Context" in text
    assert "## Alternatives Considered" in text  # the full style's sections
    records = parse_file(bundle)
    assert [(r.number, r.status) for r in records] == [(10, "accepted"), (11, "proposed")]


def test_a_table_cell_with_commas_survives_a_round_trip_as_one_point(adr, tmp_path: Path):
    folder = tmp_path / "doc/adr"
    folder.mkdir(parents=True)
    path = folder / "0002-use-vite.md"
    path.write_text(
        "# ADR-0002: Use Vite for the front-end build\n\n**Date:** 2024-03-01\n**Status:** Accepted\n\n"
        "## Decision\n\nWe will build the front end with Vite.\n\n## Context\n\nBuilds are slow.\n\n"
        "## Alternatives Considered\n\n| Approach | Pros | Cons | Verdict |\n|---|---|---|---|\n"
        "| **Vite** | Fast dev server | Production build uses Rollup, a second tool | ✅ Chosen |\n"
        "| **Netlify** | Cheap, global, no code | Lock-in (vendor, pricing) | ❌ Rejected |\n"
    )
    shown = json.loads(adr("show", "2", "--json").out)
    assert [(a["pros"], a["cons"]) for a in shown["alternatives"]] == [
        (["Fast dev server"], ["Production build uses Rollup, a second tool"]),
        (["Cheap, global, no code"], ["Lock-in (vendor, pricing)"]),
    ]
    assert adr("convert", "2", "--style", "madr").code == 0
    assert "* Bad, because Production build uses Rollup, a second tool\n" in path.read_text()
    assert adr("convert", "2", "--style", "table").code == 0
    again = json.loads(adr("show", "2", "--json").out)
    assert [(a["pros"], a["cons"]) for a in again["alternatives"]] == [
        (a["pros"], a["cons"]) for a in shown["alternatives"]
    ]


def test_the_log_is_loaded_only_for_a_relation_without_a_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Loading the log parses every record again (a hostile one costs seconds): a record whose relations
    all carry their links is converted from its own file alone; a relation without one gets its link
    from the log."""
    from adrledger.config import load_config
    from adrledger.log import DecisionLog
    from adrledger.model import Relation
    from adrledger.writers.rewrite import _linker, rewrite_record

    log_dir = tmp_path / "doc" / "adr"
    log_dir.mkdir(parents=True)
    (log_dir / "0001-first.md").write_text("# 1. First\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n")
    (log_dir / "0002-second.md").write_text(
        "# 2. Second\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n"
        "Amends [1. First](0001-first.md)\n\n## Context\n\nWhy.\n"
    )
    loads: list[int] = []
    real = DecisionLog.by_number
    monkeypatch.setattr(DecisionLog, "by_number", lambda self: loads.append(1) or real(self))
    log = DecisionLog(load_config(cwd=tmp_path))
    record = log.get(2)
    converted = rewrite_record(log, record, "madr").new_text
    assert "(0001-first.md)" in converted and loads == []
    link = _linker(log, record)
    assert link(Relation("amends", 1, "Amends", "", "", 1, "prose")) == "0001-first.md" and loads == [1]
    assert link(Relation("amends", 7, "Amends", "", "", 1, "prose")) is None and loads == [1]  # loaded once


def test_convert_writes_under_the_folder_lock(project: Path):
    """convert is a change like any other: it reads and replaces the file inside a write session,
    so it waits for a writer holding the folder lock."""
    import os
    import sys

    from adrledger.base.textio import locked_directory

    from conftest import ROOT

    folder = project / "doc/architecture/decisions"
    before = record_file(project, 4).read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with locked_directory(folder):
        proc = subprocess.Popen(
            [sys.executable, "-m", "adrledger", "convert", "4", "--style", "table"],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        waited = _blocked_on_a_lock(proc)
        unchanged = record_file(project, 4).read_bytes() == before
    out, err = proc.communicate(timeout=60)
    assert waited and unchanged, err
    assert proc.returncode == 0 and out.endswith(b"0004-encrypt-customer-addresses-at-rest.md\n")
    assert parse_file(record_file(project, 4))[0].style == "table"


def _blocked_on_a_lock(proc: subprocess.Popen[bytes]) -> bool:
    """True once the process sleeps waiting for a file lock (Linux names the wait in /proc); False if it
    ended first, as a command that never takes the lock does."""
    import time

    wchan = Path(f"/proc/{proc.pid}/wchan")
    if not wchan.exists():
        pytest.skip("needs Linux /proc to see a process wait for a lock")
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            if "lock" in wchan.read_text():
                return True
        except OSError:
            pass
        time.sleep(0.02)
    return False
