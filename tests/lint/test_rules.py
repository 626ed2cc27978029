"""Every rule has a failing and a passing case: tests/lint/fixtures/<CODE>/{fail,pass}/, expected.txt."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from adrledger.lint.registry import load_all

from golden import updating
from lintkit import FIXTURES, copy_fixture, lines_of, lint_folder

CATALOGUE = load_all()
FOLDER_CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


@pytest.mark.parametrize("code", FOLDER_CASES)
def test_failing_case_reports_exactly_the_expected_diagnostics(code: str, tmp_path: Path) -> None:
    folder = copy_fixture(f"{code}/fail", tmp_path)
    found = lines_of(lint_folder(folder, select=(code,)))
    expected_file = FIXTURES / code / "expected.txt"
    if updating():
        expected_file.write_text("".join(line + "\n" for line in found), encoding="utf-8")
    assert found, f"{code}: the failing case reports nothing"
    assert found == expected_file.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("code", FOLDER_CASES)
def test_passing_case_reports_nothing(code: str, tmp_path: Path) -> None:
    folder = copy_fixture(f"{code}/pass", tmp_path)
    assert lines_of(lint_folder(folder, select=(code,))) == []


# Reading problems that no fixture file in git can carry: made on the spot.


def _record_log(tmp_path: Path) -> Path:
    folder = tmp_path / "log"
    folder.mkdir()
    (folder / "0001-use-postgresql.md").write_text("# 1. Use PostgreSQL\n\nDate: 2024-01-10\n\n## Status\n\nAccepted\n")
    return folder


def test_binary_file(tmp_path: Path) -> None:
    folder = _record_log(tmp_path)
    assert lint_folder(folder, select=("ADR001",)) == []
    (folder / "0002-diagram.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert lines_of(lint_folder(folder, select=("ADR001",))) == [
        "0002-diagram.md:0: ADR001 binary file: not a Markdown record"
    ]


def test_unreadable_file(tmp_path: Path) -> None:
    folder = _record_log(tmp_path)
    assert lint_folder(folder, select=("ADR002",)) == []
    (folder / "0002-moved.md").symlink_to(folder / "nowhere.md")
    (found,) = lint_folder(folder, select=("ADR002",))
    assert (found.path, found.code, found.severity) == ("0002-moved.md", "ADR002", "error")
    assert found.message == "symbolic link leads to a missing file"


def test_file_too_large(tmp_path: Path) -> None:
    folder = _record_log(tmp_path)
    assert lint_folder(folder, select=("ADR003",)) == []
    (folder / "0002-dump.md").write_bytes(b"# 2. Dump\n" + b"x" * (8 * 1024 * 1024))
    (found,) = lint_folder(folder, select=("ADR003",))
    assert (found.path, found.code) == ("0002-dump.md", "ADR003")
    assert found.message == "file is 8.0 MB, larger than any record (1 MB at most): not read"


def test_file_too_long(tmp_path: Path) -> None:
    """A file of more lines, or more bundled records, than the parser reads (issue 13: each costs a page)."""
    from adrledger.parse import MAX_LINES, MAX_RECORDS

    folder = _record_log(tmp_path)
    assert lint_folder(folder, select=("ADR014",)) == []
    (folder / "0002-long.md").write_text("# 2. Long\n\n## Context\n\n" + "a\n" * MAX_LINES, encoding="utf-8")
    (folder / "0003-bundle.md").write_text("# 3. T\n\n" * (MAX_RECORDS + 20), encoding="utf-8")
    assert lines_of(lint_folder(folder, select=("ADR014",))) == [
        f"0002-long.md:{MAX_LINES + 1}: ADR014 file has {MAX_LINES + 4:,} lines: only the first {MAX_LINES:,} are read",
        f"0003-bundle.md:{2 * MAX_RECORDS + 1}: ADR014 file holds {MAX_RECORDS + 20} records: only the first "
        f"{MAX_RECORDS} are read",
    ]


@pytest.mark.parametrize("problem, code", [("too-deep", "ADR012"), ("a-problem-from-a-newer-parser", "ADR099")])
def test_problems_without_a_fixture(problem: str, code: str, tmp_path: Path) -> None:
    from adrledger.config import load_config
    from adrledger.lint.context import RecordContext, SourceStore
    from adrledger.lint.rules.reading import reading_problems
    from adrledger.model import Problem
    from adrledger.parse import parse_text

    (record,) = parse_text("# 1. Use PostgreSQL\n\nWe will.\n", "0001-use-postgresql.md")
    context = RecordContext(record, load_config(tmp_path), SourceStore(tmp_path))
    assert list(reading_problems(context)) == []
    broken = replace(record, problems=(Problem(3, problem, "it went wrong", "error"),))
    (finding,) = reading_problems(replace(context, record=broken))
    assert (finding.code, finding.line, finding.message) == (code, 3, "it went wrong")


GIT_CASES = {"ADR211", "ADR303", "ADR501"}  # tested with real repositories (test_history_rules, test_impossible_dates)
MADE_HERE = {"ADR001", "ADR002", "ADR003", "ADR012", "ADR014", "ADR099"}


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    folders = {
        code for code in FOLDER_CASES if (FIXTURES / code / "fail").is_dir() and (FIXTURES / code / "pass").is_dir()
    }
    assert set(CATALOGUE) == folders | MADE_HERE | GIT_CASES
