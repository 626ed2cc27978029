"""The search index: SQLite FTS5 tables kept in step with the record files (see docs/adr, "search").

The index is never stale: every search first compares each file's size, modification and change
times and inode with what was indexed, and re-reads a file whose metadata differ or whose change
time is too close to the last check to be trusted (git's "racily clean" rule). The change time
(ctime) cannot be set back by any tool, so even a file whose modification time was restored is
seen. A file whose bytes are unchanged is not parsed again; a changed file replaces only its rows.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..base.textio import MAX_FILE_BYTES, decode, read_record_bytes
from ..cache import digest
from ..parser_version import PARSER_VERSION

if TYPE_CHECKING:
    from .text import IndexedRecord

# A warm search reads no record, so the parser is imported only when a file must be indexed.
MAX_PASSAGES = 4000
PARALLEL_THRESHOLD = 400  # as the log does: fewer files are read faster in one process

INDEX_FORMAT = "2"
# A modification time this close to the moment a file was checked cannot prove it unchanged since.
RACY_NS = 2_000_000_000
TOKENIZER = "porter unicode61 remove_diacritics 2"
PASSAGE_SPAN = MAX_PASSAGES + 1  # passages of record r have rowids r*SPAN .. r*SPAN + SPAN-1

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS files(key TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER,
                                 ino INTEGER, digest TEXT, checked_ns INTEGER);
CREATE TABLE IF NOT EXISTS records(id INTEGER PRIMARY KEY, file TEXT, rid TEXT, number INTEGER, package TEXT,
                                   path TEXT, title TEXT, status TEXT, date TEXT, title_line INTEGER);
CREATE INDEX IF NOT EXISTS records_file ON records(file);
CREATE VIRTUAL TABLE IF NOT EXISTS record_text USING fts5(title, lead, body, tokenize='{TOKENIZER}',
                                                          prefix='3 5');
CREATE VIRTUAL TABLE IF NOT EXISTS passages USING fts5(text, heading UNINDEXED, line UNINDEXED,
                                                       tokenize='{TOKENIZER}', prefix='3 5');
"""


class SourceFile(NamedTuple):
    """A record file to index: `package` names its log, `relative` is its path inside the log."""

    package: str
    relative: str
    path: str

    @property
    def key(self) -> str:
        return f"{self.package}\0{self.relative}"


@dataclass(frozen=True)
class SyncStats:
    indexed: int = 0  # files parsed and (re)indexed
    touched: int = 0  # files re-read whose bytes had not changed
    removed: int = 0
    unchanged: int = 0


class SearchIndex:
    """An FTS5 index of records in one SQLite file (or in memory when caching is off)."""

    def __init__(self, location: Path | None):
        self.location = location
        self.db = self._open(location)

    def _open(self, location: Path | None) -> sqlite3.Connection:
        for attempt in range(2 if location is not None else 0):
            assert location is not None
            try:
                location.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                return self._prepare(sqlite3.connect(location, timeout=10, isolation_level=None))
            except sqlite3.DatabaseError:  # a corrupt or foreign file is only a cold cache: start again
                if attempt == 0:
                    with contextlib.suppress(OSError):
                        location.unlink()
            except OSError:
                break
        self.location = None  # an index that cannot be kept on disk is built in memory, every time
        return self._prepare(sqlite3.connect(":memory:", isolation_level=None))

    def _prepare(self, db: sqlite3.Connection) -> sqlite3.Connection:
        db.execute("PRAGMA journal_mode=WAL" if self.location else "PRAGMA journal_mode=MEMORY")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT)")
        version = f"{INDEX_FORMAT}/{PARSER_VERSION}"
        row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        if row is None or row[0] != version:  # another format or parser: start again from nothing
            for table in ("files", "records", "record_text", "passages"):
                db.execute(f"DROP TABLE IF EXISTS {table}")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (version,))
        db.executescript(_SCHEMA)
        return db

    def close(self) -> None:
        self.db.close()

    # ---- keeping the index in step with the files ------------------------------------------

    def sync(self, files: Iterable[SourceFile]) -> SyncStats:
        """Bring the index up to date with `files` (every file of every searched log)."""
        known = {
            row[0]: row
            for row in self.db.execute("SELECT key, size, mtime_ns, ctime_ns, ino, digest, checked_ns FROM files")
        }
        stats = {"indexed": 0, "touched": 0, "removed": 0, "unchanged": 0}
        stale: list[tuple[SourceFile, os.stat_result | None]] = []
        seen: set[str] = set()
        for source in files:  # the hot loop of every search: one stat per file, nothing else
            key = source.key
            seen.add(key)
            try:
                info: os.stat_result | None = os.stat(source.path)
            except OSError:
                info = None
            row = known.get(key)
            if info is not None and row is not None and _trusted(info, row):
                stats["unchanged"] += 1
            else:
                stale.append((source, info))
        gone = set(known) - seen
        if stale or gone:
            readings = _readings([(source, _digest_of(known.get(source.key))) for source, _ in stale])
            with self._transaction():
                for (source, info), (key, records) in zip(stale, readings):
                    stats[self._store(source, info, key, records)] += 1
                for key in gone:
                    self._delete(key)
                    self.db.execute("DELETE FROM files WHERE key = ?", (key,))
                    stats["removed"] += 1
        return SyncStats(**stats)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")  # one writer at a time; readers are never blocked (WAL)
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _store(
        self, source: SourceFile, info: os.stat_result | None, key: str, records: list[IndexedRecord] | None
    ) -> str:
        stat_row = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino) if info else (-1, -1, -1, -1)
        self.db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)", (source.key, *stat_row, key, time.time_ns())
        )
        if records is None:
            return "touched"
        self._delete(source.key)
        for record in records:
            self._insert(source.key, record)
        return "indexed"

    def _delete(self, key: str) -> None:
        ids = [row[0] for row in self.db.execute("SELECT id FROM records WHERE file = ?", (key,))]
        for record_id in ids:
            self.db.execute("DELETE FROM record_text WHERE rowid = ?", (record_id,))
            self.db.execute(
                "DELETE FROM passages WHERE rowid BETWEEN ? AND ?",
                (record_id * PASSAGE_SPAN, record_id * PASSAGE_SPAN + PASSAGE_SPAN - 1),
            )
        self.db.execute("DELETE FROM records WHERE file = ?", (key,))

    def _insert(self, key: str, record: IndexedRecord) -> None:
        cursor = self.db.execute(
            "INSERT INTO records(file, rid, number, package, path, title, status, date, title_line) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                record.rid,
                record.number,
                record.package,
                record.path,
                record.title,
                record.status,
                record.date,
                record.title_line,
            ),
        )
        record_id = cursor.lastrowid
        assert record_id is not None
        self.db.execute(
            "INSERT INTO record_text(rowid, title, lead, body) VALUES (?, ?, ?, ?)",
            (record_id, record.title, record.lead, record.body),
        )
        base = record_id * PASSAGE_SPAN
        self.db.executemany(
            "INSERT INTO passages(rowid, text, heading, line) VALUES (?, ?, ?, ?)",
            [(base + i, p.text, p.heading, p.line) for i, p in enumerate(record.passages)],
        )


def _trusted(info: os.stat_result, known: tuple[object, ...]) -> bool:
    """Unchanged for sure: same size, times and inode, and the last change is older than the last check."""
    _, size, mtime_ns, ctime_ns, ino, _, checked_ns = known
    if not isinstance(checked_ns, int):
        return False  # a row this version did not write: read the file again
    return (
        info.st_ctime_ns == ctime_ns
        and info.st_mtime_ns == mtime_ns
        and info.st_size == size
        and info.st_ino == ino
        and info.st_ctime_ns < checked_ns - RACY_NS
    )


def _digest_of(row: tuple[object, ...] | None) -> str | None:
    return str(row[5]) if row is not None else None


def _reading(item: tuple[SourceFile, str | None]) -> tuple[str, list[IndexedRecord] | None]:
    """A file's content digest, and its records unless the digest is the one already indexed."""
    source, known = item
    data = _read(source)
    key = digest(PARSER_VERSION.encode(), source.package.encode(), source.relative.encode(), data)
    return key, None if key == known else _records(source, data)


def _readings(items: list[tuple[SourceFile, str | None]]) -> Iterable[tuple[str, list[IndexedRecord] | None]]:
    """Read (and parse) the changed files, in several processes when there are many (a cold index)."""
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < PARALLEL_THRESHOLD or workers < 2:
        return map(_reading, items)
    # lazy: multiprocessing is only needed here (startup cost)
    import multiprocessing

    # lazy: concurrent is only needed here (startup cost)
    from concurrent.futures import ProcessPoolExecutor

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - platforms without fork
        return map(_reading, items)
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return list(pool.map(_reading, items, chunksize=max(16, len(items) // (workers * 8))))


def _read(source: SourceFile) -> bytes:
    root = source.path[: -len(source.relative)] if source.path.endswith(source.relative) else None
    try:  # no pipe, no link out of the log: the same refusals as the loader's
        return read_record_bytes(source.path, root)
    except OSError:
        return b""  # a file that vanished or cannot be read has nothing to find


def _records(source: SourceFile, data: bytes) -> list[IndexedRecord]:
    # lazy: keeps importlib off this module's import
    from ..parse import parse_text

    # lazy: import cycle (search.text imports this module)
    from .text import indexed

    if len(data) > MAX_FILE_BYTES:
        return []
    decoded = decode(data)
    if decoded.binary:
        return []
    lines = decoded.text.split("\n")
    records = parse_text(decoded.text, source.relative)
    return [indexed(replace(r, package=source.package) if source.package else r, lines) for r in records]
