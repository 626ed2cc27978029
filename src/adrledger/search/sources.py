"""Which files a search covers: the log and every other log its configuration names."""

from __future__ import annotations

from pathlib import Path

from ..cache import Cache
from ..config import load_config
from ..log import DecisionLog
from .index import SearchIndex, SourceFile


def logs_of(log: DecisionLog) -> list[DecisionLog]:
    """The log itself, then one log per configured package (config `logs`, log4brains packages)."""
    logs = [log]
    for spec in log.config.logs:
        if spec.path.resolve() != log.root.resolve():
            logs.append(DecisionLog(load_config(spec.path), package=spec.name))
    return logs


def source_files(logs: list[DecisionLog]) -> list[SourceFile]:
    return [SourceFile(each.package, relative, path) for each in logs for relative, path in each.file_names()]


def index_location(log: DecisionLog) -> Path | None:
    """The index file, beside the log's other caches (None when caching is off: an in-memory index)."""
    cache = Cache.for_log(log.root, "search", log.config.cache_dir, log.config.cache)
    return cache.path.parent / "search-v1.sqlite" if cache.path is not None else None


def open_index(log: DecisionLog) -> tuple[SearchIndex, dict[str, str]]:
    """An up-to-date index over the log's files, and how to display each package's folder."""
    logs = logs_of(log)
    index = SearchIndex(index_location(log))
    index.sync(source_files(logs))
    return index, {each.package: each.config.dir_display if not each.package else _display(each, log)
                   for each in logs}


def _display(each: DecisionLog, main: DecisionLog) -> str:
    try:
        return str(each.root.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(each.root)
