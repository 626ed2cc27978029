"""Versions already parsed: the log's own records stand for every blob equal to a file on disk.

In most logs nearly every committed version of a record is also what the working tree holds,
and the log has just parsed those files to list or lint them. Parsing each blob again from git
would double the cost of a cold run; hashing the file as git does tells whether the bytes are
the same, and the record's content digest proves it was parsed from exactly those bytes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from ..log import content_key, read_record_file
from ..model import Record
from .versions import VersionInfo, version_of


def git_blob_id(data: bytes, length: int) -> str:
    """The id git gives a blob of these bytes (SHA-1, or SHA-256 in a repository that uses it)."""
    hasher = hashlib.sha256() if length == 64 else hashlib.sha1(usedforsecurity=False)
    hasher.update(b"blob %d\0" % len(data))
    hasher.update(data)
    return hasher.hexdigest()


class WorkingCopies:
    """The log's parsed records by file, to answer for the versions that equal the working tree."""

    def __init__(self, root: Path, records: Sequence[Record]):
        self.root = str(root)
        self.by_path: dict[str, list[Record]] = {}
        for record in records:
            if record.digest:
                self.by_path.setdefault(record.path, []).append(record)

    def info(self, blob: str, path: str) -> VersionInfo | None:
        """The version's facts when the file at `path` holds exactly this blob, else None."""
        records = self.by_path.get(path)
        if not records:
            return None
        data = read_record_file(os.path.join(self.root, path), self.root)
        if data is None or git_blob_id(data, len(blob)) != blob:
            return None
        if any(record.digest != content_key(path, data, record.package) for record in records):
            return None  # changed since the log read it
        return version_of(records, data)
