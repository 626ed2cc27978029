"""Which files a search covers: every log of the workspace (the log and those its configuration names)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..cache import Cache
from ..log import DecisionLog
from .index import SearchIndex, SourceFile


def source_files(logs: Sequence[DecisionLog]) -> list[SourceFile]:
    return [SourceFile(each.package, relative, path) for each in logs for relative, path in each.file_names()]


def index_location(log: DecisionLog) -> Path | None:
    """The index file, beside the log's other caches (None when caching is off: an in-memory index)."""
    cache = Cache.for_log(log.root, "search", log.config.cache_dir, log.config.cache)
    return cache.path.parent / "search-v1.sqlite" if cache.path is not None else None


def open_index(logs: Sequence[DecisionLog]) -> SearchIndex:
    """An up-to-date index over the files of `logs`, kept beside the first log's caches."""
    index = SearchIndex(index_location(logs[0]))
    index.sync(source_files(logs))
    return index
