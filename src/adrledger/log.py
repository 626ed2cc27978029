"""A decision log: the folder of records, read once, fast, through the content cache."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config, load_config
from .errors import UsageError
from .textio import MAX_FILE_BYTES

if TYPE_CHECKING:
    from .model import Record

# The parser, the model and the cache are imported where records are read: `adr new` only
# lists file names and must not pay for them.

# Files that live beside records but are not records.
NOT_RECORDS = {"readme.md", "index.md", "template.md", "_template.md", "adr-template.md", "changelog.md",
               "contributing.md", "license.md", "summary.md", "toc.md"}
SKIPPED_DIRS = {"templates", "template", "node_modules", "assets", "images", "img", "_site", "site", "build"}
PARALLEL_THRESHOLD = 400
# NNNN-title.md: the number adr-tools and `adr new` give a file (log4brains' YYYYMMDD is a date).
_NUMBERED_LINE = re.compile(r"^((\d{1,6})(?=[-_ .]|$).*)$", re.MULTILINE)
_NUMBER_AT_START = re.compile(r"^(\d{1,6})(?=[-_ .]|$)", re.MULTILINE)
TRANSACTION_JOURNAL = ".adr-transaction.json"


class DecisionLog:
    """The records of one folder. Reading is lazy: nothing is parsed until records are asked for."""

    def __init__(self, config: Config, package: str = ""):
        self.config = config
        self.root = config.dir
        self.package = package
        self._records: list[Record] | None = None
        if os.path.exists(os.path.join(self.root, TRANSACTION_JOURNAL)):
            from .transaction import recover

            recover(self.root)  # a change that was interrupted half-way is finished first

    @classmethod
    def discover(cls, directory: str | Path | None = None, cwd: Path | None = None) -> DecisionLog:
        return cls(load_config(directory, cwd))

    # ---- files ----------------------------------------------------------------------------

    def files(self) -> list[Path]:
        """Record files under the log folder, sorted by path."""
        if not self.root.is_dir():
            return []
        found: list[Path] = []
        self._walk(self.root, found, depth=0)
        return sorted(found, key=lambda p: p.relative_to(self.root).as_posix())

    def _walk(self, folder: Path, found: list[Path], depth: int) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                if depth < 4 and name.lower() not in SKIPPED_DIRS:
                    self._walk(Path(entry.path), found, depth + 1)
            elif self._is_record_name(name, Path(entry.path)):
                found.append(Path(entry.path))

    def _is_record_name(self, name: str, path: Path) -> bool:
        lowered = name.lower()
        if not lowered.endswith((".md", ".markdown")) or lowered in NOT_RECORDS:
            return False
        relative = path.relative_to(self.root).as_posix()
        return not any(fnmatch(relative, pattern) for pattern in self.config.exclude)

    def numbered_names(self) -> list[tuple[int, str]]:
        """(number, file name) of files named NNNN-*.md at the top of the folder: no parsing at all."""
        # One regex over all the names at once: ten thousand records cost a few milliseconds.
        return [(int(digits), name) for name, digits in _NUMBERED_LINE.findall(self._names())]

    def _names(self) -> str:
        try:
            return "\n".join(os.listdir(self.root))
        except OSError:
            return ""

    def numbered_files(self) -> list[tuple[int, Path]]:
        """(number, path) of files named NNNN-*.md at the top of the folder: no parsing at all."""
        return [(number, self.root / name) for number, name in self.numbered_names()]

    def next_number(self) -> int:
        """Highest number ever used plus one: numbers are never reused, not even after a deletion."""
        highest = max(map(int, _NUMBER_AT_START.findall(self._names())), default=0)
        return max(highest, _highest_in_history(self)) + 1

    def relative(self, path: Path) -> str:
        return Path(path).resolve().relative_to(self.root.resolve()).as_posix()

    # ---- records --------------------------------------------------------------------------

    @property
    def records(self) -> list[Record]:
        if self._records is None:
            self._records = load_records(self.files(), self.root, self.config, self.package)
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
            text = text[len(self.package) + 1:]
        match = re.fullmatch(r"(?:adr[-_ ]?)?0*(\d+)", text, re.IGNORECASE)
        if match:
            number = int(match.group(1))
            return next((r for r in self.records if r.number == number), None)
        candidates = [r for r in self.records if text in r.path or text == r.id]
        return candidates[0] if candidates else None

    def by_number(self) -> dict[int, list[Record]]:
        index: dict[int, list[Record]] = {}
        for record in self.records:
            if record.number is not None:
                index.setdefault(record.number, []).append(record)
        return index


def _highest_in_history(log: DecisionLog) -> int:
    """The highest number git saw deleted or renamed away in the folder (0 outside git)."""
    if not _inside_git(log.root):
        return 0  # not a repository: no need to import the history module at all
    from .history.numbering import highest_removed_number

    return highest_removed_number(log.root, log.config)


def _inside_git(folder: Path) -> bool:
    here = folder.resolve()
    return any(os.path.exists(os.path.join(candidate, ".git")) for candidate in (here, *here.parents))


def load_records(paths: Sequence[Path], root: Path, config: Config, package: str = "") -> list[Record]:
    """Read every file once, take what the cache already knows, parse the rest (in parallel when many)."""
    from .cache import Cache, digest
    from .parse import PARSER_VERSION

    cache = Cache.for_log(root, "records", config.cache_dir, config.cache)
    keyed: list[tuple[str, str, bytes]] = []
    results: dict[str, list[Record]] = {}
    misses: list[tuple[str, str, bytes]] = []
    version = (PARSER_VERSION + package).encode()
    for path in paths:
        relative = path.relative_to(root).as_posix()
        data = _read(path)
        key = digest(version, relative.encode(), data)
        keyed.append((key, relative, data))
        cached = cache.get(key)
        if cached is not None:
            results[key] = cached
        else:
            misses.append((key, relative, data))
    for key, records in _parse_many(misses):
        # The content key travels with each record, so caches of derived results (lint) can reuse it.
        records = [replace(r, package=package, digest=key) for r in records]
        results[key] = records
        cache.put(key, records)
    cache.save()
    ordered = [record for key, _, _ in keyed for record in results[key]]
    return resolve_dates(ordered, config.date_order)


def _read(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        # An unreadable file still yields a record, with the reason as its problem.
        return f"\x00unreadable: {err.strerror or err}".encode()


def _parse_one(item: tuple[str, str, bytes]) -> tuple[str, list[Record]]:
    from .model import Problem
    from .parse import parse_bytes

    key, relative, data = item
    if data.startswith(b"\x00unreadable: "):
        message = data[1:].decode("utf-8", "replace")
        records = parse_bytes(b"", relative)
        return key, [replace(records[0], problems=(Problem(0, "unreadable", message, "error"),))]
    try:
        return key, parse_bytes(data, relative)
    except RecursionError:
        return key, [replace(parse_bytes(b"", relative)[0],
                             problems=(Problem(0, "too-deep", "nesting too deep to read", "error"),))]


def _parse_many(items: list[tuple[str, str, bytes]]) -> Iterable[tuple[str, list[Record]]]:
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < PARALLEL_THRESHOLD or workers < 2:
        return map(_parse_one, items)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - platforms without fork
        return map(_parse_one, items)
    chunk = max(16, len(items) // (workers * 8))
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return list(pool.map(_parse_one, items, chunksize=chunk))


def resolve_dates(records: list[Record], order: str) -> list[Record]:
    """Settle day/month ambiguity from the log's own unambiguous dates (or its configured order)."""
    if not any(r.date_candidates for r in records):
        return records
    from .model import Problem
    from .parse.dates import parse_date, resolve

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
        note = Problem(record.date_line, "date-order",
                       f"'{record.date_raw}' read as {iso}: the log's other dates are {order}", "info")
        resolved.append(replace(record, date=iso, problems=kept + (note,)))
    return resolved
