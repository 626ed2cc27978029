"""Speed of the adr-tools commands on a large log: `adr new`, `adr new -s`, `adr generate toc|graph`.

Goals: `adr new` under 150 ms and `adr generate toc` well under 1.5 s on 10,000 records.
Run: .venv/bin/python benchmarks/bench_lifecycle.py [--records 10000] [--repeat 5] [--adr-tools]
Each command runs as a real process (python -m adrledger), so start-up time is included; the
median of the repeats is reported. With --adr-tools the same commands run with /usr/bin/adr.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RECORD = (
    "# {n}. Decision number {n}\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n{links}## Context\n\n"
    "The context of decision {n}, in a few sentences of prose.\n\n## Decision\n\nWe will do {n}.\n\n"
    "## Consequences\n\nSome things become easier, others harder.\n"
)


def make_log(folder: Path, count: int) -> Path:
    log = folder / "doc" / "adr"
    log.mkdir(parents=True)
    for n in range(1, count + 1):
        links = (
            f"Amends [{n - 1}. Decision number {n - 1}]({n - 1:04d}-decision-number-{n - 1}.md)\n\n"
            if n % 10 == 0
            else ""
        )
        (log / f"{n:04d}-decision-number-{n}.md").write_text(RECORD.format(n=n, links=links), encoding="utf-8")
    return log


def timed(command: list[str], cwd: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "ADR_DATE": "2024-05-01"}
    env.pop("VISUAL", None)
    env.pop("EDITOR", None)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def bench(name: str, runner: list[str], args: list[str], cwd: Path, repeat: int) -> None:
    samples = [timed(runner + args, cwd) for _ in range(repeat)]
    print(
        f"{name:<34} median {statistics.median(samples) * 1000:7.1f} ms   "
        f"min {min(samples) * 1000:7.1f} ms   ({repeat} runs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--adr-tools", action="store_true", help="also time /usr/bin/adr")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="adr-bench-"))
    try:
        print(f"{options.records} records per log, in {folder}")
        runners = [("adrledger", [sys.executable, "-m", "adrledger"])]
        if options.adr_tools and shutil.which("adr") and Path("/usr/bin/adr").exists():
            runners.append(("adr-tools", ["/usr/bin/adr"]))
        for label, runner in runners:
            here = folder / label
            make_log(here, options.records)
            bench(f"{label}: new", runner, ["new", "Benchmark", "title"], here, options.repeat)
            bench(f"{label}: new -s 5", runner, ["new", "-s", "5", "Supersede", "five"], here, 1)
            bench(f"{label}: generate toc", runner, ["generate", "toc"], here, options.repeat)
            bench(f"{label}: generate graph", runner, ["generate", "graph"], here, 1)
            bench(f"{label}: list", runner, ["list"], here, options.repeat)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
