"""Concurrent authors: many `adr new` processes at once in one log never hand out a number twice,
never leave a partial file, and never overwrite each other (the folder lock and O_EXCL-like linking)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from reliability_support import ROOT

WORKERS = 8
RECORDS_EACH = 25  # 200 `adr new` processes contending for numbers (50 each took a minute of the CI run)
NAME = re.compile(r"^(\d{4})-worker-(\d+)-record-(\d+)\.md$")


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "ADR_DATE": "2024-05-01"}


def adr(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "adrledger", *args], cwd=cwd, env=env(), capture_output=True, text=True, timeout=300
    )


def hammer(jobs: list[tuple[Path, list[list[str]]]]) -> list[subprocess.CompletedProcess[str]]:
    """One thread per job, all released at once; each runs its commands one after another."""
    start = threading.Barrier(len(jobs))

    def work(job: tuple[Path, list[list[str]]]) -> list[subprocess.CompletedProcess[str]]:
        cwd, commands = job
        start.wait()
        return [adr(cwd, *command) for command in commands]

    with ThreadPoolExecutor(len(jobs)) as pool:
        return [result for results in pool.map(work, jobs) for result in results]


def expected_text(tmp_path: Path, number: int, title: str) -> str:
    """What `adr new` writes for this number and title, from a quiet log of its own."""
    folder = tmp_path / f"reference-{number}"
    folder.mkdir()
    assert adr(folder, "init").returncode == 0
    for _ in range(number - 2):
        (folder / "doc" / "adr" / f"{_ + 2:04d}-filler.md").write_text("# filler\n")
    created = adr(folder, "new", title).stdout.strip()
    return (folder / created).read_text(encoding="utf-8")


def check_records(log: Path, titles: set[str], tmp_path: Path) -> None:
    """One file per title, numbers 2..N+1 each used once, every file complete."""
    found = {path.name: path for path in log.iterdir() if NAME.match(path.name)}
    assert len(found) == len(titles)
    numbers = Counter(int(NAME.match(name).group(1)) for name in found)  # type: ignore[union-attr]
    assert sorted(numbers) == list(range(2, len(titles) + 2)) and max(numbers.values()) == 1
    template = expected_text(tmp_path, 2, "Worker 0 record 0")
    for name, path in found.items():
        number, worker, index = (int(part) for part in NAME.match(name).groups())  # type: ignore[union-attr]
        title = f"Worker {worker} record {index}"
        text = path.read_text(encoding="utf-8")
        assert text == template.replace("# 2. Worker 0 record 0", f"# {number}. {title}"), name
    assert not [p.name for p in log.iterdir() if p.name.startswith(".") and p.name != ".adrledger.toml"]


@pytest.mark.slow
def test_eight_authors_at_once_each_adding_records(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    assert adr(project, "init").returncode == 0
    jobs = [(project, [["new", f"Worker {w} record {i}"] for i in range(RECORDS_EACH)]) for w in range(WORKERS)]
    results = hammer(jobs)
    assert all(r.returncode == 0 and not r.stderr for r in results), [r.stderr for r in results if r.returncode]
    titles = {f"Worker {w} record {i}" for w in range(WORKERS) for i in range(RECORDS_EACH)}
    check_records(project / "doc" / "adr", titles, tmp_path)


@pytest.mark.slow
def test_the_lock_holds_through_a_symlinked_parent(tmp_path: Path) -> None:
    """Half the authors reach the log through a link to its parent folder: the lock is the folder's own."""
    real = tmp_path / "real"
    real.mkdir()
    assert adr(real, "init").returncode == 0
    linked = tmp_path / "linked"
    linked.symlink_to(real)
    jobs = [(linked if w % 2 else real, [["new", f"Worker {w} record {i}"] for i in range(12)]) for w in range(WORKERS)]
    results = hammer(jobs)
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results if r.returncode]
    check_records(real / "doc" / "adr", {f"Worker {w} record {i}" for w in range(WORKERS) for i in range(12)}, tmp_path)


def test_the_same_title_at_once_gets_distinct_numbers(tmp_path: Path) -> None:
    assert adr(tmp_path, "init").returncode == 0
    results = hammer([(tmp_path, [["new", "Use", "the", "same", "title"]]) for _ in range(WORKERS)])
    assert all(r.returncode == 0 for r in results)
    names = sorted(p.name for p in (tmp_path / "doc" / "adr").glob("*-use-the-same-title.md"))
    assert names == [f"{n:04d}-use-the-same-title.md" for n in range(2, WORKERS + 2)]


def test_the_same_draft_at_once_is_created_once(tmp_path: Path) -> None:
    """Drafts share one file name (XXXX-title.md): exactly one author gets it, whole; the others are told."""
    project = tmp_path / "project"
    project.mkdir()
    assert adr(project, "init").returncode == 0
    results = hammer([(project, [["new", "--draft", "Same", "draft"]]) for _ in range(WORKERS)])
    winners = [r for r in results if r.returncode == 0]
    assert len(winners) == 1
    for loser in (r for r in results if r.returncode != 0):
        assert loser.returncode == 2 and "Traceback" not in loser.stderr
        assert loser.stderr.strip().endswith("XXXX-same-draft.md: a record with this file name already exists")
    draft = project / "doc" / "adr" / "XXXX-same-draft.md"
    reference = tmp_path / "reference"
    reference.mkdir()
    adr(reference, "init")
    adr(reference, "new", "--draft", "Same", "draft")
    assert draft.read_bytes() == (reference / "doc" / "adr" / "XXXX-same-draft.md").read_bytes()
