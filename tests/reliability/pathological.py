"""Pathological records (each just under 1 MiB) and a driver that times every command on them.

Run as a script (`python pathological.py SPEC.json`), the driver imports adrledger once, then forks one
child per (record, command) with hard limits (1 GiB of address space, CPU seconds), runs the real CLI
entry point in it, and prints one JSON line per run: CPU seconds, peak memory, exit status and whether a
traceback was printed. Forking from a warm parent keeps the cost to the commands' own work.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
from pathlib import Path

SIZE = 1024 * 1024 - 256  # bytes: just under the 1 MiB a record file may be
HEAD = "# 3. Hostile\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\n"
MEMORY = 1 << 30


def fill(head: str, unit: str, size: int = SIZE) -> str:
    """`head` then `unit` repeated up to `size` bytes (of UTF-8)."""
    room = size - len(head.encode())
    return head + unit * max(1, room // len(unit.encode()))


def spaced_lines(prefix: str) -> str:
    """Lines of `prefix`, 20,000 spaces and a word: patterns that scan a run of spaces from each of its
    positions cost the square of its length."""
    return fill(HEAD, prefix + " " * 20_000 + "b\n")


# The reproductions of issue 13, as the issue states them.
ISSUE = {
    "titles": "# 1. T\n\n" * (SIZE // 8),
    "brackets": fill(HEAD, "["),
    "links": fill(HEAD, "[a]("),
    "emphasis": fill(HEAD, "*a **b "),
    "quotes": fill(HEAD, ">"),
    # Scope patterns that backtracked (`adr for` passed 100 s) or raised, beside a megabyte of text.
    "scopes": fill(
        f'---\nstatus: accepted\nscope: ["{"*a" * 30}*b", "src/[z-a]x", "{"**/" * 150}y"]\n---\n'
        "# 3. Scoped\n\n## Context\n\n",
        "src/" + "a" * 60 + " ",
    ),
}
# One long line of Markdown punctuation in the Context section.
INLINE = [
    "[",
    "]",
    "[a](",
    "![",
    "](",
    "*a **b ",
    "**",
    "*",
    "_",
    "__a ",
    "`",
    "<",
    "<!--",
    "<a ",
    ">",
    "|",
    "\\",
    "&",
    "&#",
    '"',
    "(https://",
    "[a][b]",
    "a|`b|",
    "www.a.b ",
    "~~a",
    "*a",
    "a_",
    "{{",
    ": ",
    "ADR-1 ",
]
# Many short lines of one kind.
LINES = [
    "## a\n",
    "- a\n",
    "> \n",
    "| a | b |\n",
    "```\n",
    "---\n",
    "Status: x\n",
    "* [ ] x\n",
    "1. a\n",
    "<!--\n",
    "\n",
    "## Status\n\nAccepted\n\n",
    "Superseded by [ADR-1](0001-x.md)\n",
    "| Risk | Impact |\n|---|---|\n",
    "a\n===\n",
    "  - a\n",
    "Amends ADR-1\n",
    "[a]: http://x\n",
]
# A run of spaces inside lines that metadata, heading, list and link patterns look at.
SPACED = [
    "# a",
    "## a",
    "Status: x",
    "status x",
    "Date: 2024-01-01",
    "- **Status**: a",
    "- a",
    "| a",
    "> a",
    "Supersedes [ADR-1](0001-x.md) -",
    "Chosen option: a",
    "a: b",
    "<!-- adr-lint: disable = ADR1",
]
# The same punctuation where other readers look: the title line, and the Status section.
PLACED = {
    "title-" + name: fill("# 3. ", unit)
    for name, unit in (("brackets", "[a]("), ("spaces", "a" + " " * 64), ("hashes", "# "), ("stars", "*a **b "))
}
PLACED.update(
    {
        "status-" + name: fill("# 3. Hostile\n\nDate: 2024-01-01\n\n## Status\n\n", unit)
        for name, unit in (
            ("links", "[a]("),
            ("labels", "Amended by [x](0001-x.md) "),
            ("lines", "Supersedes [ADR-1](0001-x.md)\n"),
        )
    }
)


def names() -> list[str]:
    """The names of corpus()'s records, without building the records (a megabyte each)."""
    return [
        *(f"issue-{name}" for name in ISSUE),
        *(f"inline-{unit!r}" for unit in INLINE),
        *(f"lines-{unit!r}" for unit in LINES),
        *(f"spaced-{prefix!r}" for prefix in SPACED),
        *PLACED,
    ]


def corpus() -> dict[str, str]:
    """Every pathological record, by a name that says what it is."""
    records = {f"issue-{name}": text for name, text in ISSUE.items()}
    records.update({f"inline-{unit!r}": fill(HEAD, unit) for unit in INLINE})
    records.update({f"lines-{unit!r}": fill(HEAD, unit) for unit in LINES})
    records.update({f"spaced-{prefix!r}": spaced_lines(prefix) for prefix in SPACED})
    records.update(PLACED)
    return records


GOOD = "# 1. X\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nA good record beside the hostile one.\n"


def _build(folder: Path, text: str) -> Path:
    log = folder / "doc" / "adr"
    log.mkdir(parents=True)
    (log / "0001-x.md").write_text(GOOD, encoding="utf-8")
    (log / "0003-hostile.md").write_text(text, encoding="utf-8")
    return folder


def _child(folder: Path, args: list[str], cpu: int) -> None:
    os.chdir(folder)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    for stream, name in ((1, "stdout"), (2, "stderr")):  # beside the project: `site out` must not meet them
        fd = os.open(folder.with_suffix("." + name), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(fd, stream)
    from adrledger.cli import main

    os._exit(main(args))


def _timed(folder: Path, args: list[str], cpu: int) -> dict[str, object]:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            _child(folder, args, cpu)
        finally:
            os._exit(99)
    _, status, usage = os.wait4(pid, 0)
    stderr = folder.with_suffix(".stderr").read_bytes()
    return {
        "cpu": round(usage.ru_utime + usage.ru_stime, 2),
        "mb": usage.ru_maxrss // 1024,
        "status": os.waitstatus_to_exitcode(status),
        "traceback": b"Traceback" in stderr,
        "stderr": stderr[-400:].decode("utf-8", "replace"),
    }


def drive(spec: dict[str, object]) -> None:
    """For each record in the spec (named from the corpus, or given as text), a log holding it, and each
    command timed on that log."""
    os.environ["ADR_DATE"] = "2024-05-01"
    import adrledger.cli._app
    import adrledger.lint.runner
    import adrledger.parse.record
    import adrledger.render.site.build
    import adrledger.search.index  # noqa: F401

    texts = dict(spec.get("texts", {}))  # type: ignore[call-overload]
    names = [*spec["records"], *texts]  # type: ignore[misc]
    table = {**corpus(), **texts}
    cpu = int(spec["cpu"])  # type: ignore[call-overload]
    with tempfile.TemporaryDirectory(prefix="adrledger-patho-") as scratch:
        # The cache is on: the first command parses the record (under the same bounds), the others
        # each do their own work on it instead of parsing the same megabyte again (most of the CPU).
        os.environ["ADRLEDGER_CACHE_DIR"] = str(Path(scratch) / "cache")
        for index, name in enumerate(names):
            folder = _build(Path(scratch) / str(index), table[name])
            for args in spec["commands"]:  # type: ignore[attr-defined]
                result = _timed(folder, list(args), cpu)
                print(json.dumps({"record": name, "command": " ".join(args), **result}), flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    drive(json.loads(Path(sys.argv[1]).read_text()))
