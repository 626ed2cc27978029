"""Benchmark git history on a generated repository with thousands of commits.

    python benchmarks/bench_history.py [--records 3000] [--commits 10000] [--keep DIR]

The repository is written with `git fast-import` (seconds, not minutes): records are proposed,
accepted, edited, superseded, renamed and deleted across the commits, beside unrelated code
commits. Prints wall times of cold and warm history loads, a load after one new commit, the
`adr new` numbering path (cold and warm) and `list --at` an old revision.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from adrledger.history import build as history_build
from adrledger.history import load_history
from adrledger.history.numbering import highest_removed_number
from adrledger.history.snapshot import records_at
from adrledger.log import DecisionLog

AUTHORS = ["Alice", "Bob", "Carol", "Dan", "Erin", "Frank"]


def record_text(number: int, title: str, status: str, revision: int) -> str:
    return (
        f"# {number}. {title}\n\nDate: 2024-01-01\n\n## Status\n\n{status}\n\n## Context\n\n"
        f"Context of {title.lower()}, revision {revision}.\n\n"
        f"## Decision\n\nWe will do {number}.\n\n"
        f"## Consequences\n\nSome good, some bad.\n"
    )


def generate(root: Path, records: int, commits: int, seed: int = 7) -> None:
    """Write the repository's whole history in one fast-import stream."""
    rng = random.Random(seed)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    live: dict[int, tuple[str, str, int]] = {}  # number -> (path, status, revision)
    next_number, stream = 1, []
    when = 1_600_000_000
    for index in range(commits):
        when += rng.randint(600, 86_400)
        author = rng.choice(AUTHORS)
        ops = _operations(rng, live, next_number, records)
        if any(op[0] == "create" for op in ops):
            next_number += 1
        body = "".join(_apply(op, live) for op in ops)
        message = f"change {index}"
        stream.append(
            f"commit refs/heads/main\nmark :{index + 1}\n"
            f"author {author} <{author.lower()}@example.com> {when} +0100\n"
            f"committer {author} <{author.lower()}@example.com> {when} +0100\n"
            f"data {len(message)}\n{message}\n" + (f"from :{index}\n" if index else "") + body + "\n"
        )
    data = "".join(stream).encode()
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=data, check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=root, check=True)


def _operations(
    rng: random.Random, live: dict[int, tuple[str, str, int]], next_number: int, records: int
) -> list[tuple[str, int]]:
    roll = rng.random()
    if roll < 0.3:
        return [("code", 0)]
    if not live or (next_number <= records and roll < 0.55):
        return [("create", next_number)]
    number = rng.choice(list(live))
    if roll < 0.7:
        return [("accept", number)]
    if roll < 0.85:
        return [("edit", number)]
    if roll < 0.95:
        return [("rename", number)]
    return [("delete", number)]


def _apply(op: tuple[str, int], live: dict[int, tuple[str, str, int]]) -> str:
    kind, number = op
    if kind == "code":
        text = f"print({random.random()})\n"
        return f"M 100644 inline src/module_{number}.py\ndata {len(text)}\n{text}\n"
    if kind == "create":
        live[number] = (f"docs/adr/{number:04d}-decision-{number}.md", "Proposed", 0)
    elif kind == "delete":
        path = live.pop(number)[0]
        return f"D {path}\n"
    path, status, revision = live[number]
    commands = ""
    if kind == "accept":
        status = "Accepted"
    elif kind == "edit":
        revision += 1
    elif kind == "rename":
        new_path = f"docs/adr/{number:04d}-decision-{number}-r{revision + 1}.md"
        commands, path = f"D {path}\n", new_path
        revision += 1
    live[number] = (path, status, revision)
    text = record_text(number, f"Decision {number}", status, revision).encode()
    return commands + f"M 100644 inline {path}\ndata {len(text)}\n" + text.decode() + "\n"


def timed(label: str, action):  # type: ignore[no-untyped-def]
    """Run and print wall time and CPU time (ours plus git's: steadier on a busy machine)."""
    history_build._LOADED.clear()  # each run as a new process would see it: from the disk cache
    start, cpu = time.perf_counter(), _cpu()
    result = action()
    wall, used = (time.perf_counter() - start) * 1000, (_cpu() - cpu) * 1000
    print(f"{label:<44} {wall:8.0f} ms wall {used:8.0f} ms cpu")
    return result


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--commits", type=int, default=10000)
    parser.add_argument("--keep", type=Path, help="Generate into this folder and keep it.")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="adr-history-bench-"))
    cache = Path(tempfile.mkdtemp(prefix="adr-history-cache-"))
    os.environ["ADRLEDGER_CACHE_DIR"] = str(cache)
    try:
        if not (root / ".git").is_dir():
            timed(
                f"generate {args.commits} commits (fast-import)",
                lambda: generate(root, args.records, args.commits),
            )
        log = DecisionLog.discover("docs/adr", root)
        history = timed("load_history, cold (nothing cached)", lambda: load_history(log))
        print(
            f"  {history.commits} commits touching the log, {len(history.files)} live records, "
            f"{len(history.removed)} removed, max number {history.max_number_ever()}, "
            f"{sum(len(f.edits_after_acceptance) for f in history)} edits after acceptance"
        )
        timed(
            "load_history, warm (same HEAD)",
            lambda: load_history(DecisionLog.discover("docs/adr", root)),
        )
        path = next(iter(history.files))
        (root / "docs/adr" / path).write_text(f"changed at {time.time()}\n")
        subprocess.run(
            ["git", "commit", "-qam", "one more", "--author", "Z <z@example.com>"],
            cwd=root,
            check=True,
            env={**os.environ, "GIT_COMMITTER_NAME": "Z", "GIT_COMMITTER_EMAIL": "z@e"},
        )
        timed(
            "load_history after one new commit",
            lambda: load_history(DecisionLog.discover("docs/adr", root)),
        )
        shutil.rmtree(cache / next(iter(os.listdir(cache))), ignore_errors=True)
        timed("highest_removed_number, cold", lambda: highest_removed_number(log.root, log.config))
        timed("highest_removed_number, warm", lambda: highest_removed_number(log.root, log.config))
        timed("records_at HEAD~2000, cold", lambda: records_at(log, "HEAD~2000"))
        timed("records_at HEAD~2000, warm", lambda: records_at(log, "HEAD~2000"))
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
