"""Fixes that write the missing side of a relation, in the style the record already uses.

"B is superseded by A" changes B's status (as `adr supersede` and adr-tools do); the other
relations are added as a line where the record keeps its links: the Status section of a Nygard
record, its Related section, beside its metadata, or in its front matter.
"""

from __future__ import annotations

import os
import re

from ..model import Record
from .context import LogContext, Source
from .diagnostics import Fix, LineEdit
from .edits import insert_metadata

VERBS = {"superseded_by": "Superseded by", "supersedes": "Supersedes", "amends": "Amends",
         "amended_by": "Amended by"}


def citation(ctx: LogContext, source_record: Record, target: Record) -> str:
    """A Markdown link from `source_record` to `target`, in the log's citation style."""
    here = ctx.sources.resolve(source_record.path).parent
    relative = os.path.relpath(ctx.sources.resolve(target.path), here).replace(os.sep, "/")
    if source_record.status_source == "section":  # adr-tools' own form
        text = f"{target.number}. {target.title}"
    else:
        digits = max(len(re.match(r"\d*", target.path.rsplit("/", 1)[-1]).group(0)), 3)  # type: ignore[union-attr]
        text = f"ADR-{target.number:0{digits}d}: {target.title}"
    return f"[{text}]({relative})"


def mirror_fix(ctx: LogContext, record: Record, kind: str, other: Record) -> Fix | None:
    """The edit that makes `record` state `kind` -> `other` (e.g. superseded_by the record that supersedes it)."""
    source = ctx.sources.get(record.path)
    link = citation(ctx, record, other)
    if kind == "superseded_by":
        edit = set_status(source, record, f"Superseded by {link}")
    else:
        edit = add_relation_line(source, record, VERBS[kind], link)
    if edit is None:
        return None
    return Fix(f"write '{VERBS[kind]} ADR-{other.number}' in {record.path}", "safe", (edit,))


def set_status(source: Source, record: Record, value: str) -> LineEdit | None:
    line, raw = record.status_line, record.status_raw
    if not line or not raw:
        return None
    text = source.line(line)
    if record.status_source == "front_matter":
        line = _front_matter_key_line(source, record, "status")
        text = source.line(line)
        match = re.match(r"(\s*status\s*:\s*).*$", text, re.IGNORECASE)
        quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return LineEdit(source.path, line, text, match.group(1) + quoted) if line and match else None
    if raw not in text:
        return None
    return LineEdit(source.path, line, text, text.replace(raw, value, 1))


def _front_matter_key_line(source: Source, record: Record, key: str) -> int:
    """The line of a top-level front matter key (0 when absent)."""
    if source.line(record.start_line).rstrip() != "---":
        return 0
    for number in range(record.start_line + 1, min(record.end_line, record.start_line + 400) + 1):
        text = source.line(number)
        if text.rstrip() in ("---", "..."):
            return 0
        if re.match(rf"{re.escape(key)}\s*:", text, re.IGNORECASE):
            return number
    return 0


def add_relation_line(source: Source, record: Record, verb: str, link: str) -> LineEdit | None:
    """A line `<verb> <link>` in the first place the record's style keeps relations."""
    if record.status_source == "section" and record.status_line:
        text = source.line(record.status_line)
        return LineEdit(source.path, record.status_line, text, f"{text}\n\n{verb} {link}")
    related = record.section("related")
    if related is not None:
        return _append_item(source, related.line, related.body_end_line, f"{verb} {link}")
    if record.status_source in ("bold", "plain", "list", "front_matter"):
        return insert_metadata(source, record, verb, link if record.status_source != "front_matter"
                               else '"' + link.replace('"', '\\"') + '"')
    return None


def _append_item(source: Source, heading: int, last: int, text: str) -> LineEdit:
    """Append a list item after the last non-blank line of a section (matching its bullet)."""
    end = heading
    for number in range(heading + 1, last + 1):
        if source.line(number).strip():
            end = number
    bullet = "-"
    for number in range(heading + 1, end + 1):
        match = re.match(r"\s*([-*+])\s", source.line(number))
        if match:
            bullet = match.group(1)
            break
    current = source.line(end)
    separator = "\n" if end > heading else "\n\n"
    return LineEdit(source.path, end, current, f"{current}{separator}{bullet} {text}")
