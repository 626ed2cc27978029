"""The lifecycle of records: propose, accept, reject, deprecate, supersede, link, amend.

A small state machine decides what may happen to a record; the editors (edit.py) change only
its status and relation lines; every file a change touches is written in one transaction, so
either all of them change or none does. Records are found by file name and only the files
involved are parsed: the commands stay fast in logs of thousands of records.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..base.textio import read_record_bytes
from ..edit.record import (
    EditableRecord,
    Target,
    add_relation,
    add_supersedes,
    append_review_row,
    mark_superseded,
    require_single,
    set_number,
    set_status,
)
from ..edit.spelling import spelling_for
from ..errors import UsageError
from ..log import DecisionLog
from ..log.lookup import file_for_number, find_record_file, is_draft
from ..model import cite
from .authoring import Template, new_file_convention, plan_record, today
from .transaction import Transaction
from .writing import WriteSession, write_session

OPEN = ("draft", "proposed", "other")  # not decided yet
HISTORY = ("rejected", "deprecated", "superseded")  # decided, and no longer in force
# transition -> (target status, statuses it may start from)
TRANSITIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "propose": ("proposed", ("draft", "other")),
    "accept": ("accepted", OPEN),
    "reject": ("rejected", OPEN),
    "deprecate": ("deprecated", ("accepted",)),
}
_ADVICE = {
    ("propose", "accepted"): "an accepted record is history: supersede it with a new record instead",
    ("accept", "rejected"): "a rejected record stays rejected: propose a new record instead",
    ("reject", "accepted"): "an accepted record is history: deprecate it or supersede it instead",
    ("deprecate", "proposed"): "it was never accepted: reject it instead",
    ("deprecate", "draft"): "it was never accepted: reject it instead",
}


@dataclass
class Outcome:
    """What a change did: the files it wrote (in order), and a draft's new path when it got a number."""

    written: list[Path] = field(default_factory=list)
    renamed: tuple[Path, Path] | None = None


class Session:
    """One change to the log: the records it opened, edited together, committed together."""

    def __init__(self, log: DecisionLog, writing: WriteSession, reason: str = ""):
        self.log = log
        self.writing = writing  # the lock is held: next_number is ours to hand out
        self.reason = reason  # what the change is for, given to each of its edits
        self.opened: dict[Path, EditableRecord] = {}
        self.transaction = Transaction(log.root)
        self.outcome = Outcome()

    def open(self, reference: str | int) -> EditableRecord:
        path = find_record_file(self.log, str(reference))
        return self.open_path(path)

    def open_path(self, path: Path) -> EditableRecord:
        named, path = path, path.resolve()
        if path not in self.opened:
            # Read through the name the log lists, so a link out of the log is refused under that name.
            editable = EditableRecord(path, read_record_bytes(named, self.log.root), self.relative(path))
            editable.shown = f"{self.log.config.dir_display}/{editable.relative}"
            _require_single(editable)
            self.opened[path] = editable
        return self.opened[path]

    def adopt(self, editable: EditableRecord) -> None:
        """Take in a record that exists only in memory so far (a new one)."""
        self.opened[editable.path.resolve()] = editable

    def relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.log.root.resolve()).as_posix()
        except ValueError:
            return path.name

    def commit(self) -> Outcome:
        """Every opened record's edits, and any others the change added, in one transaction."""
        for path, editable in self.opened.items():
            if editable.modified or not path.exists():
                self.transaction.add(editable.edits(self.reason), editable.original)
                self.outcome.written.append(path)
        self.transaction.commit()
        return self.outcome


@contextmanager
def session(log: DecisionLog, create: bool = False, reason: str = "") -> Iterator[Session]:
    """A change under the log folder's lock: read, check, edit, then commit everything at once."""
    if create:
        log.root.mkdir(parents=True, exist_ok=True)
    elif not log.root.is_dir():
        raise UsageError(f"The {log.config.dir_display} directory does not exist")
    with write_session(log) as writing:  # a change killed half-way is finished before we read anything
        yield Session(log, writing, reason)


# ---- transitions --------------------------------------------------------------------------


def transition(log: DecisionLog, name: str, reference: str) -> Outcome:
    """propose | accept | reject | deprecate one record; a draft gets its number on the way."""
    target, allowed = TRANSITIONS[name]
    with session(log, reason=f"{name} {reference}") as change:
        editable = change.open(reference)
        current = editable.record.status
        if current == target:
            raise UsageError(f"{label(editable)} is already {target}", path=editable.shown)
        if current not in allowed:
            advice = _ADVICE.get((name, current)) or f"only {_a(' or '.join(_words(allowed)))} record can be {target}"
            raise UsageError(f"cannot {name} {label(editable)}: it is {current}; {advice}", path=editable.shown)
        if name in ("propose", "accept") and is_draft(editable.path):
            editable = _number_draft(change, editable)
        set_status(editable, target)
        return change.commit()


def _a(words: str) -> str:
    """ "an accepted", "a proposed or draft": the article the words take."""
    return f"{'an' if words[:1] in 'aeiou' else 'a'} {words}"


def _words(statuses: tuple[str, ...]) -> list[str]:
    return [s for s in statuses if s != "other"] or list(statuses)


def _number_draft(change: Session, editable: EditableRecord) -> EditableRecord:
    """Move XXXX-title.md to the next free number (we hold the folder lock) and fix its heading."""
    number = change.writing.next_number()
    convention = new_file_convention(change.log)
    padding = convention.width or change.log.config.padding
    slug = re.sub(r"^(?:x{3,}|n{3,}|draft)[-_ ]?", "", editable.path.name, flags=re.IGNORECASE)
    named = (
        convention.name(convention.slug(slug.rsplit(".", 1)[0]), number, today()[:10]) if convention.numbered else None
    )
    new_path = editable.path.with_name(named or f"{number:0{padding}d}-{slug}")
    if os.path.lexists(new_path):  # a dangling link takes the name too; an unusable name is not taken
        raise UsageError(f"cannot number the draft: {new_path.name} already exists", path=editable.shown)
    moved = EditableRecord(new_path, editable.original, change.relative(new_path))
    moved.moved_from = editable.path  # its edits rename the draft: the new name does not exist yet
    set_number(moved, number, padding)
    del change.opened[editable.path.resolve()]
    change.adopt(moved)
    change.outcome.renamed = (editable.path, new_path)
    return moved


def supersede(log: DecisionLog, old_reference: str, new_reference: str, accept: bool = False) -> Outcome:
    """NEW supersedes OLD: OLD's status becomes "Superseded by NEW", and each links to the other.

    An accepted decision is replaced only by an accepted one: a NEW still open is refused, or
    with `accept` accepted in the same change.
    """
    with session(log, reason=f"{new_reference} supersedes {old_reference}") as change:
        old, new = change.open(old_reference), change.open(new_reference)
        status = new.record.status
        if status in OPEN and not is_draft(new.path):
            if not accept:
                raise UsageError(
                    f"{label(new)} is {status}: an accepted decision is replaced by an accepted one; "
                    f"accept it first (adr accept {new.record.number}), or add --accept to accept it "
                    "as it supersedes",
                    path=new.shown,
                )
            set_status(new, "accepted")
        link_supersession(change, old, new)
        return change.commit()


def link_supersession(change: Session, old: EditableRecord, new: EditableRecord) -> None:
    """Check that NEW may supersede OLD, then edit both."""
    check_supersession(change, old, new)
    spelling = spelling_for(change.log.root, change.log.config.supersede_spelling)
    mark_superseded(old, new.as_target(), spelling)
    add_supersedes(new, old.as_target(), spelling)


def check_supersession(change: Session, old: EditableRecord, new: EditableRecord) -> None:
    if old.path == new.path:
        raise UsageError(f"{label(old)} cannot supersede itself", path=old.shown)
    if is_draft(new.path):
        raise UsageError(f"{label(new)} is an unnumbered draft: propose it first (adr propose)", path=new.shown)
    status = old.record.status
    if status == "superseded":
        by = ", ".join(cite(ref) for ref in old.record.superseded_by) or "another record"
        raise UsageError(f"{label(old)} is already superseded by {by}", path=old.shown)
    if status != "accepted":
        raise UsageError(
            f"cannot supersede {label(old)}: it is {status}; only an accepted record can be superseded", path=old.shown
        )
    if new.record.status in HISTORY:
        raise UsageError(f"{label(new)} is {new.record.status}: it cannot supersede another record", path=new.shown)
    if _reaches(change, new, old.record.number, "superseded_by") or _reaches(
        change, old, new.record.number, "supersedes"
    ):
        raise UsageError(f"{label(new)} superseding {label(old)} would make a supersession cycle", path=new.shown)


def _reaches(change: Session, start: EditableRecord, goal: int | None, kind: str) -> bool:
    """Whether following `kind` relations from `start` leads to record number `goal`."""
    seen: set[int] = set()
    frontier = list(start.record.relations_of(kind))
    while frontier and goal is not None:
        number = frontier.pop().number
        if number is None or number in seen:
            continue
        if number == goal:
            return True
        seen.add(number)
        path = file_for_number(change.log, number)
        if path is not None:
            frontier.extend(change.open_path(path).record.relations_of(kind))
    return False


def link(log: DecisionLog, source: str, forward: str, target: str, reverse: str) -> Outcome:
    """adr-tools' `adr link`: "FORWARD target" in SOURCE and "REVERSE source" in TARGET."""
    with session(log, reason=f"link {source} {forward} {target}") as change:
        first, second = change.open(source), change.open(target)
        add_relation(first, forward, second.as_target())
        add_relation(second, reverse, first.as_target())
        return change.commit()


def amend(log: DecisionLog, reference: str, note: str, author: str, date: str) -> Outcome:
    """Record a change to a record as a row of its review log instead of rewriting its history."""
    if not note.strip():
        raise UsageError("amend needs a note saying what changed (--note)")
    with session(log, reason=f"amend {reference}") as change:
        editable = change.open(reference)
        status = editable.record.status
        if status in HISTORY:
            raise UsageError(f"{label(editable)} is {status}: it is history and is not amended", path=editable.shown)
        if status == "accepted" and log.config.policy == "strict":
            raise UsageError(
                f"{label(editable)} is accepted and the log's policy is strict: write a new record that "
                f"supersedes it (adr new -s {editable.record.number} TITLE), or set "
                'policy = "amend-with-log"',
                path=editable.shown,
            )
        append_review_row(editable, date, note.strip(), author)
        return change.commit()


def create_linked(
    log: DecisionLog,
    title: str,
    template: object,
    supersedes: list[str],
    links: list[tuple[str, str, str]],
    status: str | None = None,
    **fields: str,
) -> Path:
    """`adr new -s OLD -l "TARGET:LINK:REVERSE"`: the new record and every edit, in one transaction.

    The order is adr-tools': each superseded record in turn, then each link.
    """
    assert isinstance(template, Template)
    with session(log, create=True, reason=f"new record {title}") as change:
        targets = [change.open(reference) for reference in supersedes]  # unknown references fail first
        linked = [(change.open(reference), forward, reverse) for reference, forward, reverse in links]
        number = change.writing.next_number()
        name, text = plan_record(
            log,
            title,
            template,
            number,
            status=status,
            deciders=fields.get("deciders", ""),
            tags=fields.get("tags", ""),
            author=fields.get("author", ""),
        )
        path = log.root / name
        if path.exists():
            raise UsageError("a record with this file name already exists", path=path)
        new = EditableRecord(path, text.encode("utf-8"), change.relative(path))
        new.original = b""
        change.adopt(new)
        for old in targets:
            link_supersession(change, change.open_path(old.path), new)
        for target, forward, reverse in linked:
            add_relation(new, forward, target.as_target())
            add_relation(change.open_path(target.path), reverse, new.as_target())
        change.commit()
        return path


def label(editable: EditableRecord) -> str:
    number = editable.record.number
    return f"ADR-{number:04d}" if number is not None else editable.path.name


def _require_single(editable: EditableRecord) -> None:
    require_single(editable)


__all__ = [
    "Outcome",
    "Session",
    "Target",
    "amend",
    "create_linked",
    "find_record_file",
    "link",
    "session",
    "supersede",
    "transition",
]
