"""Every record file is a record of its own: its key for site pages, graph nodes, index rows and search.

A log may share numbers between files (two branches each added "the next" record, and the log
chose not to renumber) or have none at all (date-named files). Keys stay stable and readable:
the zero-padded number when it is the record's alone, the number and the file's slug when the
number is shared, the file's stem when there is no number (PRODUCT.md's contract keys such
records by slug). A relation is resolved to the file it names when it links one, else to the
one record carrying the number (the one whose title it quotes, when the number is shared).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote

from ..files.filenames import read_name
from ..model import Record, Relation

FileKey = tuple[str, str, int]  # (package, path, ordinal): what tells two records apart


def file_key(record: Record) -> FileKey:
    return record.package, record.path, record.ordinal


@dataclass
class Identities:
    """The keys of one set of records (a log, or a workspace of logs) and the lookups relations need."""

    records: Sequence[Record]
    keys: dict[FileKey, str] = field(default_factory=dict)
    by_key: dict[str, Record] = field(default_factory=dict)
    by_number: dict[tuple[str, int], list[Record]] = field(default_factory=dict)
    by_path: dict[tuple[str, str], Record] = field(default_factory=dict)

    @classmethod
    def of(cls, records: Sequence[Record]) -> Identities:
        found = cls(records)
        for record in records:
            if record.number is not None:
                found.by_number.setdefault((record.package, record.number), []).append(record)
            found.by_path.setdefault((record.package, record.path), record)
        for record in records:
            key = found._unused(_key(record, found._shared(record)), record)
            found.keys[file_key(record)] = key
            found.by_key[key] = record
        return found

    def key(self, record: Record) -> str:
        return self.keys[file_key(record)]

    def _shared(self, record: Record) -> bool:
        return record.number is not None and len(self.by_number[(record.package, record.number)]) > 1

    def _unused(self, key: str, record: Record) -> str:
        """`key`, or (two files with one stem in different folders) the file's path without its suffix."""
        if key not in self.by_key:
            return key
        base = record.path.rsplit(".", 1)[0] + (f"#{record.ordinal}" if record.ordinal else "")
        candidate = f"{record.package}/{base}" if record.package else base
        while candidate in self.by_key:
            candidate += "~"
        return candidate

    def target_of(self, record: Record, relation: Relation) -> Record | None:
        """The record a relation of `record` names: the file it links, else the record with its number."""
        if relation.target:
            linked = self._linked(record, relation.target)
            if linked is not None:
                return linked
        if relation.number is None:
            return None
        candidates = self.by_number.get((record.package, relation.number), [])
        if len(candidates) == 1:
            return candidates[0]
        if relation.title:
            quoted = [other for other in candidates if other.title and _same_title(relation.title, other.title)]
            if len(quoted) == 1:
                return quoted[0]
        return None  # a shared number names no record by itself

    def _linked(self, record: Record, target: str) -> Record | None:
        path = target.split("#", 1)[0].split("?", 1)[0].strip()
        if not path or "://" in path or path.startswith(("/", "mailto:")):
            return None
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(record.path), unquote(path)))
        return self.by_path.get((record.package, joined))


def _same_title(quoted: str, title: str) -> bool:
    """A quoted title names this record: the same words, or all the words of the shorter one."""
    a, b = set(_WORD.findall(quoted.lower())), set(_WORD.findall(title.lower()))
    return bool(a and b) and (a <= b or b <= a)


_WORD = re.compile(r"[a-z0-9]+")


def _key(record: Record, shared: bool) -> str:
    if record.number is None:
        base = record.slug
    elif shared:
        name = read_name(record.path)
        base = f"{record.number:04d}-{name.slug or name.stem}"
    else:
        base = f"{record.number:04d}"
    if record.ordinal:
        base = f"{base}#{record.ordinal}"
    return f"{record.package}/{base}" if record.package else base
