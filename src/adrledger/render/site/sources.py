"""What the site reads besides the model: each record's Markdown body, its file digest, local media."""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from ...base.textio import MAX_FILE_BYTES, decode, read_record_bytes
from ...model import Record
from ...parse.lexer import heading

IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp", ".ico"}
MAX_IMAGE_BYTES = 20 * 1024 * 1024


class _FileText:
    """One file's lines, read and decoded once for every record it holds (a file of 500 records must not
    be decoded 500 times), and let go once the last of them has its body."""

    __slots__ = ("_data", "_lines", "_path", "_root", "_users")

    def __init__(self, path: Path, root: Path | None, data: bytes | None):
        self._path, self._root, self._data = path, root, data  # root set: not read yet
        self._lines: list[str] | None = None
        self._users = 0

    def take(self) -> list[str]:
        if self._lines is None:
            data = _read(self._path, self._root)[1] if self._root is not None else self._data
            self._lines = [] if data is None or len(data) > MAX_FILE_BYTES else decode(data).text.split("\n")
            self._data = self._root = None
        lines = self._lines
        self._users -= 1
        if self._users <= 0:
            self._lines = None
        return lines


class Source:
    """A record file's digest, and (read and decoded only when a page needs it) the record's Markdown."""

    __slots__ = ("_body", "_file", "_record", "digest")

    def __init__(self, digest: str, file: _FileText, record: Record):
        self.digest = digest
        self._file = file
        file._users += 1
        self._record = record
        self._body: str | None = None

    @property
    def body(self) -> str:
        if self._body is None:
            self._body = record_body(self._record, self._file.take())
        return self._body


def read_sources(root: Path, records: list[Record], key: Callable[[Record], str]) -> dict[str, Source]:
    """Each record's source, by its key (identity.Identities); records sharing a file share one read.

    A record loaded from the log carries the digest of the bytes it was parsed from: that
    digest keys its pages, and the file is read only for a page that is rendered (an
    incremental build of a big log then reads one file, not all of them).
    """
    files: dict[str, tuple[str, _FileText]] = {}
    found: dict[str, Source] = {}
    for record in records:
        if record.path not in files:
            path = root / record.path
            if record.digest:
                files[record.path] = (record.digest, _FileText(path, root, None))
            else:
                file_digest, data = _read(path, root)
                files[record.path] = (file_digest, _FileText(path, None, data))
        file_digest, text = files[record.path]
        found[key(record)] = Source(record.digest or file_digest, text, record)
    return found


def _read(path: Path, root: Path) -> tuple[str, bytes | None]:
    try:  # a link out of the log must not publish what it points at
        data = read_record_bytes(path, root)
    except OSError:
        return "unreadable", None
    return hashlib.blake2b(data, digest_size=16).hexdigest(), data


def record_body(record: Record, lines: list[str]) -> str:
    """The record's own lines without front matter and without the title heading (shown apart)."""
    start, end = max(record.start_line, 1) - 1, max(record.end_line, record.start_line)
    part = lines[start:end]
    offset = start
    if record.front_matter and record.front_matter_lines:  # where the parser closed it
        closing = record.front_matter_lines[1] - 1 - offset
        part, offset = part[closing + 1 :], offset + closing + 1
    title_index = record.title_line - 1 - offset
    if not (0 <= title_index < len(part) and _is_title(part[title_index])):
        # The title may come from a metadata line (hybrid's "Document Name:"): the heading the
        # record opens with is still its title, which the page shows above the text.
        title_index = next((i for i, line in enumerate(part) if line.strip()), -1)
    if 0 <= title_index < len(part) and _is_title(part[title_index]):
        part = part[:title_index] + part[title_index + 1 :]
    return "\n".join(part).strip("\n") + "\n"


def _is_title(line: str) -> bool:
    found = heading(line)
    return found is not None and found[0] == 1


def media_root(log_root: Path) -> Path:
    """Images may live beside the log in its repository (docs/images); nothing above that."""
    for folder in (log_root, *log_root.parents):
        if (folder / ".git").exists():
            return folder
    return log_root


def link_path(target: str, record_path: str) -> str | None:
    """The log-relative path a relative link names, worked out on the text alone (no file access)."""
    path_part = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if not path_part or path_part.startswith("/"):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(record_path), path_part))
    return None if joined.startswith("../") or joined == ".." else joined


def local_file(target: str, record_path: str, log_root: Path, allowed: Path) -> Path | None:
    """The file a relative link in a record points at, if it exists inside `allowed`."""
    path_part = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if not path_part or path_part.startswith("/"):
        return None
    joined = os.path.normpath(log_root / PurePosixPath(record_path).parent / path_part)
    candidate = Path(joined)
    try:
        resolved = candidate.resolve()
    except OSError:
        return None
    if not resolved.is_relative_to(allowed.resolve()) or not resolved.is_file():
        return None
    return resolved


def media_bytes(path: Path) -> bytes | None:
    """A local image's bytes (None when unreadable or larger than any image a record shows)."""
    try:
        if path.stat().st_size > MAX_IMAGE_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def digest_media(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=12).hexdigest()
