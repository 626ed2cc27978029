"""Finding a record's file from what a user types: a number, "ADR-7", or part of a file name.

Only file names are read, never records, so lookups stay instant in logs of thousands of records.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import UsageError
from ..files.logfiles import is_utf8_name
from . import DecisionLog


def find_record_file(log: DecisionLog, reference: str) -> Path:
    """A record's file from a number ("7", "0007", "ADR-7") or a part of its file name."""
    text = reference.strip()
    match = re.fullmatch(r"(?:adr[-_ ]?)?0*(\d+)", text, re.IGNORECASE)
    if match:
        found = [log.root / name for number, name in _named(log) if number == int(match.group(1))]
        if len(found) > 1:
            names = ", ".join(sorted(path.name for path in found))
            raise UsageError(
                f"{len(found)} records have the number {match.group(1)} ({names}): name the file, "
                f"or give one of them a new number with adr renumber"
            )
        if found:
            return found[0]
    direct = Path(text)
    if text.endswith((".md", ".markdown")) and direct.is_file():
        return direct.resolve()
    for path in log.files():
        if text and text in f"{log.config.dir_display}/{log.relative(path)}":
            return path
    raise UsageError(f"no record matches '{reference}' in {log.config.dir_display}")


def file_for_number(log: DecisionLog, number: int) -> Path | None:
    found = [log.root / name for n, name in _named(log) if n == number]
    return found[0] if len(found) == 1 else None


def _named(log: DecisionLog) -> list[tuple[int, str]]:
    """The numbered files whose names are valid UTF-8: the others are skipped (and reported) by the listing."""
    return [(number, name) for number, name in log.numbered_names() if is_utf8_name(name)]


def is_draft(path: Path) -> bool:
    return re.match(r"(?:x{3,}|n{3,}|draft)(?=[-_ .]|$)", path.name, re.IGNORECASE) is not None
