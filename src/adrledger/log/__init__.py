"""A decision log: the folder of records, read once, fast, through the content cache."""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..base import globs
from ..base.textio import FileRefused, open_record, read_bounded, refusal
from ..config import Config, load_config
from ..errors import UsageError
from ..files.logfiles import numbered_names, record_files, skipped_templates
from ..files.template_files import is_unfilled_template, may_be_unfilled_template

if TYPE_CHECKING:
    from ..cache import Cache
    from ..model import Record

# The cache, the model and the parser are imported where records are loaded, not here:
# `adr list` and `adr new` use this module but never parse (startup time, ADR-0004).

TRANSACTION_JOURNAL = ".adr-transaction.json"  # transaction.JOURNAL, named here so readers need not import it
PARALLEL_THRESHOLD = 64  # measured with benchmarks/threshold.py: see docs/adr (parse in parallel)


class DecisionLog:
    """The records of one folder. Reading is lazy: nothing is parsed until records are asked for.

    A log only reads: it takes no lock, replays no journal and asks git nothing. A command that
    writes opens a write session (writing.py) for that; the CLI finishes an interrupted change.
    """

    def __init__(self, config: Config, package: str = ""):
        self.config = config
        self.root = config.dir
        self.package = package
        self._records: list[Record] | None = None
        self.unnamed: dict[str, None] = {}  # escaped paths of files skipped for a name that is not UTF-8
        # Called once the records are loaded: the CLI freezes them out of the garbage collector's
        # walks there (gc.freeze) in a one-shot command; a long-running `adr serve` leaves it unset.
        self.after_load: Callable[[], None] | None = None

    def has_journal(self) -> bool:
        """True when a change's journal (transaction.py) is in the folder: one lstat, no import."""
        return os.path.lexists(os.path.join(self.root, TRANSACTION_JOURNAL))

    @classmethod
    def discover(cls, directory: str | Path | None = None, cwd: Path | None = None) -> DecisionLog:
        return cls(load_config(directory, cwd))

    # ---- files ----------------------------------------------------------------------------

    def relative_files(self) -> list[str]:
        """Record files as POSIX paths relative to the log folder, sorted: templates left out.

        Names that are not valid UTF-8 are left out, and kept (escaped) in `unnamed` for the CLI to report.
        """
        skipped: list[str] = []
        names = record_files(self.root, self.config.exclude, self.config.include, skipped)
        self.unnamed.update(dict.fromkeys(skipped))
        unfilled = self._unfilled_templates(names)
        return [name for name in names if name not in unfilled] if unfilled else names

    def skipped_templates(self) -> list[str]:
        """The template files (and templates/ folders) beside the records that no command reads, sorted."""
        names = record_files(self.root, self.config.exclude, self.config.include)
        by_name = skipped_templates(self.root, self.config.exclude, self.config.include)
        return sorted([*by_name, *self._unfilled_templates(names)])

    def _unfilled_templates(self, names: list[str]) -> set[str]:
        """The files among `names` that hold the log's template, copied and never filled in.

        Only names a template copy can have are read (number 0, XXXX-, neither number nor date),
        through the cache, so a numbered or date-named log is listed without reading a file.
        """
        candidates = [n for n in names if may_be_unfilled_template(n) and not globs.matches(self.config.include, n)]
        if not candidates:
            return set()
        parsed = load_relative(candidates, self.root, self.config, self.package)
        per_file = Counter(record.path for record in parsed)
        return {r.path for r in parsed if per_file[r.path] == 1 and is_unfilled_template(r)}

    def files(self) -> list[Path]:
        """Record files under the log folder, sorted by path."""
        return [self.root / relative for relative in self.relative_files()]

    def file_names(self) -> list[tuple[str, str]]:
        """(path relative to the log, full path) of every record file, as strings."""
        folder = str(self.root)
        return [(relative, os.path.join(folder, relative)) for relative in self.relative_files()]

    def numbered_files(self) -> list[tuple[int, Path]]:
        """(number, path) of files named NNNN-*.md at the top of the folder: no parsing at all."""
        return [(number, self.root / name) for number, name in numbered_names(self.root)]

    def numbered_names(self) -> list[tuple[int, str]]:
        """(number, file name) of files named NNNN-*.md at the top of the folder."""
        return numbered_names(self.root)

    def highest_number(self, numbered: list[tuple[int, str]] | None = None) -> int:
        """The highest number a file in the folder has now (0 for none); the next number also asks git
        (writing.WriteSession.next_number). `numbered` is the folder's numbered_names() when just listed."""
        if numbered is None:
            numbered = numbered_names(self.root)
        return max((number for number, _ in numbered), default=0)

    def relative(self, path: Path) -> str:
        """`path` relative to the log folder; a symbolic link is named, never followed (it may lead out)."""
        path, root = Path(os.path.abspath(path)), Path(os.path.abspath(self.root))
        if path.is_relative_to(root):
            return path.relative_to(root).as_posix()
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()

    # ---- records --------------------------------------------------------------------------

    @property
    def records(self) -> list[Record]:
        if self._records is None:
            self._records = load_relative(self.relative_files(), self.root, self.config, self.package)
            if self.after_load is not None:
                self.after_load()
        return self._records

    def loaded_records(self) -> list[Record] | None:
        """The records if this log has read them already (no load is started)."""
        return self._records

    def invalidate(self) -> None:
        self._records = None

    def get(self, reference: str | int) -> Record:
        """A record by number, id (package/0007) or part of its file name, as adr-tools resolves them."""
        found = self.find(reference)
        if found is None:
            raise UsageError(f"no record matches '{reference}' in {self.config.dir_display}")
        return found

    def find(self, reference: str | int) -> Record | None:
        text = str(reference).strip()
        if "/" in text and self.package and text.startswith(self.package + "/"):
            text = text[len(self.package) + 1 :]
        match = re.fullmatch(r"(?:adr[-_ ]?)?0*(\d+)", text, re.IGNORECASE)
        if match:
            number = int(match.group(1))
            alone = self._from_its_file(number) if self._records is None else None
            found = alone or next((r for r in self.records if r.number == number), None)
            if found is not None:
                return found
            # Digits that number no record may start a file name: log4brains' 20240115-use-x.md.
            return next((r for r in self.records if r.slug.startswith(text)), None)
        candidates = [r for r in self.records if text in r.path or text == r.id]
        return candidates[0] if candidates else None

    def _from_its_file(self, number: int) -> Record | None:
        """The record numbered `number` read from the one file named with that number, without loading
        the log; None when the answer needs the whole log (no such file or several, another number
        inside, a day/month date only the log's other dates can settle)."""
        # lazy: import cycle (lookup imports this module)
        from .lookup import file_for_number

        path = file_for_number(self, number)
        if path is None:
            return None
        # lazy: tests monkeypatch this name at its home
        from ..parse import parse_file

        try:
            records = parse_file(path, self.root)
        except RecursionError:
            return None
        matching = [r for r in records if r.number == number]
        if len(matching) != 1 or matching[0].date_candidates:
            return None
        return replace(matching[0], package=self.package)

    def by_number(self) -> dict[int, list[Record]]:
        index: dict[int, list[Record]] = {}
        for record in self.records:
            if record.number is not None:
                index.setdefault(record.number, []).append(record)
        return index


def load_relative(relatives: Sequence[str], root: Path, config: Config, package: str = "") -> list[Record]:
    """Take what the cache knows, parse the rest (in parallel when many), keep the log's order.

    A file whose stat() matches the cache's stat index, recorded when the file had been still
    for RACY_NS, is not even read (as git trusts its index); any other file is read and
    looked up by the digest of its bytes.
    """
    # lazy: keeps cache off this module's import
    from ..cache import no_gc

    with no_gc():  # tens of thousands of long-lived objects are made: a collection would find nothing to free
        return _load(relatives, root, config, package)


def _load(relatives: Sequence[str], root: Path, config: Config, package: str) -> list[Record]:
    # lazy: keeps cache off this module's import
    from ..cache import Cache

    cache = Cache.for_log(root, "records", config.cache_dir, config.cache)
    version = _parse_version(package)
    index_name = stat_index_name(version)
    index = cache.get(index_name)
    index = index if isinstance(index, dict) else {}
    loads = _Loads(cache, version, package, str(root))
    unknown: list[tuple[str, str]] = []
    folder = str(root)
    for relative in relatives:
        path = os.path.join(folder, relative)
        loads.order.append(relative)
        known = index.get(relative)
        if known is not None and known[0] == file_signature(path) and isinstance(cache.get(known[1]), bytes):
            loads.found(relative, known[1], known[0])
        else:
            unknown.append((relative, path))
    loads.read_all(unknown)
    if loads.index != index:
        cache.put(index_name, loads.index)
    cache.save()
    return resolve_dates(loads.records(), config.date_order)


class _Loads:
    """The records of one load as they are found: cache keys, blobs, freshly parsed records."""

    def __init__(self, cache: Cache, version: bytes, package: str, root: str):
        self.cache, self.version, self.package, self.root = cache, version, package, root
        self.order: list[str] = []
        self.keys: dict[str, str] = {}
        self.index: dict[str, tuple[Signature, str]] = {}
        self.parsed: dict[str, list[Record]] = {}

    def found(self, relative: str, key: str, signature: Signature | None) -> None:
        self.keys[relative] = key
        if signature is not None:
            self.index[relative] = (signature, key)

    def read_all(self, unknown: list[tuple[str, str]]) -> None:
        workers = _worker_count()
        if len(unknown) < PARALLEL_THRESHOLD or workers < 2 or not self._in_parallel(unknown, workers):
            for relative, path in unknown:
                self._read_one(relative, path)

    def _read_one(self, relative: str, path: str) -> None:
        # lazy: keeps blobs off this module's import
        from ..cache.blobs import dumps_records

        data, signature = _read_with_stat(path, self.root)
        key = _content_digest(self.version, relative, data)
        self.found(relative, key, signature)
        if not isinstance(self.cache.get(key), bytes):
            key, records = _parse_one((key, relative, data))
            self.parsed[key] = _stamped(records, self.package, key)
            self.cache.put(key, dumps_records(self.parsed[key]))

    def _in_parallel(self, unknown: list[tuple[str, str]], workers: int) -> bool:
        """Parse in the parent and workers - 1 forked children, each over an interleaved share."""
        # lazy: keeps forkmap off this module's import
        from ..base import forkmap

        if not forkmap.can_fork():
            return False
        worker = partial(_parse_path, _Worker(self.version, frozenset(self.cache.keys()), self.package, self.root))
        shares = [unknown[i::workers] for i in range(workers)]
        children = forkmap.start(worker, shares[1:])  # each child inherits the worker's state with the fork
        try:
            for relative, path in shares[0] + [item for share in shares[1 + len(children) :] for item in share]:
                self._read_one(relative, path)
            for child in children:
                self._take(child.share, forkmap.finish(child))
        finally:
            forkmap.abandon(children)
        return True

    def _take(self, share: Sequence[tuple[str, str]], results: list[WorkerResult] | None) -> None:
        if results is None:  # the child failed: its share is read here instead
            for relative, path in share:
                self._read_one(relative, path)
            return
        for relative, key, signature, blob in results:
            self.found(relative, key, signature)
            if blob is None:
                self.cache.get(key)  # a hit the worker saw in its copy of the cache
            else:
                self.cache.put(key, blob)

    def records(self) -> list[Record]:
        """Every record in file order, once the cache is saved; each blob is dropped once unpickled."""
        # lazy: keeps blobs off this module's import
        from ..cache.blobs import loads_records

        blobs = self.cache.detach()
        result: list[Record] = []
        for relative in self.order:
            key = self.keys[relative]
            found = self.parsed.get(key)
            result.extend(found if found is not None else loads_records(blobs.pop(key)))
        return result


Signature = tuple[int, int, int, int, int]
WorkerResult = tuple[str, str, "Signature | None", "bytes | None"]
STAT_INDEX = "stat-index"  # a cache entry: {relative path: (signature, key)}


def stat_index_name(version: bytes) -> str:
    """The stat index's cache entry for one parser version: an upgraded parser never trusts an older index."""
    return f"{STAT_INDEX}-{version.decode(errors='replace')}"


UNREAD = b"\x00\x00adrledger: not read\x00"  # never the start of a real record: NUL bytes make a file binary
RACY_NS = 2_000_000_000  # a file changed this recently may change again within the same timestamp


def file_signature(path: str | int) -> Signature | None:
    """What stat() says of a file, or None when the file changed too recently to be trusted (or is missing)."""
    now = time.time_ns()
    try:
        info = os.stat(path)
    except OSError:
        return None
    if now - max(info.st_mtime_ns, info.st_ctime_ns) <= RACY_NS:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev


def _read_with_stat(path: str, root: str) -> tuple[bytes, Signature | None]:
    """The file's bytes and its signature, taken before reading so a later change shows.

    A file that is not read (a pipe, a link out of the log, an I/O error) still yields a record:
    its bytes are then UNREAD, the problem's code and message.
    """
    try:
        with open_record(path, root) as handle:
            signature = file_signature(handle.fileno())
            try:
                return read_bounded(handle), signature
            except OSError as err:
                raise refusal(err, path) from err
    except FileRefused as err:
        return UNREAD + f"{err.code}\x00{err.message}".encode(), None


def _parse_version(package: str) -> bytes:
    # lazy: tests monkeypatch this name at its home
    from ..parse import PARSER_VERSION

    return (PARSER_VERSION + package).encode()


def content_key(relative: str, data: bytes, package: str = "") -> str:
    """The digest a record parsed from these bytes is stamped with (Record.digest)."""
    return _content_digest(_parse_version(package), relative, data)


def _content_digest(version: bytes, relative: str, data: bytes) -> str:
    """A file's key in the records cache and its records' digest: parser version, path and bytes."""
    # lazy: keeps cache off this module's import
    from ..cache import digest

    return digest(version, relative.encode(), data)


def read_record_file(path: str, root: str) -> bytes | None:
    """A record file's bytes as the loader reads them, or None when it refuses the file."""
    data, _ = _read_with_stat(path, root)
    return None if data.startswith(UNREAD) else data


def _stamped(records: list[Record], package: str, key: str) -> list[Record]:
    """Records marked with their log and the content digest they were parsed from (lint caches by it)."""
    return [replace(r, package=package, digest=key) for r in records]


def _parse_one(item: tuple[str, str, bytes]) -> tuple[str, list[Record]]:
    # lazy: keeps model off this module's import
    from ..model import Problem

    # lazy: tests monkeypatch this name at its home
    from ..parse import parse_bytes, unread_record

    key, relative, data = item
    if data.startswith(UNREAD):
        code, _, message = data[len(UNREAD) :].decode("utf-8", "replace").partition("\x00")
        return key, [unread_record(relative, Problem(0, code, message, "error"))]
    try:
        return key, parse_bytes(data, relative)
    except RecursionError:
        return key, [unread_record(relative, Problem(0, "too-deep", "nesting too deep to read", "error"))]


def _worker_count() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return min(cores, 8)


@dataclass(frozen=True)
class _Worker:
    """What a parse worker needs from the parent: the parser version, the keys cached, the log."""

    version: bytes
    known: frozenset[str]
    package: str
    root: str


def _parse_path(worker: _Worker, task: tuple[str, str]) -> WorkerResult:
    """In a worker: read, digest and parse one file; return the records pickled, or None when cached."""
    # lazy: keeps blobs off this module's import
    from ..cache.blobs import dumps_records

    relative, path = task
    version, known, package, root = worker.version, worker.known, worker.package, worker.root
    data, signature = _read_with_stat(path, root)
    key = _content_digest(version, relative, data)
    if key in known:
        return relative, key, signature, None
    _, records = _parse_one((key, relative, data))
    return relative, key, signature, dumps_records(_stamped(records, package, key))


def resolve_dates(records: list[Record], order: str) -> list[Record]:
    """Settle day/month ambiguity from the log's own unambiguous dates (or its configured order)."""
    # lazy: keeps model off this module's import
    from ..model import Problem
    from ..parse.dates import parse_date, resolve

    if not any(r.date_candidates for r in records):
        return records
    if order == "auto":
        votes = Counter(parse_date(r.date_raw).order for r in records if r.date_raw and r.date)
        votes.pop("", None)
        if len(votes) == 1:
            order = next(iter(votes))
    resolved = []
    for record in records:
        iso = resolve(record.date_candidates, order) if record.date_candidates else None
        if iso is None:
            resolved.append(record)
            continue
        kept = tuple(p for p in record.problems if p.code != "date-ambiguous")
        note = Problem(
            record.date_line,
            "date-order",
            f"'{record.date_raw}' read as {iso}: the log's other dates are {order}",
            "info",
        )
        resolved.append(replace(record, date=iso, problems=kept + (note,)))
    return resolved
