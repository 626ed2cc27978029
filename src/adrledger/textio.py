"""Reading record files whatever their encoding, and writing files so that none is ever half-written."""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .model import Problem

# Files above this size are not parsed: a decision record is one or two pages.
MAX_FILE_BYTES = 8 * 1024 * 1024
BINARY_SNIFF_BYTES = 8192

# UTF-8 read as Windows-1252 leaves these pairs behind ("â€”" for an em dash, "Ã©" for é).
_MOJIBAKE = re.compile(
    "[ÂÃâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")


@dataclass(slots=True)
class DecodedText:
    """The text of a file with its line endings normalised to \\n, and how it was stored."""

    text: str
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    binary: bool = False
    problems: list[Problem] = field(default_factory=list)


def decode(data: bytes) -> DecodedText:
    """Decode record bytes: BOMs, UTF-16, invalid UTF-8 and mojibake never stop the reader."""
    if data.startswith(codecs.BOM_UTF8):
        result = _decode_utf8(data[3:])
        result.bom = True
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        result = _decode_utf16(data)
    elif b"\x00" in data[:BINARY_SNIFF_BYTES]:
        return DecodedText("", encoding="binary", binary=True,
                           problems=[Problem(0, "binary", "binary file: not a Markdown record", "error")])
    else:
        result = _decode_utf8(data)
    result.newline = _dominant_newline(result.text)
    if "\r" in result.text:
        result.text = result.text.replace("\r\n", "\n").replace("\r", "\n")
    if _may_be_mojibake(result.text) and _MOJIBAKE.search(result.text):
        result.text = _repair_mojibake(result.text, result.problems)
    return result


def _may_be_mojibake(text: str) -> bool:
    """Every mojibake pair starts with one of three letters: str.find is far cheaper than the pattern."""
    return "Ã" in text or "â" in text or "Â" in text


def _decode_utf8(data: bytes) -> DecodedText:
    try:
        return DecodedText(data.decode("utf-8"))
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        # Legacy Windows editors are the usual source; cp1252 maps nearly every byte sensibly.
        text = data.decode("cp1252", errors="replace")
        problem = Problem(line, "encoding", "not valid UTF-8: read as Windows-1252", "warning")
        return DecodedText(text, encoding="cp1252", problems=[problem])


def _decode_utf16(data: bytes) -> DecodedText:
    text = data.decode("utf-16", errors="replace")
    problem = Problem(0, "encoding", "stored as UTF-16: adrledger reads it, but Markdown tools expect UTF-8", "info")
    return DecodedText(text, encoding="utf-16", bom=True, problems=[problem])


def _dominant_newline(text: str) -> str:
    crlf = text.count("\r\n")
    if crlf and crlf >= text.count("\n") - crlf:
        return "\r\n"
    return "\n"


def _repair_mojibake(text: str, problems: list[Problem]) -> str:
    import ftfy  # only files that show mojibake pay for the import

    lines = text.split("\n")
    for index, line in enumerate(lines):
        if _MOJIBAKE.search(line):
            fixed = _outside_code(line, ftfy.fix_encoding)
            if fixed != line and "\n" not in fixed:
                lines[index] = fixed
                problems.append(Problem(index + 1, "mojibake",
                                        "text was UTF-8 read as Windows-1252 (mojibake); read it repaired", "warning"))
    return "\n".join(lines)


def _outside_code(line: str, fix: Callable[[str], str]) -> str:
    """Apply `fix` to the parts of a line outside `inline code`: code may show mojibake on purpose."""
    if "`" not in line:
        return fix(line)
    parts = line.split("`")
    return "`".join(fix(part) if index % 2 == 0 else part for index, part in enumerate(parts))


def read_record_bytes(path: Path) -> bytes:
    """Read a record file, refusing sizes no record has (the caller reports the error)."""
    with open(path, "rb") as handle:
        return read_bounded(handle)


def read_bounded(handle: BinaryIO) -> bytes:
    """Read at most MAX_FILE_BYTES + 1 bytes, in a buffer sized by the file, not by the limit.

    read(MAX_FILE_BYTES + 1) asks malloc for 8 MB, which it serves with mmap and shrinks in
    place: every record then lives in a mapping of its own, and past 65,530 of them (the
    kernel's vm.max_map_count) nothing more can be mapped. Sizing the buffer by fstat() keeps
    records on the heap; reading on past the stated size keeps a growing file's tail.
    """
    try:
        size = os.fstat(handle.fileno()).st_size
    except (OSError, AttributeError, io.UnsupportedOperation):
        size = 0
    if not 0 < size <= MAX_FILE_BYTES:
        return handle.read(MAX_FILE_BYTES + 1)  # pipes, devices and giants: the bound alone
    data = handle.read(size + 1)
    if len(data) <= size:
        return data
    return data + handle.read(MAX_FILE_BYTES + 1 - len(data))


def encode_like(text: str, original: DecodedText) -> bytes:
    """Encode `text` (with \\n line ends) the way `original` was stored."""
    if original.newline != "\n":
        text = text.replace("\n", original.newline)
    if original.encoding == "utf-16":
        return text.encode("utf-16")
    data = text.encode("cp1252" if original.encoding == "cp1252" else "utf-8", errors="replace")
    return codecs.BOM_UTF8 + data if original.bom else data


def atomic_write(path: Path, data: bytes | str) -> None:
    """Replace `path` with `data` so readers see the old file or the new one, never a mix."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_writer(path) as handle:
        handle.write(payload)


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """A binary file that replaces `path` when the block ends without an error (as atomic_write
    does), for writers that produce their bytes in pieces rather than all at once."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def mode_for(path: Path) -> int:
    """The permission bits for a file replacing `path`: its own, or the umask's default for a new one."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def fsync_dir(directory: Path) -> None:
    """Sync a folder so the renames inside it survive a power cut."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def locked_directory(directory: Path) -> Iterator[None]:
    """Hold an exclusive lock on a folder so concurrent writers take turns (POSIX flock)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: callers fall back on O_EXCL creation
        yield
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
