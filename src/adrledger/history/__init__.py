"""Git history of a decision log: when each record was created, changed, accepted, renamed, by whom.

The whole history is read in one pass (one `git log` process plus one `git cat-file --batch`),
cached by HEAD commit; uncommitted changes in the working tree are added on top as changes
whose sha is "". Outside git, or without git installed, the history is simply unavailable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Change, Citation, EditAfterAcceptance, FileHistory, LogHistory, NumberSpan, NumberUse

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..log import DecisionLog
    from ..model import Record


def load_history(log: DecisionLog, *, worktree: bool = True, parsed: Sequence[Record] | None = None) -> LogHistory:
    """The history of the log's folder; never raises because the folder is not in git.

    `parsed` (else the log's records, when it has loaded them) spares parsing again the
    committed versions that are byte for byte the files on disk.
    """
    # lazy: keeps difflib, importlib, subprocess off this module's import
    from .build import cached_history

    # lazy: keeps subprocess off this module's import
    from .git import GitError, repo_info

    # lazy: keeps difflib, importlib off this module's import
    from .working import WorkingCopies

    if parsed is None:
        parsed = log.loaded_records()
    try:
        repo = repo_info(log.root)
        working = WorkingCopies(log.root, parsed) if parsed else None
        history = cached_history(repo, log.config, log.root, working)
        if worktree:
            from .worktree import with_worktree

            history = with_worktree(history, repo, log.config)
    except GitError as err:
        return LogHistory(available=False, reason=str(err))
    return history


__all__ = [
    "Change",
    "Citation",
    "EditAfterAcceptance",
    "FileHistory",
    "LogHistory",
    "NumberSpan",
    "NumberUse",
    "load_history",
]
