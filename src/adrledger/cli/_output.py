"""Everything the CLI prints passes one filter, so record text and git metadata cannot drive the terminal.

Titles, statuses, file names, authors and commit messages reach many outputs (tables, indexes, graphs,
CSV, JSON, lint annotations, diffs, history); escaping each at its call site would miss the next one.
So while a command runs, stdout and stderr escape every control character but tab and newline (C0,
DEL, C1, and the Unicode line separators) as `\\uXXXX`, a form that is also valid inside JSON strings.
The few escape sequences adrledger draws on purpose (search's colours, the progress bar) are written
to the unfiltered stream, after the record text inside them was escaped (termtext.printable).
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator
from typing import IO, Any

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")


def escape_controls(text: str) -> str:
    """`text` with its control characters written as \\uXXXX (one search when, as usual, there is none)."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def escape_control_bytes(data: bytes) -> bytes:
    if _CONTROL_BYTES.search(data) is None:
        return data
    return _CONTROL_BYTES.sub(lambda m: b"\\u%04x" % ord(m.group(0).decode("utf-8")), data)


class _EscapingBytes:
    """A binary stream (a text stream's .buffer) that escapes control bytes, for commands that write bytes."""

    def __init__(self, stream: IO[bytes]):
        self.unfiltered = stream

    def write(self, data: bytes) -> int:
        self.unfiltered.write(escape_control_bytes(bytes(data)))
        return len(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.unfiltered, name)


class EscapingWriter:
    """A text stream that escapes control characters before they reach the real one."""

    def __init__(self, stream: IO[str]):
        self.unfiltered = stream
        buffer = getattr(stream, "buffer", None)
        self.buffer = _EscapingBytes(buffer) if buffer is not None else None

    def write(self, text: str) -> int:
        self.unfiltered.write(escape_controls(text))
        return len(text)

    def writelines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno, encoding, errors...
        return getattr(self.unfiltered, name)


def unfiltered(stream: Any) -> Any:
    """The real stream under an EscapingWriter, for text that is already escaped and styled on purpose."""
    return getattr(stream, "unfiltered", stream)


@contextlib.contextmanager
def escaped_output() -> Iterator[None]:
    """Filter stdout and stderr for the duration of a command."""
    saved = sys.stdout, sys.stderr
    if sys.stdout is not None:
        sys.stdout = EscapingWriter(sys.stdout)
    if sys.stderr is not None:
        sys.stderr = EscapingWriter(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
