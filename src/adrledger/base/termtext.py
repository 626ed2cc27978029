"""Text made safe to print: a file name or a record's words must not break a line or drive the terminal."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """Escape control characters (a newline in a file name, a terminal escape) so a message stays one line."""
    return _CONTROL.sub(lambda m: repr(m.group(0))[1:-1], text)


def one_per_line(items: list[str]) -> str:
    """The items one per line, each escaped to one line (one pass when, as usual, none needs it)."""
    joined = "\n".join(items)
    if joined.count("\n") == len(items) - 1 and not _CONTROL_BUT_NEWLINE.search(joined):
        return joined
    return "\n".join(one_line(item) for item in items)


def plural(count: int, noun: str, many: str | None = None) -> str:
    """ "1 record", "6 risks": a count with its noun in the right number (never "record(s)")."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"


_CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """Escape control characters but line breaks and tabs: record text must not drive the terminal."""
    return _CONTROL.sub(lambda m: m.group(0) if m.group(0) in "\n\t" else repr(m.group(0))[1:-1], text)


def without_controls(text: str) -> str:
    """The text minus its control characters but line breaks and tabs: for files adrledger writes."""
    return _CONTROL.sub(lambda m: m.group(0) if m.group(0) in "\n\t" else "", text)


def clipped(text: str, limit: int, mark: str = "…") -> str:
    """The text, or its first characters and `mark` when it is longer than `limit`: one readable line."""
    return text if len(text) <= limit else text[: limit - len(mark)] + mark
