"""Inline suppression: `<!-- adr-lint: disable=ADR601 -->` in a record silences codes there.

`disable=CODES` covers the whole record, `disable-next-line=CODES` the next non-blank line;
without `=CODES` every code is silenced. Codes may be prefixes (`ADR6`) or rule names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Record
from .context import Source
from .diagnostics import _reduce

_DIRECTIVE = re.compile(
    r"<!--\s*adr-lint:\s*(?P<verb>disable-next-line|disable)\s*(?:=\s*(?P<codes>[\w\s,-]+?))?\s*-->", re.IGNORECASE)


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
        for match in _DIRECTIVE.finditer(line):
            number = record.start_line + offset
            codes = tuple(c.strip().upper() for c in re.split(r"[\s,]+", match.group("codes") or "") if c.strip())
            if match.group("verb").lower() == "disable":
                found.append(Suppression(record.start_line, record.end_line, codes))
            else:
                target = _next_content_line(source, number, record.end_line)
                found.append(Suppression(target, target, codes))
    return tuple(found)


def _next_content_line(source: Source, line: int, last: int) -> int:
    for number in range(line + 1, last + 1):
        if source.line(number).strip():
            return number
    return line
