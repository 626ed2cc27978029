"""Glob patterns as .gitignore writes them: the one implementation for scopes and file settings.

A pattern without a slash matches a name at any depth, `**` crosses folders, a trailing `/`
means a folder and everything in it, `!` excludes again, and the last pattern that matches
decides. Decision scopes (scope.py), the log's `exclude`/`include` settings and lint's
`per-file-ignores` all match paths with it (ADR-0018).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# A scope pattern is text from a record: it is matched by a bit-parallel automaton (no regex
# backtracking), so a hostile `*a*a*a...*b` costs one pass over the path, never an exponential search.
MAX_PATTERN = 512  # characters: a longer "pattern" is prose, not a path glob


Test = tuple[str, "str | re.Pattern[str] | None"]


@dataclass(frozen=True)
class _Automaton:
    """A glob as states 0..final; bit i of a set is state i. Each state consumes one character and
    moves on (`advance`), or loops on it (`stay`), or lets the match skip ahead without a character."""

    tests: tuple[Test, ...]  # per state: ("lit", char), ("any", None), ("class", compiled [...]), ...
    skip1: int  # states that may move on to the next without a character
    skip2: int  # states that may skip the next state too (the empty choice of `(?:.*/)?`, `(?:/.*)?`)
    final: int

    def masks(self, char: str) -> tuple[int, int]:
        """(states that move on after `char`, states that stay on it)."""
        advance = stay = 0
        for index, (kind, value) in enumerate(self.tests):
            if _moves_on(kind, value, char):
                advance |= 1 << index
            if kind in ("all", "dirs", "rest") or (kind == "star" and char != "/"):
                stay |= 1 << index
        return advance, stay

    def matches(self, path: str) -> bool:
        cache: dict[str, tuple[int, int]] = {}
        current = self._closure(1)
        for char in path:
            found = cache.get(char)
            if found is None:
                found = cache[char] = self.masks(char)
            advance, stay = found
            current = self._closure(((current & advance) << 1) | (current & stay))
            if not current:
                return False
        return bool(current >> self.final & 1)

    def _closure(self, states: int) -> int:
        while True:
            grown = states | ((states & self.skip1) << 1) | ((states & self.skip2) << 2)
            if grown == states:
                return states
            states = grown


def _moves_on(kind: str, value: str | re.Pattern[str] | None, char: str) -> bool:
    if kind == "lit":
        return char == value
    if kind == "any":
        return char != "/"
    if isinstance(value, re.Pattern):
        return value.fullmatch(char) is not None
    return kind in ("dirs", "start-rest") and char == "/"


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> tuple[_Automaton, bool] | None:
    """A .gitignore-style pattern as (automaton over a posix path, negated); None for blanks and
    for what cannot be a glob (an invalid [class], a pattern longer than MAX_PATTERN)."""
    text = pattern.strip().strip("`")
    if not text or text.startswith("#") or len(text) > MAX_PATTERN:
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
    try:
        body = _translate(text.lstrip("/"))
    except re.error:
        return None
    start = [] if anchored else _DIRS  # any folders above, when not anchored
    tail = [("lit", "/"), ("all", None)] if folder_only else _REST  # a folder governs everything below it
    return _automaton([*start, *body, *tail]), negated


# `(?:.*/)?`: nothing, or anything ending with a slash (two states: its entry skips both).
_DIRS: list[Test] = [("skip-dirs", None), ("dirs", None)]
# `(?:/.*)?`: nothing, or a slash and anything after it.
_REST: list[Test] = [("start-rest", None), ("rest", None)]


def _automaton(tests: list[Test]) -> _Automaton:
    skip1 = skip2 = 0
    for index, (kind, _) in enumerate(tests):
        if kind in ("star", "all", "rest"):
            skip1 |= 1 << index
        elif kind in ("skip-dirs", "start-rest"):
            skip2 |= 1 << index
            if kind == "skip-dirs":
                skip1 |= 1 << index  # into the loop over the folders' characters
    return _Automaton(tuple(tests), skip1, skip2, len(tests))


def _translate(text: str) -> list[Test]:
    out: list[Test] = []
    index = 0
    while index < len(text):
        char = text[index]
        if text.startswith("**/", index) and (index == 0 or text[index - 1] == "/"):
            if out[-2:] != _DIRS:  # `**/**/` is `**/`
                out += _DIRS
            index += 3
        elif text.startswith("**", index) and index + 2 == len(text) and (index == 0 or text[index - 1] == "/"):
            out.append(("all", None))
            index += 2
        elif char == "*":
            if out[-1:] != [("star", None)]:  # `**` inside a name is `*`
                out.append(("star", None))
            index += 1
        elif char == "?":
            out.append(("any", None))
            index += 1
        elif char == "[" and "]" in text[index + 2 :]:
            end = text.index("]", index + 2)
            inner = text[index + 1 : end]
            inner = "^" + inner[1:] if inner.startswith("!") else inner
            out.append(("class", re.compile(f"[{inner.replace(chr(92), chr(92) * 2)}]", re.DOTALL)))
            index = end + 1
        elif char == "\\" and index + 1 < len(text):
            out.append(("lit", text[index + 1]))
            index += 2
        else:
            out.append(("lit", char))
            index += 1
    return out


def matching_pattern(patterns: Sequence[str], path: str) -> str | None:
    """The pattern that puts `path` in scope, or None (the last matching pattern decides)."""
    decided: str | None = None
    for pattern in patterns:
        compiled = compile_pattern(pattern)
        if compiled is not None and compiled[0].matches(path):
            decided = None if compiled[1] else pattern
    return decided


def matches(patterns: Sequence[str], path: str) -> bool:
    """True when `path` (posix, relative to the patterns' base) is matched by the patterns."""
    return bool(patterns) and matching_pattern(patterns, path) is not None
