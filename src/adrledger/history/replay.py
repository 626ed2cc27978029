"""Replay a log folder's commits, oldest first, into one lineage per record file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .git import NULL_SHA, Commit, FileChange
from .model import Change, Citation, DateWritten, EditAfterAcceptance, FileHistory, NumberSpan, NumberUse
from .versions import EditFacts, VersionInfo

InfoLookup = Callable[[str, str], VersionInfo]  # (blob sha, path) -> the version's facts


@dataclass
class Step:
    """A change and the version it left behind (blob NULL_SHA and info None once deleted)."""

    change: Change
    blob: str
    info: VersionInfo | None


@dataclass
class Lineage:
    """One file followed through its renames."""

    path: str
    steps: list[Step] = field(default_factory=list)
    base: Step | None = None  # the version found at a shallow clone's boundary

    @property
    def last(self) -> Step | None:
        return self.steps[-1] if self.steps else self.base

    def pairs(self) -> Iterator[tuple[Step | None, Step]]:
        """(previous version, step) for every step."""
        previous = self.base
        for step in self.steps:
            yield previous, step
            previous = step


def relevant_changes(commit: Commit, prefix: str, is_record: Callable[[str], bool]) -> list[FileChange]:
    """The commit's changes to record files, with paths relative to the log folder."""
    result = []
    for change in commit.changes:
        new = inside_log(change.path, prefix, is_record)
        old = inside_log(change.old_path, prefix, is_record) if change.old_path else None
        if change.status == "R" and old and new:
            result.append(FileChange("R", change.old_blob, change.new_blob, new, old))
        elif change.status == "R" and new:  # moved in from elsewhere: new here
            result.append(FileChange("A", NULL_SHA, change.new_blob, new))
        elif change.status == "R" and old:  # moved out of the log: gone from here
            result.append(FileChange("D", change.old_blob, NULL_SHA, old))
        elif change.status != "R" and new:
            result.append(FileChange(change.status, change.old_blob, change.new_blob, new))
    return result


def inside_log(path: str | None, prefix: str, is_record: Callable[[str], bool]) -> str | None:
    """The path relative to the log folder when it names a record file there, else None."""
    if path is None:
        return None
    if prefix:
        if not path.startswith(prefix + "/"):
            return None
        path = path[len(prefix) + 1 :]
    return path if is_record(path) else None


class Replayer:
    """Applies commits in order; ends with the live lineages and the removed ones."""

    def __init__(
        self,
        info: InfoLookup,
        shallow: frozenset[str],
        live: dict[str, Lineage] | None = None,
        removed: list[Lineage] | None = None,
    ):
        self.info = info
        self.shallow = shallow
        self.live = {} if live is None else live  # carried on from an earlier replay when given
        self.removed = [] if removed is None else removed

    def touched(self, changes: list[FileChange]) -> int:
        """How many records alive before the commit it changes, renames or deletes."""
        return sum(1 for c in changes if (c.old_path if c.status == "R" else c.path) in self.live and c.status != "A")

    def apply(self, commit: Commit, changes: list[FileChange]) -> None:
        boundary = commit.sha in self.shallow and not commit.parents
        for change in changes:
            if change.status == "D":
                self._delete(commit, change)
            elif change.status == "R" and change.old_path in self.live:
                self._rename(commit, change)
            elif change.path in self.live:
                self._modify(commit, change)
            else:
                self._create(commit, change, boundary)

    def _create(self, commit: Commit, change: FileChange, boundary: bool) -> None:
        info = self.info(change.new_blob, change.path)
        lineage = Lineage(change.path)
        step = Step(_make(commit, "created", info.status, change.path), change.new_blob, info)
        if boundary:  # a shallow clone's oldest commit shows every file as added: not a creation
            lineage.base = step
        else:
            lineage.steps.append(step)
        self.live[change.path] = lineage

    def _modify(self, commit: Commit, change: FileChange) -> None:
        lineage = self.live[change.path]
        previous = lineage.last
        if previous is not None and previous.blob == change.new_blob:
            return  # a mode change: the content is the same
        info = self.info(change.new_blob, change.path)
        before = previous.info.status if previous and previous.info else None
        kind = "status" if before is not None and before != info.status else "edited"
        lineage.steps.append(Step(_make(commit, kind, info.status, change.path), change.new_blob, info))

    def _rename(self, commit: Commit, change: FileChange) -> None:
        assert change.old_path is not None
        lineage = self.live.pop(change.old_path)
        if change.path in self.live:  # renamed over another record: that one ends here
            self.removed.append(self.live.pop(change.path))
        info = self.info(change.new_blob, change.path)
        lineage.steps.append(
            Step(
                _make(commit, "renamed", info.status, change.path, change.old_path),
                change.new_blob,
                info,
            )
        )
        lineage.path = change.path
        self.live[change.path] = lineage

    def _delete(self, commit: Commit, change: FileChange) -> None:
        lineage = self.live.pop(change.path, None)
        if lineage is None:
            return
        lineage.steps.append(Step(_make(commit, "deleted", None, change.path), NULL_SHA, None))
        self.removed.append(lineage)


def _make(commit: Commit, kind: str, status: str | None, path: str, old_path: str | None = None) -> Change:
    return Change(
        commit.sha,
        commit.date,
        commit.author,
        commit.email,
        commit.message,
        kind,
        status,
        path,
        old_path,
    )


def acceptance_index(lineage: Lineage) -> int | None:
    """Index of the step after which the record counts as accepted (-1: already at the boundary)."""
    if lineage.base is not None and lineage.base.info and lineage.base.info.status == "accepted":
        return -1
    for index, step in enumerate(lineage.steps):
        if step.info is not None and step.info.status == "accepted":
            return index
    return None


def edits_to_compare(lineage: Lineage) -> list[tuple[Step, Step]]:
    """(older, newer) version pairs of every content change after acceptance."""
    start = acceptance_index(lineage)
    if start is None:
        return []
    pairs = []
    for index, (previous, step) in enumerate(lineage.pairs()):
        if index > start and previous is not None and step.info is not None and previous.blob != step.blob:
            pairs.append((previous, step))
    return pairs


def finish(lineage: Lineage, facts: dict[tuple[str, str], EditFacts], order: dict[str, int]) -> FileHistory:
    """Turn a replayed lineage into its FileHistory, given the facts of its compared edits."""
    changes = tuple(step.change for step in lineage.steps)
    start = acceptance_index(lineage)
    status_changes = tuple(
        step.change
        for previous, step in lineage.pairs()
        if step.change.kind not in ("created", "deleted")
        and previous is not None
        and previous.info is not None
        and step.info is not None
        and previous.info.status != step.info.status
    )
    edits = []
    for older, newer in edits_to_compare(lineage):
        found = facts.get((older.blob, newer.blob))
        if found is not None:
            edits.append(
                EditAfterAcceptance(
                    newer.change,
                    found.only_status_or_relations,
                    found.adds_review_row,
                    found.changed_lines,
                    found.prose_changed,
                )
            )
    return FileHistory(
        path=lineage.path,
        changes=changes,
        created=changes[0] if changes and changes[0].kind == "created" else None,
        accepted=lineage.steps[start].change if start is not None and start >= 0 else None,
        status_changes=status_changes,
        edits_after_acceptance=tuple(edits),
        authors=tuple(dict.fromkeys(c.author for c in changes if c.author)),
        truncated=lineage.base is not None,
        citations=citations(lineage, order),
        date_written=date_written(lineage),
    )


def number_uses(lineage: Lineage) -> list[NumberUse]:
    """Each number the file held, first seen where and when, under its latest title."""
    uses: dict[int, NumberUse] = {}
    steps = ([lineage.base] if lineage.base else []) + lineage.steps
    for step in steps:
        for number, title in step.info.numbers if step.info else ():
            first = uses.get(number)
            change = step.change
            if first is None:
                uses[number] = NumberUse(number, change.path, title, change.sha, change.date)
            elif title and title != first.title:
                uses[number] = NumberUse(number, first.path, title, first.sha, first.date)
    return list(uses.values())


def _all_steps(lineage: Lineage) -> list[Step]:
    return ([lineage.base] if lineage.base else []) + lineage.steps


def citations(lineage: Lineage, order: dict[str, int]) -> tuple[Citation, ...]:
    """Each number the file's latest version cites, with the commit from which it has cited it without a break."""
    steps = [(step.change, step.info.cites) for step in _all_steps(lineage) if step.info is not None]
    if not steps:
        return ()
    found = []
    for number in sorted(steps[-1][1]):
        first = len(steps) - 1
        while first > 0 and number in steps[first - 1][1]:
            first -= 1
        change = steps[first][0]
        found.append(Citation(number, change.sha, change.date, order.get(change.sha, -1)))
    return tuple(found)


def number_spans(lineage: Lineage, order: dict[str, int], live: bool) -> list[NumberSpan]:
    """The stretches of history during which the file carried each of its numbers."""
    spans: list[NumberSpan] = []
    current: tuple[int, str, str, int] | None = None  # number, path, title, start
    for step in _all_steps(lineage):
        at = order.get(step.change.sha, -1)
        held = step.info.numbers[0] if step.info is not None and step.info.numbers else None
        key = (held[0], step.change.path) if held else None
        if current is not None and (key is None or key != current[:2]):
            spans.append(NumberSpan(current[0], current[1], "", current[2], current[3], at))
            current = None
        if held is not None and current is None:
            current = (held[0], step.change.path, held[1], at)
        elif held is not None and current is not None:
            current = (current[0], current[1], held[1], current[3])  # a retitle keeps the span
    if current is not None:  # a removed file still holding a number was renamed over: when is not recorded
        spans.append(NumberSpan(current[0], current[1], "", current[2], current[3], -1 if live else 1 << 62))
    now = lineage.path if live else ""
    return [NumberSpan(s.number, s.path, now, s.title, s.start, s.end) for s in spans]


def date_written(lineage: Lineage) -> DateWritten | None:
    """The commit since which the file's record has stated the date it states now."""
    steps = [(step.change, step.info.date) for step in _all_steps(lineage) if step.info is not None]
    if not steps or not steps[-1][1]:
        return None
    first = len(steps) - 1
    while first > 0 and steps[first - 1][1] == steps[-1][1]:
        first -= 1
    change = steps[first][0]
    return DateWritten(steps[-1][1], change.sha, change.date)
