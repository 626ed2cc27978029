"""Records under 1 MiB built to make a naive reader quadratic (the reproductions of issue 13, long lines of
Markdown punctuation, a million short lines, runs of spaces inside metadata and heading lines, hostile
titles and Status sections): every command finishes each within CPU_BOUND seconds and 1 GiB, without a
traceback. The cache is on, as users run: the first command of each log parses the record under the same
bounds, and the others do their own work on it (parsing the same megabyte 19 times was most of the CI run).
Property tests throw random punctuation at every command, and at the parser.

The full matrix is marked slow (it still runs in CI); the issue's own reproductions always run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pathological import HEAD, ISSUE, SIZE, fill, names
from reliability_support import ROOT

from adrledger.parse import parse_bytes

CPU_BOUND = 10  # CPU seconds for one command on one record (most take one or two)
COMMANDS = [
    ["list", "--format", "table"],
    ["export"],
    ["show", "3"],
    ["lint"],
    ["search", "zzz"],
    ["search", "a"],
    ["index"],
    ["graph"],
    ["generate", "toc"],
    ["generate", "graph"],
    ["report", "summary"],
    ["report", "risks"],
    ["report", "checklists"],
    ["site", "out"],
    ["for", "src/" + "a" * 3000],
    ["convert", "3", "--style", "madr", "--dry-run"],
]
# The commands the issue names: each runs on each of its reproductions in every test run.
ISSUE_COMMANDS = [
    ["lint"],
    ["list"],
    ["show", "3"],
    ["export"],
    ["index"],
    ["graph"],
    ["site", "out"],
    ["search", "a"],
    ["report", "summary"],
    ["for", "src/" + "a" * 3000],
]
DRIVER = Path(__file__).with_name("pathological.py")


def drive(
    records: list[str], commands: list[list[str]], tmp_path: Path, texts: dict[str, str] | None = None
) -> list[dict[str, object]]:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"records": records, "texts": texts or {}, "commands": commands, "cpu": CPU_BOUND}))
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{DRIVER.parent}"}
    runs = (len(records) + len(texts or {})) * len(commands)
    budget = 60 + runs * (CPU_BOUND + 5)  # a hang fails, however the CPU is shared
    done = subprocess.run(
        [sys.executable, str(DRIVER), str(spec)], env=env, capture_output=True, text=True, timeout=budget
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return [json.loads(line) for line in done.stdout.splitlines()]


def failures(results: list[dict[str, object]]) -> list[str]:
    """Runs over the bound, killed, or with a traceback. Lint exits 1 on findings; a command may exit 2
    only with one "Error:" line (`show 3` when the file's records all carry another number)."""
    return [
        f"{r['record']} / {r['command']}: {r['cpu']} s, {r['mb']} MB, status {r['status']}: {r['stderr']!r}"
        for r in results
        if r["cpu"] > CPU_BOUND or r["traceback"] or not _expected_exit(r)
    ]


def _expected_exit(result: dict[str, object]) -> bool:
    lines = str(result["stderr"]).strip().splitlines()
    if result["status"] == 2:
        return bool(lines) and lines[-1].startswith("Error: ") and not any(line.startswith("Usage:") for line in lines)
    return result["status"] in (0, 1)


@pytest.mark.slow  # about 20 s: a megabyte record through several commands
def test_the_issue_reproductions_are_bounded(tmp_path: Path) -> None:
    results = drive([f"issue-{name}" for name in ISSUE], ISSUE_COMMANDS, tmp_path)
    assert len(results) == len(ISSUE) * len(ISSUE_COMMANDS)
    bad = failures(results)
    assert not bad, "\n".join(bad)


FAMILIES = ("issue", "inline", "lines", "spaced", "title", "status")
# One case per record, not per family: the cases spread evenly over the test workers (one family of
# a million short lines is minutes of CPU on its own).
RECORDS = [name for name in names() if name.startswith(tuple(family + "-" for family in FAMILIES))]


@pytest.mark.slow
@pytest.mark.parametrize("record", RECORDS, ids=[name.encode("unicode_escape").decode()[:60] for name in RECORDS])
def test_every_command_is_bounded_on_pathological_records(record: str, tmp_path: Path) -> None:
    results = drive([record], COMMANDS, tmp_path)
    assert len(results) == len(COMMANDS)
    bad = failures(results)
    assert not bad, "\n".join(bad)


# The other output formats render the same findings and graph: they run on the records whose findings
# and titles carry the hostile text (each lint format is a whole lint run: on every record of the matrix
# they were a tenth of the CI run, repeating what `lint` above measured).
FORMATS = [["lint", "--format", "sarif"], ["lint", "--format", "github"], ["graph", "--format", "dot"]]
FORMAT_RECORDS = [name for name in RECORDS if name.startswith(("issue-", "title-", "status-"))]


@pytest.mark.slow
@pytest.mark.parametrize("record", FORMAT_RECORDS)
def test_every_output_format_is_bounded_on_hostile_findings(record: str, tmp_path: Path) -> None:
    results = drive([record], FORMATS, tmp_path)
    assert len(results) == len(FORMATS)
    bad = failures(results)
    assert not bad, "\n".join(bad)


PUNCTUATION = [
    "[",
    "]",
    "(",
    ")",
    "![",
    "*",
    "**",
    "_",
    "__",
    "`",
    "<",
    ">",
    "<!--",
    "-->",
    "|",
    "#",
    "# ",
    "\\",
    "&",
    ":",
    " ",
    "  ",
    "\t",
    "-",
    "- ",
    "1. ",
    "=",
    "~",
    '"',
    "'",
    "{",
    "}",
    "a",
    "b",
    "http://",
    "ADR-1",
    "\n",
    "\n\n",
    "Status: ",
    "## ",
    "> ",
]


@pytest.mark.slow
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(PUNCTUATION), min_size=1, max_size=6).map("".join), min_size=1, max_size=3))
def test_every_command_is_bounded_on_random_punctuation(units: list[str]) -> None:
    """A megabyte of random short units of Markdown punctuation (each example a log of up to three such
    records, one per unit): every command within the bound, no traceback."""
    texts = {f"random-{unit!r}": fill(HEAD, unit, SIZE) for unit in units}
    with tempfile.TemporaryDirectory(prefix="adrledger-fuzz-") as scratch:
        results = drive([], COMMANDS, Path(scratch), texts)
    assert len(results) == len(texts) * len(COMMANDS)
    bad = failures(results)
    assert not bad, "\n".join(bad)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PUNCTUATION), min_size=1, max_size=6).map("".join))
def test_the_parser_stays_linear_on_random_punctuation(unit: str) -> None:
    """A megabyte of any short unit of Markdown punctuation is parsed within a few CPU seconds."""
    data = fill(HEAD, unit, SIZE).encode()
    started = time.process_time()
    parse_bytes(data, "0003-hostile.md")
    assert time.process_time() - started < CPU_BOUND / 2, repr(unit)
