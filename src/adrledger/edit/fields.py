"""Deciders and tags of a new record (`adr new --deciders --tags`), written where its style keeps them.

A template that has a place for them (`{{deciders}}`, `{{tags}}`) is filled as it is. Otherwise
the fields go where the record keeps its metadata: its front matter, or a new line shaped like
its own metadata lines ("**Status:** X" gives "**Tags:** a, b", "Date: D" gives "Tags: a, b",
"- **Status:** X" gives "- **Tags:** a, b"). The result is read back: a template with no
metadata at all is refused, naming its style, rather than dropping what was asked for.
"""

from __future__ import annotations

import re

from ..errors import UsageError
from ..model import Record
from ..parse import parse_text
from ..parse.metadata import read_line, split_people, split_tags
from ..styles import get_style
from . import lines as edit_lines

_FRONT_KEYS = {"deciders": ("decision-makers", "deciders"), "tags": ("tags",)}
_FIELD_SHAPE = re.compile(
    r"(?P<before>\s*(?:>\s*)*(?:[-*+]\s+)?(?:\*\*|__)?)(?P<key>[^:*_|]+?)"
    r"(?P<after>(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*)"
)


def with_fields(text: str, name: str, style: str, deciders: str, tags: str) -> str:
    """`text` with the deciders and tags asked for, wherever the template left them out."""
    wanted = {"deciders": split_people(deciders), "tags": split_tags(tags)}
    wanted = {key: values for key, values in wanted.items() if values}
    if not wanted:
        return text
    record = parse_text(text, name)[0]
    missing = {key: values for key, values in wanted.items() if _read(record, key) != values}
    if not missing:
        return text
    lines = text.split("\n")
    for key, values in missing.items():
        lines = _written(lines, record, key, ", ".join(values), style)
    result = "\n".join(lines)
    again = parse_text(result, name)[0]
    lost = [key for key, values in missing.items() if _read(again, key) != values]
    if lost:
        raise UsageError(
            f"the {style} template has no metadata line to hold {' and '.join(lost)}: "
            f"add {'them' if len(lost) > 1 else 'it'} to the record by hand"
        )
    return result


def _read(record: Record, key: str) -> tuple[str, ...]:
    return record.deciders if key == "deciders" else record.tags


def _written(lines: list[str], record: Record, key: str, value: str, style: str) -> list[str]:
    bounds = edit_lines.front_matter_range(lines)
    if bounds is not None:
        return _in_front_matter(lines, bounds[1], key, value)
    model = _metadata_lines(lines, record)
    if not model:
        return lines
    last = model[-1]
    label = get_style(style).deciders_label if key == "deciders" else "Tags"
    shape = _FIELD_SHAPE.match(lines[last].split(" | ")[0])
    if shape is None:
        return lines
    line = f"{shape.group('before')}{label}{shape.group('after') or ': '}{value}"
    spaced = len(model) > 1 and model[-1] - model[-2] == 2  # "**Status:** X", a blank line, "**Date:** D"
    return lines[: last + 1] + ([""] if spaced else []) + [line] + lines[last + 1 :]


def _in_front_matter(lines: list[str], closing: int, key: str, value: str) -> list[str]:
    for name in _FRONT_KEYS[key]:
        found = edit_lines.front_matter_key(lines, name)
        if found is not None:
            index, span = found
            old = lines[index][span[0] : span[1]]
            if not old.strip():  # the template's empty "decision-makers:"
                return [
                    *lines[:index],
                    edit_lines.replace_span(lines[index], span, edit_lines.yaml_scalar(value, "")),
                    *lines[index + 1 :],
                ]
    line = f"{_FRONT_KEYS[key][0]}: {edit_lines.yaml_scalar(value, '')}"
    return lines[:closing] + [line] + lines[closing:]


def _metadata_lines(lines: list[str], record: Record) -> list[int]:
    """Indexes of the lines under the title (or in Document Info) that hold metadata fields."""
    first_section = record.sections[0].line if record.sections else len(lines) + 1
    ranges = [(record.title_line, first_section - 1)]
    info = record.section("document_info")
    if info is not None:
        ranges.append((info.line, info.body_end_line))
    return [
        index
        for start, end in ranges
        for index in range(start, min(end, len(lines)))
        if read_line(lines[index], index + 1)
    ]
