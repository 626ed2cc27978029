"""Time adrledger on generated decision logs of 100 to 100,000 records, beside adr-tools and log4brains.

    python benchmarks/run.py                       # 100, 1,000, 10,000 and 100,000 records
    python benchmarks/run.py --sizes 100,1000 --quick
    python benchmarks/run.py --only lint-cold,lint-warm --sizes 10000 --no-peers

Prints a table (median of several runs, peak memory) and rewrites the figures section of
benchmarks/RESULTS.md (--no-write to leave it alone). See benchmarks/README.md for the method.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from cases import (  # noqa: E402
    ADR_TOOLS_CASES,
    ADRLEDGER_CASES,
    ALL_SIZES,
    LOG4BRAINS_SIZES,
    NEW_TITLE,
    PEER_SIZES,
    Case,
)
from corpus import ensure_corpus  # noqa: E402
from measure import Figure, Sample, run_once  # noqa: E402
from peers import adr_tools_program, log4brains_case  # noqa: E402
from report import load, print_table, write_results  # noqa: E402

ROOT = HERE.parent
OUT = HERE / "out"
NOT_BUILT = "n/a (not built)"


def adrledger_program() -> list[str]:
    script = ROOT / ".venv" / "bin" / "adr"
    return [str(script)] if script.exists() else [sys.executable, "-m", "adrledger"]


SRC = ROOT / "src"


def child_env(cache_dir: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in ("PYTHONDONTWRITEBYTECODE", "VISUAL", "EDITOR", "ADR_TEMPLATE", "ADRLEDGER_DIR", "ADRLEDGER_NO_CACHE")
    }
    env.update({"ADR_DATE": "2026-01-01", "ADRLEDGER_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(SRC)})
    return env


class Bench:
    """One benchmark session: programs, options, and every figure taken so far."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.adr = adrledger_program()
        OUT.mkdir(exist_ok=True)
        self.scratch = Path(tempfile.mkdtemp(prefix="run-", dir=OUT))
        self.figures: dict[tuple[str, int], Figure] = {}
        self.peers: dict[tuple[str, str, int], Figure] = {}
        if args.merge and (OUT / "results.json").exists():
            self._load_saved()
        self._features: dict[tuple[str, ...], bool] = {}

    def has(self, words: tuple[str, ...]) -> bool:
        """Whether `adr WORDS --help` succeeds: the command exists in this build."""
        if words not in self._features:
            sample = run_once([*self.adr, *words, "--help"], ROOT, child_env(self.scratch / "c"), 60)
            self._features[words] = sample.code == 0
        return self._features[words]

    # ---- one case ------------------------------------------------------------------------------

    def measure(self, program: list[str], case: Case, root: Path, timeout: float) -> Figure:
        if case.feature and program == self.adr and not self.has(case.feature):
            return Figure(note=NOT_BUILT)
        figure = Figure()
        warm_cache = self.scratch / f"warm-{case.key}-{root.name}"
        shutil.rmtree(warm_cache, ignore_errors=True)
        site_out = self.scratch / f"site-{root.name}"
        shutil.rmtree(site_out, ignore_errors=True)
        middle = _count(root) // 2 if any("{middle}" in a for a in case.argv) else 0
        argv = [*program, *(a.format(middle=middle, site_out=site_out) for a in case.argv)]
        try:
            return self._repeat(argv, case, root, timeout, warm_cache, figure)
        finally:
            if case.kind == "site-incremental":
                _restore_records(root)

    def _repeat(
        self, argv: list[str], case: Case, root: Path, timeout: float, warm_cache: Path, figure: Figure
    ) -> Figure:
        first = True
        repeats = self.args.repeat
        while len(figure.samples) < repeats:
            cache = warm_cache if case.cache != "cold" else Path(tempfile.mkdtemp(prefix="cold-", dir=self.scratch))
            if case.kind == "site-incremental" and not first:
                _touch_one_record(root)
            if case.cache == "cold":
                shutil.rmtree(self.scratch / f"site-{root.name}", ignore_errors=True)  # a cold build starts empty
            sample = run_once(argv, root, child_env(cache), timeout, keep_output=case.kind == "new")
            if case.kind == "new":
                _remove_new_records(root)
            if case.cache == "cold":
                shutil.rmtree(cache, ignore_errors=True)
            problem = _problem(sample, case, timeout)
            if problem:
                figure.note = problem
                figure.samples.append(sample)
                break
            if first:  # warm-up: fills page cache, bytecode and (for warm cases) adrledger's cache
                first = False
                repeats = _repeats_for(sample.seconds, repeats)
                if sample.seconds > 10 and case.cache != "warm":
                    figure.samples.append(sample)  # too slow to run twice: the first run is the figure
                continue
            figure.samples.append(sample)
        return figure

    # ---- whole session -----------------------------------------------------------------------

    def run_adrledger(self) -> None:
        for size in self.args.sizes:
            root = ensure_corpus("mixed", size)
            for case in self._selected(ADRLEDGER_CASES):
                if size not in case.sizes:
                    continue
                self._report(
                    case.label,
                    size,
                    lambda c=case, r=root: self.measure(self.adr, c, r, self.args.timeout),
                    (case.key, size),
                    self.figures,
                )

    def run_peers(self) -> None:
        tools = adr_tools_program()
        for size in [s for s in self.args.sizes if s in PEER_SIZES]:
            root = ensure_corpus("adrtools", size)
            for label, words, ours in ADR_TOOLS_CASES:
                if ours is not None and not (self._wanted(ours.key) or self._wanted("adr-tools")):
                    continue
                if tools:
                    peer = Case(f"adr-tools-{label}", label, words, (), kind="new" if words[0] == "new" else "plain")
                    self._report(
                        f"adr-tools {label}",
                        size,
                        lambda p=peer, r=root: self.measure(tools, p, r, self.args.peer_timeout),
                        ("adr-tools", label, size),
                        self.peers,
                    )
                else:
                    self.peers[("adr-tools", label, size)] = Figure(note="n/a (adr-tools not installed)")
                if ours is not None:
                    self._report(
                        f"adrledger {label}",
                        size,
                        lambda c=ours, r=root: self.measure(self.adr, c, r, self.args.timeout),
                        ("adrledger", label, size),
                        self.peers,
                    )
        for size in [s for s in self.args.sizes if s in LOG4BRAINS_SIZES and self._wanted("log4brains")]:
            program, note = log4brains_case(ensure_corpus("mixed", size), self.scratch)
            if program is None:
                self.peers[("log4brains", "build", size)] = Figure(note=note)
                continue
            case = Case("log4brains-build", "build", tuple(program[1:]), ())
            self._report(
                "log4brains build",
                size,
                lambda c=case, p=program: self.measure(p[:1], c, self.scratch / "l4b", self.args.l4b_timeout),
                ("log4brains", "build", size),
                self.peers,
            )

    def _report(self, label: str, size: int, action: Callable[[], Figure], key: tuple, into: dict) -> None:
        started = time.perf_counter()
        figure = action()
        into[key] = figure
        self.save()  # after every figure: an interrupted run keeps what it measured
        shown = figure.note or f"{figure.median:.3f} s, {figure.peak_mb:.0f} MB (n={figure.runs})"
        print(f"  {label:<36} {size:>7,}  {shown}   [{time.perf_counter() - started:.0f} s]", flush=True)

    def _selected(self, cases: tuple[Case, ...]) -> list[Case]:
        return [c for c in cases if self._wanted(c.key)]

    def _wanted(self, key: str) -> bool:
        return not self.args.only or key in self.args.only

    def _load_saved(self) -> None:
        """Start from the figures of earlier runs (--merge): this run replaces those it measures."""
        saved = json.loads((OUT / "results.json").read_text())
        for name, data in saved.get("figures", {}).items():
            key, size = name.rsplit("@", 1)
            self.figures[(key, int(size))] = Figure.from_json(data)
        for name, data in saved.get("peers", {}).items():
            label, size = name.rsplit("@", 1)
            tool, command = label.split("|", 1)
            self.peers[(tool, command, int(size))] = Figure.from_json(data)

    def save(self) -> Path:
        data = {
            "figures": {f"{k}@{n}": f.as_json() for (k, n), f in self.figures.items()},
            "peers": {f"{t}|{c}@{n}": f.as_json() for (t, c, n), f in self.peers.items()},
        }
        path = OUT / "results.json"
        path.write_text(json.dumps(data, indent=2) + "\n")
        return path


def _count(root: Path) -> int:
    return json.loads((root / "manifest.json").read_text())["records"]


def _problem(sample: Sample, case: Case, timeout: float) -> str:
    if sample.timed_out:
        return f"> {timeout:.0f} s"
    if sample.code in case.ok_codes:
        return ""
    if sample.code == 2 and "No such command" in sample.stderr:
        return NOT_BUILT
    return f"error (exit {sample.code}): {sample.stderr.strip().splitlines()[-1][:80] if sample.stderr.strip() else ''}"


def _repeats_for(seconds: float, wanted: int) -> int:
    if seconds > 60:
        return 1
    if seconds > 10:
        return min(wanted, 3)
    return wanted


def _remove_new_records(root: Path) -> None:
    slug = NEW_TITLE.lower().replace(" ", "-")
    for path in (root / "doc" / "adr").glob(f"*-{slug}.md"):
        path.unlink()


def _touch_one_record(root: Path) -> None:
    """Change one record (alternately adding and removing a line), so each rebuild sees one change."""
    target = sorted((root / "doc" / "adr").glob("0002-*.md"))[0]
    text = target.read_text(encoding="utf-8")
    marker = "\nBenchmark edit: one changed line.\n"
    target.write_text(text[: -len(marker)] if text.endswith(marker) else text + marker, encoding="utf-8")


def _restore_records(root: Path) -> None:
    target = sorted((root / "doc" / "adr").glob("0002-*.md"))[0]
    text = target.read_text(encoding="utf-8")
    marker = "\nBenchmark edit: one changed line.\n"
    if text.endswith(marker):
        target.write_text(text[: -len(marker)], encoding="utf-8")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, ALL_SIZES)), help="record counts (default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="3 runs a figure, sizes up to 1,000 unless --sizes")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure after a warm-up run")
    parser.add_argument("--only", default="", help="comma-separated case keys (see cases.py), adr-tools, log4brains")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before an adrledger run is stopped")
    parser.add_argument("--peer-timeout", type=float, default=120, help="seconds before a peer's run is stopped")
    parser.add_argument("--l4b-timeout", type=float, default=900, help="seconds before a log4brains build is stopped")
    parser.add_argument("--no-peers", action="store_true", help="skip adr-tools and log4brains")
    parser.add_argument(
        "--src", type=Path, default=None, help="time another checkout's src/ folder (before/after comparisons)"
    )
    parser.add_argument(
        "--merge",
        action="store_true",
        help="keep the figures of earlier runs (benchmarks/out/results.json) this run does not take",
    )
    parser.add_argument("--no-write", action="store_true", help="do not rewrite RESULTS.md")
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat = min(args.repeat, 3)
        if "--sizes" not in " ".join(argv or sys.argv):
            args.sizes = "100,1000"
    args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    args.only = {s for s in args.only.split(",") if s}
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.src is not None:
        global SRC
        SRC = args.src.resolve()
    bench = Bench(args)
    started, load_before = time.time(), load()
    try:
        print(f"adrledger: {' '.join(bench.adr)}", flush=True)
        bench.run_adrledger()
        if not args.no_peers:
            bench.run_peers()
    finally:
        shutil.rmtree(bench.scratch, ignore_errors=True)
    saved = bench.save()
    print()
    print_table(bench.figures, bench.peers, args.sizes)
    if not args.no_write:
        path = write_results(bench.figures, bench.peers, args, time.time() - started, load_before)
        print(f"\nwrote {path.relative_to(ROOT)} and {saved.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
