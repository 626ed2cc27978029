"""Uncommitted changes in the log folder, appended to the history as changes with sha ""."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from ..base.textio import read_record_bytes
from ..config import Config
from .build import record_filter
from .git import BlobReader, GitError, RepoInfo, author_ident, worktree_status
from .model import Change, EditAfterAcceptance, FileHistory, LogHistory
from .replay import inside_log
from .versions import VersionInfo, compare, read_version


def with_worktree(history: LogHistory, repo: RepoInfo, config: Config) -> LogHistory:
    """The history plus what the working tree changed since HEAD (staged or not)."""
    try:
        status = worktree_status(repo)
    except GitError:
        return history
    is_record = record_filter(config)
    pending = [
        (letter, relative)
        for letter, path, _ in status
        if (relative := inside_log(path, repo.prefix, is_record)) is not None
    ]
    if not pending:
        return history
    files, removed = dict(history.files), dict(history.removed)
    touched = sum(1 for letter, relative in pending if letter != "A" and relative in files)
    sizes = {**history.commit_sizes, "": (touched, len(files))} if touched else history.commit_sizes
    author = author_ident(repo)
    with BlobReader(repo.toplevel) as reader:
        committed = reader.read_many(f"HEAD:{_repo_path(repo, rel)}" for letter, rel in pending if letter != "A")
        for letter, relative in pending:
            before = committed.get(f"HEAD:{_repo_path(repo, relative)}")
            updated = _pending(files.get(relative), letter, relative, before, config.dir, author)
            if updated is None:
                continue
            if letter == "D":
                files.pop(relative, None)
                removed[relative] = updated
            else:
                files[relative] = updated
    return replace(history, files=files, removed=removed, commit_sizes=sizes)


def _repo_path(repo: RepoInfo, relative: str) -> str:
    return f"{repo.prefix}/{relative}" if repo.prefix else relative


def _pending(
    known: FileHistory | None,
    letter: str,
    relative: str,
    before: bytes | None,
    root: Path,
    author: tuple[str, str],
) -> FileHistory | None:
    path = root / relative
    if letter == "D":
        if known is None:
            return None
        change = _change("deleted", None, relative, _now(), author)
        return replace(known, changes=(*known.changes, change), authors=_with(known.authors, author))
    try:
        data = read_record_bytes(path, root)  # no pipe, no link out of the log
        when = datetime.fromtimestamp(os.stat(path).st_mtime).astimezone().isoformat(timespec="seconds")
    except OSError:
        return known
    if data == before:
        return known
    new = read_version(data, relative)
    if known is None or before is None:
        change = _change("created", new.status, relative, when, author)
        accepted = change if new.status == "accepted" else None
        return FileHistory(relative, (change,), change, accepted, (), (), _with((), author))
    return _modified(known, before, data, new, _change("edited", new.status, relative, when, author))


def _modified(known: FileHistory, before: bytes, after: bytes, new: VersionInfo, change: Change) -> FileHistory:
    old = read_version(before, known.path)
    if old.status != new.status:
        change = replace(change, kind="status")
    status_changes = known.status_changes + ((change,) if change.kind == "status" else ())
    accepted = known.accepted or (change if new.status == "accepted" and old.status != "accepted" else None)
    edits = known.edits_after_acceptance
    if known.accepted is not None or old.status == "accepted":
        facts = compare(before, after, old, new, known.path)
        edits += (
            EditAfterAcceptance(
                change, facts.only_status_or_relations, facts.adds_review_row, facts.changed_lines, facts.prose_changed
            ),
        )
    return replace(
        known,
        changes=(*known.changes, change),
        authors=_with(known.authors, (change.author, change.email)),
        accepted=accepted,
        status_changes=status_changes,
        edits_after_acceptance=edits,
    )


def _change(kind: str, status: str | None, relative: str, when: str, author: tuple[str, str]) -> Change:
    """A change not committed yet: no sha, signed by whoever will commit it."""
    return Change("", when, author[0], author[1], "uncommitted changes", kind, status, relative)


def _with(authors: tuple[str, ...], author: tuple[str, str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*authors, author[0]))) if author[0] else authors


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
