"""Reading record files whatever their encoding, and writing files so that none is ever half-written."""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:  # the model is imported when text is decoded, not by every write or lock
    from ..model import Problem

# Files above this size are not parsed: a decision record is one or two pages (the seeds are 5-11 kB).
# 1 MiB keeps the worst file within a few hundred MB however it is shaped (a million headings...).
MAX_FILE_BYTES = 1024 * 1024
BINARY_SNIFF_BYTES = 8192

# UTF-8 read as Windows-1252 leaves these pairs behind ("â€”" for an em dash, "Ã©" for é).
_MOJIBAKE = re.compile(
    "[ÂÃâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


@dataclass(slots=True)
class DecodedText:
    """The text of a file with its line endings normalised to \\n, and how it was stored."""

    text: str
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    binary: bool = False
    problems: list[Problem] = field(default_factory=list)


def _problem(line: int, code: str, message: str, severity: str) -> Problem:
    # lazy: keeps model off this module's import
    from ..model import Problem

    return Problem(line, code, message, severity)


def decode(data: bytes) -> DecodedText:
    """Decode record bytes: BOMs, UTF-16, invalid UTF-8 and mojibake never stop the reader."""
    if data.startswith(codecs.BOM_UTF8):
        result = _decode_utf8(data[3:])
        result.bom = True
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        result = _decode_utf16(data)
    elif b"\x00" in data[:BINARY_SNIFF_BYTES]:
        return DecodedText(
            "",
            encoding="binary",
            binary=True,
            problems=[_problem(0, "binary", "binary file: not a Markdown record", "error")],
        )
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
        problem = _problem(line, "encoding", "not valid UTF-8: read as Windows-1252", "warning")
        return DecodedText(text, encoding="cp1252", problems=[problem])


def _decode_utf16(data: bytes) -> DecodedText:
    # The byte order is remembered: a big-endian file must be written back big-endian.
    encoding = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
    text = data[2:].decode(encoding, errors="replace")
    problem = _problem(0, "encoding", "stored as UTF-16: adrledger reads it, but Markdown tools expect UTF-8", "info")
    return DecodedText(text, encoding=encoding, bom=True, problems=[problem])


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
                problems.append(
                    _problem(
                        index + 1,
                        "mojibake",
                        "text was UTF-8 read as Windows-1252 (mojibake); read it repaired",
                        "warning",
                    )
                )
    return "\n".join(lines)


def _outside_code(line: str, fix: Callable[[str], str]) -> str:
    """Apply `fix` to the parts of a line outside `inline code`: code may show mojibake on purpose."""
    if "`" not in line:
        return fix(line)
    parts = line.split("`")
    return "`".join(fix(part) if index % 2 == 0 else part for index, part in enumerate(parts))


class FileRefused(OSError):
    """A record file that is not read: unreadable, not a regular file, too large, or outside the log.

    An OSError, so every reader that already copes with an unreadable file copes with these too.
    """

    def __init__(self, code: str, message: str, path: str | Path, number: int = errno.EACCES):
        super().__init__(number, message, str(path))
        self.code = code
        self.message = message


def read_record_bytes(path: str | Path, root: str | Path | None = None) -> bytes:
    """Read a record file (see open_record); FileRefused says why it was not read."""
    with open_record(path, root) as handle:
        try:
            return read_bounded(handle)
        except OSError as err:
            raise refusal(err, path) from err


def open_record(path: str | Path, root: str | Path | None = None) -> BinaryIO:
    """Open a record file without following a link out of `root` or blocking on a pipe or device."""
    fd = _open_child(path, root) if root is not None else None
    if fd is None:
        fd = _open_checked(path, root)
    try:
        info = os.fstat(fd)
        _require_regular(info, path)  # the entry may have been swapped for a pipe since stat()
        if info.st_size > MAX_FILE_BYTES:
            raise FileRefused(
                "too-large",
                f"file is {info.st_size / 2**20:.1f} MB, larger than any record "
                f"({MAX_FILE_BYTES // 2**20} MB at most): not read",
                path,
            )
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def _open_checked(path: str | Path, root: str | Path | None) -> int:
    if root is not None and not _inside(path, root):
        raise FileRefused("outside-log", "symbolic link leads outside the decision log: not read", path)
    try:
        _require_regular(os.stat(path), path)
        return os.open(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC)
    except OSError as err:
        raise refusal(err, path) from err


def _open_child(path: str | Path, root: str | Path) -> int | None:
    """A file named directly in `root`, opened without following a link (None: take the long way).

    It is inside the log whatever `root` itself resolves to, so no realpath() of every
    component is needed: the common case of a flat log folder costs two system calls.
    """
    name, folder = os.fspath(path), os.fspath(root).rstrip(os.sep)
    if not _NOFOLLOW or os.path.dirname(name) != folder:
        return None
    try:
        if not stat.S_ISREG(os.lstat(name).st_mode):
            return None  # a link, a pipe, a device: the checked path explains the refusal
        return os.open(name, os.O_RDONLY | _NONBLOCK | _CLOEXEC | _NOFOLLOW)
    except OSError:
        return None  # swapped for a link meanwhile (ELOOP), vanished, unreadable: the checked path says


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _inside(path: str | Path, root: str | Path) -> bool:
    real, real_root = os.path.realpath(path), os.path.realpath(root)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _require_regular(info: os.stat_result, path: str | Path) -> None:
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
        raise FileRefused("not-a-file", f"{kind}, not a regular file: skipped", path)


def read_own_file(path: str | Path, limit: int) -> bytes:
    """Read a file adrledger writes for itself (the journal): never through a link, never a pipe or a
    device, at most `limit` bytes. It lives in the log folder, so a pull request can plant anything there."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise FileRefused("not-a-file", "a symbolic link, not a regular file: not read", path) from err
        raise refusal(err, path) from err
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        _require_regular(info, path)
        data = handle.read(limit + 1) if info.st_size <= limit else b""
        if info.st_size > limit or len(data) > limit:
            raise FileRefused("too-large", f"larger than {limit // 2**20} MB: not read", path)
        return data


def refusal(err: OSError, path: str | Path) -> FileRefused:
    """The one-line reason an OSError gives for not reading a record file."""
    if isinstance(err, FileRefused):
        return err
    if err.errno == errno.ENOENT and os.path.islink(path):
        return FileRefused("unreadable", "symbolic link leads to a missing file", path, err.errno)
    if err.errno == errno.ENOENT:
        return FileRefused(
            "unreadable", "file vanished before it could be read (deleted or renamed meanwhile)", path, err.errno
        )
    return FileRefused("unreadable", f"cannot read file: {err.strerror or err}", path, err.errno or errno.EIO)


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


UTF16_BOMS = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


def bom_of(decoded: DecodedText) -> bytes:
    """The byte-order mark the decoded file began with (b"" without one)."""
    if not decoded.bom:
        return b""
    return UTF16_BOMS.get(decoded.encoding, codecs.BOM_UTF8)


def encode_like(text: str, original: DecodedText) -> bytes:
    """Encode `text` (with \\n line ends) the way `original` was stored."""
    if original.newline != "\n":
        text = text.replace("\n", original.newline)
    if original.encoding in UTF16_BOMS:
        return UTF16_BOMS[original.encoding] + text.encode(original.encoding)
    data = text.encode("cp1252" if original.encoding == "cp1252" else "utf-8", errors="replace")
    return codecs.BOM_UTF8 + data if original.bom else data


# Every temporary file adrledger creates is hidden and ends so (".NAME.RANDOM[.kind].adrtmp"): one line,
# `.*.adrtmp`, in .gitignore keeps `git add -A` from committing what a killed command left behind.
TEMP_SUFFIX = ".adrtmp"
_LEGACY_SUFFIXES = (".adrtx", ".adrnew")  # what earlier versions named them
STALE_SECONDS = 600  # a temporary this old belongs to no live command


def is_temporary_name(name: str) -> bool:
    return name.startswith(".") and name.endswith((TEMP_SUFFIX, *_LEGACY_SUFFIXES))


def sweep_temporaries(folder: Path, older_than: float = STALE_SECONDS) -> int:
    """Remove our temporaries in `folder` older than `older_than` seconds (without a lock, a younger one
    may belong to a command writing right now); the number removed."""
    limit = time.time() - older_than
    removed = 0
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if is_temporary_name(entry.name):
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < limit:
                        os.unlink(entry.path)
                        removed += 1
    return removed


def temporary_beside(path: Path, suffix: str) -> tuple[int, str]:
    """Create a hidden temporary file in `path`'s folder; an error names `path`, not the temporary."""
    try:
        return tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    except OSError as err:
        raise OSError(err.errno, err.strerror, str(path)) from err


@contextlib.contextmanager
def naming(path: Path | str) -> Iterator[None]:
    """Let an OSError that names no file (a full disk: write() raises ENOSPC without a name) name `path`,
    the file being written, so the one-line error says which."""
    try:
        yield
    except OSError as err:
        if err.filename is None and not isinstance(err, FileRefused):
            raise OSError(err.errno, err.strerror or str(err), str(path)) from err
        raise


def write_synced(fd: int, data: bytes) -> None:
    """Write all of `data` to the open file `fd`, sync it to disk, and close it."""
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def atomic_write(path: Path, data: bytes | str) -> None:
    """Replace `path` with `data` so readers see the old file or the new one, never a mix."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_writer(path) as handle:
        handle.write(payload)


@contextlib.contextmanager
def atomic_writer(path: Path, point: str | None = "atomic-write") -> Iterator[BinaryIO]:
    """A binary file that replaces `path` when the block ends without an error (as atomic_write
    does), for writers that produce their bytes in pieces rather than all at once. `point` names the
    crash-test point before the rename (None for files that are not the log's, such as the cache)."""
    path = Path(path)
    fd, tmp = temporary_beside(path, TEMP_SUFFIX)
    try:
        with naming(path), os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode_for(path))
        if point:
            crash_point(point)
        with naming(path):
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


# Fault injection for the crash tests: the process exits at the named write point, as if killed.
FAULT_ENV = "ADRLEDGER_FAULT"
DELAY_ENV = "ADRLEDGER_FAULT_DELAY"
TRACE_ENV = "ADRLEDGER_FAULT_TRACE"  # a file that collects the points a run passes, one per line


def crash_point(point: str) -> None:
    """Crash-test hook: exit at once (no clean-up, like SIGKILL) when ADRLEDGER_FAULT names `point`."""
    trace = os.environ.get(TRACE_ENV)
    if trace:
        with open(trace, "a", encoding="utf-8") as handle:
            handle.write(point + "\n")
    delay = os.environ.get(DELAY_ENV)
    if delay:
        time.sleep(float(delay))
    if os.environ.get(FAULT_ENV) == point:
        os._exit(137)


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
