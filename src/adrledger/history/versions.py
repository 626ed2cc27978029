"""One version of a record file, reduced to what history needs, and how two versions differ."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..base.textio import decode
from ..model import Record
from ..parse import parse_bytes
from .prose import cites_of, only_corrections, prose_key, prose_words

# Front matter keys that carry the lifecycle: editing them is a status or relation change.
_LIFECYCLE_KEYS = {
    "status",
    "supersedes",
    "superseded-by",
    "superseded_by",
    "supersededby",
    "amends",
    "amended-by",
    "amended_by",
    "related",
    "links",
}
_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
MAX_DIFF_LINES = 20_000
_MAX_FIXED_LINES = 60  # lines a spelling-fix edit may touch in one record


@dataclass(frozen=True)
class VersionInfo:
    """The facts of one file version that its history is made of."""

    status: str
    title: str
    numbers: tuple[tuple[int, str], ...]  # (number, title) of each numbered record in the file
    lifecycle_lines: frozenset[int]  # status and relation lines
    date_lines: frozenset[int]
    review_rows: frozenset[tuple[str, str, str]]
    # Digest of the words a reader reads (history.prose): equal when only the dress changed. "" until an
    # edit needs it (a working copy's version: most are never compared, and reading prose is most of a cold run).
    prose: str = ""
    cites: frozenset[int] = frozenset()  # record numbers the version cites as "ADR-N"
    date: str = ""  # the record's date, ISO when it reads as one, else as written ("" when it states none)


@dataclass(frozen=True)
class EditFacts:
    only_status_or_relations: bool
    adds_review_row: bool
    changed_lines: tuple[int, ...]
    prose_changed: bool = True


def read_version(data: bytes, path: str) -> VersionInfo:
    """Parse one version of a file (any bytes: never raises on content)."""
    return version_of(_parse(data, path), data, with_prose=True)


def version_of(records: list[Record], data: bytes, with_prose: bool = False) -> VersionInfo:
    """The facts of a version from its parsed records and the bytes they were parsed from (its prose key
    only `with_prose`: else `compare` reads it when an edit needs it)."""
    main = _main_record(records)
    lines = text_lines(data)
    lifecycle = _lifecycle_of(records, lines)
    date_lines = frozenset(r.date_line for r in records if r.date_line)
    prose = prose_key(records, lines[:MAX_DIFF_LINES], lifecycle | date_lines) if with_prose else ""
    return VersionInfo(
        status=main.status if main else "other",
        title=main.title if main else "",
        numbers=tuple((r.number, r.title) for r in records if r.number is not None),
        lifecycle_lines=lifecycle,
        date_lines=date_lines,
        review_rows=frozenset((e.date_raw, e.change, e.author) for r in records for e in r.review_log),
        prose=prose,
        cites=cites_of(records),
        date=(main.date or main.date_raw or "") if main else "",
    )


def _lifecycle_of(records: list[Record], lines: list[str]) -> frozenset[int]:
    lifecycle: set[int] = set()
    for record in records:
        lifecycle |= _lifecycle_lines(record, lines if record.front_matter else [])
    return frozenset(lifecycle)


def _main_record(records: list[Record]) -> Record | None:
    """The record a file stands for: its only one, or the first numbered one of a bundle."""
    if not records:
        return None
    return next((r for r in records if r.number is not None), records[0])


def _lifecycle_lines(record: Record, lines: list[str]) -> set[int]:
    found = {r.line for r in record.relations if r.line and r.source != "prose"}
    if record.status_line and record.status_source != "front_matter":
        found.add(record.status_line)
    status_section = record.section("status")
    if status_section is not None:  # every line of a Status section is lifecycle, not reasoning
        found.update(range(status_section.line + 1, max(status_section.body_end_line, status_section.line) + 1))
    if record.front_matter and record.front_matter_lines:
        found |= _front_matter_lifecycle_lines(lines, record.front_matter_lines)
    return found


def _front_matter_lifecycle_lines(lines: list[str], fences: tuple[int, int]) -> set[int]:
    """Lines of lifecycle keys in the front matter (between the parser's `fences`), with their indented
    or listed continuations."""
    found: set[int] = set()
    inside_key = False
    for index in range(fences[0], min(fences[1] - 1, len(lines))):
        text = lines[index]
        match = _FRONT_KEY.match(text)
        if match:
            inside_key = match.group(1).lower() in _LIFECYCLE_KEYS
        elif not (text.startswith((" ", "\t", "-")) or not text.strip()):
            inside_key = False
        if inside_key:
            found.add(index + 1)
    return found


def text_lines(data: bytes) -> list[str]:
    lines = decode(data).text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def compare(old_data: bytes, new_data: bytes, old: VersionInfo, new: VersionInfo, path: str = "record.md") -> EditFacts:
    """What an edit touched: only lifecycle lines or more, a new review row, which lines changed."""
    old_lines, new_lines = (
        text_lines(old_data)[:MAX_DIFF_LINES],
        text_lines(new_data)[:MAX_DIFF_LINES],
    )
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    removed: list[int] = []
    inserted: list[int] = []
    anchors: list[int] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed += range(i1 + 1, i2 + 1)
        inserted += range(j1 + 1, j2 + 1)
        if tag == "delete" and new_lines:  # point at where the lines were, in the newer version
            anchors.append(min(j1 + 1, len(new_lines)))
    status_changed = old.status != new.status
    # A date updated together with a status change is bookkeeping of the transition.
    allowed_old = old.lifecycle_lines | (old.date_lines if status_changed else frozenset())
    allowed_new = new.lifecycle_lines | (new.date_lines if status_changed else frozenset())
    only = _all_allowed(removed, old_lines, allowed_old) and _all_allowed(inserted, new_lines, allowed_new)
    # Spelling fixes replace lines one for one: only such edits are worth reading both versions again for.
    fixes = len(removed) == len(inserted) <= _MAX_FIXED_LINES
    prose_changed = (
        not only
        and _prose(old, old_data, path) != _prose(new, new_data, path)
        and not (fixes and _corrections(old_data, new_data, path))
    )
    changed = sorted(set(inserted + anchors))
    beyond = [n for n in changed if n not in allowed_new]  # point past the status and relation lines
    return EditFacts(only, bool(new.review_rows - old.review_rows), tuple(beyond or changed), prose_changed)


def _prose(info: VersionInfo, data: bytes, path: str) -> str:
    return info.prose or prose_key(*_prose_input(data, path))


def _parse(data: bytes, path: str) -> list[Record]:
    try:
        return parse_bytes(data, path)
    except RecursionError:
        return []


def _corrections(old_data: bytes, new_data: bytes, path: str) -> bool:
    """Whether the prose changed only by spelling fixes (both versions read again: only for edits that differ)."""
    return only_corrections(_words_of(old_data, path), _words_of(new_data, path))


def _words_of(data: bytes, path: str) -> list[str]:
    return prose_words(*_prose_input(data, path), fold=False)


def _prose_input(data: bytes, path: str) -> tuple[list[Record], list[str], frozenset[int]]:
    """A version read for its prose: its records, its lines, and the lines prose leaves out (status,
    relations and dates)."""
    records = _parse(data, path)
    lines = text_lines(data)[:MAX_DIFF_LINES]
    return records, lines, _lifecycle_of(records, lines) | {r.date_line for r in records if r.date_line}


def _all_allowed(numbers: list[int], lines: list[str], allowed: frozenset[int]) -> bool:
    """True when every numbered line is allowed or blank."""
    return all(n in allowed or not lines[n - 1].strip() for n in numbers)
