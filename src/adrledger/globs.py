"""Glob patterns as .gitignore writes them: the one implementation for scopes and file settings.

A pattern without a slash matches a name at any depth, `**` crosses folders, a trailing `/`
means a folder and everything in it, `!` excludes again, and the last pattern that matches
decides. Decision scopes (scope.py), the log's `exclude`/`include` settings and lint's
`per-file-ignores` all match paths with it (ADR-0018).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache


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




def matches(patterns: Sequence[str], path: str) -> bool:
    """True when `path` (posix, relative to the patterns' base) is matched by the patterns."""
    return bool(patterns) and matching_pattern(patterns, path) is not None
