"""Build a log's history in one pass: one `git log`, one `git cat-file --batch`, cached parses.

Two caches make later runs cheap: the finished history for a HEAD (a second run at the same
commit only unpickles it), and the replay state, so that after new commits only those
commits are read and replayed (when the old HEAD is an ancestor of the new one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..base import globs
from ..cache import Cache
from ..config import Config
from ..files.logfiles import MAX_DEPTH, SKIPPED_DIRS, is_record_name, is_utf8_name
from .git import RepoInfo, is_ancestor, read_log
from .model import LogHistory, NumberSpan, NumberUse
from .replay import Lineage, Replayer, edits_to_compare, finish, number_spans, number_uses, relevant_changes
from .store import VersionStore, cache_key
from .versions import EditFacts
from .working import WorkingCopies

_EMPTY: frozenset[Any] = frozenset()
_LOADED: dict[tuple[str, str], LogHistory] = {}  # this process's histories: (log folder, key)


def record_filter(config: Config) -> Callable[[str], bool]:
    """Whether a path relative to the log folder is a record file (as logfiles.record_files)."""
    excludes, includes = config.exclude, config.include

    def is_record(relative: str) -> bool:
        parts = relative.split("/")
        if len(parts) > MAX_DEPTH + 1 or any(part.startswith(".") for part in parts):
            return False
        if not is_utf8_name(relative):
            return False  # the working tree's listing reports it; its history is left out with it
        if any(part.lower() in SKIPPED_DIRS for part in parts[:-1]) and not globs.matches(includes, relative):
            return False
        return is_record_name(parts[-1], relative, excludes, includes)

    return is_record


@dataclass
class ReplayState:
    """Where a replay stopped: enough to carry on with the commits that came after `head`."""

    head: str = ""
    live: dict[str, Lineage] = field(default_factory=dict)
    removed: list[Lineage] = field(default_factory=list)
    order: dict[str, int] = field(default_factory=dict)  # commit sha -> position in the replay
    facts: dict[tuple[str, str], EditFacts] = field(default_factory=dict)  # (old, new blob) -> facts
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)  # commit -> (records touched, records alive)


def context_key(repo: RepoInfo, config: Config) -> str:
    """What the history depends on besides HEAD."""
    return cache_key("log", repo.prefix, *sorted(repo.shallow_commits), "\0", *config.exclude, "\0", *config.include)


def cached_history(repo: RepoInfo, config: Config, root: Path, working: WorkingCopies | None = None) -> LogHistory:
    """The committed history at HEAD: cached whole, else carried on from an earlier replay."""
    context = context_key(repo, config)
    key = cache_key(context, repo.head)
    loaded = (str(root), key)
    if loaded in _LOADED:  # several readers in one process (lint rules, the site) share one load
        return _LOADED[loaded]
    whole = _whole_history_cache(root, config, key)
    found = whole.get("history")
    if isinstance(found, LogHistory):
        _LOADED[loaded] = found
        return found
    states = Cache.for_log(root, "history-state", config.cache_dir, config.cache)
    state = states.get(context)
    if not isinstance(state, ReplayState) or not state.head or not is_ancestor(repo, state.head):
        state = ReplayState()
    # A fresh replay meets old versions again (after a rebase, say): their parses are cached.
    versions = Cache.for_log(root, "history-versions", config.cache_dir, config.cache and not state.head)
    history = build_history(repo, config, versions, state, working)
    states.put(context, state)
    states.save()
    whole.put("history", history)
    whole.save()
    _forget_other_heads(whole)
    _LOADED[loaded] = history
    return history


def _whole_history_cache(root: Path, config: Config, key: str) -> Cache:
    """One small file per HEAD, so that a new HEAD never loads the previous one's history."""
    return Cache.for_log(root, f"history-at-{key[:24]}", config.cache_dir, config.cache)


def _forget_other_heads(kept: Cache) -> None:
    if kept.path is None:
        return
    for stale in kept.path.parent.glob("history-at-*.pickle"):
        if stale != kept.path:
            stale.unlink(missing_ok=True)


def build_history(
    repo: RepoInfo, config: Config, versions: Cache, state: ReplayState, working: WorkingCopies | None = None
) -> LogHistory:
    """Replay the commits after `state.head` (all of them for a fresh state) and assemble."""
    is_record = record_filter(config)
    since = f"{state.head}..HEAD" if state.head else "HEAD"
    commits = [(c, ch) for c in read_log(repo, since) if (ch := relevant_changes(c, repo.prefix, is_record))]
    store = VersionStore(repo, versions, state.facts, working)
    try:
        store.prefetch((c.new_blob, c.path) for _, changes in commits for c in changes if c.status != "D")
        replayer = Replayer(store.info, repo.shallow_commits, state.live, state.removed)
        for commit, changes in commits:
            state.order.setdefault(commit.sha, len(state.order))
            touched = replayer.touched(changes)
            if touched and not (commit.sha in repo.shallow_commits and not commit.parents):
                state.sizes[commit.sha] = (touched, len(state.live))
            replayer.apply(commit, changes)
        lineages = [*state.live.values(), *state.removed]
        facts = store.compare_many([pair for lineage in lineages for pair in edits_to_compare(lineage)])
    finally:
        store.close()
    state.head = repo.head
    _slim(lineages)
    return LogHistory(
        available=True,
        head=repo.head,
        prefix=repo.prefix,
        shallow=bool(repo.shallow_commits),
        files={lineage.path: finish(lineage, facts, state.order) for lineage in state.live.values()},
        removed={lineage.path: finish(lineage, facts, state.order) for lineage in state.removed},
        numbers=_numbers(lineages, state.order),
        former_paths={
            step.change.old_path: lineage.path
            for lineage in state.live.values()
            for step in lineage.steps
            if step.change.old_path
        },
        commits=len(state.order),
        commit_sizes=dict(state.sizes),
        number_spans=_spans(state),
        first_commit=_first_commit(lineages, state.order),
    )


def _first_commit(lineages: list[Lineage], order: dict[str, int]) -> str:
    firsts = [lineage.steps[0].change for lineage in lineages if lineage.steps]
    return min(firsts, key=lambda change: order.get(change.sha, 1 << 62)).date if firsts else ""


def _spans(state: ReplayState) -> dict[int, tuple[NumberSpan, ...]]:
    found: dict[int, list[NumberSpan]] = {}
    for live, lineages in ((True, list(state.live.values())), (False, state.removed)):
        for lineage in lineages:
            for span in number_spans(lineage, state.order, live):
                found.setdefault(span.number, []).append(span)
    return {number: tuple(sorted(spans, key=lambda s: s.start)) for number, spans in sorted(found.items())}


def _slim(lineages: list[Lineage]) -> None:
    """Keep only status and numbers of superseded versions: their edits are compared already."""
    for lineage in lineages:
        for step in lineage.steps[:-1]:
            if step.info is not None and step.info.lifecycle_lines:
                step.info = replace(step.info, lifecycle_lines=_EMPTY, date_lines=_EMPTY, review_rows=_EMPTY)


def _numbers(lineages: list[Lineage], order: dict[str, int]) -> dict[int, tuple[NumberUse, ...]]:
    found: dict[int, list[NumberUse]] = {}
    for lineage in lineages:
        for use in number_uses(lineage):
            found.setdefault(use.number, []).append(use)
    return {
        number: tuple(sorted(uses, key=lambda u: (order.get(u.sha, -1), u.path)))
        for number, uses in sorted(found.items())
    }
