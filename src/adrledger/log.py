"""A decision log: the folder of records, read once, fast, through the content cache."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from fnmatch import fnmatch
from pathlib import Path

from .cache import Cache, digest, dumps_records, loads_records, no_gc
from .config import Config, load_config
from .errors import UsageError
from .model import Problem, Record
from .parse import PARSER_VERSION, parse_bytes
from .parse.dates import parse_date, resolve
from .parse.refs import number_from_filename
from .textio import read_bounded

# Files that live beside records but are not records.
NOT_RECORDS = {"readme.md", "index.md", "template.md", "_template.md", "adr-template.md", "changelog.md",
               "contributing.md", "license.md", "summary.md", "toc.md"}
SKIPPED_DIRS = {"templates", "template", "node_modules", "assets", "images", "img", "_site", "site", "build"}
PARALLEL_THRESHOLD = 400


class DecisionLog:
    """The records of one folder. Reading is lazy: nothing is parsed until records are asked for."""

    def __init__(self, config: Config, package: str = ""):
        self.config = config
        self.root = config.dir
        self.package = package
        self._records: list[Record] | None = None

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

    def numbered_files(self) -> list[tuple[int, Path]]:
        """(number, path) of files named NNNN-*.md at the top of the folder: no parsing at all."""
        if not self.root.is_dir():
            return []
        result = []
        for entry in os.scandir(self.root):
            if entry.name[:1].isdigit():
                number, _ = number_from_filename(entry.name)
                if number is not None:
                    result.append((number, Path(entry.path)))
        return result

    def next_number(self) -> int:
        """Highest number ever used plus one (numbers are never reused)."""
        numbers = [number for number, _ in self.numbered_files()]
        return max(numbers, default=0) + 1

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


def load_records(paths: Sequence[Path], root: Path, config: Config, package: str = "") -> list[Record]:
    """Read every file once, take what the cache already knows, parse the rest (in parallel when many)."""
    cache = Cache.for_log(root, "records", config.cache_dir, config.cache)
    keys: list[str] = []
    blobs: dict[str, bytes] = {}
    parsed: dict[str, list[Record]] = {}
    misses: list[tuple[str, str, bytes]] = []
    version = (PARSER_VERSION + package).encode()
    for path in paths:
        relative = path.relative_to(root).as_posix()
        data = _read(path)
        key = digest(version, relative.encode(), data)
        keys.append(key)
        cached = cache.get(key)
        if isinstance(cached, bytes):
            blobs[key] = cached
        else:
            misses.append((key, relative, data))
    for key, records in _parse_many(misses):
        if package:
            records = [replace(r, package=package) for r in records]
        parsed[key] = records
        cache.put(key, dumps_records(records))
    cache.save()
    with no_gc():
        ordered = [record for key in keys for record in (parsed[key] if key in parsed else loads_records(blobs[key]))]
    return resolve_dates(ordered, config.date_order)


def _read(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return read_bounded(handle)
    except OSError as err:
        # An unreadable file still yields a record, with the reason as its problem.
        return f"\x00unreadable: {err.strerror or err}".encode()


def _parse_one(item: tuple[str, str, bytes]) -> tuple[str, list[Record]]:
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
