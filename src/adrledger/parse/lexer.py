"""The Markdown lexer every reader and writer shares: the front matter span, line kinds, and what a
heading, a list item and a code fence look like.

The scanner classifies a record's lines with these; the parsed Record keeps the front matter span
and the line kinds, and the writers, lint fixes, history, search and editors ask the Record (or,
for text they hold on their own, these functions) instead of a pattern of their own: two readings
of one file that disagree on where its front matter ends or what is a heading corrupt what they edit.

Every pattern here reads record text, so each is linear (docs/guarantees.md, ADR-0042).
"""

from __future__ import annotations

import re

# Line kinds, one per line: Scan.kinds and Record.line_kinds.
TEXT, CODE, COMMENT, FRONT, UNDERLINE = 0, 1, 2, 3, 4

# Front matter is looked for this far: a closing fence further down is text, not YAML.
FRONT_MATTER_LINES = 400

# The text and its closing "#"s are split by atx_text(): a lazy (.*?) before "[ \t]*$" costs the square
# of a line's inner spaces, and a heading line can be a megabyte of them.
ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*))?$")
SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
# A fence may open inside list items and quotes ("- ```python"), and closes with any indent.
FENCE_OPEN = re.compile(r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]?)*(`{3,}|~{3,})(.*)$")
FENCE_CLOSE = re.compile(r"[ \t]*(?:>[ \t]?)*(`{3,}|~{3,})[ \t]*$")
LIST_ITEM = re.compile(r"(?P<indent>[ \t]*)(?:[-*+•]|\d{1,9}[.)])[ \t]+(?P<text>.*)$")
CHECKBOX = re.compile(r"\[(?P<mark>[ xX✓✔])\][ \t]+(?P<text>.*)$")
FRONT_MATTER_KEY = re.compile(r"[\w-][\w .-]*\s*:")


def atx_text(raw: str | None) -> str:
    """A heading's text without its closing sequence (spaces, then "#"s, at the end of the line)."""
    text = (raw or "").rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and bare[-1:] in (" ", "\t"):
        text = bare
    return text.strip()


def heading(line: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading line ("## Why C#" reads "Why C#"), None for any other line.

    Whether the line is in a code block is the line kinds' business, not this function's.
    """
    if "#" not in line[:4]:
        return None
    match = ATX.match(line)
    return (len(match.group(1)), atx_text(match.group(2))) if match else None


def list_item(line: str) -> re.Match[str] | None:
    """The match of a list item's first line: groups `indent` and `text`, the marker between them."""
    return LIST_ITEM.match(line)


def list_marker(line: str) -> str:
    """The indent, marker and spaces that start a list item ("  - ", "1. "), "" when it is none."""
    match = LIST_ITEM.match(line)
    return line[: match.start("text")] if match else ""


def item_text(text: str) -> str:
    """A list item's text without its marker and task checkbox ("- [x] Done" reads "Done")."""
    match = LIST_ITEM.match(text)
    if match is None:
        return text
    body = match.group("text")
    box = CHECKBOX.match(body)
    return box.group("text") if box else body


def open_fence(line: str) -> tuple[str, int, str] | None:
    """(character, length, info string) of a line that opens a code fence, None otherwise."""
    match = FENCE_OPEN.match(line)
    if not match:
        return None
    marker, info = match.group(1), match.group(2).strip()
    if marker[0] == "`" and "`" in info:
        return None  # inline code such as ```x``` on one line
    return marker[0], len(marker), info


def closes_fence(line: str, char: str, length: int) -> bool:
    """Whether `line` closes a fence opened with `length` times `char`."""
    if char not in line:
        return False
    close = FENCE_CLOSE.match(line)
    return close is not None and close.group(1)[0] == char and len(close.group(1)) >= length


def fenced_lines(lines: list[str]) -> list[bool]:
    """For each line, whether it belongs to a code fence (its opening and closing lines included), for
    text read without the scanner (any Markdown file of a repository, a file being renumbered)."""
    inside = [False] * len(lines)
    char, length = "", 0
    for index, line in enumerate(lines):
        if char:
            inside[index] = True
            if closes_fence(line, char, length):
                char = ""
        elif ("```" in line or "~~~" in line) and (opened := open_fence(line)):
            char, length = opened[0], opened[1]
            inside[index] = True
    return inside


def front_matter_span(lines: list[str]) -> tuple[int, int] | None:
    """(0, index of the closing fence) of the YAML front matter that opens `lines`, None without one.

    A `---` line, lines that read as YAML, then `---` or `...` within FRONT_MATTER_LINES lines. A rule
    followed by prose and another rule is not front matter.
    """
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, min(len(lines), FRONT_MATTER_LINES)):
        if lines[index].rstrip() in ("---", "..."):
            if index > 1 and not _looks_like_yaml(lines[1:index]):
                return None
            return 0, index
    return None


def front_matter_unclosed(lines: list[str]) -> bool:
    """Whether `lines` open front matter (`---`, then a key) that no fence closes: a likely mistake."""
    if len(lines) < 2 or lines[0].rstrip() != "---" or not FRONT_MATTER_KEY.match(lines[1]):
        return False
    return not any(lines[index].rstrip() in ("---", "...") for index in range(1, min(len(lines), FRONT_MATTER_LINES)))


def _looks_like_yaml(body: list[str]) -> bool:
    for line in body:
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return bool(FRONT_MATTER_KEY.match(stripped))
    return True
