"""Which decisions govern a file: records name their code with .gitignore-style globs.

A record's `scope` (front matter `scope:` or a Scope section) lists patterns relative to the
repository root. As in .gitignore: a pattern without a slash matches a name at any depth,
`**` crosses folders, a trailing `/` means a folder and everything in it, `!` excludes again,
and the last pattern that matches decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .model import Record

# The order `adr for` lists decisions in: what is in force first, what is history last.
STATUS_RANK = {
    "accepted": 0,
    "proposed": 1,
    "draft": 2,
    "other": 3,
    "deprecated": 4,
    "superseded": 5,
    "rejected": 6,
}


@dataclass(frozen=True)
class ScopeMatch:
    """A record that governs a path, and the pattern that made it so."""

    record: Record
    pattern: str

    @property
    def superseded(self) -> bool:
        return self.record.status == "superseded" or bool(self.record.superseded_by)


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> tuple[re.Pattern[str], bool] | None:
    """A .gitignore-style pattern as (regex on a posix path, negated); None for blanks."""
    text = pattern.strip().strip("`")
    if not text or text.startswith("#"):
        return None
    negated = text.startswith("!")
    text = text[1:] if negated else text
    while text.startswith("./"):
        text = text[2:]
    folder_only = text.endswith("/")
    text = text.rstrip("/")
    if not text:
        return None
    anchored = "/" in text  # a slash anywhere but the end anchors the pattern to the root
    body = _translate(text.lstrip("/"))
    start = "" if anchored else "(?:.*/)?"
    tail = "/.*" if folder_only else "(?:/.*)?"  # a folder governs everything below it
    return re.compile(f"{start}{body}{tail}", re.DOTALL), negated


def _translate(text: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if text.startswith("**/", index) and (index == 0 or text[index - 1] == "/"):
            out.append("(?:.*/)?")
            index += 3
        elif (
            text.startswith("**", index)
            and index + 2 == len(text)
            and (index == 0 or text[index - 1] == "/")
        ):
            out.append(".*")
            index += 2
        elif char == "*":
            out.append("[^/]*")
            index += 1
        elif char == "?":
            out.append("[^/]")
            index += 1
        elif char == "[" and "]" in text[index + 2 :]:
            end = text.index("]", index + 2)
            inner = text[index + 1 : end]
            inner = "^" + inner[1:] if inner.startswith("!") else inner
            out.append(f"[{inner.replace(chr(92), chr(92) * 2)}]")
            index = end + 1
        elif char == "\\" and index + 1 < len(text):
            out.append(re.escape(text[index + 1]))
            index += 2
        else:
            out.append(re.escape(char))
            index += 1
    return "".join(out)


def matching_pattern(patterns: Sequence[str], path: str) -> str | None:
    """The pattern that puts `path` in scope, or None (the last matching pattern decides)."""
    decided: str | None = None
    for pattern in patterns:
        compiled = compile_pattern(pattern)
        if compiled is not None and compiled[0].fullmatch(path):
            decided = None if compiled[1] else pattern
    return decided


def governing(records: Iterable[Record], path: str) -> list[ScopeMatch]:
    """Records whose scope covers `path` (posix, from the repository root), in force first."""
    matches = []
    for record in records:
        pattern = matching_pattern(record.scope, path) if record.scope else None
        if pattern is not None:
            matches.append(ScopeMatch(record, pattern))
    return sorted(matches, key=_order)


def _order(match: ScopeMatch) -> tuple[int, int, str, int]:
    record = match.record
    rank = STATUS_RANK.get(record.status, 3)
    if match.superseded:
        rank = max(rank, STATUS_RANK["superseded"])
    return rank, 0 if record.number is None else -record.number, record.package, record.ordinal
