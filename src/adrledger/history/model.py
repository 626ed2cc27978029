"""What git says about a decision log: typed, frozen, and cheap to pickle."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath

KINDS = ("created", "status", "edited", "renamed", "deleted")


@dataclass(frozen=True)
class Change:
    """One commit's effect on one record file (sha "" for changes not yet committed)."""

    sha: str
    date: str  # ISO 8601 with offset, author date
    author: str
    email: str
    message: str
    kind: str  # created | status | edited | renamed | deleted
    status: str | None  # the record's contract status word after this commit (None once deleted)
    path: str  # relative to the log folder
    old_path: str | None = None  # before a rename

    @property
    def short_sha(self) -> str:
        return self.sha[:7] if self.sha else "uncommitted"

    @property
    def day(self) -> str:
        return self.date[:10]


@dataclass(frozen=True)
class EditAfterAcceptance:
    """A change to a record's content made after the record was accepted."""

    change: Change
    only_status_or_relations: bool  # the edit touched nothing but status / relation lines
    adds_review_row: bool  # the edit appended a row to the review log
    changed_lines: tuple[int, ...]  # line numbers in the newer version
    prose_changed: bool = True  # the words changed, not only their dress (history.prose)


@dataclass(frozen=True)
class Citation:
    """A record number the file cites ("ADR-12"), and the commit that wrote the citation."""

    number: int
    sha: str
    date: str
    order: int  # the commit's position in the replay, comparable with NumberSpan.start and .end


@dataclass(frozen=True)
class DateWritten:
    """The record's date as written now, and the commit since which it has said so."""

    text: str
    sha: str
    date: str  # the commit's date


@dataclass(frozen=True)
class NumberSpan:
    """A stretch of history during which one file carried a record number."""

    number: int
    path: str  # the file that carried it
    now: str  # where that file is now; "" once deleted
    title: str
    start: int  # replay position of the commit that gave the file the number
    end: int  # replay position of the commit that took it away; -1 while the file still has it

    def covers(self, order: int) -> bool:
        """Whether the file carried the number just after the commit at `order`."""
        return self.start <= order and (self.end < 0 or order < self.end)


@dataclass(frozen=True)
class FileHistory:
    """The life of one record file, following its renames."""

    path: str
    changes: tuple[Change, ...]  # oldest first
    created: Change | None  # None when the creation is beyond a shallow clone's horizon
    accepted: Change | None  # first commit where the status became accepted
    status_changes: tuple[Change, ...]
    edits_after_acceptance: tuple[EditAfterAcceptance, ...]
    authors: tuple[str, ...]
    truncated: bool = False  # the history starts at a shallow clone's boundary, not at the creation
    citations: tuple[Citation, ...] = ()  # each number the file cites now, with the commit that wrote it
    date_written: DateWritten | None = None  # the commit that wrote the record's date as it reads now

    @property
    def last_changed(self) -> Change | None:
        return self.changes[-1] if self.changes else None


@dataclass(frozen=True)
class NumberUse:
    """One decision that held a number (a number reused later has several)."""

    number: int
    path: str
    title: str
    sha: str
    date: str


@dataclass(frozen=True)
class LogHistory:
    """The history of every record file of one log folder; empty and unavailable outside git."""

    available: bool
    reason: str = ""  # why the history is unavailable
    head: str = ""
    prefix: str = ""  # the log folder relative to the repository root
    shallow: bool = False
    files: dict[str, FileHistory] = field(default_factory=dict)  # live paths
    removed: dict[str, FileHistory] = field(default_factory=dict)  # deleted or renamed-away paths
    numbers: dict[int, tuple[NumberUse, ...]] = field(default_factory=dict)
    commits: int = 0
    former_paths: dict[str, str] = field(default_factory=dict)  # path before a rename -> path now
    # commit sha ("" for the working tree) -> (records it changed or renamed, records alive before it)
    commit_sizes: dict[str, tuple[int, int]] = field(default_factory=dict)
    number_spans: dict[int, tuple[NumberSpan, ...]] = field(default_factory=dict)  # who carried each number when
    first_commit: str = ""  # the date of the oldest commit that touched the log's records

    def carried(self, number: int, order: int) -> list[NumberSpan]:
        """The files that carried `number` just after the commit at replay position `order`."""
        return [span for span in self.number_spans.get(number, ()) if span.covers(order)]

    def for_path(self, relative_path: str) -> FileHistory | None:
        """The history of the file at `relative_path`: now there, renamed from there, or removed."""
        key = _normalise(relative_path)
        found = self.files.get(key) or self.removed.get(key)
        if found is None and key in self.former_paths:
            found = self.files.get(self.former_paths[key])
        return found

    def numbers_used(self) -> dict[int, list[NumberUse]]:
        """Every number that ever existed in the log folder, with each decision that held it."""
        return {number: list(uses) for number, uses in sorted(self.numbers.items())}

    def max_number_ever(self) -> int:
        return max(self.numbers, default=0)

    def __iter__(self) -> Iterator[FileHistory]:
        return iter(self.files.values())


def _normalise(path: str) -> str:
    if (
        path.__class__ is str
        and "\\" not in path
        and "//" not in path
        and "./" not in path
        and not path.endswith(("/", "/."))
    ):
        return path  # already what PurePosixPath would make of it: the usual case, no object built
    text = str(path).replace("\\", "/")
    while text.startswith("./"):
        text = text[2:]
    return PurePosixPath(text).as_posix() if text else text
