"""Pipe tables: the shape of alternatives, risks, decision matrices, review logs and metadata."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .scanner import Scan

_DELIMITER_CELL = re.compile(r":?-{1,}:?")


@dataclass(slots=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    line: int  # 1-based line of the header row
    row_lines: list[int]

    def column(self, *names: str) -> int | None:
        """Index of the first column whose header starts with one of `names` (case-blind)."""
        lowered = [normalise_header(cell) for cell in self.header]
        for name in names:
            for index, cell in enumerate(lowered):
                if cell == name or cell.startswith(name):
                    return index
        return None


def normalise_header(cell: str) -> str:
    return strip_inline(cell).lower().strip(" :")


def split_row(line: str) -> list[str]:
    """Split a table row on pipes that are not escaped and not inside `code`."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    if "`" not in text and "\\|" not in text:
        return [cell.strip() for cell in text.split("|")]
    cells, current, in_code = [], [], False
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] == "|":
            current.append("|")
            index += 2
            continue
        if char == "`":
            in_code = not in_code
        if char == "|" and not in_code:
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(char)
        index += 1
    cells.append("".join(current).strip())
    return cells


def _is_delimiter(line: str) -> bool:
    cells = split_row(line)
    return (
        bool(cells) and all(_DELIMITER_CELL.fullmatch(cell.replace(" ", "")) for cell in cells if cell) and any(cells)
    )


def find_tables(scan: Scan, start: int, end: int) -> list[Table]:
    """Find the pipe tables between line indexes start and end (inclusive), outside code."""
    lines, tables = scan.lines, []
    index = start
    while index < end:
        line = lines[index]
        if (
            "|" in line
            and scan.is_text(index)
            and index + 1 <= end
            and "-" in lines[index + 1]
            and "|" in lines[index + 1]
            and _is_delimiter(lines[index + 1])
        ):
            header = split_row(line)
            rows, row_lines = [], []
            cursor = index + 2
            while cursor <= end and "|" in lines[cursor] and lines[cursor].strip() and scan.is_text(cursor):
                rows.append(_fit(split_row(lines[cursor]), len(header)))
                row_lines.append(scan.lineno(cursor))
                cursor += 1
            tables.append(Table(header, rows, scan.lineno(index), row_lines))
            index = cursor
            continue
        index += 1
    return tables


def _fit(cells: list[str], width: int) -> list[str]:
    if len(cells) < width:
        return cells + [""] * (width - len(cells))
    return cells[:width] if len(cells) > width and not any(cells[width:]) else cells


# These see any text a record holds, so each is linear. A link or a tag never holds its own opener (a
# "[" in a link's text or target, a "<" in a tag, a "<!--" in a comment): an attempt that fails then ends
# where the next one begins, and a line is scanned a bounded number of times (a line of "[a](" cost
# the square of its length). CommonMark agrees: "[a[b](c)" links "b", not "a[b".
_LINK = re.compile(r"!?\[([^\[\]]*)\]\(([^)\[\s]*)(?:\s+\"[^\"]*\")?\)")
_CODE = re.compile(r"`([^`]*)`")
_TAGS = re.compile(r"<!--(?:(?!<!--|-->).)*-->|</?[a-zA-Z][^<>]{0,200}>")
# Emphasis, read as `(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])` always read it. The
# first two alternatives are linear as they stand (a failing attempt runs to the next marker, and only
# the last markers of a line can fail); the third is found by _strip_emphasis(), not by that regex,
# which ran from every "*" of "*a *b *c..." to the end of the line.
_STRONG = re.compile(r"(\*\*|__)(.+?)\1")
_OPENER = re.compile(r"(?<![\w*])\*(?!\s)")
_CLOSER = re.compile(r"(?<!\s)\*(?![\w*])")


def strip_inline(text: str) -> str:
    """Plain text of a line of Markdown: emphasis, links, code and tags removed, text kept."""
    if "<" in text:
        text = _TAGS.sub("", text)
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    if "*" in text or "__" in text:
        text = "\n".join(map(_strip_emphasis, text.split("\n")))
    return text.strip()


def _strip_emphasis(line: str) -> str:
    """The line with `**a**`, `__a__` and `*a*` replaced by `a`, left to right as one regex would.

    `*a*` starts at an opener and ends at the first closer two or more characters on: it matches
    wherever a closer lies ahead, so no opener is scanned from twice.
    """
    closers = [match.start() for match in _CLOSER.finditer(line)]
    if not closers:
        return _STRONG.sub(r"\2", line)
    pieces: list[str] = []
    pos = 0
    strong, opener = _STRONG.search(line), _OPENER.search(line)
    while True:  # each search below starts at or after the previous one: the line is scanned once
        strong = strong if strong is None or strong.start() >= pos else _STRONG.search(line, pos)
        opener = opener if opener is None or opener.start() >= pos else _OPENER.search(line, pos)
        if opener and opener.start() <= closers[-1] - 2 and (strong is None or opener.start() < strong.start()):
            start = opener.start()
            end = closers[bisect_left(closers, start + 2)]
            pieces += (line[pos:start], line[start + 1 : end])
            pos = end + 1
        elif strong is not None:
            pieces += (line[pos : strong.start()], strong.group(2))
            pos = strong.end()
        else:
            pieces.append(line[pos:])
            return "".join(pieces)
