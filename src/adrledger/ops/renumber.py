"""`adr renumber N M`: move a record to a free number and rewrite every reference to it.

The usual cause is a merge: two branches each created 0042. The record moves to its new file
name and heading; across the log, links to its file, adr-tools link lines ("[42. Title]"),
"ADR-0042" / "ADR 42" mentions and front matter relation keys follow it. When another record
keeps the old number (the collision case), a bare "ADR-0042" could mean either, so mentions
are only rewritten on lines that also link to the moved file. All files change in one
transaction.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..base.textio import read_record_bytes
from ..edit import Edit, edits_between
from ..edit.lines import front_matter_range
from ..edit.rawtext import RawDocument
from ..errors import AdrError, UsageError
from ..log import DecisionLog
from ..parse.lexer import fenced_lines
from .lifecycle import Outcome, Session, label, session

_RELATION_KEY = re.compile(r"^(?:supersedes|superseded[-_ ]by|amends|amended[-_ ]by|related|links)\s*:", re.I)


if TYPE_CHECKING:
    from ..history import NumberUse


def renumber(log: DecisionLog, reference: str, number: int) -> Outcome:
    """Give the record `reference` the number `number`; every file involved changes together."""
    with session(log, reason=f"renumber {reference} {number}") as change:
        editable = change.open(reference)
        old = editable.record.number
        if old is None:
            raise UsageError(
                f"{editable.path.name} has no number to change (a draft gets one with adr propose)", path=editable.shown
            )
        if old == number:
            raise UsageError(f"{label(editable)} already has the number {number}", path=editable.shown)
        _require_free(change, number)
        old_path = editable.path
        digits = len(re.match(r"\d*", old_path.name).group(0)) or log.config.padding  # type: ignore[union-attr]
        new_path = old_path.with_name(re.sub(r"^\d+", f"{number:0{digits}d}", old_path.name, count=1))
        ambiguous = sum(1 for n, _ in log.numbered_names() if n == old) > 1
        rewrite = Rewrite(old, number, old_path.name, new_path.name, ambiguous)
        _move(change, editable.path, new_path, rewrite)
        for path in log.files():
            if path.resolve() != old_path.resolve():
                _rewrite_file(change, path, rewrite)
        change.outcome.renamed = (old_path, new_path)
        return change.commit()


def _require_free(change: Session, number: int) -> None:
    log = change.log
    taken = [name for n, name in log.numbered_names() if n == number]
    if taken:
        raise UsageError(
            f"the number {number} is taken by {taken[0]}: choose a free one "
            f"(the next is {change.writing.next_number()})"
        )
    for used in _numbers_in_history(log).get(number, []):
        raise UsageError(
            f"the number {number} was used before by {getattr(used, 'path', '?')}: numbers are "
            f"never reused (the next free one is {change.writing.next_number()})"
        )


def _numbers_in_history(log: DecisionLog) -> dict[int, list[NumberUse]]:
    # lazy: keeps history off this module's import
    from ..history import load_history

    history = load_history(log)
    return dict(history.numbers_used()) if history.available else {}


class Rewrite:
    """How the references to one record change: its number and its file name."""

    def __init__(self, old: int, new: int, old_name: str, new_name: str, ambiguous: bool):
        self.old, self.new = old, new
        self.old_name, self.new_name = old_name, new_name
        self.ambiguous = ambiguous
        self._file = re.compile(rf"(?<![\w.-]){re.escape(old_name)}(?![\w.-])")
        self._mention = re.compile(rf"\b(ADR|RFC)([-\s#_]?)(0*){old}\b", re.IGNORECASE)
        self._link_text = re.compile(rf"\[(\s*)(0*){old}\.(\s)")
        self._bare = re.compile(rf"(?<![\w.-])(0*){old}(?![\w.])")

    def number(self, zeros: str) -> str:
        width = len(zeros) + len(str(self.old))
        return f"{self.new:0{width}d}" if zeros else str(self.new)

    def line(self, text: str, in_front_matter: bool) -> str:
        """One line with its references to the moved record rewritten."""
        links_here = self.old_name in text
        text = self._file.sub(self.new_name, text)
        if links_here:
            text = self._link_text.sub(lambda m: f"[{m.group(1)}{self.number(m.group(2))}.{m.group(3)}", text)
        if links_here or not self.ambiguous:  # in a collision a bare "ADR-0042" may mean the other one
            text = self._mention.sub(lambda m: f"{m.group(1)}{m.group(2)}{self.number(m.group(3))}", text)
            if in_front_matter and _RELATION_KEY.match(text):
                head, _, rest = text.partition(":")
                text = head + ":" + self._bare.sub(lambda m: self.number(m.group(1)), rest)
        return text


def _move(change: Session, old_path: Path, new_path: Path, rewrite: Rewrite) -> None:
    editable = change.open_path(old_path)
    del change.opened[old_path.resolve()]
    edits = moved_record_edits(
        old_path, editable.original, editable.record.title_line, new_path, rewrite, change.reason
    )
    change.transaction.add(edits, editable.original)
    change.outcome.written.append(new_path)


def moved_record_edits(
    path: Path, data: bytes, title_line: int, new_path: Path, rewrite: Rewrite, reason: str = ""
) -> tuple[Edit, ...]:
    """The moved record's edits: the number in its title and its references to itself, then its new name."""
    doc = RawDocument.from_bytes(data, path.name)
    title = title_line - 1
    for index, line in enumerate(doc.lines):
        if index == title:
            doc.replace(
                index,
                re.sub(
                    rf"^(#\s+(?:\[?\s*(?:ADR|RFC)[-\s#_]?)?)(0*){rewrite.old}\b",
                    lambda m: m.group(1) + rewrite.number(m.group(2)),
                    line,
                    count=1,
                    flags=re.IGNORECASE,
                ),
            )
    _rewrite_lines(doc, rewrite)
    return edits_between(str(path), data, doc.to_bytes(), reason) + (
        Edit(str(path), reason=reason, rename_to=str(new_path)),
    )


def _rewrite_file(change: Session, path: Path, rewrite: Rewrite) -> None:
    try:
        data = read_record_bytes(path, change.log.root)
    except OSError:
        return  # a pipe or a link out of the log: nothing of ours to rewrite
    edits = reference_edits(path, data, rewrite, change.reason)
    if edits:
        change.transaction.add(edits, data)
        change.outcome.written.append(path)


def reference_edits(path: Path, data: bytes, rewrite: Rewrite, reason: str = "") -> tuple[Edit, ...]:
    """The edits that point one file's references to the moved record at its new number and name."""
    if rewrite.old_name.encode() not in data and str(rewrite.old).encode() not in data:
        return ()  # cheap test first: most records never mention it
    try:
        doc = RawDocument.from_bytes(data, path.name)
    except AdrError:
        return ()  # a binary file among the records: nothing to rewrite
    _rewrite_lines(doc, rewrite)
    return edits_between(str(path), data, doc.to_bytes(), reason)


def _rewrite_lines(doc: RawDocument, rewrite: Rewrite) -> None:
    front_end = _front_matter_end(doc.lines)
    code = fenced_lines(doc.lines)
    for index, line in enumerate(doc.lines):
        if not code[index]:
            doc.replace(index, rewrite.line(line, 0 < index < front_end))


def _front_matter_end(lines: list[str]) -> int:
    bounds = front_matter_range(lines)
    return bounds[1] if bounds else 0
