"""Facts of file versions and of edits: from the cache, or read through one cat-file process."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from ..cache import Cache, digest
from ..parse import PARSER_VERSION
from .git import BlobReader, RepoInfo
from .model import Change, Citation, DateWritten, EditAfterAcceptance, FileHistory, LogHistory, NumberSpan, NumberUse
from .replay import Step
from .versions import EditFacts, VersionInfo, compare, read_version
from .working import WorkingCopies

# Bump when the meaning of cached history changes; a change of its shape is caught by SHAPE.
# 12: citations from the parser's citing lines, prose read when compared;
# 10: author dates (main's 2) and prose, citations, dates per version (history's 2-9)
HISTORY_VERSION = "12"
SHAPE = " ".join(
    " ".join(kind.__dataclass_fields__)
    for kind in (
        LogHistory,
        FileHistory,
        Change,
        EditAfterAcceptance,
        NumberUse,
        Citation,
        DateWritten,
        NumberSpan,
        VersionInfo,
        EditFacts,
    )
)
CHUNK = 2000  # blobs held in memory at once
PARALLEL_THRESHOLD = 400  # below this many versions, a process pool costs more than it saves

Item = TypeVar("Item")
Result = TypeVar("Result")


def cache_key(*parts: str) -> str:
    fixed = (HISTORY_VERSION, PARSER_VERSION, SHAPE)
    return digest(*(part.encode("utf-8", "surrogateescape") for part in (*fixed, *parts)))


def _info_key(blob: str, path: str) -> str:
    return cache_key("info", blob, path)  # the file name matters: it carries the record's number


class VersionStore:
    """Every version history needs, each parsed once and remembered by blob sha and path."""

    def __init__(
        self,
        repo: RepoInfo,
        cache: Cache,
        facts: dict[tuple[str, str], EditFacts],
        working: WorkingCopies | None = None,
    ):
        self.repo = repo
        self.working = working  # records parsed from the working tree, reused for equal blobs
        self.cache = cache  # parsed versions, by blob and path
        self.facts = facts  # compared edits, by (older, newer) blob: kept with the replay state
        self.infos: dict[tuple[str, str], VersionInfo] = {}
        self._reader: BlobReader | None = None

    @property
    def reader(self) -> BlobReader:
        if self._reader is None:
            self._reader = BlobReader(self.repo.toplevel)
        return self._reader

    def prefetch(self, wanted: Iterable[tuple[str, str]]) -> None:
        """Make the facts of these (blob, path) versions available: cached, or read and parsed."""
        missing = []
        for item in dict.fromkeys(wanted):
            cached = self.cache.get(_info_key(*item))
            # Answers from the working tree are not cached: a later run has the file (and its parse) again.
            known = cached if isinstance(cached, VersionInfo) else self._working_copy(*item)
            if known is None:
                missing.append(item)
            else:
                self.infos[item] = known
        with _mapper(len(missing)) as mapping:
            for start in range(0, len(missing), CHUNK):
                chunk = missing[start : start + CHUNK]
                contents = self.reader.read_many(blob for blob, _ in chunk)
                parsed = mapping(_read_item, [(contents.get(blob) or b"", path) for blob, path in chunk])
                for item, info in zip(chunk, parsed, strict=True):
                    self.infos[item] = info
                    self.cache.put(_info_key(*item), info)

    def _working_copy(self, blob: str, path: str) -> VersionInfo | None:
        return self.working.info(blob, path) if self.working is not None else None

    def info(self, blob: str, path: str) -> VersionInfo:
        if (blob, path) not in self.infos:
            self.prefetch([(blob, path)])
        return self.infos[(blob, path)]

    def compare_many(self, pairs: list[tuple[Step, Step]]) -> dict[tuple[str, str], EditFacts]:
        """Facts of each (older, newer) edit: known already, or diffed from the two blobs."""
        missing = [(older, newer) for older, newer in pairs if (older.blob, newer.blob) not in self.facts]
        for start in range(0, len(missing), CHUNK // 2):
            chunk = missing[start : start + CHUNK // 2]
            contents = self.reader.read_many(step.blob for pair in chunk for step in pair)
            for older, newer in chunk:
                assert older.info is not None and newer.info is not None
                old_data, new_data = (
                    contents.get(older.blob) or b"",
                    contents.get(newer.blob) or b"",
                )
                self.facts[(older.blob, newer.blob)] = compare(
                    old_data, new_data, older.info, newer.info, newer.change.path
                )
        return self.facts

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
        self.cache.save()


def _read_item(item: tuple[bytes, str]) -> VersionInfo:
    return read_version(*item)


@contextmanager
def _mapper(count: int) -> Iterator[Callable[[Callable[[Any], Any], list[Any]], list[Any]]]:
    """A map over a process pool for big batches (as the log's parsing does), else a plain map."""
    workers = min(os.cpu_count() or 1, 8)
    if count < PARALLEL_THRESHOLD or workers < 2:
        yield lambda function, items: list(map(function, items))
        return
    # lazy: multiprocessing is only needed here (startup cost)
    import multiprocessing

    # lazy: concurrent is only needed here (startup cost)
    from concurrent.futures import ProcessPoolExecutor

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - platforms without fork
        yield lambda function, items: list(map(function, items))
        return
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield lambda function, items: list(pool.map(function, items, chunksize=max(16, len(items) // 32)))
