"""What a record page shows around the record's own text: its status from the model, the banner of a
retired decision, and the metadata lines some styles open with (as a definition list, not a run-on line)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Record
from ...parse.lexer import heading
from ...parse.metadata import read_line
from ...parse.tables import strip_inline
from .pages import RelatedLink

# Metadata the sidebar shows from the model (status, date, people, tags, relations): the page does
# not repeat these lines above the record's text.
SIDEBAR_KEYS = frozenset(
    {"status", "date", "deciders", "tags", "title", "supersedes", "superseded_by", "amends", "amended_by", "related"}
)
RETIRED = {"superseded": "Superseded", "deprecated": "Deprecated", "rejected": "Rejected"}
_RELATION_WORDS = re.compile(r"\]\(|\b(?:supersede[sd]?|supercede[sd]?|replace[sd]|amend(?:s|ed))\b", re.IGNORECASE)


@dataclass(frozen=True)
class Banner:
    """The note at the top of a decision that no longer holds, with the records that replace it."""

    status: str
    word: str
    successors: list[RelatedLink]


def status_note(record: Record) -> str:
    """The status as written, when it says more than the status word and names no record.

    "Superseded by [ADR-0007](0007-….md)" is shown from the model (a badge and a link), not as raw
    Markdown; "Approved by the TSC on 2022-03-02" is kept, in plain text.
    """
    raw = record.status_raw or ""
    if not raw or _RELATION_WORDS.search(raw):
        return ""
    plain = strip_inline(raw)
    return "" if plain.lower() == record.status else plain


def banner(record: Record, relations: list[tuple[str, list[RelatedLink]]]) -> Banner | None:
    """A superseded, deprecated or rejected record's banner, naming its successors."""
    word = RETIRED.get(record.status)
    if word is None:
        return None
    successors = [link for label, links in relations if label == "Superseded by" for link in links]
    return Banner(record.status, word, successors)


def leading_metadata(body: str) -> tuple[list[tuple[str, str]], str]:
    """The metadata lines a record opens with, split from its text.

    Returns the (label, Markdown value) pairs the sidebar does not already show, and the body
    without those lines. Only an unbroken run of metadata lines before the first heading counts:
    a paragraph that merely starts with "Context:" further down is the record's text.
    """
    lines = body.split("\n")
    kept: list[tuple[str, str]] = []
    end = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if heading(line):
            break
        fields = read_line(line, index + 1)
        if not fields:
            break
        kept += [(_label(f.name), f.value) for f in fields if f.key not in SIDEBAR_KEYS and f.value.strip()]
        end = index + 1
    if end == 0:
        return [], body
    return kept, "\n".join(lines[end:]).lstrip("\n")


def _label(name: str) -> str:
    return name[:1].upper() + name[1:]


__all__ = ["Banner", "banner", "leading_metadata", "status_note"]
