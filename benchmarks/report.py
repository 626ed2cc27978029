"""The benchmark's output: a table on the terminal and the figures section of RESULTS.md."""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from cases import ADR_TOOLS_CASES, ADRLEDGER_CASES, GOALS, Goal
from measure import Figure

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
START, END = "<!-- figures:start -->", "<!-- figures:end -->"


def cell(figure: Figure | None, memory: bool = True) -> str:
    if figure is None:
        return ""
    if figure.note:
        return figure.note
    seconds = figure.median
    text = f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"
    return f"{text} · {figure.peak_mb:.0f} MB" if memory else text


def adrledger_rows(figures: dict[tuple[str, int], Figure], sizes: list[int]) -> list[list[str]]:
    rows = []
    for case in ADRLEDGER_CASES:
        if any((case.key, n) in figures for n in sizes):
            rows.append([case.label] + [cell(figures.get((case.key, n))) for n in sizes])
    return rows


def peer_rows(peers: dict[tuple[str, str, int], Figure], sizes: list[int]) -> list[list[str]]:
    rows = []
    for label, _, _ in ADR_TOOLS_CASES:
        for tool in ("adr-tools", "adrledger"):
            if any((tool, label, n) in peers for n in sizes):
                rows.append([f"{tool} `{label}`"] + [cell(peers.get((tool, label, n))) for n in sizes])
        ratio = [_ratio(peers.get(("adr-tools", label, n)), peers.get(("adrledger", label, n))) for n in sizes]
        if any(ratio):
            rows.append([f"speed-up, `{label}`"] + ratio)
    if any(k[0] == "log4brains" for k in peers):
        rows.append(["log4brains `build`"] + [cell(peers.get(("log4brains", "build", n))) for n in sizes])
    return rows


def _ratio(theirs: Figure | None, ours: Figure | None) -> str:
    if theirs is None or ours is None or not ours.ok or not theirs.samples:
        return ""
    if theirs.note.startswith(">"):
        return f"> {_times(theirs.samples[0].seconds / ours.median)}"
    return _times(theirs.median / ours.median) if theirs.ok else ""


def _times(ratio: float) -> str:
    return f"{ratio:,.0f}×" if ratio >= 10 else f"{ratio:.2f}×"


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def all_sizes(figures: dict, peers: dict, sizes: list[int]) -> list[int]:
    return sorted(set(sizes) | {key[-1] for key in figures} | {key[-1] for key in peers})


def print_table(figures: dict, peers: dict, sizes: list[int]) -> None:
    header = ["command"] + [f"{n:,}" for n in sizes]
    rows = adrledger_rows(figures, sizes) + peer_rows(peers, sizes)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)))


def verdict(goal: Goal, figures: dict[tuple[str, int], Figure]) -> tuple[str, str]:
    figure = figures.get((goal.case, goal.size))
    if figure is None:
        return "not measured in this run", "—"
    if figure.note:
        return figure.note, "—" if "not built" in figure.note else "gap"
    shown = cell(figure)
    met = (goal.limit_s is None or figure.median <= goal.limit_s) and (
        goal.limit_mb is None or figure.peak_mb <= goal.limit_mb
    )
    return shown, "met" if met else "gap"


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "0"
    )
    venv_python = HERE.parent / ".venv" / "bin" / "python"
    interpreter = str(venv_python if venv_python.exists() else sys.executable)
    python = subprocess.run(
        [interpreter, "-c", "import sys; print(sys.version.split()[0])"], capture_output=True, text=True
    ).stdout.strip()
    commit = subprocess.run(
        ["git", "-C", str(HERE.parent), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "RAM": f"{int(mem) / 1024 / 1024:.1f} GiB",
        "Python": python,
        "OS": f"{platform.system()} {platform.release()}",
        "adrledger commit": commit,
        "adr-tools": _package_version("adr-tools"),
        "log4brains": _log4brains_version(),
    }


def _package_version(name: str) -> str:
    found = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", name], capture_output=True, text=True)
    return found.stdout.strip() if found.returncode == 0 else "not installed"


def _log4brains_version() -> str:
    manifest = HERE / ".node" / "node_modules" / "log4brains" / "package.json"
    return json.loads(manifest.read_text())["version"] if manifest.exists() else "not installed"


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def figures_section(figures: dict, peers: dict, args: argparse.Namespace, elapsed: float, load_before: str) -> str:
    sizes = all_sizes(figures, peers, args.sizes)
    header = ["command"] + [f"{n:,} records" for n in sizes]
    info = machine()
    parts = [
        START,
        "",
        f"Run on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {elapsed / 60:.0f} min, with "
        f"`python benchmarks/run.py {' '.join(sys.argv[1:])}`".rstrip()
        + ".",
        "",
        "| machine | |",
        "|---|---|",
    ]
    parts += [f"| {k} | {v} |" for k, v in info.items()]
    parts += [
        f"| load average (1, 5, 15 min) | {load_before} before, {load()} after |",
        "",
        f"Median of {args.repeat} runs after one warm-up run (one run when a command takes over 10 s), "
        "peak memory of the process tree. Cold: empty adrledger cache; warm: cache filled by the "
        "warm-up run."
        + (
            " Figures this run did not take come from earlier runs (--merge); the "
            "1-minute load average at each measurement is in benchmarks/out/results.json."
            if args.merge
            else ""
        ),
        "",
        "### adrledger",
        "",
        markdown_table(header, adrledger_rows(figures, sizes)),
    ]
    rows = peer_rows(peers, sizes)
    if rows:
        parts += [
            "",
            "### Side by side, same files (adr-tools layout; log4brains on the mixed layout)",
            "",
            markdown_table(header, rows),
        ]
    goal_rows = [[goal.text, *verdict(goal, figures)] for goal in GOALS]
    parts += ["", "### Goals", "", markdown_table(["goal", "figure", "verdict"], goal_rows), "", END]
    return "\n".join(parts)


def write_results(figures: dict, peers: dict, args: argparse.Namespace, elapsed: float, load_before: str = "") -> Path:
    section = figures_section(figures, peers, args, elapsed, load_before or "?")
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else f"# Benchmark results\n\n{START}\n{END}\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text += "\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    return RESULTS
