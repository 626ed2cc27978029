"""A fast, forgiving structural scan of Markdown: headings, code fences, comments, front matter.

A full CommonMark parse of every record costs ten times more than this scan and tells the
model nothing it needs (measured in docs/adr/0002). The scan follows CommonMark where real
records depend on it (a `#` inside a fence is not a heading, fences may sit in list items and
close with an indent, setext headings) and is lenient where authors are sloppy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Problem
from .lexer import (
    ATX,
    CODE,
    COMMENT,
    FRONT,
    SETEXT,
    TEXT,
    UNDERLINE,
    atx_text,
    closes_fence,
    front_matter_span,
    front_matter_unclosed,
    open_fence,
)

__all__ = [
    "CODE",
    "COMMENT",
    "FRONT",
    "TEXT",
    "UNDERLINE",
    "Fence",
    "Heading",
    "Scan",
    "atx_text",
    "embedded_markdown_blocks",
    "scan",
    "without_comments",
]

_KEY_VALUE_LINE = re.compile(r"\s*(?:[-*+]\s+)?(?:\*\*|__)?[\w ]{1,40}(?:\*\*|__)?\s*:")
# A paragraph that is only bold words, such as `**Decision Outcome**` or `__Context:__`: many records
# write their section titles this way. Whether the words name a section is the section builder's call.
_BOLD_LABEL = re.compile(r" {0,3}(\*\*|__)([^*_`\[\]]{2,60}?):?\1:?[ \t]*$")


@dataclass(slots=True)
class Heading:
    index: int  # 0-based line index within the scanned lines
    level: int
    text: str


@dataclass(slots=True)
class Fence:
    start: int
    end: int
    info: str
    closed: bool


@dataclass(slots=True)
class Scan:
    lines: list[str]
    headings: list[Heading] = field(default_factory=list)
    labels: list[Heading] = field(default_factory=list)  # bold-only paragraphs (level 0: decided later)
    fences: list[Fence] = field(default_factory=list)
    kinds: bytearray = field(default_factory=bytearray)
    front_matter: tuple[int, int] | None = None
    problems: list[Problem] = field(default_factory=list)
    offset: int = 0  # 1-based line number of lines[0] is offset + 1

    def lineno(self, index: int) -> int:
        return index + self.offset + 1

    def is_text(self, index: int) -> bool:
        return self.kinds[index] == TEXT


def scan(lines: list[str], offset: int = 0, allow_front_matter: bool = True) -> Scan:
    """Scan `lines` once and classify each of them."""
    result = Scan(lines, kinds=bytearray(len(lines)), offset=offset)
    start = 0
    if allow_front_matter:
        start = _scan_front_matter(result)
    _scan_body(result, start)
    return result


def _scan_front_matter(result: Scan) -> int:
    span = front_matter_span(result.lines)
    if span is None:
        if front_matter_unclosed(result.lines):
            result.problems.append(
                Problem(
                    result.lineno(0),
                    "front-matter-unclosed",
                    "front matter opened with '---' is never closed: read as a horizontal rule",
                )
            )
        return 0
    result.front_matter = span
    for i in range(span[1] + 1):
        result.kinds[i] = FRONT
    return span[1] + 1


def _scan_body(result: Scan, start: int) -> None:
    lines, kinds = result.lines, result.kinds
    fence: Fence | None = None
    fence_char, fence_len = "", 0
    in_comment = False
    previous_paragraph = False
    for index in range(start, len(lines)):
        line = lines[index]
        if fence is not None:
            kinds[index] = CODE
            if closes_fence(line, fence_char, fence_len):
                fence.end, fence.closed = index, True
                fence = None
            continue
        if in_comment:
            kinds[index] = COMMENT
            in_comment = "-->" not in line
            continue
        stripped = line.lstrip()
        if not stripped:
            previous_paragraph = False
            continue
        first = stripped[0]
        if ("```" in line or "~~~" in line) and (opened := open_fence(line)):
            fence_char, fence_len, info = opened
            fence = Fence(index, len(lines) - 1, info, False)
            result.fences.append(fence)
            kinds[index] = CODE
            previous_paragraph = False
            continue
        if first == "<" and stripped.startswith("<!--"):
            if "-->" not in stripped:
                in_comment = True
                kinds[index] = COMMENT
                continue
            if stripped.rstrip().endswith("-->") and stripped.count("<!--") == 1:
                kinds[index] = COMMENT
                continue
        if first == "#":
            match = ATX.match(line)
            if match:
                result.headings.append(Heading(index, len(match.group(1)), atx_text(match.group(2))))
                previous_paragraph = False
                continue
        if (first in "=-") and previous_paragraph and SETEXT.match(line):
            title_index = index - 1
            if not _KEY_VALUE_LINE.match(lines[title_index]):
                level = 1 if first == "=" else 2
                result.headings.append(Heading(title_index, level, lines[title_index].strip()))
                kinds[index] = UNDERLINE
                previous_paragraph = False
                continue
        if first in "*_" and not previous_paragraph and (label := _BOLD_LABEL.match(line)):
            result.labels.append(Heading(index, 0, label.group(2).strip()))
        previous_paragraph = first not in "|>-*+" and not (first.isdigit() and _is_ordered_item(stripped))
    if fence is not None:
        result.problems.append(
            Problem(
                result.lineno(fence.start),
                "fence-unclosed",
                "code fence is never closed: the rest of the file is read as code",
            )
        )
    if in_comment:
        result.problems.append(
            Problem(result.lineno(len(lines) - 1), "comment-unclosed", "HTML comment is never closed")
        )


def _is_ordered_item(stripped: str) -> bool:
    head = stripped[:11]
    for position, char in enumerate(head):
        if not char.isdigit():
            return position > 0 and char in ".)" and stripped[position + 1 : position + 2] in (" ", "\t", "")
    return False


def embedded_markdown_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """Return (first, last) content line indexes of ```markdown fences, nesting-aware.

    Guides show whole records inside ```markdown fences, and those records contain fences of
    their own (```python ... ```): an author means the inner bare ``` to close the inner block.
    """
    blocks: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        opened = open_fence(lines[index]) if "`" in lines[index] or "~" in lines[index] else None
        if opened and opened[2].split()[:1] in (["markdown"], ["md"]):
            char, length = opened[0], opened[1]
            depth, cursor = 0, index + 1
            while cursor < len(lines):
                inner = open_fence(lines[cursor]) if char in lines[cursor] else None
                if inner and inner[0] == char:
                    if inner[2]:
                        depth += 1
                    elif depth:
                        depth -= 1
                    elif inner[1] >= length:
                        break
                cursor += 1
            blocks.append((index + 1, cursor - 1))
            index = cursor + 1
            continue
        if opened:  # skip other fences whole
            cursor = index + 1
            while cursor < len(lines):
                if closes_fence(lines[cursor], opened[0], opened[1]):
                    break
                cursor += 1
            index = cursor + 1
            continue
        index += 1
    return blocks


def without_comments(pairs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Text lines with their inline `<!-- ... -->` spans blanked (columns kept), as CommonMark reads them.

    The scan marks comments that start a line; a comment after text (`- [x](y.md) <!-- e.g. [z](z.md) -->`),
    or one opened after text and closed on a later line of the same paragraph, is blanked here.
    An opener never closed in its paragraph is literal text.
    """
    if not any("<!--" in line for _, line in pairs):
        return pairs
    closes_later = _closes_later(pairs)
    blanked: list[tuple[int, str]] = []
    open_comment = False
    for position, (number, line) in enumerate(pairs):
        if not line.strip() or (position and pairs[position - 1][0] != number - 1):
            open_comment = False  # a blank line or a gap (code, a comment line) ends the paragraph
        line, open_comment = _blank_line(line, open_comment, closes_later[position])
        blanked.append((number, line))
    return blanked


def _closes_later(pairs: list[tuple[int, str]]) -> list[bool]:
    """For each line, whether a later line of its paragraph holds a `-->` (one backward pass)."""
    later = [False] * len(pairs)
    seen = False
    for position in range(len(pairs) - 1, -1, -1):
        number, line = pairs[position]
        if position + 1 < len(pairs) and pairs[position + 1][0] != number + 1:
            seen = False
        if not line.strip():
            seen = False
            continue
        later[position] = seen
        seen = seen or "-->" in line
    return later


def _blank_line(line: str, open_comment: bool, closes_later: bool) -> tuple[str, bool]:
    """The line with its comment spans blanked, and whether a comment is still open at its end."""
    if not open_comment and "<!--" not in line:
        return line, False
    parts: list[str] = []
    position = 0
    if open_comment:
        end = line.find("-->")
        if end < 0:
            return " " * len(line), True
        parts.append(" " * (end + 3))
        position = end + 3
    while (start := line.find("<!--", position)) >= 0:
        end = line.find("-->", start + 4)
        if end < 0 and not closes_later:
            break  # never closed: literal text
        parts.append(line[position:start])
        if end < 0:
            parts.append(" " * (len(line) - start))
            return "".join(parts), True
        parts.append(" " * (end + 3 - start))
        position = end + 3
    parts.append(line[position:])
    return "".join(parts), False
