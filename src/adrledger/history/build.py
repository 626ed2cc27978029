"""Build a log's history in one pass: one `git log`, one `git cat-file --batch`, cached parses."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fnmatch import fnmatch
from typing import Any

from ..cache import Cache, digest
from ..config import Config
from ..log import NOT_RECORDS, SKIPPED_DIRS
from ..parse import PARSER_VERSION
from .git import BlobReader, RepoInfo, read_log
from .model import Change, EditAfterAcceptance, FileHistory, LogHistory, NumberUse
from .replay import Lineage, Replayer, Step, edits_to_compare, finish, number_uses, relevant_changes
from .versions import EditFacts, VersionInfo, compare, read_version

# Bump when the meaning of cached history changes; a change of its shape is caught by _SHAPE.
HISTORY_VERSION = "1"
_SHAPE = " ".join(
    " ".join(kind.__dataclass_fields__)
    for kind in (
        LogHistory,
        FileHistory,
        Change,
        EditAfterAcceptance,
        NumberUse,
        VersionInfo,
        EditFacts,
    )
)
CHUNK = 2000  # blobs held in memory at once while parsing


def record_filter(config: Config) -> Callable[[str], bool]:
    """Whether a path relative to the log folder is a record file (as DecisionLog.files())."""
    excludes = config.exclude

    def is_record(relative: str) -> bool:
        parts = relative.split("/")
        name = parts[-1].lower()
        if not name.endswith((".md", ".markdown")) or name in NOT_RECORDS or len(parts) > 5:
            return False
        if any(part.startswith(".") for part in parts) or any(
            p.lower() in SKIPPED_DIRS for p in parts[:-1]
        ):
            return False
        return not any(fnmatch(relative, pattern) for pattern in excludes)

    return is_record


class VersionStore:
    """Facts of file versions and of edits, from the cache or read through one cat-file process."""

    def __init__(self, repo: RepoInfo, cache: Cache):
        self.repo = repo
        self.cache = cache
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
            if isinstance(cached, VersionInfo):
                self.infos[item] = cached
            else:
                missing.append(item)
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start : start + CHUNK]
            contents = self.reader.read_many(blob for blob, _ in chunk)
            for blob, path in chunk:
                info = read_version(contents.get(blob) or b"", path)
                self.infos[(blob, path)] = info
                self.cache.put(_info_key(blob, path), info)

    def info(self, blob: str, path: str) -> VersionInfo:
        if (blob, path) not in self.infos:
            self.prefetch([(blob, path)])
        return self.infos[(blob, path)]

    def compare_many(self, pairs: list[tuple[Step, Step]]) -> dict[tuple[str, str], EditFacts]:
        """Facts of each (older, newer) edit: cached, or diffed from the two blobs."""
        facts: dict[tuple[str, str], EditFacts] = {}
        missing = []
        for older, newer in pairs:
            cached = self.cache.get(_edit_key(older.blob, newer.blob))
            if isinstance(cached, EditFacts):
                facts[(older.blob, newer.blob)] = cached
            else:
                missing.append((older, newer))
        for start in range(0, len(missing), CHUNK // 2):
            chunk = missing[start : start + CHUNK // 2]
            contents = self.reader.read_many(s.blob for pair in chunk for s in pair)
            for older, newer in chunk:
                assert older.info is not None and newer.info is not None
                found = compare(
                    contents.get(older.blob) or b"",
                    contents.get(newer.blob) or b"",
                    older.info,
                    newer.info,
                )
                facts[(older.blob, newer.blob)] = found
                self.cache.put(_edit_key(older.blob, newer.blob), found)
        return facts

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
        self.cache.save()


def _key(*parts: str) -> str:
    fixed = (HISTORY_VERSION, PARSER_VERSION, _SHAPE)
    return digest(*(part.encode("utf-8", "surrogateescape") for part in (*fixed, *parts)))


def _info_key(blob: str, path: str) -> str:
    return _key("info", blob, path)  # the file name matters: it carries the record's number


def _edit_key(old_blob: str, new_blob: str) -> str:
    return _key("edit", old_blob, new_blob)


def history_key(repo: RepoInfo, config: Config) -> str:
    """Everything the committed history depends on."""
    return _key("log", repo.head, repo.prefix, *sorted(repo.shallow_commits), "\0", *config.exclude)


def build_history(repo: RepoInfo, config: Config, versions: Cache) -> LogHistory:
    """Read every commit touching the log folder once and replay it."""
    is_record = record_filter(config)
    commits = [
        (c, changes)
        for c in read_log(repo)
        if (changes := relevant_changes(c, repo.prefix, is_record))
    ]
    store = VersionStore(repo, versions)
    try:
        store.prefetch(
            (ch.new_blob, ch.path) for _, changes in commits for ch in changes if ch.status != "D"
        )
        replayer = Replayer(store.info, repo.shallow_commits)
        for commit, changes in commits:
            replayer.apply(commit, changes)
        lineages = list(replayer.live.values()) + replayer.removed
        facts = store.compare_many(
            [pair for lineage in lineages for pair in edits_to_compare(lineage)]
        )
    finally:
        store.close()
    order = {commit.sha: index for index, (commit, _) in enumerate(commits)}
    return LogHistory(
        available=True,
        head=repo.head,
        prefix=repo.prefix,
        shallow=bool(repo.shallow_commits),
        files={lineage.path: finish(lineage, facts) for lineage in replayer.live.values()},
        removed={lineage.path: finish(lineage, facts) for lineage in replayer.removed},
        numbers=_numbers(lineages, order),
        former_paths={
            step.change.old_path: lineage.path
            for lineage in replayer.live.values()
            for step in lineage.steps
            if step.change.old_path
        },
        commits=len(commits),
    )


def _numbers(lineages: list[Lineage], order: dict[str, int]) -> dict[int, tuple[NumberUse, ...]]:
    found: dict[int, list[NumberUse]] = {}
    for lineage in lineages:
        for use in number_uses(lineage):
            found.setdefault(use.number, []).append(use)
    return {
        number: tuple(sorted(uses, key=lambda u: (order.get(u.sha, -1), u.path)))
        for number, uses in sorted(found.items())
    }


def cached_history(repo: RepoInfo, config: Config, root: Any) -> LogHistory:
    """The committed history for this HEAD: from the cache when it was built before."""
    whole = Cache.for_log(root, "history", config.cache_dir, config.cache)
    key = history_key(repo, config)
    found = whole.get(key)
    if isinstance(found, LogHistory):
        return found
    history = build_history(
        repo, config, Cache.for_log(root, "history-versions", config.cache_dir, config.cache)
    )
    whole.put(key, history)
    whole.save()
    return history
