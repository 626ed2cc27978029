"""The change under review, and which edits of accepted records count (docs/adr: the change under review).

A CI gate on a pull request judges what the pull request changes: the commits not yet on the
default branch, plus the working tree. Whole-history review stays available as a report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..config import Config
from ..errors import UsageError
from .git import (
    DEFAULT_BRANCH_REFS,
    GitError,
    RepoInfo,
    branch_refs,
    commits_between,
    merge_base,
    repo_info,
    resolve_revision,
)
from .model import Change, EditAfterAcceptance, FileHistory, LogHistory


@dataclass(frozen=True)
class Review:
    """What is under review: the commits after `base` (none when `base` is ""), and the working tree."""

    base: str  # the commit the change starts from
    against: str  # where the base comes from, for messages: "origin/main", "v1.0", or "" when unknown
    commits: frozenset[str] = frozenset()

    def covers(self, change: Change) -> bool:
        """Whether a change is part of the change under review (the working tree always is)."""
        return not change.sha or change.sha in self.commits

    def describe(self) -> str:
        if self.commits:
            return f"the {len(self.commits)} commit(s) since {self.against} ({self.base[:7] or 'the root'})"
        if self.against:
            return f"the working tree (HEAD is on {self.against})"
        return "the working tree (no default branch to compare with: pass --since REF)"


def change_under_review(root: Path, since: str = "") -> Review:
    """The review of the log folder at `root`: since `since` when given, else since the default branch."""
    try:
        repo = repo_info(root)
    except GitError as err:
        if since:
            raise UsageError(f"cannot review the changes since '{since}': {err}") from err
        return Review("", "")
    if not repo.head:
        return Review("", "")
    if since:
        return _since(repo, since)
    return _since_default_branch(repo)


def _since(repo: RepoInfo, since: str) -> Review:
    try:
        commit = resolve_revision(repo, since)
        base = merge_base(repo, commit, "HEAD")  # a base that moved on since the branch left it
        return Review(base, since, commits_between(repo, base, repo.prefix))
    except GitError as err:
        raise UsageError(f"cannot review the changes since '{since}': {err}") from err


def _since_default_branch(repo: RepoInfo) -> Review:
    """Since the merge-base with the upstream default branch; nothing committed when HEAD is on it."""
    try:
        current, refs = branch_refs(repo)
        found = next((ref for ref in DEFAULT_BRANCH_REFS if ref in refs), None)
        if found is None:
            return Review("", "")
        target = refs[found]
        name = _short(target)
        default_names = {name.rsplit("/", 1)[-1]} | {_short(r) for r in refs if r.startswith("refs/heads/")}
        if current and _short(current) in default_names:
            return Review("", _short(current))
        base = merge_base(repo, "HEAD", target)
        if base == repo.head:  # detached at a commit the default branch already holds
            return Review("", name)
        return Review(base, name, commits_between(repo, base, repo.prefix))
    except GitError:
        return Review("", "")


def _short(ref: str) -> str:
    for prefix in ("refs/heads/", "refs/remotes/"):
        if ref.startswith(prefix):
            return ref[len(prefix) :]
    return ref


def is_sweep(history: LogHistory, sha: str, config: Config) -> bool:
    """A commit that touched most of the log at once: a maintenance sweep, never an edit of one record."""
    touched, alive = history.commit_sizes.get(sha, (0, 0))
    return touched >= config.sweep_files and touched * 100 >= config.sweep_percent * max(alive, 1)


def counted_edits(
    history: LogHistory, file: FileHistory, config: Config, review: Review | None = None
) -> list[EditAfterAcceptance]:
    """The edits of an accepted record that ADR501 reports: prose changed, beyond the policy, not in a sweep.

    With `review`, only the edits under review of a record accepted before it; without, the whole history.
    """
    if file.accepted is None and not file.truncated:
        return []
    if review is not None and file.accepted is not None and review.covers(file.accepted):
        return []  # accepted by the change under review itself: its edits are part of writing it
    return [
        edit
        for edit in file.edits_after_acceptance
        if (review is None or review.covers(edit.change))
        and edit.prose_changed
        and not edit.only_status_or_relations
        and not (config.policy == "amend-with-log" and edit.adds_review_row)
        and not _within_grace(config, file.accepted, edit)
        and not is_sweep(history, edit.change.sha, config)
    ]


def _within_grace(config: Config, accepted: Change | None, edit: EditAfterAcceptance) -> bool:
    """Edits within `accept-grace-days` of acceptance still belong to writing the record."""
    days = config.accept_grace_days
    if not days or accepted is None:
        return False
    try:
        start = datetime.fromisoformat(accepted.date)
        when = datetime.fromisoformat(edit.change.date)
    except ValueError:
        return False
    return (when - start).total_seconds() <= days * 86400
