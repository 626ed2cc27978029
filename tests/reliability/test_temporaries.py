"""Temporary files a killed command leaves behind: every temporary adrledger creates ends in `.adrtmp`, so
one .gitignore line (`.*.adrtmp`, which the tool suggests) keeps `git add -A` from committing them, and
the next command that writes sweeps the stale ones (never a fresh one: another command may be writing)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from reliability_support import run_limited
from test_crash_safety import make_project

from adrledger.base.textio import FAULT_ENV, TEMP_SUFFIX

from gitrepo import GitRepo

GITIGNORE_LINE = f".*{TEMP_SUFFIX}"
# Killed at the first atomic write: with the cache off, that is the command's own file (not a cache entry).
NO_CACHE_KILL = {FAULT_ENV: "atomic-write", "ADRLEDGER_NO_CACHE": "1"}


def leftovers(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob(".*") if p.is_file() and p.name != ".adr-dir" and not p.name.startswith(".git")
    )


def age(paths: list[Path], seconds: float) -> None:
    for path in paths:
        os.utime(path, (time.time() - seconds, time.time() - seconds))


@pytest.mark.parametrize(
    "command",
    [
        ["convert", "2", "--style", "madr"],
        ["supersede", "2", "4"],
        ["index", "--write", "doc/adr/README.md"],
        ["new", "Use", "Queues"],
    ],
    ids=" ".join,
)
def test_a_killed_write_leaves_only_temporaries_that_one_gitignore_line_covers(
    command: list[str], tmp_path: Path
) -> None:
    folder = make_project(tmp_path / "project")
    point = "new-before-link" if command[0] == "new" else "atomic-write"
    assert run_limited(*command, cwd=folder, env={FAULT_ENV: point, "ADRLEDGER_NO_CACHE": "1"}).returncode == 137
    left = [p for p in leftovers(folder) if p.name != ".adr-transaction.json"]
    assert left, "the kill left no temporary: the case tests nothing"
    assert all(p.name.endswith(TEMP_SUFFIX) for p in left), [p.name for p in left]
    repo = GitRepo(folder)
    (folder / ".gitignore").write_text(GITIGNORE_LINE + "\n")
    repo.git("add", "-A")
    staged = repo.git("diff", "--cached", "--name-only").split()
    assert not [name for name in staged if name.endswith(TEMP_SUFFIX)], staged


def test_the_next_write_sweeps_stale_temporaries_and_suggests_the_gitignore_line(tmp_path: Path) -> None:
    folder = make_project(tmp_path / "project")
    assert run_limited("convert", "2", "--style", "madr", cwd=folder, env=NO_CACHE_KILL).returncode == 137
    assert run_limited("supersede", "2", "4", cwd=folder, env=NO_CACHE_KILL).returncode == 137
    stale = leftovers(folder)
    assert len([p for p in stale if p.name.endswith(TEMP_SUFFIX)]) >= 2
    age(stale, 3600)  # killed an hour ago
    result = run_limited("new", "Use", "Queues", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in leftovers(folder)] == []
    assert GITIGNORE_LINE in result.stderr and result.stderr.count("\n") == 1


def test_a_reading_command_sweeps_nothing(tmp_path: Path) -> None:
    folder = make_project(tmp_path / "project")
    assert run_limited("convert", "2", "--style", "madr", cwd=folder, env=NO_CACHE_KILL).returncode == 137
    stale = leftovers(folder)
    age(stale, 3600)
    assert run_limited("list", cwd=folder).returncode == 0
    assert leftovers(folder) == stale


def test_a_fresh_temporary_is_left_to_the_command_writing_it(tmp_path: Path) -> None:
    folder = make_project(tmp_path / "project")
    fresh = folder / "doc" / "adr" / f".0002-use-postgres.md.abcd1234{TEMP_SUFFIX}"
    fresh.write_text("being written by another adr command\n")
    assert run_limited("new", "Use", "Queues", cwd=folder).returncode == 0
    assert fresh.exists()
