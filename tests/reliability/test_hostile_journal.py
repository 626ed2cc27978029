"""A journal of an interrupted change planted in the log (a pull request can commit one): a link to
/dev/zero, a named pipe, a giant or deeply nested file. Commands that only read report it in one line
and go on, within 1 GiB and a few seconds; commands that write refuse it in one line, changing nothing.
Only a command that writes ever replays a journal."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from reliability_support import make_log, run_limited

from adrledger.ops.transaction import JOURNAL, MAX_JOURNAL_BYTES

from clirun import completed

TIMEOUT = 30  # seconds: a pipe read for ever, or /dev/zero read into memory, fails the test


def planted_link(path: Path) -> None:
    path.symlink_to("/dev/zero")


def planted_fifo(path: Path) -> None:
    os.mkfifo(path)


def planted_giant(path: Path) -> None:
    with open(path, "wb") as handle:
        handle.write(b'{"version": 1, "writes": [' + b" " * (MAX_JOURNAL_BYTES + 10) + b"]}")


def planted_deep(path: Path) -> None:
    path.write_text('{"version": 1, "writes": ' + "[" * 200_000 + "]" * 200_000 + "}")


def planted_link_inside(path: Path) -> None:
    path.symlink_to("0001-use-postgres.md")


def planted_not_an_object(path: Path) -> None:
    path.write_text("[1, 2, 3]")


JOURNALS: dict[str, Callable[[Path], None]] = {
    "link-to-dev-zero": planted_link,
    "fifo": planted_fifo,
    "giant": planted_giant,
    "deep": planted_deep,
    "link-inside-the-log": planted_link_inside,
    "not-an-object": planted_not_an_object,
}
READERS = [
    ["list"],
    ["list", "--format", "json"],
    ["show", "1"],
    ["lint"],
    ["export"],
    ["search", "Postgres"],
    ["index"],
    ["graph"],
    ["report", "summary"],
]


@pytest.fixture(params=sorted(JOURNALS))
def log(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    folder = make_log(tmp_path)
    JOURNALS[request.param](folder / JOURNAL)
    return folder


def one_line_about_the_journal(stderr: str, label: str) -> None:
    lines = [line for line in stderr.splitlines() if JOURNAL in line]
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"{label}: doc/adr/{JOURNAL}: ") and "interrupted change" in lines[0], stderr
    assert "Traceback" not in stderr and "MemoryError" not in stderr


@pytest.mark.parametrize("command", READERS, ids=" ".join)
def test_a_reading_command_reports_the_journal_and_goes_on(command: list[str], log: Path) -> None:
    before = sorted(os.listdir(log))
    result = run_limited(*command, cwd=log.parents[1], timeout=TIMEOUT)
    one_line_about_the_journal(result.stderr, "Warning")
    assert sorted(os.listdir(log)) == before
    os.unlink(log / JOURNAL)
    without = completed(tuple(command), log.parents[1])  # the same command on the same log, without the journal
    assert (result.returncode, result.stdout) == (without.returncode, without.stdout)  # it went on as usual


def test_a_writing_command_refuses_the_journal_and_changes_nothing(log: Path) -> None:
    before = {
        name: (log / name).read_bytes()
        for name in os.listdir(log)
        if (log / name).is_file() and not (log / name).is_symlink() and name != JOURNAL
    }
    result = run_limited("new", "Use", "Redis", cwd=log.parents[1], timeout=TIMEOUT)
    assert result.returncode == 2, result.stderr
    one_line_about_the_journal(result.stderr, "Error")
    assert {name: (log / name).read_bytes() for name in before} == before
    assert not (log / "0003-use-redis.md").exists()


def test_reading_never_replays_a_valid_journal_writing_does(tmp_path: Path) -> None:
    folder = make_log(tmp_path)
    (folder / ".0001-use-postgres.md.x.adrtx").write_text("# 1. Use Postgres, renamed\n")
    (folder / JOURNAL).write_text(
        json.dumps(
            {
                "version": 1,
                "deletes": [],
                "writes": [{"target": "0001-use-postgres.md", "temp": ".0001-use-postgres.md.x.adrtx"}],
            }
        )
    )
    listed = run_limited("list", cwd=tmp_path, timeout=TIMEOUT)
    assert listed.returncode == 0 and "doc/adr/0001-use-postgres.md" in listed.stdout
    one_line_about_the_journal(listed.stderr, "Warning")
    assert "the next adr command that writes" in listed.stderr
    assert (folder / JOURNAL).exists() and "renamed" not in (folder / "0001-use-postgres.md").read_text()
    assert run_limited("new", "Use", "Redis", cwd=tmp_path, timeout=TIMEOUT).returncode == 0
    assert not (folder / JOURNAL).exists()
    assert (folder / "0001-use-postgres.md").read_text() == "# 1. Use Postgres, renamed\n"


def test_a_planted_temporary_that_is_a_link_is_never_renamed_into_the_log(tmp_path: Path) -> None:
    folder = make_log(tmp_path)
    (tmp_path / "secret.txt").write_text("secret\n")
    (folder / ".0001-use-postgres.md.x.adrtx").symlink_to(tmp_path / "secret.txt")
    (folder / JOURNAL).write_text(
        json.dumps(
            {
                "version": 1,
                "deletes": [],
                "writes": [{"target": "0001-use-postgres.md", "temp": ".0001-use-postgres.md.x.adrtx"}],
            }
        )
    )
    result = run_limited("new", "Use", "Redis", cwd=tmp_path, timeout=TIMEOUT)
    assert result.returncode == 2 and "not its own temporary files" in result.stderr
    assert not (folder / "0001-use-postgres.md").is_symlink()
