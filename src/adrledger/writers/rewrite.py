"""Rewrite one record of a log in another style: the file's encoding, line ends and other records kept."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

from ..base.textio import DecodedText, decode, encode_like, read_record_bytes
from ..edit import Edit, edits_between
from ..errors import UsageError
from ..log import DecisionLog
from ..model import Record, Relation
from ..parse import parse_text
from . import LinkTarget, convert
from .facts import lost_facts


@dataclass(frozen=True)
class Rewrite:
    path: Path
    old_text: str
    new_text: str
    original: DecodedText
    data: bytes = b""  # the file as it was read

    @property
    def changed(self) -> bool:
        return self.old_text != self.new_text

    def diff(self, label: str) -> str:
        lines = difflib.unified_diff(
            self.old_text.splitlines(keepends=True), self.new_text.splitlines(keepends=True), f"a/{label}", f"b/{label}"
        )
        return "".join(lines)

    def encoded(self) -> bytes:
        return encode_like(self.new_text, self.original)

    def edits(self, reason: str = "") -> tuple[Edit, ...]:
        """The conversion as edits of the file (the lines that change, byte for byte)."""
        return edits_between(str(self.path), self.data, self.encoded(), reason)


def rewrite_record(log: DecisionLog, record: Record, style: str, force: bool = False) -> Rewrite:
    """The file of `record` with that record written in `style`; refuses to lose a model fact."""
    path = log.root / record.path
    data = read_record_bytes(path, log.root)
    original = decode(data)
    lines = original.text.split("\n")
    part = "\n".join(lines[record.start_line - 1 : record.end_line]) + "\n"
    # The part alone (its lines from 1); a part of a bundle takes its number from its own heading.
    name = record.path if record.start_line == 1 and record.end_line >= len(lines) - 1 else "part-of-a-bundle.md"
    fresh = parse_text(part, name)[0]
    converted = convert(fresh, part, style, padding=log.config.padding, link=_linker(log, record))
    after = parse_text(converted, name)
    lost = lost_facts(fresh, after[0]) if len(after) == 1 else [f"the record became {len(after)} records"]
    if lost and not force:
        raise UsageError(
            "converting would change what the record says (use --force to write anyway): " + "; ".join(lost),
            path=record.path,
        )
    new_lines = lines[: record.start_line - 1] + converted.rstrip("\n").split("\n") + lines[record.end_line :]
    return Rewrite(path, original.text, "\n".join(new_lines), original, data)


def _linker(log: DecisionLog, record: Record) -> LinkTarget:
    """Links to other records: the link the record already had, else the other record's file."""
    folder = (log.root / record.path).parent
    files: dict[int, str] = {}

    def link(relation: Relation) -> str | None:
        if relation.target:
            return relation.target
        if not files:  # the log is loaded only for a relation that has no link yet: it parses every record
            files.update((number, found[0].path) for number, found in log.by_number().items())
        if relation.number is not None and relation.number in files:
            return Path(os.path.relpath(log.root / files[relation.number], folder)).as_posix()
        return None

    return link
