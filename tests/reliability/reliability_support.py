"""Run `python -m adrledger` under hard limits: hostile input must never cost unbounded memory or hang."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 1 << 30  # address space of the CLI process: 1 GiB
# CPU seconds: the worst 1 MiB file costs ~3.5 s here; a quadratic pass over it costs minutes.
CPU_LIMIT = 30
HANG_LIMIT = 120  # wall-clock seconds: a guard against hangs (a pipe read forever), not a speed goal


def _limit_resources() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT))


def run_limited(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = HANG_LIMIT
) -> subprocess.CompletedProcess[str]:
    """Run the CLI for real within 1 GiB and 30 CPU seconds; a hang fails the test instead of stalling it."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "adrledger", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
        preexec_fn=_limit_resources,
    )


def good_record(number: int, title: str) -> str:
    return (
        f"# {number}. {title}\n\nDate: 2024-01-0{number}\n\n## Status\n\nAccepted\n\n## Context\n\n"
        f"Why {title.lower()}.\n\n## Decision\n\nWe will.\n\n## Consequences\n\nSome.\n"
    )


def make_log(tmp_path: Path) -> Path:
    """A decision log (doc/adr) holding two good records beside whatever the test adds."""
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    (folder / "0001-use-postgres.md").write_text(good_record(1, "Use Postgres"), encoding="utf-8")
    (folder / "0002-use-kafka.md").write_text(good_record(2, "Use Kafka"), encoding="utf-8")
    return folder
