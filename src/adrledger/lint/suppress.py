"""Inline suppression: `<!-- adr-lint: disable=ADR601 -->` in a record silences codes there.

`disable=CODES` covers the whole record, `disable-next-line=CODES` the next non-blank line;
without `=CODES` every code is silenced. Codes may be prefixes (`ADR6`) or rule names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Record
from .context import Source
from .diagnostics import _reduce

# A directive ends at the first ">" after its verb (nothing it may hold is a "<" or a ">"), so each is
# scanned once; what lies between is read by _codes(), not by a lazy run of codes before "\s*-->" (which
# cost the square of the spaces in a long unclosed comment).
_DIRECTIVE = re.compile(r"<!--\s*adr-lint:\s*(?P<verb>disable-next-line|disable)(?P<rest>[^<>]*)>", re.IGNORECASE)
_CODES = re.compile(r"[\w\s,-]+")


@dataclass(frozen=True, slots=True)
class Suppression:
    __reduce__ = _reduce

    first: int
    last: int
    codes: tuple[str, ...]  # empty: every code

    def covers(self, code: str, name: str, line: int) -> bool:
        if not self.first <= line <= self.last:
            return False
        return not self.codes or any(code.startswith(c) or name == c.lower() for c in self.codes)


def suppressions(source: Source, record: Record) -> tuple[Suppression, ...]:
    """The suppression comments of one record."""
    text = source.record_text(record)
    if "adr-lint" not in text:
        return ()
    found = []
    for offset, line in enumerate(text.split("\n")):
        for verb, codes in directives(line):
            if verb == "disable":
                found.append(Suppression(record.start_line, record.end_line, codes))
            else:
                target = _next_content_line(source, record.start_line + offset, record.end_line)
                found.append(Suppression(target, target, codes))
    return tuple(found)


def directives(line: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """The directives of a line: verb (lower case) and the codes it lists (none: every code)."""
    for match in _DIRECTIVE.finditer(line):
        codes = _codes(match.group("rest"))
        if codes is not None:
            yield match.group("verb").lower(), codes


def _codes(rest: str) -> tuple[str, ...] | None:
    """The codes between a directive's verb and its closing ">" (None: not a directive).

    Reads what `\\s*(?:=\\s*(?P<codes>[\\w\\s,-]+?))?\\s*-->` read: spaces, or "=" and codes, then "--".
    """
    if not rest.endswith("--"):
        return None
    inner = rest[:-2].lstrip()
    if not inner:
        return ()
    listed = inner[1:]
    if not inner.startswith("=") or not _CODES.fullmatch(listed):
        return None
    return tuple(code.upper() for code in re.split(r"[\s,]+", listed) if code)


def _next_content_line(source: Source, line: int, last: int) -> int:
    for number in range(line + 1, last + 1):
        if source.line(number).strip():
            return number
    return line
