"""Multi-file changes are all-or-nothing, even when the process dies between two file writes."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from adrledger.errors import AdrError
from adrledger.ops.transaction import JOURNAL, Transaction, recover

from conftest import ROOT

RECORD = """# {n}. {title}

Date: 2024-05-01

## Status

Accepted

## Context

Something happened.

## Decision

We decided.

## Consequences

Things follow.
"""


def _log(folder: Path) -> Path:
    log = folder / "doc" / "adr"
    log.mkdir(parents=True)
    (log / "0001-use-queues.md").write_text(RECORD.format(n=1, title="Use queues"), encoding="utf-8")
    (log / "0002-use-streams.md").write_text(RECORD.format(n=2, title="Use streams"), encoding="utf-8")
    return log


def _snapshot(log: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(log.iterdir()) if p.is_file()}


def _run(folder: Path, *args: str, fault: str = "", delay: str = "") -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "ADR_DATE": "2024-05-01"}
    env.pop("ADRLEDGER_FAULT", None)
    if fault:
        env["ADRLEDGER_FAULT"] = fault
    if delay:
        env["ADRLEDGER_FAULT_DELAY"] = delay
    return subprocess.Popen(
        [sys.executable, "-m", "adrledger", *args], cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _finish(proc: subprocess.Popen[bytes]) -> int:
    proc.communicate(timeout=60)
    return proc.returncode


@pytest.fixture
def states(tmp_path: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The log before and after a clean `adr supersede 1 2`."""
    log = _log(tmp_path / "reference")
    before = _snapshot(log)
    assert _finish(_run(tmp_path / "reference", "supersede", "1", "2")) == 0
    after = _snapshot(log)
    assert after != before and set(after) == set(before)
    return before, after


@pytest.mark.parametrize("point", ["before-journal", "after-journal", "after-first-rename", "before-cleanup"])
def test_crash_at_each_point_recovers_all_or_nothing(point: str, tmp_path: Path, states) -> None:
    before, after = states
    log = _log(tmp_path / "work")
    assert _finish(_run(tmp_path / "work", "supersede", "1", "2", fault=point)) == 137
    if point == "after-first-rename":
        mixed = _snapshot(log)
        assert (log / JOURNAL).exists()
        assert sum(mixed[name] != before[name] for name in before) == 1  # really half-way
    crashed = _snapshot(log)
    assert _finish(_run(tmp_path / "work", "list")) == 0  # a command that only reads changes nothing
    assert _snapshot(log) == crashed
    assert _finish(_run(tmp_path / "work", "new", "Finish")) == 0  # one that writes finishes the change first
    assert not (log / JOURNAL).exists()
    expected = before if point == "before-journal" else after
    assert _settled(log) == expected


def _settled(log: Path) -> dict[str, bytes]:
    """The log's files but hidden ones and the record the finishing `adr new Finish` wrote."""
    return {k: v for k, v in _snapshot(log).items() if not k.startswith(".") and not k.endswith("-finish.md")}


def test_new_with_supersede_is_atomic_too(tmp_path: Path) -> None:
    log = _log(tmp_path)
    assert _finish(_run(tmp_path, "new", "-s", "1", "Use", "logs", fault="after-first-rename")) == 137
    assert _finish(_run(tmp_path, "new", "Finish")) == 0
    new = log / "0003-use-logs.md"
    assert new.exists()
    assert "Superceded by [3. Use logs](0003-use-logs.md)" in (log / "0001-use-queues.md").read_text()
    assert "Supercedes [1. Use queues](0001-use-queues.md)" in new.read_text()  # adr-tools' published spelling


@pytest.mark.slow  # ten real processes killed at random moments
def test_sigkill_at_random_moments(tmp_path: Path, states) -> None:
    before, after = states
    rng = random.Random(20261123)
    started = time.monotonic()  # one undisturbed run tells how long the whole command takes here
    _log(tmp_path / "timing")
    assert _finish(_run(tmp_path / "timing", "supersede", "1", "2", delay="0.03")) == 0
    duration = time.monotonic() - started
    seen = set()
    for attempt in range(12):
        folder = tmp_path / f"run{attempt}"
        log = _log(folder)
        proc = _run(folder, "supersede", "1", "2", delay="0.03")
        time.sleep(rng.uniform(0.4, 1.0) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        assert _finish(_run(folder, "new", "Finish")) == 0
        state = _settled(log)
        assert state in (before, after), f"attempt {attempt}: a mixed state survived recovery"
        seen.add("after" if state == after else "before")
        shutil.rmtree(folder)
    assert seen  # both outcomes are fine; a mix never is


def test_recover_finishes_a_journal(tmp_path: Path) -> None:
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text("old a\n")
    second.write_text("old b\n")
    (tmp_path / ".a.md.x.adrtx").write_text("new a\n")
    (tmp_path / ".b.md.x.adrtx").write_text("new b\n")
    (tmp_path / "gone.md").write_text("bye\n")
    journal = {
        "version": 1,
        "writes": [{"target": "a.md", "temp": ".a.md.x.adrtx"}, {"target": "b.md", "temp": ".b.md.x.adrtx"}],
        "deletes": ["gone.md"],
    }
    (tmp_path / JOURNAL).write_text(json.dumps(journal))
    os.replace(tmp_path / ".a.md.x.adrtx", first)  # as if killed after the first rename
    assert recover(tmp_path) is True
    assert (first.read_text(), second.read_text()) == ("new a\n", "new b\n")
    assert not (tmp_path / "gone.md").exists() and not (tmp_path / JOURNAL).exists()
    assert recover(tmp_path) is False


def test_commit_keeps_modes_and_sweeps_orphans(tmp_path: Path) -> None:
    target = tmp_path / "x.md"
    target.write_text("old\n")
    target.chmod(0o640)
    orphan = tmp_path / ".y.md.abc.adrtx"
    orphan.write_text("left by a killed process\n")
    change = Transaction(tmp_path)
    change.write(target, b"new\n")
    change.write(tmp_path / "sub" / "z.md", b"created\n")
    change.commit()
    assert target.read_text() == "new\n" and (target.stat().st_mode & 0o777) == 0o640
    assert (tmp_path / "sub" / "z.md").read_text() == "created\n"
    assert not orphan.exists() and not (tmp_path / JOURNAL).exists()


def test_a_waiting_writer_reads_only_after_recovery(tmp_path: Path, states) -> None:
    """A change killed half-way is finished before the next change reads the files it edits."""
    from adrledger.log import DecisionLog
    from adrledger.ops.lifecycle import link, session

    _, after = states
    log = _log(tmp_path)
    opened = DecisionLog.discover(cwd=tmp_path)  # opened before the crash: like a writer waiting for the lock
    assert _finish(_run(tmp_path, "supersede", "1", "2", fault="after-first-rename")) == 137
    assert (log / JOURNAL).exists()
    with session(opened) as change:
        assert not (log / JOURNAL).exists()
        assert change.open("1").data() == after["0001-use-queues.md"]
    link(opened, "1", "Relates to", "2", "Related from")
    assert "Relates to [2. Use streams]" in (log / "0001-use-queues.md").read_text()


def test_a_change_may_reach_into_its_repository_but_no_further(tmp_path: Path) -> None:
    log = tmp_path / "repo" / "docs" / "adr"
    log.mkdir(parents=True)
    readme = tmp_path / "repo" / "README.md"
    readme.write_text("old\n")
    change = Transaction(log)
    change.write(readme, b"new\n")
    with pytest.raises(AdrError, match="outside the decision log"):
        change.commit()  # the log folder alone by default
    change.scope = tmp_path / "repo"
    change.commit()
    assert readme.read_text() == "new\n"
    beyond = Transaction(log, scope=tmp_path / "repo")
    beyond.write(tmp_path / "elsewhere.md", b"no\n")
    with pytest.raises(AdrError, match="outside its repository"):
        beyond.commit()


def test_a_journal_reaches_outside_the_log_only_when_recovery_allows_the_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    log = repo / "docs" / "adr"
    log.mkdir(parents=True)
    readme = repo / "README.md"
    readme.write_text("old\n")
    (repo / ".README.md.x.adrtx").write_text("new\n")
    journal = {"version": 1, "writes": [{"target": "../../README.md", "temp": "../../.README.md.x.adrtx"}]}
    (log / JOURNAL).write_text(json.dumps(journal))
    with pytest.raises(AdrError, match="unreadable journal"):
        recover(log)  # without the repository as its scope, the entry is outside the log
    assert readme.read_text() == "old\n"
    assert recover(log, scope=repo) is True
    assert readme.read_text() == "new\n" and not (log / JOURNAL).exists()


def test_a_journal_in_the_repository_scope_still_deletes_and_writes_other_files_only_in_the_log(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    log = repo / "docs" / "adr"
    log.mkdir(parents=True)
    (repo / ".env").write_text("SECRET=mine\n")
    (repo / ".env.x.adrtx").write_text("SECRET=theirs\n")
    (repo / "notes.md").write_text("kept\n")
    for entry in (
        {"writes": [{"target": "../../.env", "temp": "../../.env.x.adrtx"}]},
        {"writes": [], "deletes": ["../../notes.md"]},
    ):
        (log / JOURNAL).write_text(json.dumps({"version": 1, **entry}))
        with pytest.raises(AdrError, match="unreadable journal"):
            recover(log, scope=repo)
    assert (repo / ".env").read_text() == "SECRET=mine\n" and (repo / "notes.md").read_text() == "kept\n"
    change = Transaction(log, scope=repo)
    change.write(repo / ".env", b"SECRET=no\n")
    with pytest.raises(AdrError, match="outside its repository"):
        change.commit()
