"""Small, style-preserving line edits that fixes are made of: insert a metadata line, replace text in a line."""

from __future__ import annotations

import re

from ..edit import Edit
from ..model import Record
from .context import Source

# The key and what surrounds it; the value and what follows it are split by _status_line(). No two
# quantifiers over spaces stand side by side, and no lazy value precedes "\s*$": a megabyte status
# line with runs of spaces is scanned once.
_STATUS_HEAD = re.compile(
    r"(?P<pre>\s*(?:>\s*)?(?:[-*+]\s+)?(?:(?:\*\*|__)\s*)?)(?P<key>status)"
    r"(?P<mid>\s*(?:(?:\*\*|__)\s*)?:\s*(?:(?:\*\*|__)\s*)?)",
    re.IGNORECASE,
)


def _status_line(line: str) -> tuple[str, str, str, str] | None:
    """(pre, key, mid, post) of a status line: post is the closing emphasis and spaces after the value."""
    head = _STATUS_HEAD.match(line)
    if head is None:
        return None
    rest = line[head.end() :]
    value = rest.rstrip()
    if value.endswith(("**", "__")):
        value = value[:-2].rstrip()
    return head.group("pre"), head.group("key"), head.group("mid"), rest[len(value) :]


def like_key(key: str, model: str) -> str:
    """`key` written in the case of `model` ("STATUS" -> "DATE", "status" -> "date")."""
    if model.isupper():
        return key.upper()
    if model.islower():
        return key.lower()
    return key.capitalize()


def insert_metadata(source: Source, record: Record, key: str, value: str) -> Edit | None:
    """A line `key: value` added where the record keeps its metadata, in the same dress as its status line."""
    closing = record.front_matter_lines[1] if record.front_matter_lines else 0  # the closing `---`
    if closing:
        name = key.lower().replace(" ", "-")
        return Edit(source.path, closing, source.line(closing), f"{name}: {value}\n{source.line(closing)}")
    if record.status_line and record.status_source in ("bold", "plain", "list", "inline", "table"):
        status = source.line(record.status_line)
        if record.status_source == "inline" or "|" in status.strip().strip("|"):
            return _append_inline(source, record.status_line, key, value)
        parts = _status_line(status)
        if parts:
            pre, status_key, mid, post = parts
            sibling = pre + like_key(key, status_key) + mid + value + post
            gap = "\n\n" if not source.line(record.status_line + 1).strip() else "\n"
            return Edit(source.path, record.status_line, status, status + gap + sibling)
    if record.title_line:
        title = source.line(record.title_line)
        return Edit(source.path, record.title_line, title, f"{title}\n\n{key.capitalize()}: {value}")
    return None


def _append_inline(source: Source, line: int, key: str, value: str) -> Edit:
    text = source.line(line)
    bold = "**" in text
    entry = f"**{key.capitalize()}**: {value}" if bold else f"{key.capitalize()}: {value}"
    return Edit(source.path, line, text, f"{text.rstrip()} | {entry}")
