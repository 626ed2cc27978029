"""What the index holds for a record: weighted fields, and passages with their line numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Record
from ..parse.lexer import item_text, list_item
from ..parse.tables import strip_inline
from .index import MAX_PASSAGES

# Sections whose words weigh more than the rest of the body.
LEAD_KEYS = frozenset({"context", "decision", "summary"})
MAX_PASSAGE = 2000  # characters: a long paragraph is cut into passages of this size
_RULE = re.compile(r"\s*(?:[-*_=]\s*){3,}$")
_SPACES = re.compile(r"\s*")


@dataclass(frozen=True)
class Passage:
    line: int
    heading: str
    text: str


@dataclass(frozen=True)
class IndexedRecord:
    """One record as the search index stores it."""

    rid: str
    number: int | None
    package: str
    path: str
    title: str
    status: str
    date: str | None
    title_line: int
    lead: str
    body: str
    passages: tuple[Passage, ...]


def indexed(record: Record, lines: list[str]) -> IndexedRecord:
    """Fields and passages of `record`, whose text is lines[record.start_line - 1: record.end_line]."""
    lead_lines = _lines_in(record, LEAD_KEYS)
    passages = list(_passages(record, lines))[:MAX_PASSAGES]
    lead = " ".join(p.text for p in passages if p.line in lead_lines)
    body = " ".join(p.text for p in passages if p.line not in lead_lines and p.line != record.title_line)
    if record.tags:
        lead = f"{' '.join(record.tags)} {lead}"
    title = record.title or record.slug
    if not any(p.line == record.title_line for p in passages):
        line = record.title_line or record.start_line
        passages[:0] = [Passage(line, "", piece) for piece in _pieces(title)]
    return IndexedRecord(
        record.id,
        record.number,
        record.package,
        record.path,
        title,
        record.status,
        record.date,
        record.title_line or record.start_line,
        lead,
        body,
        tuple(passages),
    )


def _lines_in(record: Record, keys: frozenset[str]) -> set[int]:
    found: set[int] = set()
    for section in record.sections:
        if section.key in keys:
            found.update(range(section.line + 1, section.end_line + 1))
    return found


def _passages(record: Record, lines: list[str]) -> Iterator[Passage]:
    """Paragraphs, list items and table rows, each with its first line and the heading above it."""
    headings = {s.line: s.title for s in record.sections}
    heading, start = "", 0
    block: list[str] = []
    first = record.start_line
    for number in range(first, min(record.end_line, len(lines)) + 1):
        line = lines[number - 1]
        if number in headings or number == record.title_line:  # the headings the parser read, none in code
            yield from _flush(start, heading, block)
            block = []
            if number == record.title_line:  # in pieces like any text: a title may be a megabyte long
                yield from (Passage(number, "", piece) for piece in _pieces(strip_inline(line.lstrip("# "))))
            heading = headings.get(number, heading)
            continue
        if not line.strip() or _RULE.match(line) or list_item(line) or line.lstrip().startswith("|"):
            yield from _flush(start, heading, block)
            block = []
            if not line.strip() or _RULE.match(line):
                continue
        if not block:
            start = number
        block.append(item_text(line.strip()).strip("|").replace("|", " "))
    yield from _flush(start, heading, block)


def _flush(start: int, heading: str, block: list[str]) -> Iterator[Passage]:
    text = strip_inline(" ".join(block)).strip()
    if text and text != "---":
        for piece in _pieces(text):
            yield Passage(start, heading, piece)


def _pieces(text: str) -> Iterator[str]:
    """The text in pieces of at most MAX_PASSAGE characters, cut at spaces: SQLite's snippet() costs
    grow faster than the passage, and a hostile record may be one paragraph of a megabyte."""
    start = 0
    while len(text) - start > MAX_PASSAGE:  # by position: cutting the rest off each time copies it each time
        cut = text.rfind(" ", start + MAX_PASSAGE // 2, start + MAX_PASSAGE)
        cut = start + MAX_PASSAGE if cut < 0 else cut
        yield text[start:cut]
        spaces = _SPACES.match(text, cut)  # always matches: `\s*` may be empty
        start = spaces.end() if spaces else cut
    if start < len(text):
        yield text[start:]
