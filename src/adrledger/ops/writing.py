"""A write session: the explicit step every command that changes a log takes before it writes.

Reading a log has no side effects (log.DecisionLog). Writing needs three things reading never
does: the folder's lock (so two commands never hand out one number or interleave a change), an
interrupted change finished first (transaction.py's journal, rolled forward with the repository
as its scope: a rename's links may be outside the log), and the next record number, which git
is asked about (a deleted record's number is never reused).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..base.textio import locked_directory
from ..log import DecisionLog


class WriteSession:
    """One command's change to a log, made while the caller holds the folder's lock."""

    def __init__(self, log: DecisionLog):
        self.log = log

    def next_number(self, numbered: list[tuple[int, str]] | None = None) -> int:
        """Highest number ever used plus one: numbers are never reused, not even after a deletion.

        `numbered` is the folder's numbered_names() when the caller has just listed it.
        """
        return max(self.log.highest_number(numbered), highest_removed(self.log)) + 1


@contextmanager
def write_session(log: DecisionLog) -> Iterator[WriteSession]:
    """Hold the log folder's lock and finish a change killed half-way, before anything is read."""
    with locked_directory(log.root):
        finish_interrupted(log)
        yield WriteSession(log)


def finish_interrupted(log: DecisionLog) -> bool:
    """Roll an interrupted change forward (the caller holds the lock); True when there was one."""
    if not log.has_journal():  # one lstat: the usual case imports nothing more
        return False
    # lazy: keeps subprocess off this module's import
    from ..edit.repolinks import repository_root

    # lazy: keeps difflib off this module's import
    from .transaction import finish_interrupted as finish

    return finish(log.root, repository_root(log.root, log.config.project_root))


def highest_removed(log: DecisionLog) -> int:
    """The highest number git saw deleted or renamed away in the folder (0 outside git)."""
    if not _inside_git(log.root):
        return 0  # not a repository: no need to import the history module at all
    # lazy: keeps subprocess off this module's import
    from ..history.numbering import highest_removed_number

    return highest_removed_number(log.root, log.config)


def _inside_git(folder: Path) -> bool:
    here = folder.resolve()
    return any(os.path.exists(os.path.join(candidate, ".git")) for candidate in (here, *here.parents))
