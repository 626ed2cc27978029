"""Metadata lines in every shape: bold, plain, listed, piped on one line, tabled, in front matter."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Status, StatusSource
from .doc import Doc
from .tables import strip_inline
from .vocab import METADATA_KEY_BY_NAME, asks_for_input, normalise_status, status_words

_KEY_VALUE = re.compile(
    r"\s*(?:>\s*)*(?:[-*+]\s+)?(?P<key>[A-Za-zÀ-ɏ][\w À-ɏ/&'-]{0,40}?)\s*(?:\([^)]{0,30}\)\s*)?:\s*"
    r"(?P<value>(?:.*\S)?)\s*$"  # greedy up to the last non-space: a lazy value costs the square of inner spaces
)
_NO_COLON = re.compile(r"\s*(?:[-*+]\s+)?(?P<key>date|status)\s+(?P<value>\S(?:.*\S)?)\s*$", re.IGNORECASE)
_PIPE_SPLIT = re.compile(r"(?<!\s)\s+\|\s+(?=[A-Za-z][\w /-]{0,30}:)")  # from a run's first space only: linear
_PLACEHOLDER_VALUE = re.compile(r"^\s*(?:\[[^\]]*\]|\{[^}]*\}|<[^>]*>|\.\.\.|…|tbd|todo|n/?a)\s*$", re.IGNORECASE)


@dataclass(slots=True)
class Field:
    key: str  # canonical key (status, date, deciders ...)
    name: str  # the key as written, lower-case
    value: str  # the value with emphasis markers removed
    line: int
    source: StatusSource


def read_line(line: str, number: int) -> list[Field]:
    """The metadata fields on one line ("**Status**: Accepted | **Date**: 2024-01-20" holds two)."""
    if ":" not in line and not _NO_COLON.match(line):
        return []
    bold = "**" in line or "__" in line
    plain = line.replace("**", "").replace("__", "")
    listed = bool(re.match(r"\s*[-*+]\s", plain))
    parts = _PIPE_SPLIT.split(plain) if "|" in plain and not plain.lstrip().startswith("|") else [plain]
    source: StatusSource = "inline" if len(parts) > 1 else "bold" if bold else "list" if listed else "plain"
    fields = []
    for part in parts:
        match = _KEY_VALUE.match(part) or _NO_COLON.match(part)
        if not match:
            continue
        name = " ".join(match.group("key").lower().split())
        key = METADATA_KEY_BY_NAME.get(name)
        if key:
            fields.append(Field(key, name, match.group("value").strip(), number, source))
    return fields


def read_table(doc: Doc, start: int, end: int) -> list[Field]:
    """Metadata kept in a table: two columns of key | value, or a header of keys over one row."""
    fields: list[Field] = []
    for table in doc.tables():
        index = doc.index(table.line)
        if not start <= index <= end:
            continue
        header = [strip_inline(c).lower() for c in table.header]
        if len(header) == 2 and not all(h in METADATA_KEY_BY_NAME for h in header):
            pairs = [(table.header, table.line)] + list(zip(table.rows, table.row_lines))
            for row, line in pairs:
                key = METADATA_KEY_BY_NAME.get(strip_inline(row[0]).lower().rstrip(":"))
                if key and len(row) > 1:
                    fields.append(Field(key, strip_inline(row[0]).lower(), row[1].replace("**", ""), line, "table"))
        elif sum(h in METADATA_KEY_BY_NAME for h in header) >= 2 and table.rows:
            for column, name in enumerate(header):
                key = METADATA_KEY_BY_NAME.get(name)
                if key and column < len(table.rows[0]):
                    fields.append(
                        Field(key, name, table.rows[0][column].replace("**", ""), table.row_lines[0], "table")
                    )
    return fields


def is_placeholder(value: str) -> bool:
    """Unfilled template values: "[YYYY-MM-DD]", "{short title}", "Proposed | Accepted | Rejected".

    A real value the author wrote inside the template's brackets ("[accepted]", "{ Active }", "[Ann, Bo]")
    is a value, not a placeholder.
    """
    match = _PLACEHOLDER_VALUE.match(value)
    if match:
        inner = value.strip()[1:-1] if value.strip()[:1] in "[{<" else ""
        return not inner.strip() or asks_for_input(inner)
    if "|" in value or " / " in value:
        words = set(status_words(value))
        return len(words) >= 3 or (len(words) >= 2 and ("…" in value or "..." in value))
    return False


def interpret_status(raw: str) -> tuple[Status, bool]:
    """(contract status word, is_placeholder) for a status as written."""
    if is_placeholder(raw):
        return "other", True
    return normalise_status(strip_inline(without_prompts(raw))), False


_BRACKETED = re.compile(r"\[[^\[\]\n]{1,300}\](?!\()|\{[^{}\n]{1,300}\}")


def without_prompts(value: str) -> str:
    """The value without the template's list of choices left beside it ("Proposed [Proposed, Accepted, ...]")."""
    if "[" not in value and "{" not in value:
        return value
    kept = _BRACKETED.sub(lambda m: " " if asks_for_input(m.group(0)[1:-1]) else m.group(0), value)
    return kept if kept.strip() else value


_PEOPLE_SPLIT = re.compile(r",(?![^()]*\))|;(?![^()]*\))|\s+and\s+(?![^()]*\))|\s+&\s+(?![^()]*\))")


def split_people(value: str) -> tuple[str, ...]:
    if is_placeholder(value):
        return ()
    text = strip_inline(value).strip()
    if text[:1] + text[-1:] in ("[]", "{}"):
        text = text[1:-1]  # names written inside the template's brackets
    people = (p.strip().lstrip("@").strip() for p in _PEOPLE_SPLIT.split(text))
    return tuple(dict.fromkeys(p for p in people if p and not _PLACEHOLDER_VALUE.match(p)))


def split_tags(value: str) -> tuple[str, ...]:
    if is_placeholder(value):
        return ()
    text = strip_inline(value).strip("[]")
    if "," in text or ";" in text:
        parts = re.split(r"[,;]", text)
    else:
        parts = text.split() if "#" in text else [text]
    tags = (p.strip().strip("#`'\"").strip() for p in parts)
    return tuple(dict.fromkeys(t for t in tags if t))


@dataclass(slots=True)
class Meta:
    """The metadata fields of one record, and its front matter."""

    fields: list[Field] = field(default_factory=list)
    front: dict[str, Any] = field(default_factory=dict)

    def first(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)

    def all(self, key: str) -> list[Field]:
        return [f for f in self.fields if f.key == key]
