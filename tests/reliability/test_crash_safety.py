"""No data loss: every command that writes is killed at each of its write points, and every file is
then old or new, never half; after the next command that writes (which first finishes an interrupted
change) the log is entirely old or entirely new; a command that only reads changes nothing. Files keep
their encoding, BOM, line endings and final newline."""

from __future__ import annotations

import codecs
import json
import os
import random
import signal
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

import pytest
from reliability_support import ROOT

from adrledger.base.textio import DELAY_ENV, FAULT_ENV, TRACE_ENV, decode
from adrledger.ops.authoring import NEW_SUFFIX

from clirun import completed

KILLED = 137


def nygard(number: int, title: str, extra: str = "") -> str:
    return (
        f"# {number}. {title}\n\nDate: 2024-01-0{number}\n\n## Status\n\nAccepted\n{extra}\n## Context\n\n"
        f"Why {title}.\n\n## Decision\n\nWe will.\n\n## Consequences\n\nSome.\n"
    )


def make_project(root: Path) -> Path:
    """A log whose records are stored every way real ones are: BOM + CRLF, cp1252 without a final
    newline, UTF-16, plus problems `lint --fix` repairs in two files and an adr-tools log to import."""
    log = root / "doc" / "adr"
    log.mkdir(parents=True)
    (root / ".adr-dir").write_text("doc/adr\n")
    (log / "0001-record-architecture-decisions.md").write_text(nygard(1, "Record architecture decisions"))
    crlf = nygard(2, "Use Postgres").replace("\n", "\r\n")
    (log / "0002-use-postgres.md").write_bytes(codecs.BOM_UTF8 + crlf.encode())
    madr = (
        "---\nstatus: proposed\ndate: 2024-01-03\n---\n\n# Use Redis for café sessions\n\n"
        "## Context and Problem Statement\n\nSessions.\n\n## Decision Outcome\n\nChosen option: Redis."
    )
    (log / "0003-use-redis-for-cafe-sessions.md").write_bytes(madr.encode("cp1252"))
    (log / "0004-use-kafka.md").write_bytes(codecs.BOM_UTF16_LE + nygard(4, "Use Kafka").encode("utf-16-le"))
    amends = "\nAmends [1. Record architecture decisions](0001-record-architecture-decisions.md)\n"
    (log / "0005-use-grpc.md").write_text(nygard(5, "Use gRPC", amends))
    (log / "0006-wrong-name.md").write_text(nygard(6, "Use GraphQL"))
    legacy = root / "legacy"
    legacy.mkdir()
    (legacy / "0001-use-soap.md").write_text(nygard(1, "Use SOAP"))
    (legacy / "0002-use-xml.md").write_text(nygard(2, "Use XML"))
    return root


TRANSACTION = ("before-journal", "atomic-write", "after-journal", "after-first-rename", "before-cleanup")
# Each write command, and the write points it passes (test_write_points_are_known keeps this true).
COMMANDS = {
    "new": (["new", "Use", "Queues"], ("new-before-link", "new-after-link")),
    "new-superseding": (["new", "-s", "2", "Use", "MySQL"], TRANSACTION),
    "supersede": (["supersede", "2", "4"], TRANSACTION),
    "link": (["link", "3", "Amends", "2", "Amended by"], TRANSACTION),
    "accept": (["accept", "3"], TRANSACTION),
    "convert": (["convert", "2", "--style", "madr"], TRANSACTION),
    "lint-fix": (["lint", "--fix"], TRANSACTION),
    "import": (["import", "--from", "adr-tools", "legacy", "--renumber"], TRANSACTION),
    "renumber": (["renumber", "6", "9"], TRANSACTION),
    "index-write": (["index", "--write", "README.md"], ("atomic-write",)),
    "init": (["init", "--style", "madr", "decisions"], ("atomic-write", "new-before-link", "new-after-link")),
}


def run(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own when it is to be killed (a crash point), else in this one."""
    full = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "ADR_DATE": "2024-05-01", **env}
    for name in (FAULT_ENV, DELAY_ENV, TRACE_ENV):
        if name not in env:
            full.pop(name, None)
    if FAULT_ENV not in env:
        return completed(args, folder, {"ADR_DATE": "2024-05-01", **env})
    return subprocess.run(
        [sys.executable, "-m", "adrledger", *args], cwd=folder, env=full, capture_output=True, text=True, timeout=120
    )


def is_temporary(part: str) -> bool:
    """Temporary files, staging folders and the journal: hidden, and not part of the log's content."""
    return part.startswith(".") and (
        part.endswith((".adrtmp", ".adr-transaction.json")) or part.startswith(".adr-import-")
    )


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root but temporary ones (configuration files such as .adr-dir included)."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not any(is_temporary(part) for part in path.relative_to(root).parts)
    }


def fresh(tmp: Path, case: str) -> Path:
    folder = tmp / case
    if case == "init":
        folder.mkdir(parents=True)
        return folder
    return make_project(folder)


@cache
def reference(case: str, tmp: Path) -> tuple[dict[str, bytes], dict[str, bytes], tuple[str, ...]]:
    """The files before and after a clean run of the command, and the write points it passes."""
    folder = fresh(tmp, case)
    before = snapshot(folder)
    trace = tmp / f"{case}.trace"
    result = run(folder, *COMMANDS[case][0], **{TRACE_ENV: str(trace)})
    assert result.returncode in (0, 1), result.stderr  # lint --fix exits 1: warnings remain
    assert "Traceback" not in result.stderr
    points = tuple(dict.fromkeys(trace.read_text().split())) if trace.exists() else ()
    return before, snapshot(folder), points


@pytest.fixture(scope="module")
def references(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("references")


@pytest.mark.parametrize("case", COMMANDS)
def test_write_points_are_known(case: str, references: Path) -> None:
    before, after, points = reference(case, references)
    assert after != before, "the command changed nothing: the case tests nothing"
    assert set(points) == set(COMMANDS[case][1]), "a write path without (or with new) crash points"


@pytest.mark.parametrize("case, point", [(case, point) for case, (_, points) in COMMANDS.items() for point in points])
def test_killed_at_a_write_point_leaves_old_or_new_never_half(
    case: str, point: str, references: Path, tmp_path: Path
) -> None:
    before, after, _ = reference(case, references)
    folder = fresh(tmp_path, case)
    killed = run(folder, *COMMANDS[case][0], **{FAULT_ENV: point})
    assert killed.returncode == KILLED, killed.stderr
    crashed = snapshot(folder)
    for name in set(before) | set(after) | set(crashed):
        assert crashed.get(name) in (before.get(name), after.get(name)), f"{name} is neither old nor new"
    if case == "init":  # configuration and first record are separate writes: running init again finishes it
        again = run(folder, *COMMANDS[case][0])  # or, once the first record is whole, says the log is there
        assert again.returncode == 0 or "already holds a decision log" in again.stderr, again.stderr
        assert set(after) <= set(snapshot(folder))
        return
    assert run(folder, "list").returncode == 0  # a command that only reads leaves the files alone
    assert snapshot(folder) == crashed
    assert run(folder, "new", "Finish").returncode == 0  # one that writes first finishes an interrupted change
    settled = {name: data for name, data in snapshot(folder).items() if not name.endswith("-finish.md")}
    assert settled in (before, after), "a mix of old and new files survived"


def shape(data: bytes) -> tuple[str, bool, str, bool]:
    decoded = decode(data)
    return decoded.encoding, decoded.bom, decoded.newline, decoded.text.endswith("\n")


@pytest.mark.parametrize("case", [c for c in COMMANDS if c != "init"])
def test_rewritten_files_keep_encoding_bom_line_endings_and_final_newline(case: str, references: Path) -> None:
    before, after, _ = reference(case, references)
    changed = [name for name in before if name in after and after[name] != before[name]]
    for name in changed:
        assert shape(after[name]) == shape(before[name]), name
    for name in set(after) - set(before):  # new records: UTF-8, \n, a final newline
        if name.endswith(".md") and not name.startswith("legacy/"):
            assert shape(after[name]) in {("utf-8", False, "\n", True)}, name


def test_new_killed_at_random_moments_never_leaves_half_a_record(tmp_path: Path) -> None:
    """SIGKILL at random moments of `adr new` (slowed down at its write points): every record file
    that exists is complete, and what a killed run left behind is swept by the next one."""
    rng = random.Random(8)
    folder = make_project(tmp_path / "kills")
    expected = run(make_project(tmp_path / "clean"), "new", "Use", "Queues").stdout.strip()
    complete = (tmp_path / "clean" / expected).read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "ADR_DATE": "2024-05-01", DELAY_ENV: "0.05"}
    started = time.monotonic()  # one undisturbed run tells how long the command takes on this machine
    assert run(make_project(tmp_path / "timing"), "new", "Use", "Queues", **{DELAY_ENV: "0.05"}).returncode == 0
    duration = time.monotonic() - started
    outcomes = set()
    for _ in range(10):
        proc = subprocess.Popen(
            [sys.executable, "-m", "adrledger", "new", "Use", "Queues"],
            cwd=folder,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.5, 1.0) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        created = folder / expected
        outcomes.add(created.exists())
        if created.exists():
            assert created.read_bytes() == complete
            created.unlink()
    leftovers = [p for p in (folder / "doc" / "adr").iterdir() if p.name.endswith(NEW_SUFFIX)]
    for leftover in leftovers:  # as if killed an hour ago: old temporaries are swept
        os.utime(leftover, (time.time() - 3600, time.time() - 3600))
    assert run(folder, "new", "Use", "Queues").returncode == 0
    assert (folder / expected).read_bytes() == complete
    assert not [p.name for p in (folder / "doc" / "adr").iterdir() if p.name.endswith(NEW_SUFFIX)]


HOSTILE_JOURNALS = {
    "target-outside": ({"target": "../../victim.txt", "temp": ".0001-record-architecture-decisions.md.1.adrtx"}, []),
    "temp-outside": ({"target": "0001-record-architecture-decisions.md", "temp": "../../../etc/.passwd.1.adrtx"}, []),
    "record-as-temp": ({"target": "0002-use-postgres.md", "temp": "0001-record-architecture-decisions.md"}, []),
    "delete-outside": (None, ["../../victim.txt"]),
    "through-a-link": ({"target": "out/victim.txt", "temp": "out/.victim.txt.1.adrtx"}, []),
}


@pytest.mark.parametrize("name", HOSTILE_JOURNALS)
def test_a_planted_journal_cannot_touch_files_it_does_not_own(name: str, tmp_path: Path) -> None:
    """The journal is read from the log folder, which comes from pull requests: recovery (run before
    every command that writes) must not rename or delete anything outside the log, nor records as
    'temporaries'; a command that only reads never replays it."""
    folder = make_project(tmp_path / "project")
    log = folder / "doc" / "adr"
    (tmp_path / "victim.txt").write_text("precious\n")
    (log / ".0001-record-architecture-decisions.md.1.adrtx").write_text("# owned\n")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "victim.txt").write_text("precious\n")
    (outside / ".victim.txt.1.adrtx").write_text("owned\n")
    (log / "out").symlink_to(outside)
    write, deletes = HOSTILE_JOURNALS[name]
    (log / ".adr-transaction.json").write_text(
        json.dumps({"version": 1, "writes": [write] if write else [], "deletes": deletes})
    )
    before = snapshot(folder)
    listed = run(folder, "list")  # a command that only reads says so and goes on
    assert listed.returncode == 0 and "0001-record-architecture-decisions.md" in listed.stdout
    assert listed.stderr.startswith("Warning: ") and listed.stderr.count("\n") == 1
    result = run(folder, "new", "Use", "Redis")  # one that writes refuses to start
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "interrupted change" in result.stderr and "interrupted change" in listed.stderr
    assert (tmp_path / "victim.txt").read_text() == "precious\n" == (outside / "victim.txt").read_text()
    assert snapshot(folder) == before


def test_a_transaction_never_writes_outside_its_log(tmp_path: Path) -> None:
    from adrledger.errors import AdrError
    from adrledger.ops.transaction import Transaction

    log = tmp_path / "doc" / "adr"
    log.mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (log / "linked").symlink_to(tmp_path / "elsewhere")
    for target in (tmp_path / "victim.md", log / ".." / ".." / "victim.md", log / "linked" / "victim.md"):
        transaction = Transaction(log)
        transaction.write(log / "0001-fine.md", b"# 1. Fine\n")
        transaction.write(target, b"owned\n")
        with pytest.raises(AdrError, match="outside the decision log"):
            transaction.commit()
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == []
