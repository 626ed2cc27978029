"""What the site reads besides the model: each record's Markdown body, its file digest, local media."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from ...model import Record
from ...textio import MAX_FILE_BYTES, decode

IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp", ".ico"}
MAX_IMAGE_BYTES = 20 * 1024 * 1024
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Source:
    """A record file's bytes digest and the Markdown this record's page renders."""

    digest: str
    body: str


def read_sources(root: Path, records: list[Record]) -> dict[str, Source]:
    """Read each record file once (records sharing a file share the read); key: record id."""
    texts: dict[str, tuple[str, list[str]]] = {}
    found: dict[str, Source] = {}
    for record in records:
        if record.path not in texts:
            texts[record.path] = _read(root / record.path)
        file_digest, lines = texts[record.path]
        found[record.id] = Source(file_digest, record_body(record, lines))
    return found


def _read(path: Path) -> tuple[str, list[str]]:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return "unreadable", []
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    if len(data) > MAX_FILE_BYTES:
        return digest, []
    decoded = decode(data)
    return digest, decoded.text.split("\n")


def record_body(record: Record, lines: list[str]) -> str:
    """The record's own lines without front matter and without the title heading (shown apart)."""
    start, end = max(record.start_line, 1) - 1, max(record.end_line, record.start_line)
    part = lines[start:end]
    offset = start
    if record.front_matter and part and part[0].strip() == "---":
        closing = next((i for i in range(1, len(part)) if part[i].strip() in ("---", "...")), None)
        if closing is not None:
            part, offset = part[closing + 1:], offset + closing + 1
    title_index = record.title_line - 1 - offset
    if 0 <= title_index < len(part) and part[title_index].lstrip().startswith("# "):
        part = part[:title_index] + part[title_index + 1:]
    return "\n".join(part).strip("\n") + "\n"


def media_root(log_root: Path) -> Path:
    """Images may live beside the log in its repository (docs/images); nothing above that."""
    for folder in (log_root, *log_root.parents):
        if (folder / ".git").exists():
            return folder
    return log_root


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


def file_digest(path: Path) -> str | None:
    try:
        if path.stat().st_size > MAX_IMAGE_BYTES:
            return None
        return hashlib.blake2b(path.read_bytes(), digest_size=12).hexdigest()
    except OSError:
        return None
